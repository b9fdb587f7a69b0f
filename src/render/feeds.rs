//! `robots.txt` and one Atom feed per language (the sitemap is
//! [`super::sitemap`]). Dates come from the content, never from the clock.

use crate::model::{Lang, Site};
use crate::output::OutFile;
use crate::parse::markdown::html_escape;
use crate::render::Route;

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
