//! The reference tables beside the indicator records: `data/jurisdictions.csv`
//! (names, levels, populations with their year and source),
//! `data/catalogue.csv` (the indicator catalogue with base units) and
//! `data/topics.csv` (each plan's topic commitments with their passages).
//! Written by the same CSV rules as the records (BOM, CR LF, text cells
//! neutralised against formulas), with the columns of [`super::schema`].

use crate::model::{Lang, Site};
use crate::output::OutFile;

use super::data::{header, push_row, Cell};
use super::schema::{names, CATALOGUE_FIELDS, JURISDICTION_FIELDS, TOPIC_FIELDS};
use super::Route;

/// The path of the jurisdictions table.
pub const JURISDICTIONS: &str = "data/jurisdictions.csv";
/// The path of the catalogue table.
pub const CATALOGUE: &str = "data/catalogue.csv";
/// The path of the topics table.
pub const TOPICS: &str = "data/topics.csv";

fn text(s: &str) -> Cell<'_> {
    Cell::Text(s.into())
}

fn opt(s: Option<&str>) -> Cell<'_> {
    Cell::Text(s.unwrap_or_default().into())
}

fn num<'a>(x: Option<impl ToString>) -> Cell<'a> {
    Cell::Number(x.map(|v| v.to_string()).unwrap_or_default())
}

/// The three tables.
pub fn files(site: &Site) -> [OutFile; 3] {
    [
        OutFile {
            path: JURISDICTIONS.into(),
            bytes: jurisdictions(site),
        },
        OutFile {
            path: CATALOGUE.into(),
            bytes: catalogue(site),
        },
        OutFile {
            path: TOPICS.into(),
            bytes: topics(site),
        },
    ]
}

fn jurisdictions(site: &Site) -> Vec<u8> {
    let mut s = header(&names(JURISDICTION_FIELDS));
    for j in site.jurisdictions.values() {
        let p = j.population.as_ref();
        push_row(
            &mut s,
            &[
                text(j.id.as_str()),
                text(&j.name.zh),
                text(&j.name.en),
                text(j.level.key()),
                opt(j.parent.as_ref().map(|p| p.as_str())),
                num(p.map(|p| p.value)),
                num(p.map(|p| p.year)),
                opt(p.map(|p| p.source.as_str())),
                opt(p.and_then(|p| p.source_en.as_deref())),
                text(&j.short_name.zh),
                text(&j.short_name.en),
            ],
        );
    }
    s.into_bytes()
}

fn catalogue(site: &Site) -> Vec<u8> {
    let mut s = header(&names(CATALOGUE_FIELDS));
    for d in site.indicators.values() {
        let def = d.definition.as_ref();
        push_row(
            &mut s,
            &[
                text(d.id.as_str()),
                text(&d.name.zh),
                text(&d.name.en),
                text(&d.unit.zh),
                text(&d.unit.en),
                text(&d.unit_parsed.base),
                num(Some(d.unit_parsed.scale)),
                text(d.category.key()),
                text(d.kind.key()),
                text(d.direction.key()),
                text(if d.per_capita { "true" } else { "false" }),
                opt(d.group.as_ref().map(|g| g.as_str())),
                opt(def.map(|x| x.zh.as_str())),
                opt(def.map(|x| x.en.as_str())),
            ],
        );
    }
    s.into_bytes()
}

fn topics(site: &Site) -> Vec<u8> {
    let mut s = header(&names(TOPIC_FIELDS));
    for p in &site.plans {
        let page = format!(
            "{}{}",
            site.config.base_url,
            Route::Plan(p.slug.0.clone()).path(Lang::Zh)
        );
        for t in &p.topics {
            let label = site.topics.iter().find(|x| x.id == t.id).map(|x| &x.label);
            let url = format!("{page}#{}", t.anchor);
            push_row(
                &mut s,
                &[
                    text(p.slug.as_str()),
                    text(p.jurisdiction.as_str()),
                    text(t.id.as_str()),
                    opt(label.map(|l| l.zh.as_str())),
                    opt(label.map(|l| l.en.as_str())),
                    text(&t.passage),
                    Cell::Text(url.into()),
                ],
            );
        }
    }
    s.into_bytes()
}
