//! Stage 4, pure: comparisons across jurisdictions.
//!
//! One [`Record`] per indicator value of every plan, with what a researcher
//! needs beside the printed figures: the implied compound annual growth
//! rate, the stated rate and whether they agree, a per-capita value, and the
//! comparability group. Pages and data downloads both read these records, so
//! the numbers on screen and in the CSV cannot differ.

pub mod growth;

use std::collections::BTreeMap;

use serde::Serialize;

use crate::diag::{Diagnostic, Diagnostics};
use crate::model::{
    Attribute, Comparator, Direction, IndicatorDef, IndicatorId, IndicatorValue, Kind, Plan, Site,
};

/// One indicator value of one plan, with derived figures.
#[derive(Debug, Clone, Serialize)]
pub struct Record<'a> {
    /// Plan slug.
    pub plan: &'a str,
    /// Jurisdiction id.
    pub jurisdiction: &'a str,
    /// Catalogue id.
    pub indicator: &'a str,
    /// Name as printed.
    pub label_zh: &'a str,
    /// Catalogue name in English.
    pub name_en: &'a str,
    /// Unit as printed.
    pub unit: &'a str,
    /// Multiplier from the printed unit to its base (`万件` → 10000), for
    /// ordering values across scales; not exported.
    #[serde(skip)]
    pub unit_scale: f64,
    /// Baseline year.
    pub baseline_year: Option<u16>,
    /// Baseline value.
    pub baseline: Option<f64>,
    /// Target year.
    pub target_year: Option<u16>,
    /// Target value; `None` for a range, whose bounds are
    /// [`target_min`](Self::target_min) and [`target_max`](Self::target_max).
    pub target: Option<f64>,
    /// The target's comparator as a word: `eq`, `ge`, `le`, `approx`,
    /// `range`. A word, not a symbol, so a spreadsheet never reads a bare
    /// `=` as a formula.
    pub comparator: Option<&'static str>,
    /// The same comparator as a symbol for display: `=`, `≥`, `≤`, `≈`,
    /// `–` (a range).
    pub comparator_symbol: Option<&'static str>,
    /// `expected` or `binding`.
    pub attribute: Option<&'static str>,
    /// Target is a total over the plan period.
    pub cumulative: bool,
    /// Compound annual growth implied by baseline → target, as a fraction.
    pub implied_cagr: Option<f64>,
    /// The growth rate the plan states, as a fraction.
    pub stated_cagr: Option<f64>,
    /// Whether stated and implied rates agree within rounding.
    pub basis_agrees: Option<bool>,
    /// The stated basis as printed.
    pub basis: Option<&'a str>,
    /// Target per 10,000 people, in the base unit.
    pub target_per_10k: Option<f64>,
    /// Baseline per 10,000 people, in the base unit.
    pub baseline_per_10k: Option<f64>,
    /// Comparability group.
    pub group: Option<&'a str>,
    /// Kind of measure.
    pub kind: &'static str,
    /// Category.
    pub category: &'static str,
    /// Population used for per-capita figures.
    pub population: Option<u64>,
    /// Plan page anchor of the passage.
    pub anchor: &'a str,
    /// The passage quoted.
    pub passage: &'a str,
    /// Source location `file:line`.
    pub source_location: String,
    /// Lower bound of a range target (`comparator: range`); `None`
    /// otherwise.
    pub target_min: Option<f64>,
    /// Upper bound of a range target; `None` otherwise.
    pub target_max: Option<f64>,
    /// The editors' note on the figure, in Chinese.
    pub note: Option<&'a str>,
    /// Unit as printed (the same as [`unit`](Self::unit), named for what
    /// it is beside the normalised columns).
    pub unit_printed: &'a str,
    /// The baseline as printed, number and unit (`225万件`).
    pub baseline_printed: Option<String>,
    /// The target as printed, relation, number and unit (`≥5个`, `3–5个`).
    pub target_printed: Option<String>,
    /// Multiplier from the printed unit to the base unit (`万件` → 10000).
    pub scale: f64,
    /// Base unit, without 万 or 亿 (`件`, `元`).
    pub unit_base: &'a str,
    /// Baseline in the base unit.
    pub baseline_base: Option<f64>,
    /// Target in the base unit (a range: empty, as `target`).
    pub target_base: Option<f64>,
}

/// All records of the site, in plan then entry order.
pub fn records(site: &Site) -> Vec<Record<'_>> {
    let mut out = Vec::new();
    for plan in &site.plans {
        for v in &plan.indicators {
            let def = &site.indicators[&v.id];
            out.push(record(site, plan, v, def));
        }
    }
    out
}

/// A comparator as a word for data exports. The match is exhaustive so a
/// new comparator cannot reach the exports without a word.
pub fn comparator_word(c: Comparator) -> &'static str {
    match c {
        Comparator::Eq => "eq",
        Comparator::Ge => "ge",
        Comparator::Le => "le",
        Comparator::Approx => "approx",
        Comparator::Range => "range",
    }
}

/// A comparator as a symbol for display (`–` for a range, written between
/// its bounds).
pub fn comparator_symbol(c: Comparator) -> &'static str {
    match c {
        Comparator::Range => "–",
        c => c.key(),
    }
}

fn record<'a>(
    site: &'a Site,
    plan: &'a Plan,
    v: &'a IndicatorValue,
    def: &'a IndicatorDef,
) -> Record<'a> {
    let population = site
        .jurisdiction_of(plan)
        .population
        .as_ref()
        .map(|p| p.value);
    let implied = match (v.baseline, v.target) {
        (Some(b), Some(t)) if !v.cumulative => t
            .point()
            .and_then(|tv| growth::cagr(b.year, b.value, t.year, tv)),
        _ => None,
    };
    let stated = v.basis.as_deref().and_then(growth::stated_rate);
    let per_10k = |x: f64| {
        if def.per_capita && !v.unit.is_percent() {
            population.map(|p| growth::per_10k(x * v.unit.scale, p))
        } else {
            None
        }
    };
    Record {
        plan: plan.slug.as_str(),
        jurisdiction: plan.jurisdiction.as_str(),
        indicator: v.id.as_str(),
        label_zh: &v.label,
        name_en: &def.name.en,
        unit: &v.unit.printed,
        unit_scale: v.unit.scale,
        baseline_year: v.baseline.map(|b| b.year),
        baseline: v.baseline.map(|b| b.value),
        target_year: v.target.map(|t| t.year),
        target: v.target.and_then(|t| t.point()),
        comparator: v.target.map(|t| comparator_word(t.comparator())),
        comparator_symbol: v.target.map(|t| comparator_symbol(t.comparator())),
        attribute: v.attribute.map(Attribute::key),
        cumulative: v.cumulative,
        implied_cagr: implied,
        stated_cagr: stated,
        basis_agrees: match (implied, stated) {
            (Some(i), Some(s)) => Some(growth::agrees(i, s)),
            _ => None,
        },
        basis: v.basis.as_deref(),
        target_per_10k: v.target.and_then(|t| t.point()).and_then(per_10k),
        baseline_per_10k: v.baseline.and_then(|b| per_10k(b.value)),
        group: def.group.as_ref().map(|g| g.as_str()),
        kind: def.kind.key(),
        category: def.category.key(),
        population,
        anchor: &v.anchor,
        passage: &v.passage,
        source_location: format!("{}:{}", v.location.path.display(), v.location.line),
        target_min: v.target.and_then(|t| t.range_bounds()).map(|b| b.0),
        target_max: v.target.and_then(|t| t.range_bounds()).map(|b| b.1),
        note: v.note.as_deref(),
        unit_printed: &v.unit.printed,
        baseline_printed: v
            .baseline
            .map(|b| format!("{}{}", plain(b.value), v.unit.printed)),
        target_printed: v.target.map(|t| format!("{}{}", t.plain(), v.unit.printed)),
        scale: v.unit.scale,
        unit_base: &v.unit.base,
        baseline_base: v.baseline.map(|b| base_value(b.value, v.unit.scale)),
        target_base: v
            .target
            .and_then(|t| t.point())
            .map(|x| base_value(x, v.unit.scale)),
    }
}

/// A number as a plan prints it, without grouping (`2.04`, `3040`).
fn plain(x: f64) -> String {
    crate::model::units::format_number(x, 4, false)
}

/// `x` in a unit of `scale` as a base-unit value, without floating-point
/// noise (`10.7 亿` is `1070000000`, not `1069999999.9999999`).
pub fn base_value(x: f64, scale: f64) -> f64 {
    (x * scale * 1e6).round() / 1e6
}

/// Records grouped by catalogue id.
pub fn by_indicator<'a>(records: &'a [Record<'a>]) -> BTreeMap<&'a str, Vec<&'a Record<'a>>> {
    let mut m: BTreeMap<&str, Vec<&Record<'_>>> = BTreeMap::new();
    for r in records {
        m.entry(r.indicator).or_default().push(r);
    }
    m
}

/// The other catalogue indicators in the same comparability group.
pub fn look_alikes<'a>(site: &'a Site, def: &IndicatorDef) -> Vec<&'a IndicatorDef> {
    let Some(g) = &def.group else {
        return Vec::new();
    };
    site.indicators
        .values()
        .filter(|d| d.id != def.id && d.group.as_ref() == Some(g))
        .collect()
}

/// Build-time consistency warnings (`file:line`), per the catalogue.
pub fn consistency(site: &Site) -> Diagnostics {
    let mut d = Diagnostics::new();
    for plan in &site.plans {
        for v in &plan.indicators {
            let def = &site.indicators[&v.id];
            check_value(v, def, &mut d);
        }
    }
    d
}

fn check_value(v: &IndicatorValue, def: &IndicatorDef, d: &mut Diagnostics) {
    let loc = || v.location.clone();
    if v.unit_printed && !v.unit.compatible(&def.unit_parsed) {
        d.push(
            Diagnostic::warning(
                loc(),
                format!(
                    "unit `{}` of `{}` does not match the catalogue's `{}`",
                    v.unit.printed, v.id, def.unit.zh
                ),
            )
            .hint(format!(
                "check the unit, or the catalogue entry indicators/{}.yaml",
                v.id
            )),
        );
    }
    if v.unit.is_percent() {
        for (what, x) in [
            ("baseline", v.baseline.map(|b| b.value)),
            ("target", v.target.map(|t| t.bounds().1)),
        ] {
            if let Some(x) = x.filter(|x| *x > 100.0) {
                d.push(
                    Diagnostic::warning(loc(), format!("{what} of `{}` is {x}%, above 100%", v.id))
                        .hint("check the value and unit"),
                );
            }
        }
    }
    if let (Some(b), Some(t)) = (v.baseline, v.target) {
        let worse = match def.direction {
            // A range is worse only when all of it is.
            Direction::Higher => t.bounds().1 < b.value && t.comparator() != Comparator::Le,
            Direction::Lower => t.bounds().0 > b.value,
        };
        if worse && !v.cumulative && def.kind != Kind::Cumulative {
            d.push(
                Diagnostic::warning(
                    loc(),
                    format!(
                        "target {} of `{}` is worse than its baseline {}",
                        t.plain(),
                        v.id,
                        b.value
                    ),
                )
                .hint("check the figures, or the catalogue's `direction`"),
            );
        }
        if let (Some(stated), Some(implied)) = (
            v.basis.as_deref().and_then(growth::stated_rate),
            t.point()
                .and_then(|t_value| growth::cagr(b.year, b.value, t.year, t_value)),
        ) {
            if !v.cumulative && !growth::agrees(implied, stated) {
                d.push(
                    Diagnostic::warning(
                        loc(),
                        format!(
                            "`{}`: stated growth {:.2}% a year disagrees with {:.2}% implied by {} → {}",
                            v.id,
                            stated * 100.0,
                            implied * 100.0,
                            b.value,
                            t.plain()
                        ),
                    )
                    .hint("check the baseline, the target and the stated basis"),
                );
            }
        }
    }
}

/// Ids of indicators set by at least one plan, in catalogue order.
pub fn used_indicators(site: &Site) -> Vec<&IndicatorId> {
    site.indicators
        .keys()
        .filter(|id| {
            site.plans
                .iter()
                .any(|p| p.indicators.iter().any(|v| &v.id == *id))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    fn bundled() -> Site {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let (files, _) = crate::load::read_site(root).expect("bundled site loads");
        crate::model::build(files).expect("bundled site is valid").0
    }

    fn find<'a>(records: &'a [Record<'a>], j: &str, id: &str) -> &'a Record<'a> {
        records
            .iter()
            .find(|r| r.jurisdiction == j && r.indicator == id)
            .unwrap_or_else(|| panic!("{j}/{id}"))
    }

    #[test]
    fn growth_agrees_with_the_stated_basis() {
        let site = bundled();
        let rs = records(&site);
        let r = find(&rs, "baotou", "pledge-financing-registered-annual");
        let want = (10.7f64 / 3.17).powf(1.0 / 5.0) - 1.0;
        assert!((r.implied_cagr.unwrap() - want).abs() < 1e-9);
        assert_eq!(r.stated_cagr, Some(0.275));
        assert_eq!(r.basis_agrees, Some(true));
    }

    #[test]
    fn per_capita_uses_the_unit_scale() {
        let site = bundled();
        let rs = records(&site);
        // 225 万件 of trademarks: the per-10,000 figure is computed on 2,250,000.
        let r = find(&rs, "henan", "valid-registered-trademarks");
        assert_eq!(r.unit, "万件");
        assert_eq!(r.target_printed.as_deref(), Some("225万件"));
        assert_eq!(
            (r.scale, r.unit_base, r.target_base),
            (1e4, "件", Some(2_250_000.0))
        );
        let pop = r.population.unwrap() as f64;
        let want = 225.0 * 1e4 / pop * 1e4;
        assert!(
            (r.target_per_10k.unwrap() - want).abs() < 1e-6,
            "{:?}",
            r.target_per_10k
        );
        assert!(r.target_per_10k.unwrap() > 200.0, "not the unscaled 0.02");
        // A measure that is already per 10,000 people gets no per-capita value.
        assert_eq!(
            find(&rs, "baotou", "high-value-invention-patents-per-10k").target_per_10k,
            None
        );
        // Percentages never do.
        assert_eq!(
            find(&rs, "baotou", "rare-earth-enterprise-patent-ownership-rate").target_per_10k,
            None
        );
    }

    #[test]
    fn missing_baseline_and_at_least_target() {
        let site = bundled();
        let rs = records(&site);
        let r = find(&rs, "baotou", "national-patent-navigation-demo-projects");
        assert_eq!(r.baseline, None, "absent, not 0");
        assert_eq!(r.comparator, Some("ge"));
        assert_eq!(r.comparator_symbol, Some("≥"));
        assert_eq!(r.target, Some(5.0));
        assert_eq!(r.target_printed.as_deref(), Some("≥5个"));
        assert_eq!(r.baseline_printed, None);
        assert!(r.cumulative);
        assert_eq!(r.implied_cagr, None, "no growth without a baseline");
        assert_eq!(r.basis_agrees, None);
        // Cumulative targets get no growth rate even with a baseline.
        assert!(rs
            .iter()
            .filter(|r| r.cumulative)
            .all(|r| r.implied_cagr.is_none()));
    }

    #[test]
    fn look_alikes_share_a_group_and_exclude_themselves() {
        let site = bundled();
        let id = IndicatorId::from("pledge-financing-registered-annual");
        let def = &site.indicators[&id];
        let mut ids: Vec<&str> = look_alikes(&site, def)
            .iter()
            .map(|d| d.id.as_str())
            .collect();
        ids.sort();
        assert!(ids.contains(&"pledge-guarantee-new-cumulative"), "{ids:?}");
        assert!(
            ids.contains(&"patent-pledge-financing-cumulative"),
            "{ids:?}"
        );
        assert!(!ids.contains(&id.as_str()));
        for d in look_alikes(&site, def) {
            assert_eq!(d.group, def.group);
        }
        // Every record of a grouped indicator carries its group.
        let rs = records(&site);
        let grouped = by_indicator(&rs);
        assert!(grouped["high-value-invention-patents-per-10k"].len() >= 3);
    }
}
