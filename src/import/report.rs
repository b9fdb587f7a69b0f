//! What an import did and noticed, printed on stderr as
//! `file:line:column:` lines an editor can jump to.

use std::fmt;

use crate::diag::Printable;

/// Something the importer did or noticed, for stderr.
#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    /// A furniture line was removed.
    Removed {
        /// Input line.
        line: usize,
        /// Its text.
        text: String,
        /// What it was.
        what: &'static str,
    },
    /// Pinyin annotations were stripped from a line.
    Pinyin {
        /// Input line.
        line: usize,
        /// How many.
        count: usize,
    },
    /// Suspected mojibake.
    Mojibake {
        /// Input line.
        line: usize,
        /// Column in characters.
        column: usize,
        /// Why.
        reason: &'static str,
        /// The run with context.
        context: String,
    },
    /// An indicator value cell that is not a number.
    Unread {
        /// Input line.
        line: usize,
        /// The cell.
        cell: String,
    },
    /// An indicator row whose name is not in the catalogue.
    NoCatalogueId {
        /// Input line.
        line: usize,
        /// The name.
        label: String,
    },
    /// A metadata field that was not found.
    Missing(&'static str),
}

/// Every event of one import.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// Name of the input.
    pub source: String,
    /// The events in input order.
    pub events: Vec<Event>,
}

impl Report {
    /// Number of suspected mojibake runs.
    pub fn suspects(&self) -> usize {
        self.events
            .iter()
            .filter(|e| matches!(e, Event::Mojibake { .. }))
            .count()
    }
}

/// Printed on stderr; the quoted input is shown through [`Printable`], so
/// a DEL, C1 control or bidirectional override in the raw text cannot act
/// on the terminal (decoding already refuses the C0 controls).
impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let src = Printable(&self.source);
        let mut pinyin_lines = 0;
        let mut pinyin = 0;
        for e in &self.events {
            match e {
                Event::Removed { line, text, what } => {
                    writeln!(f, "{src}:{line}:1: removed {what}: {}", Printable(text))?
                }
                Event::Pinyin { count, .. } => {
                    pinyin_lines += 1;
                    pinyin += count;
                }
                Event::Mojibake {
                    line,
                    column,
                    reason,
                    context,
                } => writeln!(
                    f,
                    "{src}:{line}:{column}: warning: suspected mojibake ({reason}): “{}”\n  = hint: compare with the original document and repair the characters only where they are certain; each repair goes in `notes`",
                    Printable(context)
                )?,
                Event::Unread { line, cell } => writeln!(
                    f,
                    "{src}:{line}:1: warning: indicator value “{}” is not a number; it was left out\n  = hint: write the value and unit in the front matter by hand",
                    Printable(cell)
                )?,
                Event::NoCatalogueId { line, label } => writeln!(
                    f,
                    "{src}:{line}:1: warning: “{}” is not in the indicator catalogue; its `id` is left empty\n  = hint: pick an id from indicators/ or add indicators/<id>.yaml",
                    Printable(label)
                )?,
                Event::Missing(what) => writeln!(
                    f,
                    "{src}: note: no {what} found; the field is left for you to fill in"
                )?,
            }
        }
        if pinyin > 0 {
            writeln!(
                f,
                "{src}: stripped {pinyin} pinyin annotations on {pinyin_lines} lines"
            )?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_input_cannot_act_on_the_terminal() {
        let report = Report {
            source: "raw\u{1b}.txt".into(),
            events: vec![
                Event::Unread {
                    line: 3,
                    cell: "约\u{7f}5\u{9b}2J".into(),
                },
                Event::NoCatalogueId {
                    line: 4,
                    label: "名称\u{202E}".into(),
                },
            ],
        };
        let s = report.to_string();
        assert!(s.contains("raw\\u{1b}.txt:3:1:"), "{s}");
        assert!(s.contains("“约\\u{7f}5\\u{9b}2J”"), "{s}");
        assert!(s.contains("“名称\\u{202e}”"), "{s}");
        assert!(
            !s.chars()
                .any(|c| c != '\n' && crate::diag::is_unprintable(c)),
            "{s:?}"
        );
    }
}
