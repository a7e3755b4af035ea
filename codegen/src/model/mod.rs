//! The resolved catalogue every emitter works from: references are indices,
//! defaults are applied, Rust identifiers are chosen and checked, and order is
//! catalogue order (files in path order, entries in the order written).
//!
//! Nothing here refers back to YAML; emitters never see raw input.

/// A whole, valid catalogue.
#[derive(Clone, Debug, PartialEq)]
pub struct Catalog {
    pub service: Service,
    pub envelope: Envelope,
    /// HTTP statuses to document, ascending.
    pub statuses: Vec<Status>,
    pub types: Vec<ErrorType>,
    pub groups: Vec<Group>,
    pub errors: Vec<ErrorDef>,
    /// Deliberate breaking changes the catalogue acknowledges.
    pub breaking_changes: Vec<BreakingChange>,
    /// What each release changed, from the lock (with no lock: everything
    /// is released in the service's version).
    pub history: History,
    /// The languages of the texts: the catalogue's own first (`en` unless
    /// `service.locales` says otherwise), then each translation.
    pub locales: Vec<Locale>,
}

/// A recorded, deliberate break of what was released.
#[derive(Clone, Debug, PartialEq)]
pub struct BreakingChange {
    pub subject: Subject,
    pub change: ChangeKind,
    pub reason: String,
}

/// What a breaking change is about.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Subject {
    /// A code or an alias, by its catalogue name.
    Code(String),
    /// A detail member of a code (`*` for a code's details map).
    Detail { code: String, member: String },
    /// A type, by its catalogue name.
    Type(String),
    /// The catalogue as a whole: its envelope, media type or identity.
    Catalogue,
}

impl std::fmt::Display for Subject {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Subject::Code(code) => write!(f, "code `{code}`"),
            Subject::Detail { code, member } => write!(f, "detail `{member}` of `{code}`"),
            Subject::Type(name) => write!(f, "type `{name}`"),
            Subject::Catalogue => f.write_str("the envelope"),
        }
    }
}

/// What a breaking change does (the `change:` of a `breaking_changes` entry).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum ChangeKind {
    /// A code, alias, detail member or type is no longer in the catalogue.
    Removed,
    /// A code's HTTP status changed.
    Status,
    /// A code's type, or a detail member's type, changed.
    Type,
    /// A code's identity on the wire changed (wire code, identifying link or title).
    WireCode,
    /// A detail member became required, or a required one was added.
    Required,
    /// How every code is identified on the wire changed.
    Identity,
    /// The envelope's shape changed.
    Envelope,
    /// The media type of error responses changed.
    MediaType,
}

impl ChangeKind {
    /// As written in `breaking_changes:` and in the lock.
    pub fn as_str(self) -> &'static str {
        match self {
            ChangeKind::Removed => "removed",
            ChangeKind::Status => "status",
            ChangeKind::Type => "type",
            ChangeKind::WireCode => "wire_code",
            ChangeKind::Required => "required",
            ChangeKind::Identity => "identity",
            ChangeKind::Envelope => "envelope",
            ChangeKind::MediaType => "media_type",
        }
    }
}

/// What each release changed, as the lock records it: for the changelog,
/// and the "since" and "deprecated in" notes of each code.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct History {
    /// Each code ever released, by catalogue name.
    pub codes: std::collections::BTreeMap<String, CodeHistory>,
    /// The version each type was first released in, by catalogue name.
    pub types: std::collections::BTreeMap<String, String>,
    /// Every release, newest first.
    pub releases: Vec<Release>,
}

/// When a code was released and deprecated.
#[derive(Clone, Debug, PartialEq)]
pub struct CodeHistory {
    pub since: String,
    pub deprecated: Option<String>,
    /// The integer wire code it was released with, where codes are sent as
    /// integers: a removed code's page keeps that name too.
    pub wire_integer: Option<i64>,
    /// The number of its reason in the generated `.proto`.
    pub reason: Option<u32>,
    /// Whether a release removed it (its reason's number is then reserved).
    pub removed: bool,
}

/// One version's changes.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Release {
    pub version: String,
    /// Codes first released in this version.
    pub added: Vec<String>,
    /// Types first released in this version.
    pub added_types: Vec<String>,
    /// Detail members added to codes released before: (code, member).
    pub added_details: Vec<(String, String)>,
    /// Codes renamed: (old name, now an alias, and the code it names).
    pub renamed: Vec<(String, String)>,
    /// Aliases added: (alias, the code it names).
    pub aliases: Vec<(String, String)>,
    /// Codes deprecated, with their replacement.
    pub deprecated: Vec<(String, Option<String>)>,
    /// Codes removed.
    pub removed: Vec<String>,
    /// Codes whose retry advice changed: whether they are retryable now.
    pub retry_advice: Vec<(String, bool)>,
    /// Recorded breaking changes.
    pub breaking: Vec<RecordedBreak>,
}

/// A breaking change as recorded when it was released.
#[derive(Clone, Debug, PartialEq)]
pub struct RecordedBreak {
    pub subject: Subject,
    /// The change, e.g. "status 404 → 410".
    pub what: String,
    pub reason: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Service {
    pub name: String,
    /// Package name of the generated crate, e.g. `flireo-errors`.
    pub crate_name: String,
    pub version: String,
    /// Template of each error's documentation URL: `{code}` is replaced by
    /// the catalogue's name, `{wire_code}` by the code as sent.
    pub doc_url: Option<String>,
    /// The `domain` of gRPC's `ErrorInfo`: the service's name.
    pub grpc_domain: String,
    /// Where the reference is published, ending in `/`: each code's page
    /// is `codes/<page>.html` under it ([`Catalog::page_name`]), and its
    /// default `doc_url`.
    pub docs_url: Option<String>,
}

impl Service {
    /// The error's documentation URL, when the catalogue has a template:
    /// for the code named `code`, sent as `wire_code`.
    pub fn doc_url_for(&self, code: &str, wire_code: &str) -> Option<String> {
        self.doc_url.as_ref().map(|template| template.replace("{code}", code).replace("{wire_code}", wire_code))
    }

    /// The published page named `page`, where the catalogue says where the
    /// reference is published.
    pub fn page_url(&self, page: &str) -> Option<String> {
        self.docs_url.as_ref().map(|base| format!("{base}codes/{page}.html"))
    }

    /// The name an API goes by in prose: "Flireo API", and "GitHub REST
    /// API" rather than "GitHub REST API API".
    pub fn api_name(&self) -> String {
        let name = self.name.trim_end();
        let last = name.rsplit(char::is_whitespace).next().unwrap_or(name);
        if last.eq_ignore_ascii_case("api") { name.to_string() } else { format!("{name} API") }
    }
}

pub mod envelope;
mod grpc;
mod locale;

pub use envelope::{CodeStyle, Envelope, Member, NameStyle, Node, Place, Role, Value, places};
pub use grpc::{GrpcCode, MAX_REASON_LEN};
pub use locale::{ErrorTexts, GroupTexts, Locale, error_source, group_source, source_hash, type_source};

#[derive(Clone, Debug, PartialEq)]
pub struct Status {
    pub code: u16,
    pub name: Option<String>,
    pub description: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ErrorType {
    pub name: String,
    /// Rust variant name, e.g. `RateLimitError`.
    pub ident: String,
    pub status: Option<u16>,
    pub description: Option<String>,
    pub retryable: bool,
    /// The gRPC status code of its codes, if the catalogue names one.
    pub grpc: Option<GrpcCode>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Group {
    pub name: String,
    pub title: String,
    pub description: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ErrorDef {
    pub code: String,
    /// Rust variant name, e.g. `CallNotFound`.
    pub ident: String,
    /// Index into [`Catalog::types`].
    pub error_type: Option<usize>,
    /// Index into [`Catalog::groups`].
    pub group: Option<usize>,
    pub status: u16,
    /// Default message; may hold `{member}` placeholders naming detail members.
    pub message: String,
    pub cause: Option<String>,
    pub fix: Option<String>,
    pub retryable: bool,
    pub param: Option<String>,
    pub details: Vec<Detail>,
    /// Set instead of `details` when the whole `details` object is a map.
    pub details_map: Option<DetailsMap>,
    pub aliases: Vec<String>,
    pub deprecated: Option<Deprecation>,
    /// Constant title (RFC 9457 and JSON:API `title`), when the catalogue gives one.
    pub title: Option<String>,
    /// The code as sent, when it is not derived from the name (Twilio `20404`).
    pub wire_code: Option<WireCode>,
    /// This code's documentation link, instead of the service's template.
    pub doc_url: Option<String>,
    /// Its gRPC status code: its own, its type's, or its HTTP status's.
    pub grpc: GrpcCode,
}

/// An explicit code value on the wire.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WireCode {
    Integer(i64),
    Text(String),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Detail {
    pub name: String,
    pub detail_type: DetailType,
    pub description: Option<String>,
    pub required: bool,
}

/// A `details` object that maps any name to a value of one type.
#[derive(Clone, Debug, PartialEq)]
pub struct DetailsMap {
    /// A scalar type: string, integer, number or boolean.
    pub values: DetailType,
    pub description: Option<String>,
}

impl ErrorDef {
    /// Its reason in gRPC's `ErrorInfo` (AIP-193): the name in UPPER_SNAKE.
    pub fn grpc_reason(&self) -> String {
        NameStyle::UpperSnake.apply(&self.code)
    }

    /// Whether responses with this code may carry `details`.
    pub fn has_details(&self) -> bool {
        !self.details.is_empty() || self.details_map.is_some()
    }
}

/// The JSON type of a detail member or per-occurrence value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DetailType {
    String,
    Integer,
    Number,
    Boolean,
    /// An object of strings (e.g. field-level validation errors).
    StringMap,
    StringList,
}

impl DetailType {
    pub fn as_str(self) -> &'static str {
        match self {
            DetailType::String => "string",
            DetailType::Integer => "integer",
            DetailType::Number => "number",
            DetailType::Boolean => "boolean",
            DetailType::StringMap => "string_map",
            DetailType::StringList => "string_list",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Deprecation {
    /// Index into [`Catalog::errors`].
    pub replaced_by: Option<usize>,
    pub note: Option<String>,
}

impl Catalog {
    /// The error's documentation link: its own, else the service's template.
    pub fn doc_url(&self, error: &ErrorDef) -> Option<String> {
        error
            .doc_url
            .clone()
            .or_else(|| self.service.doc_url_for(&error.code, &self.wire_text(error)))
            .or_else(|| self.service.page_url(&self.page_name(error)))
    }

    /// The name of the error's page in the published reference
    /// (`codes/<page>.html`): its wire code where codes are sent as
    /// integers, as Twilio's pages are (`20404`: what a reader sees in a
    /// body and a `{wire_code}` link names, and what stays when the
    /// catalogue renames the code); else its catalogue name. No catalogue
    /// name is all digits, so the two never meet.
    pub fn page_name(&self, error: &ErrorDef) -> String {
        match self.code_style() {
            Some(CodeStyle::Integer) => self.wire_text(error),
            _ => error.code.clone(),
        }
    }

    /// The code as sent, as text (`20404`, `RESOURCE_EXHAUSTED`); the
    /// catalogue's name where the body carries no code.
    pub fn wire_text(&self, error: &ErrorDef) -> String {
        match self.code_style() {
            Some(style) => match self.wire_code(error, style) {
                WireCode::Integer(number) => number.to_string(),
                WireCode::Text(text) => text,
            },
            None => error.code.clone(),
        }
    }

    /// Whether the error has a documentation link ([`Catalog::doc_url`]
    /// without building it).
    pub fn has_doc_url(&self, error: &ErrorDef) -> bool {
        error.doc_url.is_some() || self.service.doc_url.is_some() || self.service.docs_url.is_some()
    }

    /// The code as the envelope writes it.
    pub fn wire_code(&self, error: &ErrorDef, style: CodeStyle) -> WireCode {
        match (&error.wire_code, style) {
            (Some(explicit), _) => explicit.clone(),
            (None, CodeStyle::Name(names)) => WireCode::Text(names.apply(&error.code)),
            // The validator requires an explicit integer for every code.
            (None, CodeStyle::Integer) => WireCode::Integer(0),
        }
    }

    /// The code role of the top-level error, if the body carries the code.
    pub fn code_style(&self) -> Option<CodeStyle> {
        self.envelope.code_style()
    }

    pub fn error_type(&self, error: &ErrorDef) -> Option<&ErrorType> {
        error.error_type.map(|index| &self.types[index])
    }

    pub fn group(&self, error: &ErrorDef) -> Option<&Group> {
        error.group.map(|index| &self.groups[index])
    }

    pub fn replacement(&self, error: &ErrorDef) -> Option<&ErrorDef> {
        error.deprecated.as_ref().and_then(|deprecation| deprecation.replaced_by).map(|index| &self.errors[index])
    }

    /// Codes of a group, in catalogue order.
    pub fn errors_in(&self, group: usize) -> impl Iterator<Item = &ErrorDef> {
        self.errors.iter().filter(move |error| error.group == Some(group))
    }
}

/// `call_not_found` -> `CallNotFound`. Digits stay attached to the word they follow.
pub fn upper_camel(snake: &str) -> String {
    snake
        .split('_')
        .filter(|word| !word.is_empty())
        .map(|word| {
            let mut chars = word.chars();
            let first = chars.next().map(|c| c.to_ascii_uppercase()).into_iter();
            first.chain(chars).collect::<String>()
        })
        .collect()
}

/// The `{member}` placeholders of a message template, in order. Braces that do
/// not enclose a lower snake_case name (`{}`, `{ x }`, `{X}`) are literal text.
pub fn placeholders(message: &str) -> Vec<(usize, &str)> {
    let mut found = Vec::new();
    let mut rest = message;
    let mut offset = 0;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        if let Some(close) = after.find('}') {
            let name = &after[..close];
            if is_placeholder_name(name) {
                found.push((offset + open, name));
                offset += open + close + 2;
                rest = &after[close + 1..];
                continue;
            }
        }
        offset += open + 1;
        rest = after;
    }
    found
}

fn is_placeholder_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_api_is_named_once() {
        let service = |name: &str| Service {
            name: name.into(),
            crate_name: "x".into(),
            version: "0.1.0".into(),
            doc_url: Some("https://x.example/{code}/{wire_code}".into()),
            docs_url: Some("https://x.example/errors/".into()),
            grpc_domain: "x".into(),
        };
        assert_eq!(service("Flireo").api_name(), "Flireo API");
        assert_eq!(service("GitHub REST API").api_name(), "GitHub REST API");
        assert_eq!(service("Graph api").api_name(), "Graph api");
        assert_eq!(service("Rapid").api_name(), "Rapid API", "a word ending in `api` is not the word");
        assert_eq!(service("Twilio").doc_url_for("not_found", "20404").unwrap(), "https://x.example/not_found/20404");
        assert_eq!(service("Twilio").page_url("not_found").unwrap(), "https://x.example/errors/codes/not_found.html");
    }

    #[test]
    fn camel_case_joins_words() {
        assert_eq!(upper_camel("call_not_found"), "CallNotFound");
        assert_eq!(upper_camel("error_4xx"), "Error4xx");
        assert_eq!(upper_camel("a"), "A");
    }

    #[test]
    fn placeholders_are_only_snake_names_in_braces() {
        let found: Vec<&str> = placeholders("Body is {length} chars; {} and { x } and {X} stay; max {max}")
            .into_iter()
            .map(|p| p.1)
            .collect();
        assert_eq!(found, ["length", "max"]);
        assert_eq!(placeholders("{{a}"), vec![(1, "a")]);
    }
}
