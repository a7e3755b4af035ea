//! The lock file, `catalog.lock`: the wire contract of every release, as
//! YAML (read by the catalogue's reader, written by the same library's
//! writer), sorted by name so a review diff shows exactly what changed.
//!
//! Format 2 records, for each code ever released, what identifies it on the
//! wire, its status, type, retry advice and detail members, with the version
//! each was released (and deprecated, removed) in; each alias and type; the
//! envelope's members and media type; and every release with the breaking
//! changes it recorded. A format 1 lock (one line per code: `name status
//! type [deprecated|removed]`, `name alias of`) is read and upgraded.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_saphyr::FlowMap;

use crate::diagnostic::{Diagnostic, FileId, Span};
use crate::load::entries::Entries;
use crate::load::raw::Spanned;
use crate::model::Subject;
use crate::output::header_text;

/// The format this generator writes.
pub const FORMAT: u32 = 2;

/// A whole lock. Entries keep where they were read (line 0 when made here).
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lock {
    pub format: u32,
    /// The catalogue's `service.version` when the lock was last written.
    pub version: Spanned<String>,
    /// Every version recorded, oldest first.
    pub releases: Vec<LockedRelease>,
    pub envelope: LockedEnvelope,
    #[serde(default, skip_serializing_if = "Entries::is_empty")]
    pub types: Entries<Spanned<String>, FlowMap<LockedType>>,
    #[serde(default)]
    pub codes: Entries<Spanned<String>, LockedCode>,
    #[serde(default, skip_serializing_if = "Entries::is_empty")]
    pub aliases: Entries<Spanned<String>, FlowMap<LockedAlias>>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LockedRelease {
    pub version: String,
    /// The breaking changes this release recorded, with their reasons.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub breaking: Vec<LockedBreak>,
    /// Codes whose retry advice this release changed: retryable now or not.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub retry_advice: BTreeMap<String, bool>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LockedBreak {
    /// What broke, named as in `breaking_changes:` (none of the three: the envelope).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub error_type: Option<String>,
    /// The kind, as written in `breaking_changes:` (`status`).
    pub change: String,
    /// The change itself, e.g. "status 404 → 410".
    pub what: String,
    pub reason: String,
}

impl LockedBreak {
    pub fn subject(&self) -> Subject {
        match (&self.code, &self.detail, &self.error_type) {
            (Some(code), Some(member), _) => Subject::Detail { code: code.clone(), member: member.clone() },
            (Some(code), None, _) => Subject::Code(code.clone()),
            (None, _, Some(name)) => Subject::Type(name.clone()),
            (None, _, None) => Subject::Catalogue,
        }
    }

    pub fn new(subject: &Subject, change: &str, what: &str, reason: &str) -> LockedBreak {
        let (code, detail, error_type) = match subject {
            Subject::Code(code) => (Some(code.clone()), None, None),
            Subject::Detail { code, member } => (Some(code.clone()), Some(member.clone()), None),
            Subject::Type(name) => (None, None, Some(name.clone())),
            Subject::Catalogue => (None, None, None),
        };
        LockedBreak { code, detail, error_type, change: change.into(), what: what.into(), reason: reason.into() }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LockedEnvelope {
    pub media_type: Spanned<String>,
    /// How codes are told apart on the wire: `code <style>`, `doc_url
    /// <template>`, `title`, or `none`.
    pub identity: Spanned<String>,
    /// Every place of the body (`error.code`, `errors[].detail`) and what it
    /// holds (`code`, `type upper_snake`, `details inline snake`, ...).
    pub members: Entries<Spanned<String>, String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LockedType {
    /// The name as sent, in the envelope's type style.
    pub wire: String,
    pub since: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub removed: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LockedAlias {
    /// The code the alias names.
    pub of: String,
    pub since: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub removed: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LockedCode {
    pub since: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deprecated: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replaced_by: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub removed: Option<String>,
    /// What identifies the code on the wire (see the envelope's `identity`);
    /// absent when nothing does.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wire: Option<Wire>,
    pub status: u16,
    /// The type's catalogue name.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub error_type: Option<String>,
    pub retryable: bool,
    /// Detail members by catalogue name; `*` is a details map.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub details: BTreeMap<String, FlowMap<LockedDetail>>,
    /// Its gRPC status code (`NOT_FOUND`); absent in locks written before
    /// the catalogue had one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grpc: Option<String>,
    /// The number of its reason in the generated `.proto`: never changed,
    /// never given again once the code is removed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<u32>,
}

/// A code's identity on the wire: an integer code, or text (a code, link or title).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Wire {
    Integer(i64),
    Text(String),
}

impl std::fmt::Display for Wire {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Wire::Integer(value) => write!(f, "{value}"),
            Wire::Text(text) => write!(f, "{text:?}"),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LockedDetail {
    #[serde(rename = "type")]
    pub detail_type: String,
    pub required: bool,
    pub since: String,
    /// The member's name on the wire, where the envelope's style changes it
    /// (`zones_with_capacity` is sent as `zonesWithCapacity`); a change of
    /// it is a change of that style, which the envelope's members record.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wire: Option<String>,
}

/// A name of the lock with the entry and the line it was read from.
pub type Located<'a, T> = BTreeMap<&'a str, (&'a T, u32)>;

impl Lock {
    /// The codes by name, with their lines.
    pub fn codes(&self) -> Located<'_, LockedCode> {
        self.codes.0.iter().map(|(name, code)| (name.value.as_str(), (code, name.line))).collect()
    }

    pub fn aliases(&self) -> Located<'_, LockedAlias> {
        self.aliases.0.iter().map(|(name, alias)| (name.value.as_str(), (&alias.0, name.line))).collect()
    }

    pub fn types(&self) -> Located<'_, LockedType> {
        self.types.0.iter().map(|(name, ty)| (name.value.as_str(), (&ty.0, name.line))).collect()
    }

    pub fn members(&self) -> Located<'_, String> {
        self.envelope.members.0.iter().map(|(path, node)| (path.value.as_str(), (node, path.line))).collect()
    }

    /// Sorts every section by name, as it is written.
    pub fn sort(&mut self) {
        self.types.0.sort_by(|a, b| a.0.value.cmp(&b.0.value));
        self.codes.0.sort_by(|a, b| a.0.value.cmp(&b.0.value));
        self.aliases.0.sort_by(|a, b| a.0.value.cmp(&b.0.value));
        self.envelope.members.0.sort_by(|a, b| a.0.value.cmp(&b.0.value));
    }
}

/// What a lock file held: the current format, or the first one (to upgrade).
pub enum Read {
    Current(Lock),
    Format1(Vec<(String, Format1Entry, u32)>),
}

/// One line of a format 1 lock.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Format1Entry {
    Code { status: u16, error_type: Option<String>, deprecated: bool, removed: bool },
    Alias { of: String },
}

/// Reads a lock of either format; problems are located diagnostics.
pub fn read(text: &str, file: FileId) -> Result<Read, Vec<Diagnostic>> {
    let first = text.lines().map(str::trim).find(|line| !line.is_empty() && !line.starts_with('#'));
    if first.is_some_and(|line| !line.starts_with("format:")) {
        return read_format1(text, file).map(Read::Format1);
    }
    let lock: Lock = crate::load::read_yaml(file, text, "lock").map_err(|diagnostic| {
        vec![
            diagnostic
                .help("the lock is generated: restore it from version control (`git checkout catalog/catalog.lock`)"),
        ]
    })?;
    if lock.format != FORMAT {
        let diagnostic = Diagnostic::error(
            format!("the lock is in format {}, which this generator does not know", lock.format),
            Span { file, line: 1, column: 1 },
            "",
        )
        .help(format!("this generator reads formats 1 and {FORMAT}: update the generator"));
        return Err(vec![diagnostic]);
    }
    let problems = unreadable_versions(&lock, file);
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(Read::Current(lock))
}

/// Every version the lock names must be MAJOR.MINOR.PATCH: they are
/// compared, and shown in the changelog and the generated code's docs.
fn unreadable_versions(lock: &Lock, file: FileId) -> Vec<Diagnostic> {
    let mut found: Vec<(&str, u32)> = vec![(&lock.version.value, lock.version.line)];
    found.extend(lock.releases.iter().map(|release| (release.version.as_str(), lock.version.line)));
    for (name, code) in &lock.codes.0 {
        let dates = [Some(&code.since), code.deprecated.as_ref(), code.removed.as_ref()];
        found.extend(dates.into_iter().flatten().map(|version| (version.as_str(), name.line)));
        found.extend(code.details.values().map(|detail| (detail.0.since.as_str(), name.line)));
    }
    for (name, alias) in &lock.aliases.0 {
        let dates = [Some(&alias.0.since), alias.0.removed.as_ref()];
        found.extend(dates.into_iter().flatten().map(|version| (version.as_str(), name.line)));
    }
    for (name, ty) in &lock.types.0 {
        let dates = [Some(&ty.0.since), ty.0.removed.as_ref()];
        found.extend(dates.into_iter().flatten().map(|version| (version.as_str(), name.line)));
    }
    let bad = found.into_iter().filter(|(version, _)| super::versions::Version::parse(version).is_none());
    bad.map(|(version, line)| {
        Diagnostic::error(
            format!("the lock names version {version:?}, which is not MAJOR.MINOR.PATCH"),
            Span { file, line, column: 1 },
            "here",
        )
        .help("the lock is generated: restore it from version control (`git checkout catalog/catalog.lock`)")
    })
    .collect()
}

/// The lines of a format 1 lock.
fn read_format1(text: &str, file: FileId) -> Result<Vec<(String, Format1Entry, u32)>, Vec<Diagnostic>> {
    let mut entries = Vec::new();
    let mut problems = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let number = u32::try_from(index + 1).unwrap_or(u32::MAX);
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let words: Vec<&str> = line.split_whitespace().collect();
        let entry = match words.as_slice() {
            [name, "alias", of] => Some((name, Format1Entry::Alias { of: (*of).to_string() })),
            [name, status, error_type, rest @ ..] if rest.len() <= 1 => {
                let state = rest.first().copied();
                match (status.parse::<u16>(), state) {
                    (Ok(status), None | Some("deprecated" | "removed")) => Some((
                        name,
                        Format1Entry::Code {
                            status,
                            error_type: (*error_type != "-").then(|| (*error_type).to_string()),
                            deprecated: state == Some("deprecated"),
                            removed: state == Some("removed"),
                        },
                    )),
                    _ => None,
                }
            }
            _ => None,
        };
        match entry {
            Some((name, entry)) => entries.push(((*name).to_string(), entry, number)),
            None => problems.push(
                Diagnostic::error("unreadable line in the lock", Span { file, line: number, column: 1 }, "here").help(
                    "the lock is generated: restore it from version control (`git checkout catalog/catalog.lock`)",
                ),
            ),
        }
    }
    if problems.is_empty() { Ok(entries) } else { Err(problems) }
}

/// The lock file's text: a header saying what it is, then the YAML.
pub fn render(lock: &Lock) -> String {
    let yaml = serde_saphyr::to_string(lock).expect("a lock is plain strings, numbers and maps");
    format!(
        "# {}\n# The wire contract of every release: each code, alias and type ever released and\n\
         # the envelope, with the version each appeared in. `cargo xtask gen` refuses changes\n\
         # that would break clients; see README.md, \"Compatibility\".\n{yaml}",
        header_text()
    )
}
