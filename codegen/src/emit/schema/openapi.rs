//! `schema/openapi.json`: an OpenAPI 3.1 fragment to `$ref` from an API
//! description: the envelope, code and type schemas under
//! `components.schemas`, and one reusable response per HTTP status under
//! `components.responses`, each with an example body per code.

use serde_json::{Map, Value, json};

use super::{Refs, Strictness, body_and_definitions, pretty};
use crate::emit::header_text;
use crate::model::{Catalog, ErrorDef};

/// The document, given every code's example body (in catalogue order).
pub fn openapi_json(catalog: &Catalog, examples: &[Value]) -> String {
    let refs = Refs {
        error: "#/components/schemas/Error".into(),
        code: "#/components/schemas/ErrorCode".into(),
        error_type: "#/components/schemas/ErrorType".into(),
    };
    let mut schemas = Map::new();
    let (mut response, definitions) = body_and_definitions(catalog, Strictness::Strict, &refs);
    response["description"] = json!(format!("Body of every error response of the {} API.", catalog.service.name));
    schemas.insert("ErrorResponse".into(), response);
    for (name, schema) in [("error", "Error"), ("code", "ErrorCode"), ("type", "ErrorType")] {
        if let Some(definition) = definitions.get(name) {
            schemas.insert(schema.into(), definition.clone());
        }
    }
    let document = json!({
        "openapi": "3.1.0",
        "info": {
            "title": format!("{} error responses", catalog.service.name),
            "version": catalog.service.version,
            "description": header_text(),
        },
        "paths": {},
        "components": {
            "schemas": schemas,
            "responses": responses(catalog, examples),
        },
    });
    pretty(&document)
}

/// One response per HTTP status the catalogue's codes use, ascending.
fn responses(catalog: &Catalog, example_values: &[Value]) -> Map<String, Value> {
    // The codes of each status, in catalogue order, with their example bodies.
    let mut by_status: std::collections::BTreeMap<u16, Vec<(&ErrorDef, &Value)>> = Default::default();
    for (error, example) in catalog.errors.iter().zip(example_values) {
        by_status.entry(error.status).or_default().push((error, example));
    }
    let mut responses = Map::new();
    for (status, codes) in by_status {
        let errors: Vec<&ErrorDef> = codes.iter().map(|(error, _)| *error).collect();
        let mut examples = Map::new();
        for (error, example) in codes {
            examples.insert(error.code.clone(), json!({ "summary": error.message, "value": example }));
        }
        let codes: Vec<String> = errors.iter().map(|error| format!("`{}`", error.code)).collect();
        let mut response = Map::new();
        response.insert(
            "description".into(),
            json!(format!("{}. Codes: {}.", status_description(catalog, status), codes.join(", "))),
        );
        if errors.iter().any(|error| error.retryable) {
            response.insert(
                "headers".into(),
                json!({ "Retry-After": {
                    "description": "Seconds to wait before retrying, when the server knows.",
                    "schema": { "type": "integer", "minimum": 0 },
                } }),
            );
        }
        response.insert(
            "content".into(),
            json!({ catalog.envelope.media_type.clone(): {
                "schema": { "$ref": "#/components/schemas/ErrorResponse" },
                "examples": examples,
            } }),
        );
        responses.insert(format!("Error{status}"), Value::Object(response));
    }
    responses
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
