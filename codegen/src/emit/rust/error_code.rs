//! The `ErrorCode` enum: one variant per code, documented from the
//! catalogue, and its accessors, which read the code's facts in `CODES`
//! (`catalogue.rs`).

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::name_impls;
use super::tokens::{allow_deprecated, doc_attrs, str_lit};
use crate::emit::text::rustdoc_inline;
use crate::model::{Catalog, ErrorDef};

/// The `ErrorCode` enum and its accessors.
pub(super) fn error_code_tokens(catalog: &Catalog) -> TokenStream {
    let variants = catalog.errors.iter().map(|error| {
        let docs = doc_attrs(&error_doc_lines(catalog, error));
        let deprecated = deprecated_attr(catalog, error);
        let ident = format_ident!("{}", error.ident);
        quote! { #docs #deprecated #ident, }
    });
    let methods = error_code_methods(catalog);
    let impls = name_impls(&format_ident!("ErrorCode"), &format_ident!("UnknownErrorCode"), "error code");
    quote! {
        /// Every error code of the API. Parse one with `str::parse` (aliases
        /// included); print it with `Display` or [`ErrorCode::as_str`].
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum ErrorCode {
            #(#variants)*
        }

        #methods

        #impls
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
    if let Some(url) = catalog.doc_url(error) {
        lines.push(format!("- Documentation: {}", rustdoc_inline(&url)));
    }
    if !error.aliases.is_empty() {
        let aliases: Vec<String> = error.aliases.iter().map(|alias| format!("`{alias}`")).collect();
        lines.push(format!("- Also parsed from: {}", aliases.join(", ")));
    }
    if let Some(history) = catalog.history.codes.get(&error.code) {
        lines.push(format!("- Since: {}", history.since));
    }
    lines
}

/// `#[deprecated(note = "...")]` for a deprecated code.
fn deprecated_attr(catalog: &Catalog, error: &ErrorDef) -> TokenStream {
    let Some(deprecation) = &error.deprecated else { return TokenStream::new() };
    let mut note = match catalog.replacement(error) {
        Some(replacement) => format!("use `{}` (ErrorCode::{}) instead", replacement.code, replacement.ident),
        None => "this code is no longer returned".to_string(),
    };
    if let Some(extra) = &deprecation.note {
        note.push_str(": ");
        note.push_str(&extra.split_whitespace().collect::<Vec<_>>().join(" "));
    }
    let note = str_lit(&note);
    match catalog.history.codes.get(&error.code).and_then(|history| history.deprecated.as_deref()) {
        Some(since) => {
            let since = str_lit(since);
            quote!(#[deprecated(since = #since, note = #note)])
        }
        None => quote!(#[deprecated(note = #note)]),
    }
}

/// The methods of `ErrorCode`: reads of its facts.
fn error_code_methods(catalog: &Catalog) -> TokenStream {
    let all = catalog.errors.iter().map(|error| format_ident!("{}", error.ident));
    let allow_deprecated = allow_deprecated(catalog.errors.iter().any(|error| error.deprecated.is_some()));
    let (error_type, doc_url) = optional_methods(catalog);
    quote! {
        impl ErrorCode {
            /// Every code, in declaration order: by the release that added it, then by name.
            #allow_deprecated
            pub const ALL: &'static [ErrorCode] = &[#(ErrorCode::#all),*];

            /// The code's name in the catalogue, e.g. `"call_not_found"` (on the
            /// wire unless the envelope writes codes in another style).
            #[must_use]
            #[inline]
            pub const fn as_str(self) -> &'static str {
                self.facts().name
            }

            /// The HTTP status responses with this code carry.
            #[must_use]
            #[inline]
            pub const fn http_status(self) -> u16 {
                self.facts().status
            }

            /// The default human-readable message. It may hold `{member}`
            /// placeholders naming members of the code's details.
            #[must_use]
            #[inline]
            pub const fn message(self) -> &'static str {
                self.facts().message
            }

            /// The message in the language `accept_language` asks for (an
            /// `Accept-Language` value, `nl-BE,nl;q=0.9,en;q=0.8`, or one tag):
            /// the catalogue's language of the highest quality that the value
            /// names, or a shorter form of (`nl-BE` finds `nl`), else the
            /// catalogue's own. Allocates nothing.
            #[must_use]
            pub fn localized_message(self, accept_language: &str) -> &'static str {
                CATALOGUE.message_in(self as usize, CATALOGUE.negotiate(accept_language))
            }

            /// Whether a request that failed with this code is worth retrying
            /// (with backoff).
            #[must_use]
            #[inline]
            pub const fn is_retryable(self) -> bool {
                self.facts().retryable
            }

            #error_type
            #doc_url

            /// The code that replaces this one, if it is deprecated in favour of another.
            #[must_use]
            #[inline]
            pub const fn replaced_by(self) -> Option<ErrorCode> {
                match self.facts().replaced_by {
                    Some(index) => Some(ErrorCode::ALL[index]),
                    None => None,
                }
            }

            /// The code named `name` (or one of its aliases), if there is one.
            #[must_use]
            pub fn from_name(name: &str) -> Option<ErrorCode> {
                CATALOGUE.code_named(name).map(|index| ErrorCode::ALL[index])
            }

            /// The code as the envelope sends it: `Display` writes it as sent
            /// (`20101`, `RESOURCE_EXHAUSTED`), serde as the JSON value sent.
            #[must_use]
            #[inline]
            pub const fn wire_code(self) -> envelope::WireCode {
                self.facts().wire
            }

            /// The code whose value on the wire is `text` ([`ErrorCode::wire_code`]
            /// as text, an alias, or the link or title where those identify codes).
            #[must_use]
            pub fn from_wire(text: &str) -> Option<ErrorCode> {
                CATALOGUE.code_sent_as(text).map(|index| ErrorCode::ALL[index])
            }

            const fn facts(self) -> &'static runtime::CodeFacts {
                &CODES[self as usize]
            }
        }
    }
}

/// The methods of `ErrorCode` that all of a catalogue's codes have or none
/// has: `error_type` where the catalogue has types, `doc_url` where every
/// code has a link.
fn optional_methods(catalog: &Catalog) -> (TokenStream, TokenStream) {
    let error_type = if catalog.types.is_empty() {
        TokenStream::new()
    } else {
        quote! {
            /// The broad category of the code.
            #[must_use]
            #[inline]
            pub const fn error_type(self) -> ErrorType {
                let index = self.facts().error_type.expect("every code of this catalogue has a type");
                ErrorType::ALL[index]
            }
        }
    };
    let doc_url = if catalog.errors.iter().all(|error| catalog.has_doc_url(error)) {
        quote! {
            /// Where the code is documented.
            #[must_use]
            #[inline]
            pub const fn doc_url(self) -> &'static str {
                self.facts().doc_url.expect("every code of this catalogue has a link")
            }
        }
    } else {
        TokenStream::new()
    };
    (error_type, doc_url)
}
