//! The shapes of the files as users write them (deserialized with
//! `deny_unknown_fields`, so a misspelt field is an error). Validation turns
//! these into the model in `super`.

use serde::Deserialize;

use super::{
    Attribute, Category, Comparator, Date, Direction, DocType, IndicatorId, JurisdictionId, Kind,
    Level, Localized, Script, TopicId,
};
use crate::model::GroupId;

mod site;
pub use site::{FactsSettings, HistorySettings, MarkdownSettings, SiteConfig};

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
    /// Editorial entries of the plan's change history, for changes git
    /// cannot explain.
    #[serde(default)]
    pub corrections: Vec<Correction>,
    /// How this document relates to others (see `model::relations`).
    #[serde(default)]
    pub relations: Vec<RelationEntry>,
    /// Old paths of this plan's page (`/plans/old-slug/`), each published as
    /// a redirect to it (see `model::aliases`).
    #[serde(default)]
    pub aliases: Vec<String>,
}

/// One editorial entry of a plan's change history (`corrections:`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Correction {
    /// When the correction was made.
    pub date: Date,
    /// What was corrected, in Chinese.
    #[serde(deserialize_with = "non_empty")]
    pub note_zh: String,
    /// What was corrected, in English.
    #[serde(deserialize_with = "non_empty")]
    pub note_en: String,
}

/// A string that is not blank: a note must say something.
fn non_empty<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    let s = String::deserialize(d)?;
    if s.trim().is_empty() {
        return Err(serde::de::Error::custom(
            "this note is empty; say what was corrected, in both note_zh and note_en",
        ));
    }
    Ok(s.trim().to_owned())
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
    /// English titles of the original's external relation targets, keyed by
    /// the title as the original gives it.
    #[serde(default)]
    pub related_titles: std::collections::BTreeMap<String, String>,
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

/// One entry of a plan's `relations:`: a kind and a target, either a plan
/// of the site (`plan: SLUG`) or an external document (`title` or
/// `doc_number`, with what else the text gives).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RelationEntry {
    /// How the plan relates to the target.
    pub kind: super::RelationKind,
    /// The slug of a plan of this site.
    #[serde(default)]
    pub plan: Option<String>,
    /// An external document's title, as the text gives it (without 《》).
    #[serde(default)]
    pub title: Option<String>,
    /// An external document's issuing body.
    #[serde(default)]
    pub issuer: Option<String>,
    /// An external document's number (文号), such as 中发〔2016〕7号.
    #[serde(default)]
    pub doc_number: Option<String>,
    /// An external document's date.
    #[serde(default)]
    pub date: Option<Date>,
    /// An external document's URL.
    #[serde(default)]
    pub url: Option<String>,
    /// Exact text from the body that states the relation.
    #[serde(default)]
    pub passage: Option<String>,
}
