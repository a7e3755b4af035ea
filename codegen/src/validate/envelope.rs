//! The envelope: its short form (`wrapper` + `fields`) turned into the general
//! tree, the general form (`body`) checked node by node, and the rules that
//! tie the envelope to the codes (a `title` member needs every code's title).

use std::collections::BTreeMap;

use super::{CheckedError, Checker, did_you_mean, span_of};
use crate::diagnostic::{Diagnostic, FileId, Span};
use crate::load::raw::{self, RawNode, RawNodeSpec, RawScalar, Spanned};
use crate::model::{CodeStyle, Envelope, ErrorType, Member, NameStyle, Node, Role, Service, Value, WireCode};

/// The short form's field names, in the order the docs list them.
const FIELDS: [&str; 6] = ["type", "code", "message", "param", "doc_url", "details"];

/// Role names of the general form.
const ROLES: [&str; 11] = [
    "code",
    "type",
    "message",
    "title",
    "status",
    "doc_url",
    "param",
    "locale",
    "localized_message",
    "details",
    "errors",
];

const DEFAULT_MEDIA_TYPE: &str = "application/json";

impl Checker {
    pub(super) fn envelope(&mut self, file: FileId, envelope: &Spanned<raw::RawEnvelope>) -> Option<Envelope> {
        let raw = &envelope.value;
        let media_type = match &raw.media_type {
            Some(media_type) => {
                self.check_media_type(&media_type.value, span_of(file, media_type));
                media_type.value.clone()
            }
            None => DEFAULT_MEDIA_TYPE.to_string(),
        };
        let body = match (&raw.body, &raw.fields) {
            (Some(body), None) if raw.wrapper.is_none() && raw.descriptions.is_none() => {
                self.members(file, &body.value, span_of(file, body), false)?
            }
            (None, Some(fields)) => self.short_form(file, raw, fields)?,
            (Some(body), _) => {
                self.report(
                    Diagnostic::error("the envelope has both `body` and the short form", span_of(file, body), "`body`")
                        .help("describe the body either with `wrapper` + `fields` (+ `descriptions`) or with `body`"),
                );
                return None;
            }
            (None, None) => {
                self.report(
                    Diagnostic::error("the envelope has neither `fields` nor `body`", span_of(file, envelope), "")
                        .help("add `wrapper: error` and `fields: [code, message]`, or a `body:` (see README.md)"),
                );
                return None;
            }
        };
        Some(Envelope { media_type, body })
    }

    fn check_media_type(&mut self, media_type: &str, span: Span) {
        let essence = media_type.split(';').next().unwrap_or("").trim();
        let token =
            |part: &str| !part.is_empty() && part.chars().all(|c| c.is_ascii_alphanumeric() || "!#$&-^_.+".contains(c));
        let valid = essence.split_once('/').is_some_and(|(kind, subtype)| token(kind) && token(subtype));
        if !valid {
            self.report(
                Diagnostic::error(format!("`{media_type}` is not a media type"), span, "expected type/subtype")
                    .help("e.g. `application/problem+json` (RFC 9457) or `application/vnd.api+json` (JSON:API)"),
            );
        }
    }

    /// `wrapper` + `fields` + `descriptions`, as a body.
    fn short_form(
        &mut self,
        file: FileId,
        raw: &raw::RawEnvelope,
        fields: &Spanned<Vec<raw::Text>>,
    ) -> Option<Vec<Member>> {
        let fields_span = span_of(file, fields);
        let mut members: Vec<Member> = Vec::new();
        for name in &fields.value {
            let span = span_of(file, name);
            if members.iter().any(|member| member.name == name.value) {
                self.report(
                    Diagnostic::error(format!("envelope field `{}` is listed twice", name.value), span, "listed again")
                        .help("list each field once"),
                );
                continue;
            }
            let Some(node) = short_field(&name.value) else {
                let help = match did_you_mean(&name.value, FIELDS) {
                    Some(suggestion) => format!("did you mean `{suggestion}`?"),
                    None => format!("an error response can carry: {}", FIELDS.join(", ")),
                };
                self.report(
                    Diagnostic::error(format!("unknown envelope field `{}`", name.value), span, "unknown field")
                        .help(help),
                );
                continue;
            };
            members.push(Member { name: name.value.clone(), description: default_description(&node), node });
        }
        for required in ["code", "message"] {
            if !fields.value.iter().any(|name| name.value == required) {
                self.report(
                    Diagnostic::error(format!("the envelope has no `{required}` field"), fields_span, "missing here")
                        .help("every error response carries `code` and `message`; add them to `fields`"),
                );
            }
        }
        for (name, text) in raw.descriptions.iter().flat_map(|map| &map.0) {
            self.check_optional_text(&format!("the description of `{}`", name.value), Some(text), file);
            match members.iter_mut().find(|member| member.name == name.value) {
                Some(member) => member.description = Some(text.value.clone()),
                None => self.report(
                    Diagnostic::error(
                        format!("description of `{}`, which is not an envelope field", name.value),
                        span_of(file, name),
                        "not in `fields`",
                    )
                    .help(format!(
                        "describe only the fields listed in `fields`: {}",
                        members.iter().map(|member| member.name.as_str()).collect::<Vec<_>>().join(", ")
                    )),
                ),
            }
        }
        let Some(wrapper) = &raw.wrapper else {
            self.report(
                Diagnostic::error("the envelope's short form has no `wrapper`", fields_span, "")
                    .help("name the wrapping member (`wrapper: error`), or write `wrapper: null` for a flat object"),
            );
            return None;
        };
        match &wrapper.value {
            None => Some(members),
            Some(name) if name.trim().is_empty() => {
                self.report(
                    Diagnostic::error("the envelope wrapper is empty", span_of(file, wrapper), "empty name")
                        .help("name the wrapping member (e.g. `error`), or write `wrapper: null` for a flat object"),
                );
                None
            }
            Some(name) => Some(vec![Member { name: name.clone(), node: Node::Object(members), description: None }]),
        }
    }

    /// The members of an object of the general form; `in_item`: inside a
    /// nested error, where only some roles make sense.
    fn members(
        &mut self,
        file: FileId,
        map: &raw::Map<String, RawNode>,
        span: Span,
        in_item: bool,
    ) -> Option<Vec<Member>> {
        if map.0.is_empty() {
            self.report(
                Diagnostic::error("an object of the envelope has no members", span, "empty").help("list its members"),
            );
            return None;
        }
        let mut members: Vec<Member> = Vec::new();
        let mut valid = true;
        for (name, node) in &map.0 {
            let visible = !name.value.trim().is_empty() && crate::invisible::first_invisible(&name.value).is_none();
            if !visible || name.value.len() > 128 {
                self.report(
                    Diagnostic::error(
                        format!("`{}` cannot name a member", name.value.escape_debug()),
                        span_of(file, name),
                        "",
                    )
                    .help("name members with 1 to 128 visible characters"),
                );
                valid = false;
                continue;
            }
            if members.iter().any(|member| member.name == name.value) {
                self.report(
                    Diagnostic::error(format!("member `{}` is listed twice", name.value), span_of(file, name), "again")
                        .help("list each member once"),
                );
                continue;
            }
            let description = match &node.value {
                RawNode::Spec(spec) => spec.description.as_ref().map(|text| text.value.clone()),
                _ => None,
            };
            match self.node(file, node, in_item) {
                Some(node) => {
                    let description = description.or_else(|| default_description(&node));
                    members.push(Member { name: name.value.clone(), node, description });
                }
                None => valid = false,
            }
        }
        valid.then_some(members)
    }

    fn node(&mut self, file: FileId, node: &Spanned<RawNode>, in_item: bool) -> Option<Node> {
        let span = span_of(file, node);
        match &node.value {
            RawNode::Role(name) => self.role(name, None, span, file, in_item),
            RawNode::Array(items) => {
                if items.is_empty() {
                    self.report(
                        Diagnostic::error("an array of the envelope has no entries", span, "empty")
                            .help("list its entries"),
                    );
                    return None;
                }
                let nodes: Vec<Option<Node>> = items.iter().map(|item| self.node(file, item, in_item)).collect();
                nodes.into_iter().collect::<Option<Vec<Node>>>().map(Node::Array)
            }
            RawNode::Spec(spec) => self.spec(file, spec, span, in_item),
        }
    }

    fn spec(&mut self, file: FileId, spec: &RawNodeSpec, span: Span, in_item: bool) -> Option<Node> {
        let kinds = [spec.role.is_some(), spec.constant.is_some(), spec.value.is_some(), spec.object.is_some()];
        if kinds.iter().filter(|given| **given).count() != 1 {
            self.report(
                Diagnostic::error("a member of the envelope must say what it holds, once", span, "here")
                    .help("give exactly one of `role:`, `const:`, `value:` (with `type:`) or `object:`"),
            );
            return None;
        }
        if let Some(role) = &spec.role {
            return self.role(&role.value, Some(spec), span_of(file, role), file, in_item);
        }
        if let Some(constant) = &spec.constant {
            return Some(Node::Const(scalar_json(&constant.value)));
        }
        if let Some(object) = &spec.object {
            return self.members(file, &object.value, span_of(file, object), in_item).map(Node::Object);
        }
        let name = spec.value.as_ref()?;
        self.check_name("value", &name.value, span_of(file, name));
        let Some(value_type) = &spec.value_type else {
            self.report(
                Diagnostic::error(format!("value `{}` has no type", name.value), span_of(file, name), "no `type:`")
                    .help("add `type: string` (or integer, number, boolean, string_map, string_list)"),
            );
            return None;
        };
        Some(Node::Value(Value { name: name.value.clone(), value_type: super::detail_type(value_type.value) }))
    }

    /// A role, with the options of its mapping form.
    fn role(
        &mut self,
        name: &str,
        spec: Option<&RawNodeSpec>,
        span: Span,
        file: FileId,
        in_item: bool,
    ) -> Option<Node> {
        let options = RoleOptions::of(spec, file);
        let node = match name {
            "code" => Node::Role(Role::Code(self.code_style(options.style.as_ref())?)),
            "type" => Node::Role(Role::Type(self.name_style(options.style.as_ref())?)),
            "message" => Node::Role(Role::Message { optional: options.optional }),
            "title" => Node::Role(Role::Title),
            "status" => Node::Role(Role::Status { as_string: self.status_as(options.status_as.as_ref())? }),
            "doc_url" => Node::Role(Role::DocUrl),
            "param" => Node::Role(Role::Param),
            "locale" => Node::Role(Role::Locale),
            "localized_message" => Node::Role(Role::LocalizedMessage),
            "details" => Node::Details { inline: options.inline, names: self.name_style(options.names.as_ref())? },
            "errors" => {
                let Some(item) = spec.and_then(|spec| spec.item.as_ref()) else {
                    self.report(
                        Diagnostic::error("`errors` needs the members of each nested error", span, "no `item:`")
                            .help("write `{ role: errors, item: { code: code, message: message } }`"),
                    );
                    return None;
                };
                Node::Errors(self.members(file, &item.value, span_of(file, item), true)?)
            }
            other => {
                let help = match did_you_mean(other, ROLES) {
                    Some(suggestion) => format!("did you mean `{suggestion}`?"),
                    None => format!("the roles are: {}", ROLES.join(", ")),
                };
                self.report(Diagnostic::error(format!("unknown role `{other}`"), span, "no such role").help(help));
                return None;
            }
        };
        if in_item && !matches!(node, Node::Role(Role::Code(_) | Role::Message { .. } | Role::Param)) {
            self.report(
                Diagnostic::error(format!("a nested error cannot carry `{name}`"), span, "in a nested error")
                    .help("a nested error carries `code`, `message`, `param`, values and constants"),
            );
            return None;
        }
        Some(node)
    }

    fn code_style(&mut self, style: Option<&(String, Span)>) -> Option<CodeStyle> {
        match style {
            Some((name, _)) if name == "integer" => Some(CodeStyle::Integer),
            _ => self.name_style(style).map(CodeStyle::Name),
        }
    }

    fn name_style(&mut self, style: Option<&(String, Span)>) -> Option<NameStyle> {
        let Some((name, span)) = style else { return Some(NameStyle::Snake) };
        if let Some(style) = NameStyle::ALL.into_iter().find(|style| style.as_str() == name) {
            return Some(style);
        }
        let known = NameStyle::ALL.map(NameStyle::as_str);
        self.report(
            Diagnostic::error(format!("unknown style `{name}`"), *span, "no such style")
                .help(format!("the styles are: {} (and `integer`, for codes)", known.join(", "))),
        );
        None
    }

    fn status_as(&mut self, form: Option<&(String, Span)>) -> Option<bool> {
        match form.map(|(name, span)| (name.as_str(), *span)) {
            None | Some(("number", _)) => Some(false),
            Some(("string", _)) => Some(true),
            Some((other, span)) => {
                self.report(
                    Diagnostic::error(format!("a status is sent as `number` or `string`, not `{other}`"), span, "")
                        .help("write `as: string` for JSON:API's \"422\""),
                );
                None
            }
        }
    }
}

/// The options a role's mapping form may give.
struct RoleOptions {
    style: Option<(String, Span)>,
    names: Option<(String, Span)>,
    status_as: Option<(String, Span)>,
    optional: bool,
    inline: bool,
}

impl RoleOptions {
    fn of(spec: Option<&RawNodeSpec>, file: FileId) -> RoleOptions {
        let text = |text: Option<&raw::Text>| text.map(|text| (text.value.clone(), span_of(file, text)));
        RoleOptions {
            style: text(spec.and_then(|spec| spec.style.as_ref())),
            names: text(spec.and_then(|spec| spec.names.as_ref())),
            status_as: text(spec.and_then(|spec| spec.status_as.as_ref())),
            optional: spec.and_then(|spec| spec.optional.as_ref()).is_some_and(|flag| flag.value),
            inline: spec.and_then(|spec| spec.inline.as_ref()).is_some_and(|flag| flag.value),
        }
    }
}

/// The node a short-form field stands for.
fn short_field(name: &str) -> Option<Node> {
    Some(match name {
        "type" => Node::Role(Role::Type(NameStyle::Snake)),
        "code" => Node::Role(Role::Code(CodeStyle::Name(NameStyle::Snake))),
        "message" => Node::Role(Role::Message { optional: false }),
        "param" => Node::Role(Role::Param),
        "doc_url" => Node::Role(Role::DocUrl),
        "details" => Node::Details { inline: false, names: NameStyle::Snake },
        _ => return None,
    })
}

/// What a member is for, when the catalogue does not say.
fn default_description(node: &Node) -> Option<String> {
    let text = match node {
        Node::Role(Role::Type(_)) => "Broad category of the error, for routing an error handler",
        Node::Role(Role::Code(_)) => "Machine-readable error code; branch on this, not on the message",
        Node::Role(Role::Message { .. }) => "Human-readable description, safe to show to users",
        Node::Role(Role::Param) => "The request field the error is about, if any",
        Node::Role(Role::Locale) => "The language of the localized message (BCP 47), where the error was localized",
        Node::Role(Role::LocalizedMessage) => "The message in the language the request asked for",
        Node::Role(Role::DocUrl) => "Link to the documentation of this error",
        Node::Role(Role::Title) => "Short summary of the error, the same for every occurrence",
        Node::Role(Role::Status { .. }) => "HTTP status of the response",
        Node::Details { .. } => "Extra context about the error, specific to each code",
        Node::Errors(_) => "Nested errors, one per problem found",
        Node::Value(_) => "Set for each occurrence of the error",
        Node::Const(_) | Node::Object(_) | Node::Array(_) => return None,
    };
    Some(text.to_string())
}

fn scalar_json(scalar: &RawScalar) -> serde_json::Value {
    match scalar {
        RawScalar::Bool(flag) => serde_json::Value::Bool(*flag),
        RawScalar::Integer(number) => serde_json::Value::from(*number),
        RawScalar::Number(number) => serde_json::Value::from(*number),
        RawScalar::Text(text) => serde_json::Value::String(text.clone()),
    }
}

impl Checker {
    /// The rules that tie the envelope to the catalogue's codes and types.
    pub(super) fn check_envelope_fits(
        &mut self,
        errors: &[CheckedError],
        types: &[(ErrorType, Span)],
        envelope: &Envelope,
        envelope_span: Span,
        service: &Service,
    ) {
        let roles = envelope.roles();
        let has = |wanted: fn(&Role) -> bool| roles.iter().any(wanted);
        if has(|role| matches!(role, Role::Type(_))) && types.is_empty() {
            self.report(
                Diagnostic::error(
                    "the envelope has a `type` field but the catalogue defines no types",
                    envelope_span,
                    "",
                )
                .help("add a `types:` mapping, or remove `type` from the envelope fields"),
            );
        }
        let identifies = has(|role| matches!(role, Role::Code(_) | Role::DocUrl | Role::Title));
        if !identifies {
            self.report(
                Diagnostic::error("nothing in the envelope tells which error it is", envelope_span, "")
                    .help("add the `code` role, or a per-code `doc_url` or `title` member"),
            );
        }
        self.check_once(envelope, envelope_span);
        // Asked once: each walks the envelope.
        let (carries_details, names) = (envelope.has_details(), envelope.detail_names());
        let neighbours = envelope.inline_details_neighbours();
        for error in errors {
            self.check_code_fits(error, carries_details, &roles, service);
            self.check_detail_wire_names(error, names, neighbours.as_deref().unwrap_or_default());
        }
        self.check_identifying_values(errors, &roles, service);
    }

    /// Message, param, details and nested errors each have one place, so
    /// parsing knows where to find them; values have distinct names.
    fn check_once(&mut self, envelope: &Envelope, span: Span) {
        let nodes = envelope.nodes();
        let count = |wanted: fn(&Node) -> bool| nodes.iter().filter(|node| wanted(node)).count();
        let single: [(&str, usize); 6] = [
            ("message", count(|node| matches!(node, Node::Role(Role::Message { .. })))),
            ("param", count(|node| matches!(node, Node::Role(Role::Param)))),
            ("locale", count(|node| matches!(node, Node::Role(Role::Locale)))),
            ("localized_message", count(|node| matches!(node, Node::Role(Role::LocalizedMessage)))),
            ("details", count(|node| matches!(node, Node::Details { .. }))),
            ("errors", count(|node| matches!(node, Node::Errors(_)))),
        ];
        for (role, count) in single {
            if count > 1 {
                self.report(
                    Diagnostic::error(format!("the envelope has the `{role}` role {count} times"), span, "")
                        .help(format!("give `{role}` one place in the body")),
                );
            }
        }
        let mut names = BTreeMap::new();
        for value in envelope.values() {
            if names.insert(value.name.as_str(), ()).is_some() {
                self.report(
                    Diagnostic::error(format!("the envelope has two values named `{}`", value.name), span, "")
                        .help("give each per-occurrence value its own name"),
                );
            }
        }
    }

    fn check_code_fits(&mut self, error: &CheckedError, carries_details: bool, roles: &[Role], service: &Service) {
        let code = &error.def.code;
        let needs = |wanted: fn(&Role) -> bool| roles.iter().any(wanted);
        let missing = |this: &mut Self, what: &str, help: &str| {
            this.report(
                Diagnostic::error(
                    format!("code `{code}` has no {what}, which the envelope sends"),
                    error.span,
                    format!("no `{what}:`"),
                )
                .help(help.to_string()),
            );
        };
        if needs(|role| matches!(role, Role::Title)) && error.def.title.is_none() {
            missing(self, "title", "add `title: <short summary>` to the code");
        }
        let linked = error.def.doc_url.is_some() || service.doc_url.is_some() || service.docs_url.is_some();
        if needs(|role| matches!(role, Role::DocUrl)) && !linked {
            let help = "add `doc_url:` to the code, or under `service` a `doc_url` template or the `docs_url` \
                        the reference is published at";
            missing(self, "doc_url", help);
        }
        let integer = needs(|role| matches!(role, Role::Code(CodeStyle::Integer)));
        if integer && !matches!(error.def.wire_code, Some(WireCode::Integer(_))) {
            missing(
                self,
                "integer wire_code",
                "add `wire_code: <number>` (e.g. 20404): the envelope sends codes as integers",
            );
        }
        for (what, present, carried) in [
            ("param", error.def.param.is_some(), needs(|role| matches!(role, Role::Param))),
            ("details", error.def.has_details(), carries_details),
        ] {
            if present && !carried {
                self.report(
                    Diagnostic::error(
                        format!("code `{code}` declares `{what}` but the envelope has no `{what}` field"),
                        error.span,
                        "would never be sent",
                    )
                    .help(format!("add `{what}` to `envelope.fields`, or remove it from the code")),
                );
            }
        }
    }

    /// Each detail of a code has a name of its own on the wire: two details
    /// written alike in the envelope's name style (`a_b1` and `a_b_1` are
    /// both `aB1` in lower camel case), or an inline detail named like a
    /// member it is spread among (RFC 9457's `status`), would put one name
    /// twice in the body, and a client could read either.
    fn check_detail_wire_names(&mut self, error: &CheckedError, style: NameStyle, neighbours: &[&str]) {
        if style == NameStyle::Snake && neighbours.is_empty() {
            return; // names as written, which are distinct
        }
        let mut seen: BTreeMap<String, &str> = BTreeMap::new();
        for (detail, &span) in error.def.details.iter().zip(&error.detail_spans) {
            let wire = style.apply(&detail.name);
            let clash = if neighbours.contains(&wire.as_str()) {
                let help = "rename the detail, or send details in an object of their own (drop `inline: true`)";
                Some(("a member the envelope already has beside the inline details".to_string(), help))
            } else {
                let twin = seen.insert(wire.clone(), &detail.name);
                twin.map(|other| (format!("as is its detail `{other}`"), "rename one of the two details"))
            };
            let Some((clash, help)) = clash else { continue };
            let code = &error.def.code;
            self.report(
                Diagnostic::error(
                    format!("detail `{}` of code `{code}` would be sent as `{wire}`, {clash}", detail.name),
                    span,
                    format!("`{wire}` twice in one body"),
                )
                .help(help),
            );
        }
    }

    /// What identifies a code on the wire (its code, else its doc_url, else
    /// its title) must differ between codes, or parsing would be ambiguous.
    fn check_identifying_values(&mut self, errors: &[CheckedError], roles: &[Role], service: &Service) {
        let code_style = roles.iter().find_map(|role| if let Role::Code(style) = role { Some(*style) } else { None });
        let identifier = match code_style {
            Some(style) => Identifier::Code(style),
            None if roles.contains(&Role::DocUrl) => Identifier::DocUrl,
            None => Identifier::Title,
        };
        let what = match identifier {
            Identifier::Code(_) => "wire code",
            Identifier::DocUrl => "doc_url",
            Identifier::Title => "title",
        };
        let value = |error: &CheckedError| match identifier {
            Identifier::Code(style) => wire_text(error, style),
            // No code is sent here (a template naming `{wire_code}` is
            // refused), so the catalogue's name stands in for it.
            Identifier::DocUrl => {
                let template = || service.doc_url_for(&error.def.code, &error.def.code);
                error.def.doc_url.clone().or_else(template).or_else(|| service.page_url(&error.def.code))
            }
            Identifier::Title => error.def.title.clone(),
        };
        let mut seen: BTreeMap<String, (&str, Span)> = BTreeMap::new();
        for error in errors {
            let Some(value) = value(error) else { continue };
            if let Some((first, first_span)) = seen.get(&value) {
                self.report(
                    Diagnostic::error(
                        format!("codes `{first}` and `{}` have the same {what} `{value}`", error.def.code),
                        error.span,
                        "same as another code",
                    )
                    .also(*first_span, "this one")
                    .help(format!("the {what} tells codes apart on the wire; give each code its own")),
                );
                continue;
            }
            seen.insert(value, (&error.def.code, error.span));
        }
    }
}

/// What tells codes apart on the wire.
#[derive(Clone, Copy)]
enum Identifier {
    Code(CodeStyle),
    DocUrl,
    Title,
}

fn wire_text(error: &CheckedError, style: CodeStyle) -> Option<String> {
    match (&error.def.wire_code, style) {
        (Some(WireCode::Integer(number)), _) => Some(number.to_string()),
        (Some(WireCode::Text(text)), _) => Some(text.clone()),
        (None, CodeStyle::Name(names)) => Some(names.apply(&error.def.code)),
        // Missing, and reported as such.
        (None, CodeStyle::Integer) => None,
    }
}
