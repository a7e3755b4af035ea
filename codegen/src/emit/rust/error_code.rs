//! The `ErrorCode` enum: one variant per code, with its per-code facts
//! (status, message, retry advice, type, doc URL, replacement) in static
//! tables indexed by the variant.

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use std::fmt::Write as _;

use super::fills::{self as rs, Fills};
use super::{common_impls, repr_for};
use crate::emit::text::rustdoc_inline;
use crate::model::{Catalog, ErrorDef};

/// The `ErrorCode` enum and its table lookups.
pub(super) fn error_code_tokens(catalog: &Catalog, fills: &mut Fills) -> TokenStream {
    let errors = &catalog.errors;
    let count = Literal::usize_unsuffixed(errors.len());
    let repr = repr_for(errors.len());
    let mut variants = String::with_capacity(errors.len() * 400);
    // No explicit discriminants: each `= N` is an anonymous constant that
    // rustc type- and borrow-checks on its own (4.6 of 17 seconds of the
    // release build at 10,000 codes). The implicit ones are the same numbers:
    // 0 for the first variant, then each the previous plus one.
    for error in errors {
        rs::doc_comments(&mut variants, "    ", &error_doc_lines(catalog, error));
        if let Some(attribute) = deprecated_attr(catalog, error) {
            let _ = writeln!(variants, "    {attribute}");
        }
        let _ = writeln!(variants, "    {},", error.ident);
    }
    fills.block("ErrorCode", variants);
    fills.strings("CODE_NAMES", errors.iter().map(|error| error.code.as_str()));
    fills.strings("CODE_MESSAGES", errors.iter().map(|error| error.message.as_str()));
    fills.table("CODE_STATUSES", errors.iter().map(|error| rs::integer(error.status)));
    fills.table("CODE_RETRYABLE", errors.iter().map(|error| rs::boolean(error.retryable)));
    fills.table(
        "CODE_REPLACED_BY",
        errors.iter().map(|error| match catalog.replacement(error) {
            Some(replacement) => rs::call("Some", &rs::path(&["ErrorCode", &replacement.ident])),
            None => rs::path(&["None"]),
        }),
    );

    let (type_lookup, type_getter, doc_url_table, doc_url_getter) = optional_tables(catalog, fills);
    let methods = error_code_methods(&type_getter, &doc_url_getter);
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
        // `ALL_CODES` below relies on `ErrorCode` having the size of its `repr`.
        const _: () = assert!(size_of::<ErrorCode>() == size_of::<#repr>());
        /// Every code, in catalogue order: `ALL_DISCRIMINANTS` read as codes.
        ///
        /// Why `unsafe`: written as an array of variants, this table makes
        /// rustc check every element against every variant, which is
        /// quadratic (13 of 16 seconds of `cargo check` at 10,000 codes).
        ///
        /// Safety: `ErrorCode` is `#[repr(u8/u16/u32)]` (as above) with the
        /// implicit discriminants 0 to N - 1 and nothing else, so every element of
        /// `ALL_DISCRIMINANTS` is a valid `ErrorCode` of the same size and
        /// alignment, and the static lives for the whole program.
        #[allow(unsafe_code)]
        static ALL_CODES: &[ErrorCode; #count] =
            unsafe { &*(&ALL_DISCRIMINANTS as *const [#repr; #count]).cast::<[ErrorCode; #count]>() };
        static CODE_NAMES: runtime::Strings = runtime::Strings::new("", &[]);
        static CODE_MESSAGES: runtime::Strings = runtime::Strings::new("", &[]);
        static CODE_STATUSES: [u16; #count] = [];
        static CODE_RETRYABLE: [bool; #count] = [];
        #type_lookup
        #doc_url_table
        /// The replacement of each deprecated code. Naming a deprecated
        /// variant here is data, not a use, hence `allow(deprecated)`.
        #[allow(deprecated)]
        static CODE_REPLACED_BY: [Option<ErrorCode>; #count] = [];

        #methods

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

/// `#[deprecated(note = "...")]` for a deprecated code.
fn deprecated_attr(catalog: &Catalog, error: &ErrorDef) -> Option<String> {
    let deprecation = error.deprecated.as_ref()?;
    let mut note = match catalog.replacement(error) {
        Some(replacement) => format!("use `{}` (ErrorCode::{}) instead", replacement.code, replacement.ident),
        None => "this code is no longer returned".to_string(),
    };
    if let Some(extra) = &deprecation.note {
        note.push_str(": ");
        note.push_str(&extra.split_whitespace().collect::<Vec<_>>().join(" "));
    }
    Some(format!("#[deprecated(note = {})]", rs::string(&note)))
}

/// The methods of `ErrorCode`: lookups in its tables.
fn error_code_methods(type_getter: &TokenStream, doc_url_getter: &TokenStream) -> TokenStream {
    quote! {
        impl ErrorCode {
            /// Every code, in catalogue order.
            pub const ALL: &'static [ErrorCode] = ALL_CODES;

            /// The code's name in the catalogue, e.g. `"call_not_found"` (on the
            /// wire unless the envelope writes codes in another style).
            #[inline]
            #[must_use]
            pub const fn as_str(self) -> &'static str {
                CODE_NAMES.get(self as usize)
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
                CODE_MESSAGES.get(self as usize)
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

    }
}

/// The tables and getters a catalogue may not need: types and doc URLs.
fn optional_tables(catalog: &Catalog, fills: &mut Fills) -> (TokenStream, TokenStream, TokenStream, TokenStream) {
    let errors = &catalog.errors;
    let count = Literal::usize_unsuffixed(errors.len());
    let type_lookup = if catalog.types.is_empty() {
        TokenStream::new()
    } else {
        let types = errors
            .iter()
            .map(|error| rs::path(&["ErrorType", &catalog.types[error.error_type.unwrap_or_default()].ident]));
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
        fills.strings("CODE_DOC_URLS", urls.iter().map(|url| url.as_deref().unwrap_or("")));
        quote! { static CODE_DOC_URLS: runtime::Strings = runtime::Strings::new("", &[]); }
    } else {
        TokenStream::new()
    };
    let doc_url_getter = if urls.iter().all(Option::is_some) {
        quote! {
            /// Where the code is documented.
            #[inline]
            #[must_use]
            pub const fn doc_url(self) -> &'static str {
                CODE_DOC_URLS.get(self as usize)
            }
        }
    } else {
        TokenStream::new()
    };
    (type_lookup, type_getter, doc_url_table, doc_url_getter)
}
