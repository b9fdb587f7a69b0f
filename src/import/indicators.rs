//! An indicator table (`指标 | 2020年 | 2025年 | 属性 | 备注`) read into
//! front-matter entries: values parsed, units from the name's parentheses,
//! `预期性`/`约束性` as attributes, `-` as absent (never 0) and the `备注`
//! basis kept.

use crate::model::{Attribute, Comparator};

/// One row of an indicator table.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// Name as printed, without the unit.
    pub label: String,
    /// Unit from the name's parentheses.
    pub unit: Option<String>,
    /// Baseline year and value.
    pub baseline: Option<(u16, f64)>,
    /// Target year, value and comparator.
    pub target: Option<(u16, f64, Comparator)>,
    /// Expected or binding.
    pub attribute: Option<Attribute>,
    /// Cumulative over the period (`累计` in the name).
    pub cumulative: bool,
    /// The `备注` column.
    pub basis: Option<String>,
    /// Text of the row that locates it in the body.
    pub passage: String,
    /// Input line of the row.
    pub line: usize,
    /// Cells that could not be read as numbers.
    pub unread: Vec<String>,
}

fn year_of(header: &str) -> Option<u16> {
    let d: String = header.chars().filter(|c| c.is_ascii_digit()).collect();
    let rest: String = header.chars().filter(|c| !c.is_ascii_digit()).collect();
    (d.len() == 4
        && matches!(
            rest.as_str(),
            "" | "年" | "年目标" | "年目标值" | "年基期值"
        ))
    .then(|| d.parse().ok())
    .flatten()
}

/// Splits `专利授权量(件)` into `专利授权量` and `件`.
pub fn split_unit(name: &str) -> (String, Option<String>) {
    let t = name.trim();
    for (open, close) in [('(', ')'), ('\u{FF08}', '\u{FF09}')] {
        if t.ends_with(close) {
            if let Some(i) = t.rfind(open) {
                let unit = &t[i + open.len_utf8()..t.len() - close.len_utf8()];
                if !unit.is_empty() && unit.chars().count() <= 6 {
                    return (t[..i].trim().to_string(), Some(unit.to_string()));
                }
            }
        }
    }
    (t.to_string(), None)
}

/// A value cell that is neither a number nor a mark for "absent".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotANumber;

/// Reads a value cell: `-` and empty are absent; comparators in symbols
/// or words (`≥100`, `100以上`, `超过100`, `约5`) are kept.
pub fn value(cell: &str) -> Result<Option<(f64, Comparator)>, NotANumber> {
    let mut t = cell.trim().replace([',', '\u{FF0C}'], "");
    if t.is_empty()
        || matches!(
            t.as_str(),
            "-" | "—" | "--" | "/" | "\u{FF0D}" | "\u{FF0F}" | "无"
        )
    {
        return Ok(None);
    }
    let mut cmp = Comparator::Eq;
    for (words, c) in [
        (
            &["≥", ">=", ">", "超过", "不低于", "不少于", "达到"][..],
            Comparator::Ge,
        ),
        (
            &["≤", "<=", "<", "不超过", "不高于", "低于"][..],
            Comparator::Le,
        ),
        (&["约", "~", "≈"][..], Comparator::Approx),
    ] {
        for w in words {
            if let Some(rest) = t.strip_prefix(w) {
                t = rest.to_string();
                if *w != "达到" {
                    cmp = c;
                }
            }
        }
    }
    for (words, c) in [
        (&["以上", "及以上"][..], Comparator::Ge),
        (&["以内", "以下"][..], Comparator::Le),
        (&["左右"][..], Comparator::Approx),
    ] {
        for w in words {
            if let Some(rest) = t.strip_suffix(w) {
                t = rest.to_string();
                cmp = c;
            }
        }
    }
    let t = t.trim_end_matches('%');
    t.trim()
        .parse::<f64>()
        .map(|v| Some((v, cmp)))
        .map_err(|_| NotANumber)
}

/// Reads the table if it is an indicator table.
pub fn read(rows: &[Vec<String>], first_line: usize) -> Option<Vec<Entry>> {
    let header = rows.first()?;
    if !header.first()?.contains("指标") {
        return None;
    }
    let years: Vec<(usize, u16)> = header
        .iter()
        .enumerate()
        .filter_map(|(i, h)| year_of(h).map(|y| (i, y)))
        .collect();
    if years.is_empty() {
        return None;
    }
    let col = |name: &str| header.iter().position(|h| h.contains(name));
    let (attr_col, note_col) = (col("属性"), col("备注").or_else(|| col("说明")));
    let mut out = Vec::new();
    for (k, row) in rows.iter().enumerate().skip(1) {
        let (label, unit) = split_unit(&row[0]);
        if label.is_empty() {
            continue;
        }
        let mut unread = Vec::new();
        let mut read_at = |i: usize| match value(row.get(i).map_or("", String::as_str)) {
            Ok(v) => v,
            Err(NotANumber) => {
                unread.push(row[i].clone());
                None
            }
        };
        let (base_col, base_year) = years[0];
        let (target_col, target_year) = *years.last().expect("non-empty");
        let baseline = if years.len() > 1 {
            read_at(base_col).map(|(v, _)| (base_year, v))
        } else {
            None
        };
        let target = read_at(target_col).map(|(v, c)| (target_year, v, c));
        let attribute = attr_col.and_then(|i| match row.get(i)?.as_str() {
            "预期性" | "預期性" => Some(Attribute::Expected),
            "约束性" | "約束性" => Some(Attribute::Binding),
            _ => None,
        });
        let basis = note_col
            .and_then(|i| row.get(i))
            .filter(|b| !matches!(b.as_str(), "" | "-" | "—" | "/"))
            .cloned();
        // Up to the cell that states the value: the baseline's, or the
        // target's where there is no baseline (`指标 | - | 100`).
        let upto = if baseline.is_some() {
            base_col
        } else {
            target_col
        };
        let passage = row[..(upto + 1).min(row.len())].join(" | ");
        out.push(Entry {
            cumulative: label.contains("累计"),
            label,
            unit,
            baseline,
            target,
            attribute,
            basis,
            passage,
            line: first_line + k,
            unread,
        });
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(cells: &[&str]) -> Vec<String> {
        cells.iter().map(|c| c.to_string()).collect()
    }

    #[test]
    fn units_from_parentheses() {
        assert_eq!(
            split_unit("专利授权量(件)"),
            ("专利授权量".into(), Some("件".into()))
        );
        assert_eq!(
            split_unit("年度质押融资登记金额(亿元)"),
            ("年度质押融资登记金额".into(), Some("亿元".into()))
        );
        assert_eq!(
            split_unit("专利拥有率(%)"),
            ("专利拥有率".into(), Some("%".into()))
        );
        assert_eq!(split_unit("地理标志数量"), ("地理标志数量".into(), None));
    }

    #[test]
    fn values_and_comparators() {
        assert_eq!(value("2.04"), Ok(Some((2.04, Comparator::Eq))));
        assert_eq!(value("28,266"), Ok(Some((28266.0, Comparator::Eq))));
        assert_eq!(value("-"), Ok(None));
        assert_eq!(value(""), Ok(None));
        assert_eq!(value("≥100"), Ok(Some((100.0, Comparator::Ge))));
        assert_eq!(value("100以上"), Ok(Some((100.0, Comparator::Ge))));
        assert_eq!(value("超过50"), Ok(Some((50.0, Comparator::Ge))));
        assert_eq!(value("约5"), Ok(Some((5.0, Comparator::Approx))));
        assert_eq!(value("90%"), Ok(Some((90.0, Comparator::Eq))));
        assert_eq!(value("大幅提升"), Err(NotANumber));
    }

    #[test]
    fn a_table_becomes_entries() {
        let rows = vec![
            row(&["指标", "2020年", "2025年", "属性", "备注"]),
            row(&[
                "每万人高价值发明专利拥有量(件)",
                "2.04",
                "4.1",
                "预期性",
                "按照年均增长率15%计算",
            ]),
            row(&["稀土产业规上企业专利拥有率(%)", "-", "100", "约束性", "-"]),
            row(&["累计知识产权质押融资额(亿元)", "-", "≥300", "预期性", ""]),
        ];
        let e = read(&rows, 24).unwrap();
        assert_eq!(e.len(), 3);
        assert_eq!(e[0].label, "每万人高价值发明专利拥有量");
        assert_eq!(e[0].unit.as_deref(), Some("件"));
        assert_eq!(e[0].baseline, Some((2020, 2.04)));
        assert_eq!(e[0].target, Some((2025, 4.1, Comparator::Eq)));
        assert_eq!(e[0].attribute, Some(Attribute::Expected));
        assert_eq!(e[0].basis.as_deref(), Some("按照年均增长率15%计算"));
        assert_eq!(e[0].passage, "每万人高价值发明专利拥有量(件) | 2.04");
        assert_eq!(e[0].line, 25);
        assert_eq!(e[1].baseline, None, "`-` is absent, never 0");
        assert_eq!(e[1].attribute, Some(Attribute::Binding));
        assert_eq!(e[1].basis, None);
        assert!(e[2].cumulative);
        assert_eq!(e[2].target, Some((2025, 300.0, Comparator::Ge)));
    }

    #[test]
    fn other_tables_are_not_indicator_tables() {
        assert!(read(&[row(&["项目", "内容"]), row(&["甲", "乙"])], 1).is_none());
        assert!(read(&[row(&["指标", "说明"]), row(&["甲", "乙"])], 1).is_none());
    }
}
