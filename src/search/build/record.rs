//! A document's record for results, compressed: its metadata and block
//! table, then its block texts gathered into chunks, each chunk and the
//! table a zlib stream of its own (see [`crate::search::codec`] for the
//! layout), so a result reads its record and the one chunk that holds its
//! snippet.

use std::cell::RefCell;
use std::fmt::Write as _;
use std::io::Write as _;

use flate2::write::ZlibEncoder;
use flate2::Compression;

use crate::search::layout::TEXT_CHUNK;

/// Builds one record, block by block ([`Record::block`]), then compresses it
/// ([`Record::finish`]).
pub(super) struct Record {
    /// The JSON so far: metadata, then the block table's entries.
    table: String,
    /// Length of `table` before the first block entry.
    empty: usize,
    /// The chunk being filled.
    chunk: Vec<u8>,
    /// The chunks compressed so far, back to back.
    packed: Vec<u8>,
    /// Each compressed chunk's length.
    lens: Vec<usize>,
}

impl Record {
    /// A record of a document at `url`, of the plan `slug`, with the
    /// result's title, jurisdiction and date.
    pub(super) fn new(url: &str, slug: &str, title: &str, jurisdiction: &str, date: &str) -> Self {
        let mut table = serde_json::json!({
            "u": url, "s": slug, "t": title, "j": jurisdiction, "d": date,
        })
        .to_string();
        table.pop();
        table.push_str(",\"b\":[");
        let empty = table.len();
        Record {
            table,
            empty,
            chunk: Vec::new(),
            packed: Vec::new(),
            lens: Vec::new(),
        }
    }

    /// Adds a block: its first token's position, its anchor and its text.
    pub(super) fn block(&mut self, pos: u32, anchor: Option<&str>, text: &str) {
        if !self.chunk.is_empty() && self.chunk.len() + text.len() > TEXT_CHUNK {
            self.seal();
        }
        if self.table.len() > self.empty {
            self.table.push(',');
        }
        let anchor = match anchor {
            Some(a) => serde_json::to_string(a).expect("string"),
            None => "null".to_owned(),
        };
        let _ = write!(
            self.table,
            "[{pos},{anchor},{},{},{}]",
            self.lens.len(),
            self.chunk.len(),
            text.len()
        );
        self.chunk.extend_from_slice(text.as_bytes());
    }

    /// Compresses the chunk being filled and starts the next.
    fn seal(&mut self) {
        let before = self.packed.len();
        self.packed = deflate(std::mem::take(&mut self.packed), &self.chunk);
        self.lens.push(self.packed.len() - before);
        self.chunk.clear();
    }

    /// The compressed record: the table's stream, then the chunks'; and the
    /// table stream's length, which the document's locator gives.
    pub(super) fn finish(mut self) -> (Vec<u8>, usize) {
        if !self.chunk.is_empty() {
            self.seal();
        }
        self.table.push_str("],\"c\":[");
        for (i, l) in self.lens.iter().enumerate() {
            if i > 0 {
                self.table.push(',');
            }
            let _ = write!(self.table, "{l}");
        }
        self.table.push_str("]}");
        let mut out = deflate(
            Vec::with_capacity(self.packed.len() + 1024),
            self.table.as_bytes(),
        );
        let table_len = out.len();
        out.extend_from_slice(&self.packed);
        (out, table_len)
    }
}

/// `bytes` compressed as a zlib stream (zlib's default level), appended to
/// `out`. Each thread
/// keeps one encoder and resets it for the next stream: a fresh one
/// allocates and clears some 300 KB of tables, several times per document.
/// A reset encoder starts from the same state, so the bytes are the same.
fn deflate(out: Vec<u8>, bytes: &[u8]) -> Vec<u8> {
    thread_local! {
        static ENCODER: RefCell<ZlibEncoder<Vec<u8>>> =
            RefCell::new(ZlibEncoder::new(Vec::new(), Compression::default()));
    }
    ENCODER.with_borrow_mut(|z| {
        // Ends the previous stream (already finished) into the vector it
        // wrote to, which is left out, and starts a new one into `out`.
        z.reset(out).expect("writing to memory");
        z.write_all(bytes).expect("writing to memory");
        z.try_finish().expect("writing to memory");
        z.reset(Vec::new()).expect("writing to memory")
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::codec::inflate;

    #[test]
    fn a_reused_encoder_writes_what_a_fresh_one_writes() {
        let fresh = |bytes: &[u8]| {
            let mut z = ZlibEncoder::new(vec![7], Compression::default());
            z.write_all(bytes).unwrap();
            z.finish().unwrap()
        };
        let long = "规划目标 plan ".repeat(5000);
        for text in ["", "短", long.as_str(), "第二段", long.as_str()] {
            assert_eq!(deflate(vec![7], text.as_bytes()), fresh(text.as_bytes()));
        }
    }

    #[test]
    fn blocks_are_found_again_in_their_chunks() {
        let mut r = Record::new("plans/a/", "a", "标题", "j", "2021");
        let long = "知".repeat(TEXT_CHUNK / 3 + 10);
        r.block(0, None, "第一段");
        r.block(4, Some("s-2"), &long);
        r.block(900, Some("s-3"), "末段");
        let (bytes, table_len) = r.finish();
        let table: serde_json::Value =
            serde_json::from_slice(&inflate(&bytes[..table_len]).unwrap()).unwrap();
        let lens: Vec<usize> = table["c"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| l.as_u64().unwrap() as usize)
            .collect();
        assert_eq!(lens.len(), 3, "the long block does not fit beside another");
        let mut starts = vec![table_len];
        for l in &lens {
            starts.push(starts.last().unwrap() + l);
        }
        assert_eq!(*starts.last().unwrap(), bytes.len());
        let text = |i: usize| {
            let b = &table["b"][i];
            let c = b[2].as_u64().unwrap() as usize;
            let (off, len) = (
                b[3].as_u64().unwrap() as usize,
                b[4].as_u64().unwrap() as usize,
            );
            let chunk = inflate(&bytes[starts[c]..starts[c + 1]]).unwrap();
            String::from_utf8(chunk[off..off + len].to_vec()).unwrap()
        };
        assert_eq!(text(0), "第一段");
        assert_eq!(text(1), long);
        assert_eq!(text(2), "末段");
        assert_eq!(table["b"][2][1], "s-3");
        assert_eq!(table["t"], "标题");
    }
}
