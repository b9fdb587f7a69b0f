//! A plan's timetable (时序进度) and the deadlines a task's own text gives.
//!
//! A phase is a line of the body like `- **(一)动员启动阶段(2022年7月—2022年9月)。**…`:
//! a name ending in 阶段 followed by a month range in parentheses. Its
//! English name is the translation's line in the same place among the
//! phase lines (`- **(1) Mobilisation and launch stage (July 2022 – …).**`).

use serde::Serialize;

/// A year and month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Month {
    /// Year.
    pub year: u16,
    /// Month, 1–12.
    pub month: u8,
}

impl Month {
    /// `2025-06`.
    pub fn iso(self) -> String {
        format!("{:04}-{:02}", self.year, self.month)
    }
}

/// One phase of a plan's timetable.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Phase {
    /// 1-based place in the timetable.
    pub number: usize,
    /// Name as printed (动员启动阶段).
    pub name: String,
    /// The translation's name, when it has the phase.
    pub name_en: Option<String>,
    /// First month.
    pub start: Month,
    /// Last month.
    pub end: Month,
    /// Byte offset of its line in the body.
    pub offset: usize,
}

/// The phases of `body` (the Chinese text) with English names from
/// `en_body` where it has as many phase lines.
pub fn phases(body: &str, en_body: Option<&str>) -> Vec<Phase> {
    let mut out = Vec::new();
    let mut offset = 0;
    for line in body.split_inclusive('\n') {
        if let Some((name, start, end)) = phase_line(line) {
            out.push(Phase {
                number: out.len() + 1,
                name,
                name_en: None,
                start,
                end,
                offset,
            });
        }
        offset += line.len();
    }
    if let Some(en) = en_body {
        let names: Vec<String> = en.lines().filter_map(en_phase_name).collect();
        if names.len() == out.len() {
            for (p, n) in out.iter_mut().zip(names) {
                p.name_en = Some(n);
            }
        }
    }
    out
}

/// `(name, start, end)` of a phase line.
fn phase_line(line: &str) -> Option<(String, Month, Month)> {
    let t = line
        .trim_start()
        .strip_prefix(['-', '*', '+'])?
        .trim_start();
    let t = t.trim_start_matches('*');
    let at = t.find("阶段")?;
    let head = &t[..at + "阶段".len()];
    let rest = &t[at + "阶段".len()..];
    let rest = rest.strip_prefix(['(', '（'])?;
    let close = rest.find([')', '）'])?;
    let (start, end) = month_range(&rest[..close])?;
    // The name follows the ordinal `(一)`.
    let name = match head.rfind([')', '）']) {
        Some(i) => &head[i + head[i..].chars().next().map_or(1, char::len_utf8)..],
        None => head,
    };
    Some((name.trim().to_owned(), start, end))
}

/// `2022年7月—2022年9月` (any dash, 至 or 到 between).
fn month_range(s: &str) -> Option<(Month, Month)> {
    let i = s.find(['—', '–', '-', '－', '~', '～', '至', '到'])?;
    let sep = s[i..].chars().next()?.len_utf8();
    let a = month(s[..i].trim())?;
    let b = month(s[i + sep..].trim_start_matches('—').trim())?;
    Some((a, b))
}

/// `2022年7月`.
fn month(s: &str) -> Option<Month> {
    let (y, m) = s.strip_suffix('月')?.split_once('年')?;
    let year: u16 = y.trim().parse().ok()?;
    let month: u8 = m.trim().parse().ok()?;
    ((1900..=2200).contains(&year) && (1..=12).contains(&month)).then_some(Month { year, month })
}

/// `Mobilisation and launch stage` from `- **(1) Mobilisation and launch stage (July 2022 – …`.
fn en_phase_name(line: &str) -> Option<String> {
    let t = line
        .trim_start()
        .strip_prefix(['-', '*', '+'])?
        .trim_start();
    let t = t.trim_start_matches('*').trim_start();
    let t = t.strip_prefix('(')?;
    let t = &t[t.find(')')? + 1..];
    let name = t[..t.find(" (")?].trim();
    let lower = name.to_ascii_lowercase();
    (lower.ends_with("stage") || lower.ends_with("phase")).then(|| name.to_owned())
}

/// The deadline a task's text states: `到2025年`, `2025年底前`, `2025年以前`, `2025年前`.
pub fn stated_year(text: &str) -> Option<u16> {
    let mut from = 0;
    while let Some(rel) = text[from..].find('年') {
        let at = from + rel;
        let digits: String = text[..at]
            .chars()
            .rev()
            .take_while(char::is_ascii_digit)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        let after = &text[at + '年'.len_utf8()..];
        let before = &text[..at - digits.len()];
        if digits.len() == 4
            && (before.ends_with('到')
                || after.starts_with("底前")
                || after.starts_with("以前")
                || after.starts_with("前"))
        {
            return digits.parse().ok();
        }
        from = at + '年'.len_utf8();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changzhou_style_timetable() {
        let zh = "## 五、时序进度\n\n- **(一)动员启动阶段(2022年7月—2022年9月)。**完善方案。\n- **(二)推进实施阶段(2022年10月—2023年12月)。**推进。\n";
        let en = "- **(1) Mobilisation and launch stage (July 2022 – September 2022).** Improve.\n- **(2) Implementation stage (October 2022 – December 2023).** Go.\n";
        let p = phases(zh, Some(en));
        assert_eq!(p.len(), 2);
        assert_eq!(p[0].name, "动员启动阶段");
        assert_eq!(
            p[0].name_en.as_deref(),
            Some("Mobilisation and launch stage")
        );
        assert_eq!(
            (p[1].start.iso(), p[1].end.iso()),
            ("2022-10".into(), "2023-12".into())
        );
        assert!(zh[p[1].offset..].starts_with("- **(二)"));
    }

    #[test]
    fn deadlines_in_a_task() {
        assert_eq!(stated_year("到2025年,建成中心"), Some(2025));
        assert_eq!(stated_year("2023年底前完成"), Some(2023));
        assert_eq!(stated_year("2020年5月11日转载"), None);
        assert_eq!(stated_year("年年年"), None);
    }
}
