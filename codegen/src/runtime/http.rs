//! The `http` integration (status codes, building and reading
//! `http::Response`s): behind a feature that is off by default, so the base
//! crate needs only serde and serde_json.

use super::{ApiError, Catalogue};

impl ApiError {
    /// The HTTP status as an [`http::StatusCode`].
    #[must_use]
    pub fn status_code(&self) -> http::StatusCode {
        http::StatusCode::from_u16(self.http_status()).unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR)
    }

    /// The complete response: status, body in the catalogue's envelope, its
    /// media type as `content-type`, `Retry-After` when set, and
    /// `Content-Language` (with `Vary: accept-language`) when a language
    /// was chosen ([`ApiError::with_locale`]).
    #[must_use]
    pub fn to_http_response(&self) -> http::Response<Vec<u8>> {
        let mut body = Vec::with_capacity(256);
        self.write_json(&mut body);
        let mut response = http::Response::new(body);
        *response.status_mut() = self.status_code();
        let headers = response.headers_mut();
        headers.insert(http::header::CONTENT_TYPE, http::HeaderValue::from_static(self.media_type()));
        if let Some(seconds) = self.extra().retry_after {
            headers.insert(http::header::RETRY_AFTER, http::HeaderValue::from(seconds));
        }
        // The language chosen for this request: caches keep one response
        // per `Accept-Language` (RFC 9110 §12.5.5).
        if let Some(locale) = self.extra().locale.as_deref().and_then(|tag| http::HeaderValue::from_str(tag).ok()) {
            headers.insert(http::header::CONTENT_LANGUAGE, locale);
            headers.insert(http::header::VARY, http::HeaderValue::from_static("accept-language"));
        }
        response
    }

    /// Reads an error response: body, status and `Retry-After` (in seconds).
    ///
    /// # Errors
    ///
    /// As [`ApiError::from_json`].
    pub fn from_http_response(
        catalogue: &'static Catalogue,
        response: &http::Response<impl AsRef<[u8]>>,
    ) -> Result<ApiError, serde_json::Error> {
        let body = response.body().as_ref();
        let mut error = ApiError::from_response(catalogue, response.status().as_u16(), body)?;
        let retry_after = response
            .headers()
            .get(http::header::RETRY_AFTER)
            .and_then(|value| value.to_str().ok())
            .and_then(|value| value.trim().parse::<u64>().ok());
        if let Some(seconds) = retry_after {
            error.extra_mut().retry_after = Some(seconds);
        }
        Ok(error)
    }
}
