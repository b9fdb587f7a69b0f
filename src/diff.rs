//! `plansite diff [REV [REV2]]`: what changed in the published content, as
//! Markdown for a pull-request comment, a job summary or a look before
//! committing.
//!
//! With no revision it compares `HEAD` with the working tree; with one,
//! that revision with the working tree; with two, the two revisions. Each
//! side's site files (`site.yaml`, `content/`, `indicators/`, `themes/`)
//! are copied into a temporary folder ([`revisions`]: `git archive` for a
//! commit, the files git tracks or would track for the working tree) and
//! loaded through the same validation as a build; the two models are then
//! compared kind by kind ([`plans`], [`values`], [`site`]) and written as
//! Markdown ([`mod@report`]).

pub mod change;
mod markdown;
mod moves;
pub mod plans;
pub mod report;
pub mod revisions;
pub mod site;
pub mod values;

use std::path::{Path, PathBuf};

use crate::model::Site;
use change::Section;
use report::Compared;
use revisions::Snapshot;

/// Why a diff could not be made.
#[derive(Debug, thiserror::Error)]
pub enum DiffError {
    /// A revision that git would read as an option (`--output=…`).
    #[error("revision {0:?} starts with `-`; name a branch, tag or commit")]
    OptionLikeRevision(String),
    /// The site folder is not inside a git repository.
    #[error(
        "{} is not inside a git repository; `plansite diff` compares git revisions \
         (run it in the site's repository, or pass --root)",
        .0.display()
    )]
    NotARepository(PathBuf),
    /// The repository has no commit yet, so there is no `HEAD` to compare
    /// the working tree with.
    #[error(
        "the repository has no commit yet; commit the site, then `plansite diff` shows \
         what you change after that"
    )]
    NoCommit,
    /// `git` failed or is missing.
    #[error("git {args}: {message}")]
    Git {
        /// The git arguments.
        args: String,
        /// What git said.
        message: String,
    },
    /// A revision's content does not validate.
    #[error("{rev} does not build ({errors} error(s)); run `plansite check` on it:\n{details}")]
    Invalid {
        /// The revision, or `the working tree`.
        rev: String,
        /// Number of errors.
        errors: usize,
        /// The diagnostics.
        details: String,
    },
    /// A temporary folder could not be made or filled.
    #[error("temporary folder: {0}")]
    Io(#[from] std::io::Error),
}

/// Compares the published content of the repository containing `root`
/// and returns Markdown: `old` (default `HEAD`) against `new`, or against
/// the working tree when `new` is `None`. A revision that starts with `-`
/// is refused ([`DiffError::OptionLikeRevision`]).
pub fn diff(root: &Path, old: Option<&str>, new: Option<&str>) -> Result<String, DiffError> {
    for rev in [old, new].into_iter().flatten() {
        if rev.starts_with('-') {
            return Err(DiffError::OptionLikeRevision(rev.to_string()));
        }
    }
    // The site may live in a subfolder of the repository.
    let prefix = revisions::prefix(root)?;
    let old = match old {
        Some(rev) => revisions::commit(root, rev)?,
        None => revisions::commit(root, "HEAD").map_err(|e| match e {
            DiffError::Git { .. }
                if revisions::git(root, &["rev-list", "-n1", "--all"])
                    .is_ok_and(|out| out.is_empty()) =>
            {
                DiffError::NoCommit
            }
            e => e,
        })?,
    };
    let new = match new {
        Some(rev) => revisions::commit(root, rev)?,
        None => Snapshot::WorkingTree,
    };
    let (a_dir, b_dir) = (tempfile::tempdir()?, tempfile::tempdir()?);
    let a = revisions::load(root, &prefix, &old, a_dir.path())?;
    let b = revisions::load(root, &prefix, &new, b_dir.path())?;
    let side = |s: &Snapshot| -> Result<String, DiffError> {
        Ok(match s {
            Snapshot::Commit { hash, .. } => revisions::short(root, hash)?,
            Snapshot::WorkingTree => "working tree".into(),
        })
    };
    let compared = Compared {
        old: old.name().to_string(),
        new: new.name().to_string(),
        range: format!("{} → {}", side(&old)?, side(&new)?),
    };
    Ok(report(&a, &b, &compared))
}

/// Every kind of published content compared, in the order the report
/// lists them (empty sections included).
pub fn compare(a: &Site, b: &Site) -> Vec<Section> {
    vec![
        Section {
            heading: "Plans",
            items: plans::changes(a, b),
        },
        Section {
            heading: "Indicator values",
            items: values::changes(a, b),
        },
        Section {
            heading: "Jurisdictions",
            items: site::jurisdictions(a, b),
        },
        Section {
            heading: "Indicator catalogue",
            items: site::catalogue(a, b),
        },
        Section {
            heading: "Topics",
            items: site::topics(a, b),
        },
        Section {
            heading: "Glossary",
            items: site::glossary(a, b),
        },
        Section {
            heading: "Pages",
            items: site::pages(a, b),
        },
        Section {
            heading: "Site settings",
            items: site::config(a, b),
        },
    ]
}

/// The Markdown report for two loaded sites.
pub fn report(a: &Site, b: &Site, compared: &Compared) -> String {
    report::markdown(compared, &compare(a, b))
}
