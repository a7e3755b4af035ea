//! Where `cargo xtask gen`'s time goes, stage by stage, for one catalogue:
//! `cargo run -p benchmarks --example stages -- target/synth/catalog-2000`
//! (after `cargo xtask synth --codes 2000`). A profiling aid; BENCHMARKS.md
//! is written by `cargo bench -p benchmarks`. The lock beside the catalogue,
//! if any, is checked. `STAGES_NO_MODULE=1` stops
//! after the package's files (what `cargo xtask gen` does), for profiling.

use std::time::Instant;

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: stages CATALOGUE");
        std::process::exit(2);
    };
    let start = Instant::now();
    let mut checked = match codegen::check_catalog(path.as_ref(), codegen::Options::default()) {
        Ok(checked) => checked,
        Err(failure) => {
            eprintln!("{}", failure.render());
            std::process::exit(1);
        }
    };
    eprintln!("load + validate: {:?}", start.elapsed());
    let start = Instant::now();
    if let Err(failure) = codegen::check_lock(&mut checked, &codegen::lock_path(path.as_ref())) {
        eprintln!("{}", failure.render());
        std::process::exit(1);
    }
    eprintln!("lock (check and render): {:?}", start.elapsed());
    let start = Instant::now();
    let files = codegen::emit::emit_all(&checked.catalog);
    let bytes: usize = files.iter().map(|file| file.contents.len()).sum();
    eprintln!("emit (every file): {:?}, {} files, {bytes} bytes", start.elapsed(), files.len());
    if std::env::var_os("STAGES_NO_MODULE").is_some() {
        return;
    }
    let start = Instant::now();
    let module = codegen::emit::rust_module(&checked.catalog, codegen::emit::Integrations::default());
    eprintln!("emit (build-script module): {:?}, {} bytes", start.elapsed(), module.len());
}
