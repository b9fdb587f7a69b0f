//! The bounds every YAML text is checked against before it is deserialised.
//!
//! A pass over the event stream (yaml-rust2's pull parser, which keeps an
//! explicit stack and so does not recurse on deep input) measures how deep
//! the collections nest and how much the aliases expand to. serde_yaml 0.9
//! bounds alias *jumps* but not what they expand to: 3,000 aliases of a
//! 100,000-character anchor made `plansite check` take 5 GB. Here each
//! anchored node has a weight (its scalar bytes plus one per node, aliases
//! inside it counted expanded) and each alias adds its anchor's weight to the
//! document's total expansion, so a nested "billion laughs" grows the count
//! as fast as it would grow memory, and is stopped when the count passes
//! [`MAX_EXPANSION`], at the alias that passes it.

use std::collections::HashMap;

use yaml_rust2::parser::{Event, Parser};
use yaml_rust2::scanner::Marker;

use super::{YamlError, YamlErrorKind};

/// The largest YAML text read: a front matter, or a site or catalogue file
/// (16 MiB, as for a text `import` reads: the largest front matter of a real
/// plan is about 10 KiB, but the agency catalogue of a site of 2,000
/// jurisdictions is 2.3 MB). What a text may cost beyond its size is bounded
/// by [`MAX_DEPTH`] and [`MAX_EXPANSION`].
pub const MAX_INPUT: usize = 16 << 20;
/// The deepest nesting of sequences and mappings (plansite's deepest shape
/// is three levels: `indicators` → entry → `target`).
pub const MAX_DEPTH: usize = 64;
/// How much all the aliases of a text may expand to, in bytes of scalar
/// text plus one per node (1 MiB): what aliases may add to a document is no
/// more than the largest document itself.
pub const MAX_EXPANSION: u64 = 1 << 20;

/// Checks `text` against the bounds. `Ok(Some(e))` is a syntax error the
/// event parser met (the bounds hold up to it; the caller lets serde_yaml
/// report its own message); `Err` is a bound passed.
pub fn check(text: &str) -> Result<Option<YamlError>, YamlError> {
    if text.len() > MAX_INPUT {
        let (line, column) = crate::diag::line_col(text, MAX_INPUT);
        return Err(limit(
            line,
            column,
            format!(
                "the YAML is {} bytes long; the most plansite reads is {MAX_INPUT} bytes (16 MiB)",
                text.len()
            ),
        ));
    }
    // Control characters written in the text are reported where the file
    // is read; only those written as escapes are looked for in values.
    let escapes_only = !text.chars().any(is_control);
    let mut parser = Parser::new_from_str(text);
    // Open collections: (anchor id, weight so far).
    let mut open: Vec<(usize, u64)> = Vec::new();
    let mut anchors: HashMap<usize, u64> = HashMap::new();
    let mut expansion: u64 = 0;
    loop {
        let (event, mark) = match parser.next_token() {
            Ok(e) => e,
            Err(e) => {
                let m = e.marker();
                return Ok(Some(YamlError {
                    line: m.line().max(1),
                    column: m.col() + 1,
                    message: e.info().to_owned(),
                    kind: YamlErrorKind::Syntax,
                }));
            }
        };
        let weight = match event {
            Event::StreamEnd => return Ok(None),
            Event::Scalar(value, _, anchor, _) => {
                let control = value.chars().find(|c| escapes_only && is_control(*c));
                if let Some(c) = control {
                    return Err(YamlError {
                        kind: YamlErrorKind::Character,
                        ..at(
                            mark,
                            format!(
                                "the value holds the control character U+{:04X}",
                                u32::from(c)
                            ),
                        )
                    });
                }
                let w = 1 + value.len() as u64;
                if anchor > 0 {
                    anchors.insert(anchor, w);
                }
                w
            }
            Event::Alias(id) => {
                let w = anchors.get(&id).copied().unwrap_or(1);
                expansion = expansion.saturating_add(w);
                if expansion > MAX_EXPANSION {
                    return Err(at(
                        mark,
                        format!("the aliases expand to more than {MAX_EXPANSION} bytes (1 MiB)"),
                    ));
                }
                w
            }
            Event::SequenceStart(anchor, _) | Event::MappingStart(anchor, _) => {
                open.push((anchor, 0));
                if open.len() > MAX_DEPTH {
                    return Err(at(
                        mark,
                        format!("sequences and mappings nest more than {MAX_DEPTH} levels deep"),
                    ));
                }
                continue;
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let Some((anchor, w)) = open.pop() else {
                    continue;
                };
                let w = w.saturating_add(1);
                if anchor > 0 {
                    anchors.insert(anchor, w);
                }
                w
            }
            _ => continue,
        };
        if let Some(top) = open.last_mut() {
            top.1 = top.1.saturating_add(weight);
        }
    }
}

/// A control character other than tab and newline: written in the file it
/// is refused when the file is read; here it comes from an escape such as
/// `"\e"` or `"\x07"` in a quoted value.
fn is_control(c: char) -> bool {
    c.is_control() && c != '\t' && c != '\n'
}

fn at(mark: Marker, message: String) -> YamlError {
    limit(mark.line().max(1), mark.col() + 1, message)
}

fn limit(line: usize, column: usize, message: String) -> YamlError {
    YamlError {
        line,
        column,
        message,
        kind: YamlErrorKind::Limit,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_yaml_is_within_the_bounds() {
        assert_eq!(check("a: &x [1, 2]\nb: *x\nc: {d: e}\n"), Ok(None));
    }

    #[test]
    fn a_syntax_error_is_handed_back() {
        let e = check("a: [1,\nb: c\n").unwrap().expect("syntax error");
        assert_eq!(e.kind, YamlErrorKind::Syntax);
    }

    #[test]
    fn an_escaped_control_character_is_refused_at_its_value() {
        let e = check("a: ok\nb: \"x\\ey\"\n").unwrap_err();
        assert_eq!(e.kind, YamlErrorKind::Character);
        assert_eq!((e.line, e.column), (2, 4), "{e:?}");
        assert!(e.message.contains("U+001B"), "{e:?}");
        assert_eq!(check("a: \"x\\ty\\n\"\n"), Ok(None));
    }

    #[test]
    fn nested_aliases_count_expanded() {
        // Each level doubles: 2^30 nodes, stopped long before.
        let mut text = String::from("a0: &a0 [x, x]\n");
        for i in 1..30 {
            text.push_str(&format!("a{i}: &a{i} [*a{p}, *a{p}]\n", p = i - 1));
        }
        let e = check(&text).unwrap_err();
        assert_eq!(e.kind, YamlErrorKind::Limit);
        assert!(e.message.contains("aliases"), "{e:?}");
        assert!(e.line < 30, "{e:?}");
    }

    #[test]
    fn too_long_a_text_is_refused() {
        let text = format!("a: \"{}\"\n", "x".repeat(MAX_INPUT));
        let e = check(&text).unwrap_err();
        assert!(e.message.contains("16 MiB"), "{e:?}");
        assert_eq!(e.line, 1);
    }
}
