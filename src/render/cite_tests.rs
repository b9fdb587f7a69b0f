//! Citation shapes checked against GB/T 7714—2015's own examples and the
//! bundled plans.

use super::*;
use std::path::Path;

fn with_access(s: &str, lang: Lang, date: &str) -> String {
    s.replace(access_placeholder(lang), &format!("[{date}]"))
}

fn parts<'a>(creators: &'a [String], title: &'a str, url: &'a str) -> GbParts<'a> {
    GbParts {
        creators,
        title,
        other: None,
        kind: "EB/OL",
        date: None,
        estimated_year: None,
        url,
        lang: Lang::Zh,
    }
}

#[test]
fn the_standards_electronic_resource_examples() {
    // GB/T 7714—2015 §4.8.2, examples of online resources.
    let c = ["中国互联网络信息中心".to_owned()];
    let url = "http://www.cnnic.net.cn/hlwfzyj/hlwxzbg/201201/P020120709345264469680.pdf";
    let s = gb_format(&GbParts {
        kind: "R/OL",
        date: Some("2012-01-16".into()),
        estimated_year: None,
        ..parts(&c, "第29次中国互联网络发展现状统计报告", url)
    });
    assert_eq!(
        with_access(&s, Lang::Zh, "2013-03-26"),
        "中国互联网络信息中心. 第29次中国互联网络发展现状统计报告[R/OL]. \
         (2012-01-16)[2013-03-26]. http://www.cnnic.net.cn/hlwfzyj/hlwxzbg/201201/P020120709345264469680.pdf."
    );
    let c = ["北京市人民政府办公厅".to_owned()];
    let s = gb_format(&GbParts {
        other: Some("京政办发〔2005〕37号"),
        kind: "A/OL",
        date: Some("2005-07-12".into()),
        estimated_year: None,
        ..parts(
            &c,
            "关于转发北京市企业投资项目核准暂行实施办法的通知",
            "http://china.findlaw.cn/fagui/p_1/39934.html",
        )
    });
    assert_eq!(
        with_access(&s, Lang::Zh, "2011-07-12"),
        "北京市人民政府办公厅. 关于转发北京市企业投资项目核准暂行实施办法的通知: \
         京政办发〔2005〕37号[A/OL]. (2005-07-12)[2011-07-12]. http://china.findlaw.cn/fagui/p_1/39934.html."
    );
    let c = ["萧钰".to_owned()];
    let s = gb_format(&GbParts {
        date: Some("2001-12-19".into()),
        estimated_year: None,
        ..parts(
            &c,
            "出版业信息化迈入快车道",
            "http://www.creader.com/news/20011219/200112190019.html",
        )
    });
    assert_eq!(
        with_access(&s, Lang::Zh, "2002-04-15"),
        "萧钰. 出版业信息化迈入快车道[EB/OL]. (2001-12-19)[2002-04-15]. \
         http://www.creader.com/news/20011219/200112190019.html."
    );
}

#[test]
fn more_than_three_bodies_are_cut_to_three_and_et_al() {
    let c: Vec<String> = ["甲", "乙", "丙", "丁"].map(String::from).to_vec();
    let s = gb_format(&parts(&c, "题名", "https://x.org/"));
    assert!(
        s.starts_with("甲, 乙, 丙, 等. 题名[EB/OL]. [引用日期]"),
        "{s}"
    );
    let c: Vec<String> = ["A", "B", "C", "D"].map(String::from).to_vec();
    let s = gb_format(&GbParts {
        lang: Lang::En,
        ..parts(&c, "Title", "https://x.org/")
    });
    assert!(
        s.starts_with("A, B, C, et al. Title[EB/OL]. [cited YYYY-MM-DD]"),
        "{s}"
    );
    let c: Vec<String> = ["甲", "乙", "丙"].map(String::from).to_vec();
    assert!(gb_format(&parts(&c, "题名", "u")).starts_with("甲, 乙, 丙. 题名"));
}

#[test]
fn bibtex_escapes_its_specials() {
    assert_eq!(tex("50% & #1_a {b} $"), "50\\% \\& \\#1\\_a \\{b\\} \\$");
    assert_eq!(
        tex("a\\b~^"),
        "a\\textbackslash{}b\\textasciitilde{}\\textasciicircum{}"
    );
}

fn bundled() -> Site {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (files, _) = crate::load::read_site(root).expect("bundled site loads");
    crate::model::build(files).expect("bundled site is valid").0
}

#[test]
fn bundled_plans_cite_well() {
    let site = bundled();
    let plan = |slug: &str| site.plans.iter().find(|p| p.slug.as_str() == slug).unwrap();
    let baotou = plan("baotou-ip-plan-2021");
    assert_eq!(
        gb7714(&site, baotou, Lang::Zh),
        "包头市市场监督管理局, 包头市知识产权局. 包头市“十四五”知识产权保护和运用规划: \
         包市监发〔2021〕369号[Z/OL]. (2021-12-22)[引用日期]. \
         https://plansite.example.org/plans/baotou-ip-plan-2021/."
    );
    // Gansu's text gives no date: the year of the copy it was taken from,
    // as an estimated year.
    assert!(gb7714(&site, plan("gansu-ip-port-opinions-2020"), Lang::Zh)
        .contains("[Z/OL]. [2020][引用日期]. "));
    for p in &site.plans {
        for lang in Lang::ALL {
            let s = gb7714(&site, p, lang);
            assert!(!s.contains(" [Z"), "no space before the type mark: {s}");
            assert!(!s.contains("  "), "{s}");
            // A date in parentheses, or an estimated year in brackets.
            assert!(s.contains("[Z/OL]. (") || s.contains("[Z/OL]. ["), "{s}");
            assert!(s.contains(access_placeholder(lang)), "{s}");
            assert!(
                s.ends_with(&format!("{}.", plan_url(&site, p, lang))),
                "{s}"
            );
        }
        let b = bibtex(&site, p);
        assert_eq!(b.matches("author = {{").count(), 1, "{b}");
        assert_eq!(
            b.matches("} and {").count(),
            p.issuers.len().saturating_sub(1),
            "{b}"
        );
        let r = ris(&site, p);
        assert!(
            r.starts_with("TY  - GOVDOC\r\n") && r.ends_with("ER  - \r\n"),
            "{r}"
        );
        assert_eq!(r.matches("\r\nAU  - ").count(), p.issuers.len().max(1));
    }
}
