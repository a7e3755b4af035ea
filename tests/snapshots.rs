//! Every emitted file of every pinned catalogue, as an insta snapshot: a change
//! to any output shows up as a reviewable diff (`cargo insta review`).

#[test]
fn every_emitted_file_is_pinned() {
    for (name, path) in catalog_tests::catalogues() {
        // Per-code files (one example body per code) share one snapshot per
        // folder, so a catalogue of many codes does not mean many snapshots.
        let mut per_code: std::collections::BTreeMap<String, String> = std::collections::BTreeMap::new();
        for file in catalog_tests::generate(&path) {
            let folder = file.path.rsplit_once('/').map_or("", |(folder, _)| folder);
            if codegen::emit::OWNED_FOLDERS.contains(&folder) {
                let combined = per_code.entry(folder.to_string()).or_default();
                combined.push_str(&format!("=== {}\n{}", file.path, file.contents));
                continue;
            }
            let snapshot = format!("{name}__{}", file.path.replace('/', "__"));
            insta::assert_snapshot!(snapshot, file.contents);
        }
        for (folder, combined) in per_code {
            insta::assert_snapshot!(format!("{name}__{}", folder.replace('/', "__")), combined);
        }
    }
}

#[test]
fn generation_is_deterministic() {
    for (name, path) in catalog_tests::catalogues() {
        assert_eq!(catalog_tests::generate(&path), catalog_tests::generate(&path), "{name} differs run to run");
    }
}
