//! The catalogue exactly as written: one struct per YAML mapping, every value
//! wrapped in `Spanned` so later stages can point at it.
//!
//! `deny_unknown_fields` everywhere: a misspelt key is a mistake, never ignored.

use super::entries::Entries;
pub use super::spanned::Spanned;
use serde::Deserialize;

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
    /// The catalogue's texts in another language (a locale file).
    pub translation: Option<Spanned<RawTranslation>>,
}

/// A locale file: the catalogue's texts in the language `locale` names, by
/// code, type and group; each entry records the texts it was translated
/// from (`from`), so a later change of them is reported.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTranslation {
    pub locale: Text,
    pub types: Option<Map<String, RawTranslatedType>>,
    pub groups: Option<Map<String, RawTranslatedGroup>>,
    pub errors: Option<Map<String, RawTranslatedError>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTranslatedError {
    pub from: Option<Text>,
    pub message: Option<Text>,
    pub title: Option<Text>,
    pub cause: Option<Text>,
    pub fix: Option<Text>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTranslatedType {
    pub from: Option<Text>,
    pub description: Option<Text>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTranslatedGroup {
    pub from: Option<Text>,
    pub title: Option<Text>,
    pub description: Option<Text>,
}

/// `allow`, `warn` or `deny`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RawLintLevel {
    Allow,
    Warn,
    Deny,
}

/// A deliberate break: what changed (`change`), of what (`code`, with
/// `detail` for one of its detail members, or `type`; nothing for a change of
/// the whole envelope), and why.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawBreakingChange {
    pub code: Option<Text>,
    pub detail: Option<Text>,
    #[serde(rename = "type")]
    pub error_type: Option<Text>,
    pub change: Spanned<ChangeKind>,
    pub reason: Text,
}

/// What a breaking change does to what was released.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    /// A code, alias, detail member or type is no longer in the catalogue.
    Removed,
    /// A code's HTTP status changed.
    Status,
    /// A code's type, or a detail member's type, changed.
    Type,
    /// A code's identity on the wire (its wire code, identifying link or title) changed.
    WireCode,
    /// A detail member became required, or a required one was added.
    Required,
    /// How every code is identified on the wire changed (code style, or
    /// which member identifies codes, or the link template).
    Identity,
    /// The envelope's shape: a member removed, renamed, or given another role,
    /// style, `as`, nesting or wrapper.
    Envelope,
    /// The media type of error responses.
    MediaType,
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
    /// Where the reference is published; each code's page is under it.
    pub docs_url: Option<Text>,
    /// The languages of the catalogue's texts (BCP 47 tags), the first
    /// being the one it is written in; default `[en]`.
    pub locales: Option<Spanned<Vec<Text>>>,
    /// The `domain` of gRPC's `ErrorInfo` (AIP-193: the service's name,
    /// `pubsub.googleapis.com`); default the crate's name.
    pub grpc_domain: Option<Text>,
}

/// The envelope, in its short form (`wrapper` + `fields`) or its general
/// form (`body`, a tree of members with roles); see README.md.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawEnvelope {
    /// Short form; required with `fields`, `null` meaning a flat body, so a
    /// forgotten key is an error instead of a silently different wire format.
    #[serde(default, deserialize_with = "present")]
    pub wrapper: Option<Spanned<Option<String>>>,
    pub fields: Option<Spanned<Vec<Text>>>,
    pub descriptions: Option<Map<String, String>>,
    /// General form: the body's members in wire order.
    pub body: Option<Spanned<Map<String, RawNode>>>,
    /// `content-type` of error responses; default `application/json`.
    pub media_type: Option<Text>,
}

/// `Some` whenever the key is written, `null` included (serde would read a
/// `null` as a missing key).
fn present<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Option<Spanned<Option<String>>>, D::Error> {
    Spanned::deserialize(deserializer).map(Some)
}

/// One place of the body: a role name (`code`), an array of fixed entries,
/// or a mapping that says what it is (`role:`, `const:`, `value:`, `object:`).
///
/// Deserialized by hand, on the kind of YAML node: serde's `untagged`
/// buffers its input and would lose the source spans inside.
#[derive(Debug)]
pub enum RawNode {
    Role(String),
    Array(Vec<Spanned<RawNode>>),
    Spec(Box<RawNodeSpec>),
}

impl<'de> Deserialize<'de> for RawNode {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct NodeVisitor;

        impl<'de> serde::de::Visitor<'de> for NodeVisitor {
            type Value = RawNode;

            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a role name (code, message, ...), a list of entries, or a mapping with `role`, `const`, `value` or `object`")
            }

            fn visit_str<E: serde::de::Error>(self, value: &str) -> Result<RawNode, E> {
                Ok(RawNode::Role(value.to_string()))
            }

            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<RawNode, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element()? {
                    items.push(item);
                }
                Ok(RawNode::Array(items))
            }

            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<RawNode, A::Error> {
                let spec = RawNodeSpec::deserialize(serde::de::value::MapAccessDeserializer::new(map))?;
                Ok(RawNode::Spec(Box::new(spec)))
            }
        }

        deserializer.deserialize_any(NodeVisitor)
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawNodeSpec {
    /// code, type, message, title, status, doc_url, param, details, errors.
    pub role: Option<Text>,
    /// Of `code`: snake, upper_snake, pascal, lower_camel or integer; of
    /// `type`: a name style.
    pub style: Option<Text>,
    /// Of `status`: `number` (default) or `string`.
    #[serde(rename = "as")]
    pub status_as: Option<Text>,
    /// Of `message`: sent only when given per occurrence.
    pub optional: Option<Spanned<bool>>,
    /// Of `details`: spread the members into the enclosing object.
    pub inline: Option<Spanned<bool>>,
    /// Of `details`: the name style of the members on the wire.
    pub names: Option<Text>,
    /// Of `errors`: the members of each nested error.
    pub item: Option<Spanned<Map<String, RawNode>>>,
    /// A constant: the same JSON scalar in every response.
    #[serde(rename = "const")]
    pub constant: Option<Spanned<RawScalar>>,
    /// A per-occurrence value of this name, with `type`.
    pub value: Option<Text>,
    #[serde(rename = "type")]
    pub value_type: Option<Spanned<DetailType>>,
    /// A nested object: its members.
    pub object: Option<Spanned<Map<String, RawNode>>>,
    pub description: Option<Text>,
}

/// A JSON scalar as written in YAML.
#[derive(Clone, Debug, Deserialize)]
#[serde(untagged)]
pub enum RawScalar {
    Bool(bool),
    Integer(i64),
    Number(f64),
    Text(String),
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
    /// The gRPC status code of its codes (`NOT_FOUND`).
    pub grpc: Option<Text>,
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
    /// The gRPC status code, where the type's does not fit (`NOT_FOUND`).
    pub grpc: Option<Text>,
    pub param: Option<Text>,
    pub details: Option<Map<String, RawDetail>>,
    /// Instead of `details`: the whole `details` object maps any name (e.g. a
    /// request field) to a value of one type, as in field-level validation errors.
    pub details_map: Option<Spanned<RawDetailsMap>>,
    pub aliases: Option<Vec<Text>>,
    pub deprecated: Option<Spanned<RawDeprecated>>,
    /// Constant title, for envelopes with a `title` member.
    pub title: Option<Text>,
    /// The code as sent when not derived from its name: an integer (Twilio
    /// `20404`) or a string.
    pub wire_code: Option<Spanned<RawScalar>>,
    /// This code's documentation link, instead of `service.doc_url`.
    pub doc_url: Option<Text>,
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
