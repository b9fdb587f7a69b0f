//! Reading every plan's head (title, period, relations, aliases) from its
//! front matter before the plans are parsed. Problems are left to the
//! parse, which reports them where they are.

use std::collections::BTreeMap;
use std::path::Path;

use rayon::prelude::*;
use serde::Deserialize;

use super::{as_of, Head, Index};
use crate::diag::Diagnostics;
use crate::load::Found;
use crate::model::raw::RelationEntry;
use crate::model::{Date, Period};
use crate::parse::{frontmatter, yaml};

/// The top-level keys a head is made of.
const KEYS: &[&str] = &[
    "title",
    "period",
    "draft",
    "date_published",
    "date_issued",
    "relations",
    "aliases",
    "source",
];

#[derive(Deserialize, Default)]
struct Raw {
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    period: Option<Period>,
    #[serde(default)]
    draft: bool,
    #[serde(default)]
    date_published: Option<Date>,
    #[serde(default)]
    date_issued: Option<Date>,
    #[serde(default)]
    relations: Vec<RelationEntry>,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    source: Option<SourceDates>,
}

/// The dates of a plan's `source:` (its other fields are the parse's).
#[derive(Deserialize, Default)]
struct SourceDates {
    #[serde(default)]
    retrieved: Option<Date>,
    #[serde(default)]
    date: Option<Date>,
}

/// The index of the plans among `files` (the site's plan files, found),
/// as of the date [`as_of`] gives for the site at `root`.
pub fn scan(root: &Path, files: &[Found]) -> Index {
    let read: Vec<(String, bool, Raw, &Path)> = files
        .par_iter()
        .filter_map(|f| {
            let (slug, en) = role(&f.path)?;
            let text = f.read(&mut Diagnostics::new())?;
            Some((slug, en, raw_head(&f.path, &text.text)?, f.path.as_path()))
        })
        .collect();
    let mut heads: BTreeMap<String, Head> = BTreeMap::new();
    let mut dates = Vec::new();
    for (slug, en, raw, path) in read {
        let h = heads.entry(slug).or_default();
        if en {
            h.title_en = raw.title;
            continue;
        }
        add_dates(&raw, &mut dates);
        fill(h, raw, path);
    }
    // A translation without an original is no plan.
    heads.retain(|_, h| !h.path.as_os_str().is_empty());
    let (date, from) = as_of(root, dates.into_iter());
    Index::new(heads, date, from)
}

/// The head a plan's files give (its original `zh`, its translation `en`),
/// or `None` when the original's front matter cannot be read.
pub fn head_of(path: &Path, zh: &str, en: Option<&str>) -> Option<Head> {
    let mut h = Head::default();
    fill(&mut h, raw_head(path, zh)?, path);
    h.title_en = en.and_then(|t| raw_head(path, t)).and_then(|r| r.title);
    Some(h)
}

fn raw_head(path: &Path, text: &str) -> Option<Raw> {
    let split = frontmatter::split(path, text).ok()?;
    Some(yaml::from_str(&keep(split.yaml, KEYS)).unwrap_or_default())
}

fn add_dates(raw: &Raw, dates: &mut Vec<Date>) {
    dates.extend(raw.date_published);
    dates.extend(raw.date_issued);
    if let Some(src) = &raw.source {
        dates.extend(src.retrieved);
        dates.extend(src.date);
    }
}

fn fill(h: &mut Head, raw: Raw, path: &Path) {
    h.title = raw.title.unwrap_or_default();
    h.period = raw.period;
    h.draft = raw.draft;
    h.date_published = raw.date_published;
    h.aliases = raw.aliases;
    h.path = path.to_path_buf();
    for r in raw.relations {
        match r.plan {
            Some(p) => h.to_plans.push((r.kind, p)),
            None => h.external_titles.extend(r.title),
        }
    }
}

/// The slug of a plan file and whether it is the translation.
fn role(path: &Path) -> Option<(String, bool)> {
    let name = path.file_name()?.to_str()?;
    let slug = path.parent()?.file_name()?.to_str()?.to_owned();
    match name {
        "index.md" => Some((slug, false)),
        "index.en.md" => Some((slug, true)),
        _ => None,
    }
}

/// The lines of the top-level `keys` of a YAML mapping (each key's line
/// and the indented or list lines under it), so that a head is read
/// without parsing the rest (indicators can be most of a front matter).
/// Lines of other keys are blanked, keeping line numbers.
fn keep(yaml: &str, keys: &[&str]) -> String {
    let mut out = String::with_capacity(yaml.len() / 4);
    let mut on = false;
    for line in yaml.lines() {
        let top = line
            .chars()
            .next()
            .is_some_and(|c| !c.is_whitespace() && c != '-' && c != '#');
        if top {
            let key = line.split(':').next().unwrap_or("").trim();
            on = keys.contains(&key);
        }
        if on {
            out.push_str(line);
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_only_the_keys_asked_with_their_lines() {
        let y = "title: 甲\nindicators:\n  - id: x\nrelations:\n- kind: cites\n  plan: b\naliases: [/plans/a/]\n";
        let k = keep(y, KEYS);
        assert_eq!(k.lines().count(), y.lines().count());
        assert!(k.contains("title: 甲") && k.contains("plan: b") && !k.contains("id: x"));
        let raw: Raw = yaml::from_str(&k).unwrap();
        assert_eq!(raw.relations.len(), 1);
        assert_eq!(raw.aliases, vec!["/plans/a/".to_owned()]);
    }
}
