//! How plans relate to other documents: `relations:` in a plan's front
//! matter (a kind and a target, a plan of the site or an external
//! document), the reverse relations computed across the site, and each
//! plan's status (in force, expired, superseded) as of a fixed date.
//!
//! A plan's page shows what other plans say about it, but a build parses
//! plans a batch at a time: so every plan's title, period, relations and
//! aliases are read first, from the front matter alone ([`Index::scan`]).

mod check;
mod cycles;
mod scan;
mod status;

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::Serialize;

use super::{Date, Period, RelationKind, Status};

pub use check::{check as check_plan, check_related_titles};
pub use status::{as_of, AsOf};

/// One validated relation of a plan.
#[derive(Debug, Clone, Serialize)]
pub struct Relation {
    /// How the plan relates to the target.
    pub kind: RelationKind,
    /// What it relates to.
    #[serde(flatten)]
    pub target: RelationTarget,
    /// The passage that states it, when given.
    #[serde(skip)]
    pub passage: Option<String>,
    /// Anchor of the passage in the Chinese page.
    #[serde(skip)]
    pub anchor: Option<String>,
}

/// What a relation points at.
#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
pub enum RelationTarget {
    /// A plan of this site.
    Plan {
        /// Its slug.
        plan: String,
    },
    /// A document outside the site.
    External(External),
}

/// A document outside the site, as much as the text says of it.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct External {
    /// Title, without 《》.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Issuing body.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub issuer: Option<String>,
    /// Document number (文号).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub doc_number: Option<String>,
    /// Date.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
    /// URL.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// What the site knows of one plan before parsing it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Head {
    /// Title as printed.
    pub title: String,
    /// English title, when there is a translation.
    pub title_en: Option<String>,
    /// Period.
    pub period: Option<Period>,
    /// `draft: true`.
    pub draft: bool,
    /// Date published.
    pub date_published: Option<Date>,
    /// Relations to plans of the site: kind and slug.
    pub to_plans: Vec<(RelationKind, String)>,
    /// Titles of external targets (for the check that a title names a plan
    /// of the site).
    pub external_titles: Vec<String>,
    /// Aliases as written.
    pub aliases: Vec<String>,
    /// The plan's original file.
    pub path: PathBuf,
}

/// A plan's status and the plans that decide it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StatusOf {
    /// In force, expired or superseded.
    pub status: Status,
    /// Plans of the site that supersede it.
    pub superseded_by: Vec<String>,
    /// Plans of the site that amend it (it stays in force).
    pub amended_by: Vec<String>,
}

/// Every plan's head, and the relations reversed.
#[derive(Debug, Clone, Default)]
pub struct Index {
    /// The date statuses are computed as of.
    pub as_of: Option<Date>,
    /// Where that date comes from.
    pub as_of_from: AsOf,
    heads: BTreeMap<String, Head>,
    reverse: BTreeMap<String, Vec<(RelationKind, String)>>,
    /// Every plan's slug, published or held back.
    known: std::collections::BTreeSet<String>,
}

impl Index {
    /// An index of `heads`, as of `as_of`.
    pub fn new(heads: BTreeMap<String, Head>, as_of: Option<Date>, from: AsOf) -> Index {
        let mut ix = Index {
            as_of,
            as_of_from: from,
            known: heads.keys().cloned().collect(),
            heads,
            reverse: BTreeMap::new(),
        };
        ix.reverse_all();
        ix
    }

    fn reverse_all(&mut self) {
        self.reverse.clear();
        for (slug, h) in &self.heads {
            for (kind, target) in &h.to_plans {
                if target != slug && self.heads.contains_key(target) {
                    let list = self.reverse.entry(target.clone()).or_default();
                    if !list.contains(&(*kind, slug.clone())) {
                        list.push((*kind, slug.clone()));
                    }
                }
            }
        }
    }

    /// Leaves out the plans for which `held` is true (drafts and plans
    /// dated later, unless published): nothing links to a page not made.
    pub fn hold(&mut self, held: impl Fn(&Head) -> bool) {
        self.heads.retain(|_, h| !held(h));
        self.reverse_all();
    }

    /// Whether the plan at `slug`, as its files `zh` and `en` read now,
    /// has the head the index holds: when it does not (a relation, alias
    /// or period changed, or the title of a plan others relate to), other
    /// plans' pages change too, and `serve` builds the whole site again.
    pub fn unchanged(
        &self,
        slug: &str,
        path: &std::path::Path,
        zh: &str,
        en: Option<&str>,
    ) -> bool {
        match (self.heads.get(slug), scan::head_of(path, zh, en)) {
            (Some(old), Some(mut new)) => {
                new.path.clone_from(&old.path);
                // Its titles show on other pages only where they relate to it.
                if self.reverse_of(slug).is_empty() {
                    new.title.clone_from(&old.title);
                    new.title_en.clone_from(&old.title_en);
                }
                *old == new
            }
            _ => false,
        }
    }

    /// Whether the site has a plan at `slug`, published or held back.
    pub fn knows(&self, slug: &str) -> bool {
        self.known.contains(slug)
    }

    /// The head of the plan at `slug`, when the site has it.
    pub fn head(&self, slug: &str) -> Option<&Head> {
        self.heads.get(slug)
    }

    /// Every plan's slug and head, in slug order.
    pub fn heads(&self) -> impl Iterator<Item = (&str, &Head)> {
        self.heads.iter().map(|(s, h)| (s.as_str(), h))
    }

    /// What other plans of the site say about the plan at `slug`: (kind,
    /// the other plan's slug), in slug order.
    pub fn reverse_of(&self, slug: &str) -> &[(RelationKind, String)] {
        self.reverse.get(slug).map_or(&[], Vec::as_slice)
    }

    /// Slugs of the site close to `slug` (for a hint), at most three.
    pub fn close_to(&self, slug: &str) -> Vec<&str> {
        let mut scored: Vec<(usize, &str)> = self
            .heads
            .keys()
            .map(|k| (distance(k, slug), k.as_str()))
            .filter(|(d, _)| *d <= (slug.chars().count() / 4).max(2))
            .collect();
        scored.sort();
        scored.into_iter().take(3).map(|(_, k)| k).collect()
    }

    /// The plan of the site whose title is `title` (compared without
    /// 《》, quotes and spaces), if exactly one.
    pub fn plan_titled(&self, title: &str) -> Option<&str> {
        let want = plain_title(title);
        let mut found = self
            .heads
            .iter()
            .filter(|(_, h)| plain_title(&h.title) == want);
        match (found.next(), found.next()) {
            (Some((slug, _)), None) => Some(slug),
            _ => None,
        }
    }
}

/// A title without brackets, quotes, spaces and the difference between
/// full-width and ASCII parentheses and dashes, for comparing titles.
pub fn plain_title(t: &str) -> String {
    t.chars()
        .filter(|c| !matches!(c, '《' | '》' | '“' | '”' | '"' | '〈' | '〉') && !c.is_whitespace())
        .map(|c| match c {
            '（' => '(',
            '）' => ')',
            '—' | '–' | '－' => '-',
            c => c,
        })
        .collect()
}

/// Levenshtein distance over characters.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

pub use scan::scan;
