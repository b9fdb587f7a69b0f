//! A small coverage-blind fuzzer that runs on stable Rust inside `cargo test`.
//!
//! Each target has a checked-in corpus (`tests/fuzz/corpus/<target>/`). A run
//! first feeds every corpus entry as it is, then, until the time budget is
//! spent, entries changed by a seeded, deterministic mutator: bit flips,
//! interesting bytes and tokens, deletions, repeats and splices between
//! entries. Every case runs on the test's own thread under
//! [`std::panic::catch_unwind`], timed, with its allocations counted
//! ([`alloc`]). A panic, a slow case or a case that asks for too much memory
//! is written to `tests/fuzz/crashes/<target>-<hash>.bin` and fails the test
//! with the seed and the command that replays it.
//!
//! Environment:
//! - `PLANSITE_FUZZ_SECS`: seconds per target (default 2; `.ci/run` uses 10);
//! - `PLANSITE_FUZZ_SEED`: the mutator's seed (default: fixed per target);
//! - `PLANSITE_FUZZ_REPLAY`: a file to run through the target alone.

#![allow(dead_code)]

use std::io::Write;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

#[path = "alloc.rs"]
pub mod alloc;
#[path = "mutate.rs"]
pub mod mutate;

use mutate::{Mutator, Rng};

/// A case slower than this fails.
pub const SLOW: Duration = Duration::from_secs(2);
/// A case still running after this is taken for a hang: its input is
/// written out and the process exits (a running thread cannot be stopped).
pub const HANG: Duration = Duration::from_secs(30);
/// A case whose live allocations on its thread exceed this fails.
pub const MEMORY: usize = 512 << 20;

/// One fuzz target.
pub struct Target<'a> {
    /// Its name: the corpus folder and the crash file prefix.
    pub name: &'a str,
    /// Inputs are cut to this many bytes.
    pub max_len: usize,
    /// Extra corpus entries made at run time (the built search index).
    pub extra: Vec<Vec<u8>>,
    /// Tokens the mutator inserts besides its common ones.
    pub tokens: &'a [&'a [u8]],
    /// The run stops after this many failing inputs.
    pub max_failures: usize,
}

impl<'a> Target<'a> {
    /// A target with the default input limit (16 KiB).
    pub fn new(name: &'a str) -> Self {
        Target {
            name,
            max_len: 16 << 10,
            extra: Vec::new(),
            tokens: &[],
            max_failures: 5,
        }
    }
}

/// Why a case failed.
#[derive(Debug)]
enum Failure {
    Panic(String),
    Slow(Duration),
    Memory(usize),
}

/// How a run went.
#[derive(Debug)]
pub struct Stats {
    /// Cases run.
    pub cases: u64,
    /// Wall time.
    pub elapsed: Duration,
}

/// The crate root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The files in `dir`, sorted by name (none when it does not exist).
pub fn read_dir_sorted(dir: &Path) -> Vec<Vec<u8>> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|d| d.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    paths.retain(|p| p.is_file());
    paths.sort();
    paths.iter().map(|p| std::fs::read(p).unwrap()).collect()
}

fn budget() -> Duration {
    let secs = std::env::var("PLANSITE_FUZZ_SECS")
        .ok()
        .and_then(|s| s.parse::<f64>().ok())
        .unwrap_or(2.0);
    Duration::from_secs_f64(secs.max(0.0))
}

fn seed_for(name: &str) -> u64 {
    match std::env::var("PLANSITE_FUZZ_SEED") {
        Ok(s) => s.parse().unwrap_or_else(|_| fnv64(s.as_bytes())),
        Err(_) => fnv64(name.as_bytes()),
    }
}

/// 64-bit FNV-1a: names crash files after their content.
pub fn fnv64(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

thread_local! {
    /// The target and input of the case running on this thread, for
    /// [`refused`].
    static CURRENT: std::cell::RefCell<(String, Vec<u8>)> =
        const { std::cell::RefCell::new((String::new(), Vec::new())) };
}

/// Before an allocation too large to attempt aborts the process: the
/// input is written out and the replay printed.
fn refused(size: usize) {
    let _ = CURRENT.try_with(|c| {
        let (name, input) = &*c.borrow();
        let path = save(name, input);
        // Written to the process's stderr: the test's captured output is
        // lost when the process aborts.
        let _ = writeln!(
            std::io::stderr(),
            "fuzz {name}: a case asked for {size} bytes at once; input written to {}\n\
             replay: PLANSITE_FUZZ_REPLAY={} cargo test --test fuzz {name}",
            path.display(),
            path.display()
        );
    });
}

/// Runs one case: panics, time and memory checked.
fn run_case(name: &str, input: &[u8], f: &dyn Fn(&[u8])) -> Result<(), Failure> {
    alloc::on_refusal(refused);
    CURRENT.with(|c| {
        let mut c = c.borrow_mut();
        c.0.clear();
        c.0.push_str(name);
        c.1.clear();
        c.1.extend_from_slice(input);
    });
    let start = Instant::now();
    let guard = alloc::Track::start();
    let outcome = catch_unwind(AssertUnwindSafe(|| f(input)));
    let peak = guard.finish();
    let took = start.elapsed();
    match outcome {
        Err(e) => {
            let msg = e
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| e.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "(no message)".to_owned());
            Err(Failure::Panic(msg))
        }
        Ok(()) if took > SLOW => Err(Failure::Slow(took)),
        Ok(()) if peak > MEMORY => Err(Failure::Memory(peak)),
        Ok(()) => Ok(()),
    }
}

pub fn crash_path(name: &str, input: &[u8]) -> PathBuf {
    root()
        .join("tests/fuzz/crashes")
        .join(format!("{name}-{:016x}.bin", fnv64(input)))
}

fn save(name: &str, input: &[u8]) -> PathBuf {
    let path = crash_path(name, input);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, input).unwrap();
    path
}

/// Watches the running case from another thread: a case past [`HANG`] is
/// written out and the process ends, naming it.
struct Watchdog {
    started_ms: Arc<AtomicU64>,
    input: Arc<Mutex<Vec<u8>>>,
    epoch: Instant,
    done: Arc<AtomicU64>,
}

impl Watchdog {
    fn new(name: &str) -> Self {
        let dog = Watchdog {
            started_ms: Arc::new(AtomicU64::new(u64::MAX)),
            input: Arc::new(Mutex::new(Vec::new())),
            epoch: Instant::now(),
            done: Arc::new(AtomicU64::new(0)),
        };
        let (started, input, done, epoch) = (
            dog.started_ms.clone(),
            dog.input.clone(),
            dog.done.clone(),
            dog.epoch,
        );
        let name = name.to_owned();
        std::thread::spawn(move || {
            while done.load(Ordering::Relaxed) == 0 {
                std::thread::sleep(Duration::from_millis(200));
                let s = started.load(Ordering::Relaxed);
                let now = epoch.elapsed().as_millis() as u64;
                if s != u64::MAX && now.saturating_sub(s) > HANG.as_millis() as u64 {
                    let bytes = input.lock().map(|b| b.clone()).unwrap_or_default();
                    let path = save(&name, &bytes);
                    let _ = writeln!(
                        std::io::stderr(),
                        "fuzz {name}: a case ran over {HANG:?} (a hang); input written to {}\n\
                         replay: PLANSITE_FUZZ_REPLAY={} cargo test --test fuzz {name}",
                        path.display(),
                        path.display()
                    );
                    std::process::exit(101);
                }
            }
        });
        dog
    }

    fn begin(&self, input: &[u8]) {
        if let Ok(mut b) = self.input.lock() {
            b.clear();
            b.extend_from_slice(input);
        }
        let now = self.epoch.elapsed().as_millis() as u64;
        self.started_ms.store(now, Ordering::Relaxed);
    }

    fn end(&self) {
        self.started_ms.store(u64::MAX, Ordering::Relaxed);
    }
}

impl Drop for Watchdog {
    fn drop(&mut self) {
        self.done.store(1, Ordering::Relaxed);
    }
}

/// Fuzzes `f` for the time budget; panics (failing the test) listing every
/// failing input found, at most a few.
pub fn fuzz(target: Target<'_>, f: impl Fn(&[u8])) -> Stats {
    let name = target.name;
    if let Ok(path) = std::env::var("PLANSITE_FUZZ_REPLAY") {
        let name_of = Path::new(&path)
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if name_of.starts_with(&format!("{name}-")) || name_of.starts_with(name) {
            let input = std::fs::read(&path).unwrap();
            if let Err(e) = run_case(name, &input, &f) {
                panic!("fuzz {name}: replay of {path} fails: {e:?}");
            }
        }
        return Stats {
            cases: 0,
            elapsed: Duration::ZERO,
        };
    }
    let mut corpus = read_dir_sorted(&root().join("tests/fuzz/corpus").join(name));
    corpus.extend(target.extra.iter().cloned());
    assert!(!corpus.is_empty(), "fuzz {name}: empty corpus");
    let max_failures = target.max_failures.max(1);
    for c in &mut corpus {
        c.truncate(target.max_len);
    }
    let seed = seed_for(name);
    let mut mutator = Mutator::new(Rng::new(seed), target.tokens, target.max_len);
    let dog = Watchdog::new(name);
    let budget = budget();
    let start = Instant::now();
    let mut failures: Vec<(PathBuf, Failure)> = Vec::new();
    let mut cases = 0u64;
    let check = |input: &[u8], failures: &mut Vec<(PathBuf, Failure)>| {
        dog.begin(input);
        let r = run_case(name, input, &f);
        dog.end();
        if let Err(e) = r {
            failures.push((save(name, input), e));
        }
    };
    for entry in &corpus {
        if failures.len() >= max_failures {
            break;
        }
        check(entry, &mut failures);
        cases += 1;
    }
    while start.elapsed() < budget && failures.len() < max_failures {
        let input = mutator.mutate(&corpus);
        check(&input, &mut failures);
        cases += 1;
    }
    let elapsed = start.elapsed();
    eprintln!(
        "fuzz {name}: {cases} cases in {:.1} s ({:.0}/s), seed {seed}",
        elapsed.as_secs_f64(),
        cases as f64 / elapsed.as_secs_f64().max(1e-9)
    );
    if !failures.is_empty() {
        let list: Vec<String> = failures
            .iter()
            .map(|(p, e)| {
                format!(
                    "  {e:?}\n    input: {}\n    replay: PLANSITE_FUZZ_REPLAY={} cargo test --test fuzz {name}",
                    p.display(),
                    p.display()
                )
            })
            .collect();
        panic!(
            "fuzz {name}: {} failing input(s) (seed {seed}; rerun with PLANSITE_FUZZ_SEED={seed}):\n{}",
            failures.len(),
            list.join("\n")
        );
    }
    Stats { cases, elapsed }
}

/// Runs `f` on a regression input (`tests/fuzz/regressions/<file>`),
/// checking panics, time and memory as the fuzzer does.
pub fn regression(file: &str, f: impl Fn(&[u8])) {
    let path = root().join("tests/fuzz/regressions").join(file);
    let input = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let name = file.split('-').next().unwrap_or(file);
    if let Err(e) = run_case(name, &input, &f) {
        panic!("regression {file}: {e:?}");
    }
}
