//! Writing an [`ApiError`] in the envelope: [`ApiError::write_json`], which
//! appends bytes without allocating, and `serde::Serialize`, for any
//! serializer. Both walk the catalogue's envelope and write the same JSON (a
//! test holds them to it).

use serde::ser::{SerializeMap as _, SerializeSeq as _};

use super::api_error::{ApiError, Code, NestedError};
use super::envelope::{Member, Node, Role, WireCode};
use super::Catalogue;

/// One value the body writes, borrowed from the error or the catalogue.
pub(crate) enum Scalar<'a> {
    Text(&'a str),
    /// Text the catalogue guarantees needs no escaping (names, URLs).
    Plain(&'a str),
    Integer(i64),
    Flag(bool),
    Json(&'a serde_json::Value),
}

impl ApiError {
    /// The value of a role, or `None` where the body leaves it out.
    pub(crate) fn role_value(&self, role: Role) -> Option<Scalar<'_>> {
        let known = match &self.code {
            Code::Known(code) => Some(*code),
            Code::Unknown(_) => None,
        };
        let unknown = match &self.code {
            Code::Unknown(unknown) => Some(&**unknown),
            Code::Known(_) => None,
        };
        Some(match role {
            Role::Code => match (known, unknown) {
                (Some(code), _) => match self.catalogue.codes[code].wire {
                    WireCode::Text(text) => Scalar::Plain(text),
                    WireCode::Integer { value, .. } => Scalar::Integer(value),
                },
                (None, Some(unknown)) => match &unknown.number {
                    Some(number) => Scalar::Json(number),
                    None => Scalar::Text(unknown.code.as_deref()?),
                },
                (None, None) => return None,
            },
            Role::Type if known.is_some() => Scalar::Plain(self.type_str()?),
            Role::Type => Scalar::Text(self.type_str()?),
            Role::Message { .. } => Scalar::Text(self.sends_message(role).then_some(self.message())?),
            Role::Title => Scalar::Text(self.title()?),
            Role::Status { as_string: false } => Scalar::Integer(i64::from(self.http_status())),
            Role::Status { as_string: true } => Scalar::Plain(status_text(self.http_status())),
            Role::DocUrl if known.is_some() => Scalar::Plain(self.doc_url()?),
            Role::DocUrl => Scalar::Text(self.doc_url()?),
            Role::Param => Scalar::Text(self.param()?),
        })
    }

    /// Whether `node` puts anything in the body.
    pub(crate) fn writes(&self, node: &Node) -> bool {
        match node {
            Node::Object(members) => members.iter().any(|member| self.fills(&member.node)),
            Node::Array(items) => items.iter().any(|item| self.fills(item)),
            Node::Role(role) => self.role_value(*role).is_some(),
            Node::Text(_) | Node::Number(_) | Node::Flag(_) => true,
            Node::Value(name, _) => self.extra().values.get(name).is_some(),
            Node::Details { .. } => !self.details.is_empty(),
            Node::Errors(_) => !self.extra().errors.is_empty(),
        }
    }

    /// Whether `node` carries content of this error: constants alone do not,
    /// so an object of nothing but constants is left out.
    fn fills(&self, node: &Node) -> bool {
        !matches!(node, Node::Text(_) | Node::Number(_) | Node::Flag(_)) && self.writes(node)
    }

    /// Appends the body (the same bytes as `serde_json::to_vec`) to `out`
    /// without going through serde: with a reused buffer it allocates nothing.
    pub fn write_json(&self, out: &mut Vec<u8>) {
        if self.is_bare() {
            self.write_default(out);
            return;
        }
        out.push(b'{');
        self.write_members(out, self.catalogue.envelope.body, &mut true);
        out.push(b'}');
    }

    /// Whether the error carries nothing but its code's own values (what
    /// `ApiError::new` makes): its body is the same pieces every time.
    fn is_bare(&self) -> bool {
        matches!(self.code, Code::Known(_))
            && !self.message_given
            && self.extra().param.is_none()
            && self.details.is_empty()
            && self.extra().values.is_empty()
            && self.extra().errors.is_empty()
    }

    /// The body as JSON text, in the catalogue's envelope.
    #[must_use]
    pub fn to_json(&self) -> String {
        let mut out = Vec::with_capacity(256);
        self.write_json(&mut out);
        String::from_utf8(out).unwrap_or_default()
    }

    /// Writes the members that have a value; returns whether any of them is
    /// more than a constant. One pass: an object is written, then taken back
    /// if it held nothing but constants.
    fn write_members(&self, out: &mut Vec<u8>, members: &[Member], first: &mut bool) -> bool {
        let mut content = false;
        for member in members {
            let mark = (out.len(), *first);
            match &member.node {
                Node::Details { inline: true } => {
                    for (name, value) in self.details.iter() {
                        write_key(out, first, name);
                        write_value(out, value);
                        content = true;
                    }
                }
                Node::Object(inner) => {
                    write_key(out, first, member.name);
                    out.push(b'{');
                    if self.write_members(out, inner, &mut true) {
                        out.push(b'}');
                        content = true;
                    } else {
                        out.truncate(mark.0);
                        *first = mark.1;
                    }
                }
                Node::Text(_) | Node::Number(_) | Node::Flag(_) => {
                    write_key(out, first, member.name);
                    self.write_node(out, &member.node);
                }
                node => {
                    if self.writes(node) {
                        write_key(out, first, member.name);
                        self.write_node(out, node);
                        content = true;
                    }
                }
            }
        }
        content
    }

    fn write_node(&self, out: &mut Vec<u8>, node: &Node) {
        match node {
            Node::Object(members) => {
                out.push(b'{');
                self.write_members(out, members, &mut true);
                out.push(b'}');
            }
            Node::Array(items) => {
                out.push(b'[');
                let mut first = true;
                for item in items.iter().filter(|item| self.fills(item)) {
                    if !std::mem::take(&mut first) {
                        out.push(b',');
                    }
                    self.write_node(out, item);
                }
                out.push(b']');
            }
            Node::Role(role) => match self.role_value(*role) {
                Some(scalar) => write_scalar(out, &scalar),
                None => out.extend_from_slice(b"null"),
            },
            Node::Text(text) => write_string(out, text),
            Node::Number(number) => write_integer(out, *number),
            Node::Flag(flag) => out.extend_from_slice(if *flag { b"true" } else { b"false" }),
            Node::Value(name, _) => write_value(out, self.extra().values.get(name).unwrap_or(&serde_json::Value::Null)),
            Node::Details { .. } => write_value_with(out, |writer| serde_json::to_writer(writer, &self.details)),
            Node::Errors(item) => {
                out.push(b'[');
                for (index, nested) in self.extra().errors.iter().enumerate() {
                    if index > 0 {
                        out.push(b',');
                    }
                    write_nested(out, nested, item);
                }
                out.push(b']');
            }
        }
    }
}

/// The body of an error made with `ApiError::new`, laid out once from the
/// envelope: the JSON text between the code's values, and which value goes
/// in each gap. Values that are always plain strings (names, links) have
/// their quotes in the text around them.
struct DefaultBody {
    gaps: Vec<(String, Role)>,
    end: String,
}

/// The bodies of bare errors: the layout, and each code's body once it has
/// been written. A bare error's body depends on its code alone, so after the
/// first it is one copy, with no escaping and no allocation (measured: 3.8x
/// the time of a hand-written writer of literal pieces when laid out on every
/// call, because each piece has a length known only at run time).
struct DefaultBodies {
    layout: DefaultBody,
    /// Per code (by number), its body, filled on first use: the table is
    /// 24 bytes a code, allocated when the first bare error is written.
    bodies: Box<[std::sync::OnceLock<Box<[u8]>>]>,
}

/// A bare error has every per-code value, a message unless it is optional,
/// and nothing set per occurrence; the layout follows the same rules as
/// [`ApiError::write_members`] (a test holds the two to the same bytes).
///
/// Kept for the first catalogue asked for: a program has one (each generated
/// crate has its own copy of this runtime). Another catalogue's body is laid
/// out on every call; correct, only slower.
fn default_bodies(catalogue: &'static Catalogue) -> Option<&'static DefaultBodies> {
    static BODIES: std::sync::OnceLock<(&'static Catalogue, DefaultBodies)> = std::sync::OnceLock::new();
    let (owner, bodies) = BODIES.get_or_init(|| {
        let bodies = (0..catalogue.codes.len()).map(|_| std::sync::OnceLock::new()).collect();
        (catalogue, DefaultBodies { layout: DefaultBody::new(catalogue), bodies })
    });
    (*owner == catalogue).then_some(bodies)
}

impl DefaultBody {
    fn new(catalogue: &'static Catalogue) -> DefaultBody {
        let mut layout = Layout { catalogue, text: vec![b'{'], gaps: Vec::new() };
        layout.members(catalogue.envelope.body, &mut true);
        layout.text.push(b'}');
        DefaultBody { gaps: layout.gaps, end: String::from_utf8(layout.text).unwrap_or_default() }
    }
}

struct Layout {
    catalogue: &'static Catalogue,
    text: Vec<u8>,
    gaps: Vec<(String, Role)>,
}

impl Layout {
    /// Lays out `members`; returns whether more than constants went in.
    fn members(&mut self, members: &[Member], first: &mut bool) -> bool {
        let mut content = false;
        for member in members {
            let mark = self.mark(*first);
            match &member.node {
                Node::Object(inner) => {
                    write_key(&mut self.text, first, member.name);
                    self.text.push(b'{');
                    if self.members(inner, &mut true) {
                        self.text.push(b'}');
                        content = true;
                    } else {
                        *first = self.undo(mark);
                    }
                }
                Node::Array(items) => {
                    write_key(&mut self.text, first, member.name);
                    if self.array(items) {
                        content = true;
                    } else {
                        *first = self.undo(mark);
                    }
                }
                Node::Role(role) if in_bare_body(*role) => {
                    write_key(&mut self.text, first, member.name);
                    self.gap(*role);
                    content = true;
                }
                Node::Text(_) | Node::Number(_) | Node::Flag(_) => {
                    write_key(&mut self.text, first, member.name);
                    ApiError::new(self.catalogue, 0).write_node(&mut self.text, &member.node);
                }
                Node::Role(_) | Node::Value(..) | Node::Details { .. } | Node::Errors(_) => {}
            }
        }
        content
    }

    /// Lays out an array; returns whether any entry went in.
    fn array(&mut self, items: &[Node]) -> bool {
        self.text.push(b'[');
        let mut first = true;
        for item in items {
            let mark = self.mark(first);
            let comma = |layout: &mut Layout, first: &mut bool| {
                if !std::mem::take(first) {
                    layout.text.push(b',');
                }
            };
            match item {
                Node::Object(inner) => {
                    comma(self, &mut first);
                    self.text.push(b'{');
                    if self.members(inner, &mut true) {
                        self.text.push(b'}');
                    } else {
                        first = self.undo(mark);
                    }
                }
                Node::Role(role) if in_bare_body(*role) => {
                    comma(self, &mut first);
                    self.gap(*role);
                }
                // Constants alone, and what is set per occurrence, are left out.
                _ => {}
            }
        }
        self.text.push(b']');
        !first
    }

    fn gap(&mut self, role: Role) {
        let quoted = plain_string(self.catalogue, role);
        if quoted {
            self.text.push(b'"');
        }
        let text = String::from_utf8(std::mem::take(&mut self.text)).unwrap_or_default();
        self.gaps.push((text, role));
        if quoted {
            self.text.push(b'"');
        }
    }

    fn mark(&self, first: bool) -> (usize, usize, bool) {
        (self.text.len(), self.gaps.len(), first)
    }

    /// Takes back what went in since `mark` (a gap's text included).
    fn undo(&mut self, (length, gaps, first): (usize, usize, bool)) -> bool {
        if self.gaps.len() > gaps {
            let mut restored = self.gaps[gaps].0.clone().into_bytes();
            restored.truncate(length);
            self.text = restored;
            self.gaps.truncate(gaps);
        } else {
            self.text.truncate(length);
        }
        first
    }
}

/// Whether a bare error's body has `role`.
fn in_bare_body(role: Role) -> bool {
    !matches!(role, Role::Param | Role::Message { optional: true })
}

/// Whether a known code's value of `role` is a string needing no escaping.
fn plain_string(catalogue: &Catalogue, role: Role) -> bool {
    match role {
        Role::Code => matches!(catalogue.codes[0].wire, WireCode::Text(_)),
        Role::Type | Role::DocUrl | Role::Status { as_string: true } => true,
        Role::Message { .. } | Role::Title | Role::Status { as_string: false } | Role::Param => false,
    }
}

impl ApiError {
    /// The body of a bare error: its code's, written once and then copied.
    fn write_default(&self, out: &mut Vec<u8>) {
        let (Some(cache), Code::Known(code)) = (default_bodies(self.catalogue), &self.code) else {
            self.write_laid_out(&DefaultBody::new(self.catalogue), out);
            return;
        };
        let body = cache.bodies[*code].get_or_init(|| {
            let mut body = Vec::new();
            self.write_laid_out(&cache.layout, &mut body);
            body.into_boxed_slice()
        });
        out.extend_from_slice(body);
    }

    /// The laid-out text, and the code's values in its gaps.
    fn write_laid_out(&self, layout: &DefaultBody, out: &mut Vec<u8>) {
        for (text, role) in &layout.gaps {
            out.extend_from_slice(text.as_bytes());
            match self.role_value(*role) {
                Some(Scalar::Plain(value)) => out.extend_from_slice(value.as_bytes()),
                Some(scalar) => write_scalar(out, &scalar),
                None => out.extend_from_slice(b"null"),
            }
        }
        out.extend_from_slice(layout.end.as_bytes());
    }
}

fn write_nested(out: &mut Vec<u8>, nested: &NestedError, item: &[Member]) {
    out.push(b'{');
    let mut first = true;
    for member in item {
        let value = nested_value(nested, &member.node);
        if let Some(value) = value {
            write_key(out, &mut first, member.name);
            write_scalar(out, &value);
        }
    }
    out.push(b'}');
}

/// What a nested error writes for a member of the envelope's item.
pub(crate) fn nested_value<'a>(nested: &'a NestedError, node: &'a Node) -> Option<Scalar<'a>> {
    match node {
        Node::Role(Role::Code) => nested.code.as_ref().map(Scalar::Json),
        Node::Role(Role::Message { .. }) => nested.message.as_deref().map(Scalar::Text),
        Node::Role(Role::Param) => nested.param.as_deref().map(Scalar::Text),
        Node::Value(name, _) => nested.values.get(name).map(Scalar::Json),
        Node::Text(text) => Some(Scalar::Text(text)),
        Node::Number(number) => Some(Scalar::Integer(*number)),
        Node::Flag(flag) => Some(Scalar::Flag(*flag)),
        _ => None,
    }
}

/// Every status from 100 to 599 as three ASCII digits, so writing a status
/// as a string (JSON:API's `"422"`) allocates nothing.
static STATUS_DIGITS: [u8; 1500] = {
    let mut digits = [0u8; 1500];
    let mut index = 0;
    while index < 500 {
        let status = index + 100;
        digits[3 * index] = b'0' + (status / 100) as u8;
        digits[3 * index + 1] = b'0' + (status / 10 % 10) as u8;
        digits[3 * index + 2] = b'0' + (status % 10) as u8;
        index += 1;
    }
    digits
};

/// `"422"` for 422 (statuses outside 100-599 are never built or parsed).
fn status_text(status: u16) -> &'static str {
    let start = 3 * usize::from(status.clamp(100, 599) - 100);
    std::str::from_utf8(&STATUS_DIGITS[start..start + 3]).unwrap_or("500")
}

fn write_key(out: &mut Vec<u8>, first: &mut bool, key: &str) {
    if !std::mem::take(first) {
        out.push(b',');
    }
    write_string(out, key);
    out.push(b':');
}

fn write_scalar(out: &mut Vec<u8>, scalar: &Scalar<'_>) {
    match scalar {
        Scalar::Text(text) => write_string(out, text),
        Scalar::Plain(text) => {
            out.push(b'"');
            out.extend_from_slice(text.as_bytes());
            out.push(b'"');
        }
        Scalar::Integer(number) => write_integer(out, *number),
        Scalar::Flag(flag) => out.extend_from_slice(if *flag { b"true" } else { b"false" }),
        Scalar::Json(value) => write_value(out, value),
    }
}

fn write_value(out: &mut Vec<u8>, value: &serde_json::Value) {
    match value {
        serde_json::Value::String(text) => write_string(out, text),
        other => write_value_with(out, |writer| serde_json::to_writer(writer, other)),
    }
}

fn write_value_with(out: &mut Vec<u8>, write: impl FnOnce(&mut Vec<u8>) -> serde_json::Result<()>) {
    // Writing JSON values into a Vec cannot fail: no I/O, and map keys are strings.
    let _ = write(out);
}

fn write_integer(out: &mut Vec<u8>, number: i64) {
    let mut digits = [0u8; 20];
    let mut rest = number.unsigned_abs();
    let mut start = digits.len();
    loop {
        start -= 1;
        digits[start] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    if number < 0 {
        out.push(b'-');
    }
    out.extend_from_slice(&digits[start..]);
}

/// A JSON string, escaped as serde_json escapes it; text that needs no
/// escaping (most messages) is copied in one go.
pub(crate) fn write_string(out: &mut Vec<u8>, text: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push(b'"');
    let bytes = text.as_bytes();
    if !needs_escaping(bytes) {
        out.extend_from_slice(bytes);
        out.push(b'"');
        return;
    }
    let mut start = 0;
    for (index, &byte) in bytes.iter().enumerate() {
        let escaped: &[u8] = match byte {
            b'"' => b"\\\"",
            b'\\' => b"\\\\",
            b'\n' => b"\\n",
            b'\r' => b"\\r",
            b'\t' => b"\\t",
            0x08 => b"\\b",
            0x0c => b"\\f",
            0..=0x1f => &[b'\\', b'u', b'0', b'0', HEX[usize::from(byte >> 4)], HEX[usize::from(byte & 0xf)]],
            _ => continue,
        };
        out.extend_from_slice(&bytes[start..index]);
        out.extend_from_slice(escaped);
        start = index + 1;
    }
    out.extend_from_slice(&bytes[start..]);
    out.push(b'"');
}

/// Whether any byte is a control character, `"` or `\\`: eight bytes at a
/// time (bytes of multi-byte characters have the high bit set and never match).
fn needs_escaping(bytes: &[u8]) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // Some byte of `x` is below `n` (for n <= 128).
    let below = |x: u64, n: u64| x.wrapping_sub(ONES * n) & !x & HIGH != 0;
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let x = u64::from_le_bytes(word);
        if below(x, 0x20) || below(x ^ (ONES * 0x22), 1) || below(x ^ (ONES * 0x5c), 1) {
            return true;
        }
    }
    chunks.remainder().iter().any(|&byte| byte < 0x20 || byte == b'"' || byte == b'\\')
}

/// A node of the body with the error it is filled from, for serde.
struct Filled<'a> {
    error: &'a ApiError,
    node: &'a Node,
}

/// An object of the body, for serde.
struct FilledObject<'a> {
    error: &'a ApiError,
    members: &'a [Member],
}

impl serde::Serialize for ApiError {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        FilledObject { error: self, members: self.catalogue.envelope.body }.serialize(serializer)
    }
}

impl serde::Serialize for FilledObject<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        for member in self.members {
            match &member.node {
                Node::Details { inline: true } => {
                    for (name, value) in self.error.details.iter() {
                        map.serialize_entry(name, value)?;
                    }
                }
                // A role's value is looked up once: asking `writes` first
                // would look it up twice (50 of 290 ns for a bare error).
                Node::Role(role) => {
                    if let Some(value) = self.error.role_value(*role) {
                        map.serialize_entry(member.name, &value)?;
                    }
                }
                node => {
                    if self.error.writes(node) {
                        map.serialize_entry(member.name, &Filled { error: self.error, node })?;
                    }
                }
            }
        }
        map.end()
    }
}

impl serde::Serialize for Filled<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let error = self.error;
        match self.node {
            Node::Object(members) => FilledObject { error, members }.serialize(serializer),
            Node::Array(items) => {
                let mut seq = serializer.serialize_seq(None)?;
                for item in items.iter().filter(|item| error.fills(item)) {
                    seq.serialize_element(&Filled { error, node: item })?;
                }
                seq.end()
            }
            Node::Role(role) => match error.role_value(*role) {
                Some(scalar) => scalar.serialize(serializer),
                None => serializer.serialize_unit(),
            },
            Node::Text(text) => serializer.serialize_str(text),
            Node::Number(number) => serializer.serialize_i64(*number),
            Node::Flag(flag) => serializer.serialize_bool(*flag),
            Node::Value(name, _) => error.extra().values.get(name).serialize(serializer),
            Node::Details { .. } => error.details.serialize(serializer),
            Node::Errors(item) => {
                let errors = &error.extra().errors;
                let mut seq = serializer.serialize_seq(Some(errors.len()))?;
                for nested in errors {
                    seq.serialize_element(&FilledNested { nested, item })?;
                }
                seq.end()
            }
        }
    }
}

/// A nested error in the envelope's item shape, for serde.
struct FilledNested<'a> {
    nested: &'a NestedError,
    item: &'a [Member],
}

impl serde::Serialize for FilledNested<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        for member in self.item {
            if let Some(value) = nested_value(self.nested, &member.node) {
                map.serialize_entry(member.name, &value)?;
            }
        }
        map.end()
    }
}

impl serde::Serialize for Scalar<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Scalar::Text(text) | Scalar::Plain(text) => serializer.serialize_str(text),
            Scalar::Integer(number) => serializer.serialize_i64(*number),
            Scalar::Flag(flag) => serializer.serialize_bool(*flag),
            Scalar::Json(value) => value.serialize(serializer),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_escaped_as_serde_json_does() {
        for text in ["plain", "say \"hi\"", "back\\slash", "line\nbreak\ttab\r", "\u{1}\u{1f}\u{7f}", "ünï 🚀"] {
            let mut out = Vec::new();
            write_string(&mut out, text);
            assert_eq!(String::from_utf8(out).unwrap(), serde_json::to_string(text).unwrap());
        }
    }

    #[test]
    fn escaping_is_detected_in_every_position() {
        for length in 0..20 {
            let plain = "a".repeat(length);
            assert!(!needs_escaping(plain.as_bytes()));
            assert!(!needs_escaping("ünï 🚀 ~\u{7f}".as_bytes()));
            for special in ["\"", "\\", "\n", "\u{1}", "\u{1f}"] {
                for at in 0..=length {
                    let text = format!("{}{special}{}", &plain[..at], &plain[at..]);
                    assert!(needs_escaping(text.as_bytes()), "{text:?}");
                }
            }
        }
    }

    #[test]
    fn integers_are_written_as_serde_json_does() {
        for number in [0, 7, -7, 20404, i64::MAX, i64::MIN] {
            let mut out = Vec::new();
            write_integer(&mut out, number);
            assert_eq!(String::from_utf8(out).unwrap(), number.to_string());
        }
        assert_eq!(status_text(422), "422");
    }
}
