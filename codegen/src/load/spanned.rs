//! `Spanned<T>`: a value of the catalogue and where it starts in its file.
//!
//! Both YAML readers fill it: the event reader (`event_reader.rs`) hands the
//! place over itself, and serde-saphyr, the reader of every file the event
//! reader passes on, through its own `Spanned`. Only the line and column are
//! kept (serde-saphyr's keeps two locations with byte spans: 64 bytes per
//! value, and a 10,000-code catalogue has 300,000 of them).

use std::fmt;
use std::marker::PhantomData;

use serde::de::{Deserialize, Deserializer, Error, SeqAccess, Visitor};

#[derive(Clone, Debug, PartialEq)]
pub struct Spanned<T> {
    pub value: T,
    /// 1-based, as editors count.
    pub line: u32,
    /// 1-based, in characters.
    pub column: u32,
}

/// The name under which the event reader recognises a `Spanned` being read;
/// any other deserializer treats it as an ordinary newtype.
pub(super) const SPANNED_NEWTYPE: &str = "__flireo_spanned";

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Spanned<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_newtype_struct(SPANNED_NEWTYPE, SpannedVisitor(PhantomData))
    }
}

struct SpannedVisitor<T>(PhantomData<T>);

impl<'de, T: Deserialize<'de>> Visitor<'de> for SpannedVisitor<T> {
    type Value = Spanned<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a value with its place in the file")
    }

    /// serde-saphyr: its own `Spanned` knows the place (`referenced`, where
    /// the value is written, which for an alias is the alias).
    fn visit_newtype_struct<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        let spanned = serde_saphyr::Spanned::<T>::deserialize(deserializer)?;
        let place = |at: u64| u32::try_from(at).unwrap_or(u32::MAX);
        Ok(Spanned {
            value: spanned.value,
            line: place(spanned.referenced.line()),
            column: place(spanned.referenced.column()),
        })
    }

    /// The event reader: line, column, then the value.
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let missing = || A::Error::custom("the event reader gives line, column and value");
        let line = seq.next_element()?.ok_or_else(missing)?;
        let column = seq.next_element()?.ok_or_else(missing)?;
        let value = seq.next_element()?.ok_or_else(missing)?;
        Ok(Spanned { value, line, column })
    }
}
