//! Shared helpers of the integration tests: where things are, and how to get
//! a catalogue's generated files.

use std::path::{Path, PathBuf};

pub mod random_catalogue;

/// The workspace root (tests run with the `tests/` package as working folder).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("tests/ lies in the workspace").to_path_buf()
}

/// The catalogues every emitter is pinned against: the shipped one, one
/// fixture per reference page in ../shared/seeds/ (each with its own
/// envelope), and one for the features no page uses (flat envelope, aliases,
/// deprecations, every detail type), one with hostile text everywhere, and
/// the smallest shapes.
pub fn catalogues() -> Vec<(&'static str, PathBuf)> {
    let root = workspace_root();
    vec![
        ("shipped", root.join("catalog")),
        ("category_reference", root.join("tests/fixtures/category_reference/catalog.yaml")),
        ("schema_page", root.join("tests/fixtures/schema_page/catalog.yaml")),
        ("typed_reference", root.join("tests/fixtures/typed_reference/catalog.yaml")),
        ("features", root.join("tests/fixtures/features/catalog.yaml")),
        ("hostile", root.join("tests/fixtures/hostile/catalog.yaml")),
        ("tiny", root.join("tests/fixtures/tiny/catalog.yaml")),
    ]
}

/// One catalogue per published error format (RFC 9457, Google AIP-193,
/// Twilio, Microsoft's REST API Guidelines, JSON:API, and Slack, GitHub,
/// GraphQL and OAuth 2.0), each with the format's own example bodies saved
/// beside it as `*.json`.
pub fn standards() -> Vec<(&'static str, PathBuf)> {
    let root = workspace_root();
    ["rfc9457", "aip193", "twilio", "microsoft", "jsonapi", "slack", "github", "graphql", "oauth2"]
        .into_iter()
        .map(|name| (name, root.join(format!("tests/fixtures/{name}/catalog.yaml"))))
        .collect()
}

/// Every pinned catalogue: [`catalogues`] and [`standards`].
pub fn all_catalogues() -> Vec<(&'static str, PathBuf)> {
    let mut all = catalogues();
    all.extend(standards());
    all
}

/// The table of bodies and their outcomes of the pinned catalogue `name`
/// (`tests/bodies/write_tables.py` says how it was written); both runtimes'
/// tests read it, so a body gets the same answer in Rust and TypeScript.
pub fn body_table(name: &str) -> PathBuf {
    let path = workspace_root().join("tests/bodies").join(format!("{name}.json"));
    assert!(path.is_file(), "{} is missing: every pinned catalogue has a table of bodies", path.display());
    path
}

/// The published example bodies beside a standard's catalogue: file name and text.
pub fn published_bodies(catalog: &Path) -> Vec<(String, String)> {
    let folder = catalog.parent().expect("a catalogue file has a folder");
    let mut bodies: Vec<(String, String)> = std::fs::read_dir(folder)
        .expect("fixture folder")
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .map(|path| {
            let name = path.file_name().expect("named").to_string_lossy().into_owned();
            (name, std::fs::read_to_string(&path).expect("read body"))
        })
        .collect();
    bodies.sort();
    bodies
}

/// The generated files of a catalogue that must be valid.
pub fn generate(path: &Path) -> Vec<codegen::GeneratedFile> {
    codegen::generate(path).unwrap_or_else(|failure| panic!("{} is invalid:\n{}", path.display(), failure.render()))
}

/// Every file below `dir` with its contents, for before/after comparisons.
pub fn snapshot_tree(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files = Vec::new();
    collect(dir, dir, &mut files);
    files.sort();
    files
}

fn collect(root: &Path, dir: &Path, files: &mut Vec<(PathBuf, Vec<u8>)>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(root, &path, files);
        } else if let Ok(bytes) = std::fs::read(&path) {
            files.push((path.strip_prefix(root).unwrap_or(&path).to_path_buf(), bytes));
        }
    }
}

/// Copies a folder tree (used to give each test its own generated package).
pub fn copy_tree(from: &Path, to: &Path) {
    for (relative, bytes) in snapshot_tree(from) {
        let target = to.join(relative);
        std::fs::create_dir_all(target.parent().expect("a file has a parent")).expect("create folder");
        std::fs::write(target, bytes).expect("write copy");
    }
}

/// A deliberately small HTTP/1.1 client for tests that talk to local servers
/// (axum, chromedriver): one request per connection, `Connection: close`.
/// Returns the status, the headers (names lower-cased) and the body.
pub fn http_request(
    address: std::net::SocketAddr,
    method: &str,
    path: &str,
    body: Option<&str>,
) -> (u16, Vec<(String, String)>, Vec<u8>) {
    http_request_with_headers(address, method, path, &[], body)
}

/// Installs Debian `packages` with apt-get, where this runs as root on a
/// machine that has it (the tools a test needs: Chromium, protoc); whether
/// it did.
pub fn apt_install(packages: &[&str]) -> bool {
    use std::process::{Command, Stdio};
    let root = Command::new("id").arg("-u").output().is_ok_and(|output| output.stdout.trim_ascii() == b"0");
    if !root || Command::new("apt-get").arg("--version").output().is_err() {
        return false;
    }
    eprintln!("installing {} with apt-get (once per machine)", packages.join(" "));
    let apt = |args: &[&str]| {
        Command::new("apt-get")
            .args(args)
            .env("DEBIAN_FRONTEND", "noninteractive")
            .stdout(Stdio::null())
            .status()
            .is_ok_and(|status| status.success())
    };
    apt(&["update", "-qq"]) && apt(&[&["install", "-y", "-qq"][..], packages].concat())
}

/// Compiles the `.proto` at `file` (under `root`) with protoc, Debian's
/// protobuf compiler, installing it with apt-get where it is missing;
/// protoc's complaint if it is refused.
pub fn compile_proto(root: &Path, file: &Path) -> Result<(), String> {
    // Looked for (and installed) once, however many tests ask at once.
    static PROTOC: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    let found = || std::process::Command::new("protoc").arg("--version").output().is_ok_and(|out| out.status.success());
    assert!(
        *PROTOC.get_or_init(|| found() || (apt_install(&["protobuf-compiler"]) && found())),
        "this test compiles the generated .proto with protoc, which is not installed; install it with \
         `apt-get install protobuf-compiler` (as root) and run the tests again"
    );
    let output = std::process::Command::new("protoc")
        .arg(format!("--proto_path={}", root.display()))
        .arg("--descriptor_set_out=/dev/null")
        .arg(file)
        .output()
        .expect("run protoc");
    if output.status.success() { Ok(()) } else { Err(String::from_utf8_lossy(&output.stderr).into_owned()) }
}

/// [`http_request`] with more request headers (`Accept-Language`).
pub fn http_request_with_headers(
    address: std::net::SocketAddr,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: Option<&str>,
) -> (u16, Vec<(String, String)>, Vec<u8>) {
    use std::io::{Read as _, Write as _};
    let mut stream = std::net::TcpStream::connect(address).expect("connect");
    stream.set_read_timeout(Some(std::time::Duration::from_secs(60))).expect("timeout");
    let body = body.unwrap_or("");
    let extra: String = headers.iter().map(|(name, value)| format!("{name}: {value}\r\n")).collect();
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nContent-Type: application/json\r\n{extra}Content-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .expect("send request");
    // Read to the end of the headers, then as much body as Content-Length
    // says (some servers keep the connection open regardless), or to EOF.
    let mut response = Vec::new();
    let mut buffer = [0u8; 8192];
    let split = loop {
        if let Some(split) = response.windows(4).position(|window| window == b"\r\n\r\n") {
            break split;
        }
        let read = stream.read(&mut buffer).expect("read response");
        assert!(read > 0, "connection closed before the headers ended");
        response.extend_from_slice(&buffer[..read]);
    };
    let content_length = String::from_utf8_lossy(&response[..split])
        .lines()
        .filter_map(|line| line.split_once(':'))
        .find(|(name, _)| name.trim().eq_ignore_ascii_case("content-length"))
        .and_then(|(_, value)| value.trim().parse::<usize>().ok());
    match content_length {
        Some(length) => {
            while response.len() < split + 4 + length {
                let read = stream.read(&mut buffer).expect("read response body");
                assert!(read > 0, "connection closed before the body ended");
                response.extend_from_slice(&buffer[..read]);
            }
        }
        None => {
            stream.read_to_end(&mut response).expect("read response");
        }
    }
    let head = String::from_utf8_lossy(&response[..split]).into_owned();
    let mut lines = head.split("\r\n");
    let status = lines.next().and_then(|line| line.split(' ').nth(1)).and_then(|s| s.parse().ok()).expect("status");
    let headers: Vec<(String, String)> = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(name, value)| (name.trim().to_ascii_lowercase(), value.trim().to_string()))
        .collect();
    let mut body = response[split + 4..].to_vec();
    let chunked = headers.iter().any(|(name, value)| name == "transfer-encoding" && value.contains("chunked"));
    if chunked {
        body = dechunk(&body);
    }
    (status, headers, body)
}

fn dechunk(mut data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(line_end) = data.windows(2).position(|window| window == b"\r\n") {
        let size = usize::from_str_radix(String::from_utf8_lossy(&data[..line_end]).trim(), 16).unwrap_or(0);
        if size == 0 {
            break;
        }
        let start = line_end + 2;
        out.extend_from_slice(&data[start..start + size]);
        data = &data[start + size + 2..];
    }
    out
}

/// [`check_each`] over named catalogues (as [`catalogues`] lists them).
pub fn each_catalogue(list: Vec<(&'static str, PathBuf)>, check: impl FnMut(&str, PathBuf)) {
    check_each(list.into_iter().map(|(name, path)| (name.to_string(), path)), check);
}

/// Runs `check` on every case and fails once at the end, naming every case
/// that failed with its message, so one broken case does not hide the rest.
pub fn check_each<T>(cases: impl IntoIterator<Item = (String, T)>, mut check: impl FnMut(&str, T)) {
    let mut failures = Vec::new();
    let mut count = 0;
    for (name, case) in cases {
        count += 1;
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| check(&name, case)));
        if let Err(panic) = outcome {
            let message = panic
                .downcast_ref::<String>()
                .map(String::as_str)
                .or_else(|| panic.downcast_ref::<&str>().copied())
                .unwrap_or("(no message)");
            failures.push(format!("--- {name}:\n{message}"));
        }
    }
    assert!(failures.is_empty(), "{} of {count} cases failed:\n{}", failures.len(), failures.join("\n"));
}
