//! A plan's attachments on its page: the view of each, and the links of a
//! text shown away from the folder its files are published in.

use serde::Serialize;

use crate::model::Plan;
use crate::parse::markdown::Doc;

/// One attachment as the plan page lists it.
#[derive(Debug, Serialize)]
pub struct AttachmentItem {
    /// File name (its path below the plan's folder).
    pub name: String,
    /// Link from the page, percent-encoded.
    pub url: String,
    /// Size for readers (`12 KB`, `3.4 MB`).
    pub size: String,
    /// Kind for readers (`PDF`).
    pub kind: String,
    /// Media type (`application/pdf`), for the link's `type`.
    pub mime: &'static str,
}

/// The attachments of `plan`, linked through `folder`: the URL of the
/// plan's Chinese page folder from the page showing them, where the one
/// copy of each is.
pub fn items(plan: &Plan, folder: &str) -> Vec<AttachmentItem> {
    plan.attachments
        .iter()
        .map(|a| AttachmentItem {
            name: a.name.clone(),
            url: format!("{folder}{}", crate::links::encode_path(&a.name)),
            size: size(a.size),
            kind: a.media.label.clone(),
            mime: a.media.mime,
        })
        .collect()
}

/// `doc`'s HTML on the English plan page: its links to the plan's files
/// rewritten to reach them through `folder` (see [`items`]).
pub fn html_from(doc: &Doc, folder: &str) -> String {
    if doc.local_links.is_empty() {
        doc.html().to_owned()
    } else {
        crate::links::rebase(doc.html(), folder, "")
    }
}

/// A block of `doc` on the side-by-side page, a folder below the plan's
/// page: links to the plan's files go through `folder`, other relative
/// links up one folder.
pub fn parallel_block(doc: &Doc, block: &crate::parse::markdown::Block, folder: &str) -> String {
    let html = doc.html_of(block);
    if memchr::memmem::find(html.as_bytes(), b"=\"").is_some() {
        crate::links::rebase(html, folder, "../")
    } else {
        html.to_owned()
    }
}

/// A size in bytes for readers: whole KB (rounded up) under 1 MB, MB
/// with one decimal above (1 KB = 1,024 bytes).
pub fn size(bytes: u64) -> String {
    const KB: u64 = 1024;
    if bytes < KB * KB {
        format!("{} KB", bytes.div_ceil(KB))
    } else {
        format!("{:.1} MB", bytes as f64 / (KB * KB) as f64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_as_kb_and_mb() {
        assert_eq!(size(5), "1 KB");
        assert_eq!(size(1024), "1 KB");
        assert_eq!(size(1500), "2 KB");
        assert_eq!(size(3 * 1024 * 1024 + 400 * 1024), "3.4 MB");
    }
}
