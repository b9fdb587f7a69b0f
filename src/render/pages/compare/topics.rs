//! The topic matrix: which plans take up each topic, in the indicator
//! matrix's columns, with the topics every plan shares on one line.

use super::*;

/// One topic row.
#[derive(Debug, Serialize)]
pub struct TopicRow {
    /// Topic label.
    pub label: String,
    /// Cells, one per column: link to the passage, or empty.
    pub cells: Vec<TopicCell>,
}

/// One topic cell.
#[derive(Debug, Serialize)]
pub struct TopicCell {
    /// Column id (jurisdiction).
    pub column: String,
    /// The column's short name, for the mark's accessible name.
    pub short: String,
    /// Link to the passage; empty when the plans do not take it up.
    pub url: String,
}

/// Topic rows with the matrix's columns: a jurisdiction takes up a topic
/// when one of its plans does (the link goes to the newest such plan's
/// passage). Rows every column takes up are collapsed into one list.
pub(super) fn topic_rows(
    cx: &Cx<'_>,
    columns: &[&Jurisdiction],
    views: &[Column],
) -> (Vec<TopicRow>, Vec<String>) {
    let lang = cx.lang;
    let plans: Vec<Vec<&Plan>> = columns
        .iter()
        .map(|j| {
            let mut ps: Vec<&Plan> = cx.lookup.plans_of(j.id.as_str()).collect();
            ps.reverse();
            ps
        })
        .collect();
    let mut rows = Vec::new();
    let mut agreed = Vec::new();
    for t in &cx.site.topics {
        let cells: Vec<TopicCell> = plans
            .iter()
            .zip(views)
            .map(|(ps, col)| TopicCell {
                column: col.id.clone(),
                short: col.short.clone(),
                url: ps
                    .iter()
                    .find_map(|p| {
                        let x = p.topics.iter().find(|x| x.id == t.id)?;
                        Some(html_escape(&cx.passage_url(p, &x.anchor)))
                    })
                    .unwrap_or_default(),
            })
            .collect();
        if cells.is_empty() || cells.iter().all(|c| c.url.is_empty()) {
            continue;
        }
        if cells.len() > 1 && cells.iter().all(|c| !c.url.is_empty()) {
            agreed.push(t.label.get(lang).clone());
        } else {
            rows.push(TopicRow {
                label: t.label.get(lang).clone(),
                cells,
            });
        }
    }
    (rows, agreed)
}
