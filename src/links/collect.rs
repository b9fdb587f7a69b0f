//! The link check of `plansite check`: a [`Sink`] in front of the one that
//! discards the pages, which notes every path passed, and of each HTML
//! page its `id`s and its `href`/`src` values; at the end each link is
//! resolved ([`super::resolve`]) and reported when its target is not
//! produced or its `#fragment` is not an id of the target page.

use std::collections::{HashMap, HashSet};
use std::io;
use std::sync::Mutex;

use super::{resolve, Base};
use crate::output::{OutFile, Sink};

/// What one HTML page holds: its ids and the URLs it links to.
#[derive(Debug, Clone, Default)]
pub struct PageLinks {
    /// Output path (`plans/x/index.html`).
    pub path: String,
    /// Every `id` and `<a name>` of the page.
    pub ids: HashSet<String>,
    /// Every `href` and `src`, unescaped, each once, in page order.
    pub urls: Vec<String>,
}

/// Why a link is broken.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Why {
    /// No file is produced at the path.
    Missing(String),
    /// The page is produced but has no such id.
    NoAnchor {
        /// The target page.
        page: String,
        /// The fragment.
        id: String,
    },
}

/// A broken link: the page that holds it, the URL as written, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Broken {
    /// Output path of the page.
    pub page: String,
    /// The URL as written.
    pub url: String,
    /// What is wrong.
    pub why: Why,
}

impl std::fmt::Display for Broken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.why {
            Why::Missing(path) => write!(
                f,
                "broken link `{}`: nothing is published at `{path}`",
                self.url
            ),
            Why::NoAnchor { page, id } => write!(
                f,
                "broken link `{}`: `{page}` has no element with id `{id}`",
                self.url
            ),
        }
    }
}

/// A page as the collector keeps it until every page is made: a national
/// site has hundreds of thousands of pages with hundreds of ids and links
/// each, so ids are kept as hashes and links as numbers of the URLs
/// written (most of them are the same few: the menu, the indicators).
struct Noted {
    path: String,
    /// Hashes of its ids, sorted.
    ids: Box<[u64]>,
    /// Its links, as indexes into the collector's URLs.
    urls: Box<[u32]>,
}

/// Every URL written by some page, each once.
#[derive(Default)]
struct Urls {
    index: HashMap<String, u32>,
    list: Vec<String>,
}

impl Urls {
    fn number(&mut self, url: String) -> u32 {
        if let Some(&n) = self.index.get(&url) {
            return n;
        }
        let n = u32::try_from(self.list.len()).expect("under 4 billion URLs");
        self.list.push(url.clone());
        self.index.insert(url, n);
        n
    }
}

/// An id's hash, as [`Noted`] keeps it (the same on every run).
fn id_hash(id: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    id.hash(&mut h);
    h.finish()
}

/// Notes what passes to the sink behind it (see the module docs).
pub struct Collector<'a> {
    inner: &'a dyn Sink,
    pages: Mutex<Vec<Noted>>,
    urls: Mutex<Urls>,
    paths: Mutex<HashSet<String>>,
}

impl<'a> Collector<'a> {
    /// A collector passing every file on to `inner`.
    pub fn new(inner: &'a dyn Sink) -> Self {
        Collector {
            inner,
            pages: Mutex::new(Vec::new()),
            urls: Mutex::new(Urls::default()),
            paths: Mutex::new(HashSet::new()),
        }
    }

    /// Notes a path that a build writes but this pass does not make
    /// (a plan's attachment).
    pub fn know(&self, path: String) {
        self.paths.lock().expect("collector lock").insert(path);
    }

    /// Every broken link of the pages passed, by page then URL, each once
    /// per page. `elsewhere` says which paths a build writes that were not
    /// passed (the data files, the search index, the feeds).
    pub fn broken(self, base_url: &str, elsewhere: &dyn Fn(&str) -> bool) -> Vec<Broken> {
        let base = Base::new(base_url);
        let paths = self.paths.into_inner().expect("collector lock");
        let urls = self.urls.into_inner().expect("collector lock").list;
        let mut pages = self.pages.into_inner().expect("collector lock");
        pages.sort_by(|a, b| a.path.cmp(&b.path));
        let ids: HashMap<&str, &[u64]> = pages.iter().map(|p| (p.path.as_str(), &*p.ids)).collect();
        let exists = |p: &str| paths.contains(p) || elsewhere(p);
        let mut out = Vec::new();
        for page in &pages {
            for &n in page.urls.iter() {
                let url = &urls[n as usize];
                let Some(r) = resolve(&page.path, url, &base) else {
                    continue;
                };
                let target = if exists(&r.path) {
                    r.path
                } else if exists(&format!("{}/index.html", r.path)) {
                    format!("{}/index.html", r.path)
                } else {
                    out.push(Broken {
                        page: page.path.clone(),
                        url: url.clone(),
                        why: Why::Missing(r.path),
                    });
                    continue;
                };
                let (Some(id), Some(known)) = (r.fragment, ids.get(target.as_str())) else {
                    continue;
                };
                if !id.is_empty() && id != "top" && known.binary_search(&id_hash(&id)).is_err() {
                    out.push(Broken {
                        page: page.path.clone(),
                        url: url.clone(),
                        why: Why::NoAnchor { page: target, id },
                    });
                }
            }
        }
        out
    }
}

impl Sink for Collector<'_> {
    fn put(&self, file: OutFile) -> io::Result<()> {
        if file.path.ends_with(".html") {
            let page = scan(&file.path, &String::from_utf8_lossy(&file.bytes));
            // (Pages are UTF-8: the lossy read borrows them.)
            let mut ids: Vec<u64> = page.ids.iter().map(|i| id_hash(i)).collect();
            ids.sort_unstable();
            let urls = {
                let mut known = self.urls.lock().expect("collector lock");
                page.urls.into_iter().map(|u| known.number(u)).collect()
            };
            self.pages.lock().expect("collector lock").push(Noted {
                path: page.path,
                ids: ids.into(),
                urls,
            });
        }
        self.know(file.path.clone());
        self.inner.put(file)
    }
}

/// The ids and links of the HTML page at `path`: attributes of start tags,
/// outside comments and the content of `<script>` and `<style>`.
///
/// Works on bytes (every byte it looks for is ASCII, so it never splits a
/// character) and copies only the values it keeps: a check scans every
/// page of the site.
pub fn scan(path: &str, html: &str) -> PageLinks {
    let mut page = PageLinks {
        path: path.to_owned(),
        ..PageLinks::default()
    };
    let mut seen: HashSet<&str> = HashSet::new();
    let bytes = html.as_bytes();
    let mut at = 0;
    while let Some(lt) = memchr::memchr(b'<', &bytes[at..]) {
        at += lt;
        if bytes[at..].starts_with(b"<!--") {
            at = memchr::memmem::find(&bytes[at + 4..], b"-->")
                .map_or(bytes.len(), |i| at + 4 + i + 3);
            continue;
        }
        let end = at + tag_end(&bytes[at..]);
        let tag = &html[at + 1..end];
        at = (end + 1).min(bytes.len());
        let name_len = tag
            .bytes()
            .position(|c| !c.is_ascii_alphanumeric())
            .unwrap_or(tag.len());
        if name_len == 0 {
            continue;
        }
        let name = &tag[..name_len];
        let attrs = &tag[name_len..];
        if attrs.contains('=') {
            for (attr, value) in attributes(attrs) {
                let is = |n: &str| attr.eq_ignore_ascii_case(n);
                if is("id") || (is("name") && name.eq_ignore_ascii_case("a")) {
                    page.ids.insert(unescape(value).into_owned());
                } else if (is("href") || is("src")) && seen.insert(value) {
                    page.urls.push(unescape(value).into_owned());
                }
            }
        }
        for raw in ["script", "style"] {
            if name.eq_ignore_ascii_case(raw) {
                let close = format!("</{raw}");
                at = find_ci(&html[at..], &close).map_or(bytes.len(), |i| at + i);
            }
        }
    }
    page
}

/// Where the tag starting at `s[0] == b'<'` ends (its `>`, quotes
/// skipped), or `s.len()`.
fn tag_end(s: &[u8]) -> usize {
    let mut at = 1;
    while let Some(i) = memchr::memchr3(b'>', b'"', b'\'', &s[at..]) {
        let c = s[at + i];
        if c == b'>' {
            return at + i;
        }
        at += i + 1;
        match memchr::memchr(c, &s[at..]) {
            Some(close) => at += close + 1,
            None => return s.len(),
        }
    }
    s.len()
}

/// The attributes of a tag's inside, after its name: (name, raw value).
fn attributes(s: &str) -> Vec<(&str, &str)> {
    let mut out = Vec::new();
    let mut rest = s;
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_ascii_whitespace() || c == '/');
        if rest.is_empty() {
            return out;
        }
        let n = rest
            .find(|c: char| c.is_ascii_whitespace() || c == '=' || c == '/')
            .unwrap_or(rest.len());
        let name = &rest[..n];
        rest = rest[n..].trim_start();
        let Some(after) = rest.strip_prefix('=') else {
            out.push((name, ""));
            continue;
        };
        let after = after.trim_start();
        let (value, next) = match after.as_bytes().first() {
            Some(&q @ (b'"' | b'\'')) => {
                let body = &after[1..];
                let close = memchr::memchr(q, body.as_bytes()).unwrap_or(body.len());
                (&body[..close], &body[(close + 1).min(body.len())..])
            }
            _ => {
                let close = after
                    .find(|c: char| c.is_ascii_whitespace())
                    .unwrap_or(after.len());
                (&after[..close], &after[close..])
            }
        };
        out.push((name, value));
        rest = next;
    }
}

/// The byte offset of `needle` (ASCII) in `hay`, ignoring ASCII case.
fn find_ci(hay: &str, needle: &str) -> Option<usize> {
    hay.as_bytes()
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

/// An attribute value with its character references decoded.
pub fn unescape(v: &str) -> std::borrow::Cow<'_, str> {
    if !v.contains('&') {
        return v.into();
    }
    let mut out = String::with_capacity(v.len());
    let mut rest = v;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let semi = rest.find(';').filter(|&s| s <= 10);
        let decoded = semi.and_then(|s| {
            let name = &rest[1..s];
            let c = match name {
                "amp" => '&',
                "quot" => '"',
                "apos" => '\'',
                "lt" => '<',
                "gt" => '>',
                n if n.starts_with("#x") || n.starts_with("#X") => {
                    char::from_u32(u32::from_str_radix(&n[2..], 16).ok()?)?
                }
                n if n.starts_with('#') => char::from_u32(n[1..].parse().ok()?)?,
                _ => return None,
            };
            Some((c, s))
        });
        match decoded {
            Some((c, s)) => {
                out.push(c);
                rest = &rest[s + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out.into()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::Discard;

    fn put(c: &Collector<'_>, path: &str, html: &str) {
        c.put(OutFile {
            path: path.into(),
            bytes: html.as_bytes().to_vec(),
        })
        .unwrap();
    }

    #[test]
    fn scan_reads_attributes_outside_scripts_and_comments() {
        let html = r#"<html><head><link rel="stylesheet" href="../style.css?v=1"><script>var a = '<a href="nope">';</script></head>
<body><!-- <a href="commented"> --><h2 id="一、总体">x</h2><a name=old href='a.pdf' class=x>q</a><img src="c.png" alt="1 > 0"><a href="x&amp;y">r</a><a href="a.pdf">again</a></body></html>"#;
        let page = scan("plans/a/index.html", html);
        assert_eq!(page.urls, ["../style.css?v=1", "a.pdf", "c.png", "x&y"]);
        assert!(page.ids.contains("一、总体") && page.ids.contains("old"));
        assert_eq!(unescape("&#x4E00;&#19968;&bogus;"), "一一&bogus;");
    }

    #[test]
    fn broken_links_and_missing_anchors_are_reported_once_per_page() {
        let c = Collector::new(&Discard);
        put(
            &c,
            "index.html",
            r##"<a href="plans/a/">a</a><a href="plans/a/#h">h</a><a href="plans/a/#nope">n</a><a href="plans/none/">x</a><a href="plans/none/">x again</a><a href="data/plans.json">d</a><a href="https://example.org/plans/a">abs</a><a href="https://elsewhere.org/">ext</a>"##,
        );
        put(
            &c,
            "plans/a/index.html",
            r#"<h2 id="h">h</h2><a href="a.pdf">f</a><a href="../../#top">t</a>"#,
        );
        c.know("plans/a/a.pdf".into());
        let broken = c.broken("https://example.org/", &|p: &str| p == "data/plans.json");
        let shown: Vec<String> = broken.iter().map(|b| format!("{}: {b}", b.page)).collect();
        assert_eq!(
            shown,
            [
                "index.html: broken link `plans/a/#nope`: `plans/a/index.html` has no element with id `nope`",
                "index.html: broken link `plans/none/`: nothing is published at `plans/none/index.html`",
            ]
        );
    }
}
