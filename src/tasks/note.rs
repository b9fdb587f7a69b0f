//! Reading a responsible-unit note: `(责任单位:A、B,C)`,
//! `(牵头部门:A;配合部门:B、C)`, `(A、B按职责分工负责)`, in full- or
//! half-width punctuation, into names with their roles. Linear in the
//! note's length, whatever it holds.

use serde::{Deserialize, Serialize};

use crate::model::Lang;

/// What a note says an agency does for a task.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Leads the task (牵头单位, 牵头部门).
    Lead,
    /// Supports the lead (配合单位, 配合部门).
    Supporting,
    /// Responsible, the text not saying who leads (责任单位, 责任部门,
    /// `…负责`).
    Responsible,
}

impl Role {
    /// Every value, in the order pages list them.
    pub const ALL: &'static [Role] = &[Role::Lead, Role::Responsible, Role::Supporting];
    /// Machine key.
    pub fn key(self) -> &'static str {
        match self {
            Role::Lead => "lead",
            Role::Supporting => "supporting",
            Role::Responsible => "responsible",
        }
    }
    /// Label for readers.
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Role::Lead, Lang::Zh) => "牵头",
            (Role::Lead, Lang::En) => "Lead",
            (Role::Supporting, Lang::Zh) => "配合",
            (Role::Supporting, Lang::En) => "Supporting",
            (Role::Responsible, Lang::Zh) => "责任单位",
            (Role::Responsible, Lang::En) => "Responsible",
        }
    }
}

/// Labels that open a clause, and the role they give.
const LABELS: &[(&str, Role)] = &[
    ("主要责任单位", Role::Responsible),
    ("责任单位", Role::Responsible),
    ("责任部门", Role::Responsible),
    ("責任單位", Role::Responsible),
    ("責任部門", Role::Responsible),
    ("牵头单位", Role::Lead),
    ("牵头部门", Role::Lead),
    ("牽頭單位", Role::Lead),
    ("牽頭部門", Role::Lead),
    ("配合单位", Role::Supporting),
    ("配合部门", Role::Supporting),
    ("配合單位", Role::Supporting),
    ("配合部門", Role::Supporting),
    ("协同单位", Role::Supporting),
    ("参与单位", Role::Supporting),
];

/// Endings that make the names before them responsible.
const ENDINGS: &[&str] = &[
    "按职责分工负责",
    "按職責分工負責",
    "分别负责",
    "负责",
    "負責",
];

/// One name a note gives, with its role and where it is in the note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Named {
    /// The name as printed.
    pub name: String,
    /// Its role.
    pub role: Role,
    /// Byte offset of the name in the note.
    pub offset: usize,
}

/// The names of `note` (parentheses included or not) with their roles.
/// `known` says whether a name means an entry of the catalogue: adjacent
/// pieces joined by `、` that it knows are one name (`各辖市、区人民政府`).
pub fn parse(note: &str, known: &dyn Fn(&str) -> bool) -> Vec<Named> {
    let (inner, base) = strip_parens(note);
    let mut out = Vec::new();
    let mut role = Role::Responsible;
    let mut clauses = Vec::new();
    let mut from = 0;
    for (i, c) in inner.char_indices() {
        if matches!(c, ';' | '；') {
            clauses.push((from, &inner[from..i]));
            from = i + c.len_utf8();
        }
    }
    clauses.push((from, &inner[from..]));
    for (start, clause) in clauses {
        let mut body = clause.trim_start();
        let mut off = base + start + (clause.len() - body.len());
        if let Some((label, r)) = LABELS.iter().find(|(l, _)| body.starts_with(l)) {
            role = *r;
            body = &body[label.len()..];
            off += label.len();
            if let Some(c) = [':', '：'].iter().find(|c| body.starts_with(**c)) {
                body = &body[c.len_utf8()..];
                off += c.len_utf8();
            }
        } else if let Some(e) = ENDINGS.iter().find(|e| body.trim_end().ends_with(**e)) {
            role = Role::Responsible;
            body = &body[..body.trim_end().len() - e.len()];
        }
        split_names(body, off, role, known, &mut out);
    }
    out
}

/// The inside of `(…)` or `（…）` and its offset; `note` itself when it is
/// not wrapped.
fn strip_parens(note: &str) -> (&str, usize) {
    let open = ['(', '（'].iter().find(|c| note.starts_with(**c));
    let Some(open) = open else {
        return (note, 0);
    };
    let rest = &note[open.len_utf8()..];
    let rest = rest
        .strip_suffix(')')
        .or_else(|| rest.strip_suffix('）'))
        .unwrap_or(rest);
    (rest, open.len_utf8())
}

/// Splits a clause at `、` `,` `，`, joining adjacent pieces that `known`
/// knows as one name (at most four pieces, so the work stays linear).
fn split_names(
    body: &str,
    base: usize,
    role: Role,
    known: &dyn Fn(&str) -> bool,
    out: &mut Vec<Named>,
) {
    let mut pieces: Vec<(usize, &str)> = Vec::new();
    let mut start = 0;
    for (i, c) in body.char_indices() {
        if matches!(c, '、' | ',' | '，') {
            pieces.push((start, &body[start..i]));
            start = i + c.len_utf8();
        }
    }
    pieces.push((start, &body[start..]));
    let mut i = 0;
    while i < pieces.len() {
        let mut took = 1;
        for n in (2..=4).rev() {
            if i + n <= pieces.len() {
                let (s, _) = pieces[i];
                let (e, last) = pieces[i + n - 1];
                let joined = &body[s..e + last.len()];
                if known(joined.trim()) {
                    took = n;
                    break;
                }
            }
        }
        let (s, _) = pieces[i];
        let (e, last) = pieces[i + took - 1];
        let raw = &body[s..e + last.len()];
        let name = raw.trim();
        if !name.is_empty() {
            let lead_ws = raw.len() - raw.trim_start().len();
            out.push(Named {
                name: name.to_owned(),
                role,
                offset: base + s + lead_ws,
            });
        }
        i += took;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(note: &str) -> Vec<(String, Role)> {
        let known = |n: &str| n == "各辖市、区人民政府";
        parse(note, &known)
            .into_iter()
            .map(|n| (n.name, n.role))
            .collect()
    }

    #[test]
    fn changzhou_note_with_a_group() {
        let got = names("(责任单位:市知识产权局、市科技局,各辖市、区人民政府,常州经开区管委会)");
        let r = Role::Responsible;
        assert_eq!(
            got,
            vec![
                ("市知识产权局".into(), r),
                ("市科技局".into(), r),
                ("各辖市、区人民政府".into(), r),
                ("常州经开区管委会".into(), r),
            ]
        );
    }

    #[test]
    fn lead_and_supporting_in_full_width() {
        let got = names("（牵头部门：省市场监管局、省科技厅；配合部门：省财政厅）");
        assert_eq!(
            got,
            vec![
                ("省市场监管局".into(), Role::Lead),
                ("省科技厅".into(), Role::Lead),
                ("省财政厅".into(), Role::Supporting),
            ]
        );
    }

    #[test]
    fn names_before_an_ending_are_responsible() {
        assert_eq!(
            names("(省文旅厅、省工信厅按职责分工负责)"),
            vec![
                ("省文旅厅".into(), Role::Responsible),
                ("省工信厅".into(), Role::Responsible)
            ]
        );
        assert_eq!(
            names("(省市场监管局负责)"),
            vec![("省市场监管局".into(), Role::Responsible)]
        );
    }

    #[test]
    fn offsets_point_at_the_names() {
        let note = "(牵头部门:甲局;配合部门:乙局、丙局)";
        for n in parse(note, &|_| false) {
            assert!(note[n.offset..].starts_with(&n.name), "{n:?}");
        }
    }

    #[test]
    fn ten_thousand_names_and_empty_pieces() {
        let note = format!("(责任单位:{})", vec!["市局"; 10_000].join("、"));
        assert_eq!(names(&note).len(), 10_000);
        assert!(names("(责任单位:、,)").is_empty());
    }
}
