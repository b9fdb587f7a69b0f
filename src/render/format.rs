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

/// The script a Chinese text is written in: `zh-Hant` when traditional
/// forms dominate, else `zh-Hans`.
pub fn script_tag(text: &str) -> &'static str {
    let (mut t, mut s) = (0usize, 0usize);
    for c in text.chars().take(20_000) {
        match script_of(c) {
            Some(Script::Traditional) => t += 1,
            Some(Script::Simplified) => s += 1,
            None => {}
        }
    }
    if t > s {
        "zh-Hant"
    } else {
        "zh-Hans"
    }
}

/// The two ways of writing Chinese.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Script {
    Traditional,
    Simplified,
}

/// The script a common character is only written in, if it is one of the
/// frequent characters whose two forms differ. Each plan page asks this of
/// its first 20,000 characters, so it is one index into a table of the
/// unified ideographs (U+4E00 to U+9FFF, where both lists lie).
fn script_of(c: char) -> Option<Script> {
    const TRAD: &str = "國們發關產權東業與為對應實際會經濟區這進來時說過還點現開當後個見";
    const SIMP: &str = "国们发关产权东业与为对应实际会经济区这进来时说过还点现开当后个见";
    const FIRST: u32 = 0x4E00;
    const LAST: u32 = 0x9FFF;
    static TABLE: std::sync::OnceLock<Vec<Option<Script>>> = std::sync::OnceLock::new();
    let table = TABLE.get_or_init(|| {
        let mut t = vec![None; (LAST - FIRST + 1) as usize];
        let mut mark = |a: &str, b: &str, script| {
            for c in a.chars().filter(|c| !b.contains(*c)) {
                t[(c as u32 - FIRST) as usize] = Some(script);
            }
        };
        mark(TRAD, SIMP, Script::Traditional);
        mark(SIMP, TRAD, Script::Simplified);
        t
    });
    let i = (c as u32).checked_sub(FIRST)?;
    table.get(i as usize).copied().flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_detection() {
        assert_eq!(script_tag("關於東北地區知識產權"), "zh-Hant");
        assert_eq!(script_tag("关于东北地区知识产权"), "zh-Hans");
        // Markup and characters common to both scripts do not count.
        assert_eq!(script_tag("<p class=\"x\">國</p>关于发展"), "zh-Hans");
        assert_eq!(script_tag("<p>國關</p>关于"), "zh-Hant");
        assert_eq!(script_of('知'), None);
    }

    #[test]
    fn values() {
        assert_eq!(value(28266.0, Lang::En), "28,266");
        assert_eq!(value(28266.0, Lang::Zh), "28266");
        assert_eq!(percent(0.14983), "14.98%");
    }
}
