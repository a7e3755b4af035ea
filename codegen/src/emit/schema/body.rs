//! The JSON Schema of the body, node by node, and the per-code bindings:
//! in the object that carries the code (or, without a code member, the
//! `doc_url` or `title` that identifies it), `if` the code is this one,
//! `then` its sibling members hold its type, title, status, link and
//! detail members.

use serde_json::{Map, Value, json};

use super::{Refs, SNAKE_CASE, Strictness, detail_type_schema};
use crate::emit::example::{role_value, wire_code_json};
use crate::model::{Catalog, CodeStyle, ErrorDef, Member, NameStyle, Node, Role};

/// Builds the body schema; the object that identifies the code becomes
/// `refs.error`, and its schema is kept for the definitions.
pub struct BodySchema<'a> {
    catalog: &'a Catalog,
    strictness: Strictness,
    refs: &'a Refs,
    /// The identifying object's schema, once met.
    pub error_object: Option<Value>,
}

impl<'a> BodySchema<'a> {
    pub fn new(catalog: &'a Catalog, strictness: Strictness, refs: &'a Refs) -> Self {
        BodySchema { catalog, strictness, refs, error_object: None }
    }

    /// The schema of the whole body.
    pub fn body(&mut self) -> Value {
        self.object(&self.catalog.envelope.body)
    }

    fn object(&mut self, members: &[Member]) -> Value {
        let identifying = self.error_object.is_none() && identifying_member(members).is_some();
        let mut properties = Map::new();
        let mut required = Vec::new();
        for member in members {
            if matches!(member.node, Node::Details { inline: true, .. }) {
                continue;
            }
            let mut schema = self.node(&member.node);
            if let (Some(description), Value::Object(map)) = (&member.description, &schema)
                && !map.contains_key("$ref")
            {
                let mut described = Map::new();
                described.insert("description".into(), json!(description));
                described.extend(map.clone());
                schema = Value::Object(described);
            }
            properties.insert(member.name.clone(), schema);
            if self.always_present(&member.node) {
                required.push(member.name.clone());
            }
        }
        let mut object = Map::new();
        if identifying {
            object.insert("description".into(), json!("The error itself."));
        }
        object.insert("type".into(), json!("object"));
        object.insert("properties".into(), Value::Object(properties));
        if !required.is_empty() || identifying {
            object.insert("required".into(), json!(required));
        }
        let inline = members.iter().any(|member| matches!(member.node, Node::Details { inline: true, .. }));
        // A code whose details map any name to a value, spread into this
        // object, may add members of any name: nothing more can be said.
        let open_ended = inline && self.catalog.errors.iter().any(|error| error.details_map.is_some());
        if self.strictness == Strictness::Strict && !open_ended {
            // Inline detail members are declared in the bindings, which
            // `unevaluatedProperties` sees and `additionalProperties` does not.
            let key = if inline { "unevaluatedProperties" } else { "additionalProperties" };
            object.insert(key.into(), json!(false));
        }
        if !identifying {
            return Value::Object(object);
        }
        let bindings: Vec<Value> =
            self.catalog.errors.iter().filter_map(|error| self.binding(members, error)).collect();
        if !bindings.is_empty() {
            object.insert("allOf".into(), Value::Array(bindings));
        }
        self.error_object = Some(Value::Object(object));
        json!({ "$ref": self.refs.error })
    }

    fn node(&mut self, node: &Node) -> Value {
        match node {
            Node::Object(members) => self.object(members),
            Node::Array(items) => {
                let entries: Vec<Value> = items.iter().map(|item| self.node(item)).collect();
                let items = if entries.len() == 1 { entries[0].clone() } else { json!({ "anyOf": entries }) };
                json!({ "type": "array", "items": items })
            }
            Node::Role(role) => self.role(*role),
            Node::Const(value) => json!({ "const": value }),
            Node::Value(value) => detail_type_schema(value.value_type),
            Node::Details { .. } => json!({ "type": "object" }),
            Node::Errors(item) => {
                let item = self.item_object(item);
                json!({ "type": "array", "items": item })
            }
        }
    }

    /// A nested error: its own code (any, as nested codes are often not the
    /// catalogue's), message, field and values.
    fn item_object(&mut self, members: &[Member]) -> Value {
        let mut properties = Map::new();
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

    fn role(&self, role: Role) -> Value {
        if self.strictness == Strictness::Strict && self.identifies(role) {
            // Without a code member, the link or title names the error: the
            // strict schema knows exactly which ones exist.
            let values: Vec<Value> =
                self.catalog.errors.iter().filter_map(|error| per_code_value(self.catalog, error, role)).collect();
            return json!({ "type": "string", "enum": values });
        }
        match role {
            Role::Code(_) => json!({ "$ref": self.refs.code }),
            Role::Type(_) => json!({ "$ref": self.refs.error_type }),
            Role::Message { .. } | Role::Param | Role::Title => json!({ "type": "string" }),
            Role::Status { as_string: false } => json!({ "type": "integer", "minimum": 100, "maximum": 599 }),
            Role::Status { as_string: true } => json!({ "type": "string", "pattern": "^[1-5][0-9][0-9]$" }),
            Role::DocUrl => json!({ "type": "string", "format": "uri" }),
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
                strict && self.catalog.errors.iter().all(|error| self.catalog.doc_url(error).is_some())
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

    /// `if` the identifying member says this code, `then` its siblings hold
    /// the code's own values.
    fn binding(&self, members: &[Member], error: &ErrorDef) -> Option<Value> {
        let (key, condition) = self.condition(members, error)?;
        let mut then = Map::new();
        let mut inline_required = Vec::new();
        for member in members {
            if member.name == key {
                continue;
            }
            match &member.node {
                Node::Details { inline: true, names } if error.details_map.is_none() => {
                    if let Some(Value::Object(schema)) = details_schema(error, self.strictness, *names) {
                        if let Some(Value::Object(properties)) = schema.get("properties") {
                            then.extend(properties.clone());
                        }
                        if let Some(Value::Array(required)) = schema.get("required") {
                            inline_required.extend(required.iter().cloned());
                        }
                    }
                }
                Node::Details { inline: false, names } => {
                    if let Some(schema) = details_schema(error, self.strictness, *names) {
                        then.insert(member.name.clone(), schema);
                    }
                }
                Node::Role(role) if self.strictness == Strictness::Strict => {
                    if let Some(value) = per_code_value(self.catalog, error, *role) {
                        then.insert(member.name.clone(), json!({ "const": value }));
                    }
                }
                _ => {}
            }
        }
        if then.is_empty() {
            return None;
        }
        let mut then = json!({ "properties": then });
        if !inline_required.is_empty() {
            then["required"] = Value::Array(inline_required);
        }
        Some(json!({
            "if": { "properties": { key.clone(): condition }, "required": [key] },
            "then": then,
        }))
    }

    /// The identifying member's name and the values that mean `error`.
    fn condition(&self, members: &[Member], error: &ErrorDef) -> Option<(String, Value)> {
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
        let condition = if values.len() == 1 { json!({ "const": values[0] }) } else { json!({ "enum": values }) };
        Some((member.name.clone(), condition))
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
pub fn code_schema(catalog: &Catalog, strictness: Strictness, description: &str) -> Value {
    let style = catalog.code_style().unwrap_or(CodeStyle::Name(NameStyle::Snake));
    if strictness == Strictness::Open {
        return match style {
            CodeStyle::Integer => json!({ "description": description, "type": "integer" }),
            CodeStyle::Name(names) => {
                json!({ "description": description, "type": "string", "pattern": pattern(names) })
            }
        };
    }
    let wire = |error: &ErrorDef| wire_code_json(catalog, error, style);
    let current: Vec<Value> = catalog.errors.iter().filter(|error| error.deprecated.is_none()).map(wire).collect();
    let mut retired: Vec<Value> = catalog.errors.iter().filter(|error| error.deprecated.is_some()).map(wire).collect();
    if let CodeStyle::Name(names) = style {
        retired.extend(
            catalog.errors.iter().flat_map(|error| error.aliases.iter().map(move |alias| json!(names.apply(alias)))),
        );
    }
    let kind = if style == CodeStyle::Integer { "integer" } else { "string" };
    if retired.is_empty() {
        return json!({ "description": description, "type": kind, "enum": current });
    }
    json!({
        "description": description,
        "type": kind,
        "anyOf": [
            { "enum": current },
            {
                "description": "Deprecated codes and old spellings (aliases): still accepted, no longer sent.",
                "deprecated": true,
                "enum": retired,
            },
        ],
    })
}

pub fn type_schema(catalog: &Catalog, strictness: Strictness, description: &str) -> Value {
    let names = catalog.envelope.type_style();
    match strictness {
        Strictness::Open => json!({ "description": description, "type": "string", "pattern": pattern(names) }),
        Strictness::Strict => {
            let types: Vec<String> = catalog.types.iter().map(|ty| names.apply(&ty.name)).collect();
            json!({ "description": description, "type": "string", "enum": types })
        }
    }
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

/// The schema of one code's details: its members and their types. Strict:
/// required members required, no others. Open: types only.
pub fn details_schema(error: &ErrorDef, strictness: Strictness, names: NameStyle) -> Option<Value> {
    if let Some(map) = &error.details_map {
        let mut schema = json!({ "type": "object", "additionalProperties": detail_type_schema(map.values) });
        if let Some(description) = &map.description {
            schema["description"] = json!(description);
        }
        return Some(schema);
    }
    if error.details.is_empty() {
        return (strictness == Strictness::Strict).then(|| json!({ "type": "object", "maxProperties": 0 }));
    }
    let mut properties = Map::new();
    for detail in &error.details {
        let mut schema = detail_type_schema(detail.detail_type);
        if let Some(description) = &detail.description {
            schema["description"] = json!(description);
        }
        properties.insert(names.apply(&detail.name), schema);
    }
    let mut schema = Map::new();
    schema.insert("type".into(), json!("object"));
    schema.insert("properties".into(), Value::Object(properties));
    if strictness == Strictness::Strict {
        let required: Vec<String> =
            error.details.iter().filter(|detail| detail.required).map(|detail| names.apply(&detail.name)).collect();
        if !required.is_empty() {
            schema.insert("required".into(), json!(required));
        }
        schema.insert("additionalProperties".into(), json!(false));
    }
    Some(Value::Object(schema))
}
