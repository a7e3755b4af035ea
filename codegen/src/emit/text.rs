//! Escaping of catalogue text for each target language, in one place so every
//! emitter gets it right the same way. Invisible and control characters are
//! shown as escapes (`\u{202e}`) everywhere text is prose, never raw.

use crate::invisible::{escaped, is_invisible};

/// Catalogue prose inside rustdoc: one line, with every markdown
/// metacharacter escaped so the text can neither start a code block (which
/// would become a doctest), nor an intra-doc link, nor HTML. Written as a
/// careful person would: `_` inside a word (`agent_id`) stays as it is
/// (it cannot start emphasis there), and a URL becomes a link (`<https://...>`).
pub fn rustdoc_inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (index, line) in text.lines().map(str::trim).filter(|line| !line.is_empty()).enumerate() {
        if index > 0 {
            out.push(' ');
        }
        // Most prose has nothing to escape and no link: copied whole.
        if !line.contains("http") && line.bytes().all(|byte| byte < 0x80 && !RUSTDOC_SPECIAL.contains(byte)) {
            out.push_str(line);
            continue;
        }
        for (position, word) in line.split(' ').enumerate() {
            if position > 0 {
                out.push(' ');
            }
            if is_link(word) {
                out.push('<');
                out.push_str(word);
                out.push('>');
            } else {
                rustdoc_word(word, &mut out);
            }
        }
    }
    out
}

/// An http(s) URL with nothing that would end an autolink early or need
/// escaping.
fn is_link(word: &str) -> bool {
    (word.starts_with("https://") || word.starts_with("http://"))
        && word.len() > "https://".len()
        && word.chars().all(|ch| ch.is_ascii_graphic() && !matches!(ch, '<' | '>' | '`' | '\\'))
}

/// What `rustdoc_word` writes differently in ASCII: markdown and HTML
/// metacharacters, and every control (a tab in a doc comment renders
/// unpredictably, and clippy denies it).
const RUSTDOC_SPECIAL: AsciiSet = AsciiSet::new(b"\\`*_[]<>|#&~{}!", true, b"\n");

fn rustdoc_word(word: &str, out: &mut String) {
    let alphanumeric = |ch: Option<char>| ch.is_some_and(char::is_alphanumeric);
    let bytes = word.as_bytes();
    let (mut plain_from, mut at) = (0, 0);
    while at < bytes.len() {
        let byte = bytes[at];
        let ch = if byte < 0x80 { char::from(byte) } else { word[at..].chars().next().expect("a character boundary") };
        let next = at + ch.len_utf8();
        let special = if byte < 0x80 { RUSTDOC_SPECIAL.contains(byte) } else { is_invisible(ch) };
        let intraword_underscore =
            ch == '_' && alphanumeric(word[..at].chars().next_back()) && alphanumeric(word[next..].chars().next());
        if special && !intraword_underscore {
            out.push_str(&word[plain_from..at]);
            plain_from = next;
            match ch {
                '\t' => out.push(' '),
                _ if ch.is_ascii_punctuation() => {
                    out.push('\\');
                    out.push(ch);
                }
                _ => out.push_str(&escaped(ch)),
            }
        }
        at = next;
    }
    out.push_str(&word[plain_from..]);
}

/// What `markdown_inline` escapes in ASCII: `entity` and `backslashed`
/// below, and the invisible controls (all but tab and line feed).
const MARKDOWN_SPECIAL: AsciiSet = AsciiSet::new(b"<>&|\\`*_[]#~!", true, b"\t\n");

/// Catalogue prose inside a markdown table cell or list item: one line, with
/// markdown and HTML metacharacters escaped. `<` and `&` become entities so no
/// tag (`<script>`) or entity survives rendering.
pub fn markdown_inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (index, line) in text.lines().map(str::trim).filter(|line| !line.is_empty()).enumerate() {
        if index > 0 {
            out.push_str("<br>");
        }
        let entity = |ch| match ch {
            '<' => Some("&lt;"),
            '>' => Some("&gt;"),
            '&' => Some("&amp;"),
            _ => None,
        };
        let backslashed = |ch| matches!(ch, '|' | '\\' | '`' | '*' | '_' | '[' | ']' | '#' | '~' | '!');
        escape_runs(&mut out, line, MARKDOWN_SPECIAL, is_invisible, |ch, out| match entity(ch) {
            Some(entity) => out.push_str(entity),
            None if backslashed(ch) => {
                out.push('\\');
                out.push(ch);
            }
            None => out.push_str(&escaped(ch)),
        });
    }
    out
}

/// The ASCII characters an escaper writes differently, as a bit set, so the
/// printable text that is nearly all of a catalogue is passed over a byte at
/// a time without decoding it or asking the escaper's rule.
#[derive(Clone, Copy)]
pub struct AsciiSet(u128);

impl AsciiSet {
    /// `chars`, plus the C0 controls (U+0000-U+001F) and DEL where
    /// `controls` says so, except the line feeds and tabs in `keep`.
    pub const fn new(chars: &[u8], controls: bool, keep: &[u8]) -> AsciiSet {
        let mut bits = 0u128;
        if controls {
            bits = ((1 << 0x20) - 1) | (1 << 0x7f);
        }
        let mut index = 0;
        while index < chars.len() {
            bits |= 1 << chars[index];
            index += 1;
        }
        let mut index = 0;
        while index < keep.len() {
            bits &= !(1 << keep[index]);
            index += 1;
        }
        AsciiSet(bits)
    }

    fn contains(self, byte: u8) -> bool {
        byte < 0x80 && self.0 >> byte & 1 == 1
    }
}

/// `text` onto `out`: each ASCII character in `ascii`, and each other
/// character `special` picks, written by `escape`; the runs of other
/// characters between them copied whole. Every escaper of this crate
/// (string literals, JSON strings, markdown) is this loop with its own rules.
pub fn escape_runs(
    out: &mut String,
    text: &str,
    ascii: AsciiSet,
    special: impl Fn(char) -> bool,
    mut escape: impl FnMut(char, &mut String),
) {
    let bytes = text.as_bytes();
    let (mut plain_from, mut at) = (0, 0);
    while at < bytes.len() {
        let byte = bytes[at];
        if byte < 0x80 {
            if ascii.contains(byte) {
                out.push_str(&text[plain_from..at]);
                escape(char::from(byte), out);
                plain_from = at + 1;
            }
            at += 1;
            continue;
        }
        let ch = text[at..].chars().next().expect("`at` is a character boundary");
        let next = at + ch.len_utf8();
        if special(ch) {
            out.push_str(&text[plain_from..at]);
            escape(ch, out);
            plain_from = next;
        }
        at = next;
    }
    out.push_str(&text[plain_from..]);
}

/// Markdown for a name that is safe by construction (snake_case) as code.
pub fn code_span(name: &str) -> String {
    format!("`{name}`")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rustdoc_text_cannot_open_code_or_links() {
        assert_eq!(rustdoc_inline("    ```rust\nfn x() {}\n```"), "\\`\\`\\`rust fn x() \\{\\} \\`\\`\\`");
        assert_eq!(rustdoc_inline("see [Foo]"), "see \\[Foo\\]");
        assert_eq!(rustdoc_inline("agent_id _x_ *y*"), "agent_id \\_x\\_ \\*y\\*");
        assert_eq!(
            rustdoc_inline("see https://docs.example.com/a_b#c now"),
            "see <https://docs.example.com/a_b#c> now"
        );
        assert_eq!(rustdoc_inline("javascript:alert(1)"), "javascript:alert(1)");
    }

    #[test]
    fn markdown_text_cannot_break_tables_or_inject_html() {
        assert_eq!(markdown_inline("a | b"), "a \\| b");
        assert_eq!(markdown_inline("<script>x</script>"), "&lt;script&gt;x&lt;/script&gt;");
        assert_eq!(markdown_inline("line one\nline two"), "line one<br>line two");
    }

    #[test]
    fn invisible_characters_are_shown_escaped() {
        assert_eq!(rustdoc_inline("a\u{202e}b\rc\td"), "a\\u{202e}b\\u{d}c d");
        assert_eq!(markdown_inline("a\u{202e}b\u{200b}"), "a\\u{202e}b\\u{200b}");
        // Tabs stay; other controls, DEL included, are shown.
        assert_eq!(markdown_inline("a\tb\u{7f}c\u{1b}d\u{85}e"), "a\tb\\u{7f}c\\u{1b}d\\u{85}e");
    }
}
