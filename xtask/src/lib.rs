//! `cargo xtask gen [--catalog PATH] [--out DIR] [--check]`: regenerate the
//! generated package from the catalogue, or check that it is up to date.
//!
//! A library so the test suite can run the command in-process, exactly as a
//! user does, and inspect its exit code, its messages and the files.

pub mod synth;

use std::path::PathBuf;

use std::process::ExitCode;

const USAGE: &str = "\
usage: cargo xtask gen [--catalog PATH] [--out DIR] [--lock FILE] [--check] [--deny-warnings]
       cargo xtask synth --codes N [--out DIR]

gen: regenerate the generated package from the catalogue
  --catalog PATH     the catalogue: a YAML file or a folder of them (default: catalog/)
  --out DIR          the package to write (default: generated/)
  --lock FILE        the compatibility lock to check and update (default: catalog/catalog.lock
                     for the default catalogue; with --catalog, a lock beside the catalogue is
                     only checked, never written, unless named here)
  --check            write nothing; fail if any generated file or the lock is stale
  --deny-warnings    fail on warnings the catalogue does not allow under `lints:`

synth: write a deterministic synthetic catalogue of N codes, for benchmarks
  --codes N       how many codes
  --out DIR       the catalogue folder to write (default: target/synth/catalog-N/)";

struct Args {
    catalog: PathBuf,
    out: PathBuf,
    lock: Lock,
    check: bool,
    deny_warnings: bool,
}

/// Which compatibility lock a run checks, and whether it may write it.
///
/// `gen` writes nothing outside `--out` unless asked: the project's own
/// catalogue keeps its lock in `catalog/catalog.lock` (that is the
/// project's record of released codes), and any other lock is written only
/// when named with `--lock`. A lock found beside an out-of-tree catalogue is
/// still honoured: breaking changes against it are refused.
#[derive(Debug, PartialEq, Eq)]
enum Lock {
    /// Checked and kept up to date.
    ReadWrite(PathBuf),
    /// The lock beside the catalogue, checked if it exists; never written.
    ReadOnly,
}

/// What a run printed and how it ended.
#[derive(Debug)]
pub struct Outcome {
    /// 0 on success, 1 when the catalogue or the output is wrong, 2 on misuse.
    pub code: u8,
    /// Everything meant for standard output.
    pub stdout: String,
    /// Everything meant for standard error: progress and diagnostics.
    pub stderr: String,
}

impl Outcome {
    fn new(code: u8) -> Self {
        Outcome { code, stdout: String::new(), stderr: String::new() }
    }

    pub fn exit_code(&self) -> ExitCode {
        ExitCode::from(self.code)
    }
}

/// Runs the task named by `args` (without the program name).
pub fn run(args: &[String]) -> Outcome {
    match args.first().map(String::as_str) {
        Some("gen") => match parse_gen_args(&args[1..]) {
            Ok(args) => generate(&args),
            Err(message) => usage_error(&message),
        },
        Some("synth") => synth(&args[1..]),
        Some("-h" | "--help" | "help") => {
            let mut outcome = Outcome::new(0);
            outcome.stdout = format!("{USAGE}\n");
            outcome
        }
        Some(other) => usage_error(&format!("unknown task `{other}`")),
        None => usage_error("no task given"),
    }
}

fn usage_error(message: &str) -> Outcome {
    let mut outcome = Outcome::new(2);
    outcome.stderr = format!("error: {message}\n\n{USAGE}\n");
    outcome
}

fn parse_gen_args(args: &[String]) -> Result<Args, String> {
    let (mut catalog, mut out, mut lock) = (None, None, None);
    let (mut check, mut deny_warnings) = (false, false);
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let mut value = |flag: &str| args.next().map(PathBuf::from).ok_or_else(|| format!("{flag} needs a value"));
        match arg.as_str() {
            "--catalog" => catalog = Some(value("--catalog")?),
            "--out" => out = Some(value("--out")?),
            "--lock" => lock = Some(value("--lock")?),
            "--check" => check = true,
            "--deny-warnings" => deny_warnings = true,
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    // The workspace is looked for only when a default path needs it, so a
    // run with every path given works outside any checkout.
    let lock = match (lock, &catalog) {
        (Some(lock), _) => Lock::ReadWrite(lock),
        (None, Some(catalog)) if !is_project_catalogue(catalog) => Lock::ReadOnly,
        (None, _) => Lock::ReadWrite(codegen::lock_path(&workspace_root()?.join("catalog"))),
    };
    let catalog = match catalog {
        Some(catalog) => catalog,
        None => workspace_root()?.join("catalog"),
    };
    let out = match out {
        Some(out) => out,
        None => workspace_root()?.join("generated"),
    };
    Ok(Args { catalog, out, lock, check, deny_warnings })
}

/// Whether `catalog` is this project's own `catalog/`, named explicitly.
fn is_project_catalogue(catalog: &std::path::Path) -> bool {
    let own = workspace_root().map(|root| root.join("catalog"));
    match (own.map(std::fs::canonicalize), std::fs::canonicalize(catalog)) {
        (Ok(Ok(own)), Ok(catalog)) => own == catalog,
        _ => false,
    }
}

/// The root of the workspace the command runs in, found at run time.
///
/// Not `env!("CARGO_MANIFEST_DIR")`: that is the folder the binary was
/// compiled in, and cargo does not rebuild it when a checkout is moved or
/// copied with its file times (`mv`, `cp -a`), so the command would read and
/// write the old tree. `cargo run` sets `CARGO_MANIFEST_DIR` in the
/// environment to the *current* place of the xtask package; failing that
/// (the binary started by hand), the search starts at the working folder.
/// Either way the root is the nearest folder above the start whose
/// `Cargo.toml` declares a `[workspace]`.
pub fn workspace_root() -> Result<PathBuf, String> {
    let start = match std::env::var_os("CARGO_MANIFEST_DIR") {
        Some(dir) if !dir.is_empty() => PathBuf::from(dir),
        _ => std::env::current_dir().map_err(|error| format!("cannot read the working folder: {error}"))?,
    };
    find_workspace_root(&start).ok_or_else(|| {
        format!(
            "no Cargo workspace around {}; run `cargo xtask` inside the checkout, or pass --catalog and --out",
            start.display()
        )
    })
}

/// The nearest ancestor of `start` (itself included) whose `Cargo.toml` has a
/// `[workspace]` table.
pub fn find_workspace_root(start: &std::path::Path) -> Option<PathBuf> {
    start.ancestors().find(|dir| declares_workspace(&dir.join("Cargo.toml"))).map(PathBuf::from)
}

fn declares_workspace(manifest: &std::path::Path) -> bool {
    std::fs::read_to_string(manifest)
        .is_ok_and(|text| text.lines().any(|line| line.trim_start().starts_with("[workspace]")))
}

/// `gen`: the generator's [`codegen::Builder`] writing (or checking) the
/// package and the lock, and what it did in words.
fn generate(args: &Args) -> Outcome {
    let mut builder = codegen::Builder::new(&args.catalog)
        .package(&args.out)
        .check(args.check)
        .deny_warnings(args.deny_warnings)
        .cargo_instructions(false);
    if let Lock::ReadWrite(path) = &args.lock {
        builder = builder.lock(path);
    }
    let mut outcome = Outcome::new(0);
    match builder.run() {
        Ok(generated) => {
            if !generated.warnings.is_empty() {
                outcome.stderr.push_str(&format!("{}\n", generated.warnings.render()));
            }
            outcome.stderr.push_str(&describe(args, &generated));
        }
        Err(error) => {
            outcome.code = 1;
            outcome.stderr = format!("{error}\n");
        }
    }
    outcome
}

/// What a successful run did, for standard error.
fn describe(args: &Args, generated: &codegen::Generated) -> String {
    let mut out = String::new();
    // Name each file when there are few; count them when there are many.
    const LISTED: usize = 12;
    for path in generated.written.iter().take(LISTED) {
        out.push_str(&format!("wrote {}\n", path.display()));
    }
    if generated.written.len() > LISTED {
        out.push_str(&format!("... and {} more files\n", generated.written.len() - LISTED));
    }
    for path in &generated.removed {
        out.push_str(&format!("removed {}\n", path.display()));
    }
    if generated.written.is_empty() && generated.removed.is_empty() {
        out.push_str(&format!("{} is up to date\n", args.out.display()));
    }
    if let (Some(release), None) = (&generated.release, &generated.unrecorded_lock) {
        out.push_str(&format!("release {release}\n"));
    }
    if let Some(path) = &generated.unrecorded_lock {
        let path = path.display();
        out.push_str(&format!(
            "note: {path} was checked but not updated; pass `--lock {path}` to record this release in it\n"
        ));
    }
    out
}

fn synth(args: &[String]) -> Outcome {
    let mut codes = None;
    let mut out = None;
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        match (arg.as_str(), rest.next()) {
            ("--codes", Some(value)) => match value.parse::<usize>() {
                Ok(count) if count > 0 => codes = Some(count),
                _ => return usage_error(&format!("--codes takes a positive whole number, not `{value}`")),
            },
            ("--out", Some(value)) => out = Some(PathBuf::from(value)),
            (flag @ ("--codes" | "--out"), None) => return usage_error(&format!("{flag} needs a value")),
            (other, _) => return usage_error(&format!("unknown argument `{other}`")),
        }
    }
    let Some(codes) = codes else { return usage_error("synth needs --codes N") };
    let out = match out {
        Some(out) => out,
        None => match workspace_root() {
            Ok(root) => root.join(format!("target/synth/catalog-{codes}")),
            Err(message) => return usage_error(&message),
        },
    };
    let mut outcome = Outcome::new(0);
    let written = synth::files(codes).into_iter().try_for_each(|(name, text)| {
        let path = out.join(name);
        path.parent().map_or(Ok(()), std::fs::create_dir_all).and_then(|()| std::fs::write(&path, text))
    });
    match written {
        Ok(()) => outcome.stderr = format!("wrote {} ({codes} codes)\n", out.display()),
        Err(error) => {
            outcome.code = 1;
            outcome.stderr = format!("error: cannot write {}: {error}\n", out.display());
        }
    }
    outcome
}
