//! One id, one file: files of one folder that define the same id (the file
//! name without its extension) are an error, where a map would silently
//! keep one of them.

use std::collections::BTreeMap;
use std::path::Path;

use super::SourceFile;
use crate::diag::{Diagnostic, Diagnostics, Location};

/// Reports files of one folder that define the same id (the file name
/// without its extension): `x.yaml` beside `x.yml`, or `x.md` in two folders.
pub fn check(files: &[SourceFile], what: &str, diags: &mut Diagnostics) {
    let mut seen: BTreeMap<&std::ffi::OsStr, &Path> = BTreeMap::new();
    for f in files {
        let Some(id) = f.path.file_stem() else {
            continue;
        };
        if let Some(first) = seen.insert(id, &f.path) {
            diags.push(
                Diagnostic::error(
                    Location::file(&f.path),
                    format!(
                        "{what} `{}` is defined twice: also by {}",
                        id.to_string_lossy(),
                        first.display()
                    ),
                )
                .hint("keep one of the two files: remove or rename the other")
                .zh(
                    format!(
                        "`{}` 定义了两次：{} 也定义了它",
                        id.to_string_lossy(),
                        first.display()
                    ),
                    "两个文件只保留一个：删除或重命名另一个",
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    #[test]
    fn two_files_with_one_id_are_an_error() {
        let file = |p: &str| SourceFile {
            path: PathBuf::from(p),
            text: String::new(),
        };
        let files = [
            file("indicators/a.yaml"),
            file("indicators/b.yaml"),
            file("indicators/b.yml"),
        ];
        let mut d = Diagnostics::new();
        check(&files, "indicator", &mut d);
        let got: Vec<String> = d
            .sorted()
            .iter()
            .map(|d| format!("{} {}", d.location, d.message))
            .collect();
        assert_eq!(
            got,
            ["indicators/b.yml:1:1 indicator `b` is defined twice: also by indicators/b.yaml"]
        );
    }
}
