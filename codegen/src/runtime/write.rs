//! Writing an [`ApiError`] in the envelope: one walk of the catalogue's
//! envelope, as `serde::Serialize`. [`ApiError::write_json`] and
//! [`ApiError::to_json`] are serde_json over it, so every serializer and
//! both of them write the same body, and an envelope feature is written once.

use serde::ser::{SerializeMap as _, SerializeSeq as _};

use super::api_error::{ApiError, Code, NestedError};
use super::envelope::{Member, Node, Role, WireCode};

/// One value the body writes, borrowed from the error or the catalogue.
pub(crate) enum Scalar<'a> {
    Text(&'a str),
    Integer(i64),
    Flag(bool),
    Json(&'a serde_json::Value),
}

impl ApiError {
    /// The value of a role, or `None` where the body leaves it out. One
    /// `match` on the role and the code together: writing a body asks this
    /// of every member, and it was a tenth of the time.
    #[inline]
    pub(crate) fn role_value(&self, role: Role) -> Option<Scalar<'_>> {
        let catalogue = self.catalogue;
        Some(match (role, &self.code) {
            (Role::Code, Code::Known(code)) => match catalogue.codes[*code].wire {
                WireCode::Text(text) => Scalar::Text(text),
                WireCode::Integer { value, .. } => Scalar::Integer(value),
            },
            (Role::Code, Code::Unknown(unknown)) => match &unknown.number {
                Some(number) => Scalar::Json(number),
                None => Scalar::Text(unknown.code.as_deref()?),
            },
            (Role::Type, Code::Known(code)) => Scalar::Text(catalogue.types[catalogue.codes[*code].error_type?].wire),
            (Role::Type, Code::Unknown(unknown)) => Scalar::Text(unknown.error_type.as_deref()?),
            (Role::Message { .. }, _) => Scalar::Text(self.sends_message(role).then_some(self.message())?),
            (Role::Title, _) => Scalar::Text(self.title()?),
            (Role::Status { as_string: false }, _) => Scalar::Integer(i64::from(self.http_status())),
            (Role::Status { as_string: true }, _) => Scalar::Text(status_text(self.http_status())),
            (Role::DocUrl, Code::Known(code)) => Scalar::Text(catalogue.codes[*code].doc_url?),
            (Role::DocUrl, Code::Unknown(unknown)) => Scalar::Text(unknown.doc_url.as_deref()?),
            (Role::Param, _) => Scalar::Text(self.param()?),
            (Role::Locale, _) => Scalar::Text(self.extra().locale.as_deref()?),
            (Role::LocalizedMessage, _) => Scalar::Text(self.extra().localized_message.as_deref()?),
        })
    }

    /// Whether `node` puts anything in the body.
    pub(crate) fn writes(&self, node: &Node) -> bool {
        match node {
            Node::Object(members) => members.iter().any(|member| self.fills(&member.node)),
            Node::Array(items) => items.iter().any(|item| self.fills(item)),
            Node::Role(role) => self.role_value(*role).is_some(),
            Node::Text(_) | Node::Number(_) | Node::Flag(_) => true,
            Node::Value(name, _) => self.extra().values.get(name).is_some(),
            Node::Details { .. } => !self.details.is_empty(),
            Node::Errors(_) => !self.extra().errors.is_empty(),
        }
    }

    /// Whether `node` carries content of this error: constants alone do not,
    /// so an object of nothing but constants is left out.
    fn fills(&self, node: &Node) -> bool {
        !matches!(node, Node::Text(_) | Node::Number(_) | Node::Flag(_)) && self.writes(node)
    }

    /// Appends the body to `out`: serde_json over the same walk as
    /// `Serialize`, so the bytes are `serde_json::to_vec`'s. Inline, so the
    /// writer is compiled where it is called, as a direct
    /// `serde_json::to_writer` would be (compiled here it ran 1.3x slower).
    #[inline]
    pub fn write_json(&self, out: &mut Vec<u8>) {
        // Writing into a Vec cannot fail: no I/O, every map key is a
        // string, and every number a body holds is finite.
        let _ = serde_json::to_writer(out, self);
    }

    /// The body as JSON text, in the catalogue's envelope.
    #[must_use]
    pub fn to_json(&self) -> String {
        let mut out = Vec::with_capacity(256);
        self.write_json(&mut out);
        String::from_utf8(out).unwrap_or_default()
    }
}

/// What a nested error writes for a member of the envelope's item.
pub(crate) fn nested_value<'a>(nested: &'a NestedError, node: &'a Node) -> Option<Scalar<'a>> {
    match node {
        Node::Role(Role::Code) => nested.code.as_ref().map(Scalar::Json),
        Node::Role(Role::Message { .. }) => nested.message.as_deref().map(Scalar::Text),
        Node::Role(Role::Param) => nested.param.as_deref().map(Scalar::Text),
        Node::Value(name, _) => nested.values.get(name).map(Scalar::Json),
        Node::Text(text) => Some(Scalar::Text(text)),
        Node::Number(number) => Some(Scalar::Integer(*number)),
        Node::Flag(flag) => Some(Scalar::Flag(*flag)),
        _ => None,
    }
}

/// Every status from 100 to 599 as three ASCII digits, so writing a status
/// as a string (JSON:API's `"422"`) allocates nothing.
static STATUS_DIGITS: [u8; 1500] = {
    let mut digits = [0u8; 1500];
    let mut index = 0;
    while index < 500 {
        let status = index + 100;
        digits[3 * index] = b'0' + (status / 100) as u8;
        digits[3 * index + 1] = b'0' + (status / 10 % 10) as u8;
        digits[3 * index + 2] = b'0' + (status % 10) as u8;
        index += 1;
    }
    digits
};

/// `"422"` for 422 (statuses outside 100-599 are never built or parsed).
fn status_text(status: u16) -> &'static str {
    let start = 3 * usize::from(status.clamp(100, 599) - 100);
    std::str::from_utf8(&STATUS_DIGITS[start..start + 3]).unwrap_or("500")
}

/// A node of the body with the error it is filled from, for serde.
struct Filled<'a> {
    error: &'a ApiError,
    node: &'a Node,
}

/// An object of the body, for serde.
struct FilledObject<'a> {
    error: &'a ApiError,
    members: &'a [Member],
}

impl serde::Serialize for ApiError {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        FilledObject { error: self, members: self.catalogue.envelope.body }.serialize(serializer)
    }
}

impl serde::Serialize for FilledObject<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        for member in self.members {
            match &member.node {
                Node::Details { inline: true } => {
                    for (name, value) in self.error.details.iter() {
                        map.serialize_entry(name, value)?;
                    }
                }
                // A role's value is looked up once: asking `writes` first
                // would look it up twice (50 of 290 ns for a bare error).
                Node::Role(role) => {
                    if let Some(value) = self.error.role_value(*role) {
                        map.serialize_entry(member.name, &value)?;
                    }
                }
                Node::Details { inline: false } => {
                    if !self.error.details.is_empty() {
                        map.serialize_entry(member.name, &self.error.details)?;
                    }
                }
                node => {
                    if self.error.writes(node) {
                        map.serialize_entry(member.name, &Filled { error: self.error, node })?;
                    }
                }
            }
        }
        map.end()
    }
}

impl serde::Serialize for Filled<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let error = self.error;
        match self.node {
            Node::Object(members) => FilledObject { error, members }.serialize(serializer),
            Node::Array(items) => {
                let mut seq = serializer.serialize_seq(None)?;
                for item in items.iter().filter(|item| error.fills(item)) {
                    seq.serialize_element(&Filled { error, node: item })?;
                }
                seq.end()
            }
            Node::Role(role) => match error.role_value(*role) {
                Some(scalar) => scalar.serialize(serializer),
                None => serializer.serialize_unit(),
            },
            Node::Text(text) => serializer.serialize_str(text),
            Node::Number(number) => serializer.serialize_i64(*number),
            Node::Flag(flag) => serializer.serialize_bool(*flag),
            Node::Value(name, _) => error.extra().values.get(name).serialize(serializer),
            Node::Details { .. } => error.details.serialize(serializer),
            Node::Errors(item) => {
                let errors = &error.extra().errors;
                let mut seq = serializer.serialize_seq(Some(errors.len()))?;
                for nested in errors {
                    seq.serialize_element(&FilledNested { nested, item })?;
                }
                seq.end()
            }
        }
    }
}

/// A nested error in the envelope's item shape, for serde.
struct FilledNested<'a> {
    nested: &'a NestedError,
    item: &'a [Member],
}

impl serde::Serialize for FilledNested<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        for member in self.item {
            if let Some(value) = nested_value(self.nested, &member.node) {
                map.serialize_entry(member.name, &value)?;
            }
        }
        map.end()
    }
}

impl serde::Serialize for Scalar<'_> {
    #[inline]
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Scalar::Text(text) => serializer.serialize_str(text),
            Scalar::Integer(number) => serializer.serialize_i64(*number),
            Scalar::Flag(flag) => serializer.serialize_bool(*flag),
            Scalar::Json(value) => value.serialize(serializer),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_are_written_as_text_without_allocating() {
        assert_eq!(status_text(422), "422");
        assert_eq!(status_text(100), "100");
        assert_eq!(status_text(599), "599");
    }
}
