//! Entry point of `cargo xtask`; the work is in the library.

use std::io::Write as _;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let outcome = xtask::run(&args);
    // A closed pipe is not worth a panic; the exit code still tells.
    let _ = std::io::stdout().write_all(outcome.stdout.as_bytes());
    let _ = std::io::stderr().write_all(outcome.stderr.as_bytes());
    outcome.exit_code()
}
