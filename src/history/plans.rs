//! Each plan's change history, from the successive versions of its
//! `index.md`: each version git holds is parsed against the site as it is
//! now and compared with the one before by the comparison `plansite diff`
//! uses ([`crate::diff::plans::compare`], [`crate::diff::values::plan_values`]).
//! A version that does not parse is skipped; a commit that changes only text
//! is counted, not listed.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use rayon::prelude::*;

use super::git::{self, LoggedCommit, Touched};
use super::{Change, Commit, Entry, PlanLog};
use crate::diff::change::{around_change, Delta, Field, FieldChange, Item as DiffItem};
use crate::load::SourceFile;
use crate::model::{Date, Plan, Site};

/// A commit's touches of one plan's files.
#[derive(Default)]
struct Touches<'a> {
    /// `index.md`.
    zh: Option<&'a Touched>,
    /// `index.en.md` was added.
    en_added: bool,
}

/// The history of every plan that `log` (newest first) touches; the old
/// versions are read from the repository at `root`.
pub(super) fn logs(
    root: &std::path::Path,
    site: &Site,
    log: &[LoggedCommit],
    since: Option<Date>,
) -> BTreeMap<String, PlanLog> {
    // Per plan, its commits oldest first.
    let mut by_plan: BTreeMap<&str, Vec<(usize, Touches<'_>)>> = BTreeMap::new();
    for (i, c) in log.iter().enumerate().rev() {
        for f in &c.files {
            let Some(rest) = f.path.strip_prefix("content/plans/") else {
                continue;
            };
            let Some((slug, name)) = rest.split_once('/') else {
                continue;
            };
            let touches = by_plan.entry(slug).or_default();
            if touches.last().is_none_or(|(j, _)| *j != i) {
                touches.push((i, Touches::default()));
            }
            let t = &mut touches.last_mut().expect("pushed").1;
            match name {
                "index.md" => t.zh = Some(f),
                "index.en.md" if f.status == 'A' => t.en_added = true,
                _ => {}
            }
        }
    }
    // Only the versions a published commit compares are parsed.
    let published =
        |i: usize| Commit::from_logged(&log[i]).is_some_and(|c| since.is_none_or(|s| c.date >= s));
    let versions = parse_versions(root, site, &by_plan, published);
    by_plan
        .into_iter()
        .map(|(slug, touches)| {
            let mut plan = PlanLog::default();
            // The newest version that parsed: a commit that left the plan
            // broken (it did not build, so it was never published) is
            // skipped, and the commit that repairs it is compared with the
            // last version that built, so no published change is lost.
            let mut last_ok: Option<&Plan> = None;
            for (i, t) in touches {
                let Some(commit) = Commit::from_logged(&log[i]) else {
                    continue;
                };
                let published = since.is_none_or(|s| commit.date >= s);
                let zh_status = t.zh.map(|f| f.status);
                if zh_status == Some('A') && plan.added.is_none() {
                    plan.added = Some(commit.clone());
                    if t.en_added && plan.translated.is_none() {
                        plan.translated = Some(commit);
                    }
                    continue;
                }
                if t.en_added && plan.translated.is_none() {
                    plan.translated = Some(commit.clone());
                }
                let changes = match t.zh {
                    Some(f) if f.status == 'M' => {
                        let parsed_old = versions.get(&(slug, f.old.as_str()));
                        let old = parsed_old.or(last_ok);
                        let new = versions.get(&(slug, f.new.as_str()));
                        last_ok = new.or(parsed_old).or(last_ok);
                        match (old, new) {
                            (Some(a), Some(b)) => changes(a, b),
                            _ => Vec::new(),
                        }
                    }
                    _ => Vec::new(),
                };
                if !published {
                    continue;
                }
                if changes.is_empty() {
                    plan.text_edits += 1;
                } else {
                    plan.entries.push(Entry { commit, changes });
                }
            }
            plan.entries.reverse();
            (slug.to_owned(), plan)
        })
        .collect()
}

/// Every version of `index.md` that a published modifying commit names,
/// parsed against `site` (in parallel); versions that do not parse are left
/// out. A commit whose two versions have the same front matter changed only
/// the text: neither is parsed for it (nothing it changed is listed).
fn parse_versions<'a>(
    root: &std::path::Path,
    site: &Site,
    by_plan: &BTreeMap<&'a str, Vec<(usize, Touches<'a>)>>,
    published: impl Fn(usize) -> bool,
) -> BTreeMap<(&'a str, &'a str), Plan> {
    let mut pairs: Vec<(&str, &str, &str)> = Vec::new();
    for (slug, touches) in by_plan {
        for (_, t) in touches.iter().filter(|(i, _)| published(*i)) {
            if let Some(f) = t.zh.filter(|f| f.status == 'M') {
                pairs.push((slug, f.old.as_str(), f.new.as_str()));
            }
        }
    }
    let hashes: Vec<String> = pairs
        .iter()
        .flat_map(|(_, a, b)| [(*a).to_owned(), (*b).to_owned()])
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let blobs = git::blobs(root, &hashes);
    let front = |blob: &str| blobs.get(blob).map(|b| front_matter(b));
    let mut wanted: BTreeSet<(&str, &str)> = BTreeSet::new();
    for (slug, old, new) in pairs {
        if front(old) != front(new) {
            wanted.insert((slug, old));
            wanted.insert((slug, new));
        }
    }
    let wanted: Vec<(&str, &str)> = wanted.into_iter().collect();
    wanted
        .into_par_iter()
        .filter_map(|(slug, blob)| {
            let text = String::from_utf8(blobs.get(blob)?.clone()).ok()?;
            let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
            let file = SourceFile {
                path: PathBuf::from(format!("content/plans/{slug}/index.md")),
                text: text.replace("\r\n", "\n"),
            };
            let (mut plan, _) = crate::model::plan_in(site, slug, &file, None).ok()?;
            // Only metadata and values are compared (text changes are
            // counted, not listed): the rendered text is let go at once, so
            // thousands of old versions are not held at the same time.
            plan.doc = Default::default();
            Some(((slug, blob), plan))
        })
        .collect()
}

/// The front matter of a Markdown file's bytes (up to the line `---` that
/// closes it; the whole file when there is none), line ends normalised.
fn front_matter(bytes: &[u8]) -> Vec<u8> {
    let text: Vec<u8> = bytes.iter().copied().filter(|&b| b != b'\r').collect();
    // The closing line, after the opening `---`.
    let body_at = text
        .windows(5)
        .skip(3)
        .position(|w| w == b"\n---\n")
        .map(|i| i + 3);
    match body_at {
        Some(i) => text[..i].to_vec(),
        None => text,
    }
}

/// What changed between two versions of a plan: metadata, then values;
/// text changes are left out (counted by the caller).
fn changes(a: &Plan, b: &Plan) -> Vec<Change> {
    let mut out: Vec<Change> = crate::diff::plans::compare(a, b)
        .into_iter()
        .filter_map(|c| change(None, String::new(), c))
        .collect();
    for item in crate::diff::values::plan_values(a, b, "") {
        match item {
            DiffItem::Added(s, desc) => out.push(shown(
                s.ids.last().cloned(),
                s.label,
                "added",
                "—".into(),
                desc,
            )),
            DiffItem::Removed(s, desc) => out.push(shown(
                s.ids.last().cloned(),
                s.label,
                "removed",
                desc,
                "—".into(),
            )),
            DiffItem::Changed(s, fields) => {
                let id = s.ids.last().cloned();
                out.extend(
                    fields
                        .into_iter()
                        .filter_map(|c| change(id.clone(), s.label.clone(), c)),
                );
            }
        }
    }
    out
}

/// A field change as listed: values only (a text change is summarised).
fn change(indicator: Option<String>, label: String, c: FieldChange) -> Option<Change> {
    match (c.field, c.delta) {
        (Field::Named(field), Delta::Value { old, new }) => {
            Some(shown(indicator, label, field, old, new))
        }
        _ => None,
    }
}

/// Longest old or new value listed, in characters.
const VALUE_CHARS: usize = 240;

/// `s`, cut to [`VALUE_CHARS`] (then `…`).
fn bounded(s: String) -> String {
    if s.chars().count() <= VALUE_CHARS {
        return s;
    }
    let mut cut: String = s.chars().take(VALUE_CHARS).collect();
    cut.push('…');
    cut
}

fn shown(
    indicator: Option<String>,
    label: String,
    field: &'static str,
    old: String,
    new: String,
) -> Change {
    let (old, new) = around_change(&old, &new);
    let (old, new) = (bounded(old), bounded(new));
    Change {
        indicator,
        label,
        field,
        old,
        new,
    }
}

#[cfg(test)]
mod tests {
    use super::front_matter;

    #[test]
    fn front_matter_stops_at_its_closing_line() {
        let a = front_matter(b"---\ntitle: x\n---\nbody one\n");
        let b = front_matter(b"---\r\ntitle: x\r\n---\r\nbody two\r\n");
        assert_eq!(a, b);
        assert_eq!(a, b"---\ntitle: x");
        assert_ne!(a, front_matter(b"---\ntitle: y\n---\nbody one\n"));
    }
}
