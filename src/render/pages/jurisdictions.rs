//! The list of jurisdictions and each jurisdiction's own page.

use crate::model::{JurisdictionId, Lang, Plan};

use super::super::format as fmt;
use super::super::routes::Route;
use super::super::views::*;
use super::{Cx, Page};

/// The list of jurisdictions.
pub(super) fn list(cx: &Cx<'_>) -> Page<impl serde::Serialize> {
    let list: Vec<JurisdictionPage> = cx
        .site
        .jurisdictions
        .values()
        .map(|j| jurisdiction_page(cx, j, false))
        .collect();
    #[derive(serde::Serialize)]
    struct L {
        jurisdictions: Vec<JurisdictionPage>,
    }
    Page {
        template: "jurisdictions.html",
        title: cx.t("nav_jurisdictions"),
        description: cx.t("jurisdictions_intro"),
        section: "jurisdictions",
        view: L {
            jurisdictions: list,
        },
    }
}

/// The page of the jurisdiction `id`.
pub(super) fn page(cx: &Cx<'_>, id: &str) -> Page<JurisdictionPage> {
    let j = &cx.site.jurisdictions[&JurisdictionId(id.to_owned())];
    let view = jurisdiction_page(cx, j, true);
    Page {
        template: "jurisdiction.html",
        title: view.name.clone(),
        description: view.name.clone(),
        section: "jurisdictions",
        view,
    }
}

/// One jurisdiction's view; without `full` (a row of the list of
/// jurisdictions), its plans, values and description are left out and only
/// counted.
fn jurisdiction_page(cx: &Cx<'_>, j: &crate::model::Jurisdiction, full: bool) -> JurisdictionPage {
    let lang = cx.lang;
    let site = cx.site;
    let link = |id: &crate::model::JurisdictionId| {
        site.jurisdictions.get(id).map(|x| Link {
            text: x.name.get(lang).clone(),
            url: cx.url(&Route::Jurisdiction(id.0.clone())),
        })
    };
    let plans: Vec<&Plan> = cx.lookup.plans_of(j.id.as_str()).collect();
    JurisdictionPage {
        name: j.name.get(lang).clone(),
        url: cx.url(&Route::Jurisdiction(j.id.0.clone())),
        level: j.level.label(lang).to_owned(),
        parent: j.parent.as_ref().and_then(link),
        members: j.members.iter().filter_map(link).collect(),
        population: j
            .population
            .as_ref()
            .map(|p| fmt::population(p.value, lang))
            .unwrap_or_default(),
        population_source: j
            .population
            .as_ref()
            .map(|p| p.source_in(lang).to_owned())
            .unwrap_or_default(),
        body: if lang == Lang::Zh && full {
            j.body_html.clone()
        } else {
            String::new()
        },
        indicators: if full {
            cx.lookup
                .records_of_jurisdiction(j.id.as_str())
                .map(|r| cx.value_row(r))
                .collect()
        } else {
            Vec::new()
        },
        plans_total: plans.len(),
        agencies_url: super::agencies::jurisdiction_link(cx, j.id.as_str()),
        plans: if full {
            plans.into_iter().map(|p| cx.plan_item(p)).collect()
        } else {
            Vec::new()
        },
    }
}
