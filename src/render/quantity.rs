//! Quantities in English words: a value or range with its unit, money
//! printed in 万元 or 亿元 as plain yuan (`500 万元` → `5 million yuan`),
//! and the catalogue's plural unit made singular for exactly one
//! (`1 agency`, `1 centre`). The catalogue keeps its plural names; only the
//! words change, never the number.

use crate::model::units::{format_number, Unit};
use crate::model::IndicatorDef;

use super::format;

/// `5 million yuan`, `1 agency`, `3–5 zones`, `12,000 patents` (for
/// `1.2 万件`) for a value (and an upper bound) in the printed unit `u` of
/// an indicator.
pub fn english(value: f64, upper: Option<f64>, u: &Unit, def: &IndicatorDef) -> String {
    let unit = format::english_unit(u, def);
    if u.scale != 1.0 && !u.is_percent() {
        // 万件, 万元, 亿元: the figure in plain words, the unit unscaled.
        let base = unit
            .trim_start_matches("100 million ")
            .trim_start_matches("10,000 ");
        let words = |x: f64| plain_figure(x * u.scale);
        let number = match upper {
            Some(hi) => format!("{}–{}", words(value), words(hi)),
            None => words(value),
        };
        return format!("{number} {base}").trim_end().to_owned();
    }
    let number = match upper {
        Some(hi) => format!(
            "{}–{}",
            format_number(value, 4, true),
            format_number(hi, 4, true)
        ),
        None => format_number(value, 4, true),
    };
    let unit = if upper.is_none() && value == 1.0 {
        singular(&unit)
    } else {
        unit
    };
    format!("{number} {unit}").trim_end().to_owned()
}

/// An amount in plain figures, millions and billions in words (`5 million`).
fn plain_figure(abs: f64) -> String {
    if abs.abs() >= 1e9 {
        format!("{} billion", format_number(abs / 1e9, 4, true))
    } else if abs.abs() >= 1e6 {
        format!("{} million", format_number(abs / 1e6, 4, true))
    } else {
        format_number(abs, 4, true)
    }
}

/// The singular of an English unit name: the counted noun before ` per `
/// made singular (`enterprises per 10,000 enterprises` → `enterprise per
/// 10,000 enterprises`), and `a and b` read as one of them (`cities and
/// parks` → `city or park`).
pub fn singular(unit: &str) -> String {
    let (head, tail) = match unit.find(" per ") {
        Some(i) => unit.split_at(i),
        None => (unit, ""),
    };
    let head = head
        .split(" and ")
        .map(singular_phrase)
        .collect::<Vec<_>>()
        .join(" or ");
    format!("{head}{tail}")
}

/// The last word of a phrase made singular (`percentage points` →
/// `percentage point`).
fn singular_phrase(phrase: &str) -> String {
    let (lead, last) = match phrase.rfind(' ') {
        Some(i) => (&phrase[..=i], &phrase[i + 1..]),
        None => ("", phrase),
    };
    format!("{lead}{}", singular_word(last))
}

fn singular_word(w: &str) -> String {
    if w == "people" {
        return "person".to_owned();
    }
    if let Some(stem) = w.strip_suffix("ies") {
        return format!("{stem}y");
    }
    for end in ["ches", "shes", "sses", "xes"] {
        if let Some(stem) = w.strip_suffix(end) {
            return format!("{stem}{}", &end[..end.len() - 2]);
        }
    }
    match w.strip_suffix('s') {
        Some(stem) if !stem.is_empty() && !stem.ends_with('s') => stem.to_owned(),
        _ => w.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::singular;

    #[test]
    fn catalogue_units_read_as_one() {
        for (many, one) in [
            ("agencies", "agency"),
            ("centres", "centre"),
            ("branches", "branch"),
            ("people", "person"),
            ("person-times", "person-time"),
            ("GIs", "GI"),
            ("percentage points", "percentage point"),
            ("cities and parks", "city or park"),
            ("centres and outlets", "centre or outlet"),
            (
                "enterprises per 10,000 enterprises",
                "enterprise per 10,000 enterprises",
            ),
            ("%", "%"),
            ("yuan", "yuan"),
            ("100 million yuan", "100 million yuan"),
        ] {
            assert_eq!(singular(many), one);
        }
    }
}
