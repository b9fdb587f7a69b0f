//! A built site kept in memory so that an edited plan is rebuilt alone:
//! `serve` re-parses the plan, re-renders its own pages and the pages that
//! list or compare it, swaps them in and reloads the tabs; the search index
//! and the data files follow. The search index is not rebuilt: the edited
//! plans are indexed on their own in an edit segment that queries read in
//! place of the built index's entries for them.
//!
//! ```text
//! Session::open           full build into memory (the first build of serve)
//! Session::edit           one or more edited plans → their affected pages
//! Session::render_routes  the other pages showing them
//! Session::search         the search index's edit segment
//! Session::data           data files and feeds of the edited site
//! ```
//!
//! Anything else that changes (a jurisdiction, the catalogue, the theme,
//! `site.yaml`, a plan added, removed or given a translation) needs a full
//! build: [`Session::plan_edit`] says which.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::diag::Diagnostics;
use crate::load::{self, SourceFile};
use crate::model::Plan;
use crate::output::OutFile;
use crate::render::Route;
use crate::{compare, output, render, Prepared};

/// A prepared site and where it came from.
pub struct Session {
    root: PathBuf,
    prepared: Prepared,
    /// Directory shards of the built search index, per language; `None`
    /// when the build wrote none.
    shards: Option<[usize; 2]>,
    /// Plans edited since the full build: the search index's edit segment
    /// holds them.
    edited: BTreeSet<String>,
}

/// One edited plan: its slug and its files as they are now.
pub struct PlanEdit {
    /// The plan.
    pub slug: String,
    /// `index.md`.
    pub zh: SourceFile,
    /// `index.en.md`, when the plan has a translation.
    pub en: Option<SourceFile>,
}

impl PlanEdit {
    /// Reads a plan's files as they are on disk now.
    pub fn read(root: &Path, slug: &str) -> Result<PlanEdit, Diagnostics> {
        let dir = root.join("content/plans").join(slug);
        let mut d = Diagnostics::new();
        let zh = load::read_source(root, &dir.join("index.md"), &mut d);
        let en = dir.join("index.en.md");
        let en = en
            .is_file()
            .then(|| load::read_source(root, &en, &mut d))
            .flatten();
        match zh {
            Some(zh) if !d.has_errors() => Ok(PlanEdit {
                slug: slug.to_owned(),
                zh,
                en,
            }),
            _ => Err(d),
        }
    }
}

/// The pages an edit changed.
pub struct Rebuilt {
    /// The edited plans' own pages, their jurisdictions' and the home page,
    /// minified as in a build.
    pub files: Vec<OutFile>,
    /// The other pages that show the plans (indicator pages, the
    /// comparison, the lists), for [`Session::render_routes`].
    pub later: Vec<Route>,
    /// Warnings about the edited plans.
    pub warnings: Diagnostics,
}

impl Session {
    /// Builds the whole site into memory and keeps what is needed to rebuild
    /// an edited plan.
    pub fn open(
        root: &Path,
        base_url: Option<&str>,
    ) -> Result<(Session, crate::Rendered), Diagnostics> {
        let prepared = crate::prepare(root, base_url)?;
        let mem = output::Memory::default();
        crate::render_prepared(&prepared, root, &mem)?;
        let rendered = crate::Rendered {
            files: mem.into_files(),
            warnings: prepared.warnings.clone(),
        };
        Ok((
            Session {
                root: root.to_path_buf(),
                prepared,
                shards: crate::search::shard_counts(&rendered.files),
                edited: BTreeSet::new(),
            },
            rendered,
        ))
    }

    /// The site as last built.
    pub fn site(&self) -> &crate::model::Site {
        &self.prepared.site
    }

    /// The edit these changed paths make, when every one is the original or
    /// the translation of a plan the site has, both files of which are as
    /// present as before; `None` when a full build is needed.
    pub fn plan_edit(&self, changed: &[PathBuf]) -> Option<Vec<PlanEdit>> {
        let mut slugs = BTreeSet::new();
        for path in changed {
            let rel = path.strip_prefix(&self.root).unwrap_or(path);
            let mut parts = rel.iter().map(|p| p.to_str());
            let (
                Some(Some("content")),
                Some(Some("plans")),
                Some(Some(slug)),
                Some(Some(name)),
                None,
            ) = (
                parts.next(),
                parts.next(),
                parts.next(),
                parts.next(),
                parts.next(),
            )
            else {
                return None;
            };
            if name != "index.md" && name != "index.en.md" {
                return None;
            }
            slugs.insert(slug.to_owned());
        }
        let mut edits = Vec::new();
        for slug in slugs {
            let plan = self.find(&slug)?;
            let edit = PlanEdit::read(&self.root, &slug).ok()?;
            if edit.en.is_some() != plan.translation.is_some() {
                return None;
            }
            // A changed relation, alias, title or period shows on other plans' pages.
            let en = edit.en.as_ref().map(|f| f.text.as_str());
            if !self
                .prepared
                .site
                .relations
                .unchanged(&slug, &edit.zh.path, &edit.zh.text, en)
            {
                return None;
            }
            edits.push(edit);
        }
        Some(edits)
    }

    fn find(&self, slug: &str) -> Option<&Plan> {
        self.prepared
            .site
            .plans
            .iter()
            .find(|p| p.slug.as_str() == slug)
    }

    /// Re-parses the edited plans and renders the pages they appear on:
    /// their own, their jurisdictions', their indicators' (and look-alikes'),
    /// and the site-wide lists. On an error nothing changes.
    pub fn edit(&mut self, edits: &[PlanEdit]) -> Result<Rebuilt, Diagnostics> {
        let site = &self.prepared.site;
        let mut parsed = Vec::new();
        let mut diags = Diagnostics::new();
        let mut warnings = Diagnostics::new();
        for e in edits {
            match crate::model::plan_in(site, &e.slug, &e.zh, e.en.as_ref()) {
                Ok((plan, w)) => {
                    warnings.extend(w);
                    parsed.push(plan);
                }
                Err(d) => diags.extend(d),
            }
        }
        if diags.has_errors() {
            return Err(diags);
        }
        let mut routes = vec![
            Route::Home,
            Route::Jurisdictions,
            Route::Indicators,
            Route::Compare,
            Route::Data,
        ];
        for new in parsed {
            let site = &self.prepared.site;
            let i = site
                .plans
                .iter()
                .position(|p| p.slug == new.slug)
                .expect("edits are of known plans");
            routes.extend(affected(site, &site.plans[i], &new));
            self.edited.insert(new.slug.0.clone());
            self.prepared.site.plans[i] = new;
        }
        routes.sort();
        routes.dedup();
        // The plan's own pages, its jurisdiction's and the home page first:
        // that is where the person who saved is looking.
        let (first, later): (Vec<Route>, Vec<Route>) = routes.into_iter().partition(|r| {
            matches!(
                r,
                Route::Plan(_) | Route::Parallel(_) | Route::Jurisdiction(_) | Route::Home
            )
        });
        Ok(Rebuilt {
            files: self.render_routes(&first)?,
            later,
            warnings,
        })
    }

    /// Renders the pages of `routes` in both languages.
    pub fn render_routes(&self, routes: &[Route]) -> Result<Vec<OutFile>, Diagnostics> {
        let site = &self.prepared.site;
        let records = compare::records(site);
        let mem = output::Memory::default();
        let emit = output::Emit::new(&mem, site.config.minify);
        render::pages_for(site, &records, &self.prepared.engine, routes, &emit)?;
        crate::finish(emit, &self.root)?;
        Ok(mem.into_files())
    }

    /// The data files and feeds of the site as it is now.
    pub fn data(&self) -> Vec<OutFile> {
        let site = &self.prepared.site;
        let records = compare::records(site);
        let mem = output::Memory::default();
        let emit = output::Emit::new(&mem, site.config.minify);
        emit.put_all(render::data::files(site, &records));
        crate::emit_feeds(site, &emit);
        let _ = emit.finish();
        mem.into_files()
    }

    /// The search files that bring the built index up to date: an edit
    /// segment holding every plan edited since the full build, and each
    /// language's `meta.json` naming it (see
    /// [`crate::search::build::build_edits`]). Files of an earlier edit
    /// segment that these do not replace are no longer read.
    pub fn search(&self) -> Vec<OutFile> {
        let site = &self.prepared.site;
        let mem = output::Memory::default();
        let emit = output::Emit::new(&mem, false);
        match self.shards {
            Some(shards) => {
                let edited: Vec<&str> = self.edited.iter().map(String::as_str).collect();
                crate::search::emit_edits(site, &edited, shards, &emit);
            }
            None => crate::search::emit(site, &emit),
        }
        let _ = emit.finish();
        mem.into_files()
    }
}

/// The pages showing a plan, before (`old`) and after (`new`) an edit.
fn affected(site: &crate::model::Site, old: &Plan, new: &Plan) -> Vec<Route> {
    let mut routes = vec![Route::Plan(new.slug.0.clone())];
    if new.translation.is_some() {
        routes.push(Route::Parallel(new.slug.0.clone()));
    }
    for j in [&old.jurisdiction, &new.jurisdiction] {
        routes.push(Route::Jurisdiction(j.0.clone()));
    }
    let ids: BTreeSet<_> = old
        .indicators
        .iter()
        .chain(&new.indicators)
        .map(|v| &v.id)
        // Reported values are drawn on their indicators' pages too.
        .chain(old.reported.iter().chain(&new.reported).map(|r| &r.id))
        .collect();
    let groups: BTreeSet<_> = ids
        .iter()
        .filter_map(|id| site.indicators.get(*id)?.group.as_ref())
        .collect();
    for def in site.indicators.values() {
        let grouped = def.group.as_ref().is_some_and(|g| groups.contains(g));
        if ids.contains(&def.id) || grouped {
            routes.push(Route::Indicator(def.id.0.clone()));
        }
    }
    routes
}

/// What [`bench()`] measured, in milliseconds.
#[derive(Debug, Clone)]
pub struct BenchReport {
    /// The edited plan.
    pub plan: String,
    /// The first full build into memory.
    pub full_ms: f64,
    /// Pages rebuilt first per edit (the plan's own, its jurisdiction's, home).
    pub pages: usize,
    /// Median time to re-parse the plan and render those.
    pub pages_ms: f64,
    /// The other pages showing the plan.
    pub later_pages: usize,
    /// Median time to render them.
    pub later_ms: f64,
    /// Median time for the data files and feeds after that.
    pub data_ms: f64,
    /// Search files written (the edit segment and `meta.json`).
    pub search_files: usize,
    /// Median time to write them.
    pub search_ms: f64,
    /// Edits timed.
    pub runs: usize,
}

impl std::fmt::Display for BenchReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "one-plan rebuild of {}: its {} pages in {:.1} ms, the other {} pages showing it in {:.1} ms, the search index's edit segment ({} files) in {:.1} ms, data files and feeds in {:.1} ms (medians of {} edits); full build in memory {:.1} ms",
            self.plan,
            self.pages,
            self.pages_ms,
            self.later_pages,
            self.later_ms,
            self.search_files,
            self.search_ms,
            self.data_ms,
            self.runs,
            self.full_ms
        )
    }
}

/// Times the rebuild after an edit to one plan, as `serve` does it, without
/// touching the plan's files: the edit appends a paragraph in memory.
pub fn bench(root: &Path, plan: Option<&str>, runs: usize) -> Result<BenchReport, Diagnostics> {
    let t = std::time::Instant::now();
    let (mut session, rendered) = Session::open(root, None)?;
    let full_ms = t.elapsed().as_secs_f64() * 1e3;
    drop(rendered);
    let site = session.site();
    let slug = match plan {
        Some(s) => s.to_owned(),
        None => site.plans[site.plans.len() / 2].slug.0.clone(),
    };
    if session.find(&slug).is_none() {
        let mut d = Diagnostics::new();
        d.push(crate::diag::Diagnostic::error(
            crate::diag::Location::file(root.join("content/plans").join(&slug)),
            format!("no plan `{slug}` in this site"),
        ));
        return Err(d);
    }
    let PlanEdit { zh, en, .. } = PlanEdit::read(root, &slug)?;
    let (mut pages_ms, mut later_ms) = (Vec::new(), Vec::new());
    let (mut search_ms, mut data_ms) = (Vec::new(), Vec::new());
    let (mut pages, mut later_pages, mut search_files) = (0, 0, 0);
    for run in 0..runs {
        let mut edited = zh.clone();
        edited
            .text
            .push_str(&format!("\n\n本段为计时所加,第{}次。\n", run + 1));
        let edit = PlanEdit {
            slug: slug.clone(),
            zh: edited,
            en: en.clone(),
        };
        let t = std::time::Instant::now();
        let r = session.edit(std::slice::from_ref(&edit))?;
        pages_ms.push(t.elapsed().as_secs_f64() * 1e3);
        pages = r.files.len();
        let t = std::time::Instant::now();
        later_pages = session.render_routes(&r.later)?.len();
        later_ms.push(t.elapsed().as_secs_f64() * 1e3);
        let t = std::time::Instant::now();
        search_files = session.search().len();
        search_ms.push(t.elapsed().as_secs_f64() * 1e3);
        let t = std::time::Instant::now();
        let files = session.data();
        data_ms.push(t.elapsed().as_secs_f64() * 1e3);
        drop(files);
    }
    Ok(BenchReport {
        plan: slug,
        full_ms,
        pages,
        pages_ms: median(&mut pages_ms),
        later_pages,
        later_ms: median(&mut later_ms),
        data_ms: median(&mut data_ms),
        search_files,
        search_ms: median(&mut search_ms),
        runs,
    })
}

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_edited_figure_reaches_every_page_that_shows_it() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let (mut session, full) = Session::open(root, None).expect("bundled site builds");
        let plan = session.site().plans[0].clone();
        let PlanEdit { mut zh, en, .. } = PlanEdit::read(root, plan.slug.as_str()).unwrap();
        // Change the plan's title: it shows on its pages and in every list.
        let old_title = plan.title.clone();
        let new_title = format!("{old_title}(修订稿)");
        zh.text = zh.text.replacen(
            &format!("title: {old_title}"),
            &format!("title: {new_title}"),
            1,
        );
        assert!(
            zh.text.contains(&new_title),
            "the title line is in the front matter"
        );
        let edit = PlanEdit {
            slug: plan.slug.0.clone(),
            zh,
            en,
        };
        let mut r = session.edit(&[edit]).expect("edit builds");
        let first: Vec<String> = r.files.iter().map(|f| f.path.clone()).collect();
        let plan_page = format!("plans/{}/index.html", plan.slug);
        assert!(first.contains(&plan_page), "{first:?}");
        assert!(
            !first.contains(&"compare/index.html".to_owned()),
            "{first:?}"
        );
        let later = session.render_routes(&r.later).expect("pages render");
        r.files.extend(later);
        let paths: Vec<&str> = r.files.iter().map(|f| f.path.as_str()).collect();
        let jur_page = format!("jurisdictions/{}/index.html", plan.jurisdiction);
        for p in [
            plan_page.as_str(),
            "index.html",
            jur_page.as_str(),
            "compare/index.html",
            "en/index.html",
        ] {
            assert!(paths.contains(&p), "{p} rebuilt: {paths:?}");
        }
        // Fewer pages than a full build, and each new page shows the title.
        let full_pages = full
            .files
            .iter()
            .filter(|f| f.path.ends_with(".html"))
            .count();
        assert!(
            r.files.len() < full_pages,
            "{} of {full_pages}",
            r.files.len()
        );
        let page = |path: &str| {
            String::from_utf8(
                r.files
                    .iter()
                    .find(|f| f.path == path)
                    .unwrap()
                    .bytes
                    .clone(),
            )
            .unwrap()
        };
        assert!(page(&plan_page).contains(&new_title));
        assert!(page(&jur_page).contains(&new_title));
        // Each rebuilt page is byte for byte what a full render of the
        // edited site makes.
        let mem = output::Memory::default();
        crate::render_prepared(&session.prepared, root, &mem).unwrap();
        let all = mem.into_files();
        for f in &r.files {
            let twin = all.iter().find(|x| x.path == f.path).expect("same paths");
            assert!(
                twin.bytes == f.bytes,
                "{} differs from a full build",
                f.path
            );
        }
        let data = session.data();
        assert!(data.iter().any(|f| f.path == "data/plans.json"
            && String::from_utf8_lossy(&f.bytes).contains(&new_title)));
    }

    #[test]
    fn the_search_edit_segment_answers_as_a_rebuilt_index_would() {
        use crate::search::query::{search, MemStore, Request};
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let (mut session, full) = Session::open(root, None).expect("bundled site builds");
        let mut served = MemStore::from(full.files);
        // Two edits, of two plans: the segment holds both.
        let mut removed = Vec::new();
        for (i, added) in [(0, "寻找无双试验段落"), (1, "Zyxwv pledge")] {
            let plan = session.site().plans[i].clone();
            let PlanEdit { mut zh, en, .. } = PlanEdit::read(root, plan.slug.as_str()).unwrap();
            let body_start = zh.text.rfind("\n---").expect("front matter") + 4;
            // Cut the body's first paragraph with text; add one.
            let first = zh.text[body_start..]
                .split("\n\n")
                .find(|p| {
                    let p = p.trim();
                    p.chars().count() > 20 && !p.starts_with('#') && !p.starts_with('|')
                })
                .expect("a paragraph")
                .to_owned();
            removed.push(first.trim().chars().take(12).collect::<String>());
            zh.text = zh.text.replacen(&first, "", 1);
            zh.text.push_str(&format!("\n\n{added}。\n"));
            let edit = PlanEdit {
                slug: plan.slug.0.clone(),
                zh,
                en,
            };
            session.edit(&[edit]).expect("edit builds");
            for f in session.search() {
                served.0.insert(f.path, f.bytes);
            }
        }
        assert!(served.0.keys().any(|k| k.starts_with("search/zh/e/p/")));
        let rebuilt = MemStore::from(crate::search::files(session.site()));
        let mut queries: Vec<String> = vec![
            "无双试验".into(),
            "寻找无双".into(),
            "知识产权".into(),
            "知識產權 保护".into(),
            "zyxwv".into(),
            "pledge".into(),
            "规划".into(),
        ];
        queries.extend(removed);
        for q in &queries {
            for lang in ["zh", "en"] {
                let req = Request {
                    q: q.clone(),
                    limit: 1000,
                    ..Default::default()
                };
                let a = search(&served, lang, &req).expect("edited index answers");
                let b = search(&rebuilt, lang, &req).expect("rebuilt index answers");
                assert_eq!(
                    serde_json::to_string(&a).unwrap(),
                    serde_json::to_string(&b).unwrap(),
                    "{lang} {q}"
                );
            }
        }
        let hits = |q: &str| {
            let req = Request {
                q: q.into(),
                limit: 10,
                ..Default::default()
            };
            search(&served, "zh", &req).unwrap().hits
        };
        let plan0 = session.site().plans[0].slug.0.clone();
        assert_eq!(
            hits("无双试验").iter().map(|h| &h.plan).collect::<Vec<_>>(),
            [&plan0]
        );
    }

    #[test]
    fn a_broken_edit_changes_nothing_and_names_the_line() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let (mut session, _) = Session::open(root, None).expect("bundled site builds");
        let plan = session.site().plans[0].clone();
        let PlanEdit { mut zh, en, .. } = PlanEdit::read(root, plan.slug.as_str()).unwrap();
        zh.text = zh.text.replacen(
            &format!("jurisdiction: {}", plan.jurisdiction),
            "jurisdiction: nowhere",
            1,
        );
        let err = session
            .edit(&[PlanEdit {
                slug: plan.slug.0.clone(),
                zh,
                en,
            }])
            .err()
            .expect("unknown jurisdiction is an error");
        let text = err.to_string();
        assert!(text.contains("unknown jurisdiction `nowhere`"), "{text}");
        assert!(text.contains("index.md:"), "{text}");
        assert_eq!(session.site().plans[0].jurisdiction, plan.jurisdiction);
    }

    #[test]
    fn only_plan_files_of_known_plans_are_edits() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let (session, _) = Session::open(root, None).expect("bundled site builds");
        let slug = session.site().plans[0].slug.0.clone();
        let plan_file = root.join("content/plans").join(&slug).join("index.md");
        let edits = session.plan_edit(&[plan_file]).expect("a plan edit");
        assert_eq!(edits.len(), 1);
        assert_eq!(edits[0].slug, slug);
        assert!(session.plan_edit(&[root.join("site.yaml")]).is_none());
        assert!(session
            .plan_edit(&[root.join("content/plans/no-such-plan/index.md")])
            .is_none());
        assert!(session
            .plan_edit(&[root.join("indicators").join("x.yaml")])
            .is_none());
    }
}
