//! [`ApiError`], the error response itself: built by servers in one line,
//! written in exactly the catalogue's envelope, parsed by clients, and
//! tolerant of codes a newer server may send. Codes are positions in the
//! catalogue here; the generated crate's `ApiError` wraps this one with its
//! `ErrorCode`, and documents each method for its users.

use std::borrow::Cow;

use super::details::{self, Details};
use super::envelope::{Role, WireCode};
use super::Catalogue;

/// The code of an [`ApiError`]: one this version knows, or what the body
/// said of one it does not (sent by a newer server).
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Code {
    /// The code's position in the catalogue.
    Known(usize),
    Unknown(Box<Unknown>),
}

/// The per-code members of a body whose code this version does not know.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Unknown {
    /// The code as sent (an integer code in its decimal form).
    pub(crate) code: Option<String>,
    /// The code as sent when it was a JSON number: written back as that
    /// number (`-0`, `429.0` and `1e30` stay numbers, never strings).
    pub(crate) number: Option<serde_json::Value>,
    pub(crate) error_type: Option<String>,
    pub(crate) title: Option<String>,
    pub(crate) doc_url: Option<String>,
    pub(crate) status: Option<u16>,
    /// The gRPC status code it was received with, over gRPC.
    pub(crate) grpc: Option<i32>,
}

/// An error response of the API: what a server returns and a client parses.
///
/// Serializes to exactly the catalogue's envelope, and parses from it.
/// Parsing never fails on a code this version does not know: the value keeps
/// what the body said (code, message, type, details) and falls back to the
/// body's type or status for retry advice.
#[derive(Clone)]
pub struct ApiError {
    pub(crate) catalogue: &'static Catalogue,
    pub(crate) code: Code,
    pub(crate) message: Cow<'static, str>,
    /// Whether the message was given for this occurrence or is the code's default.
    pub(crate) message_origin: Origin,
    pub(crate) details: Details,
    /// The request field the error is about: beside the message rather than
    /// in `extra`, as most errors that carry anything carry it (a body with
    /// a `param` and nothing else needs no box).
    pub(crate) param: Option<Cow<'static, str>>,
    /// The rest, boxed: most errors carry none of it, and a small `ApiError`
    /// keeps every `Result<T, ApiError>` small (120 bytes, where the fields inline would make it about 190;
    /// clippy's `result_large_err` warns from 128 in every crate returning one).
    pub(crate) extra: Option<Box<Extra>>,
}

/// Where an error's message came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Origin {
    /// The code's default: its template, filled in from the details.
    Default,
    /// Given for this occurrence.
    Given,
    /// Received in a body, for a known code: whether that counts as given
    /// is found when asked ([`ApiError::message_given`]), by comparing it
    /// with the default, so a client that never asks never pays for it.
    Received,
}

/// What an error may carry beyond its code, message and details.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Extra {
    pub(crate) values: Details,
    pub(crate) errors: Vec<NestedError>,
    pub(crate) retry_after: Option<u64>,
    pub(crate) received_status: Option<u16>,
    /// The language the error answers in ([`ApiError::with_locale`]), or
    /// the one a body's locale member named.
    pub(crate) locale: Option<Cow<'static, str>>,
    /// The message in that language, where the envelope sends it beside
    /// the message (AIP-193's `LocalizedMessage`).
    pub(crate) localized_message: Option<Cow<'static, str>>,
}

impl Extra {
    /// Boxed, or `None` when there is nothing in it (an error without extra
    /// allocates nothing).
    pub(crate) fn boxed(extra: Extra) -> Option<Box<Extra>> {
        (extra != NO_EXTRA).then(|| Box::new(extra))
    }
}

/// An error without any of it.
static NO_EXTRA: Extra = Extra {
    values: Details::new(),
    errors: Vec::new(),
    retry_after: None,
    received_status: None,
    locale: None,
    localized_message: None,
};

/// Equal when they say the same: no extra and an empty one are the same,
/// and the status an error was received with does not count (a parsed
/// error equals the one built to send it; [`ApiError::received_status`]),
/// nor does the language where the body does not say it (the message,
/// which is in that language, does).
impl PartialEq for ApiError {
    fn eq(&self, other: &Self) -> bool {
        let (mine, theirs) = (self.extra(), other.extra());
        self.catalogue == other.catalogue
            && self.code == other.code
            && self.message == other.message
            && self.message_given() == other.message_given()
            && self.details == other.details
            && self.param == other.param
            && mine.values == theirs.values
            && mine.errors == theirs.errors
            && mine.retry_after == theirs.retry_after
            && mine.localized_message == theirs.localized_message
            && (!self.catalogue.envelope.carries(Role::Locale) || mine.locale == theirs.locale)
    }
}

/// One nested error (Microsoft's `details[]`, RFC 9457's `errors[]`): a code,
/// a message, the request field and values, as the envelope's item says.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct NestedError {
    pub(crate) code: Option<serde_json::Value>,
    pub(crate) message: Option<String>,
    pub(crate) param: Option<String>,
    pub(crate) values: Details,
}

impl NestedError {
    /// An empty nested error; set what the envelope's item carries.
    #[must_use]
    pub fn new() -> Self {
        NestedError::default()
    }

    /// A nested error for one of the catalogue's codes: its code as the
    /// envelope writes it, and its default message.
    #[must_use]
    pub fn from_code<C: super::Code>(code: C) -> Self {
        let facts = &C::CATALOGUE.codes[code.index()];
        let wire = match facts.wire {
            WireCode::Text(text) => serde_json::Value::from(text),
            WireCode::Integer { value, .. } => serde_json::Value::from(value),
        };
        NestedError { code: Some(wire), message: Some(facts.message.to_string()), ..NestedError::default() }
    }

    /// Sets the code, as sent.
    #[must_use]
    pub fn with_code(mut self, code: impl Into<serde_json::Value>) -> Self {
        self.code = Some(code.into());
        self
    }

    /// Sets the message.
    #[must_use]
    pub fn with_message(mut self, message: impl Into<String>) -> Self {
        self.message = Some(message.into());
        self
    }

    /// Names the request field (a name or a JSON pointer).
    #[must_use]
    pub fn with_param(mut self, param: impl Into<String>) -> Self {
        self.param = Some(param.into());
        self
    }

    /// Sets a per-occurrence value the envelope's item declares.
    #[must_use]
    pub fn with_value(mut self, name: &str, value: impl Into<serde_json::Value>) -> Self {
        self.values.insert(name, value);
        self
    }

    /// The code as sent: a string, or an integer in decimal.
    #[must_use]
    pub fn code_str(&self) -> Option<Cow<'_, str>> {
        match self.code.as_ref()? {
            serde_json::Value::String(text) => Some(Cow::Borrowed(text)),
            other => Some(Cow::Owned(other.to_string())),
        }
    }

    /// The catalogue's code, if the nested code is one of them (the type of
    /// code says which catalogue: `nested.code::<ErrorCode>()` where the
    /// compiler cannot tell).
    #[must_use]
    pub fn code<C: super::Code>(&self) -> Option<C> {
        let catalogue = C::CATALOGUE;
        let index = match self.code.as_ref()? {
            serde_json::Value::String(text) => catalogue.identify(text),
            other => other.as_i64().and_then(|number| catalogue.identify_integer(number)),
        };
        index.map(C::from_index)
    }

    /// The message, if sent.
    #[must_use]
    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }

    /// The request field, if sent.
    #[must_use]
    pub fn param(&self) -> Option<&str> {
        self.param.as_deref()
    }

    /// A per-occurrence value, if sent.
    #[must_use]
    pub fn value(&self, name: &str) -> Option<&serde_json::Value> {
        self.values.get(name)
    }
}

impl ApiError {
    /// The error `code` of `catalogue` with its default message. Does not allocate.
    #[must_use]
    pub const fn new(catalogue: &'static Catalogue, code: usize) -> Self {
        ApiError {
            catalogue,
            code: Code::Known(code),
            message: Cow::Borrowed(catalogue.codes[code].message),
            message_origin: Origin::Default,
            details: Details::new(),
            param: None,
            extra: None,
        }
    }

    /// Replaces the default message for this occurrence.
    #[must_use]
    pub fn with_message(mut self, message: impl Into<Cow<'static, str>>) -> Self {
        self.message = message.into();
        self.message_origin = Origin::Given;
        self
    }

    /// Names the request field the error is about.
    #[must_use]
    pub fn with_param(mut self, param: impl Into<Cow<'static, str>>) -> Self {
        self.param = Some(param.into());
        self
    }

    /// Sets one detail member, by its name on the wire.
    #[must_use]
    pub fn with_detail(mut self, name: impl Into<String>, value: impl Into<serde_json::Value>) -> Self {
        self.settle_message();
        self.details.insert(name, value);
        self.fill_default_message();
        self
    }

    /// Sets a per-occurrence value the envelope declares (such as RFC 9457's
    /// `instance`), by its name in the catalogue.
    #[must_use]
    pub fn with_value(mut self, name: &str, value: impl Into<serde_json::Value>) -> Self {
        self.extra_mut().values.insert(name, value);
        self
    }

    /// Adds a nested error.
    #[must_use]
    pub fn with_error(mut self, error: NestedError) -> Self {
        self.extra_mut().errors.push(error);
        self
    }

    /// Tells the client to wait `seconds` before retrying: sent as the
    /// `Retry-After` header by the `http` and `axum` integrations, and as the
    /// `retry_after` detail where the code declares one.
    #[must_use]
    pub fn with_retry_after(mut self, seconds: u64) -> Self {
        self.extra_mut().retry_after = Some(seconds);
        self.settle_message();
        if let Code::Known(code) = self.code {
            if let Some(wire) = details::wire_name(self.catalogue, code, "retry_after") {
                self.details.insert(wire, seconds);
                self.fill_default_message();
            }
        }
        self
    }

    /// Answers in the language `accept_language` asks for (an
    /// `Accept-Language` value or one tag; [`Catalogue::negotiate`]): the
    /// message becomes the code's in that language, filled in from the
    /// details, unless one was given for this occurrence. Where the
    /// envelope sends a localized message beside the message (AIP-193), that
    /// one is, and the message stays in the catalogue's language.
    #[must_use]
    pub fn with_locale(mut self, accept_language: &str) -> Self {
        let tag = self.catalogue.locale_tag(self.catalogue.negotiate(accept_language));
        self.settle_message();
        self.extra_mut().locale = Some(Cow::Borrowed(tag));
        self.fill_default_message();
        self
    }

    /// Sets the localized message for this occurrence, in the language
    /// `locale` (a BCP 47 tag), where the envelope sends one beside the
    /// message (AIP-193's `LocalizedMessage`); elsewhere it replaces the
    /// message, as [`ApiError::with_message`] does, and `locale` is the
    /// response's `Content-Language`.
    #[must_use]
    pub fn with_localized_message(
        mut self,
        locale: impl Into<Cow<'static, str>>,
        message: impl Into<Cow<'static, str>>,
    ) -> Self {
        let separately = self.catalogue.envelope.localizes_separately();
        let message = message.into();
        let extra = self.extra_mut();
        extra.locale = Some(locale.into());
        if separately {
            extra.localized_message = Some(message);
            self
        } else {
            self.with_message(message)
        }
    }

    /// The localized message, where the envelope sends one beside the
    /// message and a language was chosen (AIP-193's `LocalizedMessage`).
    #[must_use]
    pub fn localized_message(&self) -> Option<&str> {
        self.extra().localized_message.as_deref()
    }

    /// The language the error answers in: the one [`ApiError::with_locale`]
    /// chose or a body named, else the catalogue's own.
    #[must_use]
    pub fn locale(&self) -> &str {
        match (&self.extra().locale, self.message_origin) {
            (Some(locale), _) => locale,
            (None, Origin::Received) => self.catalogue.locale_tag(self.received_in().unwrap_or(0)),
            (None, _) => self.catalogue.locale_tag(0),
        }
    }

    /// Whether a language was chosen for the error (and the response says
    /// which: `Content-Language`).
    pub(crate) fn chose_locale(&self) -> bool {
        self.extra().locale.is_some()
    }

    /// The position of the error's language among the catalogue's (0, its
    /// own, for one it does not have).
    fn locale_index(&self) -> usize {
        let tag = self.extra().locale.as_deref().unwrap_or("");
        self.catalogue.locales.iter().position(|locale| locale.eq_ignore_ascii_case(tag)).unwrap_or(0)
    }

    /// Records the HTTP status the error was received with; used for codes
    /// this version does not know. A number outside 100-599 is no HTTP
    /// status (RFC 9110) and is not recorded: the body would say a status
    /// the runtime cannot read back.
    #[must_use]
    pub fn with_received_status(mut self, status: u16) -> Self {
        if (100..=599).contains(&status) {
            self.extra_mut().received_status = Some(status);
        }
        self
    }

    /// The HTTP status the error was received with, if it was recorded
    /// ([`ApiError::from_response`]); it does not count in equality, which
    /// compares what the bodies say.
    #[must_use]
    pub fn received_status(&self) -> Option<u16> {
        self.extra().received_status
    }

    /// The code's position in the catalogue, if this version knows it.
    #[must_use]
    pub fn code_index(&self) -> Option<usize> {
        match &self.code {
            Code::Known(code) => Some(*code),
            Code::Unknown(_) => None,
        }
    }

    /// The code as on the wire (an integer code in decimal), known to this
    /// version or not; empty when the body carried none.
    #[must_use]
    pub fn code_str(&self) -> &str {
        match &self.code {
            Code::Known(code) => self.catalogue.codes[*code].wire.as_str(),
            Code::Unknown(unknown) => unknown.code.as_deref().unwrap_or(""),
        }
    }

    /// Whether this version of the crate knows the code.
    #[must_use]
    pub fn is_known(&self) -> bool {
        matches!(self.code, Code::Known(_))
    }

    /// The type as on the wire, known to this version or not.
    #[must_use]
    pub fn type_str(&self) -> Option<&str> {
        match &self.code {
            Code::Known(code) => self.catalogue.codes[*code].error_type.map(|index| self.catalogue.types[index].wire),
            Code::Unknown(unknown) => unknown.error_type.as_deref(),
        }
    }

    /// The message: the code's default, or the one given or received.
    #[must_use]
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The code's constant title, or the one received with an unknown code.
    #[must_use]
    pub fn title(&self) -> Option<&str> {
        match &self.code {
            Code::Known(code) => self.catalogue.codes[*code].title,
            Code::Unknown(unknown) => unknown.title.as_deref(),
        }
    }

    /// The request field the error is about, if any.
    #[must_use]
    pub fn param(&self) -> Option<&str> {
        self.param.as_deref()
    }

    /// Extra context of the error, by wire name.
    #[must_use]
    pub fn details(&self) -> &Details {
        &self.details
    }

    /// A per-occurrence value, by its name in the catalogue.
    #[must_use]
    pub fn value(&self, name: &str) -> Option<&serde_json::Value> {
        self.extra().values.get(name)
    }

    /// The nested errors.
    #[must_use]
    pub fn errors(&self) -> &[NestedError] {
        &self.extra().errors
    }

    /// Where the error is documented, if known.
    #[must_use]
    pub fn doc_url(&self) -> Option<&str> {
        match &self.code {
            Code::Known(code) => self.catalogue.codes[*code].doc_url,
            Code::Unknown(unknown) => unknown.doc_url.as_deref(),
        }
    }

    /// The HTTP status of the response: the code's; for an unknown code, the
    /// status in the body, else its type's, else the status it was received
    /// with, else 500.
    #[must_use]
    pub fn http_status(&self) -> u16 {
        match &self.code {
            Code::Known(code) => self.catalogue.codes[*code].status,
            Code::Unknown(unknown) => unknown
                .status
                .or_else(|| {
                    let types = self.catalogue.types;
                    self.unknown_type().and_then(|index| types[index].status)
                })
                .or(self.extra().received_status)
                .unwrap_or(500),
        }
    }

    /// Whether retrying (with backoff) may succeed: the code's advice; for an
    /// unknown code, its type's, else by HTTP status (408, 429, 502, 503 and
    /// 504 are transient).
    #[must_use]
    pub fn is_retryable(&self) -> bool {
        match &self.code {
            Code::Known(code) => self.catalogue.codes[*code].retryable,
            Code::Unknown(_) => match self.unknown_type() {
                Some(index) => self.catalogue.types[index].retryable,
                None => matches!(self.http_status(), 408 | 429 | 502 | 503 | 504),
            },
        }
    }

    /// Seconds to wait before retrying, if the server said: from
    /// [`ApiError::with_retry_after`], the `Retry-After` header, or a
    /// `retry_after` detail.
    #[must_use]
    pub fn retry_after(&self) -> Option<u64> {
        let detail = match self.code {
            Code::Known(code) => details::wire_name(self.catalogue, code, "retry_after").unwrap_or("retry_after"),
            Code::Unknown(_) => "retry_after",
        };
        self.extra().retry_after.or_else(|| self.details.get(detail).and_then(serde_json::Value::as_u64))
    }

    /// The `content-type` error responses are sent with.
    #[must_use]
    pub fn media_type(&self) -> &'static str {
        self.catalogue.envelope.media_type
    }

    /// The type (index into the catalogue's types) an unknown code's body named.
    fn unknown_type(&self) -> Option<usize> {
        let Code::Unknown(unknown) = &self.code else { return None };
        self.catalogue.type_named(unknown.error_type.as_deref()?)
    }

    /// Replaces the details (a typed details struct's members), filling
    /// the default message's placeholders from them.
    #[must_use]
    pub fn with_details(mut self, details: Details) -> Self {
        self.settle_message();
        self.details = details;
        self.fill_default_message();
        self
    }

    /// A default message with `{member}` placeholders is filled in from the
    /// details once they are set.
    fn fill_default_message(&mut self) {
        let (Code::Known(code), false) = (&self.code, self.message_given()) else { return };
        let (code, locale) = (*code, self.locale_index());
        if self.catalogue.envelope.localizes_separately() {
            let localized = self.chose_locale().then(|| self.filled_template(code, locale));
            self.message = self.filled_template(code, 0);
            self.extra_mut().localized_message = localized;
        } else {
            self.message = self.filled_template(code, locale);
        }
    }

    /// The code's message in the language at `locale`, filled in from the
    /// details; the catalogue's own text where it has no placeholder.
    pub(crate) fn filled_template(&self, code: usize, locale: usize) -> Cow<'static, str> {
        let template = self.catalogue.message_in(code, locale);
        if template.contains('{') {
            Cow::Owned(details::fill_message(self.catalogue, code, template, &self.details))
        } else {
            Cow::Borrowed(template)
        }
    }

    /// Whether the body sends the message: always, unless the envelope makes
    /// it optional (RFC 9457's `detail`) and it says nothing of this
    /// occurrence: neither given nor the code's template filled in from the
    /// details.
    pub(crate) fn sends_message(&self, role: Role) -> bool {
        !matches!(role, Role::Message { optional: true }) || self.message_given() || self.message_filled()
    }

    /// Whether the message was given for this occurrence. A received one
    /// counts as given only when the error would not send it anyway, so the
    /// body equals the error built to send it: a required message that is
    /// the code's own (its template, filled from the details or not) is sent
    /// anyway; an optional one only when it was filled.
    pub(crate) fn message_given(&self) -> bool {
        match self.message_origin {
            Origin::Received => self.received_in().is_none(),
            origin => origin != Origin::Default,
        }
    }

    /// For a received message the code would send anyway, the position of
    /// the language it is in: the code's own text in one of the catalogue's
    /// languages (filled in from the details or not). `None` for a message
    /// given for this occurrence, or an unknown code's.
    fn received_in(&self) -> Option<usize> {
        let Code::Known(code) = self.code else { return None };
        let optional = self.catalogue.envelope.message_role()?;
        let message = &*self.message;
        let sent_anyway = |locale: usize| {
            let template = self.catalogue.message_in(code, locale);
            let filled =
                || template.contains('{') && details::fills_to(self.catalogue, code, template, &self.details, message);
            // An optional message that is the catalogue's own text is not
            // sent (nothing of the occurrence in it); a translation is.
            if optional && locale == 0 {
                message != template && filled()
            } else {
                message == template || filled()
            }
        };
        (0..self.catalogue.locales.len().max(1)).find(|&locale| sent_anyway(locale))
    }

    /// Decides whether a received message counts as given, before the
    /// details it is compared with change; one in another of the
    /// catalogue's languages makes that the error's language.
    fn settle_message(&mut self) {
        if self.message_origin != Origin::Received {
            return;
        }
        match self.received_in() {
            Some(locale) => {
                self.message_origin = Origin::Default;
                if locale > 0 && !self.chose_locale() {
                    self.extra_mut().locale = Some(Cow::Borrowed(self.catalogue.locale_tag(locale)));
                }
            }
            None => self.message_origin = Origin::Given,
        }
    }

    /// Whether the message is the code's template, filled in from the details.
    fn message_filled(&self) -> bool {
        matches!(&self.code, Code::Known(code) if *self.message != *self.catalogue.codes[*code].message)
    }

    /// What the error carries beyond code, message and details (empty if none).
    pub(crate) fn extra(&self) -> &Extra {
        self.extra.as_deref().unwrap_or(&NO_EXTRA)
    }

    /// The same, to set a part of it (boxed on first use).
    pub(crate) fn extra_mut(&mut self) -> &mut Extra {
        self.extra.get_or_insert_with(Box::default)
    }
}

/// The code by name rather than position: the catalogue's tables say nothing
/// a reader of the debug output needs.
impl core::fmt::Debug for ApiError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        let mut out = f.debug_struct("ApiError");
        match &self.code {
            Code::Known(code) => out.field("code", &self.catalogue.codes[*code].name),
            Code::Unknown(unknown) => out.field("code", unknown),
        };
        out.field("message", &self.message)
            .field("message_given", &self.message_given())
            .field("param", &self.param)
            .field("details", &self.details)
            .field("values", &self.extra().values)
            .field("errors", &self.extra().errors)
            .field("retry_after", &self.extra().retry_after)
            .field("received_status", &self.extra().received_status)
            .finish()
    }
}

impl core::fmt::Display for ApiError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "{}: {}", self.code_str(), self.message)
    }
}

impl std::error::Error for ApiError {}
