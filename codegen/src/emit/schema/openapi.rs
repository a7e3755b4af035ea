//! `schema/openapi.json`: an OpenAPI 3.1 fragment to `$ref` from an API
//! description: the envelope, code and type schemas under
//! `components.schemas`, and one reusable response per HTTP status under
//! `components.responses`, each with an example body per code.

use serde::Serialize;
use serde::ser::SerializeMap as _;
use serde_json::{Map, Value, json};

use super::{Refs, Strictness, body_and_definitions};
use crate::emit::header_text;
use crate::model::{Catalog, ErrorDef};

/// The document, given every code's example body (in catalogue order).
///
/// The responses borrow the example bodies while they are written (at
/// 10,000 codes a copy of them in a value tree was a third of the
/// generator's peak memory); the rest is a small value tree.
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
    let document = Document {
        openapi: "3.1.0",
        info: json!({
            "title": format!("{} error responses", catalog.service.name),
            "version": catalog.service.version,
            "description": header_text(),
        }),
        paths: Map::new(),
        components: Components { schemas, responses: Responses { catalog, examples } },
    };
    let mut text = serde_json::to_string_pretty(&document).expect("the document serializes");
    text.push('\n');
    text
}

#[derive(Serialize)]
struct Document<'a> {
    openapi: &'static str,
    info: Value,
    paths: Map<String, Value>,
    components: Components<'a>,
}

#[derive(Serialize)]
struct Components<'a> {
    schemas: Map<String, Value>,
    responses: Responses<'a>,
}

/// One response per HTTP status the catalogue's codes use, ascending.
struct Responses<'a> {
    catalog: &'a Catalog,
    examples: &'a [Value],
}

impl Serialize for Responses<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        // The codes of each status, in catalogue order, with their example bodies.
        let mut by_status: std::collections::BTreeMap<u16, Vec<(&ErrorDef, &Value)>> = Default::default();
        for (error, example) in self.catalog.errors.iter().zip(self.examples) {
            by_status.entry(error.status).or_default().push((error, example));
        }
        let mut map = serializer.serialize_map(Some(by_status.len()))?;
        for (status, codes) in by_status {
            map.serialize_entry(&format!("Error{status}"), &Response { catalog: self.catalog, status, codes })?;
        }
        map.end()
    }
}

/// The response of one status: its codes and their example bodies.
struct Response<'a> {
    catalog: &'a Catalog,
    status: u16,
    codes: Vec<(&'a ErrorDef, &'a Value)>,
}

impl Serialize for Response<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let names: Vec<String> = self.codes.iter().map(|(error, _)| format!("`{}`", error.code)).collect();
        let description = format!("{}. Codes: {}.", status_description(self.catalog, self.status), names.join(", "));
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("description", &description)?;
        if self.codes.iter().any(|(error, _)| error.retryable) {
            map.serialize_entry(
                "headers",
                &json!({ "Retry-After": {
                    "description": "Seconds to wait before retrying, when the server knows.",
                    "schema": { "type": "integer", "minimum": 0 },
                } }),
            )?;
        }
        let content =
            Content { schema: json!({ "$ref": "#/components/schemas/ErrorResponse" }), examples: &self.codes };
        map.serialize_entry("content", &Single(&self.catalog.envelope.media_type, &content))?;
        map.end()
    }
}

/// A map of one entry.
struct Single<'a, T>(&'a str, &'a T);

impl<T: Serialize> Serialize for Single<'_, T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(1))?;
        map.serialize_entry(self.0, self.1)?;
        map.end()
    }
}

#[derive(Serialize)]
struct Content<'a> {
    schema: Value,
    #[serde(serialize_with = "examples")]
    examples: &'a [(&'a ErrorDef, &'a Value)],
}

/// Each code's example: `{ "summary": message, "value": body }`, by code.
fn examples<S: serde::Serializer>(codes: &&[(&ErrorDef, &Value)], serializer: S) -> Result<S::Ok, S::Error> {
    #[derive(Serialize)]
    struct Example<'a> {
        summary: &'a str,
        value: &'a Value,
    }
    let mut map = serializer.serialize_map(Some(codes.len()))?;
    for (error, value) in codes.iter() {
        map.serialize_entry(&error.code, &Example { summary: &error.message, value })?;
    }
    map.end()
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
