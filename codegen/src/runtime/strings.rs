//! [`Strings`]: many strings stored as one text and where each ends.
//!
//! Why not `[&str; N]`: every `&str` in a table is a pointer the linker
//! relocates (16 bytes of table and 24 of relocation in a position-independent
//! binary, more than most names take) and one more constant for rustc to
//! build. At 10,000 codes the names, messages and links as three texts took
//! a third of the crate's size per code.

/// Strings stored one after the other in `text`: string `i` is the text
/// from `bounds[i]` to `bounds[i + 1]` (`bounds` starts with 0, so the first
/// string needs no branch).
pub struct Strings {
    text: &'static str,
    bounds: &'static [u32],
}

impl Strings {
    /// The strings of `text` between consecutive `bounds` (0, then where
    /// each string ends). Nothing is checked here (a check would run in
    /// every build of the crate, in rustc's interpreter); [`Strings::get`]
    /// checks what it returns.
    #[must_use]
    pub const fn new(text: &'static str, bounds: &'static [u32]) -> Self {
        Strings { text, bounds }
    }

    /// How many strings there are.
    #[must_use]
    pub const fn len(&self) -> usize {
        self.bounds.len().saturating_sub(1)
    }

    /// Whether there are none.
    #[must_use]
    pub const fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// String `index`.
    ///
    /// # Panics
    ///
    /// If `index` is out of range, or the bounds are out of order, past the
    /// text or not on character boundaries (never for the tables the
    /// generator writes).
    #[inline]
    #[must_use]
    // The one `unsafe` of the runtime, sound for any table: see below.
    #[allow(unsafe_code)]
    pub const fn get(&self, index: usize) -> &'static str {
        let bytes = self.bytes(index);
        let text = self.text.as_bytes();
        let start = self.bounds[index] as usize;
        assert!(
            is_boundary(text, start) && is_boundary(text, start + bytes.len()),
            "the bounds of a string table are character boundaries"
        );
        // SAFETY: the bytes of the valid UTF-8 `text` between two character
        // boundaries (checked just above) are valid UTF-8 too.
        unsafe { core::str::from_utf8_unchecked(bytes) }
    }

    /// String `index` as bytes, unchecked for character boundaries: enough
    /// to compare it with another string.
    ///
    /// # Panics
    ///
    /// If `index` is out of range, or the bounds are out of order or past
    /// the text.
    #[inline]
    #[must_use]
    pub const fn bytes(&self, index: usize) -> &'static [u8] {
        let (start, end) = (self.bounds[index] as usize, self.bounds[index + 1] as usize);
        let (before_end, _) = self.text.as_bytes().split_at(end);
        let (_, bytes) = before_end.split_at(start);
        bytes
    }
}

/// Whether a string may start or end at `at` of `text`: at either end, or
/// before a byte that starts a character (not a UTF-8 continuation byte).
#[inline]
const fn is_boundary(text: &[u8], at: usize) -> bool {
    at >= text.len() || (text[at] as i8) >= -0x40
}

#[cfg(test)]
mod tests {
    use super::Strings;

    #[test]
    fn each_string_is_the_text_between_two_ends() {
        static STRINGS: Strings = Strings::new("onetwoünï👩‍💻", &[0, 3, 6, 6, 11, 22]);
        let all: Vec<&str> = (0..STRINGS.len()).map(|index| STRINGS.get(index)).collect();
        assert_eq!(all, ["one", "two", "", "ünï", "👩‍💻"]);
        assert_eq!(STRINGS.bytes(1), b"two");
        const FIRST: &str = STRINGS.get(0);
        assert_eq!(FIRST, "one");
    }

    #[test]
    #[should_panic(expected = "character boundaries")]
    fn an_end_inside_a_character_panics_rather_than_cut_it() {
        static STRINGS: Strings = Strings::new("ü", &[0, 1]);
        let _ = STRINGS.get(0);
    }
}
