//! Rust source text from tokens: printed once by prettyplease, then given
//! the blank lines a person leaves between items (prettyplease prints items
//! back to back and keeps no blank line).

use proc_macro2::TokenStream;

/// `tokens` (a whole file's items) as formatted source.
pub fn format_file(tokens: TokenStream) -> String {
    format_syntax(&syn::parse2(tokens).expect("the emitter produces valid Rust"))
}

/// A parsed file as formatted source.
pub fn format_syntax(file: &syn::File) -> String {
    separate_items(&prettyplease::unparse(file))
}

/// `printed` with a blank line between two items of one block: where an item
/// ends (a line `}`, or ending in `;` or `{}`) and the next line, at the same depth,
/// starts another (an attribute, a doc comment or an item keyword), and
/// after the crate's inner docs and attributes, and before a documented
/// variant or field. Statements, undocumented fields and variants, and
/// consecutive `use` lines stay together. prettyplease writes every
/// string literal on one line, so no line here is inside a literal.
fn separate_items(printed: &str) -> String {
    let mut out = String::with_capacity(printed.len() + printed.len() / 16);
    let mut previous: Option<&str> = None;
    for line in printed.lines() {
        if let Some(previous) = previous
            && needs_blank_line(previous, line)
        {
            out.push('\n');
        }
        out.push_str(line);
        out.push('\n');
        previous = Some(line);
    }
    out
}

fn needs_blank_line(previous: &str, line: &str) -> bool {
    let (before, after) = (previous.trim_start(), line.trim_start());
    if indent(previous) != indent(line) {
        return false;
    }
    let ends_inner = |text: &str, prefix: &str| text.starts_with(prefix) && !after.starts_with(prefix);
    if ends_inner(before, "//!") || ends_inner(before, "#![") {
        return true;
    }
    // A documented variant or field is set apart from the one before it.
    if before.ends_with(',') && after.starts_with("///") {
        return true;
    }
    let ends_item = before == "}" || before.ends_with(';') || before.ends_with("{}");
    let uses = |text: &str| text.starts_with("use ") || text.starts_with("pub use ");
    ends_item && starts_item(after) && !(uses(before) && uses(after))
}

fn indent(line: &str) -> usize {
    line.len() - line.trim_start().len()
}

fn starts_item(line: &str) -> bool {
    const STARTS: [&str; 13] =
        ["#[", "///", "pub ", "pub(", "fn ", "const ", "static ", "impl", "struct ", "enum ", "mod ", "type ", "use "];
    STARTS.iter().any(|start| line.starts_with(start))
}

#[cfg(test)]
mod tests {
    use super::separate_items;

    #[test]
    fn items_are_separated_and_their_insides_are_not() {
        let printed = "\
//! Crate docs.
#![forbid(unsafe_code)]
#![warn(missing_docs)]
use a;
pub use b::{c, d};
/// An enum.
#[derive(Debug)]
pub enum E {
    /// A.
    A,
    B,
    /// C.
    C,
}
static T: [u8; 2] = [
    1, 2,
];
impl E {
    /// All.
    pub const ALL: &[E] = &[E::A, E::B];
    /// One.
    pub fn one(self) -> u8 {
        let x = 1;
        let y = match self {
            E::A => 1,
            E::B => 2,
        };
        x + y
    }
    fn two() {}
    fn three() {}
}
";
        let expected = "\
//! Crate docs.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

use a;
pub use b::{c, d};

/// An enum.
#[derive(Debug)]
pub enum E {
    /// A.
    A,
    B,

    /// C.
    C,
}

static T: [u8; 2] = [
    1, 2,
];

impl E {
    /// All.
    pub const ALL: &[E] = &[E::A, E::B];

    /// One.
    pub fn one(self) -> u8 {
        let x = 1;
        let y = match self {
            E::A => 1,
            E::B => 2,
        };
        x + y
    }

    fn two() {}

    fn three() {}
}
";
        assert_eq!(separate_items(printed), expected);
    }
}
