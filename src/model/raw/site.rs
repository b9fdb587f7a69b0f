//! The shape of `site.yaml` as users write it: titles, address, languages,
//! and the settings of Markdown, the public change history and figure
//! accounting.

use serde::Deserialize;

use crate::model::{Date, Lang, Localized};

fn default_true() -> bool {
    true
}

/// `site.yaml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteConfig {
    /// Site title in both languages.
    pub title: Localized<String>,
    /// One-line description for `<meta name=description>` and feeds.
    #[serde(default)]
    pub description: Option<Localized<String>>,
    /// Absolute URL the site is served from (`https://example.org/plans/`).
    pub base_url: String,
    /// Languages built; both are required today.
    #[serde(default = "default_langs")]
    pub languages: Vec<Lang>,
    /// Language at `/`.
    #[serde(default)]
    pub default_language: Lang,
    /// Publisher named in citations and feeds.
    #[serde(default)]
    pub publisher: Option<Localized<String>>,
    /// Licence of the data, as an SPDX id (`CC-BY-4.0`), named in
    /// `data/datapackage.json` and on the data page.
    #[serde(default)]
    pub licence: Option<String>,
    /// Minify HTML output (on by default).
    #[serde(default = "default_true")]
    pub minify: bool,
    /// How Markdown is published.
    #[serde(default)]
    pub markdown: MarkdownSettings,
    /// Where the public change history begins (`history: {since: DATE}`).
    #[serde(default)]
    pub history: HistorySettings,
    /// How the plans' figures are checked (`facts:`).
    #[serde(default)]
    pub facts: FactsSettings,
}

/// `site.yaml`'s `history:` settings.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HistorySettings {
    /// Commits before this date are not published as changes (edits made
    /// before the site went public); last-updated dates still count them.
    #[serde(default)]
    pub since: Option<Date>,
}

/// `site.yaml`'s `facts:` settings.
#[derive(Debug, Default, Clone, Copy, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FactsSettings {
    /// `check` and `build` warn about every number with a unit in a plan's
    /// text that is neither data nor set aside with `not_data:`.
    #[serde(default)]
    pub account_for_numbers: bool,
}

/// `site.yaml`'s `markdown:` settings.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MarkdownSettings {
    /// Publish raw HTML beyond the default allowlist, for a site that trusts
    /// its authors; scripts, event attributes and refused URL schemes are
    /// removed all the same.
    #[serde(default)]
    pub raw_html: bool,
}

fn default_langs() -> Vec<Lang> {
    vec![Lang::Zh, Lang::En]
}
