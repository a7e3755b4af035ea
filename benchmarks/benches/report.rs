//! `cargo bench -p benchmarks`: every measurement of the performance issue,
//! written to BENCHMARKS.md (sections in target/bench-results/, assembled at
//! the end). `BENCH_ONLY=generation|builds|runtime|size` runs one part and
//! keeps the other parts' last results.
//!
//! Build times and the generated crate's runtime cannot be measured in this
//! process (they need other crates compiled from generated code), so this is
//! a custom harness (`harness = false`): it writes those crates into
//! target/bench-work, builds and runs them, and takes medians itself, with
//! every number next to a reference measured in the same run.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use benchmarks::{machine, median_time, ms, secs};

const SIZES: [usize; 4] = [50, 500, 2_000, 10_000];

fn main() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf();
    let only = std::env::var("BENCH_ONLY").ok();
    let run = |part: &str| only.as_deref().is_none_or(|only| only == part);
    let results = root.join("target/bench-results");
    std::fs::create_dir_all(&results).unwrap();
    let work = Work::new(&root);
    for (part, measure) in [
        ("generation", generation as fn(&Path, &Work) -> String),
        ("builds", builds),
        ("runtime", runtime),
        ("size", size),
    ] {
        if run(part) {
            eprintln!("== {part}");
            let section = measure(&root, &work);
            std::fs::write(results.join(format!("{part}.md")), section).unwrap();
        }
    }
    let report = assemble(&results);
    std::fs::write(root.join("BENCHMARKS.md"), report).unwrap();
    eprintln!("wrote BENCHMARKS.md");
}

fn assemble(results: &Path) -> String {
    let mut out = String::from(
        "<!-- Written by `cargo bench -p benchmarks` (benchmarks/benches/report.rs); do not edit by hand. -->\n\n\
         # Benchmarks\n\n",
    );
    let _ = writeln!(out, "Machine: {}.\n", machine());
    out.push_str(
        "Reproduce with `cargo bench -p benchmarks` (about 30 minutes on 2 cores, most of it building the naive \
         baseline at 10,000 codes); `BENCH_ONLY=generation|builds|runtime|size` runs one part. Synthetic \
         catalogues come from `cargo xtask synth --codes N`. Times are medians; every ratio compares against a \
         reference measured in the same run.\n\n",
    );
    for part in ["generation", "builds", "runtime", "size"] {
        match std::fs::read_to_string(results.join(format!("{part}.md"))) {
            Ok(section) => out.push_str(&section),
            Err(_) => {
                let _ = writeln!(
                    out,
                    "## {part}\n\nNot measured yet: run `BENCH_ONLY={part} cargo bench -p benchmarks`.\n"
                );
            }
        }
    }
    let gaps: Vec<&str> = GAPS.iter().filter(|(target, _)| missed(&out, target)).map(|(_, why)| *why).collect();
    if !gaps.is_empty() {
        out.push_str("## Gaps, and why\n\n");
        for why in gaps {
            let _ = writeln!(out, "- {why}");
        }
        out.push('\n');
    }
    out
}

/// Whether the report marks the target whose text starts with `target` as
/// missed (its verdict follows the next colon).
fn missed(report: &str, target: &str) -> bool {
    report.split(target).skip(1).any(|rest| {
        let verdict = rest.split_once(':').map_or("", |(_, after)| after);
        verdict.trim_start().starts_with("**missed**")
    })
}

/// What we know about each target when it is missed, kept next to the
/// measurements so the report says why, not only that.
const GAPS: &[(&str, &str)] = &[
    (
        "10,000 codes under 500 ms",
        "Generation at 10,000 codes: the per-code parts of the Rust crate (variants and tables) are built as \
         syn nodes directly (1.42 s before, without the token round trip), the rest still goes through \
         `quote!` and syn, and prettyplease prints about 8 MB of source; on the other thread the schemas and \
         OpenAPI are about 20 MB of JSON built as `serde_json::Value`s; the loader parses 3 MB of YAML keeping a \
         span for every value. Writing the schema JSON without `Value` trees and building the typed-detail \
         structs as syn nodes are the next steps.",
    ),
    (
        "Shipped catalogue under 20 ms",
        "Shipped catalogue: nearly all of the time is the fixed part of the Rust crate (`ApiError`, serde impls, \
         integrations: about 15 ms through `quote!`, syn and prettyplease), whatever the catalogue; medians on \
         this shared 2-core machine move by a few ms between runs (15.5 and 20.5 ms in two runs of the same code).",
    ),
    (
        "at 2000 codes, at least 8x faster than naive",
        "Build time at 2,000 codes: the generated crate has a fixed cost of about 1.3 s in release (the 50-code \
         row) for what the naive baseline does not have at all: `ApiError` with its serde_json instantiations \
         (`from_json`, `to_json`), typed details, `write_json`. Per code it costs well under a millisecond \
         against the naive crate's several; the ratio grows with the catalogue.",
    ),
    (
        "at 10000 codes, at least 30x faster than naive",
        "Build time at 10,000 codes: about 2 s are the 1,000 typed detail structs of the synthetic catalogue \
         (derives, constructors, `From` impls) and 0.7 s the per-variant documentation. A literal \
         `ErrorCode::ALL` array cost 13 s more (rustc validates each element against every variant) and was \
         replaced by a discriminant table.",
    ),
    (
        "a downstream crate pays under 1 s extra",
        "Downstream: the extra time is the downstream crate's own release build at 10,000 codes minus at 50, \
         its dependencies built first.",
    ),
    (
        "`from_str` miss likewise",
        "`from_str` misses at 10,000 codes: a miss still hashes and loads a slot and a name to compare (same \
         cache-bound walk as hits, below); single runs vary by a few ns on this shared 2-core machine, so a \
         20 ns bound is within noise of the measured values.",
    ),
    (
        "`from_str` hit flat",
        "`from_str` at 10,000 codes: the benchmark walks all codes round robin, so every lookup touches a \
         different part of about 400 KB of tables and names (more than this CPU's L2); a hot code costs what \
         it does in a 50-code catalogue. The tables are already u16 and no name is stored twice.",
    ),
    (
        "serde serialization no slower than the derive",
        "Serializing through serde: the reference struct holds its four strings ready; `ApiError` walks the \
         envelope's description (`ENVELOPE`), asking for each member whether the error has a value for it \
         before serde writes it, and reads type, name and URL through the catalogue's tables. Before the \
         envelope was opened the walk was generated code specialized to one shape (1.09x).",
    ),
    (
        "`write_json` within 1.5x of the direct writer",
        "`write_json`: the runtime is now ordinary code that reads the envelope as data, so no shape is known \
         at compile time. A bare error (`ApiError::new`) is written from a layout worked out once per process \
         (the text between the code's values), but each piece is a copy of a length known only at run time, \
         where the reference's literal pieces compile to inline stores; the generated writer specialized to \
         the Stripe shape was within 1.1x. Closing the gap means generating a writer per envelope again, \
         which the envelope issue moved away from on purpose; it is left for the performance issue.",
    ),
    (
        "Target at most 200 bytes per code",
        "Size: three `&str` tables (name, message, URL) cost 48 bytes of pointers a code on top of the text. \
         Sharing each name's bytes with its URL (the name is the URL's tail) reached 189 bytes, but evaluating \
         10,000 string splits at compile time added 3.4 s to the build at 10,000 codes, so it was not kept.",
    ),
];

fn verdict(met: bool) -> &'static str {
    if met { "met" } else { "**missed**" }
}

/// A scratch cargo workspace under target/bench-work with its own target
/// folder, where generated, baseline and downstream crates are built.
struct Work {
    dir: PathBuf,
}

impl Work {
    fn new(root: &Path) -> Work {
        let dir = root.join("target/bench-work");
        std::fs::create_dir_all(&dir).unwrap();
        Work { dir }
    }

    fn write(&self, relative: &str, contents: &str) {
        let path = self.dir.join(relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        let unchanged = std::fs::read_to_string(&path).is_ok_and(|old| old == contents);
        if !unchanged {
            std::fs::write(path, contents).unwrap();
        }
    }

    /// Writes the generated package for a synthetic catalogue of `codes`.
    fn generated(&self, codes: usize) -> String {
        let name = format!("gen_{codes}");
        let catalog =
            codegen::load_catalog_from_memory(vec![("synth.yaml".into(), xtask::synth::catalogue(codes).into_bytes())])
                .unwrap();
        let files = codegen::emit::emit_all(&catalog);
        codegen::write::ensure_package(&self.dir.join(&name), &files, codegen::write::Mode::Write).unwrap();
        name
    }

    fn workspace(&self, members: &[String]) {
        let members: Vec<String> = members.iter().map(|member| format!("{member:?}")).collect();
        self.write(
            "Cargo.toml",
            &format!(
                "[workspace]\nresolver = \"2\"\nmembers = [{}]\n\n[profile.release]\nstrip = \"symbols\"\n",
                members.join(", ")
            ),
        );
    }

    fn cargo(&self, args: &[&str]) -> Duration {
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
        let start = Instant::now();
        let output = Command::new(cargo)
            .args(args)
            .current_dir(&self.dir)
            .env("CARGO_TARGET_DIR", self.dir.join("target"))
            .env_remove("RUSTFLAGS")
            .output()
            .unwrap();
        let elapsed = start.elapsed();
        assert!(
            output.status.success(),
            "cargo {} failed:\n{}",
            args.join(" "),
            String::from_utf8_lossy(&output.stderr)
        );
        elapsed
    }

    /// Release build time of a downstream crate alone: everything it depends
    /// on is built first in exactly the configuration it needs (building a
    /// library with `-p` alone can select other features and hashes).
    fn downstream_time(&self, package: &str) -> Duration {
        self.cargo(&["build", "-q", "--release", "-p", package]);
        self.build_time(package, true)
    }

    /// Clean build time of one package, its dependencies already built.
    fn build_time(&self, package: &str, release: bool) -> Duration {
        let profile: &[&str] = if release { &["--release"] } else { &[] };
        let mut clean = vec!["clean", "-q", "-p", package];
        clean.extend(profile);
        self.cargo(&clean);
        let mut build = vec!["build", "-q", "-p", package];
        build.extend(profile);
        self.cargo(&build)
    }
}

/// Load + validate + emit every output, in process, per catalogue size; and
/// the whole `cargo xtask gen --check` process on the shipped catalogue.
fn generation(root: &Path, work: &Work) -> String {
    let mut out = String::from(
        "## Generation\n\nLoad + validate + emit every output (crate, schemas, OpenAPI, examples, docs), in \
         process, no file I/O.\n\n| codes | time | per code |\n|---|---|---|\n",
    );
    let mut times = Vec::new();
    for codes in SIZES {
        let yaml = xtask::synth::catalogue(codes);
        let samples = if codes >= 10_000 { 5 } else { 11 };
        let total = median_time(samples, || {
            let catalog = codegen::load_catalog_from_memory(vec![("synth.yaml".into(), yaml.clone().into_bytes())])
                .expect("synthetic catalogues are valid");
            std::hint::black_box(codegen::emit::emit_all(&catalog));
        });
        eprintln!("generation {codes}: {}", ms(total));
        let _ = writeln!(out, "| {codes} | {} | {:.1} µs |", ms(total), total.as_secs_f64() * 1e6 / codes as f64);
        times.push((codes, total));
    }
    let shipped = median_time(31, || {
        let catalog = codegen::load_catalog(&root.join("catalog")).unwrap();
        std::hint::black_box(codegen::emit::emit_all(&catalog));
    });
    let _ = writeln!(
        out,
        "| shipped catalogue ({} codes) | {} | |",
        codegen::load_catalog(&root.join("catalog")).unwrap().errors.len(),
        ms(shipped)
    );

    // The whole command, as a user runs it (release build of xtask).
    let xtask_target = work.dir.join("xtask-target");
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let built = Command::new(&cargo)
        .args(["build", "-q", "--release", "-p", "xtask"])
        .current_dir(root)
        .env("CARGO_TARGET_DIR", &xtask_target)
        .status()
        .unwrap();
    assert!(built.success());
    let xtask = xtask_target.join("release/xtask");
    let process = median_time(11, || {
        let status = Command::new(&xtask).args(["gen", "--check"]).current_dir(root).output().unwrap();
        assert!(status.status.success(), "{}", String::from_utf8_lossy(&status.stderr));
    });
    let _ = writeln!(out, "| `xtask gen --check` process, shipped catalogue | {} | |\n", ms(process));

    let (small, large) = (times[0], times[times.len() - 1]);
    let per_code_small = small.1.as_secs_f64() / small.0 as f64;
    let per_code_large = large.1.as_secs_f64() / large.0 as f64;
    let _ = writeln!(
        out,
        "Targets: 10,000 codes under 500 ms: {} ({}). Shipped catalogue under 20 ms: {} ({}). Linear growth \
         (per-code cost at 10,000 within 2x of that at 50): {} ({:.1} vs {:.1} µs).\n",
        verdict(large.1 < Duration::from_millis(500)),
        ms(large.1),
        verdict(shipped < Duration::from_millis(20)),
        ms(shipped),
        verdict(per_code_large < 2.0 * per_code_small),
        per_code_large * 1e6,
        per_code_small * 1e6,
    );
    out
}

/// The naive baseline: what people write by hand. A string `match` for
/// `FromStr`, `match self` getters and derived serde and `Debug`.
fn naive_crate(codes: usize) -> String {
    let names: Vec<String> = {
        let catalog =
            codegen::load_catalog_from_memory(vec![("s.yaml".into(), xtask::synth::catalogue(codes).into_bytes())])
                .unwrap();
        catalog.errors.iter().map(|error| error.code.clone()).collect()
    };
    let catalog =
        codegen::load_catalog_from_memory(vec![("s.yaml".into(), xtask::synth::catalogue(codes).into_bytes())])
            .unwrap();
    let mut src = String::from(
        "#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]\n\
         pub enum ErrorCode {\n",
    );
    for error in &catalog.errors {
        let _ = writeln!(src, "    #[serde(rename = {:?})]\n    {},", error.code, error.ident);
    }
    src.push_str("}\n\nimpl ErrorCode {\n    pub fn as_str(self) -> &'static str {\n        match self {\n");
    for error in &catalog.errors {
        let _ = writeln!(src, "            Self::{} => {:?},", error.ident, error.code);
    }
    src.push_str("        }\n    }\n\n    pub fn http_status(self) -> u16 {\n        match self {\n");
    for error in &catalog.errors {
        let _ = writeln!(src, "            Self::{} => {},", error.ident, error.status);
    }
    src.push_str("        }\n    }\n\n    pub fn message(self) -> &'static str {\n        match self {\n");
    for error in &catalog.errors {
        let _ = writeln!(src, "            Self::{} => {:?},", error.ident, error.message);
    }
    src.push_str(
        "        }\n    }\n}\n\nimpl std::str::FromStr for ErrorCode {\n    type Err = ();\n\n    \
         fn from_str(s: &str) -> Result<Self, ()> {\n        match s {\n",
    );
    for (error, name) in catalog.errors.iter().zip(&names) {
        let _ = writeln!(src, "            {name:?} => Ok(Self::{}),", error.ident);
    }
    src.push_str(
        "            _ => Err(()),\n        }\n    }\n}\n\nimpl std::fmt::Display for ErrorCode {\n    \
         fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {\n        f.write_str(self.as_str())\n    }\n}\n",
    );
    src
}

/// A downstream crate that parses codes from JSON and prints them.
fn downstream(dependency: &str, crate_ident: &str) -> (String, String) {
    let manifest = format!(
        "[package]\nname = \"down-{dependency}\"\nversion = \"0.1.0\"\nedition = \"2021\"\npublish = false\n\n\
         [dependencies]\n{crate_ident} = {{ package = \"{crate_ident}\", path = \"../{dependency}\" }}\nserde_json = \"1\"\n"
    );
    let main = format!(
        "fn main() {{\n    for arg in std::env::args().skip(1) {{\n        \
         match serde_json::from_str::<{crate_ident}::ErrorCode>(&arg) {{\n            \
         Ok(code) => println!(\"{{code}} {{:?}}\", code),\n            Err(error) => println!(\"{{error}}\"),\n        }}\n    }}\n}}\n"
    );
    (manifest, main)
}

/// Clean build times (debug and release, dependencies prebuilt) of the
/// generated crate and the naive baseline, and of a downstream crate.
fn builds(_root: &Path, work: &Work) -> String {
    let max_naive: usize = std::env::var("BENCH_MAX_NAIVE").ok().and_then(|v| v.parse().ok()).unwrap_or(10_000);
    write_build_crates(work);
    let (mut out, rows) = build_table(work, max_naive);
    out.push_str(&build_targets(&rows));
    out
}

/// One row of the build table: codes, generated release, naive release, generated downstream.
type BuildRow = (usize, Duration, Option<Duration>, Duration);

/// The crates the build benchmark times, dependencies built first in both
/// profiles so only the crate itself is timed.
fn write_build_crates(work: &Work) {
    let mut members = vec!["deps".to_string()];
    work.write(
        "deps/Cargo.toml",
        "[package]\nname = \"deps\"\nversion = \"0.1.0\"\nedition = \"2021\"\npublish = false\n\n[dependencies]\n\
         serde = { version = \"1\", features = [\"derive\"] }\nserde_json = \"1\"\n",
    );
    work.write("deps/src/lib.rs", "pub use serde;\npub use serde_json;\n");
    for codes in SIZES {
        let generated = work.generated(codes);
        let naive = format!("naive_{codes}");
        work.write(
            &format!("{naive}/Cargo.toml"),
            &format!(
                "[package]\nname = \"naive-{codes}-errors\"\nversion = \"0.1.0\"\nedition = \"2021\"\npublish = false\n\n\
                 [dependencies]\nserde = {{ version = \"1\", features = [\"derive\"] }}\n"
            ),
        );
        work.write(&format!("{naive}/src/lib.rs"), &naive_crate(codes));
        for (dependency, crate_name) in
            [(generated.clone(), format!("synth-{codes}-errors")), (naive.clone(), format!("naive-{codes}-errors"))]
        {
            let ident = crate_name.replace('-', "_");
            let (manifest, main) = downstream(&dependency, &ident);
            let manifest = manifest.replace(
                &format!("{ident} = {{ package = \"{ident}\""),
                &format!("{ident} = {{ package = \"{crate_name}\""),
            );
            work.write(&format!("down-{dependency}/Cargo.toml"), &manifest);
            work.write(&format!("down-{dependency}/src/main.rs"), &main);
            members.push(format!("down-{dependency}"));
        }
        members.push(generated);
        members.push(naive);
    }
    work.workspace(&members);
    work.cargo(&["build", "-q", "-p", "deps"]);
    work.cargo(&["build", "-q", "--release", "-p", "deps"]);
    work.cargo(&["build", "-q", "-p", "deps", "-p", "serde_json"]);
}

fn build_table(work: &Work, max_naive: usize) -> (String, Vec<BuildRow>) {
    let mut out = String::from(
        "## Build times\n\nClean build of the crate alone, dependencies prebuilt (`cargo clean -p X && cargo build -p X`), \
         one run each. *Naive* is the baseline people write by hand: string `match` for `FromStr`, `match self` \
         getters, derived serde and `Debug`. *Downstream* is a crate that parses codes with \
         `serde_json::from_str::<ErrorCode>` and prints them; its extra cost is its build time minus the same \
         crate's at 50 codes.\n\n\
         | codes | generated debug | naive debug | generated release | naive release | speed-up (release) | downstream release, generated | downstream release, naive |\n\
         |---|---|---|---|---|---|---|---|\n",
    );
    let mut rows = Vec::new();
    for codes in SIZES {
        let generated = format!("gen_{codes}");
        let naive = format!("naive_{codes}");
        let gen_debug = work.build_time(&format!("synth-{codes}-errors"), false);
        let gen_release = work.build_time(&format!("synth-{codes}-errors"), true);
        let down_gen = work.downstream_time(&format!("down-{generated}"));
        let (naive_debug, naive_release, down_naive) = if codes <= max_naive {
            (
                Some(work.build_time(&format!("naive-{codes}-errors"), false)),
                Some(work.build_time(&format!("naive-{codes}-errors"), true)),
                Some(work.downstream_time(&format!("down-{naive}"))),
            )
        } else {
            (None, None, None)
        };
        let show = |time: Option<Duration>| time.map_or("not run".to_string(), secs);
        let speedup =
            naive_release.map_or("".into(), |naive| format!("{:.1}x", naive.as_secs_f64() / gen_release.as_secs_f64()));
        eprintln!(
            "builds {codes}: generated {} / {}, naive {} / {}, downstream {} / {}",
            secs(gen_debug),
            secs(gen_release),
            show(naive_debug),
            show(naive_release),
            secs(down_gen),
            show(down_naive)
        );
        let _ = writeln!(
            out,
            "| {codes} | {} | {} | {} | {} | {speedup} | {} | {} |",
            secs(gen_debug),
            show(naive_debug),
            secs(gen_release),
            show(naive_release),
            secs(down_gen),
            show(down_naive)
        );
        rows.push((codes, gen_release, naive_release, down_gen));
    }
    (out, rows)
}

fn build_targets(rows: &[BuildRow]) -> String {
    let find = |codes: usize| rows.iter().find(|row| row.0 == codes).copied();
    let mut targets = Vec::new();
    for (codes, factor, seconds) in [(2_000, 8.0, 1.5), (10_000, 30.0, 8.0)] {
        if let Some((_, generated, naive, _)) = find(codes) {
            let ratio = naive.map(|naive| naive.as_secs_f64() / generated.as_secs_f64());
            targets.push(format!(
                "at {codes} codes, at least {factor}x faster than naive (about {seconds} s or less): {} ({}, {})",
                verdict(ratio.is_some_and(|ratio| ratio >= factor)),
                ratio.map_or("naive not run".into(), |ratio| format!("{ratio:.1}x")),
                secs(generated)
            ));
        }
    }
    if let (Some(small), Some(large)) = (find(50), find(10_000)) {
        let extra = large.3.saturating_sub(small.3);
        targets.push(format!(
            "a downstream crate pays under 1 s extra at 10,000 codes: {} ({})",
            verdict(extra < Duration::from_secs(1)),
            secs(extra)
        ));
    }
    format!("\nTargets: {}.\n\n", targets.join("; "))
}

/// The runtime benchmark program: per operation, ours next to a reference.
const RUNTIME_MAIN: &str = r#"//! Written by benchmarks/benches/report.rs.
use std::alloc::{GlobalAlloc, Layout, System};
use std::hint::black_box;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

struct Counting;
static ALLOCATIONS: AtomicUsize = AtomicUsize::new(0);
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
}
#[global_allocator]
static GLOBAL: Counting = Counting;

/// Median ns per call of `ours` and `reference`, sampled alternately.
/// The loop hands each call the next index below `n`, cycling, so every
/// code is used in turn without a division per call.
fn compare(n: usize, mut ours: impl FnMut(usize), mut reference: impl FnMut(usize)) -> (f64, f64, f64, f64) {
    let run = |f: &mut dyn FnMut(usize), iterations: usize| {
        let start = Instant::now();
        let mut index = 0;
        for _ in 0..iterations {
            f(index);
            index += 1;
            if index == n { index = 0; }
        }
        start.elapsed().as_secs_f64() * 1e9 / iterations as f64
    };
    let mut iterations = 1024;
    while run(&mut ours, iterations) * (iterations as f64) < 4e6 {
        iterations *= 2;
    }
    let (mut a, mut b) = (Vec::new(), Vec::new());
    for _ in 0..21 {
        a.push(run(&mut ours, iterations));
        b.push(run(&mut reference, iterations));
    }
    a.sort_by(f64::total_cmp);
    b.sort_by(f64::total_cmp);
    let count = |f: &mut dyn FnMut(usize)| {
        let before = ALLOCATIONS.load(Ordering::Relaxed);
        for i in 0..1000 { f(i % n); }
        (ALLOCATIONS.load(Ordering::Relaxed) - before) as f64 / 1000.0
    };
    (a[10], b[10], count(&mut ours), count(&mut reference))
}

#[derive(serde::Serialize)]
struct RefEnvelope { error: RefBody }
#[derive(serde::Serialize)]
struct RefBody { r#type: &'static str, code: &'static str, message: &'static str, doc_url: &'static str }
#[derive(serde::Deserialize)]
#[allow(dead_code)]
struct PlainEnvelope { error: PlainBody }
#[derive(serde::Deserialize)]
#[allow(dead_code)]
struct PlainBody { r#type: String, code: String, message: String, doc_url: String }

macro_rules! bench_crate {
    ($krate:ident, $codes:expr) => {{
        use $krate::{ApiError, ErrorCode};
        let codes: Vec<ErrorCode> = ErrorCode::ALL.to_vec();
        let n = codes.len();
        let names: Vec<String> = codes.iter().map(|code| code.as_str().to_string()).collect();
        let misses: Vec<String> = names.iter().map(|name| format!("{name}x")).collect();
        let map: std::collections::HashMap<String, usize> = names.iter().cloned().enumerate().map(|(i, name)| (name, i)).collect();
        let static_names: Vec<&'static str> = codes.iter().map(|code| code.as_str()).collect();
        let statuses: Vec<u16> = codes.iter().map(|code| code.http_status()).collect();
        let errors: Vec<ApiError> = codes.iter().map(|&code| ApiError::new(code)).collect();
        let references: Vec<RefEnvelope> = codes.iter().map(|&code| RefEnvelope { error: RefBody {
            r#type: code.error_type().as_str(), code: code.as_str(), message: code.message(), doc_url: code.doc_url() } }).collect();
        let bodies: Vec<Vec<u8>> = errors.iter().map(|error| serde_json::to_vec(error).unwrap()).collect();
        let mut buffer: Vec<u8> = Vec::with_capacity(4096);
        let mut other: Vec<u8> = Vec::with_capacity(4096);
        let report = |op: &str, r: (f64, f64, f64, f64)| println!("{op}|{}|{:.2}|{:.2}|{:.2}|{:.2}", $codes, r.0, r.1, r.2, r.3);
        report("from_str hit", compare(n,
            |i| { black_box(black_box(names[i].as_str()).parse::<ErrorCode>().ok()); },
            |i| { black_box(map.get(black_box(names[i].as_str()))); }));
        report("from_str miss", compare(n,
            |i| { black_box(black_box(misses[i].as_str()).parse::<ErrorCode>().ok()); },
            |i| { black_box(map.get(black_box(misses[i].as_str()))); }));
        report("as_str", compare(n,
            |i| { black_box(black_box(codes[i]).as_str()); },
            |i| { black_box(static_names[black_box(i)]); }));
        report("http_status", compare(n,
            |i| { black_box(black_box(codes[i]).http_status()); },
            |i| { black_box(statuses[black_box(i)]); }));
        report("serialize default ApiError (serde_json)", compare(n,
            |i| { buffer.clear(); serde_json::to_writer(&mut buffer, &errors[i]).unwrap(); black_box(&buffer); },
            |i| { other.clear(); serde_json::to_writer(&mut other, &references[i]).unwrap(); black_box(&other); }));
        let mut buffer: Vec<u8> = Vec::with_capacity(4096);
        let mut other: Vec<u8> = Vec::with_capacity(4096);
        report("write_json default ApiError", compare(n,
            |i| { buffer.clear(); errors[i].write_json(&mut buffer); black_box(&buffer); },
            |i| {
                let body = &references[i].error;
                other.clear();
                other.extend_from_slice(b"{\"error\":{\"type\":\"");
                other.extend_from_slice(body.r#type.as_bytes());
                other.extend_from_slice(b"\",\"code\":\"");
                other.extend_from_slice(body.code.as_bytes());
                other.extend_from_slice(b"\",\"message\":\"");
                other.extend_from_slice(body.message.as_bytes());
                other.extend_from_slice(b"\",\"doc_url\":\"");
                other.extend_from_slice(body.doc_url.as_bytes());
                other.extend_from_slice(b"\"}}");
                black_box(&other);
            }));
        report("parse error body", compare(n,
            |i| { black_box(ApiError::from_json(&bodies[i]).unwrap()); },
            |i| { black_box(serde_json::from_slice::<PlainEnvelope>(&bodies[i]).unwrap()); }));
    }};
}

fn main() {
    bench_crate!(synth_50_errors, 50);
    bench_crate!(synth_10000_errors, 10000);
}
"#;

fn runtime(_root: &Path, work: &Work) -> String {
    let small = work.generated(50);
    let large = work.generated(10_000);
    work.write(
        "runtime/Cargo.toml",
        &format!(
            "[package]\nname = \"runtime\"\nversion = \"0.1.0\"\nedition = \"2021\"\npublish = false\n\n[dependencies]\n\
             synth-50-errors = {{ path = \"../{small}\" }}\nsynth-10000-errors = {{ path = \"../{large}\" }}\n\
             serde = {{ version = \"1\", features = [\"derive\"] }}\nserde_json = \"1\"\n"
        ),
    );
    work.write("runtime/src/main.rs", RUNTIME_MAIN);
    work.workspace(&["runtime".to_string(), small, large]);
    work.cargo(&["build", "-q", "--release", "-p", "runtime"]);
    let output = Command::new(work.dir.join("target/release/runtime")).output().unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let text = String::from_utf8(output.stdout).unwrap();
    let rows: Vec<Vec<String>> = text.lines().map(|line| line.split('|').map(str::to_string).collect()).collect();
    let mut out = String::from(
        "## Runtime per operation\n\nMedian of 21 samples, ours and the reference alternating; allocations per \
         operation counted with a counting global allocator. References: `from_str` against a std `HashMap` \
         lookup; `as_str`/`http_status` against indexing a plain `Vec`; serializing against serde_json with a \
         `#[derive(Serialize)]` struct of the same fields; `write_json` against a direct writer of pre-escaped \
         pieces; parsing against serde_json into a `#[derive(Deserialize)]` struct of `String`s.\n\n\
         | operation | codes | ours | reference | ratio | allocations (ours / reference) |\n|---|---|---|---|---|---|\n",
    );
    for row in &rows {
        let (ours, reference): (f64, f64) = (row[2].parse().unwrap(), row[3].parse().unwrap());
        let _ = writeln!(
            out,
            "| {} | {} | {ours:.1} ns | {reference:.1} ns | {:.2} | {} / {} |",
            row[0],
            row[1],
            ours / reference,
            row[4],
            row[5]
        );
    }
    out.push_str(&runtime_targets(&rows));
    out
}

/// The runtime targets, judged on the measured rows (operation, codes, ours, reference, allocations...).
fn runtime_targets(rows: &[Vec<String>]) -> String {
    let get = |op: &str, codes: &str| -> Option<(f64, f64, f64)> {
        rows.iter()
            .find(|row| row[0] == op && row[1] == codes)
            .map(|row| (row[2].parse().unwrap(), row[3].parse().unwrap(), row[4].parse().unwrap()))
    };
    let mut targets = Vec::new();
    if let (Some(small), Some(large)) = (get("from_str hit", "50"), get("from_str hit", "10000")) {
        targets.push(format!(
            "`from_str` hit flat (10,000 within 1.5x of 50) and at most 20 ns: {} ({:.1} ns vs {:.1} ns)",
            verdict(large.0 <= 1.5 * small.0 && large.0 <= 20.0),
            large.0,
            small.0
        ));
    }
    if let (Some(small), Some(large)) = (get("from_str miss", "50"), get("from_str miss", "10000")) {
        targets.push(format!(
            "`from_str` miss likewise: {} ({:.1} ns vs {:.1} ns)",
            verdict(large.0 <= 1.5 * small.0 && large.0 <= 20.0),
            large.0,
            small.0
        ));
    }
    let no_allocations = rows
        .iter()
        .filter(|row| {
            row[0].starts_with("from_str")
                || row[0] == "as_str"
                || row[0] == "http_status"
                || row[0].contains("default ApiError")
        })
        .all(|row| row[4] == "0.00");
    targets
        .push(format!("no allocation in lookups and serialization with a reused buffer: {}", verdict(no_allocations)));
    if let Some(serde) = get("serialize default ApiError (serde_json)", "10000") {
        targets.push(format!(
            "serde serialization no slower than the derive: {} ({:.2}x)",
            verdict(serde.0 <= serde.1 * 1.05),
            serde.0 / serde.1
        ));
    }
    if let Some(fast) = get("write_json default ApiError", "10000") {
        targets.push(format!(
            "`write_json` within 1.5x of the direct writer: {} ({:.2}x)",
            verdict(fast.0 <= fast.1 * 1.5),
            fast.0 / fast.1
        ));
    }
    format!("\nTargets: {}.\n\n", targets.join("; "))
}

/// Stripped release binary that uses every lookup, per catalogue size.
fn size(_root: &Path, work: &Work) -> String {
    let sizes = [50usize, 2_000, 10_000];
    let mut members = Vec::new();
    for codes in sizes {
        let generated = work.generated(codes);
        let krate = format!("synth_{codes}_errors");
        let bin = format!("size_{codes}");
        work.write(
            &format!("{bin}/Cargo.toml"),
            &format!("[package]\nname = \"{bin}\"\nversion = \"0.1.0\"\nedition = \"2021\"\npublish = false\n\n[dependencies]\nsynth-{codes}-errors = {{ path = \"../{generated}\" }}\n"),
        );
        work.write(
            &format!("{bin}/src/main.rs"),
            &format!(
                "use {krate}::{{ApiError, ErrorCode}};\n\nfn main() {{\n    for arg in std::env::args().skip(1) {{\n        \
                 if let Ok(code) = arg.parse::<ErrorCode>() {{\n            let mut body = Vec::new();\n            \
                 ApiError::new(code).write_json(&mut body);\n            println!(\"{{}} {{}} {{}} {{}} {{}} {{}} {{:?}} {{}} {{}}\", code.as_str(), code.http_status(), \
                 code.message(), code.error_type(), code.is_retryable(), code.doc_url(), code.replaced_by(), ApiError::new(code).to_json(), body.len());\n        }}\n    }}\n    \
                 println!(\"{{}}\", ErrorCode::ALL.len());\n}}\n"
            ),
        );
        members.push(generated);
        members.push(bin);
    }
    work.workspace(&members);
    let mut out = String::from(
        "## Binary size\n\nStripped release binary that parses a code and uses every lookup.\n\n| codes | size |\n|---|---|\n",
    );
    let mut measured = Vec::new();
    for codes in sizes {
        work.cargo(&["build", "-q", "--release", "-p", &format!("size_{codes}")]);
        let bytes = std::fs::metadata(work.dir.join(format!("target/release/size_{codes}"))).unwrap().len();
        let _ = writeln!(out, "| {codes} | {bytes} bytes |");
        measured.push((codes, bytes));
    }
    let per_code = |(a, sa): (usize, u64), (b, sb): (usize, u64)| (sb as f64 - sa as f64) / (b - a) as f64;
    let large = per_code(measured[0], measured[2]);
    let _ = writeln!(
        out,
        "\nPer code: {:.0} bytes (50 to 2,000 codes), {:.0} bytes (50 to 10,000 codes). Target at most 200 bytes per code: {}.\n",
        per_code(measured[0], measured[1]),
        large,
        verdict(large <= 200.0)
    );
    out
}
