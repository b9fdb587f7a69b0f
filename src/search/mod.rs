//! Chinese-aware static search: an index built here at build time and
//! queried by `search.js` in the browser and by [`query`] for the CLI, with
//! one normalisation ([`normalize`]) for both.
//!
//! Matching is exact on the normalised text: every Han character is a token,
//! so a query of two or more characters is a phrase that matches exactly the
//! documents containing it (无双 is found inside 寻找无双), never a dictionary's
//! idea of a word. The index keys every token and every pair of adjacent
//! tokens; a pair's posting list also carries positions, which verify phrases
//! of three tokens or more.
//!
//! Output, per language `<l>` (`zh`, `en`), under `search/`:
//!
//! ```text
//! search/<l>/meta.json       document count, shard count, values of the short facets: fetched
//!                            once per search
//! search/<l>/facets.json     values of the facets whose number grows with the site
//!                            (jurisdictions): fetched when the reader opens that list
//! search/<l>/k/<s>.json      directory shard s: key → [pack, offset, ids bytes, payload bytes,
//!                            positions bytes, df];
//!                            a key lives in shard fnv1a(key) % shards
//! search/<l>/p/<n>.bin       posting packs; a query reads only its keys' byte ranges (HTTP Range)
//! search/<l>/d/<c>.bin       locators of documents 4096c … 4096c+4095, 12 bytes each: where
//!                            the document's record is (pack, offset, length; u32 LE); a
//!                            result reads its own 12 bytes (HTTP Range)
//! search/<l>/t/<n>.bin       text packs: each document's record (zlib-compressed JSON: url,
//!                            slug, title, jurisdiction, date, block table, chunk lengths),
//!                            then its block texts in zlib-compressed chunks, for results and
//!                            their snippets (layout in [`codec`])
//! search/fold/<n>.json       traditional → simplified table, by code point % 64
//! search/fold/v<n>.json      simplified → traditional forms, by code point % 64 (for marking
//!                            a simplified query's matches in traditional snippets)
//! ```
//!
//! `serve` adds, after an edit, an *edit segment* per language: the edited
//! plans indexed on their own in `search/<l>/e/` (`k/`, `p/`, `t/` as above,
//! and `d.json`, document number → locator), named by `"edits"` in
//! `meta.json`. A query reads an edited document's postings and text from
//! the segment and every other document's from the built index.
//!
//! What a query downloads therefore grows with the number of its results it
//! shows and with the posting lists of its own keys, never with the whole
//! index; the file count grows with the index's bytes, bounded by the pack
//! and shard sizes in [`layout`].

pub mod build;
pub mod codec;
pub mod normalize;
pub mod query;
mod runs;

use std::borrow::Cow;

use crate::model::{Lang, Plan, Site};
use crate::output::OutFile;
use crate::parse::markdown::Doc;
use crate::render::Route;

/// Sizes and names of the index files.
pub mod layout {
    /// Folder of all search files in the output.
    pub const ROOT: &str = "search";
    /// Format version, in `meta.json`.
    pub const VERSION: u32 = 4;
    /// Largest pack file (a longer posting list gets a pack of its own).
    pub const PACK_BYTES: usize = 4 << 20;
    /// Aimed-for size of a directory shard.
    pub const SHARD_BYTES: usize = 4 << 10;
    /// Most directory shards per language.
    pub const MAX_SHARDS: usize = 1 << 14;
    /// Most bytes of block text in one compressed chunk of a record (a
    /// longer block is a chunk alone): a result reads the one chunk that
    /// holds its snippet. At 8 KiB, zlib's default level brings the texts
    /// to under half their size, where 4 KiB chunks, or its fast level,
    /// left the index over 1.5 times Pagefind's (bench/RECORD.md, section 18).
    pub const TEXT_CHUNK: usize = 8 << 10;
    /// Documents per locator file (`d/<c>.bin`).
    pub const DOC_CHUNK: usize = 4096;
    /// Bytes of one document's locator: pack, offset and length of its
    /// record, each a little-endian `u32`.
    pub const LOCATOR: usize = 12;
    /// Facets whose values are listed in `facets.json`, fetched when
    /// needed, rather than in `meta.json`, fetched by every search: their
    /// number grows with the site.
    pub const LONG_FACETS: [char; 1] = ['j'];
    /// Shards of the folding table.
    pub const FOLD_SHARDS: usize = 64;
    /// Folder of an edit segment, under a language's folder (written only by
    /// `serve`; see [`super::build::build_edits`]).
    pub const EDITS: &str = "e";
}

/// Where a block's text sits in a document; decides ranking weight.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// The title.
    Title,
    /// A heading.
    Heading,
    /// Metadata: jurisdiction, issuers, document number, indicator names.
    Meta,
    /// Body text.
    Body,
}

impl Field {
    /// The field's bit in a posting's field mask.
    pub fn bit(self) -> u8 {
        match self {
            Field::Title => 1,
            Field::Heading => 2,
            Field::Meta => 4,
            Field::Body => 8,
        }
    }
}

/// A facet a document can be narrowed by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FacetKind {
    /// Jurisdiction id.
    Jurisdiction,
    /// Administrative level.
    Level,
    /// Document type.
    DocType,
    /// Year of the plan's date.
    Year,
    /// The plan's status (in force, expired, superseded).
    Status,
}

impl FacetKind {
    /// One-letter code used in keys, `meta.json` and URL parameters.
    pub fn code(self) -> char {
        match self {
            FacetKind::Jurisdiction => 'j',
            FacetKind::Level => 'l',
            FacetKind::DocType => 't',
            FacetKind::Year => 'y',
            FacetKind::Status => 's',
        }
    }

    /// The kind with this code.
    pub fn from_code(c: char) -> Option<FacetKind> {
        [
            FacetKind::Jurisdiction,
            FacetKind::Level,
            FacetKind::DocType,
            FacetKind::Year,
            FacetKind::Status,
        ]
        .into_iter()
        .find(|k| k.code() == c)
    }
}

/// A document's value of one facet.
#[derive(Debug, Clone)]
pub struct Facet {
    /// Which facet.
    pub kind: FacetKind,
    /// Machine value (`baotou`, `city`, `2021`).
    pub value: String,
    /// Label for readers.
    pub label: String,
}

/// The index key of a facet value; `=` never survives tokenising, so no
/// query text can collide with it.
pub fn facet_key(kind: FacetKind, value: &str) -> String {
    format!("={}:{value}", kind.code())
}

impl Facet {
    /// The index key.
    pub fn key(&self) -> String {
        facet_key(self.kind, &self.value)
    }
}

/// A block of indexed text.
#[derive(Debug, Clone)]
pub struct IndexBlock<'a> {
    /// Its field.
    pub field: Field,
    /// Its plain text.
    pub text: BlockText<'a>,
    /// Anchor of the passage on the document's page.
    pub anchor: Option<String>,
}

/// Where an [`IndexBlock`]'s text is.
#[derive(Debug, Clone)]
pub enum BlockText<'a> {
    /// Its own (metadata: names, numbers), borrowed where it can be.
    Own(Cow<'a, str>),
    /// A range of its document's [`IndexDoc::body`] (the plan's text).
    Body(std::ops::Range<usize>),
}

impl<'a> From<String> for BlockText<'a> {
    fn from(s: String) -> Self {
        BlockText::Own(Cow::Owned(s))
    }
}

impl<'a> From<&'a str> for BlockText<'a> {
    fn from(s: &'a str) -> Self {
        BlockText::Own(Cow::Borrowed(s))
    }
}

/// One document of one language's index.
#[derive(Debug, Clone)]
pub struct IndexDoc<'a> {
    /// Site-relative URL of its page.
    pub url: String,
    /// The plan's slug.
    pub slug: String,
    /// Title.
    pub title: String,
    /// Jurisdiction name.
    pub jurisdiction: String,
    /// Date for display.
    pub date: String,
    /// Facet values.
    pub facets: Vec<Facet>,
    /// Text blocks, title first.
    pub blocks: Vec<IndexBlock<'a>>,
    /// The body text its [`BlockText::Body`] blocks are ranges of: borrowed
    /// from the plan, or taken from it for a build's last step.
    pub body: Cow<'a, str>,
}

impl IndexDoc<'_> {
    /// The document owning all its text, borrowing nothing.
    pub fn into_owned(self) -> IndexDoc<'static> {
        IndexDoc {
            url: self.url,
            slug: self.slug,
            title: self.title,
            jurisdiction: self.jurisdiction,
            date: self.date,
            facets: self.facets,
            blocks: self
                .blocks
                .into_iter()
                .map(|b| IndexBlock {
                    field: b.field,
                    text: match b.text {
                        BlockText::Own(t) => BlockText::Own(Cow::Owned(t.into_owned())),
                        BlockText::Body(r) => BlockText::Body(r),
                    },
                    anchor: b.anchor,
                })
                .collect(),
            body: Cow::Owned(self.body.into_owned()),
        }
    }

    /// Each block with its text.
    pub fn texts(&self) -> impl Iterator<Item = (&IndexBlock<'_>, &str)> + '_ {
        self.blocks.iter().map(|b| {
            let text = match &b.text {
                BlockText::Own(t) => t.as_ref(),
                BlockText::Body(r) => self.body.get(r.clone()).unwrap_or_default(),
            };
            (b, text)
        })
    }
}

/// The documents of one language's index: every plan, in slug order; a
/// plan's document number is its place in `site.plans`.
pub fn documents(site: &Site, lang: Lang) -> Vec<IndexDoc<'_>> {
    site.plans
        .iter()
        .map(|p| document(site, p, lang, None))
        .collect()
}

/// The body text of a plan's `lang` document, moved out of the plan (its
/// blocks are left with empty text).
fn take_body_text(p: &mut Plan, lang: Lang) -> Option<String> {
    let doc = match lang {
        Lang::Zh => Some(&mut p.doc),
        Lang::En => p.translation.as_mut().map(|t| &mut t.doc),
    }?;
    Some(doc.take_text())
}

/// The facet values of a plan's document.
fn facets(site: &Site, p: &Plan, lang: Lang) -> Vec<Facet> {
    let j = site.jurisdiction_of(p);
    let mut facets = vec![
        Facet {
            kind: FacetKind::Jurisdiction,
            value: j.id.0.clone(),
            label: j.name.get(lang).to_owned(),
        },
        Facet {
            kind: FacetKind::Level,
            value: j.level.key().to_owned(),
            label: j.level.label(lang).to_owned(),
        },
        Facet {
            kind: FacetKind::DocType,
            value: p.doc_type.key().to_owned(),
            label: p.doc_type.label(lang).to_owned(),
        },
    ];
    if let Some(d) = p.date() {
        facets.push(Facet {
            kind: FacetKind::Year,
            value: d.year.to_string(),
            label: d.year.to_string(),
        });
    }
    let status = site.relations.status(p.slug.as_str()).status;
    facets.push(Facet {
        kind: FacetKind::Status,
        value: status.key().to_owned(),
        label: status.label(lang).to_owned(),
    });
    facets
}

/// One plan's document in the `lang` index.
/// With `taken`, the body text is that (see [`take_body_text`]) instead
/// of the plan's.
fn document<'s>(site: &'s Site, p: &'s Plan, lang: Lang, taken: Option<String>) -> IndexDoc<'s> {
    let j = site.jurisdiction_of(p);
    let meta = |text: String| IndexBlock {
        field: Field::Meta,
        text: text.into(),
        anchor: None,
    };
    let mut blocks = vec![IndexBlock {
        field: Field::Title,
        text: p.title_in(lang).into(),
        anchor: None,
    }];
    blocks.push(meta(j.name.get(lang).to_owned()));
    let issuers = match (lang, &p.translation) {
        (Lang::En, Some(t)) if !t.issuers.is_empty() => &t.issuers,
        _ => &p.issuers,
    };
    blocks.push(meta(issuers.join(" ")));
    if let Some(n) = &p.doc_number {
        blocks.push(meta(n.clone()));
    }
    for v in &p.indicators {
        let name = site
            .indicators
            .get(&v.id)
            .map(|d| d.name.get(lang).to_owned())
            .unwrap_or_else(|| v.label.clone());
        blocks.push(IndexBlock {
            field: Field::Meta,
            text: name.into(),
            anchor: Some(v.anchor.clone()).filter(|a| !a.is_empty()),
        });
    }
    let doc = match (lang, &p.translation) {
        (Lang::En, Some(t)) => Some(&t.doc),
        (Lang::En, None) => None,
        (Lang::Zh, _) => Some(&p.doc),
    };
    for b in doc.into_iter().flat_map(|d| &d.blocks) {
        blocks.push(IndexBlock {
            field: if b.kind == crate::parse::markdown::BlockKind::Heading {
                Field::Heading
            } else {
                Field::Body
            },
            text: BlockText::Body(Doc::text_range(b)),
            anchor: b.section.clone(),
        });
    }
    let body = match (taken, doc) {
        (Some(t), _) => Cow::Owned(t),
        (None, Some(d)) => Cow::Borrowed(d.text()),
        (None, None) => Cow::Borrowed(""),
    };
    IndexDoc {
        url: Route::Plan(p.slug.0.clone()).path(lang),
        slug: p.slug.0.clone(),
        title: p.title_in(lang).to_owned(),
        jurisdiction: j.name.get(lang).to_owned(),
        date: p.date().map(|d| d.display(lang)).unwrap_or_default(),
        facets: facets(site, p, lang),
        blocks,
        body,
    }
}

/// Every search file of the site: both languages' indexes and the folding
/// table.
pub fn files(site: &Site) -> Vec<OutFile> {
    let mem = crate::output::Memory::default();
    emit(site, &crate::output::Emit::new(&mem, false));
    mem.into_files()
}

/// Builds the index of both languages, passing each file to `emit` as soon
/// as it is complete.
pub fn emit(site: &Site, emit: &crate::output::Emit<'_>) {
    emit.put_all(build::fold_files());
    for lang in Lang::ALL {
        build::build(lang.code(), documents(site, lang), emit);
    }
}

/// Some plans' documents in both languages, ready to be indexed: they own
/// their text and borrow nothing from the site, so a build indexes one
/// batch while it parses and renders the next.
pub struct Documents {
    zh: Vec<IndexDoc<'static>>,
    en: Vec<IndexDoc<'static>>,
}

impl Documents {
    /// The documents of the plans of `site`, in order, their body text
    /// moved out of the plans.
    pub fn taking_text(site: &mut Site) -> Documents {
        let mut of = |lang: Lang| -> Vec<IndexDoc<'static>> {
            let texts: Vec<Option<String>> = site
                .plans
                .iter_mut()
                .map(|p| take_body_text(p, lang))
                .collect();
            let site = &*site;
            site.plans
                .iter()
                .zip(texts)
                .map(|(p, t)| document(site, p, lang, t).into_owned())
                .collect()
        };
        Documents {
            zh: of(Lang::Zh),
            en: of(Lang::En),
        }
    }
}

/// Both languages' indexes, built from the plans a batch at a time as a
/// build parses them ([`Documents::taking_text`], [`Indexes::add`]): each
/// plan's text moves into the index and is freed once indexed, so the
/// site's text is never held whole (at 100,000 plans, some 1.6 GB).
pub struct Indexes<'e> {
    zh: build::Builder<'static, 'e>,
    en: build::Builder<'static, 'e>,
}

impl<'e> Indexes<'e> {
    /// Empty indexes writing to `emit`, which gets the folding table now.
    pub fn new(emit: &'e crate::output::Emit<'e>) -> Self {
        emit.put_all(build::fold_files());
        Indexes {
            zh: build::Builder::new(Lang::Zh.code(), emit),
            en: build::Builder::new(Lang::En.code(), emit),
        }
    }

    /// Indexes `docs` as the next documents, one language on each of two
    /// threads where there are two.
    pub fn add(&mut self, docs: Documents) {
        let Indexes { zh, en } = self;
        rayon::join(|| zh.add(docs.zh), || en.add(docs.en));
    }

    /// Writes the rest of both indexes, one language on each of two
    /// threads where there are two.
    pub fn finish(self) {
        let Indexes { zh, en } = self;
        rayon::join(|| zh.finish(), || en.finish());
    }
}

/// The directory shard count of each language's built index, read from its
/// `meta.json` among `files`; `None` when a language has none.
pub fn shard_counts(files: &[OutFile]) -> Option<[usize; 2]> {
    let mut out = [0; 2];
    for (i, lang) in Lang::ALL.iter().enumerate() {
        let path = format!("{}/{}/meta.json", layout::ROOT, lang.code());
        let f = files.iter().find(|f| f.path == path)?;
        let v: serde_json::Value = serde_json::from_slice(&f.bytes).ok()?;
        out[i] = v.get("shards")?.as_u64()? as usize;
    }
    Some(out)
}

/// An edit segment for each language (see [`build::build_edits`]): the
/// plans `edited` (slugs) indexed on their own, and new `meta.json` files
/// naming them, for a built index with `shards` directory shards per
/// language (in [`Lang::ALL`] order). The site's plans must be those the
/// index was built from, in the same order, some of them edited.
pub fn emit_edits(
    site: &Site,
    edited: &[&str],
    shards: [usize; 2],
    emit: &crate::output::Emit<'_>,
) {
    for (lang, shards) in Lang::ALL.into_iter().zip(shards) {
        let facets = build::facet_counts(site.plans.iter().flat_map(|p| facets(site, p, lang)));
        let docs: Vec<(u32, IndexDoc<'_>)> = site
            .plans
            .iter()
            .enumerate()
            .filter(|(_, p)| edited.contains(&p.slug.as_str()))
            .map(|(n, p)| (n as u32, document(site, p, lang, None)))
            .collect();
        build::build_edits(lang.code(), site.plans.len(), facets, shards, &docs, emit);
    }
}
