//! `data/reported.csv` and `data/reported.json`: one record per reported
//! value of every plan — its `reported:` entries, and its baselines (a
//! baseline is a reported value a target builds on, role `baseline`) —
//! with the fields of [`super::schema::REPORTED_FIELDS`], in that order.

use serde_json::Value;

use crate::model::{Lang, Origin, Plan, Site, Unit, When};
use crate::output::Emit;

use super::data::{header, push_row, Cell};
use super::schema::{names, Type, REPORTED_FIELDS};
use super::spill::Spill;
use super::Route;

/// The CSV file's path.
pub const CSV: &str = "data/reported.csv";
/// The JSON file's path.
pub const JSON: &str = "data/reported.json";

/// One record: a value for each field of [`REPORTED_FIELDS`], in order
/// (`Null` where empty).
/// Each record of the files, in order, passed to `out` one at a time: at
/// 100,000 plans the records held at once took over a gigabyte.
fn records(site: &Site, mut out: impl FnMut(Vec<Value>)) {
    for p in &site.plans {
        let page = format!(
            "{}{}",
            site.config.base_url,
            Route::Plan(p.slug.0.clone()).path(Lang::Zh)
        );
        for e in &p.indicators {
            let Some(b) = e.baseline else { continue };
            let name_en = site
                .indicators
                .get(&e.id)
                .map(|d| d.name.en.as_str())
                .unwrap_or_default();
            out(record(Rec {
                plan: p,
                indicator: e.id.as_str(),
                label: &e.label,
                name_en,
                role: "baseline",
                value: b.value,
                unit: &e.unit,
                when: When::Year(b.year),
                passage: Some(&e.passage),
                url: Some(format!("{page}#{}", e.anchor)),
                reported: None,
            }));
        }
        for r in &p.reported {
            let name_en = site
                .indicators
                .get(&r.id)
                .map(|d| d.name.en.as_str())
                .unwrap_or_default();
            let (passage, url) = match &r.origin {
                Origin::Passage { text, anchor } => {
                    (Some(text.as_str()), Some(format!("{page}#{anchor}")))
                }
                Origin::Source(_) => (None, None),
            };
            out(record(Rec {
                plan: p,
                indicator: r.id.as_str(),
                label: &r.label,
                name_en,
                role: "reported",
                value: r.value,
                unit: &r.unit,
                when: r.when,
                passage,
                url,
                reported: Some(r),
            }));
        }
    }
}

struct Rec<'a> {
    plan: &'a Plan,
    indicator: &'a str,
    label: &'a str,
    name_en: &'a str,
    role: &'static str,
    value: f64,
    unit: &'a Unit,
    when: When,
    passage: Option<&'a str>,
    url: Option<String>,
    reported: Option<&'a crate::model::ReportedValue>,
}

fn s(x: Option<&str>) -> Value {
    x.filter(|x| !x.is_empty())
        .map_or(Value::Null, |x| Value::String(x.to_owned()))
}

fn n(x: Option<f64>) -> Value {
    x.and_then(serde_json::Number::from_f64)
        .map_or(Value::Null, Value::Number)
}

fn i(x: Option<u16>) -> Value {
    x.map_or(Value::Null, |x| Value::Number(x.into()))
}

fn record(r: Rec<'_>) -> Vec<Value> {
    let (year, start, end) = match r.when {
        When::Year(y) => (Some(y), None, None),
        When::Period { start, end } => (None, Some(start), Some(end)),
    };
    let rep = r.reported;
    let m = rep.and_then(|x| x.multiple.as_ref());
    let src = rep.and_then(|x| match &x.origin {
        Origin::Source(s) => Some(s),
        Origin::Passage { .. } => None,
    });
    vec![
        s(Some(r.plan.slug.as_str())),
        s(Some(r.plan.jurisdiction.as_str())),
        s(Some(r.indicator)),
        s(Some(r.label)),
        s(Some(r.name_en)),
        s(Some(r.role)),
        n(Some(r.value)),
        s(Some(&r.unit.printed)),
        i(year),
        i(start),
        i(end),
        s(rep.and_then(|x| x.qualifier).map(|q| q.key())),
        n(m.map(|m| m.value)),
        s(m.map(|m| m.of_zh.as_str())),
        s(m.and_then(|m| m.of_en.as_deref())),
        s(rep.and_then(|x| x.note_zh.as_deref())),
        s(rep.and_then(|x| x.note_en.as_deref())),
        s(r.passage),
        s(r.url.as_deref()),
        s(src.map(|x| x.title.as_str())),
        s(src.and_then(|x| x.issuer.as_deref())),
        s(src.and_then(|x| x.date).map(|d| d.to_string()).as_deref()),
        s(src.and_then(|x| x.url.as_deref())),
        n(Some(r.unit.scale)),
        s(Some(&r.unit.base)),
        n(Some(r.value * r.unit.scale)),
    ]
}

/// The two files, each written into `emit` a piece at a time, from the
/// records made one at a time.
pub fn emit(site: &Site, emit: &Emit<'_>) {
    emit.put_with(CSV, |w| {
        let mut out = Spill::new(w, header(&names(REPORTED_FIELDS)).as_bytes());
        let mut row = String::new();
        records(site, |rec| {
            let cells: Vec<Cell<'_>> = rec
                .iter()
                .zip(REPORTED_FIELDS)
                .map(|(v, f)| {
                    let text = match v {
                        Value::Null => String::new(),
                        Value::String(x) => x.clone(),
                        // As the other tables write numbers: `3040`, `2.04`.
                        Value::Number(x) => x.as_u64().map_or_else(
                            || format!("{}", x.as_f64().unwrap_or_default()),
                            |u| u.to_string(),
                        ),
                        other => other.to_string(),
                    };
                    match f.kind {
                        Type::Number | Type::Integer => Cell::Number(text),
                        _ => Cell::Text(text.into()),
                    }
                })
                .collect();
            push_row(&mut row, &cells);
            out.buf.extend_from_slice(row.as_bytes());
            row.clear();
            out.step();
        });
        out.finish()
    });
    emit.put_with(JSON, |w| {
        let mut out = Spill::new(w, b"[");
        let mut first = true;
        records(site, |rec| {
            let json = &mut out.buf;
            if !first {
                json.push(b',');
            }
            first = false;
            json.extend_from_slice(b"\n{");
            for (j, (v, f)) in rec.iter().zip(REPORTED_FIELDS).enumerate() {
                if j > 0 {
                    json.push(b',');
                }
                json.extend_from_slice(Value::String(f.name.to_owned()).to_string().as_bytes());
                json.push(b':');
                json.extend_from_slice(v.to_string().as_bytes());
            }
            json.push(b'}');
            out.step();
        });
        out.buf.extend_from_slice(b"\n]\n");
        out.finish()
    });
}
