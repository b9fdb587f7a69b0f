//! The site-wide files: `site.yaml`, topics, glossary, the indicator
//! catalogue, jurisdictions and free pages.

use super::*;

pub(super) fn config(files: &SiteFiles, diags: &mut Diagnostics) -> Option<SiteConfig> {
    let Some(f) = &files.config else {
        diags.push(
            Diagnostic::error(Location::file("site.yaml"), "site.yaml not found")
                .hint("create site.yaml with `title: {zh: …, en: …}` and `base_url: https://…/`")
                .zh(
                    "找不到 site.yaml",
                    "新建 site.yaml，写上 `title: {zh: …, en: …}` 和 `base_url: https://…/`",
                ),
        );
        return None;
    };
    let raw: raw::SiteConfig = match parse_yaml_all(&f.path, &f.text, 1) {
        Ok(r) => r,
        Err(d) => {
            push_all(diags, d);
            return None;
        }
    };
    for lang in Lang::ALL {
        if !raw.languages.contains(&lang) {
            diags.push(
                Diagnostic::error(frontmatter::locate_value_in(&f.path, &f.text, 1, &[Step::from("languages")]), format!("language `{}` is required", lang.code()))
                    .hint("plansite builds a Chinese and an English site: list both, `languages: [zh, en]`")
                    .zh(
                        format!("缺少语言 `{}`", lang.code()),
                        "plansite 生成中文和英文两个站点：两种都要列出，`languages: [zh, en]`",
                    ),
            );
        }
    }
    if raw.default_language != Lang::Zh {
        diags.push(
            Diagnostic::error(
                frontmatter::locate_value_in(
                    &f.path,
                    &f.text,
                    1,
                    &[Step::from("default_language")],
                ),
                "the default language must be `zh`",
            )
            .hint("Chinese is served at `/` and English under `/en/`")
            .zh("默认语言必须是 `zh`", "中文版在 `/`，英文版在 `/en/`"),
        );
    }
    let mut base_url = raw.base_url.trim().to_owned();
    if let Err(bad) = url::check(&base_url) {
        diags.push(
            Diagnostic::error(
                frontmatter::locate_value_in(&f.path, &f.text, 1, &[Step::from("base_url")]),
                format!("base_url: {bad}"),
            )
            .hint(url::HINT),
        );
    } else if !(base_url.starts_with("http://")
        || base_url.starts_with("https://")
        || base_url.starts_with('/'))
    {
        diags.push(
            Diagnostic::error(
                frontmatter::locate_value_in(&f.path, &f.text, 1, &[Step::from("base_url")]),
                format!("base_url `{base_url}` is not an absolute URL"),
            )
            .hint("write it like `https://example.org/` or `/`")
            .zh(
                format!("base_url `{base_url}` 不是绝对网址"),
                "写成 `https://example.org/` 或 `/` 这样的形式",
            ),
        );
    }
    if !base_url.ends_with('/') {
        base_url.push('/');
    }
    Some(SiteConfig {
        description: raw.description.unwrap_or_else(|| raw.title.clone()),
        publisher: raw.publisher.unwrap_or_else(|| raw.title.clone()),
        licence: raw
            .licence
            .map(|l| l.trim().to_owned())
            .filter(|l| !l.is_empty()),
        title: raw.title,
        base_url,
        minify: raw.minify,
        raw_html: if raw.markdown.raw_html {
            RawHtml::Trusted
        } else {
            RawHtml::Restricted
        },
        facts: raw.facts,
    })
}

pub(super) fn topics(files: &SiteFiles, diags: &mut Diagnostics) -> Vec<Topic> {
    let Some(f) = &files.topics else {
        return Vec::new();
    };
    match parse_yaml_all::<Vec<raw::TopicFile>>(&f.path, &f.text, 1) {
        Ok(list) => {
            let mut seen = BTreeSet::new();
            let mut out = Vec::new();
            for (i, t) in list.into_iter().enumerate() {
                if !seen.insert(t.id.clone()) {
                    // At the second entry, the one to remove or rename.
                    let at = [Step::from(i), Step::from("id")];
                    diags.push(
                        Diagnostic::error(
                            frontmatter::locate_value_in(&f.path, &f.text, 1, &at),
                            format!("topic `{}` is listed twice", t.id),
                        )
                        .hint("remove one of the two entries, or give this one another id")
                        .zh(
                            format!("主题 `{}` 列了两次", t.id),
                            "删除其中一个条目，或给这个条目换一个 ID",
                        ),
                    );
                }
                out.push(Topic {
                    id: t.id,
                    label: Localized { zh: t.zh, en: t.en },
                });
            }
            out
        }
        Err(d) => {
            push_all(diags, d);
            Vec::new()
        }
    }
}

pub(super) fn glossary_entries(files: &SiteFiles, diags: &mut Diagnostics) -> Vec<glossary::Entry> {
    let Some(f) = &files.glossary else {
        return Vec::new();
    };
    parse_yaml_all(&f.path, &f.text, 1).unwrap_or_else(|d| {
        push_all(diags, d);
        Vec::new()
    })
}

pub(super) fn stem(path: &Path) -> String {
    path.file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default()
        .to_owned()
}

pub(super) fn check_id(path: &Path, id: &str, what: &str, diags: &mut Diagnostics) -> bool {
    let ok = is_valid_id(id);
    if !ok {
        diags.push(
            Diagnostic::error(
                Location::file(path),
                format!("`{id}` is not a valid {what} id"),
            )
            .hint(
                "use lower-case ASCII letters, digits and single `-` (e.g. `baotou-ip-plan-2021`)",
            )
            .zh(
                format!("`{id}` 不是有效的 ID"),
                "只用小写英文字母、数字和单个 `-`（例如 `baotou-ip-plan-2021`）",
            ),
        );
    }
    ok
}

pub(super) fn catalogue(
    files: &SiteFiles,
    diags: &mut Diagnostics,
) -> BTreeMap<IndicatorId, IndicatorDef> {
    let mut out = BTreeMap::new();
    for f in &files.indicators {
        let id = stem(&f.path);
        if !check_id(&f.path, &id, "indicator", diags) {
            continue;
        }
        match parse_yaml_all::<raw::IndicatorFile>(&f.path, &f.text, 1) {
            Ok(r) => {
                let unit_parsed = Unit::parse(&r.unit.zh);
                out.insert(
                    IndicatorId(id.clone()),
                    IndicatorDef {
                        id: IndicatorId(id),
                        name: r.name,
                        definition: r.definition,
                        unit: r.unit,
                        unit_parsed,
                        category: r.category,
                        kind: r.kind,
                        direction: r.direction,
                        per_capita: r.per_capita,
                        group: r.group,
                        group_note: r.group_note,
                        path: f.path.clone(),
                    },
                );
            }
            Err(d) => push_all(diags, d),
        }
    }
    for d in mixed_per_capita(&out, files) {
        diags.push(d);
    }
    out
}

pub(super) fn jurisdictions(
    files: &SiteFiles,
    raw_html: RawHtml,
    diags: &mut Diagnostics,
) -> (
    BTreeMap<JurisdictionId, Jurisdiction>,
    BTreeSet<JurisdictionId>,
) {
    let mut out = BTreeMap::new();
    let mut broken = BTreeSet::new();
    let mut splits = Vec::new();
    for f in &files.jurisdictions {
        let id = stem(&f.path);
        if !check_id(&f.path, &id, "jurisdiction", diags) {
            continue;
        }
        let split = match frontmatter::split(&f.path, &f.text) {
            Ok(s) => s,
            Err(d) => {
                diags.push(d);
                broken.insert(JurisdictionId(id));
                continue;
            }
        };
        diags.extend(crate::publish::placeholders(&f.path, &f.text, false));
        match split.parse::<raw::JurisdictionFront>(&f.path) {
            Ok(r) => {
                super::sense::jurisdiction(&id, &r, &split, &f.path, diags);
                let doc = markdown::render(split.body, &[], raw_html);
                body_problems(&doc, &f.path, &split, diags);
                let body_html = doc.html().to_owned();
                out.insert(
                    JurisdictionId(id.clone()),
                    Jurisdiction {
                        id: JurisdictionId(id),
                        short_name: r.short_name.unwrap_or_else(|| r.name.clone()),
                        name: r.name,
                        level: r.level,
                        parent: r.parent,
                        members: r.members,
                        population: r.population,
                        body_html,
                        path: f.path.clone(),
                    },
                );
                splits.push((f, split));
            }
            Err(d) => {
                push_all(diags, d);
                broken.insert(JurisdictionId(id));
            }
        }
    }
    super::sense::parent_cycles(
        &out,
        |id| {
            splits
                .iter()
                .find(|(f, _)| stem(&f.path) == id.as_str())
                .map_or_else(
                    || Location::file(&out[id].path),
                    |(f, s)| s.locate_value(&f.path, &[Step::from("parent")]),
                )
        },
        diags,
    );
    for (f, split) in splits {
        let j = &out[&JurisdictionId(stem(&f.path))];
        let refs = j
            .parent
            .iter()
            .map(|r| (r, vec![Step::from("parent")]))
            .chain(
                j.members
                    .iter()
                    .enumerate()
                    .map(|(i, r)| (r, vec![Step::from("members"), Step::from(i)])),
            );
        for (r, steps) in refs {
            if !out.contains_key(r) && !broken.contains(r) {
                diags.push(
                    Diagnostic::error(
                        split.locate_value(&f.path, &steps),
                        format!("unknown jurisdiction `{r}`"),
                    )
                    .hint(format!(
                        "add content/jurisdictions/{r}.md or correct the id"
                    ))
                    .zh(
                        format!("地区 `{r}` 不存在"),
                        format!("添加 content/jurisdictions/{r}.md，或改正 ID"),
                    ),
                );
            }
        }
    }
    (out, broken)
}

pub(super) fn pages(files: &SiteFiles, raw_html: RawHtml, diags: &mut Diagnostics) -> Vec<Page> {
    let mut out = Vec::new();
    for f in &files.pages {
        let file = f
            .path
            .file_name()
            .and_then(|s| s.to_str())
            .unwrap_or_default();
        let (name, lang) = match file.strip_suffix(".en.md") {
            Some(n) => (n.to_owned(), Lang::En),
            None => (file.trim_end_matches(".md").to_owned(), Lang::Zh),
        };
        if !check_id(&f.path, &name, "page", diags) {
            continue;
        }
        let split = match frontmatter::split(&f.path, &f.text) {
            Ok(s) => s,
            Err(e) => {
                diags.push(e);
                continue;
            }
        };
        match split.parse::<raw::PageFront>(&f.path) {
            Ok(front) => {
                let doc = markdown::render(split.body, &[], raw_html);
                body_problems(&doc, &f.path, &split, diags);
                out.push(Page {
                    name,
                    lang,
                    title: front.title,
                    description: front.description,
                    weight: front.weight,
                    doc,
                    path: f.path.clone(),
                })
            }
            Err(e) => push_all(diags, e),
        }
    }
    out.sort_by(|a, b| (a.weight, &a.name, a.lang).cmp(&(b.weight, &b.name, b.lang)));
    out
}

/// Totals of one comparability group that do not share the group's
/// `per_capita` rule (the rule of most of its totals), each at its
/// `per_capita` line. Rates, scores and ratios are already normalised and
/// never divided by population, so they are left out.
fn mixed_per_capita(
    defs: &BTreeMap<IndicatorId, IndicatorDef>,
    files: &SiteFiles,
) -> Vec<Diagnostic> {
    let mut groups: BTreeMap<&str, Vec<&IndicatorDef>> = BTreeMap::new();
    for d in defs.values() {
        if let (Some(g), Kind::Stock | Kind::Annual | Kind::Cumulative) = (&d.group, d.kind) {
            groups.entry(g.as_str()).or_default().push(d);
        }
    }
    let mut out = Vec::new();
    for (group, members) in groups {
        let with = members.iter().filter(|d| d.per_capita).count();
        let rule = with * 2 > members.len();
        let others: Vec<&str> = members
            .iter()
            .filter(|d| d.per_capita == rule)
            .map(|d| d.id.as_str())
            .collect();
        for d in members.iter().filter(|d| d.per_capita != rule) {
            let text = files
                .indicators
                .iter()
                .find(|f| f.path == d.path)
                .map_or("", |f| f.text.as_str());
            let at = text.find("per_capita:").unwrap_or(0);
            out.push(
                Diagnostic::warning(
                    Location::at_offset(&d.path, text, at),
                    format!(
                        "`per_capita: {}` differs from the rest of comparability group `{group}` ({})",
                        d.per_capita,
                        others.join(", ")
                    ),
                )
                .hint(format!(
                    "give the totals of one group one rule (`per_capita: {rule}`), or move this measure to a group of its own"
                ))
                .zh(
                    format!(
                        "`per_capita: {}` 与可比性分组 `{group}` 的其他指标({})不一致",
                        d.per_capita,
                        others.join("、")
                    ),
                    format!("同一分组的总量指标应采用同一规则(`per_capita: {rule}`),或将此指标移入单独的分组"),
                ),
            );
        }
    }
    out
}
