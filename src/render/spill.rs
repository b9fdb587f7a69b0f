//! A data file written a piece at a time into the output, so that a large
//! site's data files (a gigabyte of JSON at 100,000 plans) are never held
//! whole in memory.

use std::io::{self, Write};

/// Bytes gathered before they are written out.
const PIECE: usize = 1 << 20;

/// Gathers a file's bytes and writes them to `w` a piece at a time,
/// keeping the first write error for [`Spill::finish`].
pub(super) struct Spill<'w> {
    w: &'w mut dyn Write,
    /// The bytes not yet written.
    pub(super) buf: Vec<u8>,
    error: Option<io::Error>,
}

impl<'w> Spill<'w> {
    /// A file starting with `start`, written to `w`.
    pub(super) fn new(w: &'w mut dyn Write, start: &[u8]) -> Self {
        let mut buf = Vec::with_capacity(PIECE + (64 << 10));
        buf.extend_from_slice(start);
        Spill {
            w,
            buf,
            error: None,
        }
    }

    /// Writes out what is gathered once it passes a piece's size; call it
    /// after each record. After a write error nothing more is written.
    pub(super) fn step(&mut self) {
        if self.buf.len() >= PIECE {
            if self.error.is_none() {
                if let Err(e) = self.w.write_all(&self.buf) {
                    self.error = Some(e);
                }
            }
            self.buf.clear();
        }
    }

    /// Writes out the rest; the first write error, if there was one.
    pub(super) fn finish(self) -> io::Result<()> {
        match self.error {
            Some(e) => Err(e),
            None => self.w.write_all(&self.buf),
        }
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
            s.step();
            assert!(s.buf.len() < PIECE + 16);
        }
        s.finish().unwrap();
        assert_eq!(out, expected);
    }

    /// A writer that takes `room` bytes, then fails.
    struct Full {
        room: usize,
    }

    impl Write for Full {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            if buf.len() > self.room {
                return Err(io::Error::other("disk full"));
            }
            self.room -= buf.len();
            Ok(buf.len())
        }

        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn the_first_write_error_is_kept_for_the_end() {
        let mut w = Full { room: PIECE + 10 };
        let mut s = Spill::new(&mut w, b"");
        for _ in 0..3 * PIECE / 1000 {
            s.buf.extend_from_slice(&[b'x'; 1000]);
            s.step();
        }
        assert!(s.buf.len() < PIECE, "nothing piles up after the error");
        assert_eq!(s.finish().unwrap_err().to_string(), "disk full");
    }
}
