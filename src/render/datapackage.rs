//! `data/datapackage.json`: a Frictionless Data Package (v1,
//! `tabular-data-package`) describing every file under `data/` with a
//! Table Schema made from [`super::schema`], with the licence, a version,
//! the date of the newest content and a recommended citation.
//!
//! The version is this plansite's version with the date of the newest
//! content as build metadata (`0.1.0+20261121`): the newest of every
//! plan's issue, publication, source and retrieval dates. It is read from
//! the content, never from the clock, so the same input gives the same
//! bytes.

use serde::Serialize;
use serde_json::{json, Map, Value};

use crate::model::{Date, Lang, Site};
use crate::output::OutFile;

use super::cite::{gb_format, tex, GbParts};
use super::schema::{
    indicator_fields, lang_ix, Field, Format, CATALOGUE_FIELDS, JURISDICTION_FIELDS, PLAN_FIELDS,
    REPORTED_FIELDS, TOPIC_FIELDS,
};

/// Where the descriptor is written.
pub const PATH: &str = "data/datapackage.json";

/// One data file: where it is, what it holds, its fields.
#[derive(Debug)]
pub struct Resource {
    /// Resource name (lower case, unique).
    pub name: String,
    /// Path below `data/`.
    pub path: String,
    /// CSV or JSON.
    pub format: Format,
    /// Title, `[zh, en]`.
    pub title: [String; 2],
    /// Description, `[zh, en]`.
    pub doc: [&'static str; 2],
    /// Fields in order.
    pub fields: Vec<&'static Field>,
    /// The field each row is known by.
    pub primary_key: Option<&'static str>,
    /// `(field, resource, field)` references to other files.
    pub foreign_keys: &'static [(&'static str, &'static str, &'static str)],
}

const RECORD_DOC: [&str; 2] = [
    "每条记录为一部规划的一个指标数值,附推算增长率、每万人数值与可比组。",
    "One record per indicator value of each plan, with implied growth, per-10,000 figures and comparability group.",
];
const RECORD_KEYS: &[(&str, &str, &str)] = &[
    ("jurisdiction", "jurisdictions", "id"),
    ("indicator", "catalogue", "id"),
];

/// Every data file, sorted by path.
pub fn resources(site: &Site) -> Vec<Resource> {
    let csv = indicator_fields(Format::Csv);
    let s = |zh: &str, en: &str| [zh.to_owned(), en.to_owned()];
    let mut out = vec![
        Resource {
            name: "indicators".into(),
            path: "indicators.csv".into(),
            format: Format::Csv,
            title: s("全部指标数值(CSV)", "All indicator values (CSV)"),
            doc: RECORD_DOC,
            fields: csv.clone(),
            primary_key: None,
            foreign_keys: RECORD_KEYS,
        },
        Resource {
            name: "indicators-json".into(),
            path: "indicators.json".into(),
            format: Format::Json,
            title: s("全部指标数值(JSON)", "All indicator values (JSON)"),
            doc: RECORD_DOC,
            fields: indicator_fields(Format::Json),
            primary_key: None,
            foreign_keys: &[],
        },
        Resource {
            name: "plans".into(),
            path: "plans.json".into(),
            format: Format::Json,
            title: s("规划", "Plans"),
            doc: [
                "每部规划的元数据。",
                "Each plan's metadata.",
            ],
            fields: PLAN_FIELDS.iter().collect(),
            primary_key: Some("slug"),
            foreign_keys: &[],
        },
        Resource {
            name: "jurisdictions".into(),
            path: "jurisdictions.csv".into(),
            format: Format::Csv,
            title: s("地区", "Jurisdictions"),
            doc: [
                "地区的名称、层级、上级,以及每万人数值所用的人口(年份、来源)。",
                "Jurisdictions: names, level, parent, and the population used for per-10,000 figures (year, source).",
            ],
            fields: JURISDICTION_FIELDS.iter().collect(),
            primary_key: Some("id"),
            foreign_keys: &[],
        },
        Resource {
            name: "catalogue".into(),
            path: "catalogue.csv".into(),
            format: Format::Csv,
            title: s("指标目录", "Indicator catalogue"),
            doc: [
                "指标目录:名称、单位与基本单位、类别、计量类型、可比组。",
                "The indicator catalogue: names, unit and base unit, category, kind of measure, comparability group.",
            ],
            fields: CATALOGUE_FIELDS.iter().collect(),
            primary_key: Some("id"),
            foreign_keys: &[],
        },
        Resource {
            name: "topics".into(),
            path: "topics.csv".into(),
            format: Format::Csv,
            title: s("主题承诺", "Topic commitments"),
            doc: [
                "每部规划涉及的主题,附作出承诺的原文段落及其网址。",
                "Each plan's topics, with the passage making the commitment and its URL.",
            ],
            fields: TOPIC_FIELDS.iter().collect(),
            primary_key: None,
            foreign_keys: &[("jurisdiction", "jurisdictions", "id")],
        },
    ];
    // Reported values (and baselines, which are reported values too).
    for (name, path, format, title) in [
        (
            "reported",
            "reported.csv",
            Format::Csv,
            s("报告值(CSV)", "Reported values (CSV)"),
        ),
        (
            "reported-json",
            "reported.json",
            Format::Json,
            s("报告值(JSON)", "Reported values (JSON)"),
        ),
    ] {
        out.push(Resource {
            name: name.into(),
            path: path.into(),
            format,
            title,
            doc: [
                "每条记录为一部规划报告的一个已取得数值(reported),或一个目标的基期值(baseline),附年份或期间、原文限定词、出处段落或外部来源。",
                "One record per value a plan reports as achieved (reported) or per target baseline (baseline), with its year or period, the text's qualifier, and the passage or outside source it comes from.",
            ],
            fields: REPORTED_FIELDS.iter().collect(),
            primary_key: None,
            foreign_keys: if format == Format::Csv { RECORD_KEYS } else { &[] },
        });
    }
    for id in crate::compare::used_indicators(site) {
        let def = &site.indicators[id];
        out.push(Resource {
            name: format!("indicator-{id}"),
            path: format!("indicators/{id}.csv"),
            format: Format::Csv,
            title: [def.name.zh.clone(), def.name.en.clone()],
            doc: [
                "该指标的全部数值,字段同 indicators.csv。",
                "This indicator's values, with the fields of indicators.csv.",
            ],
            fields: csv.clone(),
            primary_key: None,
            foreign_keys: RECORD_KEYS,
        });
    }
    out.sort_by(|a, b| a.path.cmp(&b.path));
    out
}

/// The date of the newest content: the latest date any plan gives.
pub fn content_date(site: &Site) -> Option<Date> {
    site.plans
        .iter()
        .flat_map(|p| {
            [
                p.date_issued,
                p.date_published,
                p.source.retrieved,
                p.source.date,
            ]
        })
        .flatten()
        .max()
}

/// The data's version: plansite's, with the content date as build
/// metadata.
pub fn version(site: &Site) -> String {
    let v = env!("CARGO_PKG_VERSION");
    match content_date(site) {
        Some(d) => format!("{v}+{:04}{:02}{:02}", d.year, d.month, d.day),
        None => v.to_owned(),
    }
}

/// A licence known by its SPDX id: its title and URL.
pub fn licence_info(id: &str) -> Option<(&'static str, &'static str)> {
    Some(match id {
        "CC-BY-4.0" => (
            "Creative Commons Attribution 4.0",
            "https://creativecommons.org/licenses/by/4.0/",
        ),
        "CC-BY-SA-4.0" => (
            "Creative Commons Attribution-ShareAlike 4.0",
            "https://creativecommons.org/licenses/by-sa/4.0/",
        ),
        "CC0-1.0" => (
            "CC0 1.0 Universal",
            "https://creativecommons.org/publicdomain/zero/1.0/",
        ),
        "ODC-By-1.0" => (
            "Open Data Commons Attribution License 1.0",
            "https://opendatacommons.org/licenses/by/1-0/",
        ),
        "ODbL-1.0" => (
            "Open Data Commons Open Database License 1.0",
            "https://opendatacommons.org/licenses/odbl/1-0/",
        ),
        "PDDL-1.0" => (
            "Open Data Commons Public Domain Dedication and License 1.0",
            "https://opendatacommons.org/licenses/pddl/1-0/",
        ),
        _ => return None,
    })
}

/// The URL of the data page in `lang`.
fn data_url(site: &Site, lang: Lang) -> String {
    format!("{}{}", site.config.base_url, super::Route::Data.path(lang))
}

/// GB/T 7714—2015 citation of the dataset, with its version and date.
pub fn citation(site: &Site, lang: Lang) -> String {
    let v = version(site);
    let other = match lang {
        Lang::Zh => format!("开放数据, 版本{v}"),
        Lang::En => format!("open data, version {v}"),
    };
    gb_format(&GbParts {
        creators: std::slice::from_ref(site.config.publisher.get(lang)),
        title: site.config.title.get(lang),
        other: Some(&other),
        kind: "DB/OL",
        date: content_date(site).map(|d| d.to_string()),
        estimated_year: None,
        url: &data_url(site, lang),
        lang,
    })
}

/// BibTeX entry for the dataset.
pub fn bibtex(site: &Site) -> String {
    let mut s = String::from("@misc{plansite_data,\n");
    let mut field = |k: &str, v: &str| s.push_str(&format!("  {k} = {{{v}}},\n"));
    field("author", &format!("{{{}}}", tex(&site.config.publisher.en)));
    field(
        "title",
        &tex(&format!("{}: open data", site.config.title.en)),
    );
    field("version", &version(site));
    if let Some(d) = content_date(site) {
        field("date", &d.to_string());
        field("year", &d.year.to_string());
    }
    field("url", &data_url(site, Lang::En));
    field("note", "Dataset; described in data/datapackage.json");
    s.push_str("}\n");
    s
}

/// RIS record for the dataset (`TY  - DATA`), lines ending in CR LF.
pub fn ris(site: &Site) -> String {
    let mut s = String::new();
    let mut tag = |t: &str, v: &str| s.push_str(&format!("{t}  - {v}\r\n"));
    tag("TY", "DATA");
    tag("AU", &site.config.publisher.en);
    tag("TI", &format!("{}: open data", site.config.title.en));
    tag("ET", &version(site));
    if let Some(d) = content_date(site) {
        tag("PY", &d.year.to_string());
        tag("DA", &format!("{:04}/{:02}/{:02}/", d.year, d.month, d.day));
    }
    tag("UR", &data_url(site, Lang::En));
    tag("ER", "");
    s
}

fn field_json(f: &Field, format: Format) -> Value {
    let mut m = Map::new();
    m.insert("name".into(), f.name.into());
    m.insert("type".into(), f.kind.key().into());
    if f.uri {
        m.insert("format".into(), "uri".into());
    }
    m.insert("description".into(), f.doc(Lang::En).into());
    m.insert("description_zh".into(), f.doc(Lang::Zh).into());
    if let Some(u) = f.unit {
        m.insert("unit".into(), u[lang_ix(Lang::En)].into());
        m.insert("unit_zh".into(), u[lang_ix(Lang::Zh)].into());
    }
    let mut c = Map::new();
    if f.required {
        c.insert("required".into(), true.into());
    }
    if let Some(a) = f.allowed {
        c.insert("enum".into(), a.values(format).into());
    }
    if !c.is_empty() {
        m.insert("constraints".into(), c.into());
    }
    m.into()
}

#[derive(Serialize)]
struct Licence {
    name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    path: Option<&'static str>,
}

/// `data/datapackage.json`.
pub fn file(site: &Site) -> OutFile {
    let c = &site.config;
    let resources: Vec<Value> = resources(site)
        .iter()
        .map(|r| {
            let mut schema = json!({
                "fields": r.fields.iter().map(|f| field_json(f, r.format)).collect::<Vec<_>>(),
                "missingValues": [""],
            });
            if let Some(k) = r.primary_key {
                schema["primaryKey"] = json!([k]);
            }
            if !r.foreign_keys.is_empty() {
                schema["foreignKeys"] = r
                    .foreign_keys
                    .iter()
                    .map(|(f, res, key)| json!({"fields": [f], "reference": {"resource": res, "fields": [key]}}))
                    .collect();
            }
            let (format, mediatype) = match r.format {
                Format::Csv => ("csv", "text/csv"),
                Format::Json => ("json", "application/json"),
            };
            json!({
                "profile": "tabular-data-resource",
                "name": r.name,
                "path": r.path,
                "title": r.title[1],
                "title_zh": r.title[0],
                "description": r.doc[1],
                "description_zh": r.doc[0],
                "format": format,
                "mediatype": mediatype,
                "encoding": "utf-8",
                "schema": schema,
            })
        })
        .collect();
    let mut d = json!({
        "profile": "tabular-data-package",
        "name": "plansite-data",
        "title": format!("{}: open data", c.title.en),
        "title_zh": format!("{}:开放数据", c.title.zh),
        "description": c.description.en,
        "description_zh": c.description.zh,
        "homepage": data_url(site, Lang::En),
        "version": version(site),
        "contributors": [{"title": c.publisher.en, "role": "publisher"}],
        "citation": {
            "gb7714": citation(site, Lang::Zh),
            "gb7714_en": citation(site, Lang::En),
            "bibtex": bibtex(site),
            "ris": ris(site),
        },
        "resources": resources,
    });
    if let Some(date) = content_date(site) {
        d["created"] = format!("{date}T00:00:00Z").into();
        d["last_updated"] = date.to_string().into();
    }
    if let Some(id) = &c.licence {
        let info = licence_info(id);
        d["licenses"] = json!([Licence {
            name: id.clone(),
            title: info.map(|i| i.0),
            path: info.map(|i| i.1),
        }]);
    }
    let mut bytes = serde_json::to_vec_pretty(&d).expect("serializable");
    bytes.push(b'\n');
    OutFile {
        path: PATH.into(),
        bytes,
    }
}
