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
pub use compat::{check_lock, lock_path};
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
}

/// Loads and validates the catalogue at `path` (a YAML file or a folder of
/// them), keeping its warnings.
pub fn check_catalog(path: &Path, options: Options) -> Result<Checked, Failure> {
    let sources = load::read_sources(path)?;
    let files = load::parse(&sources)?;
    checked(validate::validate(&files, options), sources)
}

/// [`check_catalog`] for a catalogue given as file names and contents,
/// without touching the file system (for tests and fuzzing).
pub fn check_catalog_in_memory(
    files: Vec<(std::path::PathBuf, Vec<u8>)>,
    options: Options,
) -> Result<Checked, Failure> {
    let sources = diagnostic::Sources::decode(files)?;
    let parsed = load::parse(&sources)?;
    checked(validate::validate(&parsed, options), sources)
}

fn checked(
    result: Result<(Catalog, Vec<Diagnostic>), Vec<Diagnostic>>,
    sources: diagnostic::Sources,
) -> Result<Checked, Failure> {
    match result {
        Ok((catalog, diagnostics)) => Ok(Checked { catalog, warnings: Warnings::new(diagnostics, sources) }),
        Err(diagnostics) => Err(Failure::new(diagnostics, sources)),
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

/// Every file of the generated package, with paths relative to its root.
pub fn generate(path: &Path) -> Result<Vec<GeneratedFile>, Failure> {
    let catalog = load_catalog(path)?;
    Ok(emit::emit_all(&catalog))
}
