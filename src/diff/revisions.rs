//! The two sides of `plansite diff`: a commit exported with `git archive`,
//! or the working tree as it is on disk, each copied into a temporary
//! folder and loaded through the same validation as a build.

use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};

use super::DiffError;
use crate::model::Site;

/// The top-level entries of a site folder that `diff` compares.
const SITE_ENTRIES: [&str; 4] = ["site.yaml", "content", "indicators", "themes"];

/// One side of a comparison.
#[derive(Debug, Clone)]
pub enum Snapshot {
    /// A commit: the name the user gave (`origin/main`), for messages, and
    /// the full hash it names, the only form later git commands get (git
    /// cannot read it as an option).
    Commit {
        /// As given.
        name: String,
        /// The full commit hash.
        hash: String,
    },
    /// The files on disk, committed or not (untracked files included,
    /// ignored files not).
    WorkingTree,
}

impl Snapshot {
    /// How messages name this side: `HEAD`, `origin/main`, `the working tree`.
    pub fn name(&self) -> &str {
        match self {
            Snapshot::Commit { name, .. } => name,
            Snapshot::WorkingTree => "the working tree",
        }
    }
}

/// Runs `git -C root ARGS` and returns its standard output.
pub fn git(root: &Path, args: &[&str]) -> Result<Vec<u8>, DiffError> {
    let out = Command::new("git")
        .arg("-C")
        .arg(root)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .map_err(|e| DiffError::Git {
            args: args.join(" "),
            message: e.to_string(),
        })?;
    if !out.status.success() {
        return Err(DiffError::Git {
            args: args.join(" "),
            message: crate::diag::Printable(String::from_utf8_lossy(&out.stderr).trim())
                .to_string(),
        });
    }
    Ok(out.stdout)
}

/// The site folder's path inside its repository (`git rev-parse
/// --show-prefix`, empty at the top), or [`DiffError::NotARepository`].
pub fn prefix(root: &Path) -> Result<String, DiffError> {
    let inside = Command::new("git")
        .arg("-C")
        .arg(root)
        .args(["rev-parse", "--is-inside-work-tree"])
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output();
    match inside {
        Ok(out) if out.status.success() && out.stdout.starts_with(b"true") => {}
        Ok(_) => return Err(DiffError::NotARepository(root.to_path_buf())),
        Err(e) => {
            return Err(DiffError::Git {
                args: "rev-parse --is-inside-work-tree".into(),
                message: e.to_string(),
            })
        }
    }
    let out = git(root, &["rev-parse", "--show-prefix"])?;
    Ok(String::from_utf8_lossy(&out).trim().to_string())
}

/// The commit `rev` names. `rev` is refused if it starts with `-`, and
/// passed after `--end-of-options`.
pub fn commit(root: &Path, rev: &str) -> Result<Snapshot, DiffError> {
    if rev.starts_with('-') {
        return Err(DiffError::OptionLikeRevision(rev.to_string()));
    }
    let out = git(
        root,
        &[
            "rev-parse",
            "--verify",
            "--end-of-options",
            &format!("{rev}^{{commit}}"),
        ],
    )?;
    Ok(Snapshot::Commit {
        name: rev.to_string(),
        hash: String::from_utf8_lossy(&out).trim().to_string(),
    })
}

/// The short hash of a commit.
pub fn short(root: &Path, hash: &str) -> Result<String, DiffError> {
    let out = git(root, &["rev-parse", "--short", hash])?;
    Ok(String::from_utf8_lossy(&out).trim().to_string())
}

/// Copies the site files of `snapshot` into `dir` and loads them.
/// `prefix` is the site folder's path inside the repository.
pub fn load(root: &Path, prefix: &str, snapshot: &Snapshot, dir: &Path) -> Result<Site, DiffError> {
    match snapshot {
        Snapshot::Commit { name, hash } => archive(root, prefix, name, hash, dir)?,
        Snapshot::WorkingTree => copy_working_tree(root, dir)?,
    }
    let invalid = |d: crate::diag::Diagnostics| DiffError::Invalid {
        rev: snapshot.name().to_string(),
        errors: d.error_count(),
        details: d.to_string(),
    };
    let (files, _) = crate::load::read_site(dir).map_err(invalid)?;
    let (site, _) = crate::model::build(files).map_err(invalid)?;
    Ok(site)
}

/// Exports the site entries of commit `hash` into `dir` (`git archive | tar -x`).
fn archive(root: &Path, prefix: &str, name: &str, hash: &str, dir: &Path) -> Result<(), DiffError> {
    let listed = git(root, &["ls-tree", "--name-only", hash, "--", "."])?;
    let wanted: Vec<String> = String::from_utf8_lossy(&listed)
        .lines()
        .map(|p| p.strip_prefix(prefix).unwrap_or(p).to_string())
        .filter(|p| SITE_ENTRIES.contains(&p.as_str()))
        .collect();
    let mut args = vec!["archive", "--format=tar", hash, "--"];
    args.extend(wanted.iter().map(String::as_str));
    let tar = git(root, &args)?;
    let mut child = Command::new("tar")
        .arg("-x")
        .arg("-C")
        .arg(dir)
        .stdin(Stdio::piped())
        .spawn()?;
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().expect("piped");
        stdin.write_all(&tar)?;
    }
    if !child.wait()?.success() {
        return Err(DiffError::Git {
            args: format!("archive {name} | tar -x"),
            message: "tar failed".into(),
        });
    }
    Ok(())
}

/// A path as git lists it: raw bytes on Unix (any name the file system
/// holds), UTF-8 elsewhere.
#[cfg(unix)]
fn path_of(bytes: &[u8]) -> std::path::PathBuf {
    use std::os::unix::ffi::OsStrExt;
    std::ffi::OsStr::from_bytes(bytes).into()
}

#[cfg(not(unix))]
fn path_of(bytes: &[u8]) -> std::path::PathBuf {
    String::from_utf8_lossy(bytes).into_owned().into()
}

/// Copies the site entries of the working tree into `dir`: the files git
/// tracks or would track (`ls-files --cached --others --exclude-standard`),
/// as they are on disk. Ignored files (`public/`, editor backups) stay out,
/// as they would from a commit; a tracked file deleted on disk is absent.
/// Only plain files are copied: a link is not followed out of the site.
fn copy_working_tree(root: &Path, dir: &Path) -> Result<(), DiffError> {
    let mut args = vec![
        "ls-files",
        "-z",
        "--cached",
        "--others",
        "--exclude-standard",
        "--",
    ];
    args.extend(SITE_ENTRIES);
    let listed = git(root, &args)?;
    let mut seen = std::collections::BTreeSet::new();
    for rel in listed.split(|&b| b == 0).filter(|p| !p.is_empty()) {
        // A file in conflict is listed once per stage entry.
        if !seen.insert(rel) {
            continue;
        }
        let rel = path_of(rel);
        let from = root.join(&rel);
        match fs::symlink_metadata(&from) {
            Ok(m) if m.file_type().is_file() => {}
            _ => continue,
        }
        let to = dir.join(&rel);
        if let Some(parent) = to.parent() {
            fs::create_dir_all(parent)?;
        }
        fs::copy(&from, &to)?;
    }
    Ok(())
}
