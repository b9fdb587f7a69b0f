//! Helpers shared by the integration tests (each test file uses a subset).
#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};

/// The crate root.
pub fn manifest() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The fixture site.
pub fn fixture() -> PathBuf {
    manifest().join("tests/fixtures/site")
}

/// Copies the tree `from` (a folder, or a single file) to `to`, creating
/// folders as needed.
pub fn copy_dir(from: &Path, to: &Path) {
    if from.is_file() {
        fs::create_dir_all(to.parent().unwrap()).unwrap();
        fs::copy(from, to).unwrap();
        return;
    }
    for entry in walkdir::WalkDir::new(from)
        .into_iter()
        .filter_map(Result::ok)
    {
        let rel = entry.path().strip_prefix(from).unwrap();
        let dest = to.join(rel);
        if entry.file_type().is_dir() {
            fs::create_dir_all(&dest).unwrap();
        } else {
            fs::create_dir_all(dest.parent().unwrap()).unwrap();
            fs::copy(entry.path(), &dest).unwrap();
        }
    }
}

/// A temporary copy of the fixture site.
pub fn fixture_copy() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(&fixture(), tmp.path());
    tmp
}
