//! The changelog: per release, newest first, the codes added, renamed,
//! deprecated (with their replacement) and removed, and the breaking
//! changes recorded with their reasons, from the history the lock keeps.
//! `docs/changelog.md` is this on its own; the reference carries it as a
//! section.

use crate::emit::text::{code_span, markdown_inline};
use crate::model::{Catalog, Release, Subject};

/// `docs/changelog.md`.
pub fn changelog_md(catalog: &Catalog) -> String {
    let mut out = format!("<!-- {} -->\n\n", crate::emit::header_text());
    emitln!(out, "# {}: changelog\n", markdown_inline(&super::title(catalog)));
    emitln!(out, "{}\n", intro(catalog));
    releases(&mut out, catalog, 2, "errors.md");
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

/// The changelog as a section of the reference (headings one level down).
pub fn changelog_section(out: &mut String, catalog: &Catalog) {
    super::heading(out, 2, "changelog", "Changelog");
    emitln!(out, "{}\n", intro(catalog));
    releases(out, catalog, 3, "");
}

fn intro(catalog: &Catalog) -> String {
    format!(
        "Every release of the error codes, newest first, as `catalog.lock` records it. Version numbers are those of \
         the generated packages ({}), following semver: a breaking change comes with a new major version.",
        code_span(&catalog.service.crate_name)
    )
}

fn releases(out: &mut String, catalog: &Catalog, level: u8, page: &str) {
    let links = Links { page, codes: catalog.errors.iter().map(|error| error.code.as_str()).collect() };
    let oldest = catalog.history.releases.last().map(|release| release.version.clone());
    for release in &catalog.history.releases {
        let id = format!("release-{}", release.version.replace('.', "-"));
        super::heading(out, level, &id, &release.version);
        if oldest.as_ref() == Some(&release.version) && release.breaking.is_empty() {
            emitln!(out, "First release, with {}.\n", count(release.added.len(), "code"));
        }
        let before = out.len();
        release_notes(out, &links, release);
        if out.len() == before && oldest.as_ref() != Some(&release.version) {
            emitln!(out, "No change to the codes or the envelope.\n");
        }
    }
}

fn release_notes(out: &mut String, links: &Links<'_>, release: &Release) {
    let link = |code: &str| links.code(code);
    if !release.breaking.is_empty() {
        emitln!(out, "**Breaking changes**\n");
        for change in &release.breaking {
            let what = markdown_inline(&change.what);
            let reason = markdown_inline(&change.reason);
            emitln!(out, "- {}: {what}. {reason}", subject(links, &change.subject));
        }
        out.push('\n');
    }
    let mut list = |title: &str, items: Vec<String>| {
        if !items.is_empty() {
            emitln!(out, "**{title}**: {}.\n", items.join(", "));
        }
    };
    list("Added", release.added.iter().map(|code| link(code)).collect());
    list("Types added", release.added_types.iter().map(|name| name_span(name)).collect());
    list(
        "Details added",
        release.added_details.iter().map(|(code, member)| format!("{} to {}", name_span(member), link(code))).collect(),
    );
    list(
        "Renamed",
        release
            .renamed
            .iter()
            .map(|(old, new)| format!("{} → {} (the old name still parses)", name_span(old), link(new)))
            .collect(),
    );
    list(
        "Aliases added",
        release.aliases.iter().map(|(alias, code)| format!("{} (of {})", name_span(alias), link(code))).collect(),
    );
    list(
        "Deprecated",
        release
            .deprecated
            .iter()
            .map(|(code, replacement)| match replacement {
                Some(replacement) => format!("{} (use {})", link(code), link(replacement)),
                None => link(code),
            })
            .collect(),
    );
    list("Removed", release.removed.iter().map(|code| name_span(code)).collect());
    list(
        "Retry advice",
        release
            .retry_advice
            .iter()
            .map(|(code, now)| {
                format!("{} {}", link(code), if *now { "is now retryable" } else { "is no longer retryable" })
            })
            .collect(),
    );
}

/// What a recorded break is about, as the changelog names it.
fn subject(links: &Links<'_>, subject: &Subject) -> String {
    match subject {
        Subject::Code(code) => format!("code {}", links.code(code)),
        Subject::Detail { code, member } => format!("detail {} of {}", name_span(member), links.code(code)),
        Subject::Type(name) => format!("type {}", name_span(name)),
        Subject::Catalogue => "the envelope".to_string(),
    }
}

/// Links to the reference's rows, for the codes the catalogue still has.
struct Links<'a> {
    /// The reference's file, relative to the changelog ("" on the page itself).
    page: &'a str,
    codes: std::collections::BTreeSet<&'a str>,
}

impl Links<'_> {
    /// A code, linked to its row when the catalogue still has it.
    fn code(&self, code: &str) -> String {
        if self.codes.contains(code) { format!("[{}]({}#{code})", code_span(code), self.page) } else { name_span(code) }
    }
}

/// A name read from the lock, shown as code where that is safe.
fn name_span(name: &str) -> String {
    if name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '*') {
        code_span(name)
    } else {
        markdown_inline(name)
    }
}

fn count(n: usize, noun: &str) -> String {
    format!("{n} {noun}{}", if n == 1 { "" } else { "s" })
}
