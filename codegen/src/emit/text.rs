//! Escaping of catalogue text for each target language, in one place so every
//! emitter gets it right the same way. Invisible and control characters are
//! shown as escapes (`\u{202e}`) everywhere text is prose, never raw.

use crate::invisible::{escaped, is_invisible};

/// Catalogue prose inside rustdoc: one line, escaped just enough that the
/// text can neither start a code block (which would become a doctest), a
/// code span, a link, emphasis, HTML nor (at the start of a line) a heading,
/// quote, list or rule. Written as a careful person would: characters
/// markdown reads as plain text here stay as they are (`{length}`, `~10`,
/// `a | b`, `_` inside a word), and a URL becomes a link (`<https://...>`).
/// For text after something else on its line; [`rustdoc_line`] for text
/// that starts one.
pub fn rustdoc_inline(text: &str) -> String {
    rustdoc_text(text, false)
}

/// [`rustdoc_inline`] for text that starts a doc line, where `# x`, `> x`,
/// `- x` and `1. x` would start a heading, quote or list.
pub fn rustdoc_line(text: &str) -> String {
    rustdoc_text(text, true)
}

fn rustdoc_text(text: &str, starts_line: bool) -> String {
    let line = one_line(text);
    // A lone `~` is text; two can strike out what lies between.
    let strike = line.matches('~').count() > 1;
    let mut out = String::with_capacity(line.len() + 8);
    for (position, word) in line.split(' ').enumerate() {
        if position > 0 {
            out.push(' ');
        }
        if is_link(word) {
            out.push('<');
            out.push_str(word);
            out.push('>');
        } else {
            rustdoc_word(word, starts_line && position == 0, strike, &mut out);
        }
    }
    out
}

/// The text's lines, trimmed, the empty ones left out, joined by spaces.
fn one_line(text: &str) -> String {
    text.lines().map(str::trim).filter(|line| !line.is_empty()).collect::<Vec<_>>().join(" ")
}

/// An http(s) URL with nothing that would end an autolink early or need
/// escaping.
fn is_link(word: &str) -> bool {
    (word.starts_with("https://") || word.starts_with("http://"))
        && word.len() > "https://".len()
        && word.chars().all(|ch| ch.is_ascii_graphic() && !matches!(ch, '<' | '>' | '`' | '\\'))
}

/// One word of [`rustdoc_inline`]; `first` when it starts the line.
fn rustdoc_word(word: &str, first: bool, strike: bool, out: &mut String) {
    let alphanumeric = |ch: Option<char>| ch.is_some_and(char::is_alphanumeric);
    for (at, ch) in word.char_indices() {
        let before = word[..at].chars().next_back();
        let after = word[at + ch.len_utf8()..].chars().next();
        let special = match ch {
            '\\' | '`' | '*' | '[' | ']' | '<' => true,
            '_' => !(alphanumeric(before) && alphanumeric(after)),
            '~' => strike,
            // `&amp;` and `&#123;` are character references.
            '&' => after.is_some_and(|next| next.is_ascii_alphanumeric() || next == '#'),
            // Block markers count only as the line's first word: `# x`,
            // `> x`, `- x`, `+ x`, `---`, `===`, and `1.` or `1)` of a list.
            '>' => first && at == 0,
            '#' | '-' | '+' | '=' => first && at == 0 && word.chars().all(|other| other == ch),
            '.' | ')' => first && after.is_none() && at > 0 && word[..at].bytes().all(|byte| byte.is_ascii_digit()),
            '\t' => {
                out.push(' ');
                continue;
            }
            _ if ch.is_control() || is_invisible(ch) => {
                out.push_str(&escaped(ch));
                continue;
            }
            _ => false,
        };
        if special {
            out.push('\\');
        }
        out.push(ch);
    }
}

/// Catalogue prose inside a markdown table cell, list item or heading: one
/// line (a line break becomes `<br>`), with markdown and HTML
/// metacharacters escaped. `<` and `>` become entities so no tag
/// (`<script>`) survives rendering, and `&` where it would start one
/// (`&amp;`, `&#123;`); a lone `&` stays as written (`Billing & Payments`).
/// Backticks the writer paired on a line are code spans (`` `param` ``),
/// kept as written but for `|`, which would end the table cell.
pub fn markdown_inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (index, line) in text.lines().map(str::trim).filter(|line| !line.is_empty()).enumerate() {
        if index > 0 {
            out.push_str("<br>");
        }
        // Paired backticks are code; an odd one out is text. Only single
        // ones pair: markdown reads a run (``` `` ```) as one delimiter of
        // its length, so a line with one has all its backticks escaped, or
        // text taken for code here could be taken for HTML there.
        let spans = if line.contains("``") { 0 } else { line.matches('`').count() / 2 };
        for (part, piece) in line.split('`').enumerate() {
            let in_code = part % 2 == 1 && part <= 2 * spans;
            if part > 0 {
                out.push_str(if part <= 2 * spans { "`" } else { "\\`" });
            }
            if in_code {
                markdown_code(piece, &mut out);
            } else {
                markdown_text(piece, &mut out);
            }
        }
    }
    out
}

fn markdown_text(text: &str, out: &mut String) {
    for (at, ch) in text.char_indices() {
        let after = text[at + ch.len_utf8()..].chars().next();
        match ch {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' if after.is_some_and(|next| next.is_ascii_alphanumeric() || next == '#') => out.push_str("&amp;"),
            '|' | '\\' | '*' | '_' | '[' | ']' | '#' | '~' | '!' => {
                out.push('\\');
                out.push(ch);
            }
            '\t' => out.push(ch),
            _ if ch.is_control() || is_invisible(ch) => out.push_str(&escaped(ch)),
            _ => out.push(ch),
        }
    }
}

/// The inside of a code span: shown as written (markdown reads nothing in
/// it), but for `|`, which ends a table cell even there, and the characters
/// no reader can see.
fn markdown_code(text: &str, out: &mut String) {
    for ch in text.chars() {
        match ch {
            '|' => out.push_str("\\|"),
            _ if ch.is_control() || is_invisible(ch) => out.push_str(&escaped(ch)),
            _ => out.push(ch),
        }
    }
}

/// Any text as one markdown code span, in a table cell too: fenced with more
/// backticks than it holds in a row, `|` escaped.
pub fn inline_code(text: &str) -> String {
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let pad = if text.starts_with('`') || text.ends_with('`') { " " } else { "" };
    let mut inner = String::with_capacity(text.len());
    markdown_code(&one_line(text), &mut inner);
    format!("{fence}{pad}{inner}{pad}{fence}")
}

/// Markdown for a name that is safe by construction (snake_case) as code.
pub fn code_span(name: &str) -> String {
    format!("`{name}`")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rustdoc_text_cannot_open_code_links_or_blocks() {
        assert_eq!(rustdoc_inline("    ```rust\nfn x() {}\n```"), "\\`\\`\\`rust fn x() {} \\`\\`\\`");
        assert_eq!(rustdoc_inline("see [Foo]"), "see \\[Foo\\]");
        assert_eq!(rustdoc_inline("agent_id _x_ *y*"), "agent_id \\_x\\_ \\*y\\*");
        assert_eq!(
            rustdoc_inline("see https://docs.example.com/a_b#c now"),
            "see <https://docs.example.com/a_b#c> now"
        );
        assert_eq!(rustdoc_inline("javascript:alert(1)"), "javascript:alert(1)");
        assert_eq!(rustdoc_inline("<b>bold</b> &amp; a & b"), "\\<b>bold\\</b> \\&amp; a & b");
        for (block, escaped) in
            [("# Title", "\\# Title"), ("> quote", "\\> quote"), ("- item", "\\- item"), ("---", "\\---")]
        {
            assert_eq!(rustdoc_line(block), escaped);
            assert_eq!(rustdoc_inline(block), block, "mid-line, nothing to escape");
        }
        assert_eq!(rustdoc_line("1. first"), "1\\. first");
        assert_eq!(rustdoc_inline("~~struck~~"), "\\~\\~struck\\~\\~");
    }

    /// What markdown reads as plain text stays as written.
    #[test]
    fn rustdoc_text_is_not_escaped_more_than_it_needs() {
        for plain in [
            "System prompt is {length} characters; the limit is {limit}",
            "Trim to under ~10,000 chars",
            "a | b, c # d, e > f, g - h, 1. i, x = y!",
            "-5 degrees, #hashtag, 3.14",
            "agent_id and call_id",
        ] {
            assert_eq!(rustdoc_inline(plain), plain);
        }
    }

    #[test]
    fn markdown_text_cannot_break_tables_or_inject_html() {
        assert_eq!(markdown_inline("a | b"), "a \\| b");
        assert_eq!(markdown_inline("<script>x</script>"), "&lt;script&gt;x&lt;/script&gt;");
        assert_eq!(markdown_inline("line one\nline two"), "line one<br>line two");
        // Code spans the writer paired stay code, their pipes escaped.
        assert_eq!(markdown_inline("Set `param` to `a|b`"), "Set `param` to `a\\|b`");
        assert_eq!(markdown_inline("one ` alone"), "one \\` alone");
        assert_eq!(markdown_inline("`a` and ` b"), "`a` and \\` b");
        assert_eq!(markdown_inline("`<script>`"), "`<script>`");
        // A run of backticks is one delimiter to markdown: none pairs here.
        assert_eq!(markdown_inline("```<img>`"), "\\`\\`\\`&lt;img&gt;\\`");
        assert_eq!(markdown_inline("`a``b`"), "\\`a\\`\\`b\\`");
        // `&` is escaped only where it would start a character reference.
        assert_eq!(markdown_inline("Billing & Payments"), "Billing & Payments");
        assert_eq!(markdown_inline("&amp; &#60; &x"), "&amp;amp; &amp;\\#60; &amp;x");
    }

    #[test]
    fn any_text_is_one_code_span() {
        assert_eq!(inline_code("20404"), "`20404`");
        assert_eq!(inline_code("a`b"), "``a`b``");
        assert_eq!(inline_code("`x"), "`` `x ``");
        assert_eq!(inline_code("a|b"), "`a\\|b`");
    }

    #[test]
    fn invisible_characters_are_shown_escaped() {
        assert_eq!(rustdoc_inline("a\u{202e}b\rc\td"), "a\\u{202e}b\\u{d}c d");
        assert_eq!(markdown_inline("a\u{202e}b\u{200b}"), "a\\u{202e}b\\u{200b}");
        // Tabs stay; other controls, DEL included, are shown.
        assert_eq!(markdown_inline("a\tb\u{7f}c\u{1b}d\u{85}e"), "a\tb\\u{7f}c\\u{1b}d\\u{85}e");
    }
}
