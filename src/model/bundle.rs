//! A plan's attachments (its *page bundle*, found by [`crate::load`]) and
//! the check of the links and images in its texts that name them.

use std::path::Path;

use crate::diag::{Diagnostics, Severity};
use crate::load;
use crate::parse::frontmatter::Split;
use crate::parse::markdown::{Doc, Problem};

/// A file published beside a plan's page (`plans/<slug>/<name>`).
#[derive(Debug, Clone)]
pub struct Attachment {
    /// Its path below the plan's folder, `/`-separated (`original.pdf`).
    pub name: String,
    /// Size in bytes.
    pub size: u64,
    /// What kind of file it is, by its extension.
    pub media: MediaType,
    /// The file, to be copied by a build.
    pub source: load::Attachment,
}

impl Attachment {
    /// The attachment of a file found.
    pub fn new(source: load::Attachment) -> Self {
        Attachment {
            name: source.name.clone(),
            size: source.size,
            media: MediaType::of(&source.name),
            source,
        }
    }
}

/// A file's media type and the short name readers know it by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MediaType {
    /// `application/pdf`.
    pub mime: &'static str,
    /// `PDF`.
    pub label: String,
}

/// Known extensions: (extension, media type, label).
const TYPES: &[(&str, &str, &str)] = &[
    ("pdf", "application/pdf", "PDF"),
    ("ofd", "application/ofd", "OFD"),
    ("png", "image/png", "PNG"),
    ("jpg", "image/jpeg", "JPEG"),
    ("jpeg", "image/jpeg", "JPEG"),
    ("gif", "image/gif", "GIF"),
    ("webp", "image/webp", "WebP"),
    ("avif", "image/avif", "AVIF"),
    ("csv", "text/csv", "CSV"),
    ("txt", "text/plain", "Text"),
    ("json", "application/json", "JSON"),
    ("xml", "application/xml", "XML"),
    ("zip", "application/zip", "ZIP"),
    ("doc", "application/msword", "Word"),
    (
        "docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "Word",
    ),
    ("xls", "application/vnd.ms-excel", "Excel"),
    (
        "xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "Excel",
    ),
    ("wps", "application/vnd.ms-works", "WPS"),
    ("et", "application/vnd.ms-excel", "WPS"),
];

impl MediaType {
    /// The type of the file `name`, by its extension (case ignored);
    /// `application/octet-stream` labelled with the extension otherwise.
    pub fn of(name: &str) -> Self {
        let ext = Path::new(name)
            .extension()
            .map(|x| x.to_string_lossy().to_ascii_lowercase())
            .unwrap_or_default();
        match TYPES.iter().find(|(e, _, _)| *e == ext) {
            Some((_, mime, label)) => MediaType {
                mime,
                label: (*label).to_owned(),
            },
            None => MediaType {
                mime: "application/octet-stream",
                label: if ext.is_empty() {
                    "—".to_owned()
                } else {
                    ext.to_ascii_uppercase()
                },
            },
        }
    }
}

/// The most file names a hint lists.
const SHOWN: usize = 8;

/// Reports each link or image of `doc` (the body of the file `path`) to
/// a file of the plan's folder that is not among `attachments`, at the
/// link. Links that leave the folder are left to `plansite check`.
pub fn check_links(
    doc: &Doc,
    attachments: &[Attachment],
    path: &Path,
    split: &Split<'_>,
    slug: &str,
    diags: &mut Diagnostics,
) {
    for link in &doc.local_links {
        let Some(name) = crate::links::normalize(&link.target) else {
            continue;
        };
        if attachments.iter().any(|a| a.name == name) {
            continue;
        }
        let mut present: Vec<String> = attachments
            .iter()
            .take(SHOWN)
            .map(|a| format!("`{}`", a.name))
            .collect();
        if attachments.len() > SHOWN {
            present.push(format!("and {} more", attachments.len() - SHOWN));
        }
        let hint = if present.is_empty() {
            format!("put `{name}` beside the plan, in content/plans/{slug}/, or correct the link (the folder has no other files)")
        } else {
            format!(
                "put `{name}` beside the plan, in content/plans/{slug}/, or correct the link; the folder has {}",
                present.join(", ")
            )
        };
        let problem = Problem {
            offset: link.offset,
            severity: Severity::Error,
            message: format!("`{}`: no such file beside the plan", link.target),
            hint: hint.into(),
        };
        diags.push(problem.diagnostic(path, split.body, split.body_line));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn media_types_by_extension() {
        assert_eq!(MediaType::of("原文.PDF").mime, "application/pdf");
        assert_eq!(MediaType::of("img/chart.png").label, "PNG");
        let other = MediaType::of("data.parquet");
        assert_eq!(
            (other.mime, other.label.as_str()),
            ("application/octet-stream", "PARQUET")
        );
    }
}
