//! The small HTTP/1.1 subset `serve` speaks: GET and HEAD, one request per
//! connection, its head parsed from the bytes [`super::accept`] gathered;
//! and a strict mapping from request paths to output paths that refuses
//! anything that could leave the output folder.

use std::io::Write;
use std::net::TcpStream;
use std::time::{Duration, Instant};

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

/// Where the request head in `buf` ends (just past the blank line that
/// closes the headers), once it has fully arrived.
pub fn head_end(buf: &[u8]) -> Option<usize> {
    let crlf = memchr::memmem::find(buf, b"\r\n\r\n").map(|i| i + 4);
    let lf = memchr::memmem::find(buf, b"\n\n").map(|i| i + 2);
    match (crlf, lf) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// Parses a request head (request line and headers; bodies are not
/// accepted). `None` when it is not a request.
pub fn parse_request(head: &[u8]) -> Option<Request> {
    let text = std::str::from_utf8(head).ok()?;
    let mut lines = text.lines();
    let mut parts = lines.next()?.split_whitespace();
    let method = parts.next()?.to_string();
    let target = parts.next()?;
    let mut range = None;
    for h in lines.take_while(|h| !h.is_empty()) {
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
        "gif" => "image/gif",
        "webp" => "image/webp",
        "pdf" => "application/pdf",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        _ => "application/octet-stream",
    }
}

/// Writes a whole response, giving up after [`RESPONSE_TIME`].
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
        // The socket's write timeout bounds each write; this bounds them
        // all, so a client that reads a trickle cannot keep a worker.
        let deadline = Instant::now() + RESPONSE_TIME;
        for chunk in body.chunks(64 * 1024) {
            if Instant::now() > deadline {
                return Err(std::io::Error::new(
                    std::io::ErrorKind::TimedOut,
                    "client too slow to take the response",
                ));
            }
            stream.write_all(chunk)?;
        }
    }
    stream.flush()
}

/// Longest time a response may take to send.
pub const RESPONSE_TIME: Duration = Duration::from_secs(30);

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
    fn request_heads() {
        assert_eq!(head_end(b"GET / HTTP/1.1\r\nHost: x\r\n"), None);
        let head = b"GET /a?q=1 HTTP/1.1\r\nHost: x\r\nRange: bytes=1-2\r\n\r\nbody";
        assert_eq!(head_end(head), Some(head.len() - 4));
        assert_eq!(head_end(b"GET / HTTP/1.0\n\n"), Some(16));
        assert_eq!(
            parse_request(&head[..head.len() - 4]),
            Some(Request {
                method: "GET".into(),
                path: "/a".into(),
                range: Some((1, 2)),
            })
        );
        assert_eq!(parse_request(b"\r\n\r\n"), None);
        assert_eq!(parse_request(b"GET\r\n\r\n"), None);
        assert_eq!(parse_request(b"GET /\xff HTTP/1.1\r\n\r\n"), None);
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
