//! Writes the error module from `catalog/` into `OUT_DIR`; cargo runs this
//! again whenever a catalogue file changes.

use std::path::PathBuf;

fn main() -> Result<(), codegen::Error> {
    let out_dir = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR for build scripts"));
    // `axum(true)`: `IntoResponse` for the errors (and with it the `http`
    // conversions), for which the crate depends on `axum-core` and `http`.
    codegen::Builder::new("catalog").rust_module(out_dir.join("errors.rs")).axum(true).run()?;
    Ok(())
}
