//! # plansite
//!
//! A static site generator for plan documents and their indicators: plan
//! texts in Markdown with YAML front matter become a bilingual (Chinese /
//! English) site with comparison tables and open data.
//!
//! The build is a pipeline; each stage takes the previous stage's value:
//!
//! ```text
//! load::read_site(root)        I/O: every source file, decoded        → SiteFiles
//! model::build(&files)         parse front matter + Markdown, validate → Site   (all errors at once)
//! compare::records(&site)      growth, per-capita, comparability      → Vec<Record>
//! render::pages(..)            tera templates, typed views, parallel  → output::Emit
//! search::emit(..)             the search index                       → output::Emit
//! output::write_atomic_with(..) each file written to a temporary folder
//!                              as it is finished, swapped in at the end → Written
//! ```
//!
//! Problems are [`diag::Diagnostic`]s printed as `path:line:column`.

#![deny(missing_docs)]

pub mod align;
pub mod compare;
pub mod diag;
pub mod diff;
pub mod glossary;
pub mod import;
pub mod load;
pub mod model;
pub mod output;
pub mod parse;
pub mod render;
pub mod scaffold;
pub mod search;
pub mod serve;
pub mod session;

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
    pub files: Vec<render::OutFile>,
    /// Warnings.
    pub warnings: Diagnostics,
}

/// Loads, validates and renders the site into memory.
pub fn render_site(root: &Path, base_url: Option<&str>) -> Result<Rendered, Diagnostics> {
    let mem = output::Memory::default();
    let (warnings, _) = render_into(root, base_url, &mem)?;
    Ok(Rendered {
        files: mem.into_files(),
        warnings,
    })
}

/// Loads, validates and renders the site, passing each file to `sink` as
/// soon as it is finished. Returns the warnings and what was passed on.
pub fn render_into(
    root: &Path,
    base_url: Option<&str>,
    sink: &dyn output::Sink,
) -> Result<(Diagnostics, output::Written), Diagnostics> {
    let mut prepared = prepare(root, base_url)?;
    let mut clock = Stages::new();
    let emit = output::Emit::new(sink, prepared.site.config.minify);
    emit_pages_and_data(&prepared, &emit, &mut clock)?;
    // The pages are written; the search index reads the blocks' text only,
    // and takes it.
    prepared.site.drop_block_html();
    search::emit_taking_text(&mut prepared.site, &emit);
    clock.stage("search index");
    emit_feeds_and_sitemap(&prepared.site, &emit, &mut clock);
    let written = finish(emit, root)?;
    Ok((prepared.warnings, written))
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
    let (files, mut diags) = load::read_site(root)?;
    clock.stage("read");
    let theme = render::Theme::resolve(&files.theme);
    let model = model::build(&files);
    drop(files);
    clock.stage("parse and validate");
    let (mut site, theme) = match (model, theme) {
        (Ok((site, w)), Ok(theme)) => {
            diags.extend(w);
            if diags.has_errors() {
                return Err(diags);
            }
            (site, theme)
        }
        (Err(d1), t) => {
            diags.extend(d1);
            if let Err(d2) = t {
                diags.extend(d2);
            }
            return Err(diags);
        }
        (Ok(_), Err(d2)) => {
            diags.extend(d2);
            return Err(diags);
        }
    };
    if let Some(url) = base_url {
        let mut u = url.to_owned();
        if !u.ends_with('/') {
            u.push('/');
        }
        site.config.base_url = u;
    }
    let mut warnings = diags;
    warnings.extend(compare::consistency(&site));
    let engine = render::Engine::new(theme)?;
    Ok(Prepared {
        site,
        engine,
        warnings,
    })
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
        || output::data::each_file(site, &records, |f| emit.put(f)),
    );
    pages?;
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
    emit.put(output::feeds::robots(site));
    let sitemap = output::feeds::sitemap(site, &emit.paths());
    emit.put(sitemap);
    clock.stage("feeds");
}

/// Both languages' Atom feeds.
fn emit_feeds(site: &model::Site, emit: &output::Emit<'_>) {
    emit.put(output::feeds::atom(site, model::Lang::Zh));
    emit.put(output::feeds::atom(site, model::Lang::En));
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

/// Builds the site into `opts.out`, replacing it only on success.
pub fn build(opts: &BuildOptions) -> Result<BuildReport, Diagnostics> {
    let start = Instant::now();
    let (warnings, written) = output::write_atomic_with(&opts.out, |folder| {
        render_into(&opts.root, opts.base_url.as_deref(), folder)
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

/// Validates everything a build validates, writing nothing.
pub fn check(root: &Path) -> Result<Diagnostics, Diagnostics> {
    render_into(root, None, &output::Discard).map(|(w, _)| w)
}
