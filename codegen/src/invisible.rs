//! Which characters of catalogue text are invisible or control characters,
//! and how every output shows them instead: `\u{202e}`.
//!
//! Owned here, below both the validator (which warns about them, with the
//! place) and the emitters (which must never write them raw into Rust doc
//! comments, markdown or HTML): a bidi override in a doc comment stops the
//! generated crate from compiling (`text_direction_codepoint_in_comment` is
//! deny-by-default), and in the published reference it can make text read
//! differently from what it says ("Trojan Source", CVE-2021-42574).
//!
//! The wire value is never changed: Rust string literals escape these
//! characters themselves and JSON carries them as they are.

/// Whether `ch` must not appear raw in a doc comment, markdown or HTML.
///
/// Control characters (Cc, except line feed and tab, which every emitter
/// handles), format characters (Cf: bidi controls, zero-width spaces, the
/// byte-order mark, tag characters...), line and paragraph separators
/// (Zl, Zp), and the fillers that render as nothing but are letters
/// (U+115F, U+1160, U+3164, U+FFA0) or marks (U+034F). The zero-width
/// joiner (U+200D) and variation selectors are kept: emoji sequences are
/// built from them and they hide nothing on their own.
#[inline]
pub fn is_invisible(ch: char) -> bool {
    let code = u32::from(ch);
    // Most text is ASCII: decide it without the table (the generator scans
    // every byte of its output).
    if code < 0x80 {
        return ch.is_ascii_control() && ch != '\n' && ch != '\t';
    }
    if ch == '\u{200d}' {
        return false;
    }
    // The ranges are sorted and apart (tested): a binary search, so text
    // in other scripts costs a few comparisons per character.
    let in_range = |&(first, last): &(u32, u32)| {
        if last < code {
            std::cmp::Ordering::Less
        } else if first > code {
            std::cmp::Ordering::Greater
        } else {
            std::cmp::Ordering::Equal
        }
    };
    ch.is_control() || FORMAT_AND_BLANK.binary_search_by(in_range).is_ok()
}

/// Cf, Zl and Zp of Unicode 16, plus the blank-rendering fillers above.
const FORMAT_AND_BLANK: &[(u32, u32)] = &[
    (0x00AD, 0x00AD),
    (0x034F, 0x034F),
    (0x0600, 0x0605),
    (0x061C, 0x061C),
    (0x06DD, 0x06DD),
    (0x070F, 0x070F),
    (0x0890, 0x0891),
    (0x08E2, 0x08E2),
    (0x115F, 0x1160),
    (0x17B4, 0x17B5),
    (0x180B, 0x180F),
    (0x200B, 0x200F),
    (0x2028, 0x202E),
    (0x2060, 0x2064),
    (0x2066, 0x206F),
    (0x3164, 0x3164),
    (0xFEFF, 0xFEFF),
    (0xFFA0, 0xFFA0),
    (0xFFF9, 0xFFFB),
    (0x110BD, 0x110BD),
    (0x110CD, 0x110CD),
    (0x13430, 0x1343F),
    (0x1BCA0, 0x1BCA3),
    (0x1D173, 0x1D17A),
    (0xE0001, 0xE0001),
    (0xE0020, 0xE007F),
];

/// The first invisible character of `text`, if any.
pub fn first_invisible(text: &str) -> Option<char> {
    // Printable ASCII, line feeds and tabs (nearly all catalogue text) are
    // ruled out a byte at a time, which the compiler vectorizes.
    if text.bytes().all(|byte| (0x20..0x7f).contains(&byte) || byte == b'\n' || byte == b'\t') {
        return None;
    }
    text.chars().find(|&ch| is_invisible(ch))
}

/// How an invisible character is shown: its Rust escape, `\u{202e}`.
pub fn escaped(ch: char) -> String {
    format!("\\u{{{:x}}}", u32::from(ch))
}

/// `text` with each invisible character replaced by its escape.
pub fn visible(text: &str) -> std::borrow::Cow<'_, str> {
    if first_invisible(text).is_none() {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for ch in text.chars() {
        if is_invisible(ch) {
            out.push_str(&escaped(ch));
        } else {
            out.push(ch);
        }
    }
    std::borrow::Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bidi_zero_width_and_controls_are_invisible() {
        for ch in ['\u{202e}', '\u{2066}', '\u{200b}', '\u{feff}', '\u{e0041}', '\r', '\u{7f}', '\u{85}', '\u{2028}'] {
            assert!(is_invisible(ch), "{:x}", u32::from(ch));
        }
    }

    #[test]
    fn the_ranges_are_sorted_and_apart_for_the_binary_search() {
        for pair in FORMAT_AND_BLANK.windows(2) {
            assert!(pair[0].0 <= pair[0].1 && pair[0].1 < pair[1].0, "{pair:x?}");
        }
        for &(first, last) in FORMAT_AND_BLANK {
            for code in [first, last] {
                assert!(is_invisible(char::from_u32(code).unwrap()), "{code:x}");
            }
        }
    }

    #[test]
    fn text_and_emoji_sequences_are_not() {
        for ch in ['a', 'ש', 'م', '中', '\n', '\t', '\u{200d}', '\u{fe0f}', '\u{301}', '🚀', ' ', '\u{a0}'] {
            assert!(!is_invisible(ch), "{:x}", u32::from(ch));
        }
        assert_eq!(escaped('\u{202e}'), "\\u{202e}");
        assert_eq!(visible("a\u{202e}b"), "a\\u{202e}b");
    }
}
