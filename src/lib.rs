//! # plansite
//!
//! A static site generator for plan documents and their indicators: plan
//! texts in Markdown with YAML front matter become a bilingual (Chinese /
//! English) site with comparison tables and open data.
//!
//! The build is a pipeline; each stage takes the previous stage's value:
//!
//! ```text
//! load::read_site(root)        I/O: every source file, decoded (plans'
//!                              files only found)                      → SiteFiles
//! model::stage(files)          settings, catalogue, jurisdictions…    → Staged
//! history::History::read       git: last-updated dates, plans' change
//!                              histories (one `log`, one `cat-file`) → Site::history
//! for each batch of plans:
//!   PlanFiles::read            (a thread of its own, one batch ahead) → PlanTexts
//!   Staged::parse(batch)       front matter + Markdown, validated     → Vec<Plan>
//!   render::plan_pages(..)     each plan's own pages, and its attachments
//!                              (page bundle) copied beside them       → output::Emit
//!   Documents::taking_text     the plans' text moved out              → Documents
//!   Site::drop_plan_text       only metadata and values are kept
//!   Indexes::add               indexed while the next batch is parsed
//! compare::records(&site)      growth, per-capita, comparability      → Vec<Record>
//! at once:
//!   render::site_pages(..)     the pages about many plans             → output::Emit
//!   render::data::each_file    the data files                         → output::Emit
//!   Indexes::finish            lists set aside on disk merged back    → output::Emit
//! output::write_atomic_with(..) each file written to a temporary folder
//!                              as it is finished, swapped in at the end → Written
//! ```
//!
//! `check` makes the pages only, into a [`links::Collector`] that notes
//! each page's ids and links, and reports every broken internal link and
//! anchor at the end.
//!
//! So a build holds the whole site's metadata but only a few batches'
//! text, and its memory grows with the number of plans far more slowly
//! than with their text. `serve` keeps the whole site instead ([`prepare`],
//! [`render_prepared`]), to rebuild an edited plan alone; both write the
//! same files. Every problem is collected before anything is reported.
//!
//! Problems are [`diag::Diagnostic`]s printed as `path:line:column`.

#![deny(missing_docs)]

pub mod align;
pub mod compare;
pub mod diag;
pub mod diff;
pub mod facts;
pub mod figures;
pub mod glossary;
pub mod history;
pub mod import;
pub mod init;
pub mod links;
pub mod load;
pub mod model;
pub mod output;
pub mod parse;
pub mod publish;
pub mod render;
pub mod scaffold;
pub mod search;
pub mod serve;
pub mod session;
pub mod tasks;

use std::path::{Path, PathBuf};
use std::time::Instant;

use diag::{Diagnostic, Diagnostics, Location};

/// What to build and where.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The site folder.
    pub root: PathBuf,
    /// The output folder (default `<root>/public`).
    pub out: PathBuf,
    /// Overrides `base_url` from `site.yaml`.
    pub base_url: Option<String>,
    /// Replace an output folder that holds files plansite did not write
    /// (never the site folder or its sources; see [`output::claim`]).
    pub force: bool,
    /// Publish drafts and plans dated after today too ([`publish`]).
    pub publish: publish::Publish,
}

/// The result of a successful build.
#[derive(Debug)]
pub struct BuildReport {
    /// What was written.
    pub written: output::Written,
    /// Warnings.
    pub warnings: Diagnostics,
    /// Wall time in seconds.
    pub seconds: f64,
}

/// Everything a build produces, in memory (for `serve` and tests).
pub struct Rendered {
    /// The files, sorted by path.
    pub files: Vec<output::OutFile>,
    /// Warnings.
    pub warnings: Diagnostics,
}

/// Loads, validates and renders the site into memory.
pub fn render_site(root: &Path, base_url: Option<&str>) -> Result<Rendered, Diagnostics> {
    let mem = output::Memory::default();
    let (warnings, _) = render_into(root, base_url, &publish::Publish::build(false, false), &mem)?;
    Ok(Rendered {
        files: mem.into_files(),
        warnings,
    })
}

/// Plans parsed, rendered and indexed together by a build: a batch's text
/// is freed before the next batch is parsed (some 45 MB of HTML and text
/// at 20 KB of Markdown a plan). Batches of 256 took 3–5% longer at
/// 10,000 plans (bench/RECORD.md, section 12).
const PLAN_BATCH: usize = 1024;

/// Loads, validates and renders the site, passing each file to `sink` as
/// soon as it is finished. Returns the warnings and what was passed on.
///
/// The plans stream through: each batch is parsed, its plans' pages are
/// rendered and its text indexed, and only the plans' metadata and values
/// are kept for the pages about many plans, which come last. Every batch
/// is validated even after an error, so all problems are reported together
/// (and nothing more is rendered).
pub fn render_into(
    root: &Path,
    base_url: Option<&str>,
    publish: &publish::Publish,
    sink: &dyn output::Sink,
) -> Result<(Diagnostics, output::Written), Diagnostics> {
    render_batched(root, base_url, publish, sink, PLAN_BATCH, Pass::Build)
}

/// What a pass over the site makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pass {
    /// Every file.
    Build,
    /// What can find a problem: every page is rendered (a template fails
    /// only when it is rendered), but no search index, data file or feed,
    /// which cannot (they were two fifths of a build's time).
    Check,
}

/// [`render_into`], `batch` plans at a time.
fn render_batched(
    root: &Path,
    base_url: Option<&str>,
    publish: &publish::Publish,
    sink: &dyn output::Sink,
    batch: usize,
    pass: Pass,
) -> Result<(Diagnostics, output::Written), Diagnostics> {
    let mut clock = Stages::new();
    let (mut staged, engine, mut diags) = stage(root, base_url, &mut clock)?;
    staged.site.relations.hold(|h| publish.holds_head(h));
    let found = staged.plan_count();
    // A check notes every page's links and ids as it passes, to resolve
    // them once every page is made.
    let collector = (pass == Pass::Check).then(|| links::Collector::new(sink));
    let sink: &dyn output::Sink = match &collector {
        Some(c) => c,
        None => sink,
    };
    let emit = output::Emit::new(sink, staged.site.config.minify);
    let mut indexes = (pass == Pass::Build).then(|| search::Indexes::new(&emit));
    let kept = stream_plans(
        &mut staged,
        publish,
        batch,
        engine.as_ref(),
        &emit,
        indexes.as_mut(),
        &mut diags,
    );
    clock.stage("parse, plans' pages, index");
    let (site, engine, mut diags) = assemble(staged, kept, engine, diags)?;
    let records = compare::records(&site);
    clock.stage("compare");
    // The pages about many plans, the data files and the rest of the search
    // index share the cores: each has serial parts (one large data file, the
    // merge of one language's lists) that the others fill in around. The
    // index is written even when a page fails; the build then keeps the
    // previous output.
    let ((pages, ()), ()) = rayon::join(
        || {
            rayon::join(
                || render::site_pages(&site, &records, &engine, &emit),
                || {
                    if pass == Pass::Build {
                        render::data::each_file(&site, &records, &emit);
                    }
                },
            )
        },
        || indexes.map_or((), search::Indexes::finish),
    );
    if let Err(d) = pages {
        diags.extend(d);
        return Err(diags);
    }
    diags.extend(render::redirects::emit(&site, &engine, &emit));
    if diags.has_errors() {
        return Err(diags);
    }
    drop(records);
    clock.stage("other pages, data, search index");
    if pass == Pass::Build {
        emit_feeds_and_sitemap(&site, &emit, &mut clock);
    }
    let mut written = finish(emit, root)?;
    written.plans = site.plans.len();
    written.held = found.saturating_sub(written.plans);
    if let Some(c) = collector {
        diags.extend(broken_links(c, &site, root));
        clock.stage("links");
        if diags.has_errors() {
            return Err(diags);
        }
    }
    Ok((diags, written))
}

/// Every broken internal link and anchor of the pages `c` saw, as errors
/// where the link is written in the Markdown of the site at `root`, else
/// at the page's output path (a link of the theme).
fn broken_links(c: links::Collector<'_>, site: &model::Site, root: &Path) -> Diagnostics {
    let mut d = Diagnostics::new();
    for b in c.broken(&site.config.base_url, &|p| made_by_build_only(site, p)) {
        let at = links::source::locate(root, &b.page, &b.url);
        let hint = if at.path == Path::new(&b.page) {
            "correct the link in the Markdown this page is made from, or in the theme's template that writes it"
        } else {
            "correct the link: a path relative to this page's folder, or the anchor of an element the target page has"
        };
        let message = format!("{b} (on the page `{}`)", b.page);
        d.push(Diagnostic::error(at, message).hint(hint));
    }
    d
}

/// Whether a build writes `path` among what a check does not make: the
/// data files, the charts' SVG and CSV files, the search index, the feeds,
/// the sitemap and `robots.txt`.
fn made_by_build_only(site: &model::Site, path: &str) -> bool {
    let fixed = [
        "atom.xml",
        "en/atom.xml",
        "changes/atom.xml",
        "en/changes/atom.xml",
        "sitemap.xml",
        "robots.txt",
        "data/indicators.json",
        "data/indicators.csv",
        "data/plans.json",
        render::tables::JURISDICTIONS,
        render::tables::CATALOGUE,
        render::tables::TOPICS,
        render::task_tables::TASKS_CSV,
        render::task_tables::TASKS_JSON,
        render::task_tables::AGENCIES_CSV,
        render::task_tables::AGENCIES_JSON,
        render::reported_data::CSV,
        render::reported_data::JSON,
        render::datapackage::PATH,
    ];
    fixed.contains(&path)
        || render::sitemap::is_numbered(path)
        || (path.starts_with("search/") && !path.ends_with(".html"))
        || path
            .strip_prefix("data/indicators/")
            .and_then(|f| f.strip_suffix(".csv"))
            .is_some_and(|id| site.indicators.keys().any(|k| k.as_str() == id))
        || path
            .strip_prefix("en/")
            .unwrap_or(path)
            .strip_prefix("indicators/")
            .and_then(|f| f.split_once('/'))
            .is_some_and(|(id, file)| {
                render::chart::FILES.contains(&file)
                    && site.indicators.keys().any(|k| k.as_str() == id)
            })
}

/// Passes each attachment of `plans` on, at `plans/<slug>/<name>`, its
/// bytes untouched when `copy` (a check notes the path only).
fn emit_attachments(plans: &[model::Plan], emit: &output::Emit<'_>, copy: bool) {
    use rayon::prelude::*;
    plans
        .par_iter()
        .flat_map_iter(|p| p.attachments.iter().map(move |a| (p, a)))
        .for_each(|(p, a)| {
            let bytes = if copy {
                match a.source.read() {
                    Ok(b) => b,
                    Err(e) => {
                        let shown = a.source.path.display();
                        emit.fail(std::io::Error::new(e.kind(), format!("{shown}: {e}")));
                        return;
                    }
                }
            } else {
                Vec::new()
            };
            emit.put(output::OutFile {
                path: format!("plans/{}/{}", p.slug.as_str(), a.name),
                bytes,
            });
        });
}

/// Parses the plans of `staged` `batch` at a time; while there is no error
/// (in `diags`, which gets every problem), renders each batch's own pages
/// and indexes its text. Returns the plans without their text.
///
/// Three batches are at work at once: a thread of its own reads the next
/// batch's files, which waits on the disk far more than it computes (at
/// 100,000 plans, 2.2 GB took 26–50 s from a cold cache); the processors
/// parse and render one batch while they index the one before, so that
/// the waits at the end of each parallel step are filled.
fn stream_plans(
    staged: &mut model::Staged,
    publish: &publish::Publish,
    batch: usize,
    engine: Option<&render::Engine>,
    emit: &output::Emit<'_>,
    mut indexes: Option<&mut search::Indexes<'_>>,
    diags: &mut Diagnostics,
) -> Vec<model::Plan> {
    let index = indexes.is_some();
    let mut kept = Vec::with_capacity(staged.plan_count());
    let mut groups = staged.take_plans().into_iter();
    // One batch read ahead, at most: the reader hands each batch over
    // (a channel that holds none) before it reads the next.
    let (ahead, read) = std::sync::mpsc::sync_channel(0);
    std::thread::scope(|s| {
        s.spawn(move || loop {
            let mut d = Diagnostics::new();
            let texts: Vec<model::PlanTexts> = groups
                .by_ref()
                .take(batch)
                .filter_map(|f| f.read(&mut d))
                .collect();
            let last = texts.is_empty() && d.is_empty();
            if last || ahead.send((texts, d)).is_err() {
                return;
            }
        });
        let mut ready: Option<search::Documents> = None;
        for (texts, d) in read {
            diags.extend(d);
            let previous = ready.take();
            let ((), next) = rayon::join(
                || {
                    if let (Some(docs), Some(ix)) = (previous, indexes.as_deref_mut()) {
                        ix.add(docs);
                    }
                },
                || {
                    let (plans, d) = staged.parse(texts);
                    diags.extend(d);
                    let mut plans = plans;
                    publish.sift(&mut plans, diags);
                    parse_and_render(staged, plans, engine, emit, index, diags, &mut kept)
                },
            );
            ready = next;
        }
        if let (Some(docs), Some(ix)) = (ready, indexes) {
            ix.add(docs);
        }
    });
    kept
}

/// Takes one batch of parsed plans; while there is no error, renders their own
/// pages, keeps them in `kept` without their text, and returns their
/// documents to be indexed (where `index`).
fn parse_and_render(
    staged: &mut model::Staged,
    plans: Vec<model::Plan>,
    engine: Option<&render::Engine>,
    emit: &output::Emit<'_>,
    index: bool,
    diags: &mut Diagnostics,
    kept: &mut Vec<model::Plan>,
) -> Option<search::Documents> {
    let engine = engine.filter(|_| !diags.has_errors())?;
    let site = &mut staged.site;
    site.plans = plans;
    let records = compare::records(site);
    let rendered = render::plan_pages(site, &records, engine, emit);
    drop(records);
    if let Err(d) = rendered {
        // Reported with the rest; later batches are still validated.
        diags.extend(d);
        return None;
    }
    // A build (which indexes) copies the files; a check notes their paths.
    emit_attachments(&site.plans, emit, index);
    let docs = index.then(|| search::Documents::taking_text(site));
    site.drop_plan_text();
    kept.append(&mut site.plans);
    docs
}

/// The site with its `plans` and templates, and the consistency warnings
/// added to `diags`; or every problem when there is an error.
fn assemble(
    staged: model::Staged,
    plans: Vec<model::Plan>,
    engine: Option<render::Engine>,
    mut diags: Diagnostics,
) -> Result<(model::Site, render::Engine, Diagnostics), Diagnostics> {
    let Some(engine) = engine.filter(|_| !diags.has_errors()) else {
        return Err(diags);
    };
    let mut site = staged.site;
    site.plans = plans;
    diags.extend(compare::consistency(&site));
    Ok((site, engine, diags))
}

/// Sets the site's base URL, ending in `/`.
fn set_base_url(site: &mut model::Site, url: &str) {
    let mut u = url.to_owned();
    if !u.ends_with('/') {
        u.push('/');
    }
    site.config.base_url = u;
}

/// The site parsed and validated, with its templates: everything a render
/// needs. `serve` keeps one to rebuild an edited plan alone.
pub struct Prepared {
    /// The site.
    pub site: model::Site,
    /// The templates.
    pub engine: render::Engine,
    /// Warnings found while preparing.
    pub warnings: Diagnostics,
}

/// Reads, parses and validates the site and its theme.
pub fn prepare(root: &Path, base_url: Option<&str>) -> Result<Prepared, Diagnostics> {
    let mut clock = Stages::new();
    let (mut staged, engine, mut diags) = stage(root, base_url, &mut clock)?;
    let (texts, d) = model::read_plans(staged.take_plans());
    diags.extend(d);
    let (mut plans, d) = staged.parse(texts);
    diags.extend(d);
    publish::Publish::preview().sift(&mut plans, &mut diags);
    clock.stage("parse and validate");
    let (site, engine, warnings) = assemble(staged, plans, engine, diags)?;
    Ok(Prepared {
        site,
        engine,
        warnings,
    })
}

/// Reads the site and validates everything but its plans, and parses its
/// theme's templates: `None` when they have errors, which are with the
/// rest of the problems found so far.
fn stage(
    root: &Path,
    base_url: Option<&str>,
    clock: &mut Stages,
) -> Result<(model::Staged, Option<render::Engine>, Diagnostics), Diagnostics> {
    let (files, mut diags) = load::read_site(root)?;
    clock.stage("read");
    let theme = render::Theme::resolve(&files.theme);
    let (mut staged, d) = model::stage(files);
    clock.stage("settings, plans' relations");
    diags.extend(d);
    let engine = match theme.and_then(render::Engine::new) {
        Ok(e) => Some(e),
        Err(d) => {
            diags.extend(d);
            None
        }
    };
    if let Some(url) = base_url {
        set_base_url(&mut staged.site, url);
    }
    // Nothing is rendered after an error: git is not asked.
    if !diags.has_errors() {
        let (history, d) = history::History::read(root, &staged.site);
        staged.site.history = std::sync::Arc::new(history);
        diags.extend(d);
    }
    clock.stage("git history");
    Ok((staged, engine, diags))
}

/// Renders a prepared site: pages, data, search index and feeds, each file
/// passed to `sink` as soon as it is finished.
pub fn render_prepared(
    prepared: &Prepared,
    root: &Path,
    sink: &dyn output::Sink,
) -> Result<output::Written, Diagnostics> {
    let mut clock = Stages::new();
    let emit = output::Emit::new(sink, prepared.site.config.minify);
    emit_pages_and_data(prepared, &emit, &mut clock)?;
    emit_search_and_feeds(&prepared.site, &emit, &mut clock);
    finish(emit, root)
}

/// The pages and the data files, from the comparison records (freed on
/// return).
fn emit_pages_and_data(
    prepared: &Prepared,
    emit: &output::Emit<'_>,
    clock: &mut Stages,
) -> Result<(), Diagnostics> {
    let site = &prepared.site;
    let records = compare::records(site);
    clock.stage("compare");
    // The data files are written on one thread while the pages take the
    // others: making them is serial work, and the pages keep every core
    // busy around it.
    let (pages, ()) = rayon::join(
        || render::pages(site, &records, &prepared.engine, emit),
        || render::data::each_file(site, &records, emit),
    );
    pages?;
    let redirects = render::redirects::emit(site, &prepared.engine, emit);
    if redirects.has_errors() {
        return Err(redirects);
    }
    emit_attachments(&site.plans, emit, true);
    clock.stage("render pages and data");
    Ok(())
}

/// The search index, the feeds, `robots.txt` and the sitemap (of every
/// path `emit` has passed, so last).
fn emit_search_and_feeds(site: &model::Site, emit: &output::Emit<'_>, clock: &mut Stages) {
    search::emit(site, emit);
    clock.stage("search index");
    emit_feeds_and_sitemap(site, emit, clock);
}

/// The feeds, `robots.txt` and the sitemap (of every path `emit` has
/// passed, so last).
fn emit_feeds_and_sitemap(site: &model::Site, emit: &output::Emit<'_>, clock: &mut Stages) {
    emit_feeds(site, emit);
    emit.put(render::feeds::robots(site));
    let paths = render::redirects::without_redirects(site, emit.paths());
    for f in render::sitemap::sitemaps(site, &paths) {
        emit.put(f);
    }
    clock.stage("feeds");
}

/// Both languages' Atom feeds.
fn emit_feeds(site: &model::Site, emit: &output::Emit<'_>) {
    emit.put(render::feeds::atom(site, model::Lang::Zh));
    emit.put(render::feeds::atom(site, model::Lang::En));
    emit.put(render::changes_feed::atom(site, model::Lang::Zh));
    emit.put(render::changes_feed::atom(site, model::Lang::En));
}

fn finish(emit: output::Emit<'_>, root: &Path) -> Result<output::Written, Diagnostics> {
    emit.finish().map_err(|e| write_failed(root, &e))
}

/// The error for output that could not be written.
fn write_failed(at: &Path, e: &std::io::Error) -> Diagnostics {
    let mut d = Diagnostics::new();
    d.push(
        Diagnostic::error(Location::file(at), format!("cannot write output: {e}"))
            .hint("check the output folder's permissions and free space"),
    );
    d
}

/// Stage timings, printed to stderr when `PLANSITE_TIMINGS` is set.
struct Stages {
    on: bool,
    last: Instant,
    cpu: f64,
}

impl Stages {
    fn new() -> Self {
        Stages {
            on: std::env::var_os("PLANSITE_TIMINGS").is_some(),
            last: Instant::now(),
            cpu: cpu_seconds().unwrap_or(0.0),
        }
    }

    fn stage(&mut self, name: &str) {
        if self.on {
            let cpu = cpu_seconds().unwrap_or(0.0);
            eprintln!(
                "{name:>20}: {:>8.1} ms   cpu {:>6.1} s   peak so far {}   now {}",
                self.last.elapsed().as_secs_f64() * 1e3,
                cpu - self.cpu,
                mib(memory("VmHWM:")),
                mib(memory("VmRSS:")),
            );
            self.cpu = cpu;
        }
        self.last = Instant::now();
    }
}

/// The processor time (user and system, all threads) the process has used,
/// in seconds, where the system tells it (`/proc/self/stat`, in the
/// kernel's 100 ticks a second).
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // The command name (field 2) may hold spaces; fields 14 and 15 follow it.
    let rest = &stat[stat.rfind(')')? + 2..];
    let mut f = rest.split_whitespace().skip(11);
    let user: f64 = f.next()?.parse().ok()?;
    let system: f64 = f.next()?.parse().ok()?;
    Some((user + system) / 100.0)
}

/// A memory figure of `/proc/self/status` in KiB (`VmHWM:` the peak,
/// `VmRSS:` now), where the system tells it.
fn memory(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// KiB shown in MiB.
fn mib(kib: Option<u64>) -> String {
    kib.map_or_else(|| "?".to_owned(), |kb| format!("{} MiB", kb / 1024))
}

/// Builds the site into `opts.out`, replacing it only on success, and only
/// when [`output::claim`] allows it (the command line checks that first, to
/// exit 2).
pub fn build(opts: &BuildOptions) -> Result<BuildReport, Diagnostics> {
    let start = Instant::now();
    if let Err(refusal) = output::claim(&opts.out, &opts.root, opts.force) {
        let mut d = Diagnostics::new();
        let text = refusal.to_string();
        let (message, hint) = text.split_once("\n  hint: ").unwrap_or((&text, ""));
        d.push(Diagnostic::error(Location::file(&opts.out), message).hint(hint));
        return Err(d);
    }
    let (warnings, written) = output::write_atomic_with(&opts.out, |folder| {
        render_into(&opts.root, opts.base_url.as_deref(), &opts.publish, folder)
    })
    .map_err(|e| match e {
        output::Failed::Build(d) => d,
        output::Failed::Io(e) => write_failed(&opts.out, &e),
    })?;
    Ok(BuildReport {
        written,
        warnings,
        seconds: start.elapsed().as_secs_f64(),
    })
}

/// Validates everything a build validates, writing nothing, and resolves
/// every internal link and anchor of the pages ([`links`]).
/// Plans held back from a build (drafts, plans dated after today) are
/// listed as notes.
pub fn check(root: &Path) -> Result<Diagnostics, Diagnostics> {
    let publish = publish::Publish::build(false, false);
    render_batched(
        root,
        None,
        &publish,
        &output::Discard,
        PLAN_BATCH,
        Pass::Check,
    )
    .map(|(w, _)| w)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The bundled site.
    fn bundled() -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
    }

    /// A build's files, `batch` plans at a time.
    fn streamed(root: &Path, batch: usize) -> Result<Vec<output::OutFile>, Diagnostics> {
        let mem = output::Memory::default();
        let publish = publish::Publish::build(false, false);
        render_batched(root, None, &publish, &mem, batch, Pass::Build)?;
        Ok(mem.into_files())
    }

    #[test]
    fn a_build_in_batches_writes_what_the_whole_site_at_once_does() {
        let root = bundled();
        let prepared = prepare(&root, None).expect("bundled site prepares");
        let mem = output::Memory::default();
        render_prepared(&prepared, &root, &mem).expect("bundled site renders");
        let whole = mem.into_files();
        for batch in [1, 2, PLAN_BATCH] {
            let files = streamed(&root, batch).expect("bundled site builds");
            let paths =
                |v: &[output::OutFile]| v.iter().map(|f| f.path.clone()).collect::<Vec<_>>();
            assert_eq!(paths(&files), paths(&whole), "batches of {batch}");
            for (a, b) in files.iter().zip(&whole) {
                assert!(
                    a.bytes == b.bytes,
                    "{} differs in batches of {batch}",
                    a.path
                );
            }
        }
    }

    #[test]
    fn errors_in_different_batches_are_reported_together() {
        let root = std::env::temp_dir().join(format!("plansite-batches-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        let src = bundled();
        for sub in ["site.yaml", "content", "indicators"] {
            for e in walkdir::WalkDir::new(src.join(sub))
                .into_iter()
                .filter_map(Result::ok)
            {
                let to = root.join(e.path().strip_prefix(&src).expect("under the site"));
                if e.file_type().is_dir() {
                    std::fs::create_dir_all(&to).expect("folder");
                } else {
                    std::fs::create_dir_all(to.parent().expect("parent")).expect("folder");
                    std::fs::copy(e.path(), &to).expect("copy");
                }
            }
        }
        // The first plan and the last, in batches of one: the first batch's
        // error must not stop the others from being read.
        let plans = root.join("content/plans");
        let mut slugs: Vec<String> = std::fs::read_dir(&plans)
            .expect("plans")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        slugs.sort();
        for slug in [&slugs[0], &slugs[slugs.len() - 1]] {
            let f = plans.join(slug).join("index.md");
            let text = std::fs::read_to_string(&f).expect("plan");
            let broken = text.replacen("\njurisdiction: ", "\njurisdiction: nowhere-", 1);
            assert_ne!(text, broken, "{slug} names its jurisdiction");
            std::fs::write(&f, broken).expect("write");
        }
        // A plan in between that cannot be read: its batch is read on the
        // reading thread, and the problem comes back with the others.
        let unreadable = &slugs[slugs.len() / 2];
        let f = plans.join(unreadable).join("index.md");
        let mut bytes = std::fs::read(&f).expect("plan");
        bytes.extend_from_slice(b"\xff\n");
        std::fs::write(&f, bytes).expect("write");
        let errors = streamed(&root, 1).expect_err("broken plans fail");
        let shown = errors.to_string();
        for slug in [&slugs[0], &slugs[slugs.len() - 1]] {
            assert!(
                shown.contains(&format!("{slug}/index.md")),
                "{slug} in: {shown}"
            );
        }
        assert!(
            errors.iter().any(|d| {
                let d = d.to_string();
                d.contains(&format!("{unreadable}/index.md")) && d.contains("not valid UTF-8")
            }),
            "{shown}"
        );
        assert_eq!(
            errors
                .iter()
                .filter(|d| d.to_string().contains("unknown jurisdiction"))
                .count(),
            2,
            "{shown}"
        );
        let _ = std::fs::remove_dir_all(&root);
    }
}
