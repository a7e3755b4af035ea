//! The generated `docs/` folder is an mdBook as it is: `mdbook build` in a
//! copy of it succeeds, with a themed page per code (every code's, and the
//! pages of old names that lead to them), the reference as the first
//! chapter, and the self-contained site copied aside under `site/`.
//!
//! Needs mdBook: found on the PATH, else installed once into
//! `target/tools` (a few minutes on two cores), as CI does. It never skips.

use std::path::{Path, PathBuf};
use std::process::Command;

#[test]
fn the_docs_folder_builds_as_an_mdbook() {
    let root = catalog_tests::workspace_root();
    let work = tempfile::tempdir().expect("temporary folder");
    let docs = work.path().join("docs");
    catalog_tests::copy_tree(&root.join("generated/docs"), &docs);
    let output = Command::new(mdbook()).arg("build").current_dir(&docs).output().expect("run mdbook");
    assert!(output.status.success(), "mdbook build failed:\n{}", String::from_utf8_lossy(&output.stderr));
    let book = docs.join("book");
    let read = |path: &Path| std::fs::read_to_string(path).unwrap_or_else(|_| panic!("{} is missing", path.display()));
    for code in flireo_errors::ErrorCode::ALL {
        let page = read(&book.join(format!("codes/{}.html", code.as_str())));
        assert!(page.contains(&format!("<code>{}</code>", code.as_str())), "{}", code.as_str());
        assert!(page.contains("class=\"sidebar\""), "mdBook's own page, not the site's: {}", code.as_str());
    }
    let first = read(&book.join("index.html"));
    assert!(first.contains("Flireo API errors") && first.contains("class=\"sidebar\""));
    assert!(read(&book.join("site/index.html")).contains("id=\"filter\""), "the site is copied aside");
}

/// mdBook from the PATH, else `target/tools/bin/mdbook`, installed when missing.
fn mdbook() -> PathBuf {
    let on_path = Command::new("mdbook").arg("--version").output().is_ok_and(|output| output.status.success());
    if on_path {
        return PathBuf::from("mdbook");
    }
    let tools = catalog_tests::workspace_root().join("target/tools");
    let binary = tools.join("bin/mdbook");
    if !binary.exists() {
        eprintln!("installing mdbook 0.4.52 into {} for the docs test", tools.display());
        let status = Command::new("cargo")
            .args(["install", "--locked", "--quiet", "mdbook", "--version", "=0.4.52", "--no-default-features"])
            .args(["--features", "search", "--root"])
            .arg(&tools)
            .status()
            .expect("run cargo install");
        assert!(status.success(), "cargo install mdbook failed");
    }
    binary
}
