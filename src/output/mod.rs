//! Stage 6: writing the tree.
//!
//! Everything is written into a fresh folder beside the output
//! (`.public.tmp-<pid>`) and swapped in only when the whole build succeeded,
//! so a failed build leaves the previous output exactly as it was.

pub mod data;
pub mod feeds;
pub mod minify;

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::render::OutFile;

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

/// Minifies HTML files in place (in parallel); see [`minify`].
pub fn minify_all(files: &mut [OutFile]) {
    files
        .par_iter_mut()
        .filter(|f| f.path.ends_with(".html"))
        .for_each(|f| {
            f.bytes = minify::html(&f.bytes);
        });
}

/// Writes `files` to a temporary folder beside `out`, then swaps it in.
pub fn write_atomic(out: &Path, files: &[OutFile]) -> io::Result<Written> {
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    fs::create_dir_all(&parent)?;
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into());
    let tmp = parent.join(format!(".{name}.tmp-{}", std::process::id()));
    let old = parent.join(format!(".{name}.old-{}", std::process::id()));
    let _ = fs::remove_dir_all(&tmp);
    let result = write_tree(&tmp, files);
    let written = match result {
        Ok(w) => w,
        Err(e) => {
            let _ = fs::remove_dir_all(&tmp);
            return Err(e);
        }
    };
    if out.exists() {
        fs::rename(out, &old).inspect_err(|_| {
            let _ = fs::remove_dir_all(&tmp);
        })?;
    }
    if let Err(e) = fs::rename(&tmp, out) {
        // Put the previous output back.
        let _ = fs::rename(&old, out);
        let _ = fs::remove_dir_all(&tmp);
        return Err(e);
    }
    let _ = fs::remove_dir_all(&old);
    Ok(written)
}

fn write_tree(dir: &Path, files: &[OutFile]) -> io::Result<Written> {
    fs::create_dir_all(dir)?;
    let mut dirs: Vec<PathBuf> = files
        .iter()
        .filter_map(|f| Path::new(&f.path).parent().map(|p| dir.join(p)))
        .collect();
    dirs.sort();
    dirs.dedup();
    for d in &dirs {
        fs::create_dir_all(d)?;
    }
    files.par_iter().try_for_each(|f| {
        fs::write(dir.join(&f.path), &f.bytes)
            .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", dir.join(&f.path).display())))
    })?;
    Ok(Written {
        pages: files.iter().filter(|f| f.path.ends_with(".html")).count(),
        files: files.len(),
        bytes: files.iter().map(|f| f.bytes.len() as u64).sum(),
    })
}
