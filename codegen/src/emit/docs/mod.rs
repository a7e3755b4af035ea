//! `docs/errors.md`: the published error reference, ready for a static docs
//! site (mdBook, Docusaurus, GitHub). Every code gets a stable anchor
//! (`#call_not_found`) so the `doc_url` the API returns lands on its row;
//! `html` renders the same document as a self-contained web page.

mod changelog;
mod html;
mod pages;

pub use changelog::changelog_md;
pub use html::index_html;
pub use pages::{FOLDERS as CODE_PAGES, code_pages};

use crate::emit::example::example_value;
use crate::emit::handlers;
use crate::emit::header_text;
use crate::emit::json::{Invisible, pretty};
use crate::emit::text::{code_span, inline_code, markdown_inline};
use crate::model::{Catalog, ErrorDef, Member, Node, Role, places};

/// The reference's files for the language at `locale`: `docs/errors.md` and
/// `docs/site/index.html` in the catalogue's own, `errors.<tag>.md` and
/// `index.<tag>.html` in each other.
pub fn reference_paths(catalog: &Catalog, locale: usize) -> (String, String) {
    match locale {
        0 => ("docs/errors.md".into(), "docs/site/index.html".into()),
        _ => {
            let tag = &catalog.locales[locale].tag;
            (format!("docs/errors.{tag}.md"), format!("docs/site/index.{tag}.html"))
        }
    }
}

/// The reference in the language at `locale` (0: the catalogue's own).
pub fn errors_md(catalog: &Catalog, locale: usize) -> String {
    let localized;
    let catalog = if locale == 0 {
        catalog
    } else {
        localized = catalog.localized(locale);
        &localized
    };
    let mut out = String::new();
    emitln!(out, "<!-- {} -->\n", header_text());
    emitln!(out, "# {}\n", markdown_inline(&title(catalog)));
    if catalog.is_translated() {
        emitln!(out, "{}\n", language_line(catalog, locale));
    }
    emitln!(
        out,
        "This reference lists every error code the {} returns, with what causes it and how to fix it.\n",
        markdown_inline(&catalog.service.api_name())
    );
    emitln!(out, "{}\n", contents_line(catalog));
    response_format(&mut out, catalog);
    status_table(&mut out, catalog);
    type_table(&mut out, catalog);
    code_sections(&mut out, catalog);
    retry_advice(&mut out, catalog);
    handling(&mut out, catalog);
    changelog::changelog_section(&mut out, catalog);
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

/// The language switch: every language of the reference, this one in bold,
/// each other a link to its file (the web pages' links are rewritten to
/// theirs, as mdBook rewrites them).
fn language_line(catalog: &Catalog, locale: usize) -> String {
    let languages: Vec<String> = (0..catalog.locales.len())
        .map(|index| {
            let tag = markdown_inline(&catalog.locales[index].tag);
            let (markdown, _) = reference_paths(catalog, index);
            let file = markdown.trim_start_matches("docs/");
            if index == locale { format!("**{tag}**") } else { format!("[{tag}]({file})") }
        })
        .collect();
    format!("Language: {}", languages.join(" · "))
}

/// A section of the reference: heading level, anchor and title. Section
/// anchors contain `-`, which no code can, so they never clash with a code's.
pub struct Section {
    pub level: u8,
    pub id: String,
    pub title: String,
}

/// The reference's sections, in order: the table of contents of both the
/// markdown and the web page.
pub fn outline(catalog: &Catalog) -> Vec<Section> {
    let section = |level: u8, id: &str, title: &str| Section { level, id: id.into(), title: title.into() };
    let mut sections = vec![section(2, "response-format", "Error response format")];
    if !catalog.statuses.is_empty() {
        sections.push(section(2, "http-status-codes", "HTTP status codes"));
    }
    if !catalog.types.is_empty() {
        sections.push(section(2, "error-types", "Error types"));
    }
    sections.push(section(2, "error-codes", "Error codes"));
    for group in &catalog.groups {
        sections.push(section(3, &group_anchor(&group.name), &group.title));
    }
    sections.push(section(2, "retrying", "Retrying"));
    sections.push(section(2, "handling-errors", "Handling errors"));
    sections.push(section(2, "changelog", "Changelog"));
    sections
}

/// The reference's title.
fn title(catalog: &Catalog) -> String {
    format!("{} errors", catalog.service.api_name())
}

fn group_anchor(group: &str) -> String {
    format!("group-{}", group.replace('_', "-"))
}

/// One line of links to the top-level sections.
fn contents_line(catalog: &Catalog) -> String {
    let links: Vec<String> = outline(catalog)
        .iter()
        .filter(|section| section.level == 2)
        .map(|section| format!("[{}](#{})", markdown_inline(&section.title), section.id))
        .collect();
    format!("Contents: {}", links.join(" · "))
}

/// A heading with an explicit anchor that every markdown renderer keeps.
pub(super) fn heading(out: &mut String, level: u8, id: &str, title: &str) {
    emitln!(out, "<a id=\"{id}\"></a>\n\n{} {}\n", "#".repeat(level.into()), markdown_inline(title));
}

fn response_format(out: &mut String, catalog: &Catalog) {
    heading(out, 2, "response-format", "Error response format");
    emitln!(out, "Every error response has this shape, sent as `{}`:\n", catalog.envelope.media_type.replace('`', ""));
    // Shown as the schemas show it: invisible characters as `\u202e` escapes.
    let example = pretty(&example_value(catalog, &catalog.errors[0]), Invisible::Escaped);
    emitln!(out, "```json\n{example}```\n");
    emitln!(out, "| Field | Description |\n|---|---|");
    for (path, description) in documented_members(catalog) {
        emitln!(out, "| {} | {} |", member_path(&path), markdown_inline(&description));
    }
    let path = |wanted: fn(&Node) -> bool| role_path(documented_body(catalog), wanted);
    let key = path(|node| matches!(node, Node::Role(Role::Code(_))))
        .or_else(|| path(|node| matches!(node, Node::Role(Role::DocUrl))))
        .or_else(|| path(|node| matches!(node, Node::Role(Role::Title))));
    let message = path(|node| matches!(node, Node::Role(Role::Message { .. })));
    if let (Some(key), Some(message)) = (key, message) {
        let (key, message) = (member_path(&key), member_path(&message));
        emitln!(out, "\nBranch on {key}, not on {message}: messages may be reworded.\n");
    } else {
        out.push('\n');
    }
}

/// A member's path as markdown: the catalogue's text, shown as code only
/// where it cannot close the code span or the table cell.
fn member_path(path: &str) -> String {
    if path.contains(['`', '|', '\\']) { markdown_inline(path) } else { code_span(path) }
}

/// The path of the error's first member holding `wanted`.
fn role_path(members: &[Member], wanted: fn(&Node) -> bool) -> Option<String> {
    places(members).into_iter().find(|place| !place.nested && wanted(place.node)).map(|place| place.path)
}

/// The members the docs describe: from inside a single wrapping object.
fn documented_body(catalog: &Catalog) -> &[Member] {
    let body = &catalog.envelope.body;
    match body.as_slice() {
        [Member { node: Node::Object(inner), .. }] => inner,
        _ => body,
    }
}

/// Every described member of the body, by path (`source.pointer`,
/// `errors[].detail`). A body that is one wrapping object (`{"error":
/// {...}}`) is listed from inside it, as readers think of it.
fn documented_members(catalog: &Catalog) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for place in places(documented_body(catalog)).into_iter().filter(|place| place.name.is_some()) {
        if let Some(description) = place.description {
            out.push((place.path.clone(), description.to_string()));
        }
        if let Node::Const(value) = place.node {
            out.push((place.path, format!("Always {value}")));
        }
    }
    out
}

fn status_table(out: &mut String, catalog: &Catalog) {
    if catalog.statuses.is_empty() {
        return;
    }
    heading(out, 2, "http-status-codes", "HTTP status codes");
    emitln!(out, "| Status | Name | Description |\n|---|---|---|");
    for status in &catalog.statuses {
        emitln!(
            out,
            "| {} | {} | {} |",
            status.code,
            markdown_inline(status.name.as_deref().unwrap_or("")),
            markdown_inline(status.description.as_deref().unwrap_or(""))
        );
    }
    out.push('\n');
}

fn type_table(out: &mut String, catalog: &Catalog) {
    if catalog.types.is_empty() {
        return;
    }
    heading(out, 2, "error-types", "Error types");
    emitln!(out, "| Type | HTTP status | Meaning | Retryable |\n|---|---|---|---|");
    for ty in &catalog.types {
        emitln!(
            out,
            "| {} | {} | {} | {} |",
            code_span(&ty.name),
            ty.status.map(|status| status.to_string()).unwrap_or_else(|| "varies".into()),
            markdown_inline(ty.description.as_deref().unwrap_or("")),
            yes_no(ty.retryable),
        );
    }
    out.push('\n');
}

fn code_sections(out: &mut String, catalog: &Catalog) {
    heading(out, 2, "error-codes", "Error codes");
    // Built once for every table: it holds every name of the catalogue.
    let anchors = Anchors::new(catalog);
    if catalog.groups.is_empty() {
        code_table(out, catalog, &anchors, catalog.errors.iter());
        return;
    }
    for (index, group) in catalog.groups.iter().enumerate() {
        heading(out, 3, &group_anchor(&group.name), &group.title);
        if let Some(description) = &group.description {
            emitln!(out, "{}\n", markdown_inline(description));
        }
        code_table(out, catalog, &anchors, catalog.errors_in(index));
    }
}

/// What tells the code apart on the wire, where it is not the catalogue's
/// name: the code as sent (`20404`, `RESOURCE_EXHAUSTED`), else the
/// identifying link or title.
fn wire_identity(catalog: &Catalog, error: &ErrorDef) -> Option<String> {
    let sent = match catalog.envelope.identifying_role() {
        Some(Role::Code(_)) | None => Some(catalog.wire_text(error)),
        Some(Role::DocUrl) => catalog.doc_url(error),
        Some(Role::Title) => error.title.clone(),
        Some(_) => None,
    };
    sent.filter(|sent| *sent != error.code)
}

/// The anchors of the reference besides the sections': every code's name
/// and alias, and, where it is a plain word that names nothing else, its
/// wire code, so that a link ending in `#20404` (a `{wire_code}` template)
/// lands on its row.
struct Anchors {
    taken: std::collections::BTreeSet<String>,
}

impl Anchors {
    fn new(catalog: &Catalog) -> Anchors {
        let mut taken: std::collections::BTreeSet<String> = outline(catalog).into_iter().map(|s| s.id).collect();
        for error in &catalog.errors {
            taken.insert(error.code.clone());
            taken.extend(error.aliases.iter().cloned());
        }
        Anchors { taken }
    }

    /// The wire code's anchor for `error`, if it gets one.
    fn wire(&self, catalog: &Catalog, error: &ErrorDef) -> Option<String> {
        catalog.code_style()?;
        let wire = catalog.wire_text(error);
        (pages::page_name(&wire) && !self.taken.contains(&wire)).then_some(wire)
    }
}

fn code_table<'a>(
    out: &mut String,
    catalog: &'a Catalog,
    anchors: &Anchors,
    errors: impl Iterator<Item = &'a ErrorDef>,
) {
    let with_types = !catalog.types.is_empty();
    emitln!(
        out,
        "| Code | HTTP status | gRPC status |{} Message | Cause | Fix | Since |\n|---|---|---|{}---|---|---|---|",
        if with_types { " Type |" } else { "" },
        if with_types { "---|" } else { "" }
    );
    let mut any = false;
    for error in errors {
        any = true;
        // The code links to its own page.
        let page = catalog.page_name(error);
        let mut code = format!("<a id=\"{0}\"></a>[{1}](codes/{page}.md)", error.code, code_span(&error.code));
        if let Some(sent) = wire_identity(catalog, error) {
            if let Some(anchor) = anchors.wire(catalog, error) {
                emit!(code, "<a id=\"{anchor}\"></a>");
            }
            emit!(code, "<br>sent as {}", inline_code(&sent));
        }
        let history = catalog.history.codes.get(&error.code);
        let deprecated_in = history.and_then(|history| history.deprecated.as_ref());
        let deprecated =
            deprecated_in.map_or_else(|| "deprecated".to_string(), |version| format!("deprecated in {version}"));
        if let Some(replacement) = catalog.replacement(error) {
            emit!(code, " ({deprecated}: use [{0}](#{1}))", code_span(&replacement.code), replacement.code);
        } else if error.deprecated.is_some() {
            emit!(code, " ({deprecated})");
        }

        if !error.aliases.is_empty() {
            let aliases: Vec<String> = error.aliases.iter().map(|alias| code_span(alias)).collect();
            emit!(code, "<br>alias: {}", aliases.join(", "));
        }
        let ty = catalog.error_type(error).map(|ty| format!(" {} |", code_span(&ty.name))).unwrap_or_default();
        emitln!(
            out,
            "| {code} | {} | `{}` |{ty} {} | {} | {} | {} |",
            error.status,
            error.grpc.name(),
            markdown_inline(&error.message),
            markdown_inline(error.cause.as_deref().unwrap_or("")),
            markdown_inline(error.fix.as_deref().unwrap_or("")),
            history.map_or("", |history| history.since.as_str()),
        );
    }
    if !any {
        out.push_str("| _no codes_ |\n");
    }
    out.push('\n');
}

fn retry_advice(out: &mut String, catalog: &Catalog) {
    let retryable: Vec<&ErrorDef> = catalog.errors.iter().filter(|error| error.retryable).collect();
    heading(out, 2, "retrying", "Retrying");
    if retryable.is_empty() {
        emitln!(out, "No error of this API is worth retrying unchanged: fix the request first.\n");
        return;
    }
    let mut statuses: Vec<u16> = retryable.iter().map(|error| error.status).collect();
    statuses.sort_unstable();
    statuses.dedup();
    let statuses: Vec<String> = statuses.iter().map(u16::to_string).collect();
    let codes: Vec<String> =
        retryable.iter().map(|error| format!("[{0}](#{1})", code_span(&error.code), error.code)).collect();
    emitln!(out, "These errors are transient (HTTP {}): {}.\n", statuses.join(", "), codes.join(", "));
    emitln!(
        out,
        "Retry them with exponential backoff: wait about 1 s, then double the wait after each failure, add random \
         jitter, and give up after a few attempts. When the response carries a `Retry-After` header (or a \
         `retry_after` detail), wait at least that long. Do not retry other errors unchanged.\n"
    );
}

/// A handler in Rust and one in TypeScript, against the generated packages.
fn handling(out: &mut String, catalog: &Catalog) {
    heading(out, 2, "handling-errors", "Handling errors");
    let name = code_span(&catalog.service.crate_name);
    let package = code_span(&catalog.service.crate_name.to_ascii_lowercase());
    emitln!(
        out,
        "Clients need no copy of this list: the Rust crate {name} and the TypeScript package {package}, generated \
         from the same catalogue, know every code above and parse any error response, keeping a code added after \
         they were built as sent, with retry advice from its type or HTTP status.\n"
    );
    emitln!(out, "Rust:\n\n```rust\n{}```\n", handlers::rust_handler(catalog));
    emitln!(out, "TypeScript:\n\n```ts\n{}```\n", handlers::ts_handler(catalog));
}

fn yes_no(value: bool) -> &'static str {
    if value { "yes" } else { "no" }
}
