//! Random valid catalogues, from a seed: every kind of name, envelope, type,
//! group, detail, alias and deprecation, with hostile text everywhere text
//! may go. Valid by construction, so the generator must accept each one and
//! its outputs must agree with each other.

use std::collections::BTreeSet;
use std::fmt::Write as _;

/// Text that has broken generators: quotes, backslashes, comment closers,
/// markdown and HTML metacharacters, braces that are not placeholders,
/// newlines, emoji, right-to-left text, and a very long line.
pub const HOSTILE_TEXT: &[&str] = &[
    "plain words",
    "say \"hi\" and 'bye'",
    "back\\slash \\n not a newline",
    "close */ and open /* comments",
    "# not a heading",
    "{} and { spaced } and {Upper} braces",
    "a | pipe | table",
    "`tick` and ```fence```",
    "<script>alert('x')</script> & &amp; entities",
    "line one\nline two\n\n    indented code?",
    "emoji 🚀📞 and ünïcödé",
    "right-to-left: שלום עולם مرحبا",
    "[link](javascript:alert(1)) and ![img](x)",
    "%s {0} $1 ${var} \\u0000",
    "trailing spaces   ",
];

/// At least one character of every Unicode general category that UTF-8 can
/// hold (surrogates, Cs, cannot), a few of each where they behave
/// differently: letters of several scripts, combining marks, digits of other
/// scripts, every kind of punctuation, symbols, odd spaces, line and
/// paragraph separators, controls, format characters (bidi overrides and
/// isolates, zero-width, the byte-order mark, tags), private use,
/// unassigned code points and noncharacters.
pub const EVERY_CATEGORY: &[(&str, &[char])] = &[
    ("Lu", &['A', 'Ж', 'Ω', '𝐀']),
    ("Ll", &['a', 'ж', 'ß', 'ŉ']),
    ("Lt", &['ǅ', 'ᾈ']),
    ("Lm", &['ʰ', 'ー', 'ꟹ']),
    ("Lo", &['א', 'م', '中', 'ก', 'ㅤ', '\u{115f}']),
    ("Mn", &['\u{301}', '\u{34f}', '\u{fe0f}', '\u{e0100}']),
    ("Mc", &['\u{903}', '\u{1d165}']),
    ("Me", &['\u{20dd}', '\u{488}']),
    ("Nd", &['٣', '७', '𝟘']),
    ("Nl", &['Ⅻ', '〇']),
    ("No", &['½', '²', '①']),
    ("Pc", &['_', '‿']),
    ("Pd", &['-', '—', '⸗']),
    ("Ps", &['(', '「', '⁅']),
    ("Pe", &[')', '」', '⁆']),
    ("Pi", &['«', '“']),
    ("Pf", &['»', '”']),
    ("Po", &['!', '¡', '§', '※', '\\', '"', '\'', '#', '%', '&', '*']),
    ("Sm", &['+', '<', '>', '|', '~', '∑', '∞']),
    ("Sc", &['$', '€', '₿']),
    ("Sk", &['^', '`', '˘', '🏻']),
    ("So", &['©', '🚀', '⌘', '🀄']),
    ("Zs", &[' ', '\u{a0}', '\u{2003}', '\u{3000}', '\u{1680}']),
    ("Zl", &['\u{2028}']),
    ("Zp", &['\u{2029}']),
    ("Cc", &['\u{1}', '\u{8}', '\r', '\u{1b}', '\u{7f}', '\u{85}', '\u{9f}', '\t', '\n']),
    (
        "Cf",
        &['\u{202e}', '\u{202d}', '\u{2066}', '\u{2069}', '\u{200b}', '\u{200d}', '\u{feff}', '\u{ad}', '\u{e0041}'],
    ),
    ("Co", &['\u{e000}', '\u{f8ff}', '\u{f0000}']),
    ("Cn", &['\u{378}', '\u{fdd0}', '\u{fffe}', '\u{ffff}', '\u{10ffff}']),
];

/// Text mixing characters of every general category.
pub fn unicode_text(rng: &mut Rng) -> String {
    let length = 1 + rng.below(24);
    let mut out = String::new();
    for _ in 0..length {
        let (_, chars) = rng.pick(EVERY_CATEGORY);
        out.push(*rng.pick(chars));
    }
    out
}

/// A small deterministic generator (xorshift64*), so a seed always gives
/// the same catalogue on every machine.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed ^ 0x9E37_79B9_7F4A_7C15 | 1)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    pub fn chance(&mut self, percent: u64) -> bool {
        self.next_u64() % 100 < percent
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

const WORDS: &[&str] = &[
    "call", "agent", "phone", "number", "rate", "limit", "key", "api", "sms", "provider", "not", "found", "invalid",
    "expired", "busy", "v2", "x9", "quota", "token", "route", "queue", "media", "voice", "trunk",
];

fn text(rng: &mut Rng) -> String {
    let mut out = if rng.chance(30) { unicode_text(rng) } else { rng.pick(HOSTILE_TEXT).to_string() };
    // Required texts must not be blank.
    if out.trim().is_empty() {
        out.push('x');
    }
    if rng.chance(20) {
        out.push(' ');
        let extra = *rng.pick(HOSTILE_TEXT);
        out.push_str(extra);
    }
    if rng.chance(3) {
        out.push_str(&" long".repeat(400));
    }
    out
}

/// A YAML double-quoted scalar holding exactly `text`: characters YAML may
/// not hold raw (controls, noncharacters, the byte-order mark, and line
/// breaks other than `\n`) are escaped; everything else is written raw.
pub fn quoted(text: &str) -> String {
    let mut out = String::from("\"");
    for ch in text.chars() {
        let code = u32::from(ch);
        let printable = matches!(code, 0x20..=0x7E | 0xA0..=0xD7FF | 0xE000..=0xFFFD | 0x10000..=0x10FFFF)
            && !matches!(code, 0xFEFF | 0x2028 | 0x2029);
        match ch {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            _ if printable => out.push(ch),
            _ if code <= 0xFF => out.push_str(&format!("\\x{code:02x}")),
            _ if code <= 0xFFFF => out.push_str(&format!("\\u{code:04x}")),
            _ => out.push_str(&format!("\\U{code:08x}")),
        }
    }
    out.push('"');
    out
}

/// A fresh snake_case name whose Rust identifier is also fresh.
fn name(rng: &mut Rng, taken: &mut BTreeSet<String>) -> String {
    loop {
        let words = 1 + rng.below(3);
        let candidate: Vec<&str> = (0..words).map(|_| *rng.pick(WORDS)).collect();
        let candidate = candidate.join("_");
        let ident: String = candidate.split('_').map(|word| word.to_ascii_lowercase()).collect();
        let is_keyword = matches!(candidate.as_str(), "key" | "type" | "self" | "gen" | "match");
        if !is_keyword && !taken.contains(&candidate) && !taken.contains(&format!("ident:{ident}")) {
            taken.insert(candidate.clone());
            taken.insert(format!("ident:{ident}"));
            return candidate;
        }
    }
}

const TRANSIENT: &[u16] = &[408, 409, 429, 500, 502, 503, 504];
const PERMANENT: &[u16] = &[400, 401, 402, 403, 404, 410, 422];

/// A random valid catalogue (one YAML file) for `seed`.
pub fn catalogue(seed: u64) -> String {
    let mut writer = Writer { rng: Rng::new(seed), yaml: String::new(), taken: BTreeSet::new() };
    let shape = writer.service_and_envelope(seed);
    let types = if shape.has_types { writer.types() } else { Vec::new() };
    let groups = if shape.has_groups { writer.groups() } else { Vec::new() };
    writer.yaml.push_str("errors:\n");
    let mut current_codes: Vec<String> = Vec::new();
    for index in 0..1 + writer.rng.below(25) {
        writer.error(index, &shape, &types, &groups, &mut current_codes);
    }
    writer.yaml
}

/// The catalogue being written, and the names it has used.
struct Writer {
    rng: Rng,
    yaml: String,
    taken: BTreeSet<String>,
}

/// What the top of the catalogue decided for its codes.
struct Shape {
    has_types: bool,
    has_groups: bool,
    /// What a code may declare: `param`, `details`.
    fields: Vec<&'static str>,
    general: Option<Body>,
}

/// A type: its name, status if it has one, and retry advice.
type TypeEntry = (String, Option<u16>, bool);

impl Writer {
    fn service_and_envelope(&mut self, seed: u64) -> Shape {
        let rng = &mut self.rng;
        let (has_types, has_groups, has_doc_url) = (rng.chance(60), rng.chance(50), rng.chance(50));
        let _ = writeln!(self.yaml, "service:\n  name: {}\n  crate: random-errors-{seed}", quoted(&text(rng)));
        if has_doc_url {
            let _ = writeln!(self.yaml, "  doc_url: \"https://docs.example.com/errors/{{code}}\"");
        }
        let mut fields: Vec<&'static str> = vec!["code", "message"];
        for optional in ["type", "param", "doc_url", "details"] {
            let allowed = match optional {
                "type" => has_types,
                "doc_url" => has_doc_url,
                _ => true,
            };
            if allowed && rng.chance(70) {
                fields.insert(rng.below(fields.len() + 1), optional);
            }
        }
        let general = rng.chance(40).then(|| Body::random(rng));
        match &general {
            Some(body) => {
                self.yaml.push_str(&body.yaml(rng));
                // What the codes may declare follows the general body's members.
                fields = vec!["code", "message"];
                fields.extend(body.param.then_some("param"));
                fields.extend(body.details.is_some().then_some("details"));
            }
            None => {
                let wrapper = if rng.chance(70) { "error" } else { "null" };
                let _ = writeln!(self.yaml, "envelope:\n  wrapper: {wrapper}\n  fields: [{}]", fields.join(", "));
                if rng.chance(50) {
                    let _ = writeln!(self.yaml, "  descriptions:\n    code: {}", quoted(&text(rng)));
                }
            }
        }
        let _ = writeln!(self.yaml, "statuses:\n  200: {{ name: OK, description: {} }}", quoted(&text(rng)));
        Shape { has_types, has_groups, fields, general }
    }

    fn types(&mut self) -> Vec<TypeEntry> {
        self.yaml.push_str("types:\n");
        let mut types = Vec::new();
        for _ in 0..1 + self.rng.below(4) {
            let type_name = format!("{}_error", name(&mut self.rng, &mut self.taken));
            let rng = &mut self.rng;
            let (status, retryable) =
                if rng.chance(40) { (*rng.pick(TRANSIENT), rng.chance(70)) } else { (*rng.pick(PERMANENT), false) };
            let status_text = if rng.chance(80) { format!("status: {status}, ") } else { String::new() };
            let description = quoted(&text(rng));
            let _ = writeln!(
                self.yaml,
                "  {type_name}: {{ {status_text}description: {description}, retryable: {retryable} }}"
            );
            types.push((type_name, if status_text.is_empty() { None } else { Some(status) }, retryable));
        }
        types
    }

    fn groups(&mut self) -> Vec<String> {
        self.yaml.push_str("groups:\n");
        let mut groups = Vec::new();
        for _ in 0..1 + self.rng.below(3) {
            let group = name(&mut self.rng, &mut self.taken);
            let (title, description) = (quoted(&text(&mut self.rng)), quoted(&text(&mut self.rng)));
            let _ = writeln!(self.yaml, "  {group}: {{ title: {title}, description: {description} }}");
            groups.push(group);
        }
        groups
    }

    /// One code, valid by construction.
    fn error(
        &mut self,
        index: usize,
        shape: &Shape,
        types: &[TypeEntry],
        groups: &[String],
        current: &mut Vec<String>,
    ) {
        let code = name(&mut self.rng, &mut self.taken);
        let _ = writeln!(self.yaml, "  {code}:");
        let (transient, type_retryable) = self.type_and_status(types);
        if !groups.is_empty() {
            let _ = writeln!(self.yaml, "    group: {}", self.rng.pick(groups));
        }
        let details_map = shape.fields.contains(&"details") && self.rng.chance(15);
        let members = if shape.fields.contains(&"details") && !details_map && self.rng.chance(50) {
            self.detail_members()
        } else {
            Vec::new()
        };
        self.message(&members);
        if let Some(body) = &shape.general {
            body.code_keys(&mut self.yaml, index, &code, &mut self.rng);
        }
        self.prose_and_advice(transient, type_retryable, shape.fields.contains(&"param"));
        self.details(details_map, &members);
        self.aliases_and_deprecation(index, code, current);
    }

    /// The code's type and status; returns whether its status is transient
    /// and whether its type is retryable.
    fn type_and_status(&mut self, types: &[TypeEntry]) -> (bool, bool) {
        let rng = &mut self.rng;
        if types.is_empty() {
            let status = if rng.chance(40) { *rng.pick(TRANSIENT) } else { *rng.pick(PERMANENT) };
            let _ = writeln!(self.yaml, "    status: {status}");
            return (TRANSIENT.contains(&status), false);
        }
        let (type_name, status, retryable) = rng.pick(types).clone();
        let _ = writeln!(self.yaml, "    type: {type_name}");
        if status.is_none() || rng.chance(20) {
            let status = if retryable || rng.chance(40) { *rng.pick(TRANSIENT) } else { *rng.pick(PERMANENT) };
            let _ = writeln!(self.yaml, "    status: {status}");
            return (TRANSIENT.contains(&status), retryable);
        }
        (status.is_some_and(|status| TRANSIENT.contains(&status)), retryable)
    }

    fn detail_members(&mut self) -> Vec<(String, &'static str, bool)> {
        let mut members = Vec::new();
        for _ in 0..1 + self.rng.below(4) {
            let member = name(&mut self.rng, &mut self.taken);
            let kind = *self.rng.pick(&["string", "integer", "number", "boolean", "string_map", "string_list"]);
            members.push((member, kind, self.rng.chance(50)));
        }
        members
    }

    /// A message, naming some detail members as placeholders.
    fn message(&mut self, members: &[(String, &'static str, bool)]) {
        let mut message = text(&mut self.rng).replace(['{', '}'], "");
        if message.trim().is_empty() {
            message.push('x');
        }
        for (member, _, _) in members {
            if self.rng.chance(40) {
                let _ = write!(message, " {{{member}}}");
            }
        }
        let _ = writeln!(self.yaml, "    message: {}", quoted(&message));
    }

    fn prose_and_advice(&mut self, transient: bool, type_retryable: bool, may_have_param: bool) {
        for key in ["cause", "fix"] {
            if self.rng.chance(60) {
                let _ = writeln!(self.yaml, "    {key}: {}", quoted(&text(&mut self.rng)));
            }
        }
        // Retryable only where the status allows it.
        if transient && self.rng.chance(50) {
            let _ = writeln!(self.yaml, "    retryable: {}", self.rng.chance(50));
        } else if type_retryable && !transient {
            let _ = writeln!(self.yaml, "    retryable: false");
        }
        if may_have_param && self.rng.chance(30) {
            let _ = writeln!(self.yaml, "    param: {}", quoted(&text(&mut self.rng)));
        }
    }

    fn details(&mut self, details_map: bool, members: &[(String, &'static str, bool)]) {
        if details_map {
            let values = self.rng.pick(&["string", "integer", "boolean", "number"]);
            let _ = writeln!(self.yaml, "    details_map: {{ values: {values} }}");
        }
        if members.is_empty() {
            return;
        }
        self.yaml.push_str("    details:\n");
        for (member, kind, required) in members {
            let description = quoted(&text(&mut self.rng));
            let _ = writeln!(
                self.yaml,
                "      {member}: {{ type: {kind}, required: {required}, description: {description} }}"
            );
        }
    }

    fn aliases_and_deprecation(&mut self, index: usize, code: String, current: &mut Vec<String>) {
        if self.rng.chance(20) {
            let count = 1 + self.rng.below(2);
            let aliases: Vec<String> = (0..count).map(|_| name(&mut self.rng, &mut self.taken)).collect();
            let _ = writeln!(self.yaml, "    aliases: [{}]", aliases.join(", "));
        }
        if index > 0 && !current.is_empty() && self.rng.chance(15) {
            let replacement = self.rng.pick(current).clone();
            let note = quoted(&text(&mut self.rng));
            let _ = writeln!(self.yaml, "    deprecated: {{ replaced_by: {replacement}, note: {note} }}");
        } else {
            current.push(code);
        }
    }
}

/// A random envelope in the general form: which roles it has and how they
/// are written, inside one of three wrappings.
pub struct Body {
    code_style: Option<&'static str>,
    titles: bool,
    param: bool,
    details: Option<(bool, &'static str)>,
}

impl Body {
    fn random(rng: &mut Rng) -> Body {
        let code_style =
            rng.chance(80).then(|| *rng.pick(&["snake", "upper_snake", "pascal", "lower_camel", "integer"]));
        Body {
            code_style,
            // Without a code member, each code's own title tells them apart.
            titles: code_style.is_none() || rng.chance(30),
            param: rng.chance(50),
            details: rng.chance(70).then(|| (rng.chance(30), *rng.pick(&["snake", "lower_camel"]))),
        }
    }

    /// The `envelope:` section.
    fn yaml(&self, rng: &mut Rng) -> String {
        let mut members = Vec::new();
        if let Some(style) = self.code_style {
            members.push(format!("code: {{ role: code, style: {style} }}"));
        }
        let optional = rng.chance(30);
        members.push(format!("message: {{ role: message, optional: {optional} }}"));
        if self.titles {
            members.push("title: title".to_string());
        }
        if rng.chance(50) {
            let form = if rng.chance(30) { "string" } else { "number" };
            members.push(format!("status: {{ role: status, as: {form} }}"));
        }
        if self.param {
            members.push("source: { object: { pointer: param } }".to_string());
        }
        if rng.chance(30) {
            members.push("instance: { value: instance, type: string }".to_string());
        }
        if rng.chance(30) {
            members.push(format!("kind: {{ const: {} }}", quoted(&text(rng))));
        }
        if let Some((inline, names)) = self.details {
            members.push(format!("details: {{ role: details, inline: {inline}, names: {names} }}"));
        }
        if rng.chance(30) {
            members.push("errors: { role: errors, item: { code: code, message: message, at: param } }".to_string());
        }
        let members = members.join(", ");
        let body = match rng.below(3) {
            0 => format!("{{ {members} }}"),
            1 => format!("{{ error: {{ object: {{ {members} }} }} }}"),
            _ => format!("{{ problems: [ {{ object: {{ {members} }} }} ] }}"),
        };
        format!("envelope:\n  media_type: application/problem+json\n  body: {body}\n")
    }

    /// Per-code keys the body needs: a title, an integer wire code.
    fn code_keys(&self, yaml: &mut String, index: usize, code: &str, rng: &mut Rng) {
        if self.titles {
            let _ = writeln!(yaml, "    title: {}", quoted(&format!("{code}: {}", text(rng))));
        }
        if self.code_style == Some("integer") {
            let _ = writeln!(yaml, "    wire_code: {}", 20_000 + index);
        }
    }
}
