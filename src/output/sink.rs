//! Where finished files go as soon as they are rendered, so that a build
//! never holds the whole site in memory: a folder for `build`, memory for
//! `serve`, nowhere for `check`.

use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::Mutex;

use super::OutFile;
use super::{minify, Written};

/// Receives finished files, from several threads at once.
pub trait Sink: Sync {
    /// Takes one file.
    fn put(&self, file: OutFile) -> io::Result<()>;
}

/// Keeps every file in memory (for `serve` and tests).
#[derive(Default)]
pub struct Memory(Mutex<Vec<OutFile>>);

impl Memory {
    /// The files, sorted by path.
    pub fn into_files(self) -> Vec<OutFile> {
        let mut v = self.0.into_inner().expect("memory sink lock");
        v.sort_by(|a, b| a.path.cmp(&b.path));
        v
    }
}

impl Sink for Memory {
    fn put(&self, file: OutFile) -> io::Result<()> {
        self.0.lock().expect("memory sink lock").push(file);
        Ok(())
    }
}

/// Drops every file (for `check`).
pub struct Discard;

impl Sink for Discard {
    fn put(&self, _file: OutFile) -> io::Result<()> {
        Ok(())
    }
}

/// Writes each file under a folder as it arrives.
pub struct Folder {
    dir: PathBuf,
    made: Mutex<HashSet<PathBuf>>,
}

impl Folder {
    /// A sink writing under `dir`, which must exist.
    pub fn new(dir: &Path) -> Self {
        Folder {
            dir: dir.to_path_buf(),
            made: Mutex::new(HashSet::new()),
        }
    }
}

impl Sink for Folder {
    fn put(&self, file: OutFile) -> io::Result<()> {
        let path = self.dir.join(&file.path);
        if let Some(parent) = path.parent() {
            let known = self.made.lock().expect("folder sink lock").contains(parent);
            if !known {
                fs::create_dir_all(parent)?;
                self.made
                    .lock()
                    .expect("folder sink lock")
                    .insert(parent.to_path_buf());
            }
        }
        fs::write(&path, &file.bytes)
            .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", path.display())))
    }
}

/// The front of every sink during a build: minifies HTML when asked,
/// counts what passes, remembers the paths (for the sitemap) and keeps the
/// first write error.
pub struct Emit<'a> {
    sink: &'a dyn Sink,
    minify: bool,
    paths: Mutex<Vec<String>>,
    pages: AtomicUsize,
    files: AtomicUsize,
    bytes: AtomicU64,
    error: Mutex<Option<io::Error>>,
}

impl<'a> Emit<'a> {
    /// Wraps `sink`.
    pub fn new(sink: &'a dyn Sink, minify: bool) -> Self {
        Emit {
            sink,
            minify,
            paths: Mutex::new(Vec::new()),
            pages: AtomicUsize::new(0),
            files: AtomicUsize::new(0),
            bytes: AtomicU64::new(0),
            error: Mutex::new(None),
        }
    }

    /// Passes one file on; a write error is kept for [`Emit::finish`].
    pub fn put(&self, mut file: OutFile) {
        let html = file.path.ends_with(".html");
        if html && self.minify {
            file.bytes = minify::html(&file.bytes);
        }
        self.pages.fetch_add(usize::from(html), Ordering::Relaxed);
        self.files.fetch_add(1, Ordering::Relaxed);
        self.bytes
            .fetch_add(file.bytes.len() as u64, Ordering::Relaxed);
        self.paths
            .lock()
            .expect("emit lock")
            .push(file.path.clone());
        if let Err(e) = self.sink.put(file) {
            self.fail(e);
        }
    }

    /// Passes several files on.
    pub fn put_all(&self, files: impl IntoIterator<Item = OutFile>) {
        for f in files {
            self.put(f);
        }
    }

    /// Every path passed so far.
    pub fn paths(&self) -> Vec<String> {
        self.paths.lock().expect("emit lock").clone()
    }

    /// Keeps `e` as the error [`Emit::finish`] reports, unless one came
    /// first: for a file that could not be made, such as a search index
    /// whose lists set aside on disk could not be read back.
    pub fn fail(&self, e: io::Error) {
        self.error.lock().expect("emit lock").get_or_insert(e);
    }

    /// What passed, or the first write error.
    pub fn finish(self) -> io::Result<Written> {
        if let Some(e) = self.error.into_inner().expect("emit lock") {
            return Err(e);
        }
        Ok(Written {
            pages: self.pages.into_inner(),
            files: self.files.into_inner(),
            bytes: self.bytes.into_inner(),
            ..Default::default()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, text: &str) -> OutFile {
        OutFile {
            path: path.into(),
            bytes: text.as_bytes().to_vec(),
        }
    }

    #[test]
    fn emit_counts_minifies_and_writes_folders() {
        let dir = std::env::temp_dir().join(format!("plansite-sink-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        let folder = Folder::new(&dir);
        let emit = Emit::new(&folder, true);
        emit.put(file("a/b/index.html", "<p>\n\n   x   </p>\n"));
        emit.put(file("data/x.csv", "a,b\n"));
        let mut paths = emit.paths();
        paths.sort();
        assert_eq!(paths, ["a/b/index.html", "data/x.csv"]);
        let w = emit.finish().unwrap();
        assert_eq!((w.pages, w.files), (1, 2));
        let html = fs::read_to_string(dir.join("a/b/index.html")).unwrap();
        assert!(html.len() < "<p>\n\n   x   </p>\n".len(), "{html:?}");
        assert_eq!(w.bytes, (html.len() + 4) as u64);
        assert_eq!(fs::read_to_string(dir.join("data/x.csv")).unwrap(), "a,b\n");
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_write_error_is_reported_at_the_end() {
        let dir = std::env::temp_dir().join(format!("plansite-sink-err-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        // A file where a folder must go.
        fs::write(dir.join("a"), "x").unwrap();
        let folder = Folder::new(&dir);
        let emit = Emit::new(&folder, false);
        emit.put(file("a/index.html", "<p>x</p>"));
        emit.put(file("b.txt", "y"));
        assert!(emit.finish().is_err());
        assert_eq!(fs::read_to_string(dir.join("b.txt")).unwrap(), "y");
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn memory_sorts_by_path() {
        let m = Memory::default();
        m.put(file("b", "2")).unwrap();
        m.put(file("a", "1")).unwrap();
        let v: Vec<_> = m.into_files().into_iter().map(|f| f.path).collect();
        assert_eq!(v, ["a", "b"]);
    }
}
