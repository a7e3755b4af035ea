//! End to end in a real browser: headless Chromium, driven through
//! chromedriver's WebDriver API, opens the generated `docs/site/index.html` from
//! `file://`, finds every code's anchor and row, types into the filter and
//! sees the rows narrow, and saves a screenshot (target/docs-index.png).
//!
//! Where Chromium or chromedriver is missing the test installs them with
//! apt-get (as the TypeScript test installs `tsc` from npm) when it runs as
//! root on Debian or Ubuntu; otherwise it fails and says how to install them.
//! It never passes without having run.

use std::net::{SocketAddr, TcpListener};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

const CHROMIUM: &str = "/usr/bin/chromium";

#[test]
fn the_reference_page_works_in_a_browser() {
    let chromedriver = find_chromedriver().or_else(install_chromium).unwrap_or_else(|| {
        panic!(
            "this test drives headless Chromium, which is not installed; install it with \
             `apt-get install chromium chromium-driver` (as root) and run the tests again"
        )
    });
    let root = catalog_tests::workspace_root();
    let page = root.join("generated/docs/site/index.html");
    let driver = Driver::start(&chromedriver);
    let session = driver.new_session();

    session.post("url", json!({ "url": format!("file://{}", page.display()) }));
    let codes: Vec<&str> = flireo_errors::ErrorCode::ALL.iter().map(|code| code.as_str()).collect();

    // Every code has its anchor, inside a table row.
    let anchored: Vec<String> = serde_json::from_value(session.script(
        "return Array.from(document.querySelectorAll('td a[id]')).filter(a => a.closest('tr')).map(a => a.id);",
    ))
    .unwrap();
    for code in &codes {
        assert!(anchored.iter().any(|id| id == code), "no anchored row for {code}");
    }
    assert_eq!(anchored.len(), codes.len());
    assert_eq!(visible_codes(&session).len(), codes.len(), "all rows show before filtering");
    assert_eq!(
        session.script("return document.getElementById('filter-count').textContent;"),
        json!(format!("{0} of {0} codes", codes.len()))
    );

    // Typing narrows the rows.
    let filter = session.find("#filter");
    session.post(&format!("element/{filter}/value"), json!({ "text": "rate" }));
    let narrowed = visible_codes(&session);
    assert!(!narrowed.is_empty() && narrowed.len() < codes.len(), "{narrowed:?}");
    assert!(narrowed.contains(&"rate_limit_exceeded".to_string()), "{narrowed:?}");
    assert!(!narrowed.contains(&"call_not_found".to_string()), "{narrowed:?}");
    session.post(&format!("element/{filter}/clear"), json!({}));
    session.post(&format!("element/{filter}/value"), json!({ "text": "call_not_found" }));
    assert_eq!(visible_codes(&session), ["call_not_found"]);

    // A doc_url fragment lands on its row (a fresh load, as from a link).
    session.post("url", json!({ "url": "about:blank" }));
    session.post("url", json!({ "url": format!("file://{}#insufficient_credits", page.display()) }));
    let target = session.script("var t = document.querySelector(':target'); return t && t.id;");
    assert_eq!(target, json!("insufficient_credits"));
    let filter = session.find("#filter");
    session.post(&format!("element/{filter}/value"), json!({ "text": "credit" }));
    let narrowed = visible_codes(&session);
    assert!(narrowed.contains(&"insufficient_credits".to_string()) && narrowed.len() < codes.len(), "{narrowed:?}");
    session.script("document.getElementById('insufficient_credits').scrollIntoView({ block: 'center' });");

    // The reference in Dutch: the same page, its texts in Dutch, the filter
    // finding codes by them, and a switch back to English.
    let dutch = root.join("generated/docs/site/index.nl.html");
    session.post("url", json!({ "url": format!("file://{}", dutch.display()) }));
    assert_eq!(session.script("return document.documentElement.lang;"), json!("nl"));
    let filter = session.find("#filter");
    session.post(&format!("element/{filter}/value"), json!({ "text": "gesprek niet gevonden" }));
    assert_eq!(visible_codes(&session), ["call_not_found"]);
    let row = session.script("return document.getElementById('call_not_found').closest('tr').textContent;");
    assert!(row.as_str().is_some_and(|row| row.contains("Gesprek niet gevonden")), "{row}");
    let english =
        session.script("var a = document.querySelector('a[href=\"index.html\"]'); return a && a.textContent;");
    assert_eq!(english, json!("en"));
    session.script("document.querySelector('a[href=\"index.html\"]').click(); return true;");
    let landed =
        wait_for(&session, "return location.pathname.endsWith('/site/index.html') && document.documentElement.lang;");
    assert_eq!(landed, json!("en"));

    // A catalogue of numeric wire codes (Twilio's): the filter finds a code
    // by its wire code, and a `{wire_code}` link's fragment lands on its row.
    let twilio = tempfile::tempdir().expect("temporary folder");
    for file in catalog_tests::generate(&root.join("tests/fixtures/twilio/catalog.yaml")) {
        if let Some(relative) = file.path.strip_prefix("docs/site/") {
            let path = twilio.path().join(relative);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, &file.contents).unwrap();
        }
    }
    let twilio_page = twilio.path().join("index.html");
    session.post("url", json!({ "url": format!("file://{}#21211", twilio_page.display()) }));
    let target = session.script("var t = document.querySelector(':target'); return t && t.id;");
    assert_eq!(target, json!("21211"));
    let filter = session.find("#filter");
    session.post(&format!("element/{filter}/value"), json!({ "text": "20404" }));
    assert_eq!(visible_codes(&session), ["resource_not_found"]);
    // The row links to the code's own page, named by its wire code as the
    // body's `more_info` link is; it shows the code and links back to its
    // row.
    // Clicked by script: the sticky filter box covers the row's top.
    session.script("document.querySelector('a[href=\"codes/20404.html\"]').click(); return true;");
    let landed = wait_for(
        &session,
        "return location.pathname.endsWith('/codes/20404.html') && document.querySelector('h1').textContent;",
    );
    assert_eq!(landed, json!("resource_not_found"));
    let back =
        session.script("return document.querySelector('a[href=\"../index.html#resource_not_found\"]') !== null;");
    assert_eq!(back, json!(true));
    // A link by the catalogue's name ends there too.
    let name_page = twilio.path().join("codes/resource_not_found.html");
    session.post("url", json!({ "url": format!("file://{}", name_page.display()) }));
    let landed = wait_for(&session, "return location.pathname.endsWith('/codes/20404.html');");
    assert_eq!(landed, json!(true));
    session.post("url", json!({ "url": format!("file://{}#insufficient_credits", page.display()) }));

    let png = decode_base64(session.get("screenshot").as_str().expect("base64 screenshot"));
    assert!(png.starts_with(b"\x89PNG"), "a PNG screenshot");
    let shot = root.join("target/docs-index.png");
    std::fs::create_dir_all(shot.parent().unwrap()).unwrap();
    std::fs::write(&shot, png).unwrap();
    eprintln!("screenshot: {}", shot.display());
}

/// The value of `script` once it is truthy (a page that redirects takes a
/// moment), polling for up to five seconds.
fn wait_for(session: &Session, script: &str) -> serde_json::Value {
    for _ in 0..50 {
        let value = session.script(script);
        if value.as_bool() != Some(false) && !value.is_null() {
            return value;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    session.script(script)
}

/// The codes of the rows shown: each row's first anchor (a second one is
/// its wire code's).
fn visible_codes(session: &Session) -> Vec<String> {
    serde_json::from_value(session.script(
        "return Array.from(document.querySelectorAll('tr')).filter(r => r.querySelector('td a[id]') && r.offsetParent !== null).map(r => r.querySelector('td a[id]').id);",
    ))
    .unwrap()
}

fn find_chromedriver() -> Option<String> {
    if !std::path::Path::new(CHROMIUM).exists() {
        return None;
    }
    let found = Command::new("chromedriver").arg("--version").output().is_ok_and(|output| output.status.success());
    found.then(|| "chromedriver".to_string())
}

/// Installs Chromium and chromedriver with apt-get, where the test may (as
/// root, on a machine with apt-get); `None` where it may not or it failed.
fn install_chromium() -> Option<String> {
    if catalog_tests::apt_install(&["chromium", "chromium-driver"]) { find_chromedriver() } else { None }
}

/// A chromedriver process on a free loopback port, stopped on drop.
struct Driver {
    child: Child,
    address: SocketAddr,
}

impl Driver {
    fn start(program: &str) -> Driver {
        let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let child = Command::new(program)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start chromedriver");
        let driver = Driver { child, address: SocketAddr::from(([127, 0, 0, 1], port)) };
        let deadline = Instant::now() + Duration::from_secs(30);
        while std::net::TcpStream::connect(driver.address).is_err() {
            assert!(Instant::now() < deadline, "chromedriver did not start");
            std::thread::sleep(Duration::from_millis(100));
        }
        driver
    }

    fn new_session(&self) -> Session {
        let capabilities = json!({ "capabilities": { "alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": CHROMIUM,
                // The flags this machine needs: no sandbox as root, and no
                // background connections to a network that is not there.
                "args": ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                         "--disable-background-networking", "--disable-component-update", "--disable-sync",
                         "--disable-dev-shm-usage", "--window-size=1280,1600"],
            },
        } } });
        let response = request(self.address, "POST", "/session", Some(capabilities));
        let id =
            response["value"]["sessionId"].as_str().unwrap_or_else(|| panic!("no session: {response}")).to_string();
        Session { address: self.address, id }
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

struct Session {
    address: SocketAddr,
    id: String,
}

impl Session {
    fn post(&self, command: &str, body: Value) -> Value {
        let response = request(self.address, "POST", &format!("/session/{}/{command}", self.id), Some(body));
        assert!(response["value"].get("error").is_none(), "{command}: {response}");
        response["value"].clone()
    }

    fn get(&self, command: &str) -> Value {
        let response = request(self.address, "GET", &format!("/session/{}/{command}", self.id), None);
        assert!(response["value"].get("error").is_none(), "{command}: {response}");
        response["value"].clone()
    }

    fn script(&self, script: &str) -> Value {
        self.post("execute/sync", json!({ "script": script, "args": [] }))
    }

    fn find(&self, css: &str) -> String {
        let element = self.post("element", json!({ "using": "css selector", "value": css }));
        element
            .as_object()
            .and_then(|object| object.values().next())
            .and_then(Value::as_str)
            .expect("element id")
            .to_string()
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        let _ = request(self.address, "DELETE", &format!("/session/{}", self.id), None);
    }
}

fn request(address: SocketAddr, method: &str, path: &str, body: Option<Value>) -> Value {
    let body = body.map(|body| body.to_string());
    let (_, _, response) = catalog_tests::http_request(address, method, path, body.as_deref());
    serde_json::from_slice(&response)
        .unwrap_or_else(|error| panic!("{path}: {error}: {}", String::from_utf8_lossy(&response)))
}

fn decode_base64(text: &str) -> Vec<u8> {
    let value = |c: u8| match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' => 62,
        _ => 63,
    };
    let bytes: Vec<u8> = text.bytes().filter(|c| !c.is_ascii_whitespace() && *c != b'=').collect();
    let mut out = Vec::with_capacity(bytes.len() * 3 / 4);
    for chunk in bytes.chunks(4) {
        let mut buffer = 0u32;
        for (index, &c) in chunk.iter().enumerate() {
            buffer |= u32::from(value(c)) << (18 - 6 * index);
        }
        out.extend_from_slice(&buffer.to_be_bytes()[1..chunk.len()]);
    }
    out
}
