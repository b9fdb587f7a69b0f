//! Putting a finished output in place of the last one, so that no kill at
//! any instant loses the last good output.
//!
//! **Invariant:** at every instant a complete output, the old or the new,
//! exists at `out` or at `.<name>.old-<pid>` beside it, and [`recover`],
//! which every build runs before anything else, puts it back at `out`.
//!
//! ```text
//! step                                       a kill here leaves        the next build
//! 1 recover                                  (as before)               (repeats it)
//! 2 fill .<name>.tmp-<pid>, marker first     out intact, a partial tmp removes the tmp
//! 3 rename out → .<name>.old-<pid>           no out, a complete old    renames old back to out
//! 4 rename .<name>.tmp-<pid> → out           the new out, the old      removes the old
//! 5 remove .<name>.old-<pid>                 the new out               —
//! ```
//!
//! A folder named after a process that still runs is never touched, so two
//! builds into one folder cannot take each other's halves. The tests kill
//! a real build at each step through [`FAULT_ENV`] (`tests/output.rs`).

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::claim::{MARKER, MARKER_TEXT};
use super::Folder;

/// The environment variable that makes a build abort (as a kill would: no
/// clean-up runs) at one named [`Step`]; for the tests of the invariant.
pub const FAULT_ENV: &str = "PLANSITE_FAULT_AT";

/// The points of a swap at which a test may kill the build.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// The temporary folder exists with its marker; nothing rendered yet.
    Started,
    /// Every file is in the temporary folder.
    Filled,
    /// The last output has been moved aside; the new one is not in place.
    OldAside,
    /// The new output is in place; the last one is not yet removed.
    NewInPlace,
}

impl Step {
    /// Every step, in order.
    pub const ALL: [Step; 4] = [
        Step::Started,
        Step::Filled,
        Step::OldAside,
        Step::NewInPlace,
    ];

    /// The step's name, as [`FAULT_ENV`] gives it.
    pub fn name(self) -> &'static str {
        match self {
            Step::Started => "started",
            Step::Filled => "filled",
            Step::OldAside => "old-aside",
            Step::NewInPlace => "new-in-place",
        }
    }
}

/// Aborts the process when [`FAULT_ENV`] names `step`.
fn fault_point(step: Step) {
    if std::env::var(FAULT_ENV).is_ok_and(|v| v == step.name()) {
        eprintln!("{FAULT_ENV}: aborting at {}", step.name());
        std::process::abort();
    }
}

/// Why [`write_atomic_with`] failed.
#[derive(Debug)]
pub enum Failed<E> {
    /// The build itself failed.
    Build(E),
    /// The output folder could not be prepared or swapped.
    Io(io::Error),
}

/// The folders beside an output that a build uses.
struct Beside {
    parent: PathBuf,
    /// `.<name>.tmp-`
    tmp: String,
    /// `.<name>.old-`
    old: String,
}

impl Beside {
    fn of(out: &Path) -> Beside {
        let parent = match out.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let name = out
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "public".into());
        Beside {
            parent,
            tmp: format!(".{name}.tmp-"),
            old: format!(".{name}.old-"),
        }
    }

    fn mine(&self, prefix: &str) -> PathBuf {
        self.parent.join(format!("{prefix}{}", std::process::id()))
    }
}

/// Builds into a temporary folder beside `out` through `fill`, then swaps
/// it in; when `fill` or a write fails, the previous output stays as it
/// was. The caller has checked that `out` may be replaced
/// ([`super::claim`]).
pub fn write_atomic_with<T, E>(
    out: &Path,
    fill: impl FnOnce(&Folder) -> Result<T, E>,
) -> Result<T, Failed<E>> {
    let beside = Beside::of(out);
    fs::create_dir_all(&beside.parent).map_err(Failed::Io)?;
    recover(out).map_err(Failed::Io)?;
    let tmp = beside.mine(&beside.tmp);
    let old = beside.mine(&beside.old);
    let _ = fs::remove_dir_all(&tmp);
    fs::create_dir_all(&tmp).map_err(Failed::Io)?;
    fs::write(tmp.join(MARKER), MARKER_TEXT).map_err(Failed::Io)?;
    fault_point(Step::Started);
    let value = match fill(&Folder::new(&tmp)) {
        Ok(v) => v,
        Err(e) => {
            let _ = fs::remove_dir_all(&tmp);
            return Err(Failed::Build(e));
        }
    };
    fault_point(Step::Filled);
    let had_old = fs::symlink_metadata(out).is_ok();
    if had_old {
        if let Err(e) = fs::rename(out, &old) {
            let _ = fs::remove_dir_all(&tmp);
            return Err(Failed::Io(e));
        }
    }
    fault_point(Step::OldAside);
    if let Err(e) = fs::rename(&tmp, out) {
        // Put the previous output back.
        if had_old {
            let _ = fs::rename(&old, out);
        }
        let _ = fs::remove_dir_all(&tmp);
        return Err(Failed::Io(e));
    }
    fault_point(Step::NewInPlace);
    if had_old {
        let _ = fs::remove_dir_all(&old);
    }
    Ok(value)
}

/// Restores what an earlier build killed mid-swap left: when `out` is
/// missing, its last complete output (a `.old-` folder of a build that no
/// longer runs) goes back to `out`; then every `.tmp-` and `.old-` folder
/// of a build that no longer runs is removed. Runs before anything else a
/// build does to its output.
pub fn recover(out: &Path) -> io::Result<()> {
    let beside = Beside::of(out);
    if fs::symlink_metadata(out).is_err() {
        let newest = left_by_dead(&beside.parent, &beside.old)
            .into_iter()
            .max_by_key(|p| fs::metadata(p).and_then(|m| m.modified()).ok());
        if let Some(last_good) = newest {
            fs::rename(&last_good, out)?;
            eprintln!(
                "restored {} from {}, the last complete output of a build that was interrupted",
                out.display(),
                last_good.display()
            );
        }
    }
    remove_stale(&beside.parent, &[&beside.tmp, &beside.old]);
    Ok(())
}

/// The folders in `dir` named `<prefix><pid>` whose process no longer runs.
fn left_by_dead(dir: &Path, prefix: &str) -> Vec<PathBuf> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    entries
        .flatten()
        .filter(|e| {
            stale_pid(&e.file_name().to_string_lossy(), &[prefix]).is_some()
                && e.file_type().is_ok_and(|t| t.is_dir())
        })
        .map(|e| e.path())
        .collect()
}

/// The process number in `name` (`<prefix><pid>` or `<prefix><pid>-<n>`)
/// when that process no longer runs. Only where the system lists the
/// processes that run (`/proc`); elsewhere nothing counts as stale.
fn stale_pid(name: &str, prefixes: &[&str]) -> Option<u32> {
    let procs = Path::new("/proc");
    if !procs.join("self").exists() {
        return None;
    }
    let pid = prefixes
        .iter()
        .find_map(|p| name.strip_prefix(p))
        .and_then(|rest| rest.split('-').next())
        .and_then(|p| p.parse::<u32>().ok())?;
    (pid != std::process::id() && !runs(&procs.join(pid.to_string()))).then_some(pid)
}

/// Removes the folders in `dir` named `<prefix><pid>` or
/// `<prefix><pid>-<n>`, for any of `prefixes`, that a build which no longer
/// runs left behind: one killed (Ctrl-C, a CI time limit) cannot clean up
/// after itself, and its temporary output or search index runs may take
/// gigabytes. Only where the system lists the processes that run
/// (`/proc`); elsewhere, and for any process that still runs, nothing is
/// removed.
pub fn remove_stale(dir: &Path, prefixes: &[&str]) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let gone = stale_pid(&e.file_name().to_string_lossy(), prefixes).is_some();
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

    #[test]
    fn a_missing_output_is_restored_from_a_dead_builds_old_folder() {
        if !Path::new("/proc/self").exists() {
            return;
        }
        let dir = tempfile::tempdir().expect("temp dir");
        let out = dir.path().join("public");
        let old = dir.path().join(format!(".public.old-{}", u32::MAX));
        let tmp = dir.path().join(format!(".public.tmp-{}", u32::MAX));
        fs::create_dir_all(&old).expect("old");
        fs::write(old.join("index.html"), "last good").expect("write");
        fs::create_dir_all(&tmp).expect("tmp");
        recover(&out).expect("recover");
        assert_eq!(
            fs::read_to_string(out.join("index.html")).expect("restored"),
            "last good"
        );
        assert!(!old.exists() && !tmp.exists());
    }

    #[test]
    fn an_old_folder_is_removed_when_the_new_output_is_in_place() {
        if !Path::new("/proc/self").exists() {
            return;
        }
        let dir = tempfile::tempdir().expect("temp dir");
        let out = dir.path().join("public");
        let old = dir.path().join(format!(".public.old-{}", u32::MAX));
        fs::create_dir_all(&out).expect("out");
        fs::write(out.join("index.html"), "new").expect("write");
        fs::create_dir_all(&old).expect("old");
        recover(&out).expect("recover");
        assert_eq!(
            fs::read_to_string(out.join("index.html")).expect("kept"),
            "new"
        );
        assert!(!old.exists());
    }

    #[test]
    fn a_failed_fill_leaves_the_output_and_marks_a_new_one() {
        let dir = tempfile::tempdir().expect("temp dir");
        let out = dir.path().join("public");
        fs::create_dir_all(&out).expect("out");
        fs::write(out.join("index.html"), "old").expect("write");
        let r: Result<(), Failed<&str>> = write_atomic_with(&out, |_| Err("bad"));
        assert!(matches!(r, Err(Failed::Build("bad"))));
        assert_eq!(
            fs::read_to_string(out.join("index.html")).expect("kept"),
            "old"
        );
        let r: Result<(), Failed<&str>> = write_atomic_with(&out, |_| Ok(()));
        assert!(r.is_ok());
        assert!(out.join(MARKER).is_file());
        assert!(!out.join("index.html").exists());
        let left: Vec<_> = fs::read_dir(dir.path()).expect("dir").collect();
        assert_eq!(left.len(), 1, "only the output is left beside it");
    }
}
