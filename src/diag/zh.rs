//! Chinese for the diagnostics made in bulk by code that builds its
//! English text from parts (the raw-HTML sanitiser, the URL check), used
//! when a diagnostic carries no Chinese text of its own. Each row matches
//! the English shape exactly; anything else stays English. Diagnostics
//! made in one place get their Chinese there, with
//! [`Diagnostic::zh`](super::Diagnostic::zh).

/// A hint's English text and its Chinese.
const HINTS: &[(&str, &str)] = &[
    (
        "only http:, https:, mailto:, relative paths and #fragments are published: link to the web page instead, or remove the link",
        "只发布 http:、https:、mailto:、相对路径和 #锚点：改为链接到网页，或删除这个链接",
    ),
    (
        "write it in Markdown: raw HTML is published only for sup, sub, br, abbr, ruby, tables and the like (docs/CONTENT.md), or for every element with `markdown: {raw_html: true}` in site.yaml when every author is trusted",
        "用 Markdown 写：原始 HTML 只发布 sup、sub、br、abbr、ruby、表格等（见 docs/CONTENT.md）；如果所有作者都可信，可在 site.yaml 中设置 `markdown: {raw_html: true}`",
    ),
    (
        "scripts, styles, frames, objects, forms and SVG are never published from a plan text: remove it",
        "规划正文中的脚本、样式、框架、对象、表单和 SVG 一律不发布：删除它",
    ),
    (
        "only the classes the theme styles are kept (docs/CONTENT.md)",
        "只保留主题定义了样式的 class（见 docs/CONTENT.md）",
    ),
    (
        "event handlers are never published: plan pages run no script from their text",
        "事件处理属性一律不发布：规划页面不运行正文中的脚本",
    ),
    (
        "inline styles are not published: the theme's stylesheet decides the look",
        "不发布行内样式：外观由主题的样式表决定",
    ),
    (
        "remove the attribute; docs/CONTENT.md lists what raw HTML keeps",
        "删除这个属性；docs/CONTENT.md 列出了原始 HTML 保留哪些内容",
    ),
];

/// The parts between backquotes of `s`, in order.
fn quoted(s: &str) -> Vec<&str> {
    s.split('`').skip(1).step_by(2).collect()
}

/// The Chinese of an English message made in bulk, or `None`.
pub fn message(en: &str) -> Option<String> {
    let q = quoted(en);
    if let Some(what) = en
        .strip_suffix(" URL is not published")
        .and_then(|rest| rest.rsplit_once(": a `"))
        .map(|(what, _)| what)
    {
        let scheme = q.last()?;
        return Some(format!("{what}：不发布 `{scheme}` 链接"));
    }
    if en.starts_with("raw HTML `") && en.ends_with("removed with its content") {
        return Some(format!("已删除原始 HTML `{}` 及其内容", q.first()?));
    }
    if en.starts_with("raw HTML `") && en.ends_with("removed (its text is kept)") {
        return Some(format!(
            "已删除原始 HTML `{}`（保留其中的文字）",
            q.first()?
        ));
    }
    if en.starts_with("attribute `") && q.len() == 2 {
        return Some(format!("已从 `{}` 删除属性 `{}`", q[1], q[0]));
    }
    if en.starts_with("class `") && q.len() == 2 {
        return Some(format!("已从 `{}` 删除 class `{}`", q[1], q[0]));
    }
    None
}

/// The Chinese of an English hint made in bulk, or `None`.
pub fn hint(en: &str) -> Option<&'static str> {
    HINTS.iter().find(|(e, _)| *e == en).map(|(_, z)| *z)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sanitiser_and_url_messages_have_chinese() {
        assert_eq!(
            message("link: a `javascript:` URL is not published").as_deref(),
            Some("link：不发布 `javascript:` 链接")
        );
        assert_eq!(
            message("source.url: a `data:` URL is not published").as_deref(),
            Some("source.url：不发布 `data:` 链接")
        );
        assert_eq!(
            message("attribute `onerror` removed from `<img>`").as_deref(),
            Some("已从 `<img>` 删除属性 `onerror`")
        );
        assert_eq!(
            message("raw HTML `<script>` removed with its content").as_deref(),
            Some("已删除原始 HTML `<script>` 及其内容")
        );
        assert_eq!(message("something else"), None);
        assert!(hint("only the classes the theme styles are kept (docs/CONTENT.md)").is_some());
    }
}
