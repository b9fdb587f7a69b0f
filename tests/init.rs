//! `plansite init`, run as the README says: a new folder, then `build` and
//! `check` inside it with no `--root`, as a newcomer would.

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

fn plansite(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_plansite"))
        .env("LC_ALL", "C")
        .args(args)
        .current_dir(dir)
        .output()
        .expect("plansite runs")
}

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

#[test]
fn init_then_build_and_check_in_the_new_folder() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let out = plansite(tmp.path(), &["init", "newsite"]);
    assert!(out.status.success(), "{}", text(&out));
    let site = tmp.path().join("newsite");
    for f in [
        "site.yaml",
        "README.md",
        ".gitignore",
        "content/plans/example-city-ip-plan-2026/index.md",
        "content/plans/example-city-ip-plan-2026/index.en.md",
        "content/jurisdictions/example-city.md",
        "content/topics.yaml",
        "content/glossary.yaml",
        ".github/workflows/check.yml",
        ".github/workflows/pages.yml",
        ".github/actions/install-plansite/action.yml",
    ] {
        assert!(site.join(f).is_file(), "{f} written");
    }

    let build = plansite(&site, &["build"]);
    assert!(build.status.success(), "{}", text(&build));
    assert!(text(&build).contains("built 1 plans"), "{}", text(&build));
    for page in [
        "index.html",
        "en/index.html",
        "plans/example-city-ip-plan-2026/index.html",
        "en/plans/example-city-ip-plan-2026/index.html",
        "data/indicators.csv",
        ".plansite-output",
    ] {
        assert!(site.join("public").join(page).is_file(), "public/{page}");
    }
    let csv = fs::read_to_string(site.join("public/data/indicators.csv")).expect("csv");
    assert!(csv.contains("invention-patents-per-10k"), "{csv}");

    // The example passes check with nothing to fix: no error, no warning.
    let check = plansite(&site, &["check"]);
    assert!(check.status.success(), "{}", text(&check));
    assert!(
        text(&check).contains("check passed: 0 errors, 0 warning(s)"),
        "{}",
        text(&check)
    );

    // The example says it is one, on the page and in the README.
    let readme = fs::read_to_string(site.join("README.md")).expect("README");
    assert!(readme.contains("fictional example"), "{readme}");
    let page = fs::read_to_string(site.join("public/plans/example-city-ip-plan-2026/index.html"))
        .expect("plan page");
    assert!(page.contains("示例"), "the plan page names the example");
}

#[test]
fn init_never_writes_into_a_folder_with_files_unless_forced() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let site = tmp.path().join("mine");
    fs::create_dir(&site).expect("folder");
    fs::write(site.join("site.yaml"), "title: mine\n").expect("write");
    let out = plansite(tmp.path(), &["init", "mine"]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(text(&out).contains("not empty"), "{}", text(&out));
    assert_eq!(
        fs::read_to_string(site.join("site.yaml")).expect("kept"),
        "title: mine\n"
    );
    assert!(!site.join("content").exists(), "nothing written");

    let forced = plansite(tmp.path(), &["init", "mine", "--force"]);
    assert!(forced.status.success(), "{}", text(&forced));
    assert!(plansite(&site, &["check"]).status.success());

    // An empty folder that exists is fine without --force.
    let empty = tmp.path().join("empty");
    fs::create_dir(&empty).expect("folder");
    assert!(plansite(tmp.path(), &["init", "empty"]).status.success());
}

#[test]
fn the_new_sites_workflows_pin_this_release() {
    let tmp = tempfile::tempdir().expect("temp dir");
    assert!(plansite(tmp.path(), &["init", "s"]).status.success());
    let action = fs::read_to_string(
        tmp.path()
            .join("s/.github/actions/install-plansite/action.yml"),
    )
    .expect("action");
    assert!(action.contains(&format!("default: \"{}\"", env!("CARGO_PKG_VERSION"))));
    assert!(action.contains("sha256sum --check"));
    for wf in ["check.yml", "pages.yml"] {
        let text = fs::read_to_string(tmp.path().join("s/.github/workflows").join(wf)).expect(wf);
        assert!(text.contains("./.github/actions/install-plansite"), "{wf}");
        assert!(!text.contains("cargo "), "{wf} compiles nothing");
    }
}

#[test]
fn version_names_the_version_and_the_commit() {
    let out = plansite(Path::new("."), &["--version"]);
    assert!(out.status.success());
    let shown = String::from_utf8_lossy(&out.stdout);
    let expected = format!("plansite {} (", env!("CARGO_PKG_VERSION"));
    assert!(shown.starts_with(&expected), "{shown}");
    assert!(shown.trim_end().ends_with(')'), "{shown}");
}

fn git(dir: &Path, args: &[&str]) {
    let out = Command::new("git")
        .args([
            "-c",
            "user.name=Plansite Test",
            "-c",
            "user.email=t@example.org",
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
        .expect("git runs");
    assert!(out.status.success(), "git {args:?}: {}", text(&out));
}

/// The new site's diff step (`.github/plansite-diff.sh`, also this
/// repository's), with the event its workflows give it: what it writes to
/// the job summary.
fn diff_step(site: &Path, env: &[(&str, &str)]) -> String {
    let summary = site.join("../summary.md");
    let _ = fs::remove_file(&summary);
    let out = Command::new("bash")
        .arg(".github/plansite-diff.sh")
        .arg(env!("CARGO_BIN_EXE_plansite"))
        .env("LC_ALL", "C")
        .envs(env.iter().copied())
        .env("GITHUB_STEP_SUMMARY", &summary)
        .current_dir(site)
        .output()
        .expect("bash runs");
    assert!(out.status.success(), "{env:?}: {}", text(&out));
    fs::read_to_string(&summary).expect("summary written")
}

#[test]
fn the_diff_step_handles_pull_requests_first_pushes_and_force_pushes() {
    let tmp = tempfile::tempdir().expect("temp dir");
    assert!(plansite(tmp.path(), &["init", "s"]).status.success());
    let site = tmp.path().join("s");
    git(&site, &["init", "-q"]);
    git(&site, &["add", "-A"]);
    git(&site, &["commit", "-qm", "new site"]);
    git(&site, &["update-ref", "refs/remotes/origin/main", "HEAD"]);
    let plan = site.join("content/plans/example-city-ip-plan-2026/index.md");
    let text = fs::read_to_string(&plan).expect("plan");
    fs::write(
        &plan,
        text.replace("value: 16, comparator", "value: 18, comparator"),
    )
    .expect("edit");
    git(&site, &["commit", "-qam", "raise a target"]);

    let pr = diff_step(&site, &[("EVENT", "pull_request"), ("BASE_REF", "main")]);
    assert!(pr.contains("target: 16 → 18"), "{pr}");
    let first = diff_step(&site, &[("EVENT", "push"), ("BEFORE", &"0".repeat(40))]);
    assert!(first.contains("First push"), "{first}");
    // After a force push the revision before it is gone from the history.
    let forced = diff_step(
        &site,
        &[
            ("EVENT", "push"),
            ("BEFORE", "1234567890123456789012345678901234567890"),
        ],
    );
    assert!(forced.contains("force push"), "{forced}");
    assert!(forced.contains("target: 16 → 18"), "{forced}");
}
