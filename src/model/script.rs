//! Which script a Chinese text is written in. A plan declares it
//! (`script: hans | hant`, simplified by default) and every page marks the
//! plan's Chinese text with it (`lang="zh-Hans"` or `zh-Hant`); a text whose
//! characters say otherwise is a warning at the declaration, so a page never
//! tells a screen reader or a font the wrong script.

use std::path::Path;

use super::Script;
use crate::diag::{Diagnostic, Diagnostics};
use crate::parse::frontmatter::Split;

/// The script `text` reads in: traditional when traditional-only forms of
/// frequent characters outnumber simplified-only ones (in its first 20,000
/// characters), else simplified.
pub fn detect(text: &str) -> Script {
    let (mut t, mut s) = (0usize, 0usize);
    for c in text.chars().take(20_000) {
        match script_of(c) {
            Some(Script::Hant) => t += 1,
            Some(Script::Hans) => s += 1,
            None => {}
        }
    }
    if t > s {
        Script::Hant
    } else {
        Script::Hans
    }
}

/// Warns when the body (`text`) reads in another script than `declared`.
pub(super) fn check(
    declared: Script,
    text: &str,
    split: &Split<'_>,
    path: &Path,
    d: &mut Diagnostics,
) {
    let found = detect(text);
    if found == declared {
        return;
    }
    let at = split.locate_value(path, &["script".into()]);
    d.push(
        Diagnostic::warning(
            at,
            format!(
                "the text is written in {} characters, but the plan declares `script: {}`{}",
                found
                    .label(super::Lang::En)
                    .trim_end_matches(" Chinese")
                    .to_lowercase(),
                declared.key(),
                if split.yaml.contains("script:") {
                    ""
                } else {
                    " (the default)"
                }
            ),
        )
        .hint(format!(
            "declare `script: {}`, or convert the text to the declared script",
            found.key()
        ))
        .zh(
            format!(
                "正文为{}字,但规划声明的是 `script: {}`",
                found.label(super::Lang::Zh),
                declared.key()
            ),
            format!(
                "改为声明 `script: {}`,或把正文转换为所声明的字体",
                found.key()
            ),
        ),
    );
}

/// The script a common character is only written in, if it is one of the
/// frequent characters whose two forms differ: one index into a table of
/// the unified ideographs (U+4E00 to U+9FFF, where both lists lie).
fn script_of(c: char) -> Option<Script> {
    const TRAD: &str = "國們發關產權東業與為對應實際會經濟區這進來時說過還點現開當後個見";
    const SIMP: &str = "国们发关产权东业与为对应实际会经济区这进来时说过还点现开当后个见";
    const FIRST: u32 = 0x4E00;
    const LAST: u32 = 0x9FFF;
    static TABLE: std::sync::OnceLock<Vec<Option<Script>>> = std::sync::OnceLock::new();
    let table = TABLE.get_or_init(|| {
        let mut t = vec![None; (LAST - FIRST + 1) as usize];
        let mut mark = |a: &str, b: &str, script| {
            for c in a.chars().filter(|c| !b.contains(*c)) {
                t[(c as u32 - FIRST) as usize] = Some(script);
            }
        };
        mark(TRAD, SIMP, Script::Hant);
        mark(SIMP, TRAD, Script::Hans);
        t
    });
    let i = (c as u32).checked_sub(FIRST)?;
    table.get(i as usize).copied().flatten()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::frontmatter;

    #[test]
    fn script_detection() {
        assert_eq!(detect("關於東北地區知識產權"), Script::Hant);
        assert_eq!(detect("关于东北地区知识产权"), Script::Hans);
        // Markup and characters common to both scripts do not count.
        assert_eq!(detect("<p class=\"x\">國</p>关于发展"), Script::Hans);
        assert_eq!(detect("<p>國關</p>关于"), Script::Hant);
        assert_eq!(script_of('知'), None);
    }

    fn warnings(text: &str, declared: Script) -> Vec<String> {
        let split = frontmatter::split(Path::new("p.md"), text).unwrap();
        let mut d = Diagnostics::new();
        check(declared, split.body, &split, Path::new("p.md"), &mut d);
        d.iter().map(|d| d.to_string()).collect()
    }

    #[test]
    fn a_text_in_the_other_script_is_a_warning_at_the_declaration() {
        let got = warnings(
            "---\ntitle: T\nscript: hans\n---\n關於東北地區知識產權\n",
            Script::Hans,
        );
        assert_eq!(got.len(), 1, "{got:?}");
        assert!(
            got[0].starts_with("p.md:3:9: warning: the text is written in traditional characters, but the plan declares `script: hans`\n"),
            "{got:?}"
        );
        assert!(got[0].contains("declare `script: hant`"), "{got:?}");
        let got = warnings("---\ntitle: T\n---\n關於東北地區知識產權\n", Script::Hans);
        assert!(got[0].contains("`script: hans` (the default)"), "{got:?}");
        assert!(warnings("---\ntitle: T\nscript: hant\n---\n關於東北\n", Script::Hant).is_empty());
        assert!(warnings("---\ntitle: T\n---\n关于东北\n", Script::Hans).is_empty());
    }
}
