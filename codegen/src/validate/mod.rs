//! Validate stage: merge the parsed files into one catalogue, check every rule,
//! and resolve it into the [`model`](crate::model). All problems are collected;
//! a catalogue with any problem yields no model at all.

mod codes;
mod envelope;
mod lints;
mod locales;
mod names;
mod texts;

use std::collections::BTreeMap;

use crate::diagnostic::did_you_mean;
use names::{MAX_NAME_LEN, snake_case_problem, suggest_snake_case, variant_ident};

use crate::diagnostic::{Diagnostic, FileId, Lint, LintLevel, Origins, Span};
use crate::load::ParsedFile;
use crate::load::raw::{self, Spanned, Text};
use crate::model::{
    BreakingChange, Catalog, ChangeKind, DetailType, ErrorDef, ErrorType, Group, GrpcCode, History, Service, Status,
    Subject, placeholders,
};

/// How strict the advisory checks are.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Options {
    /// Every warning the catalogue does not `allow` becomes an error
    /// (`cargo xtask gen --deny-warnings`).
    pub deny_warnings: bool,
}

/// A valid catalogue, with what later checks need to report on it.
#[derive(Debug)]
pub struct Validated {
    pub catalog: Catalog,
    /// Warnings, at the levels the catalogue sets.
    pub warnings: Vec<Diagnostic>,
    /// Where each part of the catalogue is written.
    pub origins: Origins,
    /// The catalogue's `lints:` levels, for advice found later (the lock's).
    pub lint_levels: BTreeMap<Lint, LintLevel>,
}

/// Checks the catalogue made of `files` and resolves it with its warnings,
/// or returns every problem (warnings included, so none is hidden).
pub fn validate(files: &[ParsedFile], options: Options) -> Result<Validated, Vec<Diagnostic>> {
    let mut checker = Checker::default();
    let catalog = checker.catalog(files);
    let lint_levels = checker.lint_levels(files);
    let diagnostics =
        crate::diagnostic::apply_levels(std::mem::take(&mut checker.diagnostics), &lint_levels, options.deny_warnings);
    match catalog {
        Some(catalog) if !diagnostics.iter().any(Diagnostic::is_error) => {
            Ok(Validated { catalog, warnings: diagnostics, origins: checker.origins, lint_levels })
        }
        _ => Err(diagnostics),
    }
}

#[derive(Default)]
struct Checker {
    diagnostics: Vec<Diagnostic>,
    origins: Origins,
}

fn span_of<T>(file: FileId, spanned: &Spanned<T>) -> Span {
    Span { file, line: spanned.line, column: spanned.column }
}

/// The model's detail type for the one written.
fn detail_type(raw: raw::DetailType) -> DetailType {
    match raw {
        raw::DetailType::String => DetailType::String,
        raw::DetailType::Integer => DetailType::Integer,
        raw::DetailType::Number => DetailType::Number,
        raw::DetailType::Boolean => DetailType::Boolean,
        raw::DetailType::StringMap => DetailType::StringMap,
        raw::DetailType::StringList => DetailType::StringList,
    }
}

fn change_kind(raw: raw::ChangeKind) -> ChangeKind {
    match raw {
        raw::ChangeKind::Removed => ChangeKind::Removed,
        raw::ChangeKind::Status => ChangeKind::Status,
        raw::ChangeKind::Type => ChangeKind::Type,
        raw::ChangeKind::WireCode => ChangeKind::WireCode,
        raw::ChangeKind::Required => ChangeKind::Required,
        raw::ChangeKind::Identity => ChangeKind::Identity,
        raw::ChangeKind::Envelope => ChangeKind::Envelope,
        raw::ChangeKind::MediaType => ChangeKind::MediaType,
    }
}

fn text_of(text: &Option<Text>) -> Option<String> {
    text.as_ref().map(|text| text.value.clone())
}

impl Checker {
    fn report(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
    }

    fn catalog(&mut self, files: &[ParsedFile]) -> Option<Catalog> {
        let service = self.single(files, "service", |raw| raw.service.as_ref());
        let envelope = self.single(files, "envelope", |raw| raw.envelope.as_ref());

        let statuses = self.collect(files, "HTTP status", |raw| raw.statuses.as_ref());
        let types = self.collect(files, "type", |raw| raw.types.as_ref());
        let groups = self.collect(files, "group", |raw| raw.groups.as_ref());
        let errors = self.collect(files, "error code", |raw| raw.errors.as_ref().map(|errors| &errors.value));

        if errors.is_empty() {
            // Point at an empty `errors:` where there is one.
            let place = files.iter().find_map(|parsed| Some(span_of(parsed.file, parsed.raw.errors.as_ref()?)));
            let file = files.first().map_or(FileId(0), |parsed| parsed.file);
            let (span, label) = match place {
                Some(span) => (span, "no codes here"),
                None => (Span::whole_file(file), ""),
            };
            self.report(
                Diagnostic::error("the catalogue defines no error codes", span, label)
                    .help("add an `errors:` mapping with at least one code"),
            );
        }

        let raw_service = service;
        let service_origin = service.map(|(file, service)| {
            service.value.version.as_ref().map_or(span_of(file, service), |version| span_of(file, version))
        });
        let service = service.map(|(file, service)| self.service(file, service));
        let statuses = self.statuses(&statuses);
        let types = self.types(&types);
        let groups = self.groups(&groups);
        let errors = self.errors(&errors, &types, &groups);
        let (envelope_file, raw_envelope) = envelope?;
        let envelope = self.envelope(envelope_file, raw_envelope);
        let envelope_span = span_of(envelope_file, raw_envelope);
        if let Some(envelope) = &envelope {
            self.check_wire_code_template(raw_service, envelope);
        }
        self.check_envelope_fits(&errors, &types, envelope.as_ref()?, envelope_span, service.as_ref()?);
        self.check_aliases(&errors);
        self.check_identifiers(&errors, &types);
        self.check_unused(&errors, &types, &groups);

        let locales =
            self.locales(files, raw_service, &locales::Parts { errors: &errors, types: &types, groups: &groups });
        self.record_origins(&errors, &types, envelope_span, service_origin);
        let breaking_changes = self.breaking_changes(files);
        Some(Catalog {
            breaking_changes,
            service: service?,
            envelope: envelope?,
            statuses,
            types: types.into_iter().map(|(ty, _)| ty).collect(),
            groups: groups.into_iter().map(|(group, _)| group).collect(),
            errors: errors.into_iter().map(|checked| checked.def).collect(),
            // Known only with the lock: the compatibility check fills it in.
            history: History::default(),
            locales,
        })
    }

    /// Keeps where each code, alias, detail member and type is written.
    fn record_origins(
        &mut self,
        errors: &[CheckedError],
        types: &[(ErrorType, Span)],
        envelope: Span,
        service: Option<Span>,
    ) {
        let origins = &mut self.origins;
        for checked in errors {
            let code = &checked.def.code;
            origins.codes.entry(code.clone()).or_insert(checked.span);
            for (alias, span) in &checked.aliases {
                origins.aliases.entry(alias.clone()).or_insert(*span);
            }
            for (detail, span) in checked.def.details.iter().zip(&checked.detail_spans) {
                origins.details.insert((code.clone(), detail.name.clone()), *span);
            }
        }
        for (ty, span) in types {
            origins.types.entry(ty.name.clone()).or_insert(*span);
        }
        origins.envelope = Some(envelope);
        origins.version = service;
    }

    fn breaking_changes(&mut self, files: &[ParsedFile]) -> Vec<BreakingChange> {
        let mut out = Vec::new();
        for parsed in files {
            for change in parsed.raw.breaking_changes.iter().flatten() {
                let raw = &change.value;
                self.check_optional_text("the reason of a breaking change", Some(&raw.reason), parsed.file);
                if raw.reason.value.trim().is_empty() {
                    self.report(
                        Diagnostic::error(
                            "a breaking change needs a reason",
                            span_of(parsed.file, &raw.reason),
                            "empty",
                        )
                        .help("say why clients may break, e.g. `reason: retired with API v1 on 2026-06-01`"),
                    );
                }
                let kind = change_kind(raw.change.value);
                if let Some(subject) = self.break_subject(raw, kind, span_of(parsed.file, change)) {
                    out.push(BreakingChange { subject, change: kind, reason: raw.reason.value.clone() });
                }
            }
        }
        out
    }

    /// What a breaking change names, checked against what its kind needs: a
    /// code for a code's change, a code and a `detail` for a member's, a
    /// `type` for a removed type, nothing for the envelope's.
    fn break_subject(&mut self, raw: &raw::RawBreakingChange, kind: ChangeKind, span: Span) -> Option<Subject> {
        let file = span.file;
        let named = |text: &Option<Text>| text.as_ref().map(|text| (text.value.clone(), span_of(file, text)));
        let (code, detail, ty) = (named(&raw.code), named(&raw.detail), named(&raw.error_type));
        if let Some((name, span)) = &code {
            self.check_name("code", name, *span);
        }
        if let Some((name, span)) = &ty {
            self.check_name("type", name, *span);
        }
        let subject = match (kind, code, detail, ty) {
            (ChangeKind::Identity | ChangeKind::Envelope | ChangeKind::MediaType, None, None, None) => {
                Some(Subject::Catalogue)
            }
            (ChangeKind::Removed, None, None, Some((name, _))) => Some(Subject::Type(name)),
            (
                ChangeKind::Removed | ChangeKind::Type | ChangeKind::Required,
                Some((code, _)),
                Some((member, _)),
                None,
            ) => Some(Subject::Detail { code, member }),
            (
                ChangeKind::Removed | ChangeKind::Status | ChangeKind::Type | ChangeKind::WireCode,
                Some((code, _)),
                None,
                None,
            ) => Some(Subject::Code(code)),
            _ => None,
        };
        if subject.is_none() {
            let needs = match kind {
                ChangeKind::Identity | ChangeKind::Envelope | ChangeKind::MediaType => {
                    "names nothing else: the change is the whole catalogue's"
                }
                ChangeKind::Removed => "names a `code` (with `detail` for one of its detail members) or a `type`",
                ChangeKind::Type => "names a `code`, with `detail` for a detail member's type",
                ChangeKind::Required => "names a `code` and its `detail`",
                ChangeKind::Status | ChangeKind::WireCode => "names a `code`",
            };
            self.report(
                Diagnostic::error(
                    format!("a breaking change `{}` {needs}", kind.as_str()),
                    span,
                    "here",
                )
                .help("e.g. `{ code: call_not_found, change: status, reason: ... }`, `{ code: call_not_found, detail: call_id, change: removed, reason: ... }`, `{ type: billing_error, change: removed, reason: ... }`, `{ change: envelope, reason: ... }`; see README.md, \"Compatibility\""),
            );
        }
        subject
    }

    /// A top-level key that must be given exactly once across all files.
    fn single<'a, T>(
        &mut self,
        files: &'a [ParsedFile],
        key: &str,
        get: impl Fn(&'a raw::RawFile) -> Option<&'a Spanned<T>>,
    ) -> Option<(FileId, &'a Spanned<T>)> {
        let mut found: Option<(FileId, &'a Spanned<T>)> = None;
        for parsed in files {
            let Some(value) = get(&parsed.raw) else { continue };
            match found {
                None => found = Some((parsed.file, value)),
                Some((first_file, first)) => self.report(
                    Diagnostic::error(
                        format!("`{key}` is defined more than once"),
                        span_of(parsed.file, value),
                        "defined again here",
                    )
                    .also(span_of(first_file, first), "first defined here")
                    .help(format!("keep one `{key}` section for the whole catalogue")),
                ),
            }
        }
        if found.is_none() {
            let file = files.first().map_or(FileId(0), |parsed| parsed.file);
            self.report(
                Diagnostic::error(format!("the catalogue has no `{key}` section"), Span::whole_file(file), "")
                    .help(format!("add a top-level `{key}:` mapping to one of the catalogue files (see README.md)")),
            );
        }
        found
    }

    /// Merges a mapping that may be spread over several files, reporting every
    /// name defined twice with both places.
    fn collect<'a, K: Ord + Clone + std::fmt::Display + 'a, V>(
        &mut self,
        files: &'a [ParsedFile],
        what: &str,
        get: impl Fn(&'a raw::RawFile) -> Option<&'a raw::Map<K, V>>,
    ) -> Vec<(K, Span, &'a V)> {
        let mut first_places: BTreeMap<K, Span> = BTreeMap::new();
        let mut out = Vec::new();
        for parsed in files {
            let Some(map) = get(&parsed.raw) else { continue };
            for (key, value) in &map.0 {
                let span = span_of(parsed.file, key);
                if let Some(first) = first_places.get(&key.value) {
                    self.report(
                        Diagnostic::error(
                            format!("{what} `{}` is defined twice", key.value),
                            span,
                            "defined again here",
                        )
                        .also(*first, "first defined here")
                        .help(format!("remove one definition, or give this {what} another name")),
                    );
                    continue;
                }
                first_places.insert(key.value.clone(), span);
                out.push((key.value.clone(), span, &value.value));
            }
        }
        out
    }

    fn check_name(&mut self, what: &str, name: &str, span: Span) -> bool {
        if name.len() > MAX_NAME_LEN {
            self.report(
                Diagnostic::error(
                    format!(
                        "{what} name `{}…` is {} characters long",
                        &name[..name.floor_char_boundary(40)],
                        name.chars().count()
                    ),
                    span,
                    format!("longer than {MAX_NAME_LEN} characters"),
                )
                .help(format!(
                    "shorten it to at most {MAX_NAME_LEN} characters: names become file names \
                     (schema/examples/<code>.json), and a file name must fit the 255-byte limit \
                     of ext4, APFS, NTFS and FAT32 while it is written"
                )),
            );
            return false;
        }
        match snake_case_problem(name) {
            None => true,
            Some(problem) => {
                self.report(
                    Diagnostic::error(format!("invalid {what} name `{name}`: {problem}"), span, problem).help(format!(
                        "{what} names are lower snake_case words, start with a letter and are not Rust keywords, e.g. `{}`",
                        suggest_snake_case(name)
                    )),
                );
                false
            }
        }
    }

    fn service(&mut self, file: FileId, service: &Spanned<raw::RawService>) -> Service {
        let raw = &service.value;
        self.check_required_text("the service name", &raw.name, file);
        let crate_name = &raw.crate_name.value;
        // crates.io's own rule, so the package can be published.
        let valid_crate = crate_name.starts_with(|c: char| c.is_ascii_alphabetic())
            && crate_name.len() <= 64
            && crate_name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
        if !valid_crate {
            self.report(
                Diagnostic::error(
                    format!("invalid crate name `{crate_name}`"),
                    span_of(file, &raw.crate_name),
                    "not a valid package name",
                )
                .help("use at most 64 ASCII letters, digits, `-` and `_`, starting with a letter, e.g. `acme-errors`"),
            );
        }
        if let Some(version) = &raw.version {
            let parts: Vec<&str> = version.value.split('.').collect();
            if parts.len() != 3 || parts.iter().any(|part| part.is_empty() || !part.chars().all(|c| c.is_ascii_digit()))
            {
                self.report(
                    Diagnostic::error(
                        format!("invalid version `{}`", version.value),
                        span_of(file, version),
                        "expected MAJOR.MINOR.PATCH",
                    )
                    .help("write the generated package's version as three numbers, e.g. 1.2.0"),
                );
            }
        }
        if let Some(template) = &raw.doc_url {
            self.check_url("the doc_url template", template, file, true);
        }
        if let Some(base) = &raw.docs_url {
            self.check_url("the docs_url", base, file, false);
        }
        Service {
            name: raw.name.value.clone(),
            crate_name: crate_name.clone(),
            version: raw.version.as_ref().map_or_else(|| "0.1.0".to_string(), |version| version.value.clone()),
            doc_url: text_of(&raw.doc_url),
            // One `/` between the base and `codes/`, however it was written.
            docs_url: text_of(&raw.docs_url).map(|base| format!("{}/", base.trim_end_matches('/'))),
            grpc_domain: self.grpc_domain(raw, file),
        }
    }

    /// The `domain` of gRPC's `ErrorInfo`: given, or the crate's name.
    fn grpc_domain(&mut self, raw: &raw::RawService, file: FileId) -> String {
        let Some(domain) = &raw.grpc_domain else { return raw.crate_name.value.clone() };
        self.check_required_text("the grpc_domain", domain, file);
        domain.value.clone()
    }

    /// A gRPC status code as the catalogue writes it (`NOT_FOUND`).
    fn grpc_code(&mut self, text: Option<&Text>, file: FileId) -> Option<GrpcCode> {
        let text = text?;
        let found = GrpcCode::from_name(&text.value);
        if found.is_none() {
            let names = GrpcCode::ALL.map(GrpcCode::name);
            let help = match did_you_mean(&text.value.to_ascii_uppercase(), names) {
                Some(name) => format!("did you mean `{name}`?"),
                None => format!("use a canonical name of google.rpc.Code: {}", names.join(", ")),
            };
            self.report(
                Diagnostic::error(
                    format!("`{}` is not a gRPC status code", text.value),
                    span_of(file, text),
                    "unknown",
                )
                .help(help),
            );
        }
        found
    }

    /// An absolute http(s) URL with nothing that must be percent-encoded
    /// (it becomes a link in the docs); a `template` may hold `{code}` and
    /// `{wire_code}`. One error per mistake: a placeholder of another name
    /// is reported as that, not also as a `{` in a URL.
    fn check_url(&mut self, what: &str, url: &Text, file: FileId, template: bool) {
        let mut text = url.value.clone();
        if template {
            for (_, name) in placeholders(&url.value) {
                text = text.replace(&format!("{{{name}}}"), "code");
            }
        }
        let scheme_ok = text.starts_with("https://") || text.starts_with("http://");
        let bad_char =
            text.chars().find(|&c| c.is_whitespace() || crate::invisible::is_invisible(c) || "<>\"{}|\\^`".contains(c));
        if !scheme_ok || bad_char.is_some() {
            let problem = match bad_char {
                Some(c) => format!("`{}` is not allowed in a URL", c.escape_debug()),
                None => "it does not start with https:// or http://".to_string(),
            };
            let place = if template { ", with `{code}` or `{wire_code}` where the code goes" } else { "" };
            self.report(
                Diagnostic::error(
                    format!("{what} is not a valid absolute URL: {problem}"),
                    span_of(file, url),
                    "not a URL",
                )
                .help(format!(
                    "write an absolute http(s) URL, percent-encoding special characters (`<` is %3C){place}"
                )),
            );
        }
        if !template {
            return;
        }
        for (_, name) in placeholders(&url.value) {
            if name != "code" && name != "wire_code" {
                self.report(
                    Diagnostic::error(
                        format!("unknown placeholder `{{{name}}}` in {what}"),
                        span_of(file, url),
                        "only `{code}` and `{wire_code}` are replaced",
                    )
                    .help(
                        "use `{code}` for the catalogue's name of the code \
                         (https://docs.example.com/errors#{code}) or `{wire_code}` for the code as the API \
                         sends it (https://www.twilio.com/docs/api/errors/{wire_code})",
                    ),
                );
            }
        }
    }

    /// A `{wire_code}` template needs an envelope that sends a code.
    fn check_wire_code_template(
        &mut self,
        service: Option<(FileId, &Spanned<raw::RawService>)>,
        envelope: &crate::model::Envelope,
    ) {
        let Some((file, service)) = service else { return };
        let Some(template) = &service.value.doc_url else { return };
        let names_wire_code = placeholders(&template.value).iter().any(|(_, name)| *name == "wire_code");
        if names_wire_code && envelope.code_style().is_none() {
            self.report(
                Diagnostic::error(
                    "the doc_url template names `{wire_code}`, but the envelope sends no code",
                    span_of(file, template),
                    "no code is sent to put here",
                )
                .help("use `{code}` (the catalogue's name), or add a `code` member to the envelope"),
            );
        }
    }

    fn statuses(&mut self, statuses: &[(u16, Span, &raw::RawStatus)]) -> Vec<Status> {
        let mut out = Vec::new();
        for &(code, span, status) in statuses {
            if !(100..=599).contains(&code) {
                self.report(
                    Diagnostic::error(format!("{code} is not an HTTP status"), span, "outside 100-599")
                        .help("list HTTP statuses between 100 and 599"),
                );
            }
            self.check_optional_text(&format!("the name of status {code}"), status.name.as_ref(), span.file);
            self.check_optional_text(
                &format!("the description of status {code}"),
                status.description.as_ref(),
                span.file,
            );
            out.push(Status { code, name: text_of(&status.name), description: text_of(&status.description) });
        }
        out.sort_by_key(|status| status.code);
        out
    }

    /// An error's status must be a final HTTP status (200-599): one outside
    /// 100-599 is no HTTP status, and a 1xx response carries no body, so
    /// the error could not be sent. An error sent with a status outside
    /// 400-599 is only unusual: Slack answers errors with 200 and
    /// `"ok": false`, and GraphQL APIs do too, so that is a warning.
    fn check_error_status(&mut self, status: &Spanned<u16>, file: FileId, whose: &str) {
        let span = span_of(file, status);
        if !(200..=599).contains(&status.value) {
            let problem = if (100..=199).contains(&status.value) {
                "an informational (1xx) status, which carries no body"
            } else {
                "not an HTTP status"
            };
            self.report(
                Diagnostic::error(format!("{whose} has status {}: {problem}", status.value), span, "outside 200-599")
                    .help("use an HTTP status: 4xx for client errors, 5xx for server errors"),
            );
        } else if !(400..=599).contains(&status.value) {
            self.report(
                Diagnostic::warning(
                    Lint::NonErrorStatus,
                    format!("{whose} has HTTP status {}, which is not an error status", status.value),
                    span,
                    "not in 400-599",
                )
                .help("errors usually use a 4xx (client) or 5xx (server) status, so clients and proxies see a failure"),
            );
        }
    }

    /// Retrying an unchanged request that failed with one of these statuses
    /// usually cannot succeed. Usually: Stripe documents `processing_error`
    /// (402) and `terminal_reader_busy` (400) as worth retrying, so this is
    /// advice, not a rule.
    fn check_retryable_status(&mut self, whose: &str, status: u16, span: Span) {
        const NEVER_RETRYABLE: [u16; 10] = [400, 401, 402, 403, 404, 405, 410, 413, 415, 422];
        if NEVER_RETRYABLE.contains(&status) {
            self.report(
                Diagnostic::warning(
                    Lint::RetryableStatus,
                    format!(
                        "{whose} is retryable, but its status {status} usually means retrying the same request cannot succeed"
                    ),
                    span,
                    "retryable here",
                )
                .help(format!(
                    "set `retryable: false`, or give it a transient status (408, 409, 425, 429, 5xx); \
                     statuses that usually are not retryable: {}",
                    NEVER_RETRYABLE.map(|status| status.to_string()).join(", ")
                )),
            );
        }
    }

    fn types(&mut self, types: &[(String, Span, &raw::RawType)]) -> Vec<(ErrorType, Span)> {
        let mut out = Vec::new();
        for &(ref name, span, ty) in types {
            self.check_name("type", name, span);
            self.check_optional_text(&format!("the description of type `{name}`"), ty.description.as_ref(), span.file);
            if let Some(status) = &ty.status {
                self.check_error_status(status, span.file, &format!("type `{name}`"));
                if let Some(retryable) = ty.retryable.as_ref().filter(|retryable| retryable.value) {
                    self.check_retryable_status(&format!("type `{name}`"), status.value, span_of(span.file, retryable));
                }
            }
            out.push((
                ErrorType {
                    name: name.clone(),
                    ident: variant_ident(name),
                    status: ty.status.as_ref().map(|status| status.value),
                    description: text_of(&ty.description),
                    retryable: ty.retryable.as_ref().is_some_and(|retryable| retryable.value),
                    grpc: self.grpc_code(ty.grpc.as_ref(), span.file),
                },
                span,
            ));
        }
        out
    }

    fn groups(&mut self, groups: &[(String, Span, &raw::RawGroup)]) -> Vec<(Group, Span)> {
        let mut out = Vec::new();
        for &(ref name, span, group) in groups {
            self.check_name("group", name, span);
            let title = match &group.title {
                Some(title) => {
                    self.check_required_text(&format!("the title of group `{name}`"), title, span.file);
                    title.value.clone()
                }
                None => {
                    self.report(
                        Diagnostic::error(format!("group `{name}` has no title"), span, "no `title:`")
                            .help("add `title: <heading of the group's section in the docs>`"),
                    );
                    String::new()
                }
            };
            self.check_optional_text(
                &format!("the description of group `{name}`"),
                group.description.as_ref(),
                span.file,
            );
            out.push((Group { name: name.clone(), title, description: text_of(&group.description) }, span));
        }
        out
    }

    /// Resolves a reference by name, reporting a dangling one with a suggestion.
    fn resolve<'n>(
        &mut self,
        what: &str,
        reference: &Text,
        file: FileId,
        names: impl Iterator<Item = &'n str> + Clone,
    ) -> Option<usize> {
        if let Some(index) = names.clone().position(|name| name == reference.value) {
            return Some(index);
        }
        let help = match did_you_mean(&reference.value, names.clone()) {
            Some(suggestion) => format!("did you mean `{suggestion}`?"),
            None => {
                let listed: Vec<&str> = names.take(12).collect();
                if listed.is_empty() {
                    format!("the catalogue defines no {what}s; define `{}` first", reference.value)
                } else {
                    format!("define it, or use one of: {}", listed.join(", "))
                }
            }
        };
        self.report(
            Diagnostic::error(
                format!("unknown {what} `{}`", reference.value),
                span_of(file, reference),
                format!("no {what} of this name"),
            )
            .help(help),
        );
        None
    }

    fn check_deprecations(&mut self, errors: &[CheckedError]) {
        for (index, error) in errors.iter().enumerate() {
            let Some(replaced_by_span) = error.replaced_by_span else { continue };
            let mut seen = vec![index];
            let mut next = error.def.deprecated.as_ref().and_then(|deprecation| deprecation.replaced_by);
            while let Some(current) = next {
                if current == index {
                    if seen.iter().any(|&member| member < index) {
                        break; // one report per cycle, from its first member
                    }
                    let message = if seen.len() == 1 {
                        format!("code `{}` is replaced by itself", error.def.code)
                    } else {
                        let chain: Vec<&str> = seen.iter().map(|&i| errors[i].def.code.as_str()).collect();
                        format!("deprecations form a cycle: {} -> {}", chain.join(" -> "), error.def.code)
                    };
                    self.report(
                        Diagnostic::error(message, replaced_by_span, "replacement leads back here")
                            .help("`replaced_by` must name a code that is not itself replaced by this one"),
                    );
                    break;
                }
                if seen.contains(&current) {
                    break; // a cycle elsewhere, reported from one of its own members
                }
                seen.push(current);
                next = errors[current].def.deprecated.as_ref().and_then(|deprecation| deprecation.replaced_by);
            }
        }
    }

    /// An alias must not be a code or another alias: parsing would be ambiguous.
    fn check_aliases(&mut self, errors: &[CheckedError]) {
        let mut names: BTreeMap<&str, (Span, String)> = errors
            .iter()
            .map(|error| (error.def.code.as_str(), (error.span, format!("code `{}`", error.def.code))))
            .collect();
        for error in errors {
            for (alias, span) in &error.aliases {
                if let Some((first, what)) = names.get(alias.as_str()) {
                    self.report(
                        Diagnostic::error(
                            format!("alias `{alias}` of code `{}` is already taken by {what}", error.def.code),
                            *span,
                            "ambiguous alias",
                        )
                        .also(*first, "taken here")
                        .help("an alias must be unique among all codes and aliases; remove or rename it"),
                    );
                    continue;
                }
                names.insert(alias, (*span, format!("an alias of `{}`", error.def.code)));
            }
        }
    }

    /// A type or group no code uses is likely a leftover or a typo; it is
    /// still published, so this is only a warning.
    fn check_unused(&mut self, errors: &[CheckedError], types: &[(ErrorType, Span)], groups: &[(Group, Span)]) {
        for (index, (ty, span)) in types.iter().enumerate() {
            if !errors.iter().any(|error| error.def.error_type == Some(index)) {
                self.report(
                    Diagnostic::warning(
                        Lint::UnusedDefinition,
                        format!("type `{}` is used by no code", ty.name),
                        *span,
                        "unused",
                    )
                    .help("remove it, or give it to the codes it stands for with `type:`"),
                );
            }
        }
        for (index, (group, span)) in groups.iter().enumerate() {
            if !errors.iter().any(|error| error.def.group == Some(index)) {
                self.report(
                    Diagnostic::warning(
                        Lint::UnusedDefinition,
                        format!("group `{}` is used by no code", group.name),
                        *span,
                        "unused",
                    )
                    .help("remove it, or put codes in it with `group:`"),
                );
            }
        }
    }

    /// Two names that collapse to the same Rust identifier would not compile.
    fn check_identifiers(&mut self, errors: &[CheckedError], types: &[(ErrorType, Span)]) {
        let mut seen: BTreeMap<&str, (&str, Span)> = BTreeMap::new();
        for error in errors {
            self.check_ident_clash("code", &error.def.ident, &error.def.code, error.span, &mut seen);
        }
        let mut seen: BTreeMap<&str, (&str, Span)> = BTreeMap::new();
        for (ty, span) in types {
            self.check_ident_clash("type", &ty.ident, &ty.name, *span, &mut seen);
        }
    }

    fn check_ident_clash<'a>(
        &mut self,
        what: &str,
        ident: &'a str,
        name: &'a str,
        span: Span,
        seen: &mut BTreeMap<&'a str, (&'a str, Span)>,
    ) {
        if ident.is_empty() {
            return; // already reported as an invalid name
        }
        if let Some((first_name, first_span)) = seen.get(ident) {
            self.report(
                Diagnostic::error(
                    format!("{what}s `{first_name}` and `{name}` both become the Rust identifier `{ident}`"),
                    span,
                    "clashes",
                )
                .also(*first_span, "with this one")
                .help("rename one of them so their words differ, not just their underscores"),
            );
            return;
        }
        seen.insert(ident, (name, span));
    }
}

struct CheckedError {
    span: Span,
    /// Where each of `def.details` is named.
    detail_spans: Vec<Span>,
    aliases: Vec<(String, Span)>,
    replaced_by_span: Option<Span>,
    def: ErrorDef,
}
