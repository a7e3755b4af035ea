//! The `http` integration (status codes, building and reading
//! `http::Response`s): behind a feature that is off by default, so the base
//! crate needs only serde and serde_json.

use super::{runtime, ApiError, ErrorCode, CATALOGUE};

impl ApiError {
    /// The HTTP status as an [`http::StatusCode`].
    #[must_use]
    #[inline]
    pub fn status_code(&self) -> http::StatusCode {
        self.0.status_code()
    }

    /// The complete response: status, body in the catalogue's envelope, its
    /// media type as `content-type`, and `Retry-After` when set.
    #[must_use]
    #[inline]
    pub fn to_http_response(&self) -> http::Response<Vec<u8>> {
        self.0.to_http_response()
    }

    /// Reads an error response: body, status and `Retry-After` (in seconds).
    ///
    /// # Errors
    ///
    /// As [`ApiError::from_json`].
    #[inline]
    pub fn from_http_response<B: AsRef<[u8]>>(response: &http::Response<B>) -> Result<ApiError, serde_json::Error> {
        runtime::ApiError::from_http_response(&CATALOGUE, response).map(ApiError)
    }
}

impl ErrorCode {
    /// The HTTP status as an [`http::StatusCode`].
    #[must_use]
    #[inline]
    pub fn status_code(self) -> http::StatusCode {
        http::StatusCode::from_u16(self.http_status()).unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR)
    }
}
