//! YAML errors in plain words, in English and Chinese: what is wrong with
//! which field, what was expected, and an example, instead of the parser's
//! jargon ("invalid type: string, expected u16", "mapping values are not
//! allowed in this context"). The parser's own message is kept at the end
//! of the hint, `(YAML: …)`, so nothing is lost.

use super::{locate, YamlError, YamlErrorKind};
use types::{expected_type, got_value};

mod types;

/// A YAML error explained, in both languages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plain {
    /// What is wrong.
    pub message: String,
    /// What to do, ending with the parser's message.
    pub hint: String,
    /// [`message`](Self::message) in Chinese.
    pub zh_message: String,
    /// [`hint`](Self::hint) in Chinese.
    pub zh_hint: String,
}

/// English and Chinese text.
type Pair = (String, String);

fn pair(en: impl Into<String>, zh: impl Into<String>) -> Pair {
    (en.into(), zh.into())
}

/// Explains `e` in plain words.
pub fn explain(e: &YamlError) -> Plain {
    // serde_yaml puts the value's path first: `indicators[0].target.year: …`.
    let (path, detail) = match e.message.split_once(": ") {
        Some((p, rest)) if locate::parse_path(p).is_some() => (Some(p), rest),
        _ => (None, e.message.as_str()),
    };
    let field = path.map(|p| {
        let last = p.rsplit('.').next().unwrap_or(p);
        last.split('[').next().unwrap_or(last).to_owned()
    });
    let field = field.filter(|f| !f.is_empty());
    let ((message, zh_message), (hint, zh_hint)) = match e.kind {
        YamlErrorKind::Syntax => syntax(detail),
        YamlErrorKind::Shape => shape(detail, field.as_deref()),
        YamlErrorKind::Limit => limit(detail),
        YamlErrorKind::Character => (
            pair(detail, detail.replace("the value holds the control character", "值中含有控制字符")),
            pair(
                "remove the escape (`\\e`, `\\x07`, `\\0`…): control characters are invisible and break pages",
                "删除这个转义（`\\e`、`\\x07`、`\\0`……）：控制字符看不见，会破坏网页",
            ),
        ),
    };
    let original = &e.message;
    // plansite's own messages (bounds, characters) are plain already.
    if message == *original {
        return Plain {
            message,
            hint,
            zh_message,
            zh_hint,
        };
    }
    Plain {
        message,
        hint: format!("{hint} (YAML: {original})"),
        zh_message,
        zh_hint: format!("{zh_hint}（YAML：{original}）"),
    }
}

fn syntax(m: &str) -> (Pair, Pair) {
    let has = |s: &str| m.contains(s);
    if has("mapping values are not allowed") {
        (
            pair(
                "a `: ` inside a value reads as the start of another field",
                "值里的 `: ` 被当成了另一个字段的开始",
            ),
            pair(
                "put the value in quotes, e.g. `title: \"Plan: 2021–2025\"`",
                "给这个值加上引号，例如 `title: \"规划: 2021—2025\"`",
            ),
        )
    } else if has("did not find expected key") {
        (
            pair("this line is not a `key: value` field in line with the fields around it", "这一行不是与上下字段对齐的 `键: 值`"),
            pair("indent it like the fields above, with spaces, not tabs; put a value that starts with `[`, `{`, `-` or `*` in quotes", "与上面的字段同样缩进（用空格，不用 Tab）；以 `[`、`{`、`-`、`*` 开头的值要加引号"),
        )
    } else if has("expected ',' or ']'") {
        (
            pair("a `[…]` list is not closed, or its items are not separated by `,`", "`[…]` 列表没有闭合，或者各项之间缺少 `,`"),
            pair("end the list with `]` and separate the items with `, `, e.g. `issuers: [市政府, 市场监管局]`; quote an item that holds `,` or `]`", "用 `]` 结束列表，各项之间用 `, ` 分隔，例如 `issuers: [市政府, 市场监管局]`；含 `,` 或 `]` 的项要加引号"),
        )
    } else if has("expected ',' or '}'") {
        (
            pair("a `{…}` mapping is not closed, or its fields are not separated by `,`", "`{…}` 映射没有闭合，或者字段之间缺少 `,`"),
            pair("end it with `}` and write `key: value` pairs separated by `, `, e.g. `{year: 2025, value: 4.1}`", "用 `}` 结束，写成以 `, ` 分隔的 `键: 值`，例如 `{year: 2025, value: 4.1}`"),
        )
    } else if has("cannot start any token") || has("tab") {
        (
            pair("a character that cannot start a value here (a tab, `@` or a backquote)", "这里有一个不能作为值开头的字符（Tab、`@` 或反引号）"),
            pair("indent with spaces only, and put a value that starts with `@` or a backquote in quotes", "只用空格缩进；以 `@` 或反引号开头的值要加引号"),
        )
    } else if has("unknown escape") {
        (
            pair(
                "an unknown `\\` escape inside double quotes",
                "双引号里有无法识别的 `\\` 转义",
            ),
            pair(
                "use single quotes (`'C:\\path'`) or write the backslash twice (`\\\\`)",
                "改用单引号（`'C:\\path'`），或把反斜杠写两次（`\\\\`）",
            ),
        )
    } else if has("end of stream") || has("quoted scalar") {
        (
            pair("a quoted value is not closed", "带引号的值没有闭合"),
            pair(
                "end the value with the same quote it starts with",
                "在值的末尾加上与开头相同的引号",
            ),
        )
    } else if has("block sequence entries are not allowed") {
        (
            pair(
                "a `- ` list item where a value should be on the same line",
                "这里应当写在同一行的值变成了 `- ` 列表项",
            ),
            pair(
                "put the list on the lines after `key:`, each item indented: `  - item`",
                "把列表写在 `键:` 的下面几行，每项缩进：`  - 项目`",
            ),
        )
    } else if has("could not find expected ':'") || has("simple key") {
        (
            pair("a line without `: ` between the field name and its value", "这一行的字段名和值之间缺少 `: `"),
            pair("write `key: value`, with a space after the colon, or quote a text that runs over several lines", "写成 `键: 值`（冒号后有一个空格），跨行的文字要加引号"),
        )
    } else {
        (
            pair("the YAML cannot be read here", "这里的 YAML 无法读取"),
            pair(
                "check the indentation, `key: value` and the quotes around values with `: ` or `#`",
                "检查缩进、`键: 值` 的写法，含 `: ` 或 `#` 的值要加引号",
            ),
        )
    }
}

fn limit(m: &str) -> (Pair, Pair) {
    if m.contains("aliases") {
        (
            pair(m, "别名（`*name`）展开后超过 1 MiB"),
            pair("write the values out instead of repeating a large anchor (`&name`) with aliases (`*name`)", "直接写出各个值，不要用别名（`*name`）反复引用大的锚点（`&name`）"),
        )
    } else if m.contains("nest") {
        (
            pair(m, "列表和映射嵌套太深"),
            pair(
                "flatten the value: plansite's fields nest three levels at most",
                "把值改平：plansite 的字段最多嵌套三层",
            ),
        )
    } else {
        (
            pair(m, "YAML 太长（上限 16 MiB）"),
            pair(
                "shorten the YAML: front matter holds metadata, the text goes in the body",
                "缩短 YAML：front matter 只放元数据，正文写在下面",
            ),
        )
    }
}

/// The list after "expected" in a serde message, without "one of".
fn expected_list(rest: &str) -> &str {
    let list = rest.split_once(", expected ").map_or("", |(_, e)| e);
    list.strip_prefix("one of ").unwrap_or(list)
}

/// The first `` `…` `` of `s`.
fn quoted(s: &str) -> Option<&str> {
    let start = s.find('`')? + 1;
    let len = s[start..].find('`')?;
    Some(&s[start..start + len])
}

fn shape(m: &str, field: Option<&str>) -> (Pair, Pair) {
    let name = field.map_or_else(|| "the value".to_owned(), |f| format!("`{f}`"));
    let zh_name = field.map_or_else(|| "这个值".to_owned(), |f| format!("`{f}`"));
    if let Some(rest) = m.strip_prefix("unknown field ") {
        let key = quoted(rest).unwrap_or_default();
        let expected = expected_list(rest);
        if !key.is_empty() && key.chars().all(|c| c.is_ascii_digit()) {
            return (
                pair(format!("a number is written with a thousands separator: inside `{{…}}` the `,` before `{key}` ends the value"), format!("数字里用了千位分隔符：在 `{{…}}` 中，`{key}` 前面的 `,` 把值截断了")),
                pair(format!("write the number without separators, e.g. `3,{key}` as `3{key}`"), format!("数字不要加分隔符，例如把 `3,{key}` 写成 `3{key}`")),
            );
        }
        return (
            pair(
                format!("unknown field `{key}`"),
                format!("未知字段 `{key}`"),
            ),
            pair(
                format!("correct its spelling or remove it; the fields here are: {expected}"),
                format!("改正拼写或删除它；这里可用的字段：{expected}"),
            ),
        );
    }
    if let Some(rest) = m.strip_prefix("missing field ") {
        let key = quoted(rest).unwrap_or_default();
        return (
            pair(
                format!("the required field `{key}` is missing"),
                format!("缺少必填字段 `{key}`"),
            ),
            pair(
                format!("add `{key}:` with its value; docs/CONTENT.md lists the required fields"),
                format!("添加 `{key}:` 及其值；docs/CONTENT.md 列出了必填字段"),
            ),
        );
    }
    if let Some(rest) = m.strip_prefix("duplicate field ") {
        let key = quoted(rest).unwrap_or_default();
        return (
            pair(
                format!("the field `{key}` is given twice"),
                format!("字段 `{key}` 写了两次"),
            ),
            pair(
                "keep one of the two: each field may appear once",
                "保留其中一个：每个字段只能出现一次",
            ),
        );
    }
    if let Some(rest) = m.strip_prefix("unknown variant ") {
        let value = quoted(rest).unwrap_or_default();
        let expected = expected_list(rest);
        return (
            pair(
                format!("{name} cannot be `{value}`"),
                format!("{zh_name} 不能是 `{value}`"),
            ),
            pair(
                format!("use one of {expected}"),
                format!("改用以下之一：{expected}"),
            ),
        );
    }
    if m.contains("YYYY-MM-DD") || m.contains("does not exist") {
        return (
            pair(
                format!("{name}: {m}"),
                format!(
                    "{zh_name} 的 `{}` 不是存在的 YYYY-MM-DD 日期",
                    quoted(m).unwrap_or_default()
                ),
            ),
            pair(
                "write a date that exists, as YYYY-MM-DD (e.g. `2021-12-22`)",
                "写一个存在的日期，格式为 YYYY-MM-DD（例如 `2021-12-22`）",
            ),
        );
    }
    if let Some(rest) = m.strip_prefix("invalid type: ") {
        let (got, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        let (want, want_zh) = expected_type(expected);
        let (got_en, got_zh) = got_value(got);
        return (
            pair(
                format!("{name} must be {want}, not {got_en}"),
                format!("{zh_name} 应为{want_zh}，而不是{got_zh}"),
            ),
            pair(
                format!("write {name} as {want}; docs/CONTENT.md shows each field's type"),
                format!("把 {zh_name} 写成{want_zh}；docs/CONTENT.md 列出了每个字段的类型"),
            ),
        );
    }
    (
        pair(m, m),
        pair(
            "give the field a value of the type docs/CONTENT.md shows (text, whole number, number, list or `{key: value}` mapping)",
            "按 docs/CONTENT.md 所示的类型填写（文字、整数、数字、列表或 `{键: 值}` 映射）",
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::super::from_str;
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Value {
        year: u16,
        value: f64,
    }

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Front {
        title: String,
        #[serde(default)]
        target: Option<Value>,
        #[serde(default)]
        issuers: Vec<String>,
    }

    fn plain(text: &str) -> Plain {
        explain(&from_str::<Front>(text).unwrap_err())
    }

    #[test]
    fn a_wrong_type_names_the_field_the_type_and_an_example() {
        let p = plain("title: t\ntarget: {year: 2025年, value: 4.1}\n");
        assert_eq!(
            p.message,
            "`year` must be a whole number such as 2025, not the text `2025年`"
        );
        assert_eq!(
            p.zh_message,
            "`year` 应为整数，例如 2025，而不是文字 `2025年`"
        );
        assert!(
            p.hint
                .ends_with("(YAML: target.year: invalid type: string \"2025年\", expected u16)"),
            "{}",
            p.hint
        );
    }

    #[test]
    fn a_thousands_separator_is_named() {
        let p = plain("title: t\ntarget: {year: 2020, value: 3,040}\n");
        assert!(p.message.contains("thousands separator"), "{p:?}");
        assert!(p.hint.contains("`3040`"), "{p:?}");
    }

    #[test]
    fn syntax_jargon_is_rewritten() {
        let p = plain("title: 规划: 2025\n");
        assert!(p.message.contains("`: ` inside a value"), "{p:?}");
        assert!(
            p.hint.contains("(YAML: mapping values are not allowed"),
            "{p:?}"
        );
        let p = plain("title: t\nissuers: [a, b\n");
        assert!(p.message.contains("`[…]` list is not closed"), "{p:?}");
        let p = plain("title: t\n  issuers: x\n");
        assert!(!p.message.contains("YAML cannot be read"), "{p:?}");
    }

    #[test]
    fn duplicate_missing_and_unknown_fields() {
        assert_eq!(
            plain("title: a\ntitle: b\n").message,
            "the field `title` is given twice"
        );
        assert_eq!(
            plain("issuers: []\n").message,
            "the required field `title` is missing"
        );
        let p = plain("title: a\ntitel: b\n");
        assert_eq!(p.message, "unknown field `titel`");
        assert!(p.hint.contains("`title`"), "{p:?}");
    }
}
