//! Reported figures proposed from the text: in paragraphs about the past
//! period (`“十三五”期间`, `过去五年`, `五年来`, `截至2020年`, or under a
//! heading such as `发展基础`, `规划背景`, `取得成效`), each clause that
//! states a number with a unit, in a sentence that sets no target (`到2025年`, `力争`), ([`crate::facts::scan`]) becomes a proposed
//! `reported:` entry, with the `余`/`约`/`以上`/`近` qualifier and a
//! multiple (`是“十二五”末的2.4倍`) it carries. The importer writes them
//! commented out: an editor confirms each (catalogue id, year or period)
//! and removes the `# `.

use crate::facts::scan;
use crate::model::Qualifier;

use super::body::Block;

/// A reported figure proposed from a clause of the text.
#[derive(Debug, Clone, PartialEq)]
pub struct Proposal {
    /// The words before the number (`每万人口发明专利拥有量`).
    pub label: String,
    /// The number as printed.
    pub value: f64,
    /// The unit as printed, with its scale word (`万件`, `家`, `%`).
    pub unit: String,
    /// A year the clause (or else its paragraph) names.
    pub year: Option<u16>,
    /// The period the paragraph reviews (`“十三五”` → 2016–2020).
    pub period: Option<(u16, u16)>,
    /// 余, 约 …
    pub qualifier: Option<Qualifier>,
    /// A multiple stated after it: (value, what of).
    pub multiple: Option<(f64, String)>,
    /// The clause: exact text of the body.
    pub passage: String,
    /// Input line of the paragraph.
    pub line: usize,
}

/// Words that make a paragraph a review of the past period.
const PAST: &[&str] = &[
    "十三五",
    "十二五",
    "过去五年",
    "五年来",
    "截至",
    "截止",
    "以来",
];
/// Headings of sections that review the past.
const PAST_HEADINGS: &[&str] = &["基础", "背景", "回顾", "成效", "成就", "现状", "进展"];
/// Words of a clause that sets a target rather than reporting one.
const FUTURE: &[&str] = &[
    "到20",
    "力争",
    "目标",
    "将",
    "预计",
    "计划",
    "争取",
    "确保",
    "以上的目标",
];

/// The Five-Year period a paragraph reviews.
fn period_of(text: &str) -> Option<(u16, u16)> {
    if text.contains("十三五") {
        Some((2016, 2020))
    } else if text.contains("十二五") {
        Some((2011, 2015))
    } else {
        None
    }
}

/// A four-digit year in `s` followed by `年`, between 1990 and 2100.
fn year_in(s: &str) -> Option<u16> {
    let b = s.as_bytes();
    (0..b.len().saturating_sub(3)).find_map(|i| {
        let d = s.get(i..i + 4)?;
        let y: u16 = d.parse().ok()?;
        let before = i.checked_sub(1).map(|j| b[j]);
        ((1990..=2100).contains(&y)
            && !before.is_some_and(|c| c.is_ascii_digit())
            && s[i + 4..].starts_with('年'))
        .then_some(y)
    })
}

/// Markdown escapes taken out: the clause as the rendered text reads.
fn plain(md: &str) -> String {
    let mut out = String::with_capacity(md.len());
    let mut chars = md.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' && chars.peek().is_some_and(|n| n.is_ascii_punctuation()) {
            continue;
        }
        out.push(c);
    }
    out.replace("**", "")
}

/// The clauses of a sentence: split at `，,：:、`, each trimmed.
fn clauses(text: &str) -> Vec<&str> {
    text.split(['，', ',', '：', ':', '、'])
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect()
}

/// The words before a number, without a leading verb or link word.
fn label_before(before: &str) -> String {
    let mut s = before.trim();
    for w in [
        "达到",
        "达",
        "为",
        "突破",
        "超过",
        "逾",
        "约",
        "近",
        "接近",
        "增至",
        "增长到",
        "增加到",
        "提高到",
        "共",
        "累计",
        "实现",
        "有",
    ] {
        if let Some(x) = s.strip_suffix(w) {
            s = x;
        }
    }
    let start = s
        .rfind(['”', '“', '(', '（', ')', '）'])
        .map_or(0, |i| i + s[i..].chars().next().map_or(0, char::len_utf8));
    let mut label = s[start..].trim();
    // `全市`, `我省`: where, not what.
    for w in [
        "全市", "全省", "全区", "全州", "全盟", "我市", "我省", "我区",
    ] {
        if let Some(x) = label.strip_prefix(w).filter(|x| !x.is_empty()) {
            label = x;
        }
    }
    label.to_owned()
}

fn qualifier(before: &str, figure: &str, after: &str) -> Option<Qualifier> {
    if figure.contains('余')
        || figure.contains('多')
        || before.ends_with("超过")
        || before.ends_with('逾')
    {
        Some(Qualifier::MoreThan)
    } else if before.ends_with('约') || after.starts_with("左右") {
        Some(Qualifier::About)
    } else if after.starts_with("以上") {
        Some(Qualifier::AtLeast)
    } else if before.ends_with('近') || before.ends_with("接近") {
        Some(Qualifier::Nearly)
    } else {
        None
    }
}

/// The figures proposed from the text's review paragraphs, in order.
pub fn propose(blocks: &[Block]) -> Vec<Proposal> {
    let mut out: Vec<Proposal> = Vec::new();
    let mut past_section = false;
    for b in blocks {
        let (line, text) = match b {
            Block::Heading { text, level, .. } => {
                if *level <= 3 {
                    past_section = PAST_HEADINGS.iter().any(|w| text.contains(w));
                }
                continue;
            }
            Block::Paragraph { line, text } => (*line, plain(text)),
            _ => continue,
        };
        if !(past_section || PAST.iter().any(|w| text.contains(w))) {
            continue;
        }
        let period = period_of(&text);
        let paragraph_year = year_in(&text);
        // A sentence that sets targets (`到2025年…`, `力争…`) is skipped whole.
        let sentences = text
            .split(['。', '；', ';'])
            .filter(|s| !FUTURE.iter().any(|w| s.contains(w)));
        for clause in sentences.flat_map(clauses) {
            for f in scan::figures(clause) {
                let printed = f.text(clause);
                let Some(n) = crate::figures::chinese(printed).first().copied() else {
                    continue;
                };
                let before = &clause[..f.start];
                let after = &clause[f.end..];
                let unit: String = clause[f.digits_end..f.end]
                    .trim_start_matches(['余', '多'])
                    .to_owned();
                if unit == "倍" {
                    // A multiple of the figure just before it.
                    if let Some(last) = out
                        .last_mut()
                        .filter(|p| p.line == line && p.multiple.is_none())
                    {
                        let of = before
                            .trim_start_matches('是')
                            .trim_end_matches('的')
                            .trim()
                            .to_owned();
                        last.multiple = Some((n.printed, of));
                    }
                    continue;
                }
                if f.start != 0 && before.ends_with('第') {
                    continue;
                }
                out.push(Proposal {
                    label: label_before(before),
                    value: n.printed,
                    unit,
                    year: year_in(clause).or(paragraph_year),
                    period,
                    qualifier: qualifier(before, printed, after),
                    multiple: None,
                    passage: clause.to_owned(),
                    line,
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn para(text: &str) -> Block {
        Block::Paragraph {
            line: 7,
            text: text.to_owned(),
        }
    }

    #[test]
    fn figures_of_a_review_paragraph_are_proposed() {
        let blocks = [
            para("“十三五”期间,全省知识产权创造能力不断增强,每万人口发明专利拥有量4.52件,是“十二五”末的2.4倍;引进和培育知识产权服务机构500余家,质押融资额约105.5亿元。"),
            para("到2025年,每万人高价值发明专利拥有量达到3件,力争有效商标注册量达225万件。"),
        ];
        let p = propose(&blocks);
        assert_eq!(p.len(), 3, "{p:#?}");
        assert_eq!(p[0].label, "每万人口发明专利拥有量");
        assert_eq!((p[0].value, p[0].unit.as_str()), (4.52, "件"));
        assert_eq!(p[0].period, Some((2016, 2020)));
        assert_eq!(p[0].multiple, Some((2.4, "“十二五”末".to_owned())));
        assert_eq!(p[0].passage, "每万人口发明专利拥有量4.52件");
        assert_eq!(p[1].qualifier, Some(Qualifier::MoreThan));
        assert_eq!((p[1].value, p[1].unit.as_str()), (500.0, "家"));
        assert_eq!(p[2].qualifier, Some(Qualifier::About));
        assert_eq!((p[2].value, p[2].unit.as_str()), (105.5, "亿元"));
        assert_eq!(p[2].label, "质押融资额");
    }

    #[test]
    fn a_year_in_the_clause_is_taken() {
        let p = propose(&[para(
            "截至2020年底,全市有效注册商标总量达28266件,较上年增长15%以上。",
        )]);
        assert_eq!(p[0].year, Some(2020));
        assert_eq!(p[0].value, 28266.0);
        assert_eq!(p[1].qualifier, Some(Qualifier::AtLeast));
    }

    #[test]
    fn text_about_the_future_is_not_proposed() {
        let blocks = [
            Block::Heading {
                line: 1,
                level: 2,
                text: "二、总体要求".into(),
            },
            para("全市专利授权量达到8000件。"),
        ];
        assert!(propose(&blocks).is_empty());
    }
}
