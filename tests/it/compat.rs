//! Never break a client silently: every change to what was released is
//! checked against `catalog.lock`. Each rule is tried on a catalogue with the
//! general envelope (`tests/compat/parcel.yaml`: integer wire codes, a
//! wrapper, inline details) and on the shipped catalogue (the short form):
//! refused with nothing written, naming the rule, the catalogue line and the
//! lock line; then recorded under `breaking_changes:` with a new major
//! version, accepted, and listed in the changelog. Compatible changes pass.

use std::path::{Path, PathBuf};

/// A released catalogue in a scratch folder: `catalog/` (with its lock,
/// written by a first run) and the generated package in `out/`.
struct Scratch {
    _dir: tempfile::TempDir,
    catalog: PathBuf,
    out: PathBuf,
}

impl Scratch {
    /// The shipped catalogue, its lock and its package.
    fn shipped() -> Scratch {
        let root = catalog_tests::workspace_root();
        let scratch = Scratch::empty();
        catalog_tests::copy_tree(&root.join("catalog"), &scratch.catalog);
        catalog_tests::copy_tree(&root.join("generated"), &scratch.out);
        scratch
    }

    /// The general-envelope catalogue, released as 1.0.0.
    fn parcel() -> Scratch {
        let scratch = Scratch::empty();
        let text = std::fs::read_to_string(catalog_tests::workspace_root().join("tests/compat/parcel.yaml")).unwrap();
        std::fs::create_dir_all(&scratch.catalog).unwrap();
        std::fs::write(scratch.catalog.join("catalog.yaml"), text).unwrap();
        scratch.release();
        scratch
    }

    fn empty() -> Scratch {
        let dir = tempfile::tempdir().expect("temporary folder");
        let (catalog, out) = (dir.path().join("catalog"), dir.path().join("out"));
        Scratch { _dir: dir, catalog, out }
    }

    /// The first file of the catalogue that holds `text`.
    fn file_with(&self, text: &str) -> PathBuf {
        let mut files = Vec::new();
        for (relative, bytes) in catalog_tests::snapshot_tree(&self.catalog) {
            if relative.extension().is_some_and(|ext| ext == "yaml") && String::from_utf8_lossy(&bytes).contains(text) {
                files.push(self.catalog.join(relative));
            }
        }
        files.sort();
        files.into_iter().next().unwrap_or_else(|| panic!("no catalogue file holds {text:?}"))
    }

    /// Replaces the first `from` in the catalogue with `to`.
    fn edit(&self, from: &str, to: &str) {
        let path = self.file_with(from);
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
    }

    fn append(&self, file: &str, more: &str) {
        let path = self.catalog.join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::write(&path, format!("{text}{more}")).unwrap();
    }

    /// Sets `service.version` (in the catalogue's first form: the parcel
    /// catalogue writes it inline, the shipped one gets a line).
    fn set_version(&self, version: &str) {
        let path = self.file_with("service:");
        let text = std::fs::read_to_string(&path).unwrap();
        let text = match text.find("version: ") {
            Some(at) => {
                let end = text[at..].find([',', '\n', '}']).map_or(text.len(), |end| at + end);
                format!("{}version: {version}{}", &text[..at], &text[end..])
            }
            None => {
                text.replacen("  crate: flireo-errors\n", &format!("  crate: flireo-errors\n  version: {version}\n"), 1)
            }
        };
        std::fs::write(&path, text).unwrap();
    }

    fn generate(&self) -> xtask::Outcome {
        let catalog = self.catalog.display().to_string();
        let out = self.out.display().to_string();
        let lock = self.lock_path().display().to_string();
        xtask::run(&["gen".into(), "--catalog".into(), catalog, "--out".into(), out, "--lock".into(), lock])
    }

    /// Generates, which must succeed.
    fn release(&self) {
        let outcome = self.generate();
        assert_eq!(outcome.code, 0, "{}", outcome.stderr);
    }

    fn lock_path(&self) -> PathBuf {
        self.catalog.join("catalog.lock")
    }

    fn lock(&self) -> String {
        std::fs::read_to_string(self.lock_path()).expect("lock")
    }

    fn changelog(&self) -> String {
        std::fs::read_to_string(self.out.join("docs/changelog.md")).expect("changelog")
    }

    fn files(&self) -> Vec<(PathBuf, Vec<u8>)> {
        let mut files = catalog_tests::snapshot_tree(&self.out);
        files.extend(catalog_tests::snapshot_tree(&self.catalog));
        files
    }
}

/// Nothing written: the files are as they were.
fn assert_unchanged(before: &[(PathBuf, Vec<u8>)], after: &[(PathBuf, Vec<u8>)], what: &str) {
    let changed: Vec<String> = after
        .iter()
        .filter(|file| !before.contains(file))
        .chain(before.iter().filter(|file| !after.contains(file)))
        .map(|(path, _)| path.display().to_string())
        .collect();
    assert!(changed.is_empty(), "{what}: files were written: {changed:?}");
}

/// A breaking change: edits to the released catalogue, the rule that
/// refuses it, and the `breaking_changes:` entry that records it.
struct Break {
    rule: &'static str,
    edits: &'static [(&'static str, &'static str)],
    record: &'static str,
}

/// Refused with nothing written and both places named; recorded with a
/// reason, refused again until the version is a major release, then
/// accepted: the lock moves on and the changelog has the reason.
fn refused_then_recorded(scratch: &Scratch, case: &Break, catalogue_file: &str, major: &str) {
    for (from, to) in case.edits {
        scratch.edit(from, to);
    }
    let before = scratch.files();
    let outcome = scratch.generate();
    let rule = case.rule;
    assert_eq!(outcome.code, 1, "{rule}: {}", outcome.stderr);
    assert!(outcome.stderr.contains(&format!("(rule `{rule}`)")), "{rule}: {}", outcome.stderr);
    assert!(outcome.stderr.contains("catalog.lock:"), "{rule}: names the lock line: {}", outcome.stderr);
    // What is still in the catalogue is pointed at there too.
    let gone = rule == "type_removed" || (rule == "code_removed" && !outcome.stderr.contains("renamed to"));
    let in_catalogue = outcome.stderr.lines().any(|line| line.starts_with("error: ") && line.contains(".yaml:"));
    assert!(gone || in_catalogue, "{rule}: names the catalogue line: {}", outcome.stderr);
    assert!(
        outcome.stderr.contains(&format!("`breaking_changes: [{}", case.record.split(", reason").next().unwrap())),
        "{rule}: says how to record it: {}",
        outcome.stderr
    );
    assert_unchanged(&before, &scratch.files(), rule);

    let reason = format!("Recorded because of {}", rule.replace('_', " "));
    let record = case.record.replace("reason: ...", &format!("reason: {reason}"));
    scratch.append(catalogue_file, &format!("breaking_changes:\n  - {record}\n"));
    let before = scratch.files();
    let outcome = scratch.generate();
    assert_eq!(outcome.code, 1, "{rule}: recorded, but the version is not a major release: {}", outcome.stderr);
    assert!(outcome.stderr.contains("needs a major release"), "{rule}: {}", outcome.stderr);
    assert!(outcome.stderr.contains(&format!("set `version: {major}`")), "{rule}: {}", outcome.stderr);
    assert_unchanged(&before, &scratch.files(), rule);

    scratch.set_version(major);
    let outcome = scratch.generate();
    assert_eq!(outcome.code, 0, "{rule}: recorded with a major version: {}", outcome.stderr);
    assert!(scratch.lock().contains(&reason), "{rule}: the lock records the reason:\n{}", scratch.lock());
    let changelog = scratch.changelog();
    assert!(changelog.contains(&format!("## {major}")) && changelog.contains(&reason), "{rule}:\n{changelog}");
    let outcome = scratch.generate();
    assert_eq!(outcome.code, 0, "{rule}: the lock moved on: {}", outcome.stderr);
}

const PARCEL_BREAKS: &[Break] = &[
    Break {
        rule: "code_removed",
        edits: &[(
            "  too_many_requests:\n    type: rate_limited\n    status: 429\n    wire_code: 20429\n    message: Slow down\n    details:\n      retry_after: { type: integer }\n",
            "",
        )],
        record: "{ code: too_many_requests, change: removed, reason: ... }",
    },
    Break {
        rule: "code_removed",
        edits: &[
            ("  parcel_not_found:\n", "  parcel_missing:\n"),
            ("aliases: [parcel_unknown]", "aliases: [parcel_unknown, parcel_not_found]"),
        ],
        record: "{ code: parcel_not_found, change: removed, reason: ... }",
    },
    Break {
        rule: "alias_removed",
        edits: &[("    aliases: [parcel_unknown]\n", "")],
        record: "{ code: parcel_unknown, change: removed, reason: ... }",
    },
    Break {
        rule: "type_removed",
        edits: &[("  legacy: { status: 410 }\n", "")],
        record: "{ type: legacy, change: removed, reason: ... }",
    },
    Break {
        rule: "status_changed",
        edits: &[("    status: 404\n", "    status: 410\n")],
        record: "{ code: parcel_not_found, change: status, reason: ... }",
    },
    Break {
        rule: "grpc_status_changed",
        edits: &[("    status: 404\n", "    status: 404\n    grpc: FAILED_PRECONDITION\n")],
        record: "{ code: parcel_not_found, change: status, reason: ... }",
    },
    Break {
        rule: "type_changed",
        edits: &[("    type: rate_limited\n", "    type: not_found\n")],
        record: "{ code: too_many_requests, change: type, reason: ... }",
    },
    Break {
        rule: "wire_code_changed",
        edits: &[("wire_code: 20404", "wire_code: 20405")],
        record: "{ code: parcel_not_found, change: wire_code, reason: ... }",
    },
    Break {
        rule: "detail_removed",
        edits: &[("      carrier: { type: string }\n", "")],
        record: "{ code: parcel_not_found, detail: \"carrier\", change: removed, reason: ... }",
    },
    Break {
        rule: "detail_type_changed",
        edits: &[("      retry_after: { type: integer }", "      retry_after: { type: string }")],
        record: "{ code: too_many_requests, detail: \"retry_after\", change: type, reason: ... }",
    },
    Break {
        rule: "detail_required",
        edits: &[("      carrier: { type: string }", "      carrier: { type: string, required: true }")],
        record: "{ code: parcel_not_found, detail: \"carrier\", change: required, reason: ... }",
    },
    Break {
        rule: "detail_required",
        edits: &[(
            "      retry_after: { type: integer }",
            "      retry_after: { type: integer }\n      bucket: { type: string, required: true }",
        )],
        record: "{ code: too_many_requests, detail: \"bucket\", change: required, reason: ... }",
    },
    Break {
        rule: "envelope_member_removed",
        edits: &[("        more_info: doc_url\n", "")],
        record: "{ change: envelope, reason: ... }",
    },
    Break {
        rule: "envelope_member_removed",
        edits: &[("        message: message\n", "        msg: message\n")],
        record: "{ change: envelope, reason: ... }",
    },
    Break {
        rule: "envelope_member_removed",
        edits: &[("    error:\n      object:\n", "    problem:\n      object:\n")],
        record: "{ change: envelope, reason: ... }",
    },
    Break {
        rule: "envelope_member_changed",
        edits: &[("kind: { role: type, style: upper_snake }", "kind: { role: type, style: snake }")],
        record: "{ change: envelope, reason: ... }",
    },
    Break {
        rule: "envelope_member_removed",
        edits: &[("extras: { role: details, inline: true }", "extras: { role: details }")],
        record: "{ change: envelope, reason: ... }",
    },
    Break {
        rule: "media_type_changed",
        edits: &[("media_type: application/vnd.parcel.error+json", "media_type: application/problem+json")],
        record: "{ change: media_type, reason: ... }",
    },
];

#[test]
fn every_break_of_the_general_envelope_is_refused_until_recorded() {
    for case in PARCEL_BREAKS {
        refused_then_recorded(&Scratch::parcel(), case, "catalog.yaml", "2.0.0");
    }
}

#[test]
fn every_break_of_the_short_form_is_refused_until_recorded() {
    let cases = [
        Break {
            rule: "code_removed",
            edits: &[
                ("  call_not_found:\n    type: not_found\n", "  call_gone:\n    type: not_found\n"),
                // Its translation follows it (a translation of no code is refused).
                ("    call_not_found:\n      from:", "    call_gone:\n      from:"),
            ],
            record: "{ code: call_not_found, change: removed, reason: ... }",
        },
        Break {
            rule: "status_changed",
            edits: &[(
                "  call_not_found:\n    type: not_found\n    group: calls\n    status: 404\n",
                "  call_not_found:\n    type: not_found\n    group: calls\n    status: 410\n",
            )],
            record: "{ code: call_not_found, change: status, reason: ... }",
        },
        Break {
            rule: "type_changed",
            edits: &[("  call_not_found:\n    type: not_found\n", "  call_not_found:\n    type: conflict\n")],
            record: "{ code: call_not_found, change: type, reason: ... }",
        },
        Break {
            rule: "detail_type_changed",
            edits: &[("retry_after: { type: integer", "retry_after: { type: number")],
            record: "{ code: rate_limit_exceeded, detail: \"retry_after\", change: type, reason: ... }",
        },
        Break {
            rule: "envelope_member_removed",
            edits: &[
                (
                    "  fields: [type, code, message, param, doc_url, details]",
                    "  fields: [type, code, message, param, details]",
                ),
                ("    doc_url: \"Link to this page for more context\"\n", ""),
            ],
            record: "{ change: envelope, reason: ... }",
        },
        Break {
            rule: "envelope_member_removed",
            edits: &[("  wrapper: error\n", "  wrapper: null\n")],
            record: "{ change: envelope, reason: ... }",
        },
        Break {
            rule: "wire_code_changed",
            edits: &[(
                "    message: \"Call not found\"\n",
                "    message: \"Call not found\"\n    wire_code: call_missing\n",
            )],
            record: "{ code: call_not_found, change: wire_code, reason: ... }",
        },
        Break {
            rule: "detail_removed",
            edits: &[(
                "      twilio_error: { type: string, description: \"The error Twilio returned when placing the call\" }\n",
                "      carrier: { type: string }\n",
            )],
            record: "{ code: outbound_failed, detail: \"twilio_error\", change: removed, reason: ... }",
        },
        Break {
            rule: "detail_required",
            edits: &[(
                "\"The error Twilio returned when placing the call\" }",
                "\"The error Twilio returned when placing the call\", required: true }",
            )],
            record: "{ code: outbound_failed, detail: \"twilio_error\", change: required, reason: ... }",
        },
        Break {
            rule: "media_type_changed",
            edits: &[(
                "envelope:\n  wrapper: error\n",
                "envelope:\n  media_type: application/vnd.flireo+json\n  wrapper: error\n",
            )],
            record: "{ change: media_type, reason: ... }",
        },
    ];
    for case in &cases {
        refused_then_recorded(&Scratch::shipped(), case, "service.yaml", "0.2.0");
    }
}

/// The parcel catalogue released again as 2.0.0 with no code member: the
/// link (RFC 9457's problem type) identifies codes.
fn identified_by_links() -> Scratch {
    let scratch = Scratch::parcel();
    scratch.edit("        code: { role: code, style: integer }\n", "");
    let records = "breaking_changes:\n  - { change: identity, reason: Codes are links now }\n  - { change: envelope, reason: No code member }\n";
    scratch.append("catalog.yaml", records);
    scratch.set_version("2.0.0");
    scratch.release();
    scratch
}

#[test]
fn how_codes_are_identified_is_part_of_the_contract() {
    let scratch = Scratch::parcel();
    // RFC 9457: the problem type's URI identifies the error.
    scratch.edit("        code: { role: code, style: integer }\n", "");
    let outcome = scratch.generate();
    assert_eq!(outcome.code, 1, "{}", outcome.stderr);
    assert!(outcome.stderr.contains("(rule `identity_changed`)"), "{}", outcome.stderr);
    assert!(
        outcome.stderr.contains("\"code integer\" → \"doc_url https://docs.parcel.example/errors/{code}\""),
        "{}",
        outcome.stderr
    );

    // With the link identifying codes, changing the link template changes every code's identity.
    let scratch = identified_by_links();
    scratch.edit("https://docs.parcel.example/errors/{code}", "https://parcel.example/problems/{code}");
    let outcome = scratch.generate();
    assert!(outcome.stderr.contains("(rule `identity_changed`)"), "{}", outcome.stderr);

    // A code's own link, where links identify codes.
    let scratch = identified_by_links();
    scratch.edit("    wire_code: 20429\n", "    wire_code: 20429\n    doc_url: https://parcel.example/slow-down\n");
    let outcome = scratch.generate();
    assert!(outcome.stderr.contains("(rule `wire_code_changed`)"), "{}", outcome.stderr);
    assert!(outcome.stderr.contains("\"https://parcel.example/slow-down\""), "{}", outcome.stderr);
}

/// Compatible changes: each accepted, with the version it needs.
#[test]
fn compatible_changes_pass_with_the_version_they_need() {
    // (edit, needs a new minor version)
    let cases: &[(&str, &str, bool)] = &[
        (
            "errors:\n",
            "errors:\n  parcel_held:\n    type: not_found\n    status: 409\n    wire_code: 20409\n    message: Held\n",
            true,
        ),
        ("aliases: [parcel_unknown]", "aliases: [parcel_unknown, no_such_parcel]", true),
        ("  legacy: { status: 410 }\n", "  legacy: { status: 410 }\n  busy: { status: 409 }\n", true),
        ("      carrier: { type: string }", "      carrier: { type: string }\n      depot: { type: string }", true),
        (
            "        extras: { role: details, inline: true }\n",
            "        extras: { role: details, inline: true }\n        status: status\n",
            true,
        ),
        ("message: Slow down", "message: Please slow down", false),
        (
            "      retry_after: { type: integer }",
            "      retry_after: { type: integer, description: Seconds to wait }",
            false,
        ),
        (
            "    message: Slow down\n",
            "    message: Slow down\n    deprecated: { replaced_by: parcel_not_found }\n",
            true,
        ),
    ];
    for (from, to, minor) in cases {
        let scratch = Scratch::parcel();
        scratch.edit(from, to);
        if *minor {
            let outcome = scratch.generate();
            assert_eq!(outcome.code, 1, "{to}: the same version is refused: {}", outcome.stderr);
            assert!(outcome.stderr.contains("needs a minor release after 1.0.0"), "{to}: {}", outcome.stderr);
            assert!(outcome.stderr.contains("set `version: 1.1.0`"), "{to}: {}", outcome.stderr);
            scratch.set_version("1.1.0");
        }
        let outcome = scratch.generate();
        assert_eq!(outcome.code, 0, "{to}: {}", outcome.stderr);
        assert!(!outcome.stderr.contains("rule `"), "{to}: {}", outcome.stderr);
    }
}

#[test]
fn moving_codes_between_files_and_adding_groups_changes_nothing() {
    let scratch = Scratch::shipped();
    let lock = scratch.lock();
    let calls = scratch.catalog.join("errors/calls.yaml");
    let text = std::fs::read_to_string(&calls).unwrap();
    let (mut kept, mut block) = (String::new(), String::new());
    let mut inside = false;
    for line in text.lines() {
        let starts_entry = line.starts_with("  ") && !line.starts_with("   ");
        if starts_entry {
            inside = line == "  call_not_found:";
        }
        let target = if inside { &mut block } else { &mut kept };
        target.push_str(line);
        target.push('\n');
    }
    std::fs::write(&calls, kept).unwrap();
    std::fs::write(scratch.catalog.join("errors/moved.yaml"), format!("errors:\n{block}")).unwrap();
    scratch.append("service.yaml", "  more: { title: More }\n");
    scratch.append("service.yaml", "lints: { unused_definition: allow }\n");
    let outcome = scratch.generate();
    assert_eq!(outcome.code, 0, "{}", outcome.stderr);
    assert_eq!(scratch.lock(), lock);
}

#[test]
fn changed_retry_advice_is_a_warning_and_a_patch_release() {
    let scratch = Scratch::parcel();
    scratch.edit("  rate_limited: { status: 429, retryable: true }", "  rate_limited: { status: 429 }");
    let outcome = scratch.generate();
    assert_eq!(outcome.code, 1, "{}", outcome.stderr);
    assert!(outcome.stderr.contains("needs a patch release after 1.0.0"), "{}", outcome.stderr);
    scratch.set_version("1.0.1");
    let outcome = scratch.generate();
    assert_eq!(outcome.code, 0, "{}", outcome.stderr);
    assert!(outcome.stderr.contains("warning"), "{}", outcome.stderr);
    assert!(
        outcome.stderr.contains("code `too_many_requests` was released retryable and is now not retryable"),
        "{}",
        outcome.stderr
    );

    let changelog = scratch.changelog();
    assert!(
        changelog
            .contains("**Retry advice**: [`too_many_requests`](errors.md#too_many_requests) is no longer retryable."),
        "{changelog}"
    );

    // Deniable like every lint.
    let scratch = Scratch::parcel();
    scratch.edit("  rate_limited: { status: 429, retryable: true }", "  rate_limited: { status: 429 }");
    scratch
        .edit("lints: { unused_definition: allow }", "lints: { unused_definition: allow, retry_advice_changed: deny }");
    scratch.set_version("1.0.1");
    let outcome = scratch.generate();
    assert_eq!(outcome.code, 1, "{}", outcome.stderr);
}

/// The `.proto`'s reason numbers are the lock's: kept across releases, a
/// removed code's number and name reserved, a new code given the next one.
#[test]
fn reason_numbers_are_kept_and_never_given_again() {
    let scratch = Scratch::parcel();
    let proto = || {
        let folder = std::fs::read_dir(scratch.out.join("proto")).unwrap().flatten().next().expect("a package").path();
        (folder.join("error_reason.proto"), std::fs::read_to_string(folder.join("error_reason.proto")).unwrap())
    };
    let numbers = |text: &str| -> std::collections::BTreeMap<String, u32> {
        text.lines()
            .filter_map(|line| line.trim().strip_suffix(';').and_then(|line| line.split_once(" = ")))
            .filter_map(|(name, number)| Some((name.to_string(), number.split(' ').next()?.parse().ok()?)))
            .collect()
    };
    let before = numbers(&proto().1);
    let removed = before["TOO_MANY_REQUESTS"];
    refused_then_recorded(&scratch, &PARCEL_BREAKS[0], "catalog.yaml", "2.0.0");
    scratch.set_version("2.1.0");
    scratch.edit(
        "errors:\n",
        "errors:\n  brand_new:\n    type: not_found\n    status: 404\n    wire_code: 20999\n    message: New\n",
    );
    let outcome = scratch.generate();
    assert_eq!(outcome.code, 0, "{}", outcome.stderr);
    let (path, text) = proto();
    let after = numbers(&text);
    for (name, number) in &before {
        if name != "TOO_MANY_REQUESTS" {
            assert_eq!(after.get(name), Some(number), "{name} kept its number: {text}");
        }
    }
    assert!(!after.contains_key("TOO_MANY_REQUESTS"), "{text}");
    assert!(text.contains(&format!("  reserved {removed};\n  reserved \"TOO_MANY_REQUESTS\";")), "{text}");
    assert_eq!(after["BRAND_NEW"], before.values().max().unwrap() + 1, "{text}");
    assert!(scratch.lock().contains("reason: "), "the lock pins them: {}", scratch.lock());
    catalog_tests::compile_proto(&scratch.out.join("proto"), &path).unwrap_or_else(|complaint| panic!("{complaint}"));
}

#[test]
fn a_recorded_removal_is_remembered_and_the_name_not_reused() {
    let scratch = Scratch::parcel();
    refused_then_recorded(&scratch, &PARCEL_BREAKS[0], "catalog.yaml", "2.0.0");
    assert!(scratch.lock().contains("removed: \"2.0.0\""), "{}", scratch.lock());
    assert!(scratch.changelog().contains("**Removed**: `too_many_requests`"), "{}", scratch.changelog());
    // A link published before keeps a page: it says the code is gone.
    let page = std::fs::read_to_string(scratch.out.join("docs/codes/too_many_requests.md")).expect("its page");
    assert!(page.contains("`too_many_requests` was removed in 2.0.0"), "{page}");
    assert!(scratch.out.join("docs/site/codes/too_many_requests.html").is_file());
    let summary = std::fs::read_to_string(scratch.out.join("docs/SUMMARY.md")).unwrap();
    assert!(summary.contains("(codes/too_many_requests.md)"), "{summary}");
    // Codes are integers here, so its links named its number: that page
    // stays too.
    let page = std::fs::read_to_string(scratch.out.join("docs/codes/20429.md")).expect("its number's page");
    assert!(page.contains("`too_many_requests` was removed in 2.0.0"), "{page}");
    assert!(summary.contains("(codes/20429.md)"), "{summary}");

    // Bringing the name back with another meaning is caught.
    scratch.set_version("2.1.0");
    scratch.edit("errors:\n", "errors:\n  too_many_requests:\n    type: not_found\n    status: 404\n    wire_code: 20429\n    message: Gone\n");
    let outcome = scratch.generate();
    assert_eq!(outcome.code, 1, "{}", outcome.stderr);
    assert!(outcome.stderr.contains("a removed code's name reused with another meaning"), "{}", outcome.stderr);
}

/// The new user's story: released as 1.0.0, then three releases, one of
/// them breaking (recorded); each needs the version the rules ask for, and
/// the changelog tells it.
#[test]
fn three_releases_give_the_changelog_a_reader_expects() {
    let scratch = Scratch::parcel();
    // 1.1.0: a code added.
    scratch.edit(
        "errors:\n",
        "errors:\n  parcel_held:\n    type: not_found\n    status: 409\n    wire_code: 20409\n    message: Held\n",
    );
    scratch.set_version("1.1.0");
    let outcome = scratch.generate();
    assert!(
        outcome.stderr.contains("release 1.1.0, a minor release after 1.0.0: adds code `parcel_held`"),
        "{}",
        outcome.stderr
    );
    // 2.0.0: a status changed, recorded; 1.2.0 is refused.
    scratch.edit("    status: 404\n", "    status: 410\n");
    scratch.append(
        "catalog.yaml",
        "breaking_changes:\n  - { code: parcel_not_found, change: status, reason: Lost parcels are gone for good }\n",
    );
    scratch.set_version("1.2.0");
    let outcome = scratch.generate();
    assert!(outcome.stderr.contains("set `version: 2.0.0`"), "{}", outcome.stderr);
    scratch.set_version("2.0.0");
    scratch.release();
    // 2.1.0: a code deprecated in favour of another.
    scratch.edit("    message: Held\n", "    message: Held\n    deprecated: { replaced_by: parcel_not_found }\n");
    scratch.set_version("2.1.0");
    scratch.release();
    // The old break's entry does not excuse a new change of the same kind.
    scratch.edit("    status: 410\n", "    status: 404\n");
    scratch.set_version("3.0.0");
    let outcome = scratch.generate();
    assert!(outcome.stderr.contains("was recorded for release 2.0.0"), "{}", outcome.stderr);
    scratch.edit("    status: 404\n", "    status: 410\n");

    let changelog = scratch.changelog();
    let at = |text: &str| changelog.find(text).unwrap_or_else(|| panic!("{text:?} missing:\n{changelog}"));
    assert!(at("## 2.1.0") < at("## 2.0.0") && at("## 2.0.0") < at("## 1.1.0") && at("## 1.1.0") < at("## 1.0.0"));
    let deprecated =
        "**Deprecated**: [`parcel_held`](errors.md#parcel_held) (use [`parcel_not_found`](errors.md#parcel_not_found))";
    assert!(at(deprecated) > at("## 2.1.0") && at(deprecated) < at("## 2.0.0"));
    let breaking =
        "- code [`parcel_not_found`](errors.md#parcel_not_found): status 404 → 410. Lost parcels are gone for good";
    assert!(at(breaking) > at("## 2.0.0") && at(breaking) < at("## 1.1.0"));
    assert!(at("**Added**: [`parcel_held`](errors.md#parcel_held)") > at("## 1.1.0"));
    assert!(at("First release, with 2 codes.") > at("## 1.0.0"));

    // Each code says since when, and the deprecated one since when it is.
    let reference = std::fs::read_to_string(scratch.out.join("docs/errors.md")).unwrap();
    let row = "(deprecated in 2.1.0: use [`parcel_not_found`](#parcel_not_found)) | 409 | `ABORTED` | `not_found` | Held |  |  | 1.1.0 |";
    assert!(reference.contains(row), "{reference}");
    let lib = std::fs::read_to_string(scratch.out.join("src/lib.rs")).unwrap();
    assert!(
        lib.contains("#[deprecated(\n        since = \"2.1.0\"") || lib.contains("#[deprecated(since = \"2.1.0\""),
        "{lib}"
    );
    assert!(lib.contains("/// - Since: 1.1.0"), "{lib}");
    let ts = std::fs::read_to_string(scratch.out.join("ts/index.d.ts")).unwrap();
    assert!(ts.contains("/** Since 1.1.0. @deprecated Deprecated since 2.1.0: use \"parcel_not_found\". */"), "{ts}");
    let page = std::fs::read_to_string(scratch.out.join("docs/site/index.html")).unwrap();
    assert!(page.contains("id=\"changelog\"") && page.contains("Lost parcels are gone for good"));
}

#[test]
fn versions_only_go_up() {
    let scratch = Scratch::parcel();
    scratch.set_version("0.9.0");
    let outcome = scratch.generate();
    assert_eq!(outcome.code, 1, "{}", outcome.stderr);
    assert!(
        outcome.stderr.contains("`service.version` is 0.9.0, but the lock records 1.0.0 as released"),
        "{}",
        outcome.stderr
    );
}

/// A format 1 lock (the shipped catalogue's before format 2) is upgraded:
/// what it recorded is still enforced, and no code loses its history.
#[test]
fn a_format_1_lock_is_upgraded_and_still_enforced() {
    let format1 = std::fs::read_to_string(catalog_tests::workspace_root().join("tests/compat/format1.lock")).unwrap();
    let scratch = Scratch::shipped();
    std::fs::write(scratch.lock_path(), &format1).unwrap();
    let outcome = scratch.generate();
    assert_eq!(outcome.code, 0, "{}", outcome.stderr);
    let shipped = std::fs::read_to_string(catalog_tests::workspace_root().join("catalog/catalog.lock")).unwrap();
    assert_eq!(scratch.lock(), shipped, "upgrading gives the shipped lock");
    for line in format1.lines().filter(|line| !line.starts_with('#')) {
        let name = line.split_whitespace().next().unwrap();
        assert!(shipped.contains(&format!("\n  {name}:")), "{name} kept");
    }

    std::fs::write(
        scratch.lock_path(),
        format1.replace("call_not_found 404 not_found", "call_not_found 410 not_found"),
    )
    .unwrap();
    let outcome = scratch.generate();
    assert_eq!(outcome.code, 1, "{}", outcome.stderr);
    assert!(outcome.stderr.contains("status 410 → 404 (rule `status_changed`)"), "{}", outcome.stderr);
}

#[test]
fn a_broken_lock_is_a_located_error() {
    for (broken, expected) in [
        ("format: 2\nversion: [\n", "invalid lock"),
        (
            "format: 7\nversion: \"1.0.0\"\nreleases: []\nenvelope: { media_type: a, identity: none, members: {} }\n",
            "format 7",
        ),
        ("garbage line here with too many words\n", "unreadable line in the lock"),
        (
            "format: 2\nversion: \"1.0.0\"\nreleases: [{ version: \"*/ <script>\" }]\nenvelope: { media_type: a, identity: none, members: {} }\n",
            "which is not MAJOR.MINOR.PATCH",
        ),
    ] {
        let scratch = Scratch::parcel();
        std::fs::write(scratch.lock_path(), broken).unwrap();
        let before = scratch.files();
        let outcome = scratch.generate();
        assert_eq!(outcome.code, 1, "{}", outcome.stderr);
        assert!(outcome.stderr.contains(expected), "{}", outcome.stderr);
        assert!(outcome.stderr.contains("catalog.lock:"), "{}", outcome.stderr);
        assert_unchanged(&before, &scratch.files(), broken);
    }
    let scratch = Scratch::parcel();
    std::fs::write(scratch.lock_path(), b"format: 2\n\xff\xfe\n").unwrap();
    let outcome = scratch.generate();
    assert_eq!(outcome.code, 1, "{}", outcome.stderr);
    assert!(outcome.stderr.contains("not valid UTF-8"), "{}", outcome.stderr);
}

#[test]
fn a_breaking_change_names_what_its_kind_needs() {
    let scratch = Scratch::parcel();
    scratch.append("catalog.yaml", "breaking_changes:\n  - { change: status, reason: x }\n  - { code: parcel_not_found, change: envelope, reason: y }\n");
    let outcome = scratch.generate();
    assert_eq!(outcome.code, 1, "{}", outcome.stderr);
    assert!(outcome.stderr.contains("a breaking change `status` names a `code`"), "{}", outcome.stderr);
    assert!(outcome.stderr.contains("a breaking change `envelope` names nothing else"), "{}", outcome.stderr);
}

#[test]
fn a_lock_beside_another_catalogue_is_enforced_but_not_written() {
    let scratch = Scratch::shipped();
    let lock = scratch.lock();
    scratch.set_version("0.1.1");
    scratch.append(
        "errors/calls.yaml",
        "  call_parked:\n    type: not_found\n    group: calls\n    message: Call parked\n",
    );
    let mut args = vec!["gen".to_string(), "--catalog".into(), scratch.catalog.display().to_string()];
    args.extend(["--out".into(), scratch.out.display().to_string()]);
    let outcome = xtask::run(&args);
    assert_eq!(outcome.code, 0, "{}", outcome.stderr);
    assert_eq!(scratch.lock(), lock, "the lock beside an out-of-tree catalogue was written");
    assert!(outcome.stderr.contains("was checked but not updated; pass `--lock"), "{}", outcome.stderr);

    // Its rules still hold: removing a released code is refused.
    scratch.edit("  call_not_found:\n", "  call_gone:\n");
    let outcome = xtask::run(&args);
    assert_eq!(outcome.code, 1, "{}", outcome.stderr);
    assert!(outcome.stderr.contains("call_not_found"), "{}", outcome.stderr);
    assert!(Path::new(&scratch.lock_path()).exists());
}

/// cargo-semver-checks: `cargo semver-checks` when it is installed, else
/// installed once into `target/tools` (about five minutes on two cores).
fn semver_checks() -> std::process::Command {
    static INSTALLED: std::sync::OnceLock<Option<PathBuf>> = std::sync::OnceLock::new();
    let found = std::process::Command::new("cargo").args(["semver-checks", "--version"]).output();
    if found.is_ok_and(|output| output.status.success()) {
        let mut command = std::process::Command::new("cargo");
        command.arg("semver-checks");
        return command;
    }
    let root = catalog_tests::workspace_root().join("target/tools");
    let binary = INSTALLED.get_or_init(|| {
        let binary = root.join("bin/cargo-semver-checks");
        if !binary.exists() {
            eprintln!("installing cargo-semver-checks 0.51.0 into {} for the semver test", root.display());
            let status = std::process::Command::new("cargo")
                .args(["install", "--locked", "--quiet", "cargo-semver-checks", "--version", "=0.51.0", "--root"])
                .arg(&root)
                .status()
                .expect("run cargo install");
            assert!(status.success(), "cargo install cargo-semver-checks failed");
        }
        Some(binary)
    });
    let mut command = std::process::Command::new(binary.as_ref().expect("installed"));
    command.arg("semver-checks");
    command
}

/// Runs cargo-semver-checks on the scratch's package against `baseline` (a
/// copy of an earlier package); whether it passed, and what it said.
fn semver_verdict(scratch: &Scratch, baseline: &Path) -> (bool, String) {
    let workspace = "[workspace]\nresolver = \"2\"\nmembers = [\"out\", \"out/runtime\"]\n";
    std::fs::write(scratch.out.parent().unwrap().join("Cargo.toml"), workspace).unwrap();
    let name = std::fs::read_to_string(scratch.out.join("Cargo.toml")).unwrap();
    let name = name.lines().find_map(|line| line.strip_prefix("name = ")).unwrap().trim_matches('"').to_string();
    let output = semver_checks()
        .args(["check-release", "--package", &name, "--baseline-root"])
        .arg(baseline)
        .current_dir(scratch.out.parent().unwrap())
        .output()
        .expect("run cargo-semver-checks");
    let said = format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
    assert!(said.contains("Checked"), "cargo-semver-checks did not check the crate:\n{said}");
    (output.status.success(), said)
}

/// A copy of the scratch's package, as the baseline of the next release.
fn baseline(scratch: &Scratch) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    catalog_tests::copy_tree(&scratch.out, &dir.path().join("out"));
    let workspace = "[workspace]\nresolver = \"2\"\nmembers = [\"out\", \"out/runtime\"]\n";
    std::fs::write(dir.path().join("Cargo.toml"), workspace).unwrap();
    dir
}

/// The versions the lock asks for are the ones cargo-semver-checks asks of
/// the generated crate: an addition is no break (the details structs are
/// `#[non_exhaustive]`), a recorded removal or a new required detail member
/// needs the major version the lock demanded, and one version less fails.
#[test]
fn the_generated_crates_versions_pass_cargo_semver_checks() {
    let scratch = Scratch::parcel();
    let released = baseline(&scratch);
    // 1.1.0: a code and an optional detail member added.
    scratch.edit(
        "errors:\n",
        "errors:\n  parcel_held:\n    type: not_found\n    status: 409\n    wire_code: 20409\n    message: Held\n",
    );
    scratch.edit("      carrier: { type: string }", "      carrier: { type: string }\n      depot: { type: string }");
    scratch.set_version("1.1.0");
    scratch.release();
    let (passed, said) = semver_verdict(&scratch, &released.path().join("out"));
    assert!(passed, "{said}");

    // 2.0.0: a code removed and a required member added, both recorded.
    let released = baseline(&scratch);
    scratch.edit("  parcel_held:\n    type: not_found\n    status: 409\n    wire_code: 20409\n    message: Held\n", "");
    scratch.edit(
        "      depot: { type: string }",
        "      depot: { type: string }\n      hub: { type: string, required: true }",
    );
    let records = "breaking_changes:\n  - { code: parcel_held, change: removed, reason: Held parcels are not_found now }\n  - { code: parcel_not_found, detail: hub, change: required, reason: Every parcel has a hub }\n";
    scratch.append("catalog.yaml", records);
    scratch.set_version("2.0.0");
    scratch.release();
    let (passed, said) = semver_verdict(&scratch, &released.path().join("out"));
    assert!(passed, "{said}");
    // As a minor release, cargo-semver-checks refuses the same crate.
    let manifest = scratch.out.join("Cargo.toml");
    let text = std::fs::read_to_string(&manifest).unwrap();
    std::fs::write(&manifest, text.replacen("version = \"2.0.0\"", "version = \"1.2.0\"", 1)).unwrap();
    let (passed, said) = semver_verdict(&scratch, &released.path().join("out"));
    assert!(!passed, "{said}");
    assert!(said.contains("enum_variant_missing") && said.contains("requires new major version"), "{said}");
}

/// What the lock says reaches the changelog and the web page only escaped:
/// a lock edited by hand (or by an attacker) cannot inject markup.
#[test]
fn a_hand_edited_lock_cannot_inject_markup_into_the_changelog() {
    let scratch = Scratch::parcel();
    let lock = scratch.lock().replacen(
        "- version: \"1.0.0\"\n",
        "- version: \"1.0.0\"\n  breaking:\n  - code: \"x`y <script>alert(1)</script>\"\n    change: removed\n    what: \"<img src=x onerror=alert(1)>\"\n    reason: \"*/ [link](javascript:alert(1)) </textarea>\"\n",
        1,
    );
    let lock = lock.replacen(
        "codes:\n",
        "codes:\n  \"a`b <b>bold</b>\":\n    since: \"1.0.0\"\n    removed: \"1.0.0\"\n    status: 410\n    retryable: false\n",
        1,
    );
    std::fs::write(scratch.lock_path(), lock).unwrap();
    scratch.release();
    let changelog = scratch.changelog();
    let page = std::fs::read_to_string(scratch.out.join("docs/site/index.html")).unwrap();
    for text in [&changelog, &page] {
        assert!(!text.contains("<script>alert") && !text.contains("<img src") && !text.contains("<b>bold"), "{text}");
        assert!(!text.contains("href=\"javascript:"), "{text}");
    }
    assert!(changelog.contains("\\[link\\](javascript:alert(1))"), "the link is escaped: {changelog}");
    assert!(page.contains("&lt;img src=x onerror=alert(1)&gt;"), "{page}");
}
