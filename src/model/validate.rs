//! Turning loaded files into a validated [`Site`], collecting every problem.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::raw;
use super::*;
use crate::diag::{Diagnostic, Diagnostics, Location};
use crate::glossary;
use crate::load::{self, Found, SiteFiles, SourceFile};
use crate::parse::frontmatter::{self, parse_yaml_all, Split};
use crate::parse::markdown::{self, Passage, RawHtml};
use crate::parse::url;
use crate::parse::yaml::Step;

/// Parses and validates everything. Returns the site and its warnings, or
/// every error and warning when there is at least one error.
///
/// Takes the files: each plan's source is freed as soon as it is parsed,
/// so the sources and the parsed site are not both held whole (at 100,000
/// plans, 2 GB of Markdown).
pub fn build(files: SiteFiles) -> Result<(Site, Diagnostics), Diagnostics> {
    let (mut staged, mut diags) = stage(files);
    let (texts, d) = read_plans(staged.take_plans());
    diags.extend(d);
    let (plans, d) = staged.parse(texts);
    diags.extend(d);
    if diags.has_errors() {
        return Err(diags);
    }
    staged.site.plans = plans;
    Ok((staged.site, diags))
}

/// A site validated but for its plans, which are parsed in batches with
/// [`Staged::parse`]: a build renders and indexes each batch and keeps
/// only what the pages about many plans need, so the whole site's text is
/// never held at once.
pub struct Staged {
    /// The site without plans. Its settings are placeholders when
    /// `site.yaml` has errors (which are reported: nothing is rendered).
    pub site: Site,
    /// Jurisdictions whose files have errors already reported.
    broken: BTreeSet<JurisdictionId>,
    /// The plans' source files, by slug: (original, translation).
    plans: Vec<PlanFiles>,
}

/// A plan's source files as found: the original and the translation (one
/// of them may be missing, which is an error when it is the original).
pub struct PlanFiles {
    slug: String,
    zh: Option<Found>,
    en: Option<Found>,
    attachments: Vec<load::Attachment>,
}

impl PlanFiles {
    /// Reads the files, or reports in `diags` those that cannot be read
    /// (and the plan is left out).
    pub fn read(self, diags: &mut Diagnostics) -> Option<PlanTexts> {
        let read = |f: Option<Found>, diags: &mut Diagnostics| match f {
            Some(f) => f.read(diags).map(Some).ok_or(()),
            None => Ok(None),
        };
        let zh = read(self.zh, diags);
        let en = read(self.en, diags);
        Some(PlanTexts {
            slug: self.slug,
            zh: zh.ok()?,
            en: en.ok()?,
            attachments: self.attachments,
        })
    }
}

/// A plan's source files, read: what [`Staged::parse`] parses.
pub struct PlanTexts {
    slug: String,
    zh: Option<SourceFile>,
    en: Option<SourceFile>,
    attachments: Vec<load::Attachment>,
}

/// Reads plans' files in parallel, keeping their order; returns those
/// read and the problems.
pub fn read_plans(files: Vec<PlanFiles>) -> (Vec<PlanTexts>, Diagnostics) {
    let read: Vec<(Option<PlanTexts>, Diagnostics)> = files
        .into_par_iter()
        .map(|f| {
            let mut d = Diagnostics::new();
            (f.read(&mut d), d)
        })
        .collect();
    Diagnostics::gather(read)
}

/// Validates everything but the plans, whose files are grouped by slug for
/// [`Staged::parse`]. Returns the problems found so far.
pub fn stage(mut files: SiteFiles) -> (Staged, Diagnostics) {
    let mut diags = Diagnostics::new();
    let config = config(&files, &mut diags);
    let topics = topics(&files, &mut diags);
    let indicators = catalogue(&files, &mut diags);
    let raw_html = config
        .as_ref()
        .map_or_else(RawHtml::default, |c| c.raw_html);
    let (jurisdictions, broken) = jurisdictions(&files, raw_html, &mut diags);
    let glossary = glossary_entries(&files, &mut diags);
    let pages = pages(&files, raw_html, &mut diags);
    let plans = plan_files(
        std::mem::take(&mut files.plans),
        std::mem::take(&mut files.attachments),
        &mut diags,
    );
    let site = Site {
        config: config.unwrap_or_else(|| SiteConfig {
            title: Localized::default(),
            description: Localized::default(),
            base_url: "/".to_owned(),
            publisher: Localized::default(),
            licence: None,
            minify: false,
            raw_html,
        }),
        plans: Vec::new(),
        jurisdictions,
        indicators,
        topics,
        pages,
        glossary,
    };
    let staged = Staged {
        site,
        broken,
        plans,
    };
    (staged, diags)
}

impl Staged {
    /// The number of plans (slugs) found.
    pub fn plan_count(&self) -> usize {
        self.plans.len()
    }

    /// Moves the plans' files out, in slug order, to be read
    /// ([`PlanFiles::read`]) and parsed ([`Staged::parse`]).
    pub fn take_plans(&mut self) -> Vec<PlanFiles> {
        std::mem::take(&mut self.plans)
    }

    /// Parses and validates some plans in parallel, in the order given,
    /// freeing each one's files once parsed. Returns those without errors
    /// and every problem found.
    pub fn parse(&self, files: Vec<PlanTexts>) -> (Vec<Plan>, Diagnostics) {
        let site = &self.site;
        let matcher = glossary::Matcher::new(&site.glossary);
        let ctx = Ctx {
            topics: &site.topics,
            indicators: &site.indicators,
            jurisdictions: &site.jurisdictions,
            broken: &self.broken,
            glossary: &matcher,
            raw_html: site.config.raw_html,
        };
        let results: Vec<(Option<Plan>, Diagnostics)> =
            files.into_par_iter().map(|g| parse_plan(g, &ctx)).collect();
        Diagnostics::gather(results)
    }
}

/// Parses and validates one plan (its original and, when present, its
/// translation) against the rest of a site that already built: its
/// catalogue, jurisdictions, topics and glossary. Used by `serve` to rebuild
/// an edited plan without parsing the others again.
pub fn plan_in(
    site: &Site,
    slug: &str,
    zh: &SourceFile,
    en: Option<&SourceFile>,
) -> Result<(Plan, Diagnostics), Diagnostics> {
    let broken = BTreeSet::new();
    let ctx = Ctx {
        topics: &site.topics,
        indicators: &site.indicators,
        jurisdictions: &site.jurisdictions,
        broken: &broken,
        glossary: &glossary::Matcher::new(&site.glossary),
        raw_html: site.config.raw_html,
    };
    let mut d = Diagnostics::new();
    if !check_id(&zh.path, slug, "plan", &mut d) {
        return Err(d);
    }
    // The files beside it as the site was loaded (found again by a restart).
    let attachments: Vec<Attachment> = site
        .plans
        .iter()
        .find(|p| p.slug.as_str() == slug)
        .map(|p| p.attachments.clone())
        .unwrap_or_default();
    match plan(slug, zh, en, attachments, &ctx, &mut d) {
        Some(p) if !d.has_errors() => Ok((p, d)),
        _ => Err(d),
    }
}

struct Ctx<'a> {
    topics: &'a [Topic],
    indicators: &'a BTreeMap<IndicatorId, IndicatorDef>,
    jurisdictions: &'a BTreeMap<JurisdictionId, Jurisdiction>,
    /// Jurisdictions whose files have errors already reported: references to
    /// them are not reported again.
    broken: &'a BTreeSet<JurisdictionId>,
    glossary: &'a glossary::Matcher<'a>,
    /// How much raw HTML bodies publish.
    raw_html: RawHtml,
}

fn config(files: &SiteFiles, diags: &mut Diagnostics) -> Option<SiteConfig> {
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
    })
}

fn topics(files: &SiteFiles, diags: &mut Diagnostics) -> Vec<Topic> {
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

fn glossary_entries(files: &SiteFiles, diags: &mut Diagnostics) -> Vec<glossary::Entry> {
    let Some(f) = &files.glossary else {
        return Vec::new();
    };
    parse_yaml_all(&f.path, &f.text, 1).unwrap_or_else(|d| {
        push_all(diags, d);
        Vec::new()
    })
}

fn stem(path: &Path) -> String {
    path.file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default()
        .to_owned()
}

fn check_id(path: &Path, id: &str, what: &str, diags: &mut Diagnostics) -> bool {
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

fn catalogue(files: &SiteFiles, diags: &mut Diagnostics) -> BTreeMap<IndicatorId, IndicatorDef> {
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
    out
}

fn jurisdictions(
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

/// The slug of a plan file and whether it is the translation.
fn plan_file_role(path: &Path) -> Option<(String, bool)> {
    let name = path.file_name()?.to_str()?;
    let slug = path.parent()?.file_name()?.to_str()?.to_owned();
    match name {
        "index.md" => Some((slug, false)),
        "index.en.md" => Some((slug, true)),
        _ => None,
    }
}

/// The plan files grouped by slug, in slug order; strays and duplicates
/// are reported.
fn plan_files(
    files: Vec<Found>,
    attachments: Vec<load::Attachment>,
    diags: &mut Diagnostics,
) -> Vec<PlanFiles> {
    let mut groups: BTreeMap<String, (Option<Found>, Option<Found>)> = BTreeMap::new();
    let mut dirs: BTreeMap<String, PathBuf> = BTreeMap::new();
    for f in files {
        let Some((slug, is_en)) = plan_file_role(&f.path) else {
            diags.push(
                Diagnostic::error(Location::file(&f.path), "a plan file must be named index.md or index.en.md")
                    .hint("put each plan in its own folder: content/plans/<slug>/index.md (+ index.en.md)")
                    .zh(
                        "规划文件只能叫 index.md 或 index.en.md",
                        "每个规划放在自己的文件夹里：content/plans/<slug>/index.md（及 index.en.md）",
                    ),
            );
            continue;
        };
        let dir = f.path.parent().map(Path::to_path_buf).unwrap_or_default();
        if let Some(prev) = dirs.get(&slug) {
            if *prev != dir {
                diags.push(
                    Diagnostic::error(
                        Location::file(&f.path),
                        format!("duplicate plan slug `{slug}`"),
                    )
                    .hint(format!(
                        "{} uses the same slug; rename one of the folders",
                        prev.display()
                    ))
                    .zh(
                        format!("规划 slug `{slug}` 重复"),
                        format!("{} 用了同样的 slug；把其中一个文件夹改名", prev.display()),
                    ),
                );
                continue;
            }
        }
        dirs.insert(slug.clone(), dir);
        let g = groups.entry(slug).or_default();
        if is_en {
            g.1 = Some(f);
        } else {
            g.0 = Some(f);
        }
    }
    let mut bundles: BTreeMap<String, Vec<load::Attachment>> = BTreeMap::new();
    for a in attachments {
        if groups.contains_key(&a.slug) {
            bundles.entry(a.slug.clone()).or_default().push(a);
        } else {
            diags.push(
                Diagnostic::warning(
                    Location::file(&a.path),
                    format!("not published: content/plans/{}/ has no index.md", a.slug),
                )
                .hint("a plan's files are published beside its page: add the plan's index.md, or move the file"),
            );
        }
    }
    groups
        .into_iter()
        .map(|(slug, (zh, en))| PlanFiles {
            attachments: bundles.remove(&slug).unwrap_or_default(),
            slug,
            zh,
            en,
        })
        .collect()
}

/// Parses one plan's files.
fn parse_plan(g: PlanTexts, ctx: &Ctx<'_>) -> (Option<Plan>, Diagnostics) {
    let PlanTexts {
        slug,
        zh,
        en,
        attachments,
    } = g;
    let mut d = Diagnostics::new();
    let Some(zh) = zh else {
        let en = en.expect("a group has at least one file");
        d.push(
            Diagnostic::error(
                Location::file(&en.path),
                format!(
                    "translation without an original: content/plans/{slug}/index.md is missing"
                ),
            )
            .hint("add the Chinese original, or remove the translation")
            .zh(
                format!("译文没有原文：缺少 content/plans/{slug}/index.md"),
                "添加中文原文，或删除译文",
            ),
        );
        return (None, d);
    };
    if !check_id(&zh.path, &slug, "plan", &mut d) {
        return (None, d);
    }
    let attachments = attachments.into_iter().map(Attachment::new).collect();
    let plan = plan(&slug, &zh, en.as_ref(), attachments, ctx, &mut d);
    (plan, d)
}

fn plan(
    slug: &str,
    zh: &SourceFile,
    en: Option<&SourceFile>,
    attachments: Vec<Attachment>,
    ctx: &Ctx<'_>,
    d: &mut Diagnostics,
) -> Option<Plan> {
    let split = frontmatter::split(&zh.path, &zh.text)
        .map_err(|e| d.push(e))
        .ok()?;
    let front: raw::PlanFront = match split.parse(&zh.path) {
        Ok(front) => front,
        Err(e) => {
            push_all(d, e);
            // The other problems of the plan's files come with these: the
            // body's, and the translation's.
            let doc = markdown::render(split.body, &[], ctx.raw_html);
            body_problems(&doc, &zh.path, &split, d);
            if let Some(en) = en {
                translation(en, &doc, zh, (slug, attachments.as_slice()), None, ctx, d);
            }
            return None;
        }
    };
    let path = &zh.path;
    super::sense::plan(&front, &split, path, d);
    if !ctx.jurisdictions.contains_key(&front.jurisdiction)
        && !ctx.broken.contains(&front.jurisdiction)
    {
        let known = ids(ctx.jurisdictions.keys());
        let j = &front.jurisdiction;
        d.push(
            Diagnostic::error(
                split.locate_value(path, &[Step::from("jurisdiction")]),
                format!("unknown jurisdiction `{j}`"),
            )
            .hint(format!(
                "add content/jurisdictions/{j}.md or use one of: {known}"
            ))
            .zh(
                format!("地区 `{j}` 不存在"),
                format!("添加 content/jurisdictions/{j}.md，或改用以下之一：{known}"),
            ),
        );
    }
    // Passages: indicators first, then topics, so anchors are stable.
    let mut passages = Vec::new();
    for e in &front.indicators {
        passages.push(Passage {
            text: &e.passage,
            id: format!("ind-{}", e.id),
        });
    }
    for t in &front.topics {
        passages.push(Passage {
            text: &t.passage,
            id: format!("topic-{}", t.id),
        });
    }
    if let Some(u) = &front.source.url {
        if let Err(bad) = url::check(u) {
            let at = if split.yaml.contains(u.as_str()) {
                u.as_str()
            } else {
                "url:"
            };
            d.push(
                Diagnostic::error(split.locate(path, at), format!("source.url: {bad}"))
                    .hint(url::HINT),
            );
        }
    }
    let doc = markdown::render(split.body, &passages, ctx.raw_html);
    body_problems(&doc, path, &split, d);
    super::headings::jumps(&doc, split.body, split.body_line, path, d);
    super::script::check(front.script, split.body, &split, path, d);
    super::bundle::check_links(&doc, &attachments, path, &split, slug, d);
    let mut anchors = doc.anchors.iter();
    let mut indicators = Vec::new();
    for (i, e) in front.indicators.iter().enumerate() {
        let anchor = anchors.next().cloned().flatten();
        let loc = split.locate_value(
            path,
            &[Step::from("indicators"), Step::from(i), Step::from("id")],
        );
        // An unknown id does not hide the entry's other problems.
        let def = ctx.indicators.get(&e.id);
        if def.is_none() {
            d.push(
                Diagnostic::error(loc.clone(), format!("unknown indicator `{}`", e.id))
                    .hint(format!(
                        "add indicators/{}.yaml to the catalogue or correct the id",
                        e.id
                    ))
                    .zh(
                        format!("指标 `{}` 不存在", e.id),
                        format!("在指标目录中添加 indicators/{}.yaml，或改正 ID", e.id),
                    ),
            );
        }
        let Some(anchor) = anchor else {
            let at = split.locate_value(
                path,
                &[
                    Step::from("indicators"),
                    Step::from(i),
                    Step::from("passage"),
                ],
            );
            d.push(passage_not_found(at, &e.passage, " or table row"));
            continue;
        };
        let target = e
            .target
            .as_ref()
            .and_then(|t| super::target::validate(t, i, &split, path, d));
        if let Some(problem) = crate::figures::passage_disagrees(
            &e.passage,
            target.map(|t| t.figures()).as_deref(),
            e.baseline.map(|b| b.value),
        ) {
            let at = split.locate_value(
                path,
                &[
                    Step::from("indicators"),
                    Step::from(i),
                    Step::from("passage"),
                ],
            );
            d.push(
                Diagnostic::error(at, problem.message)
                    .hint(problem.hint)
                    .zh(problem.zh_message, problem.zh_hint),
            );
        }
        if e.baseline.is_none() && e.target.is_none() {
            d.push(
                Diagnostic::error(
                    loc.clone(),
                    format!("indicator `{}` has neither a baseline nor a target", e.id),
                )
                .hint("give `target: {year, value}` and/or `baseline: {year, value}`")
                .zh(
                    format!("指标 `{}` 既没有基期值也没有目标值", e.id),
                    "填写 `target: {year, value}` 和/或 `baseline: {year, value}`",
                ),
            );
        }
        let Some(def) = def else {
            continue;
        };
        let (unit, unit_printed) = match &e.unit {
            Some(u) => (Unit::parse(u), true),
            None => (def.unit_parsed.clone(), false),
        };
        indicators.push(IndicatorValue {
            id: e.id.clone(),
            label: e.label.clone(),
            unit,
            unit_printed,
            baseline: e.baseline,
            target,
            attribute: e.attribute,
            cumulative: e.cumulative,
            basis: e.basis.clone(),
            note: e.note.clone(),
            passage: e.passage.clone(),
            anchor,
            location: loc,
        });
    }
    let mut topics = Vec::new();
    for (i, t) in front.topics.iter().enumerate() {
        let anchor = anchors.next().cloned().flatten();
        let known = ctx.topics.iter().any(|x| x.id == t.id);
        if !known {
            d.push(
                Diagnostic::error(
                    split.locate_value(
                        path,
                        &[Step::from("topics"), Step::from(i), Step::from("id")],
                    ),
                    format!("unknown topic `{}`", t.id),
                )
                .hint("add it to content/topics.yaml or correct the id")
                .zh(
                    format!("主题 `{}` 不存在", t.id),
                    "在 content/topics.yaml 中添加它，或改正 ID",
                ),
            );
        }
        match anchor {
            Some(_) if !known => {}
            Some(anchor) => topics.push(TopicTag {
                id: t.id.clone(),
                passage: t.passage.clone(),
                anchor,
            }),
            None => {
                let at = split.locate_value(
                    path,
                    &[Step::from("topics"), Step::from(i), Step::from("passage")],
                );
                d.push(passage_not_found(at, &t.passage, ""));
            }
        }
    }
    d.extend(crate::publish::placeholders(
        &zh.path,
        &zh.text,
        front.draft,
    ));
    if let Some(en) = en {
        d.extend(crate::publish::placeholders(
            &en.path,
            &en.text,
            front.draft,
        ));
    }
    let bundle = (slug, attachments.as_slice());
    let entries: Vec<&IndicatorId> = front.indicators.iter().map(|e| &e.id).collect();
    let translation = en.and_then(|en| translation(en, &doc, zh, bundle, Some(&entries), ctx, d));
    Some(Plan {
        slug: PlanSlug(slug.to_owned()),
        title: front.title,
        jurisdiction: front.jurisdiction,
        doc_type: front.doc_type,
        issuers: front.issuers,
        doc_number: front.doc_number,
        date_issued: front.date_issued,
        date_published: front.date_published,
        period: front.period,
        addressees: front.addressees,
        source: front.source,
        summary: front.summary,
        notes: front.notes,
        topics,
        indicators,
        doc,
        translation,
        attachments,
        path: path.clone(),
        draft: front.draft,
        script: front.script,
    })
}

fn translation(
    en: &SourceFile,
    zh_doc: &markdown::Doc,
    zh: &SourceFile,
    (slug, attachments): (&str, &[Attachment]),
    entries: Option<&[&IndicatorId]>,
    ctx: &Ctx<'_>,
    d: &mut Diagnostics,
) -> Option<Translation> {
    let split: Split<'_> = frontmatter::split(&en.path, &en.text)
        .map_err(|e| d.push(e))
        .ok()?;
    // A front-matter problem does not hide the body's.
    let front: Option<raw::TranslationFront> =
        split.parse(&en.path).map_err(|e| push_all(d, e)).ok();
    let doc = markdown::render(split.body, &[], ctx.raw_html);
    body_problems(&doc, &en.path, &split, d);
    super::headings::jumps(&doc, split.body, split.body_line, &en.path, d);
    super::bundle::check_links(&doc, attachments, &en.path, &split, slug, d);
    for w in ctx.glossary.check(&en.path, &en.text) {
        d.push(w);
    }
    let source = crate::align::Source {
        path: &en.path,
        body: split.body,
        body_line: split.body_line,
    };
    for w in crate::align::warnings(zh_doc, &zh.path, &doc, source) {
        d.push(w);
    }
    let front = front?;
    let indicators = super::translated::indicators(&front, entries, &split, &en.path, d);
    Some(Translation {
        title: front.title,
        summary: front.summary,
        issuers: front.issuers,
        note: front.translation_note,
        notes: front.notes,
        addressees: front.addressees,
        source_description: front.source.map(|s| s.description),
        indicators,
        doc,
        path: en.path.clone(),
    })
}

fn pages(files: &SiteFiles, raw_html: RawHtml, diags: &mut Diagnostics) -> Vec<Page> {
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

/// Reports what rendering a body removed or refused, at the file's lines.
fn body_problems(doc: &markdown::Doc, path: &Path, split: &Split<'_>, diags: &mut Diagnostics) {
    for p in &doc.problems {
        diags.push(p.diagnostic(path, split.body, split.body_line));
    }
}

fn ids<'a, T: std::fmt::Display + 'a>(it: impl Iterator<Item = &'a T>) -> String {
    it.map(|x| format!("`{x}`")).collect::<Vec<_>>().join(", ")
}

fn push_all(diags: &mut Diagnostics, list: Vec<Diagnostic>) {
    for d in list {
        diags.push(d);
    }
}

/// A passage that is not in the text (or is empty), at the passage's value.
fn passage_not_found(at: Location, passage: &str, or_row: &str) -> Diagnostic {
    let hint = format!("copy the passage exactly from the body, without Markdown syntax, within one paragraph{or_row}");
    let zh_hint = format!(
        "从正文中原样复制这段文字，不带 Markdown 符号，且在同一段落{}之内",
        if or_row.is_empty() {
            ""
        } else {
            "或表格行"
        }
    );
    if passage.trim().is_empty() {
        Diagnostic::error(at, "the passage is empty")
            .hint(hint)
            .zh("passage 是空的", zh_hint)
    } else {
        Diagnostic::error(at, format!("passage `{passage}` not found in the text"))
            .hint(hint)
            .zh(format!("正文中找不到 passage `{passage}`"), zh_hint)
    }
}
