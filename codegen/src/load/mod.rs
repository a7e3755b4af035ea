//! Load stage: find the catalogue's YAML files, read them, and parse each into
//! [`raw::RawFile`] with the source location of every key and value
//! (serde-saphyr reads the YAML).

pub mod entries;
pub mod raw;
mod spanned;

use std::path::{Path, PathBuf};

use crate::diagnostic::{Diagnostic, Failure, FileId, Sources, Span};

/// One parsed catalogue file.
#[derive(Debug)]
pub struct ParsedFile {
    pub file: FileId,
    pub raw: raw::RawFile,
}

/// Reads every catalogue file under `path` (a `.yaml` file, or a folder searched
/// recursively), in path order so the result never depends on directory order.
pub fn read_sources(path: &Path) -> Result<Sources, Failure> {
    let paths = catalogue_paths(path).map_err(|message| setup_failure(path, message))?;
    if paths.is_empty() {
        return Err(setup_failure(
            path,
            format!("no catalogue files (*.yaml) found in {}; add one, or pass --catalog PATH", path.display()),
        ));
    }
    let mut files = Vec::new();
    let mut unreadable = Vec::new();
    for file_path in paths {
        match std::fs::read(&file_path) {
            Ok(bytes) => files.push((file_path, bytes)),
            Err(error) => unreadable.push((file_path, error)),
        }
    }
    if let Some((file_path, error)) = unreadable.into_iter().next() {
        return Err(setup_failure(&file_path, format!("cannot read the file: {error}")));
    }
    Sources::decode(files)
}

/// Parses every file; reports the YAML or shape error of each file that has one.
pub fn parse(sources: &Sources) -> Result<Vec<ParsedFile>, Failure> {
    let mut parsed = Vec::new();
    let mut diagnostics = Vec::new();
    for file in sources.ids() {
        match parse_file(file, sources.text(file)) {
            Ok(raw) => parsed.push(ParsedFile { file, raw }),
            Err(diagnostic) => diagnostics.push(diagnostic),
        }
    }
    if diagnostics.is_empty() { Ok(parsed) } else { Err(Failure::new(diagnostics, sources.clone())) }
}

fn parse_file(file: FileId, text: &str) -> Result<raw::RawFile, Diagnostic> {
    if text.trim().lines().all(|line| line.trim().is_empty() || line.trim_start().starts_with('#')) {
        return Err(Diagnostic::error("the catalogue file is empty", Span::whole_file(file), "")
            .help("add catalogue keys (service, envelope, errors, ...) or delete the file"));
    }
    read_yaml(file, text, "catalogue")
}

/// Reads one YAML document of `text` (the file `file`, a `what`) into `T`;
/// the one YAML reader of the generator, for the catalogue and its lock.
pub fn read_yaml<T: serde::de::DeserializeOwned>(file: FileId, text: &str, what: &str) -> Result<T, Diagnostic> {
    let options = serde_saphyr::options! {
        // Repeated keys reach our own map type, which reports both places.
        duplicate_keys: serde_saphyr::DuplicateKeyPolicy::PassThrough,
        // `yes`/`no`/`on`/`off` are strings, not booleans: no YAML 1.1 surprises.
        strict_booleans: true,
    };
    serde_saphyr::from_str_with_options(text, options).map_err(|error| yaml_diagnostic(file, &error, what))
}

fn yaml_diagnostic(file: FileId, error: &serde_saphyr::Error, what: &str) -> Diagnostic {
    let span = match error.location() {
        Some(location) if location.line() > 0 => {
            Span { file, line: location.line() as u32, column: location.column() as u32 }
        }
        _ => Span::whole_file(file),
    };
    let message = error.without_snippet().to_string();
    // The parser appends the position, which our header already names.
    let message = match message.rfind(" at line ") {
        Some(index) => message[..index].to_string(),
        None => message,
    };
    let help = yaml_help(&message);
    let diagnostic = Diagnostic::error(format!("invalid {what}: {message}"), span, message.clone());
    match help {
        Some(help) => diagnostic.help(help),
        None => diagnostic,
    }
}

/// What to do about the parser's most common complaints.
fn yaml_help(message: &str) -> Option<String> {
    if message.contains("tabs disallowed") {
        return Some("indent with spaces; YAML does not allow tabs for indentation".into());
    }
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let (field, expected) = rest.split_once('`')?;
        let expected: Vec<&str> =
            expected.trim_start_matches(", expected one of ").trim_start_matches(", expected ").split(", ").collect();
        let expected: Vec<&str> = expected.iter().map(|name| name.trim_matches('`')).collect();
        return Some(match crate::diagnostic::did_you_mean(field, expected.iter().copied()) {
            Some(suggestion) => format!("did you mean `{suggestion}`?"),
            None => format!("remove the key; allowed keys here: {}", expected.join(", ")),
        });
    }
    if message.starts_with("missing field `") {
        return Some("add the key; see README.md for the catalogue format".into());
    }
    if message.starts_with("unknown variant `") {
        return Some("use one of the listed values".into());
    }
    if message.starts_with("invalid u16") {
        return Some("write the HTTP status as a number, e.g. 404".into());
    }
    None
}

/// The catalogue files at `path`, sorted; none when it cannot be read
/// (loading it reports why).
pub fn catalogue_files(path: &Path) -> Vec<PathBuf> {
    catalogue_paths(path).unwrap_or_default()
}

/// The catalogue files at `path`, sorted.
fn catalogue_paths(path: &Path) -> Result<Vec<PathBuf>, String> {
    let metadata = std::fs::metadata(path).map_err(|error| format!("cannot read {}: {error}", path.display()))?;
    if metadata.is_file() {
        return Ok(vec![path.to_path_buf()]);
    }
    let mut walk = Walk::default();
    walk.folder(path)?;
    walk.found.sort();
    Ok(walk.found)
}

/// A walk of a catalogue folder that reads every file and folder once:
/// a symbolic link to something already read (a link to a parent folder
/// would loop forever) is refused with one message naming the link.
#[derive(Default)]
struct Walk {
    found: Vec<PathBuf>,
    /// Canonical paths of every folder and file read so far.
    seen: std::collections::BTreeSet<PathBuf>,
}

impl Walk {
    fn folder(&mut self, dir: &Path) -> Result<(), String> {
        self.first_visit(dir)?;
        let entries = std::fs::read_dir(dir).map_err(|error| format!("cannot list {}: {error}", dir.display()))?;
        for entry in entries {
            let path = entry.map_err(|error| format!("cannot list {}: {error}", dir.display()))?.path();
            let hidden = path.file_name().and_then(|name| name.to_str()).is_some_and(|name| name.starts_with('.'));
            if hidden {
                continue;
            }
            if path.is_dir() {
                self.folder(&path)?;
            } else if matches!(path.extension().and_then(|ext| ext.to_str()), Some("yaml" | "yml")) {
                self.first_visit(&path)?;
                self.found.push(path);
            }
        }
        Ok(())
    }

    fn first_visit(&mut self, path: &Path) -> Result<(), String> {
        let canonical =
            std::fs::canonicalize(path).map_err(|error| format!("cannot read {}: {error}", path.display()))?;
        if self.seen.insert(canonical.clone()) {
            return Ok(());
        }
        Err(format!(
            "{} leads to {}, which the catalogue already reads (a symbolic link back into the catalogue); \
             remove the link, or point --catalog at one folder",
            path.display(),
            canonical.display()
        ))
    }
}

fn setup_failure(path: &Path, message: String) -> Failure {
    let mut sources = Sources::default();
    let file = sources.add(crate::diagnostic::display_path(path), String::new());
    Failure::new(vec![Diagnostic::error(message, Span::whole_file(file), "")], sources)
}
