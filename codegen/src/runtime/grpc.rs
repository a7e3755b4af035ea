//! The `tonic` integration: an [`ApiError`] as a gRPC `tonic::Status` and
//! back, in the form AIP-193 gives an error over gRPC: the code's gRPC
//! status code and message, and the details `tonic-types` writes:
//! `ErrorInfo { reason, domain, metadata }` (the reason is the code in
//! UPPER_SNAKE, the metadata its details as text), `RetryInfo` where the
//! error is worth retrying (with `Retry-After`'s delay), `Help` with the
//! documentation link, `BadRequest` naming the request field (`param`), and
//! `LocalizedMessage` when a language was chosen. Behind a feature that is
//! off by default.

use std::borrow::Cow;
use std::collections::HashMap;
use std::time::Duration;

use tonic_types::{ErrorDetails, StatusExt as _};

use super::api_error::{Code, Extra, Origin, Unknown};
use super::details::Details;
use super::envelope::Kind;
use super::{ApiError, Catalogue};

/// Why a `tonic::Status` is not one of the catalogue's errors.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FromStatusError(String);

impl core::fmt::Display for FromStatusError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for FromStatusError {}

impl ApiError {
    /// The gRPC status code (`google.rpc.Code` number): the code's, or for
    /// an unknown one the one it was received with, else its HTTP status's.
    #[must_use]
    pub fn grpc_code(&self) -> i32 {
        match &self.code {
            Code::Known(code) => self.catalogue.codes[*code].grpc,
            Code::Unknown(unknown) => unknown.grpc.unwrap_or_else(|| grpc_code_for_http_status(self.http_status())),
        }
    }

    /// The error as a gRPC status, with AIP-193's details.
    #[must_use]
    pub fn to_status(&self) -> tonic::Status {
        let mut details = ErrorDetails::new();
        let metadata: HashMap<String, String> =
            self.details.iter().map(|(name, value)| (name.to_string(), metadata_text(value))).collect();
        details.set_error_info(self.reason(), self.domain(), metadata);
        // As the HTTP side's `Retry-After`: the delay set for this
        // occurrence (a `retry_after` detail travels in the metadata).
        let delay = self.extra().retry_after;
        if self.is_retryable() || delay.is_some() {
            details.set_retry_info(delay.map(Duration::from_secs));
        }
        if let Some(url) = self.doc_url() {
            details.add_help_link("Documentation of this error", url);
        }
        if let Some(param) = self.param() {
            details.add_bad_request_violation(param, self.message());
        }
        let mut message = self.message().to_string();
        if let Some(locale) = self.extra().locale.as_deref() {
            let separately = self.catalogue.envelope.localizes_separately();
            let localized = if separately { self.extra().localized_message.as_deref() } else { Some(self.message()) };
            if let Some(localized) = localized {
                details.set_localized_message(locale, localized);
            }
            if !separately {
                // The status's own message stays in the catalogue's language.
                message = self.source_message().into_owned();
            }
        }
        tonic::Status::with_error_details(tonic::Code::from(self.grpc_code()), message, details)
    }

    /// Reads a gRPC status: the code by its `ErrorInfo` reason (and domain;
    /// a reason this version does not know is kept, as an unknown code is),
    /// its details back with their declared types, the retry advice of
    /// `RetryInfo`, the documentation link, the request field and the
    /// localized message.
    ///
    /// # Errors
    ///
    /// When the status carries no `ErrorInfo`, or a known code's detail does
    /// not read as its declared type.
    pub fn from_status(catalogue: &'static Catalogue, status: &tonic::Status) -> Result<ApiError, FromStatusError> {
        let details = status.check_error_details().map_err(|error| FromStatusError(error.to_string()))?;
        let info = details.error_info().ok_or_else(|| FromStatusError("the status has no ErrorInfo".into()))?;
        let known = (info.domain == catalogue.grpc_domain)
            .then(|| catalogue.code_named(&info.reason.to_ascii_lowercase()))
            .flatten();
        let mut read = Details::new();
        for (name, text) in in_order(catalogue, known, &info.metadata) {
            read.insert(name.clone(), metadata_value(catalogue, known, name, text)?);
        }
        let code = match known {
            Some(code) => Code::Known(code),
            None => Code::Unknown(Box::new(Unknown {
                code: Some(info.reason.clone()),
                grpc: Some(status.code() as i32),
                status: Some(http_status_for_grpc_code(status.code() as i32)),
                doc_url: details.help().and_then(|help| help.links.first()).map(|link| link.url.clone()),
                ..Unknown::default()
            })),
        };
        let mut extra = Extra::default();
        if let Some(delay) = details.retry_info().and_then(|info| info.retry_delay) {
            extra.retry_after = Some(delay.as_secs());
        }
        let mut message = Cow::Owned(status.message().to_string());
        if let Some(localized) = details.localized_message() {
            extra.locale = Some(Cow::Owned(localized.locale.clone()));
            if catalogue.envelope.localizes_separately() {
                extra.localized_message = Some(Cow::Owned(localized.message.clone()));
            } else {
                message = Cow::Owned(localized.message.clone());
            }
        }
        let param = details.bad_request().and_then(|request| request.field_violations.first());
        Ok(ApiError {
            catalogue,
            message_origin: if known.is_some() { Origin::Received } else { Origin::Given },
            code,
            message,
            details: read,
            param: param.map(|violation| Cow::Owned(violation.field.clone())),
            extra: Extra::boxed(extra),
        })
    }

    /// The reason of `ErrorInfo`: the code's name in UPPER_SNAKE (an
    /// unknown code's as received, in upper case: `[A-Z0-9_]`, as AIP-193
    /// writes reasons).
    fn reason(&self) -> String {
        match &self.code {
            Code::Known(code) => self.catalogue.codes[*code].name.to_ascii_uppercase(),
            Code::Unknown(unknown) => unknown.code.as_deref().unwrap_or_default().to_ascii_uppercase(),
        }
    }

    fn domain(&self) -> &'static str {
        self.catalogue.grpc_domain
    }

    /// The message in the catalogue's own language: the one given for this
    /// occurrence, else the code's, filled in from the details.
    fn source_message(&self) -> Cow<'_, str> {
        match (&self.code, self.message_given()) {
            (Code::Known(code), false) => self.filled_template(*code, 0),
            _ => Cow::Borrowed(&self.message),
        }
    }
}

/// The metadata in the order the body writes details: a known code's
/// declared members first, as the catalogue declares them, then the rest by
/// name (a map has no order of its own).
fn in_order<'a>(
    catalogue: &Catalogue,
    code: Option<usize>,
    metadata: &'a HashMap<String, String>,
) -> Vec<(&'a String, &'a String)> {
    let declared = code.map_or(&[][..], |code| catalogue.codes[code].details);
    let position = |name: &str| declared.iter().position(|member| member.wire == name).unwrap_or(usize::MAX);
    let mut entries: Vec<(&String, &String)> = metadata.iter().collect();
    entries.sort_unstable_by(|a, b| (position(a.0), a.0).cmp(&(position(b.0), b.0)));
    entries
}

/// A detail as `ErrorInfo` metadata (text): a string as it is, any other
/// value as its JSON.
fn metadata_text(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}

/// A metadata entry read back: as the known code's declared type, else as
/// text.
fn metadata_value(
    catalogue: &Catalogue,
    code: Option<usize>,
    name: &str,
    text: &str,
) -> Result<serde_json::Value, FromStatusError> {
    let facts = code.map(|code| &catalogue.codes[code]);
    let declared = facts.and_then(|facts| facts.details.iter().find(|member| member.wire == name));
    let kind = declared.map(|member| member.kind).or(facts.and_then(|facts| facts.details_map));
    let Some(kind) = kind.filter(|kind| *kind != Kind::String) else { return Ok(serde_json::Value::from(text)) };
    serde_json::from_str(text)
        .ok()
        .filter(|value| kind.accepts(value))
        .ok_or_else(|| FromStatusError(format!("metadata `{name}` must be {}", kind.describe())))
}

/// The gRPC status code the catalogue gives an HTTP status where a code
/// names none (as AIP-193 maps it; the generator's `GrpcCode::for_http_status`).
#[must_use]
pub fn grpc_code_for_http_status(status: u16) -> i32 {
    match status {
        400 | 413 | 414 | 415 | 422 => 3,
        401 => 16,
        403 => 7,
        404 | 410 => 5,
        405 | 501 => 12,
        408 | 504 => 4,
        409 => 10,
        416 => 11,
        429 => 8,
        499 => 1,
        502 | 503 => 14,
        400..=499 => 9,
        500..=599 => 13,
        _ => 2,
    }
}

/// The HTTP status AIP-193 gives a gRPC status code.
#[must_use]
pub fn http_status_for_grpc_code(code: i32) -> u16 {
    match code {
        0 => 200,
        1 => 499,
        3 | 9 | 11 => 400,
        4 => 504,
        5 => 404,
        6 | 10 => 409,
        7 => 403,
        8 => 429,
        12 => 501,
        14 => 503,
        16 => 401,
        _ => 500,
    }
}
