//! `ApiError`, the error response itself: built by servers in one line,
//! serialized to exactly the catalogue's envelope, parsed by clients, and
//! tolerant of codes a newer server may send.
//!
//! Serde impls are written out (not derived) for the same reason as
//! `ErrorCode`'s: derived code is generic and recompiled downstream; and the
//! wire shape (wrapper, field order) comes from the catalogue, not from Rust.

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use super::ast::{self, Fills};
use super::tokens::str_lit;
use crate::model::{Catalog, DetailType, Field, placeholders};

pub fn api_error_tokens(catalog: &Catalog, fills: &mut Fills) -> TokenStream {
    let details = details_tokens();
    let write_json = write_json_tokens(catalog, fills);
    let detail_rules = detail_rules_tokens(catalog, fills);
    let struct_and_impl = struct_tokens(catalog);
    let serialize = serialize_tokens(catalog);
    let deserialize = deserialize_tokens(catalog);
    let fill = if catalog.errors.iter().any(|error| !placeholders(&error.message).is_empty()) {
        fill_message_tokens()
    } else {
        TokenStream::new()
    };
    quote! {
        #details
        #write_json
        #detail_rules
        #struct_and_impl
        #serialize
        #deserialize
        #fill
    }
}

/// The `Details` type: the `details` object in wire order.
fn details_tokens() -> TokenStream {
    quote! {
        /// Extra context of an error (its `details` object), members in wire order.
        #[derive(Clone, Debug, Default, PartialEq)]
        pub struct Details {
            members: Vec<(String, serde_json::Value)>,
        }

        impl Details {
            /// No members; does not allocate.
            #[must_use]
            pub const fn new() -> Self {
                Details { members: Vec::new() }
            }

            /// Whether there are no members.
            #[must_use]
            pub fn is_empty(&self) -> bool {
                self.members.is_empty()
            }

            /// The number of members.
            #[must_use]
            pub fn len(&self) -> usize {
                self.members.len()
            }

            /// The member called `name`.
            #[must_use]
            pub fn get(&self, name: &str) -> Option<&serde_json::Value> {
                self.members.iter().find(|(member, _)| member == name).map(|(_, value)| value)
            }

            /// Sets member `name`, replacing it in place or appending it.
            pub fn insert(&mut self, name: impl Into<String>, value: impl Into<serde_json::Value>) {
                let name = name.into();
                let value = value.into();
                match self.members.iter_mut().find(|(member, _)| *member == name) {
                    Some(slot) => slot.1 = value,
                    None => self.members.push((name, value)),
                }
            }

            /// The members in order.
            pub fn iter(&self) -> impl Iterator<Item = (&str, &serde_json::Value)> {
                self.members.iter().map(|(name, value)| (name.as_str(), value))
            }
        }

        impl serde::Serialize for Details {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                use serde::ser::SerializeMap as _;
                let mut map = serializer.serialize_map(Some(self.members.len()))?;
                for (name, value) in &self.members {
                    map.serialize_entry(name, value)?;
                }
                map.end()
            }
        }

        impl<'de> serde::Deserialize<'de> for Details {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                struct DetailsVisitor;

                impl<'de> serde::de::Visitor<'de> for DetailsVisitor {
                    type Value = Details;

                    fn expecting(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                        f.write_str("an object of error details")
                    }

                    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Details, A::Error> {
                        let mut details = Details::new();
                        while let Some((name, value)) = map.next_entry::<String, serde_json::Value>()? {
                            details.insert(name, value);
                        }
                        Ok(details)
                    }
                }

                deserializer.deserialize_map(DetailsVisitor)
            }
        }
    }
}

/// Per code, the declared detail members, so parsing rejects a member of the
/// wrong type for codes this version knows.
fn detail_rules_tokens(catalog: &Catalog, fills: &mut Fills) -> TokenStream {
    let count = Literal::usize_unsuffixed(catalog.errors.len());
    let members: Vec<TokenStream> = catalog
        .errors
        .iter()
        .flat_map(|error| &error.details)
        .map(|detail| {
            let name = str_lit(&detail.name);
            let kind = kind_ident(detail.detail_type);
            quote!((#name, DetailKind::#kind))
        })
        .collect();
    let member_count = Literal::usize_unsuffixed(members.len());
    let used_kinds: Vec<DetailType> = {
        let mut kinds: Vec<DetailType> = catalog
            .errors
            .iter()
            .flat_map(|error| {
                error
                    .details
                    .iter()
                    .map(|detail| detail.detail_type)
                    .chain(error.details_map.as_ref().map(|map| map.values))
            })
            .collect();
        kinds.sort_by_key(|kind| kind.as_str());
        kinds.dedup();
        kinds
    };
    let variants = used_kinds.iter().map(|kind| kind_ident(*kind));
    let accepts = used_kinds.iter().map(|kind| {
        let ident = kind_ident(*kind);
        let check = match kind {
            DetailType::String => quote!(value.is_string()),
            DetailType::Integer => quote!(value.is_i64() || value.is_u64()),
            DetailType::Number => quote!(value.is_number()),
            DetailType::Boolean => quote!(value.is_boolean()),
            DetailType::StringMap => {
                quote!(value.as_object().is_some_and(|object| object.values().all(serde_json::Value::is_string)))
            }
            DetailType::StringList => {
                quote!(value.as_array().is_some_and(|array| array.iter().all(serde_json::Value::is_string)))
            }
        };
        quote!(DetailKind::#ident => #check,)
    });
    let descriptions = used_kinds.iter().map(|kind| {
        let ident = kind_ident(*kind);
        let text = match kind {
            DetailType::String => "a string",
            DetailType::Integer => "an integer",
            DetailType::Number => "a number",
            DetailType::Boolean => "a boolean",
            DetailType::StringMap => "an object of strings",
            DetailType::StringList => "an array of strings",
        };
        quote!(DetailKind::#ident => #text,)
    });
    let (map_table, map_check) = if catalog.errors.iter().any(|error| error.details_map.is_some()) {
        let maps = catalog.errors.iter().map(|error| match &error.details_map {
            Some(map) => {
                let kind = kind_ident(map.values);
                quote!(Some(DetailKind::#kind))
            }
            None => quote!(None),
        });
        (
            quote! {
                /// Per code whose whole `details` is a map, the type of its values.
                static CODE_DETAIL_MAPS: [Option<DetailKind>; #count] = [#(#maps),*];
            },
            quote! {
                if let Some(kind) = CODE_DETAIL_MAPS[code as usize] {
                    for (name, value) in details.iter() {
                        if !kind.accepts(value) {
                            return Err(format!(
                                "detail `{name}` of error `{}` must be {}",
                                code.as_str(),
                                kind.describe()
                            ));
                        }
                    }
                }
            },
        )
    } else {
        (TokenStream::new(), TokenStream::new())
    };
    if used_kinds.is_empty() {
        return quote! {
            fn check_details(_code: ErrorCode, _details: &Details) -> Result<(), String> {
                Ok(())
            }

            fn declares_detail(_code: ErrorCode, _name: &str) -> bool {
                false
            }
        };
    }
    let member_ranges = detail_ranges(catalog, fills);
    quote! {
            /// The JSON type of a declared detail member.
            #[derive(Clone, Copy)]
            enum DetailKind {
                #(#variants,)*
            }

            impl DetailKind {
                fn accepts(self, value: &serde_json::Value) -> bool {
                    match self {
                        #(#accepts)*
                    }
                }

                fn describe(self) -> &'static str {
                    match self {
                        #(#descriptions)*
                    }
                }
            }

            /// Declared detail members of each code: name and type.
            static DETAIL_MEMBERS: [(&str, DetailKind); #member_count] = [#(#members),*];
            #member_ranges
            #map_table

            /// Checks `details` against what the catalogue declares for `code`:
            /// a declared member must have its type. Members it does not declare
            /// are accepted (a newer server may add some), and so is a missing
            /// one: `required` is enforced where errors are built (the typed
            /// structs of [`details`](mod@details)), and a client should not
            /// reject an error body over context it can do without.
            fn check_details(code: ErrorCode, details: &Details) -> Result<(), String> {
                for &(name, kind) in declared_members(code) {
                    if let Some(value) = details.get(name) {
                        if !kind.accepts(value) {
                            return Err(format!(
                                "detail `{name}` of error `{}` must be {}",
                                code.as_str(),
                                kind.describe()
                            ));
                        }
                    }
                }
                #map_check
                Ok(())
            }

            /// Whether the catalogue declares detail member `name` for `code`.
            fn declares_detail(code: ErrorCode, name: &str) -> bool {
                declared_members(code).iter().any(|&(member, _)| member == name)
            }
    }
}

fn kind_ident(kind: DetailType) -> syn::Ident {
    format_ident!(
        "{}",
        match kind {
            DetailType::String => "String",
            DetailType::Integer => "Integer",
            DetailType::Number => "Number",
            DetailType::Boolean => "Boolean",
            DetailType::StringMap => "StringMap",
            DetailType::StringList => "StringList",
        }
    )
}

fn struct_tokens(catalog: &Catalog) -> TokenStream {
    let has_types = !catalog.types.is_empty();
    let has_doc_urls = catalog.service.doc_url.is_some();
    let type_methods = if has_types {
        quote! {
            /// The error's type: the code's own, or for an unknown code the
            /// `type` the body carried, if this version knows it.
            #[must_use]
            pub fn error_type(&self) -> Option<ErrorType> {
                match &self.code {
                    Code::Known(code) => Some(code.error_type()),
                    Code::Unknown { error_type, .. } => error_type.as_deref().and_then(ErrorType::from_name),
                }
            }

            /// The `type` as on the wire, known to this version or not.
            #[must_use]
            pub fn type_str(&self) -> Option<&str> {
                match &self.code {
                    Code::Known(code) => Some(code.error_type().as_str()),
                    Code::Unknown { error_type, .. } => error_type.as_deref(),
                }
            }
        }
    } else {
        TokenStream::new()
    };
    let known_doc_url = if has_doc_urls {
        quote!(Some(code.doc_url()))
    } else {
        quote!({
            let _ = code;
            None
        })
    };
    let every_type_has_a_status = catalog.types.iter().all(|ty| ty.status.is_some());
    let unknown_status = if has_types && every_type_has_a_status {
        quote!(self.error_type().map(|ty| ty.http_status()).or(self.received_status).unwrap_or(500))
    } else if has_types {
        quote!(self.error_type().and_then(|ty| ty.http_status()).or(self.received_status).unwrap_or(500))
    } else {
        quote!(self.received_status.unwrap_or(500))
    };
    let unknown_retryable = if has_types {
        quote! {
            match self.error_type() {
                Some(ty) => ty.is_retryable(),
                None => matches!(self.http_status(), 429 | 502 | 503 | 504),
            }
        }
    } else {
        quote!(matches!(self.http_status(), 429 | 502 | 503 | 504))
    };
    let fill_call = if catalog.errors.iter().any(|error| !placeholders(&error.message).is_empty()) {
        quote! {
            if let (Code::Known(code), true) = (&self.code, self.default_message) {
                if code.message().contains('{') {
                    self.message = fill_message(code.message(), &self.details);
                }
            }
        }
    } else {
        TokenStream::new()
    };
    quote! {
        /// The code of an [`ApiError`]: one this version knows, or the raw
        /// string of one it does not (sent by a newer server).
        #[derive(Clone, Debug, PartialEq, Eq)]
        enum Code {
            Known(ErrorCode),
            Unknown {
                code: Box<str>,
                error_type: Option<Box<str>>,
                doc_url: Option<Box<str>>,
            },
        }

        /// An error response of the API: what a server returns and a client parses.
        ///
        /// Serializes to exactly the catalogue's envelope, and parses from it.
        /// Parsing never fails on a code this version does not know: the value
        /// keeps the raw code, message and details, and falls back to the
        /// body's `type` (or the HTTP status) for retry advice.
        #[derive(Clone, Debug, PartialEq)]
        pub struct ApiError {
            code: Code,
            message: std::borrow::Cow<'static, str>,
            param: Option<std::borrow::Cow<'static, str>>,
            details: Details,
            retry_after: Option<u64>,
            received_status: Option<u16>,
            /// The message is the code's default (so placeholders get filled).
            default_message: bool,
        }

        impl ApiError {
            /// The error `code` with its default message. Does not allocate.
            #[must_use]
            pub const fn new(code: ErrorCode) -> Self {
                ApiError {
                    code: Code::Known(code),
                    message: std::borrow::Cow::Borrowed(code.message()),
                    param: None,
                    details: Details::new(),
                    retry_after: None,
                    received_status: None,
                    default_message: true,
                }
            }

            /// Replaces the default message.
            #[must_use]
            pub fn with_message(mut self, message: impl Into<std::borrow::Cow<'static, str>>) -> Self {
                self.message = message.into();
                self.default_message = false;
                self
            }

            /// Names the request field the error is about.
            #[must_use]
            pub fn with_param(mut self, param: impl Into<std::borrow::Cow<'static, str>>) -> Self {
                self.param = Some(param.into());
                self
            }

            /// Sets one member of `details` (untyped; prefer the typed
            /// structs in [`details`](mod@details) where the code declares its members).
            #[must_use]
            pub fn with_detail(mut self, name: impl Into<String>, value: impl Into<serde_json::Value>) -> Self {
                self.details.insert(name, value);
                self.fill_default_message();
                self
            }

            /// Tells the client to wait `seconds` before retrying: sent as the
            /// `Retry-After` header by the `http` and `axum` integrations, and
            /// as the `retry_after` detail where the code declares one.
            #[must_use]
            pub fn with_retry_after(mut self, seconds: u64) -> Self {
                self.retry_after = Some(seconds);
                if self.declares_detail("retry_after") {
                    self.details.insert("retry_after", seconds);
                    self.fill_default_message();
                }
                self
            }

            /// The code, if this version of the crate knows it.
            #[must_use]
            pub fn code(&self) -> Option<ErrorCode> {
                match &self.code {
                    Code::Known(code) => Some(*code),
                    Code::Unknown { .. } => None,
                }
            }

            /// The code as on the wire, known to this version or not.
            #[must_use]
            pub fn code_str(&self) -> &str {
                match &self.code {
                    Code::Known(code) => code.as_str(),
                    Code::Unknown { code, .. } => code,
                }
            }

            /// Whether this version of the crate knows the code.
            #[must_use]
            pub fn is_known(&self) -> bool {
                matches!(self.code, Code::Known(_))
            }

            #type_methods

            /// The human-readable message.
            #[must_use]
            pub fn message(&self) -> &str {
                &self.message
            }

            /// The request field the error is about, if any.
            #[must_use]
            pub fn param(&self) -> Option<&str> {
                self.param.as_deref()
            }

            /// Extra context of the error.
            #[must_use]
            pub fn details(&self) -> &Details {
                &self.details
            }

            /// Where the error is documented, if known.
            #[must_use]
            pub fn doc_url(&self) -> Option<&str> {
                match &self.code {
                    Code::Known(code) => #known_doc_url,
                    Code::Unknown { doc_url, .. } => doc_url.as_deref(),
                }
            }

            /// The HTTP status of the response: the code's; for an unknown code,
            /// its type's, else the status it was received with, else 500.
            #[must_use]
            pub fn http_status(&self) -> u16 {
                match &self.code {
                    Code::Known(code) => code.http_status(),
                    Code::Unknown { .. } => #unknown_status,
                }
            }

            /// Whether retrying (with backoff) may succeed: the code's advice;
            /// for an unknown code, its type's, else by HTTP status (429, 502,
            /// 503 and 504 are transient).
            #[must_use]
            pub fn is_retryable(&self) -> bool {
                match &self.code {
                    Code::Known(code) => code.is_retryable(),
                    Code::Unknown { .. } => #unknown_retryable,
                }
            }

            /// Seconds to wait before retrying, if the server said: from
            /// [`ApiError::with_retry_after`], the `Retry-After` header, or a
            /// `retry_after` detail.
            #[must_use]
            pub fn retry_after(&self) -> Option<u64> {
                self.retry_after
                    .or_else(|| self.details.get("retry_after").and_then(serde_json::Value::as_u64))
            }

            /// Records the HTTP status the error was received with; used for
            /// codes this version does not know.
            #[must_use]
            pub fn with_received_status(mut self, status: u16) -> Self {
                self.received_status = Some(status);
                self
            }

            /// Parses an error body.
            ///
            /// # Errors
            ///
            /// When the body is not JSON in the catalogue's envelope, lacks
            /// `code` or `message`, or a known code's detail has the wrong type.
            pub fn from_json(body: &[u8]) -> Result<ApiError, serde_json::Error> {
                serde_json::from_slice(body)
            }

            /// Parses an error response: its HTTP status and body.
            ///
            /// # Errors
            ///
            /// As [`ApiError::from_json`].
            pub fn from_response(status: u16, body: &[u8]) -> Result<ApiError, serde_json::Error> {
                Ok(Self::from_json(body)?.with_received_status(status))
            }

            /// The body as JSON text, in the catalogue's envelope.
            #[must_use]
            pub fn to_json(&self) -> String {
                serde_json::to_string(self).unwrap_or_default()
            }

            fn declares_detail(&self, name: &str) -> bool {
                match self.code {
                    Code::Known(code) => declares_detail(code, name),
                    Code::Unknown { .. } => false,
                }
            }

            /// A default message with `{member}` placeholders is filled in from
            /// the details once they are set.
            fn fill_default_message(&mut self) {
                #fill_call
            }
        }

        impl From<ErrorCode> for ApiError {
            fn from(code: ErrorCode) -> Self {
                ApiError::new(code)
            }
        }

        impl core::fmt::Display for ApiError {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                write!(f, "{}: {}", self.code_str(), self.message)
            }
        }

        impl std::error::Error for ApiError {}
    }
}

fn serialize_tokens(catalog: &Catalog) -> TokenStream {
    let entries = catalog.envelope.fields.iter().map(|field| {
        let name = str_lit(field.as_str());
        match field {
            Field::Type => quote! {
                if let Some(error_type) = error.type_str() {
                    map.serialize_entry(#name, error_type)?;
                }
            },
            Field::Code => quote! { map.serialize_entry(#name, error.code_str())?; },
            Field::Message => quote! { map.serialize_entry(#name, error.message())?; },
            Field::Param => quote! {
                if let Some(param) = error.param() {
                    map.serialize_entry(#name, param)?;
                }
            },
            Field::DocUrl => quote! {
                if let Some(doc_url) = error.doc_url() {
                    map.serialize_entry(#name, doc_url)?;
                }
            },
            Field::Details => quote! {
                if !error.details.is_empty() {
                    map.serialize_entry(#name, &error.details)?;
                }
            },
        }
    });
    let outer = match &catalog.envelope.wrapper {
        Some(wrapper) => {
            let wrapper = str_lit(wrapper);
            quote! {
                let mut map = serializer.serialize_map(Some(1))?;
                map.serialize_entry(#wrapper, &ErrorObject(self))?;
                map.end()
            }
        }
        None => quote!(ErrorObject(self).serialize(serializer)),
    };
    quote! {
        /// The error object inside the envelope, members in catalogue order.
        struct ErrorObject<'a>(&'a ApiError);

        impl serde::Serialize for ErrorObject<'_> {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                use serde::ser::SerializeMap as _;
                let error = self.0;
                let mut map = serializer.serialize_map(None)?;
                #(#entries)*
                map.end()
            }
        }

        impl serde::Serialize for ApiError {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                #[allow(unused_imports)]
                use serde::ser::{Serialize as _, SerializeMap as _};
                #outer
            }
        }
    }
}

fn deserialize_tokens(catalog: &Catalog) -> TokenStream {
    let fields: Vec<Field> = catalog.envelope.fields.clone();
    let field_idents: Vec<syn::Ident> = fields.iter().map(|field| format_ident!("{}", field_variant(*field))).collect();
    let field_names: Vec<Literal> = fields.iter().map(|field| str_lit(field.as_str())).collect();
    let has = |field: Field| fields.contains(&field);
    let read_arms = fields.iter().zip(&field_idents).map(|(field, ident)| {
        let target = format_ident!("{}", field_local(*field));
        let ty = match field {
            Field::Details => quote!(Details),
            _ => quote!(String),
        };
        quote! { ObjectKey::#ident => #target = Some(map.next_value::<#ty>()?), }
    });
    let locals = fields.iter().map(|field| {
        let local = format_ident!("{}", field_local(*field));
        let ty = match field {
            Field::Details => quote!(Details),
            _ => quote!(String),
        };
        quote! { let mut #local: Option<#ty> = None; }
    });
    let error_type_value = if has(Field::Type) { quote!(error_type.map(String::into_boxed_str)) } else { quote!(None) };
    let doc_url_value = if has(Field::DocUrl) { quote!(doc_url.map(String::into_boxed_str)) } else { quote!(None) };
    let param_value = if has(Field::Param) { quote!(param.map(std::borrow::Cow::Owned)) } else { quote!(None) };
    let details_value = if has(Field::Details) { quote!(details.unwrap_or_default()) } else { quote!(Details::new()) };
    let outer = match &catalog.envelope.wrapper {
        Some(wrapper) => {
            let wrapper = str_lit(wrapper);
            let expecting = str_lit(&format!(
                "an error response: an object with an `{}` member",
                catalog.envelope.wrapper.as_deref().unwrap_or("")
            ));
            quote! {
                struct EnvelopeVisitor;

                impl<'de> serde::de::Visitor<'de> for EnvelopeVisitor {
                    type Value = ApiError;

                    fn expecting(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                        f.write_str(#expecting)
                    }

                    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<ApiError, A::Error> {
                        let mut error = None;
                        while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
                            if key == #wrapper && error.is_none() {
                                error = Some(map.next_value_seed(ObjectSeed)?);
                            } else {
                                map.next_value::<serde::de::IgnoredAny>()?;
                            }
                        }
                        error.ok_or_else(|| serde::de::Error::missing_field(#wrapper))
                    }
                }

                deserializer.deserialize_map(EnvelopeVisitor)
            }
        }
        None => quote!(serde::de::DeserializeSeed::deserialize(ObjectSeed, deserializer)),
    };
    quote! {
        /// A member of the error object this version reads.
        enum ObjectKey {
            #(#field_idents,)*
            Other,
        }

        impl<'de> serde::Deserialize<'de> for ObjectKey {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                struct KeyVisitor;

                impl serde::de::Visitor<'_> for KeyVisitor {
                    type Value = ObjectKey;

                    fn expecting(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                        f.write_str("a member name")
                    }

                    fn visit_str<E: serde::de::Error>(self, value: &str) -> Result<ObjectKey, E> {
                        Ok(match value {
                            #(#field_names => ObjectKey::#field_idents,)*
                            _ => ObjectKey::Other,
                        })
                    }
                }

                deserializer.deserialize_identifier(KeyVisitor)
            }
        }

        /// Reads the error object; members it does not know are skipped, so a
        /// newer server may add some.
        struct ObjectSeed;

        impl<'de> serde::de::DeserializeSeed<'de> for ObjectSeed {
            type Value = ApiError;

            fn deserialize<D: serde::Deserializer<'de>>(self, deserializer: D) -> Result<ApiError, D::Error> {
                deserializer.deserialize_map(self)
            }
        }

        impl<'de> serde::de::Visitor<'de> for ObjectSeed {
            type Value = ApiError;

            fn expecting(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                f.write_str("an error object")
            }

            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<ApiError, A::Error> {
                #(#locals)*
                while let Some(key) = map.next_key::<ObjectKey>()? {
                    match key {
                        #(#read_arms)*
                        ObjectKey::Other => {
                            map.next_value::<serde::de::IgnoredAny>()?;
                        }
                    }
                }
                let code = code.ok_or_else(|| serde::de::Error::missing_field("code"))?;
                let message = message.ok_or_else(|| serde::de::Error::missing_field("message"))?;
                let details = #details_value;
                let code = match ErrorCode::from_name(&code) {
                    Some(known) => {
                        check_details(known, &details).map_err(serde::de::Error::custom)?;
                        Code::Known(known)
                    }
                    None => Code::Unknown {
                        code: code.into_boxed_str(),
                        error_type: #error_type_value,
                        doc_url: #doc_url_value,
                    },
                };
                Ok(ApiError {
                    code,
                    message: std::borrow::Cow::Owned(message),
                    param: #param_value,
                    details,
                    retry_after: None,
                    received_status: None,
                    default_message: false,
                })
            }
        }

        impl<'de> serde::Deserialize<'de> for ApiError {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                #outer
            }
        }
    }
}

fn field_variant(field: Field) -> &'static str {
    match field {
        Field::Type => "Type",
        Field::Code => "Code",
        Field::Message => "Message",
        Field::Param => "Param",
        Field::DocUrl => "DocUrl",
        Field::Details => "Details",
    }
}

fn field_local(field: Field) -> &'static str {
    match field {
        Field::Type => "error_type",
        Field::Code => "code",
        Field::Message => "message",
        Field::Param => "param",
        Field::DocUrl => "doc_url",
        Field::Details => "details",
    }
}

/// `fill_message`: replaces `{member}` placeholders with detail values, by
/// the same rule the generator validates them with.
fn fill_message_tokens() -> TokenStream {
    quote! {
        /// Fills `{member}` placeholders of `template` from `details`: strings
        /// as they are, other values as JSON. Other braces stay as written.
        fn fill_message(template: &'static str, details: &Details) -> std::borrow::Cow<'static, str> {
            let mut out = String::with_capacity(template.len() + 16);
            let mut rest = template;
            while let Some(open) = rest.find('{') {
                let after = &rest[open + 1..];
                let name = after.find('}').map(|close| &after[..close]);
                let value = name
                    .filter(|name| {
                        name.starts_with(|c: char| c.is_ascii_lowercase())
                            && name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
                    })
                    .and_then(|name| details.get(name).map(|value| (name, value)));
                match value {
                    Some((name, value)) => {
                        out.push_str(&rest[..open]);
                        match value {
                            serde_json::Value::String(text) => out.push_str(text),
                            other => out.push_str(&other.to_string()),
                        }
                        rest = &after[name.len() + 1..];
                    }
                    None => {
                        out.push_str(&rest[..=open]);
                        rest = after;
                    }
                }
            }
            out.push_str(rest);
            std::borrow::Cow::Owned(out)
        }
    }
}

/// `ApiError::write_json`: the body written straight into a byte buffer, for
/// servers on a hot path. The field order and wrapper are fixed here at
/// generation time; strings are escaped exactly as serde_json does, so the
/// bytes equal `serde_json::to_vec`'s.
fn write_json_tokens(catalog: &Catalog, fills: &mut Fills) -> TokenStream {
    // Names and URLs of known codes are validated to need no escaping, so
    // they are copied as they are; anything from outside is escaped.
    let fields = catalog.envelope.fields.iter().map(|field| {
        let key = proc_macro2::Literal::byte_string(format!("\"{}\":", field.as_str()).as_bytes());
        match field {
            Field::Type => quote! {
                match &self.code {
                    Code::Known(code) => {
                        write_key(out, &mut first, #key);
                        write_plain_string(out, code.error_type().as_str());
                    }
                    Code::Unknown { error_type: Some(error_type), .. } => {
                        write_key(out, &mut first, #key);
                        write_json_string(out, error_type);
                    }
                    Code::Unknown { .. } => {}
                }
            },
            Field::Code => quote! {
                write_key(out, &mut first, #key);
                match &self.code {
                    Code::Known(code) => write_plain_string(out, code.as_str()),
                    Code::Unknown { code, .. } => write_json_string(out, code),
                }
            },
            Field::Message => quote! {
                write_key(out, &mut first, #key);
                if self.message_is_plain_default() {
                    write_plain_string(out, &self.message);
                } else {
                    write_json_string(out, &self.message);
                }
            },
            Field::Param => quote! {
                if let Some(param) = self.param() {
                    write_key(out, &mut first, #key);
                    write_json_string(out, param);
                }
            },
            Field::DocUrl => quote! {
                match &self.code {
                    Code::Known(_) => {
                        if let Some(doc_url) = self.doc_url() {
                            write_key(out, &mut first, #key);
                            write_plain_string(out, doc_url);
                        }
                    }
                    Code::Unknown { doc_url: Some(doc_url), .. } => {
                        write_key(out, &mut first, #key);
                        write_json_string(out, doc_url);
                    }
                    Code::Unknown { .. } => {}
                }
            },
            Field::Details => quote! {
                if !self.details.is_empty() {
                    write_key(out, &mut first, #key);
                    // A Vec<u8> writer cannot fail.
                    let _ = serde_json::to_writer(&mut *out, &self.details);
                }
            },
        }
    });
    let count = Literal::usize_unsuffixed(catalog.errors.len());
    let plain = catalog.errors.iter().map(|error| !error.message.chars().any(|c| c < ' ' || c == '"' || c == '\\'));
    fills.table("CODE_MESSAGE_PLAIN", plain.map(ast::boolean));
    let fast_path = write_json_fast_path(catalog);
    let (open, close) = match &catalog.envelope.wrapper {
        Some(wrapper) => (format!("{{{}:{{", serde_json::to_string(wrapper).expect("a string serializes")), "}}"),
        None => ("{".to_string(), "}"),
    };
    let (open, close) =
        (proc_macro2::Literal::byte_string(open.as_bytes()), proc_macro2::Literal::byte_string(close.as_bytes()));
    quote! {
        /// Whether each code's default message can be written without escaping.
        static CODE_MESSAGE_PLAIN: [bool; #count] = [];

        impl ApiError {
            /// Whether the message is still the code's own default text, which
            /// needs no escaping.
            fn message_is_plain_default(&self) -> bool {
                match (&self.code, &self.message) {
                    (Code::Known(code), std::borrow::Cow::Borrowed(message)) => {
                        CODE_MESSAGE_PLAIN[*code as usize] && std::ptr::eq(*message, code.message())
                    }
                    _ => false,
                }
            }

            /// Appends the body (the same bytes as `serde_json::to_vec`) to
            /// `out` without going through serde: with a reused buffer it
            /// allocates nothing.
            pub fn write_json(&self, out: &mut Vec<u8>) {
                #fast_path
                let mut first = true;
                out.extend_from_slice(#open);
                #(#fields)*
                out.extend_from_slice(#close);
            }
        }

        /// Writes `"key":`, after a comma unless it is the first member.
        #[inline]
        fn write_key(out: &mut Vec<u8>, first: &mut bool, key: &[u8]) {
            if !*first {
                out.push(b',');
            }
            *first = false;
            out.extend_from_slice(key);
        }

        /// A JSON string known to need no escaping.
        #[inline]
        fn write_plain_string(out: &mut Vec<u8>, text: &str) {
            out.push(b'"');
            out.extend_from_slice(text.as_bytes());
            out.push(b'"');
        }

        /// A JSON string, escaped as serde_json escapes it; text that needs
        /// no escaping (most messages) is copied in one go.
        fn write_json_string(out: &mut Vec<u8>, text: &str) {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            out.push(b'"');
            let bytes = text.as_bytes();
            // A branch-free scan the compiler vectorizes: most text (every
            // code, type and URL, most messages) needs no escaping at all.
            let needs_escaping = bytes.iter().fold(false, |found, &byte| found | (byte < 0x20) | (byte == b'"') | (byte == b'\\'));
            if !needs_escaping {
                out.extend_from_slice(bytes);
                out.push(b'"');
                return;
            }
            let mut start = 0;
            for (index, &byte) in bytes.iter().enumerate() {
                let escaped: &[u8] = match byte {
                    b'"' => b"\\\"",
                    b'\\' => b"\\\\",
                    b'\n' => b"\\n",
                    b'\r' => b"\\r",
                    b'\t' => b"\\t",
                    0x08 => b"\\b",
                    0x0c => b"\\f",
                    0..=0x1f => &[b'\\', b'u', b'0', b'0', HEX[usize::from(byte >> 4)], HEX[usize::from(byte & 0xf)]],
                    _ => continue,
                };
                out.extend_from_slice(&bytes[start..index]);
                out.extend_from_slice(escaped);
                start = index + 1;
            }
            out.extend_from_slice(&bytes[start..]);
            out.push(b'"');
        }
    }
}

/// The common case, a known code with its default message and no param or
/// details, as one run of copies laid out here at generation time: the same
/// work as a hand-written writer of pre-escaped pieces.
fn write_json_fast_path(catalog: &Catalog) -> TokenStream {
    let mut pieces: Vec<TokenStream> = Vec::new();
    let mut literal = match &catalog.envelope.wrapper {
        Some(wrapper) => format!("{{{}:{{", serde_json::to_string(wrapper).expect("a string serializes")),
        None => "{".to_string(),
    };
    let mut first = true;
    for field in &catalog.envelope.fields {
        let value = match field {
            Field::Type => quote!(code.error_type().as_str()),
            Field::Code => quote!(code.as_str()),
            Field::Message => quote!(code.message()),
            Field::DocUrl if catalog.service.doc_url.is_some() => quote!(code.doc_url()),
            Field::DocUrl | Field::Param | Field::Details => continue,
        };
        if !first {
            literal.push(',');
        }
        first = false;
        literal.push_str(&format!("\"{}\":\"", field.as_str()));
        let bytes = proc_macro2::Literal::byte_string(literal.as_bytes());
        pieces.push(quote! { out.extend_from_slice(#bytes); out.extend_from_slice(#value.as_bytes()); });
        literal = "\"".to_string();
    }
    literal.push_str(if catalog.envelope.wrapper.is_some() { "}}" } else { "}" });
    let end = proc_macro2::Literal::byte_string(literal.as_bytes());
    quote! {
        if let Code::Known(code) = self.code {
            if self.param.is_none() && self.details.is_empty() && self.message_is_plain_default() {
                #(#pieces)*
                out.extend_from_slice(#end);
                return;
            }
        }
    }
}

/// Where each code's members lie in `DETAIL_MEMBERS`, and
/// `declared_members(code)`. Packed into one `u32` a code (start in the low
/// 24 bits, count in the high 8) where everything fits, which it does for
/// any real catalogue; a pair of `u32`s otherwise.
fn detail_ranges(catalog: &Catalog, fills: &mut Fills) -> TokenStream {
    let count = Literal::usize_unsuffixed(catalog.errors.len());
    let mut start = 0usize;
    let ranges: Vec<(usize, usize)> = catalog
        .errors
        .iter()
        .map(|error| {
            let range = (start, error.details.len());
            start += error.details.len();
            range
        })
        .collect();
    let packed = start < (1 << 24) && ranges.iter().all(|&(_, len)| len < 256);
    if packed {
        fills.table("CODE_DETAIL_RANGES", ranges.iter().map(|&(start, len)| ast::integer(start | (len << 24))));
        quote! {
            /// Per code: start of its members in `DETAIL_MEMBERS` (low 24 bits) and their count (high 8 bits).
            static CODE_DETAIL_RANGES: [u32; #count] = [];

            /// The detail members the catalogue declares for `code`.
            fn declared_members(code: ErrorCode) -> &'static [(&'static str, DetailKind)] {
                let range = CODE_DETAIL_RANGES[code as usize];
                let start = (range & 0x00FF_FFFF) as usize;
                &DETAIL_MEMBERS[start..start + (range >> 24) as usize]
            }
        }
    } else {
        let values = ranges.iter().map(|&(start, len)| {
            let (start, len) = (Literal::u32_unsuffixed(start as u32), Literal::u32_unsuffixed(len as u32));
            quote!((#start, #len))
        });
        quote! {
            /// Per code: start of its members in `DETAIL_MEMBERS` and their count.
            static CODE_DETAIL_RANGES: [(u32, u32); #count] = [#(#values),*];

            /// The detail members the catalogue declares for `code`.
            fn declared_members(code: ErrorCode) -> &'static [(&'static str, DetailKind)] {
                let (start, len) = CODE_DETAIL_RANGES[code as usize];
                &DETAIL_MEMBERS[start as usize..(start + len) as usize]
            }
        }
    }
}
