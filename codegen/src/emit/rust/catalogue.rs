//! The part of the generated crate that the runtime (`codegen/src/runtime/`,
//! copied verbatim as a crate of its own) reads: `ENVELOPE`, the body's
//! shape as data, `CODES`, every code's facts, the sorted tables that find a
//! code by what names it, and `CATALOGUE`, which holds them together. Only
//! data; the logic is in the runtime.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::tokens::str_lit;
use crate::model::{Catalog, CodeStyle, DetailType, ErrorDef, Member, NameStyle, Node, Role, WireCode};

/// `ENVELOPE`, `CODES`, the lookup tables and `CATALOGUE`.
pub fn catalogue_tokens(catalog: &Catalog) -> TokenStream {
    let envelope = envelope_tokens(catalog);
    let codes = codes_tokens(catalog);
    let Lookups { tables, by_wire, by_integer } = lookups(catalog);
    let types = if catalog.types.is_empty() { quote!(&[]) } else { quote!(&TYPES) };
    let Languages { locales, messages, table: localized } = languages(catalog);
    let grpc_domain = str_lit(&catalog.service.grpc_domain);
    let error_type = if catalog.types.is_empty() {
        TokenStream::new()
    } else {
        quote! {
            impl ApiError {
                /// The error's type: the code's own, or for an unknown code
                /// the type the body named, if this version knows it.
                #[must_use]
                pub fn error_type(&self) -> Option<ErrorType> {
                    match self.code() {
                        Some(code) => Some(code.error_type()),
                        None => CATALOGUE.type_named(self.type_str()?).map(|index| ErrorType::ALL[index]),
                    }
                }
            }
        }
    };
    quote! {
        #envelope
        #codes
        #tables
        #localized

        /// What the runtime reads of the catalogue: each code by its number
        /// (`ErrorCode as usize`).
        static CATALOGUE: runtime::Catalogue = runtime::Catalogue {
            envelope: &ENVELOPE,
            codes: &CODES,
            types: #types,
            by_name: &CODES_BY_NAME,
            by_wire: #by_wire,
            by_integer: #by_integer,
            grpc_domain: #grpc_domain,
            locales: #locales,
            localized_messages: #messages,
            index: runtime::Index::new(),
        };

        #error_type
    }
}

/// The catalogue's languages, and `LOCALIZED_MESSAGES` where it has more
/// than its own: each code's message in each other language, code after
/// code, a missing one already its fallback's.
fn languages(catalog: &Catalog) -> Languages {
    let tags = catalog.locales.iter().map(|locale| str_lit(&locale.tag));
    let locales = quote!(&[#(#tags),*]);
    if !catalog.is_translated() {
        return Languages { locales, messages: quote!(&[]), table: TokenStream::new() };
    }
    let messages: Vec<Literal> = (0..catalog.errors.len())
        .flat_map(|error| {
            (1..catalog.locales.len()).map(move |locale| {
                let texts = catalog.error_texts(locale, error);
                str_lit(texts.message.as_deref().unwrap_or(&catalog.errors[error].message))
            })
        })
        .collect();
    let count = messages.len();
    let table = quote! {
        /// Each code's message in each language of `CATALOGUE.locales` after
        /// the first, code after code.
        static LOCALIZED_MESSAGES: [&str; #count] = [#(#messages),*];
    };
    Languages { locales, messages: quote!(&LOCALIZED_MESSAGES), table }
}

/// The `CATALOGUE` fields of the languages, and the table they point to.
struct Languages {
    locales: TokenStream,
    messages: TokenStream,
    table: TokenStream,
}

/// `ENVELOPE`: the body's members, as nested static data.
fn envelope_tokens(catalog: &Catalog) -> TokenStream {
    let media_type = str_lit(&catalog.envelope.media_type);
    let body = members_tokens(&catalog.envelope.body);
    quote! {
        /// The shape of every error body of this API: each member, where it
        /// is, and what it holds. [`ApiError`] writes and reads bodies by it.
        pub static ENVELOPE: envelope::Envelope = envelope::Envelope::new(#media_type, #body);
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
        Role::Locale => quote!(envelope::Role::Locale),
        Role::LocalizedMessage => quote!(envelope::Role::LocalizedMessage),
    }
}

fn kind_tokens(kind: DetailType) -> TokenStream {
    match kind {
        DetailType::String => quote!(envelope::Kind::String),
        DetailType::Integer => quote!(envelope::Kind::Integer),
        DetailType::Number => quote!(envelope::Kind::Number),
        DetailType::Boolean => quote!(envelope::Kind::Boolean),
        DetailType::StringMap => quote!(envelope::Kind::StringMap),
        DetailType::StringList => quote!(envelope::Kind::StringList),
    }
}

/// `CODES`: every code's facts, in declaration order (see `order.rs`).
fn codes_tokens(catalog: &Catalog) -> TokenStream {
    let count = Literal::usize_unsuffixed(catalog.errors.len());
    let style = catalog.code_style().unwrap_or(CodeStyle::Name(NameStyle::Snake));
    let facts = catalog.errors.iter().map(|error| code_facts(catalog, error, style));
    quote! {
        /// Every code's facts, in declaration order (`ErrorCode as usize`).
        static CODES: [runtime::CodeFacts; #count] = [#(#facts),*];
    }
}

fn code_facts(catalog: &Catalog, error: &ErrorDef, style: CodeStyle) -> TokenStream {
    let name = str_lit(&error.code);
    let wire = match catalog.wire_code(error, style) {
        WireCode::Text(text) => {
            let text = str_lit(&text);
            quote!(envelope::WireCode::Text(#text))
        }
        WireCode::Integer(value) => {
            let (text, value) = (str_lit(&value.to_string()), Literal::i64_unsuffixed(value));
            quote!(envelope::WireCode::Integer { value: #value, text: #text })
        }
    };
    let message = str_lit(&error.message);
    let status = Literal::u16_unsuffixed(error.status);
    let retryable = error.retryable;
    let error_type = optional(error.error_type.map(Literal::usize_unsuffixed));
    let title = optional(error.title.as_deref().map(str_lit));
    let doc_url = optional(catalog.doc_url(error).as_deref().map(str_lit));
    let names = catalog.envelope.detail_names();
    let members = error.details.iter().map(|detail| {
        let name = str_lit(&detail.name);
        let wire = str_lit(&names.apply(&detail.name));
        let kind = kind_tokens(detail.detail_type);
        let required = detail.required;
        quote!(envelope::DetailMember { name: #name, wire: #wire, kind: #kind, required: #required })
    });
    // A named constant rather than `&[]`: each `&[]` in the table is a
    // constant of its own for rustc to check (0.1 s of the build at 2,000
    // codes, most of which declare no details).
    let details = if error.details.is_empty() { quote!(envelope::NO_DETAILS) } else { quote!(&[#(#members),*]) };
    let details_map = optional(error.details_map.as_ref().map(|map| kind_tokens(map.values)));
    let replaced_by = error.deprecated.as_ref().and_then(|deprecation| deprecation.replaced_by);
    let replaced_by = optional(replaced_by.map(Literal::usize_unsuffixed));
    let grpc = Literal::i32_unsuffixed(error.grpc.number());
    quote! {
        runtime::CodeFacts {
            name: #name,
            wire: #wire,
            message: #message,
            status: #status,
            retryable: #retryable,
            error_type: #error_type,
            title: #title,
            doc_url: #doc_url,
            details: #details,
            details_map: #details_map,
            replaced_by: #replaced_by,
            grpc: #grpc,
        }
    }
}

/// `Some(value)` or `None`.
fn optional(value: Option<impl quote::ToTokens>) -> TokenStream {
    match value {
        Some(value) => quote!(Some(#value)),
        None => quote!(None),
    }
}

/// The sorted lookup tables, and what `CATALOGUE` names for `by_wire` and
/// `by_integer`.
struct Lookups {
    tables: TokenStream,
    by_wire: TokenStream,
    by_integer: TokenStream,
}

fn lookups(catalog: &Catalog) -> Lookups {
    // Sorted, so the table reads as an index; the runtime hashes it.
    let names = catalog.errors.iter().enumerate().flat_map(|(index, error)| {
        std::iter::once((error.code.clone(), index))
            .chain(error.aliases.iter().map(move |alias| (alias.clone(), index)))
    });
    let by_name = sorted_strings(names);
    let mut tables = quote! {
        /// Every code's name and alias, sorted, with the code's number.
        static CODES_BY_NAME: #by_name;
    };
    let identifying = catalog.envelope.identifying_role();
    // With integer codes, strings are only ever nested codes' names.
    let by_wire = if identifies_by_name(catalog, identifying) {
        quote!(&CODES_BY_NAME)
    } else {
        let entries = sorted_strings(wire_keys(catalog, identifying));
        tables.extend(quote! {
            /// What identifies each code in a body, sorted, with the code's number.
            static CODES_BY_WIRE: #entries;
        });
        quote!(&CODES_BY_WIRE)
    };
    let by_integer = if matches!(identifying, Some(Role::Code(CodeStyle::Integer))) {
        let mut integers: Vec<(i64, usize)> = catalog
            .errors
            .iter()
            .enumerate()
            .filter_map(|(index, error)| match error.wire_code {
                Some(WireCode::Integer(number)) => Some((number, index)),
                _ => None,
            })
            .collect();
        integers.sort_unstable();
        let count = Literal::usize_unsuffixed(integers.len());
        let entries = integers.iter().map(|&(number, index)| {
            let (number, index) = (Literal::i64_unsuffixed(number), Literal::usize_unsuffixed(index));
            quote!((#number, #index))
        });
        tables.extend(quote! {
            /// Every integer code, ascending, with the code's number.
            static CODES_BY_INTEGER: [(i64, usize); #count] = [#(#entries),*];
        });
        quote!(&CODES_BY_INTEGER)
    } else {
        quote!(&[])
    };
    Lookups { tables, by_wire, by_integer }
}

/// `[(&str, usize); N] = [(key, index), ...]`: the type and value of a
/// table of names, sorted.
fn sorted_strings(entries: impl Iterator<Item = (String, usize)>) -> TokenStream {
    let mut entries: Vec<(String, usize)> = entries.collect();
    entries.sort();
    let count = Literal::usize_unsuffixed(entries.len());
    let entries = entries.iter().map(|(key, index)| {
        let (key, index) = (str_lit(key), Literal::usize_unsuffixed(*index));
        quote!((#key, #index))
    });
    quote!([(&str, usize); #count] = [#(#entries),*])
}

/// Whether bodies name codes by their catalogue names (or aliases), so that
/// `CODES_BY_NAME` identifies them.
fn identifies_by_name(catalog: &Catalog, identifying: Option<Role>) -> bool {
    match identifying {
        None | Some(Role::Code(CodeStyle::Integer)) => true,
        Some(Role::Code(style)) => {
            style == CodeStyle::Name(NameStyle::Snake) && catalog.errors.iter().all(|error| error.wire_code.is_none())
        }
        Some(_) => false,
    }
}

/// Every identifying string of every code (aliases in the code's style too).
fn wire_keys(catalog: &Catalog, identifying: Option<Role>) -> impl Iterator<Item = (String, usize)> + '_ {
    catalog.errors.iter().enumerate().flat_map(move |(index, error)| {
        let key = match identifying {
            Some(Role::Code(style)) => match catalog.wire_code(error, style) {
                WireCode::Text(text) => Some(text),
                WireCode::Integer(_) => None,
            },
            Some(Role::DocUrl) => catalog.doc_url(error),
            _ => error.title.clone(),
        };
        let aliases = match (identifying, &error.wire_code) {
            (Some(Role::Code(CodeStyle::Name(names))), None) => {
                error.aliases.iter().map(|alias| names.apply(alias)).collect()
            }
            _ => Vec::new(),
        };
        key.into_iter().chain(aliases).map(move |key| (key, index))
    })
}
