//! A translated plan's side-by-side page: the Chinese text and its English
//! translation, paragraph beside paragraph.

use crate::align;

use super::super::bundle;
use super::super::routes::Route;
use super::super::views::*;
use super::{find_plan, Cx, Page};

/// The side-by-side page of the plan at `slug`.
pub(super) fn page(cx: &Cx<'_>, slug: &str) -> Page<ParallelPage> {
    let plan = find_plan(cx, slug);
    let tr = plan
        .translation
        .as_ref()
        .expect("parallel pages exist for translated plans");
    let folder = cx.site_url_zh(&Route::Plan(slug.to_owned()));
    let rows = align::rows(&plan.doc, &tr.doc)
        .into_iter()
        .map(|r| ParallelRow {
            zh: r
                .zh
                .map(|b| bundle::parallel_block(&plan.doc, b, &folder))
                .unwrap_or_default(),
            en: r
                .en
                .map(|b| bundle::parallel_block(&tr.doc, b, &folder))
                .unwrap_or_default(),
        })
        .collect();
    let view = ParallelPage {
        title: plan.title_in(cx.lang).to_owned(),
        zh_lang: plan.script.lang_tag(),
        plan_url: cx.url(&Route::Plan(slug.to_owned())),
        rows,
        misaligned: align::check(&plan.doc, &plan.path, &tr.doc, &tr.path).is_some(),
    };
    Page {
        template: "parallel.html",
        title: format!("{} · {}", view.title, cx.t("parallel_title")),
        description: view.title.clone(),
        section: "plans",
        view,
    }
}
