//! The comparison page (`compare/index.html`): the indicator matrix, one
//! row per catalogue indicator and one column per jurisdiction, and the
//! topic matrix with the same columns. Every value of a row is shown in the
//! catalogue's unit (`万件` scaled to `件`), the form as printed on demand.

use std::collections::HashMap;

use serde::Serialize;

use crate::compare::{self, Record};
use crate::model::units::format_number;
use crate::model::{Category, IndicatorDef, Jurisdiction, Kind, Lang, Plan};
use crate::parse::markdown::html_escape;

use super::super::routes::Route;
use super::super::said::Said;
use super::{jurisdictions_with_plans, keep_heaviest, sort_key, Cx, Page};

mod cell;
mod topics;

use cell::*;
use topics::*;

/// Most jurisdictions (value columns) and plans (topic columns) the
/// comparison page shows. A bigger site's page shows the jurisdictions with
/// the most indicator values and the newest plans, and points to the data
/// files and the indicator pages for the rest: at 10,000 plans the whole
/// matrix was a 30 MB page, useless on a phone.
const MATRIX_COLUMNS: usize = 60;

/// The comparison page.
#[derive(Debug, Serialize)]
pub struct ComparePage {
    /// Columns: jurisdictions with plans (at most the busiest 60).
    pub columns: Vec<Column>,
    /// Jurisdictions with plans, shown or not.
    pub columns_total: usize,
    /// Indicator rows by category.
    pub categories: Vec<CategoryGroup>,
    /// Topics on which the plans differ, one row each.
    pub topics: Vec<TopicRow>,
    /// Topics every plan of every column takes up, collapsed into one line.
    pub topics_agreed: Vec<String>,
    /// Some column's plans set no quantitative target at all.
    pub any_without_targets: bool,
}

/// One jurisdiction column.
#[derive(Debug, Serialize)]
pub struct Column {
    /// Jurisdiction id.
    pub id: String,
    /// Short name for the header.
    pub short: String,
    /// Full name, on hover and in the caption.
    pub full: String,
    /// The jurisdiction's page.
    pub url: String,
    /// Population per-capita figures use (`2,709,378`), empty if none.
    pub population: String,
    /// Its year.
    pub population_year: String,
    /// Its source.
    pub population_source: String,
    /// None of the column's plans sets a quantitative target.
    pub no_targets: bool,
}

/// The indicator rows of one category.
#[derive(Debug, Serialize)]
pub struct CategoryGroup {
    /// Category key.
    pub key: &'static str,
    /// Category label.
    pub label: String,
    /// Rows.
    pub rows: Vec<MatrixRow>,
}

/// One indicator row.
#[derive(Debug, Serialize)]
pub struct MatrixRow {
    /// Catalogue id.
    pub id: String,
    /// Name and link to the indicator page.
    pub text: String,
    /// The indicator page.
    pub url: String,
    /// Unit of every value in the row (the catalogue's).
    pub unit: String,
    /// Unit of the row's per-capita values, empty when it has none.
    pub unit_pc: String,
    /// Kind of measure as a word.
    pub kind: String,
    /// Kind key: an `annual` or `cumulative` row carries a visible mark.
    pub kind_key: &'static str,
    /// Cells, one per column.
    pub cells: Vec<MatrixCell>,
}

/// The comparison page.
pub(super) fn page(cx: &Cx<'_>) -> Page<ComparePage> {
    Page {
        template: "compare.html",
        title: cx.t("nav_compare"),
        description: cx.t("compare_intro"),
        section: "compare",
        view: view(cx),
    }
}

/// The comparison page's view.
fn view(cx: &Cx<'_>) -> ComparePage {
    let lang = cx.lang;
    let site = cx.site;
    let all: Vec<&Jurisdiction> = jurisdictions_with_plans(cx).collect();
    let columns_total = all.len();
    let columns = keep_heaviest(
        all,
        |j| cx.lookup.records_of_jurisdiction(j.id.as_str()).count(),
        MATRIX_COLUMNS,
    );
    let no_targets: Vec<bool> = columns
        .iter()
        .map(|j| {
            cx.lookup
                .plans_of(j.id.as_str())
                .all(|p| p.indicators.is_empty())
        })
        .collect();
    let used = compare::used_indicators(site);
    let categories = Category::ALL
        .iter()
        .map(|c| CategoryGroup {
            key: c.key(),
            label: c.label(lang).to_owned(),
            rows: used
                .iter()
                .map(|id| &site.indicators[*id])
                .filter(|d| d.category == *c)
                .map(|d| {
                    // The first record of each jurisdiction, in record order.
                    let mut first: HashMap<&str, &Record<'_>> = HashMap::new();
                    for r in cx.lookup.records_of_indicator(d.id.as_str()) {
                        first.entry(r.jurisdiction).or_insert(r);
                    }
                    let cells: Vec<MatrixCell> = columns
                        .iter()
                        .zip(&no_targets)
                        .map(|(j, none)| match first.get(j.id.as_str()) {
                            Some(r) => cell(cx, r, d, j.id.as_str()),
                            None if *none => MatrixCell::empty(j.id.as_str(), "no-targets"),
                            None => MatrixCell::empty(j.id.as_str(), "none"),
                        })
                        .collect();
                    let has_pc = cells.iter().any(|c| !c.per_capita.is_empty());
                    MatrixRow {
                        id: d.id.0.clone(),
                        text: d.name.get(lang).clone(),
                        url: cx.url(&Route::Indicator(d.id.0.clone())),
                        unit: d.unit.get(lang).clone(),
                        unit_pc: if has_pc {
                            per_capita_unit(d, lang)
                        } else {
                            String::new()
                        },
                        kind: d.kind.label(lang).to_owned(),
                        kind_key: match d.kind {
                            Kind::Annual => "annual",
                            Kind::Cumulative => "cumulative",
                            _ => "",
                        },
                        cells,
                    }
                })
                .collect(),
        })
        .filter(|g| !g.rows.is_empty())
        .collect();
    let column_views: Vec<Column> = columns
        .iter()
        .zip(&no_targets)
        .map(|(j, none)| Column {
            id: j.id.0.clone(),
            short: j.short_name.get(lang).clone(),
            full: j.name.get(lang).clone(),
            url: cx.url(&Route::Jurisdiction(j.id.0.clone())),
            population: j
                .population
                .as_ref()
                .map(|p| format_number(p.value as f64, 0, true))
                .unwrap_or_default(),
            population_year: j
                .population
                .as_ref()
                .map(|p| p.year.to_string())
                .unwrap_or_default(),
            population_source: j
                .population
                .as_ref()
                .map(|p| p.source_in(lang).to_owned())
                .unwrap_or_default(),
            no_targets: *none,
        })
        .collect();
    let (topics, topics_agreed) = topic_rows(cx, &columns, &column_views);
    ComparePage {
        any_without_targets: no_targets.iter().any(|x| *x),
        columns: column_views,
        columns_total,
        categories,
        topics,
        topics_agreed,
    }
}
