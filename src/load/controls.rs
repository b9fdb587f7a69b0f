//! Clean text in: control characters (other than tab and newline) in a
//! source file are errors at their line and column. They are invisible in an
//! editor, and would pass into the pages (an ESC or a NUL in HTML); they
//! come with text copied from a terminal, a PDF or a word processor.

use std::path::Path;

use crate::diag::{Diagnostic, Diagnostics, Location};

/// How many control characters of one file are reported one by one.
const SHOWN: usize = 20;

/// Reports the control characters of `text` (the file `path`).
pub fn check(path: &Path, text: &str, diags: &mut Diagnostics) {
    // Fast path: every control character starts with a byte below 0x20,
    // 0x7F (DEL), or 0xC2 (U+0080–U+009F, and other Latin-1 signs).
    let suspect = |b: &u8| (*b < 0x20 && *b != b'\t' && *b != b'\n') || *b == 0x7f || *b == 0xc2;
    if !text.as_bytes().iter().any(suspect) {
        return;
    }
    let mut count = 0;
    // Line and column kept as the text is walked, not counted again for each.
    let (mut line, mut column) = (1, 1);
    for c in text.chars() {
        if c.is_control() && c != '\t' && c != '\n' {
            count += 1;
            if count <= SHOWN {
                diags.push(
                    Diagnostic::error(
                        Location::new(path, line, column),
                        format!("control character {} in the text", name(c)),
                    )
                    .hint("delete it (it is invisible in most editors, e.g. search for it with a regular expression `[\\x00-\\x08\\x0B-\\x1F\\x7F]`)")
                    .zh(
                        format!("文中有控制字符 {}", name(c)),
                        "删除它（多数编辑器里看不见，可以用正则表达式 `[\\x00-\\x08\\x0B-\\x1F\\x7F]` 查找）",
                    ),
                );
            }
        }
        if c == '\n' {
            line += 1;
            column = 1;
        } else {
            column += 1;
        }
    }
    if count > SHOWN {
        diags.push(
            Diagnostic::error(
                Location::file(path),
                format!("{} more control characters in this file", count - SHOWN),
            )
            .hint("the file may not be text: check how it was made")
            .zh(
                format!("本文件还有 {} 个控制字符", count - SHOWN),
                "这个文件可能不是文本：检查它是怎么生成的",
            ),
        );
    }
}

/// `U+001B (escape)`: the code point, and the usual name where it has one.
fn name(c: char) -> String {
    let what = match c {
        '\0' => " (null)",
        '\u{7}' => " (bell)",
        '\u{8}' => " (backspace)",
        '\u{b}' => " (vertical tab)",
        '\u{c}' => " (form feed)",
        '\r' => " (carriage return)",
        '\u{1b}' => " (escape)",
        '\u{7f}' => " (delete)",
        _ => "",
    };
    format!("U+{:04X}{what}", u32::from(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(text: &str) -> Vec<String> {
        let mut d = Diagnostics::new();
        check(Path::new("a.md"), text, &mut d);
        d.sorted()
            .iter()
            .map(|d| format!("{} {}", d.location, d.message))
            .collect()
    }

    #[test]
    fn control_characters_are_errors_at_their_place() {
        assert_eq!(
            problems("甲\tb\n\u{1b}[31m\nx\u{7}\u{0}y\u{85}\n"),
            [
                "a.md:2:1 control character U+001B (escape) in the text",
                "a.md:3:2 control character U+0007 (bell) in the text",
                "a.md:3:3 control character U+0000 (null) in the text",
                "a.md:3:5 control character U+0085 in the text",
            ]
        );
    }

    #[test]
    fn tabs_newlines_and_latin_signs_pass() {
        assert!(problems("a\tb\nc «d» ·\n").is_empty());
    }

    #[test]
    fn many_are_summed_up() {
        let got = problems(&"\u{0}".repeat(25));
        assert_eq!(got.len(), SHOWN + 1);
        assert_eq!(got[0], "a.md:1:1 5 more control characters in this file");
    }
}
