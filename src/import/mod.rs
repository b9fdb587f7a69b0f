//! `plansite import`: a raw plan text copied from a government web page
//! becomes Markdown with a front-matter skeleton.
//!
//! ```text
//! read        the file, at most MAX_INPUT_BYTES of it
//! decode      bytes → text (UTF-8, BOM, UTF-16, GB18030), normalised spaces
//! clean       per line: pinyin annotations out, furniture out, mojibake flagged
//! meta        notice and plan title, 文号, issuers, dates, addressees
//! body        headings from numbering, lead phrases, tables, 专栏 boxes
//! indicators  指标 table → front-matter entries
//! emit        YAML front matter + Markdown
//! ```
//!
//! Nothing is dropped silently: every removed line and every suspect run is
//! in the [`Report`].

pub mod body;
mod cites;
pub mod clean;
pub mod decode;
mod emit;
mod english;
pub mod indicators;
mod levels;
pub mod meta;
pub mod read;
mod report;
pub mod reported;
pub mod tasks;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub use decode::{DecodeError, Encoding};
pub use read::MAX_INPUT_BYTES;
pub use report::{Event, Report};

/// One non-empty input line after cleaning, with its 1-based line number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// Line number in the input.
    pub no: usize,
    /// Cleaned text.
    pub text: String,
}

/// Lines numbered from 1, as the tests of the stages build their input.
#[cfg(test)]
fn numbered_lines<'a>(texts: impl IntoIterator<Item = &'a str>) -> Vec<Line> {
    texts
        .into_iter()
        .enumerate()
        .map(|(i, t)| Line {
            no: i + 1,
            text: t.to_string(),
        })
        .collect()
}

/// What the importer needs besides the text.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// Jurisdiction id to write into the front matter.
    pub jurisdiction: Option<String>,
    /// Indicator names (and labels used by existing plans) → catalogue id.
    pub catalogue: BTreeMap<String, String>,
    /// Name of the input, for messages and the front-matter comment.
    pub source_name: String,
}

/// The result of an import.
#[derive(Debug, Clone)]
pub struct Imported {
    /// The Markdown file, front matter included.
    pub markdown: String,
    /// The encoding the input was read in.
    pub encoding: Encoding,
    /// What was removed, stripped and flagged.
    pub report: Report,
    /// `index.en.md` to go with it: the same blocks, each a `TODO` to
    /// translate (written by `import --en`).
    pub english: String,
}

/// Errors that stop an import.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The file could not be read, or is larger than
    /// [`MAX_INPUT_BYTES`].
    #[error("{path}: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        source: read::ReadError,
    },
    /// The bytes are not text.
    #[error("{path}: {source}")]
    Decode {
        /// The file.
        path: PathBuf,
        /// Why.
        source: DecodeError,
    },
    /// The output exists and `--force` was not given.
    #[error("{0}: already exists; pass --force to overwrite it")]
    Exists(PathBuf),
    /// The output could not be written.
    #[error("{path}: cannot write: {source}")]
    Write {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
}

/// Imports raw bytes.
pub fn import(bytes: &[u8], opts: &ImportOptions) -> Result<Imported, DecodeError> {
    let (text, encoding) = decode::decode(bytes)?;
    let mut report = Report {
        source: opts.source_name.clone(),
        events: Vec::new(),
    };
    let mut lines = Vec::new();
    let mut published = None;
    for (i, raw) in text.lines().enumerate() {
        let no = i + 1;
        let (stripped, map, count) = clean::strip_pinyin_mapped(raw);
        // Looked for after pinyin removal (so `擔(dān)?` reads as `擔?`),
        // reported at the column of the input line.
        for s in clean::mojibake(&stripped) {
            report.events.push(Event::Mojibake {
                line: no,
                column: map.get(s.column - 1).map_or(s.column, |i| i + 1),
                reason: s.reason,
                context: s.context,
            });
        }
        if count > 0 {
            report.events.push(Event::Pinyin { line: no, count });
        }
        let t = stripped.trim();
        if t.is_empty() {
            continue;
        }
        if let Some(kind) = clean::furniture(t) {
            if published.is_none()
                && matches!(
                    kind,
                    clean::Furniture::DateSource | clean::Furniture::ViewCounter
                )
            {
                published = clean::find_date(t);
            }
            report.events.push(Event::Removed {
                line: no,
                text: t.to_string(),
                what: kind.describe(),
            });
            continue;
        }
        lines.push(Line {
            no,
            text: t.to_string(),
        });
    }
    let (meta, layout) = meta::detect(&lines);
    for (line, why) in &layout.dropped {
        report.events.push(Event::Removed {
            line: line.no,
            text: line.text.clone(),
            what: why,
        });
    }
    let mut blocks = body::blocks(&layout.body);
    levels::settle(&mut blocks);
    let mut entries = Vec::new();
    for b in &blocks {
        if let body::Block::Table { line, rows } = b {
            if let Some(found) = indicators::read(rows, *line) {
                entries.extend(found);
            }
        }
    }
    for e in &entries {
        for cell in &e.unread {
            report.events.push(Event::Unread {
                line: e.line,
                cell: cell.clone(),
            });
        }
        if !opts.catalogue.contains_key(&e.label) {
            report.events.push(Event::NoCatalogueId {
                line: e.line,
                label: e.label.clone(),
            });
        }
    }
    for (missing, what) in [
        (meta.title.is_none(), "title"),
        (meta.doc_number.is_none(), "document number"),
        (meta.issuers.is_empty(), "issuing body"),
        (meta.date_issued.is_none(), "issue date"),
    ] {
        if missing {
            report.events.push(Event::Missing(what));
        }
    }
    report.events.sort_by_key(|e| match e {
        Event::Removed { line, .. }
        | Event::Pinyin { line, .. }
        | Event::Mojibake { line, .. }
        | Event::Unread { line, .. }
        | Event::NoCatalogueId { line, .. } => *line,
        Event::Missing(_) => usize::MAX,
    });
    let cites = cites::proposals(&layout.notice, &blocks, meta.title.as_deref());
    let markdown = emit::document(&emit::Doc {
        meta: &meta,
        published: published.as_deref(),
        notice: &layout.notice,
        blocks: &blocks,
        entries: &entries,
        reported: &reported::propose(&blocks),
        opts,
        encoding,
        report: &report,
        cites: &cites,
    });
    let english = english::skeleton(&blocks);
    Ok(Imported {
        markdown,
        encoding,
        report,
        english,
    })
}

/// Indicator names in a site's catalogue, and labels existing plans use,
/// mapped to catalogue ids, so imported rows get their id when known.
pub fn catalogue(root: &Path) -> BTreeMap<String, String> {
    let mut map = BTreeMap::new();
    let Ok(dir) = std::fs::read_dir(root.join("indicators")) else {
        return map;
    };
    let mut files: Vec<PathBuf> = dir.flatten().map(|e| e.path()).collect();
    files.sort();
    for path in files {
        if path.extension().is_none_or(|e| e != "yaml") {
            continue;
        }
        let (Some(id), Ok(text)) = (
            path.file_stem().and_then(|s| s.to_str()),
            std::fs::read_to_string(&path),
        ) else {
            continue;
        };
        if let Ok(file) = crate::parse::yaml::from_str::<crate::model::raw::IndicatorFile>(&text) {
            map.insert(file.name.zh.clone(), id.to_string());
        }
    }
    let plans = root.join("content").join("plans");
    if let Ok(dir) = std::fs::read_dir(&plans) {
        let mut dirs: Vec<PathBuf> = dir.flatten().map(|e| e.path()).collect();
        dirs.sort();
        for d in dirs {
            let path = d.join("index.md");
            let Ok(text) = std::fs::read_to_string(&path) else {
                continue;
            };
            let Ok(split) = crate::parse::frontmatter::split(&path, &text) else {
                continue;
            };
            if let Ok(front) = split.parse::<crate::model::raw::PlanFront>(&path) {
                for e in front.indicators {
                    map.entry(e.label).or_insert_with(|| e.id.to_string());
                }
            }
        }
    }
    map
}

/// Reads `input`, imports it and writes the result to `out` (refusing to
/// overwrite without `force`) or returns it for stdout.
pub fn run(
    input: &Path,
    out: Option<&Path>,
    force: bool,
    opts: &ImportOptions,
) -> Result<Imported, ImportError> {
    let read_error = |source| ImportError::Read {
        path: input.to_path_buf(),
        source,
    };
    let file = std::fs::File::open(input).map_err(|e| read_error(e.into()))?;
    let bytes = read::bounded(file, MAX_INPUT_BYTES).map_err(read_error)?;
    let imported = import(&bytes, opts).map_err(|source| ImportError::Decode {
        path: input.to_path_buf(),
        source,
    })?;
    if let Some(out) = out {
        if out.exists() && !force {
            return Err(ImportError::Exists(out.to_path_buf()));
        }
        if let Some(parent) = out.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(|source| ImportError::Write {
                path: out.to_path_buf(),
                source,
            })?;
        }
        std::fs::write(out, &imported.markdown).map_err(|source| ImportError::Write {
            path: out.to_path_buf(),
            source,
        })?;
    }
    Ok(imported)
}
