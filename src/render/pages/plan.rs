//! A plan's own page: its text (or translation), details, values, topics,
//! attachments and how to cite it.

use crate::model::{Lang, Plan};

use super::super::format as fmt;
use super::super::routes::Route;
use super::super::views::*;
use super::super::{bundle, cite, said};
use super::{find_plan, Cx, Page};

/// The page of the plan at `slug`.
pub(super) fn page(cx: &Cx<'_>, slug: &str) -> Page<PlanPage> {
    let plan = find_plan(cx, slug);
    let view = plan_page(cx, plan);
    let desc = if view.summary.is_empty() {
        view.title.clone()
    } else {
        view.summary.clone()
    };
    Page {
        template: "plan.html",
        title: view.title.clone(),
        description: desc,
        section: "plans",
        view,
    }
}

fn plan_page(cx: &Cx<'_>, plan: &Plan) -> PlanPage {
    let lang = cx.lang;
    let site = cx.site;
    let j = site.jurisdiction_of(plan);
    let tr = plan.translation.as_ref();
    // Where the plan's files are, from this page: beside the Chinese page.
    let folder = match lang {
        Lang::Zh => String::new(),
        Lang::En => cx.site_url_zh(&Route::Plan(plan.slug.0.clone())),
    };
    let (body, body_lang, toc) = match (lang, tr) {
        (Lang::Zh, _) => (
            plan.doc.html().to_owned(),
            plan.script.lang_tag(),
            plan.doc.toc.clone(),
        ),
        (Lang::En, Some(t)) => (bundle::html_from(&t.doc, &folder), "en", t.doc.toc.clone()),
        (Lang::En, None) => (String::new(), "en", Vec::new()),
    };
    let (issuers, issuers_lang) = match (lang, tr) {
        (Lang::En, Some(t)) if !t.issuers.is_empty() => (t.issuers.clone(), "en"),
        _ => (plan.issuers.clone(), plan.script.lang_tag()),
    };
    let rows = cx
        .lookup
        .records_of_plan(plan.slug.as_str())
        .map(|r| cx.value_row(r))
        .collect();
    let topics = plan
        .topics
        .iter()
        .filter_map(|t| {
            let topic = site.topics.iter().find(|x| x.id == t.id)?;
            Some(Link {
                text: topic.label.get(lang).clone(),
                url: cx.passage_url(plan, &t.anchor),
            })
        })
        .collect();
    PlanPage {
        title: plan.title_in(lang).to_owned(),
        title_zh: plan.title.clone(),
        jurisdiction: Link {
            text: j.name.get(lang).clone(),
            url: cx.url(&Route::Jurisdiction(j.id.0.clone())),
        },
        doc_type: plan.doc_type.label(lang).to_owned(),
        issuers,
        issuers_lang,
        doc_number: plan.doc_number.clone().unwrap_or_default(),
        date_issued: plan
            .date_issued
            .map(|d| d.display(lang))
            .unwrap_or_default(),
        date_published: plan
            .date_published
            .map(|d| d.display(lang))
            .unwrap_or_default(),
        period: plan
            .period
            .map(|p| fmt::period(&p, lang))
            .unwrap_or_default(),
        zh_lang: plan.script.lang_tag(),
        addressees: said::addressees(plan, lang),
        source: said::source(plan, lang),
        source_date: plan
            .source
            .date
            .map(|d| d.display(lang))
            .unwrap_or_default(),
        source_url: plan.source.url.clone().unwrap_or_default(),
        retrieved: plan
            .source
            .retrieved
            .map(|d| d.display(lang))
            .unwrap_or_default(),
        summary: match (lang, tr) {
            (Lang::En, Some(t)) => t.summary.clone().unwrap_or_default(),
            (Lang::En, None) => String::new(),
            (Lang::Zh, _) => plan.summary.clone().unwrap_or_default(),
        },
        notes: said::notes(plan, lang),
        body,
        body_lang,
        toc,
        draft: plan.draft,
        translated: lang == Lang::En && tr.is_some(),
        untranslated: lang == Lang::En && tr.is_none(),
        translation_note: tr.and_then(|t| t.note.clone()).unwrap_or_default(),
        original_url: cx.site_url_zh(&Route::Plan(plan.slug.0.clone())),
        parallel_url: if tr.is_some() {
            cx.url(&Route::Parallel(plan.slug.0.clone()))
        } else {
            String::new()
        },
        indicators: rows,
        topics,
        attachments: bundle::items(plan, &folder),
        responsibilities: plan.doc.responsibilities.len(),
        cite_gb: cite::gb7714(site, plan, lang),
        cite_gb_lang: match (lang, tr) {
            (Lang::En, Some(_)) => "en",
            _ => plan.script.lang_tag(),
        },
        cite_bibtex: cite::bibtex(site, plan),
        reported: super::reported::plan_reported(cx, plan),
        cite_bib_url: format!("{folder}{}", cite::BIB_FILE),
        cite_ris_url: format!("{folder}{}", cite::RIS_FILE),
    }
}
