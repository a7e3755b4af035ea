//! The runtime of a generated error crate: everything that does not depend
//! on the catalogue. [`ApiError`] is written and read by walking the
//! envelope's description ([`Envelope`]); per-code facts come from the
//! generated tables through a [`Catalogue`].
//!
//! It is a crate of its own so that it is compiled once: regenerating the
//! error crate after a catalogue change rebuilds only the tables and the thin
//! typed layer over this crate, not the code that writes and parses bodies.
//! Codes are numbers here (their position in the catalogue); the generated
//! crate's `ApiError` wraps this one and turns them into its `ErrorCode`.
//!
//! These files are the same for every catalogue: `cargo xtask gen` copies
//! them from the generator's `codegen/src/runtime/`, and `codegen::Builder`
//! writes them inline into the module a build script makes (so every path
//! here is relative, through `super::`).

// No `unsafe` here: the module a build script writes must compile in crates
// that forbid it.
#![forbid(unsafe_code)]

mod api_error;
mod details;
pub mod envelope;
mod locale;
// The integrations are modules of their own so a module written by a build
// script can leave them out, or keep them without the `cfg` (the user's
// crate has no such features).
#[cfg(feature = "axum")]
mod axum;
#[cfg(feature = "tonic")]
mod grpc;
#[cfg(feature = "http")]
mod http;
mod parse;
mod write;

pub use api_error::{ApiError, NestedError};
pub use details::Details;
#[cfg(feature = "tonic")]
pub use grpc::{grpc_code_for_http_status, http_status_for_grpc_code, FromStatusError};

use std::collections::HashMap;
use std::hash::BuildHasherDefault;
use std::sync::OnceLock;

use envelope::{DetailMember, Envelope, Kind, WireCode};

/// What the runtime reads of one catalogue: its envelope, its codes and
/// types (a code is its position in `codes`), and the sorted tables that
/// find a code by what names it. The generated crate has one, `CATALOGUE`,
/// and every [`ApiError`] points to it.
pub struct Catalogue {
    /// The shape of every error body.
    pub envelope: &'static Envelope,
    /// Every code, in declaration order: by the release that added it, then by name.
    pub codes: &'static [CodeFacts],
    /// Every type, in declaration order: by the release that added it, then by name.
    pub types: &'static [TypeFacts],
    /// Every code's name and alias, with the code's position.
    pub by_name: &'static [(&'static str, usize)],
    /// What identifies a code in a body (its code as sent, else its
    /// documentation link, else its title; aliases too), with the code's
    /// position.
    pub by_wire: &'static [(&'static str, usize)],
    /// Integer codes as sent, ascending, with the code's position.
    pub by_integer: &'static [(i64, usize)],
    /// The `domain` of gRPC's `ErrorInfo`.
    pub grpc_domain: &'static str,
    /// The languages of the messages (BCP 47 tags), the catalogue's own first.
    pub locales: &'static [&'static str],
    /// Each code's message in each language after the first, code after
    /// code (`codes.len() * (locales.len() - 1)` texts); a text a language
    /// lacks is its fallback's.
    pub localized_messages: &'static [&'static str],
    /// `by_name` and `by_wire` as hash maps, built on first use.
    pub index: Index,
}

/// The name tables of a [`Catalogue`] as hash maps, built the first time a
/// name is looked up: a lookup is then one hash, whatever the size of the
/// catalogue (a search of a sorted table of 2,000 names took 100 ns).
#[derive(Debug, Default)]
pub struct Index {
    by_name: OnceLock<Names>,
    by_wire: OnceLock<Names>,
}

/// A table of names, hashed by [`NameHasher`].
type Names = HashMap<&'static str, usize, BuildHasherDefault<NameHasher>>;

/// The hash of the name tables: FxHash's (rustc's), a multiply per eight
/// bytes, where std's SipHash took a quarter of a parse. SipHash resists
/// flooding a map with colliding keys; these tables are built once from the
/// catalogue and never take a key from a body, so a body can at most make
/// its own lookup compare against the names already there.
#[derive(Default)]
struct NameHasher(u64);

impl core::hash::Hasher for NameHasher {
    fn write(&mut self, bytes: &[u8]) {
        const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(word)).wrapping_mul(SEED);
        }
        for &byte in chunks.remainder() {
            self.0 = (self.0.rotate_left(5) ^ u64::from(byte)).wrapping_mul(SEED);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

impl Index {
    /// Nothing built yet.
    #[must_use]
    pub const fn new() -> Index {
        Index { by_name: OnceLock::new(), by_wire: OnceLock::new() }
    }
}

/// What the runtime knows of one code.
#[derive(Debug)]
pub struct CodeFacts {
    /// The catalogue's name.
    pub name: &'static str,
    /// The code as the envelope writes it.
    pub wire: WireCode,
    /// The default message, `{member}` placeholders naming detail members.
    pub message: &'static str,
    /// The HTTP status.
    pub status: u16,
    /// Whether a request that failed with it is worth retrying.
    pub retryable: bool,
    /// Its type, a position in the catalogue's types.
    pub error_type: Option<usize>,
    /// Its constant title, where the envelope sends one.
    pub title: Option<&'static str>,
    /// Where it is documented.
    pub doc_url: Option<&'static str>,
    /// The detail members it declares.
    pub details: &'static [DetailMember],
    /// For a code whose whole details object is a map, the type of its values.
    pub details_map: Option<Kind>,
    /// The code that replaces it, if it is deprecated in favour of another.
    pub replaced_by: Option<usize>,
    /// Its gRPC status code (`google.rpc.Code`'s number).
    pub grpc: i32,
}

/// What the runtime knows of a type.
#[derive(Debug)]
pub struct TypeFacts {
    /// The catalogue's name.
    pub name: &'static str,
    /// The name on the wire.
    pub wire: &'static str,
    /// What the type means, from the catalogue (empty when it says nothing).
    pub description: &'static str,
    /// The HTTP status of its codes, unless a code sets its own.
    pub status: Option<u16>,
    /// Whether errors of the type are worth retrying.
    pub retryable: bool,
}

impl Catalogue {
    /// The code named `name` (or one of its aliases).
    #[must_use]
    pub fn code_named(&self, name: &str) -> Option<usize> {
        lookup(&self.index.by_name, self.by_name, name)
    }

    /// The code a body's identifying string names.
    #[must_use]
    pub fn identify(&self, text: &str) -> Option<usize> {
        lookup(&self.index.by_wire, self.by_wire, text)
    }

    /// The code whose value on the wire is `text`: an integer code in
    /// decimal where codes are integers, else what identifies codes in a
    /// body (a text code or an alias, a link, a title).
    #[must_use]
    pub fn code_sent_as(&self, text: &str) -> Option<usize> {
        if self.integer_codes() {
            return text.parse::<i64>().ok().and_then(|number| self.identify_integer(number));
        }
        self.identify(text)
    }

    /// Whether the body's code member carries integers (Twilio's `20404`):
    /// then a string there is no code of the catalogue, as in the
    /// TypeScript client, whose tables are by JSON type too.
    #[must_use]
    pub fn integer_codes(&self) -> bool {
        !self.by_integer.is_empty()
    }

    /// The code of an integer code as sent.
    #[must_use]
    pub fn identify_integer(&self, number: i64) -> Option<usize> {
        let found = self.by_integer.binary_search_by_key(&number, |&(key, _)| key).ok()?;
        Some(self.by_integer[found].1)
    }

    /// The type named `name` on the wire.
    #[must_use]
    pub fn type_named(&self, wire: &str) -> Option<usize> {
        self.types.iter().position(|ty| ty.wire == wire)
    }
}

/// The position stored beside `key` in `table`, through its map in `index`
/// (built from the table the first time).
fn lookup(index: &OnceLock<Names>, table: &'static [(&'static str, usize)], key: &str) -> Option<usize> {
    index.get_or_init(|| table.iter().copied().collect()).get(key).copied()
}

/// A catalogue is a `static`: two are the same when they are the same one.
impl PartialEq for Catalogue {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
    }
}

/// The tables say nothing a reader of debug output needs: their size.
impl core::fmt::Debug for Catalogue {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Catalogue").field("codes", &self.codes.len()).finish_non_exhaustive()
    }
}

/// A generated crate's `ErrorCode`: how its variants and the runtime's
/// positions in the catalogue are one another.
pub trait Code: Copy + 'static {
    /// The catalogue the codes belong to.
    const CATALOGUE: &'static Catalogue;

    /// The code's position in the catalogue.
    fn index(self) -> usize;

    /// The code at `index` in the catalogue.
    ///
    /// # Panics
    ///
    /// If `index` is not a position in the catalogue.
    fn from_index(index: usize) -> Self;
}

#[cfg(test)]
mod tests {
    use super::{lookup, OnceLock};

    #[test]
    fn a_table_finds_every_key_and_nothing_else() {
        static TABLE: [(&str, usize); 4] = [("a", 2), ("b_c", 0), ("bc", 1), ("ü", 3)];
        let index = OnceLock::new();
        for (key, position) in TABLE {
            assert_eq!(lookup(&index, &TABLE, key), Some(position));
        }
        for missing in ["", "b", "b_", "zz", "\u{0}"] {
            assert_eq!(lookup(&index, &TABLE, missing), None);
        }
    }
}
