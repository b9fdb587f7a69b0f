//! Change detection by polling: a snapshot of modification times and sizes
//! of everything under the watched paths. Polling needs no platform
//! support, sees edits made by any editor (including atomic renames), and
//! costs one `stat` per file per tick.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

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
            .filter_entry(|e| {
                !e.file_name()
                    .to_str()
                    .is_some_and(|n| n.starts_with('.') && e.depth() > 0)
            })
            .flatten()
        {
            if !entry.file_type().is_file() {
                continue;
            }
            let name = entry.file_name().to_string_lossy();
            if name.ends_with('~') {
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
}
