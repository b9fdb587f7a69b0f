//! Where each page lives: output paths and links.
//!
//! Links inside the site are relative (`../../plans/x/`), so the output works
//! under any base path and from a folder on an intranet; canonical and
//! `hreflang` URLs are absolute, built from `base_url`.

use crate::model::Lang;

/// A page of the site, independent of language.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Route {
    /// Home.
    Home,
    /// One plan.
    Plan(String),
    /// A plan's side-by-side reading view.
    Parallel(String),
    /// All jurisdictions.
    Jurisdictions,
    /// One jurisdiction.
    Jurisdiction(String),
    /// The indicator catalogue.
    Indicators,
    /// One indicator across jurisdictions.
    Indicator(String),
    /// The comparison matrix.
    Compare,
    /// Search.
    Search,
    /// Data downloads and field documentation.
    Data,
    /// The glossary.
    Glossary,
    /// The agencies named responsible for tasks, by jurisdiction.
    Agencies,
    /// One agency and its tasks.
    Agency(String),
    /// A free page.
    Page(String),
    /// Recent changes.
    Changes,
    /// Not found.
    NotFound,
}

impl Route {
    /// Path segments of the page's folder, without language prefix (at
    /// most three; the rest empty).
    fn segments(&self) -> [&str; 3] {
        match self {
            Route::Home | Route::NotFound => ["", "", ""],
            Route::Plan(s) => ["plans", s, ""],
            Route::Parallel(s) => ["plans", s, "parallel"],
            Route::Jurisdictions => ["jurisdictions", "", ""],
            Route::Jurisdiction(id) => ["jurisdictions", id, ""],
            Route::Indicators => ["indicators", "", ""],
            Route::Indicator(id) => ["indicators", id, ""],
            Route::Compare => ["compare", "", ""],
            Route::Search => ["search", "", ""],
            Route::Data => ["data", "", ""],
            Route::Glossary => ["glossary", "", ""],
            Route::Agencies => ["agencies", "", ""],
            Route::Agency(id) => ["agencies", id, ""],
            Route::Page(name) => [name, "", ""],
            Route::Changes => ["changes", "", ""],
        }
    }

    /// Site-relative URL path (`en/plans/x/`), empty for the Chinese home.
    pub fn path(&self, lang: Lang) -> String {
        let mut s = String::with_capacity(48);
        if lang == Lang::En {
            s.push_str("en/");
        }
        self.push_path(&mut s);
        s
    }

    /// Appends the Chinese site-relative path ([`Route::path`] without a
    /// language folder) to `s`: pages build thousands of links each.
    pub fn push_path(&self, s: &mut String) {
        if *self == Route::NotFound {
            s.push_str("404.html");
            return;
        }
        for seg in self
            .segments()
            .into_iter()
            .take_while(|seg| !seg.is_empty())
        {
            s.push_str(seg);
            s.push('/');
        }
    }

    /// Output file, relative to the output folder.
    pub fn file(&self, lang: Lang) -> String {
        let p = self.path(lang);
        if p.ends_with(".html") {
            p
        } else {
            format!("{p}index.html")
        }
    }

    /// The relative prefix from this page back to the site root (`../../`).
    pub fn root(&self, lang: Lang) -> String {
        if *self == Route::NotFound {
            // 404 pages are served at arbitrary depths: use the absolute base path.
            return String::new();
        }
        let depth = self.path(lang).matches('/').count();
        if depth == 0 {
            "./".to_owned()
        } else {
            "../".repeat(depth)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_and_roots() {
        let r = Route::Plan("baotou".into());
        assert_eq!(r.path(Lang::Zh), "plans/baotou/");
        assert_eq!(r.file(Lang::En), "en/plans/baotou/index.html");
        assert_eq!(r.root(Lang::En), "../../../");
        assert_eq!(Route::Home.root(Lang::Zh), "./");
        assert_eq!(Route::Home.file(Lang::Zh), "index.html");
        assert_eq!(Route::NotFound.file(Lang::En), "en/404.html");
    }
}
