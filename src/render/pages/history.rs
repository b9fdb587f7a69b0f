//! What pages show from git: the last-updated line of a page, a plan's
//! change history section, the recent changes page and the home page's
//! latest few ([`crate::history`]).

use crate::history::events::{self, Event, Kind};
use crate::history::{Item, Updated};
use crate::model::{Lang, Plan};

use super::super::history_views::*;
use super::super::routes::Route;
use super::{Cx, Page};

/// Changes listed on the `changes/` page (the feed has its own limit).
const PAGE_ITEMS: usize = 200;
/// Changes listed on the home page.
const HOME_ITEMS: usize = 5;

fn view(u: &Updated, lang: Lang, history_url: String) -> UpdatedView {
    UpdatedView {
        date: u.date.display(lang),
        time: u.time.clone(),
        uncommitted: u.uncommitted,
        history_url,
    }
}

/// When what the page at `route` shows last changed: a plan (its page and
/// side-by-side page), a jurisdiction, a catalogue entry or a free page.
pub(super) fn updated(cx: &Cx<'_>, route: &Route) -> Option<UpdatedView> {
    let h = &cx.site.history;
    let lang = cx.lang;
    match route {
        Route::Plan(slug) | Route::Parallel(slug) => {
            let plan = cx.lookup.plan(slug)?;
            let url = format!("{}#history", cx.url(&Route::Plan(slug.clone())));
            h.plan_updated(plan).map(|u| view(&u, lang, url))
        }
        Route::Jurisdiction(id) => h
            .updated(&Item::Jurisdiction(id.clone()))
            .map(|u| view(u, lang, String::new())),
        Route::Indicator(id) => h
            .updated(&Item::Indicator(id.clone()))
            .map(|u| view(u, lang, String::new())),
        Route::Page(name) => h
            .updated(&Item::Page(name.clone()))
            .map(|u| view(u, lang, String::new())),
        _ => None,
    }
}

/// Labels of the fields `plansite diff` names, for readers: the theme's
/// `history_field.<field>` string where it has one, else the name as is.
fn field_label(cx: &Cx<'_>, field: &str) -> String {
    let key: String = field
        .chars()
        .filter(|c| *c != '(' && *c != ')')
        .map(|c| if c == ' ' { '_' } else { c })
        .collect();
    let label = cx.t(&format!("hf_{key}"));
    if label.is_empty() {
        field.to_owned()
    } else {
        label
    }
}

/// A plan's change history section.
pub(super) fn plan_history(cx: &Cx<'_>, plan: &Plan) -> PlanHistory {
    let site = cx.site;
    let h = &site.history;
    let lang = cx.lang;
    let mut entries: Vec<(String, HistoryEntry)> = Vec::new();
    let log = h.plan(plan.slug.as_str());
    for e in log.map(|l| l.entries.as_slice()).unwrap_or_default() {
        let changes = e
            .changes
            .iter()
            .map(|c| {
                let def = c
                    .indicator
                    .as_ref()
                    .and_then(|id| site.indicators.iter().find(|(k, _)| k.as_str() == id));
                let (value, value_lang) = match (lang, def, c.label.is_empty()) {
                    (_, _, true) => (String::new(), ""),
                    (Lang::En, Some((_, d)), _) => (d.name.en.clone(), "en"),
                    _ => (c.label.clone(), plan.script.lang_tag()),
                };
                ChangeRow {
                    value,
                    value_lang,
                    field: field_label(cx, c.field),
                    old: c.old.clone(),
                    new: c.new.clone(),
                }
            })
            .collect();
        entries.push((
            e.commit.time.clone(),
            HistoryEntry {
                date: e.commit.date.display(lang),
                time: e.commit.time.clone(),
                subject: e.commit.subject.clone(),
                note: String::new(),
                note_lang: "",
                changes,
            },
        ));
    }
    for c in &plan.corrections {
        let (note, note_lang) = match lang {
            Lang::Zh => (c.note_zh.clone(), "zh-Hans"),
            Lang::En => (c.note_en.clone(), "en"),
        };
        let time = format!("{}T00:00:00Z", c.date);
        entries.push((
            time.clone(),
            HistoryEntry {
                date: c.date.display(lang),
                time: c.date.to_string(),
                subject: String::new(),
                note,
                note_lang,
                changes: Vec::new(),
            },
        ));
    }
    // Newest first; the sort is stable, so a day's commits keep git's order.
    entries.sort_by(|a, b| b.0.get(..10).cmp(&a.0.get(..10)));
    let edits = log.map_or(0, |l| l.text_edits);
    PlanHistory {
        entries: entries.into_iter().map(|(_, e)| e).collect(),
        text_edits: if edits > 0 {
            cx.t("history_text_edits")
                .replace("{n}", &edits.to_string())
        } else {
            String::new()
        },
        since: h.since.map(|d| d.display(lang)).unwrap_or_default(),
        from_git: h.from_git(),
    }
}

/// One change as listed.
fn item(cx: &Cx<'_>, e: &Event<'_>) -> ChangeItem {
    let lang = cx.lang;
    let p = e.plan;
    let mut url = cx.url(&Route::Plan(p.slug.0.clone()));
    if matches!(e.kind, Kind::Corrected | Kind::Note) {
        url.push_str("#history");
    }
    let (text, text_lang) = match (e.note, lang) {
        (Some(n), Lang::Zh) => (n.note_zh.clone(), ""),
        (Some(n), Lang::En) => (n.note_en.clone(), ""),
        // A subject is shown as written, in whatever language.
        (None, _) => (e.subject.clone(), ""),
    };
    ChangeItem {
        date: e.date.display(lang),
        time: e.time.clone(),
        kind: e.kind,
        kind_label: e.kind.label(lang),
        title: p.title_in(lang).to_owned(),
        title_lang: match (lang, &p.translation, p.script) {
            (Lang::En, Some(_), _) | (Lang::Zh, _, crate::model::Script::Hans) => "",
            _ => p.script.lang_tag(),
        },
        url,
        text,
        text_lang,
        fields: e.fields,
    }
}

/// The newest changes, for the home page.
pub(super) fn latest(cx: &Cx<'_>) -> Vec<ChangeItem> {
    events::events(cx.site)
        .iter()
        .take(HOME_ITEMS)
        .map(|e| item(cx, e))
        .collect()
}

/// The recent changes page.
pub(super) fn page(cx: &Cx<'_>) -> Page<ChangesPage> {
    let all = events::events(cx.site);
    let h = &cx.site.history;
    Page {
        template: "changes.html",
        title: cx.t("changes_title"),
        description: cx.t("changes_intro"),
        section: "changes",
        view: ChangesPage {
            items: all.iter().take(PAGE_ITEMS).map(|e| item(cx, e)).collect(),
            total: all.len(),
            since: h.since.map(|d| d.display(cx.lang)).unwrap_or_default(),
            from_git: h.from_git(),
        },
    }
}
