//! The view of a plan's relations and status for its page
//! (`plan_relations.html`), built in `pages::relations`.

use serde::Serialize;

use super::views::Link;

/// A plan's status and relations, both ways.
#[derive(Debug, Default, Serialize)]
pub struct RelationsView {
    /// Machine key of the status (`in_force`, `expired`, `superseded`).
    pub status_key: &'static str,
    /// The status in the page's language.
    pub status: String,
    /// The date the status is computed as of, in the page's language.
    pub as_of: String,
    /// The same date, `YYYY-MM-DD`, for `<time datetime>`.
    pub as_of_iso: String,
    /// Plans of the site that amend it (it stays in force).
    pub amended_by: Vec<Link>,
    /// Plans of the site that supersede it.
    pub superseded_by: Vec<Link>,
    /// What this plan says of other documents.
    pub outgoing: Vec<RelationItem>,
    /// What other plans of the site say of this one.
    pub incoming: Vec<RelationItem>,
}

/// One relation as shown.
#[derive(Debug, Default, Serialize)]
pub struct RelationItem {
    /// Kind key (`cites`, or `cited_by` for a reverse relation).
    pub key: String,
    /// The kind in the page's language.
    pub label: String,
    /// The other document's title.
    pub title: String,
    /// `lang` of the title.
    pub title_lang: String,
    /// Link to the other plan's page (a plan of the site).
    pub url: String,
    /// Link to the other document (an external one, where given).
    pub external_url: String,
    /// Issuer, number and date of an external document, joined.
    pub details: String,
    /// Link to the passage that states the relation.
    pub passage_url: String,
}
