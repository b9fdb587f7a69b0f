//! `plansite serve` end to end: a real server process on a free loopback
//! port, real files edited on disk, the reload message read from the
//! server-sent event stream, and requests that try to leave the output.

use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};

mod common;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

struct Server {
    child: Child,
    addr: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(root: &Path) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_plansite"))
        .env("LC_ALL", "C")
        .args(["serve", "--port", "0", "--poll-ms", "50", "--root"])
        .arg(root)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let addr = line
        .split("http://")
        .nth(1)
        .and_then(|s| s.split('/').next())
        .unwrap_or_else(|| panic!("no address in {line:?}"))
        .to_string();
    assert!(
        addr.starts_with("127.0.0.1:"),
        "binds loopback by default: {addr}"
    );
    Server { child, addr }
}

/// A raw GET, path sent as is (no client-side normalisation).
fn get(addr: &str, path: &str) -> (u16, String) {
    let mut s = TcpStream::connect(addr).unwrap();
    write!(s, "GET {path} HTTP/1.1\r\nHost: {addr}\r\n\r\n").unwrap();
    let mut buf = Vec::new();
    s.read_to_end(&mut buf).unwrap();
    let text = String::from_utf8_lossy(&buf).to_string();
    let status = text[9..12].parse().unwrap();
    let body = text.split_once("\r\n\r\n").map_or("", |x| x.1).to_string();
    (status, body)
}

/// Reads server-sent events into a channel.
fn events(addr: &str) -> mpsc::Receiver<(String, String)> {
    let mut s = TcpStream::connect(addr).unwrap();
    write!(s, "GET /__plansite/events HTTP/1.1\r\nHost: {addr}\r\n\r\n").unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut event = String::new();
        for line in BufReader::new(s).lines() {
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

fn wait_for(rx: &mpsc::Receiver<(String, String)>, name: &str) -> String {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match rx.recv_timeout(left) {
            Ok((e, d)) if e == name => return d,
            Ok(_) => continue,
            Err(_) => panic!("no `{name}` event within 30 s"),
        }
    }
}

fn site() -> (tempfile::TempDir, PathBuf) {
    let tmp = common::fixture_copy();
    let plan = tmp.path().join("content/plans/mini-plan/index.md");
    (tmp, plan)
}

#[test]
fn edit_rebuilds_and_reloads_and_an_error_keeps_the_last_good_site() {
    let (tmp, plan) = site();
    let server = start(tmp.path());
    let addr = &server.addr;
    let (status, page) = get(addr, "/plans/mini-plan/");
    assert_eq!(status, 200);
    assert!(page.contains("10.7"), "the served plan page");
    assert!(
        page.contains("/__plansite/live.js"),
        "reload script injected"
    );

    let rx = events(addr);
    assert_eq!(wait_for(&rx, "hello"), "1");

    // A corrected figure.
    let text = fs::read_to_string(&plan).unwrap();
    let t0 = Instant::now();
    fs::write(
        &plan,
        text.replace("value: 10.7}", "value: 12.5}")
            .replace("达到10.7亿元", "达到12.5亿元"),
    )
    .unwrap();
    assert_eq!(wait_for(&rx, "reload"), "2");
    let (status, page) = get(addr, "/plans/mini-plan/");
    eprintln!(
        "save → reload message → page fetched: {} ms",
        t0.elapsed().as_millis()
    );
    assert_eq!(status, 200);
    assert!(
        page.contains("12.5") && !page.contains("10.7亿元"),
        "new figure served"
    );

    // A broken edit: the error reaches the browser; the good site stays.
    fs::write(&plan, "---\ntitle: [unclosed\n---\n").unwrap();
    let err = wait_for(&rx, "build-error");
    assert!(
        err.contains("index.md:2:"),
        "error names file and line: {err}"
    );
    let (status, page) = get(addr, "/plans/mini-plan/");
    assert_eq!(status, 200);
    assert!(page.contains("12.5"), "last good version still served");
    let (_, status_json) = get(addr, "/__plansite/status");
    assert!(
        status_json.contains("\"error\":\"") && status_json.contains("index.md:2:"),
        "{status_json}"
    );

    // Fixed again: reload, and the error is cleared.
    fs::write(&plan, text).unwrap();
    assert_eq!(wait_for(&rx, "reload"), "3");
    let (_, status_json) = get(addr, "/__plansite/status");
    assert_eq!(status_json, "{\"generation\":3,\"error\":null}");
}

#[test]
fn requests_outside_the_output_are_refused() {
    let (tmp, _) = site();
    // A secret beside the site and a symlink inside the content folder that
    // points out of it: neither may be served.
    fs::write(tmp.path().join("secret.txt"), "do-not-serve").unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(
        tmp.path().join("secret.txt"),
        tmp.path().join("content/secret-link.txt"),
    )
    .unwrap();
    let server = start(tmp.path());
    let addr = &server.addr;
    for path in [
        "/../secret.txt",
        "/../../etc/passwd",
        "/%2e%2e/secret.txt",
        "/%2E%2E%2Fsecret.txt",
        "/plans/%2e%2e/%2e%2e/secret.txt",
        "/..%5Csecret.txt",
        "//etc/passwd",
        "/plans/./../secret.txt",
        "/%00",
    ] {
        let (status, body) = get(addr, path);
        assert_eq!(status, 403, "{path}");
        assert!(
            !body.contains("do-not-serve") && !body.contains("root:"),
            "{path}"
        );
    }
    for path in [
        "/secret.txt",
        "/content/secret-link.txt",
        "/secret-link.txt",
        "/site.yaml",
    ] {
        let (status, body) = get(addr, path);
        assert_eq!(status, 404, "{path}");
        assert!(!body.contains("do-not-serve"), "{path}");
    }
    let (status, _) = get(addr, "/plans/mini-plan");
    assert_eq!(status, 301);
}

#[test]
fn search_packs_are_served_by_byte_range() {
    let (tmp, _) = site();
    let server = start(tmp.path());
    let (status, whole) = get(&server.addr, "/search/zh/meta.json");
    assert_eq!(status, 200);
    let mut s = TcpStream::connect(&server.addr).unwrap();
    write!(
        s,
        "GET /search/zh/meta.json HTTP/1.1\r\nHost: x\r\nRange: bytes=2-9\r\n\r\n"
    )
    .unwrap();
    let mut buf = Vec::new();
    s.read_to_end(&mut buf).unwrap();
    let text = String::from_utf8_lossy(&buf).to_string();
    assert!(text.starts_with("HTTP/1.1 206"), "{text}");
    assert!(
        text.contains(&format!("Content-Range: bytes 2-9/{}", whole.len())),
        "{text}"
    );
    assert_eq!(text.split_once("\r\n\r\n").unwrap().1, &whole[2..10]);
}

/// How many files this process may open (the soft limit), from
/// `/proc/self/limits`; the server, started from here, has the same.
fn open_files_limit() -> usize {
    fs::read_to_string("/proc/self/limits")
        .ok()
        .and_then(|t| {
            t.lines()
                .find(|l| l.starts_with("Max open files"))
                .and_then(|l| l.split_whitespace().nth(3))
                .and_then(|n| n.parse().ok())
        })
        .unwrap_or(1024)
}

/// The thread count of process `pid`.
fn threads(pid: u32) -> usize {
    let status = fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    status
        .lines()
        .find_map(|l| l.strip_prefix("Threads:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap()
}

#[test]
fn idle_connections_and_open_tabs_hold_no_thread_and_slow_heads_are_closed() {
    let (tmp, _) = site();
    let server = start(tmp.path());
    let addr = &server.addr;
    let baseline = threads(server.child.id());
    // 2,000 idle connections where the limit on open files allows (each
    // end holds one here and one in the server), 100 open tabs.
    let idle_n = 2000.min(open_files_limit().saturating_sub(300));
    eprintln!(
        "{idle_n} idle connections (open files limit {})",
        open_files_limit()
    );
    let opened = Instant::now();
    let mut idle: Vec<TcpStream> = (0..idle_n)
        .map(|_| TcpStream::connect(addr).unwrap())
        .collect();
    let tabs: Vec<_> = (0..100).map(|_| events(addr)).collect();
    for tab in &tabs {
        assert_eq!(wait_for(tab, "hello"), "1", "every tab is answered");
    }
    let start = Instant::now();
    let (status, page) = get(addr, "/plans/mini-plan/");
    let took = start.elapsed();
    assert_eq!(status, 200);
    assert!(page.contains("10.7"));
    assert!(took < Duration::from_secs(2), "answered in {took:?}");
    let n = threads(server.child.id());
    eprintln!(
        "threads: {baseline} at the start, {n} with {idle_n} idle connections and 100 tabs; page in {} ms",
        took.as_millis()
    );
    let cpus = std::thread::available_parallelism().map_or(1, |n| n.get());
    assert!(
        n <= baseline.max(12) + cpus + 4,
        "thread count bounded: {n} (at the start {baseline})"
    );
    assert!(
        opened.elapsed() < Duration::from_secs(8),
        "checked while the idle connections were still open"
    );

    // A request head that never completes is closed after 10 s, as are
    // the idle connections; the open tabs stay.
    let mut slow = TcpStream::connect(addr).unwrap();
    slow.write_all(b"GET /plans/mini-plan/ HTTP/1.1\r\nHost: x\r\n")
        .unwrap();
    slow.set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    let sent = Instant::now();
    let mut rest = Vec::new();
    assert_eq!(slow.read_to_end(&mut rest).unwrap(), 0, "closed, no answer");
    let waited = sent.elapsed();
    assert!(
        waited >= Duration::from_secs(8) && waited < Duration::from_secs(20),
        "closed after {waited:?}"
    );
    idle[0]
        .set_read_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    assert_eq!(
        idle[0].read_to_end(&mut rest).unwrap(),
        0,
        "idle closed too"
    );
    let (status, _) = get(addr, "/__plansite/status");
    assert_eq!(status, 200);
}
