//! Search on the bundled site: the shared query table (also run in the
//! browser by tests/browser/search.test.mjs), an oracle check that every
//! phrase drawn from the texts finds exactly the plans containing it, and the
//! `plansite search` command line.

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use plansite::model::Lang;
use plansite::search::normalize::{token_texts, tokenize};
use plansite::search::query::{search_dir, Request};
use plansite::search::{self, FacetKind};

/// The bundled site, built once for every test here.
fn built() -> &'static Path {
    static OUT: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    &OUT.get_or_init(|| {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        plansite::build(&plansite::BuildOptions {
            root: common::manifest(),
            out: out.clone(),
            base_url: None,
            force: false,
            publish: plansite::publish::Publish::build(false, false),
        })
        .unwrap_or_else(|d| panic!("{d}"));
        (tmp, out)
    })
    .1
}

fn site() -> plansite::model::Site {
    let (files, _) = plansite::load::read_site(&common::manifest()).unwrap();
    plansite::model::build(files).unwrap().0
}

fn plans(lang: &str, q: &str, facets: Vec<(FacetKind, String)>) -> BTreeSet<String> {
    let r = search_dir(
        built(),
        lang,
        &Request {
            q: q.to_owned(),
            facets,
            offset: 0,
            limit: 1000,
        },
    )
    .unwrap();
    assert_eq!(r.total, r.hits.len(), "{q}: every hit returned");
    r.hits.into_iter().map(|h| h.plan).collect()
}

#[derive(serde::Deserialize)]
struct Case {
    q: String,
    lang: String,
    #[serde(default)]
    facets: Vec<(String, String)>,
    plans: Vec<String>,
}

#[test]
fn shared_query_table_returns_exactly_the_listed_plans() {
    let text =
        std::fs::read_to_string(common::manifest().join("tests/search/queries.json")).unwrap();
    let cases: Vec<Case> = serde_json::from_str(&text).unwrap();
    assert!(cases.len() >= 20);
    for c in cases {
        let facets = c
            .facets
            .iter()
            .map(|(k, v)| {
                (
                    FacetKind::from_code(k.chars().next().unwrap()).unwrap(),
                    v.clone(),
                )
            })
            .collect();
        let got = plans(&c.lang, &c.q, facets);
        let want: BTreeSet<String> = c.plans.into_iter().collect();
        assert_eq!(got, want, "query {:?} ({})", c.q, c.lang);
    }
}

/// The plans whose indexed blocks contain `q`'s tokens in sequence, found by
/// scanning the texts, without the index.
fn oracle(docs: &[search::IndexDoc<'_>], q: &[String]) -> BTreeSet<String> {
    docs.iter()
        .filter(|d| {
            d.texts().any(|(_, text)| {
                let toks = token_texts(text);
                toks.windows(q.len()).any(|w| w == q)
            })
        })
        .map(|d| d.slug.clone())
        .collect()
}

#[test]
fn phrases_drawn_from_the_texts_find_exactly_the_plans_that_contain_them() {
    let site = site();
    let mut checked = 0;
    for lang in Lang::ALL {
        let docs = search::documents(&site, lang);
        // Every 101st token position of every block, phrases of 1, 2, 3 and 5
        // tokens, typed as the text has them (quoted when not all Han).
        let mut seen = BTreeSet::new();
        for d in &docs {
            for (_, text) in d.texts() {
                let toks = tokenize(text);
                for start in (0..toks.len()).step_by(101) {
                    for len in [1, 2, 3, 5] {
                        let Some(last) = toks.get(start + len - 1) else {
                            continue;
                        };
                        let typed = &text[toks[start].start..last.end];
                        if typed.contains('"') || !seen.insert(typed.to_owned()) {
                            continue;
                        }
                        let text = if typed.chars().all(search::normalize::is_han) {
                            typed.to_owned()
                        } else {
                            format!("\"{typed}\"")
                        };
                        let got = plans(lang.code(), &text, Vec::new());
                        let q = token_texts(typed);
                        assert_eq!(got, oracle(&docs, &q), "query {text:?} ({})", lang.code());
                        checked += 1;
                    }
                }
            }
        }
    }
    eprintln!("{checked} phrases checked against the oracle");
    assert!(checked > 500, "only {checked} phrases checked");
}

#[test]
fn the_command_line_prints_json_hits_best_first() {
    let out = Command::new(env!("CARGO_BIN_EXE_plansite"))
        .env("LC_ALL", "C")
        .args(["search", "稀土", "--json", "--out"])
        .arg(built())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let hits: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(hits.len(), 1);
    let h = &hits[0];
    assert_eq!(h["plan"], "baotou-ip-plan-2021");
    assert!(h["url"]
        .as_str()
        .unwrap()
        .starts_with("plans/baotou-ip-plan-2021/#"));
    assert_eq!(h["jurisdiction"], "包头市");
    assert!(h["title"].as_str().unwrap().contains("包头"));
    assert!(h["snippet"].as_str().unwrap().contains("稀土"));

    let out = Command::new(env!("CARGO_BIN_EXE_plansite"))
        .env("LC_ALL", "C")
        .args(["search", "rare earth", "--lang", "en", "--out"])
        .arg(built())
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("en/plans/baotou-ip-plan-2021/"), "{text}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("1 result(s)"));
}

/// `plansite search … | head`: a reader that stops reading ends the
/// command quietly, with no panic on its error output.
#[test]
fn the_command_line_stops_quietly_when_its_reader_has_gone() {
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    for args in [
        &["search", "知识产权", "--json"][..],
        &["search", "知识产权"],
    ] {
        let out = Command::new(env!("CARGO_BIN_EXE_plansite"))
            .env("LC_ALL", "C")
            .args(args)
            .arg("--out")
            .arg(built())
            .stdout(writer.try_clone().unwrap())
            .stderr(std::process::Stdio::piped())
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{args:?}: {:?}\n{err}", out.status);
        assert!(!err.contains("panicked"), "{args:?}: {err}");
    }
}

#[test]
fn the_command_line_explains_a_missing_index_and_a_bad_facet() {
    let tmp = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_plansite"))
        .env("LC_ALL", "C")
        .args(["search", "稀土", "--out"])
        .arg(tmp.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("search/zh/meta.json") && err.contains("plansite build"),
        "{err}"
    );

    let out = Command::new(env!("CARGO_BIN_EXE_plansite"))
        .env("LC_ALL", "C")
        .args(["search", "稀土", "--facet", "x=1", "--out"])
        .arg(built())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn the_index_is_split_and_nothing_grows_with_the_plans_on_every_query() {
    let dir = built().join("search/zh");
    let meta: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("meta.json")).unwrap()).unwrap();
    assert_eq!(meta["docs"], 5);
    let shards = meta["shards"].as_u64().unwrap() as usize;
    assert!(shards.is_power_of_two());
    assert_eq!(std::fs::read_dir(dir.join("k")).unwrap().count(), shards);
    for f in ["d/0.bin", "p/0.bin", "t/0.bin", "facets.json"] {
        assert!(dir.join(f).is_file(), "{f}");
    }
    // The folding table in 64 parts, and its inverse (for marking) in 64.
    let mut fold: Vec<String> = std::fs::read_dir(built().join("search/fold"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    fold.sort();
    let mut expected: Vec<String> = (0..64)
        .flat_map(|i| [format!("{i}.json"), format!("v{i}.json")])
        .collect();
    expected.sort();
    assert_eq!(fold, expected);
}
