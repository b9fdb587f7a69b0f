//! Finds the document's metadata in the lines before the plan text: the
//! transmitting notice and its title, the plan title, document number,
//! issuing bodies, issue date and addressees.

use super::clean::find_date;
use super::Line;

/// Metadata found in a raw text.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Meta {
    /// The plan's title.
    pub title: Option<String>,
    /// Document number, normalised to `X〔2021〕369号`.
    pub doc_number: Option<String>,
    /// Document number as printed, when it differs.
    pub doc_number_printed: Option<String>,
    /// Issuing bodies.
    pub issuers: Vec<String>,
    /// Issue date (`YYYY-MM-DD`).
    pub date_issued: Option<String>,
    /// Addressees line, without the final colon.
    pub addressees: Option<String>,
    /// Plan period.
    pub period: Option<(u16, u16)>,
    /// `plan`, `work_plan` or `opinions`.
    pub doc_type: &'static str,
}

/// The text split into its parts.
#[derive(Debug, Default)]
pub struct Layout {
    /// The transmitting notice, one paragraph per line.
    pub notice: Vec<Line>,
    /// The plan text.
    pub body: Vec<Line>,
    /// Lines dropped because they repeat a title, with the reason.
    pub dropped: Vec<(Line, &'static str)>,
}

fn compact(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The text between the first `《` and its matching `》`.
fn guillemets(s: &str) -> Option<&str> {
    let start = s.find('《')? + '《'.len_utf8();
    let mut depth = 1;
    for (i, c) in s[start..].char_indices() {
        match c {
            '《' => depth += 1,
            '》' => {
                depth -= 1;
                if depth == 0 {
                    return Some(&s[start..start + i]);
                }
            }
            _ => {}
        }
    }
    None
}

fn after_issue_verb(s: &str) -> Option<&str> {
    ["印发", "印發"]
        .iter()
        .find_map(|v| s.find(v).map(|i| &s[i + v.len()..]))
}

/// The plan title named by a notice title (`关于印发《X》的通知`, `关于印发X的通知`).
fn title_from_notice(notice: &str) -> Option<String> {
    if let Some(t) = guillemets(notice) {
        return Some(t.trim().to_string());
    }
    let rest = after_issue_verb(notice)?;
    let rest = rest.strip_suffix("的通知").unwrap_or(rest);
    (!rest.is_empty()).then(|| rest.trim().to_string())
}

fn is_notice_title(s: &str) -> bool {
    let c = compact(s);
    after_issue_verb(&c).is_some() && c.ends_with("通知") && c.chars().count() <= 120
}

/// Normalises a document number line (`(包市监发 (2021)369号)`,
/// `中发[2016]7号`) to `包市监发〔2021〕369号`.
pub fn doc_number(line: &str) -> Option<String> {
    let mut s = compact(line);
    for (open, close) in [('(', ')'), ('\u{FF08}', '\u{FF09}'), ('[', ']')] {
        if s.starts_with(open) && s.ends_with(close) {
            s = s[open.len_utf8()..s.len() - close.len_utf8()].to_string();
        }
    }
    let chars: Vec<char> = s.chars().collect();
    let open = chars
        .iter()
        .position(|c| matches!(c, '〔' | '[' | '(' | '\u{FF08}' | '【' | '\u{FF3B}' | '〖'))?;
    let prefix: String = chars[..open].iter().collect();
    if prefix.is_empty() || !prefix.chars().all(crate::parse::cjk::is_han) {
        return None;
    }
    let year: String = chars[open + 1..]
        .iter()
        .take_while(|c| c.is_ascii_digit())
        .collect();
    if year.len() != 4 {
        return None;
    }
    let close = open + 1 + year.len();
    if !matches!(
        chars.get(close),
        Some('〕' | ']' | ')' | '\u{FF09}' | '】' | '\u{FF3D}' | '〗')
    ) {
        return None;
    }
    let num: String = chars[close + 1..]
        .iter()
        .take_while(|c| c.is_ascii_digit())
        .collect();
    let suffix: String = chars[close + 1 + num.len()..].iter().collect();
    if num.is_empty() || !(suffix == "号" || suffix == "號") {
        return None;
    }
    Some(format!("{prefix}〔{year}〕{num}{suffix}"))
}

fn only_date(line: &str) -> Option<String> {
    let c = compact(line);
    let d = find_date(&c)?;
    let n = c.chars().count();
    (n <= 12 && c.ends_with('日')).then_some(d)
}

fn period(title: &str) -> Option<(u16, u16)> {
    let chars: Vec<char> = title.chars().collect();
    for i in 0..chars.len().saturating_sub(8) {
        let a: String = chars[i..i + 4].iter().collect();
        let b: String = chars[i + 5..(i + 9).min(chars.len())].iter().collect();
        if matches!(
            chars[i + 4],
            '-' | '—' | '–' | '至' | '~' | '\u{FF5E}' | '\u{FF0D}'
        ) && a.chars().all(|c| c.is_ascii_digit())
            && b.len() == 4
            && b.chars().all(|c| c.is_ascii_digit())
        {
            return Some((a.parse().ok()?, b.parse().ok()?));
        }
    }
    let fyp = [
        ("十三五", (2016, 2020)),
        ("十四五", (2021, 2025)),
        ("十五五", (2026, 2030)),
    ];
    fyp.iter().find(|(k, _)| title.contains(k)).map(|(_, p)| *p)
}

fn doc_type(title: &str) -> &'static str {
    let t = title.trim_end_matches(['》', ')', '\u{FF09}']);
    if t.contains("方案") {
        "work_plan"
    } else if t.ends_with("意见") || t.ends_with("意見") {
        "opinions"
    } else {
        "plan"
    }
}

fn short_name_line(s: &str) -> bool {
    let n = s.chars().count();
    n > 1
        && n <= 40
        && !s.contains([
            '。', ',', '\u{FF0C}', ':', '\u{FF1A}', ';', '\u{FF1B}', '、', '《', '|',
        ])
        && only_date(s).is_none()
}

/// Splits the lines into notice and body and reads the metadata.
pub fn detect(lines: &[Line]) -> (Meta, Layout) {
    let mut meta = Meta::default();
    let mut layout = Layout::default();
    let head = lines.len().min(15);

    // The notice title, possibly printed over two lines.
    let mut notice_at: Option<(usize, usize, String)> = None;
    for i in 0..head {
        let one = &lines[i].text;
        if is_notice_title(one) {
            notice_at = Some((i, 1, one.trim().to_string()));
            break;
        }
        if let Some(next) = lines.get(i + 1) {
            let two = format!("{}{}", one.trim(), next.text.trim());
            if one.chars().count() <= 60 && is_notice_title(&two) && !is_notice_title(&next.text) {
                notice_at = Some((i, 2, two));
                break;
            }
        }
    }
    let title = match &notice_at {
        Some((_, _, t)) => title_from_notice(t),
        None => lines[..head].iter().find_map(|l| {
            let t = l.text.trim();
            let bare = t.starts_with('《') && t.ends_with('》');
            let transmits = after_issue_verb(t).is_some() || t.contains("同意");
            if bare || transmits {
                guillemets(t).map(str::to_string)
            } else {
                None
            }
        }),
    };
    let Some(title) = title else {
        layout.body = lines.to_vec();
        meta.doc_type = "plan";
        return (meta, layout);
    };
    let title_c = compact(&title);
    let wrapped = format!("《{title_c}》");

    // The title printed on its own (one or two lines) starts the plan text.
    let search_from = notice_at.as_ref().map_or(0, |(i, n, _)| i + n);
    let mut title_line: Option<(usize, usize)> = None;
    for j in search_from..lines.len() {
        let one = compact(&lines[j].text);
        if one == title_c || one == wrapped {
            title_line = Some((j, 1));
            break;
        }
        if let Some(next) = lines.get(j + 1) {
            let two = format!("{one}{}", compact(&next.text));
            if !one.is_empty() && (two == title_c || two == wrapped) {
                title_line = Some((j, 2));
                break;
            }
        }
    }
    let (notice_end, body_start) = match title_line {
        Some((j, n)) => {
            for l in &lines[j..j + n] {
                layout
                    .dropped
                    .push((l.clone(), "plan title (kept in the front matter)"));
            }
            (j, j + n)
        }
        None => (search_from, search_from),
    };

    // The notice: from its title to the plan title, dropping repetitions of
    // the notice title (web pages print it as page title and as heading).
    let notice_start = notice_at.as_ref().map_or(0, |(i, _, _)| *i);
    let notice_title = notice_at.as_ref().map(|(_, _, t)| t.clone());
    let mut notice: Vec<Line> = Vec::new();
    let mut k = notice_start;
    while k < notice_end {
        if let (Some(nt), true) = (&notice_title, k > notice_start) {
            // Lines that together spell the notice title again.
            let mut acc = String::new();
            let mut m = k;
            let nt_c = compact(nt);
            while m < notice_end && acc.len() < nt_c.len() {
                let c = compact(&lines[m].text);
                if !nt_c.contains(&c) || c.is_empty() {
                    break;
                }
                acc.push_str(&c);
                m += 1;
            }
            if acc == nt_c {
                for l in &lines[k..m] {
                    layout.dropped.push((l.clone(), "notice title repeated"));
                }
                k = m;
                continue;
            }
        }
        if k == notice_start {
            if let Some((_, 2, t)) = &notice_at {
                notice.push(Line {
                    no: lines[k].no,
                    text: t.clone(),
                });
                k += 2;
                continue;
            }
        }
        notice.push(lines[k].clone());
        k += 1;
    }
    // Lines before a detected notice (rare) stay in the notice.
    let mut pre: Vec<Line> = lines[..notice_start].to_vec();
    pre.extend(notice);
    let notice = pre;

    for l in &notice {
        if meta.doc_number.is_none() {
            if let Some(n) = doc_number(&l.text) {
                let printed = l
                    .text
                    .trim()
                    .trim_start_matches(['(', '\u{FF08}'])
                    .trim_end_matches([')', '\u{FF09}'])
                    .to_string();
                if compact(&printed) != n {
                    meta.doc_number_printed = Some(printed);
                }
                meta.doc_number = Some(n);
            }
        }
        if meta.addressees.is_none() {
            let t = l.text.trim();
            if (t.ends_with(':') || t.ends_with('\u{FF1A}'))
                && t.contains(['、', ',', '\u{FF0C}'])
                && !t.contains('。')
            {
                meta.addressees = Some(t.trim_end_matches([':', '\u{FF1A}']).to_string());
            }
        }
    }
    if let Some(di) = notice.iter().rposition(|l| only_date(&l.text).is_some()) {
        meta.date_issued = only_date(&notice[di].text);
        let mut sig = Vec::new();
        for l in notice[..di].iter().rev() {
            if !short_name_line(&l.text) {
                break;
            }
            sig.push(l.text.clone());
        }
        sig.reverse();
        meta.issuers = sig
            .iter()
            .flat_map(|s| s.split_whitespace())
            .map(str::to_string)
            .collect();
    }
    if meta.issuers.is_empty() {
        if let Some(nt) = &notice_title {
            if let Some(i) = ["关于", "關於", "關于"].iter().find_map(|k| nt.find(k)) {
                let who = &nt[..i];
                if !who.is_empty() && !who.chars().any(|c| c.is_ascii_digit()) {
                    meta.issuers = who
                        .split(['、', ' '])
                        .filter(|s| !s.is_empty())
                        .map(str::to_string)
                        .collect();
                }
            }
        }
    }
    meta.period = period(&title);
    meta.doc_type = doc_type(&title);
    meta.title = Some(title);
    layout.notice = notice;
    layout.body = lines[body_start..].to_vec();
    (meta, layout)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<Line> {
        super::super::numbered_lines(text.lines())
    }

    #[test]
    fn doc_numbers_in_any_brackets() {
        for (line, want) in [
            ("(包市监发 (2021)369号)", "包市监发〔2021〕369号"),
            ("中发[2016]7号", "中发〔2016〕7号"),
            ("国知发管字【2017】12号", "国知发管字〔2017〕12号"),
            ("苏政发〔2022〕5号", "苏政发〔2022〕5号"),
            ("(常政发(2022)109号)", "常政发〔2022〕109号"),
        ] {
            assert_eq!(doc_number(line).as_deref(), Some(want), "{line}");
        }
        for line in [
            "(一)加强组织领导",
            "2021年12月22日",
            "(2021)",
            "见文件〔2021〕",
        ] {
            assert_eq!(doc_number(line), None, "{line}");
        }
    }

    #[test]
    fn periods_and_types_from_titles() {
        assert_eq!(period("常州市…工作方案(2022-2025年)"), Some((2022, 2025)));
        assert_eq!(
            period("包头市“十四五”知识产权保护和运用规划"),
            Some((2021, 2025))
        );
        assert_eq!(period("关于推进丝绸之路国际知识产权港建设的意见"), None);
        assert_eq!(
            doc_type("常州市国家知识产权强市建设试点城市工作方案(2022-2025年)"),
            "work_plan"
        );
        assert_eq!(
            doc_type("关于推进丝绸之路国际知识产权港建设的意见"),
            "opinions"
        );
        assert_eq!(doc_type("包头市“十四五”知识产权保护和运用规划"), "plan");
    }

    #[test]
    fn notice_with_signature_date_and_repeated_title() {
        let text = "甲市知识产权局关于印发《甲市知识产权规划》的通知\n\
                    (甲知发 [2021] 3号)\n\
                    各区人民政府,市各部门:\n\
                    现将《甲市知识产权规划》印发给你们,请认真贯彻落实。\n\
                    甲市知识产权局 甲市市场监督管理局\n\
                    2021年3月1日\n\
                    甲市知识产权\n\
                    规划\n\
                    一、总体要求";
        let (meta, layout) = detect(&lines(text));
        assert_eq!(meta.title.as_deref(), Some("甲市知识产权规划"));
        assert_eq!(meta.doc_number.as_deref(), Some("甲知发〔2021〕3号"));
        assert_eq!(
            meta.doc_number_printed.as_deref(),
            Some("甲知发 [2021] 3号")
        );
        assert_eq!(meta.addressees.as_deref(), Some("各区人民政府,市各部门"));
        assert_eq!(meta.date_issued.as_deref(), Some("2021-03-01"));
        assert_eq!(meta.issuers, ["甲市知识产权局", "甲市市场监督管理局"]);
        assert_eq!(meta.period, None);
        assert_eq!(layout.notice.len(), 6);
        assert_eq!(layout.body.len(), 1);
        assert_eq!(layout.body[0].text, "一、总体要求");
        assert_eq!(layout.dropped.len(), 2);
    }

    #[test]
    fn web_title_repeated_as_heading_is_dropped() {
        let text = "乙省知识产权局关于印发乙省知识产权“十四五”规划的通知\n\
                    乙省知识产权局\n\
                    关于印发乙省知识产权\n\
                    “十四五”规划的通知\n\
                    各市知识产权局,局机关各处室:\n\
                    现将《乙省知识产权“十四五”规划》印发给你们。\n\
                    2022年1月28日\n\
                    乙省知识产权“十四五”规划\n\
                    正文。";
        let (meta, layout) = detect(&lines(text));
        assert_eq!(meta.title.as_deref(), Some("乙省知识产权“十四五”规划"));
        assert_eq!(meta.issuers, ["乙省知识产权局"]);
        assert_eq!(meta.period, Some((2021, 2025)));
        assert_eq!(
            layout.notice.iter().map(|l| l.no).collect::<Vec<_>>(),
            [1, 5, 6, 7]
        );
        assert_eq!(layout.dropped.len(), 4);
    }

    #[test]
    fn a_bare_title_line_without_notice() {
        let (meta, layout) = detect(&lines(
            "《关于推进丙港建设的意见》\n为充分发挥作用,制定本意见。\n一、总体目标",
        ));
        assert_eq!(meta.title.as_deref(), Some("关于推进丙港建设的意见"));
        assert_eq!(meta.doc_type, "opinions");
        assert!(layout.notice.is_empty());
        assert_eq!(layout.body.len(), 2);
    }
}
