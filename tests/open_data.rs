//! What researchers take away from the bundled site: each plan's citations
//! (GB/T 7714—2015 on its pages, `cite.bib`, `cite.ris`) and the data
//! package describing every file under `data/`.

use std::fs;

mod common;
use common::built_bundled as built;
use common::page::Page;

fn read(path: &str) -> String {
    String::from_utf8(fs::read(built().join(path)).unwrap_or_else(|e| panic!("{path}: {e}")))
        .unwrap()
}

/// The GB/T 7714 citation shown on a page.
fn gb_on_page(page: &str) -> String {
    Page::read(built().join(page))
        .text("p.citation")
        .expect("a citation")
}

/// One plan with a 文号 and two issuers (Baotou), one without a 文号
/// (Gansu), one with nine issuers (the Northeast): every format.
#[test]
fn citations_of_bundled_plans() {
    for slug in [
        "baotou-ip-plan-2021",
        "gansu-ip-port-opinions-2020",
        "northeast-ip-strategy-opinions-2017",
    ] {
        let all = format!(
            "GB/T 7714 (zh):\n{}\n\nGB/T 7714 (en):\n{}\n\ncite.bib:\n{}\ncite.ris:\n{}",
            gb_on_page(&format!("plans/{slug}/index.html")),
            gb_on_page(&format!("en/plans/{slug}/index.html")),
            read(&format!("plans/{slug}/cite.bib")),
            read(&format!("plans/{slug}/cite.ris")).replace("\r\n", "\n"),
        );
        insta::assert_snapshot!(format!("cite_{slug}"), all);
    }
}

/// A JSON object's keys, in the order written.
struct Keys(Vec<String>);

impl<'de> serde::Deserialize<'de> for Keys {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Keys, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Keys;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut m: A) -> Result<Keys, A::Error> {
                let mut keys = Vec::new();
                while let Some((k, _)) = m.next_entry::<String, serde::de::IgnoredAny>()? {
                    keys.push(k);
                }
                Ok(Keys(keys))
            }
        }
        d.deserialize_map(V)
    }
}

fn package() -> serde_json::Value {
    serde_json::from_str(&read("data/datapackage.json")).expect("datapackage.json is JSON")
}

/// The resource of `package` that describes the file at `path`.
fn resource<'a>(package: &'a serde_json::Value, path: &str) -> &'a serde_json::Value {
    package["resources"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["path"] == path)
        .unwrap_or_else(|| panic!("{path} is described by the package"))
}

/// The field `name` of a resource's Table Schema.
fn field<'a>(resource: &'a serde_json::Value, name: &str) -> &'a serde_json::Value {
    resource["schema"]["fields"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["name"] == name)
        .unwrap_or_else(|| panic!("field {name}"))
}

/// Every file under `data/` (but the data page) is a resource of the
/// package, and every resource is a file.
#[test]
fn datapackage_lists_every_data_file() {
    let data = built().join("data");
    let mut files: Vec<String> = walkdir::WalkDir::new(&data)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(&data).unwrap();
            rel.to_string_lossy().replace('\\', "/")
        })
        .filter(|p| p != "index.html" && p != "datapackage.json")
        .collect();
    files.sort();
    let p = package();
    let mut paths: Vec<String> = p["resources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["path"].as_str().unwrap().to_owned())
        .collect();
    paths.sort();
    assert_eq!(paths, files);
    assert_eq!(p["profile"], "tabular-data-package");
    assert_eq!(p["licenses"][0]["name"], "CC-BY-4.0", "from site.yaml");
    let version = p["version"].as_str().unwrap();
    assert_eq!(
        version,
        format!("{}+20261121", env!("CARGO_PKG_VERSION")),
        "the newest content date, not the clock"
    );
    assert_eq!(p["last_updated"], "2026-11-21");
    let cite = p["citation"]["gb7714"].as_str().unwrap();
    assert!(
        cite.contains(version) && cite.contains("(2026-11-21)[引用日期]"),
        "{cite}"
    );
}

/// Each CSV's header and each JSON record's keys are its schema's fields,
/// in order; numeric columns carry units and closed columns their values.
#[test]
fn each_file_matches_its_schema() {
    let p = package();
    for r in p["resources"].as_array().unwrap() {
        let path = r["path"].as_str().unwrap();
        let fields: Vec<&str> = r["schema"]["fields"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["name"].as_str().unwrap())
            .collect();
        let text = read(&format!("data/{path}"));
        let names: Vec<String> = match r["format"].as_str().unwrap() {
            "csv" => {
                let body = text
                    .strip_prefix('\u{feff}')
                    .expect("CSV starts with a BOM");
                let header = body.split("\r\n").next().unwrap();
                header.split(',').map(str::to_owned).collect()
            }
            "json" => {
                let rows: Vec<Keys> = serde_json::from_str(&text).unwrap();
                for row in &rows[1..] {
                    assert_eq!(row.0, rows[0].0, "{path}");
                }
                rows[0].0.clone()
            }
            f => panic!("{path}: format {f}"),
        };
        assert_eq!(names, fields, "{path}");
        assert_eq!(
            r["schema"]["missingValues"],
            serde_json::json!([""]),
            "{path}"
        );
        for f in r["schema"]["fields"].as_array().unwrap() {
            assert!(f["description"].is_string() && f["description_zh"].is_string());
        }
    }
    let indicators = resource(&p, "indicators.csv");
    let field = |n: &str| field(indicators, n);
    assert!(field("target_per_10k")["unit"]
        .as_str()
        .unwrap()
        .contains("per 10,000 people"));
    assert_eq!(
        field("comparator")["constraints"]["enum"],
        serde_json::json!(["eq", "ge", "le", "approx", "range"])
    );
    assert_eq!(
        field("attribute")["constraints"]["enum"],
        serde_json::json!(["expected", "binding"])
    );
}

/// The data page shows the same fields, the version and the dataset's
/// citation, in both languages.
#[test]
fn data_page_is_made_from_the_schema() {
    let zh = read("data/index.html");
    let en = read("en/data/index.html");
    for page in [&zh, &en] {
        for f in [
            "jurisdictions.csv",
            "catalogue.csv",
            "topics.csv",
            "datapackage.json",
        ] {
            assert!(page.contains(f), "{f}");
        }
        assert!(Page::parse(page)
            .texts("code")
            .contains(&"target_per_10k".to_owned()));
        assert!(page.contains("eq, ge, le, approx, range"));
        assert!(page.contains(&format!("{}+20261121", env!("CARGO_PKG_VERSION"))));
        assert!(page.contains("[DB/OL]. (2026-11-21)"));
    }
    assert!(zh.contains("[引用日期]") && en.contains("[cited YYYY-MM-DD]"));
    assert!(en.contains("per 10,000 people") && zh.contains("每万人"));
}

#[test]
fn dataset_citation() {
    let p = package();
    let c = &p["citation"];
    insta::assert_snapshot!(format!(
        "{}\n{}\n{}\n{}",
        c["gb7714"].as_str().unwrap(),
        c["gb7714_en"].as_str().unwrap(),
        c["bibtex"].as_str().unwrap(),
        c["ris"].as_str().unwrap().replace("\r\n", "\n")
    ));
}

/// The task and agency tables: described by the package with their closed
/// values and keys, and every foreign key holds (each task's agency is in
/// agencies.csv, each jurisdiction in jurisdictions.csv).
#[test]
fn task_and_agency_tables_keep_their_keys() {
    let p = package();
    let tasks = resource(&p, "tasks.csv");
    let role = field(tasks, "role");
    assert_eq!(
        role["constraints"]["enum"],
        serde_json::json!(["lead", "responsible", "supporting"])
    );
    let keys = &tasks["schema"]["foreignKeys"];
    assert!(keys.to_string().contains("\"agencies\""), "{keys}");
    assert_eq!(
        resource(&p, "agencies.csv")["schema"]["primaryKey"],
        serde_json::json!(["id"])
    );
    let rows: Vec<serde_json::Value> = serde_json::from_str(&read("data/tasks.json")).unwrap();
    let agencies: Vec<serde_json::Value> =
        serde_json::from_str(&read("data/agencies.json")).unwrap();
    let jurisdictions = read("data/jurisdictions.csv");
    for r in &rows {
        let a = r["agency"].as_str().unwrap();
        assert!(agencies.iter().any(|x| x["id"] == a), "{a}");
        let j = r["jurisdiction"].as_str().unwrap();
        assert!(jurisdictions.contains(&format!("\n{j},")), "{j}");
        assert!(r["task"].is_u64() && r["url"].as_str().unwrap().contains("#"));
    }
    let csv = read("data/tasks.csv");
    assert_eq!(
        csv.matches("\r\n").count(),
        rows.len() + 1,
        "one CSV row per JSON record"
    );
}

/// Each plan's status, the date it is as of and its relations are in
/// `data/plans.json`, described by the data package.
#[test]
fn plans_carry_status_and_relations() {
    let plans: Vec<serde_json::Value> = serde_json::from_str(&read("data/plans.json")).unwrap();
    for p in &plans {
        assert!(["in_force", "expired", "superseded"].contains(&p["status"].as_str().unwrap()));
        assert!(p["status_as_of"].as_str().is_some_and(|d| d.len() == 10));
        assert!(p["relations"].is_array());
    }
    let ne = plans
        .iter()
        .find(|p| p["slug"] == "northeast-ip-strategy-opinions-2017")
        .unwrap();
    assert_eq!(
        ne["relations"][0],
        serde_json::json!({
            "kind": "implements",
            "title": "中共中央 国务院关于全面振兴东北地区等老工业基地的若干意见",
            "doc_number": "中发〔2016〕7号"
        })
    );
    let henan = plans
        .iter()
        .find(|p| p["slug"] == "henan-ip-plan-2022")
        .unwrap();
    assert_eq!(
        henan["relations"][0]["title"],
        "“十四五”国家知识产权保护和运用规划"
    );
    let p = package();
    let status = field(resource(&p, "plans.json"), "status");
    assert_eq!(
        status["constraints"]["enum"],
        serde_json::json!(["in_force", "expired", "superseded"])
    );
}

/// Reported values are a table of their own, in CSV and JSON, with the
/// baselines among them (role `baseline`) and closed columns described.
#[test]
fn reported_values_are_their_own_table() {
    let p = package();
    let csv = resource(&p, "reported.csv");
    let field = |n: &str| field(csv, n);
    assert_eq!(
        field("role")["constraints"]["enum"],
        serde_json::json!(["reported", "baseline"])
    );
    assert_eq!(
        field("qualifier")["constraints"]["enum"],
        serde_json::json!(["more_than", "about", "at_least", "nearly"])
    );
    assert_eq!(field("value")["type"], "number");
    assert_eq!(field("year")["type"], "integer");
    assert_eq!(field("source_date")["type"], "date");
    resource(&p, "reported.json");
    let rows: Vec<serde_json::Value> = serde_json::from_str(&read("data/reported.json")).unwrap();
    let baselines = read("data/indicators.csv")
        .lines()
        .skip(1)
        .filter(|l| l.split(',').nth(7).is_some_and(|b| !b.is_empty()))
        .count();
    assert_eq!(
        rows.iter().filter(|r| r["role"] == "baseline").count(),
        baselines,
        "every baseline is a reported value"
    );
    for r in &rows {
        assert!(r["year"].is_u64() != r["period_end"].is_u64(), "{r}");
        assert!(r["url"].is_string() || r["source_title"].is_string(), "{r}");
    }
    let csv_rows = read("data/reported.csv")
        .split("\r\n")
        .filter(|l| !l.is_empty())
        .count();
    assert_eq!(
        csv_rows,
        rows.len() + 1,
        "CSV has a header and the same records"
    );
}
