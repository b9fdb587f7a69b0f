//! Where a broken link was written: a link in a page's text is reported at
//! its `file:line:column` in the Markdown the page is made from; a link the
//! theme writes stays at the page's output path.

use std::path::{Path, PathBuf};

use crate::diag::Location;

/// The Markdown file the page at output path `page` shows the text of,
/// relative to the site root: a plan (`plans/<slug>/`), a jurisdiction or
/// a free page, in either language. The side-by-side view rewrites its
/// links, so it is not traced.
pub fn source_of(page: &str) -> Option<PathBuf> {
    let (en, rest) = match page.strip_prefix("en/") {
        Some(rest) => (true, rest),
        None => (false, page),
    };
    let folder = rest.strip_suffix("/index.html")?;
    let parts: Vec<&str> = folder.split('/').collect();
    let suffix = if en { ".en.md" } else { ".md" };
    match parts.as_slice() {
        ["plans", slug] => Some(format!("content/plans/{slug}/index{suffix}").into()),
        ["jurisdictions", id] if !en => Some(format!("content/jurisdictions/{id}.md").into()),
        [name] => Some(format!("content/pages/{name}{suffix}").into()),
        _ => None,
    }
}

/// Where `url`, a link of the page at output path `page`, is written: the
/// first `](url` or `<url>` of the page's Markdown under `root`, else the
/// page itself.
pub fn locate(root: &Path, page: &str, url: &str) -> Location {
    let found = source_of(page).and_then(|rel| {
        let text = std::fs::read_to_string(root.join(&rel)).ok()?;
        let text = text.replace("\r\n", "\n");
        let offset = [
            format!("]({url}"),
            format!("](<{url}>"),
            format!("\"{url}\""),
        ]
        .iter()
        .find_map(|needle| {
            text.find(needle.as_str())
                .map(|i| i + needle.find(url).unwrap_or(0))
        })?;
        Some(Location::at_offset(&rel, &text, offset))
    });
    found.unwrap_or_else(|| Location::file(page))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_are_traced_to_their_markdown() {
        let of = |p: &str| source_of(p).map(|s| s.display().to_string());
        assert_eq!(
            of("plans/a/index.html").as_deref(),
            Some("content/plans/a/index.md")
        );
        assert_eq!(
            of("en/plans/a/index.html").as_deref(),
            Some("content/plans/a/index.en.md")
        );
        assert_eq!(
            of("about/index.html").as_deref(),
            Some("content/pages/about.md")
        );
        assert_eq!(
            of("jurisdictions/x/index.html").as_deref(),
            Some("content/jurisdictions/x.md")
        );
        assert_eq!(of("plans/a/parallel/index.html"), None);
        assert_eq!(of("index.html"), None);
    }

    #[test]
    fn a_link_is_located_in_the_text_else_at_the_page() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("content/plans/a");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join("index.md"),
            "---\ntitle: x\n---\n\n前文[别处](../none/)\n",
        )
        .unwrap();
        let at = locate(tmp.path(), "plans/a/index.html", "../none/");
        assert_eq!(at.to_string(), "content/plans/a/index.md:5:8");
        let theme = locate(tmp.path(), "plans/a/index.html", "../../nav/");
        assert_eq!(theme.to_string(), "plans/a/index.html:1:1");
    }
}
