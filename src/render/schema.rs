//! The fields of every data file: name, type, unit, description in both
//! languages and allowed values. The files' headers, `data/datapackage.json`
//! (Table Schema) and the data page are all made from these tables, so the
//! three cannot drift apart.

use crate::model::{
    Attribute, Category, Comparator, Direction, DocType, Kind, Lang, Level, Script,
};

/// A Table Schema field type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Type {
    /// Text.
    String,
    /// A whole number.
    Integer,
    /// A number.
    Number,
    /// `true` or `false`.
    Boolean,
    /// A JSON array (of strings).
    Array,
    /// An ISO 8601 date, `YYYY-MM-DD`.
    Date,
}

impl Type {
    /// The Table Schema name.
    pub fn key(self) -> &'static str {
        match self {
            Type::String => "string",
            Type::Integer => "integer",
            Type::Number => "number",
            Type::Boolean => "boolean",
            Type::Array => "array",
            Type::Date => "date",
        }
    }
}

/// How a file is written, which decides how some values look.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// CSV, UTF-8 with a BOM; a text cell beginning with `=`, `+`, `-` or
    /// `@` starts with `'` (so `'=` for the comparator symbol `=`).
    Csv,
    /// A JSON array of objects.
    Json,
}

/// A closed set of values a field may take.
#[derive(Debug, Clone, Copy)]
pub enum Allowed {
    /// Comparator words (`eq`, `ge` …).
    Comparator,
    /// Comparator symbols (`=`, `≥` …; `'=` in CSV).
    Symbol,
    /// `expected`, `binding`.
    Attribute,
    /// Kinds of measure.
    Kind,
    /// Categories.
    Category,
    /// Jurisdiction levels.
    Level,
    /// Document types.
    DocType,
    /// Direction of improvement.
    Direction,
    /// Chinese scripts.
    Script,
    /// Qualifiers of reported values (`more_than` …).
    Qualifier,
    /// Roles of a reported record (`reported`, `baseline`).
    ReportedRole,
}

impl Allowed {
    /// The values as written in a file of `format`.
    pub fn values(self, format: Format) -> Vec<&'static str> {
        fn keys<T: Copy>(all: &[T], key: fn(T) -> &'static str) -> Vec<&'static str> {
            all.iter().map(|x| key(*x)).collect()
        }
        match self {
            Allowed::Comparator => keys(Comparator::ALL, crate::compare::comparator_word),
            Allowed::Symbol => keys(Comparator::ALL, crate::compare::comparator_symbol)
                .into_iter()
                .map(|s| match (format, s) {
                    (Format::Csv, "=") => "'=",
                    _ => s,
                })
                .collect(),
            Allowed::Attribute => keys(Attribute::ALL, Attribute::key),
            Allowed::Kind => keys(Kind::ALL, Kind::key),
            Allowed::Category => keys(Category::ALL, Category::key),
            Allowed::Level => keys(Level::ALL, Level::key),
            Allowed::DocType => keys(DocType::ALL, DocType::key),
            Allowed::Direction => keys(Direction::ALL, Direction::key),
            Allowed::Script => keys(Script::ALL, Script::key),
            Allowed::Qualifier => keys(crate::model::Qualifier::ALL, crate::model::Qualifier::key),
            Allowed::ReportedRole => vec!["reported", "baseline"],
        }
    }
}

/// One field of a data file.
#[derive(Debug)]
pub struct Field {
    /// Column or key name.
    pub name: &'static str,
    /// Type.
    pub kind: Type,
    /// Unit of a number, `[zh, en]`.
    pub unit: Option<[&'static str; 2]>,
    /// What it holds, `[zh, en]`.
    pub doc: [&'static str; 2],
    /// Allowed values.
    pub allowed: Option<Allowed>,
    /// Never empty.
    pub required: bool,
    /// A URL.
    pub uri: bool,
}

impl Field {
    /// Description in `lang`.
    pub fn doc(&self, lang: Lang) -> &'static str {
        self.doc[lang_ix(lang)]
    }

    /// Unit in `lang`.
    pub fn unit(&self, lang: Lang) -> Option<&'static str> {
        self.unit.map(|u| u[lang_ix(lang)])
    }
}

/// `[zh, en]` index of `lang`.
pub fn lang_ix(lang: Lang) -> usize {
    match lang {
        Lang::Zh => 0,
        Lang::En => 1,
    }
}

const fn f(name: &'static str, kind: Type, zh: &'static str, en: &'static str) -> Field {
    Field {
        name,
        kind,
        unit: None,
        doc: [zh, en],
        allowed: None,
        required: false,
        uri: false,
    }
}

const fn req(x: Field) -> Field {
    Field {
        required: true,
        ..x
    }
}

const fn unit(x: Field, zh: &'static str, en: &'static str) -> Field {
    Field {
        unit: Some([zh, en]),
        ..x
    }
}

const fn one_of(x: Field, a: Allowed) -> Field {
    Field {
        allowed: Some(a),
        ..x
    }
}

const fn uri(x: Field) -> Field {
    Field { uri: true, ..x }
}

use Type::*;

const PRINTED: (&str, &str) = (
    "按 unit 列所示单位(原文所印)",
    "in the unit of the unit column (as printed)",
);
const PER_10K: (&str, &str) = (
    "指标目录基本单位(catalogue.csv 的 base_unit)/ 每万人",
    "the catalogue's base unit (base_unit in catalogue.csv) per 10,000 people",
);
const RATE: (&str, &str) = (
    "每年,以小数计(0.15 即 15%)",
    "per year, as a fraction (0.15 is 15%)",
);
const YEAR: (&str, &str) = ("年", "year");
const PEOPLE: (&str, &str) = ("人", "persons");

/// Every field of an indicator record, by name (see [`INDICATOR_CSV`] and
/// [`INDICATOR_JSON`] for their order).
#[rustfmt::skip]
pub const INDICATOR_FIELDS: &[Field] = &[
    req(f("plan", String, "规划(plans.json 的 slug)", "Plan (slug in plans.json)")),
    req(f("jurisdiction", String, "地区(jurisdictions.csv 的 id)", "Jurisdiction (id in jurisdictions.csv)")),
    req(f("indicator", String, "指标(catalogue.csv 的 id)", "Indicator (id in catalogue.csv)")),
    req(f("label_zh", String, "规划原文所印的指标名称", "The indicator's name as printed in the plan")),
    req(f("name_en", String, "指标目录中的英文名称", "The catalogue's English name")),
    f("unit", String, "原文所印单位;baseline、target、target_min、target_max 均以此为单位", "Unit as printed; baseline, target, target_min and target_max are in it"),
    unit(f("baseline_year", Integer, "基数年份", "Baseline year"), YEAR.0, YEAR.1),
    unit(f("baseline", Number, "基数(原文未给出则为空)", "Baseline value (empty where the text gives none)"), PRINTED.0, PRINTED.1),
    unit(f("target_year", Integer, "目标年份", "Target year"), YEAR.0, YEAR.1),
    unit(f("target", Number, "目标值(区间目标为空,见 target_min、target_max)", "Target value (empty for a range: see target_min, target_max)"), PRINTED.0, PRINTED.1),
    one_of(f("comparator", String, "目标值与数值的关系,以英文词表示:eq(达到)、ge(以上)、le(以内)、approx(左右)、range(介于 target_min 与 target_max 之间)", "How the target relates to its value, as a word: eq (reached), ge (at least), le (at most), approx (about), range (between target_min and target_max)"), Allowed::Comparator),
    one_of(f("comparator_symbol", String, "同一关系的显示符号 =、≥、≤、≈、–(CSV 中 = 写作 '=)", "The same relation as a symbol for display: =, ≥, ≤, ≈, – (in the CSV, = is written '=)"), Allowed::Symbol),
    one_of(f("attribute", String, "指标属性:expected 预期性,binding 约束性", "Attribute: expected (预期性) or binding (约束性)"), Allowed::Attribute),
    req(f("cumulative", Boolean, "目标为规划期内累计值", "The target is a total over the plan period")),
    unit(f("implied_cagr", Number, "由基数和目标推算的年均复合增长率", "Compound annual growth implied by baseline and target"), RATE.0, RATE.1),
    unit(f("stated_cagr", Number, "规划所述的年均增长率", "Annual growth rate the plan states"), RATE.0, RATE.1),
    f("basis_agrees", Boolean, "所述增长率与推算增长率在四舍五入范围内一致", "Whether the stated and implied rates agree within rounding"),
    f("basis", String, "原文所述测算依据", "The stated basis, as printed"),
    unit(f("target_per_10k", Number, "每万人目标值", "Target per 10,000 people"), PER_10K.0, PER_10K.1),
    unit(f("baseline_per_10k", Number, "每万人基数", "Baseline per 10,000 people"), PER_10K.0, PER_10K.1),
    f("group", String, "可比组:同组指标相似但口径可能不同", "Comparability group: look-alike measures, possibly measured differently"),
    req(one_of(f("kind", String, "计量类型", "Kind of measure"), Allowed::Kind)),
    req(one_of(f("category", String, "类别", "Category"), Allowed::Category)),
    unit(f("population", Integer, "计算每万人数值所用的人口(见 jurisdictions.csv)", "Population used for per-10,000 figures (see jurisdictions.csv)"), PEOPLE.0, PEOPLE.1),
    f("anchor", String, "规划页面中出处段落的锚点", "Anchor of the passage on the plan page"),
    f("passage", String, "原文出处段落", "The passage quoted"),
    f("source_location", String, "来源文件中的位置(文件:行)", "Location in the source file (file:line)"),
    uri(f("url", String, "出处段落的网址", "URL of the passage")),
    unit(f("target_min", Number, "区间目标(comparator 为 range,显示为 3–5)的下限,含端点;此时 target 为空,也不据任一端计算增长率或人均值", "Lower bound of a range target (comparator range, printed 3–5), included; the target is then empty, and no growth rate or per-capita figure is computed from either bound"), PRINTED.0, PRINTED.1),
    unit(f("target_max", Number, "区间目标的上限,含端点", "Upper bound of a range target, included"), PRINTED.0, PRINTED.1),
    f("unit_printed", String, "原文所印单位(与 unit 相同;与下列折算列对照)", "Unit as printed (the same as unit; beside the normalised columns below)"),
    f("baseline_printed", String, "原文所印基数,含单位(225万件);原文未给出则为空", "The baseline as printed, with its unit (225万件); empty where the text gives none"),
    f("target_printed", String, "原文所印目标,含关系符号和单位(≥5个、3–5个)", "The target as printed, with its relation and unit (≥5个, 3–5个)"),
    req(f("scale", Number, "原文单位折合基本单位的倍数(万件 → 10000,亿元 → 100000000,件 → 1)", "Multiplier from the printed unit to the base unit (万件 → 10000, 亿元 → 100000000, 件 → 1)")),
    req(f("unit_base", String, "基本单位(去掉“万”“亿”:件、元、%);baseline_base、target_base 以此为单位", "Base unit (without 万 or 亿: 件, 元, %); baseline_base and target_base are in it")),
    f("baseline_base", Number, "以基本单位表示的基数(baseline × scale)", "Baseline in the base unit (baseline × scale)"),
    f("target_base", Number, "以基本单位表示的目标值(target × scale;区间目标为空)", "Target in the base unit (target × scale; empty for a range)"),
    f("note", String, "编者对该数值的注释(例如累计口径为编者据文意判断);没有则为空", "The editors' note on the figure, in Chinese (for example that a total is their reading of the text); empty when there is none"),
];

/// Columns of `data/indicators.csv` and `data/indicators/<id>.csv`.
#[rustfmt::skip]
pub const INDICATOR_CSV: &[&str] = &[
    "plan", "jurisdiction", "indicator", "label_zh", "name_en", "unit", "baseline_year", "baseline",
    "target_year", "target", "comparator", "comparator_symbol", "attribute", "cumulative",
    "implied_cagr", "stated_cagr", "basis_agrees", "basis", "target_per_10k", "baseline_per_10k",
    "group", "kind", "category", "population", "source_location", "passage", "url", "target_min",
    "target_max", "note", "unit_printed", "baseline_printed", "target_printed", "scale", "unit_base",
    "baseline_base", "target_base",
];

/// Keys of each record of `data/indicators.json`, in order.
#[rustfmt::skip]
pub const INDICATOR_JSON: &[&str] = &[
    "plan", "jurisdiction", "indicator", "label_zh", "name_en", "unit", "baseline_year", "baseline",
    "target_year", "target", "comparator", "comparator_symbol", "attribute", "cumulative",
    "implied_cagr", "stated_cagr", "basis_agrees", "basis", "target_per_10k", "baseline_per_10k",
    "group", "kind", "category", "population", "anchor", "passage", "source_location", "target_min",
    "target_max", "note", "unit_printed", "baseline_printed", "target_printed", "scale", "unit_base",
    "baseline_base", "target_base", "url",
];

/// Keys of each record of `data/plans.json`, in order.
#[rustfmt::skip]
pub const PLAN_FIELDS: &[Field] = &[
    req(f("slug", String, "规划标识", "Plan slug")),
    req(f("jurisdiction", String, "地区(jurisdictions.csv 的 id)", "Jurisdiction (id in jurisdictions.csv)")),
    req(f("title_zh", String, "中文标题", "Chinese title")),
    f("title_en", String, "英文标题(未翻译则为空)", "English title (empty if not translated)"),
    req(uri(f("url_zh", String, "中文页面网址", "URL of the Chinese page"))),
    req(uri(f("url_en", String, "英文页面网址", "URL of the English page"))),
    req(one_of(f("doc_type", String, "文件类型", "Document type"), Allowed::DocType)),
    req(f("issuers", Array, "发文机关", "Issuing bodies")),
    f("doc_number", String, "文号", "Document number (文号)"),
    f("date_issued", Date, "成文日期", "Date issued (成文日期)"),
    f("date_published", Date, "发布日期", "Date published"),
    unit(f("period_start", Integer, "规划期起始年", "First year of the plan period"), YEAR.0, YEAR.1),
    unit(f("period_end", Integer, "规划期末年", "Last year of the plan period"), YEAR.0, YEAR.1),
    req(f("source", String, "文本来源说明", "Where the text came from")),
    uri(f("source_url", String, "来源网址", "Source URL")),
    f("source_date", Date, "来源网页的日期(转载稿日期,非正式发布日期)", "Date of the source page (a reprint's date, not the official publication date)"),
    req(one_of(f("script", String, "中文原文所用字体:hans 简体,hant 繁体", "Script of the Chinese text: hans (simplified) or hant (traditional)"), Allowed::Script)),
    req(f("topics", Array, "主题(topics.csv 的 topic)", "Topics (topic in topics.csv)")),
    req(f("indicators", Integer, "指标数值条数", "Number of indicator values")),
    req(f("translated", Boolean, "有英文译文", "Has an English translation")),
];

/// Columns of `data/jurisdictions.csv`.
#[rustfmt::skip]
pub const JURISDICTION_FIELDS: &[Field] = &[
    req(f("id", String, "地区标识", "Jurisdiction id")),
    req(f("name_zh", String, "中文名称", "Chinese name")),
    req(f("name_en", String, "英文名称", "English name")),
    req(one_of(f("level", String, "行政层级", "Administrative level"), Allowed::Level)),
    f("parent", String, "上级地区(id)", "Parent jurisdiction (id)"),
    unit(f("population", Integer, "人口(每万人数值的分母)", "Population (the denominator of per-10,000 figures)"), PEOPLE.0, PEOPLE.1),
    unit(f("population_year", Integer, "人口数据年份", "Year of the population figure"), YEAR.0, YEAR.1),
    f("population_source", String, "人口数据来源", "Source of the population figure, in Chinese"),
    f("population_source_en", String, "人口数据来源(英文)", "Source of the population figure, in English"),
    req(f("short_name_zh", String, "中文简称(对比矩阵的列名;未设简称则为全称)", "Short Chinese name (the comparison matrix's column header; the full name when none is set)")),
    req(f("short_name_en", String, "英文简称", "Short English name")),
];

/// Columns of `data/catalogue.csv`.
#[rustfmt::skip]
pub const CATALOGUE_FIELDS: &[Field] = &[
    req(f("id", String, "指标标识", "Indicator id")),
    req(f("name_zh", String, "中文名称", "Chinese name")),
    req(f("name_en", String, "英文名称", "English name")),
    req(f("unit_zh", String, "目录单位", "The catalogue's unit, in Chinese")),
    req(f("unit_en", String, "目录单位(英文)", "The catalogue's unit, in English")),
    req(f("base_unit", String, "基本单位(去掉“万”“亿”,每万人数值以此为单位)", "Base unit (without 万 or 亿; per-10,000 figures are in it)")),
    req(f("unit_scale", Number, "目录单位折合基本单位的倍数(万件 → 10000)", "Multiplier from the catalogue's unit to the base unit (万件 → 10000)")),
    req(one_of(f("category", String, "类别", "Category"), Allowed::Category)),
    req(one_of(f("kind", String, "计量类型", "Kind of measure"), Allowed::Kind)),
    req(one_of(f("direction", String, "哪个方向为改善", "Which direction is an improvement"), Allowed::Direction)),
    req(f("per_capita", Boolean, "计算每万人数值", "Per-10,000 figures are computed")),
    f("group", String, "可比组", "Comparability group"),
    f("definition_zh", String, "定义", "Definition, in Chinese"),
    f("definition_en", String, "定义(英文)", "Definition, in English"),
];

/// Columns of `data/topics.csv`.
#[rustfmt::skip]
pub const TOPIC_FIELDS: &[Field] = &[
    req(f("plan", String, "规划(plans.json 的 slug)", "Plan (slug in plans.json)")),
    req(f("jurisdiction", String, "地区(jurisdictions.csv 的 id)", "Jurisdiction (id in jurisdictions.csv)")),
    req(f("topic", String, "主题标识", "Topic id")),
    req(f("topic_zh", String, "主题中文名称", "Topic label in Chinese")),
    req(f("topic_en", String, "主题英文名称", "Topic label in English")),
    req(f("passage", String, "作出该承诺的原文段落", "The passage that makes the commitment")),
    req(uri(f("url", String, "该段落的网址", "URL of the passage"))),
];

/// Fields of `data/reported.csv` and of each record of
/// `data/reported.json`, in order: one record per reported value (a
/// `reported:` entry, or a baseline, which is a reported value a target
/// builds on).
#[rustfmt::skip]
pub const REPORTED_FIELDS: &[Field] = &[
    req(f("plan", String, "规划(plans.json 的 slug)", "Plan (slug in plans.json)")),
    req(f("jurisdiction", String, "地区(jurisdictions.csv 的 id)", "Jurisdiction (id in jurisdictions.csv)")),
    req(f("indicator", String, "指标(catalogue.csv 的 id)", "Indicator (id in catalogue.csv)")),
    req(f("label_zh", String, "规划原文所印的指标名称", "The indicator's name as printed in the plan")),
    req(f("name_en", String, "指标目录中的英文名称", "The catalogue's English name")),
    req(one_of(f("role", String, "reported:规划报告的已取得数值;baseline:目标的基期值(也是报告值)", "reported: a value the plan reports as achieved; baseline: a target's baseline (a reported value too)"), Allowed::ReportedRole)),
    req(unit(f("value", Number, "原文所印数值", "The value as printed"), PRINTED.0, PRINTED.1)),
    f("unit", String, "原文所印单位", "Unit as printed"),
    unit(f("year", Integer, "数值所指年份(年末水平;期间累计则为空)", "The year the value describes (a year-end level; empty for a total over a period)"), YEAR.0, YEAR.1),
    unit(f("period_start", Integer, "累计值所指期间的起始年", "First year of the period a total covers"), YEAR.0, YEAR.1),
    unit(f("period_end", Integer, "累计值所指期间的末年", "Last year of the period a total covers"), YEAR.0, YEAR.1),
    one_of(f("qualifier", String, "原文限定词:more_than(余、多、超过)、about(约、左右)、at_least(以上、不少于)、nearly(近、接近)", "The text's qualifier: more_than (余, 多, 超过), about (约, 左右), at_least (以上, 不少于), nearly (近, 接近)"), Allowed::Qualifier),
    f("multiple", Number, "原文同时给出的倍数(如 2.4 倍)", "A multiple the text also states (such as 2.4 times)"),
    f("multiple_of_zh", String, "倍数的比较对象", "What the multiple compares to, in Chinese"),
    f("multiple_of_en", String, "倍数的比较对象(英文)", "What the multiple compares to, in English"),
    f("note_zh", String, "编者注释", "The editors' note, in Chinese"),
    f("note_en", String, "编者注释(英文)", "The editors' note, in English"),
    f("passage", String, "原文出处段落(规划之外的数值为空)", "The passage quoted (empty for a value from outside the plan)"),
    uri(f("url", String, "出处段落的网址", "URL of the passage")),
    f("source_title", String, "规划之外数值的出处标题(统计公报、评估报告)", "Title of the source of a value from outside the plan (a statistical bulletin, an evaluation report)"),
    f("source_issuer", String, "出处发布机构", "Who published the source"),
    f("source_date", Date, "出处发布日期", "Date the source was published"),
    uri(f("source_url", String, "出处网址", "URL of the source")),
    req(f("scale", Number, "原文单位折合基本单位的倍数(万件 → 10000)", "Multiplier from the printed unit to the base unit (万件 → 10000)")),
    req(f("unit_base", String, "基本单位(去掉“万”“亿”)", "Base unit (without 万 or 亿)")),
    req(f("value_base", Number, "以基本单位表示的数值(value × scale)", "The value in the base unit (value × scale)")),
];

/// The fields of an indicator file in `format`, in order.
pub fn indicator_fields(format: Format) -> Vec<&'static Field> {
    let order = match format {
        Format::Csv => INDICATOR_CSV,
        Format::Json => INDICATOR_JSON,
    };
    order
        .iter()
        .map(|n| {
            INDICATOR_FIELDS
                .iter()
                .find(|f| f.name == *n)
                .expect("every column is described")
        })
        .collect()
}

/// Column names of `fields`.
pub fn names(fields: &[Field]) -> Vec<&'static str> {
    fields.iter().map(|f| f.name).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_indicator_field_is_in_both_orders_once() {
        for f in INDICATOR_FIELDS {
            let csv = INDICATOR_CSV.iter().filter(|n| **n == f.name).count();
            let json = INDICATOR_JSON.iter().filter(|n| **n == f.name).count();
            assert_eq!(json, 1, "{}", f.name);
            assert_eq!(csv, usize::from(f.name != "anchor"), "{}", f.name);
        }
        assert_eq!(indicator_fields(Format::Csv).len(), INDICATOR_CSV.len());
        assert_eq!(indicator_fields(Format::Json).len(), INDICATOR_JSON.len());
    }

    #[test]
    fn symbols_in_csv_are_formula_safe() {
        let v = Allowed::Symbol.values(Format::Csv);
        assert!(v.contains(&"'=") && !v.contains(&"="), "{v:?}");
        assert!(Allowed::Symbol.values(Format::Json).contains(&"="));
    }
}
