//! The runtime of a generated error crate: everything that does not depend
//! on the catalogue. [`ApiError`] is written and read by walking the
//! envelope's description ([`Envelope`]); per-code facts
//! come from the generated tables through a [`Catalogue`].
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

mod api_error;
mod details;
pub mod envelope;
mod fields;
// The integrations are modules of their own so a module written by a build
// script can leave them out, or keep them without the `cfg` (the user's
// crate has no such features).
#[cfg(feature = "axum")]
mod axum;
#[cfg(feature = "http")]
mod http;
mod parse;
mod strings;
mod write;

pub use api_error::{ApiError, NestedError};
pub use details::Details;
pub use strings::Strings;

use envelope::{DetailMember, Envelope, Kind, WireCode};

/// What the runtime reads of one catalogue: its envelope and, per code (by
/// its position in the catalogue), the facts a body needs. The generated
/// crate has one, `CATALOGUE`, and every [`ApiError`] points to it.
pub struct Catalogue {
    /// The shape of every error body.
    pub envelope: &'static Envelope,
    /// Every code's name, in catalogue order.
    pub names: &'static Strings,
    /// Every code's default message.
    pub messages: &'static Strings,
    /// Every code's HTTP status.
    pub statuses: &'static [u16],
    /// Every code's retry advice.
    pub retryable: &'static [bool],
    /// The code's type, as an index into `types`.
    pub type_of: fn(usize) -> Option<usize>,
    /// Every type: its name on the wire, its status (0 for none) and retry advice.
    pub types: &'static [TypeFacts],
    /// The code's constant title, if the envelope has one.
    pub title: fn(usize) -> Option<&'static str>,
    /// Where the code is documented.
    pub doc_url: fn(usize) -> Option<&'static str>,
    /// The code as the envelope writes it.
    pub wire_code: fn(usize) -> WireCode,
    /// The same as text (an integer code in decimal).
    pub wire_text: fn(usize) -> &'static str,
    /// The code a body's identifying string names (its code, else its
    /// documentation link, else its title), aliases included.
    pub identify: fn(&str) -> Option<usize>,
    /// The code of an integer wire code.
    pub identify_integer: fn(i64) -> Option<usize>,
    /// The detail members the code declares.
    pub details: fn(usize) -> &'static [DetailMember],
    /// For a code whose whole details object is a map, the type of its values.
    pub details_map: fn(usize) -> Option<Kind>,
}

/// Writes a catalogue name (`snake_case`) as `#[derive(Debug)]` prints its
/// variant: in UpperCamelCase. The generated enums' `Debug` calls it, so no
/// table of variant names is needed.
///
/// # Errors
///
/// When the formatter fails.
pub fn write_upper_camel(name: &str, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
    for word in name.split('_') {
        let mut chars = word.chars();
        if let Some(first) = chars.next() {
            write!(f, "{}{}", first.to_ascii_uppercase(), chars.as_str())?;
        }
    }
    Ok(())
}

/// What the runtime knows of a type.
pub struct TypeFacts {
    /// The type's name on the wire.
    pub wire: &'static str,
    /// Its HTTP status, 0 for none.
    pub status: u16,
    /// Whether errors of the type are worth retrying.
    pub retryable: bool,
}

/// A catalogue is a `static`: two are the same when they are the same one.
impl PartialEq for Catalogue {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
    }
}

impl core::fmt::Debug for Catalogue {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Catalogue").field("codes", &self.names.len()).finish_non_exhaustive()
    }
}
