//! Checking each code: its type, group, status, retry advice, message,
//! details, aliases, deprecation and texts, resolved into an [`ErrorDef`].

use std::collections::{BTreeSet, HashMap};

use super::names::variant_ident;
use super::{CheckedError, Checker, detail_type, did_you_mean, span_of, text_of};
use crate::diagnostic::{Diagnostic, FileId, Lint, Span};
use crate::load::raw::{self, Text};
use crate::model::{
    Deprecation, Detail, DetailType, DetailsMap, ErrorDef, ErrorType, Group, GrpcCode, MAX_REASON_LEN, WireCode,
    placeholders,
};

/// One entry of `errors:` as written.
struct Entry<'a> {
    code: &'a str,
    span: Span,
    raw: &'a raw::RawError,
}

/// What every code is checked against.
struct Context<'a> {
    types: &'a [(ErrorType, Span)],
    groups: &'a [(Group, Span)],
    /// Every code, in catalogue order, and where each is (the first, if a
    /// code is defined twice) for `replaced_by` references.
    codes: &'a [&'a str],
    code_index: &'a HashMap<&'a str, usize>,
}

impl Checker {
    /// Every code, checked and resolved, in catalogue order.
    pub(super) fn errors(
        &mut self,
        errors: &[(String, Span, &raw::RawError)],
        types: &[(ErrorType, Span)],
        groups: &[(Group, Span)],
    ) -> Vec<CheckedError> {
        let codes: Vec<&str> = errors.iter().map(|(code, ..)| code.as_str()).collect();
        let mut code_index = HashMap::with_capacity(codes.len());
        for (index, code) in codes.iter().enumerate() {
            code_index.entry(*code).or_insert(index);
        }
        let context = Context { types, groups, codes: &codes, code_index: &code_index };
        let out: Vec<CheckedError> =
            errors.iter().map(|&(ref code, span, raw)| self.code(&Entry { code, span, raw }, &context)).collect();
        self.check_deprecations(&out);
        out
    }

    /// One code, checked and resolved.
    fn code(&mut self, entry: &Entry<'_>, context: &Context<'_>) -> CheckedError {
        let Context { types, groups, .. } = *context;
        let (code, span, raw, file) = (entry.code, entry.span, entry.raw, entry.span.file);
        self.check_name("code", code, span);
        let error_type =
            self.membership(entry, "type", raw.error_type.as_ref(), types.iter().map(|(ty, _)| ty.name.as_str()));
        let group =
            self.membership(entry, "group", raw.group.as_ref(), groups.iter().map(|(group, _)| group.name.as_str()));
        let type_def = error_type.map(|index| &types[index].0);
        let status = self.status(entry, type_def, error_type.is_none());
        let (details, detail_spans) = self.details(code, raw, file);
        let details_map = self.details_map(code, raw, file);
        let message = self.message(code, span, raw, &details);
        self.check_code_texts(code, raw, file);
        let retryable = self.retryable(entry, type_def, status);
        let grpc = self.code_grpc(entry, type_def, status);
        let aliases = self.aliases(entry);
        let (deprecated, replaced_by_span) = self.deprecation(entry, context);
        CheckedError {
            span,
            detail_spans,
            replaced_by_span,
            def: ErrorDef {
                code: code.to_string(),
                ident: variant_ident(code),
                error_type,
                group,
                status,
                message,
                cause: text_of(&raw.cause),
                fix: text_of(&raw.fix),
                retryable,
                param: text_of(&raw.param),
                details,
                details_map,
                aliases: aliases.iter().map(|(alias, _)| alias.clone()).collect(),
                deprecated,
                title: text_of(&raw.title),
                wire_code: self.wire_code(code, raw, file),
                doc_url: text_of(&raw.doc_url),
                grpc,
            },
            aliases,
        }
    }

    /// The code's type or group: resolved by name, and required when the
    /// catalogue defines any.
    fn membership<'n>(
        &mut self,
        entry: &Entry<'_>,
        what: &str,
        reference: Option<&Text>,
        names: impl Iterator<Item = &'n str> + Clone,
    ) -> Option<usize> {
        if let Some(reference) = reference {
            return self.resolve(what, reference, entry.span.file, names);
        }
        if names.clone().next().is_some() {
            self.report(
                Diagnostic::error(format!("code `{}` has no {what}", entry.code), entry.span, format!("no `{what}:`"))
                    .help(format!("the catalogue defines {what}s, so every code needs `{what}: <name>`")),
            );
        }
        None
    }

    /// The code's own status, else its type's.
    fn status(&mut self, entry: &Entry<'_>, type_def: Option<&ErrorType>, type_unresolved: bool) -> u16 {
        let raw = entry.raw;
        match (&raw.status, type_def.and_then(|ty| ty.status)) {
            (Some(status), _) => {
                self.check_error_status(status, entry.span.file, &format!("code `{}`", entry.code));
                status.value
            }
            (None, Some(status)) => status,
            // A dangling type is reported already; its status is unknown, not missing.
            (None, None) if raw.error_type.is_some() && type_unresolved => 500,
            (None, None) => {
                self.report(
                    Diagnostic::error(format!("code `{}` has no HTTP status", entry.code), entry.span, "no `status:`")
                        .help("add `status: <4xx or 5xx>`, or give its type a status"),
                );
                500
            }
        }
    }

    /// The code's gRPC status code: its own, else its type's, else the one
    /// its HTTP status maps to. One named that AIP-193 maps to another HTTP
    /// status than the code's is worth a look (`grpc_status`); its reason
    /// must fit AIP-193's 63 characters (`grpc_reason`).
    fn code_grpc(&mut self, entry: &Entry<'_>, type_def: Option<&ErrorType>, status: u16) -> GrpcCode {
        let file = entry.span.file;
        let own = self.grpc_code(entry.raw.grpc.as_ref(), file);
        let grpc = own.or(type_def.and_then(|ty| ty.grpc)).unwrap_or_else(|| GrpcCode::for_http_status(status));
        if grpc.http_status() != status && (own.is_some() || type_def.is_some_and(|ty| ty.grpc.is_some())) {
            let place = entry.raw.grpc.as_ref().map_or(entry.span, |text| span_of(file, text));
            self.report(
                Diagnostic::warning(
                    Lint::GrpcStatus,
                    format!(
                        "code `{}` is HTTP {status} but gRPC `{}`, which is HTTP {}",
                        entry.code,
                        grpc.name(),
                        grpc.http_status()
                    ),
                    place,
                    "the two statuses disagree",
                )
                .help(match GrpcCode::for_http_status(status) {
                    fitting if fitting.http_status() == status => format!(
                        "clients of either protocol should be told the same: use `grpc: {}` (HTTP {status}'s), or \
                         keep both on purpose",
                        fitting.name()
                    ),
                    _ => format!("no gRPC status code is HTTP {status}; keep the pair if it is the nearest on purpose"),
                }),
            );
        }
        let reason = crate::model::NameStyle::UpperSnake.apply(entry.code);
        if reason == "ERROR_REASON_UNSPECIFIED" {
            self.report(
                Diagnostic::error(
                    format!("code `{}` is named as the `.proto`'s default reason", entry.code),
                    entry.span,
                    "ERROR_REASON_UNSPECIFIED is the zero value",
                )
                .help("give the code another name: the generated error_reason.proto keeps this one for \"no reason\""),
            );
        }
        if reason.len() > MAX_REASON_LEN {
            self.report(
                Diagnostic::warning(
                    Lint::GrpcReason,
                    format!("code `{}` is too long for a gRPC reason ({} of {MAX_REASON_LEN} characters)", entry.code, reason.len()),
                    entry.span,
                    "too long for ErrorInfo.reason",
                )
                .help("AIP-193 limits a reason to 63 characters: give the code a shorter name (with an alias for the old one)"),
            );
        }
        grpc
    }

    /// The code's retry advice, else its type's; checked against the status.
    fn retryable(&mut self, entry: &Entry<'_>, type_def: Option<&ErrorType>, status: u16) -> bool {
        let code = entry.code;
        let retryable = match &entry.raw.retryable {
            Some(retryable) => retryable.value,
            None => type_def.is_some_and(|ty| ty.retryable),
        };
        if retryable {
            let (whose, place) = match &entry.raw.retryable {
                Some(retryable) => (format!("code `{code}`"), span_of(entry.span.file, retryable)),
                None => (format!("code `{code}` (through its type)"), entry.span),
            };
            self.check_retryable_status(&whose, status, place);
        }
        retryable
    }

    fn aliases(&mut self, entry: &Entry<'_>) -> Vec<(String, Span)> {
        let mut aliases = Vec::new();
        for alias in entry.raw.aliases.iter().flatten() {
            let span = span_of(entry.span.file, alias);
            if self.check_name("alias", &alias.value, span) {
                aliases.push((alias.value.clone(), span));
            }
        }
        aliases
    }

    /// The deprecation, with the place of its replacement (for cycle reports).
    fn deprecation(&mut self, entry: &Entry<'_>, context: &Context<'_>) -> (Option<Deprecation>, Option<Span>) {
        let Some(deprecated) = &entry.raw.deprecated else { return (None, None) };
        let file = entry.span.file;
        let reference = deprecated.value.replaced_by.as_ref();
        let replaced_by = reference.and_then(|reference| match context.code_index.get(reference.value.as_str()) {
            Some(&index) => Some(index),
            // Reports the unknown code, with the nearest known one.
            None => self.resolve("code", reference, file, context.codes.iter().copied()),
        });
        let deprecation = Deprecation { replaced_by, note: text_of(&deprecated.value.note) };
        (Some(deprecation), reference.map(|reference| span_of(file, reference)))
    }

    /// The code's details, and where each is named.
    fn details(&mut self, code: &str, raw: &raw::RawError, file: FileId) -> (Vec<Detail>, Vec<Span>) {
        let (mut details, mut spans) = (Vec::new(), Vec::new());
        let mut seen = BTreeSet::new();
        for (name, detail) in raw.details.iter().flat_map(|map| &map.0) {
            let span = span_of(file, name);
            if !seen.insert(name.value.as_str()) {
                self.report(
                    Diagnostic::error(
                        format!("detail member `{}` of code `{code}` is defined twice", name.value),
                        span,
                        "defined again here",
                    )
                    .help("remove one of them"),
                );
                continue;
            }
            self.check_name("detail member", &name.value, span);
            let description = format!("the description of detail `{}` of `{code}`", name.value);
            self.check_optional_text(&description, detail.value.description.as_ref(), file);
            let Some(detail_type) = &detail.value.detail_type else {
                self.report(
                    Diagnostic::error(
                        format!("detail member `{}` of code `{code}` has no type", name.value),
                        span,
                        "no `type:`",
                    )
                    .help("add `type: string` (or integer, number, boolean, string_map, string_list)"),
                );
                continue;
            };
            details.push(Detail {
                name: name.value.clone(),
                detail_type: self::detail_type(detail_type.value),
                description: text_of(&detail.value.description),
                required: detail.value.required.as_ref().is_some_and(|required| required.value),
            });
            spans.push(span);
        }
        (details, spans)
    }

    fn details_map(&mut self, code: &str, raw: &raw::RawError, file: FileId) -> Option<DetailsMap> {
        let map = raw.details_map.as_ref()?;
        if let Some(details) = &raw.details {
            let span = details.0.first().map_or(span_of(file, map), |(name, _)| span_of(file, name));
            self.report(
                Diagnostic::error(
                    format!("code `{code}` has both `details` and `details_map`"),
                    span_of(file, map),
                    "details_map here",
                )
                .also(span, "details here")
                .help("use `details` for named members, or `details_map` when any name may appear; not both"),
            );
        }
        self.check_optional_text(
            &format!("the details_map description of `{code}`"),
            map.value.description.as_ref(),
            file,
        );
        let Some(values) = &map.value.values else {
            self.report(
                Diagnostic::error(
                    format!("the `details_map` of code `{code}` has no `values`"),
                    span_of(file, map),
                    "no `values:`",
                )
                .help("add `values: string` (or integer, number, boolean): the type of every member"),
            );
            return None;
        };
        let values_span = span_of(file, values);
        let values = detail_type(values.value);
        if matches!(values, DetailType::StringMap | DetailType::StringList) {
            self.report(
                Diagnostic::error(
                    format!("`details_map` values of `{code}` must be a scalar type"),
                    values_span,
                    "not a scalar",
                )
                .help("use string, integer, number or boolean"),
            );
        }
        Some(DetailsMap { values, description: text_of(&map.value.description) })
    }

    /// The code's message: present, not blank, and with a detail member for
    /// each placeholder.
    fn message(&mut self, code: &str, span: Span, raw: &raw::RawError, details: &[Detail]) -> String {
        let Some(message) = &raw.message else {
            self.report(
                Diagnostic::error(format!("code `{code}` has no message"), span, "no `message:`")
                    .help("add `message: <what went wrong, in one sentence>`"),
            );
            return String::new();
        };
        self.check_required_text(&format!("the message of `{code}`"), message, span.file);
        self.check_placeholders(code, message, span.file, details);
        message.value.clone()
    }

    /// An explicit wire code: an integer, or a non-blank string.
    fn wire_code(&mut self, code: &str, raw: &raw::RawError, file: FileId) -> Option<WireCode> {
        let wire_code = raw.wire_code.as_ref()?;
        match &wire_code.value {
            raw::RawScalar::Integer(number) => Some(WireCode::Integer(*number)),
            // Written into bodies as it is: an identifier, nothing to escape.
            raw::RawScalar::Text(text)
                if !text.trim().is_empty()
                    && crate::invisible::first_invisible(text).is_none()
                    && !text.contains(['"', '\\']) =>
            {
                Some(WireCode::Text(text.clone()))
            }
            _ => {
                self.report(
                    Diagnostic::error(
                        format!("the wire_code of `{code}` is not an integer or a string of visible characters without quotes or backslashes"),
                        span_of(file, wire_code),
                        "",
                    )
                    .help("write the code as sent, e.g. `wire_code: 20404` or `wire_code: BadArgument`"),
                );
                None
            }
        }
    }

    fn check_code_texts(&mut self, code: &str, raw: &raw::RawError, file: FileId) {
        if let Some(title) = &raw.title {
            self.check_required_text(&format!("the title of `{code}`"), title, file);
        }
        if let Some(url) = &raw.doc_url {
            self.check_url(&format!("the doc_url of `{code}`"), url, file, false);
        }
        self.check_optional_text(&format!("the cause of `{code}`"), raw.cause.as_ref(), file);
        self.check_optional_text(&format!("the fix of `{code}`"), raw.fix.as_ref(), file);
        self.check_optional_text(&format!("the param of `{code}`"), raw.param.as_ref(), file);
        if let Some(deprecated) = &raw.deprecated {
            self.check_optional_text(
                &format!("the deprecation note of `{code}`"),
                deprecated.value.note.as_ref(),
                file,
            );
        }
    }

    fn check_placeholders(&mut self, code: &str, message: &Text, file: FileId, details: &[Detail]) {
        for (_, name) in placeholders(&message.value) {
            if details.iter().any(|detail| detail.name == name) {
                continue;
            }
            let help = match did_you_mean(name, details.iter().map(|detail| detail.name.as_str())) {
                Some(suggestion) => format!("did you mean `{{{suggestion}}}`?"),
                None => format!("declare `{name}` under the code's `details:`, or remove the placeholder"),
            };
            self.report(
                Diagnostic::error(
                    format!("the message of `{code}` uses `{{{name}}}`, which is not a detail member of the code"),
                    span_of(file, message),
                    "placeholder without a detail member",
                )
                .help(help),
            );
        }
    }
}
