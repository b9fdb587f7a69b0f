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

/// The innermost of `leaves` whose text holds what `finder` looks for.
pub(super) fn innermost_match<'l>(
    leaves: &'l [Leaf],
    finder: &memchr::memmem::Finder<'_>,
) -> Option<&'l Leaf> {
    let holds = |l: &Leaf| finder.find(l.text.as_bytes()).is_some();
    let mut found = leaves.iter().find(|l| holds(l))?;
    while let Some(inner) = leaves
        .iter()
        .find(|l| l.start > found.start && l.end < found.end && holds(l))
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

/// Where a leaf's plain text comes from: each piece of the text ([`plain`]
/// before trimming) with the event it was read from.
struct Piece {
    /// Byte offset in the text.
    at: usize,
    /// Index of the event.
    ev: usize,
    /// Its length in the text.
    len: usize,
    /// Whether it is a `Text` event, which can be split inside.
    text: bool,
}

/// The plain text of `events` (untrimmed) and where each piece came from.
fn pieces(events: &[Event<'_>]) -> (String, Vec<Piece>) {
    let mut s = String::new();
    let mut out = Vec::new();
    for (i, ev) in events.iter().enumerate() {
        let (piece, text): (&str, bool) = match ev {
            Event::Text(t) => (t, true),
            Event::Code(t) => (t, false),
            Event::SoftBreak
            | Event::HardBreak
            | Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::Heading(_)) => (" ", false),
            _ => continue,
        };
        out.push(Piece {
            at: s.len(),
            ev: i,
            len: piece.len(),
            text,
        });
        s.push_str(piece);
    }
    (s, out)
}

/// Plain text of inline events.
pub(super) fn plain(events: &[Event<'_>]) -> String {
    pieces(events).0.trim().to_owned()
}

/// Whether an event opens (`1`), closes (`-1`) or leaves alone (`0`) an
/// element: tags, and the `<strong>` that [`cjk::fix_emphasis`] writes.
fn nesting(ev: &Event<'_>) -> i32 {
    match ev {
        Event::Start(_) => 1,
        Event::End(_) => -1,
        Event::Html(h) | Event::InlineHtml(h) => match h.as_ref() {
            "<strong>" => 1,
            "</strong>" => -1,
            _ => 0,
        },
        _ => 0,
    }
}

/// Wraps the first occurrence of `needle` in `block[from..to]` (a leaf's
/// or a table cell's content) in `<span class="passage" id="…">`, widened
/// to whole inline elements where the passage starts or ends inside one
/// (emphasis, a link) so the HTML stays well nested. `false` when the
/// content does not contain it.
pub(super) fn wrap_passage(
    block: &mut Vec<Event<'_>>,
    from: usize,
    to: usize,
    needle: &str,
    id: &str,
) -> bool {
    let (text, ps) = pieces(&block[from..to]);
    let Some(a) = text.find(needle) else {
        return false;
    };
    let b = a + needle.len();
    // The pieces holding the passage's first and last bytes.
    let Some(first) = ps.iter().position(|p| p.at + p.len > a) else {
        return false;
    };
    let last = ps
        .iter()
        .rposition(|p| p.at < b)
        .expect("a piece before the end");
    // Split the last piece first, so the first piece's index holds.
    let (mut s, mut e) = (from + ps[first].ev, from + ps[last].ev + 1);
    let cut = |block: &mut Vec<Event<'_>>, at: usize, k: usize| {
        let Event::Text(t) = &block[at] else {
            unreachable!("only text is split")
        };
        let (x, y) = (t[..k].to_owned(), t[k..].to_owned());
        block[at] = Event::Text(CowStr::from(x));
        block.insert(at + 1, Event::Text(CowStr::from(y)));
    };
    let pl = &ps[last];
    let mut to = to;
    if pl.text && b < pl.at + pl.len && text.is_char_boundary(b) {
        cut(block, e - 1, b - pl.at);
        to += 1;
    }
    let pf = &ps[first];
    if pf.text && a > pf.at && text.is_char_boundary(a) {
        cut(block, s, a - pf.at);
        s += 1;
        e += 1;
        to += 1;
    }
    // Widen to whole elements: a close without its open inside moves the
    // start before the open; an open without its close, the end past it.
    loop {
        let mut depth = 0i32;
        let mut moved = false;
        for j in s..e {
            depth += nesting(&block[j]);
            if depth < 0 {
                let mut d = 0;
                let mut k = s;
                while k > from {
                    k -= 1;
                    d += nesting(&block[k]);
                    if d > 0 {
                        break;
                    }
                }
                moved = k != s;
                s = k;
                break;
            }
        }
        if depth > 0 {
            let (mut d, was) = (depth, e);
            while e < to && d > 0 {
                d += nesting(&block[e]);
                e += 1;
            }
            moved = e != was;
        }
        if !moved {
            break;
        }
    }
    // A passage across paragraphs or list items is anchored at its leaf
    // instead: a span cannot hold blocks.
    if block[s..e]
        .iter()
        .any(|ev| matches!(ev, Event::Start(t) if !is_inline(t)))
    {
        return false;
    }
    block.insert(e, Event::InlineHtml(CowStr::Borrowed("</span>")));
    block.insert(
        s,
        Event::InlineHtml(CowStr::from(format!(
            "<span class=\"passage\" id=\"{}\">",
            html_escape(id)
        ))),
    );
    true
}

/// Whether a tag is inline (a span may hold it).
fn is_inline(t: &Tag<'_>) -> bool {
    matches!(
        t,
        Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Link { .. } | Tag::Image { .. }
    )
}

/// The content of each cell of a table row (`row[from..to]`, relative to
/// the row's start).
pub(super) fn cells(row: &[Event<'_>]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut open = None;
    for (i, ev) in row.iter().enumerate() {
        match ev {
            Event::Start(Tag::TableCell) => open = Some(i + 1),
            Event::End(TagEnd::TableCell) => {
                if let Some(from) = open.take() {
                    out.push((from, i));
                }
            }
            _ => {}
        }
    }
    out
}
