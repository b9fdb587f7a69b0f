//! Server-sent events to open tabs. A tab's `/__plansite/events` socket is
//! answered once by a worker and then kept here: each message is written to
//! every socket in turn, without blocking, and a socket that cannot take it
//! at once (closed, or a tab that stopped reading) is dropped — the tab's
//! `EventSource` connects again. So open tabs hold no thread, and a stuck
//! one cannot hold up the others.

use std::io::Write;
use std::net::TcpStream;
use std::sync::Mutex;
use std::time::Duration;

/// A message to open tabs.
#[derive(Debug, Clone)]
pub enum Event {
    /// A new generation of the whole site: tabs reload.
    Reload(u64),
    /// These pages changed: tabs showing one of them reload.
    Update(Vec<String>),
    /// The build failed with this text.
    Error(String),
}

impl Event {
    /// The event as written on the stream.
    fn text(&self) -> String {
        match self {
            Event::Reload(g) => {
                format!("event: build-ok\ndata: {g}\n\nevent: reload\ndata: {g}\n\n")
            }
            Event::Update(paths) => format!(
                "event: update\ndata: {}\n\n",
                serde_json::to_string(paths).expect("strings serialize")
            ),
            Event::Error(e) => format!("event: build-error\ndata: {}\n\n", json_string(e)),
        }
    }
}

/// A JSON string literal.
pub fn json_string(s: &str) -> String {
    serde_json::to_string(s).expect("strings serialize")
}

/// How often open streams get a comment line, which keeps proxies from
/// closing them and finds the tabs that have gone.
pub const PING: Duration = Duration::from_secs(15);

/// The open event streams.
#[derive(Default)]
pub struct Tabs {
    streams: Mutex<Vec<TcpStream>>,
}

/// Most event streams kept open; the oldest is dropped for a new one.
const MAX_TABS: usize = 1024;

impl Tabs {
    /// Answers an events request on `stream` and keeps it: the response
    /// head, `hello` with the current generation and the current build
    /// error, if any (both read by `current` under the same lock that
    /// broadcasting takes, so no event falls in between).
    pub fn open(&self, mut stream: TcpStream, current: impl FnOnce() -> (u64, Option<String>)) {
        let mut streams = self.streams.lock().expect("tabs lock");
        let (generation, error) = current();
        let mut text = String::from(
            "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: keep-alive\r\n\r\n",
        );
        text.push_str(&format!("event: hello\ndata: {generation}\n\n"));
        if let Some(e) = error {
            text.push_str(&Event::Error(e).text());
        }
        if stream.set_nonblocking(true).is_err() || !send(&mut stream, text.as_bytes()) {
            return;
        }
        if streams.len() >= MAX_TABS {
            streams.remove(0);
        }
        streams.push(stream);
    }

    /// Sends `event` to every open tab.
    pub fn broadcast(&self, event: &Event) {
        self.send_all(event.text().as_bytes());
    }

    /// Sends a comment line to every open tab (see [`PING`]).
    pub fn ping(&self) {
        self.send_all(b": ping\n\n");
    }

    /// How many event streams are open.
    pub fn len(&self) -> usize {
        self.streams.lock().expect("tabs lock").len()
    }

    /// Whether no event stream is open.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn send_all(&self, bytes: &[u8]) {
        let mut streams = self.streams.lock().expect("tabs lock");
        streams.retain_mut(|s| send(s, bytes));
    }
}

/// Writes all of `bytes` to a non-blocking socket; `false` when it could
/// not take them all at once (the stream is then dropped, as a partial
/// event would garble it).
fn send(stream: &mut TcpStream, bytes: &[u8]) -> bool {
    stream
        .write_all(bytes)
        .and_then(|()| stream.flush())
        .is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{BufRead, BufReader};
    use std::net::TcpListener;

    /// A connected pair: (client, server side).
    fn pair(l: &TcpListener) -> (TcpStream, TcpStream) {
        let c = TcpStream::connect(l.local_addr().unwrap()).unwrap();
        let (s, _) = l.accept().unwrap();
        (c, s)
    }

    #[test]
    fn events_reach_open_tabs_and_closed_ones_are_dropped() {
        let l = TcpListener::bind("127.0.0.1:0").unwrap();
        let tabs = Tabs::default();
        let (a, sa) = pair(&l);
        let (b, sb) = pair(&l);
        tabs.open(sa, || (3, None));
        tabs.open(sb, || (3, Some("bad".into())));
        assert_eq!(tabs.len(), 2);
        drop(b);
        tabs.broadcast(&Event::Reload(4));
        // A write to a closed socket fails on the first or second try.
        tabs.ping();
        tabs.ping();
        assert_eq!(tabs.len(), 1, "the closed tab is dropped");
        let lines: Vec<String> = BufReader::new(a)
            .lines()
            .map(Result::unwrap)
            .take_while(|l| l != ": ping")
            .filter(|l| l.starts_with("event:") || l.starts_with("data:"))
            .collect();
        assert_eq!(
            lines,
            [
                "event: hello",
                "data: 3",
                "event: build-ok",
                "data: 4",
                "event: reload",
                "data: 4"
            ]
        );
    }

    #[test]
    fn a_tab_that_stops_reading_is_dropped_without_holding_up_the_others() {
        let l = TcpListener::bind("127.0.0.1:0").unwrap();
        let tabs = Tabs::default();
        let (_stuck, s1) = pair(&l);
        let (reader, s2) = pair(&l);
        tabs.open(s1, || (1, None));
        tabs.open(s2, || (1, None));
        let got = std::thread::spawn(move || {
            let mut r = BufReader::new(reader);
            let mut line = String::new();
            let mut n = 0;
            while r.read_line(&mut line).unwrap() > 0 {
                n += line.len();
                line.clear();
            }
            n
        });
        // Far more than the socket buffers hold, while `_stuck` reads
        // nothing: each broadcast returns at once.
        let big = Event::Error("x".repeat(256 * 1024));
        let start = std::time::Instant::now();
        for _ in 0..64 {
            tabs.broadcast(&big);
        }
        assert!(start.elapsed() < Duration::from_secs(5));
        assert!(tabs.len() <= 1, "the stuck tab is dropped");
        drop(tabs);
        assert!(got.join().unwrap() > 0, "the reading tab got events");
    }
}
