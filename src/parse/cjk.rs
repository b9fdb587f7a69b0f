//! Chinese-aware text rules used by the Markdown stage.
//!
//! CommonMark was written for space-separated scripts. Two of its rules hurt
//! Chinese text: a line break inside a paragraph becomes a space (between two
//! Han characters that is a visible gap), and `**重点。**后文` is not emphasis
//! because the closing `**` follows punctuation and precedes a letter. This
//! module holds the character classes and the source rewrite that fixes the
//! second; the first is handled on the event stream in `markdown.rs`.

use std::borrow::Cow;

/// True for Han ideographs, CJK punctuation, kana and full-width forms.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x2FDF      // radicals
        | 0x3000..=0x303F    // CJK symbols and punctuation
        | 0x3040..=0x30FF    // kana
        | 0x3100..=0x312F    // bopomofo
        | 0x31C0..=0x31EF    // strokes
        | 0x3200..=0x9FFF    // enclosed, compatibility, ext. A, unified ideographs
        | 0xF900..=0xFAFF    // compatibility ideographs
        | 0xFE30..=0xFE4F    // compatibility forms
        | 0xFF00..=0xFFEF    // full-width forms
        | 0x20000..=0x3134F) // ext. B and later
}

/// True for Han ideographs only (unified, extension A and later,
/// compatibility), not punctuation or kana.
pub fn is_han(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3134F)
}

/// Punctuation that Chinese text shares with Western text; it counts as CJK
/// when the character on the other side of a line break is CJK.
pub fn is_shared_punct(c: char) -> bool {
    matches!(c, '“' | '”' | '‘' | '’' | '—' | '…' | '·')
}

/// True when a soft line break between `before` and `after` should vanish.
pub fn join_without_space(before: char, after: char) -> bool {
    (is_cjk(before) && (is_cjk(after) || is_shared_punct(after)))
        || (is_cjk(after) && is_shared_punct(before))
}

fn is_punct(c: char) -> bool {
    !c.is_alphanumeric() && !c.is_whitespace()
}

/// Rewrites `**…**` pairs that CommonMark would leave as literal asterisks
/// because of CJK punctuation next to the delimiters into inline
/// `<strong>…</strong>`, whose content pulldown-cmark still parses as
/// Markdown. Pairs are matched within one line; fenced code and inline code
/// are left alone. Byte lengths change, so callers report positions from the
/// original text.
pub fn fix_emphasis(src: &str) -> Cow<'_, str> {
    if !src.contains("**") {
        return Cow::Borrowed(src);
    }
    let mut out = String::with_capacity(src.len() + 64);
    let mut changed = false;
    let mut in_fence = false;
    for line in src.split_inclusive('\n') {
        let t = line.trim_start();
        if t.starts_with("```") || t.starts_with("~~~") {
            in_fence = !in_fence;
            out.push_str(line);
            continue;
        }
        if in_fence || !line.contains("**") {
            out.push_str(line);
            continue;
        }
        match fix_line(line) {
            Some(fixed) => {
                changed = true;
                out.push_str(&fixed);
            }
            None => out.push_str(line),
        }
    }
    if changed {
        Cow::Owned(out)
    } else {
        Cow::Borrowed(src)
    }
}

fn fix_line(line: &str) -> Option<String> {
    // Byte positions of `**` runs outside inline code.
    let bytes = line.as_bytes();
    let mut runs = Vec::new();
    let mut i = 0;
    let mut in_code = false;
    while i < bytes.len() {
        match bytes[i] {
            b'`' => in_code = !in_code,
            b'\\' => i += 1,
            b'*' if !in_code
                && bytes.get(i + 1) == Some(&b'*')
                && bytes.get(i + 2) != Some(&b'*') =>
            {
                runs.push(i);
                i += 1;
            }
            _ => {}
        }
        i += 1;
    }
    let mut replace = Vec::new();
    for pair in runs.chunks_exact(2) {
        let (o, c) = (pair[0], pair[1]);
        let inner = &line[o + 2..c];
        let (Some(first), Some(last)) = (inner.chars().next(), inner.chars().last()) else {
            continue;
        };
        if first.is_whitespace() || last.is_whitespace() {
            continue;
        }
        let before = line[..o].chars().last();
        let after = line[c + 2..].chars().next();
        let opens = !is_punct(first) || before.is_none_or(|b| b.is_whitespace() || is_punct(b));
        let closes = !is_punct(last) || after.is_none_or(|a| a.is_whitespace() || is_punct(a));
        let cjk_near = [before, Some(first), Some(last), after]
            .into_iter()
            .flatten()
            .any(is_cjk);
        if !(opens && closes) && cjk_near {
            replace.push((o, c));
        }
    }
    if replace.is_empty() {
        return None;
    }
    let mut out = String::with_capacity(line.len() + 32);
    let mut last = 0;
    for (o, c) in replace {
        out.push_str(&line[last..o]);
        out.push_str("<strong>");
        out.push_str(&line[o + 2..c]);
        out.push_str("</strong>");
        last = c + 2;
    }
    out.push_str(&line[last..]);
    Some(out)
}

/// A readable, stable anchor for a heading: letters and digits of any script
/// kept (Chinese stays Chinese), ASCII lower-cased, whitespace and dots turned
/// into `-`, other punctuation dropped.
pub fn slugify(text: &str) -> String {
    let mut s = String::new();
    let mut dash = false;
    for c in text.chars() {
        if c.is_alphanumeric() {
            if dash && !s.is_empty() {
                s.push('-');
            }
            dash = false;
            s.extend(c.to_lowercase());
        } else if c.is_whitespace() || matches!(c, '.' | '-' | '_' | '/' | '．') {
            dash = true;
        }
    }
    if s.is_empty() {
        s.push_str("section");
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn soft_break_rules() {
        assert!(join_without_space('中', '文'));
        assert!(join_without_space('。', '后'));
        assert!(join_without_space('”', '时'));
        assert!(!join_without_space('a', 'b'));
        assert!(!join_without_space('a', '中'));
    }

    #[test]
    fn emphasis_next_to_cjk_punctuation_is_rewritten() {
        assert_eq!(
            fix_emphasis("**重点。**后文"),
            "<strong>重点。</strong>后文"
        );
        assert_eq!(
            fix_emphasis("前文**“引号”**后文"),
            "前文<strong>“引号”</strong>后文"
        );
        // Already valid CommonMark stays as it is.
        assert!(matches!(fix_emphasis("**重点**后文"), Cow::Borrowed(_)));
        assert!(matches!(fix_emphasis("a **b.** c"), Cow::Borrowed(_)));
        // Code is left alone.
        assert!(matches!(fix_emphasis("`**重点。**后文`"), Cow::Borrowed(_)));
        assert!(matches!(
            fix_emphasis("```\n**重点。**后文\n```\n"),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn slugs_keep_chinese() {
        assert_eq!(slugify("一、发展基础"), "一发展基础");
        assert_eq!(slugify("(一)坚持质量优先"), "一坚持质量优先");
        assert_eq!(slugify("1. 着力培育高价值专利"), "1-着力培育高价值专利");
        assert_eq!(slugify("I. Foundations & Goals"), "i-foundations-goals");
        assert_eq!(slugify("、。"), "section");
    }
}
