//! Where a problem is: a file, a line and a column.

use std::fmt;
use std::path::{Path, PathBuf};

use super::Printable;

/// A place in a source file. Lines and columns are 1-based and count in the
/// whole file (a front-matter error points at the file's line, not the block's).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Location {
    /// Path as the user should see it: relative to the site root when possible.
    pub path: PathBuf,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, counted in characters.
    pub column: usize,
}

impl Location {
    /// A location at `line:column` of `path`.
    pub fn new(path: impl Into<PathBuf>, line: usize, column: usize) -> Self {
        Location {
            path: path.into(),
            line,
            column,
        }
    }

    /// The start of a file, for problems that concern the file as a whole.
    pub fn file(path: impl Into<PathBuf>) -> Self {
        Location::new(path, 1, 1)
    }

    /// Location of byte `offset` inside `text`, which starts at line 1 of `path`.
    pub fn at_offset(path: &Path, text: &str, offset: usize) -> Self {
        let (line, column) = line_col(text, offset);
        Location::new(path, line, column)
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}",
            Printable(&self.path.to_string_lossy()),
            self.line,
            self.column
        )
    }
}

/// 1-based line and character column of byte `offset` in `text`.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..floor_char_boundary(text, offset)];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}
