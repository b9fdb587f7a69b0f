//! Reading a site's git history with as few processes as possible: one
//! `rev-parse` for the repository's state, one `log --raw` for every commit
//! that touched the content, one `status` for what is not committed, and one
//! `cat-file --batch` for the old versions of the plans that changed.
//!
//! Everything here is I/O and parsing of git's output; what it means for
//! the site is decided in [`super`].

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Command, Stdio};

/// The site paths whose history is read.
pub const PATHS: [&str; 2] = ["content", "indicators"];

/// Longest commit subject kept, in characters: a subject of any length
/// stays bounded on every page and feed.
const SUBJECT_CHARS: usize = 200;

/// What kind of repository holds the site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Repo {
    /// Not inside a git work tree, or git is not installed.
    None,
    /// A shallow clone: its history is cut, so its dates are not the
    /// content's.
    Shallow,
    /// A work tree with full history; the site folder's path inside the
    /// repository (`""` at the top, else ending in `/`).
    Full {
        /// `git rev-parse --show-prefix`.
        prefix: String,
    },
}

/// One commit as `git log` lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoggedCommit {
    /// Full hash.
    pub hash: String,
    /// Committer date, strict ISO 8601 (`2026-03-01T10:00:00+08:00`).
    pub time: String,
    /// The subject line, control characters replaced and length bounded.
    pub subject: String,
    /// The files it changed under [`PATHS`], relative to the site folder.
    pub files: Vec<Touched>,
}

/// One file a commit changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Touched {
    /// Path relative to the site folder.
    pub path: String,
    /// `A`dded, `M`odified, `D`eleted (or another `--raw` status letter).
    pub status: char,
    /// The blob before (all zeros when added).
    pub old: String,
    /// The blob after (all zeros when deleted).
    pub new: String,
}

/// Runs `git -C root ARGS`, its standard output when it succeeds.
fn run(root: &Path, args: &[&str]) -> Option<Vec<u8>> {
    let out = Command::new("git")
        .arg("-C")
        .arg(root)
        .args(args)
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .ok()?;
    out.status.success().then_some(out.stdout)
}

/// The repository `root` is in.
pub fn repo(root: &Path) -> Repo {
    let Some(out) = run(
        root,
        &[
            "rev-parse",
            "--is-inside-work-tree",
            "--is-shallow-repository",
            "--show-prefix",
        ],
    ) else {
        return Repo::None;
    };
    let text = String::from_utf8_lossy(&out);
    let mut lines = text.lines();
    match (lines.next(), lines.next()) {
        (Some("true"), Some("true")) => Repo::Shallow,
        (Some("true"), Some("false")) => Repo::Full {
            prefix: lines.next().unwrap_or("").to_owned(),
        },
        _ => Repo::None,
    }
}

/// Every commit reachable from `HEAD` that changed the site's content,
/// newest first; `None` when there is no commit yet.
pub fn log(root: &Path, prefix: &str) -> Option<Vec<LoggedCommit>> {
    let mut args = vec![
        "log",
        "-z",
        "--no-renames",
        "--raw",
        "--no-abbrev",
        "--format=%x01%H%x00%cI%x00%s",
        "--",
    ];
    args.extend(PATHS);
    let out = run(root, &args)?;
    Some(parse_log(&out, prefix))
}

/// Parses `log -z --raw --format=%x01%H%x00%cI%x00%s` output: fields end
/// in NUL, a commit starts with `\x01`, a file is `:modes blobs status`
/// then its path.
pub fn parse_log(out: &[u8], prefix: &str) -> Vec<LoggedCommit> {
    let mut commits: Vec<LoggedCommit> = Vec::new();
    let mut fields = out.split(|&b| b == 0);
    while let Some(field) = fields.next() {
        let field = field.strip_prefix(b"\n").unwrap_or(field);
        if let Some(hash) = field.strip_prefix(b"\x01") {
            let time = fields.next().unwrap_or_default();
            let subject = fields.next().unwrap_or_default();
            commits.push(LoggedCommit {
                hash: String::from_utf8_lossy(hash).into_owned(),
                time: String::from_utf8_lossy(time).into_owned(),
                subject: clean_subject(&String::from_utf8_lossy(subject)),
                files: Vec::new(),
            });
        } else if let Some(raw) = field.strip_prefix(b":") {
            let path = fields.next().unwrap_or_default();
            let raw = String::from_utf8_lossy(raw);
            let parts: Vec<&str> = raw.split(' ').collect();
            let (Some(commit), [_, _, old, new, status]) = (commits.last_mut(), parts.as_slice())
            else {
                continue;
            };
            let path = String::from_utf8_lossy(path);
            let Some(path) = path.strip_prefix(prefix) else {
                continue;
            };
            commit.files.push(Touched {
                path: path.to_owned(),
                status: status.chars().next().unwrap_or('M'),
                old: (*old).to_owned(),
                new: (*new).to_owned(),
            });
        }
    }
    commits
}

/// A subject as pages show it: control characters as U+FFFD, at most
/// [`SUBJECT_CHARS`] characters (then `…`).
pub fn clean_subject(s: &str) -> String {
    let mut out: String = s
        .chars()
        .take(SUBJECT_CHARS)
        .map(|c| if c.is_control() { '\u{fffd}' } else { c })
        .collect();
    if s.chars().nth(SUBJECT_CHARS).is_some() {
        out.push('…');
    }
    out.trim().to_owned()
}

/// The content files that differ from `HEAD` (changed, added, deleted or
/// untracked), relative to the site folder.
pub fn uncommitted(root: &Path, prefix: &str) -> Vec<String> {
    let mut args = vec![
        "status",
        "--porcelain=v1",
        "-z",
        "--untracked-files=all",
        "--no-renames",
        "--",
    ];
    args.extend(PATHS);
    let Some(out) = run(root, &args) else {
        return Vec::new();
    };
    out.split(|&b| b == 0)
        .filter(|e| e.len() > 3)
        .filter_map(|e| {
            let path = String::from_utf8_lossy(&e[3..]);
            path.strip_prefix(prefix).map(str::to_owned)
        })
        .collect()
}

/// The committer date of `HEAD` (strict ISO 8601).
pub fn head_time(root: &Path) -> Option<String> {
    let out = run(root, &["log", "-1", "--format=%cI", "HEAD"])?;
    let s = String::from_utf8_lossy(&out).trim().to_owned();
    (!s.is_empty()).then_some(s)
}

/// The contents of `blobs`, read through one `git cat-file --batch`; a
/// blob git cannot give is left out.
pub fn blobs(root: &Path, blobs: &[String]) -> BTreeMap<String, Vec<u8>> {
    let mut found = BTreeMap::new();
    if blobs.is_empty() {
        return found;
    }
    let child = Command::new("git")
        .arg("-C")
        .arg(root)
        .args(["cat-file", "--batch"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn();
    let Ok(mut child) = child else {
        return found;
    };
    let (Some(mut stdin), Some(stdout)) = (child.stdin.take(), child.stdout.take()) else {
        return found;
    };
    // Requests are written on a thread of their own so that git never
    // waits on a full pipe while we wait on it.
    let requests: Vec<u8> = blobs
        .iter()
        .flat_map(|b| format!("{b}\n").into_bytes())
        .collect();
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(&requests);
    });
    let mut reader = BufReader::new(stdout);
    let mut header = String::new();
    for blob in blobs {
        header.clear();
        if reader.read_line(&mut header).unwrap_or(0) == 0 {
            break;
        }
        // `<hash> blob <size>`, or `<hash> missing`.
        let size = header
            .split_whitespace()
            .nth(2)
            .and_then(|s| s.parse::<usize>().ok());
        let Some(size) = size else { continue };
        let mut bytes = vec![0; size + 1];
        if reader.read_exact(&mut bytes).is_err() {
            break;
        }
        bytes.pop();
        found.insert(blob.clone(), bytes);
    }
    let _ = writer.join();
    let _ = child.wait();
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn log_output_is_read_commit_by_commit() {
        let out = b"\x01aaa\x002026-01-02T03:04:05+08:00\x00Fix \x01target\x00\n:100644 100644 111 222 M\x00site/content/plans/x/index.md\x00:000000 100644 000 333 A\x00elsewhere/y\x00\x01bbb\x002026-01-01T00:00:00Z\x00Add\x00\n:000000 100644 000 111 A\x00site/content/plans/x/index.md\x00";
        let commits = parse_log(out, "site/");
        assert_eq!(commits.len(), 2);
        assert_eq!(commits[0].subject, "Fix \u{fffd}target");
        assert_eq!(commits[0].files.len(), 1);
        assert_eq!(commits[0].files[0].path, "content/plans/x/index.md");
        assert_eq!(commits[0].files[0].status, 'M');
        assert_eq!(commits[0].files[0].old, "111");
        assert_eq!(commits[1].files[0].status, 'A');
        assert_eq!(commits[1].time, "2026-01-01T00:00:00Z");
    }

    #[test]
    fn subjects_are_bounded() {
        let long = "x".repeat(10_000);
        assert_eq!(clean_subject(&long).chars().count(), SUBJECT_CHARS + 1);
    }
}
