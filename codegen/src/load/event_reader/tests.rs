//! The event reader against serde-saphyr: wherever the event reader reads a
//! file, both must give the same values at the same places. Checked on every
//! catalogue file of the repository (good, bad and hostile), on YAML written
//! to reach each rule, and on thousands of edited copies of real files.

use std::path::Path;

use super::read;
use crate::load::raw::RawFile;
use crate::load::read_with_serde_saphyr;

/// Whether the event reader read `text` (it then agrees with serde-saphyr).
fn read_alike(text: &str) -> bool {
    let Ok(fast) = read::<RawFile>(text) else { return false };
    let slow = read_with_serde_saphyr(text)
        .unwrap_or_else(|error| panic!("serde-saphyr refuses what the event reader read: {error}\n{text}"));
    assert_eq!(format!("{fast:#?}"), format!("{slow:#?}"), "the readers disagree on:\n{text}");
    true
}

fn yaml_files(dir: &Path, out: &mut Vec<String>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir).unwrap().map(|entry| entry.unwrap().path()).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            yaml_files(&path, out);
        } else if path.extension().is_some_and(|extension| extension == "yaml") {
            // `not_utf8.yaml` is refused before parsing.
            if let Ok(text) = std::fs::read_to_string(&path) {
                out.push(text);
            }
        }
    }
}

fn repository_files(folders: &[&str]) -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut files = Vec::new();
    for folder in folders {
        yaml_files(&root.join(folder), &mut files);
    }
    files
}

#[test]
fn every_repository_catalogue_reads_alike() {
    let good = repository_files(&["catalog", "tests/fixtures"]);
    let read_here = good.iter().filter(|text| read_alike(text)).count();
    // Most real files are plain YAML; were this to drop, loading would be
    // slow again without any test failing.
    assert!(read_here * 4 >= good.len() * 3, "only {read_here} of {} files read by the event reader", good.len());
    for text in repository_files(&["tests/bad", "tests/warn"]) {
        read_alike(&text);
    }
}

const CODE: &str = "errors:\n  call_not_found:\n    type: not_found\n    message: The call was not found\n";

#[test]
fn plain_yaml_is_read_with_its_places() {
    let cases = [
        CODE.to_string(),
        format!("---\n{CODE}...\n"),
        CODE.replace('\n', "\r\n"),
        "errors:\n  a_b:\n    message: 'it''s'\n    cause: \"tab\\t é \\u263A \\n\"\n    fix: |\n      one\n       two\n\n".into(),
        "errors:\n  a_b:\n    message: >-\n      folded\n      text\n    fix: plain\n      over two lines\n".into(),
        "errors:\n  a_b: {type: x, status: 404, retryable: true, aliases: [c_d, \"e_f\"]}\n".into(),
        "errors:\n  \"quoted_key\":\n    message: x # a comment\n# another\n".into(),
        "errors:\n  données_😀:\n    message: \"שלום \u{202e} x\"\n    details:\n      count: { type: integer }\n".into(),
        "errors:\n  a:\n    wire_code: 20404\n  b:\n    wire_code: \"20404\"\n  c:\n    wire_code: false\n".into(),
        "statuses:\n  404: { name: Not Found }\n  429:\n    description: slow down\n".into(),
        "envelope:\n  body:\n    error:\n      object:\n        code: code\n        v: { const: 2 }\n        list: [message, { role: status, as: string }]\n".into(),
        "lints:\n  retryable_status: warn\nbreaking_changes:\n  - { code: a, change: removed, reason: r }\n".into(),
    ];
    for text in &cases {
        assert!(read_alike(text), "passed on:\n{text}");
    }
}

#[test]
fn yaml_beyond_plain_data_is_passed_on() {
    let deep = format!("envelope:\n  body:\n    x: {}code{}\n", "[".repeat(80), "]".repeat(80));
    let long_key = format!("errors:\n  {}:\n    message: x\n", "k".repeat(2000));
    let cases = [
        "errors:\n  a: &shared\n    message: x\n  b: *shared\n".to_string(),
        "errors:\n  a:\n    <<: { message: x }\n".into(),
        "errors:\n  a:\n    message: !!str 404\n".into(),
        "errors:\n  a:\n    message: null\n".into(),
        "errors:\n  a:\n    message:\n".into(),
        "errors:\n  a:\n    message: ~\n".into(),
        "errors:\n  a:\n    message: 404 not found\n".into(),
        "errors:\n  a:\n    retryable: yes\n".into(),
        "errors:\n  a:\n    retryable: True\n".into(),
        "errors:\n  a:\n    status: 0404\n".into(),
        "errors:\n  a:\n    status: +404\n".into(),
        "errors:\n  a:\n    status: 0x194\n".into(),
        "errors:\n  a:\n    status: 70000\n".into(),
        "errors:\n  a:\n    wire_code: -5\n".into(),
        "errors:\n  a:\n    wire_code: 1.5\n".into(),
        "errors:\n  a:\n    wire_code: 99999999999999999999\n".into(),
        "errors:\n  a:\n    unknown_key: x\n".into(),
        "errors:\n  a:\n    message: x\n---\nerrors: {}\n".into(),
        "%YAML 1.1\n---\nerrors:\n  a: { retryable: on }\n".into(),
        "errors:\n  ? [a, b]\n  : { message: x }\n".into(),
        "errors:\n  a:\n  message: x\n   bad: indentation\n".into(),
        "errors:\n  a:\n    details:\n      n: { type: float }\n".into(),
        deep,
        long_key,
    ];
    for text in &cases {
        assert!(!read_alike(text), "read by the event reader:\n{text}");
    }
}

/// A small deterministic generator (xorshift), so a failure reproduces.
struct Random(u64);

impl Random {
    fn below(&mut self, bound: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % bound as u64) as usize
    }
}

/// One edit of the kind a person (or an attacker) makes: a token of YAML
/// syntax or a tricky scalar inserted, a few characters deleted, a line
/// repeated.
fn edit(text: &str, random: &mut Random) -> String {
    const TOKENS: &[&str] = &[
        ": ", "- ", "{", "}", "[", "]", ", ", "#", "&a ", "*a", "!x ", "|\n", ">\n", "'", "\"", "\n", "  ", "\t", "~",
        "null", "yes", "0", "-1", "1.5", "<<", "? ", "---\n", "\\u00e9", "é", "\u{202e}", "\u{200b}", "😀", "\r\n",
        "true", "404",
    ];
    let boundaries: Vec<usize> = text.char_indices().map(|(at, _)| at).chain([text.len()]).collect();
    let at = boundaries[random.below(boundaries.len())];
    match random.below(3) {
        0 => format!("{}{}{}", &text[..at], TOKENS[random.below(TOKENS.len())], &text[at..]),
        1 => {
            let end = boundaries.iter().copied().find(|&end| end >= at + 1 + random.below(5)).unwrap_or(text.len());
            format!("{}{}", &text[..at], &text[end..])
        }
        _ => {
            let lines: Vec<&str> = text.lines().collect();
            let line = random.below(lines.len().max(1));
            let mut edited: Vec<&str> = lines.clone();
            if let Some(repeated) = lines.get(line) {
                edited.insert(line, repeated);
            }
            edited.join("\n")
        }
    }
}

#[test]
fn edited_real_files_read_alike_or_are_passed_on() {
    let seeds =
        repository_files(&["catalog", "tests/fixtures/twilio", "tests/fixtures/rfc9457", "tests/fixtures/hostile"]);
    let mut random = Random(0x9e37_79b9_7f4a_7c15);
    let (mut read_here, mut total) = (0, 0);
    for seed in &seeds {
        for _ in 0..150 {
            let mut text = seed.clone();
            for _ in 0..1 + random.below(3) {
                text = edit(&text, &mut random);
            }
            total += 1;
            read_here += usize::from(read_alike(&text));
        }
    }
    // Both outcomes must be exercised, or the comparison proves little.
    assert!(
        read_here > total / 10 && read_here < total,
        "{read_here} of {total} edited files read by the event reader"
    );
}
