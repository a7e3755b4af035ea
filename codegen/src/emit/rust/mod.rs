//! The generated Rust crate: `Cargo.toml` and `src/lib.rs`.
//!
//! The source is built as `TokenStream`s and formatted once
//! ([`format::format_file`]: prettyplease, then blank lines between items);
//! the header comment is added after formatting (prettyplease keeps no
//! comments). What varies with the catalogue is data (the enums and one
//! table of facts per code and per type) and one-line accessors; the code
//! that writes and parses bodies is the runtime's, copied verbatim.

mod cargo;
mod catalogue;
mod details;
mod error_code;
mod error_type;
mod format;
pub mod module;
mod order;
pub mod runtime;
mod tokens;

use proc_macro2::TokenStream;
use quote::quote;

pub use cargo::{cargo_toml, runtime_cargo_toml};
use tokens::{inner_doc_attrs, str_lit};

use super::header_text;
use super::text::rustdoc_inline;
use crate::model::Catalog;

/// Where `src/lib.rs` finds the schema files it includes (paths relative to
/// the package root): strict, client, OpenAPI.
pub type SchemaPaths<'a> = [&'a str; 3];

/// `src/lib.rs` of the generated crate.
pub fn lib_rs(catalog: &Catalog, schemas: SchemaPaths<'_>) -> String {
    let crate_docs = inner_doc_attrs(&crate_doc_lines(catalog));
    let items = item_tokens(catalog);
    // `include_str!` rather than a literal copy: the schema files are the
    // single source, and a copy would double the crate's size.
    let schemas = schema_consts(schemas.map(|path| {
        let path = str_lit(&format!("../{path}"));
        quote!(include_str!(#path))
    }));
    let tokens = quote! {
        #crate_docs
        #![forbid(unsafe_code)]
        #![warn(missing_docs)]
        #![allow(rustdoc::bare_urls)]
        #![cfg_attr(rustfmt, rustfmt::skip)]

        #[allow(clippy::single_component_path_imports)]
        use runtime;

        mod typed;

        #items
        #schemas
    };
    let deprecated = if catalog.errors.iter().any(|error| error.deprecated.is_some()) { DEPRECATED_WHY } else { "" };
    format!("// {}\n//\n{CRATE_ATTRIBUTES_WHY}{deprecated}\n{}", header_text(), format::format_file(tokens))
}

/// Why the crate-level attributes and the local allows are there, written
/// into the generated file after formatting (prettyplease keeps no comments).
const CRATE_ATTRIBUTES_WHY: &str = "\
// `rustdoc::bare_urls` is allowed: catalogue prose may contain URLs, which are text here.
// rustfmt skips this file: the generator formats it, and `cargo xtask gen --check`
// compares it byte for byte.
// `use runtime;` imports the runtime crate (the dependency named `runtime`) at the root,
// so the typed layer reaches it as `super::runtime`, the same path as in a build
// script's module, where it is a module (clippy misses uses through `super::`).
";

/// Why `#[allow(deprecated)]` is there, in a crate that has deprecated codes.
const DEPRECATED_WHY: &str = "\
// `#[allow(deprecated)]` marks where the crate names a deprecated code in its own
// tables and impls: that is not a use.
";

/// Every item that depends on the catalogue, shared by the crate's `lib.rs`
/// and the module a build script writes ([`module::module_rs`]).
fn item_tokens(catalog: &Catalog) -> TokenStream {
    let catalog = &order::in_release_order(catalog);
    let error_type = if catalog.types.is_empty() { TokenStream::new() } else { error_type::error_type_tokens(catalog) };
    let error_code = error_code::error_code_tokens(catalog);
    let catalogue = catalogue::catalogue_tokens(catalog);
    let details = details::details_module_tokens(catalog);
    quote! {
        pub use runtime::{envelope, Details};
        pub use typed::{ApiError, NestedError, TypedDetails};
        #[cfg(feature = "tonic")]
        pub use typed::FromStatusError;

        #error_type
        #error_code
        #catalogue
        #details
    }
}

/// The schema constants, given the expression of each text: strict, client, OpenAPI.
fn schema_consts([strict, client, openapi]: [TokenStream; 3]) -> TokenStream {
    quote! {
        /// JSON Schema (draft 2020-12) of the error response: exactly this
        /// catalogue's codes, types and detail members. Serve it to clients.
        pub const ERROR_SCHEMA: &str = #strict;
        /// JSON Schema of the error response that also accepts codes and
        /// members added after this version: what clients should validate with.
        pub const CLIENT_ERROR_SCHEMA: &str = #client;
        /// OpenAPI 3.1 fragment: the error schemas and one response per HTTP status.
        pub const OPENAPI: &str = #openapi;
    }
}

fn crate_doc_lines(catalog: &Catalog) -> Vec<String> {
    let service = rustdoc_inline(&catalog.service.name);
    let example = catalog.errors.iter().find(|error| error.deprecated.is_none()).unwrap_or(&catalog.errors[0]);
    let crate_ident = catalog.service.crate_name.replace('-', "_");
    let mut lines = vec![
        format!("Error codes of the {service} API, generated from its error catalogue."),
        String::new(),
        format!(
            "[`ErrorCode`] has one variant per code ({} in all), with its HTTP status, default message and \
             retry advice as constant lookups.",
            catalog.errors.len()
        ),
    ];
    if !catalog.types.is_empty() {
        lines.push("[`ErrorType`] is the broad category of each code, for routing an error handler.".into());
    }
    lines.extend([
        String::new(),
        "```".into(),
        format!("use {crate_ident}::ErrorCode;"),
        String::new(),
        format!("let code: ErrorCode = {:?}.parse().unwrap();", example.code),
        format!("assert_eq!(code.as_str(), {:?});", example.code),
        format!("assert_eq!(code.http_status(), {});", example.status),
        "```".into(),
    ]);
    if example.deprecated.is_some() {
        // The only code is deprecated: the example must still compile cleanly.
        lines.insert(lines.len() - 5, "# #![allow(deprecated)]".into());
    }
    // The reference's handler, here so that `cargo test` compiles it.
    lines.extend([
        String::new(),
        "Handling an error response (the handler of the reference's \"Handling errors\" section):".into(),
        String::new(),
        "```".into(),
    ]);
    lines.extend(crate::emit::handlers::rust_handler(catalog).lines().map(str::to_string));
    lines.push("```".into());
    lines
}

/// `FromStr`, `Display` and serde (as the name string) for a name-like
/// enum with `as_str` and `from_name`, and the error `FromStr` returns.
pub(super) fn name_impls(ty: &syn::Ident, unknown: &syn::Ident, what: &str) -> TokenStream {
    let unknown_doc = format!(" The string is not a known {what}.");
    let unknown_message = format!("unknown {what}");
    let expecting = format!("a known {what}");
    quote! {
        #[doc = #unknown_doc]
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
        #[non_exhaustive]
        pub struct #unknown;

        impl core::fmt::Display for #unknown {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                f.write_str(#unknown_message)
            }
        }

        impl std::error::Error for #unknown {}

        impl core::str::FromStr for #ty {
            type Err = #unknown;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Self::from_name(s).ok_or(#unknown)
            }
        }

        impl core::fmt::Display for #ty {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl serde::Serialize for #ty {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for #ty {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                struct NameVisitor;

                impl serde::de::Visitor<'_> for NameVisitor {
                    type Value = #ty;

                    fn expecting(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                        f.write_str(#expecting)
                    }

                    fn visit_str<E: serde::de::Error>(self, value: &str) -> Result<#ty, E> {
                        #ty::from_name(value)
                            .ok_or_else(|| E::invalid_value(serde::de::Unexpected::Str(value), &self))
                    }
                }

                deserializer.deserialize_str(NameVisitor)
            }
        }
    }
}
