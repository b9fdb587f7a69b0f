//! Updates over time, as staff make them: commits in a real git repository
//! (fixed dates), then `plansite build` run from inside the site with
//! default flags. Last-updated dates, the change history of a plan, the
//! recent changes page and its feed, and the fallbacks outside git.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;
use std::process::{Command, Output};

mod common;
use common::page::Page;
use common::{copy_dir, fixture, fixture_copy};

fn plansite(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_plansite"))
        .env("LC_ALL", "C")
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap()
}

/// Runs git in `dir` as a test user, commits dated `date` (ISO 8601).
fn git_at(dir: &Path, date: &str, args: &[&str]) {
    let out = Command::new("git")
        .args(["-c", "user.name=Plansite Test"])
        .args(["-c", "user.email=test@example.org"])
        .args([
            "-c",
            "commit.gpgsign=false",
            "-c",
            "init.defaultBranch=main",
        ])
        .env("GIT_AUTHOR_DATE", date)
        .env("GIT_COMMITTER_DATE", date)
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

/// Commits everything in `dir` with `subject`, dated `date`.
fn commit(dir: &Path, date: &str, subject: &str) {
    git_at(dir, date, &["add", "-A"]);
    git_at(dir, date, &["commit", "-q", "-m", subject]);
}

fn build(site: &Path, out: &str) -> Output {
    let o = plansite(site, &["build", "--out", out]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    o
}

fn read(dir: &Path, path: &str) -> String {
    fs::read_to_string(dir.join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Every file under `dir`, path → bytes.
fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap();
            (
                rel.to_string_lossy().into_owned(),
                fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

/// The change history section of a plan page, as a reader sees it.
#[derive(Debug)]
struct History {
    /// Its visible text.
    text: String,
    /// The old values of its changes (`<del>`).
    old: Vec<String>,
    /// The new values of its changes (`<ins>`).
    new: Vec<String>,
}

impl History {
    fn contains(&self, text: &str) -> bool {
        self.text.contains(text)
    }

    /// Whether a change from `old` to `new` is listed.
    fn changed(&self, old: &str, new: &str) -> bool {
        self.old.iter().any(|o| o == old) && self.new.iter().any(|n| n == new)
    }
}

fn history_section(page: &str) -> History {
    let read = Page::parse(page);
    History {
        text: read.visible_text_of("#history").expect("a history section"),
        old: read.texts("#history del"),
        new: read.texts("#history ins"),
    }
}

/// The texts of the `<time>` elements of `page` dated `datetime`.
fn dated(page: &str, datetime: &str) -> Vec<String> {
    Page::parse(page).texts(&format!("time[datetime=\"{datetime}\"]"))
}

const PLAN: &str = "content/plans/mini-plan/index.md";

fn edit(site: &Path, path: &str, from: &str, to: &str) {
    let p = site.join(path);
    let text = fs::read_to_string(&p).unwrap();
    assert!(text.contains(from), "{from} in {path}");
    fs::write(&p, text.replacen(from, to, 1)).unwrap();
}

/// A repository whose site is in `site/`: the fixture added, then a
/// corrected target.
fn repository_with_a_correction() -> tempfile::TempDir {
    let repo = tempfile::tempdir().unwrap();
    let site = repo.path().join("site");
    copy_dir(&fixture(), &site);
    git_at(repo.path(), "2026-01-10T10:00:00+00:00", &["init", "-q"]);
    commit(
        repo.path(),
        "2026-01-10T10:00:00+00:00",
        "Add the test city",
    );
    edit(
        &site,
        PLAN,
        "target: {year: 2025, value: 4.1, comparator: \"≥\"}",
        "target: {year: 2025, value: 4.5, comparator: \"≥\"}",
    );
    commit(
        repo.path(),
        "2026-02-01T09:30:00+08:00",
        "Correct the patents target against the official PDF",
    );
    repo
}

#[test]
fn a_corrected_figure_is_dated_listed_and_fed() {
    let repo = repository_with_a_correction();
    let site = repo.path().join("site");
    build(&site, "public");
    let out = site.join("public");

    let page = read(&out, "plans/mini-plan/index.html");
    // Last updated: the correction's commit date, never the clock.
    assert!(
        dated(&page, "2026-02-01T09:30:00+08:00").contains(&"2026年2月1日".to_owned()),
        "{page}"
    );
    let history = history_section(&page);
    assert!(history.contains("Correct the patents target against the official PDF"));
    assert!(history.changed("4.1", "4.5"), "{history:?}");
    assert!(history.contains("目标值"), "{history:?}");
    let en = read(&out, "en/plans/mini-plan/index.html");
    let en_history = history_section(&en);
    assert!(en_history.contains("Change history") && en_history.contains("Target"));
    assert!(Page::parse(&en)
        .texts("time")
        .contains(&"1 February 2026".to_owned()));

    // Recent changes: the correction first, then the plans added.
    let changes = Page::read(out.join("changes/index.html"));
    let items = changes.texts(".changes-list > li");
    let first = items
        .iter()
        .position(|i| i.contains("Correct the patents target"))
        .expect("listed");
    let added = changes
        .texts(".changes-list > li span.tag")
        .iter()
        .position(|t| t == "新增规划")
        .expect("new plans listed");
    assert!(first < added, "newest first: {items:?}");
    assert!(changes.has("a[href=\"../plans/mini-plan/#history\"]"));
    assert!(read(&out, "en/changes/index.html").contains("Figures corrected"));
    let feed = read(&out, "changes/atom.xml");
    assert!(feed.contains("<updated>2026-02-01T09:30:00+08:00</updated>"));
    assert!(feed.contains("Correct the patents target"));
    assert!(feed.contains("plans/mini-plan/#history"));
    assert!(read(&out, "en/changes/atom.xml").contains("Figures corrected"));
    // Linked from every page, shown on the home page, in the sitemap.
    assert!(page.contains("changes/atom.xml"));
    assert!(
        read(&out, "index.html").contains("Correct the patents target")
            || read(&out, "index.html").contains("数据更正")
    );
    let sitemap = read(&out, "sitemap.xml");
    assert!(sitemap.contains("changes/</loc>"));
    assert!(sitemap.contains("<lastmod>2026-02-01T09:30:00+08:00</lastmod>"));
    // The plans feed dates entries by their last change.
    assert!(read(&out, "atom.xml").contains("<updated>2026-02-01T09:30:00+08:00</updated>"));

    // The same commit builds to the same bytes.
    build(&site, "public2");
    assert!(
        tree(&out) == tree(&site.join("public2")),
        "second build differs"
    );
}

#[test]
fn outside_git_the_build_uses_document_dates_and_editorial_notes() {
    let tmp = fixture_copy();
    let site = tmp.path();
    edit(
        site,
        PLAN,
        "summary: 一份用于测试的规划。\n",
        "summary: 一份用于测试的规划。\ncorrections:\n  - {date: 2026-03-02, note_zh: 目标值已与官方PDF核对, note_en: Target checked against the official PDF}\n",
    );
    build(site, "public");
    let out = site.join("public");
    let page = read(&out, "plans/mini-plan/index.html");
    // date_published of the plan.
    assert!(dated(&page, "2021-12-30T00:00:00Z").contains(&"2021年12月30日".to_owned()));
    let history = history_section(&page);
    assert!(history.contains("目标值已与官方PDF核对"));
    assert!(history.contains("没有 git 历史"));
    let en = read(&out, "en/plans/mini-plan/index.html");
    assert!(history_section(&en).contains("Target checked against the official PDF"));
    // The editorial note is a change; nothing else is known.
    let changes = read(&out, "en/changes/index.html");
    assert!(changes.contains("Editorial note") && !changes.contains("New plan"));
    // Jurisdictions have no date to show outside git.
    assert!(!Page::read(out.join("jurisdictions/testcity/index.html")).has(".updated"));
    let sitemap = read(&out, "sitemap.xml");
    assert!(sitemap.contains("<lastmod>2021-12-30T00:00:00Z</lastmod>"));
}

#[test]
fn editorial_entries_need_a_date_and_both_notes() {
    for (entry, line, says) in [
        (
            "{date: 2026-13-02, note_zh: 核对, note_en: Checked}",
            "index.md:13:",
            "month 13 does not exist",
        ),
        (
            "{date: 2026-03-02, note_zh: 核对}",
            "index.md:13:",
            "`note_en` is missing",
        ),
        (
            "{date: 2026-03-02, note_zh: '  ', note_en: Checked}",
            "index.md:13:",
            "this note is empty",
        ),
    ] {
        let tmp = fixture_copy();
        let site = tmp.path();
        edit(
            site,
            PLAN,
            "summary: 一份用于测试的规划。\n",
            &format!("summary: 一份用于测试的规划。\ncorrections:\n  - {entry}\n"),
        );
        let o = plansite(site, &["check"]);
        assert!(!o.status.success(), "{entry}");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(
            err.contains(&format!("content/plans/mini-plan/{line}")) && err.contains(says),
            "{entry}: {err}"
        );
    }
}

#[test]
fn uncommitted_edits_show_head_date_marked_as_uncommitted() {
    let repo = repository_with_a_correction();
    let site = repo.path().join("site");
    edit(&site, PLAN, "测知发〔2021〕1号", "测知发〔2021〕3号");
    build(&site, "public");
    let page = read(&site.join("public"), "plans/mini-plan/index.html");
    assert!(!dated(&page, "2026-02-01T09:30:00+08:00").is_empty());
    assert!(page.contains("含未提交的修改"), "{page}");
    // Not listed as a correction until committed.
    assert!(!history_section(&page).contains("3号"));
    // The other plan is unchanged.
    let other = read(&site.join("public"), "plans/zh-only/index.html");
    assert!(!other.contains("含未提交的修改"));
    build(&site, "public2");
    assert!(tree(&site.join("public")) == tree(&site.join("public2")));
}

#[test]
fn hostile_commit_subjects_are_inert_and_bounded() {
    let repo = repository_with_a_correction();
    let site = repo.path().join("site");
    edit(&site, PLAN, "测知发〔2021〕1号", "测知发〔2021〕4号");
    let subject = format!(
        "<script>alert(1)</script>\u{1b}[2J\u{7}{}",
        "x".repeat(10_000)
    );
    commit(repo.path(), "2026-03-01T00:00:00+00:00", &subject);
    build(&site, "public");
    let out = site.join("public");
    for path in [
        "plans/mini-plan/index.html",
        "changes/index.html",
        "changes/atom.xml",
        "en/changes/atom.xml",
        "index.html",
    ] {
        let text = read(&out, path);
        assert!(!text.contains("<script>alert"), "{path}");
        assert!(
            !text.contains('\u{1b}') && !text.contains('\u{7}'),
            "{path}"
        );
        assert!(
            !text.contains(&"x".repeat(300)),
            "{path} bounds the subject"
        );
    }
    let page = read(&out, "plans/mini-plan/index.html");
    assert!(
        page.contains("&lt;script&gt;alert(1)&lt;&#x2F;script&gt;")
            || page.contains("&lt;script&gt;alert(1)&lt;/script&gt;")
    );
    let history = history_section(&page);
    assert!(history.new.contains(&"测知发〔2021〕4号".to_owned()));
    // A reader sees the subject as text.
    assert!(history.contains("<script>alert(1)</script>"), "{history:?}");
}

#[test]
fn a_version_that_does_not_parse_is_skipped() {
    let repo = repository_with_a_correction();
    let site = repo.path().join("site");
    let good = fs::read_to_string(site.join(PLAN)).unwrap();
    fs::write(site.join(PLAN), "---\ntitle: [unclosed\n---\n").unwrap();
    commit(
        repo.path(),
        "2026-03-01T00:00:00+00:00",
        "Broken on purpose",
    );
    fs::write(
        site.join(PLAN),
        good.replace("测知发〔2021〕1号", "测知发〔2021〕5号"),
    )
    .unwrap();
    commit(repo.path(), "2026-03-02T00:00:00+00:00", "Repaired");
    build(&site, "public");
    let page = read(&site.join("public"), "plans/mini-plan/index.html");
    let history = history_section(&page);
    // The earlier correction is still listed; the broken version is not.
    assert!(history.new.contains(&"4.5".to_owned()));
    assert!(!history.contains("Broken on purpose"));
    assert!(!dated(&page, "2026-03-02T00:00:00Z").is_empty());
}

#[test]
fn history_since_keeps_earlier_edits_out_of_the_public_log() {
    let repo = repository_with_a_correction();
    let site = repo.path().join("site");
    let yaml = fs::read_to_string(site.join("site.yaml")).unwrap();
    fs::write(
        site.join("site.yaml"),
        format!("{yaml}history: {{since: 2026-01-15}}\n"),
    )
    .unwrap();
    commit(
        repo.path(),
        "2026-03-01T00:00:00+00:00",
        "The site goes public",
    );
    build(&site, "public");
    let out = site.join("public");
    let changes = Page::read(out.join("changes/index.html"));
    // The plans were added before the site went public: not listed.
    let tags = changes.texts(".changes-list span.tag");
    assert!(!tags.contains(&"新增规划".to_owned()), "{tags:?}");
    assert!(changes.main_text().contains("Correct the patents target"));
    assert!(history_section(&read(&out, "plans/mini-plan/index.html")).contains("2026年1月15日"));
}

#[test]
fn a_shallow_clone_warns_and_falls_back() {
    let repo = repository_with_a_correction();
    let clone = tempfile::tempdir().unwrap();
    let url = format!("file://{}", repo.path().display());
    git_at(
        clone.path(),
        "2026-04-01T00:00:00+00:00",
        &["clone", "-q", "--depth", "1", &url, "c"],
    );
    let site = clone.path().join("c/site");
    let o = build(&site, "public");
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("shallow clone") && err.contains("fetch-depth: 0"),
        "{err}"
    );
    assert_eq!(err.matches("shallow clone").count(), 1, "{err}");
    let page = read(&site.join("public"), "plans/mini-plan/index.html");
    assert!(!dated(&page, "2021-12-30T00:00:00Z").is_empty());
}

#[test]
fn workflows_that_build_check_out_the_whole_history() {
    for path in [
        ".github/workflows/pages.yml",
        "src/init/template/github/workflows/pages.yml",
        "src/init/template/github/workflows/check.yml",
    ] {
        let text = read(&common::manifest(), path);
        // Each job that builds or checks the site checks out with fetch-depth: 0.
        let mut jobs: Vec<String> = Vec::new();
        for line in text.lines() {
            let starts_job = line.starts_with("  ") && !line.starts_with("   ");
            match jobs.last_mut() {
                Some(job) if !starts_job => {
                    job.push_str(line);
                    job.push('\n');
                }
                _ => jobs.push(format!("{line}\n")),
            }
        }
        for job in jobs.iter().filter(|j| j.contains("run: plansite ")) {
            let checkout = job.find("actions/checkout").expect("a checkout");
            let step_end = job[checkout..]
                .find("\n      - ")
                .map_or(job.len(), |e| e + checkout);
            assert!(
                job[checkout..step_end].contains("fetch-depth: 0"),
                "{path}: {job}"
            );
        }
    }
}

#[test]
fn text_only_edits_are_summarised_not_listed() {
    let repo = repository_with_a_correction();
    let site = repo.path().join("site");
    edit(&site, PLAN, "完善工作机制。", "健全工作机制。");
    commit(repo.path(), "2026-03-01T00:00:00+00:00", "Reword a task");
    build(&site, "public");
    let page = read(&site.join("public"), "plans/mini-plan/index.html");
    let history = history_section(&page);
    assert!(history.contains("另有 1 次提交修改了正文"), "{history:?}");
    assert!(!history.contains("Reword a task"));
    // Still the last change to the plan.
    assert!(!dated(&page, "2026-03-01T00:00:00Z").is_empty());
    let en = read(&site.join("public"), "en/plans/mini-plan/index.html");
    assert!(history_section(&en).contains("1 other commit(s) edited the text"));
}

/// A correction dated after the last commit (a mistyped year) would head
/// the recent changes for decades: `check` warns at its date.
#[test]
fn a_correction_dated_after_the_last_commit_is_warned_about() {
    let repo = repository_with_a_correction();
    let site = repo.path().join("site");
    edit(
        &site,
        PLAN,
        "summary: 一份用于测试的规划。\n",
        "summary: 一份用于测试的规划。\ncorrections:\n  - {date: 2099-03-02, note_zh: 核对, note_en: Checked}\n  - {date: 2026-01-20, note_zh: 核对, note_en: Checked}\n",
    );
    commit(repo.path(), "2026-03-01T09:00:00+00:00", "Note the check");
    let o = plansite(&site, &["check"]);
    assert!(o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("content/plans/mini-plan/index.md:13:")
            && err.contains(
                "warning: this correction is dated 2099-03-02, after the site's date 2026-03-01"
            ),
        "{err}"
    );
    assert_eq!(err.matches("this correction is dated").count(), 1, "{err}");
}

/// A commit that left a plan broken (it did not build, so nothing was
/// published) and the commit that repaired it: the history lists the
/// change between the two versions that built, not nothing.
#[test]
fn a_change_made_through_a_broken_commit_is_still_listed() {
    let repo = repository_with_a_correction();
    let site = repo.path().join("site");
    edit(
        &site,
        PLAN,
        "target: {year: 2025, value: 4.5, comparator: \"≥\"}",
        "target: {year: 2025, value: 4.8, comparator: \"=>\"}",
    );
    commit(repo.path(), "2026-03-01T09:00:00+00:00", "Raise the target");
    assert!(
        !plansite(&site, &["check"]).status.success(),
        "the commit is broken"
    );
    edit(&site, PLAN, "comparator: \"=>\"", "comparator: \"≥\"");
    commit(
        repo.path(),
        "2026-03-02T09:00:00+00:00",
        "Repair the comparator",
    );
    build(&site, "public");
    let page = read(&site.join("public"), "plans/mini-plan/index.html");
    let history = history_section(&page);
    assert!(
        history.contains("Repair the comparator") && history.changed("4.5", "4.8"),
        "{history:?}"
    );
    assert!(
        history.changed("4.1", "4.5"),
        "the earlier correction stays"
    );
}

/// A corrected reported figure and a relation added are listed in the
/// change history as they changed, old → new, like a corrected target.
#[test]
fn reported_figures_and_relations_are_listed_when_they_change() {
    let repo = tempfile::tempdir().unwrap();
    let site = repo.path().join("site");
    copy_dir(&fixture(), &site);
    edit(
        &site,
        PLAN,
        "## 一、发展目标\n",
        "## 一、发展目标\n\n2020年质押融资金额为3.2亿元。依据《测试市科技创新规划》制定。\n",
    );
    edit(
        &site,
        PLAN,
        "indicators:\n",
        "reported:\n  - {id: pledge-amount, label: 质押融资金额, value: 3.2, unit: 亿元, year: 2020, passage: 2020年质押融资金额为3.2亿元}\nindicators:\n",
    );
    git_at(repo.path(), "2026-01-10T10:00:00+00:00", &["init", "-q"]);
    commit(
        repo.path(),
        "2026-01-10T10:00:00+00:00",
        "Add the test city",
    );
    edit(&site, PLAN, "为3.2亿元", "为3.5亿元"); // the passage
    edit(&site, PLAN, "为3.2亿元", "为3.5亿元"); // the text
    edit(
        &site,
        PLAN,
        "value: 3.2, unit: 亿元",
        "value: 3.5, unit: 亿元",
    );
    edit(
        &site,
        PLAN,
        "indicators:\n",
        "relations:\n  - {kind: cites, title: 测试市科技创新规划, passage: 《测试市科技创新规划》}\nindicators:\n",
    );
    commit(
        repo.path(),
        "2026-02-01T09:30:00+08:00",
        "Correct the 2020 pledge figure; record the plan it cites",
    );
    let o = build(&site, "public");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let page = read(&site.join("public"), "plans/mini-plan/index.html");
    let history = history_section(&page);
    assert!(
        history.contains("Correct the 2020 pledge figure"),
        "{history:?}"
    );
    assert!(
        history.changed("3.2 亿元 (2020)", "3.5 亿元 (2020)"),
        "{history:?}"
    );
    assert!(
        history.contains("报告值") && history.contains("关联文件"),
        "{history:?}"
    );
    assert!(history.contains("cites 测试市科技创新规划"), "{history:?}");
}
