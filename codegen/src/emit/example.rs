//! Example response bodies: the envelope filled in for one code, with
//! placeholder values for its details. The docs show them, the schemas carry
//! them, and `schema/examples/<code>.json` holds one per code.

use serde_json::{Map, Value, json};

use crate::model::{Catalog, CodeStyle, DetailType, ErrorDef, Member, NameStyle, Node, Role, WireCode, placeholders};

/// An example response body for `error`, in the catalogue's envelope.
pub fn example_value(catalog: &Catalog, error: &ErrorDef) -> Value {
    let mut object = Map::new();
    fill_members(catalog, error, &catalog.envelope.body, &mut object);
    Value::Object(object)
}

/// Fills `object` from `members`; returns whether anything but constants
/// went in (an object of constants alone is left out, as on the wire).
fn fill_members(catalog: &Catalog, error: &ErrorDef, members: &[Member], object: &mut Map<String, Value>) -> bool {
    let mut content = false;
    for member in members {
        if let Node::Details { inline: true, names } = member.node {
            let details = example_details(error, names);
            content |= !details.is_empty();
            object.extend(details);
            continue;
        }
        if let Some(value) = node_value(catalog, error, &member.node) {
            content |= !matches!(member.node, Node::Const(_));
            object.insert(member.name.clone(), value);
        }
    }
    content
}

/// The example value of `node`, or `None` where the body leaves it out.
fn node_value(catalog: &Catalog, error: &ErrorDef, node: &Node) -> Option<Value> {
    match node {
        Node::Object(members) => {
            let mut object = Map::new();
            fill_members(catalog, error, members, &mut object).then_some(Value::Object(object))
        }
        Node::Array(items) => {
            let entries: Vec<Value> = items
                .iter()
                .filter(|item| !matches!(item, Node::Const(_)))
                .filter_map(|item| node_value(catalog, error, item))
                .collect();
            (!entries.is_empty()).then_some(Value::Array(entries))
        }
        Node::Role(role) => role_value(catalog, error, *role),
        Node::Const(value) => Some(value.clone()),
        // Set per occurrence; an example of the code alone has none.
        Node::Value(_) | Node::Errors(_) => None,
        Node::Details { names, .. } => {
            let details = example_details(error, *names);
            (!details.is_empty()).then_some(Value::Object(details))
        }
    }
}

pub(crate) fn role_value(catalog: &Catalog, error: &ErrorDef, role: Role) -> Option<Value> {
    match role {
        Role::Code(style) => Some(wire_code_json(catalog, error, style)),
        Role::Type(names) => catalog.error_type(error).map(|ty| json!(names.apply(&ty.name))),
        Role::Message { optional } => {
            let message = example_message(error);
            // As the runtime sends it: an optional message only when the
            // details filled something in.
            (!optional || message != error.message).then(|| json!(message))
        }
        Role::Title => error.title.as_ref().map(|title| json!(title)),
        Role::Status { as_string: false } => Some(json!(error.status)),
        Role::Status { as_string: true } => Some(json!(error.status.to_string())),
        Role::DocUrl => catalog.doc_url(error).map(Value::String),
        Role::Param => error.param.as_ref().map(|param| json!(param)),
        // Sent once a language is chosen for the request; the examples are
        // in the catalogue's own.
        Role::Locale | Role::LocalizedMessage => None,
    }
}

/// The code's message as the runtime sends it with the example details:
/// each `{member}` placeholder filled in (strings as they are, other values
/// as JSON), others left as written.
fn example_message(error: &ErrorDef) -> String {
    let mut out = String::with_capacity(error.message.len());
    let mut written = 0;
    for (offset, name) in placeholders(&error.message) {
        let Some(detail) = error.details.iter().find(|detail| detail.name == name) else { continue };
        out.push_str(&error.message[written..offset]);
        match example_detail(detail.detail_type) {
            Value::String(text) => out.push_str(&text),
            other => out.push_str(&other.to_string()),
        }
        written = offset + name.len() + 2;
    }
    out.push_str(&error.message[written..]);
    out
}

/// The code as the envelope writes it, as JSON.
pub fn wire_code_json(catalog: &Catalog, error: &ErrorDef, style: CodeStyle) -> Value {
    match catalog.wire_code(error, style) {
        WireCode::Integer(number) => json!(number),
        WireCode::Text(text) => json!(text),
    }
}

fn example_details(error: &ErrorDef, names: NameStyle) -> Map<String, Value> {
    match &error.details_map {
        Some(map) => Map::from_iter([("field_name".to_string(), example_detail(map.values))]),
        None => error.details.iter().map(|d| (names.apply(&d.name), example_detail(d.detail_type))).collect(),
    }
}

/// A placeholder value of a detail type.
pub fn example_detail(detail_type: DetailType) -> Value {
    match detail_type {
        DetailType::String => json!("..."),
        DetailType::Integer => json!(1),
        DetailType::Number => json!(1.5),
        DetailType::Boolean => json!(true),
        DetailType::StringMap => json!({ "field": "what is wrong with it" }),
        DetailType::StringList => json!(["..."]),
    }
}
