//! Which folders a build may replace.
//!
//! A build replaces its whole output folder, so it must never take a folder
//! that holds anything else. The rule, after Zola's refusal to build into an
//! existing folder: a build writes [`MARKER`] into every output, and replaces
//! only a folder that carries the marker, is empty, or does not exist.
//! Anything else is refused unless the user passes `--force`. The site
//! folder, any folder that contains it, and its `content/`, `indicators/`,
//! `themes/` and `.git` (or anything inside them) are refused even with
//! `--force`: no flag makes a build delete what staff wrote.

use std::fmt;
use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};

/// The file that marks a folder as a plansite output. It is not a page:
/// the sitemap and the feeds list routes, never files, so it is in neither.
pub const MARKER: &str = ".plansite-output";

/// What the marker file says to someone who opens it.
pub const MARKER_TEXT: &str = "This folder is the output of `plansite build`.\n\
Every build replaces all of it: keep nothing here that the build does not write.\n";

/// The folders of a site that hold what staff write.
const SOURCES: [&str; 4] = ["content", "indicators", "themes", ".git"];

/// Why a build refuses an output folder. Its `Display` names the folder,
/// says why, and says what to do (including `--force` where it helps).
#[derive(Debug)]
pub enum Refusal {
    /// The folder is the site, contains it, or is one of its source folders.
    Protected {
        /// The output folder as given.
        out: PathBuf,
        /// What the folder is to the site.
        what: &'static str,
    },
    /// A folder that holds files and no marker: plansite did not write it.
    NotOurs {
        /// The output folder as given.
        out: PathBuf,
    },
    /// A file, or a link, where the output folder should be.
    NotAFolder {
        /// The output path as given.
        out: PathBuf,
        /// What is there instead.
        found: &'static str,
    },
    /// The path could not be examined.
    Io {
        /// The output folder as given.
        out: PathBuf,
        /// The system's error.
        error: io::Error,
    },
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Refusal::Protected { out, what } => write!(
                f,
                "refusing to build into {}: it is {what}, and a build replaces its output folder \
                 entirely\n  hint: choose another --out (the default is <root>/public); \
                 --force does not override this",
                out.display()
            ),
            Refusal::NotOurs { out } => write!(
                f,
                "refusing to build into {}: it holds files that plansite did not write \
                 (no {MARKER} file), and a build replaces the whole folder\n  hint: choose an \
                 empty or new folder, or pass --force to delete its contents and build there",
                out.display()
            ),
            Refusal::NotAFolder { out, found } => write!(
                f,
                "refusing to build into {}: it is {found}, not a folder\n  hint: choose a \
                 folder path for --out, or remove what is there",
                out.display()
            ),
            Refusal::Io { out, error } => write!(
                f,
                "cannot examine the output folder {}: {error}\n  hint: check that its parent \
                 folder exists and can be read",
                out.display()
            ),
        }
    }
}

impl std::error::Error for Refusal {}

/// Checks that a build of the site at `root` may replace `out`; `force`
/// allows a folder that holds other files, never a protected one.
pub fn claim(out: &Path, root: &Path, force: bool) -> Result<(), Refusal> {
    let io = |error| Refusal::Io {
        out: out.to_path_buf(),
        error,
    };
    let site = absolute(root).map_err(io)?;
    let target = absolute(out).map_err(io)?;
    if let Some(what) = protected(&target, &site) {
        return Err(Refusal::Protected {
            out: out.to_path_buf(),
            what,
        });
    }
    let meta = match fs::symlink_metadata(out) {
        Ok(m) => m,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(io(e)),
    };
    if meta.file_type().is_symlink() {
        return Err(Refusal::NotAFolder {
            out: out.to_path_buf(),
            found: "a symbolic link (a build would replace the link, not fill its target)",
        });
    }
    if !meta.is_dir() {
        return Err(Refusal::NotAFolder {
            out: out.to_path_buf(),
            found: "a file",
        });
    }
    if force || fs::symlink_metadata(out.join(MARKER)).is_ok_and(|m| m.is_file()) {
        return Ok(());
    }
    let empty = fs::read_dir(out).map_err(io)?.next().is_none();
    if empty {
        Ok(())
    } else {
        Err(Refusal::NotOurs {
            out: out.to_path_buf(),
        })
    }
}

/// What `target` is to the site at `site`, when a build must never replace it.
fn protected(target: &Path, site: &Path) -> Option<&'static str> {
    if target == site {
        return Some("the site folder");
    }
    if site.starts_with(target) {
        return Some("a folder that contains the site folder");
    }
    SOURCES
        .iter()
        .find(|s| target.starts_with(site.join(s)))
        .map(|s| match *s {
            "content" => "the site's content/ folder or inside it",
            "indicators" => "the site's indicators/ folder or inside it",
            "themes" => "the site's themes/ folder or inside it",
            _ => "the site's .git folder or inside it",
        })
}

/// `path` made absolute with every link resolved, also when its last parts
/// do not exist yet: the longest existing prefix is resolved by the system
/// and the rest is joined to it, `..` taking off one part.
pub fn absolute(path: &Path) -> io::Result<PathBuf> {
    let whole = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()?.join(path)
    };
    let mut rest = Vec::new();
    let mut existing = whole.as_path();
    let mut base = loop {
        match existing.canonicalize() {
            Ok(p) => break p,
            Err(e) => {
                let Some(parent) = existing.parent() else {
                    return Err(e);
                };
                rest.push(existing.components().next_back());
                existing = parent;
            }
        }
    };
    for c in rest.into_iter().rev().flatten() {
        match c {
            Component::ParentDir => {
                base.pop();
            }
            Component::Normal(n) => base.push(n),
            _ => {}
        }
    }
    Ok(base)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> tempfile::TempDir {
        let dir = tempfile::tempdir().expect("temp dir");
        for s in SOURCES {
            fs::create_dir_all(dir.path().join(s)).expect("source folder");
        }
        fs::write(dir.path().join("site.yaml"), "x").expect("site.yaml");
        dir
    }

    #[test]
    fn new_empty_and_marked_folders_are_taken() {
        let s = site();
        let root = s.path();
        assert!(claim(&root.join("public"), root, false).is_ok());
        fs::create_dir(root.join("public")).expect("mkdir");
        assert!(claim(&root.join("public"), root, false).is_ok());
        fs::write(root.join("public/index.html"), "x").expect("write");
        fs::write(root.join("public").join(MARKER), MARKER_TEXT).expect("write");
        assert!(claim(&root.join("public"), root, false).is_ok());
    }

    #[test]
    fn a_folder_with_other_files_needs_force() {
        let s = site();
        let keep = s.path().join("keep");
        fs::create_dir(&keep).expect("mkdir");
        fs::write(keep.join("notes.txt"), "x").expect("write");
        let err = claim(&keep, s.path(), false).expect_err("refused");
        assert!(matches!(err, Refusal::NotOurs { .. }), "{err}");
        let msg = err.to_string();
        assert!(msg.contains("keep") && msg.contains("--force"), "{msg}");
        assert!(claim(&keep, s.path(), true).is_ok());
    }

    #[test]
    fn the_site_and_its_sources_are_refused_even_with_force() {
        let s = site();
        let root = s.path();
        let cases = [
            root.to_path_buf(),
            root.join("."),
            root.join("content"),
            root.join("content/plans/new"),
            root.join("indicators"),
            root.join("themes"),
            root.join(".git"),
            root.join("public/../content"),
            root.parent().expect("parent").to_path_buf(),
            PathBuf::from("/"),
        ];
        for out in cases {
            let err = claim(&out, root, true).expect_err(&out.display().to_string());
            assert!(matches!(err, Refusal::Protected { .. }), "{err}");
            assert!(err.to_string().contains("--force does not"), "{err}");
        }
    }

    #[test]
    fn a_file_or_a_link_is_not_a_folder() {
        let s = site();
        let root = s.path();
        let file = root.join("out.txt");
        fs::write(&file, "x").expect("write");
        let err = claim(&file, root, true).expect_err("a file");
        assert!(matches!(err, Refusal::NotAFolder { .. }), "{err}");
        #[cfg(unix)]
        {
            let elsewhere = tempfile::tempdir().expect("temp dir");
            let link = root.join("public");
            std::os::unix::fs::symlink(elsewhere.path(), &link).expect("symlink");
            let err = claim(&link, root, true).expect_err("a link");
            assert!(matches!(err, Refusal::NotAFolder { .. }), "{err}");
        }
    }

    #[test]
    fn relative_paths_are_resolved_from_the_working_folder() {
        let here = std::env::current_dir().expect("cwd");
        assert_eq!(
            absolute(Path::new(".")).expect("abs"),
            here.canonicalize().unwrap()
        );
        let missing = absolute(Path::new("no/such/../folder")).expect("abs");
        assert_eq!(missing, here.canonicalize().unwrap().join("no/folder"));
    }
}
