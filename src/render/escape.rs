//! HTML escaping of the values templates print.
//!
//! The same bytes as tera's own `escape_html` (`&` `<` `>` `"` `'` as
//! `&amp;` `&lt;` `&gt;` `&quot;` `&#39;`, everything else as it is), which
//! writes each byte with a `write_all` of its own through `dyn Write`: 4–5%
//! of a 10,000-plan build's processor time (bench/RECORD.md section 19).
//! Here each run of bytes that need no escape is written at once.

use std::io::Write;

/// Writes `input` HTML-escaped to `out`.
pub(super) fn escape_html(input: &str, out: &mut dyn Write) -> std::io::Result<()> {
    let bytes = input.as_bytes();
    let mut from = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let entity: &[u8] = match b {
            b'&' => b"&amp;",
            b'<' => b"&lt;",
            b'>' => b"&gt;",
            b'"' => b"&quot;",
            b'\'' => b"&#39;",
            _ => continue,
        };
        out.write_all(&bytes[from..i])?;
        out.write_all(entity)?;
        from = i + 1;
    }
    out.write_all(&bytes[from..])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ours(s: &str) -> Vec<u8> {
        let mut out = Vec::new();
        escape_html(s, &mut out).unwrap();
        out
    }

    fn tera(s: &str) -> Vec<u8> {
        let mut out = Vec::new();
        tera::escape_html(s, &mut out).unwrap();
        out
    }

    #[test]
    fn writes_what_teras_escape_writes() {
        for s in [
            "",
            "plain",
            "&",
            "<script>alert('x')</script>",
            "a & b < c > d \"e\" 'f' /g/ `h` =i",
            "“引号” 常州市 & <专利> '件' \"万人\"",
            "&&&<<<>>>\"\"\"'''",
            "ends with &",
            "\u{0}\t\n\r",
        ] {
            assert_eq!(ours(s), tera(s), "{s:?}");
        }
    }

    #[test]
    fn templates_escape_printed_values() {
        let mut t = ::tera::Tera::new();
        t.autoescape_on(vec![".html"]);
        t.set_escape_fn(escape_html);
        t.add_raw_template("x.html", "<p title=\"{{ v }}\">{{ v }}</p>")
            .unwrap();
        let mut ctx = ::tera::Context::new();
        ctx.insert("v", "a<b & 'c' \"d\"");
        assert_eq!(
            t.render("x.html", &ctx).unwrap(),
            "<p title=\"a&lt;b &amp; &#39;c&#39; &quot;d&quot;\">a&lt;b &amp; &#39;c&#39; &quot;d&quot;</p>"
        );
    }
}
