//! Reported figures and the accounting of every figure of a plan's text,
//! as staff meet them: `plansite check` run from inside a copy of a site.

use std::fs;
use std::path::Path;
use std::process::Command;

mod common;

/// `plansite check` in `dir`: (success, stderr + stdout).
fn check(dir: &Path) -> (bool, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_plansite"))
        .env("LC_ALL", "C")
        .arg("check")
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

const PLAN: &str = "content/plans/mini-plan/index.md";

const BODY: &str = "\n十三五期间，每万人发明专利拥有量达到1.5件，质押融资额5.5亿元，全省排名第3位，服务机构500余家。\n";

/// The fixture site with `front` added to the mini plan's front matter and
/// a paragraph of achievements added to its body.
fn site_with(front: &str) -> tempfile::TempDir {
    let tmp = common::fixture_copy();
    let path = tmp.path().join(PLAN);
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

const VALID: &str = r#"reported:
  - id: patents-per-10k
    label: 每万人发明专利拥有量
    value: 1.5
    unit: 件
    year: 2018
    passage: 每万人发明专利拥有量达到1.5件
  - id: pledge-amount
    label: 质押融资额
    value: 5.5
    unit: 亿元
    period: {start: 2016, end: 2020}
    note_zh: 五年累计
    note_en: total over five years
    passage: 质押融资额5.5亿元
  - id: pledge-amount
    label: 质押融资额
    value: 6
    unit: 亿元
    year: 2021
    qualifier: about
    source: {title: 测试市知识产权统计公报, issuer: 测试市知识产权局, date: 2022-03-01, url: "https://stats.example.com/bulletin"}
not_data:
  - passage: 全省排名第3位
    why: ranking
    note: 省内排名，不是可比较的指标
"#;

#[test]
fn valid_reported_entries_and_not_data_pass() {
    let site = site_with(VALID);
    let (ok, out) = check(site.path());
    assert!(ok, "{out}");
}

#[test]
fn each_problem_of_a_reported_entry_is_located_and_explained() {
    let site = site_with(
        r#"reported:
  - id: no-such-measure
    label: 某指标
    value: 1.5
    year: 2018
    passage: 每万人发明专利拥有量达到1.5件
  - id: patents-per-10k
    label: 每万人发明专利拥有量
    value: 1.5
    year: 2018
    period: {start: 2016, end: 2020}
    passage: 每万人发明专利拥有量达到1.5件
  - id: patents-per-10k
    label: 每万人发明专利拥有量
    value: 2.04
    year: 2020
    passage: 每万人发明专利拥有量(件) | 2.04
  - id: pledge-amount
    label: 质押融资额
    value: 5.5
    unit: 件
    year: 2019
  - id: pledge-amount
    label: 质押融资额
    value: .nan
    year: 2017
    passage: 不在正文里的句子
  - id: pledge-amount
    label: 质押融资额
    value: 7.5
    year: 2016
    passage: 质押融资额5.5亿元
not_data:
  - passage: 全省排名第3位
    why: ranking
    note: "  "
"#,
    );
    let (ok, out) = check(site.path());
    assert!(!ok, "{out}");
    for expected in [
        "index.md:30:9: error: unknown indicator `no-such-measure`",
        "index.md:39:13: error: both `year` and `period` are given",
        "index.md:41:9: error: `patents-per-10k` for 2020 is the baseline of indicator entry 1 (line 18)",
        "index.md:49:11: error: unit `件` does not measure what the catalogue",
        "index.md:46:7: error: neither `passage` nor `source` is given",
        "index.md:53:12: error: `NaN` is not a figure as printed",
        "index.md:55:14: error: passage `不在正文里的句子` not found in the text",
        "index.md:60:14: error: the passage does not state the value 7.5",
        "index.md:64:11: error: the note is empty",
    ] {
        assert!(out.contains(expected), "missing `{expected}` in:\n{out}");
    }
}

#[test]
fn an_unknown_qualifier_or_reason_is_refused_with_the_choices() {
    let site = site_with(
        "reported:\n  - {id: patents-per-10k, label: x, value: 1.5, year: 2018, qualifier: plenty, passage: 每万人发明专利拥有量达到1.5件}\n",
    );
    let (ok, out) = check(site.path());
    assert!(
        !ok && out.contains("plenty") && out.contains("more_than"),
        "{out}"
    );
    let site = site_with("not_data:\n  - {passage: 全省排名第3位, why: boring, note: x}\n");
    let (ok, out) = check(site.path());
    assert!(
        !ok && out.contains("boring") && out.contains("document_count"),
        "{out}"
    );
}

/// Turns on `facts.account_for_numbers` in the site at `root`.
fn account(root: &Path) {
    let path = root.join("site.yaml");
    let mut text = fs::read_to_string(&path).unwrap();
    if text.contains("account_for_numbers: true") {
        return; // the bundled site asks already
    }
    text.push_str("\nfacts:\n  account_for_numbers: true\n");
    fs::write(path, text).unwrap();
}

#[test]
fn unaccounted_figures_are_listed_only_when_the_site_asks() {
    let site = site_with(VALID);
    let (ok, out) = check(site.path());
    assert!(ok && !out.contains("not accounted for"), "{out}");
    account(site.path());
    let (ok, out) = check(site.path());
    assert!(ok, "warnings only: {out}");
    let listed: Vec<&str> = out
        .lines()
        .filter(|l| l.contains("is not accounted for"))
        .collect();
    // 1.5件, 5.5亿元 and 第3位 are accounted for; the 500余家 is not. The
    // table's figures are the indicator's passage; 2025年 is a year.
    assert_eq!(listed.len(), 1, "{out}");
    assert!(
        listed[0].contains("index.md:81:47:") && listed[0].contains("`500余家`"),
        "{out}"
    );
}

/// The bundled site publishes every figure of its five texts as data or
/// says why not. Each unaccounted figure is listed as `file:line:column`
/// and the figure. (This fails until every plan's `reported:` and
/// `not_data:` entries are written.)
#[test]
fn every_figure_of_the_bundled_plans_is_accounted_for() {
    let site = common::bundled_copy();
    account(site.path());
    let (ok, out) = check(site.path());
    assert!(ok, "{out}");
    let listed: Vec<&str> = out
        .lines()
        .filter(|l| l.contains("is not accounted for"))
        .collect();
    assert!(
        listed.is_empty(),
        "{} figure(s) of the bundled plans are neither data nor `not_data`:\n{}",
        listed.len(),
        listed.join("\n")
    );
}

/// The benchmark generator gives each plan a few reported values, which
/// pass `check`; `--no-reported` leaves them out.
#[test]
fn generated_plans_carry_reported_values_that_pass_check() {
    let tmp = tempfile::tempdir().unwrap();
    let gen = |out: &str, extra: &[&str]| {
        let status = Command::new("python3")
            .arg(common::manifest().join("bench/gen.py"))
            .args(["--plans", "50", "--seed", "1", "--jobs", "1", "--out", out])
            .args(extra)
            .current_dir(tmp.path())
            .output()
            .expect("python3 runs bench/gen.py");
        assert!(
            status.status.success(),
            "{}",
            String::from_utf8_lossy(&status.stderr)
        );
    };
    gen("with", &[]);
    gen("without", &["--no-reported"]);
    let count = |dir: &str| {
        walkdir::WalkDir::new(tmp.path().join(dir).join("content/plans"))
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_name() == "index.md")
            .map(|e| {
                fs::read_to_string(e.path())
                    .unwrap()
                    .matches("\n  - id: ")
                    .count()
            })
            .sum::<usize>()
    };
    assert!(
        count("with") > count("without") + 50,
        "2–4 reported values a plan"
    );
    let (ok, out) = check(&tmp.path().join("with"));
    assert!(ok && out.contains("0 warning(s)"), "{out}");
}
