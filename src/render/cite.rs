//! Citations of a plan: GB/T 7714—2015 (in the page's language), BibTeX and
//! RIS (published beside the plan's page as `cite.bib` and `cite.ris`); and
//! of the data: one indicator's values, and the whole dataset.
//!
//! A plan is cited as what a reader consulted: the online edition on this
//! site. GB/T 7714—2015 §4.8 gives the shape for an electronic resource,
//! `主要责任者. 题名: 其他题名信息[文献类型标识/文献载体标识]. 出版地: 出版者,
//! 出版年: 引文页码(更新或修改日期)[引用日期]. 获取和访问路径.`, shown in its
//! examples as `责任者. 题名: 文号[类型/OL]. (日期)[引用日期]. URL.` — the
//! date of the document in parentheses, the reader's access date in square
//! brackets. The access date is the reader's, so it is a placeholder.

use crate::model::{Date, IndicatorDef, Lang, Plan, Site};
use crate::output::OutFile;

use super::Route;

/// The BibTeX file beside each plan's page.
pub const BIB_FILE: &str = "cite.bib";
/// The RIS file beside each plan's page.
pub const RIS_FILE: &str = "cite.ris";

/// `plans/<slug>/cite.bib` and `plans/<slug>/cite.ris` of `plans`.
pub fn files<'a>(
    site: &'a Site,
    plans: impl Iterator<Item = &'a Plan> + 'a,
) -> impl Iterator<Item = OutFile> + 'a {
    plans.flat_map(move |p| {
        let folder = Route::Plan(p.slug.0.clone()).path(Lang::Zh);
        [
            OutFile {
                path: format!("{folder}{BIB_FILE}"),
                bytes: bibtex(site, p).into_bytes(),
            },
            OutFile {
                path: format!("{folder}{RIS_FILE}"),
                bytes: ris(site, p).into_bytes(),
            },
        ]
    })
}

/// Document type and carrier of a plan in GB/T 7714—2015 (Appendix B):
/// `Z` (其他, other: an official document is none of the listed types)
/// on `OL` (online).
pub const GB_TYPE: &str = "Z/OL";

/// The reader's access date, to be replaced by the reader.
pub fn access_placeholder(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "[引用日期]",
        Lang::En => "[cited YYYY-MM-DD]",
    }
}

/// The parts of one GB/T 7714—2015 reference to an online document.
pub struct GbParts<'a> {
    /// Responsible bodies, in order.
    pub creators: &'a [String],
    /// Title.
    pub title: &'a str,
    /// Other title information (a document number).
    pub other: Option<&'a str>,
    /// Document type and carrier, e.g. `Z/OL`.
    pub kind: &'a str,
    /// Date of publication or update.
    pub date: Option<String>,
    /// Without a date: the year estimated from elsewhere (a reprint's
    /// date), written in square brackets as §8.5.1 says for an estimated
    /// year of publication.
    pub estimated_year: Option<u16>,
    /// URL.
    pub url: &'a str,
    /// Language of the reference: decides `等` or `et al.` and the
    /// access-date placeholder.
    pub lang: Lang,
}

/// Formats `p` in the shape of GB/T 7714—2015 §4.8: `A, B, C, 等. 题名:
/// 文号[Z/OL]. (2021-12-22)[引用日期]. URL.` More than three responsible
/// bodies are cut to the first three and `等` (`et al.`), as §8.1.2 says.
pub fn gb_format(p: &GbParts<'_>) -> String {
    let mut s = String::new();
    let shown = p.creators.iter().take(3).map(|c| c.trim());
    s.push_str(&shown.collect::<Vec<_>>().join(", "));
    if p.creators.len() > 3 {
        s.push_str(match p.lang {
            Lang::Zh => ", 等",
            Lang::En => ", et al",
        });
    }
    if !s.is_empty() {
        s.push_str(". ");
    }
    s.push_str(p.title.trim());
    if let Some(o) = p.other.map(str::trim).filter(|o| !o.is_empty()) {
        s.push_str(": ");
        s.push_str(o);
    }
    s.push_str(&format!("[{}]. ", p.kind));
    if let Some(d) = &p.date {
        s.push_str(&format!("({d})"));
    } else if let Some(y) = p.estimated_year {
        s.push_str(&format!("[{y}]"));
    }
    s.push_str(access_placeholder(p.lang));
    s.push_str(&format!(". {}.", p.url));
    s
}

/// The absolute URL of a plan's page in `lang`.
pub fn plan_url(site: &Site, plan: &Plan, lang: Lang) -> String {
    format!(
        "{}{}",
        site.config.base_url,
        Route::Plan(plan.slug.0.clone()).path(lang)
    )
}

/// The date a plan is cited by: issued (成文日期), else published.
fn plan_date(plan: &Plan) -> Option<Date> {
    plan.date_issued.or(plan.date_published)
}

/// A plan's issuers in `lang` (the English translation's names on English
/// pages, when it gives them), else its jurisdiction's name.
fn issuers(site: &Site, plan: &Plan, lang: Lang) -> Vec<String> {
    let en = plan.translation.as_ref().map(|t| &t.issuers);
    match (lang, en) {
        (Lang::En, Some(en)) if !en.is_empty() => en.clone(),
        _ if !plan.issuers.is_empty() => plan.issuers.clone(),
        _ => vec![site.jurisdiction_of(plan).name.get(lang).clone()],
    }
}

/// GB/T 7714—2015 citation of a plan's page in `lang`: on English pages
/// the English title and issuers when the plan is translated.
pub fn gb7714(site: &Site, plan: &Plan, lang: Lang) -> String {
    let title = match (lang, &plan.translation) {
        (Lang::En, Some(t)) => t.title.as_str(),
        _ => plan.title.as_str(),
    };
    let url = plan_url(site, plan, lang);
    gb_format(&GbParts {
        creators: &issuers(site, plan, lang),
        title,
        other: plan.doc_number.as_deref(),
        kind: GB_TYPE,
        date: plan_date(plan).map(|d| d.to_string()),
        estimated_year: plan.source.date.map(|d| d.year),
        url: &url,
        lang,
    })
}

/// Escapes BibTeX's special characters in a field's text.
pub(super) fn tex(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.trim().chars() {
        match c {
            '\\' => o.push_str("\\textbackslash{}"),
            '{' | '}' | '%' | '&' | '#' | '_' | '$' => {
                o.push('\\');
                o.push(c);
            }
            '~' => o.push_str("\\textasciitilde{}"),
            '^' => o.push_str("\\textasciicircum{}"),
            '\n' | '\r' => o.push(' '),
            c => o.push(c),
        }
    }
    o
}

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// BibTeX (and biblatex) entry for a plan: each issuing body braced as a
/// corporate author, the full date, the 文号 as `number`, this site's page
/// as `url`, the English title in `note`.
pub fn bibtex(site: &Site, plan: &Plan) -> String {
    let authors = issuers(site, plan, Lang::Zh)
        .iter()
        .map(|a| format!("{{{}}}", tex(a)))
        .collect::<Vec<_>>()
        .join(" and ");
    let mut s = format!("@misc{{{},\n", plan.slug.as_str().replace('-', "_"));
    let mut field = |k: &str, v: &str| s.push_str(&format!("  {k} = {{{v}}},\n"));
    field("author", &authors);
    field("title", &tex(&plan.title));
    if let Some(n) = &plan.doc_number {
        field("number", &tex(n));
    }
    if let Some(d) = plan_date(plan) {
        field("date", &d.to_string());
        field("year", &d.year.to_string());
    }
    field("url", &plan_url(site, plan, Lang::Zh));
    field("howpublished", &tex(&site.config.title.zh));
    let mut note = format!(
        "{} ({})",
        plan.doc_type.label(Lang::En),
        plan.doc_type.label(Lang::Zh)
    );
    if let Some(t) = &plan.translation {
        note.push_str(&format!(". English title: {}", t.title.trim()));
    }
    field("note", &tex(&note));
    if let Some(d) = plan_date(plan) {
        s.push_str(&format!(
            "  month = {},\n",
            MONTHS[usize::from(d.month) - 1]
        ));
    }
    s.push_str("  language = {chinese}\n}\n");
    s
}

/// RIS record for a plan (`TY  - GOVDOC`): one `AU` per issuing body,
/// `DA` the full date, `M1` the 文号, `UR` this site's page, `TT` the
/// English title. Lines end in CR LF, as the format asks.
pub fn ris(site: &Site, plan: &Plan) -> String {
    let mut s = String::new();
    let mut tag = |t: &str, v: &str| {
        let v = v.replace(['\r', '\n'], " ");
        s.push_str(&format!("{t}  - {}\r\n", v.trim()));
    };
    tag("TY", "GOVDOC");
    for a in issuers(site, plan, Lang::Zh) {
        tag("AU", &a);
    }
    tag("TI", &plan.title);
    if let Some(t) = &plan.translation {
        tag("TT", &t.title);
    }
    if let Some(n) = &plan.doc_number {
        tag("M1", n);
    }
    if let Some(d) = plan_date(plan) {
        tag("PY", &d.year.to_string());
        tag("DA", &format!("{:04}/{:02}/{:02}/", d.year, d.month, d.day));
    }
    tag("M3", plan.doc_type.label(Lang::Zh));
    tag("DB", &site.config.title.zh);
    tag("UR", &plan_url(site, plan, Lang::Zh));
    tag("LA", "zh");
    tag("ER", "");
    s
}

/// A citation for one indicator's data on this site.
pub fn data_citation(site: &Site, def: &IndicatorDef, lang: Lang) -> String {
    let url = format!(
        "{}{}",
        site.config.base_url,
        Route::Indicator(def.id.0.clone()).path(lang)
    );
    let title = match lang {
        Lang::Zh => format!("{}: 规划指标数据", def.name.zh),
        Lang::En => format!("{}: plan indicator data", def.name.en),
    };
    gb_format(&GbParts {
        creators: std::slice::from_ref(site.config.publisher.get(lang)),
        title: &title,
        other: None,
        kind: "DB/OL",
        date: None,
        estimated_year: None,
        url: &url,
        lang,
    })
}

#[cfg(test)]
#[path = "cite_tests.rs"]
mod tests;
