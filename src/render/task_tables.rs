//! `data/tasks.csv`/`.json` (one record per agency a task names) and
//! `data/agencies.csv`/`.json` (the agency catalogue with task counts),
//! with the columns of [`super::schema::TASK_FIELDS`] and
//! [`super::schema::AGENCY_FIELDS`]. CSV by the same rules as the other
//! tables; JSON as arrays of objects whose keys follow the same order,
//! with `null` where a CSV cell is empty.

use std::collections::BTreeMap;

use crate::model::{Lang, Site};
use crate::output::{Emit, OutFile};
use crate::tasks::Role;

use super::data::{header, push_row, Cell};
use super::schema::{names, AGENCY_FIELDS, TASK_FIELDS};
use super::spill::Spill;
use super::Route;

/// The task files.
pub const TASKS_CSV: &str = "data/tasks.csv";
/// The task records as JSON.
pub const TASKS_JSON: &str = "data/tasks.json";
/// The agency files.
pub const AGENCIES_CSV: &str = "data/agencies.csv";
/// The agencies as JSON.
pub const AGENCIES_JSON: &str = "data/agencies.json";

/// A value of a record.
enum Val {
    Text(String),
    Int(u64),
    Null,
}

fn opt(s: Option<String>) -> Val {
    s.map_or(Val::Null, Val::Text)
}

/// The four files, passed to `emit`.
pub fn emit(site: &Site, emit: &Emit<'_>) {
    // Task rows are written as they are made, a piece at a time: at
    // 100,000 plans the rows held at once took hundreds of megabytes.
    emit.put_with(TASKS_CSV, |w| {
        let mut out = Spill::new(w, header(&names(TASK_FIELDS)).as_bytes());
        let mut t = Table(String::new());
        task_rows(site, |row| {
            t.csv_row(&row);
            out.buf.extend_from_slice(t.0.as_bytes());
            t.0.clear();
            out.step();
        });
        out.finish()
    });
    emit.put_with(TASKS_JSON, |w| {
        let mut out = Spill::new(w, b"[");
        let mut t = Table(String::new());
        let mut first = true;
        task_rows(site, |row| {
            t.json_row(TASK_FIELDS, &row, first);
            first = false;
            out.buf.extend_from_slice(t.0.as_bytes());
            t.0.clear();
            out.step();
        });
        out.buf.extend_from_slice(b"\n]\n");
        out.finish()
    });
    let agencies = agency_rows(site);
    emit.put(OutFile {
        path: AGENCIES_CSV.into(),
        bytes: csv(AGENCY_FIELDS, &agencies),
    });
    emit.put(OutFile {
        path: AGENCIES_JSON.into(),
        bytes: json(AGENCY_FIELDS, &agencies),
    });
}

/// Each task row, in order, passed to `out`.
fn task_rows(site: &Site, mut out: impl FnMut(Vec<Val>)) {
    for p in &site.plans {
        let page = |lang| {
            format!(
                "{}{}",
                site.config.base_url,
                Route::Plan(p.slug.0.clone()).path(lang)
            )
        };
        let (zh, en) = (page(Lang::Zh), page(Lang::En));
        for t in &p.tasks {
            for a in &t.agencies {
                out(vec![
                    Val::Text(p.slug.0.clone()),
                    Val::Text(p.jurisdiction.0.clone()),
                    Val::Int(t.number as u64),
                    Val::Text(t.title.clone()),
                    opt(t.title_en.clone()),
                    Val::Text(a.role.key().to_owned()),
                    Val::Text(a.name.clone()),
                    opt(a.agency.clone()),
                    opt(t.due.as_ref().map(|d| d.iso())),
                    opt(t.due.as_ref().map(|d| d.basis.key().to_owned())),
                    Val::Text(format!("{zh}#{}", t.anchor)),
                    opt(t.anchor_en.as_ref().map(|a| format!("{en}#{a}"))),
                ]);
            }
        }
    }
}

fn agency_rows(site: &Site) -> Vec<Vec<Val>> {
    // (agency, role) → tasks, counted once per task.
    let mut counts: BTreeMap<(&str, Role), u64> = BTreeMap::new();
    for p in &site.plans {
        for t in &p.tasks {
            let mut seen: Vec<(&str, Role)> = t
                .agencies
                .iter()
                .filter_map(|a| Some((a.agency.as_deref()?, a.role)))
                .collect();
            seen.sort();
            seen.dedup();
            for k in seen {
                *counts.entry(k).or_default() += 1;
            }
        }
    }
    let count = |id: &str, r: Role| counts.get(&(id, r)).copied().unwrap_or(0);
    site.agencies
        .agencies
        .iter()
        .map(|a| {
            vec![
                Val::Text(a.id.clone()),
                Val::Text(a.kind.key().to_owned()),
                Val::Text(a.jurisdiction.0.clone()),
                opt(a.level.map(|l| l.key().to_owned())),
                Val::Text(a.name.zh.clone()),
                Val::Text(a.name.en.clone()),
                opt((!a.aliases.is_empty()).then(|| a.aliases.join("; "))),
                Val::Int(count(&a.id, Role::Lead)),
                Val::Int(count(&a.id, Role::Supporting)),
                Val::Int(count(&a.id, Role::Responsible)),
                Val::Text(format!(
                    "{}{}",
                    site.config.base_url,
                    Route::Agency(a.id.clone()).path(Lang::Zh)
                )),
            ]
        })
        .collect()
}

/// A CSV or JSON file written a row at a time.
struct Table(String);

impl Table {
    fn csv(fields: &[super::schema::Field]) -> Self {
        Table(header(&names(fields)))
    }

    fn csv_row(&mut self, r: &[Val]) {
        let cells: Vec<Cell<'_>> = r
            .iter()
            .map(|v| match v {
                Val::Text(t) => Cell::Text(t.as_str().into()),
                Val::Int(n) => Cell::Number(n.to_string()),
                Val::Null => Cell::Text("".into()),
            })
            .collect();
        push_row(&mut self.0, &cells);
    }

    /// Appends a JSON record, after a comma unless it is the `first`.
    fn json_row(&mut self, fields: &[super::schema::Field], r: &[Val], first: bool) {
        let b = &mut self.0;
        b.push_str(if first { "\n{" } else { ",\n{" });
        for (k, (f, v)) in fields.iter().zip(r).enumerate() {
            if k > 0 {
                b.push(',');
            }
            b.push_str(&serde_json::to_string(f.name).expect("a string"));
            b.push(':');
            match v {
                Val::Text(t) => b.push_str(&serde_json::to_string(t).expect("a string")),
                Val::Int(n) => b.push_str(&n.to_string()),
                Val::Null => b.push_str("null"),
            }
        }
        b.push('}');
    }
}

fn csv(fields: &[super::schema::Field], rows: &[Vec<Val>]) -> Vec<u8> {
    let mut t = Table::csv(fields);
    for r in rows {
        t.csv_row(r);
    }
    t.0.into_bytes()
}

fn json(fields: &[super::schema::Field], rows: &[Vec<Val>]) -> Vec<u8> {
    let mut t = Table(String::from("["));
    for (i, r) in rows.iter().enumerate() {
        t.json_row(fields, r, i == 0);
    }
    t.0.push_str("\n]\n");
    t.0.into_bytes()
}

/// The four files as data-package resources.
pub fn resources() -> Vec<super::datapackage::Resource> {
    use super::datapackage::Resource;
    use super::schema::Format;
    let s = |zh: &str, en: &str| [zh.to_owned(), en.to_owned()];
    const TASK_DOC: [&str; 2] = [
        "每条记录为一项任务点名的一个单位(点名五个单位的任务有五条记录),附职责、完成时限和原文段落的网址。",
        "One record per agency a task names (a task naming five agencies has five records), with the role, the deadline and the URL of the task's paragraph.",
    ];
    const AGENCY_DOC: [&str; 2] = [
        "机构目录:各规划点名的机构和机构群组,附名称、层级、规划中的简称和任务数。",
        "The agency catalogue: the agencies and groups the plans name, with names, level, the short forms the plans use and their task counts.",
    ];
    const TASK_KEYS: &[(&str, &str, &str)] = &[
        ("jurisdiction", "jurisdictions", "id"),
        ("agency", "agencies", "id"),
    ];
    const AGENCY_KEYS: &[(&str, &str, &str)] = &[("jurisdiction", "jurisdictions", "id")];
    vec![
        Resource {
            name: "tasks".into(),
            path: "tasks.csv".into(),
            format: Format::Csv,
            title: s(
                "任务与责任单位(CSV)",
                "Tasks and responsible agencies (CSV)",
            ),
            doc: TASK_DOC,
            fields: TASK_FIELDS.iter().collect(),
            primary_key: None,
            foreign_keys: TASK_KEYS,
        },
        Resource {
            name: "tasks-json".into(),
            path: "tasks.json".into(),
            format: Format::Json,
            title: s(
                "任务与责任单位(JSON)",
                "Tasks and responsible agencies (JSON)",
            ),
            doc: TASK_DOC,
            fields: TASK_FIELDS.iter().collect(),
            primary_key: None,
            foreign_keys: &[],
        },
        Resource {
            name: "agencies".into(),
            path: "agencies.csv".into(),
            format: Format::Csv,
            title: s("机构目录(CSV)", "Agencies (CSV)"),
            doc: AGENCY_DOC,
            fields: AGENCY_FIELDS.iter().collect(),
            primary_key: Some("id"),
            foreign_keys: AGENCY_KEYS,
        },
        Resource {
            name: "agencies-json".into(),
            path: "agencies.json".into(),
            format: Format::Json,
            title: s("机构目录(JSON)", "Agencies (JSON)"),
            doc: AGENCY_DOC,
            fields: AGENCY_FIELDS.iter().collect(),
            primary_key: Some("id"),
            foreign_keys: &[],
        },
    ]
}
