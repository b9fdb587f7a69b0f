//! Links inside the site: which Markdown links point at a plan's own files
//! (its *page bundle*), how those are written so that they resolve from
//! every page that shows the text, and the check of every internal link
//! and anchor of the rendered site ([`collect`], run by `plansite check`,
//! as `zola check` does).
//!
//! Pure: URLs in, paths out. Output paths are the build's
//! (`plans/x/index.html`); links are resolved the way a browser resolves
//! them against the page that holds them.

pub mod collect;
mod resolve;
pub mod source;

use std::borrow::Cow;

use percent_encoding::{percent_decode_str, utf8_percent_encode, AsciiSet, CONTROLS};

pub use collect::{Broken, Collector, PageLinks, Why};
pub use resolve::{resolve, Base, Resolved};

/// What is percent-encoded in one segment of a path written into a link:
/// controls, space, what ends or changes a URL's path (`#`, `?`, `%`), what
/// HTML or Markdown would read specially, and (always) every non-ASCII byte.
const SEGMENT: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'`')
    .add(b'{')
    .add(b'}')
    .add(b'[')
    .add(b']')
    .add(b'^')
    .add(b'|')
    .add(b'\\')
    .add(b'\'')
    .add(b'(')
    .add(b')');

/// Extensions of links that name pages rather than files: left to the
/// site-wide check.
const PAGE_EXTENSIONS: [&str; 3] = ["html", "htm", "md"];

/// `name` (`img/原文 1.pdf`) written as a URL path: each segment
/// percent-encoded, the slashes kept.
pub fn encode_path(name: &str) -> String {
    name.split('/')
        .map(|seg| utf8_percent_encode(seg, SEGMENT).to_string())
        .collect::<Vec<_>>()
        .join("/")
}

/// Whether `url` starts with a scheme (`https:`, `mailto:`).
fn has_scheme(url: &str) -> bool {
    let Some(colon) = url.find(':') else {
        return false;
    };
    let scheme = &url[..colon];
    scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

/// `url` without its `#fragment` and `?query`, and the fragment.
fn split_url(url: &str) -> (&str, Option<&str>) {
    let (rest, fragment) = match url.split_once('#') {
        Some((r, f)) => (r, Some(f)),
        None => (url, None),
    };
    let path = rest.split_once('?').map_or(rest, |(p, _)| p);
    (path, fragment)
}

/// Percent-decodes `s` (invalid UTF-8 replaced).
fn decode(s: &str) -> Cow<'_, str> {
    percent_decode_str(s).decode_utf8_lossy()
}

/// The file a relative link or image names, percent-decoded, without query
/// or fragment (`img/chart.png`), when it is a link to a local file: a
/// relative URL (not `#anchor`, not root-relative, no scheme) that is an
/// image, or whose last segment has an extension other than `.html`,
/// `.htm` or `.md` (those, and `../other-plan/`, are pages).
pub fn local_file(dest: &str, image: bool) -> Option<String> {
    let dest = dest.trim();
    if dest.is_empty() || dest.starts_with('#') || dest.starts_with('/') || has_scheme(dest) {
        return None;
    }
    let (path, _) = split_url(dest);
    if path.is_empty() || path.ends_with('/') {
        return None;
    }
    let path = decode(path).into_owned();
    let last = path.rsplit('/').next().unwrap_or_default();
    let ext = last
        .rsplit_once('.')
        .map(|(stem, ext)| (stem, ext.to_ascii_lowercase()));
    let file = match ext {
        Some((stem, ext)) => {
            !stem.is_empty() && !ext.is_empty() && !PAGE_EXTENSIONS.contains(&ext.as_str())
        }
        None => false,
    };
    (image || file).then_some(path)
}

/// `path` (relative, `/`-separated) with `.` and `..` segments resolved,
/// or `None` when it climbs out of the folder it is relative to.
pub fn normalize(path: &str) -> Option<String> {
    let mut out: Vec<&str> = Vec::new();
    for seg in path.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                out.pop()?;
            }
            s => out.push(s),
        }
    }
    Some(out.join("/"))
}

/// `html` (a rendered body) with `files` put before every relative link
/// or image to a local file ([`local_file`]) and `pages` before every
/// other relative link (not `#anchor`, root-relative or with a scheme):
/// the English page and the side-by-side view show a text written beside
/// its files from another folder, and link to the one copy at
/// `plans/<slug>/`; the side-by-side view is a folder deeper than the page
/// the text was written for.
pub fn rebase(html: &str, files: &str, pages: &str) -> String {
    let mut out = String::with_capacity(html.len() + 64);
    let mut done = 0;
    for eq in memchr::memmem::find_iter(html.as_bytes(), "=\"") {
        let before = &html[..eq];
        let image = before.ends_with(" src");
        if !(image || before.ends_with(" href")) || eq < done {
            continue;
        }
        let start = eq + 2;
        let end = html[start..].find('"').map_or(html.len(), |i| start + i);
        let url = collect::unescape(&html[start..end]);
        let prefix = if local_file(&url, image).is_some() {
            files
        } else if is_relative(&url) {
            pages
        } else {
            continue;
        };
        out.push_str(&html[done..start]);
        out.push_str(prefix);
        done = start;
    }
    out.push_str(&html[done..]);
    out
}

/// Whether `url` is relative to its page's folder: not empty, not
/// `#anchor` or `?query` alone, not from the root, without a scheme.
fn is_relative(url: &str) -> bool {
    let url = url.trim();
    !(url.is_empty() || url.starts_with(['#', '?', '/']) || has_scheme(url))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_files_are_relative_files_and_images() {
        assert_eq!(
            local_file("original.pdf", false),
            Some("original.pdf".into())
        );
        assert_eq!(
            local_file("%E5%8E%9F%E6%96%87.pdf#page=2", false),
            Some("原文.pdf".into())
        );
        assert_eq!(local_file("img/chart", true), Some("img/chart".into()));
        assert_eq!(
            local_file("data.v2.csv?x=1", false),
            Some("data.v2.csv".into())
        );
        for page in [
            "../other-plan/",
            "../x/index.html",
            "notes.md",
            "#a",
            "/data/x.csv",
        ] {
            assert_eq!(local_file(page, false), None, "{page}");
        }
        for other in ["https://example.org/x.pdf", "mailto:a@b.c", "", ".hidden"] {
            assert_eq!(local_file(other, false), None, "{other}");
        }
    }

    #[test]
    fn names_are_percent_encoded_per_segment() {
        assert_eq!(encode_path("原文 1.pdf"), "%E5%8E%9F%E6%96%87%201.pdf");
        assert_eq!(encode_path("img/a#b?.png"), "img/a%23b%3F.png");
        assert_eq!(encode_path("a..b.pdf"), "a..b.pdf");
        let back = decode(&encode_path("x (1)%.pdf")).into_owned();
        assert_eq!(back, "x (1)%.pdf");
    }

    #[test]
    fn rebase_prefixes_only_local_files() {
        let html = r##"<p><a href="a.pdf">A</a> <a href="../b/">B</a> <img src="c.png" alt=""> <a href="https://x.org/y.pdf">Y</a> <a href="#h">H</a></p>"##;
        let got = rebase(html, "../../../plans/s/", "../");
        assert_eq!(
            got,
            r##"<p><a href="../../../plans/s/a.pdf">A</a> <a href="../../b/">B</a> <img src="../../../plans/s/c.png" alt=""> <a href="https://x.org/y.pdf">Y</a> <a href="#h">H</a></p>"##
        );
        assert_eq!(normalize("a/../../b"), None);
        assert_eq!(normalize("a/./b/../c").as_deref(), Some("a/c"));
    }
}
