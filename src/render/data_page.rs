//! The data page's view: the files to download, each table's fields from
//! the same schema as `data/datapackage.json` (name, type, unit,
//! description, allowed values), the version, licence and a citation of
//! the dataset.

use serde::Serialize;

use crate::model::{Lang, Site};

use super::datapackage::{self, content_date, licence_info, version};
use super::schema::lang_ix;
use super::views::Link;

/// The data page.
#[derive(Debug, Serialize)]
pub struct DataPage {
    /// Number of indicator records.
    pub count: usize,
    /// Each indicator's own CSV.
    pub indicators: Vec<Link>,
    /// The data files but the per-indicator ones, with their fields.
    pub tables: Vec<DataTable>,
    /// URL of `datapackage.json`.
    pub package_url: String,
    /// The data's version.
    pub version: String,
    /// Date of the newest content (`YYYY-MM-DD`), or empty.
    pub updated: String,
    /// SPDX id of the licence, or empty.
    pub licence_id: String,
    /// Licence title, or empty.
    pub licence_title: String,
    /// Licence URL, or empty.
    pub licence_url: String,
    /// GB/T 7714—2015 citation of the dataset.
    pub cite_gb: String,
    /// BibTeX entry for the dataset.
    pub cite_bibtex: String,
    /// RIS record for the dataset.
    pub cite_ris: String,
}

/// One data file and its fields.
#[derive(Debug, Serialize)]
pub struct DataTable {
    /// Anchor on the page.
    pub id: String,
    /// File name below `data/`.
    pub file: String,
    /// Link to the file.
    pub url: String,
    /// Title.
    pub title: String,
    /// What it holds.
    pub doc: &'static str,
    /// Its fields, in order.
    pub fields: Vec<DataField>,
}

/// One field of a data file.
#[derive(Debug, Serialize)]
pub struct DataField {
    /// Name.
    pub name: &'static str,
    /// Table Schema type.
    pub kind: &'static str,
    /// Unit, or empty.
    pub unit: &'static str,
    /// Description.
    pub doc: &'static str,
    /// Allowed values, comma separated, or empty.
    pub allowed: String,
    /// Never empty.
    pub required: bool,
}

/// The data page in `lang`; `root` is the relative path to the output
/// root from the page.
pub fn view(site: &Site, count: usize, lang: Lang, root: &str) -> DataPage {
    let resources = datapackage::resources(site);
    let indicators = resources
        .iter()
        .filter(|r| r.path.starts_with("indicators/"))
        .map(|r| Link {
            text: r.title[lang_ix(lang)].clone(),
            url: format!("{root}data/{}", r.path),
        })
        .collect();
    let tables = resources
        .iter()
        .filter(|r| !r.path.contains('/'))
        .map(|r| DataTable {
            id: format!("file-{}", r.name),
            file: r.path.clone(),
            url: format!("{root}data/{}", r.path),
            title: r.title[lang_ix(lang)].clone(),
            doc: r.doc[lang_ix(lang)],
            fields: r
                .fields
                .iter()
                .map(|f| DataField {
                    name: f.name,
                    kind: f.kind.key(),
                    unit: f.unit(lang).unwrap_or_default(),
                    doc: f.doc(lang),
                    allowed: f
                        .allowed
                        .map(|a| a.values(r.format).join(", "))
                        .unwrap_or_default(),
                    required: f.required,
                })
                .collect(),
        })
        .collect();
    let licence = site.config.licence.clone().unwrap_or_default();
    let info = licence_info(&licence);
    DataPage {
        count,
        indicators,
        tables,
        package_url: format!("{root}{}", datapackage::PATH),
        version: version(site),
        updated: content_date(site)
            .map(|d| d.to_string())
            .unwrap_or_default(),
        licence_title: info.map(|i| i.0.to_owned()).unwrap_or_default(),
        licence_url: info.map(|i| i.1.to_owned()).unwrap_or_default(),
        licence_id: licence,
        cite_gb: datapackage::citation(site, lang),
        cite_bibtex: datapackage::bibtex(site),
        cite_ris: datapackage::ris(site),
    }
}
