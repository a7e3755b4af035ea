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
/// the catalogue's files: a catalogue spread over many files, written in
/// reverse name order into a folder (ext4 lists a folder in hash order,
/// tmpfs newest first), gives the same output as the same files read in
/// name order.
#[test]
fn output_does_not_depend_on_file_listing_order() {
    let files = one_file_per_code(&xtask::synth::catalogue(30));
    let folder = tempfile::tempdir().expect("temporary folder");
    for (name, text) in files.iter().rev() {
        let path = folder.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    let listed: Vec<String> = std::fs::read_dir(folder.path().join("errors"))
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    let mut sorted = listed.clone();
    sorted.sort();
    assert_ne!(listed, sorted, "this file system lists the folder in name order: the test would prove nothing");

    let in_name_order: Vec<(std::path::PathBuf, Vec<u8>)> =
        files.iter().map(|(name, text)| (folder.path().join(name), text.clone().into_bytes())).collect();
    let expected = codegen::emit::emit_all(&codegen::load_catalog_from_memory(in_name_order).expect("valid"));
    assert_eq!(catalog_tests::generate(folder.path()), expected);
}

/// `service.yaml` with everything but the codes, and `errors/NN.yaml` with
/// one code each, in name order.
fn one_file_per_code(catalogue: &str) -> Vec<(String, String)> {
    let (service, codes) = catalogue.split_once("\nerrors:\n").expect("the catalogue has codes");
    let mut files = vec![("service.yaml".to_string(), format!("{service}\n"))];
    let mut entry = String::new();
    for line in codes.lines() {
        // A code's entry starts at a key indented by two spaces.
        if line.starts_with("  ") && !line.starts_with("   ") && !entry.is_empty() {
            files.push((format!("errors/{:02}.yaml", files.len()), format!("errors:\n{entry}")));
            entry.clear();
        }
        entry.push_str(line);
        entry.push('\n');
    }
    files.push((format!("errors/{:02}.yaml", files.len()), format!("errors:\n{entry}")));
    files
}
