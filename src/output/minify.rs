//! HTML minification that cannot change what a page shows, at memory speed.
//!
//! Two passes run over every published page. The templates indent their
//! markup and the Markdown renderer ends blocks with newlines; both are
//! collapsible whitespace in HTML. [`whitespace`] drops each line's leading
//! whitespace and blank lines, except inside `<pre>` and `<textarea>`,
//! where whitespace is content; a line break stays a line break, so inline
//! text keeps its word spacing. Then [`optional::strip`] leaves out the end
//! tags (`</li>`, `</td>`, `</p>` …) and attribute quotes that the HTML
//! standard lets a page leave out (7.5% of HTML bytes at 10,000 plans,
//! `bench/RECORD.md` section 16). A browser builds the same document from
//! the result; tests read pages through an HTML parser
//! (`tests/common/page.rs`), never as strings of markup. Both passes run
//! at memory speed, where a full HTML minifier parsed every page
//! (`minify-html`, measured in `bench/RECORD.md` section 15: about 10 MB/s,
//! for 8% of HTML bytes).

pub mod optional;

/// Minifies one HTML page: the whitespace pass, then the optional-tag
/// pass.
pub fn html(input: &[u8]) -> Vec<u8> {
    optional::strip(&whitespace(input))
}

/// Drops each line's leading whitespace and blank lines, outside `<pre>`
/// and `<textarea>`.
fn whitespace(input: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(input.len());
    let mut raw_depth = 0usize;
    for line in lines(input) {
        if raw_depth > 0 {
            out.extend_from_slice(line);
            out.push(b'\n');
        } else {
            let start = line
                .iter()
                .position(|b| !b.is_ascii_whitespace())
                .unwrap_or(line.len());
            let trimmed = &line[start..];
            if !trimmed.is_empty() {
                out.extend_from_slice(trimmed);
                out.push(b'\n');
            }
        }
        raw_depth = depth_after(line, raw_depth);
    }
    if !input.ends_with(b"\n") && out.last() == Some(&b'\n') {
        out.pop();
    }
    out
}

/// The lines of `input`, split at each `\n` (a last empty line after a
/// final newline included), found with `memchr`.
fn lines(input: &[u8]) -> impl Iterator<Item = &[u8]> {
    let mut start = 0;
    let mut ends = memchr::memchr_iter(b'\n', input).chain(std::iter::once(input.len()));
    std::iter::from_fn(move || {
        let end = ends.next()?;
        let line = &input[start..end];
        start = end + 1;
        Some(line)
    })
}

/// The `<pre>` / `<textarea>` nesting depth after `line`.
fn depth_after(line: &[u8], mut depth: usize) -> usize {
    let is_tag = |rest: &[u8], tag: &[u8]| {
        rest.len() >= tag.len()
            && rest[..tag.len()].eq_ignore_ascii_case(tag)
            && rest
                .get(tag.len())
                .is_none_or(|b| b.is_ascii_whitespace() || *b == b'>' || *b == b'/')
    };
    for i in memchr::memchr_iter(b'<', line) {
        let rest = &line[i + 1..];
        let (close, name) = match rest.first() {
            Some(b'/') => (true, &rest[1..]),
            _ => (false, rest),
        };
        if is_tag(name, b"pre") || is_tag(name, b"textarea") {
            depth = if close {
                depth.saturating_sub(1)
            } else {
                depth + 1
            };
        }
    }
    depth
}

#[cfg(test)]
mod tests {
    use super::{html, whitespace};

    fn min(s: &str) -> String {
        String::from_utf8(whitespace(s.as_bytes())).unwrap()
    }

    #[test]
    fn indentation_and_blank_lines_go() {
        assert_eq!(
            min("<ul>\n    <li>a</li>\n\n    <li>b</li>\n</ul>\n"),
            "<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n"
        );
    }

    #[test]
    fn preformatted_text_is_kept_exactly() {
        let s = "<div>\n  <pre><code>fn main() {\n    x\n\n}</code></pre>\n  <p>after</p>\n</div>";
        assert_eq!(
            min(s),
            "<div>\n<pre><code>fn main() {\n    x\n\n}</code></pre>\n<p>after</p>\n</div>"
        );
        let t = "<TEXTAREA>\n  a\n</textarea>\n  <p>x</p>";
        assert_eq!(min(t), "<TEXTAREA>\n  a\n</textarea>\n<p>x</p>");
        // <presentation> is not <pre>.
        assert_eq!(min("<presentation>\n  a"), "<presentation>\na");
    }

    #[test]
    fn words_keep_their_spacing() {
        assert_eq!(min("<p>one\n   two</p>"), "<p>one\ntwo</p>");
    }

    #[test]
    fn published_pages_go_through_both_passes() {
        let page = "<!DOCTYPE html>\n<ul class=\"plans\">\n    <li>a</li>\n    <li>b</li>\n</ul>\n";
        assert_eq!(
            String::from_utf8(html(page.as_bytes())).unwrap(),
            "<!DOCTYPE html>\n<ul class=plans>\n<li>a\n<li>b\n</ul>\n"
        );
    }
}
