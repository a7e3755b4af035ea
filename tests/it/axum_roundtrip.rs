//! A minimal axum server that returns every catalogue error, and a client that
//! reads each response over a real TCP connection and parses it back: status,
//! headers and body as the catalogue says.

use axum::Router;
use axum::extract::Path;
use axum::routing::get;
use flireo_errors::{ApiError, ErrorCode};

/// The server: `/errors/{code}` fails with that code (and a Retry-After for
/// retryable ones); unknown paths segments fail with `not_found`.
fn app() -> Router {
    Router::new().route(
        "/errors/{code}",
        get(|Path(code): Path<String>| async move {
            let code: ErrorCode = code.parse().unwrap_or(ErrorCode::NotFound);
            let error = ApiError::new(code);
            if code.is_retryable() { error.with_retry_after(7) } else { error }
        }),
    )
}

#[test]
fn every_code_round_trips_through_a_real_server() {
    let runtime = tokio::runtime::Builder::new_current_thread().enable_io().build().unwrap();
    let listener = runtime.block_on(tokio::net::TcpListener::bind("127.0.0.1:0")).unwrap();
    let address = listener.local_addr().unwrap();
    let server = std::thread::spawn(move || {
        runtime.block_on(async { axum::serve(listener, app()).await }).unwrap();
    });

    for &code in ErrorCode::ALL {
        let (status, headers, body) = http_get(address, &format!("/errors/{}", code.as_str()));
        assert_eq!(status, code.http_status(), "{code}");
        assert!(headers.contains(&("content-type".into(), "application/json".into())), "{code}: {headers:?}");
        let retry_after = headers.iter().find(|(name, _)| name == "retry-after").map(|(_, value)| value.as_str());
        assert_eq!(retry_after, code.is_retryable().then_some("7"), "{code}");

        let error = ApiError::from_response(status, &body).unwrap();
        assert_eq!(error.code(), Some(code));
        assert_eq!(error.message(), code.message());
        assert_eq!(error.doc_url(), Some(code.doc_url()));
        let expected = if code.is_retryable() { ApiError::new(code).with_retry_after(7) } else { ApiError::new(code) };
        assert_eq!(body, expected.to_json().into_bytes(), "{code}: the documented body");
    }
    drop(server); // the server thread ends with the test process
}

fn http_get(address: std::net::SocketAddr, path: &str) -> (u16, Vec<(String, String)>, Vec<u8>) {
    catalog_tests::http_request(address, "GET", path, None)
}
