//! Raw HTML in a plan's text, built end to end: what the default publishes,
//! what `markdown: {raw_html: true}` in site.yaml adds, and what neither
//! ever publishes.

use std::fs;
use std::path::Path;

use plansite::{build, BuildOptions};

mod common;
use common::fixture_copy;
use common::page::Page;

const BODY: &str = "实施专利导航工程,推动产业发展<sup>1</sup>。\n\n\
<details><summary>摘要</summary>全文</details>\n\n\
<script>alert(1)</script>\n\n\
<img src=\"a.png\" onerror=\"alert(1)\">\n";

/// Builds the fixture with `BODY` as the text of its plan `zh-only`, and
/// `extra` added to site.yaml; returns the plan page and the warnings.
fn build_with(extra: &str) -> (String, Vec<String>) {
    let site = fixture_copy();
    let root = site.path();
    let plan = root.join("content/plans/zh-only/index.md");
    let text = fs::read_to_string(&plan).unwrap();
    let front_end = text.rfind("---\n").unwrap() + 4;
    fs::write(&plan, format!("{}\n{BODY}", &text[..front_end])).unwrap();
    let config = root.join("site.yaml");
    let yaml = fs::read_to_string(&config).unwrap();
    fs::write(&config, format!("{yaml}{extra}")).unwrap();
    let out = root.join("public");
    let report = build(&BuildOptions {
        root: root.to_path_buf(),
        out: out.clone(),
        base_url: None,
        force: false,
        publish: plansite::publish::Publish::build(false, false),
    })
    .unwrap_or_else(|d| panic!("{d:?}"));
    let page = fs::read_to_string(Path::new(&out).join("plans/zh-only/index.html")).unwrap();
    let warnings = report.warnings.iter().map(|d| d.to_string()).collect();
    (page, warnings)
}

fn has(warnings: &[String], what: &str) -> bool {
    warnings
        .iter()
        .any(|w| w.starts_with("content/plans/zh-only/index.md:") && w.contains(what))
}

#[test]
fn by_default_only_the_allowlist_is_published() {
    let (page, warnings) = build_with("");
    let read = Page::parse(&page);
    assert_eq!(read.texts("sup"), ["1"], "{page}");
    assert!(!read.has("details, summary"), "{page}");
    // Not in the bytes at all, escaped or as markup.
    assert!(!page.contains("<details"), "{page}");
    assert!(!page.contains("alert(1)"), "{page}");
    assert!(has(&warnings, "`<details>`"), "{warnings:?}");
    assert!(has(&warnings, "`<script>`"), "{warnings:?}");
    assert!(has(&warnings, "`onerror`"), "{warnings:?}");
}

#[test]
fn raw_html_setting_publishes_more_but_never_scripts() {
    let (page, warnings) = build_with("markdown: {raw_html: true}\n");
    let read = Page::parse(&page);
    assert_eq!(
        read.text("details > summary").as_deref(),
        Some("摘要"),
        "{page}"
    );
    assert_eq!(read.text("details").as_deref(), Some("摘要全文"), "{page}");
    assert!(read.has("img[src=\"a.png\"]"), "{page}");
    assert!(!read.has("[onerror], script"), "{page}");
    assert!(!page.contains("alert(1)"), "{page}");
    assert!(!has(&warnings, "`<details>`"), "{warnings:?}");
    assert!(has(&warnings, "`<script>`"), "{warnings:?}");
    assert!(has(&warnings, "`onerror`"), "{warnings:?}");
}
