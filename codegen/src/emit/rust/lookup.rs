//! `lookup_code`: the perfect-hash tables of every code name and alias, and
//! the function that reads them (its hash is `lookup_hash.rs`, shared with
//! the generator).

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::fills::{self as rs, Fills};
use super::{phf, repr_for, tokens};
use crate::model::Catalog;

/// The perfect-hash tables and `lookup_code`.
pub(super) fn lookup_tokens(catalog: &Catalog, fills: &mut Fills) -> TokenStream {
    // Names are numbered codes first (as in `CODE_NAMES`), then aliases; the
    // table holds only these numbers, so it stays small (cache-friendly) and
    // no name is stored twice.
    let aliases: Vec<(&str, usize)> = catalog
        .errors
        .iter()
        .enumerate()
        .flat_map(|(index, error)| error.aliases.iter().map(move |alias| (alias.as_str(), index)))
        .collect();
    let names: Vec<&str> =
        catalog.errors.iter().map(|error| error.code.as_str()).chain(aliases.iter().map(|(alias, _)| *alias)).collect();
    let table = phf::build(&names);
    let len = table.slots.len();
    let buckets = table.displacements.len();
    let (len_usize, buckets_usize) = (Literal::usize_unsuffixed(len), Literal::usize_unsuffixed(buckets));
    let seed = tokens::hex_u64(table.seed);
    let mix = tokens::hex_u64(phf::MIX);
    let len_lit = Literal::u32_unsuffixed(len as u32);
    let buckets_lit = Literal::u32_unsuffixed(buckets as u32);
    // Displacements and name numbers are below the table length: u16 halves
    // the tables for every catalogue of up to 65,536 names.
    let index_type = if len <= usize::from(u16::MAX) { quote!(u16) } else { quote!(u32) };
    fills.table(
        "LOOKUP_DISPLACEMENTS",
        table.displacements.iter().map(|&(d1, d2)| rs::pair(&rs::integer(d1), &rs::integer(d2))),
    );
    fills.table(
        "LOOKUP_SLOTS",
        table.slots.iter().map(|&(index, fingerprint)| rs::pair(&rs::integer(index), &rs::integer(fingerprint))),
    );
    let modulo_one = if len == 1 || buckets == 1 {
        quote! {
            ///
            /// A catalogue this small has tables of length one, and the same
            /// code serves every size, hence `allow(clippy::modulo_one)`.
            #[allow(clippy::modulo_one)]
        }
    } else {
        TokenStream::new()
    };
    let (alias_tables, resolve) = alias_tokens(catalog, &aliases, fills);
    quote! {
        const LOOKUP_SEED: u64 = #seed;
        const LOOKUP_LEN: u32 = #len_lit;
        const LOOKUP_BUCKETS: u32 = #buckets_lit;
        /// Per bucket, the displacement that places its keys without collision.
        static LOOKUP_DISPLACEMENTS: [(#index_type, #index_type); #buckets_usize] = [];
        /// Per slot, the number of the name hashed there (a code below the
        /// number of codes, an alias after them) and bits 16-31 of its hash:
        /// most names not in the catalogue differ there, and are turned away
        /// without reading a name.
        static LOOKUP_SLOTS: [(#index_type, u16); #len_usize] = [];
        #alias_tables

        /// Perfect-hash lookup: one hash, two small table loads, then one
        /// name comparison if the slot's hash bits match.
        #modulo_one
        #[inline]
        fn lookup_code(name: &str) -> Option<ErrorCode> {
            let hash = hash(name.as_bytes(), LOOKUP_SEED);
            let bucket = ((hash >> 32) as u32) % LOOKUP_BUCKETS;
            let f1 = hash as u32;
            let f2 = (hash.wrapping_mul(#mix) >> 32) as u32;
            let (d1, d2) = LOOKUP_DISPLACEMENTS[bucket as usize];
            let slot = f2.wrapping_add(f1.wrapping_mul(u32::from(d1))).wrapping_add(u32::from(d2)) % LOOKUP_LEN;
            let (index, bits) = LOOKUP_SLOTS[slot as usize];
            if bits != fingerprint(hash) {
                return None;
            }
            let index = index as usize;
            #resolve
        }
    }
}

/// The alias tables, and how a slot's number resolves to a code: numbers
/// past the codes are aliases.
fn alias_tokens(catalog: &Catalog, aliases: &[(&str, usize)], fills: &mut Fills) -> (TokenStream, TokenStream) {
    let code_count = Literal::usize_unsuffixed(catalog.errors.len());
    if aliases.is_empty() {
        (
            TokenStream::new(),
            quote! {
                (CODE_NAMES.bytes(index) == name.as_bytes()).then(|| ALL_CODES[index])
            },
        )
    } else {
        let alias_count = Literal::usize_unsuffixed(aliases.len());
        fills.strings("ALIAS_NAMES", aliases.iter().map(|(alias, _)| *alias));
        fills.table("ALIAS_TARGETS", aliases.iter().map(|(_, index)| rs::integer(index)));
        let target_type = repr_for(catalog.errors.len());
        (
            quote! {
                /// Old spellings still accepted when parsing.
                static ALIAS_NAMES: runtime::Strings = runtime::Strings::new("", &[]);
                /// The number of the code each alias stands for.
                static ALIAS_TARGETS: [#target_type; #alias_count] = [];
            },
            quote! {
                if index < #code_count {
                    (CODE_NAMES.bytes(index) == name.as_bytes()).then(|| ALL_CODES[index])
                } else {
                    let alias = index - #code_count;
                    (ALIAS_NAMES.bytes(alias) == name.as_bytes()).then(|| ALL_CODES[ALIAS_TARGETS[alias] as usize])
                }
            },
        )
    }
}
