//! The shape of an API's error body, as data: the generated crate's
//! `ENVELOPE` describes every member, its place and its role, and
//! [`ApiError`](super::ApiError) serializes and parses by reading it.

/// The error body of the API and how it is sent.
#[derive(Debug)]
pub struct Envelope {
    /// The `content-type` of error responses.
    pub media_type: &'static str,
    /// The members of the body (always an object), in wire order.
    pub body: &'static [Member],
}

/// One member of an object: its wire name and what it holds.
#[derive(Debug)]
pub struct Member {
    /// The name on the wire.
    pub name: &'static str,
    /// What the member holds.
    pub node: Node,
}

/// What a place in the body holds.
#[derive(Debug)]
pub enum Node {
    /// A nested object; left out when nothing but constants would be in it.
    Object(&'static [Member]),
    /// An array of fixed entries; parsing matches entries by their constants.
    Array(&'static [Node]),
    /// A value of the error.
    Role(Role),
    /// The same string in every response.
    Text(&'static str),
    /// The same number in every response.
    Number(i64),
    /// The same boolean in every response.
    Flag(bool),
    /// A value set per occurrence ([`ApiError::with_value`](super::ApiError::with_value)).
    Value(&'static str, Kind),
    /// The code's details: an object, or (`inline`) members of the enclosing object.
    Details {
        /// Spread into the enclosing object.
        inline: bool,
    },
    /// Nested errors, each an object of these members.
    Errors(&'static [Member]),
}

/// The values of an error that the body carries.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// The code.
    Code,
    /// The code's type.
    Type,
    /// The message; `optional`: sent only when given per occurrence.
    Message {
        /// Sent only when given per occurrence.
        optional: bool,
    },
    /// The code's constant title.
    Title,
    /// The HTTP status, as a number or a string.
    Status {
        /// Sent as `"422"` rather than `422`.
        as_string: bool,
    },
    /// The code's documentation link.
    DocUrl,
    /// The request field the error is about.
    Param,
}

/// The JSON type of a detail member or per-occurrence value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A string.
    String,
    /// A whole number.
    Integer,
    /// Any number.
    Number,
    /// `true` or `false`.
    Boolean,
    /// An object of strings.
    StringMap,
    /// An array of strings.
    StringList,
}

impl Kind {
    /// Whether `value` has this type.
    #[must_use]
    pub fn accepts(self, value: &serde_json::Value) -> bool {
        match self {
            Kind::String => value.is_string(),
            // A number with no fraction, as JSON Schema's `integer` and
            // JavaScript's `Number.isInteger` read it: `5.0` is one.
            Kind::Integer => {
                value.is_i64() || value.is_u64() || value.as_f64().is_some_and(|number| number.fract() == 0.0)
            }
            Kind::Number => value.is_number(),
            Kind::Boolean => value.is_boolean(),
            Kind::StringMap => {
                value.as_object().is_some_and(|object| object.values().all(serde_json::Value::is_string))
            }
            Kind::StringList => value.as_array().is_some_and(|items| items.iter().all(serde_json::Value::is_string)),
        }
    }

    /// The type in words, for error messages.
    #[must_use]
    pub fn describe(self) -> &'static str {
        match self {
            Kind::String => "a string",
            Kind::Integer => "an integer",
            Kind::Number => "a number",
            Kind::Boolean => "a boolean",
            Kind::StringMap => "an object of strings",
            Kind::StringList => "an array of strings",
        }
    }
}

/// A detail member a code declares: its name in the catalogue (as in message
/// placeholders), on the wire, its type, and whether it is required.
#[derive(Debug)]
pub struct DetailMember {
    /// The catalogue's name, as message placeholders spell it.
    pub name: &'static str,
    /// The name on the wire.
    pub wire: &'static str,
    /// Its type.
    pub kind: Kind,
    /// Whether every error of the code carries it.
    pub required: bool,
}

/// The detail members of a code that declares none.
pub const NO_DETAILS: &[DetailMember] = &[];

/// The code as the envelope writes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WireCode {
    /// A string code.
    Text(&'static str),
    /// An integer code.
    Integer {
        /// The code.
        value: i64,
        /// The code in decimal, for [`WireCode::as_str`].
        text: &'static str,
    },
}

impl WireCode {
    /// The code as text: a string code, or an integer code in decimal.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            WireCode::Text(text) | WireCode::Integer { text, .. } => text,
        }
    }
}

/// As sent: `20101`, `RESOURCE_EXHAUSTED`, `BadArgument`.
impl core::fmt::Display for WireCode {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// As the envelope sends it: an integer code as a JSON number, a text code
/// as a string.
impl serde::Serialize for WireCode {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match *self {
            WireCode::Text(text) => serializer.serialize_str(text),
            WireCode::Integer { value, .. } => serializer.serialize_i64(value),
        }
    }
}

impl Envelope {
    /// The role that tells codes apart on the wire: the code, else the
    /// documentation link, else the title.
    #[must_use]
    pub fn identifying_role(&self) -> Option<Role> {
        [Role::Code, Role::DocUrl, Role::Title].into_iter().find(|role| has_role(self.body, *role))
    }

    /// Whether the body (outside nested errors) carries `role`.
    #[must_use]
    pub fn carries(&self, role: Role) -> bool {
        has_role(self.body, role)
    }
}

fn has_role(members: &[Member], wanted: Role) -> bool {
    members.iter().any(|member| node_has_role(&member.node, wanted))
}

fn node_has_role(node: &Node, wanted: Role) -> bool {
    match node {
        Node::Role(role) => *role == wanted || matches!((role, wanted), (Role::Message { .. }, Role::Message { .. })),
        Node::Object(members) => has_role(members, wanted),
        Node::Array(items) => items.iter().any(|item| node_has_role(item, wanted)),
        _ => false,
    }
}
