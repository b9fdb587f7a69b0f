//! Stage 3: the validated site.
//!
//! [`build`] takes the loaded files, parses front matter and Markdown, and
//! checks every reference (a plan's jurisdiction, each indicator and topic
//! id, a translation's original, each passage). All problems are collected;
//! the site is returned only when there is no error.

mod bundle;
mod date;
mod headings;
mod ids;
mod lang;
pub mod raw;
mod script;
mod sense;
mod target;
mod translated;
pub mod units;
mod validate;

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

pub use bundle::{Attachment, MediaType};
pub use date::Date;
pub use ids::{is_valid_id, GroupId, IndicatorId, JurisdictionId, PlanSlug, TopicId};
pub use lang::{Lang, Localized};
pub use raw::{Period, Population, Source, YearValue};
pub use script::detect as detect_script;
pub use target::{Goal, Target};
pub use units::Unit;
pub use validate::{build, plan_in, read_plans, stage, PlanFiles, PlanTexts, Staged};

use crate::diag::Location;
use crate::parse::markdown::Doc;

macro_rules! labelled_enum {
    ($(#[$doc:meta])* $name:ident { $($(#[$vdoc:meta])* $variant:ident = $key:literal, $zh:literal, $en:literal;)+ }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default)]
        pub enum $name {
            $($(#[$vdoc])* #[serde(rename = $key)] $variant,)+
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            /// Machine key, as written in files and data exports.
            pub fn key(self) -> &'static str {
                match self { $($name::$variant => $key,)+ }
            }
            /// Label for readers in `lang`.
            pub fn label(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $(($name::$variant, Lang::Zh) => $zh, ($name::$variant, Lang::En) => $en,)+
                }
            }
        }
    };
}

labelled_enum!(
    /// What kind of document a plan is.
    DocType {
        /// 规划.
        #[default] Plan = "plan", "规划", "Plan";
        /// 工作方案.
        WorkPlan = "work_plan", "工作方案", "Work plan";
        /// 意见.
        Opinions = "opinions", "意见", "Opinions";
    }
);

labelled_enum!(
    /// Whether a target is a projection or mandatory.
    Attribute {
        /// 预期性.
        #[default] Expected = "expected", "预期性", "Expected";
        /// 约束性.
        Binding = "binding", "约束性", "Binding";
    }
);

labelled_enum!(
    /// How a target relates to its value.
    Comparator {
        /// Exactly (达到).
        #[default] Eq = "=", "", "";
        /// At least (以上, 超过).
        Ge = "≥", "≥", "≥";
        /// At most (以内).
        Le = "≤", "≤", "≤";
        /// About (左右).
        Approx = "≈", "约", "≈";
        /// Within a range, both ends included (3-5): the target has `min`
        /// and `max` instead of a value.
        Range = "range", "", "";
    }
);

labelled_enum!(
    /// The Chinese script a plan's text is written in, which decides the
    /// `lang` attribute of that text on every page.
    Script {
        /// Simplified characters (`zh-Hans`).
        #[default] Hans = "hans", "简体", "Simplified Chinese";
        /// Traditional characters (`zh-Hant`).
        Hant = "hant", "繁体", "Traditional Chinese";
    }
);

impl Script {
    /// The BCP 47 tag for `lang` attributes: `zh-Hans` or `zh-Hant`.
    pub fn lang_tag(self) -> &'static str {
        match self {
            Script::Hans => "zh-Hans",
            Script::Hant => "zh-Hant",
        }
    }
}

labelled_enum!(
    /// Administrative level of a jurisdiction.
    Level {
        /// A prefecture-level city.
        #[default] City = "city", "地级市", "City";
        /// A province or autonomous region.
        Province = "province", "省级", "Province";
        /// A group of provinces.
        Region = "region", "跨省区域", "Multi-province region";
        /// The whole country.
        Nation = "nation", "全国", "Nation";
    }
);

labelled_enum!(
    /// Indicator category, following the five links of IP work plus talent.
    Category {
        /// 创造.
        #[default] Creation = "creation", "知识产权创造", "Creation";
        /// 运用.
        Use = "use", "知识产权运用", "Use";
        /// 保护.
        Protection = "protection", "知识产权保护", "Protection";
        /// 管理.
        Management = "management", "知识产权管理", "Management";
        /// 服务.
        Services = "services", "知识产权服务", "Services";
        /// 人才.
        Talent = "talent", "知识产权人才", "Talent";
    }
);

labelled_enum!(
    /// What a measure counts, which decides what can be compared.
    Kind {
        /// A level at a point in time.
        #[default] Stock = "stock", "存量", "Stock (year-end level)";
        /// A flow within one year.
        Annual = "annual", "年度流量", "Annual flow";
        /// A total over the plan period.
        Cumulative = "cumulative", "期内累计", "Cumulative over the period";
        /// A percentage.
        Rate = "rate", "比率", "Rate";
        /// A survey score.
        Score = "score", "评分", "Score";
        /// A ratio to another population.
        Ratio = "ratio", "比值", "Ratio";
    }
);

labelled_enum!(
    /// Which direction of change is an improvement.
    Direction {
        /// Higher is better.
        #[default] Higher = "higher", "越高越好", "Higher is better";
        /// Lower is better.
        Lower = "lower", "越低越好", "Lower is better";
    }
);

/// Site settings.
#[derive(Debug, Clone)]
pub struct SiteConfig {
    /// Titles.
    pub title: Localized<String>,
    /// Descriptions.
    pub description: Localized<String>,
    /// Base URL, always ending in `/`.
    pub base_url: String,
    /// Publisher for citations.
    pub publisher: Localized<String>,
    /// Licence of the data (an SPDX id), when the site states one.
    pub licence: Option<String>,
    /// Minify output.
    pub minify: bool,
    /// How much raw HTML in Markdown is published (`markdown.raw_html`).
    pub raw_html: crate::parse::sanitize::RawHtml,
    /// How the plans' figures are checked (`facts:`).
    pub facts: raw::FactsSettings,
}

/// A jurisdiction.
#[derive(Debug, Clone)]
pub struct Jurisdiction {
    /// Id.
    pub id: JurisdictionId,
    /// Names.
    pub name: Localized<String>,
    /// Short names (the full names when the file gives none).
    pub short_name: Localized<String>,
    /// Level.
    pub level: Level,
    /// Parent.
    pub parent: Option<JurisdictionId>,
    /// Members, for regions.
    pub members: Vec<JurisdictionId>,
    /// Population.
    pub population: Option<Population>,
    /// Description body, rendered.
    pub body_html: String,
    /// Source file.
    pub path: PathBuf,
}

/// An indicator of the catalogue.
#[derive(Debug, Clone)]
pub struct IndicatorDef {
    /// Id.
    pub id: IndicatorId,
    /// Names.
    pub name: Localized<String>,
    /// Definitions.
    pub definition: Option<Localized<String>>,
    /// Unit as the catalogue states it.
    pub unit: Localized<String>,
    /// Parsed catalogue unit.
    pub unit_parsed: Unit,
    /// Category.
    pub category: Category,
    /// Kind.
    pub kind: Kind,
    /// Direction.
    pub direction: Direction,
    /// Per-capita normalisation applies.
    pub per_capita: bool,
    /// Comparability group.
    pub group: Option<GroupId>,
    /// How it differs from its look-alikes.
    pub group_note: Option<Localized<String>>,
    /// Source file.
    pub path: PathBuf,
}

/// A topic.
#[derive(Debug, Clone)]
pub struct Topic {
    /// Id.
    pub id: TopicId,
    /// Labels.
    pub label: Localized<String>,
}

/// One indicator value of a plan, validated.
#[derive(Debug, Clone)]
pub struct IndicatorValue {
    /// Catalogue id.
    pub id: IndicatorId,
    /// Name as printed.
    pub label: String,
    /// Unit as printed (the catalogue's when the entry gives none).
    pub unit: Unit,
    /// Whether the plan printed a unit.
    pub unit_printed: bool,
    /// Baseline.
    pub baseline: Option<YearValue>,
    /// Target.
    pub target: Option<Target>,
    /// Attribute.
    pub attribute: Option<Attribute>,
    /// Target is cumulative over the period.
    pub cumulative: bool,
    /// Stated basis.
    pub basis: Option<String>,
    /// Editorial note shown beside the figure.
    pub note: Option<String>,
    /// The passage quoted.
    pub passage: String,
    /// Anchor of the passage in the Chinese page.
    pub anchor: String,
    /// Where the entry is written (for warnings).
    pub location: Location,
}

/// A topic commitment of a plan.
#[derive(Debug, Clone)]
pub struct TopicTag {
    /// Topic id.
    pub id: TopicId,
    /// The passage quoted.
    pub passage: String,
    /// Anchor in the Chinese page.
    pub anchor: String,
}

/// The English translation of a plan.
#[derive(Debug, Clone)]
pub struct Translation {
    /// Title.
    pub title: String,
    /// Summary.
    pub summary: Option<String>,
    /// Issuers in English.
    pub issuers: Vec<String>,
    /// Translation note.
    pub note: Option<String>,
    /// Editorial notes.
    pub notes: Vec<String>,
    /// Addressees in English.
    pub addressees: Option<String>,
    /// Source description in English.
    pub source_description: Option<String>,
    /// English basis and note of indicator entries, by catalogue id.
    pub indicators: BTreeMap<IndicatorId, IndicatorText>,
    /// Rendered body.
    pub doc: Doc,
    /// Source file.
    pub path: PathBuf,
}

/// A translation's English text for one indicator entry.
#[derive(Debug, Clone, Default)]
pub struct IndicatorText {
    /// The stated basis in English.
    pub basis: Option<String>,
    /// The editorial note in English.
    pub note: Option<String>,
}

/// A plan with its text and data.
#[derive(Debug, Clone)]
pub struct Plan {
    /// Slug.
    pub slug: PlanSlug,
    /// Title as printed.
    pub title: String,
    /// Jurisdiction.
    pub jurisdiction: JurisdictionId,
    /// Document type.
    pub doc_type: DocType,
    /// Issuers.
    pub issuers: Vec<String>,
    /// Document number.
    pub doc_number: Option<String>,
    /// Date issued.
    pub date_issued: Option<Date>,
    /// Date published.
    pub date_published: Option<Date>,
    /// Period.
    pub period: Option<Period>,
    /// Addressees.
    pub addressees: Option<String>,
    /// Source.
    pub source: Source,
    /// Summary.
    pub summary: Option<String>,
    /// Editorial notes.
    pub notes: Vec<String>,
    /// Topic commitments.
    pub topics: Vec<TopicTag>,
    /// Indicator values.
    pub indicators: Vec<IndicatorValue>,
    /// Rendered Chinese body.
    pub doc: Doc,
    /// English translation, when there is one.
    pub translation: Option<Translation>,
    /// The files beside its Markdown, by name: published at
    /// `plans/<slug>/<name>` (once, for both languages).
    pub attachments: Vec<Attachment>,
    /// Source file of the original.
    pub path: PathBuf,
    /// Work in progress (`draft: true`): published only by `build --drafts`
    /// and shown by `serve` with a banner.
    pub draft: bool,
    /// The script of its Chinese text.
    pub script: Script,
    /// Figures it reports as achieved.
    pub reported: Vec<ReportedValue>,
    /// Numbers of its text set aside as not data.
    pub not_data: Vec<NotData>,
}

impl Plan {
    /// The date used for ordering and feeds: published, else issued.
    pub fn date(&self) -> Option<Date> {
        self.date_published.or(self.date_issued)
    }

    /// Title in `lang` (the Chinese title when there is no translation).
    pub fn title_in(&self, lang: Lang) -> &str {
        match (lang, &self.translation) {
            (Lang::En, Some(t)) => &t.title,
            _ => &self.title,
        }
    }
}

/// A free page in one language.
#[derive(Debug, Clone)]
pub struct Page {
    /// Name (file stem), the URL segment.
    pub name: String,
    /// Language.
    pub lang: Lang,
    /// Title.
    pub title: String,
    /// Description.
    pub description: Option<String>,
    /// Order.
    pub weight: i32,
    /// Rendered body.
    pub doc: Doc,
    /// Source file.
    pub path: PathBuf,
}

/// The whole validated site.
#[derive(Debug, Clone)]
pub struct Site {
    /// Settings.
    pub config: SiteConfig,
    /// Plans, sorted by slug.
    pub plans: Vec<Plan>,
    /// Jurisdictions by id.
    pub jurisdictions: BTreeMap<JurisdictionId, Jurisdiction>,
    /// The catalogue by id.
    pub indicators: BTreeMap<IndicatorId, IndicatorDef>,
    /// Topics in file order.
    pub topics: Vec<Topic>,
    /// Free pages, sorted by name then language.
    pub pages: Vec<Page>,
    /// The glossary, when the site has one.
    pub glossary: Vec<crate::glossary::Entry>,
}

impl Site {
    /// Frees every plan's text (original and translation: the HTML, the
    /// blocks, the table of contents), keeping its metadata and values: a
    /// build calls this once a plan's own pages are written and its text
    /// indexed, since no other page shows the text.
    pub fn drop_plan_text(&mut self) {
        for plan in &mut self.plans {
            plan.doc = Doc::default();
            if let Some(t) = &mut plan.translation {
                t.doc = Doc::default();
            }
        }
    }

    /// The jurisdiction of a plan (validated to exist).
    pub fn jurisdiction_of(&self, plan: &Plan) -> &Jurisdiction {
        &self.jurisdictions[&plan.jurisdiction]
    }
}

// Reported figures (a module after `labelled_enum!`, which it uses).
mod reported;
pub use reported::{
    ExternalSource, Multiple, NotData, Origin, Qualifier, RawNotData, RawReported, ReportedValue,
    When, Why,
};
