//! Shared helpers of the integration tests: where things are, and how to get
//! a catalogue's generated files.

use std::path::{Path, PathBuf};

/// The workspace root (tests run with the `tests/` package as working folder).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("tests/ lies in the workspace").to_path_buf()
}

/// The catalogues every emitter is pinned against: the shipped one, one
/// fixture per reference page in ../shared/seeds/ (each with its own
/// envelope), and one for the features no page uses (flat envelope, aliases,
/// deprecations, every detail type).
pub fn catalogues() -> Vec<(&'static str, PathBuf)> {
    let root = workspace_root();
    vec![
        ("shipped", root.join("catalog")),
        ("category_reference", root.join("tests/fixtures/category_reference/catalog.yaml")),
        ("schema_page", root.join("tests/fixtures/schema_page/catalog.yaml")),
        ("typed_reference", root.join("tests/fixtures/typed_reference/catalog.yaml")),
        ("features", root.join("tests/fixtures/features/catalog.yaml")),
    ]
}

/// The generated files of a catalogue that must be valid.
pub fn generate(path: &Path) -> Vec<codegen::GeneratedFile> {
    codegen::generate(path).unwrap_or_else(|failure| panic!("{} is invalid:\n{}", path.display(), failure.render()))
}

/// Every file below `dir` with its contents, for before/after comparisons.
pub fn snapshot_tree(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files = Vec::new();
    collect(dir, dir, &mut files);
    files.sort();
    files
}

fn collect(root: &Path, dir: &Path, files: &mut Vec<(PathBuf, Vec<u8>)>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(root, &path, files);
        } else if let Ok(bytes) = std::fs::read(&path) {
            files.push((path.strip_prefix(root).unwrap_or(&path).to_path_buf(), bytes));
        }
    }
}

/// Copies a folder tree (used to give each test its own generated package).
pub fn copy_tree(from: &Path, to: &Path) {
    for (relative, bytes) in snapshot_tree(from) {
        let target = to.join(relative);
        std::fs::create_dir_all(target.parent().expect("a file has a parent")).expect("create folder");
        std::fs::write(target, bytes).expect("write copy");
    }
}
