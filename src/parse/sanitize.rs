//! What of a Markdown body's raw HTML is published.
//!
//! Plan texts are published as live HTML, so a `<script>`, an `onerror=`
//! attribute or a `javascript:` link in a body would run in every reader's
//! browser. The renderer's own markup is safe by construction; a block
//! that contains raw HTML is passed through [`ammonia`] with the allowlist
//! of its site's [`RawHtml`] setting. Only those blocks: most plans have
//! none, and a build renders thousands of plans.
//!
//! The allowlist here is the one both sides read: ammonia, which removes,
//! and [`super::guard`], which tells the author what was removed and where.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::OnceLock;

use ammonia::{Builder, UrlRelative};

use super::url;
use crate::diag::{line_col, Diagnostic, Location, Severity};

/// How much raw HTML a site publishes: `site.yaml`'s
/// `markdown: {raw_html: true}` turns on [`RawHtml::Trusted`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RawHtml {
    /// The default: the markup plan texts need (`sup`, `sub`, `br`,
    /// `abbr`, `ruby`, tables, `span` with the theme's classes) and what
    /// the renderer emits; everything else is removed with a warning.
    #[default]
    Restricted,
    /// For a site that trusts its authors: most of HTML, with `class`,
    /// `id` and `style`. Scripts, frames, objects, forms, event attributes
    /// and disallowed URL schemes are still removed.
    Trusted,
}

/// A problem found while rendering a body, at a byte offset of the body
/// (the caller knows the file and the body's first line:
/// [`Problem::diagnostic`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Byte offset in the body.
    pub offset: usize,
    /// An error (a refused URL) or a warning (markup removed).
    pub severity: Severity,
    /// What is wrong.
    pub message: String,
    /// What to do about it.
    pub hint: Cow<'static, str>,
}

impl Problem {
    /// The diagnostic for the file `path`, whose body `body` starts at
    /// file line `body_line`.
    pub fn diagnostic(&self, path: &Path, body: &str, body_line: usize) -> Diagnostic {
        let (line, column) = line_col(body, self.offset);
        let location = Location::new(path, body_line + line - 1, column);
        let d = match self.severity {
            Severity::Error => Diagnostic::error(location, self.message.clone()),
            Severity::Warning => Diagnostic::warning(location, self.message.clone()),
            Severity::Note => Diagnostic::note(location, self.message.clone()),
        };
        d.hint(self.hint.clone().into_owned())
    }
}

/// Elements removed with everything inside them, in both modes.
pub(super) const REMOVED_WITH_CONTENT: &[&str] = &[
    "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "template",
    "noscript", "noembed", "noframes", "textarea", "title", "xmp", "svg", "math", "select",
];

/// Elements the renderer emits and plan texts need.
const RESTRICTED_TAGS: &[&str] = &[
    "a",
    "abbr",
    "aside",
    "b",
    "blockquote",
    "br",
    "caption",
    "code",
    "col",
    "colgroup",
    "dd",
    "del",
    "div",
    "dl",
    "dt",
    "em",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "ins",
    "li",
    "mark",
    "ol",
    "p",
    "pre",
    "q",
    "rp",
    "rt",
    "ruby",
    "s",
    "small",
    "span",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "u",
    "ul",
    "wbr",
];

/// Elements a trusted site may add.
const TRUSTED_EXTRA_TAGS: &[&str] = &[
    "acronym",
    "article",
    "bdi",
    "bdo",
    "center",
    "cite",
    "data",
    "details",
    "dfn",
    "figcaption",
    "figure",
    "footer",
    "header",
    "hgroup",
    "kbd",
    "nav",
    "rtc",
    "samp",
    "section",
    "strike",
    "summary",
    "time",
    "tt",
    "var",
];

/// Attributes allowed on every allowed element.
const RESTRICTED_GENERIC: &[&str] = &["lang", "title"];
const TRUSTED_GENERIC: &[&str] = &["lang", "title", "class", "id", "style", "dir", "role"];

/// Attributes allowed on one element.
const RESTRICTED_ATTRS: &[(&str, &[&str])] = &[
    ("a", &["href"]),
    ("img", &["src", "alt", "width", "height"]),
    ("ol", &["start"]),
    ("td", &["colspan", "rowspan"]),
    ("th", &["colspan", "rowspan"]),
    ("col", &["span"]),
    ("colgroup", &["span"]),
    ("h1", &["id"]),
    ("h2", &["id"]),
    ("h3", &["id"]),
    ("h4", &["id"]),
    ("h5", &["id"]),
    ("h6", &["id"]),
    ("p", &["id", "class"]),
    ("li", &["id"]),
    ("tr", &["id"]),
    ("div", &["id", "class"]),
    ("aside", &["class", "role"]),
    ("pre", &["class"]),
    ("code", &["class"]),
    ("span", &["class", "id"]),
    ("sup", &["class"]),
];
const TRUSTED_ATTRS: &[(&str, &[&str])] = &[
    ("blockquote", &["cite"]),
    ("q", &["cite"]),
    ("del", &["cite", "datetime"]),
    ("ins", &["cite", "datetime"]),
    ("time", &["datetime"]),
    ("data", &["value"]),
    ("details", &["open"]),
    ("a", &["hreflang"]),
];

/// The classes the theme styles, by element (`*` ends a prefix).
const CLASSES: &[(&str, &[&str])] = &[
    ("aside", &["box"]),
    ("p", &["box-title"]),
    ("div", &["table-wrap", "footnote-definition"]),
    ("sup", &["footnote-reference", "footnote-definition-label"]),
    ("pre", &["hl"]),
    ("code", &["language-*"]),
    (
        "span",
        &["resp", "passage", "small", "na", "visually-hidden", "hl-*"],
    ),
];

/// Attributes whose value a browser follows as a URL.
pub(super) const URL_ATTRS: &[&str] = &[
    "href",
    "src",
    "xlink:href",
    "action",
    "formaction",
    "data",
    "ping",
    "poster",
    "cite",
    "background",
    "srcset",
];

impl RawHtml {
    /// Whether `tag` (lower-case) is published.
    pub(super) fn allows_tag(self, tag: &str) -> bool {
        RESTRICTED_TAGS.contains(&tag)
            || (self == RawHtml::Trusted && TRUSTED_EXTRA_TAGS.contains(&tag))
    }

    /// Whether `attr` (lower-case) is published on the allowed `tag`.
    pub(super) fn allows_attr(self, tag: &str, attr: &str) -> bool {
        let listed = |table: &[(&str, &[&str])]| {
            table
                .iter()
                .any(|(t, attrs)| *t == tag && attrs.contains(&attr))
        };
        match self {
            RawHtml::Restricted => RESTRICTED_GENERIC.contains(&attr) || listed(RESTRICTED_ATTRS),
            RawHtml::Trusted => {
                TRUSTED_GENERIC.contains(&attr) || listed(RESTRICTED_ATTRS) || listed(TRUSTED_ATTRS)
            }
        }
    }

    /// Whether the class `class` is published on `tag`.
    pub(super) fn allows_class(self, tag: &str, class: &str) -> bool {
        self == RawHtml::Trusted
            || CLASSES.iter().any(|(t, classes)| {
                *t == tag
                    && classes.iter().any(|c| match c.strip_suffix('*') {
                        Some(prefix) => class.starts_with(prefix),
                        None => *c == class,
                    })
            })
    }

    /// The sanitiser for this setting, built once.
    fn builder(self) -> &'static Builder<'static> {
        static RESTRICTED: OnceLock<Builder<'static>> = OnceLock::new();
        static TRUSTED: OnceLock<Builder<'static>> = OnceLock::new();
        let cell = match self {
            RawHtml::Restricted => &RESTRICTED,
            RawHtml::Trusted => &TRUSTED,
        };
        cell.get_or_init(|| self.make_builder())
    }

    fn make_builder(self) -> Builder<'static> {
        let mut tags: HashSet<&str> = RESTRICTED_TAGS.iter().copied().collect();
        let mut generic: HashSet<&str> = RESTRICTED_GENERIC.iter().copied().collect();
        let mut per_tag: HashMap<&str, HashSet<&str>> = HashMap::new();
        let mut add = |table: &[(&'static str, &[&'static str])]| {
            for (tag, attrs) in table {
                per_tag
                    .entry(tag)
                    .or_default()
                    .extend(attrs.iter().copied());
            }
        };
        add(RESTRICTED_ATTRS);
        if self == RawHtml::Trusted {
            tags.extend(TRUSTED_EXTRA_TAGS.iter().copied());
            generic.extend(TRUSTED_GENERIC.iter().copied());
            add(TRUSTED_ATTRS);
        }
        let mut b = Builder::empty();
        b.tags(tags)
            .clean_content_tags(REMOVED_WITH_CONTENT.iter().copied().collect())
            .generic_attributes(generic)
            .generic_attribute_prefixes(HashSet::new())
            .tag_attributes(per_tag)
            .tag_attribute_values(HashMap::new())
            .allowed_classes(HashMap::new())
            .url_schemes(url::ALLOWED_SCHEMES.iter().copied().collect())
            .url_relative(UrlRelative::PassThrough)
            .link_rel(None)
            .strip_comments(true)
            .id_prefix(None)
            .attribute_filter(move |tag, attr, value| filter_value(self, tag, attr, value));
        b
    }
}

/// Second look at an allowed attribute's value: classes the theme does
/// not style are dropped, and so is a URL with a refused scheme (ammonia
/// checks `href` and `src`; this also covers `cite` and the like).
fn filter_value<'v>(mode: RawHtml, tag: &str, attr: &str, value: &'v str) -> Option<Cow<'v, str>> {
    if URL_ATTRS.contains(&attr) && url::check(value).is_err() {
        return None;
    }
    if attr != "class" || mode == RawHtml::Trusted {
        return Some(Cow::Borrowed(value));
    }
    let kept: Vec<&str> = value
        .split_ascii_whitespace()
        .filter(|c| mode.allows_class(tag, c))
        .collect();
    (!kept.is_empty()).then(|| Cow::Owned(kept.join(" ")))
}

/// Cleans the HTML of one block that contains raw HTML.
pub fn clean(html: &str, mode: RawHtml) -> String {
    mode.builder().clean(html).to_string()
}

#[cfg(test)]
#[path = "sanitize_tests.rs"]
mod tests;
