//! The list of indicators by category and each indicator's own page.

use crate::compare::{self, Record};
use crate::model::{Category, IndicatorDef, IndicatorId, Lang};

use super::super::routes::Route;
use super::super::views::*;
use super::super::{chart, cite};
use super::{Cx, Page};

/// Value rows of each look-alike on an indicator page: enough to set the
/// two side by side; the look-alike's own page has them all.
const LOOK_ALIKE_ROWS: usize = 12;

/// The list of indicators, grouped by category.
pub(super) fn list(cx: &Cx<'_>) -> Page<impl serde::Serialize> {
    let lang = cx.lang;
    #[derive(serde::Serialize)]
    struct G {
        label: String,
        indicators: Vec<IndicatorPage>,
    }
    let groups: Vec<G> = Category::ALL
        .iter()
        .map(|c| G {
            label: c.label(lang).to_owned(),
            indicators: cx
                .site
                .indicators
                .values()
                .filter(|d| d.category == *c)
                .map(|d| indicator_page(cx, d, false, Some(0)))
                .collect(),
        })
        .filter(|g| !g.indicators.is_empty())
        .collect();
    #[derive(serde::Serialize)]
    struct L {
        groups: Vec<G>,
    }
    Page {
        template: "indicators.html",
        title: cx.t("nav_indicators"),
        description: cx.t("indicators_intro"),
        section: "indicators",
        view: L { groups },
    }
}

/// The page of the indicator `id`.
pub(super) fn page(cx: &Cx<'_>, id: &str) -> Page<IndicatorPage> {
    let def = &cx.site.indicators[&IndicatorId(id.to_owned())];
    let view = indicator_page(cx, def, true, None);
    Page {
        template: "indicator.html",
        title: view.name.clone(),
        description: view.definition.clone(),
        section: "indicators",
        view,
    }
}

/// One indicator's view: `full` adds look-alikes and charts; `rows` limits
/// the value rows (the home page shows the first few of each).
pub(super) fn indicator_page(
    cx: &Cx<'_>,
    def: &IndicatorDef,
    full: bool,
    rows: Option<usize>,
) -> IndicatorPage {
    let lang = cx.lang;
    let site = cx.site;
    let values_total = cx.lookup.records_of_indicator(def.id.as_str()).count();
    let values: Vec<ValueRow> = cx
        .lookup
        .records_of_indicator(def.id.as_str())
        .take(rows.unwrap_or(usize::MAX))
        .map(|r| cx.value_row(r))
        .collect();
    let look_alikes = if full {
        compare::look_alikes(site, def)
            .into_iter()
            .map(|d| LookAlike {
                link: Link {
                    text: d.name.get(lang).clone(),
                    url: cx.url(&Route::Indicator(d.id.0.clone())),
                },
                kind: d.kind.label(lang).to_owned(),
                note: d
                    .group_note
                    .as_ref()
                    .map(|n| n.get(lang).clone())
                    .unwrap_or_default(),
                values: cx
                    .lookup
                    .records_of_indicator(d.id.as_str())
                    .take(LOOK_ALIKE_ROWS)
                    .map(|r| cx.value_row(r))
                    .collect(),
                values_total: cx.lookup.records_of_indicator(d.id.as_str()).count(),
                url: cx.url(&Route::Indicator(d.id.0.clone())),
            })
            .collect()
    } else {
        Vec::new()
    };
    let recs: Vec<&Record<'_>> = cx.lookup.records_of_indicator(def.id.as_str()).collect();
    let charts = if full {
        chart::charts(site, def, &recs, lang)
            .into_iter()
            .map(|c| c.figure)
            .collect()
    } else {
        Vec::new()
    };
    IndicatorPage {
        id: def.id.0.clone(),
        name: def.name.get(lang).clone(),
        name_other: def.name.get(lang.other()).clone(),
        url: cx.url(&Route::Indicator(def.id.0.clone())),
        definition: def
            .definition
            .as_ref()
            .map(|d| d.get(lang).clone())
            .unwrap_or_default(),
        unit: def.unit.get(lang).clone(),
        category: def.category.label(lang).to_owned(),
        kind: def.kind.label(lang).to_owned(),
        direction: def.direction.label(lang).to_owned(),
        group: def.group.as_ref().map(|g| g.0.clone()).unwrap_or_default(),
        group_note: def
            .group_note
            .as_ref()
            .map(|n| n.get(lang).clone())
            .unwrap_or_default(),
        look_alikes,
        values,
        values_total,
        charts,
        csv_url: format!(
            "{}{}data/indicators/{}.csv",
            cx.home,
            if lang == Lang::En { "../" } else { "" },
            def.id
        ),
        cite: cite::data_citation(site, def, lang),
        series: if full {
            super::reported::indicator_series(cx, def)
        } else {
            Default::default()
        },
    }
}
