//! Writes the imported document: YAML front matter with comments where an
//! editor must act, then the Markdown body.

use std::fmt::Write;

use super::body::{self, Block};
use super::indicators::Entry;
use super::meta::Meta;
use super::{Encoding, Event, ImportOptions, Line, Report};

/// Everything the output is made of.
pub struct Doc<'a> {
    pub meta: &'a Meta,
    pub published: Option<&'a str>,
    pub notice: &'a [Line],
    pub blocks: &'a [Block],
    pub entries: &'a [Entry],
    pub reported: &'a [super::reported::Proposal],
    pub opts: &'a ImportOptions,
    pub encoding: Encoding,
    pub report: &'a Report,
}

/// A YAML scalar: plain when that is unambiguous, double-quoted otherwise.
pub fn yaml_str(s: &str) -> String {
    let plain = !s.is_empty()
        && s.trim() == s
        && !s.starts_with([
            '-', '?', ':', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '\'', '"', '%',
            '@', '`',
        ])
        && !s.contains(": ")
        && !s.contains(" #")
        && !s.ends_with(':')
        && !s.contains(['\n', '\t', '\\'])
        && !s.contains(unprintable)
        && s.parse::<f64>().is_err()
        && !matches!(
            s.to_ascii_lowercase().as_str(),
            "true" | "false" | "yes" | "no" | "null" | "~" | "on" | "off"
        )
        && !s.chars().next().is_some_and(|c| c.is_ascii_digit());
    if plain {
        return s.to_string();
    }
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            // A control character is never written, not even escaped: the
            // reader refuses them in values. Its code point stands in its
            // place, visible for the editor to resolve.
            c if c.is_control() => {
                let _ = write!(out, "U+{:04X}", u32::from(c));
            }
            c if unprintable(c) => {
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
            _ => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Characters YAML does not allow unescaped (controls, non-characters) or
/// reads as line breaks (CR, NEL, the line and paragraph separators): the
/// input text may hold any of them.
fn unprintable(c: char) -> bool {
    matches!(
        c,
        '\0'..='\u{8}'
            | '\u{b}'..='\u{1f}'
            | '\u{7f}'..='\u{9f}'
            | '\u{2028}'
            | '\u{2029}'
            | '\u{feff}'
            | '\u{fffe}'
            | '\u{ffff}'
    )
}

fn num(v: f64) -> String {
    crate::model::units::format_number(v, 6, false)
}

/// The whole file.
pub fn document(d: &Doc<'_>) -> String {
    let mut o = String::new();
    let m = d.meta;
    o.push_str("---\n");
    let _ = writeln!(
        o,
        "# Imported by `plansite import` from {} ({}). Check every field, then delete this line.",
        d.opts.source_name, d.encoding
    );
    o.push_str(
        "draft: true  # delete this line to publish the plan, once every TODO is resolved\n",
    );
    match &m.title {
        Some(t) => {
            let _ = writeln!(o, "title: {}", yaml_str(t));
        }
        None => o.push_str("title: \"\"  # TODO: the plan's title as printed\n"),
    }
    match &d.opts.jurisdiction {
        Some(j) => {
            let _ = writeln!(o, "jurisdiction: {}", yaml_str(j));
        }
        None => o.push_str(
            "jurisdiction: \"\"  # TODO: id of a file in content/jurisdictions/ (or pass --jurisdiction)\n",
        ),
    }
    let _ = writeln!(o, "doc_type: {}  # plan | work_plan | opinions", m.doc_type);
    if m.issuers.is_empty() {
        o.push_str("issuers: []  # TODO: issuing bodies as printed\n");
    } else {
        o.push_str("issuers:\n");
        for i in &m.issuers {
            let _ = writeln!(o, "  - {}", yaml_str(i));
        }
    }
    match &m.doc_number {
        Some(n) => {
            let _ = writeln!(o, "doc_number: {}", yaml_str(n));
        }
        None => o.push_str("# doc_number: 文号, e.g. 包市监发〔2021〕369号 (none found)\n"),
    }
    match &m.date_issued {
        Some(date) => {
            let _ = writeln!(o, "date_issued: {date}");
        }
        None => o.push_str("# date_issued: YYYY-MM-DD (none found)\n"),
    }
    match d.published {
        Some(p) => {
            let _ = writeln!(o, "date_published: {p}  # from the web page's date line");
        }
        None => o.push_str("# date_published: YYYY-MM-DD\n"),
    }
    match m.period {
        Some((a, b)) => {
            let _ = writeln!(o, "period: {{start: {a}, end: {b}}}");
        }
        None => o.push_str("# period: {start: YYYY, end: YYYY}\n"),
    }
    if let Some(a) = &m.addressees {
        let _ = writeln!(o, "addressees: {}", yaml_str(a));
    }
    let body_text = body::markdown(d.blocks);
    if crate::model::detect_script(&body_text) == crate::model::Script::Hant {
        o.push_str("script: hant                       # the copy is in traditional characters: publish the script the document was issued in\n");
    }
    o.push_str("source:\n  description: \"TODO: what this copy is and where it was found\"\n  # url: https://…\n  # retrieved: YYYY-MM-DD\n");
    o.push_str("# summary: one to three sentences\n");
    let mut notes = Vec::new();
    if let (Some(printed), Some(n)) = (&m.doc_number_printed, &m.doc_number) {
        notes.push(format!(
            "文号原稿作“{printed}”,元数据中规范为“{n}”,正文照原稿。"
        ));
    }
    for e in &d.report.events {
        if let Event::Mojibake {
            line,
            column,
            context,
            ..
        } = e
        {
            notes.push(format!(
                "TODO 疑似乱码(原稿第{line}行第{column}列):“{context}”。请对照原件,能确定原字时修复并在此说明,否则保留并注明。"
            ));
        }
    }
    if notes.is_empty() {
        o.push_str("notes: []\n");
    } else {
        o.push_str("notes:\n");
        for n in &notes {
            let _ = writeln!(o, "  - {}", yaml_str(n));
        }
    }
    o.push_str("topics: []  # TODO: topics this plan commits to (content/topics.yaml), each with a passage\n");
    if d.entries.is_empty() {
        o.push_str("indicators: []  # TODO: every target and baseline in the text\n");
    } else {
        o.push_str("indicators:\n");
        for e in d.entries {
            entry(&mut o, e, d.opts);
        }
    }
    reported(&mut o, d.reported, d.opts);
    o.push_str("---\n\n");
    if !d.notice.is_empty() {
        o.push_str("## 印发通知\n\n");
        for l in d.notice {
            o.push_str(&body::escape(&l.text));
            o.push_str("\n\n");
        }
        o.push_str("***\n\n");
    }
    o.push_str(&body::markdown(d.blocks));
    o
}

fn entry(o: &mut String, e: &Entry, opts: &ImportOptions) {
    match opts.catalogue.get(&e.label) {
        Some(id) => {
            let _ = writeln!(o, "  - id: {id}");
        }
        None => o.push_str("  - id: \"\"  # TODO: catalogue id (indicators/<id>.yaml)\n"),
    }
    let _ = writeln!(o, "    label: {}", yaml_str(&e.label));
    if let Some(u) = &e.unit {
        let _ = writeln!(o, "    unit: {}", yaml_str(u));
    }
    if let Some((y, v)) = e.baseline {
        let _ = writeln!(o, "    baseline: {{year: {y}, value: {}}}", num(v));
    }
    if let Some((y, v, c)) = e.target {
        let _ = writeln!(
            o,
            "    target: {{year: {y}, value: {}, comparator: \"{}\"}}",
            num(v),
            c.key()
        );
    }
    if let Some(a) = e.attribute {
        let _ = writeln!(o, "    attribute: {}", a.key());
    }
    let _ = writeln!(o, "    cumulative: {}", e.cumulative);
    if let Some(b) = &e.basis {
        let _ = writeln!(o, "    basis: {}", yaml_str(b));
    }
    let _ = writeln!(o, "    passage: {}", yaml_str(&e.passage));
}

/// Proposed reported figures, commented out for an editor to confirm.
fn reported(o: &mut String, found: &[super::reported::Proposal], opts: &ImportOptions) {
    if found.is_empty() {
        return;
    }
    o.push_str("# Reported figures found in passages about the past period. For each one:\n");
    o.push_str("# confirm the catalogue id, the year (a year-end level) or the period (a total)\n");
    o.push_str("# and the qualifier, then remove the leading `# ` (docs/CONTENT.md, \"Reported figures\").\n");
    o.push_str("# reported:\n");
    for p in found {
        let mut e = String::new();
        match opts.catalogue.get(&p.label) {
            Some(id) => {
                let _ = writeln!(e, "  - id: {id}");
            }
            None => e.push_str("  - id: \"\"  # TODO: catalogue id (indicators/<id>.yaml)\n"),
        }
        let _ = writeln!(e, "    label: {}", yaml_str(&p.label));
        let _ = writeln!(e, "    value: {}", num(p.value));
        if !p.unit.is_empty() {
            let _ = writeln!(e, "    unit: {}", yaml_str(&p.unit));
        }
        match (p.year, p.period) {
            (Some(y), _) => {
                let _ = writeln!(e, "    year: {y}  # TODO: or the period, for a total");
            }
            (None, Some((a, b))) => {
                let _ = writeln!(e, "    year: {b}  # TODO: the period's last year? or period: {{start: {a}, end: {b}}} for a total");
            }
            (None, None) => e.push_str(
                "    year: 0  # TODO: the year it describes, or period: {start: …, end: …}\n",
            ),
        }
        if let Some(q) = p.qualifier {
            let _ = writeln!(e, "    qualifier: {}", q.key());
        }
        if let Some((v, of)) = &p.multiple {
            let _ = writeln!(
                e,
                "    multiple: {{value: {}, of_zh: {}, of_en: \"TODO\"}}",
                num(*v),
                yaml_str(of)
            );
        }
        let _ = writeln!(
            e,
            "    passage: {}  # line {}",
            yaml_str(&p.passage),
            p.line
        );
        for l in e.lines() {
            let _ = writeln!(o, "# {l}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_scalars_are_quoted_only_when_needed() {
        assert_eq!(yaml_str("专利授权量"), "专利授权量");
        assert_eq!(yaml_str("专利授权量(件) | 3040"), "专利授权量(件) | 3040");
        assert_eq!(yaml_str("-"), "\"-\"");
        assert_eq!(yaml_str("2021"), "\"2021\"");
        assert_eq!(yaml_str("a: b"), "\"a: b\"");
        assert_eq!(yaml_str("“十四五”规划"), "“十四五”规划");
        assert_eq!(yaml_str("say \"x\""), "say \"x\"");
        assert_eq!(yaml_str("\"x\""), "\"\\\"x\\\"\"");
        assert_eq!(yaml_str("yes"), "\"yes\"");
        // A control character is written as its code point, never as a
        // character (not even escaped: the reader refuses it in a value).
        assert_eq!(yaml_str("a\u{80}\u{fffe}b"), "\"aU+0080\\uFFFEb\"");
    }
}
