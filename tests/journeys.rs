//! What a newcomer does, done the way the README says: the real binary run
//! as a process from inside a copy of the bundled site, with the exact
//! documented command and its default (relative) root; a plan edited on
//! disk; the rebuilt page and the reload message observed from outside.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

mod common;

use common::{http_get, served_address, sse_events, wait_event, Killed};

/// `plansite <args>` started in `dir`, and the address it serves at.
fn serve_in(dir: &Path, args: &[&str]) -> (Killed, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_plansite"))
        .env("LC_ALL", "C")
        .args(args)
        .current_dir(dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let addr = served_address(&mut child);
    (Killed(child), addr)
}

/// The first plan of the site at `root`: its slug and its `index.md`.
fn first_plan(root: &Path) -> (String, PathBuf) {
    let mut plans: Vec<PathBuf> = fs::read_dir(root.join("content/plans"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("index.md").is_file())
        .collect();
    plans.sort();
    let dir = plans.first().expect("the bundled site has plans").clone();
    let slug = dir.file_name().unwrap().to_str().unwrap().to_string();
    (slug, dir.join("index.md"))
}

/// `text` with `word` put at the start of the body's first paragraph of
/// Chinese text (after the front matter).
fn with_word(text: &str, word: &str) -> String {
    let body_start = text[3..].find("\n---\n").expect("front matter closes") + 3 + 5;
    let (front, body) = text.split_at(body_start);
    let mut done = false;
    let body: Vec<String> = body
        .lines()
        .map(|l| {
            if !done && l.chars().next().is_some_and(|c| c > '\u{2e80}') {
                done = true;
                format!("{word}{l}")
            } else {
                l.to_string()
            }
        })
        .collect();
    assert!(done, "the plan has a paragraph of Chinese text");
    format!("{front}{}\n", body.join("\n"))
}

/// Polls `path` until its body contains `word`; the time that took.
fn until_served(addr: &str, path: &str, word: &str, within: Duration) -> Duration {
    let start = Instant::now();
    loop {
        let (status, body) = http_get(addr, path);
        if status == 200 && body.contains(word) {
            return start.elapsed();
        }
        assert!(
            start.elapsed() < within,
            "`{word}` not on {path} within {within:?} of the save"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// Saves edits of a plan one after another, each once the last one's
/// rebuild is over, and checks each reaches the served page and sends a
/// reload; the save → rebuilt page times.
fn edit_and_observe(root: &Path, addr: &str, runs: usize) -> Vec<Duration> {
    let (slug, plan) = first_plan(root);
    let page = format!("/plans/{slug}/");
    let (status, before) = http_get(addr, &page);
    assert_eq!(status, 200, "{page} is served");
    assert!(
        before.contains("/__plansite/live.js"),
        "reload script injected"
    );
    let original = fs::read_to_string(&plan).unwrap();
    let events = sse_events(addr);
    wait_event(&events, "hello", Duration::from_secs(10));
    let mut times = Vec::new();
    for run in 1..=runs {
        let word = format!("journeyedit{run}x");
        assert!(!before.contains(&word));
        fs::write(&plan, with_word(&original, &word)).unwrap();
        times.push(until_served(addr, &page, &word, Duration::from_secs(10)));
        wait_event(&events, "reload", Duration::from_secs(10));
        // The pages that show the plan come next, then the data files:
        // let them finish, so the next save meets an idle server.
        wait_event(&events, "update", Duration::from_secs(30));
        std::thread::sleep(Duration::from_secs(2));
    }
    times
}

#[test]
fn serve_started_in_the_site_folder_as_documented_rebuilds_on_save() {
    let site = common::bundled_copy();
    let (_server, addr) = serve_in(site.path(), &["serve", "--port", "0"]);
    assert!(
        addr.starts_with("127.0.0.1:"),
        "loopback by default: {addr}"
    );
    let times = edit_and_observe(site.path(), &addr, 3);
    eprintln!(
        "save → rebuilt page served (default root, {} build): {:?} ms",
        if cfg!(debug_assertions) {
            "debug"
        } else {
            "release"
        },
        times.iter().map(Duration::as_millis).collect::<Vec<_>>()
    );
}

#[test]
fn serve_with_a_relative_root_rebuilds_on_save() {
    let parent = tempfile::tempdir().unwrap();
    let inner = parent.path().join("site");
    common::copy_bundled(&inner);
    let (_server, addr) = serve_in(
        parent.path(),
        &["serve", "--port", "0", "--root", "./site/../site"],
    );
    edit_and_observe(&inner, &addr, 1);
}

#[test]
fn the_edited_word_lands_in_the_body() {
    let text = "---\ntitle: 规划\n---\n\n# 标题\n\n第一段。\n\n第二段。\n";
    assert_eq!(
        with_word(text, "词"),
        "---\ntitle: 规划\n---\n\n# 标题\n\n词第一段。\n\n第二段。\n"
    );
}

/// Runs `plansite ARGS` in `dir`, as staff type it.
fn run_in(dir: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_plansite"))
        .env("LC_ALL", "C")
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run plansite")
}

fn said(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned() + &String::from_utf8_lossy(&o.stderr)
}

#[test]
fn check_build_and_search_as_the_readme_prints_them() {
    let site = common::bundled_copy();
    let root = site.path();
    let o = run_in(root, &["check"]);
    assert!(o.status.success(), "{}", said(&o));
    assert!(
        said(&o).contains("check passed: 0 errors, 0 warning(s)"),
        "{}",
        said(&o)
    );
    let o = run_in(root, &["check", "--format", "github"]);
    assert!(o.status.success(), "{}", said(&o));
    let o = run_in(root, &["build"]);
    assert!(o.status.success(), "{}", said(&o));
    assert!(
        said(&o).contains("built 5 plans (5 found, 0 held back)"),
        "{}",
        said(&o)
    );
    assert!(root.join("public/index.html").is_file());
    // `plansite search` reads ./public by default.
    let o = run_in(root, &["search", "知識產權質押", "--json"]);
    assert!(o.status.success(), "{}", said(&o));
    let hits: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(
        hits.as_array().is_some_and(|h| !h.is_empty()),
        "traditional script finds simplified text: {}",
        said(&o)
    );
    let o = run_in(
        root,
        &["search", "pledge financing", "--lang", "en", "--limit", "2"],
    );
    assert!(o.status.success(), "{}", said(&o));
    // The Pages workflow's form: a base URL from the command line.
    let o = run_in(
        root,
        &[
            "build",
            "--base-url",
            "https://example.github.io/plans/",
            "--out",
            "pages",
        ],
    );
    assert!(o.status.success(), "{}", said(&o));
    let sitemap = fs::read_to_string(root.join("pages/sitemap.xml")).unwrap();
    assert!(
        sitemap.contains("https://example.github.io/plans/plans/"),
        "{sitemap}"
    );
}

/// The `plansite` lines of the staff guide's shell blocks, comments cut.
fn guide_commands(guide: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut in_sh = false;
    for line in guide.lines() {
        if line.starts_with("```") {
            in_sh = line.trim() == "```sh";
            continue;
        }
        let command = line.split(" #").next().unwrap_or("").trim();
        if in_sh && command.starts_with("plansite ") {
            out.push(command.to_owned());
        }
    }
    out
}

fn git_in(dir: &Path, args: &[&str]) {
    let o = Command::new("git")
        .args(args)
        .current_dir(dir)
        .output()
        .expect("git");
    assert!(o.status.success(), "git {args:?}: {}", said(&o));
}

#[test]
fn every_plansite_command_of_the_staff_guide_runs_as_printed() {
    let guide = fs::read_to_string(common::manifest().join("content/pages/staff-guide.en.md"))
        .expect("guide");
    let zh =
        fs::read_to_string(common::manifest().join("content/pages/staff-guide.md")).expect("guide");
    let commands = guide_commands(&guide);
    assert_eq!(
        commands,
        guide_commands(&zh),
        "both languages print the same commands"
    );
    assert!(commands.len() >= 8, "{commands:?}");
    // A copy of the site in a repository whose main branch is on a remote,
    // as a member of staff has it.
    let site = common::bundled_copy();
    let root = site.path();
    git_in(root, &["init", "-q", "-b", "main"]);
    git_in(
        root,
        &["-c", "user.name=t", "-c", "user.email=t@e", "add", "-A"],
    );
    git_in(
        root,
        &[
            "-c",
            "user.name=t",
            "-c",
            "user.email=t@e",
            "commit",
            "-qm",
            "site",
        ],
    );
    git_in(root, &["update-ref", "refs/remotes/origin/main", "HEAD"]);
    fs::copy(
        common::manifest().join("tests/fixtures/seeds/henan.txt"),
        root.join("raw.txt"),
    )
    .unwrap();
    let plan = root.join("content/plans/henan-ip-plan-2026");
    let mut ran = 0;
    for command in &commands {
        let args: Vec<&str> = command.split_whitespace().skip(1).collect();
        match args[0] {
            // A server runs until stopped: the serve journeys above start it
            // as documented (with a free port) and edit a plan under it.
            "serve" => continue,
            // The guide's two ways to add a plan are alternatives: the
            // import starts from no folder.
            "import" => {
                let _ = fs::remove_dir_all(&plan);
            }
            _ => {}
        }
        let o = run_in(root, &args);
        assert_eq!(o.status.code(), Some(0), "`{command}`:\n{}", said(&o));
        ran += 1;
    }
    assert!(ran >= 6, "{ran} commands ran");
    // What they made: a draft plan, held back, shown by diff as added.
    assert!(plan.join("index.md").is_file());
    let o = run_in(root, &["diff"]);
    assert!(said(&o).contains("henan-ip-plan-2026"), "{}", said(&o));
}
