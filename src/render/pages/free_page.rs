//! A free page (`Route::Page`): one of the site's own Markdown pages, in
//! this language or, failing that, the other.

use super::{Cx, Page};

/// The free page `name`.
pub(super) fn page(cx: &Cx<'_>, name: &str) -> Page<impl serde::Serialize> {
    let site = cx.site;
    let lang = cx.lang;
    let p = site
        .pages
        .iter()
        .find(|p| p.name == name && p.lang == lang)
        .or_else(|| site.pages.iter().find(|p| p.name == name))
        .expect("page exists");
    #[derive(serde::Serialize)]
    struct P {
        body: String,
        body_lang: &'static str,
        fallback: bool,
    }
    let view = P {
        body: p.doc.html().to_owned(),
        body_lang: p.lang.html_lang(),
        fallback: p.lang != lang,
    };
    Page {
        template: "page.html",
        title: p.title.clone(),
        description: p.description.clone().unwrap_or_else(|| p.title.clone()),
        section: "page",
        view,
    }
}
