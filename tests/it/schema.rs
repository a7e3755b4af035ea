//! The emitted JSON Schemas and OpenAPI fragment, checked with a real
//! validator (the `jsonschema` crate, offline): they are valid draft 2020-12,
//! accept every documented example, reject the usual mistakes, and agree with
//! what the Rust crate serializes.

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::{Value, json};

/// The generated files of a catalogue, by path.
fn outputs(path: &Path) -> BTreeMap<String, String> {
    catalog_tests::generate(path).into_iter().map(|file| (file.path, file.contents)).collect()
}

fn parse(text: &str) -> Value {
    serde_json::from_str(text).expect("emitted JSON parses")
}

fn validator(schema: &Value) -> jsonschema::Validator {
    jsonschema::draft202012::options().should_validate_formats(true).build(schema).expect("schema compiles")
}

/// The error object inside a body, wherever the envelope puts it.
fn error_object<'a>(body: &'a mut Value, wrapper: Option<&str>) -> &'a mut serde_json::Map<String, Value> {
    let object = match wrapper {
        Some(wrapper) => &mut body[wrapper],
        None => body,
    };
    object.as_object_mut().expect("an error object")
}

#[test]
fn schemas_are_valid_draft_2020_12() {
    catalog_tests::each_catalogue(catalog_tests::all_catalogues(), |name, path| {
        let files = outputs(&path);
        for file in ["schema/errors.schema.json", "schema/errors.client.schema.json"] {
            let schema = parse(&files[file]);
            if let Err(error) = jsonschema::draft202012::meta::validate(&schema) {
                panic!("{name} {file}: {error}");
            }
            assert_eq!(schema["$schema"], "https://json-schema.org/draft/2020-12/schema");
            assert!(schema["$id"].as_str().is_some_and(|id| id.starts_with("urn:")), "{name}");
            assert!(schema["title"].is_string() && schema["description"].is_string(), "{name}");
        }
    });
}

#[test]
fn examples_pass_and_mistakes_fail() {
    catalog_tests::each_catalogue(catalog_tests::catalogues(), |name, path| {
        let catalog = codegen::load_catalog(&path).expect("valid catalogue");
        let files = outputs(&path);
        let strict = validator(&parse(&files["schema/errors.schema.json"]));
        let open = validator(&parse(&files["schema/errors.client.schema.json"]));
        // These catalogues use the short form: a wrapping object, or none.
        let wrapper = match catalog.envelope.body.as_slice() {
            [codegen::model::Member { name, node: codegen::model::Node::Object(_), .. }] => Some(name.as_str()),
            _ => None,
        };
        let examples: Vec<_> = files.iter().filter(|(path, _)| path.starts_with("schema/examples/")).collect();
        assert_eq!(examples.len(), catalog.errors.len(), "{name}: one example per code");

        for error in &catalog.errors {
            let example = parse(&files[&format!("schema/examples/{}.json", error.code)]);
            assert!(strict.is_valid(&example), "{name}/{}: {:?}", error.code, strict.validate(&example).err());
            assert!(open.is_valid(&example), "{name}/{}", error.code);

            // A missing required member fails both.
            let mut missing = example.clone();
            error_object(&mut missing, wrapper).remove("message");
            assert!(!strict.is_valid(&missing) && !open.is_valid(&missing), "{name}/{}: no message", error.code);

            // Another code's type fails the strict schema.
            let own_type = catalog.error_type(error).map(|ty| ty.name.as_str());
            let other_type = catalog.types.iter().find(|ty| Some(ty.name.as_str()) != own_type);
            if let (true, Some(other)) =
                (catalog.envelope.has_role(|role| matches!(role, codegen::model::Role::Type(_))), other_type)
            {
                let mut wrong = example.clone();
                error_object(&mut wrong, wrapper).insert("type".into(), json!(other.name));
                assert!(!strict.is_valid(&wrong), "{name}/{}: type {} accepted", error.code, other.name);
            }

            // A detail of the wrong type fails both (the open schema still
            // knows the catalogue's codes).
            if let Some(details) = error_object(&mut example.clone(), wrapper).get("details").cloned() {
                let member = details.as_object().and_then(|members| members.keys().next().cloned()).expect("a member");
                let mut wrong = example.clone();
                error_object(&mut wrong, wrapper)["details"][&member] = json!([{ "not": "the declared type" }]);
                assert!(!strict.is_valid(&wrong), "{name}/{}: wrong detail type accepted", error.code);
                assert!(!open.is_valid(&wrong), "{name}/{}: wrong detail type accepted (open)", error.code);
            }

            // A code the catalogue does not have: strict rejects, open accepts.
            let mut unknown = example.clone();
            error_object(&mut unknown, wrapper).insert("code".into(), json!("brand_new_code"));
            assert!(!strict.is_valid(&unknown), "{name}/{}: unknown code accepted", error.code);
            assert!(open.is_valid(&unknown), "{name}/{}: {:?}", error.code, open.validate(&unknown).err());
        }
    });
}

#[test]
fn every_body_the_rust_crate_serializes_validates() {
    let root = catalog_tests::workspace_root();
    let strict = validator(&parse(flireo_errors::ERROR_SCHEMA));
    let open = validator(&parse(flireo_errors::CLIENT_ERROR_SCHEMA));
    for &code in flireo_errors::ErrorCode::ALL {
        let plain = serde_json::to_value(flireo_errors::ApiError::new(code)).unwrap();
        assert!(strict.is_valid(&plain), "{code}: {:?}", strict.validate(&plain).err());
        assert!(open.is_valid(&plain), "{code}");
        // With details: the documented example, parsed and serialized again.
        let example = std::fs::read(root.join(format!("generated/schema/examples/{code}.json"))).unwrap();
        let reserialized = serde_json::to_value(flireo_errors::ApiError::from_json(&example).unwrap()).unwrap();
        assert!(strict.is_valid(&reserialized), "{code}: {:?}", strict.validate(&reserialized).err());
    }
    let typed =
        serde_json::to_value(flireo_errors::ApiError::from(flireo_errors::details::PromptTooLong::new(2, 1))).unwrap();
    assert!(strict.is_valid(&typed));
    let retry = serde_json::to_value(
        flireo_errors::ApiError::new(flireo_errors::ErrorCode::RateLimitExceeded).with_retry_after(5),
    )
    .unwrap();
    assert!(strict.is_valid(&retry));
}

/// Page 001 publishes its own "Error JSON Schema". For the page's own
/// examples (and a few mistakes), ours accepts and rejects exactly as it does.
#[test]
fn the_schema_page_fixture_agrees_with_the_pages_schema() {
    let root = catalog_tests::workspace_root();
    let fixture = root.join("tests/fixtures/schema_page");
    let page_schema: Value = parse(&std::fs::read_to_string(fixture.join("page_schema.json")).unwrap());
    let page = validator(&page_schema);
    let ours = validator(&parse(&outputs(&fixture.join("catalog.yaml"))["schema/errors.schema.json"]));

    // Same codes, in the same order.
    let codes = |schema: &Value| -> Vec<Value> {
        let code = &schema["properties"]["error"]["properties"]["code"];
        code["enum"].as_array().cloned().unwrap_or_default()
    };
    let emitted = parse(&outputs(&fixture.join("catalog.yaml"))["schema/errors.schema.json"]);
    assert_eq!(codes(&page_schema), emitted["$defs"]["code"]["enum"].as_array().cloned().unwrap());

    let examples: Vec<Value> =
        parse(&std::fs::read_to_string(fixture.join("page_examples.json")).unwrap()).as_array().cloned().unwrap();
    let mistakes = [
        json!({ "error": { "code": "not_found" } }),
        json!({ "error": { "message": "Resource not found" } }),
        json!({ "error": { "code": "no_such_code", "message": "x" } }),
        json!({ "error": { "code": "not_found", "message": "x", "details": "not an object" } }),
        json!({ "error": { "code": "not_found", "message": "x", "details": {} } }),
        json!({ "error": { "code": "forbidden", "message": "You don't have permission" } }),
    ];
    for body in examples.iter().chain(&mistakes) {
        assert_eq!(ours.is_valid(body), page.is_valid(body), "disagree on {body}");
    }
    assert!(page.is_valid(&examples[1]) && ours.is_valid(&examples[1]), "the validation example is valid");
}

#[test]
fn the_openapi_fragment_is_valid_openapi_3_1() {
    let root = catalog_tests::workspace_root();
    let oas: Value = parse(&std::fs::read_to_string(root.join("tests/schemas/oas-3.1.schema.json")).unwrap());
    let oas = validator(&oas);
    // The validator does reject what is not OpenAPI 3.1.
    assert!(!oas.is_valid(&json!({ "openapi": "3.0.3", "info": { "title": "x", "version": "1" }, "paths": {} })));
    assert!(!oas.is_valid(&json!({ "openapi": "3.1.0", "paths": {} })));
    catalog_tests::each_catalogue(catalog_tests::all_catalogues(), |name, path| {
        let catalog = codegen::load_catalog(&path).expect("valid catalogue");
        let document = parse(&outputs(&path)["schema/openapi.json"]);
        if let Err(error) = oas.validate(&document) {
            panic!("{name}: openapi.json is not OpenAPI 3.1: {error}");
        }
        // Every component schema is itself valid JSON Schema, and every
        // response example validates against the response schema.
        for (schema_name, schema) in document["components"]["schemas"].as_object().unwrap() {
            assert!(jsonschema::draft202012::meta::is_valid(schema), "{name}: {schema_name}");
        }
        let mut statuses: Vec<u16> = catalog.errors.iter().map(|error| error.status).collect();
        statuses.sort_unstable();
        statuses.dedup();
        let responses = document["components"]["responses"].as_object().unwrap();
        assert_eq!(responses.len(), statuses.len(), "{name}: one response per status");
        let strict = validator(&parse(&outputs(&path)["schema/errors.schema.json"]));
        for error in &catalog.errors {
            let media_type = catalog.envelope.media_type.as_str();
            let example =
                &responses[&format!("Error{}", error.status)]["content"][media_type]["examples"][&error.code]["value"];
            assert!(strict.is_valid(example), "{name}/{}", error.code);
        }
    });
}

#[test]
fn the_crate_exposes_its_schemas() {
    let root = catalog_tests::workspace_root();
    let read = |file: &str| std::fs::read_to_string(root.join("generated/schema").join(file)).unwrap();
    assert_eq!(flireo_errors::ERROR_SCHEMA, read("errors.schema.json"));
    assert_eq!(flireo_errors::CLIENT_ERROR_SCHEMA, read("errors.client.schema.json"));
    assert_eq!(flireo_errors::OPENAPI, read("openapi.json"));
}

/// A second, independent implementation (Python's `jsonschema`, when the
/// machine has it) given only the emitted files: it accepts every example
/// and rejects an unknown code. Skipped, saying so, where it is missing.
#[test]
fn an_independent_validator_agrees() {
    let has_python_jsonschema = std::process::Command::new("python3")
        .args(["-c", "import jsonschema"])
        .output()
        .is_ok_and(|output| output.status.success());
    if !has_python_jsonschema {
        eprintln!("SKIPPED an_independent_validator_agrees: python3 with the jsonschema package is not installed");
        return;
    }
    let root = catalog_tests::workspace_root();
    let script = r#"
import json, pathlib, sys
from jsonschema import Draft202012Validator
schema_dir = pathlib.Path(sys.argv[1])
strict = Draft202012Validator(json.loads((schema_dir / "errors.schema.json").read_text()))
open_ = Draft202012Validator(json.loads((schema_dir / "errors.client.schema.json").read_text()))
Draft202012Validator.check_schema(strict.schema)
Draft202012Validator.check_schema(open_.schema)
count = 0
for path in sorted((schema_dir / "examples").glob("*.json")):
    body = json.loads(path.read_text())
    strict.validate(body)
    open_.validate(body)
    body["error"]["code"] = "brand_new_code"
    assert not strict.is_valid(body), path
    open_.validate(body)
    count += 1
print(count)
"#;
    let output = std::process::Command::new("python3")
        .args(["-c", script, &root.join("generated/schema").display().to_string()])
        .output()
        .expect("run python3");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let count: usize = String::from_utf8_lossy(&output.stdout).trim().parse().expect("a count");
    assert_eq!(count, flireo_errors::ErrorCode::ALL.len());
}

/// The standards' published bodies validate against the schemas generated
/// for them; the same bodies with a wrong code, without a required member,
/// or with a wrongly typed member do not (strict). RFC 9457 bodies also
/// validate against the RFC's own schema (Appendix A).
#[test]
fn published_bodies_of_the_standards_validate() {
    let root = catalog_tests::workspace_root();
    let rfc_schema =
        validator(&parse(&std::fs::read_to_string(root.join("tests/schemas/rfc9457-problem.schema.json")).unwrap()));
    // (code member, required member, member whose type is declared, a value of the wrong type)
    let places: &[(&str, &str, &str, &str, Value)] = &[
        ("rfc9457", "/type", "/title", "/balance", json!("thirty")),
        ("aip193", "/error/details/0/reason", "/error/message", "/error/details/0/metadata/zone", json!(5)),
        ("twilio", "/code", "/message", "/status", json!("404")),
        ("microsoft", "/error/code", "/error/message", "/error/details/0/target", json!(1)),
        ("jsonapi", "/errors/0/title", "/errors/0/status", "/errors/0/source/pointer", json!(7)),
        ("slack", "/error", "/ok", "/ok", json!("false")),
        ("github", "/documentation_url", "/message", "/errors/0/resource", json!(1)),
        ("graphql", "/errors/0/extensions/code", "/errors/0/message", "/errors/0/message", json!(2)),
        ("oauth2", "/error", "/error_uri", "/error_description", json!(3)),
    ];
    let mut checked = 0;
    catalog_tests::check_each(
        catalog_tests::standards().into_iter().map(|(name, path)| (name.to_string(), path)),
        |name, path| {
            let files = outputs(&path);
            let strict = validator(&parse(&files["schema/errors.schema.json"]));
            let open = validator(&parse(&files["schema/errors.client.schema.json"]));
            let (_, code, required, typed, wrong) =
                places.iter().find(|place| place.0 == name).expect("places of every standard");
            let bodies = catalog_tests::published_bodies(&path);
            assert!(!bodies.is_empty(), "{name}: no published body");
            for (file, text) in bodies {
                let body = parse(&text);
                assert!(strict.is_valid(&body), "{name}/{file}: {:?}", strict.validate(&body).err());
                assert!(open.is_valid(&body), "{name}/{file}: {:?}", open.validate(&body).err());
                if name == "rfc9457" {
                    assert!(rfc_schema.is_valid(&body), "{file} against RFC 9457 Appendix A");
                }
                let mutate = |pointer: &str, value: Option<Value>| {
                    let mut mutated = body.clone();
                    let (parent, member) = pointer.rsplit_once('/').unwrap();
                    let parent = mutated.pointer_mut(parent).unwrap_or_else(|| panic!("{name}/{file}: no {parent}"));
                    match value {
                        Some(value) => parent[member] = value,
                        None => {
                            parent.as_object_mut().unwrap().remove(member).unwrap();
                        }
                    }
                    mutated
                };
                if body.pointer(code).is_some() {
                    let unknown = mutate(code, Some(json!("Not a code of this catalogue")));
                    assert!(!strict.is_valid(&unknown), "{name}/{file}: a wrong code was accepted");
                }
                if body.pointer(required).is_some() {
                    assert!(!strict.is_valid(&mutate(required, None)), "{name}/{file}: {required} is required");
                }
                if body.pointer(typed).is_some() {
                    assert!(
                        !strict.is_valid(&mutate(typed, Some(wrong.clone()))),
                        "{name}/{file}: {typed} wrongly typed"
                    );
                    checked += 1;
                }
            }
        },
    );
    assert!(checked >= 5, "every standard had a typed member to get wrong");
}
