//! `schema/openapi.json`: an OpenAPI 3.1 fragment to `$ref` from an API
//! description: the envelope, code and type schemas under
//! `components.schemas`, and one reusable response per HTTP status under
//! `components.responses`, each with an example body per code.

use std::collections::BTreeMap;

use serde_json::{Value, json};

use super::body::{BodySchema, Object};
use super::{Refs, Strictness, definitions};
use crate::emit::header_text;
use crate::emit::json::{Invisible, pretty};
use crate::model::{Catalog, ErrorDef};

/// The document, given every code's example body (in catalogue order).
/// Invisible characters are shown as `\u202e` escapes, as in the schemas.
pub fn openapi_json(catalog: &Catalog, examples: &[Value]) -> String {
    let info = json!({
        "title": format!("{} error responses", catalog.service.name),
        "version": catalog.service.version,
        "description": header_text(),
    });
    let document = json!({
        "openapi": "3.1.0",
        "info": info,
        "paths": {},
        "components": { "schemas": schemas(catalog), "responses": responses(catalog, examples) },
    });
    pretty(&document, Invisible::Escaped)
}

/// The body's schema, and the error object, code and type it refers to.
fn schemas(catalog: &Catalog) -> Object {
    let refs = Refs {
        error: "#/components/schemas/Error".into(),
        code: "#/components/schemas/ErrorCode".into(),
        error_type: "#/components/schemas/ErrorType".into(),
    };
    let mut body = BodySchema::new(catalog, Strictness::Strict, &refs);
    let mut response = Object::new();
    body.body_entries(&mut response);
    let description = format!("Body of every error response of the {} API.", catalog.service.name);
    response.insert("description".into(), json!(description));
    let mut schemas = Object::new();
    schemas.insert("ErrorResponse".into(), Value::Object(response));
    schemas.extend(definitions(&mut body, catalog, Strictness::Strict, ["Error", "ErrorCode", "ErrorType"]));
    schemas
}

/// One response per HTTP status the catalogue's codes use, ascending.
fn responses(catalog: &Catalog, examples: &[Value]) -> Object {
    // The codes of each status, in catalogue order, with their example bodies.
    let mut by_status: BTreeMap<u16, Vec<(&ErrorDef, &Value)>> = BTreeMap::new();
    for (error, example) in catalog.errors.iter().zip(examples) {
        by_status.entry(error.status).or_default().push((error, example));
    }
    by_status.into_iter().map(|(status, codes)| (format!("Error{status}"), response(catalog, status, &codes))).collect()
}

/// The response of one status: its codes and their example bodies, each
/// `{ "summary": message, "value": body }`, by code.
fn response(catalog: &Catalog, status: u16, codes: &[(&ErrorDef, &Value)]) -> Value {
    let names: Vec<String> = codes.iter().map(|(error, _)| format!("`{}`", error.code)).collect();
    let mut response = Object::new();
    let description = format!("{}. Codes: {}.", status_description(catalog, status), names.join(", "));
    response.insert("description".into(), json!(description));
    if codes.iter().any(|(error, _)| error.retryable) {
        let retry_after = json!({
            "description": "Seconds to wait before retrying, when the server knows.",
            "schema": { "type": "integer", "minimum": 0 },
        });
        response.insert("headers".into(), json!({ "Retry-After": retry_after }));
    }
    let examples: Object = codes
        .iter()
        .map(|(error, example)| (error.code.clone(), json!({ "summary": error.message, "value": example })))
        .collect();
    let media = json!({ "schema": { "$ref": "#/components/schemas/ErrorResponse" }, "examples": examples });
    let mut content = Object::new();
    content.insert(catalog.envelope.media_type.clone(), media);
    response.insert("content".into(), Value::Object(content));
    Value::Object(response)
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
