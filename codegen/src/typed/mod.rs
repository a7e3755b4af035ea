//! [`ApiError`] with this catalogue's [`ErrorCode`]: a thin wrapper over the
//! runtime crate's, which writes and parses bodies and knows codes only by
//! their position in the catalogue; and [`TypedDetails`], which the structs
//! of the `details` module implement. Every method here is a one-line call,
//! so the crate compiled for each catalogue holds its tables and little
//! code; the runtime is compiled once. `ErrorCode` implements
//! `runtime::Code`, through which the runtime's [`NestedError`] takes and
//! gives this crate's codes.
//!
//! These files are the same in every generated crate: `cargo xtask gen`
//! copies them from the generator's `codegen/src/typed/`, and
//! `codegen::Builder` writes them inline into the module a build script makes
//! (so every path here is relative, through `super::`).

use std::borrow::Cow;

// The runtime crate (a dependency renamed `runtime`, imported at the crate's
// root), or in a build script's module the `runtime` module beside this one.
use super::runtime;
use super::{Details, ErrorCode, CATALOGUE};

#[cfg(feature = "axum")]
mod axum;
#[cfg(feature = "tonic")]
mod grpc;
#[cfg(feature = "http")]
mod http;
#[cfg(feature = "tonic")]
pub use grpc::FromStatusError;

/// An error response of the API: what a server returns and a client parses.
///
/// Serializes to exactly the catalogue's envelope ([`ENVELOPE`](super::ENVELOPE)),
/// and parses from it. Parsing never fails on a code this version does not
/// know: the value keeps what the body said (code, message, type, details)
/// and falls back to the body's type or status for retry advice.
#[derive(Clone, PartialEq)]
pub struct ApiError(runtime::ApiError);

/// One nested error (Microsoft's `details[]`, RFC 9457's `errors[]`): a code,
/// a message, the request field and values, as the envelope's item says.
/// `NestedError::from_code(ErrorCode::..)` makes one of the catalogue's
/// codes, and `code()` reads one back.
pub use runtime::NestedError;

/// How the runtime, which knows codes by their position in the catalogue,
/// turns them into this crate's codes and back.
impl runtime::Code for ErrorCode {
    const CATALOGUE: &'static runtime::Catalogue = &CATALOGUE;

    #[inline]
    fn index(self) -> usize {
        self as usize
    }

    #[inline]
    fn from_index(index: usize) -> Self {
        ErrorCode::ALL[index]
    }
}

impl ApiError {
    /// The error `code` with its default message. Does not allocate.
    #[must_use]
    #[inline]
    pub const fn new(code: ErrorCode) -> Self {
        ApiError(runtime::ApiError::new(&CATALOGUE, code as usize))
    }

    /// Replaces the default message for this occurrence.
    #[must_use]
    #[inline]
    pub fn with_message(self, message: impl Into<Cow<'static, str>>) -> Self {
        ApiError(self.0.with_message(message))
    }

    /// Names the request field the error is about.
    #[must_use]
    #[inline]
    pub fn with_param(self, param: impl Into<Cow<'static, str>>) -> Self {
        ApiError(self.0.with_param(param))
    }

    /// Sets one detail member, by its name on the wire (untyped; prefer the
    /// typed structs in [`details`](mod@super::details) where the code
    /// declares its members).
    #[must_use]
    #[inline]
    pub fn with_detail(self, name: impl Into<String>, value: impl Into<serde_json::Value>) -> Self {
        ApiError(self.0.with_detail(name, value))
    }

    /// Replaces the details with `details` (wire names to values), and fills
    /// the default message's placeholders from them.
    #[must_use]
    #[inline]
    pub fn with_details(self, details: Details) -> Self {
        ApiError(self.0.with_details(details))
    }

    /// Sets a per-occurrence value the envelope declares (such as RFC 9457's
    /// `instance`), by its name in the catalogue.
    #[must_use]
    #[inline]
    pub fn with_value(self, name: &str, value: impl Into<serde_json::Value>) -> Self {
        ApiError(self.0.with_value(name, value))
    }

    /// Adds a nested error.
    #[must_use]
    #[inline]
    pub fn with_error(self, error: NestedError) -> Self {
        ApiError(self.0.with_error(error))
    }

    /// Tells the client to wait `seconds` before retrying: sent as the
    /// `Retry-After` header by the `http` and `axum` integrations, and as the
    /// `retry_after` detail where the code declares one.
    #[must_use]
    #[inline]
    pub fn with_retry_after(self, seconds: u64) -> Self {
        ApiError(self.0.with_retry_after(seconds))
    }

    /// Records the HTTP status the error was received with; used for codes
    /// this version does not know.
    #[must_use]
    #[inline]
    pub fn with_received_status(self, status: u16) -> Self {
        ApiError(self.0.with_received_status(status))
    }

    /// The HTTP status the error was received with, if it was recorded
    /// ([`ApiError::from_response`]); equality does not count it.
    #[must_use]
    pub fn received_status(&self) -> Option<u16> {
        self.0.received_status()
    }

    /// The code, if this version of the crate knows it.
    #[must_use]
    #[inline]
    pub fn code(&self) -> Option<ErrorCode> {
        self.0.code_index().map(|index| ErrorCode::ALL[index])
    }

    /// The code as on the wire (an integer code in decimal), known to this
    /// version or not; empty when the body carried none.
    #[must_use]
    #[inline]
    pub fn code_str(&self) -> &str {
        self.0.code_str()
    }

    /// Whether this version of the crate knows the code.
    #[must_use]
    #[inline]
    pub fn is_known(&self) -> bool {
        self.0.is_known()
    }

    /// The type as on the wire, known to this version or not.
    #[must_use]
    #[inline]
    pub fn type_str(&self) -> Option<&str> {
        self.0.type_str()
    }

    /// The message: the code's default, or the one given or received.
    #[must_use]
    #[inline]
    pub fn message(&self) -> &str {
        self.0.message()
    }

    /// Answers in the language `accept_language` asks for (an
    /// `Accept-Language` value, `nl-BE,nl;q=0.9,en;q=0.8`, or one tag;
    /// see [`ErrorCode::localized_message`]): the message becomes the code's
    /// in that language, filled in from the details, unless one was given
    /// for this occurrence; with `http` or `axum`, the response says
    /// `Content-Language` and `Vary: accept-language`.
    #[must_use]
    #[inline]
    pub fn with_locale(self, accept_language: &str) -> Self {
        ApiError(self.0.with_locale(accept_language))
    }

    /// Sets the localized message for this occurrence in the language
    /// `locale` (a BCP 47 tag): beside the message where the envelope sends
    /// one (AIP-193's `LocalizedMessage`), else as the message.
    #[must_use]
    #[inline]
    pub fn with_localized_message(
        self,
        locale: impl Into<Cow<'static, str>>,
        message: impl Into<Cow<'static, str>>,
    ) -> Self {
        ApiError(self.0.with_localized_message(locale, message))
    }

    /// The localized message sent beside the message (AIP-193's
    /// `LocalizedMessage`), where the envelope has one and a language was
    /// chosen.
    #[must_use]
    #[inline]
    pub fn localized_message(&self) -> Option<&str> {
        self.0.localized_message()
    }

    /// The language the error answers in: the one [`ApiError::with_locale`]
    /// chose, or the one a received message is in, else the catalogue's own.
    #[must_use]
    #[inline]
    pub fn locale(&self) -> &str {
        self.0.locale()
    }

    /// The code's constant title, or the one received with an unknown code.
    #[must_use]
    #[inline]
    pub fn title(&self) -> Option<&str> {
        self.0.title()
    }

    /// The request field the error is about, if any.
    #[must_use]
    #[inline]
    pub fn param(&self) -> Option<&str> {
        self.0.param()
    }

    /// Extra context of the error, by wire name.
    #[must_use]
    #[inline]
    pub fn details(&self) -> &Details {
        self.0.details()
    }

    /// A per-occurrence value, by its name in the catalogue.
    #[must_use]
    #[inline]
    pub fn value(&self, name: &str) -> Option<&serde_json::Value> {
        self.0.value(name)
    }

    /// The nested errors.
    #[must_use]
    #[inline]
    pub fn errors(&self) -> &[NestedError] {
        self.0.errors()
    }

    /// Where the error is documented, if known.
    #[must_use]
    #[inline]
    pub fn doc_url(&self) -> Option<&str> {
        self.0.doc_url()
    }

    /// The HTTP status of the response: the code's; for an unknown code, the
    /// status in the body, else its type's, else the status it was received
    /// with, else 500.
    #[must_use]
    #[inline]
    pub fn http_status(&self) -> u16 {
        self.0.http_status()
    }

    /// Whether retrying (with backoff) may succeed: the code's advice; for an
    /// unknown code, its type's, else by HTTP status (408, 429, 502, 503 and
    /// 504 are transient).
    #[must_use]
    #[inline]
    pub fn is_retryable(&self) -> bool {
        self.0.is_retryable()
    }

    /// Seconds to wait before retrying, if the server said: from
    /// [`ApiError::with_retry_after`], the `Retry-After` header, or a
    /// `retry_after` detail.
    #[must_use]
    #[inline]
    pub fn retry_after(&self) -> Option<u64> {
        self.0.retry_after()
    }

    /// The `content-type` error responses are sent with.
    #[must_use]
    #[inline]
    pub fn media_type(&self) -> &'static str {
        self.0.media_type()
    }

    /// Appends the body to `out`: `serde_json::to_writer` over this error's
    /// `Serialize`, so the same bytes as `serde_json::to_vec`.
    #[inline]
    pub fn write_json(&self, out: &mut Vec<u8>) {
        self.0.write_json(out);
    }

    /// The body as JSON text, in the catalogue's envelope.
    #[must_use]
    #[inline]
    pub fn to_json(&self) -> String {
        self.0.to_json()
    }

    /// Parses an error body.
    ///
    /// # Errors
    ///
    /// When the body is not JSON in the catalogue's envelope, lacks what
    /// identifies the error or its message, or a known code's detail or a
    /// value has the wrong type.
    #[inline]
    pub fn from_json(body: &[u8]) -> Result<ApiError, serde_json::Error> {
        runtime::ApiError::from_json(&CATALOGUE, body).map(ApiError)
    }

    /// Parses an error response: its HTTP status and body.
    ///
    /// # Errors
    ///
    /// As [`ApiError::from_json`].
    #[inline]
    pub fn from_response(status: u16, body: &[u8]) -> Result<ApiError, serde_json::Error> {
        runtime::ApiError::from_response(&CATALOGUE, status, body).map(ApiError)
    }

    /// Reads an error from a JSON value in the envelope.
    ///
    /// # Errors
    ///
    /// As [`ApiError::from_json`], with the reason in words.
    #[inline]
    pub fn from_value(body: &serde_json::Value) -> Result<ApiError, String> {
        runtime::ApiError::from_value(&CATALOGUE, body).map(ApiError)
    }
}

impl From<ErrorCode> for ApiError {
    #[inline]
    fn from(code: ErrorCode) -> Self {
        ApiError::new(code)
    }
}

/// A struct of the `details` module: the typed details of one code.
/// `ApiError::from` takes any of them, and fills the code's message from
/// them.
///
/// Why a trait: one blanket `From` rather than one `From` impl per struct,
/// which every `ApiError::from` call in a dependent crate would choose
/// among.
pub trait TypedDetails {
    /// The code whose details the struct holds.
    const CODE: ErrorCode;

    /// Moves the members into `details`, each under its name on the wire.
    fn into_details(self, details: &mut Details);
}

impl<T: TypedDetails> From<T> for ApiError {
    #[inline]
    fn from(typed: T) -> Self {
        let mut details = Details::new();
        typed.into_details(&mut details);
        ApiError::new(T::CODE).with_details(details)
    }
}

impl core::fmt::Debug for ApiError {
    #[inline]
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        self.0.fmt(f)
    }
}

impl core::fmt::Display for ApiError {
    #[inline]
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        self.0.fmt(f)
    }
}

impl std::error::Error for ApiError {}

impl serde::Serialize for ApiError {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

impl<'de> serde::Deserialize<'de> for ApiError {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        runtime::ApiError::deserialize_in(&CATALOGUE, deserializer).map(ApiError)
    }
}
