//! The error handler shown to client authors, in Rust and in TypeScript: the
//! reference's "Handling errors" section shows both, the Rust crate carries
//! the Rust one as its doc test and the test suite compiles the TypeScript
//! one with `tsc --strict`, so the published snippets are always code that
//! builds against this catalogue's packages.

use crate::model::{Catalog, ErrorDef};

/// The code a handler singles out: one worth handling on its own (not
/// retryable, not deprecated), else any current code.
fn singled_out(catalog: &Catalog) -> Option<&ErrorDef> {
    let current = || catalog.errors.iter().filter(|error| error.deprecated.is_none());
    current().find(|error| !error.retryable).or_else(|| current().next())
}

/// The Rust handler: a function a client calls with an error response.
pub fn rust_handler(catalog: &Catalog) -> String {
    let crate_ident = catalog.service.crate_name.replace('-', "_");
    let error = singled_out(catalog);
    let imports = if error.is_some() { "{ApiError, ErrorCode}" } else { "ApiError" };
    let mut out = format!(
        "use {crate_ident}::{imports};

/// What a client does with an error response: `Ok` to back off and retry,
/// `Err` with what to report.
pub fn on_error(status: u16, body: &[u8]) -> Result<(), String> {{
    let error = ApiError::from_response(status, body)
        .map_err(|error| format!(\"not an error response: {{error}}\"))?;
    if error.is_retryable() {{
        return Ok(());
    }}
"
    );
    match error {
        Some(error) => out.push_str(&format!(
            "    match error.code() {{
        // One code handled on its own; the compiler checks the name.
        Some(ErrorCode::{}) => {{
            Err(format!(\"{{}} (see {{}})\", error.message(), error.doc_url().unwrap_or(\"the docs\")))
        }}
        // Codes of this version and of newer servers alike.
        _ => Err(format!(\"{{}}: {{}}\", error.code_str(), error.message())),
    }}
}}
",
            error.ident
        )),
        None => out.push_str(
            "    Err(format!(\"{}: {}\", error.code_str(), error.message()))
}
",
        ),
    }
    out
}

/// The TypeScript handler, against the package's `parseApiError`.
pub fn ts_handler(catalog: &Catalog) -> String {
    let package = catalog.service.crate_name.to_ascii_lowercase();
    let mut out = format!(
        "import {{ parseApiError }} from \"{package}\";

/** What a client does with an error response: `true` to back off and retry; throws what to report. */
export function onError(status: number, body: unknown): true {{
  // Throws `ApiErrorParseError` for a body that is not an error response.
  const error = parseApiError(status, body);
  if (error.retryable) {{
    return true;
  }}
"
    );
    if let Some(error) = singled_out(catalog) {
        out.push_str(&format!(
            "  switch (error.known) {{
    // One code handled on its own; the compiler checks the name.
    case \"{}\":
      throw new Error(`${{error.message}} (see ${{error.docUrl ?? \"the docs\"}})`);
    // Codes of this version and of newer servers alike.
    default:
      throw new Error(`${{error.code}}: ${{error.message}}`);
  }}
}}
",
            error.code
        ));
    } else {
        out.push_str("  throw new Error(`${error.code}: ${error.message}`);\n}\n");
    }
    out
}
