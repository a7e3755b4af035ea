//! [`Details`], the extra context of an error, and the rules a code's
//! declared detail members put on it.

use std::borrow::Cow;
use std::collections::HashMap;

use super::envelope::Kind;
use super::Catalogue;

/// Extra context of an error (its details), members in wire order.
#[derive(Clone, Default)]
pub struct Details {
    /// A name the catalogue declares is borrowed from it, so reading a
    /// known code's details copies no names.
    members: Vec<(Cow<'static, str>, serde_json::Value)>,
    /// Where each member is, once there are more than [`SCANNED`]: a few
    /// are found quicker by a scan, but a body of 100,000 members must not
    /// cost 100,000 scans (it took 70 s).
    // Boxed although a map is on the heap already: a `HashMap` is 48 bytes
    // inline, and `ApiError` holds `Details` and must stay under clippy's
    // `result_large_err` bound of 128 bytes; the box is one pointer.
    #[allow(clippy::box_collection)]
    index: Option<Box<HashMap<Cow<'static, str>, usize>>>,
}

/// How many members are found by a scan before an index is built.
const SCANNED: usize = 16;

/// Equal when the members are, in the same order.
impl PartialEq for Details {
    fn eq(&self, other: &Self) -> bool {
        self.members == other.members
    }
}

impl core::fmt::Debug for Details {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Details").field("members", &self.members).finish()
    }
}

impl Details {
    /// No members; does not allocate.
    #[must_use]
    pub const fn new() -> Self {
        Details { members: Vec::new(), index: None }
    }

    /// Where member `name` is.
    fn position(&self, name: &str) -> Option<usize> {
        match &self.index {
            Some(index) => index.get(name).copied(),
            None => self.members.iter().position(|(member, _)| *member == name),
        }
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
        self.position(name).map(|position| &self.members[position].1)
    }

    /// Sets member `name`, replacing it in place or appending it (a body
    /// that repeats a member is read as `JSON.parse` reads it: the last
    /// value, where the first was).
    pub fn insert(&mut self, name: impl Into<String>, value: impl Into<serde_json::Value>) {
        self.set(Cow::Owned(name.into()), value.into());
    }

    /// [`Details::insert`] with a name that may be borrowed.
    pub(crate) fn set(&mut self, name: Cow<'static, str>, value: serde_json::Value) {
        if let Some(position) = self.position(&name) {
            self.members[position].1 = value;
            return;
        }
        if let Some(index) = &mut self.index {
            index.insert(name.clone(), self.members.len());
        }
        self.members.push((name, value));
        if self.index.is_none() && self.members.len() > SCANNED {
            let positions = self.members.iter().enumerate().map(|(position, (name, _))| (name.clone(), position));
            self.index = Some(Box::new(positions.collect()));
        }
    }

    /// Removes member `name`, if there is one.
    pub(crate) fn remove(&mut self, name: &str) {
        if let Some(position) = self.position(name) {
            self.members.remove(position);
            if self.index.is_some() {
                let positions = self.members.iter().enumerate().map(|(position, (name, _))| (name.clone(), position));
                self.index = Some(Box::new(positions.collect()));
            }
        }
    }

    /// The members in order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &serde_json::Value)> {
        self.members.iter().map(|(name, value)| (&**name, value))
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
    for_each_piece(catalogue, code, template, details, |piece| {
        match piece {
            Piece::Text(text) => out.push_str(text),
            Piece::Value(serde_json::Value::String(text)) => out.push_str(text),
            Piece::Value(other) => out.push_str(&other.to_string()),
        }
        true
    });
    out
}

/// Whether `message` is what [`fill_message`] makes of `template`, compared
/// piece by piece without building it (parsing asks this of every message).
pub(crate) fn fills_to(catalogue: &Catalogue, code: usize, template: &str, details: &Details, message: &str) -> bool {
    let mut rest = message;
    let whole = for_each_piece(catalogue, code, template, details, |piece| match piece {
        Piece::Text(text) => rest.strip_prefix(text).map(|after| rest = after).is_some(),
        Piece::Value(serde_json::Value::String(text)) => {
            rest.strip_prefix(text.as_str()).map(|after| rest = after).is_some()
        }
        Piece::Value(other) => {
            use core::fmt::Write as _;
            let mut prefix = Prefix { rest };
            let matched = write!(prefix, "{other}").is_ok();
            rest = prefix.rest;
            matched
        }
    });
    whole && rest.is_empty()
}

/// A piece of a filled message: text of the template, or a detail's value.
enum Piece<'a> {
    Text(&'a str),
    Value(&'a serde_json::Value),
}

/// Hands each piece of `template` filled from `details` to `piece`, until
/// it returns `false`; returns whether it never did.
fn for_each_piece(
    catalogue: &Catalogue,
    code: usize,
    template: &str,
    details: &Details,
    mut piece: impl FnMut(Piece<'_>) -> bool,
) -> bool {
    let mut rest = template;
    // Where the text not yet handed over starts.
    let mut text = 0;
    while let Some(open) = template[template.len() - rest.len()..].find('{') {
        let at = template.len() - rest.len() + open;
        let after = &template[at + 1..];
        let name = after.find('}').map(|close| &after[..close]);
        let value = name.filter(|name| is_placeholder(name)).and_then(|name| {
            let wire = wire_name(catalogue, code, name).unwrap_or(name);
            details.get(wire).map(|value| (name, value))
        });
        match value {
            Some((name, value)) => {
                if !(piece(Piece::Text(&template[text..at])) && piece(Piece::Value(value))) {
                    return false;
                }
                text = at + name.len() + 2;
                rest = &template[text..];
            }
            None => rest = after,
        }
    }
    piece(Piece::Text(&template[text..]))
}

/// Consumes what is written from the front of `rest`, failing at the
/// first difference.
struct Prefix<'a> {
    rest: &'a str,
}

impl core::fmt::Write for Prefix<'_> {
    fn write_str(&mut self, text: &str) -> core::fmt::Result {
        self.rest = self.rest.strip_prefix(text).ok_or(core::fmt::Error)?;
        Ok(())
    }
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
    fn many_members_are_found_by_their_index() {
        let mut details = Details::new();
        for number in 0..1_000 {
            details.insert(format!("m{number}"), number);
        }
        details.insert("m3", "again");
        details.insert("m999", "last");
        assert_eq!(details.len(), 1_000);
        assert_eq!(details.get("m3"), Some(&serde_json::json!("again")));
        assert_eq!(details.get("m998"), Some(&serde_json::json!(998)));
        assert_eq!(details.iter().nth(3), Some(("m3", &serde_json::json!("again"))));
        assert_eq!(details.get("absent"), None);
        let mut few = Details::new();
        for number in (0..1_000).rev() {
            few.insert(format!("m{number}"), number);
        }
        assert_ne!(details, few, "equality keeps the order");
    }

    #[test]
    fn a_message_is_compared_with_its_filled_template_piece_by_piece() {
        use super::super::envelope::{Envelope, WireCode, NO_DETAILS};
        use super::super::{CodeFacts, Index};
        static ENVELOPE: Envelope = Envelope::new("application/json", &[]);
        static CODES: [CodeFacts; 1] = [CodeFacts {
            name: "late",
            wire: WireCode::Text("late"),
            message: "Wait {seconds} s for {who} {not a placeholder}",
            status: 429,
            retryable: true,
            error_type: None,
            title: None,
            doc_url: None,
            details: NO_DETAILS,
            details_map: None,
            replaced_by: None,
            grpc: 2,
        }];
        static CATALOGUE: Catalogue = Catalogue {
            envelope: &ENVELOPE,
            codes: &CODES,
            types: &[],
            by_name: &[],
            by_wire: &[],
            by_integer: &[],
            grpc_domain: "test",
            locales: &["en"],
            localized_messages: &[],
            index: Index::new(),
        };
        let template = CODES[0].message;
        let mut details = Details::new();
        details.insert("seconds", 30);
        details.insert("who", "you");
        let filled = fill_message(&CATALOGUE, 0, template, &details);
        assert_eq!(filled, "Wait 30 s for you {not a placeholder}");
        assert!(fills_to(&CATALOGUE, 0, template, &details, &filled));
        for other in ["Wait 30 s for you", "Wait 3 s for you {not a placeholder}", &format!("{filled}!"), ""] {
            assert!(!fills_to(&CATALOGUE, 0, template, &details, other), "{other}");
        }
        assert!(fills_to(&CATALOGUE, 0, template, &Details::new(), template));
    }

    #[test]
    fn placeholders_are_lower_snake_names() {
        assert!(is_placeholder("retry_after"));
        assert!(!is_placeholder("Upper"));
        assert!(!is_placeholder(" spaced "));
        assert!(!is_placeholder(""));
    }
}
