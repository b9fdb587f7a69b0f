//! Charts as inline SVG written at build time: no script, no fonts fetched,
//! colours from CSS custom properties so light, dark and print schemes work.

use std::collections::HashMap;
use std::fmt::Write;

use crate::compare::Record;
use crate::model::{IndicatorDef, Lang, Site};
use crate::parse::markdown::html_escape;

use super::data::{header, push_row, Cell};
use super::format as fmt;

mod draw;
mod scale;
mod table;
#[cfg(test)]
mod tests;

use draw::*;
pub use scale::{tick_label, Scale, LOG_BEYOND};
use table::*;

fn name(site: &Site, r: &Record<'_>, lang: Lang) -> String {
    site.jurisdictions
        .get(&crate::model::JurisdictionId(r.jurisdiction.to_owned()))
        .map(|j| j.name.get(lang).clone())
        .unwrap_or_else(|| r.jurisdiction.to_owned())
}

/// Of `rows` (records with what a chart draws of them), each
/// jurisdiction's latest: the one with the latest target year, then
/// baseline year, the first of equals; in the order the jurisdictions
/// first come. A chart has one row per jurisdiction, as it says: a national
/// site has several plans per jurisdiction over the years (a row for each
/// drew 21,000 rows, 10 MB of SVG, at 100,000 plans), and the table beside
/// it lists every value.
fn latest_per_jurisdiction<'r, 'a: 'r, T>(
    rows: impl Iterator<Item = (&'r Record<'a>, T)>,
) -> Vec<(&'r Record<'a>, T)> {
    let mut at: HashMap<&str, usize> = HashMap::new();
    let mut out: Vec<(&'r Record<'a>, T)> = Vec::new();
    let year = |r: &Record<'_>| (r.target_year, r.baseline_year);
    for (r, x) in rows {
        match at.get(r.jurisdiction) {
            Some(&i) if year(r) > year(out[i].0) => out[i] = (r, x),
            Some(_) => {}
            None => {
                at.insert(r.jurisdiction, out.len());
                out.push((r, x));
            }
        }
    }
    out
}

/// Most jurisdictions a chart draws. A national site has thousands (1,988
/// at 10,000 plans): a chart of all of them was 65,000 pixels tall and half
/// of each indicator page's bytes (1.2 MB of 2.2 MB), while the table of
/// values on the same page lists every one.
pub const MOST_DRAWN: usize = 40;

/// Of `rows`, the `most` whose `year` (target year, then baseline year)
/// is latest, the first of equals, kept in their order.
fn latest_of<T>(
    rows: Vec<T>,
    most: usize,
    year: impl Fn(&T) -> (Option<u16>, Option<u16>),
) -> Vec<T> {
    if rows.len() <= most {
        return rows;
    }
    let mut order: Vec<usize> = (0..rows.len()).collect();
    order.sort_by(|&a, &b| year(&rows[b]).cmp(&year(&rows[a])).then(a.cmp(&b)));
    let mut keep = vec![false; rows.len()];
    for &i in &order[..most] {
        keep[i] = true;
    }
    rows.into_iter()
        .zip(keep)
        .filter_map(|(r, k)| k.then_some(r))
        .collect()
}

/// The note a chart of `drawn` of `total` jurisdictions carries (none
/// when it draws them all).
fn drawn_note(drawn: usize, total: usize, lang: Lang) -> String {
    if drawn >= total {
        return String::new();
    }
    match lang {
        Lang::Zh => format!("<p class=\"small\">图中为目标年份最近的{drawn}个地区(共{total}个);下方表格列出全部数值。</p>"),
        Lang::En => format!("<p class=\"small\">The {drawn} jurisdictions with the latest targets, of {total}; the table below lists every value.</p>"),
    }
}

/// One jurisdiction's row of the baseline-and-target chart.
#[derive(Debug, Clone)]
struct Row {
    id: String,
    name: String,
    plan: String,
    base: Option<(Option<u16>, f64)>,
    /// The target's ends (equal for a single value), its year and its
    /// comparator symbol.
    target: (f64, f64),
    target_year: Option<u16>,
    comparator: &'static str,
}

impl Row {
    fn target_text(&self, lang: Lang) -> String {
        let (lo, hi) = self.target;
        if lo != hi {
            format!("{}–{}", fmt::value(lo, lang), fmt::value(hi, lang))
        } else if matches!(self.comparator, "" | "=" | "–") {
            fmt::value(hi, lang)
        } else {
            format!("{} {}", self.comparator, fmt::value(hi, lang))
        }
    }

    /// `2020年 112.1 → 2025年 ≥ 225` / `2020: 112.1 → 2025: ≥ 225`.
    fn values_text(&self, lang: Lang) -> String {
        let year = |y: Option<u16>| match (y, lang) {
            (Some(y), Lang::Zh) => format!("{y}年 "),
            (Some(y), Lang::En) => format!("{y}: "),
            (None, _) => String::new(),
        };
        let target = format!("{}{}", year(self.target_year), self.target_text(lang));
        match self.base {
            Some((y, b)) => format!("{}{} → {target}", year(y), fmt::value(b, lang)),
            None => match lang {
                Lang::Zh => format!("目标 {target}(无基期值)"),
                Lang::En => format!("target {target} (no baseline given)"),
            },
        }
    }
}

/// Words of a chart in each language.
struct Words {
    base: &'static str,
    target: &'static str,
    range: &'static str,
    unit: &'static str,
    linear: &'static str,
    log: &'static str,
}

fn words(lang: Lang) -> Words {
    match lang {
        Lang::Zh => Words {
            base: "基期值",
            target: "目标值",
            range: "区间目标",
            unit: "单位:",
            linear: "线性刻度",
            log: "对数刻度(每格×10)",
        },
        Lang::En => Words {
            base: "baseline",
            target: "target",
            range: "range target",
            unit: "Unit: ",
            linear: "linear scale",
            log: "log scale (each step ×10)",
        },
    }
}

/// The files a chart may write beside its indicator's page.
pub const FILES: [&str; 4] = ["chart.svg", "chart.csv", "growth.svg", "growth.csv"];

/// A chart: what the page shows and the files written beside it.
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    /// The `<figure>` for the page.
    pub figure: String,
    /// The SVG file (`chart.svg`, `growth.svg`), standalone.
    pub svg_file: (String, String),
    /// Its data as CSV.
    pub csv_file: (String, Vec<u8>),
}

/// A dumbbell chart (baseline → target per jurisdiction) and, when growth
/// can be computed, a bar chart of implied annual growth: each a figure
/// with a visible title, a legend, an axis with ticks, unit and scale, a
/// table of its values, and links to its SVG and CSV files (which the
/// build writes beside the page with [`Chart::svg_file`] and
/// [`Chart::csv_file`]).
pub fn charts(site: &Site, def: &IndicatorDef, recs: &[&Record<'_>], lang: Lang) -> Vec<Chart> {
    let mut out = Vec::new();
    // Values are compared in the catalogue unit so 万件 and 件 share an axis.
    let to_cat =
        |r: &Record<'_>, x: f64| crate::model::Unit::parse(r.unit).convert(x, &def.unit_parsed);
    // A target is drawn from its lower to its upper end: one point for a
    // single value, a bar for a range (`3–5`).
    let rows: Vec<(&Record<'_>, Ends)> = latest_per_jurisdiction(recs.iter().filter_map(|r| {
        let (lo, hi) = target_ends(r)?;
        let base = r.baseline.map(|b| to_cat(r, b));
        Some((*r, (base, (to_cat(r, lo), to_cat(r, hi)))))
    }));
    let total = rows.len();
    let rows = latest_of(rows, MOST_DRAWN, |(r, _)| (r.target_year, r.baseline_year));
    let unit = def.unit.get(lang).clone();
    let recs_of: Vec<&Record<'_>> = rows.iter().map(|(r, _)| *r).collect();
    if !rows.is_empty() {
        let rows: Vec<Row> = rows
            .iter()
            .map(|(r, (b, t))| Row {
                id: r.jurisdiction.to_owned(),
                name: name(site, r, lang),
                plan: r.plan.to_owned(),
                base: b.map(|b| (r.baseline_year, b)),
                target: *t,
                target_year: r.target_year,
                comparator: r.comparator_symbol.unwrap_or(""),
            })
            .collect();
        let values: Vec<f64> = rows
            .iter()
            .flat_map(|r| [r.base.map(|b| b.1), Some(r.target.0), Some(r.target.1)])
            .flatten()
            .collect();
        let scale = Scale::for_values(&values);
        let title = match lang {
            Lang::Zh => format!("{}:各地基期值与目标值", def.name.zh),
            Lang::En => format!("{}: baseline and target by jurisdiction", def.name.en),
        };
        let mut figure = format!("<figure class=\"chart-wrap\" id=\"chart-values\"><figcaption class=\"chart-title\">{}</figcaption>", html_escape(&title));
        figure.push_str(&drawn_note(rows.len(), total, lang));
        figure.push_str(&dumbbell(&rows, &scale, &title, &unit, lang, "c1", false));
        if scale.is_log() {
            // The same values on a linear axis, for readers who want it.
            let (summary, note) = match lang {
                Lang::Zh => ("线性刻度", "数值相差十倍以上,上图用对数刻度;此图为线性刻度,较小的数值贴近零。"),
                Lang::En => ("Linear scale", "The values differ by more than ten times, so the chart above uses a log scale; on this linear one the small values sit near zero."),
            };
            let max = values.iter().copied().fold(0.0, f64::max);
            let _ = write!(figure, "<details class=\"chart-alt\"><summary>{summary}</summary><p class=\"small\">{note}</p>{}</details>", dumbbell(&rows, &Scale::linear(max), &title, &unit, lang, "c1l", false));
        }
        // Per 10,000 people, where the values are totals of places of
        // different size.
        let per: Vec<Row> = rows
            .iter()
            .zip(&recs_of)
            .filter_map(|(row, r)| {
                Some(Row {
                    base: r
                        .baseline_per_10k
                        .map(|b| (r.baseline_year, (b * 100.0).round() / 100.0)),
                    target: {
                        let t = (r.target_per_10k? * 100.0).round() / 100.0;
                        (t, t)
                    },
                    ..row.clone()
                })
            })
            .collect();
        if scale.is_log() && per.len() >= 2 {
            let per_unit = fmt::per_10k_unit(def, lang);
            let people = recs_of
                .iter()
                .zip(&rows)
                .filter_map(|(r, row)| {
                    Some(format!(
                        "{} {}",
                        row.name,
                        fmt::population(r.population?, lang)
                    ))
                })
                .collect::<Vec<_>>()
                .join(if lang == Lang::Zh { ";" } else { "; " });
            let (summary, note, t) = match lang {
                Lang::Zh => (
                    "每万人",
                    format!("按各地人口计算(详见地区页面):{people}。"),
                    format!("{}:每万人基期值与目标值", def.name.zh),
                ),
                Lang::En => (
                    "Per 10,000 people",
                    format!("By each jurisdiction's population (see its page): {people}."),
                    format!("{}: baseline and target per 10,000 people", def.name.en),
                ),
            };
            let values: Vec<f64> = per
                .iter()
                .flat_map(|r| [r.base.map(|b| b.1), Some(r.target.1)])
                .flatten()
                .collect();
            let _ = write!(
                figure,
                "<details class=\"chart-alt\"><summary>{summary}</summary><p class=\"small\">{}</p>{}</details>",
                html_escape(&note),
                dumbbell(&per, &Scale::for_values(&values), &t, &per_unit, lang, "c1p", false)
            );
        }
        figure.push_str(&values_table(&rows, &unit, lang));
        figure.push_str(&downloads("chart.svg", lang));
        figure.push_str("</figure>");
        out.push(Chart {
            figure,
            svg_file: (
                "chart.svg".into(),
                dumbbell(&rows, &scale, &title, &unit, lang, "c", true),
            ),
            csv_file: ("chart.csv".into(), dumbbell_csv(&rows, &unit)),
        });
    }
    let growth: Vec<(&Record<'_>, f64)> =
        latest_per_jurisdiction(recs.iter().filter_map(|r| Some((*r, r.implied_cagr?))));
    let total = growth.len();
    let growth = latest_of(growth, MOST_DRAWN, |(r, _)| {
        (r.target_year, r.baseline_year)
    });
    if !growth.is_empty() {
        let (title, caption) = match lang {
            Lang::Zh => (
                format!("{}:隐含年均增长率", def.name.zh),
                "由基期值和目标值计算的复合年均增长率(%),线性刻度",
            ),
            Lang::En => (
                format!("{}: implied annual growth", def.name.en),
                "Compound annual growth rate implied by baseline and target (%), linear scale",
            ),
        };
        let rows: Vec<(String, &Record<'_>, f64)> = growth
            .iter()
            .map(|(r, g)| (name(site, r, lang), *r, *g))
            .collect();
        let body = |id: &str, file: bool| {
            let max = rows.iter().map(|r| r.2.abs()).fold(0.0, f64::max);
            let scale = Scale::linear(max * 100.0);
            let mut s = String::new();
            let top = title_lines(&mut s, &title, file);
            let axis_y = top + 40.0 * rows.len() as f64 + 8.0;
            let h = axis(&mut s, &scale, top, axis_y, caption, lang);
            for (i, (n, _, g)) in rows.iter().enumerate() {
                let y = top + 14.0 + 40.0 * i as f64;
                let w = scale.x(g.abs() * 100.0, X0, X1) - X0;
                let _ = write!(s, "<text class=\"label\" x=\"0\" y=\"{y}\"><tspan font-weight=\"600\">{}</tspan> {}</text><rect class=\"bar\" x=\"{X0}\" y=\"{}\" width=\"{w:.1}\" height=\"14\"/>", html_escape(n), fmt::percent(*g), y + 8.0);
            }
            let desc = rows
                .iter()
                .map(|(n, _, g)| match lang {
                    Lang::Zh => format!("{n}:{}", fmt::percent(*g)),
                    Lang::En => format!("{n}: {}", fmt::percent(*g)),
                })
                .collect::<Vec<_>>()
                .join(if lang == Lang::Zh { ";" } else { "; " });
            let stop = if lang == Lang::Zh { "。" } else { ". " };
            svg(
                id,
                h.ceil(),
                &title,
                &format!("{caption}{stop}{desc}"),
                &s,
                file,
            )
        };
        let mut figure = format!("<figure class=\"chart-wrap\" id=\"chart-growth\"><figcaption class=\"chart-title\">{}</figcaption>", html_escape(&title));
        figure.push_str(&drawn_note(rows.len(), total, lang));
        figure.push_str(&body("c2", false));
        figure.push_str(&downloads("growth.svg", lang));
        figure.push_str("</figure>");
        let mut csv = header(&[
            "jurisdiction",
            "name",
            "plan",
            "baseline_year",
            "target_year",
            "implied_cagr",
        ]);
        let year = |y: Option<u16>| Cell::Number(y.map(|y| y.to_string()).unwrap_or_default());
        for (n, r, g) in &rows {
            push_row(
                &mut csv,
                &[
                    Cell::Text(r.jurisdiction.into()),
                    Cell::Text(n.as_str().into()),
                    Cell::Text(r.plan.into()),
                    year(r.baseline_year),
                    year(r.target_year),
                    Cell::Number(format!("{g:.6}")),
                ],
            );
        }
        out.push(Chart {
            figure,
            svg_file: ("growth.svg".into(), body("g", true)),
            csv_file: ("growth.csv".into(), csv.into_bytes()),
        });
    }
    out
}

/// What the dumbbell chart draws of a record: the baseline, if any, and
/// the target's lower and upper ends (equal for a single value).
type Ends = (Option<f64>, (f64, f64));

/// The ends of a record's target in its printed unit: the value twice, or
/// a range's bounds; `None` without a target.
fn target_ends(r: &Record<'_>) -> Option<(f64, f64)> {
    match (r.target, r.target_min, r.target_max) {
        (Some(t), _, _) => Some((t, t)),
        (None, Some(lo), Some(hi)) => Some((lo, hi)),
        _ => None,
    }
}
