//! Bytes to text: UTF-8 (with or without BOM), UTF-16 with BOM, or
//! GB18030/GBK, which many Chinese government files still use. Binary and
//! undecodable input is refused with the byte offset of the first problem.
//! The text is then normalised: CRLF and CR become LF, full-width and
//! no-break spaces become ordinary spaces, zero-width characters go, runs of
//! spaces inside a line collapse to one and line ends are trimmed.

use std::fmt;

/// The encoding a file was read in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-8 without a byte-order mark.
    Utf8,
    /// UTF-8 with a byte-order mark (removed).
    Utf8Bom,
    /// UTF-16 with a byte-order mark.
    Utf16,
    /// GB18030 (a superset of GBK and GB2312).
    Gb18030,
}

impl fmt::Display for Encoding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf8Bom => "UTF-8 with BOM",
            Encoding::Utf16 => "UTF-16",
            Encoding::Gb18030 => "GB18030",
        })
    }
}

/// Why a file could not be read as text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    /// A control byte that never occurs in text.
    #[error("this looks like a binary file (control byte 0x{byte:02x} at byte offset {offset}); import reads plain text copied from a web page or document")]
    Binary {
        /// Offset of the byte.
        offset: usize,
        /// The byte.
        byte: u8,
    },
    /// Neither UTF-8 nor GB18030.
    #[error("not valid UTF-8 (first bad byte at offset {utf8_offset}) nor GB18030 (first bad byte at offset {gb_offset}); save the text as UTF-8 and try again")]
    Undecodable {
        /// Where UTF-8 decoding failed.
        utf8_offset: usize,
        /// Where GB18030 decoding failed.
        gb_offset: usize,
    },
}

/// Decodes and normalises a raw text.
pub fn decode(bytes: &[u8]) -> Result<(String, Encoding), DecodeError> {
    let (text, enc) = decode_raw(bytes)?;
    Ok((normalise(&text), enc))
}

fn decode_raw(bytes: &[u8]) -> Result<(String, Encoding), DecodeError> {
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        let enc = if bytes[0] == 0xFF {
            encoding_rs::UTF_16LE
        } else {
            encoding_rs::UTF_16BE
        };
        return match enc.decode_without_bom_handling_and_without_replacement(&bytes[2..]) {
            Some(s) => Ok((s.into_owned(), Encoding::Utf16)),
            None => Err(DecodeError::Undecodable {
                utf8_offset: 0,
                gb_offset: 0,
            }),
        };
    }
    // Bytes below 0x20 are never part of a multi-byte sequence in UTF-8 or
    // GB18030, so one scan finds binary content in either.
    if let Some(offset) = bytes
        .iter()
        .position(|&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C))
    {
        return Err(DecodeError::Binary {
            offset,
            byte: bytes[offset],
        });
    }
    // The same UTF-8 reading (BOM dropped) as the site loader.
    let bom = bytes.starts_with(b"\xEF\xBB\xBF");
    match crate::load::decode(bytes.to_vec()) {
        Ok(s) if bom => Ok((s, Encoding::Utf8Bom)),
        Ok(s) => Ok((s, Encoding::Utf8)),
        Err((_, utf8_offset)) if bom => Err(DecodeError::Undecodable {
            utf8_offset,
            gb_offset: 0,
        }),
        Err((_, utf8_offset)) => match gb18030(bytes) {
            Ok(s) => Ok((s, Encoding::Gb18030)),
            Err(gb_offset) => Err(DecodeError::Undecodable {
                utf8_offset,
                gb_offset,
            }),
        },
    }
}

/// GB18030 decoding without replacement; on failure, the offset of the
/// first malformed byte.
fn gb18030(bytes: &[u8]) -> Result<String, usize> {
    let mut decoder = encoding_rs::GB18030.new_decoder_without_bom_handling();
    let mut out = String::with_capacity(bytes.len() * 3 / 2 + 16);
    let mut read = 0;
    loop {
        let (result, n) =
            decoder.decode_to_string_without_replacement(&bytes[read..], &mut out, true);
        read += n;
        match result {
            encoding_rs::DecoderResult::InputEmpty => return Ok(out),
            encoding_rs::DecoderResult::OutputFull => out.reserve(bytes.len() - read + 16),
            encoding_rs::DecoderResult::Malformed(bad, _) => {
                return Err(read.saturating_sub(bad as usize))
            }
        }
    }
}

/// Line endings, spaces and zero-width characters.
pub fn normalise(text: &str) -> String {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut out = String::with_capacity(text.len());
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let mut pending_space = false;
        let mut started = false;
        for c in line.chars() {
            match c {
                '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{FEFF}' | '\u{2060}' => {}
                ' ' | '\t' | '\u{3000}' | '\u{00A0}' | '\u{2002}'..='\u{200A}' => {
                    pending_space = started;
                }
                _ => {
                    if pending_space {
                        out.push(' ');
                        pending_space = false;
                    }
                    started = true;
                    out.push(c);
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(
            decode("知识产权".as_bytes()).unwrap(),
            ("知识产权".into(), Encoding::Utf8)
        );
        let mut b = b"\xEF\xBB\xBF".to_vec();
        b.extend_from_slice("规划".as_bytes());
        assert_eq!(decode(&b).unwrap(), ("规划".into(), Encoding::Utf8Bom));
    }

    #[test]
    fn gb18030_is_detected_and_converted() {
        let (bytes, _, _) = encoding_rs::GB18030.encode("包头市知识产权局\r\n2021年12月22日");
        let (text, enc) = decode(&bytes).unwrap();
        assert_eq!(enc, Encoding::Gb18030);
        assert_eq!(text, "包头市知识产权局\n2021年12月22日");
    }

    #[test]
    fn utf16_with_bom() {
        let mut b = vec![0xFF, 0xFE];
        for u in "专栏".encode_utf16() {
            b.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(decode(&b).unwrap(), ("专栏".into(), Encoding::Utf16));
    }

    #[test]
    fn binary_names_the_offset() {
        let err = decode(b"\x89PNG\r\n\x1a\n....").unwrap_err();
        assert_eq!(
            err,
            DecodeError::Binary {
                offset: 6,
                byte: 0x1a
            }
        );
        assert!(err.to_string().contains("byte offset 6"));
    }

    #[test]
    fn undecodable_names_both_offsets() {
        let err = decode(b"abc\xFF\xFFdef").unwrap_err();
        assert_eq!(
            err,
            DecodeError::Undecodable {
                utf8_offset: 3,
                gb_offset: 3
            }
        );
    }

    #[test]
    fn spaces_and_line_ends_are_normalised() {
        assert_eq!(
            normalise("\u{3000}\u{3000}第一段\u{00A0}\u{00A0}内容 \r\n\u{200B}x\ry"),
            "第一段 内容\nx\ny"
        );
    }
}
