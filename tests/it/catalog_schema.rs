//! `catalog.schema.json`, the JSON Schema of the catalogue format itself (for
//! the YAML language server: completion and inline errors in editors),
//! accepts every catalogue in the repository, rejects the broken ones a
//! schema can judge, and names exactly the keys the loader accepts.

use std::path::{Path, PathBuf};

use serde_json::Value;

fn schema() -> Value {
    let text = std::fs::read_to_string(catalog_tests::workspace_root().join("catalog.schema.json")).unwrap();
    serde_json::from_str(&text).expect("catalog.schema.json is JSON")
}

fn validator() -> jsonschema::Validator {
    let schema = schema();
    assert!(jsonschema::draft7::meta::is_valid(&schema), "catalog.schema.json is a draft-07 schema");
    jsonschema::draft7::new(&schema).expect("the schema compiles")
}

/// A YAML file as the JSON the language server checks it as.
fn yaml(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap();
    serde_saphyr::from_str(&text).unwrap_or_else(|error| panic!("{}: {error}", path.display()))
}

fn yaml_files(folder: &Path, found: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(folder).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            yaml_files(&path, found);
        } else if path.extension().is_some_and(|ext| ext == "yaml") {
            found.push(path);
        }
    }
}

#[test]
fn every_catalogue_file_in_the_repository_validates() {
    let root = catalog_tests::workspace_root();
    let validator = validator();
    let mut files = Vec::new();
    for folder in ["catalog", "tests/fixtures", "tests/warn"] {
        yaml_files(&root.join(folder), &mut files);
    }
    assert!(files.len() >= 30, "{files:?}");
    let cases = files.into_iter().map(|path| (path.display().to_string(), path));
    catalog_tests::check_each(cases, |name, path| {
        let value = yaml(&path);
        if let Err(error) = validator.validate(&value) {
            panic!("{name}: {error}");
        }
    });
}

#[test]
fn every_shipped_file_points_editors_at_the_schema() {
    let root = catalog_tests::workspace_root();
    let mut files = Vec::new();
    yaml_files(&root.join("catalog"), &mut files);
    for path in files {
        let first = std::fs::read_to_string(&path).unwrap().lines().next().unwrap_or("").to_string();
        let relative = path.parent().unwrap().strip_prefix(&root).unwrap();
        let up = "../".repeat(relative.components().count());
        assert_eq!(first, format!("# yaml-language-server: $schema={up}catalog.schema.json"), "{}", path.display());
    }
}

#[test]
fn the_broken_catalogues_a_schema_can_judge_are_rejected() {
    let root = catalog_tests::workspace_root();
    let validator = validator();
    let judged = [
        "unknown_key",
        "wrong_value_type",
        "missing_message",
        "missing_fields",
        "lints",
        "blank_texts",
        "names_too_long",
        "status_not_http",
        "envelope_general",
    ];
    let cases = judged.into_iter().map(|name| (name.to_string(), root.join(format!("tests/bad/{name}.yaml"))));
    catalog_tests::check_each(cases, |name, path| {
        assert!(!validator.is_valid(&yaml(&path)), "{name} was accepted");
    });
}

/// The schema cannot fall behind the loader: at every place of the format,
/// the keys the loader accepts (read from its own "expected one of" list for
/// an unknown key there) are exactly the schema's properties at that place.
#[test]
fn the_schema_names_exactly_the_keys_the_loader_accepts() {
    let schema = schema();
    let places: &[(&str, &str)] = &[
        ("zzz_unknown: 1\n", "/properties"),
        ("service: { name: a, crate: a, zzz_unknown: 1 }\n", "/definitions/service/properties"),
        ("envelope: { zzz_unknown: 1 }\n", "/definitions/envelope/properties"),
        ("statuses: { 200: { zzz_unknown: 1 } }\n", "/definitions/status/properties"),
        ("types: { t: { zzz_unknown: 1 } }\n", "/definitions/type/properties"),
        ("groups: { g: { zzz_unknown: 1 } }\n", "/definitions/group/properties"),
        ("errors: { e: { zzz_unknown: 1 } }\n", "/definitions/error/properties"),
        ("errors: { e: { details: { d: { zzz_unknown: 1 } } } }\n", "/definitions/detail/properties"),
        (
            "errors: { e: { details_map: { zzz_unknown: 1 } } }\n",
            "/definitions/error/properties/details_map/properties",
        ),
        ("errors: { e: { deprecated: { zzz_unknown: 1 } } }\n", "/definitions/error/properties/deprecated/properties"),
        ("breaking_changes: [ { zzz_unknown: 1 } ]\n", "/definitions/breaking_change/properties"),
        ("envelope: { body: { a: { zzz_unknown: 1 } } }\n", "/definitions/node/anyOf/2/properties"),
    ];
    let cases = places.iter().map(|(yaml, pointer)| (pointer.to_string(), *yaml));
    catalog_tests::check_each(cases, |pointer, yaml| {
        let failure = codegen::load_catalog_from_memory(vec![("c.yaml".into(), yaml.as_bytes().to_vec())])
            .expect_err("an unknown key is refused");
        let rendered = failure.render();
        let expected = rendered
            .split("unknown field `zzz_unknown`, expected ")
            .nth(1)
            .and_then(|rest| rest.lines().next())
            .unwrap_or_else(|| panic!("{pointer}: no list of keys in:\n{rendered}"));
        let mut loader: Vec<String> =
            expected.trim_start_matches("one of ").split(", ").map(|key| key.trim_matches('`').to_string()).collect();
        loader.sort();
        let mut documented: Vec<String> =
            schema.pointer(pointer).and_then(Value::as_object).expect(pointer).keys().cloned().collect();
        documented.sort();
        assert_eq!(documented, loader, "{pointer}: schema keys against loader keys");
    });
}
