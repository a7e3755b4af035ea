//! Prints every code of the generated module with its status, then the body
//! of the first one: what a client sees.

use telephony_api::api::errors::{ApiError, ErrorCode};

fn main() {
    for code in ErrorCode::ALL {
        println!("{code} {}", code.http_status());
    }
    let first = ErrorCode::ALL[0];
    println!("{}", serde_json::to_string(&ApiError::new(first)).expect("an error always serializes"));
}
