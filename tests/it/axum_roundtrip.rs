//! A minimal axum server that returns every catalogue error, and a client that
//! reads each response over a real TCP connection and parses it back: status,
//! headers and body as the catalogue says.

use axum::Router;
use axum::extract::Path;
use axum::http::HeaderMap;
use axum::routing::get;
use flireo_errors::{ApiError, ErrorCode, details};

/// The server: `/errors/{code}` fails with that code (and a Retry-After for
/// retryable ones); unknown paths segments fail with `not_found`.
/// `/agents/{id}/prompt` fails with `prompt_too_long` and its details, in
/// the language the request's `Accept-Language` asks for.
fn app() -> Router {
    Router::new()
        .route(
            "/errors/{code}",
            get(|Path(code): Path<String>| async move {
                let code: ErrorCode = code.parse().unwrap_or(ErrorCode::NotFound);
                let error = ApiError::new(code);
                if code.is_retryable() { error.with_retry_after(7) } else { error }
            }),
        )
        .route(
            "/agents/{id}/prompt",
            get(|headers: HeaderMap| async move {
                let accept = headers.get("accept-language").and_then(|value| value.to_str().ok()).unwrap_or("");
                ApiError::from(details::PromptTooLong::new(12_000, 8_000)).with_locale(accept)
            }),
        )
        .route(
            "/localized/{code}",
            get(|Path(code): Path<String>, headers: HeaderMap| async move {
                let accept = headers.get("accept-language").and_then(|value| value.to_str().ok()).unwrap_or("");
                ApiError::new(code.parse().unwrap_or(ErrorCode::NotFound)).with_locale(accept)
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

/// A client that asks for Dutch gets Dutch messages, placeholders filled,
/// with the right status and `Content-Language: nl`; one that asks for
/// nothing the catalogue has gets English, and no `Content-Language` claim
/// beyond it.
#[test]
fn a_client_that_asks_for_dutch_gets_dutch() {
    let runtime = tokio::runtime::Builder::new_current_thread().enable_io().build().unwrap();
    let listener = runtime.block_on(tokio::net::TcpListener::bind("127.0.0.1:0")).unwrap();
    let address = listener.local_addr().unwrap();
    let server = std::thread::spawn(move || {
        runtime.block_on(async { axum::serve(listener, app()).await }).unwrap();
    });
    let dutch = [("Accept-Language", "nl-BE,nl;q=0.9,en;q=0.8")];
    let header = |headers: &[(String, String)], name: &str| {
        headers.iter().find(|(have, _)| have == name).map(|(_, value)| value.clone())
    };

    let (status, headers, body) =
        catalog_tests::http_request_with_headers(address, "GET", "/agents/a1/prompt", &dutch, None);
    assert_eq!(status, 400);
    assert_eq!(header(&headers, "content-language").as_deref(), Some("nl"), "{headers:?}");
    assert_eq!(header(&headers, "vary").as_deref(), Some("accept-language"), "{headers:?}");
    let error = ApiError::from_response(status, &body).unwrap();
    assert_eq!(error.code(), Some(ErrorCode::PromptTooLong));
    assert_eq!(
        error.message(),
        "De systeemprompt is 12000 tekens lang; de limiet is 8000",
        "{}",
        String::from_utf8_lossy(&body)
    );
    assert_eq!(error.locale(), "nl");
    assert_eq!(error, ApiError::from(details::PromptTooLong::new(12_000, 8_000)).with_locale("nl"));

    for &code in ErrorCode::ALL {
        let path = format!("/localized/{}", code.as_str());
        let (status, headers, body) = catalog_tests::http_request_with_headers(address, "GET", &path, &dutch, None);
        assert_eq!(status, code.http_status(), "{code}");
        assert_eq!(header(&headers, "content-language").as_deref(), Some("nl"), "{code}");
        let error = ApiError::from_response(status, &body).unwrap();
        assert_eq!(error.code(), Some(code), "a Dutch body is identified as before");
        assert_eq!(error.message(), code.localized_message("nl"));
        assert_ne!(error.message(), code.message(), "{code}: every code has a Dutch message");
        assert_eq!(error, ApiError::new(code).with_locale("nl-NL"));
    }

    // French is not offered: English, said so.
    let french = [("Accept-Language", "fr-CH, fr;q=0.9, *;q=0.5")];
    let (_, headers, body) =
        catalog_tests::http_request_with_headers(address, "GET", "/localized/call_not_found", &french, None);
    assert_eq!(header(&headers, "content-language").as_deref(), Some("en"));
    assert_eq!(ApiError::from_json(&body).unwrap().message(), ErrorCode::CallNotFound.message());
    drop(server);
}

/// `localized_message` negotiates as RFC 9110 and RFC 4647 say, allocating
/// nothing.
#[test]
fn accept_language_is_negotiated() {
    let code = ErrorCode::CallNotFound;
    let (english, dutch) = (code.message(), code.localized_message("nl"));
    assert_ne!(english, dutch);
    for (accept, expected) in [
        ("nl-BE,nl;q=0.9,en;q=0.8", dutch),
        ("NL", dutch),
        ("en;q=0.8, nl;q=0.9", dutch),
        ("en, nl", english),
        ("nl;q=0, en", english),
        ("fr, nl-BE;q=0.5", dutch),
        ("fr", english),
        ("", english),
        ("*", english),
        ("nl;q=abc, en;q=0.1", english),
        (",,;;q=,", english),
    ] {
        assert_eq!(code.localized_message(accept), expected, "{accept:?}");
    }
}

fn http_get(address: std::net::SocketAddr, path: &str) -> (u16, Vec<(String, String)>, Vec<u8>) {
    catalog_tests::http_request(address, "GET", path, None)
}
