//! Reported figures: what a plan says was achieved (`reported:`), and the
//! numbers of its text that are deliberately not data (`not_data:`).
//!
//! The front-matter shapes (`Raw*`, read with `deny_unknown_fields`) and the
//! validated values. Validation is in `validate::reported`; the series a
//! jurisdiction's reported values and baselines form is in
//! [`crate::facts::series`].

use serde::{Deserialize, Serialize};

use super::{Date, IndicatorId, Lang, Period, Unit};

labelled_enum!(
    /// How the text qualifies a reported figure.
    Qualifier {
        /// 余, 多, 逾, 超过: more than the figure.
        #[default] MoreThan = "more_than", "余", "more than";
        /// 约, 左右: about the figure.
        About = "about", "约", "about";
        /// 以上, 不少于: at least the figure.
        AtLeast = "at_least", "以上", "at least";
        /// 近, 接近: nearly the figure.
        Nearly = "nearly", "近", "nearly";
    }
);

impl Qualifier {
    /// A sign before the value on charts and in tables (`>`, `≈`, `≥`, `<`).
    pub fn sign(self) -> &'static str {
        match self {
            Qualifier::MoreThan => ">",
            Qualifier::About => "≈",
            Qualifier::AtLeast => "≥",
            Qualifier::Nearly => "<",
        }
    }
}

labelled_enum!(
    /// Why a number of the text is not data.
    Why {
        /// A rank or position.
        #[default] Ranking = "ranking", "排名", "a ranking";
        /// A count of documents, policies, meetings or events.
        DocumentCount = "document_count", "文件或活动数量", "a count of documents or events";
        /// A multiple, ratio or share derived from figures that are data.
        Multiple = "multiple", "倍数或比例", "a multiple or share";
        /// The same figure stated again.
        Repeat = "repeat", "重复", "stated again";
        /// Part of a name.
        InName = "in_name", "名称的一部分", "part of a name";
        /// Another reason, given in the note.
        Other = "other", "其他", "other";
    }
);

/// A `reported:` entry as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawReported {
    /// Catalogue id.
    pub id: IndicatorId,
    /// The name exactly as printed.
    pub label: String,
    /// The number as printed, in `unit`.
    pub value: f64,
    /// Unit as printed.
    #[serde(default)]
    pub unit: Option<String>,
    /// The year a level describes.
    #[serde(default)]
    pub year: Option<u16>,
    /// The period a total covers.
    #[serde(default)]
    pub period: Option<Period>,
    /// 余, 约, 以上, 近.
    #[serde(default)]
    pub qualifier: Option<Qualifier>,
    /// The same figure stated as a multiple of something.
    #[serde(default)]
    pub multiple: Option<Multiple>,
    /// Editorial note in Chinese.
    #[serde(default)]
    pub note_zh: Option<String>,
    /// Editorial note in English.
    #[serde(default)]
    pub note_en: Option<String>,
    /// Exact text of the body that states it.
    #[serde(default)]
    pub passage: Option<String>,
    /// Or, for a value from outside the plan, its source.
    #[serde(default)]
    pub source: Option<ExternalSource>,
}

/// A figure also stated as a multiple (`是“十二五”末的2.4倍`).
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Multiple {
    /// The multiple (2.4).
    pub value: f64,
    /// What it is a multiple of, in Chinese.
    pub of_zh: String,
    /// What it is a multiple of, in English.
    #[serde(default)]
    pub of_en: Option<String>,
}

impl Multiple {
    /// What it is a multiple of, in `lang` (the Chinese where no English).
    pub fn of(&self, lang: Lang) -> &str {
        match (lang, &self.of_en) {
            (Lang::En, Some(en)) => en,
            _ => &self.of_zh,
        }
    }
}

/// Where a monitoring value from outside the plan was published.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ExternalSource {
    /// Title of the publication.
    pub title: String,
    /// Who published it.
    #[serde(default)]
    pub issuer: Option<String>,
    /// When it was published.
    #[serde(default)]
    pub date: Option<Date>,
    /// Where it can be read.
    #[serde(default)]
    pub url: Option<String>,
}

/// A `not_data:` entry as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawNotData {
    /// Exact text of the body containing the number(s).
    pub passage: String,
    /// Why it is not data.
    pub why: Why,
    /// Why, in a sentence.
    pub note: String,
}

/// What time a reported value describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum When {
    /// A level at the end of a year.
    Year(u16),
    /// A total over years, inclusive.
    Period {
        /// First year.
        start: u16,
        /// Last year.
        end: u16,
    },
}

impl When {
    /// The year it ends in (where it sits on a time axis).
    pub fn end(self) -> u16 {
        match self {
            When::Year(y) => y,
            When::Period { end, .. } => end,
        }
    }

    /// `2020` or `2016–2020`.
    pub fn label(self) -> String {
        match self {
            When::Year(y) => y.to_string(),
            When::Period { start, end } => format!("{start}–{end}"),
        }
    }
}

/// Where a reported value comes from.
#[derive(Debug, Clone, PartialEq)]
pub enum Origin {
    /// A passage of the plan's text.
    Passage {
        /// The passage quoted.
        text: String,
        /// Its anchor in the Chinese page.
        anchor: String,
    },
    /// A publication outside the plan.
    Source(ExternalSource),
}

/// A validated reported value of a plan.
#[derive(Debug, Clone)]
pub struct ReportedValue {
    /// Catalogue id.
    pub id: IndicatorId,
    /// The name as printed.
    pub label: String,
    /// The value as printed, in `unit`.
    pub value: f64,
    /// Unit as printed (the catalogue's when the entry gives none).
    pub unit: Unit,
    /// The year or period it describes.
    pub when: When,
    /// 余, 约 …
    pub qualifier: Option<Qualifier>,
    /// Also stated as a multiple.
    pub multiple: Option<Multiple>,
    /// Editorial note in Chinese.
    pub note_zh: Option<String>,
    /// Editorial note in English.
    pub note_en: Option<String>,
    /// Its passage or source.
    pub origin: Origin,
}

impl ReportedValue {
    /// The editorial note in `lang` (the Chinese where no English).
    pub fn note(&self, lang: Lang) -> Option<&str> {
        match lang {
            Lang::En => self.note_en.as_deref().or(self.note_zh.as_deref()),
            Lang::Zh => self.note_zh.as_deref(),
        }
    }
}

/// A validated `not_data` entry.
#[derive(Debug, Clone, PartialEq)]
pub struct NotData {
    /// The passage.
    pub passage: String,
    /// Why it is not data.
    pub why: Why,
    /// The note.
    pub note: String,
}
