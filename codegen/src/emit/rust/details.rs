//! The `details` module of the generated crate: one struct per code that
//! declares detail members, with those members as typed fields, so a server
//! cannot send a member of the wrong type or forget a required one: it would
//! not compile. Each struct's `TypedDetails` impl names its code and moves
//! its members into the error's details under their wire names.
//!
//! The structs are `#[non_exhaustive]`, built with `new` (one argument per
//! required member) and a `with_` method per optional member, so a release
//! that adds an optional member (compatible on the wire, a minor release by
//! the lock's rules) breaks no service's code either: cargo-semver-checks
//! agrees (`it/semver.rs`). Fields stay public to read.
//!
//! The structs derive `Debug` (and `Default` when every member is optional). `Clone` and `PartialEq` as well took the
//! 2,000-code crate's release build from 1.36-1.40 s to 1.83-2.02 s (the
//! hand-written crate: 4.23 s), past the 3x target (BENCHMARKS.md); the
//! `ApiError` a struct builds is `Clone` and `PartialEq`.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::tokens::{allow_deprecated, doc_attrs, str_lit};
use crate::emit::text::{rustdoc_inline, rustdoc_line};
use crate::model::{Catalog, Detail, DetailType, DetailsMap, ErrorDef};

/// `pub mod details`, one struct and impl per code with details.
pub fn details_module_tokens(catalog: &Catalog) -> TokenStream {
    let names = catalog.envelope.detail_names();
    let structs = catalog.errors.iter().filter(|error| error.has_details()).map(|error| match &error.details_map {
        Some(map) => map_struct(error, map),
        None => detail_struct(error, |detail| names.apply(&detail.name)),
    });
    quote! {
        /// Typed details, one struct per code that declares detail members.
        ///
        /// Build the error from the struct:
        /// `ApiError::from(details::SomeCode::new(required, ..).with_optional(value))`.
        /// Required members are plain fields, optional ones `Option`s; a code
        /// whose details are a map wraps it: `details::SomeCode(map)`.
        pub mod details {
            #(#structs)*
        }
    }
}

/// A struct of named members. Items here are named after codes, so nothing
/// is imported: a code called `api_error` must not clash with `ApiError`.
fn detail_struct(error: &ErrorDef, wire_name: impl Fn(&Detail) -> String) -> TokenStream {
    let ident = format_ident!("{}", error.ident);
    let docs = doc_attrs(&struct_doc_lines(error, None, None));
    let fields = error.details.iter().map(|detail| {
        let doc = match &detail.description {
            Some(description) => rustdoc_line(description),
            None => format!("The `{}` detail.", detail.name),
        };
        let doc = doc_attrs(&[doc]);
        let name = format_ident!("{}", detail.name);
        let field_type = field_type(detail.detail_type, detail.required);
        quote! { #doc pub #name: #field_type, }
    });
    let inserts = error.details.iter().map(|detail| {
        let (name, wire) = (format_ident!("{}", detail.name), str_lit(&wire_name(detail)));
        let value = if detail.required { quote!(self.#name) } else { quote!(value) };
        let value = match detail.detail_type {
            // serde_json has no `From` for maps, only `FromIterator`.
            DetailType::StringMap => quote!(serde_json::Value::from_iter(#value)),
            _ => value,
        };
        // JSON has no NaN or infinity: such a number is left out, as an
        // absent member (serde_json would write `null`, which no client of
        // a `number` member accepts).
        match (detail.required, detail.detail_type) {
            (true, DetailType::Number) => quote! {
                if self.#name.is_finite() {
                    details.insert(#wire, #value);
                }
            },
            (true, _) => quote! { details.insert(#wire, #value); },
            (false, DetailType::Number) => quote! {
                if let Some(value) = self.#name.filter(|value| value.is_finite()) {
                    details.insert(#wire, #value);
                }
            },
            (false, _) => quote! {
                if let Some(value) = self.#name {
                    details.insert(#wire, #value);
                }
            },
        }
    });
    let typed_details = typed_details_impl(error, quote! { #(#inserts)* });
    let constructors = constructors(error);
    let derives = if error.details.iter().any(|detail| detail.required) {
        quote!(#[derive(Debug)])
    } else {
        quote!(#[derive(Debug, Default)])
    };
    quote! {
        #docs
        #derives
        #[non_exhaustive]
        pub struct #ident {
            #(#fields)*
        }

        #constructors

        #typed_details
    }
}

/// `new` from the required members, and `with_<member>` for each optional one.
/// `#[inline]`, like `into_details`: compiled where they are called, so the
/// crate's own build only checks them (about 0.25 s for the 2,000 of a
/// 2,000-code catalogue; BENCHMARKS.md).
fn constructors(error: &ErrorDef) -> TokenStream {
    let ident = format_ident!("{}", error.ident);
    let required: Vec<&Detail> = error.details.iter().filter(|detail| detail.required).collect();
    let parameters = required.iter().map(|detail| {
        let (name, parameter) = (format_ident!("{}", detail.name), parameter_type(detail.detail_type));
        quote!(#name: #parameter)
    });
    let fields = error.details.iter().map(|detail| {
        let name = format_ident!("{}", detail.name);
        match (detail.required, detail.detail_type) {
            (true, DetailType::String) => quote!(#name: #name.into()),
            (true, _) => quote!(#name),
            (false, _) => quote!(#name: None),
        }
    });
    // One argument per required member, however many the code has.
    let allow = (required.len() > 7).then(|| quote!(#[allow(clippy::too_many_arguments)]));
    let setters = error.details.iter().filter(|detail| !detail.required).map(|detail| {
        let (name, setter) = (format_ident!("{}", detail.name), format_ident!("with_{}", detail.name));
        let parameter = parameter_type(detail.detail_type);
        let value = if detail.detail_type == DetailType::String { quote!(value.into()) } else { quote!(value) };
        let doc = doc_attrs(&[format!("Sets the optional `{}` detail.", detail.name)]);
        quote! {
            #doc
            #[inline]
            #[must_use]
            pub fn #setter(mut self, value: #parameter) -> Self {
                self.#name = Some(#value);
                self
            }
        }
    });
    let allow_deprecated = allow_deprecated(error.deprecated.is_some());
    quote! {
        #allow_deprecated
        impl #ident {
            /// The details from their required members; optional ones are unset.
            #allow
            #[inline]
            pub fn new(#(#parameters),*) -> Self {
                #ident { #(#fields),* }
            }

            #(#setters)*
        }
    }
}

/// What `new` and the setters take for a member: text as `impl Into<String>`.
fn parameter_type(detail_type: DetailType) -> TokenStream {
    match detail_type {
        DetailType::String => quote!(impl Into<String>),
        other => field_type(other, true),
    }
}

/// A code whose whole `details` object is a map: a tuple struct around it.
fn map_struct(error: &ErrorDef, map: &DetailsMap) -> TokenStream {
    let ident = format_ident!("{}", error.ident);
    let docs = doc_attrs(&struct_doc_lines(error, Some(map), map.description.as_deref()));
    let value_type = field_type(map.values, true);
    let body = match map.values {
        // serde_json has no `From` for maps, only `FromIterator`.
        DetailType::StringMap => quote! {
            details.extend(self.0.into_iter().map(|(name, value)| (name, serde_json::Value::from_iter(value))));
        },
        _ => quote! { details.extend(self.0); },
    };
    let typed_details = typed_details_impl(error, body);
    quote! {
        #docs
        #[derive(Debug)]
        pub struct #ident(pub std::collections::BTreeMap<String, #value_type>);

        #typed_details
    }
}

fn struct_doc_lines(error: &ErrorDef, map: Option<&DetailsMap>, description: Option<&str>) -> Vec<String> {
    let ident = &error.ident;
    let what = if map.is_some() { ": any name to a value" } else { "" };
    let mut lines = vec![
        format!("Details of [`ErrorCode::{ident}`](super::ErrorCode::{ident}) (`{}`){what}.", error.code),
        String::new(),
        format!("Message: {}", rustdoc_inline(&error.message)),
    ];
    if let Some(description) = description {
        lines.extend([String::new(), rustdoc_line(description)]);
    }
    lines
}

/// The struct's `TypedDetails` impl: its code, and how its members go into
/// the details (`#[inline]`: it is compiled where `ApiError::from` is
/// called, not once per struct in this crate).
fn typed_details_impl(error: &ErrorDef, body: TokenStream) -> TokenStream {
    let ident = format_ident!("{}", error.ident);
    let allow_deprecated = allow_deprecated(error.deprecated.is_some());
    quote! {
        #allow_deprecated
        impl super::TypedDetails for #ident {
            const CODE: super::ErrorCode = super::ErrorCode::#ident;

            #[inline]
            fn into_details(self, details: &mut super::Details) {
                #body
            }
        }
    }
}

/// The Rust type of a detail member of `detail_type`.
fn field_type(detail_type: DetailType, required: bool) -> TokenStream {
    let base = match detail_type {
        DetailType::String => quote!(String),
        DetailType::Integer => quote!(i64),
        DetailType::Number => quote!(f64),
        DetailType::Boolean => quote!(bool),
        DetailType::StringMap => quote!(std::collections::BTreeMap<String, String>),
        DetailType::StringList => quote!(Vec<String>),
    };
    if required { base } else { quote!(Option<#base>) }
}
