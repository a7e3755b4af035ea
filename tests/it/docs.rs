//! The published reference: every row of each reference page is reproduced,
//! every `doc_url` lands on an anchor, and catalogue text cannot break the
//! markup.

use std::collections::BTreeMap;
use std::path::Path;

fn outputs(path: &Path) -> BTreeMap<String, String> {
    catalog_tests::generate(path).into_iter().map(|file| (file.path, file.contents)).collect()
}

/// The cells of every markdown table row, as plain text (escapes undone,
/// code spans and anchors stripped).
fn table_rows(markdown: &str) -> Vec<Vec<String>> {
    markdown
        .lines()
        .filter(|line| line.starts_with('|') && !line.starts_with("|---"))
        .map(|line| split_cells(line.trim().trim_start_matches('|').trim_end_matches('|')))
        .collect()
}

fn split_cells(row: &str) -> Vec<String> {
    let mut cells = vec![String::new()];
    let mut chars = row.chars();
    while let Some(ch) = chars.next() {
        match ch {
            '\\' => cells.last_mut().unwrap().extend(chars.next()),
            '|' => cells.push(String::new()),
            _ => cells.last_mut().unwrap().push(ch),
        }
    }
    cells.into_iter().map(|cell| plain(&cell)).collect()
}

fn plain(cell: &str) -> String {
    let mut text = cell.to_string();
    while let (Some(start), Some(end)) = (text.find("<a id="), text.find("</a>")) {
        text.replace_range(start..end + 4, "");
    }
    // A link (`[`code`](codes/code.md)`) reads as its text.
    while let Some(middle) = text.find("](") {
        let (Some(start), Some(end)) = (text[..middle].rfind('['), text[middle..].find(')')) else { break };
        let label = text[start + 1..middle].to_string();
        text.replace_range(start..middle + end + 1, &label);
    }
    text.replace('`', "").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&").trim().to_string()
}

#[test]
fn every_row_of_each_reference_page_is_reproduced() {
    let root = catalog_tests::workspace_root();
    for fixture in ["category_reference", "schema_page", "typed_reference"] {
        let dir = root.join("tests/fixtures").join(fixture);
        let markdown = &outputs(&dir.join("catalog.yaml"))["docs/errors.md"];
        let rows = table_rows(markdown);
        let expected = std::fs::read_to_string(dir.join("page_rows.txt")).unwrap();
        let mut checked = 0;
        for line in expected.lines().filter(|line| !line.starts_with('#') && !line.trim().is_empty()) {
            let cells: Vec<&str> = line.split(" | ").map(str::trim).collect();
            let found = rows.iter().any(|row| cells.iter().all(|cell| row.iter().any(|have| have == cell)));
            assert!(found, "{fixture}: no table row of docs/errors.md has all of {cells:?}");
            checked += 1;
        }
        assert!(checked >= 12, "{fixture}: only {checked} rows checked");
    }
}

#[test]
fn every_doc_url_lands_on_an_anchor_or_its_page() {
    catalog_tests::each_catalogue(catalog_tests::all_catalogues(), |name, path| {
        let catalog = codegen::load_catalog(&path).expect("valid catalogue");
        let files = outputs(&path);
        for error in &catalog.errors {
            let anchor = format!("<a id=\"{}\"></a>", error.code);
            assert_eq!(files["docs/errors.md"].matches(&anchor).count(), 1, "{name}: {}", error.code);
            assert_eq!(files["docs/site/index.html"].matches(&anchor).count(), 1, "{name}: {}", error.code);
            let Some(url) = catalog.doc_url(error) else { continue };
            // A link into the published folder names a page of it; another
            // names a row of the reference by its last part.
            let page = catalog.service.docs_url.as_deref().and_then(|base| url.strip_prefix(base));
            if let Some(page) = page.filter(|page| !page.contains('#')) {
                let page = &files[&format!("docs/site/{page}")];
                assert!(page.contains(&format!("<code>{}</code>", error.code)), "{name}: {url} names another code");
                continue;
            }
            if error.doc_url.is_none() {
                let fragment = url.rsplit_once('#').map(|(_, fragment)| fragment);
                let fragment = fragment.or_else(|| url.rsplit_once('/').map(|(_, last)| last)).unwrap();
                assert!(files["docs/errors.md"].contains(&format!("<a id=\"{fragment}\"></a>")), "{name}: {url}");
            }
        }
        // The shipped catalogue's doc_url template points at this page.
        if name == "shipped" {
            assert!(catalog.service.doc_url.as_deref().is_some_and(|template| template.ends_with("#{code}")));
        }
    });
}

#[test]
fn deprecated_codes_and_aliases_are_shown() {
    let root = catalog_tests::workspace_root();
    let markdown = &outputs(&root.join("tests/fixtures/features/catalog.yaml"))["docs/errors.md"];
    let row = markdown.lines().find(|line| line.contains("<a id=\"old_limit\">")).expect("old_limit row");
    assert!(row.contains("deprecated") && row.contains("(#too_many_requests)"), "{row}");
    let row = markdown.lines().find(|line| line.contains("<a id=\"too_many_requests\">")).expect("row");
    assert!(row.contains("`rate_limited`") && row.contains("`throttled`"), "{row}");
}

#[test]
fn hostile_text_neither_breaks_tables_nor_injects_markup() {
    let root = catalog_tests::workspace_root();
    let files = outputs(&root.join("tests/fixtures/hostile/catalog.yaml"));
    let markdown = &files["docs/errors.md"];
    // Every table row has as many cells as its table's header.
    let mut width = 0;
    for line in markdown.lines() {
        if !line.starts_with('|') {
            width = 0;
            continue;
        }
        let cells = split_cells(line.trim().trim_start_matches('|').trim_end_matches('|')).len();
        if width == 0 {
            width = cells;
        }
        assert_eq!(cells, width, "a row broke its table: {line}");
    }
    // Outside code blocks nothing of the catalogue is markup.
    let prose: String = markdown.split("```").step_by(2).collect();
    let unescaped = prose.replace("\\]", "");
    assert!(!prose.contains("<script") && !unescaped.contains("](javascript:"), "{prose}");
    let html = &files["docs/site/index.html"];
    assert_eq!(html.matches("<script").count(), 1, "only the page's own script");
    assert!(!html.contains("href=\"javascript:"));
    assert!(html.contains("<title>Hostile &quot;Service&quot; &lt;/title&gt;&lt;script&gt;"), "the title is escaped");
}

/// A reader can search the reference for what the API sends (`20404`,
/// `RESOURCE_EXHAUSTED`, `BadArgument`) and land on the code, and a link
/// ending in the wire code (a `{wire_code}` template) lands on its row.
#[test]
fn every_code_shows_what_the_wire_carries() {
    catalog_tests::each_catalogue(catalog_tests::all_catalogues(), |name, path| {
        let catalog = codegen::load_catalog(&path).expect("valid catalogue");
        let files = outputs(&path);
        let markdown = &files["docs/errors.md"];
        let plain = |text: &str| text.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'));
        for error in &catalog.errors {
            let wire = catalog.wire_text(error);
            if catalog.code_style().is_none() || wire == error.code || !plain(&wire) {
                continue;
            }
            assert!(markdown.contains(&format!("sent as `{wire}`")), "{name}: {wire} is not shown");
            let anchor = format!("<a id=\"{wire}\"></a>");
            let taken = catalog.errors.iter().any(|other| other.code == wire || other.aliases.contains(&wire));
            assert_eq!(markdown.matches(&anchor).count(), usize::from(!taken), "{name}: {wire}");
        }
    });
    // Twilio's codes are numbers, and their pages are named by them.
    let twilio = catalog_tests::workspace_root().join("tests/fixtures/twilio/catalog.yaml");
    let files = outputs(&twilio);
    for (code, wire) in [("resource_not_found", "20404"), ("invalid_phone_number", "21211")] {
        assert!(files["docs/errors.md"].contains(&format!("<a id=\"{wire}\"></a><br>sent as `{wire}`")));
        let example = &files[&format!("schema/examples/{code}.json")];
        assert!(example.contains(&format!("\"https://www.twilio.com/docs/errors/{wire}\"")), "{example}");
    }
}

/// Prose reads as written: a lone `&` stays one (in headings too), paired
/// backticks are code, and an API named "... API" is not "... API API".
#[test]
fn prose_is_escaped_only_where_markdown_would_misread_it() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let catalog = dir.path().join("catalog.yaml");
    std::fs::write(
        &catalog,
        "service: { name: GitHub REST API, crate: gh-errors }\n\
         envelope: { wrapper: null, fields: [code, message] }\n\
         groups:\n  billing: { title: Billing & Payments, description: \"Cards & invoices; see `GET /invoices`\" }\n\
         errors:\n  card_declined:\n    status: 402\n    group: billing\n    message: The card was declined\n    \
         fix: \"Retry with `payment_method` set, or call `GET /cards|list`; a lone ` stays text\"\n",
    )
    .unwrap();
    let files = outputs(&catalog);
    let markdown = &files["docs/errors.md"];
    assert!(markdown.contains("# GitHub REST API errors\n"), "{markdown}");
    assert!(markdown.contains("every error code the GitHub REST API returns"), "{markdown}");
    assert!(markdown.contains("### Billing & Payments\n"), "{markdown}");
    assert!(markdown.contains("Cards & invoices; see `GET /invoices`"), "{markdown}");
    assert!(markdown.contains("Retry with `payment_method` set, or call `GET /cards\\|list`; a lone \\` stays text"));
    let html = &files["docs/site/index.html"];
    assert!(html.contains("<title>GitHub REST API errors</title>"), "{html}");
    assert!(html.contains("Billing &amp; Payments</h3>"), "{html}");
    assert!(html.contains("<code>payment_method</code>") && html.contains("<code>GET /cards|list</code>"), "{html}");
}

/// A page per code, in markdown and HTML, at a path derived from the code;
/// an old name's page and a wire code's page send the reader on to the
/// code's; `SUMMARY.md` lists every page, so mdBook builds them all.
#[test]
fn every_code_has_a_page_and_every_old_name_leads_to_it() {
    catalog_tests::each_catalogue(catalog_tests::all_catalogues(), |name, path| {
        let catalog = codegen::load_catalog(&path).expect("valid catalogue");
        let files = outputs(&path);
        let summary = &files["docs/SUMMARY.md"];
        for error in &catalog.errors {
            let page = catalog.page_name(error);
            let markdown = &files[&format!("docs/codes/{page}.md")];
            assert!(markdown.contains(&format!("# `{}`", error.code)), "{name}: {markdown}");
            assert!(markdown.contains(&format!("| HTTP status | {} |", error.status)), "{name}: {markdown}");
            // gRPC's status beside it, and the reason ErrorInfo carries.
            let grpc = format!("| gRPC status | `{}` (reason `{}`) |", error.grpc.name(), error.grpc_reason());
            assert!(markdown.contains(&grpc), "{name}: {markdown}");
            assert!(markdown.contains("## Example response"), "{name}");
            let html = &files[&format!("docs/site/codes/{page}.html")];
            assert!(html.contains(&format!("<h1><code>{}</code></h1>", error.code)), "{name}: {html}");
            assert!(html.contains(&format!("href=\"../index.html#{}\"", error.code)), "{name}: {html}");
            assert!(summary.contains(&format!("](codes/{page}.md)")), "{name}: {summary}");
            // The reference's row links to the page.
            assert!(files["docs/errors.md"].contains(&format!("](codes/{page}.md)")), "{name}");
            assert!(files["docs/site/index.html"].contains(&format!("href=\"codes/{page}.html\"")), "{name}");
            let refresh = format!("<meta http-equiv=\"refresh\" content=\"0; url={page}.html\">");
            let mut other_names: Vec<&String> = error.aliases.iter().collect();
            if page != error.code {
                other_names.push(&error.code);
            }
            for other in other_names {
                let other_page = &files[&format!("docs/site/codes/{other}.html")];
                assert!(other_page.contains(&refresh), "{name}: {other_page}");
                assert!(summary.contains(&format!("](codes/{other}.md)")), "{name}: {summary}");
            }
        }
    });
    // Integer codes name their pages, as Twilio's do: the link a body
    // carries (`more_info`, from a `{wire_code}` template) names the code's
    // own page, not a page that sends the reader on.
    let twilio = catalog_tests::workspace_root().join("tests/fixtures/twilio/catalog.yaml");
    let catalog = codegen::load_catalog(&twilio).expect("valid catalogue");
    let files = outputs(&twilio);
    for error in &catalog.errors {
        let link = catalog.doc_url(error).expect("every code links to its page");
        let named = link.rsplit('/').next().unwrap();
        let page = &files[&format!("docs/site/codes/{named}.html")];
        assert!(!page.contains("http-equiv=\"refresh\""), "{link} names a page that sends the reader on: {page}");
        assert!(page.contains(&format!("<h1><code>{}</code></h1>", error.code)), "{page}");
        let example = &files[&format!("schema/examples/{}.json", error.code)];
        assert!(example.contains(&format!("\"more_info\": \"{link}\"")), "{example}");
    }
    // Where the reference is published, every body links to its code's page.
    let dir = tempfile::tempdir().expect("temporary folder");
    let catalog = dir.path().join("catalog.yaml");
    let yaml = std::fs::read_to_string(&twilio).unwrap().replace(
        "  doc_url: \"https://www.twilio.com/docs/errors/{wire_code}\"",
        "  docs_url: https://errors.example.com/twilio",
    );
    std::fs::write(&catalog, yaml).unwrap();
    let files = outputs(&catalog);
    let example = &files["schema/examples/resource_not_found.json"];
    let link = "https://errors.example.com/twilio/codes/20404.html";
    assert!(example.contains(&format!("\"more_info\": \"{link}\"")), "{example}");
    assert!(files.contains_key("docs/site/codes/20404.html"));
}
