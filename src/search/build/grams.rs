//! The phrases of three and four tokens indexed as keys of their own.

use rayon::prelude::*;

use super::keys::{gram_id, pair_id, tok_id, Map, MixHasher};
use crate::search::normalize::{each_token, unigram_key, Tok};
use crate::search::IndexDoc;

/// Most documents read to choose the phrases indexed as keys of their own.
pub(super) const GRAM_SAMPLE: usize = 512;
/// A phrase is chosen when at least this share (1/n) of the sampled
/// documents contains it.
const GRAM_SHARE: usize = 16;
/// Most phrases chosen per language.
const MAX_GRAMS: usize = 1024;

/// Phrases of three and four tokens that get a posting list of their own,
/// so that a query for a common phrase reads one list of documents instead
/// of the positions of its pairs in every document. Each phrase's entry is
/// what the pair path computes for it (occurrences, first position, and as
/// fields the documents' fields common to all its pairs), so the two paths
/// answer alike and a query may take either.
pub(in crate::search) enum Grams {
    /// Every phrase (an edit segment: few documents, and it must hold every
    /// phrase the built index chose).
    All,
    /// The chosen phrases with their key texts, and the pairs they start
    /// with.
    Only { starts: IdSet, texts: Map<String> },
}

type IdSet = std::collections::HashSet<u64, std::hash::BuildHasherDefault<MixHasher>>;

impl Grams {
    /// No phrase.
    #[cfg(test)]
    pub(in crate::search) fn none() -> Grams {
        Grams::Only {
            starts: IdSet::default(),
            texts: Map::default(),
        }
    }

    /// Whether a chosen phrase may start with the pair `pair`.
    pub(super) fn may_start(&self, pair: u64) -> bool {
        match self {
            Grams::All => true,
            Grams::Only { starts, .. } => starts.contains(&pair),
        }
    }

    pub(super) fn has(&self, id: u64) -> bool {
        match self {
            Grams::All => true,
            Grams::Only { texts, .. } => texts.contains_key(&id),
        }
    }

    /// The key text of chosen phrase `id`, when it was found while choosing
    /// (so documents need not spell it each time they contain it).
    pub(super) fn text(&self, id: u64) -> Option<&String> {
        match self {
            Grams::All => None,
            Grams::Only { texts, .. } => texts.get(&id),
        }
    }

    /// The phrases found in at least 1/[`GRAM_SHARE`] of the first
    /// [`GRAM_SAMPLE`] of `docs` (at least two), the [`MAX_GRAMS`] most
    /// common. The first, not a spread: a build indexes its documents as
    /// they are parsed, a batch at a time.
    pub(in crate::search) fn choose(docs: &[IndexDoc<'_>]) -> Grams {
        let sample: Vec<&IndexDoc<'_>> = docs.iter().take(GRAM_SAMPLE).collect();
        let found: Vec<Vec<(u64, u64)>> = sample
            .par_iter()
            .map(|d| {
                let mut set: Map<u64> = Map::default();
                let mut ids: Vec<u64> = Vec::new();
                for (_, text) in d.texts() {
                    ids.clear();
                    each_token(text, |t, _, _| ids.push(tok_id(t)));
                    for n in [3, 4] {
                        for w in ids.windows(n) {
                            set.insert(gram_id(w), pair_id(w[0], w[1]));
                        }
                    }
                }
                set.into_iter().collect()
            })
            .collect();
        let mut counts: Map<(u32, u64)> = Map::default();
        for (id, start) in found.into_iter().flatten() {
            counts.entry(id).or_insert((0, start)).0 += 1;
        }
        let least = (sample.len() / GRAM_SHARE).max(2) as u32;
        let mut common: Vec<(u32, u64, u64)> = counts
            .into_iter()
            .filter(|&(_, (n, _))| n >= least)
            .map(|(id, (n, start))| (n, id, start))
            .collect();
        common.sort_unstable_by(|a, b| b.cmp(a));
        common.truncate(MAX_GRAMS);
        let mut texts: Map<String> = Map::default();
        let mut wanted: IdSet = common.iter().map(|c| c.1).collect();
        // Each chosen phrase's text, from the first sampled document that
        // holds it.
        'docs: for d in &sample {
            for (_, text) in d.texts() {
                let mut toks: Vec<(u64, String)> = Vec::new();
                each_token(text, |t, _, _| {
                    let text = match t {
                        Tok::Han(c) => c.to_string(),
                        Tok::Word(w) => unigram_key(w),
                    };
                    toks.push((tok_id(t), text));
                });
                let ids: Vec<u64> = toks.iter().map(|t| t.0).collect();
                for n in [3, 4] {
                    for (i, w) in ids.windows(n).enumerate() {
                        let gid = gram_id(w);
                        if wanted.remove(&gid) {
                            let words: Vec<&str> =
                                toks[i..i + n].iter().map(|t| t.1.as_str()).collect();
                            texts.insert(gid, words.join(" "));
                        }
                    }
                }
                if wanted.is_empty() {
                    break 'docs;
                }
            }
        }
        Grams::Only {
            starts: common.iter().map(|c| c.2).collect(),
            texts,
        }
    }
}
