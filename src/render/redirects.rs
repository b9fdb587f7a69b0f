//! The redirect pages of plans' `aliases:`: a small static page at each
//! old path, in both languages, that sends the reader to the plan's page
//! (`<meta http-equiv=refresh>`, a canonical link and a visible link; no
//! script). They are left out of the sitemap and the search index.

use std::collections::BTreeSet;

use crate::diag::{Diagnostic, Diagnostics};
use crate::model::{Lang, Site};
use crate::output::{Emit, OutFile};

use super::routes::Route;
use super::Engine;

/// The files the site makes after the redirect pages (the feeds,
/// `robots.txt` and the sitemap, and, on a large site, the numbered
/// sitemaps), which an alias must not take either.
const MADE_LATER: &[&str] = &["atom.xml", "changes/atom.xml", "robots.txt", "sitemap.xml"];

/// Passes each alias's redirect pages to `emit`, unless it collides with a
/// file the site makes (every page and data file already passed): an error
/// at the alias for each that does.
pub fn emit(site: &Site, engine: &Engine, emit: &Emit<'_>) -> Diagnostics {
    let mut made: BTreeSet<String> = emit.paths().into_iter().collect();
    made.extend(MADE_LATER.iter().map(|f| (*f).to_owned()));
    let mut d = Diagnostics::new();
    for plan in &site.plans {
        for a in &plan.aliases {
            let file = a.file();
            let clash = [file.clone(), format!("en/{file}")]
                .into_iter()
                .chain([a.path.trim_end_matches('/').to_owned()])
                .find(|f| made.contains(f))
                .or_else(|| {
                    // A site past the sitemap's limits writes numbered
                    // sitemaps too, whatever its size now.
                    let first = a.path.split('/').next().unwrap_or_default();
                    super::sitemap::is_numbered(first).then(|| first.to_owned())
                });
            if let Some(f) = clash {
                d.push(
                    Diagnostic::error(
                        a.location.clone(),
                        format!(
                            "alias `/{}` collides with `{f}`, a file the site makes",
                            a.path
                        ),
                    )
                    .hint("an alias is an old path no page has now: remove it, or correct it")
                    .zh(
                        format!("别名 `/{}` 与站点生成的文件 `{f}` 冲突", a.path),
                        "别名应是现在没有页面的旧路径：删除或改正它",
                    ),
                );
                continue;
            }
            for lang in Lang::ALL {
                let route = Route::Plan(plan.slug.0.clone());
                let out = match lang {
                    Lang::Zh => file.clone(),
                    Lang::En => format!("en/{file}"),
                };
                let depth = out.matches('/').count();
                let target = format!("{}{}", "../".repeat(depth), route.path(lang));
                let canonical = format!("{}{}", site.config.base_url, route.path(lang));
                let moved = engine
                    .theme()
                    .strings
                    .get(lang)
                    .get("redirect_moved")
                    .cloned()
                    .unwrap_or_default();
                emit.put(OutFile {
                    path: out,
                    bytes: page(lang, plan.title_in(lang), &moved, &target, &canonical)
                        .into_bytes(),
                });
            }
        }
    }
    d
}

/// The redirect page itself.
fn page(lang: Lang, title: &str, moved: &str, target: &str, canonical: &str) -> String {
    let (title, target, canonical) = (esc(title), esc(target), esc(canonical));
    format!(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{title}</title>\n<link rel=\"canonical\" href=\"{canonical}\">\n<meta name=\"robots\" content=\"noindex\">\n<meta http-equiv=\"refresh\" content=\"0; url={target}\">\n</head>\n<body>\n<main><p>{} <a href=\"{target}\">{title}</a></p></main>\n</body>\n</html>\n",
        lang.html_lang(),
        esc(moved),
    )
}

fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            c if c.is_control() => o.push('\u{fffd}'),
            c => o.push(c),
        }
    }
    o
}

/// `paths` without the redirect pages of `site`'s aliases (for the
/// sitemap).
pub fn without_redirects(site: &Site, paths: Vec<String>) -> Vec<String> {
    let redirects: BTreeSet<String> = site
        .plans
        .iter()
        .flat_map(|p| p.aliases.iter())
        .flat_map(|a| [a.file(), format!("en/{}", a.file())])
        .collect();
    paths
        .into_iter()
        .filter(|p| !redirects.contains(p))
        .collect()
}
