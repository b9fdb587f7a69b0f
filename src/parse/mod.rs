//! Stage 2, pure: front matter (YAML) and Markdown, positions kept.

pub mod cjk;
pub mod frontmatter;
pub mod highlight;
pub mod markdown;
pub mod yaml;
