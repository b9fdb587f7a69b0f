//! Growth rates and per-capita figures.

/// Compound annual growth rate from `b` in `by` to `t` in `ty`, as a fraction.
/// `None` when it cannot be computed: no years between, or a value ≤ 0.
pub fn cagr(by: u16, b: f64, ty: u16, t: f64) -> Option<f64> {
    let years = f64::from(ty.checked_sub(by).filter(|y| *y > 0)?);
    if b <= 0.0 || t <= 0.0 || !b.is_finite() || !t.is_finite() {
        return None;
    }
    Some((t / b).powf(1.0 / years) - 1.0)
}

/// The annual rate a basis states (`按照年均增长率15%计算` → 0.15).
pub fn stated_rate(basis: &str) -> Option<f64> {
    let at = basis.find("增长").or_else(|| basis.find("growth"))?;
    let rest = &basis[at..];
    let pct = rest.find(['%', '％'])?;
    let num: String = rest[..pct]
        .chars()
        .rev()
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    num.parse::<f64>().ok().map(|x| x / 100.0)
}

/// Rates agree when they differ by at most half a percentage point
/// (plans round stated rates; a larger gap is a real disagreement).
pub fn agrees(implied: f64, stated: f64) -> bool {
    (implied - stated).abs() <= 0.005
}

/// `value` (in base units) per 10,000 people of `population`.
pub fn per_10k(value: f64, population: u64) -> f64 {
    value / population as f64 * 10_000.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cagr_matches_baotou_table() {
        // 每万人高价值发明专利拥有量 2.04 → 4.1, stated 15%.
        let r = cagr(2020, 2.04, 2025, 4.1).unwrap();
        assert!((r - 0.1498).abs() < 1e-3, "{r}");
        assert!(agrees(r, stated_rate("按照年均增长率15%计算").unwrap()));
        // 专利授权量 3040 → 8000, stated 21.35%.
        let r = cagr(2020, 3040.0, 2025, 8000.0).unwrap();
        assert!(agrees(r, 0.2135));
    }

    #[test]
    fn cagr_needs_a_baseline_and_time() {
        assert_eq!(cagr(2025, 1.0, 2025, 2.0), None);
        assert_eq!(cagr(2020, 0.0, 2025, 2.0), None);
        assert_eq!(cagr(2026, 1.0, 2025, 2.0), None);
    }

    #[test]
    fn disagreement_is_flagged() {
        let r = cagr(2020, 100.0, 2025, 200.0).unwrap(); // 14.87%
        assert!(!agrees(r, 0.20));
    }

    #[test]
    fn stated_rate_parsing() {
        let r = stated_rate("按照年均增长率7.63%计算").unwrap();
        assert!((r - 0.0763).abs() < 1e-12, "{r}");
        assert_eq!(stated_rate("-"), None);
    }

    #[test]
    fn per_capita() {
        // 28,266 trademarks in Baotou (2,709,378 people) ≈ 104.3 per 10,000.
        let x = per_10k(28_266.0, 2_709_378);
        assert!((x - 104.33).abs() < 0.01, "{x}");
    }
}
