//! Plan text to Markdown blocks: headings from the numbering, bold lead
//! phrases, `|`-separated tables, `专栏` boxes, and escaping so that no
//! sentence turns into Markdown syntax by accident.

use super::Line;

/// One Markdown block with the input line it starts on.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// `##`…`#####` heading.
    Heading {
        /// Input line.
        line: usize,
        /// 2 for `一、`, 3 for `(一)`, 4 for `1.`, 5 for `(1)`.
        level: usize,
        /// Text as printed.
        text: String,
    },
    /// A paragraph (already Markdown).
    Paragraph {
        /// Input line.
        line: usize,
        /// Markdown text.
        text: String,
    },
    /// A table; the first row is the header.
    Table {
        /// Input line of the first row.
        line: usize,
        /// Cells, row by row.
        rows: Vec<Vec<String>>,
    },
    /// A `专栏` box.
    Box {
        /// Input line of the title.
        line: usize,
        /// Box title (`专栏1 高价值专利培育工程`).
        title: String,
        /// Items (numbered in the source) or paragraphs.
        items: Vec<String>,
        /// Whether the items were numbered.
        numbered: bool,
    },
}

const CN_DIGITS: &str = "一二三四五六七八九十百零〇两";

/// The heading level the line's numbering implies and the byte length of
/// the numbering.
pub fn numbering(text: &str) -> Option<(usize, usize)> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let first = chars.first()?.1;
    let cn = |c: char| CN_DIGITS.contains(c);
    let end_of = |k: usize| chars.get(k).map_or(text.len(), |&(b, _)| b);
    if cn(first) {
        let n = chars.iter().take_while(|(_, c)| cn(*c)).count();
        return (chars.get(n).map(|p| p.1) == Some('、')).then(|| (2, end_of(n + 1)));
    }
    if first == '(' || first == '\u{FF08}' {
        let inner = &chars[1..];
        let n_cn = inner.iter().take_while(|(_, c)| cn(*c)).count();
        let n_dig = inner.iter().take_while(|(_, c)| c.is_ascii_digit()).count();
        let (n, level) = if n_cn > 0 {
            (n_cn, 3)
        } else if (1..=2).contains(&n_dig) {
            (n_dig, 5)
        } else {
            return None;
        };
        return matches!(inner.get(n).map(|p| p.1), Some(')' | '\u{FF09}'))
            .then(|| (level, end_of(n + 2)));
    }
    if first.is_ascii_digit() {
        let n = chars.iter().take_while(|(_, c)| c.is_ascii_digit()).count();
        let sep = chars.get(n).map(|p| p.1);
        let after = chars.get(n + 1).map(|p| p.1);
        if n <= 2
            && matches!(sep, Some('.' | '\u{FF0E}' | '、'))
            && after.is_some_and(|c| !c.is_ascii_digit())
        {
            return Some((4, end_of(n + 1)));
        }
    }
    None
}

fn sentence_end(c: char) -> bool {
    matches!(
        c,
        '。' | ';' | '\u{FF1B}' | '!' | '\u{FF01}' | '?' | '\u{FF1F}'
    )
}

/// Splits `坚持质量优先。后文` into a short lead sentence and the rest.
fn lead_phrase(text: &str, max_chars: usize, allow_commas: bool) -> Option<(&str, &str)> {
    let idx = text.find('。')?;
    let lead = &text[..idx + '。'.len_utf8()];
    let rest = &text[lead.len()..];
    let n = lead.chars().count();
    let clean = allow_commas
        || !lead.contains([',', '\u{FF0C}', '、', ':', '\u{FF1A}', ';', '\u{FF1B}', '“']);
    // A sentence followed only by a parenthetical (responsible units) is a
    // whole paragraph, not a lead.
    let rest_is_text = !rest.trim().is_empty() && !rest.starts_with(['(', '\u{FF08}']);
    (n >= 4 && n <= max_chars && clean && rest_is_text).then_some((lead, rest))
}

/// Escapes what Markdown would read as syntax in ordinary text.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if matches!(c, '*' | '_' | '`' | '<' | '\\' | '[' | ']') {
            out.push('\\');
        }
        out.push(c);
    }
    // Line starts that open a block.
    let starts_block =
        out.starts_with(['#', '>', '+', '-', '=', '~', '|']) || out.starts_with("    ") || {
            let d = out.chars().take_while(|c| c.is_ascii_digit()).count();
            d > 0
                && out[d..].starts_with(['.', ')'])
                && out[d + 1..].chars().next().is_none_or(char::is_whitespace)
        };
    if starts_block && !out.starts_with("——") {
        out.insert(0, '\\');
    }
    out
}

fn cells(text: &str) -> Vec<String> {
    let t = text.trim().trim_start_matches('|').trim_end_matches('|');
    t.split('|').map(|c| tidy_cell(c.trim())).collect()
}

/// `指 标` → `指标`: spaces between single CJK characters in a cell.
fn tidy_cell(cell: &str) -> String {
    let chars: Vec<char> = cell.chars().collect();
    let mut out = String::with_capacity(cell.len());
    for (i, &c) in chars.iter().enumerate() {
        if c == ' '
            && i > 0
            && chars
                .get(i + 1)
                .is_some_and(|n| crate::parse::cjk::is_han(*n))
            && crate::parse::cjk::is_han(chars[i - 1])
        {
            continue;
        }
        out.push(c);
    }
    out
}

fn is_row(text: &str) -> bool {
    text.contains('|') && cells(text).len() >= 2
}

fn box_title(text: &str) -> Option<String> {
    let t = text.trim().trim_end_matches('|').trim();
    let rest = t.strip_prefix("专栏").or_else(|| t.strip_prefix("專欄"))?;
    rest.starts_with(|c: char| c.is_ascii_digit() || CN_DIGITS.contains(c) || c == ' ')
        .then(|| t.to_string())
}

/// Splits `1.甲。 2.乙。` into its numbered items.
fn numbered_items(text: &str) -> Option<Vec<String>> {
    let mut items: Vec<String> = Vec::new();
    let mut expect = 1;
    let mut rest = text.trim();
    loop {
        let marker = format!("{expect}.");
        let body = rest.strip_prefix(&marker)?;
        let next = format!("{}.", expect + 1);
        match body.find(&format!(" {next}")) {
            Some(i) => {
                items.push(body[..i].trim().to_string());
                rest = &body[i + 1..];
                expect += 1;
            }
            None => {
                items.push(body.trim().to_string());
                break;
            }
        }
    }
    Some(items)
}

/// Converts lines of plan text to blocks.
pub fn blocks(lines: &[Line]) -> Vec<Block> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let line = &lines[i];
        let text = line.text.trim();
        if let Some(title) = box_title(text) {
            let mut items = Vec::new();
            let mut numbered = false;
            let mut j = i + 1;
            while j < lines.len()
                && lines[j].text.trim_end().ends_with('|')
                && !is_row(&lines[j].text)
            {
                let content = lines[j].text.trim().trim_end_matches('|').trim();
                match numbered_items(content) {
                    Some(list) => {
                        numbered = true;
                        items.extend(list);
                    }
                    None => items.push(content.to_string()),
                }
                j += 1;
            }
            out.push(Block::Box {
                line: line.no,
                title,
                items,
                numbered,
            });
            i = j;
            continue;
        }
        if is_row(text) {
            let mut rows = Vec::new();
            let mut j = i;
            while j < lines.len() && is_row(&lines[j].text) {
                rows.push(cells(&lines[j].text));
                j += 1;
            }
            let width = rows.iter().map(Vec::len).max().unwrap_or(0);
            for r in &mut rows {
                r.resize(width, String::new());
            }
            out.push(Block::Table {
                line: line.no,
                rows,
            });
            i = j;
            continue;
        }
        out.push(paragraph_or_heading(line.no, text));
        i += 1;
    }
    out
}

fn paragraph_or_heading(line: usize, text: &str) -> Block {
    if let Some((level, _)) = numbering(text) {
        let n = text.chars().count();
        let ends_sentence = text.chars().any(sentence_end);
        if n <= 40 && !ends_sentence {
            return Block::Heading {
                line,
                level,
                text: text.to_string(),
            };
        }
        if let Some((lead, rest)) = lead_phrase(text, 40, true) {
            return Block::Paragraph {
                line,
                text: format!("**{}**{}", escape(lead), escape(rest)),
            };
        }
    } else {
        let (dash, body) = match text.strip_prefix("——") {
            Some(b) => ("——", b),
            None => ("", text),
        };
        if let Some((lead, rest)) = lead_phrase(body, 24, false) {
            return Block::Paragraph {
                line,
                text: format!("**{dash}{}**{}", escape(lead), escape(rest)),
            };
        }
    }
    Block::Paragraph {
        line,
        text: escape(text),
    }
}

/// Renders blocks as Markdown, separated by blank lines.
pub fn markdown(blocks: &[Block]) -> String {
    let mut out = String::new();
    for b in blocks {
        if !out.is_empty() {
            out.push('\n');
        }
        match b {
            Block::Heading { level, text, .. } => {
                out.push_str(&"#".repeat(*level));
                out.push(' ');
                out.push_str(&escape_inline(text));
                out.push('\n');
            }
            Block::Paragraph { text, .. } => {
                out.push_str(text);
                out.push('\n');
            }
            Block::Table { rows, .. } => {
                for (k, r) in rows.iter().enumerate() {
                    out.push_str("| ");
                    let cells: Vec<String> = r.iter().map(|c| escape_inline(c)).collect();
                    out.push_str(&cells.join(" | "));
                    out.push_str(" |\n");
                    if k == 0 {
                        out.push('|');
                        out.push_str(&"---|".repeat(r.len()));
                        out.push('\n');
                    }
                }
            }
            Block::Box {
                title,
                items,
                numbered,
                ..
            } => {
                out.push_str("> [!BOX] ");
                out.push_str(&escape_inline(title));
                out.push_str("\n>\n");
                for (k, item) in items.iter().enumerate() {
                    if *numbered {
                        out.push_str(&format!("> {}. {}\n", k + 1, escape_inline(item)));
                    } else {
                        if k > 0 {
                            out.push_str(">\n");
                        }
                        out.push_str("> ");
                        out.push_str(&escape(item));
                        out.push('\n');
                    }
                }
            }
        }
    }
    out
}

/// Escapes inline syntax only (for text placed after a block marker).
fn escape_inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 4);
    for c in text.chars() {
        if matches!(c, '*' | '_' | '`' | '<' | '\\' | '[' | ']' | '|') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn l(texts: &[&str]) -> Vec<Line> {
        super::super::numbered_lines(texts.iter().copied())
    }

    #[test]
    fn numbering_levels() {
        assert_eq!(numbering("一、总体目标").map(|n| n.0), Some(2));
        assert_eq!(numbering("十二、保障措施").map(|n| n.0), Some(2));
        assert_eq!(numbering("(一)指导思想").map(|n| n.0), Some(3));
        assert_eq!(numbering("(十四)实施工程").map(|n| n.0), Some(3));
        assert_eq!(
            numbering("\u{FF08}二\u{FF09}基本原则").map(|n| n.0),
            Some(3)
        );
        assert_eq!(numbering("3\u{FF0E}加强").map(|n| n.0), Some(4));
        assert_eq!(numbering("1. 着力培育高价值专利").map(|n| n.0), Some(4));
        assert_eq!(numbering("2、推进").map(|n| n.0), Some(4));
        assert_eq!(numbering("(1)加强知识产权执法协作").map(|n| n.0), Some(5));
        for t in [
            "2.04亿元",
            "2021年",
            "一年内",
            "(此件公开发布)",
            "(2021)",
            "十分重要",
        ] {
            assert_eq!(numbering(t), None, "{t}");
        }
    }

    #[test]
    fn headings_and_lead_phrases() {
        let b = blocks(&l(&[
            "一、总体目标",
            "(一)打造知识产权创造保护运用高地。紧紧抓住重大机遇,面向沿线国家。",
            "坚持质量优先。把握稳中求进的总基调。",
            "——坚持改革创新。科学研判新机遇新挑战。",
            "“十四五”时期,是关键时期。为全面深入实施战略,制定本规划。",
            "特此通知。",
        ]));
        let md = markdown(&b);
        assert_eq!(
            md,
            "## 一、总体目标\n\n\
             **(一)打造知识产权创造保护运用高地。**紧紧抓住重大机遇,面向沿线国家。\n\n\
             **坚持质量优先。**把握稳中求进的总基调。\n\n\
             **——坚持改革创新。**科学研判新机遇新挑战。\n\n\
             “十四五”时期,是关键时期。为全面深入实施战略,制定本规划。\n\n\
             特此通知。\n"
        );
    }

    #[test]
    fn tables_from_pipes() {
        let b = blocks(&l(&[
            "指 标 | 2020年 | 2025年 | 属性 | 备注 |",
            "专利授权量(件) | 3040 | 8000 | 预期性 | 按照年均增长率21.35%计算 |",
            "稀土产业规上企业专利拥有率(%) | - | 100 | 约束性 | - |",
            "后文。",
        ]));
        assert_eq!(b.len(), 2);
        let Block::Table { rows, .. } = &b[0] else {
            panic!("{b:?}")
        };
        assert_eq!(rows[0], ["指标", "2020年", "2025年", "属性", "备注"]);
        assert_eq!(rows[2][1], "-");
        let md = markdown(&b[..1]);
        assert!(
            md.starts_with("| 指标 | 2020年 | 2025年 | 属性 | 备注 |\n|---|---|---|---|---|\n"),
            "{md}"
        );
    }

    #[test]
    fn boxes_with_numbered_items() {
        let b = blocks(&l(&[
            "专栏1 高价值专利培育工程 |",
            "1.支持建立高价值专利培育中心。 2.对已授权的发明专利给予支持。 |",
            "正文继续。",
        ]));
        let md = markdown(&b);
        assert_eq!(
            md,
            "> [!BOX] 专栏1 高价值专利培育工程\n>\n\
             > 1. 支持建立高价值专利培育中心。\n\
             > 2. 对已授权的发明专利给予支持。\n\n\
             正文继续。\n"
        );
    }

    #[test]
    fn box_with_one_paragraph() {
        let md = markdown(&blocks(&l(&[
            "专栏3 保护机构建设工程 |",
            "申请组建保护中心。 |",
        ])));
        assert_eq!(
            md,
            "> [!BOX] 专栏3 保护机构建设工程\n>\n> 申请组建保护中心。\n"
        );
    }

    #[test]
    fn responsible_units_pass_through() {
        let t = "推动重大创新成果及时转化。(责任单位:市知识产权局、市科技局)";
        assert_eq!(markdown(&blocks(&l(&[t]))), format!("{t}\n"));
        let t = "(牵头部门:省市场监管局;配合部门:省财政厅)";
        assert_eq!(markdown(&blocks(&l(&[t]))), format!("{t}\n"));
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(escape("# 不是标题"), "\\# 不是标题");
        assert_eq!(escape("1. 不是列表"), "\\1. 不是列表");
        assert_eq!(escape("a*b*c <b>"), "a\\*b\\*c \\<b>");
        assert_eq!(escape("1.支持"), "1.支持");
        assert_eq!(escape("——坚持"), "——坚持");
    }
}
