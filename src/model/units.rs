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
    let mut s = format!("{value:.max_decimals$}");
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
    let (int, frac) = match s.find('.') {
        Some(i) => (s[..i].to_owned(), s[i..].to_owned()),
        None => (s.clone(), String::new()),
    };
    let (sign, digits) = int
        .strip_prefix('-')
        .map_or(("", int.as_str()), |d| ("-", d));
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    format!("{sign}{grouped}{frac}")
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
