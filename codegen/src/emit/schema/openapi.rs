//! `schema/openapi.json`: an OpenAPI 3.1 fragment to `$ref` from an API
//! description: the envelope, code and type schemas under
//! `components.schemas`, and one reusable response per HTTP status under
//! `components.responses`, each with an example body per code.
//!
//! The example bodies come as the text of their own files, placed here
//! re-indented: at 10,000 codes writing each body a second time was a
//! tenth of the generator's time, and a copy of them a third of its peak
//! memory.

use std::collections::BTreeMap;

use super::body::BodySchema;
use super::{Refs, Strictness, definitions};
use crate::emit::header_text;
use crate::emit::json::{Invisible, JsonWriter};
use crate::model::{Catalog, ErrorDef};

/// The document, given every code's example body (in catalogue order) as
/// `pretty(body, Invisible::Raw)` wrote it.
/// Invisible characters are shown as `\u202e` escapes, as in the schemas.
pub fn openapi_json(catalog: &Catalog, examples: &[String]) -> String {
    let mut json = JsonWriter::new(Invisible::Escaped);
    json.open_object();
    json.string_entry("openapi", "3.1.0");
    json.key("info");
    json.open_object();
    json.string_entry("title", &format!("{} error responses", catalog.service.name));
    json.string_entry("version", &catalog.service.version);
    json.string_entry("description", &header_text());
    json.close_object();
    json.key("paths");
    json.open_object();
    json.close_object();
    json.key("components");
    json.open_object();
    json.key("schemas");
    schemas(&mut json, catalog);
    json.key("responses");
    responses(&mut json, catalog, examples);
    json.close_object();
    json.close_object();
    json.finish()
}

/// The body's schema, and the error object, code and type it refers to.
fn schemas(json: &mut JsonWriter, catalog: &Catalog) {
    let refs = Refs {
        error: "#/components/schemas/Error".into(),
        code: "#/components/schemas/ErrorCode".into(),
        error_type: "#/components/schemas/ErrorType".into(),
    };
    let mut body = BodySchema::new(catalog, Strictness::Strict, &refs);
    json.open_object();
    json.key("ErrorResponse");
    json.open_object();
    body.body_entries(json);
    json.string_entry("description", &format!("Body of every error response of the {} API.", catalog.service.name));
    json.close_object();
    definitions(json, &mut body, catalog, Strictness::Strict, ["Error", "ErrorCode", "ErrorType"]);
    json.close_object();
}

/// One response per HTTP status the catalogue's codes use, ascending.
fn responses(json: &mut JsonWriter, catalog: &Catalog, examples: &[String]) {
    // The codes of each status, in catalogue order, with their example bodies.
    let mut by_status: BTreeMap<u16, Vec<(&ErrorDef, &str)>> = BTreeMap::new();
    for (error, example) in catalog.errors.iter().zip(examples) {
        by_status.entry(error.status).or_default().push((error, example.trim_end_matches('\n')));
    }
    json.open_object();
    for (status, codes) in by_status {
        json.key(&format!("Error{status}"));
        response(json, catalog, status, &codes);
    }
    json.close_object();
}

/// The response of one status: its codes and their example bodies, each
/// `{ "summary": message, "value": body }`, by code.
fn response(json: &mut JsonWriter, catalog: &Catalog, status: u16, codes: &[(&ErrorDef, &str)]) {
    let names: Vec<String> = codes.iter().map(|(error, _)| format!("`{}`", error.code)).collect();
    json.open_object();
    json.string_entry("description", &format!("{}. Codes: {}.", status_description(catalog, status), names.join(", ")));
    if codes.iter().any(|(error, _)| error.retryable) {
        json.key("headers");
        json.open_object();
        json.key("Retry-After");
        json.open_object();
        json.string_entry("description", "Seconds to wait before retrying, when the server knows.");
        json.key("schema");
        json.open_object();
        json.string_entry("type", "integer");
        json.key("minimum");
        json.integer(0);
        json.close_object();
        json.close_object();
        json.close_object();
    }
    json.key("content");
    json.open_object();
    json.key(&catalog.envelope.media_type);
    json.open_object();
    json.key("schema");
    json.open_object();
    json.string_entry("$ref", "#/components/schemas/ErrorResponse");
    json.close_object();
    json.key("examples");
    json.open_object();
    for (error, example) in codes {
        json.key(&error.code);
        json.open_object();
        json.string_entry("summary", &error.message);
        json.key("value");
        json.pretty_text(example);
        json.close_object();
    }
    json.close_object();
    json.close_object();
    json.close_object();
    json.close_object();
}

fn status_description(catalog: &Catalog, status: u16) -> String {
    let documented = catalog.statuses.iter().find(|documented| documented.code == status);
    match documented.and_then(|documented| documented.description.as_deref().or(documented.name.as_deref())) {
        Some(text) => format!("{status} {text}"),
        None => format!("{status} {}", reason_phrase(status)),
    }
}

/// The standard reason phrase, for statuses the catalogue does not describe.
fn reason_phrase(status: u16) -> &'static str {
    match status {
        400 => "Bad Request",
        401 => "Unauthorized",
        402 => "Payment Required",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        409 => "Conflict",
        410 => "Gone",
        413 => "Content Too Large",
        415 => "Unsupported Media Type",
        422 => "Unprocessable Content",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        501 => "Not Implemented",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ if status < 500 => "Client Error",
        _ => "Server Error",
    }
}
