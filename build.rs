//! Names the commit the binary is built from, for `plansite --version`:
//! `PLANSITE_COMMIT` when set (the release workflow), else `git rev-parse`
//! in a checkout, else `unknown` (a crates.io package has no `.git`).

use std::process::Command;

fn git(args: &[&str]) -> Option<String> {
    let out = Command::new("git").args(args).output().ok()?;
    let s = String::from_utf8(out.stdout).ok()?.trim().to_owned();
    (out.status.success() && !s.is_empty()).then_some(s)
}

fn main() {
    println!("cargo:rerun-if-env-changed=PLANSITE_COMMIT");
    let commit = std::env::var("PLANSITE_COMMIT")
        .ok()
        .filter(|c| !c.is_empty())
        .map(|c| c.chars().take(12).collect())
        .or_else(|| {
            // Only this crate's own checkout: not a repository that happens
            // to hold an unpacked package.
            let top = git(&["rev-parse", "--show-toplevel"])?;
            let here = std::env::var("CARGO_MANIFEST_DIR").ok()?;
            let same = |a: &str| std::fs::canonicalize(a).ok();
            if same(&top) != same(&here) {
                return None;
            }
            // Rebuild when HEAD moves: HEAD itself, the branch it names and
            // the packed refs. Only files that exist: cargo would rebuild a
            // crate that names a missing one every time.
            let branch = git(&["symbolic-ref", "-q", "HEAD"]);
            let paths = ["HEAD", branch.as_deref().unwrap_or("HEAD"), "packed-refs"];
            for p in paths {
                if let Some(path) = git(&["rev-parse", "--git-path", p]) {
                    if std::path::Path::new(&path).exists() {
                        println!("cargo:rerun-if-changed={path}");
                    }
                }
            }
            git(&["rev-parse", "--short=12", "HEAD"])
        })
        .unwrap_or_else(|| "unknown".to_owned());
    println!("cargo:rustc-env=PLANSITE_COMMIT={commit}");
}
