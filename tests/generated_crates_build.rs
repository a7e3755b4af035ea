//! The generated package of every pinned catalogue, written outside this
//! workspace, builds on its own with warnings denied (with no features, each
//! feature, and all), documents without warnings, passes its doctests, and
//! round-trips every example body of its own reference byte for byte. This is
//! what a team that depends on the crate gets.

use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;

use codegen::write::{Mode, ensure_package};

#[test]
fn generated_packages_build_test_and_document_standalone() {
    let packages = tempfile::tempdir().expect("temporary folder");
    let mut members = Vec::new();
    for (name, catalog_path) in catalog_tests::catalogues() {
        let package = packages.path().join(name);
        let files = catalog_tests::generate(&catalog_path);
        ensure_package(&package, &files, Mode::Write).expect("write package");
        let catalog = codegen::load_catalog(&catalog_path).expect("valid catalogue");
        write_file(&package.join("tests/example_bodies.rs"), &example_bodies_test(&catalog));
        // A catalogue may bring its own hand-written test of the generated API.
        let own_test = catalog_path.with_file_name("roundtrip.rs");
        if catalog_path.is_file() && own_test.is_file() {
            std::fs::copy(&own_test, package.join("tests/roundtrip.rs")).expect("copy test");
        }
        members.push(format!("{name:?}"));
    }
    // One throwaway workspace so the packages share one build of the dependencies.
    let manifest = format!("[workspace]\nresolver = \"2\"\nmembers = [{}]\n", members.join(", "));
    write_file(&packages.path().join("Cargo.toml"), &manifest);

    let dir = packages.path();
    cargo(dir, &["check", "--workspace", "--quiet", "--no-default-features"]);
    cargo(dir, &["check", "--workspace", "--quiet", "--features", "http"]);
    cargo(dir, &["check", "--workspace", "--quiet", "--features", "axum"]);
    cargo(dir, &["test", "--workspace", "--quiet", "--all-features"]);
    cargo(dir, &["doc", "--workspace", "--quiet", "--no-deps", "--all-features"]);
}

/// A test that parses every code's documented example body and serializes
/// it back: the bytes must not change. The expected bodies come from the
/// model (via the docs emitter), not from the Rust emitter under test.
fn example_bodies_test(catalog: &codegen::Catalog) -> String {
    let crate_ident = catalog.service.crate_name.replace('-', "_");
    let mut bodies = String::new();
    for error in &catalog.errors {
        let pretty = codegen::emit::docs::example_body(catalog, error);
        let value: serde_json::Value = serde_json::from_str(&pretty).expect("example is JSON");
        let _ = writeln!(bodies, "    {:?},", serde_json::to_string(&value).expect("serializes"));
    }
    format!(
        "//! Written by generated_crates_build.rs: every documented example body round-trips.\n\n\
         const BODIES: &[&str] = &[\n{bodies}];\n\n\
         #[test]\n\
         fn every_example_body_round_trips_byte_for_byte() {{\n    \
             for body in BODIES {{\n        \
                 let error = {crate_ident}::ApiError::from_json(body.as_bytes()).unwrap();\n        \
                 assert!(error.is_known(), \"{{body}}\");\n        \
                 assert_eq!(&error.to_json(), body);\n    \
             }}\n\
         }}\n"
    )
}

fn write_file(path: &Path, contents: &str) {
    std::fs::create_dir_all(path.parent().expect("has a parent")).expect("create folder");
    std::fs::write(path, contents).expect("write file");
}

/// Runs cargo in `dir` with a target folder kept between runs (so only the
/// generated crates rebuild), and fails with its output if it fails.
fn cargo(dir: &Path, args: &[&str]) {
    let target = catalog_tests::workspace_root().join("target/generated-crates");
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let output = Command::new(cargo)
        .args(args)
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target)
        .env("RUSTFLAGS", "-D warnings")
        .env("RUSTDOCFLAGS", "-D warnings")
        .output()
        .expect("run cargo");
    assert!(
        output.status.success(),
        "cargo {} failed in {}:\n{}\n{}",
        args.join(" "),
        dir.display(),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}
