//! A plan's indicator values compared field by field: a corrected target
//! shows as `target: 225 → 235`, not as two whole values to tell apart.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::change::{fields, or_dash, Field, FieldChange, Item, Subject};
use crate::model::{IndicatorValue, Plan, ReportedValue, Site, When};

fn num(x: f64) -> String {
    crate::model::units::format_number(x, 4, false)
}

/// A value in one line, for one added or removed: `2.04 (2020) → ≥4.5
/// (2025) 件, expected`.
pub fn value_text(v: &IndicatorValue) -> String {
    let mut s = String::new();
    if let Some(b) = v.baseline {
        let _ = write!(s, "{} ({}) → ", num(b.value), b.year);
    }
    match v.target {
        Some(t) => {
            let _ = write!(s, "{} ({})", t.text_with(num), t.year);
        }
        None => s.push_str("no target"),
    }
    if !v.unit.printed.is_empty() {
        let _ = write!(s, " {}", v.unit.printed);
    }
    if let Some(a) = v.attribute {
        let _ = write!(s, ", {}", a.key());
    }
    if v.cumulative {
        s.push_str(", cumulative");
    }
    s
}

/// The fields a reviewer checks, in the order they are listed.
fn value_fields(v: &IndicatorValue) -> Vec<(&'static str, String)> {
    vec![
        ("label", v.label.clone()),
        ("target", or_dash(v.target.map(|t| t.figure_with(num)))),
        ("target year", or_dash(v.target.map(|t| t.year))),
        (
            "comparator",
            or_dash(v.target.map(|t| t.comparator().key().to_string())),
        ),
        ("baseline", or_dash(v.baseline.map(|b| num(b.value)))),
        ("baseline year", or_dash(v.baseline.map(|b| b.year))),
        ("unit", v.unit.printed.clone()),
        ("attribute", or_dash(v.attribute.map(|a| a.key()))),
        ("cumulative", if v.cumulative { "yes" } else { "no" }.into()),
        ("basis", or_dash(v.basis.as_deref())),
        ("note", or_dash(v.note.as_deref())),
        ("passage", v.passage.clone()),
    ]
}

/// `中文名 (English name)` of a plan's jurisdiction in `site`.
pub fn jurisdiction_name(site: &Site, p: &Plan) -> String {
    site.jurisdictions
        .get(&p.jurisdiction)
        .map(|j| format!("{} ({})", j.name.zh, j.name.en))
        .unwrap_or_else(|| p.jurisdiction.to_string())
}

/// The indicator values added, removed or changed in plans present on
/// both sides (a plan added or removed is listed whole elsewhere).
pub fn changes(a: &Site, b: &Site) -> Vec<Item> {
    let plans_a: BTreeMap<&str, &Plan> = a.plans.iter().map(|p| (p.slug.as_str(), p)).collect();
    let mut items = Vec::new();
    for pb in &b.plans {
        let Some(pa) = plans_a.get(pb.slug.as_str()) else {
            continue;
        };
        items.extend(plan_values(pa, pb, &jurisdiction_name(b, pb)));
    }
    items
}

/// The indicator values added, removed or changed between two versions of
/// one plan, each subject labelled `label — where_` (a plan's change
/// history lists the same, [`crate::history`]).
pub fn plan_values(pa: &Plan, pb: &Plan, where_: &str) -> Vec<Item> {
    let ia: BTreeMap<&str, &IndicatorValue> =
        pa.indicators.iter().map(|v| (v.id.as_str(), v)).collect();
    let ib: BTreeMap<&str, &IndicatorValue> =
        pb.indicators.iter().map(|v| (v.id.as_str(), v)).collect();
    let subject = |v: &IndicatorValue| {
        let label = if where_.is_empty() {
            v.label.clone()
        } else {
            format!("{} — {where_}", v.label)
        };
        Subject::new(v.id.as_str(), label).within(pb.slug.as_str())
    };
    let mut items = super::change::keyed(
        &ia,
        &ib,
        |v| subject(v),
        |v| value_text(v),
        |va, vb| fields(&value_fields(va), &value_fields(vb)),
    );
    items.extend(reported_values(pa, pb, where_));
    items
}

/// The reported values (`reported:`) added, removed or changed between two
/// versions of one plan, keyed by indicator and the year or period each
/// describes.
fn reported_values(pa: &Plan, pb: &Plan, where_: &str) -> Vec<Item> {
    let key = |r: &ReportedValue| (r.id.as_str().to_owned(), r.when);
    let ra: BTreeMap<_, &ReportedValue> = pa.reported.iter().map(|r| (key(r), r)).collect();
    let rb: BTreeMap<_, &ReportedValue> = pb.reported.iter().map(|r| (key(r), r)).collect();
    let subject = |r: &ReportedValue| {
        let label = format!("{} ({}, reported)", r.label, when_text(r.when));
        let label = if where_.is_empty() {
            label
        } else {
            format!("{label} — {where_}")
        };
        Subject::new(r.id.as_str(), label).within(pb.slug.as_str())
    };
    super::change::keyed(
        &ra,
        &rb,
        |r| subject(r),
        |r| reported_text(r),
        |a, b| fields(&reported_fields(a), &reported_fields(b)),
    )
}

fn when_text(w: When) -> String {
    match w {
        When::Year(y) => y.to_string(),
        When::Period { start, end } => format!("{start}–{end}"),
    }
}

/// A reported value in one line: `> 500 家 (2020)`.
fn reported_text(r: &ReportedValue) -> String {
    let sign = r.qualifier.map(|q| q.sign()).unwrap_or("");
    format!(
        "{sign}{} {} ({})",
        num(r.value),
        r.unit.printed,
        when_text(r.when)
    )
}

fn reported_fields(r: &ReportedValue) -> Vec<(&'static str, String)> {
    vec![
        ("label", r.label.clone()),
        ("reported", reported_text(r)),
        (
            "multiple",
            or_dash(
                r.multiple
                    .as_ref()
                    .map(|m| format!("{} × {}", num(m.value), m.of_zh)),
            ),
        ),
        ("note", or_dash(r.note_zh.as_deref())),
    ]
}

/// Per-10,000 figures of the values of `jurisdiction` that change between
/// `a` and `b` (after a population change): one line per plan, indicator
/// and figure, old → new.
pub fn per_capita(a: &Site, b: &Site, jurisdiction: &str) -> Vec<FieldChange> {
    let figures = |site: &Site| -> BTreeMap<(String, String), (Option<f64>, Option<f64>)> {
        crate::compare::records(site)
            .into_iter()
            .filter(|r| r.jurisdiction == jurisdiction)
            .filter(|r| r.target_per_10k.is_some() || r.baseline_per_10k.is_some())
            .map(|r| {
                (
                    (r.plan.to_string(), r.indicator.to_string()),
                    (r.target_per_10k, r.baseline_per_10k),
                )
            })
            .collect()
    };
    let (old, new) = (figures(a), figures(b));
    let keys: std::collections::BTreeSet<&(String, String)> =
        old.keys().chain(new.keys()).collect();
    let per = |x: Option<f64>| or_dash(x.map(|x| crate::model::units::format_number(x, 2, true)));
    let mut out = Vec::new();
    for key in keys {
        let (ta, ba) = old.get(key).copied().unwrap_or_default();
        let (tb, bb) = new.get(key).copied().unwrap_or_default();
        for (which, x, y) in [("target", ta, tb), ("baseline", ba, bb)] {
            let (x, y) = (per(x), per(y));
            if x != y {
                out.push(FieldChange {
                    field: Field::PerCapita {
                        figure: which,
                        plan: key.0.clone(),
                        indicator: key.1.clone(),
                    },
                    delta: super::change::Delta::Value { old: x, new: y },
                });
            }
        }
    }
    out
}
