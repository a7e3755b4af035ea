//! Levels of the advisory checks: the catalogue's `lints:` section (in the
//! spirit of Cargo's `[lints]`) and `--deny-warnings`.

use std::collections::BTreeMap;

use super::{Checker, Options, did_you_mean};
use crate::diagnostic::{Diagnostic, Lint, LintLevel, Severity};
use crate::load::ParsedFile;
use crate::load::raw::RawLintLevel;

impl Checker {
    /// The levels set in every file's `lints:` section; an unknown lint name
    /// or a lint set twice is an error.
    pub(super) fn lint_levels(&mut self, files: &[ParsedFile]) -> BTreeMap<Lint, LintLevel> {
        let mut levels = BTreeMap::new();
        let lints = self.collect(files, "lint", |raw| raw.lints.as_ref());
        for (name, span, level) in lints {
            let Some(lint) = Lint::from_name(&name) else {
                let known = Lint::ALL.map(Lint::name);
                let help = match did_you_mean(&name, known) {
                    Some(suggestion) => format!("did you mean `{suggestion}`?"),
                    None => format!("the checks that can be set: {}", known.join(", ")),
                };
                self.report(Diagnostic::error(format!("unknown lint `{name}`"), span, "no such check").help(help));
                continue;
            };
            let level = match *level {
                RawLintLevel::Allow => LintLevel::Allow,
                RawLintLevel::Warn => LintLevel::Warn,
                RawLintLevel::Deny => LintLevel::Deny,
            };
            levels.insert(lint, level);
        }
        levels
    }
}

/// Drops allowed warnings, turns denied ones into errors, and says why on
/// each so the reader knows how to change it.
pub(super) fn apply_levels(
    diagnostics: Vec<Diagnostic>,
    levels: &BTreeMap<Lint, LintLevel>,
    options: Options,
) -> Vec<Diagnostic> {
    let mut out = Vec::with_capacity(diagnostics.len());
    for mut diagnostic in diagnostics {
        let Some(lint) = diagnostic.lint else {
            out.push(diagnostic);
            continue;
        };
        let name = lint.name();
        let (severity, note) = match (levels.get(&lint), options.deny_warnings) {
            (Some(LintLevel::Allow), _) => continue,
            (Some(LintLevel::Deny), _) => (Severity::Error, format!("`{name}` is denied by the catalogue's `lints:`")),
            (Some(LintLevel::Warn) | None, true) => (
                Severity::Error,
                format!(
                    "`{name}` is a warning made an error by --deny-warnings; if this is deliberate, allow it in the catalogue: `lints: {{ {name}: allow }}`"
                ),
            ),
            (Some(LintLevel::Warn) | None, false) => (
                Severity::Warning,
                format!(
                    "`{name}` is a warning; if this is deliberate, allow it in the catalogue: `lints: {{ {name}: allow }}`"
                ),
            ),
        };
        diagnostic.severity = severity;
        diagnostic.note = Some(note);
        out.push(diagnostic);
    }
    out
}
