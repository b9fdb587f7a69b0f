//! Writes one language's index: the directory shards, the posting packs, the
//! document chunks and the text packs (see [`super`] for the layout).
//!
//! The parts, in the order a document meets them: `keys` numbers tokens,
//! pairs, phrases and facet values; `grams` chooses the phrases indexed
//! as keys of their own; `tokenise` turns a document into its key
//! occurrences; `merge` appends them to the posting lists; `segment`
//! holds the lists of a batch of documents (setting them aside past a
//! budget) and writes them through `pack`, which packs lists and texts
//! into numbered files and makes the directory.

use std::collections::BTreeMap;

mod grams;
mod keys;
mod merge;
mod pack;
mod record;
mod segment;
mod tokenise;

pub(super) use grams::Grams;
use grams::GRAM_SAMPLE;
#[cfg(test)]
use segment::BATCH;
use segment::{Segment, TextRef};

use super::codec::locator;
#[cfg(test)]
use super::runs::Runs;
use super::{layout, Facet, IndexDoc};
use crate::output::Emit;
use crate::output::OutFile;

/// Documents per facet value, as `meta.json` lists them: by facet code,
/// each value with its label and count (years newest first).
pub fn facet_counts<F: std::borrow::Borrow<Facet>>(
    facets: impl IntoIterator<Item = F>,
) -> FacetCounts {
    let mut counts: BTreeMap<char, BTreeMap<String, (String, usize)>> = BTreeMap::new();
    for f in facets {
        let f = f.borrow();
        let e = counts
            .entry(f.kind.code())
            .or_default()
            .entry(f.value.clone())
            .or_insert_with(|| (f.label.clone(), 0));
        e.1 += 1;
    }
    counts
        .into_iter()
        .map(|(k, m)| {
            let mut v: Vec<_> = m.into_iter().map(|(val, (l, n))| (val, l, n)).collect();
            if k == 'y' {
                v.reverse();
            }
            (k.to_string(), v)
        })
        .collect()
}

/// Facet values counted per kind (see [`facet_counts`]).
pub type FacetCounts = BTreeMap<String, Vec<(String, String, usize)>>;

/// Writes a language's `<base>/meta.json` (format version, document and
/// shard counts, the short facet lists, and the edit segment when there is
/// one) and `<base>/facets.json`: the values of the facets whose number
/// grows with the site ([`layout::LONG_FACETS`]: jurisdictions), which the
/// search page fetches only when its reader opens such a list or a link
/// chose a value.
fn put_meta(
    base: &str,
    docs: usize,
    shards: usize,
    mut facets: FacetCounts,
    edits: Option<serde_json::Value>,
    emit: &Emit<'_>,
) {
    let long: FacetCounts = layout::LONG_FACETS
        .iter()
        .filter_map(|code| facets.remove_entry(&code.to_string()))
        .collect();
    emit.put(OutFile {
        path: format!("{base}/facets.json"),
        bytes: serde_json::to_vec(&long).expect("serializable"),
    });
    let mut meta = serde_json::json!({
        "version": layout::VERSION,
        "docs": docs,
        "shards": shards,
        "chunk": layout::DOC_CHUNK,
        "facets": facets,
    });
    if let Some(e) = edits {
        meta["edits"] = e;
    }
    emit.put(OutFile {
        path: format!("{base}/meta.json"),
        bytes: serde_json::to_vec(&meta).expect("serializable"),
    });
}

/// Builds the index files of one language under `search/<code>/`, passing
/// each to `emit` as soon as it is complete.
pub fn build(code: &str, docs: Vec<IndexDoc<'_>>, emit: &Emit<'_>) {
    let mut b = Builder::new(code, emit);
    b.add(docs);
    b.finish();
}

/// [`build`] with the phrases `grams` indexed as keys of their own.
#[cfg(test)]
pub(super) fn build_with(code: &str, docs: Vec<IndexDoc<'_>>, grams: Grams, emit: &Emit<'_>) {
    let mut b = Builder::new(code, emit);
    b.grams = Some(grams);
    b.add(docs);
    b.finish();
}

/// One language's index under `search/<code>/`, built from its documents
/// given a batch at a time in document order ([`Builder::add`]), so a
/// build need not hold every document's text at once. Each file is passed
/// to `emit` as soon as it is complete.
pub struct Builder<'d, 'e> {
    base: String,
    /// The phrases indexed as keys of their own, chosen from the first
    /// [`GRAM_SAMPLE`] documents.
    grams: Option<Grams>,
    /// Documents given before the phrases are chosen.
    pending: Vec<IndexDoc<'d>>,
    segment: Segment<'e>,
    facets: Vec<Facet>,
    /// Documents indexed so far (all given, once `grams` are chosen).
    indexed: u32,
}

impl<'d, 'e> Builder<'d, 'e> {
    /// An empty index of language `code`.
    pub fn new(code: &str, emit: &'e Emit<'e>) -> Self {
        let base = format!("{}/{code}", layout::ROOT);
        Builder {
            segment: Segment::new(&base, emit),
            base,
            grams: None,
            pending: Vec::new(),
            facets: Vec::new(),
            indexed: 0,
        }
    }

    /// Adds the next documents, numbered in the order given.
    pub fn add(&mut self, docs: Vec<IndexDoc<'d>>) {
        self.facets
            .extend(docs.iter().flat_map(|d| d.facets.iter().cloned()));
        match &self.grams {
            Some(_) => self.index(docs),
            None => {
                self.pending.extend(docs);
                if self.pending.len() >= GRAM_SAMPLE {
                    self.choose();
                }
            }
        }
    }

    /// Chooses the phrases from the documents held, and indexes them.
    fn choose(&mut self) {
        self.grams = Some(Grams::choose(&self.pending));
        let pending = std::mem::take(&mut self.pending);
        self.index(pending);
    }

    fn index(&mut self, docs: Vec<IndexDoc<'_>>) {
        let n = u32::try_from(docs.len()).expect("fewer than 4 billion documents");
        let numbers: Vec<u32> = (self.indexed..self.indexed + n).collect();
        let grams = self.grams.as_ref().expect("phrases chosen before indexing");
        self.segment.add(docs, &numbers, grams);
        self.indexed += n;
    }

    /// Writes what remains: the last packs, the directory, the document
    /// table and `meta.json`.
    pub fn finish(mut self) {
        if self.grams.is_none() {
            self.choose();
        }
        let emit = self.segment.emit;
        let (shards, text_refs) = self.segment.finish();
        let base = &self.base;
        for (c, refs) in text_refs.chunks(layout::DOC_CHUNK).enumerate() {
            emit.put(OutFile {
                path: format!("{base}/d/{c}.bin"),
                bytes: refs.iter().flat_map(|&r| locator(r)).collect(),
            });
        }
        let facets = facet_counts(&self.facets);
        put_meta(base, self.indexed as usize, shards, facets, None, emit);
    }
}

/// Writes an edit segment of one language's index: the documents `edited`
/// (each with its number in the built index) indexed on their own under
/// `search/<code>/e/`, and a `meta.json` that names them, so a query reads
/// their postings from the segment and the built index's for every other
/// document. `total` is the document count and `facets` the facet counts of
/// the site as edited. This is what `serve` writes after an edit, instead of
/// rebuilding the whole index.
pub fn build_edits(
    code: &str,
    total: usize,
    facets: FacetCounts,
    shards: usize,
    edited: &[(u32, IndexDoc<'_>)],
    emit: &Emit<'_>,
) {
    let base = format!("{}/{code}", layout::ROOT);
    let seg = format!("{base}/{}", layout::EDITS);
    let numbers: Vec<u32> = edited.iter().map(|(n, _)| *n).collect();
    let docs: Vec<IndexDoc<'_>> = edited.iter().map(|(_, d)| d.clone()).collect();
    let mut segment = Segment::new(&seg, emit);
    segment.add(docs, &numbers, &Grams::All);
    let (edit_shards, text_refs) = segment.finish();
    let metas: BTreeMap<String, TextRef> = numbers
        .iter()
        .zip(text_refs)
        .map(|(n, r)| (n.to_string(), r))
        .collect();
    emit.put(OutFile {
        path: format!("{seg}/d.json"),
        bytes: serde_json::to_vec(&metas).expect("serializable"),
    });
    let edits = serde_json::json!({ "docs": numbers, "shards": edit_shards });
    put_meta(&base, total, shards, facets, Some(edits), emit);
}

/// The folding table split by code point, so a query fetches only the parts
/// its characters need: `search/fold/<code point % FOLD_SHARDS>.json`
/// (traditional → simplified, by the traditional character), and the same
/// table inverted, `search/fold/v<n>.json` (simplified → its traditional
/// forms, by the simplified character), with which the browser marks a
/// simplified query's matches in traditional text.
pub fn fold_files() -> Vec<OutFile> {
    let mut shards: Vec<BTreeMap<String, String>> =
        (0..layout::FOLD_SHARDS).map(|_| BTreeMap::new()).collect();
    let mut variants: Vec<BTreeMap<String, String>> =
        (0..layout::FOLD_SHARDS).map(|_| BTreeMap::new()).collect();
    let mut table: Vec<(char, char)> = super::normalize::fold_table()
        .iter()
        .map(|(t, s)| (*t, *s))
        .collect();
    table.sort_unstable();
    for (t, s) in table {
        shards[t as usize % layout::FOLD_SHARDS].insert(t.to_string(), s.to_string());
        variants[s as usize % layout::FOLD_SHARDS]
            .entry(s.to_string())
            .or_default()
            .push(t);
    }
    let file = |name: String, m: &BTreeMap<String, String>| OutFile {
        path: format!("{}/fold/{name}.json", layout::ROOT),
        bytes: serde_json::to_vec(m).expect("serializable"),
    };
    let mut out: Vec<OutFile> = shards
        .iter()
        .enumerate()
        .map(|(i, m)| file(i.to_string(), m))
        .collect();
    out.extend(
        variants
            .iter()
            .enumerate()
            .map(|(i, m)| file(format!("v{i}"), m)),
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::Memory;
    use crate::search::{Field, IndexBlock};
    use std::borrow::Cow;

    /// `n` documents whose sentences recur across them, in both scripts
    /// and in English, so most keys have lists over many batches.
    fn docs(n: usize) -> Vec<IndexDoc<'static>> {
        const SENTENCES: [&str; 7] = [
            "推进知识产权质押融资,扩大知识产权保护范围",
            "專利導航產業發展,提升知識產權運用水平",
            "patent pledge financing reached 12.5 billion yuan",
            "建设知识产权保护中心和快速维权中心",
            "trademark brands and geographical indications",
            "每万人口高价值发明专利拥有量达到18件",
            "知识产权服务业集聚发展区",
        ];
        (0..n)
            .map(|i| {
                let body: String = (0..5)
                    .map(|k| SENTENCES[(i * 3 + k * k) % SENTENCES.len()])
                    .collect::<Vec<_>>()
                    .join("\n");
                let len = body.len();
                IndexDoc {
                    url: format!("plans/p{i}/"),
                    slug: format!("p{i}"),
                    title: format!("规划 {i}"),
                    jurisdiction: "J".to_owned(),
                    date: String::new(),
                    facets: Vec::new(),
                    blocks: vec![
                        IndexBlock {
                            field: Field::Title,
                            text: format!("规划 {i}").into(),
                            anchor: None,
                        },
                        IndexBlock {
                            field: Field::Body,
                            text: super::super::BlockText::Body(0..len),
                            anchor: Some("a".to_owned()),
                        },
                    ],
                    body: Cow::Owned(body),
                }
            })
            .collect()
    }

    /// The index of `docs` with lists held up to `budget` bytes, and how
    /// many runs were set aside.
    /// The index of `docs`, setting lists aside past `budget` bytes in
    /// run files made under `runs` (or the system's temporary folder);
    /// with how many runs were set aside, and how many of them held.
    fn index_with(
        docs: Vec<IndexDoc<'static>>,
        budget: usize,
        runs: Option<std::path::PathBuf>,
    ) -> (Vec<OutFile>, (usize, usize)) {
        let mem = Memory::default();
        let emit = Emit::new(&mem, false);
        let mut b = Builder::new("zh", &emit);
        b.segment.budget = budget;
        if let Some(under) = runs {
            b.segment.runs = Runs::under(under);
        }
        // Chosen now, so the documents are indexed as they are added.
        b.grams = Some(Grams::choose(&docs));
        b.add(docs);
        let runs = b.segment.runs.count();
        b.finish();
        emit.finish().expect("in memory");
        (mem.into_files(), runs)
    }

    fn index(docs: Vec<IndexDoc<'static>>, budget: usize) -> (Vec<OutFile>, usize) {
        let (files, (runs, _)) = index_with(docs, budget, None);
        (files, runs)
    }

    #[test]
    fn lists_set_aside_and_merged_back_make_the_same_index() {
        let n = BATCH * 3 + 5;
        let (held, none) = index(docs(n), usize::MAX);
        let (set_aside, runs) = index(docs(n), 0);
        assert_eq!(none, 0);
        assert_eq!(runs, 4, "one run per batch");
        assert_eq!(held.len(), set_aside.len());
        for (a, b) in held.iter().zip(&set_aside) {
            assert_eq!(a.path, b.path);
            assert!(a.bytes == b.bytes, "{} differs", a.path);
        }
    }

    #[test]
    fn lists_that_cannot_be_written_are_held_and_make_the_same_index() {
        // A file where the runs' folder would be made: no run file can be
        // written, and the build holds the lists instead of failing.
        let blocked = std::env::temp_dir().join(format!("plansite-no-runs-{}", std::process::id()));
        std::fs::write(&blocked, "a file, not a folder").expect("write");
        let n = BATCH * 2 + 3;
        let (held, _) = index(docs(n), usize::MAX);
        let (fallback, (runs, in_memory)) = index_with(docs(n), 0, Some(blocked.clone()));
        let _ = std::fs::remove_file(&blocked);
        assert_eq!((runs, in_memory), (3, 3), "every run held in memory");
        assert_eq!(held.len(), fallback.len());
        for (a, b) in held.iter().zip(&fallback) {
            assert_eq!(a.path, b.path);
            assert!(a.bytes == b.bytes, "{} differs", a.path);
        }
    }
}
