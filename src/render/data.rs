//! Open data: `data/indicators.{csv,json}`, `data/plans.json` and one CSV
//! per indicator; beside them the reference tables ([`super::tables`]) and
//! `data/datapackage.json` ([`super::datapackage`]). CSV is UTF-8 with a BOM so Excel shows Chinese correctly.

use std::borrow::Cow;
use std::collections::HashMap;

use rayon::prelude::*;
use serde::Serialize;

use std::io::{self, Write};

use crate::compare::Record;
use crate::model::{IndicatorId, Lang, Site};
use crate::output::{Emit, Memory, OutFile};
use crate::render::Route;

use super::spill::Spill;

use super::schema::INDICATOR_CSV as COLUMNS;

pub(super) fn passage_url(site: &Site, r: &Record<'_>) -> String {
    format!(
        "{}{}#{}",
        site.config.base_url,
        Route::Plan(r.plan.to_owned()).path(Lang::Zh),
        r.anchor
    )
}

/// Every data file, sorted by path.
pub fn files(site: &Site, records: &[Record<'_>]) -> Vec<OutFile> {
    let sink = Memory::default();
    let emit = Emit::new(&sink, false);
    each_file(site, records, &emit);
    emit.finish().expect("memory takes every file");
    sink.into_files()
}

/// The same files as [`files`], each passed to `put` as soon as it is
/// made. They are made in parallel, the two largest (every record as JSON
/// and as CSV: 96 and 45 MB at 10,000 plans) on threads of their own, and
/// the large ones written into `emit` a piece at a time.
pub fn each_file(site: &Site, records: &[Record<'_>], emit: &Emit<'_>) {
    let put = |f| emit.put(f);
    rayon::join(
        || emit.put_with("data/indicators.json", |w| records_json(w, site, records)),
        || {
            rayon::join(
                || emit.put_with("data/indicators.csv", |w| csv_to(w, site, records.iter())),
                || {
                    put(OutFile {
                        path: "data/plans.json".into(),
                        bytes: json(&plans(site)),
                    });
                    for f in super::tables::files(site) {
                        put(f);
                    }
                    super::task_tables::emit(site, emit);
                    super::reported_data::emit(site, emit);
                    put(super::datapackage::file(site));
                    per_indicator(site, records, &put);
                },
            )
        },
    );
}

/// `data/indicators/<id>.csv` for each indicator some plan sets, in
/// parallel.
fn per_indicator(site: &Site, records: &[Record<'_>], put: &(impl Fn(OutFile) + Sync)) {
    let mut by_indicator: HashMap<&str, Vec<&Record<'_>>> = HashMap::new();
    for r in records {
        by_indicator.entry(r.indicator).or_default().push(r);
    }
    let of: Vec<(&IndicatorId, Vec<&Record<'_>>)> = site
        .indicators
        .keys()
        .filter_map(|id| Some((id, by_indicator.remove(id.as_str())?)))
        .collect();
    of.into_par_iter().for_each(|(id, of)| {
        // Each chart of the indicator's page as SVG and CSV, beside it.
        let def = &site.indicators[id];
        for lang in [Lang::Zh, Lang::En] {
            let folder = Route::Indicator(id.0.clone()).path(lang);
            for c in super::chart::charts(site, def, &of, lang) {
                put(OutFile {
                    path: format!("{folder}{}", c.svg_file.0),
                    bytes: c.svg_file.1.into_bytes(),
                });
                put(OutFile {
                    path: format!("{folder}{}", c.csv_file.0),
                    bytes: c.csv_file.1,
                });
            }
        }
        put(OutFile {
            path: format!("data/indicators/{id}.csv"),
            bytes: csv(site, of.into_iter()),
        })
    });
}

/// `data/indicators.json`: each record with its passage's URL as a last
/// field, one per line. The URL is spliced in before the record's closing
/// brace: serde's `flatten` would buffer each record's every field first.
fn records_json(w: &mut dyn Write, site: &Site, records: &[Record<'_>]) -> io::Result<()> {
    let mut out = Spill::new(w, b"[");
    for (i, r) in records.iter().enumerate() {
        let b = &mut out.buf;
        b.extend_from_slice(if i == 0 { b"\n" } else { b",\n" });
        serde_json::to_writer(&mut *b, r).expect("serializable");
        let brace = b.pop();
        debug_assert_eq!(brace, Some(b'}'), "a record is a JSON object with fields");
        b.extend_from_slice(b",\"url\":");
        serde_json::to_writer(&mut *b, &passage_url(site, r)).expect("serializable");
        b.push(b'}');
        out.step();
    }
    out.buf.extend_from_slice(b"\n]\n");
    out.finish()
}

/// A JSON array with one record per line: compact to download, and a
/// changed figure is a one-line change in a diff.
fn json<T: Serialize>(v: &[T]) -> Vec<u8> {
    json_lines(v, |b, x| {
        serde_json::to_writer(b, x).expect("serializable");
    })
}

/// A JSON array of `items`, one per line, each written by `each`.
fn json_lines<T>(items: &[T], each: impl Fn(&mut Vec<u8>, &T)) -> Vec<u8> {
    let mut b = Vec::with_capacity(items.len() * 256);
    b.push(b'[');
    for (i, x) in items.iter().enumerate() {
        b.extend_from_slice(if i == 0 { b"\n" } else { b",\n" });
        each(&mut b, x);
    }
    b.extend_from_slice(b"\n]\n");
    b
}

/// CSV text of records (RFC 4180 quoting), UTF-8 with BOM. Text cells are
/// neutralised against spreadsheet formulas (a leading `'`); numbers are
/// written as numbers.
pub fn csv<'a>(site: &Site, records: impl Iterator<Item = &'a Record<'a>>) -> Vec<u8> {
    let mut out = Vec::new();
    csv_to(&mut out, site, records).expect("writing to memory");
    out
}

/// [`csv`], written into `w` a piece at a time.
fn csv_to<'a>(
    w: &mut dyn Write,
    site: &Site,
    records: impl Iterator<Item = &'a Record<'a>>,
) -> io::Result<()> {
    let mut out = Spill::new(w, header(COLUMNS).as_bytes());
    let mut s = String::new();
    let num = |x: Option<f64>| Cell::Number(x.map(|v| format!("{v}")).unwrap_or_default());
    let rate = |x: Option<f64>| Cell::Number(x.map(|v| format!("{v:.6}")).unwrap_or_default());
    let int = |x: Option<u64>| Cell::Number(x.map(|v| v.to_string()).unwrap_or_default());
    let text = |x: Option<&'a str>| Cell::Text(x.unwrap_or_default().into());
    for r in records {
        let cells = [
            Cell::Text(r.plan.into()),
            Cell::Text(r.jurisdiction.into()),
            Cell::Text(r.indicator.into()),
            Cell::Text(r.label_zh.into()),
            Cell::Text(r.name_en.into()),
            Cell::Text(r.unit.into()),
            int(r.baseline_year.map(u64::from)),
            num(r.baseline),
            int(r.target_year.map(u64::from)),
            num(r.target),
            text(r.comparator),
            text(r.comparator_symbol),
            text(r.attribute),
            Cell::Text(r.cumulative.to_string().into()),
            rate(r.implied_cagr),
            rate(r.stated_cagr),
            Cell::Text(
                r.basis_agrees
                    .map(|b| b.to_string())
                    .unwrap_or_default()
                    .into(),
            ),
            text(r.basis),
            rate(r.target_per_10k),
            rate(r.baseline_per_10k),
            text(r.group),
            Cell::Text(r.kind.into()),
            Cell::Text(r.category.into()),
            int(r.population),
            Cell::Text(r.source_location.as_str().into()),
            Cell::Text(r.passage.into()),
            Cell::Text(passage_url(site, r).into()),
            num(r.target_min),
            num(r.target_max),
            text(r.note),
            Cell::Text(r.unit_printed.into()),
            Cell::Text(r.baseline_printed.as_deref().unwrap_or_default().into()),
            Cell::Text(r.target_printed.as_deref().unwrap_or_default().into()),
            num(Some(r.scale)),
            Cell::Text(r.unit_base.into()),
            num(r.baseline_base),
            num(r.target_base),
        ];
        push_row(&mut s, &cells);
        out.buf.extend_from_slice(s.as_bytes());
        s.clear();
        out.step();
    }
    out.finish()
}

/// A CSV file's start: the BOM (for Excel) and the header row.
pub(super) fn header(columns: &[&str]) -> String {
    let mut s = String::from("\u{feff}");
    s.push_str(&columns.join(","));
    s.push_str("\r\n");
    s
}

/// Appends one CSV row of `cells`, ended by CR LF.
pub(super) fn push_row(s: &mut String, cells: &[Cell<'_>]) {
    for (i, c) in cells.iter().enumerate() {
        if i > 0 {
            s.push(',');
        }
        match c {
            Cell::Text(t) => push_text(s, t),
            Cell::Number(n) => s.push_str(n),
        }
    }
    s.push_str("\r\n");
}

/// One CSV cell: text, which a spreadsheet must never evaluate, or a
/// number, written as it is (a negative number stays a number).
pub(super) enum Cell<'a> {
    Text(Cow<'a, str>),
    Number(String),
}

/// Characters that make Excel, LibreOffice or Google Sheets read a cell as
/// a formula (or, for tab and carriage return, hide one).
const FORMULA_START: &[char] = &['=', '+', '-', '@', '\t', '\r'];

/// Appends text cell `c`: a cell that begins with a formula character gets
/// a leading `'` (the usual defence: spreadsheets show the text, and the
/// `'` marks it as text), then RFC 4180 quoting where needed.
fn push_text(s: &mut String, c: &str) {
    let quoted = c.contains([',', '"', '\n', '\r']);
    if quoted {
        s.push('"');
    }
    if c.starts_with(FORMULA_START) {
        s.push('\'');
    }
    if quoted {
        s.push_str(&c.replace('"', "\"\""));
        s.push('"');
    } else {
        s.push_str(c);
    }
}

#[derive(Serialize)]
struct PlanRecord<'a> {
    slug: &'a str,
    jurisdiction: &'a str,
    title_zh: &'a str,
    title_en: Option<&'a str>,
    url_zh: String,
    url_en: String,
    doc_type: &'static str,
    issuers: &'a [String],
    doc_number: Option<&'a str>,
    date_issued: Option<String>,
    date_published: Option<String>,
    period_start: Option<u16>,
    period_end: Option<u16>,
    source: &'a str,
    source_url: Option<&'a str>,
    source_date: Option<String>,
    script: &'static str,
    topics: Vec<&'a str>,
    indicators: usize,
    translated: bool,
    status: &'static str,
    status_as_of: Option<String>,
    relations: &'a [crate::model::relations::Relation],
}

fn plans(site: &Site) -> Vec<PlanRecord<'_>> {
    site.plans
        .iter()
        .map(|p| PlanRecord {
            slug: p.slug.as_str(),
            jurisdiction: p.jurisdiction.as_str(),
            title_zh: &p.title,
            title_en: p.translation.as_ref().map(|t| t.title.as_str()),
            url_zh: format!(
                "{}{}",
                site.config.base_url,
                Route::Plan(p.slug.0.clone()).path(Lang::Zh)
            ),
            url_en: format!(
                "{}{}",
                site.config.base_url,
                Route::Plan(p.slug.0.clone()).path(Lang::En)
            ),
            doc_type: p.doc_type.key(),
            issuers: &p.issuers,
            doc_number: p.doc_number.as_deref(),
            date_issued: p.date_issued.map(|d| d.to_string()),
            date_published: p.date_published.map(|d| d.to_string()),
            period_start: p.period.map(|x| x.start),
            period_end: p.period.map(|x| x.end),
            source: &p.source.description,
            source_url: p.source.url.as_deref(),
            source_date: p.source.date.map(|d| d.to_string()),
            script: p.script.key(),
            topics: p.topics.iter().map(|t| t.id.as_str()).collect(),
            indicators: p.indicators.len(),
            translated: p.translation.is_some(),
            status: site.relations.status(p.slug.as_str()).status.key(),
            status_as_of: site.relations.as_of.map(|d| d.to_string()),
            relations: &p.relations,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn text(c: &str) -> String {
        let mut s = String::new();
        push_text(&mut s, c);
        s
    }

    #[test]
    fn formula_cells_become_text() {
        assert_eq!(text("=1+1"), "'=1+1");
        assert_eq!(text("+1"), "'+1");
        assert_eq!(text("-1"), "'-1");
        assert_eq!(text("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(text("\tx"), "'\tx");
        assert_eq!(text("\rx"), "\"'\rx\"");
        assert_eq!(
            text("=HYPERLINK(\"http://x\",\"a\")"),
            "\"'=HYPERLINK(\"\"http://x\"\",\"\"a\"\")\""
        );
        assert_eq!(
            text("专利 = 5"),
            "专利 = 5",
            "only the first character counts"
        );
        assert_eq!(text(""), "");
    }

    #[test]
    fn comparator_words_are_plain_and_distinct() {
        let words: std::collections::BTreeSet<&str> = crate::model::Comparator::ALL
            .iter()
            .map(|c| crate::compare::comparator_word(*c))
            .collect();
        assert_eq!(words.len(), crate::model::Comparator::ALL.len());
        assert!(words
            .iter()
            .all(|w| w.chars().all(|c| c.is_ascii_lowercase())));
    }

    #[test]
    fn hostile_label_is_text_and_negative_number_stays_a_number() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let (files, _) = crate::load::read_site(root).expect("bundled site loads");
        let site = crate::model::build(files).expect("bundled site is valid").0;
        let records = crate::compare::records(&site);
        let mut r = records
            .iter()
            .find(|r| r.comparator == Some("eq"))
            .expect("a target reached exactly")
            .clone();
        r.label_zh = "=HYPERLINK(\"http://evil\",\"x\")";
        r.baseline = Some(-3.5);
        let bytes = csv(&site, std::iter::once(&r));
        let mut rdr = ::csv::Reader::from_reader(&bytes[3..]);
        let headers = rdr.headers().expect("headers").clone();
        let row = rdr.records().next().expect("a row").expect("valid CSV");
        let ix = |f: &str| headers.iter().position(|h| h == f).expect(f);
        assert_eq!(&row[ix("label_zh")], "'=HYPERLINK(\"http://evil\",\"x\")");
        assert_eq!(&row[ix("baseline")], "-3.5");
        assert_eq!(&row[ix("comparator")], "eq");
        assert_eq!(
            &row[ix("comparator_symbol")],
            "'=",
            "the symbol is text like any other"
        );
        assert!(
            row.iter()
                .all(|c| !c.starts_with(FORMULA_START) || c == "-3.5"),
            "{row:?}"
        );
    }
}
