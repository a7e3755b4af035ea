//! `Cargo.toml` of the generated package. It must build on its own, outside
//! this workspace, so every dependency comes from crates.io with a version.

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
http = ["dep:http"]
# `IntoResponse` for `ApiError` and `ErrorCode`.
axum = ["http", "dep:axum-core"]

[dependencies]
serde = {{ version = "1.0.200", default-features = false, features = ["std"] }}
serde_json = {{ version = "1.0.100", default-features = false, features = ["std"] }}
http = {{ version = "1.1", default-features = false, features = ["std"], optional = true }}
axum-core = {{ version = "0.5", default-features = false, optional = true }}
"#,
        header = header_text(),
        name = toml_string(&service.crate_name),
        version = toml_string(&service.version),
        description = toml_string(&description),
    )
}

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
