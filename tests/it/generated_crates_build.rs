//! The generated package of every pinned catalogue, written outside this
//! workspace, builds on its own with warnings denied (with no features, each
//! feature, and all), documents and passes clippy without warnings, passes
//! its doctests, and
//! round-trips every example body of its own reference byte for byte. This is
//! what a team that depends on the crate gets.

use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;

use codegen::write::{Mode, ensure_package};

/// Random catalogues compiled in every run: a bounded sample of the property
/// test in fuzz.rs (which checks many more without compiling them).
const RANDOM_SEEDS: [u64; 2] = [7, 2026];

#[test]
fn generated_packages_build_test_and_document_standalone() {
    let packages = tempfile::tempdir().expect("temporary folder");
    let bodies = packages.path().join("bodies");
    std::fs::create_dir_all(&bodies).expect("bodies folder");
    let mut members = Vec::new();
    let mut catalogues: Vec<(String, codegen::Catalog, Vec<codegen::GeneratedFile>)> = Vec::new();
    let mut grpc_tests: Vec<String> = Vec::new();
    for (name, catalog_path) in catalog_tests::all_catalogues() {
        let catalog = codegen::load_catalog(&catalog_path).expect("valid catalogue");
        let files = catalog_tests::generate(&catalog_path);
        let package = packages.path().join(name);
        // A catalogue may bring its own hand-written test of the generated
        // API, and the published bodies it reproduces.
        let own_test = catalog_path.with_file_name("roundtrip.rs");
        if catalog_path.is_file() && own_test.is_file() {
            std::fs::create_dir_all(package.join("tests")).expect("tests folder");
            std::fs::copy(&own_test, package.join("tests/roundtrip.rs")).expect("copy test");
            for (file, body) in catalog_tests::published_bodies(&catalog_path) {
                write_file(&package.join("tests").join(file), &body);
            }
            let common = catalog_tests::workspace_root().join("tests/fixtures/common.rs");
            let common = std::fs::read_to_string(common).expect("read tests/fixtures/common.rs");
            write_file(&package.join("tests/common/mod.rs"), &common);
        }
        // A fixture may bring a test through a real gRPC server: the shared
        // test server and the crates it needs come with it.
        let grpc_test = catalog_path.with_file_name("grpc.rs");
        if catalog_path.is_file() && grpc_test.is_file() {
            std::fs::copy(&grpc_test, package.join("tests/grpc.rs")).expect("copy test");
            let server = catalog_tests::workspace_root().join("tests/fixtures/grpc_server.rs");
            write_file(&package.join("tests/grpc_server/mod.rs"), &std::fs::read_to_string(server).unwrap());
            grpc_tests.push(name.to_string());
        }
        catalogues.push((name.to_string(), catalog, files));
    }
    for seed in RANDOM_SEEDS {
        let yaml = catalog_tests::random_catalogue::catalogue(seed);
        let catalog = codegen::load_catalog_from_memory(vec![("random.yaml".into(), yaml.into_bytes())])
            .unwrap_or_else(|failure| panic!("seed {seed}: {}", failure.render()));
        let files = codegen::emit::emit_all(&catalog);
        catalogues.push((format!("random_{seed}"), catalog, files));
    }
    for (name, catalog, files) in &catalogues {
        let package = packages.path().join(name);
        ensure_package(&package, files, codegen::emit::OWNED_FOLDERS, Mode::Write).expect("write package");
        if grpc_tests.contains(name) {
            let manifest = std::fs::read_to_string(package.join("Cargo.toml")).unwrap();
            write_file(&package.join("Cargo.toml"), &format!("{manifest}{GRPC_TEST_DEPENDENCIES}"));
        }
        write_file(&package.join("tests/example_bodies.rs"), &example_bodies_test(catalog));
        write_file(&package.join("tests/typed_details.rs"), &typed_details_test(catalog));
        if !name.starts_with("random_") {
            let table = std::fs::read_to_string(catalog_tests::body_table(name)).expect("read the table");
            write_file(&package.join("tests/body_table.json"), &table);
            write_file(&package.join("tests/body_table.rs"), &body_table_test(catalog));
        }
        members.push(format!("{name:?}"));
    }
    // One throwaway workspace so the packages share one build of the dependencies.
    let manifest = format!("[workspace]\nresolver = \"2\"\nmembers = [{}]\n", members.join(", "));
    write_file(&packages.path().join("Cargo.toml"), &manifest);

    let dir = packages.path();
    cargo(dir, &["check", "--workspace", "--quiet", "--no-default-features"], &bodies);
    cargo(dir, &["check", "--workspace", "--quiet", "--features", "http"], &bodies);
    cargo(dir, &["check", "--workspace", "--quiet", "--features", "axum"], &bodies);
    cargo(dir, &["test", "--workspace", "--quiet", "--all-features"], &bodies);
    cargo(dir, &["doc", "--workspace", "--quiet", "--no-deps", "--all-features"], &bodies);
    // Teams run clippy over their workspace, generated crate included.
    cargo(dir, &["clippy", "--workspace", "--quiet", "--all-features", "--", "-D", "warnings"], &bodies);

    // Every body each crate serialized validates against its own strict schema.
    for (name, catalog, files) in &catalogues {
        let schema = files.iter().find(|file| file.path == "schema/errors.schema.json").expect("schema");
        let schema: serde_json::Value = serde_json::from_str(&schema.contents).expect("schema parses");
        let validator = jsonschema::draft202012::new(&schema).expect("schema compiles");
        let crate_name = catalog.service.crate_name.replace('-', "_");
        let written = std::fs::read_to_string(bodies.join(format!("{crate_name}.jsonl"))).expect("bodies written");
        let mut count = 0;
        for line in written.lines() {
            let body: serde_json::Value = serde_json::from_str(line).expect("a body");
            assert!(validator.is_valid(&body), "{name}: {line}: {:?}", validator.validate(&body).err());
            count += 1;
        }
        assert_eq!(count, 2 * catalog.errors.len(), "{name}");
    }
}

/// A test that parses every code's documented example body and serializes
/// it back (the bytes must not change), checks every message equals the
/// catalogue's text, and writes each body it serializes to `$BODIES_DIR` so
/// the outer test can validate them against the schema. The expected values
/// come from the model, not from the Rust emitter under test.
/// What a fixture's test through a real gRPC server needs beside the
/// package's own `tonic` (as the workspace's tests crate has them).
const GRPC_TEST_DEPENDENCIES: &str = r#"
[dev-dependencies]
tonic = { version = "0.14", default-features = false, features = ["transport", "codegen", "router"] }
tokio = { version = "1", default-features = false, features = ["rt", "net", "macros"] }
bytes = "1"
"#;

fn example_bodies_test(catalog: &codegen::Catalog) -> String {
    let crate_ident = catalog.service.crate_name.replace('-', "_");
    let mut cases = String::new();
    for error in &catalog.errors {
        let value = codegen::emit::example::example_value(catalog, error);
        let body = serde_json::to_string(&value).expect("serializes");
        let _ = writeln!(cases, "    ({:?}, {:?}, {:?}),", error.code, error.message, body);
    }
    format!(
        r#"//! Written by generated_crates_build.rs: every documented example body round-trips.

use {crate_ident}::{{ApiError, ErrorCode}};

/// (code, message as in the catalogue, example body)
const CASES: &[(&str, &str, &str)] = &[
{cases}];

#[test]
fn every_example_body_round_trips_byte_for_byte() {{
    let mut serialized = String::new();
    for (code, message, body) in CASES {{
        let known = ErrorCode::from_name(code).unwrap();
        assert_eq!(known.as_str(), *code);
        assert_eq!(known.message(), *message, "the Rust string equals the catalogue text");
        let error = ApiError::from_json(body.as_bytes()).unwrap();
        assert!(error.is_known(), "{{body}}");
        assert_eq!(&error.to_json(), body);
        let mut fast = Vec::new();
        error.write_json(&mut fast);
        assert_eq!(fast, body.as_bytes(), "write_json writes what serde writes");
        fast.clear();
        // A bare error too: one walk of the envelope for every body.
        ApiError::new(known).write_json(&mut fast);
        assert_eq!(fast, serde_json::to_vec(&ApiError::new(known)).unwrap());
        serialized.push_str(&ApiError::new(known).to_json());
        serialized.push('\n');
        serialized.push_str(&error.to_json());
        serialized.push('\n');
    }}
    if let Some(dir) = std::env::var_os("BODIES_DIR") {{
        std::fs::write(std::path::Path::new(&dir).join("{crate_ident}.jsonl"), serialized).unwrap();
    }}
}}
"#
    )
}

/// A test that every body of the catalogue's table (`tests/bodies/`) gets
/// the outcome the table gives it, as the TypeScript package's test does,
/// and that every body it accepts is re-sent unchanged.
fn body_table_test(catalog: &codegen::Catalog) -> String {
    let crate_ident = catalog.service.crate_name.replace('-', "_");
    format!(
        r#"//! Written by generated_crates_build.rs: the table of bodies, as the TypeScript client reads it.

use {crate_ident}::ApiError;

#[test]
fn every_body_of_the_table_gets_its_outcome() {{
    let table: serde_json::Value = serde_json::from_str(include_str!("body_table.json")).unwrap();
    let cases = table["cases"].as_array().unwrap();
    assert!(cases.len() > 20);
    for case in cases {{
        let body: Vec<u8> = match (case.get("body"), case.get("body_hex")) {{
            (Some(text), _) => text.as_str().unwrap().as_bytes().to_vec(),
            (None, Some(hex)) => {{
                let hex = hex.as_str().unwrap();
                (0..hex.len()).step_by(2).map(|at| u8::from_str_radix(&hex[at..at + 2], 16).unwrap()).collect()
            }}
            (None, None) => panic!("a case without a body"),
        }};
        let status = u16::try_from(case["status"].as_u64().unwrap()).unwrap();
        let outcome = match ApiError::from_response(status, &body) {{
            Ok(error) => {{
                // A client that re-sends what it received (a proxy, a
                // gateway): the body it writes reads back as the same error,
                // and writing that again changes nothing.
                let resent = error.to_json();
                let again = ApiError::from_response(status, resent.as_bytes())
                    .unwrap_or_else(|failure| panic!("{{}}: {{failure}}: {{resent}}", case["case"]));
                assert_eq!(again, error, "{{}}: {{resent}}", case["case"]);
                assert_eq!(again.to_json(), resent, "{{}}", case["case"]);
                serde_json::json!({{
                "known": error.code().map(|code| code.as_str()),
                "code": error.code_str(),
                "message": error.message(),
                "status": error.http_status(),
                "details": error.details().len(),
                }})
            }}
            Err(_) => serde_json::json!("refused"),
        }};
        assert_eq!(outcome, case["expect"], "{{}}: {{}}", table["catalogue"], case["case"]);
    }}
}}
"#
    )
}

/// A test that every struct of the crate's `details` module prints, and
/// builds the same error as the untyped calls: every
/// member set, then the optional ones left out. So each struct's
/// `into_details` puts every member under its wire name, for every pinned
/// catalogue and random ones.
fn typed_details_test(catalog: &codegen::Catalog) -> String {
    let crate_ident = catalog.service.crate_name.replace('-', "_");
    let names = catalog.envelope.detail_names();
    let mut cases = String::new();
    for (index, error) in catalog.errors.iter().enumerate().filter(|(_, error)| error.has_details()) {
        let ident = &error.ident;
        if let Some(map) = &error.details_map {
            let (rust, json) = detail_value(map.values, index);
            let _ = writeln!(
                cases,
                "    let map = std::collections::BTreeMap::from([(\"first\".to_string(), {rust}), (\"second\".to_string(), {rust})]);\n    \
                 let value = details::{ident}(map);\n{ORDINARY}    \
                 assert_eq!(ApiError::from(value), \
                 ApiError::new(ErrorCode::{ident}).with_detail(\"first\", {json}).with_detail(\"second\", {json}));"
            );
            continue;
        }
        for all_set in [true, false] {
            let (mut required, mut optional, mut untyped) = (Vec::new(), String::new(), String::new());
            for (position, detail) in error.details.iter().enumerate() {
                let (rust, json) = detail_value(detail.detail_type, index + position);
                let set = detail.required || all_set;
                match (detail.required, set) {
                    (true, _) => required.push(rust),
                    (false, true) => {
                        let _ = write!(optional, ".with_{}({rust})", detail.name);
                    }
                    (false, false) => {}
                }
                if set {
                    let _ = write!(untyped, ".with_detail({:?}, {json})", names.apply(&detail.name));
                }
            }
            let _ = writeln!(
                cases,
                "    let value = details::{ident}::new({}){optional};\n{ORDINARY}    \
                 assert_eq!(ApiError::from(value), ApiError::new(ErrorCode::{ident}){untyped});",
                required.join(", ")
            );
        }
    }
    if cases.is_empty() {
        return "//! Written by generated_crates_build.rs: no code has typed details.\n".to_string();
    }
    format!(
        r#"//! Written by generated_crates_build.rs: every typed details struct prints,
//! and builds what the untyped calls build.
#![allow(deprecated)]

use {crate_ident}::{{details, ApiError, ErrorCode}};

#[test]
fn typed_details_build_what_untyped_calls_build() {{
{cases}}}
"#
    )
}

/// What every details struct does as an ordinary value (C-DEBUG): print.
const ORDINARY: &str = "    assert!(!format!(\"{value:?}\").is_empty());\n";

/// A value of a detail type, distinct per `seed`: as Rust for the struct's
/// field, and as the JSON `with_detail` takes.
fn detail_value(detail_type: codegen::model::DetailType, seed: usize) -> (String, String) {
    use codegen::model::DetailType;
    match detail_type {
        DetailType::String => (format!("\"text {seed}\".to_string()"), format!("\"text {seed}\"")),
        DetailType::Integer => (format!("-{seed}_i64"), format!("-{seed}_i64")),
        DetailType::Number => (format!("{seed}.5_f64"), format!("{seed}.5_f64")),
        DetailType::Boolean => {
            let value = seed.is_multiple_of(2);
            (value.to_string(), value.to_string())
        }
        DetailType::StringMap => (
            format!("std::collections::BTreeMap::from([(\"key\".to_string(), \"value {seed}\".to_string())])"),
            format!("serde_json::json!({{\"key\": \"value {seed}\"}})"),
        ),
        DetailType::StringList => (
            format!("vec![\"first {seed}\".to_string(), \"second\".to_string()]"),
            format!("serde_json::json!([\"first {seed}\", \"second\"])"),
        ),
    }
}

fn write_file(path: &Path, contents: &str) {
    std::fs::create_dir_all(path.parent().expect("has a parent")).expect("create folder");
    std::fs::write(path, contents).expect("write file");
}

/// Runs cargo in `dir` with a target folder kept between runs (so only the
/// generated crates rebuild), and fails with its output if it fails.
fn cargo(dir: &Path, args: &[&str], bodies: &Path) {
    let target = catalog_tests::workspace_root().join("target/generated-crates");
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let output = Command::new(cargo)
        .args(args)
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target)
        .env("RUSTFLAGS", "-D warnings")
        .env("RUSTDOCFLAGS", "-D warnings")
        .env("BODIES_DIR", bodies)
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
