//! Payloads that would run in a reader's browser, and the markup plan texts
//! need, through the whole renderer.

use std::path::Path;

use super::RawHtml;
use crate::diag::{Diagnostic, Severity};
use crate::parse::markdown::render;
use crate::parse::url::decode_references;

/// The body's first line in the (imaginary) file.
const BODY_LINE: usize = 10;

fn run(body: &str, mode: RawHtml) -> (String, Vec<Diagnostic>) {
    let doc = render(body, &[], mode);
    let diags = doc
        .problems
        .iter()
        .map(|p| p.diagnostic(Path::new("p.md"), body, BODY_LINE))
        .collect();
    (doc.html().to_owned(), diags)
}

/// Fails if `html` has a form a browser would execute.
fn assert_inert(html: &str) {
    let h = decode_references(html).to_ascii_lowercase();
    for bad in [
        "<script", "<iframe", "<svg", "<object", "<embed", "<form", "style=", "srcdoc",
    ] {
        assert!(!h.contains(bad), "`{bad}` in {html}");
    }
    for attr in ["href=", "src="] {
        for (i, _) in h.match_indices(attr) {
            let value = h[i + attr.len()..].trim_start_matches(['"', '\'']);
            assert!(
                !value.starts_with("javascript") && !value.starts_with("data"),
                "{html}"
            );
        }
    }
    let bytes = h.as_bytes();
    for (i, _) in h.match_indices(" on") {
        let name_end = h[i + 1..]
            .find(|c: char| !c.is_ascii_alphabetic())
            .map_or(h.len(), |k| i + 1 + k);
        assert!(
            bytes.get(name_end) != Some(&b'='),
            "event attribute in {html}"
        );
    }
}

/// Asserts one problem of `severity` at file `line:column` mentioning `what`.
fn assert_one(diags: &[Diagnostic], severity: Severity, line: usize, column: usize, what: &str) {
    let found: Vec<_> = diags.iter().filter(|d| d.message.contains(what)).collect();
    assert_eq!(found.len(), 1, "{what}: {diags:?}");
    let d = found[0];
    assert_eq!(d.severity, severity, "{d}");
    assert_eq!((d.location.line, d.location.column), (line, column), "{d}");
    assert!(d.hint.is_some(), "{d}");
}

#[test]
fn script_is_removed_with_its_content() {
    let (html, d) = run("前言。\n\n<script>alert(1)</script>\n", RawHtml::default());
    assert_inert(&html);
    assert!(!html.contains("alert"), "{html}");
    assert!(html.contains("<p>前言。</p>"), "{html}");
    assert_one(&d, Severity::Warning, BODY_LINE + 2, 1, "`<script>`");
}

#[test]
fn iframe_srcdoc_is_removed() {
    let body = "一\n\n<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>\n";
    let (html, d) = run(body, RawHtml::default());
    assert_inert(&html);
    assert_one(&d, Severity::Warning, BODY_LINE + 2, 1, "`<iframe>`");
}

#[test]
fn event_attributes_are_removed_and_the_element_kept() {
    let (html, d) = run(
        "图示<img src=\"a.png\" onerror=\"alert(1)\">",
        RawHtml::default(),
    );
    assert_inert(&html);
    assert!(html.contains("<img src=\"a.png\">"), "{html}");
    assert_one(&d, Severity::Warning, BODY_LINE, 20, "`onerror`");
}

#[test]
fn javascript_links_are_errors_and_publish_their_text() {
    let (html, d) = run("见\n[点击此处](javascript:alert(1))。", RawHtml::default());
    assert_inert(&html);
    assert!(html.contains("点击此处"), "{html}");
    assert!(!html.contains("<a"), "{html}");
    assert_one(&d, Severity::Error, BODY_LINE + 1, 1, "`javascript:`");
}

#[test]
fn entity_encoded_javascript_links_are_errors() {
    let (html, d) = run("甲 [乙](javascript&#58;alert(1))", RawHtml::default());
    assert_inert(&html);
    assert_one(&d, Severity::Error, BODY_LINE, 3, "`javascript:`");
    let (html, d) = run("[乙](<JAVA\tSCRIPT:alert(1)>)", RawHtml::default());
    assert_inert(&html);
    assert_one(&d, Severity::Error, BODY_LINE, 1, "`javascript:`");
}

#[test]
fn javascript_autolinks_are_errors() {
    let (html, d) = run("参见 <javascript:alert(1)>", RawHtml::default());
    assert_inert(&html);
    assert_one(&d, Severity::Error, BODY_LINE, 4, "`javascript:`");
}

#[test]
fn data_images_are_errors() {
    let (html, d) = run(
        "\n![图](data:image/svg+xml;base64,PHN2Zz4=)",
        RawHtml::default(),
    );
    assert_inert(&html);
    assert_one(&d, Severity::Error, BODY_LINE + 1, 1, "`data:`");
}

#[test]
fn style_attributes_are_removed() {
    let (html, d) = run("<span style=\"color:red\">红</span>字", RawHtml::default());
    assert_inert(&html);
    assert!(html.contains("红"), "{html}");
    assert_one(&d, Severity::Warning, BODY_LINE, 7, "`style`");
}

#[test]
fn svg_onload_is_removed() {
    let (html, d) = run(
        "图:<svg onload=\"alert(1)\"><circle r=\"1\"/></svg>",
        RawHtml::default(),
    );
    assert_inert(&html);
    assert_one(&d, Severity::Warning, BODY_LINE, 3, "`<svg>`");
}

#[test]
fn raw_anchor_with_javascript_href_is_an_error() {
    for href in [
        "javascript:alert(1)",
        "javascript&#58;alert(1)",
        " JaVaScRiPt:x",
    ] {
        let body = format!("文字\n\n前<a href=\"{href}\">链接</a>后\n");
        let (html, d) = run(&body, RawHtml::default());
        assert_inert(&html);
        assert!(html.contains("链接"), "{html}");
        assert_one(&d, Severity::Error, BODY_LINE + 2, 5, "`javascript:`");
    }
}

#[test]
fn heading_attributes_outside_the_allowlist_are_removed() {
    let (html, d) = run("## 标题 {#t1 .evil onclick=alert(1)}\n", RawHtml::default());
    assert_inert(&html);
    assert!(html.contains("<h2 id=\"t1\">标题</h2>"), "{html}");
    assert_one(&d, Severity::Warning, BODY_LINE, 7, "`onclick`");
    assert_one(&d, Severity::Warning, BODY_LINE, 7, "class `evil`");
}

#[test]
fn positions_count_in_the_text_as_written() {
    // `**…**` next to Chinese punctuation is rewritten as `<strong>` before
    // parsing; positions still count in the author's text.
    let (html, d) = run(
        "**重点。**后文<img src=\"a.png\" onerror=\"x\">",
        RawHtml::default(),
    );
    assert!(html.contains("<strong>重点。</strong>"), "{html}");
    assert_one(&d, Severity::Warning, BODY_LINE, 27, "`onerror`");
}

#[test]
fn markup_plan_texts_need_is_kept() {
    let body = "H<sub>2</sub>O 达到10<sup>6</sup>吨<br>下一行 <ruby>汉<rp>(</rp><rt>hàn</rt><rp>)</rp></ruby> <abbr title=\"知识产权\">IP</abbr> <span class=\"resp\">注</span>\n\n<table><thead><tr><th>指标</th></tr></thead><tbody><tr><td colspan=\"2\">1</td></tr></tbody></table>\n";
    let (html, d) = run(body, RawHtml::default());
    assert!(d.is_empty(), "{d:?}");
    for kept in [
        "H<sub>2</sub>O",
        "10<sup>6</sup>吨<br>",
        "<ruby>汉<rp>(</rp><rt>hàn</rt><rp>)</rp></ruby>",
        "<abbr title=\"知识产权\">IP</abbr>",
        "<span class=\"resp\">注</span>",
        "<td colspan=\"2\">1</td>",
        "<th>指标</th>",
    ] {
        assert!(html.contains(kept), "`{kept}` missing from {html}");
    }
}

#[test]
fn the_renderers_own_markup_survives_sanitising() {
    let body = "> [!BOX] 专栏1\n>\n> 做好工作<sup>1</sup>。(责任单位:市局)[^1]\n>\n> ```rust\n> fn main() {}\n> ```\n\n[^1]: 注释。\n";
    let (html, d) = run(body, RawHtml::default());
    assert!(d.is_empty(), "{d:?}");
    for kept in [
        "<aside class=\"box\" role=\"note\"><p class=\"box-title\">专栏1</p>",
        "<span class=\"resp\">(责任单位:市局)</span>",
        "<sup class=\"footnote-reference\"><a href=\"#1\">1</a></sup>",
        "<pre><code class=\"language-rust\">fn main() {}",
    ] {
        assert!(html.contains(kept), "`{kept}` missing from {html}");
    }
}

#[test]
fn highlighting_classes_are_the_themes() {
    // Highlighted code is a block of its own (never sanitised), but a
    // sanitised block keeps its classes all the same.
    let html = super::clean(
        "<pre class=\"hl\"><code class=\"language-rust\"><span class=\"hl-source hl-rust\">x</span></code></pre>",
        RawHtml::Restricted,
    );
    assert!(
        html.contains("<span class=\"hl-source hl-rust\">x</span>"),
        "{html}"
    );
    assert!(
        html.starts_with("<pre class=\"hl\"><code class=\"language-rust\">"),
        "{html}"
    );
}

#[test]
fn classes_the_theme_does_not_style_are_removed() {
    let (html, d) = run("<span class=\"resp evil\">注</span>", RawHtml::default());
    assert!(html.contains("<span class=\"resp\">注</span>"), "{html}");
    assert_one(&d, Severity::Warning, BODY_LINE, 7, "class `evil`");
}

#[test]
fn raw_html_setting_publishes_html_but_still_drops_scripts() {
    let body = "<details><summary>摘要</summary>全文</details>\n\n<p class=\"lead\" style=\"color:red\" onclick=\"alert(1)\">导语</p>\n\n<script>alert(1)</script>\n\n<a href=\"javascript:alert(1)\">x</a>\n";
    let (restricted, d) = run(body, RawHtml::Restricted);
    assert!(!restricted.contains("<details>"), "{restricted}");
    assert_one(&d, Severity::Warning, BODY_LINE, 1, "`<details>`");

    let (html, d) = run(body, RawHtml::Trusted);
    assert!(
        html.contains("<details><summary>摘要</summary>全文</details>"),
        "{html}"
    );
    assert!(html.contains("class=\"lead\""), "{html}");
    assert!(html.contains("style=\"color:red\""), "{html}");
    assert!(
        !html.contains("onclick") && !html.contains("<script"),
        "{html}"
    );
    assert!(!html.contains("javascript"), "{html}");
    assert!(!d.iter().any(|d| d.message.contains("details")), "{d:?}");
    assert_one(&d, Severity::Warning, BODY_LINE + 2, 35, "`onclick`");
    assert_one(&d, Severity::Warning, BODY_LINE + 4, 1, "`<script>`");
    assert_one(&d, Severity::Error, BODY_LINE + 6, 4, "`javascript:`");
}

#[test]
fn comments_are_not_published() {
    let (html, d) = run("正文<!-- 编辑备注 -->。", RawHtml::default());
    assert_eq!(html, "<p>正文。</p>\n");
    assert!(d.is_empty(), "{d:?}");
}

#[test]
fn a_scripts_content_is_not_read_as_markup() {
    let body = "<SCRIPT>document.write('<img src=x onerror=alert(1)>')</Script>\n";
    let (html, d) = run(body, RawHtml::default());
    assert_inert(&html);
    assert_eq!(d.len(), 1, "{d:?}");
    assert_one(&d, Severity::Warning, BODY_LINE, 1, "`<script>`");
}
