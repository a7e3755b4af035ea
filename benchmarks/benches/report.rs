//! `cargo bench -p benchmarks`: every measurement of the performance issue,
//! written to BENCHMARKS.md. Set BENCH_ONLY=generation|builds|runtime|size
//! to run one part (the report then keeps the other parts' last results).

use std::path::PathBuf;
use std::time::Duration;

use benchmarks::{machine, median_time, ms};

const SIZES: [usize; 4] = [50, 500, 2_000, 10_000];

fn main() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf();
    let only = std::env::var("BENCH_ONLY").ok();
    let run = |part: &str| only.as_deref().is_none_or(|only| only == part);
    let results = root.join("target/bench-results");
    std::fs::create_dir_all(&results).unwrap();
    if run("generation") {
        let section = generation(&root);
        std::fs::write(results.join("generation.md"), section).unwrap();
    }
    eprintln!("machine: {}", machine());
}

/// Load + validate + emit every output, in process, per catalogue size.
fn generation(root: &std::path::Path) -> String {
    let mut rows = Vec::new();
    for codes in SIZES {
        let yaml = codegen::synth::catalogue(codes);
        let samples = if codes >= 10_000 { 5 } else { 15 };
        let mut phases = [Duration::ZERO; 2];
        let total = median_time(samples, || {
            let start = std::time::Instant::now();
            let catalog = codegen::load_catalog_from_memory(vec![("synth.yaml".into(), yaml.clone().into_bytes())])
                .expect("synthetic catalogues are valid");
            phases[0] = start.elapsed();
            let files = codegen::emit::emit_all(&catalog);
            phases[1] = start.elapsed() - phases[0];
            std::hint::black_box(files);
        });
        eprintln!("generation {codes}: {} (load+validate {} emit {})", ms(total), ms(phases[0]), ms(phases[1]));
        rows.push((codes, total));
    }
    let shipped = median_time(30, || {
        let catalog = codegen::load_catalog(&root.join("catalog")).unwrap();
        std::hint::black_box(codegen::emit::emit_all(&catalog));
    });
    eprintln!("generation shipped: {}", ms(shipped));
    let mut out = String::new();
    for (codes, total) in rows {
        out.push_str(&format!("| {codes} | {} | {:.1} µs |\n", ms(total), total.as_secs_f64() * 1e6 / codes as f64));
    }
    out.push_str(&format!("| shipped | {} | |\n", ms(shipped)));
    out
}
