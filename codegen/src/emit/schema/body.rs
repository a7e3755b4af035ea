//! The JSON Schema of the body, node by node, and the per-code bindings:
//! in the object that carries the code (or, without a code member, the
//! `doc_url` or `title` that identifies it), `if` the code is this one,
//! `then` its sibling members hold its type, title, status, link and
//! detail members.
//!
//! Every schema is written straight into a [`JsonWriter`]; a `*_entries`
//! function writes the entries of an object the caller has opened.

use serde_json::{Value, json};

use super::{Refs, SNAKE_CASE, Strictness};
use crate::emit::example::{role_value, wire_code_json};
use crate::emit::json::JsonWriter;
use crate::model::{Catalog, CodeStyle, Detail, DetailType, ErrorDef, Member, NameStyle, Node, Role};

/// Writes the body schema; the object that identifies the code is written
/// as a `$ref` to `refs.error`, and its schema afterwards, among the
/// definitions, by [`BodySchema::error_object`].
pub struct BodySchema<'a> {
    catalog: &'a Catalog,
    strictness: Strictness,
    refs: &'a Refs,
    /// The members of the identifying object, once met.
    error_members: Option<&'a [Member]>,
}

impl<'a> BodySchema<'a> {
    pub fn new(catalog: &'a Catalog, strictness: Strictness, refs: &'a Refs) -> Self {
        BodySchema { catalog, strictness, refs, error_members: None }
    }

    /// The entries of the whole body's schema.
    pub fn body_entries(&mut self, json: &mut JsonWriter) {
        self.object_entries(json, &self.catalog.envelope.body, None);
    }

    /// Whether the body written so far has an identifying object.
    pub fn has_error_object(&self) -> bool {
        self.error_members.is_some()
    }

    /// The identifying object's schema (once the body is written, if it
    /// has one).
    pub fn error_object(&mut self, json: &mut JsonWriter) {
        let Some(members) = self.error_members else { return };
        json.open_object();
        self.object_schema_entries(json, members, true);
        json.close_object();
    }

    fn object_entries(&mut self, json: &mut JsonWriter, members: &'a [Member], description: Option<&str>) {
        if self.error_members.is_none() && identifying_member(members).is_some() {
            self.error_members = Some(members);
            json.string_entry("$ref", &self.refs.error);
            return;
        }
        describe(json, description);
        self.object_schema_entries(json, members, false);
    }

    fn object_schema_entries(&mut self, json: &mut JsonWriter, members: &'a [Member], identifying: bool) {
        if identifying {
            json.string_entry("description", "The error itself.");
        }
        json.string_entry("type", "object");
        json.key("properties");
        json.open_object();
        for member in members.iter().filter(|member| !is_inline_details(&member.node)) {
            json.key(&member.name);
            json.open_object();
            self.node_entries(json, &member.node, member.description.as_deref());
            json.close_object();
        }
        json.close_object();
        let required =
            members.iter().filter(|member| self.always_present(&member.node) && !is_inline_details(&member.node));
        let mut required = required.map(|member| member.name.as_str()).peekable();
        if required.peek().is_some() || identifying {
            json.key("required");
            json.strings(required);
        }
        let inline = members.iter().any(|member| is_inline_details(&member.node));
        // A code whose details map any name to a value, spread into this
        // object, may add members of any name: nothing more can be said.
        let open_ended = inline && self.catalog.errors.iter().any(|error| error.details_map.is_some());
        if self.strictness == Strictness::Strict && !open_ended {
            // Inline detail members are declared in the bindings, which
            // `unevaluatedProperties` sees and `additionalProperties` does not.
            json.key(if inline { "unevaluatedProperties" } else { "additionalProperties" });
            json.boolean(false);
        }
        if identifying {
            self.bindings(json, members);
        }
    }

    fn node(&mut self, json: &mut JsonWriter, node: &'a Node) {
        json.open_object();
        self.node_entries(json, node, None);
        json.close_object();
    }

    /// The entries of a node's schema, its description first (but beside a
    /// `$ref`, which stands for a schema described where it is defined).
    fn node_entries(&mut self, json: &mut JsonWriter, node: &'a Node, description: Option<&str>) {
        match node {
            Node::Object(members) => return self.object_entries(json, members, description),
            Node::Role(role) => return self.role_entries(json, *role, description),
            _ => describe(json, description),
        }
        match node {
            Node::Object(_) | Node::Role(_) => unreachable!("written above"),
            Node::Array(items) => {
                json.string_entry("type", "array");
                json.key("items");
                if let [item] = items.as_slice() {
                    return self.node(json, item);
                }
                json.open_object();
                json.key("anyOf");
                json.open_array();
                items.iter().for_each(|item| self.node(json, item));
                json.close_array();
                json.close_object();
            }
            Node::Const(value) => {
                json.key("const");
                json.value(value);
            }
            Node::Value(value) => detail_type_entries(json, value.value_type),
            Node::Details { .. } => json.string_entry("type", "object"),
            Node::Errors(item) => {
                json.string_entry("type", "array");
                json.key("items");
                self.item_object(json, item);
            }
        }
    }

    /// A nested error: its own code (any, as nested codes are often not the
    /// catalogue's), message, field and values.
    fn item_object(&mut self, json: &mut JsonWriter, members: &'a [Member]) {
        json.open_object();
        json.string_entry("type", "object");
        json.key("properties");
        json.open_object();
        for member in members {
            json.key(&member.name);
            match &member.node {
                Node::Role(Role::Code(CodeStyle::Integer)) => type_only(json, "integer"),
                Node::Role(_) => type_only(json, "string"),
                other => self.node(json, other),
            }
        }
        json.close_object();
        json.close_object();
    }

    fn role_entries(&self, json: &mut JsonWriter, role: Role, description: Option<&str>) {
        if self.strictness == Strictness::Strict && self.identifies(role) {
            // Without a code member, the link or title names the error: the
            // strict schema knows exactly which ones exist.
            describe(json, description);
            json.string_entry("type", "string");
            json.key("enum");
            json.open_array();
            for error in &self.catalog.errors {
                if let Some(value) = per_code_value(self.catalog, error, role) {
                    json.value(&value);
                }
            }
            json.close_array();
            return;
        }
        match role {
            Role::Code(_) => return json.string_entry("$ref", &self.refs.code),
            Role::Type(_) => return json.string_entry("$ref", &self.refs.error_type),
            _ => describe(json, description),
        }
        match role {
            Role::Code(_) | Role::Type(_) => unreachable!("written above"),
            Role::Message { .. } | Role::Param | Role::Title => json.string_entry("type", "string"),
            Role::Status { as_string: false } => {
                json.string_entry("type", "integer");
                json.key("minimum");
                json.integer(100);
                json.key("maximum");
                json.integer(599);
            }
            Role::Status { as_string: true } => {
                json.string_entry("type", "string");
                json.string_entry("pattern", "^[1-5][0-9][0-9]$");
            }
            Role::DocUrl => {
                json.string_entry("type", "string");
                json.string_entry("format", "uri");
            }
        }
    }

    /// Whether `role` tells codes apart because the body has no code member.
    fn identifies(&self, role: Role) -> bool {
        let roles = self.catalog.envelope.roles();
        let has = |wanted: fn(&Role) -> bool| roles.iter().any(wanted);
        match role {
            Role::DocUrl => !has(|role| matches!(role, Role::Code(_))),
            Role::Title => !has(|role| matches!(role, Role::Code(_) | Role::DocUrl)),
            _ => false,
        }
    }

    /// Whether a member is in every body: always for the catalogue's own
    /// codes (strict); a newer server's code only promises its code and
    /// message (open).
    fn always_present(&self, node: &Node) -> bool {
        let strict = self.strictness == Strictness::Strict;
        match node {
            Node::Role(Role::Code(_) | Role::Message { optional: false }) => true,
            Node::Role(Role::Type(_)) => strict && !self.catalog.types.is_empty(),
            Node::Role(Role::DocUrl) => {
                strict && self.catalog.errors.iter().all(|error| self.catalog.has_doc_url(error))
            }
            Node::Role(Role::Title) | Node::Role(Role::Status { .. }) | Node::Const(_) => strict,
            Node::Object(members) => {
                members.iter().any(|member| self.always_present(&member.node) && !matches!(member.node, Node::Const(_)))
            }
            Node::Array(items) => items.iter().any(|item| self.always_present(item) && !matches!(item, Node::Const(_))),
            Node::Role(Role::Message { optional: true } | Role::Param)
            | Node::Value(_)
            | Node::Details { .. }
            | Node::Errors(_) => false,
        }
    }

    /// `allOf` the codes' bindings, if any code has one.
    fn bindings(&self, json: &mut JsonWriter, members: &[Member]) {
        let mut bindings = self.catalog.errors.iter().filter_map(|error| self.binding(members, error)).peekable();
        if bindings.peek().is_none() {
            return;
        }
        json.key("allOf");
        json.open_array();
        for binding in bindings {
            binding.write(json, self.strictness);
        }
        json.close_array();
    }

    /// `if` the identifying member says this code, `then` its siblings hold
    /// the code's own values; `None` where they hold nothing of its own.
    fn binding(&self, members: &'a [Member], error: &'a ErrorDef) -> Option<Binding<'a>> {
        let (key, condition) = self.condition(members, error)?;
        let mut then = Then::default();
        for member in members.iter().filter(|member| member.name != key) {
            match &member.node {
                Node::Details { inline: true, names } if error.details_map.is_none() => {
                    for detail in &error.details {
                        then.insert(names.apply(&detail.name), ThenSchema::Detail(detail));
                        if self.strictness == Strictness::Strict && detail.required {
                            then.required.push(names.apply(&detail.name));
                        }
                    }
                }
                Node::Details { inline: false, names } if has_details_schema(error, self.strictness) => {
                    then.insert(member.name.clone(), ThenSchema::Details(error, *names));
                }
                Node::Role(role) if self.strictness == Strictness::Strict => {
                    if let Some(value) = per_code_value(self.catalog, error, *role) {
                        then.insert(member.name.clone(), ThenSchema::Const(value));
                    }
                }
                _ => {}
            }
        }
        (!then.properties.is_empty()).then_some(Binding { key, condition, then })
    }

    /// The identifying member's name and the values that mean `error`.
    fn condition(&self, members: &'a [Member], error: &ErrorDef) -> Option<(&'a str, Vec<Value>)> {
        let member = identifying_member(members)?;
        let values: Vec<Value> = match &member.node {
            Node::Role(Role::Code(style)) => {
                let mut values = vec![wire_code_json(self.catalog, error, *style)];
                if let (CodeStyle::Name(names), None) = (style, &error.wire_code) {
                    values.extend(error.aliases.iter().map(|alias| json!(names.apply(alias))));
                }
                values
            }
            Node::Role(Role::DocUrl) => vec![json!(self.catalog.doc_url(error)?)],
            Node::Role(Role::Title) => vec![json!(error.title.as_ref()?)],
            _ => return None,
        };
        Some((&member.name, values))
    }
}

/// One code's binding, collected before it is written: whether a code has
/// one at all is only known once its members are looked at.
struct Binding<'a> {
    key: &'a str,
    condition: Vec<Value>,
    then: Then<'a>,
}

/// The `then` of a binding: the code's own schemas of sibling members.
#[derive(Default)]
struct Then<'a> {
    properties: Vec<(String, ThenSchema<'a>)>,
    /// Inline detail members the code always sends.
    required: Vec<String>,
}

enum ThenSchema<'a> {
    /// The code's value of a role.
    Const(Value),
    /// The code's details object.
    Details(&'a ErrorDef, NameStyle),
    /// One detail member spread into the object.
    Detail(&'a Detail),
}

impl<'a> Then<'a> {
    /// Adds a property; a name met again keeps its place and takes the
    /// later schema, as an object's member does.
    fn insert(&mut self, name: String, schema: ThenSchema<'a>) {
        match self.properties.iter_mut().find(|(known, _)| *known == name) {
            Some((_, known)) => *known = schema,
            None => self.properties.push((name, schema)),
        }
    }
}

impl Binding<'_> {
    fn write(&self, json: &mut JsonWriter, strictness: Strictness) {
        json.open_object();
        json.key("if");
        json.open_object();
        json.key("properties");
        json.open_object();
        json.key(self.key);
        json.open_object();
        if let [value] = self.condition.as_slice() {
            json.key("const");
            json.value(value);
        } else {
            json.key("enum");
            json.value(&Value::Array(self.condition.clone()));
        }
        json.close_object();
        json.close_object();
        json.key("required");
        json.strings([self.key]);
        json.close_object();
        json.key("then");
        json.open_object();
        json.key("properties");
        json.open_object();
        for (name, schema) in &self.then.properties {
            json.key(name);
            match schema {
                ThenSchema::Const(value) => {
                    json.open_object();
                    json.key("const");
                    json.value(value);
                    json.close_object();
                }
                ThenSchema::Details(error, names) => details_schema(json, error, strictness, *names),
                ThenSchema::Detail(detail) => detail_schema(json, detail),
            }
        }
        json.close_object();
        if !self.then.required.is_empty() {
            json.key("required");
            json.strings(self.then.required.iter().map(String::as_str));
        }
        json.close_object();
        json.close_object();
    }
}

/// The member that tells codes apart: the code, else the doc_url, else the title.
fn identifying_member(members: &[Member]) -> Option<&Member> {
    let find = |wanted: fn(&Role) -> bool| {
        members.iter().find(|member| matches!(&member.node, Node::Role(role) if wanted(role)))
    };
    find(|role| matches!(role, Role::Code(_)))
        .or_else(|| find(|role| matches!(role, Role::DocUrl)))
        .or_else(|| find(|role| matches!(role, Role::Title)))
}

fn is_inline_details(node: &Node) -> bool {
    matches!(node, Node::Details { inline: true, .. })
}

fn describe(json: &mut JsonWriter, description: Option<&str>) {
    if let Some(description) = description {
        json.string_entry("description", description);
    }
}

/// `{ "type": kind }`.
fn type_only(json: &mut JsonWriter, kind: &str) {
    json.open_object();
    json.string_entry("type", kind);
    json.close_object();
}

/// A per-code constant of the body, as JSON (the example's value, but for
/// what is set per occurrence).
fn per_code_value(catalog: &Catalog, error: &ErrorDef, role: Role) -> Option<Value> {
    match role {
        Role::Message { .. } | Role::Param => None,
        _ => role_value(catalog, error, role),
    }
}

/// The schema of the code named by a style: strict, every wire code (and
/// the spellings still accepted, marked deprecated); open, any code of the
/// style's shape.
pub fn code_schema(json: &mut JsonWriter, catalog: &Catalog, strictness: Strictness, description: &str) {
    let style = catalog.code_style().unwrap_or(CodeStyle::Name(NameStyle::Snake));
    let kind = if style == CodeStyle::Integer { "integer" } else { "string" };
    json.open_object();
    json.string_entry("description", description);
    json.string_entry("type", kind);
    if strictness == Strictness::Open {
        if let CodeStyle::Name(names) = style {
            json.string_entry("pattern", pattern(names));
        }
        return json.close_object();
    }
    let wire = |error: &ErrorDef| wire_code_json(catalog, error, style);
    let current = catalog.errors.iter().filter(|error| error.deprecated.is_none()).map(wire);
    let deprecated = catalog.errors.iter().filter(|error| error.deprecated.is_some()).map(wire);
    let aliases = catalog.errors.iter().flat_map(|error| error.aliases.iter());
    let aliases: Vec<Value> = match style {
        CodeStyle::Name(names) => aliases.map(|alias| json!(names.apply(alias))).collect(),
        CodeStyle::Integer => Vec::new(),
    };
    let mut retired = deprecated.chain(aliases).peekable();
    if retired.peek().is_none() {
        json.key("enum");
        values(json, current);
        return json.close_object();
    }
    json.key("anyOf");
    json.open_array();
    json.open_object();
    json.key("enum");
    values(json, current);
    json.close_object();
    json.open_object();
    json.string_entry("description", "Deprecated codes and old spellings (aliases): still accepted, no longer sent.");
    json.key("deprecated");
    json.boolean(true);
    json.key("enum");
    values(json, retired);
    json.close_object();
    json.close_array();
    json.close_object();
}

/// An array of values.
fn values(json: &mut JsonWriter, values: impl Iterator<Item = Value>) {
    json.open_array();
    values.for_each(|value| json.value(&value));
    json.close_array();
}

pub fn type_schema(json: &mut JsonWriter, catalog: &Catalog, strictness: Strictness, description: &str) {
    let names = catalog.envelope.type_style();
    json.open_object();
    json.string_entry("description", description);
    json.string_entry("type", "string");
    match strictness {
        Strictness::Open => json.string_entry("pattern", pattern(names)),
        Strictness::Strict => {
            json.key("enum");
            json.open_array();
            catalog.types.iter().for_each(|ty| json.string(&names.apply(&ty.name)));
            json.close_array();
        }
    }
    json.close_object();
}

/// The shape of any name in a style.
fn pattern(names: NameStyle) -> &'static str {
    match names {
        NameStyle::Snake => SNAKE_CASE,
        NameStyle::UpperSnake => "^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$",
        NameStyle::Pascal => "^[A-Z][A-Za-z0-9]*$",
        NameStyle::LowerCamel => "^[a-z][A-Za-z0-9]*$",
    }
}

/// Whether [`details_schema`] says anything of `error`: the open schema
/// has nothing to say of a code without details.
fn has_details_schema(error: &ErrorDef, strictness: Strictness) -> bool {
    error.details_map.is_some() || !error.details.is_empty() || strictness == Strictness::Strict
}

/// The schema of one code's details: its members and their types. Strict:
/// required members required, no others. Open: types only.
pub fn details_schema(json: &mut JsonWriter, error: &ErrorDef, strictness: Strictness, names: NameStyle) {
    json.open_object();
    json.string_entry("type", "object");
    if let Some(map) = &error.details_map {
        json.key("additionalProperties");
        json.open_object();
        detail_type_entries(json, map.values);
        json.close_object();
        describe(json, map.description.as_deref());
        return json.close_object();
    }
    if error.details.is_empty() {
        json.key("maxProperties");
        json.integer(0);
        return json.close_object();
    }
    json.key("properties");
    json.open_object();
    for detail in &error.details {
        json.key(&names.apply(&detail.name));
        detail_schema(json, detail);
    }
    json.close_object();
    if strictness == Strictness::Strict {
        let mut required = error.details.iter().filter(|detail| detail.required).peekable();
        if required.peek().is_some() {
            json.key("required");
            json.open_array();
            required.for_each(|detail| json.string(&names.apply(&detail.name)));
            json.close_array();
        }
        json.key("additionalProperties");
        json.boolean(false);
    }
    json.close_object();
}

/// One detail member: its type, then its description.
fn detail_schema(json: &mut JsonWriter, detail: &Detail) {
    json.open_object();
    detail_type_entries(json, detail.detail_type);
    describe(json, detail.description.as_deref());
    json.close_object();
}

/// The entries of the JSON Schema of one detail value.
pub fn detail_type_entries(json: &mut JsonWriter, detail_type: DetailType) {
    let (kind, inner) = match detail_type {
        DetailType::String => ("string", None),
        DetailType::Integer => ("integer", None),
        DetailType::Number => ("number", None),
        DetailType::Boolean => ("boolean", None),
        DetailType::StringMap => ("object", Some("additionalProperties")),
        DetailType::StringList => ("array", Some("items")),
    };
    json.string_entry("type", kind);
    if let Some(key) = inner {
        json.key(key);
        type_only(json, "string");
    }
}
