//! The search index target: the fixture site's index copied to a folder
//! of its own; each case replaces one of its files (`meta.json`, a
//! directory shard `k/*.json`, a pack `p/*.bin`, `t/*.bin`, a locator file
//! `d/*.bin`) and runs queries through the reader `plansite search` uses
//! ([`search_dir`]). A case's input is the file's path under `search/`, a
//! line end, then the file's new bytes.

use std::path::{Path, PathBuf};

use plansite::search::query::{search_dir, Request};
use plansite::search::FacetKind;

/// Tokens for index files: JSON numbers and shapes, varint bytes.
pub const TOKENS: &[&[u8]] = &[
    b"4294967295",
    b"18446744073709551615",
    b"9007199254740993",
    b"-1",
    b"1e9",
    b"0",
    b"[0,0,0,0,0,0]",
    b"[0,4294967295,4294967295,0,0,4294967295]",
    b"[0,0,0,0,1000000000,1]",
    b"\"edits\":{\"docs\":[0,1,2],\"shards\":1},",
    b"\"shards\":0,",
    b"\"docs\":0,",
    b"\xff\xff\xff\xff\x0f",
    b"\x80\x80\x80\x80\x80",
    b"\x01\x00",
    b"\x00\xff\xff\xff\xff",
    b"\xff\xff\xff\x7f",
];

/// A private copy of a built index.
pub struct Index {
    _tmp: tempfile::TempDir,
    /// The output folder holding `search/`.
    out: PathBuf,
    /// Each language file: its path under `search/` and its bytes.
    files: Vec<(String, Vec<u8>)>,
}

/// Puts a file's bytes back when a case ends, panicking or not.
struct Restore<'a>(&'a Path, &'a [u8]);

impl Drop for Restore<'_> {
    fn drop(&mut self) {
        std::fs::write(self.0, self.1).unwrap();
    }
}

impl Index {
    /// Copies `built`'s `search/` folder.
    pub fn copy_of(built: &Path) -> Index {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        let mut files = Vec::new();
        for e in walkdir::WalkDir::new(built.join("search")).sort_by_file_name() {
            let e = e.unwrap();
            let rel = e.path().strip_prefix(built).unwrap();
            let dest = out.join(rel);
            if e.file_type().is_dir() {
                std::fs::create_dir_all(&dest).unwrap();
                continue;
            }
            let bytes = std::fs::read(e.path()).unwrap();
            std::fs::write(&dest, &bytes).unwrap();
            let under = rel.strip_prefix("search").unwrap().to_string_lossy();
            if under.starts_with("zh/") || under.starts_with("en/") {
                files.push((under.into_owned(), bytes));
            }
        }
        assert!(files.iter().any(|f| f.0 == "zh/meta.json"), "{files:?}");
        Index {
            _tmp: tmp,
            out,
            files,
        }
    }

    /// The intact files as inputs.
    pub fn corpus(&self) -> Vec<Vec<u8>> {
        self.files
            .iter()
            .map(|(p, b)| [p.as_bytes(), b"\n", b].concat())
            .collect()
    }

    /// Runs one case.
    pub fn run(&self, input: &[u8]) {
        let cut = input
            .iter()
            .position(|&b| b == b'\n')
            .unwrap_or(input.len());
        let (name, bytes) = (&input[..cut], input.get(cut + 1..).unwrap_or_default());
        let name = String::from_utf8_lossy(name);
        // A mangled name stands for one of the files, chosen by its hash.
        let (path, original) = match self.files.iter().find(|f| f.0 == name) {
            Some(f) => f,
            None => &self.files[super::harness::fnv64(name.as_bytes()) as usize % self.files.len()],
        };
        let file = self.out.join("search").join(path);
        std::fs::write(&file, bytes).unwrap();
        let _restore = Restore(&file, original);
        let lang = &path[..2];
        let queries: &[&str] = if lang == "zh" {
            &[
                "知识产权",
                "质押融资",
                "推进知识产权质押融资",
                "规划 测试",
                "\"质押融资金额达到\"",
            ]
        } else {
            &[
                "pledge",
                "pledge financing",
                "promote IP pledge financing",
                "quality first",
            ]
        };
        for q in queries {
            for facets in [
                vec![],
                vec![
                    (FacetKind::Year, "2021".to_owned()),
                    (FacetKind::Jurisdiction, "testcity".to_owned()),
                ],
            ] {
                let req = Request {
                    q: (*q).to_owned(),
                    facets,
                    offset: 0,
                    limit: 20,
                };
                if let Ok(r) = search_dir(&self.out, lang, &req) {
                    assert!(r.hits.len() <= r.total);
                }
            }
        }
    }
}
