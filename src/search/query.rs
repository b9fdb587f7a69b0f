//! Runs a query over the index files, the same algorithm as `search.js`:
//!
//! 1. The query splits at spaces into terms (a `"quoted phrase"` is one
//!    term); each term is tokenised, and its tokens form a phrase.
//! 2. A one-token term reads its token's posting list, a two-token term its
//!    pair's, and a three- or four-token term its own when the built index
//!    chose it as a common phrase. Any other phrase intersects the lists of
//!    all its pairs, then verifies each candidate with the positions of
//!    pairs 0, 2, 4 … and the last: the phrase is there only where they line
//!    up exactly. Both ways give a document the same entry.
//! 3. Documents must match every term and every chosen facet value.
//! 4. Score = Σ over terms of ln(1 + N/df) · (1 + ln tf) · field weight
//!    (title 4, heading 2, metadata 1.5, body 1), times 1.25 for each pair of
//!    consecutive terms that also occur next to each other. Ties go to the
//!    lower document number.
//! 5. Each shown hit gets a snippet from the block holding the first match
//!    of its rarest term, with every term's matches marked.

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::codec::{fnv1a, inflate, read_docs, read_ids, read_locator, read_positions, DocEntry};
use super::normalize::{bigram_key, phrase_key, tokenize, unigram_key};
use super::{facet_key, layout, FacetKind, Field};

/// Why a query could not run.
#[derive(Debug, thiserror::Error)]
pub enum QueryError {
    /// An index file is missing or unreadable.
    #[error("cannot read {path}: {source}")]
    Read {
        /// The file.
        path: String,
        /// The cause.
        source: std::io::Error,
    },
    /// An index file does not have the expected form.
    #[error("{path} is not a plansite search file ({what}); rebuild the site")]
    Format {
        /// The file.
        path: String,
        /// What was wrong.
        what: String,
    },
}

/// Where the index files are read from.
pub trait Store {
    /// The whole file at `path` (relative to the output folder).
    fn read(&self, path: &str) -> std::io::Result<Vec<u8>>;
    /// `len` bytes of `path` from `offset`.
    fn read_range(&self, path: &str, offset: usize, len: usize) -> std::io::Result<Vec<u8>>;
}

/// A built output folder on disk.
pub struct DirStore(pub PathBuf);

impl Store for DirStore {
    fn read(&self, path: &str) -> std::io::Result<Vec<u8>> {
        std::fs::read(self.0.join(path))
    }

    fn read_range(&self, path: &str, offset: usize, len: usize) -> std::io::Result<Vec<u8>> {
        use std::io::{Read, Seek, SeekFrom};
        let mut f = std::fs::File::open(self.0.join(path))?;
        // The range comes from another index file: check it against the
        // file's size before allocating for it.
        let size = f.metadata()?.len();
        if (offset as u64)
            .checked_add(len as u64)
            .is_none_or(|end| end > size)
        {
            return Err(std::io::Error::new(
                std::io::ErrorKind::UnexpectedEof,
                format!("{len} bytes at {offset} are past the end ({size} bytes)"),
            ));
        }
        f.seek(SeekFrom::Start(offset as u64))?;
        let mut buf = vec![0; len];
        f.read_exact(&mut buf)?;
        Ok(buf)
    }
}

/// Index files held in memory (as `serve` holds a built site).
#[derive(Debug, Default)]
pub struct MemStore(pub HashMap<String, Vec<u8>>);

impl From<Vec<crate::output::OutFile>> for MemStore {
    fn from(files: Vec<crate::output::OutFile>) -> Self {
        MemStore(files.into_iter().map(|f| (f.path, f.bytes)).collect())
    }
}

impl Store for MemStore {
    fn read(&self, path: &str) -> std::io::Result<Vec<u8>> {
        self.0
            .get(path)
            .cloned()
            .ok_or_else(|| std::io::Error::new(std::io::ErrorKind::NotFound, path.to_owned()))
    }

    fn read_range(&self, path: &str, offset: usize, len: usize) -> std::io::Result<Vec<u8>> {
        let bytes = self
            .0
            .get(path)
            .ok_or_else(|| std::io::Error::new(std::io::ErrorKind::NotFound, path.to_owned()))?;
        offset
            .checked_add(len)
            .and_then(|end| bytes.get(offset..end))
            .map(<[u8]>::to_vec)
            .ok_or_else(|| std::io::Error::new(std::io::ErrorKind::UnexpectedEof, path.to_owned()))
    }
}

/// What a query asks for.
#[derive(Debug, Clone, Default)]
pub struct Request {
    /// The query text.
    pub q: String,
    /// Chosen facet values.
    pub facets: Vec<(FacetKind, String)>,
    /// Hits to skip.
    pub offset: usize,
    /// Hits to return with metadata and snippets.
    pub limit: usize,
}

/// A marked range of a snippet, in bytes.
pub type Mark = (usize, usize);

/// One result.
#[derive(Debug, Clone, Serialize)]
pub struct Hit {
    /// Site-relative URL of the plan page, with the passage's anchor.
    pub url: String,
    /// The plan's slug.
    pub plan: String,
    /// Jurisdiction name.
    pub jurisdiction: String,
    /// Title.
    pub title: String,
    /// Date.
    pub date: String,
    /// Score.
    pub score: f64,
    /// Text around the match.
    pub snippet: String,
    /// Byte ranges of `snippet` that match the query.
    #[serde(skip)]
    pub marks: Vec<Mark>,
}

/// A query's outcome.
#[derive(Debug, Clone, Serialize)]
pub struct Results {
    /// Documents matching.
    pub total: usize,
    /// Hits `offset .. offset + limit`, best first.
    pub hits: Vec<Hit>,
}

#[derive(Deserialize)]
struct Meta {
    version: u32,
    docs: usize,
    shards: usize,
    #[serde(default)]
    edits: Option<EditsMeta>,
}

/// An edit segment (written by `serve`): the edited documents' numbers and
/// the segment's shard count.
#[derive(Deserialize)]
struct EditsMeta {
    docs: Vec<u32>,
    shards: usize,
}

/// Where a document's record is in its segment's text packs: pack, offset,
/// length of its JSON.
type Locator = (usize, usize, usize);

/// A document's record: metadata, its block table (start position, anchor,
/// chunk, offset and length in the inflated chunk) and its chunks'
/// compressed lengths (see [`super::codec`]).
#[derive(Deserialize)]
struct Record {
    u: String,
    s: String,
    t: String,
    j: String,
    d: String,
    b: Vec<(u32, Option<String>, usize, usize, usize)>,
    c: Vec<usize>,
}

/// A key's place in the packs: pack, offset, the lengths of its ids,
/// payload and positions sections, and its document count.
#[derive(Debug, Clone, Copy, Deserialize)]
struct KeyRef(usize, usize, usize, usize, usize, u32);

/// Splits a query into terms, each a list of tokens.
pub fn terms(q: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    for (i, part) in q.split('"').enumerate() {
        let pieces: Vec<&str> = if i % 2 == 1 {
            vec![part]
        } else {
            part.split_whitespace().collect()
        };
        for p in pieces {
            let toks: Vec<String> = tokenize(p).into_iter().map(|t| t.text).collect();
            if !toks.is_empty() {
                out.push(toks);
            }
        }
    }
    out
}

/// One segment of an index: the built index, or an edit segment.
struct Segment<'a> {
    store: &'a dyn Store,
    dir: String,
    shard_count: usize,
    shards: RefCell<HashMap<usize, HashMap<String, KeyRef>>>,
    lists: RefCell<HashMap<String, Vec<DocEntry>>>,
}

impl<'a> Segment<'a> {
    fn new(store: &'a dyn Store, dir: String, shard_count: usize) -> Self {
        Segment {
            store,
            dir,
            shard_count,
            shards: RefCell::new(HashMap::new()),
            lists: RefCell::new(HashMap::new()),
        }
    }

    fn lookup(&self, key: &str) -> Result<Option<KeyRef>, QueryError> {
        let s = fnv1a(key) as usize & (self.shard_count.max(1) - 1);
        let mut shards = self.shards.borrow_mut();
        if let std::collections::hash_map::Entry::Vacant(e) = shards.entry(s) {
            e.insert(json(self.store, &format!("{}/k/{s}.json", self.dir))?);
        }
        Ok(shards[&s].get(key).copied())
    }

    fn range(&self, dir: &str, pack: usize, off: usize, len: usize) -> Result<Vec<u8>, QueryError> {
        let path = format!("{}/{dir}/{pack}.bin", self.dir);
        self.store
            .read_range(&path, off, len)
            .map_err(|source| QueryError::Read { path, source })
    }

    /// The key's documents (read once, then kept).
    fn docs(&self, key: &str) -> Result<Vec<DocEntry>, QueryError> {
        if let Some(l) = self.lists.borrow().get(key) {
            return Ok(l.clone());
        }
        let list = match self.lookup(key)? {
            None => Vec::new(),
            Some(k) => {
                let bytes = self.range("p", k.0, k.1, self.sum("p", k.0, &[k.2, k.3])?)?;
                let (ids, payload) = bytes.split_at(k.2);
                read_docs(ids, payload, k.5 as usize)
                    .ok_or_else(|| self.bad("p", k.0, "truncated posting list"))?
            }
        };
        self.lists.borrow_mut().insert(key.to_owned(), list.clone());
        Ok(list)
    }

    /// The key's document numbers alone (its ids section).
    fn ids(&self, key: &str) -> Result<Vec<u32>, QueryError> {
        if let Some(l) = self.lists.borrow().get(key) {
            return Ok(l.iter().map(|d| d.doc).collect());
        }
        match self.lookup(key)? {
            None => Ok(Vec::new()),
            Some(k) => read_ids(&self.range("p", k.0, k.1, k.2)?, k.5 as usize)
                .ok_or_else(|| self.bad("p", k.0, "truncated posting list")),
        }
    }

    /// The positions of the key's documents `docs` (from [`Self::docs`]),
    /// in their order.
    fn positions(&self, key: &str, docs: &[DocEntry]) -> Result<Vec<Vec<u32>>, QueryError> {
        let Some(k) = self.lookup(key)? else {
            return Ok(Vec::new());
        };
        let bytes = self.range("p", k.0, self.sum("p", k.0, &[k.1, k.2, k.3])?, k.4)?;
        read_positions(&bytes, docs).ok_or_else(|| self.bad("p", k.0, "truncated positions"))
    }

    /// Offsets and lengths read from the files, added: too large a sum is
    /// a format error rather than an overflow.
    fn sum(&self, dir: &str, pack: usize, parts: &[usize]) -> Result<usize, QueryError> {
        parts
            .iter()
            .try_fold(0usize, |a, &b| a.checked_add(b))
            .ok_or_else(|| self.bad(dir, pack, "offset out of range"))
    }

    fn bad(&self, dir: &str, pack: usize, what: &str) -> QueryError {
        QueryError::Format {
            path: format!("{}/{dir}/{pack}.bin", self.dir),
            what: what.to_owned(),
        }
    }
}

/// An edit segment, with the numbers of the documents it replaces.
struct Edits<'a> {
    seg: Segment<'a>,
    docs: HashSet<u32>,
    locators: RefCell<Option<HashMap<u32, Locator>>>,
}

/// Reads one language's index: the built segment, and the edit segment
/// when `meta.json` names one. An edited document's postings come from the
/// edit segment only; every other document's from the built one.
struct Reader<'a> {
    store: &'a dyn Store,
    meta: Meta,
    main: Segment<'a>,
    edits: Option<Edits<'a>>,
}

/// Merges a built segment's list (less the edited documents) with an edit
/// segment's, in document order.
fn merged<T>(
    main: Vec<T>,
    edits: Vec<T>,
    edited: &HashSet<u32>,
    doc: impl Fn(&T) -> u32,
) -> Vec<T> {
    if edited.is_empty() {
        return main;
    }
    let mut out: Vec<T> = main
        .into_iter()
        .filter(|x| !edited.contains(&doc(x)))
        .collect();
    out.extend(edits);
    out.sort_by_key(|x| doc(x));
    out
}

impl<'a> Reader<'a> {
    fn open(store: &'a dyn Store, lang: &str) -> Result<Self, QueryError> {
        let base = format!("{}/{lang}", layout::ROOT);
        let path = format!("{base}/meta.json");
        let meta: Meta = json(store, &path)?;
        if meta.version != layout::VERSION {
            return Err(QueryError::Format {
                path,
                what: format!("version {} (expected {})", meta.version, layout::VERSION),
            });
        }
        let main = Segment::new(store, base.clone(), meta.shards);
        let edits = meta.edits.as_ref().map(|e| Edits {
            seg: Segment::new(store, format!("{base}/{}", layout::EDITS), e.shards),
            docs: e.docs.iter().copied().collect(),
            locators: RefCell::new(None),
        });
        Ok(Reader {
            store,
            meta,
            main,
            edits,
        })
    }

    fn docs(&self, key: &str) -> Result<Vec<DocEntry>, QueryError> {
        let main = self.main.docs(key)?;
        Ok(match &self.edits {
            Some(e) => merged(main, e.seg.docs(key)?, &e.docs, |d| d.doc),
            None => main,
        })
    }

    /// The documents holding the key, in order.
    fn ids(&self, key: &str) -> Result<Vec<u32>, QueryError> {
        let main = self.main.ids(key)?;
        Ok(match &self.edits {
            Some(e) => merged(main, e.seg.ids(key)?, &e.docs, |d| *d),
            None => main,
        })
    }

    /// The positions of the key in each of `docs` (documents it occurs in).
    fn positions(
        &self,
        key: &str,
        docs: &BTreeMap<u32, u8>,
    ) -> Result<HashMap<u32, Vec<u32>>, QueryError> {
        let mut out = HashMap::new();
        let mut take = |seg: &Segment<'_>, keep: &dyn Fn(u32) -> bool| {
            let list = seg.docs(key)?;
            let pos = seg.positions(key, &list)?;
            for (d, p) in list.into_iter().zip(pos) {
                if keep(d.doc) && docs.contains_key(&d.doc) {
                    out.insert(d.doc, p);
                }
            }
            Ok::<(), QueryError>(())
        };
        match &self.edits {
            Some(e) => {
                take(&self.main, &|d| !e.docs.contains(&d))?;
                take(&e.seg, &|_| true)?;
            }
            None => take(&self.main, &|_| true)?,
        }
        Ok(out)
    }

    /// Where a document's record is, and the segment holding it.
    fn locate(&self, doc: u32) -> Result<(Locator, &Segment<'a>), QueryError> {
        if let Some(e) = self.edits.as_ref().filter(|e| e.docs.contains(&doc)) {
            let mut locators = e.locators.borrow_mut();
            if locators.is_none() {
                let path = format!("{}/d.json", e.seg.dir);
                let m: HashMap<String, Locator> = json(self.store, &path)?;
                *locators = Some(
                    m.into_iter()
                        .filter_map(|(k, v)| Some((k.parse().ok()?, v)))
                        .collect(),
                );
            }
            let loc = locators.as_ref().and_then(|m| m.get(&doc)).copied();
            return loc.map(|l| (l, &e.seg)).ok_or_else(|| QueryError::Format {
                path: format!("{}/d.json", e.seg.dir),
                what: format!("no document {doc}"),
            });
        }
        let chunk = doc as usize / layout::DOC_CHUNK;
        let at = doc as usize % layout::DOC_CHUNK * layout::LOCATOR;
        let b = self.main.range("d", chunk, at, layout::LOCATOR)?;
        let loc = read_locator(&b).ok_or_else(|| self.main.bad("d", chunk, "short locator"))?;
        Ok((loc, &self.main))
    }
}

fn json<T: for<'de> Deserialize<'de>>(store: &dyn Store, path: &str) -> Result<T, QueryError> {
    let bytes = store.read(path).map_err(|source| QueryError::Read {
        path: path.to_owned(),
        source,
    })?;
    serde_json::from_slice(&bytes).map_err(|e| QueryError::Format {
        path: path.to_owned(),
        what: e.to_string(),
    })
}

/// How one term matched one document.
#[derive(Debug, Clone, Copy)]
struct Match {
    fields: u8,
    tf: u32,
    first: u32,
}

/// The documents matching one term.
fn match_term(r: &Reader<'_>, toks: &[String]) -> Result<BTreeMap<u32, Match>, QueryError> {
    let as_map = |docs: Vec<DocEntry>| {
        docs.into_iter()
            .map(|d| {
                (
                    d.doc,
                    Match {
                        fields: d.fields,
                        tf: d.tf,
                        first: d.first,
                    },
                )
            })
            .collect()
    };
    match toks.len() {
        0 => return Ok(BTreeMap::new()),
        1 => return Ok(as_map(r.docs(&unigram_key(&toks[0]))?)),
        2 => return Ok(as_map(r.docs(&bigram_key(&toks[0], &toks[1]))?)),
        3 | 4 => {
            // A common phrase has a list of its own in the built index.
            let key = phrase_key(toks);
            if r.main.lookup(&key)?.is_some() {
                return Ok(as_map(r.docs(&key)?));
            }
        }
        _ => {}
    }
    let pairs: Vec<String> = toks.windows(2).map(|w| bigram_key(&w[0], &w[1])).collect();
    let lists: Vec<Vec<DocEntry>> = pairs.iter().map(|k| r.docs(k)).collect::<Result<_, _>>()?;
    // Candidates: in every pair's list; fields: where every pair occurs.
    let mut cand: BTreeMap<u32, u8> = lists[0].iter().map(|d| (d.doc, d.fields)).collect();
    for l in &lists[1..] {
        let here: HashMap<u32, u8> = l.iter().map(|d| (d.doc, d.fields)).collect();
        cand.retain(|doc, f| match here.get(doc) {
            Some(g) => {
                *f &= g;
                true
            }
            None => false,
        });
    }
    if cand.is_empty() {
        return Ok(BTreeMap::new());
    }
    // Pairs 0, 2, 4 … and the last cover the phrase; their positions verify it.
    let n = pairs.len();
    let mut cover: Vec<usize> = (0..n).step_by(2).collect();
    if *cover.last().expect("non-empty") != n - 1 {
        cover.push(n - 1);
    }
    let mut pos: HashMap<usize, HashMap<u32, Vec<u32>>> = HashMap::new();
    for &i in &cover {
        pos.insert(i, r.positions(&pairs[i], &cand)?);
    }
    let mut out = BTreeMap::new();
    for (doc, fields) in cand {
        let starts = &pos[&0][&doc];
        let hits: Vec<u32> = starts
            .iter()
            .copied()
            .filter(|&p| {
                cover.iter().all(|&i| {
                    p.checked_add(i as u32)
                        .is_some_and(|at| pos[&i][&doc].binary_search(&at).is_ok())
                })
            })
            .collect();
        if let Some(&first) = hits.first() {
            out.insert(
                doc,
                Match {
                    fields,
                    tf: hits.len() as u32,
                    first,
                },
            );
        }
    }
    Ok(out)
}

fn weight(fields: u8) -> f64 {
    if fields & Field::Title.bit() != 0 {
        4.0
    } else if fields & Field::Heading.bit() != 0 {
        2.0
    } else if fields & Field::Meta.bit() != 0 {
        1.5
    } else {
        1.0
    }
}

/// Runs `req` against the `lang` index in `store`.
pub fn search(store: &dyn Store, lang: &str, req: &Request) -> Result<Results, QueryError> {
    let r = Reader::open(store, lang)?;
    let terms = terms(&req.q);
    if terms.is_empty() {
        return Ok(Results {
            total: 0,
            hits: Vec::new(),
        });
    }
    let mut matches: Vec<BTreeMap<u32, Match>> = Vec::new();
    for t in &terms {
        matches.push(match_term(&r, t)?);
    }
    let mut docs: Vec<u32> = matches[0].keys().copied().collect();
    for m in &matches[1..] {
        docs.retain(|d| m.contains_key(d));
    }
    for (kind, value) in &req.facets {
        let set: HashSet<u32> = r.ids(&facet_key(*kind, value))?.into_iter().collect();
        docs.retain(|d| set.contains(d));
    }
    let mut junctions: Vec<HashSet<u32>> = Vec::new();
    for w in terms.windows(2) {
        let key = bigram_key(w[0].last().expect("token"), &w[1][0]);
        junctions.push(r.ids(&key)?.into_iter().collect());
    }
    let n = r.meta.docs as f64;
    let mut scored: Vec<(f64, u32)> = docs
        .iter()
        .map(|&d| {
            let mut s = 0.0;
            for m in &matches {
                let x = m[&d];
                let idf = (1.0 + n / m.len() as f64).ln();
                s += idf * (1.0 + f64::from(x.tf).ln()) * weight(x.fields);
            }
            for j in &junctions {
                if j.contains(&d) {
                    s *= 1.25;
                }
            }
            (s, d)
        })
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));

    let rarest = (0..matches.len())
        .min_by_key(|&i| matches[i].len())
        .expect("one term");
    let mut hits = Vec::new();
    for &(score, doc) in scored.iter().skip(req.offset).take(req.limit) {
        let (loc, seg) = r.locate(doc)?;
        let meta = record(seg, loc)?;
        let (snippet, marks, anchor) =
            snippet(seg, loc, &meta, matches[rarest][&doc].first, &terms)?;
        hits.push(Hit {
            url: match anchor {
                Some(a) => format!("{}#{a}", meta.u),
                None => meta.u.clone(),
            },
            plan: meta.s.clone(),
            jurisdiction: meta.j.clone(),
            title: meta.t.clone(),
            date: meta.d.clone(),
            score,
            snippet,
            marks,
        });
    }
    Ok(Results {
        total: scored.len(),
        hits,
    })
}

/// Characters of context before and after the first mark.
const BEFORE: usize = 40;
const AFTER: usize = 100;

type Snippet = (String, Vec<Mark>, Option<String>);

/// A document's record.
fn record(r: &Segment<'_>, (pack, off, len): Locator) -> Result<Record, QueryError> {
    let json = inflate(&r.range("t", pack, off, len)?)
        .ok_or_else(|| r.bad("t", pack, "damaged record"))?;
    serde_json::from_slice(&json).map_err(|e| QueryError::Format {
        path: format!("{}/t/{pack}.bin", r.dir),
        what: e.to_string(),
    })
}

fn snippet(
    r: &Segment<'_>,
    (pack, off, tlen): Locator,
    meta: &Record,
    pos: u32,
    terms: &[Vec<String>],
) -> Result<Snippet, QueryError> {
    let table = &meta.b;
    let Some(i) = table.iter().rposition(|b| b.0 <= pos) else {
        return Ok((String::new(), Vec::new(), None));
    };
    let (_, anchor, chunk, boff, blen) = &table[i];
    let lens = meta
        .c
        .get(..=*chunk)
        .ok_or_else(|| r.bad("t", pack, "block in no chunk"))?;
    let (len, before) = lens.split_last().expect("one chunk");
    let start = r.sum("t", pack, &[&[off, tlen][..], before].concat())?;
    let bytes = inflate(&r.range("t", pack, start, *len)?)
        .ok_or_else(|| r.bad("t", pack, "damaged text chunk"))?;
    let bytes = bytes
        .get(*boff..r.sum("t", pack, &[*boff, *blen])?)
        .ok_or_else(|| r.bad("t", pack, "block outside its chunk"))?;
    let text = String::from_utf8_lossy(bytes).into_owned();
    let marks = mark(&text, terms);
    let (s, e) = match marks.first() {
        Some(&(ms, me)) => (back(&text, ms, BEFORE), forward(&text, me, AFTER)),
        None => (0, forward(&text, 0, BEFORE + AFTER)),
    };
    let mut out = String::new();
    if s > 0 {
        out.push('…');
    }
    let shift = out.len() as isize - s as isize;
    out.push_str(&text[s..e]);
    if e < text.len() {
        out.push('…');
    }
    let marks = marks
        .into_iter()
        .filter(|&(a, b)| a >= s && b <= e)
        .map(|(a, b)| ((a as isize + shift) as usize, (b as isize + shift) as usize))
        .collect();
    Ok((out, marks, anchor.clone()))
}

fn back(text: &str, from: usize, chars: usize) -> usize {
    text[..from]
        .char_indices()
        .rev()
        .nth(chars.saturating_sub(1))
        .map_or(0, |(i, _)| i)
}

fn forward(text: &str, from: usize, chars: usize) -> usize {
    text[from..]
        .char_indices()
        .nth(chars)
        .map_or(text.len(), |(i, _)| from + i)
}

/// Byte ranges of `text` where any term's tokens occur in sequence, merged.
pub fn mark(text: &str, terms: &[Vec<String>]) -> Vec<Mark> {
    let toks = tokenize(text);
    let mut out: Vec<Mark> = Vec::new();
    for t in terms {
        if t.is_empty() || t.len() > toks.len() {
            continue;
        }
        for i in 0..=toks.len() - t.len() {
            if t.iter().zip(&toks[i..]).all(|(a, b)| *a == b.text) {
                out.push((toks[i].start, toks[i + t.len() - 1].end));
            }
        }
    }
    out.sort_unstable();
    let mut merged: Vec<Mark> = Vec::new();
    for m in out {
        match merged.last_mut() {
            Some(last) if m.0 <= last.1 => last.1 = last.1.max(m.1),
            _ => merged.push(m),
        }
    }
    merged
}

/// Runs a query against a built output folder.
pub fn search_dir(out: &Path, lang: &str, req: &Request) -> Result<Results, QueryError> {
    search(&DirStore(out.to_owned()), lang, req)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::{build, IndexBlock, IndexDoc};

    fn doc(slug: &str, title: &str, body: &[&str]) -> IndexDoc<'static> {
        let mut blocks = vec![IndexBlock {
            field: Field::Title,
            text: title.to_owned().into(),
            anchor: None,
        }];
        blocks.extend(body.iter().enumerate().map(|(i, t)| IndexBlock {
            field: Field::Body,
            text: (*t).to_owned().into(),
            anchor: Some(format!("p{i}")),
        }));
        IndexDoc {
            url: format!("plans/{slug}/"),
            slug: slug.to_owned(),
            title: title.to_owned(),
            jurisdiction: "J".to_owned(),
            date: String::new(),
            facets: Vec::new(),
            blocks,
            body: Default::default(),
        }
    }

    fn store(docs: &[IndexDoc<'_>]) -> MemStore {
        let mem = crate::output::Memory::default();
        build::build("zh", docs.to_vec(), &crate::output::Emit::new(&mem, false));
        MemStore::from(mem.into_files())
    }

    fn plans(s: &MemStore, q: &str) -> Vec<String> {
        let req = Request {
            q: q.to_owned(),
            limit: 100,
            ..Default::default()
        };
        search(s, "zh", &req)
            .unwrap()
            .hits
            .into_iter()
            .map(|h| h.plan)
            .collect()
    }

    #[test]
    fn phrases_are_verified_not_just_their_pairs() {
        let s = store(&[
            doc("a", "甲", &["推进知识产权保护"]),
            // Every pair of 知识产权 (知识, 识产, 产权) but never the phrase.
            doc("b", "乙", &["知识产品", "认识产业", "资产权益"]),
            doc("c", "丙", &["寻找无双的人"]),
        ]);
        assert_eq!(plans(&s, "知识产权"), ["a"]);
        let mut both = plans(&s, "识产");
        both.sort();
        assert_eq!(both, ["a", "b"]);
        assert_eq!(plans(&s, "无双"), ["c"]);
        assert_eq!(plans(&s, "寻找无双"), ["c"]);
        assert_eq!(plans(&s, "找无双的"), ["c"]);
        assert!(plans(&s, "无双人").is_empty());
        // A phrase does not run across blocks.
        assert!(plans(&s, "品认识").is_empty());
    }

    #[test]
    fn common_phrases_answer_from_their_own_lists_as_through_their_pairs() {
        use build::Grams;
        let docs = [
            doc(
                "a",
                "知识产权规划",
                &["推进知识产权保护", "知识产权质押融资"],
            ),
            doc("b", "乙", &["知识产品", "认识产业", "资产权益", "知识产权"]),
            doc("c", "丙", &["知识产权保护中心", "保护知识"]),
            doc("d", "丁", &["质押融资 patent pledge financing scheme"]),
            doc("e", "戊", &["patent pledge financing", "融资质押"]),
        ];
        let with = |grams: Grams| {
            let mem = crate::output::Memory::default();
            build::build_with(
                "zh",
                docs.to_vec(),
                grams,
                &crate::output::Emit::new(&mem, false),
            );
            MemStore::from(mem.into_files())
        };
        let all = with(Grams::All);
        let none = with(Grams::none());
        let chosen = with(Grams::choose(&docs));
        // The chosen index has lists for phrases in two documents or more.
        let dirs: String = chosen
            .0
            .iter()
            .filter(|(k, _)| k.contains("/k/"))
            .map(|(_, v)| String::from_utf8_lossy(v).into_owned())
            .collect();
        assert!(dirs.contains("\"知 识 产 权\""), "{dirs}");
        assert!(dirs.contains("\"patent pledge financ\""), "{dirs}");
        assert!(
            !dirs.contains("\"pledge financ scheme\""),
            "a phrase in one document only: {dirs}"
        );
        for q in [
            "知识产权",
            "知识产",
            "识产权",
            "产权保护",
            "质押融资",
            "押融资",
            "知识产权 保护",
            "保护中心",
            "patent pledge financing",
            "\"pledge financing scheme\"",
            "知识产权保护",
        ] {
            let req = Request {
                q: q.to_owned(),
                limit: 100,
                ..Default::default()
            };
            let a = serde_json::to_string(&search(&none, "zh", &req).unwrap()).unwrap();
            assert_eq!(
                a,
                serde_json::to_string(&search(&all, "zh", &req).unwrap()).unwrap(),
                "{q}"
            );
            assert_eq!(
                a,
                serde_json::to_string(&search(&chosen, "zh", &req).unwrap()).unwrap(),
                "{q}"
            );
        }
        assert_eq!(plans(&none, "知识产权").len(), 3);
        assert_eq!(plans(&all, "patent pledge financing"), ["d", "e"]);
    }

    #[test]
    fn terms_and_together_and_fold_both_ways() {
        let s = store(&[
            doc("a", "甲", &["知識產權質押融資"]),
            doc("b", "乙", &["知识产权保护"]),
        ]);
        assert_eq!(plans(&s, "知识产权 融资"), ["a"]);
        let mut both = plans(&s, "知識產權");
        both.sort();
        assert_eq!(both, ["a", "b"]);
        assert_eq!(plans(&s, "质押"), ["a"]);
        assert!(plans(&s, "质押 保护").is_empty());
        assert!(plans(&s, "。，").is_empty());
    }

    #[test]
    fn title_matches_rank_above_body_and_adjacent_terms_above_scattered() {
        let s = store(&[
            doc("body", "其他规划", &["稀土产业发展"]),
            doc("title", "稀土规划", &["产业发展"]),
        ]);
        assert_eq!(plans(&s, "稀土"), ["title", "body"]);
        let s = store(&[
            doc("apart", "一", &["pledge of patents", "financing"]),
            doc("together", "二", &["patent pledge financing"]),
        ]);
        assert_eq!(plans(&s, "pledge financing"), ["together", "apart"]);
    }

    #[test]
    fn snippets_mark_the_match_and_link_the_passage() {
        let s = store(&[doc(
            "a",
            "甲",
            &["前言", "我们要加强知识产权保护,推动高质量发展"],
        )]);
        let r = search(
            &s,
            "zh",
            &Request {
                q: "知識產權".into(),
                limit: 5,
                ..Default::default()
            },
        )
        .unwrap();
        let h = &r.hits[0];
        assert_eq!(h.url, "plans/a/#p1");
        assert_eq!(h.marks.len(), 1);
        let (a, b) = h.marks[0];
        assert_eq!(&h.snippet[a..b], "知识产权");
    }

    #[test]
    fn many_documents_spread_over_shards_and_chunks() {
        let docs: Vec<IndexDoc<'static>> = (0..300)
            .map(|i| {
                let body = format!("第{i}号文件 编号{} 内容{}", i * 7919 % 1000, i % 13);
                doc(&format!("d{i}"), &format!("文件{i}"), &[&body])
            })
            .collect();
        let s = store(&docs);
        assert_eq!(plans(&s, "第42号"), ["d42"]);
        assert_eq!(plans(&s, "编号 314").len(), 1);
        // 内容12 as a phrase: i % 13 == 12; as two terms, also 编号12 or 第12号.
        assert_eq!(plans(&s, "内容12").len(), 23);
        assert_eq!(plans(&s, "内容 12").len(), 24);
    }

    #[test]
    fn results_past_the_first_locator_file_find_their_records() {
        let n = layout::DOC_CHUNK + 50;
        let docs: Vec<IndexDoc<'static>> = (0..n)
            .map(|i| doc(&format!("d{i}"), "文件", &[&format!("第{i}号")]))
            .collect();
        let s = store(&docs);
        let locators: Vec<&String> =
            s.0.keys()
                .filter(|k| k.starts_with("search/zh/d/"))
                .collect();
        assert_eq!(locators.len(), 2, "{locators:?}");
        for i in [0, 1, layout::DOC_CHUNK - 1, layout::DOC_CHUNK, n - 1] {
            let q = format!("第{i}号");
            assert_eq!(plans(&s, &q), [format!("d{i}")], "{q}");
        }
    }
}
