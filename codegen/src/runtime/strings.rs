//! [`Strings`]: many strings stored as one text and where each ends.
//!
//! Why not `[&str; N]`: every `&str` in a table is a pointer the linker
//! relocates (16 bytes of table and 24 of relocation in a position-independent
//! binary, more than most names take) and one more constant for rustc to
//! build. At 10,000 codes the names, messages and links as three texts took
//! a third of the crate's size per code.

/// Strings stored one after the other in `text`; string `i` ends at
/// `ends[i]` and starts where string `i - 1` ends.
pub struct Strings {
    text: &'static str,
    ends: &'static [u32],
}

impl Strings {
    /// The strings of `text` that end at each of `ends`, in order. Nothing is
    /// checked here (a check would run in every build of the crate, in
    /// rustc's interpreter); [`Strings::get`] checks what it returns.
    #[must_use]
    pub const fn new(text: &'static str, ends: &'static [u32]) -> Self {
        Strings { text, ends }
    }

    /// How many strings there are.
    #[must_use]
    pub const fn len(&self) -> usize {
        self.ends.len()
    }

    /// Whether there are none.
    #[must_use]
    pub const fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// String `index`.
    ///
    /// # Panics
    ///
    /// If `index` is out of range, or the ends are not in order or not on
    /// character boundaries (never for the tables the generator writes).
    #[inline]
    #[must_use]
    // The one `unsafe` of the runtime, sound for any table: see below.
    #[allow(unsafe_code)]
    pub const fn get(&self, index: usize) -> &'static str {
        let (start, end) = self.range(index);
        let text = self.text.as_bytes();
        assert!(
            is_boundary(text, start) && is_boundary(text, end),
            "the ends of a string table are character boundaries"
        );
        // SAFETY: the bytes of the valid UTF-8 `text` between `start` and
        // `end`, both checked just above to be character boundaries, are
        // valid UTF-8 too.
        unsafe { core::str::from_utf8_unchecked(self.bytes(index)) }
    }

    /// String `index` as bytes, unchecked for character boundaries: enough
    /// to compare it with another string.
    ///
    /// # Panics
    ///
    /// If `index` is out of range or the ends are not in order.
    #[inline]
    #[must_use]
    pub const fn bytes(&self, index: usize) -> &'static [u8] {
        let (start, end) = self.range(index);
        let (_, rest) = self.text.as_bytes().split_at(start);
        let (bytes, _) = rest.split_at(end - start);
        bytes
    }

    /// Where string `index` starts and ends in `text`.
    #[inline]
    const fn range(&self, index: usize) -> (usize, usize) {
        let start = if index == 0 { 0 } else { self.ends[index - 1] as usize };
        (start, self.ends[index] as usize)
    }
}

/// Whether a string may start or end at `at` of `text`: at either end, or
/// before a byte that starts a character (not a UTF-8 continuation byte).
const fn is_boundary(text: &[u8], at: usize) -> bool {
    at == text.len() || (at < text.len() && (text[at] as i8) >= -0x40)
}

#[cfg(test)]
mod tests {
    use super::Strings;

    #[test]
    fn each_string_is_the_text_between_two_ends() {
        static STRINGS: Strings = Strings::new("onetwoünï👩‍💻", &[3, 6, 6, 11, 22]);
        let all: Vec<&str> = (0..STRINGS.len()).map(|index| STRINGS.get(index)).collect();
        assert_eq!(all, ["one", "two", "", "ünï", "👩‍💻"]);
        assert_eq!(STRINGS.bytes(1), b"two");
        const FIRST: &str = STRINGS.get(0);
        assert_eq!(FIRST, "one");
    }

    #[test]
    #[should_panic(expected = "character boundaries")]
    fn an_end_inside_a_character_panics_rather_than_cut_it() {
        static STRINGS: Strings = Strings::new("ü", &[1]);
        let _ = STRINGS.get(0);
    }
}
