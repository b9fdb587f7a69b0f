//! Stage 6: writing the tree.
//!
//! Everything is written into a fresh folder beside the output
//! (`.public.tmp-<pid>`) and swapped in only when the whole build succeeded,
//! so a failed build leaves the previous output exactly as it was.

pub mod data;
pub mod feeds;
pub mod minify;
mod sink;

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

pub use sink::{Discard, Emit, Folder, Memory, Sink};

/// Summary of what was written.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Written {
    /// HTML pages.
    pub pages: usize,
    /// All files.
    pub files: usize,
    /// Total bytes.
    pub bytes: u64,
}

/// Builds into a temporary folder beside `out` through `fill`, then swaps
/// it in; when `fill` or a write fails, the previous output stays as it was.
pub fn write_atomic_with<T, E>(
    out: &Path,
    fill: impl FnOnce(&Folder) -> Result<T, E>,
) -> Result<T, Failed<E>> {
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    fs::create_dir_all(&parent).map_err(Failed::Io)?;
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into());
    let tmp = parent.join(format!(".{name}.tmp-{}", std::process::id()));
    let old = parent.join(format!(".{name}.old-{}", std::process::id()));
    remove_stale(
        &parent,
        &[&format!(".{name}.tmp-"), &format!(".{name}.old-")],
    );
    let _ = fs::remove_dir_all(&tmp);
    fs::create_dir_all(&tmp).map_err(Failed::Io)?;
    let value = match fill(&Folder::new(&tmp)) {
        Ok(v) => v,
        Err(e) => {
            let _ = fs::remove_dir_all(&tmp);
            return Err(Failed::Build(e));
        }
    };
    if out.exists() {
        if let Err(e) = fs::rename(out, &old) {
            let _ = fs::remove_dir_all(&tmp);
            return Err(Failed::Io(e));
        }
    }
    if let Err(e) = fs::rename(&tmp, out) {
        // Put the previous output back.
        let _ = fs::rename(&old, out);
        let _ = fs::remove_dir_all(&tmp);
        return Err(Failed::Io(e));
    }
    let _ = fs::remove_dir_all(&old);
    Ok(value)
}

/// Why [`write_atomic_with`] failed.
#[derive(Debug)]
pub enum Failed<E> {
    /// The build itself failed.
    Build(E),
    /// The output folder could not be prepared or swapped.
    Io(io::Error),
}

/// Removes the folders in `dir` named `<prefix><pid>` or
/// `<prefix><pid>-<n>`, for any of `prefixes`, that a build which no longer runs left behind: one
/// killed (Ctrl-C, a CI time limit) cannot clean up after itself, and its
/// temporary output or search index runs may take gigabytes. Only where
/// the system lists the processes that run (`/proc`); elsewhere, and for
/// any process that still runs, nothing is removed.
pub fn remove_stale(dir: &Path, prefixes: &[&str]) {
    let procs = Path::new("/proc");
    if !procs.join("self").exists() {
        return;
    }
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let name = e.file_name();
        let Some(pid) = name
            .to_str()
            .and_then(|n| prefixes.iter().find_map(|p| n.strip_prefix(p)))
            .and_then(|rest| rest.split('-').next())
            .and_then(|p| p.parse::<u32>().ok())
        else {
            continue;
        };
        let gone = pid != std::process::id() && !runs(&procs.join(pid.to_string()));
        if gone && e.file_type().is_ok_and(|t| t.is_dir()) {
            let _ = fs::remove_dir_all(e.path());
        }
    }
}

/// Whether the process whose `/proc` folder is `proc` runs: it exists and
/// is not a zombie (killed, and not yet reaped by its parent).
fn runs(proc: &Path) -> bool {
    let Ok(stat) = fs::read_to_string(proc.join("stat")) else {
        return false;
    };
    // The state follows the command name, which may hold spaces.
    let state = stat
        .rfind(')')
        .and_then(|i| stat[i + 1..].trim_start().chars().next());
    !matches!(state, Some('Z' | 'X'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_of_builds_that_no_longer_run_are_removed() {
        let dir = std::env::temp_dir().join(format!("plansite-stale-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        let me = std::process::id();
        // No process has the largest number; process 1 always runs.
        let names = [
            format!(".public.tmp-{}", u32::MAX),
            format!(".public.tmp-{me}"),
            ".public.tmp-1".to_owned(),
            format!("plansite-index-{}-3", u32::MAX),
            format!(".other.tmp-{}", u32::MAX),
            ".public.tmp-notapid".to_owned(),
        ];
        for n in &names {
            fs::create_dir_all(dir.join(n).join("inner")).expect("folder");
        }
        remove_stale(&dir, &[".public.tmp-", "plansite-index-"]);
        let mut left: Vec<String> = fs::read_dir(&dir)
            .expect("dir")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        let _ = fs::remove_dir_all(&dir);
        if Path::new("/proc/self").exists() {
            let mut kept = vec![
                format!(".other.tmp-{}", u32::MAX),
                ".public.tmp-1".to_owned(),
                format!(".public.tmp-{me}"),
                ".public.tmp-notapid".to_owned(),
            ];
            kept.sort();
            assert_eq!(left, kept);
        } else {
            assert_eq!(left.len(), names.len(), "nothing removed without /proc");
        }
    }
}
