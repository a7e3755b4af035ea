//! syn nodes built directly, for the parts of the crate that grow with the
//! catalogue (the `ErrorCode` variants and the per-code tables).
//!
//! Why: at 10,000 codes those parts are about a million tokens, and building
//! them as a `TokenStream` only to parse them back costs most of the
//! generator's time. The rest of the crate is still written with `quote!`;
//! it leaves placeholders (`static T: [X; N] = [];`, `enum ErrorCode {}`)
//! that [`Fills::apply`] completes after parsing. The printed source is the
//! same either way.

use std::collections::BTreeMap;

use proc_macro2::Span;
use syn::punctuated::Punctuated;

/// Values for placeholder items, by name.
#[derive(Default)]
pub struct Fills {
    tables: BTreeMap<String, Vec<syn::Expr>>,
    variants: Vec<syn::Variant>,
}

impl Fills {
    /// The elements of `static name: [_; N] = [];`.
    pub fn table(&mut self, name: &str, elements: impl IntoIterator<Item = syn::Expr>) {
        self.tables.insert(name.to_string(), elements.into_iter().collect());
    }

    /// The variants of `enum ErrorCode {}`.
    pub fn variants(&mut self, variants: Vec<syn::Variant>) {
        self.variants = variants;
    }

    /// Completes the placeholders of `file`; every fill must find its item.
    pub fn apply(mut self, file: &mut syn::File) {
        for item in &mut file.items {
            match item {
                syn::Item::Static(item) => {
                    if let Some(elements) = self.tables.remove(&item.ident.to_string()) {
                        *item.expr = array(elements);
                    }
                }
                syn::Item::Enum(item) if item.ident == "ErrorCode" => {
                    item.variants = std::mem::take(&mut self.variants).into_iter().collect();
                }
                _ => {}
            }
        }
        assert!(self.tables.is_empty(), "unplaced tables: {:?}", self.tables.keys().collect::<Vec<_>>());
    }
}

fn array(elements: Vec<syn::Expr>) -> syn::Expr {
    syn::Expr::Array(syn::ExprArray {
        attrs: Vec::new(),
        bracket_token: Default::default(),
        elems: elements.into_iter().collect::<Punctuated<_, syn::Token![,]>>(),
    })
}

fn literal(lit: syn::Lit) -> syn::Expr {
    syn::Expr::Lit(syn::ExprLit { attrs: Vec::new(), lit })
}

/// A string literal holding exactly `text`.
pub fn string(text: &str) -> syn::Expr {
    literal(syn::Lit::Str(syn::LitStr::new(text, Span::call_site())))
}

/// An unsuffixed integer literal.
pub fn integer(value: impl std::fmt::Display) -> syn::Expr {
    literal(syn::Lit::Int(syn::LitInt::new(&value.to_string(), Span::call_site())))
}

pub fn boolean(value: bool) -> syn::Expr {
    literal(syn::Lit::Bool(syn::LitBool::new(value, Span::call_site())))
}

/// `A::B` (or `A` alone).
pub fn path(segments: &[&str]) -> syn::Expr {
    let segments = segments.iter().map(|segment| syn::PathSegment::from(syn::Ident::new(segment, Span::call_site())));
    syn::Expr::Path(syn::ExprPath {
        attrs: Vec::new(),
        qself: None,
        path: syn::Path { leading_colon: None, segments: segments.collect() },
    })
}

/// `function(argument)`, e.g. `Some(ErrorCode::X)`.
pub fn call(function: &str, argument: syn::Expr) -> syn::Expr {
    syn::Expr::Call(syn::ExprCall {
        attrs: Vec::new(),
        func: Box::new(path(&[function])),
        paren_token: Default::default(),
        args: std::iter::once(argument).collect(),
    })
}

/// `(a, b)`.
pub fn pair(first: syn::Expr, second: syn::Expr) -> syn::Expr {
    syn::Expr::Tuple(syn::ExprTuple {
        attrs: Vec::new(),
        paren_token: Default::default(),
        elems: [first, second].into_iter().collect(),
    })
}

/// `#[doc = " line"]`, one per line, as `tokens::doc_attrs` writes them.
pub fn doc_attributes(lines: &[String]) -> Vec<syn::Attribute> {
    lines
        .iter()
        .map(|line| syn::Attribute {
            pound_token: Default::default(),
            style: syn::AttrStyle::Outer,
            bracket_token: Default::default(),
            meta: syn::Meta::NameValue(syn::MetaNameValue {
                path: syn::Path::from(syn::Ident::new("doc", Span::call_site())),
                eq_token: Default::default(),
                value: string(&super::tokens::doc_line(line)),
            }),
        })
        .collect()
}

/// A unit variant with attributes and an explicit discriminant.
pub fn variant(attrs: Vec<syn::Attribute>, ident: &str, discriminant: usize) -> syn::Variant {
    syn::Variant {
        attrs,
        ident: syn::Ident::new(ident, Span::call_site()),
        fields: syn::Fields::Unit,
        discriminant: Some((Default::default(), integer(discriminant))),
    }
}
