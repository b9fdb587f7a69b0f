//! Tests of the charts.

use super::*;

#[test]
fn linear_ticks_are_round_steps_from_zero_past_the_largest_value() {
    let s = Scale::linear(18.0);
    assert_eq!(s, Scale::Linear { max: 20.0 });
    assert_eq!(s.ticks(), [0.0, 5.0, 10.0, 15.0, 20.0]);
    assert_eq!(Scale::linear(4.1).ticks(), [0.0, 1.0, 2.0, 3.0, 4.0, 5.0]);
    assert_eq!(
        Scale::linear(2_250_000.0).ticks(),
        [
            0.0,
            500_000.0,
            1_000_000.0,
            1_500_000.0,
            2_000_000.0,
            2_500_000.0
        ]
    );
    assert_eq!(Scale::linear(0.3).ticks(), [0.0, 0.1, 0.2, 0.3]);
    assert!((Scale::linear(18.0).x(10.0, 0.0, 100.0) - 50.0).abs() < 1e-9);
}

#[test]
fn values_ten_times_apart_go_on_a_log_scale_with_a_tick_per_decade() {
    // Baotou's 62,000 trademarks beside Henan's 2,250,000.
    let s = Scale::for_values(&[28_266.0, 62_000.0, 1_121_000.0, 2_250_000.0]);
    assert_eq!(s, Scale::Log { lo: 4, hi: 7 });
    assert_eq!(s.ticks(), [1e4, 1e5, 1e6, 1e7]);
    assert!((s.x(1e5, 0.0, 300.0) - 100.0).abs() < 1e-9);
    // Ten times exactly, or a zero, stays linear.
    assert!(!Scale::for_values(&[2.0, 20.0]).is_log());
    assert!(!Scale::for_values(&[0.0, 5.0, 500.0]).is_log());
    assert!(Scale::for_values(&[2.0, 20.5]).is_log());
    // One decade at least.
    assert_eq!(Scale::log(3.0, 3.0), Scale::Log { lo: 0, hi: 1 });
}

#[test]
fn tick_labels_are_short_in_each_language() {
    assert_eq!(tick_label(10_000.0, Lang::Zh), "1万");
    assert_eq!(tick_label(2_500_000.0, Lang::Zh), "250万");
    assert_eq!(tick_label(1e8, Lang::Zh), "1亿");
    assert_eq!(tick_label(10_000.0, Lang::En), "10k");
    assert_eq!(tick_label(2_500_000.0, Lang::En), "2.5M");
    assert_eq!(tick_label(15.0, Lang::En), "15");
}

#[test]
fn long_titles_wrap_at_spaces_and_between_chinese_characters() {
    assert_eq!(
        wrap("Registered trademarks in force: baseline and target", 24),
        ["Registered trademarks in", "force: baseline and", "target"]
    );
    assert_eq!(
        wrap("每万人口高价值发明专利拥有量", 10),
        ["每万人口高", "价值发明专", "利拥有量"]
    );
}

#[test]
fn trademarks_tenfold_apart_get_a_log_axis_and_a_per_capita_view() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let (files, _) = crate::load::read_site(root).expect("bundled site reads");
    let (site, _) = crate::model::build(files).expect("bundled site builds");
    let records = crate::compare::records(&site);
    let id = crate::model::IndicatorId("valid-registered-trademarks".into());
    let recs: Vec<&Record<'_>> = records
        .iter()
        .filter(|r| r.indicator == id.as_str())
        .collect();
    let charts = charts(&site, &site.indicators[&id], &recs, Lang::En);
    let f = &charts[0].figure;
    assert!(f.contains("log scale (each step ×10)"), "{f}");
    assert!(f.contains("<summary>Linear scale</summary>"), "{f}");
    assert!(f.contains("<summary>Per 10,000 people</summary>"), "{f}");
    assert!(
        f.contains("trademarks per 10,000 people · linear scale"),
        "{f}"
    );
    assert!(charts[0].svg_file.1.starts_with("<svg xmlns="));
}

#[test]
fn chart_snapshot() {
    let rows = [
        Row {
            id: "baotou".into(),
            name: "Baotou".into(),
            plan: "baotou-ip-plan-2021".into(),
            base: Some((Some(2020), 28_266.0)),
            target: (62_000.0, 62_000.0),
            target_year: Some(2025),
            comparator: "≥",
        },
        Row {
            id: "henan".into(),
            name: "Henan Province".into(),
            plan: "henan-ip-plan-2022".into(),
            base: None,
            target: (2_000_000.0, 2_500_000.0),
            target_year: Some(2025),
            comparator: "–",
        },
    ];
    let values = [28_266.0, 62_000.0, 2_000_000.0, 2_500_000.0];
    let scale = Scale::for_values(&values);
    let svg = dumbbell(
        &rows,
        &scale,
        "Registered trademarks in force: baseline and target",
        "trademarks",
        Lang::En,
        "c",
        true,
    );
    let csv = String::from_utf8(dumbbell_csv(&rows, "trademarks")).unwrap();
    insta::assert_snapshot!(format!(
        "{}\n\n{csv}\n\n{}",
        svg.replace("><", ">\n<"),
        values_table(&rows, "trademarks", Lang::En).replace("><", ">\n<")
    ));
}

#[test]
fn a_chart_has_each_jurisdictions_latest_value_once() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let (files, _) = crate::load::read_site(root).expect("bundled site reads");
    let (site, _) = crate::model::build(files).expect("bundled site builds");
    let records = crate::compare::records(&site);
    let with = |j: &'static str, target: u16, baseline: u16| {
        let mut r = records[0].clone();
        r.jurisdiction = j;
        r.target_year = Some(target);
        r.baseline_year = Some(baseline);
        r
    };
    let rows = [
        with("x", 2025, 2020),
        with("y", 2025, 2020),
        with("x", 2030, 2020),
        with("x", 2030, 2019),
        with("y", 2025, 2020),
    ];
    let kept = latest_per_jurisdiction(rows.iter().zip(0..));
    let kept: Vec<(&str, i32)> = kept.iter().map(|(r, i)| (r.jurisdiction, *i)).collect();
    // x's 2030 target (the first of the two), then y's first row.
    assert_eq!(kept, [("x", 2), ("y", 1)]);
}

#[test]
fn a_range_target_is_drawn_between_its_bounds() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let (files, _) = crate::load::read_site(root).expect("bundled site reads");
    let (site, _) = crate::model::build(files).expect("bundled site builds");
    let records = crate::compare::records(&site);
    let mut r = records
        .iter()
        .find(|r| {
            let id = crate::model::IndicatorId(r.indicator.to_owned());
            r.target.is_some() && site.indicators[&id].unit.zh == r.unit
        })
        .expect("a target in the catalogue's unit")
        .clone();
    r.baseline = None;
    r.target = None;
    r.target_min = Some(3.0);
    r.target_max = Some(5.0);
    let def = &site.indicators[&crate::model::IndicatorId(r.indicator.to_owned())];
    let svg: String = charts(&site, def, &[&r], Lang::En)
        .iter()
        .map(|c| c.figure.clone())
        .collect();
    assert!(svg.contains("<line class=\"range\""), "{svg}");
    assert!(svg.contains(": 3–5 ("), "{svg}");
    // The legend's dot and the range's two ends.
    assert_eq!(svg.matches("class=\"target\"").count(), 3, "{svg}");
}

#[test]
fn a_chart_of_many_jurisdictions_draws_those_with_the_latest_targets_in_their_order() {
    // (name, target year, baseline year)
    let rows: Vec<(&'static str, Option<u16>, Option<u16>)> = vec![
        ("a", Some(2020), Some(2015)),
        ("b", Some(2025), None),
        ("c", None, None),
        ("d", Some(2025), Some(2020)),
        ("e", Some(2023), Some(2020)),
        ("f", Some(2025), Some(2020)),
    ];
    let year = |r: &(&str, Option<u16>, Option<u16>)| (r.1, r.2);
    fn names(v: Vec<(&'static str, Option<u16>, Option<u16>)>) -> Vec<&'static str> {
        v.iter().map(|r| r.0).collect()
    }
    assert_eq!(names(latest_of(rows.clone(), 3, year)), ["b", "d", "f"]);
    assert_eq!(
        names(latest_of(rows.clone(), 4, year)),
        ["b", "d", "e", "f"]
    );
    assert_eq!(
        names(latest_of(rows.clone(), 6, year)),
        ["a", "b", "c", "d", "e", "f"]
    );
    assert_eq!(drawn_note(6, 6, Lang::En), "");
    assert!(drawn_note(40, 1988, Lang::En)
        .contains("The 40 jurisdictions with the latest targets, of 1988"));
    assert!(drawn_note(40, 1988, Lang::Zh).contains("目标年份最近的40个地区(共1988个)"));
}
