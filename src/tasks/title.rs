//! A task's title: its opening bold text (`**深入实施高价值专利培育工程。**`),
//! else its section's heading when it is the section's first task, else its
//! first clause.

use crate::parse::markdown::{Doc, TaskLeaf};

use super::Task;

/// Longest title taken from a first clause, in characters.
const MAX_CHARS: usize = 60;

/// The Chinese title of `leaf`, whose text without notes is `body`.
pub(super) fn zh(leaf: &TaskLeaf, doc: &Doc, before: &[Task], body: &str) -> String {
    if let Some(l) = &leaf.lead {
        return trim_end(l, &['。', '.', ':', ':']);
    }
    let first_in_section = leaf.section.is_some()
        && !doc.tasks[..before.len()]
            .iter()
            .any(|t| t.section == leaf.section);
    if first_in_section {
        if let Some(h) = heading(doc, leaf) {
            return h;
        }
    }
    let end = body
        .find(['。', ',', '，', ';', '；'])
        .unwrap_or(body.len());
    clip(body[..end].trim())
}

/// The English title of the translation's `leaf`.
pub(super) fn en(leaf: &TaskLeaf, doc: &Doc) -> Option<String> {
    if let Some(l) = &leaf.lead {
        return Some(trim_end(l, &['.', ':']));
    }
    let i = doc.tasks.iter().position(|t| t == leaf)?;
    let first_in_section =
        leaf.section.is_some() && !doc.tasks[..i].iter().any(|t| t.section == leaf.section);
    if first_in_section {
        if let Some(h) = heading(doc, leaf) {
            return Some(h);
        }
    }
    let end = leaf
        .text
        .find(['.', ',', ';', '('])
        .unwrap_or(leaf.text.len());
    let t = leaf.text[..end].trim();
    (!t.is_empty()).then(|| clip(t))
}

/// The heading text of the leaf's section, without its numbering (`3. `).
fn heading(doc: &Doc, leaf: &TaskLeaf) -> Option<String> {
    let id = leaf.section.as_deref()?;
    let entry = doc.toc.iter().find(|e| e.id == id)?;
    let t = strip_number(entry.text.trim());
    (!t.is_empty()).then(|| t.to_owned())
}

fn trim_end(s: &str, ends: &[char]) -> String {
    s.trim().trim_end_matches(ends).trim().to_owned()
}

fn clip(s: &str) -> String {
    if s.chars().count() <= MAX_CHARS {
        s.to_owned()
    } else {
        let mut t: String = s.chars().take(MAX_CHARS).collect();
        t.push('…');
        t
    }
}

/// `加强维权援助` from `3. 加强维权援助`, `(三)加强维权援助`, `三、加强维权援助`.
fn strip_number(t: &str) -> &str {
    const NUMERALS: &str = "一二三四五六七八九十0123456789";
    // `II. Tasks`: a Roman numeral and a full stop.
    let roman = t.trim_start_matches(|c: char| "IVXLC".contains(c));
    if roman.len() < t.len() {
        if let Some(r) = roman.strip_prefix(". ") {
            return r.trim();
        }
    }
    let rest = t.trim_start_matches(|c: char| NUMERALS.contains(c));
    if rest.len() < t.len() {
        if let Some(r) = rest.strip_prefix(['.', '．', '、']) {
            return r.trim();
        }
    }
    if let Some(inner) = t.strip_prefix(['(', '（']) {
        let rest = inner.trim_start_matches(|c: char| NUMERALS.contains(c));
        if rest.len() < inner.len() {
            if let Some(r) = rest.strip_prefix([')', '）']) {
                return r.trim();
            }
            if let Some(r) = rest.strip_prefix(") ") {
                return r.trim();
            }
        }
    }
    t
}

#[cfg(test)]
mod tests {
    #[test]
    fn numbering_is_stripped_from_headings() {
        for (h, want) in [
            ("3. 加强知识产权维权援助", "加强知识产权维权援助"),
            ("(三)加强维权援助", "加强维权援助"),
            ("三、加强维权援助", "加强维权援助"),
            ("II. Tasks", "Tasks"),
            ("(3) Strengthen assistance", "Strengthen assistance"),
            ("一带一路合作", "一带一路合作"),
            ("Improve", "Improve"),
        ] {
            assert_eq!(super::strip_number(h), want, "{h}");
        }
    }
}
