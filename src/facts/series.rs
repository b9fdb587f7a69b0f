//! The reported series of one indicator in one jurisdiction: the values
//! its plans report (`reported:`), the baselines their targets build on
//! (a baseline is a reported value of role `baseline`), and the targets,
//! on one time axis; and, for each target, its status once a value is
//! reported for the target's year or later.

use std::collections::BTreeMap;

use crate::model::{
    Comparator, Direction, ExternalSource, Goal, IndicatorDef, IndicatorValue, Origin, Plan,
    Qualifier, ReportedValue, Target, Unit, When,
};

/// What a point of a series is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// A baseline of a target (a reported value the target builds on).
    Baseline,
    /// A value reported as achieved.
    Reported,
    /// A target.
    Target,
}

impl Role {
    /// The key used in data files and CSS classes.
    pub fn key(self) -> &'static str {
        match self {
            Role::Baseline => "baseline",
            Role::Reported => "reported",
            Role::Target => "target",
        }
    }
}

/// What a point says, beyond its value.
#[derive(Debug, Clone, Copy)]
pub enum Said<'a> {
    /// A reported value.
    Reported(&'a ReportedValue),
    /// A baseline or target of an indicator entry.
    Entry(&'a IndicatorValue),
}

/// One point of a series.
#[derive(Debug, Clone, Copy)]
pub struct Point<'a> {
    /// The plan that states it.
    pub plan: &'a Plan,
    /// Baseline, reported or target.
    pub role: Role,
    /// The year or period it describes.
    pub when: When,
    /// The value as printed (the lower bound of a range target).
    pub value: f64,
    /// The upper bound of a range target.
    pub upper: Option<f64>,
    /// Its unit as printed.
    pub unit: &'a Unit,
    /// Where it comes from.
    pub said: Said<'a>,
}

impl<'a> Point<'a> {
    /// The qualifier of a reported value.
    pub fn qualifier(&self) -> Option<Qualifier> {
        match self.said {
            Said::Reported(r) => r.qualifier,
            Said::Entry(_) => None,
        }
    }

    /// The target of a target point.
    pub fn target(&self) -> Option<&'a Target> {
        match (self.role, self.said) {
            (Role::Target, Said::Entry(e)) => e.target.as_ref(),
            _ => None,
        }
    }

    /// The passage's anchor in the plan's page, if it quotes the plan.
    pub fn anchor(&self) -> Option<&'a str> {
        match self.said {
            Said::Reported(r) => match &r.origin {
                Origin::Passage { anchor, .. } => Some(anchor),
                Origin::Source(_) => None,
            },
            Said::Entry(e) => Some(&e.anchor),
        }
    }

    /// The outside source of a monitoring value.
    pub fn source(&self) -> Option<&'a ExternalSource> {
        match self.said {
            Said::Reported(r) => match &r.origin {
                Origin::Source(s) => Some(s),
                Origin::Passage { .. } => None,
            },
            Said::Entry(_) => None,
        }
    }

    /// Whether it is a total over a period (a cumulative target, a
    /// reported total) rather than a level at a year's end.
    pub fn is_total(&self) -> bool {
        match self.said {
            Said::Reported(r) => matches!(r.when, When::Period { .. }),
            Said::Entry(e) => self.role == Role::Target && e.cumulative,
        }
    }
}

/// One jurisdiction's points for one indicator, in time order.
#[derive(Debug, Clone)]
pub struct Series<'a> {
    /// Jurisdiction id.
    pub jurisdiction: &'a str,
    /// Points: by year, then baseline, reported, target; then plan.
    pub points: Vec<Point<'a>>,
}

/// The points `plan` gives for indicator `id`.
pub fn points_of<'a>(plan: &'a Plan, id: &str) -> Vec<Point<'a>> {
    let mut out = Vec::new();
    for e in plan.indicators.iter().filter(|e| e.id.as_str() == id) {
        if let Some(b) = e.baseline {
            out.push(Point {
                plan,
                role: Role::Baseline,
                when: When::Year(b.year),
                value: b.value,
                upper: None,
                unit: &e.unit,
                said: Said::Entry(e),
            });
        }
        if let Some(t) = &e.target {
            let (value, upper) = match t.goal {
                Goal::Value { value, .. } => (value, None),
                Goal::Range { min, max } => (min, Some(max)),
            };
            let when = match (e.cumulative, plan.period) {
                (true, Some(p)) if p.start <= t.year => When::Period {
                    start: p.start,
                    end: t.year,
                },
                _ => When::Year(t.year),
            };
            out.push(Point {
                plan,
                role: Role::Target,
                when,
                value,
                upper,
                unit: &e.unit,
                said: Said::Entry(e),
            });
        }
    }
    for r in plan.reported.iter().filter(|r| r.id.as_str() == id) {
        out.push(Point {
            plan,
            role: Role::Reported,
            when: r.when,
            value: r.value,
            upper: None,
            unit: &r.unit,
            said: Said::Reported(r),
        });
    }
    out
}

/// The series of indicator `id` across `plans`, one per jurisdiction, in
/// jurisdiction order; jurisdictions without a point are left out.
pub fn of_indicator<'a>(plans: impl Iterator<Item = &'a Plan>, id: &str) -> Vec<Series<'a>> {
    let mut by: BTreeMap<&'a str, Vec<Point<'a>>> = BTreeMap::new();
    for plan in plans {
        let points = points_of(plan, id);
        if !points.is_empty() {
            by.entry(plan.jurisdiction.as_str())
                .or_default()
                .extend(points);
        }
    }
    by.into_iter()
        .map(|(jurisdiction, mut points)| {
            points.sort_by(|a, b| {
                (a.when.end(), a.role, a.plan.slug.as_str()).cmp(&(
                    b.when.end(),
                    b.role,
                    b.plan.slug.as_str(),
                ))
            });
            Series {
                jurisdiction,
                points,
            }
        })
        .collect()
}

/// A target's status against the values reported for its year or later.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// The reported value satisfies the target.
    Met,
    /// It does not.
    NotMet,
    /// The values cannot be held against each other: different units or
    /// measures (a total against a level), or a qualifier (`余`, `近`)
    /// that leaves the answer open.
    NotAssessable,
}

/// Why a target was assessed as it was.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    /// Compared by the rule of the comparator.
    Compared,
    /// The units measure different things.
    Units,
    /// One is a total over a period, the other a level at a year's end.
    Measure,
    /// The qualifier (`余`, `近`, `以上`) leaves it open.
    Qualifier,
}

/// A target's assessment against one reported value.
#[derive(Debug, Clone, Copy)]
pub struct Assessment<'a> {
    /// Met, not met or not assessable.
    pub status: Status,
    /// Why.
    pub reason: Reason,
    /// The reported value it was held against: the first reported for the
    /// target's year or, failing that, the latest after it.
    pub against: Point<'a>,
}

/// How `target` fares against the series' reported values (baselines
/// excluded) for its year or later; `None` when there is none.
pub fn assess<'a>(
    def: &IndicatorDef,
    target: &Point<'a>,
    series: &Series<'a>,
) -> Option<Assessment<'a>> {
    let t = target.target()?;
    let later: Vec<&Point<'a>> = series
        .points
        .iter()
        .filter(|p| p.role == Role::Reported && p.when.end() >= t.year)
        .collect();
    let against = **later
        .iter()
        .find(|p| p.when.end() == t.year)
        .or(later.last())?;
    let got = Got {
        value: against.value,
        unit: against.unit,
        total: against.is_total(),
        qualifier: against.qualifier(),
    };
    let (status, reason) = judge(def.direction, t, target.unit, target.is_total(), &got);
    Some(Assessment {
        status,
        reason,
        against,
    })
}

/// A reported value as the judgement needs it.
struct Got<'a> {
    value: f64,
    unit: &'a Unit,
    total: bool,
    qualifier: Option<Qualifier>,
}

/// The status of target `t` (in `unit`; a total when `total`) against `got`.
fn judge(
    direction: Direction,
    t: &Target,
    unit: &Unit,
    total: bool,
    got: &Got<'_>,
) -> (Status, Reason) {
    if !got.unit.compatible(unit) {
        return (Status::NotAssessable, Reason::Units);
    }
    if got.total != total {
        return (Status::NotAssessable, Reason::Measure);
    }
    let v = got.unit.convert(got.value, unit);
    let higher = direction == Direction::Higher;
    let meets = |v: f64| match t.goal {
        Goal::Value { value, comparator } => match comparator {
            Comparator::Ge => v >= value,
            Comparator::Le => v <= value,
            // `=`, `≈` and (never here) `range`: reaching the value, in
            // the direction that is better.
            _ => {
                if higher {
                    v >= value
                } else {
                    v <= value
                }
            }
        },
        Goal::Range { min, max } => {
            if higher {
                v >= min
            } else {
                v <= max
            }
        }
    };
    let met = meets(v);
    // `余`/`以上`: the true value is above `v`, `近` below it: the answer
    // is certain only where that direction cannot change it.
    let up = t_upward(t, higher);
    let open = match got.qualifier {
        Some(Qualifier::MoreThan | Qualifier::AtLeast) => met != up,
        Some(Qualifier::Nearly) => met == up,
        _ => false,
    };
    if open {
        (Status::NotAssessable, Reason::Qualifier)
    } else if met {
        (Status::Met, Reason::Compared)
    } else {
        (Status::NotMet, Reason::Compared)
    }
}

/// Whether the target is met by a value large enough (`≥`, or `=`/`≈`/a
/// range when higher is better).
fn t_upward(t: &Target, higher: bool) -> bool {
    match t.goal {
        Goal::Value { comparator, .. } => match comparator {
            Comparator::Ge => true,
            Comparator::Le => false,
            _ => higher,
        },
        Goal::Range { .. } => higher,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn got(value: f64, unit: &Unit, qualifier: Option<Qualifier>) -> Got<'_> {
        Got {
            value,
            unit,
            total: false,
            qualifier,
        }
    }

    #[test]
    fn targets_are_judged_by_their_comparator_and_direction() {
        let jian = Unit::parse("件");
        let wan = Unit::parse("万件");
        let ge = Target::value(2025, 225.0, Comparator::Ge);
        let hi = Direction::Higher;
        let j = |t: &Target, g: Got<'_>| judge(hi, t, &wan, false, &g).0;
        assert_eq!(j(&ge, got(230.0, &wan, None)), Status::Met);
        assert_eq!(
            j(&ge, got(2_300_000.0, &jian, None)),
            Status::Met,
            "units convert"
        );
        assert_eq!(j(&ge, got(220.0, &wan, None)), Status::NotMet);
        let le = Target::value(2025, 10.0, Comparator::Le);
        assert_eq!(
            judge(Direction::Lower, &le, &jian, false, &got(9.0, &jian, None)).0,
            Status::Met
        );
        let eq = Target::value(2025, 100.0, Comparator::Eq);
        assert_eq!(
            judge(Direction::Lower, &eq, &jian, false, &got(90.0, &jian, None)).0,
            Status::Met
        );
        assert_eq!(
            judge(hi, &eq, &jian, false, &got(90.0, &jian, None)).0,
            Status::NotMet
        );
        let range = Target::range(2025, 3.0, 5.0);
        assert_eq!(
            judge(hi, &range, &jian, false, &got(6.0, &jian, None)).0,
            Status::Met
        );
        assert_eq!(
            judge(hi, &range, &jian, false, &got(2.0, &jian, None)).0,
            Status::NotMet
        );
    }

    #[test]
    fn qualifiers_units_and_measures_can_leave_it_open() {
        let jian = Unit::parse("件");
        let ge = Target::value(2025, 500.0, Comparator::Ge);
        let hi = Direction::Higher;
        let more = Some(Qualifier::MoreThan);
        let nearly = Some(Qualifier::Nearly);
        assert_eq!(
            judge(hi, &ge, &jian, false, &got(500.0, &jian, more)).0,
            Status::Met
        );
        assert_eq!(
            judge(hi, &ge, &jian, false, &got(400.0, &jian, more)),
            (Status::NotAssessable, Reason::Qualifier)
        );
        assert_eq!(
            judge(hi, &ge, &jian, false, &got(400.0, &jian, nearly)).0,
            Status::NotMet
        );
        assert_eq!(
            judge(hi, &ge, &jian, false, &got(600.0, &jian, nearly)),
            (Status::NotAssessable, Reason::Qualifier)
        );
        assert_eq!(
            judge(
                hi,
                &ge,
                &jian,
                false,
                &got(600.0, &Unit::parse("亿元"), None)
            ),
            (Status::NotAssessable, Reason::Units)
        );
        assert_eq!(
            judge(hi, &ge, &jian, true, &got(600.0, &jian, None)),
            (Status::NotAssessable, Reason::Measure)
        );
    }
}
