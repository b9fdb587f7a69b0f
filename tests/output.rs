//! The output folder, as a careless user and a kill at the worst moment
//! meet it: the real binary, run from inside a copy of a site with
//! relative paths. A build replaces only a folder it owns, never the site
//! or its sources, and no kill at any step of the swap loses the last good
//! output (`src/output/swap.rs` states the invariant).

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

mod common;
use common::fixture_copy;

const BIN: &str = env!("CARGO_BIN_EXE_plansite");

/// Runs `plansite ARGS` in `dir`.
fn plansite(dir: &Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .env("LC_ALL", "C")
        .args(args)
        .current_dir(dir)
        .env_remove(plansite::output::FAULT_ENV)
        .output()
        .expect("run plansite")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The files under `dir`, relative, sorted.
fn files(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            e.path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    v.sort();
    v
}

#[test]
fn the_default_build_runs_twice_from_inside_the_site() {
    let site = fixture_copy();
    for run in 0..2 {
        let o = plansite(site.path(), &["build"]);
        assert_eq!(o.status.code(), Some(0), "run {run}: {}", stderr(&o));
    }
    assert!(site.path().join("public/index.html").is_file());
    assert!(site
        .path()
        .join("public")
        .join(plansite::output::MARKER)
        .is_file());
    let sitemap = fs::read_to_string(site.path().join("public/sitemap.xml")).unwrap();
    assert!(!sitemap.contains(plansite::output::MARKER));
}

#[test]
fn a_folder_plansite_did_not_write_is_refused_without_force() {
    let site = fixture_copy();
    let keep = site.path().join("keep");
    fs::create_dir(&keep).unwrap();
    fs::write(keep.join("notes.txt"), "mine").unwrap();
    let o = plansite(site.path(), &["build", "--out", "keep"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("keep") && stderr(&o).contains("--force"));
    assert_eq!(fs::read_to_string(keep.join("notes.txt")).unwrap(), "mine");
    // Told to, it builds there.
    let o = plansite(site.path(), &["build", "--out", "keep", "--force"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(keep.join("index.html").is_file() && !keep.join("notes.txt").exists());
    // From then on the folder is plansite's own.
    let o = plansite(site.path(), &["build", "--out", "keep"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

#[test]
fn the_site_and_its_sources_are_refused_even_with_force() {
    let site = fixture_copy();
    let root = site.path().canonicalize().unwrap();
    let before = files(&root);
    let abs = root.to_string_lossy().into_owned();
    let parent = root.parent().unwrap().to_string_lossy().into_owned();
    for out in [
        ".",
        abs.as_str(),
        "content",
        "content/plans",
        "indicators",
        "..",
        &parent,
    ] {
        for force in [false, true] {
            let mut args = vec!["build", "--out", out];
            if force {
                args.push("--force");
            }
            let o = plansite(&root, &args);
            assert_eq!(o.status.code(), Some(2), "--out {out}: {}", stderr(&o));
            assert!(stderr(&o).contains("refusing"), "{}", stderr(&o));
        }
    }
    assert_eq!(files(&root), before, "nothing in the site changed");
}

#[test]
fn a_file_where_the_output_should_be_is_left_alone() {
    let site = fixture_copy();
    fs::write(site.path().join("out.txt"), "mine").unwrap();
    let o = plansite(site.path(), &["build", "--out", "out.txt", "--force"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert_eq!(
        fs::read_to_string(site.path().join("out.txt")).unwrap(),
        "mine"
    );
}

/// Breaks the fixture's one plan so that a build fails, or mends it.
fn set_broken(site: &Path, broken: bool) {
    let plan = site.join("content/plans/mini-plan/index.md");
    let text = fs::read_to_string(&plan).unwrap();
    let (from, to) = ("jurisdiction: testcity", "jurisdiction: nowhere");
    let text = if broken {
        text.replace(from, to)
    } else {
        text.replace(to, from)
    };
    fs::write(&plan, text).unwrap();
}

/// The complete outputs beside and at `public`: folders holding the marker
/// and as many files as a complete build writes.
fn complete_outputs(site: &Path, complete: usize) -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir(site)
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| {
            let p = e.path();
            p.join(plansite::output::MARKER).is_file() && files(&p).len() == complete
        })
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn a_build_killed_at_any_step_never_loses_the_last_good_output() {
    for step in plansite::output::Step::ALL {
        let site = fixture_copy();
        let root = site.path();
        let o = plansite(root, &["build"]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let good = files(&root.join("public"));
        // Killed at `step`: a complete output still exists, at `public` or
        // at the folder the swap moved it to.
        let killed = Command::new(BIN)
            .env("LC_ALL", "C")
            .arg("build")
            .current_dir(root)
            .env(plansite::output::FAULT_ENV, step.name())
            .output()
            .unwrap();
        assert!(
            !killed.status.success(),
            "{}: the build was not killed",
            step.name()
        );
        let complete = complete_outputs(root, good.len());
        assert!(
            !complete.is_empty(),
            "{}: no complete output left: {:?}",
            step.name(),
            fs::read_dir(root)
                .unwrap()
                .flatten()
                .map(|e| e.file_name())
                .collect::<Vec<_>>()
        );
        // The next build, even one that fails, first puts it back.
        set_broken(root, true);
        let o = plansite(root, &["build"]);
        assert_eq!(o.status.code(), Some(1), "{}: {}", step.name(), stderr(&o));
        assert_eq!(
            files(&root.join("public")),
            good,
            "{}: the failed build left a complete output in place",
            step.name()
        );
        let strays: Vec<String> = fs::read_dir(root)
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with(".public"))
            .collect();
        assert!(strays.is_empty(), "{}: left {strays:?}", step.name());
        set_broken(root, false);
        let o = plansite(root, &["build"]);
        assert_eq!(o.status.code(), Some(0), "{}: {}", step.name(), stderr(&o));
        assert_eq!(files(&root.join("public")), good);
    }
}
