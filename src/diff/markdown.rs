//! Site text made inert in the Markdown of `plansite diff`.
//!
//! The report quotes labels, titles and values from the files under
//! review, and GitHub renders it in a pull request. A `|` would shift a
//! table so a changed value vanishes from view, `<img onerror=…>` or a
//! link would add markup the author did not write, and `@org/team` would
//! notify people. Every piece of site text goes through [`text`] or
//! [`code`] first, so it shows exactly as written and does nothing else.

use std::fmt::Write as _;

use crate::diag::is_unprintable;

/// `s` as inline Markdown that renders as the same characters: Markdown
/// punctuation backslash-escaped (`|` included, so a table cell stays one
/// cell), `<`, `>` and `&` as entities, `@` followed by a zero-width space
/// (`@&#8203;`, as Renovate writes it) so GitHub makes no mention, and
/// line breaks as spaces. Unprintable characters show as escapes
/// (`\u{1b}`).
pub fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '~' | '|' | '!' | '$' | '#' => {
                out.push('\\');
                out.push(c);
            }
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '@' => out.push_str("@&#8203;"),
            '\n' | '\r' => out.push(' '),
            c if is_unprintable(c) => {
                let _ = write!(out, "\\{}", c.escape_default());
            }
            c => out.push(c),
        }
    }
    out
}

/// `s` (an id or slug) as a code span. Inside a code span nothing is
/// markup, but GitHub still splits table cells at `|`, so that one is
/// escaped; text a code span cannot hold (a backtick, a line break, an
/// unprintable character) falls back to [`text`].
pub fn code(s: &str) -> String {
    if s.is_empty() || s.contains(|c: char| c == '`' || is_unprintable(c)) {
        return text(s);
    }
    format!("`{}`", s.replace('|', "\\|"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_text_is_inert() {
        let s = text("a|b <img src=x onerror=alert(1)> @org/team");
        assert_eq!(
            s,
            "a\\|b &lt;img src=x onerror=alert(1)&gt; @&#8203;org/team"
        );
        assert!(!s.contains('<') && !s.contains("@o"));
        assert_eq!(text("x\ny\r`z`"), "x y \\`z\\`");
        assert_eq!(
            text("[l](http://e) **b** 1&2"),
            "\\[l\\](http://e) \\*\\*b\\*\\* 1&amp;2"
        );
        assert_eq!(text("\u{1b}[2J"), "\\\\u{1b}\\[2J");
        assert_eq!(text("每万人 5%"), "每万人 5%");
    }

    #[test]
    fn code_spans_hold_ids_and_escape_pipes() {
        assert_eq!(code("mini-plan"), "`mini-plan`");
        assert_eq!(code("a|b"), "`a\\|b`");
        assert_eq!(code("a`b"), "a\\`b");
    }
}
