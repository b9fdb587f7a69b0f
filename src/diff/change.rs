//! What `plansite diff` found, as plain values holding site text exactly as
//! written; only [`mod@super::report`] turns them into (escaped) Markdown.

/// The thing a change is about: ids shown as code (`mini-plan`, then
/// `patents-per-10k` for a value of that plan) and a label shown as text
/// (its title or name), which may be empty.
#[derive(Debug, Clone, PartialEq)]
pub struct Subject {
    /// Id, slug or key, outermost first.
    pub ids: Vec<String>,
    /// Title, name or other words that say what it is.
    pub label: String,
}

impl Subject {
    /// A subject with one id and a label.
    pub fn new(id: impl Into<String>, label: impl Into<String>) -> Self {
        Subject {
            ids: vec![id.into()],
            label: label.into(),
        }
    }

    /// This subject inside `outer` (a plan's value: the plan's slug first).
    pub fn within(mut self, outer: impl Into<String>) -> Self {
        self.ids.insert(0, outer.into());
        self
    }
}

/// How one field changed.
#[derive(Debug, Clone, PartialEq)]
pub enum Delta {
    /// A value shown before and after (`225` → `235`).
    Value {
        /// Before.
        old: String,
        /// After.
        new: String,
    },
    /// A text too long to quote: what changed, in words.
    Text(String),
}

/// Which field changed.
#[derive(Debug, Clone, PartialEq)]
pub enum Field {
    /// A field of the subject itself, named by plansite (`target`,
    /// `population`, `name (en)`).
    Named(&'static str),
    /// A per-10,000 figure of a plan's value, moved by a population change.
    PerCapita {
        /// `target` or `baseline`.
        figure: &'static str,
        /// The plan's slug.
        plan: String,
        /// The indicator id.
        indicator: String,
    },
}

/// One changed field of a subject.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldChange {
    /// The field.
    pub field: Field,
    /// How it changed.
    pub delta: Delta,
}

/// One thing added, removed or changed.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// In the newer side only, with a short description.
    Added(Subject, String),
    /// In the older side only, with a short description.
    Removed(Subject, String),
    /// In both, with each field that differs.
    Changed(Subject, Vec<FieldChange>),
}

/// The changes to one kind of content, under one heading.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    /// Heading (`Indicator values`, `Glossary`).
    pub heading: &'static str,
    /// What changed, in a stable order.
    pub items: Vec<Item>,
}

/// Field changes between two lists of `(field, value)` in the same order:
/// one [`Delta::Value`] per field whose value differs.
pub fn fields(old: &[(&'static str, String)], new: &[(&'static str, String)]) -> Vec<FieldChange> {
    old.iter()
        .zip(new)
        .filter(|((_, a), (_, b))| a != b)
        .map(|((field, a), (_, b))| FieldChange {
            field: Field::Named(field),
            delta: Delta::Value {
                old: a.clone(),
                new: b.clone(),
            },
        })
        .collect()
}

/// `Some(s)` as itself, `None` as `—`.
pub fn or_dash(s: Option<impl ToString>) -> String {
    s.map_or_else(|| "—".to_string(), |s| s.to_string())
}

/// Added, removed and changed items between two keyed maps: `describe`
/// gives an added or removed entry's description, `compare` the field
/// changes of an entry in both (none: unchanged).
pub fn keyed<K: Ord, V>(
    old: &std::collections::BTreeMap<K, V>,
    new: &std::collections::BTreeMap<K, V>,
    subject: impl Fn(&V) -> Subject,
    describe: impl Fn(&V) -> String,
    compare: impl Fn(&V, &V) -> Vec<FieldChange>,
) -> Vec<Item> {
    let mut items = Vec::new();
    for (k, b) in new {
        match old.get(k) {
            None => items.push(Item::Added(subject(b), describe(b))),
            Some(a) => {
                let changes = compare(a, b);
                if !changes.is_empty() {
                    items.push(Item::Changed(subject(b), changes));
                }
            }
        }
    }
    for (k, a) in old {
        if !new.contains_key(k) {
            items.push(Item::Removed(subject(a), describe(a)));
        }
    }
    items
}

/// Texts longer than this are quoted only around what changed.
const LONG: usize = 80;
/// Characters of unchanged text kept either side of a change.
const CONTEXT: usize = 12;

/// `old` and `new` as a reviewer needs to see them: whole when short,
/// otherwise only the part that differs with a little unchanged text either
/// side, elided with `…` (`…达225万件、专利…` → `…达235万件、专利…`).
pub fn around_change(old: &str, new: &str) -> (String, String) {
    let (a, b): (Vec<char>, Vec<char>) = (old.chars().collect(), new.chars().collect());
    if a.len() <= LONG && b.len() <= LONG {
        return (old.to_string(), new.to_string());
    }
    let prefix = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let max_suffix = a.len().min(b.len()) - prefix;
    let suffix = a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .take(max_suffix)
        .take_while(|(x, y)| x == y)
        .count();
    let start = prefix.saturating_sub(CONTEXT);
    let cut = |s: &[char]| {
        let end = (s.len() - suffix + CONTEXT).min(s.len());
        let mut out = String::new();
        if start > 0 {
            out.push('…');
        }
        out.extend(&s[start..end]);
        if end < s.len() {
            out.push('…');
        }
        out
    };
    (cut(&a), cut(&b))
}

/// Describes how a document's paragraphs changed, from their plain texts:
/// how many were removed and added, and the start of the first new one.
/// `None` when the texts are the same.
pub fn text_delta(old: &[&str], new: &[&str]) -> Option<Delta> {
    if old == new {
        return None;
    }
    let mut pool: Vec<&str> = old.to_vec();
    let mut added = Vec::new();
    for b in new {
        match pool.iter().position(|a| a == b) {
            Some(i) => {
                pool.swap_remove(i);
            }
            None => added.push(*b),
        }
    }
    let words = match (pool.as_slice(), added.as_slice()) {
        ([], []) => "paragraphs reordered".to_string(),
        ([old], [new]) => {
            let (old, new) = around_change(old, new);
            format!("one paragraph rewritten: “{old}” → “{new}”")
        }
        (removed, added) => {
            let mut words = format!(
                "{} paragraph(s) removed, {} added or rewritten",
                removed.len(),
                added.len()
            );
            if let Some(first) = added.first() {
                let excerpt: String = first.chars().take(CONTEXT * 4).collect();
                let more = if first.chars().count() > CONTEXT * 4 {
                    "…"
                } else {
                    ""
                };
                words.push_str(&format!("; first new: “{excerpt}{more}”"));
            }
            words
        }
    };
    Some(Delta::Text(words))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_lists_only_what_differs() {
        let a = [("target", "225".to_string()), ("unit", "万件".to_string())];
        let b = [("target", "235".to_string()), ("unit", "万件".to_string())];
        assert_eq!(
            fields(&a, &b),
            vec![FieldChange {
                field: Field::Named("target"),
                delta: Delta::Value {
                    old: "225".into(),
                    new: "235".into()
                }
            }]
        );
    }

    #[test]
    fn text_delta_counts_paragraphs_and_quotes_the_first_new_one() {
        assert_eq!(text_delta(&["a", "b"], &["a", "b"]), None);
        assert_eq!(
            text_delta(&["a", "b"], &["b", "a"]),
            Some(Delta::Text("paragraphs reordered".into()))
        );
        assert_eq!(
            text_delta(&["a", "b", "c"], &["a", "B", "c", "d"]),
            Some(Delta::Text(
                "1 paragraph(s) removed, 2 added or rewritten; first new: “B”".into()
            ))
        );
        assert_eq!(
            text_delta(&["a", "b"], &["a", "c"]),
            Some(Delta::Text("one paragraph rewritten: “b” → “c”".into()))
        );
    }

    #[test]
    fn long_texts_are_quoted_around_the_change() {
        assert_eq!(around_change("225", "235"), ("225".into(), "235".into()));
        let old = format!(
            "{}有效商标注册量达225万件{}",
            "甲".repeat(60),
            "乙".repeat(60)
        );
        let new = old.replace("225", "235");
        assert_eq!(
            around_change(&old, &new),
            (
                "…甲甲甲有效商标注册量达225万件乙乙乙乙乙乙乙乙乙…".into(),
                "…甲甲甲有效商标注册量达235万件乙乙乙乙乙乙乙乙乙…".into()
            )
        );
        // Text added at the end: nothing after it to keep.
        let (a, b) = around_change(&"x".repeat(90), &format!("{}y", "x".repeat(90)));
        assert_eq!(
            (a.as_str(), b.as_str()),
            ("…xxxxxxxxxxxx", "…xxxxxxxxxxxxy")
        );
    }
}
