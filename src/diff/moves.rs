//! A plan moved to another folder (its slug changed, its content the
//! same) is reported as a move, with the `aliases:` entry that keeps its
//! old address working, not as one plan removed and another added.

use super::change::{Delta, Field, FieldChange, Item, Subject};
use crate::model::{Plan, Site};

fn find_in<'s>(site: &'s Site, slug: &str) -> Option<&'s Plan> {
    site.plans.iter().find(|p| p.slug.as_str() == slug)
}

/// Whether `b` is `a` moved: the same title and the same original text.
fn same_plan(a: &Plan, b: &Plan) -> bool {
    a.title == b.title
        && a.doc.blocks.len() == b.doc.blocks.len()
        && a.doc
            .blocks
            .iter()
            .zip(&b.doc.blocks)
            .all(|(x, y)| a.doc.text_of(x) == b.doc.text_of(y))
}

/// `items` (plans added, removed or changed between `a` and `b`) with each
/// removed plan that reappears under another slug turned into one change:
/// the slug, the alias it needs, and any other field changed on the way
/// (`compare`).
pub fn find(
    a: &Site,
    b: &Site,
    items: Vec<Item>,
    compare: impl Fn(&Plan, &Plan) -> Vec<FieldChange>,
) -> Vec<Item> {
    let slug_of = |s: &Subject| s.ids.last().cloned().unwrap_or_default();
    let removed: Vec<String> = items
        .iter()
        .filter_map(|i| match i {
            Item::Removed(s, _) => Some(slug_of(s)),
            _ => None,
        })
        .collect();
    let mut moved: Vec<(String, String)> = Vec::new();
    for old in &removed {
        let Some(pa) = find_in(a, old) else { continue };
        let target = items.iter().find_map(|i| match i {
            Item::Added(s, _) => {
                let new = slug_of(s);
                let taken = moved.iter().any(|(_, n)| *n == new);
                let pb = find_in(b, &new)?;
                (!taken && same_plan(pa, pb)).then_some(new)
            }
            _ => None,
        });
        if let Some(new) = target {
            moved.push((old.clone(), new));
        }
    }
    if moved.is_empty() {
        return items;
    }
    items
        .into_iter()
        .filter_map(|i| match &i {
            Item::Removed(s, _) if moved.iter().any(|(o, _)| *o == slug_of(s)) => None,
            Item::Added(s, _) => {
                let new = slug_of(s);
                let Some((old, _)) = moved.iter().find(|(_, n)| *n == new) else {
                    return Some(i);
                };
                let (pa, pb) = (find_in(a, old)?, find_in(b, &new)?);
                let path = format!("plans/{old}/");
                let alias = if pb.aliases.iter().any(|x| x.path == path) {
                    format!("moved; its aliases keep /{path} working")
                } else {
                    format!("moved; to keep links to the old address working, add to the front matter of content/plans/{new}/index.md: aliases: [/{path}]")
                };
                let mut fields = vec![
                    FieldChange {
                        field: Field::Named("slug"),
                        delta: Delta::Value {
                            old: old.clone(),
                            new: new.clone(),
                        },
                    },
                    FieldChange {
                        field: Field::Named("aliases"),
                        delta: Delta::Text(alias),
                    },
                ];
                fields.extend(compare(pa, pb));
                Some(Item::Changed(s.clone(), fields))
            }
            _ => Some(i),
        })
        .collect()
}
