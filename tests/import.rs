//! `plansite import` on the five raw seed texts: golden snapshots of the
//! Markdown and of the report, the skeletons validated inside a copy of the
//! bundled site, encodings and the command line.

use std::fs;
use std::process::Command;

use plansite::import::{self, clean, ImportOptions};

mod common;
use common::{copy_dir, manifest};

const SEEDS: &[(&str, &str)] = &[
    ("baotou", "baotou"),
    ("changzhou", "changzhou"),
    ("gansu", "gansu"),
    ("henan", "henan"),
    ("northeast", "northeast"),
];

fn seed(name: &str) -> Vec<u8> {
    fs::read(
        manifest()
            .join("tests/fixtures/seeds")
            .join(format!("{name}.txt")),
    )
    .unwrap()
}

fn options(name: &str, jurisdiction: &str) -> ImportOptions {
    ImportOptions {
        jurisdiction: Some(jurisdiction.to_string()),
        catalogue: import::catalogue(&manifest()),
        source_name: format!("seeds/{name}.txt"),
    }
}

#[test]
fn seeds_import_to_their_golden_output() {
    for (name, j) in SEEDS {
        let out = import::import(&seed(name), &options(name, j)).unwrap();
        insta::assert_snapshot!(format!("import_{name}_md"), out.markdown);
        insta::assert_snapshot!(format!("import_{name}_report"), out.report.to_string());
    }
}

/// The skeleton with its proposed `relations:` uncommented, as an editor
/// confirms them (the other proposals stay commented out).
fn confirm_relations(markdown: &str) -> String {
    let mut inside = false;
    let mut out = String::with_capacity(markdown.len());
    for line in markdown.split_inclusive('\n') {
        if line == "# relations:\n" {
            inside = true;
            out.push_str("relations:\n");
        } else if inside && line.starts_with("#   ") {
            out.push_str(&line[1..]);
        } else {
            inside = false;
            out.push_str(line);
        }
    }
    out
}

#[test]
fn every_seed_skeleton_passes_check_in_the_bundled_site() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    for entry in ["site.yaml", "content", "indicators"] {
        copy_dir(&manifest().join(entry), &root.join(entry));
    }
    for (name, j) in SEEDS {
        let out = import::import(&seed(name), &options(name, j)).unwrap();
        let dir = root.join("content/plans").join(format!("imported-{name}"));
        fs::create_dir_all(&dir).unwrap();
        // The relations it proposes, confirmed as they are: each passage
        // is in the text.
        let confirmed = confirm_relations(&out.markdown);
        fs::write(dir.join("index.md"), confirmed).unwrap();
    }
    // Each skeleton is a draft: held back (a note), its placeholders and
    // the figures not yet data (the bundled site accounts for every figure)
    // are warnings, and nothing else is reported.
    let found = match plansite::check(root) {
        Ok(found) => found,
        Err(d) => panic!("{d}"),
    };
    let notes = found
        .iter()
        .filter(|d| d.severity == plansite::diag::Severity::Note)
        .count();
    assert_eq!(notes, SEEDS.len(), "{found}");
    assert!(
        found
            .iter()
            .all(|d| d.severity == plansite::diag::Severity::Note
                || d.message.contains("placeholder")
                || d.message.contains("is not accounted for")),
        "{found}"
    );
    // Published as it is, a skeleton's placeholders are errors at their
    // own place: the description the importer could not know.
    let first = root.join("content/plans/imported-baotou/index.md");
    let text = fs::read_to_string(&first).unwrap();
    let line = text
        .lines()
        .position(|l| l.contains("description: \"TODO"))
        .unwrap()
        + 1;
    let published: String = text
        .lines()
        .filter(|l| !l.starts_with("draft: true"))
        .map(|l| format!("{l}\n"))
        .collect();
    fs::write(&first, published).unwrap();
    let d = plansite::check(root).expect_err("placeholders are errors outside drafts");
    let at = format!("content/plans/imported-baotou/index.md:{}:", line - 1);
    assert!(
        d.iter()
            .any(|d| d.location.to_string().starts_with(&at) && d.message.contains("placeholder")),
        "no placeholder error at {at}:\n{d}"
    );
}

#[test]
fn baotou_indicator_table_is_read_completely() {
    let out = import::import(&seed("baotou"), &options("baotou", "baotou")).unwrap();
    let md = &out.markdown;
    // The front matter's entries (proposed reported figures are comments).
    let front: String = md
        .split("\n---\n")
        .next()
        .unwrap()
        .lines()
        .filter(|l| !l.starts_with('#'))
        .collect::<Vec<_>>()
        .join("\n");
    let front = front.as_str();
    assert_eq!(front.matches("\n  - id: ").count(), 10, "ten rows");
    assert!(!front.contains("id: \"\""), "every row has a catalogue id");
    assert!(front.contains("baseline: {year: 2020, value: 2.04}"));
    assert!(front.contains("target: {year: 2025, value: 10.7, comparator: \"=\"}"));
    assert!(front.contains("attribute: binding"));
    // The two binding rates have no baseline (`-`), never 0.
    assert!(!front.contains("value: 0}"));
    assert_eq!(front.matches("baseline:").count(), 8);
}

#[test]
fn northeast_pinyin_is_gone_and_mojibake_is_reported() {
    let out = import::import(&seed("northeast"), &options("northeast", "northeast")).unwrap();
    let body = out.markdown.split("\n---\n").nth(1).unwrap();
    for line in body.lines() {
        let (_, n) = clean::strip_pinyin(line);
        assert_eq!(n, 0, "pinyin left in: {line}");
    }
    assert!(body.contains("印發《關于支持東北老工業基地全面振興 深入實施"));
    assert_eq!(out.report.suspects(), 2, "{}", out.report);
    let report = out.report.to_string();
    assert!(report.contains("seeds/northeast.txt:47:279: warning: suspected mojibake"));
    assert!(report.contains("seeds/northeast.txt:65:104: warning: suspected mojibake"));
    assert!(report.contains("seeds/northeast.txt:1:1: removed language switch: EN"));
}

#[test]
fn gb18030_input_gives_the_same_document() {
    let utf8 = seed("henan");
    let (gb, _, unmappable) = encoding_rs::GB18030.encode(std::str::from_utf8(&utf8).unwrap());
    assert!(!unmappable);
    let a = import::import(&utf8, &options("henan", "henan")).unwrap();
    let b = import::import(&gb, &options("henan", "henan")).unwrap();
    assert_eq!(b.encoding, import::Encoding::Gb18030);
    assert_eq!(
        a.markdown.replacen("(UTF-8)", "(GB18030)", 1),
        b.markdown,
        "only the encoding note differs"
    );
}

#[test]
fn cli_writes_refuses_to_overwrite_and_reports_binary_input() {
    let bin = env!("CARGO_BIN_EXE_plansite");
    let tmp = tempfile::tempdir().unwrap();
    let input = manifest().join("tests/fixtures/seeds/changzhou.txt");
    let out = tmp.path().join("plan/index.md");
    let run = |args: &[&str]| {
        Command::new(bin)
            .env("LC_ALL", "C")
            .arg("import")
            .args(args)
            .current_dir(manifest())
            .output()
            .unwrap()
    };
    let o = run(&[
        input.to_str().unwrap(),
        "--jurisdiction",
        "changzhou",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let written = fs::read_to_string(&out).unwrap();
    assert!(written.contains("jurisdiction: changzhou"));
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(
        stderr.contains("removed scan-to-phone line: 扫一扫在手机打开当前页"),
        "{stderr}"
    );

    fs::write(&out, "edited by hand").unwrap();
    let o = run(&[input.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("pass --force"));
    assert_eq!(
        fs::read_to_string(&out).unwrap(),
        "edited by hand",
        "nothing lost"
    );

    let o = run(&[
        input.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--force",
    ]);
    assert!(o.status.success());
    assert_ne!(fs::read_to_string(&out).unwrap(), "edited by hand");

    let binary = tmp.path().join("scan.png");
    fs::write(&binary, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap();
    let o = run(&[binary.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(stderr.contains("byte offset 6"), "{stderr}");
    assert!(o.stdout.is_empty());

    // To stdout when no --out is given.
    let o = run(&[input.to_str().unwrap()]);
    assert!(o.status.success());
    assert!(String::from_utf8_lossy(&o.stdout).starts_with("---\n# Imported by"));
}

/// Runs `plansite ARGS` in `dir`.
fn run_in(dir: &std::path::Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_plansite"))
        .env("LC_ALL", "C")
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap()
}

fn said(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned() + &String::from_utf8_lossy(&o.stderr)
}

#[test]
fn import_with_en_writes_an_aligned_english_skeleton_that_is_held_as_a_draft() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    for entry in ["site.yaml", "content", "indicators"] {
        copy_dir(&manifest().join(entry), &root.join(entry));
    }
    fs::copy(
        manifest().join("tests/fixtures/seeds/gansu.txt"),
        root.join("raw.txt"),
    )
    .unwrap();
    let o = run_in(
        root,
        &[
            "import",
            "raw.txt",
            "--jurisdiction",
            "gansu",
            "--out",
            "content/plans/imported/index.md",
            "--en",
        ],
    );
    assert!(o.status.success(), "{}", said(&o));
    let en = fs::read_to_string(root.join("content/plans/imported/index.en.md")).unwrap();
    assert!(en.contains("TODO translate"));
    let o = run_in(root, &["check"]);
    assert!(o.status.success(), "{}", said(&o));
    let out = said(&o);
    assert!(
        out.contains("content/plans/imported/index.md:1:1: note: a draft"),
        "{out}"
    );
    assert!(out.contains("content/plans/imported/index.en.md:"), "{out}");
    assert!(!out.contains("differs from"), "the skeleton aligns: {out}");
    // Never overwritten without --force.
    let o = run_in(
        root,
        &[
            "import",
            "raw.txt",
            "--jurisdiction",
            "gansu",
            "--out",
            "content/plans/imported/index.md",
        ],
    );
    assert_eq!(o.status.code(), Some(2), "{}", said(&o));
}

#[test]
fn import_and_new_refuse_an_unknown_jurisdiction_alike() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    for entry in ["site.yaml", "content", "indicators"] {
        copy_dir(&manifest().join(entry), &root.join(entry));
    }
    fs::copy(
        manifest().join("tests/fixtures/seeds/gansu.txt"),
        root.join("raw.txt"),
    )
    .unwrap();
    let import = run_in(root, &["import", "raw.txt", "--jurisdiction", "atlantis"]);
    let new = run_in(
        root,
        &["new", "plan", "x-plan", "--jurisdiction", "atlantis"],
    );
    for o in [&import, &new] {
        assert_eq!(o.status.code(), Some(2), "{}", said(o));
        assert!(
            said(o).contains("plansite new jurisdiction atlantis"),
            "{}",
            said(o)
        );
    }
    // The hint works: the new jurisdiction is refused by check until its
    // placeholders are filled in, then both commands accept it.
    let o = run_in(
        root,
        &["new", "jurisdiction", "atlantis", "--level", "province"],
    );
    assert!(o.status.success(), "{}", said(&o));
    let o = run_in(root, &["check"]);
    assert_eq!(o.status.code(), Some(1), "{}", said(&o));
    assert!(
        said(&o).contains("content/jurisdictions/atlantis.md:4:12: error: a placeholder"),
        "{}",
        said(&o)
    );
    let path = root.join("content/jurisdictions/atlantis.md");
    let text = fs::read_to_string(&path)
        .unwrap()
        .replace("TODO 中文名称", "亚特兰蒂斯")
        .replace("TODO English name", "Atlantis");
    fs::write(&path, text).unwrap();
    let o = run_in(root, &["check"]);
    assert!(o.status.success(), "{}", said(&o));
    let o = run_in(
        root,
        &["new", "plan", "x-plan", "--jurisdiction", "atlantis"],
    );
    assert!(o.status.success(), "{}", said(&o));
    let o = run_in(root, &["import", "raw.txt", "--jurisdiction", "atlantis"]);
    assert!(o.status.success(), "{}", said(&o));
}

/// A review paragraph's figures are proposed as commented-out `reported:`
/// entries, with their qualifiers, multiples and passages; a paragraph of
/// targets proposes none.
#[test]
fn review_figures_are_proposed_for_an_editor_to_confirm() {
    let text = "测试市知识产权“十四五”规划\n\n一、发展基础\n\n“十三五”期间,全市每万人口发明专利拥有量4.52件,是“十二五”末的2.4倍;引进知识产权服务机构500余家,质押融资额约10.5亿元。\n\n二、发展目标\n\n到2025年,每万人口发明专利拥有量达到8件。\n";
    let tmp = tempfile::tempdir().unwrap();
    fs::write(tmp.path().join("sample.txt"), text).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_plansite"))
        .env("LC_ALL", "C")
        .args(["import", "sample.txt"])
        .current_dir(tmp.path())
        .output()
        .unwrap();
    let md = String::from_utf8(out.stdout).unwrap();
    let front = &md[..md[3..].find("\n---\n").unwrap()];
    let block = &front[front.find("# reported:").expect("proposals")..];
    for l in block.lines() {
        assert!(l.starts_with("# "), "every proposal line is commented: {l}");
    }
    for expected in [
        "#     label: 每万人口发明专利拥有量",
        "#     value: 4.52",
        "#     multiple: {value: 2.4, of_zh: “十二五”末, of_en: \"TODO\"}",
        "#     passage: 全市每万人口发明专利拥有量4.52件",
        "#     qualifier: more_than",
        "#     qualifier: about",
        "#     unit: 亿元",
        "period: {start: 2016, end: 2020}",
    ] {
        assert!(
            block.contains(expected),
            "missing `{expected}` in:\n{block}"
        );
    }
    assert!(
        !block.contains("value: 8\n"),
        "targets are not proposed:\n{block}"
    );
}
