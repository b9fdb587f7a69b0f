//! Accounting: which figures of a plan's text ([`super::scan`]) lie inside
//! no passage that makes them data or sets them aside.

use std::path::Path;

use crate::diag::{line_col, Diagnostic, Location};
use crate::parse::markdown::Doc;

use super::scan::{figures, Figure};

/// A figure of the text that no passage accounts for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unaccounted {
    /// The figure as printed (`4.52件`).
    pub figure: String,
    /// Byte offset in the body (the Markdown after the front matter).
    pub offset: usize,
}

/// The figures of `doc` that lie in none of `passages` (the texts of the
/// plan's targets, baselines, reported values and `not_data` entries).
///
/// A figure is accounted for when its digits lie inside an occurrence of a
/// passage within the same block's text. `body` is the Markdown the
/// document was rendered from: each figure is placed at its first
/// occurrence from its block's start on.
pub fn unaccounted(doc: &Doc, body: &str, passages: &[&str]) -> Vec<Unaccounted> {
    let mut out = Vec::new();
    for b in &doc.blocks {
        let text = doc.text_of(b);
        let found = figures(text);
        if found.is_empty() {
            continue;
        }
        let covers: Vec<(usize, usize)> = passages
            .iter()
            .filter(|p| !p.is_empty())
            .flat_map(|p| text.match_indices(*p).map(|(at, m)| (at, at + m.len())))
            .collect();
        let mut from = b.offset.min(body.len());
        for f in found {
            if covered(&f, &covers) {
                continue;
            }
            let printed = f.text(text);
            let offset = body
                .get(from..)
                .and_then(|rest| rest.find(printed))
                .map_or(from, |at| from + at);
            if offset > from {
                from = offset;
            }
            out.push(Unaccounted {
                figure: printed.to_owned(),
                offset,
            });
        }
    }
    out
}

fn covered(f: &Figure, covers: &[(usize, usize)]) -> bool {
    covers
        .iter()
        .any(|&(s, e)| s <= f.start && f.digits_end <= e)
}

/// A warning for an unaccounted figure, at its place in the file.
pub fn warning(u: &Unaccounted, path: &Path, body: &str, body_line: usize) -> Diagnostic {
    let (line, column) = line_col(body, u.offset.min(body.len()));
    Diagnostic::warning(
        Location::new(path, body_line + line - 1, column),
        format!("the figure `{}` is not accounted for", u.figure),
    )
    .hint("make it data (a target or baseline under `indicators:`, or a `reported:` entry) or set it aside with a `not_data:` entry whose passage contains it (see docs/CONTENT.md, \"Reported figures\")")
    .zh(
        format!("数字 `{}` 既不是数据，也没有说明", u.figure),
        "把它写成数据（`indicators:` 的目标值或基期值，或 `reported:` 条目），或用 `not_data:` 条目说明为什么不是数据（passage 要包含它；见 docs/CONTENT.md“报告值”）",
    )
}
