//! The TypeScript package of every pinned catalogue, with the real
//! toolchain: a client written against the package's contract compiles with
//! `tsc --strict` and passes under node's own test runner, parsing every
//! example body of its catalogue; the reference's TypeScript handler compiles
//! against it and handles every example body, and every body of the
//! catalogue's table in `tests/bodies/` gets the outcome the table gives it
//! (as the Rust crate does: `generated_crates_build.rs`).
//!
//! Needs node and npm (on every machine of this project); TypeScript is
//! installed from npm into target/ts-tools when missing. Without node the
//! test fails and says how to get it: it never skips.

use std::path::{Path, PathBuf};
use std::process::Command;

/// A client of the package: only the contract (README), nothing of one catalogue.
const CLIENT: &str = r#"import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import {
  ERROR_CODES, ERROR_TYPES, MEDIA_TYPE, httpStatus, isRetryable, errorType, message, docUrl,
  isErrorCode, canonicalCode, parseApiError, parseApiErrorResponse, ApiErrorParseError, type ApiError, type ErrorCode,
  LOCALES, negotiate,
} from "../pkg/index.js";

const examples: string = process.env.EXAMPLES ?? "";

test("every code has its facts", () => {
  assert.ok(ERROR_CODES.length > 0);
  for (const code of ERROR_CODES) {
    assert.ok(isErrorCode(code));
    assert.equal(canonicalCode(code), code);
    const status: number = httpStatus(code);
    assert.ok(status >= 200 && status <= 599);
    assert.equal(typeof isRetryable(code), "boolean");
    assert.equal(typeof message(code), "string");
    const type = errorType(code);
    assert.ok(type === undefined || ERROR_TYPES.includes(type));
    const link: string | undefined = docUrl(code);
    assert.ok(link === undefined || link.startsWith("http"));
  }
  assert.equal(isErrorCode("zz_not_a_code_zz"), false);
  assert.equal(canonicalCode("zz_not_a_code_zz"), undefined);
  assert.equal(typeof MEDIA_TYPE, "string");
});

test("every example body parses to its code", () => {
  for (const file of readdirSync(examples)) {
    const code = file.replace(/\.json$/, "") as ErrorCode;
    const body: unknown = JSON.parse(readFileSync(`${examples}/${file}`, "utf8"));
    const error: ApiError = parseApiError(httpStatus(code), body);
    assert.equal(error.known, code, file);
    assert.equal(error.status, httpStatus(code));
    assert.equal(error.retryable, isRetryable(code));
    if (error.known !== undefined) {
      // Narrowed: the details are the code's own type.
      const details = error.details;
      assert.equal(typeof details, "object");
    }
  }
});

test("a code as sent names its code, as Rust's ErrorCode::from_wire reads it", () => {
  for (const file of readdirSync(examples)) {
    const code = file.replace(/\.json$/, "") as ErrorCode;
    const error = parseApiError(httpStatus(code), JSON.parse(readFileSync(`${examples}/${file}`, "utf8")));
    const sent = error.code !== "" ? error.code : error.docUrl ?? error.title;
    if (sent !== undefined) assert.equal(canonicalCode(sent), code, file);
  }
  // The Twilio-shaped catalogue: a code's JSON type counts, as in Rust.
  const twilio: string | undefined = canonicalCode(20404);
  if (twilio === "resource_not_found") {
    assert.equal(canonicalCode("20404"), "resource_not_found");
    assert.equal(parseApiError(404, { code: "20404", message: "m" }).known, undefined);
    assert.equal(parseApiError(404, { code: 20404.0, message: "m" }).known, "resource_not_found");
    assert.equal(parseApiError(500, { code: 429.5, message: "m" }).code, "429.5");
  }
});

test("messages in the caller's language, negotiated as the Rust crate does", () => {
  for (const code of ERROR_CODES) {
    assert.equal(message(code, ""), message(code));
    assert.equal(message(code, "*"), message(code));
    for (const locale of LOCALES) assert.equal(typeof message(code, locale), "string");
  }
  const callNotFound = "call_not_found";
  if (!LOCALES.includes("nl") || !isErrorCode(callNotFound)) return;
  const dutch = message(callNotFound, "nl");
  assert.equal(dutch, "Gesprek niet gevonden");
  assert.notEqual(dutch, message(callNotFound));
  const cases: [string, number][] = [
    ["nl-BE,nl;q=0.9,en;q=0.8", 1], ["NL", 1], ["en;q=0.8, nl;q=0.9", 1], ["en, nl", 0], ["nl;q=0, en", 0],
    ["fr, nl-BE;q=0.5", 1], ["fr", 0], ["", 0], ["*", 0], ["nl;q=abc, en;q=0.1", 0], [",,;;q=,", 0], ["nl;q=.5", 0],
  ];
  for (const [accept, expected] of cases) assert.equal(negotiate(accept), expected, accept);
  assert.equal(message(callNotFound, "nl-BE,nl;q=0.9,en;q=0.8"), dutch);
});

test("a LocalizedMessage is read beside the message, where the envelope has one", () => {
  const body = JSON.stringify({ error: { code: 429, message: "m", status: "RESOURCE_EXHAUSTED", details: [
    { "@type": "type.googleapis.com/google.rpc.ErrorInfo", reason: "RESOURCE_AVAILABILITY", domain: "compute.googleapis.com", metadata: { zone: "z" } },
    { "@type": "type.googleapis.com/google.rpc.LocalizedMessage", locale: "nl", message: "Zone vol" },
  ] } });
  const aip: string | undefined = canonicalCode("RESOURCE_AVAILABILITY");
  if (aip !== "resource_availability") return;
  const error: ApiError = parseApiErrorResponse(429, body);
  const localized: [string | undefined, string | undefined] = [error.locale, error.localizedMessage];
  assert.deepEqual(localized, ["nl", "Zone vol"]);
  assert.equal(error.message, "m");
});

test("a body contradicting a constant of the envelope is no error body", () => {
  // The Slack-shaped catalogue: `"ok": false` says the body is an error.
  if (isErrorCode("invalid_auth") && isErrorCode("channel_not_found")) {
    assert.equal(parseApiError(200, { ok: false, error: "invalid_auth" }).known, "invalid_auth");
    assert.throws(() => parseApiError(200, { ok: true, error: "invalid_auth" }), ApiErrorParseError);
  }
});

test("every body of tests/bodies gets the outcome the table gives it, as in Rust", () => {
  const table = JSON.parse(readFileSync(process.env.BODY_TABLE ?? "", "utf8"));
  assert.ok(table.cases.length > 20);
  for (const entry of table.cases) {
    const inputs: (string | Uint8Array)[] = entry.body_hex !== undefined
      ? [Buffer.from(entry.body_hex, "hex")]
      : [entry.body, new TextEncoder().encode(entry.body)];
    for (const body of inputs) {
      let outcome: unknown;
      try {
        const error = parseApiErrorResponse(entry.status, body);
        outcome = {
          known: error.known ?? null, code: error.code, message: error.message, status: error.status,
          details: Object.keys(error.details).length,
        };
      } catch (error) {
        if (!(error instanceof ApiErrorParseError)) throw error;
        outcome = "refused";
      }
      assert.deepEqual(outcome, entry.expect, `${table.catalogue}: ${entry.case}`);
    }
  }
});

test("a body that is not the envelope throws a typed error", () => {
  assert.throws(() => parseApiError(500, "not json object"), ApiErrorParseError);
  assert.throws(() => parseApiError(500, null), ApiErrorParseError);
});
"#;

/// Runs the reference's TypeScript handler (`docs/errors.md`, "Handling
/// errors", saved as test/handler.ts) on every example body.
const HANDLER_TEST: &str = r#"import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { httpStatus, isRetryable, ApiErrorParseError, type ErrorCode } from "../pkg/index.js";
import { onError } from "./handler.js";

const examples: string = process.env.EXAMPLES ?? "";

test("the reference's handler retries what is retryable and reports the rest", () => {
  for (const file of readdirSync(examples)) {
    const code = file.replace(/\.json$/, "") as ErrorCode;
    const body: unknown = JSON.parse(readFileSync(`${examples}/${file}`, "utf8"));
    if (isRetryable(code)) {
      assert.equal(onError(httpStatus(code), body), true, file);
    } else {
      const reported = (error: unknown) => error instanceof Error && !(error instanceof ApiErrorParseError);
      assert.throws(() => onError(httpStatus(code), body), reported, file);
    }
  }
  assert.throws(() => onError(500, null), ApiErrorParseError);
});
"#;

/// The TypeScript block of the reference's "Handling errors" section,
/// importing the package from where the test keeps it.
fn docs_handler(files: &[codegen::GeneratedFile], package: &str) -> String {
    let docs = files.iter().find(|file| file.path == "docs/errors.md").expect("the reference");
    let section = docs.contents.split("## Handling errors").nth(1).expect("a \"Handling errors\" section");
    let block = section.split("```ts\n").nth(1).and_then(|rest| rest.split("```").next()).expect("a ts block");
    let import = format!("from \"{package}\";");
    assert!(block.contains(&import), "the handler imports {package}");
    block.replace(&import, "from \"../pkg/index.js\";")
}

#[test]
fn the_typescript_package_compiles_strict_and_passes_its_contract() {
    let node =
        find("node").unwrap_or_else(|| panic!("node is needed for the TypeScript test: apt-get install nodejs npm"));
    let tsc = typescript();
    let root = catalog_tests::workspace_root();
    let cases = catalog_tests::all_catalogues().into_iter().map(|(name, path)| (name.to_string(), path));
    let work = tempfile::tempdir().expect("temporary folder");
    catalog_tests::check_each(cases, |name, path| {
        let dir = work.path().join(name);
        let files = catalog_tests::generate(&path);
        let package = codegen::load_catalog(&path).expect("valid").service.crate_name.to_ascii_lowercase();
        write(&dir.join("test/handler.ts"), &docs_handler(&files, &package));
        write(&dir.join("test/handler.test.ts"), HANDLER_TEST);
        for file in files {
            if let Some(relative) = file.path.strip_prefix("ts/") {
                write(&dir.join("pkg").join(relative), &file.contents);
            } else if let Some(relative) = file.path.strip_prefix("schema/examples/") {
                write(&dir.join("examples").join(relative), &file.contents);
            }
        }
        write(&dir.join("test/client.test.ts"), CLIENT);
        write(&dir.join("package.json"), "{ \"type\": \"module\" }\n");
        let types = root.join("target/ts-tools/node_modules/@types");
        run(Command::new(&node)
            .arg(&tsc)
            .args(["--strict", "--noEmitOnError", "--module", "nodenext", "--moduleResolution", "nodenext"])
            .args(["--target", "es2022"])
            .arg("--typeRoots")
            .arg(&types)
            .args(["--types", "node", "test/client.test.ts", "test/handler.test.ts"])
            .current_dir(&dir));
        run(Command::new(&node)
            .args(["--test", "test/client.test.js", "test/handler.test.js"])
            .env("EXAMPLES", dir.join("examples"))
            .env("BODY_TABLE", catalog_tests::body_table(name))
            .current_dir(&dir));
    });
}

/// tsc from target/ts-tools, installed from npm (with node's types) when missing.
fn typescript() -> PathBuf {
    let tools = catalog_tests::workspace_root().join("target/ts-tools");
    let tsc = tools.join("node_modules/typescript/bin/tsc");
    if !tsc.is_file() || !tools.join("node_modules/@types/node").is_dir() {
        let npm = find("npm").unwrap_or_else(|| panic!("npm is needed to install TypeScript: apt-get install npm"));
        std::fs::create_dir_all(&tools).expect("target/ts-tools");
        run(Command::new(npm)
            .args(["install", "--no-audit", "--no-fund", "--prefix"])
            .arg(&tools)
            .args(["typescript@5", "@types/node@20"]));
    }
    tsc
}

fn find(program: &str) -> Option<PathBuf> {
    std::env::var_os("PATH")?.to_str()?.split(':').map(|dir| Path::new(dir).join(program)).find(|path| path.is_file())
}

fn write(path: &Path, contents: &str) {
    std::fs::create_dir_all(path.parent().expect("a parent")).expect("create folder");
    std::fs::write(path, contents).expect("write");
}

fn run(command: &mut Command) {
    let output = command.output().expect("run a command");
    assert!(
        output.status.success(),
        "{command:?} failed:\n{}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}
