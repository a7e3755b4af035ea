//! The part of the generated crate that the runtime (`codegen/src/runtime/`,
//! copied verbatim as a crate of its own) reads: `ENVELOPE`, the body's shape
//! as data, and `CATALOGUE`, the per-code facts by code number. Only data
//! and one-line accessors; the logic is in the runtime.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::fills::{self as rs, Fills};
use super::tokens::str_lit;
use crate::model::{Catalog, CodeStyle, DetailType, ErrorDef, Member, NameStyle, Node, Role, WireCode};

/// The runtime module, `ENVELOPE`, `CATALOGUE` and what they need.
pub fn catalogue_tokens(catalog: &Catalog, fills: &mut Fills) -> TokenStream {
    let envelope = envelope_tokens(catalog);
    let types = types_tokens(catalog);
    let texts = per_code_texts(catalog, fills);
    let wire = wire_tokens(catalog, fills);
    let identify = identify_tokens(catalog, fills);
    let details = details_tokens(catalog, fills);
    let error_type = if catalog.types.is_empty() {
        TokenStream::new()
    } else {
        quote! {
            impl ApiError {
                /// The error's type: the code's own, or for an unknown code
                /// the type the body named, if this version knows it.
                #[must_use]
                #[inline]
                pub fn error_type(&self) -> Option<ErrorType> {
                    match self.code() {
                        Some(code) => Some(code.error_type()),
                        None => self.type_str().and_then(|name| {
                            TYPE_FACTS.iter().position(|ty| ty.wire == name).map(|index| ErrorType::ALL[index])
                        }),
                    }
                }
            }
        }
    };
    quote! {
        mod typed;

        pub use runtime::{envelope, Details};
        pub use typed::{ApiError, NestedError, TypedDetails};

        #envelope
        #types
        #texts
        #wire
        #identify
        #details

        /// What the runtime reads of the catalogue: each code by its number
        /// (`ErrorCode as usize`).
        static CATALOGUE: runtime::Catalogue = runtime::Catalogue {
            envelope: &ENVELOPE,
            names: &CODE_NAMES,
            messages: &CODE_MESSAGES,
            statuses: &CODE_STATUSES,
            retryable: &CODE_RETRYABLE,
            type_of,
            types: &TYPE_FACTS,
            title,
            doc_url,
            wire_code,
            wire_text,
            identify,
            identify_integer,
            details: declared_details,
            details_map,
        };

        #error_type
    }
}

/// `ENVELOPE`: the body's members, as nested static data.
fn envelope_tokens(catalog: &Catalog) -> TokenStream {
    let media_type = str_lit(&catalog.envelope.media_type);
    let body = members_tokens(&catalog.envelope.body);
    quote! {
        /// The shape of every error body of this API: each member, where it
        /// is, and what it holds. [`ApiError`] writes and reads bodies by it.
        pub static ENVELOPE: envelope::Envelope = envelope::Envelope { media_type: #media_type, body: #body };
    }
}

fn members_tokens(members: &[Member]) -> TokenStream {
    let members = members.iter().map(|member| {
        let name = str_lit(&member.name);
        let node = node_tokens(&member.node);
        quote!(envelope::Member { name: #name, node: #node })
    });
    quote!(&[#(#members),*])
}

fn node_tokens(node: &Node) -> TokenStream {
    match node {
        Node::Object(members) => {
            let members = members_tokens(members);
            quote!(envelope::Node::Object(#members))
        }
        Node::Array(items) => {
            let items = items.iter().map(node_tokens);
            quote!(envelope::Node::Array(&[#(#items),*]))
        }
        Node::Role(role) => {
            let role = role_tokens(*role);
            quote!(envelope::Node::Role(#role))
        }
        Node::Const(serde_json::Value::String(text)) => {
            let text = str_lit(text);
            quote!(envelope::Node::Text(#text))
        }
        Node::Const(serde_json::Value::Bool(flag)) => quote!(envelope::Node::Flag(#flag)),
        // The validator admits integers only as numeric constants.
        Node::Const(other) => {
            let number = Literal::i64_unsuffixed(other.as_i64().unwrap_or_default());
            quote!(envelope::Node::Number(#number))
        }
        Node::Value(value) => {
            let name = str_lit(&value.name);
            let kind = kind_tokens(value.value_type);
            quote!(envelope::Node::Value(#name, #kind))
        }
        Node::Details { inline, .. } => quote!(envelope::Node::Details { inline: #inline }),
        Node::Errors(item) => {
            let item = members_tokens(item);
            quote!(envelope::Node::Errors(#item))
        }
    }
}

fn role_tokens(role: Role) -> TokenStream {
    match role {
        Role::Code(_) => quote!(envelope::Role::Code),
        Role::Type(_) => quote!(envelope::Role::Type),
        Role::Message { optional } => quote!(envelope::Role::Message { optional: #optional }),
        Role::Title => quote!(envelope::Role::Title),
        Role::Status { as_string } => quote!(envelope::Role::Status { as_string: #as_string }),
        Role::DocUrl => quote!(envelope::Role::DocUrl),
        Role::Param => quote!(envelope::Role::Param),
    }
}

fn kind_tokens(kind: DetailType) -> TokenStream {
    kind_path(kind).parse().expect("a path is valid Rust")
}

fn kind_path(kind: DetailType) -> &'static str {
    match kind {
        DetailType::String => "envelope::Kind::String",
        DetailType::Integer => "envelope::Kind::Integer",
        DetailType::Number => "envelope::Kind::Number",
        DetailType::Boolean => "envelope::Kind::Boolean",
        DetailType::StringMap => "envelope::Kind::StringMap",
        DetailType::StringList => "envelope::Kind::StringList",
    }
}

/// The type facts and `type_of`.
fn types_tokens(catalog: &Catalog) -> TokenStream {
    let names = catalog.envelope.type_style();
    let count = Literal::usize_unsuffixed(catalog.types.len());
    let facts = catalog.types.iter().map(|ty| {
        let wire = str_lit(&names.apply(&ty.name));
        let status = ty.status.unwrap_or(0);
        let retryable = ty.retryable;
        quote!(runtime::TypeFacts { wire: #wire, status: #status, retryable: #retryable })
    });
    let type_of = if catalog.types.is_empty() {
        quote! {
            fn type_of(_: usize) -> Option<usize> {
                None
            }
        }
    } else {
        quote! {
            fn type_of(code: usize) -> Option<usize> {
                Some(ErrorCode::ALL[code].error_type() as usize)
            }
        }
    };
    quote! {
        /// Each type's name on the wire, status and retry advice.
        static TYPE_FACTS: [runtime::TypeFacts; #count] = [#(#facts),*];

        #type_of
    }
}

/// `title` and `doc_url`, from tables where the catalogue has them.
fn per_code_texts(catalog: &Catalog, fills: &mut Fills) -> TokenStream {
    let count = Literal::usize_unsuffixed(catalog.errors.len());
    let title = if catalog.errors.iter().any(|error| error.title.is_some()) {
        fills.table("CODE_TITLES", catalog.errors.iter().map(|error| rs::string(error.title.as_deref().unwrap_or(""))));
        quote! {
            /// Each code's title; empty where it has none.
            static CODE_TITLES: [&str; #count] = [];

            fn title(code: usize) -> Option<&'static str> {
                Some(CODE_TITLES[code]).filter(|title| !title.is_empty())
            }
        }
    } else {
        quote! {
            fn title(_: usize) -> Option<&'static str> {
                None
            }
        }
    };
    let doc_url = if catalog.errors.iter().any(|error| catalog.has_doc_url(error)) {
        quote! {
            fn doc_url(code: usize) -> Option<&'static str> {
                Some(CODE_DOC_URLS.get(code)).filter(|url| !url.is_empty())
            }
        }
    } else {
        quote! {
            fn doc_url(_: usize) -> Option<&'static str> {
                None
            }
        }
    };
    quote! { #title #doc_url }
}

/// Whether codes are written as their catalogue names.
fn codes_are_names(catalog: &Catalog) -> bool {
    matches!(catalog.code_style(), None | Some(CodeStyle::Name(NameStyle::Snake)))
        && catalog.errors.iter().all(|error| error.wire_code.is_none())
}

/// `wire_code` and `wire_text`: the code as sent.
fn wire_tokens(catalog: &Catalog, fills: &mut Fills) -> TokenStream {
    if codes_are_names(catalog) {
        return quote! {
            fn wire_code(code: usize) -> envelope::WireCode {
                envelope::WireCode::Text(CODE_NAMES.get(code))
            }

            fn wire_text(code: usize) -> &'static str {
                CODE_NAMES.get(code)
            }
        };
    }
    let style = catalog.code_style().unwrap_or(CodeStyle::Name(NameStyle::Snake));
    let count = Literal::usize_unsuffixed(catalog.errors.len());
    let wire: Vec<WireCode> = catalog.errors.iter().map(|error| catalog.wire_code(error, style)).collect();
    fills.table(
        "CODE_WIRE_TEXTS",
        wire.iter().map(|wire| match wire {
            WireCode::Integer(number) => rs::string(&number.to_string()),
            WireCode::Text(text) => rs::string(text),
        }),
    );
    let integers = wire.iter().any(|wire| matches!(wire, WireCode::Integer(_)));
    let wire_code = if integers {
        fills.table(
            "CODE_WIRE_INTEGERS",
            wire.iter().map(|wire| match wire {
                WireCode::Integer(number) => rs::integer(number),
                WireCode::Text(_) => rs::integer(0),
            }),
        );
        quote! {
            /// Each code as sent: an integer.
            static CODE_WIRE_INTEGERS: [i64; #count] = [];

            fn wire_code(code: usize) -> envelope::WireCode {
                envelope::WireCode::Integer(CODE_WIRE_INTEGERS[code])
            }
        }
    } else {
        quote! {
            fn wire_code(code: usize) -> envelope::WireCode {
                envelope::WireCode::Text(CODE_WIRE_TEXTS[code])
            }
        }
    };
    quote! {
        /// Each code as sent, as text.
        static CODE_WIRE_TEXTS: [&str; #count] = [];

        #wire_code

        fn wire_text(code: usize) -> &'static str {
            CODE_WIRE_TEXTS[code]
        }
    }
}

/// `identify` and `identify_integer`: the code a body names.
fn identify_tokens(catalog: &Catalog, fills: &mut Fills) -> TokenStream {
    let identifying = catalog.envelope.identifying_role();
    // Catalogue names (and aliases) are what the perfect hash finds; with
    // integer codes, strings are only ever nested codes' names.
    let by_names = match identifying {
        None | Some(Role::Code(CodeStyle::Integer)) => true,
        Some(Role::Code(_)) => codes_are_names(catalog),
        Some(_) => false,
    };
    let identify = if by_names {
        quote! {
            fn identify(text: &str) -> Option<usize> {
                lookup_code(text).map(|code| code as usize)
            }
        }
    } else {
        sorted_identify(catalog, identifying, fills)
    };
    let identify_integer = if matches!(identifying, Some(Role::Code(CodeStyle::Integer))) {
        let mut pairs: Vec<(i64, usize)> = catalog
            .errors
            .iter()
            .enumerate()
            .filter_map(|(index, error)| match error.wire_code {
                Some(WireCode::Integer(number)) => Some((number, index)),
                _ => None,
            })
            .collect();
        pairs.sort_unstable();
        let count = Literal::usize_unsuffixed(pairs.len());
        fills.table(
            "CODES_BY_INTEGER",
            pairs.iter().map(|(number, index)| rs::pair(&rs::integer(number), &rs::integer(index))),
        );
        quote! {
            /// Integer codes, ascending, with the number of their code.
            static CODES_BY_INTEGER: [(i64, usize); #count] = [];

            fn identify_integer(number: i64) -> Option<usize> {
                let found = CODES_BY_INTEGER.binary_search_by_key(&number, |&(key, _)| key).ok()?;
                Some(CODES_BY_INTEGER[found].1)
            }
        }
    } else {
        quote! {
            fn identify_integer(_: i64) -> Option<usize> {
                None
            }
        }
    };
    quote! { #identify #identify_integer }
}

/// A sorted table of every identifying string (aliases in the code's style
/// too), searched by bisection.
fn sorted_identify(catalog: &Catalog, identifying: Option<Role>, fills: &mut Fills) -> TokenStream {
    let mut pairs: Vec<(String, usize)> = Vec::new();
    for (index, error) in catalog.errors.iter().enumerate() {
        let key = |error: &ErrorDef| -> Option<String> {
            match identifying? {
                Role::Code(style) => match catalog.wire_code(error, style) {
                    WireCode::Text(text) => Some(text),
                    WireCode::Integer(_) => None,
                },
                Role::DocUrl => catalog.doc_url(error),
                _ => error.title.clone(),
            }
        };
        if let Some(key) = key(error) {
            pairs.push((key, index));
        }
        if let (Some(Role::Code(CodeStyle::Name(names))), None) = (identifying, &error.wire_code) {
            pairs.extend(error.aliases.iter().map(|alias| (names.apply(alias), index)));
        }
    }
    pairs.sort();
    let count = Literal::usize_unsuffixed(pairs.len());
    fills.table("CODES_BY_WIRE", pairs.iter().map(|(key, index)| rs::pair(&rs::string(key), &rs::integer(index))));
    quote! {
        /// What identifies each code on the wire, sorted, with the number of its code.
        static CODES_BY_WIRE: [(&str, usize); #count] = [];

        fn identify(text: &str) -> Option<usize> {
            let found = CODES_BY_WIRE.binary_search_by(|&(key, _)| key.cmp(text)).ok()?;
            Some(CODES_BY_WIRE[found].1)
        }
    }
}

/// The declared detail members of every code, and `declared_details` and
/// `details_map`.
fn details_tokens(catalog: &Catalog, fills: &mut Fills) -> TokenStream {
    let names = catalog.envelope.detail_names();
    let count = Literal::usize_unsuffixed(catalog.errors.len());
    // Codes that declare the same members (name, wire name, type, required)
    // share one run of the table: in a binary the table is 40 bytes a member,
    // and the runtime keeps it whole (every `ApiError` points to `CATALOGUE`).
    let mut members: Vec<String> = Vec::new();
    let mut runs: std::collections::HashMap<Vec<String>, usize> = std::collections::HashMap::new();
    let mut ranges = Vec::with_capacity(catalog.errors.len());
    for error in &catalog.errors {
        let run: Vec<String> = error
            .details
            .iter()
            .map(|detail| {
                let name = rs::string(&detail.name);
                let wire = rs::string(&names.apply(&detail.name));
                let kind = kind_path(detail.detail_type);
                let required = detail.required;
                format!("envelope::DetailMember {{ name: {name}, wire: {wire}, kind: {kind}, required: {required} }}")
            })
            .collect();
        let length = run.len();
        let start = *runs.entry(run).or_insert_with_key(|run| {
            members.extend_from_slice(run);
            members.len() - run.len()
        });
        ranges.push(rs::pair(&rs::integer(start), &rs::integer(length)));
    }
    let member_count = Literal::usize_unsuffixed(members.len());
    let index_type = if members.len() <= usize::from(u16::MAX) { quote!(u16) } else { quote!(u32) };
    fills.table("DETAIL_MEMBERS", members);
    fills.table("CODE_DETAIL_RANGES", ranges);
    let details_map = if catalog.errors.iter().any(|error| error.details_map.is_some()) {
        fills.table(
            "CODE_DETAIL_MAPS",
            catalog.errors.iter().map(|error| match &error.details_map {
                Some(map) => rs::call("Some", kind_path(map.values)),
                None => rs::path(&["None"]),
            }),
        );
        quote! {
            /// Per code whose whole details object is a map, the type of its values.
            static CODE_DETAIL_MAPS: [Option<envelope::Kind>; #count] = [];

            fn details_map(code: usize) -> Option<envelope::Kind> {
                CODE_DETAIL_MAPS[code]
            }
        }
    } else {
        quote! {
            fn details_map(_: usize) -> Option<envelope::Kind> {
                None
            }
        }
    };
    quote! {
        /// The detail members each code declares: a run per distinct list.
        static DETAIL_MEMBERS: [envelope::DetailMember; #member_count] = [];
        /// Per code: where its members start in `DETAIL_MEMBERS`, and how many.
        static CODE_DETAIL_RANGES: [(#index_type, #index_type); #count] = [];

        fn declared_details(code: usize) -> &'static [envelope::DetailMember] {
            let (start, len) = CODE_DETAIL_RANGES[code];
            &DETAIL_MEMBERS[start as usize..start as usize + len as usize]
        }

        #details_map
    }
}
