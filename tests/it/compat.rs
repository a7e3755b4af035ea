//! Never break a client silently: every change to a released code is checked
//! against `catalog.lock`, and refused unless the catalogue records it.

use std::path::Path;

/// A scratch copy of the shipped catalogue (with its lock) and of the
/// generated package, so a test can change them freely.
struct Scratch {
    _dir: tempfile::TempDir,
    catalog: std::path::PathBuf,
    out: std::path::PathBuf,
}

impl Scratch {
    fn new() -> Scratch {
        let root = catalog_tests::workspace_root();
        let dir = tempfile::tempdir().expect("temporary folder");
        let catalog = dir.path().join("catalog");
        let out = dir.path().join("generated");
        catalog_tests::copy_tree(&root.join("catalog"), &catalog);
        catalog_tests::copy_tree(&root.join("generated"), &out);
        Scratch { _dir: dir, catalog, out }
    }

    fn edit(&self, file: &str, edit: impl FnOnce(String) -> String) {
        let path = self.catalog.join(file);
        let text = std::fs::read_to_string(&path).expect("read catalogue file");
        let edited = edit(text.clone());
        assert_ne!(edited, text, "the edit changed nothing");
        std::fs::write(path, edited).expect("write catalogue file");
    }

    fn generate(&self, check: bool) -> xtask::Outcome {
        let mut args = vec![
            "gen".to_string(),
            "--catalog".into(),
            self.catalog.display().to_string(),
            "--out".into(),
            self.out.display().to_string(),
            // The scratch catalogue is not the project's: its lock is
            // written only when named.
            "--lock".into(),
            self.catalog.join("catalog.lock").display().to_string(),
        ];
        if check {
            args.push("--check".into());
        }
        xtask::run(&args)
    }

    fn lock(&self) -> String {
        std::fs::read_to_string(self.catalog.join("catalog.lock")).expect("lock")
    }

    fn files(&self) -> Vec<(std::path::PathBuf, Vec<u8>)> {
        let mut files = catalog_tests::snapshot_tree(&self.out);
        files.extend(catalog_tests::snapshot_tree(&self.catalog));
        files
    }
}

/// Removes the `call_not_found:` block from calls.yaml.
fn without_call_not_found(text: String) -> String {
    let mut out = String::new();
    let mut skipping = false;
    for line in text.lines() {
        if line == "  call_not_found:" {
            skipping = true;
            continue;
        }
        if skipping && (line.starts_with("    ") || line.trim().is_empty()) {
            continue;
        }
        skipping = false;
        out.push_str(line);
        out.push('\n');
    }
    out
}

fn append(text: String, more: &str) -> String {
    format!("{text}{more}")
}

#[test]
fn the_shipped_catalogue_matches_its_lock() {
    let scratch = Scratch::new();
    let outcome = scratch.generate(true);
    assert_eq!(outcome.code, 0, "{}", outcome.stderr);
    assert!(scratch.lock().contains("\ncall_not_found 404 not_found\n"));
}

#[test]
fn deleting_a_code_fails_with_the_rule_and_writes_nothing() {
    let scratch = Scratch::new();
    scratch.edit("errors/calls.yaml", without_call_not_found);
    let before = scratch.files();
    for check in [true, false] {
        let outcome = scratch.generate(check);
        assert_eq!(outcome.code, 1, "{}", outcome.stderr);
        assert!(
            outcome.stderr.contains("code `call_not_found` was released and is no longer in the catalogue"),
            "{}",
            outcome.stderr
        );
        assert!(outcome.stderr.contains("rule: released codes are never removed"), "{}", outcome.stderr);
        assert!(outcome.stderr.contains("catalog.lock:"), "names the lock line: {}", outcome.stderr);
        assert_eq!(scratch.files(), before, "nothing written");
    }
}

#[test]
fn renaming_with_an_alias_is_allowed() {
    let scratch = Scratch::new();
    scratch.edit("errors/calls.yaml", |text| {
        append(
            without_call_not_found(text),
            "  call_missing:\n    type: not_found\n    group: calls\n    message: Call not found\n    aliases: [call_not_found]\n",
        )
    });
    let outcome = scratch.generate(false);
    assert_eq!(outcome.code, 0, "{}", outcome.stderr);
    assert!(scratch.lock().contains("\ncall_not_found alias call_missing\n"), "{}", scratch.lock());
    // The alias is now released too: dropping it is a break.
    scratch.edit("errors/calls.yaml", |text| text.replace("    aliases: [call_not_found]\n", ""));
    let outcome = scratch.generate(false);
    assert_eq!(outcome.code, 1);
    assert!(outcome.stderr.contains("alias `call_not_found` of `call_missing` was released"), "{}", outcome.stderr);
}

#[test]
fn changing_a_status_or_type_fails_unless_recorded() {
    let scratch = Scratch::new();
    scratch.edit("errors/calls.yaml", |text| text.replacen("    status: 404\n", "    status: 410\n", 1));
    scratch.edit("errors/calls.yaml", |text| {
        text.replacen("  call_not_found:\n    type: not_found\n", "  call_not_found:\n    type: conflict\n", 1)
    });
    let outcome = scratch.generate(true);
    assert_eq!(outcome.code, 1);
    assert!(outcome.stderr.contains("was released with status 404 and now has status 410"), "{}", outcome.stderr);
    assert!(
        outcome.stderr.contains("was released with type not_found and now has type conflict"),
        "{}",
        outcome.stderr
    );

    // Recorded in the catalogue with a reason: accepted, and the lock moves on.
    scratch.edit("service.yaml", |text| {
        append(
            text,
            "breaking_changes:\n  - { code: call_not_found, change: status, reason: Ended calls are gone for good }\n  - { code: call_not_found, change: type, reason: Routed with conflicts now }\n",
        )
    });
    let outcome = scratch.generate(false);
    assert_eq!(outcome.code, 0, "{}", outcome.stderr);
    assert!(scratch.lock().contains("\ncall_not_found 410 conflict\n"), "{}", scratch.lock());
}

#[test]
fn a_recorded_removal_is_remembered_and_the_name_not_reused() {
    let scratch = Scratch::new();
    scratch.edit("errors/calls.yaml", without_call_not_found);
    scratch.edit("service.yaml", |text| {
        append(text, "breaking_changes:\n  - { code: call_not_found, change: removed, reason: Calls API v1 retired }\n")
    });
    let outcome = scratch.generate(false);
    assert_eq!(outcome.code, 0, "{}", outcome.stderr);
    assert!(scratch.lock().contains("\ncall_not_found 404 not_found removed\n"), "{}", scratch.lock());

    // Bringing the name back with another meaning is caught.
    scratch.edit("errors/calls.yaml", |text| {
        append(
            text,
            "  call_not_found:\n    type: conflict\n    group: calls\n    status: 409\n    message: Call busy\n",
        )
    });
    let outcome = scratch.generate(false);
    assert_eq!(outcome.code, 1);
    assert!(outcome.stderr.contains("reusing it with status 409 gives it another meaning"), "{}", outcome.stderr);
}

#[test]
fn a_broken_lock_is_a_located_error() {
    let scratch = Scratch::new();
    let lock = scratch.catalog.join("catalog.lock");
    let text = std::fs::read_to_string(&lock).unwrap();
    std::fs::write(&lock, format!("{text}garbage line here with too many words\n")).unwrap();
    let outcome = scratch.generate(true);
    assert_eq!(outcome.code, 1);
    assert!(outcome.stderr.contains("unreadable line in the lock"), "{}", outcome.stderr);
    assert!(Path::new(&lock).exists());
}

#[test]
fn a_lock_beside_another_catalogue_is_enforced_but_not_written() {
    let scratch = Scratch::new();
    scratch.edit("errors/calls.yaml", |text| {
        append(text, "  call_parked:\n    type: not_found\n    group: calls\n    message: Call parked\n")
    });
    let lock = scratch.lock();
    let mut args = vec!["gen".to_string(), "--catalog".into(), scratch.catalog.display().to_string()];
    args.extend(["--out".into(), scratch.out.display().to_string()]);
    let outcome = xtask::run(&args);
    assert_eq!(outcome.code, 0, "{}", outcome.stderr);
    assert_eq!(scratch.lock(), lock, "the lock beside an out-of-tree catalogue was written");
    assert!(outcome.stderr.contains("was checked but not updated; pass `--lock"), "{}", outcome.stderr);

    // Its rules still hold: removing a released code is refused.
    scratch.edit("errors/calls.yaml", without_call_not_found);
    let outcome = xtask::run(&args);
    assert_eq!(outcome.code, 1, "{}", outcome.stderr);
    assert!(outcome.stderr.contains("call_not_found"), "{}", outcome.stderr);
}
