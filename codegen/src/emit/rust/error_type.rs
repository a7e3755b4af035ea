//! The `ErrorType` enum: one variant per type of the catalogue, its facts
//! (name on the wire, status, description, retry advice) in one table,
//! `TYPES`, which the runtime reads too.

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use super::name_impls;
use super::tokens::{doc_attrs, str_lit};
use crate::emit::text::rustdoc_inline;
use crate::model::{Catalog, ErrorType};

/// The `ErrorType` enum, its table and its lookups.
pub(super) fn error_type_tokens(catalog: &Catalog) -> TokenStream {
    let types = &catalog.types;
    let count = Literal::usize_unsuffixed(types.len());
    let variants = types.iter().map(|ty| {
        let docs = doc_attrs(&error_type_doc_lines(ty));
        let ident = format_ident!("{}", ty.ident);
        quote! { #docs #ident, }
    });
    let wire_names = catalog.envelope.type_style();
    let facts = types.iter().map(|ty| {
        let name = str_lit(&ty.name);
        let wire = str_lit(&wire_names.apply(&ty.name));
        let description = str_lit(ty.description.as_deref().unwrap_or(""));
        let status = match ty.status {
            Some(status) => {
                let status = Literal::u16_unsuffixed(status);
                quote!(Some(#status))
            }
            None => quote!(None),
        };
        let retryable = ty.retryable;
        quote! {
            runtime::TypeFacts { name: #name, wire: #wire, description: #description, status: #status, retryable: #retryable }
        }
    });
    let methods = error_type_methods(catalog);
    let impls = name_impls(&format_ident!("ErrorType"), &format_ident!("UnknownErrorType"), "error type");
    quote! {
        /// Broad category of an error, for routing an error handler.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum ErrorType {
            #(#variants)*
        }

        /// Every type's facts, in declaration order (`ErrorType as usize`).
        static TYPES: [runtime::TypeFacts; #count] = [#(#facts),*];

        #methods

        #impls
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

/// The methods of `ErrorType`: reads of its table.
fn error_type_methods(catalog: &Catalog) -> TokenStream {
    let all = catalog.types.iter().map(|ty| format_ident!("{}", ty.ident));
    let http_status = if catalog.types.iter().all(|ty| ty.status.is_some()) {
        quote! {
            /// The HTTP status of this type's codes, unless a code sets its own.
            #[must_use]
            #[inline]
            pub const fn http_status(self) -> u16 {
                self.facts().status.expect("every type of this catalogue has a status")
            }
        }
    } else {
        quote! {
            /// The HTTP status of this type's codes (unless a code sets its
            /// own), if the type has one.
            #[must_use]
            #[inline]
            pub const fn http_status(self) -> Option<u16> {
                self.facts().status
            }
        }
    };
    quote! {
        impl ErrorType {
            /// Every type, in declaration order: by the release that added it, then by name.
            pub const ALL: &'static [ErrorType] = &[#(ErrorType::#all),*];

            /// The type's name in the catalogue, e.g. `"rate_limit_error"`.
            #[must_use]
            #[inline]
            pub const fn as_str(self) -> &'static str {
                self.facts().name
            }

            #http_status

            /// What the type means, from the catalogue.
            #[must_use]
            #[inline]
            pub const fn description(self) -> &'static str {
                self.facts().description
            }

            /// Whether errors of this type are worth retrying (with backoff).
            #[must_use]
            #[inline]
            pub const fn is_retryable(self) -> bool {
                self.facts().retryable
            }

            /// The type named `name`, if it is one of the catalogue's.
            #[must_use]
            pub fn from_name(name: &str) -> Option<ErrorType> {
                TYPES.iter().position(|ty| ty.name == name).map(|index| ErrorType::ALL[index])
            }

            const fn facts(self) -> &'static runtime::TypeFacts {
                &TYPES[self as usize]
            }
        }
    }
}
