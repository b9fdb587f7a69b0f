//! What git says about the content, read once per build: when each plan,
//! jurisdiction, catalogue entry and free page last changed, and each
//! plan's public change history.
//!
//! ```text
//! git::repo        rev-parse: a work tree? shallow? where is the site in it?
//! git::log         one `log --raw` of content/ and indicators/   → commits
//! git::uncommitted one `status` of the same paths                → items marked
//! plans::logs      old versions of changed plans (`cat-file --batch`),
//!                  compared as `plansite diff` compares them      → PlanLog
//! ```
//!
//! Dates come from commits, never from the clock, so one commit builds to
//! the same bytes every time. Outside a repository, in a shallow clone (a
//! warning) or before the first commit there are no git dates: a plan falls
//! back to its `date_published` (else `date_issued`), other items show
//! none. A file changed but not committed shows `HEAD`'s date, marked as
//! uncommitted.

pub mod corrections;
pub mod events;
pub mod git;
mod plans;

use std::collections::BTreeMap;
use std::path::Path;

use crate::diag::{Diagnostic, Diagnostics, Location};
use crate::model::{Date, Plan, Site};

/// Something with a page whose last change is dated.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Item {
    /// A plan (every file in its folder).
    Plan(String),
    /// A jurisdiction's file.
    Jurisdiction(String),
    /// A catalogue entry's file.
    Indicator(String),
    /// A free page (both languages' files).
    Page(String),
}

impl Item {
    /// The item a site file belongs to (`content/plans/x/index.md` → plan `x`).
    pub fn of_path(path: &str) -> Option<Item> {
        let mut parts = path.split('/');
        let stem = |f: &str| f.split('.').next().unwrap_or(f).to_owned();
        match (parts.next()?, parts.next(), parts.next(), parts.next()) {
            ("content", Some("plans"), Some(slug), Some(_)) => Some(Item::Plan(slug.to_owned())),
            ("content", Some("jurisdictions"), Some(f), None) => Some(Item::Jurisdiction(stem(f))),
            ("content", Some("pages"), Some(f), None) => Some(Item::Page(stem(f))),
            ("indicators", Some(f), None, None) => Some(Item::Indicator(stem(f))),
            _ => None,
        }
    }
}

/// Where the dates come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Source {
    /// Not a git work tree (or git is missing): no git dates.
    #[default]
    None,
    /// A shallow clone: no git dates (a warning says so).
    Shallow,
    /// A repository without a commit yet.
    NoCommit,
    /// The full history.
    Git,
}

/// A commit as pages show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Commit {
    /// Full hash.
    pub hash: String,
    /// Committer date (RFC 3339, in the committer's time zone).
    pub time: String,
    /// The day of `time`.
    pub date: Date,
    /// Subject line, cleaned and bounded ([`git::clean_subject`]).
    pub subject: String,
}

impl Commit {
    fn from_logged(c: &git::LoggedCommit) -> Option<Commit> {
        Some(Commit {
            hash: c.hash.clone(),
            date: Date::parse(c.time.get(..10)?).ok()?,
            time: c.time.clone(),
            subject: c.subject.clone(),
        })
    }
}

/// When an item last changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Updated {
    /// The day.
    pub date: Date,
    /// RFC 3339, for feeds, the sitemap and `<time datetime>`.
    pub time: String,
    /// Its files differ from `HEAD`: the date is `HEAD`'s, and the page
    /// says that the changes are not committed.
    pub uncommitted: bool,
}

/// One published change to a plan's figures or metadata.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    /// The indicator whose value changed (catalogue id), or `None` for the
    /// plan's own metadata.
    pub indicator: Option<String>,
    /// The value's label as printed (empty for metadata).
    pub label: String,
    /// The field, as `plansite diff` names it (`target`, `doc_number`).
    pub field: &'static str,
    /// Before (`—` when absent).
    pub old: String,
    /// After (`—` when absent).
    pub new: String,
}

/// A commit's changes to one plan.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The commit.
    pub commit: Commit,
    /// What changed, in the order `plansite diff` lists it.
    pub changes: Vec<Change>,
}

/// A plan's history.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PlanLog {
    /// The commit that first added its `index.md`.
    pub added: Option<Commit>,
    /// The commit that first added its `index.en.md`.
    pub translated: Option<Commit>,
    /// Changes to figures and metadata, newest first (from `history.since`).
    pub entries: Vec<Entry>,
    /// Other commits that changed its files (text, translation,
    /// attachments), from `history.since`: summarised, not listed.
    pub text_edits: usize,
}

/// Everything read from git for one build.
#[derive(Debug, Default)]
pub struct History {
    /// Where the dates come from.
    pub source: Source,
    /// `history.since` of `site.yaml`.
    pub since: Option<Date>,
    updated: BTreeMap<Item, Updated>,
    plans: BTreeMap<String, PlanLog>,
}

impl History {
    /// Reads the history of the site at `root` (whose settings, catalogue
    /// and jurisdictions are in `site`; plans are parsed against them).
    /// A shallow clone gives one warning.
    pub fn read(root: &Path, site: &Site) -> (History, Diagnostics) {
        let mut diags = Diagnostics::new();
        let mut h = History {
            since: site.config.history_since,
            ..History::default()
        };
        let prefix = match git::repo(root) {
            git::Repo::None => return (h, diags),
            git::Repo::Shallow => {
                h.source = Source::Shallow;
                diags.push(
                    Diagnostic::warning(
                        Location::file(root),
                        "this is a shallow clone: last-updated dates and change histories need the full git history, so this build uses date_published instead",
                    )
                    .hint("fetch the whole history (`git fetch --unshallow`, or `fetch-depth: 0` in actions/checkout)"),
                );
                return (h, diags);
            }
            git::Repo::Full { prefix } => prefix,
        };
        let Some(log) = git::log(root, &prefix) else {
            h.source = Source::NoCommit;
            return (h, diags);
        };
        h.source = Source::Git;
        for c in &log {
            let Some(commit) = Commit::from_logged(c) else {
                continue;
            };
            for f in &c.files {
                if let Some(item) = Item::of_path(&f.path) {
                    // Newest first: the first commit seen is the last change.
                    h.updated.entry(item).or_insert_with(|| Updated {
                        date: commit.date,
                        time: commit.time.clone(),
                        uncommitted: false,
                    });
                }
            }
        }
        let dirty = git::uncommitted(root, &prefix);
        if !dirty.is_empty() {
            if let Some(head) = git::head_time(root) {
                if let Ok(date) = Date::parse(head.get(..10).unwrap_or_default()) {
                    for item in dirty.iter().filter_map(|p| Item::of_path(p)) {
                        h.updated.insert(
                            item,
                            Updated {
                                date,
                                time: head.clone(),
                                uncommitted: true,
                            },
                        );
                    }
                }
            }
        }
        h.plans = plans::logs(root, site, &log, h.since);
        (h, diags)
    }

    /// Whether the dates come from git.
    pub fn from_git(&self) -> bool {
        self.source == Source::Git
    }

    /// When `item` last changed, from git.
    pub fn updated(&self, item: &Item) -> Option<&Updated> {
        self.updated.get(item)
    }

    /// When a plan last changed: from git, else its `date_published` (or
    /// `date_issued`) at midnight UTC, else `None`.
    pub fn plan_updated(&self, plan: &Plan) -> Option<Updated> {
        if let Some(u) = self.updated(&Item::Plan(plan.slug.0.clone())) {
            return Some(u.clone());
        }
        plan.date().map(|date| Updated {
            date,
            time: format!("{date}T00:00:00Z"),
            uncommitted: false,
        })
    }

    /// The history of the plan `slug` (empty outside git).
    pub fn plan(&self, slug: &str) -> Option<&PlanLog> {
        self.plans.get(slug)
    }

    /// Whether a commit of `date` is published (on or after `history.since`).
    pub fn published(&self, date: Date) -> bool {
        self.since.is_none_or(|s| date >= s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_belong_to_items() {
        assert_eq!(
            Item::of_path("content/plans/x/index.en.md"),
            Some(Item::Plan("x".into()))
        );
        assert_eq!(
            Item::of_path("content/plans/x/files/a.pdf"),
            Some(Item::Plan("x".into()))
        );
        assert_eq!(
            Item::of_path("content/jurisdictions/henan.md"),
            Some(Item::Jurisdiction("henan".into()))
        );
        assert_eq!(
            Item::of_path("content/pages/about.en.md"),
            Some(Item::Page("about".into()))
        );
        assert_eq!(
            Item::of_path("indicators/patents.yaml"),
            Some(Item::Indicator("patents".into()))
        );
        assert_eq!(Item::of_path("content/topics.yaml"), None);
    }
}
