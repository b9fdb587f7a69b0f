//! Stage 6: writing the tree.
//!
//! A build writes only into a folder it may replace ([`claim`]): one that
//! carries its [`MARKER`], is empty, or does not exist. Everything is
//! written into a fresh folder beside the output (`.public.tmp-<pid>`) and
//! swapped in only when the whole build succeeded, so a failed build leaves
//! the previous output exactly as it was, and a build killed at any instant
//! leaves a complete output that the next build puts back (`output::swap`).

mod claim;
pub mod minify;
mod sink;
mod swap;

pub use claim::{absolute, claim, Refusal, MARKER};
pub use sink::{Discard, Emit, Folder, Memory, Sink};
pub use swap::{recover, remove_stale, write_atomic_with, Failed, Step, FAULT_ENV};

/// A finished file, its path relative to the output folder. Rendering
/// makes them; this module writes them.
#[derive(Debug, Clone)]
pub struct OutFile {
    /// Output path (`plans/x/index.html`).
    pub path: String,
    /// Content.
    pub bytes: Vec<u8>,
}

/// Summary of what was written.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Written {
    /// HTML pages.
    pub pages: usize,
    /// All files.
    pub files: usize,
    /// Total bytes.
    pub bytes: u64,
    /// Plans published.
    pub plans: usize,
    /// Plans found but held back (drafts, plans dated in the future).
    pub held: usize,
}
