//! Every integration test, in one binary (one link of axum, tokio,
//! jsonschema and proptest instead of twelve): a module per area. Shared
//! helpers live in the `catalog_tests` library (`tests/lib.rs`).

mod allocations;
mod architecture;
mod axum_roundtrip;
mod bad_catalogues;
mod catalog_schema;
mod compat;
mod docs;
mod docs_browser;
mod docs_mdbook;
mod fuzz;
mod generated_crates_build;
mod generated_is_fresh;
mod grpc;
mod library_users;
mod locales;
mod rust_api;
mod schema;
mod snapshots;
mod typescript;
