//! Rules for the names a catalogue defines (codes, types, groups, detail
//! members, aliases): they become wire strings that are stable forever and
//! Rust identifiers, so both sets of rules apply.

use crate::model::upper_camel;

/// Every Rust keyword, strict, reserved and edition-specific (`gen` is
/// reserved from edition 2024), plus the names that cannot even be raw
/// identifiers. A code that is one of them would need `r#` at every use site
/// (or cannot be written at all), so it is refused up front.
const RUST_KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern", "false", "fn",
    "for", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return", "self", "static",
    "struct", "super", "trait", "true", "type", "unsafe", "use", "where", "while", "abstract", "become", "box", "do",
    "final", "gen", "macro", "override", "priv", "try", "typeof", "unsized", "virtual", "yield", "union", "raw",
];

/// The longest name (code, alias, type, group, detail member), in bytes.
///
/// Codes become file names (`schema/examples/<code>.json`, staged as
/// `.<code>.json.<pid>.tmp` while written), and one file name may take 255
/// bytes on ext4, APFS, NTFS and FAT32; 128 leaves room for that and for
/// deep output folders, and is twice the longest code of Stripe's catalogue.
pub const MAX_NAME_LEN: usize = 128;

/// Why a name is not a valid lower snake_case identifier, if it is not.
pub fn snake_case_problem(name: &str) -> Option<&'static str> {
    if name.is_empty() {
        return Some("the name is empty");
    }
    if name.chars().any(char::is_whitespace) {
        return Some("the name contains white space");
    }
    if name.chars().any(|c| c.is_ascii_uppercase()) {
        return Some("the name has upper-case letters");
    }
    if !name.starts_with(|c: char| c.is_ascii_lowercase()) {
        return Some("the name must start with a letter a-z");
    }
    if !name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_') {
        return Some("the name may only contain a-z, 0-9 and _");
    }
    if name.contains("__") || name.ends_with('_') {
        return Some("the name has an empty word (`__` or a trailing `_`)");
    }
    if RUST_KEYWORDS.contains(&name) {
        return Some("the name is a Rust keyword");
    }
    None
}

/// A suggested spelling for an invalid name.
pub fn suggest_snake_case(name: &str) -> String {
    let mut out = String::new();
    for (index, ch) in name.trim().chars().enumerate() {
        if ch.is_ascii_uppercase() && index > 0 && !out.ends_with('_') {
            out.push('_');
        }
        if ch.is_ascii_alphanumeric() {
            out.push(ch.to_ascii_lowercase());
        } else if !out.ends_with('_') {
            out.push('_');
        }
    }
    let mut out = out.trim_matches('_').to_string();
    if out.is_empty() {
        return "some_name".into();
    }
    if out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert_str(0, "code_");
    }
    if RUST_KEYWORDS.contains(&out.as_str()) {
        out.push_str("_error");
    }
    out
}

/// The Rust variant name for a snake_case name.
pub fn variant_ident(name: &str) -> String {
    upper_camel(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snake_case_rules() {
        assert_eq!(snake_case_problem("call_not_found"), None);
        assert_eq!(snake_case_problem("error_4xx"), None);
        assert!(snake_case_problem("CallNotFound").is_some());
        assert!(snake_case_problem("4xx").is_some());
        assert!(snake_case_problem("call not found").is_some());
        assert!(snake_case_problem("").is_some());
        assert!(snake_case_problem("a__b").is_some());
        assert!(snake_case_problem("type").is_some());
        assert!(snake_case_problem("gen").is_some());
        assert!(snake_case_problem("self").is_some());
    }

    #[test]
    fn suggestions() {
        assert_eq!(suggest_snake_case("CallNotFound"), "call_not_found");
        assert_eq!(suggest_snake_case("call not found"), "call_not_found");
        assert_eq!(suggest_snake_case("4xx"), "code_4xx");
        assert_eq!(suggest_snake_case("type"), "type_error");
    }
}
