//! A plan's relations both ways and its status, for its page.

use crate::model::relations::{Relation, RelationTarget};
use crate::model::{Lang, Plan, RelationKind, Status};

use super::super::relations::{RelationItem, RelationsView};
use super::super::routes::Route;
use super::super::views::Link;
use super::Cx;

/// The reverse of a kind, as an i18n key (`implemented_by`).
fn reverse_key(kind: RelationKind) -> &'static str {
    match kind {
        RelationKind::Implements => "implemented_by",
        RelationKind::Cites => "cited_by",
        RelationKind::Supersedes => "superseded_by",
        RelationKind::Amends => "amended_by",
    }
}

/// The view of `plan`'s relations and status.
pub(super) fn view(cx: &Cx<'_>, plan: &Plan) -> RelationsView {
    let index = &cx.site.relations;
    let slug = plan.slug.as_str();
    let st = index.status(slug);
    let link = |s: &String| plan_link(cx, s);
    let outgoing = plan
        .relations
        .iter()
        .map(|r| outgoing(cx, plan, r))
        .collect();
    let incoming = index
        .reverse_of(slug)
        .iter()
        .filter_map(|(kind, from)| {
            let l = link(from)?;
            let key = reverse_key(*kind);
            Some(RelationItem {
                key: key.to_owned(),
                label: cx.t(&format!("rel_{key}")),
                title: l.text,
                title_lang: title_lang(cx, from),
                url: l.url,
                ..RelationItem::default()
            })
        })
        .collect();
    RelationsView {
        status_key: st.status.key(),
        status: cx.t(&format!("status_{}", st.status.key())),
        as_of: index.as_of.map(|d| d.display(cx.lang)).unwrap_or_default(),
        as_of_iso: index.as_of.map(|d| d.to_string()).unwrap_or_default(),
        amended_by: st.amended_by.iter().filter_map(link).collect(),
        superseded_by: if st.status == Status::Superseded {
            st.superseded_by.iter().filter_map(link).collect()
        } else {
            Vec::new()
        },
        outgoing,
        incoming,
    }
}

/// A link to the published plan at `slug`, titled in the page's language.
fn plan_link(cx: &Cx<'_>, slug: &str) -> Option<Link> {
    let h = cx.site.relations.head(slug)?;
    let text = match (cx.lang, &h.title_en) {
        (Lang::En, Some(t)) => t.clone(),
        _ => h.title.clone(),
    };
    Some(Link {
        text,
        url: cx.url(&Route::Plan(slug.to_owned())),
    })
}

fn title_lang(cx: &Cx<'_>, slug: &str) -> String {
    match (
        cx.lang,
        cx.site
            .relations
            .head(slug)
            .and_then(|h| h.title_en.as_ref()),
    ) {
        (Lang::En, Some(_)) => "en".to_owned(),
        _ => "zh".to_owned(),
    }
}

fn outgoing(cx: &Cx<'_>, plan: &Plan, r: &Relation) -> RelationItem {
    let key = r.kind.key();
    let mut item = RelationItem {
        key: key.to_owned(),
        label: cx.t(&format!("rel_{key}")),
        passage_url: r
            .anchor
            .as_deref()
            .map(|a| cx.passage_url(plan, a))
            .unwrap_or_default(),
        ..RelationItem::default()
    };
    match &r.target {
        RelationTarget::Plan { plan: slug } => {
            item.title_lang = title_lang(cx, slug);
            match plan_link(cx, slug) {
                Some(l) => {
                    item.title = l.text;
                    item.url = l.url;
                }
                // Held back from this build: named by its slug (an
                // identifier in Latin letters, not Chinese), not linked.
                None => {
                    item.title = slug.clone();
                    item.title_lang = "en".to_owned();
                }
            }
        }
        RelationTarget::External(x) => {
            let en = match (cx.lang, &plan.translation, &x.title) {
                (Lang::En, Some(t), Some(title)) => t.related_titles.get(title),
                _ => None,
            };
            (item.title, item.title_lang) = match (en, &x.title, &x.doc_number) {
                (Some(en), _, _) => (en.clone(), "en".to_owned()),
                (None, Some(t), _) => (format!("《{t}》"), plan.script.lang_tag().to_owned()),
                (None, None, Some(n)) => (n.clone(), plan.script.lang_tag().to_owned()),
                (None, None, None) => (String::new(), "zh".to_owned()),
            };
            let number = x.doc_number.as_ref().filter(|_| x.title.is_some());
            item.details = [
                x.issuer.clone(),
                number.cloned(),
                x.date.map(|d| d.display(cx.lang)),
            ]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" · ");
            item.external_url = x.url.clone().unwrap_or_default();
        }
    }
    item
}
