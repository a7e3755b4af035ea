//! What every generated file is and says about itself: its path and
//! contents, the command that made it, and the marker that tells the writer
//! (and people, and tools such as GitHub's) the file is generated. Below
//! both the emitters (which make files) and the writer (which reads them).

/// The command that regenerates every emitted file; named in each header.
pub const REGENERATE: &str = "cargo xtask gen";

/// The marker of a generated file, within its first three lines: the writer
/// replaces or removes only files that carry it (or lie in a folder the
/// generator owns). The same for every output, the module a build script
/// writes included.
pub const MARKER: &str = "@generated";

/// The line every file of the package starts with (in its comment syntax).
pub fn header_text() -> String {
    format!("{MARKER} by `{REGENERATE}` from the error catalogue. Do not edit: change catalog/ and run `{REGENERATE}`.")
}

/// Whether `text` is a generated file: the marker in its first three lines.
pub fn is_generated(text: &str) -> bool {
    text.lines().take(3).any(|line| line.contains(MARKER))
}

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
