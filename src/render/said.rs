//! Text a page shows in its reader's language where it has it, else in
//! Chinese, marked: an English page shows the translation's addressees,
//! source, notes and each figure's basis and note, and where a translation
//! lacks one, the Chinese text with the plan's script as its `lang` and a
//! flag the template turns into an "untranslated" label, never Chinese
//! passed off as English.

use serde::Serialize;

use crate::model::{IndicatorValue, Lang, Plan};

/// A piece of text with its language.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Said {
    /// The text.
    pub text: String,
    /// Its `lang`: `en`, `zh-Hans` or `zh-Hant`.
    pub lang: &'static str,
    /// An English page shows the Chinese text for want of a translation.
    pub untranslated: bool,
}

/// `en` on an English page when there is English text; else the Chinese,
/// in the plan's script, flagged untranslated on an English page. `None`
/// when there is neither.
pub fn pick(plan: &Plan, lang: Lang, en: Option<&str>, zh: Option<&str>) -> Option<Said> {
    match (lang, en) {
        (Lang::En, Some(en)) => Some(Said {
            text: en.to_owned(),
            lang: "en",
            untranslated: false,
        }),
        _ => zh.map(|zh| Said {
            text: zh.to_owned(),
            lang: plan.script.lang_tag(),
            untranslated: lang == Lang::En,
        }),
    }
}

/// The plan's addressees for `lang`.
pub fn addressees(plan: &Plan, lang: Lang) -> Option<Said> {
    let en = plan
        .translation
        .as_ref()
        .and_then(|t| t.addressees.as_deref());
    pick(plan, lang, en, plan.addressees.as_deref())
}

/// The plan's source description for `lang`.
pub fn source(plan: &Plan, lang: Lang) -> Option<Said> {
    let en = plan
        .translation
        .as_ref()
        .and_then(|t| t.source_description.as_deref());
    pick(plan, lang, en, Some(&plan.source.description))
}

/// The editorial notes for `lang`: the translation's when it has any, else
/// the Chinese ones (marked untranslated on an English page).
pub fn notes(plan: &Plan, lang: Lang) -> Vec<Said> {
    let en = plan
        .translation
        .as_ref()
        .map(|t| t.notes.as_slice())
        .filter(|n| !n.is_empty());
    match (lang, en) {
        (Lang::En, Some(en)) => en
            .iter()
            .filter_map(|n| pick(plan, lang, Some(n), None))
            .collect(),
        _ => plan
            .notes
            .iter()
            .filter_map(|n| pick(plan, lang, None, Some(n)))
            .collect(),
    }
}

/// The stated basis and the editors' note of a figure for `lang`.
pub fn basis_and_note(plan: &Plan, v: &IndicatorValue, lang: Lang) -> (Option<Said>, Option<Said>) {
    let en = plan
        .translation
        .as_ref()
        .and_then(|t| t.indicators.get(&v.id));
    (
        pick(
            plan,
            lang,
            en.and_then(|e| e.basis.as_deref()),
            v.basis.as_deref(),
        ),
        pick(
            plan,
            lang,
            en.and_then(|e| e.note.as_deref()),
            v.note.as_deref(),
        ),
    )
}
