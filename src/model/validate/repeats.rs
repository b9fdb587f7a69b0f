//! `not_data:` entries that repeat an earlier entry's passage: a pasted or
//! generated list would set the same numbers aside many times over and the
//! plan page would list each. Warned, not dropped: the editor keeps the
//! entry whose note is right.

use std::collections::HashMap;
use std::path::Path;

use crate::diag::{Diagnostic, Diagnostics};
use crate::model::reported::RawNotData;
use crate::parse::frontmatter::Split;
use crate::parse::yaml::Step;

/// The most repeats warned about one by one; the rest are counted.
const MAX_WARNED: usize = 20;

/// Warns at each `not_data` passage that an earlier entry already gives.
pub(super) fn check(list: &[RawNotData], (split, path): (&Split<'_>, &Path), d: &mut Diagnostics) {
    let mut first: HashMap<&str, usize> = HashMap::new();
    let mut repeats = 0usize;
    for (i, n) in list.iter().enumerate() {
        let Some(&j) = first.get(n.passage.as_str()) else {
            first.insert(&n.passage, i);
            continue;
        };
        repeats += 1;
        if repeats > MAX_WARNED {
            continue;
        }
        let here = |k: usize| {
            split.locate_value(
                path,
                &[Step::from("not_data"), Step::from(k), Step::from("passage")],
            )
        };
        let earlier = here(j);
        d.push(
            Diagnostic::warning(
                here(i),
                format!(
                    "this `not_data` passage repeats the entry at line {}",
                    earlier.line
                ),
            )
            .hint("keep one entry for a passage: remove this one, or merge its note into the first")
            .zh(
                format!(
                    "这条 `not_data` 的 passage 与第 {} 行的条目重复",
                    earlier.line
                ),
                "同一段文字只保留一个条目：删除这条，或把说明并入前一条",
            ),
        );
    }
    if repeats > MAX_WARNED {
        d.push(
            Diagnostic::warning(
                split.locate_value(path, &[Step::from("not_data")]),
                format!(
                    "`not_data` repeats passages {repeats} times: the first {MAX_WARNED} are listed"
                ),
            )
            .hint("remove the repeated entries")
            .zh(
                format!("`not_data` 中有 {repeats} 个重复的 passage：只列出了前 {MAX_WARNED} 个"),
                "删除重复的条目",
            ),
        );
    }
}
