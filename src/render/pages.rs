//! The list of pages, and what they share: the context a page is built in,
//! the parts every page has, and the dispatch from a route to the module
//! that builds its page (one module under `pages/` per page kind).

mod agencies;
pub use agencies::PlanTasks;
mod basic;
mod compare;
mod free_page;
mod glossary;
mod history;
mod home;
mod indicators;
mod jurisdictions;
mod parallel;
mod plan;
mod relations;
mod reported;
mod series_chart;

pub use reported::{IndicatorSeries, PlanReported};

use serde::Serialize;

use crate::compare::Record;
use crate::diag::Diagnostic;
use crate::model::{Lang, Plan, Site};

use super::format as fmt;
use super::lookup::Lookup;
use super::routes::Route;
use super::views::*;
use super::{said, Engine};
use crate::output::OutFile;

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
        Route::Changes,
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
    routes.push(Route::Agencies);
    routes.extend(
        site.agencies
            .agencies
            .iter()
            .map(|a| Route::Agency(a.id.clone())),
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
    engine: &'a Engine,
    lang: Lang,
    home: String,
}

/// What a page module builds: the template, the page's title, description
/// and navigation section, and the view the template is given.
struct Page<V: Serialize> {
    template: &'static str,
    title: String,
    description: String,
    section: &'static str,
    view: V,
}

impl Cx<'_> {
    /// The theme's string `k` in this page's language (empty if missing).
    fn t(&self, k: &str) -> String {
        self.engine
            .theme()
            .strings
            .get(self.lang)
            .get(k)
            .cloned()
            .unwrap_or_default()
    }
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
        engine,
        lang,
        home,
    };
    let html = match route {
        Route::Home => emit(&cx, route, home::page(&cx)),
        Route::Plan(slug) => emit(&cx, route, plan::page(&cx, slug)),
        Route::Parallel(slug) => emit(&cx, route, parallel::page(&cx, slug)),
        Route::Jurisdictions => emit(&cx, route, jurisdictions::list(&cx)),
        Route::Jurisdiction(id) => emit(&cx, route, jurisdictions::page(&cx, id)),
        Route::Indicators => emit(&cx, route, indicators::list(&cx)),
        Route::Indicator(id) => emit(&cx, route, indicators::page(&cx, id)),
        Route::Compare => emit(&cx, route, compare::page(&cx)),
        Route::Search => emit(&cx, route, basic::search(&cx)),
        Route::Data => emit(&cx, route, basic::data(&cx)),
        Route::Glossary => emit(&cx, route, glossary::page(&cx)),
        Route::Agencies => emit(&cx, route, agencies::list(&cx)),
        Route::Agency(id) => emit(&cx, route, agencies::page(&cx, id)),
        Route::Page(name) => emit(&cx, route, free_page::page(&cx, name)),
        Route::NotFound => emit(&cx, route, basic::not_found(&cx)),
        Route::Changes => emit(&cx, route, history::page(&cx)),
    };
    Ok(OutFile {
        path: route.file(lang),
        bytes: html?,
    })
}

/// Renders a built page: its template, given the parts every page has
/// (with the page's title, description and section) and its view.
fn emit<V: Serialize>(cx: &Cx<'_>, route: &Route, page: Page<V>) -> Result<Vec<u8>, Diagnostic> {
    let mut base = base(cx.site, cx, route, cx.engine);
    base.title = page.title;
    base.description = page.description;
    base.section = page.section;
    base.updated = history::updated(cx, route);
    cx.engine.render(page.template, cx.lang, &base, &page.view)
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
        updated: None,
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
