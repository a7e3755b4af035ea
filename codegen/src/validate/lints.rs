//! Levels of the advisory checks: the catalogue's `lints:` section (in the
//! spirit of Cargo's `[lints]`) and `--deny-warnings`.

use std::collections::BTreeMap;

use super::{Checker, did_you_mean};
use crate::diagnostic::{Diagnostic, Lint, LintLevel};
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
