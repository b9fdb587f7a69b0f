//! Reported figures on pages: an indicator's series per jurisdiction
//! (reported values, baselines and targets on one time axis, with each
//! target's status) and a plan's table of the figures it reports.

use serde::Serialize;

use crate::facts::series::{self, Point, Reason, Role, Status};
use crate::model::{IndicatorDef, Lang, Plan};

use super::super::format as fmt;
use super::super::quantity;
use super::super::routes::Route;
use super::super::views::Link;
use super::series_chart;
use super::Cx;

/// The most jurisdictions whose series an indicator page draws: at 10,000
/// plans an indicator has values in a thousand jurisdictions, and a page
/// of a thousand charts helps no reader; the data files hold them all.
const MAX_SERIES: usize = 24;

/// The reported series on an indicator page.
#[derive(Debug, Default, Serialize)]
pub struct IndicatorSeries {
    /// The series drawn: the jurisdictions with the latest reported
    /// values first.
    pub list: Vec<SeriesView>,
    /// How many more jurisdictions report values for the indicator.
    pub more: usize,
    /// Where all of them are (`data/reported.csv`).
    pub data_url: String,
}

/// One jurisdiction's series on an indicator page.
#[derive(Debug, Serialize)]
pub struct SeriesView {
    /// The jurisdiction, linked.
    pub jurisdiction: Link,
    /// The chart (inline SVG; the table says the same in words).
    pub svg: String,
    /// The points in time order.
    pub points: Vec<PointRow>,
    /// Each target with a value reported for its year or later.
    pub assessments: Vec<AssessRow>,
}

/// One point of a series, or one reported figure of a plan.
#[derive(Debug, Serialize)]
pub struct PointRow {
    /// `2020` or `2016–2020`.
    pub when: String,
    /// `baseline`, `reported` or `target`.
    pub role_key: &'static str,
    /// The role in words.
    pub role: String,
    /// The role's shape on the chart (`■`, `●`, `▲`).
    pub shape: &'static str,
    /// The value with its qualifier sign and unit (`> 500 家`).
    pub value: String,
    /// The qualifier in words, if any.
    pub qualifier: String,
    /// The multiple the text also states (`2.4倍 “十二五”末`).
    pub multiple: String,
    /// The name of the measure (as printed, or the catalogue's in English).
    pub name: String,
    /// The indicator's page.
    pub indicator_url: String,
    /// The plan that states it.
    pub plan: Link,
    /// The passage in the plan's text; empty for an outside source.
    pub passage_url: String,
    /// An outside source, in words, and its URL.
    pub source: String,
    /// The source's URL.
    pub source_url: String,
    /// Editorial note.
    pub note: String,
}

/// A target's status.
#[derive(Debug, Serialize)]
pub struct AssessRow {
    /// The target (`2025: ≥ 6 件`).
    pub target: String,
    /// The value held against it (`2025: 6.2 件`).
    pub against: String,
    /// `met`, `not_met` or `not_assessable`.
    pub status_key: &'static str,
    /// The status with its sign (`✓ met`).
    pub status: String,
    /// The rule applied, in words.
    pub rule: String,
}

/// A plan's reported figures and the numbers it sets aside.
#[derive(Debug, Default, Serialize)]
pub struct PlanReported {
    /// Its reported values.
    pub rows: Vec<PointRow>,
    /// The passages whose numbers are set aside as not data, with why.
    pub not_data: Vec<NotDataRow>,
}

/// A passage whose numbers are not data.
#[derive(Debug, Serialize)]
pub struct NotDataRow {
    /// The passage.
    pub passage: String,
    /// Why, as a label.
    pub why: &'static str,
    /// The editors' note.
    pub note: String,
    /// The language the note is written in (Chinese when it has a Han
    /// character, English otherwise), for its `lang` attribute.
    pub note_lang: &'static str,
}

fn t(cx: &Cx<'_>, k: &str) -> String {
    cx.t(k)
}

/// `> 500 家`, `3–5 家`, `≥ 6 件`.
fn value_text(p: &Point<'_>, def: &IndicatorDef, lang: Lang) -> String {
    let sign = match (p.qualifier(), p.target()) {
        (Some(q), _) => format!("{} ", q.sign()),
        (None, Some(t)) => match t.comparator().key() {
            "≥" | "≤" | "≈" => format!("{} ", t.comparator().key()),
            _ => String::new(),
        },
        _ => String::new(),
    };
    if lang == Lang::En {
        return format!("{sign}{}", quantity::english(p.value, p.upper, p.unit, def));
    }
    let number = match p.upper {
        Some(u) => format!("{}–{}", fmt::value(p.value, lang), fmt::value(u, lang)),
        None => fmt::value(p.value, lang),
    };
    format!("{sign}{number} {}", p.unit.printed)
        .trim_end()
        .to_owned()
}

fn role_word(cx: &Cx<'_>, role: Role) -> String {
    t(cx, &format!("reported_role_{}", role.key()))
}

/// The shape that marks a role on the charts and in the tables.
pub fn shape(role: Role) -> &'static str {
    match role {
        Role::Baseline => "■",
        Role::Reported => "●",
        Role::Target => "▲",
    }
}

fn point_row(cx: &Cx<'_>, def: &IndicatorDef, p: &Point<'_>) -> PointRow {
    let lang = cx.lang;
    let (multiple, note, name) = match p.said {
        series::Said::Reported(r) => (
            r.multiple
                .as_ref()
                .map(|m| match lang {
                    Lang::Zh => format!("{}的{}倍", m.of(lang), fmt::value(m.value, lang)),
                    Lang::En => format!("{} × {}", fmt::value(m.value, lang), m.of(lang)),
                })
                .unwrap_or_default(),
            r.note(lang).unwrap_or_default().to_owned(),
            match lang {
                Lang::Zh => r.label.clone(),
                Lang::En => def.name.en.clone(),
            },
        ),
        series::Said::Entry(e) => (
            String::new(),
            String::new(),
            match lang {
                Lang::Zh => e.label.clone(),
                Lang::En => def.name.en.clone(),
            },
        ),
    };
    let source = p.source();
    PointRow {
        when: p.when.label(),
        role_key: p.role.key(),
        role: role_word(cx, p.role),
        shape: shape(p.role),
        value: value_text(p, def, lang),
        qualifier: p
            .qualifier()
            .map(|q| q.label(lang).to_owned())
            .unwrap_or_default(),
        multiple,
        name,
        indicator_url: cx.url(&Route::Indicator(def.id.0.clone())),
        plan: Link {
            text: p.plan.title_in(lang).to_owned(),
            url: cx.url(&Route::Plan(p.plan.slug.0.clone())),
        },
        passage_url: p
            .anchor()
            .map(|a| cx.passage_url(p.plan, a))
            .unwrap_or_default(),
        source: source
            .map(|s| {
                let mut parts = vec![s.title.clone()];
                parts.extend(s.issuer.clone());
                parts.extend(s.date.map(|d| d.display(lang)));
                parts.join(", ")
            })
            .unwrap_or_default(),
        source_url: source.and_then(|s| s.url.clone()).unwrap_or_default(),
        note,
    }
}

fn status_row(
    cx: &Cx<'_>,
    def: &IndicatorDef,
    target: &Point<'_>,
    a: &series::Assessment<'_>,
) -> AssessRow {
    let lang = cx.lang;
    let (key, sign) = match a.status {
        Status::Met => ("met", "✓"),
        Status::NotMet => ("not_met", "✗"),
        Status::NotAssessable => ("not_assessable", "–"),
    };
    let rule = match a.reason {
        Reason::Compared => {
            let comparator = target.target().map(|t| t.comparator().key()).unwrap_or("=");
            let k = match comparator {
                "≥" => "reported_rule_ge",
                "≤" => "reported_rule_le",
                "range" => "reported_rule_range",
                _ => "reported_rule_reach",
            };
            let measure = if target.is_total() {
                "reported_rule_total"
            } else {
                "reported_rule_level"
            };
            format!(
                "{} {} ({})",
                t(cx, k),
                t(cx, measure),
                def.direction.label(lang)
            )
        }
        Reason::Units => t(cx, "reported_rule_units"),
        Reason::Measure => t(cx, "reported_rule_measure"),
        Reason::Qualifier => t(cx, "reported_rule_qualifier"),
    };
    AssessRow {
        target: format!("{}: {}", target.when.label(), value_text(target, def, lang)),
        against: format!(
            "{}: {}",
            a.against.when.label(),
            value_text(&a.against, def, lang)
        ),
        status_key: key,
        status: format!("{sign} {}", t(cx, &format!("reported_status_{key}"))),
        rule,
    }
}

/// The series of indicator `def` on its page, one per jurisdiction with a
/// reported value (jurisdictions with targets and baselines only are in
/// the values table already), at most [`MAX_SERIES`] of them.
pub(super) fn indicator_series(cx: &Cx<'_>, def: &IndicatorDef) -> IndicatorSeries {
    let lang = cx.lang;
    let mut all: Vec<_> = series::of_indicator(cx.lookup.sorted_plans(), def.id.as_str())
        .into_iter()
        .filter(|s| s.points.iter().any(|p| p.role == Role::Reported))
        .collect();
    let latest = |s: &series::Series<'_>| {
        s.points
            .iter()
            .filter(|p| p.role == Role::Reported)
            .map(|p| p.when.end())
            .max()
    };
    all.sort_by(|a, b| {
        latest(b)
            .cmp(&latest(a))
            .then(a.jurisdiction.cmp(b.jurisdiction))
    });
    let more = all.len().saturating_sub(MAX_SERIES);
    all.truncate(MAX_SERIES);
    let list = all
        .into_iter()
        .map(|s| {
            let j = cx
                .site
                .jurisdictions
                .get(&crate::model::JurisdictionId(s.jurisdiction.to_owned()));
            let name = j.map_or_else(|| s.jurisdiction.to_owned(), |j| j.name.get(lang).clone());
            let assessments = s
                .points
                .iter()
                .filter(|p| p.role == Role::Target)
                .filter_map(|p| series::assess(def, p, &s).map(|a| status_row(cx, def, p, &a)))
                .collect();
            let words = series_chart::Words {
                baseline: role_word(cx, Role::Baseline),
                reported: role_word(cx, Role::Reported),
                target: role_word(cx, Role::Target),
                title: format!("{name} · {}", def.name.get(lang)),
            };
            SeriesView {
                svg: series_chart::svg(&s, def, lang, &words),
                points: s.points.iter().map(|p| point_row(cx, def, p)).collect(),
                jurisdiction: Link {
                    text: name,
                    url: j
                        .map(|j| cx.url(&Route::Jurisdiction(j.id.0.clone())))
                        .unwrap_or_default(),
                },
                assessments,
            }
        })
        .collect();
    IndicatorSeries {
        list,
        more,
        data_url: format!(
            "{}{}{}",
            cx.home,
            if lang == Lang::En { "../" } else { "" },
            super::super::reported_data::CSV
        ),
    }
}

/// The figures `plan` reports, for its page.
pub(super) fn plan_reported(cx: &Cx<'_>, plan: &Plan) -> PlanReported {
    let rows = plan
        .reported
        .iter()
        .filter_map(|r| {
            let def = cx.site.indicators.get(&r.id)?;
            let p = Point {
                plan,
                role: Role::Reported,
                when: r.when,
                value: r.value,
                upper: None,
                unit: &r.unit,
                said: series::Said::Reported(r),
            };
            Some(point_row(cx, def, &p))
        })
        .collect();
    PlanReported {
        rows,
        not_data: plan
            .not_data
            .iter()
            .map(|n| NotDataRow {
                passage: n.passage.clone(),
                why: n.why.label(cx.lang),
                note: n.note.clone(),
                note_lang: if n.note.chars().any(crate::parse::cjk::is_han) {
                    plan.script.lang_tag()
                } else {
                    "en"
                },
            })
            .collect(),
    }
}
