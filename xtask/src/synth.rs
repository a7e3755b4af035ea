//! A deterministic synthetic catalogue of any size, for benchmarks
//! (`cargo xtask synth --codes N`): realistic names, types, groups, messages,
//! some details, aliases and deprecations, the same bytes on every machine.

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

/// The catalogue (one YAML file) with `codes` error codes.
pub fn catalogue(codes: usize) -> String {
    let groups = codes.div_ceil(100).clamp(1, 100);
    let mut yaml = String::with_capacity(codes * 320);
    let _ = writeln!(
        yaml,
        "# Synthetic catalogue of {codes} codes: `cargo xtask synth --codes {codes}`.\n\
         service:\n  name: Synthetic\n  crate: synth-{codes}-errors\n  doc_url: \"https://docs.example.com/errors#{{code}}\"\n\
         envelope:\n  wrapper: error\n  fields: [type, code, message, param, doc_url, details]\n\
         statuses:\n  200: {{ name: OK, description: Request succeeded }}\ntypes:"
    );
    for (name, status, retryable) in TYPES {
        let _ =
            writeln!(yaml, "  {name}: {{ status: {status}, description: The {name} type, retryable: {retryable} }}");
    }
    yaml.push_str("groups:\n");
    for group in 0..groups {
        let _ = writeln!(yaml, "  group_{group}: {{ title: Group {group}, description: Codes of area {group} }}");
    }
    yaml.push_str("errors:\n");
    for index in 0..codes {
        let code = code_name(index);
        let (error_type, _, _) = TYPES[index % TYPES.len()];
        let (first, second) = (WORDS[index % WORDS.len()], WORDS[(index / WORDS.len()) % WORDS.len()]);
        let _ = writeln!(
            yaml,
            "  {code}:\n    type: {error_type}\n    group: group_{}\n    message: The {first} {second} request failed\n    \
             cause: The {second} is not in a state that allows it\n    fix: Check the {first} and try again with valid input",
            index % groups
        );
        if index % 10 == 3 {
            yaml.push_str("    param: identifier\n    details:\n      limit: { type: integer, required: true }\n      hint: { type: string }\n");
        }
        if index % 20 == 7 {
            let _ = writeln!(yaml, "    aliases: [{code}_old]");
        }
        if index % 100 == 42 && index > 0 {
            let _ = writeln!(yaml, "    deprecated: {{ replaced_by: {} }}", code_name(index - 1));
        }
    }
    yaml
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
    fn synthetic_catalogues_are_valid_and_sized() {
        for codes in [1, 50, 777] {
            let yaml = super::catalogue(codes);
            let catalog = codegen::load_catalog_from_memory(vec![("synth.yaml".into(), yaml.into_bytes())])
                .unwrap_or_else(|failure| panic!("{}", failure.render()));
            assert_eq!(catalog.errors.len(), codes);
        }
        assert_eq!(super::catalogue(100), super::catalogue(100), "deterministic");
    }
}
