//! Staff workflow commands on temporary folders and git repositories:
//! `plansite new plan`, `plansite diff` and `plansite import`.

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

mod common;
use common::{bundled_copy, fixture_copy};

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
        .env("LC_ALL", "C")
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

    // The same revision twice: nothing changed, and it says what it compared.
    let same = plansite(root, &["diff", "HEAD", "HEAD"]);
    let same = String::from_utf8_lossy(&same.stdout);
    assert!(
        same.contains("No changes to published content between HEAD and HEAD"),
        "{same}"
    );

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
    // The label is escaped where it names the changed value, and the field
    // that changed is its own line beneath.
    let escaped = "a\\|b &lt;img src=x onerror=alert(1)&gt; @&#8203;org/team";
    assert!(
        md.contains(&format!(
            "- `mini-plan` · `patents-per-10k` {escaped} — 测试市 (Test City)\n  - target: 4.1 → 4.5\n"
        )),
        "{md}"
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

/// `plansite diff ARGS` run from `dir`, which must succeed; its Markdown.
fn diff_md(dir: &Path, args: &[&str]) -> String {
    let out = plansite(dir, &[&["diff"], args].concat());
    assert!(
        out.status.success(),
        "diff {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Replaces `from` (which must be there) with `to` everywhere in the file
/// `path`.
fn edit(path: &Path, from: &str, to: &str) {
    let text = fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{} lacks {from:?}", path.display());
    fs::write(path, text.replace(from, to)).unwrap();
}

#[test]
fn diff_without_revisions_shows_uncommitted_corrections_field_by_field() {
    let repo = bundled_copy();
    let root = repo.path();
    git(root, &["init", "-q"]);
    git(root, &["add", "-A"]);
    git(root, &["commit", "-qm", "first"]);
    let md = diff_md(root, &[]);
    assert!(
        md.contains("No changes to published content between HEAD and the working tree (compared:"),
        "{md}"
    );

    // A corrected figure, saved but not committed.
    let henan = root.join("content/plans/henan-ip-plan-2022/index.md");
    edit(
        &henan,
        "target: {year: 2025, value: 225, comparator: \"=\"}",
        "target: {year: 2025, value: 235, comparator: \"=\"}",
    );
    // The passage, the body and the summary all state it.
    edit(&henan, "有效商标注册量达225万件", "有效商标注册量达235万件");
    for args in [&[][..], &["HEAD"][..]] {
        let md = diff_md(root, args);
        assert!(md.contains(" → working tree)\n"), "{md}");
        assert!(
            md.contains(
                "- `henan-ip-plan-2022` · `valid-registered-trademarks` 有效商标注册量 — 河南省 (Henan Province)\n  - target: 225 → 235\n  - passage: 有效商标注册量达225万件 → 有效商标注册量达235万件\n"
            ),
            "{md}"
        );
        // One line per changed field, not the whole value twice.
        assert!(
            !md.contains("target year") && !md.contains("112.1 (2020)"),
            "{md}"
        );
    }

    // A population change, with the per-capita figures it moves.
    edit(
        &root.join("content/jurisdictions/henan.md"),
        "value: 99365519",
        "value: 100000000",
    );
    // A catalogue unit, a glossary term, a free page and site.yaml.
    edit(
        &root.join("indicators/copyright-registrations.yaml"),
        "zh: \"件\"",
        "zh: \"项\"",
    );
    edit(
        &root.join("content/glossary.yaml"),
        "en: IP-strong city",
        "en: IP-strong municipality",
    );
    let guide = root.join("content/pages/staff-guide.md");
    fs::write(
        &guide,
        format!(
            "{}\n新增的一段说明。\n",
            fs::read_to_string(&guide).unwrap()
        ),
    )
    .unwrap();
    fs::write(
        root.join("content/pages/about.md"),
        "---\ntitle: 关于\ndescription: 本站简介\n---\n\n简介。\n",
    )
    .unwrap();
    edit(
        &root.join("site.yaml"),
        "en: IP Plans of China's Regions",
        "en: IP Plans",
    );
    // A new plan, not yet added to git.
    let new = plansite(
        root,
        &["new", "plan", "henan-plan-2030", "--jurisdiction", "henan"],
    );
    assert!(new.status.success());
    // An ignored folder is left out, even when it would not build.
    fs::write(root.join(".gitignore"), "content/plans/scratch/\n").unwrap();
    fs::create_dir_all(root.join("content/plans/scratch")).unwrap();
    fs::write(
        root.join("content/plans/scratch/index.md"),
        "not front matter",
    )
    .unwrap();

    let md = diff_md(root, &[]);
    for want in [
        "### Jurisdictions: 1 changed\n\n- `henan` 河南省 (Henan Province)\n  - population: 99,365,519 → 100,000,000\n",
        "  - target per 10,000 people of `henan-ip-plan-2022` · `valid-registered-trademarks`: 226.44 → 235\n",
        "  - baseline per 10,000 people of `henan-ip-plan-2022` · `valid-registered-trademarks`: 112.82 → 112.1\n",
        "### Indicator catalogue: 1 changed\n\n- `copyright-registrations` 版权登记数量 (Copyright registrations)\n  - unit: 件 → 项\n",
        "### Glossary: 1 changed\n\n- 知识产权强市\n  - en: IP-strong city → IP-strong municipality\n",
        "### Pages: 1 added, 1 changed\n\n- added `about (zh)` 关于 — 本站简介\n- `staff-guide (zh)` 编辑工作指南\n  - text: 0 paragraph(s) removed, 1 added or rewritten; first new: “新增的一段说明。”\n",
        "### Site settings: 1 changed\n\n- `site.yaml`\n  - title (en): IP Plans of China's Regions → IP Plans\n",
        "- added `henan-plan-2030` TODO 规划标题(照原文) — 河南省 (Henan Province), 0 indicator value(s)\n",
    ] {
        assert!(md.contains(want), "lacks {want:?}:\n{md}");
    }
    assert!(!md.contains("scratch"), "{md}");

    // Committed, the same changes are between two revisions, and the
    // working tree has nothing new.
    git(root, &["add", "-A"]);
    git(root, &["commit", "-qm", "second"]);
    let committed = diff_md(root, &["HEAD~1", "HEAD"]);
    assert!(committed.contains("  - target: 225 → 235\n"), "{committed}");
    assert!(
        committed.contains("- added `henan-plan-2030`"),
        "{committed}"
    );
    let md = diff_md(root, &[]);
    assert!(
        md.contains("No changes to published content between HEAD and the working tree"),
        "{md}"
    );
}

#[test]
fn diff_outside_a_repository_or_before_a_commit_says_so() {
    let site = fixture_copy();
    let out = Command::new(env!("CARGO_BIN_EXE_plansite"))
        .env("LC_ALL", "C")
        .arg("diff")
        .current_dir(site.path())
        // Never find a repository above the temporary folder.
        .env("GIT_CEILING_DIRECTORIES", site.path().parent().unwrap())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("is not inside a git repository"), "{err}");

    // A repository without a commit has no HEAD to compare with.
    git(site.path(), &["init", "-q"]);
    let out = plansite(site.path(), &["diff"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("no commit yet"), "{err}");
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
    let original = fs::read_to_string(&path).unwrap();
    // Control characters in content are refused, and the diagnostics that
    // quote them print them as escapes.
    let text = original
        .replace(
            "title: 测试市知识产权规划",
            "title: \"测试市\\e[31m知识产权\\a规划\"",
        )
        .replace(
            "**坚持质量优先。**",
            "## 稀有词语\u{1b}[2J清屏\u{7}响铃\u{7f}\n\n**坚持质量优先。**",
        );
    fs::write(&path, text).unwrap();
    let out = plansite(root, &["build", "--out", "public"]);
    assert_eq!(out.status.code(), Some(1));
    let errors = String::from_utf8(out.stderr).unwrap();
    assert!(errors.contains("U+001B"), "{errors}");
    assert!(!has_controls(&errors), "{errors:?}");

    // What content may hold (a right-to-left override is not a control
    // character) reaches `search` output escaped.
    let text = original
        .replace(
            "title: 测试市知识产权规划",
            "title: \"测试市知识产权规划\u{202E}\"",
        )
        .replace(
            "**坚持质量优先。**",
            "## 稀有词语\u{202E}倒序\n\n**坚持质量优先。**",
        );
    fs::write(&path, text).unwrap();
    let out = plansite(root, &["build", "--out", "public"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = plansite(root, &["search", "稀有词语"]);
    let shown = String::from_utf8(text.stdout).unwrap();
    assert!(shown.contains("\\u{202e}"), "{shown}");
    assert!(!has_controls(&shown), "{shown:?}");

    let json = plansite(root, &["search", "稀有词语", "--json"]);
    let json = String::from_utf8(json.stdout).unwrap();
    assert!(!has_controls(&json), "{json:?}");
    let hits: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(
        hits[0]["title"], "测试市知识产权规划\u{202E}",
        "the JSON value is unchanged"
    );
}
