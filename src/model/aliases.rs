//! `aliases:`: old paths of a plan's page, each published as a redirect
//! to it, so links made before a plan moved still lead to it.
//!
//! An alias is a path of this site (`/plans/old-slug/`), written without
//! the language folder: both the Chinese and the English redirect are made.
//! It must not be a page the site makes, another alias, or anything outside
//! the site.

use std::path::Path;

use crate::diag::{Diagnostic, Diagnostics, Location};
use crate::parse::frontmatter::Split;
use crate::parse::yaml::Step;

use super::relations::Index;

/// One alias, validated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alias {
    /// The path without its leading `/`, ending in `/` (a folder) or
    /// `.html`: `plans/old-slug/`.
    pub path: String,
    /// Where it is written.
    pub location: Location,
}

impl Alias {
    /// The redirect page's output file in the Chinese site (prefix `en/`
    /// for the English one).
    pub fn file(&self) -> String {
        if self.path.ends_with(".html") {
            self.path.clone()
        } else {
            format!("{}index.html", self.path)
        }
    }
}

/// First path segments the site's own files live under.
const RESERVED: &[&str] = &["en", "static", "data", "search"];

/// The site-relative form of `raw` (`plans/old/`), or why it is refused
/// (in English and Chinese).
pub fn normalize(raw: &str) -> Result<String, (String, String)> {
    let bad = |en: &str, zh: &str| Err((en.to_owned(), zh.to_owned()));
    let s = raw.trim();
    if s.chars().any(|c| c.is_control()) {
        return bad("it holds a control character", "含有控制字符");
    }
    let lower = s.to_ascii_lowercase();
    if lower.contains("://")
        || lower.starts_with("//")
        || s.split('/').next().is_some_and(|f| f.contains(':'))
    {
        return bad(
            "it is a URL or a scheme (such as `javascript:`), not a path of this site",
            "这是网址或协议（如 `javascript:`），不是本站的路径",
        );
    }
    if !s.starts_with('/') {
        return bad("it must start with `/`", "必须以 `/` 开头");
    }
    if s.chars()
        .any(|c| c.is_whitespace() || "\\?#<>\"'`%".contains(c))
    {
        return bad(
            "it holds a space or one of \\ ? # < > \" ' ` %",
            "含有空格或 \\ ? # < > \" ' ` % 之一",
        );
    }
    let inner = &s[1..];
    let segs: Vec<&str> = inner.split('/').filter(|x| !x.is_empty()).collect();
    if segs.iter().any(|x| *x == "." || *x == "..") {
        return bad(
            "`.` and `..` lead outside the path: write the whole path from the site's root",
            "`.` 和 `..` 会指到别处：从站点根目录写出完整路径",
        );
    }
    if segs.is_empty() {
        return bad("it is the home page", "这是首页");
    }
    if RESERVED.contains(&segs[0]) {
        return bad(
            "the site's own files are under that folder (an English path needs no alias: the English redirect is made with the Chinese one)",
            "该文件夹下是站点自己的文件（英文路径无需另写：中文重定向页和英文重定向页一起生成）",
        );
    }
    let mut path = segs.join("/");
    // `/plans/old/index.html` is the file `/plans/old/` is served from:
    // one path, so that two aliases never write one file.
    if path == "index.html" {
        return bad("it is the home page", "这是首页");
    }
    if let Some(folder) = path.strip_suffix("/index.html") {
        path = folder.to_owned();
    }
    if !path.ends_with(".html") {
        path.push('/');
    }
    Ok(path)
}

/// Validates the aliases of the plan at `slug` against the rest of the
/// site (`index`); problems go to `d`.
pub fn check(
    slug: &str,
    raw: &[String],
    (split, path): (&Split<'_>, &Path),
    index: &Index,
    d: &mut Diagnostics,
) -> Vec<Alias> {
    let mut out: Vec<Alias> = Vec::new();
    for (i, a) in raw.iter().enumerate() {
        let at = split.locate_value(path, &[Step::from("aliases"), Step::from(i)]);
        let shown = crate::diag::Printable(a).to_string();
        let refuse = |d: &mut Diagnostics, en: String, zh: String| {
            d.push(
                Diagnostic::error(at.clone(), format!("alias `{shown}` refused: {en}"))
                    .hint("write the old path of this plan's page, from the site's root: `/plans/old-slug/`")
                    .zh(format!("别名 `{shown}` 不可用：{zh}"), "写出本规划页面原来的路径（从站点根目录起）：`/plans/old-slug/`"),
            );
        };
        let norm = match normalize(a) {
            Ok(n) => n,
            Err((en, zh)) => {
                refuse(d, en, zh);
                continue;
            }
        };
        if let Some(s) = norm
            .strip_prefix("plans/")
            .and_then(|r| r.split('/').next())
            .filter(|s| index.knows(s))
        {
            refuse(
                d,
                format!("it is the page of the plan `{s}`"),
                format!("这是规划 `{s}` 的页面"),
            );
            continue;
        }
        if out.iter().any(|x| x.path == norm) {
            refuse(d, "it is listed twice".into(), "重复列出".into());
            continue;
        }
        let others: Vec<&str> = index
            .heads()
            .filter(|(s, h)| {
                *s != slug && h.aliases.iter().any(|x| normalize(x).as_ref() == Ok(&norm))
            })
            .map(|(s, _)| s)
            .collect();
        if let Some(other) = others.first() {
            refuse(
                d,
                format!("the plan `{other}` has the same alias"),
                format!("规划 `{other}` 有同样的别名"),
            );
            continue;
        }
        out.push(Alias {
            path: norm,
            location: at,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::normalize;

    #[test]
    fn paths_of_the_site_only() {
        assert_eq!(normalize("/plans/old/").unwrap(), "plans/old/");
        assert_eq!(normalize("/plans/old").unwrap(), "plans/old/");
        assert_eq!(normalize("/old.html").unwrap(), "old.html");
        assert_eq!(normalize("/plans/old/index.html").unwrap(), "plans/old/");
        for bad in [
            "javascript:alert(1)",
            "https://evil.example/",
            "//evil.example/x/",
            "/plans/../../etc/",
            "plans/x/",
            "/plans/a\u{1b}b/",
            "/en/plans/x/",
            "/",
            "/a b/",
            "/index.html",
        ] {
            assert!(normalize(bad).is_err(), "{bad}");
        }
    }
}
