//! The hostile fixture (`tests/fixtures/hostile/`, see its README), end to
//! end with the real binary run from inside a copy of the site: what must
//! build is published inert, what must be refused fails with an error at
//! its own `file:line:column`, quickly and in little memory.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

mod common;
use common::page::Page;
use common::{copy_dir, fixture, manifest};

const BIN: &str = env!("CARGO_BIN_EXE_plansite");

fn hostile() -> PathBuf {
    manifest().join("tests/fixtures/hostile")
}

/// A copy of the fixture site with `overlay` laid over it.
fn site_with(overlay: &Path) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(&fixture(), tmp.path());
    copy_dir(overlay, tmp.path());
    tmp
}

fn plansite(dir: &Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .env("LC_ALL", "C")
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run plansite")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Every file under `dir` whose name ends with `ext`, with its text.
fn texts(dir: &Path, ext: &str) -> Vec<(String, String)> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.file_name().to_string_lossy().ends_with(ext))
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap().display().to_string();
            (rel, fs::read_to_string(e.path()).unwrap())
        })
        .collect()
}

#[test]
fn the_hostile_site_builds_with_every_payload_inert() {
    let site = site_with(&hostile().join("site"));
    let o = plansite(site.path(), &["build"]);
    let err = text(&o.stderr) + &text(&o.stdout);
    assert_eq!(o.status.code(), Some(0), "{err}");
    // Each removal is a warning at the raw HTML's own line.
    for line in [33, 35, 37, 39] {
        let at = format!("content/plans/hostile-plan/index.md:{line}:");
        assert!(err.contains(&at), "no warning at {at}:\n{err}");
    }
    let out = site.path().join("public");
    let pages = texts(&out, ".html");
    assert!(pages.len() > 20);
    let lower = |s: &str| s.to_ascii_lowercase();
    for (path, html) in &pages {
        let h = lower(html);
        let read = Page::parse(html);
        // The only scripts are the theme's files, loaded by `src`, and the
        // bytes hold no `<script` that is not one of them.
        let sources = read.attrs("script", "src");
        assert_eq!(sources.len(), read.count("script"), "{path}: inline script");
        for src in &sources {
            assert!(
                src.contains("static/"),
                "{path}: a script that is not the theme's: {src}"
            );
        }
        assert_eq!(
            h.matches("<script").count(),
            sources.len(),
            "{path}: `<script` published"
        );
        for bad in [
            "javascript:",
            "<iframe",
            "<object",
            "<embed",
            "<base ",
            " srcdoc=",
        ] {
            assert!(!h.contains(bad), "{path}: {bad} published");
        }
        // The theme writes no `style` attribute and no `http-equiv`.
        for bad in [
            "iframe, object, embed, base, [srcdoc]",
            "meta[http-equiv]",
            "[style]",
        ] {
            assert!(!read.has(bad), "{path}: {bad} published");
        }
        let attrs = regex_free_on_attributes(&h);
        assert!(attrs.is_empty(), "{path}: event attributes {attrs:?}");
    }
    let plan = Page::read(out.join("plans/hostile-plan/index.html"));
    assert!(
        plan.texts("sub").contains(&"2".to_owned()),
        "<sub> was not kept"
    );
    assert!(
        plan.texts("sup").contains(&"4".to_owned()),
        "<sup> was not kept"
    );
    assert_eq!(
        plan.text("ruby rt").as_deref(),
        Some("zhī"),
        "<ruby> was not kept"
    );
    assert_eq!(
        plan.attr("abbr", "title").as_deref(),
        Some("知识产权"),
        "<abbr> was not kept"
    );
    assert!(plan.has("main br"), "<br> was not kept");
    // No spreadsheet formula in any CSV cell.
    for (path, csv) in texts(&out, ".csv") {
        let mut r = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(csv.trim_start_matches('\u{feff}').as_bytes());
        for rec in r.records() {
            for cell in rec.unwrap().iter() {
                let formula = cell.starts_with(['=', '+', '@', '\t', '\r'])
                    || (cell.starts_with('-') && cell.parse::<f64>().is_err());
                assert!(!formula, "{path}: a cell that a spreadsheet runs: {cell}");
            }
        }
    }
}

/// The names of the `on…` attributes of the elements in `html`
/// (lower-cased): a small tag reader that skips quoted attribute values,
/// so escaped text such as `&lt;img onerror=…&gt;` in a value is not taken
/// for an attribute.
fn regex_free_on_attributes(html: &str) -> Vec<String> {
    let b = html.as_bytes();
    let mut found = Vec::new();
    let mut i = 0;
    while let Some(open) = html[i..].find('<').map(|k| k + i) {
        i = open + 1;
        if !b.get(i).is_some_and(u8::is_ascii_alphabetic) {
            continue;
        }
        // Skip the tag name (a `/` ends it too, as in `<svg/onload=…>`).
        while i < b.len() && !b[i].is_ascii_whitespace() && !matches!(b[i], b'>' | b'/') {
            i += 1;
        }
        // Attributes until the closing `>`.
        while i < b.len() && b[i] != b'>' {
            while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
                i += 1;
            }
            let start = i;
            while i < b.len() && !b[i].is_ascii_whitespace() && !matches!(b[i], b'=' | b'>') {
                i += 1;
            }
            let name = &html[start..i];
            if name.starts_with("on") && name.len() > 2 {
                found.push(name.to_owned());
            }
            if b.get(i) == Some(&b'=') {
                i += 1;
                match b.get(i) {
                    Some(&q @ (b'"' | b'\'')) => {
                        i += 1;
                        while i < b.len() && b[i] != q {
                            i += 1;
                        }
                        i += 1;
                    }
                    _ => {
                        while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'>' {
                            i += 1;
                        }
                    }
                }
            } else if i == start {
                i += 1;
            }
        }
    }
    found
}

#[test]
fn every_refused_case_fails_at_its_own_place() {
    let mut cases: Vec<PathBuf> = fs::read_dir(hostile().join("refused"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    cases.sort();
    assert!(cases.len() >= 12);
    let mut wrong = Vec::new();
    for case in cases {
        let name = case.file_name().unwrap().to_string_lossy().into_owned();
        let expect = fs::read_to_string(case.join("expect")).unwrap();
        let expect = expect.trim();
        let site = site_with(&case);
        fs::remove_file(site.path().join("expect")).unwrap();
        let o = plansite(site.path(), &["check"]);
        let out = text(&o.stdout) + &text(&o.stderr);
        let located = out
            .lines()
            .any(|l| l.starts_with(expect) && l.contains(": error: "));
        if o.status.code() != Some(1) || !located {
            wrong.push(format!("{name}: expected an error at {expect}, got\n{out}"));
        }
        // Nothing written and no control character echoed to the terminal.
        assert!(!site.path().join("public").exists(), "{name}");
        assert!(
            !out.contains('\u{1b}'),
            "{name}: an escape reached the terminal"
        );
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n\n"));
}

#[test]
fn an_alias_bomb_is_refused_quickly() {
    let site = site_with(&hostile().join("site"));
    let big = "长".repeat(33_000);
    let refs = vec!["*big"; 3_000].join(", ");
    // The anchor comes before its aliases, as YAML requires.
    let plan = format!(
        "---\ntitle: 测试\njurisdiction: testprov\ndoc_type: opinions\nsummary: &big \"{big}\"\n\
         issuers: [{refs}]\ndate_published: 2020-05-11\nsource: {{description: 测试}}\n---\n\n正文。\n"
    );
    assert!(plan.len() > 100_000);
    let dir = site.path().join("content/plans/bomb");
    fs::create_dir_all(&dir).unwrap();
    fs::write(dir.join("index.md"), plan).unwrap();
    let o = plansite(site.path(), &["check"]);
    let out = text(&o.stdout) + &text(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{out}");
    // Refused by the alias count before anything is expanded (expanded, it
    // took minutes and gigabytes), at the first alias past the limit.
    assert!(
        out.contains("content/plans/bomb/index.md:6:")
            && out.contains("the aliases expand to more than 1048576 bytes"),
        "{out}"
    );
}

#[cfg(unix)]
#[test]
fn a_plan_folder_linked_from_outside_the_site_is_refused() {
    let site = site_with(&hostile().join("site"));
    let elsewhere = tempfile::tempdir().unwrap();
    copy_dir(
        &fixture().join("content/plans/zh-only"),
        &elsewhere.path().join("outside"),
    );
    std::os::unix::fs::symlink(
        elsewhere.path().join("outside"),
        site.path().join("content/plans/outside"),
    )
    .unwrap();
    let o = plansite(site.path(), &["check"]);
    let out = text(&o.stdout) + &text(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{out}");
    assert!(out.contains("content/plans/outside"), "{out}");
}

#[cfg(unix)]
#[test]
fn an_unreadable_plan_folder_is_an_error_not_a_silent_skip() {
    use std::os::unix::fs::PermissionsExt;
    let site = site_with(&hostile().join("site"));
    let dir = site.path().join("content/plans/zh-only");
    fs::set_permissions(&dir, fs::Permissions::from_mode(0o000)).unwrap();
    // Root reads everything: nothing to test there.
    let readable = fs::read_dir(&dir).is_ok();
    let o = plansite(site.path(), &["check"]);
    fs::set_permissions(&dir, fs::Permissions::from_mode(0o755)).unwrap();
    if readable {
        eprintln!("SKIPPED: running as a user who reads unreadable folders");
        return;
    }
    let out = text(&o.stdout) + &text(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{out}");
    assert!(out.contains("content/plans/zh-only"), "{out}");
}

#[test]
fn the_attribute_reader_sees_real_attributes_only() {
    let html = r#"<img src=x onerror=a><p title="a onclick=b" onmouseover='c'>&lt;b onload=x&gt;</p><svg/onload=x>"#;
    assert_eq!(
        regex_free_on_attributes(html),
        ["onerror", "onmouseover", "onload"]
    );
}
