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
//! render::pages(..)            tera templates, typed views, parallel  → Vec<OutFile>
//! output::write_atomic(out,..) temp folder, then swap                 → Written
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

/// Everything a build produces, in memory, before anything is written.
pub struct Rendered {
    /// The files.
    pub files: Vec<render::OutFile>,
    /// Warnings.
    pub warnings: Diagnostics,
}

/// Loads, validates and renders the site without writing anything.
pub fn render_site(root: &Path, base_url: Option<&str>) -> Result<Rendered, Diagnostics> {
    let mut clock = Stages::new();
    let (files, mut diags) = load::read_site(root)?;
    clock.stage("read");
    let theme = render::Theme::resolve(&files.theme);
    let model = model::build(&files);
    clock.stage("parse and validate");
    let (mut site, warnings) = match (model, theme) {
        (Ok((site, w)), Ok(theme)) => {
            diags.extend(w);
            if diags.has_errors() {
                return Err(diags);
            }
            ((site, theme), diags)
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
        site.0.config.base_url = u;
    }
    let (site, theme) = site;
    let mut warnings = warnings;
    warnings.extend(compare::consistency(&site));
    let records = compare::records(&site);
    clock.stage("compare");
    let engine = render::Engine::new(theme)?;
    let mut out = render::pages(&site, &records, &engine)?;
    clock.stage("render pages");
    out.extend(output::data::files(&site, &records));
    out.extend(search::files(&site));
    clock.stage("search index");
    out.push(output::feeds::atom(&site, model::Lang::Zh));
    out.push(output::feeds::atom(&site, model::Lang::En));
    out.push(output::feeds::robots(&site));
    let sitemap = output::feeds::sitemap(&site, &out);
    out.push(sitemap);
    if site.config.minify {
        output::minify_all(&mut out);
    }
    clock.stage("minify");
    out.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(Rendered {
        files: out,
        warnings,
    })
}

/// Stage timings, printed to stderr when `PLANSITE_TIMINGS` is set.
struct Stages {
    on: bool,
    last: Instant,
}

impl Stages {
    fn new() -> Self {
        Stages {
            on: std::env::var_os("PLANSITE_TIMINGS").is_some(),
            last: Instant::now(),
        }
    }

    fn stage(&mut self, name: &str) {
        if self.on {
            eprintln!(
                "{name:>20}: {:>8.1} ms",
                self.last.elapsed().as_secs_f64() * 1e3
            );
        }
        self.last = Instant::now();
    }
}

/// Builds the site into `opts.out`, replacing it only on success.
pub fn build(opts: &BuildOptions) -> Result<BuildReport, Diagnostics> {
    let start = Instant::now();
    let rendered = render_site(&opts.root, opts.base_url.as_deref())?;
    let written = output::write_atomic(&opts.out, &rendered.files).map_err(|e| {
        let mut d = Diagnostics::new();
        d.push(
            Diagnostic::error(
                Location::file(&opts.out),
                format!("cannot write output: {e}"),
            )
            .hint("check the output folder's permissions and free space"),
        );
        d
    })?;
    Ok(BuildReport {
        written,
        warnings: rendered.warnings,
        seconds: start.elapsed().as_secs_f64(),
    })
}

/// Validates everything a build validates, writing nothing.
pub fn check(root: &Path) -> Result<Diagnostics, Diagnostics> {
    render_site(root, None).map(|r| r.warnings)
}
