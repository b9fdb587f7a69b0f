//! Tasks in an imported text: the responsible-unit notes it holds
//! (`(责任单位:…)`, `(牵头部门:…;配合部门:…)`, `(…按职责分工负责)`), counted and
//! their names looked up in the site's agency catalogue, so the editor
//! knows before the first build which names to add to
//! `content/agencies.yaml`. The notes stay in the text, where `check` and
//! `build` read them as data ([`crate::tasks`]).

use std::collections::BTreeSet;
use std::fmt;
use std::path::Path;

use crate::diag::{Diagnostics, Printable};
use crate::model::JurisdictionId;
use crate::parse::markdown::find_resp;
use crate::tasks::{note, Catalogue};

/// A name the catalogue does not know, where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unknown {
    /// 1-based input line.
    pub line: usize,
    /// 1-based column in characters.
    pub column: usize,
    /// The name as printed.
    pub name: String,
}

/// What a scan found.
#[derive(Debug, Clone, Default)]
pub struct TaskScan {
    /// Name of the input.
    pub source: String,
    /// The jurisdiction names were resolved in.
    pub jurisdiction: Option<String>,
    /// Notes found (one per task).
    pub tasks: usize,
    /// Names given, all notes together.
    pub names: usize,
    /// Distinct names.
    pub distinct: usize,
    /// Distinct names the catalogue resolves.
    pub resolved: usize,
    /// Each occurrence of a name it does not, in input order.
    pub unknown: Vec<Unknown>,
}

/// Scans `text` for notes, resolving names within `jurisdiction`.
pub fn scan(
    text: &str,
    source: &str,
    jurisdiction: Option<&str>,
    agencies: &Catalogue,
) -> TaskScan {
    let j = jurisdiction.map(JurisdictionId::from);
    let known = |n: &str| j.as_ref().is_some_and(|j| agencies.knows(j, n));
    let mut out = TaskScan {
        source: source.to_owned(),
        jurisdiction: jurisdiction.map(str::to_owned),
        ..TaskScan::default()
    };
    let mut distinct = BTreeSet::new();
    let mut resolved = BTreeSet::new();
    for (i, line) in text.lines().enumerate() {
        let mut from = 0;
        while let Some((a, b)) = find_resp(&line[from..]) {
            let note_at = from + a;
            let note = &line[note_at..from + b];
            out.tasks += 1;
            // Columns counted forward once per note, not from the line start per name.
            let mut col = line[..note_at].chars().count() + 1;
            let mut at = 0;
            for n in note::parse(note, &known) {
                out.names += 1;
                col += note[at..n.offset].chars().count();
                at = n.offset;
                if known(&n.name) {
                    resolved.insert(n.name.clone());
                } else {
                    out.unknown.push(Unknown {
                        line: i + 1,
                        column: col,
                        name: n.name.clone(),
                    });
                }
                distinct.insert(n.name);
            }
            from += b;
        }
    }
    out.distinct = distinct.len();
    out.resolved = resolved.len();
    out
}

/// The agency catalogue of the site at `root` (empty when it has none or
/// it does not parse: `check` reports its problems).
pub fn site_agencies(root: &Path) -> Catalogue {
    let path = Path::new("content/agencies.yaml");
    let Ok(text) = std::fs::read_to_string(root.join(path)) else {
        return Catalogue::default();
    };
    let jurisdictions = std::fs::read_dir(root.join("content/jurisdictions"))
        .map(|d| {
            d.flatten()
                .filter_map(|e| {
                    let p = e.path();
                    if p.extension()? != "md" {
                        return None;
                    }
                    Some(JurisdictionId(p.file_stem()?.to_str()?.to_owned()))
                })
                .collect()
        })
        .unwrap_or_default();
    crate::tasks::catalogue::load(path, &text, &jurisdictions, &mut Diagnostics::new())
}

/// Reads and scans the file an import read (nothing when it cannot be
/// read: the import has said why).
pub fn scan_input(file: &Path, jurisdiction: Option<&str>, root: &Path) -> TaskScan {
    let text = std::fs::File::open(file)
        .ok()
        .and_then(|f| super::read::bounded(f, super::MAX_INPUT_BYTES).ok())
        .and_then(|b| super::decode::decode(&b).ok())
        .map(|(t, _)| t)
        .unwrap_or_default();
    scan(
        &text,
        &file.display().to_string(),
        jurisdiction,
        &site_agencies(root),
    )
}

/// Printed on stderr after the import's report: the counts, then each name
/// not in the catalogue at its `file:line:column`.
impl fmt::Display for TaskScan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.tasks == 0 {
            return Ok(());
        }
        let src = Printable(&self.source);
        writeln!(
            f,
            "{src}: note: {} task(s) with responsible-unit notes, naming {} agencies ({} distinct names, {} in content/agencies.yaml); the notes stay in the text, where build reads them into the task table, the agency pages and data/tasks.csv",
            self.tasks, self.names, self.distinct, self.resolved
        )?;
        let hint = match &self.jurisdiction {
            Some(j) => format!("add it to content/agencies.yaml under jurisdiction `{}` (as an agency, a group, or an alias of one)", Printable(j)),
            None => "pass --jurisdiction ID to resolve names within a jurisdiction, and add missing ones to content/agencies.yaml".to_owned(),
        };
        for u in &self.unknown {
            writeln!(
                f,
                "{src}:{}:{}: warning: agency “{}” is not in the agency catalogue\n  = hint: {hint}",
                u.line,
                u.column,
                Printable(&u.name)
            )?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Localized;
    use crate::tasks::{Agency, AgencyKind, AgencyLevel};

    fn catalogue() -> Catalogue {
        let a = |id: &str, zh: &str, aliases: &[&str], kind| Agency {
            id: id.into(),
            kind,
            jurisdiction: "changzhou".into(),
            level: Some(AgencyLevel::Municipal),
            name: Localized {
                zh: zh.into(),
                en: zh.into(),
            },
            aliases: aliases.iter().map(|s| s.to_string()).collect(),
        };
        Catalogue::from_agencies(vec![
            a(
                "ipo",
                "常州市知识产权局",
                &["市知识产权局"],
                AgencyKind::Agency,
            ),
            a("counties", "各辖市、区人民政府", &[], AgencyKind::Group),
        ])
    }

    #[test]
    fn a_sample_text_with_both_patterns() {
        let text = "一、重点任务\n推动成果转化。(责任单位:市知识产权局、市科技局,各辖市、区人民政府)\n（牵头部门：市知识产权局；配合部门：市财政局）\n";
        let s = scan(text, "in.txt", Some("changzhou"), &catalogue());
        assert_eq!((s.tasks, s.names, s.distinct, s.resolved), (2, 5, 4, 2));
        let at: Vec<(usize, usize, &str)> = s
            .unknown
            .iter()
            .map(|u| (u.line, u.column, u.name.as_str()))
            .collect();
        assert_eq!(at, vec![(2, 21, "市科技局"), (3, 19, "市财政局")]);
        for u in &s.unknown {
            let line = text.lines().nth(u.line - 1).unwrap();
            let col: String = line.chars().skip(u.column - 1).take(4).collect();
            assert_eq!(col, u.name);
        }
        let shown = s.to_string();
        assert!(shown.contains("in.txt: note: 2 task(s)"), "{shown}");
        assert!(
            shown.contains("in.txt:2:21: warning: agency “市科技局”"),
            "{shown}"
        );
    }

    #[test]
    fn without_a_jurisdiction_every_name_is_reported_with_the_way_to_resolve() {
        let s = scan("(责任单位:市知识产权局)\n", "in.txt", None, &catalogue());
        assert_eq!(s.unknown.len(), 1);
        assert!(s.to_string().contains("--jurisdiction"));
        assert!(scan("没有说明。\n", "in.txt", None, &catalogue())
            .to_string()
            .is_empty());
    }
}
