//! The glossary: the Chinese terms, their English renderings and the
//! renderings rejected.

use super::super::views::*;
use super::{Cx, Page};

/// The glossary page.
pub(super) fn page(cx: &Cx<'_>) -> Page<impl serde::Serialize> {
    let rows: Vec<GlossaryRow> = cx
        .site
        .glossary
        .iter()
        .map(|g| GlossaryRow {
            zh: g.zh.clone(),
            en: g.en.clone(),
            note: g.note.clone().unwrap_or_default(),
            reject: g.reject.join("; "),
        })
        .collect();
    #[derive(serde::Serialize)]
    struct G {
        rows: Vec<GlossaryRow>,
    }
    Page {
        template: "glossary.html",
        title: cx.t("nav_glossary"),
        description: cx.t("glossary_intro"),
        section: "glossary",
        view: G { rows },
    }
}
