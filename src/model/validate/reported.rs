//! Checks a plan's `reported:` and `not_data:` entries against the
//! catalogue, its text and its baselines, and (when the site asks,
//! `facts.account_for_numbers`) lists the figures of its text that are
//! neither data nor set aside.

use super::*;
use crate::model::reported::{Origin, RawReported, When};

/// A plan's validated reported values and `not_data` entries.
pub(super) struct Facts {
    pub reported: Vec<ReportedValue>,
    pub not_data: Vec<NotData>,
}

/// The passages of the reported entries that quote the text, each text
/// once (entries quoting the same words share its anchor), to anchor after
/// the indicators' and the topics', so their anchors stay.
pub(super) fn passages(front: &raw::PlanFront) -> Vec<Passage<'_>> {
    let mut seen = BTreeSet::new();
    front
        .reported
        .iter()
        .filter_map(|r| {
            let text = r.passage.as_deref()?;
            seen.insert(text).then(|| Passage {
                text,
                id: format!("rep-{}", r.id),
            })
        })
        .collect()
}

fn at(split: &Split<'_>, path: &Path, list: &str, i: usize, field: Option<&str>) -> Location {
    let mut steps = vec![Step::from(list), Step::from(i)];
    if let Some(f) = field {
        steps.push(Step::from(f));
    }
    split.locate_value(path, &steps)
}

/// The most problems listed for one list: a list with more (a generated or
/// pasted one) gets one more error saying so, and costs no more to check.
const MAX_LISTED: usize = 100;

fn too_many(split: &Split<'_>, path: &Path, list: &str) -> Diagnostic {
    Diagnostic::error(
        split.locate_value(path, &[Step::from(list)]),
        format!("`{list}` has more than {MAX_LISTED} problems: the first ones are listed"),
    )
    .hint("correct those, then check again to see the rest")
    .zh(
        format!("`{list}` 的问题超过 {MAX_LISTED} 个：只列出了前面的"),
        "改正这些后再检查，会列出其余的问题",
    )
}

/// Whether `passage` is in the text of one block of `doc`.
fn in_body(doc: &markdown::Doc, passage: &str) -> bool {
    !passage.trim().is_empty() && doc.blocks.iter().any(|b| doc.text_of(b).contains(passage))
}

/// Validates the entries; `anchors` are the anchors left after the
/// indicators' and topics' passages, one per reported passage.
pub(super) fn check<'a>(
    front: &raw::PlanFront,
    doc: &markdown::Doc,
    mut anchors: impl Iterator<Item = &'a Option<String>>,
    split: &Split<'_>,
    path: &Path,
    ctx: &Ctx<'_>,
    d: &mut Diagnostics,
) -> Facts {
    let before_all = d.error_count();
    let mut reported = Vec::new();
    let mut seen: BTreeMap<(&IndicatorId, When), usize> = BTreeMap::new();
    // The anchor of each distinct passage, in the order of [`passages`].
    let mut anchor_of: BTreeMap<&str, Option<String>> = BTreeMap::new();
    for p in passages(front) {
        anchor_of.insert(p.text, anchors.next().cloned().flatten());
    }
    for (i, r) in front.reported.iter().enumerate() {
        if d.error_count() >= before_all + MAX_LISTED {
            d.push(too_many(split, path, "reported"));
            break;
        }
        let anchor = r
            .passage
            .as_deref()
            .map(|p| anchor_of.get(p).cloned().flatten());
        if let Some(v) = entry(front, r, i, anchor, split, path, ctx, d) {
            if let Some(first) = seen.insert((&r.id, v.when), i) {
                d.push(
                    Diagnostic::error(
                        at(split, path, "reported", i, Some("id")),
                        format!("`{}` for {} is reported twice", v.id, v.when.label()),
                    )
                    .hint(format!(
                        "reported entry {} gives it already: keep one of them",
                        first + 1
                    ))
                    .zh(
                        format!("`{}` 在 {} 的报告值重复", v.id, v.when.label()),
                        format!("第 {} 个 reported 条目已经给出：只保留一个", first + 1),
                    ),
                );
                continue;
            }
            reported.push(v);
        }
    }
    let mut not_data = Vec::new();
    let before_not_data = d.error_count();
    for (i, n) in front.not_data.iter().enumerate() {
        if d.error_count() >= before_not_data + MAX_LISTED {
            d.push(too_many(split, path, "not_data"));
            break;
        }
        let mut ok = true;
        if !in_body(doc, &n.passage) {
            d.push(plan::passage_not_found(
                at(split, path, "not_data", i, Some("passage")),
                &n.passage,
                " or table",
            ));
            ok = false;
        }
        if n.note.trim().is_empty() {
            d.push(
                Diagnostic::error(
                    at(split, path, "not_data", i, Some("note")),
                    "the note is empty",
                )
                .hint("say in a sentence why these numbers are not data")
                .zh("note 是空的", "用一句话说明这些数字为什么不是数据"),
            );
            ok = false;
        }
        if ok {
            not_data.push(NotData {
                passage: n.passage.clone(),
                why: n.why,
                note: n.note.clone(),
            });
        }
    }
    if ctx.account_for_numbers {
        let covering: Vec<&str> = front
            .indicators
            .iter()
            .map(|e| e.passage.as_str())
            .chain(front.reported.iter().filter_map(|r| r.passage.as_deref()))
            .chain(front.not_data.iter().map(|n| n.passage.as_str()))
            .collect();
        for u in crate::facts::account::unaccounted(doc, split.body, &covering) {
            d.push(crate::facts::account::warning(
                &u,
                path,
                split.body,
                split.body_line,
            ));
        }
    }
    Facts { reported, not_data }
}

/// A value for a message: as written, or in exponent form when huge.
fn shown(v: f64) -> String {
    if v.is_finite() && v.abs() >= 1e15 {
        format!("{v:e}")
    } else {
        v.to_string()
    }
}

/// One reported entry, or `None` (with its problems reported).
#[allow(clippy::too_many_arguments)]
fn entry(
    front: &raw::PlanFront,
    r: &RawReported,
    i: usize,
    anchor: Option<Option<String>>,
    split: &Split<'_>,
    path: &Path,
    ctx: &Ctx<'_>,
    d: &mut Diagnostics,
) -> Option<ReportedValue> {
    let here = |field: &str| at(split, path, "reported", i, Some(field));
    let before = d.error_count();
    let def = ctx.indicators.get(&r.id);
    if def.is_none() {
        d.push(
            Diagnostic::error(here("id"), format!("unknown indicator `{}`", r.id))
                .hint(format!(
                    "add indicators/{}.yaml to the catalogue (with a comparability note if it looks like another measure) or correct the id",
                    r.id
                ))
                .zh(
                    format!("指标 `{}` 不存在", r.id),
                    format!("在指标目录中添加 indicators/{}.yaml（与其他指标相似时写明可比性说明），或改正 ID", r.id),
                ),
        );
    }
    if r.label.trim().is_empty() {
        d.push(
            Diagnostic::error(here("label"), "the label is empty")
                .hint("copy the name of the measure exactly as the text prints it")
                .zh("label 是空的", "照原文抄写指标名称"),
        );
    }
    let before_value = d.error_count();
    // No plan prints a figure of 10^15 in its unit: larger is a typing slip
    // (and its value in the base unit would overflow).
    if !r.value.is_finite() || r.value < 0.0 || r.value > 1e15 {
        d.push(
            Diagnostic::error(here("value"), format!("`{}` is not a figure as printed", shown(r.value)))
                .hint("give the number as the text prints it, in its unit: a finite number below 10^15, never negative (a fall is a positive number with a label that says so)")
                .zh(
                    format!("`{}` 不是原文中的数字", shown(r.value)),
                    "按原文单位照写数字：小于 10^15 的有限数，不能为负（下降写正数，名称写明“下降”）",
                ),
        );
    }
    let value_ok = d.error_count() == before_value;
    let years = [r.year, r.period.map(|p| p.start), r.period.map(|p| p.end)];
    if let Some(y) = years
        .into_iter()
        .flatten()
        .find(|y| !(1900..=2100).contains(y))
    {
        let field = if r.year.is_some() { "year" } else { "period" };
        d.push(
            Diagnostic::error(here(field), format!("{y} is not a year a plan reports on"))
                .hint("give the year as four digits, between 1900 and 2100")
                .zh(
                    format!("{y} 不是规划报告的年份"),
                    "年份写四位数字，在 1900 到 2100 之间",
                ),
        );
    }
    let when = match (r.year, r.period) {
        (Some(y), None) => Some(When::Year(y)),
        (None, Some(p)) if p.start <= p.end => Some(When::Period {
            start: p.start,
            end: p.end,
        }),
        (None, Some(p)) => {
            d.push(
                Diagnostic::error(
                    here("period"),
                    format!("the period starts ({}) after it ends ({})", p.start, p.end),
                )
                .hint("write `period: {start: FIRST_YEAR, end: LAST_YEAR}`")
                .zh(
                    format!("期间的起始年 {} 晚于结束年 {}", p.start, p.end),
                    "写成 `period: {start: 起始年, end: 结束年}`",
                ),
            );
            None
        }
        (y, _) => {
            let both = y.is_some();
            let loc = if both {
                here("period")
            } else {
                at(split, path, "reported", i, None)
            };
            d.push(
                Diagnostic::error(
                    loc,
                    if both { "both `year` and `period` are given" } else { "neither `year` nor `period` is given" },
                )
                .hint("give `year:` for a level at the end of a year, or `period: {start, end}` for a total over years — exactly one")
                .zh(
                    if both { "同时写了 `year` 和 `period`" } else { "没有写 `year` 或 `period`" },
                    "年末水平写 `year:`，多年累计写 `period: {start, end}`——二者只写一个",
                ),
            );
            None
        }
    };
    let origin = match (&r.passage, &r.source) {
        (Some(p), None) => match anchor.flatten() {
            Some(anchor) => {
                if value_ok && !crate::figures::chinese(p).iter().any(|n| n.is(r.value)) {
                    d.push(
                        Diagnostic::error(here("passage"), format!("the passage does not state the value {}", r.value))
                            .hint(format!(
                                "the passage gives {}; correct the value or the passage so that they agree",
                                crate::figures::describe(&crate::figures::chinese(p))
                            ))
                            .zh(
                                format!("passage 没有写数值 {}", r.value),
                                "改正数值或 passage，使两者一致",
                            ),
                    );
                }
                Some(Origin::Passage {
                    text: p.clone(),
                    anchor,
                })
            }
            None => {
                d.push(plan::passage_not_found(here("passage"), p, ""));
                None
            }
        },
        (None, Some(s)) => {
            if s.title.trim().is_empty() {
                d.push(
                    Diagnostic::error(here("source"), "the source has no title")
                        .hint("give the title of the bulletin or report the value comes from")
                        .zh("source 没有 title", "写明数值出处（公报、报告）的标题"),
                );
            }
            if let Some(bad) = s.url.as_deref().and_then(|u| url::check(u).err()) {
                d.push(
                    Diagnostic::error(here("source"), format!("source.url: {bad}")).hint(url::HINT),
                );
            }
            Some(Origin::Source(s.clone()))
        }
        (p, _) => {
            let both = p.is_some();
            d.push(
                Diagnostic::error(
                    if both { here("source") } else { at(split, path, "reported", i, None) },
                    if both { "both `passage` and `source` are given" } else { "neither `passage` nor `source` is given" },
                )
                .hint("quote the plan's text in `passage:`, or for a value from outside the plan give `source: {title, issuer, date, url}` — exactly one")
                .zh(
                    if both { "同时写了 `passage` 和 `source`" } else { "没有写 `passage` 或 `source`" },
                    "引用规划原文写 `passage:`；规划之外的数值写 `source: {title, issuer, date, url}`——二者只写一个",
                ),
            );
            None
        }
    };
    if let Some(m) = &r.multiple {
        if !m.value.is_finite() || m.value <= 0.0 || m.of_zh.trim().is_empty() {
            d.push(
                Diagnostic::error(
                    here("multiple"),
                    "the multiple needs a positive `value` and what it is a multiple of (`of_zh`)",
                )
                .hint("write `multiple: {value: 2.4, of_zh: …, of_en: …}` as the text states it")
                .zh(
                    "multiple 需要正数 `value` 和比较对象 `of_zh`",
                    "照原文写 `multiple: {value: 2.4, of_zh: …, of_en: …}`",
                ),
            );
        }
    }
    let unit = match (&r.unit, def) {
        (Some(u), Some(def)) => {
            let u = Unit::parse(u);
            if !u.compatible(&def.unit_parsed) {
                d.push(
                    Diagnostic::error(here("unit"), format!("unit `{}` does not measure what the catalogue's `{}` does", u.printed, def.unit.zh))
                        .hint(format!("use a unit in {} (with 万 or 亿 if printed so), or give the figure its own catalogue entry", def.unit.zh))
                        .zh(
                            format!("单位 `{}` 与指标目录的单位 `{}` 不一致", u.printed, def.unit.zh),
                            format!("使用以 {} 为基础的单位（原文有万、亿的照写），或为它新建指标目录条目", def.unit.zh),
                        ),
                );
            }
            Some(u)
        }
        (None, Some(def)) => Some(def.unit_parsed.clone()),
        _ => None,
    };
    // One figure, one source of truth: a baseline is not reported again.
    if let Some(When::Year(y)) = when {
        for (j, e) in front.indicators.iter().enumerate() {
            if e.id == r.id && e.baseline.is_some_and(|b| b.year == y) {
                let base = split.locate_value(
                    path,
                    &[
                        Step::from("indicators"),
                        Step::from(j),
                        Step::from("baseline"),
                    ],
                );
                d.push(
                    Diagnostic::error(here("id"), format!("`{}` for {y} is the baseline of indicator entry {} (line {})", r.id, j + 1, base.line))
                        .hint("a baseline is a reported value already: keep it in `indicators:` and remove this entry")
                        .zh(
                            format!("`{}` 在 {y} 年的数值已是第 {} 个指标条目的基期值（第 {} 行）", r.id, j + 1, base.line),
                            "基期值本身就是报告值：保留在 `indicators:` 中，删除这个条目",
                        ),
                );
            }
        }
    }
    if d.error_count() > before {
        return None;
    }
    Some(ReportedValue {
        id: r.id.clone(),
        label: r.label.clone(),
        value: r.value,
        unit: unit?,
        when: when?,
        qualifier: r.qualifier,
        multiple: r.multiple.clone(),
        note_zh: r.note_zh.clone(),
        note_en: r.note_en.clone(),
        origin: origin?,
    })
}
