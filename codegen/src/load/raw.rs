//! The catalogue exactly as written: one struct per YAML mapping, every value
//! wrapped in `Spanned` so later stages can point at it.
//!
//! `deny_unknown_fields` everywhere: a misspelt key is a mistake, never ignored.

use serde::Deserialize;
use serde_saphyr::Spanned;

use super::entries::Entries;

pub type Text = Spanned<String>;
pub type Map<K, V> = Entries<Spanned<K>, Spanned<V>>;

/// One YAML file of a catalogue; every top-level key is optional here because
/// a catalogue may be spread over several files.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFile {
    pub service: Option<Spanned<RawService>>,
    pub envelope: Option<Spanned<RawEnvelope>>,
    pub statuses: Option<Map<u16, RawStatus>>,
    pub types: Option<Map<String, RawType>>,
    pub groups: Option<Map<String, RawGroup>>,
    /// Spanned so an empty `errors: {}` can be pointed at.
    pub errors: Option<Spanned<Map<String, RawError>>>,
    /// Levels of the advisory checks, as in Cargo's `[lints]`:
    /// `retryable_status: allow` where a catalogue breaks one on purpose.
    pub lints: Option<Map<String, RawLintLevel>>,
    /// Deliberate breaking changes against `catalog.lock`, each with a reason.
    pub breaking_changes: Option<Vec<Spanned<RawBreakingChange>>>,
}

/// `allow`, `warn` or `deny`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RawLintLevel {
    Allow,
    Warn,
    Deny,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawBreakingChange {
    pub code: Text,
    pub change: Spanned<ChangeKind>,
    pub reason: Text,
}

/// What a breaking change does to a released code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    /// The code (or alias) is no longer in the catalogue.
    Removed,
    /// The code's HTTP status changed.
    Status,
    /// The code's type changed.
    Type,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawService {
    pub name: Text,
    #[serde(rename = "crate")]
    pub crate_name: Text,
    /// Version of the generated package; defaults to 0.1.0.
    pub version: Option<Text>,
    pub doc_url: Option<Text>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawEnvelope {
    /// Required, with `null` meaning a flat body, so a forgotten key is an
    /// error instead of a silently different wire format.
    pub wrapper: Spanned<Option<String>>,
    pub fields: Spanned<Vec<Text>>,
    pub descriptions: Option<Map<String, String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawStatus {
    pub name: Option<Text>,
    pub description: Option<Text>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawType {
    pub status: Option<Spanned<u16>>,
    pub description: Option<Text>,
    pub retryable: Option<Spanned<bool>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawGroup {
    /// Required; optional here so a missing one is reported at the group.
    pub title: Option<Text>,
    pub description: Option<Text>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawError {
    #[serde(rename = "type")]
    pub error_type: Option<Text>,
    pub group: Option<Text>,
    pub status: Option<Spanned<u16>>,
    /// Required; optional here so a missing one is reported at the code
    /// (the parser would point at the end of the entry).
    pub message: Option<Text>,
    pub cause: Option<Text>,
    pub fix: Option<Text>,
    pub retryable: Option<Spanned<bool>>,
    pub param: Option<Text>,
    pub details: Option<Map<String, RawDetail>>,
    /// Instead of `details`: the whole `details` object maps any name (e.g. a
    /// request field) to a value of one type, as in field-level validation errors.
    pub details_map: Option<Spanned<RawDetailsMap>>,
    pub aliases: Option<Vec<Text>>,
    pub deprecated: Option<Spanned<RawDeprecated>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDetail {
    /// Required; optional here so a missing one is reported at the member.
    #[serde(rename = "type")]
    pub detail_type: Option<Spanned<DetailType>>,
    pub description: Option<Text>,
    #[serde(default)]
    pub required: Option<Spanned<bool>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDetailsMap {
    /// Required; optional here so a missing one is reported at `details_map`.
    pub values: Option<Spanned<DetailType>>,
    pub description: Option<Text>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DetailType {
    String,
    Integer,
    Number,
    Boolean,
    StringMap,
    StringList,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDeprecated {
    pub replaced_by: Option<Text>,
    pub note: Option<Text>,
}
