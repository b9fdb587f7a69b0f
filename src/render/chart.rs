//! Charts as inline SVG written at build time: no script, no fonts fetched,
//! colours from CSS custom properties so light, dark and print schemes work.

use std::collections::HashMap;
use std::fmt::Write;

use crate::compare::Record;
use crate::model::{IndicatorDef, Lang, Site};
use crate::parse::markdown::html_escape;

use super::data::{header, push_row, Cell};
use super::format as fmt;

/// Width of a chart in SVG units. Narrow, with one row per line of text,
/// so a phone (about 360 px of column) shows it near full size: its
/// smallest text, 12 units, stays about 12 px on screen.
const W: f64 = 360.0;
/// The plot's left and right ends.
const X0: f64 = 14.0;
const X1: f64 = W - 22.0;
/// Height of one jurisdiction's rows: its name, its values, its marks.
const ROW: f64 = 50.0;

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

/// How values are placed along the axis.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Scale {
    /// From 0 to `max` (a round number at or above every value).
    Linear {
        /// The axis's end.
        max: f64,
    },
    /// Powers of ten from `10^lo` to `10^hi`.
    Log {
        /// Exponent of the axis's start.
        lo: i32,
        /// Exponent of the axis's end.
        hi: i32,
    },
}

/// How many times the largest value may be the smallest before a chart is
/// drawn on a log scale: beyond it the small values sit on zero.
pub const LOG_BEYOND: f64 = 10.0;

impl Scale {
    /// The scale for `values`: logarithmic when all are above zero and the
    /// largest is more than [`LOG_BEYOND`] times the smallest, else linear
    /// from zero.
    pub fn for_values(values: &[f64]) -> Scale {
        let max = values.iter().copied().fold(0.0, f64::max);
        let min = values.iter().copied().fold(f64::INFINITY, f64::min);
        if min > 0.0 && max / min > LOG_BEYOND {
            Scale::log(min, max)
        } else {
            Scale::linear(max)
        }
    }

    /// A linear scale from zero to the first tick at or above `max`.
    pub fn linear(max: f64) -> Scale {
        let step = nice_step(max.max(1e-9));
        Scale::Linear {
            max: (max.max(1e-9) / step).ceil() * step,
        }
    }

    /// A log scale over the decades that hold `min` and `max`.
    pub fn log(min: f64, max: f64) -> Scale {
        let lo = min.log10().floor() as i32;
        let hi = (max.log10().ceil() as i32).max(lo + 1);
        Scale::Log { lo, hi }
    }

    /// Where `v` goes between `x0` and `x1`.
    pub fn x(&self, v: f64, x0: f64, x1: f64) -> f64 {
        let f = match *self {
            Scale::Linear { max } => v / max,
            Scale::Log { lo, hi } => {
                (v.max(f64::MIN_POSITIVE).log10() - f64::from(lo)) / f64::from(hi - lo)
            }
        };
        x0 + (x1 - x0) * f.clamp(0.0, 1.0)
    }

    /// The ticks: 0 and each step of a linear scale; each power of ten of
    /// a log scale.
    pub fn ticks(&self) -> Vec<f64> {
        match *self {
            Scale::Linear { max } => {
                let step = nice_step(max);
                let n = (max / step).round() as i64;
                (0..=n)
                    .map(|i| (i as f64 * step * 1e9).round() / 1e9)
                    .collect()
            }
            Scale::Log { lo, hi } => (lo..=hi).map(|e| 10f64.powi(e)).collect(),
        }
    }

    /// Whether the scale is logarithmic.
    pub fn is_log(&self) -> bool {
        matches!(self, Scale::Log { .. })
    }
}

/// A round step (1, 2 or 5 × 10ⁿ) giving three to six ticks up to `max`.
fn nice_step(max: f64) -> f64 {
    let raw = max / 5.0;
    let mag = 10f64.powi(raw.log10().floor() as i32);
    let f = raw / mag;
    let nice = if f <= 1.0 {
        1.0
    } else if f <= 2.0 {
        2.0
    } else if f <= 5.0 {
        5.0
    } else {
        10.0
    };
    nice * mag
}

/// A tick's label, short enough to sit under its tick: `1万`, `250万`,
/// `1亿` in Chinese; `10k`, `2.5M` in English.
pub fn tick_label(v: f64, lang: Lang) -> String {
    let short = |x: f64| fmt::value((x * 100.0).round() / 100.0, lang);
    match lang {
        Lang::Zh if v.abs() >= 1e8 => format!("{}亿", short(v / 1e8)),
        Lang::Zh if v.abs() >= 1e4 => format!("{}万", short(v / 1e4)),
        Lang::En if v.abs() >= 1e9 => format!("{}B", short(v / 1e9)),
        Lang::En if v.abs() >= 1e6 => format!("{}M", short(v / 1e6)),
        Lang::En if v.abs() >= 1e3 => format!("{}k", short(v / 1e3)),
        _ => short(v),
    }
}

/// `text` broken into lines of at most `width` units (a Chinese character
/// two, other characters one), at spaces where there are any.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let units = |c: char| if c.is_ascii() { 1 } else { 2 };
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut used = 0;
    let mut last_space: Option<usize> = None;
    for c in text.chars() {
        if used + units(c) > width && !line.is_empty() {
            match last_space {
                Some(at) if c != ' ' => {
                    let rest = line[at + 1..].to_owned();
                    line.truncate(at);
                    lines.push(std::mem::take(&mut line));
                    used = rest.chars().map(units).sum();
                    line = rest;
                }
                _ => {
                    lines.push(std::mem::take(&mut line).trim_end().to_owned());
                    used = 0;
                }
            }
            last_space = None;
            if c == ' ' {
                continue;
            }
        }
        if c == ' ' {
            last_space = Some(line.len());
        }
        line.push(c);
        used += units(c);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
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

/// The SVG's own styles, for the file downloaded (a page styles its
/// inline charts from the theme, in light and dark).
const FILE_STYLE: &str = "<style>text{font:13px system-ui,sans-serif;fill:#1a1d21}.title{font-size:14px;font-weight:600}.muted,.tick text{fill:#545f6b;font-size:12px}.axis,.link{stroke:#8a96a3;stroke-width:1.5}.grid{stroke:#dde2e7}.label{paint-order:stroke;stroke:#fff;stroke-width:3px;stroke-linejoin:round}.base{fill:#fff;stroke:#545f6b;stroke-width:2}.target,.bar{fill:#0b5cad}.range{stroke:#0b5cad;stroke-width:6;stroke-linecap:round}</style>";

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

/// An SVG: `body` inside, inline (styled by the page) or as a file.
fn svg(id: &str, h: f64, title: &str, desc: &str, body: &str, file: bool) -> String {
    let (open, style) = if file {
        ("<svg xmlns=\"http://www.w3.org/2000/svg\"", FILE_STYLE)
    } else {
        ("<svg class=\"chart\"", "")
    };
    format!(
        "{open} role=\"img\" viewBox=\"0 0 {W} {h}\" width=\"{W}\" height=\"{h}\" aria-labelledby=\"{id}t {id}d\"><title id=\"{id}t\">{}</title><desc id=\"{id}d\">{}</desc>{style}{body}</svg>",
        html_escape(title),
        html_escape(desc)
    )
}

/// The title, wrapped, from the top; returns where the next line goes.
fn title_lines(s: &mut String, title: &str, file: bool) -> f64 {
    // A page shows the title above the chart, where it wraps as text does.
    if !file {
        return 14.0;
    }
    let mut y = 18.0;
    for line in wrap(title, 48) {
        let _ = write!(
            s,
            "<text class=\"title\" x=\"0\" y=\"{y}\">{}</text>",
            html_escape(&line)
        );
        y += 18.0;
    }
    y
}

/// The axis at `y` below rows from `top`: grid lines, ticks with labels,
/// and what it measures.
fn axis(s: &mut String, scale: &Scale, top: f64, y: f64, caption: &str, lang: Lang) -> f64 {
    let ticks = scale.ticks();
    // Every other label where they would crowd (the ticks all stay).
    let every = if ticks.len() > 6 { 2 } else { 1 };
    let _ = write!(
        s,
        "<line class=\"axis\" x1=\"{X0}\" y1=\"{y}\" x2=\"{X1}\" y2=\"{y}\"/>"
    );
    s.push_str("<g class=\"tick\">");
    for (i, t) in ticks.iter().enumerate() {
        let x = scale.x(*t, X0, X1);
        let _ = write!(s, "<line class=\"grid\" x1=\"{x:.1}\" y1=\"{top}\" x2=\"{x:.1}\" y2=\"{y}\"/><line class=\"axis\" x1=\"{x:.1}\" y1=\"{y}\" x2=\"{x:.1}\" y2=\"{}\"/>", y + 5.0);
        if i % every == 0 || i + 1 == ticks.len() {
            let _ = write!(
                s,
                "<text x=\"{x:.1}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
                y + 18.0,
                html_escape(&tick_label(*t, lang))
            );
        }
    }
    s.push_str("</g>");
    let mut y = y + 36.0;
    for line in wrap(caption, 50) {
        let _ = write!(
            s,
            "<text class=\"muted\" x=\"0\" y=\"{y}\">{}</text>",
            html_escape(&line)
        );
        y += 15.0;
    }
    y
}

/// The baseline-and-target chart of `rows` on `scale`.
fn dumbbell(
    rows: &[Row],
    scale: &Scale,
    title: &str,
    unit: &str,
    lang: Lang,
    id: &str,
    file: bool,
) -> String {
    let w = words(lang);
    let mut s = String::new();
    let y = title_lines(&mut s, title, file) + 4.0;
    // The legend: hollow = baseline, filled = target, a bar = a range.
    let _ = write!(s, "<g class=\"legend\"><circle class=\"base\" cx=\"20\" cy=\"{}\" r=\"5\"/><text x=\"30\" y=\"{y}\">{}</text><circle class=\"target\" cx=\"110\" cy=\"{}\" r=\"5\"/><text x=\"120\" y=\"{y}\">{}</text>", y - 4.0, w.base, y - 4.0, w.target);
    if rows.iter().any(|r| r.target.0 != r.target.1) {
        let _ = write!(s, "<line class=\"range\" x1=\"196\" y1=\"{0}\" x2=\"214\" y2=\"{0}\"/><text x=\"224\" y=\"{y}\">{1}</text>", y - 4.0, w.range);
    }
    s.push_str("</g>");
    let top = y + 10.0;
    // The axis and its grid first, so the rows' text sits on top.
    let axis_y = top + ROW * rows.len() as f64 + 8.0;
    let caption = format!(
        "{}{unit} · {}",
        w.unit,
        if scale.is_log() { w.log } else { w.linear }
    );
    let h = axis(&mut s, scale, top, axis_y, &caption, lang);
    let mut body = String::new();
    for (i, r) in rows.iter().enumerate() {
        let y = top + 16.0 + ROW * i as f64;
        let dot = y + 26.0;
        let x = |v: f64| scale.x(v, X0, X1);
        let _ = write!(body, "<text class=\"label\" x=\"0\" y=\"{y}\"><tspan font-weight=\"600\">{}</tspan></text><text class=\"label muted\" x=\"0\" y=\"{}\">{}</text>", html_escape(&r.name), y + 14.0, html_escape(&r.values_text(lang)));
        let (lo, hi) = r.target;
        if let Some((_, b)) = r.base {
            let to = if b <= lo { lo } else { hi };
            let _ = write!(
                body,
                "<line class=\"link\" x1=\"{:.1}\" y1=\"{dot}\" x2=\"{:.1}\" y2=\"{dot}\"/>",
                x(b),
                x(to)
            );
        }
        if lo != hi {
            let _ = write!(body, "<line class=\"range\" x1=\"{:.1}\" y1=\"{dot}\" x2=\"{:.1}\" y2=\"{dot}\"/><circle class=\"target\" cx=\"{:.1}\" cy=\"{dot}\" r=\"5\"/>", x(lo), x(hi), x(lo));
        }
        let _ = write!(
            body,
            "<circle class=\"target\" cx=\"{:.1}\" cy=\"{dot}\" r=\"5\"/>",
            x(hi)
        );
        if let Some((_, b)) = r.base {
            let _ = write!(
                body,
                "<circle class=\"base\" cx=\"{:.1}\" cy=\"{dot}\" r=\"5\"/>",
                x(b)
            );
        }
    }
    s.push_str(&body);
    let desc = rows
        .iter()
        .map(|r| match lang {
            Lang::Zh => format!("{}:{}", r.name, r.values_text(lang)),
            Lang::En => format!("{}: {}", r.name, r.values_text(lang)),
        })
        .collect::<Vec<_>>()
        .join(if lang == Lang::Zh { ";" } else { "; " });
    let stop = if lang == Lang::Zh { "。" } else { ". " };
    svg(
        id,
        h.ceil(),
        title,
        &format!("{caption}{stop}{desc}"),
        &s,
        file,
    )
}

/// The chart's values as a table, its text alternative.
fn values_table(rows: &[Row], unit: &str, lang: Lang) -> String {
    let (summary, j, b, t) = match lang {
        Lang::Zh => ("图中数值", "地区", "基期值", "目标值"),
        Lang::En => ("Values in this chart", "Jurisdiction", "Baseline", "Target"),
    };
    let mut s = format!("<details class=\"chart-data\"><summary>{summary}</summary><table><caption>{}</caption><thead><tr><th scope=\"col\">{j}</th><th scope=\"col\">{b}</th><th scope=\"col\">{t}</th></tr></thead><tbody>", html_escape(&format!("{}{unit}", words(lang).unit)));
    for r in rows {
        let year = |y: Option<u16>| y.map(|y| format!(" ({y})")).unwrap_or_default();
        let base = match r.base {
            Some((y, v)) => format!("{}{}", fmt::value(v, lang), year(y)),
            None => "—".to_owned(),
        };
        let _ = write!(
            s,
            "<tr><th scope=\"row\">{}</th><td>{}</td><td>{}{}</td></tr>",
            html_escape(&r.name),
            html_escape(&base),
            html_escape(&r.target_text(lang)),
            year(r.target_year)
        );
    }
    s.push_str("</tbody></table></details>");
    s
}

/// The download links under a chart.
fn downloads(svg_name: &str, lang: Lang) -> String {
    let (svg, csv) = match lang {
        Lang::Zh => ("下载图表(SVG)", "下载图表数据(CSV)"),
        Lang::En => ("Download chart (SVG)", "Download chart data (CSV)"),
    };
    let csv_name = svg_name.replace(".svg", ".csv");
    format!("<p class=\"chart-links\"><a href=\"{svg_name}\" download>{svg}</a> · <a href=\"{csv_name}\" download>{csv}</a></p>")
}

/// The baseline-and-target chart's data: one row per jurisdiction drawn,
/// in the catalogue unit, with the project's CSV rules.
fn dumbbell_csv(rows: &[Row], unit: &str) -> Vec<u8> {
    let mut s = header(&[
        "jurisdiction",
        "name",
        "plan",
        "unit",
        "baseline_year",
        "baseline",
        "target_year",
        "comparator",
        "target",
        "target_min",
        "target_max",
    ]);
    let num = |x: Option<f64>| Cell::Number(x.map(|v| format!("{v}")).unwrap_or_default());
    for r in rows {
        let range = r.target.0 != r.target.1;
        push_row(
            &mut s,
            &[
                Cell::Text(r.id.as_str().into()),
                Cell::Text(r.name.as_str().into()),
                Cell::Text(r.plan.as_str().into()),
                Cell::Text(unit.into()),
                Cell::Number(
                    r.base
                        .and_then(|b| b.0)
                        .map(|y| y.to_string())
                        .unwrap_or_default(),
                ),
                num(r.base.map(|b| b.1)),
                Cell::Number(r.target_year.map(|y| y.to_string()).unwrap_or_default()),
                Cell::Text(compare_word(r.comparator).into()),
                num((!range).then_some(r.target.1)),
                num(range.then_some(r.target.0)),
                num(range.then_some(r.target.1)),
            ],
        );
    }
    s.into_bytes()
}

/// A comparator symbol as the word the data files use.
fn compare_word(symbol: &str) -> &'static str {
    match symbol {
        "≥" => "ge",
        "≤" => "le",
        "≈" => "approx",
        "–" => "range",
        _ => "eq",
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn linear_ticks_are_round_steps_from_zero_past_the_largest_value() {
        let s = Scale::linear(18.0);
        assert_eq!(s, Scale::Linear { max: 20.0 });
        assert_eq!(s.ticks(), [0.0, 5.0, 10.0, 15.0, 20.0]);
        assert_eq!(Scale::linear(4.1).ticks(), [0.0, 1.0, 2.0, 3.0, 4.0, 5.0]);
        assert_eq!(
            Scale::linear(2_250_000.0).ticks(),
            [
                0.0,
                500_000.0,
                1_000_000.0,
                1_500_000.0,
                2_000_000.0,
                2_500_000.0
            ]
        );
        assert_eq!(Scale::linear(0.3).ticks(), [0.0, 0.1, 0.2, 0.3]);
        assert!((Scale::linear(18.0).x(10.0, 0.0, 100.0) - 50.0).abs() < 1e-9);
    }

    #[test]
    fn values_ten_times_apart_go_on_a_log_scale_with_a_tick_per_decade() {
        // Baotou's 62,000 trademarks beside Henan's 2,250,000.
        let s = Scale::for_values(&[28_266.0, 62_000.0, 1_121_000.0, 2_250_000.0]);
        assert_eq!(s, Scale::Log { lo: 4, hi: 7 });
        assert_eq!(s.ticks(), [1e4, 1e5, 1e6, 1e7]);
        assert!((s.x(1e5, 0.0, 300.0) - 100.0).abs() < 1e-9);
        // Ten times exactly, or a zero, stays linear.
        assert!(!Scale::for_values(&[2.0, 20.0]).is_log());
        assert!(!Scale::for_values(&[0.0, 5.0, 500.0]).is_log());
        assert!(Scale::for_values(&[2.0, 20.5]).is_log());
        // One decade at least.
        assert_eq!(Scale::log(3.0, 3.0), Scale::Log { lo: 0, hi: 1 });
    }

    #[test]
    fn tick_labels_are_short_in_each_language() {
        assert_eq!(tick_label(10_000.0, Lang::Zh), "1万");
        assert_eq!(tick_label(2_500_000.0, Lang::Zh), "250万");
        assert_eq!(tick_label(1e8, Lang::Zh), "1亿");
        assert_eq!(tick_label(10_000.0, Lang::En), "10k");
        assert_eq!(tick_label(2_500_000.0, Lang::En), "2.5M");
        assert_eq!(tick_label(15.0, Lang::En), "15");
    }

    #[test]
    fn long_titles_wrap_at_spaces_and_between_chinese_characters() {
        assert_eq!(
            wrap("Registered trademarks in force: baseline and target", 24),
            ["Registered trademarks in", "force: baseline and", "target"]
        );
        assert_eq!(
            wrap("每万人口高价值发明专利拥有量", 10),
            ["每万人口高", "价值发明专", "利拥有量"]
        );
    }

    #[test]
    fn trademarks_tenfold_apart_get_a_log_axis_and_a_per_capita_view() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let (files, _) = crate::load::read_site(root).expect("bundled site reads");
        let (site, _) = crate::model::build(files).expect("bundled site builds");
        let records = crate::compare::records(&site);
        let id = crate::model::IndicatorId("valid-registered-trademarks".into());
        let recs: Vec<&Record<'_>> = records
            .iter()
            .filter(|r| r.indicator == id.as_str())
            .collect();
        let charts = charts(&site, &site.indicators[&id], &recs, Lang::En);
        let f = &charts[0].figure;
        assert!(f.contains("log scale (each step ×10)"), "{f}");
        assert!(f.contains("<summary>Linear scale</summary>"), "{f}");
        assert!(f.contains("<summary>Per 10,000 people</summary>"), "{f}");
        assert!(
            f.contains("trademarks per 10,000 people · linear scale"),
            "{f}"
        );
        assert!(charts[0].svg_file.1.starts_with("<svg xmlns="));
    }

    #[test]
    fn chart_snapshot() {
        let rows = [
            Row {
                id: "baotou".into(),
                name: "Baotou".into(),
                plan: "baotou-ip-plan-2021".into(),
                base: Some((Some(2020), 28_266.0)),
                target: (62_000.0, 62_000.0),
                target_year: Some(2025),
                comparator: "≥",
            },
            Row {
                id: "henan".into(),
                name: "Henan Province".into(),
                plan: "henan-ip-plan-2022".into(),
                base: None,
                target: (2_000_000.0, 2_500_000.0),
                target_year: Some(2025),
                comparator: "–",
            },
        ];
        let values = [28_266.0, 62_000.0, 2_000_000.0, 2_500_000.0];
        let scale = Scale::for_values(&values);
        let svg = dumbbell(
            &rows,
            &scale,
            "Registered trademarks in force: baseline and target",
            "trademarks",
            Lang::En,
            "c",
            true,
        );
        let csv = String::from_utf8(dumbbell_csv(&rows, "trademarks")).unwrap();
        insta::assert_snapshot!(format!(
            "{}\n\n{csv}\n\n{}",
            svg.replace("><", ">\n<"),
            values_table(&rows, "trademarks", Lang::En).replace("><", ">\n<")
        ));
    }

    #[test]
    fn a_chart_has_each_jurisdictions_latest_value_once() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let (files, _) = crate::load::read_site(root).expect("bundled site reads");
        let (site, _) = crate::model::build(files).expect("bundled site builds");
        let records = crate::compare::records(&site);
        let with = |j: &'static str, target: u16, baseline: u16| {
            let mut r = records[0].clone();
            r.jurisdiction = j;
            r.target_year = Some(target);
            r.baseline_year = Some(baseline);
            r
        };
        let rows = [
            with("x", 2025, 2020),
            with("y", 2025, 2020),
            with("x", 2030, 2020),
            with("x", 2030, 2019),
            with("y", 2025, 2020),
        ];
        let kept = latest_per_jurisdiction(rows.iter().zip(0..));
        let kept: Vec<(&str, i32)> = kept.iter().map(|(r, i)| (r.jurisdiction, *i)).collect();
        // x's 2030 target (the first of the two), then y's first row.
        assert_eq!(kept, [("x", 2), ("y", 1)]);
    }

    #[test]
    fn a_range_target_is_drawn_between_its_bounds() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let (files, _) = crate::load::read_site(root).expect("bundled site reads");
        let (site, _) = crate::model::build(files).expect("bundled site builds");
        let records = crate::compare::records(&site);
        let mut r = records
            .iter()
            .find(|r| {
                let id = crate::model::IndicatorId(r.indicator.to_owned());
                r.target.is_some() && site.indicators[&id].unit.zh == r.unit
            })
            .expect("a target in the catalogue's unit")
            .clone();
        r.baseline = None;
        r.target = None;
        r.target_min = Some(3.0);
        r.target_max = Some(5.0);
        let def = &site.indicators[&crate::model::IndicatorId(r.indicator.to_owned())];
        let svg: String = charts(&site, def, &[&r], Lang::En)
            .iter()
            .map(|c| c.figure.clone())
            .collect();
        assert!(svg.contains("<line class=\"range\""), "{svg}");
        assert!(svg.contains(": 3–5 ("), "{svg}");
        // The legend's dot and the range's two ends.
        assert_eq!(svg.matches("class=\"target\"").count(), 3, "{svg}");
    }
}
