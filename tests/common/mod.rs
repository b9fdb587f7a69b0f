//! Helpers shared by the integration tests (each test file uses a subset).
#![allow(dead_code)]

pub mod page;

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The crate root.
pub fn manifest() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The fixture site.
pub fn fixture() -> PathBuf {
    manifest().join("tests/fixtures/site")
}

/// Copies the tree `from` (a folder, or a single file) to `to`, creating
/// folders as needed.
pub fn copy_dir(from: &Path, to: &Path) {
    if from.is_file() {
        fs::create_dir_all(to.parent().unwrap()).unwrap();
        fs::copy(from, to).unwrap();
        return;
    }
    for entry in walkdir::WalkDir::new(from)
        .into_iter()
        .filter_map(Result::ok)
    {
        let rel = entry.path().strip_prefix(from).unwrap();
        let dest = to.join(rel);
        if entry.file_type().is_dir() {
            fs::create_dir_all(&dest).unwrap();
        } else {
            fs::create_dir_all(dest.parent().unwrap()).unwrap();
            fs::copy(entry.path(), &dest).unwrap();
        }
    }
}

/// A temporary copy of the fixture site.
pub fn fixture_copy() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(&fixture(), tmp.path());
    tmp
}

/// A temporary copy of the bundled site (the repository's own `site.yaml`,
/// `content/`, `indicators/` and `themes/`), as a newcomer would have it.
pub fn bundled_copy() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    copy_bundled(tmp.path());
    tmp
}

/// Copies the bundled site's sources into the folder `to`.
pub fn copy_bundled(to: &Path) {
    for part in ["site.yaml", "content", "indicators", "themes"] {
        let from = manifest().join(part);
        if from.exists() {
            copy_dir(&from, &to.join(part));
        }
    }
}

/// A child process killed when dropped, so a failing test leaves no
/// server running.
pub struct Killed(pub std::process::Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Reads `plansite serve`'s first line of output and returns the
/// `host:port` it says it serves at.
pub fn served_address(child: &mut std::process::Child) -> String {
    use std::io::BufRead;
    let mut line = String::new();
    std::io::BufReader::new(child.stdout.take().expect("stdout piped"))
        .read_line(&mut line)
        .unwrap();
    line.split("http://")
        .nth(1)
        .and_then(|s| s.split('/').next())
        .unwrap_or_else(|| panic!("no address in {line:?}"))
        .to_string()
}

/// A raw `GET path` (sent as is); the status and the body.
pub fn http_get(addr: &str, path: &str) -> (u16, String) {
    use std::io::{Read, Write};
    let mut s = std::net::TcpStream::connect(addr).unwrap();
    write!(s, "GET {path} HTTP/1.1\r\nHost: {addr}\r\n\r\n").unwrap();
    let mut buf = Vec::new();
    s.read_to_end(&mut buf).unwrap();
    let text = String::from_utf8_lossy(&buf).to_string();
    let status = text.get(9..12).and_then(|s| s.parse().ok()).unwrap_or(0);
    let body = text.split_once("\r\n\r\n").map_or("", |x| x.1).to_string();
    (status, body)
}

/// Opens `/__plansite/events` and sends each `(event, data)` read from it
/// into the returned channel.
pub fn sse_events(addr: &str) -> std::sync::mpsc::Receiver<(String, String)> {
    use std::io::{BufRead, Write};
    let mut s = std::net::TcpStream::connect(addr).unwrap();
    write!(s, "GET /__plansite/events HTTP/1.1\r\nHost: {addr}\r\n\r\n").unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut event = String::new();
        for line in std::io::BufReader::new(s).lines() {
            let Ok(line) = line else { return };
            if let Some(e) = line.strip_prefix("event: ") {
                event = e.to_string();
            } else if let Some(d) = line.strip_prefix("data: ") {
                if tx.send((event.clone(), d.to_string())).is_err() {
                    return;
                }
            }
        }
    });
    rx
}

/// Waits up to `within` for an event named `name`; its data.
pub fn wait_event(
    rx: &std::sync::mpsc::Receiver<(String, String)>,
    name: &str,
    within: std::time::Duration,
) -> String {
    let deadline = std::time::Instant::now() + within;
    loop {
        let left = deadline.saturating_duration_since(std::time::Instant::now());
        match rx.recv_timeout(left) {
            Ok((e, d)) if e == name => return d,
            Ok(_) => continue,
            Err(_) => panic!("no `{name}` event within {within:?}"),
        }
    }
}

/// The bundled site built with default options, once per test binary: its
/// output folder.
pub fn built_bundled() -> &'static Path {
    static OUT: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    &OUT.get_or_init(|| {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        plansite::build(&plansite::BuildOptions {
            root: manifest(),
            out: out.clone(),
            base_url: None,
            force: false,
            publish: plansite::publish::Publish::build(false, false),
        })
        .unwrap_or_else(|d| panic!("{d}"));
        (tmp, out)
    })
    .1
}
