//! Stage 1, I/O only: walk the site folder and read every source file
//! (the plans' files are only found: a build reads them a batch at a time,
//! see [`Found`]).
//!
//! Nothing here interprets content. Files are returned with their path
//! relative to the site root so that every later diagnostic can name them the
//! way the user sees them. A file that is not UTF-8 is reported with the byte
//! offset of the first bad sequence and does not stop the other files loading.
//!
//! Nothing is skipped in silence: a folder that cannot be read, a symbolic
//! link that points outside the site folder (`walk`), two files that
//! define the same id, and control characters in a text (`controls`) are
//! errors naming the file.

mod bundle;
mod controls;
mod same_id;
mod walk;

use std::path::{Path, PathBuf};

use rayon::prelude::*;

pub use bundle::{Attachment, MAX_ATTACHMENT};
use walk::walk;
pub use walk::Bounds;

use crate::diag::{Diagnostic, Diagnostics, Location};

/// One text file of the site, as read from disk.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path relative to the site root (`content/plans/x/index.md`).
    pub path: PathBuf,
    /// The file's text, UTF-8, with a leading byte-order mark removed and
    /// CRLF line ends normalised to LF.
    pub text: String,
}

/// Every source file of a site, grouped by role.
#[derive(Debug, Default)]
pub struct SiteFiles {
    /// The site root on disk.
    pub root: PathBuf,
    /// `site.yaml`, if present.
    pub config: Option<SourceFile>,
    /// `content/plans/<slug>/index.md` and `index.<lang>.md`, found but not
    /// yet read.
    pub plans: Vec<Found>,
    /// The other files of the plans' folders (their page bundles), in
    /// path order.
    pub attachments: Vec<Attachment>,
    /// `content/jurisdictions/<id>.md`.
    pub jurisdictions: Vec<SourceFile>,
    /// `content/pages/**.md`.
    pub pages: Vec<SourceFile>,
    /// `indicators/<id>.yaml`.
    pub indicators: Vec<SourceFile>,
    /// `content/topics.yaml`.
    pub topics: Option<SourceFile>,
    /// `content/glossary.yaml`.
    pub glossary: Option<SourceFile>,
    /// `content/agencies.yaml`, the agency catalogue.
    pub agencies: Option<SourceFile>,
    /// Files under `themes/default/` (templates, static, i18n), relative to that folder.
    pub theme: Vec<ThemeFile>,
}

/// A source file found by the walk, to be read when it is needed. A
/// national site's plans run to gigabytes of Markdown: a build reads them a
/// batch at a time, the next batch while the last one is parsed, so the
/// disk and the processors work at once and only two batches are held.
#[derive(Debug, Clone)]
pub struct Found {
    /// Path relative to the site root, as diagnostics name it.
    pub path: PathBuf,
    /// Where it is on disk.
    full: PathBuf,
}

impl Found {
    /// Reads the file as UTF-8 text; a problem goes to `diags`.
    pub fn read(&self, diags: &mut Diagnostics) -> Option<SourceFile> {
        read_as(&self.full, self.path.clone(), diags)
    }
}

/// A file from the site's own theme folder, overriding the embedded default.
#[derive(Debug, Clone)]
pub struct ThemeFile {
    /// Path relative to the site root, for diagnostics.
    pub path: PathBuf,
    /// Path relative to the theme folder (`templates/plan.html`).
    pub rel: String,
    /// Raw bytes (static assets may be binary).
    pub bytes: Vec<u8>,
}

/// Reads the whole site under `root`. Problems reading individual files are
/// collected; only an unreadable root is fatal.
pub fn read_site(root: &Path) -> Result<(SiteFiles, Diagnostics), Diagnostics> {
    let mut diags = Diagnostics::new();
    if !root.is_dir() {
        let mut d = Diagnostics::new();
        d.push(
            Diagnostic::error(Location::file(root), "site folder not found")
                .hint("run plansite in a site folder or pass --root DIR")
                .zh(
                    "找不到站点文件夹",
                    "在站点文件夹里运行 plansite，或者用 --root DIR 指定",
                ),
        );
        return Err(d);
    }
    let bounds = Bounds::new(root);
    let mut files = SiteFiles {
        root: root.to_path_buf(),
        ..Default::default()
    };
    files.config = read_optional(&bounds, "site.yaml", &mut diags);
    files.topics = read_optional(&bounds, "content/topics.yaml", &mut diags);
    files.glossary = read_optional(&bounds, "content/glossary.yaml", &mut diags);
    files.agencies = read_optional(&bounds, "content/agencies.yaml", &mut diags);
    let (plans, d) = find_tree(&bounds, "content/plans", &|_| true);
    diags.extend(d);
    let (plans, others): (Vec<PathBuf>, Vec<PathBuf>) =
        plans.into_iter().partition(|p| bundle::is_markdown(p));
    files.attachments = bundle::attachments(root, others, &mut diags);
    files.plans = plans
        .into_iter()
        .map(|full| Found {
            path: rel(root, &full),
            full,
        })
        .collect();
    files.jurisdictions = read_tree(&bounds, "content/jurisdictions", &["md"], &mut diags);
    files.pages = read_tree(&bounds, "content/pages", &["md"], &mut diags);
    files.indicators = read_tree(&bounds, "indicators", &["yaml", "yml"], &mut diags);
    for (list, what) in [
        (&files.jurisdictions, "jurisdiction"),
        (&files.pages, "page"),
        (&files.indicators, "indicator"),
    ] {
        same_id::check(list, what, &mut diags);
    }
    let theme_dir = root.join("themes/default");
    if theme_dir.is_dir() {
        let (found, d) = walk(&bounds, &theme_dir, &|_| true);
        diags.extend(d);
        for full in found {
            let Ok(bytes) = std::fs::read(&full).map_err(|e| {
                diags.push(Diagnostic::error(
                    Location::file(rel(root, &full)),
                    format!("cannot read file: {e}"),
                ));
            }) else {
                continue;
            };
            let rel_theme = full.strip_prefix(&theme_dir).unwrap_or(&full);
            files.theme.push(ThemeFile {
                path: rel(root, &full),
                rel: rel_theme.to_string_lossy().replace('\\', "/"),
                bytes,
            });
        }
    }
    Ok((files, diags))
}

fn rel(root: &Path, p: &Path) -> PathBuf {
    p.strip_prefix(root).unwrap_or(p).to_path_buf()
}

fn read_optional(bounds: &Bounds, rel_path: &str, diags: &mut Diagnostics) -> Option<SourceFile> {
    let path = bounds.root.join(rel_path);
    if walk::is_link(&path) {
        if let Err(d) = bounds.check_link(&path) {
            diags.push(d);
            return None;
        }
    }
    if !path.is_file() {
        return None;
    }
    read_source(&bounds.root, &path, diags)
}

/// The files under `root/dir` for which `wanted` holds, in name order,
/// and the problems finding them (see [`walk`]).
///
/// The folders under `dir` are walked in parallel: a national site has a
/// folder per plan, and from a cold cache the walk waited on the disk for
/// each of 100,000 folders in turn (23 s).
fn find_tree(
    bounds: &Bounds,
    dir: &str,
    wanted: &(dyn Fn(&Path) -> bool + Sync),
) -> (Vec<PathBuf>, Diagnostics) {
    let base = bounds.root.join(dir);
    let mut problems = Diagnostics::new();
    if walk::is_link(&base) {
        if let Err(d) = bounds.check_link(&base) {
            problems.push(d);
            return (Vec::new(), problems);
        }
    }
    let entries = match std::fs::read_dir(&base) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return (Vec::new(), problems),
        Err(e) => {
            problems.push(
                Diagnostic::error(Location::file(dir), format!("cannot read: {e}"))
                    .hint("make the folder readable (`chmod u+rx`)"),
            );
            return (Vec::new(), problems);
        }
    };
    let mut top: Vec<PathBuf> = Vec::new();
    for entry in entries {
        match entry {
            Ok(e) => top.push(e.path()),
            Err(e) => problems.push(
                Diagnostic::error(Location::file(dir), format!("cannot read: {e}"))
                    .hint("make the folder readable (`chmod u+rx`)"),
            ),
        }
    }
    top.sort_by(|a, b| a.file_name().cmp(&b.file_name()));
    let found: Vec<(Vec<PathBuf>, Diagnostics)> = top
        .par_iter()
        .map(|path| walk(bounds, path, wanted))
        .collect();
    let mut files = Vec::new();
    for (f, d) in found {
        files.extend(f);
        problems.extend(d);
    }
    (files, problems)
}

fn read_tree(
    bounds: &Bounds,
    dir: &str,
    exts: &[&str],
    diags: &mut Diagnostics,
) -> Vec<SourceFile> {
    let wanted = |p: &Path| {
        p.extension()
            .and_then(|x| x.to_str())
            .is_some_and(|x| exts.contains(&x))
    };
    let (paths, d) = find_tree(bounds, dir, &wanted);
    diags.extend(d);
    // Read in parallel (a national site has tens of thousands of plans),
    // keeping the walk's order and reporting problems in that order.
    let read: Vec<(Option<SourceFile>, Diagnostics)> = paths
        .par_iter()
        .map(|p| {
            let mut d = Diagnostics::new();
            (read_source(&bounds.root, p, &mut d), d)
        })
        .collect();
    let (files, d) = Diagnostics::gather(read);
    diags.extend(d);
    files
}

/// Reads one file as UTF-8 text, reporting a decoding problem with its byte offset.
pub fn read_source(root: &Path, path: &Path, diags: &mut Diagnostics) -> Option<SourceFile> {
    read_as(path, rel(root, path), diags)
}

/// Reads the file at `path`, naming it `shown`.
fn read_as(path: &Path, shown: PathBuf, diags: &mut Diagnostics) -> Option<SourceFile> {
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            diags.push(
                Diagnostic::error(Location::file(&shown), format!("cannot read file: {e}")).hint(
                    "make the file readable (`chmod u+r`), or move it out of the site folder",
                ),
            );
            return None;
        }
    };
    match decode(bytes) {
        Ok(text) => {
            controls::check(&shown, &text, diags);
            Some(SourceFile { path: shown, text })
        }
        Err((bytes, offset)) => {
            let valid = std::str::from_utf8(&bytes[..offset]).unwrap_or_default();
            let valid = valid.strip_prefix('\u{feff}').unwrap_or(valid);
            let loc = Location::at_offset(&shown, valid, offset);
            diags.push(
                Diagnostic::error(
                    loc,
                    format!("file is not valid UTF-8 (byte offset {offset})"),
                )
                .hint("save the file as UTF-8; `plansite import` converts GB18030/GBK texts")
                .zh(
                    format!("文件不是有效的 UTF-8（字节偏移 {offset}）"),
                    "把文件存为 UTF-8；`plansite import` 可以转换 GB18030/GBK 文本",
                ),
            );
            None
        }
    }
}

/// Decodes UTF-8 (dropping a BOM, normalising CRLF) without copying a file
/// that needs neither; on failure returns the bytes and the byte offset of
/// the first invalid sequence.
pub fn decode(mut bytes: Vec<u8>) -> Result<String, (Vec<u8>, usize)> {
    let bom = if bytes.starts_with(b"\xEF\xBB\xBF") {
        3
    } else {
        0
    };
    if let Err(e) = std::str::from_utf8(&bytes[bom..]) {
        let offset = bom + e.valid_up_to();
        return Err((bytes, offset));
    }
    bytes.drain(..bom);
    let text = String::from_utf8(bytes).expect("checked above");
    // A lone CR is a line end to YAML and Markdown too: as LF, the lines
    // reported are the lines the parsers saw.
    Ok(if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_parallel_walk_finds_what_the_walk_does_in_its_order() {
        let root = std::env::temp_dir().join(format!("plansite-walk-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        for f in [
            "content/plans/b/index.md",
            "content/plans/b/index.en.md",
            "content/plans/b/notes.txt",
            "content/plans/b/.index.md.swp",
            "content/plans/a/deeper/x.md",
            "content/plans/a.md",
            "content/plans/.hidden.md",
            "content/plans/c/index.md",
            "content/plans/.drafts/index.md",
            "content/plans/aa/index.md",
        ] {
            let f = root.join(f);
            std::fs::create_dir_all(f.parent().expect("parent")).expect("folder");
            std::fs::write(&f, "x").expect("write");
        }
        let bounds = Bounds::new(&root);
        let md = |p: &Path| p.extension().is_some_and(|x| x == "md");
        let (walked, _) = walk(&bounds, &root.join("content/plans"), &md);
        let (found, problems) = find_tree(&bounds, "content/plans", &md);
        assert!(problems.is_empty());
        let names: Vec<String> = found
            .iter()
            .map(|p| rel(&root.join("content/plans"), p).display().to_string())
            .collect();
        assert_eq!(
            names,
            [
                ".drafts/index.md",
                "a/deeper/x.md",
                "a.md",
                "aa/index.md",
                "b/index.en.md",
                "b/index.md",
                "c/index.md"
            ]
        );
        assert_eq!(found, walked);
        assert!(find_tree(&bounds, "content/none", &md).0.is_empty());
        let _ = std::fs::remove_dir_all(&root);
    }

    #[test]
    fn decode_reports_offset_of_first_bad_byte() {
        assert_eq!(decode(b"ab\xff".to_vec()).map_err(|e| e.1), Err(2));
        assert_eq!(decode("\u{feff}中\r\n".into()).unwrap(), "中\n");
        assert_eq!(decode("甲\n".into()).unwrap(), "甲\n");
    }
}
