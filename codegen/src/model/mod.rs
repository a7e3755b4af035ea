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
}

/// A recorded, deliberate break of a released code.
#[derive(Clone, Debug, PartialEq)]
pub struct BreakingChange {
    pub code: String,
    pub change: ChangeKind,
    pub reason: String,
}

pub use crate::load::raw::ChangeKind;

#[derive(Clone, Debug, PartialEq)]
pub struct Service {
    pub name: String,
    /// Package name of the generated crate, e.g. `flireo-errors`.
    pub crate_name: String,
    pub version: String,
    /// Template of each error's documentation URL; `{code}` is replaced.
    pub doc_url: Option<String>,
}

impl Service {
    /// The error's documentation URL, when the catalogue has a template.
    pub fn doc_url_for(&self, code: &str) -> Option<String> {
        self.doc_url.as_ref().map(|template| template.replace("{code}", code))
    }
}

/// The shape of an error response body.
#[derive(Clone, Debug, PartialEq)]
pub struct Envelope {
    /// `Some("error")`: the body is `{"error": {...}}`; `None`: a flat object.
    pub wrapper: Option<String>,
    /// Members of the error object, in wire order.
    pub fields: Vec<Field>,
    /// What each member is for, as the catalogue words it (or a default).
    pub descriptions: Vec<(Field, String)>,
}

impl Envelope {
    pub fn has(&self, field: Field) -> bool {
        self.fields.contains(&field)
    }

    pub fn description(&self, field: Field) -> &str {
        self.descriptions
            .iter()
            .find(|(described, _)| *described == field)
            .map_or(field.default_description(), |(_, text)| text.as_str())
    }
}

/// A member an error response may carry.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Field {
    Type,
    Code,
    Message,
    Param,
    DocUrl,
    Details,
}

impl Field {
    pub const ALL: [Field; 6] = [Field::Type, Field::Code, Field::Message, Field::Param, Field::DocUrl, Field::Details];

    /// The member's name on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            Field::Type => "type",
            Field::Code => "code",
            Field::Message => "message",
            Field::Param => "param",
            Field::DocUrl => "doc_url",
            Field::Details => "details",
        }
    }

    pub fn from_name(name: &str) -> Option<Field> {
        Field::ALL.into_iter().find(|field| field.as_str() == name)
    }

    pub fn default_description(self) -> &'static str {
        match self {
            Field::Type => "Broad category of the error, for routing an error handler",
            Field::Code => "Machine-readable error code; branch on this, not on the message",
            Field::Message => "Human-readable description, safe to show to users",
            Field::Param => "The request field the error is about, if any",
            Field::DocUrl => "Link to the documentation of this error",
            Field::Details => "Extra context about the error, specific to each code",
        }
    }
}

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
    /// Whether responses with this code may carry `details`.
    pub fn has_details(&self) -> bool {
        !self.details.is_empty() || self.details_map.is_some()
    }
}

pub use crate::load::raw::DetailType;

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
