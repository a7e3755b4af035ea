//! A deterministic synthetic catalogue of any size, for benchmarks
//! (`cargo xtask synth --codes N`), in the proportions of real catalogues
//! (see [`files`]), the same bytes on every machine.

use std::fmt::Write as _;

const WORDS: &[&str] = &[
    "call",
    "agent",
    "phone",
    "number",
    "rate",
    "limit",
    "key",
    "api",
    "sms",
    "provider",
    "invalid",
    "expired",
    "busy",
    "quota",
    "token",
    "route",
    "queue",
    "media",
    "voice",
    "trunk",
    "webhook",
    "campaign",
    "contact",
    "recording",
    "transcript",
    "region",
    "carrier",
    "credit",
    "account",
    "session",
    "stream",
    "prompt",
];

const TYPES: &[(&str, u16, bool)] = &[
    ("invalid_request", 400, false),
    ("authentication_error", 401, false),
    ("permission_error", 403, false),
    ("not_found", 404, false),
    ("conflict", 409, false),
    ("rate_limit_error", 429, true),
    ("server_error", 500, false),
    ("provider_error", 502, true),
];

/// Detail member types in the proportions of real catalogues' structured
/// context (Stripe's `decline_code`/`param`-like strings dominate, then
/// counts and limits; lists and maps are rarer): string 40%, integer 25%,
/// number 10%, boolean 10%, string_list 10%, string_map 5%.
const DETAIL_TYPES: [&str; 20] = [
    "string",
    "string",
    "string",
    "string",
    "string",
    "string",
    "string",
    "string",
    "integer",
    "integer",
    "integer",
    "integer",
    "integer",
    "number",
    "number",
    "boolean",
    "boolean",
    "string_list",
    "string_list",
    "string_map",
];

/// Codes a catalogue file holds: real catalogues split by product area
/// (Stripe's reference by object, Twilio's by product), a few hundred each.
const CODES_PER_FILE: usize = 500;

/// The catalogue with `codes` error codes, as files: `service.yaml` (service,
/// envelope, statuses, types, groups) and `errors/part-N.yaml`.
///
/// Proportions, per code, from public catalogues: prose of real length
/// (Twilio's error pages give a description, causes and solutions of a few
/// sentences: about 300 characters of cause and fix here); 40% declare
/// details (1 to 4 members of every type), 3% a details map (field errors);
/// 30% of those with details name a member in the message; 25% a `param`
/// (Stripe's invalid-request errors); 20% override their type's status and
/// 5% its retry advice; 5% have an alias (renamed codes) and 5% are
/// deprecated with a replacement (PostgreSQL and Stripe keep retired codes).
pub fn files(codes: usize) -> Vec<(String, String)> {
    let groups = codes.div_ceil(50).clamp(1, 200);
    let mut files = vec![("service.yaml".to_string(), service(codes, groups))];
    for (part, start) in (0..codes).step_by(CODES_PER_FILE).enumerate() {
        let mut yaml = String::with_capacity(CODES_PER_FILE * 900);
        yaml.push_str("errors:\n");
        for index in start..(start + CODES_PER_FILE).min(codes) {
            code_entry(&mut yaml, index, groups);
        }
        files.push((format!("errors/part-{part:03}.yaml"), yaml));
    }
    files
}

/// The same catalogue as one YAML text, for measurements that load from memory.
pub fn catalogue(codes: usize) -> String {
    let groups = codes.div_ceil(50).clamp(1, 200);
    let mut yaml = service(codes, groups);
    yaml.push_str("errors:\n");
    for index in 0..codes {
        code_entry(&mut yaml, index, groups);
    }
    yaml
}

fn service(codes: usize, groups: usize) -> String {
    let mut yaml = String::new();
    let _ = writeln!(
        yaml,
        "# Synthetic catalogue of {codes} codes: `cargo xtask synth --codes {codes}`.\n\
         service:\n  name: Synthetic\n  crate: synth-{codes}-errors\n  doc_url: \"https://docs.example.com/errors#{{code}}\"\n\
         envelope:\n  wrapper: error\n  fields: [type, code, message, param, doc_url, details]\n\
         statuses:\n  200: {{ name: OK, description: Request succeeded }}\ntypes:"
    );
    for (name, status, retryable) in TYPES {
        let _ = writeln!(
            yaml,
            "  {name}: {{ status: {status}, description: Errors of the {name} kind, retryable: {retryable} }}"
        );
    }
    yaml.push_str("groups:\n");
    for group in 0..groups {
        let _ = writeln!(
            yaml,
            "  group_{group}: {{ title: Area {group}, description: \"Codes of product area {group}, one section of the reference\" }}"
        );
    }
    yaml
}

/// One code, its features chosen by the index (deterministic, spread evenly).
fn code_entry(yaml: &mut String, index: usize, groups: usize) {
    let code = code_name(index);
    let type_index = index % TYPES.len();
    let (error_type, status, _) = TYPES[type_index];
    let (first, second) = (WORDS[index % WORDS.len()], WORDS[(index / WORDS.len()) % WORDS.len()]);
    let _ = writeln!(yaml, "  {code}:\n    type: {error_type}\n    group: group_{}", index % groups);
    let details = details_of(index);
    let placeholder = details.first().filter(|_| index % 10 < 3).map(|(name, _, _)| format!(" ({{{name}}})"));
    let _ = writeln!(
        yaml,
        "    message: \"The {first} {second} request could not be completed{}\"",
        placeholder.unwrap_or_default()
    );
    let _ = writeln!(
        yaml,
        "    cause: \"The {second} referenced by the request is not in a state that allows this operation, or the \
         {first} it belongs to was changed by another request since it was read. This also happens when the \
         {second} was created in another region.\"\n    \
         fix: \"Fetch the {second} again, check that the {first} is active and that the request names the right \
         region, then retry with the current version. Contact support with the request ID if it persists.\""
    );
    if index % 5 == 1 {
        // Another status of the same nature: retryable types keep a transient one.
        let other = match (status, TYPES[type_index].2) {
            (_, true) => 503,
            (400, false) => 422,
            (_, false) => 400,
        };
        let _ = writeln!(yaml, "    status: {other}");
    }
    if index % 20 == 9 && !TYPES[type_index].2 {
        // A transient status, so the retry advice fits it.
        yaml.push_str("    status: 503\n    retryable: true\n");
    }
    if index % 4 == 2 {
        let _ = writeln!(yaml, "    param: {first}_{second}");
    }
    write_details(yaml, index, &details);
    if index % 20 == 7 {
        let _ = writeln!(yaml, "    aliases: [{code}_old]");
    }
    if index % 20 == 13 && index > 0 {
        let _ =
            writeln!(yaml, "    deprecated: {{ replaced_by: {}, note: Renamed for clarity }}", code_name(index - 1));
    }
}

/// The detail members of code `index`: 40% of codes declare 1 to 4.
fn details_of(index: usize) -> Vec<(String, &'static str, bool)> {
    if index % 5 >= 2 {
        return Vec::new();
    }
    (0..1 + index % 4)
        .map(|member| {
            let kind = DETAIL_TYPES[(index / 5 * 3 + member * 7) % DETAIL_TYPES.len()];
            (format!("{}_{member}", WORDS[(index + member) % WORDS.len()]), kind, member == 0)
        })
        .collect()
}

fn write_details(yaml: &mut String, index: usize, details: &[(String, &'static str, bool)]) {
    if details.is_empty() {
        if index % 100 < 3 {
            yaml.push_str("    details_map: { values: string, description: Request field to what is wrong with it }\n");
        }
        return;
    }
    yaml.push_str("    details:\n");
    for (name, kind, required) in details {
        let _ = writeln!(
            yaml,
            "      {name}: {{ type: {kind}, required: {required}, description: The {} of the request that failed }}",
            name.replace('_', " ")
        );
    }
}

/// `call_agent_17`: two words and the index, so names are unique and varied.
fn code_name(index: usize) -> String {
    let first = WORDS[index % WORDS.len()];
    let second = WORDS[(index / WORDS.len()) % WORDS.len()];
    format!("{first}_{second}_{index}")
}

#[cfg(test)]
mod tests {
    #[test]
    fn synthetic_catalogues_are_valid_sized_and_varied() {
        for codes in [1, 50, 777] {
            let files: Vec<(std::path::PathBuf, Vec<u8>)> =
                super::files(codes).into_iter().map(|(path, text)| (path.into(), text.into_bytes())).collect();
            // Big enough to use every type and group: no warning at all.
            let options = codegen::Options { deny_warnings: codes >= 50 };
            let checked = codegen::check_catalog_in_memory(files, options)
                .unwrap_or_else(|failure| panic!("{}", failure.render()));
            let catalog = checked.catalog;
            assert_eq!(catalog.errors.len(), codes);
            if codes >= 50 {
                let kinds: std::collections::BTreeSet<&str> =
                    catalog.errors.iter().flat_map(|error| &error.details).map(|d| d.detail_type.as_str()).collect();
                assert_eq!(kinds.len(), 6, "every detail type: {kinds:?}");
                assert!(catalog.errors.iter().any(|error| error.details_map.is_some()));
                assert!(catalog.errors.iter().any(|error| error.deprecated.is_some()));
                assert!(catalog.errors.iter().any(|error| !error.aliases.is_empty()));
                assert!(catalog.errors.iter().any(|error| error.message.contains('{')));
            }
        }
        assert_eq!(super::catalogue(100), super::catalogue(100), "deterministic");
        let one_file =
            codegen::load_catalog_from_memory(vec![("synth.yaml".into(), super::catalogue(777).into_bytes())])
                .unwrap_or_else(|failure| panic!("{}", failure.render()));
        assert_eq!(one_file.errors.len(), 777);
    }
}
