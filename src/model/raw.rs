//! The shapes of the files as users write them (deserialized with
//! `deny_unknown_fields`, so a misspelt field is an error). Validation turns
//! these into the model in `super`.

use serde::Deserialize;

use super::{
    Attribute, Category, Comparator, Date, Direction, DocType, IndicatorId, JurisdictionId, Kind,
    Lang, Level, Localized, Script, TopicId,
};
use crate::model::GroupId;

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
    /// How the plans' figures are checked (`facts:`).
    #[serde(default)]
    pub facts: FactsSettings,
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

/// Front matter of `index.md` (the original text).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanFront {
    /// Title as printed.
    pub title: String,
    /// Jurisdiction id.
    pub jurisdiction: JurisdictionId,
    /// Document type.
    pub doc_type: DocType,
    /// Issuing bodies as printed.
    #[serde(default)]
    pub issuers: Vec<String>,
    /// Document number (文号).
    #[serde(default)]
    pub doc_number: Option<String>,
    /// Date issued (成文日期).
    #[serde(default)]
    pub date_issued: Option<Date>,
    /// Date published.
    #[serde(default)]
    pub date_published: Option<Date>,
    /// Plan period.
    #[serde(default)]
    pub period: Option<Period>,
    /// Addressees line.
    #[serde(default)]
    pub addressees: Option<String>,
    /// Where the text came from.
    pub source: Source,
    /// Short summary.
    #[serde(default)]
    pub summary: Option<String>,
    /// Editorial notes shown on the page.
    #[serde(default)]
    pub notes: Vec<String>,
    /// Topics the plan commits to.
    #[serde(default)]
    pub topics: Vec<TopicRef>,
    /// Indicator values.
    #[serde(default)]
    pub indicators: Vec<IndicatorEntry>,
    /// Figures the plan reports as achieved (see `model::reported`).
    #[serde(default)]
    pub reported: Vec<super::reported::RawReported>,
    /// Numbers of the text that are deliberately not data.
    #[serde(default)]
    pub not_data: Vec<super::reported::RawNotData>,
    /// Work in progress: not published unless `build --drafts`.
    #[serde(default)]
    pub draft: bool,
    /// The Chinese script the text is written in (`hans`, the default, or
    /// `hant`): sets the `lang` of its text on every page.
    #[serde(default)]
    pub script: Script,
}

/// Front matter of `index.en.md` (the translation).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TranslationFront {
    /// Title in English.
    pub title: String,
    /// Summary in English.
    #[serde(default)]
    pub summary: Option<String>,
    /// Issuing bodies in English, same order as the original.
    #[serde(default)]
    pub issuers: Vec<String>,
    /// Who translated it and on what terms.
    #[serde(default)]
    pub translation_note: Option<String>,
    /// Editorial notes in English.
    #[serde(default)]
    pub notes: Vec<String>,
    /// Addressees line in English.
    #[serde(default)]
    pub addressees: Option<String>,
    /// Where the text came from, in English.
    #[serde(default)]
    pub source: Option<TranslationSource>,
    /// English text of indicator entries' basis and note, by catalogue id.
    #[serde(default)]
    pub indicators: Vec<TranslatedIndicator>,
}

/// A translation's `source:`: the description in English (the URL and
/// dates are the original's).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TranslationSource {
    /// What the text is and where it was found, in English.
    pub description: String,
}

/// A translation's English text for one indicator entry of the original.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TranslatedIndicator {
    /// Catalogue id of an entry of the original plan.
    pub id: IndicatorId,
    /// The stated basis in English.
    #[serde(default)]
    pub basis: Option<String>,
    /// The editorial note in English.
    #[serde(default)]
    pub note: Option<String>,
}

/// A plan period in years, inclusive.
#[derive(Debug, Clone, Copy, Deserialize, serde::Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Period {
    /// First year.
    pub start: u16,
    /// Last year.
    pub end: u16,
}

/// Provenance of a plan text.
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// What the text is and where it was found.
    pub description: String,
    /// URL, when known.
    #[serde(default)]
    pub url: Option<String>,
    /// When it was retrieved.
    #[serde(default)]
    pub retrieved: Option<Date>,
    /// Date of the page the text was taken from (a reprint's date), when
    /// it is not the official publication date.
    #[serde(default)]
    pub date: Option<Date>,
}

/// A topic tag with the passage that makes the commitment.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TopicRef {
    /// Topic id.
    pub id: TopicId,
    /// Exact text from the body.
    pub passage: String,
}

/// A value with its year.
#[derive(Debug, Clone, Copy, Deserialize, serde::Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct YearValue {
    /// Year.
    pub year: u16,
    /// Value in the entry's unit.
    pub value: f64,
}

/// A target as written: year, value and comparator, or for
/// `comparator: range` the bounds `min` and `max` instead of `value`
/// (checked and turned into a [`super::Target`] by `target::validate`).
#[derive(Debug, Clone, Copy, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Target {
    /// Target year.
    pub year: u16,
    /// Target value in the entry's unit; absent for a range.
    #[serde(default)]
    pub value: Option<f64>,
    /// `=`, `≥`, `≤`, `≈` or `range`.
    #[serde(default)]
    pub comparator: Comparator,
    /// Lower bound of a range.
    #[serde(default)]
    pub min: Option<f64>,
    /// Upper bound of a range.
    #[serde(default)]
    pub max: Option<f64>,
}

/// One indicator value in a plan's front matter.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IndicatorEntry {
    /// Catalogue id.
    pub id: IndicatorId,
    /// Name exactly as printed.
    pub label: String,
    /// Unit as printed.
    #[serde(default)]
    pub unit: Option<String>,
    /// Baseline, when given.
    #[serde(default)]
    pub baseline: Option<YearValue>,
    /// Target, when given.
    #[serde(default)]
    pub target: Option<Target>,
    /// Expected or binding.
    #[serde(default)]
    pub attribute: Option<Attribute>,
    /// Target is a total over the period.
    #[serde(default)]
    pub cumulative: bool,
    /// Stated basis (备注).
    #[serde(default)]
    pub basis: Option<String>,
    /// Editorial note shown beside the figure (e.g. why it is read as
    /// cumulative).
    #[serde(default)]
    pub note: Option<String>,
    /// Exact text from the body giving the value.
    pub passage: String,
}

/// `content/jurisdictions/<id>.md` front matter.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JurisdictionFront {
    /// Names.
    pub name: Localized<String>,
    /// Short names for narrow places such as the comparison matrix's
    /// column headers (`包头`, `Baotou`); the full name when absent.
    #[serde(default)]
    pub short_name: Option<Localized<String>>,
    /// Administrative level.
    pub level: Level,
    /// Parent jurisdiction.
    #[serde(default)]
    pub parent: Option<JurisdictionId>,
    /// Members, for a region.
    #[serde(default)]
    pub members: Vec<JurisdictionId>,
    /// Population record.
    #[serde(default)]
    pub population: Option<Population>,
}

/// A population figure with its source.
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Population {
    /// Reference year.
    pub year: u16,
    /// Number of people.
    pub value: u64,
    /// Source, in Chinese.
    pub source: String,
    /// Source, in English.
    #[serde(default)]
    pub source_en: Option<String>,
}

impl Population {
    /// The source in `lang`: the English one on English pages where it is
    /// given, else the Chinese.
    pub fn source_in(&self, lang: super::Lang) -> &str {
        match (lang, &self.source_en) {
            (super::Lang::En, Some(en)) => en,
            _ => &self.source,
        }
    }
}

/// `indicators/<id>.yaml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IndicatorFile {
    /// Names.
    pub name: Localized<String>,
    /// Definitions.
    #[serde(default)]
    pub definition: Option<Localized<String>>,
    /// Catalogue unit.
    pub unit: Localized<String>,
    /// Category.
    pub category: Category,
    /// Kind of measure.
    pub kind: Kind,
    /// Which way is better.
    #[serde(default)]
    pub direction: Direction,
    /// A total that per-capita normalisation makes sense for.
    #[serde(default)]
    pub per_capita: bool,
    /// Comparability group.
    #[serde(default)]
    pub group: Option<GroupId>,
    /// How it differs from look-alikes.
    #[serde(default)]
    pub group_note: Option<Localized<String>>,
}

/// One entry of `content/topics.yaml`.
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct TopicFile {
    /// Topic id.
    pub id: TopicId,
    /// Chinese label.
    pub zh: String,
    /// English label.
    pub en: String,
}

/// Front matter of a free page.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PageFront {
    /// Title.
    pub title: String,
    /// Description for search engines.
    #[serde(default)]
    pub description: Option<String>,
    /// Order in navigation (smaller first).
    #[serde(default)]
    pub weight: i32,
}
