//! Splitting a Markdown file into its YAML front matter and body.
//!
//! The front matter sits between a first line `---` and the next line `---`.
//! We keep the line number where the YAML starts so every YAML error, and
//! every semantic error found later, can be reported at the file's own line.

use std::path::Path;

use serde::de::DeserializeOwned;

use crate::diag::{Diagnostic, Location};
use crate::parse::yaml::{self, Step, YamlError};

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
            .zh(
                "缺少 front matter",
                "文件开头写一行 `---`，接着是 YAML 字段，再用一行 `---` 结束",
            )
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
            .hint("add a line `---` after the last front-matter field")
            .zh(
                "front matter 没有结束",
                "在最后一个 front matter 字段后加一行 `---`",
            ),
    )
}

impl Split<'_> {
    /// Deserializes the YAML, turning errors into diagnostics at file
    /// positions: every shape problem of its top-level fields, or its one
    /// syntax error.
    pub fn parse<T: DeserializeOwned>(&self, path: &Path) -> Result<T, Vec<Diagnostic>> {
        parse_yaml_all(path, self.yaml, self.yaml_line)
    }

    /// The file location of the first occurrence of `needle` in the YAML,
    /// used to point semantic errors (an unknown id) at the right line.
    pub fn locate(&self, path: &Path, needle: &str) -> Location {
        locate_in(path, self.yaml, self.yaml_line, needle)
    }

    /// The file location of the value at `steps` (`["indicators", 2,
    /// "passage"]`); the start of the YAML when there is none.
    pub fn locate_value(&self, path: &Path, steps: &[Step]) -> Location {
        locate_value_in(path, self.yaml, self.yaml_line, steps)
    }

    /// [`Split::locate_value`] of each of `paths`, in one walk of the YAML.
    pub fn locate_values(&self, path: &Path, paths: &[Vec<Step>]) -> Vec<Location> {
        yaml::positions(self.yaml, paths)
            .into_iter()
            .map(|at| match at {
                Some((l, c)) => Location::new(path, self.yaml_line + l - 1, c),
                None => Location::new(path, self.yaml_line, 1),
            })
            .collect()
    }
}

/// Deserializes a YAML text that starts at file line `first_line`; its
/// first problem.
pub fn parse_yaml<T: DeserializeOwned>(
    path: &Path,
    text: &str,
    first_line: usize,
) -> Result<T, Diagnostic> {
    yaml::from_str(text).map_err(|e| diagnostic(path, first_line, e))
}

/// Deserializes a YAML text that starts at file line `first_line`; every
/// shape problem of its top-level fields (see [`yaml::from_str_all`]).
pub fn parse_yaml_all<T: DeserializeOwned>(
    path: &Path,
    text: &str,
    first_line: usize,
) -> Result<T, Vec<Diagnostic>> {
    yaml::from_str_all(text).map_err(|errors| {
        errors
            .into_iter()
            .map(|e| diagnostic(path, first_line, e))
            .collect()
    })
}

fn diagnostic(path: &Path, first_line: usize, e: YamlError) -> Diagnostic {
    let plain = yaml::explain(&e);
    Diagnostic::error(
        Location::new(path, first_line + e.line - 1, e.column),
        plain.message,
    )
    .hint(plain.hint)
    .zh(plain.zh_message, plain.zh_hint)
}

/// Location of `needle` inside `text` (which starts at `first_line`); the
/// start of the text when it does not occur (or is empty).
pub fn locate_in(path: &Path, text: &str, first_line: usize, needle: &str) -> Location {
    match text.find(needle).filter(|_| !needle.is_empty()) {
        Some(off) => {
            let (l, c) = crate::diag::line_col(text, off);
            Location::new(path, first_line + l - 1, c)
        }
        None => Location::new(path, first_line, 1),
    }
}

/// Location of the value at `steps` inside `text` (which starts at
/// `first_line`); the start of the text when there is none.
pub fn locate_value_in(path: &Path, text: &str, first_line: usize, steps: &[Step]) -> Location {
    match yaml::position(text, steps) {
        Some((l, c)) => Location::new(path, first_line + l - 1, c),
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
        assert!(e[0].location.line >= 3, "{e:?}");
        assert!(e[0].hint.as_deref().unwrap_or_default().contains("(YAML: "));
    }

    #[test]
    fn shape_errors_do_not_blame_the_syntax() {
        let text = "---\na: 1\nb: [1]\n---\n";
        let s = split(Path::new("a.md"), text).unwrap();
        let e = s
            .parse::<BTreeMap<String, String>>(Path::new("a.md"))
            .unwrap_err();
        let hint = e[0].hint.as_deref().unwrap_or_default();
        assert!(!hint.contains("syntax"), "{hint}");
    }

    #[test]
    fn values_are_located_by_path() {
        let s = split(Path::new("a.md"), "---\na: 1\nl:\n  - {p: \"\"}\n---\n").unwrap();
        let steps = [Step::from("l"), Step::from(0), Step::from("p")];
        let loc = s.locate_value(Path::new("a.md"), &steps);
        assert_eq!((loc.line, loc.column), (4, 9));
        let loc = s.locate(Path::new("a.md"), "");
        assert_eq!((loc.line, loc.column), (2, 1));
    }

    #[test]
    fn missing_front_matter_is_an_error() {
        assert!(split(Path::new("a.md"), "no front matter").is_err());
    }
}
