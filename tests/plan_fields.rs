//! Issue #22's fields, end to end: a range target (`comparator: range`),
//! an editors' note on a figure, a source page's date, a plan declared in
//! traditional script, and a translation's English addressees, notes and
//! indicator notes, each seen where a reader or a data user meets it.

use std::fs;
use std::path::Path;

use plansite::{build, BuildOptions};

mod common;
use common::fixture_copy;
use common::page::Page;

const ORIGINAL: &str = "---
title: 測試省質押融資工作方案
jurisdiction: testprov
doc_type: work_plan
issuers: [測試省知識產權局]
date_published: 2022-01-10
source: {description: 虛構的測試轉載稿, date: 2022-03-01, retrieved: 2026-11-21}
script: hant
addressees: 各市人民政府
notes: [本文為測試用虛構文件。]
indicators:
  - id: pledge-amount
    label: 質押融資金額
    unit: 亿元
    baseline: {year: 2020, value: 2}
    target: {year: 2025, comparator: range, min: 3, max: 5}
    note: 區間為編者據文意記錄
    passage: 質押融資金額達到3-5亿元
---

## 一、目標

到2025年,質押融資金額達到3-5亿元,進一步發展。
";

const TRANSLATION: &str = "---
title: Test Province Pledge Financing Work Plan
addressees: People's governments of all cities
notes: [A fictitious document for tests.]
indicators:
  - {id: pledge-amount, note: The range as recorded by the editors}
---

## I. Goals

By 2025, pledge financing will reach 3-5 (100 million yuan).
";

/// The fixture site with the range plan added, built; the output folder.
fn built(tmp: &Path) -> std::path::PathBuf {
    built_with(tmp, TRANSLATION)
}

/// The same with `translation` as the range plan's English.
fn built_with(tmp: &Path, translation: &str) -> std::path::PathBuf {
    let plan = tmp.join("content/plans/range-plan");
    fs::create_dir_all(&plan).unwrap();
    fs::write(plan.join("index.md"), ORIGINAL).unwrap();
    fs::write(plan.join("index.en.md"), translation).unwrap();
    let out = tmp.join("public");
    if let Err(d) = build(&BuildOptions {
        root: tmp.to_path_buf(),
        out: out.clone(),
        base_url: None,
        force: false,
        publish: plansite::publish::Publish::build(false, false),
    }) {
        panic!("the site should build:\n{d}");
    }
    out
}

fn read(out: &Path, page: &str) -> String {
    fs::read_to_string(out.join(page)).unwrap()
}

/// Whether an element of `page` declared in language `lang` reads `text`.
fn in_lang(page: &Page, lang: &str, text: &str) -> bool {
    page.texts(&format!("[lang=\"{lang}\"]"))
        .iter()
        .any(|t| t == text)
}

#[test]
fn range_note_script_and_english_fields_reach_every_page() {
    let tmp = fixture_copy();
    let out = built(tmp.path());

    let zh = read(&out, "plans/range-plan/index.html");
    assert!(zh.contains("3–5 (2025)"), "the range with an en dash");
    assert!(
        zh.contains("区间目标,不计算"),
        "no growth rate from one bound"
    );
    let zh = Page::parse(&zh);
    assert!(
        zh.texts("span[aria-hidden=\"true\"]")
            .contains(&"※".to_owned())
            && zh.main_text().contains("※ 编者注: 區間為編者據文意記錄")
            && in_lang(&zh, "zh-Hant", "區間為編者據文意記錄"),
        "the note beside the figure, marked"
    );
    assert!(
        zh.main_text()
            .contains("虛構的測試轉載稿 (网页日期 2022年3月1日)")
            && in_lang(&zh, "zh-Hant", "虛構的測試轉載稿"),
        "source date in the source line"
    );
    assert!(zh.has("[lang=\"zh-Hant\"]"), "declared script");
    let hans = zh.texts("[lang=\"zh-Hans\"]:not(html)");
    assert!(
        !hans.iter().any(|t| t.starts_with("各市")),
        "addressees in the declared script: {hans:?}"
    );
    assert!(
        zh.texts("[lang=\"zh-Hant\"]")
            .iter()
            .any(|t| t.starts_with("各市")),
        "addressees in the declared script"
    );
    assert_eq!(zh.attr("h1", "lang").as_deref(), Some("zh-Hant"));
    assert_eq!(zh.text("h1").as_deref(), Some("測試省質押融資工作方案"));
    assert_eq!(zh.attr("section.text", "lang").as_deref(), Some("zh-Hant"));
    let listed = Page::read(out.join("jurisdictions/testprov/index.html"));
    assert!(
        listed
            .texts("a[lang=\"zh-Hant\"]")
            .contains(&"測試省質押融資工作方案".to_owned()),
        "listed in its script"
    );

    let en = read(&out, "en/plans/range-plan/index.html");
    assert!(en.contains("3–5 (2025)"));
    assert!(en.contains("not computed for a range target"));
    let read_en = Page::parse(&en);
    for text in [
        "The range as recorded by the editors",
        "People's governments of all cities",
        "A fictitious document for tests.",
    ] {
        assert!(in_lang(&read_en, "en", text), "{text}: {en}");
    }
    assert!(
        !en.contains("本文為測試用虛構文件"),
        "the Chinese note gives way to the English"
    );
    // No English source description: the Chinese one, marked.
    assert!(
        in_lang(&read_en, "zh-Hant", "虛構的測試轉載稿")
            && read_en
                .main_text()
                .contains("虛構的測試轉載稿 not yet translated")
            && read_en
                .texts("span.tag")
                .contains(&"not yet translated".to_owned()),
        "{en}"
    );

    let jur = Page::read(out.join("en/jurisdictions/testprov/index.html"));
    assert!(
        jur.texts("a")
            .contains(&"Annual pledge financing".to_owned()),
        "English label on the English jurisdiction page"
    );
    assert!(jur
        .texts("span.small[lang=\"zh-Hant\"]")
        .contains(&"質押融資金額".to_owned()));

    let cmp = Page::read(out.join("en/compare/index.html"));
    assert!(
        cmp.texts("td b").contains(&"3–5".to_owned())
            && cmp.texts("td").iter().any(|t| t.contains("3–5 (2025)"))
            && cmp.texts("td .yr").contains(&"(2025)".to_owned()),
        "the matrix shows the range"
    );
    assert!(cmp
        .main_text()
        .contains("The range as recorded by the editors"));
}

#[test]
fn without_english_notes_the_chinese_ones_are_shown_marked() {
    let tmp = fixture_copy();
    let out = built_with(
        tmp.path(),
        &TRANSLATION.replace("notes: [A fictitious document for tests.]\n", ""),
    );
    let en = read(&out, "en/plans/range-plan/index.html");
    let read_en = Page::parse(&en);
    assert!(
        read_en
            .texts("li")
            .contains(&"本文為測試用虛構文件。 not yet translated".to_owned())
            && in_lang(&read_en, "zh-Hant", "本文為測試用虛構文件。")
            && read_en
                .texts("li > span.tag")
                .contains(&"not yet translated".to_owned()),
        "{en}"
    );
}

#[test]
fn data_exports_carry_the_bounds_and_the_note_in_new_columns() {
    let tmp = fixture_copy();
    let out = built(tmp.path());
    let bytes = fs::read(out.join("data/indicators.csv")).unwrap();
    let mut rdr = csv::Reader::from_reader(&bytes[3..]);
    let headers: Vec<String> = rdr.headers().unwrap().iter().map(str::to_owned).collect();
    // Existing columns keep their places; the new ones come last.
    assert_eq!(&headers[..3], ["plan", "jurisdiction", "indicator"]);
    assert_eq!(headers[9], "target");
    assert_eq!(headers[26], "url");
    assert_eq!(&headers[27..30], ["target_min", "target_max", "note"]);
    assert_eq!(
        &headers[30..],
        [
            "unit_printed",
            "baseline_printed",
            "target_printed",
            "scale",
            "unit_base",
            "baseline_base",
            "target_base"
        ]
    );
    let ix = |f: &str| headers.iter().position(|h| h == f).unwrap();
    let rows: Vec<csv::StringRecord> = rdr.records().map(Result::unwrap).collect();
    let range = rows
        .iter()
        .find(|r| &r[ix("plan")] == "range-plan")
        .unwrap();
    assert_eq!(&range[ix("target")], "", "no bound stands for the target");
    assert_eq!(&range[ix("comparator")], "range");
    assert_eq!(&range[ix("comparator_symbol")], "–");
    assert_eq!(&range[ix("target_min")], "3");
    assert_eq!(&range[ix("target_max")], "5");
    assert_eq!(&range[ix("implied_cagr")], "");
    assert_eq!(&range[ix("target_per_10k")], "");
    assert_eq!(&range[ix("note")], "區間為編者據文意記錄");
    assert!(
        range[ix("target_printed")].starts_with("3–5"),
        "the range as printed: {:?}",
        &range[ix("target_printed")]
    );
    assert_eq!(
        &range[ix("target_base")],
        "",
        "a range has no single base value"
    );
    let other = rows.iter().find(|r| &r[ix("plan")] == "mini-plan").unwrap();
    assert_eq!(&other[ix("target_min")], "");
    assert_eq!(&other[ix("note")], "");

    let json: serde_json::Value =
        serde_json::from_slice(&fs::read(out.join("data/indicators.json")).unwrap()).unwrap();
    let rec = json
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["plan"] == "range-plan")
        .unwrap();
    assert!(rec["target"].is_null());
    assert_eq!(rec["comparator"], "range");
    assert_eq!(rec["target_min"], 3.0);
    assert_eq!(rec["target_max"], 5.0);
    assert_eq!(rec["note"], "區間為編者據文意記錄");
}

#[test]
fn a_heading_that_skips_a_level_is_a_located_warning_not_an_error() {
    let tmp = fixture_copy();
    let plan = tmp.path().join("content/plans/range-plan");
    fs::create_dir_all(&plan).unwrap();
    fs::write(
        plan.join("index.md"),
        ORIGINAL.replace("## 一、目標", "## 一、目標\n\n#### 1.細項"),
    )
    .unwrap();
    let warnings = plansite::check(tmp.path()).expect("only a warning");
    let shown = warnings.to_string();
    assert!(
        shown.contains(
            "content/plans/range-plan/index.md:23:1: warning: heading level jumps from h2 to h4"
        ),
        "{shown}"
    );
    let zh = warnings.shown(plansite::diag::Messages::Zh);
    assert!(zh.contains("标题层级从 h2 跳到 h4"), "{zh}");
}
