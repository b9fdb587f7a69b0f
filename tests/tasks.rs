//! Tasks and their responsible agencies: every task of the bundled
//! Changzhou and Gansu plans is data with resolved agencies that have
//! pages; `check` warns at the name it cannot resolve; hostile notes give
//! inert output or located warnings.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;
use std::process::{Command, Output};

mod common;
use common::page::Page;
use common::{built_bundled, bundled_copy};

const BIN: &str = env!("CARGO_BIN_EXE_plansite");
const CHANGZHOU: &str = "changzhou-ip-pilot-city-2022";
const GANSU: &str = "gansu-ip-port-opinions-2020";

fn plansite(dir: &Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .env("LC_ALL", "C")
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run plansite")
}

fn json(path: &Path) -> Vec<serde_json::Value> {
    serde_json::from_str(&fs::read_to_string(path).unwrap()).unwrap()
}

/// Every Changzhou task (43 `(责任单位:…)` notes in the text) and every
/// Gansu task (the 15 key tasks and the 3 goals that name departments) is
/// data, each naming at least one agency, every name resolved to an agency
/// of the catalogue that has a page in both languages linking back to the
/// task's paragraph.
#[test]
fn every_changzhou_and_gansu_task_has_its_agencies_as_data() {
    let out = built_bundled();
    let tasks = json(&out.join("data/tasks.json"));
    let agencies = json(&out.join("data/agencies.json"));
    let ids: BTreeSet<&str> = agencies.iter().map(|a| a["id"].as_str().unwrap()).collect();
    let mut per_plan: BTreeMap<&str, BTreeSet<u64>> = BTreeMap::new();
    for t in &tasks {
        per_plan
            .entry(t["plan"].as_str().unwrap())
            .or_default()
            .insert(t["task"].as_u64().unwrap());
        let agency = t["agency"]
            .as_str()
            .unwrap_or_else(|| panic!("unresolved: {t}"));
        assert!(ids.contains(agency), "{agency}");
    }
    assert_eq!(per_plan[CHANGZHOU].len(), 43);
    assert_eq!(per_plan[GANSU].len(), 18);
    // Gansu's key tasks are 4–18, numbered (一) … (十五) in the text.
    let numerals = [
        "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四",
        "十五",
    ];
    for (i, n) in numerals.iter().enumerate() {
        let task = (i + 4) as u64;
        let t = tasks
            .iter()
            .find(|t| t["plan"] == GANSU && t["task"] == task)
            .unwrap();
        let title = t["title_zh"].as_str().unwrap();
        assert!(title.starts_with(&format!("({n})")), "{task}: {title}");
        let roles: BTreeSet<&str> = tasks
            .iter()
            .filter(|t| t["plan"] == GANSU && t["task"] == task)
            .map(|t| t["role"].as_str().unwrap())
            .collect();
        assert!(!roles.is_empty());
    }
    // Lead and supporting are told apart where the text does.
    let lead = |plan: &str, role: &str| {
        tasks
            .iter()
            .filter(|t| t["plan"] == plan && t["role"] == role)
            .count()
    };
    assert!(lead(GANSU, "lead") > 0 && lead(GANSU, "supporting") > 0);
    assert_eq!(
        lead(CHANGZHOU, "lead"),
        0,
        "Changzhou names responsible units only"
    );
    // Each agency named has a page in both languages with a link to a
    // task's paragraph; groups are marked as such.
    let named: BTreeSet<&str> = tasks.iter().filter_map(|t| t["agency"].as_str()).collect();
    for id in &named {
        for lang in ["", "en/"] {
            let page = fs::read_to_string(out.join(format!("{lang}agencies/{id}/index.html")))
                .unwrap_or_else(|e| panic!("{lang}agencies/{id}: {e}"));
            assert!(
                page.contains("#task-"),
                "{lang}agencies/{id} links to its tasks"
            );
        }
    }
    let group = fs::read_to_string(out.join("en/agencies/changzhou-county-governments/index.html"))
        .unwrap();
    assert!(group.contains("group of bodies"));
    // Names as printed are merged: 市知识产权局 is 常州市知识产权局.
    let ipo = agencies
        .iter()
        .find(|a| a["id"] == "changzhou-ipo")
        .unwrap();
    assert_eq!(ipo["name_zh"], "常州市知识产权局");
    assert_eq!(ipo["responsible_tasks"], 34);
}

/// The plan pages carry the task table, the agencies index groups by
/// jurisdiction and each jurisdiction with agencies links to its group.
#[test]
fn plan_pages_and_the_agencies_index() {
    let out = built_bundled();
    let plan = Page::read(out.join(format!("plans/{CHANGZHOU}/index.html")));
    assert!(plan.has("#h-tasks"));
    assert!(plan.has("p#task-1"), "the task's paragraph is anchored");
    assert!(plan.has("a[href=\"../../agencies/changzhou-ipo/\"]"));
    assert!(
        plan.main_text().contains("动员启动阶段"),
        "the timetable is shown"
    );
    let en = fs::read_to_string(out.join(format!("en/plans/{GANSU}/index.html"))).unwrap();
    assert!(en.contains("Gansu Provincial Administration for Market Regulation"));
    for lang in ["", "en/"] {
        let index = Page::read(out.join(format!("{lang}agencies/index.html")));
        assert!(index.has("#j-changzhou") && index.has("#j-gansu"));
        let j = Page::read(out.join(format!("{lang}jurisdictions/gansu/index.html")));
        assert!(j
            .attrs("a", "href")
            .iter()
            .any(|h| h.ends_with("agencies/#j-gansu")));
    }
    let sitemap = fs::read_to_string(out.join("sitemap.xml")).unwrap();
    assert!(sitemap.contains("/agencies/gansu-market-regulation/"));
}

/// A staff member adds agencies the catalogue does not know to a note:
/// `check` reports each one at its own line and column, all together, says
/// what to do, and still passes (warnings); adding them to the catalogue
/// silences it.
#[test]
fn check_reports_every_unknown_agency_at_its_place() {
    let site = bundled_copy();
    let dir = site.path();
    let path = dir.join(format!("content/plans/{CHANGZHOU}/index.md"));
    let text = fs::read_to_string(&path).unwrap();
    let note = "(责任单位:市知识产权局)";
    let at = text.find(note).expect("a one-agency note");
    let edited = text.replacen(note, "(责任单位:市知识产权局、市未知局、市另一局)", 1);
    fs::write(&path, &edited).unwrap();
    let out = plansite(dir, &["check"]);
    let stderr =
        String::from_utf8_lossy(&out.stderr).into_owned() + &String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stderr}");
    let line = text[..at].matches('\n').count() + 1;
    let col = |name: &str| {
        edited[..edited.find(name).unwrap()]
            .rsplit('\n')
            .next()
            .unwrap()
            .chars()
            .count()
            + 1
    };
    for name in ["市未知局", "市另一局"] {
        let want = format!(
            "content/plans/{CHANGZHOU}/index.md:{line}:{}: warning: `{name}` is not in the agency catalogue for `changzhou`",
            col(name)
        );
        assert!(stderr.contains(&want), "{want}\n{stderr}");
    }
    assert!(stderr.contains("content/agencies.yaml"));
    let mut cat = fs::read_to_string(dir.join("content/agencies.yaml")).unwrap();
    cat.push_str("- id: changzhou-unknown\n  jurisdiction: changzhou\n  level: municipal\n  name: {zh: 常州市未知局, en: Changzhou Unknown Bureau}\n  aliases: [市未知局, 市另一局]\n");
    fs::write(dir.join("content/agencies.yaml"), cat).unwrap();
    let out = plansite(dir, &["check"]);
    let stderr =
        String::from_utf8_lossy(&out.stderr).into_owned() + &String::from_utf8_lossy(&out.stdout);
    assert!(!stderr.contains("agency catalogue"), "{stderr}");
    assert!(stderr.contains("0 warning"), "{stderr}");
}

/// A broken catalogue is an error at the entry: a name meaning two
/// agencies in one jurisdiction, an unknown jurisdiction.
#[test]
fn catalogue_errors_are_located() {
    let site = bundled_copy();
    let dir = site.path();
    let mut cat = fs::read_to_string(dir.join("content/agencies.yaml")).unwrap();
    cat.push_str("- id: twice\n  jurisdiction: changzhou\n  level: municipal\n  name: {zh: 某局, en: Some Bureau}\n  aliases: [市知识产权局]\n- id: nowhere\n  jurisdiction: atlantis\n  level: municipal\n  name: {zh: 某局, en: Some Bureau}\n");
    fs::write(dir.join("content/agencies.yaml"), &cat).unwrap();
    let out = plansite(dir, &["check"]);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!out.status.success());
    assert!(
        stderr.contains("`市知识产权局` already means agency `changzhou-ipo`"),
        "{stderr}"
    );
    assert!(
        stderr.contains("unknown jurisdiction `atlantis`"),
        "{stderr}"
    );
    assert!(stderr.contains("content/agencies.yaml:"), "{stderr}");
}

/// Hostile notes, built with the real binary: an unclosed note is a
/// located warning; script in an agency name is published as text; a
/// nested bracket and an empty note are located warnings; ten thousand
/// names in one bracket build (each a located warning).
#[test]
fn hostile_notes_are_inert_or_located() {
    let site = bundled_copy();
    let dir = site.path();
    let path = dir.join(format!("content/plans/{CHANGZHOU}/index.md"));
    let mut text = fs::read_to_string(&path).unwrap();
    let many = vec!["市局"; 10_000].join("、");
    text.push_str(&format!(
        "\n做好甲工作。(责任单位:市知识产权局\n\n做好乙工作。(责任单位:<script>alert(1)</script>市坏局)\n\n做好丙工作。(责任单位:市局(筹))\n\n做好丁工作。(责任单位:)\n\n做好戊工作。(责任单位:{many})\n"
    ));
    fs::write(&path, &text).unwrap();
    let out = plansite(dir, &["build"]);
    let stderr =
        String::from_utf8_lossy(&out.stderr).into_owned() + &String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        &stderr[..stderr.len().min(4000)]
    );
    assert!(stderr.contains("a responsible-unit note is not closed"));
    assert!(stderr.contains("this responsible-unit note names no agency"));
    assert!(stderr.contains("`市局(筹` is not in the agency catalogue"));
    assert_eq!(
        stderr
            .matches("`市局` is not in the agency catalogue")
            .count(),
        10_000
    );
    let page =
        fs::read_to_string(dir.join(format!("public/plans/{CHANGZHOU}/index.html"))).unwrap();
    assert!(
        !page.contains("<script>alert") && !Page::parse(&page).has("script:not([src])"),
        "script is never published as markup"
    );
    let tasks = json(&dir.join("public/data/tasks.json"));
    assert!(
        tasks
            .iter()
            .filter(|t| t["plan"] == CHANGZHOU && t["name"] == "市局")
            .count()
            == 10_000
    );
}

/// `plansite import` on a raw text with both patterns, run from inside a
/// copy of the site: it says how many tasks and names it found and where
/// each name missing from the catalogue is, and the notes stay in the
/// Markdown for the build to read.
#[test]
fn import_reports_tasks_and_unknown_agencies() {
    let site = bundled_copy();
    let dir = site.path();
    let raw = "甘肃省人民政府办公厅关于推进某项工作的意见\n\n一、重点工作\n(一)推进甲工作。做好甲事。(牵头部门:省市场监管局、省未知厅;配合部门:省财政厅)\n(二)推进乙工作。做好乙事。(省科技厅负责)\n";
    fs::write(dir.join("raw.txt"), raw).unwrap();
    let out = plansite(
        dir,
        &[
            "import",
            "raw.txt",
            "--jurisdiction",
            "gansu",
            "--out",
            "content/plans/new-plan/index.md",
        ],
    );
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains("raw.txt: note: 2 task(s) with responsible-unit notes, naming 4 agencies (4 distinct names, 3 in content/agencies.yaml)"), "{stderr}");
    assert!(
        stderr.contains("raw.txt:4:28: warning: agency “省未知厅” is not in the agency catalogue"),
        "{stderr}"
    );
    let md = fs::read_to_string(dir.join("content/plans/new-plan/index.md")).unwrap();
    assert!(md.contains("(牵头部门:省市场监管局、省未知厅;配合部门:省财政厅)"));
}

/// An agency page shows only the roles the agency has (Changzhou's IP
/// office is named responsible, never lead or supporting), and a catalogue
/// entry no task names says so once, in both languages.
#[test]
fn agency_pages_show_only_the_roles_an_agency_has() {
    let out = built_bundled();
    let raw = fs::read_to_string(out.join("agencies/changzhou-ipo/index.html")).unwrap();
    let zh = Page::parse(&raw);
    assert!(zh.has("#h-resp"));
    assert!(!zh.has("#h-lead") && !zh.has("#h-supp"));
    assert!(!raw.contains("(0)"), "no empty section is listed");
    let site = bundled_copy();
    let catalogue = site.path().join("content/agencies.yaml");
    let mut text = fs::read_to_string(&catalogue).unwrap();
    text.push_str("- id: changzhou-unnamed\n  jurisdiction: changzhou\n  level: municipal\n  name: {zh: 常州市未列明局, en: Changzhou Unnamed Bureau}\n");
    fs::write(&catalogue, text).unwrap();
    let o = plansite(site.path(), &["build"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    for (page, says) in [
        (
            "public/agencies/changzhou-unnamed/index.html",
            "已发布的规划中没有任务列出该机构。",
        ),
        (
            "public/en/agencies/changzhou-unnamed/index.html",
            "No task of the published plans names it.",
        ),
    ] {
        let html = fs::read_to_string(site.path().join(page)).unwrap();
        let read = Page::parse(&html);
        assert!(
            read.main_text().contains(says) && !read.has("section"),
            "{page}: {html}"
        );
    }
}
