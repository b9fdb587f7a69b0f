//! A plan's *page bundle*: the files beside its Markdown in
//! `content/plans/<slug>/` (the official PDF, images, a data file), found
//! by the same walk as the Markdown (so with its rules for symbolic links
//! and unreadable folders) and copied beside the plan's page by a build.
//!
//! Only files inside the plan's folder are taken, so a name cannot lead out
//! of it: a name is the file's path below the folder. A file over
//! [`MAX_ATTACHMENT`] bytes, and web pages, scripts and SVG (which would
//! run script on the site's own origin when opened), are errors naming the file.

use std::path::{Path, PathBuf};

use crate::diag::{Diagnostic, Diagnostics, Location};

/// The largest attachment a build copies: 100 MiB.
pub const MAX_ATTACHMENT: u64 = 100 * 1024 * 1024;

/// Extensions refused as attachments: published beside the pages, they
/// would be pages or scripts of the site itself, outside its sanitising.
const REFUSED: [&str; 8] = ["html", "htm", "xhtml", "xht", "js", "mjs", "svg", "svgz"];

/// A file of a plan's bundle, found but not read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attachment {
    /// The plan's slug (its folder's name).
    pub slug: String,
    /// Its path below the plan's folder, `/`-separated (`img/chart.png`).
    pub name: String,
    /// Path relative to the site root, as diagnostics name it.
    pub path: PathBuf,
    /// Size in bytes.
    pub size: u64,
    /// Where it is on disk.
    full: PathBuf,
}

impl Attachment {
    /// The file's bytes, untouched.
    pub fn read(&self) -> std::io::Result<Vec<u8>> {
        std::fs::read(&self.full)
    }
}

/// Whether `p` is a plan's Markdown (found as a plan file) rather than an
/// attachment.
pub fn is_markdown(p: &Path) -> bool {
    p.extension().is_some_and(|x| x == "md")
}

/// The attachments among `files` (found under `root/content/plans`, not
/// Markdown), in the order given; files outside any plan's folder, too
/// large or of a refused kind are reported in `diags`.
pub fn attachments(root: &Path, files: Vec<PathBuf>, diags: &mut Diagnostics) -> Vec<Attachment> {
    let plans = root.join("content/plans");
    let mut out = Vec::new();
    for full in files.into_iter().filter(|f| !system_file(f)) {
        let shown = full.strip_prefix(root).unwrap_or(&full).to_path_buf();
        let below = full.strip_prefix(&plans).unwrap_or(&full);
        let mut parts = below.iter().map(|s| s.to_string_lossy().into_owned());
        let (Some(slug), name) = (parts.next(), parts.collect::<Vec<_>>().join("/")) else {
            continue;
        };
        if name.is_empty() {
            diags.push(
                Diagnostic::warning(
                    Location::file(&shown),
                    "not in a plan's folder: not published",
                )
                .hint("put a plan's files beside its index.md, in content/plans/<slug>/"),
            );
            continue;
        }
        let ext = full
            .extension()
            .map(|x| x.to_string_lossy().to_ascii_lowercase())
            .unwrap_or_default();
        if REFUSED.contains(&ext.as_str()) {
            diags.push(
                Diagnostic::error(
                    Location::file(&shown),
                    format!("a `.{ext}` file is not published as an attachment"),
                )
                .hint("a web page or script beside a plan would run on the site itself: attach a PDF, or put the text in index.md"),
            );
            continue;
        }
        let size = match std::fs::metadata(&full) {
            Ok(m) => m.len(),
            Err(e) => {
                diags.push(
                    Diagnostic::error(Location::file(&shown), format!("cannot read file: {e}"))
                        .hint(
                        "make the file readable (`chmod u+r`), or move it out of the site folder",
                    ),
                );
                continue;
            }
        };
        if size > MAX_ATTACHMENT {
            diags.push(
                Diagnostic::error(
                    Location::file(&shown),
                    format!(
                        "attachment of {} MiB, over the limit of {} MiB",
                        size / (1024 * 1024),
                        MAX_ATTACHMENT / (1024 * 1024)
                    ),
                )
                .hint("link to the file where it is published instead, or compress it"),
            );
            continue;
        }
        out.push(Attachment {
            slug,
            name,
            path: shown,
            size,
            full,
        });
    }
    out
}

/// Whether `p` is an editor's backup or a file the system leaves in
/// folders (`index.md~`, `Thumbs.db`, `desktop.ini`): left out like the
/// hidden files the walk leaves out, never published.
fn system_file(p: &Path) -> bool {
    let name = p
        .file_name()
        .map(|n| n.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    name.ends_with('~') || name == "thumbs.db" || name == "desktop.ini"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attachments_are_named_below_their_plan_and_checked() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        let plans = root.join("content/plans");
        let files = [
            "a/original.pdf",
            "a/img/原文 1.png",
            "a/page.html",
            "stray.pdf",
        ];
        for f in files {
            let p = plans.join(f);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(&p, b"%PDF").unwrap();
        }
        let big = plans.join("a/big.bin");
        std::fs::File::create(&big)
            .unwrap()
            .set_len(MAX_ATTACHMENT + 1)
            .unwrap();
        let mut diags = Diagnostics::new();
        let mut found: Vec<PathBuf> = files.iter().map(|f| plans.join(f)).collect();
        found.push(big);
        let got = attachments(root, found, &mut diags);
        let names: Vec<(&str, &str, u64)> = got
            .iter()
            .map(|a| (a.slug.as_str(), a.name.as_str(), a.size))
            .collect();
        assert_eq!(
            names,
            [("a", "original.pdf", 4), ("a", "img/原文 1.png", 4)]
        );
        assert_eq!(got[0].read().unwrap(), b"%PDF");
        let shown: Vec<String> = diags.sorted().iter().map(ToString::to_string).collect();
        assert_eq!(shown.len(), 3, "{shown:#?}");
        assert!(
            shown[0].starts_with(
                "content/plans/a/big.bin:1:1: error: attachment of 100 MiB, over the limit"
            ),
            "{shown:#?}"
        );
        assert!(
            shown[1].starts_with("content/plans/a/page.html:1:1: error: a `.html` file"),
            "{shown:#?}"
        );
        assert!(
            shown[2].starts_with("content/plans/stray.pdf:1:1: warning: not in a plan's folder"),
            "{shown:#?}"
        );
    }
}
