//! Everything besides plans that a build publishes, compared: jurisdictions
//! (a population change with the per-capita figures it moves), the
//! indicator catalogue, topics, the glossary, free pages and `site.yaml`.

use std::collections::BTreeMap;

use super::change::{fields, keyed, or_dash, text_delta, Field, FieldChange, Item, Subject};
use crate::model::{IndicatorDef, Jurisdiction, Localized, Page, Site, Topic};

fn zh_en(
    field: &'static str,
    field_en: &'static str,
    l: &Localized<String>,
) -> [(&'static str, String); 2] {
    [(field, l.zh.clone()), (field_en, l.en.clone())]
}

fn yes_no(b: bool) -> String {
    if b { "yes" } else { "no" }.into()
}

fn jurisdiction_fields(j: &Jurisdiction) -> Vec<(&'static str, String)> {
    let pop = j.population.as_ref();
    let mut v = zh_en("name", "name (en)", &j.name).to_vec();
    v.extend([
        ("level", j.level.key().to_string()),
        ("parent", or_dash(j.parent.as_ref())),
        (
            "members",
            j.members
                .iter()
                .map(|m| m.to_string())
                .collect::<Vec<_>>()
                .join(", "),
        ),
        (
            "population",
            or_dash(pop.map(|p| crate::model::units::format_number(p.value as f64, 0, true))),
        ),
        ("population year", or_dash(pop.map(|p| p.year))),
        ("population source", or_dash(pop.map(|p| p.source.as_str()))),
    ]);
    v
}

/// Jurisdictions added, removed or changed. A changed population lists
/// the per-10,000 figures of the jurisdiction's values that it moves.
pub fn jurisdictions(a: &Site, b: &Site) -> Vec<Item> {
    keyed(
        &a.jurisdictions,
        &b.jurisdictions,
        |j| Subject::new(j.id.as_str(), format!("{} ({})", j.name.zh, j.name.en)),
        |j| j.level.key().to_string(),
        |ja, jb| {
            let mut out = fields(&jurisdiction_fields(ja), &jurisdiction_fields(jb));
            if ja.body_html != jb.body_html {
                out.push(FieldChange {
                    field: Field::Named("description"),
                    delta: super::change::Delta::Text("text changed".into()),
                });
            }
            if ja.population.as_ref().map(|p| p.value) != jb.population.as_ref().map(|p| p.value) {
                out.extend(super::values::per_capita(a, b, jb.id.as_str()));
            }
            out
        },
    )
}

fn indicator_fields(d: &IndicatorDef) -> Vec<(&'static str, String)> {
    let mut v = zh_en("name", "name (en)", &d.name).to_vec();
    let def = d.definition.as_ref();
    v.extend([
        ("definition", or_dash(def.map(|l| l.zh.as_str()))),
        ("definition (en)", or_dash(def.map(|l| l.en.as_str()))),
    ]);
    v.extend(zh_en("unit", "unit (en)", &d.unit));
    let note = d.group_note.as_ref();
    v.extend([
        ("category", d.category.key().to_string()),
        ("kind", d.kind.key().to_string()),
        ("direction", d.direction.key().to_string()),
        ("per_capita", yes_no(d.per_capita)),
        ("group", or_dash(d.group.as_ref())),
        ("group_note", or_dash(note.map(|l| l.zh.as_str()))),
        ("group_note (en)", or_dash(note.map(|l| l.en.as_str()))),
    ]);
    v
}

/// The indicator catalogue (`indicators/*.yaml`), field by field.
pub fn catalogue(a: &Site, b: &Site) -> Vec<Item> {
    keyed(
        &a.indicators,
        &b.indicators,
        |d| Subject::new(d.id.as_str(), format!("{} ({})", d.name.zh, d.name.en)),
        |d| format!("{}, {}", d.unit.zh, d.category.key()),
        |x, y| fields(&indicator_fields(x), &indicator_fields(y)),
    )
}

/// Topics (`content/topics.yaml`): labels.
pub fn topics(a: &Site, b: &Site) -> Vec<Item> {
    let map = |s: &Site| -> BTreeMap<String, Topic> {
        s.topics
            .iter()
            .map(|t| (t.id.to_string(), t.clone()))
            .collect()
    };
    keyed(
        &map(a),
        &map(b),
        |t| Subject::new(t.id.as_str(), ""),
        |t| format!("{} ({})", t.label.zh, t.label.en),
        |x, y| {
            fields(
                &zh_en("label", "label (en)", &x.label),
                &zh_en("label", "label (en)", &y.label),
            )
        },
    )
}

fn term_fields(e: &crate::glossary::Entry) -> Vec<(&'static str, String)> {
    vec![
        ("en", e.en.clone()),
        ("note", or_dash(e.note.as_deref())),
        ("reject", e.reject.join(", ")),
    ]
}

/// The glossary (`content/glossary.yaml`): terms by their Chinese form.
pub fn glossary(a: &Site, b: &Site) -> Vec<Item> {
    let map = |s: &Site| -> BTreeMap<String, crate::glossary::Entry> {
        s.glossary
            .iter()
            .map(|e| (e.zh.clone(), e.clone()))
            .collect()
    };
    keyed(
        &map(a),
        &map(b),
        |e| Subject::new("", e.zh.as_str()),
        |e| e.en.clone(),
        |x, y| fields(&term_fields(x), &term_fields(y)),
    )
}

fn page_fields(p: &Page) -> Vec<(&'static str, String)> {
    vec![
        ("title", p.title.clone()),
        ("description", or_dash(p.description.as_deref())),
        ("weight", p.weight.to_string()),
    ]
}

/// Free pages (`content/pages/*.md`), one per name and language.
pub fn pages(a: &Site, b: &Site) -> Vec<Item> {
    let map = |s: &Site| -> BTreeMap<(String, &'static str), Page> {
        s.pages
            .iter()
            .map(|p| ((p.name.clone(), p.lang.code()), p.clone()))
            .collect()
    };
    keyed(
        &map(a),
        &map(b),
        |p| Subject::new(format!("{} ({})", p.name, p.lang.code()), p.title.as_str()),
        |p| or_dash(p.description.as_deref()),
        |x, y| {
            let mut out = fields(&page_fields(x), &page_fields(y));
            let para = |p: &Page| -> Vec<String> {
                p.doc
                    .blocks
                    .iter()
                    .map(|b| p.doc.text_of(b).to_string())
                    .collect()
            };
            let (pa, pb) = (para(x), para(y));
            let (pa, pb): (Vec<&str>, Vec<&str>) = (
                pa.iter().map(String::as_str).collect(),
                pb.iter().map(String::as_str).collect(),
            );
            out.extend(text_delta(&pa, &pb).map(|delta| FieldChange {
                field: Field::Named("text"),
                delta,
            }));
            out
        },
    )
}

fn config_fields(s: &Site) -> Vec<(&'static str, String)> {
    let c = &s.config;
    let mut v = zh_en("title", "title (en)", &c.title).to_vec();
    v.extend(zh_en("description", "description (en)", &c.description));
    v.push(("base_url", c.base_url.clone()));
    v.extend(zh_en("publisher", "publisher (en)", &c.publisher));
    v.push(("licence", c.licence.clone().unwrap_or_default()));
    v.push(("minify", yes_no(c.minify)));
    v
}

/// `site.yaml`, field by field.
pub fn config(a: &Site, b: &Site) -> Vec<Item> {
    let changes = fields(&config_fields(a), &config_fields(b));
    if changes.is_empty() {
        return Vec::new();
    }
    vec![Item::Changed(Subject::new("site.yaml", ""), changes)]
}
