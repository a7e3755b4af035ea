//! ARCHITECTURE.md's first invariant, checked: each stage of the generator
//! imports only the stages below it. A stage is a folder or file of
//! `codegen/src/`; an import is any `crate::<module>` path in its sources.

use std::collections::BTreeSet;
use std::path::Path;

/// Each stage, and the modules it may use (besides itself).
const ALLOWED: &[(&str, &[&str])] = &[
    ("diagnostic", &[]),
    ("output", &[]),
    ("invisible", &[]),
    ("load", &["diagnostic"]),
    ("model", &[]),
    ("validate", &["load", "model", "diagnostic", "invisible"]),
    ("emit", &["model", "invisible", "output"]),
    ("compat", &["model", "diagnostic", "output", "load"]),
    ("write", &["output"]),
];

#[test]
fn stages_import_only_the_stages_below_them() {
    let source = catalog_tests::workspace_root().join("codegen/src");
    let mut problems = Vec::new();
    for (stage, allowed) in ALLOWED {
        let used = modules_used(&source, stage);
        assert!(!used.is_empty() || allowed.is_empty() || *stage == "model", "{stage}: no sources read");
        for module in used.iter().filter(|module| *module != stage && !allowed.contains(&module.as_str())) {
            problems.push(format!("`{stage}` uses `crate::{module}`, which ARCHITECTURE.md does not allow"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The modules a stage names as `crate::<module>` (root items such as
/// `crate::Failure` are re-exports of `diagnostic` and `model`).
fn modules_used(source: &Path, stage: &str) -> BTreeSet<String> {
    let mut texts = Vec::new();
    let file = source.join(format!("{stage}.rs"));
    if file.is_file() {
        texts.push(std::fs::read_to_string(&file).expect("read stage"));
    }
    let folder = source.join(stage);
    if folder.is_dir() {
        let files = catalog_tests::snapshot_tree(&folder);
        let rust = files.into_iter().filter(|(path, _)| path.extension().is_some_and(|ext| ext == "rs"));
        texts.extend(rust.map(|(_, bytes)| String::from_utf8(bytes).expect("UTF-8 source")));
    }
    let mut used = BTreeSet::new();
    for text in &texts {
        for (at, _) in text.match_indices("crate::") {
            let name: String = text[at + "crate::".len()..]
                .chars()
                .take_while(|ch| ch.is_ascii_alphanumeric() || *ch == '_')
                .collect();
            if name.starts_with(|ch: char| ch.is_ascii_lowercase()) {
                used.insert(name);
            }
        }
    }
    used
}
