//! Fuzzing of everything plansite reads from untrusted text, on stable Rust
//! inside `cargo test`: plan files (front matter and body), Markdown, the
//! importer, search queries and the search index files. The harness is in
//! `tests/fuzz/harness.rs`, the targets in `tests/fuzz/targets.rs`; the
//! README's Development section tells how to run longer and replay a crash.
//!
//! Each target must return or report an error for any input: never panic,
//! take over two seconds, or allocate without bound.

#[path = "fuzz/harness.rs"]
mod harness;

use harness::{fuzz, regression, Target};
use plansite::parse::markdown;
use targets::{built, import_bytes, markdown_body, plan_file, query_text};

#[path = "fuzz/targets.rs"]
mod targets;

#[path = "fuzz/index.rs"]
mod index;

#[test]
fn fuzz_frontmatter() {
    fuzz(Target::new("frontmatter"), plan_file);
}

#[test]
fn fuzz_markdown() {
    fuzz(Target::new("markdown"), markdown_body);
}

#[test]
fn fuzz_import() {
    fuzz(Target::new("import"), import_bytes);
}

#[test]
fn fuzz_query() {
    let t = Target {
        max_len: 512,
        ..Target::new("query")
    };
    fuzz(t, query_text);
}

#[test]
fn fuzz_index() {
    let index = index::Index::copy_of(built());
    let t = Target {
        max_len: 64 << 10,
        extra: index.corpus(),
        tokens: index::TOKENS,
        ..Target::new("index")
    };
    fuzz(t, |input| index.run(input));
}

/// A fresh copy of the fixture's index, for one test.
fn index() -> index::Index {
    index::Index::copy_of(built())
}

/// A locator (`d/0.bin`) whose record length is 2.6 GB: the reader
/// allocated a buffer of that size before finding the file shorter.
#[test]
fn fuzz_regression_index_locator_length() {
    let index = index();
    regression("index-locator-length.bin", |i| index.run(i));
}

/// A directory shard giving a list 4,294,967,295 documents: the reader
/// reserved room for them all (16 GiB) before reading the list.
#[test]
fn fuzz_regression_index_huge_document_count() {
    let index = index();
    regression("index-huge-document-count.bin", |i| index.run(i));
}

/// A directory shard whose section lengths add up past `usize::MAX`.
#[test]
fn fuzz_regression_index_section_lengths_overflow() {
    let index = index();
    regression("index-section-lengths-overflow.bin", |i| index.run(i));
}

/// UTF-16 text holding U+FFFE: the importer copied it into a front-matter
/// note unescaped, and the file it wrote was not YAML.
#[test]
fn fuzz_regression_import_noncharacter_in_front_matter() {
    regression("import-noncharacter-in-front-matter.bin", import_bytes);
}

/// UTF-16 text holding a C1 control (U+0080) in a line flagged as
/// mojibake: the same, for control characters.
#[test]
fn fuzz_regression_import_control_character_in_front_matter() {
    regression("import-control-character-in-front-matter.bin", import_bytes);
}

/// The harness itself: a target that panics, one that is slow and one
/// that allocates too much each fail the run, and their inputs are saved.
#[test]
fn fuzz_harness_reports_failing_cases() {
    /// A target's name, the failure it must report, the target.
    type Case = (&'static str, &'static str, fn(&[u8]));
    let cases: [Case; 3] = [
        ("selftest-panic", "Panic", |i| {
            assert!(!i.contains(&b'!'), "found !")
        }),
        ("selftest-slow", "Slow", |_| {
            std::thread::sleep(harness::SLOW + std::time::Duration::from_millis(50))
        }),
        ("selftest-memory", "Memory", |_| {
            drop(std::hint::black_box(Vec::<u8>::with_capacity(
                harness::MEMORY + 1,
            )))
        }),
    ];
    for (name, kind, f) in cases {
        let input = format!("{name}!").into_bytes();
        let saved = harness::crash_path(name, &input);
        let t = Target {
            extra: vec![input],
            max_failures: 1,
            ..Target::new(name)
        };
        let err = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| fuzz(t, f)))
            .expect_err("the run fails");
        let msg = err.downcast_ref::<String>().cloned().unwrap_or_default();
        assert!(
            msg.contains(kind) && msg.contains("PLANSITE_FUZZ_REPLAY="),
            "{msg}"
        );
        assert!(saved.exists(), "{} not written", saved.display());
        std::fs::remove_file(saved).unwrap();
    }
}

/// 3,000 headings with one title (15 KB): each new id was found by trying
/// every number taken before it, 18 s in a debug build.
#[test]
fn fuzz_regression_markdown_repeated_headings() {
    regression("markdown-repeated-headings.md", markdown_body);
}

/// A passage found in a heading inside a block quote (as in a box) or a
/// list item: its anchor was handed out but the heading never got the id,
/// so links to the passage led nowhere.
#[test]
fn fuzz_regression_markdown_passage_in_nested_heading() {
    regression("markdown-passage-in-nested-heading.md", markdown_body);
}

/// A passage in a box's title (`> [!BOX] 专栏1 …`): the anchor replaced the
/// title paragraph, so the box lost its title and showed `[!BOX]`.
#[test]
fn fuzz_regression_markdown_passage_in_box_title() {
    regression("markdown-passage-in-box-title.md", |input| {
        markdown_body(input);
        let text = String::from_utf8_lossy(input);
        let passage = markdown::Passage {
            text: "专栏1 质押融资工程",
            id: "p1".to_owned(),
        };
        let doc = markdown::render(&text, &[passage], markdown::RawHtml::default());
        let html = doc.html();
        assert!(
            html.contains("<p class=\"box-title\" id=\"p1\">专栏1 质押融资工程</p>"),
            "{html}"
        );
        assert!(!html.contains("[!BOX]"), "{html}");
    });
}

/// 60,000 unclosed `(`: each one searched the rest of the paragraph for a
/// responsible-unit note's closing parenthesis (n²).
#[test]
fn fuzz_regression_markdown_unclosed_parentheses() {
    regression("markdown-unclosed-parentheses.md", markdown_body);
}

/// Front matter with 60,000 nested `[`: libyaml's scanner is quadratic in
/// the depth (seconds per parse); now refused past 256 levels.
#[test]
fn fuzz_regression_frontmatter_deep_flow_nesting() {
    regression("frontmatter-deep-flow-nesting.md", plan_file);
}

/// A lone carriage return in the front matter: YAML counts it as a line
/// end, the diagnostics' file lines did not, so errors after it named the
/// line below the problem.
#[test]
fn fuzz_regression_frontmatter_lone_carriage_return() {
    regression("frontmatter-lone-carriage-return.md", plan_file);
}

/// A table of 2,000 rows in a plan body: reading each figure collected the
/// rest of the text, so checking figures took time quadratic in the body
/// (4.3 s for this file in a debug build).
#[test]
fn fuzz_regression_frontmatter_long_table() {
    regression("frontmatter-long-table.md", plan_file);
}

/// A passage inside a paragraph whose raw `<script>` is never closed: the
/// sanitiser removed the script's "content" and the passage's span with it,
/// so the passage's link pointed nowhere.
#[test]
fn fuzz_regression_markdown_passage_in_unclosed_script() {
    regression("markdown-passage-in-unclosed-script.md", markdown_body);
}

/// Each input in `tests/fuzz/regressions/` has a named test above.
#[test]
fn fuzz_regressions_each_have_a_test() {
    let source = include_str!("fuzz.rs");
    let dir = harness::root().join("tests/fuzz/regressions");
    for e in std::fs::read_dir(dir).unwrap() {
        let name = e.unwrap().file_name().to_string_lossy().into_owned();
        assert!(
            source.contains(&format!("regression(\"{name}\"")),
            "tests/fuzz/regressions/{name} has no `fuzz_regression_…` test in tests/fuzz.rs"
        );
    }
}
