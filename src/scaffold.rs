//! `plansite new plan SLUG`: a new plan folder with `index.md` and
//! `index.en.md`, every front-matter field present and commented. The
//! result is a draft (`draft: true`) that validates as it is, so `plansite
//! serve` previews it at once; every placeholder says `TODO` so a reviewer
//! sees what is left, and `check` refuses them once the draft line goes.
//!
//! `plansite new jurisdiction ID`: `content/jurisdictions/ID.md`, whose
//! `TODO` names `check` refuses until they are filled in. `new plan` and
//! `import` share one rule for a jurisdiction id ([`known_jurisdiction`]).

use std::path::{Path, PathBuf};

/// Why a plan could not be scaffolded.
#[derive(Debug, thiserror::Error)]
pub enum NewError {
    /// The slug is not lowercase ASCII words joined by hyphens.
    #[error("`{0}` is not a valid plan slug; use lowercase letters, digits and hyphens, e.g. `baotou-ip-plan-2021`")]
    Slug(String),
    /// The jurisdiction has no file.
    #[error(
        "unknown jurisdiction `{id}`; known: {known}; create it first with `plansite new jurisdiction {id}`"
    )]
    Jurisdiction {
        /// The id given.
        id: String,
        /// Ids that exist.
        known: String,
    },
    /// The plan folder already has files.
    #[error("{0} already exists; plansite new never overwrites")]
    Exists(PathBuf),
    /// Writing failed.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The error.
        source: std::io::Error,
    },
}

fn valid_slug(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 80
        && s.split('-').all(|w| {
            !w.is_empty()
                && w.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        })
}

/// The ids of `root`'s jurisdictions (files in `content/jurisdictions/`).
pub fn known_jurisdictions(root: &Path) -> Vec<String> {
    let mut ids: Vec<String> = std::fs::read_dir(root.join("content/jurisdictions"))
        .map(|d| {
            d.flatten()
                .filter_map(|e| {
                    let p = e.path();
                    (p.extension()? == "md").then(|| p.file_stem()?.to_str().map(str::to_string))?
                })
                .collect()
        })
        .unwrap_or_default();
    ids.sort();
    ids
}

/// The Chinese file.
pub fn index_md(jurisdiction: &str) -> String {
    format!(
        r#"---
# Front matter of a plan. Every field is described in docs/CONTENT.md.
# Replace each TODO; `plansite check` validates the file.
draft: true                             # delete this line to publish the plan
title: TODO 规划标题(照原文)          # the title exactly as printed
jurisdiction: {jurisdiction}                 # id of a file in content/jurisdictions/
doc_type: plan                          # plan | work_plan | opinions
issuers:                                # issuing bodies as printed, in order
  - TODO 发文机关
# doc_number: 某发〔2021〕1号            # 文号, brackets normalised to 〔〕
# date_issued: 2021-12-22               # 成文日期
# date_published: 2021-12-30            # date the text was published
# period: {{start: 2021, end: 2025}}      # plan period, inclusive years
# addressees: 各区人民政府,市各部门       # 主送机关, without the final colon
source:
  description: TODO 文本来源(如政府网站网页转载稿)
  # url: https://…
  # retrieved: 2026-01-31
# summary: 一到三句话概述规划的内容与主要目标。
notes: []                               # editorial notes shown on the page
topics: []                              # - {{id: patent-navigation, passage: 原文中的一句}}
indicators: []                          # every target and baseline in the text:
#  - id: patent-grants                  # catalogue id (indicators/<id>.yaml)
#    label: 专利授权量                   # name as printed
#    unit: 件                           # unit as printed (件, 万件, 亿元, %)
#    baseline: {{year: 2020, value: 3040}}
#    target: {{year: 2025, value: 8000, comparator: "="}}   # = ≥ ≤ ≈; 3-5 → {{year: 2025, comparator: range, min: 3, max: 5}}
#    attribute: expected                # expected (预期性) | binding (约束性)
#    cumulative: false                  # true when the target is a total over the period
#    basis: 按照年均增长率21.35%计算      # the 备注 column, when given
#    note: 累计口径为编者据文意判断        # the editors' note shown beside the figure, if any
#    passage: 专利授权量(件) | 3040     # exact text of the body that gives the value
---

TODO 正文。可用 `plansite import 原文.txt --jurisdiction {jurisdiction}` 从网页原文生成。

## 一、TODO 第一部分标题
"#
    )
}

/// The English file.
pub fn index_en_md() -> String {
    r#"---
# English translation. Same blocks in the same order as index.md.
title: TODO English title
# summary: One to three sentences in English.
issuers: [TODO issuing body in English]      # same order as index.md
translation_note: Unofficial translation by the plansite editors; the Chinese original is authoritative.
notes: []
---

TODO body.

## I. TODO first part heading
"#
    .to_string()
}

/// Checks that `id` names a jurisdiction of the site at `root`: the rule
/// `new plan` and `import` share.
pub fn known_jurisdiction(root: &Path, id: &str) -> Result<(), NewError> {
    let known = known_jurisdictions(root);
    if known.iter().any(|k| k == id) {
        Ok(())
    } else {
        Err(NewError::Jurisdiction {
            id: id.to_string(),
            known: known.join(", "),
        })
    }
}

/// A jurisdiction's file, its placeholders to fill in.
fn jurisdiction_md(level: &str, parent: Option<&str>) -> String {
    let parent = match parent {
        Some(p) => format!("parent: {p}                  # id of the jurisdiction above it"),
        None => "# parent: province-id             # id of the jurisdiction above it".to_owned(),
    };
    format!(
        r#"---
# A jurisdiction. Every field is described in docs/CONTENT.md.
# Replace each TODO; `plansite check` refuses a TODO left in the file.
name: {{zh: TODO 中文名称, en: TODO English name}}
level: {level}                           # city | province | region | nation
{parent}
# members: []                          # for a region: the jurisdictions it covers
# population: {{year: 2020, value: 2709378, source: 第七次全国人口普查(2020年), source_en: Seventh National Population Census (2020)}}
---
"#
    )
}

/// Creates `content/jurisdictions/<id>.md` under `root`; never overwrites.
pub fn new_jurisdiction(
    root: &Path,
    id: &str,
    level: &str,
    parent: Option<&str>,
) -> Result<PathBuf, NewError> {
    if !valid_slug(id) {
        return Err(NewError::Slug(id.to_string()));
    }
    if let Some(p) = parent {
        known_jurisdiction(root, p)?;
    }
    let dir = root.join("content/jurisdictions");
    let path = dir.join(format!("{id}.md"));
    if path.exists() {
        return Err(NewError::Exists(path));
    }
    let io = |source| NewError::Io {
        path: path.clone(),
        source,
    };
    std::fs::create_dir_all(&dir).map_err(io)?;
    std::fs::write(&path, jurisdiction_md(level, parent)).map_err(io)?;
    Ok(path)
}

/// Creates `content/plans/<slug>/index.md` and `index.en.md` under `root`.
pub fn new_plan(root: &Path, slug: &str, jurisdiction: Option<&str>) -> Result<PathBuf, NewError> {
    if !valid_slug(slug) {
        return Err(NewError::Slug(slug.to_string()));
    }
    let jurisdiction = match jurisdiction {
        Some(j) => {
            known_jurisdiction(root, j)?;
            j.to_string()
        }
        // `check` then points at this line until it is filled in.
        None => "TODO".into(),
    };
    let dir = root.join("content/plans").join(slug);
    if dir.exists() {
        return Err(NewError::Exists(dir));
    }
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| NewError::Io { path, source }
    };
    std::fs::create_dir_all(&dir).map_err(io(&dir))?;
    for (name, text) in [
        ("index.md", index_md(&jurisdiction)),
        ("index.en.md", index_en_md()),
    ] {
        let path = dir.join(name);
        std::fs::write(&path, text).map_err(io(&path))?;
    }
    Ok(dir)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert!(valid_slug("baotou-ip-plan-2021"));
        for bad in ["", "Baotou", "a--b", "-a", "a_b", "包头", "a/b", "../x"] {
            assert!(!valid_slug(bad), "{bad}");
        }
    }
}
