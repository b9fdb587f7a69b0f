//! The English file that goes with an imported plan: the same blocks in
//! the same order (so the translation aligns with the original block by
//! block), each holding a `TODO` that says what to translate. `check`
//! refuses a `TODO` outside drafts, so an untranslated block can never be
//! published as if it were translated.

use super::body::Block;

/// `index.en.md` for the imported plan's `blocks`.
pub fn skeleton(blocks: &[Block]) -> String {
    let mut o = String::from(
        "---\n# English translation skeleton written by `plansite import --en`: the same blocks as index.md.\n\
         # Translate each TODO block; `plansite check` refuses a TODO outside drafts.\n\
         title: TODO English title\n\
         issuers: [TODO issuing bodies in English, same order as index.md]\n\
         translation_note: Unofficial translation.\n---\n",
    );
    for b in blocks {
        o.push('\n');
        match b {
            Block::Heading { level, line, .. } => {
                o.push_str(&format!(
                    "{} TODO translate the heading at line {line}\n",
                    "#".repeat(*level)
                ));
            }
            Block::Paragraph { line, .. } => {
                o.push_str(&format!("TODO translate the paragraph at line {line}.\n"));
            }
            Block::Table { rows, .. } => {
                let width = rows.first().map_or(1, Vec::len).max(1);
                for (k, _) in rows.iter().enumerate() {
                    let cells = vec!["TODO"; width].join(" | ");
                    o.push_str(&format!("| {cells} |\n"));
                    if k == 0 {
                        o.push('|');
                        o.push_str(&"---|".repeat(width));
                        o.push('\n');
                    }
                }
            }
            Block::Box {
                items, numbered, ..
            } => {
                o.push_str("> [!BOX] TODO box title\n>\n");
                for k in 0..items.len() {
                    if *numbered {
                        o.push_str(&format!("> {}. TODO\n", k + 1));
                    } else {
                        if k > 0 {
                            o.push_str(">\n");
                        }
                        o.push_str("> TODO\n");
                    }
                }
            }
        }
    }
    o
}
