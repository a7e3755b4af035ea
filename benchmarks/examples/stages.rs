use std::time::Instant;
fn main() {
    let path = std::path::PathBuf::from(std::env::args().nth(1).unwrap());
    let t = Instant::now();
    let checked = codegen::check_catalog(&path, codegen::Options::default()).unwrap();
    eprintln!("load+validate {:?}", t.elapsed());
    let c = &checked.catalog;
    let t = Instant::now();
    let files = codegen::emit::emit_all(c);
    eprintln!("emit_all {:?} ({} files, {} bytes)", t.elapsed(), files.len(), files.iter().map(|f| f.contents.len()).sum::<usize>());
    for f in &files { if f.contents.len() > 1_000_000 { eprintln!("  {} {}", f.path, f.contents.len()); } }
    codegen::emit::timings_tmp(c);
    let t = Instant::now();
    let m = codegen::emit::rust_module(c, Default::default());
    eprintln!("rust_module {:?} {}", t.elapsed(), m.len());
}
