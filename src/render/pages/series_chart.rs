//! A jurisdiction's reported series as an inline SVG: one time axis, the
//! baselines as squares, the reported values as circles and the targets as
//! triangles (a range as a bar between two), each labelled with its value,
//! and a legend that names the shapes: what is which never rests on colour.
//! A total over a period is drawn as a line across its years. Points whose
//! unit does not convert to the series' unit are left to the table beside
//! the chart.

use std::fmt::Write;

use crate::facts::series::{Role, Series};
use crate::model::{IndicatorDef, Lang, Unit};
use crate::parse::markdown::html_escape;

use super::super::format as fmt;

/// The chart's words in the page's language.
pub struct Words {
    /// "Baseline".
    pub baseline: String,
    /// "Reported".
    pub reported: String,
    /// "Target".
    pub target: String,
    /// The chart's title (jurisdiction · indicator).
    pub title: String,
}

// Narrow enough that its words stay legible on a phone (390 px wide).
const W: f64 = 420.0;
const H: f64 = 210.0;
const LEFT: f64 = 8.0;
const RIGHT: f64 = 412.0;
const TOP: f64 = 44.0;
const BOTTOM: f64 = 176.0;

fn marker(out: &mut String, role: Role, x: f64, y: f64) {
    match role {
        Role::Baseline => {
            let _ = write!(
                out,
                r#"<rect class="m-baseline" x="{:.1}" y="{:.1}" width="9" height="9"/>"#,
                x - 4.5,
                y - 4.5
            );
        }
        Role::Reported => {
            let _ = write!(
                out,
                r#"<circle class="m-reported" cx="{x:.1}" cy="{y:.1}" r="5"/>"#
            );
        }
        Role::Target => {
            let _ = write!(
                out,
                r#"<path class="m-target" d="M{:.1} {:.1}L{:.1} {:.1}L{:.1} {:.1}Z"/>"#,
                x,
                y - 6.0,
                x + 6.0,
                y + 5.0,
                x - 6.0,
                y + 5.0
            );
        }
    }
}

/// The chart of `series` (values in the unit of its first point that
/// converts, which all others then convert to).
pub fn svg(series: &Series<'_>, def: &IndicatorDef, lang: Lang, words: &Words) -> String {
    let unit: &Unit = series.points.first().map_or(&def.unit_parsed, |p| p.unit);
    let drawn: Vec<_> = series
        .points
        .iter()
        .filter(|p| p.unit.compatible(unit) && p.value.is_finite())
        .collect();
    let years = drawn.iter().flat_map(|p| match p.when {
        crate::model::When::Year(y) => [y, y],
        crate::model::When::Period { start, end } => [start, end],
    });
    let (lo, hi) = years.fold((u16::MAX, 0u16), |(lo, hi), y| (lo.min(y), hi.max(y)));
    let top = drawn
        .iter()
        .map(|p| p.unit.convert(p.upper.unwrap_or(p.value), unit))
        .fold(0.0_f64, f64::max);
    let mut out = String::new();
    let _ = write!(
        out,
        r#"<svg class="series-chart" viewBox="0 0 {W} {H}" role="img" aria-label="{}"><title>{}</title>"#,
        html_escape(&words.title),
        html_escape(&words.title)
    );
    // Legend: shape and word.
    let mut lx = LEFT;
    for (role, word) in [
        (Role::Baseline, &words.baseline),
        (Role::Reported, &words.reported),
        (Role::Target, &words.target),
    ] {
        marker(&mut out, role, lx + 6.0, 16.0);
        let _ = write!(
            out,
            r#"<text x="{:.1}" y="20">{}</text>"#,
            lx + 16.0,
            html_escape(word)
        );
        lx += 24.0 + 13.0 * word.chars().count() as f64 * if lang == Lang::Zh { 1.0 } else { 0.6 };
    }
    if drawn.is_empty() || lo > hi || !(top.is_finite() && top > 0.0) {
        out.push_str("</svg>");
        return out;
    }
    let span = f64::from(hi - lo).max(1.0);
    let x = |y: u16| LEFT + 30.0 + (RIGHT - LEFT - 60.0) * f64::from(y - lo) / span;
    let y = |v: f64| BOTTOM - (BOTTOM - TOP) * (v / top).clamp(0.0, 1.0);
    let _ = write!(
        out,
        r#"<line class="axis" x1="{LEFT}" y1="{BOTTOM}" x2="{RIGHT}" y2="{BOTTOM}"/>"#
    );
    let mut ticks: Vec<u16> = drawn.iter().map(|p| p.when.end()).collect();
    ticks.sort_unstable();
    ticks.dedup();
    for t in &ticks {
        let _ = write!(
            out,
            r#"<text class="tick" x="{:.1}" y="{:.1}" text-anchor="middle">{t}</text>"#,
            x(*t),
            BOTTOM + 18.0
        );
    }
    for (i, p) in drawn.iter().enumerate() {
        let v = p.unit.convert(p.value, unit);
        // Points of one year side by side: reported left, target right.
        let shift = match p.role {
            Role::Reported => -8.0,
            Role::Target => 8.0,
            Role::Baseline => 0.0,
        };
        let (px, py) = (x(p.when.end()) + shift, y(v));
        if let crate::model::When::Period { start, end } = p.when {
            let _ = write!(
                out,
                r#"<line class="l-{}" x1="{:.1}" y1="{py:.1}" x2="{:.1}" y2="{py:.1}"/>"#,
                p.role.key(),
                x(start),
                x(end)
            );
        }
        if let Some(u) = p.upper {
            let uy = y(p.unit.convert(u, unit));
            let _ = write!(
                out,
                r#"<line class="l-target" x1="{px:.1}" y1="{py:.1}" x2="{px:.1}" y2="{uy:.1}"/>"#
            );
            marker(&mut out, p.role, px, uy);
        }
        marker(&mut out, p.role, px, py);
        let sign = p
            .qualifier()
            .map(|q| format!("{} ", q.sign()))
            .unwrap_or_default();
        let label = match p.upper {
            Some(u) => format!("{}–{}", fmt::value(p.value, lang), fmt::value(u, lang)),
            None => format!("{sign}{}", fmt::value(p.value, lang)),
        };
        // Labels alternate above and below so neighbours do not overlap.
        let dy = if i % 2 == 0 { -10.0 } else { 18.0 };
        let _ = write!(
            out,
            r#"<text class="v" x="{px:.1}" y="{:.1}" text-anchor="middle">{}</text>"#,
            (py + dy).clamp(TOP - 8.0, BOTTOM - 4.0),
            html_escape(&label)
        );
    }
    out.push_str("</svg>");
    out
}
