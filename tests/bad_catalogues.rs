//! Every broken catalogue under `bad/` fails with located, readable
//! diagnostics (snapshotted), a non-zero exit, and no file changed.

use std::path::Path;

#[test]
fn every_bad_catalogue_is_refused_with_located_diagnostics() {
    let root = catalog_tests::workspace_root();
    let bad = root.join("tests/bad");
    let mut cases: Vec<_> = std::fs::read_dir(&bad).expect("tests/bad").flatten().map(|entry| entry.path()).collect();
    cases.sort();
    assert!(cases.len() >= 15, "the bad-catalogue corpus shrank");

    // Each case runs against a copy of a real generated package, which must
    // come out untouched.
    let out = tempfile::tempdir().expect("temporary folder");
    catalog_tests::copy_tree(&root.join("generated"), out.path());
    let before = catalog_tests::snapshot_tree(out.path());

    for case in cases {
        let name = case.file_stem().expect("named").to_string_lossy().into_owned();
        let outcome = xtask::run(&[
            "gen".into(),
            "--catalog".into(),
            relative(&case),
            "--out".into(),
            out.path().display().to_string(),
        ]);
        assert_eq!(outcome.code, 1, "{name} should fail:\n{}", outcome.stderr);
        assert!(!outcome.stderr.contains("panicked"), "{name}: {}", outcome.stderr);
        assert!(
            outcome.stderr.contains("bad/") && outcome.stderr.contains(".yaml"),
            "{name}: diagnostics must name the file:\n{}",
            outcome.stderr
        );
        insta::assert_snapshot!(name.clone(), outcome.stderr);
        assert_eq!(catalog_tests::snapshot_tree(out.path()), before, "{name} changed the output");
    }
}

#[test]
fn a_code_defined_in_two_files_names_both_places() {
    let failure = codegen::generate(Path::new("bad/duplicate_code_across_files")).expect_err("duplicate code");
    let summary = failure.summary();
    assert_eq!(summary.len(), 1, "{summary:?}");
    let rendered = failure.render();
    assert!(rendered.contains("bad/duplicate_code_across_files/errors/legacy.yaml:3:3"), "{rendered}");
    assert!(rendered.contains("bad/duplicate_code_across_files/errors/calls.yaml:2:3"), "{rendered}");
}

#[test]
fn all_problems_are_reported_not_only_the_first() {
    let failure = codegen::generate(Path::new("bad/invalid_names.yaml")).expect_err("invalid names");
    assert_eq!(failure.diagnostics.len(), 8, "{}", failure.render());
}

/// Paths as a user types them (relative to the working folder, which cargo
/// sets to this package), so the snapshots do not depend on the checkout path.
fn relative(path: &Path) -> String {
    let cwd = std::env::current_dir().expect("working folder");
    path.strip_prefix(&cwd).unwrap_or(path).display().to_string()
}
