//! End-to-end tests: the fixture site, the invalid fixtures, the bundled site.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use plansite::{build, BuildOptions};

mod common;
use common::page::Page;
use common::{copy_dir, fixture, manifest};

/// Every file under `dir`, path → bytes.
fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path()
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/"),
                fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

/// Builds a copy of the fixture site outside any git repository, so that
/// snapshots do not follow this repository's own history (dates fall back
/// to the plans' own).
fn build_fixture(out: &Path) {
    let src = tempfile::tempdir().unwrap();
    copy_dir(&fixture(), src.path());
    let r = build(&BuildOptions {
        root: src.path().to_path_buf(),
        out: out.to_path_buf(),
        base_url: None,
        force: false,
        publish: plansite::publish::Publish::build(false, false),
    });
    if let Err(d) = &r {
        panic!("fixture failed to build:\n{d}");
    }
}

/// Minified HTML split at tags, for readable snapshots.
fn pretty(html: &[u8]) -> String {
    String::from_utf8_lossy(html).replace('>', ">\n")
}

#[test]
fn fixture_pages_snapshots() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    build_fixture(&out);
    for (name, path) in [
        ("plan_zh", "plans/mini-plan/index.html"),
        ("plan_en", "en/plans/mini-plan/index.html"),
        ("plan_en_untranslated", "en/plans/zh-only/index.html"),
        ("jurisdiction_zh", "jurisdictions/testcity/index.html"),
        ("jurisdiction_en", "en/jurisdictions/testcity/index.html"),
        ("indicator_zh", "indicators/patents-per-10k/index.html"),
        ("compare_en", "en/compare/index.html"),
    ] {
        insta::assert_snapshot!(name, pretty(&fs::read(out.join(path)).unwrap()));
    }
    insta::assert_snapshot!(
        "sitemap",
        String::from_utf8(fs::read(out.join("sitemap.xml")).unwrap()).unwrap()
    );
    insta::assert_snapshot!(
        "indicators_json",
        String::from_utf8(fs::read(out.join("data/indicators.json")).unwrap()).unwrap()
    );
    insta::assert_snapshot!(
        "indicators_csv",
        String::from_utf8(fs::read(out.join("data/indicators.csv")).unwrap()).unwrap()
    );
}

#[test]
fn fixture_has_every_output_path_in_both_languages() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    build_fixture(&out);
    for lang in ["", "en/"] {
        for p in [
            "index.html",
            "plans/mini-plan/index.html",
            "plans/mini-plan/parallel/index.html",
            "plans/zh-only/index.html",
            "jurisdictions/testcity/index.html",
            "indicators/index.html",
            "indicators/pledge-amount/index.html",
            "compare/index.html",
            "search/index.html",
            "404.html",
            "atom.xml",
            "about/index.html",
            "glossary/index.html",
        ] {
            assert!(
                out.join(format!("{lang}{p}")).is_file(),
                "missing {lang}{p}"
            );
        }
    }
    for p in [
        "data/indicators.csv",
        "data/indicators.json",
        "data/plans.json",
        "sitemap.xml",
        "robots.txt",
    ] {
        assert!(out.join(p).is_file(), "missing {p}");
    }
    // Every page links to its counterpart and declares its language.
    let zh = Page::read(out.join("plans/mini-plan/index.html"));
    let en = Page::read(out.join("en/plans/mini-plan/index.html"));
    assert_eq!(zh.attr("html", "lang").as_deref(), Some("zh-Hans"));
    assert_eq!(en.attr("html", "lang").as_deref(), Some("en"));
    assert!(
        zh.has("a[href=\"../../en/plans/mini-plan/\"]"),
        "zh page links to en"
    );
    assert!(
        en.has("a[href=\"../../../plans/mini-plan/\"]"),
        "en page links to zh"
    );
    assert!(en.visible_text().contains("unofficial translation"));
}

#[test]
fn no_space_between_chinese_characters_on_separate_source_lines() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    build_fixture(&out);
    // The source wraps 取得 / 明显 across two lines; the minified bytes must join them.
    let html = fs::read_to_string(out.join("plans/mini-plan/index.html")).unwrap();
    assert!(
        html.contains("知识产权事业取得明显进展"),
        "CJK soft break must vanish after minification"
    );
    assert!(!html.contains("取得 明显"));
    // English keeps its space.
    let en = fs::read_to_string(out.join("en/plans/mini-plan/index.html")).unwrap();
    assert!(en.contains("will make clear progress") || en.contains("will make\nclear progress"));
    // Emphasis next to CJK punctuation is emphasis, not asterisks.
    let read = Page::parse(&html);
    assert!(
        read.texts("strong").contains(&"坚持质量优先。".to_owned())
            && read.main_text().contains("坚持质量优先。推动"),
        "{html}"
    );
}

#[test]
fn two_builds_are_byte_identical() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    build_fixture(&a);
    build_fixture(&b);
    assert_eq!(tree(&a), tree(&b));
}

#[test]
fn failed_build_leaves_previous_output_intact() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    copy_dir(&fixture(), &site);
    let out = tmp.path().join("public");
    build(&BuildOptions {
        root: site.clone(),
        out: out.clone(),
        base_url: None,
        force: false,
        publish: plansite::publish::Publish::build(false, false),
    })
    .unwrap();
    let before = tree(&out);
    assert!(!before.is_empty());
    let plan = site.join("content/plans/mini-plan/index.md");
    let text = fs::read_to_string(&plan)
        .unwrap()
        .replace("jurisdiction: testcity", "jurisdiction: nowhere");
    fs::write(&plan, text).unwrap();
    let err = build(&BuildOptions {
        root: site,
        out: out.clone(),
        base_url: None,
        force: false,
        publish: plansite::publish::Publish::build(false, false),
    })
    .unwrap_err();
    assert!(err.to_string().contains("unknown jurisdiction `nowhere`"));
    assert_eq!(tree(&out), before);
    // No temporary folder is left beside the output.
    let strays: Vec<_> = fs::read_dir(tmp.path())
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().starts_with(".public"))
        .collect();
    assert!(strays.is_empty());
}

#[test]
fn invalid_fixtures_report_their_diagnostics() {
    let dir = manifest().join("tests/fixtures/invalid");
    let mut cases: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    cases.sort();
    assert!(cases.len() >= 8);
    for case in cases {
        let name = case.file_name().unwrap().to_string_lossy().into_owned();
        let tmp = tempfile::tempdir().unwrap();
        let site = tmp.path().join("site");
        copy_dir(&fixture(), &site);
        copy_dir(&case, &site);
        let out = tmp.path().join("public");
        let err = build(&BuildOptions {
            root: site.clone(),
            out: out.clone(),
            base_url: None,
            force: false,
            publish: plansite::publish::Publish::build(false, false),
        })
        .err()
        .unwrap_or_else(|| panic!("{name} should fail"));
        assert!(!out.exists(), "{name}: nothing written");
        let shown = |d: plansite::diag::Diagnostics| -> String {
            d.sorted().iter().map(|d| format!("{d}\n")).collect()
        };
        let text = shown(err.clone());
        // `check` makes no index, data or feeds, and finds every problem
        // a build finds (template errors among them).
        let checked = plansite::check(&site)
            .err()
            .unwrap_or_else(|| panic!("{name}: check should fail"));
        assert_eq!(shown(checked), text, "{name}: check and build agree");
        insta::assert_snapshot!(format!("invalid_{name}"), text);
        let zh: String = err
            .sorted()
            .iter()
            .map(|d| format!("{}\n", d.shown(plansite::diag::Messages::Zh)))
            .collect();
        insta::assert_snapshot!(format!("invalid_{name}_zh"), zh);
    }
}

#[test]
fn csv_opens_with_a_csv_parser() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    build_fixture(&out);
    let bytes = fs::read(out.join("data/indicators.csv")).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "UTF-8 BOM for Excel");
    let mut rdr = csv::Reader::from_reader(&bytes[3..]);
    let headers = rdr.headers().unwrap().clone();
    for f in [
        "plan",
        "jurisdiction",
        "indicator",
        "label_zh",
        "name_en",
        "unit",
        "baseline_year",
        "baseline",
        "target_year",
        "target",
        "attribute",
        "implied_cagr",
    ] {
        assert!(headers.iter().any(|h| h == f), "column {f}");
    }
    let rows: Vec<csv::StringRecord> = rdr.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 2);
    let ix = |f: &str| headers.iter().position(|h| h == f).unwrap();
    let pledge = rows
        .iter()
        .find(|r| &r[ix("indicator")] == "pledge-amount")
        .unwrap();
    assert_eq!(
        &pledge[ix("baseline")],
        "",
        "a missing baseline is empty, never 0"
    );
    assert_eq!(&pledge[ix("implied_cagr")], "");
    let pat = rows
        .iter()
        .find(|r| &r[ix("indicator")] == "patents-per-10k")
        .unwrap();
    assert_eq!(&pat[ix("comparator")], "ge");
    assert_eq!(&pat[ix("comparator_symbol")], "≥");
    let cagr: f64 = pat[ix("implied_cagr")].parse().unwrap();
    assert!((cagr - 0.1498).abs() < 1e-3);
}

#[test]
fn cli_exit_codes() {
    let bin = env!("CARGO_BIN_EXE_plansite");
    let tmp = tempfile::tempdir().unwrap();
    let ok = Command::new(bin)
        .env("LC_ALL", "C")
        .args(["check", "--root"])
        .arg(fixture())
        .output()
        .unwrap();
    assert_eq!(
        ok.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    let site = tmp.path().join("site");
    copy_dir(&fixture(), &site);
    copy_dir(
        &manifest().join("tests/fixtures/invalid/unknown-jurisdiction"),
        &site,
    );
    let bad = Command::new(bin)
        .env("LC_ALL", "C")
        .args(["check", "--format", "github", "--root"])
        .arg(&site)
        .env("LC_ALL", "C")
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&bad.stdout);
    assert!(stdout.contains("::error file=content/plans/zh-only/index.md,line=3,col=15::unknown jurisdiction `atlantis`"), "{stdout}");
    let usage = Command::new(bin)
        .env("LC_ALL", "C")
        .args(["build", "--no-such-flag"])
        .output()
        .unwrap();
    assert_eq!(usage.status.code(), Some(2));
}

#[test]
fn cli_messages_follow_the_flag_and_the_locale() {
    let bin = env!("CARGO_BIN_EXE_plansite");
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    copy_dir(&fixture(), &site);
    copy_dir(
        &manifest().join("tests/fixtures/invalid/unknown-jurisdiction"),
        &site,
    );
    let run = |args: &[&str], lang: &str| {
        let out = Command::new(bin)
            .arg("check")
            .args(args)
            .arg("--root")
            .arg(&site)
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env("LANG", lang)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1));
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    let zh = "content/plans/zh-only/index.md:3:15: error: 地区 `atlantis` 不存在";
    let en = "content/plans/zh-only/index.md:3:15: error: unknown jurisdiction `atlantis`";
    let flag = run(&["--messages", "zh"], "C");
    assert!(flag.contains(zh), "{flag}");
    assert!(flag.contains("检查未通过：1 个错误"), "{flag}");
    let locale = run(&[], "zh_CN.UTF-8");
    assert!(
        locale.contains(zh) && locale.contains("  提示: "),
        "{locale}"
    );
    let c = run(&[], "C");
    assert!(
        c.contains(en) && c.contains("check failed: 1 error(s)"),
        "{c}"
    );
    let forced = run(&["--messages", "en"], "zh_CN.UTF-8");
    assert!(forced.contains(en), "{forced}");
    let github = Command::new(bin)
        .env("LC_ALL", "C")
        .args(["check", "--messages", "zh", "--format", "github", "--root"])
        .arg(&site)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&github.stdout);
    assert!(
        stdout.contains(
            "::error file=content/plans/zh-only/index.md,line=3,col=15::地区 `atlantis` 不存在"
        ),
        "{stdout}"
    );
}

#[test]
fn bundled_site_builds_without_warnings() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    let report = build(&BuildOptions {
        root: manifest(),
        out: out.clone(),
        base_url: None,
        force: false,
        publish: plansite::publish::Publish::build(false, false),
    })
    .unwrap_or_else(|d| panic!("{d}"));
    assert_eq!(report.warnings.warning_count(), 0, "{}", report.warnings);
    let json: Vec<serde_json::Value> =
        serde_json::from_slice(&fs::read(out.join("data/indicators.json")).unwrap()).unwrap();
    let plans: Vec<serde_json::Value> =
        serde_json::from_slice(&fs::read(out.join("data/plans.json")).unwrap()).unwrap();
    assert_eq!(plans.len(), 5);
    assert!(
        plans.iter().all(|p| p["title_en"].is_string()),
        "every plan is translated"
    );
    // Baotou's table of ten, Changzhou's and Henan's prose targets.
    let count = |j: &str| json.iter().filter(|r| r["jurisdiction"] == j).count();
    assert!(count("baotou") >= 10);
    assert!(count("changzhou") >= 15);
    assert!(count("henan") >= 10);
    // No value is ever a 0 standing in for "not given".
    assert!(json
        .iter()
        .all(|r| r["baseline"] != 0.0 && r["target"] != 0.0));
    let hv: Vec<_> = json
        .iter()
        .filter(|r| r["indicator"] == "high-value-invention-patents-per-10k")
        .collect();
    assert_eq!(
        hv.len(),
        3,
        "Baotou, Changzhou and Henan set high-value patents per 10,000 people"
    );
    for lang in ["", "en/"] {
        for slug in [
            "baotou-ip-plan-2021",
            "changzhou-ip-pilot-city-2022",
            "gansu-ip-port-opinions-2020",
            "henan-ip-plan-2022",
            "northeast-ip-strategy-opinions-2017",
        ] {
            assert!(out.join(format!("{lang}plans/{slug}/index.html")).is_file());
            assert!(out
                .join(format!("{lang}plans/{slug}/parallel/index.html"))
                .is_file());
        }
    }
}

#[test]
fn every_passage_link_lands_on_its_passage() {
    let out = common::built_bundled();
    let json: Vec<serde_json::Value> =
        serde_json::from_slice(&fs::read(out.join("data/indicators.json")).unwrap()).unwrap();
    // Cells of a table row are joined by ` | ` in a passage; line breaks
    // in the HTML are spaces in the text.
    let squeeze = |s: &str| -> String {
        s.chars()
            .filter(|c| !c.is_whitespace() && *c != '|')
            .collect()
    };
    let mut ids = std::collections::BTreeSet::new();
    // Each page parsed once.
    let mut pages: BTreeMap<PathBuf, Page> = BTreeMap::new();
    let mut text_by_id = |path: PathBuf, id: &str| {
        pages
            .entry(path.clone())
            .or_insert_with(|| Page::read(&path))
            .text_by_id(id)
    };
    for r in &json {
        let url = r["url"].as_str().unwrap();
        let path = url.strip_prefix("https://plansite.example.org/").unwrap();
        let (page, id) = path.split_once('#').unwrap();
        assert!(
            ids.insert(url.to_owned()),
            "{url} is one passage's link only"
        );
        let text = text_by_id(out.join(page).join("index.html"), id)
            .unwrap_or_else(|| panic!("{url}: no element"));
        let passage = r["passage"].as_str().unwrap();
        assert!(
            squeeze(&text).contains(&squeeze(passage)),
            "{url}: `{text}` does not hold `{passage}`"
        );
        // The side-by-side page holds the same passage under the same id.
        let side = out.join("en").join(page).join("parallel/index.html");
        assert!(
            text_by_id(side, id).is_some(),
            "{url} on the side-by-side page"
        );
    }
    // Henan's geographical-indication products land on their own words.
    let gi = json
        .iter()
        .find(|r| {
            r["jurisdiction"] == "henan" && r["label_zh"].as_str().unwrap().contains("地理标志")
        })
        .expect("Henan sets a GI target");
    assert!(
        !gi["url"].as_str().unwrap().contains("high-value"),
        "{}",
        gi["url"]
    );
}

/// Totals of one comparability group share one `per_capita` rule: a measure
/// that differs is warned about at its `per_capita` line, naming the others;
/// a ratio in the group is never divided by population and is left out.
#[test]
fn a_comparability_group_with_two_per_capita_rules_is_warned_about() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    copy_dir(&fixture(), &site);
    let write = |name: &str, kind: &str, per_capita: bool| {
        fs::write(
            site.join(format!("indicators/{name}.yaml")),
            format!(
                "name: {{zh: 测试, en: Test}}\nunit: {{zh: 亿元, en: 100 million yuan}}\n\
                 category: use\nkind: {kind}\ndirection: higher\nper_capita: {per_capita}\n\
                 group: pledge-financing\n"
            ),
        )
        .unwrap();
    };
    write("pledge-total", "cumulative", true);
    write("pledge-share", "ratio", false);
    let found = plansite::check(&site).unwrap_or_else(|d| panic!("{d}"));
    assert!(
        found.iter().all(|d| !d.message.contains("per_capita")),
        "{found}"
    );
    write("pledge-count", "stock", false);
    let found = plansite::check(&site).unwrap_or_else(|d| panic!("{d}"));
    let warned: Vec<String> = found
        .iter()
        .filter(|d| d.message.contains("per_capita"))
        .map(|d| {
            format!(
                "{}:{}:{} {}",
                d.location.path.display(),
                d.location.line,
                d.location.column,
                d.message
            )
        })
        .collect();
    assert_eq!(warned.len(), 1, "{warned:?}");
    assert!(
        warned[0].starts_with("indicators/pledge-count.yaml:6:1 `per_capita: false` differs")
            && warned[0].contains("pledge-amount, pledge-total"),
        "{warned:?}"
    );
}
