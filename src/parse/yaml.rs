//! The one place that knows which YAML library plansite uses.
//!
//! Everything else calls [`from_str`] (or [`from_str_all`]) and gets
//! [`YamlError`]s with a line and column relative to the YAML text and a
//! [`YamlErrorKind`], so the library can be swapped without touching the
//! rest of the crate.
//!
//! # Bounded parsing
//!
//! Every text is first checked against the bounds of `limits`: at most
//! [`MAX_INPUT`] bytes, collections nested at most [`MAX_DEPTH`] deep, and
//! aliases that expand to at most [`MAX_EXPANSION`] bytes. Only then does
//! serde_yaml deserialise it. serde_yaml 0.9 (libyaml underneath) stays the
//! deserialiser: its messages are the ones users know and the snapshots
//! hold, and no maintained fork with the same API bounds alias expansion.
//! The bounds are checked with the event parser of `yaml-rust2`: pure Rust,
//! maintained, gives each event a position, and keeps an explicit stack
//! (deep input cannot overflow ours). It was chosen over `saphyr-parser`
//! (same lineage) for being the more widely used of the two. The same
//! events find where a value sits ([`position`]), so errors about a value
//! point at the value.
//!
//! The same pass refuses a value holding a control character written as an
//! escape (`"\e"`, `"\x07"`): the file itself holds none (see
//! `load::controls`), but the value would carry one into the pages.
//!
//! Where yaml-rust2 meets a syntax error, the bounds hold up to that point
//! and serde_yaml reports the error with its own message; the error is
//! classed [`YamlErrorKind::Syntax`], and every other serde_yaml error a
//! shape error ([`YamlErrorKind::Shape`]).

mod limits;
mod locate;
mod plain;

use serde::de::DeserializeOwned;

pub use limits::{MAX_DEPTH, MAX_EXPANSION, MAX_INPUT};
pub use locate::{position, positions, Step};
pub use plain::{explain, Plain};

/// What kind of problem a [`YamlError`] is, so hints can match it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum YamlErrorKind {
    /// The text is not YAML (indentation, brackets, quotes).
    Syntax,
    /// The YAML is well formed but a value has the wrong type, a field is
    /// unknown or missing, or a value is refused (an impossible date).
    Shape,
    /// The text passes one of plansite's bounds (size, depth, aliases).
    Limit,
    /// A value holds a control character, written as an escape (`"\e"`).
    Character,
}

/// A YAML problem, positioned inside the YAML text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlError {
    /// 1-based line inside the YAML text.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
    /// The library's message, without its own position suffix.
    pub message: String,
    /// Syntax, shape or bound.
    pub kind: YamlErrorKind,
}

/// Deserializes `text` into `T`; the first problem found.
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, YamlError> {
    too_deep(text)?;
    let syntax = limits::check(text)?;
    deserialize(text, syntax.is_some())
}

/// Deserializes `text` into `T`, or returns every shape problem of its
/// top-level fields, not only the first: after a shape error, the field
/// holding it is set aside and the rest deserialised again, until no new
/// error shows (a required field set aside is not then reported missing).
/// Works on documents that are block mappings; others give their first error.
pub fn from_str_all<T: DeserializeOwned>(text: &str) -> Result<T, Vec<YamlError>> {
    let first = match from_str(text) {
        Ok(v) => return Ok(v),
        Err(e) => e,
    };
    let mut errors = vec![first];
    let Some(keys) =
        locate::top_level_keys(text).filter(|_| errors[0].kind == YamlErrorKind::Shape)
    else {
        return Err(errors);
    };
    let mut rest = text.to_owned();
    let mut set_aside: Vec<&str> = Vec::new();
    for _ in 0..keys.len() {
        let last = errors.last().expect("one error at least");
        if last.message.contains("missing field") {
            break;
        }
        // The field whose lines hold the error.
        let Some(i) = keys.iter().rposition(|(_, line)| *line <= last.line) else {
            break;
        };
        let (key, from) = (&keys[i].0, keys[i].1);
        if set_aside.contains(&key.as_str()) {
            break;
        }
        set_aside.push(key);
        let to = keys.get(i + 1).map_or(usize::MAX, |k| k.1);
        rest = blank_lines(&rest, from, to);
        match from_str::<T>(&rest) {
            Ok(_) => break,
            Err(e) if e.kind != YamlErrorKind::Shape => break,
            Err(e) => {
                let missing_set_aside = set_aside
                    .iter()
                    .any(|k| e.message.contains(&format!("missing field `{k}`")));
                if missing_set_aside {
                    break;
                }
                errors.push(e);
            }
        }
    }
    Err(errors)
}

/// `text` with lines `from..to` (1-based) made blank, keeping line numbers.
fn blank_lines(text: &str, from: usize, to: usize) -> String {
    text.split_inclusive('\n')
        .enumerate()
        .map(|(i, line)| {
            if (from..to).contains(&(i + 1)) {
                if line.ends_with('\n') {
                    "\n"
                } else {
                    ""
                }
            } else {
                line
            }
        })
        .collect()
}

fn deserialize<T: DeserializeOwned>(text: &str, syntax: bool) -> Result<T, YamlError> {
    serde_yaml::from_str(text).map_err(|e| {
        let mut message = e.to_string();
        // serde_yaml appends " at line N column M"; the caller prints its own position.
        if let Some(i) = message.find(" at line ") {
            message.truncate(i);
        }
        // serde_yaml names the value's path (`date_issued: …`) but may
        // place the error at a mapping holding it: then find the value.
        let at_path = message
            .split_once(": ")
            .and_then(|(p, _)| locate::parse_path(p))
            .and_then(|p| position(text, &p));
        let at_mark = e.location().map(|l| (l.line(), l.column()));
        let (mut line, mut column) = match (at_mark, at_path) {
            (Some(m), Some(p)) if m >= p => m,
            (_, Some(p)) => p,
            (Some(m), None) => m,
            (None, None) => (1, 1),
        };
        if let Some(better) = locate_field(text, &message, (line, column)) {
            (line, column) = better;
        }
        let kind = if syntax {
            YamlErrorKind::Syntax
        } else {
            YamlErrorKind::Shape
        };
        YamlError {
            line,
            column,
            message,
            kind,
        }
    })
}

/// Where a field problem really is: the second of a field given twice;
/// the number a thousands separator split (`value: 3,040` reads as a
/// field `040`). `None` for other messages.
fn locate_field(text: &str, message: &str, near: (usize, usize)) -> Option<(usize, usize)> {
    let (path, detail) = match message.split_once(": ") {
        Some((p, rest)) => match locate::parse_path(p) {
            Some(steps) => (steps, rest),
            None => (Vec::new(), message),
        },
        None => (Vec::new(), message),
    };
    let key = |prefix: &str| {
        let rest = detail.strip_prefix(prefix)?.strip_prefix('`')?;
        rest.split_once('`').map(|(k, _)| k.to_owned())
    };
    if let Some(k) = key("duplicate field ") {
        return locate::second_key(text, &path, &k);
    }
    let k = key("unknown field ")?;
    if k.is_empty() || !k.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    locate::separated_number(text, (near.0, 1), &k)
}

/// Serializes `value` as YAML (used by the importer and the scaffolder).
pub fn to_string<T: serde::Serialize>(value: &T) -> String {
    serde_yaml::to_string(value).unwrap_or_default()
}

/// Flow collections (`[`, `{`) nested deeper than this are refused before
/// parsing: libyaml's scanner takes time quadratic in their depth (16,000
/// levels, half a second), and serde_yaml refuses over 128 levels anyway.
const MAX_FLOW_DEPTH: usize = 256;

/// An error at the first bracket past [`MAX_FLOW_DEPTH`], counted without
/// regard to quotes (a real text never has hundreds unclosed).
fn too_deep(text: &str) -> Result<(), YamlError> {
    let mut depth = 0usize;
    for (i, b) in text.bytes().enumerate() {
        match b {
            b'[' | b'{' => depth += 1,
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => continue,
        }
        if depth > MAX_FLOW_DEPTH {
            let (line, column) = crate::diag::line_col(text, i);
            return Err(YamlError {
                line,
                column,
                message: format!("more than {MAX_FLOW_DEPTH} nested `[` or `{{`"),
                kind: YamlErrorKind::Limit,
            });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;
    use std::time::Instant;

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Front {
        title: String,
        #[serde(default)]
        year: u16,
        #[serde(default)]
        issuers: Vec<String>,
        #[serde(default)]
        summary: Option<String>,
    }

    #[test]
    fn error_positions_are_inside_the_yaml() {
        let err = from_str::<BTreeMap<String, String>>("a: b\nc: [\n").unwrap_err();
        assert!(err.line >= 2, "{err:?}");
        assert!(!err.message.contains(" at line "));
        assert_eq!(err.kind, YamlErrorKind::Syntax);
    }

    #[test]
    fn a_wrong_type_is_a_shape_error_at_the_value() {
        let err = from_str::<Front>("title: x\nyear: [1]\n").unwrap_err();
        assert_eq!(err.kind, YamlErrorKind::Shape);
        assert_eq!((err.line, err.column), (2, 7), "{err:?}");
    }

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Outer {
        inner: Vec<Front>,
    }

    #[test]
    fn nested_errors_are_at_the_value_or_the_key() {
        let text = "inner:\n  - title: a\n    year: x\n  - title: b\n    typo: 1\n";
        let errs = from_str_all::<Outer>(text).unwrap_err();
        assert_eq!(errs.len(), 1, "{errs:#?}");
        assert_eq!((errs[0].line, errs[0].column), (3, 11), "{errs:#?}");
        let text = "inner:\n  - title: b\n    typo: 1\n";
        let errs = from_str_all::<Outer>(text).unwrap_err();
        assert!(
            errs[0]
                .message
                .starts_with("inner[0]: unknown field `typo`"),
            "{errs:#?}"
        );
        assert_eq!((errs[0].line, errs[0].column), (3, 5), "{errs:#?}");
    }

    #[test]
    fn a_118_kb_alias_bomb_is_refused_quickly() {
        let mut text = format!(
            "title: t\nsummary: &big \"{}\"\nissuers: [",
            "x".repeat(100_000)
        );
        text.push_str(&vec!["*big"; 3000].join(", "));
        text.push_str("]\n");
        assert!(text.len() > 118_000);
        let started = Instant::now();
        let err = from_str::<Front>(&text).unwrap_err();
        assert!(
            started.elapsed().as_secs_f64() < 1.0,
            "{:?}",
            started.elapsed()
        );
        assert_eq!(err.kind, YamlErrorKind::Limit);
        assert!(err.message.contains("aliases expand"), "{err:?}");
        assert_eq!(err.line, 3, "{err:?}");
    }

    #[test]
    fn a_field_given_twice_and_a_separated_number_are_at_their_place() {
        let err = from_str::<Front>("title: a\nyear: 1\ntitle: b\n").unwrap_err();
        assert_eq!((err.line, err.column), (3, 1), "{err:?}");
        let err =
            from_str::<Outer>("inner:\n  - title: a\n    year: 2020\n    title: b\n").unwrap_err();
        assert_eq!((err.line, err.column), (4, 5), "{err:?}");
        #[derive(Debug, serde::Deserialize)]
        #[serde(deny_unknown_fields)]
        #[allow(dead_code)]
        struct V {
            year: u16,
            value: f64,
        }
        let err = from_str::<BTreeMap<String, V>>(
            "a: {year: 2019, value: 1}\nv: {year: 2020, value: 3,040}\n",
        )
        .unwrap_err();
        assert_eq!((err.line, err.column), (2, 24), "{err:?}");
    }

    #[test]
    fn deep_nesting_is_refused() {
        let text = format!("title: {}x{}\n", "[".repeat(200), "]".repeat(200));
        let err = from_str::<Front>(&text).unwrap_err();
        assert_eq!(err.kind, YamlErrorKind::Limit);
        assert!(err.message.contains("64 levels"), "{err:?}");
        assert_eq!((err.line, err.column), (1, 8 + MAX_DEPTH - 1), "{err:?}");
    }

    #[test]
    fn normal_aliases_and_nesting_still_work() {
        let v: serde_json::Value =
            from_str("a: &t x\nb: [*t, *t]\nc: [[[[[[[[y]]]]]]]]\n").unwrap();
        assert_eq!(
            v,
            serde_json::json!({"a": "x", "b": ["x", "x"], "c": [[[[[[[["y"]]]]]]]]})
        );
    }

    #[test]
    fn every_top_level_shape_error_is_reported() {
        let text = "title: [x]\nyear: many\nissuers: 3\nsumary: s\n";
        let errs = from_str_all::<Front>(text).unwrap_err();
        let lines: Vec<usize> = errs.iter().map(|e| e.line).collect();
        assert_eq!(lines, [1, 2, 3, 4], "{errs:#?}");
        assert!(errs[3].message.contains("unknown field `sumary`"));
        // A syntax error stays one error.
        let errs = from_str_all::<Front>("title: [x\nyear: many\n").unwrap_err();
        assert_eq!(errs.len(), 1);
    }
}
