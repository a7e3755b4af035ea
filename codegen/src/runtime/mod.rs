//! The runtime of the error crate: everything that does not depend on the
//! catalogue. [`ApiError`] is written and read by walking the envelope's
//! description ([`ENVELOPE`](super::ENVELOPE)); per-code facts come from the
//! generated tables through [`Catalogue`].
//!
//! These files are the same in every generated crate: `cargo xtask gen`
//! copies them from the generator's `codegen/src/runtime/`, and
//! `codegen::Builder` writes them inline into the module a build script makes.

mod api_error;
mod details;
pub mod envelope;
// The integrations are modules of their own so a module written by a build
// script can leave them out, or keep them without the `cfg` (the user's
// crate has no such features).
#[cfg(feature = "axum")]
mod axum;
#[cfg(feature = "http")]
mod http;
mod parse;
mod write;

pub use api_error::{ApiError, NestedError};
pub use details::Details;

use envelope::{DetailMember, Kind, WireCode};

// Relative paths (`super::`) only: the same files also go inline into a
// module that a build script writes and a user `include!`s anywhere.
use super::ErrorCode;
// For the submodules, which import these from here.
use super::{CATALOGUE, ENVELOPE};

/// The per-code facts the runtime reads, beyond [`ErrorCode`]'s own
/// methods: generated once per catalogue as `CATALOGUE`.
pub(crate) struct Catalogue {
    /// The code's type, as an index into `types`.
    pub(crate) type_of: fn(ErrorCode) -> Option<usize>,
    /// Every type: its name on the wire, its status (0 for none) and retry advice.
    pub(crate) types: &'static [TypeFacts],
    pub(crate) title: fn(ErrorCode) -> Option<&'static str>,
    pub(crate) doc_url: fn(ErrorCode) -> Option<&'static str>,
    /// The code as the envelope writes it.
    pub(crate) wire_code: fn(ErrorCode) -> WireCode,
    /// The same as text (an integer code in decimal).
    pub(crate) wire_text: fn(ErrorCode) -> &'static str,
    /// The code a body's identifying string names (its code, else its
    /// documentation link, else its title), aliases included.
    pub(crate) identify: fn(&str) -> Option<ErrorCode>,
    /// The code of an integer wire code.
    pub(crate) identify_integer: fn(i64) -> Option<ErrorCode>,
    /// The detail members the code declares.
    pub(crate) details: fn(ErrorCode) -> &'static [DetailMember],
    /// For a code whose whole details object is a map, the type of its values.
    pub(crate) details_map: fn(ErrorCode) -> Option<Kind>,
}

/// What the runtime knows of a type.
pub(crate) struct TypeFacts {
    pub(crate) wire: &'static str,
    pub(crate) status: u16,
    pub(crate) retryable: bool,
}
