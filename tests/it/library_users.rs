//! The generator as a library, used the way another repository would
//! (`tests/library_users/`): a crate whose `build.rs` writes the error module
//! with `codegen::Builder`, and an xtask that writes the whole package. Each
//! is copied to a temporary folder, its `codegen` dependency pointed at this
//! checkout, and built with warnings denied.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The build-script crate builds warning-free (edition 2024, strict lints,
/// the module included twice, once in a private unused module), passes its
/// tests, regenerates when its catalogue changes and only then, and fails
/// with the located diagnostic when the catalogue is wrong.
#[test]
fn a_build_script_generates_the_module_and_regenerates_on_change() {
    let work = tempfile::tempdir().expect("temporary folder");
    let dir = copy_user("build_rs", work.path());
    cargo(&dir, &["test", "--quiet"]).success();
    let first = cargo(&dir, &["run", "--quiet"]).success();
    let listed = String::from_utf8_lossy(&first.stdout).into_owned();
    // Declared by release, then by name (`ErrorCode::ALL`).
    assert!(listed.starts_with("call_not_found 404\ninvalid_phone_number 400\nrate_limit_exceeded 429\n"), "{listed}");

    // Nothing changed: the build script does not run again.
    let again = cargo(&dir, &["build", "-v"]).success();
    let log = String::from_utf8_lossy(&again.stderr);
    assert!(!log.contains("build-script-build`"), "the build script ran again with nothing changed:\n{log}");

    // A new code in the catalogue: the next build regenerates the module.
    let catalogue = dir.join("catalog/errors.yaml");
    let mut yaml = std::fs::read_to_string(&catalogue).expect("read catalogue");
    yaml.push_str(
        "  carrier_unavailable:\n    type: rate_limit_error\n    status: 503\n    message: The carrier is down\n",
    );
    std::fs::write(&catalogue, yaml).expect("edit catalogue");
    let second = cargo(&dir, &["run", "--quiet"]).success();
    let listed = String::from_utf8_lossy(&second.stdout);
    assert!(listed.contains("\ncarrier_unavailable 503\n"), "the module was not regenerated:\n{listed}");

    // A broken catalogue fails the build with the located diagnostic.
    let yaml = std::fs::read_to_string(&catalogue).expect("read catalogue");
    std::fs::write(&catalogue, yaml.replace("status: 503", "status: \"soon\"")).expect("break catalogue");
    let failed = cargo(&dir, &["build"]);
    assert!(!failed.output.status.success(), "a broken catalogue built");
    let log = String::from_utf8_lossy(&failed.output.stderr);
    assert!(log.contains("catalog/errors.yaml:") && log.contains("nothing was written"), "{log}");
}

/// Another workspace's xtask writes the same package `cargo xtask gen`
/// would, checks it, and refuses a broken catalogue with the same
/// diagnostics, writing nothing.
#[test]
fn an_xtask_writes_and_checks_the_package() {
    let work = tempfile::tempdir().expect("temporary folder");
    let dir = copy_user("xtask", work.path());
    cargo(&dir, &["run", "--quiet"]).success();
    let expected = catalog_tests::generate(&dir.join("catalog"));
    for file in &expected {
        let written = std::fs::read_to_string(dir.join("errors").join(&file.path)).expect("generated file");
        assert!(written == file.contents, "{} differs from what `cargo xtask gen` writes", file.path);
    }
    assert!(dir.join("catalog/catalog.lock").is_file(), "the lock was not written");
    cargo(&dir, &["run", "--quiet", "--", "--check"]).success();

    // An edit makes the package stale; the check names it.
    let catalogue = dir.join("catalog/errors.yaml");
    let yaml = std::fs::read_to_string(&catalogue).expect("read catalogue");
    std::fs::write(&catalogue, yaml.replace("was declined by the issuer", "was declined")).expect("edit");
    let stale = cargo(&dir, &["run", "--quiet", "--", "--check"]);
    let log = String::from_utf8_lossy(&stale.output.stderr);
    assert!(!stale.output.status.success() && log.contains("out of date"), "{log}");

    // A broken catalogue: located diagnostics, exit 1, nothing written.
    let before = catalog_tests::snapshot_tree(&dir.join("errors"));
    std::fs::write(&catalogue, yaml.replace("status: 404", "status: 4040")).expect("break catalogue");
    let failed = cargo(&dir, &["run", "--quiet"]);
    let log = String::from_utf8_lossy(&failed.output.stderr);
    assert!(!failed.output.status.success() && log.contains("catalog/errors.yaml:"), "{log}");
    assert!(catalog_tests::snapshot_tree(&dir.join("errors")) == before, "a failed run changed the package");
}

/// Copies `tests/library_users/<name>` into `work`, with its `codegen`
/// dependency pointing at this checkout and this workspace's lock file (the
/// same dependency versions, nothing new to download).
fn copy_user(name: &str, work: &Path) -> PathBuf {
    let root = catalog_tests::workspace_root();
    let dir = work.join(name);
    catalog_tests::copy_tree(&root.join("tests/library_users").join(name), &dir);
    let manifest = dir.join("Cargo.toml");
    let text = std::fs::read_to_string(&manifest).expect("read manifest");
    let codegen = format!("path = {:?}", root.join("codegen").display().to_string());
    assert!(text.contains("path = \"../../../codegen\""), "{name}: the manifest names codegen by its path");
    std::fs::write(&manifest, text.replace("path = \"../../../codegen\"", &codegen)).expect("write manifest");
    std::fs::copy(root.join("Cargo.lock"), dir.join("Cargo.lock")).expect("copy Cargo.lock");
    dir
}

struct Run {
    args: String,
    output: Output,
}

impl Run {
    /// The output, or a failure with everything cargo printed.
    fn success(self) -> Output {
        assert!(
            self.output.status.success(),
            "cargo {} failed:\n{}\n{}",
            self.args,
            String::from_utf8_lossy(&self.output.stdout),
            String::from_utf8_lossy(&self.output.stderr)
        );
        self.output
    }
}

/// Runs cargo in `dir` with warnings denied and a target folder kept between
/// runs, so the generator is compiled once.
fn cargo(dir: &Path, args: &[&str]) -> Run {
    let target = catalog_tests::workspace_root().join("target/library-users");
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let output = Command::new(cargo)
        .args(args)
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target)
        .env("RUSTFLAGS", "-D warnings")
        .env_remove("CARGO_MANIFEST_DIR")
        .output()
        .expect("run cargo");
    Run { args: args.join(" "), output }
}

/// For every pinned catalogue, the module is items only (no crate-level
/// attribute, which `include!` refuses), reads no file, names no crate path
/// or feature, and leaves the integrations out unless asked.
#[test]
fn the_module_of_every_catalogue_is_self_contained() {
    catalog_tests::each_catalogue(catalog_tests::all_catalogues(), |name, path| {
        let catalog = codegen::load_catalog(&path).unwrap_or_else(|failure| panic!("{}", failure.render()));
        let plain = codegen::emit::rust_module(&catalog, codegen::emit::Integrations::default());
        let file = syn::parse_file(&plain).unwrap_or_else(|error| panic!("{name}: not Rust: {error}"));
        assert!(file.attrs.is_empty() && file.shebang.is_none(), "{name}: crate-level attributes");
        for forbidden in
            ["crate::", "include_str!", "include_bytes!", "cfg(feature", "http::", "axum_core::", "#[cfg(test)]"]
        {
            assert!(!plain.contains(forbidden), "{name}: the module contains `{forbidden}`");
        }
        let everything = codegen::emit::Integrations { http: true, axum: true, tonic: false };
        let full = codegen::emit::rust_module(&catalog, everything);
        assert!(full.contains("http::StatusCode") && full.contains("axum_core::response"), "{name}");
        assert!(!full.contains("cfg(feature"), "{name}");
    });
}

/// The builder in process: it refuses to run without an output, never
/// replaces a file it did not write, creates the module's folder, reports a
/// stale module in check mode, and writes nothing when the catalogue is wrong.
#[test]
fn the_builder_guards_its_outputs() {
    let work = tempfile::tempdir().expect("temporary folder");
    let catalogue = catalog_tests::workspace_root().join("tests/library_users/build_rs/catalog");
    let no_output = codegen::Builder::new(&catalogue).cargo_instructions(false).run();
    assert!(matches!(no_output, Err(codegen::Error::NoOutput)), "{no_output:?}");

    let module = work.path().join("nested/out/errors.rs");
    let built = codegen::Builder::new(&catalogue).rust_module(&module).cargo_instructions(false).run();
    assert_eq!(built.expect("builds").written, vec![module.clone()]);
    let again = codegen::Builder::new(&catalogue).rust_module(&module).cargo_instructions(false).run();
    assert!(again.expect("builds").written.is_empty(), "an unchanged module was written again");
    let checked = codegen::Builder::new(&catalogue).rust_module(&module).check(true).cargo_instructions(false).run();
    assert!(checked.is_ok(), "{checked:?}");

    std::fs::write(&module, "// @generated\nstale\n").expect("make stale");
    let stale = codegen::Builder::new(&catalogue).rust_module(&module).check(true).cargo_instructions(false).run();
    assert!(matches!(stale, Err(codegen::Error::Write(codegen::write::WriteError::Stale { .. }))), "{stale:?}");

    let hand_written = work.path().join("errors.rs");
    std::fs::write(&hand_written, "pub enum Mine {}\n").expect("write a hand-written file");
    let refused = codegen::Builder::new(&catalogue).rust_module(&hand_written).cargo_instructions(false).run();
    let message = refused.expect_err("a hand-written file was replaced").to_string();
    assert!(message.contains("not generated"), "{message}");
    assert_eq!(std::fs::read_to_string(&hand_written).expect("read"), "pub enum Mine {}\n");

    let broken = work.path().join("broken.yaml");
    std::fs::write(&broken, "service: { name: X, crate: x-errors }\nerrors:\n  bad code: { status: 404 }\n")
        .expect("write a broken catalogue");
    let target = work.path().join("never/errors.rs");
    let failed = codegen::Builder::new(&broken).rust_module(&target).cargo_instructions(false).run();
    let message = failed.expect_err("a broken catalogue built").to_string();
    assert!(message.contains("broken.yaml:3:") && message.contains("nothing was written"), "{message}");
    assert!(!work.path().join("never").exists(), "a failed run created the module's folder");
}
