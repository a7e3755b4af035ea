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
mod locales;
mod proto;
mod rust;
mod schema;
mod text;
mod ts;

use crate::model::Catalog;

pub use crate::output::{GeneratedFile, REGENERATE, header_text};
/// The integrations the module a build script writes may carry.
pub use rust::module::Integrations;
/// Folders of the generated package holding hand-written files copied
/// verbatim, the same for every catalogue: the runtime crate's sources and
/// the typed layer over it.
pub const VERBATIM_FOLDERS: [&str; 2] = [rust::runtime::RUNTIME.folder, rust::runtime::TYPED.folder];

/// Folders the generator owns outright: a file in them that it no longer
/// emits is stale even without the `@generated` marker (example bodies are
/// plain JSON and cannot carry one).
pub const OWNED_FOLDERS: &[&str] = &[
    schema::EXAMPLES,
    docs::CODE_PAGES[0],
    docs::CODE_PAGES[1],
    rust::runtime::RUNTIME.folder,
    rust::runtime::TYPED.folder,
];

/// The Rust module a build script writes: the crate's items, its runtime
/// and its schemas in one file for `include!`.
pub fn rust_module(catalog: &Catalog, integrations: Integrations) -> String {
    rust::module::module_rs(catalog, integrations, schema::schema_documents(catalog))
}

/// Every file of the generated package, in a fixed order.
pub fn emit_all(catalog: &Catalog) -> Vec<GeneratedFile> {
    let mut files = vec![
        GeneratedFile::new("Cargo.toml", rust::cargo_toml(catalog)),
        GeneratedFile::new(
            "src/lib.rs",
            rust::lib_rs(catalog, [schema::STRICT_SCHEMA, schema::CLIENT_SCHEMA, schema::OPENAPI]),
        ),
        GeneratedFile::new("runtime/Cargo.toml", rust::runtime_cargo_toml(catalog)),
    ];
    files.extend(rust::runtime::TYPED.generated_files());
    files.extend(rust::runtime::RUNTIME.generated_files());
    // The page is the markdown rendered, so the markdown is written once;
    // one of each per language.
    for locale in 0..catalog.locales.len().max(1) {
        let markdown = docs::errors_md(catalog, locale);
        let page = docs::index_html(catalog, locale, &markdown);
        let (markdown_path, page_path) = docs::reference_paths(catalog, locale);
        files.push(GeneratedFile::new(&markdown_path, markdown));
        files.push(GeneratedFile::new(&page_path, page));
    }
    files.push(GeneratedFile::new("docs/changelog.md", docs::changelog_md(catalog)));
    files.extend(docs::code_pages(catalog));
    files.push(schema::json_schema(catalog, schema::Strictness::Strict));
    files.push(schema::json_schema(catalog, schema::Strictness::Open));
    files.extend(schema::openapi_and_examples(catalog));
    files.extend(ts::ts_files(catalog));
    files.push(GeneratedFile::new(locales::TEMPLATE, locales::template_yaml(catalog)));
    files.push(GeneratedFile::new(&proto::path(catalog), proto::error_reason_proto(catalog)));
    files
}
