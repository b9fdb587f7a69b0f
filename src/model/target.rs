//! A plan's target for one indicator: a single value with its comparator
//! (`= ≥ ≤ ≈`), or a range (`comparator: range`, `min` and `max`, printed
//! `3–5`). The front matter writes both with the same keys
//! ([`raw::Target`](super::raw::Target)); [`validate`] checks that the
//! keys fit the comparator and turns them into a [`Target`] whose shape
//! says which it is, so no later stage can take one bound for the target.

use std::path::Path;

use super::raw;
use super::Comparator;
use crate::diag::{Diagnostic, Diagnostics};
use crate::parse::frontmatter::Split;
use crate::parse::yaml::Step;

/// A validated target.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Target {
    /// Target year.
    pub year: u16,
    /// What is aimed at.
    pub goal: Goal,
}

/// What a target aims at.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Goal {
    /// One value, with how the target relates to it (never
    /// [`Comparator::Range`]).
    Value {
        /// Value in the entry's unit.
        value: f64,
        /// `=`, `≥`, `≤` or `≈`.
        comparator: Comparator,
    },
    /// A range, both ends included (`建设3-5家`): `min < max`.
    Range {
        /// Lower bound.
        min: f64,
        /// Upper bound.
        max: f64,
    },
}

impl Target {
    /// A single-value target.
    pub fn value(year: u16, value: f64, comparator: Comparator) -> Self {
        Target {
            year,
            goal: Goal::Value { value, comparator },
        }
    }

    /// A range target.
    pub fn range(year: u16, min: f64, max: f64) -> Self {
        Target {
            year,
            goal: Goal::Range { min, max },
        }
    }

    /// The comparator: [`Comparator::Range`] for a range.
    pub fn comparator(&self) -> Comparator {
        match self.goal {
            Goal::Value { comparator, .. } => comparator,
            Goal::Range { .. } => Comparator::Range,
        }
    }

    /// The single value; `None` for a range (whose bounds are not the
    /// target, each on its own).
    pub fn point(&self) -> Option<f64> {
        match self.goal {
            Goal::Value { value, .. } => Some(value),
            Goal::Range { .. } => None,
        }
    }

    /// Lower and upper bound: the value twice for a single value.
    pub fn bounds(&self) -> (f64, f64) {
        match self.goal {
            Goal::Value { value, .. } => (value, value),
            Goal::Range { min, max } => (min, max),
        }
    }

    /// The bounds of a range; `None` for a single value.
    pub fn range_bounds(&self) -> Option<(f64, f64)> {
        match self.goal {
            Goal::Range { min, max } => Some((min, max)),
            Goal::Value { .. } => None,
        }
    }

    /// The figures a passage must state: the value, or both bounds.
    pub fn figures(&self) -> Vec<f64> {
        match self.goal {
            Goal::Value { value, .. } => vec![value],
            Goal::Range { min, max } => vec![min, max],
        }
    }

    /// The target as text with `digits` for a number (`≥4.1`, `3–5`):
    /// the comparator's symbol before a value (none for `=`), an en dash
    /// between the bounds of a range.
    pub fn text_with(&self, digits: impl Fn(f64) -> String) -> String {
        match self.goal {
            Goal::Value {
                comparator: c @ (Comparator::Ge | Comparator::Le | Comparator::Approx),
                ..
            } => format!("{}{}", c.key(), self.figure_with(digits)),
            _ => self.figure_with(digits),
        }
    }

    /// The figure without its comparator: the value, or `3–5`.
    pub fn figure_with(&self, digits: impl Fn(f64) -> String) -> String {
        match self.goal {
            Goal::Value { value, .. } => digits(value),
            Goal::Range { min, max } => format!("{}–{}", digits(min), digits(max)),
        }
    }

    /// The target as plain text for messages (`≥4.1`, `3–5`).
    pub fn plain(&self) -> String {
        self.text_with(|x| super::units::format_number(x, 4, false))
    }

    /// The middle of the range, or the value: for ordering only.
    pub fn midpoint(&self) -> f64 {
        let (a, b) = self.bounds();
        (a + b) / 2.0
    }
}

/// Checks the target of entry `i` of a plan's `indicators` and returns it,
/// or reports each problem at its `file:line:column` and returns `None`.
/// Values that are not numbers (`.nan`) are reported by `sense`.
pub(super) fn validate(
    t: &raw::Target,
    i: usize,
    split: &Split<'_>,
    path: &Path,
    d: &mut Diagnostics,
) -> Option<Target> {
    let at = |key: Option<&str>| {
        let mut steps: Vec<Step> = vec!["indicators".into(), i.into(), "target".into()];
        steps.extend(key.map(Step::from));
        split.locate_value(path, &steps)
    };
    let before = d.error_count();
    if t.comparator == Comparator::Range {
        if t.value.is_some() {
            d.push(
                Diagnostic::error(at(Some("value")), "a range target takes `min` and `max`, not `value`")
                    .hint("write `target: {year: 2025, comparator: range, min: 3, max: 5}`, or give another comparator for a single value")
                    .zh(
                        "区间目标用 `min` 和 `max`，不用 `value`",
                        "写成 `target: {year: 2025, comparator: range, min: 3, max: 5}`；单一数值请改用其他 comparator",
                    ),
            );
        }
        for (key, v) in [("min", t.min), ("max", t.max)] {
            if v.is_none() {
                d.push(
                    Diagnostic::error(at(None), format!("a range target needs `{key}`"))
                        .hint("give both ends as printed: `{year: 2025, comparator: range, min: 3, max: 5}` for 3-5")
                        .zh(
                            format!("区间目标缺少 `{key}`"),
                            "按原文写出两端：3-5 写成 `{year: 2025, comparator: range, min: 3, max: 5}`",
                        ),
                );
            }
        }
        if let (Some(min), Some(max)) = (t.min, t.max) {
            if min >= max && min.is_finite() && max.is_finite() {
                d.push(
                    Diagnostic::error(
                        at(Some("min")),
                        format!("the range's `min` ({min}) is not below its `max` ({max})"),
                    )
                    .hint("write the smaller end as `min` and the larger as `max`; a single value takes another comparator (`=`)")
                    .zh(
                        format!("区间的 `min`（{min}）不小于 `max`（{max}）"),
                        "`min` 写较小的一端，`max` 写较大的一端；单一数值请用其他 comparator（`=`）",
                    ),
                );
            }
        }
    } else {
        if t.value.is_none() {
            d.push(
                Diagnostic::error(at(None), "the target has no `value`")
                    .hint("give the value as printed (`{year: 2025, value: 4.1}`); for a range such as 3-5 write `comparator: range, min: 3, max: 5`")
                    .zh(
                        "目标缺少 `value`",
                        "按原文写出数值（`{year: 2025, value: 4.1}`）；3-5 这样的区间写成 `comparator: range, min: 3, max: 5`",
                    ),
            );
        }
        for (key, v) in [("min", t.min), ("max", t.max)] {
            if v.is_some() {
                d.push(
                    Diagnostic::error(
                        at(Some(key)),
                        format!("`{key}` is only for a range target (`comparator: range`)"),
                    )
                    .hint("for a range write `comparator: range` with `min` and `max` and no `value`; otherwise remove `min`/`max`")
                    .zh(
                        format!("只有区间目标（`comparator: range`）才用 `{key}`"),
                        "区间目标写 `comparator: range`、`min` 和 `max`，不写 `value`；否则删去 `min`/`max`",
                    ),
                );
            }
        }
    }
    if d.error_count() > before {
        return None;
    }
    Some(match (t.comparator, t.value, t.min, t.max) {
        (Comparator::Range, _, Some(min), Some(max)) => Target::range(t.year, min, max),
        (c, Some(v), _, _) => Target::value(t.year, v, c),
        _ => unreachable!("reported above"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::frontmatter;

    fn check(yaml: &str) -> (Option<Target>, Vec<String>) {
        let text = format!("---\nindicators:\n  - id: a\n    target: {yaml}\n---\n");
        let split = frontmatter::split(Path::new("p.md"), &text).unwrap();
        #[derive(serde::Deserialize)]
        struct Entry {
            target: raw::Target,
        }
        #[derive(serde::Deserialize)]
        struct Front {
            indicators: Vec<Entry>,
        }
        let front: Front = split.parse(Path::new("p.md")).unwrap();
        let mut d = Diagnostics::new();
        let t = validate(
            &front.indicators[0].target,
            0,
            &split,
            Path::new("p.md"),
            &mut d,
        );
        (t, d.iter().map(|d| d.to_string()).collect())
    }

    #[test]
    fn a_range_has_both_bounds() {
        let (t, errors) = check("{year: 2025, comparator: range, min: 3, max: 5}");
        assert!(errors.is_empty(), "{errors:?}");
        let t = t.unwrap();
        assert_eq!(t.comparator(), Comparator::Range);
        assert_eq!(t.point(), None);
        assert_eq!(t.bounds(), (3.0, 5.0));
        assert_eq!(t.figures(), vec![3.0, 5.0]);
        assert_eq!(t.plain(), "3–5");
    }

    #[test]
    fn a_single_value_keeps_its_comparator() {
        let (t, errors) = check("{year: 2025, value: 4.1, comparator: \"≥\"}");
        assert!(errors.is_empty(), "{errors:?}");
        let t = t.unwrap();
        assert_eq!(t.point(), Some(4.1));
        assert_eq!(t.comparator(), Comparator::Ge);
        assert_eq!(t.range_bounds(), None);
        assert_eq!(t.plain(), "≥4.1");
        assert_eq!(t.figure_with(|x| x.to_string()), "4.1");
    }

    #[test]
    fn min_above_max_is_refused_at_min() {
        let (t, errors) = check("{year: 2025, comparator: range, min: 5, max: 3}");
        assert_eq!(t, None);
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(
            errors[0]
                .starts_with("p.md:4:50: error: the range's `min` (5) is not below its `max` (3)"),
            "{errors:?}"
        );
        let (_, errors) = check("{year: 2025, comparator: range, min: 3, max: 3}");
        assert_eq!(errors.len(), 1, "{errors:?}");
    }

    #[test]
    fn a_range_without_bounds_or_with_a_value_is_refused() {
        let (t, errors) = check("{year: 2025, comparator: range, value: 3, max: 5}");
        assert_eq!(t, None);
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert!(
            errors[0].contains("takes `min` and `max`, not `value`"),
            "{errors:?}"
        );
        assert!(
            errors[1].starts_with("p.md:4:13: error: a range target needs `min`"),
            "{errors:?}"
        );
    }

    #[test]
    fn bounds_without_range_are_refused() {
        let (t, errors) = check("{year: 2025, min: 3, max: 5}");
        assert_eq!(t, None);
        assert_eq!(errors.len(), 3, "{errors:?}");
        assert!(
            errors[0].contains("the target has no `value`"),
            "{errors:?}"
        );
        assert!(
            errors[1].starts_with("p.md:4:31: error: `min` is only for a range target"),
            "{errors:?}"
        );
        let (_, errors) = check("{year: 2025, value: 4, comparator: \"≥\", max: 5}");
        assert_eq!(errors.len(), 1, "{errors:?}");
    }
}
