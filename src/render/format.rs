//! Formatting values for readers of each language.

use crate::model::units::{format_number, Unit};
use crate::model::{Goal, IndicatorDef, IndicatorValue, Lang, Period, Target, YearValue};

/// A value in its printed unit, for a table cell (`2.04`, `28,266`).
pub fn value(x: f64, lang: Lang) -> String {
    format_number(x, 4, lang == Lang::En)
}

/// The unit label for readers of `lang`: as printed in Chinese; in English
/// the catalogue's English unit, with the scale spelled out when the plan
/// printed a scaled unit (`万件` → `10,000 patents`).
pub fn unit(v: &IndicatorValue, def: &IndicatorDef, lang: Lang) -> String {
    match lang {
        Lang::Zh => v.unit.printed.clone(),
        Lang::En => english_unit(&v.unit, def),
    }
}

/// English unit of a printed unit, using the catalogue's English unit.
pub fn english_unit(u: &Unit, def: &IndicatorDef) -> String {
    if u.printed == def.unit.zh {
        return def.unit.en.clone();
    }
    let base = if u.base == def.unit_parsed.base {
        def.unit
            .en
            .trim_start_matches("100 million ")
            .trim_start_matches("10,000 ")
            .to_owned()
    } else {
        base_en(&u.base).to_owned()
    };
    if u.scale == 1e4 {
        format!("10,000 {base}")
    } else if u.scale == 1e8 {
        format!("100 million {base}")
    } else {
        base
    }
}

fn base_en(base: &str) -> &str {
    match base {
        "元" => "yuan",
        "件" => "items",
        "个" => "units",
        "人" | "名" => "people",
        "人次" => "person-times",
        "家" => "organisations",
        "分" => "points",
        "%" => "%",
        "个百分点" => "percentage points",
        other => other,
    }
}

/// `≥ 4.1` style target text; a range as `3–5` (en dash).
pub fn target(t: &Target, lang: Lang) -> String {
    match t.goal {
        Goal::Range { min, max } => format!("{}–{}", value(min, lang), value(max, lang)),
        Goal::Value {
            value: x,
            comparator,
        } => {
            let c = comparator.label(lang);
            if c.is_empty() {
                value(x, lang)
            } else {
                format!("{c} {}", value(x, lang))
            }
        }
    }
}

/// A baseline value.
pub fn baseline(b: &YearValue, lang: Lang) -> String {
    value(b.value, lang)
}

/// A rate as a percentage with two decimals.
pub fn percent(rate: f64) -> String {
    format!("{:.2}%", rate * 100.0)
}

/// A plan period: `2021—2025年` / `2021–2025`.
pub fn period(p: &Period, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{}—{}年", p.start, p.end),
        Lang::En => format!("{}–{}", p.start, p.end),
    }
}

/// A population figure.
pub fn population(n: u64, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{}万人", format_number(n as f64 / 1e4, 2, false)),
        Lang::En => format!("{} million", format_number(n as f64 / 1e6, 2, true)),
    }
}

/// The unit of a value per 10,000 people (`件/万人`, `patents per 10,000
/// people`; money in yuan).
pub fn per_10k_unit(def: &IndicatorDef, lang: Lang) -> String {
    let base = &def.unit_parsed.base;
    match lang {
        Lang::Zh => format!("{base}/万人"),
        Lang::En => {
            let en = if base == "元" {
                "yuan".to_owned()
            } else {
                def.unit.en.clone()
            };
            format!("{en} per 10,000 people")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values() {
        assert_eq!(value(28266.0, Lang::En), "28,266");
        assert_eq!(value(28266.0, Lang::Zh), "28266");
        assert_eq!(percent(0.14983), "14.98%");
    }
}
