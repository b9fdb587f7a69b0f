//! `sitemap.xml`, with language alternates. The sitemap protocol allows at
//! most 50,000 URLs and 50 MB in one file; a larger site gets a sitemap
//! index at `sitemap.xml` naming numbered sitemaps beside it, which search
//! engines read as they read one sitemap.

use crate::model::{Lang, Site};
use crate::output::OutFile;
use crate::parse::markdown::html_escape;

use super::feeds::xml_text;

/// Most URLs in one sitemap file.
const MAX_URLS: usize = 50_000;

/// Most bytes of one sitemap file (50 MiB, the protocol's limit), less room
/// for its head and tail.
const MAX_BYTES: usize = (50 << 20) - 1024;

const HEAD: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n";
const TAIL: &str = "</urlset>\n";

/// Whether `path` is one of the numbered sitemaps an index names.
pub fn is_numbered(path: &str) -> bool {
    path.strip_prefix("sitemap-")
        .and_then(|p| p.strip_suffix(".xml"))
        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// The sitemap, listing every page with its `hreflang` alternates: one
/// `sitemap.xml`, or, past the protocol's limits, `sitemap.xml` as the index
/// of `sitemap-1.xml`, `sitemap-2.xml` ….
pub fn sitemaps(site: &Site, files: &[String]) -> Vec<OutFile> {
    let base = &site.config.base_url;
    // Each page's two entries (Chinese and English), kept together.
    let mut pairs: Vec<String> = Vec::new();
    let all: std::collections::HashSet<&str> = files.iter().map(String::as_str).collect();
    let mut paths: Vec<&str> = all
        .iter()
        .copied()
        .filter(|p| p.ends_with("index.html") && !p.starts_with("en/"))
        .collect();
    paths.sort();
    let plans: std::collections::HashMap<&str, &crate::model::Plan> =
        site.plans.iter().map(|p| (p.slug.as_str(), p)).collect();
    for p in paths {
        let zh = p.trim_end_matches("index.html");
        let en = format!("en/{zh}");
        if !all.contains(format!("{en}index.html").as_str()) {
            continue;
        }
        let lastmod = lastmod(site, &plans, p);
        let mut s = String::new();
        for loc in [zh, en.as_str()] {
            s.push_str(&format!(
                "  <url>\n    <loc>{}</loc>\n",
                html_escape(&format!("{base}{loc}"))
            ));
            if let Some(t) = &lastmod {
                s.push_str(&format!("    <lastmod>{}</lastmod>\n", xml_text(t)));
            }
            for (lang, href) in [(Lang::Zh, zh), (Lang::En, en.as_str())] {
                s.push_str(&format!(
                    "    <xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>\n",
                    lang.html_lang(),
                    html_escape(&format!("{base}{href}"))
                ));
            }
            s.push_str("  </url>\n");
        }
        pairs.push(s);
    }
    files_of(base, &pairs, MAX_URLS / 2, MAX_BYTES)
}

/// When the page at `path` (Chinese, `plans/x/index.html`) last changed:
/// a plan (its date where git gives none), a jurisdiction, a catalogue entry
/// or a free page.
fn lastmod(
    site: &Site,
    plans: &std::collections::HashMap<&str, &crate::model::Plan>,
    path: &str,
) -> Option<String> {
    use crate::history::Item;
    let dir = path.strip_suffix("index.html")?.trim_end_matches('/');
    let parts: Vec<&str> = dir.split('/').collect();
    let item = match parts.as_slice() {
        ["plans", slug] | ["plans", slug, "parallel"] => {
            let plan = plans.get(slug)?;
            return site.history.plan_updated(plan).map(|u| u.time);
        }
        ["jurisdictions", id] => Item::Jurisdiction((*id).to_owned()),
        ["indicators", id] => Item::Indicator((*id).to_owned()),
        [name] if site.pages.iter().any(|p| p.name == *name) => Item::Page((*name).to_owned()),
        _ => return None,
    };
    site.history.updated(&item).map(|u| u.time.clone())
}

/// The sitemap files for `groups` of entries (each group two URLs): one
/// `sitemap.xml` when they fit, else numbered files of at most `most`
/// groups and `max_bytes` bytes, and `sitemap.xml` as their index.
fn files_of(base: &str, groups: &[String], most: usize, max_bytes: usize) -> Vec<OutFile> {
    let mut files: Vec<String> = Vec::new();
    let mut s = String::new();
    let mut n = 0;
    for g in groups {
        if n > 0 && (n == most || s.len() + g.len() > max_bytes) {
            files.push(std::mem::take(&mut s));
            n = 0;
        }
        s.push_str(g);
        n += 1;
    }
    if files.is_empty() {
        return vec![OutFile {
            path: "sitemap.xml".into(),
            bytes: format!("{HEAD}{s}{TAIL}").into_bytes(),
        }];
    }
    files.push(s);
    let mut index = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    let mut out = Vec::with_capacity(files.len() + 1);
    for (i, body) in files.into_iter().enumerate() {
        let path = format!("sitemap-{}.xml", i + 1);
        index.push_str(&format!(
            "  <sitemap><loc>{}</loc></sitemap>\n",
            html_escape(&format!("{base}{path}"))
        ));
        out.push(OutFile {
            path,
            bytes: format!("{HEAD}{body}{TAIL}").into_bytes(),
        });
    }
    index.push_str("</sitemapindex>\n");
    out.push(OutFile {
        path: "sitemap.xml".into(),
        bytes: index.into_bytes(),
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(f: &OutFile) -> &str {
        std::str::from_utf8(&f.bytes).unwrap()
    }

    #[test]
    fn a_small_site_has_one_sitemap() {
        let groups = vec!["<url>a</url>\n".to_owned(), "<url>b</url>\n".to_owned()];
        let files = files_of("https://x.org/", &groups, 3, 1000);
        assert_eq!(files.len(), 1);
        assert_eq!(files[0].path, "sitemap.xml");
        assert_eq!(
            text(&files[0]),
            format!("{HEAD}<url>a</url>\n<url>b</url>\n{TAIL}")
        );
    }

    #[test]
    fn past_the_limits_the_sitemap_is_an_index_of_numbered_ones() {
        let groups: Vec<String> = (0..7).map(|i| format!("<url>{i}</url>\n")).collect();
        let files = files_of("https://x.org/", &groups, 3, 1000);
        let paths: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "sitemap-1.xml",
                "sitemap-2.xml",
                "sitemap-3.xml",
                "sitemap.xml"
            ]
        );
        assert!(
            text(&files[0]).contains("<url>2</url>") && !text(&files[0]).contains("<url>3</url>")
        );
        assert!(text(&files[2]).ends_with(&format!("<url>6</url>\n{TAIL}")));
        let index = text(&files[3]);
        assert!(index.contains("<sitemapindex"), "{index}");
        assert!(
            index.contains("<loc>https://x.org/sitemap-3.xml</loc>"),
            "{index}"
        );
        // The byte limit splits as well: 14 bytes a group, at most 30.
        assert_eq!(files_of("https://x.org/", &groups, 100, 30).len(), 5);
        for p in ["sitemap-1.xml", "sitemap-12.xml"] {
            assert!(is_numbered(p), "{p}");
        }
        for p in [
            "sitemap.xml",
            "sitemap-.xml",
            "sitemap-1a.xml",
            "x/sitemap-1.xml",
        ] {
            assert!(!is_numbered(p), "{p}");
        }
    }
}
