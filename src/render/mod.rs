//! Stage 5: pages. A tera environment parsed once, typed views per page,
//! rendering in parallel.

pub mod bundle;
pub mod changes_feed;
pub mod chart;
pub mod cite;
pub mod data;
pub mod data_page;
pub mod datapackage;
mod escape;
pub mod feeds;
pub mod format;
pub mod history_views;
pub mod lookup;
mod pages;
pub mod quantity;
pub mod reported_data;
pub use pages::sorted_plans;
pub mod redirects;
pub mod relations;
pub mod routes;
pub mod said;
pub mod schema;
pub mod sitemap;
mod spill;
pub mod tables;
pub mod task_tables;
pub mod theme;
pub mod views;

use std::collections::BTreeMap;
use std::path::Path;

use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Tera};

use crate::compare::Record;
use crate::diag::{Diagnostic, Diagnostics, Location};
use crate::model::{Lang, Site};
use crate::output::{Emit, OutFile};
pub use routes::Route;
pub use theme::Theme;

/// Room a page's bytes start with: most pages are smaller than this.
const PAGE_BYTES: usize = 64 << 10;

/// The template engine with the theme's templates parsed once.
pub struct Engine {
    tera: Tera,
    theme: Theme,
    /// The UI strings of each language as template values, converted once
    /// (a map value is shared, not copied, by every page's context).
    strings: [tera::Value; 2],
}

impl Engine {
    /// Parses every template; syntax errors name the template and line.
    pub fn new(theme: Theme) -> Result<Engine, Diagnostics> {
        let mut tera = Tera::new();
        tera.autoescape_on(vec![".html", ".xml"]);
        tera.set_escape_fn(escape::escape_html);
        let mut diags = Diagnostics::new();
        let sources: Vec<(String, String)> = theme
            .templates()
            .map(|(n, f)| (n.to_owned(), String::from_utf8_lossy(&f.bytes).into_owned()))
            .collect();
        if let Err(e) =
            tera.add_raw_templates(sources.iter().map(|(n, s)| (n.as_str(), s.as_str())))
        {
            let shown = theme
                .files
                .get("templates/base.html")
                .map(|f| f.shown.clone())
                .unwrap_or_default();
            diags.push(template_error(&e, &shown));
        }
        if diags.has_errors() {
            return Err(diags);
        }
        let value = |lang: Lang| tera::Value::from_serializable(theme.strings.get(lang));
        let strings = [value(Lang::Zh), value(Lang::En)];
        Ok(Engine {
            tera,
            theme,
            strings,
        })
    }

    /// The theme in use.
    pub fn theme(&self) -> &Theme {
        &self.theme
    }

    /// Renders `template` with `base` and `page` into the page's bytes;
    /// errors name the template and line.
    pub fn render<P: Serialize>(
        &self,
        template: &str,
        lang: Lang,
        base: &views::Base<'_>,
        page: &P,
    ) -> Result<Vec<u8>, Diagnostic> {
        let mut ctx = Context::new();
        ctx.insert("site", base);
        let strings = match lang {
            Lang::Zh => &self.strings[0],
            Lang::En => &self.strings[1],
        };
        ctx.insert_value("t", strings.clone());
        ctx.insert("page", page);
        // Rendered into bytes, as pages are written: `Tera::render` would
        // check the whole page as UTF-8 again to make a `String`, and grow
        // its buffer from nothing (pages are tens of kilobytes).
        let mut out = Vec::with_capacity(PAGE_BYTES);
        let done = self.tera.render_to(template, &ctx, &mut out);
        done.map(|()| {
            // Pages may be kept (`serve` holds the site in memory).
            out.shrink_to_fit();
            out
        })
        .map_err(|e| {
            let shown = self
                .theme
                .files
                .get(&format!("templates/{template}"))
                .map(|f| f.shown.clone())
                .unwrap_or_else(|| template.into());
            template_error(&e, &shown)
        })
    }
}

fn template_error(e: &tera::Error, shown: &Path) -> Diagnostic {
    use std::error::Error as _;
    let (loc, msg) = match e.kind() {
        tera::ErrorKind::SyntaxError(r) | tera::ErrorKind::RenderingError(r) => {
            let file = if r.filename().is_empty() {
                shown.to_path_buf()
            } else {
                template_path(shown, r.filename())
            };
            (
                Location::new(file, r.span().start_line, r.span().start_col + 1),
                r.message().to_owned(),
            )
        }
        _ => {
            let mut m = e.to_string();
            let mut src = e.source();
            while let Some(s) = src {
                m.push_str(": ");
                m.push_str(&s.to_string());
                src = s.source();
            }
            (Location::file(shown), m)
        }
    };
    Diagnostic::error(loc, format!("template error: {}", msg.trim()))
        .hint("a template may only use variables its page provides (see src/render/views.rs) and strings from i18n/*.yaml")
}

/// The shown path of template `name` next to `shown` (errors may come from a parent template).
fn template_path(shown: &Path, name: &str) -> std::path::PathBuf {
    shown.parent().map_or_else(|| name.into(), |p| p.join(name))
}

/// Renders every page of both languages in parallel, passing each to
/// `emit` as soon as it is done, then the theme's static files.
pub fn pages(
    site: &Site,
    records: &[Record<'_>],
    engine: &Engine,
    emit: &Emit<'_>,
) -> Result<(), Diagnostics> {
    plan_pages(site, records, engine, emit)?;
    site_pages(site, records, engine, emit)
}

/// Renders the pages of `site`'s plans (each plan's page, and its
/// side-by-side page), passing each to `emit`: a build renders them a batch
/// of plans at a time, `site` holding the batch.
pub fn plan_pages(
    site: &Site,
    records: &[Record<'_>],
    engine: &Engine,
    emit: &Emit<'_>,
) -> Result<(), Diagnostics> {
    render_jobs(site, records, engine, &pages::plan_jobs(&site.plans), emit)?;
    emit.put_all(cite::files(site, site.plans.iter()));
    Ok(())
}

/// Renders every page but the plans' own (see [`plan_pages`]), then the
/// theme's static files.
pub fn site_pages(
    site: &Site,
    records: &[Record<'_>],
    engine: &Engine,
    emit: &Emit<'_>,
) -> Result<(), Diagnostics> {
    render_jobs(site, records, engine, &pages::site_jobs(site), emit)?;
    emit_statics(engine, emit);
    Ok(())
}

/// The theme's static files.
fn emit_statics(engine: &Engine, emit: &Emit<'_>) {
    let statics: BTreeMap<&str, &[u8]> = engine.theme().statics().collect();
    emit.put_all(statics.into_iter().map(|(name, bytes)| OutFile {
        path: format!("static/{name}"),
        bytes: bytes.to_vec(),
    }));
}

/// Renders the pages of some routes in both languages (for `serve`, after
/// an edit), passing each to `emit`.
pub fn pages_for(
    site: &Site,
    records: &[Record<'_>],
    engine: &Engine,
    routes: &[Route],
    emit: &Emit<'_>,
) -> Result<(), Diagnostics> {
    render_jobs(site, records, engine, &pages::jobs_for(routes), emit)?;
    let plans = routes.iter().filter_map(|r| match r {
        Route::Plan(slug) => site.plans.iter().find(|p| p.slug.0 == *slug),
        _ => None,
    });
    emit.put_all(cite::files(site, plans));
    Ok(())
}

fn render_jobs(
    site: &Site,
    records: &[Record<'_>],
    engine: &Engine,
    jobs: &[pages::Job],
    emit: &Emit<'_>,
) -> Result<(), Diagnostics> {
    let lookup = lookup::Lookup::new(site, records);
    let diags = std::sync::Mutex::new(Diagnostics::new());
    jobs.par_iter().for_each(
        |job| match pages::render(site, records, &lookup, engine, job) {
            Ok(f) => emit.put(f),
            Err(d) => diags.lock().expect("diagnostics lock").push(d),
        },
    );
    let diags = diags.into_inner().expect("diagnostics lock");
    // One error per template is enough: dedup happens in Diagnostics::sorted.
    if diags.has_errors() {
        return Err(diags);
    }
    Ok(())
}
