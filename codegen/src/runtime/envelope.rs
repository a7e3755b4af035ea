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
    /// What [`Envelope::identifying_role`] returns, found once when the
    /// envelope is built rather than on every parse.
    identified_by: Option<Role>,
    /// `Some(optional)` when the body has a message member.
    message: Option<bool>,
    /// Whether the body has a localized message member.
    localized: bool,
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
    /// The language of the localized message (AIP-193's
    /// `LocalizedMessage.locale`), set by `ApiError::with_locale`.
    Locale,
    /// The message in that language, beside a `message` that stays in the
    /// catalogue's (AIP-193's `LocalizedMessage.message`).
    LocalizedMessage,
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
    /// The envelope of `body`, sent as `media_type`; what parsing asks of
    /// its shape is found here, at compile time.
    #[must_use]
    pub const fn new(media_type: &'static str, body: &'static [Member]) -> Envelope {
        let identified_by = if has_role(body, Role::Code) {
            Some(Role::Code)
        } else if has_role(body, Role::DocUrl) {
            Some(Role::DocUrl)
        } else if has_role(body, Role::Title) {
            Some(Role::Title)
        } else {
            None
        };
        let localized = has_role(body, Role::LocalizedMessage);
        Envelope { media_type, body, identified_by, message: message_role(body), localized }
    }

    /// The role that tells codes apart on the wire: the code, else the
    /// documentation link, else the title.
    #[must_use]
    pub const fn identifying_role(&self) -> Option<Role> {
        self.identified_by
    }

    /// `Some(optional)` when the body (outside nested errors) has a message
    /// member; `optional`: sent only when given per occurrence.
    #[must_use]
    pub const fn message_role(&self) -> Option<bool> {
        self.message
    }

    /// Whether the body sends a localized message beside the message, which
    /// then stays in the catalogue's language (AIP-193's `LocalizedMessage`).
    #[must_use]
    pub const fn localizes_separately(&self) -> bool {
        self.localized
    }

    /// Whether the body (outside nested errors) carries `role`.
    #[must_use]
    pub fn carries(&self, role: Role) -> bool {
        has_role(self.body, role)
    }
}

const fn has_role(members: &[Member], wanted: Role) -> bool {
    let mut index = 0;
    while index < members.len() {
        if node_has_role(&members[index].node, wanted) {
            return true;
        }
        index += 1;
    }
    false
}

const fn node_has_role(node: &Node, wanted: Role) -> bool {
    match node {
        Node::Role(role) => same_role(*role, wanted),
        Node::Object(members) => has_role(members, wanted),
        Node::Array(items) => {
            let mut index = 0;
            while index < items.len() {
                if node_has_role(&items[index], wanted) {
                    return true;
                }
                index += 1;
            }
            false
        }
        _ => false,
    }
}

/// `==` in a `const fn`; any two messages are the same role.
const fn same_role(role: Role, wanted: Role) -> bool {
    match (role, wanted) {
        (Role::Status { as_string }, Role::Status { as_string: wanted }) => as_string == wanted,
        (Role::Code, Role::Code)
        | (Role::Type, Role::Type)
        | (Role::Message { .. }, Role::Message { .. })
        | (Role::Title, Role::Title)
        | (Role::DocUrl, Role::DocUrl)
        | (Role::Param, Role::Param)
        | (Role::Locale, Role::Locale)
        | (Role::LocalizedMessage, Role::LocalizedMessage) => true,
        _ => false,
    }
}

const fn message_role(members: &[Member]) -> Option<bool> {
    let mut index = 0;
    while index < members.len() {
        if let Some(optional) = node_message_role(&members[index].node) {
            return Some(optional);
        }
        index += 1;
    }
    None
}

const fn node_message_role(node: &Node) -> Option<bool> {
    match node {
        Node::Role(Role::Message { optional }) => Some(*optional),
        Node::Object(members) => message_role(members),
        Node::Array(items) => {
            let mut index = 0;
            while index < items.len() {
                if let Some(optional) = node_message_role(&items[index]) {
                    return Some(optional);
                }
                index += 1;
            }
            None
        }
        _ => None,
    }
}
