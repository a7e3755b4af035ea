//! [`Details`], the extra context of an error, and the rules a code's
//! declared detail members put on it.

use super::envelope::Kind;
use super::Catalogue;

/// Extra context of an error (its details), members in wire order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Details {
    members: Vec<(String, serde_json::Value)>,
}

impl Details {
    /// No members; does not allocate.
    #[must_use]
    pub const fn new() -> Self {
        Details { members: Vec::new() }
    }

    /// Whether there are no members.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.members.is_empty()
    }

    /// The number of members.
    #[must_use]
    pub fn len(&self) -> usize {
        self.members.len()
    }

    /// The member called `name` (its name on the wire).
    #[must_use]
    pub fn get(&self, name: &str) -> Option<&serde_json::Value> {
        self.members.iter().find(|(member, _)| member == name).map(|(_, value)| value)
    }

    /// Sets member `name`, replacing it in place or appending it.
    pub fn insert(&mut self, name: impl Into<String>, value: impl Into<serde_json::Value>) {
        let name = name.into();
        let value = value.into();
        match self.members.iter_mut().find(|(member, _)| *member == name) {
            Some(slot) => slot.1 = value,
            None => self.members.push((name, value)),
        }
    }

    /// The members in order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &serde_json::Value)> {
        self.members.iter().map(|(name, value)| (name.as_str(), value))
    }
}

/// Sets each member in turn, as [`Details::insert`] does.
impl<K: Into<String>, V: Into<serde_json::Value>> Extend<(K, V)> for Details {
    fn extend<I: IntoIterator<Item = (K, V)>>(&mut self, members: I) {
        for (name, value) in members {
            self.insert(name, value);
        }
    }
}

impl serde::Serialize for Details {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap as _;
        let mut map = serializer.serialize_map(Some(self.members.len()))?;
        for (name, value) in &self.members {
            map.serialize_entry(name, value)?;
        }
        map.end()
    }
}

/// The wire name of `code`'s detail member `name` (its catalogue name).
pub(crate) fn wire_name(catalogue: &Catalogue, code: usize, name: &str) -> Option<&'static str> {
    catalogue.codes[code].details.iter().find(|member| member.name == name).map(|member| member.wire)
}

/// Checks `details` against what the catalogue declares for `code`: a
/// declared member must have its type. Members it does not declare are
/// accepted (a newer server may add some), and so is a missing one:
/// `required` is enforced where errors are built (the generated crate's
/// typed details structs), and a client should not reject an error body over
/// context it can do without.
pub(crate) fn check(catalogue: &Catalogue, code: usize, details: &Details) -> Result<(), String> {
    let wrong = |name: &str, kind: Kind| {
        format!("detail `{name}` of error `{}` must be {}", catalogue.codes[code].name, kind.describe())
    };
    for member in catalogue.codes[code].details {
        if let Some(value) = details.get(member.wire) {
            if !member.kind.accepts(value) {
                return Err(wrong(member.wire, member.kind));
            }
        }
    }
    if let Some(kind) = catalogue.codes[code].details_map {
        if let Some((name, _)) = details.iter().find(|(_, value)| !kind.accepts(value)) {
            return Err(wrong(name, kind));
        }
    }
    Ok(())
}

/// Fills `{member}` placeholders of `template` from `details`: strings as
/// they are, other values as JSON. Other braces stay as written.
pub(crate) fn fill_message(catalogue: &Catalogue, code: usize, template: &str, details: &Details) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let name = after.find('}').map(|close| &after[..close]);
        let value = name.filter(|name| is_placeholder(name)).and_then(|name| {
            let wire = wire_name(catalogue, code, name).unwrap_or(name);
            details.get(wire).map(|value| (name, value))
        });
        match value {
            Some((name, value)) => {
                out.push_str(&rest[..open]);
                match value {
                    serde_json::Value::String(text) => out.push_str(text),
                    other => out.push_str(&other.to_string()),
                }
                rest = &after[name.len() + 1..];
            }
            None => {
                out.push_str(&rest[..=open]);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

fn is_placeholder(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_lowercase())
        && name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn insert_replaces_in_place_and_keeps_order() {
        let mut details = Details::new();
        details.insert("b", 1);
        details.insert("a", 2);
        details.insert("b", 3);
        let members: Vec<(&str, &serde_json::Value)> = details.iter().collect();
        assert_eq!(members, [("b", &serde_json::json!(3)), ("a", &serde_json::json!(2))]);
        assert_eq!(serde_json::to_string(&details).unwrap(), r#"{"b":3,"a":2}"#);
    }

    #[test]
    fn placeholders_are_lower_snake_names() {
        assert!(is_placeholder("retry_after"));
        assert!(!is_placeholder("Upper"));
        assert!(!is_placeholder(" spaced "));
        assert!(!is_placeholder(""));
    }
}
