//! The numbers of an aligned pair of blocks, compared: a figure in the
//! Chinese block that the English one does not give (after scale
//! conversion: `225万件` = `2.25 million`, `10.7亿元` = `1.07 billion yuan`),
//! or the other way round, is a warning at the English block.
//!
//! Not figures, and so left out: ordinals (`14th`, for `十四五` written in
//! Chinese numerals), numbering in brackets (`(1)` for `（一）`), and
//! English number words or months matched by the Chinese digits (`three`
//! for `3个`, `December` for `12月`). Chinese numerals (`十四五`, `三年`)
//! count on the Chinese side, so `14th` or `3 years` find their match.

use std::path::Path;

use crate::diag::{Diagnostic, Location};
use crate::figures::{self, Number};

/// English words for numbers, with their values.
const WORDS: &[(&str, f64)] = &[
    ("one", 1.0),
    ("two", 2.0),
    ("three", 3.0),
    ("four", 4.0),
    ("five", 5.0),
    ("six", 6.0),
    ("seven", 7.0),
    ("eight", 8.0),
    ("nine", 9.0),
    ("ten", 10.0),
    ("eleven", 11.0),
    ("twelve", 12.0),
    ("twenty", 20.0),
    ("thirty", 30.0),
    ("fifty", 50.0),
    ("hundred", 100.0),
    ("double", 2.0),
    ("twice", 2.0),
    ("first", 1.0),
    ("second", 2.0),
    ("third", 3.0),
    ("january", 1.0),
    ("february", 2.0),
    ("march", 3.0),
    ("april", 4.0),
    ("may", 5.0),
    ("june", 6.0),
    ("july", 7.0),
    ("august", 8.0),
    ("september", 9.0),
    ("october", 10.0),
    ("november", 11.0),
    ("december", 12.0),
];

/// A warning when the two blocks' figures differ, placed by `at`, which is
/// given the first number only the translation has, as written (`1.7`).
pub fn differ(
    zh: &str,
    en: &str,
    at: impl FnOnce(Option<&str>) -> Location,
    zh_path: &Path,
) -> Option<Diagnostic> {
    let zh_numbers = ranges(zh, figures::chinese(zh));
    let en_numbers: Vec<Number> = figures::english(en)
        .into_iter()
        .filter(|n| !is_label(en, n))
        .collect();
    let mut en_all = figures::english(en);
    en_all.extend(words(en));
    let mut zh_all = zh_numbers.clone();
    zh_all.extend(numerals(zh));
    let only_zh: Vec<Number> = zh_numbers
        .iter()
        .filter(|n| !figures::has_match(n, &en_all))
        .copied()
        .collect();
    let only_en: Vec<Number> = en_numbers
        .iter()
        .filter(|n| !zh_all.iter().any(|z| figures::has_match(z, &[**n])))
        .copied()
        .collect();
    if only_zh.is_empty() && only_en.is_empty() {
        return None;
    }
    let (zh_list, en_list) = (list(&only_zh), list(&only_en));
    let at = at(only_en.first().map(|n| written(en, n)));
    let zh_name = zh_path.display();
    Some(
        Diagnostic::warning(
            at,
            format!(
                "the numbers differ from the original ({zh_name}): only in the original: {zh_list}; only in the translation: {en_list}"
            ),
        )
        .hint("give the same figures in both (225万 = 2.25 million, 10.7亿 = 1.07 billion); if the original is so, keep it and say so in `notes`")
        .zh(
            format!("译文的数字与原文（{zh_name}）不一致：只在原文中：{zh_list}；只在译文中：{en_list}"),
            "两边写同样的数字（225万 = 2.25 million，10.7亿 = 1.07 billion）；如果原件本身就是这样，照录原文，并在 `notes` 里说明",
        ),
    )
}

/// A number as written in `text` (`3,040.5`).
fn written<'a>(text: &'a str, n: &Number) -> &'a str {
    let rest = &text[n.at..];
    let end = rest
        .find(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.'))
        .unwrap_or(rest.len());
    rest[..end].trim_end_matches([',', '.'])
}

fn list(numbers: &[Number]) -> String {
    if numbers.is_empty() {
        "–".to_owned()
    } else {
        figures::describe(numbers)
    }
}

/// An ordinal (`14th`) or a number in brackets (`(1)`): a label, not a figure.
fn is_label(text: &str, n: &Number) -> bool {
    let rest = &text[n.at..];
    let after = rest.trim_start_matches(|c: char| c.is_ascii_digit());
    let ordinal = ["st", "nd", "rd", "th"].iter().any(|s| {
        after
            .strip_prefix(s)
            .is_some_and(|r| !r.starts_with(|c: char| c.is_ascii_alphabetic()))
    });
    let bracketed = text[..n.at].ends_with('(') && after.starts_with(')') && n.printed < 100.0;
    ordinal || bracketed
}

/// Numbers with the first of a range whose scale word comes once, after
/// the second, scaled by it too (`1-5万元`: 1万 to 5万).
fn ranges(text: &str, mut numbers: Vec<Number>) -> Vec<Number> {
    for i in 1..numbers.len() {
        let (a, b) = (numbers[i - 1], numbers[i]);
        let between = text[a.at..b.at]
            .trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ',');
        let range = ["-", "—", "–", "~", "～", "至", "到"].contains(&between.trim());
        if range && a.printed == a.scaled && b.printed != 0.0 {
            numbers[i - 1].scaled = a.printed * (b.scaled / b.printed);
        }
    }
    numbers
}

/// Numbers written as English words and month names.
fn words(text: &str) -> Vec<Number> {
    text.split(|c: char| !c.is_ascii_alphabetic())
        .filter_map(|w| {
            let w = w.to_ascii_lowercase();
            WORDS.iter().find(|(k, _)| *k == w).map(|&(_, v)| Number {
                printed: v,
                scaled: v,
                at: 0,
            })
        })
        .collect()
}

fn numeral(c: char) -> Option<u32> {
    Some(match c {
        '〇' | '零' => 0,
        '一' => 1,
        '二' | '两' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        '十' => 10,
        '百' => 100,
        '千' => 1000,
        _ => return None,
    })
}

/// The value of a short run of Chinese numerals (`十四` 14, `三百` 300).
fn value(run: &[u32]) -> Option<u32> {
    let (mut total, mut digit) = (0, None::<u32>);
    for &v in run {
        if v >= 10 {
            total += digit.unwrap_or(1) * v;
            digit = None;
        } else if digit.replace(v).is_some() {
            return None;
        }
    }
    Some(total + digit.unwrap_or(0))
}

/// Numbers written in Chinese numerals: every part of up to three
/// numerals of each run, so `十四五` gives 14 and 5 (and more, harmlessly).
fn numerals(text: &str) -> Vec<Number> {
    let number = |v: f64| Number {
        printed: v,
        scaled: v,
        at: 0,
    };
    // `每万人`: per 10,000 people.
    let mut out: Vec<Number> = [('万', 1e4), ('亿', 1e8)]
        .iter()
        .filter(|(c, _)| text.contains(*c))
        .map(|&(_, v)| number(v))
        .collect();
    let chars: Vec<Option<u32>> = text.chars().map(numeral).collect();
    for run in chars.split(|c| c.is_none()) {
        let run: Vec<u32> = run.iter().flatten().copied().collect();
        // `二〇三五`: a year, digit by digit.
        if run.len() > 1 && run.iter().all(|&v| v < 10) {
            let v = run.iter().fold(0u64, |a, &d| a * 10 + u64::from(d));
            out.push(number(v as f64));
        }
        for i in 0..run.len() {
            for j in i + 1..=(i + 3).min(run.len()) {
                if let Some(v) = value(&run[i..j]) {
                    out.push(number(f64::from(v)));
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(zh: &str, en: &str) -> Option<String> {
        differ(
            zh,
            en,
            |_| Location::new("a.en.md", 5, 1),
            Path::new("a.md"),
        )
        .map(|d| d.message)
    }

    #[test]
    fn scaled_figures_match() {
        assert_eq!(
            check(
                "有效商标注册量达225万件，质押融资10.7亿元，2025年增长15%",
                "2.25 million trademarks, 1.07 billion yuan of pledge loans, 15% growth in 2025"
            ),
            None
        );
    }

    #[test]
    fn labels_words_and_numerals_are_not_figures() {
        assert_eq!(
            check(
                "“十四五”时期，（一）三年内2021年12月22日",
                "In the 14th Five-Year Plan period, (1) within three years, 22 December 2021"
            ),
            None
        );
        assert_eq!(check("第3条", "Article 3"), None);
        assert_eq!(
            check(
                "每万人，二〇三五年，给予1-5万元，涉案金额500余万元，第25次，（2）",
                "per 10,000 people, 2035, 10,000 to 50,000 yuan, over 5 million yuan, the 25th, (2)"
            ),
            None
        );
        assert!(
            check("(2021)", "(2020)").is_some(),
            "a year in brackets is a figure"
        );
    }

    #[test]
    fn a_changed_figure_is_reported_on_both_sides() {
        let m = check("达到235万件", "reach 2.25 million").expect("differs");
        assert!(m.contains("only in the original: 235 (= 2350000)"), "{m}");
        assert!(
            m.contains("only in the translation: 2.25 (= 2250000)"),
            "{m}"
        );
        let m = check("达到225万件", "reach 2.25 million by 2030").expect("differs");
        assert!(m.contains("only in the original: –"), "{m}");
        assert!(m.contains("only in the translation: 2030"), "{m}");
    }
}
