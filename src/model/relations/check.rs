//! Checking one plan's `relations:` against the site: each target a plan
//! of the site or an external document, no plan relating to itself, no
//! `supersedes` cycle, each passage in the text.

use std::path::Path;

use super::{External, Index, Relation, RelationTarget};
use crate::diag::{Diagnostic, Diagnostics};
use crate::model::raw::RelationEntry;
use crate::model::RelationKind;
use crate::parse::frontmatter::Split;
use crate::parse::url;
use crate::parse::yaml::Step;

/// Validates the relations of the plan at `slug` (its front matter in
/// `split`, at `path`); `anchors` gives, for each entry with a passage in
/// order, the passage's anchor when it was found. Problems go to `d`.
pub fn check(
    slug: &str,
    entries: &[RelationEntry],
    anchors: &mut dyn Iterator<Item = &Option<String>>,
    (split, path): (&Split<'_>, &Path),
    index: &Index,
    d: &mut Diagnostics,
) -> Vec<Relation> {
    let mut out = Vec::new();
    for (i, e) in entries.iter().enumerate() {
        let at = |field: &str| {
            split.locate_value(
                path,
                &[Step::from("relations"), Step::from(i), Step::from(field)],
            )
        };
        let anchor = e
            .passage
            .as_ref()
            .and_then(|_| anchors.next().cloned().flatten());
        let mut ok = true;
        if let Some(p) = &e.passage {
            if anchor.is_none() {
                ok = false;
                d.push(
                    Diagnostic::error(at("passage"), format!("passage `{p}` not found in the text"))
                        .hint("copy the passage exactly from the body, without Markdown syntax, within one paragraph")
                        .zh(
                            format!("正文中找不到 passage `{p}`"),
                            "从正文中原样复制这段文字，不带 Markdown 符号，且在同一段落之内",
                        ),
                );
            }
        }
        let external = e.title.is_some()
            || e.issuer.is_some()
            || e.doc_number.is_some()
            || e.date.is_some()
            || e.url.is_some();
        let target = match &e.plan {
            Some(_) if external => {
                d.push(
                    Diagnostic::error(at("plan"), "a relation's target is either a plan of the site or an external document, not both")
                        .hint("keep `plan: SLUG` for a plan of this site, or `title`/`doc_number` (with `issuer`, `date`, `url`) for another document")
                        .zh("关联对象要么是本站的规划，要么是站外文件，不能两者都写", "本站规划写 `plan: SLUG`；其他文件写 `title`/`doc_number`（及 `issuer`、`date`、`url`）"),
                );
                None
            }
            Some(p) => plan_target(slug, p, e.kind, at("plan"), at("kind"), index, d),
            None if e.title.is_none() && e.doc_number.is_none() => {
                d.push(
                    Diagnostic::error(at("kind"), "a relation needs a target: `plan: SLUG`, or a `title` or `doc_number`")
                        .hint("name a plan of this site with `plan:`, or the other document by its title (without 《》) or its number (文号)")
                        .zh("关联缺少对象：写 `plan: SLUG`，或写 `title`、`doc_number`", "用 `plan:` 指本站的规划，或用标题（不带《》）或文号指其他文件"),
                );
                None
            }
            None => external_target(slug, e, &at, index, d),
        };
        if let (Some(target), true) = (target, ok) {
            out.push(Relation {
                kind: e.kind,
                target,
                passage: e.passage.clone(),
                anchor,
            });
        }
    }
    out
}

fn plan_target(
    slug: &str,
    p: &str,
    kind: RelationKind,
    at: crate::diag::Location,
    kind_at: crate::diag::Location,
    index: &Index,
    d: &mut Diagnostics,
) -> Option<RelationTarget> {
    if p == slug {
        d.push(
            Diagnostic::error(at, format!("plan `{p}` relates to itself"))
                .hint("a relation names another document: correct the slug or remove the entry")
                .zh(
                    format!("规划 `{p}` 关联到了自己"),
                    "关联应指向另一份文件：改正 slug 或删除这一项",
                ),
        );
        return None;
    }
    if !index.knows(p) {
        let close = index.close_to(p);
        let hint = if close.is_empty() {
            "name a plan by its folder name, content/plans/<slug>/".to_owned()
        } else {
            format!("did you mean {}?", quoted(&close))
        };
        let zh_hint = if close.is_empty() {
            "用规划的文件夹名 content/plans/<slug>/ 指代它".to_owned()
        } else {
            format!("是不是 {}？", quoted(&close))
        };
        d.push(
            Diagnostic::error(at, format!("unknown plan `{p}`"))
                .hint(hint)
                .zh(format!("规划 `{p}` 不存在"), zh_hint),
        );
        return None;
    }
    if kind == RelationKind::Supersedes {
        if let Some(cycle) = index.supersedes_cycle(slug) {
            let chain = cycle
                .iter()
                .chain(std::iter::once(&cycle[0]))
                .map(|s| format!("`{s}`"))
                .collect::<Vec<_>>()
                .join(" → ");
            d.push(
                Diagnostic::error(kind_at, format!("contradictory relations: {chain} each supersede the next"))
                    .hint("a plan cannot be superseded by a plan it supersedes: remove or correct one of these `supersedes`")
                    .zh(format!("关联自相矛盾：{chain} 依次替代"), "一份规划不能被它所替代的规划替代：删除或改正其中一个 `supersedes`"),
            );
            return None;
        }
    }
    Some(RelationTarget::Plan { plan: p.to_owned() })
}

fn external_target(
    slug: &str,
    e: &RelationEntry,
    at: &dyn Fn(&str) -> crate::diag::Location,
    index: &Index,
    d: &mut Diagnostics,
) -> Option<RelationTarget> {
    if let Some(u) = &e.url {
        if let Err(bad) = url::check(u) {
            d.push(Diagnostic::error(at("url"), format!("url: {bad}")).hint(url::HINT));
            return None;
        }
    }
    if let (RelationKind::Cites, Some(t)) = (e.kind, &e.title) {
        if let Some(other) = index.plan_titled(t).filter(|s| *s != slug) {
            d.push(
                Diagnostic::warning(at("title"), format!("`{t}` is the title of the plan `{other}` of this site"))
                    .hint(format!("link it: write `plan: {other}` instead of the title, so each page shows the relation"))
                    .zh(format!("《{t}》是本站规划 `{other}` 的标题"), format!("改写为 `plan: {other}`，两边的页面都会显示这条关联")),
            );
        }
    }
    Some(RelationTarget::External(External {
        title: e.title.clone(),
        issuer: e.issuer.clone(),
        doc_number: e.doc_number.clone(),
        date: e.date,
        url: e.url.clone(),
    }))
}

/// The translation's `related_titles:` each name an external target of
/// the original; a warning at each that does not.
pub fn check_related_titles(
    titles: &std::collections::BTreeMap<String, String>,
    relations: &[Relation],
    (split, path): (&Split<'_>, &Path),
    d: &mut Diagnostics,
) {
    for original in titles.keys() {
        let known = relations.iter().any(|r| {
            matches!(&r.target, RelationTarget::External(x) if x.title.as_deref() == Some(original.as_str()))
        });
        if !known {
            d.push(
                Diagnostic::error(
                    split.locate_value(
                        path,
                        &[Step::from("related_titles"), Step::from(original.as_str())],
                    ),
                    format!(
                        "`{original}` is not the title of an external relation of the original"
                    ),
                )
                .hint("copy the `title` of one of the original's `relations:` exactly")
                .zh(
                    format!("原文的 `relations:` 中没有标题为 `{original}` 的站外文件"),
                    "原样复制原文某条 `relations:` 的 `title`",
                ),
            );
        }
    }
}

fn quoted(list: &[&str]) -> String {
    list.iter()
        .map(|s| format!("`{s}`"))
        .collect::<Vec<_>>()
        .join(", ")
}
