//! The `plansite` command: parse arguments, call the library, print
//! diagnostics, exit 0 (success), 1 (content errors) or 2 (usage errors).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use plansite::diag::{Diagnostics, Messages};
use plansite::BuildOptions;

/// Writes to standard output like `print!`, except that a reader who has
/// stopped reading (`plansite search … | head`) ends the program quietly
/// rather than with a panic; any other write error ends it with a message.
macro_rules! out {
    ($($arg:tt)*) => {
        write_out(format_args!($($arg)*))
    };
}

/// [`out!`]'s writer.
fn write_out(args: std::fmt::Arguments<'_>) {
    use std::io::Write as _;
    let mut stdout = std::io::stdout().lock();
    if let Err(e) = stdout.write_fmt(args).and_then(|()| stdout.flush()) {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
        eprintln!("error: cannot write the output: {e}");
        std::process::exit(1);
    }
}

/// `plansite --version`: the version and the commit it was built from
/// (`build.rs`).
const VERSION: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    " (",
    env!("PLANSITE_COMMIT"),
    ")"
);

#[derive(Parser)]
#[command(
    name = "plansite",
    version = VERSION,
    about = "Static site generator for plan documents and their indicators"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into the output folder (default: public/).
    Build {
        /// Site folder.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Output folder (default: <root>/public).
        #[arg(long)]
        out: Option<PathBuf>,
        /// Base URL, overriding site.yaml (e.g. from the Pages environment).
        #[arg(long)]
        base_url: Option<String>,
        /// Build into an output folder that holds files plansite did not
        /// write, deleting them (never the site folder or its sources).
        #[arg(long)]
        force: bool,
        /// Publish drafts (`draft: true`) too.
        #[arg(long)]
        drafts: bool,
        /// Publish plans whose `date_published` is after today too.
        #[arg(long)]
        future: bool,
        /// Language of the messages: `zh` or `en` (default: from
        /// LC_ALL / LC_MESSAGES / LANG).
        #[arg(long, value_name = "zh|en")]
        messages: Option<plansite::diag::Messages>,
    },
    /// Validate everything, build nothing; exit 1 on errors.
    Check {
        /// Site folder.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Language of the messages: `zh` or `en` (default: from
        /// LC_ALL / LC_MESSAGES / LANG).
        #[arg(long, value_name = "zh|en")]
        messages: Option<plansite::diag::Messages>,
    },
    /// Build, serve on 127.0.0.1, rebuild on change and reload open tabs.
    Serve {
        /// Site folder.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Port (0 picks a free one).
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// Address to bind; other than loopback only when given explicitly.
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        /// Milliseconds between checks of the sources for changes.
        #[arg(long, default_value_t = 100)]
        poll_ms: u64,
        /// Language of the messages: `zh` or `en` (default: from
        /// LC_ALL / LC_MESSAGES / LANG).
        #[arg(long, value_name = "zh|en")]
        messages: Option<plansite::diag::Messages>,
    },
    /// Query the built search index with the browser's algorithm; hits
    /// best first.
    Search {
        /// The query: words or phrases, in simplified or traditional Chinese
        /// or English; `"quoted words"` form one phrase.
        query: String,
        /// Which language's index.
        #[arg(long, value_enum, default_value_t = SearchLang::Zh)]
        lang: SearchLang,
        /// Print a JSON array of hits.
        #[arg(long)]
        json: bool,
        /// The built output folder.
        #[arg(long, default_value = "public")]
        out: PathBuf,
        /// Narrow by facet, `j=ID`, `l=LEVEL`, `t=TYPE`, `y=YEAR` or `s=STATUS` (`in_force`, `expired`, `superseded`) (repeatable).
        #[arg(long = "facet", value_name = "K=V")]
        facets: Vec<String>,
        /// Most hits to print.
        #[arg(long, default_value_t = 50)]
        limit: usize,
    },
    /// Measure the rebuild `serve` does after one plan is saved: build the
    /// site in memory, then edit one plan in memory (its files are not
    /// touched) and time the rebuild of its pages, then of the data files
    /// and the search index.
    BenchRebuild {
        /// Site folder.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The plan to edit (default: the middle one).
        #[arg(long)]
        plan: Option<String>,
        /// Edits to time; the median is printed.
        #[arg(long, default_value_t = 5)]
        runs: usize,
    },
    /// Start a new site in DIR: settings, an example plan to replace, its
    /// translation, indicators, a README for staff and GitHub workflows.
    Init {
        /// The folder (created if missing; must be empty unless --force).
        dir: PathBuf,
        /// Write into a folder that holds files, replacing files of the
        /// same names.
        #[arg(long)]
        force: bool,
    },
    /// Create new content from a template.
    New {
        #[command(subcommand)]
        what: NewKind,
    },
    /// What changed in the published content, as Markdown (for a
    /// pull-request comment, a job summary or a look before committing):
    /// `diff` compares HEAD with the working tree, `diff REV` REV with the
    /// working tree, `diff REV REV2` two revisions.
    Diff {
        /// Older revision (default: HEAD), e.g. origin/main.
        rev: Option<String>,
        /// Newer revision (default: the working tree, untracked files
        /// included, ignored files not).
        rev2: Option<String>,
        /// Site folder inside the repository.
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// Convert a raw plan text (web copy, UTF-8 or GB18030) to Markdown with
    /// a front-matter skeleton; removals and suspect characters go to stderr.
    Import {
        /// The raw text file (at most 16 MiB).
        file: PathBuf,
        /// Jurisdiction id for the front matter.
        #[arg(long)]
        jurisdiction: Option<String>,
        /// Write here instead of stdout.
        #[arg(long)]
        out: Option<PathBuf>,
        /// Overwrite `--out` (and its `index.en.md`) if it exists.
        #[arg(long)]
        force: bool,
        /// Also write `index.en.md` beside `--out`: the same blocks, each a
        /// TODO to translate.
        #[arg(long, requires = "out")]
        en: bool,
        /// Site folder whose indicator catalogue names the indicator ids.
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
}

#[derive(Subcommand)]
enum NewKind {
    /// A plan: content/plans/SLUG/index.md and index.en.md.
    Plan {
        /// Folder name, e.g. baotou-ip-plan-2021.
        slug: String,
        /// Jurisdiction id (a file in content/jurisdictions/).
        #[arg(long)]
        jurisdiction: Option<String>,
        /// Site folder.
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// A jurisdiction: content/jurisdictions/ID.md.
    Jurisdiction {
        /// Its id, e.g. baotou.
        id: String,
        /// city, province, region or nation.
        #[arg(long, default_value = "city")]
        level: JurisdictionLevel,
        /// Id of the jurisdiction above it.
        #[arg(long)]
        parent: Option<String>,
        /// Site folder.
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum JurisdictionLevel {
    /// A prefecture-level city.
    City,
    /// A province or autonomous region.
    Province,
    /// A group of provinces.
    Region,
    /// The whole country.
    Nation,
}

#[derive(Clone, Copy, ValueEnum)]
enum SearchLang {
    /// Chinese.
    Zh,
    /// English.
    En,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    /// `path:line:col: severity: message` lines.
    Text,
    /// GitHub Actions annotations.
    Github,
}

fn print(diags: &Diagnostics, format: Format) {
    let lang = Messages::current();
    for d in diags.clone().sorted() {
        match format {
            Format::Text => eprintln!("{}", d.shown(lang)),
            Format::Github => out!("{}\n", d.to_github_in(lang)),
        }
    }
}

/// Sets the language of the messages: the flag's, else the locale's.
/// The last line of a successful build, in the language of the messages.
fn build_summary(r: &plansite::BuildReport, out: &std::path::Path) -> String {
    let w = &r.written;
    let (found, kb) = (w.plans + w.held, w.bytes as f64 / 1024.0);
    let warnings = r.warnings.warning_count();
    if Messages::current() == Messages::Zh {
        format!(
            "已构建 {} 个规划（共 {found} 个，暂不发布 {} 个），{} 个页面，{} 个文件，{kb:.1} KB，用时 {:.2} 秒 → {}（{warnings} 个警告）",
            w.plans, w.held, w.pages, w.files, r.seconds, out.display()
        )
    } else {
        format!(
            "built {} plans ({found} found, {} held back), {} pages, {} files, {kb:.1} KB in {:.2} s → {} ({warnings} warnings)",
            w.plans, w.held, w.pages, w.files, r.seconds, out.display()
        )
    }
}

/// Reports why `plansite new` failed: exit 1 for a file that could not be
/// written, 2 for a usage error (a bad id, an unknown jurisdiction, a file
/// that exists).
fn new_failed(e: &plansite::scaffold::NewError) -> ExitCode {
    eprintln!("error: {e}");
    match e {
        plansite::scaffold::NewError::Io { .. } => ExitCode::from(1),
        _ => ExitCode::from(2),
    }
}

fn set_messages(flag: Option<Messages>) {
    flag.unwrap_or_else(Messages::from_locale).set_default();
}

fn search(
    query: &str,
    lang: SearchLang,
    json: bool,
    out: &std::path::Path,
    facets: &[String],
    limit: usize,
) -> ExitCode {
    use plansite::search::{query, FacetKind};
    let mut req = query::Request {
        q: query.to_owned(),
        limit,
        ..Default::default()
    };
    for f in facets {
        let kind = f
            .split_once('=')
            .and_then(|(k, v)| Some((FacetKind::from_code(k.chars().next()?)?, v)))
            .filter(|_| f.find('=') == Some(1));
        match kind {
            Some((k, v)) => req.facets.push((k, v.to_owned())),
            None => {
                eprintln!(
                    "error: --facet {f:?}: expected j=ID, l=LEVEL, t=TYPE, y=YEAR or s=STATUS"
                );
                return ExitCode::from(2);
            }
        }
    }
    let code = match lang {
        SearchLang::Zh => "zh",
        SearchLang::En => "en",
    };
    match query::search_dir(out, code, &req) {
        Ok(r) if json => {
            let json = serde_json::to_string_pretty(&r.hits).expect("serializable");
            out!("{}\n", plansite::diag::json_printable(&json));
            ExitCode::SUCCESS
        }
        Ok(r) => {
            // Titles and snippets quote the site's files: escape what a
            // terminal would act on. (`--json` is escaped by serde.)
            use plansite::diag::Printable as P;
            for h in &r.hits {
                out!(
                    "{}  ({}, {})\n  {}\n  {}\n\n",
                    P(&h.title),
                    P(&h.jurisdiction),
                    P(&h.date),
                    P(&h.url),
                    P(&h.snippet)
                );
            }
            eprintln!("{} result(s) for {query:?}", r.total);
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}\nhint: build the site first (`plansite build`), or pass --out");
            ExitCode::from(1)
        }
    }
}

/// mimalloc instead of the system allocator: a build allocates and frees
/// millions of small strings on both cores, and at 10,000 plans mimalloc
/// takes 25 s where glibc's malloc takes 31 s (`bench/RECORD.md`, section 11).
/// It is built without transparent huge pages (feature `no_thp`): with them
/// the kernel zeroed 2 MiB for each page the allocator touched afresh, a
/// third of the parse stage's time, and held 40 MiB more at the peak.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's `mi_option_purge_delay` (`include/mimalloc.h` of mimalloc 3;
/// the bindings name only mimalloc 2's options).
const MI_OPTION_PURGE_DELAY: std::os::raw::c_int = 15;
/// mimalloc 3's default purge delay, in milliseconds: how the option above
/// is recognised before it is changed.
const MI_DEFAULT_PURGE_DELAY: std::os::raw::c_long = 1000;

/// Returns freed memory to the system after 10 ms instead of mimalloc 3's
/// default second. The build frees and allocates hundreds of megabytes in
/// turn (pages, then data, then the search index), and a second's delay
/// holds both: at 10,000 plans the peak is 943 MiB instead of 1,011 MiB in
/// the same time (`bench/RECORD.md`, section 11). `MIMALLOC_PURGE_DELAY`
/// in the environment still decides when set.
fn shorten_purge_delay() {
    if std::env::var_os("MIMALLOC_PURGE_DELAY").is_some() {
        return;
    }
    // SAFETY: reading and setting an allocator option; both are plain calls
    // on mimalloc's option table.
    unsafe {
        if libmimalloc_sys::mi_option_get(MI_OPTION_PURGE_DELAY) == MI_DEFAULT_PURGE_DELAY {
            libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, 10);
        }
    }
}

fn main() -> ExitCode {
    shorten_purge_delay();
    let cli = Cli::parse();
    match cli.command {
        Command::Build {
            root,
            out,
            base_url,
            force,
            drafts,
            future,
            messages,
        } => {
            set_messages(messages);
            let out = out.unwrap_or_else(|| root.join("public"));
            if let Err(refusal) = plansite::output::claim(&out, &root, force) {
                eprintln!("error: {refusal}");
                return ExitCode::from(2);
            }
            match plansite::build(&BuildOptions {
                root,
                out: out.clone(),
                base_url,
                force,
                publish: plansite::publish::Publish::build(drafts, future),
            }) {
                Ok(r) => {
                    print(&r.warnings, Format::Text);
                    out!("{}\n", build_summary(&r, &out));
                    ExitCode::SUCCESS
                }
                Err(d) => {
                    print(&d, Format::Text);
                    let (e, w) = (d.error_count(), d.warning_count());
                    if Messages::current() == Messages::Zh {
                        eprintln!(
                            "构建失败：{e} 个错误，{w} 个警告；{} 保持不变",
                            out.display()
                        );
                    } else {
                        eprintln!(
                            "build failed: {e} error(s), {w} warning(s); {} left unchanged",
                            out.display()
                        );
                    }
                    ExitCode::from(1)
                }
            }
        }
        Command::Serve {
            root,
            port,
            bind,
            poll_ms,
            messages,
        } => {
            set_messages(messages);
            if !bind.is_loopback() {
                eprintln!("warning: serving on {bind}, reachable from other machines");
            }
            match plansite::serve::run(&plansite::serve::ServeOptions {
                root,
                bind,
                port,
                poll: std::time::Duration::from_millis(poll_ms),
            }) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("error: cannot serve on {bind}:{port}: {e}");
                    ExitCode::from(2)
                }
            }
        }
        Command::Search {
            query,
            lang,
            json,
            out,
            facets,
            limit,
        } => search(&query, lang, json, &out, &facets, limit),
        Command::BenchRebuild { root, plan, runs } => {
            match plansite::session::bench(&root, plan.as_deref(), runs.max(1)) {
                Ok(report) => {
                    out!("{report}\n");
                    ExitCode::SUCCESS
                }
                Err(d) => {
                    eprintln!("{d}");
                    ExitCode::from(1)
                }
            }
        }
        Command::New {
            what:
                NewKind::Jurisdiction {
                    id,
                    level,
                    parent,
                    root,
                },
        } => {
            let level = match level {
                JurisdictionLevel::City => "city",
                JurisdictionLevel::Province => "province",
                JurisdictionLevel::Region => "region",
                JurisdictionLevel::Nation => "nation",
            };
            match plansite::scaffold::new_jurisdiction(&root, &id, level, parent.as_deref()) {
                Ok(path) => {
                    eprintln!(
                        "created {}; fill in the TODOs, then run `plansite check`",
                        path.display()
                    );
                    ExitCode::SUCCESS
                }
                Err(e) => new_failed(&e),
            }
        }
        Command::New {
            what:
                NewKind::Plan {
                    slug,
                    jurisdiction,
                    root,
                },
        } => match plansite::scaffold::new_plan(&root, &slug, jurisdiction.as_deref()) {
            Ok(dir) => {
                eprintln!(
                    "created {0}/index.md and {0}/index.en.md; fill in the TODOs, then run `plansite check`",
                    dir.display()
                );
                ExitCode::SUCCESS
            }
            Err(e) => new_failed(&e),
        },
        Command::Init { dir, force } => match plansite::init::init(&dir, force) {
            Ok(files) => {
                eprintln!(
                    "created a site in {} ({} files); next: cd into it, run `plansite serve`, and read README.md",
                    dir.display(),
                    files.len()
                );
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("error: {e}");
                match e {
                    plansite::init::InitError::Io { .. } => ExitCode::from(1),
                    _ => ExitCode::from(2),
                }
            }
        },
        Command::Diff { rev, rev2, root } => {
            match plansite::diff::diff(&root, rev.as_deref(), rev2.as_deref()) {
                Ok(md) => {
                    out!("{md}");
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("error: {e}");
                    match e {
                        plansite::diff::DiffError::OptionLikeRevision(_)
                        | plansite::diff::DiffError::NotARepository(_) => ExitCode::from(2),
                        _ => ExitCode::from(1),
                    }
                }
            }
        }
        Command::Import {
            file,
            jurisdiction,
            out,
            force,
            en,
            root,
        } => {
            let en_path = out
                .as_ref()
                .filter(|_| en)
                .map(|o| o.with_file_name("index.en.md"));
            if let Some(p) = en_path.as_ref().filter(|p| p.exists() && !force) {
                eprintln!(
                    "error: {} already exists; pass --force to overwrite it",
                    p.display()
                );
                return ExitCode::from(2);
            }
            if let Some(j) = &jurisdiction {
                if let Err(e) = plansite::scaffold::known_jurisdiction(&root, j) {
                    eprintln!("error: {e}");
                    return ExitCode::from(2);
                }
            }
            let opts = plansite::import::ImportOptions {
                jurisdiction,
                catalogue: plansite::import::catalogue(&root),
                source_name: file.display().to_string(),
            };
            match plansite::import::run(&file, out.as_deref(), force, &opts) {
                Ok(imported) => {
                    eprint!("{}", imported.report);
                    let j = opts.jurisdiction.as_deref();
                    eprint!("{}", plansite::import::tasks::scan_input(&file, j, &root));
                    if let Some(p) = &en_path {
                        if let Err(e) = std::fs::write(p, &imported.english) {
                            eprintln!("error: {}: {e}", p.display());
                            return ExitCode::from(1);
                        }
                        eprintln!("wrote {}: translate each TODO block", p.display());
                    }
                    match &out {
                        Some(path) => eprintln!(
                            "imported {} ({}) → {}; {} suspect run(s) to check",
                            file.display(),
                            imported.encoding,
                            path.display(),
                            imported.report.suspects()
                        ),
                        None => out!("{}", imported.markdown),
                    }
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    // The message names the file, whose name may hold anything.
                    eprintln!("error: {}", plansite::diag::Printable(&e.to_string()));
                    match e {
                        plansite::import::ImportError::Exists(_) => ExitCode::from(2),
                        _ => ExitCode::from(1),
                    }
                }
            }
        }
        Command::Check {
            root,
            format,
            messages,
        } => {
            set_messages(messages);
            let zh = Messages::current() == Messages::Zh;
            match plansite::check(&root) {
                Ok(w) => {
                    print(&w, format);
                    if matches!(format, Format::Text) {
                        let n = w.warning_count();
                        if zh {
                            eprintln!("检查通过：0 个错误，{n} 个警告");
                        } else {
                            eprintln!("check passed: 0 errors, {n} warning(s)");
                        }
                    }
                    ExitCode::SUCCESS
                }
                Err(d) => {
                    print(&d, format);
                    if matches!(format, Format::Text) {
                        let (e, w) = (d.error_count(), d.warning_count());
                        if zh {
                            eprintln!("检查未通过：{e} 个错误，{w} 个警告");
                        } else {
                            eprintln!("check failed: {e} error(s), {w} warning(s)");
                        }
                    }
                    ExitCode::from(1)
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The option number and default above are mimalloc 3's: were they to
    /// move in a new version, `shorten_purge_delay` would leave the option
    /// alone and this test would say so.
    #[test]
    fn the_purge_delay_option_is_found_and_shortened() {
        if std::env::var_os("MIMALLOC_PURGE_DELAY").is_some() {
            return;
        }
        shorten_purge_delay();
        // SAFETY: reading an allocator option.
        let now = unsafe { libmimalloc_sys::mi_option_get(MI_OPTION_PURGE_DELAY) };
        assert_eq!(now, 10);
    }
}
