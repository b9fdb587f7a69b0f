//! `sitemap.xml` (with language alternates), `robots.txt` and one Atom feed
//! per language. Dates come from the content, never from the clock.

use crate::model::{Lang, Site};
use crate::output::OutFile;
use crate::parse::markdown::html_escape;
use crate::render::Route;

/// The sitemap, listing every page with its `hreflang` alternates.
pub fn sitemap(site: &Site, files: &[String]) -> OutFile {
    let base = &site.config.base_url;
    let mut s = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n");
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
    }
    s.push_str("</urlset>\n");
    OutFile {
        path: "sitemap.xml".into(),
        bytes: s.into_bytes(),
    }
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

/// Text escaped for XML, with the characters XML 1.0 forbids (C0 controls
/// other than tab and line breaks, U+FFFE, U+FFFF) shown as U+FFFD: one
/// ESC in a plan's title must not make the whole feed unreadable.
pub(crate) fn xml_text(s: &str) -> String {
    let allowed = |c: char| !matches!(c, '\0'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}');
    if s.chars().all(allowed) {
        return html_escape(s);
    }
    let clean: String = s
        .chars()
        .map(|c| if allowed(c) { c } else { '\u{fffd}' })
        .collect();
    html_escape(&clean)
}

/// `robots.txt` pointing at the sitemap.
pub fn robots(site: &Site) -> OutFile {
    OutFile {
        path: "robots.txt".into(),
        bytes: format!(
            "User-agent: *\nAllow: /\n\nSitemap: {}sitemap.xml\n",
            site.config.base_url
        )
        .into_bytes(),
    }
}

/// The Atom feed of plans for `lang`, newest first.
pub fn atom(site: &Site, lang: Lang) -> OutFile {
    let base = &site.config.base_url;
    let plans = crate::render::sorted_plans(site);
    let history = &site.history;
    let updated = plans
        .iter()
        .filter_map(|p| history.plan_updated(p))
        .max_by(|a, b| a.date.cmp(&b.date).then_with(|| a.time.cmp(&b.time)))
        .map(|u| u.time)
        .unwrap_or_else(|| "1970-01-01T00:00:00Z".into());
    let feed_url = format!(
        "{base}{}atom.xml",
        if lang == Lang::En { "en/" } else { "" }
    );
    let mut s = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n  <title>{}</title>\n  <id>{}</id>\n  <link rel=\"self\" href=\"{}\"/>\n  <link href=\"{}{}\"/>\n  <updated>{}</updated>\n  <author><name>{}</name></author>\n",
        lang.html_lang(),
        xml_text(site.config.title.get(lang)),
        html_escape(&feed_url),
        html_escape(&feed_url),
        html_escape(base),
        if lang == Lang::En { "en/" } else { "" },
        updated,
        xml_text(site.config.publisher.get(lang)),
    );
    for p in plans {
        let url = format!("{base}{}", Route::Plan(p.slug.0.clone()).path(lang));
        // When the plan last changed (git), else its date.
        let date = history
            .plan_updated(p)
            .map(|u| u.time)
            .unwrap_or_else(|| updated.clone());
        let summary = match (lang, &p.translation) {
            (Lang::En, Some(t)) => t.summary.clone(),
            (Lang::En, None) => None,
            (Lang::Zh, _) => p.summary.clone(),
        };
        // An entry in Chinese where the feed is not (a plan in traditional
        // script, a plan without translation in the English feed) says so.
        let entry_lang = match (lang, &p.translation, p.script) {
            (Lang::En, Some(_), _) | (Lang::Zh, _, crate::model::Script::Hans) => String::new(),
            _ => format!(" xml:lang=\"{}\"", p.script.lang_tag()),
        };
        s.push_str(&format!(
            "  <entry{entry_lang}>\n    <title>{}</title>\n    <id>{}</id>\n    <link href=\"{}\"/>\n    <updated>{}</updated>\n",
            xml_text(p.title_in(lang)),
            html_escape(&url),
            html_escape(&url),
            date
        ));
        if let Some(sm) = summary {
            s.push_str(&format!("    <summary>{}</summary>\n", xml_text(&sm)));
        }
        s.push_str("  </entry>\n");
    }
    s.push_str("</feed>\n");
    OutFile {
        path: format!("{}atom.xml", if lang == Lang::En { "en/" } else { "" }),
        bytes: s.into_bytes(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn feed_text_holds_only_characters_xml_allows() {
        assert_eq!(
            xml_text("a\u{1b}[2J<b>\u{7}"),
            "a\u{fffd}[2J&lt;b&gt;\u{fffd}"
        );
        assert_eq!(xml_text("规划\t\n"), "规划\t\n");
    }
}
