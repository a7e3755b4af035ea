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

mod ast;
mod cargo;
mod catalogue;
mod details;
pub mod phf;
pub mod runtime;
mod tokens;

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

pub use cargo::cargo_toml;
use tokens::{doc_attrs, inner_doc_attrs, str_lit};

use super::header_text;
use super::text::rustdoc_inline;
use crate::model::{Catalog, ErrorDef, ErrorType};

/// `src/lib.rs` of the generated crate.
pub fn lib_rs(catalog: &Catalog) -> String {
    let mut fills = ast::Fills::default();
    let tokens = lib_tokens(catalog, &mut fills);
    let mut file = syn::parse2::<syn::File>(tokens).expect("the emitter produces valid Rust");
    fills.apply(&mut file);
    format!("// {}\n//\n{CRATE_ATTRIBUTES_WHY}\n{}", header_text(), prettyplease::unparse(&file))
}

/// Why the crate-level attributes are there, written into the generated
/// file after formatting (prettyplease keeps no comments).
const CRATE_ATTRIBUTES_WHY: &str = "\
// `rustdoc::bare_urls` is allowed: catalogue prose may contain URLs, which are text here.
// `unsafe_code` is denied but for `ALL_CODES`, whose documentation says why it is sound.
// rustfmt skips this file: the generator formats it, and `cargo xtask gen --check`
// compares it byte for byte.
";

fn lib_tokens(catalog: &Catalog, fills: &mut ast::Fills) -> TokenStream {
    let crate_docs = inner_doc_attrs(&crate_doc_lines(catalog));
    let error_type = if catalog.types.is_empty() { TokenStream::new() } else { error_type_tokens(catalog) };
    let error_code = error_code_tokens(catalog, fills);
    let lookup = lookup_tokens(catalog, fills);
    let hash = phf::hash_tokens();
    let catalogue = catalogue::catalogue_tokens(catalog, fills);
    let details = details::details_module_tokens(catalog);
    quote! {
        #crate_docs
        // Catalogue prose may contain URLs; they are text, not links to check.
        #![allow(rustdoc::bare_urls)]
        // One `unsafe` item, `ALL_CODES`, says why where it stands.
        #![deny(unsafe_code)]
        #![warn(missing_docs)]
        // The file is formatted by the generator (prettyplease) and checked for
        // staleness byte by byte, so `cargo fmt` must leave it alone.
        #![cfg_attr(rustfmt, rustfmt::skip)]

        #error_type
        #error_code
        #lookup
        #hash
        #catalogue
        #details

        // `include_str!` rather than a literal copy: the schema files are the
        // single source, and a copy would double the crate's size.
        /// JSON Schema (draft 2020-12) of the error response: exactly this
        /// catalogue's codes, types and detail members. Serve it to clients.
        pub const ERROR_SCHEMA: &str = include_str!("../schema/errors.schema.json");
        /// JSON Schema of the error response that also accepts codes and
        /// members added after this version: what clients should validate with.
        pub const CLIENT_ERROR_SCHEMA: &str = include_str!("../schema/errors.client.schema.json");
        /// OpenAPI 3.1 fragment: the error schemas and one response per HTTP status.
        pub const OPENAPI: &str = include_str!("../schema/openapi.json");
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
    lines
}

/// The `ErrorType` enum and its lookups.
fn error_type_tokens(catalog: &Catalog) -> TokenStream {
    let types = &catalog.types;
    let count = Literal::usize_unsuffixed(types.len());
    let repr = repr_for(types.len());
    let variants = types.iter().enumerate().map(|(index, ty)| {
        let docs = doc_attrs(&error_type_doc_lines(ty));
        let ident = format_ident!("{}", ty.ident);
        let discriminant = Literal::usize_unsuffixed(index);
        quote! { #docs #ident = #discriminant, }
    });
    let all = types.iter().map(|ty| format_ident!("{}", ty.ident));
    let names = types.iter().map(|ty| str_lit(&ty.name));
    let descriptions = types.iter().map(|ty| str_lit(ty.description.as_deref().unwrap_or("")));
    let retryable = types.iter().map(|ty| ty.retryable);
    let (status_type, status_table) = if types.iter().all(|ty| ty.status.is_some()) {
        let statuses = types.iter().map(|ty| Literal::u16_unsuffixed(ty.status.unwrap_or_default()));
        (quote!(u16), quote!([#(#statuses),*]))
    } else {
        let statuses = types.iter().map(|ty| match ty.status {
            Some(status) => {
                let status = Literal::u16_unsuffixed(status);
                quote!(Some(#status))
            }
            None => quote!(None),
        });
        (quote!(Option<u16>), quote!([#(#statuses),*]))
    };
    let status_doc = if types.iter().all(|ty| ty.status.is_some()) {
        "The HTTP status codes of this type default to."
    } else {
        "The HTTP status codes of this type default to, if the type has one."
    };
    let parse_arms = types.iter().map(|ty| {
        let name = str_lit(&ty.name);
        let ident = format_ident!("{}", ty.ident);
        quote! { #name => Ok(ErrorType::#ident), }
    });
    let common = common_impls(&format_ident!("ErrorType"), &format_ident!("UnknownErrorType"), "error type");
    quote! {
        /// Broad category of an error, for routing an error handler.
        #[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        #[repr(#repr)]
        pub enum ErrorType {
            #(#variants)*
        }

        static TYPE_NAMES: [&str; #count] = [#(#names),*];
        static TYPE_DESCRIPTIONS: [&str; #count] = [#(#descriptions),*];
        static TYPE_STATUSES: [#status_type; #count] = #status_table;
        static TYPE_RETRYABLE: [bool; #count] = [#(#retryable),*];

        impl ErrorType {
            /// Every type, in catalogue order.
            pub const ALL: &'static [ErrorType] = &[#(ErrorType::#all),*];

            /// The type as it appears on the wire, e.g. `"rate_limit_error"`.
            #[inline]
            #[must_use]
            pub const fn as_str(self) -> &'static str {
                TYPE_NAMES[self as usize]
            }

            #[doc = #status_doc]
            #[inline]
            #[must_use]
            pub const fn http_status(self) -> #status_type {
                TYPE_STATUSES[self as usize]
            }

            /// What the type means, from the catalogue.
            #[inline]
            #[must_use]
            pub const fn description(self) -> &'static str {
                TYPE_DESCRIPTIONS[self as usize]
            }

            /// Whether errors of this type are worth retrying (with backoff).
            #[inline]
            #[must_use]
            pub const fn is_retryable(self) -> bool {
                TYPE_RETRYABLE[self as usize]
            }

            /// The type named `name`, if it is one of the catalogue's.
            #[must_use]
            pub fn from_name(name: &str) -> Option<ErrorType> {
                // Types are few, so a match is as fast as a table here.
                match name {
                    #(#parse_arms)*
                    _ => Err(()),
                }
                .ok()
            }
        }

        #common
    }
}

fn error_type_doc_lines(ty: &ErrorType) -> Vec<String> {
    let mut lines = vec![format!("`{}`", ty.name)];
    if let Some(description) = &ty.description {
        lines[0].push_str(&format!(": {}", rustdoc_inline(description)));
    }
    lines.push(String::new());
    if let Some(status) = ty.status {
        lines.push(format!("- HTTP status: {status}"));
    }
    lines.push(format!("- Retryable: {}", if ty.retryable { "yes" } else { "no" }));
    lines
}

/// `FromStr`, `Display`, `Debug` and serde for a name-like enum, written by
/// hand: derived serde and `Debug` on a large enum are generic code that every
/// dependent crate compiles again.
fn common_impls(ty: &syn::Ident, unknown: &syn::Ident, what: &str) -> TokenStream {
    let unknown_doc = format!("The string is not a known {what}.");
    let unknown_message = format!("unknown {what}");
    let expecting = format!("a known {what}");
    let type_name = str_lit(&ty.to_string());
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

            #[inline]
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Self::from_name(s).ok_or(#unknown)
            }
        }

        impl core::fmt::Display for #ty {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl core::fmt::Debug for #ty {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                f.debug_tuple(#type_name).field(&self.as_str()).finish()
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

/// The `ErrorCode` enum and its table lookups.
fn error_code_tokens(catalog: &Catalog, fills: &mut ast::Fills) -> TokenStream {
    let errors = &catalog.errors;
    let count = Literal::usize_unsuffixed(errors.len());
    let repr = repr_for(errors.len());
    let variants = errors
        .iter()
        .enumerate()
        .map(|(index, error)| {
            let mut attrs = ast::doc_attributes(&error_doc_lines(catalog, error));
            attrs.extend(deprecated_attr(catalog, error));
            ast::variant(attrs, &error.ident, index)
        })
        .collect();
    fills.variants(variants);
    fills.table("CODE_NAMES", errors.iter().map(|error| ast::string(&error.code)));
    fills.table("CODE_MESSAGES", errors.iter().map(|error| ast::string(&error.message)));
    fills.table("CODE_STATUSES", errors.iter().map(|error| ast::integer(error.status)));
    fills.table("CODE_RETRYABLE", errors.iter().map(|error| ast::boolean(error.retryable)));
    fills.table(
        "CODE_REPLACED_BY",
        errors.iter().map(|error| match catalog.replacement(error) {
            Some(replacement) => ast::call("Some", ast::path(&["ErrorCode", &replacement.ident])),
            None => ast::path(&["None"]),
        }),
    );

    let type_lookup = if catalog.types.is_empty() {
        TokenStream::new()
    } else {
        let types = errors
            .iter()
            .map(|error| ast::path(&["ErrorType", &catalog.types[error.error_type.unwrap_or_default()].ident]));
        fills.table("CODE_TYPES", types);
        quote! {
            static CODE_TYPES: [ErrorType; #count] = [];
        }
    };
    let type_getter = if catalog.types.is_empty() {
        TokenStream::new()
    } else {
        quote! {
            /// The broad category of the code.
            #[inline]
            #[must_use]
            pub const fn error_type(self) -> ErrorType {
                CODE_TYPES[self as usize]
            }
        }
    };
    let urls: Vec<Option<String>> = errors.iter().map(|error| catalog.doc_url(error)).collect();
    let doc_url_table = if urls.iter().any(Option::is_some) {
        fills.table("CODE_DOC_URLS", urls.iter().map(|url| ast::string(url.as_deref().unwrap_or(""))));
        quote! { static CODE_DOC_URLS: [&str; #count] = []; }
    } else {
        TokenStream::new()
    };
    let doc_url_getter = if urls.iter().all(Option::is_some) {
        quote! {
            /// Where the code is documented.
            #[inline]
            #[must_use]
            pub const fn doc_url(self) -> &'static str {
                CODE_DOC_URLS[self as usize]
            }
        }
    } else {
        TokenStream::new()
    };
    let common = common_impls(&format_ident!("ErrorCode"), &format_ident!("UnknownErrorCode"), "error code");
    quote! {
        /// Every error code of the API. Parse one with `str::parse` (aliases
        /// included); print it with `Display` or [`ErrorCode::as_str`].
        #[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        #[repr(#repr)]
        pub enum ErrorCode {}

        /// The discriminants of every code, 0 to N - 1, computed at compile time.
        static ALL_DISCRIMINANTS: [#repr; #count] = {
            let mut all = [0; #count];
            let mut index = 0;
            while index < #count {
                all[index] = index as #repr;
                index += 1;
            }
            all
        };
        /// Compiles only if `ErrorCode` has the size of its `repr` (a
        /// zero-length array type would not match `[(); 1]`).
        const _: [(); 1] = [(); (core::mem::size_of::<ErrorCode>() == core::mem::size_of::<#repr>()) as usize];
        /// Every code, in catalogue order: `ALL_DISCRIMINANTS` read as codes.
        ///
        /// Why `unsafe`: written as an array of variants, this table makes
        /// rustc check every element against every variant, which is
        /// quadratic (13 of 16 seconds of `cargo check` at 10,000 codes).
        ///
        /// Safety: `ErrorCode` is `#[repr(u8/u16/u32)]` (as above) with the
        /// discriminants 0 to N - 1 and nothing else, so every element of
        /// `ALL_DISCRIMINANTS` is a valid `ErrorCode` of the same size and
        /// alignment, and the static lives for the whole program.
        #[allow(unsafe_code)]
        static ALL_CODES: &[ErrorCode; #count] =
            unsafe { &*(&ALL_DISCRIMINANTS as *const [#repr; #count]).cast::<[ErrorCode; #count]>() };
        static CODE_NAMES: [&str; #count] = [];
        static CODE_MESSAGES: [&str; #count] = [];
        static CODE_STATUSES: [u16; #count] = [];
        static CODE_RETRYABLE: [bool; #count] = [];
        #type_lookup
        #doc_url_table
        /// The replacement of each deprecated code. Naming a deprecated
        /// variant here is data, not a use, hence `allow(deprecated)`.
        #[allow(deprecated)]
        static CODE_REPLACED_BY: [Option<ErrorCode>; #count] = [];

        impl ErrorCode {
            /// Every code, in catalogue order.
            pub const ALL: &'static [ErrorCode] = ALL_CODES;

            /// The code as it appears on the wire, e.g. `"call_not_found"`.
            #[inline]
            #[must_use]
            pub const fn as_str(self) -> &'static str {
                CODE_NAMES[self as usize]
            }

            /// The HTTP status responses with this code carry.
            #[inline]
            #[must_use]
            pub const fn http_status(self) -> u16 {
                CODE_STATUSES[self as usize]
            }

            /// The default human-readable message. It may hold `{member}`
            /// placeholders naming members of the code's details.
            #[inline]
            #[must_use]
            pub const fn message(self) -> &'static str {
                CODE_MESSAGES[self as usize]
            }

            /// Whether a request that failed with this code is worth retrying
            /// (with backoff).
            #[inline]
            #[must_use]
            pub const fn is_retryable(self) -> bool {
                CODE_RETRYABLE[self as usize]
            }

            #type_getter
            #doc_url_getter

            /// The code that replaces this one, if it is deprecated in favour of another.
            #[inline]
            #[must_use]
            pub const fn replaced_by(self) -> Option<ErrorCode> {
                CODE_REPLACED_BY[self as usize]
            }

            /// The code named `name` (or one of its aliases), if there is one.
            #[inline]
            #[must_use]
            pub fn from_name(name: &str) -> Option<ErrorCode> {
                lookup_code(name)
            }
        }

        #common
    }
}

fn error_doc_lines(catalog: &Catalog, error: &ErrorDef) -> Vec<String> {
    let mut lines = vec![format!("`{}`: {}", error.code, rustdoc_inline(&error.message)), String::new()];
    lines.push(format!("- HTTP status: {}", error.status));
    if let Some(ty) = catalog.error_type(error) {
        lines.push(format!("- Type: `{}`", ty.name));
    }
    lines.push(format!("- Retryable: {}", if error.retryable { "yes" } else { "no" }));
    if let Some(cause) = &error.cause {
        lines.push(format!("- Cause: {}", rustdoc_inline(cause)));
    }
    if let Some(fix) = &error.fix {
        lines.push(format!("- Fix: {}", rustdoc_inline(fix)));
    }
    if let Some(param) = &error.param {
        lines.push(format!("- Request field: {}", rustdoc_inline(param)));
    }
    if let Some(url) = catalog.service.doc_url_for(&error.code) {
        lines.push(format!("- Documentation: {}", rustdoc_inline(&url)));
    }
    if !error.aliases.is_empty() {
        let aliases: Vec<String> = error.aliases.iter().map(|alias| format!("`{alias}`")).collect();
        lines.push(format!("- Also parsed from: {}", aliases.join(", ")));
    }
    lines
}

fn deprecated_attr(catalog: &Catalog, error: &ErrorDef) -> Vec<syn::Attribute> {
    let Some(deprecation) = &error.deprecated else { return Vec::new() };
    let mut note = match catalog.replacement(error) {
        Some(replacement) => format!("use `{}` (ErrorCode::{}) instead", replacement.code, replacement.ident),
        None => "this code is no longer returned".to_string(),
    };
    if let Some(extra) = &deprecation.note {
        note.push_str(": ");
        note.push_str(&extra.split_whitespace().collect::<Vec<_>>().join(" "));
    }
    let note = str_lit(&note);
    let tokens = quote! { #[deprecated(note = #note)] };
    syn::parse::Parser::parse2(syn::Attribute::parse_outer, tokens).expect("a valid attribute")
}

/// The perfect-hash tables and `lookup_code`.
fn lookup_tokens(catalog: &Catalog, fills: &mut ast::Fills) -> TokenStream {
    // Names are numbered codes first (as in `CODE_NAMES`), then aliases; the
    // table holds only these numbers, so it stays small (cache-friendly) and
    // no name is stored twice.
    let aliases: Vec<(&str, &str)> = catalog
        .errors
        .iter()
        .flat_map(|error| error.aliases.iter().map(move |alias| (alias.as_str(), error.ident.as_str())))
        .collect();
    let names: Vec<&str> =
        catalog.errors.iter().map(|error| error.code.as_str()).chain(aliases.iter().map(|(alias, _)| *alias)).collect();
    let table = phf::build(&names);
    let len = table.slots.len();
    let buckets = table.displacements.len();
    let (len_usize, buckets_usize) = (Literal::usize_unsuffixed(len), Literal::usize_unsuffixed(buckets));
    let seed = tokens::hex_u64(table.seed);
    let mix = tokens::hex_u64(phf::MIX);
    let len_lit = Literal::u32_unsuffixed(len as u32);
    let buckets_lit = Literal::u32_unsuffixed(buckets as u32);
    // Displacements and name numbers are below the table length: u16 halves
    // the tables for every catalogue of up to 65,536 names.
    let index_type = if len <= usize::from(u16::MAX) { quote!(u16) } else { quote!(u32) };
    fills.table(
        "LOOKUP_DISPLACEMENTS",
        table.displacements.iter().map(|&(d1, d2)| ast::pair(ast::integer(d1), ast::integer(d2))),
    );
    fills.table("LOOKUP_SLOTS", table.slots.iter().map(|&index| ast::integer(index)));
    let code_count = Literal::usize_unsuffixed(catalog.errors.len());
    let modulo_one = if len == 1 || buckets == 1 {
        quote! {
            ///
            /// A catalogue this small has tables of length one, and the same
            /// code serves every size, hence `allow(clippy::modulo_one)`.
            #[allow(clippy::modulo_one)]
        }
    } else {
        TokenStream::new()
    };
    let (alias_tables, resolve) = if aliases.is_empty() {
        (
            TokenStream::new(),
            quote! {
                (CODE_NAMES[index] == name).then(|| ALL_CODES[index])
            },
        )
    } else {
        let alias_count = Literal::usize_unsuffixed(aliases.len());
        let alias_names = aliases.iter().map(|(alias, _)| str_lit(alias));
        let index_of =
            |ident: &str| catalog.errors.iter().position(|error| error.ident == ident).expect("an alias's code exists");
        let alias_targets = aliases.iter().map(|(_, ident)| Literal::usize_unsuffixed(index_of(ident)));
        let target_type = repr_for(catalog.errors.len());
        (
            quote! {
                /// Old spellings still accepted when parsing.
                static ALIAS_NAMES: [&str; #alias_count] = [#(#alias_names),*];
                /// The number of the code each alias stands for.
                static ALIAS_TARGETS: [#target_type; #alias_count] = [#(#alias_targets),*];
            },
            quote! {
                if index < #code_count {
                    (CODE_NAMES[index] == name).then(|| ALL_CODES[index])
                } else {
                    let alias = index - #code_count;
                    (ALIAS_NAMES[alias] == name).then(|| ALL_CODES[ALIAS_TARGETS[alias] as usize])
                }
            },
        )
    };
    quote! {
        const LOOKUP_SEED: u64 = #seed;
        const LOOKUP_LEN: u32 = #len_lit;
        const LOOKUP_BUCKETS: u32 = #buckets_lit;
        /// Per bucket, the displacement that places its keys without collision.
        static LOOKUP_DISPLACEMENTS: [(#index_type, #index_type); #buckets_usize] = [];
        /// Per slot, the number of the name hashed there: a code (below the
        /// number of codes) or an alias (after them).
        static LOOKUP_SLOTS: [#index_type; #len_usize] = [];
        #alias_tables

        /// Perfect-hash lookup: one hash, three small table loads, one comparison.
        /// Mirrors `codegen::emit::rust::phf::{split, slot}`.
        #modulo_one
        #[inline]
        fn lookup_code(name: &str) -> Option<ErrorCode> {
            let hash = hash(name.as_bytes(), LOOKUP_SEED);
            let bucket = ((hash >> 32) as u32) % LOOKUP_BUCKETS;
            let f1 = hash as u32;
            let f2 = (hash.wrapping_mul(#mix) >> 32) as u32;
            let (d1, d2) = LOOKUP_DISPLACEMENTS[bucket as usize];
            let slot = f2.wrapping_add(f1.wrapping_mul(u32::from(d1))).wrapping_add(u32::from(d2)) % LOOKUP_LEN;
            let index = LOOKUP_SLOTS[slot as usize] as usize;
            #resolve
        }
    }
}

/// The smallest integer type that numbers `count` variants.
fn repr_for(count: usize) -> syn::Ident {
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
