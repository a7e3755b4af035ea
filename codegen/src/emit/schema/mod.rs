//! `schema/`: JSON Schema (draft 2020-12) of the error response, strict and
//! open, an OpenAPI 3.1 fragment, and one example body per code.
//!
//! The strict schema says exactly what the catalogue says: every code, each
//! code tied to its type and its own detail members, nothing else. The open
//! (client) schema accepts any snake_case code, so a client validating with
//! it today keeps accepting bodies from tomorrow's server.

mod body;
mod openapi;

use serde_json::{Map, Value, json};

pub use openapi::openapi_json;

use crate::emit::example::example_value;
use crate::emit::{GeneratedFile, header_text};
use crate::model::{Catalog, DetailType, Member, Node, Role};

/// Where the schema files go in the package (the Rust crate includes them).
pub const STRICT_SCHEMA: &str = "schema/errors.schema.json";
pub const CLIENT_SCHEMA: &str = "schema/errors.client.schema.json";
pub const OPENAPI: &str = "schema/openapi.json";
/// One example body per code, `<code>.json`.
pub const EXAMPLES: &str = "schema/examples";

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

/// The strict and the client schema, the first two files of `schema/`.
pub fn json_schemas(catalog: &Catalog) -> Vec<GeneratedFile> {
    // One statement each: a document's value tree (several times its text)
    // is dropped before the next is built.
    let strict = shown(pretty(&document(catalog, Strictness::Strict)));
    let client = shown(pretty(&document(catalog, Strictness::Open)));
    vec![GeneratedFile::new(STRICT_SCHEMA, strict), GeneratedFile::new(CLIENT_SCHEMA, client)]
}

/// OpenAPI and the example bodies, the rest of `schema/`. Each example body
/// is built once: its own file, and OpenAPI's example of the code.
pub fn openapi_and_examples(catalog: &Catalog) -> Vec<GeneratedFile> {
    let examples: Vec<Value> = catalog.errors.iter().map(|error| example_value(catalog, error)).collect();
    let mut files = vec![GeneratedFile::new(OPENAPI, shown(openapi_json(catalog, &examples)))];
    for (error, example) in catalog.errors.iter().zip(&examples) {
        files.push(GeneratedFile::new(&format!("{EXAMPLES}/{}.json", error.code), pretty(example)));
    }
    files
}

/// The texts of the strict schema, the client schema and OpenAPI.
pub fn schema_documents(catalog: &Catalog) -> [String; 3] {
    let mut schemas = json_schemas(catalog).into_iter().map(|file| file.contents);
    let examples: Vec<Value> = catalog.errors.iter().map(|error| example_value(catalog, error)).collect();
    let strict = schemas.next().expect("the strict schema");
    let client = schemas.next().expect("the client schema");
    [strict, client, shown(openapi_json(catalog, &examples))]
}

/// A document people read shows invisible characters as `\u202e` escapes
/// (the same JSON value); example bodies stay byte-identical to what the
/// crate serializes.
fn shown(text: String) -> String {
    match crate::invisible::json_visible(&text) {
        std::borrow::Cow::Borrowed(_) => text,
        std::borrow::Cow::Owned(escaped) => escaped,
    }
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
    let (body, defs) = body_and_definitions(catalog, strictness, &refs);
    let Value::Object(body) = body else { unreachable!("the body is an object") };
    root.extend(body);
    root.insert("$defs".into(), Value::Object(defs));
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

/// The response body's schema, and the named parts it refers to: the error
/// object, the code and the type.
pub fn body_and_definitions(catalog: &Catalog, strictness: Strictness, refs: &Refs) -> (Value, Map<String, Value>) {
    let mut builder = body::BodySchema::new(catalog, strictness, refs);
    let body = builder.body();
    let mut defs = Map::new();
    if let Some(error) = builder.error_object {
        defs.insert("error".into(), error);
    }
    let describe = |wanted: fn(&Role) -> bool| role_description(&catalog.envelope.body, wanted).unwrap_or_default();
    if catalog.code_style().is_some() {
        defs.insert(
            "code".into(),
            body::code_schema(catalog, strictness, &describe(|role| matches!(role, Role::Code(_)))),
        );
    }
    if catalog.envelope.has_role(|role| matches!(role, Role::Type(_))) {
        defs.insert(
            "type".into(),
            body::type_schema(catalog, strictness, &describe(|role| matches!(role, Role::Type(_)))),
        );
    }
    (body, defs)
}

/// The description of the first member holding a role.
fn role_description(members: &[Member], wanted: fn(&Role) -> bool) -> Option<String> {
    members.iter().find_map(|member| match &member.node {
        Node::Role(role) if wanted(role) => member.description.clone(),
        Node::Object(inner) => role_description(inner, wanted),
        Node::Array(items) => items.iter().find_map(|item| match item {
            Node::Object(inner) => role_description(inner, wanted),
            _ => None,
        }),
        _ => None,
    })
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
