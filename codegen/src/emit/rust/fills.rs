//! The parts of the generated crate that grow with the catalogue (the
//! `ErrorCode` variants, the per-code tables, the typed details), written as
//! text straight into the formatted file, in the layout prettyplease gives.
//!
//! Why: at 10,000 codes these parts are millions of tokens, and building them
//! as tokens or syn nodes only for prettyplease to print them again took most
//! of the generator's time and memory (`cargo xtask gen` at 10,000 codes spent
//! 2.4 s in tokens, parsing and printing). The rest of the crate is still
//! written with `quote!` and formatted by prettyplease; it leaves placeholders
//! (`static T: [X; N] = [];`, `pub enum ErrorCode {}`, `pub mod details {}`,
//! `const C: &str = "";`) that [`Fills::apply`] completes in the printed text.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::emit::text::{AsciiSet, escape_runs};
use crate::invisible::is_invisible;

/// Text for placeholder items, by name.
#[derive(Default)]
pub struct Fills {
    tables: BTreeMap<String, Vec<String>>,
    blocks: BTreeMap<String, String>,
    constants: BTreeMap<String, String>,
    strings: BTreeMap<String, Vec<String>>,
}

impl Fills {
    /// The elements (Rust expressions) of `static name: [_; N] = [];`.
    pub fn table(&mut self, name: &str, elements: impl IntoIterator<Item = String>) {
        self.tables.insert(name.to_string(), elements.into_iter().collect());
    }

    /// The body of `pub enum name {}` or `pub mod name {}`, each line indented
    /// as it stands inside the braces.
    pub fn block(&mut self, name: &str, body: String) {
        self.blocks.insert(name.to_string(), body);
    }

    /// The strings of `static name: runtime::Strings = runtime::Strings::new("", &[]);`.
    pub fn strings<'t>(&mut self, name: &str, texts: impl IntoIterator<Item = &'t str>) {
        self.strings.insert(name.to_string(), texts.into_iter().map(str::to_string).collect());
    }

    /// The value (a Rust expression) of `const name: T = "";`.
    pub fn constant(&mut self, name: &str, value: String) {
        self.constants.insert(name.to_string(), value);
    }

    /// `printed` (prettyplease's output) with every placeholder completed;
    /// every fill must find its placeholder.
    pub fn apply(mut self, printed: &str) -> String {
        let size = self
            .tables
            .values()
            .chain(self.strings.values())
            .flatten()
            .map(|element| element.len() + 12)
            .sum::<usize>()
            + self.blocks.values().chain(self.constants.values()).map(String::len).sum::<usize>();
        let mut out = String::with_capacity(printed.len() + size);
        for line in printed.split_inclusive('\n') {
            if !self.fill_line(line, &mut out) {
                out.push_str(line);
            }
        }
        assert!(self.tables.is_empty(), "unplaced tables: {:?}", self.tables.keys().collect::<Vec<_>>());
        assert!(self.blocks.is_empty(), "unplaced blocks: {:?}", self.blocks.keys().collect::<Vec<_>>());
        assert!(self.constants.is_empty(), "unplaced constants: {:?}", self.constants.keys().collect::<Vec<_>>());
        assert!(self.strings.is_empty(), "unplaced strings: {:?}", self.strings.keys().collect::<Vec<_>>());
        out
    }

    /// Writes the completed placeholder if `line` is one.
    fn fill_line(&mut self, line: &str, out: &mut String) -> bool {
        let content = line.trim_end_matches('\n');
        let indent = &content[..content.len() - content.trim_start().len()];
        let item = content.trim_start().strip_prefix("pub ").unwrap_or(content.trim_start());
        if let Some(rest) = item.strip_prefix("static ")
            && let Some(head) = content.strip_suffix(" = [];")
            && let Some(elements) = rest.split(':').next().and_then(|name| self.tables.remove(name))
        {
            let _ = writeln!(out, "{head} = [");
            write_elements(out, indent, &elements);
            let _ = writeln!(out, "{indent}];");
            return true;
        }
        if let Some(rest) = item.strip_prefix("static ")
            && let Some(head) = content.strip_suffix(" = runtime::Strings::new(\"\", &[]);")
            && let Some(texts) = rest.split(':').next().and_then(|name| self.strings.remove(name))
        {
            let _ = writeln!(out, "{head} = runtime::Strings::new(");
            write_strings(out, indent, &texts);
            let _ = writeln!(out, "{indent});");
            return true;
        }
        if let Some(rest) = item.strip_prefix("const ")
            && let Some(head) = content.strip_suffix(" = \"\";")
            && let Some(value) = rest.split(':').next().and_then(|name| self.constants.remove(name))
        {
            let _ = writeln!(out, "{head} = {value};");
            return true;
        }
        for keyword in ["enum ", "mod "] {
            if let Some(rest) = item.strip_prefix(keyword)
                && let Some(name) = rest.strip_suffix(" {}")
                && let Some(body) = self.blocks.remove(name)
            {
                let _ = writeln!(out, "{} {{", &content[..content.len() - 3]);
                out.push_str(&body);
                let _ = writeln!(out, "{indent}}}");
                return true;
            }
        }
        false
    }
}

/// The two arguments of `Strings::new`: the strings as one literal, each on
/// a line of its own (ended by `\`, which joins the lines and skips the
/// next line's indentation), and their bounds (0, then where each ends).
fn write_strings(out: &mut String, indent: &str, texts: &[String]) {
    let _ = writeln!(out, "{indent}    \"\\");
    let mut ends = Vec::with_capacity(texts.len() + 1);
    ends.push("0".to_string());
    let mut end = 0;
    for text in texts {
        let literal = string(text);
        let inner = &literal[1..literal.len() - 1];
        // The line break before it skips leading spaces: keep them escaped.
        let spaces = inner.len() - inner.trim_start_matches(' ').len();
        let _ = writeln!(out, "{indent}    {}{}\\", "\\u{20}".repeat(spaces), &inner[spaces..]);
        end += text.len();
        ends.push(u32::try_from(end).expect("a catalogue's texts are under 4 GiB").to_string());
    }
    let _ = writeln!(out, "{indent}    \",");
    let _ = writeln!(out, "{indent}    &[");
    write_elements(out, &format!("{indent}    "), &ends);
    let _ = writeln!(out, "{indent}    ],");
}

/// One element per line, or, when all are short plain literals (numbers,
/// `true`), as many per line as fit in 100 columns, as prettyplease does.
fn write_elements(out: &mut String, indent: &str, elements: &[String]) {
    let plain = elements.iter().all(|element| element.len() <= 24 && !element.contains(['"', ' ', '(', '{']));
    if !plain {
        for element in elements {
            let _ = writeln!(out, "{indent}    {element},");
        }
        return;
    }
    let mut line = String::new();
    for element in elements {
        if !line.is_empty() && indent.len() + 4 + line.len() + element.len() + 2 > 100 {
            let _ = writeln!(out, "{indent}    {}", line.trim_end());
            line.clear();
        }
        line.push_str(element);
        line.push_str(", ");
    }
    if !line.is_empty() {
        let _ = writeln!(out, "{indent}    {}", line.trim_end());
    }
}

/// A string literal holding exactly `text`: quotes, backslashes and line
/// breaks escaped, and control and invisible characters (bidi overrides
/// included) written as `\u{..}` so the source shows what it holds.
pub fn string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    // Quotes, backslashes and every control (line breaks and tabs included).
    const ASCII: AsciiSet = AsciiSet::new(b"\"\\", true, b"");
    let special = |ch: char| ch.is_control() || is_invisible(ch);
    escape_runs(&mut out, text, ASCII, special, |ch, out| match ch {
        '"' => out.push_str("\\\""),
        '\\' => out.push_str("\\\\"),
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        '\0' => out.push_str("\\0"),
        _ => {
            let _ = write!(out, "\\u{{{:x}}}", u32::from(ch));
        }
    });
    out.push('"');
    out
}

/// An unsuffixed integer literal.
pub fn integer(value: impl std::fmt::Display) -> String {
    value.to_string()
}

pub fn boolean(value: bool) -> String {
    value.to_string()
}

/// `A::B` (or `A` alone).
pub fn path(segments: &[&str]) -> String {
    segments.join("::")
}

/// `function(argument)`, e.g. `Some(ErrorCode::X)`.
pub fn call(function: &str, argument: &str) -> String {
    format!("{function}({argument})")
}

/// `(a, b)`.
pub fn pair(first: &str, second: &str) -> String {
    format!("({first}, {second})")
}

/// `/// line` comments (doc lines never hold a line break: catalogue prose
/// is joined into one line before it gets here), indented by `indent`.
pub fn doc_comments(out: &mut String, indent: &str, lines: &[String]) {
    for line in lines {
        out.push_str(indent);
        if line.is_empty() {
            out.push_str("///\n");
        } else {
            out.push_str("/// ");
            out.push_str(line);
            out.push('\n');
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The literal holds exactly the text, and shows every control and
    /// invisible character as an escape.
    #[test]
    fn string_literals_hold_the_text_and_show_the_invisible() {
        let texts = [
            "",
            "plain ASCII",
            "quote \" backslash \\ nul \0 lf \n cr \r tab \t del \u{7f} esc \u{1b}",
            "bidi \u{202e}override\u{202c}, zero width \u{200b}, BOM \u{feff}, tag \u{e0041}, NEL \u{85}",
            "emoji 👩‍💻 ✈️, accents é, scripts שלום مرحبا 中文, nbsp \u{a0}",
        ];
        for text in texts {
            let literal = string(text);
            assert_eq!(syn::parse_str::<syn::LitStr>(&literal).unwrap().value(), text, "{literal}");
            assert!(!literal.chars().any(|ch| ch.is_control() || is_invisible(ch)), "{literal}");
        }
    }
}
