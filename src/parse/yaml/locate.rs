//! Where a value sits in a YAML text, by its path (`indicators[2].passage`),
//! so that an error about a value can point at the value itself.

use yaml_rust2::parser::{Event, Parser};

/// One step of a path into a YAML document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// The value of a mapping's key.
    Key(String),
    /// The item of a sequence at an index (from 0).
    Index(usize),
}

impl From<&str> for Step {
    fn from(key: &str) -> Self {
        Step::Key(key.to_owned())
    }
}

impl From<usize> for Step {
    fn from(index: usize) -> Self {
        Step::Index(index)
    }
}

/// A path as serde_yaml prints it in its messages (`a.b[0].c`); `None`
/// when it is not one.
pub fn parse_path(text: &str) -> Option<Vec<Step>> {
    let mut steps = Vec::new();
    for part in text.split('.') {
        let (key, mut rest) = match part.find('[') {
            Some(i) => part.split_at(i),
            None => (part, ""),
        };
        if key.is_empty() && steps.is_empty() && rest.is_empty() {
            return None;
        }
        if !key.is_empty() {
            if !key
                .chars()
                .all(|c| c.is_alphanumeric() || c == '_' || c == '-')
            {
                return None;
            }
            steps.push(Step::Key(key.to_owned()));
        }
        while let Some(r) = rest.strip_prefix('[') {
            let end = r.find(']')?;
            steps.push(Step::Index(r[..end].parse().ok()?));
            rest = &r[end + 1..];
        }
        if !rest.is_empty() {
            return None;
        }
    }
    (!steps.is_empty()).then_some(steps)
}

/// An open collection while walking the events.
enum Frame {
    Seq(usize),
    /// A mapping: the key of the value to come, or `None` when a key comes next.
    Map(Option<String>),
}

/// 1-based line and column of the node at `path` (the value, not its key).
pub fn position(text: &str, path: &[Step]) -> Option<(usize, usize)> {
    let mut found = None;
    walk(text, |at, line, column| {
        if at == path {
            found = Some((line, column));
            return false;
        }
        true
    });
    found
}

/// [`position`] of each of `paths`, in one walk of the text: a plan's
/// indicator entries each need their id's place, and a walk per entry
/// parsed its front matter up to that entry again (11% of a 10,000-plan
/// build's processor time, bench/RECORD.md section 14).
pub fn positions(text: &str, paths: &[Vec<Step>]) -> Vec<Option<(usize, usize)>> {
    let mut found = vec![None; paths.len()];
    let mut left = paths.len();
    if left == 0 {
        return found;
    }
    walk(text, |at, line, column| {
        for (f, p) in found.iter_mut().zip(paths) {
            if f.is_none() && p.as_slice() == at {
                *f = Some((line, column));
                left -= 1;
            }
        }
        left > 0
    });
    found
}

/// 1-based line and column of the second `key` of the mapping at `path`
/// (a field given twice): the key itself, on the line of its value.
pub fn second_key(text: &str, path: &[Step], key: &str) -> Option<(usize, usize)> {
    let mut target = path.to_vec();
    target.push(Step::Key(key.to_owned()));
    let mut seen = 0;
    let mut found = None;
    walk(text, |at, line, column| {
        if at == target {
            seen += 1;
            if seen == 2 {
                found = Some((line, column));
                return false;
            }
        }
        true
    });
    let (line, column) = found?;
    let text_line = text.lines().nth(line - 1)?;
    let before: String = text_line.chars().take(column - 1).collect();
    let key_at = before.rfind(&format!("{key}:"))?;
    Some((line, before[..key_at].chars().count() + 1))
}

/// 1-based line and column of a number written with a thousands
/// separator (`3,040`) whose part after the comma is `tail`, at or after
/// `from` (line, column): where YAML's `{value: 3,040}` went wrong.
pub fn separated_number(text: &str, from: (usize, usize), tail: &str) -> Option<(usize, usize)> {
    let line_start: usize = text
        .split_inclusive('\n')
        .take(from.0.saturating_sub(1))
        .map(str::len)
        .sum();
    let start = line_start
        + text[line_start..]
            .chars()
            .take(from.1.saturating_sub(1))
            .map(char::len_utf8)
            .sum::<usize>();
    let needle = format!(",{tail}");
    let mut search = start.min(text.len());
    while let Some(i) = text[search..].find(&needle).map(|i| i + search) {
        let digits = text[..i].len()
            - text[..i]
                .trim_end_matches(|c: char| c.is_ascii_digit())
                .len();
        if digits > 0 {
            return Some(crate::diag::line_col(text, i - digits));
        }
        search = i + 1;
    }
    None
}

/// The keys of a document that is a block mapping, with their 1-based
/// lines, in order; `None` when the document is something else (a flow
/// mapping, a list) or cannot be read.
pub fn top_level_keys(text: &str) -> Option<Vec<(String, usize)>> {
    let mut parser = Parser::new_from_str(text);
    let mut depth = 0usize;
    let mut expect_key = false;
    let mut keys = Vec::new();
    loop {
        let (event, mark) = parser.next_token().ok()?;
        match event {
            Event::StreamEnd => break,
            Event::MappingStart(..) | Event::SequenceStart(..) => {
                if depth == 0 && !matches!(event, Event::MappingStart(..)) {
                    return None;
                }
                if depth == 1 {
                    expect_key = !expect_key;
                    if !expect_key {
                        return None; // a complex key
                    }
                }
                if depth == 0 {
                    expect_key = true;
                }
                depth += 1;
            }
            Event::MappingEnd | Event::SequenceEnd => depth = depth.saturating_sub(1),
            Event::Scalar(key, ..) if depth == 1 && expect_key => {
                if mark.col() != 0 || keys.last().is_some_and(|(_, l)| *l >= mark.line()) {
                    return None;
                }
                keys.push((key, mark.line()));
                expect_key = false;
            }
            Event::Scalar(..) | Event::Alias(..) if depth == 1 => expect_key = true,
            Event::Scalar(..) | Event::Alias(..) if depth == 0 => return None,
            _ => {}
        }
    }
    Some(keys)
}

/// Calls `visit(path, line, column)` for each node in document order until
/// it returns false.
fn walk(text: &str, mut visit: impl FnMut(&[Step], usize, usize) -> bool) {
    let mut parser = Parser::new_from_str(text);
    let mut frames: Vec<Frame> = Vec::new();
    let mut path: Vec<Step> = Vec::new();
    while let Ok((event, mark)) = parser.next_token() {
        let (starts, opens) = match &event {
            Event::StreamEnd => return,
            Event::Scalar(..) | Event::Alias(..) => (true, false),
            Event::SequenceStart(..) | Event::MappingStart(..) => (true, true),
            Event::SequenceEnd | Event::MappingEnd => {
                frames.pop();
                if !frames.is_empty() {
                    path.pop();
                }
                advance(&mut frames);
                continue;
            }
            _ => continue,
        };
        if !starts {
            continue;
        }
        // A mapping key: remember it, it is not a value.
        if let Some(Frame::Map(key @ None)) = frames.last_mut() {
            *key = Some(match &event {
                Event::Scalar(k, ..) => k.clone(),
                _ => String::new(),
            });
            if opens {
                // A complex key: walk it under an unreachable step.
                path.push(Step::Key(String::new()));
                frames.push(open_frame(&event));
            }
            continue;
        }
        let step = match frames.last() {
            Some(Frame::Seq(i)) => Some(Step::Index(*i)),
            Some(Frame::Map(Some(k))) => Some(Step::Key(k.clone())),
            _ => None,
        };
        if let Some(s) = step.clone() {
            path.push(s);
        }
        if !visit(&path, mark.line().max(1), mark.col() + 1) {
            return;
        }
        if opens {
            frames.push(open_frame(&event));
        } else {
            if step.is_some() {
                path.pop();
            }
            advance(&mut frames);
        }
    }
}

fn open_frame(event: &Event) -> Frame {
    match event {
        Event::SequenceStart(..) => Frame::Seq(0),
        _ => Frame::Map(None),
    }
}

/// Moves the innermost collection past the node just finished.
fn advance(frames: &mut [Frame]) {
    match frames.last_mut() {
        Some(Frame::Seq(i)) => *i += 1,
        Some(Frame::Map(key)) => *key = None,
        None => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "title: x\nindicators:\n  - id: a\n    passage: p\n  - {id: b, passage: \"\"}\nperiod: {start: 2025, end: 2021}\n";

    fn path(s: &str) -> Vec<Step> {
        parse_path(s).expect("a path")
    }

    #[test]
    fn values_are_found_by_path() {
        assert_eq!(position(TEXT, &path("title")), Some((1, 8)));
        assert_eq!(
            position(TEXT, &path("indicators[0].passage")),
            Some((4, 14))
        );
        assert_eq!(
            position(TEXT, &path("indicators[1].passage")),
            Some((5, 22))
        );
        assert_eq!(position(TEXT, &path("period.end")), Some((6, 28)));
        assert_eq!(position(TEXT, &path("period.nothing")), None);
    }

    #[test]
    fn many_values_are_found_in_one_walk_as_one_at_a_time() {
        let paths: Vec<Vec<Step>> = [
            "indicators[1].id",
            "title",
            "period.nothing",
            "indicators[0].id",
            "period.end",
            "indicators[1].passage",
        ]
        .iter()
        .map(|p| path(p))
        .collect();
        let one_by_one: Vec<_> = paths.iter().map(|p| position(TEXT, p)).collect();
        assert_eq!(positions(TEXT, &paths), one_by_one);
        assert_eq!(one_by_one[0], Some((5, 10)));
        assert_eq!(one_by_one[2], None);
        assert!(positions(TEXT, &[]).is_empty());
    }

    #[test]
    fn serde_yaml_paths_parse() {
        assert_eq!(
            path("indicators[2].target.value"),
            vec![
                Step::from("indicators"),
                Step::from(2),
                Step::from("target"),
                Step::from("value")
            ]
        );
        assert_eq!(parse_path("."), None);
        assert_eq!(parse_path("invalid type: string"), None);
    }

    #[test]
    fn a_second_key_and_a_separated_number_are_found() {
        let text = "title: a\nperiod: {start: 1}\ntitle: b\nv: {year: 2020, value: 3,040}\n";
        assert_eq!(second_key(text, &[], "title"), Some((3, 1)));
        assert_eq!(second_key(text, &[], "period"), None);
        assert_eq!(separated_number(text, (4, 4), "040"), Some((4, 24)));
        assert_eq!(separated_number(text, (1, 1), "999"), None);
    }

    #[test]
    fn top_level_keys_of_a_block_mapping() {
        let keys = top_level_keys(TEXT).expect("block mapping");
        let names: Vec<(&str, usize)> = keys.iter().map(|(k, l)| (k.as_str(), *l)).collect();
        assert_eq!(names, [("title", 1), ("indicators", 2), ("period", 6)]);
        assert_eq!(top_level_keys("{a: 1, b: 2}"), None);
        assert_eq!(top_level_keys("- a\n- b\n"), None);
    }
}
