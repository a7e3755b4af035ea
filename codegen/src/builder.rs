//! [`Builder`]: the generator as a library, for a `build.rs` (the way
//! prost-build and tonic-build are used) or another workspace's xtask.
//!
//! It runs the same stages as `cargo xtask gen` (load, validate, check the
//! lock, emit, write only what changed) and fails with the same located
//! diagnostics; only the outputs it is asked for are written.

use std::fmt;
use std::path::{Path, PathBuf};

use crate::emit::Integrations;
use crate::write::{Mode, WriteError};
use crate::{Failure, Options, Warnings};

/// Generates from a catalogue into the outputs named by its methods.
///
/// In a build script, the Rust module:
///
/// ```no_run
/// // build.rs
/// fn main() -> Result<(), codegen::Error> {
///     let out_dir = std::path::PathBuf::from(std::env::var_os("OUT_DIR").unwrap());
///     codegen::Builder::new("catalog.yaml").rust_module(out_dir.join("errors.rs")).run()?;
///     Ok(())
/// }
/// ```
///
/// and in the crate, in any module:
///
/// ```ignore
/// mod errors {
///     include!(concat!(env!("OUT_DIR"), "/errors.rs"));
/// }
/// ```
///
/// In an xtask, the whole package, as `cargo xtask gen` writes it:
///
/// ```no_run
/// codegen::Builder::new("catalog").package("generated").lock("catalog/catalog.lock").run()?;
/// # Ok::<(), codegen::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct Builder {
    catalog: PathBuf,
    rust_module: Option<PathBuf>,
    package: Option<PathBuf>,
    lock: Option<PathBuf>,
    integrations: Integrations,
    deny_warnings: bool,
    check: bool,
    cargo_instructions: Option<bool>,
}

/// What a successful run did.
#[derive(Debug)]
pub struct Generated {
    /// Advice that did not block generation (already printed as
    /// `cargo:warning` lines in a build script).
    pub warnings: Warnings,
    /// Files written because their contents changed (none in check mode).
    pub written: Vec<PathBuf>,
    /// Generated files of the package that are no longer generated, removed.
    pub removed: Vec<PathBuf>,
    /// A lock beside the catalogue that was checked but not written (no
    /// [`Builder::lock`] named it) and no longer matches the catalogue:
    /// naming it as the lock records this release in it.
    pub unrecorded_lock: Option<PathBuf>,
    /// The release the lock records, when the catalogue's contract changed
    /// since it (`1.1.0, a minor release after 1.0.0: adds code ...`).
    pub release: Option<String>,
}

/// Why a run failed. `Display` (and `Debug`, so `build.rs` returning it or
/// calling `unwrap` shows the same) prints the located diagnostics.
pub enum Error {
    /// The catalogue or its lock is wrong; nothing was written.
    Catalogue(Failure),
    /// An output could not be written, or is stale in check mode.
    Write(WriteError),
    /// The builder names no output.
    NoOutput,
}

impl Builder {
    /// A builder for the catalogue at `catalog`: a YAML file or a folder of them.
    pub fn new(catalog: impl AsRef<Path>) -> Self {
        Builder {
            catalog: catalog.as_ref().to_path_buf(),
            rust_module: None,
            package: None,
            lock: None,
            integrations: Integrations::default(),
            deny_warnings: false,
            check: false,
            cargo_instructions: None,
        }
    }

    /// Writes the Rust module (error codes, types, `ApiError` and its
    /// runtime) to `path`, for `include!` in any module of a crate that
    /// depends on `serde` and `serde_json`.
    #[must_use]
    pub fn rust_module(mut self, path: impl AsRef<Path>) -> Self {
        self.rust_module = Some(path.as_ref().to_path_buf());
        self
    }

    /// Writes the whole generated package (crate, schemas, docs, TypeScript)
    /// into the folder `dir`, as `cargo xtask gen --out dir` does.
    #[must_use]
    pub fn package(mut self, dir: impl AsRef<Path>) -> Self {
        self.package = Some(dir.as_ref().to_path_buf());
        self
    }

    /// The compatibility lock to check and keep up to date. Without it, a
    /// lock beside the catalogue (`catalog.lock`) is checked, never written.
    #[must_use]
    pub fn lock(mut self, path: impl AsRef<Path>) -> Self {
        self.lock = Some(path.as_ref().to_path_buf());
        self
    }

    /// Adds the `http` integration to the module (`http` 1.x must be a
    /// dependency). The package has it as a feature either way.
    #[must_use]
    pub fn http(mut self, enabled: bool) -> Self {
        self.integrations.http = enabled;
        self
    }

    /// Adds the `axum` integration to the module, and with it `http`
    /// (`axum-core` 0.5 and `http` 1.x must be dependencies).
    #[must_use]
    pub fn axum(mut self, enabled: bool) -> Self {
        self.integrations.axum = enabled;
        self.integrations.http |= enabled;
        self
    }

    /// Fails on warnings the catalogue does not allow under `lints:`.
    #[must_use]
    pub fn deny_warnings(mut self, deny: bool) -> Self {
        self.deny_warnings = deny;
        self
    }

    /// Writes nothing; fails with [`WriteError::Stale`] when an output or the
    /// lock differs from what the catalogue generates (`gen --check`).
    #[must_use]
    pub fn check(mut self, check: bool) -> Self {
        self.check = check;
        self
    }

    /// Whether to print cargo's build-script instructions
    /// (`cargo:rerun-if-changed` for every catalogue file, `cargo:warning`
    /// for warnings). By default they are printed when `OUT_DIR` is set,
    /// that is, in a build script.
    #[must_use]
    pub fn cargo_instructions(mut self, print: bool) -> Self {
        self.cargo_instructions = Some(print);
        self
    }

    /// Loads, validates, checks the lock, then writes every output asked for,
    /// each only when its contents changed, the lock last.
    ///
    /// # Errors
    ///
    /// [`Error::Catalogue`] with every problem found, located, when the
    /// catalogue is wrong (nothing is written); [`Error::Write`] when an
    /// output cannot be written, or in check mode with every stale file.
    pub fn run(self) -> Result<Generated, Error> {
        if self.rust_module.is_none() && self.package.is_none() {
            return Err(Error::NoOutput);
        }
        let cargo = self.cargo_instructions.unwrap_or_else(|| std::env::var_os("OUT_DIR").is_some());
        let lock = self.lock.clone().unwrap_or_else(|| crate::lock_path(&self.catalog));
        if cargo {
            print_rerun_if_changed(&self.catalog, &lock);
        }
        let mut checked = crate::check_catalog(&self.catalog, Options { deny_warnings: self.deny_warnings })
            .map_err(Error::Catalogue)?;
        let lock_text = crate::check_lock(&mut checked, &lock).map_err(Error::Catalogue)?;
        if cargo && !checked.warnings.is_empty() {
            for line in checked.warnings.render().lines() {
                println!("cargo:warning={line}");
            }
        }
        let mut generated = Generated {
            warnings: checked.warnings,
            written: Vec::new(),
            removed: Vec::new(),
            unrecorded_lock: None,
            release: checked.release,
        };
        self.write_outputs(&checked.catalog, &lock_text, &mut generated).map_err(Error::Write)?;
        Ok(generated)
    }

    fn mode(&self) -> Mode {
        if self.check { Mode::Check } else { Mode::Write }
    }

    /// The module, the package, then the lock: it records codes as released,
    /// so it is written only after every generated file was. In check mode
    /// all three are checked, and every stale file is named.
    fn write_outputs(&self, catalog: &crate::Catalog, lock: &str, generated: &mut Generated) -> Result<(), WriteError> {
        let mode = self.mode();
        let module = match &self.rust_module {
            Some(path) => {
                let text = crate::emit::rust_module(catalog, self.integrations);
                write_module(path, &text, mode).map(|written| generated.written.extend(written.then(|| path.clone())))
            }
            None => Ok(()),
        };
        let module = match (module, mode) {
            (Err(error), Mode::Write) => return Err(error),
            (module, _) => module,
        };
        let package = match &self.package {
            Some(dir) => {
                let files = crate::emit::emit_all(catalog);
                crate::write::ensure_package(dir, &files, crate::emit::OWNED_FOLDERS, mode).map(|report| {
                    generated.written.extend(report.written);
                    generated.removed.extend(report.removed);
                })
            }
            None => Ok(()),
        };
        let package = match (package, mode) {
            (Err(error), Mode::Write) => return Err(error),
            (package, _) => package,
        };
        let lock = self.write_lock(lock, generated);
        WriteError::merge(WriteError::merge(module, package), lock)
    }

    /// Writes (or checks) the lock [`Builder::lock`] names; a lock found
    /// beside the catalogue was checked, and is never written.
    fn write_lock(&self, text: &str, generated: &mut Generated) -> Result<(), WriteError> {
        match &self.lock {
            Some(path) => {
                if crate::write::ensure_file(path, text, self.mode())? {
                    generated.written.push(path.clone());
                }
            }
            None => {
                let path = crate::lock_path(&self.catalog);
                if std::fs::read_to_string(&path).is_ok_and(|current| current != text) {
                    generated.unrecorded_lock = Some(path);
                }
            }
        }
        Ok(())
    }
}

/// Writes the module unless `path` holds a file this tool did not write
/// (a hand-written `src/errors.rs`, say), which it refuses to replace.
fn write_module(path: &Path, text: &str, mode: Mode) -> Result<bool, WriteError> {
    if let Ok(current) = std::fs::read_to_string(path)
        && !crate::output::is_generated(&current)
    {
        return Err(WriteError::NotGenerated { path: path.to_path_buf() });
    }
    crate::write::ensure_file(path, text, mode)
}

/// Tells cargo to run the build script again when the catalogue changes: the
/// catalogue path itself (cargo scans a folder for any change, new files
/// included), every file a folder walk reads (a link may lead outside), and
/// the lock if there is one (a missing path would rerun every build).
fn print_rerun_if_changed(catalog: &Path, lock: &Path) {
    println!("cargo:rerun-if-changed={}", catalog.display());
    for file in crate::load::catalogue_files(catalog) {
        println!("cargo:rerun-if-changed={}", file.display());
    }
    if lock.exists() {
        println!("cargo:rerun-if-changed={}", lock.display());
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Catalogue(failure) => f.write_str(&failure.render()),
            Error::Write(error) => write!(f, "error: {error}"),
            Error::NoOutput => f.write_str(
                "error: the builder names no output; call `rust_module(path)` or `package(dir)` before `run()`",
            ),
        }
    }
}

/// The same text as `Display`: `fn main() -> Result<(), codegen::Error>` and
/// `unwrap()` print `Debug`, and a build script's failure should read as
/// `cargo xtask gen`'s does.
impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Write(error) => Some(error),
            Error::Catalogue(_) | Error::NoOutput => None,
        }
    }
}
