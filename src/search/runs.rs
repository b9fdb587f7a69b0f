//! Posting lists written out of memory while an index is built, and merged
//! back in key order when it is written.
//!
//! A language's lists grow with the site (3.7 GB held at 100,000 plans).
//! Once a segment holds more than its budget, its lists are sorted by key
//! and written to a run file, and the segment starts afresh; each run
//! holds the lists of a span of documents, later runs later documents.
//! [`Runs::merged`] reads the runs side by side and joins each key's lists
//! in run order, so the index written is the one an unbounded build would
//! write.

use std::fs::{self, File};
use std::io::{self, BufRead, BufReader, BufWriter, Read, Write};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

use super::codec::{get_varint, put_varint};

/// One key's posting list under construction: one record per document,
/// in document order, each
///
/// ```text
/// varint(doc - previous doc, the first from 0)
/// varint(tf << 4 | fields), varint(first position)      (the payload entry)
/// varint(n), then n position deltas                     (keys with positions)
/// ```
///
/// [`Posting::sections`] splits them into the three sections of the
/// written list (see [`super::codec`]). Appending a document writes to one
/// place, not three: the lists of a language are some 4,000 per document
/// and far apart in memory, and reaching the ends of three of them each
/// time, each a vector of its own, was most of the cost of indexing.
pub(super) struct Posting {
    pub(super) key: String,
    /// Documents in the list.
    pub(super) df: u32,
    /// The last document's number.
    pub(super) last: u32,
    /// Whether records carry positions.
    positions: bool,
    /// The records.
    pub(super) recs: Vec<u8>,
}

/// A list's three sections, as written: document number deltas (before
/// [`super::codec::put_ids`] chooses their form), payload, positions.
pub(super) struct Sections {
    pub(super) ids: Vec<u8>,
    pub(super) docs: Vec<u8>,
    pub(super) pos: Vec<u8>,
}

impl Posting {
    /// An empty list for `key`, whose records carry positions where
    /// `positions`.
    pub(super) fn new(key: String, positions: bool) -> Self {
        Posting {
            key,
            df: 0,
            last: 0,
            positions,
            recs: Vec::new(),
        }
    }

    /// Whether records carry positions.
    pub(super) fn has_positions(&self) -> bool {
        self.positions
    }

    /// Appends `next`, the same key's list over later documents: its first
    /// document number, stored from 0, becomes a delta from this list's
    /// last.
    fn append(&mut self, next: Posting) {
        if self.df == 0 {
            *self = Posting {
                key: std::mem::take(&mut self.key),
                ..next
            };
            return;
        }
        self.append_recs(&next.recs, next.df, next.last);
    }

    /// Appends the records `recs` of a later list of `df` documents, the
    /// last numbered `last`.
    fn append_recs(&mut self, recs: &[u8], df: u32, last: u32) {
        let mut at = 0;
        if let Some(first) = get_varint(recs, &mut at) {
            put_varint(&mut self.recs, first - self.last);
            self.recs.extend_from_slice(&recs[at..]);
        }
        self.df += df;
        self.last = last;
    }

    /// The list's three sections; `None` if its records are cut short.
    pub(super) fn sections(&self) -> Option<Sections> {
        let r = &self.recs;
        let mut out = Sections {
            ids: Vec::with_capacity(self.df as usize + 4),
            docs: Vec::with_capacity(r.len()),
            pos: Vec::new(),
        };
        if self.positions {
            out.pos.reserve(r.len());
        }
        let mut at = 0;
        for _ in 0..self.df {
            let start = at;
            get_varint(r, &mut at)?;
            out.ids.extend_from_slice(&r[start..at]);
            let start = at;
            let tf = get_varint(r, &mut at)? >> 4;
            get_varint(r, &mut at)?;
            out.docs.extend_from_slice(&r[start..at]);
            if self.positions {
                let start = at;
                for _ in 1..tf {
                    get_varint(r, &mut at)?;
                }
                out.pos.extend_from_slice(&r[start..at]);
            }
        }
        (at == r.len()).then_some(out)
    }

    /// Writes the list in a run file's form: key, counts, then records.
    fn write(&self, out: &mut impl Write) -> io::Result<()> {
        let mut head = Vec::with_capacity(24 + self.key.len());
        for n in [self.key.len(), self.recs.len()] {
            put_varint(&mut head, length(n)?);
        }
        put_varint(&mut head, self.df);
        put_varint(&mut head, self.last);
        put_varint(&mut head, u32::from(self.positions));
        head.extend_from_slice(self.key.as_bytes());
        out.write_all(&head)?;
        out.write_all(&self.recs)
    }
}

/// A section length as stored.
fn length(n: usize) -> io::Result<u32> {
    u32::try_from(n).map_err(|_| io::Error::other("a posting list over 4 GiB"))
}

fn corrupt() -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidData,
        "search index run file is corrupt",
    )
}

/// A list's head as a run file holds it: the key and counts, its
/// records following.
struct Head {
    key: String,
    recs: u32,
    df: u32,
    last: u32,
    positions: bool,
}

/// Reads the next list's head; `None` at the end of the file.
fn read_head(r: &mut BufReader<File>) -> io::Result<Option<Head>> {
    let Some(key_len) = read_varint(r, true)? else {
        return Ok(None);
    };
    let mut counts = [0u32; 4];
    for c in &mut counts {
        *c = read_varint(r, false)?.unwrap_or_default();
    }
    let [recs, df, last, positions] = counts;
    let mut key = vec![0; key_len as usize];
    r.read_exact(&mut key)?;
    let key = String::from_utf8(key).map_err(|_| corrupt())?;
    Ok(Some(Head {
        key,
        recs,
        df,
        last,
        positions: positions != 0,
    }))
}

/// Reads a varint from the reader's buffer; `None` at a clean end of the
/// file where `end_ok`.
fn read_varint(r: &mut BufReader<File>, end_ok: bool) -> io::Result<Option<u32>> {
    let mut v: u32 = 0;
    for (i, shift) in (0..35).step_by(7).enumerate() {
        let b = match r.fill_buf()?.first() {
            Some(&b) => b,
            None if i == 0 && end_ok => return Ok(None),
            None => return Err(corrupt()),
        };
        r.consume(1);
        v |= u32::from(b & 0x7F) << shift;
        if b < 0x80 {
            return Ok(Some(v));
        }
    }
    Err(corrupt())
}

/// Appends `n` bytes of `r` to `v`.
fn read_onto(r: &mut BufReader<File>, v: &mut Vec<u8>, n: u32) -> io::Result<()> {
    let start = v.len();
    v.resize(start + n as usize, 0);
    r.read_exact(&mut v[start..])
}

/// One run: a file, or the lists themselves when the file could not be
/// written (a full disk makes the build hold them, not fail).
enum Run {
    File(PathBuf),
    Held(Vec<Posting>),
}

/// A segment's runs, in document order, in a folder of the system's
/// temporary folder that is removed when they are dropped.
pub(super) struct Runs {
    /// Where the runs' folder is made.
    under: PathBuf,
    dir: Option<PathBuf>,
    runs: Vec<Run>,
}

impl Default for Runs {
    fn default() -> Self {
        Runs::under(std::env::temp_dir())
    }
}

impl Runs {
    /// Runs whose folder is made in `under`.
    pub(super) fn under(under: PathBuf) -> Self {
        Runs {
            under,
            dir: None,
            runs: Vec::new(),
        }
    }

    /// How many runs were set aside, and how many of them are held in
    /// memory (their files could not be written).
    #[cfg(test)]
    pub(super) fn count(&self) -> (usize, usize) {
        let held = self
            .runs
            .iter()
            .filter(|r| matches!(r, Run::Held(_)))
            .count();
        (self.runs.len(), held)
    }

    /// Sets aside `lists`, sorted by key, as the next run.
    pub(super) fn push(&mut self, lists: Vec<Posting>) {
        let n = self.runs.len();
        let run = match self.write(n, &lists) {
            Ok(path) => Run::File(path),
            Err(_) => Run::Held(lists),
        };
        self.runs.push(run);
    }

    fn write(&mut self, n: usize, lists: &[Posting]) -> io::Result<PathBuf> {
        let dir = match &self.dir {
            Some(d) => d.clone(),
            None => {
                crate::output::remove_stale(&self.under, &["plansite-index-"]);
                static FOLDERS: AtomicUsize = AtomicUsize::new(0);
                let d = self.under.join(format!(
                    "plansite-index-{}-{}",
                    std::process::id(),
                    FOLDERS.fetch_add(1, Ordering::Relaxed)
                ));
                fs::create_dir_all(&d)?;
                self.dir = Some(d.clone());
                d
            }
        };
        let path = dir.join(format!("{n}.run"));
        let mut out = BufWriter::with_capacity(1 << 20, File::create(&path)?);
        for p in lists {
            p.write(&mut out)?;
        }
        out.into_inner().map_err(io::IntoInnerError::into_error)?;
        Ok(path)
    }

    /// Every list, the runs' and then `last`'s (sorted by key, over the
    /// last documents), each key's joined in run order, in key order.
    pub(super) fn merged(mut self, last: Vec<Posting>) -> io::Result<Merged> {
        let mut sources = Vec::with_capacity(self.runs.len() + 1);
        for run in std::mem::take(&mut self.runs) {
            sources.push(match run {
                Run::File(path) => {
                    // The folder goes when the runs are dropped, after the
                    // merge.
                    let mut r = BufReader::with_capacity(1 << 16, File::open(&path)?);
                    let head = read_head(&mut r)?;
                    Source::File { r, head }
                }
                Run::Held(lists) => Source::held(lists),
            });
        }
        sources.push(Source::held(last));
        Ok(Merged {
            sources,
            scratch: Vec::new(),
            _runs: self,
        })
    }
}

impl Drop for Runs {
    fn drop(&mut self) {
        if let Some(d) = &self.dir {
            let _ = fs::remove_dir_all(d);
        }
    }
}

/// Where a run's lists are read from, with the next one's key.
enum Source {
    File {
        r: BufReader<File>,
        head: Option<Head>,
    },
    Held {
        it: std::vec::IntoIter<Posting>,
        head: Option<Posting>,
    },
}

impl Source {
    fn held(lists: Vec<Posting>) -> Source {
        let mut it = lists.into_iter();
        let head = it.next();
        Source::Held { it, head }
    }

    /// The next list's key, `None` when the run is done.
    fn key(&self) -> Option<&str> {
        match self {
            Source::File { head, .. } => head.as_ref().map(|h| h.key.as_str()),
            Source::Held { head, .. } => head.as_ref().map(|p| p.key.as_str()),
        }
    }

    /// Moves the next list onto `out` (a list over earlier documents, or
    /// empty and numbered from 0), and reads on.
    fn take_onto(&mut self, out: &mut Posting, scratch: &mut Vec<u8>) -> io::Result<()> {
        match self {
            Source::Held { it, head } => {
                if let Some(p) = std::mem::replace(head, it.next()) {
                    out.append(p);
                }
                Ok(())
            }
            Source::File { r, head } => {
                let Some(h) = head.take() else {
                    return Ok(());
                };
                scratch.clear();
                read_onto(r, scratch, h.recs)?;
                out.positions = h.positions;
                out.append_recs(scratch, h.df, h.last);
                *head = read_head(r)?;
                Ok(())
            }
        }
    }
}

/// The runs' lists joined per key, in key order (see [`Runs::merged`]).
pub(super) struct Merged {
    sources: Vec<Source>,
    /// A run's document numbers, read before they are joined.
    scratch: Vec<u8>,
    /// Keeps the run files until the merge is dropped.
    _runs: Runs,
}

impl Iterator for Merged {
    type Item = io::Result<Posting>;

    fn next(&mut self) -> Option<Self::Item> {
        // A few runs (one per budget's worth of lists): a scan finds the
        // least key.
        let least = self
            .sources
            .iter()
            .filter_map(Source::key)
            .min()?
            .to_owned();
        // Each source's list says whether it carries positions.
        let mut out = Posting::new(least, false);
        for s in &mut self.sources {
            if s.key() == Some(out.key.as_str()) {
                if let Err(e) = s.take_onto(&mut out, &mut self.scratch) {
                    return Some(Err(e));
                }
            }
        }
        Some(Ok(out))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::codec::put_payload;

    /// A list of key with positions over documents 3 (at 4 and 10) and 9
    /// (at 130), as indexing writes it.
    fn list() -> Posting {
        let mut p = Posting::new("知识".into(), true);
        for (doc, positions) in [(3u32, &[4u32, 10][..]), (9, &[130][..])] {
            put_varint(&mut p.recs, doc - p.last);
            put_payload(&mut p.recs, 0b10, positions.len() as u32, positions[0]);
            let mut prev = positions[0];
            for &x in &positions[1..] {
                put_varint(&mut p.recs, x - prev);
                prev = x;
            }
            p.last = doc;
            p.df += 1;
        }
        p
    }

    #[test]
    fn records_split_into_the_three_sections() {
        let s = list().sections().expect("whole records");
        assert_eq!(s.ids, [3, 6]);
        let mut docs = Vec::new();
        put_payload(&mut docs, 0b10, 2, 4);
        put_payload(&mut docs, 0b10, 1, 130);
        assert_eq!(s.docs, docs);
        // Only positions after the first, as deltas: 10 - 4.
        assert_eq!(s.pos, [6]);
        let mut cut = list();
        cut.recs.pop();
        assert!(cut.sections().is_none(), "a record cut short is refused");
    }

    #[test]
    fn a_later_list_appended_counts_from_the_earlier_last_document() {
        let mut a = list();
        let mut b = list();
        // The same documents 100 later, numbered from 0 in their own run.
        b.recs.clear();
        b.df = 0;
        b.last = 0;
        for doc in [103u32, 109] {
            put_varint(&mut b.recs, doc - b.last);
            put_payload(&mut b.recs, 0b10, 1, 7);
            b.last = doc;
            b.df += 1;
        }
        a.append(b);
        assert_eq!((a.df, a.last), (4, 109));
        assert_eq!(a.sections().expect("whole").ids, [3, 6, 94, 6]);
    }
}
