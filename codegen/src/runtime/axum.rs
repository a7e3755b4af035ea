//! The `axum` integration (`IntoResponse`): behind a feature that is off by
//! default; it builds on the `http` one.

use super::ApiError;

impl axum_core::response::IntoResponse for ApiError {
    fn into_response(self) -> axum_core::response::Response {
        let (parts, body) = self.to_http_response().into_parts();
        axum_core::response::Response::from_parts(parts, axum_core::body::Body::from(body))
    }
}
