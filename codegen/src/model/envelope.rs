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

impl Envelope {
    /// Every node of the body (nested errors' items included), depth first.
    pub fn nodes(&self) -> Vec<&Node> {
        let mut out = Vec::new();
        collect_members(&self.body, &mut out);
        out
    }

    /// Every role of the top-level error (not of nested errors' items).
    pub fn roles(&self) -> Vec<Role> {
        let mut out = Vec::new();
        top_level_roles(&self.body, &mut out);
        out
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
        inline_details_neighbours(&self.body)
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

fn collect_members<'a>(members: &'a [Member], out: &mut Vec<&'a Node>) {
    for member in members {
        collect_node(&member.node, out);
    }
}

fn collect_node<'a>(node: &'a Node, out: &mut Vec<&'a Node>) {
    out.push(node);
    match node {
        Node::Object(members) => collect_members(members, out),
        Node::Array(items) => items.iter().for_each(|item| collect_node(item, out)),
        // Items of nested errors have roles of their own.
        Node::Errors(_) | Node::Role(_) | Node::Const(_) | Node::Value(_) | Node::Details { .. } => {}
    }
}

fn inline_details_neighbours(members: &[Member]) -> Option<Vec<&str>> {
    let is_details = |member: &&Member| matches!(member.node, Node::Details { .. });
    if members.iter().any(|member| matches!(member.node, Node::Details { inline: true, .. })) {
        return Some(members.iter().filter(|member| !is_details(member)).map(|member| member.name.as_str()).collect());
    }
    fn in_object(node: &Node) -> Option<Vec<&str>> {
        match node {
            Node::Object(inner) => inline_details_neighbours(inner),
            _ => None,
        }
    }
    members.iter().find_map(|member| match &member.node {
        Node::Array(items) => items.iter().find_map(in_object),
        node => in_object(node),
    })
}

fn top_level_roles(members: &[Member], out: &mut Vec<Role>) {
    let mut nodes = Vec::new();
    collect_members(members, &mut nodes);
    out.extend(nodes.into_iter().filter_map(|node| if let Node::Role(role) = node { Some(*role) } else { None }));
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
