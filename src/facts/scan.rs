//! The accounting scanner: every "number with a unit" of a plan's text.
//!
//! A plan states figures in prose; each one should be data (a target, a
//! baseline, a reported value) or be set aside on purpose (`not_data`).
//! This module decides what counts as such a figure, so that
//! [`super::account`] can list those that are neither.
//!
//! What is a number with a unit:
//! - Arabic digits (half- or full-width, read by [`crate::figures`]), with
//!   an optional `余`/`多` and scale word (`万`, `亿`, `万亿`), followed by
//!   `%`, `‰`, a scale word alone (`超过1万`), or a unit or measure word
//!   from [`UNITS`] (`件`, `家`, `项`, `元`, `倍`, `人次`, `位` …).
//! - A range (`3-5家`, `3至5家`) is one figure, from its first number to
//!   its unit.
//!
//! What is not:
//! - years, months, days and durations (`2025年`, `5月`, `3年`: `年`, `月`,
//!   `日` are not units here), so dates and plan periods are skipped;
//! - document numbers (`〔2021〕12号`: `号` is not a unit), section and list
//!   numbering (`1.`, `（2）`, `第3条`, `第二章`);
//! - numbers written in Chinese numerals (`三大工程`, `十四五`): they name
//!   things far more often than they measure them;
//! - numbers glued to Latin letters (`5G`, `ISO9001`).

/// Units and measure words that make a number a figure, longest first
/// where one starts another (`人次` before `人`).
pub const UNITS: &[&str] = &[
    "个百分点",
    "百分点",
    "平方米",
    "平方公里",
    "公里",
    "千米",
    "人次",
    "件次",
    "家次",
    "户次",
    "%",
    "％",
    "‰",
    "件",
    "个",
    "家",
    "项",
    "元",
    "人",
    "名",
    "倍",
    "位",
    "所",
    "户",
    "次",
    "部",
    "篇",
    "场",
    "期",
    "批",
    "类",
    "座",
    "种",
    "亩",
    "吨",
    "米",
    "小时",
    "天",
    "届",
    "支",
    "套",
    "台",
    "款",
    "册",
    "起",
    "宗",
    "笔",
    "份",
    "本",
    "张",
    "处",
    "条",
    "分",
];

/// Measure words that follow `第` as numbering, not as a figure.
const NUMBERING: &[&str] = &["条", "章", "节", "款", "部分", "项", "批", "期", "届", "次"];

/// Characters between the two numbers of a range.
const RANGE: &[char] = &['-', '—', '–', '~', '～', '至', '到', '－'];

/// One figure found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Figure {
    /// Byte offset where its first digit starts.
    pub start: usize,
    /// Byte offset just after its last digit.
    pub digits_end: usize,
    /// Byte offset just after its unit.
    pub end: usize,
}

impl Figure {
    /// The figure as printed (`4.52件`, `3-5家`, `500余家`).
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        &text[self.start..self.end]
    }
}

/// Whether `c` continues a number's digits.
fn digitish(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c) || matches!(c, '.' | '．' | ',' | '，')
}

/// The end of the digits of the number starting at `at`: the run of
/// digits and separators, less separators at its end.
fn digits_end(text: &str, at: usize) -> usize {
    let mut end = at;
    for (i, c) in text[at..].char_indices() {
        if !digitish(c) {
            break;
        }
        if c.is_ascii_digit() || ('０'..='９').contains(&c) {
            end = at + i + c.len_utf8();
        }
    }
    end
}

/// The unit that starts `rest` (after an optional `余`/`多` and scale
/// word), and the bytes it takes; `None` when no unit follows.
fn unit_after(rest: &str) -> Option<usize> {
    let mut used = 0;
    let mut r = rest;
    for q in ["余", "多"] {
        if let Some(x) = r.strip_prefix(q) {
            used += q.len();
            r = x;
            break;
        }
    }
    let mut scaled = false;
    for s in ["万亿", "万", "亿", "千", "百"] {
        if let Some(x) = r.strip_prefix(s) {
            used += s.len();
            r = x;
            scaled = matches!(s, "万亿" | "万" | "亿");
            break;
        }
    }
    if let Some(u) = UNITS.iter().find(|u| r.starts_with(**u)) {
        // `分` is a score only when it does not begin a word (`分别`, `分析`).
        if *u == "分"
            && r["分".len()..].starts_with([
                '别', '析', '配', '布', '类', '工', '享', '级', '局', '会', '支', '行',
            ])
        {
            return scaled.then_some(used);
        }
        return Some(used + u.len());
    }
    scaled.then_some(used)
}

/// Every figure of `text`, in order.
pub fn figures(text: &str) -> Vec<Figure> {
    let mut out: Vec<Figure> = Vec::new();
    let numbers = crate::figures::chinese(text);
    let mut skip_until = 0;
    for (k, n) in numbers.iter().enumerate() {
        if n.at < skip_until {
            continue;
        }
        // Glued to a Latin letter before it (`ISO9001`): not a figure.
        let before = text[..n.at].chars().next_back();
        if before.is_some_and(|c| c.is_ascii_alphabetic()) {
            continue;
        }
        let mut end = digits_end(text, n.at);
        // A range: `3-5家`, `3至5家` — one figure up to the second's unit.
        if let Some(next) = numbers.get(k + 1) {
            let between = &text[end..next.at];
            if !between.is_empty()
                && between.chars().count() == 1
                && between.starts_with(RANGE)
                && unit_after(&text[end..]).is_none()
            {
                let second = digits_end(text, next.at);
                if unit_after(&text[second..]).is_some() {
                    skip_until = second;
                    end = second;
                }
            }
        }
        let rest = &text[end..];
        if rest.starts_with(|c: char| c.is_ascii_alphabetic()) {
            continue;
        }
        let Some(len) = unit_after(rest) else {
            continue;
        };
        // `第3条`, `第2批`: numbering.
        if before == Some('第') && NUMBERING.iter().any(|u| rest.starts_with(u)) {
            continue;
        }
        out.push(Figure {
            start: n.at,
            digits_end: end,
            end: end + len,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(s: &str) -> Vec<&str> {
        figures(s).iter().map(|f| f.text(s)).collect::<Vec<_>>()
    }

    #[test]
    fn figures_with_units_are_found() {
        assert_eq!(
            found("每万人口发明专利拥有量达到4.52件，是“十二五”末的2.4倍，PCT申请982件"),
            ["4.52件", "2.4倍", "982件"]
        );
        assert_eq!(
            found("质押融资额105.5亿元，500余家机构，增长15%"),
            ["105.5亿元", "500余家", "15%"]
        );
        assert_eq!(found("建设3-5家运营中心，超过1万"), ["3-5家", "1万"]);
        assert_eq!(found("有效商标注册量１１２．１万件"), ["１１２．１万件"]);
    }

    #[test]
    fn dates_numbering_and_names_are_not_figures() {
        assert!(found("2021—2025年，到2025年5月1日，实施3年").is_empty());
        assert!(found("包府发〔2021〕12号 1. （2） 第3条 第2批").is_empty());
        assert!(found("5G网络，ISO9001认证，十四五期间三大工程").is_empty());
        assert!(found("3分别").is_empty());
    }

    #[test]
    fn hostile_text_is_read_in_one_pass() {
        let s = "1件\u{0}\u{7}".repeat(10_000);
        assert_eq!(figures(&s).len(), 10_000);
        let s = "9".repeat(100_000);
        assert!(figures(&s).is_empty());
    }
}
