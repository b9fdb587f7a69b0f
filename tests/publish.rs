//! Drafts, plans dated in the future and placeholders, as staff meet them:
//! the real binary run from inside a copy of the fixture site, with the
//! commands the staff guide prints.

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

mod common;
use common::fixture_copy;
use common::page::Page;

const BIN: &str = env!("CARGO_BIN_EXE_plansite");
const PLAN: &str = "content/plans/mini-plan/index.md";

fn plansite(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut c = Command::new(BIN);
    c.env("LC_ALL", "C");
    c.args(args)
        .current_dir(dir)
        .env_remove("SOURCE_DATE_EPOCH");
    for (k, v) in env {
        c.env(k, v);
    }
    c.output().expect("run plansite")
}

fn all(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned() + &String::from_utf8_lossy(&o.stderr)
}

/// Puts `line` into the plan's front matter, after its title.
fn front(site: &Path, line: &str) {
    let p = site.join(PLAN);
    let text = fs::read_to_string(&p).unwrap();
    let text = text.replacen("\ntitle:", &format!("\n{line}\ntitle:"), 1);
    fs::write(&p, text).unwrap();
}

/// Whether the built site at `out` publishes the fixture's `mini-plan`
/// anywhere a reader or a machine finds plans.
fn places(out: &Path) -> Vec<&'static str> {
    let read = |p: &str| fs::read_to_string(out.join(p)).unwrap_or_default();
    let mut v = Vec::new();
    if out.join("plans/mini-plan/index.html").exists() {
        v.push("page");
    }
    if read("index.html").contains("mini-plan") {
        v.push("home");
    }
    if read("sitemap.xml").contains("mini-plan") {
        v.push("sitemap");
    }
    if read("atom.xml").contains("mini-plan") {
        v.push("feed");
    }
    if read("data/plans.json").contains("mini-plan") {
        v.push("data");
    }
    if read("data/indicators.csv").contains("mini-plan") {
        v.push("csv");
    }
    let search = Command::new(BIN)
        .env("LC_ALL", "C")
        .args(["search", "质押融资", "--json", "--out"])
        .arg(out)
        .output()
        .unwrap();
    if String::from_utf8_lossy(&search.stdout).contains("mini-plan") {
        v.push("search");
    }
    v
}

const EVERYWHERE: [&str; 7] = ["page", "home", "sitemap", "feed", "data", "csv", "search"];

#[test]
fn a_draft_is_published_only_when_asked() {
    let site = fixture_copy();
    let root = site.path();
    let o = plansite(root, &["build"], &[]);
    assert!(o.status.success(), "{}", all(&o));
    assert_eq!(
        places(&root.join("public")),
        EVERYWHERE,
        "the plan is published"
    );

    front(root, "draft: true");
    let o = plansite(root, &["build"], &[]);
    assert!(o.status.success(), "{}", all(&o));
    assert!(all(&o).contains("1 held back"), "{}", all(&o));
    assert!(
        places(&root.join("public")).is_empty(),
        "a draft is nowhere"
    );
    let o = plansite(root, &["check"], &[]);
    assert!(o.status.success(), "{}", all(&o));
    assert!(
        all(&o).contains(&format!("{PLAN}:1:1: note: a draft")),
        "{}",
        all(&o)
    );

    let o = plansite(root, &["build", "--drafts", "--out", "preview"], &[]);
    assert!(o.status.success(), "{}", all(&o));
    assert_eq!(places(&root.join("preview")), EVERYWHERE);
    let page = Page::read(root.join("preview/plans/mini-plan/index.html"));
    assert!(page.has(".notice.draft"), "a draft shows its banner");
}

#[test]
fn a_plan_dated_after_today_waits_for_its_day() {
    let site = fixture_copy();
    let root = site.path();
    let p = root.join(PLAN);
    let text = fs::read_to_string(&p)
        .unwrap()
        .replace("date_published: 2021-12-30", "date_published: 2030-01-01");
    fs::write(&p, text).unwrap();
    let o = plansite(root, &["build"], &[]);
    assert!(o.status.success(), "{}", all(&o));
    assert!(places(&root.join("public")).is_empty(), "held back");
    let o = plansite(root, &["check"], &[]);
    assert!(all(&o).contains("held back until then"), "{}", all(&o));
    // `--future` publishes it now; a build on its day publishes it.
    let o = plansite(root, &["build", "--future"], &[]);
    assert!(o.status.success(), "{}", all(&o));
    assert_eq!(places(&root.join("public")), EVERYWHERE);
    let o = plansite(root, &["build"], &[("SOURCE_DATE_EPOCH", "1893456000")]);
    assert!(o.status.success(), "{}", all(&o));
    assert_eq!(
        places(&root.join("public")),
        EVERYWHERE,
        "2030-01-01 has come"
    );
}

#[test]
fn a_new_plan_scaffold_is_a_draft_until_its_placeholders_are_gone() {
    let site = fixture_copy();
    let root = site.path();
    let o = plansite(
        root,
        &["new", "plan", "scaffolded", "--jurisdiction", "testcity"],
        &[],
    );
    assert!(o.status.success(), "{}", all(&o));
    let o = plansite(root, &["check"], &[]);
    assert!(o.status.success(), "{}", all(&o));
    assert!(all(&o).contains("warning: a placeholder"), "{}", all(&o));
    let o = plansite(root, &["build"], &[]);
    assert!(o.status.success(), "{}", all(&o));
    assert!(!root.join("public/plans/scaffolded").exists());
    assert!(!fs::read_to_string(root.join("public/atom.xml"))
        .unwrap()
        .contains("TODO"));
    // Taken out of draft with its placeholders left, it is refused.
    let p = root.join("content/plans/scaffolded/index.md");
    let text = fs::read_to_string(&p).unwrap();
    let text: String = text
        .lines()
        .filter(|l| !l.starts_with("draft:"))
        .map(|l| format!("{l}\n"))
        .collect();
    fs::write(&p, text).unwrap();
    let o = plansite(root, &["check"], &[]);
    assert_eq!(o.status.code(), Some(1), "{}", all(&o));
    assert!(
        all(&o).contains("content/plans/scaffolded/index.md:4:8: error: a placeholder"),
        "{}",
        all(&o)
    );
}
