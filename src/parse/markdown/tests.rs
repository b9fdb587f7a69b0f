//! Tests of the Markdown pass.

use super::*;

#[test]
fn links_to_local_files_are_listed_at_their_offsets() {
    let body = "**重点。**后文[原文](%E5%8E%9F%E6%96%87.pdf) [页](../other/) ![图](chart.png)\n";
    let doc = render(body, &[], RawHtml::default());
    let got: Vec<(usize, &str)> = doc
        .local_links
        .iter()
        .map(|l| (l.offset, l.target.as_str()))
        .collect();
    let link = body.find("[原文]").unwrap();
    let image = body.find("![图]").unwrap();
    assert_eq!(got, [(link, "原文.pdf"), (image, "chart.png")]);
}

fn html(src: &str) -> String {
    render(src, &[], RawHtml::default()).html().to_owned()
}

#[test]
fn cjk_soft_break_becomes_nothing() {
    assert_eq!(html("第一行\n第二行"), "<p>第一行第二行</p>\n");
    assert_eq!(html("one\ntwo"), "<p>one\ntwo</p>\n");
}

#[test]
fn emphasis_next_to_cjk_punctuation() {
    assert_eq!(
        html("**重点。**后文"),
        "<p><strong>重点。</strong>后文</p>\n"
    );
}

#[test]
fn headings_get_readable_unique_ids_and_toc() {
    let d = render(
        "## 一、发展基础\n\n### (一)成就\n\n## 一、发展基础\n",
        &[],
        RawHtml::default(),
    );
    let ids: Vec<_> = d.toc.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(ids, ["一发展基础", "一成就", "一发展基础-2"]);
    assert!(d.html().contains("<h2 id=\"一发展基础\">"));
}

#[test]
fn boxes_and_responsibilities() {
    let d = render(
        "> [!BOX] 专栏1 工程\n>\n> 1. 第一项\n\n做好工作。(责任单位:市知识产权局)\n",
        &[],
        RawHtml::default(),
    );
    assert_eq!(d.blocks[0].kind, BlockKind::Box);
    assert!(d
        .html()
        .contains("<aside class=\"box\" role=\"note\"><p class=\"box-title\">专栏1 工程</p>"));
    assert!(d
        .html()
        .contains("<span class=\"resp\">(责任单位:市知识产权局)</span>"));
    assert_eq!(d.responsibilities, ["(责任单位:市知识产权局)"]);
}

#[test]
fn ordinary_parentheses_are_not_responsibilities() {
    let d = render("(一)总体要求(2021年)", &[], RawHtml::default());
    assert!(d.responsibilities.is_empty());
}

#[test]
fn passages_anchor_the_smallest_block() {
    let src = "前言。\n\n- 目标一:达到18件\n- 目标二\n\n| 指标 | 2020年 |\n|---|---|\n| 专利(件) | 2.04 |\n";
    let ps = [
        Passage {
            text: "达到18件",
            id: "ind-a".into(),
        },
        Passage {
            text: "专利(件) | 2.04",
            id: "ind-b".into(),
        },
        Passage {
            text: "不存在",
            id: "ind-c".into(),
        },
    ];
    let d = render(src, &ps, RawHtml::default());
    assert_eq!(
        d.anchors,
        [Some("ind-a".into()), Some("ind-b".into()), None]
    );
    assert!(
        d.html()
            .contains("<li>目标一:<span class=\"passage\" id=\"ind-a\">达到18件</span></li>"),
        "{}",
        d.html()
    );
    assert!(
        d.html().contains("<tr id=\"ind-b\"><td>专利(件)</td>"),
        "{}",
        d.html()
    );
}

#[test]
fn table_text_joins_cells() {
    let d = render("| a | b |\n|---|---|\n| 1 | 2 |\n", &[], RawHtml::default());
    assert_eq!(d.text_of(&d.blocks[0]), "a | b\n1 | 2");
    assert!(d
        .html()
        .starts_with("<div class=\"table-wrap\" tabindex=\"0\"><table><thead><tr><th>a</th>"));
}

#[test]
fn two_passages_in_one_paragraph_get_two_spans() {
    let src = "到2025年，每万人口高价值发明专利拥有量达到6件，地理标志产品达到30个。\n";
    let ps = [
        Passage {
            text: "每万人口高价值发明专利拥有量达到6件",
            id: "ind-hv".into(),
        },
        Passage {
            text: "地理标志产品达到30个",
            id: "ind-gi".into(),
        },
    ];
    let d = render(src, &ps, RawHtml::default());
    assert_eq!(d.anchors, [Some("ind-hv".into()), Some("ind-gi".into())]);
    assert_eq!(
        d.html(),
        "<p>到2025年，<span class=\"passage\" id=\"ind-hv\">每万人口高价值发明专利拥有量达到6件</span>，\
         <span class=\"passage\" id=\"ind-gi\">地理标志产品达到30个</span>。</p>\n"
    );
}

#[test]
fn the_same_id_asked_twice_is_made_unique() {
    let ps = [
        Passage {
            text: "甲",
            id: "topic-x".into(),
        },
        Passage {
            text: "乙",
            id: "topic-x".into(),
        },
    ];
    let d = render("甲和乙。\n", &ps, RawHtml::default());
    assert_eq!(
        d.anchors,
        [Some("topic-x".into()), Some("topic-x-2".into())]
    );
    assert!(
        d.html().contains("id=\"topic-x-2\">乙</span>"),
        "{}",
        d.html()
    );
}

#[test]
fn a_passage_across_inline_markup_takes_the_whole_element() {
    // It starts inside the emphasis and ends after it: the span holds the
    // whole `<strong>`, so the HTML stays well nested.
    let ps = [Passage {
        text: "目标。到2025年达到6件",
        id: "ind-a".into(),
    }];
    let d = render(
        "前言**总体目标。**到2025年达到6件，其他。\n",
        &ps,
        RawHtml::default(),
    );
    assert_eq!(d.anchors, [Some("ind-a".into())]);
    assert_eq!(
        d.html(),
        "<p>前言<span class=\"passage\" id=\"ind-a\"><strong>总体目标。</strong>到2025年达到6件</span>，其他。</p>\n"
    );
    // Across a link (the soft break between CJK characters is dropped).
    let ps = [Passage {
        text: "见 附件一 的表",
        id: "ind-b".into(),
    }];
    let d = render("请见 [附件\n一](a.pdf) 的表。\n", &ps, RawHtml::default());
    assert_eq!(d.anchors, [Some("ind-b".into())]);
    assert!(
        d.html().contains(
            "请<span class=\"passage\" id=\"ind-b\">见 <a href=\"a.pdf\">附件一</a> 的表</span>。"
        ),
        "{}",
        d.html()
    );
}

#[test]
fn a_passage_in_one_table_cell_is_a_span_in_that_cell() {
    let ps = [Passage {
        text: "专利",
        id: "ind-a".into(),
    }];
    let d = render(
        "| 指标 | 2020年 |\n|---|---|\n| 发明专利(件) | 2.04 |\n",
        &ps,
        RawHtml::default(),
    );
    assert!(
        d.html()
            .contains("<tr><td>发明<span class=\"passage\" id=\"ind-a\">专利</span>(件)</td>"),
        "{}",
        d.html()
    );
}
