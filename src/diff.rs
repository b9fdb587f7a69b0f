//! `plansite diff REV [REV2]`: what changed in the published content
//! between two git revisions, as Markdown for a pull-request comment or a
//! job summary.
//!
//! Each revision's site files (`site.yaml`, `content/`, `indicators/`,
//! `themes/`) are exported with `git archive` into a temporary folder and
//! loaded through the same validation as a build; the two models are then
//! compared plan by plan.

mod markdown;

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;
use std::process::{Command, Stdio};

use crate::model::{IndicatorValue, Plan, Site};

/// Why a diff could not be made.
#[derive(Debug, thiserror::Error)]
pub enum DiffError {
    /// A revision that git would read as an option (`--output=…`).
    #[error("revision {0:?} starts with `-`; name a branch, tag or commit")]
    OptionLikeRevision(String),
    /// `git` failed or is missing.
    #[error("git {args}: {message}")]
    Git {
        /// The git arguments.
        args: String,
        /// What git said.
        message: String,
    },
    /// A revision's content does not validate.
    #[error(
        "revision {rev} does not build ({errors} error(s)); run `plansite check` on it:\n{details}"
    )]
    Invalid {
        /// The revision.
        rev: String,
        /// Number of errors.
        errors: usize,
        /// The diagnostics.
        details: String,
    },
    /// A temporary folder could not be made.
    #[error("temporary folder: {0}")]
    Io(#[from] std::io::Error),
}

fn git(root: &Path, args: &[&str]) -> Result<Vec<u8>, DiffError> {
    let out = Command::new("git")
        .arg("-C")
        .arg(root)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .map_err(|e| DiffError::Git {
            args: args.join(" "),
            message: e.to_string(),
        })?;
    if !out.status.success() {
        return Err(DiffError::Git {
            args: args.join(" "),
            message: crate::diag::Printable(String::from_utf8_lossy(&out.stderr).trim())
                .to_string(),
        });
    }
    Ok(out.stdout)
}

/// A revision as the user named it, and the commit it names.
struct Rev {
    /// As given (`origin/main`), for messages.
    name: String,
    /// The full commit hash, the only form later git commands get: git
    /// cannot read it as an option.
    hash: String,
}

/// The commit `rev` names. `rev` is refused if it starts with `-`, and
/// passed after `--end-of-options`.
fn commit(root: &Path, rev: &str) -> Result<Rev, DiffError> {
    if rev.starts_with('-') {
        return Err(DiffError::OptionLikeRevision(rev.to_string()));
    }
    let out = git(
        root,
        &[
            "rev-parse",
            "--verify",
            "--end-of-options",
            &format!("{rev}^{{commit}}"),
        ],
    )?;
    Ok(Rev {
        name: rev.to_string(),
        hash: String::from_utf8_lossy(&out).trim().to_string(),
    })
}

/// The short hash of a commit.
fn short(root: &Path, hash: &str) -> Result<String, DiffError> {
    let out = git(root, &["rev-parse", "--short", hash])?;
    Ok(String::from_utf8_lossy(&out).trim().to_string())
}

/// Exports the site files of `rev` into `dir` and loads them. `prefix` is
/// the site folder's path inside the repository (`git rev-parse
/// --show-prefix`).
fn site_at(root: &Path, prefix: &str, rev: &Rev, dir: &Path) -> Result<Site, DiffError> {
    let (name, rev) = (rev.name.as_str(), rev.hash.as_str());
    let listed = git(root, &["ls-tree", "--name-only", rev, "--", "."])?;
    let wanted: Vec<String> = String::from_utf8_lossy(&listed)
        .lines()
        .map(|p| p.strip_prefix(prefix).unwrap_or(p).to_string())
        .filter(|p| {
            matches!(
                p.as_str(),
                "site.yaml" | "content" | "indicators" | "themes"
            )
        })
        .collect();
    let mut args = vec![
        "archive".to_string(),
        "--format=tar".to_string(),
        rev.to_string(),
    ];
    args.push("--".into());
    args.extend(wanted.iter().cloned());
    let args_ref: Vec<&str> = args.iter().map(String::as_str).collect();
    let tar = git(root, &args_ref)?;
    let mut child = Command::new("tar")
        .arg("-x")
        .arg("-C")
        .arg(dir)
        .stdin(Stdio::piped())
        .spawn()?;
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().expect("piped");
        stdin.write_all(&tar)?;
    }
    let status = child.wait()?;
    if !status.success() {
        return Err(DiffError::Git {
            args: format!("archive {name} | tar -x"),
            message: "tar failed".into(),
        });
    }
    let invalid = |d: crate::diag::Diagnostics| DiffError::Invalid {
        rev: name.to_string(),
        errors: d.error_count(),
        details: d.to_string(),
    };
    let (files, _) = crate::load::read_site(dir).map_err(invalid)?;
    let (site, _) = crate::model::build(files).map_err(invalid)?;
    Ok(site)
}

/// Compares the published content of `old` and `new` (default `HEAD`) in
/// the repository containing `root`, and returns Markdown. A revision that
/// starts with `-` is refused ([`DiffError::OptionLikeRevision`]).
pub fn diff(root: &Path, old: &str, new: Option<&str>) -> Result<String, DiffError> {
    let (old, new) = (commit(root, old)?, commit(root, new.unwrap_or("HEAD"))?);
    let (a_dir, b_dir) = (tempfile::tempdir()?, tempfile::tempdir()?);
    // The site may live in a subfolder of the repository.
    let prefix = String::from_utf8_lossy(&git(root, &["rev-parse", "--show-prefix"])?)
        .trim()
        .to_string();
    let a = site_at(root, &prefix, &old, a_dir.path())?;
    let b = site_at(root, &prefix, &new, b_dir.path())?;
    Ok(report(
        &a,
        &b,
        &format!("{} → {}", short(root, &old.hash)?, short(root, &new.hash)?),
    ))
}

fn value_text(v: &IndicatorValue) -> String {
    let num = |x: f64| crate::model::units::format_number(x, 4, false);
    let mut s = String::new();
    if let Some(b) = v.baseline {
        let _ = write!(s, "{} ({}) → ", num(b.value), b.year);
    }
    match v.target {
        Some(t) => {
            let cmp = match t.comparator.key() {
                "=" => "",
                k => k,
            };
            let _ = write!(s, "{cmp}{} ({})", num(t.value), t.year);
        }
        None => s.push_str("no target"),
    }
    if !v.unit.printed.is_empty() {
        let _ = write!(s, " {}", v.unit.printed);
    }
    if let Some(a) = v.attribute {
        let _ = write!(s, ", {}", a.key());
    }
    if v.cumulative {
        s.push_str(", cumulative");
    }
    s
}

fn metadata(p: &Plan) -> Vec<(&'static str, String)> {
    let opt = |o: Option<String>| o.unwrap_or_else(|| "—".into());
    vec![
        ("title", p.title.clone()),
        ("jurisdiction", p.jurisdiction.to_string()),
        ("doc_type", p.doc_type.key().to_string()),
        ("issuers", p.issuers.join("; ")),
        ("doc_number", opt(p.doc_number.clone())),
        ("date_issued", opt(p.date_issued.map(|d| d.to_string()))),
        (
            "date_published",
            opt(p.date_published.map(|d| d.to_string())),
        ),
        (
            "period",
            opt(p.period.map(|x| format!("{}–{}", x.start, x.end))),
        ),
        ("addressees", opt(p.addressees.clone())),
        ("source", p.source.description.clone()),
        ("summary", opt(p.summary.clone())),
        ("notes", p.notes.join(" / ")),
        (
            "topics",
            p.topics
                .iter()
                .map(|t| t.id.to_string())
                .collect::<Vec<_>>()
                .join(", "),
        ),
        (
            "translation",
            if p.translation.is_some() { "yes" } else { "no" }.into(),
        ),
    ]
}

fn jurisdiction_name(site: &Site, p: &Plan) -> String {
    site.jurisdictions
        .get(&p.jurisdiction)
        .map(|j| format!("{} ({})", j.name.zh, j.name.en))
        .unwrap_or_else(|| p.jurisdiction.to_string())
}

/// The Markdown report for two loaded sites.
pub fn report(a: &Site, b: &Site, range: &str) -> String {
    let plans_a: BTreeMap<&str, &Plan> = a.plans.iter().map(|p| (p.slug.as_str(), p)).collect();
    let plans_b: BTreeMap<&str, &Plan> = b.plans.iter().map(|p| (p.slug.as_str(), p)).collect();
    let mut out = format!("## Published content changes ({range})\n\n");
    let added: Vec<&&Plan> = plans_b
        .iter()
        .filter(|(k, _)| !plans_a.contains_key(*k))
        .map(|(_, p)| p)
        .collect();
    let removed: Vec<&&Plan> = plans_a
        .iter()
        .filter(|(k, _)| !plans_b.contains_key(*k))
        .map(|(_, p)| p)
        .collect();
    let mut meta_rows = Vec::new();
    let mut value_rows = Vec::new();
    let mut text_changed = Vec::new();
    for (slug, pb) in &plans_b {
        let Some(pa) = plans_a.get(slug) else {
            continue;
        };
        for ((field, va), (_, vb)) in metadata(pa).into_iter().zip(metadata(pb)) {
            if va != vb {
                meta_rows.push(format!(
                    "| {} | {field} | {} | {} |",
                    markdown::code(slug),
                    markdown::text(&va),
                    markdown::text(&vb)
                ));
            }
        }
        let ia: BTreeMap<&str, &IndicatorValue> =
            pa.indicators.iter().map(|v| (v.id.as_str(), v)).collect();
        let ib: BTreeMap<&str, &IndicatorValue> =
            pb.indicators.iter().map(|v| (v.id.as_str(), v)).collect();
        let jname = markdown::text(&jurisdiction_name(b, pb));
        let ids: std::collections::BTreeSet<&str> = ia.keys().chain(ib.keys()).copied().collect();
        for id in ids {
            let (ta, tb) = (
                ia.get(id).map(|v| value_text(v)),
                ib.get(id).map(|v| value_text(v)),
            );
            if ta != tb {
                let label = ib.get(id).or(ia.get(id)).map_or("", |v| v.label.as_str());
                value_rows.push(format!(
                    "| {} | {jname} | {} {} | {} | {} |",
                    markdown::code(slug),
                    markdown::text(label),
                    markdown::code(id),
                    markdown::text(ta.as_deref().unwrap_or("(not set)")),
                    markdown::text(tb.as_deref().unwrap_or("(not set)"))
                ));
            }
        }
        fn en(p: &Plan) -> Option<&str> {
            p.translation.as_ref().map(|t| t.doc.html())
        }
        if pa.doc.html() != pb.doc.html() || en(pa) != en(pb) {
            text_changed.push(markdown::code(slug));
        }
    }
    if added.is_empty()
        && removed.is_empty()
        && meta_rows.is_empty()
        && value_rows.is_empty()
        && text_changed.is_empty()
    {
        out.push_str("No changes to published plans or indicator values.\n");
        return out;
    }
    let plan_line = |p: &Plan, site: &Site| {
        format!(
            "- {} {} — {}, {} indicator value(s)\n",
            markdown::code(p.slug.as_str()),
            markdown::text(&p.title),
            markdown::text(&jurisdiction_name(site, p)),
            p.indicators.len()
        )
    };
    if !added.is_empty() {
        let _ = writeln!(out, "### Plans added ({})\n", added.len());
        for p in &added {
            out.push_str(&plan_line(p, b));
        }
        out.push('\n');
    }
    if !removed.is_empty() {
        let _ = writeln!(out, "### Plans removed ({})\n", removed.len());
        for p in &removed {
            out.push_str(&plan_line(p, a));
        }
        out.push('\n');
    }
    if !value_rows.is_empty() {
        let _ = writeln!(out, "### Indicator values changed ({})\n", value_rows.len());
        out.push_str(
            "| plan | jurisdiction | indicator | before | after |\n|---|---|---|---|---|\n",
        );
        for r in &value_rows {
            out.push_str(r);
            out.push('\n');
        }
        out.push('\n');
    }
    if !meta_rows.is_empty() {
        let _ = writeln!(out, "### Metadata changed ({})\n", meta_rows.len());
        out.push_str("| plan | field | before | after |\n|---|---|---|---|\n");
        for r in &meta_rows {
            out.push_str(r);
            out.push('\n');
        }
        out.push('\n');
    }
    if !text_changed.is_empty() {
        let _ = writeln!(
            out,
            "### Text changed ({})\n\n{}\n",
            text_changed.len(),
            text_changed.join(", ")
        );
    }
    out
}
