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

mod blocks;
mod leaves;
mod tasks;
#[cfg(test)]
mod tests;

use blocks::*;
pub use blocks::{find_resp, html_escape};
use leaves::*;
pub use tasks::TaskLeaf;

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
    /// For each requested passage (same order), its anchor: the id of a
    /// `<span class="passage">` around its words (of its leaf, where a span
    /// cannot hold it: across table cells, in a box's title), or `None`
    /// when the text does not contain it.
    pub anchors: Vec<Option<String>>,
    /// Responsible-unit notes found in the text, in order.
    pub responsibilities: Vec<String>,
    /// The paragraphs and items holding those notes (the plan's tasks), in
    /// order, each with its anchor.
    pub tasks: Vec<TaskLeaf>,
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

/// A text the renderer should anchor, with the id to give it (made unique
/// with `-2`, `-3` … when taken).
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
    // One substring searcher per passage for the whole document (each is
    // looked for in every block until placed; setting a searcher up costs
    // more than most searches).
    let finders: Vec<memchr::memmem::Finder<'_>> = passages
        .iter()
        .map(|p| memchr::memmem::Finder::new(p.text.as_bytes()))
        .collect();
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
        // The block's leaves, found again only after a passage's span has
        // changed the block (a block is tried for every passage not yet
        // placed).
        let mut ls = leaves(block);
        let mut ls_fresh = true;
        let text = block_text(block, &ls);
        let raw = has_raw_html(block);
        // Each passage gets a span of its own around its text; one that
        // cannot (across table cells, in a box's title, across
        // paragraphs, in a block with raw HTML) names its leaf, keyed by the leaf's place among the
        // block's leaves (spans added do not change it).
        let mut assigned: BTreeMap<usize, String> = BTreeMap::new();
        for (pi, p) in passages.iter().enumerate() {
            if anchor_of[pi].is_some() || p.text.is_empty() {
                continue;
            }
            if !ls_fresh {
                ls = leaves(block);
                ls_fresh = true;
            }
            let Some(leaf) = innermost_match(&ls, &finders[pi]) else {
                continue;
            };
            let nth = ls
                .iter()
                .position(|l| l.start == leaf.start)
                .expect("a leaf of the list");
            let (start, end, leaf_id) = (leaf.start, leaf.end, leaf.id.clone());
            let id = unique_id(&p.id, &mut used_ids);
            // In a block with raw HTML the sanitiser may drop the text
            // around a span (a `<script>` never closed swallows the rest
            // of the paragraph): such a passage names its leaf, which stays.
            let wrapped = if raw || (kind == BlockKind::Box && start == 1) {
                false
            } else if matches!(block[start], Event::Start(Tag::TableRow | Tag::TableHead)) {
                cells(&block[start..end])
                    .into_iter()
                    .any(|(from, to)| wrap_passage(block, start + from, start + to, p.text, &id))
            } else {
                wrap_passage(block, start + 1, end, p.text, &id)
            };
            // A passage not wrapped left the block as it was.
            ls_fresh &= !wrapped;
            anchor_of[pi] = Some(if wrapped {
                id
            } else {
                match leaf_id.or_else(|| assigned.get(&nth).cloned()) {
                    Some(existing) => existing,
                    None => {
                        assigned.insert(nth, id.clone());
                        id
                    }
                }
            });
        }
        // Each leaf holding a responsible-unit note is a task ([`tasks`]).
        let at = (rendered.len(), section.as_deref());
        tasks::anchor(block, at, &mut assigned, &mut used_ids, &mut doc.tasks);
        // Apply from the end so inserted events do not shift earlier indices.
        let ls = leaves(block);
        for (nth, id) in assigned.iter().rev() {
            set_leaf_id(block, ls[*nth].start, id);
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
