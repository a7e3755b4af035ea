//! `ts/`: the TypeScript (ESM) package for JavaScript clients: the code list
//! as types, per-code lookups, and `parseApiError` for the catalogue's
//! envelope. `index.js` is the runtime (`codegen/src/runtime/ts/index.js`,
//! copied verbatim); `catalog.js` is this catalogue's data and `index.d.ts`
//! its types.

use serde_json::{Map, Value, json};

use super::example::wire_code_json;
use super::json::{Invisible, compact, pretty};
use crate::model::{Catalog, CodeStyle, DetailType, ErrorDef, Member, NameStyle, Node, Role, WireCode};
use crate::output::header_text;

/// The package's folder inside the generated package.
pub const FOLDER: &str = "ts";

const RUNTIME: &str = include_str!("../runtime/ts/index.js");

/// Every file of the TypeScript package.
pub fn ts_files(catalog: &Catalog) -> Vec<super::GeneratedFile> {
    let header = format!("// {}\n", header_text());
    vec![
        super::GeneratedFile::new(&format!("{FOLDER}/package.json"), package_json(catalog)),
        super::GeneratedFile::new(&format!("{FOLDER}/index.js"), format!("{header}{RUNTIME}")),
        super::GeneratedFile::new(&format!("{FOLDER}/catalog.js"), catalog_js(catalog, &header)),
        super::GeneratedFile::new(&format!("{FOLDER}/index.d.ts"), format!("{header}{}", index_d_ts(catalog))),
    ]
}

fn package_json(catalog: &Catalog) -> String {
    // The header first: the writer looks for its marker in the first lines.
    let package = json!({
        "//": header_text(),
        "name": catalog.service.crate_name.to_ascii_lowercase(),
        "version": catalog.service.version,
        "description": format!("Error codes of the {} API, generated from its error catalogue.", catalog.service.name),
        "type": "module",
        "main": "./index.js",
        "types": "./index.d.ts",
        "exports": { ".": { "types": "./index.d.ts", "default": "./index.js" } },
        "files": ["index.js", "index.d.ts", "catalog.js"],
        "sideEffects": false,
    });
    pretty(&package, Invisible::Raw)
}

/// `catalog.js`: the catalogue as one JSON value the runtime reads.
fn catalog_js(catalog: &Catalog, header: &str) -> String {
    // The envelope's styles, read once rather than per code.
    let styles = Styles {
        code: catalog.code_style().unwrap_or(CodeStyle::Name(NameStyle::Snake)),
        types: catalog.envelope.type_style(),
        details: catalog.envelope.detail_names(),
    };
    let mut aliases = Map::new();
    for (index, error) in catalog.errors.iter().enumerate() {
        for alias in &error.aliases {
            aliases.insert(alias.clone(), json!(index));
        }
    }
    let type_style = catalog.envelope.type_style();
    let types: Vec<Value> = catalog
        .types
        .iter()
        .map(|ty| json!({ "name": ty.name, "wire": type_style.apply(&ty.name), "status": ty.status.unwrap_or(0), "retryable": ty.retryable }))
        .collect();
    let codes: Vec<Value> = (0..catalog.errors.len()).map(|index| code_entry(catalog, index, &styles)).collect();
    let mut data = json!({
        "codes": codes,
        "aliases": aliases,
        "types": types,
        "identify": identify(catalog, false),
        "identifyInteger": identify(catalog, true),
        "envelope": envelope(catalog),
    });
    if catalog.is_translated() {
        let locales: Vec<&str> = catalog.locales.iter().map(|locale| locale.tag.as_str()).collect();
        data.as_object_mut().expect("an object").insert("locales".into(), json!(locales));
    }
    format!("{header}export const CATALOG = {};\n", compact(&data, Invisible::Raw))
}

/// How the envelope writes codes, type names and detail members.
struct Styles {
    code: CodeStyle,
    types: NameStyle,
    details: NameStyle,
}

fn code_entry(catalog: &Catalog, index: usize, styles: &Styles) -> Value {
    let error = &catalog.errors[index];
    let wire = match catalog.wire_code(error, styles.code) {
        WireCode::Integer(number) => number.to_string(),
        WireCode::Text(text) => text,
    };
    let details: Vec<Value> = error
        .details
        .iter()
        .map(|detail| {
            json!({ "name": detail.name, "wire": styles.details.apply(&detail.name), "kind": detail.detail_type.as_str() })
        })
        .collect();
    let mut entry = json!({
        "code": error.code,
        "wire": wire,
        "status": error.status,
        "message": error.message,
        "retryable": error.retryable,
        "details": details,
    });
    let entry_map = entry.as_object_mut().expect("an object");
    if let Some(ty) = catalog.error_type(error) {
        entry_map.insert("type".into(), json!(ty.name));
        entry_map.insert("typeWire".into(), json!(styles.types.apply(&ty.name)));
    }
    if let Some(url) = catalog.doc_url(error) {
        entry_map.insert("docUrl".into(), json!(url));
    }
    if let Some(title) = &error.title {
        entry_map.insert("title".into(), json!(title));
    }
    if let Some(map) = &error.details_map {
        entry_map.insert("detailsMap".into(), json!(map.values.as_str()));
    }
    if catalog.is_translated() {
        // Each other language's message, a missing one its fallback's.
        let messages: Map<String, Value> = (1..catalog.locales.len())
            .map(|locale| {
                let message = catalog.error_texts(locale, index).message.unwrap_or_else(|| error.message.clone());
                (catalog.locales[locale].tag.clone(), json!(message))
            })
            .collect();
        entry_map.insert("messages".into(), Value::Object(messages));
    }
    entry
}

/// What identifies each code on the wire, as the Rust crate's lookups do:
/// text (codes, aliases, links or titles), or (`integers`) integer codes in
/// decimal. A body's code is looked up in the table of its JSON type, so
/// `"20101"` is not the integer code `20101`, in Rust and here alike.
fn identify(catalog: &Catalog, integers: bool) -> Map<String, Value> {
    let mut map = Map::new();
    let role = identifying_role(catalog);
    for (index, error) in catalog.errors.iter().enumerate() {
        let key = match role {
            "code" => {
                match wire_code_json(catalog, error, catalog.code_style().unwrap_or(CodeStyle::Name(NameStyle::Snake)))
                {
                    Value::String(text) => (!integers).then_some(text),
                    other => integers.then(|| other.to_string()),
                }
            }
            "doc_url" if !integers => catalog.doc_url(error),
            "title" if !integers => error.title.clone(),
            _ => None,
        };
        if let Some(key) = key {
            map.insert(key, json!(index));
        }
        if integers {
            continue;
        }
        if let (Some(CodeStyle::Name(names)), None) = (catalog.code_style(), &error.wire_code) {
            for alias in &error.aliases {
                map.insert(names.apply(alias), json!(index));
            }
        }
    }
    map
}

fn identifying_role(catalog: &Catalog) -> &'static str {
    match catalog.envelope.identifying_role() {
        Some(Role::DocUrl) => "doc_url",
        Some(Role::Title) => "title",
        _ => "code",
    }
}

fn envelope(catalog: &Catalog) -> Value {
    let message_required = catalog.envelope.roles().contains(&Role::Message { optional: false });
    json!({
        "mediaType": catalog.envelope.media_type,
        "identifiedBy": identifying_role(catalog),
        "messageRequired": message_required,
        "body": members(&catalog.envelope.body),
    })
}

fn members(members: &[Member]) -> Value {
    Value::Array(members.iter().map(|member| json!({ "name": member.name, "node": node(&member.node) })).collect())
}

fn node(node: &Node) -> Value {
    match node {
        Node::Object(inner) => json!({ "kind": "object", "members": members(inner) }),
        Node::Array(items) => json!({ "kind": "array", "items": items.iter().map(self::node).collect::<Vec<_>>() }),
        Node::Role(role) => json!({ "kind": "role", "role": role_name(*role) }),
        Node::Const(value) => json!({ "kind": "const", "value": value }),
        Node::Value(value) => json!({ "kind": "value", "name": value.name, "type": value.value_type.as_str() }),
        Node::Details { inline, .. } => json!({ "kind": "details", "inline": inline }),
        Node::Errors(item) => json!({ "kind": "errors", "item": members(item) }),
    }
}

fn role_name(role: Role) -> &'static str {
    match role {
        Role::Code(_) => "code",
        Role::Type(_) => "type",
        Role::Message { .. } => "message",
        Role::Title => "title",
        Role::Status { .. } => "status",
        Role::DocUrl => "doc_url",
        Role::Param => "param",
        Role::Locale => "locale",
        Role::LocalizedMessage => "localized_message",
    }
}

/// `index.d.ts`: the code list as types, and each code's details.
fn index_d_ts(catalog: &Catalog) -> String {
    let union = |names: Vec<String>| if names.is_empty() { "never".to_string() } else { names.join(" | ") };
    let codes = union(catalog.errors.iter().map(|error| json!(error.code).to_string()).collect());
    let types = union(catalog.types.iter().map(|ty| json!(ty.name).to_string()).collect());
    let details: Vec<String> = catalog
        .errors
        .iter()
        .map(|error| {
            format!("{}  {}: {};", history_jsdoc(catalog, error), json!(error.code), details_type(catalog, error))
        })
        .collect();
    format!(
        "/** Every code of the catalogue. */\nexport type ErrorCode = {codes};\n\
         /** Every type (category) of the catalogue. */\nexport type ErrorType = {types};\n\n\
         /** The details object of each code, members by their wire names. */\nexport interface Details {{\n{}\n}}\n\n{TYPES_TAIL}",
        details.join("\n")
    )
}

/// `/** Since 1.2.0. @deprecated ... */` before a code's entry: editors
/// show it, and strike a deprecated code through.
fn history_jsdoc(catalog: &Catalog, error: &ErrorDef) -> String {
    let Some(history) = catalog.history.codes.get(&error.code) else { return String::new() };
    let mut doc = format!("  /** Since {}.", history.since);
    if error.deprecated.is_some() {
        let since = history.deprecated.as_ref().map(|version| format!(" since {version}")).unwrap_or_default();
        let instead = catalog
            .replacement(error)
            .map(|replacement| format!(": use {}", json!(replacement.code)))
            .unwrap_or_default();
        doc.push_str(&format!(" @deprecated Deprecated{since}{instead}."));
    }
    doc.push_str(" */\n");
    doc
}

fn details_type(catalog: &Catalog, error: &ErrorDef) -> String {
    if let Some(map) = &error.details_map {
        return format!("Record<string, {}>", ts_type(map.values));
    }
    if error.details.is_empty() {
        return "Record<string, unknown>".to_string();
    }
    let names = catalog.envelope.detail_names();
    let members: Vec<String> = error
        .details
        .iter()
        .map(|detail| {
            let optional = if detail.required { "" } else { "?" };
            format!("{}{optional}: {}", json!(names.apply(&detail.name)), ts_type(detail.detail_type))
        })
        .collect();
    format!("{{ {} }}", members.join("; "))
}

fn ts_type(detail_type: DetailType) -> &'static str {
    match detail_type {
        DetailType::String => "string",
        DetailType::Integer | DetailType::Number => "number",
        DetailType::Boolean => "boolean",
        DetailType::StringMap => "Record<string, string>",
        DetailType::StringList => "string[]",
    }
}

/// The declarations that do not depend on the catalogue.
const TYPES_TAIL: &str = r#"export declare const ERROR_CODES: readonly ErrorCode[];
export declare const ERROR_TYPES: readonly ErrorType[];
/** The content-type of error responses. */
export declare const MEDIA_TYPE: string;

export declare function httpStatus(code: ErrorCode): number;
export declare function isRetryable(code: ErrorCode): boolean;
export declare function errorType(code: ErrorCode): ErrorType | undefined;
/** The code's message; with `locale` (an Accept-Language value or one tag), in the language `negotiate` chooses. */
export declare function message(code: ErrorCode, locale?: string): string;
/** The catalogue's languages (BCP 47 tags), its own first. */
export declare const LOCALES: readonly string[];
/** The position in LOCALES of the language an Accept-Language value asks for (0: the catalogue's own). */
export declare function negotiate(acceptLanguage: string): number;
export declare function docUrl(code: ErrorCode): string | undefined;
export declare function isErrorCode(value: string): value is ErrorCode;
/** The name of a code from its name, an alias, or its value on the wire (20101, "20101", "RESOURCE_EXHAUSTED"). */
export declare function canonicalCode(value: string | number): ErrorCode | undefined;

/** One nested error, as the envelope's item carries it. */
export interface NestedError {
  code?: string | number;
  message?: string;
  param?: string;
  values: Record<string, unknown>;
}

interface ApiErrorFields {
  /** The code as sent (an integer code in decimal). */
  code: string;
  message: string;
  status: number;
  retryable: boolean;
  type?: string;
  title?: string;
  docUrl?: string;
  param?: string;
  /** The language of the localized message, where the envelope sends one (AIP-193's LocalizedMessage). */
  locale?: string;
  /** The message in that language. */
  localizedMessage?: string;
  values: Record<string, unknown>;
  errors: NestedError[];
}

/** An error whose code this version knows: `details` is typed by `known`. */
export type KnownApiError = { [C in ErrorCode]: ApiErrorFields & { known: C; details: Details[C] } }[ErrorCode];

/** An error from a newer server: the code is kept as sent. */
export interface UnknownApiError extends ApiErrorFields {
  known: undefined;
  details: Record<string, unknown>;
}

export type ApiError = KnownApiError | UnknownApiError;

/** A body that is not this API's error envelope. */
export declare class ApiErrorParseError extends Error {}

/** Reads an error response: its HTTP status and parsed JSON body. */
export declare function parseApiError(status: number, body: unknown): ApiError;

/**
 * Reads an error response from its HTTP status and raw body (text, or UTF-8
 * bytes), giving every body the answer the Rust crate's
 * `ApiError::from_response` gives it.
 */
export declare function parseApiErrorResponse(status: number, body: string | Uint8Array | ArrayBuffer): ApiError;
"#;
