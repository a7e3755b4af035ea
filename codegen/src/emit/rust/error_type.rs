//! The `ErrorType` enum: one variant per type of the catalogue, with its
//! status, description and retry advice read from tables.

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use super::tokens::{doc_attrs, str_lit};
use super::{common_impls, repr_for};
use crate::emit::text::rustdoc_inline;
use crate::model::{Catalog, ErrorType};

/// The `ErrorType` enum and its lookups.
pub(super) fn error_type_tokens(catalog: &Catalog) -> TokenStream {
    let types = &catalog.types;
    let count = Literal::usize_unsuffixed(types.len());
    let repr = repr_for(types.len());
    // Implicit discriminants (0, 1, ...), as for `ErrorCode`.
    let variants = types.iter().map(|ty| {
        let docs = doc_attrs(&error_type_doc_lines(ty));
        let ident = format_ident!("{}", ty.ident);
        quote! { #docs #ident, }
    });
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
    let methods = error_type_methods(catalog, &status_type);
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

        #methods

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

/// The methods of `ErrorType`: lookups in its tables.
fn error_type_methods(catalog: &Catalog, status_type: &TokenStream) -> TokenStream {
    let types = &catalog.types;
    let all = types.iter().map(|ty| format_ident!("{}", ty.ident));
    let status_doc = if types.iter().all(|ty| ty.status.is_some()) {
        "The HTTP status of this type's codes, unless a code sets its own."
    } else {
        "The HTTP status of this type's codes (unless a code sets its own), if the type has one."
    };
    let parse_arms = types.iter().map(|ty| {
        let name = str_lit(&ty.name);
        let ident = format_ident!("{}", ty.ident);
        quote! { #name => Some(ErrorType::#ident), }
    });
    quote! {
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
            #[inline]
            pub fn from_name(name: &str) -> Option<ErrorType> {
                // Types are few, so a match is as fast as a table here.
                match name {
                    #(#parse_arms)*
                    _ => None,
                }
            }
        }

    }
}
