//! Numbers in text, read the way a Chinese or English reader reads them,
//! so a figure can be held to the words around it: an indicator's value
//! must be among the numbers of its own passage, and a translated block
//! must give the same numbers as its original.
//!
//! Chinese: Arabic digits (half- or full-width, with `,` grouping and a
//! decimal point) followed by an optional scale word, `万` (10⁴) or `亿`
//! (10⁸), or `万亿` (10¹²); `%` is kept as the number itself. English:
//! digits with an optional `thousand`, `million`, `billion` or `trillion`,
//! also `100 million` (10⁸, how 亿 is translated).
//!
//! A number is taken both as printed and scaled: `225万件` is 225 (as a
//! value in 万件) and 2,250,000 (in 件).

/// One number found in a text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Number {
    /// As printed (`225` in `225万件`).
    pub printed: f64,
    /// With its scale word applied (`2250000`).
    pub scaled: f64,
    /// Byte offset in the text where it starts.
    pub at: usize,
}

impl Number {
    /// Whether `value` is this number, as printed or scaled.
    pub fn is(&self, value: f64) -> bool {
        same(self.printed, value) || same(self.scaled, value)
    }
}

/// Equal up to rounding in the last printed place.
fn same(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

/// The digits of a number starting at byte `i` of `s` (half-width digits,
/// `,` between groups of three, one `.`), and where it ends.
fn digits(s: &str, i: usize) -> Option<(f64, usize)> {
    let mut out = String::new();
    let mut end = i;
    let mut dot = false;
    let chars: Vec<(usize, char)> = s[i..].char_indices().map(|(k, c)| (k + i, c)).collect();
    let mut k = 0;
    while k < chars.len() {
        let (at, c) = chars[k];
        let c = fold(c);
        let next_digit = chars
            .get(k + 1)
            .is_some_and(|&(_, n)| fold(n).is_ascii_digit());
        if c.is_ascii_digit() {
            out.push(c);
        } else if c == '.' && !dot && next_digit && !out.is_empty() {
            dot = true;
            out.push('.');
        } else if c == ',' && !dot && next_digit && !out.is_empty() {
            // A thousands separator only: three digits follow.
            let group: String = chars[k + 1..]
                .iter()
                .take(4)
                .map(|&(_, c)| fold(c))
                .collect();
            let three = group.chars().take(3).all(|c| c.is_ascii_digit())
                && !group.chars().nth(3).is_some_and(|c| c.is_ascii_digit());
            if !three {
                break;
            }
        } else {
            break;
        }
        end = at + chars[k].1.len_utf8();
        k += 1;
    }
    out.parse().ok().map(|v| (v, end))
}

/// Full-width digits and punctuation as half-width.
fn fold(c: char) -> char {
    match c {
        '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
        '．' => '.',
        '，' => ',',
        _ => c,
    }
}

/// Starts of numbers: a digit not preceded by a digit, letter or `.`.
fn starts(s: &str) -> impl Iterator<Item = usize> + '_ {
    let mut prev: Option<char> = None;
    s.char_indices().filter_map(move |(i, c)| {
        let p = prev.map(fold);
        prev = Some(c);
        let c = fold(c);
        let glued = p.is_some_and(|p| p.is_ascii_alphanumeric() || p == '.');
        (c.is_ascii_digit() && !glued).then_some(i)
    })
}

/// The numbers of a Chinese text, with 万 and 亿 applied.
pub fn chinese(s: &str) -> Vec<Number> {
    numbers(s, |rest| {
        // `500余万元`, `30多万`: "more than", before the scale word.
        let rest = rest.trim_start_matches(['余', '多']);
        if rest.starts_with("万亿") {
            1e12
        } else if rest.starts_with('万') {
            1e4
        } else if rest.starts_with('亿') {
            1e8
        } else {
            1.0
        }
    })
}

/// The numbers of an English text, with thousand, million, billion and
/// trillion applied (`100 million` is 10⁸).
pub fn english(s: &str) -> Vec<Number> {
    numbers(s, |rest| {
        let rest = rest.trim_start().to_ascii_lowercase();
        let word = |w: &str| {
            rest.strip_prefix(w)
                .is_some_and(|r| !r.starts_with(|c: char| c.is_ascii_alphabetic()))
        };
        [
            ("thousand", 1e3),
            ("million", 1e6),
            ("billion", 1e9),
            ("trillion", 1e12),
        ]
        .into_iter()
        .find(|(w, _)| word(w))
        .map_or(1.0, |(_, scale)| scale)
    })
}

/// The numbers of `s`, each scaled by what `scale` reads in the text that
/// follows it.
fn numbers(s: &str, scale: impl Fn(&str) -> f64) -> Vec<Number> {
    let mut out = Vec::new();
    let mut last_end = 0;
    for i in starts(s) {
        if i < last_end {
            continue;
        }
        let Some((printed, end)) = digits(s, i) else {
            continue;
        };
        last_end = end;
        out.push(Number {
            printed,
            scaled: printed * scale(&s[end..]),
            at: i,
        });
    }
    out
}

/// Whether `n` (a Chinese number) has an equal among `others` (English
/// numbers), as printed or scaled: `225万` = `2.25 million`, `10.7亿` =
/// `1.07 billion`, `80%` = `80%`.
pub fn has_match(n: &Number, others: &[Number]) -> bool {
    others.iter().any(|o| {
        same(o.scaled, n.scaled) || same(o.printed, n.printed) || same(o.scaled, n.printed)
    })
}

/// Why an indicator's passage does not state its value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Disagreement {
    /// What is wrong.
    pub message: String,
    /// What to do, with the numbers the passage gives.
    pub hint: String,
    /// [`message`](Self::message) in Chinese.
    pub zh_message: String,
    /// [`hint`](Self::hint) in Chinese.
    pub zh_hint: String,
}

/// Checks that the passage of an indicator entry states its target or its
/// baseline (as printed, or scaled by 万/亿): a figure changed without its
/// passage, or a passage copied from the wrong line, is caught.
///
/// `target` is the target's figures: its value, or both bounds of a range
/// (`3-5`), which the passage must then both state.
pub fn passage_disagrees(
    passage: &str,
    target: Option<&[f64]>,
    baseline: Option<f64>,
) -> Option<Disagreement> {
    let target = target.filter(|t| !t.is_empty());
    let values: Vec<f64> = target
        .into_iter()
        .flatten()
        .copied()
        .chain(baseline)
        .collect();
    // A value that is not a number is reported as such elsewhere.
    if values.is_empty() || values.iter().any(|v| !v.is_finite()) {
        return None;
    }
    let numbers = chinese(passage);
    let stated = |v: &f64| numbers.iter().any(|n| n.is(*v));
    if target.is_some_and(|t| t.iter().all(stated)) || baseline.is_some_and(|b| stated(&b)) {
        return None;
    }
    let target = target.map(|t| t.iter().map(|v| trim(*v)).collect::<Vec<_>>().join("–"));
    let (what, zh_what) = match (target, baseline) {
        (Some(t), Some(b)) => (
            format!("states neither the target {t} nor the baseline {}", trim(b)),
            format!("既没有写目标值 {t}，也没有写基期值 {}", trim(b)),
        ),
        (Some(t), None) => (
            format!("does not state the target {t}"),
            format!("没有写目标值 {t}"),
        ),
        (None, Some(b)) => (
            format!("does not state the baseline {}", trim(b)),
            format!("没有写基期值 {}", trim(b)),
        ),
        (None, None) => unreachable!("values is not empty"),
    };
    let given = describe(&numbers);
    Some(Disagreement {
        message: format!("the passage {what}"),
        hint: format!(
            "the passage gives {given}; correct the value or the passage so that they agree (the passage must be the text that states the figure)"
        ),
        zh_message: format!("passage {zh_what}"),
        zh_hint: format!(
            "{}；改正数值或 passage，使两者一致（passage 必须是写明该数字的原文）",
            if numbers.is_empty() {
                "passage 中没有数字".to_owned()
            } else {
                format!("passage 中的数字是 {given}")
            }
        ),
    })
}

/// Numbers as a reader would write them, for hints: `225万 (2250000)`.
pub fn describe(numbers: &[Number]) -> String {
    let shown: Vec<String> = numbers
        .iter()
        .map(|n| {
            if same(n.printed, n.scaled) {
                trim(n.printed)
            } else {
                format!("{} (= {})", trim(n.printed), trim(n.scaled))
            }
        })
        .collect();
    if shown.is_empty() {
        "no numbers".to_owned()
    } else {
        shown.join(", ")
    }
}

fn trim(v: f64) -> String {
    let s = format!("{v:.6}");
    s.trim_end_matches('0').trim_end_matches('.').to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn printed(v: &[Number]) -> Vec<f64> {
        v.iter().map(|n| n.printed).collect()
    }

    #[test]
    fn chinese_numbers_with_scale_words() {
        let n = chinese(
            "有效商标注册量达225万件,质押融资10.7亿元,增长15%,3,040件,２０２５年,500余万元",
        );
        assert_eq!(printed(&n), [225.0, 10.7, 15.0, 3040.0, 2025.0, 500.0]);
        assert_eq!(n[5].scaled, 5_000_000.0);
        assert_eq!(n[0].scaled, 2_250_000.0);
        assert!(same(n[1].scaled, 1_070_000_000.0));
        assert!(n[0].is(225.0) && n[0].is(2_250_000.0) && !n[0].is(235.0));
    }

    #[test]
    fn english_numbers_with_scale_words() {
        let n = english("2.25 million trademarks, 1.07 billion yuan, 100 million yuan, 3,040 patents, 15%, 10,000 people, COVID19");
        assert_eq!(printed(&n), [2.25, 1.07, 100.0, 3040.0, 15.0, 10_000.0]);
        assert_eq!(n[0].scaled, 2_250_000.0);
        let zh = chinese("225万件");
        assert!(has_match(&zh[0], &n));
        let zh = chinese("235万件");
        assert!(!has_match(&zh[0], &n));
    }

    #[test]
    fn a_passage_must_state_the_target_or_the_baseline() {
        assert!(passage_disagrees("有效商标注册量达225万件", Some(&[225.0]), None).is_none());
        assert!(passage_disagrees("有效商标注册量达225万件", Some(&[2_250_000.0]), None).is_none());
        assert!(
            passage_disagrees("专利授权量(件) | 3040", Some(&[8000.0]), Some(3040.0)).is_none()
        );
        let d =
            passage_disagrees("有效商标注册量达225万件", Some(&[235.0]), None).expect("disagrees");
        assert_eq!(d.message, "the passage does not state the target 235");
        assert!(d.hint.contains("225 (= 2250000)"), "{}", d.hint);
    }

    #[test]
    fn a_range_target_is_stated_by_both_bounds() {
        assert!(
            passage_disagrees("建设3-5家产业知识产权运营中心", Some(&[3.0, 5.0]), None).is_none()
        );
        assert!(passage_disagrees("建设3—5家运营中心", Some(&[3.0, 5.0]), None).is_none());
        assert!(passage_disagrees("建设3至5家运营中心", Some(&[3.0, 5.0]), None).is_none());
        let d =
            passage_disagrees("建设3家运营中心", Some(&[3.0, 5.0]), None).expect("one bound only");
        assert_eq!(d.message, "the passage does not state the target 3–5");
        assert!(d.zh_message.contains("3–5"), "{}", d.zh_message);
    }

    #[test]
    fn commas_between_numbers_are_not_grouping() {
        assert_eq!(printed(&chinese("2021,2025")), [2021.0, 2025.0]);
        assert_eq!(printed(&english("1,2 and 3,0400")), [1.0, 2.0, 3.0, 400.0]);
        assert_eq!(
            printed(&english("3,040,000 and 1,000.5")),
            [3_040_000.0, 1000.5]
        );
    }
}
