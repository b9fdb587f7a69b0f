//! The pages whose view is one line: search, the data files, and the
//! page for a missing address (404).

use super::super::data_page;
use super::{Cx, Page};

/// The search page (the search itself runs in the browser).
pub(super) fn search(cx: &Cx<'_>) -> Page<()> {
    Page {
        template: "search.html",
        title: cx.t("nav_search"),
        description: cx.t("search_intro"),
        section: "search",
        view: (),
    }
}

/// The page of the data files.
pub(super) fn data(cx: &Cx<'_>) -> Page<impl serde::Serialize> {
    Page {
        template: "data.html",
        title: cx.t("nav_data"),
        description: cx.t("data_intro"),
        section: "data",
        view: data_page::view(cx.site, cx.records.len(), cx.lang, &cx.output_root()),
    }
}

/// The page for an address with no page.
pub(super) fn not_found(cx: &Cx<'_>) -> Page<()> {
    Page {
        template: "404.html",
        title: cx.t("not_found_title"),
        description: cx.t("not_found_title"),
        section: "",
        view: (),
    }
}
