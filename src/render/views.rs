//! Typed views handed to templates. Each page gets only what it shows,
//! borrowed from the site where possible; the model never reaches a template.

use serde::Serialize;

use crate::parse::markdown::TocEntry;

/// What every page's layout needs.
#[derive(Debug, Serialize)]
pub struct Base<'a> {
    /// `zh` or `en`.
    pub lang: &'static str,
    /// `zh-Hans` or `en`.
    pub html_lang: &'static str,
    /// Relative prefix back to the language's home (`../../`).
    pub home: String,
    /// Relative prefix back to the output root (static assets, other language).
    pub root: String,
    /// Page title (without the site title).
    pub title: String,
    /// Meta description.
    pub description: String,
    /// Absolute canonical URL.
    pub canonical: String,
    /// Absolute URL of the Chinese version.
    pub href_zh: String,
    /// Absolute URL of the English version.
    pub href_en: String,
    /// Relative link to the same page in the other language.
    pub other_url: String,
    /// Site title in this language.
    pub site_title: &'a str,
    /// Which navigation entry is current.
    pub section: &'static str,
    /// Free pages for the footer navigation.
    pub pages: Vec<Link>,
    /// When what this page shows last changed, where that is known.
    pub updated: Option<super::history_views::UpdatedView>,
}

/// A link with its text.
#[derive(Debug, Serialize, Clone)]
pub struct Link {
    /// Text.
    pub text: String,
    /// Relative URL.
    pub url: String,
}

/// A plan in a list.
#[derive(Debug, Serialize)]
pub struct PlanItem {
    /// Title in the page language.
    pub title: String,
    /// `lang` of the title and summary where it is not the page's: the
    /// plan's script (`zh-Hant`) on a Chinese page, the Chinese title of a
    /// plan without translation on an English page; else empty.
    pub title_lang: &'static str,
    /// URL.
    pub url: String,
    /// Jurisdiction name.
    pub jurisdiction: String,
    /// Jurisdiction URL.
    pub jurisdiction_url: String,
    /// Document type label.
    pub doc_type: String,
    /// Date shown.
    pub date: String,
    /// Summary.
    pub summary: String,
    /// Number of indicator values.
    pub indicator_count: usize,
    /// False on English pages for plans without translation.
    pub translated: bool,
}

/// One indicator value in a table.
#[derive(Debug, Serialize)]
pub struct ValueRow {
    /// Indicator name (printed name on Chinese pages, catalogue name on English ones).
    pub name: String,
    /// Name as printed in the plan (Chinese).
    pub label_zh: String,
    /// `lang` of the plan's Chinese text: `zh-Hans` or `zh-Hant`.
    pub zh_lang: &'static str,
    /// Link to the indicator page.
    pub indicator_url: String,
    /// Plan title (for indicator pages).
    pub plan: String,
    /// Plan URL.
    pub plan_url: String,
    /// Jurisdiction name.
    pub jurisdiction: String,
    /// Jurisdiction id.
    pub jurisdiction_id: String,
    /// Unit label.
    pub unit: String,
    /// Baseline year.
    pub baseline_year: String,
    /// Baseline value.
    pub baseline: String,
    /// Target year.
    pub target_year: String,
    /// Target value with comparator.
    pub target: String,
    /// Attribute label.
    pub attribute: String,
    /// Cumulative over the period.
    pub cumulative: bool,
    /// Implied growth, formatted.
    pub cagr: String,
    /// Why there is no implied growth where a reader would look for one
    /// (a range target), empty otherwise.
    pub cagr_note: String,
    /// Stated basis, in the page's language where translated.
    pub basis: Option<super::said::Said>,
    /// The editors' note on the figure, in the page's language where
    /// translated.
    pub note: Option<super::said::Said>,
    /// `agree`, `disagree` or empty.
    pub basis_check: &'static str,
    /// Per-10,000-people target, formatted with unit.
    pub per_10k: String,
    /// Link to the passage in the plan.
    pub passage_url: String,
    /// The passage.
    pub passage: String,
}

/// A plan page.
#[derive(Debug, Serialize)]
pub struct PlanPage {
    /// Status and relations both ways.
    pub relations: super::relations::RelationsView,
    /// Title in the page language.
    pub title: String,
    /// Original title.
    pub title_zh: String,
    /// Jurisdiction.
    pub jurisdiction: Link,
    /// Document type.
    pub doc_type: String,
    /// Issuers in the page language.
    pub issuers: Vec<String>,
    /// `lang` of the issuers: `en`, or the plan's script where they are
    /// shown as printed.
    pub issuers_lang: &'static str,
    /// Document number.
    pub doc_number: String,
    /// Date issued.
    pub date_issued: String,
    /// Date published.
    pub date_published: String,
    /// Period.
    pub period: String,
    /// `lang` of the plan's Chinese text: `zh-Hans` or `zh-Hant`.
    pub zh_lang: &'static str,
    /// Addressees, in the page's language where translated.
    pub addressees: Option<super::said::Said>,
    /// Source description, in the page's language where translated.
    pub source: Option<super::said::Said>,
    /// Date of the page the text was taken from (a reprint's).
    pub source_date: String,
    /// Source URL.
    pub source_url: String,
    /// Retrieved date.
    pub retrieved: String,
    /// Summary.
    pub summary: String,
    /// Editorial notes, in the page's language where translated.
    pub notes: Vec<super::said::Said>,
    /// Body HTML (empty on English pages without translation).
    pub body: String,
    /// `lang` of the body.
    pub body_lang: &'static str,
    /// Table of contents.
    pub toc: Vec<TocEntry>,
    /// True when this is an English page with a translation.
    pub translated: bool,
    /// True when this is an English page without a translation.
    pub untranslated: bool,
    /// Translation note.
    pub translation_note: String,
    /// URL of the Chinese original page.
    pub original_url: String,
    /// URL of the side-by-side view.
    pub parallel_url: String,
    /// Indicator values.
    pub indicators: Vec<ValueRow>,
    /// Topics with links to passages.
    pub topics: Vec<Link>,
    /// The files published beside the plan (its page bundle).
    pub attachments: Vec<super::bundle::AttachmentItem>,
    /// Number of responsible-unit notes.
    pub responsibilities: usize,
    /// Its tasks and their agencies.
    pub tasks: crate::render::pages::PlanTasks,
    /// GB/T 7714-2015 citation.
    pub cite_gb: String,
    /// Its `lang`: English on a translated plan's English page, else the
    /// original's script.
    pub cite_gb_lang: &'static str,
    /// BibTeX citation.
    pub cite_bibtex: String,
    /// The figures it reports as achieved.
    pub reported: super::pages::PlanReported,
    /// URL of the plan's `cite.bib` (the same BibTeX, to download).
    pub cite_bib_url: String,
    /// URL of the plan's `cite.ris` (RIS, for reference managers).
    pub cite_ris_url: String,
    /// The change history section.
    pub history: super::history_views::PlanHistory,
    /// A draft (`draft: true`), shown with a banner (by `serve`, or a
    /// build with `--drafts`).
    pub draft: bool,
}

/// One row of the side-by-side view.
#[derive(Debug, Serialize)]
pub struct ParallelRow {
    /// Chinese block HTML.
    pub zh: String,
    /// English block HTML.
    pub en: String,
}

/// The side-by-side page.
#[derive(Debug, Serialize)]
pub struct ParallelPage {
    /// Title.
    pub title: String,
    /// `lang` of the Chinese column.
    pub zh_lang: &'static str,
    /// Plan page URL.
    pub plan_url: String,
    /// Rows.
    pub rows: Vec<ParallelRow>,
    /// Structure warning, when the files do not align.
    pub misaligned: bool,
}

/// A jurisdiction in a list or on its page.
#[derive(Debug, Serialize)]
pub struct JurisdictionPage {
    /// Name.
    pub name: String,
    /// URL.
    pub url: String,
    /// Level label.
    pub level: String,
    /// Parent link.
    pub parent: Option<Link>,
    /// Member links.
    pub members: Vec<Link>,
    /// Population, formatted.
    pub population: String,
    /// Population year and source.
    pub population_source: String,
    /// Description HTML.
    pub body: String,
    /// Plans (empty in the list of jurisdictions).
    pub plans: Vec<PlanItem>,
    /// How many plans it has.
    pub plans_total: usize,
    /// Its section of the agencies index, empty when it has no agencies.
    pub agencies_url: String,
    /// Indicator values of its plans (empty in the list of jurisdictions).
    pub indicators: Vec<ValueRow>,
}

/// An indicator of the catalogue, in a list or on its page.
#[derive(Debug, Serialize)]
pub struct IndicatorPage {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Name in the other language.
    pub name_other: String,
    /// URL.
    pub url: String,
    /// Definition.
    pub definition: String,
    /// Catalogue unit.
    pub unit: String,
    /// Category label.
    pub category: String,
    /// Kind label.
    pub kind: String,
    /// Direction label.
    pub direction: String,
    /// Comparability group id.
    pub group: String,
    /// How it differs from look-alikes.
    pub group_note: String,
    /// Look-alike indicators with their values.
    pub look_alikes: Vec<LookAlike>,
    /// Values across jurisdictions (the first few only on the home page,
    /// none in the list of indicators, which shows `values_total`).
    pub values: Vec<ValueRow>,
    /// How many values there are in all.
    pub values_total: usize,
    /// Charts, each a `<figure>` with its inline SVG, table of values and
    /// download links.
    pub charts: Vec<String>,
    /// Per-indicator CSV URL.
    pub csv_url: String,
    /// Data citation.
    pub cite: String,
    /// Reported series, one per jurisdiction with a reported value.
    pub series: super::pages::IndicatorSeries,
}

/// A measure from the same comparability group.
#[derive(Debug, Serialize)]
pub struct LookAlike {
    /// Name and link.
    pub link: Link,
    /// Kind label.
    pub kind: String,
    /// How it differs.
    pub note: String,
    /// Its first values (all of them on a small site).
    pub values: Vec<ValueRow>,
    /// How many values it has in all.
    pub values_total: usize,
    /// Its page, for the values not shown here.
    pub url: String,
}

/// One glossary entry for the page.
#[derive(Debug, Serialize)]
pub struct GlossaryRow {
    /// Chinese.
    pub zh: String,
    /// English.
    pub en: String,
    /// Note.
    pub note: String,
    /// Rejected variants.
    pub reject: String,
}
