//! The JSON Schema of the body, node by node, and the per-code bindings:
//! in the object that carries the code (or, without a code member, the
//! `doc_url` or `title` that identifies it), `if` the code is this one,
//! `then` its sibling members hold its type, title, status, link and
//! detail members.
//!
//! Schemas are JSON objects built in order (serde_json keeps insertion
//! order here); an `*_entries` function adds the entries of an object the
//! caller made.

use serde_json::{Map, Value, json};

use super::{Refs, SNAKE_CASE, Strictness};
use crate::emit::example::{role_value, wire_code_json};
use crate::model::{Catalog, CodeStyle, Detail, DetailType, ErrorDef, Member, NameStyle, Node, Role};

/// A JSON object being built.
pub type Object = Map<String, Value>;

/// Builds the body schema; the object that identifies the code is a `$ref`
/// to `refs.error`, and its schema comes afterwards, among the definitions,
/// from [`BodySchema::error_object`].
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
    pub fn body_entries(&mut self, object: &mut Object) {
        self.object_entries(object, &self.catalog.envelope.body, None);
    }

    /// The identifying object's schema, once the body is built, if it has one.
    pub fn error_object(&mut self) -> Option<Value> {
        let members = self.error_members?;
        let mut object = Object::new();
        self.object_schema_entries(&mut object, members, true);
        Some(Value::Object(object))
    }

    fn object_entries(&mut self, object: &mut Object, members: &'a [Member], description: Option<&str>) {
        if self.error_members.is_none() && identifying_member(members).is_some() {
            self.error_members = Some(members);
            object.insert("$ref".into(), json!(self.refs.error));
            return;
        }
        describe(object, description);
        self.object_schema_entries(object, members, false);
    }

    fn object_schema_entries(&mut self, object: &mut Object, members: &'a [Member], identifying: bool) {
        if identifying {
            object.insert("description".into(), json!("The error itself."));
        }
        object.insert("type".into(), json!("object"));
        let mut properties = Object::new();
        for member in members.iter().filter(|member| !is_inline_details(&member.node)) {
            let mut property = Object::new();
            self.node_entries(&mut property, &member.node, member.description.as_deref());
            properties.insert(member.name.clone(), Value::Object(property));
        }
        object.insert("properties".into(), Value::Object(properties));
        let required: Vec<&str> = members
            .iter()
            .filter(|member| self.always_present(&member.node) && !is_inline_details(&member.node))
            .map(|member| member.name.as_str())
            .collect();
        if !required.is_empty() || identifying {
            object.insert("required".into(), json!(required));
        }
        let inline = members.iter().any(|member| is_inline_details(&member.node));
        // A code whose details map any name to a value, spread into this
        // object, may add members of any name: nothing more can be said.
        let open_ended = inline && self.catalog.errors.iter().any(|error| error.details_map.is_some());
        if self.strictness == Strictness::Strict && !open_ended {
            // Inline detail members are declared in the bindings, which
            // `unevaluatedProperties` sees and `additionalProperties` does not.
            let key = if inline { "unevaluatedProperties" } else { "additionalProperties" };
            object.insert(key.into(), json!(false));
        }
        if identifying && let Some(bindings) = self.bindings(members) {
            object.insert("allOf".into(), bindings);
        }
    }

    fn node(&mut self, node: &'a Node) -> Value {
        let mut object = Object::new();
        self.node_entries(&mut object, node, None);
        Value::Object(object)
    }

    /// The entries of a node's schema, its description first (but beside a
    /// `$ref`, which stands for a schema described where it is defined).
    fn node_entries(&mut self, object: &mut Object, node: &'a Node, description: Option<&str>) {
        match node {
            Node::Object(members) => return self.object_entries(object, members, description),
            Node::Role(role) => return self.role_entries(object, *role, description),
            _ => describe(object, description),
        }
        match node {
            Node::Object(_) | Node::Role(_) => unreachable!("built above"),
            Node::Array(items) => {
                object.insert("type".into(), json!("array"));
                let items = match items.as_slice() {
                    [item] => self.node(item),
                    _ => json!({ "anyOf": items.iter().map(|item| self.node(item)).collect::<Vec<_>>() }),
                };
                object.insert("items".into(), items);
            }
            Node::Const(value) => {
                object.insert("const".into(), value.clone());
            }
            Node::Value(value) => detail_type_entries(object, value.value_type),
            Node::Details { .. } => {
                object.insert("type".into(), json!("object"));
            }
            Node::Errors(item) => {
                object.insert("type".into(), json!("array"));
                object.insert("items".into(), self.item_object(item));
            }
        }
    }

    /// A nested error: its own code (any, as nested codes are often not the
    /// catalogue's), message, field and values.
    fn item_object(&mut self, members: &'a [Member]) -> Value {
        let mut properties = Object::new();
        for member in members {
            let schema = match &member.node {
                Node::Role(Role::Code(CodeStyle::Integer)) => json!({ "type": "integer" }),
                Node::Role(_) => json!({ "type": "string" }),
                other => self.node(other),
            };
            properties.insert(member.name.clone(), schema);
        }
        json!({ "type": "object", "properties": properties })
    }

    fn role_entries(&self, object: &mut Object, role: Role, description: Option<&str>) {
        if self.strictness == Strictness::Strict && self.identifies(role) {
            // Without a code member, the link or title names the error: the
            // strict schema knows exactly which ones exist.
            describe(object, description);
            object.insert("type".into(), json!("string"));
            let values: Vec<Value> =
                self.catalog.errors.iter().filter_map(|error| per_code_value(self.catalog, error, role)).collect();
            object.insert("enum".into(), Value::Array(values));
            return;
        }
        match role {
            Role::Code(_) => return insert(object, "$ref", json!(self.refs.code)),
            Role::Type(_) => return insert(object, "$ref", json!(self.refs.error_type)),
            _ => describe(object, description),
        }
        let entries = match role {
            Role::Code(_) | Role::Type(_) => unreachable!("built above"),
            Role::Message { .. } | Role::Param | Role::Title | Role::Locale | Role::LocalizedMessage => {
                json!({ "type": "string" })
            }
            Role::Status { as_string: false } => json!({ "type": "integer", "minimum": 100, "maximum": 599 }),
            Role::Status { as_string: true } => json!({ "type": "string", "pattern": "^[1-5][0-9][0-9]$" }),
            Role::DocUrl => json!({ "type": "string", "format": "uri" }),
        };
        extend(object, entries);
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
            Node::Role(Role::Message { optional: true } | Role::Param | Role::Locale | Role::LocalizedMessage)
            | Node::Value(_)
            | Node::Details { .. }
            | Node::Errors(_) => false,
        }
    }

    /// `allOf` the codes' bindings, if any code has one.
    fn bindings(&self, members: &[Member]) -> Option<Value> {
        let bindings: Vec<Value> = self
            .catalog
            .errors
            .iter()
            .filter_map(|error| self.binding(members, error))
            .map(|binding| binding.schema(self.strictness))
            .collect();
        (!bindings.is_empty()).then_some(Value::Array(bindings))
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

/// One code's binding, collected before it is built: whether a code has
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
    fn schema(&self, strictness: Strictness) -> Value {
        let condition = match self.condition.as_slice() {
            [value] => json!({ "const": value }),
            values => json!({ "enum": values }),
        };
        let mut properties = Object::new();
        for (name, schema) in &self.then.properties {
            let schema = match schema {
                ThenSchema::Const(value) => json!({ "const": value }),
                ThenSchema::Details(error, names) => details_schema(error, strictness, *names),
                ThenSchema::Detail(detail) => detail_schema(detail),
            };
            properties.insert(name.clone(), schema);
        }
        let mut then = Object::new();
        then.insert("properties".into(), Value::Object(properties));
        if !self.then.required.is_empty() {
            then.insert("required".into(), json!(self.then.required));
        }
        json!({
            "if": { "properties": { self.key: condition }, "required": [self.key] },
            "then": then,
        })
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

fn insert(object: &mut Object, key: &str, value: Value) {
    object.insert(key.into(), value);
}

/// Adds the entries of `entries` (an object) to `object`, in order.
fn extend(object: &mut Object, entries: Value) {
    if let Value::Object(entries) = entries {
        object.extend(entries);
    }
}

fn describe(object: &mut Object, description: Option<&str>) {
    if let Some(description) = description {
        object.insert("description".into(), json!(description));
    }
}

/// A per-code constant of the body, as JSON (the example's value, but for
/// what is set per occurrence).
fn per_code_value(catalog: &Catalog, error: &ErrorDef, role: Role) -> Option<Value> {
    match role {
        Role::Message { .. } | Role::Param | Role::Locale | Role::LocalizedMessage => None,
        _ => role_value(catalog, error, role),
    }
}

/// The schema of the code named by a style: strict, every wire code (and
/// the spellings still accepted, marked deprecated); open, any code of the
/// style's shape.
pub fn code_schema(catalog: &Catalog, strictness: Strictness, description: &str) -> Value {
    let style = catalog.code_style().unwrap_or(CodeStyle::Name(NameStyle::Snake));
    let kind = if style == CodeStyle::Integer { "integer" } else { "string" };
    let mut object = Object::new();
    object.insert("description".into(), json!(description));
    object.insert("type".into(), json!(kind));
    if strictness == Strictness::Open {
        if let CodeStyle::Name(names) = style {
            object.insert("pattern".into(), json!(pattern(names)));
        }
        return Value::Object(object);
    }
    let wire = |error: &ErrorDef| wire_code_json(catalog, error, style);
    let current: Vec<Value> = catalog.errors.iter().filter(|error| error.deprecated.is_none()).map(wire).collect();
    let deprecated = catalog.errors.iter().filter(|error| error.deprecated.is_some()).map(wire);
    let aliases = catalog.errors.iter().flat_map(|error| error.aliases.iter());
    let aliases: Vec<Value> = match style {
        CodeStyle::Name(names) => aliases.map(|alias| json!(names.apply(alias))).collect(),
        CodeStyle::Integer => Vec::new(),
    };
    let retired: Vec<Value> = deprecated.chain(aliases).collect();
    if retired.is_empty() {
        object.insert("enum".into(), Value::Array(current));
    } else {
        let retired = json!({
            "description": "Deprecated codes and old spellings (aliases): still accepted, no longer sent.",
            "deprecated": true,
            "enum": retired,
        });
        object.insert("anyOf".into(), json!([{ "enum": current }, retired]));
    }
    Value::Object(object)
}

pub fn type_schema(catalog: &Catalog, strictness: Strictness, description: &str) -> Value {
    let names = catalog.envelope.type_style();
    let constraint = match strictness {
        Strictness::Open => json!({ "pattern": pattern(names) }),
        Strictness::Strict => {
            json!({ "enum": catalog.types.iter().map(|ty| names.apply(&ty.name)).collect::<Vec<_>>() })
        }
    };
    let mut object = Object::new();
    object.insert("description".into(), json!(description));
    object.insert("type".into(), json!("string"));
    extend(&mut object, constraint);
    Value::Object(object)
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
pub fn details_schema(error: &ErrorDef, strictness: Strictness, names: NameStyle) -> Value {
    let mut object = Object::new();
    object.insert("type".into(), json!("object"));
    if let Some(map) = &error.details_map {
        let mut values = Object::new();
        detail_type_entries(&mut values, map.values);
        object.insert("additionalProperties".into(), Value::Object(values));
        describe(&mut object, map.description.as_deref());
        return Value::Object(object);
    }
    if error.details.is_empty() {
        object.insert("maxProperties".into(), json!(0));
        return Value::Object(object);
    }
    let properties: Object =
        error.details.iter().map(|detail| (names.apply(&detail.name), detail_schema(detail))).collect();
    object.insert("properties".into(), Value::Object(properties));
    if strictness == Strictness::Strict {
        let required: Vec<String> =
            error.details.iter().filter(|detail| detail.required).map(|detail| names.apply(&detail.name)).collect();
        if !required.is_empty() {
            object.insert("required".into(), json!(required));
        }
        object.insert("additionalProperties".into(), json!(false));
    }
    Value::Object(object)
}

/// One detail member: its type, then its description.
fn detail_schema(detail: &Detail) -> Value {
    let mut object = Object::new();
    detail_type_entries(&mut object, detail.detail_type);
    describe(&mut object, detail.description.as_deref());
    Value::Object(object)
}

/// The entries of the JSON Schema of one detail value.
pub fn detail_type_entries(object: &mut Object, detail_type: DetailType) {
    let entries = match detail_type {
        DetailType::String => json!({ "type": "string" }),
        DetailType::Integer => json!({ "type": "integer" }),
        DetailType::Number => json!({ "type": "number" }),
        DetailType::Boolean => json!({ "type": "boolean" }),
        DetailType::StringMap => json!({ "type": "object", "additionalProperties": { "type": "string" } }),
        DetailType::StringList => json!({ "type": "array", "items": { "type": "string" } }),
    };
    extend(object, entries);
}
