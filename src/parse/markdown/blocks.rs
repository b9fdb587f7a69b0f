//! A block's HTML: boxes, tables, highlighted code, and the
//! responsible-unit notes marked inside them.

use super::*;

pub(super) fn render_block(block: &[Event<'_>], kind: BlockKind, resp: &mut Vec<String>) -> String {
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

pub(super) fn push(events: &[Event<'_>], resp: &mut Vec<String>) -> String {
    let mut out = String::new();
    let marked = mark_responsibilities(events, resp);
    html::push_html(&mut out, marked.into_iter());
    out
}

/// Wraps `(责任单位:…)`-style notes in `<span class="resp">` and records them.
pub(super) fn mark_responsibilities<'a>(
    events: &[Event<'a>],
    resp: &mut Vec<String>,
) -> Vec<Event<'a>> {
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
pub fn find_resp(s: &str) -> Option<(usize, usize)> {
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

/// A table in its scrolling wrapper. The wrapper takes keyboard focus
/// (`tabindex="0"`) so that a table wider than a phone's screen can be
/// scrolled sideways with the arrow keys (WCAG 2.1.1; axe's
/// `scrollable-region-focusable`). A block that also holds raw HTML passes
/// through the sanitizer, which does not publish `tabindex`.
pub(super) fn render_table(block: &[Event<'_>], resp: &mut Vec<String>) -> String {
    let mut s = String::from("<div class=\"table-wrap\" tabindex=\"0\"><table>");
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

pub(super) fn open_row(block: &[Event<'_>], start: usize) -> String {
    match block.get(start + 1) {
        Some(Event::Html(h)) if h.starts_with('\u{0}') => {
            let id = h.trim_start_matches("\u{0}row-id:");
            format!("<tr id=\"{}\">", html_escape(id))
        }
        _ => "<tr>".to_owned(),
    }
}

pub(super) fn render_code(block: &[Event<'_>]) -> String {
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
