//! Block alignment between an original and its translation, for
//! side-by-side reading and for the warnings when the two drift apart:
//! a block whose kind differs ([`check`]), and aligned blocks whose
//! numbers differ (`numbers`). Both are placed at the English block's line
//! ([`warnings`]).

mod numbers;

use std::path::Path;

use crate::diag::{Diagnostic, Location, Messages};
use crate::parse::markdown::{Block, BlockKind, Doc};

/// A pair of blocks shown side by side; either side may be missing when the
/// structures differ.
#[derive(Debug, Clone, Copy)]
pub struct Row<'a> {
    /// Chinese block.
    pub zh: Option<&'a Block>,
    /// English block.
    pub en: Option<&'a Block>,
}

fn shape(b: &Block) -> (BlockKind, u8) {
    (b.kind, b.level)
}

/// Pairs blocks by position.
pub fn rows<'a>(zh: &'a Doc, en: &'a Doc) -> Vec<Row<'a>> {
    let n = zh.blocks.len().max(en.blocks.len());
    (0..n)
        .map(|i| Row {
            zh: zh.blocks.get(i),
            en: en.blocks.get(i),
        })
        .collect()
}

/// The translation's body, to place warnings at its lines.
#[derive(Debug, Clone, Copy)]
pub struct Source<'a> {
    /// The file.
    pub path: &'a Path,
    /// Its Markdown body, which the document was rendered from.
    pub body: &'a str,
    /// 1-based file line of the body's first line.
    pub body_line: usize,
}

impl Source<'_> {
    /// The file location of a block of the document rendered from `body`.
    fn at(&self, b: Option<&Block>) -> Location {
        self.at_offset(b.map_or(self.body.len(), |b| b.offset))
    }

    fn at_offset(&self, offset: usize) -> Location {
        let (line, column) = crate::diag::line_col(self.body, offset);
        Location::new(self.path, self.body_line + line - 1, column)
    }

    /// The location of `number` in the source of block `i` of `doc`, or
    /// of the block when it is not found there.
    fn number_in(&self, doc: &Doc, i: usize, number: Option<&str>) -> Location {
        let b = &doc.blocks[i];
        let end = doc.blocks.get(i + 1).map_or(self.body.len(), |n| n.offset);
        let source = self.body.get(b.offset..end).unwrap_or_default();
        match number.and_then(|n| source.find(n)) {
            Some(k) => self.at_offset(b.offset + k),
            None => self.at(Some(b)),
        }
    }
}

/// Index of the first block whose kind differs, `None` when the two
/// documents have the same block structure.
fn first_difference(zh: &Doc, en: &Doc) -> Option<usize> {
    (0..zh.blocks.len().max(en.blocks.len())).find(|&i| {
        match (zh.blocks.get(i), en.blocks.get(i)) {
            (Some(a), Some(b)) => shape(a) != shape(b),
            _ => true,
        }
    })
}

/// Every warning about a translation: the first block that differs (at
/// the English block's line, or the end of the file when the translation
/// has fewer blocks), and each aligned pair before it whose numbers differ.
pub fn warnings(zh: &Doc, zh_path: &Path, en: &Doc, en_src: Source<'_>) -> Vec<Diagnostic> {
    let first = first_difference(zh, en);
    let mut out = Vec::new();
    let aligned = first.unwrap_or(zh.blocks.len());
    for (i, (a, b)) in zh.blocks.iter().zip(&en.blocks).enumerate().take(aligned) {
        let at = |n: Option<&str>| en_src.number_in(en, i, n);
        if let Some(w) = numbers::differ(zh.text_of(a), en.text_of(b), at, zh_path) {
            out.push(w);
        }
    }
    if let Some(mut w) = check(zh, zh_path, en, en_src.path) {
        w.location = en_src.at(first.and_then(|i| en.blocks.get(i)));
        out.push(w);
    }
    out
}

/// A warning naming both files and the first block that differs, or `None`
/// when the two documents have the same block structure. It is placed at
/// the start of the file; [`warnings`] places it at the block.
pub fn check(zh: &Doc, zh_path: &Path, en: &Doc, en_path: &Path) -> Option<Diagnostic> {
    let first = first_difference(zh, en)?;
    let describe = |doc: &Doc, b: Option<&Block>, lang: Messages| match b {
        Some(b) => {
            let text = doc.text_of(b);
            let mut t: String = text.chars().take(30).collect();
            if text.chars().count() > 30 {
                t.push('…');
            }
            let level = if b.level > 0 {
                format!(" h{}", b.level)
            } else {
                String::new()
            };
            match lang {
                Messages::En => format!("{:?}{level} “{t}”", b.kind),
                Messages::Zh => format!("{}{level}“{t}”", kind_zh(b.kind)),
            }
        }
        None => lang.pick("nothing", "空").to_owned(),
    };
    let (zh_at, en_at) = (zh.blocks.get(first), en.blocks.get(first));
    Some(
        Diagnostic::warning(
            Location::file(en_path),
            format!(
                "block {} differs from {}: {} has {}, the translation has {} ({} vs {} blocks)",
                first + 1,
                zh_path.display(),
                zh_path.display(),
                describe(zh, zh_at, Messages::En),
                describe(en, en_at, Messages::En),
                zh.blocks.len(),
                en.blocks.len()
            ),
        )
        .hint("give the translation the same headings, paragraphs, lists, tables and boxes in the same order")
        .zh(
            format!(
                "第 {} 块与原文 {} 对不上：原文是 {}，译文是 {}（原文 {} 块，译文 {} 块）",
                first + 1,
                zh_path.display(),
                describe(zh, zh_at, Messages::Zh),
                describe(en, en_at, Messages::Zh),
                zh.blocks.len(),
                en.blocks.len()
            ),
            "译文要与原文逐块对应：同样的标题（级别相同）、段落、列表、表格和专栏，顺序一致",
        ),
    )
}

/// The staff guide's word for a kind of block.
fn kind_zh(kind: BlockKind) -> &'static str {
    match kind {
        BlockKind::Heading => "标题",
        BlockKind::Paragraph => "段落",
        BlockKind::List => "列表",
        BlockKind::Table => "表格",
        BlockKind::Box => "专栏",
        BlockKind::Quote => "引文",
        BlockKind::Code => "代码",
        BlockKind::Other => "其他块",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::markdown::render;

    #[test]
    fn warnings_are_at_the_english_blocks_line() {
        let raw = crate::parse::markdown::RawHtml::default();
        let zh = render("# 标题\n\n达到225万件。\n\n段落\n", &[], raw);
        let en_body = "# Title\n\nBy the end,\nreach 2.35 million.\n\n- a list\n";
        let en = render(en_body, &[], raw);
        let src = Source {
            path: Path::new("index.en.md"),
            body: en_body,
            body_line: 10,
        };
        let w = warnings(&zh, Path::new("index.md"), &en, src);
        let at: Vec<(usize, usize)> = w
            .iter()
            .map(|d| (d.location.line, d.location.column))
            .collect();
        assert_eq!(at, [(13, 7), (15, 1)], "{w:#?}");
        assert!(w[0].message.contains("only in the original: 225"));
        assert!(w[1].message.starts_with("block 3 differs"));
    }
}
