//! A page per code, in markdown (`docs/codes/<code>.md`) and HTML
//! (`docs/site/codes/<code>.html`, beside the reference page): what a body's
//! `doc_url` links to, as the error pages of Stripe and Twilio are. A renamed
//! code's old name and a removed code keep a page that points to the current
//! one, so a link once published never breaks. `docs/SUMMARY.md` and
//! `docs/book.toml` make the folder an mdBook as it is; the web pages live
//! in `site/` so that mdBook renders its own and copies them aside, never
//! over its own. Both give a code the path `codes/<page>.html`, its page
//! name being [`Catalog::page_name`]: the catalogue name, or the wire code
//! where codes are integers (whose catalogue name then leads there).

use std::collections::HashSet;

use pulldown_cmark::{Options, Parser, html};

use super::html::{escape_html, page_shell};
use super::{title, wire_identity};
use crate::emit::example::example_value;
use crate::emit::header_text;
use crate::emit::json::{Invisible, pretty};
use crate::emit::text::{code_span, inline_code, markdown_inline};
use crate::model::{Catalog, ErrorDef};
use crate::output::GeneratedFile;

/// The folder of the code pages, inside `docs/`.
const CODES: &str = "codes";

/// The folders of the markdown and the web pages in the package: the
/// generator owns them (a page it no longer writes is stale).
pub const FOLDERS: [&str; 2] = ["docs/codes", "docs/site/codes"];

/// How a page links to its neighbours: the markdown pages to one another
/// and to `errors.md`, the web pages to theirs and to `index.html`.
struct Links {
    page: &'static str,
    index: &'static str,
}

impl Links {
    const MARKDOWN: Links = Links { page: "md", index: "../errors.md" };
    const HTML: Links = Links { page: "html", index: "../index.html" };
}

/// Every page of the folder: each code's, each old name's and removed
/// code's, and the mdBook files.
pub fn code_pages(catalog: &Catalog) -> Vec<GeneratedFile> {
    let mut files = Vec::new();
    // `file` names the page's files, `name` titles it.
    let mut push = |file: &str, name: &str, page: &dyn Fn(&Links) -> String, redirect: Option<&str>| {
        let html = page_html(catalog, name, &page(&Links::HTML), redirect);
        files.push(GeneratedFile::new(&format!("{}/{file}.md", FOLDERS[0]), page(&Links::MARKDOWN)));
        files.push(GeneratedFile::new(&format!("{}/{file}.html", FOLDERS[1]), html));
    };
    let others = OtherPages::new(catalog);
    for ((error, page), wire) in catalog.errors.iter().zip(&others.pages).zip(&others.wire) {
        // Built once for both pages.
        let example = pretty(&example_value(catalog, error), Invisible::Escaped);
        push(page, &error.code, &|links| code_md(catalog, error, &example, links), None);
        let mut send_on = |name: &str, what: &str, target: &Target| {
            push(name, name, &|links| moved_md(name, what, target, links), Some(page));
        };
        let code = Target { name: &error.code, page };
        if *page != error.code {
            send_on(&error.code, "is sent as", &Target { name: page, page });
        }
        for alias in &error.aliases {
            send_on(alias, "is now called", &code);
        }
        if let Some(wire) = wire {
            send_on(wire, "is how the API sends", &code);
        }
    }
    for removed in &others.removed {
        let version = &removed.version;
        // A removed integer code's links named its number.
        for file in std::iter::once(&removed.name).chain(&removed.wire) {
            match others.page_of(catalog, removed.replacement.as_deref()) {
                Some(target) => {
                    let what = format!("was removed in {version}; use");
                    let page = |links: &Links| moved_md(&removed.name, &what, &target, links);
                    push(file, &removed.name, &page, Some(target.page));
                }
                None => push(file, &removed.name, &|links| gone_md(&removed.name, version, links), None),
            }
        }
    }
    files.push(GeneratedFile::new("docs/site/style.css", super::html::style_css()));
    files.push(GeneratedFile::new("docs/SUMMARY.md", summary_md(catalog, &others)));
    files.push(GeneratedFile::new("docs/book.toml", book_toml(catalog)));
    files
}

/// A code's page: what the wire carries, what it means, an example body.
fn code_md(catalog: &Catalog, error: &ErrorDef, example: &str, links: &Links) -> String {
    let mut out = String::new();
    emitln!(out, "<!-- {} -->\n", header_text());
    emitln!(out, "# {}\n", code_span(&error.code));
    emitln!(out, "{}\n", markdown_inline(&error.message));
    emitln!(out, "| | |\n|---|---|");
    if let Some(sent) = wire_identity(catalog, error) {
        emitln!(out, "| Sent as | {} |", inline_code(&sent));
    }
    emitln!(out, "| HTTP status | {} |", error.status);
    emitln!(out, "| gRPC status | `{}` (reason `{}`) |", error.grpc.name(), error.grpc_reason());
    if let Some(ty) = catalog.error_type(error) {
        emitln!(out, "| Type | {} |", code_span(&ty.name));
    }
    emitln!(out, "| Media type | {} |", inline_code(&catalog.envelope.media_type));
    emitln!(out, "| Retry | {} |", if error.retryable { "yes, with backoff" } else { "no: fix the request first" });
    if let Some(history) = catalog.history.codes.get(&error.code) {
        emitln!(out, "| Since | {} |", markdown_inline(&history.since));
    }
    if !error.aliases.is_empty() {
        let aliases: Vec<String> = error.aliases.iter().map(|alias| code_span(alias)).collect();
        emitln!(out, "| Also called | {} |", aliases.join(", "));
    }
    out.push('\n');
    if let Some(replacement) = catalog.replacement(error) {
        let page = catalog.page_name(replacement);
        emitln!(out, "Deprecated: use [{}]({page}.{}).\n", code_span(&replacement.code), links.page);
    } else if error.deprecated.is_some() {
        emitln!(out, "Deprecated.\n");
    }
    for (label, text) in [("Cause", &error.cause), ("Fix", &error.fix)] {
        if let Some(text) = text {
            emitln!(out, "**{label}:** {}\n", markdown_inline(text));
        }
    }
    details_table(&mut out, error);
    emitln!(out, "## Example response\n\n```json\n{example}```\n");
    emitln!(out, "[All error codes]({}#{})", links.index, error.code);
    out
}

fn details_table(out: &mut String, error: &ErrorDef) {
    if error.details.is_empty() {
        return;
    }
    emitln!(out, "## Details\n\n| Member | Type | Required | Description |\n|---|---|---|---|");
    for detail in &error.details {
        emitln!(
            out,
            "| {} | {} | {} | {} |",
            code_span(&detail.name),
            detail.detail_type.as_str(),
            if detail.required { "yes" } else { "no" },
            markdown_inline(detail.description.as_deref().unwrap_or("")),
        );
    }
    out.push('\n');
}

/// A code another page sends the reader on to.
struct Target<'a> {
    name: &'a str,
    page: &'a str,
}

/// The page of a name that leads to a code's page: an old name, a wire
/// code, the catalogue's name of a code whose page is its wire code.
fn moved_md(name: &str, what: &str, target: &Target, links: &Links) -> String {
    let mut out = String::new();
    emitln!(out, "<!-- {} -->\n", header_text());
    emitln!(out, "# {}\n", code_span(name));
    emitln!(out, "{} {what} [{}]({}.{}).", code_span(name), code_span(target.name), target.page, links.page);
    out
}

/// The page of a removed code nothing replaces.
fn gone_md(name: &str, version: &str, links: &Links) -> String {
    let mut out = String::new();
    emitln!(out, "<!-- {} -->\n", header_text());
    emitln!(out, "# {}\n", code_span(name));
    emitln!(
        out,
        "{} was removed in {}: no current code replaces it. See [all error codes]({}).",
        code_span(name),
        markdown_inline(version),
        links.index
    );
    out
}

/// Each code's page name ([`Catalog::page_name`]), and the pages besides
/// the codes' own, their names' and their aliases': removed codes', and
/// wire codes' (`CALL_NOT_FOUND`) where a wire code is a plain word that
/// names no page yet, so that a `{wire_code}` link
/// (`.../codes/{wire_code}.html`) lands there and is sent on.
struct OtherPages {
    /// Each code's own page, in catalogue order.
    pages: Vec<String>,
    removed: Vec<Removed>,
    /// Each code's wire page, in catalogue order.
    wire: Vec<Option<String>>,
}

impl OtherPages {
    fn new(catalog: &Catalog) -> OtherPages {
        let pages: Vec<String> = catalog.errors.iter().map(|error| catalog.page_name(error)).collect();
        let mut taken: HashSet<&str> = pages.iter().map(String::as_str).collect();
        for error in &catalog.errors {
            taken.insert(&error.code);
            taken.extend(error.aliases.iter().map(String::as_str));
        }
        let removed = removed_codes(catalog, &taken);
        taken.extend(removed.iter().map(|removed| removed.name.as_str()));
        let sends_codes = catalog.code_style().is_some();
        let wire = catalog
            .errors
            .iter()
            .map(|error| {
                let wire = catalog.wire_text(error);
                (sends_codes && page_name(&wire) && !taken.contains(wire.as_str())).then_some(wire)
            })
            .collect();
        OtherPages { pages, removed, wire }
    }

    /// The page of the current code named `name`.
    fn page_of<'a>(&'a self, catalog: &'a Catalog, name: Option<&'a str>) -> Option<Target<'a>> {
        let index = catalog.errors.iter().position(|error| Some(error.code.as_str()) == name)?;
        Some(Target { name: &catalog.errors[index].code, page: &self.pages[index] })
    }
}

/// Whether `name` can name a page file (and an HTML anchor) as it is: a
/// plain word (no `/`, no leading `.`), as every code and alias is. Wire
/// codes and the names a hand-edited lock records as removed are checked,
/// so no page is written outside its folder.
pub(super) fn page_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 128
        && !name.starts_with('.')
        && name.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
}

/// A removed code, from the history of releases.
struct Removed {
    name: String,
    /// The integer wire code it was sent as, unless a current code has it.
    wire: Option<String>,
    version: String,
    replacement: Option<String>,
}

/// Codes removed in some release that no current code or alias (`current`)
/// is named after, by name, each once.
fn removed_codes(catalog: &Catalog, current: &HashSet<&str>) -> Vec<Removed> {
    let replacement = |name: &str| {
        let deprecations = catalog.history.releases.iter().flat_map(|release| &release.deprecated);
        let named = deprecations.filter(|(code, _)| code == name).find_map(|(_, replacement)| replacement.clone());
        named.filter(|replacement| catalog.errors.iter().any(|error| error.code == *replacement))
    };
    let mut out: Vec<Removed> = Vec::new();
    for release in &catalog.history.releases {
        for name in &release.removed {
            let new = !current.contains(name.as_str()) && !out.iter().any(|removed| removed.name == *name);
            if new && page_name(name) {
                let version = release.version.clone();
                let wire =
                    catalog.history.codes.get(name).and_then(|code| code.wire_integer).map(|wire| wire.to_string());
                let wire = wire.filter(|wire| !current.contains(wire.as_str()));
                out.push(Removed { name: name.clone(), wire, version, replacement: replacement(name) });
            }
        }
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
    out
}

/// mdBook's table of contents: the reference, every code's page, the old
/// names' pages and the changelog.
fn summary_md(catalog: &Catalog, others: &OtherPages) -> String {
    let mut out = String::new();
    emitln!(out, "<!-- {} -->\n", header_text());
    emitln!(out, "# Summary\n\n[{}](errors.md)\n", markdown_inline(&title(catalog)));
    for (locale, language) in catalog.locales.iter().enumerate().skip(1) {
        let (markdown, _) = super::reference_paths(catalog, locale);
        let file = markdown.trim_start_matches("docs/");
        emitln!(out, "[{} ({})]({file})\n", markdown_inline(&title(catalog)), markdown_inline(&language.tag));
    }
    emitln!(out, "- [Error codes]()");
    for (error, page) in catalog.errors.iter().zip(&others.pages) {
        emitln!(out, "  - [{}]({CODES}/{page}.md)", error.code);
    }
    let old: Vec<String> = catalog
        .errors
        .iter()
        .zip(&others.pages)
        .zip(&others.wire)
        .flat_map(|((error, page), wire)| {
            let name = (error.code != *page).then(|| error.code.clone());
            name.into_iter().chain(error.aliases.iter().cloned()).chain(wire.clone())
        })
        .chain(
            others.removed.iter().flat_map(|removed| std::iter::once(removed.name.clone()).chain(removed.wire.clone())),
        )
        .collect();
    if !old.is_empty() {
        emitln!(out, "- [Other names of codes]()");
        for name in old {
            emitln!(out, "  - [{name}]({CODES}/{name}.md)");
        }
    }
    emitln!(out, "- [Changelog](changelog.md)");
    out
}

/// The folder as an mdBook: `mdbook build` in it writes the site to `book/`.
fn book_toml(catalog: &Catalog) -> String {
    let title = title(catalog).replace(['\\', '"'], "").chars().filter(|c| !c.is_control()).collect::<String>();
    format!(
        "# {}\n[book]\ntitle = \"{title}\"\nsrc = \".\"\n\n[build]\nbuild-dir = \"book\"\ncreate-missing = false\n",
        header_text()
    )
}

/// A code page as a self-contained web page; an old name's page sends the
/// reader on to `redirect`'s.
fn page_html(catalog: &Catalog, name: &str, markdown: &str, redirect: Option<&str>) -> String {
    let mut body = String::new();
    html::push_html(&mut body, Parser::new_ext(markdown, Options::ENABLE_TABLES));
    let refresh = redirect.map(|target| format!("<meta http-equiv=\"refresh\" content=\"0; url={target}.html\">\n"));
    let title = format!("{name} · {}", title(catalog));
    page_shell(&escape_html(&title), refresh.as_deref().unwrap_or(""), &body)
}

#[cfg(test)]
mod tests {
    use super::page_name;

    #[test]
    fn only_plain_words_name_pages() {
        for good in ["call_not_found", "20404", "RESOURCE_EXHAUSTED", "BadArgument", "v1.2-x"] {
            assert!(page_name(good), "{good}");
        }
        for bad in ["", "../etc", "a/b", ".hidden", "..", "a b", "a\\b", "é", &"x".repeat(129)] {
            assert!(!page_name(bad), "{bad}");
        }
    }
}
