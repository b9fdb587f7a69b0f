//! Charts as inline SVG written at build time: no script, no fonts fetched,
//! colours from CSS custom properties so light, dark and print schemes work.

use std::collections::HashMap;
use std::fmt::Write;

use crate::compare::Record;
use crate::model::{IndicatorDef, Lang, Site};
use crate::parse::markdown::html_escape;

use super::format as fmt;

const W: f64 = 640.0;
const ROW: f64 = 34.0;
const LEFT: f64 = 170.0;
const RIGHT: f64 = 90.0;

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

/// A dumbbell chart (baseline → target per jurisdiction) and, when growth
/// can be computed, a bar chart of implied annual growth.
pub fn charts(site: &Site, def: &IndicatorDef, recs: &[&Record<'_>], lang: Lang) -> Vec<String> {
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
    if !rows.is_empty() {
        let max = rows
            .iter()
            .map(|(_, (b, (_, hi)))| b.unwrap_or(0.0).max(*hi))
            .fold(0.0, f64::max)
            .max(1e-9);
        let h = ROW * rows.len() as f64 + 40.0;
        let x = |v: f64| LEFT + (W - LEFT - RIGHT) * v / max;
        let (title, desc) = match lang {
            Lang::Zh => (format!("{}:基期值与目标值", def.name.zh), "每行一个地区:空心圆为基期值,实心圆为目标值,两个实心圆间的粗线为区间目标,单位见表。".to_owned()),
            Lang::En => (format!("{}: baseline and target", def.name.en), "One row per jurisdiction: hollow circle = baseline, filled circle = target, a thick bar between two filled circles = a range target; units as in the table.".to_owned()),
        };
        let mut s = String::new();
        let _ = write!(s, "<svg class=\"chart\" role=\"img\" viewBox=\"0 0 {W} {h}\" aria-labelledby=\"c1t c1d\"><title id=\"c1t\">{}</title><desc id=\"c1d\">{}</desc>", html_escape(&title), html_escape(&desc));
        let _ = write!(
            s,
            "<line class=\"axis\" x1=\"{LEFT}\" y1=\"10\" x2=\"{LEFT}\" y2=\"{}\"/>",
            h - 20.0
        );
        for (i, (r, (b, (lo, hi)))) in rows.iter().enumerate() {
            let y = 30.0 + ROW * i as f64;
            let _ = write!(
                s,
                "<text class=\"label\" x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>",
                LEFT - 8.0,
                y + 4.0,
                html_escape(&name(site, r, lang))
            );
            if let Some(b) = b {
                // To the nearer end of the target.
                let to = if *b <= *lo { *lo } else { *hi };
                let _ = write!(s, "<line class=\"link\" x1=\"{:.1}\" y1=\"{y}\" x2=\"{:.1}\" y2=\"{y}\"/><circle class=\"base\" cx=\"{:.1}\" cy=\"{y}\" r=\"6\"/>", x(*b), x(to), x(*b));
            }
            let label = if lo == hi {
                fmt::value(*hi, lang)
            } else {
                let _ = write!(s, "<line class=\"range\" x1=\"{:.1}\" y1=\"{y}\" x2=\"{:.1}\" y2=\"{y}\"/><circle class=\"target\" cx=\"{:.1}\" cy=\"{y}\" r=\"6\"/>", x(*lo), x(*hi), x(*lo));
                format!("{}–{}", fmt::value(*lo, lang), fmt::value(*hi, lang))
            };
            let _ = write!(s, "<circle class=\"target\" cx=\"{:.1}\" cy=\"{y}\" r=\"6\"/><text class=\"value\" x=\"{:.1}\" y=\"{}\">{}</text>", x(*hi), x(*hi) + 10.0, y + 4.0, label);
        }
        s.push_str("</svg>");
        out.push(s);
    }
    let growth: Vec<(&Record<'_>, f64)> =
        latest_per_jurisdiction(recs.iter().filter_map(|r| Some((*r, r.implied_cagr?))));
    if !growth.is_empty() {
        let max = growth
            .iter()
            .map(|(_, g)| g.abs())
            .fold(0.0, f64::max)
            .max(1e-9);
        let h = ROW * growth.len() as f64 + 30.0;
        let (title, desc) = match lang {
            Lang::Zh => (
                format!("{}:隐含年均增长率", def.name.zh),
                "由基期值和目标值计算的复合年均增长率。".to_owned(),
            ),
            Lang::En => (
                format!("{}: implied annual growth", def.name.en),
                "Compound annual growth rate implied by baseline and target.".to_owned(),
            ),
        };
        let mut s = String::new();
        let _ = write!(s, "<svg class=\"chart\" role=\"img\" viewBox=\"0 0 {W} {h}\" aria-labelledby=\"c2t c2d\"><title id=\"c2t\">{}</title><desc id=\"c2d\">{}</desc>", html_escape(&title), html_escape(&desc));
        for (i, (r, g)) in growth.iter().enumerate() {
            let y = 15.0 + ROW * i as f64;
            let w = (W - LEFT - RIGHT) * g.abs() / max;
            let _ = write!(s, "<text class=\"label\" x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text><rect class=\"bar\" x=\"{LEFT}\" y=\"{y}\" width=\"{w:.1}\" height=\"18\"/><text class=\"value\" x=\"{:.1}\" y=\"{}\">{}</text>", LEFT - 8.0, y + 13.0, html_escape(&name(site, r, lang)), LEFT + w + 6.0, y + 13.0, fmt::percent(*g));
        }
        s.push_str("</svg>");
        out.push(s);
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
        let svg = charts(&site, def, &[&r], Lang::En).join("");
        assert!(svg.contains("<line class=\"range\""), "{svg}");
        assert!(svg.contains(">3–5</text>"), "{svg}");
        assert_eq!(svg.matches("class=\"target\"").count(), 2, "{svg}");
    }
}
