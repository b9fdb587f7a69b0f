//! Types as serde names them (`u16`, `a sequence`, `string "2025年"`),
//! as a reader would say them, in English and Chinese, with an example.

use super::{pair, Pair};

/// What serde expected, as a reader would say it, with an example.
pub(super) fn expected_type(e: &str) -> Pair {
    let e = e.trim();
    if [
        "u8", "u16", "u32", "u64", "usize", "i8", "i16", "i32", "i64", "isize",
    ]
    .contains(&e)
    {
        pair("a whole number such as 2025", "整数，例如 2025")
    } else if ["f32", "f64"].contains(&e) {
        pair(
            "a number such as 4.1 (digits only, no `,` or `%`)",
            "数字，例如 4.1（只写数字，不带 `,` 或 `%`）",
        )
    } else if e == "a string" || e == "string" {
        pair("text such as `市场监管局`", "文字，例如 `市场监管局`")
    } else if e.contains("sequence") {
        pair(
            "a list such as `[市政府, 市场监管局]`",
            "列表，例如 `[市政府, 市场监管局]`",
        )
    } else if e.contains("boolean") {
        pair("`true` or `false`", "`true` 或 `false`")
    } else if e.starts_with("struct") || e.contains("map") {
        pair(
            "a mapping of fields such as `{year: 2025, value: 4.1}`",
            "字段映射，例如 `{year: 2025, value: 4.1}`",
        )
    } else {
        pair(e, e)
    }
}

/// What the YAML held, as a reader would say it.
pub(super) fn got_value(g: &str) -> Pair {
    let g = g.trim();
    if let Some(s) = g.strip_prefix("string ") {
        let s = s.trim_matches('"');
        pair(format!("the text `{s}`"), format!("文字 `{s}`"))
    } else if let Some(n) = g
        .strip_prefix("integer ")
        .or_else(|| g.strip_prefix("floating point "))
    {
        pair(format!("the number {n}"), format!("数字 {n}"))
    } else if g == "sequence" {
        pair("a list", "列表")
    } else if g == "map" {
        pair("a `{key: value}` mapping", "`{键: 值}` 映射")
    } else if g == "unit value" {
        pair("an empty value", "空值")
    } else if let Some(b) = g.strip_prefix("boolean ") {
        pair(format!("the boolean {b}"), format!("布尔值 {b}"))
    } else {
        pair(g, g)
    }
}
