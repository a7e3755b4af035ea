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
mod json;
mod rust;
mod schema;
mod text;
mod ts;

use crate::model::Catalog;

pub use crate::header::{REGENERATE, header_text};
/// The Rust module a build script writes, and the integrations it may carry.
pub use rust::module::{Integrations, module_rs as rust_module};
/// Folders of the generated package holding hand-written files copied
/// verbatim, the same for every catalogue: the runtime crate's sources and
/// the typed layer over it.
pub const VERBATIM_FOLDERS: [&str; 2] = [rust::runtime::RUNTIME.folder, rust::runtime::TYPED.folder];

/// Folders the generator owns outright: a file in them that it no longer
/// emits is stale even without the `@generated` marker (example bodies are
/// plain JSON and cannot carry one).
pub const OWNED_FOLDERS: &[&str] = &[schema::EXAMPLES, rust::runtime::RUNTIME.folder, rust::runtime::TYPED.folder];

/// One file of the generated package.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GeneratedFile {
    /// Relative to the package root, `/`-separated.
    pub path: String,
    pub contents: String,
}

impl GeneratedFile {
    pub fn new(path: &str, mut contents: String) -> Self {
        // Every file is held until all are written: without the spare
        // capacity a growing `String` doubles into (a third of the 64 MB of
        // output at 10,000 codes).
        contents.shrink_to_fit();
        GeneratedFile { path: path.to_string(), contents }
    }
}

/// Every file of the generated package, in a fixed order.
///
/// The parts are emitted on one thread per core (two on the machines this
/// runs on), each thread taking the next part as it finishes one, the
/// longest first (at 10,000 codes: the crate, OpenAPI with the example
/// bodies, the docs, then the rest) so no core is left with a long part
/// while the other idles. Each part is a pure function of the catalogue,
/// and the files come in the parts' order below, so the result is the same
/// bytes in the same order however the parts are shared out.
pub fn emit_all(catalog: &Catalog) -> Vec<GeneratedFile> {
    let parts: [&(dyn Fn() -> Vec<GeneratedFile> + Sync); 8] = [
        &|| vec![GeneratedFile::new("Cargo.toml", rust::cargo_toml(catalog))],
        &|| vec![GeneratedFile::new("src/lib.rs", rust::lib_rs(catalog))],
        &|| {
            let manifest = GeneratedFile::new("runtime/Cargo.toml", rust::runtime_cargo_toml(catalog));
            let verbatim = rust::runtime::TYPED.generated_files().chain(rust::runtime::RUNTIME.generated_files());
            std::iter::once(manifest).chain(verbatim).collect()
        },
        &|| {
            // The page is the markdown rendered, so the markdown is written once.
            let markdown = docs::errors_md(catalog);
            let page = docs::index_html(catalog, &markdown);
            vec![GeneratedFile::new("docs/errors.md", markdown), GeneratedFile::new("docs/index.html", page)]
        },
        &|| vec![schema::json_schema(catalog, schema::Strictness::Strict)],
        &|| vec![schema::json_schema(catalog, schema::Strictness::Open)],
        &|| schema::openapi_and_examples(catalog),
        &|| ts::ts_files(catalog),
    ];
    const LONGEST_FIRST: [usize; 8] = [1, 6, 3, 4, 7, 5, 0, 2];
    let mut done = crate::parallel::in_order(parts.len(), |index| {
        let part = LONGEST_FIRST[index];
        (part, parts[part]())
    });
    done.sort_unstable_by_key(|(part, _)| *part);
    done.into_iter().flat_map(|(_, files)| files).collect()
}
