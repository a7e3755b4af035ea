//! The error-catalogue generator: YAML catalogue in, Rust crate, JSON Schema and
//! error reference out.
//!
//! The stages are separate modules so each can be tested and reasoned about on
//! its own: [`load`] parses YAML keeping source locations, [`validate`] checks
//! every rule and resolves references into the [`model`], and [`emit`] turns the
//! model into file contents without touching the file system. [`write`] is the
//! only module that writes, and it writes only files whose contents changed.

pub mod compat;
pub mod diagnostic;
pub mod emit;
pub mod invisible;
pub mod load;
pub mod model;
pub mod synth;
pub mod validate;
pub mod write;

use std::path::Path;

pub use diagnostic::{Diagnostic, Failure, Warnings};
pub use emit::GeneratedFile;
pub use model::Catalog;
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
    let sources = load::decode_sources(files)?;
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

/// Where a catalogue's lock lives: `catalog.lock` in the catalogue folder, or
/// beside the catalogue file.
pub fn lock_path(catalog: &Path) -> std::path::PathBuf {
    if catalog.is_dir() { catalog.join("catalog.lock") } else { catalog.with_extension("lock") }
}

/// Checks `catalog` (loaded from `path`) against its lock, if it has one, and
/// returns the lock text to write.
pub fn check_lock(catalog: &Catalog, path: &Path) -> Result<String, Failure> {
    let lock_file = lock_path(path);
    let previous = match std::fs::read(&lock_file) {
        Ok(bytes) => Some(bytes),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => None,
        Err(error) => {
            let mut sources = diagnostic::Sources::default();
            let file = sources.add(load::display_path(&lock_file), String::new());
            let diagnostic =
                Diagnostic::error(format!("cannot read the lock: {error}"), diagnostic::Span::whole_file(file), "");
            return Err(Failure::new(vec![diagnostic], sources));
        }
    };
    let mut sources = load::decode_sources(previous.into_iter().map(|bytes| (lock_file.clone(), bytes)).collect())?;
    let first = sources.ids().next();
    let previous = match first {
        Some(file) => {
            compat::parse(sources.text(file), file).map_err(|problems| Failure::new(problems, sources.clone()))?
        }
        None => {
            // No lock yet: everything in the catalogue is being released now.
            sources.add(load::display_path(&lock_file), String::new());
            compat::Lock::default()
        }
    };
    let file = sources.ids().next().expect("the lock is a source");
    let next = compat::check(catalog, &previous, file).map_err(|problems| Failure::new(problems, sources))?;
    Ok(compat::render(&next))
}

/// Every file of the generated package, with paths relative to its root.
pub fn generate(path: &Path) -> Result<Vec<GeneratedFile>, Failure> {
    let catalog = load_catalog(path)?;
    Ok(emit::emit_all(&catalog))
}
