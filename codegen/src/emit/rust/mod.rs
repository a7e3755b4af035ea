//! The generated Rust crate: `Cargo.toml` and `src/lib.rs`.
//!
//! The source is built as `TokenStream`s, formatted once with prettyplease,
//! and the header is added after formatting (prettyplease drops comments).
//!
//! Emitted strategy, chosen by measurement (see the performance issue and
//! BENCHMARKS.md): every per-code property is a `static` array indexed by
//! `code as usize`, `FromStr` is a perfect hash computed here ([`phf`]), and
//! serde/`Debug`/`Display` are written by hand. A string `match` and derived
//! impls build 20-60x slower at thousands of codes, and derived serde is
//! re-instantiated in every crate that deserializes the enum.

mod cargo;
mod catalogue;
mod details;
mod error_code;
mod error_type;
mod fills;
mod lookup;
pub mod module;
pub mod phf;
pub mod runtime;
mod tokens;

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

pub use cargo::{cargo_toml, runtime_cargo_toml};
use tokens::{inner_doc_attrs, str_lit};

use super::schema;

use super::header_text;
use super::text::rustdoc_inline;
use crate::model::Catalog;

/// `src/lib.rs` of the generated crate.
pub fn lib_rs(catalog: &Catalog) -> String {
    let mut fills = fills::Fills::default();
    let tokens = lib_tokens(catalog, &mut fills);
    let file = syn::parse2::<syn::File>(tokens).expect("the emitter produces valid Rust");
    let text = fills.apply(&prettyplease::unparse(&file));
    format!("// {}\n//\n{CRATE_ATTRIBUTES_WHY}\n{text}", header_text())
}

/// Why the crate-level attributes are there, written into the generated
/// file after formatting (prettyplease keeps no comments).
const CRATE_ATTRIBUTES_WHY: &str = "\
// `rustdoc::bare_urls` is allowed: catalogue prose may contain URLs, which are text here.
// `unsafe_code` is denied but for `ALL_CODES` and `typed::nested_errors`, which say why they are sound.
// rustfmt skips this file: the generator formats it, and `cargo xtask gen --check`
// compares it byte for byte.
";

fn lib_tokens(catalog: &Catalog, fills: &mut fills::Fills) -> TokenStream {
    let crate_docs = inner_doc_attrs(&crate_doc_lines(catalog));
    let items = item_tokens(catalog, fills);
    // Paths from src/lib.rs to the schema files.
    let [strict, client, openapi] =
        [schema::STRICT_SCHEMA, schema::CLIENT_SCHEMA, schema::OPENAPI].map(|path| str_lit(&format!("../{path}")));
    // `include_str!` rather than a literal copy: the schema files are the
    // single source, and a copy would double the crate's size.
    let schemas = schema_consts([strict, client, openapi].map(|path| quote!(include_str!(#path))));
    quote! {
        #crate_docs
        // Catalogue prose may contain URLs; they are text, not links to check.
        #![allow(rustdoc::bare_urls)]
        // Two `unsafe` items, `ALL_CODES` and `typed::nested_errors`, say why
        // where they stand.
        #![deny(unsafe_code)]
        #![warn(missing_docs)]
        // The file is formatted by the generator (prettyplease) and checked for
        // staleness byte by byte, so `cargo fmt` must leave it alone.
        #![cfg_attr(rustfmt, rustfmt::skip)]

        // The runtime crate (the dependency named `runtime`), imported here
        // so that the typed layer reaches it as `super::runtime`, the same
        // path as in a build script's module, where it is a module. Clippy
        // sees a redundant import: it misses uses through `super::`.
        #[allow(clippy::single_component_path_imports)]
        use runtime;

        #items
        #schemas
    }
}

/// Every item that depends on the catalogue, shared by the crate's `lib.rs`
/// and the module a build script writes ([`module::module_rs`]).
fn item_tokens(catalog: &Catalog, fills: &mut fills::Fills) -> TokenStream {
    let error_type = if catalog.types.is_empty() { TokenStream::new() } else { error_type::error_type_tokens(catalog) };
    let error_code = error_code::error_code_tokens(catalog, fills);
    let lookup = lookup::lookup_tokens(catalog, fills);
    let hash = phf::hash_tokens();
    let catalogue = catalogue::catalogue_tokens(catalog, fills);
    let details = details::details_module_tokens(catalog, fills);
    quote! {
        #error_type
        #error_code
        #lookup
        #hash
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

/// `FromStr`, `Display`, `Debug` and serde for a name-like enum, written by
/// hand: derived serde and `Debug` on a large enum are generic code that every
/// dependent crate compiles again. Every function is a line or two and
/// `#[inline]`, so the crate itself compiles none of them: at the shipped
/// catalogue's size LLVM's fixed cost per function was a sixth of the build.
pub(super) fn common_impls(ty: &syn::Ident, unknown: &syn::Ident, what: &str) -> TokenStream {
    let unknown_doc = format!("The string is not a known {what}.");
    let unknown_message = format!("unknown {what}");
    let expecting = format!("a known {what}");
    quote! {
        #[doc = #unknown_doc]
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
        #[non_exhaustive]
        pub struct #unknown;

        impl core::fmt::Display for #unknown {
            #[inline]
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                f.write_str(#unknown_message)
            }
        }

        impl std::error::Error for #unknown {}

        impl core::str::FromStr for #ty {
            type Err = #unknown;

            #[inline]
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Self::from_name(s).ok_or(#unknown)
            }
        }

        impl core::fmt::Display for #ty {
            #[inline]
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl core::fmt::Debug for #ty {
            /// The variant's name, as `#[derive(Debug)]` prints it: the
            /// catalogue name in UpperCamelCase, written without a table.
            #[inline]
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                runtime::write_upper_camel(self.as_str(), f)
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

                    #[inline]
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

/// The smallest integer type that numbers `count` variants.
pub(super) fn repr_for(count: usize) -> syn::Ident {
    format_ident!(
        "{}",
        if count <= 256 {
            "u8"
        } else if count <= 65_536 {
            "u16"
        } else {
            "u32"
        }
    )
}
