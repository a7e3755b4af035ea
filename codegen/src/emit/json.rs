//! JSON text of the generated documents (the schemas, OpenAPI, the example
//! bodies, the TypeScript catalogue), written by serde_json. The one rule
//! of ours is a [`Formatter`]: in documents people read, characters that
//! render as nothing are written as `\u` escapes (the same JSON value).

use std::io;

use serde::Serialize as _;
use serde_json::Value;
use serde_json::ser::{CompactFormatter, Formatter, PrettyFormatter};

/// How characters that render as nothing are written inside strings.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Invisible {
    /// As they are: example bodies stay byte-identical to what the crate
    /// serializes.
    Raw,
    /// As `\uXXXX` escapes: documents people read show a bidi override or a
    /// zero-width space instead of hiding it.
    Escaped,
}

/// `value` as `serde_json::to_string_pretty` writes it, ending in a line feed.
pub fn pretty(value: &Value, invisible: Invisible) -> String {
    let mut text = write(value, ShowInvisible { inner: PrettyFormatter::new(), invisible });
    text.push('\n');
    text
}

/// `value` on one line, as `serde_json::to_string` writes it.
pub fn compact(value: &Value, invisible: Invisible) -> String {
    write(value, ShowInvisible { inner: CompactFormatter, invisible })
}

fn write(value: &Value, formatter: impl Formatter) -> String {
    let mut out = Vec::new();
    let mut serializer = serde_json::Serializer::with_formatter(&mut out, formatter);
    value.serialize(&mut serializer).expect("a JSON value always serializes");
    String::from_utf8(out).expect("serde_json writes UTF-8")
}

/// A formatter that writes like `inner`, with invisible characters escaped
/// when they are shown.
struct ShowInvisible<F> {
    inner: F,
    invisible: Invisible,
}

/// Every method but `write_string_fragment` is `inner`'s.
macro_rules! delegate {
    ($($method:ident($($arg:ident: $ty:ty),*)),* $(,)?) => {
        $(fn $method<W: ?Sized + io::Write>(&mut self, writer: &mut W $(, $arg: $ty)*) -> io::Result<()> {
            self.inner.$method(writer $(, $arg)*)
        })*
    };
}

impl<F: Formatter> Formatter for ShowInvisible<F> {
    delegate! {
        begin_array(), end_array(), begin_array_value(first: bool), end_array_value(),
        begin_object(), end_object(), begin_object_key(first: bool), end_object_key(),
        begin_object_value(), end_object_value(),
    }

    /// A run of characters serde_json does not escape itself (it escapes
    /// quotes, backslashes and U+0000 to U+001F).
    fn write_string_fragment<W: ?Sized + io::Write>(&mut self, writer: &mut W, fragment: &str) -> io::Result<()> {
        if self.invisible == Invisible::Raw {
            return writer.write_all(fragment.as_bytes());
        }
        let mut start = 0;
        for (at, ch) in fragment.char_indices().filter(|&(_, ch)| ch == '\u{7f}' || crate::invisible::is_invisible(ch))
        {
            writer.write_all(&fragment.as_bytes()[start..at])?;
            for unit in ch.encode_utf16(&mut [0; 2]) {
                write!(writer, "\\u{unit:04x}")?;
            }
            start = at + ch.len_utf8();
        }
        writer.write_all(&fragment.as_bytes()[start..])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// Raw, the text is serde_json's, byte for byte.
    #[test]
    fn raw_text_is_serde_jsons() {
        let values = [
            json!(null),
            json!({}),
            json!([]),
            json!({ "a": [], "b": {}, "c": [1, -2, 1.5, 1e300, true, false, null] }),
            json!([[{ "x": [[]] }], "quote \" backslash \\ controls \n\r\t\u{8}\u{c}\u{1}\u{1f}\u{7f}"]),
            json!({ "ünïcödé ключ": "emoji 👩‍💻, bidi \u{202e}, zero width \u{200b}, BOM \u{feff}" }),
        ];
        for value in values {
            assert_eq!(pretty(&value, Invisible::Raw), serde_json::to_string_pretty(&value).unwrap() + "\n");
            assert_eq!(compact(&value, Invisible::Raw), serde_json::to_string(&value).unwrap());
        }
    }

    /// Shown, an invisible character is a `\u` escape of the same string.
    #[test]
    fn escaped_invisibles_parse_back_to_the_same_value() {
        let value = json!({ "k\u{202e}": ["a\u{200b}b", "\u{e0041}", "\u{7f}", "plain é"] });
        let text = pretty(&value, Invisible::Escaped);
        assert!(text.contains("\\u202e") && text.contains("\\u200b") && text.contains("\\udb40\\udc41"));
        assert!(text.contains("\\u007f") && text.contains("plain é"));
        assert!(!text.contains('\u{202e}') && !text.contains('\u{200b}'));
        assert_eq!(serde_json::from_str::<Value>(&text).unwrap(), value);
    }
}
