//! Stage 6: writing the tree.
//!
//! Everything is written into a fresh folder beside the output
//! (`.public.tmp-<pid>`) and swapped in only when the whole build succeeded,
//! so a failed build leaves the previous output exactly as it was.

pub mod data;
pub mod feeds;
pub mod minify;
mod sink;

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

pub use sink::{Discard, Emit, Folder, Memory, Sink};

/// Summary of what was written.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Written {
    /// HTML pages.
    pub pages: usize,
    /// All files.
    pub files: usize,
    /// Total bytes.
    pub bytes: u64,
}

/// Builds into a temporary folder beside `out` through `fill`, then swaps
/// it in; when `fill` or a write fails, the previous output stays as it was.
pub fn write_atomic_with<T, E>(
    out: &Path,
    fill: impl FnOnce(&Folder) -> Result<T, E>,
) -> Result<T, Failed<E>> {
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    fs::create_dir_all(&parent).map_err(Failed::Io)?;
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into());
    let tmp = parent.join(format!(".{name}.tmp-{}", std::process::id()));
    let old = parent.join(format!(".{name}.old-{}", std::process::id()));
    let _ = fs::remove_dir_all(&tmp);
    fs::create_dir_all(&tmp).map_err(Failed::Io)?;
    let value = match fill(&Folder::new(&tmp)) {
        Ok(v) => v,
        Err(e) => {
            let _ = fs::remove_dir_all(&tmp);
            return Err(Failed::Build(e));
        }
    };
    if out.exists() {
        if let Err(e) = fs::rename(out, &old) {
            let _ = fs::remove_dir_all(&tmp);
            return Err(Failed::Io(e));
        }
    }
    if let Err(e) = fs::rename(&tmp, out) {
        // Put the previous output back.
        let _ = fs::rename(&old, out);
        let _ = fs::remove_dir_all(&tmp);
        return Err(Failed::Io(e));
    }
    let _ = fs::remove_dir_all(&old);
    Ok(value)
}

/// Why [`write_atomic_with`] failed.
#[derive(Debug)]
pub enum Failed<E> {
    /// The build itself failed.
    Build(E),
    /// The output folder could not be prepared or swapped.
    Io(io::Error),
}
