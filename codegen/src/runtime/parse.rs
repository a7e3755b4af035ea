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
use serde::de::{DeserializeSeed, Deserializer, Error as _, IntoDeserializer, MapAccess, SeqAccess, Visitor};
use serde::Deserialize as _;
use serde_json::Value;

use super::api_error::{ApiError, Code, Extra, NestedError, Origin, Unknown};
use super::details::{self, Details};
use super::envelope::{Kind, Member, Node, Role};
use super::Catalogue;

/// What the body said, before the code is resolved. Strings are borrowed
/// from the body where the reader can (no escapes in them), so what the
/// catalogue already holds (a known code's type, link, title, default
/// message) is compared and never copied.
struct Found<'de> {
    catalogue: &'static Catalogue,
    code: Option<SentCode<'de>>,
    error_type: Option<Cow<'de, str>>,
    message: Option<Cow<'de, str>>,
    title: Option<Cow<'de, str>>,
    status: Option<u16>,
    doc_url: Option<Cow<'de, str>>,
    param: Option<Cow<'de, str>>,
    locale: Option<Cow<'de, str>>,
    localized_message: Option<Cow<'de, str>>,
    details: Details,
    values: Details,
    errors: Vec<NestedError>,
}

/// The code member as read: one of the catalogue's (looked up where the
/// reader holds the text), else what was sent.
enum SentCode<'de> {
    Known(usize),
    Text(Cow<'de, str>),
    Number(serde_json::Number),
}

impl<'de> Found<'de> {
    fn new(catalogue: &'static Catalogue) -> Self {
        Found {
            catalogue,
            code: None,
            error_type: None,
            message: None,
            title: None,
            status: None,
            doc_url: None,
            param: None,
            locale: None,
            localized_message: None,
            details: Details::new(),
            values: Details::new(),
            errors: Vec::new(),
        }
    }

    /// A detail's name, borrowed from the catalogue when the code is known
    /// by now and declares it.
    fn detail_name(&self, name: Cow<'de, str>) -> Cow<'static, str> {
        let declared = match self.code {
            Some(SentCode::Known(code)) => {
                self.catalogue.codes[code].details.iter().find(|member| same_name(member.wire, &name))
            }
            _ => None,
        };
        match declared {
            Some(member) => Cow::Borrowed(member.wire),
            None => Cow::Owned(name.into_owned()),
        }
    }

    /// Forgets what `node` said: a repeated member counts as its last
    /// occurrence alone, as `JSON.parse` reads it (an object repeated is
    /// replaced, not merged).
    fn forget(&mut self, node: &Node) {
        match node {
            Node::Object(members) => members.iter().for_each(|member| self.forget(&member.node)),
            Node::Array(items) => items.iter().for_each(|item| self.forget(item)),
            Node::Role(role) => match role {
                Role::Code => self.code = None,
                Role::Type => self.error_type = None,
                Role::Message { .. } => self.message = None,
                Role::Title => self.title = None,
                Role::Status { .. } => self.status = None,
                Role::DocUrl => self.doc_url = None,
                Role::Param => self.param = None,
                Role::Locale => self.locale = None,
                Role::LocalizedMessage => self.localized_message = None,
            },
            Node::Value(name, _) => self.values.remove(name),
            Node::Details { .. } => self.details = Details::new(),
            Node::Errors(_) => self.errors.clear(),
            Node::Text(_) | Node::Number(_) | Node::Flag(_) => {}
        }
    }
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
        let mut found = Found::new(catalogue);
        let body = ObjectSeed { members: catalogue.envelope.body, name: "an error response", found: &mut found };
        body.deserialize(deserializer)?;
        ApiError::from_found(found).map_err(serde::de::Error::custom)
    }

    fn from_found(found: Found<'_>) -> Result<ApiError, String> {
        let catalogue = found.catalogue;
        let code = identify(&found)?;
        if let Code::Known(code) = &code {
            details::check(catalogue, *code, &found.details)?;
        }
        let message_role = catalogue.envelope.message_role();
        let (message, origin) = match (found.message, &code) {
            (Some(message), Code::Known(code)) => {
                let template = catalogue.codes[*code].message;
                // The code's own text is the catalogue's, not a copy.
                let message =
                    if message == template { Cow::Borrowed(template) } else { Cow::Owned(message.into_owned()) };
                (message, Origin::Received)
            }
            (Some(message), Code::Unknown(_)) => (Cow::Owned(message.into_owned()), Origin::Given),
            (None, Code::Known(code)) if message_role.is_none_or(|optional| optional) => {
                (Cow::Borrowed(catalogue.codes[*code].message), Origin::Default)
            }
            (None, Code::Unknown(_)) if message_role.is_none_or(|optional| optional) => {
                (Cow::Borrowed(""), Origin::Default)
            }
            (None, _) => return Err("the error response has no message".into()),
        };
        Ok(ApiError {
            catalogue,
            code,
            message,
            message_origin: origin,
            details: found.details,
            param: found.param.map(|param| Cow::Owned(param.into_owned())),
            extra: Extra::boxed(Extra {
                values: found.values,
                errors: found.errors,
                locale: found.locale.map(|locale| Cow::Owned(locale.into_owned())),
                localized_message: found.localized_message.map(|message| Cow::Owned(message.into_owned())),
                ..Extra::default()
            }),
        })
    }
}

/// The code, from whatever identifies it: the code member, else the
/// documentation link, else the title.
fn identify(found: &Found<'_>) -> Result<Code, String> {
    let catalogue = found.catalogue;
    let role = catalogue.envelope.identifying_role().unwrap_or(Role::Code);
    let known = match (role, &found.code) {
        (Role::Code, Some(SentCode::Known(code))) => Some(*code),
        (Role::Code, Some(_)) => None,
        (Role::Code, None) => return Err("the error response has no code".into()),
        (Role::DocUrl, _) => found.doc_url.as_deref().and_then(|url| catalogue.identify(url)),
        (_, _) => found.title.as_deref().and_then(|title| catalogue.identify(title)),
    };
    if let Some(code) = known {
        return Ok(Code::Known(code));
    }
    let owned = |text: &Option<Cow<'_, str>>| text.as_deref().map(str::to_string);
    let (code, number) = match &found.code {
        Some(SentCode::Text(text)) => (Some(text.to_string()), None),
        Some(SentCode::Number(number)) => (Some(number_text(number)), Some(Value::Number(number.clone()))),
        // A code of the catalogue that does not identify codes here.
        Some(SentCode::Known(code)) => (Some(catalogue.codes[*code].wire.as_str().to_string()), None),
        None => (None, None),
    };
    Ok(Code::Unknown(Box::new(Unknown {
        code,
        number,
        error_type: owned(&found.error_type),
        title: owned(&found.title),
        doc_url: owned(&found.doc_url),
        status: found.status,
        grpc: None,
    })))
}

/// A number code as text, as JavaScript's `String(number)` writes it, so
/// the Rust and the TypeScript client name an unknown code alike: `429`
/// for `429.0`, `0` for `-0`, `1e+21` for `1e21`. Both write the shortest
/// digits that read back as the same number.
fn number_text(number: &serde_json::Number) -> String {
    match number.as_f64() {
        _ if number.is_i64() || number.is_u64() => number.to_string(),
        // A float pattern matches as `==` does: `-0.0` too.
        Some(0.0) => "0".to_string(),
        Some(float) if float.abs() >= 1e21 || float.abs() < 1e-6 => {
            let text = format!("{float:e}");
            match text.split_once('e') {
                Some((digits, exponent)) if !exponent.starts_with('-') => format!("{digits}e+{exponent}"),
                _ => text,
            }
        }
        Some(float) => float.to_string(),
        None => number.to_string(),
    }
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
struct ObjectSeed<'a, 'de> {
    members: &'static [Member],
    /// What the object is, for messages: `an error response`, `error`.
    name: &'static str,
    found: &'a mut Found<'de>,
}

impl<'de> DeserializeSeed<'de> for ObjectSeed<'_, 'de> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for ObjectSeed<'_, 'de> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}` to be an object", self.name)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let found = self.found;
        // Extension members: whatever the envelope does not name.
        let inline = self.members.iter().any(|member| matches!(member.node, Node::Details { inline: true }));
        // The members read so far (the 64 first; any later one is forgotten
        // before it is read, which is the same answer).
        let mut seen = 0u64;
        while let Some(key) = map.next_key_seed(KeySeed { members: self.members, keep: inline })? {
            match key {
                Key::Member(index) => {
                    let member = &self.members[index];
                    let bit = 1u64.checked_shl(u32::try_from(index).unwrap_or(u32::MAX)).unwrap_or(0);
                    // A repeated leaf is overwritten; what a repeated
                    // container held must go first.
                    if seen & bit != 0 || bit == 0 {
                        found.forget(&member.node);
                    }
                    seen |= bit;
                    map.next_value_seed(NodeSeed { node: &member.node, name: member.name, found: &mut *found })?;
                }
                Key::Other(Some(name)) => {
                    let value: Value = map.next_value()?;
                    let name = found.detail_name(name);
                    found.details.set(name, value);
                }
                Key::Other(None) => {
                    map.next_value::<Skip>()?;
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

enum Key<'de> {
    /// The envelope's member at this position.
    Member(usize),
    Other(Option<Cow<'de, str>>),
}

impl<'de> DeserializeSeed<'de> for KeySeed {
    type Value = Key<'de>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Key<'de>, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl KeySeed {
    fn key<'de>(&self, name: &str, keep: impl FnOnce() -> Cow<'de, str>) -> Key<'de> {
        match self.members.iter().position(|member| same_name(member.name, name)) {
            Some(index) => Key::Member(index),
            None => Key::Other(self.keep.then(keep)),
        }
    }
}

impl<'de> Visitor<'de> for KeySeed {
    type Value = Key<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a member name")
    }

    fn visit_borrowed_str<E: serde::de::Error>(self, name: &'de str) -> Result<Key<'de>, E> {
        Ok(self.key(name, || Cow::Borrowed(name)))
    }

    fn visit_str<E: serde::de::Error>(self, name: &str) -> Result<Key<'de>, E> {
        Ok(self.key(name, || Cow::Owned(name.to_string())))
    }
}

/// `a == b`, with the first bytes compared before a call to `memcmp`: most
/// names a member is compared with differ there.
fn same_name(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.as_bytes().first() == b.as_bytes().first() && a == b
}

/// A string of the body, borrowed from it where the reader can.
struct Text<'de>(Cow<'de, str>);

impl<'de> serde::Deserialize<'de> for Text<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(TextSeed { name: "a member name" })
    }
}

/// The string member `name`.
struct TextSeed {
    name: &'static str,
}

impl<'de> DeserializeSeed<'de> for TextSeed {
    type Value = Text<'de>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Text<'de>, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for TextSeed {
    type Value = Text<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}` to be a string", self.name)
    }

    fn visit_borrowed_str<E: serde::de::Error>(self, text: &'de str) -> Result<Text<'de>, E> {
        Ok(Text(Cow::Borrowed(text)))
    }

    fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Text<'de>, E> {
        Ok(Text(Cow::Owned(text.to_string())))
    }

    fn visit_string<E: serde::de::Error>(self, text: String) -> Result<Text<'de>, E> {
        Ok(Text(Cow::Owned(text)))
    }
}

/// The code member: looked up in the catalogue by its JSON type (a string
/// where codes are strings, a number where they are integers).
struct CodeSeed {
    catalogue: &'static Catalogue,
    name: &'static str,
}

impl<'de> DeserializeSeed<'de> for CodeSeed {
    type Value = SentCode<'de>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<SentCode<'de>, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl CodeSeed {
    fn text<'de>(&self, text: &str, keep: impl FnOnce() -> Cow<'de, str>) -> SentCode<'de> {
        let catalogue = self.catalogue;
        match (!catalogue.integer_codes()).then(|| catalogue.identify(text)).flatten() {
            Some(code) => SentCode::Known(code),
            None => SentCode::Text(keep()),
        }
    }

    fn number<'de>(&self, number: serde_json::Number) -> SentCode<'de> {
        match integral(&number).and_then(|number| self.catalogue.identify_integer(number)) {
            Some(code) => SentCode::Known(code),
            None => SentCode::Number(number),
        }
    }
}

impl<'de> Visitor<'de> for CodeSeed {
    type Value = SentCode<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}` to be a string or a number", self.name)
    }

    fn visit_borrowed_str<E: serde::de::Error>(self, text: &'de str) -> Result<SentCode<'de>, E> {
        Ok(self.text(text, || Cow::Borrowed(text)))
    }

    fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<SentCode<'de>, E> {
        Ok(self.text(text, || Cow::Owned(text.to_string())))
    }

    fn visit_i64<E: serde::de::Error>(self, number: i64) -> Result<SentCode<'de>, E> {
        Ok(self.number(number.into()))
    }

    fn visit_u64<E: serde::de::Error>(self, number: u64) -> Result<SentCode<'de>, E> {
        Ok(self.number(number.into()))
    }

    fn visit_f64<E: serde::de::Error>(self, number: f64) -> Result<SentCode<'de>, E> {
        let number = serde_json::Number::from_f64(number).ok_or_else(|| E::custom("a code must be finite"))?;
        Ok(self.number(number))
    }
}

/// An HTTP status, as a number or a string of digits (JSON:API's `"422"`),
/// 100 to 599; `422.0` is 422, as in JavaScript.
struct StatusSeed {
    name: &'static str,
}

impl<'de> DeserializeSeed<'de> for StatusSeed {
    type Value = u16;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<u16, D::Error> {
        let value = Value::deserialize(deserializer)?;
        let status = match &value {
            Value::String(text) if text.bytes().all(|byte| byte.is_ascii_digit()) => text.parse::<u16>().ok(),
            Value::Number(number) => integral(number).and_then(|number| u16::try_from(number).ok()),
            _ => None,
        };
        status
            .filter(|status| (100..=599).contains(status))
            .ok_or_else(|| D::Error::custom(format!("`{}` must be an HTTP status", self.name)))
    }
}

/// One place of the body, read into what the error keeps.
struct NodeSeed<'a, 'de> {
    node: &'static Node,
    name: &'static str,
    found: &'a mut Found<'de>,
}

impl<'de> DeserializeSeed<'de> for NodeSeed<'_, 'de> {
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
            Node::Details { .. } => deserializer.deserialize_map(DetailsVisitor { name, found }),
            Node::Errors(item) => deserializer.deserialize_seq(ErrorsVisitor { item, name, errors: &mut found.errors }),
            Node::Role(role) => read_role(*role, name, deserializer, found),
            Node::Value(value_name, kind) => {
                let value = Value::deserialize(deserializer)?;
                check_kind(name, *kind, &value).map_err(D::Error::custom)?;
                found.values.set(Cow::Borrowed(value_name), value);
                Ok(())
            }
            // A constant says what kind of body this is (Slack's `"ok": false`):
            // a body that contradicts it is not an error body.
            Node::Text(_) | Node::Number(_) | Node::Flag(_) => {
                let value = Value::deserialize(deserializer)?;
                if constant_matches(node, &value) {
                    Ok(())
                } else {
                    Err(D::Error::custom(format!("`{name}` must be {}", constant_text(node))))
                }
            }
        }
    }
}

fn read_role<'de, D: Deserializer<'de>>(
    role: Role,
    name: &'static str,
    deserializer: D,
    found: &mut Found<'de>,
) -> Result<(), D::Error> {
    let text = |deserializer: D| TextSeed { name }.deserialize(deserializer).map(|text| Some(text.0));
    match role {
        Role::Code => found.code = Some(CodeSeed { catalogue: found.catalogue, name }.deserialize(deserializer)?),
        Role::Type => found.error_type = text(deserializer)?,
        Role::Message { .. } => found.message = text(deserializer)?,
        Role::Title => found.title = text(deserializer)?,
        Role::DocUrl => found.doc_url = text(deserializer)?,
        Role::Param => found.param = text(deserializer)?,
        Role::Locale => found.locale = text(deserializer)?,
        Role::LocalizedMessage => found.localized_message = text(deserializer)?,
        Role::Status { .. } => found.status = Some(StatusSeed { name }.deserialize(deserializer)?),
    }
    Ok(())
}

/// A `details` object, its members in body order.
struct DetailsVisitor<'a, 'de> {
    name: &'static str,
    found: &'a mut Found<'de>,
}

impl<'de> Visitor<'de> for DetailsVisitor<'_, 'de> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}` to be an object", self.name)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some((Text(name), value)) = map.next_entry::<Text<'de>, Value>()? {
            let name = self.found.detail_name(name);
            self.found.details.set(name, value);
        }
        Ok(())
    }
}

/// A list of nested errors, each read as it arrives (a body of a million
/// of them is never a tree).
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
        while let Some(nested) = seq.next_element_seed(NestedSeed { item: self.item, name: self.name })? {
            self.errors.push(nested);
        }
        Ok(())
    }
}

/// One nested error: the members of the envelope's item, the rest skipped.
struct NestedSeed {
    item: &'static [Member],
    name: &'static str,
}

impl<'de> DeserializeSeed<'de> for NestedSeed {
    type Value = NestedError;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<NestedError, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for NestedSeed {
    type Value = NestedError;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}` to hold objects", self.name)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<NestedError, A::Error> {
        let mut nested = NestedError::default();
        while let Some(key) = map.next_key_seed(KeySeed { members: self.item, keep: false })? {
            let Key::Member(index) = key else {
                map.next_value::<Skip>()?;
                continue;
            };
            let member = &self.item[index];
            let text = |text: Text<'_>| Some(text.0.into_owned());
            match &member.node {
                Node::Role(Role::Code) => nested.code = Some(map.next_value_seed(CodeValueSeed { name: member.name })?),
                Node::Role(Role::Message { .. }) => {
                    nested.message = text(map.next_value_seed(TextSeed { name: member.name })?);
                }
                Node::Role(Role::Param) => nested.param = text(map.next_value_seed(TextSeed { name: member.name })?),
                Node::Value(name, kind) => {
                    let value: Value = map.next_value()?;
                    check_kind(member.name, *kind, &value).map_err(A::Error::custom)?;
                    nested.values.set(Cow::Borrowed(name), value);
                }
                _ => {
                    map.next_value::<Skip>()?;
                }
            }
        }
        Ok(nested)
    }
}

/// A value the envelope does not name, read to its end and dropped. Read
/// rather than skipped unseen (serde's `IgnoredAny` lets serde_json pass
/// over it without checking), so that a body is refused for what is wrong
/// anywhere in it (invalid UTF-8, a lone surrogate, a number out of range,
/// nesting deeper than 127), as the TypeScript client refuses it; nothing of
/// it is kept or copied.
struct Skip;

impl<'de> serde::Deserialize<'de> for Skip {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(Skip)
    }
}

impl<'de> Visitor<'de> for Skip {
    type Value = Skip;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("JSON")
    }

    fn visit_bool<E>(self, _: bool) -> Result<Skip, E> {
        Ok(Skip)
    }

    fn visit_i64<E>(self, _: i64) -> Result<Skip, E> {
        Ok(Skip)
    }

    fn visit_u64<E>(self, _: u64) -> Result<Skip, E> {
        Ok(Skip)
    }

    fn visit_f64<E>(self, _: f64) -> Result<Skip, E> {
        Ok(Skip)
    }

    fn visit_str<E>(self, _: &str) -> Result<Skip, E> {
        Ok(Skip)
    }

    fn visit_unit<E>(self) -> Result<Skip, E> {
        Ok(Skip)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Skip, A::Error> {
        while seq.next_element::<Skip>()?.is_some() {}
        Ok(Skip)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Skip, A::Error> {
        while map.next_entry::<Skip, Skip>()?.is_some() {}
        Ok(Skip)
    }
}

/// A nested error's code, kept as sent: a string or a number.
struct CodeValueSeed {
    name: &'static str,
}

impl<'de> DeserializeSeed<'de> for CodeValueSeed {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        match Value::deserialize(deserializer)? {
            value @ (Value::String(_) | Value::Number(_)) => Ok(value),
            _ => Err(D::Error::custom(format!("`{}` must be a string or a number", self.name))),
        }
    }
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

/// The member `name`: the last, if the body repeats it, as `JSON.parse`
/// reads it.
fn get<'a>(object: &'a Object, name: &str) -> Option<&'a Json> {
    object.iter().rev().find(|(member, _)| member == name).map(|(_, value)| value)
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
