//! One plan: its files, its front matter, body and translation, checked
//! against the catalogue, topics and jurisdictions.

use super::*;

/// The slug of a plan file and whether it is the translation.
pub(super) fn plan_file_role(path: &Path) -> Option<(String, bool)> {
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
pub(super) fn plan_files(
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
pub(super) fn parse_plan(g: PlanTexts, ctx: &Ctx<'_>) -> (Option<Plan>, Diagnostics) {
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

pub(super) fn plan(
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
    for (i, r) in front.relations.iter().enumerate() {
        if let Some(p) = &r.passage {
            passages.push(Passage {
                text: p,
                id: format!("rel-{}", i + 1),
            });
        }
    }
    passages.extend(super::reported::passages(&front));
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
    let id_paths: Vec<Vec<Step>> = (0..front.indicators.len())
        .map(|i| vec![Step::from("indicators"), Step::from(i), Step::from("id")])
        .collect();
    let mut id_locs = split.locate_values(path, &id_paths).into_iter();
    for (i, e) in front.indicators.iter().enumerate() {
        let anchor = anchors.next().cloned().flatten();
        let loc = id_locs.next().expect("one location per entry");
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
    let relations = super::relations::check_plan(
        slug,
        &front.relations,
        &mut anchors,
        (&split, path),
        ctx.index,
        d,
    );
    let aliases = super::aliases::check(slug, &front.aliases, (&split, path), ctx.index, d);
    crate::history::corrections::check(&front.corrections, (&split, path), ctx.index, d);
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
    super::repeats::check(&front.not_data, (&split, path), d);
    let facts = super::reported::check(&front, &doc, anchors, &split, path, ctx, d);
    let bundle = (slug, attachments.as_slice());
    let entries: Vec<&IndicatorId> = front.indicators.iter().map(|e| &e.id).collect();
    let translation =
        en.and_then(|en| translation(en, &doc, zh, bundle, Some((&entries, &relations)), ctx, d));
    let tasks = super::tasks_of_plan(
        &doc,
        &split,
        path,
        translation.as_ref().zip(en),
        &front.jurisdiction,
        ctx,
        d,
    );
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
        corrections: front.corrections,
        relations,
        aliases,
        tasks: tasks.tasks,
        phases: tasks.phases,
        reported: facts.reported,
        not_data: facts.not_data,
    })
}

pub(super) fn translation(
    en: &SourceFile,
    zh_doc: &markdown::Doc,
    zh: &SourceFile,
    (slug, attachments): (&str, &[Attachment]),
    entries: Option<(&[&IndicatorId], &[super::relations::Relation])>,
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
    let indicators =
        super::translated::indicators(&front, entries.map(|e| e.0), &split, &en.path, d);
    if let Some((_, relations)) = entries {
        super::relations::check_related_titles(
            &front.related_titles,
            relations,
            (&split, &en.path),
            d,
        );
    }
    Some(Translation {
        title: front.title,
        summary: front.summary,
        issuers: front.issuers,
        note: front.translation_note,
        notes: front.notes,
        addressees: front.addressees,
        source_description: front.source.map(|s| s.description),
        indicators,
        related_titles: front.related_titles,
        doc,
        path: en.path.clone(),
    })
}

/// Reports what rendering a body removed or refused, at the file's lines.
pub(super) fn body_problems(
    doc: &markdown::Doc,
    path: &Path,
    split: &Split<'_>,
    diags: &mut Diagnostics,
) {
    for p in &doc.problems {
        diags.push(p.diagnostic(path, split.body, split.body_line));
    }
}

/// A passage that is not in the text (or is empty), at the passage's value.
pub(super) fn passage_not_found(at: Location, passage: &str, or_row: &str) -> Diagnostic {
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
