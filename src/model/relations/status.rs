//! A plan's status as of the site's date, and that date: fixed by the
//! input, never the clock.

use std::path::Path;

use serde::Serialize;

use super::{Index, StatusOf};
use crate::model::{Date, RelationKind, Status};

/// Where the date statuses are computed as of comes from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AsOf {
    /// `SOURCE_DATE_EPOCH`.
    SourceDateEpoch,
    /// The date of the last commit of the site folder.
    Commit,
    /// The newest date in the site's content.
    #[default]
    Content,
}

/// The date statuses are computed as of: `SOURCE_DATE_EPOCH` when set,
/// else the date of the last commit that touched `root` when it is in a
/// git repository, else
/// the newest of `dates` (none when there is none).
pub fn as_of(root: &Path, dates: impl Iterator<Item = Date>) -> (Option<Date>, AsOf) {
    if let Some(secs) = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
    {
        return (
            Some(crate::publish::from_days(secs.div_euclid(86_400))),
            AsOf::SourceDateEpoch,
        );
    }
    if let Some(d) = head_date(root) {
        return (Some(d), AsOf::Commit);
    }
    (dates.max(), AsOf::Content)
}

/// The commit date of the latest commit of `HEAD` that touched the site
/// folder `root` (`HEAD`'s own when the site is the whole repository), if
/// `root` is in a git repository: a site kept in a folder of a larger
/// repository is not re-dated by commits outside it.
fn head_date(root: &Path) -> Option<Date> {
    let out = crate::diff::revisions::git(root, &["log", "-1", "--format=%cs", "--", "."]).ok()?;
    Date::parse(std::str::from_utf8(&out).ok()?.trim()).ok()
}

impl Index {
    /// The status of the plan at `slug`: superseded when a plan of the site
    /// supersedes it, else expired when its period ended before the site's
    /// date, else in force (with the plans that amend it).
    pub fn status(&self, slug: &str) -> StatusOf {
        let by = |kind: RelationKind| -> Vec<String> {
            self.reverse_of(slug)
                .iter()
                .filter(|(k, _)| *k == kind)
                .map(|(_, s)| s.clone())
                .collect()
        };
        let superseded_by = by(RelationKind::Supersedes);
        let amended_by = by(RelationKind::Amends);
        let end = self.head(slug).and_then(|h| h.period).map(|p| p.end);
        let status = if !superseded_by.is_empty() {
            Status::Superseded
        } else if matches!((end, self.as_of), (Some(e), Some(d)) if e < d.year) {
            Status::Expired
        } else {
            Status::InForce
        };
        StatusOf {
            status,
            superseded_by,
            amended_by,
        }
    }
}
