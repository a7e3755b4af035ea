//! The `details` module of the generated crate: one struct per code that
//! declares detail members, with those members as typed fields, so a server
//! cannot send a member of the wrong type or forget a required one: it would
//! not compile.
//!
//! Built to cost little to compile at thousands of codes (see BENCHMARKS.md):
//! a struct's `From` impl is one call to the runtime with its member list,
//! `#[inline]` so it is compiled only where used, and the structs derive
//! nothing but `Default` for maps: they are builders, consumed by `From`.
//! Measured on the 822 structs of the 2,000-code synthetic catalogue (release
//! build 7.5 s with `Clone, Debug, PartialEq`): `Clone` and `PartialEq` cost
//! 2.6 s, `Debug` 1.8 s (derived or written by hand, inline or not).

use std::fmt::Write as _;

use proc_macro2::TokenStream;
use quote::quote;

use super::fills::{self as rs, Fills};
use crate::emit::text::rustdoc_inline;
use crate::model::{Catalog, Detail, DetailType, DetailsMap, ErrorDef, NameStyle};

/// `pub mod details`, its structs written as text into the placeholder.
pub fn details_module_tokens(catalog: &Catalog, fills: &mut Fills) -> TokenStream {
    let mut body = String::from(
        "    // Items are named after codes, so nothing is imported: a code\n    \
         // called `api_error` must not clash with `super::ApiError`.\n",
    );
    for error in catalog.errors.iter().filter(|error| error.has_details()) {
        match &error.details_map {
            Some(map) => map_struct(&mut body, error, map),
            None => detail_struct(&mut body, error, catalog.envelope.detail_names()),
        }
    }
    fills.block("details", body);
    quote! {
        /// Typed details, one struct per code that declares detail members.
        ///
        /// Build the error from the struct: `ApiError::from(details::SomeCode { .. })`
        /// or `ApiError::from(details::SomeCode::new(..))`.
        /// Required members are plain fields, optional ones `Option`s.
        ///
        /// The structs are builders, consumed by `From`: print, clone or
        /// compare the `ApiError` they build (deriving `Debug`, `Clone` and
        /// `PartialEq` on every struct made the crate's build twice as slow
        /// at thousands of codes).
        pub mod details {}
    }
}

fn detail_struct(out: &mut String, error: &ErrorDef, names: NameStyle) {
    let ident = &error.ident;
    rs::doc_comments(
        out,
        "    ",
        &[
            format!("Details of [`ErrorCode::{ident}`](super::ErrorCode::{ident}) (`{}`).", error.code),
            String::new(),
            format!("Message: {}", rustdoc_inline(&error.message)),
        ],
    );
    let _ = writeln!(out, "    pub struct {ident} {{");
    for detail in &error.details {
        let doc = match &detail.description {
            Some(description) => rustdoc_inline(description),
            None => format!("The `{}` detail.", detail.name),
        };
        rs::doc_comments(out, "        ", &[doc]);
        let _ = writeln!(out, "        pub {}: {},", detail.name, field_type(detail));
    }
    out.push_str("    }\n");
    constructor(out, error);
    let members: Vec<String> = error
        .details
        .iter()
        .map(|detail| {
            let key = rs::string(&names.apply(&detail.name));
            let convert = to_json_value(detail.detail_type);
            if detail.required {
                format!("({key}, Some({convert}(details.{})))", detail.name)
            } else {
                format!("({key}, details.{}.map({convert}))", detail.name)
            }
        })
        .collect();
    let _ = writeln!(
        out,
        "{}    impl From<{ident}> for super::ApiError {{\n        #[inline]\n        \
         fn from(details: {ident}) -> super::ApiError {{\n            \
         super::ApiError::from_typed_details(\n                super::ErrorCode::{ident},\n                &mut [",
        allow_deprecated(error)
    );
    for member in members {
        let _ = writeln!(out, "                    {member},");
    }
    out.push_str("                ],\n            )\n        }\n    }\n");
}

fn field_type(detail: &Detail) -> String {
    let base = match detail.detail_type {
        DetailType::String => "String",
        DetailType::Integer => "i64",
        DetailType::Number => "f64",
        DetailType::Boolean => "bool",
        DetailType::StringMap => "std::collections::BTreeMap<String, String>",
        DetailType::StringList => "Vec<String>",
    };
    if detail.required { base.to_string() } else { format!("Option<{base}>") }
}

/// The function turning a member's value into a `serde_json::Value`: the
/// same function for every struct, so nothing is instantiated per struct.
fn to_json_value(detail_type: DetailType) -> &'static str {
    match detail_type {
        // A `BTreeMap<String, String>` is an object of strings.
        DetailType::StringMap => "<serde_json::Value as FromIterator<(String, String)>>::from_iter",
        _ => "serde_json::Value::from",
    }
}

/// `new(required members..., optional members as Option...)`, in declaration
/// order: on one line when it fits in 100 columns, else one per line.
fn constructor(out: &mut String, error: &ErrorDef) {
    let params: Vec<String> =
        error.details.iter().map(|detail| format!("{}: {}", detail.name, field_type(detail))).collect();
    let names: Vec<&str> = error.details.iter().map(|detail| detail.name.as_str()).collect();
    let _ = writeln!(
        out,
        "    impl {} {{\n        \
         /// The details, every declared member as an argument (optional ones as `Option`).\n        \
         #[inline]\n        #[must_use]",
        error.ident
    );
    // One argument per declared member is the point: a long list is the
    // catalogue's choice, and the struct literal is there for named arguments.
    if error.details.len() > 7 {
        out.push_str("        #[allow(clippy::too_many_arguments)]\n");
    }
    let one_line = format!("        pub fn new({}) -> Self {{", params.join(", "));
    if one_line.len() <= 100 {
        out.push_str(&one_line);
        out.push('\n');
    } else {
        out.push_str("        pub fn new(\n");
        for param in &params {
            let _ = writeln!(out, "            {param},");
        }
        out.push_str("        ) -> Self {\n");
    }
    let _ = writeln!(out, "            Self {{ {} }}\n        }}\n    }}", names.join(", "));
}

/// A code whose whole `details` object is a map: a tuple struct around it.
fn map_struct(out: &mut String, error: &ErrorDef, map: &DetailsMap) {
    let ident = &error.ident;
    let mut lines = vec![
        format!(
            "Details of [`ErrorCode::{ident}`](super::ErrorCode::{ident}) (`{}`): any name to a value.",
            error.code
        ),
        String::new(),
        format!("Message: {}", rustdoc_inline(&error.message)),
    ];
    if let Some(description) = &map.description {
        lines.extend([String::new(), rustdoc_inline(description)]);
    }
    rs::doc_comments(out, "    ", &lines);
    let value_type =
        field_type(&Detail { name: String::new(), detail_type: map.values, description: None, required: true });
    let _ = writeln!(
        out,
        "    #[derive(Default)]\n    \
         pub struct {ident}(pub std::collections::BTreeMap<String, {value_type}>);\n    \
         impl {ident} {{\n        \
         /// The details from any name-value pairs.\n        #[inline]\n        #[must_use]\n        \
         pub fn new(entries: impl IntoIterator<Item = (String, {value_type})>) -> Self {{\n            \
         Self(entries.into_iter().collect())\n        }}\n    }}\n\
         {}    impl From<{ident}> for super::ApiError {{\n        #[inline]\n        \
         fn from(details: {ident}) -> super::ApiError {{\n            \
         super::ApiError::from_detail_map(super::ErrorCode::{ident}, details.0)\n        }}\n    }}",
        allow_deprecated(error)
    );
}

/// `#[allow(deprecated)]` for the `From` impl of a deprecated code: naming
/// the code there is the generated crate's own business, not a use.
fn allow_deprecated(error: &ErrorDef) -> &'static str {
    if error.deprecated.is_some() { "    #[allow(deprecated)]\n" } else { "" }
}
