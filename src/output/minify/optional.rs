//! Optional end tags and attribute quotes, left out where the HTML
//! standard allows it.
//!
//! One pass over a page that the whitespace pass has already written:
//!
//! - End tags of `li`, `dt`, `dd`, `p`, `td`, `th`, `tr`, `thead`, `tbody`
//!   and `tfoot` are left out under the rules of the standard's "Optional
//!   tags" section: when the next thing after the end tag (whitespace aside)
//!   is a start tag the rule names, or the end tag of the parent element.
//!   The whitespace between stays and becomes the element's last text, at
//!   the end of a block or a table cell, where it is not drawn. A `</p>` at
//!   the end of an `a`, `audio`, `del`, `ins`, `map`, `noscript`, `video` or
//!   custom element stays, as the standard asks. Nothing is left out inside
//!   `<pre>`, `<textarea>`, `<script>`, `<style>` or `<title>`, in a page
//!   without `<!DOCTYPE html>` (a `<table>` closes a `<p>` only outside
//!   quirks mode), nor anywhere after an end tag that does not close the
//!   element this pass believes open (hand-written HTML with tags already
//!   left out): the pass stops guessing there.
//! - A quoted attribute value loses its quotes when it is not empty, holds
//!   no whitespace and none of `"'=<>` and backtick, does not end in `/` and
//!   is followed by whitespace or `>` (not by `/>`).
//!
//! Comments, doctypes and the text of raw-text elements are copied as they
//! are.

use std::borrow::Cow;

/// Whether `name` (lower case) is an element whose end tag the standard
/// lets a page leave out: `li`, `dt`, `dd`, `p`, `td`, `th`, `tr`,
/// `thead`, `tbody`, `tfoot`.
fn optional(name: &[u8]) -> bool {
    matches!(
        name,
        b"li" | b"dt" | b"dd" | b"p" | b"td" | b"th" | b"tr" | b"thead" | b"tbody" | b"tfoot"
    )
}

/// Whether a start tag `name` ends an open `p` when it follows its end tag.
fn after_p(name: &[u8]) -> bool {
    matches!(
        name,
        b"address"
            | b"article"
            | b"aside"
            | b"blockquote"
            | b"details"
            | b"dialog"
            | b"div"
            | b"dl"
            | b"fieldset"
            | b"figcaption"
            | b"figure"
            | b"footer"
            | b"form"
            | b"h1"
            | b"h2"
            | b"h3"
            | b"h4"
            | b"h5"
            | b"h6"
            | b"header"
            | b"hgroup"
            | b"hr"
            | b"main"
            | b"menu"
            | b"nav"
            | b"ol"
            | b"p"
            | b"pre"
            | b"search"
            | b"section"
            | b"table"
            | b"ul"
    )
}

/// Whether a last `p` keeps its end tag in the parent `name`.
fn p_keeps_end_in(name: &[u8]) -> bool {
    matches!(
        name,
        b"a" | b"audio" | b"del" | b"ins" | b"map" | b"noscript" | b"video"
    )
}

/// Whether `name` is an element without an end tag.
fn void(name: &[u8]) -> bool {
    matches!(
        name,
        b"area"
            | b"base"
            | b"br"
            | b"col"
            | b"embed"
            | b"hr"
            | b"img"
            | b"input"
            | b"link"
            | b"meta"
            | b"param"
            | b"source"
            | b"track"
            | b"wbr"
    )
}

/// Whether `name` is an element whose content is copied up to its end tag.
fn raw(name: &[u8]) -> bool {
    matches!(name, b"script" | b"style" | b"textarea" | b"title" | b"xmp")
}

/// Whether the optional end tag of `element` may be left out when `next`
/// follows it: `Next::Start(name)` or `Next::End(name)`, the next tag, with
/// `parent` the element that holds `element`.
fn may_omit(element: &[u8], next: Next<'_>, parent: &[u8]) -> bool {
    let parent_ends = matches!(next, Next::End(n) if n == parent);
    let starts = |test: fn(&[u8]) -> bool| matches!(next, Next::Start(n) if test(n));
    match element {
        b"li" => starts(|n| n == b"li") || parent_ends,
        b"dt" => starts(|n| matches!(n, b"dt" | b"dd")),
        b"dd" => starts(|n| matches!(n, b"dt" | b"dd")) || parent_ends,
        b"p" => {
            starts(after_p) || (parent_ends && !p_keeps_end_in(parent) && !parent.contains(&b'-'))
        }
        b"td" | b"th" => starts(|n| matches!(n, b"td" | b"th")) || parent_ends,
        b"tr" => starts(|n| n == b"tr") || parent_ends,
        b"thead" => starts(|n| matches!(n, b"tbody" | b"tfoot")),
        b"tbody" => starts(|n| matches!(n, b"tbody" | b"tfoot")) || parent_ends,
        b"tfoot" => parent_ends,
        _ => false,
    }
}

/// The tag that follows a candidate end tag.
#[derive(Clone, Copy)]
enum Next<'a> {
    Start(&'a [u8]),
    End(&'a [u8]),
}

/// An end tag written to the output that may still be taken out.
struct Pending<'a> {
    /// Its bytes in the output.
    range: std::ops::Range<usize>,
    /// The element it ends.
    element: Cow<'a, [u8]>,
    /// The element that held it.
    parent: Cow<'a, [u8]>,
}

/// `name` in lower case: borrowed when it already is (as in every page the
/// theme writes), so that no tag costs an allocation.
fn lower(name: &[u8]) -> Cow<'_, [u8]> {
    if name.iter().any(u8::is_ascii_uppercase) {
        Cow::Owned(name.to_ascii_lowercase())
    } else {
        Cow::Borrowed(name)
    }
}

/// Leaves out optional end tags and attribute quotes.
pub fn strip(input: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(input.len());
    let mut open: Vec<Cow<'_, [u8]>> = Vec::new();
    let mut trusted = starts_with_doctype(input);
    let mut pre_depth = 0usize;
    let mut pending: Option<Pending<'_>> = None;
    let mut at = 0;
    while let Some(lt) = memchr::memchr(b'<', &input[at..]).map(|i| at + i) {
        let text = &input[at..lt];
        if pending.is_some() && !text.iter().all(u8::is_ascii_whitespace) {
            pending = None;
        }
        out.extend_from_slice(text);
        let rest = &input[lt..];
        if rest.starts_with(b"<!--") {
            let end = find(rest, b"-->").map_or(input.len(), |i| lt + i + 3);
            out.extend_from_slice(&input[lt..end]);
            pending = None;
            at = end;
            continue;
        }
        // A start tag is written as it is read; an end tag after the
        // pending one is dealt with.
        let tag = Name::parse(rest).and_then(|n| {
            let walked = if n.end {
                walk_attributes(rest, n.at.end, |_, _| {})
            } else {
                write_start_tag(&mut out, rest, n.at.end)
            };
            walked.map(|(len, self_closing)| (n, len, self_closing))
        });
        let Some((tag, len, self_closing)) = tag else {
            // `<!doctype>`, `<?…>` or a `<` that starts no tag: copied.
            let end = if matches!(rest.get(1), Some(b'!' | b'?')) {
                memchr::memchr(b'>', rest).map_or(input.len(), |i| lt + i + 1)
            } else {
                lt + 1
            };
            out.extend_from_slice(&input[lt..end]);
            pending = None;
            at = end;
            continue;
        };
        let name = lower(&rest[tag.at]);
        if let Some(p) = pending.take() {
            let next = if tag.end {
                Next::End(&name)
            } else {
                Next::Start(&name)
            };
            if may_omit(&p.element, next, &p.parent) {
                // Only whitespace and, for a start tag, the tag itself
                // follow the end tag in the output.
                out.drain(p.range);
            }
        }
        let tag_end = lt + len;
        if tag.end {
            let start = out.len();
            out.extend_from_slice(&input[lt..tag_end]);
            if *name == *b"pre" {
                pre_depth = pre_depth.saturating_sub(1);
            }
            if open.last() == Some(&name) {
                open.pop();
                if trusted && pre_depth == 0 && optional(&name) {
                    if let Some(parent) = open.last() {
                        pending = Some(Pending {
                            range: start..out.len(),
                            element: name,
                            parent: parent.clone(),
                        });
                    }
                }
            } else {
                trusted = false;
            }
            at = tag_end;
            continue;
        }
        at = tag_end;
        if raw(&name) {
            let close = raw_end(&input[at..], &name).map_or(input.len(), |i| at + i);
            out.extend_from_slice(&input[at..close]);
            at = close;
            // Its end tag is read as any other and closes it.
        }
        if *name == *b"pre" {
            pre_depth += 1;
        }
        if !self_closing && !void(&name) {
            open.push(name);
        }
    }
    out.extend_from_slice(&input[at..]);
    out
}

/// Whether the page opens with `<!DOCTYPE html>` (any case).
fn starts_with_doctype(input: &[u8]) -> bool {
    let doctype = b"<!doctype html>";
    input.len() >= doctype.len() && input[..doctype.len()].eq_ignore_ascii_case(doctype)
}

/// The offset of `needle` in `hay`.
fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(hay, needle)
}

/// The offset in `text` of the end tag `</name` (any case) that ends a
/// raw-text element.
fn raw_end(text: &[u8], name: &[u8]) -> Option<usize> {
    memchr::memmem::find_iter(text, b"</").find(|&i| {
        let after = &text[i + 2..];
        after.len() > name.len()
            && after[..name.len()].eq_ignore_ascii_case(name)
            && matches!(
                after[name.len()],
                b'>' | b'/' | b' ' | b'\t' | b'\n' | b'\r' | 0x0c
            )
    })
}

/// The name of a start or end tag at the start of a slice.
struct Name {
    /// `</…>`.
    end: bool,
    /// Where its name is, as written.
    at: std::ops::Range<usize>,
}

impl Name {
    /// The name of the tag that `s` (starting with `<`) opens, or `None`
    /// when `s` does not start one or the name does not end.
    fn parse(s: &[u8]) -> Option<Self> {
        let end = s.get(1) == Some(&b'/');
        let name_at = 1 + usize::from(end);
        if !s.get(name_at)?.is_ascii_alphabetic() {
            return None;
        }
        let name_len = s[name_at..]
            .iter()
            .position(|b| is_space(*b) || *b == b'/' || *b == b'>')?;
        Some(Name {
            end,
            at: name_at..name_at + name_len,
        })
    }
}

/// HTML's whitespace.
fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0c)
}

/// Reads a tag's attributes from `i` as the HTML tokenizer does, up to the
/// `>` that ends the tag, calling `unquote(open, close)` with the offsets
/// of the quotes around each plain quoted value. The tag's length and
/// whether it ends in `/>`; `None` when it does not end.
fn walk_attributes(
    s: &[u8],
    mut i: usize,
    mut unquote: impl FnMut(usize, usize),
) -> Option<(usize, bool)> {
    loop {
        // Before an attribute name.
        let b = *s.get(i)?;
        if is_space(b) {
            i += 1;
            continue;
        }
        if b == b'>' {
            return Some((i + 1, false));
        }
        if b == b'/' {
            i += 1;
            if s.get(i) == Some(&b'>') {
                return Some((i + 1, true));
            }
            continue;
        }
        // The name: a first `=` belongs to it.
        i += 1;
        while !matches!(s.get(i), Some(b) if is_space(*b) || matches!(b, b'/' | b'>' | b'=')) {
            s.get(i)?;
            i += 1;
        }
        // After the name.
        while s.get(i).is_some_and(|b| is_space(*b)) {
            i += 1;
        }
        if s.get(i) != Some(&b'=') {
            continue;
        }
        i += 1;
        while s.get(i).is_some_and(|b| is_space(*b)) {
            i += 1;
        }
        match *s.get(i)? {
            q @ (b'"' | b'\'') => {
                let close = i + 1 + memchr::memchr(q, &s[i + 1..])?;
                let followed = s.get(close + 1).is_some_and(|b| is_space(*b) || *b == b'>');
                if followed && plain(&s[i + 1..close]) {
                    unquote(i, close);
                }
                i = close + 1;
            }
            b'>' => {}
            _ => {
                while !matches!(s.get(i), Some(b) if is_space(*b) || *b == b'>') {
                    s.get(i)?;
                    i += 1;
                }
            }
        }
    }
}

/// Writes the start tag at the start of `s`, whose name ends at
/// `name_end`, its plain attribute values without quotes: the spans
/// between the quotes left out are copied whole. Its length and whether it
/// ends in `/>`; `None`, with nothing written, when it does not end.
fn write_start_tag(out: &mut Vec<u8>, s: &[u8], name_end: usize) -> Option<(usize, bool)> {
    let start = out.len();
    let mut copied = 0;
    let walked = walk_attributes(s, name_end, |open, close| {
        out.extend_from_slice(&s[copied..open]);
        out.extend_from_slice(&s[open + 1..close]);
        copied = close + 1;
    });
    match walked {
        Some((len, self_closing)) => {
            out.extend_from_slice(&s[copied..len]);
            Some((len, self_closing))
        }
        None => {
            out.truncate(start);
            None
        }
    }
}

/// Whether an attribute value may be written without quotes.
fn plain(value: &[u8]) -> bool {
    !value.is_empty()
        && value.last() != Some(&b'/')
        && !value.iter().any(|b| {
            matches!(
                b,
                b' ' | b'\t' | b'\n' | b'\r' | 0x0c | b'"' | b'\'' | b'=' | b'<' | b'>' | b'`'
            )
        })
}

#[cfg(test)]
#[path = "optional_tests.rs"]
mod tests;
