//! Tasks and their responsible agencies.
//!
//! A plan's tasks are the paragraphs and list items that end with a
//! responsible-unit note: `(责任单位:市知识产权局、市科技局)`,
//! `(牵头部门:省市场监管局;配合部门:省财政厅)`, `(省文旅厅按职责分工负责)`.
//! The renderer finds and anchors them ([`crate::parse::markdown::TaskLeaf`]);
//! this module reads each one's heading, deadline and agencies
//! ([`note::parse`]), resolves the names within the plan's jurisdiction
//! through the agency catalogue ([`catalogue`]) and warns, at the name,
//! about each one the catalogue does not know.

pub mod catalogue;
pub mod note;
pub mod phases;
mod title;

use std::path::Path;

use serde::Serialize;

pub use catalogue::{Agency, AgencyKind, AgencyLevel, Catalogue};
pub use note::Role;
pub use phases::{Month, Phase};

use crate::diag::{Diagnostic, Location};
use crate::model::JurisdictionId;
use crate::parse::markdown::{find_resp, Doc};

/// One agency a task names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TaskAgency {
    /// The name as printed.
    pub name: String,
    /// Its role.
    pub role: Role,
    /// The catalogue entry it resolves to, when it does.
    pub agency: Option<String>,
    /// Which of the task's notes names it.
    pub note: usize,
}

/// Where a task's deadline comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DueBasis {
    /// The task's own text (`到2025年`).
    Text,
    /// The end of the plan's timetable (its last phase).
    Timetable,
}

impl DueBasis {
    /// Machine key.
    pub fn key(self) -> &'static str {
        match self {
            DueBasis::Text => "text",
            DueBasis::Timetable => "timetable",
        }
    }
}

/// A task's deadline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Due {
    /// The year.
    pub year: u16,
    /// The month, when given.
    pub month: Option<u8>,
    /// Where it comes from.
    pub basis: DueBasis,
}

impl Due {
    /// `2025` or `2025-06`.
    pub fn iso(&self) -> String {
        match self.month {
            Some(m) => format!("{:04}-{m:02}", self.year),
            None => format!("{:04}", self.year),
        }
    }
}

/// A task of a plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Task {
    /// 1-based place in the plan.
    pub number: usize,
    /// Its heading or lead sentence, as printed.
    pub title: String,
    /// The translation's heading or lead sentence for it.
    pub title_en: Option<String>,
    /// Anchor of its paragraph in the Chinese page.
    pub anchor: String,
    /// Anchor of its paragraph in the English page.
    pub anchor_en: Option<String>,
    /// The responsible-unit notes as printed.
    pub notes: Vec<String>,
    /// The agencies named, in note order.
    pub agencies: Vec<TaskAgency>,
    /// Its deadline, when the text or the timetable gives one.
    pub due: Option<Due>,
}

impl Task {
    /// The agencies with `role`.
    pub fn with_role(&self, role: Role) -> impl Iterator<Item = &TaskAgency> {
        self.agencies.iter().filter(move |a| a.role == role)
    }
}

/// Where a body came from, to place warnings at file lines.
#[derive(Debug, Clone, Copy)]
pub struct Source<'a> {
    /// The file.
    pub path: &'a Path,
    /// The Markdown body the document was rendered from.
    pub body: &'a str,
    /// 1-based file line of the body's first line.
    pub body_line: usize,
}

impl Source<'_> {
    fn at(&self, offset: usize) -> Location {
        let (line, column) = crate::diag::line_col(self.body, offset.min(self.body.len()));
        Location::new(self.path, self.body_line + line - 1, column)
    }
}

/// Locations of increasing offsets in a body, each found from the last, so
/// a note naming n agencies costs n steps, not n times the body's length.
struct Cursor<'a> {
    src: Source<'a>,
    offset: usize,
    line: usize,
    column: usize,
}

impl<'a> Cursor<'a> {
    fn new(src: Source<'a>) -> Self {
        Cursor {
            src,
            offset: 0,
            line: 1,
            column: 1,
        }
    }

    fn at(&mut self, offset: usize) -> Location {
        let mut offset = offset.min(self.src.body.len());
        while !self.src.body.is_char_boundary(offset) {
            offset -= 1;
        }
        if offset < self.offset {
            return self.src.at(offset);
        }
        for c in self.src.body[self.offset..offset].chars() {
            if c == '\n' {
                self.line += 1;
                self.column = 1;
            } else {
                self.column += 1;
            }
        }
        self.offset = offset;
        Location::new(
            self.src.path,
            self.src.body_line + self.line - 1,
            self.column,
        )
    }
}

/// A plan's tasks and timetable, with the warnings about them.
#[derive(Debug, Default)]
pub struct Extracted {
    /// Tasks in text order.
    pub tasks: Vec<Task>,
    /// The timetable.
    pub phases: Vec<Phase>,
    /// Names the catalogue does not know, notes left unclosed.
    pub warnings: Vec<Diagnostic>,
}

/// Reads the tasks of a plan of `jurisdiction` from its rendered original
/// (`zh`, rendered from `src`) and translation (`en` with its body).
pub fn extract(
    zh: &Doc,
    src: Source<'_>,
    en: Option<(&Doc, &str)>,
    jurisdiction: &JurisdictionId,
    catalogue: &Catalogue,
) -> Extracted {
    let phases = phases::phases(src.body, en.map(|(_, b)| b));
    let timetable_end = phases.iter().map(|p| p.end).max();
    let known = |n: &str| catalogue.knows(jurisdiction, n);
    let mut out = Extracted::default();
    let mut cursor = Cursor::new(src);
    for (i, leaf) in zh.tasks.iter().enumerate() {
        let block_start = zh.blocks.get(leaf.block).map_or(0, |b| b.offset);
        let block_end = zh
            .blocks
            .get(leaf.block + 1)
            .map_or(src.body.len(), |b| b.offset);
        let in_body = src.body.get(block_start..block_end).unwrap_or_default();
        let mut notes = Vec::new();
        let mut agencies = Vec::new();
        let mut rest = leaf.text.as_str();
        let mut body_text = String::new();
        let mut search_from = 0;
        while let Some((a, b)) = find_resp(rest) {
            body_text.push_str(&rest[..a]);
            let note = &rest[a..b];
            // The note's place in the file: found after the previous one.
            let note_at = in_body
                .get(search_from..)
                .and_then(|s| s.find(note))
                .map(|o| search_from + o);
            if let Some(o) = note_at {
                search_from = o + note.len();
            }
            for named in note::parse(note, &known) {
                let agency = catalogue
                    .resolve(jurisdiction, &named.name)
                    .map(|a| a.id.clone());
                if agency.is_none() {
                    let off = block_start + note_at.map_or(0, |o| o + named.offset);
                    out.warnings
                        .push(unknown_agency(cursor.at(off), &named.name, jurisdiction));
                }
                agencies.push(TaskAgency {
                    name: named.name,
                    role: named.role,
                    agency,
                    note: notes.len(),
                });
            }
            notes.push(note.to_owned());
            rest = &rest[b..];
        }
        if agencies.is_empty() {
            out.warnings.push(
                Diagnostic::warning(cursor.at(block_start), "this responsible-unit note names no agency")
                    .hint("write the agencies after the colon, separated by `、`, or remove the empty note")
                    .zh("这条责任单位说明没有写出任何单位", "在冒号后写出单位，用 `、` 分隔；或删除这条空的说明"),
            );
        }
        let title = title::zh(leaf, zh, &out.tasks, &body_text);
        let en_leaf = en.and_then(|(d, _)| {
            d.tasks
                .iter()
                .find(|t| t.block == leaf.block && t.nth_in_block == leaf.nth_in_block)
                .map(|t| (t, d))
        });
        let due = match phases::stated_year(&body_text) {
            Some(year) => Some(Due {
                year,
                month: None,
                basis: DueBasis::Text,
            }),
            None => timetable_end.map(|m| Due {
                year: m.year,
                month: Some(m.month),
                basis: DueBasis::Timetable,
            }),
        };
        out.tasks.push(Task {
            number: i + 1,
            title,
            title_en: en_leaf.and_then(|(t, d)| title::en(t, d)),
            anchor: leaf.anchor.clone(),
            anchor_en: en_leaf.map(|(t, _)| t.anchor.clone()),
            notes,
            agencies,
            due,
        });
    }
    unclosed_notes(zh, src, &mut out.warnings);
    out.phases = phases;
    out
}

fn unknown_agency(at: Location, name: &str, j: &JurisdictionId) -> Diagnostic {
    Diagnostic::warning(
        at,
        format!("`{name}` is not in the agency catalogue for `{j}`"),
    )
    .hint(format!(
        "add it to content/agencies.yaml under jurisdiction `{j}` (as an agency or group, or as an alias of one), or correct the name"
    ))
    .zh(
        format!("机构目录中 `{j}` 下没有 `{name}`"),
        format!("在 content/agencies.yaml 的 `{j}` 下添加它（作为机构、群组或某个条目的别名），或者改正名称"),
    )
}

/// Warns at each block where `(责任单位:` (or another label) opens and no
/// parenthesis closes after it: the note would not be read.
fn unclosed_notes(zh: &Doc, src: Source<'_>, warnings: &mut Vec<Diagnostic>) {
    const OPENERS: &[&str] = &[
        "(责任单位",
        "（责任单位",
        "(牵头",
        "（牵头",
        "(責任",
        "（責任",
        "(牽頭",
        "（牽頭",
        "(配合",
        "（配合",
    ];
    for b in &zh.blocks {
        let text = zh.text_of(b);
        let last_close = text.rfind([')', '）']);
        let unclosed = OPENERS
            .iter()
            .filter_map(|o| text.rfind(o))
            .any(|at| last_close.is_none_or(|c| c < at));
        if unclosed {
            warnings.push(
                Diagnostic::warning(src.at(b.offset), "a responsible-unit note is not closed")
                    .hint("close it with `)` or `）` so its agencies are read")
                    .zh(
                        "责任单位说明缺少右括号",
                        "用 `)` 或 `）` 闭合，这样其中的单位才会被读取",
                    ),
            );
        }
    }
}

/// Every task of `plans` naming `agency`, with the role.
pub fn tasks_of<'a>(
    tasks: impl Iterator<Item = &'a Task>,
    agency: &'a str,
) -> impl Iterator<Item = (&'a Task, Role)> {
    tasks.flat_map(move |t| {
        let mut roles: Vec<Role> = t
            .agencies
            .iter()
            .filter(|a| a.agency.as_deref() == Some(agency))
            .map(|a| a.role)
            .collect();
        roles.sort();
        roles.dedup();
        roles.into_iter().map(move |r| (t, r))
    })
}
