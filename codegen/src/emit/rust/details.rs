//! The `details` module of the generated crate: one struct per code that
//! declares detail members, with those members as typed fields, so a server
//! cannot send a member of the wrong type or forget a required one: it would
//! not compile.
//!
//! Built to cost little to compile at thousands of codes (see BENCHMARKS.md):
//! a struct's `From` impl is one call to the runtime with its member list,
//! `#[inline]` so it is compiled only where used, and the structs derive only
//! `Debug` (`Clone` and `PartialEq` on 822 structs took 2.6 s of a 7.5 s
//! release build at 2,000 codes).

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::tokens::{doc_attrs, str_lit};
use crate::emit::text::rustdoc_inline;
use crate::model::{Catalog, Detail, DetailType, DetailsMap, ErrorDef, NameStyle};

pub fn details_module_tokens(catalog: &Catalog) -> TokenStream {
    let structs = catalog.errors.iter().filter(|error| error.has_details()).map(|error| match &error.details_map {
        Some(map) => map_struct(error, map),
        None => detail_struct(error, catalog.envelope.detail_names()),
    });
    quote! {
        /// Typed details, one struct per code that declares detail members.
        ///
        /// Build the error from the struct: `ApiError::from(details::SomeCode { .. })`
        /// or `ApiError::from(details::SomeCode::new(..))`.
        /// Required members are plain fields, optional ones `Option`s.
        ///
        /// The structs are builders, consumed by `From`: they derive `Debug`
        /// only; clone or compare the `ApiError` they build.
        pub mod details {
            // Items are named after codes, so nothing is imported: a code
            // called `api_error` must not clash with `super::ApiError`.
            #(#structs)*
        }
    }
}

fn detail_struct(error: &ErrorDef, names: NameStyle) -> TokenStream {
    let ident = format_ident!("{}", error.ident);
    let doc = doc_attrs(&[
        format!("Details of [`ErrorCode::{0}`](super::ErrorCode::{0}) (`{1}`).", error.ident, error.code),
        String::new(),
        format!("Message: {}", rustdoc_inline(&error.message)),
    ]);
    let fields = error.details.iter().map(|detail| {
        let name = format_ident!("{}", detail.name);
        let ty = field_type(detail);
        let doc = doc_attrs(&[match &detail.description {
            Some(description) => rustdoc_inline(description),
            None => format!("The `{}` detail.", detail.name),
        }]);
        quote! { #doc pub #name: #ty, }
    });
    let members = error.details.iter().map(|detail| {
        let name = format_ident!("{}", detail.name);
        let key = str_lit(&names.apply(&detail.name));
        let convert = to_json_value(detail.detail_type);
        if detail.required {
            quote! { (#key, Some(#convert(details.#name))) }
        } else {
            quote! { (#key, details.#name.map(#convert)) }
        }
    });
    let constructor = constructor(error);
    let allow_deprecated = allow_deprecated(error);
    quote! {
        #doc
        #[derive(Debug)]
        pub struct #ident {
            #(#fields)*
        }

        impl #ident {
            #constructor
        }

        #allow_deprecated
        impl From<#ident> for super::ApiError {
            #[inline]
            fn from(details: #ident) -> super::ApiError {
                super::ApiError::from_typed_details(super::ErrorCode::#ident, &mut [#(#members),*])
            }
        }
    }
}

fn field_type(detail: &Detail) -> TokenStream {
    let base = match detail.detail_type {
        DetailType::String => quote!(String),
        DetailType::Integer => quote!(i64),
        DetailType::Number => quote!(f64),
        DetailType::Boolean => quote!(bool),
        DetailType::StringMap => quote!(std::collections::BTreeMap<String, String>),
        DetailType::StringList => quote!(Vec<String>),
    };
    if detail.required { base } else { quote!(Option<#base>) }
}

/// The function turning a member's value into a `serde_json::Value`: the
/// same function for every struct, so nothing is instantiated per struct.
fn to_json_value(detail_type: DetailType) -> TokenStream {
    match detail_type {
        // A `BTreeMap<String, String>` is an object of strings.
        DetailType::StringMap => quote!(<serde_json::Value as FromIterator<(String, String)>>::from_iter),
        _ => quote!(serde_json::Value::from),
    }
}

/// `new(required members..., optional members as Option...)`, in declaration order.
fn constructor(error: &ErrorDef) -> TokenStream {
    let params = error.details.iter().map(|detail| {
        let name = format_ident!("{}", detail.name);
        let ty = field_type(detail);
        quote!(#name: #ty)
    });
    let names = error.details.iter().map(|detail| format_ident!("{}", detail.name));
    // One argument per declared member is the point: a long list is the
    // catalogue's choice, and the struct literal is there for named arguments.
    let allow = if error.details.len() > 7 { quote!(#[allow(clippy::too_many_arguments)]) } else { TokenStream::new() };
    quote! {
        /// The details, every declared member as an argument (optional ones as `Option`).
        #[inline]
        #[must_use]
        #allow
        pub fn new(#(#params),*) -> Self {
            Self { #(#names),* }
        }
    }
}

/// A code whose whole `details` object is a map: a tuple struct around it.
fn map_struct(error: &ErrorDef, map: &DetailsMap) -> TokenStream {
    let ident = format_ident!("{}", error.ident);
    let mut lines = vec![
        format!(
            "Details of [`ErrorCode::{0}`](super::ErrorCode::{0}) (`{1}`): any name to a value.",
            error.ident, error.code
        ),
        String::new(),
        format!("Message: {}", rustdoc_inline(&error.message)),
    ];
    if let Some(description) = &map.description {
        lines.extend([String::new(), rustdoc_inline(description)]);
    }
    let doc = doc_attrs(&lines);
    let value_type =
        field_type(&Detail { name: String::new(), detail_type: map.values, description: None, required: true });
    let allow_deprecated = allow_deprecated(error);
    quote! {
        #doc
        #[derive(Debug, Default)]
        pub struct #ident(pub std::collections::BTreeMap<String, #value_type>);

        impl #ident {
            /// The details from any name-value pairs.
            #[inline]
            #[must_use]
            pub fn new(entries: impl IntoIterator<Item = (String, #value_type)>) -> Self {
                Self(entries.into_iter().collect())
            }
        }

        #allow_deprecated
        impl From<#ident> for super::ApiError {
            #[inline]
            fn from(details: #ident) -> super::ApiError {
                super::ApiError::from_detail_map(super::ErrorCode::#ident, details.0)
            }
        }
    }
}

/// `#[allow(deprecated)]` for the `From` impl of a deprecated code: naming
/// the code there is the generated crate's own business, not a use.
fn allow_deprecated(error: &ErrorDef) -> TokenStream {
    if error.deprecated.is_some() {
        quote! { #[allow(deprecated)] }
    } else {
        TokenStream::new()
    }
}
