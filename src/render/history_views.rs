//! The views of what git says about the content: a page's last-updated
//! line, a plan's change history section, and the recent changes (the
//! `changes/` page and the home page's latest few). Built in
//! `pages/history.rs`.

use serde::Serialize;

use crate::history::events::Kind;

/// When what a page shows last changed.
#[derive(Debug, Serialize, Clone)]
pub struct UpdatedView {
    /// The day, for readers.
    pub date: String,
    /// RFC 3339, for `<time datetime>`.
    pub time: String,
    /// Its files have changes not committed (the date is `HEAD`'s).
    pub uncommitted: bool,
    /// Link to the page's change history, where it has one.
    pub history_url: String,
}

/// A plan's change history section.
#[derive(Debug, Serialize, Default)]
pub struct PlanHistory {
    /// Corrections and editorial entries, newest first.
    pub entries: Vec<HistoryEntry>,
    /// "Text edited in N commits", empty when none.
    pub text_edits: String,
    /// The day the public history begins (`history.since`), for readers.
    pub since: String,
    /// Whether the history comes from git (else only editorial entries).
    pub from_git: bool,
}

/// One entry of a plan's change history.
#[derive(Debug, Serialize)]
pub struct HistoryEntry {
    /// The day, for readers.
    pub date: String,
    /// RFC 3339, for `<time datetime>`.
    pub time: String,
    /// The commit's subject (empty for an editorial entry).
    pub subject: String,
    /// The editorial note (empty for a commit).
    pub note: String,
    /// `lang` of the note.
    pub note_lang: &'static str,
    /// The fields changed.
    pub changes: Vec<ChangeRow>,
}

/// One changed field.
#[derive(Debug, Serialize)]
pub struct ChangeRow {
    /// The indicator value it belongs to (empty for the plan's metadata).
    pub value: String,
    /// `lang` of `value`.
    pub value_lang: &'static str,
    /// The field, for readers.
    pub field: String,
    /// Before.
    pub old: String,
    /// After.
    pub new: String,
}

/// One recent change, in a list.
#[derive(Debug, Serialize)]
pub struct ChangeItem {
    /// The day, for readers.
    pub date: String,
    /// RFC 3339, for `<time datetime>`.
    pub time: String,
    /// What happened.
    pub kind: Kind,
    /// What happened, for readers.
    pub kind_label: &'static str,
    /// The plan's title in the page's language.
    pub title: String,
    /// `lang` of the title where it differs from the page's.
    pub title_lang: &'static str,
    /// The plan's page (its history section, for a correction).
    pub url: String,
    /// The commit's subject or the editorial note.
    pub text: String,
    /// `lang` of `text` where it differs from the page's (a subject is
    /// shown as written).
    pub text_lang: &'static str,
    /// Fields changed, for a correction.
    pub fields: usize,
}

/// The recent changes page.
#[derive(Debug, Serialize)]
pub struct ChangesPage {
    /// The newest changes.
    pub items: Vec<ChangeItem>,
    /// How many there are in all.
    pub total: usize,
    /// The day the public history begins, for readers.
    pub since: String,
    /// Whether the history comes from git.
    pub from_git: bool,
}
