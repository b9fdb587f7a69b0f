//! The documents a text cites, proposed as `relations:` for an editor to
//! confirm: each 《title》 and each document number (文号, `中发〔2016〕7号`)
//! the text names, with the words around it as the passage. They are
//! written commented out: the kind (cites, implements, supersedes,
//! amends) and whether the document is a plan of the site are the
//! editor's to decide.

use std::fmt::Write;

use super::body::Block;
use super::emit::yaml_str;
use super::Line;
use crate::model::relations::plain_title;

/// `s` without Markdown's backslash escapes (`\<` → `<`): titles and
/// passages are matched against the text as read.
fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' && chars.peek().is_some_and(char::is_ascii_punctuation) {
            continue;
        }
        out.push(c);
    }
    out
}

/// One proposed relation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Proposal {
    /// The title as printed, without 《》.
    pub title: Option<String>,
    /// The document number, normalised.
    pub doc_number: Option<String>,
    /// The text it was found in, exactly (the title with its brackets, and
    /// the number that follows it).
    pub passage: String,
}

/// Words that come before a document number but are not part of its
/// issuer's prefix (`为贯彻中发〔2016〕7号` → `中发`).
const LEADING: &[&str] = &[
    "为贯彻落实",
    "贯彻落实",
    "为贯彻",
    "为落实",
    "贯彻",
    "落实",
    "根据",
    "依据",
    "按照",
    "参照",
    "印发",
    "结合",
    "为",
    "和",
    "及",
    "与",
    "的",
    "见",
    "按",
];

/// The documents cited in `notice` and `blocks`, in order of first
/// mention, leaving out the document's own `title`.
pub fn proposals(notice: &[Line], blocks: &[Block], title: Option<&str>) -> Vec<Proposal> {
    let mut out: Vec<Proposal> = Vec::new();
    let texts = notice
        .iter()
        .map(|l| l.text.as_str())
        .chain(blocks.iter().flat_map(block_texts));
    for text in texts {
        for p in in_text(text) {
            let plain = p.title.as_deref().map(plain_title);
            let own = match (&plain, title.map(plain_title)) {
                (Some(t), Some(own)) => t.contains(&own),
                _ => false,
            };
            let seen = out.iter().any(|q| {
                (plain.is_some() && q.title.as_deref().map(plain_title) == plain)
                    || (p.doc_number.is_some() && q.doc_number == p.doc_number)
            });
            if !own && !seen {
                out.push(p);
            }
        }
    }
    out
}

fn block_texts(b: &Block) -> Vec<&str> {
    match b {
        Block::Paragraph { text, .. } => vec![text.as_str()],
        Block::Box { items, .. } => items.iter().map(String::as_str).collect(),
        _ => Vec::new(),
    }
}

/// The titles and numbers of one text.
fn in_text(text: &str) -> Vec<Proposal> {
    let mut out = Vec::new();
    let mut rest = text;
    // Titles, each with the number in brackets right after it.
    while let Some(open) = rest.find('《') {
        let after = &rest[open + '《'.len_utf8()..];
        let Some(close) = after.find('》') else {
            break;
        };
        let title = &after[..close];
        let tail = &after[close + '》'.len_utf8()..];
        let (number, used) = bracketed_number(tail);
        if !title.is_empty() && !title.contains('《') && title.chars().count() <= 80 {
            let start = text.len() - rest.len() + open;
            let end = text.len() - tail.len() + used;
            out.push(Proposal {
                title: Some(unescape(title)),
                doc_number: number,
                passage: unescape(&text[start..end]),
            });
        }
        rest = tail;
    }
    // Numbers alone.
    for (number, passage) in numbers(text) {
        if !out
            .iter()
            .any(|p| p.doc_number.as_deref() == Some(number.as_str()))
        {
            out.push(Proposal {
                title: None,
                doc_number: Some(number),
                passage,
            });
        }
    }
    out
}

/// A document number in brackets at the start of `s` (`(中发〔2016〕7号)`):
/// the number and the bytes it takes.
fn bracketed_number(s: &str) -> (Option<String>, usize) {
    for (open, close) in [('(', ')'), ('（', '）')] {
        if let Some(inner) = s.strip_prefix(open) {
            if let Some(end) = inner.find(close) {
                if let Some(n) = super::meta::doc_number(&inner[..end]) {
                    return (Some(n), open.len_utf8() + end + close.len_utf8());
                }
            }
        }
    }
    (None, 0)
}

/// Each document number in `s`: the number normalised and the text it is
/// printed as.
fn numbers(s: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (i, c) in s.char_indices() {
        if c != '〔' {
            continue;
        }
        let before: Vec<(usize, char)> = s[..i]
            .char_indices()
            .rev()
            .take_while(|(_, c)| crate::parse::cjk::is_han(*c))
            .take(12)
            .collect();
        let Some(&(start, _)) = before.last() else {
            continue;
        };
        let mut prefix = &s[start..i];
        while let Some(p) = LEADING.iter().find_map(|w| prefix.strip_prefix(w)) {
            prefix = p;
        }
        let from = i - prefix.len();
        let end = s[i..]
            .char_indices()
            .find(|(_, c)| *c == '号' || *c == '號')
            .map(|(j, c)| i + j + c.len_utf8())
            .filter(|e| e - i <= 24);
        let Some(end) = end else { continue };
        if let Some(n) = super::meta::doc_number(&s[from..end]) {
            out.push((n, s[from..end].to_owned()));
        }
    }
    out
}

/// Writes the proposals into the front matter `o`, commented out.
pub fn write(o: &mut String, proposals: &[Proposal]) {
    if proposals.is_empty() {
        return;
    }
    o.push_str("# Documents the text names, found by import: keep those it relates to, choose\n");
    o.push_str(
        "# each kind (cites, implements, supersedes, amends), use `plan: SLUG` for a plan\n",
    );
    o.push_str(
        "# of this site, and remove the `# ` to publish them (docs/CONTENT.md, Relations).\n",
    );
    o.push_str("# relations:\n");
    for p in proposals {
        o.push_str("#   - kind: cites\n");
        if let Some(t) = &p.title {
            let _ = writeln!(o, "#     title: {}", yaml_str(t));
        }
        if let Some(n) = &p.doc_number {
            let _ = writeln!(o, "#     doc_number: {}", yaml_str(n));
        }
        let _ = writeln!(o, "#     passage: {}", yaml_str(&p.passage));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_and_numbers_are_found_with_their_passages() {
        let t = "为贯彻落实《中共中央 国务院关于全面振兴东北地区等老工业基地的若干意见》(中发〔2016〕7号),根据《“十四五”国家知识产权保护和运用规划》和国发〔2021〕20号文件";
        let found = in_text(t);
        assert_eq!(found.len(), 3, "{found:?}");
        assert_eq!(found[0].doc_number.as_deref(), Some("中发〔2016〕7号"));
        assert_eq!(
            found[0].passage,
            "《中共中央 国务院关于全面振兴东北地区等老工业基地的若干意见》(中发〔2016〕7号)"
        );
        assert_eq!(
            found[1].title.as_deref(),
            Some("“十四五”国家知识产权保护和运用规划")
        );
        assert_eq!(found[2].doc_number.as_deref(), Some("国发〔2021〕20号"));
        assert_eq!(found[2].passage, "国发〔2021〕20号");
        let escaped = in_text("《国务院实施\\<中华人民共和国促进科技成果转化法>若干规定》");
        assert_eq!(
            escaped[0].title.as_deref(),
            Some("国务院实施<中华人民共和国促进科技成果转化法>若干规定")
        );
        for p in &found {
            assert!(t.contains(&p.passage));
        }
    }
}
