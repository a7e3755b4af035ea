//! `schema/errors.schema.json`: JSON Schema (draft 2020-12) of the error
//! response, in the catalogue's envelope.

use serde_json::{Map, Value, json};

use crate::emit::header_text;
use crate::model::{Catalog, DetailType, Field};

pub fn error_schema(catalog: &Catalog) -> String {
    let mut text = serde_json::to_string_pretty(&schema_value(catalog)).expect("a JSON value always serializes");
    text.push('\n');
    text
}

fn schema_value(catalog: &Catalog) -> Value {
    let error_object = error_object(catalog);
    let mut root = Map::new();
    root.insert("$schema".into(), json!("https://json-schema.org/draft/2020-12/schema"));
    root.insert("$id".into(), json!(schema_id(catalog)));
    root.insert("$comment".into(), json!(header_text()));
    root.insert("title".into(), json!(format!("{} error response", catalog.service.name)));
    match &catalog.envelope.wrapper {
        Some(wrapper) => {
            root.insert(
                "description".into(),
                json!(format!("Body of every error response of the {} API.", catalog.service.name)),
            );
            root.insert("type".into(), json!("object"));
            root.insert("properties".into(), json!({ wrapper: error_object }));
            root.insert("required".into(), json!([wrapper]));
        }
        None => {
            let Value::Object(object) = error_object else { unreachable!("error_object builds an object") };
            root.extend(object);
        }
    }
    Value::Object(root)
}

/// A stable identifier derived from the catalogue (never from the machine).
fn schema_id(catalog: &Catalog) -> String {
    format!("urn:{}:errors.schema.json", catalog.service.crate_name)
}

fn error_object(catalog: &Catalog) -> Value {
    let mut properties = Map::new();
    for &field in &catalog.envelope.fields {
        let description = catalog.envelope.description(field);
        let property = match field {
            Field::Code => {
                let codes: Vec<&str> = catalog
                    .errors
                    .iter()
                    .flat_map(|error| {
                        std::iter::once(error.code.as_str()).chain(error.aliases.iter().map(String::as_str))
                    })
                    .collect();
                json!({ "description": description, "type": "string", "enum": codes })
            }
            Field::Type => {
                let types: Vec<&str> = catalog.types.iter().map(|ty| ty.name.as_str()).collect();
                json!({ "description": description, "type": "string", "enum": types })
            }
            Field::Message | Field::Param => json!({ "description": description, "type": "string" }),
            Field::DocUrl => json!({ "description": description, "type": "string", "format": "uri" }),
            Field::Details => json!({ "description": description, "type": "object" }),
        };
        properties.insert(field.as_str().into(), property);
    }
    let required: Vec<&str> = catalog
        .envelope
        .fields
        .iter()
        .filter(|field| matches!(field, Field::Code | Field::Message | Field::Type | Field::DocUrl))
        .map(|field| field.as_str())
        .collect();
    json!({
        "type": "object",
        "properties": properties,
        "required": required,
    })
}

/// JSON Schema of one detail member's value.
pub fn detail_schema(detail_type: DetailType) -> Value {
    match detail_type {
        DetailType::String => json!({ "type": "string" }),
        DetailType::Integer => json!({ "type": "integer" }),
        DetailType::Number => json!({ "type": "number" }),
        DetailType::Boolean => json!({ "type": "boolean" }),
        DetailType::StringMap => json!({ "type": "object", "additionalProperties": { "type": "string" } }),
        DetailType::StringList => json!({ "type": "array", "items": { "type": "string" } }),
    }
}
