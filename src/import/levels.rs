//! Heading levels that follow the document, not only the line: `1.` is a
//! fourth-level heading, and `(1)` is a fifth-level one only under a `1.`
//! heading; where a section has no `1.` headings, `(1)` is the fourth
//! level, as in the bundled plans (docs/CONTENT.md). No level is skipped:
//! each heading goes one level below the nearest heading before it of a
//! higher rank (`##` when there is none, the page title being the `h1`).

use super::body::Block;

/// Lowers each `(1)`-style heading (level 5) to level 4 unless a `1.`-style
/// heading (level 4) came before it since the last heading of level 3 or
/// above.
/// Then closes the gaps: each heading goes one level below the nearest
/// heading before it of a higher rank, so `一、` `(1)` is `##` `###` and a
/// body starting at `(一)` starts at `##`.
pub fn settle(blocks: &mut [Block]) {
    let mut under_arabic = false;
    // (rank as numbered, level given) of the open headings.
    let mut open: Vec<(usize, usize)> = Vec::new();
    for b in blocks {
        if let Block::Heading { level, .. } = b {
            match *level {
                0..=3 => under_arabic = false,
                4 => under_arabic = true,
                _ if !under_arabic => *level = 4,
                _ => {}
            }
            let rank = *level;
            while open.last().is_some_and(|&(r, _)| r >= rank) {
                open.pop();
            }
            *level = open.last().map_or(2, |&(_, l)| l + 1);
            open.push((rank, *level));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn heading(level: usize) -> Block {
        Block::Heading {
            line: 1,
            level,
            text: String::new(),
        }
    }

    fn levels(blocks: &[Block]) -> Vec<usize> {
        blocks
            .iter()
            .filter_map(|b| match b {
                Block::Heading { level, .. } => Some(*level),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn parenthesised_numbers_nest_only_under_arabic_headings() {
        let mut b: Vec<Block> = [2, 3, 5, 5, 3, 4, 5, 4, 2, 5].map(heading).into();
        settle(&mut b);
        assert_eq!(levels(&b), [2, 3, 4, 4, 3, 4, 5, 4, 2, 3]);
    }

    #[test]
    fn no_level_is_skipped() {
        // `一、` then `(1)` with no `(一)` between (Baotou), and a body
        // that starts at `(一)`.
        let mut b: Vec<Block> = [2, 5, 5, 2, 4].map(heading).into();
        settle(&mut b);
        assert_eq!(levels(&b), [2, 3, 3, 2, 3]);
        let mut b: Vec<Block> = [3, 4, 3].map(heading).into();
        settle(&mut b);
        assert_eq!(levels(&b), [2, 3, 2]);
    }
}
