//! The Atom feed of updates per language (`changes/atom.xml`,
//! `en/changes/atom.xml`): plans added, figures corrected, translations
//! added, editorial notes ([`crate::history::events`]), newest first. Dates
//! come from commits and front matter, never from the clock.

use crate::history::events::{self, Kind};
use crate::model::{Lang, Site};
use crate::output::OutFile;
use crate::parse::markdown::html_escape;
use crate::render::feeds::xml_text;
use crate::render::Route;

/// Entries in a feed: readers poll it, so it stays small at any site size.
const FEED_ITEMS: usize = 50;

/// The output path of the feed in `lang`.
pub fn path(lang: Lang) -> String {
    format!("{}atom.xml", Route::Changes.path(lang))
}

/// The changes feed in `lang`.
pub fn atom(site: &Site, lang: Lang) -> OutFile {
    let base = &site.config.base_url;
    let all = events::events(site);
    let feed_url = format!("{base}{}", path(lang));
    let page_url = format!("{base}{}", Route::Changes.path(lang));
    let updated = all
        .first()
        .map(|e| e.time.clone())
        .unwrap_or_else(|| "1970-01-01T00:00:00Z".into());
    let title = match lang {
        Lang::Zh => "最近更新",
        Lang::En => "Recent changes",
    };
    let mut s = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n  <title>{} · {}</title>\n  <id>{}</id>\n  <link rel=\"self\" href=\"{}\"/>\n  <link href=\"{}\"/>\n  <updated>{}</updated>\n  <author><name>{}</name></author>\n",
        lang.html_lang(),
        title,
        xml_text(site.config.title.get(lang)),
        html_escape(&feed_url),
        html_escape(&feed_url),
        html_escape(&page_url),
        xml_text(&updated),
        xml_text(site.config.publisher.get(lang)),
    );
    for e in all.iter().take(FEED_ITEMS) {
        let p = e.plan;
        let mut url = format!("{base}{}", Route::Plan(p.slug.0.clone()).path(lang));
        if matches!(e.kind, Kind::Corrected | Kind::Note) {
            url.push_str("#history");
        }
        // Unique and stable: the plan, what happened, and the commit (or
        // the day of an editorial note).
        let which = match e.kind {
            Kind::Corrected => "corrected",
            Kind::Note => "note",
            Kind::NewTranslation => "translated",
            Kind::NewPlan => "added",
        };
        let id = format!(
            "{base}{}#{which}-{}",
            Route::Plan(p.slug.0.clone()).path(Lang::Zh),
            if e.hash.is_empty() {
                e.date.to_string()
            } else {
                e.hash.clone()
            }
        );
        let text = match (e.note, lang) {
            (Some(n), Lang::Zh) => n.note_zh.as_str(),
            (Some(n), Lang::En) => n.note_en.as_str(),
            (None, _) => e.subject.as_str(),
        };
        s.push_str(&format!(
            "  <entry>\n    <title>{}: {}</title>\n    <id>{}</id>\n    <link href=\"{}\"/>\n    <updated>{}</updated>\n",
            e.kind.label(lang),
            xml_text(p.title_in(lang)),
            html_escape(&id),
            html_escape(&url),
            xml_text(&e.time),
        ));
        if !text.is_empty() {
            s.push_str(&format!("    <summary>{}</summary>\n", xml_text(text)));
        }
        s.push_str("  </entry>\n");
    }
    s.push_str("</feed>\n");
    OutFile {
        path: path(lang),
        bytes: s.into_bytes(),
    }
}
