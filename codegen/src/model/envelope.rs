//! The shape of an error response body: a tree of members, each with a role.
//!
//! Every error format in use is such a tree: Stripe's `{"error": {"type",
//! "code", "message", ...}}`, RFC 9457's flat problem object with extension
//! members, Google's AIP-193 `{"error": {"code": 429, "status": ...,
//! "details": [ErrorInfo, ...]}}`, Twilio's integer codes, Microsoft's nested
//! `details[]`, JSON:API's top-level `errors[]`. The catalogue's short form
//! (`wrapper` + `fields`) is sugar for one such tree.

/// The body of every error response, and how it is sent.
#[derive(Clone, Debug, PartialEq)]
pub struct Envelope {
    /// Sent as `content-type` and documented in OpenAPI.
    pub media_type: String,
    /// Members of the body, in wire order (the body is always an object).
    pub body: Vec<Member>,
}

/// One member of an object: its wire name and what it holds.
#[derive(Clone, Debug, PartialEq)]
pub struct Member {
    pub name: String,
    pub node: Node,
    /// What the member is for, as the catalogue words it (or a default).
    pub description: Option<String>,
}

/// What a place in the body holds.
#[derive(Clone, Debug, PartialEq)]
pub enum Node {
    /// A nested object. Inside an array, or as a member, an object none of
    /// whose roles has a value (constants do not count) is left out.
    Object(Vec<Member>),
    /// An array of fixed entries, each its own node (AIP's `details`,
    /// JSON:API's one-element `errors`). Parsing matches entries by their
    /// constants, so order and unknown entries do not matter.
    Array(Vec<Node>),
    /// A value of the error, per code or per occurrence.
    Role(Role),
    /// The same JSON scalar in every response (`"@type": "...ErrorInfo"`).
    Const(serde_json::Value),
    /// A value set per occurrence, with a declared type (RFC 9457 `instance`).
    Value(Value),
    /// The code's typed details: an object, or (`inline`) spread into the
    /// enclosing object as extension members (RFC 9457 `balance`).
    Details { inline: bool, names: NameStyle },
    /// A list of nested errors, each shaped like `item` (an object).
    Errors(Vec<Member>),
}

/// The values of an error that the body carries.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// The code, written in a style or as the code's explicit `wire_code`.
    Code(CodeStyle),
    /// The code's type (category), in a name style (AIP: `RESOURCE_EXHAUSTED`).
    Type(NameStyle),
    /// The message: the code's default, or the one given per occurrence.
    /// `optional`: sent only when given per occurrence (RFC 9457 `detail`).
    Message { optional: bool },
    /// The code's constant title (RFC 9457 and JSON:API `title`).
    Title,
    /// The HTTP status, as a number or (JSON:API) a string.
    Status { as_string: bool },
    /// The code's documentation link (RFC 9457's `type` URI, Twilio's `more_info`).
    DocUrl,
    /// The request field the error is about (Stripe `param`, Microsoft `target`).
    Param,
    /// The language of the localized message (AIP-193 `LocalizedMessage.locale`).
    Locale,
    /// The message in that language, beside a message that stays in the
    /// catalogue's (AIP-193 `LocalizedMessage.message`).
    LocalizedMessage,
}

/// How a code is written on the wire.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CodeStyle {
    /// Derived from the catalogue name (unless the code gives a `wire_code`).
    Name(NameStyle),
    /// Each code's explicit integer `wire_code` (Twilio `20404`).
    Integer,
}

/// How a snake_case catalogue name is written on the wire.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NameStyle {
    /// As written: `call_not_found`.
    Snake,
    /// `CALL_NOT_FOUND` (AIP-193 `reason`).
    UpperSnake,
    /// `CallNotFound` (Microsoft).
    Pascal,
    /// `callNotFound` (AIP-193 metadata keys).
    LowerCamel,
}

impl NameStyle {
    pub const ALL: [NameStyle; 4] = [NameStyle::Snake, NameStyle::UpperSnake, NameStyle::Pascal, NameStyle::LowerCamel];

    pub fn as_str(self) -> &'static str {
        match self {
            NameStyle::Snake => "snake",
            NameStyle::UpperSnake => "upper_snake",
            NameStyle::Pascal => "pascal",
            NameStyle::LowerCamel => "lower_camel",
        }
    }

    /// `name` (lower snake_case) in this style.
    pub fn apply(self, name: &str) -> String {
        match self {
            NameStyle::Snake => name.to_string(),
            NameStyle::UpperSnake => name.to_ascii_uppercase(),
            NameStyle::Pascal => super::upper_camel(name),
            NameStyle::LowerCamel => {
                let pascal = super::upper_camel(name);
                let mut chars = pascal.chars();
                chars.next().map(|first| first.to_ascii_lowercase().to_string() + chars.as_str()).unwrap_or_default()
            }
        }
    }
}

/// A per-occurrence value: `ApiError::with_value(name, ...)`.
#[derive(Clone, Debug, PartialEq)]
pub struct Value {
    /// The name the Rust API uses (lower snake_case), not the wire name.
    pub name: String,
    pub value_type: super::DetailType,
}

/// A place in the body: a member, or an entry of an array, with where it is.
#[derive(Clone, Debug)]
pub struct Place<'a> {
    /// Member names from the walk's start, joined by `.`, with `[]` after an
    /// array or nested errors: `error.details[].reason`, `errors[]`.
    pub path: String,
    /// The same with each array entry's position, so that it names one
    /// place only: `error.details[1].reason`.
    pub unique_path: String,
    /// The member's name; `None` for an entry of an array.
    pub name: Option<&'a str>,
    pub node: &'a Node,
    /// What the member is for, as the catalogue words it.
    pub description: Option<&'a str>,
    /// The members of the object the place is in (its own among them).
    pub siblings: &'a [Member],
    /// Inside the item of nested errors: the roles there are a nested
    /// error's, not the error's own.
    pub nested: bool,
}

/// Every place of `members` (a body, or an object of one), depth first (an
/// object's members right after it). The one walk of the envelope in the
/// generator: what it asks of a body (its roles, where a role is, what is
/// documented) is a filter of these.
pub fn places(members: &[Member]) -> Vec<Place<'_>> {
    let mut out = Vec::new();
    walk_members(members, ("", ""), false, &mut out);
    out
}

/// `prefix`: the path and the unique path of the object `members` are in.
fn walk_members<'a>(members: &'a [Member], prefix: (&str, &str), nested: bool, out: &mut Vec<Place<'a>>) {
    for member in members {
        let (path, unique_path) = (format!("{}{}", prefix.0, member.name), format!("{}{}", prefix.1, member.name));
        let node = &member.node;
        let description = member.description.as_deref();
        let name = Some(member.name.as_str());
        let place = Place { path, unique_path, name, node, description, siblings: members, nested };
        out.push(place.clone());
        let (path, unique_path) = (place.path, place.unique_path);
        match node {
            Node::Object(inner) => walk_members(inner, (&format!("{path}."), &format!("{unique_path}.")), nested, out),
            Node::Errors(item) => walk_members(item, (&format!("{path}[]."), &format!("{unique_path}[].")), true, out),
            Node::Array(items) => {
                for (index, item) in items.iter().enumerate() {
                    let (path, unique_path) = (format!("{path}[]"), format!("{unique_path}[{index}]"));
                    let entry = Place {
                        path: path.clone(),
                        unique_path: unique_path.clone(),
                        name: None,
                        node: item,
                        description: None,
                        siblings: members,
                        nested,
                    };
                    out.push(entry);
                    if let Node::Object(inner) = item {
                        walk_members(inner, (&format!("{path}."), &format!("{unique_path}.")), nested, out);
                    }
                }
            }
            Node::Role(_) | Node::Const(_) | Node::Value(_) | Node::Details { .. } => {}
        }
    }
}

impl Envelope {
    /// Every node of the body but those inside nested errors' items.
    pub fn nodes(&self) -> Vec<&Node> {
        places(&self.body).into_iter().filter(|place| !place.nested).map(|place| place.node).collect()
    }

    /// Every role of the top-level error (not of nested errors' items).
    pub fn roles(&self) -> Vec<Role> {
        let nodes = self.nodes();
        nodes.into_iter().filter_map(|node| if let Node::Role(role) = node { Some(*role) } else { None }).collect()
    }

    pub fn has_role(&self, wanted: impl Fn(Role) -> bool) -> bool {
        self.roles().into_iter().any(wanted)
    }

    /// The per-occurrence values of the top-level error.
    pub fn values(&self) -> Vec<&Value> {
        self.nodes()
            .into_iter()
            .filter_map(|node| if let Node::Value(value) = node { Some(value) } else { None })
            .collect()
    }

    pub fn has_details(&self) -> bool {
        self.nodes().iter().any(|node| matches!(node, Node::Details { .. }))
    }

    pub fn has_errors(&self) -> bool {
        self.nodes().iter().any(|node| matches!(node, Node::Errors(_)))
    }

    /// How the body writes codes, if it carries them.
    pub fn code_style(&self) -> Option<CodeStyle> {
        self.roles().into_iter().find_map(|role| if let Role::Code(style) = role { Some(style) } else { None })
    }

    /// How the body writes type names.
    pub fn type_style(&self) -> NameStyle {
        self.roles()
            .into_iter()
            .find_map(|role| if let Role::Type(names) = role { Some(names) } else { None })
            .unwrap_or(NameStyle::Snake)
    }

    /// How the body writes detail member names (AIP-193: lowerCamel).
    pub fn detail_names(&self) -> NameStyle {
        self.nodes()
            .into_iter()
            .find_map(|node| if let Node::Details { names, .. } = node { Some(*names) } else { None })
            .unwrap_or(NameStyle::Snake)
    }

    /// The names of the members an inline `details` is spread among (the
    /// other members of its object), when the body spreads details.
    pub fn inline_details_neighbours(&self) -> Option<Vec<&str>> {
        let places = places(&self.body);
        let spread =
            places.iter().find(|place| !place.nested && matches!(place.node, Node::Details { inline: true, .. }))?;
        let others = spread.siblings.iter().filter(|member| !matches!(member.node, Node::Details { .. }));
        Some(others.map(|member| member.name.as_str()).collect())
    }

    /// What tells codes apart on the wire: the code, else the documentation
    /// link, else the title.
    pub fn identifying_role(&self) -> Option<Role> {
        let roles = self.roles();
        let find = |wanted: fn(&Role) -> bool| roles.iter().copied().find(wanted);
        find(|role| matches!(role, Role::Code(_)))
            .or_else(|| find(|role| matches!(role, Role::DocUrl)))
            .or_else(|| find(|role| matches!(role, Role::Title)))
    }
}

#[cfg(test)]
mod tests {
    use super::NameStyle;

    #[test]
    fn name_styles() {
        assert_eq!(NameStyle::UpperSnake.apply("resource_exhausted"), "RESOURCE_EXHAUSTED");
        assert_eq!(NameStyle::Pascal.apply("bad_argument"), "BadArgument");
        assert_eq!(NameStyle::LowerCamel.apply("zones_with_capacity"), "zonesWithCapacity");
        assert_eq!(NameStyle::LowerCamel.apply("vm_type"), "vmType");
    }
}
