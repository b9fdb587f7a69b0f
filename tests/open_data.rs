//! What researchers take away from the bundled site: each plan's citations
//! (GB/T 7714—2015 on its pages, `cite.bib`, `cite.ris`) and the data
//! package describing every file under `data/`.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use plansite::{build, BuildOptions};

mod common;
use common::manifest;

/// The bundled site, built once for every test here.
fn built() -> &'static Path {
    static OUT: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    &OUT.get_or_init(|| {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        build(&BuildOptions {
            root: manifest(),
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

fn read(path: &str) -> String {
    String::from_utf8(fs::read(built().join(path)).unwrap_or_else(|e| panic!("{path}: {e}")))
        .unwrap()
}

/// The GB/T 7714 citation shown on a page.
fn gb_on_page(page: &str) -> String {
    let html = read(page);
    let at = html.find("<p class=\"citation\"").expect("a citation");
    let start = at + html[at..].find('>').unwrap() + 1;
    let end = start + html[start..].find("</p>").unwrap();
    html[start..end].replace("&amp;", "&")
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
