//! Citations: GB/T 7714-2015 and BibTeX for plans, a data citation for indicators.

use crate::model::{IndicatorDef, Lang, Plan, Site};

/// GB/T 7714-2015 citation of a plan (`[Z]` for an official document, with
/// the retrieval date and URL when known).
pub fn gb7714(site: &Site, plan: &Plan, lang: Lang) -> String {
    let issuers = if plan.issuers.is_empty() {
        site.jurisdiction_of(plan).name.zh.clone()
    } else {
        plan.issuers.join(", ")
    };
    let mut s = format!("{issuers}. {}", plan.title);
    if let Some(n) = &plan.doc_number {
        s.push_str(&format!(": {n}"));
    }
    s.push_str(" [Z]");
    if let Some(d) = plan.date_issued.or(plan.date_published) {
        s.push_str(&format!(". {}", d.year));
    }
    if let Some(p) = plan.date_published.or(plan.date_issued) {
        s.push_str(&format!("-{p}"));
    }
    if let Some(r) = plan.source.retrieved {
        s.push_str(&format!(" [{r}]"));
    }
    let url = plan.source.url.clone().unwrap_or_else(|| {
        format!(
            "{}{}",
            site.config.base_url,
            super::Route::Plan(plan.slug.0.clone()).path(Lang::Zh)
        )
    });
    s.push_str(&format!(". {url}."));
    if lang == Lang::En {
        if let Some(t) = &plan.translation {
            s.push_str(&format!(" English translation: {}.", t.title));
        }
    }
    s
}

/// BibTeX entry for a plan.
pub fn bibtex(site: &Site, plan: &Plan) -> String {
    let year = plan
        .date_issued
        .or(plan.date_published)
        .map(|d| d.year.to_string())
        .unwrap_or_default();
    let url = plan.source.url.clone().unwrap_or_else(|| {
        format!(
            "{}{}",
            site.config.base_url,
            super::Route::Plan(plan.slug.0.clone()).path(Lang::Zh)
        )
    });
    let mut s = format!("@misc{{{},\n", plan.slug.as_str().replace('-', "_"));
    s.push_str(&format!(
        "  author = {{{{{}}}}},\n",
        plan.issuers.join(" and ")
    ));
    s.push_str(&format!("  title = {{{}}},\n", plan.title));
    if let Some(t) = &plan.translation {
        s.push_str(&format!("  note = {{English translation: {}}},\n", t.title));
    }
    if let Some(n) = &plan.doc_number {
        s.push_str(&format!("  number = {{{n}}},\n"));
    }
    s.push_str(&format!("  year = {{{year}}},\n"));
    s.push_str(&format!("  url = {{{url}}},\n"));
    if let Some(r) = plan.source.retrieved {
        s.push_str(&format!("  urldate = {{{r}}},\n"));
    }
    s.push_str("  language = {chinese}\n}");
    s
}

/// A citation for one indicator's data on this site.
pub fn data_citation(site: &Site, def: &IndicatorDef, lang: Lang) -> String {
    let url = format!(
        "{}{}",
        site.config.base_url,
        super::Route::Indicator(def.id.0.clone()).path(lang)
    );
    match lang {
        Lang::Zh => format!(
            "{}. {}: 规划指标数据 [DB/OL]. {}.",
            site.config.publisher.zh, def.name.zh, url
        ),
        Lang::En => format!(
            "{}. {}: plan indicator data [DB/OL]. {}.",
            site.config.publisher.en, def.name.en, url
        ),
    }
}
