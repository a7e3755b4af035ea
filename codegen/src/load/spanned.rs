//! `Spanned<T>`: a value of the catalogue and where it starts in its file.
//!
//! serde-saphyr reads the place into its own `Spanned`; this one keeps only
//! what diagnostics name (line and column), so later stages hold small,
//! plain values and need not know the YAML reader.

use serde::de::{Deserialize, Deserializer};
use serde::ser::{Serialize, Serializer};

#[derive(Clone, Debug, PartialEq)]
pub struct Spanned<T> {
    pub value: T,
    /// 1-based, as editors count.
    pub line: u32,
    /// 1-based, in characters.
    pub column: u32,
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Spanned<T> {
    /// Where the value is written (`referenced`: for an alias, the alias).
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let spanned = serde_saphyr::Spanned::<T>::deserialize(deserializer)?;
        let place = |at: u64| u32::try_from(at).unwrap_or(u32::MAX);
        Ok(Spanned {
            value: spanned.value,
            line: place(spanned.referenced.line()),
            column: place(spanned.referenced.column()),
        })
    }
}

/// Written as the bare value (the lock is read with places and written
/// without them).
impl<T: Serialize> Serialize for Spanned<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.value.serialize(serializer)
    }
}

impl<T> Spanned<T> {
    /// A value made by the generator, written nowhere yet.
    pub fn unplaced(value: T) -> Self {
        Spanned { value, line: 0, column: 0 }
    }
}
