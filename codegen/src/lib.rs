//! The error-catalogue generator: YAML catalogue in, Rust crate, JSON Schema and
//! error reference out.
//!
//! The stages are separate modules so each can be tested and reasoned about on
//! its own: `load` parses YAML keeping source locations, `validate` checks
//! every rule and resolves references into the [`model`], and [`emit`] turns the
//! model into file contents without touching the file system. [`mod@write`] is
//! the only module that writes, and it writes only files whose contents changed.
//! ARCHITECTURE.md at the repository's root draws the stages and says where a
//! change goes.
//!
//! For use from another repository, [`Builder`] runs every stage: from a
//! `build.rs` it writes the Rust module into `OUT_DIR`, from an xtask the whole
//! package. The stages are public for finer control: [`check_catalog`],
//! [`check_lock`], [`emit::emit_all`] and [`emit::rust_module`], [`write::ensure_package`].

mod builder;
mod compat;
pub mod diagnostic;
pub mod emit;
pub mod invisible;
mod load;
pub mod model;
mod output;
mod validate;
pub mod write;

use std::path::Path;

pub use builder::{Builder, Error, Generated};
pub use compat::lock_path;
pub use diagnostic::{Diagnostic, Failure, Warnings};
pub use model::Catalog;
pub use output::GeneratedFile;
pub use validate::Options;

/// A catalogue that passed validation, with the warnings it raised.
#[derive(Debug)]
pub struct Checked {
    pub catalog: Catalog,
    /// Advice that did not block generation; show it to the user.
    pub warnings: Warnings,
    /// The catalogue's files, and where each part of it is written, so the
    /// lock's check can point into them.
    pub sources: diagnostic::Sources,
    pub origins: diagnostic::Origins,
    lint_levels: std::collections::BTreeMap<diagnostic::Lint, diagnostic::LintLevel>,
    options: Options,
    /// After [`check_lock`]: the release the lock records, when the
    /// catalogue's contract changed (`1.1.0, a minor release after 1.0.0: ...`).
    pub release: Option<String>,
}

/// Loads and validates the catalogue at `path` (a YAML file or a folder of
/// them), keeping its warnings.
pub fn check_catalog(path: &Path, options: Options) -> Result<Checked, Failure> {
    let sources = load::read_sources(path)?;
    let files = load::parse(&sources)?;
    checked(validate::validate(&files, options), sources, options)
}

/// [`check_catalog`] for a catalogue given as file names and contents,
/// without touching the file system (for tests and fuzzing).
pub fn check_catalog_in_memory(
    files: Vec<(std::path::PathBuf, Vec<u8>)>,
    options: Options,
) -> Result<Checked, Failure> {
    let sources = diagnostic::Sources::decode(files)?;
    let parsed = load::parse(&sources)?;
    checked(validate::validate(&parsed, options), sources, options)
}

fn checked(
    result: Result<validate::Validated, Vec<Diagnostic>>,
    sources: diagnostic::Sources,
    options: Options,
) -> Result<Checked, Failure> {
    match result {
        Ok(mut valid) => {
            // Until a lock says otherwise, everything is released now.
            valid.catalog.history = compat::first_release(&valid.catalog);
            Ok(Checked {
                catalog: valid.catalog,
                warnings: Warnings::new(valid.warnings, sources.clone()),
                sources,
                origins: valid.origins,
                lint_levels: valid.lint_levels,
                options,
                release: None,
            })
        }
        Err(diagnostics) => Err(Failure::new(diagnostics, sources)),
    }
}

/// Checks `checked` against the lock at `path` (a first release when there
/// is none) and returns the lock to write. The lock joins the sources, its
/// advice the warnings, and the release history it records the catalogue
/// (for the changelog and the "since" notes).
pub fn check_lock(checked: &mut Checked, path: &Path) -> Result<String, Failure> {
    let inputs = compat::Inputs {
        origins: &checked.origins,
        lint_levels: &checked.lint_levels,
        deny_warnings: checked.options.deny_warnings,
    };
    let mut sources = checked.sources.clone();
    match compat::check(&checked.catalog, &inputs, path, &mut sources) {
        Ok(result) => {
            checked.catalog.history = result.history;
            checked.release = result.release;
            checked.warnings = std::mem::take(&mut checked.warnings).with(result.warnings, sources.clone());
            checked.sources = sources;
            Ok(result.text)
        }
        Err(problems) => Err(Failure::new(problems, sources)),
    }
}

/// Loads and validates the catalogue at `path`; warnings are dropped.
pub fn load_catalog(path: &Path) -> Result<Catalog, Failure> {
    check_catalog(path, Options::default()).map(|checked| checked.catalog)
}

/// Loads and validates a catalogue given as file names and contents, without
/// touching the file system (for tests and fuzzing); warnings are dropped.
pub fn load_catalog_from_memory(files: Vec<(std::path::PathBuf, Vec<u8>)>) -> Result<Catalog, Failure> {
    check_catalog_in_memory(files, Options::default()).map(|checked| checked.catalog)
}

/// Every file of the generated package, with paths relative to its root,
/// as `cargo xtask gen` writes it: checked against the lock beside the
/// catalogue, if there is one (which is not written).
pub fn generate(path: &Path) -> Result<Vec<GeneratedFile>, Failure> {
    let mut checked = check_catalog(path, Options::default())?;
    check_lock(&mut checked, &lock_path(path))?;
    Ok(emit::emit_all(&checked.catalog))
}
