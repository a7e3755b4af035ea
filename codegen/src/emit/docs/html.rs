//! `docs/site/index.html`: the error reference as one self-contained web page:
//! inline CSS and script, no network fetches, works from `file://`, with a
//! table of contents, the per-code anchors, and a filter box that narrows the
//! codes as you type.
//!
//! The body is the markdown reference rendered by pulldown-cmark, so the two
//! never disagree; catalogue text was escaped when the markdown was written,
//! so nothing in it can become markup here.

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, html};

use super::outline;
use crate::emit::header_text;
use crate::model::Catalog;

const STYLE: &str = "
:root { color-scheme: light dark; --line: #8884; --muted: #888; }
body { font: 16px/1.5 system-ui, sans-serif; margin: 0; display: flex; }
nav { position: sticky; top: 0; height: 100vh; overflow: auto; padding: 1rem 1.5rem; min-width: 14rem;
      border-right: 1px solid var(--line); box-sizing: border-box; }
nav ul { list-style: none; padding-left: 0; margin: 0; }
nav li.level-3 { padding-left: 1rem; }
nav a { text-decoration: none; }
main { padding: 1rem 2rem 4rem; min-width: 0; flex: 1; }
table { border-collapse: collapse; margin: 1rem 0; width: 100%; }
th, td { border: 1px solid var(--line); padding: .35rem .6rem; text-align: left; vertical-align: top; }
code { font-family: ui-monospace, monospace; font-size: .92em; }
pre { overflow: auto; padding: .75rem; border: 1px solid var(--line); }
.filter { position: sticky; top: 0; padding: .6rem 0; background: Canvas; z-index: 1; }
.filter input { font: inherit; padding: .35rem .6rem; width: min(32rem, 100%); }
.filter output { color: var(--muted); margin-left: .75rem; }
tr:has(a:target) { outline: 2px solid Highlight; }
.hidden { display: none; }
";

/// Narrows the code rows to those whose text contains every word typed (the
/// wire code too: `20404`), and hides group sections left empty. Rows are
/// found by their code anchor.
/// Hand-written ES5 so it runs in any browser without a build step.
const SCRIPT: &str = "
(function () {
  var input = document.getElementById('filter');
  var count = document.getElementById('filter-count');
  // A code's row holds its anchor, and another for its wire code where that differs.
  var rows = Array.prototype.filter.call(document.querySelectorAll('tr'), function (row) {
    return row.querySelector('td a[id]');
  });
  function update() {
    var words = input.value.toLowerCase().split(/\\s+/).filter(Boolean);
    var shown = 0;
    rows.forEach(function (row) {
      var text = row.textContent.toLowerCase();
      var match = words.every(function (word) { return text.indexOf(word) !== -1; });
      row.classList.toggle('hidden', !match);
      if (match) { shown += 1; }
    });
    // A group section (its heading, prose and table) goes when none of its
    // codes is left.
    document.querySelectorAll('main h3').forEach(function (heading) {
      var members = [];
      for (var el = heading.nextElementSibling; el && !/^H[23]$/.test(el.tagName); el = el.nextElementSibling) {
        members.push(el);
      }
      var table = members.filter(function (el) { return el.tagName === 'TABLE'; })[0];
      if (!table || table.querySelectorAll('td a[id]').length === 0) { return; }
      var empty = table.querySelectorAll('tbody tr:not(.hidden)').length === 0;
      [heading].concat(members).forEach(function (el) { el.classList.toggle('hidden', empty); });
    });
    count.textContent = shown + ' of ' + rows.length + ' codes';
  }
  input.addEventListener('input', update);
  input.addEventListener('search', update);
  update();
})();
";

/// The reference's markdown as HTML. Its links to the code pages'
/// markdown (`codes/x.md`) become links to their web pages
/// (`codes/x.html`), as mdBook rewrites them.
fn render_reference(markdown: &str) -> String {
    let to_web_page = |event| match event {
        Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
            let dest_url = if let Some(page) = dest_url.strip_prefix("codes/").and_then(|page| page.strip_suffix(".md"))
            {
                CowStr::from(format!("codes/{page}.html"))
            } else if let Some(language) = dest_url.strip_prefix("errors").and_then(|rest| rest.strip_suffix(".md")) {
                // Another language's reference: `errors.nl.md` is `index.nl.html`.
                CowStr::from(format!("index{language}.html"))
            } else {
                dest_url
            };
            Event::Start(Tag::Link { link_type, dest_url, title, id })
        }
        event => event,
    };
    let mut body = String::new();
    html::push_html(&mut body, Parser::new_ext(markdown, Options::ENABLE_TABLES).map(to_web_page));
    body
}

/// The page for `catalog` in the language at `locale`; `markdown` is its
/// reference as `errors_md` wrote it.
pub fn index_html(catalog: &Catalog, locale: usize, markdown: &str) -> String {
    let body = render_reference(markdown);
    let title = super::title(catalog);
    let language = catalog.locales.get(locale).map_or("en", |locale| locale.tag.as_str());
    let mut out = String::new();
    emit!(
        out,
        "<!DOCTYPE html>\n<!-- {header} -->\n<html lang=\"{language}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{title}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        header = header_text(),
        title = escape_html(&title),
        language = escape_html(language),
    );
    out.push_str("<nav aria-label=\"Contents\">\n<strong>Contents</strong>\n<ul>\n");
    for section in outline(catalog) {
        emitln!(
            out,
            "<li class=\"level-{}\"><a href=\"#{}\">{}</a></li>",
            section.level,
            section.id,
            escape_html(&section.title)
        );
    }
    out.push_str("</ul>\n</nav>\n<main>\n");
    out.push_str(
        "<div class=\"filter\"><label>Filter codes <input id=\"filter\" type=\"search\" autocomplete=\"off\" \
         placeholder=\"code, status, message…\"></label><output id=\"filter-count\"></output></div>\n",
    );
    out.push_str(&body);
    emit!(out, "</main>\n<script>{SCRIPT}</script>\n</body>\n</html>\n");
    out
}

/// A code's page, in the reference's style (the site's `style.css`, one
/// folder up, shared by every page rather than repeated in each): `title`
/// and `head` are HTML already, `body` the rendered markdown.
pub(super) fn page_shell(title: &str, head: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<!-- {header} -->\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n{head}\
         <title>{title}</title>\n<link rel=\"stylesheet\" href=\"../style.css\">\n</head>\n<body>\n<main>\n{body}</main>\n\
         </body>\n</html>\n",
        header = header_text(),
    )
}

/// The code pages' stylesheet: the reference page's own style.
pub fn style_css() -> String {
    format!("/* {} */\n{}", header_text(), STYLE.trim_start())
}

pub(super) fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ if crate::invisible::is_invisible(ch) => out.push_str(&crate::invisible::escaped(ch)),
            _ => out.push(ch),
        }
    }
    out
}
