//! `schema/`: JSON Schema (draft 2020-12) of the error response, strict and
//! open, an OpenAPI 3.1 fragment, and one example body per code.
//!
//! The strict schema says exactly what the catalogue says: every code, each
//! code tied to its type and its own detail members, nothing else. The open
//! (client) schema accepts any snake_case code, so a client validating with
//! it today keeps accepting bodies from tomorrow's server.

mod body;
mod openapi;

use crate::emit::example::example_value;
use crate::emit::json::{Invisible, JsonWriter, pretty};
use crate::emit::{GeneratedFile, header_text};
use crate::model::{Catalog, Member, Node, Role};

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

/// OpenAPI and the example bodies, the rest of `schema/`. Each example body
/// is written once: its own file, whose text OpenAPI's example of the code
/// takes over.
pub fn openapi_and_examples(catalog: &Catalog) -> Vec<GeneratedFile> {
    let examples = example_texts(catalog);
    let openapi = GeneratedFile::new(OPENAPI, openapi::openapi_json(catalog, &examples));
    let files = catalog
        .errors
        .iter()
        .zip(examples)
        .map(|(error, example)| GeneratedFile::new(&format!("{EXAMPLES}/{}.json", error.code), example));
    std::iter::once(openapi).chain(files).collect()
}

/// Every code's example body, byte-identical to what the crate serializes
/// (invisible characters raw).
fn example_texts(catalog: &Catalog) -> Vec<String> {
    catalog.errors.iter().map(|error| pretty(&example_value(catalog, error), Invisible::Raw)).collect()
}

/// The texts of the strict schema, the client schema and OpenAPI.
pub fn schema_documents(catalog: &Catalog) -> [String; 3] {
    [
        document(catalog, Strictness::Strict),
        document(catalog, Strictness::Open),
        openapi::openapi_json(catalog, &example_texts(catalog)),
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
    let mut json = JsonWriter::new(Invisible::Escaped);
    json.open_object();
    json.string_entry("$schema", "https://json-schema.org/draft/2020-12/schema");
    json.string_entry("$id", &format!("urn:{}:{file}", catalog.service.crate_name));
    json.string_entry("$comment", &header_text());
    json.string_entry("title", &title);
    json.string_entry("description", &description(catalog, strictness));
    let mut body = body::BodySchema::new(catalog, strictness, &refs);
    body.body_entries(&mut json);
    json.key("$defs");
    json.open_object();
    definitions(&mut json, &mut body, catalog, strictness, ["error", "code", "type"]);
    json.close_object();
    json.close_object();
    json.finish()
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

/// The named parts the body's schema refers to, as entries of an open
/// object under the given names: the error object, the code and the type
/// (after the body: the error object is the one the body met).
fn definitions(
    json: &mut JsonWriter,
    body: &mut body::BodySchema,
    catalog: &Catalog,
    strictness: Strictness,
    [error, code, error_type]: [&str; 3],
) {
    if body.has_error_object() {
        json.key(error);
        body.error_object(json);
    }
    let describe = |wanted: fn(&Role) -> bool| role_description(&catalog.envelope.body, wanted).unwrap_or_default();
    if catalog.code_style().is_some() {
        json.key(code);
        body::code_schema(json, catalog, strictness, &describe(|role| matches!(role, Role::Code(_))));
    }
    if catalog.envelope.has_role(|role| matches!(role, Role::Type(_))) {
        json.key(error_type);
        body::type_schema(json, catalog, strictness, &describe(|role| matches!(role, Role::Type(_))));
    }
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
