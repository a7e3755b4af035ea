//! Property tests over the loader, validator and emitters (proptest: the
//! toolchain here is stable, so cargo-fuzz's nightly-only libFuzzer is out).
//!
//! - Arbitrary bytes, and valid catalogues with random edits, never panic:
//!   they load, or fail with diagnostics that render.
//! - Random valid catalogues (hostile text everywhere) always generate, and
//!   the outputs agree: the JSON parses, the schemas are valid draft 2020-12
//!   and accept every example body.
//!
//! Case counts follow PROPTEST_CASES (CI keeps the default); failures are
//! kept in `fuzz.proptest-regressions` and replayed first on every run.

use std::path::PathBuf;

use proptest::prelude::*;

fn load(files: Vec<(&str, Vec<u8>)>) {
    let files = files.into_iter().map(|(name, bytes)| (PathBuf::from(name), bytes)).collect();
    if let Err(failure) = codegen::load_catalog_from_memory(files) {
        let rendered = failure.render();
        assert!(rendered.contains("error"), "{rendered}");
    }
}

fn valid_catalogue() -> String {
    std::fs::read_to_string(catalog_tests::workspace_root().join("tests/fixtures/features/catalog.yaml")).unwrap()
}

/// Pieces of YAML and catalogue vocabulary worth splicing in.
const TOKENS: &[&str] = &[
    ":",
    " ",
    "\n",
    "\t",
    "  ",
    "- ",
    "{",
    "}",
    "[",
    "]",
    "\"",
    "'",
    "#",
    "&a",
    "*a",
    "<<: *a",
    "!!str",
    "---",
    "...",
    "null",
    "~",
    "true",
    "yes",
    "0x1F",
    "1e9",
    "-1",
    "99999999999",
    "errors:",
    "types:",
    "groups:",
    "service:",
    "envelope:",
    "status: 200",
    "type: nope",
    "replaced_by: body_too_long",
    "details:",
    "details_map:",
    "\u{feff}",
    "é",
    "🚀",
    "\r\n",
    "|",
    ">-",
    "{code}",
    "{length}",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        load(vec![("fuzz.yaml", bytes)]);
    }

    #[test]
    fn edited_catalogues_never_panic(
        edits in proptest::collection::vec((any::<usize>(), 0..4usize, any::<usize>()), 1..8),
    ) {
        let mut text = valid_catalogue().into_bytes();
        for (position, kind, token) in edits {
            let at = position % (text.len() + 1);
            match kind {
                0 => { text.splice(at..at, TOKENS[token % TOKENS.len()].bytes()); }
                1 => { let end = (at + token % 16).min(text.len()); text.drain(at..end); }
                2 => if at < text.len() { text[at] = (token % 256) as u8; },
                _ => { let line_start = text[..at].iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
                       let line_end = text[at..].iter().position(|&b| b == b'\n').map_or(text.len(), |i| at + i);
                       let line = text[line_start..line_end].to_vec();
                       text.splice(line_end..line_end, [b'\n'].into_iter().chain(line)); }
            }
        }
        load(vec![("catalog.yaml", text)]);
    }

    #[test]
    fn split_catalogues_never_panic(cut in any::<usize>(), swap in any::<bool>()) {
        let text = valid_catalogue();
        let lines: Vec<&str> = text.lines().collect();
        let cut = cut % (lines.len() + 1);
        let (first, second) = (lines[..cut].join("\n"), lines[cut..].join("\n"));
        let (first, second) = if swap { (second, first) } else { (first, second) };
        load(vec![("a.yaml", first.into_bytes()), ("b.yaml", second.into_bytes())]);
    }

    #[test]
    fn random_valid_catalogues_generate_agreeing_outputs(seed in any::<u64>()) {
        check_random_catalogue(seed)?;
    }
}

/// Seeds that once failed: replayed on every run.
const REGRESSION_SEEDS: &[u64] = &[
    // A `<script>` inside the JSON example's code block was taken for markup.
    7146597264705635796,
];

#[test]
fn regression_seeds_still_pass() {
    let seeds = REGRESSION_SEEDS.iter().map(|&seed| (format!("seed {seed}"), seed));
    catalog_tests::check_each(seeds, |name, seed| {
        check_random_catalogue(seed).unwrap_or_else(|error| panic!("{name}: {error}"));
    });
}

fn check_random_catalogue(seed: u64) -> Result<(), TestCaseError> {
    let yaml = catalog_tests::random_catalogue::catalogue(seed);
    let catalog = codegen::load_catalog_from_memory(vec![(PathBuf::from("random.yaml"), yaml.clone().into_bytes())])
        .unwrap_or_else(|failure| panic!("seed {seed} is invalid:\n{}\n{yaml}", failure.render()));
    let files = codegen::emit::emit_all(&catalog);
    let text = |path: &str| &files.iter().find(|file| file.path == path).unwrap().contents;
    syn::parse_file(text("src/lib.rs")).expect("the Rust source parses");
    let strict: serde_json::Value = serde_json::from_str(text("schema/errors.schema.json")).unwrap();
    let open: serde_json::Value = serde_json::from_str(text("schema/errors.client.schema.json")).unwrap();
    prop_assert!(jsonschema::draft202012::meta::is_valid(&strict));
    prop_assert!(jsonschema::draft202012::meta::is_valid(&open));
    let strict = jsonschema::draft202012::new(&strict).unwrap();
    let open = jsonschema::draft202012::new(&open).unwrap();
    serde_json::from_str::<serde_json::Value>(text("schema/openapi.json")).unwrap();
    for error in &catalog.errors {
        let example: serde_json::Value =
            serde_json::from_str(text(&format!("schema/examples/{}.json", error.code))).unwrap();
        prop_assert!(strict.is_valid(&example), "seed {seed}, {}: {:?}", error.code, strict.validate(&example).err());
        prop_assert!(open.is_valid(&example));
        // The docs carry every code's anchor exactly once, and no
        // catalogue text became markup.
        let anchor = format!("<a id=\"{}\"></a>", error.code);
        prop_assert_eq!(text("docs/errors.md").matches(&anchor).count(), 1);
    }
    prop_assert_eq!(text("docs/site/index.html").matches("<script").count(), 1);
    // Outside code blocks and spans (whose content renderers escape), no
    // catalogue text is markup: the rendered page holds no tag of it.
    let prose: String = text("docs/errors.md").split("```").step_by(2).collect();
    let outside_spans: String = prose.lines().flat_map(|line| line.split('`').step_by(2)).collect();
    prop_assert!(!outside_spans.contains("<script"), "seed {seed}");
    let mut rendered = String::new();
    pulldown_cmark::html::push_html(
        &mut rendered,
        pulldown_cmark::Parser::new_ext(text("docs/errors.md"), pulldown_cmark::Options::ENABLE_TABLES),
    );
    prop_assert!(!rendered.contains("<script"), "seed {seed}: a tag in the rendered reference");
    // No invisible or control character reaches doc comments, the docs or
    // the schemas raw: each is escaped. String literals may hold printable
    // ones (rustc escapes nothing it does not have to), but no bidi control:
    // rustc denies those anywhere in the source.
    let doc_comments: String = text("src/lib.rs")
        .lines()
        .filter(|line| line.trim_start().starts_with("///") || line.trim_start().starts_with("//!"))
        .collect();
    prop_assert!(!doc_comments.contains('\t'), "seed {seed}: a tab in a doc comment (clippy denies it)");
    let bidi = |ch: char| matches!(ch, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
    prop_assert!(!text("src/lib.rs").contains(bidi), "seed {seed}: a bidi control in src/lib.rs");
    let shown = ["docs/errors.md", "docs/site/index.html", "schema/errors.schema.json", "schema/openapi.json"];
    for (path, contents) in
        shown.iter().map(|path| (*path, text(path).as_str())).chain([("doc comments", doc_comments.as_str())])
    {
        let found = codegen::invisible::first_invisible(&contents.replace(['\n', '\t'], ""));
        prop_assert!(found.is_none(), "seed {seed}: {path} holds U+{:04X} raw", u32::from(found.unwrap_or(' ')));
    }
    Ok(())
}

/// The corpus libFuzzer found for `fuzz/fuzz_targets/parse_roundtrip.rs`
/// (seeded with every example body), replayed without the fuzzer: nothing
/// panics, and whatever parses is written as a body that parses to an equal
/// error and is written the same again.
#[test]
fn the_fuzz_corpus_round_trips() {
    let corpus = catalog_tests::workspace_root().join("fuzz/corpus/parse_roundtrip");
    let mut entries: Vec<_> =
        std::fs::read_dir(&corpus).expect("the corpus").flatten().map(|entry| entry.path()).collect();
    entries.sort();
    assert!(entries.len() >= 49, "the corpus holds at least the seeds");
    let mut parsed = 0;
    for path in entries {
        let body = std::fs::read(&path).unwrap();
        let Ok(error) = flireo_errors::ApiError::from_json(&body) else { continue };
        parsed += 1;
        let written = error.to_json();
        let again = flireo_errors::ApiError::from_json(written.as_bytes()).unwrap_or_else(|problem| {
            panic!("{}: the body the crate wrote does not parse: {problem}\n{written}", path.display())
        });
        assert_eq!(again, error, "{}", path.display());
        assert_eq!(again.to_json(), written, "{}", path.display());
    }
    assert!(parsed >= 49, "every seed parses");
}
