//! Page bundles end to end, with the real binary run from inside a copy of
//! the fixture site: the files beside a plan's Markdown are copied once
//! beside its Chinese page, listed on both pages, and every link to them
//! resolves on disk; a link to a missing file is an error at its place;
//! `plansite check` finds broken internal links and anchors.

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

use plansite::links::{self, collect, Base};

mod common;
use common::fixture_copy;
use common::page::Page;

const BIN: &str = env!("CARGO_BIN_EXE_plansite");
const PLAN: &str = "content/plans/mini-plan";
/// A PDF of a few bytes, and a PNG whose bytes are not UTF-8 and hold
/// blank runs a minifier would shorten.
const PDF: &[u8] = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n";
const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR    \n\n\n   <p>  </p>";

fn plansite(dir: &Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .env("LC_ALL", "C")
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run plansite")
}

fn shown(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned() + &String::from_utf8_lossy(&o.stdout)
}

/// Appends `text` to a file of the site.
fn append(site: &Path, file: &str, text: &str) {
    let path = site.join(file);
    let mut s = fs::read_to_string(&path).unwrap();
    s.push_str(text);
    fs::write(path, s).unwrap();
}

/// The fixture site with a PDF, a chart and a CSV whose name has a space
/// and Chinese characters beside its plan, linked from both languages.
fn bundled_site() -> tempfile::TempDir {
    let site = fixture_copy();
    // Minified output (the default, stated): attachments are still copied
    // untouched.
    append(site.path(), "site.yaml", "minify: true\n");
    let dir = site.path().join(PLAN);
    fs::write(dir.join("original.pdf"), PDF).unwrap();
    fs::write(dir.join("chart.png"), PNG).unwrap();
    fs::write(dir.join("附件 一.csv"), "a,b\n1,2\n").unwrap();
    append(
        site.path(),
        &format!("{PLAN}/index.md"),
        "\n[原文PDF](original.pdf) ![图表](chart.png) [附件](<附件 一.csv>)\n",
    );
    append(
        site.path(),
        &format!("{PLAN}/index.en.md"),
        "\n[Original PDF](original.pdf) ![Chart](chart.png) [Annex](<附件 一.csv>)\n",
    );
    site
}

/// Every file under `dir` named `name`.
fn named(dir: &Path, name: &str) -> Vec<String> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.file_name().to_string_lossy() == name)
        .map(|e| e.path().strip_prefix(dir).unwrap().display().to_string())
        .collect()
}

#[test]
fn a_bundle_is_copied_once_listed_in_both_languages_and_its_links_resolve() {
    let site = bundled_site();
    let o = plansite(site.path(), &["build"]);
    assert!(o.status.success(), "{}", shown(&o));
    let public = site.path().join("public");
    // Copied once, beside the Chinese page, bytes untouched.
    assert_eq!(
        named(&public, "original.pdf"),
        ["plans/mini-plan/original.pdf"]
    );
    assert_eq!(named(&public, "chart.png"), ["plans/mini-plan/chart.png"]);
    assert_eq!(
        fs::read(public.join("plans/mini-plan/original.pdf")).unwrap(),
        PDF
    );
    assert_eq!(
        fs::read(public.join("plans/mini-plan/chart.png")).unwrap(),
        PNG
    );
    assert!(public.join("plans/mini-plan/附件 一.csv").is_file());
    let base = Base::new("/");
    for (page, heading) in [
        ("plans/mini-plan/index.html", "附件"),
        ("en/plans/mini-plan/index.html", "Attachments"),
        ("plans/mini-plan/parallel/index.html", ""),
        ("en/plans/mini-plan/parallel/index.html", ""),
    ] {
        let html = fs::read_to_string(public.join(page)).unwrap();
        if !heading.is_empty() {
            let read = Page::parse(&html);
            assert_eq!(
                read.text(".attachments h2").as_deref(),
                Some(heading),
                "{page}"
            );
            let rows = read.rows(".attachments tr");
            for (name, kind) in [
                ("original.pdf", "PDF"),
                ("chart.png", "PNG"),
                ("附件 一.csv", "CSV"),
            ] {
                assert!(
                    rows.iter().any(|r| r.first().is_some_and(|c| c == name)
                        && r.last().is_some_and(|c| c == kind)),
                    "{page}: {name} ({kind}) in {rows:?}"
                );
            }
            assert!(
                rows.iter().any(|r| r.iter().any(|c| c == "1 KB")),
                "{page}: {rows:?}"
            );
            assert!(
                read.attrs(".attachments a", "href")
                    .iter()
                    .any(|h| h.ends_with("/%E9%99%84%E4%BB%B6%20%E4%B8%80.csv")
                        || h == "%E9%99%84%E4%BB%B6%20%E4%B8%80.csv"),
                "{page}"
            );
        }
        // Every link and image of the page to one of the files leads to
        // the one copy, followed on disk from the page's folder.
        let links = collect::scan(page, &html);
        let mut reached = Vec::new();
        for url in &links.urls {
            let Some(r) = links::resolve(page, url, &base) else {
                continue;
            };
            let name = r.path.rsplit('/').next().unwrap().to_owned();
            if ["original.pdf", "chart.png", "附件 一.csv"].contains(&name.as_str()) {
                assert_eq!(r.path, format!("plans/mini-plan/{name}"), "{page}: {url}");
                assert!(public.join(&r.path).is_file(), "{page}: {url}");
                reached.push(name);
            }
        }
        reached.sort();
        reached.dedup();
        assert_eq!(reached.len(), 3, "{page}: {:?}", links.urls);
    }
    let o = plansite(site.path(), &["check"]);
    assert!(o.status.success(), "{}", shown(&o));
}

#[test]
fn a_link_to_a_missing_file_is_an_error_at_its_place() {
    let site = bundled_site();
    let file = format!("{PLAN}/index.en.md");
    let before = fs::read_to_string(site.path().join(&file)).unwrap();
    append(
        site.path(),
        &file,
        "\nSee [the scan](missing.pdf#page=2).\n",
    );
    let line = before.lines().count() + 2;
    let o = plansite(site.path(), &["check"]);
    let out = shown(&o);
    assert_eq!(o.status.code(), Some(1), "{out}");
    let at = format!("{file}:{line}:5: error: `missing.pdf`: no such file beside the plan");
    assert!(out.contains(&at), "{at}\n{out}");
    assert!(
        out.contains("`original.pdf`"),
        "the hint lists the folder's files: {out}"
    );
    let o = plansite(site.path(), &["build"]);
    assert!(
        !o.status.success() && shown(&o).contains(&at),
        "{}",
        shown(&o)
    );
}

#[test]
fn check_reports_broken_internal_links_and_missing_anchors() {
    let site = fixture_copy();
    append(
        site.path(),
        &format!("{PLAN}/index.md"),
        "\n[别处](../no-such-plan/) [锚](#no-such-anchor) [好](#一发展目标)\n",
    );
    let line = fs::read_to_string(site.path().join(PLAN).join("index.md"))
        .unwrap()
        .lines()
        .count();
    let o = plansite(site.path(), &["check"]);
    let out = shown(&o);
    assert_eq!(o.status.code(), Some(1), "{out}");
    // At the link in the Markdown, naming the page.
    let at = format!("{PLAN}/index.md:{line}");
    assert!(
        out.contains(&format!("{at}:6: error: broken link `../no-such-plan/`: nothing is published at `plans/no-such-plan/index.html` (on the page `plans/mini-plan/index.html`)")),
        "{out}"
    );
    assert!(
        out.contains(&format!("{at}:28: error: broken link `#no-such-anchor`: `plans/mini-plan/index.html` has no element with id `no-such-anchor` (on the page `plans/mini-plan/index.html`)")),
        "{out}"
    );
    // The side-by-side view, whose links are rewritten, names its page.
    assert!(
        out.contains(
            "plans/mini-plan/parallel/index.html:1:1: error: broken link `../../no-such-plan/`"
        ),
        "{out}"
    );
    assert!(
        !out.contains("一发展目标"),
        "a real anchor is not reported: {out}"
    );
    // Once per page, though the page links to it twice.
    append(
        site.path(),
        &format!("{PLAN}/index.md"),
        "\n[again](../no-such-plan/)\n",
    );
    let out = shown(&plansite(site.path(), &["check"]));
    let once = "broken link `../no-such-plan/`: nothing is published at `plans/no-such-plan/index.html` (on the page `plans/mini-plan/index.html`)";
    assert_eq!(out.matches(once).count(), 1, "{out}");
}

#[test]
fn only_files_inside_the_plan_folder_are_taken() {
    let site = bundled_site();
    let dir = site.path().join(PLAN);
    // A name with dots that is still inside the folder.
    fs::write(dir.join("a..b.pdf"), PDF).unwrap();
    // A link climbing out of the folder is not copied: check reports it.
    append(
        site.path(),
        &format!("{PLAN}/index.md"),
        "\n[配置](../../../site.yaml) [点](a..b.pdf)\n",
    );
    let o = plansite(site.path(), &["build"]);
    assert!(o.status.success(), "{}", shown(&o));
    let public = site.path().join("public");
    assert!(public.join("plans/mini-plan/a..b.pdf").is_file());
    assert!(named(&public, "site.yaml").is_empty());
    let o = plansite(site.path(), &["check"]);
    let out = shown(&o);
    assert!(out.contains("broken link `../../../site.yaml`"), "{out}");
    assert!(!out.contains("a..b.pdf"), "{out}");
    #[cfg(unix)]
    {
        // A symbolic link to a file outside the site is refused, named.
        let outside = tempfile::tempdir().unwrap();
        fs::write(outside.path().join("secret.pdf"), b"secret").unwrap();
        std::os::unix::fs::symlink(outside.path().join("secret.pdf"), dir.join("secret.pdf"))
            .unwrap();
        let o = plansite(site.path(), &["build"]);
        let out = shown(&o);
        assert!(!o.status.success(), "{out}");
        assert!(
            out.contains(&format!("{PLAN}/secret.pdf:1:1: error: symbolic link to `")),
            "{out}"
        );
    }
}

#[test]
fn serve_serves_the_attachments_with_their_type() {
    use std::io::{Read, Write};
    let site = bundled_site();
    let mut child = Command::new(BIN)
        .env("LC_ALL", "C")
        .args(["serve", "--port", "0", "--poll-ms", "50"])
        .current_dir(site.path())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let addr = common::served_address(&mut child);
    let _server = common::Killed(child);
    let get = |path: &str| {
        let mut s = std::net::TcpStream::connect(&addr).unwrap();
        write!(
            s,
            "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
        )
        .unwrap();
        let mut buf = Vec::new();
        s.read_to_end(&mut buf).unwrap();
        let at = buf.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
        let head = String::from_utf8_lossy(&buf[..at]).into_owned();
        (head, buf[at + 4..].to_vec())
    };
    let (head, body) = get("/plans/mini-plan/original.pdf");
    assert!(head.starts_with("HTTP/1.1 200"), "{head}");
    assert!(head.contains("Content-Type: application/pdf"), "{head}");
    assert_eq!(body, PDF);
    let (head, body) = get("/plans/mini-plan/%E9%99%84%E4%BB%B6%20%E4%B8%80.csv");
    assert!(head.starts_with("HTTP/1.1 200"), "{head}");
    assert_eq!(body, b"a,b\n1,2\n");
    let (head, _) = get("/en/plans/mini-plan/original.pdf");
    assert!(head.starts_with("HTTP/1.1 404"), "copied once: {head}");
}
