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

/// One cell of the matrix.
#[derive(Debug, Serialize)]
pub struct MatrixCell {
    /// Column id (jurisdiction).
    pub column: String,
    /// `value`, `none` (no such target) or `no-targets` (the document sets
    /// no quantitative targets).
    pub state: &'static str,
    /// The target in the row's unit, with its relation (`≥ 5`, `3–5`).
    pub target: String,
    /// Target year.
    pub target_year: String,
    /// Baseline in the row's unit, empty if the text gives none.
    pub baseline: String,
    /// Baseline year.
    pub baseline_year: String,
    /// Implied growth a year (`+15.0%`), empty when not computable.
    pub growth: String,
    /// The figures as printed (`225 万件 (2025)`).
    pub printed: String,
    /// Sort key: the target (or the baseline) in the base unit.
    pub sort: String,
    /// Sort key of the per-capita value, empty when there is none.
    pub sort_per_10k: String,
    /// Per-capita text (`830.5`), empty when there is none.
    pub per_capita: String,
    /// The baseline per capita, in the same unit, empty when there is none.
    pub baseline_per_capita: String,
    /// Link to the passage.
    pub url: String,
    /// The plan counts this value over its period though the catalogue's
    /// measure is not a period total: marked in the cell.
    pub cumulative_mark: bool,
    /// The stated basis.
    pub basis: Option<Said>,
    /// The editors' note on the figure.
    pub note: Option<Said>,
    /// Figures for the CSV of the view: target, baseline and per-capita in
    /// the row's units, growth as a fraction.
    pub csv: [String; 6],
}

/// One topic row.
#[derive(Debug, Serialize)]
pub struct TopicRow {
    /// Topic label.
    pub label: String,
    /// Cells, one per column: link to the passage, or empty.
    pub cells: Vec<TopicCell>,
}

/// One topic cell.
#[derive(Debug, Serialize)]
pub struct TopicCell {
    /// Column id (jurisdiction).
    pub column: String,
    /// The column's short name, for the mark's accessible name.
    pub short: String,
    /// Link to the passage; empty when the plans do not take it up.
    pub url: String,
}

/// A value of a record in the row's unit (the catalogue's).
fn in_row_unit(x: f64, r: &Record<'_>, def: &IndicatorDef) -> f64 {
    compare::base_value(x, r.scale) / def.unit_parsed.scale
}

fn number(x: f64) -> String {
    format_number(x, 4, true)
}

/// Per-capita value of a base-unit figure: money per person in yuan,
/// anything else per 10,000 people.
fn per_capita(def: &IndicatorDef, per_10k: f64) -> f64 {
    if def.unit_parsed.base == "元" {
        per_10k / 1e4
    } else {
        per_10k
    }
}

/// A per-capita figure: two decimals, more below 1 so a small figure never
/// reads as a bare `0`.
fn per_capita_text(x: f64) -> String {
    let digits = if x.abs() >= 1.0 {
        2
    } else {
        (1 - x.abs().log10().floor() as i64).clamp(2, 8) as usize
    };
    format_number(x, digits, true)
}

/// Unit of a row's per-capita values.
fn per_capita_unit(def: &IndicatorDef, lang: Lang) -> String {
    let base = &def.unit_parsed.base;
    match (lang, base.as_str()) {
        (Lang::Zh, "元") => "元/人".to_owned(),
        (Lang::En, "元") => "yuan per person".to_owned(),
        (Lang::Zh, _) => format!("{base}/万人"),
        (Lang::En, _) => format!("{} per 10,000 people", def.unit.en),
    }
}

fn cell(cx: &Cx<'_>, r: &Record<'_>, def: &IndicatorDef, column: &str) -> MatrixCell {
    let row = cx.value_row(r);
    let conv = |x: f64| in_row_unit(x, r, def);
    let target = match (r.target, r.target_min, r.target_max) {
        (Some(t), _, _) => {
            let sym = r.comparator_symbol.filter(|s| *s != "=").unwrap_or("");
            format!(
                "{sym}{}{}",
                if sym.is_empty() { "" } else { " " },
                number(conv(t))
            )
        }
        (None, Some(a), Some(b)) => format!("{}–{}", number(conv(a)), number(conv(b))),
        _ => String::new(),
    };
    let per_capita_value = r
        .target_per_10k
        .or(r.baseline_per_10k)
        .map(|x| per_capita(def, x));
    let printed = [
        r.baseline_printed
            .as_ref()
            .map(|b| format!("{b} ({})", row.baseline_year)),
        r.target_printed
            .as_ref()
            .map(|t| format!("{t} ({})", row.target_year)),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" → ");
    let baseline = r.baseline.map(|b| number(conv(b))).unwrap_or_default();
    let csv_target = r.target.map(|t| conv(t).to_string()).unwrap_or_default();
    MatrixCell {
        column: column.to_owned(),
        state: "value",
        target,
        target_year: row.target_year.clone(),
        baseline: baseline.clone(),
        baseline_year: row.baseline_year.clone(),
        growth: r
            .implied_cagr
            .map(|g| format!("{:+.1}%", g * 100.0))
            .unwrap_or_default(),
        printed,
        // A range ranks by its lower bound, what the plan commits to.
        sort: r
            .target
            .or(r.target_min)
            .or(r.baseline)
            .map(|x| sort_key(x * r.scale))
            .unwrap_or_default(),
        sort_per_10k: per_capita_value.map(sort_key).unwrap_or_default(),
        per_capita: per_capita_value.map(per_capita_text).unwrap_or_default(),
        baseline_per_capita: r
            .baseline_per_10k
            .map(|x| per_capita_text(per_capita(def, x)))
            .unwrap_or_default(),
        url: row.passage_url,
        cumulative_mark: r.cumulative && def.kind != Kind::Cumulative,
        basis: row.basis,
        note: row.note,
        csv: [
            row.target_year,
            csv_target,
            row.baseline_year,
            r.baseline.map(|b| conv(b).to_string()).unwrap_or_default(),
            per_capita_value
                .map(|x| ((x * 1e4).round() / 1e4).to_string())
                .unwrap_or_default(),
            r.implied_cagr
                .map(|g| format!("{g:.6}"))
                .unwrap_or_default(),
        ],
    }
}

impl MatrixCell {
    fn empty(column: &str, state: &'static str) -> MatrixCell {
        MatrixCell {
            column: column.to_owned(),
            state,
            target: String::new(),
            target_year: String::new(),
            baseline: String::new(),
            baseline_year: String::new(),
            growth: String::new(),
            printed: String::new(),
            sort: String::new(),
            sort_per_10k: String::new(),
            per_capita: String::new(),
            baseline_per_capita: String::new(),
            url: String::new(),
            cumulative_mark: false,
            basis: None,
            note: None,
            csv: Default::default(),
        }
    }
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
                .map(|p| match lang {
                    Lang::Zh => p.source.clone(),
                    Lang::En => p.source_en.clone().unwrap_or_else(|| p.source.clone()),
                })
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

/// Topic rows with the matrix's columns: a jurisdiction takes up a topic
/// when one of its plans does (the link goes to the newest such plan's
/// passage). Rows every column takes up are collapsed into one list.
fn topic_rows(
    cx: &Cx<'_>,
    columns: &[&Jurisdiction],
    views: &[Column],
) -> (Vec<TopicRow>, Vec<String>) {
    let lang = cx.lang;
    let plans: Vec<Vec<&Plan>> = columns
        .iter()
        .map(|j| {
            let mut ps: Vec<&Plan> = cx.lookup.plans_of(j.id.as_str()).collect();
            ps.reverse();
            ps
        })
        .collect();
    let mut rows = Vec::new();
    let mut agreed = Vec::new();
    for t in &cx.site.topics {
        let cells: Vec<TopicCell> = plans
            .iter()
            .zip(views)
            .map(|(ps, col)| TopicCell {
                column: col.id.clone(),
                short: col.short.clone(),
                url: ps
                    .iter()
                    .find_map(|p| {
                        let x = p.topics.iter().find(|x| x.id == t.id)?;
                        Some(html_escape(&cx.passage_url(p, &x.anchor)))
                    })
                    .unwrap_or_default(),
            })
            .collect();
        if cells.is_empty() || cells.iter().all(|c| c.url.is_empty()) {
            continue;
        }
        if cells.len() > 1 && cells.iter().all(|c| !c.url.is_empty()) {
            agreed.push(t.label.get(lang).clone());
        } else {
            rows.push(TopicRow {
                label: t.label.get(lang).clone(),
                cells,
            });
        }
    }
    (rows, agreed)
}

#[cfg(test)]
mod tests {
    use super::per_capita_text;

    #[test]
    fn small_per_capita_figures_keep_two_significant_digits() {
        assert_eq!(per_capita_text(228.834), "228.83");
        assert_eq!(per_capita_text(0.72), "0.72");
        assert_eq!(per_capita_text(0.0019), "0.0019");
        assert_eq!(per_capita_text(1070.0), "1,070");
    }
}
