//! Compatibility: `catalog.lock` records the wire contract of every release
//! (see [`lock`]). Each run compares the catalogue's contract with it
//! ([`rules`]); a change that would break a client of the last release is
//! refused unless the catalogue records it under `breaking_changes:` with a
//! reason, and the catalogue's `service.version` must be the release the
//! changes need ([`versions`]). The lock then moves on, keeping the dates
//! of what was released and the reasons of every recorded break, which the
//! changelog is made from ([`history`]).
//!
//! The lock is generated: `cargo xtask gen` rewrites it after a successful
//! check, and `--check` fails when it is stale.

mod contract;
mod history;
mod lock;
mod reasons;
mod rules;
mod versions;

use std::path::{Path, PathBuf};

use crate::diagnostic::{Diagnostic, FileId, Lint, LintLevel, Origins, Sources, Span, display_path};
use crate::load::raw::Spanned;
use crate::model::{Catalog, ChangeKind, History, Subject};
use lock::{Format1Entry, Lock, LockedAlias, LockedBreak, LockedCode, LockedType, Read};
use rules::{Break, Findings};
use serde_saphyr::FlowMap;
use versions::{Bump, Version};

/// Where a catalogue's lock lives: `catalog.lock` in the catalogue folder, or
/// beside the catalogue file.
pub fn lock_path(catalog: &Path) -> PathBuf {
    if catalog.is_dir() { catalog.join("catalog.lock") } else { catalog.with_extension("lock") }
}

/// The history of a catalogue with no lock: all of it released now.
pub fn first_release(catalog: &Catalog) -> History {
    let mut lock = contract::of(catalog);
    reasons::number_reasons(&mut lock, None);
    history::of(&lock)
}

/// What the lock's check found.
#[derive(Debug)]
pub struct Checked {
    /// The lock to write.
    pub text: String,
    pub history: History,
    /// Advice (retry advice changed), at the catalogue's lint levels.
    pub warnings: Vec<Diagnostic>,
    /// What this run records, when the contract changed: the release and
    /// the kind of version it is (`1.1.0, a minor release after 1.0.0: ...`).
    pub release: Option<String>,
}

/// Everything the check needs besides the catalogue.
pub struct Inputs<'a> {
    pub origins: &'a Origins,
    pub lint_levels: &'a std::collections::BTreeMap<Lint, LintLevel>,
    pub deny_warnings: bool,
}

/// Checks `catalog` against the lock at `path` (none there: a first
/// release), adding the lock to `sources`; returns the lock to write, or
/// every break the catalogue does not record.
pub fn check(
    catalog: &Catalog,
    inputs: &Inputs<'_>,
    path: &Path,
    sources: &mut Sources,
) -> Result<Checked, Vec<Diagnostic>> {
    let (file, previous) = read_previous(catalog, path, sources)?;
    let mut next = contract::of(catalog);
    let Some(previous) = previous else {
        reasons::number_reasons(&mut next, None);
        return Ok(finish(next, Vec::new()));
    };
    contract::carry_history(&mut next, &previous);
    // After the history: removed codes carried over keep their numbers.
    reasons::number_reasons(&mut next, Some(&previous));
    let findings = rules::compare(&previous, &next, inputs.origins, file);
    let mut problems = Vec::new();
    let mut recorded = false;
    for found in &findings.breaks {
        match acknowledgement(catalog, &previous, found) {
            Ok(reason) => {
                record(&mut next, &previous, found, reason);
                recorded = true;
            }
            Err(hint) => problems.push(refusal(found, file, hint)),
        }
    }
    if let Some(release) = next.releases.last_mut() {
        release.retry_advice.extend(findings.retry_changes.iter().cloned());
    }
    if problems.is_empty() {
        problems.extend(version_problem(&previous, &next, &findings, recorded, inputs.origins, file));
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    next.sort();
    let release = release_summary(&previous, &next, &findings);
    let warnings = crate::diagnostic::apply_levels(findings.advice, inputs.lint_levels, inputs.deny_warnings);
    if warnings.iter().any(Diagnostic::is_error) {
        return Err(warnings);
    }
    Ok(Checked { release, ..finish(next, warnings) })
}

fn finish(next: Lock, warnings: Vec<Diagnostic>) -> Checked {
    Checked { text: lock::render(&next), history: history::of(&next), warnings, release: None }
}

/// The release this run records, in one line, when the contract changed.
fn release_summary(previous: &Lock, next: &Lock, findings: &Findings) -> Option<String> {
    let (breaks, additions, advice) = (findings.breaks.len(), findings.additions.len(), findings.advice.len());
    if breaks + additions + advice == 0 {
        return None;
    }
    let (now, released) = (Version::parse(&next.version.value)?, Version::parse(&previous.version.value)?);
    let mut parts = Vec::new();
    if breaks > 0 {
        parts.push(format!("{breaks} recorded breaking change{}", if breaks == 1 { "" } else { "s" }));
    }
    if let Some(first) = findings.additions.first() {
        let more = if additions > 1 {
            format!(" (and {} more compatible change{})", additions - 1, if additions == 2 { "" } else { "s" })
        } else {
            String::new()
        };
        parts.push(format!("{first}{more}"));
    }
    if advice > 0 {
        parts.push("changed retry advice".to_string());
    }
    Some(format!("{now}, {} after {released}: {}", now.bump_from(released).name(), parts.join("; ")))
}

/// Reads the lock at `path` into `sources`: the file's id, and the lock (an
/// older format upgraded), or none when there is no lock yet.
fn read_previous(
    catalog: &Catalog,
    path: &Path,
    sources: &mut Sources,
) -> Result<(FileId, Option<Lock>), Vec<Diagnostic>> {
    let bytes = match std::fs::read(path) {
        Ok(bytes) => Some(bytes),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => None,
        Err(error) => {
            let file = sources.add(display_path(path), String::new());
            let message = format!("cannot read the lock: {error}");
            return Err(vec![Diagnostic::error(message, Span::whole_file(file), "")]);
        }
    };
    let Some(bytes) = bytes else {
        return Ok((sources.add(display_path(path), String::new()), None));
    };
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(_) => {
            let file = sources.add(display_path(path), String::new());
            let diagnostic = Diagnostic::error("the lock is not valid UTF-8", Span::whole_file(file), "")
                .help("the lock is generated: restore it from version control (`git checkout catalog/catalog.lock`)");
            return Err(vec![diagnostic]);
        }
    };
    let file = sources.add(display_path(path), text);
    let lock = match lock::read(sources.text(file), file)? {
        Read::Current(lock) => lock,
        Read::Format1(entries) => upgrade(catalog, &entries),
    };
    Ok((file, Some(lock)))
}

/// A format 1 lock as format 2: what it recorded (names, statuses, types,
/// aliases, deprecated and removed codes) is kept and checked; what it did
/// not (wire identities, details, retry advice, the envelope) is taken from
/// the catalogue, and everything is dated with the catalogue's version.
fn upgrade(catalog: &Catalog, entries: &[(String, Format1Entry, u32)]) -> Lock {
    let mut lock = contract::of(catalog);
    let version = catalog.service.version.clone();
    let current = lock.codes();
    let mut codes = Vec::new();
    let mut aliases = Vec::new();
    for (name, entry, line) in entries {
        let key = Spanned { value: name.clone(), line: *line, column: 1 };
        match entry {
            Format1Entry::Code { status, error_type, deprecated, removed } => {
                let mut code = current.get(name.as_str()).map_or_else(
                    || LockedCode {
                        since: version.clone(),
                        deprecated: None,
                        replaced_by: None,
                        removed: None,
                        wire: None,
                        status: *status,
                        error_type: None,
                        retryable: false,
                        details: Default::default(),
                        grpc: None,
                        reason: None,
                    },
                    |(code, _)| (*code).clone(),
                );
                code.status = *status;
                code.error_type.clone_from(error_type);
                code.deprecated = deprecated.then(|| version.clone());
                if *removed {
                    code =
                        LockedCode { removed: Some(version.clone()), wire: None, details: Default::default(), ..code };
                }
                codes.push((key, code));
            }
            Format1Entry::Alias { of } => {
                aliases.push((key, FlowMap(LockedAlias { of: of.clone(), since: version.clone(), removed: None })));
            }
        }
    }
    lock.codes.0 = codes;
    lock.aliases.0 = aliases;
    lock
}

/// The reason the catalogue gives for `found`, or why it does not count.
fn acknowledgement<'a>(catalog: &'a Catalog, previous: &Lock, found: &Break) -> Result<&'a str, String> {
    let Some(ack) =
        catalog.breaking_changes.iter().find(|ack| ack.subject == found.subject && ack.change == found.change)
    else {
        return Err(String::new());
    };
    let earlier = previous.releases.iter().find(|release| {
        release
            .breaking
            .iter()
            .any(|b| b.subject() == found.subject && b.change == found.change.as_str() && b.reason == ack.reason)
    });
    let subject = &found.subject;
    match earlier {
        None => Ok(&ack.reason),
        Some(release) => Err(format!(
            "the entry `{}` for {subject} was recorded for release {}; a new break needs an entry of its own (with this release's reason)",
            found.change.as_str(),
            release.version
        )),
    }
}

/// Records an acknowledged break in this release, and keeps what it
/// removes in the lock, marked removed.
fn record(next: &mut Lock, previous: &Lock, found: &Break, reason: &str) {
    let version = next.version.value.clone();
    let entry = LockedBreak::new(&found.subject, found.change.as_str(), &found.what, reason);
    if let Some(release) = next.releases.last_mut()
        && !release.breaking.contains(&entry)
    {
        release.breaking.push(entry);
    }
    if found.change != ChangeKind::Removed {
        return;
    }
    let removed = |name: &Spanned<String>| Spanned::unplaced(name.value.clone());
    match &found.subject {
        Subject::Code(name) => {
            if let Some((key, code)) = previous.codes.0.iter().find(|(key, _)| key.value == *name) {
                next.codes.0.retain(|(key, _)| key.value != *name);
                next.codes.0.push((removed(key), LockedCode { removed: Some(version.clone()), ..code.clone() }));
            }
            if let Some((key, alias)) = previous.aliases.0.iter().find(|(key, _)| key.value == *name)
                && !next.aliases.0.iter().any(|(key, _)| key.value == *name)
            {
                let gone = LockedAlias { removed: Some(version.clone()), ..alias.0.clone() };
                next.aliases.0.push((removed(key), FlowMap(gone)));
            }
        }
        Subject::Type(name) => {
            if let Some((key, ty)) = previous.types.0.iter().find(|(key, _)| key.value == *name) {
                next.types.0.retain(|(key, _)| key.value != *name);
                let gone = LockedType { removed: Some(version), ..ty.0.clone() };
                next.types.0.push((removed(key), FlowMap(gone)));
            }
        }
        Subject::Detail { .. } | Subject::Catalogue => {}
    }
}

/// A break the catalogue does not record: located at the catalogue and at
/// the lock, with how to avoid it and how to record it.
fn refusal(found: &Break, lock_file: FileId, hint: String) -> Diagnostic {
    let lock_span = Span { file: lock_file, line: found.lock_line, column: 1 };
    let message = format!("{}: {} (rule `{}`)", found.subject, found.what, found.rule);
    let diagnostic = match found.at {
        Some(at) => Diagnostic::error(message, at, "changed here").also(lock_span, "as released"),
        None => Diagnostic::error(message, lock_span, "as released"),
    };
    let record = record_example(found);
    let hint = if hint.is_empty() { String::new() } else { format!("{hint}; ") };
    diagnostic.help(format!(
        "{hint}this breaks clients built from the last release: {}, or record the break in the catalogue: `breaking_changes: [{record}]`",
        found.instead
    ))
}

/// The `breaking_changes` entry that records `found`.
fn record_example(found: &Break) -> String {
    let change = found.change.as_str();
    match &found.subject {
        Subject::Code(code) => format!("{{ code: {code}, change: {change}, reason: ... }}"),
        Subject::Detail { code, member } => {
            format!("{{ code: {code}, detail: \"{member}\", change: {change}, reason: ... }}")
        }
        Subject::Type(name) => format!("{{ type: {name}, change: {change}, reason: ... }}"),
        Subject::Catalogue => format!("{{ change: {change}, reason: ... }}"),
    }
}

/// Whether `service.version` is a release the changes allow: the lock's
/// version was released, so a change of the contract needs a new version:
/// a recorded break a major one, additions and deprecations a minor one,
/// new retry advice a patch.
fn version_problem(
    previous: &Lock,
    next: &Lock,
    findings: &Findings,
    broke: bool,
    origins: &Origins,
    lock_file: FileId,
) -> Option<Diagnostic> {
    let lock_span = Span { file: lock_file, line: previous.version.line, column: 1 };
    let at = origins.version.unwrap_or(lock_span);
    let unreadable = |text: &str, span: Span| {
        Diagnostic::error(format!("version `{text}` is not MAJOR.MINOR.PATCH with numbers below 2^64"), span, "here")
            .help("write the version as three numbers, e.g. 1.2.0")
    };
    let Some(now) = Version::parse(&next.version.value) else {
        return Some(unreadable(&next.version.value, at));
    };
    let Some(released) = Version::parse(&previous.version.value) else {
        return Some(unreadable(&previous.version.value, lock_span));
    };
    if now < released {
        let message = format!("`service.version` is {now}, but the lock records {released} as released");
        let diagnostic = Diagnostic::error(message, at, "older than the last release").also(lock_span, "released");
        return Some(diagnostic.help(format!("versions only go up: set `version: {released}` or later")));
    }
    let (needed, why) = if broke {
        let rule = findings.breaks.first().map_or("", |found| found.rule);
        (Bump::Major, format!("it records a breaking change (`{rule}`)"))
    } else if let Some(addition) = findings.additions.first() {
        (Bump::Minor, format!("it {addition}"))
    } else if !findings.advice.is_empty() {
        (Bump::Patch, "it changes retry advice".to_string())
    } else {
        return None;
    };
    let have = now.bump_from(released);
    if have >= needed {
        return None;
    }
    let message = format!("this release needs {} after {released}: {why}; {now} is {}", needed.name(), have.name());
    let help = format!(
        "set `version: {}` under `service:` (as Cargo reads semver: breaking → major, before 1.0.0 minor; \
         additions → minor, before 1.0.0 patch)",
        released.next(needed)
    );
    Some(Diagnostic::error(message, at, "this release's version").also(lock_span, "last release").help(help))
}
