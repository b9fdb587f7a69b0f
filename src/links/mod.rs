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
pub mod source;

use std::borrow::Cow;

use percent_encoding::{percent_decode_str, utf8_percent_encode, AsciiSet, CONTROLS};

pub use collect::{Broken, Collector, PageLinks, Why};

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

/// The site's own address, from `base_url`: links to it with a scheme
/// (`https://example.org/sub/plans/x/`) or from its root (`/sub/plans/x/`)
/// are internal.
#[derive(Debug, Clone)]
pub struct Base {
    /// `example.org` (with a port, if any), `None` when `base_url` is a path.
    host: Option<String>,
    /// `/sub/`: always starts and ends with `/`.
    path: String,
}

impl Base {
    /// Reads `base_url`.
    pub fn new(base_url: &str) -> Self {
        let (host, path) = match base_url.split_once("://") {
            Some((_, rest)) => {
                let (host, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
                (Some(host.to_ascii_lowercase()), path)
            }
            None => (None, base_url),
        };
        let mut path = path.trim_end_matches('/').to_owned();
        if !path.starts_with('/') {
            path.insert(0, '/');
        }
        if !path.ends_with('/') {
            path.push('/');
        }
        Base { host, path }
    }
}

/// Where a link leads: an output path and a fragment, both decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolved {
    /// The output path (`plans/x/index.html`); one that climbs out of the
    /// site or its base path starts with `/` or `../`, which no build writes.
    pub path: String,
    /// The `#fragment`, when there is one.
    pub fragment: Option<String>,
}

/// Resolves `url`, found on the page at output path `page`, against the
/// page and the site's `base`; `None` for links that leave the site
/// (another host, `mailto:`) or are empty.
pub fn resolve(page: &str, url: &str, base: &Base) -> Option<Resolved> {
    let url = url.trim();
    if url.is_empty() {
        return None;
    }
    let from_root = if let Some(rest) = url.strip_prefix("//") {
        Some(on_host(rest, base)?)
    } else if has_scheme(url) {
        let (scheme, rest) = url.split_once(':')?;
        if !matches!(scheme.to_ascii_lowercase().as_str(), "http" | "https") {
            return None;
        }
        Some(on_host(rest.strip_prefix("//")?, base)?)
    } else if url.starts_with('/') {
        Some(url.to_owned())
    } else {
        None
    };
    let (joined, fragment) = match from_root {
        Some(abs) => {
            let (path, fragment) = split_url(&abs);
            let path = decode(path);
            let inside = match path.strip_prefix(base.path.as_str()) {
                Some(rest) => within(rest).unwrap_or_else(|| format!("../{rest}")),
                None if path.as_ref() == base.path.trim_end_matches('/') => String::new(),
                None => path.into_owned(),
            };
            (inside, fragment.map(|f| decode(f).into_owned()))
        }
        None => {
            let (path, fragment) = split_url(url);
            let dir = page.rsplit_once('/').map_or("", |(d, _)| d);
            let path = decode(path);
            let joined = if path.is_empty() {
                page.to_owned()
            } else {
                within(&format!("{dir}/{path}")).unwrap_or_else(|| format!("../{path}"))
            };
            (joined, fragment.map(|f| decode(f).into_owned()))
        }
    };
    let path = if joined.is_empty() || joined.ends_with('/') {
        format!("{joined}index.html")
    } else {
        joined
    };
    Some(Resolved { path, fragment })
}

/// [`normalize`], keeping a final `/` (a folder's page).
fn within(path: &str) -> Option<String> {
    let mut n = normalize(path)?;
    if path.ends_with('/') && !n.is_empty() {
        n.push('/');
    }
    Some(n)
}

/// `rest` (`host/path`, after `//`) as a path from the host's root when
/// the host is the site's, else `None`.
fn on_host(rest: &str, base: &Base) -> Option<String> {
    let (host, path) = rest.split_at(rest.find(['/', '?', '#']).unwrap_or(rest.len()));
    if base.host.as_deref() != Some(host.to_ascii_lowercase().as_str()) {
        return None;
    }
    Some(if path.starts_with('/') {
        path.to_owned()
    } else {
        format!("/{path}")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(page: &str, url: &str) -> Option<(String, Option<String>)> {
        let base = Base::new("https://example.org/sub/");
        resolve(page, url, &base).map(|r| (r.path, r.fragment))
    }

    fn path(p: &str) -> Option<(String, Option<String>)> {
        Some((p.to_owned(), None))
    }

    #[test]
    fn relative_links_resolve_against_the_page_folder() {
        let page = "plans/a/index.html";
        assert_eq!(at(page, "original.pdf"), path("plans/a/original.pdf"));
        assert_eq!(at(page, "./img/c.png"), path("plans/a/img/c.png"));
        assert_eq!(at(page, "../b/"), path("plans/b/index.html"));
        assert_eq!(at(page, "../../"), path("index.html"));
        assert_eq!(
            at("en/plans/a/index.html", "../../../plans/a/x.pdf"),
            path("plans/a/x.pdf")
        );
        let out = at(page, "../../../etc/passwd").expect("resolved");
        assert!(out.0.starts_with("../"), "{out:?}");
        assert_eq!(at("index.html", "search/"), path("search/index.html"));
    }

    #[test]
    fn fragments_queries_and_percent_encoding() {
        let page = "plans/a/index.html";
        assert_eq!(
            at(page, "#h-meta"),
            Some(("plans/a/index.html".into(), Some("h-meta".into())))
        );
        assert_eq!(
            at(page, "../b/?q=1#一、发展"),
            Some(("plans/b/index.html".into(), Some("一、发展".into())))
        );
        assert_eq!(
            at(page, "%E5%8E%9F%E6%96%87%201.pdf?download=1"),
            path("plans/a/原文 1.pdf")
        );
        assert_eq!(
            at(page, "x#%E4%B8%80"),
            Some(("plans/a/x".into(), Some("一".into())))
        );
    }

    #[test]
    fn root_relative_and_absolute_links_on_the_sites_host() {
        let page = "plans/a/index.html";
        assert_eq!(at(page, "/sub/data/"), path("data/index.html"));
        assert_eq!(at(page, "/sub"), path("index.html"));
        assert_eq!(at(page, "/elsewhere/x.pdf"), path("/elsewhere/x.pdf"));
        assert_eq!(
            at(page, "https://EXAMPLE.org/sub/plans/b/#x"),
            Some(("plans/b/index.html".into(), Some("x".into())))
        );
        assert_eq!(at(page, "//example.org/sub/atom.xml"), path("atom.xml"));
        assert_eq!(at(page, "https://other.example/sub/x"), None);
        assert_eq!(at(page, "mailto:a@example.org"), None);
        assert_eq!(at(page, ""), None);
        let plain = Base::new("/");
        assert_eq!(
            resolve(page, "/plans/b/", &plain).map(|r| r.path),
            Some("plans/b/index.html".into())
        );
    }

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
