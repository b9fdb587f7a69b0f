//! What a chart says in other forms: its table of values, its CSV and
//! the links to download both.

use super::*;

/// The chart's values as a table, its text alternative.
pub(super) fn values_table(rows: &[Row], unit: &str, lang: Lang) -> String {
    let (summary, j, b, t) = match lang {
        Lang::Zh => ("图中数值", "地区", "基期值", "目标值"),
        Lang::En => ("Values in this chart", "Jurisdiction", "Baseline", "Target"),
    };
    let mut s = format!("<details class=\"chart-data\"><summary>{summary}</summary><table><caption>{}</caption><thead><tr><th scope=\"col\">{j}</th><th scope=\"col\">{b}</th><th scope=\"col\">{t}</th></tr></thead><tbody>", html_escape(&format!("{}{unit}", words(lang).unit)));
    for r in rows {
        let year = |y: Option<u16>| y.map(|y| format!(" ({y})")).unwrap_or_default();
        let base = match r.base {
            Some((y, v)) => format!("{}{}", fmt::value(v, lang), year(y)),
            None => "—".to_owned(),
        };
        let _ = write!(
            s,
            "<tr><th scope=\"row\">{}</th><td>{}</td><td>{}{}</td></tr>",
            html_escape(&r.name),
            html_escape(&base),
            html_escape(&r.target_text(lang)),
            year(r.target_year)
        );
    }
    s.push_str("</tbody></table></details>");
    s
}

/// The download links under a chart.
pub(super) fn downloads(svg_name: &str, lang: Lang) -> String {
    let (svg, csv) = match lang {
        Lang::Zh => ("下载图表(SVG)", "下载图表数据(CSV)"),
        Lang::En => ("Download chart (SVG)", "Download chart data (CSV)"),
    };
    let csv_name = svg_name.replace(".svg", ".csv");
    format!("<p class=\"chart-links\"><a href=\"{svg_name}\" download>{svg}</a> · <a href=\"{csv_name}\" download>{csv}</a></p>")
}

/// The baseline-and-target chart's data: one row per jurisdiction drawn,
/// in the catalogue unit, with the project's CSV rules.
pub(super) fn dumbbell_csv(rows: &[Row], unit: &str) -> Vec<u8> {
    let mut s = header(&[
        "jurisdiction",
        "name",
        "plan",
        "unit",
        "baseline_year",
        "baseline",
        "target_year",
        "comparator",
        "target",
        "target_min",
        "target_max",
    ]);
    let num = |x: Option<f64>| Cell::Number(x.map(|v| format!("{v}")).unwrap_or_default());
    for r in rows {
        let range = r.target.0 != r.target.1;
        push_row(
            &mut s,
            &[
                Cell::Text(r.id.as_str().into()),
                Cell::Text(r.name.as_str().into()),
                Cell::Text(r.plan.as_str().into()),
                Cell::Text(unit.into()),
                Cell::Number(
                    r.base
                        .and_then(|b| b.0)
                        .map(|y| y.to_string())
                        .unwrap_or_default(),
                ),
                num(r.base.map(|b| b.1)),
                Cell::Number(r.target_year.map(|y| y.to_string()).unwrap_or_default()),
                Cell::Text(compare_word(r.comparator).into()),
                num((!range).then_some(r.target.1)),
                num(range.then_some(r.target.0)),
                num(range.then_some(r.target.1)),
            ],
        );
    }
    s.into_bytes()
}

/// A comparator symbol as the word the data files use.
pub(super) fn compare_word(symbol: &str) -> &'static str {
    match symbol {
        "≥" => "ge",
        "≤" => "le",
        "≈" => "approx",
        "–" => "range",
        _ => "eq",
    }
}
