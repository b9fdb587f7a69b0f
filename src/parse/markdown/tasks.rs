//! Tasks in a document: the paragraphs and list items that carry a
//! responsible-unit note (`(责任单位:…)`, `(牵头部门:…;配合部门:…)`), found
//! while rendering so each gets an anchor of its own. What the notes say is
//! read by [`crate::tasks`].

use super::*;

/// A paragraph or list item holding at least one responsible-unit note.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TaskLeaf {
    /// Anchor id of its paragraph or item (`task-3`, or the id a passage
    /// already gave it).
    pub anchor: String,
    /// Its plain text, notes included.
    pub text: String,
    /// Its opening bold text, when it opens with one (the task's heading).
    pub lead: Option<String>,
    /// Index of its block in [`Doc::blocks`].
    pub block: usize,
    /// How many tasks of the document come before it in the same block.
    pub nth_in_block: usize,
    /// Anchor of the nearest heading at or before it.
    pub section: Option<String>,
}

/// Records the tasks of `block` (the `block_index`-th, under the heading
/// `section`) in `tasks`: each keeps the id a passage gave its leaf, or
/// gets `task-N`, written into `assigned` for the leaf to carry.
pub(super) fn anchor(
    block: &[Event<'_>],
    (block_index, section): (usize, Option<&str>),
    assigned: &mut BTreeMap<usize, String>,
    used_ids: &mut BTreeMap<String, usize>,
    tasks: &mut Vec<TaskLeaf>,
) {
    let ls = leaves(block);
    for (n, (nth, lead)) in with_notes(block, &ls).into_iter().enumerate() {
        let anchor = match ls[nth].id.clone().or_else(|| assigned.get(&nth).cloned()) {
            Some(existing) => existing,
            None => {
                let id = unique_id(&format!("task-{}", tasks.len() + 1), used_ids);
                assigned.insert(nth, id.clone());
                id
            }
        };
        tasks.push(TaskLeaf {
            anchor,
            text: ls[nth].text.clone(),
            lead,
            block: block_index,
            nth_in_block: n,
            section: section.map(str::to_owned),
        });
    }
}

/// The leaves of `block` (by their place in `ls`) that hold a note and no
/// inner leaf holding one, with their opening bold text.
fn with_notes(block: &[Event<'_>], ls: &[Leaf]) -> Vec<(usize, Option<String>)> {
    let has: Vec<bool> = ls
        .iter()
        .map(|l| {
            !matches!(block[l.start], Event::Start(Tag::Heading { .. }))
                && find_resp(&l.text).is_some()
        })
        .collect();
    let mut out = Vec::new();
    for (k, l) in ls.iter().enumerate() {
        if !has[k] {
            continue;
        }
        // Leaves are sorted by start: those inside this one follow it.
        let inner = ls[k + 1..]
            .iter()
            .zip(&has[k + 1..])
            .take_while(|(m, _)| m.start < l.end)
            .any(|(_, h)| *h);
        if !inner {
            out.push((k, opening_bold(&block[l.start + 1..l.end])));
        }
    }
    out
}

/// The text of the bold run that opens `events` (`**重点。**后文`, written
/// as `<strong>` by [`cjk::fix_emphasis`] or parsed as strong emphasis).
fn opening_bold(events: &[Event<'_>]) -> Option<String> {
    let end = match events.first()? {
        Event::Html(h) | Event::InlineHtml(h) if h.as_ref() == "<strong>" => {
            events.iter().position(
                |e| matches!(e, Event::Html(h) | Event::InlineHtml(h) if h.as_ref() == "</strong>"),
            )?
        }
        Event::Start(Tag::Strong) => events
            .iter()
            .position(|e| matches!(e, Event::End(TagEnd::Strong)))?,
        _ => return None,
    };
    let text = plain(&events[1..end]);
    (!text.is_empty()).then_some(text)
}
