//! The site's recent changes, newest first: plans added, figures corrected,
//! translations added (from git, from `history.since`), and the editorial
//! entries of plans' `corrections:`. The `changes/` pages, their Atom feeds
//! and the home page list them.

use crate::model::raw::Correction;
use crate::model::{Date, Plan, Site};

/// What happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// Figures or metadata corrected (a commit).
    Corrected,
    /// An editorial entry of the plan's `corrections:`.
    Note,
    /// The plan's English translation was added.
    NewTranslation,
    /// The plan was added.
    NewPlan,
}

/// One change to one plan.
#[derive(Debug, Clone)]
pub struct Event<'a> {
    /// The plan.
    pub plan: &'a Plan,
    /// What happened.
    pub kind: Kind,
    /// The day.
    pub date: Date,
    /// RFC 3339.
    pub time: String,
    /// The commit's subject (empty for an editorial entry).
    pub subject: String,
    /// The commit's hash (empty for an editorial entry).
    pub hash: String,
    /// How many fields a correction changed.
    pub fields: usize,
    /// The editorial entry, for [`Kind::Note`].
    pub note: Option<&'a Correction>,
}

/// Every change to the published plans of `site`, newest first (then by
/// plan and kind, so that the order never depends on anything else).
pub fn events(site: &Site) -> Vec<Event<'_>> {
    let h = &site.history;
    let mut out = Vec::new();
    for plan in &site.plans {
        let ev = |kind, c: &super::Commit, fields| Event {
            plan,
            kind,
            date: c.date,
            time: c.time.clone(),
            subject: c.subject.clone(),
            hash: c.hash.clone(),
            fields,
            note: None,
        };
        if let Some(log) = h.plan(plan.slug.as_str()) {
            if let Some(c) = log.added.as_ref().filter(|c| h.published(c.date)) {
                out.push(ev(Kind::NewPlan, c, 0));
            }
            // A translation added with the plan is not news of its own.
            let with_plan =
                |c: &&super::Commit| log.added.as_ref().is_some_and(|a| a.hash == c.hash);
            if let Some(c) = log
                .translated
                .as_ref()
                .filter(|c| h.published(c.date) && !with_plan(c))
            {
                if plan.translation.is_some() {
                    out.push(ev(Kind::NewTranslation, c, 0));
                }
            }
            for e in &log.entries {
                out.push(ev(Kind::Corrected, &e.commit, e.changes.len()));
            }
        }
        for c in &plan.corrections {
            out.push(Event {
                plan,
                kind: Kind::Note,
                date: c.date,
                time: format!("{}T00:00:00Z", c.date),
                subject: String::new(),
                hash: String::new(),
                fields: 0,
                note: Some(c),
            });
        }
    }
    out.sort_by(|a, b| {
        b.date
            .cmp(&a.date)
            .then_with(|| b.time.cmp(&a.time))
            .then_with(|| a.plan.slug.cmp(&b.plan.slug))
            .then_with(|| a.kind.cmp(&b.kind))
            .then_with(|| a.hash.cmp(&b.hash))
    });
    out
}

impl Kind {
    /// What happened, for readers of `lang`.
    pub fn label(self, lang: crate::model::Lang) -> &'static str {
        use crate::model::Lang::{En, Zh};
        match (self, lang) {
            (Kind::Corrected, Zh) => "数据更正",
            (Kind::Corrected, En) => "Figures corrected",
            (Kind::Note, Zh) => "编辑说明",
            (Kind::Note, En) => "Editorial note",
            (Kind::NewTranslation, Zh) => "新增英文译本",
            (Kind::NewTranslation, En) => "English translation added",
            (Kind::NewPlan, Zh) => "新增规划",
            (Kind::NewPlan, En) => "New plan",
        }
    }
}
