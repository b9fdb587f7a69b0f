use super::strip;

const DOC: &str = "<!DOCTYPE html>\n";

/// `strip` of a page that starts with the doctype, without it.
fn min(body: &str) -> String {
    let out = String::from_utf8(strip(format!("{DOC}{body}").as_bytes())).unwrap();
    out.strip_prefix(DOC).unwrap().to_string()
}

#[test]
fn list_items_end_before_the_next_item_or_the_lists_end() {
    assert_eq!(
        min("<ul>\n<li>a</li>\n<li>b</li>\n</ul>"),
        "<ul>\n<li>a\n<li>b\n</ul>"
    );
    // Nested: the inner list's last item, then the outer item.
    assert_eq!(
        min("<ol><li>a<ul><li>b</li></ul></li><li>c</li></ol>"),
        "<ol><li>a<ul><li>b</ul><li>c</ol>"
    );
}

#[test]
fn an_end_tag_followed_by_text_or_a_comment_stays() {
    assert_eq!(
        min("<ul><li>a</li> x <li>b</li></ul>"),
        "<ul><li>a</li> x <li>b</ul>"
    );
    assert_eq!(
        min("<ul><li>a</li><!-- c --><li>b</li></ul>"),
        "<ul><li>a</li><!-- c --><li>b</ul>"
    );
    // A `</li>` followed by something other than `<li>` or `</ul>` stays.
    assert_eq!(
        min("<ul><li>a</li><template></template></ul>"),
        "<ul><li>a</li><template></template></ul>"
    );
}

#[test]
fn paragraphs_end_only_before_the_listed_elements() {
    assert_eq!(
        min("<div><p>a</p>\n<h2>b</h2>\n<p>c</p>\n<table></table><p>d</p></div>"),
        "<div><p>a\n<h2>b</h2>\n<p>c\n<table></table><p>d</div>"
    );
    // Inline elements after a paragraph are not in the list.
    assert_eq!(
        min("<div><p>a</p><span>b</span><p>c</p><img src=x.png></div>"),
        "<div><p>a</p><span>b</span><p>c</p><img src=x.png></div>"
    );
}

#[test]
fn a_last_paragraph_keeps_its_end_in_a_and_the_like() {
    for parent in [
        "a", "audio", "del", "ins", "map", "noscript", "video", "my-card",
    ] {
        let page = format!("<{parent}><p>x</p></{parent}>");
        assert_eq!(min(&page), page, "{parent}");
    }
    assert_eq!(
        min("<section><p>x</p></section>"),
        "<section><p>x</section>"
    );
}

#[test]
fn table_parts_end_where_the_standard_lets_them() {
    let table = "<table>\n<thead>\n<tr><th>a</th><th>b</th></tr>\n</thead>\n<tbody>\n\
                 <tr><td>1</td><td>2</td></tr>\n<tr><td>3</td><td>4</td></tr>\n</tbody>\n</table>";
    assert_eq!(
        min(table),
        "<table>\n<thead>\n<tr><th>a<th>b\n\n<tbody>\n\
         <tr><td>1<td>2\n<tr><td>3<td>4\n\n</table>"
    );
    // A caption's end stays; `</thead>` before `</table>` stays.
    assert_eq!(
        min("<table><caption>c</caption><thead><tr><th>a</th></tr></thead></table>"),
        "<table><caption>c</caption><thead><tr><th>a</thead></table>"
    );
}

#[test]
fn definition_terms_end_before_a_term_or_description() {
    assert_eq!(
        min("<dl><dt>a</dt><dd>b</dd><dt>c</dt><dd>d</dd></dl>"),
        "<dl><dt>a<dd>b<dt>c<dd>d</dl>"
    );
    // A last `dt` keeps its end (the standard has no such rule).
    assert_eq!(min("<dl><dt>a</dt></dl>"), "<dl><dt>a</dt></dl>");
}

#[test]
fn nothing_ends_early_inside_preformatted_or_raw_text() {
    let pre = "<pre><ul><li>a</li></ul></pre>";
    assert_eq!(min(pre), pre);
    let script = "<script>let s = '<ul><li>a</li></ul>', t = \"a\";</script>";
    assert_eq!(min(script), script);
    let style = "<style>a[title=\"x\"]::after{content:\"</p>\"}</style><p>x</p></div>";
    assert!(min(style).starts_with("<style>a[title=\"x\"]::after{content:\"</p>\"}</style>"));
    let area = "<textarea><p class=\"x\">a</p></textarea>";
    assert_eq!(min(area), area);
}

#[test]
fn without_a_doctype_end_tags_stay() {
    let page = "<ul><li>a</li></ul><p class=\"x\">b</p>";
    let out = String::from_utf8(strip(page.as_bytes())).unwrap();
    assert_eq!(out, "<ul><li>a</li></ul><p class=x>b</p>");
}

#[test]
fn after_an_unexpected_end_tag_nothing_more_is_left_out() {
    // Hand-written HTML that already leaves `</li>` out: the pass no longer
    // knows which element is open, so it keeps every later end tag.
    assert_eq!(
        min("<ul><li>a<li>b</ul><ul><li>c</li></ul>"),
        "<ul><li>a<li>b</ul><ul><li>c</li></ul>"
    );
}

#[test]
fn plain_attribute_values_lose_their_quotes() {
    assert_eq!(
        min("<a class=\"x-1\" href='p.html' data-n=\"1\">t</a>"),
        "<a class=x-1 href=p.html data-n=1>t</a>"
    );
}

#[test]
fn values_that_need_quotes_keep_them() {
    for value in [
        "\"\"",
        "\"a b\"",
        "\"a\tb\"",
        "\"a=b\"",
        "\"a<b\"",
        "\"a>b\"",
        "\"a`b\"",
        "\"it's\"",
        "'say \"x\"'",
        "\"/en/\"",
    ] {
        let tag = format!("<a title={value}>t</a>");
        assert_eq!(min(&tag), tag, "{value}");
    }
}

#[test]
fn a_value_before_a_self_closing_slash_keeps_its_quotes() {
    assert_eq!(
        min("<svg><rect x=\"1\" width=\"5\"/><path d=\"M0 0\" fill=\"red\" /></svg>"),
        "<svg><rect x=1 width=\"5\"/><path d=\"M0 0\" fill=red /></svg>"
    );
}

#[test]
fn quotes_inside_values_and_odd_attributes_are_read_as_a_browser_does() {
    // A `>` inside a quoted value does not end the tag.
    assert_eq!(
        min("<p title=\"a>b\" class=\"c\">x</p></div>"),
        "<p title=\"a>b\" class=c>x</p></div>"
    );
    // An unquoted value with quotes in it is copied as it is.
    assert_eq!(min("<a title=x='y'>t</a>"), "<a title=x='y'>t</a>");
    // Whitespace around `=` and a bare attribute.
    assert_eq!(
        min("<input disabled value = \"v\">"),
        "<input disabled value = v>"
    );
    // Character references stay as they are.
    assert_eq!(
        min("<a href=\"?a=1&amp;b=2\">t</a>"),
        "<a href=\"?a=1&amp;b=2\">t</a>"
    );
    assert_eq!(min("<a href=\"x&amp;y\">t</a>"), "<a href=x&amp;y>t</a>");
}

#[test]
fn uppercase_tags_are_matched_without_case() {
    assert_eq!(min("<UL><LI>a</LI></UL>"), "<UL><LI>a</UL>");
}

#[test]
fn a_page_that_does_not_end_is_copied() {
    assert_eq!(
        min("<ul><li>a</li><a href=\"x"),
        "<ul><li>a</li><a href=\"x"
    );
    assert_eq!(min("a < b <3"), "a < b <3");
}

#[test]
fn after_the_whitespace_pass_preformatted_lines_are_untouched() {
    let page = "<!DOCTYPE html>\n<html lang=\"en\">\n  <body>\n    <ul>\n      <li>a</li>\n    </ul>\n    \
                <pre>\n  <b class=\"k\">x</b>\n</pre>\n    <p>end</p>\n  </body>\n</html>\n";
    let out = crate::output::minify::html(page.as_bytes());
    assert_eq!(
        String::from_utf8(out).unwrap(),
        "<!DOCTYPE html>\n<html lang=en>\n<body>\n<ul>\n<li>a\n</ul>\n\
         <pre>\n  <b class=k>x</b>\n</pre>\n<p>end\n</body>\n</html>\n"
    );
}
