//! Small token-building helpers shared by the Rust emitters.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

/// A string literal whose value is exactly `text` (quotes, backslashes and
/// newlines escaped by proc-macro2).
pub fn str_lit(text: &str) -> Literal {
    Literal::string(text)
}

/// One `#[doc]` attribute per line: a multi-line doc string would print as a
/// `/** */` block. The leading space makes `///` comments read naturally.
pub fn doc_attrs(lines: &[String]) -> TokenStream {
    let attrs = lines.iter().map(|line| {
        let text = str_lit(&doc_line(line));
        quote! { #[doc = #text] }
    });
    quote! { #(#attrs)* }
}

/// The crate-level (`//!`) form of [`doc_attrs`].
pub fn inner_doc_attrs(lines: &[String]) -> TokenStream {
    let attrs = lines.iter().map(|line| {
        let text = str_lit(&doc_line(line));
        quote! { #![doc = #text] }
    });
    quote! { #(#attrs)* }
}

pub fn doc_line(line: &str) -> String {
    if line.is_empty() { String::new() } else { format!(" {line}") }
}

/// `#[allow(deprecated)]` where generated code names a deprecated code:
/// naming it in the crate's own tables and impls is not a use.
pub fn allow_deprecated(deprecated: bool) -> TokenStream {
    if deprecated { quote!(#[allow(deprecated)]) } else { TokenStream::new() }
}

#[cfg(test)]
mod tests {
    /// rustc denies raw bidi controls in literals (`text_direction_codepoint_in_literal`);
    /// the literal must carry them as escapes, with the same value.
    #[test]
    fn string_literals_escape_invisible_characters() {
        let text = "a\u{202e}b\u{2066}c\u{200b}d\u{feff}e\u{e0041}f\r\u{7f}\u{85}\u{2028}";
        let literal = super::str_lit(text).to_string();
        assert!(crate::invisible::first_invisible(&literal).is_none(), "{literal:?}");
        let parsed: syn::LitStr = syn::parse_str(&literal).expect("a string literal");
        assert_eq!(parsed.value(), text);
    }
}
