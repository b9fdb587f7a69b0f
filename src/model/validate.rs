//! Turning loaded files into a validated [`Site`], collecting every problem.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::raw;
use super::*;
use crate::diag::{Diagnostic, Diagnostics, Location};
use crate::glossary;
use crate::load::{self, Found, SiteFiles, SourceFile};
use crate::parse::frontmatter::{self, parse_yaml_all, Split};
use crate::parse::markdown::{self, Passage, RawHtml};
use crate::parse::url;
use crate::parse::yaml::Step;

mod plan;
mod repeats;
mod reported;
mod site;
mod tasks;

use plan::*;
use site::*;
use tasks::*;

/// Parses and validates everything. Returns the site and its warnings, or
/// every error and warning when there is at least one error.
///
/// Takes the files: each plan's source is freed as soon as it is parsed,
/// so the sources and the parsed site are not both held whole (at 100,000
/// plans, 2 GB of Markdown).
pub fn build(files: SiteFiles) -> Result<(Site, Diagnostics), Diagnostics> {
    let (mut staged, mut diags) = stage(files);
    let (texts, d) = read_plans(staged.take_plans());
    diags.extend(d);
    let (plans, d) = staged.parse(texts);
    diags.extend(d);
    if diags.has_errors() {
        return Err(diags);
    }
    staged.site.plans = plans;
    Ok((staged.site, diags))
}

/// A site validated but for its plans, which are parsed in batches with
/// [`Staged::parse`]: a build renders and indexes each batch and keeps
/// only what the pages about many plans need, so the whole site's text is
/// never held at once.
pub struct Staged {
    /// The site without plans. Its settings are placeholders when
    /// `site.yaml` has errors (which are reported: nothing is rendered).
    pub site: Site,
    /// Jurisdictions whose files have errors already reported.
    broken: BTreeSet<JurisdictionId>,
    /// The plans' source files, by slug: (original, translation).
    plans: Vec<PlanFiles>,
}

/// A plan's source files as found: the original and the translation (one
/// of them may be missing, which is an error when it is the original).
pub struct PlanFiles {
    slug: String,
    zh: Option<Found>,
    en: Option<Found>,
    attachments: Vec<load::Attachment>,
}

impl PlanFiles {
    /// Reads the files, or reports in `diags` those that cannot be read
    /// (and the plan is left out).
    pub fn read(self, diags: &mut Diagnostics) -> Option<PlanTexts> {
        let read = |f: Option<Found>, diags: &mut Diagnostics| match f {
            Some(f) => f.read(diags).map(Some).ok_or(()),
            None => Ok(None),
        };
        let zh = read(self.zh, diags);
        let en = read(self.en, diags);
        Some(PlanTexts {
            slug: self.slug,
            zh: zh.ok()?,
            en: en.ok()?,
            attachments: self.attachments,
        })
    }
}

/// A plan's source files, read: what [`Staged::parse`] parses.
pub struct PlanTexts {
    slug: String,
    zh: Option<SourceFile>,
    en: Option<SourceFile>,
    attachments: Vec<load::Attachment>,
}

/// Reads plans' files in parallel, keeping their order; returns those
/// read and the problems.
pub fn read_plans(files: Vec<PlanFiles>) -> (Vec<PlanTexts>, Diagnostics) {
    let read: Vec<(Option<PlanTexts>, Diagnostics)> = files
        .into_par_iter()
        .map(|f| {
            let mut d = Diagnostics::new();
            (f.read(&mut d), d)
        })
        .collect();
    Diagnostics::gather(read)
}

/// Validates everything but the plans, whose files are grouped by slug for
/// [`Staged::parse`]. Returns the problems found so far.
pub fn stage(mut files: SiteFiles) -> (Staged, Diagnostics) {
    let mut diags = Diagnostics::new();
    let config = config(&files, &mut diags);
    let topics = topics(&files, &mut diags);
    let indicators = catalogue(&files, &mut diags);
    let raw_html = config
        .as_ref()
        .map_or_else(RawHtml::default, |c| c.raw_html);
    let (jurisdictions, broken) = jurisdictions(&files, raw_html, &mut diags);
    let glossary = glossary_entries(&files, &mut diags);
    let agencies = files.agencies.as_ref().map_or_else(Default::default, |f| {
        let known = jurisdictions.keys().chain(&broken).cloned().collect();
        crate::tasks::catalogue::load(&f.path, &f.text, &known, &mut diags)
    });
    let pages = pages(&files, raw_html, &mut diags);
    let relations = relations::scan(&files.root, &files.plans);
    let plans = plan_files(
        std::mem::take(&mut files.plans),
        std::mem::take(&mut files.attachments),
        &mut diags,
    );
    let site = Site {
        config: config.unwrap_or_else(|| SiteConfig {
            title: Localized::default(),
            description: Localized::default(),
            base_url: "/".to_owned(),
            publisher: Localized::default(),
            licence: None,
            minify: false,
            raw_html,
            history_since: None,
            facts: raw::FactsSettings::default(),
        }),
        plans: Vec::new(),
        jurisdictions,
        indicators,
        topics,
        pages,
        glossary,
        history: Default::default(),
        relations,
        agencies,
    };
    let staged = Staged {
        site,
        broken,
        plans,
    };
    (staged, diags)
}

impl Staged {
    /// The number of plans (slugs) found.
    pub fn plan_count(&self) -> usize {
        self.plans.len()
    }

    /// Moves the plans' files out, in slug order, to be read
    /// ([`PlanFiles::read`]) and parsed ([`Staged::parse`]).
    pub fn take_plans(&mut self) -> Vec<PlanFiles> {
        std::mem::take(&mut self.plans)
    }

    /// Parses and validates some plans in parallel, in the order given,
    /// freeing each one's files once parsed. Returns those without errors
    /// and every problem found.
    pub fn parse(&self, files: Vec<PlanTexts>) -> (Vec<Plan>, Diagnostics) {
        let site = &self.site;
        let matcher = glossary::Matcher::new(&site.glossary);
        let ctx = Ctx {
            topics: &site.topics,
            indicators: &site.indicators,
            jurisdictions: &site.jurisdictions,
            broken: &self.broken,
            glossary: &matcher,
            raw_html: site.config.raw_html,
            index: &site.relations,
            agencies: &site.agencies,
            account_for_numbers: site.config.facts.account_for_numbers,
        };
        let results: Vec<(Option<Plan>, Diagnostics)> =
            files.into_par_iter().map(|g| parse_plan(g, &ctx)).collect();
        Diagnostics::gather(results)
    }
}

/// Parses and validates one plan (its original and, when present, its
/// translation) against the rest of a site that already built: its
/// catalogue, jurisdictions, topics and glossary. Used by `serve` to rebuild
/// an edited plan without parsing the others again.
pub fn plan_in(
    site: &Site,
    slug: &str,
    zh: &SourceFile,
    en: Option<&SourceFile>,
) -> Result<(Plan, Diagnostics), Diagnostics> {
    let broken = BTreeSet::new();
    let ctx = Ctx {
        topics: &site.topics,
        indicators: &site.indicators,
        jurisdictions: &site.jurisdictions,
        broken: &broken,
        glossary: &glossary::Matcher::new(&site.glossary),
        raw_html: site.config.raw_html,
        index: &site.relations,
        agencies: &site.agencies,
        account_for_numbers: site.config.facts.account_for_numbers,
    };
    let mut d = Diagnostics::new();
    if !check_id(&zh.path, slug, "plan", &mut d) {
        return Err(d);
    }
    // The files beside it as the site was loaded (found again by a restart).
    let attachments: Vec<Attachment> = site
        .plans
        .iter()
        .find(|p| p.slug.as_str() == slug)
        .map(|p| p.attachments.clone())
        .unwrap_or_default();
    match plan(slug, zh, en, attachments, &ctx, &mut d) {
        Some(p) if !d.has_errors() => Ok((p, d)),
        _ => Err(d),
    }
}

struct Ctx<'a> {
    topics: &'a [Topic],
    indicators: &'a BTreeMap<IndicatorId, IndicatorDef>,
    jurisdictions: &'a BTreeMap<JurisdictionId, Jurisdiction>,
    /// Jurisdictions whose files have errors already reported: references to
    /// them are not reported again.
    broken: &'a BTreeSet<JurisdictionId>,
    glossary: &'a glossary::Matcher<'a>,
    /// How much raw HTML bodies publish.
    raw_html: RawHtml,
    /// Every plan's relations and aliases, read before parsing.
    index: &'a relations::Index,
    /// The agency catalogue, to resolve the names tasks give.
    agencies: &'a crate::tasks::Catalogue,
    /// Warn about figures of the text that are neither data nor `not_data`.
    account_for_numbers: bool,
}

fn ids<'a, T: std::fmt::Display + 'a>(it: impl Iterator<Item = &'a T>) -> String {
    it.map(|x| format!("`{x}`")).collect::<Vec<_>>().join(", ")
}

fn push_all(diags: &mut Diagnostics, list: Vec<Diagnostic>) {
    for d in list {
        diags.push(d);
    }
}
