//! Pages read as a browser reads them.
//!
//! Published pages are minified: optional end tags (`</li>`, `</td>`,
//! `</p>` …) and plain attribute quotes are left out, as the HTML standard
//! allows. A test that looks for `class="badge"` or `<td>1 件</td>` in the
//! bytes would test the minifier, not the page, and a negative check of that
//! kind would pass for the wrong reason. Tests ask [`Page`] instead: it
//! parses the page with html5ever (the HTML5 parser behind Servo, through
//! `scraper`), so `<li>a<li>b` is two items and `class=badge` is the class
//! `badge`, and answers with CSS selectors and text.
//!
//! Text is read as a reader sees it: every run of whitespace is one space,
//! with none at either end, and entities are decoded (`&#39;` is `'`).
//! Checks about raw bytes on purpose (that no `<script` appears anywhere,
//! that markup is escaped) stay string checks on the file.

use std::path::Path;

use scraper::{ElementRef, Html, Node, Selector};

/// One parsed page.
pub struct Page {
    doc: Html,
}

/// Collapses each run of whitespace to one space and trims both ends.
fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A CSS selector; a typo in a test's selector fails the test loudly.
fn selector(css: &str) -> Selector {
    Selector::parse(css).unwrap_or_else(|e| panic!("bad selector `{css}`: {e:?}"))
}

impl Page {
    /// Parses `html` as a whole document.
    pub fn parse(html: &str) -> Self {
        Page {
            doc: Html::parse_document(html),
        }
    }

    /// Reads and parses the page at `path` (a test failure when unreadable).
    pub fn read(path: impl AsRef<Path>) -> Self {
        let path = path.as_ref();
        let html =
            std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        Self::parse(&html)
    }

    /// The elements matching `css`, in document order.
    fn all<'a>(&'a self, css: &str) -> Vec<ElementRef<'a>> {
        self.doc.select(&selector(css)).collect()
    }

    /// Whether an element matches `css`.
    pub fn has(&self, css: &str) -> bool {
        self.doc.select(&selector(css)).next().is_some()
    }

    /// How many elements match `css`.
    pub fn count(&self, css: &str) -> usize {
        self.doc.select(&selector(css)).count()
    }

    /// The text of the first element matching `css`, squashed.
    pub fn text(&self, css: &str) -> Option<String> {
        self.all(css).first().map(|e| text_of(*e))
    }

    /// The text of every element matching `css`, squashed.
    pub fn texts(&self, css: &str) -> Vec<String> {
        self.all(css).into_iter().map(text_of).collect()
    }

    /// The text of the element whose `id` is `id` (any characters: no
    /// selector escaping needed), squashed; `None` when no element has it.
    pub fn text_by_id(&self, id: &str) -> Option<String> {
        self.all("[id]")
            .into_iter()
            .find(|e| e.value().id() == Some(id))
            .map(text_of)
    }

    /// Attribute `name` of the first element matching `css`.
    pub fn attr(&self, css: &str, name: &str) -> Option<String> {
        self.all(css)
            .first()
            .and_then(|e| e.value().attr(name).map(str::to_owned))
    }

    /// Attribute `name` of every element matching `css` that has it.
    pub fn attrs(&self, css: &str, name: &str) -> Vec<String> {
        self.all(css)
            .into_iter()
            .filter_map(|e| e.value().attr(name).map(str::to_owned))
            .collect()
    }

    /// The cells (`th`, `td`) of each table row matching `css`, each
    /// cell's text squashed.
    pub fn rows(&self, css: &str) -> Vec<Vec<String>> {
        self.all(css)
            .into_iter()
            .map(|row| {
                row.children()
                    .filter_map(ElementRef::wrap)
                    .filter(|c| matches!(c.value().name(), "td" | "th"))
                    .map(text_of)
                    .collect()
            })
            .collect()
    }

    /// The description lists (`dl`) matching `css` as pairs: each `dd`'s
    /// term (the `dt` before it) and its own text, squashed.
    pub fn definitions(&self, css: &str) -> Vec<(String, String)> {
        let mut pairs = Vec::new();
        for list in self.all(css) {
            let mut term = None;
            for item in list.children().filter_map(ElementRef::wrap) {
                match item.value().name() {
                    "dt" => term = Some(text_of(item)),
                    "dd" => pairs.push((term.clone().unwrap_or_default(), text_of(item))),
                    _ => {}
                }
            }
        }
        pairs
    }

    /// The visible text of the first element matching `css` (see
    /// [`Page::visible_text`]).
    pub fn visible_text_of(&self, css: &str) -> Option<String> {
        self.all(css).first().map(|e| {
            let mut out = String::new();
            visible(*e, &mut out);
            squash(&out)
        })
    }

    /// The text a reader sees in the page's `<body>`, squashed: the text of
    /// `script`, `style`, `template` and of elements marked `hidden` left
    /// out (style sheets are not applied).
    pub fn visible_text(&self) -> String {
        self.visible_text_of("body").unwrap_or_default()
    }

    /// The visible text of the page's `<main>` (empty when it has none).
    pub fn main_text(&self) -> String {
        self.visible_text_of("main").unwrap_or_default()
    }
}

/// The text of `e`, all of it, squashed.
fn text_of(e: ElementRef<'_>) -> String {
    squash(&e.text().collect::<String>())
}

/// Appends the visible text under `e` to `out`.
fn visible(e: ElementRef<'_>, out: &mut String) {
    for child in e.children() {
        match child.value() {
            Node::Text(t) => out.push_str(t),
            Node::Element(el)
                if !matches!(el.name(), "script" | "style" | "template")
                    && el.attr("hidden").is_none() =>
            {
                visible(ElementRef::wrap(child).expect("an element"), out)
            }
            _ => {}
        }
    }
}
