//! A service crate that keeps its error codes in `catalog/` and has them
//! generated at build time by `build.rs`.

// A common policy; the generated module (runtime included) holds no `unsafe`.
#![forbid(unsafe_code)]

/// The API's errors, generated from `catalog/` by the build script.
pub mod api {
    /// Error codes, types and the error response.
    pub mod errors {
        include!(concat!(env!("OUT_DIR"), "/errors.rs"));
    }
}

// The same module again, private and unused: it must build without a warning.
mod unused {
    mod deeper {
        include!(concat!(env!("OUT_DIR"), "/errors.rs"));
    }
}

#[cfg(test)]
mod tests {
    use crate::api::errors::{ApiError, ErrorCode, ErrorType, details};

    #[test]
    fn codes_statuses_and_types() {
        let code: ErrorCode = "call_not_found".parse().unwrap();
        assert_eq!(code.http_status(), 404);
        assert_eq!(code.error_type(), ErrorType::NotFound);
        assert!(ErrorCode::RateLimitExceeded.is_retryable());
        assert_eq!(ErrorCode::ALL.len(), 3);
    }

    #[test]
    fn errors_serialize_and_parse_back() {
        let error = ApiError::from(details::InvalidPhoneNumber::new("555"));
        let json = serde_json::to_string(&error).unwrap();
        assert!(json.contains("\"555 is not a phone number in E.164 form\""), "{json}");
        let parsed = ApiError::from_json(json.as_bytes()).unwrap();
        assert_eq!(parsed, error);
        assert_eq!(parsed.code(), Some(ErrorCode::InvalidPhoneNumber));
    }

    #[test]
    fn the_integrations_build_responses() {
        use axum_core::response::IntoResponse as _;
        let response = ApiError::new(ErrorCode::CallNotFound).to_http_response();
        assert_eq!(response.status(), http::StatusCode::NOT_FOUND);
        assert_eq!(ErrorCode::CallNotFound.into_response().status(), 404);
        let parsed = ApiError::from_http_response(&response).unwrap();
        assert_eq!(parsed.code(), Some(ErrorCode::CallNotFound));
    }

    #[test]
    fn the_schema_is_in_the_module() {
        let schema: serde_json::Value = serde_json::from_str(crate::api::errors::ERROR_SCHEMA).unwrap();
        assert!(schema.to_string().contains("rate_limit_exceeded"));
    }
}
