//! `cargo xtask gen [--catalog PATH] [--out DIR] [--check]`: regenerate the
//! generated package from the catalogue, or check that it is up to date.

use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "\
usage: cargo xtask gen [--catalog PATH] [--out DIR] [--check]

  --catalog PATH  the catalogue: a YAML file or a folder of them (default: catalog/)
  --out DIR       the package to write (default: generated/)
  --check         write nothing; fail if any generated file is stale";

struct Args {
    catalog: PathBuf,
    out: PathBuf,
    check: bool,
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("gen") => match parse_gen_args(&args[1..]) {
            Ok(args) => generate(&args),
            Err(message) => usage_error(&message),
        },
        Some("-h" | "--help" | "help") => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        Some(other) => usage_error(&format!("unknown task `{other}`")),
        None => usage_error("no task given"),
    }
}

fn usage_error(message: &str) -> ExitCode {
    eprintln!("error: {message}\n\n{USAGE}");
    ExitCode::from(2)
}

fn parse_gen_args(args: &[String]) -> Result<Args, String> {
    let root = workspace_root();
    let mut parsed = Args { catalog: root.join("catalog"), out: root.join("generated"), check: false };
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let mut value = |flag: &str| args.next().map(PathBuf::from).ok_or_else(|| format!("{flag} needs a value"));
        match arg.as_str() {
            "--catalog" => parsed.catalog = value("--catalog")?,
            "--out" => parsed.out = value("--out")?,
            "--check" => parsed.check = true,
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    Ok(parsed)
}

/// The workspace root, so `cargo xtask gen` works from any folder in it.
fn workspace_root() -> PathBuf {
    let manifest_dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest_dir.parent().map(PathBuf::from).unwrap_or(manifest_dir)
}

fn generate(args: &Args) -> ExitCode {
    let files = match codegen::generate(&args.catalog) {
        Ok(files) => files,
        Err(failure) => {
            eprintln!("{}", failure.render());
            return ExitCode::FAILURE;
        }
    };
    let mode = if args.check { codegen::write::Mode::Check } else { codegen::write::Mode::Write };
    match codegen::write::ensure_package(&args.out, &files, mode) {
        Ok(report) => {
            if !args.check {
                for path in &report.written {
                    eprintln!("wrote {}", path.display());
                }
                for path in &report.removed {
                    eprintln!("removed {}", path.display());
                }
                if report.written.is_empty() && report.removed.is_empty() {
                    eprintln!("{} is up to date", args.out.display());
                }
            }
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}
