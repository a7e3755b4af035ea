//! gRPC: every pinned catalogue's `.proto` of reasons compiles with a real
//! protobuf compiler (protoc), and names each code once, by its reason.

#[test]
fn every_reasons_proto_compiles_with_protoc() {
    catalog_tests::each_catalogue(catalog_tests::all_catalogues(), |name, path| {
        let catalog = codegen::load_catalog(&path).expect("valid catalogue");
        let files = catalog_tests::generate(&path);
        let proto = files.iter().find(|file| file.path.starts_with("proto/")).expect("a .proto");
        let dir = tempfile::tempdir().expect("temporary folder");
        let file = dir.path().join(&proto.path);
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(&file, &proto.contents).unwrap();
        if let Err(complaint) = catalog_tests::compile_proto(dir.path(), &file) {
            panic!("{name}: protoc refuses {}:\n{complaint}\n{}", proto.path, proto.contents);
        }
        assert!(proto.contents.contains("  ERROR_REASON_UNSPECIFIED = 0;"), "{name}");
        for error in &catalog.errors {
            let line = format!("  {} = ", error.grpc_reason());
            assert_eq!(proto.contents.matches(&line).count(), 1, "{name}: {}", error.code);
        }
    });
}
