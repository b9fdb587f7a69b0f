//! The small HTTP/1.1 subset `serve` speaks: GET and HEAD, one request per
//! connection, and a strict mapping from request paths to output paths that
//! refuses anything that could leave the output folder.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::time::Duration;

/// A parsed request line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    /// `GET` or `HEAD`.
    pub method: String,
    /// The path as sent, without the query.
    pub path: String,
    /// A single `Range: bytes=a-b` (inclusive), when sent.
    pub range: Option<(usize, usize)>,
}

/// Parses `bytes=a-b`; other forms (suffixes, several ranges) give `None`,
/// and the whole file is sent.
pub fn parse_range(value: &str) -> Option<(usize, usize)> {
    let (a, b) = value.trim().strip_prefix("bytes=")?.split_once('-')?;
    let (a, b) = (a.parse().ok()?, b.parse().ok()?);
    (a <= b).then_some((a, b))
}

/// Reads the request line and headers (bodies are not accepted).
pub fn read_request(stream: &TcpStream) -> Option<Request> {
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .ok()?;
    let mut reader = BufReader::new(stream.take(16 * 1024));
    let mut line = String::new();
    reader.read_line(&mut line).ok()?;
    let mut parts = line.split_whitespace();
    let method = parts.next()?.to_string();
    let target = parts.next()?;
    let mut range = None;
    loop {
        let mut h = String::new();
        if reader.read_line(&mut h).ok()? == 0 || h == "\r\n" || h == "\n" {
            break;
        }
        if let Some((name, value)) = h.split_once(':') {
            if name.trim().eq_ignore_ascii_case("range") {
                range = parse_range(value);
            }
        }
    }
    let path = target.split(['?', '#']).next().unwrap_or("/").to_string();
    Some(Request {
        method,
        path,
        range,
    })
}

/// Where a request path leads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolved {
    /// An output file (`plans/x/index.html`).
    File(String),
    /// A folder requested without its slash: redirect here.
    Redirect(String),
    /// The path tries to leave the output folder or is malformed.
    Forbidden,
}

fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// Maps a request path to an output path. Percent-encoding is decoded once;
/// `..`, `.`, empty segments inside the path, backslashes, NUL and
/// control characters are refused, so encoded traversal (`%2e%2e`, `%2f`)
/// cannot escape. `exists` tells whether an output path exists.
pub fn resolve(path: &str, exists: impl Fn(&str) -> bool) -> Resolved {
    let Some(decoded) = percent_decode(path) else {
        return Resolved::Forbidden;
    };
    if !decoded.starts_with('/')
        || decoded.contains('\\')
        || decoded.chars().any(|c| c.is_control())
    {
        return Resolved::Forbidden;
    }
    let inner = &decoded[1..];
    let trailing = inner.is_empty() || inner.ends_with('/');
    let segments: Vec<&str> = inner.split('/').collect();
    let last = segments.len() - 1;
    for (i, s) in segments.iter().enumerate() {
        let empty_ok = i == last && trailing;
        if *s == ".." || *s == "." || (s.is_empty() && !empty_ok) {
            return Resolved::Forbidden;
        }
    }
    if trailing {
        return Resolved::File(format!("{inner}index.html"));
    }
    if exists(inner) {
        return Resolved::File(inner.to_string());
    }
    if exists(&format!("{inner}/index.html")) {
        // Keep the raw (encoded) path in the Location header.
        return Resolved::Redirect(format!("{path}/"));
    }
    Resolved::File(inner.to_string())
}

/// Content type by extension.
pub fn content_type(path: &str) -> &'static str {
    match path.rsplit('.').next().unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "xml" => "application/xml; charset=utf-8",
        "svg" => "image/svg+xml",
        "txt" => "text/plain; charset=utf-8",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        _ => "application/octet-stream",
    }
}

/// Writes a whole response.
pub fn respond(
    stream: &mut TcpStream,
    status: &str,
    headers: &[(&str, &str)],
    body: &[u8],
    head_only: bool,
) -> std::io::Result<()> {
    let mut out = format!("HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\nCache-Control: no-store\r\n", body.len());
    for (k, v) in headers {
        out.push_str(k);
        out.push_str(": ");
        out.push_str(v);
        out.push_str("\r\n");
    }
    out.push_str("\r\n");
    stream.write_all(out.as_bytes())?;
    if !head_only {
        stream.write_all(body)?;
    }
    stream.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(path: &str) -> Resolved {
        resolve(path, |p| {
            matches!(
                p,
                "index.html" | "plans/a/index.html" | "style.css" | "计划/index.html"
            )
        })
    }

    #[test]
    fn ordinary_paths() {
        assert_eq!(r("/"), Resolved::File("index.html".into()));
        assert_eq!(r("/plans/a/"), Resolved::File("plans/a/index.html".into()));
        assert_eq!(r("/style.css"), Resolved::File("style.css".into()));
        assert_eq!(r("/plans/a"), Resolved::Redirect("/plans/a/".into()));
        assert_eq!(
            r("/%E8%AE%A1%E5%88%92/"),
            Resolved::File("计划/index.html".into())
        );
        assert_eq!(r("/missing.html"), Resolved::File("missing.html".into()));
    }

    #[test]
    fn ranges() {
        assert_eq!(parse_range("bytes=0-9"), Some((0, 9)));
        assert_eq!(parse_range(" bytes=5-5"), Some((5, 5)));
        assert_eq!(parse_range("bytes=9-0"), None);
        assert_eq!(parse_range("bytes=-5"), None);
        assert_eq!(parse_range("bytes=0-1,4-5"), None);
    }

    #[test]
    fn traversal_is_refused() {
        for p in [
            "/../Cargo.toml",
            "/plans/../../etc/passwd",
            "/%2e%2e/site.yaml",
            "/%2E%2E%2Fsite.yaml",
            "/plans/%2e%2e/%2e%2e/x",
            "/..%5c..%5cx",
            "/a\\..\\b",
            "/./index.html",
            "//etc/passwd",
            "/a//b",
            "/%00",
            "/%zz",
            "/%ff%fe",
            "relative",
        ] {
            assert_eq!(r(p), Resolved::Forbidden, "{p}");
        }
    }
}
