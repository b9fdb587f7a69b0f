//! The one normalisation and tokenisation that both the index builder and
//! every query use, in Rust here and in the browser in `search.js`.
//!
//! The rules, applied to each character in turn:
//!
//! 1. U+3000 (ideographic space) becomes a space; the full-width forms
//!    U+FF01–U+FF5E become their ASCII counterparts (`２０２５` → `2025`,
//!    `％` → `%`, `（` → `(`).
//! 2. ASCII capitals become lower case.
//! 3. Traditional and variant Chinese characters become simplified, through
//!    the table in `t2s.txt` (derived from OpenCC, Apache-2.0).
//!
//! Then the text splits into tokens: every Han character (and `〇`) is a token
//! of its own; every run of ASCII letters and digits is a token, and a run of
//! four or more letters is lightly stemmed ([`stem`]). Everything else
//! (punctuation, brackets, spaces, symbols) separates tokens and is otherwise
//! ignored, which is why `〔2021〕`, `[2021]` and `(2021)` all read as `2021`.
//!
//! The shared table of cases in `tests/search/normalize.json` is run by the
//! unit tests below and by the browser tests, so the two runtimes cannot drift.

use std::collections::HashMap;
use std::sync::OnceLock;

/// The folding table's source text, one `traditional<TAB>simplified` pair per
/// line.
pub const FOLD_TABLE: &str = include_str!("t2s.txt");

/// The fold table as a map.
pub fn fold_table() -> &'static HashMap<char, char> {
    &tables().1
}

/// First code point of the dense part of the table.
const DENSE_START: u32 = 0x3400;
/// One past its last code point.
const DENSE_END: u32 = 0xA000;

/// The table twice: dense over the common Han blocks for speed (the index
/// folds every character of every plan), and as a map.
fn tables() -> &'static (Vec<char>, HashMap<char, char>) {
    static TABLE: OnceLock<(Vec<char>, HashMap<char, char>)> = OnceLock::new();
    TABLE.get_or_init(|| {
        let map: HashMap<char, char> = FOLD_TABLE
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| {
                let mut it = l.chars();
                let t = it.next()?;
                let tab = it.next()?;
                let s = it.next()?;
                (tab == '\t').then_some((t, s))
            })
            .collect();
        let mut dense: Vec<char> = (DENSE_START..DENSE_END)
            .map(|c| char::from_u32(c).unwrap_or('\0'))
            .collect();
        for (&t, &s) in &map {
            if (DENSE_START..DENSE_END).contains(&(t as u32)) {
                dense[(t as u32 - DENSE_START) as usize] = s;
            }
        }
        (dense, map)
    })
}

/// True for the characters that are tokens on their own.
pub fn is_han(c: char) -> bool {
    crate::parse::cjk::is_han(c) || c == '〇'
}

/// Normalises one character (rules 1–3).
pub fn fold_char(c: char) -> char {
    match c as u32 {
        0x3000 => ' ',
        0xFF01..=0xFF5E => char::from_u32(c as u32 - 0xFEE0)
            .unwrap_or(c)
            .to_ascii_lowercase(),
        _ if c.is_ascii_uppercase() => c.to_ascii_lowercase(),
        x if x < DENSE_START => c,
        x if x < DENSE_END => tables().0[(x - DENSE_START) as usize],
        _ => fold_table().get(&c).copied().unwrap_or(c),
    }
}

/// Normalises a whole string character by character.
pub fn normalize(text: &str) -> String {
    text.chars().map(fold_char).collect()
}

/// A token with the byte range it came from in the original text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// The normalised (and stemmed) token.
    pub text: String,
    /// Byte offset of its first character in the original text.
    pub start: usize,
    /// Byte offset just past its last character.
    pub end: usize,
}

/// Splits `text` into tokens.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    each_token(text, |t, start, end| {
        out.push(Token {
            text: match t {
                Tok::Han(c) => c.to_string(),
                Tok::Word(w) => w.to_owned(),
            },
            start,
            end,
        })
    });
    out
}

/// A token as the index builder sees it, without allocating.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tok<'a> {
    /// A Han character (folded).
    Han(char),
    /// A stemmed word.
    Word(&'a str),
}

/// Calls `f` with every token of `text` and the byte range it came from;
/// the one tokenising loop behind [`tokenize`] and the index builder.
pub fn each_token(text: &str, mut f: impl FnMut(Tok<'_>, usize, usize)) {
    let mut word = String::new();
    let mut word_start = 0;
    for (i, c) in text.char_indices() {
        let n = fold_char(c);
        if n.is_ascii_alphanumeric() {
            if word.is_empty() {
                word_start = i;
            }
            word.push(n);
            continue;
        }
        if !word.is_empty() {
            stem_in_place(&mut word);
            f(Tok::Word(&word), word_start, i);
            word.clear();
        }
        if is_han(n) {
            f(Tok::Han(n), i, i + c.len_utf8());
        }
    }
    if !word.is_empty() {
        stem_in_place(&mut word);
        f(Tok::Word(&word), word_start, text.len());
    }
}

/// The tokens' texts only.
pub fn token_texts(text: &str) -> Vec<String> {
    tokenize(text).into_iter().map(|t| t.text).collect()
}

/// Light English stemming of a lower-case ASCII word: plurals and the
/// `-ing` / `-ed` endings, never leaving a stem shorter than four letters.
/// Words with digits, and words of three letters or fewer, are kept whole.
pub fn stem(word: &str) -> String {
    let mut w = word.to_owned();
    stem_in_place(&mut w);
    w
}

/// [`stem`] done on the word itself, without allocating (every English word
/// of every plan is stemmed while indexing).
pub fn stem_in_place(w: &mut String) {
    if w.len() <= 3 || !w.bytes().all(|b| b.is_ascii_lowercase()) {
        return;
    }
    let n = w.len();
    if w.ends_with("ies") && n > 4 {
        w.truncate(n - 3);
        w.push('y');
    } else if ["sses", "xes", "zes", "ches", "shes"]
        .iter()
        .any(|e| w.ends_with(e))
    {
        w.truncate(n - 2);
    } else if w.ends_with('s') && !["ss", "us", "is"].iter().any(|e| w.ends_with(e)) {
        w.truncate(n - 1);
    } else if w.ends_with("ing") && n >= 7 {
        w.truncate(n - 3);
    } else if w.ends_with("ed") && n >= 6 {
        w.truncate(n - 2);
    }
}

/// The lookup key of a single token.
pub fn unigram_key(a: &str) -> String {
    a.to_owned()
}

/// The lookup key of two adjacent tokens.
pub fn bigram_key(a: &str, b: &str) -> String {
    format!("{a} {b}")
}

/// The lookup key of a phrase of adjacent tokens (for two, [`bigram_key`]).
pub fn phrase_key(toks: &[String]) -> String {
    toks.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize)]
    struct Case {
        input: String,
        normalized: String,
        tokens: Vec<String>,
    }

    #[test]
    fn shared_cases() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/search/normalize.json");
        let cases: Vec<Case> = serde_json::from_str(&std::fs::read_to_string(path).unwrap())
            .expect("the shared cases parse");
        assert!(cases.len() >= 20);
        for c in &cases {
            assert_eq!(
                normalize(&c.input),
                c.normalized,
                "normalize({:?})",
                c.input
            );
            assert_eq!(token_texts(&c.input), c.tokens, "tokenize({:?})", c.input);
        }
    }

    #[test]
    fn traditional_and_simplified_fold_to_one_form() {
        assert_eq!(normalize("知識產權"), normalize("知识产权"));
        assert_eq!(normalize("知识产权"), "知识产权");
        assert_eq!(
            fold_table().len(),
            FOLD_TABLE.lines().filter(|l| !l.starts_with('#')).count()
        );
        // Folding is idempotent: a folded character never folds again.
        for s in fold_table().values() {
            assert_eq!(fold_char(*s), *s);
        }
    }

    #[test]
    fn the_builders_tokens_are_the_same_tokens() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/search/normalize.json");
        let cases: Vec<Case> =
            serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        for c in &cases {
            let mut got = Vec::new();
            each_token(&c.input, |t, _, _| {
                got.push(match t {
                    Tok::Han(h) => h.to_string(),
                    Tok::Word(w) => w.to_owned(),
                })
            });
            assert_eq!(got, c.tokens, "{:?}", c.input);
        }
    }

    #[test]
    fn tokens_keep_their_source_ranges() {
        let text = "专利（ＰＣＴ）申请";
        let toks = tokenize(text);
        let texts: Vec<&str> = toks.iter().map(|t| &text[t.start..t.end]).collect();
        assert_eq!(texts, ["专", "利", "ＰＣＴ", "申", "请"]);
        assert_eq!(toks[2].text, "pct");
    }

    #[test]
    fn stemming_is_light() {
        for (w, s) in [
            ("patents", "patent"),
            ("properties", "property"),
            ("enterprises", "enterprise"),
            ("processes", "process"),
            ("approaches", "approach"),
            ("protecting", "protect"),
            ("protected", "protect"),
            ("business", "business"),
            ("status", "status"),
            ("used", "used"),
            ("2025", "2025"),
        ] {
            assert_eq!(stem(w), s, "{w}");
        }
    }
}
