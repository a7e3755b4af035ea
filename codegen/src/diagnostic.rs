//! Located diagnostics: what went wrong, where (file:line:column), and what to do.
//!
//! Every stage reports problems as [`Diagnostic`]s instead of stopping at the
//! first one, so a user fixes a catalogue in one pass. [`Failure`] carries them
//! together with the sources they point into, and renders them the way rustc
//! does (via annotate-snippets), showing the offending line.

use std::collections::BTreeMap;
use std::fmt;

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

/// Index of a file in [`Sources`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FileId(pub u32);

/// A place in a catalogue file. Lines and columns are 1-based; `column` counts
/// characters, as editors do. A span without a file position (line 0) points at
/// the file as a whole.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    pub file: FileId,
    pub line: u32,
    pub column: u32,
}

impl Span {
    pub fn whole_file(file: FileId) -> Self {
        Span { file, line: 0, column: 0 }
    }
}

/// One labelled place of a diagnostic.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Label {
    pub span: Span,
    pub text: String,
    pub primary: bool,
}

/// Whether a diagnostic stops generation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// The output would be wrong or would not compile: nothing is written.
    Error,
    /// Advice: printed, never blocking, unless denied (`--deny-warnings`, or
    /// the catalogue's `lints:` section).
    Warning,
}

/// One problem: a message, the places involved and, where we know it, a fix.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// The advisory check that found it, for warnings (and warnings turned
    /// into errors), so the catalogue can allow it by name.
    pub lint: Option<Lint>,
    pub message: String,
    pub labels: Vec<Label>,
    pub help: Option<String>,
    /// Why a lint reports at this level, e.g. "denied by --deny-warnings".
    pub note: Option<String>,
}

impl Diagnostic {
    pub fn error(message: impl Into<String>, span: Span, label: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            lint: None,
            message: message.into(),
            labels: vec![Label { span, text: label.into(), primary: true }],
            help: None,
            note: None,
        }
    }

    /// Advice from the named check: a warning unless the catalogue or the
    /// command line sets the check's level otherwise.
    pub fn warning(lint: Lint, message: impl Into<String>, span: Span, label: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Warning, lint: Some(lint), ..Diagnostic::error(message, span, label) }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// Adds a secondary place, e.g. the first definition of a duplicate.
    pub fn also(mut self, span: Span, label: impl Into<String>) -> Self {
        self.labels.push(Label { span, text: label.into(), primary: false });
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn primary_span(&self) -> Span {
        self.labels.iter().find(|label| label.primary).map(|label| label.span).unwrap_or(self.labels[0].span)
    }
}

/// The advisory checks: each one finds something a well-known public API
/// does on purpose, so it warns instead of refusing the catalogue.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Lint {
    /// A retryable code or type whose status usually means retrying the same
    /// request cannot help (Stripe retries `processing_error`, a 402).
    RetryableStatus,
    /// An error status outside 400-599 (Slack answers errors with 200).
    NonErrorStatus,
    /// Text with bidi controls, zero-width or other invisible or control
    /// characters: legitimate in some scripts, and a way to hide text.
    InvisibleCharacters,
    /// A type or group that no code uses.
    UnusedDefinition,
    /// A released code's retry advice changed: clients keep the advice they
    /// were built with until they update (never a broken body, so advice).
    RetryAdviceChanged,
    /// A locale lacks some of the catalogue's texts: they fall back to the
    /// catalogue's own language (a translation under way is normal).
    MissingTranslation,
    /// A translation made from texts the catalogue has since changed, or
    /// that does not say what it was made from.
    StaleTranslation,
    /// A code whose gRPC status maps to another HTTP status than its own.
    GrpcStatus,
    /// A code too long for a gRPC reason (AIP-193: 63 characters).
    GrpcReason,
}

impl Lint {
    pub const ALL: [Lint; 9] = [
        Lint::RetryableStatus,
        Lint::NonErrorStatus,
        Lint::InvisibleCharacters,
        Lint::UnusedDefinition,
        Lint::RetryAdviceChanged,
        Lint::MissingTranslation,
        Lint::StaleTranslation,
        Lint::GrpcStatus,
        Lint::GrpcReason,
    ];

    /// The name used in the catalogue's `lints:` section and in messages.
    pub fn name(self) -> &'static str {
        match self {
            Lint::RetryableStatus => "retryable_status",
            Lint::NonErrorStatus => "non_error_status",
            Lint::InvisibleCharacters => "invisible_characters",
            Lint::UnusedDefinition => "unused_definition",
            Lint::RetryAdviceChanged => "retry_advice_changed",
            Lint::MissingTranslation => "missing_translation",
            Lint::StaleTranslation => "stale_translation",
            Lint::GrpcStatus => "grpc_status",
            Lint::GrpcReason => "grpc_reason",
        }
    }

    pub fn from_name(name: &str) -> Option<Lint> {
        Lint::ALL.into_iter().find(|lint| lint.name() == name)
    }
}

/// How a lint reports, as set in the catalogue's `lints:` section.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum LintLevel {
    Allow,
    Warn,
    Deny,
}

/// Drops allowed warnings, turns denied ones into errors, and says why on
/// each so the reader knows how to change it.
pub fn apply_levels(
    diagnostics: Vec<Diagnostic>,
    levels: &BTreeMap<Lint, LintLevel>,
    deny_warnings: bool,
) -> Vec<Diagnostic> {
    let mut out = Vec::with_capacity(diagnostics.len());
    for mut diagnostic in diagnostics {
        let Some(lint) = diagnostic.lint else {
            out.push(diagnostic);
            continue;
        };
        let name = lint.name();
        let (severity, note) = match (levels.get(&lint), deny_warnings) {
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

/// Where the parts of a valid catalogue are written, by name: the model
/// holds no positions, so a later check (the lock's) finds them here.
#[derive(Clone, Debug, Default)]
pub struct Origins {
    /// Each code's key.
    pub codes: BTreeMap<String, Span>,
    /// Each alias, where it is listed.
    pub aliases: BTreeMap<String, Span>,
    /// Each detail member, by (code, member).
    pub details: BTreeMap<(String, String), Span>,
    /// Each type's key.
    pub types: BTreeMap<String, Span>,
    /// The `envelope:` key.
    pub envelope: Option<Span>,
    /// `service.version`, else the `service:` key.
    pub version: Option<Span>,
}

/// The text of every file a catalogue was read from.
#[derive(Clone, Debug, Default)]
pub struct Sources {
    files: Vec<SourceFile>,
}

#[derive(Clone, Debug)]
struct SourceFile {
    /// As shown to the user: relative to the working directory where possible.
    display: String,
    text: String,
}

impl Sources {
    /// Checks that every file is UTF-8 and collects them; files are named as
    /// given (relative to the working folder where possible). A file that is
    /// not UTF-8 is reported where its first invalid byte is.
    pub fn decode(files: Vec<(std::path::PathBuf, Vec<u8>)>) -> Result<Sources, Failure> {
        let mut sources = Sources::default();
        let mut diagnostics = Vec::new();
        for (file_path, bytes) in files {
            let display = display_path(&file_path);
            match String::from_utf8(bytes) {
                Ok(text) => {
                    sources.add(display, text);
                }
                Err(error) => {
                    let valid_up_to = error.utf8_error().valid_up_to();
                    let bytes = error.into_bytes();
                    // Keep the valid prefix so the diagnostic can show the line.
                    let text = String::from_utf8_lossy(&bytes[..valid_up_to]).into_owned();
                    let (line, column) = end_of(&text);
                    let file = sources.add(display, text);
                    diagnostics.push(
                        Diagnostic::error(
                            "the file is not valid UTF-8",
                            Span { file, line, column },
                            "invalid byte here",
                        )
                        .help("save the file as UTF-8"),
                    );
                }
            }
        }
        if diagnostics.is_empty() { Ok(sources) } else { Err(Failure::new(diagnostics, sources)) }
    }

    pub fn add(&mut self, display: String, text: String) -> FileId {
        self.files.push(SourceFile { display, text });
        FileId(u32::try_from(self.files.len() - 1).expect("fewer than 2^32 catalogue files"))
    }

    pub fn ids(&self) -> impl Iterator<Item = FileId> + '_ {
        (0..self.files.len()).map(|index| FileId(index as u32))
    }

    pub fn text(&self, file: FileId) -> &str {
        &self.files[file.0 as usize].text
    }

    pub fn display(&self, file: FileId) -> &str {
        &self.files[file.0 as usize].display
    }

    /// Byte range of the token that starts at `span`, for underlining.
    fn token_range(&self, span: Span) -> Option<std::ops::Range<usize>> {
        if span.line == 0 {
            return None;
        }
        let text = self.text(span.file);
        let line_start = text.split_inclusive('\n').take(span.line as usize - 1).map(str::len).sum::<usize>();
        let line = text[line_start..].split('\n').next().unwrap_or("");
        let column_offset =
            line.char_indices().nth(span.column.saturating_sub(1) as usize).map_or(line.len(), |(offset, _)| offset);
        let start = line_start + column_offset;
        let rest = &line[column_offset..];
        Some(start..start + token_len(rest).max(usize::from(!rest.is_empty())))
    }
}

/// Length of the YAML token at the start of `rest`: a quoted string, or a plain
/// scalar up to the next `: `, `,`, `]`, `}` or ` #`.
fn token_len(rest: &str) -> usize {
    let mut chars = rest.char_indices();
    match chars.next() {
        Some((_, quote @ ('"' | '\''))) => {
            let mut escaped = false;
            for (offset, ch) in chars {
                if ch == quote && !escaped {
                    return offset + 1;
                }
                escaped = quote == '"' && ch == '\\' && !escaped;
            }
            rest.len()
        }
        Some((_, '{' | '[')) => 1,
        _ => {
            let end = [": ", ",", "]", "}", " #"].iter().filter_map(|stop| rest.find(stop)).min().unwrap_or(rest.len());
            let token = rest[..end].trim_end();
            token.strip_suffix(':').unwrap_or(token).len()
        }
    }
}

/// A catalogue that could not be turned into output: every problem found
/// (warnings too), with the sources needed to show them.
#[derive(Debug)]
pub struct Failure {
    pub diagnostics: Vec<Diagnostic>,
    pub sources: Sources,
}

impl Failure {
    pub fn new(mut diagnostics: Vec<Diagnostic>, sources: Sources) -> Self {
        // Report in file order, then position, whatever order the checks ran in.
        diagnostics.sort_by_key(|diagnostic| diagnostic.primary_span());
        Failure { diagnostics, sources }
    }

    /// Renders every diagnostic as plain text (no colour): stable for tests.
    pub fn render(&self) -> String {
        self.render_with(&Renderer::plain())
    }

    pub fn render_with(&self, renderer: &Renderer) -> String {
        let mut out = render_all(&self.diagnostics, &self.sources, renderer);
        let errors = self.diagnostics.iter().filter(|diagnostic| diagnostic.is_error()).count();
        let warnings = self.diagnostics.len() - errors;
        out.push_str(&format!("error: the catalogue has {}", plural(errors, "problem")));
        if warnings > 0 {
            out.push_str(&format!(" and {}", plural(warnings, "warning")));
        }
        out.push_str("; nothing was written");
        out
    }

    /// One `file:line:column: message` line per diagnostic, for logs and tests.
    pub fn summary(&self) -> Vec<String> {
        self.diagnostics
            .iter()
            .map(|diagnostic| {
                let span = diagnostic.primary_span();
                format!("{}:{}:{}: {}", self.sources.display(span.file), span.line, span.column, diagnostic.message)
            })
            .collect()
    }
}

/// Warnings of a catalogue that was accepted: shown, never blocking.
#[derive(Debug, Default)]
pub struct Warnings {
    pub diagnostics: Vec<Diagnostic>,
    pub sources: Sources,
}

impl Warnings {
    pub fn new(mut diagnostics: Vec<Diagnostic>, sources: Sources) -> Self {
        diagnostics.sort_by_key(|diagnostic| diagnostic.primary_span());
        Warnings { diagnostics, sources }
    }

    pub fn is_empty(&self) -> bool {
        self.diagnostics.is_empty()
    }

    /// These warnings and `more`, all pointing into `sources` (which holds
    /// every file the first ones point into).
    pub fn with(self, more: Vec<Diagnostic>, sources: Sources) -> Self {
        let mut diagnostics = self.diagnostics;
        diagnostics.extend(more);
        Warnings::new(diagnostics, sources)
    }

    /// Every warning as plain text, then a count; empty when there is none.
    pub fn render(&self) -> String {
        if self.diagnostics.is_empty() {
            return String::new();
        }
        let mut out = render_all(&self.diagnostics, &self.sources, &Renderer::plain());
        out.push_str(&format!(
            "warning: the catalogue has {} (`--deny-warnings` makes them errors)",
            plural(self.diagnostics.len(), "warning")
        ));
        out
    }
}

fn plural(count: usize, noun: &str) -> String {
    format!("{count} {noun}{}", if count == 1 { "" } else { "s" })
}

fn render_all(diagnostics: &[Diagnostic], sources: &Sources, renderer: &Renderer) -> String {
    let mut out = String::new();
    for diagnostic in diagnostics {
        out.push_str(&render_one(diagnostic, sources, renderer));
        out.push_str("\n\n");
    }
    out
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render())
    }
}

impl std::error::Error for Failure {}

fn render_one(diagnostic: &Diagnostic, sources: &Sources, renderer: &Renderer) -> String {
    // The header names file:line:column itself so the place is there even in
    // a log that strips the snippet.
    let primary = diagnostic.primary_span();
    let title = if primary.line == 0 {
        format!("{}: {}", sources.display(primary.file), diagnostic.message)
    } else {
        format!("{}:{}:{}: {}", sources.display(primary.file), primary.line, primary.column, diagnostic.message)
    };
    let level = if diagnostic.is_error() { Level::ERROR } else { Level::WARNING };
    let mut group = Group::with_title(level.primary_title(title));
    // One snippet per file, with every label that falls in it.
    let mut files: Vec<FileId> = diagnostic.labels.iter().map(|label| label.span.file).collect();
    files.dedup();
    let mut seen = Vec::new();
    for file in files {
        if seen.contains(&file) {
            continue;
        }
        seen.push(file);
        let labels: Vec<&Label> =
            diagnostic.labels.iter().filter(|label| label.span.file == file && label.span.line > 0).collect();
        if labels.is_empty() {
            continue;
        }
        let mut snippet = Snippet::source(sources.text(file)).path(sources.display(file));
        for label in labels {
            let Some(range) = sources.token_range(label.span) else { continue };
            let kind = if label.primary { AnnotationKind::Primary } else { AnnotationKind::Context };
            snippet = snippet.annotation(kind.span(range).label(&label.text));
        }
        group = group.element(snippet);
    }
    let mut report = vec![group];
    if let Some(help) = &diagnostic.help {
        report.push(Group::with_title(Level::HELP.secondary_title(help)));
    }
    if let Some(note) = &diagnostic.note {
        report.push(Group::with_title(Level::NOTE.secondary_title(note)));
    }
    renderer.render(&report).to_string()
}

/// The closest candidate within a small edit distance, for "did you mean".
pub fn did_you_mean<'a>(wrong: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let limit = (wrong.chars().count() / 3).clamp(1, 4);
    candidates
        .into_iter()
        .map(|candidate| (edit_distance(wrong, candidate), candidate))
        .filter(|(distance, _)| *distance <= limit)
        .min_by_key(|(distance, candidate)| (*distance, *candidate))
        .map(|(_, candidate)| candidate)
}

/// Levenshtein distance counting an adjacent swap as one edit.
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut previous_previous = vec![0; b.len() + 1];
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for i in 1..=a.len() {
        let mut current = vec![i; b.len() + 1];
        for j in 1..=b.len() {
            let substitution = previous[j - 1] + usize::from(a[i - 1] != b[j - 1]);
            current[j] = substitution.min(previous[j] + 1).min(current[j - 1] + 1);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                current[j] = current[j].min(previous_previous[j - 2] + 1);
            }
        }
        previous_previous = std::mem::replace(&mut previous, current);
    }
    previous[b.len()]
}

/// The path relative to the working directory when it lies below it, so
/// messages read `catalog/errors.yaml:3:5` rather than a long absolute path.
pub(crate) fn display_path(path: &std::path::Path) -> String {
    let relative =
        std::env::current_dir().ok().and_then(|cwd| path.strip_prefix(cwd).ok().map(|path| path.to_path_buf()));
    relative.unwrap_or_else(|| path.to_path_buf()).display().to_string()
}

/// The line and column (1-based) just after the end of `text`.
fn end_of(text: &str) -> (u32, u32) {
    let line = text.matches('\n').count() + 1;
    let column = text.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    (u32::try_from(line).unwrap_or(u32::MAX), u32::try_from(column).unwrap_or(u32::MAX))
}

#[cfg(test)]
mod tests {
    use super::{did_you_mean, token_len};

    #[test]
    fn suggestions_are_near_misses() {
        assert_eq!(did_you_mean("rate_limit_eror", ["rate_limit_error", "server_error"]), Some("rate_limit_error"));
        assert_eq!(did_you_mean("statu", ["status", "message"]), Some("status"));
        assert_eq!(did_you_mean("zzz", ["status", "message"]), None);
    }

    #[test]
    fn token_len_stops_at_yaml_delimiters() {
        assert_eq!(token_len("call_not_found:"), 14);
        assert_eq!(token_len("call_not_found: x"), 14);
        assert_eq!(token_len("\"four hundred\"\n"), 14);
        assert_eq!(token_len("rate_limit_error, status: 429 }"), 16);
        assert_eq!(token_len("404 # comment"), 3);
    }
}
