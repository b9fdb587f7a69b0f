//! Finding the site's files, with nothing skipped in silence: a folder that
//! cannot be read is an error naming it, and symbolic links follow one
//! rule: followed when they point inside the site folder, refused (an error
//! naming the link and its target) when they point outside it.

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::diag::{Diagnostic, Diagnostics, Location};

/// The site folder, as given and as the system resolves it.
#[derive(Debug, Clone)]
pub struct Bounds {
    /// The root as given: files are named relative to it.
    pub root: PathBuf,
    /// The root with every link resolved: links must point under it.
    canonical: PathBuf,
}

impl Bounds {
    /// The bounds of the site at `root` (which exists).
    pub fn new(root: &Path) -> Self {
        Bounds {
            root: root.to_path_buf(),
            canonical: std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf()),
        }
    }

    /// `p` as diagnostics name it: relative to the site root.
    pub fn shown(&self, p: &Path) -> PathBuf {
        p.strip_prefix(&self.root).unwrap_or(p).to_path_buf()
    }

    /// Whether `link` (a symbolic link) may be followed; the error naming
    /// it and its target when it points outside the site or nowhere.
    pub fn check_link(&self, link: &Path) -> Result<(), Diagnostic> {
        let at = Location::file(self.shown(link));
        match std::fs::canonicalize(link) {
            Ok(target) if target.starts_with(&self.canonical) => Ok(()),
            Ok(target) => Err(Diagnostic::error(
                at,
                format!(
                    "symbolic link to `{}`, outside the site folder",
                    target.display()
                ),
            )
            .hint("copy what it points to into the site folder, or link to a place inside it")
            .zh(
                format!("符号链接指向站点文件夹之外的 `{}`", target.display()),
                "把它指向的内容复制到站点文件夹里，或者改为链接到站点内的位置",
            )),
            Err(e) => {
                let target = std::fs::read_link(link).unwrap_or_default();
                Err(Diagnostic::error(
                    at,
                    format!(
                        "symbolic link to `{}` cannot be followed: {e}",
                        target.display()
                    ),
                )
                .hint("correct the link's target or remove the link")
                .zh(
                    format!("无法跟随指向 `{}` 的符号链接：{e}", target.display()),
                    "改正链接的目标，或者删除这个链接",
                ))
            }
        }
    }
}

/// The files under `start` (a folder, or a single file) for which `wanted`
/// holds, in name order, and every problem met finding them. Files whose
/// names start with a dot are left out (an editor's or the system's).
pub fn walk(
    bounds: &Bounds,
    start: &Path,
    wanted: &(dyn Fn(&Path) -> bool + Sync),
) -> (Vec<PathBuf>, Diagnostics) {
    let mut files = Vec::new();
    let mut problems = Diagnostics::new();
    let mut it = WalkDir::new(start)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter();
    while let Some(entry) = it.next() {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                problems.push(walk_error(bounds, &e));
                continue;
            }
        };
        let is_dir = entry.file_type().is_dir();
        let is_file = entry.file_type().is_file();
        let wanted_file = is_file && !hidden(entry.path()) && wanted(entry.path());
        if entry.path_is_symlink() && (is_dir || wanted_file) {
            if let Err(d) = bounds.check_link(entry.path()) {
                problems.push(d);
                if is_dir {
                    it.skip_current_dir();
                }
                continue;
            }
        }
        if wanted_file {
            files.push(entry.into_path());
        }
    }
    (files, problems)
}

fn walk_error(bounds: &Bounds, e: &walkdir::Error) -> Diagnostic {
    if let Some(link) = e.path().filter(|p| is_link(p)) {
        if let Err(d) = bounds.check_link(link) {
            return d;
        }
    }
    let path = e.path().map(|p| bounds.shown(p)).unwrap_or_default();
    let at = Location::file(&path);
    if let Some(ancestor) = e.loop_ancestor() {
        return Diagnostic::error(
            at,
            format!(
                "symbolic link loops back to `{}`",
                bounds.shown(ancestor).display()
            ),
        )
        .hint("remove the link, or point it at a folder that does not contain it")
        .zh(
            format!("符号链接绕回了 `{}`", bounds.shown(ancestor).display()),
            "删除这个链接，或者让它指向不包含它自己的文件夹",
        );
    }
    let why = e
        .io_error()
        .map_or_else(|| e.to_string(), ToString::to_string);
    Diagnostic::error(at, format!("cannot read: {why}"))
        .hint("make it readable (`chmod u+rx` for a folder, `chmod u+r` for a file), or move it out of the site folder")
        .zh(
            format!("无法读取：{why}"),
            "让它可读（文件夹用 `chmod u+rx`，文件用 `chmod u+r`），或者把它移出站点文件夹",
        )
}

/// Whether `p` is a symbolic link.
pub fn is_link(p: &Path) -> bool {
    p.symlink_metadata()
        .is_ok_and(|m| m.file_type().is_symlink())
}

/// Whether a file's name starts with a dot (an editor's or the system's).
pub fn hidden(p: &Path) -> bool {
    p.file_name()
        .is_some_and(|n| n.to_string_lossy().starts_with('.'))
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::{symlink, PermissionsExt};

    fn messages(d: Diagnostics) -> Vec<String> {
        d.sorted().iter().map(ToString::to_string).collect()
    }

    #[test]
    fn links_inside_are_followed_and_links_outside_refused() {
        let tmp = tempfile::tempdir().unwrap();
        let (root, outside) = (tmp.path().join("site"), tmp.path().join("outside"));
        for dir in [root.join("content/real"), outside.clone()] {
            std::fs::create_dir_all(&dir).unwrap();
        }
        std::fs::write(root.join("content/real/index.md"), "x").unwrap();
        std::fs::write(outside.join("index.md"), "x").unwrap();
        symlink(root.join("content/real"), root.join("content/inside")).unwrap();
        symlink(&outside, root.join("content/away")).unwrap();
        symlink(outside.join("index.md"), root.join("content/away.md")).unwrap();
        symlink(root.join("nowhere"), root.join("content/broken.md")).unwrap();
        let bounds = Bounds::new(&root);
        let md = |p: &Path| p.extension().is_some_and(|x| x == "md");
        let (files, problems) = walk(&bounds, &root.join("content"), &md);
        let shown: Vec<PathBuf> = files.iter().map(|f| bounds.shown(f)).collect();
        assert_eq!(
            shown,
            [
                PathBuf::from("content/inside/index.md"),
                PathBuf::from("content/real/index.md")
            ]
        );
        let got = messages(problems);
        assert_eq!(got.len(), 3, "{got:#?}");
        assert!(
            got[0].starts_with("content/away:1:1: error: symbolic link to `"),
            "{got:#?}"
        );
        assert!(got[0].contains("outside"), "{got:#?}");
        assert!(
            got[1].starts_with("content/away.md:1:1: error: symbolic link to `"),
            "{got:#?}"
        );
        assert!(
            got[2].starts_with("content/broken.md:1:1: error:"),
            "{got:#?}"
        );
    }

    #[test]
    fn an_unreadable_folder_is_an_error_naming_it() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().to_path_buf();
        let locked = root.join("content/plans/locked");
        std::fs::create_dir_all(&locked).unwrap();
        std::fs::write(locked.join("index.md"), "x").unwrap();
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
        // The superuser reads any folder: there a link loop stands in for
        // a folder that cannot be read.
        let root_reads_all = std::fs::read_dir(&locked).is_ok();
        if root_reads_all {
            std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
            symlink(&locked, locked.join("again")).unwrap();
        }
        let (files, problems) = walk(&Bounds::new(&root), &root.join("content"), &|_| true);
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
        let got = messages(problems);
        assert_eq!(got.len(), 1, "{got:#?}");
        if root_reads_all {
            assert!(got[0].starts_with("content/plans/locked/again:1:1: error: symbolic link loops back to `content/plans/locked`"), "{got:#?}");
            assert_eq!(files.len(), 1);
        } else {
            assert!(
                got[0].starts_with("content/plans/locked:1:1: error: cannot read: "),
                "{got:#?}"
            );
            assert!(files.is_empty());
        }
    }
}
