//! Connections with limits. One thread waits on every open socket at once
//! (`mio`: epoll on Linux) and gathers each request head as its bytes
//! arrive; only a complete head is handed to one of a fixed number of
//! worker threads, which answers it. So an idle or slow connection costs a
//! buffer, never a thread; a head not complete within
//! [`Limits::header_timeout`] is dropped; and no more than
//! [`Limits::max_connections`] sockets wait at once.
//!
//! ```text
//! accept loop (1 thread)   accept → wait readable → gather head ─┐
//!                          past the deadline or too many → close │ channel
//! workers (Limits::workers)    parse → handler(stream, request) ←┘
//! ```

use std::collections::HashMap;
use std::io::{self, Read};
use std::net::TcpStream;
use std::sync::{mpsc, Arc, Mutex};
use std::time::{Duration, Instant};

use mio::net::{TcpListener, TcpStream as MioStream};
use mio::{Events, Interest, Poll, Token};

use super::http::{self, Request};

/// How much the server takes on.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Threads answering requests.
    pub workers: usize,
    /// How long a client has to send its whole request head.
    pub header_timeout: Duration,
    /// Sockets waiting for their request head at once; further ones are
    /// closed at once.
    pub max_connections: usize,
    /// Longest request head accepted, in bytes.
    pub max_head: usize,
    /// How long a worker waits for a client to take its answer.
    pub write_timeout: Duration,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            workers: 8,
            header_timeout: Duration::from_secs(10),
            max_connections: 10_000,
            max_head: 16 * 1024,
            write_timeout: Duration::from_secs(10),
        }
    }
}

/// A connection whose request head is still arriving.
struct Waiting {
    stream: MioStream,
    head: Vec<u8>,
    deadline: Instant,
}

/// What reading a waiting connection came to.
enum Gathered {
    /// More bytes may come.
    Pending,
    /// The head is complete (or over the limit, which the handler refuses).
    Ready,
    /// The client closed or the socket failed.
    Closed,
}

impl Waiting {
    fn read_more(&mut self, max_head: usize) -> Gathered {
        let mut buf = [0u8; 4096];
        loop {
            match self.stream.read(&mut buf) {
                Ok(0) => return Gathered::Closed,
                Ok(n) => {
                    self.head.extend_from_slice(&buf[..n]);
                    if http::head_end(&self.head).is_some() || self.head.len() > max_head {
                        return Gathered::Ready;
                    }
                }
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => return Gathered::Pending,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(_) => return Gathered::Closed,
            }
        }
    }
}

/// A request handed to a worker: the socket (blocking again) and its head,
/// `None` when the head is not a request or is too long.
type Job = (TcpStream, Option<Request>);

const LISTENER: Token = Token(0);

/// Serves `listener` until it fails: every complete request head goes to
/// `handler` on one of `limits.workers` threads. Blocks the calling thread.
pub fn serve<H>(listener: std::net::TcpListener, limits: &Limits, handler: H) -> io::Result<()>
where
    H: Fn(TcpStream, Option<Request>) + Send + Sync + 'static,
{
    let jobs = start_workers(limits.workers.max(1), handler);
    deepen_backlog(&listener);
    listener.set_nonblocking(true)?;
    let mut listener = TcpListener::from_std(listener);
    let mut poll = Poll::new()?;
    poll.registry()
        .register(&mut listener, LISTENER, Interest::READABLE)?;
    let mut events = Events::with_capacity(1024);
    let mut waiting: HashMap<Token, Waiting> = HashMap::new();
    let mut next = 1usize;
    // Check deadlines a few times per timeout, at least once a second.
    let tick = (limits.header_timeout / 4).clamp(Duration::from_millis(10), Duration::from_secs(1));
    // After a failed accept (too many open files, say) no new readiness
    // comes for the connections still queued: retry on every tick.
    let mut retry_accept = false;
    loop {
        match poll.poll(&mut events, Some(tick)) {
            Ok(()) => {}
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        }
        let mut accept_now = std::mem::take(&mut retry_accept);
        for event in events.iter() {
            let token = event.token();
            if token == LISTENER {
                accept_now = true;
                continue;
            }
            let Some(w) = waiting.get_mut(&token) else {
                continue;
            };
            match w.read_more(limits.max_head) {
                Gathered::Pending => {}
                Gathered::Closed => {
                    if let Some(mut w) = waiting.remove(&token) {
                        let _ = poll.registry().deregister(&mut w.stream);
                    }
                }
                Gathered::Ready => {
                    let Some(mut w) = waiting.remove(&token) else {
                        continue;
                    };
                    let _ = poll.registry().deregister(&mut w.stream);
                    let stream = TcpStream::from(w.stream);
                    let request =
                        http::head_end(&w.head).and_then(|end| http::parse_request(&w.head[..end]));
                    if stream.set_nonblocking(false).is_ok()
                        && stream.set_write_timeout(Some(limits.write_timeout)).is_ok()
                    {
                        let _ = jobs.send((stream, request));
                    }
                }
            }
        }
        if accept_now {
            retry_accept = accept(&listener, &poll, &mut waiting, &mut next, limits);
        }
        let now = Instant::now();
        waiting.retain(|_, w| {
            let alive = w.deadline > now;
            if !alive {
                let _ = poll.registry().deregister(&mut w.stream);
            }
            alive
        });
    }
}

/// Connections the system queues before they are accepted: 1,024 rather
/// than the standard library's 128, so a burst (or a moment when the accept
/// thread is not scheduled) queues connections rather than dropping them;
/// a dropped connection attempt costs the client a one-second retry.
#[cfg(unix)]
fn deepen_backlog(listener: &std::net::TcpListener) {
    use std::os::fd::AsRawFd;
    // SAFETY: `listen` on the socket this listener owns, already listening;
    // calling it again only changes the length of its queue.
    unsafe {
        libc::listen(listener.as_raw_fd(), 1024);
    }
}

#[cfg(not(unix))]
fn deepen_backlog(_: &std::net::TcpListener) {}

/// Accepts every queued connection; returns whether accepting failed with
/// connections possibly left in the queue.
fn accept(
    listener: &TcpListener,
    poll: &Poll,
    waiting: &mut HashMap<Token, Waiting>,
    next: &mut usize,
    limits: &Limits,
) -> bool {
    loop {
        match listener.accept() {
            Ok((mut stream, _)) => {
                if waiting.len() >= limits.max_connections {
                    continue; // dropped: closed at once
                }
                let token = Token(*next);
                *next = next.wrapping_add(1).max(1);
                if poll
                    .registry()
                    .register(&mut stream, token, Interest::READABLE)
                    .is_ok()
                {
                    waiting.insert(
                        token,
                        Waiting {
                            stream,
                            head: Vec::new(),
                            deadline: Instant::now() + limits.header_timeout,
                        },
                    );
                }
            }
            Err(e) if e.kind() == io::ErrorKind::WouldBlock => return false,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(_) => return true,
        }
    }
}

/// Starts `n` workers that run `handler` on each job sent.
fn start_workers<H>(n: usize, handler: H) -> mpsc::Sender<Job>
where
    H: Fn(TcpStream, Option<Request>) + Send + Sync + 'static,
{
    let (tx, rx) = mpsc::channel::<Job>();
    let rx = Arc::new(Mutex::new(rx));
    let handler = Arc::new(handler);
    for i in 0..n {
        let rx = Arc::clone(&rx);
        let handler = Arc::clone(&handler);
        std::thread::Builder::new()
            .name(format!("serve-worker-{i}"))
            .spawn(move || loop {
                // The lock is held only while waiting for the next job.
                let job = rx.lock().expect("jobs lock").recv();
                let Ok((stream, request)) = job else { return };
                handler(stream, request);
            })
            .expect("start a worker thread");
    }
    tx
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    /// A server answering each request with its path, and its address.
    fn server(limits: Limits) -> std::net::SocketAddr {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        std::thread::spawn(move || {
            serve(listener, &limits, |mut s, r| {
                let path = r.map_or("bad".to_string(), |r| r.path);
                let _ = http::respond(&mut s, "200 OK", &[], path.as_bytes(), false);
            })
        });
        addr
    }

    fn body(mut s: TcpStream) -> String {
        let mut text = String::new();
        s.read_to_string(&mut text).unwrap();
        text.split_once("\r\n\r\n").unwrap().1.to_string()
    }

    #[test]
    fn a_head_sent_in_pieces_is_answered_once_complete() {
        let addr = server(Limits::default());
        let mut s = TcpStream::connect(addr).unwrap();
        s.write_all(b"GET /a/b HTTP/1.1\r\nHo").unwrap();
        std::thread::sleep(Duration::from_millis(50));
        s.write_all(b"st: x\r\n\r\n").unwrap();
        assert_eq!(body(s), "/a/b");
        let mut s = TcpStream::connect(addr).unwrap();
        s.write_all(b"nonsense\r\n\r\n").unwrap();
        assert_eq!(body(s), "bad");
    }

    #[test]
    fn a_slow_head_is_dropped_and_idle_sockets_do_not_block_others() {
        let addr = server(Limits {
            workers: 1,
            header_timeout: Duration::from_millis(300),
            ..Limits::default()
        });
        let idle: Vec<TcpStream> = (0..50).map(|_| TcpStream::connect(addr).unwrap()).collect();
        let mut slow = TcpStream::connect(addr).unwrap();
        slow.write_all(b"GET / HTTP/1.1\r\n").unwrap();
        // With one worker and 51 sockets open, a full request still gets
        // its answer at once.
        let mut s = TcpStream::connect(addr).unwrap();
        s.write_all(b"GET /ok HTTP/1.1\r\n\r\n").unwrap();
        assert_eq!(body(s), "/ok");
        // The slow one is closed after the timeout, without an answer.
        slow.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
        let start = Instant::now();
        let mut rest = Vec::new();
        let n = slow.read_to_end(&mut rest).unwrap();
        assert_eq!(n, 0, "closed without an answer");
        assert!(start.elapsed() < Duration::from_secs(3));
        drop(idle);
    }

    #[test]
    fn a_head_over_the_limit_is_refused() {
        let addr = server(Limits {
            max_head: 100,
            ..Limits::default()
        });
        let mut s = TcpStream::connect(addr).unwrap();
        let long = format!("GET /{} HTTP/1.1\r\n", "x".repeat(500));
        s.write_all(long.as_bytes()).unwrap();
        assert_eq!(body(s), "bad");
    }
}
