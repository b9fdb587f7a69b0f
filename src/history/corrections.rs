//! Checks of a plan's editorial `corrections:` against the site's date: a
//! correction dated after it (a mistyped year such as 2099) would head the
//! recent changes until that day.

use std::path::Path;

use crate::diag::{Diagnostic, Diagnostics};
use crate::model::raw::Correction;
use crate::model::relations::{AsOf, Index};
use crate::parse::frontmatter::Split;
use crate::parse::yaml::Step;

/// Warns, at its date, for each correction dated after the site's date
/// when that date is known from a commit or `SOURCE_DATE_EPOCH` (content
/// dates alone do not bound when a correction was made).
pub fn check(
    list: &[Correction],
    (split, path): (&Split<'_>, &Path),
    index: &Index,
    d: &mut Diagnostics,
) {
    let Some(as_of) = index.as_of.filter(|_| index.as_of_from != AsOf::Content) else {
        return;
    };
    for (i, c) in list.iter().enumerate().filter(|(_, c)| c.date > as_of) {
        let at = split.locate_value(
            path,
            &[Step::from("corrections"), Step::from(i), Step::from("date")],
        );
        d.push(
            Diagnostic::warning(
                at,
                format!(
                    "this correction is dated {}, after the site's date {as_of}: it would head the recent changes until then",
                    c.date
                ),
            )
            .hint("write the day the correction was made (check the year)")
            .zh(
                format!("这条更正的日期 {} 晚于站点日期 {as_of}，会一直排在最近更新的最前面", c.date),
                "写更正实际发生的日期（检查年份）",
            ),
        );
    }
}
