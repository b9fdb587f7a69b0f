//! Stage 2, pure: front matter (YAML) and Markdown, positions kept.

pub mod cjk;
pub mod frontmatter;
pub mod guard;
pub mod highlight;
pub mod markdown;
pub mod sanitize;
pub mod url;
pub mod yaml;
