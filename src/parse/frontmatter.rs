//! Splitting a Markdown file into its YAML front matter and body.
//!
//! The front matter sits between a first line `---` and the next line `---`.
//! We keep the line number where the YAML starts so every YAML error, and
//! every semantic error found later, can be reported at the file's own line.

use std::path::Path;

use serde::de::DeserializeOwned;

use crate::diag::{Diagnostic, Location};
use crate::parse::yaml;

/// A Markdown source split in two, positions kept.
#[derive(Debug, Clone)]
pub struct Split<'a> {
    /// The YAML text (without the `---` fences).
    pub yaml: &'a str,
    /// 1-based file line of the YAML's first line.
    pub yaml_line: usize,
    /// The Markdown body.
    pub body: &'a str,
    /// 1-based file line of the body's first line.
    pub body_line: usize,
}

/// Splits `text`; a file without front matter is an error naming line 1.
pub fn split<'a>(path: &Path, text: &'a str) -> Result<Split<'a>, Diagnostic> {
    let missing = || {
        Diagnostic::error(Location::file(path), "missing front matter")
            .hint("start the file with a line `---`, the YAML fields, and a closing line `---`")
    };
    let rest = text.strip_prefix("---\n").ok_or_else(missing)?;
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "---" {
            let yaml = &rest[..offset];
            let body = &rest[offset + line.len()..];
            let yaml_lines = yaml.matches('\n').count();
            return Ok(Split {
                yaml,
                yaml_line: 2,
                body,
                body_line: 3 + yaml_lines,
            });
        }
        offset += line.len();
    }
    Err(
        Diagnostic::error(Location::file(path), "front matter is not closed")
            .hint("add a line `---` after the last front-matter field"),
    )
}

impl Split<'_> {
    /// Deserializes the YAML, turning errors into diagnostics at file positions.
    pub fn parse<T: DeserializeOwned>(&self, path: &Path) -> Result<T, Diagnostic> {
        parse_yaml(path, self.yaml, self.yaml_line)
    }

    /// The file location of the first occurrence of `needle` in the YAML,
    /// used to point semantic errors (an unknown id) at the right line.
    pub fn locate(&self, path: &Path, needle: &str) -> Location {
        locate_in(path, self.yaml, self.yaml_line, needle)
    }

    /// Location of the first `needle` after the first `anchor` (a field
    /// of one list entry: its passage after its `id: …`); where there is
    /// no such `needle`, the anchor, or else the first `needle`.
    pub fn locate_after(&self, path: &Path, anchor: &str, needle: &str) -> Location {
        let found = self.yaml.find(anchor).and_then(|a| {
            let from = a + anchor.len();
            self.yaml[from..].find(needle).map(|n| from + n).or(Some(a))
        });
        match found {
            Some(off) => {
                let (l, c) = crate::diag::line_col(self.yaml, off);
                Location::new(path, self.yaml_line + l - 1, c)
            }
            None => self.locate(path, needle),
        }
    }
}

/// Deserializes a YAML text that starts at file line `first_line`.
pub fn parse_yaml<T: DeserializeOwned>(
    path: &Path,
    text: &str,
    first_line: usize,
) -> Result<T, Diagnostic> {
    yaml::from_str(text).map_err(|e| {
        let hint = if e.message.contains("unknown field") {
            "remove the field or correct its spelling; docs/CONTENT.md lists the fields"
        } else if e.message.contains("missing field") {
            "add the field; docs/CONTENT.md lists the required fields"
        } else {
            "check the YAML syntax: indentation, `key: value`, quotes around values with `: ` or `#`"
        };
        Diagnostic::error(Location::new(path, first_line + e.line - 1, e.column), e.message)
            .hint(hint)
    })
}

/// Location of `needle` inside `text` (which starts at `first_line`); the
/// start of the text when it does not occur.
pub fn locate_in(path: &Path, text: &str, first_line: usize, needle: &str) -> Location {
    match text.find(needle) {
        Some(off) => {
            let (l, c) = crate::diag::line_col(text, off);
            Location::new(path, first_line + l - 1, c)
        }
        None => Location::new(path, first_line, 1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    #[test]
    fn split_keeps_file_lines() {
        let s = split(Path::new("a.md"), "---\na: 1\nb: 2\n---\nbody\n").unwrap();
        assert_eq!(s.yaml, "a: 1\nb: 2\n");
        assert_eq!(s.body, "body\n");
        assert_eq!(s.body_line, 5);
        let loc = s.locate(Path::new("a.md"), "b:");
        assert_eq!((loc.line, loc.column), (3, 1));
    }

    #[test]
    fn yaml_error_line_counts_in_file() {
        let s = split(Path::new("a.md"), "---\na: 1\nb: [\n---\n").unwrap();
        let e = s
            .parse::<BTreeMap<String, String>>(Path::new("a.md"))
            .unwrap_err();
        assert!(e.location.line >= 3, "{e}");
    }

    #[test]
    fn missing_front_matter_is_an_error() {
        assert!(split(Path::new("a.md"), "no front matter").is_err());
    }
}
