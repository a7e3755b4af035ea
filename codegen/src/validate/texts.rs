//! Checks of catalogue prose (messages, titles, descriptions...): required
//! text is not blank, and invisible or control characters are pointed out.

use super::{Checker, span_of};
use crate::diagnostic::{Diagnostic, FileId, Lint};
use crate::invisible::{escaped, first_invisible};
use crate::load::raw::Text;

impl Checker {
    /// Text that must say something: an empty or blank message or title
    /// would publish an empty cell and an error nobody can act on.
    pub(super) fn check_required_text(&mut self, what: &str, text: &Text, file: FileId) {
        if text.value.trim().is_empty() {
            self.report(
                Diagnostic::error(format!("{what} is empty"), span_of(file, text), "blank")
                    .help(format!("write {what}: it is published in the docs and sent to clients")),
            );
        }
        self.check_text(what, text, file);
    }

    pub(super) fn check_optional_text(&mut self, what: &str, text: Option<&Text>, file: FileId) {
        if let Some(text) = text {
            self.check_text(what, text, file);
        }
    }

    /// Every output shows these characters escaped (`\u{202e}`), so nothing
    /// breaks; but text that reads differently from what it holds is worth
    /// a look, whether a paste accident or a hidden instruction.
    fn check_text(&mut self, what: &str, text: &Text, file: FileId) {
        let Some(ch) = first_invisible(&text.value) else { return };
        let count = text.value.chars().filter(|&c| crate::invisible::is_invisible(c)).count();
        let others = if count > 1 { format!(" and {} more", count - 1) } else { String::new() };
        self.report(
            Diagnostic::warning(
                Lint::InvisibleCharacters,
                format!("{what} contains the invisible or control character U+{:04X}{others}", u32::from(ch)),
                span_of(file, text),
                format!("contains {}", escaped(ch)),
            )
            .help(
                "the docs and the Rust crate show it escaped; remove it unless the text needs it \
                 (write it as a YAML escape, \"\\u200F\", to make it visible in the catalogue too)",
            ),
        );
    }
}
