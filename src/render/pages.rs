//! The list of pages and the view each one gets.

mod compare_view;

use crate::align;
use crate::compare::{self, Record};
use crate::diag::Diagnostic;
use crate::model::{Category, IndicatorDef, Lang, Plan, Site};

use super::format as fmt;
use super::lookup::Lookup;
use super::routes::Route;
use super::views::*;
use super::{bundle, chart, cite, said, Engine};
use crate::output::OutFile;

/// The newest plans listed on the home page; the rest are reached through
/// the jurisdictions and search, so the page stays light on a phone at any
/// site size.
const HOME_PLANS: usize = 50;
/// Value rows per headline indicator on the home page.
const HOME_ROWS: usize = 12;
/// Value rows of each look-alike on an indicator page: enough to set the
/// two side by side; the look-alike's own page has them all.
const LOOK_ALIKE_ROWS: usize = 12;

/// One page to render.
#[derive(Debug, Clone)]
pub struct Job {
    route: Route,
    lang: Lang,
}

/// The pages of some plans (each plan's page, and its side-by-side page
/// when it has a translation), both languages.
pub fn plan_jobs(plans: &[Plan]) -> Vec<Job> {
    let mut routes = Vec::new();
    for p in plans {
        routes.push(Route::Plan(p.slug.0.clone()));
        if p.translation.is_some() {
            routes.push(Route::Parallel(p.slug.0.clone()));
        }
    }
    jobs_for(&routes)
}

/// Every page but the plans' own, both languages: the pages about many
/// plans, the jurisdictions, the indicators and the free pages.
pub fn site_jobs(site: &Site) -> Vec<Job> {
    let mut routes = vec![
        Route::Home,
        Route::Jurisdictions,
        Route::Indicators,
        Route::Compare,
        Route::Search,
        Route::Data,
        Route::Glossary,
        Route::NotFound,
    ];
    routes.extend(
        site.jurisdictions
            .keys()
            .map(|id| Route::Jurisdiction(id.0.clone())),
    );
    routes.extend(
        site.indicators
            .keys()
            .map(|id| Route::Indicator(id.0.clone())),
    );
    let mut names: Vec<&str> = site.pages.iter().map(|p| p.name.as_str()).collect();
    names.dedup();
    routes.extend(names.into_iter().map(|n| Route::Page(n.to_owned())));
    jobs_for(&routes)
}

/// The jobs for some routes, both languages.
pub fn jobs_for(routes: &[Route]) -> Vec<Job> {
    Lang::ALL
        .into_iter()
        .flat_map(|lang| {
            routes.iter().map(move |r| Job {
                route: r.clone(),
                lang,
            })
        })
        .collect()
}

struct Cx<'a> {
    site: &'a Site,
    records: &'a [Record<'a>],
    lookup: &'a Lookup<'a>,
    lang: Lang,
    home: String,
}

impl Cx<'_> {
    fn url(&self, r: &Route) -> String {
        let mut s = String::with_capacity(self.home.len() + 64);
        s.push_str(&self.home);
        let at = s.len();
        r.push_path(&mut s);
        // The page's language folder is in `home`: the path without it,
        // as `path(lang)` with its `en/` prefixes trimmed.
        while s[at..].starts_with("en/") {
            s.replace_range(at..at + 3, "");
        }
        s
    }
    fn plan_item(&self, p: &Plan) -> PlanItem {
        let j = self.site.jurisdiction_of(p);
        PlanItem {
            title: p.title_in(self.lang).to_owned(),
            title_lang: match (self.lang, &p.translation, p.script) {
                (Lang::En, Some(_), _) | (Lang::Zh, _, crate::model::Script::Hans) => "",
                _ => p.script.lang_tag(),
            },
            url: self.url(&Route::Plan(p.slug.0.clone())),
            jurisdiction: j.name.get(self.lang).clone(),
            jurisdiction_url: self.url(&Route::Jurisdiction(j.id.0.clone())),
            doc_type: p.doc_type.label(self.lang).to_owned(),
            date: p.date().map(|d| d.display(self.lang)).unwrap_or_default(),
            summary: match (self.lang, &p.translation) {
                (Lang::En, Some(t)) => t.summary.clone().unwrap_or_default(),
                (Lang::En, None) => String::new(),
                (Lang::Zh, _) => p.summary.clone().unwrap_or_default(),
            },
            indicator_count: p.indicators.len(),
            translated: self.lang == Lang::Zh || p.translation.is_some(),
        }
    }
    fn value_row(&self, r: &Record<'_>) -> ValueRow {
        let site = self.site;
        let lang = self.lang;
        let plan = self.lookup.plan(r.plan).expect("record of a plan");
        let v = plan
            .indicators
            .iter()
            .find(|v| v.id.as_str() == r.indicator && v.anchor == r.anchor)
            .expect("value");
        let def = &site.indicators[&v.id];
        let j = site.jurisdiction_of(plan);
        let plan_url = self.url(&Route::Plan(plan.slug.0.clone()));
        let (basis, note) = said::basis_and_note(plan, v, lang);
        ValueRow {
            name: match lang {
                Lang::Zh => v.label.clone(),
                Lang::En => def.name.en.clone(),
            },
            label_zh: v.label.clone(),
            zh_lang: plan.script.lang_tag(),
            indicator_url: self.url(&Route::Indicator(def.id.0.clone())),
            plan: plan.title_in(lang).to_owned(),
            plan_url: plan_url.clone(),
            jurisdiction: j.name.get(lang).clone(),
            jurisdiction_id: j.id.0.clone(),
            unit: fmt::unit(v, def, lang),
            baseline_year: v.baseline.map(|b| b.year.to_string()).unwrap_or_default(),
            baseline: v
                .baseline
                .map(|b| fmt::baseline(&b, lang))
                .unwrap_or_default(),
            target_year: v.target.map(|t| t.year.to_string()).unwrap_or_default(),
            target: v.target.map(|t| fmt::target(&t, lang)).unwrap_or_default(),
            attribute: v
                .attribute
                .map(|a| a.label(lang).to_owned())
                .unwrap_or_default(),
            cumulative: v.cumulative,
            cagr: r.implied_cagr.map(fmt::percent).unwrap_or_default(),
            cagr_note: match (r.target_min, r.baseline) {
                (Some(_), Some(_)) if !v.cumulative => match lang {
                    Lang::Zh => "区间目标,不计算",
                    Lang::En => "not computed for a range target",
                },
                _ => "",
            }
            .to_owned(),
            basis,
            note,
            basis_check: match r.basis_agrees {
                Some(true) => "agree",
                Some(false) => "disagree",
                None => "",
            },
            per_10k: r
                .target_per_10k
                .map(|x| {
                    format!(
                        "{} {}",
                        fmt::value((x * 100.0).round() / 100.0, lang),
                        fmt::per_10k_unit(def, lang)
                    )
                })
                .unwrap_or_default(),
            passage_url: self.passage_url(plan, &v.anchor),
            passage: v.passage.clone(),
        }
    }
    /// Link to a passage (`anchor`, the span around it in the original
    /// text): on the Chinese plan page, or from an English page, on the
    /// side-by-side page where the Chinese passage is marked beside its
    /// English paragraph (the plan page, where a plan has no translation).
    fn passage_url(&self, plan: &Plan, anchor: &str) -> String {
        let route = if self.lang == Lang::En && plan.translation.is_some() {
            self.url(&Route::Parallel(plan.slug.0.clone()))
        } else {
            self.site_url_zh(&Route::Plan(plan.slug.0.clone()))
        };
        format!("{route}#{anchor}")
    }
    /// Link to a Chinese page (passages are anchored in the original text).
    fn site_url_zh(&self, r: &Route) -> String {
        let mut s = self.output_root();
        r.push_path(&mut s);
        s
    }
}

/// Renders one page.
pub fn render<'a>(
    site: &'a Site,
    records: &'a [Record<'a>],
    lookup: &'a Lookup<'a>,
    engine: &Engine,
    job: &Job,
) -> Result<OutFile, Diagnostic> {
    let lang = job.lang;
    let route = &job.route;
    let home = match (route, lang) {
        (Route::NotFound, Lang::Zh) => site_path(site),
        (Route::NotFound, Lang::En) => format!("{}en/", site_path(site)),
        _ => normalise_home(route, lang),
    };
    let cx = Cx {
        site,
        records,
        lookup,
        lang,
        home,
    };
    let t = |k: &str| {
        engine
            .theme()
            .strings
            .get(lang)
            .get(k)
            .cloned()
            .unwrap_or_default()
    };
    let (template, title, description, section, html): (
        &str,
        String,
        String,
        &'static str,
        Result<Vec<u8>, Diagnostic>,
    );
    let mut base = base(site, &cx, route, engine);
    macro_rules! page {
        ($tpl:expr, $title:expr, $desc:expr, $section:expr, $view:expr) => {{
            template = $tpl;
            title = $title;
            description = $desc;
            section = $section;
            base.title = title.clone();
            base.description = description.clone();
            base.section = section;
            html = engine.render(template, lang, &base, &$view);
        }};
    }
    match route {
        Route::Home => {
            let plans: Vec<PlanItem> = lookup
                .sorted_plans()
                .take(HOME_PLANS)
                .map(|p| cx.plan_item(p))
                .collect();
            let plans_total = site.plans.len();
            let jurisdictions: Vec<Link> = jurisdictions_with_plans(&cx)
                .map(|j| Link {
                    text: j.name.get(lang).clone(),
                    url: cx.url(&Route::Jurisdiction(j.id.0.clone())),
                })
                .collect();
            let headline = headline(&cx);
            #[derive(serde::Serialize)]
            struct Home {
                plans: Vec<PlanItem>,
                plans_total: usize,
                jurisdictions: Vec<Link>,
                headline: Vec<IndicatorPage>,
            }
            page!(
                "index.html",
                site.config.title.get(lang).clone(),
                site.config.description.get(lang).clone(),
                "home",
                Home {
                    plans,
                    plans_total,
                    jurisdictions,
                    headline
                }
            )
        }
        Route::Plan(slug) => {
            let plan = find_plan(&cx, slug);
            let view = plan_page(&cx, plan);
            let desc = if view.summary.is_empty() {
                view.title.clone()
            } else {
                view.summary.clone()
            };
            page!("plan.html", view.title.clone(), desc, "plans", view)
        }
        Route::Parallel(slug) => {
            let plan = find_plan(&cx, slug);
            let tr = plan
                .translation
                .as_ref()
                .expect("parallel pages exist for translated plans");
            let folder = cx.site_url_zh(&Route::Plan(slug.clone()));
            let rows = align::rows(&plan.doc, &tr.doc)
                .into_iter()
                .map(|r| ParallelRow {
                    zh: r
                        .zh
                        .map(|b| bundle::parallel_block(&plan.doc, b, &folder))
                        .unwrap_or_default(),
                    en: r
                        .en
                        .map(|b| bundle::parallel_block(&tr.doc, b, &folder))
                        .unwrap_or_default(),
                })
                .collect();
            let view = ParallelPage {
                title: plan.title_in(lang).to_owned(),
                zh_lang: plan.script.lang_tag(),
                plan_url: cx.url(&Route::Plan(slug.clone())),
                rows,
                misaligned: align::check(&plan.doc, &plan.path, &tr.doc, &tr.path).is_some(),
            };
            page!(
                "parallel.html",
                format!("{} · {}", view.title, t("parallel_title")),
                view.title.clone(),
                "plans",
                view
            )
        }
        Route::Jurisdictions => {
            let list: Vec<JurisdictionPage> = site
                .jurisdictions
                .values()
                .map(|j| jurisdiction_page(&cx, j, false))
                .collect();
            #[derive(serde::Serialize)]
            struct L {
                jurisdictions: Vec<JurisdictionPage>,
            }
            page!(
                "jurisdictions.html",
                t("nav_jurisdictions"),
                t("jurisdictions_intro"),
                "jurisdictions",
                L {
                    jurisdictions: list
                }
            )
        }
        Route::Jurisdiction(id) => {
            let j = &site.jurisdictions[&crate::model::JurisdictionId(id.clone())];
            let view = jurisdiction_page(&cx, j, true);
            page!(
                "jurisdiction.html",
                view.name.clone(),
                view.name.clone(),
                "jurisdictions",
                view
            )
        }
        Route::Indicators => {
            #[derive(serde::Serialize)]
            struct G {
                label: String,
                indicators: Vec<IndicatorPage>,
            }
            let groups: Vec<G> = Category::ALL
                .iter()
                .map(|c| G {
                    label: c.label(lang).to_owned(),
                    indicators: site
                        .indicators
                        .values()
                        .filter(|d| d.category == *c)
                        .map(|d| indicator_page(&cx, d, false, Some(0)))
                        .collect(),
                })
                .filter(|g| !g.indicators.is_empty())
                .collect();
            #[derive(serde::Serialize)]
            struct L {
                groups: Vec<G>,
            }
            page!(
                "indicators.html",
                t("nav_indicators"),
                t("indicators_intro"),
                "indicators",
                L { groups }
            )
        }
        Route::Indicator(id) => {
            let def = &site.indicators[&crate::model::IndicatorId(id.clone())];
            let view = indicator_page(&cx, def, true, None);
            page!(
                "indicator.html",
                view.name.clone(),
                view.definition.clone(),
                "indicators",
                view
            )
        }
        Route::Compare => {
            let view = compare_view::page(&cx);
            page!(
                "compare.html",
                t("nav_compare"),
                t("compare_intro"),
                "compare",
                view
            )
        }
        Route::Search => page!(
            "search.html",
            t("nav_search"),
            t("search_intro"),
            "search",
            ()
        ),
        Route::Data => page!(
            "data.html",
            t("nav_data"),
            t("data_intro"),
            "data",
            super::data_page::view(site, records.len(), lang, &cx.output_root())
        ),
        Route::Glossary => {
            let rows: Vec<GlossaryRow> = site
                .glossary
                .iter()
                .map(|g| GlossaryRow {
                    zh: g.zh.clone(),
                    en: g.en.clone(),
                    note: g.note.clone().unwrap_or_default(),
                    reject: g.reject.join("; "),
                })
                .collect();
            #[derive(serde::Serialize)]
            struct G {
                rows: Vec<GlossaryRow>,
            }
            page!(
                "glossary.html",
                t("nav_glossary"),
                t("glossary_intro"),
                "glossary",
                G { rows }
            )
        }
        Route::Page(name) => {
            let p = site
                .pages
                .iter()
                .find(|p| &p.name == name && p.lang == lang)
                .or_else(|| site.pages.iter().find(|p| &p.name == name))
                .expect("page exists");
            #[derive(serde::Serialize)]
            struct P {
                body: String,
                body_lang: &'static str,
                fallback: bool,
            }
            let view = P {
                body: p.doc.html().to_owned(),
                body_lang: p.lang.html_lang(),
                fallback: p.lang != lang,
            };
            page!(
                "page.html",
                p.title.clone(),
                p.description.clone().unwrap_or_else(|| p.title.clone()),
                "page",
                view
            )
        }
        Route::NotFound => page!(
            "404.html",
            t("not_found_title"),
            t("not_found_title"),
            "",
            ()
        ),
    }
    let _ = (title, description, section, template);
    Ok(OutFile {
        path: route.file(lang),
        bytes: html?,
    })
}

impl Cx<'_> {
    /// Relative prefix from this page to the output root (where `data/` and
    /// `static/` live, shared by both languages).
    fn output_root(&self) -> String {
        match self.lang {
            Lang::Zh => self.home.clone(),
            Lang::En if self.home == "./" => "../".to_owned(),
            Lang::En => format!("{}../", self.home),
        }
    }
}

fn normalise_home(route: &Route, lang: Lang) -> String {
    // Relative path from this page to its language's home.
    let depth = route.path(lang).matches('/').count() - usize::from(lang == Lang::En);
    if depth == 0 {
        "./".to_owned()
    } else {
        "../".repeat(depth)
    }
}

fn site_path(site: &Site) -> String {
    let url = &site.config.base_url;
    match url.find("://") {
        Some(i) => url[i + 3..]
            .find('/')
            .map_or("/".to_owned(), |j| url[i + 3 + j..].to_owned()),
        None => url.clone(),
    }
}

fn base<'a>(site: &'a Site, cx: &Cx<'_>, route: &Route, engine: &Engine) -> Base<'a> {
    let lang = cx.lang;
    let abs = |l: Lang| format!("{}{}", site.config.base_url, route.path(l));
    let root = cx.output_root();
    let other_url = match lang {
        Lang::Zh => format!("{root}{}", route.path(Lang::En)),
        Lang::En => format!("{root}{}", route.path(Lang::Zh)),
    };
    let mut names: Vec<&str> = site.pages.iter().map(|p| p.name.as_str()).collect();
    names.dedup();
    let pages = names
        .into_iter()
        .filter_map(|n| {
            let p = site
                .pages
                .iter()
                .find(|p| p.name == n && p.lang == lang)
                .or_else(|| site.pages.iter().find(|p| p.name == n))?;
            Some(Link {
                text: p.title.clone(),
                url: cx.url(&Route::Page(n.to_owned())),
            })
        })
        .collect();
    let _ = engine;
    Base {
        lang: lang.code(),
        html_lang: lang.html_lang(),
        home: cx.home.clone(),
        root,
        title: String::new(),
        description: String::new(),
        canonical: abs(lang),
        href_zh: abs(Lang::Zh),
        href_en: abs(Lang::En),
        other_url,
        site_title: site.config.title.get(lang),
        section: "",
        pages,
    }
}

fn find_plan<'a>(cx: &Cx<'a>, slug: &str) -> &'a Plan {
    cx.lookup.plan(slug).expect("route of an existing plan")
}

/// Plans newest first, then by slug.
pub fn sorted_plans(site: &Site) -> Vec<&Plan> {
    let mut v: Vec<&Plan> = site.plans.iter().collect();
    v.sort_by(|a, b| b.date().cmp(&a.date()).then(a.slug.cmp(&b.slug)));
    v
}

fn jurisdictions_with_plans<'a, 'c>(
    cx: &'c Cx<'a>,
) -> impl Iterator<Item = &'a crate::model::Jurisdiction> + 'c {
    cx.site
        .jurisdictions
        .values()
        .filter(|j| cx.lookup.has_plans(j.id.as_str()))
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
        cite_bib_url: format!("{folder}{}", cite::BIB_FILE),
        cite_ris_url: format!("{folder}{}", cite::RIS_FILE),
    }
}

/// One jurisdiction's view; without `full` (a row of the list of
/// jurisdictions), its plans, values and description are left out and only
/// counted.
fn jurisdiction_page(cx: &Cx<'_>, j: &crate::model::Jurisdiction, full: bool) -> JurisdictionPage {
    let lang = cx.lang;
    let site = cx.site;
    let link = |id: &crate::model::JurisdictionId| {
        site.jurisdictions.get(id).map(|x| Link {
            text: x.name.get(lang).clone(),
            url: cx.url(&Route::Jurisdiction(id.0.clone())),
        })
    };
    let plans: Vec<&Plan> = cx.lookup.plans_of(j.id.as_str()).collect();
    JurisdictionPage {
        name: j.name.get(lang).clone(),
        url: cx.url(&Route::Jurisdiction(j.id.0.clone())),
        level: j.level.label(lang).to_owned(),
        parent: j.parent.as_ref().and_then(link),
        members: j.members.iter().filter_map(link).collect(),
        population: j
            .population
            .as_ref()
            .map(|p| fmt::population(p.value, lang))
            .unwrap_or_default(),
        population_source: j
            .population
            .as_ref()
            .map(|p| match lang {
                Lang::Zh => p.source.clone(),
                Lang::En => p.source_en.clone().unwrap_or_else(|| p.source.clone()),
            })
            .unwrap_or_default(),
        body: if lang == Lang::Zh && full {
            j.body_html.clone()
        } else {
            String::new()
        },
        indicators: if full {
            cx.lookup
                .records_of_jurisdiction(j.id.as_str())
                .map(|r| cx.value_row(r))
                .collect()
        } else {
            Vec::new()
        },
        plans_total: plans.len(),
        plans: if full {
            plans.into_iter().map(|p| cx.plan_item(p)).collect()
        } else {
            Vec::new()
        },
    }
}

/// One indicator's view: `full` adds look-alikes and charts; `rows` limits
/// the value rows (the home page shows the first few of each).
fn indicator_page(
    cx: &Cx<'_>,
    def: &IndicatorDef,
    full: bool,
    rows: Option<usize>,
) -> IndicatorPage {
    let lang = cx.lang;
    let site = cx.site;
    let values_total = cx.lookup.records_of_indicator(def.id.as_str()).count();
    let values: Vec<ValueRow> = cx
        .lookup
        .records_of_indicator(def.id.as_str())
        .take(rows.unwrap_or(usize::MAX))
        .map(|r| cx.value_row(r))
        .collect();
    let look_alikes = if full {
        compare::look_alikes(site, def)
            .into_iter()
            .map(|d| LookAlike {
                link: Link {
                    text: d.name.get(lang).clone(),
                    url: cx.url(&Route::Indicator(d.id.0.clone())),
                },
                kind: d.kind.label(lang).to_owned(),
                note: d
                    .group_note
                    .as_ref()
                    .map(|n| n.get(lang).clone())
                    .unwrap_or_default(),
                values: cx
                    .lookup
                    .records_of_indicator(d.id.as_str())
                    .take(LOOK_ALIKE_ROWS)
                    .map(|r| cx.value_row(r))
                    .collect(),
                values_total: cx.lookup.records_of_indicator(d.id.as_str()).count(),
                url: cx.url(&Route::Indicator(d.id.0.clone())),
            })
            .collect()
    } else {
        Vec::new()
    };
    let recs: Vec<&Record<'_>> = cx.lookup.records_of_indicator(def.id.as_str()).collect();
    let charts = if full {
        chart::charts(site, def, &recs, lang)
            .into_iter()
            .map(|c| c.figure)
            .collect()
    } else {
        Vec::new()
    };
    IndicatorPage {
        id: def.id.0.clone(),
        name: def.name.get(lang).clone(),
        name_other: def.name.get(lang.other()).clone(),
        url: cx.url(&Route::Indicator(def.id.0.clone())),
        definition: def
            .definition
            .as_ref()
            .map(|d| d.get(lang).clone())
            .unwrap_or_default(),
        unit: def.unit.get(lang).clone(),
        category: def.category.label(lang).to_owned(),
        kind: def.kind.label(lang).to_owned(),
        direction: def.direction.label(lang).to_owned(),
        group: def.group.as_ref().map(|g| g.0.clone()).unwrap_or_default(),
        group_note: def
            .group_note
            .as_ref()
            .map(|n| n.get(lang).clone())
            .unwrap_or_default(),
        look_alikes,
        values,
        values_total,
        charts,
        csv_url: format!(
            "{}{}data/indicators/{}.csv",
            cx.home,
            if lang == Lang::En { "../" } else { "" },
            def.id
        ),
        cite: cite::data_citation(site, def, lang),
    }
}

/// Indicators set by two or more jurisdictions, for the home page.
fn headline(cx: &Cx<'_>) -> Vec<IndicatorPage> {
    let by = compare::by_indicator(cx.records);
    by.iter()
        .filter(|(_, rs)| {
            let mut js: Vec<&str> = rs.iter().map(|r| r.jurisdiction).collect();
            js.dedup();
            js.len() >= 2
        })
        .map(|(id, _)| {
            indicator_page(
                cx,
                &cx.site.indicators[&crate::model::IndicatorId((*id).to_owned())],
                false,
                Some(HOME_ROWS),
            )
        })
        .collect()
}

/// Most jurisdictions (value columns) and plans (topic columns) the
/// comparison page shows. A bigger site's page shows the jurisdictions with
/// the most indicator values and the newest plans, and points to the data
/// files and the indicator pages for the rest: at 10,000 plans the whole
/// matrix was a 30 MB page, useless on a phone.
const MATRIX_COLUMNS: usize = 60;

/// The `n` items of greatest weight, in their original order (ties go to
/// the earlier item).
fn keep_heaviest<T>(items: Vec<T>, weight: impl Fn(&T) -> usize, n: usize) -> Vec<T> {
    if items.len() <= n {
        return items;
    }
    let mut ranked: Vec<(usize, usize)> = items
        .iter()
        .enumerate()
        .map(|(i, x)| (weight(x), i))
        .collect();
    ranked.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut keep: Vec<bool> = vec![false; items.len()];
    for &(_, i) in &ranked[..n] {
        keep[i] = true;
    }
    items
        .into_iter()
        .zip(keep)
        .filter_map(|(x, k)| k.then_some(x))
        .collect()
}

/// A sort key without floating-point noise (`10.7 × 10⁸` is `1070000000`,
/// not `1069999999.9999999`).
fn sort_key(x: f64) -> String {
    ((x * 1e6).round() / 1e6).to_string()
}

#[cfg(test)]
mod matrix_tests {
    use super::keep_heaviest;

    #[test]
    fn the_heaviest_columns_are_kept_in_their_order() {
        let items = vec!["a", "bb", "c", "dddd", "ee", "f"];
        assert_eq!(
            keep_heaviest(items.clone(), |s| s.len(), 3),
            ["bb", "dddd", "ee"]
        );
        // Ties go to the earlier item; few enough items are all kept.
        assert_eq!(keep_heaviest(items.clone(), |_| 1, 2), ["a", "bb"]);
        assert_eq!(keep_heaviest(items.clone(), |s| s.len(), 6), items);
    }
}
