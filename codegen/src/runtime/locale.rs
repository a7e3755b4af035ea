//! The catalogue's languages: choosing one for an `Accept-Language` header
//! (RFC 9110 §12.5.4: ranges with quality values; each range matched as
//! RFC 4647's "lookup" does, `nl-BE` then `nl`), and a code's message in it.
//! Neither allocates: a server answers every error this way.

use super::Catalogue;

impl Catalogue {
    /// The position in [`Catalogue::locales`] of the language to answer in,
    /// for an `Accept-Language` value (or one tag): the range of highest
    /// quality that names one of the catalogue's languages, or a shorter
    /// form of one (`nl-BE` finds `nl`); the earlier range on a tie; `*`
    /// the catalogue's own. 0, the catalogue's own language, when none does.
    #[must_use]
    pub fn negotiate(&self, accept_language: &str) -> usize {
        let mut best: Option<(u16, usize)> = None;
        for range in accept_language.split(',') {
            let mut parts = range.split(';');
            let tag = parts.next().unwrap_or("").trim();
            let Some(quality) = parts.try_fold(1000, |quality, param| parameter_quality(param, quality)) else {
                continue;
            };
            if quality == 0 || best.is_some_and(|(chosen, _)| chosen >= quality) {
                continue;
            }
            if let Some(locale) = self.lookup(tag) {
                best = Some((quality, locale));
            }
        }
        best.map_or(0, |(_, locale)| locale)
    }

    /// The catalogue's language `tag` names, itself or by a shorter form.
    fn lookup(&self, tag: &str) -> Option<usize> {
        if tag == "*" {
            return Some(0);
        }
        let mut candidate = tag;
        while !candidate.is_empty() {
            if let Some(index) = self.locales.iter().position(|locale| locale.eq_ignore_ascii_case(candidate)) {
                return Some(index);
            }
            candidate = candidate.rfind('-').map_or("", |dash| &candidate[..dash]);
        }
        None
    }

    /// The message of `code` in the language at `locale` (the catalogue's
    /// own where that is out of range); a text the translation lacks was
    /// replaced by its fallback's when the tables were generated.
    #[must_use]
    pub fn message_in(&self, code: usize, locale: usize) -> &'static str {
        let others = self.locales.len().saturating_sub(1);
        match locale.checked_sub(1) {
            Some(other) if other < others => self.localized_messages[code * others + other],
            _ => self.codes[code].message,
        }
    }

    /// The tag of the language at `locale`.
    #[must_use]
    pub fn locale_tag(&self, locale: usize) -> &'static str {
        self.locales.get(locale).or(self.locales.first()).copied().unwrap_or("en")
    }
}

/// The quality a range's parameter sets (`q=0.8` is 800), `current` for
/// another parameter, `None` for a malformed quality (the range is ignored).
fn parameter_quality(param: &str, current: u16) -> Option<u16> {
    let param = param.trim();
    let Some(value) = param.strip_prefix("q=").or_else(|| param.strip_prefix("Q=")) else { return Some(current) };
    let (whole, fraction) = value.split_once('.').unwrap_or((value, ""));
    if fraction.len() > 3 || !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let thousandths =
        fraction.bytes().chain(std::iter::repeat(b'0')).take(3).fold(0, |n, b| n * 10 + u16::from(b - b'0'));
    match whole {
        "0" => Some(thousandths),
        "1" if thousandths == 0 => Some(1000),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::parameter_quality;

    #[test]
    fn qualities() {
        assert_eq!(parameter_quality("q=0.9", 1000), Some(900));
        assert_eq!(parameter_quality(" q=1", 1000), Some(1000));
        assert_eq!(parameter_quality("q=1.000", 1000), Some(1000));
        assert_eq!(parameter_quality("q=0", 1000), Some(0));
        assert_eq!(parameter_quality("q=0.125", 1000), Some(125));
        assert_eq!(parameter_quality("level=1", 700), Some(700));
        for bad in ["q=2", "q=1.5", "q=0.1234", "q=", "q=.5", "q=0.x"] {
            assert_eq!(parameter_quality(bad, 1000), None, "{bad}");
        }
    }
}
