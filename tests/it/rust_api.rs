//! The generated Rust API of the shipped catalogue, used as a server team and
//! a client team would use it.

use flireo_errors::{ApiError, ErrorCode, ErrorType, details};

#[test]
fn every_code_round_trips_through_its_name_and_json() {
    assert!(!ErrorCode::ALL.is_empty());
    for &code in ErrorCode::ALL {
        assert_eq!(code.as_str().parse::<ErrorCode>(), Ok(code));
        assert_eq!(code.to_string(), code.as_str());
        let json = serde_json::to_string(&code).unwrap();
        assert_eq!(json, format!("\"{}\"", code.as_str()));
        assert_eq!(serde_json::from_str::<ErrorCode>(&json).unwrap(), code);
        assert!((400..=599).contains(&code.http_status()), "{code}");
        assert!(!code.message().is_empty());
        assert!(code.doc_url().ends_with(&format!("#{}", code.as_str())));
    }
}

#[test]
fn unknown_strings_are_typed_errors() {
    assert!("no_such_code".parse::<ErrorCode>().is_err());
    assert!("".parse::<ErrorCode>().is_err());
    assert!("CALL_NOT_FOUND".parse::<ErrorCode>().is_err());
    assert_eq!(ErrorCode::from_name("call_not_found "), None);
    let error = serde_json::from_str::<ErrorCode>("\"no_such_code\"").unwrap_err();
    assert!(error.to_string().contains("no_such_code"), "{error}");
    assert!("nope".parse::<ErrorType>().is_err());
}

#[test]
fn every_type_round_trips_and_has_a_status() {
    for &ty in ErrorType::ALL {
        assert_eq!(ty.as_str().parse::<ErrorType>(), Ok(ty));
        assert!((400..=599).contains(&ty.http_status()));
    }
    assert_eq!(ErrorType::RateLimitError.http_status(), 429);
    assert!(ErrorType::RateLimitError.is_retryable());
}

#[test]
fn a_server_returns_insufficient_credits_in_one_line() {
    let error = ApiError::new(ErrorCode::InsufficientCredits);
    assert_eq!(error.http_status(), 402);
    assert_eq!(
        error.to_json(),
        r#"{"error":{"type":"billing_error","code":"insufficient_credits","message":"Insufficient credits balance","doc_url":"https://docs.flireo.example/errors#insufficient_credits"}}"#
    );
    assert_eq!(error.to_string(), "insufficient_credits: Insufficient credits balance");
}

#[test]
fn every_default_error_round_trips_through_its_body() {
    for &code in ErrorCode::ALL {
        let error = ApiError::new(code);
        let body = error.to_json();
        let value: serde_json::Value = serde_json::from_str(&body).unwrap();
        let object = &value["error"];
        assert_eq!(object["code"], code.as_str());
        assert_eq!(object["type"], code.error_type().as_str());
        assert_eq!(object["message"], code.message());
        assert_eq!(object["doc_url"], code.doc_url());
        let keys: Vec<&str> = object.as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(keys, ["type", "code", "message", "doc_url"], "envelope order");
        let parsed = ApiError::from_json(body.as_bytes()).unwrap();
        assert_eq!(parsed.code(), Some(code));
        assert_eq!(parsed.to_json(), body);
    }
}

#[test]
fn message_param_and_details_travel() {
    let error = ApiError::new(ErrorCode::InvalidPhoneNumber)
        .with_message("Phone number +1 is not E.164")
        .with_param("phone_number");
    let body = error.to_json();
    assert!(body.contains(r#""param":"phone_number""#), "{body}");
    let parsed = ApiError::from_json(body.as_bytes()).unwrap();
    assert_eq!(parsed.message(), "Phone number +1 is not E.164");
    assert_eq!(parsed.param(), Some("phone_number"));
}

#[test]
fn typed_details_fill_the_message_template() {
    let error = ApiError::from(details::PromptTooLong::new(12_000, 10_000));
    assert_eq!(error.code(), Some(ErrorCode::PromptTooLong));
    assert!(error.message().contains("12000") && error.message().contains("10000"), "{}", error.message());
    assert!(!error.message().contains('{'), "{}", error.message());
    let parsed = ApiError::from_json(error.to_json().as_bytes()).unwrap();
    assert_eq!(parsed.details().get("length"), Some(&serde_json::json!(12_000)));
    assert_eq!(parsed, ApiError::from_json(parsed.to_json().as_bytes()).unwrap());
}

#[test]
fn field_level_validation_errors_are_a_string_map() {
    let fields = [("phone_number", "Invalid phone number format"), ("city", "City is required")]
        .into_iter()
        .map(|(name, text)| (name.to_string(), text.to_string()))
        .collect();
    let error = ApiError::from(details::InvalidParameters(fields));
    let parsed = ApiError::from_json(error.to_json().as_bytes()).unwrap();
    assert_eq!(parsed.details().get("city").unwrap(), "City is required");
    let bad = r#"{"error":{"code":"invalid_parameters","message":"m","details":{"city":1}}}"#;
    assert!(ApiError::from_json(bad.as_bytes()).is_err());
}

#[test]
fn a_detail_of_the_wrong_type_is_rejected() {
    let body = r#"{"error":{"type":"invalid_request","code":"prompt_too_long","message":"x","details":{"length":"long","limit":1}}}"#;
    let error = ApiError::from_json(body.as_bytes()).unwrap_err();
    assert!(error.to_string().contains("length"), "{error}");
    // A missing member is context the client can do without: accepted.
    let missing = r#"{"error":{"code":"prompt_too_long","message":"x","details":{"limit":1}}}"#;
    assert!(ApiError::from_json(missing.as_bytes()).is_ok());
}

#[test]
fn a_client_parses_a_code_it_does_not_know() {
    let body = r#"{"error":{"type":"rate_limit_error","code":"queue_full","message":"Queue is full","details":{"queue":"outbound"},"extra":1}}"#;
    let error = ApiError::from_response(429, body.as_bytes()).unwrap();
    assert_eq!(error.code(), None);
    assert!(!error.is_known());
    assert_eq!(error.code_str(), "queue_full");
    assert_eq!(error.message(), "Queue is full");
    assert_eq!(error.error_type(), Some(ErrorType::RateLimitError));
    assert!(error.is_retryable(), "falls back to the type's retry advice");
    assert_eq!(error.http_status(), 429);
    assert_eq!(error.details().get("queue"), Some(&serde_json::json!("outbound")));

    // Without a known type, the HTTP status decides.
    let body = r#"{"error":{"type":"brand_new_type","code":"queue_full","message":"Queue is full"}}"#;
    assert!(ApiError::from_response(503, body.as_bytes()).unwrap().is_retryable());
    assert!(!ApiError::from_response(400, body.as_bytes()).unwrap().is_retryable());
}

#[test]
fn bodies_missing_code_or_message_are_rejected() {
    for body in [r#"{"error":{"message":"x"}}"#, r#"{"error":{"code":"not_found"}}"#, r#"{"code":"not_found"}"#, "[]"] {
        assert!(ApiError::from_json(body.as_bytes()).is_err(), "{body}");
    }
}

#[test]
fn retry_after_is_set_by_the_server_and_read_by_the_client() {
    let error = ApiError::new(ErrorCode::RateLimitExceeded).with_retry_after(30);
    assert!(error.is_retryable());
    let parsed = ApiError::from_json(error.to_json().as_bytes()).unwrap();
    assert_eq!(parsed.retry_after(), Some(30), "carried as the retry_after detail");

    let response = error.to_http_response();
    assert_eq!(response.status(), 429);
    assert_eq!(response.headers()["retry-after"], "30");
    assert_eq!(response.headers()["content-type"], "application/json");
    let parsed = ApiError::from_http_response(&response).unwrap();
    assert_eq!(parsed.retry_after(), Some(30));
}

#[test]
fn typed_details_build_the_same_error_as_untyped_ones() {
    let error = ApiError::from(details::PromptTooLong::new(12_000, 10_000));
    let untyped = ApiError::new(ErrorCode::PromptTooLong).with_detail("length", 12_000).with_detail("limit", 10_000);
    assert_eq!(error, untyped);
    let error: ApiError = details::RateLimitExceeded::new().with_retry_after(20).into();
    assert_eq!(error.retry_after(), Some(20));
    // Any struct of `details`, through the one blanket `From`.
    fn build(details: impl flireo_errors::TypedDetails) -> ApiError {
        ApiError::from(details)
    }
    assert_eq!(build(details::PromptTooLong::new(12_000, 10_000)), untyped);
}

/// A details struct prints as `#[derive(Debug)]` prints (C-DEBUG), as people
/// log it.
#[test]
fn details_structs_print() {
    let details = details::PromptTooLong::new(12_000, 10_000);
    assert_eq!(format!("{details:?}"), "PromptTooLong { length: 12000, limit: 10000 }");
    let optional = details::OutboundFailed::new();
    assert_eq!(format!("{optional:?}"), "OutboundFailed { twilio_error: None }");
}

#[test]
fn write_json_writes_exactly_what_serde_writes() {
    let mut buffer = Vec::new();
    let hostile = "quote \" backslash \\ newline \n tab \t bell \u{7} nul \u{0} emoji 🚀 </script>";
    for &code in ErrorCode::ALL {
        for error in [
            ApiError::new(code),
            ApiError::new(code).with_message(hostile).with_param(hostile).with_detail("note", hostile),
            ApiError::new(code).with_retry_after(3),
        ] {
            buffer.clear();
            error.write_json(&mut buffer);
            assert_eq!(String::from_utf8(buffer.clone()).unwrap(), serde_json::to_string(&error).unwrap());
        }
    }
    let unknown = ApiError::from_json(br#"{"error":{"code":"new_code","message":"m","type":"t\"x"}}"#).unwrap();
    buffer.clear();
    unknown.write_json(&mut buffer);
    assert_eq!(buffer, serde_json::to_vec(&unknown).unwrap());
}

#[test]
fn debug_prints_the_variant_as_derive_would() {
    assert_eq!(format!("{:?}", ErrorCode::CallNotFound), "CallNotFound");
    assert_eq!(format!("{:?}", Some(ErrorCode::RateLimitExceeded)), "Some(RateLimitExceeded)");
    assert_eq!(format!("{:?}", flireo_errors::ErrorType::RateLimitError), "RateLimitError");
}

/// A service's own error type, converted the usual way: its `From` impl sits
/// beside the blanket one of the typed details without a conflict.
struct StorageError;

impl From<StorageError> for ApiError {
    fn from(_: StorageError) -> Self {
        ApiError::new(ErrorCode::AgentNotFound)
    }
}

#[test]
fn a_services_own_errors_convert_beside_typed_details() {
    fn lookup() -> Result<(), ApiError> {
        Err(StorageError)?;
        Ok(())
    }
    assert_eq!(lookup().unwrap_err().code(), Some(ErrorCode::AgentNotFound));
}

#[test]
fn an_error_is_small_enough_to_return_in_a_result() {
    // clippy's `result_large_err` warns from 128 bytes in every crate that
    // returns `Result<T, ApiError>`; what most errors do not carry is boxed.
    assert!(size_of::<ApiError>() < 128, "{} bytes", size_of::<ApiError>());
}

/// The code as sent and back, for a catalogue of snake_case codes.
#[test]
fn wire_codes_are_looked_up_both_ways() {
    assert_eq!(ErrorCode::CallNotFound.wire_code().to_string(), "call_not_found");
    assert_eq!(serde_json::to_string(&ErrorCode::CallNotFound.wire_code()).unwrap(), "\"call_not_found\"");
    for code in ErrorCode::ALL {
        assert_eq!(ErrorCode::from_wire(&code.wire_code().to_string()), Some(*code));
    }
    assert_eq!(ErrorCode::from_wire("CallNotFound"), None);
}

/// A body that repeats a member is read as `JSON.parse` reads it (the last
/// value), envelope members and details alike, so the Rust and the
/// TypeScript client agree on the code.
#[test]
fn repeated_members_are_read_as_javascript_reads_them() {
    let body = r#"{"error":{"type":"not_found","code":"invalid_api_key","code":"call_not_found","message":"x"}}"#;
    assert_eq!(ApiError::from_json(body.as_bytes()).unwrap().code(), Some(ErrorCode::CallNotFound));
    let body = r#"{"error":{"type":"rate_limit_error","code":"rate_limit_exceeded","message":"x","details":{"retry_after":"x","retry_after":5}}}"#;
    assert_eq!(ApiError::from_json(body.as_bytes()).unwrap().retry_after(), Some(5));
}

/// Parsing is linear in the number of detail members: a 1 MB body of
/// 100,000 of them took 70 s when each insert scanned the others. The bound
/// is generous (a debug build, a shared machine); the quadratic parse is
/// far beyond it.
#[test]
fn a_body_of_a_hundred_thousand_detail_members_parses_in_linear_time() {
    let members: Vec<String> = (0..100_000).map(|number| format!("\"member_{number}\":{number}")).collect();
    let body = format!(
        r#"{{"error":{{"type":"server_error","code":"server_error","message":"x","details":{{{}}}}}}}"#,
        members.join(",")
    );
    assert!(body.len() > 1_000_000);
    let start = std::time::Instant::now();
    let error = ApiError::from_json(body.as_bytes()).unwrap();
    let elapsed = start.elapsed();
    assert_eq!(error.details().len(), 100_000);
    assert!(elapsed < std::time::Duration::from_secs(10), "{elapsed:?}");
}
