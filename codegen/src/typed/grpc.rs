//! The `tonic` integration: `ApiError` as a gRPC `tonic::Status` and back
//! (AIP-193's `ErrorInfo`, `RetryInfo`, `Help`, `BadRequest` and
//! `LocalizedMessage`): behind a feature that is off by default.

use super::{runtime, ApiError, ErrorCode, CATALOGUE};

pub use runtime::FromStatusError;

impl From<ApiError> for tonic::Status {
    #[inline]
    fn from(error: ApiError) -> tonic::Status {
        error.0.to_status()
    }
}

impl From<ErrorCode> for tonic::Status {
    #[inline]
    fn from(code: ErrorCode) -> tonic::Status {
        ApiError::new(code).0.to_status()
    }
}

impl ApiError {
    /// The error as a gRPC status: the code's gRPC status code
    /// ([`ErrorCode::grpc_code`]) and message, and AIP-193's details.
    #[must_use]
    #[inline]
    pub fn to_status(&self) -> tonic::Status {
        self.0.to_status()
    }

    /// Reads a gRPC status: the code by its `ErrorInfo` reason and domain
    /// (an unknown reason is kept, as an unknown code is), its details with
    /// their declared types, retry advice from `RetryInfo`, the link from
    /// `Help`, `param` from `BadRequest`, the localized message.
    ///
    /// # Errors
    ///
    /// When the status carries no `ErrorInfo`, or a known code's detail does
    /// not read as its declared type.
    #[inline]
    pub fn from_status(status: &tonic::Status) -> Result<ApiError, FromStatusError> {
        runtime::ApiError::from_status(&CATALOGUE, status).map(ApiError)
    }
}

impl ErrorCode {
    /// The gRPC status code of the code (`tonic::Code::NotFound`).
    #[must_use]
    #[inline]
    pub fn grpc_code(self) -> tonic::Code {
        tonic::Code::from(CATALOGUE.codes[self as usize].grpc)
    }

    /// The reason `ErrorInfo` carries: the code's name in UPPER_SNAKE.
    #[must_use]
    pub fn grpc_reason(self) -> String {
        self.as_str().to_ascii_uppercase()
    }
}
