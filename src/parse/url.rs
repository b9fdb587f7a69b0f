//! Which URLs plansite publishes: `http:`, `https:`, `mailto:`, relative
//! paths and `#fragments`. Anything else (`javascript:`, `data:`,
//! `vbscript:`, `file:` …) could run in a reader's browser or reach into
//! their machine, and is an error wherever a URL is written: Markdown links
//! and images, raw HTML attributes, a plan's `source.url`, `site.yaml`.
//!
//! The check reads a URL the way a browser does: tabs and line breaks
//! anywhere are ignored, leading and trailing spaces and control characters
//! are trimmed, the scheme is case-insensitive, and character references
//! (`javascript&#58;…`, `&#x6A;avascript:`) are decoded first.

use std::borrow::Cow;

/// The schemes a published URL may have.
pub const ALLOWED_SCHEMES: [&str; 3] = ["http", "https", "mailto"];

/// The hint shown with every refused URL.
pub const HINT: &str = "only http:, https:, mailto:, relative paths and #fragments are published: \
link to the web page instead, or remove the link";

/// A URL whose scheme is not allowed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadScheme {
    /// The scheme as the browser would read it, lower-cased (`javascript`).
    pub scheme: String,
}

impl std::fmt::Display for BadScheme {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "a `{}:` URL is not published", self.scheme)
    }
}

/// Checks a URL as written; `Err` names the scheme a browser would see.
pub fn check(url: &str) -> Result<(), BadScheme> {
    let decoded = decode_references(url);
    match scheme(&decoded) {
        Some(s) if !ALLOWED_SCHEMES.contains(&s.as_str()) => Err(BadScheme { scheme: s }),
        _ => Ok(()),
    }
}

/// The scheme of `url` as the WHATWG URL parser reads it, lower-cased, or
/// `None` for a relative URL.
fn scheme(url: &str) -> Option<String> {
    let trimmed = url.trim_matches(|c: char| c <= ' ');
    let mut out = String::new();
    for c in trimmed.chars().filter(|c| !matches!(c, '\t' | '\n' | '\r')) {
        match c {
            ':' if !out.is_empty() => return Some(out),
            c if c.is_ascii_alphabetic() => out.push(c.to_ascii_lowercase()),
            c if !out.is_empty() && (c.is_ascii_digit() || matches!(c, '+' | '-' | '.')) => {
                out.push(c)
            }
            _ => return None,
        }
    }
    None
}

/// Decodes HTML character references: numeric ones, and the named ones
/// that can spell a scheme's separator or hide one (`&colon;`, `&Tab;`,
/// `&NewLine;`). No named reference stands for an ASCII letter, so these
/// are enough to see through any disguised scheme.
pub fn decode_references(s: &str) -> Cow<'_, str> {
    if !s.contains('&') {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        match reference(rest) {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// The character a reference at the start of `s` stands for, and its length.
fn reference(s: &str) -> Option<(char, usize)> {
    const NAMED: [(&str, char); 8] = [
        ("colon", ':'),
        ("Tab", '\t'),
        ("NewLine", '\n'),
        ("amp", '&'),
        ("sol", '/'),
        ("period", '.'),
        ("num", '#'),
        ("quest", '?'),
    ];
    let body = s.strip_prefix('&')?;
    if let Some(num) = body.strip_prefix('#') {
        let (digits, radix, skip) = match num.strip_prefix(['x', 'X']) {
            Some(hex) => (hex, 16, 2),
            None => (num, 10, 1),
        };
        let n = digits.chars().take_while(|c| c.is_digit(radix)).count();
        if n == 0 {
            return None;
        }
        let value = u32::from_str_radix(&digits[..n], radix).unwrap_or(0xFFFD);
        let c = char::from_u32(value).unwrap_or('\u{FFFD}');
        let semi = usize::from(digits[n..].starts_with(';'));
        return Some((c, 1 + skip + n + semi));
    }
    NAMED.iter().find_map(|(name, c)| {
        let after = body.strip_prefix(name)?;
        let semi = usize::from(after.starts_with(';'));
        Some((*c, 1 + name.len() + semi))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(url: &str) -> String {
        check(url).expect_err(url).scheme
    }

    #[test]
    fn web_mail_relative_and_fragments_pass() {
        for ok in [
            "https://www.gov.cn/zhengce/a.htm",
            "HTTP://example.org",
            "mailto:staff@example.org",
            "/plans/a/",
            "../a/",
            "a/b.html",
            "#一发展基础",
            "?q=1",
            "//example.org/x",
            "",
            "%6Aavascript:alert(1)",
            "1a:b",
        ] {
            assert_eq!(check(ok), Ok(()), "{ok}");
        }
        // Any other scheme, even an unknown one, is refused.
        assert_eq!(refused("a:b:c/d"), "a");
    }

    #[test]
    fn script_data_and_file_schemes_are_refused() {
        assert_eq!(refused("javascript:alert(1)"), "javascript");
        assert_eq!(refused("data:text/html;base64,PHNjcmlwdD4="), "data");
        assert_eq!(refused("vbscript:msgbox"), "vbscript");
        assert_eq!(refused("file:///etc/passwd"), "file");
    }

    #[test]
    fn disguised_schemes_are_seen_through() {
        assert_eq!(refused("JavaScript:alert(1)"), "javascript");
        assert_eq!(refused("  \u{1}javascript:alert(1)"), "javascript");
        assert_eq!(refused("java\tscr\nipt:alert(1)"), "javascript");
        assert_eq!(refused("javascript&#58;alert(1)"), "javascript");
        assert_eq!(refused("javascript&colon;alert(1)"), "javascript");
        assert_eq!(refused("&#x6A;avascript:alert(1)"), "javascript");
        assert_eq!(refused("&#106&#97vascript:alert(1)"), "javascript");
        assert_eq!(refused("java&Tab;script:alert(1)"), "javascript");
    }

    #[test]
    fn references_decode() {
        assert_eq!(
            decode_references("a&#58;b&amp;c&unknown;"),
            "a:b&c&unknown;"
        );
        assert_eq!(decode_references("&#x110000;"), "\u{FFFD}");
    }
}
