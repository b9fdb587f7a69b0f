//! The fuzz targets: what each one does with an input, and the properties
//! it checks besides not panicking.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use plansite::diag::{Diagnostics, Severity};
use plansite::import::{self, ImportOptions};
use plansite::load::SourceFile;
use plansite::model::raw::PlanFront;
use plansite::model::Site;
use plansite::parse::{cjk, frontmatter, markdown};
use plansite::search::query::{self, search, MemStore, Request};
use plansite::search::{normalize, FacetKind};

use super::harness;

/// The fixture site, validated once: what a plan is checked against.
pub fn site() -> &'static Site {
    static SITE: OnceLock<Site> = OnceLock::new();
    SITE.get_or_init(|| {
        let root = harness::root().join("tests/fixtures/site");
        let (files, _) = plansite::load::read_site(&root).unwrap_or_else(|d| panic!("{d}"));
        plansite::model::build(files)
            .unwrap_or_else(|d| panic!("{d}"))
            .0
    })
}

/// The fixture site built into a temporary folder once; its search index
/// files are what the index target mutates (each target its own copy).
pub fn built() -> &'static Path {
    static OUT: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    &OUT.get_or_init(|| {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        plansite::build(&plansite::BuildOptions {
            root: harness::root().join("tests/fixtures/site"),
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

/// A plan file's bytes read as the loader reads them, then parsed and
/// validated as a build does: as an original, and as the translation of the
/// fixture's `mini-plan`. Also the raw front matter alone.
pub fn plan_file(bytes: &[u8]) {
    let Ok(text) = plansite::load::decode(bytes.to_vec()) else {
        return;
    };
    let path = PathBuf::from("content/plans/fuzz/index.md");
    let file = SourceFile {
        path: path.clone(),
        text,
    };
    let checked = |r: Result<(plansite::model::Plan, Diagnostics), Diagnostics>, path: &Path| {
        let d = r.map_or_else(|d| d, |(_, d)| d);
        located_in(&d, path, &file.text);
    };
    checked(plansite::model::plan_in(site(), "fuzz", &file, None), &path);
    let zh = SourceFile {
        path: "content/plans/mini-plan/index.md".into(),
        text: std::fs::read_to_string(
            harness::root().join("tests/fixtures/site/content/plans/mini-plan/index.md"),
        )
        .unwrap(),
    };
    let en = SourceFile {
        path: "content/plans/mini-plan/index.en.md".into(),
        text: file.text.clone(),
    };
    checked(
        plansite::model::plan_in(site(), "mini-plan", &zh, Some(&en)),
        &en.path,
    );
    if let Ok(split) = frontmatter::split(&path, &file.text) {
        let _ = split.parse::<PlanFront>(&path);
        assert!(split.yaml_line == 2 && split.body_line >= 3);
    }
}

/// Each problem reported in `path` (whose text is `text`) points inside
/// it, and each error says what to do.
fn located_in(diags: &Diagnostics, path: &Path, text: &str) {
    let _ = diags.to_string();
    let lines: Vec<&str> = text.split('\n').collect();
    for d in diags.iter().filter(|d| d.location.path == path) {
        let (line, column) = (d.location.line, d.location.column);
        assert!(
            line >= 1 && line <= lines.len(),
            "{d}: line {line} of {}",
            lines.len()
        );
        let width = lines[line - 1].chars().count();
        assert!(
            column >= 1 && column <= width + 1,
            "{d}: column {column} of {width}"
        );
        if d.severity == Severity::Error {
            assert!(d.hint.is_some(), "{d}: an error without a hint");
        }
    }
}

/// The Markdown pass: emphasis fixing, rendering, anchors.
pub fn markdown_body(bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    let _ = cjk::fix_emphasis(&text);
    let passage = text.chars().skip(10).take(8).collect::<String>();
    let passages = [markdown::Passage {
        text: &passage,
        id: "p1".to_owned(),
    }];
    let doc = markdown::render(&text, &passages, markdown::RawHtml::default());
    assert_eq!(doc.anchors.len(), 1);
    // Every anchor handed out (passages, headings) is an id of the page,
    // and headings' ids are unique.
    let ids: std::collections::HashSet<&str> = doc
        .html()
        .split("id=\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .collect();
    for id in doc.anchors.iter().flatten() {
        let id = markdown::html_escape(id);
        assert!(
            ids.contains(id.as_str()),
            "passage anchor {id} not in the HTML"
        );
    }
    let mut seen = std::collections::BTreeSet::new();
    for e in &doc.toc {
        assert!(seen.insert(&e.id), "heading id {} twice", e.id);
        let id = markdown::html_escape(&e.id);
        assert!(ids.contains(id.as_str()), "heading id {id} not in the HTML");
    }
    for b in &doc.blocks {
        let _ = doc.html_of(b);
        let _ = doc.text_of(b);
    }
    for e in &doc.toc {
        let _ = cjk::slugify(&e.text);
    }
    let _ = cjk::slugify(&text);
}

/// The importer on raw bytes, and its pieces on each decoded line.
pub fn import_bytes(bytes: &[u8]) {
    let opts = ImportOptions {
        jurisdiction: Some("testcity".to_owned()),
        catalogue: [(
            "每万人发明专利拥有量".to_owned(),
            "patents-per-10k".to_owned(),
        )]
        .into_iter()
        .collect(),
        source_name: "fuzz.txt".to_owned(),
    };
    let Ok(imported) = import::import(bytes, &opts) else {
        return;
    };
    let _ = imported.report.suspects();
    // The importer writes a plan file: its front matter must at least split.
    let path = Path::new("imported.md");
    let split = frontmatter::split(path, &imported.markdown)
        .unwrap_or_else(|d| panic!("imported Markdown has no front matter: {d}"));
    // … and its YAML must read back, whatever the text held.
    if let Err(e) = plansite::parse::yaml::from_str::<serde_yaml::Value>(split.yaml) {
        panic!("imported front matter is not YAML: {e:?}\n{}", split.yaml);
    }
    // Its body, rendered, carries no markup from the input: the importer
    // escapes what Markdown would pass through as HTML.
    let html = markdown::render(split.body, &[], markdown::RawHtml::default())
        .html()
        .to_ascii_lowercase();
    for bad in ["<script", "<img", "<iframe", "<a "] {
        assert!(
            !html.contains(bad),
            "imported body renders `{bad}`:\n{html}"
        );
    }
    // The file it writes goes through the same checks as a staff member's.
    plan_file(imported.markdown.as_bytes());
    let (text, _) = import::decode::decode(bytes).expect("decoded once already");
    for line in text.lines() {
        let _ = import::clean::furniture(line);
        let _ = import::clean::find_date(line);
        let _ = import::clean::date_source(line);
        let (stripped, map, _) = import::clean::strip_pinyin_mapped(line);
        assert_eq!(map.len(), stripped.chars().count());
        for s in import::clean::mojibake(&stripped) {
            assert!(s.column >= 1);
        }
    }
}

/// The query text: splitting, normalising, marking, and a search over the
/// fixture's (intact) index.
pub fn query_text(bytes: &[u8]) {
    static STORE: OnceLock<MemStore> = OnceLock::new();
    let store = STORE.get_or_init(|| {
        let mut files = std::collections::HashMap::new();
        for e in walkdir::WalkDir::new(built().join("search")) {
            let e = e.unwrap();
            if e.file_type().is_file() {
                let rel = e.path().strip_prefix(built()).unwrap();
                files.insert(
                    rel.to_string_lossy().into_owned(),
                    std::fs::read(e.path()).unwrap(),
                );
            }
        }
        MemStore(files)
    });
    let q = String::from_utf8_lossy(bytes);
    let terms = query::terms(&q);
    let _ = normalize::normalize(&q);
    for t in normalize::tokenize(&q) {
        assert!(t.start <= t.end && t.end <= q.len(), "{t:?}");
        assert!(q.is_char_boundary(t.start) && q.is_char_boundary(t.end));
    }
    for (s, e) in query::mark(&q, &terms) {
        assert!(s <= e && e <= q.len());
    }
    for lang in ["zh", "en"] {
        let req = Request {
            q: q.clone().into_owned(),
            facets: vec![(FacetKind::Year, "2021".to_owned())],
            offset: 0,
            limit: 10,
        };
        let r = search(store, lang, &req).unwrap_or_else(|e| panic!("{e}"));
        for h in &r.hits {
            for &(s, e) in &h.marks {
                assert!(h.snippet.is_char_boundary(s) && h.snippet.is_char_boundary(e));
            }
        }
    }
}
