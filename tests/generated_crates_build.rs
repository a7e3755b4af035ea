//! The generated package of every pinned catalogue, written outside this
//! workspace, builds on its own with warnings denied, and its doctests pass.
//! This is what a team that depends on the crate gets.

use std::path::Path;
use std::process::Command;

use codegen::write::{Mode, ensure_package};

#[test]
fn generated_packages_build_standalone_without_warnings() {
    let packages = tempfile::tempdir().expect("temporary folder");
    let mut members = Vec::new();
    for (name, catalog) in catalog_tests::catalogues() {
        let files = catalog_tests::generate(&catalog);
        ensure_package(&packages.path().join(name), &files, Mode::Write).expect("write package");
        members.push(format!("{name:?}"));
    }
    // One throwaway workspace so the packages share one build of serde.
    let manifest = format!("[workspace]\nresolver = \"2\"\nmembers = [{}]\n", members.join(", "));
    std::fs::write(packages.path().join("Cargo.toml"), manifest).expect("write workspace");

    cargo(packages.path(), &["test", "--workspace", "--quiet"]);
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
