//! The `axum` integration (`IntoResponse`): behind a feature that is off by
//! default; it builds on the `http` one.

use super::{ApiError, ErrorCode};

impl axum_core::response::IntoResponse for ApiError {
    #[inline]
    fn into_response(self) -> axum_core::response::Response {
        self.0.into_response()
    }
}

impl axum_core::response::IntoResponse for ErrorCode {
    #[inline]
    fn into_response(self) -> axum_core::response::Response {
        ApiError::new(self).into_response()
    }
}
