//! A JSON text writer for the generated documents: the schemas, OpenAPI
//! and the example bodies.
//!
//! Why not `serde_json::Value` trees: at 10,000 codes the schemas and
//! OpenAPI are 28 MB of text, and building, pretty-printing, dropping and
//! then rescanning (for invisible characters) their value trees was half of
//! the generator's time and most of its memory. This writes the same bytes
//! as `serde_json::to_string_pretty` (two-space indent, `": "`, one entry
//! per line, `{}`/`[]` when empty) straight into one `String`, in one pass.
//!
//! Callers open and close objects and arrays themselves; the writer puts the
//! separators and the indentation, so a document reads top to bottom like
//! the JSON it writes.

use serde_json::Value;

use crate::emit::text::{AsciiSet, escape_runs};

/// How characters that render as nothing are written inside strings.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Invisible {
    /// As they are: example bodies stay byte-identical to what the crate
    /// serializes.
    Raw,
    /// As `\uXXXX` escapes (the same JSON value): documents people read
    /// show a bidi override or a zero-width space instead of hiding it.
    Escaped,
}

/// How the text is laid out.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// As `serde_json::to_string_pretty`: for documents people read.
    Pretty,
    /// As `serde_json::to_string`: no spaces, one line (data a program reads).
    Compact,
}

/// JSON text being written.
pub struct JsonWriter {
    out: String,
    invisible: Invisible,
    layout: Layout,
    /// Entries written so far in each open object or array, innermost last.
    open: Vec<usize>,
    /// A key was just written: the next value is its value, no separator.
    after_key: bool,
}

impl JsonWriter {
    /// A writer of pretty text.
    pub fn new(invisible: Invisible) -> Self {
        Self::with_layout(invisible, Layout::Pretty)
    }

    pub fn with_layout(invisible: Invisible, layout: Layout) -> Self {
        JsonWriter { out: String::new(), invisible, layout, open: Vec::new(), after_key: false }
    }

    /// The text, ending in a line feed.
    pub fn finish(mut self) -> String {
        self.out.push('\n');
        self.finish_line()
    }

    /// The text, without a line feed after it.
    pub fn finish_line(self) -> String {
        assert!(self.open.is_empty(), "every object and array is closed");
        self.out
    }

    pub fn open_object(&mut self) {
        self.before_value();
        self.out.push('{');
        self.open.push(0);
    }

    pub fn close_object(&mut self) {
        self.close('}');
    }

    pub fn open_array(&mut self) {
        self.before_value();
        self.out.push('[');
        self.open.push(0);
    }

    pub fn close_array(&mut self) {
        self.close(']');
    }

    /// The key of the next entry of the open object.
    pub fn key(&mut self, key: &str) {
        self.next_entry();
        self.quoted(key);
        self.out.push_str(if self.layout == Layout::Pretty { ": " } else { ":" });
        self.after_key = true;
    }

    pub fn string(&mut self, text: &str) {
        self.before_value();
        self.quoted(text);
    }

    pub fn integer(&mut self, number: i64) {
        self.before_value();
        emit!(self.out, "{number}");
    }

    pub fn boolean(&mut self, value: bool) {
        self.before_value();
        self.out.push_str(if value { "true" } else { "false" });
    }

    /// Any JSON value, written as serde_json would write it.
    pub fn value(&mut self, value: &Value) {
        match value {
            Value::Null => self.raw("null"),
            Value::Bool(value) => self.boolean(*value),
            Value::Number(number) => self.raw(&number.to_string()),
            Value::String(text) => self.string(text),
            Value::Array(items) => {
                self.open_array();
                items.iter().for_each(|item| self.value(item));
                self.close_array();
            }
            Value::Object(map) => {
                self.open_object();
                for (key, value) in map {
                    self.key(key);
                    self.value(value);
                }
                self.close_object();
            }
        }
    }

    /// `"key": "text"`.
    pub fn string_entry(&mut self, key: &str, text: &str) {
        self.key(key);
        self.string(text);
    }

    /// An array of strings.
    pub fn strings<'s>(&mut self, texts: impl IntoIterator<Item = &'s str>) {
        self.open_array();
        texts.into_iter().for_each(|text| self.string(text));
        self.close_array();
    }

    /// A value given as the text `pretty(value, Invisible::Raw)` wrote for
    /// it (without its final line feed), placed here as `value` would write
    /// it: each line indented to this depth, and the invisible characters
    /// escaped where this document shows them (they can only be inside
    /// strings; the structure is printable ASCII). Cheaper than writing the
    /// value again when its own file has the text already.
    pub fn pretty_text(&mut self, text: &str) {
        assert!(self.layout == Layout::Pretty, "pretty text goes into pretty documents");
        const LINES: AsciiSet = AsciiSet::new(b"\n", false, b"");
        const LINES_AND_DEL: AsciiSet = AsciiSet::new(b"\n\x7f", false, b"");
        self.before_value();
        let depth = self.open.len();
        let shown = self.invisible == Invisible::Escaped;
        let ascii = if shown { LINES_AND_DEL } else { LINES };
        let special = |ch: char| shown && crate::invisible::is_invisible(ch);
        escape_runs(&mut self.out, text, ascii, special, |ch, out| {
            if ch == '\n' {
                out.push('\n');
                (0..depth).for_each(|_| out.push_str("  "));
            } else {
                unicode_escape(ch, out);
            }
        });
    }

    fn raw(&mut self, text: &str) {
        self.before_value();
        self.out.push_str(text);
    }

    /// A value outside an object entry is the next element of an array (or
    /// the document itself).
    fn before_value(&mut self) {
        if std::mem::take(&mut self.after_key) {
            return;
        }
        if !self.open.is_empty() {
            self.next_entry();
        }
    }

    fn next_entry(&mut self) {
        let depth = self.open.len();
        let entries = self.open.last_mut().expect("an entry is written inside an object or array");
        let first = *entries == 0;
        *entries += 1;
        if self.layout == Layout::Compact {
            if !first {
                self.out.push(',');
            }
            return;
        }
        self.out.push_str(if first { "\n" } else { ",\n" });
        self.indent(depth);
    }

    fn close(&mut self, bracket: char) {
        let entries = self.open.pop().expect("closed what was opened");
        if entries > 0 && self.layout == Layout::Pretty {
            self.out.push('\n');
            self.indent(self.open.len());
        }
        self.out.push(bracket);
    }

    fn indent(&mut self, depth: usize) {
        for _ in 0..depth {
            self.out.push_str("  ");
        }
    }

    /// A JSON string: serde_json's escapes, plus the invisible characters
    /// when shown.
    fn quoted(&mut self, text: &str) {
        // serde_json escapes quotes, backslashes and U+0000-U+001F; DEL
        // and the other invisible characters only when they are shown.
        const RAW: AsciiSet = AsciiSet::new(b"\"\\", true, b"\x7f");
        const SHOWN: AsciiSet = AsciiSet::new(b"\"\\", true, b"");
        let shown = self.invisible == Invisible::Escaped;
        let ascii = if shown { SHOWN } else { RAW };
        let special = |ch: char| shown && crate::invisible::is_invisible(ch);
        self.out.reserve(text.len() + 2);
        self.out.push('"');
        escape_runs(&mut self.out, text, ascii, special, |ch, out| match ch {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            _ => unicode_escape(ch, out),
        });
        self.out.push('"');
    }
}

/// `\uXXXX`, one per UTF-16 unit, as serde_json writes escapes.
fn unicode_escape(ch: char, out: &mut String) {
    let mut units = [0u16; 2];
    for unit in ch.encode_utf16(&mut units) {
        emit!(out, "\\u{unit:04x}");
    }
}

/// `value` as pretty JSON text, ending in a line feed.
pub fn pretty(value: &Value, invisible: Invisible) -> String {
    let mut json = JsonWriter::new(invisible);
    json.value(value);
    json.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// The writer's text is serde_json's, byte for byte, for every kind of
    /// value, nesting and escape.
    #[test]
    fn writes_what_serde_json_writes() {
        let values = [
            json!(null),
            json!({}),
            json!([]),
            json!({ "a": [], "b": {}, "c": [1, -2, 1.5, 1e300, true, false, null] }),
            json!([[{ "x": [[]] }], "quote \" backslash \\ controls \n\r\t\u{8}\u{c}\u{1}\u{1f}\u{7f}"]),
            json!({ "ünïcödé ключ": "emoji 👩‍💻, bidi \u{202e}, zero width \u{200b}, BOM \u{feff}" }),
            json!(u64::MAX),
            json!(i64::MIN),
        ];
        for value in values {
            let expected = serde_json::to_string_pretty(&value).unwrap() + "\n";
            assert_eq!(pretty(&value, Invisible::Raw), expected);
            let mut compact = JsonWriter::with_layout(Invisible::Raw, Layout::Compact);
            compact.value(&value);
            assert_eq!(compact.finish_line(), serde_json::to_string(&value).unwrap());
        }
    }

    /// A value's pretty text placed at a depth is what writing the value
    /// there writes, invisible characters raw or shown.
    #[test]
    fn pretty_text_is_the_value_written_in_place() {
        let values = [
            json!({}),
            json!([]),
            json!("bidi \u{202e} zero width \u{200b} del \u{7f} tag \u{e0041} line\nbreak"),
            json!({ "k\u{202e}": [{ "a": [1, {}, []] }, "x\u{200b}"], "b": { "c": null } }),
        ];
        for invisible in [Invisible::Raw, Invisible::Escaped] {
            for value in &values {
                let text = pretty(value, Invisible::Raw);
                let write = |place: &dyn Fn(&mut JsonWriter)| {
                    let mut json = JsonWriter::new(invisible);
                    json.open_object();
                    json.key("outer");
                    json.open_array();
                    json.open_object();
                    json.key("value");
                    place(&mut json);
                    json.close_object();
                    json.close_array();
                    json.close_object();
                    json.finish()
                };
                let expected = write(&|json| json.value(value));
                assert_eq!(write(&|json| json.pretty_text(text.trim_end_matches('\n'))), expected);
            }
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
