//! Parse -> serialize -> parse on any bytes, for the shipped catalogue's
//! envelope: nothing panics, and whatever parses is written as a body that
//! parses to an equal error and is written the same again. The normal test
//! suite checks the same on the corpus kept in `fuzz/corpus/parse_roundtrip`
//! (`tests/it/fuzz.rs`).
#![no_main]

use flireo_errors::ApiError;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|body: &[u8]| {
    let Ok(error) = ApiError::from_json(body) else { return };
    let written = error.to_json();
    let again = ApiError::from_json(written.as_bytes()).expect("a body the crate wrote parses");
    assert_eq!(again, error, "a parsed error re-serializes and re-parses to an equal error");
    assert_eq!(again.to_json(), written, "and is written the same again");
});
