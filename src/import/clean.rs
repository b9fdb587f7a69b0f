//! Line-level cleaning of a web copy: page furniture, pinyin annotations
//! and suspected mojibake.

use crate::parse::cjk::{is_cjk, is_han};

/// What kind of page furniture a line is, if it is furniture.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Furniture {
    /// "Scan to open on your phone".
    ScanToPhone,
    /// "Back to top".
    BackToTop,
    /// Font-size or print toolbar.
    Toolbar,
    /// View counter, with the page date and source.
    ViewCounter,
    /// Publication time and source line of the web page.
    DateSource,
    /// "Report an error" link or editor credit.
    EditorCredit,
    /// A lone language switch (`EN`).
    LanguageSwitch,
    /// A bare URL.
    SiteUrl,
    /// A line of only table borders.
    StrayBorder,
    /// A category tag of the web page.
    Category,
    /// An attachment file name.
    Attachment,
}

impl Furniture {
    /// A short description for the removal report.
    pub fn describe(self) -> &'static str {
        match self {
            Furniture::ScanToPhone => "scan-to-phone line",
            Furniture::BackToTop => "back-to-top link",
            Furniture::Toolbar => "font-size/print toolbar",
            Furniture::ViewCounter => "date, source and view counter of the web page",
            Furniture::DateSource => "publication time and source of the web page",
            Furniture::EditorCredit => "error-report link / editor credit",
            Furniture::LanguageSwitch => "language switch",
            Furniture::SiteUrl => "bare site URL",
            Furniture::StrayBorder => "stray table border",
            Furniture::Category => "category tag of the web page",
            Furniture::Attachment => "attachment file name",
        }
    }
}

const TOOLBAR_WORDS: &[&str] = &[
    "字号",
    "字號",
    "默认",
    "默認",
    "大",
    "中",
    "小",
    "超大",
    "打印",
    "关闭",
    "關閉",
    "分享",
    "分享到",
    "打印本页",
    "打印本頁",
    "关闭窗口",
    "關閉窗口",
    "【打印】",
    "【关闭】",
    "【大】",
    "【中】",
    "【小】",
    "|",
    "[打印]",
    "[关闭]",
];

/// Classifies a (pinyin-stripped, normalised) line as furniture.
pub fn furniture(line: &str) -> Option<Furniture> {
    let t = line.trim();
    if t.is_empty() {
        return None;
    }
    let compact: String = t.chars().filter(|c| !c.is_whitespace()).collect();
    if compact.starts_with("扫一扫") || compact.starts_with("掃一掃") {
        return Some(Furniture::ScanToPhone);
    }
    if compact.chars().count() <= 8
        && ["回到顶部", "返回顶部", "回到頂部", "返回頂部", "TOP", "top"]
            .iter()
            .any(|w| compact.contains(w))
    {
        return Some(Furniture::BackToTop);
    }
    if compact.starts_with("字号") || compact.starts_with("字號") {
        return Some(Furniture::Toolbar);
    }
    let words: Vec<&str> = t
        .split(|c: char| c.is_whitespace() || c == ':' || c == '\u{FF1A}')
        .filter(|w| !w.is_empty())
        .collect();
    if words
        .iter()
        .any(|w| w.contains("打印") || w.contains("关闭") || w.contains("關閉"))
        && words.iter().all(|w| TOOLBAR_WORDS.contains(w))
    {
        return Some(Furniture::Toolbar);
    }
    if [
        "阅读量",
        "閱讀量",
        "浏览次数",
        "瀏覽次數",
        "访问量",
        "訪問量",
        "点击数",
        "點擊數",
        "浏览量",
        "瀏覽量",
    ]
    .iter()
    .any(|w| compact.contains(w))
    {
        return Some(Furniture::ViewCounter);
    }
    if compact.contains("我要纠错") || compact.contains("我要糾錯") {
        return Some(Furniture::EditorCredit);
    }
    if (compact.starts_with("责任编辑") || compact.starts_with("責任編輯"))
        && compact.chars().count() <= 20
    {
        return Some(Furniture::EditorCredit);
    }
    if t == "EN" || t == "English" || t == "中文" || t == "简体" || t == "繁體" {
        return Some(Furniture::LanguageSwitch);
    }
    if !t.contains(' ')
        && (t.starts_with("http://") || t.starts_with("https://") || t.starts_with("www."))
    {
        return Some(Furniture::SiteUrl);
    }
    if t.chars().all(|c| matches!(c, '|' | '-' | ' ' | '—' | '+')) {
        return Some(Furniture::StrayBorder);
    }
    if date_source(t).is_some() {
        return Some(Furniture::DateSource);
    }
    if ["分类:", "分類:", "分类\u{FF1A}", "分類\u{FF1A}"]
        .iter()
        .any(|p| compact.starts_with(p))
        && compact.chars().count() <= 30
    {
        return Some(Furniture::Category);
    }
    let lower = t.to_ascii_lowercase();
    if !t.contains(' ')
        && t.chars().count() <= 60
        && [".pdf", ".doc", ".docx", ".wps", ".xls", ".xlsx", ".ofd"]
            .iter()
            .any(|e| lower.ends_with(e))
    {
        return Some(Furniture::Attachment);
    }
    None
}

/// A web page's publication line (`时间:2022-05-16 16:55 来源:…`,
/// `2017-03-28 18:19 來源: …`, `2020年05月11日 | 来源:… | 阅读量:…`): the
/// date it gives, as `YYYY-MM-DD`.
pub fn date_source(line: &str) -> Option<String> {
    let has_source = [
        "来源",
        "來源",
        "发布时间",
        "發布時間",
        "时间:",
        "时间\u{FF1A}",
        "時間:",
        "時間\u{FF1A}",
    ]
    .iter()
    .any(|w| line.contains(w));
    if !has_source {
        return None;
    }
    find_date(line)
}

/// The first date in `line`, written `2021-12-22`, `2021年12月22日` or
/// `2021/12/22`, as `YYYY-MM-DD`.
pub fn find_date(line: &str) -> Option<String> {
    let chars: Vec<char> = line.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if let Some((y, m, d)) = date_at(&chars[i..]) {
            return Some(format!("{y:04}-{m:02}-{d:02}"));
        }
        i += 1;
    }
    None
}

fn digits(chars: &[char], min: usize, max: usize) -> Option<(u32, usize)> {
    let n = chars
        .iter()
        .take(max)
        .take_while(|c| c.is_ascii_digit())
        .count();
    if n < min {
        return None;
    }
    let v = chars[..n].iter().collect::<String>().parse().ok()?;
    Some((v, n))
}

fn date_at(chars: &[char]) -> Option<(u32, u32, u32)> {
    let (y, n) = digits(chars, 4, 4)?;
    let sep = *chars.get(n)?;
    let (m, n2) = digits(&chars[n + 1..], 1, 2)?;
    let p = n + 1 + n2;
    let sep2 = *chars.get(p)?;
    let (d, n3) = digits(&chars[p + 1..], 1, 2)?;
    let ok = match sep {
        '年' => sep2 == '月' && chars.get(p + 1 + n3) == Some(&'日'),
        '-' | '/' | '.' => sep2 == sep,
        _ => false,
    };
    (ok && (1900..=2200).contains(&y) && (1..=12).contains(&m) && (1..=31).contains(&d))
        .then_some((y, m, d))
}

/// Initials of Mandarin syllables, longest first.
const INITIALS: &[&str] = &[
    "zh", "ch", "sh", "b", "p", "m", "f", "d", "t", "n", "l", "g", "k", "h", "j", "q", "x", "r",
    "z", "c", "s", "y", "w", "",
];
/// Finals of Mandarin syllables (ü written `v`).
const FINALS: &[&str] = &[
    "a", "o", "e", "i", "u", "v", "ai", "ei", "ui", "ao", "ou", "iu", "ie", "ve", "ue", "er", "an",
    "en", "in", "un", "vn", "ang", "eng", "ing", "ong", "ia", "iao", "ian", "iang", "iong", "ua",
    "uo", "uai", "uan", "uang", "ueng", "io", "ng", "n", "m",
];

fn untone(c: char) -> Option<char> {
    Some(match c {
        'a'..='z' => c,
        'ā' | 'á' | 'ǎ' | 'à' => 'a',
        'ē' | 'é' | 'ě' | 'è' | 'ê' => 'e',
        'ī' | 'í' | 'ǐ' | 'ì' => 'i',
        'ō' | 'ó' | 'ǒ' | 'ò' => 'o',
        'ū' | 'ú' | 'ǔ' | 'ù' => 'u',
        'ü' | 'ǖ' | 'ǘ' | 'ǚ' | 'ǜ' => 'v',
        'ń' | 'ň' | 'ǹ' => 'n',
        'ḿ' => 'm',
        _ => return None,
    })
}

/// True when `s` is one pinyin syllable, with or without tone marks.
pub fn is_pinyin_syllable(s: &str) -> bool {
    let Some(plain) = s.chars().map(untone).collect::<Option<String>>() else {
        return false;
    };
    if plain.is_empty() || plain.len() > 6 {
        return false;
    }
    INITIALS.iter().any(|i| {
        plain
            .strip_prefix(i)
            .is_some_and(|rest| FINALS.contains(&rest) && !(i.is_empty() && rest == "m"))
    })
}

/// Removes pinyin annotations that directly follow a Han character
/// (`發(fā)` → `發`, `關(guān)` → `關`); other parentheses are kept. Returns
/// the text and how many annotations were removed.
pub fn strip_pinyin(line: &str) -> (String, usize) {
    let (out, _, removed) = strip_pinyin_mapped(line);
    (out, removed)
}

/// [`strip_pinyin`], also returning for each output character the index of
/// the input character it came from (so positions can be reported in the
/// input).
pub fn strip_pinyin_mapped(line: &str) -> (String, Vec<usize>, usize) {
    let chars: Vec<char> = line.chars().collect();
    let mut out = String::with_capacity(line.len());
    let mut map = Vec::with_capacity(chars.len());
    let mut removed = 0;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if (c == '(' || c == '\u{FF08}') && out.chars().next_back().is_some_and(is_han) {
            let close = chars[i + 1..]
                .iter()
                .take(8)
                .position(|&d| d == ')' || d == '\u{FF09}');
            if let Some(len) = close {
                let inner: String = chars[i + 1..i + 1 + len].iter().collect();
                if is_pinyin_syllable(&inner) {
                    removed += 1;
                    i += len + 2;
                    continue;
                }
            }
        }
        out.push(c);
        map.push(i);
        i += 1;
    }
    (out, map, removed)
}

/// A run of characters that look like mojibake.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suspect {
    /// 1-based column (in characters) of the run's first character.
    pub column: usize,
    /// The run with a little context.
    pub context: String,
    /// Why it looks wrong.
    pub reason: &'static str,
}

fn odd_symbol(c: char) -> bool {
    matches!(c as u32,
        0x0080..=0x009F      // C1 controls
        | 0x2500..=0x259F    // box drawing, block elements
        | 0xE000..=0xF8FF    // private use
        | 0xFFF0..=0xFFFF) // specials, U+FFFD
}

fn latin1_mojibake(c: char) -> bool {
    matches!(c, 'Ã' | 'Â' | 'â' | 'ï' | 'å' | 'æ' | 'ç' | 'è' | 'é' | 'ä')
}

/// Finds suspected mojibake in one line: replacement characters, `?`
/// inside Chinese text, stray block or private-use symbols, UTF-8 read as
/// Latin-1, and runs of sentence punctuation that no editor would write.
pub fn mojibake(line: &str) -> Vec<Suspect> {
    let chars: Vec<char> = line.chars().collect();
    let mut marks: Vec<(usize, &'static str)> = Vec::new();
    for (i, &c) in chars.iter().enumerate() {
        let prev = i.checked_sub(1).map(|j| chars[j]);
        let next = chars.get(i + 1).copied();
        let reason = if c == '\u{FFFD}' {
            Some("replacement character")
        } else if (c == '?' || c == '\u{FF1F}')
            && prev.is_some_and(|p| is_han(p) || p == '?' || p == '\u{FF1F}')
            && next.is_some_and(|n| {
                !n.is_whitespace() && !matches!(n, '”' | '’' | ')' | '\u{FF09}' | '」' | '』' | '"')
            })
        {
            Some("question mark inside Chinese text")
        } else if odd_symbol(c) {
            Some("unexpected symbol inside text")
        } else if latin1_mojibake(c)
            && next.is_some_and(|n| ('\u{80}'..='\u{FF}').contains(&n) || n == '€')
        {
            Some("UTF-8 read as Latin-1")
        } else if c == '^' && (prev.is_some_and(is_cjk) || next.is_some_and(is_cjk)) {
            Some("unexpected symbol inside text")
        } else if matches!(c, '。' | ';' | '\u{FF1B}' | '、')
            && next.is_some_and(|n| matches!(n, '。' | ';' | '\u{FF1B}' | '、' | ',' | '\u{FF0C}'))
        {
            Some("odd run of punctuation")
        } else {
            None
        };
        if let Some(r) = reason {
            marks.push((i, r));
        }
    }
    let mut out: Vec<Suspect> = Vec::new();
    let mut last_end: Option<usize> = None;
    for (i, reason) in marks {
        if let (Some(end), Some(prev)) = (last_end, out.last_mut()) {
            if i <= end + 3 {
                let start = prev.column - 1;
                prev.context = context(&chars, start, i);
                last_end = Some(i);
                continue;
            }
        }
        out.push(Suspect {
            column: i + 1,
            context: context(&chars, i, i),
            reason,
        });
        last_end = Some(i);
    }
    out
}

fn context(chars: &[char], start: usize, end: usize) -> String {
    let from = start.saturating_sub(3);
    let to = (end + 4).min(chars.len());
    chars[from..to].iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn furniture_lines_are_recognised() {
        let cases = [
            ("扫一扫在手机打开当前页", Furniture::ScanToPhone),
            ("掃一掃在手機打開當前頁", Furniture::ScanToPhone),
            ("回到顶部", Furniture::BackToTop),
            ("字號: 默認 超大 | 打印 |", Furniture::Toolbar),
            ("【打印】 【关闭】", Furniture::Toolbar),
            (
                "2020年05月11日 | 来源:中国 一带一路网 | 阅读量:3107",
                Furniture::ViewCounter,
            ),
            ("【我要糾錯】 責任編輯:周楠", Furniture::EditorCredit),
            ("责任编辑:王强", Furniture::EditorCredit),
            ("EN", Furniture::LanguageSwitch),
            ("http://gymcjnpx.com/", Furniture::SiteUrl),
            ("|", Furniture::StrayBorder),
            ("时间:2022-05-16 16:55 来源:", Furniture::DateSource),
            ("2017-03-28 18:19 來源: 知識產權局", Furniture::DateSource),
            ("分类: 全球治理 2020", Furniture::Category),
            ("河南省知识产权“十四五”规划.pdf", Furniture::Attachment),
        ];
        for (line, want) in cases {
            assert_eq!(furniture(line), Some(want), "{line}");
        }
    }

    #[test]
    fn text_is_not_furniture() {
        for line in [
            "(此件公开发布)",
            "特此通知。",
            "2021年12月22日",
            "专栏1 高价值专利培育工程 |",
            "加大打印复印设备采购力度,关闭落后产能。",
            "一、总体目标",
            "知识产权局",
            "中",
        ] {
            assert_eq!(furniture(line), None, "{line}");
        }
    }

    #[test]
    fn dates_in_several_forms() {
        assert_eq!(find_date("2021年12月22日").as_deref(), Some("2021-12-22"));
        assert_eq!(
            find_date("时间:2022-05-16 16:55").as_deref(),
            Some("2022-05-16")
        );
        assert_eq!(find_date("2022年9月15日").as_deref(), Some("2022-09-15"));
        assert_eq!(find_date("2021年13月1日"), None);
        assert_eq!(find_date("第2021号"), None);
    }

    #[test]
    fn pinyin_after_han_is_stripped() {
        assert_eq!(
            strip_pinyin("印發(fā)《關(guān)于"),
            ("印發《關于".into(), 2)
        );
        assert_eq!(
            strip_pinyin("知識產(chǎn)權(quán)局"),
            ("知識產權局".into(), 2)
        );
        assert_eq!(strip_pinyin("領(lǐng)導(dǎo)"), ("領導".into(), 2));
        assert_eq!(strip_pinyin("縣(xiàn)區(qū)"), ("縣區".into(), 2));
        assert_eq!(strip_pinyin("發\u{FF08}fā\u{FF09}展"), ("發展".into(), 1));
    }

    #[test]
    fn real_parentheses_are_kept() {
        for line in [
            "(一)加强组织领导",
            "(包市监发 (2021)369号)",
            "(责任单位:市知识产权局、市科技局)",
            "专利合作条约(PCT)",
            "企业(app)开发",
            "专利(1)",
            "(牵头部门:省市场监管局;配合部门:省财政厅)",
            "内蒙古(包头)",
        ] {
            assert_eq!(strip_pinyin(line), (line.to_string(), 0), "{line}");
        }
    }

    #[test]
    fn syllables() {
        for s in [
            "fā", "guān", "chǎn", "quán", "xiàn", "lǐng", "yè", "zhí", "nǚ", "er", "ng",
        ] {
            assert!(is_pinyin_syllable(s), "{s}");
        }
        for s in ["PCT", "app", "1", "一", "abc", "ab", "xyz"] {
            assert!(!is_pinyin_syllable(s), "{s}");
        }
    }

    #[test]
    fn mojibake_is_flagged_with_columns() {
        let s = mojibake("和具有示範作用的知識產權強?。▍^(qū))、強市");
        assert_eq!(s.len(), 1, "{s:?}");
        assert_eq!(s[0].column, 14);
        assert_eq!(s[0].reason, "question mark inside Chinese text");
        assert!(s[0].context.contains("強?。▍^"), "{:?}", s[0].context);
        let s = mojibake("探索設立知識產權質押融資擔?;?,提高");
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].column, 14);
        assert_eq!(mojibake("\u{FFFD}")[0].reason, "replacement character");
        assert_eq!(mojibake("â€œ知识")[0].reason, "UTF-8 read as Latin-1");
    }

    #[test]
    fn clean_text_has_no_suspects() {
        for line in [
            "是否有效?",
            "“是否有效?”他问。",
            "(一)加强组织领导。各地要高度重视",
            "Is it? Yes.",
            "专利、商标、版权等",
        ] {
            assert!(mojibake(line).is_empty(), "{line}: {:?}", mojibake(line));
        }
    }
}
