//! The `details` module of the generated crate: one struct per code that
//! declares detail members, with those members as typed fields, so a server
//! cannot send a member of the wrong type or forget a required one: it would
//! not compile.
//!
//! Built to cost little to compile at thousands of codes (see BENCHMARKS.md):
//! rustc spends about a millisecond on every function body, so no struct has
//! one. Each is `#[repr(C)]` with its members in the catalogue's order, and
//! its one impl, `TypedDetails`, only names its code: the runtime reads any
//! struct by its layout, which the catalogue's tables already describe
//! (`runtime/fields.rs`). `ApiError::from` takes any of them through one
//! blanket impl (one `From` impl per struct cost 0.6 s of coherence checking
//! at 10,000 codes, and every `ApiError::from` call in a dependent crate
//! chose among them). The structs are built with struct literals (named
//! fields): a positional `new` per struct cost 2.4 s of a 10 s release build
//! at 10,000 codes. They derive nothing: they are builders, consumed by
//! `From` (on the 822 structs of the 2,000-code catalogue, `Clone` and
//! `PartialEq` cost 2.6 s, `Debug` 1.8 s).

use std::fmt::Write as _;

use proc_macro2::TokenStream;
use quote::quote;

use super::fills::{self as rs, Fills};
use crate::emit::text::rustdoc_inline;
use crate::model::{Catalog, Detail, DetailType, DetailsMap, ErrorDef};

/// `pub mod details`, its structs written as text into the placeholder.
pub fn details_module_tokens(catalog: &Catalog, fills: &mut Fills) -> TokenStream {
    let mut body = String::from(
        "    // Items are named after codes, so nothing is imported: a code\n    \
         // called `api_error` must not clash with `super::ApiError`.\n    \
         //\n    \
         // Every `unsafe impl TypedDetails` promises the runtime a layout:\n    \
         // `repr(C)`, the code's members in the catalogue's order, each of the\n    \
         // type the runtime's `fields` module reads for its detail type, as\n    \
         // `CATALOGUE`'s tables list them. No other code here is unsafe.\n    \
         #![allow(unsafe_code)]\n",
    );
    for error in catalog.errors.iter().filter(|error| error.has_details()) {
        match &error.details_map {
            Some(map) => map_struct(&mut body, error, map),
            None => detail_struct(&mut body, error),
        }
    }
    fills.block("details", body);
    quote! {
        /// Typed details, one struct per code that declares detail members.
        ///
        /// Build the error from the struct: `ApiError::from(details::SomeCode { .. })`.
        /// Required members are plain fields, optional ones `Option`s; a code
        /// whose details are a map wraps it: `details::SomeCode(map)`.
        ///
        /// The structs are builders, consumed by `From`: print, clone or
        /// compare the `ApiError` they build. They have no constructors or
        /// derives (each would be a function per struct, and at thousands of
        /// codes they made the crate's build several times slower).
        pub mod details {}
    }
}

fn detail_struct(out: &mut String, error: &ErrorDef) {
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
    let _ = writeln!(out, "    #[repr(C)]\n    pub struct {ident} {{");
    for detail in &error.details {
        let doc = match &detail.description {
            Some(description) => rustdoc_inline(description),
            None => format!("The `{}` detail.", detail.name),
        };
        rs::doc_comments(out, "        ", &[doc]);
        let _ = writeln!(out, "        pub {}: {},", detail.name, field_type(detail));
    }
    out.push_str("    }\n");
    typed_details_impl(out, error);
}

/// The struct's one impl: `TypedDetails`, naming its code.
fn typed_details_impl(out: &mut String, error: &ErrorDef) {
    let ident = &error.ident;
    let _ = writeln!(
        out,
        "{}    unsafe impl super::TypedDetails for {ident} {{\n        \
         const CODE: super::ErrorCode = super::ErrorCode::{ident};\n    }}",
        allow_deprecated(error),
    );
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
    let _ =
        writeln!(out, "    #[repr(C)]\n    pub struct {ident}(pub std::collections::BTreeMap<String, {value_type}>);");
    typed_details_impl(out, error);
}

/// `#[allow(deprecated)]` for the `TypedDetails` impl of a deprecated code: naming
/// the code there is the generated crate's own business, not a use.
fn allow_deprecated(error: &ErrorDef) -> &'static str {
    if error.deprecated.is_some() { "    #[allow(deprecated)]\n" } else { "" }
}
