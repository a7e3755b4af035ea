//! Compatibility: `catalog.lock` records every code ever released with its
//! HTTP status and type, and every alias. A catalogue change that would break
//! a client is refused unless the catalogue records it under
//! `breaking_changes:` with a reason:
//!
//! - a released code is removed (deprecate it instead; it stays parseable),
//!   or renamed without keeping the old name as an alias;
//! - a released alias is removed;
//! - a code's status or type changes, including a removed code brought back
//!   with another meaning.
//!
//! The lock is generated: `cargo xtask gen` rewrites it after a successful
//! check, and `--check` fails when it is stale.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::diagnostic::{Diagnostic, FileId, Span};
use crate::model::{Catalog, ChangeKind};
use crate::output::header_text;

/// One line of the lock.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Entry {
    Code { status: u16, error_type: Option<String>, state: State },
    Alias { of: String },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum State {
    Active,
    Deprecated,
    /// Released once, removed with a recorded breaking change; kept so the
    /// name is never reused with another meaning by accident.
    Removed,
}

/// The lock: released names, sorted, with the line each was read from.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Lock {
    pub entries: BTreeMap<String, (Entry, u32)>,
}

/// Reads a lock file. Malformed lines are located diagnostics.
pub fn parse(text: &str, file: FileId) -> Result<Lock, Vec<Diagnostic>> {
    let mut lock = Lock::default();
    let mut problems = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let number = index as u32 + 1;
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let words: Vec<&str> = line.split_whitespace().collect();
        let entry = match words.as_slice() {
            [name, "alias", of] => Some((name, Entry::Alias { of: (*of).to_string() })),
            [name, status, error_type, rest @ ..] if rest.len() <= 1 => {
                let state = match rest.first() {
                    None => Some(State::Active),
                    Some(&"deprecated") => Some(State::Deprecated),
                    Some(&"removed") => Some(State::Removed),
                    Some(_) => None,
                };
                match (status.parse::<u16>(), state) {
                    (Ok(status), Some(state)) => {
                        let error_type = (*error_type != "-").then(|| (*error_type).to_string());
                        Some((name, Entry::Code { status, error_type, state }))
                    }
                    _ => None,
                }
            }
            _ => None,
        };
        match entry {
            Some((name, entry)) => {
                lock.entries.insert((*name).to_string(), (entry, number));
            }
            None => problems.push(
                Diagnostic::error("unreadable line in the lock", Span { file, line: number, column: 1 }, "here").help(
                    "the lock is generated: restore it from version control (`git checkout catalog/catalog.lock`)",
                ),
            ),
        }
    }
    if problems.is_empty() { Ok(lock) } else { Err(problems) }
}

/// The lock of what `catalog` releases, carrying over removed codes.
fn current(catalog: &Catalog, previous: &Lock) -> Lock {
    let mut lock = Lock::default();
    for (name, (entry, _)) in &previous.entries {
        if let Entry::Code { state: State::Removed, .. } = entry {
            lock.entries.insert(name.clone(), (entry.clone(), 0));
        }
    }
    for error in &catalog.errors {
        let state = if error.deprecated.is_some() { State::Deprecated } else { State::Active };
        let error_type = catalog.error_type(error).map(|ty| ty.name.clone());
        lock.entries.insert(error.code.clone(), (Entry::Code { status: error.status, error_type, state }, 0));
        for alias in &error.aliases {
            lock.entries.insert(alias.clone(), (Entry::Alias { of: error.code.clone() }, 0));
        }
    }
    lock
}

/// Checks `catalog` against the `previous` lock (read from `file`) and
/// returns the new lock, or every break that the catalogue does not record.
pub fn check(catalog: &Catalog, previous: &Lock, file: FileId) -> Result<Lock, Vec<Diagnostic>> {
    let mut next = current(catalog, previous);
    let acknowledged = |code: &str, change: ChangeKind| {
        catalog.breaking_changes.iter().any(|ack| ack.code == code && ack.change == change)
    };
    let mut problems = Vec::new();
    for (name, (entry, line)) in &previous.entries {
        let span = Span { file, line: *line, column: 1 };
        let now = next.entries.get(name).map(|(entry, _)| entry.clone());
        match (entry, now) {
            (Entry::Code { state: State::Removed, .. }, None) => {}
            (
                Entry::Code { status, error_type, state },
                Some(Entry::Code { status: new_status, error_type: new_type, .. }),
            ) => {
                let reused = *state == State::Removed;
                if *status != new_status && !acknowledged(name, ChangeKind::Status) {
                    problems.push(changed(name, "status", &status.to_string(), &new_status.to_string(), reused, span));
                }
                if *error_type != new_type && !acknowledged(name, ChangeKind::Type) {
                    let show = |ty: &Option<String>| ty.clone().unwrap_or_else(|| "none".into());
                    problems.push(changed(name, "type", &show(error_type), &show(&new_type), reused, span));
                }
            }
            // Renamed, with the old name kept as an alias: old bodies still parse.
            (Entry::Code { state, .. }, Some(Entry::Alias { .. })) if *state != State::Removed => {}
            (Entry::Alias { .. }, Some(_)) => {}
            (Entry::Code { .. } | Entry::Alias { .. }, _) => {
                if acknowledged(name, ChangeKind::Removed) {
                    if let Entry::Code { status, error_type, .. } = entry {
                        let removed =
                            Entry::Code { status: *status, error_type: error_type.clone(), state: State::Removed };
                        next.entries.insert(name.clone(), (removed, 0));
                    }
                    continue;
                }
                problems.push(removed(name, entry, span));
            }
        }
    }
    if problems.is_empty() { Ok(next) } else { Err(problems) }
}

fn changed(name: &str, what: &str, was: &str, now: &str, reused: bool, span: Span) -> Diagnostic {
    let message = if reused {
        format!(
            "code `{name}` was released and removed with {what} {was}; reusing it with {what} {now} gives it another meaning"
        )
    } else {
        format!("code `{name}` was released with {what} {was} and now has {what} {now}")
    };
    Diagnostic::error(format!("{message} (rule: a released code keeps its {what})"), span, "as released").help(format!(
        "keep the {what}, add a new code instead, or record the break in the catalogue: \
             `breaking_changes: [{{ code: {name}, change: {what}, reason: ... }}]`"
    ))
}

fn removed(name: &str, entry: &Entry, span: Span) -> Diagnostic {
    match entry {
        Entry::Alias { of } => Diagnostic::error(
            format!("alias `{name}` of `{of}` was released and is gone (rule: released aliases stay parseable)"),
            span,
            "as released",
        )
        .help(format!("keep `{name}` in the `aliases:` of a code, or record `breaking_changes: [{{ code: {name}, change: removed, reason: ... }}]`")),
        Entry::Code { .. } => Diagnostic::error(
            format!("code `{name}` was released and is no longer in the catalogue (rule: released codes are never removed)"),
            span,
            "as released",
        )
        .help(format!(
            "keep it and mark it `deprecated: {{ replaced_by: <code> }}`, or list `{name}` in the `aliases:` of the code \
             that replaces it, or record `breaking_changes: [{{ code: {name}, change: removed, reason: ... }}]`"
        )),
    }
}

/// The lock file's text: a header, then one sorted line per name.
pub fn render(lock: &Lock) -> String {
    let mut out = format!(
        "# {}\n# Every error code ever released, with its HTTP status and type, and every alias.\n\
         # `cargo xtask gen` refuses changes that would break clients; see README.md, \"Compatibility\".\n",
        header_text()
    );
    for (name, (entry, _)) in &lock.entries {
        let _ = match entry {
            Entry::Alias { of } => writeln!(out, "{name} alias {of}"),
            Entry::Code { status, error_type, state } => {
                let state = match state {
                    State::Active => "",
                    State::Deprecated => " deprecated",
                    State::Removed => " removed",
                };
                writeln!(out, "{name} {status} {}{state}", error_type.as_deref().unwrap_or("-"))
            }
        };
    }
    out
}
/// Where a catalogue's lock lives: `catalog.lock` in the catalogue folder, or
/// beside the catalogue file.
pub fn lock_path(catalog: &std::path::Path) -> std::path::PathBuf {
    if catalog.is_dir() { catalog.join("catalog.lock") } else { catalog.with_extension("lock") }
}

/// Checks `catalog` (loaded from `path`) against its lock, if it has one, and
/// returns the lock text to write.
pub fn check_lock(catalog: &Catalog, path: &std::path::Path) -> Result<String, crate::Failure> {
    let lock_file = lock_path(path);
    let previous = match std::fs::read(&lock_file) {
        Ok(bytes) => Some(bytes),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => None,
        Err(error) => {
            let mut sources = crate::diagnostic::Sources::default();
            let file = sources.add(crate::diagnostic::display_path(&lock_file), String::new());
            let diagnostic = crate::Diagnostic::error(
                format!("cannot read the lock: {error}"),
                crate::diagnostic::Span::whole_file(file),
                "",
            );
            return Err(crate::Failure::new(vec![diagnostic], sources));
        }
    };
    let mut sources =
        crate::diagnostic::Sources::decode(previous.into_iter().map(|bytes| (lock_file.clone(), bytes)).collect())?;
    let first = sources.ids().next();
    let previous = match first {
        Some(file) => {
            parse(sources.text(file), file).map_err(|problems| crate::Failure::new(problems, sources.clone()))?
        }
        None => {
            // No lock yet: everything in the catalogue is being released now.
            sources.add(crate::diagnostic::display_path(&lock_file), String::new());
            Lock::default()
        }
    };
    let file = sources.ids().next().expect("the lock is a source");
    let next = check(catalog, &previous, file).map_err(|problems| crate::Failure::new(problems, sources))?;
    Ok(render(&next))
}
