//! `proto/<package>/error_reason.proto`: the catalogue's codes as gRPC
//! reasons, an enum in the style of Google's `error_reason.proto`
//! (`ERROR_REASON_UNSPECIFIED = 0`, one value per reason, documented from
//! the catalogue). The numbers are the lock's (`compat/reasons.rs`): a
//! released one never changes, and a removed code's number and name are
//! `reserved`, so no client ever reads an old number as a new reason.

use crate::emit::header_text;
use crate::invisible::escaped;
use crate::model::{Catalog, ErrorDef, NameStyle};

/// The protobuf package of the catalogue: its crate's name (`flireo_errors`).
pub fn package(catalog: &Catalog) -> String {
    catalog.service.crate_name.replace('-', "_").to_ascii_lowercase()
}

/// The file's path in the generated package.
pub fn path(catalog: &Catalog) -> String {
    format!("proto/{}/error_reason.proto", package(catalog))
}

/// The `.proto` of the catalogue's reasons.
pub fn error_reason_proto(catalog: &Catalog) -> String {
    let mut out = String::new();
    emitln!(out, "// {}\n", header_text());
    emitln!(out, "syntax = \"proto3\";\n\npackage {};\n", package(catalog));
    emitln!(
        out,
        "// The reason of every error of the {}, as `google.rpc.ErrorInfo.reason`\n\
         // carries it (domain `{}`). Numbers never change, and a removed reason's\n\
         // number and name stay reserved.\nenum ErrorReason {{",
        comment_text(&catalog.service.api_name()),
        comment_text(&catalog.service.grpc_domain),
    );
    emitln!(out, "  // Do not use this default value.\n  ERROR_REASON_UNSPECIFIED = 0;");
    let mut values: Vec<(u32, &ErrorDef)> = numbers(catalog).into_iter().zip(&catalog.errors).collect();
    values.sort_by_key(|(number, _)| *number);
    for (number, error) in values {
        out.push('\n');
        for line in value_comment(catalog, error) {
            emitln!(out, "  //{}{line}", if line.is_empty() { "" } else { " " });
        }
        let deprecated = if error.deprecated.is_some() { " [deprecated = true]" } else { "" };
        emitln!(out, "  {} = {number}{deprecated};", error.grpc_reason());
    }
    let removed: Vec<(u32, String)> = catalog
        .history
        .codes
        .iter()
        .filter(|(_, code)| code.removed)
        .filter_map(|(name, code)| Some((code.reason?, NameStyle::UpperSnake.apply(name))))
        .collect();
    if !removed.is_empty() {
        emitln!(out, "\n  // Reasons of removed codes: never given again.");
        for (number, name) in removed {
            emitln!(out, "  reserved {number};\n  reserved \"{name}\";");
        }
    }
    out.push_str("}\n");
    out
}

/// Each code's number, in catalogue order: the lock's, or, for a code the
/// history does not number (a catalogue built by hand), the next after the
/// highest.
fn numbers(catalog: &Catalog) -> Vec<u32> {
    let mut highest = catalog.history.codes.values().filter_map(|code| code.reason).max().unwrap_or(0);
    let recorded = |error: &ErrorDef| catalog.history.codes.get(&error.code).and_then(|code| code.reason);
    catalog
        .errors
        .iter()
        .map(|error| {
            recorded(error).unwrap_or_else(|| {
                highest += 1;
                highest
            })
        })
        .collect()
}

/// What a reason's comment says: the message, the statuses, cause and fix.
fn value_comment(catalog: &Catalog, error: &ErrorDef) -> Vec<String> {
    let mut lines = vec![comment_text(&error.message), String::new()];
    lines.push(format!("`{}`: HTTP {}, gRPC {}.", error.code, error.status, error.grpc.name()));
    for (label, text) in [("Cause", &error.cause), ("Fix", &error.fix)] {
        if let Some(text) = text {
            lines.push(format!("{label}: {}", comment_text(text)));
        }
    }
    if let Some(replacement) = catalog.replacement(error) {
        lines.push(format!("Deprecated: use {}.", replacement.grpc_reason()));
    }
    lines
}

/// Catalogue text as one comment line: line breaks as spaces, invisible
/// and control characters escaped (`\u{202e}`), as every output shows them.
fn comment_text(text: &str) -> String {
    text.chars()
        .map(|ch| match ch {
            '\n' | '\r' | '\t' => " ".to_string(),
            _ if crate::invisible::is_invisible(ch) => escaped(ch),
            _ => ch.to_string(),
        })
        .collect()
}
