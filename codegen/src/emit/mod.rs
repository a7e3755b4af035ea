//! Emit stage: pure functions from the [`Catalog`] to file contents.
//!
//! Nothing here reads the clock, the environment or the file system, so the
//! same catalogue always gives byte-identical output.

/// `writeln!` into a `String`, which cannot fail: no result to ignore.
macro_rules! emitln {
    ($out:expr, $($arg:tt)*) => {{
        use std::fmt::Write as _;
        writeln!($out, $($arg)*).expect("writing to a String cannot fail")
    }};
}

/// `write!` into a `String`, which cannot fail.
macro_rules! emit {
    ($out:expr, $($arg:tt)*) => {{
        use std::fmt::Write as _;
        write!($out, $($arg)*).expect("writing to a String cannot fail")
    }};
}

mod docs;
pub mod example;
mod handlers;
mod rust;
mod schema;
mod text;
mod ts;

use crate::model::Catalog;

pub use crate::header::{REGENERATE, header_text};
/// The Rust module a build script writes, and the integrations it may carry.
pub use rust::module::{Integrations, module_rs as rust_module};
/// Where the runtime's files go in the generated package: copied verbatim,
/// the same for every catalogue.
pub use rust::runtime::FOLDER as RUNTIME_FOLDER;

/// Folders the generator owns outright: a file in them that it no longer
/// emits is stale even without the `@generated` marker (example bodies are
/// plain JSON and cannot carry one).
pub const OWNED_FOLDERS: &[&str] = &[schema::EXAMPLES, rust::runtime::FOLDER];

/// One file of the generated package.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GeneratedFile {
    /// Relative to the package root, `/`-separated.
    pub path: String,
    pub contents: String,
}

impl GeneratedFile {
    pub fn new(path: &str, contents: String) -> Self {
        GeneratedFile { path: path.to_string(), contents }
    }
}

/// Every file of the generated package, in a fixed order.
///
/// The Rust crate (the slowest output: tokens, parsing, formatting) is
/// emitted on a second thread while this one writes the docs and schemas;
/// each output is a pure function of the catalogue, so the result is the
/// same bytes either way.
pub fn emit_all(catalog: &Catalog) -> Vec<GeneratedFile> {
    let (lib_rs, mut rest) = std::thread::scope(|scope| {
        let lib_rs = scope.spawn(|| rust::lib_rs(catalog));
        let mut rest = vec![
            GeneratedFile::new("docs/errors.md", docs::errors_md(catalog)),
            GeneratedFile::new("docs/index.html", docs::index_html(catalog)),
        ];
        rest.extend(schema::schema_files(catalog));
        rest.extend(ts::ts_files(catalog));
        (lib_rs.join().expect("the Rust emitter does not panic"), rest)
    });
    let mut files =
        vec![GeneratedFile::new("Cargo.toml", rust::cargo_toml(catalog)), GeneratedFile::new("src/lib.rs", lib_rs)];
    files.extend(rust::runtime::runtime_files());
    files.append(&mut rest);
    files
}
