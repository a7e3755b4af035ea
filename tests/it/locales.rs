//! Translations: the generated template is a locale file a translator can
//! start from (every catalogue, hostile text included), and a text a
//! language lacks falls back along its tag (`nl-BE`, `nl`, the catalogue's).

use std::path::Path;

/// Every pinned catalogue, translated into `zz` by copying its template
/// unchanged: it checks clean (no missing or stale translation), and the
/// reference in `zz` is the catalogue's own but for the language switch.
#[test]
fn the_template_is_a_locale_file_that_checks_clean() {
    catalog_tests::each_catalogue(catalog_tests::all_catalogues(), |name, path| {
        let dir = tempfile::tempdir().expect("temporary folder");
        let catalog = dir.path().join("catalog");
        if path.is_dir() {
            catalog_tests::copy_tree(&path, &catalog);
        } else {
            std::fs::create_dir_all(&catalog).unwrap();
            std::fs::copy(&path, catalog.join("catalog.yaml")).unwrap();
        }
        let files = catalog_tests::generate(&path);
        let template = &files.iter().find(|file| file.path == "locales/template.yaml").expect("a template").contents;
        add_locale(&catalog, "zz");
        std::fs::create_dir_all(catalog.join("locales")).unwrap();
        let locale_file = template.replacen("  locale: xx\n", "  locale: zz\n", 1);
        std::fs::write(catalog.join("locales/zz.yaml"), locale_file).unwrap();

        let out = dir.path().join("out");
        let args: Vec<String> =
            ["gen", "--catalog", &catalog.display().to_string(), "--out", &out.display().to_string()]
                .map(String::from)
                .into();
        let outcome = xtask::run(&args);
        assert_eq!(outcome.code, 0, "{name}: {}", outcome.stderr);
        assert!(!outcome.stderr.contains("_translation"), "{name}: {}", outcome.stderr);
        let read = |file: &str| std::fs::read_to_string(out.join(file)).unwrap();
        let without_switch =
            |text: String| text.lines().filter(|line| !line.starts_with("Language:")).collect::<Vec<_>>().join("\n");
        assert_eq!(without_switch(read("docs/errors.zz.md")), without_switch(read("docs/errors.md")), "{name}");
    });
}

/// `nl-BE` gives what it translates, then `nl`'s, then the catalogue's own.
#[test]
fn a_missing_text_falls_back_along_its_tag() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let write = |file: &str, text: &str| {
        let path = dir.path().join(file);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    };
    write(
        "catalog.yaml",
        "service: { name: Acme, crate: acme-errors, locales: [en, nl, nl-BE] }\n\
         envelope: { wrapper: error, fields: [code, message] }\n\
         errors:\n  a: { status: 404, message: A, fix: Fix A }\n  b: { status: 409, message: B }\n  c: { status: 400, message: C }\n\
         lints: { stale_translation: allow }\n",
    );
    write(
        "locales/nl.yaml",
        "translation:\n  locale: nl\n  errors:\n    a: { message: A-nl, fix: Fix A-nl }\n    b: { message: B-nl }\n",
    );
    write("locales/nl-BE.yaml", "translation:\n  locale: nl-BE\n  errors:\n    a: { message: A-be }\n");
    let catalog = codegen::load_catalog(dir.path()).expect("valid catalogue");
    let belgian = catalog.locale_index("nl-be").expect("nl-BE, whatever its case");
    let texts = |code: usize| catalog.error_texts(belgian, code);
    assert_eq!(texts(0).message.as_deref(), Some("A-be"));
    assert_eq!(texts(0).fix.as_deref(), Some("Fix A-nl"));
    assert_eq!(texts(1).message.as_deref(), Some("B-nl"));
    assert_eq!(texts(2).message.as_deref(), Some("C"));
}

/// Adds `tag` to the catalogue's `service.locales` (after its own
/// language, `en` where it names none).
fn add_locale(catalog: &Path, tag: &str) {
    for entry in std::fs::read_dir(catalog).unwrap().flatten() {
        let path = entry.path();
        let Ok(text) = std::fs::read_to_string(&path) else { continue };
        let edited = if let Some(start) = text.find("locales: [") {
            let end = start + text[start..].find(']').unwrap();
            format!("{}, {tag}{}", &text[..end], &text[end..])
        } else if text.contains("\nservice: {") || text.starts_with("service: {") {
            text.replacen("service: {", &format!("service: {{ locales: [en, {tag}],"), 1)
        } else if text.contains("\nservice:\n") || text.starts_with("service:\n") {
            text.replacen("service:\n", &format!("service:\n  locales: [en, {tag}]\n"), 1)
        } else {
            continue;
        };
        std::fs::write(&path, edited).unwrap();
        return;
    }
    panic!("no service section in {}", catalog.display());
}
