//! A data file written a piece at a time into the output, so that a large
//! site's data files (a gigabyte of JSON at 100,000 plans) are never held
//! whole in memory.

use std::io::{self, Write};

/// Bytes gathered before they are written out.
const PIECE: usize = 1 << 20;

/// Gathers a file's bytes and writes them to `w` a piece at a time.
pub(super) struct Spill<'w> {
    w: &'w mut dyn Write,
    /// The bytes not yet written.
    pub(super) buf: Vec<u8>,
}

impl<'w> Spill<'w> {
    /// A file starting with `start`, written to `w`.
    pub(super) fn new(w: &'w mut dyn Write, start: &[u8]) -> Self {
        let mut buf = Vec::with_capacity(PIECE + (64 << 10));
        buf.extend_from_slice(start);
        Spill { w, buf }
    }

    /// Writes out what is gathered once it passes a piece's size; call it
    /// after each record.
    pub(super) fn step(&mut self) -> io::Result<()> {
        if self.buf.len() >= PIECE {
            self.w.write_all(&self.buf)?;
            self.buf.clear();
        }
        Ok(())
    }

    /// Writes out the rest.
    pub(super) fn finish(self) -> io::Result<()> {
        self.w.write_all(&self.buf)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_add_up_to_the_whole() {
        let mut out = Vec::new();
        let mut s = Spill::new(&mut out, b"[");
        let mut expected = b"[".to_vec();
        for i in 0..200_000u32 {
            let rec = format!("{i},");
            s.buf.extend_from_slice(rec.as_bytes());
            expected.extend_from_slice(rec.as_bytes());
            s.step().unwrap();
            assert!(s.buf.len() < PIECE + 16);
        }
        s.finish().unwrap();
        assert_eq!(out, expected);
    }
}
