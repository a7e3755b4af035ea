//! The catalogue's languages: the one its texts are written in, and each
//! translation (a locale file), with the rule that finds a text in a
//! language that lacks it (`nl-BE`, then `nl`, then the catalogue's own).

use super::{Catalog, ErrorDef, ErrorType, Group};

/// One language of the catalogue. The first of [`Catalog::locales`] is the
/// one the catalogue is written in, and has no texts of its own here.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Locale {
    /// The BCP 47 tag as `service.locales` writes it (`nl`, `pt-BR`).
    pub tag: String,
    /// Each code's texts in this language, in catalogue order.
    pub errors: Vec<ErrorTexts>,
    /// Each type's description in this language, in catalogue order.
    pub types: Vec<Option<String>>,
    /// Each group's texts in this language, in catalogue order.
    pub groups: Vec<GroupTexts>,
}

/// A code's texts in one language, where the translation gives them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ErrorTexts {
    pub message: Option<String>,
    pub title: Option<String>,
    pub cause: Option<String>,
    pub fix: Option<String>,
}

/// A group's texts in one language, where the translation gives them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct GroupTexts {
    pub title: Option<String>,
    pub description: Option<String>,
}

impl Locale {
    /// The catalogue's own language, `tag`, with room for no texts.
    pub fn source(tag: &str) -> Locale {
        Locale { tag: tag.to_string(), ..Locale::default() }
    }
}

/// What a translation of an entry was made from: a short hash of the
/// catalogue's texts of that entry (FNV-1a, 48 bits in hex), which a locale
/// file records as `from:`. When the texts change, the hash does, and the
/// translation is reported stale, as goi18n does.
pub fn source_hash(texts: &[Option<&str>]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for (index, text) in texts.iter().enumerate() {
        // A separator that no text holds, so ("ab", "") and ("a", "b") differ.
        let separator: &[u8] = if index > 0 { &[0x1f] } else { &[] };
        let bytes = separator.iter().chain(text.unwrap_or("").as_bytes());
        for byte in bytes {
            hash ^= u64::from(*byte);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    format!("{:012x}", hash >> 16)
}

/// The texts an entry's `from:` hash covers, in order.
pub fn error_source(error: &ErrorDef) -> String {
    source_hash(&[Some(&error.message), error.title.as_deref(), error.cause.as_deref(), error.fix.as_deref()])
}

pub fn type_source(ty: &ErrorType) -> String {
    source_hash(&[ty.description.as_deref()])
}

pub fn group_source(group: &Group) -> String {
    source_hash(&[Some(&group.title), group.description.as_deref()])
}

impl Catalog {
    /// The locales a text is looked for in, for `locale` (an index into
    /// [`Catalog::locales`]): itself, then each shorter tag the catalogue
    /// has (`zh-Hant-TW`, `zh-Hant`, `zh`), the catalogue's own language
    /// last (index 0, never listed: its text is the model's own).
    pub fn fallbacks(&self, locale: usize) -> Vec<usize> {
        let mut chain = Vec::new();
        let mut tag = self.locales.get(locale).map_or("", |locale| locale.tag.as_str());
        while !tag.is_empty() {
            if let Some(index) = self.locale_index(tag).filter(|&index| index > 0) {
                chain.push(index);
            }
            tag = tag.rfind('-').map_or("", |dash| &tag[..dash]);
        }
        chain
    }

    /// The position of the locale tagged `tag` (ASCII case ignored, as BCP 47 does).
    pub fn locale_index(&self, tag: &str) -> Option<usize> {
        self.locales.iter().position(|locale| locale.tag.eq_ignore_ascii_case(tag))
    }

    /// A text of `locale`, or of the first locale of its fallbacks that has
    /// it; `None` where only the catalogue's own language has it.
    pub fn translated<'a>(&'a self, locale: usize, text: impl Fn(&'a Locale) -> Option<&'a String>) -> Option<&'a str> {
        self.first_in(&self.fallbacks(locale), text)
    }

    /// The text of the first locale of `chain` that has it.
    fn first_in<'a>(&'a self, chain: &[usize], text: impl Fn(&'a Locale) -> Option<&'a String>) -> Option<&'a str> {
        chain.iter().find_map(|&index| text(&self.locales[index]).map(String::as_str))
    }

    /// The error's texts in `locale`, each falling back as [`Catalog::fallbacks`] says.
    pub fn error_texts(&self, locale: usize, error: usize) -> ErrorTexts {
        let def = &self.errors[error];
        let chain = self.fallbacks(locale);
        let pick = |own: Option<&String>, get: fn(&ErrorTexts) -> Option<&String>| {
            self.first_in(&chain, |texts| get(&texts.errors[error])).map(str::to_string).or_else(|| own.cloned())
        };
        ErrorTexts {
            message: pick(Some(&def.message), |texts| texts.message.as_ref()),
            title: pick(def.title.as_ref(), |texts| texts.title.as_ref()),
            cause: pick(def.cause.as_ref(), |texts| texts.cause.as_ref()),
            fix: pick(def.fix.as_ref(), |texts| texts.fix.as_ref()),
        }
    }

    /// The type's description in `locale`.
    pub fn type_description(&self, locale: usize, ty: usize) -> Option<String> {
        let own = self.types[ty].description.clone();
        self.translated(locale, |texts| texts.types[ty].as_ref()).map(str::to_string).or(own)
    }

    /// The group's texts in `locale`.
    pub fn group_texts(&self, locale: usize, group: usize) -> GroupTexts {
        let own = &self.groups[group];
        let chain = self.fallbacks(locale);
        let title = self.first_in(&chain, |texts| texts.groups[group].title.as_ref());
        let description = self.first_in(&chain, |texts| texts.groups[group].description.as_ref());
        GroupTexts {
            title: Some(title.map_or_else(|| own.title.clone(), str::to_string)),
            description: description.map(str::to_string).or_else(|| own.description.clone()),
        }
    }

    /// The catalogue with its texts (messages, titles, causes, fixes, type
    /// descriptions, group titles and descriptions) in the language at
    /// `locale`, each falling back: the reference in that language is the
    /// same document made from it.
    pub fn localized(&self, locale: usize) -> Catalog {
        let mut out = self.clone();
        if locale == 0 || locale >= self.locales.len() {
            return out;
        }
        for (index, error) in out.errors.iter_mut().enumerate() {
            let texts = self.error_texts(locale, index);
            error.message = texts.message.unwrap_or_default();
            (error.title, error.cause, error.fix) = (texts.title, texts.cause, texts.fix);
        }
        for (index, ty) in out.types.iter_mut().enumerate() {
            ty.description = self.type_description(locale, index);
        }
        for (index, group) in out.groups.iter_mut().enumerate() {
            let texts = self.group_texts(locale, index);
            group.title = texts.title.unwrap_or_default();
            group.description = texts.description;
        }
        out
    }

    /// Whether the catalogue has texts in more than its own language.
    pub fn is_translated(&self) -> bool {
        self.locales.len() > 1
    }
}

#[cfg(test)]
mod tests {
    use super::source_hash;

    #[test]
    fn the_hash_changes_with_any_text_and_with_where_a_text_ends() {
        let base = source_hash(&[Some("Call not found"), None, Some("cause"), None]);
        assert_eq!(base.len(), 12);
        assert_eq!(base, source_hash(&[Some("Call not found"), None, Some("cause"), None]));
        assert_ne!(base, source_hash(&[Some("Call not found."), None, Some("cause"), None]));
        assert_ne!(source_hash(&[Some("ab"), Some("")]), source_hash(&[Some("a"), Some("b")]));
    }
}
