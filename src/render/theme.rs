//! The theme: templates, static assets and UI strings.
//!
//! The default theme is embedded in the binary, so a site without `themes/`
//! builds. A site's own `themes/default/<path>` replaces the embedded file of
//! the same path, file by file.

use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::diag::{Diagnostic, Diagnostics, Location};
use crate::load::ThemeFile;
use crate::model::{Lang, Localized};
use crate::parse::frontmatter::parse_yaml;

macro_rules! embed {
    ($($path:literal),+ $(,)?) => {
        &[$(($path, include_bytes!(concat!("../../themes/default/", $path)) as &[u8])),+]
    };
}

/// The embedded default theme: (path in theme, bytes).
pub const EMBEDDED: &[(&str, &[u8])] = embed!(
    "templates/base.html",
    "templates/index.html",
    "templates/plan.html",
    "templates/parallel.html",
    "templates/jurisdictions.html",
    "templates/jurisdiction.html",
    "templates/indicators.html",
    "templates/indicator.html",
    "templates/compare.html",
    "templates/search.html",
    "templates/data.html",
    "templates/glossary.html",
    "templates/page.html",
    "templates/404.html",
    "templates/plan_values.html",
    "templates/values_table.html",
    "templates/plan_reported.html",
    "templates/indicator_series.html",
    "static/style.css",
    "static/search.js",
    "static/compare.js",
    "i18n/zh.yaml",
    "i18n/en.yaml",
);

/// A theme file: where it came from and its content.
#[derive(Debug, Clone)]
pub struct File {
    /// Path shown in diagnostics (`themes/default/templates/plan.html`, or
    /// `<embedded>/templates/plan.html` for the built-in copy).
    pub shown: PathBuf,
    /// Content.
    pub bytes: Vec<u8>,
}

/// The resolved theme.
#[derive(Debug, Clone)]
pub struct Theme {
    /// Files by path inside the theme (`templates/plan.html`).
    pub files: BTreeMap<String, File>,
    /// UI strings per language.
    pub strings: Localized<BTreeMap<String, String>>,
}

impl Theme {
    /// Embedded files overridden by the site's own.
    pub fn resolve(overrides: &[ThemeFile]) -> Result<Theme, Diagnostics> {
        let mut files: BTreeMap<String, File> = EMBEDDED
            .iter()
            .map(|(p, b)| {
                (
                    (*p).to_owned(),
                    File {
                        shown: PathBuf::from(format!("<embedded theme>/{p}")),
                        bytes: b.to_vec(),
                    },
                )
            })
            .collect();
        for f in overrides {
            files.insert(
                f.rel.clone(),
                File {
                    shown: f.path.clone(),
                    bytes: f.bytes.clone(),
                },
            );
        }
        let mut diags = Diagnostics::new();
        let zh = strings(&files, Lang::Zh, &mut diags);
        let en = strings(&files, Lang::En, &mut diags);
        for (a, b, lang) in [(&zh, &en, Lang::En), (&en, &zh, Lang::Zh)] {
            let file = &files[&format!("i18n/{}.yaml", lang.code())];
            for key in a.keys().filter(|k| !b.contains_key(*k)) {
                diags.push(
                    Diagnostic::error(
                        Location::file(&file.shown),
                        format!("UI string `{key}` is missing in {}", lang.code()),
                    )
                    .hint(format!("add `{key}: …` to {}", file.shown.display())),
                );
            }
        }
        if diags.has_errors() {
            return Err(diags);
        }
        Ok(Theme {
            files,
            strings: Localized { zh, en },
        })
    }

    /// The templates: (name, path shown, source).
    pub fn templates(&self) -> impl Iterator<Item = (&str, &File)> {
        self.files
            .iter()
            .filter_map(|(p, f)| p.strip_prefix("templates/").map(|n| (n, f)))
    }

    /// Static assets: (path under `static/`, bytes).
    pub fn statics(&self) -> impl Iterator<Item = (&str, &[u8])> {
        self.files
            .iter()
            .filter_map(|(p, f)| p.strip_prefix("static/").map(|n| (n, f.bytes.as_slice())))
    }
}

fn strings(
    files: &BTreeMap<String, File>,
    lang: Lang,
    diags: &mut Diagnostics,
) -> BTreeMap<String, String> {
    let key = format!("i18n/{}.yaml", lang.code());
    let Some(file) = files.get(&key) else {
        diags.push(Diagnostic::error(
            Location::file(format!("themes/default/{key}")),
            "UI strings file missing",
        ));
        return BTreeMap::new();
    };
    let text = String::from_utf8_lossy(&file.bytes);
    match parse_yaml::<BTreeMap<String, String>>(&file.shown, &text, 1) {
        Ok(m) => m,
        Err(d) => {
            diags.push(d);
            BTreeMap::new()
        }
    }
}
