//! Reported figures from the staff's edit to the reader's page and the
//! researcher's download: the real binary built inside a copy of the
//! fixture site, and hostile entries refused at their place or published
//! inert.

use std::fs;
use std::path::Path;
use std::process::Command;

mod common;
use common::page::Page;

/// `plansite <args>` in `dir`: (success, stderr + stdout).
fn run(dir: &Path, args: &[&str]) -> (bool, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_plansite"))
        .env("LC_ALL", "C")
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stderr),
        String::from_utf8_lossy(&out.stdout)
    );
    (out.status.success(), text)
}

const BODY: &str =
    "\n十三五期间，每万人发明专利拥有量达到1.5件，质押融资额5.5亿元，服务机构500余家。\n";

/// The fixture site with `front` added to the mini plan's front matter and
/// a paragraph of achievements to its body.
fn site_with(front: &str) -> tempfile::TempDir {
    let tmp = common::fixture_copy();
    let path = tmp.path().join("content/plans/mini-plan/index.md");
    let text = fs::read_to_string(&path).unwrap();
    let close = text[3..].find("\n---\n").unwrap() + 3;
    let text = format!(
        "{}\n{}{}{}",
        &text[..close],
        front.trim_end(),
        &text[close..],
        BODY
    );
    fs::write(&path, text).unwrap();
    tmp
}

fn read(root: &Path, path: &str) -> String {
    fs::read_to_string(root.join("public").join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

const REPORTED: &str = r#"reported:
  - id: patents-per-10k
    label: 每万人发明专利拥有量
    value: 1.5
    unit: 件
    year: 2018
    note_zh: "<script>alert(1)</script>十三五期间"
    passage: 每万人发明专利拥有量达到1.5件
  - id: patents-per-10k
    label: 每万人发明专利拥有量
    value: 4.3
    unit: 件
    year: 2025
    source: {title: 测试市统计公报, issuer: 测试市统计局, date: 2026-03-01, url: "https://stats.example.com/bulletin"}
  - id: pledge-amount
    label: 质押融资额
    value: 5.5
    unit: 亿元
    period: {start: 2016, end: 2020}
    qualifier: more_than
    multiple: {value: 2.4, of_zh: 十二五时期, of_en: the 12th Five-Year period}
    passage: 质押融资额5.5亿元
not_data:
  - passage: 服务机构500余家
    why: other
    note: 示例：未进入目录的服务机构数
"#;

#[test]
fn a_reported_series_reaches_the_pages_and_the_data() {
    let site = site_with(REPORTED);
    let (ok, out) = run(site.path(), &["check"]);
    assert!(
        ok,
        "every link and anchor of the new sections resolves: {out}"
    );
    let (ok, out) = run(site.path(), &["build"]);
    assert!(ok, "{out}");
    let root = site.path();
    // The indicator page: one axis for the jurisdiction, each role named
    // and shaped, and the target's status with its rule.
    let zh = read(root, "indicators/patents-per-10k/index.html");
    for s in [
        "series-chart",
        "■",
        "●",
        "▲",
        "基期值",
        "报告值",
        "目标值",
        "✓ 已完成",
        "不低于目标即完成",
        "测试市统计公报",
    ] {
        assert!(zh.contains(s), "missing {s}");
    }
    let en = read(root, "en/indicators/patents-per-10k/index.html");
    for s in [
        "✓ met",
        "Baseline",
        "Reported",
        "Target",
        "at least the target",
    ] {
        assert!(en.contains(s), "missing {s}");
    }
    // The plan page: its reported figures in a table of their own, each
    // with its qualifier sign and a link to its passage.
    let plan = read(root, "plans/mini-plan/index.html");
    let read_plan = Page::parse(&plan);
    assert!(
        read_plan.has("#h-rep") && plan.contains("&gt; 5.5 亿元"),
        "{plan}"
    );
    assert!(
        read_plan
            .attrs("a", "href")
            .iter()
            .any(|h| h.ends_with("#rep-patents-per-10k"))
            && plan.contains("十二五时期的2.4倍")
    );
    let text = read_plan.main_text();
    assert!(
        text.contains("原文中未作为数据的数字及原因 (1)")
            && text.contains("服务机构500余家 — 其他: 示例")
            && read_plan.texts("q").contains(&"服务机构500余家".to_owned())
            && read_plan
                .texts("span[lang=\"zh-Hans\"]")
                .iter()
                .any(|t| t.starts_with("示例")),
        "{text}"
    );
    let en_plan = read(root, "en/plans/mini-plan/index.html");
    assert!(en_plan.contains("Numbers of the text not treated as data, and why (1)"));
    assert!(en_plan.contains("2.4 × the 12th Five-Year period"));
    // Script in a note is text, never markup.
    for page in [&zh, &plan] {
        assert!(!page.contains("<script>alert"), "script published");
    }
    assert!(plan.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    // The data: baselines and reported values, one record each.
    let csv = read(root, "data/reported.csv");
    assert_eq!(csv.matches(",reported,").count(), 3, "{csv}");
    assert_eq!(csv.matches(",baseline,").count(), 1, "{csv}");
    assert!(csv.contains(",more_than,2.4,十二五时期,"), "{csv}");
    let json: Vec<serde_json::Value> =
        serde_json::from_str(&read(root, "data/reported.json")).unwrap();
    assert_eq!(json.len(), 4);
    assert_eq!(json[3]["period_start"], 2016);
    assert_eq!(json[3]["value_base"], 550_000_000.0);
}

#[test]
fn the_same_input_gives_the_same_bytes() {
    let a = site_with(REPORTED);
    let b = site_with(REPORTED);
    assert!(run(a.path(), &["build"]).0 && run(b.path(), &["build"]).0);
    for f in [
        "data/reported.csv",
        "data/reported.json",
        "indicators/patents-per-10k/index.html",
    ] {
        assert_eq!(read(a.path(), f), read(b.path(), f), "{f}");
    }
}

#[test]
fn impossible_values_are_refused_at_their_place() {
    let entry = |value: &str, when: &str| {
        format!("  - {{id: patents-per-10k, label: x, value: {value}, {when}, passage: 每万人发明专利拥有量达到1.5件}}\n")
    };
    let front = format!(
        "reported:\n{}{}{}{}{}",
        entry(".inf", "year: 2016"),
        entry("-1.5", "year: 2017"),
        entry("1e300", "year: 2018"),
        entry("1.5", "year: 20180"),
        entry("1.5", "year: 2019, period: {start: 2016, end: 2020}"),
    );
    let site = site_with(&front);
    let (ok, out) = run(site.path(), &["check"]);
    assert!(!ok, "{out}");
    assert!(
        !out.contains("does not state the value"),
        "one error a value: {out}"
    );
    for expected in [
        "index.md:30:44: error: `inf` is not a figure as printed",
        "index.md:31:44: error: `-1.5` is not a figure as printed",
        "index.md:32:44: error: `1e300` is not a figure as printed",
        "index.md:33:55: error: 20180 is not a year a plan reports on",
        "index.md:34:69: error: both `year` and `period` are given",
    ] {
        assert!(out.contains(expected), "missing `{expected}` in:\n{out}");
    }
}

#[test]
fn a_passage_of_control_characters_is_refused() {
    let site = site_with(
        "reported:\n  - {id: patents-per-10k, label: x, value: 1.5, year: 2018, passage: \"\\u0007\\u0000\\u001b[31m\"}\n",
    );
    let (ok, out) = run(site.path(), &["check"]);
    assert!(!ok, "{out}");
    assert!(out.contains("index.md:30:"), "located: {out}");
}

#[test]
fn a_huge_list_is_checked_in_one_pass() {
    let mut front = String::from("reported:\n");
    for y in 1900..=2100u16 {
        for _ in 0..10 {
            front.push_str(&format!(
                "  - {{id: patents-per-10k, label: x, value: 1.5, year: {y}, passage: 每万人发明专利拥有量达到1.5件}}\n"
            ));
        }
    }
    let site = site_with(&front);
    let (ok, out) = run(site.path(), &["check"]);
    assert!(!ok, "duplicates refused: {out}");
    assert!(
        out.contains("`patents-per-10k` for 1900 is reported twice"),
        "{out}"
    );
    assert!(
        out.contains("`reported` has more than 100 problems"),
        "{out}"
    );
    assert_eq!(
        out.matches(": error: ").count(),
        101,
        "the first 100 and a summary"
    );
}

/// `serve` redraws an indicator's series when a plan's reported value is
/// edited: a monitoring value corrected below the target turns its status.
#[test]
fn serve_redraws_the_series_when_a_reported_value_changes() {
    let site = site_with(REPORTED);
    let mut child = Command::new(env!("CARGO_BIN_EXE_plansite"))
        .env("LC_ALL", "C")
        .args(["serve", "--port", "0"])
        .current_dir(site.path())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let addr = common::served_address(&mut child);
    let _server = common::Killed(child);
    let page = "/indicators/patents-per-10k/";
    let (status, before) = common::http_get(&addr, page);
    assert!(status == 200 && before.contains("✓ 已完成"), "{before}");
    let plan = site.path().join("content/plans/mini-plan/index.md");
    let text = fs::read_to_string(&plan).unwrap();
    fs::write(&plan, text.replace("value: 4.3", "value: 3.9")).unwrap();
    // Polled until the rebuilt page is served (a bound, not a timing).
    let start = std::time::Instant::now();
    loop {
        let (status, body) = common::http_get(&addr, page);
        if status == 200 && body.contains("✗ 未完成") {
            break;
        }
        assert!(
            start.elapsed().as_secs() < 60,
            "the series was not redrawn: {body}"
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}

/// English readers see one of a thing in the singular and 万元 amounts in
/// plain yuan; a note of the editors keeps the language it is written in.
#[test]
fn english_figures_read_as_english_and_notes_keep_their_language() {
    let site = site_with(
        r#"reported:
  - id: patents-per-10k
    label: 每万人发明专利拥有量
    value: 1
    unit: 件
    year: 2019
    passage: 新增发明专利1件
  - id: patents-per-10k
    label: 每万人发明专利拥有量
    value: 1.2
    unit: 万件
    year: 2017
    passage: 专利1.2万件
  - id: pledge-amount
    label: 质押融资额
    value: 500
    unit: 万元
    year: 2019
    qualifier: more_than
    passage: 质押融资500余万元
not_data:
  - passage: 服务机构500余家
    why: other
    note: An example count of service bodies
"#,
    );
    let path = site.path().join("content/plans/mini-plan/index.md");
    let mut text = fs::read_to_string(&path).unwrap();
    text.push_str("\n2019年新增发明专利1件，质押融资500余万元。2017年专利1.2万件。\n");
    fs::write(&path, text).unwrap();
    let (ok, out) = run(site.path(), &["build"]);
    assert!(ok, "{out}");
    let en = read(site.path(), "en/plans/mini-plan/index.html");
    let cells = Page::parse(&en).texts("td");
    assert!(
        cells.contains(&"1 patent".to_owned()),
        "one patent, singular: {cells:?}"
    );
    assert!(en.contains("&gt; 5 million yuan"), "万元 in plain yuan");
    assert!(
        cells.contains(&"12,000 patents".to_owned()),
        "万件 in plain figures"
    );
    assert!(
        !en.contains("10,000 yuan"),
        "no scale word left before the unit"
    );
    let zh = read(site.path(), "plans/mini-plan/index.html");
    assert!(
        Page::parse(&zh).texts("td").contains(&"1 件".to_owned()) && zh.contains("&gt; 500 万元"),
        "Chinese as printed"
    );
    // The note is English on both pages, and says so.
    for page in [&en, &zh] {
        assert!(Page::parse(page)
            .texts("span[lang=\"en\"]")
            .contains(&"An example count of service bodies".to_owned()));
    }
    let ind = Page::read(
        site.path()
            .join("public/en/indicators/patents-per-10k/index.html"),
    );
    let texts = ind.texts("main *");
    assert!(
        texts.iter().any(|t| t == "1 patent") && !texts.iter().any(|t| t.starts_with("1 patents")),
        "{texts:?}"
    );
}

/// A pasted `not_data` list that sets the same passage aside again and
/// again is warned about at each repeat (the first 20, then a count),
/// naming the first entry's line; nothing is dropped.
#[test]
fn repeated_not_data_passages_are_warned_about_where_they_repeat() {
    let mut front = String::from("not_data:\n");
    for i in 0..500 {
        front.push_str(&format!(
            "  - {{passage: 服务机构500余家, why: other, note: 第{i}条}}\n"
        ));
    }
    let site = site_with(&front);
    let (ok, out) = run(site.path(), &["check"]);
    assert!(ok, "repeats are warnings: {out}");
    let plan = "content/plans/mini-plan/index.md";
    let first = fs::read_to_string(site.path().join(plan))
        .unwrap()
        .lines()
        .position(|l| l.contains("note: 第0条"))
        .unwrap()
        + 1;
    assert!(
        out.contains(&format!(
            "{plan}:{}:15: warning: this `not_data` passage repeats the entry at line {first}",
            first + 1
        )),
        "{out}"
    );
    assert_eq!(
        out.matches("repeats the entry at line").count(),
        20,
        "{out}"
    );
    assert!(out.contains("`not_data` repeats passages 499 times: the first 20 are listed"));
}
