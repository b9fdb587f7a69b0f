//! Text made safe to print: what a terminal, a CI log or a GitHub workflow
//! command would act on is shown as an escape instead.
//!
//! Diagnostics and search results quote the user's files, and a file may
//! hold an escape sequence (ESC `[2J` clears a terminal, BEL rings it, a
//! bidirectional override reorders what a reviewer reads). Printing goes
//! through [`Printable`], so such a character shows as `\u{1b}` and does
//! nothing.

use std::fmt::{self, Write as _};

/// True for a character that does something instead of showing itself:
/// the C0 and C1 controls and DEL (`char::is_control`), the line and
/// paragraph separators, and the bidirectional marks, embeddings,
/// overrides and isolates (the "Trojan Source" characters).
pub fn is_unprintable(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061C}'
                | '\u{200E}'
                | '\u{200F}'
                | '\u{2028}'
                | '\u{2029}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2066}'..='\u{2069}'
        )
}

/// Displays its text with every [`is_unprintable`] character escaped the
/// way Rust writes it (`\n`, `\t`, `\u{1b}`); everything else, Chinese
/// included, unchanged.
#[derive(Debug, Clone, Copy)]
pub struct Printable<'a>(pub &'a str);

impl fmt::Display for Printable<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut rest = self.0;
        while let Some(i) = rest.find(is_unprintable) {
            f.write_str(&rest[..i])?;
            let c = rest[i..].chars().next().expect("found at i");
            write!(f, "{}", c.escape_default())?;
            rest = &rest[i + c.len_utf8()..];
        }
        f.write_str(rest)
    }
}

/// Where a text goes in a GitHub workflow command
/// (`::error file=…,line=…::message`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Workflow {
    /// A property value: `%`, CR, LF, `:` and `,` are percent-encoded.
    Property,
    /// The message: `%`, CR and LF are percent-encoded.
    Message,
}

/// `text` escaped for `place` in a workflow command, by GitHub's rules
/// (`toCommandValue`/`escapeProperty` of `@actions/core`); any other
/// unprintable character is escaped as by [`Printable`].
pub fn workflow(text: &str, place: Workflow) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            ':' if place == Workflow::Property => out.push_str("%3A"),
            ',' if place == Workflow::Property => out.push_str("%2C"),
            c if is_unprintable(c) => {
                let _ = write!(out, "{}", c.escape_default());
            }
            c => out.push(c),
        }
    }
    out
}

/// JSON text from `serde_json` with the unprintable characters it leaves
/// raw (DEL, the C1 controls, bidirectional overrides, line separators)
/// written as `\uXXXX` escapes too: the same value, safe on a terminal.
/// `serde_json` already escapes C0 controls inside strings, so any
/// unprintable character left is inside a string, apart from the line
/// breaks of pretty printing, which stay.
pub fn json_printable(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        if c != '\n' && is_unprintable(c) {
            for unit in c.encode_utf16(&mut [0; 2]) {
                let _ = write!(out, "\\u{unit:04x}");
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_show_as_escapes() {
        let s = Printable("a\u{1b}[2Jb\u{7}c\0d\ne\u{202E}f 中文").to_string();
        assert_eq!(s, "a\\u{1b}[2Jb\\u{7}c\\u{0}d\\ne\\u{202e}f 中文");
        assert!(!s.chars().any(is_unprintable));
        assert_eq!(Printable("plain 文本 é").to_string(), "plain 文本 é");
    }

    #[test]
    fn workflow_properties_and_messages_follow_github_rules() {
        assert_eq!(
            workflow("a%b\r\nc:d,e", Workflow::Property),
            "a%25b%0D%0Ac%3Ad%2Ce"
        );
        assert_eq!(
            workflow("a%b\r\nc:d,e", Workflow::Message),
            "a%25b%0D%0Ac:d,e"
        );
        assert_eq!(workflow("x\u{1b}y", Workflow::Message), "x\\u{1b}y");
    }

    #[test]
    fn json_keeps_its_value_and_loses_its_controls() {
        let v = serde_json::json!({"t": "a\u{1b}b\u{7f}c\u{9b}d\u{202e}e\n中"});
        let pretty = serde_json::to_string_pretty(&v).unwrap();
        let safe = json_printable(&pretty);
        assert!(
            !safe.chars().any(|c| c != '\n' && is_unprintable(c)),
            "{safe}"
        );
        let back: serde_json::Value = serde_json::from_str(&safe).unwrap();
        assert_eq!(back, v);
        assert_eq!(safe.lines().count(), pretty.lines().count());
    }
}
