//! Resolving a link found on a page, as a browser does: against the page's
//! own path, or the site's root and host for links written from the root
//! or with a scheme (`base_url`), to an output path and a fragment.

use super::{decode, has_scheme, normalize, split_url};

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
}
