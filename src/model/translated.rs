//! A translation's English text for the original's indicator entries
//! (`indicators: [{id, basis, note}]` in `index.en.md`): each id must name
//! an entry of the original plan, once, so no English basis or note is
//! silently shown beside the wrong figure or dropped.

use std::collections::BTreeMap;
use std::path::Path;

use super::raw::TranslationFront;
use super::{IndicatorId, IndicatorText};
use crate::diag::{Diagnostic, Diagnostics};
use crate::parse::frontmatter::Split;
use crate::parse::yaml::Step;

/// The translation's indicator texts by id, reporting each id that the
/// original (whose entries are `entries`, `None` when its front matter
/// could not be read) does not have, or that comes twice.
pub(super) fn indicators(
    front: &TranslationFront,
    entries: Option<&[&IndicatorId]>,
    split: &Split<'_>,
    path: &Path,
    d: &mut Diagnostics,
) -> BTreeMap<IndicatorId, IndicatorText> {
    let mut out = BTreeMap::new();
    for (i, t) in front.indicators.iter().enumerate() {
        let at = || split.locate_value(path, &["indicators".into(), Step::from(i), "id".into()]);
        if let Some(entries) = entries.filter(|e| !e.contains(&&t.id)) {
            let known = entries
                .iter()
                .map(|id| format!("`{id}`"))
                .collect::<Vec<_>>()
                .join(", ");
            let known = if known.is_empty() {
                "none".to_owned()
            } else {
                known
            };
            d.push(
                Diagnostic::error(
                    at(),
                    format!("indicator `{}` is not an entry of the original plan", t.id),
                )
                .hint(format!(
                    "use the id of one of the original's indicator entries: {known}"
                ))
                .zh(
                    format!("指标 `{}` 不是原文的指标条目", t.id),
                    format!("改用原文某个指标条目的 ID：{known}"),
                ),
            );
            continue;
        }
        if out.contains_key(&t.id) {
            d.push(
                Diagnostic::error(at(), format!("indicator `{}` is translated twice", t.id))
                    .hint("give each entry's basis and note in one item")
                    .zh(
                        format!("指标 `{}` 译了两次", t.id),
                        "每个条目的 basis 和 note 写在同一项里",
                    ),
            );
            continue;
        }
        out.insert(
            t.id.clone(),
            IndicatorText {
                basis: t.basis.clone(),
                note: t.note.clone(),
            },
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::frontmatter;

    fn check(yaml: &str, entries: &[&str]) -> (Vec<String>, Vec<String>) {
        let text = format!("---\ntitle: T\nindicators:\n{yaml}---\n");
        let split = frontmatter::split(Path::new("p.en.md"), &text).unwrap();
        let front: TranslationFront = split.parse(Path::new("p.en.md")).unwrap();
        let ids: Vec<IndicatorId> = entries.iter().map(|s| IndicatorId(s.to_string())).collect();
        let refs: Vec<&IndicatorId> = ids.iter().collect();
        let mut d = Diagnostics::new();
        let got = indicators(&front, Some(&refs), &split, Path::new("p.en.md"), &mut d);
        (
            got.keys().map(|k| k.to_string()).collect(),
            d.iter().map(|d| d.to_string()).collect(),
        )
    }

    #[test]
    fn known_ids_are_kept() {
        let (got, errors) = check(
            "  - {id: a, basis: At 15% a year}\n  - {id: b, note: N}\n",
            &["a", "b"],
        );
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(got, ["a", "b"]);
    }

    #[test]
    fn an_id_the_original_lacks_is_an_error_at_the_id() {
        let (got, errors) = check("  - {id: a, note: N}\n  - id: zz\n    note: M\n", &["a"]);
        assert_eq!(got, ["a"]);
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(
            errors[0].starts_with(
                "p.en.md:5:9: error: indicator `zz` is not an entry of the original plan"
            ),
            "{errors:?}"
        );
        assert!(errors[0].contains("`a`"), "{errors:?}");
    }

    #[test]
    fn an_id_twice_is_an_error() {
        let (_, errors) = check("  - {id: a, note: N}\n  - {id: a, basis: B}\n", &["a"]);
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(errors[0].contains("translated twice"), "{errors:?}");
    }
}
