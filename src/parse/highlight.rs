//! Code highlighting with syntect, emitting CSS classes (no inline styles),
//! so the theme's stylesheet decides the colours in light and dark schemes.

use std::sync::OnceLock;

use syntect::html::{ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

fn syntaxes() -> &'static SyntaxSet {
    static SET: OnceLock<SyntaxSet> = OnceLock::new();
    SET.get_or_init(SyntaxSet::load_defaults_newlines)
}

/// Renders a fenced code block; an unknown language is shown as plain text.
pub fn code_block(code: &str, lang: &str) -> String {
    let escaped = || super::markdown::html_escape(code);
    if lang.is_empty() {
        return format!("<pre><code>{}</code></pre>\n", escaped());
    }
    let set = syntaxes();
    let Some(syntax) = set.find_syntax_by_token(lang) else {
        return format!(
            "<pre><code class=\"language-{}\">{}</code></pre>\n",
            super::markdown::html_escape(lang),
            escaped()
        );
    };
    let mut gen = ClassedHTMLGenerator::new_with_class_style(
        syntax,
        set,
        ClassStyle::SpacedPrefixed { prefix: "hl-" },
    );
    for line in LinesWithEndings::from(code) {
        if gen
            .parse_html_for_line_which_includes_newline(line)
            .is_err()
        {
            return format!("<pre><code>{}</code></pre>\n", escaped());
        }
    }
    format!(
        "<pre class=\"hl\"><code class=\"language-{}\">{}</code></pre>\n",
        super::markdown::html_escape(lang),
        gen.finalize()
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn highlighted_code_uses_classes_not_styles() {
        let html = super::code_block("fn main() {}\n", "rust");
        assert!(html.contains("class=\"hl-"), "{html}");
        assert!(!html.contains("style="));
    }
}
