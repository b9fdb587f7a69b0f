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
                let v = variant.to_lowercase();
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

    /// Reports each rejected variant found in `text` (a Markdown file
    /// starting at line 1 of `path`), matching case-insensitively on word
    /// boundaries: its first occurrence, in glossary order.
    pub fn check(&self, path: &Path, text: &str) -> Vec<Diagnostic> {
        let Some(ac) = &self.automaton else {
            return Vec::new();
        };
        let lower = text.to_lowercase();
        // The first whole-word occurrence of each distinct variant.
        let mut first: Vec<Option<usize>> = vec![None; self.owners.len()];
        for m in ac.find_overlapping_iter(&lower) {
            let k = m.pattern().as_usize();
            if first[k].is_some() {
                continue;
            }
            let before_ok = lower[..m.start()]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric());
            let after_ok = lower[m.end()..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphanumeric());
            if before_ok && after_ok {
                first[k] = Some(m.start());
            }
        }
        let mut found: Vec<(usize, usize, usize)> = Vec::new();
        for (k, start) in first.iter().enumerate() {
            if let Some(start) = start {
                found.extend(self.owners[k].iter().map(|&(i, j)| (i, j, *start)));
            }
        }
        found.sort_unstable();
        found
            .into_iter()
            .map(|(i, j, start)| {
                let e = &self.entries[i];
                // `to_lowercase` keeps ASCII offsets; map via the original when lengths differ.
                let off = if lower.len() == text.len() { start } else { 0 };
                Diagnostic::warning(
                    Location::at_offset(path, text, off),
                    format!("`{}` is a rejected rendering of {}", e.reject[j], e.zh),
                )
                .hint(format!("write `{}` (content/glossary.yaml)", e.en))
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
}
