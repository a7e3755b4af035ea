//! `locales/template.yaml`: every text of the catalogue a translation may
//! give, each entry with the `from:` it records, in a locale file's shape.
//! A translator copies it to `catalog/locales/<tag>.yaml` and translates the
//! texts, as gettext's `.pot` is copied to a `.po`. Written by the YAML
//! library that reads catalogues (serde-saphyr).

use serde::ser::{Serialize, SerializeMap, Serializer};

use crate::emit::header_text;
use crate::model::{Catalog, error_source, group_source, type_source};

/// The template's path in the package.
pub const TEMPLATE: &str = "locales/template.yaml";

/// One entry: what it was translated from, and its texts, in order.
struct Entry<'a> {
    from: String,
    texts: Vec<(&'static str, &'a str)>,
}

impl Serialize for Entry<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.texts.len() + 1))?;
        map.serialize_entry("from", &self.from)?;
        for (field, text) in &self.texts {
            map.serialize_entry(field, text)?;
        }
        map.end()
    }
}

/// Entries by name, in catalogue order (a `BTreeMap` would sort them).
struct Entries<'a>(Vec<(&'a str, Entry<'a>)>);

impl Serialize for Entries<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (name, entry) in &self.0 {
            map.serialize_entry(name, entry)?;
        }
        map.end()
    }
}

#[derive(serde::Serialize)]
struct Translation<'a> {
    locale: &'static str,
    #[serde(skip_serializing_if = "is_empty")]
    types: Entries<'a>,
    #[serde(skip_serializing_if = "is_empty")]
    groups: Entries<'a>,
    errors: Entries<'a>,
}

fn is_empty(entries: &Entries) -> bool {
    entries.0.is_empty()
}

#[derive(serde::Serialize)]
struct Template<'a> {
    translation: Translation<'a>,
}

/// The texts of `pairs` the catalogue has.
fn texts<'a>(pairs: &[(&'static str, Option<&'a str>)]) -> Vec<(&'static str, &'a str)> {
    pairs.iter().filter_map(|(field, text)| Some((*field, (*text)?))).collect()
}

/// The template for `catalog`.
pub fn template_yaml(catalog: &Catalog) -> String {
    let types = catalog
        .types
        .iter()
        .filter(|ty| ty.description.is_some())
        .map(|ty| {
            (
                ty.name.as_str(),
                Entry { from: type_source(ty), texts: texts(&[("description", ty.description.as_deref())]) },
            )
        })
        .collect();
    let groups = catalog
        .groups
        .iter()
        .map(|group| {
            let fields = [("title", Some(group.title.as_str())), ("description", group.description.as_deref())];
            (group.name.as_str(), Entry { from: group_source(group), texts: texts(&fields) })
        })
        .collect();
    let errors = catalog
        .errors
        .iter()
        .map(|error| {
            let fields = [
                ("message", Some(error.message.as_str())),
                ("title", error.title.as_deref()),
                ("cause", error.cause.as_deref()),
                ("fix", error.fix.as_deref()),
            ];
            (error.code.as_str(), Entry { from: error_source(error), texts: texts(&fields) })
        })
        .collect();
    let template = Template {
        translation: Translation {
            locale: "xx",
            types: Entries(types),
            groups: Entries(groups),
            errors: Entries(errors),
        },
    };
    let yaml = serde_saphyr::to_string(&template).expect("a template is plain strings and maps");
    format!(
        "# {}\n# The catalogue's texts, to translate: copy this file to catalog/locales/<tag>.yaml, set `locale`\n\
         # to the tag (listed in `service.locales`), translate the texts and keep each `from:` as it is.\n\
         # Leave out what you do not translate: it falls back to the catalogue's language.\n{yaml}",
        header_text()
    )
}
