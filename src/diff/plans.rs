//! Plans compared: added, removed, metadata field by field, and whether
//! the text of the original or the translation changed.

use std::collections::BTreeMap;

use super::change::{fields, keyed, or_dash, text_delta, Field, FieldChange, Item, Subject};
use super::values::jurisdiction_name;
use crate::model::{Plan, Site};
use crate::parse::markdown::Doc;

fn metadata(p: &Plan) -> Vec<(&'static str, String)> {
    let t = p.translation.as_ref();
    vec![
        ("title", p.title.clone()),
        ("title (en)", or_dash(t.map(|t| t.title.clone()))),
        ("jurisdiction", p.jurisdiction.to_string()),
        ("doc_type", p.doc_type.key().to_string()),
        ("issuers", p.issuers.join("; ")),
        ("doc_number", or_dash(p.doc_number.as_deref())),
        ("date_issued", or_dash(p.date_issued)),
        ("date_published", or_dash(p.date_published)),
        (
            "period",
            or_dash(p.period.map(|x| format!("{}–{}", x.start, x.end))),
        ),
        ("addressees", or_dash(p.addressees.as_deref())),
        ("source", p.source.description.clone()),
        ("summary", or_dash(p.summary.as_deref())),
        (
            "summary (en)",
            or_dash(t.and_then(|t| t.summary.as_deref())),
        ),
        ("notes", p.notes.join(" / ")),
        (
            "topics",
            p.topics
                .iter()
                .map(|t| t.id.to_string())
                .collect::<Vec<_>>()
                .join(", "),
        ),
        (
            "relations",
            p.relations
                .iter()
                .map(|r| {
                    let target = match &r.target {
                        crate::model::relations::RelationTarget::Plan { plan } => plan.clone(),
                        crate::model::relations::RelationTarget::External(e) => e
                            .title
                            .clone()
                            .or_else(|| e.doc_number.clone())
                            .unwrap_or_default(),
                    };
                    format!("{} {target}", r.kind.key())
                })
                .collect::<Vec<_>>()
                .join("; "),
        ),
        ("draft", if p.draft { "yes" } else { "no" }.into()),
        ("translation", if t.is_some() { "yes" } else { "no" }.into()),
    ]
}

/// The plain text of each block of a document.
fn paragraphs(doc: &Doc) -> Vec<&str> {
    doc.blocks.iter().map(|b| doc.text_of(b)).collect()
}

/// Field changes of a plan on both sides: metadata, then its texts (a
/// plan's change history lists the same, [`crate::history`]).
pub fn compare(a: &Plan, b: &Plan) -> Vec<FieldChange> {
    let mut out = fields(&metadata(a), &metadata(b));
    let texts = [
        ("text (zh)", Some(&a.doc), Some(&b.doc)),
        (
            "text (en)",
            a.translation.as_ref().map(|t| &t.doc),
            b.translation.as_ref().map(|t| &t.doc),
        ),
    ];
    for (field, da, db) in texts {
        let (pa, pb) = (
            da.map(paragraphs).unwrap_or_default(),
            db.map(paragraphs).unwrap_or_default(),
        );
        if let Some(delta) = text_delta(&pa, &pb) {
            out.push(FieldChange {
                field: Field::Named(field),
                delta,
            });
        }
    }
    out
}

/// Plans added, removed or changed (metadata and text; values are
/// compared in [`super::values`]).
pub fn changes(a: &Site, b: &Site) -> Vec<Item> {
    let items = keyed(
        &by_slug(a),
        &by_slug(b),
        |(p, _)| Subject::new(p.slug.as_str(), p.title.as_str()),
        |(p, j)| format!("{j}, {} indicator value(s)", p.indicators.len()),
        |(x, _), (y, _)| compare(x, y),
    );
    super::moves::find(a, b, items, compare)
}

/// Each plan of `site` with its jurisdiction's name, by slug.
fn by_slug(site: &Site) -> BTreeMap<&str, (&Plan, String)> {
    site.plans
        .iter()
        .map(|p| (p.slug.as_str(), (p, jurisdiction_name(site, p))))
        .collect()
}
