//! Checks of the catalogue's languages: `service.locales` and the locale
//! files (`translation:`), resolved into the model's [`Locale`]s. A
//! translation names only known codes, types and groups, translates only
//! texts the catalogue has, and keeps a message's placeholders exactly;
//! a text it lacks falls back (`missing_translation`), and one whose
//! English changed since it was translated is stale (`stale_translation`).

use std::collections::BTreeSet;

use super::{CheckedError, Checker, span_of};
use crate::diagnostic::{Diagnostic, FileId, Lint, Span, did_you_mean};
use crate::load::ParsedFile;
use crate::load::raw::{self, Spanned, Text};
use crate::model::{
    ErrorTexts, ErrorType, Group, GroupTexts, Locale, error_source, group_source, placeholders, type_source,
};

/// The language a catalogue is written in when `service.locales` is absent.
const DEFAULT_LOCALE: &str = "en";

/// What the catalogue is made of, for checking its translations.
pub(super) struct Parts<'a> {
    pub errors: &'a [CheckedError],
    pub types: &'a [(ErrorType, Span)],
    pub groups: &'a [(Group, Span)],
}

impl Checker {
    /// The catalogue's locales: its own language first, then one per tag of
    /// `service.locales`, each with the texts of its locale file.
    pub(super) fn locales(
        &mut self,
        files: &[ParsedFile],
        service: Option<(FileId, &Spanned<raw::RawService>)>,
        parts: &Parts,
    ) -> Vec<Locale> {
        let tags = self.locale_tags(service);
        let mut locales: Vec<Locale> = tags.iter().map(|(tag, _)| Locale::source(tag)).collect();
        for locale in locales.iter_mut().skip(1) {
            locale.errors = vec![ErrorTexts::default(); parts.errors.len()];
            locale.types = vec![None; parts.types.len()];
            locale.groups = vec![GroupTexts::default(); parts.groups.len()];
        }
        let mut files_of: Vec<Option<Span>> = vec![None; tags.len()];
        for parsed in files {
            let Some(translation) = &parsed.raw.translation else { continue };
            let file = parsed.file;
            let Some(index) = self.translation_locale(&tags, &translation.value.locale, file) else { continue };
            let span = span_of(file, translation);
            if let Some(first) = files_of[index] {
                self.report(
                    Diagnostic::error(format!("`{}` is translated twice", tags[index].0), span, "again here")
                        .also(first, "first here")
                        .help("keep one locale file per language"),
                );
                continue;
            }
            files_of[index] = Some(span);
            self.translation(&mut locales[index], &translation.value, file, parts);
        }
        for (index, locale) in locales.iter().enumerate().skip(1) {
            let place = files_of[index].unwrap_or(tags[index].1);
            self.report_missing(locale, &locales[0].tag, place, files_of[index].is_some(), parts);
        }
        locales
    }

    /// The tags of `service.locales`, checked, with where each is written;
    /// `en` when it is absent.
    fn locale_tags(&mut self, service: Option<(FileId, &Spanned<raw::RawService>)>) -> Vec<(String, Span)> {
        let Some((file, service)) = service else { return vec![(DEFAULT_LOCALE.into(), Span::whole_file(FileId(0)))] };
        let Some(list) = &service.value.locales else {
            return vec![(DEFAULT_LOCALE.into(), span_of(file, service))];
        };
        let mut tags: Vec<(String, Span)> = Vec::new();
        for tag in &list.value {
            let span = span_of(file, tag);
            if let Some(problem) = tag_problem(&tag.value) {
                self.report(
                    Diagnostic::error(format!("`{}` is not a language tag", tag.value), span, problem).help(
                        "write a BCP 47 tag: a language, then optional subtags (`nl`, `nl-BE`, `pt-BR`, `zh-Hant`)",
                    ),
                );
            } else if let Some((_, first)) = tags.iter().find(|(seen, _)| seen.eq_ignore_ascii_case(&tag.value)) {
                self.report(
                    Diagnostic::error(format!("locale `{}` is listed twice", tag.value), span, "again here")
                        .also(*first, "first here")
                        .help("list each language once"),
                );
            } else {
                tags.push((tag.value.clone(), span));
            }
        }
        if tags.is_empty() {
            self.report(
                Diagnostic::error("`locales` names no language", span_of(file, list), "empty")
                    .help("list the language the catalogue is written in first, e.g. `locales: [en, nl]`"),
            );
            tags.push((DEFAULT_LOCALE.into(), span_of(file, list)));
        }
        tags
    }

    /// The position in `tags` of a locale file's `locale`, if it is one the
    /// catalogue translates into.
    fn translation_locale(&mut self, tags: &[(String, Span)], locale: &Text, file: FileId) -> Option<usize> {
        let span = span_of(file, locale);
        match tags.iter().position(|(tag, _)| tag.eq_ignore_ascii_case(&locale.value)) {
            Some(0) => {
                self.report(
                    Diagnostic::error(
                        format!("`{}` is the language the catalogue is written in", locale.value),
                        span,
                        "nothing to translate",
                    )
                    .help("translate into another language, or change the first of `service.locales`"),
                );
                None
            }
            Some(index) => Some(index),
            None => {
                let listed: Vec<&str> = tags.iter().map(|(tag, _)| tag.as_str()).collect();
                self.report(
                    Diagnostic::error(
                        format!("`{}` is not one of the catalogue's locales", locale.value),
                        span,
                        "unknown",
                    )
                    .help(format!("add it to `service.locales` (now `[{}]`), or fix the tag", listed.join(", "))),
                );
                None
            }
        }
    }

    /// Reads one locale file's texts into `locale`.
    fn translation(&mut self, locale: &mut Locale, raw: &raw::RawTranslation, file: FileId, parts: &Parts) {
        let mut unrecorded = Vec::new();
        for (name, entry) in raw.errors.iter().flat_map(|map| &map.0) {
            let Some(index) =
                self.translated_entry(file, name, "code", parts.errors.iter().map(|e| e.def.code.as_str()))
            else {
                continue;
            };
            let def = &parts.errors[index].def;
            let entry = &entry.value;
            let what = |field: &str| format!("the {} of `{}` in `{}`", field, def.code, locale.tag);
            let texts = &mut locale.errors[index];
            texts.message = self.translated_text(&what("message"), entry.message.as_ref(), Some(&def.message), file);
            texts.title = self.translated_text(&what("title"), entry.title.as_ref(), def.title.as_ref(), file);
            texts.cause = self.translated_text(&what("cause"), entry.cause.as_ref(), def.cause.as_ref(), file);
            texts.fix = self.translated_text(&what("fix"), entry.fix.as_ref(), def.fix.as_ref(), file);
            if let Some(message) = &entry.message {
                self.check_same_placeholders(&def.code, &def.message, message, file);
            }
            let label = format!("`{}`", def.code);
            self.check_from(entry.from.as_ref(), &error_source(def), span_of(file, name), &label, &mut unrecorded);
        }
        for (name, entry) in raw.types.iter().flat_map(|map| &map.0) {
            let names = parts.types.iter().map(|(ty, _)| ty.name.as_str());
            let Some(index) = self.translated_entry(file, name, "type", names) else { continue };
            let ty = &parts.types[index].0;
            let what = format!("the description of type `{}` in `{}`", ty.name, locale.tag);
            let entry = &entry.value;
            locale.types[index] =
                self.translated_text(&what, entry.description.as_ref(), ty.description.as_ref(), file);
            let label = format!("type `{}`", ty.name);
            self.check_from(entry.from.as_ref(), &type_source(ty), span_of(file, name), &label, &mut unrecorded);
        }
        for (name, entry) in raw.groups.iter().flat_map(|map| &map.0) {
            let names = parts.groups.iter().map(|(group, _)| group.name.as_str());
            let Some(index) = self.translated_entry(file, name, "group", names) else { continue };
            let group = &parts.groups[index].0;
            let what = |field: &str| format!("the {field} of group `{}` in `{}`", group.name, locale.tag);
            let entry = &entry.value;
            let texts = &mut locale.groups[index];
            texts.title = self.translated_text(&what("title"), entry.title.as_ref(), Some(&group.title), file);
            texts.description = self.translated_text(
                &what("description"),
                entry.description.as_ref(),
                group.description.as_ref(),
                file,
            );
            let label = format!("group `{}`", group.name);
            self.check_from(entry.from.as_ref(), &group_source(group), span_of(file, name), &label, &mut unrecorded);
        }
        self.report_unrecorded(&locale.tag, &unrecorded);
    }

    /// The position of the translated entry `name` among `known`, or an
    /// error naming the nearest one.
    fn translated_entry<'a>(
        &mut self,
        file: FileId,
        name: &Spanned<String>,
        what: &str,
        known: impl Iterator<Item = &'a str> + Clone,
    ) -> Option<usize> {
        if let Some(index) = known.clone().position(|known| known == name.value) {
            return Some(index);
        }
        let help = match did_you_mean(&name.value, known) {
            Some(suggestion) => format!("did you mean `{suggestion}`?"),
            None => format!("translate only the catalogue's {what}s; remove this entry or fix its name"),
        };
        let message = format!("the translation names {what} `{}`, which the catalogue does not have", name.value);
        self.report(Diagnostic::error(message, span_of(file, name), format!("no such {what}")).help(help));
        None
    }

    /// A translated text, checked as the catalogue's own are; a text the
    /// catalogue does not have (a `cause` where the code has none) is refused.
    fn translated_text(
        &mut self,
        what: &str,
        text: Option<&Text>,
        own: Option<&String>,
        file: FileId,
    ) -> Option<String> {
        let text = text?;
        if own.is_none() {
            self.report(
                Diagnostic::error(format!("{what} translates nothing"), span_of(file, text), "not in the catalogue")
                    .help("add the text to the catalogue first, or remove it here"),
            );
            return None;
        }
        self.check_required_text(what, text, file);
        Some(text.value.clone())
    }

    /// A translated message names exactly the placeholders of the message it
    /// translates: a missing one drops a value, an extra one names nothing.
    fn check_same_placeholders(&mut self, code: &str, own: &str, translated: &Text, file: FileId) {
        let names =
            |text: &str| -> BTreeSet<String> { placeholders(text).into_iter().map(|(_, n)| n.into()).collect() };
        let (expected, found) = (names(own), names(&translated.value));
        if expected == found {
            return;
        }
        let list = |set: &BTreeSet<String>| set.iter().map(|name| format!("{{{name}}}")).collect::<Vec<_>>().join(", ");
        let missing: BTreeSet<String> = expected.difference(&found).cloned().collect();
        let extra: BTreeSet<String> = found.difference(&expected).cloned().collect();
        let label = match (missing.is_empty(), extra.is_empty()) {
            (false, true) => format!("lacks {}", list(&missing)),
            (true, false) => format!("{} is not in the message", list(&extra)),
            _ => format!("lacks {}; {} is not in the message", list(&missing), list(&extra)),
        };
        let expected_list = if expected.is_empty() { "none".to_string() } else { list(&expected) };
        self.report(
            Diagnostic::error(
                format!("the translated message of `{code}` does not have the message's placeholders"),
                span_of(file, translated),
                label,
            )
            .help(format!("use exactly the placeholders of the catalogue's message: {expected_list}")),
        );
    }

    /// Whether the entry was translated from the catalogue's present texts;
    /// an entry that does not say is noted in `unrecorded`, reported once
    /// per file.
    fn check_from(&mut self, from: Option<&Text>, now: &str, entry: Span, what: &str, unrecorded: &mut Vec<Span>) {
        match from {
            Some(from) if from.value == now => {}
            Some(from) => self.report(
                Diagnostic::warning(
                    Lint::StaleTranslation,
                    format!("the catalogue's texts of {what} changed since this translation was made"),
                    span_of(entry.file, from),
                    format!("translated from `{}`; the texts now are `{now}`", from.value),
                )
                .help(format!("check the translation against the catalogue's texts, then set `from: {now}`")),
            ),
            None => unrecorded.push(entry),
        }
    }

    /// One warning for the entries of a locale file that do not say what
    /// they were translated from.
    fn report_unrecorded(&mut self, locale: &str, unrecorded: &[Span]) {
        let Some(first) = unrecorded.iter().min_by_key(|span| (span.line, span.column)) else { return };
        let count = unrecorded.len();
        self.report(
            Diagnostic::warning(
                Lint::StaleTranslation,
                format!(
                    "{count} {} of `{locale}` {} not say what {} translated from",
                    if count == 1 { "entry" } else { "entries" },
                    if count == 1 { "does" } else { "do" },
                    if count == 1 { "it was" } else { "they were" },
                ),
                *first,
                "no `from` here, the first",
            )
            .help(
                "give each entry the `from:` that the generated package's `locales/template.yaml` lists for it (a hash of the \
                 catalogue's texts it translates), so that a later change of them is caught",
            ),
        );
    }

    /// One warning per locale for the texts it lacks, which fall back.
    fn report_missing(&mut self, locale: &Locale, source: &str, place: Span, has_file: bool, parts: &Parts) {
        let mut missing: Vec<String> = Vec::new();
        for (checked, texts) in parts.errors.iter().zip(&locale.errors) {
            let def = &checked.def;
            let pairs = [
                ("message", true, &texts.message),
                ("title", def.title.is_some(), &texts.title),
                ("cause", def.cause.is_some(), &texts.cause),
                ("fix", def.fix.is_some(), &texts.fix),
            ];
            let lacking: Vec<&str> =
                pairs.iter().filter(|(_, own, text)| *own && text.is_none()).map(|(field, ..)| *field).collect();
            if !lacking.is_empty() {
                missing.push(format!("`{}` ({})", def.code, lacking.join(", ")));
            }
        }
        for ((ty, _), text) in parts.types.iter().zip(&locale.types) {
            if ty.description.is_some() && text.is_none() {
                missing.push(format!("type `{}`", ty.name));
            }
        }
        for ((group, _), texts) in parts.groups.iter().zip(&locale.groups) {
            if texts.title.is_none() || (group.description.is_some() && texts.description.is_none()) {
                missing.push(format!("group `{}`", group.name));
            }
        }
        if missing.is_empty() {
            return;
        }
        let count = missing.len();
        let shown: Vec<String> = missing.into_iter().take(5).collect();
        let more = if count > shown.len() { format!(" and {} more", count - shown.len()) } else { String::new() };
        let help = if has_file {
            format!("translate them in this file; until then they are shown in `{source}`")
        } else {
            format!(
                "add a locale file with `translation: {{ locale: {} }}` (start from the generated package's `locales/template.yaml`); \
                 until then every text is shown in `{source}`",
                locale.tag
            )
        };
        self.report(
            Diagnostic::warning(
                Lint::MissingTranslation,
                format!(
                    "`{}` lacks the texts of {count} {}: {}{more}",
                    locale.tag,
                    if count == 1 { "entry" } else { "entries" },
                    shown.join(", ")
                ),
                place,
                "falls back",
            )
            .help(help),
        );
    }
}

/// Why `tag` is not a BCP 47 language tag, if it is not: a language of 2, 3
/// or 5-8 letters, then subtags of 1-8 letters or digits.
fn tag_problem(tag: &str) -> Option<&'static str> {
    let mut parts = tag.split('-');
    let language = parts.next().unwrap_or("");
    if !(matches!(language.len(), 2 | 3 | 5..=8) && language.bytes().all(|b| b.is_ascii_alphabetic())) {
        return Some("the language is 2 or 3 letters (`nl`, `fil`)");
    }
    if parts.any(|part| part.is_empty() || part.len() > 8 || !part.bytes().all(|b| b.is_ascii_alphanumeric())) {
        return Some("each subtag after a `-` is 1 to 8 letters or digits");
    }
    None
}

#[cfg(test)]
mod tests {
    use super::tag_problem;

    #[test]
    fn language_tags() {
        for good in ["en", "nl", "nl-BE", "pt-BR", "zh-Hant-TW", "fil", "es-419", "sr-Latn"] {
            assert_eq!(tag_problem(good), None, "{good}");
        }
        for bad in ["", "n", "nl_BE", "nl-", "-nl", "12", "nl-BE-toolongsubtag", "e n", "ñl"] {
            assert!(tag_problem(bad).is_some(), "{bad}");
        }
    }
}
