//! Values that make sense: each value of a front matter may have the right
//! type and still be impossible (a `.nan` target, a target year before its
//! baseline, a period that ends before it starts, a population of 0, a
//! jurisdiction that is its own ancestor). Each is an error at the value's
//! own line and column.

use std::collections::BTreeMap;
use std::path::Path;

use super::raw::{JurisdictionFront, PlanFront};
use super::{Jurisdiction, JurisdictionId};
use crate::diag::{Diagnostic, Diagnostics, Location};
use crate::parse::frontmatter::Split;
use crate::parse::yaml::Step;

/// Checks a plan's period and indicator values.
pub(super) fn plan(front: &PlanFront, split: &Split<'_>, path: &Path, d: &mut Diagnostics) {
    let at = |steps: &[Step]| split.locate_value(path, steps);
    if let Some(p) = front.period.filter(|p| p.start > p.end) {
        d.push(
            Diagnostic::error(
                at(&["period".into(), "start".into()]),
                format!("the period starts in {} after it ends in {}", p.start, p.end),
            )
            .hint("write the first year as `start` and the last as `end` (`{start: 2021, end: 2025}`)")
            .zh(
                format!("规划期起于 {} 年，却止于更早的 {} 年", p.start, p.end),
                "`start` 写起始年，`end` 写结束年（`{start: 2021, end: 2025}`）",
            ),
        );
    }
    for (i, e) in front.indicators.iter().enumerate() {
        let step = |field: &str, sub: &str| -> Vec<Step> {
            vec!["indicators".into(), i.into(), field.into(), sub.into()]
        };
        let values = [
            ("baseline", "value", e.baseline.map(|b| b.value)),
            ("target", "value", e.target.and_then(|t| t.value)),
            ("target", "min", e.target.and_then(|t| t.min)),
            ("target", "max", e.target.and_then(|t| t.max)),
        ];
        for (field, key, value) in values {
            if let Some(v) = value.filter(|v| !v.is_finite()) {
                d.push(
                    Diagnostic::error(
                        at(&step(field, key)),
                        format!("the {field} value of `{}` is `{v}`, not a number", e.id),
                    )
                    .hint("write the value as the plan prints it (e.g. `4.1`), or leave the entry out")
                    .zh(
                        format!(
                            "`{}` 的{}是 `{v}`，不是数字",
                            e.id,
                            if field == "baseline" { "基期值" } else { "目标值" }
                        ),
                        "按原件写出数值（例如 `4.1`），或者删去这个条目",
                    ),
                );
            }
        }
        if let (Some(b), Some(t)) = (e.baseline, e.target) {
            if t.year < b.year {
                d.push(
                    Diagnostic::error(
                        at(&step("target", "year")),
                        format!(
                            "the target year of `{}` ({}) is before its baseline year ({})",
                            e.id, t.year, b.year
                        ),
                    )
                    .hint("check both years: a target is set for the baseline year or later")
                    .zh(
                        format!(
                            "`{}` 的目标年份（{}）早于基期年份（{}）",
                            e.id, t.year, b.year
                        ),
                        "核对两个年份：目标年份应不早于基期年份",
                    ),
                );
            }
        }
    }
}

/// Checks a jurisdiction's population and that it is not its own parent.
pub(super) fn jurisdiction(
    id: &str,
    front: &JurisdictionFront,
    split: &Split<'_>,
    path: &Path,
    d: &mut Diagnostics,
) {
    if front.population.as_ref().is_some_and(|p| p.value == 0) {
        d.push(
            Diagnostic::error(
                split.locate_value(path, &["population".into(), "value".into()]),
                "the population is 0",
            )
            .hint("give the number of people in the reference year (e.g. `1000000`), or leave `population` out")
            .zh(
                "人口为 0",
                "填写参考年份的人口数（例如 `1000000`），或者删去 `population`",
            ),
        );
    }
    if front.parent.as_ref().is_some_and(|p| p.as_str() == id) {
        d.push(
            Diagnostic::error(
                split.locate_value(path, &["parent".into()]),
                format!("jurisdiction `{id}` is its own parent"),
            )
            .hint("name the larger jurisdiction it belongs to, or leave `parent` out")
            .zh(
                format!("地区 `{id}` 的上级是它自己"),
                "写它所属的上级地区，或者删去 `parent`",
            ),
        );
    }
}

/// Reports each jurisdiction whose chain of parents comes back to it
/// (longer than one step: [`jurisdiction`] reports a self-parent), at its
/// `parent` value located by `locate`.
pub(super) fn parent_cycles(
    all: &BTreeMap<JurisdictionId, Jurisdiction>,
    locate: impl Fn(&JurisdictionId) -> Location,
    d: &mut Diagnostics,
) {
    for (id, j) in all {
        let mut chain = vec![id.clone()];
        let mut next = j.parent.as_ref();
        while let Some(p) = next {
            if p == id {
                if chain.len() > 1 {
                    chain.push(p.clone());
                    let shown: Vec<&str> = chain.iter().map(JurisdictionId::as_str).collect();
                    d.push(
                        Diagnostic::error(
                            locate(id),
                            format!(
                                "jurisdiction `{id}` is its own ancestor: {}",
                                shown.join(" → ")
                            ),
                        )
                        .hint(
                            "a parent is a larger jurisdiction: correct one `parent` of the cycle",
                        )
                        .zh(
                            format!("地区 `{id}` 的上级链条绕回了它自己：{}", shown.join(" → ")),
                            "上级是更大的地区：改正这个循环中的某个 `parent`",
                        ),
                    );
                }
                break;
            }
            if chain.contains(p) {
                break; // a cycle further up, reported from its own members
            }
            chain.push(p.clone());
            next = all.get(p).and_then(|j| j.parent.as_ref());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::frontmatter::split;

    fn plan_problems(front: &str) -> Vec<String> {
        let text = format!(
            "---\ntitle: t\njurisdiction: j\ndoc_type: plan\nsource: {{description: d}}\n{front}---\n"
        );
        let path = Path::new("p.md");
        let s = split(path, &text).unwrap();
        let f: PlanFront = s.parse(path).unwrap();
        let mut d = Diagnostics::new();
        plan(&f, &s, path, &mut d);
        d.sorted().iter().map(ToString::to_string).collect()
    }

    #[test]
    fn impossible_plan_values_are_errors_at_the_value() {
        let got = plan_problems(
            "period: {start: 2025, end: 2021}\nindicators:\n  - id: a\n    label: A\n    baseline: {year: 2020, value: .nan}\n    target: {year: 2019, value: .inf}\n    passage: p\n",
        );
        assert_eq!(got.len(), 4, "{got:#?}");
        assert!(
            got[0].starts_with("p.md:6:17: error: the period starts in 2025"),
            "{got:#?}"
        );
        assert!(
            got[1].starts_with("p.md:10:35: error: the baseline value of `a` is `NaN`"),
            "{got:#?}"
        );
        assert!(
            got[2].starts_with("p.md:11:20: error: the target year of `a` (2019)"),
            "{got:#?}"
        );
        assert!(
            got[3].starts_with("p.md:11:33: error: the target value of `a` is `inf`"),
            "{got:#?}"
        );
    }

    #[test]
    fn sensible_values_pass() {
        let got = plan_problems(
            "period: {start: 2021, end: 2021}\nindicators:\n  - id: a\n    label: A\n    baseline: {year: 2020, value: 1}\n    target: {year: 2020, value: 2}\n    passage: p\n",
        );
        assert!(got.is_empty(), "{got:#?}");
    }

    fn jurisdiction_at(id: &str, parent: Option<&str>) -> (JurisdictionId, Jurisdiction) {
        let j = Jurisdiction {
            id: JurisdictionId::from(id),
            name: Default::default(),
            short_name: Default::default(),
            level: Default::default(),
            parent: parent.map(JurisdictionId::from),
            members: Vec::new(),
            population: None,
            body_html: String::new(),
            path: format!("{id}.md").into(),
        };
        (j.id.clone(), j)
    }

    #[test]
    fn a_cycle_of_parents_is_reported_at_each_member() {
        let all: BTreeMap<_, _> = [
            jurisdiction_at("a", Some("b")),
            jurisdiction_at("b", Some("c")),
            jurisdiction_at("c", Some("a")),
            jurisdiction_at("d", Some("a")),
            jurisdiction_at("e", None),
        ]
        .into_iter()
        .collect();
        let mut d = Diagnostics::new();
        parent_cycles(&all, |id| Location::file(format!("{id}.md")), &mut d);
        let got: Vec<String> = d.sorted().iter().map(|d| d.message.clone()).collect();
        assert_eq!(
            got,
            [
                "jurisdiction `a` is its own ancestor: a → b → c → a",
                "jurisdiction `b` is its own ancestor: b → c → a → b",
                "jurisdiction `c` is its own ancestor: c → a → b → c",
            ]
        );
    }

    #[test]
    fn a_population_of_0_and_a_self_parent_are_errors() {
        let text = "---\nname: {zh: 甲, en: A}\nlevel: city\nparent: a\npopulation: {year: 2020, value: 0, source: s}\n---\n";
        let path = Path::new("a.md");
        let s = split(path, text).unwrap();
        let f: JurisdictionFront = s.parse(path).unwrap();
        let mut d = Diagnostics::new();
        jurisdiction("a", &f, &s, path, &mut d);
        let got: Vec<String> = d.sorted().iter().map(ToString::to_string).collect();
        assert!(
            got[0].starts_with("a.md:4:9: error: jurisdiction `a` is its own parent"),
            "{got:#?}"
        );
        assert!(
            got[1].starts_with("a.md:5:33: error: the population is 0"),
            "{got:#?}"
        );
    }
}
