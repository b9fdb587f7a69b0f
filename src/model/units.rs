//! Units as printed in plans (`件`, `万件`, `亿元`, `%`) and their scale.
//!
//! A printed unit is a base (`件`, `元`, `%` …) with an optional Chinese
//! magnitude prefix (`万` = 10⁴, `亿` = 10⁸). Two units are comparable when
//! their bases are equal; values then convert through the scale.

use serde::Serialize;

/// A unit as printed, split into scale and base.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Unit {
    /// The unit exactly as printed.
    pub printed: String,
    /// Multiplier from the printed unit to the base (`万件` → 10000).
    pub scale: f64,
    /// The base unit (`件`, `元`, `%`, `分`).
    pub base: String,
}

impl Unit {
    /// Splits a printed unit. Units without a magnitude prefix have scale 1.
    pub fn parse(printed: &str) -> Unit {
        let p = printed.trim();
        let (scale, base) = if let Some(rest) = p.strip_prefix('万').filter(|r| !r.is_empty()) {
            // 万人 alone is "ten thousand people"; as a unit it stays a base.
            if rest == "人" {
                (1.0, p)
            } else {
                (1e4, rest)
            }
        } else if let Some(rest) = p.strip_prefix('亿').filter(|r| !r.is_empty()) {
            (1e8, rest)
        } else {
            (1.0, p)
        };
        // 名 and 人 both count people.
        let base = if base == "名" { "人" } else { base };
        Unit {
            printed: p.to_owned(),
            scale,
            base: base.to_owned(),
        }
    }

    /// True when values in `self` and `other` measure the same thing up to scale.
    pub fn compatible(&self, other: &Unit) -> bool {
        self.base == other.base
    }

    /// True for percentages and percentage points.
    pub fn is_percent(&self) -> bool {
        self.base == "%" || self.base == "％"
    }

    /// Converts `value` from this unit into `to` (same base assumed).
    pub fn convert(&self, value: f64, to: &Unit) -> f64 {
        value * self.scale / to.scale
    }
}

/// A number written with the fewest decimals that show it (up to `max`).
pub fn format_number(value: f64, max_decimals: usize, thousands: bool) -> String {
    let mut s = fixed(value, max_decimals);
    if s.contains('.') {
        while s.ends_with('0') {
            s.pop();
        }
        if s.ends_with('.') {
            s.pop();
        }
    }
    if s == "-0" {
        s = "0".into();
    }
    if !thousands {
        return s;
    }
    let (int, frac) = s.split_at(s.find('.').unwrap_or(s.len()));
    let (sign, digits) = int.strip_prefix('-').map_or(("", int), |d| ("-", d));
    let mut out = String::with_capacity(s.len() + digits.len() / 3);
    out.push_str(sign);
    for (i, c) in digits.char_indices() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out.push_str(frac);
    out
}

/// `format!("{value:.decimals$}")`, without the general float formatting
/// when `value` times 10^`decimals` is a small whole number in floating
/// point: it then lies within 1/16 of that number, so rounding the exact
/// value gives the same digits. Indicator pages format tens of thousands
/// of such figures.
fn fixed(value: f64, decimals: usize) -> String {
    const SCALE: [f64; 7] = [1.0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6];
    if let Some(&scale) = SCALE.get(decimals) {
        let scaled = value * scale;
        if scaled.fract() == 0.0 && scaled.abs() < (1u64 << 50) as f64 {
            let n = scaled.abs() as u64;
            let sign = if value.is_sign_negative() { "-" } else { "" };
            let unit = 10u64.pow(decimals as u32);
            return if decimals == 0 {
                format!("{sign}{n}")
            } else {
                format!("{sign}{}.{:0decimals$}", n / unit, n % unit)
            };
        }
    }
    format!("{value:.decimals$}")
}

/// An amount in English: 亿元 and 万 values converted to plain figures
/// (`10.7 亿元` → `1.07 billion yuan`, `225 万件` → `2.25 million`).
pub fn english_amount(value: f64, unit: &Unit, en_unit: &str) -> String {
    let abs = value * unit.scale;
    let words = |abs: f64| {
        if abs >= 1e9 {
            format!("{} billion", format_number(abs / 1e9, 2, true))
        } else if abs >= 1e6 {
            format!("{} million", format_number(abs / 1e6, 2, true))
        } else {
            format_number(abs, 2, true)
        }
    };
    if unit.base == "元" {
        return format!("{} yuan", words(abs));
    }
    if unit.is_percent() {
        return format!("{}%", format_number(value, 2, false));
    }
    let number = if unit.scale == 1.0 {
        format_number(value, 2, true)
    } else {
        words(abs)
    };
    if en_unit.is_empty() {
        number
    } else {
        format!("{number} {en_unit}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixed_writes_what_the_float_formatter_writes() {
        // Round figures, halves at every scale, values one ulp off them, and
        // a spread of others (a fixed sequence).
        let mut values = vec![0.0, -0.0, 0.125, 0.375, 2.5, 1e15, 4.35, 1.005, 123456.789];
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..20_000 {
            x = x.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            let v = (x >> 11) as f64 / (1u64 << 53) as f64 * 10f64.powi((x % 13) as i32 - 3);
            let round = (v * 100.0).round() / 100.0;
            values.extend([
                v,
                -v,
                round,
                round + f64::EPSILON * round,
                (v * 8.0).round() / 8.0,
            ]);
        }
        for v in values {
            for d in 0..=7 {
                assert_eq!(fixed(v, d), format!("{v:.d$}"), "{v:e} with {d} decimals");
            }
        }
    }
    #[test]
    fn parse_scale_and_base() {
        let u = Unit::parse("万件");
        assert_eq!((u.scale, u.base.as_str()), (1e4, "件"));
        assert_eq!(Unit::parse("亿元").scale, 1e8);
        assert_eq!(Unit::parse("件").scale, 1.0);
        assert!(Unit::parse("万件").compatible(&Unit::parse("件")));
        assert!(!Unit::parse("家").compatible(&Unit::parse("件")));
        assert_eq!(
            Unit::parse("万件").convert(112.1, &Unit::parse("件")),
            1_121_000.0
        );
    }

    #[test]
    fn numbers_and_english_amounts() {
        assert_eq!(format_number(28266.0, 2, true), "28,266");
        assert_eq!(format_number(4.10, 2, false), "4.1");
        assert_eq!(format_number(-1234567.5, 2, true), "-1,234,567.5");
        assert_eq!(format_number(-0.001, 2, false), "0");
        assert_eq!(
            english_amount(10.7, &Unit::parse("亿元"), ""),
            "1.07 billion yuan"
        );
        assert_eq!(
            english_amount(3.17, &Unit::parse("亿元"), ""),
            "317 million yuan"
        );
        assert_eq!(
            english_amount(225.0, &Unit::parse("万件"), "trademarks"),
            "2.25 million trademarks"
        );
        assert_eq!(english_amount(92.0, &Unit::parse("%"), ""), "92%");
        assert_eq!(
            english_amount(8000.0, &Unit::parse("件"), "patents"),
            "8,000 patents"
        );
    }
}
