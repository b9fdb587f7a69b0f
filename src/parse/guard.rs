//! The check of a Markdown body's events as they leave the parser, with
//! their byte ranges: refused URLs in links and images (an error, and the
//! link is published as its text), heading attributes the allowlist does
//! not keep, and, in raw HTML, each element, attribute and class that
//! [`super::sanitize`] will remove (a warning at the tag or attribute).
//!
//! The guard only reports: removing is ammonia's job, so the warnings
//! describe what ammonia does by reading the same allowlist.

use std::borrow::Cow;
use std::ops::Range;

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use super::sanitize::{Problem, RawHtml, REMOVED_WITH_CONTENT, URL_ATTRS};
use super::url;
use crate::diag::Severity;

/// A relative link or image to a local file ([`crate::links::local_file`]),
/// for the model to check against the files beside the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocalLink {
    /// Byte offset of the link in the body.
    pub offset: usize,
    /// The file it names, percent-decoded (`img/chart.png`).
    pub target: String,
}

/// Checks events in order; see the module docs.
pub struct Guard {
    mode: RawHtml,
    problems: Vec<Problem>,
    /// Links and images to local files, in order.
    pub local: Vec<LocalLink>,
    /// For each open link (image), whether it was refused and is left out.
    links: Vec<bool>,
    images: Vec<bool>,
    /// Consecutive raw HTML events (an HTML block comes line by line).
    run: String,
    /// Where each piece of `run` starts in it and in the source, and
    /// whether the piece is the source's text (else its offsets are its start).
    pieces: Vec<(usize, usize, bool)>,
}

impl Guard {
    /// A guard for a site with this raw HTML setting.
    pub fn new(mode: RawHtml) -> Self {
        Guard {
            mode,
            problems: Vec::new(),
            local: Vec::new(),
            links: Vec::new(),
            images: Vec::new(),
            run: String::new(),
            pieces: Vec::new(),
        }
    }

    /// Checks `ev`, found at `range` of `src`: returns it to be rendered,
    /// changed (heading attributes removed), or `None` to leave it out.
    pub fn event<'a>(
        &mut self,
        src: &str,
        ev: Event<'a>,
        range: Range<usize>,
    ) -> Option<Event<'a>> {
        if let Event::Html(t) | Event::InlineHtml(t) = &ev {
            let exact = src.get(range.clone()) == Some(t.as_ref());
            self.pieces.push((self.run.len(), range.start, exact));
            self.run.push_str(t);
            return Some(ev);
        }
        self.flush();
        match ev {
            Event::Start(Tag::Link { ref dest_url, .. }) => {
                let refused = self.refuse(dest_url, range.start, "link");
                self.note_local(dest_url, range.start, false, refused);
                self.links.push(refused);
                (!refused).then_some(ev)
            }
            Event::End(TagEnd::Link) => (self.links.pop() != Some(true)).then_some(ev),
            Event::Start(Tag::Image { ref dest_url, .. }) => {
                let refused = self.refuse(dest_url, range.start, "image");
                self.note_local(dest_url, range.start, true, refused);
                self.images.push(refused);
                (!refused).then_some(ev)
            }
            Event::End(TagEnd::Image) => (self.images.pop() != Some(true)).then_some(ev),
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => {
                let at = src
                    .get(range.clone())
                    .and_then(|s| s.rfind('{'))
                    .map_or(range.start, |i| range.start + i);
                let tag = format!("h{}", level as u8);
                let classes = self.keep_classes(&tag, classes, at);
                let attrs = attrs
                    .into_iter()
                    .filter(|(k, v)| self.keep_attr(&tag, k, v.as_deref().unwrap_or(""), at))
                    .collect();
                Some(Event::Start(Tag::Heading {
                    level,
                    id,
                    classes,
                    attrs,
                }))
            }
            ev => Some(ev),
        }
    }

    /// The problems found, at offsets of the source the events came from.
    pub fn finish(&mut self) -> Vec<Problem> {
        self.flush();
        std::mem::take(&mut self.problems)
    }

    /// Notes a link (image) to a local file unless it was refused.
    fn note_local(&mut self, dest: &str, offset: usize, image: bool, refused: bool) {
        if refused {
            return;
        }
        if let Some(target) = crate::links::local_file(dest, image) {
            self.local.push(LocalLink { offset, target });
        }
    }

    fn push(&mut self, offset: usize, severity: Severity, message: String, hint: &'static str) {
        self.problems.push(Problem {
            offset,
            severity,
            message,
            hint: Cow::Borrowed(hint),
        });
    }

    /// Reports `dest` if its scheme is refused; true when it was.
    fn refuse(&mut self, dest: &str, offset: usize, what: &str) -> bool {
        match url::check(dest) {
            Ok(()) => false,
            Err(bad) => {
                self.push(offset, Severity::Error, format!("{what}: {bad}"), url::HINT);
                true
            }
        }
    }

    fn keep_classes<'a>(
        &mut self,
        tag: &str,
        classes: Vec<CowStr<'a>>,
        at: usize,
    ) -> Vec<CowStr<'a>> {
        let (keep, drop): (Vec<_>, Vec<_>) = classes
            .into_iter()
            .partition(|c| self.mode.allows_class(tag, c));
        for c in drop {
            self.push(
                at,
                Severity::Warning,
                format!("class `{c}` removed from `<{tag}>`"),
                CLASS_HINT,
            );
        }
        keep
    }

    /// Whether the attribute `name="value"` of an allowed `tag` is kept;
    /// reports it when not.
    fn keep_attr(&mut self, tag: &str, name: &str, value: &str, at: usize) -> bool {
        let name = name.to_ascii_lowercase();
        if URL_ATTRS.contains(&name.as_str()) {
            if let Err(bad) = url::check(value) {
                let msg = format!("`<{tag} {name}>`: {bad}");
                self.push(at, Severity::Error, msg, url::HINT);
                return false;
            }
        }
        if name == "class" && self.mode.allows_attr(tag, "class") {
            for c in value.split_ascii_whitespace() {
                if !self.mode.allows_class(tag, c) {
                    let msg = format!("class `{c}` removed from `<{tag}>`");
                    self.push(at, Severity::Warning, msg, CLASS_HINT);
                }
            }
            return true;
        }
        if self.mode.allows_attr(tag, &name) {
            return true;
        }
        let hint = if name.starts_with("on") {
            "event handlers are never published: plan pages run no script from their text"
        } else if name == "style" {
            "inline styles are not published: the theme's stylesheet decides the look"
        } else {
            "remove the attribute; docs/CONTENT.md lists what raw HTML keeps"
        };
        self.push(
            at,
            Severity::Warning,
            format!("attribute `{name}` removed from `<{tag}>`"),
            hint,
        );
        false
    }

    /// Checks the raw HTML gathered so far.
    fn flush(&mut self) {
        if self.run.is_empty() {
            return;
        }
        let run = std::mem::take(&mut self.run);
        for tag in Tags::new(&run) {
            let at = self.source_offset(tag.start);
            let name = tag.name.to_ascii_lowercase();
            if !self.mode.allows_tag(&name) {
                let (message, hint) = if REMOVED_WITH_CONTENT.contains(&name.as_str()) {
                    (
                        format!("raw HTML `<{name}>` removed with its content"),
                        NEVER_HINT,
                    )
                } else {
                    (
                        format!("raw HTML `<{name}>` removed (its text is kept)"),
                        TAG_HINT,
                    )
                };
                self.push(at, Severity::Warning, message, hint);
                continue;
            }
            for (attr, off, value) in &tag.attrs {
                let at = self.source_offset(*off);
                let value = url::decode_references(value);
                self.keep_attr(&name, attr, &value, at);
            }
        }
        self.pieces.clear();
    }

    /// The source offset of byte `i` of the current run.
    fn source_offset(&self, i: usize) -> usize {
        let k = self.pieces.partition_point(|p| p.0 <= i).saturating_sub(1);
        match self.pieces.get(k) {
            Some(&(run_start, src_start, true)) => src_start + (i - run_start),
            Some(&(_, src_start, false)) => src_start,
            None => 0,
        }
    }
}

const TAG_HINT: &str = "write it in Markdown: raw HTML is published only for sup, sub, br, abbr, \
ruby, tables and the like (docs/CONTENT.md), or for every element with `markdown: {raw_html: \
true}` in site.yaml when every author is trusted";
const NEVER_HINT: &str =
    "scripts, styles, frames, objects, forms and SVG are never published from \
a plan text: remove it";
const CLASS_HINT: &str = "only the classes the theme styles are kept (docs/CONTENT.md)";

/// An opening tag found in raw HTML.
struct OpenTag<'a> {
    /// Where its `<` is.
    start: usize,
    name: &'a str,
    /// Name, where the name starts, and the value as written.
    attrs: Vec<(&'a str, usize, &'a str)>,
}

/// The opening tags of an HTML text, as a browser would read them;
/// comments, declarations, end tags and the content of elements removed
/// with their content are skipped.
struct Tags<'a> {
    s: &'a str,
    i: usize,
}

impl<'a> Tags<'a> {
    fn new(s: &'a str) -> Self {
        Tags { s, i: 0 }
    }

    /// Moves past the next `needle` (ASCII, matched case-insensitively),
    /// or to the end.
    fn skip_past(&mut self, needle: &str) {
        let (hay, n) = (&self.s.as_bytes()[self.i..], needle.as_bytes());
        self.i = hay
            .windows(n.len())
            .position(|w| w.eq_ignore_ascii_case(n))
            .map_or(self.s.len(), |k| self.i + k + n.len());
    }
}

impl<'a> Iterator for Tags<'a> {
    type Item = OpenTag<'a>;

    fn next(&mut self) -> Option<OpenTag<'a>> {
        let s = self.s;
        let b = s.as_bytes();
        loop {
            let start = self.i + s[self.i..].find('<')?;
            self.i = start + 1;
            let rest = &s[self.i..];
            if rest.starts_with("!--") {
                self.skip_past("-->");
                continue;
            }
            if rest.starts_with(['!', '?', '/']) {
                self.skip_past(">");
                continue;
            }
            let name_len = rest
                .bytes()
                .position(|c| !(c.is_ascii_alphanumeric() || c == b'-' || c == b':'))
                .unwrap_or(rest.len());
            if name_len == 0 || !rest.as_bytes()[0].is_ascii_alphabetic() {
                continue;
            }
            let name = &rest[..name_len];
            self.i += name_len;
            let mut attrs = Vec::new();
            loop {
                while self.i < b.len() && (b[self.i].is_ascii_whitespace() || b[self.i] == b'/') {
                    self.i += 1;
                }
                if self.i >= b.len() || b[self.i] == b'>' {
                    self.i = (self.i + 1).min(b.len());
                    break;
                }
                let a = self.i;
                while self.i < b.len()
                    && !b[self.i].is_ascii_whitespace()
                    && !matches!(b[self.i], b'/' | b'>' | b'=')
                {
                    self.i += 1;
                }
                if self.i == a {
                    self.i += 1;
                    continue;
                }
                let attr = &s[a..self.i];
                let mut j = self.i;
                while j < b.len() && b[j].is_ascii_whitespace() {
                    j += 1;
                }
                let mut value = "";
                if b.get(j) == Some(&b'=') {
                    j += 1;
                    while j < b.len() && b[j].is_ascii_whitespace() {
                        j += 1;
                    }
                    let (v0, v1, next) = match b.get(j) {
                        Some(&q @ (b'"' | b'\'')) => {
                            let end = s[j + 1..].find(q as char).map_or(s.len(), |k| j + 1 + k);
                            (j + 1, end, (end + 1).min(s.len()))
                        }
                        _ => {
                            let end = s[j..]
                                .find(|c: char| c.is_ascii_whitespace() || c == '>')
                                .map_or(s.len(), |k| j + k);
                            (j, end, end)
                        }
                    };
                    value = &s[v0..v1];
                    self.i = next;
                }
                attrs.push((attr, a, value));
            }
            let lower = name.to_ascii_lowercase();
            if REMOVED_WITH_CONTENT.contains(&lower.as_str()) {
                self.skip_past(&format!("</{lower}"));
            }
            return Some(OpenTag { start, name, attrs });
        }
    }
}
