//! Tasks and agencies on pages: the task table of a plan page, each
//! agency's page (its tasks across plans, by role) and the agencies index,
//! grouped by jurisdiction.

use serde::Serialize;

use crate::model::{Lang, Plan};
use crate::tasks::{Agency, DueBasis, Role, Task};

use super::super::routes::Route;
use super::super::views::Link;
use super::{Cx, Page};

/// An agency a task names, linked to its page when the catalogue has it.
#[derive(Debug, Clone, Serialize)]
pub struct AgencyRef {
    /// Its name in the page language (as printed when not resolved).
    pub text: String,
    /// Its page; empty when the name is not in the catalogue.
    pub url: String,
    /// `lang` of the text.
    pub lang: &'static str,
}

/// A row of a task table.
#[derive(Debug, Clone, Serialize)]
pub struct TaskRow {
    /// 1-based number in the plan.
    pub number: usize,
    /// Title in the page language (the Chinese when untranslated).
    pub title: String,
    /// `lang` of the title.
    pub title_lang: &'static str,
    /// Link to the task's paragraph.
    pub url: String,
    /// Lead agencies.
    pub lead: Vec<AgencyRef>,
    /// Supporting agencies.
    pub supporting: Vec<AgencyRef>,
    /// Responsible agencies (the text not saying who leads).
    pub responsible: Vec<AgencyRef>,
    /// Deadline, as shown (`2025-06`), empty when none.
    pub due: String,
    /// Whether the deadline is the end of the plan's timetable.
    pub due_from_timetable: bool,
    /// The plan, on agency pages.
    pub plan: Option<Link>,
}

/// A phase of the timetable, as shown.
#[derive(Debug, Clone, Serialize)]
pub struct PhaseRow {
    /// Name in the page language.
    pub name: String,
    /// `lang` of the name.
    pub lang: &'static str,
    /// `2022-07 – 2022-09`.
    pub months: String,
}

/// The task section of a plan page.
#[derive(Debug, Clone, Serialize, Default)]
pub struct PlanTasks {
    /// Rows in text order.
    pub rows: Vec<TaskRow>,
    /// Whether any task names lead or supporting agencies (else one column
    /// of responsible agencies).
    pub has_lead: bool,
    /// Whether any task names responsible agencies.
    pub has_responsible: bool,
    /// Whether any task has a deadline.
    pub has_due: bool,
    /// The timetable.
    pub phases: Vec<PhaseRow>,
}

/// The task section of `plan`'s page.
pub(super) fn plan_tasks(cx: &Cx<'_>, plan: &Plan) -> PlanTasks {
    let rows: Vec<TaskRow> = plan.tasks.iter().map(|t| row(cx, plan, t, false)).collect();
    let lang_of = |en: bool| if en { "en" } else { plan.script.lang_tag() };
    PlanTasks {
        has_lead: rows
            .iter()
            .any(|r| !r.lead.is_empty() || !r.supporting.is_empty()),
        has_responsible: rows.iter().any(|r| !r.responsible.is_empty()),
        has_due: rows.iter().any(|r| !r.due.is_empty()),
        rows,
        phases: plan
            .phases
            .iter()
            .map(|p| {
                let en = cx.lang == Lang::En && p.name_en.is_some();
                PhaseRow {
                    name: if en {
                        p.name_en.clone().unwrap_or_default()
                    } else {
                        p.name.clone()
                    },
                    lang: lang_of(en),
                    months: format!("{} – {}", p.start.iso(), p.end.iso()),
                }
            })
            .collect(),
    }
}

fn row(cx: &Cx<'_>, plan: &Plan, t: &Task, with_plan: bool) -> TaskRow {
    let en = cx.lang == Lang::En && t.title_en.is_some();
    let agencies = |role: Role| -> Vec<AgencyRef> {
        t.with_role(role)
            .map(
                |a| match a.agency.as_deref().and_then(|id| cx.lookup.agency(id)) {
                    Some(ag) => AgencyRef {
                        text: ag.name.get(cx.lang).clone(),
                        url: cx.url(&Route::Agency(ag.id.clone())),
                        lang: if cx.lang == Lang::En { "en" } else { "zh-Hans" },
                    },
                    None => AgencyRef {
                        text: a.name.clone(),
                        url: String::new(),
                        lang: plan.script.lang_tag(),
                    },
                },
            )
            .collect()
    };
    let url = match (cx.lang, &t.anchor_en) {
        (Lang::En, Some(a)) => format!("{}#{a}", cx.url(&Route::Plan(plan.slug.0.clone()))),
        _ => cx.passage_url(plan, &t.anchor),
    };
    TaskRow {
        number: t.number,
        title: if en {
            t.title_en.clone().unwrap_or_default()
        } else {
            t.title.clone()
        },
        title_lang: if en { "en" } else { plan.script.lang_tag() },
        url,
        lead: agencies(Role::Lead),
        supporting: agencies(Role::Supporting),
        responsible: agencies(Role::Responsible),
        due: t.due.as_ref().map(|d| d.iso()).unwrap_or_default(),
        due_from_timetable: t
            .due
            .as_ref()
            .is_some_and(|d| d.basis == DueBasis::Timetable),
        plan: with_plan.then(|| Link {
            text: plan.title_in(cx.lang).to_owned(),
            url: cx.url(&Route::Plan(plan.slug.0.clone())),
        }),
    }
}

/// An agency's page.
#[derive(Debug, Clone, Serialize)]
pub struct AgencyPage {
    /// Name in the page language.
    pub name: String,
    /// The Chinese name, on English pages.
    pub name_zh: String,
    /// Short forms the plans use.
    pub aliases: Vec<String>,
    /// Whether it is a group of agencies.
    pub group: bool,
    /// Kind, as shown.
    pub kind: String,
    /// Level, as shown.
    pub level: String,
    /// Its jurisdiction.
    pub jurisdiction: Link,
    /// Tasks it leads.
    pub lead: Vec<TaskRow>,
    /// Tasks it supports.
    pub supporting: Vec<TaskRow>,
    /// Tasks it is named responsible for.
    pub responsible: Vec<TaskRow>,
    /// The agencies index.
    pub index_url: String,
}

/// The page of the agency `id`.
pub(super) fn page(cx: &Cx<'_>, id: &str) -> Page<AgencyPage> {
    let a = cx.lookup.agency(id).expect("a route for a catalogue entry");
    let lang = cx.lang;
    let mut by_role: [Vec<TaskRow>; 3] = Default::default();
    for plan in cx.lookup.plans_of(a.jurisdiction.as_str()) {
        for (t, role) in crate::tasks::tasks_of(plan.tasks.iter(), &a.id) {
            let slot = Role::ALL.iter().position(|r| *r == role).unwrap_or(0);
            by_role[slot].push(row(cx, plan, t, true));
        }
    }
    let [lead, responsible, supporting] = by_role;
    let j = cx.site.jurisdictions.get(&a.jurisdiction);
    let view = AgencyPage {
        name: a.name.get(lang).clone(),
        name_zh: a.name.zh.clone(),
        aliases: a.aliases.clone(),
        group: a.kind == crate::tasks::AgencyKind::Group,
        kind: a.kind.label(lang).to_owned(),
        level: a
            .level
            .map(|l| l.label(lang).to_owned())
            .unwrap_or_default(),
        jurisdiction: Link {
            text: j
                .map(|j| j.name.get(lang).clone())
                .unwrap_or_else(|| a.jurisdiction.0.clone()),
            url: cx.url(&Route::Jurisdiction(a.jurisdiction.0.clone())),
        },
        lead,
        supporting,
        responsible,
        index_url: format!("{}#j-{}", cx.url(&Route::Agencies), a.jurisdiction),
    };
    Page {
        template: "agency.html",
        title: view.name.clone(),
        description: format!("{} · {}", view.name, cx.t("agencies_title")),
        section: "agencies",
        view,
    }
}

/// One entry of the agencies index.
#[derive(Debug, Clone, Serialize)]
pub struct AgencyItem {
    /// Name and page.
    pub link: Link,
    /// Whether it is a group.
    pub group: bool,
    /// Level, as shown.
    pub level: String,
    /// Tasks it leads or is responsible for.
    pub lead: usize,
    /// Tasks it supports.
    pub supporting: usize,
}

/// The agencies of one jurisdiction.
#[derive(Debug, Clone, Serialize)]
pub struct AgencyGroup {
    /// The jurisdiction's id (the section's anchor is `j-<id>`).
    pub id: String,
    /// The jurisdiction.
    pub jurisdiction: Link,
    /// Its agencies, in catalogue order.
    pub agencies: Vec<AgencyItem>,
}

/// The agencies index.
pub(super) fn list(cx: &Cx<'_>) -> Page<impl Serialize> {
    let lang = cx.lang;
    let mut groups: Vec<AgencyGroup> = Vec::new();
    for (id, j) in &cx.site.jurisdictions {
        let agencies: Vec<AgencyItem> = cx
            .site
            .agencies
            .agencies
            .iter()
            .filter(|a| &a.jurisdiction == id)
            .map(|a| item(cx, a))
            .collect();
        if agencies.is_empty() {
            continue;
        }
        groups.push(AgencyGroup {
            id: id.0.clone(),
            jurisdiction: Link {
                text: j.name.get(lang).clone(),
                url: cx.url(&Route::Jurisdiction(id.0.clone())),
            },
            agencies,
        });
    }
    #[derive(Serialize)]
    struct L {
        groups: Vec<AgencyGroup>,
    }
    Page {
        template: "agencies.html",
        title: cx.t("agencies_title"),
        description: cx.t("agencies_intro"),
        section: "agencies",
        view: L { groups },
    }
}

fn item(cx: &Cx<'_>, a: &Agency) -> AgencyItem {
    let (mut lead, mut supporting) = (0, 0);
    for plan in cx.lookup.plans_of(a.jurisdiction.as_str()) {
        for (_, role) in crate::tasks::tasks_of(plan.tasks.iter(), &a.id) {
            match role {
                Role::Supporting => supporting += 1,
                Role::Lead | Role::Responsible => lead += 1,
            }
        }
    }
    AgencyItem {
        link: Link {
            text: a.name.get(cx.lang).clone(),
            url: cx.url(&Route::Agency(a.id.clone())),
        },
        group: a.kind == crate::tasks::AgencyKind::Group,
        level: a
            .level
            .map(|l| l.label(cx.lang).to_owned())
            .unwrap_or_default(),
        lead,
        supporting,
    }
}

/// The link from a jurisdiction's page to its agencies, empty when the
/// catalogue has none there.
pub(super) fn jurisdiction_link(cx: &Cx<'_>, jurisdiction: &str) -> String {
    let any = cx
        .site
        .agencies
        .agencies
        .iter()
        .any(|a| a.jurisdiction.as_str() == jurisdiction);
    if any {
        format!("{}#j-{jurisdiction}", cx.url(&Route::Agencies))
    } else {
        String::new()
    }
}
