//! The zh → en glossary: loaded from `content/glossary.yaml`, published as a
//! page, and used to report English text that uses a rejected variant.

use std::path::Path;

use aho_corasick::AhoCorasick;
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

/// A glossary's rejected variants, all found in one pass over a text.
pub struct Matcher<'a> {
    entries: &'a [Entry],
    /// The distinct lower-case variants.
    automaton: Option<AhoCorasick>,
    /// For each distinct variant, the (entry, variant) pairs that list it.
    owners: Vec<Vec<(usize, usize)>>,
}

impl<'a> Matcher<'a> {
    /// Prepares the search for every rejected variant of `entries`.
    pub fn new(entries: &'a [Entry]) -> Self {
        let mut patterns: Vec<String> = Vec::new();
        let mut owners: Vec<Vec<(usize, usize)>> = Vec::new();
        for (i, e) in entries.iter().enumerate() {
            for (j, variant) in e.reject.iter().enumerate() {
                let v = variant.to_ascii_lowercase();
                if v.is_empty() {
                    continue;
                }
                match patterns.iter().position(|p| *p == v) {
                    Some(k) => owners[k].push((i, j)),
                    None => {
                        patterns.push(v);
                        owners.push(vec![(i, j)]);
                    }
                }
            }
        }
        let automaton = (!patterns.is_empty())
            .then(|| AhoCorasick::new(&patterns).expect("plain-text patterns build"));
        Matcher {
            entries,
            automaton,
            owners,
        }
    }

    /// Reports every occurrence of a rejected variant in `text` (a Markdown
    /// file starting at line 1 of `path`), each at its own line and column,
    /// matching ASCII letters case-insensitively on word boundaries.
    pub fn check(&self, path: &Path, text: &str) -> Vec<Diagnostic> {
        let Some(ac) = &self.automaton else {
            return Vec::new();
        };
        // ASCII lower-casing keeps every byte offset, so a match is located
        // in the original text as it is.
        let lower = text.to_ascii_lowercase();
        let mut found: Vec<(usize, usize, usize)> = Vec::new();
        for m in ac.find_overlapping_iter(&lower) {
            let before_ok = lower[..m.start()]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric());
            let after_ok = lower[m.end()..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphanumeric());
            if before_ok && after_ok {
                let owners = &self.owners[m.pattern().as_usize()];
                found.extend(owners.iter().map(|&(i, j)| (m.start(), i, j)));
            }
        }
        found.sort_unstable();
        found
            .into_iter()
            .map(|(start, i, j)| {
                let e = &self.entries[i];
                Diagnostic::warning(
                    Location::at_offset(path, text, start),
                    format!("`{}` is a rejected rendering of {}", e.reject[j], e.zh),
                )
                .hint(format!("write `{}` (content/glossary.yaml)", e.en))
                .zh(
                    format!("`{}` 是术语表不采用的 {} 译法", e.reject[j], e.zh),
                    format!("改为 `{}`（见 content/glossary.yaml）", e.en),
                )
            })
            .collect()
    }
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
        let d = Matcher::new(&g).check(Path::new("x.en.md"), text);
        assert_eq!(d.len(), 1);
        assert_eq!((d[0].location.line, d[0].location.column), (2, 3));
        assert!(Matcher::new(&g)
            .check(Path::new("x"), "geographic indications")
            .is_empty());
        // A later whole-word occurrence counts when the first is inside a word.
        let d = Matcher::new(&g).check(
            Path::new("x"),
            "geographic indications; geographic indication",
        );
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].location.column, 25);
    }

    #[test]
    fn every_occurrence_is_reported_at_its_own_place() {
        let g = vec![Entry {
            zh: "高地".into(),
            en: "high ground".into(),
            note: None,
            reject: vec!["highland".into(), "highlands".into()],
        }];
        // Non-ASCII text before a match (and an İ, whose lower case is
        // longer) must not move the reported columns.
        let text = "İ 高地 highland.\nTwo Highlands, and a highland.\n";
        let d = Matcher::new(&g).check(Path::new("x.en.md"), text);
        let at: Vec<(usize, usize)> = d
            .iter()
            .map(|d| (d.location.line, d.location.column))
            .collect();
        assert_eq!(at, [(1, 6), (2, 5), (2, 22)]);
        assert!(d[0]
            .shown(crate::diag::Messages::Zh)
            .to_string()
            .contains("改为 `high ground`"));
    }
}
