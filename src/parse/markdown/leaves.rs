//! Leaves: the block-level elements (paragraphs, list items, headings,
//! table rows) whose text a passage can point into, and their plain text.

use super::*;

/// A leaf: a block-level element whose text a passage can point into.
#[derive(Debug)]
pub(super) struct Leaf {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) text: String,
    pub(super) id: Option<String>,
}

pub(super) fn leaves(block: &[Event<'_>]) -> Vec<Leaf> {
    let mut out = Vec::new();
    let mut stack: Vec<usize> = Vec::new();
    for (i, ev) in block.iter().enumerate() {
        match ev {
            Event::Start(t) if is_leaf(t) => stack.push(i),
            Event::End(t) if is_leaf_end(t) => {
                if let Some(start) = stack.pop() {
                    let id = match &block[start] {
                        Event::Start(Tag::Heading { id, .. }) => id.as_ref().map(|s| s.to_string()),
                        _ => None,
                    };
                    let text = if matches!(t, TagEnd::TableRow | TagEnd::TableHead) {
                        row_text(&block[start + 1..i])
                    } else {
                        plain(&block[start + 1..i])
                    };
                    out.push(Leaf {
                        start,
                        end: i,
                        text,
                        id,
                    });
                }
            }
            _ => {}
        }
    }
    out.sort_by_key(|l| l.start);
    out
}

pub(super) fn is_leaf(t: &Tag<'_>) -> bool {
    matches!(
        t,
        Tag::Paragraph | Tag::Heading { .. } | Tag::Item | Tag::TableRow | Tag::TableHead
    )
}

pub(super) fn is_leaf_end(t: &TagEnd) -> bool {
    matches!(
        t,
        TagEnd::Paragraph
            | TagEnd::Heading(_)
            | TagEnd::Item
            | TagEnd::TableRow
            | TagEnd::TableHead
    )
}

pub(super) fn innermost_match<'l>(leaves: &'l [Leaf], needle: &str) -> Option<&'l Leaf> {
    let mut found = leaves.iter().find(|l| l.text.contains(needle))?;
    while let Some(inner) = leaves
        .iter()
        .find(|l| l.start > found.start && l.end < found.end && l.text.contains(needle))
    {
        found = inner;
    }
    Some(found)
}

pub(super) fn set_leaf_id(block: &mut Vec<Event<'_>>, start: usize, id: &str) {
    // A heading inside a box or list item (a top-level one has its id).
    if let Event::Start(Tag::Heading { id: slot, .. }) = &mut block[start] {
        *slot = Some(CowStr::from(id.to_owned()));
        return;
    }
    let attr = html_escape(id);
    let replacement = match &block[start] {
        Event::Start(Tag::Paragraph) => Some(format!("<p id=\"{attr}\">")),
        Event::Start(Tag::Item) => Some(format!("<li id=\"{attr}\">")),
        _ => None,
    };
    if let Some(r) = replacement {
        block[start] = Event::Html(CowStr::from(r));
    } else if let Event::Start(Tag::TableRow | Tag::TableHead) = &block[start] {
        // Table rows are rendered by `render_table`, which reads this marker.
        block.insert(
            start + 1,
            Event::Html(CowStr::from(format!("\u{0}row-id:{id}"))),
        );
    }
}

/// Plain text of inline events.
pub(super) fn plain(events: &[Event<'_>]) -> String {
    let mut s = String::new();
    for ev in events {
        match ev {
            Event::Text(t) | Event::Code(t) => s.push_str(t),
            Event::SoftBreak | Event::HardBreak => s.push(' '),
            Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::Heading(_)) => s.push(' '),
            _ => {}
        }
    }
    s.trim().to_owned()
}

pub(super) fn row_text(events: &[Event<'_>]) -> String {
    let mut cells = Vec::new();
    let mut cur = String::new();
    for ev in events {
        match ev {
            Event::Text(t) | Event::Code(t) => cur.push_str(t),
            Event::End(TagEnd::TableCell) => cells.push(std::mem::take(&mut cur).trim().to_owned()),
            _ => {}
        }
    }
    cells.join(" | ")
}

pub(super) fn block_text(block: &[Event<'_>], leaves: &[Leaf]) -> String {
    match block.first() {
        Some(Event::Start(Tag::Table(_))) => leaves
            .iter()
            .filter(|l| matches!(block[l.start], Event::Start(Tag::TableRow | Tag::TableHead)))
            .map(|l| l.text.as_str())
            .collect::<Vec<_>>()
            .join("\n"),
        _ => plain(block),
    }
}
