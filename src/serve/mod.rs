//! `plansite serve`: build, serve the site from memory on loopback, watch
//! the sources, rebuild on a change and reload open tabs through
//! server-sent events. A build error keeps the last good site served and
//! is shown in the terminal and over the page.
//!
//! ```text
//! watcher thread   file events (or polling) → changed paths → rebuild → broadcast
//! accept loop      one thread waits on all sockets; a fixed pool of workers
//!                  answers complete requests (see [`accept`])
//!   /__plansite/events   text/event-stream: hello, reload, build-error, build-ok;
//!                        the socket is then kept by [`broadcast`], not a worker
//!   /__plansite/live.js  the reload/overlay script injected into HTML
//!   /__plansite/status   {"generation": n, "error": null | "…"}
//!   anything else        the built file (http::resolve refuses traversal)
//! ```
//!
//! An edit to plans that the site already has rebuilds only the pages that
//! show them (see [`crate::session`]), then the data files and the search
//! index; any other change runs the whole pipeline in memory.
//!
//! The site folder is made absolute once at the start, so `--root .` (the
//! default) and other relative roots compare equal to the absolute paths
//! file events carry.

pub mod accept;
pub mod broadcast;
pub mod http;
pub mod watch;

use std::collections::HashMap;
use std::io::Write;
use std::net::{IpAddr, SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use broadcast::{json_string, Event, Tabs};
use http::{Request, Resolved};

use crate::session::{PlanEdit, Session};

const LIVE_JS: &str = include_str!("live.js");

/// How to serve.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// Site folder.
    pub root: PathBuf,
    /// Address to bind (127.0.0.1 unless asked otherwise).
    pub bind: IpAddr,
    /// Port (0 picks a free one).
    pub port: u16,
    /// How often sources are checked for changes where file events are not
    /// available.
    pub poll: Duration,
}

#[derive(Default)]
struct Served {
    files: HashMap<String, Arc<Vec<u8>>>,
    error: Option<String>,
    generation: u64,
}

#[derive(Default)]
struct Shared {
    state: RwLock<Served>,
    tabs: Tabs,
}

impl Shared {
    fn broadcast(&self, e: Event) {
        self.tabs.broadcast(&e);
    }
}

/// Binds, builds and serves until the process is stopped.
pub fn run(opts: &ServeOptions) -> std::io::Result<()> {
    // Absolute from here on: file events name absolute paths.
    let root = opts.root.canonicalize().map_err(|e| {
        std::io::Error::new(
            e.kind(),
            format!("site folder {}: {e}", opts.root.display()),
        )
    })?;
    let listener = TcpListener::bind(SocketAddr::new(opts.bind, opts.port))?;
    let addr = listener.local_addr()?;
    let base = format!("http://{addr}/");
    let shared = Arc::new(Shared::default());
    // Watch first: an edit made during the first build triggers a rebuild.
    let mut watch = watch::Watch::new(&root, opts.poll);
    let mut session = rebuild(&shared, &root, &base, "initial build");
    println!("serving {} at {base} (Ctrl-C to stop)", root.display());
    std::io::stdout().flush()?;

    let watcher_shared = Arc::clone(&shared);
    std::thread::spawn(move || watch_loop(&watcher_shared, &base, &mut watch, &mut session));
    let pinger = Arc::clone(&shared);
    std::thread::spawn(move || loop {
        std::thread::sleep(broadcast::PING);
        pinger.tabs.ping();
    });

    accept::serve(
        listener,
        &accept::Limits::default(),
        move |stream, request| {
            let _ = handle(stream, request, &shared);
        },
    )
}

fn watch_loop(
    shared: &Shared,
    base: &str,
    watch: &mut watch::Watch,
    session: &mut Option<Session>,
) {
    loop {
        let changed = watch.changes();
        let root = watch.root().to_path_buf();
        let names: Vec<String> = changed
            .iter()
            .map(|p| p.strip_prefix(&root).unwrap_or(p).display().to_string())
            .collect();
        let why = names.join(", ");
        // After a failed build only a full build can tell that all is well.
        let clean = shared.state.read().expect("state lock").error.is_none();
        let edit = session
            .as_ref()
            .filter(|_| clean)
            .and_then(|s| s.plan_edit(&changed));
        match (edit, session.as_mut()) {
            (Some(edits), Some(s)) => rebuild_plans(shared, s, &edits, &why),
            _ => {
                if let Some(s) = rebuild(shared, &root, base, &why) {
                    *session = Some(s);
                }
            }
        }
    }
}

/// Rebuilds only what edited plans affect: their own pages first (then the
/// tabs reload), then the search index's edit segment, then the other pages
/// showing them (tabs on one of those reload again), then the data files
/// and feeds.
fn rebuild_plans(shared: &Shared, session: &mut Session, edits: &[PlanEdit], why: &str) {
    let start = Instant::now();
    let r = match session.edit(edits) {
        Ok(r) => r,
        Err(d) => return failed(shared, &d, why),
    };
    eprint!("{}", r.warnings);
    let n = r.files.len();
    let generation = swap_in(shared, r.files, false);
    eprintln!(
        "[{why}] rebuilt the plan's {n} pages in {} ms",
        start.elapsed().as_millis()
    );
    shared.broadcast(Event::Reload(generation));
    let start = Instant::now();
    let files = session.search();
    let n = files.len();
    // An earlier edit segment's files are replaced whole.
    put_files(shared, files, is_edit_segment);
    eprintln!(
        "[{why}] search index updated ({n} files of its edit segment) in {} ms",
        start.elapsed().as_millis()
    );
    let start = Instant::now();
    match session.render_routes(&r.later) {
        Ok(files) => {
            let paths: Vec<String> = files.iter().map(|f| f.path.clone()).collect();
            let n = files.len();
            put_files(shared, files, |_| false);
            eprintln!(
                "[{why}] rebuilt {n} pages that show it in {} ms",
                start.elapsed().as_millis()
            );
            shared.broadcast(Event::Update(paths));
        }
        Err(d) => return failed(shared, &d, why),
    }
    let start = Instant::now();
    let files = session.data();
    let n = files.len();
    put_files(shared, files, |_| false);
    eprintln!(
        "[{why}] data files and feeds updated ({n} files) in {} ms",
        start.elapsed().as_millis()
    );
}

/// Whether `path` is a file of a search index's edit segment.
fn is_edit_segment(path: &str) -> bool {
    crate::model::Lang::ALL.iter().any(|l| {
        path.strip_prefix(&format!(
            "{}/{}/{}/",
            crate::search::layout::ROOT,
            l.code(),
            crate::search::layout::EDITS
        ))
        .is_some()
    })
}

/// Adds or replaces files without starting a new generation, first
/// dropping the served files whose paths are `stale`, all under one lock so
/// no request sees a mix of old and new.
fn put_files(shared: &Shared, files: Vec<crate::output::OutFile>, stale: fn(&str) -> bool) {
    let mut s = shared.state.write().expect("state lock");
    s.files.retain(|path, _| !stale(path));
    for f in files {
        s.files.insert(f.path, Arc::new(f.bytes));
    }
}

/// Puts new files into the served set (replacing all of it when `all`);
/// returns the new generation.
fn swap_in(shared: &Shared, files: Vec<crate::output::OutFile>, all: bool) -> u64 {
    let mut s = shared.state.write().expect("state lock");
    if all {
        s.files.clear();
    }
    for f in files {
        s.files.insert(f.path, Arc::new(f.bytes));
    }
    if s.error.take().is_some() {
        eprintln!("build fixed");
    }
    s.generation += 1;
    s.generation
}

fn failed(shared: &Shared, d: &crate::diag::Diagnostics, why: &str) {
    let text = d.to_string();
    eprint!("{text}");
    eprintln!(
        "[{why}] build failed: {} error(s); still serving the last good version",
        d.error_count()
    );
    shared.state.write().expect("state lock").error = Some(text.clone());
    shared.broadcast(Event::Error(text));
}

/// A full build; returns the session for later edits when it succeeded.
fn rebuild(shared: &Shared, root: &Path, base: &str, why: &str) -> Option<Session> {
    let start = Instant::now();
    match Session::open(root, Some(base)) {
        Ok((session, r)) => {
            eprint!("{}", r.warnings);
            let n = r.files.len();
            let generation = swap_in(shared, r.files, true);
            eprintln!(
                "[{why}] rebuilt {n} files in {} ms",
                start.elapsed().as_millis()
            );
            shared.broadcast(Event::Reload(generation));
            Some(session)
        }
        Err(d) => {
            failed(shared, &d, why);
            None
        }
    }
}

fn inject(html: &[u8], generation: u64) -> Vec<u8> {
    let tag =
        format!("<script src=\"/__plansite/live.js\" data-generation=\"{generation}\"></script>");
    let text = String::from_utf8_lossy(html);
    match text.rfind("</body>") {
        Some(i) => format!("{}{tag}{}", &text[..i], &text[i..]).into_bytes(),
        None => format!("{text}{tag}").into_bytes(),
    }
}

fn handle(mut stream: TcpStream, req: Option<Request>, shared: &Shared) -> std::io::Result<()> {
    let Some(req) = req else {
        return http::respond(&mut stream, "400 Bad Request", &[], b"bad request", false);
    };
    let head = req.method == "HEAD";
    if req.method != "GET" && !head {
        return http::respond(
            &mut stream,
            "405 Method Not Allowed",
            &[("Allow", "GET, HEAD")],
            b"method not allowed",
            false,
        );
    }
    match req.path.as_str() {
        "/__plansite/live.js" => {
            return http::respond(
                &mut stream,
                "200 OK",
                &[("Content-Type", http::content_type("live.js"))],
                LIVE_JS.as_bytes(),
                head,
            )
        }
        "/__plansite/status" => {
            let s = shared.state.read().expect("state lock");
            let body = format!(
                "{{\"generation\":{},\"error\":{}}}",
                s.generation,
                s.error.as_deref().map_or("null".into(), json_string)
            );
            return http::respond(
                &mut stream,
                "200 OK",
                &[("Content-Type", http::content_type("x.json"))],
                body.as_bytes(),
                head,
            );
        }
        "/__plansite/events" => {
            shared.tabs.open(stream, || {
                let s = shared.state.read().expect("state lock");
                (s.generation, s.error.clone())
            });
            return Ok(());
        }
        _ => {}
    }
    match lookup(shared, &req.path) {
        Reply::Forbidden => http::respond(&mut stream, "403 Forbidden", &[], b"forbidden", head),
        Reply::Redirect(to) => http::respond(
            &mut stream,
            "301 Moved Permanently",
            &[("Location", &to)],
            b"",
            head,
        ),
        Reply::Missing(body) => {
            http::respond(&mut stream, "404 Not Found", &[], body.as_bytes(), head)
        }
        Reply::File {
            status,
            path,
            bytes,
            generation,
        } => {
            let ct = http::content_type(&path);
            let headers = [("Content-Type", ct)];
            if ct.starts_with("text/html") {
                let body = inject(&bytes, generation);
                http::respond(&mut stream, status, &headers, &body, head)
            } else if let Some((a, b)) = req.range.filter(|&(a, _)| a < bytes.len()) {
                let b = b.min(bytes.len() - 1);
                let cr = format!("bytes {a}-{b}/{}", bytes.len());
                let headers = [("Content-Type", ct), ("Content-Range", cr.as_str())];
                http::respond(
                    &mut stream,
                    "206 Partial Content",
                    &headers,
                    &bytes[a..=b],
                    head,
                )
            } else {
                http::respond(&mut stream, status, &headers, &bytes, head)
            }
        }
    }
}

/// What to answer for a path, decided under one read of the state.
enum Reply {
    Forbidden,
    Redirect(String),
    /// A built file (or the site's 404 page) with the generation it is from.
    File {
        status: &'static str,
        path: String,
        bytes: Arc<Vec<u8>>,
        generation: u64,
    },
    /// No such file and no 404 page (the first build failed).
    Missing(String),
}

fn lookup(shared: &Shared, request_path: &str) -> Reply {
    let s = shared.state.read().expect("state lock");
    let file = |path: &str, status| {
        s.files.get(path).map(|b| Reply::File {
            status,
            path: path.to_string(),
            bytes: Arc::clone(b),
            generation: s.generation,
        })
    };
    match http::resolve(request_path, |p| s.files.contains_key(p)) {
        Resolved::Forbidden => Reply::Forbidden,
        Resolved::Redirect(to) => Reply::Redirect(to),
        Resolved::File(path) => file(&path, "200 OK")
            .or_else(|| file("404.html", "404 Not Found"))
            .unwrap_or_else(|| {
                Reply::Missing(match &s.error {
                    Some(e) => format!("the site did not build:\n\n{e}\n"),
                    None => "not found".into(),
                })
            }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_goes_before_the_closing_body() {
        let out = String::from_utf8(inject(b"<html><body><p>x</body></html>", 7)).unwrap();
        assert_eq!(
            out,
            "<html><body><p>x<script src=\"/__plansite/live.js\" data-generation=\"7\"></script></body></html>"
        );
        let out = String::from_utf8(inject(b"<p>minified", 1)).unwrap();
        assert!(out.ends_with("data-generation=\"1\"></script>"));
    }
}
