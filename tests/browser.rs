//! Drives the headless-Chromium tests in `tests/browser/` from `cargo test`:
//! builds the bundled site into a temporary folder and runs
//! `tests/browser/run.sh` on it (search, comparison and accessibility:
//! axe-core on every page kind); and runs `plansite serve` on a copy of the
//! bundled site with a browser tab open while a plan is edited
//! (`tests/browser/serve.live.mjs`); and opens every page of the hostile fixture
//! site with dialogs hooked (`tests/browser/hostile.mjs`).
//!
//! Both tests run `run.sh`, which installs `tests/browser/node_modules` once
//! per run under a lock (they start at the same moment) and installs again
//! when what is there does not load, so a fresh clone and a run after a
//! killed install both pass.
//!
//! Needs Node.js, npm and Chromium (`/usr/bin/chromium` or `$CHROMIUM`).
//! When they are missing the test says so and passes, unless
//! `PLANSITE_REQUIRE_BROWSER=1` is set, as `.ci/run` does, where a missing
//! browser is a failure.

use std::path::{Path, PathBuf};
use std::process::Command;

mod common;

fn have(cmd: &str) -> bool {
    Command::new(cmd)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

fn chromium() -> PathBuf {
    std::env::var_os("CHROMIUM")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"))
}

/// Whether the browser tests can run; panics when they cannot but must.
fn browser_available() -> bool {
    let required = std::env::var("PLANSITE_REQUIRE_BROWSER").is_ok_and(|v| v == "1");
    let missing: Vec<&str> = [
        (!have("node")).then_some("node"),
        (!have("npm")).then_some("npm"),
        (!Path::new(&chromium()).exists()).then_some("chromium"),
    ]
    .into_iter()
    .flatten()
    .collect();
    if !missing.is_empty() {
        let msg = format!(
            "browser tests need {}; install them (Debian: apt-get install chromium nodejs npm) or see .ci/run",
            missing.join(", ")
        );
        assert!(!required, "{msg}");
        eprintln!("SKIPPED: {msg}");
        return false;
    }
    true
}

/// Builds the site at `root` into a temporary folder and runs
/// `tests/browser/run.sh ARGS… <output>` on it.
fn build_and_run(root: PathBuf, args: &[&str], what: &str) {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    plansite::build(&plansite::BuildOptions {
        root,
        out: out.clone(),
        base_url: None,
        force: false,
        publish: plansite::publish::Publish::build(false, false),
    })
    .unwrap_or_else(|d| panic!("{d}"));
    let status = Command::new("bash")
        .arg(common::manifest().join("tests/browser/run.sh"))
        .args(args)
        .arg(&out)
        .status()
        .expect("run tests/browser/run.sh");
    assert!(status.success(), "{what} failed (output above)");
}

#[test]
fn browser_tests_pass_on_the_bundled_site() {
    if !browser_available() {
        return;
    }
    build_and_run(common::manifest(), &[], "browser tests");
}

#[test]
fn no_content_script_runs_on_any_page_of_the_hostile_site() {
    if !browser_available() {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    common::copy_dir(&common::fixture(), &site);
    common::copy_dir(
        &common::manifest().join("tests/fixtures/hostile/site"),
        &site,
    );
    build_and_run(site, &["--hostile"], "hostile browser test");
}

#[test]
fn a_renamed_plan_redirects_from_its_old_address() {
    if !browser_available() {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    common::copy_bundled(&site);
    let plans = site.join("content/plans");
    std::fs::rename(plans.join("henan-ip-plan-2022"), plans.join("henan-2022")).unwrap();
    let index = plans.join("henan-2022/index.md");
    let text = std::fs::read_to_string(&index).unwrap();
    let text = text.replacen("---\n", "---\naliases: [/plans/henan-ip-plan-2022/]\n", 1);
    std::fs::write(&index, text).unwrap();
    build_and_run(site, &["--redirect"], "redirect browser test");
}

#[test]
fn serve_reloads_the_tab_and_updates_search_after_a_save() {
    if !browser_available() {
        return;
    }
    let manifest = common::manifest();
    let tmp = tempfile::tempdir().unwrap();
    for part in ["site.yaml", "content", "indicators", "themes"] {
        common::copy_dir(&manifest.join(part), &tmp.path().join(part));
    }
    let status = Command::new("bash")
        .arg(manifest.join("tests/browser/run.sh"))
        .args([
            "--live",
            "--runs",
            "2",
            "--bin",
            env!("CARGO_BIN_EXE_plansite"),
            "--root",
        ])
        .arg(tmp.path())
        .status()
        .expect("run tests/browser/run.sh --live");
    assert!(status.success(), "serve browser test failed (output above)");
}
