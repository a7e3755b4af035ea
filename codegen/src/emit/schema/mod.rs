//! `schema/`: JSON Schema (draft 2020-12) of the error response, strict and
//! open, an OpenAPI 3.1 fragment, and one example body per code.
//!
//! The strict schema says exactly what the catalogue says: every code, each
//! code tied to its type and its own detail members, nothing else. The open
//! (client) schema accepts any snake_case code, so a client validating with
//! it today keeps accepting bodies from tomorrow's server.

mod body;
mod openapi;

use serde_json::{Value, json};

use crate::emit::example::example_value;
use crate::emit::json::{Invisible, pretty};
use crate::emit::{GeneratedFile, header_text};
use crate::model::{Catalog, Member, Node, Role, places};

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

/// The strict or the client schema, the first two files of `schema/`.
pub fn json_schema(catalog: &Catalog, strictness: Strictness) -> GeneratedFile {
    let path = match strictness {
        Strictness::Strict => STRICT_SCHEMA,
        Strictness::Open => CLIENT_SCHEMA,
    };
    GeneratedFile::new(path, document(catalog, strictness))
}

/// OpenAPI and the example bodies, the rest of `schema/`.
pub fn openapi_and_examples(catalog: &Catalog) -> Vec<GeneratedFile> {
    let examples: Vec<Value> = catalog.errors.iter().map(|error| example_value(catalog, error)).collect();
    let openapi = GeneratedFile::new(OPENAPI, openapi::openapi_json(catalog, &examples));
    // Byte-identical to what the crate serializes: invisible characters raw.
    let files = catalog.errors.iter().zip(&examples).map(|(error, example)| {
        GeneratedFile::new(&format!("{EXAMPLES}/{}.json", error.code), pretty(example, Invisible::Raw))
    });
    std::iter::once(openapi).chain(files).collect()
}

/// The texts of the strict schema, the client schema and OpenAPI.
pub fn schema_documents(catalog: &Catalog) -> [String; 3] {
    let examples: Vec<Value> = catalog.errors.iter().map(|error| example_value(catalog, error)).collect();
    [
        document(catalog, Strictness::Strict),
        document(catalog, Strictness::Open),
        openapi::openapi_json(catalog, &examples),
    ]
}

/// A standalone schema document. Documents people read show invisible
/// characters as `\u202e` escapes (the same JSON value).
fn document(catalog: &Catalog, strictness: Strictness) -> String {
    let refs = Refs::defs();
    let (file, title) = match strictness {
        Strictness::Strict => ("errors.schema.json", format!("{} error response", catalog.service.name)),
        Strictness::Open => {
            ("errors.client.schema.json", format!("{} error response (open, for clients)", catalog.service.name))
        }
    };
    let mut document = body::Object::new();
    document.insert("$schema".into(), json!("https://json-schema.org/draft/2020-12/schema"));
    document.insert("$id".into(), json!(format!("urn:{}:{file}", catalog.service.crate_name)));
    document.insert("$comment".into(), json!(header_text()));
    document.insert("title".into(), json!(title));
    document.insert("description".into(), json!(description(catalog, strictness)));
    let mut body = body::BodySchema::new(catalog, strictness, &refs);
    body.body_entries(&mut document);
    let definitions = definitions(&mut body, catalog, strictness, ["error", "code", "type"]);
    document.insert("$defs".into(), Value::Object(definitions));
    pretty(&Value::Object(document), Invisible::Escaped)
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

/// The named parts the body's schema refers to, under the given names:
/// the error object, the code and the type (after the body: the error
/// object is the one the body met).
fn definitions(
    body: &mut body::BodySchema,
    catalog: &Catalog,
    strictness: Strictness,
    [error, code, error_type]: [&str; 3],
) -> body::Object {
    let mut definitions = body::Object::new();
    if let Some(object) = body.error_object() {
        definitions.insert(error.into(), object);
    }
    let describe = |wanted: fn(&Role) -> bool| role_description(&catalog.envelope.body, wanted).unwrap_or_default();
    if catalog.code_style().is_some() {
        let schema = body::code_schema(catalog, strictness, &describe(|role| matches!(role, Role::Code(_))));
        definitions.insert(code.into(), schema);
    }
    if catalog.envelope.has_role(|role| matches!(role, Role::Type(_))) {
        let schema = body::type_schema(catalog, strictness, &describe(|role| matches!(role, Role::Type(_))));
        definitions.insert(error_type.into(), schema);
    }
    definitions
}

/// The description of the error's first member holding a role.
fn role_description(members: &[Member], wanted: fn(&Role) -> bool) -> Option<String> {
    let places = places(members);
    let place = places.iter().find(|place| !place.nested && matches!(place.node, Node::Role(role) if wanted(role)))?;
    place.description.map(str::to_string)
}
