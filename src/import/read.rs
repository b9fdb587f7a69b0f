//! The input file read with a bound, before any decoding: `plansite import
//! /dev/zero` (or a multi-gigabyte file given by mistake) must stop with an
//! error, not fill memory.

use std::io::{self, Read};

/// The largest input `plansite import` reads: 16 MiB. A plan's text is a
/// few hundred kilobytes; the largest in the bundled site is under 200 KB.
pub const MAX_INPUT_BYTES: u64 = 16 * 1024 * 1024;

/// Why a bounded read failed.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// The input has more than the allowed number of bytes.
    #[error("larger than {} MiB, the most import reads (it stopped reading there); a plan's text is far smaller: check that this is the right file", .limit / (1024 * 1024))]
    TooLarge {
        /// The limit, in bytes.
        limit: u64,
    },
    /// The input could not be read.
    #[error("cannot read: {0}")]
    Io(#[from] io::Error),
}

/// Every byte of `input` if there are at most `limit`; reads at most
/// `limit + 1` bytes either way, so an input that never ends (a device, a
/// pipe) is refused after `limit` bytes.
pub fn bounded(input: impl Read, limit: u64) -> Result<Vec<u8>, ReadError> {
    let mut bytes = Vec::new();
    input
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge { limit });
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stream_that_never_ends_is_refused_at_the_limit() {
        let err = bounded(io::repeat(0), 1024).unwrap_err();
        assert!(matches!(err, ReadError::TooLarge { limit: 1024 }), "{err}");
        let err = bounded(io::repeat(b'a'), MAX_INPUT_BYTES).unwrap_err();
        assert!(err.to_string().contains("16 MiB"), "{err}");
    }

    #[test]
    fn an_input_up_to_the_limit_is_read_whole() {
        assert_eq!(bounded(&b"abcd"[..], 4).unwrap(), b"abcd");
        assert_eq!(bounded(&b""[..], 4).unwrap(), b"");
        assert!(bounded(&b"abcde"[..], 4).is_err());
    }
}
