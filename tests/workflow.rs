//! Staff workflow commands on temporary folders and git repositories:
//! `plansite new plan`, `plansite diff` and `plansite import`.

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

mod common;
use common::fixture_copy;

/// `plansite new plan` for the test city, run twice by the test.
const NEW_TESTCITY_PLAN: &[&str] = &[
    "new",
    "plan",
    "testcity-plan-2026",
    "--jurisdiction",
    "testcity",
];

fn plansite(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_plansite"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap()
}

fn git(dir: &Path, args: &[&str]) {
    let out = Command::new("git")
        .args([
            "-c",
            "user.name=Plansite Test",
            "-c",
            "user.email=test@example.org",
        ])
        .args([
            "-c",
            "commit.gpgsign=false",
            "-c",
            "init.defaultBranch=main",
        ])
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn new_plan_scaffolds_a_valid_pair_and_never_overwrites() {
    let site = fixture_copy();
    let root = site.path();
    let out = plansite(root, NEW_TESTCITY_PLAN);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let dir = root.join("content/plans/testcity-plan-2026");
    let zh = fs::read_to_string(dir.join("index.md")).unwrap();
    let en = fs::read_to_string(dir.join("index.en.md")).unwrap();
    // Every front-matter field is present, set or commented.
    for field in [
        "title:",
        "jurisdiction: testcity",
        "doc_type:",
        "issuers:",
        "# doc_number:",
        "# date_issued:",
        "# date_published:",
        "# period:",
        "# addressees:",
        "source:",
        "# summary:",
        "notes:",
        "topics:",
        "indicators:",
        "#    baseline:",
        "#    target:",
        "#    attribute:",
        "#    cumulative:",
        "#    basis:",
        "#    passage:",
    ] {
        assert!(zh.contains(field), "index.md lacks {field}");
    }
    for field in [
        "title:",
        "# summary:",
        "issuers:",
        "translation_note:",
        "notes:",
    ] {
        assert!(en.contains(field), "index.en.md lacks {field}");
    }
    // The pair validates as it is, so a preview works at once.
    let check = plansite(root, &["check"]);
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );

    // Never overwrites: an edited file is kept byte for byte.
    fs::write(dir.join("index.md"), "edited").unwrap();
    let again = plansite(root, NEW_TESTCITY_PLAN);
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("never overwrites"));
    assert_eq!(fs::read_to_string(dir.join("index.md")).unwrap(), "edited");

    let bad = plansite(root, &["new", "plan", "Bad_Slug"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("not a valid plan slug"));
    let unknown = plansite(
        root,
        &["new", "plan", "x-plan", "--jurisdiction", "atlantis"],
    );
    assert_eq!(unknown.status.code(), Some(2));
    let msg = String::from_utf8_lossy(&unknown.stderr);
    assert!(
        msg.contains("unknown jurisdiction `atlantis`") && msg.contains("testcity, testprov"),
        "{msg}"
    );
    assert!(!root.join("content/plans/x-plan").exists());
}

#[test]
fn diff_reports_values_metadata_and_plans_between_revisions() {
    let repo = fixture_copy();
    let root = repo.path();
    git(root, &["init", "-q"]);
    git(root, &["add", "-A"]);
    git(root, &["commit", "-qm", "first"]);

    // A corrected figure, a changed document number, and a new plan.
    let path = root.join("content/plans/mini-plan/index.md");
    let text = fs::read_to_string(&path).unwrap();
    let text = text
        .replace(
            "target: {year: 2025, value: 4.1, comparator: \"≥\"}",
            "target: {year: 2025, value: 4.5, comparator: \"≥\"}",
        )
        .replace("测知发〔2021〕1号", "测知发〔2021〕2号");
    fs::write(&path, text).unwrap();
    let out = plansite(
        root,
        &[
            "new",
            "plan",
            "testprov-plan-2026",
            "--jurisdiction",
            "testprov",
        ],
    );
    assert!(out.status.success());
    git(root, &["add", "-A"]);
    git(root, &["commit", "-qm", "second"]);

    let out = plansite(root, &["diff", "HEAD~1"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let md = String::from_utf8(out.stdout).unwrap();
    // Hashes differ per run; the rest is stable.
    let md = md
        .split_once('\n')
        .map(|(_, rest)| rest.to_string())
        .unwrap();
    insta::assert_snapshot!("diff_markdown", md);

    // The same revision twice: nothing changed.
    let same = plansite(root, &["diff", "HEAD", "HEAD"]);
    assert!(String::from_utf8_lossy(&same.stdout).contains("No changes"));

    // An unknown revision is an error naming it.
    let bad = plansite(root, &["diff", "no-such-rev"]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("no-such-rev"));
}

/// The label of an indicator whose value changes, written to shift the
/// review table, add markup and notify a team.
const HOSTILE_LABEL: &str = "a|b <img src=x onerror=alert(1)> @org/team";

#[test]
fn diff_shows_hostile_labels_as_text_and_refuses_option_like_revisions() {
    let repo = fixture_copy();
    let root = repo.path();
    let path = root.join("content/plans/mini-plan/index.md");
    let text = fs::read_to_string(&path).unwrap();
    fs::write(
        &path,
        text.replace(
            "label: 每万人发明专利拥有量",
            &format!("label: \"{HOSTILE_LABEL}\""),
        ),
    )
    .unwrap();
    git(root, &["init", "-q"]);
    git(root, &["add", "-A"]);
    git(root, &["commit", "-qm", "first"]);
    let text = fs::read_to_string(&path).unwrap();
    fs::write(
        &path,
        text.replace("value: 4.1, comparator", "value: 4.5, comparator"),
    )
    .unwrap();
    git(root, &["commit", "-qam", "second"]);

    let out = plansite(root, &["diff", "HEAD~1"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let md = String::from_utf8(out.stdout).unwrap();
    let row = md
        .lines()
        .find(|l| l.contains("patents-per-10k"))
        .unwrap_or_else(|| panic!("a row for the changed value:\n{md}"));
    // Five cells: the pipe in the label is escaped, so the new value is
    // still in the last column.
    let cells = row.replace("\\|", "").matches('|').count() - 1;
    assert_eq!(cells, 5, "{row}");
    assert!(
        row.ends_with("| 2.04 (2020) → ≥4.5 (2025) 件, expected |"),
        "{row}"
    );
    assert!(
        row.contains("a\\|b &lt;img src=x onerror=alert(1)&gt; @&#8203;org/team"),
        "{row}"
    );
    assert!(!md.contains("<img") && !md.contains("@org"), "{md}");

    // A revision git would read as an option is a usage error, and git is
    // never asked.
    for args in [
        &["diff", "--", "--output=owned"][..],
        &["diff", "HEAD", "--", "-p"][..],
    ] {
        let out = plansite(root, args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("starts with `-`"), "{err}");
    }
    assert!(!root.join("owned").exists());
}

#[cfg(unix)]
#[test]
fn import_refuses_an_input_that_never_ends() {
    let dir = tempfile::tempdir().unwrap();
    let out = plansite(dir.path(), &["import", "/dev/zero"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("/dev/zero") && err.contains("16 MiB"),
        "names the file and the limit: {err}"
    );
}

/// Whether `s` holds a character a terminal would act on.
fn has_controls(s: &str) -> bool {
    s.chars()
        .any(|c| (c.is_control() && c != '\n') || ('\u{202A}'..='\u{202E}').contains(&c))
}

#[test]
fn search_and_diagnostics_print_control_characters_as_escapes() {
    let site = fixture_copy();
    let root = site.path();
    let path = root.join("content/plans/mini-plan/index.md");
    let text = fs::read_to_string(&path).unwrap();
    let text = text
        .replace(
            "title: 测试市知识产权规划",
            "title: \"测试市\\e[31m知识产权\\a规划\\u202E\"",
        )
        .replace(
            "**坚持质量优先。**",
            "## 稀有词语\u{1b}[2J清屏\u{7}响铃\u{7f}\n\n**坚持质量优先。**",
        );
    fs::write(&path, text).unwrap();
    let out = plansite(root, &["build", "--out", "public"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // The added heading makes the translation differ: a warning quoting it.
    let warnings = String::from_utf8(out.stderr).unwrap();
    assert!(warnings.contains("\\u{1b}[2J"), "{warnings}");
    assert!(!has_controls(&warnings), "{warnings:?}");

    let text = plansite(root, &["search", "稀有词语"]);
    let shown = String::from_utf8(text.stdout).unwrap();
    assert!(shown.contains("\\u{1b}[2J清屏\\u{7}响铃\\u{7f}"), "{shown}");
    assert!(shown.contains("\\u{202e}"), "{shown}");
    assert!(!has_controls(&shown), "{shown:?}");

    let json = plansite(root, &["search", "稀有词语", "--json"]);
    let json = String::from_utf8(json.stdout).unwrap();
    assert!(!has_controls(&json), "{json:?}");
    let hits: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(
        hits[0]["title"], "测试市\u{1b}[31m知识产权\u{7}规划\u{202E}",
        "the JSON value is unchanged"
    );
}
