//! The Markdown of `plansite diff`: one heading per kind of content, one
//! bullet per thing added, removed or changed, and under a changed thing
//! one line per field, `field: old → new`. Every piece of site text goes
//! through the escaping of `diff::markdown`.

use std::fmt::Write as _;

use super::change::{Delta, Field, Item, Section, Subject};
use super::markdown::{code, text};

/// What the comparison was between, as the user named the two sides
/// (`HEAD` and `the working tree`) and as short hashes where they are
/// commits.
#[derive(Debug, Clone)]
pub struct Compared {
    /// The older side, as named.
    pub old: String,
    /// The newer side, as named.
    pub new: String,
    /// `abc1234 → working tree`: the exact content compared.
    pub range: String,
}

fn subject(s: &Subject) -> String {
    let mut out = s
        .ids
        .iter()
        .filter(|id| !id.is_empty())
        .map(|id| code(id))
        .collect::<Vec<_>>()
        .join(" · ");
    if !s.label.is_empty() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&text(&s.label));
    }
    out
}

/// A field as the report names it: plansite's own names as they are (a
/// front-matter key reads `doc_number`, not `doc\\_number`), a per-capita
/// figure with the plan and indicator as code.
fn field(f: &Field) -> String {
    match f {
        Field::Named(name) => (*name).to_string(),
        Field::PerCapita {
            figure,
            plan,
            indicator,
        } => format!(
            "{figure} per 10,000 people of {} · {}",
            code(plan),
            code(indicator)
        ),
    }
}

fn counts(items: &[Item]) -> String {
    let (mut added, mut removed, mut changed) = (0, 0, 0);
    for i in items {
        match i {
            Item::Added(..) => added += 1,
            Item::Removed(..) => removed += 1,
            Item::Changed(..) => changed += 1,
        }
    }
    [(added, "added"), (removed, "removed"), (changed, "changed")]
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, w)| format!("{n} {w}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The report for `sections` (empty ones are left out). When nothing
/// changed it says what was compared, so a user who expected a change
/// sees which two sides were looked at.
pub fn markdown(compared: &Compared, sections: &[Section]) -> String {
    let mut out = format!(
        "## Published content changes ({})\n\n",
        text(&compared.range)
    );
    let sections: Vec<&Section> = sections.iter().filter(|s| !s.items.is_empty()).collect();
    if sections.is_empty() {
        let _ = writeln!(
            out,
            "No changes to published content between {} and {} (compared: `site.yaml`, \
             `content/`, `indicators/`; a commit's files as committed, the working tree's \
             as saved, ignored files left out).",
            text(&compared.old),
            text(&compared.new)
        );
        return out;
    }
    for s in sections {
        let _ = writeln!(out, "### {}: {}\n", s.heading, counts(&s.items));
        for item in &s.items {
            match item {
                Item::Added(who, what) => {
                    let _ = writeln!(out, "- added {} — {}", subject(who), text(what));
                }
                Item::Removed(who, what) => {
                    let _ = writeln!(out, "- removed {} — {}", subject(who), text(what));
                }
                Item::Changed(who, fields) => {
                    let _ = writeln!(out, "- {}", subject(who));
                    for f in fields {
                        match &f.delta {
                            Delta::Value { old, new } => {
                                let (old, new) = super::change::around_change(old, new);
                                let _ = writeln!(
                                    out,
                                    "  - {}: {} → {}",
                                    field(&f.field),
                                    text(&old),
                                    text(&new)
                                );
                            }
                            Delta::Text(words) => {
                                let _ = writeln!(out, "  - {}: {}", field(&f.field), text(words));
                            }
                        }
                    }
                }
            }
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::change::FieldChange;
    use super::*;

    fn compared() -> Compared {
        Compared {
            old: "HEAD".into(),
            new: "the working tree".into(),
            range: "abc1234 → working tree".into(),
        }
    }

    #[test]
    fn nothing_changed_names_both_sides() {
        let md = markdown(&compared(), &[]);
        assert!(
            md.contains("No changes to published content between HEAD and the working tree"),
            "{md}"
        );
    }

    #[test]
    fn a_changed_field_is_one_escaped_line() {
        let md = markdown(
            &compared(),
            &[Section {
                heading: "Indicator values",
                items: vec![Item::Changed(
                    Subject::new("x", "a|b <img> @org/team").within("plan"),
                    vec![FieldChange {
                        field: Field::Named("target"),
                        delta: Delta::Value {
                            old: "225".into(),
                            new: "235".into(),
                        },
                    }],
                )],
            }],
        );
        assert!(md.contains("### Indicator values: 1 changed\n"), "{md}");
        assert!(
            md.contains(
                "- `plan` · `x` a\\|b &lt;img&gt; @&#8203;org/team\n  - target: 225 → 235\n"
            ),
            "{md}"
        );
    }
}
