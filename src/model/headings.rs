//! Heading levels that skip: a plan body's headings make its table of
//! contents, so an `####` straight under an `##` (or a body whose first
//! heading is deeper than `##`, the page title being the `h1`) files its
//! sections under a parent that is not there. A warning at the heading,
//! since the page still builds.

use std::path::Path;

use crate::diag::{line_col, Diagnostic, Diagnostics, Location};
use crate::parse::markdown::{BlockKind, Doc};

/// Warns at each top-level heading of `doc` (rendered from `body`, which
/// starts at file line `body_line` of `path`) that is more than one level
/// below the heading before it, or than the page title (`h1`) for the
/// first.
pub(super) fn jumps(doc: &Doc, body: &str, body_line: usize, path: &Path, d: &mut Diagnostics) {
    let mut above = 1u8;
    for b in doc.blocks.iter().filter(|b| b.kind == BlockKind::Heading) {
        let level = b.level;
        if level > above + 1 {
            let (line, column) = line_col(body, b.offset);
            let at = Location::new(path, body_line + line - 1, column);
            let want = "#".repeat(usize::from(above) + 1);
            let (what, zh_what) = if above == 1 {
                ("the page title (h1)".to_owned(), "页面标题(h1)".to_owned())
            } else {
                (
                    format!("the heading above it (h{above})"),
                    format!("上一个标题(h{above})"),
                )
            };
            d.push(
                Diagnostic::warning(
                    at,
                    format!("heading level jumps from h{above} to h{level}: an h{level} right under {what}"),
                )
                .hint(format!(
                    "make it `{want}` (one level below), or add the missing heading above it, so the table of contents does not file it under a section that is not there"
                ))
                .zh(
                    format!("标题层级从 h{above} 跳到 h{level}:紧接在{zh_what}之下的是 h{level}"),
                    format!("改为 `{want}`(低一级),或在其上补出缺少的标题,以免目录把它归入不存在的章节"),
                ),
            );
        }
        above = level;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::markdown::{render, RawHtml};

    fn warnings(body: &str) -> Vec<String> {
        let doc = render(body, &[], RawHtml::default());
        let mut d = Diagnostics::new();
        jumps(&doc, body, 10, Path::new("p.md"), &mut d);
        d.iter().map(|d| d.to_string()).collect()
    }

    #[test]
    fn levels_one_at_a_time_are_fine() {
        let body = "## 一、总则\n\n### (一)目标\n\n#### 1.甲\n\n## 二、任务\n\n#### (1)乙\n";
        // The last is a jump (h2 → h4); the return from h4 to h2 is not.
        let got = warnings(body);
        assert_eq!(got.len(), 1, "{got:?}");
        assert!(
            got[0].starts_with("p.md:18:1: warning: heading level jumps from h2 to h4"),
            "{got:?}"
        );
        assert!(got[0].contains("make it `###`"), "{got:?}");
    }

    #[test]
    fn a_first_heading_below_h2_is_a_jump_from_the_title() {
        let got = warnings("前言。\n\n### (一)目标\n\n### (二)任务\n");
        assert_eq!(got.len(), 1, "{got:?}");
        assert!(
            got[0].starts_with("p.md:12:1: warning: heading level jumps from h1 to h3: an h3 right under the page title"),
            "{got:?}"
        );
    }

    #[test]
    fn no_headings_no_warning() {
        assert!(warnings("只有一段。\n").is_empty());
        assert!(warnings("## 一、总则\n\n### (一)\n\n## 二、\n").is_empty());
    }
}
