//! How plans relate and where they moved, as staff and readers meet it:
//! the real binary run from inside a copy of the bundled site, with
//! relations and aliases written into its front matter.

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

mod common;
use common::page::Page;

const HENAN: &str = "content/plans/henan-ip-plan-2022/index.md";
const BAOTOU: &str = "content/plans/baotou-ip-plan-2021/index.md";
const GANSU: &str = "content/plans/gansu-ip-port-opinions-2020/index.md";

/// `plansite <args>` in `dir`, as of 2026-12-01 (`SOURCE_DATE_EPOCH`).
fn plansite(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_plansite"))
        .env("LC_ALL", "C")
        .env("SOURCE_DATE_EPOCH", "1796083200")
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap()
}

/// Adds `yaml` (top-level keys) at the end of the front matter of `file`.
fn add_front(dir: &Path, file: &str, yaml: &str) {
    let path = dir.join(file);
    let text = fs::read_to_string(&path).unwrap();
    let mut end = text[3..].find("\n---\n").unwrap() + 4;
    // More entries of a list (`  - …`) go at the end of the plan's
    // `relations:` list, wherever it sits in the front matter.
    if yaml.starts_with("  ") {
        if let Some(start) = text[..end].find("\nrelations:\n") {
            let list = start + "\nrelations:\n".len();
            end = list
                + text[list..end]
                    .split_inclusive('\n')
                    .take_while(|l| l.starts_with(' ') || l.starts_with('-'))
                    .map(str::len)
                    .sum::<usize>();
        }
    }
    let (front, body) = text.split_at(end);
    fs::write(&path, format!("{front}{yaml}{body}")).unwrap();
}

fn read(dir: &Path, path: &str) -> String {
    fs::read_to_string(dir.join("public").join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The 1-based line of the first line of `file` containing `needle`.
fn line_of(dir: &Path, file: &str, needle: &str) -> usize {
    let text = fs::read_to_string(dir.join(file)).unwrap();
    text.lines().position(|l| l.contains(needle)).unwrap() + 1
}

fn plans_json(dir: &Path) -> Vec<serde_json::Value> {
    serde_json::from_str(&read(dir, "data/plans.json")).unwrap()
}

fn record<'a>(plans: &'a [serde_json::Value], slug: &str) -> &'a serde_json::Value {
    plans.iter().find(|p| p["slug"] == slug).unwrap()
}

#[test]
fn relations_show_both_ways_and_decide_status() {
    let site = common::bundled_copy();
    let dir = site.path();
    add_front(
        dir,
        HENAN,
        // More of Henan's relations.
        "  - kind: supersedes\n    plan: baotou-ip-plan-2021\n  - kind: amends\n    plan: gansu-ip-port-opinions-2020\n",
    );
    let o = plansite(dir, &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));

    // The plan that says it: each relation, linked.
    let henan = Page::read(dir.join("public/plans/henan-ip-plan-2022/index.html"));
    let listed = henan.definitions(".relation-list");
    assert!(
        listed.contains(&("替代".into(), "包头市“十四五”知识产权保护和运用规划".into())),
        "{listed:?}"
    );
    assert_eq!(
        henan
            .text(".relation-list dd > span[lang=\"zh\"] > a[href=\"../../plans/baotou-ip-plan-2021/\"]")
            .as_deref(),
        Some("包头市“十四五”知识产权保护和运用规划")
    );
    let national = "《“十四五”国家知识产权保护和运用规划》";
    assert!(
        henan.main_text().contains(&format!("根据{national}"))
            && henan.texts("span").iter().any(|t| t.ends_with(national)),
        "{listed:?}"
    );
    // The plan it is said of: the reverse, and its status.
    let baotou = Page::read(dir.join("public/plans/baotou-ip-plan-2021/index.html"));
    assert_eq!(baotou.text(".status .badge").as_deref(), Some("已被替代"));
    let listed = baotou.definitions(".relation-list");
    assert!(
        listed.iter().any(|(t, _)| t == "被以下文件替代"),
        "{listed:?}"
    );
    assert!(
        baotou.has(".relation-list dd[lang=\"zh\"] > a[href=\"../../plans/henan-ip-plan-2022/\"]")
    );
    assert!(baotou
        .text(".status")
        .unwrap()
        .contains("截至 2026年12月1日"));
    assert_eq!(
        baotou
            .text(".status time[datetime=\"2026-12-01\"]")
            .as_deref(),
        Some("2026年12月1日")
    );
    let en = Page::read(dir.join("public/en/plans/baotou-ip-plan-2021/index.html"));
    assert_eq!(en.text(".status .badge").as_deref(), Some("Superseded"));
    let listed = en.definitions(".relation-list");
    assert!(
        listed
            .iter()
            .any(|(t, d)| t == "Superseded by" && d.starts_with("Henan")),
        "{listed:?}"
    );
    assert!(en.has(".relation-list dd[lang=\"en\"] > a[href=\"../../plans/henan-ip-plan-2022/\"]"));
    assert!(en
        .text(".status")
        .unwrap()
        .contains("as of 1 December 2026"));
    assert_eq!(
        en.text(".status time[datetime=\"2026-12-01\"]").as_deref(),
        Some("1 December 2026")
    );
    // Amended stays in force, with a note.
    let gansu = Page::read(dir.join("public/en/plans/gansu-ip-port-opinions-2020/index.html"));
    assert_eq!(gansu.text(".status .badge").as_deref(), Some("In force"));
    let status = gansu.text(".status").unwrap();
    assert!(status.contains("Amended by Henan"), "{status}");
    assert!(gansu.has(".status a[href=\"../../plans/henan-ip-plan-2022/\"]"));
    // An external title in English where the translation gives one.
    let henan_en = Page::read(dir.join("public/en/plans/henan-ip-plan-2022/index.html"));
    assert!(henan_en.texts("span[lang=\"en\"]").contains(
        &"14th Five-Year National Plan for Intellectual Property Protection and Use".to_owned()
    ));

    let plans = plans_json(dir);
    assert_eq!(
        record(&plans, "baotou-ip-plan-2021")["status"],
        "superseded"
    );
    assert_eq!(record(&plans, "henan-ip-plan-2022")["status"], "expired");
    assert_eq!(
        record(&plans, "gansu-ip-port-opinions-2020")["status"],
        "in_force"
    );
    assert_eq!(
        record(&plans, "henan-ip-plan-2022")["status_as_of"],
        "2026-12-01"
    );
    assert_eq!(
        record(&plans, "henan-ip-plan-2022")["relations"][3],
        serde_json::json!({"kind": "supersedes", "plan": "baotou-ip-plan-2021"})
    );
    // A search facet.
    let o = plansite(
        dir,
        &["search", "知识产权", "--facet", "s=superseded", "--json"],
    );
    let hits: Vec<serde_json::Value> = serde_json::from_slice(&o.stdout).unwrap();
    let found: Vec<&str> = hits.iter().map(|h| h["plan"].as_str().unwrap()).collect();
    assert_eq!(found, ["baotou-ip-plan-2021"]);
    let search = Page::read(dir.join("public/en/search/index.html"));
    assert_eq!(
        search.text("label[for=\"sf-s\"]").as_deref(),
        Some("Status")
    );
    let ne = &record(&plans, "northeast-ip-strategy-opinions-2017")["relations"][0];
    assert_eq!(ne["doc_number"], "中发〔2016〕7号");
    assert_eq!(ne["kind"], "implements");
}

#[test]
fn bad_relations_are_refused_where_they_are_written() {
    let site = common::bundled_copy();
    let dir = site.path();
    add_front(
        dir,
        HENAN,
        "  - kind: cites\n    plan: baotou-ip-plan-2012\n  - kind: cites\n    plan: henan-ip-plan-2022\n  - kind: supersedes\n    plan: baotou-ip-plan-2021\n  - kind: cites\n    title: 不存在的文件\n    passage: 这句话不在正文里\n  - kind: cites\n    issuer: 国务院\n",
    );
    add_front(
        dir,
        BAOTOU,
        "  - kind: supersedes\n    plan: henan-ip-plan-2022\n",
    );
    add_front(
        dir,
        GANSU,
        "relations:\n  - kind: cites\n    title: 河南省知识产权创造保护运用“十四五”规划\n",
    );
    let o = plansite(dir, &["check"]);
    assert!(!o.status.success());
    let err = stderr(&o);
    let at = |file: &str, needle: &str, col: usize| {
        format!("{file}:{}:{col}:", line_of(dir, file, needle))
    };
    assert!(
        err.contains(&format!(
            "{} error: unknown plan `baotou-ip-plan-2012`",
            at(HENAN, "plan: baotou-ip-plan-2012", 11)
        )),
        "{err}"
    );
    assert!(err.contains("did you mean `baotou-ip-plan-2021`?"), "{err}");
    assert!(
        err.contains(&format!(
            "{} error: plan `henan-ip-plan-2022` relates to itself",
            at(HENAN, "plan: henan-ip-plan-2022", 11)
        )),
        "{err}"
    );
    assert!(err.contains("contradictory relations: `henan-ip-plan-2022` → `baotou-ip-plan-2021` → `henan-ip-plan-2022`"), "{err}");
    assert!(err.contains("contradictory relations: `baotou-ip-plan-2021` → `henan-ip-plan-2022` → `baotou-ip-plan-2021`"), "{err}");
    assert!(
        err.contains(&format!(
            "{} error: passage `这句话不在正文里` not found",
            at(HENAN, "passage: 这句话不在正文里", 14)
        )),
        "{err}"
    );
    assert!(err.contains("a relation needs a target"), "{err}");
    // A title that names a plan of the site: link it by slug.
    assert!(err.contains(&format!("{} warning: `河南省知识产权创造保护运用“十四五”规划` is the title of the plan `henan-ip-plan-2022`", at(GANSU, "title: 河南省知识产权创造保护运用", 12))), "{err}");
    assert!(err.contains("write `plan: henan-ip-plan-2022`"), "{err}");
}

#[test]
fn a_moved_plan_redirects_from_its_old_path() {
    let site = common::bundled_copy();
    let dir = site.path();
    add_front(
        dir,
        HENAN,
        "aliases:\n  - /plans/henan-2022/\n  - /old/henan.html\n",
    );
    let o = plansite(dir, &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let raw = read(dir, "plans/henan-2022/index.html");
    assert!(!raw.contains("<script"), "{raw}");
    let zh = Page::parse(&raw);
    assert_eq!(zh.attr("html", "lang").as_deref(), Some("zh-Hans"));
    let refresh = |page: &Page| page.attr("meta[http-equiv=\"refresh\"]", "content");
    assert_eq!(
        refresh(&zh).as_deref(),
        Some("0; url=../../plans/henan-ip-plan-2022/"),
        "{raw}"
    );
    assert!(
        zh.attr("link[rel=\"canonical\"]", "href")
            .is_some_and(|h| h.starts_with("https://")),
        "{raw}"
    );
    assert_eq!(
        zh.text("a[href=\"../../plans/henan-ip-plan-2022/\"]")
            .as_deref(),
        Some("河南省知识产权创造保护运用“十四五”规划")
    );
    let en = Page::read(dir.join("public/en/plans/henan-2022/index.html"));
    assert_eq!(
        refresh(&en).as_deref(),
        Some("0; url=../../../en/plans/henan-ip-plan-2022/")
    );
    assert!(en.visible_text().contains("This page has moved to"));
    let file = Page::read(dir.join("public/old/henan.html"));
    assert_eq!(
        refresh(&file).as_deref(),
        Some("0; url=../plans/henan-ip-plan-2022/")
    );
    let sitemap = read(dir, "sitemap.xml");
    assert!(!sitemap.contains("henan-2022/") && !sitemap.contains("old/henan"));
    // A check finds no broken link in them.
    let o = plansite(dir, &["check"]);
    assert!(o.status.success(), "{}", stderr(&o));
}

const HOSTILE: &str = "aliases:\n  - /plans/baotou-ip-plan-2021/\n  - /plans/shared/\n  - javascript:alert(1)\n  - https://evil.example/x/\n  - /plans/../../../etc/\n  - plans/relative/\n";

#[test]
fn colliding_and_hostile_aliases_are_refused_where_they_are_written() {
    let site = common::bundled_copy();
    let dir = site.path();
    add_front(dir, HENAN, HOSTILE);
    add_front(dir, GANSU, "aliases:\n  - /plans/shared/\n");
    let o = plansite(dir, &["check"]);
    assert!(!o.status.success());
    let err = stderr(&o);
    let at = |file: &str, needle: &str| format!("{file}:{}:5:", line_of(dir, file, needle));
    for (needle, why) in [
        (
            "- /plans/baotou-ip-plan-2021/",
            "it is the page of the plan `baotou-ip-plan-2021`",
        ),
        (
            "- /plans/shared/",
            "the plan `gansu-ip-port-opinions-2020` has the same alias",
        ),
        ("- javascript:", "it is a URL or a scheme"),
        ("- https://evil", "it is a URL or a scheme"),
        ("- /plans/../", "`.` and `..` lead outside the path"),
        ("- plans/relative/", "it must start with `/`"),
    ] {
        assert!(
            err.contains(&format!("{} error: alias", at(HENAN, needle))) && err.contains(why),
            "{needle}: {err}"
        );
    }
    assert!(err.contains(&format!("{} error: alias `/plans/shared/` refused: the plan `henan-ip-plan-2022` has the same alias", at(GANSU, "- /plans/shared/"))), "{err}");
    // A page the site makes is found when the pages are.
    fs::write(
        dir.join(HENAN),
        fs::read_to_string(dir.join(HENAN))
            .unwrap()
            .replace(HOSTILE, "aliases:\n  - /jurisdictions/henan/\n"),
    )
    .unwrap();
    fs::write(
        dir.join(GANSU),
        fs::read_to_string(dir.join(GANSU))
            .unwrap()
            .replace("aliases:\n  - /plans/shared/\n", ""),
    )
    .unwrap();
    let o = plansite(dir, &["check"]);
    let err = stderr(&o);
    // A control character is refused where it is written.
    fs::write(
        dir.join(GANSU),
        fs::read_to_string(dir.join(GANSU)).unwrap().replacen(
            "---\n",
            "---\naliases: [\"/plans/a\\u001bb/\"]\n",
            1,
        ),
    )
    .unwrap();
    let o = plansite(dir, &["check"]);
    let err2 = stderr(&o);
    assert!(
        err2.contains(&format!("{GANSU}:2:")) && err2.contains("control character"),
        "{err2}"
    );
    assert!(err.contains(&format!("{} error: alias `/jurisdictions/henan/` collides with `jurisdictions/henan/index.html`", at(HENAN, "- /jurisdictions/henan/"))), "{err}");
}

#[test]
fn import_proposes_the_documents_a_text_cites() {
    let tmp = tempfile::tempdir().unwrap();
    fs::write(
        tmp.path().join("sample.txt"),
        "关于印发《某市知识产权工作方案》的通知\n\n为贯彻落实《中共中央 国务院关于全面振兴东北地区等老工业基地的若干意见》（中发〔2016〕7号），根据国发〔2021〕20号文件精神，制定本方案。\n\n一、总体要求\n\n到2025年，专利申请量达到100件。\n",
    )
    .unwrap();
    let o = plansite(tmp.path(), &["import", "sample.txt"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = String::from_utf8(o.stdout).unwrap();
    let proposed = "# relations:\n#   - kind: cites\n#     title: 中共中央 国务院关于全面振兴东北地区等老工业基地的若干意见\n#     doc_number: 中发〔2016〕7号\n#     passage: 《中共中央 国务院关于全面振兴东北地区等老工业基地的若干意见》（中发〔2016〕7号）\n#   - kind: cites\n#     doc_number: 国发〔2021〕20号\n#     passage: 国发〔2021〕20号\n---\n";
    assert!(out.contains(proposed), "{out}");
    // Its own title is not a document it cites.
    assert!(!out.contains("#     title: 某市知识产权工作方案"));
}

fn git(dir: &Path, args: &[&str]) {
    let o = Command::new("git")
        .args([
            "-c",
            "user.name=Staff",
            "-c",
            "user.email=staff@example.org",
        ])
        .args(args)
        .env("GIT_COMMITTER_DATE", "2026-12-01T10:00:00Z")
        .env("GIT_AUTHOR_DATE", "2026-12-01T10:00:00Z")
        .current_dir(dir)
        .output()
        .expect("git");
    assert!(o.status.success(), "git {args:?}: {}", stderr(&o));
}

#[test]
fn diff_reports_a_renamed_plan_as_a_move_with_the_alias_it_needs() {
    let site = common::bundled_copy();
    let dir = site.path();
    git(dir, &["init", "-q"]);
    git(dir, &["add", "-A"]);
    git(dir, &["commit", "-qm", "The bundled plans"]);
    git(
        dir,
        &[
            "mv",
            "content/plans/henan-ip-plan-2022",
            "content/plans/henan-2022",
        ],
    );
    let o = plansite(dir, &["diff"]);
    let out = String::from_utf8_lossy(&o.stdout).into_owned();
    assert!(out.contains("### Plans: 1 changed\n"), "{out}");
    assert!(out.contains("- `henan-2022` 河南省知识产权创造保护运用“十四五”规划\n  - slug: henan-ip-plan-2022 → henan-2022\n"), "{out}");
    assert!(
        out.contains(
            "content/plans/henan-2022/index.md: aliases: \\[/plans/henan-ip-plan-2022/\\]"
        ),
        "{out}"
    );
    assert!(!out.contains("removed") && !out.contains("added"), "{out}");
    // With the alias, the move is reported as covered; the old address
    // redirects once built.
    add_front(
        dir,
        "content/plans/henan-2022/index.md",
        "aliases:\n  - /plans/henan-ip-plan-2022/\n",
    );
    let o = plansite(dir, &["diff"]);
    let out = String::from_utf8_lossy(&o.stdout).into_owned();
    assert!(
        out.contains("aliases: moved; its aliases keep /plans/henan-ip-plan-2022/ working"),
        "{out}"
    );
    let o = plansite(dir, &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        read(dir, "plans/henan-ip-plan-2022/index.html").contains("url=../../plans/henan-2022/")
    );
    // Statuses are as of the commit's date, without SOURCE_DATE_EPOCH.
    let o = Command::new(env!("CARGO_BIN_EXE_plansite"))
        .env("LC_ALL", "C")
        .env_remove("SOURCE_DATE_EPOCH")
        .args(["build"])
        .current_dir(dir)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        record(&plans_json(dir), "henan-2022")["status_as_of"],
        "2026-12-01"
    );
}

#[test]
fn hostile_relations_are_inert_or_refused() {
    let site = common::bundled_copy();
    let dir = site.path();
    add_front(
        dir,
        GANSU,
        "relations:\n  - kind: cites\n    title: \"<script>alert(1)</script>《x》\"\n    issuer: \"<img src=x onerror=alert(2)>\"\n",
    );
    let o = plansite(dir, &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let page = read(dir, "plans/gansu-ip-port-opinions-2020/index.html");
    assert!(!page.contains("<script>alert") && !page.contains("<img src=x"));
    let read_page = Page::parse(&page);
    assert!(!read_page.has("script:not([src]), img[src=\"x\"], [onerror]"));
    assert!(read_page
        .main_text()
        .contains("<script>alert(1)</script>《x》"));
    assert!(
        page.contains("&lt;script&gt;alert(1)&lt;&#x2F;script&gt;")
            || page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "{page}"
    );
    // A URL that is not http(s), and a huge title, at their lines.
    let huge = "标".repeat(200_000);
    add_front(
        dir,
        GANSU,
        &format!("  - kind: cites\n    title: {huge}\n    url: \"javascript:alert(3)\"\n"),
    );
    let o = plansite(dir, &["check"]);
    let err = stderr(&o);
    let line = line_of(dir, GANSU, "url: \"javascript:");
    assert!(
        err.contains(&format!("{GANSU}:{line}:10: error: url:")),
        "{err}"
    );
}

/// The feeds, `robots.txt` and the sitemap are made after the pages: an
/// alias on one of them (or under it) is refused at its place by `check`
/// and `build`, not left to fail when the output is written. So is one on
/// a numbered sitemap, which a site writes once it grows past the
/// sitemap's limits.
#[test]
fn an_alias_on_a_feed_or_the_sitemap_is_refused_at_its_place() {
    let site = common::fixture_copy();
    let dir = site.path();
    let plan = "content/plans/mini-plan/index.md";
    add_front(
        dir,
        plan,
        "aliases:\n  - /changes/atom.xml\n  - /sitemap.xml\n  - /robots.txt\n  - /atom.xml\n  - /sitemap-2.xml/old/\n",
    );
    for cmd in ["check", "build"] {
        let o = plansite(dir, &[cmd]);
        assert!(!o.status.success(), "{cmd}");
        let err = stderr(&o);
        for (needle, file) in [
            ("- /changes/atom.xml", "changes/atom.xml"),
            ("- /sitemap.xml", "sitemap.xml"),
            ("- /robots.txt", "robots.txt"),
            ("- /atom.xml", "atom.xml"),
            ("- /sitemap-2.xml/old/", "sitemap-2.xml"),
        ] {
            let at = format!("{plan}:{}:5:", line_of(dir, plan, needle));
            assert!(
                err.contains(&format!("{at} error: alias"))
                    && err.contains(&format!("collides with `{file}`")),
                "{cmd} {needle}: {err}"
            );
        }
        assert!(!err.contains("cannot write output"), "{err}");
    }
}

/// A plan that supersedes a draft names the draft by its slug, unlinked,
/// and marks the slug as Latin text, not Chinese.
#[test]
fn a_relation_to_a_draft_names_its_slug_unlinked() {
    let site = common::bundled_copy();
    let dir = site.path();
    common::copy_dir(
        &dir.join("content/plans/baotou-ip-plan-2021"),
        &dir.join("content/plans/baotou-draft"),
    );
    let draft = "content/plans/baotou-draft/index.md";
    fs::write(
        dir.join(draft),
        fs::read_to_string(dir.join(draft))
            .unwrap()
            .replacen("---\n", "---\ndraft: true\n", 1),
    )
    .unwrap();
    add_front(
        dir,
        GANSU,
        "relations:\n  - kind: cites\n    plan: baotou-draft\n",
    );
    let o = plansite(dir, &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    for page in [
        "plans/gansu-ip-port-opinions-2020/index.html",
        "en/plans/gansu-ip-port-opinions-2020/index.html",
    ] {
        let html = read(dir, page);
        assert!(
            Page::parse(&html)
                .texts("span[lang=\"en\"]")
                .contains(&"baotou-draft".to_owned()),
            "{page}: {html}"
        );
        assert!(
            !html.contains("plans/baotou-draft/"),
            "a draft is not linked"
        );
    }
}

/// `/plans/x/` and `/plans/x/index.html` are one file: two plans listing
/// them are refused like any shared alias, instead of one redirect
/// silently replacing the other; `/index.html` is the home page.
#[test]
fn an_alias_and_its_index_file_are_one_path() {
    let site = common::fixture_copy();
    let dir = site.path();
    let plan = "content/plans/mini-plan/index.md";
    add_front(
        dir,
        plan,
        "aliases:\n  - /plans/x/\n  - /plans/x/index.html\n  - /index.html\n",
    );
    let o = plansite(dir, &["check"]);
    assert!(!o.status.success());
    let err = stderr(&o);
    let at = |needle: &str| format!("{plan}:{}:5:", line_of(dir, plan, needle));
    assert!(
        err.contains(&format!(
            "{} error: alias `/plans/x/index.html` refused: it is listed twice",
            at("- /plans/x/index.html")
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "{} error: alias `/index.html` refused: it is the home page",
            at("- /index.html")
        )),
        "{err}"
    );
}
