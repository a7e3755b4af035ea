//! Every emitted file of every pinned catalogue, as an insta snapshot: a change
//! to any output shows up as a reviewable diff (`cargo insta review`).

#[test]
fn every_emitted_file_is_pinned() {
    catalog_tests::each_catalogue(catalog_tests::all_catalogues(), |name, path| {
        // Per-code files (one example body per code) share one snapshot per
        // folder, so a catalogue of many codes does not mean many snapshots.
        let mut per_code: std::collections::BTreeMap<String, String> = std::collections::BTreeMap::new();
        for file in catalog_tests::generate(&path) {
            let folder = file.path.rsplit_once('/').map_or("", |(folder, _)| folder);
            // The runtime and the typed layer are copied verbatim from
            // codegen/src/, the same for every catalogue: their source is
            // what reviewers read.
            if codegen::emit::VERBATIM_FOLDERS.contains(&folder) {
                continue;
            }
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
    });
}

#[test]
fn generation_is_deterministic() {
    catalog_tests::each_catalogue(catalog_tests::catalogues(), |name, path| {
        assert_eq!(catalog_tests::generate(&path), catalog_tests::generate(&path), "{name} differs run to run");
    });
}

/// The output does not depend on the order in which the file system lists
/// the catalogue's files: the same files written in reverse order give
/// byte-identical output.
#[test]
fn output_does_not_depend_on_file_listing_order() {
    let root = catalog_tests::workspace_root();
    let original = catalog_tests::generate(&root.join("catalog"));
    let copy = tempfile::tempdir().expect("temporary folder");
    let mut files = catalog_tests::snapshot_tree(&root.join("catalog"));
    files.reverse();
    for (relative, bytes) in files {
        let target = copy.path().join(relative);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::write(target, bytes).unwrap();
    }
    assert_eq!(catalog_tests::generate(copy.path()), original);
}
