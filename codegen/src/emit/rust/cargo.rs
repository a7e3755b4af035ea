//! `Cargo.toml` of the generated package and of its runtime crate (in
//! `runtime/`, a path dependency). They must build on their own, outside
//! this workspace, so every other dependency comes from crates.io with a
//! version.

use crate::emit::header_text;
use crate::model::Catalog;

pub fn cargo_toml(catalog: &Catalog) -> String {
    let service = &catalog.service;
    let name = crate::invisible::visible(&service.name);
    let description = format!("Error codes of the {name} API, generated from its error catalogue.");
    format!(
        r#"# {header}

[package]
name = {name}
version = {version}
edition = "2021"
# Const fns read the lookup tables, which are statics (stable since 1.83).
rust-version = "1.83"
description = {description}
publish = false

[features]
default = []
# `http::StatusCode`, and building and reading `http::Response`s.
http = ["dep:http", "runtime/http"]
# `IntoResponse` for `ApiError` and `ErrorCode`.
axum = ["http", "dep:axum-core", "runtime/axum"]
# `tonic::Status` from `ApiError` and back, with AIP-193's details (Rust 1.88+).
tonic = ["dep:tonic", "runtime/tonic"]

[dependencies]
# Writes and parses error bodies; the same code for every catalogue, so it is
# compiled once and not again when the catalogue changes.
runtime = {{ package = {runtime}, path = "runtime" }}
{DEPENDENCIES}"#,
        header = header_text(),
        name = toml_string(&service.crate_name),
        version = toml_string(&service.version),
        description = toml_string(&description),
        runtime = toml_string(&runtime_name(catalog)),
    )
}

/// `Cargo.toml` of the runtime crate. Named after the error crate: two error
/// crates in one workspace each bring their own copy.
pub fn runtime_cargo_toml(catalog: &Catalog) -> String {
    let service = &catalog.service;
    let description = format!("Runtime of the {} crate: writes and parses its error bodies.", service.crate_name);
    format!(
        r#"# {header}

[package]
name = {name}
version = {version}
edition = "2021"
rust-version = "1.83"
description = {description}
publish = false

[features]
default = []
http = ["dep:http"]
axum = ["http", "dep:axum-core"]
tonic = ["dep:tonic", "dep:tonic-types"]

[dependencies]
{DEPENDENCIES}"#,
        header = header_text(),
        name = toml_string(&runtime_name(catalog)),
        version = toml_string(&service.version),
        description = toml_string(&description),
    )
}

fn runtime_name(catalog: &Catalog) -> String {
    format!("{}-runtime", catalog.service.crate_name)
}

/// The crates.io dependencies both manifests share (the integrations optional).
/// serde_json's `float_roundtrip`: a number read and written back is the same
/// number (without it, `1.7777777777777767e72` drifts in its last digit).
const DEPENDENCIES: &str = r#"serde = { version = "1.0.200", default-features = false, features = ["std"] }
serde_json = { version = "1.0.100", default-features = false, features = ["std", "float_roundtrip"] }
http = { version = "1.1", default-features = false, features = ["std"], optional = true }
axum-core = { version = "0.5", default-features = false, optional = true }
tonic = { version = "0.14", default-features = false, optional = true }
tonic-types = { version = "0.14", optional = true }
"#;

/// A TOML basic string holding exactly `text`.
fn toml_string(text: &str) -> String {
    let mut out = String::from("\"");
    for ch in text.chars() {
        match ch {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
