//! The home page: the newest plans, the jurisdictions with plans, and the
//! headline indicators (those set by two or more jurisdictions).

use crate::compare;
use crate::model::IndicatorId;

use super::super::routes::Route;
use super::super::views::*;
use super::indicators::indicator_page;
use super::{jurisdictions_with_plans, Cx, Page};

/// The newest plans listed on the home page; the rest are reached through
/// the jurisdictions and search, so the page stays light on a phone at any
/// site size.
const HOME_PLANS: usize = 50;
/// Value rows per headline indicator on the home page.
const HOME_ROWS: usize = 12;

/// The home page.
pub(super) fn page(cx: &Cx<'_>) -> Page<impl serde::Serialize> {
    let site = cx.site;
    let lang = cx.lang;
    let plans: Vec<PlanItem> = cx
        .lookup
        .sorted_plans()
        .take(HOME_PLANS)
        .map(|p| cx.plan_item(p))
        .collect();
    let plans_total = site.plans.len();
    let jurisdictions: Vec<Link> = jurisdictions_with_plans(cx)
        .map(|j| Link {
            text: j.name.get(lang).clone(),
            url: cx.url(&Route::Jurisdiction(j.id.0.clone())),
        })
        .collect();
    let headline = headline(cx);
    #[derive(serde::Serialize)]
    struct Home {
        plans: Vec<PlanItem>,
        plans_total: usize,
        jurisdictions: Vec<Link>,
        headline: Vec<IndicatorPage>,
        changes: Vec<crate::render::history_views::ChangeItem>,
    }
    Page {
        template: "index.html",
        title: site.config.title.get(lang).clone(),
        description: site.config.description.get(lang).clone(),
        section: "home",
        view: Home {
            plans,
            plans_total,
            jurisdictions,
            headline,
            changes: super::history::latest(cx),
        },
    }
}

/// Indicators set by two or more jurisdictions, for the home page.
fn headline(cx: &Cx<'_>) -> Vec<IndicatorPage> {
    let by = compare::by_indicator(cx.records);
    by.iter()
        .filter(|(_, rs)| {
            let mut js: Vec<&str> = rs.iter().map(|r| r.jurisdiction).collect();
            js.dedup();
            js.len() >= 2
        })
        .map(|(id, _)| {
            indicator_page(
                cx,
                &cx.site.indicators[&IndicatorId((*id).to_owned())],
                false,
                Some(HOME_ROWS),
            )
        })
        .collect()
}
