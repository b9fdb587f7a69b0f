//! Markdown → HTML for plan texts, with the Chinese rules applied.
//!
//! Pure: takes the body text and the passages the model wants anchored, and
//! returns a [`Doc`]: the HTML, the table of contents, the top-level blocks
//! (for side-by-side reading and search) and the anchor of each passage.
//!
//! On top of pulldown-cmark (tables, footnotes, strikethrough):
//! - a soft line break between two CJK characters disappears;
//! - `**重点。**后文` is emphasis (see [`cjk::fix_emphasis`]);
//! - headings get readable ids (`#一发展基础`), de-duplicated;
//! - `> [!BOX] 专栏1 …` block quotes become boxes;
//! - `(责任单位:…)` style notes become `<span class="resp">` and are listed;
//! - fenced code is highlighted by syntect with CSS classes;
//! - raw HTML is kept only as far as the site's [`RawHtml`] setting allows
//!   ([`super::sanitize`]), links and images only with allowed URL schemes
//!   ([`super::url`]); what is removed or refused is listed in
//!   [`Doc::problems`].

use std::borrow::Cow;
use std::collections::BTreeMap;

use pulldown_cmark::{
    html, CodeBlockKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd,
    TextMergeWithOffset,
};
use serde::Serialize;

use super::cjk::{self, join_without_space};
use super::guard::Guard;
pub use super::guard::LocalLink;
use super::highlight;
pub use super::sanitize::{Problem, RawHtml};

/// One entry of a table of contents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TocEntry {
    /// Heading level, 2 to 4.
    pub level: u8,
    /// The heading's anchor.
    pub id: String,
    /// The heading's plain text.
    pub text: String,
}

/// What kind of top-level block a [`Block`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BlockKind {
    /// A heading (level in [`Block::level`]).
    Heading,
    /// A paragraph.
    Paragraph,
    /// A bulleted or numbered list.
    List,
    /// A table.
    Table,
    /// A `[!BOX]` box (专栏).
    Box,
    /// Any other block quote.
    Quote,
    /// A code block.
    Code,
    /// A thematic break, HTML block or footnote definition.
    Other,
}

/// A top-level block of a document. Its HTML and text live in the
/// document's two buffers ([`Doc::html_of`], [`Doc::text_of`]): a plan of
/// 150 blocks is two allocations, not 300, and a build frees all of a
/// plan's HTML at once (many small strings freed would leave their memory
/// pages held by their neighbours).
#[derive(Debug, Clone)]
pub struct Block {
    /// Its kind.
    pub kind: BlockKind,
    /// Heading level for headings, else 0.
    pub level: u8,
    /// Where its HTML is in the document's HTML.
    html: Span,
    /// Where its plain text (table cells joined by ` | `) is in the
    /// document's text.
    text: Span,
    /// Anchor of the nearest heading at or before this block.
    pub section: Option<String>,
    /// Byte offset of the block's start in the body it was rendered from.
    pub offset: usize,
}

/// A byte range of one of a [`Doc`]'s buffers.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Span {
    start: u32,
    end: u32,
}

impl Span {
    /// Appends `piece` to `buf` and returns where it went.
    fn push(buf: &mut String, piece: &str) -> Span {
        let start = offset(buf.len());
        buf.push_str(piece);
        Span {
            start,
            end: offset(buf.len()),
        }
    }

    /// Its text in `buf`, empty once `buf` was freed.
    fn of(self, buf: &str) -> &str {
        buf.get(self.start as usize..self.end as usize)
            .unwrap_or_default()
    }
}

/// A buffer offset as stored (a document's Markdown is far below 4 GiB).
fn offset(n: usize) -> u32 {
    u32::try_from(n).expect("a document under 4 GiB")
}

/// A rendered document.
#[derive(Debug, Clone, Default)]
pub struct Doc {
    /// Headings of levels 2–4.
    pub toc: Vec<TocEntry>,
    /// The top-level blocks, in order.
    pub blocks: Vec<Block>,
    /// For each requested passage (same order), the anchor of the block that
    /// contains it, or `None` when the text does not contain it.
    pub anchors: Vec<Option<String>>,
    /// Responsible-unit notes found in the text, in order.
    pub responsibilities: Vec<String>,
    /// Markup removed and URLs refused, at offsets of the body.
    pub problems: Vec<Problem>,
    /// Relative links and images to local files, at offsets of the body
    /// (checked against the files beside the text by the model).
    pub local_links: Vec<LocalLink>,
    /// Every block's HTML, in order.
    html: String,
    /// Every block's plain text, in order.
    text: String,
}

impl Doc {
    /// The full HTML of the body: the blocks' HTML in order.
    pub fn html(&self) -> &str {
        &self.html
    }

    /// Every block's plain text, in order (empty after [`Doc::take_text`]);
    /// a block's is its [`Doc::text_range`].
    pub fn text(&self) -> &str {
        &self.text
    }

    /// A block's HTML.
    pub fn html_of(&self, b: &Block) -> &str {
        b.html.of(&self.html)
    }

    /// A block's plain text (empty after [`Doc::take_text`]).
    pub fn text_of(&self, b: &Block) -> &str {
        b.text.of(&self.text)
    }

    /// Moves the blocks' text out: each block's text is its range of the
    /// string returned ([`Doc::text_range`]); the document keeps none.
    pub fn take_text(&mut self) -> String {
        std::mem::take(&mut self.text)
    }

    /// Where a block's text is in the string [`Doc::take_text`] returns.
    pub fn text_range(b: &Block) -> std::ops::Range<usize> {
        b.text.start as usize..b.text.end as usize
    }
}

/// A text the renderer should anchor, with the id to give its block if the
/// block has none yet.
#[derive(Debug, Clone)]
pub struct Passage<'a> {
    /// Exact text to find in the rendered plain text.
    pub text: &'a str,
    /// Preferred anchor id.
    pub id: String,
}

const RESP_PREFIXES: &[&str] = &[
    "责任单位",
    "牵头单位",
    "牵头部门",
    "责任部门",
    "配合单位",
    "配合部门",
    "主要责任单位",
    "責任單位",
    "牽頭單位",
    "牽頭部門",
    "責任部門",
    "Responsible",
    "Lead:",
    "Led by",
];

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Renders `body` and anchors `passages`, publishing raw HTML as far as
/// `raw_html` allows.
pub fn render(body: &str, passages: &[Passage<'_>], raw_html: RawHtml) -> Doc {
    let src = cjk::fix_emphasis(body);
    let mut guard = Guard::new(raw_html);
    let (events, starts): (Vec<Event<'_>>, Vec<usize>) =
        TextMergeWithOffset::new(Parser::new_ext(&src, options()).into_offset_iter())
            .filter_map(|(ev, range)| {
                let start = range.start;
                guard.event(&src, ev, range).map(|ev| (ev, start))
            })
            .unzip();
    let mut block_starts = block_offsets(&events, &starts);
    let mut problems = guard.finish();
    let mut local_links = std::mem::take(&mut guard.local);
    if let Cow::Owned(fixed) = &src {
        for p in &mut problems {
            p.offset = body_offset(body, fixed, p.offset);
        }
        for o in &mut block_starts {
            *o = body_offset(body, fixed, *o);
        }
        for l in &mut local_links {
            l.offset = body_offset(body, fixed, l.offset);
        }
    }
    let events = drop_cjk_soft_breaks(events);
    let mut doc = Doc {
        problems,
        local_links,
        ..Doc::default()
    };
    let mut used_ids = BTreeMap::new();
    let mut blocks = split_blocks(events);

    // Leaves (paragraphs, items, headings, table rows) with their text, so
    // passages can be anchored at the smallest block that contains them.
    let mut anchor_of: Vec<Option<String>> = vec![None; passages.len()];
    let mut section: Option<String> = None;
    let mut rendered = Vec::with_capacity(blocks.len());
    for block in &mut blocks {
        let kind = classify(block);
        let mut level = 0;
        if matches!(block.first(), Some(Event::Start(Tag::Heading { .. }))) {
            let text = plain(&block[1..block.len() - 1]);
            let Some(Event::Start(Tag::Heading { level: l, id, .. })) = block.first_mut() else {
                unreachable!()
            };
            level = heading_level(*l);
            let base = id
                .as_ref()
                .map_or_else(|| cjk::slugify(&text), |i| i.to_string());
            let unique = unique_id(&base, &mut used_ids);
            *id = Some(CowStr::from(unique.clone()));
            if (2..=4).contains(&level) {
                doc.toc.push(TocEntry {
                    level,
                    id: unique.clone(),
                    text: text.clone(),
                });
            }
            section = Some(unique);
        }
        let leaves = leaves(block);
        let mut assigned: std::collections::BTreeMap<usize, String> =
            std::collections::BTreeMap::new();
        for (pi, p) in passages.iter().enumerate() {
            if anchor_of[pi].is_some() || p.text.is_empty() {
                continue;
            }
            if let Some(leaf) = innermost_match(&leaves, p.text) {
                let id = match leaf
                    .id
                    .clone()
                    .or_else(|| assigned.get(&leaf.start).cloned())
                {
                    Some(id) => id,
                    None => {
                        let id = unique_id(&p.id, &mut used_ids);
                        assigned.insert(leaf.start, id.clone());
                        id
                    }
                };
                anchor_of[pi] = Some(id);
            }
        }
        let text = block_text(block, &leaves);
        let raw = has_raw_html(block);
        // Apply from the end so inserted events do not shift earlier indices.
        for (start, id) in assigned.iter().rev() {
            set_leaf_id(block, *start, id);
        }
        let mut html = render_block(block, kind, &mut doc.responsibilities);
        if raw {
            html = super::sanitize::clean(&html, raw_html);
        }
        rendered.push(Block {
            kind,
            level,
            html: Span::push(&mut doc.html, &html),
            text: Span::push(&mut doc.text, &text),
            section: section.clone(),
            offset: block_starts.get(rendered.len()).copied().unwrap_or(0),
        });
    }
    // A parsed site holds every document until the build ends: no slack.
    doc.html.shrink_to_fit();
    doc.text.shrink_to_fit();
    doc.blocks = rendered;
    doc.anchors = anchor_of;
    doc
}

/// Whether a block has raw HTML to sanitise: an HTML event other than the
/// `<strong>` that [`cjk::fix_emphasis`] writes for `**`.
fn has_raw_html(block: &[Event<'_>]) -> bool {
    block.iter().any(|e| match e {
        Event::Html(h) | Event::InlineHtml(h) => !matches!(h.as_ref(), "<strong>" | "</strong>"),
        _ => false,
    })
}

/// The offset in `body` of byte `off` of `fixed`, which is `body` with some
/// `**` written as `<strong>` or `</strong>` ([`cjk::fix_emphasis`]): the two
/// differ exactly where a replacement starts, as `*` never starts a tag.
fn body_offset(body: &str, fixed: &str, off: usize) -> usize {
    let (b, f) = (body.as_bytes(), fixed.as_bytes());
    let (mut i, mut j) = (0, 0);
    while j < off && i < b.len() && j < f.len() {
        if b[i] == f[j] {
            i += 1;
            j += 1;
        } else {
            let tag = if f[j..].starts_with(b"</strong>") {
                9
            } else {
                8
            };
            i += 2;
            j += tag;
        }
    }
    i.min(body.len())
}

fn heading_level(l: HeadingLevel) -> u8 {
    l as u8
}

/// `base`, or `base-2`, `base-3` … when taken. `used` maps each id given
/// to the next number to try with it as a base, so a heading repeated n
/// times costs n steps, not n².
fn unique_id(base: &str, used: &mut BTreeMap<String, usize>) -> String {
    let mut id = base.to_owned();
    if let Some(&next) = used.get(base) {
        let mut n = next;
        while used.contains_key(&id) {
            id = format!("{base}-{n}");
            n += 1;
        }
        used.insert(base.to_owned(), n);
    }
    used.insert(id.clone(), 2);
    id
}

/// Removes soft breaks between CJK characters; others become a space later.
fn drop_cjk_soft_breaks(events: Vec<Event<'_>>) -> Vec<Event<'_>> {
    let mut out: Vec<Event<'_>> = Vec::with_capacity(events.len());
    let mut iter = events.into_iter().peekable();
    while let Some(ev) = iter.next() {
        if let Event::SoftBreak = ev {
            let before = out.iter().rev().find_map(last_char);
            let after = iter.peek().and_then(first_char);
            if let (Some(b), Some(a)) = (before, after) {
                if join_without_space(b, a) {
                    continue;
                }
            }
        }
        out.push(ev);
    }
    out
}

fn last_char(ev: &Event<'_>) -> Option<char> {
    match ev {
        Event::Text(t) | Event::Code(t) => t.chars().last(),
        _ => None,
    }
}

fn first_char(ev: &Event<'_>) -> Option<char> {
    match ev {
        Event::Text(t) | Event::Code(t) => t.chars().next(),
        _ => None,
    }
}

/// The source offset of each top-level block's first event, found with the
/// same depth count as [`split_blocks`] (soft breaks, dropped in between,
/// never start a block).
fn block_offsets(events: &[Event<'_>], starts: &[usize]) -> Vec<usize> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    for (ev, &start) in events.iter().zip(starts) {
        if depth == 0 {
            out.push(start);
        }
        match ev {
            Event::Start(_) => depth += 1,
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    out
}

fn split_blocks(events: Vec<Event<'_>>) -> Vec<Vec<Event<'_>>> {
    let mut blocks = Vec::new();
    let mut cur = Vec::new();
    let mut depth = 0usize;
    for ev in events {
        match &ev {
            Event::Start(_) => depth += 1,
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
        cur.push(ev);
        if depth == 0 {
            blocks.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        blocks.push(cur);
    }
    blocks
}

fn classify(block: &[Event<'_>]) -> BlockKind {
    match block.first() {
        Some(Event::Start(Tag::Heading { .. })) => BlockKind::Heading,
        Some(Event::Start(Tag::Paragraph)) => BlockKind::Paragraph,
        Some(Event::Start(Tag::List(_))) => BlockKind::List,
        Some(Event::Start(Tag::Table(_))) => BlockKind::Table,
        Some(Event::Start(Tag::CodeBlock(_))) => BlockKind::Code,
        Some(Event::Start(Tag::BlockQuote(_))) => {
            if box_title(block).is_some() {
                BlockKind::Box
            } else {
                BlockKind::Quote
            }
        }
        _ => BlockKind::Other,
    }
}

/// The title of a `> [!BOX] title` block quote, and the index of the end of
/// its first paragraph.
fn box_title(block: &[Event<'_>]) -> Option<(String, usize)> {
    // The paragraph's start is `<p id="…">` once a passage is anchored there.
    match block.get(1) {
        Some(Event::Start(Tag::Paragraph)) => {}
        Some(Event::Html(h)) if h.starts_with("<p id=\"") => {}
        _ => return None,
    }
    let end = block
        .iter()
        .position(|e| matches!(e, Event::End(TagEnd::Paragraph)))?;
    let text = plain(&block[2..end]);
    let title = text.trim_start().strip_prefix("[!BOX]")?;
    Some((title.trim().to_owned(), end))
}

/// A leaf: a block-level element whose text a passage can point into.
#[derive(Debug)]
struct Leaf {
    start: usize,
    end: usize,
    text: String,
    id: Option<String>,
}

fn leaves(block: &[Event<'_>]) -> Vec<Leaf> {
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

fn is_leaf(t: &Tag<'_>) -> bool {
    matches!(
        t,
        Tag::Paragraph | Tag::Heading { .. } | Tag::Item | Tag::TableRow | Tag::TableHead
    )
}

fn is_leaf_end(t: &TagEnd) -> bool {
    matches!(
        t,
        TagEnd::Paragraph
            | TagEnd::Heading(_)
            | TagEnd::Item
            | TagEnd::TableRow
            | TagEnd::TableHead
    )
}

fn innermost_match<'l>(leaves: &'l [Leaf], needle: &str) -> Option<&'l Leaf> {
    let mut found = leaves.iter().find(|l| l.text.contains(needle))?;
    while let Some(inner) = leaves
        .iter()
        .find(|l| l.start > found.start && l.end < found.end && l.text.contains(needle))
    {
        found = inner;
    }
    Some(found)
}

fn set_leaf_id(block: &mut Vec<Event<'_>>, start: usize, id: &str) {
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
fn plain(events: &[Event<'_>]) -> String {
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

fn row_text(events: &[Event<'_>]) -> String {
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

fn block_text(block: &[Event<'_>], leaves: &[Leaf]) -> String {
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

fn render_block(block: &[Event<'_>], kind: BlockKind, resp: &mut Vec<String>) -> String {
    match kind {
        BlockKind::Table => render_table(block, resp),
        BlockKind::Code => render_code(block),
        BlockKind::Box => {
            let (title, end) = box_title(block).unwrap_or_default();
            // ` id="…">` when a passage is anchored in the title.
            let rest = match &block[1] {
                Event::Html(h) => h.strip_prefix("<p").unwrap_or(">"),
                _ => ">",
            };
            let mut s = String::from("<aside class=\"box\" role=\"note\"><p class=\"box-title\"");
            s.push_str(rest);
            s.push_str(&html_escape(&title));
            s.push_str("</p>");
            s.push_str(&push(&block[end + 1..block.len() - 1], resp));
            s.push_str("</aside>\n");
            s
        }
        _ => push(block, resp),
    }
}

fn push(events: &[Event<'_>], resp: &mut Vec<String>) -> String {
    let mut out = String::new();
    let marked = mark_responsibilities(events, resp);
    html::push_html(&mut out, marked.into_iter());
    out
}

/// Wraps `(责任单位:…)`-style notes in `<span class="resp">` and records them.
fn mark_responsibilities<'a>(events: &[Event<'a>], resp: &mut Vec<String>) -> Vec<Event<'a>> {
    let mut out = Vec::with_capacity(events.len());
    for ev in events {
        let Event::Text(t) = ev else {
            out.push(ev.clone());
            continue;
        };
        let mut rest: &str = t;
        let mut any = false;
        while let Some((a, b)) = find_resp(rest) {
            any = true;
            if a > 0 {
                out.push(Event::Text(CowStr::from(rest[..a].to_owned())));
            }
            let note = &rest[a..b];
            resp.push(note.to_owned());
            out.push(Event::Html(CowStr::Borrowed("<span class=\"resp\">")));
            out.push(Event::Text(CowStr::from(note.to_owned())));
            out.push(Event::Html(CowStr::Borrowed("</span>")));
            rest = &rest[b..];
        }
        if !any {
            out.push(ev.clone());
        } else if !rest.is_empty() {
            out.push(Event::Text(CowStr::from(rest.to_owned())));
        }
    }
    out
}

/// Byte range of the first responsible-unit note in `s`, parentheses included.
fn find_resp(s: &str) -> Option<(usize, usize)> {
    let mut from = 0;
    // The first closing parenthesis after the last opening one: opening
    // parentheses sharing it do not search for it again (n² on `((((…`),
    // and with none there is none after any later one either.
    let mut close_at: Option<usize> = None;
    while let Some(rel) = s[from..].find(['(', '（']) {
        let open = from + rel;
        let inner_start = open + s[open..].chars().next().map_or(1, char::len_utf8);
        let inner = &s[inner_start..];
        if close_at.is_none_or(|c| c < inner_start) {
            close_at = Some(inner_start + inner.find([')', '）'])?);
        }
        let close = close_at.map(|c| c - inner_start);
        if let Some(close) = close {
            let content = &inner[..close];
            let is_resp = RESP_PREFIXES
                .iter()
                .any(|p| content.trim_start().starts_with(p))
                || content.ends_with("负责")
                || content.ends_with("負責");
            if is_resp {
                let end =
                    inner_start + close + inner[close..].chars().next().map_or(1, char::len_utf8);
                return Some((open, end));
            }
        }
        from = inner_start;
    }
    None
}

fn render_table(block: &[Event<'_>], resp: &mut Vec<String>) -> String {
    let mut s = String::from("<div class=\"table-wrap\"><table>");
    let mut i = 1;
    let mut in_head = false;
    while i < block.len() {
        match &block[i] {
            Event::Start(Tag::TableHead) => {
                in_head = true;
                s.push_str("<thead>");
                s.push_str(&open_row(block, i));
            }
            Event::End(TagEnd::TableHead) => {
                in_head = false;
                s.push_str("</tr></thead><tbody>");
            }
            Event::Start(Tag::TableRow) => s.push_str(&open_row(block, i)),
            Event::End(TagEnd::TableRow) => s.push_str("</tr>"),
            Event::Start(Tag::TableCell) => {
                let end = i + block[i..]
                    .iter()
                    .position(|e| matches!(e, Event::End(TagEnd::TableCell)))
                    .unwrap_or(0);
                let tag = if in_head { "th" } else { "td" };
                s.push_str(&format!("<{tag}>"));
                s.push_str(&push(&block[i + 1..end], resp));
                s.push_str(&format!("</{tag}>"));
                i = end;
            }
            _ => {}
        }
        i += 1;
    }
    if !s.ends_with("<tbody>") || s.contains("<td>") {
        s.push_str("</tbody>");
    }
    s.push_str("</table></div>\n");
    s
}

fn open_row(block: &[Event<'_>], start: usize) -> String {
    match block.get(start + 1) {
        Some(Event::Html(h)) if h.starts_with('\u{0}') => {
            let id = h.trim_start_matches("\u{0}row-id:");
            format!("<tr id=\"{}\">", html_escape(id))
        }
        _ => "<tr>".to_owned(),
    }
}

fn render_code(block: &[Event<'_>]) -> String {
    let lang = match block.first() {
        Some(Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(l)))) => l.to_string(),
        _ => String::new(),
    };
    let code: String = block
        .iter()
        .filter_map(|e| match e {
            Event::Text(t) => Some(t.as_ref()),
            _ => None,
        })
        .collect();
    highlight::code_block(&code, lang.split_whitespace().next().unwrap_or(""))
}

/// Escapes text for HTML content and attribute values.
pub fn html_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_to_local_files_are_listed_at_their_offsets() {
        let body =
            "**重点。**后文[原文](%E5%8E%9F%E6%96%87.pdf) [页](../other/) ![图](chart.png)\n";
        let doc = render(body, &[], RawHtml::default());
        let got: Vec<(usize, &str)> = doc
            .local_links
            .iter()
            .map(|l| (l.offset, l.target.as_str()))
            .collect();
        let link = body.find("[原文]").unwrap();
        let image = body.find("![图]").unwrap();
        assert_eq!(got, [(link, "原文.pdf"), (image, "chart.png")]);
    }

    fn html(src: &str) -> String {
        render(src, &[], RawHtml::default()).html().to_owned()
    }

    #[test]
    fn cjk_soft_break_becomes_nothing() {
        assert_eq!(html("第一行\n第二行"), "<p>第一行第二行</p>\n");
        assert_eq!(html("one\ntwo"), "<p>one\ntwo</p>\n");
    }

    #[test]
    fn emphasis_next_to_cjk_punctuation() {
        assert_eq!(
            html("**重点。**后文"),
            "<p><strong>重点。</strong>后文</p>\n"
        );
    }

    #[test]
    fn headings_get_readable_unique_ids_and_toc() {
        let d = render(
            "## 一、发展基础\n\n### (一)成就\n\n## 一、发展基础\n",
            &[],
            RawHtml::default(),
        );
        let ids: Vec<_> = d.toc.iter().map(|t| t.id.as_str()).collect();
        assert_eq!(ids, ["一发展基础", "一成就", "一发展基础-2"]);
        assert!(d.html().contains("<h2 id=\"一发展基础\">"));
    }

    #[test]
    fn boxes_and_responsibilities() {
        let d = render(
            "> [!BOX] 专栏1 工程\n>\n> 1. 第一项\n\n做好工作。(责任单位:市知识产权局)\n",
            &[],
            RawHtml::default(),
        );
        assert_eq!(d.blocks[0].kind, BlockKind::Box);
        assert!(d
            .html()
            .contains("<aside class=\"box\" role=\"note\"><p class=\"box-title\">专栏1 工程</p>"));
        assert!(d
            .html()
            .contains("<span class=\"resp\">(责任单位:市知识产权局)</span>"));
        assert_eq!(d.responsibilities, ["(责任单位:市知识产权局)"]);
    }

    #[test]
    fn ordinary_parentheses_are_not_responsibilities() {
        let d = render("(一)总体要求(2021年)", &[], RawHtml::default());
        assert!(d.responsibilities.is_empty());
    }

    #[test]
    fn passages_anchor_the_smallest_block() {
        let src = "前言。\n\n- 目标一:达到18件\n- 目标二\n\n| 指标 | 2020年 |\n|---|---|\n| 专利(件) | 2.04 |\n";
        let ps = [
            Passage {
                text: "达到18件",
                id: "ind-a".into(),
            },
            Passage {
                text: "专利(件) | 2.04",
                id: "ind-b".into(),
            },
            Passage {
                text: "不存在",
                id: "ind-c".into(),
            },
        ];
        let d = render(src, &ps, RawHtml::default());
        assert_eq!(
            d.anchors,
            [Some("ind-a".into()), Some("ind-b".into()), None]
        );
        assert!(d.html().contains("<li id=\"ind-a\">"), "{}", d.html());
        assert!(
            d.html().contains("<tr id=\"ind-b\"><td>专利(件)</td>"),
            "{}",
            d.html()
        );
    }

    #[test]
    fn table_text_joins_cells() {
        let d = render("| a | b |\n|---|---|\n| 1 | 2 |\n", &[], RawHtml::default());
        assert_eq!(d.text_of(&d.blocks[0]), "a | b\n1 | 2");
        assert!(d
            .html()
            .starts_with("<div class=\"table-wrap\"><table><thead><tr><th>a</th>"));
    }
}
