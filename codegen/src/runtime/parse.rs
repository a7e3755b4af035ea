//! Reading an [`ApiError`] from a body in the envelope: one walk of the
//! envelope, driven by the body as serde reads it (a `DeserializeSeed` per
//! node), with no tree in between: each member is matched by name as it
//! arrives and read into what the error keeps; members the envelope does not
//! name are skipped without being kept (a newer server may add some), except
//! where inline details collect them. A repeated member is read as
//! `JSON.parse` reads it: the last value counts.
//!
//! Only the entries of an array are read into a tree first (`Json`, which
//! keeps member order), because the constants that say which of the
//! envelope's entries one is may come after its other members; the same
//! seeds then read the tree.

use std::borrow::Cow;
use std::fmt;

use serde::de::value::{MapDeserializer, SeqDeserializer};
use serde::de::{
    DeserializeSeed, Deserializer, Error as _, IgnoredAny, IntoDeserializer, MapAccess, SeqAccess, Visitor,
};
use serde::Deserialize as _;
use serde_json::Value;

use super::api_error::{ApiError, Code, Extra, NestedError, Unknown};
use super::details::{self, Details};
use super::envelope::{Kind, Member, Node, Role};
use super::Catalogue;

/// What the body said, before the code is resolved.
#[derive(Default)]
struct Found {
    code: Option<Value>,
    error_type: Option<String>,
    message: Option<String>,
    title: Option<String>,
    status: Option<u16>,
    doc_url: Option<String>,
    param: Option<String>,
    details: Details,
    values: Details,
    errors: Vec<NestedError>,
}

impl ApiError {
    /// Parses an error body in `catalogue`'s envelope.
    ///
    /// # Errors
    ///
    /// When the body is not JSON in the catalogue's envelope, lacks what
    /// identifies the error or its message, or a known code's detail or a
    /// value has the wrong type.
    pub fn from_json(catalogue: &'static Catalogue, body: &[u8]) -> Result<ApiError, serde_json::Error> {
        let mut deserializer = serde_json::Deserializer::from_slice(body);
        let error = ApiError::deserialize_in(catalogue, &mut deserializer)?;
        deserializer.end()?;
        Ok(error)
    }

    /// Parses an error response: its HTTP status and body.
    ///
    /// # Errors
    ///
    /// As [`ApiError::from_json`].
    pub fn from_response(
        catalogue: &'static Catalogue,
        status: u16,
        body: &[u8],
    ) -> Result<ApiError, serde_json::Error> {
        Ok(Self::from_json(catalogue, body)?.with_received_status(status))
    }

    /// Reads an error from a JSON value in the envelope.
    ///
    /// # Errors
    ///
    /// As [`ApiError::from_json`], with the reason in words.
    pub fn from_value(catalogue: &'static Catalogue, body: &Value) -> Result<ApiError, String> {
        Self::deserialize_in(catalogue, body).map_err(|error| error.to_string())
    }

    /// Reads an error in `catalogue`'s envelope from any deserializer (the
    /// generated `ApiError`'s `Deserialize`).
    ///
    /// # Errors
    ///
    /// As [`ApiError::from_json`].
    pub fn deserialize_in<'de, D: Deserializer<'de>>(
        catalogue: &'static Catalogue,
        deserializer: D,
    ) -> Result<ApiError, D::Error> {
        let mut found = Found::default();
        let body = ObjectSeed { members: catalogue.envelope.body, name: "an error response", found: &mut found };
        body.deserialize(deserializer)?;
        ApiError::from_found(catalogue, found).map_err(serde::de::Error::custom)
    }

    fn from_found(catalogue: &'static Catalogue, found: Found) -> Result<ApiError, String> {
        let envelope = catalogue.envelope;
        let code = identify(catalogue, &found)?;
        if let Code::Known(code) = &code {
            details::check(catalogue, *code, &found.details)?;
        }
        let message_role = envelope.body.iter().find_map(|member| message_role(&member.node));
        // A message counts as given only when the error would not send it
        // anyway: the same body, and equal to the error built to send it.
        // A required message that is the code's own (its template, filled
        // from the details or not) is sent anyway; an optional one only when
        // it was filled.
        let message_given = match (&found.message, &code, message_role) {
            (Some(message), Code::Known(code), Some(optional)) => {
                let template = catalogue.codes[*code].message;
                let filled = details::fill_message(catalogue, *code, template, &found.details);
                let sent_anyway = if optional {
                    filled != template && *message == filled
                } else {
                    message == template || *message == filled
                };
                !sent_anyway
            }
            (message, _, _) => message.is_some(),
        };
        let message = match (found.message, &code) {
            (Some(message), _) => Cow::Owned(message),
            (None, Code::Known(code)) if message_role.is_none_or(|optional| optional) => {
                Cow::Borrowed(catalogue.codes[*code].message)
            }
            (None, Code::Unknown(_)) if message_role.is_none_or(|optional| optional) => Cow::Borrowed(""),
            (None, _) => return Err("the error response has no message".into()),
        };
        Ok(ApiError {
            catalogue,
            code,
            message,
            message_given,
            details: found.details,
            extra: Extra::boxed(Extra {
                param: found.param.map(Cow::Owned),
                values: found.values,
                errors: found.errors,
                ..Extra::default()
            }),
        })
    }
}

/// `Some(optional)` when the body has a message member.
fn message_role(node: &Node) -> Option<bool> {
    match node {
        Node::Role(Role::Message { optional }) => Some(*optional),
        Node::Object(members) => members.iter().find_map(|member| message_role(&member.node)),
        Node::Array(items) => items.iter().find_map(message_role),
        _ => None,
    }
}

/// The code, from whatever identifies it: the code member, else the
/// documentation link, else the title.
fn identify(catalogue: &Catalogue, found: &Found) -> Result<Code, String> {
    let role = catalogue.envelope.identifying_role().unwrap_or(Role::Code);
    let known = match (role, &found.code) {
        (Role::Code, Some(Value::String(_))) if catalogue.integer_codes() => None,
        (Role::Code, Some(Value::String(text))) => catalogue.identify(text),
        (Role::Code, Some(Value::Number(number))) => {
            integral(number).and_then(|number| catalogue.identify_integer(number))
        }
        (Role::Code, Some(_)) => return Err("the error code is neither a string nor a number".into()),
        (Role::Code, None) => return Err("the error response has no code".into()),
        (Role::DocUrl, _) => found.doc_url.as_deref().and_then(|url| catalogue.identify(url)),
        (_, _) => found.title.as_deref().and_then(|title| catalogue.identify(title)),
    };
    if let Some(code) = known {
        return Ok(Code::Known(code));
    }
    let (code, number) = match &found.code {
        Some(Value::String(text)) => (Some(text.clone()), None),
        Some(number @ Value::Number(_)) => (Some(number.to_string()), Some(number.clone())),
        _ => (None, None),
    };
    Ok(Code::Unknown(Box::new(Unknown {
        code,
        number,
        error_type: found.error_type.clone(),
        title: found.title.clone(),
        doc_url: found.doc_url.clone(),
        status: found.status,
    })))
}

/// A JSON number as an integer code: an integer, or a number with no
/// fraction (`20101.0`), which JavaScript cannot tell from `20101`.
fn integral(number: &serde_json::Number) -> Option<i64> {
    number.as_i64().or_else(|| {
        let float = number.as_f64()?;
        // `i64::MAX as f64` rounds up to 2^63, which is out of range.
        (float.fract() == 0.0 && float >= i64::MIN as f64 && float < i64::MAX as f64).then_some(float as i64)
    })
}

/// An object of the body: its members as the envelope names them.
struct ObjectSeed<'a> {
    members: &'static [Member],
    /// What the object is, for messages: `an error response`, `error`.
    name: &'static str,
    found: &'a mut Found,
}

impl<'de> DeserializeSeed<'de> for ObjectSeed<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for ObjectSeed<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}` to be an object", self.name)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let found = self.found;
        // Extension members: whatever the envelope does not name.
        let inline = self.members.iter().any(|member| matches!(member.node, Node::Details { inline: true }));
        while let Some(key) = map.next_key_seed(KeySeed { members: self.members, keep: inline })? {
            match key {
                Key::Member(member) => {
                    map.next_value_seed(NodeSeed { node: &member.node, name: member.name, found: &mut *found })?;
                }
                Key::Other(Some(name)) => {
                    let value: Value = map.next_value()?;
                    found.details.insert(name, value);
                }
                Key::Other(None) => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(())
    }
}

/// A member's name: the envelope's member it is, else (`keep`, for
/// extension members) the name itself. Names are compared where the reader
/// holds them, without a copy.
struct KeySeed {
    members: &'static [Member],
    keep: bool,
}

enum Key {
    Member(&'static Member),
    Other(Option<String>),
}

impl<'de> DeserializeSeed<'de> for KeySeed {
    type Value = Key;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Key, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for KeySeed {
    type Value = Key;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a member name")
    }

    fn visit_str<E: serde::de::Error>(self, name: &str) -> Result<Key, E> {
        Ok(match self.members.iter().find(|member| member.name == name) {
            Some(member) => Key::Member(member),
            None => Key::Other(self.keep.then(|| name.to_string())),
        })
    }
}

/// One place of the body, read into what the error keeps.
struct NodeSeed<'a> {
    node: &'static Node,
    name: &'static str,
    found: &'a mut Found,
}

impl<'de> DeserializeSeed<'de> for NodeSeed<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        let NodeSeed { node, name, found } = self;
        match node {
            Node::Object(members) => ObjectSeed { members, name, found }.deserialize(deserializer),
            Node::Array(items) => {
                let entries = <Vec<Json>>::deserialize(deserializer)?;
                for entry in entries {
                    if let Some(item) = items.iter().find(|item| matches_entry(item, &entry)) {
                        let seed = NodeSeed { node: item, name, found: &mut *found };
                        seed.deserialize(entry.into_deserializer()).map_err(D::Error::custom)?;
                    }
                }
                Ok(())
            }
            Node::Details { .. } => deserializer.deserialize_map(DetailsVisitor { name, details: &mut found.details }),
            Node::Errors(item) => deserializer.deserialize_seq(ErrorsVisitor { item, name, errors: &mut found.errors }),
            Node::Role(_) | Node::Value(..) | Node::Text(_) | Node::Number(_) | Node::Flag(_) => {
                let value = Value::deserialize(deserializer)?;
                read_leaf(node, name, value, found).map_err(D::Error::custom)
            }
        }
    }
}

/// A `details` object, its members in body order.
struct DetailsVisitor<'a> {
    name: &'static str,
    details: &'a mut Details,
}

impl<'de> Visitor<'de> for DetailsVisitor<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}` to be an object", self.name)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some((name, value)) = map.next_entry::<String, Value>()? {
            self.details.insert(name, value);
        }
        Ok(())
    }
}

/// A list of nested errors, each read as it arrives.
struct ErrorsVisitor<'a> {
    item: &'static [Member],
    name: &'static str,
    errors: &'a mut Vec<NestedError>,
}

impl<'de> Visitor<'de> for ErrorsVisitor<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}` to be an array", self.name)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        // A repeated list counts as its last, as `JSON.parse` reads it.
        self.errors.clear();
        while let Some(entry) = seq.next_element::<Json>()? {
            let object =
                entry.as_object().ok_or_else(|| A::Error::custom(format!("`{}` must hold objects", self.name)))?;
            self.errors.push(read_nested(self.item, object).map_err(A::Error::custom)?);
        }
        Ok(())
    }
}

/// A role, a value or a constant.
fn read_leaf(node: &Node, name: &str, value: Value, found: &mut Found) -> Result<(), String> {
    match node {
        Node::Role(role) => read_role(*role, name, value, found),
        Node::Value(value_name, kind) => {
            check_kind(name, *kind, &value)?;
            found.values.insert(*value_name, value);
            Ok(())
        }
        // A constant says what kind of body this is (Slack's `"ok": false`):
        // a body that contradicts it is not an error body.
        _ if !constant_matches(node, &value) => Err(format!("`{name}` must be {}", constant_text(node))),
        _ => Ok(()),
    }
}

fn read_role(role: Role, name: &str, value: Value, found: &mut Found) -> Result<(), String> {
    let text = |value: Value| match value {
        Value::String(text) => Ok(text),
        _ => Err(format!("`{name}` must be a string")),
    };
    match role {
        Role::Code => found.code = Some(value),
        Role::Type => found.error_type = Some(text(value)?),
        Role::Message { .. } => found.message = Some(text(value)?),
        Role::Title => found.title = Some(text(value)?),
        Role::DocUrl => found.doc_url = Some(text(value)?),
        Role::Param => found.param = Some(text(value)?),
        Role::Status { .. } => {
            let status = match &value {
                Value::String(text) => text.parse::<u16>().ok(),
                other => other.as_u64().and_then(|number| u16::try_from(number).ok()),
            };
            let status = status.filter(|status| (100..=599).contains(status));
            found.status = Some(status.ok_or_else(|| format!("`{name}` must be an HTTP status"))?);
        }
    }
    Ok(())
}

fn read_nested(item: &[Member], object: &Object) -> Result<NestedError, String> {
    let mut nested = NestedError::default();
    for member in item {
        let Some(value) = get(object, member.name) else { continue };
        let value = &Value::from(value);
        let text = || value.as_str().map(str::to_string).ok_or_else(|| format!("`{}` must be a string", member.name));
        match &member.node {
            Node::Role(Role::Code) => nested.code = Some(value.clone()),
            Node::Role(Role::Message { .. }) => nested.message = Some(text()?),
            Node::Role(Role::Param) => nested.param = Some(text()?),
            Node::Value(name, kind) => {
                check_kind(member.name, *kind, value)?;
                nested.values.insert(*name, value.clone());
            }
            _ => {}
        }
    }
    Ok(nested)
}

/// Whether an array entry is the one `item` describes: every constant of an
/// object entry must match (AIP's `"@type"`), so entries are found in any order.
fn matches_entry(item: &Node, entry: &Json) -> bool {
    match (item, entry) {
        (Node::Object(members), Json::Object(object)) => members.iter().all(|member| match &member.node {
            constant @ (Node::Text(_) | Node::Number(_) | Node::Flag(_)) => {
                matches!(get(object, member.name), Some(Json::Leaf(value)) if constant_matches(constant, value))
            }
            _ => true,
        }),
        (Node::Object(_), _) => false,
        _ => true,
    }
}

/// Whether `value` is the constant `node`.
fn constant_matches(node: &Node, value: &Value) -> bool {
    match node {
        Node::Text(text) => value.as_str() == Some(*text),
        Node::Number(number) => value.as_number().and_then(integral) == Some(*number),
        Node::Flag(flag) => value.as_bool() == Some(*flag),
        _ => true,
    }
}

/// A constant as JSON, for a message.
fn constant_text(node: &Node) -> String {
    match node {
        Node::Text(text) => Value::from(*text).to_string(),
        Node::Number(number) => number.to_string(),
        Node::Flag(flag) => flag.to_string(),
        _ => String::new(),
    }
}

/// An object's members in the order of the body.
type Object = Vec<(String, Json)>;

/// JSON with objects in body order.
enum Json {
    Leaf(Value),
    Array(Vec<Json>),
    Object(Object),
}

impl Json {
    fn as_object(&self) -> Option<&Object> {
        if let Json::Object(object) = self {
            Some(object)
        } else {
            None
        }
    }
}

/// The member `name`: the last, if the body repeats it, as `JSON.parse`
/// reads it (and as details and extension members are read), so the Rust
/// and the TypeScript client see the same code.
fn get<'a>(object: &'a Object, name: &str) -> Option<&'a Json> {
    object.iter().rev().find(|(member, _)| member == name).map(|(_, value)| value)
}

impl From<&Json> for Value {
    fn from(json: &Json) -> Value {
        match json {
            Json::Leaf(value) => value.clone(),
            Json::Array(items) => Value::Array(items.iter().map(Value::from).collect()),
            Json::Object(object) => {
                Value::Object(object.iter().map(|(name, value)| (name.clone(), Value::from(value))).collect())
            }
        }
    }
}

impl<'de> serde::Deserialize<'de> for Json {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct JsonVisitor;

        impl<'de> Visitor<'de> for JsonVisitor {
            type Value = Json;

            fn expecting(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                f.write_str("JSON")
            }

            fn visit_bool<E>(self, value: bool) -> Result<Json, E> {
                Ok(Json::Leaf(Value::Bool(value)))
            }

            fn visit_i64<E>(self, value: i64) -> Result<Json, E> {
                Ok(Json::Leaf(Value::from(value)))
            }

            fn visit_u64<E>(self, value: u64) -> Result<Json, E> {
                Ok(Json::Leaf(Value::from(value)))
            }

            fn visit_f64<E>(self, value: f64) -> Result<Json, E> {
                Ok(Json::Leaf(Value::from(value)))
            }

            fn visit_str<E>(self, value: &str) -> Result<Json, E> {
                Ok(Json::Leaf(Value::from(value)))
            }

            fn visit_string<E>(self, value: String) -> Result<Json, E> {
                Ok(Json::Leaf(Value::String(value)))
            }

            fn visit_unit<E>(self) -> Result<Json, E> {
                Ok(Json::Leaf(Value::Null))
            }

            fn visit_none<E>(self) -> Result<Json, E> {
                Ok(Json::Leaf(Value::Null))
            }

            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Json, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element()? {
                    items.push(item);
                }
                Ok(Json::Array(items))
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Json, A::Error> {
                let mut object = Vec::new();
                while let Some(entry) = map.next_entry()? {
                    object.push(entry);
                }
                Ok(Json::Object(object))
            }
        }

        deserializer.deserialize_any(JsonVisitor)
    }
}

/// The tree read back through serde, so the same seeds read an array's
/// entries as read the body.
impl<'de> IntoDeserializer<'de, serde_json::Error> for Json {
    type Deserializer = JsonDeserializer;

    fn into_deserializer(self) -> JsonDeserializer {
        JsonDeserializer(self)
    }
}

struct JsonDeserializer(Json);

impl<'de> Deserializer<'de> for JsonDeserializer {
    type Error = serde_json::Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, serde_json::Error> {
        match self.0 {
            Json::Leaf(value) => value.deserialize_any(visitor),
            Json::Array(items) => {
                let mut seq = SeqDeserializer::new(items.into_iter());
                let value = visitor.visit_seq(&mut seq)?;
                seq.end()?;
                Ok(value)
            }
            Json::Object(object) => {
                let mut map = MapDeserializer::new(object.into_iter());
                let value = visitor.visit_map(&mut map)?;
                map.end()?;
                Ok(value)
            }
        }
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map struct enum identifier ignored_any
    }
}

fn check_kind(name: &str, kind: Kind, value: &Value) -> Result<(), String> {
    if kind.accepts(value) {
        Ok(())
    } else {
        Err(format!("`{name}` must be {}", kind.describe()))
    }
}
