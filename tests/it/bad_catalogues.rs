//! Every broken catalogue under `bad/` fails with located, readable
//! diagnostics (snapshotted), a non-zero exit, and no file changed. Every
//! catalogue under `warn/` generates with its warnings printed (exit 0), and
//! fails with `--deny-warnings` without writing anything.

use std::path::{Path, PathBuf};

use xtask::Outcome;

#[test]
fn every_bad_catalogue_is_refused_with_located_diagnostics() {
    let root = catalog_tests::workspace_root();
    let cases = cases(&root.join("tests/bad"));
    assert!(cases.len() >= 25, "the bad-catalogue corpus shrank");

    // Each case runs against a copy of a real generated package, which must
    // come out untouched.
    let out = tempfile::tempdir().expect("temporary folder");
    catalog_tests::copy_tree(&root.join("generated"), out.path());
    let before = catalog_tests::snapshot_tree(out.path());

    catalog_tests::check_each(cases, |name, case| {
        let outcome = run_gen(&case, out.path(), &[]);
        assert_eq!(outcome.code, 1, "{name} should fail:\n{}", outcome.stderr);
        assert!(!outcome.stderr.contains("panicked"), "{name}: {}", outcome.stderr);
        assert!(
            outcome.stderr.contains("bad/") && outcome.stderr.contains(".yaml"),
            "{name}: diagnostics must name the file:\n{}",
            outcome.stderr
        );
        insta::assert_snapshot!(name.to_string(), outcome.stderr);
        assert_eq!(catalog_tests::snapshot_tree(out.path()), before, "{name} changed the output");
    });
}

#[test]
fn warnings_never_block_unless_denied() {
    let root = catalog_tests::workspace_root();
    let cases = cases(&root.join("tests/warn"));
    assert!(cases.len() >= 5, "the warning corpus shrank");
    catalog_tests::check_each(cases, |name, case| {
        let out = tempfile::tempdir().expect("temporary folder");
        let package = out.path().join("package");
        let outcome = run_gen(&case, &package, &[]);
        assert_eq!(outcome.code, 0, "{name} should generate:\n{}", outcome.stderr);
        assert!(package.join("src/lib.rs").is_file(), "{name}: nothing written");
        insta::assert_snapshot!(
            format!("warn_{name}"),
            outcome.stderr.replace(&out.path().display().to_string(), "OUT")
        );
        let warned = outcome.stderr.contains("warning:");
        assert_eq!(warned, name != "allowed", "{name}: {}", outcome.stderr);

        // Denied: the same warnings as errors, and nothing written at all.
        let denied = out.path().join("denied");
        let outcome = run_gen(&case, &denied, &["--deny-warnings"]);
        if warned {
            assert_eq!(outcome.code, 1, "{name} should fail with --deny-warnings:\n{}", outcome.stderr);
            assert!(outcome.stderr.contains("--deny-warnings"), "{name}: {}", outcome.stderr);
            assert!(!denied.exists(), "{name}: a denied run created {}", denied.display());
        } else {
            assert_eq!(outcome.code, 0, "{name}: {}", outcome.stderr);
        }
    });
}

#[test]
fn a_code_defined_in_two_files_names_both_places() {
    let failure = codegen::generate(Path::new("bad/duplicate_code_across_files")).expect_err("duplicate code");
    let summary = failure.summary();
    let errors = failure.diagnostics.iter().filter(|diagnostic| diagnostic.is_error()).count();
    assert_eq!(errors, 1, "{summary:?}");
    let rendered = failure.render();
    assert!(rendered.contains("bad/duplicate_code_across_files/errors/legacy.yaml:3:3"), "{rendered}");
    assert!(rendered.contains("bad/duplicate_code_across_files/errors/calls.yaml:2:3"), "{rendered}");
}

#[test]
fn all_problems_are_reported_not_only_the_first() {
    let failure = codegen::generate(Path::new("bad/invalid_names.yaml")).expect_err("invalid names");
    let errors = failure.diagnostics.iter().filter(|diagnostic| diagnostic.is_error()).count();
    assert_eq!(errors, 8, "{}", failure.render());
}

/// A catalogue folder with a link back to itself is refused once, naming
/// the link, instead of being read through `again/again/again/...`.
#[test]
fn a_symlink_loop_in_a_catalogue_folder_is_refused_once() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let catalog = dir.path().join("catalog");
    catalog_tests::copy_tree(&catalog_tests::workspace_root().join("catalog"), &catalog);
    std::os::unix::fs::symlink("..", catalog.join("errors/again")).expect("make the link");
    let out = dir.path().join("out");
    let outcome = run_gen(&catalog, &out, &[]);
    assert_eq!(outcome.code, 1, "{}", outcome.stderr);
    assert_eq!(outcome.stderr.matches("error:").count(), 2, "one problem and the summary:\n{}", outcome.stderr);
    assert!(outcome.stderr.contains("errors/again"), "names the link:\n{}", outcome.stderr);
    assert!(outcome.stderr.contains("symbolic link"), "{}", outcome.stderr);
    assert!(!out.exists());

    // A link to a folder outside the catalogue is read, once.
    std::fs::remove_file(catalog.join("errors/again")).expect("remove the link");
    let elsewhere = dir.path().join("elsewhere");
    std::fs::create_dir(&elsewhere).expect("folder");
    std::fs::rename(catalog.join("errors/calls.yaml"), elsewhere.join("calls.yaml")).expect("move a file");
    std::os::unix::fs::symlink(&elsewhere, catalog.join("errors/linked")).expect("make the link");
    let outcome = run_gen(&catalog, &out, &[]);
    assert_eq!(outcome.code, 0, "{}", outcome.stderr);
}

/// `gen` of a catalogue outside the project writes only into `--out`: no
/// lock beside the catalogue unless `--lock` names one, and the lock is
/// written only once every generated file was.
#[test]
fn an_out_of_tree_catalogue_leaves_no_lock_behind() {
    let root = catalog_tests::workspace_root();
    let dir = tempfile::tempdir().expect("temporary folder");
    let catalog = dir.path().join("catalog.yaml");
    std::fs::copy(root.join("tests/fixtures/tiny/catalog.yaml"), &catalog).expect("copy");
    let out = dir.path().join("out");
    assert_eq!(run_gen(&catalog, &out, &[]).code, 0);
    assert!(!dir.path().join("catalog.lock").exists(), "a lock was written beside the catalogue");

    let lock = dir.path().join("release.lock");
    let outcome = run_gen(&catalog, &out, &["--lock", &lock.display().to_string()]);
    assert_eq!(outcome.code, 0, "{}", outcome.stderr);
    assert!(lock.is_file(), "--lock names where the lock goes");
    assert_eq!(run_gen(&catalog, &out, &["--check", "--lock", &lock.display().to_string()]).code, 0);

    // A run that cannot write its package leaves no lock either.
    let lock = dir.path().join("never.lock");
    let blocked = dir.path().join("file-not-folder");
    std::fs::write(&blocked, "").expect("write");
    let outcome = run_gen(&catalog, &blocked.join("out"), &["--lock", &lock.display().to_string()]);
    assert_eq!(outcome.code, 1, "{}", outcome.stderr);
    assert!(!lock.exists(), "the lock was written although the package was not");
}

/// A failed write leaves no folder behind: names are checked before, but
/// the file system can still refuse (here: a file where a folder must go).
#[test]
fn a_failed_write_leaves_no_new_folder() {
    let root = catalog_tests::workspace_root();
    let dir = tempfile::tempdir().expect("temporary folder");
    let out = dir.path().join("out");
    std::fs::create_dir_all(out.join("schema")).expect("folder");
    std::fs::write(out.join("schema/examples"), "not a folder").expect("write");
    let outcome = run_gen(&root.join("tests/fixtures/tiny/catalog.yaml"), &out, &[]);
    assert_eq!(outcome.code, 1, "{}", outcome.stderr);
    let left: Vec<_> = catalog_tests::snapshot_tree(&out).into_iter().map(|(path, _)| path).collect();
    assert_eq!(left, [PathBuf::from("schema/examples")], "only what was there before");
    assert!(!out.join("src").exists() && !out.join("docs").exists(), "folders were left behind");
}

fn cases(folder: &Path) -> Vec<(String, PathBuf)> {
    let mut cases: Vec<_> = std::fs::read_dir(folder)
        .expect("case folder")
        .flatten()
        .map(|entry| entry.path())
        .map(|path| (path.file_stem().expect("named").to_string_lossy().into_owned(), path))
        .collect();
    cases.sort();
    cases
}

fn run_gen(catalog: &Path, out: &Path, extra: &[&str]) -> Outcome {
    let mut args = vec!["gen".into(), "--catalog".into(), relative(catalog), "--out".into(), out.display().to_string()];
    args.extend(extra.iter().map(|arg| arg.to_string()));
    xtask::run(&args)
}

/// Paths as a user types them (relative to the working folder, which cargo
/// sets to this package), so the snapshots do not depend on the checkout path.
fn relative(path: &Path) -> String {
    let cwd = std::env::current_dir().expect("working folder");
    path.strip_prefix(&cwd).unwrap_or(path).display().to_string()
}

/// A catalogue large enough to be checked on several threads reports the
/// same problems, in catalogue order, as one checked on one: problems early,
/// in the middle and late in the code list, each with its place.
#[test]
fn problems_of_a_large_catalogue_come_in_catalogue_order() {
    let mut yaml = String::from(
        "service: { name: Large, crate: large-errors }\nenvelope: { wrapper: error, fields: [code, message] }\nerrors:\n",
    );
    let broken = [3, 1499, 1500, 2998];
    for index in 0..3000 {
        let status = if broken.contains(&index) { 99 } else { 400 };
        let replaced = if index == 2999 { ", deprecated: { replaced_by: no_such_code }" } else { "" };
        yaml.push_str(&format!("  code_{index}: {{ status: {status}, message: Message {index}{replaced} }}\n"));
    }
    let failure = codegen::check_catalog_in_memory(vec![("large.yaml".into(), yaml.into_bytes())], Default::default())
        .expect_err("the catalogue has problems");
    let lines: Vec<u32> = failure.diagnostics.iter().map(|diagnostic| diagnostic.labels[0].span.line).collect();
    // `errors:` is line 3; code N is on line N + 4.
    assert_eq!(lines, [7, 1503, 1504, 3002, 3003], "{}", failure.render());
}
