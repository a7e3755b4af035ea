//! Every emitted file of every pinned catalogue, as an insta snapshot: a change
//! to any output shows up as a reviewable diff (`cargo insta review`).

#[test]
fn every_emitted_file_is_pinned() {
    for (name, path) in catalog_tests::catalogues() {
        for file in catalog_tests::generate(&path) {
            let snapshot = format!("{name}__{}", file.path.replace('/', "__"));
            insta::assert_snapshot!(snapshot, file.contents);
        }
    }
}

#[test]
fn generation_is_deterministic() {
    for (name, path) in catalog_tests::catalogues() {
        assert_eq!(catalog_tests::generate(&path), catalog_tests::generate(&path), "{name} differs run to run");
    }
}
