//! `schema/`: JSON Schema (draft 2020-12) of the error response, strict and
//! open, an OpenAPI 3.1 fragment, and one example body per code.
//!
//! The strict schema says exactly what the catalogue says: every code, each
//! code tied to its type and its own detail members, nothing else. The open
//! (client) schema accepts any snake_case code, so a client validating with
//! it today keeps accepting bodies from tomorrow's server.

mod openapi;

use serde_json::{Map, Value, json};

pub use openapi::openapi_json;

use crate::emit::docs::example_value;
use crate::emit::{GeneratedFile, header_text};
use crate::model::{Catalog, DetailType, ErrorDef, Field};

/// Pattern of a code or type name: lower snake_case words.
const SNAKE_CASE: &str = "^[a-z][a-z0-9]*(_[a-z0-9]+)*$";

/// How strictly a schema binds the catalogue.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Strictness {
    /// Exactly the catalogue: its codes, types and detail members only.
    Strict,
    /// Any snake_case code and type, extra members allowed; the catalogue's
    /// detail member types still hold for the codes it knows.
    Open,
}

/// Where a schema's parts live, so the same builder serves a standalone
/// schema (`#/$defs/...`) and OpenAPI (`#/components/schemas/...`).
pub struct Refs {
    pub error: String,
    pub code: String,
    pub error_type: String,
}

impl Refs {
    fn defs() -> Self {
        Refs { error: "#/$defs/error".into(), code: "#/$defs/code".into(), error_type: "#/$defs/type".into() }
    }
}

/// Every file under `schema/`.
pub fn schema_files(catalog: &Catalog) -> Vec<GeneratedFile> {
    // Documents people read show invisible characters as `\u202e` escapes
    // (the same JSON value); example bodies stay byte-identical to what the
    // crate serializes.
    let shown = |text: String| crate::invisible::json_visible(&text).into_owned();
    let mut files = vec![
        GeneratedFile::new("schema/errors.schema.json", shown(pretty(&document(catalog, Strictness::Strict)))),
        GeneratedFile::new("schema/errors.client.schema.json", shown(pretty(&document(catalog, Strictness::Open)))),
        GeneratedFile::new("schema/openapi.json", shown(openapi_json(catalog))),
    ];
    for error in &catalog.errors {
        files.push(GeneratedFile::new(
            &format!("schema/examples/{}.json", error.code),
            pretty(&example_value(catalog, error)),
        ));
    }
    files
}

pub fn pretty(value: &Value) -> String {
    let mut text = serde_json::to_string_pretty(value).expect("a JSON value always serializes");
    text.push('\n');
    text
}

/// A standalone schema document.
fn document(catalog: &Catalog, strictness: Strictness) -> Value {
    let refs = Refs::defs();
    let (file, title) = match strictness {
        Strictness::Strict => ("errors.schema.json", format!("{} error response", catalog.service.name)),
        Strictness::Open => {
            ("errors.client.schema.json", format!("{} error response (open, for clients)", catalog.service.name))
        }
    };
    let mut root = Map::new();
    root.insert("$schema".into(), json!("https://json-schema.org/draft/2020-12/schema"));
    root.insert("$id".into(), json!(format!("urn:{}:{file}", catalog.service.crate_name)));
    root.insert("$comment".into(), json!(header_text()));
    root.insert("title".into(), json!(title));
    root.insert("description".into(), json!(description(catalog, strictness)));
    let Value::Object(body) = response_schema(catalog, strictness, &refs) else { unreachable!("an object") };
    root.extend(body);
    root.insert("$defs".into(), Value::Object(definitions(catalog, strictness, &refs)));
    Value::Object(root)
}

fn description(catalog: &Catalog, strictness: Strictness) -> String {
    let service = &catalog.service.name;
    match strictness {
        Strictness::Strict => format!(
            "Body of every error response of the {service} API: exactly the codes of its error catalogue, each tied to its type and its detail members."
        ),
        Strictness::Open => format!(
            "Body of every error response of the {service} API, open to codes and members added after this version: validate with this one in clients."
        ),
    }
}

/// The response body: the error object, inside the wrapper if there is one.
pub fn response_schema(catalog: &Catalog, strictness: Strictness, refs: &Refs) -> Value {
    match &catalog.envelope.wrapper {
        Some(wrapper) => {
            let mut object = Map::new();
            object.insert("type".into(), json!("object"));
            object.insert("properties".into(), json!({ wrapper: { "$ref": refs.error } }));
            object.insert("required".into(), json!([wrapper]));
            if strictness == Strictness::Strict {
                object.insert("additionalProperties".into(), json!(false));
            }
            Value::Object(object)
        }
        None => json!({ "$ref": refs.error }),
    }
}

/// The named parts: the error object, the code and the type.
pub fn definitions(catalog: &Catalog, strictness: Strictness, refs: &Refs) -> Map<String, Value> {
    let mut defs = Map::new();
    defs.insert("error".into(), error_object(catalog, strictness, refs));
    defs.insert("code".into(), code_schema(catalog, strictness));
    if catalog.envelope.has(Field::Type) {
        defs.insert("type".into(), type_schema(catalog, strictness));
    }
    defs
}

pub fn code_schema(catalog: &Catalog, strictness: Strictness) -> Value {
    let description = catalog.envelope.description(Field::Code);
    if strictness == Strictness::Open {
        return json!({ "description": description, "type": "string", "pattern": SNAKE_CASE });
    }
    let current: Vec<&str> =
        catalog.errors.iter().filter(|error| error.deprecated.is_none()).map(|error| error.code.as_str()).collect();
    let mut retired: Vec<&str> =
        catalog.errors.iter().filter(|error| error.deprecated.is_some()).map(|error| error.code.as_str()).collect();
    retired.extend(catalog.errors.iter().flat_map(|error| error.aliases.iter().map(String::as_str)));
    if retired.is_empty() {
        return json!({ "description": description, "type": "string", "enum": current });
    }
    json!({
        "description": description,
        "type": "string",
        "anyOf": [
            { "enum": current },
            {
                "description": "Deprecated codes and old spellings (aliases): still accepted, no longer sent.",
                "deprecated": true,
                "enum": retired,
            },
        ],
    })
}

pub fn type_schema(catalog: &Catalog, strictness: Strictness) -> Value {
    let description = catalog.envelope.description(Field::Type);
    match strictness {
        Strictness::Open => json!({ "description": description, "type": "string", "pattern": SNAKE_CASE }),
        Strictness::Strict => {
            let types: Vec<&str> = catalog.types.iter().map(|ty| ty.name.as_str()).collect();
            json!({ "description": description, "type": "string", "enum": types })
        }
    }
}

fn error_object(catalog: &Catalog, strictness: Strictness, refs: &Refs) -> Value {
    let mut properties = Map::new();
    for &field in &catalog.envelope.fields {
        let description = catalog.envelope.description(field);
        let property = match field {
            Field::Code => json!({ "$ref": refs.code }),
            Field::Type => json!({ "$ref": refs.error_type }),
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
        .filter(|field| match field {
            Field::Code | Field::Message => true,
            // Always sent for the catalogue's own codes; a newer server's
            // code might come without them.
            Field::Type | Field::DocUrl => strictness == Strictness::Strict,
            Field::Param | Field::Details => false,
        })
        .map(|field| field.as_str())
        .collect();
    let mut object = Map::new();
    object.insert("description".into(), json!("The error itself."));
    object.insert("type".into(), json!("object"));
    object.insert("properties".into(), Value::Object(properties));
    object.insert("required".into(), json!(required));
    if strictness == Strictness::Strict {
        object.insert("additionalProperties".into(), json!(false));
    }
    let bindings: Vec<Value> = catalog.errors.iter().filter_map(|error| binding(catalog, error, strictness)).collect();
    if !bindings.is_empty() {
        object.insert("allOf".into(), Value::Array(bindings));
    }
    Value::Object(object)
}

/// `if` the code is this one (or an alias of it), `then` its type, doc URL
/// and detail members are the catalogue's.
fn binding(catalog: &Catalog, error: &ErrorDef, strictness: Strictness) -> Option<Value> {
    let mut then = Map::new();
    if strictness == Strictness::Strict {
        if let (true, Some(ty)) = (catalog.envelope.has(Field::Type), catalog.error_type(error)) {
            then.insert("type".into(), json!({ "const": ty.name }));
        }
        if let (true, Some(url)) = (catalog.envelope.has(Field::DocUrl), catalog.service.doc_url_for(&error.code)) {
            then.insert("doc_url".into(), json!({ "const": url }));
        }
    }
    if let (true, Some(details)) = (catalog.envelope.has(Field::Details), details_schema(error, strictness)) {
        then.insert("details".into(), details);
    }
    if then.is_empty() {
        return None;
    }
    let mut names = vec![error.code.as_str()];
    names.extend(error.aliases.iter().map(String::as_str));
    let condition = if names.len() == 1 { json!({ "const": names[0] }) } else { json!({ "enum": names }) };
    Some(json!({
        "if": { "properties": { "code": condition }, "required": ["code"] },
        "then": { "properties": then },
    }))
}

/// The schema of one code's `details`: its members and their types. Strict:
/// required members required, no others. Open: types only.
fn details_schema(error: &ErrorDef, strictness: Strictness) -> Option<Value> {
    if let Some(map) = &error.details_map {
        let mut schema = json!({ "type": "object", "additionalProperties": detail_type_schema(map.values) });
        if let Some(description) = &map.description {
            schema["description"] = json!(description);
        }
        return Some(schema);
    }
    if error.details.is_empty() {
        return (strictness == Strictness::Strict).then(|| json!({ "type": "object", "maxProperties": 0 }));
    }
    let mut properties = Map::new();
    for detail in &error.details {
        let mut schema = detail_type_schema(detail.detail_type);
        if let Some(description) = &detail.description {
            schema["description"] = json!(description);
        }
        properties.insert(detail.name.clone(), schema);
    }
    let mut schema = Map::new();
    schema.insert("type".into(), json!("object"));
    schema.insert("properties".into(), Value::Object(properties));
    if strictness == Strictness::Strict {
        let required: Vec<&str> =
            error.details.iter().filter(|detail| detail.required).map(|detail| detail.name.as_str()).collect();
        if !required.is_empty() {
            schema.insert("required".into(), json!(required));
        }
        schema.insert("additionalProperties".into(), json!(false));
    }
    Some(Value::Object(schema))
}

/// JSON Schema of one detail value.
pub fn detail_type_schema(detail_type: DetailType) -> Value {
    match detail_type {
        DetailType::String => json!({ "type": "string" }),
        DetailType::Integer => json!({ "type": "integer" }),
        DetailType::Number => json!({ "type": "number" }),
        DetailType::Boolean => json!({ "type": "boolean" }),
        DetailType::StringMap => json!({ "type": "object", "additionalProperties": { "type": "string" } }),
        DetailType::StringList => json!({ "type": "array", "items": { "type": "string" } }),
    }
}
