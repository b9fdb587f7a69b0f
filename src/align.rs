//! Block alignment between an original and its translation, for
//! side-by-side reading and for the warning when the two drift apart.

use std::path::Path;

use crate::diag::{Diagnostic, Location};
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

/// A warning naming both files and the first block that differs, or `None`
/// when the two documents have the same block structure.
pub fn check(zh: &Doc, zh_path: &Path, en: &Doc, en_path: &Path) -> Option<Diagnostic> {
    let first = (0..zh.blocks.len().max(en.blocks.len())).find(|&i| {
        match (zh.blocks.get(i), en.blocks.get(i)) {
            (Some(a), Some(b)) => shape(a) != shape(b),
            _ => true,
        }
    })?;
    let describe = |doc: &Doc, b: Option<&Block>| match b {
        Some(b) => {
            let text = doc.text_of(b);
            let mut t: String = text.chars().take(30).collect();
            if text.chars().count() > 30 {
                t.push('…');
            }
            format!(
                "{:?}{} “{}”",
                b.kind,
                if b.level > 0 {
                    format!(" h{}", b.level)
                } else {
                    String::new()
                },
                t
            )
        }
        None => "nothing".to_owned(),
    };
    Some(
        Diagnostic::warning(
            Location::file(en_path),
            format!(
                "block {} differs from {}: {} has {}, the translation has {} ({} vs {} blocks)",
                first + 1,
                zh_path.display(),
                zh_path.display(),
                describe(zh, zh.blocks.get(first)),
                describe(en, en.blocks.get(first)),
                zh.blocks.len(),
                en.blocks.len()
            ),
        )
        .hint("give the translation the same headings, paragraphs, lists, tables and boxes in the same order"),
    )
}
