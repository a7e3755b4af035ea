//! The error-catalogue generator: YAML catalogue in, Rust crate, JSON Schema and
//! error reference out.
//!
//! The stages are separate modules so each can be tested and reasoned about on
//! its own: [`load`] parses YAML keeping source locations, [`validate`] checks
//! every rule and resolves references into the [`model`], and [`emit`] turns the
//! model into file contents without touching the file system. [`write`] is the
//! only module that writes, and it writes only files whose contents changed.

pub mod diagnostic;
pub mod emit;
pub mod load;
pub mod model;
pub mod validate;
pub mod write;

use std::path::Path;

pub use diagnostic::{Diagnostic, Failure};
pub use emit::GeneratedFile;
pub use model::Catalog;

/// Loads and validates the catalogue at `path` (a YAML file or a folder of them).
pub fn load_catalog(path: &Path) -> Result<Catalog, Failure> {
    let sources = load::read_sources(path)?;
    let files = load::parse(&sources)?;
    validate::validate(&files).map_err(|diagnostics| Failure::new(diagnostics, sources))
}

/// Loads and validates a catalogue given as file names and contents, without
/// touching the file system (for tests and fuzzing).
pub fn load_catalog_from_memory(files: Vec<(std::path::PathBuf, Vec<u8>)>) -> Result<Catalog, Failure> {
    let sources = load::decode_sources(files)?;
    let parsed = load::parse(&sources)?;
    validate::validate(&parsed).map_err(|diagnostics| Failure::new(diagnostics, sources))
}

/// Every file of the generated package, with paths relative to its root.
pub fn generate(path: &Path) -> Result<Vec<GeneratedFile>, Failure> {
    let catalog = load_catalog(path)?;
    Ok(emit::emit_all(&catalog))
}
