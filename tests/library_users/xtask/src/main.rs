//! `cargo run -- [--check]`: another repository's xtask, regenerating its
//! error package from `catalog/` into `errors/` with the generator as a library.

use std::process::ExitCode;

fn main() -> ExitCode {
    let check = std::env::args().any(|arg| arg == "--check");
    let run = codegen::Builder::new("catalog").package("errors").lock("catalog/catalog.lock").check(check).run();
    match run {
        Ok(generated) => {
            if !generated.warnings.is_empty() {
                eprintln!("{}", generated.warnings.render());
            }
            eprintln!("{} files written, {} removed", generated.written.len(), generated.removed.len());
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("{error}");
            ExitCode::FAILURE
        }
    }
}
