//! gRPC: every pinned catalogue's `.proto` of reasons compiles with a real
//! protobuf compiler (protoc), and names each code once, by its reason.

#[test]
fn every_reasons_proto_compiles_with_protoc() {
    catalog_tests::each_catalogue(catalog_tests::all_catalogues(), |name, path| {
        let catalog = codegen::load_catalog(&path).expect("valid catalogue");
        let files = catalog_tests::generate(&path);
        let proto = files.iter().find(|file| file.path.starts_with("proto/")).expect("a .proto");
        let dir = tempfile::tempdir().expect("temporary folder");
        let file = dir.path().join(&proto.path);
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(&file, &proto.contents).unwrap();
        if let Err(complaint) = catalog_tests::compile_proto(dir.path(), &file) {
            panic!("{name}: protoc refuses {}:\n{complaint}\n{}", proto.path, proto.contents);
        }
        assert!(proto.contents.contains("  ERROR_REASON_UNSPECIFIED = 0;"), "{name}");
        for error in &catalog.errors {
            let line = format!("  {} = ", error.grpc_reason());
            assert_eq!(proto.contents.matches(&line).count(), 1, "{name}: {}", error.code);
        }
    });
}

/// Every code of the shipped catalogue, as its example body says it (typed
/// details, `param`), through a real tonic server and client on loopback:
/// the server returns the `ApiError` as a `Status`, the client reads back
/// an equal one, with the same retry advice as over HTTP; a reason this
/// version does not know survives; a Dutch error keeps its language.
#[test]
fn every_code_round_trips_through_a_real_grpc_server() {
    use flireo_errors::{ApiError, ErrorCode};

    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let client = server::start(&runtime, |body| match ApiError::from_json(body.as_bytes()) {
        Ok(error) => tonic::Status::from(error),
        Err(error) => tonic::Status::invalid_argument(error.to_string()),
    });
    let examples = catalog_tests::workspace_root().join("generated/schema/examples");
    runtime.block_on(async {
        let fail = |body: String| client.fail(body);
        for &code in ErrorCode::ALL {
            let body = std::fs::read_to_string(examples.join(format!("{}.json", code.as_str()))).unwrap();
            let sent = ApiError::from_json(body.as_bytes()).unwrap();
            let status = fail(body).await;
            assert_eq!(status.code(), code.grpc_code(), "{code}");
            let received = ApiError::from_status(&status).unwrap_or_else(|error| panic!("{code}: {error}"));
            assert_eq!(received, sent, "{code}");
            assert_eq!(received.code(), Some(code));
            assert_eq!(received.http_status(), code.http_status(), "{code}: the HTTP status follows");
            assert_eq!(received.is_retryable(), sent.is_retryable(), "{code}: the same retry advice");
        }

        // Retry-After's delay travels as RetryInfo (the body sent to the
        // server carries it as the `retry_after` detail only, as over HTTP
        // without the header).
        let waiting = ApiError::new(ErrorCode::RateLimitExceeded).with_retry_after(30);
        let received = ApiError::from_status(&fail(waiting.to_json()).await).unwrap();
        assert_eq!(received.retry_after(), Some(30));
        assert!(received.is_retryable());
        let status = waiting.to_status();
        assert_eq!(ApiError::from_status(&status).unwrap(), waiting, "the header's delay, as RetryInfo");
        let busy = ApiError::new(ErrorCode::CallControlLimit).with_retry_after(5);
        assert_eq!(ApiError::from_status(&busy.to_status()).unwrap().retry_after(), Some(5));

        // A reason of a newer server is kept, with its message and advice.
        let newer = r#"{"error":{"type":"rate_limit_error","code":"brand_new_limit","message":"New limit"}}"#;
        let received = ApiError::from_status(&fail(newer.to_string()).await).unwrap();
        assert!(!received.is_known());
        assert_eq!(received.code_str(), "BRAND_NEW_LIMIT");
        assert_eq!(received.message(), "New limit");
        assert!(received.is_retryable(), "RESOURCE_EXHAUSTED, as 429 is");

        // A Dutch error: the status's message is English, the Dutch one a
        // LocalizedMessage; read back, the error is Dutch again.
        // (Converted here: a body sent to the server does not say its
        // language, as over HTTP it is the Content-Language header.)
        let dutch = ApiError::new(ErrorCode::CallNotFound).with_locale("nl");
        let status = dutch.to_status();
        assert_eq!(status.message(), ErrorCode::CallNotFound.message());
        let received = ApiError::from_status(&status).unwrap();
        assert_eq!(received.message(), ErrorCode::CallNotFound.localized_message("nl"));
        assert_eq!(received.locale(), "nl");
        assert_eq!(received, dutch);
    });
}

/// The generator's HTTP-to-gRPC mapping and the runtime's (for a code this
/// version does not know, by the status it was received with) agree.
#[test]
fn the_runtime_maps_statuses_as_the_generator_does() {
    let body = br#"{"error":{"code":"zz_newer_code","message":"m"}}"#;
    for status in 100..=599 {
        let error = flireo_errors::ApiError::from_json(body).unwrap().with_received_status(status);
        let generator = codegen::model::GrpcCode::for_http_status(status).number();
        assert_eq!(error.to_status().code() as i32, generator, "HTTP {status}");
    }
}

/// The test's gRPC server (shared with the fixtures' tests).
#[path = "../fixtures/grpc_server.rs"]
mod server;
