//! Change detection. The operating system's file events (inotify on
//! Linux, through `notify`) say *where* something may have changed, at once
//! and at no cost while nothing does; a snapshot of modification times and
//! sizes says *what* changed, re-read only where the events point. So an
//! editor's temporary files, written and removed within one save, count as
//! no change, and an atomic rename counts as an edit of the file it
//! replaces. Where file events are not available (or too few watches are
//! allowed), the whole snapshot is re-read every poll interval instead.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, SystemTime};

use notify::Watcher as _;

/// Modification time and size of each watched file.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Snapshot(BTreeMap<PathBuf, (Option<SystemTime>, u64)>);

/// What the site's sources are: `site.yaml`, `content/`, `indicators/`,
/// `themes/` under `root`.
pub fn watched(root: &Path) -> Vec<PathBuf> {
    ["site.yaml", "content", "indicators", "themes"]
        .iter()
        .map(|p| root.join(p))
        .collect()
}

/// Takes a snapshot of `paths`. Hidden files and editor backups
/// (`.x.swp`, `x~`) are ignored.
pub fn snapshot(paths: &[PathBuf]) -> Snapshot {
    let mut map = BTreeMap::new();
    for p in paths {
        for entry in walkdir::WalkDir::new(p)
            .follow_links(false)
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !e.file_name().to_str().is_some_and(skipped))
            .flatten()
        {
            if !entry.file_type().is_file() {
                continue;
            }
            if let Ok(meta) = entry.metadata() {
                map.insert(
                    entry.path().to_path_buf(),
                    (meta.modified().ok(), meta.len()),
                );
            }
        }
    }
    Snapshot(map)
}

impl Snapshot {
    /// Paths added, removed or modified since `older`.
    pub fn changed_since(&self, older: &Snapshot) -> Vec<PathBuf> {
        let mut out: Vec<PathBuf> = self
            .0
            .iter()
            .filter(|(p, v)| older.0.get(*p) != Some(*v))
            .map(|(p, _)| p.clone())
            .collect();
        out.extend(older.0.keys().filter(|p| !self.0.contains_key(*p)).cloned());
        out
    }

    /// Re-reads what is at `paths` now (a file, or a folder walked whole)
    /// and returns the files added, removed or modified there.
    pub fn refresh(&mut self, paths: &[PathBuf]) -> Vec<PathBuf> {
        let mut changed = Vec::new();
        for p in paths {
            let now = snapshot(std::slice::from_ref(p));
            let before: Vec<PathBuf> = self
                .0
                .range(p.clone()..)
                .take_while(|(k, _)| k.starts_with(p))
                .map(|(k, _)| k.clone())
                .collect();
            for k in before {
                if !now.0.contains_key(&k) {
                    self.0.remove(&k);
                    changed.push(k);
                }
            }
            for (k, v) in now.0 {
                if self.0.get(&k) != Some(&v) {
                    self.0.insert(k.clone(), v);
                    changed.push(k);
                }
            }
        }
        changed.sort();
        changed.dedup();
        changed
    }
}

/// Whether a file or folder name is one the watcher ignores: hidden
/// (`.x.swp`, `.git`) or an editor's backup (`x~`).
fn skipped(name: &str) -> bool {
    (name.starts_with('.') && name != "." && name != "..") || name.ends_with('~')
}

/// Whether `path` lies in or is an ignored file or folder below `under`.
fn ignored(path: &Path, under: &Path) -> bool {
    path.strip_prefix(under)
        .is_ok_and(|rel| rel.iter().filter_map(|c| c.to_str()).any(skipped))
}

/// Waits for the sources to change and says which files did.
pub struct Watch {
    root: PathBuf,
    paths: Vec<PathBuf>,
    snapshot: Snapshot,
    mode: Mode,
}

enum Mode {
    /// File events from the operating system.
    Events {
        rx: mpsc::Receiver<Vec<PathBuf>>,
        watcher: notify::RecommendedWatcher,
    },
    /// A full snapshot every interval.
    Poll(Duration),
}

/// How long the sources must be quiet before a change is acted on: editors
/// often write a file in several steps.
const QUIET: Duration = Duration::from_millis(30);

impl Watch {
    /// Starts watching the sources of the site at `root`, by file events
    /// where the system has them and by polling every `poll` otherwise.
    pub fn new(root: &Path, poll: Duration) -> Watch {
        let paths = watched(root);
        let snapshot = snapshot(&paths);
        let mode = match events(root, &paths) {
            Ok((rx, watcher)) => Mode::Events { rx, watcher },
            Err(e) => {
                eprintln!(
                    "file events unavailable ({e}); checking the sources every {} ms instead",
                    poll.as_millis()
                );
                Mode::Poll(poll)
            }
        };
        Watch {
            root: root.to_path_buf(),
            paths,
            snapshot,
            mode,
        }
    }

    /// Whether changes are seen through file events (not by polling).
    pub fn uses_events(&self) -> bool {
        matches!(self.mode, Mode::Events { .. })
    }

    /// Blocks until files under the sources change; returns them.
    pub fn changes(&mut self) -> Vec<PathBuf> {
        loop {
            let changed = match &mut self.mode {
                Mode::Poll(poll) => {
                    std::thread::sleep(*poll);
                    let now = snapshot(&self.paths);
                    if now == self.snapshot {
                        continue;
                    }
                    std::thread::sleep(QUIET);
                    let now = snapshot(&self.paths);
                    let changed = now.changed_since(&self.snapshot);
                    self.snapshot = now;
                    changed
                }
                Mode::Events { rx, watcher } => {
                    let Ok(first) = rx.recv() else {
                        // The watcher is gone: poll from now on.
                        self.mode = Mode::Poll(Duration::from_millis(100));
                        continue;
                    };
                    let mut touched = first;
                    while let Ok(more) = rx.recv_timeout(QUIET) {
                        touched.extend(more);
                    }
                    touched.sort();
                    touched.dedup();
                    // A watched folder created after the start (say
                    // `themes/`) is watched from now on.
                    for p in &self.paths {
                        if touched.contains(p) && p.is_dir() {
                            let _ = watcher.watch(p, notify::RecursiveMode::Recursive);
                        }
                    }
                    let relevant: Vec<PathBuf> = touched
                        .into_iter()
                        .filter(|t| {
                            self.paths
                                .iter()
                                .any(|p| t.starts_with(p) && !ignored(t, p))
                        })
                        .collect();
                    self.snapshot.refresh(&relevant)
                }
            };
            if !changed.is_empty() {
                return changed;
            }
        }
    }

    /// The site's root.
    pub fn root(&self) -> &Path {
        &self.root
    }
}

/// Subscribes to file events under `paths` (folders recursively) and in
/// `root` itself (for `site.yaml`, and folders created later).
#[allow(clippy::type_complexity)]
fn events(
    root: &Path,
    paths: &[PathBuf],
) -> notify::Result<(mpsc::Receiver<Vec<PathBuf>>, notify::RecommendedWatcher)> {
    let (tx, rx) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(move |res: notify::Result<notify::Event>| {
        // Reads (ours included: a snapshot opens folders) are not changes.
        match res {
            Ok(e) if !matches!(e.kind, notify::EventKind::Access(_)) => {
                let _ = tx.send(e.paths);
            }
            _ => {}
        }
    })?;
    watcher.watch(root, notify::RecursiveMode::NonRecursive)?;
    for p in paths.iter().filter(|p| p.is_dir()) {
        watcher.watch(p, notify::RecursiveMode::Recursive)?;
    }
    Ok((rx, watcher))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_additions_and_removals_are_seen() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("content");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("a.md"), "one").unwrap();
        std::fs::write(dir.join(".a.md.swp"), "x").unwrap();
        let paths = vec![dir.clone()];
        let s1 = snapshot(&paths);
        assert_eq!(s1.0.len(), 1, "hidden files are ignored");
        std::fs::write(dir.join("a.md"), "three").unwrap();
        std::fs::write(dir.join("b.md"), "new").unwrap();
        let s2 = snapshot(&paths);
        let mut changed = s2.changed_since(&s1);
        changed.sort();
        assert_eq!(changed, [dir.join("a.md"), dir.join("b.md")]);
        std::fs::remove_file(dir.join("a.md")).unwrap();
        assert_eq!(snapshot(&paths).changed_since(&s2), [dir.join("a.md")]);
    }

    fn wait_for(w: &mut Watch) -> Vec<PathBuf> {
        let (tx, rx) = mpsc::channel();
        // `next` blocks; give up after a while rather than hang the tests.
        std::thread::scope(|s| {
            s.spawn(|| {
                let _ = tx.send(w.changes());
            });
            rx.recv_timeout(Duration::from_secs(10))
                .expect("a change is reported within 10 s")
        })
    }

    #[test]
    fn file_events_report_what_changed_and_skip_temporary_files() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().canonicalize().unwrap();
        let plans = root.join("content/plans/a");
        std::fs::create_dir_all(&plans).unwrap();
        std::fs::write(plans.join("index.md"), "one").unwrap();
        let mut w = Watch::new(&root, Duration::from_millis(50));
        assert!(w.uses_events(), "inotify is available on Linux");
        // An editor's save: a temporary file, written and renamed over.
        std::fs::write(plans.join(".index.md.tmp"), "two!").unwrap();
        std::fs::write(plans.join("4913"), "").unwrap();
        std::fs::remove_file(plans.join("4913")).unwrap();
        std::fs::rename(plans.join(".index.md.tmp"), plans.join("index.md")).unwrap();
        assert_eq!(wait_for(&mut w), [plans.join("index.md")]);
        // A new plan folder, then site.yaml.
        let b = root.join("content/plans/b");
        std::fs::create_dir_all(&b).unwrap();
        std::fs::write(b.join("index.md"), "new").unwrap();
        assert_eq!(wait_for(&mut w), [b.join("index.md")]);
        std::fs::write(root.join("site.yaml"), "title: x").unwrap();
        assert_eq!(wait_for(&mut w), [root.join("site.yaml")]);
        std::fs::remove_dir_all(&b).unwrap();
        assert_eq!(wait_for(&mut w), [b.join("index.md")]);
    }
}
