//! One cell of the indicator matrix: the value in the row's unit, the
//! per-capita figure, the marks and what opens on demand.

use super::*;

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

/// A value of a record in the row's unit (the catalogue's).
pub(super) fn in_row_unit(x: f64, r: &Record<'_>, def: &IndicatorDef) -> f64 {
    compare::base_value(x, r.scale) / def.unit_parsed.scale
}

pub(super) fn number(x: f64) -> String {
    format_number(x, 4, true)
}

/// Per-capita value of a base-unit figure: money per person in yuan,
/// anything else per 10,000 people.
pub(super) fn per_capita(def: &IndicatorDef, per_10k: f64) -> f64 {
    if def.unit_parsed.base == "元" {
        per_10k / 1e4
    } else {
        per_10k
    }
}

/// A per-capita figure: two decimals, more below 1 so a small figure never
/// reads as a bare `0`.
pub(super) fn per_capita_text(x: f64) -> String {
    let digits = if x.abs() >= 1.0 {
        2
    } else {
        (1 - x.abs().log10().floor() as i64).clamp(2, 8) as usize
    };
    format_number(x, digits, true)
}

/// Unit of a row's per-capita values.
pub(super) fn per_capita_unit(def: &IndicatorDef, lang: Lang) -> String {
    let base = &def.unit_parsed.base;
    match (lang, base.as_str()) {
        (Lang::Zh, "元") => "元/人".to_owned(),
        (Lang::En, "元") => "yuan per person".to_owned(),
        (Lang::Zh, _) => format!("{base}/万人"),
        (Lang::En, _) => format!("{} per 10,000 people", def.unit.en),
    }
}

pub(super) fn cell(cx: &Cx<'_>, r: &Record<'_>, def: &IndicatorDef, column: &str) -> MatrixCell {
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
    pub(super) fn empty(column: &str, state: &'static str) -> MatrixCell {
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
