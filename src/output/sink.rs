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

/// Writes a file's bytes into the writer it is given.
pub type WriteFn<'a> = dyn FnMut(&mut dyn io::Write) -> io::Result<()> + 'a;

/// Receives finished files, from several threads at once.
pub trait Sink: Sync {
    /// Takes one file.
    fn put(&self, file: OutFile) -> io::Result<()>;

    /// Takes one file that `write` writes, for files too large to hold
    /// whole (the data files of a large site); returns its length. By
    /// default the bytes are gathered and passed to [`Sink::put`].
    fn put_with(&self, path: &str, write: &mut WriteFn<'_>) -> io::Result<u64> {
        let mut bytes = Vec::new();
        write(&mut bytes)?;
        let len = bytes.len() as u64;
        self.put(OutFile {
            path: path.to_owned(),
            bytes,
        })?;
        Ok(len)
    }
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

impl Folder {
    /// Where `file` (a path under the folder) goes, its folder made.
    fn place(&self, file: &str) -> io::Result<PathBuf> {
        let path = self.dir.join(file);
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
        Ok(path)
    }
}

impl Sink for Folder {
    fn put(&self, file: OutFile) -> io::Result<()> {
        let path = self.place(&file.path)?;
        fs::write(&path, &file.bytes)
            .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", path.display())))
    }

    fn put_with(&self, file: &str, write: &mut WriteFn<'_>) -> io::Result<u64> {
        let path = self.place(file)?;
        let located = |e: io::Error| io::Error::new(e.kind(), format!("{}: {e}", path.display()));
        let mut out = Counted {
            inner: io::BufWriter::with_capacity(1 << 20, fs::File::create(&path).map_err(located)?),
            len: 0,
        };
        write(&mut out).map_err(located)?;
        io::Write::flush(&mut out.inner).map_err(located)?;
        Ok(out.len)
    }
}

/// A writer that counts the bytes written through it.
struct Counted<W> {
    inner: W,
    len: u64,
}

impl<W: io::Write> io::Write for Counted<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.len += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
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

    /// Passes on a file that `write` writes straight into the sink, never
    /// held whole (not HTML: it is not minified).
    pub fn put_with(&self, path: &str, write: impl FnOnce(&mut dyn io::Write) -> io::Result<()>) {
        let mut write = Some(write);
        let result = self.sink.put_with(path, &mut |w| match write.take() {
            Some(f) => f(w),
            None => Ok(()),
        });
        self.files.fetch_add(1, Ordering::Relaxed);
        self.paths.lock().expect("emit lock").push(path.to_owned());
        match result {
            Ok(len) => {
                self.bytes.fetch_add(len, Ordering::Relaxed);
            }
            Err(e) => self.fail(e),
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
    fn a_file_written_in_pieces_is_counted_and_its_error_kept() {
        let dir = std::env::temp_dir().join(format!("plansite-sink-with-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        let folder = Folder::new(&dir);
        let emit = Emit::new(&folder, false);
        emit.put_with("data/big.json", |w| {
            for i in 0..1000 {
                write!(w, "{i},")?;
            }
            Ok(())
        });
        let expected: String = (0..1000).map(|i| format!("{i},")).collect();
        assert_eq!(emit.paths(), ["data/big.json"]);
        let w = emit.finish().unwrap();
        assert_eq!((w.files, w.bytes), (1, expected.len() as u64));
        assert_eq!(
            fs::read_to_string(dir.join("data/big.json")).unwrap(),
            expected
        );

        // The same into memory; and a writer's error is the build's.
        let m = Memory::default();
        let emit = Emit::new(&m, false);
        emit.put_with("x.csv", |w| w.write_all(b"a,b\r\n"));
        emit.put_with("y.csv", |_| Err(io::Error::other("disk full")));
        assert!(emit.finish().unwrap_err().to_string().contains("disk full"));
        let files = m.into_files();
        assert_eq!(files.len(), 1);
        assert_eq!(files[0].bytes, b"a,b\r\n");
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
