//! The zh → en glossary: loaded from `content/glossary.yaml`, published as a
//! page, and used to report English text that uses a rejected variant.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::diag::{Diagnostic, Location};

/// One glossary term.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// The Chinese term.
    pub zh: String,
    /// The English rendering to use.
    pub en: String,
    /// Usage note.
    #[serde(default)]
    pub note: Option<String>,
    /// Variants that must not be used.
    #[serde(default)]
    pub reject: Vec<String>,
}

/// Reports each rejected variant found in `text` (a Markdown file starting
/// at line 1 of `path`), matching case-insensitively on word boundaries.
pub fn check(entries: &[Entry], path: &Path, text: &str) -> Vec<Diagnostic> {
    let lower = text.to_lowercase();
    let mut out = Vec::new();
    for e in entries {
        for variant in &e.reject {
            let v = variant.to_lowercase();
            if v.is_empty() {
                continue;
            }
            let mut from = 0;
            while let Some(i) = lower[from..].find(&v) {
                let start = from + i;
                let end = start + v.len();
                let before_ok = lower[..start]
                    .chars()
                    .last()
                    .is_none_or(|c| !c.is_alphanumeric());
                let after_ok = lower[end..]
                    .chars()
                    .next()
                    .is_none_or(|c| !c.is_alphanumeric());
                if before_ok && after_ok {
                    // `to_lowercase` keeps ASCII offsets; map via the original when lengths differ.
                    let off = if lower.len() == text.len() { start } else { 0 };
                    out.push(
                        Diagnostic::warning(
                            Location::at_offset(path, text, off),
                            format!("`{variant}` is a rejected rendering of {}", e.zh),
                        )
                        .hint(format!("write `{}` (content/glossary.yaml)", e.en)),
                    );
                    break;
                }
                from = end;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_rejected_variants_on_word_boundaries() {
        let g = vec![Entry {
            zh: "地理标志".into(),
            en: "geographical indication".into(),
            note: None,
            reject: vec!["geographic indication".into()],
        }];
        let text = "line one\nA Geographic Indication here.\n";
        let d = check(&g, Path::new("x.en.md"), text);
        assert_eq!(d.len(), 1);
        assert_eq!((d[0].location.line, d[0].location.column), (2, 3));
        assert!(check(&g, Path::new("x"), "geographic indications").is_empty());
    }
}
