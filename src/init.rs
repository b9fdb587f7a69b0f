//! `plansite init DIR`: a new, working, bilingual site in an empty folder.
//!
//! The files are a template embedded in the binary (`src/init/template/`,
//! read with `include_str!`), so a released binary starts a site without
//! this repository. The site builds and checks at once with no error and
//! no warning; its plan is an obviously fictional example (示例市) to be
//! replaced. Two tokens are filled in as the files are written: the
//! version of the running binary and the repository its releases come
//! from, which the site's GitHub workflows pin.

use std::path::{Path, PathBuf};

/// One file of the template: where it goes in the new site, and its text.
struct TemplateFile {
    /// Path in the new site, `/`-separated.
    path: &'static str,
    /// Content, with [`VERSION_TOKEN`] and [`REPOSITORY_TOKEN`] to fill in.
    text: &'static str,
}

/// `(path in the site, path in src/init/template/)`; files whose name
/// starts with a dot are stored without it, so that no tool skips them.
macro_rules! template {
    ($(($to:literal, $from:literal)),+ $(,)?) => {
        &[$(TemplateFile { path: $to, text: include_str!(concat!("init/template/", $from)) }),+]
    };
}

/// Every file `init` writes.
const TEMPLATE: &[TemplateFile] = template!(
    ("site.yaml", "site.yaml"),
    ("README.md", "README.md"),
    (".gitignore", "gitignore"),
    ("content/topics.yaml", "content/topics.yaml"),
    ("content/glossary.yaml", "content/glossary.yaml"),
    ("content/agencies.yaml", "content/agencies.yaml"),
    ("content/pages/about.md", "content/pages/about.md"),
    ("content/pages/about.en.md", "content/pages/about.en.md"),
    (
        "content/jurisdictions/example-city.md",
        "content/jurisdictions/example-city.md"
    ),
    (
        "content/plans/example-city-ip-plan-2026/index.md",
        "content/plans/example-city-ip-plan-2026/index.md"
    ),
    (
        "content/plans/example-city-ip-plan-2026/index.en.md",
        "content/plans/example-city-ip-plan-2026/index.en.md"
    ),
    (
        "indicators/invention-patents-per-10k.yaml",
        "indicators/invention-patents-per-10k.yaml"
    ),
    (
        "indicators/pledge-financing-annual.yaml",
        "indicators/pledge-financing-annual.yaml"
    ),
    (
        ".github/actions/install-plansite/action.yml",
        "github/actions/install-plansite/action.yml"
    ),
    (".github/plansite-diff.sh", "github/plansite-diff.sh"),
    (".github/workflows/check.yml", "github/workflows/check.yml"),
    (".github/workflows/pages.yml", "github/workflows/pages.yml"),
);

/// Replaced by the running binary's version (`0.1.0`).
const VERSION_TOKEN: &str = "@PLANSITE_VERSION@";
/// Replaced by the repository the releases are downloaded from.
const REPOSITORY_TOKEN: &str = "@PLANSITE_REPOSITORY@";

/// The repository whose GitHub releases the new site's workflows download
/// (`repository` in `Cargo.toml`).
pub const REPOSITORY: &str = env!("CARGO_PKG_REPOSITORY");

/// Why a site could not be started.
#[derive(Debug, thiserror::Error)]
pub enum InitError {
    /// The folder holds files and `--force` was not given.
    #[error("{0} is not empty; plansite init writes only into an empty or new folder (--force writes the template's files into it, replacing files of the same names)")]
    NotEmpty(PathBuf),
    /// The path exists and is not a folder.
    #[error("{0} exists and is not a folder")]
    NotAFolder(PathBuf),
    /// Reading or writing failed.
    #[error("{path}: {source}")]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// The error.
        source: std::io::Error,
    },
}

/// The paths (inside the site) of every file `init` writes.
pub fn paths() -> impl Iterator<Item = &'static str> {
    TEMPLATE.iter().map(|f| f.path)
}

/// The text `init` writes at `path` (inside the site), tokens filled in.
pub fn text(path: &str) -> Option<String> {
    TEMPLATE
        .iter()
        .find(|f| f.path == path)
        .map(|f| fill(f.text))
}

fn fill(text: &str) -> String {
    text.replace(VERSION_TOKEN, env!("CARGO_PKG_VERSION"))
        .replace(REPOSITORY_TOKEN, REPOSITORY)
}

/// Writes a new site into `dir` (created if missing). Refuses a folder that
/// holds anything unless `force`; with `force`, the template's files
/// replace files of the same names and other files stay. Returns the files
/// written.
pub fn init(dir: &Path, force: bool) -> Result<Vec<PathBuf>, InitError> {
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| InitError::Io { path, source }
    };
    match std::fs::symlink_metadata(dir) {
        Ok(m) if !m.is_dir() => return Err(InitError::NotAFolder(dir.to_path_buf())),
        Ok(_) => {
            let mut entries = std::fs::read_dir(dir).map_err(io(dir))?;
            if entries.next().is_some() && !force {
                return Err(InitError::NotEmpty(dir.to_path_buf()));
            }
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(io(dir)(e)),
    }
    let mut written = Vec::with_capacity(TEMPLATE.len());
    for f in TEMPLATE {
        let to = dir.join(f.path);
        if let Some(parent) = to.parent() {
            std::fs::create_dir_all(parent).map_err(io(parent))?;
        }
        std::fs::write(&to, fill(f.text)).map_err(io(&to))?;
        if f.path.ends_with(".sh") {
            executable(&to).map_err(io(&to))?;
        }
        written.push(to);
    }
    Ok(written)
}

/// Marks a script executable, as git will record it.
#[cfg(unix)]
fn executable(path: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755))
}

/// Windows has no executable bit; the workflows run the script with bash.
#[cfg(not(unix))]
fn executable(_: &Path) -> std::io::Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_token_is_filled_in() {
        for path in paths() {
            let text = text(path).expect("listed");
            assert!(!text.contains("@PLANSITE_"), "{path} keeps a token");
        }
    }

    #[test]
    fn the_workflows_pin_this_version() {
        let action = text(".github/actions/install-plansite/action.yml").expect("listed");
        assert!(action.contains(&format!("default: \"{}\"", env!("CARGO_PKG_VERSION"))));
        assert!(action.contains(REPOSITORY));
    }

    #[test]
    fn a_non_empty_folder_is_refused_without_force() {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::write(dir.path().join("notes.txt"), "mine").expect("write");
        let err = init(dir.path(), false).expect_err("refused");
        assert!(matches!(err, InitError::NotEmpty(_)), "{err}");
        assert!(!dir.path().join("site.yaml").exists());
        init(dir.path(), true).expect("forced");
        assert!(dir.path().join("site.yaml").exists());
        assert_eq!(
            std::fs::read_to_string(dir.path().join("notes.txt")).expect("kept"),
            "mine"
        );
    }
}
