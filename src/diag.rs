//! Diagnostics: every problem a user must fix, with the place it was found.
//!
//! Stages never stop at the first problem: they push [`Diagnostic`]s into a
//! [`Diagnostics`] list and the caller decides whether errors make the whole
//! run fail. Each diagnostic prints as `path:line:column: severity: message`
//! followed by an indented hint, the form editors and CI annotations understand.
//!
//! A diagnostic may carry its message and hint in Chinese too
//! ([`Diagnostic::zh`], given where it is made); printing picks the
//! language ([`Messages`], from `--messages` or the locale) and falls back
//! to English.

mod escape;
mod lang;
mod location;
mod zh;

use std::borrow::Cow;
use std::fmt;

pub use escape::{is_unprintable, json_printable, workflow, Printable, Workflow};
pub use lang::{Messages, Zh};
pub use location::{line_col, Location};

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// The build cannot produce a correct site.
    Error,
    /// The site builds, but something is probably wrong.
    Warning,
    /// Nothing is wrong, but the user should know (a draft held back).
    Note,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        })
    }
}

/// One problem found in the input.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Diagnostic {
    /// Where the problem is.
    pub location: Location,
    /// Error or warning.
    pub severity: Severity,
    /// What is wrong, in one sentence.
    pub message: String,
    /// What to do about it.
    pub hint: Option<String>,
    /// The message and hint in Chinese, where translated.
    pub zh: Option<Box<Zh>>,
}

impl Diagnostic {
    /// An error at `location`.
    pub fn error(location: Location, message: impl Into<String>) -> Self {
        Diagnostic {
            location,
            severity: Severity::Error,
            message: message.into(),
            hint: None,
            zh: None,
        }
    }

    /// A warning at `location`.
    pub fn warning(location: Location, message: impl Into<String>) -> Self {
        Diagnostic {
            location,
            severity: Severity::Warning,
            message: message.into(),
            hint: None,
            zh: None,
        }
    }

    /// A note at `location`: nothing wrong, something to know.
    pub fn note(location: Location, message: impl Into<String>) -> Self {
        Diagnostic {
            location,
            severity: Severity::Note,
            message: message.into(),
            hint: None,
            zh: None,
        }
    }

    /// Adds the hint telling the user what to do.
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Adds the Chinese message and hint (an empty hint: none).
    pub fn zh(mut self, message: impl Into<String>, hint: impl Into<String>) -> Self {
        let hint: String = hint.into();
        self.zh = Some(Box::new(Zh {
            message: message.into(),
            hint: (!hint.is_empty()).then_some(hint),
        }));
        self
    }

    /// The message and hint in `lang`: the Chinese given with
    /// [`zh`](Self::zh), else the Chinese of a message made in bulk (the
    /// sanitiser's, the URL check's), else English.
    pub fn text(&self, lang: Messages) -> (Cow<'_, str>, Option<Cow<'_, str>>) {
        let english = || {
            (
                Cow::Borrowed(self.message.as_str()),
                self.hint.as_deref().map(Cow::Borrowed),
            )
        };
        match (&self.zh, lang) {
            (_, Messages::En) => english(),
            (Some(zh), Messages::Zh) => (
                Cow::Borrowed(zh.message.as_str()),
                zh.hint.as_deref().map(Cow::Borrowed),
            ),
            (None, Messages::Zh) => match zh::message(&self.message) {
                Some(m) => (
                    Cow::Owned(m),
                    self.hint
                        .as_deref()
                        .map(|h| Cow::Borrowed(zh::hint(h).unwrap_or(h))),
                ),
                None => english(),
            },
        }
    }

    /// A view that prints this diagnostic in `lang`.
    pub fn shown(&self, lang: Messages) -> Shown<'_> {
        Shown { d: self, lang }
    }

    /// GitHub Actions workflow-command form: `::error file=…,line=…,col=…::message`,
    /// the path and message escaped by the workflow-command rules so
    /// neither can end the command early or start another.
    pub fn to_github(&self) -> String {
        self.to_github_in(Messages::En)
    }

    /// [`to_github`](Self::to_github) in `lang`.
    pub fn to_github_in(&self, lang: Messages) -> String {
        let (message, hint) = self.text(lang);
        let mut msg = message.into_owned();
        if let Some(h) = hint {
            msg.push_str(" (");
            msg.push_str(&h);
            msg.push(')');
        }
        format!(
            "::{} file={},line={},col={}::{}",
            match self.severity {
                Severity::Note => "notice".to_owned(),
                s => s.to_string(),
            },
            workflow(&self.location.path.to_string_lossy(), Workflow::Property),
            self.location.line,
            self.location.column,
            workflow(&msg, Workflow::Message)
        )
    }
}

/// A diagnostic printed in one language: `path:line:col: severity: message`
/// and an indented hint. The severity word stays English in both (editors
/// and CI read it); the hint's label is `hint:` or `提示:`.
pub struct Shown<'a> {
    d: &'a Diagnostic,
    lang: Messages,
}

impl fmt::Display for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (message, hint) = self.d.text(self.lang);
        write!(
            f,
            "{}: {}: {}",
            self.d.location,
            self.d.severity,
            Printable(&message)
        )?;
        if let Some(hint) = hint {
            let label = self.lang.pick("hint", "提示");
            write!(f, "\n  {label}: {}", Printable(&hint))?;
        }
        Ok(())
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.shown(Messages::En).fmt(f)
    }
}

/// A collection of diagnostics, kept in a stable order for output.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Diagnostics(Vec<Diagnostic>);

impl Diagnostics {
    /// An empty list.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds one diagnostic.
    pub fn push(&mut self, d: Diagnostic) {
        self.0.push(d);
    }

    /// Results made one by one (often in parallel), each with its own
    /// problems, as the values made, in order, and every problem, in the
    /// same order.
    pub fn gather<T>(
        results: impl IntoIterator<Item = (Option<T>, Diagnostics)>,
    ) -> (Vec<T>, Diagnostics) {
        let mut diags = Diagnostics::new();
        let mut out = Vec::new();
        for (x, d) in results {
            diags.extend(d);
            out.extend(x);
        }
        (out, diags)
    }

    /// Adds all of `other`.
    pub fn extend(&mut self, other: Diagnostics) {
        self.0.extend(other.0);
    }

    /// True when at least one diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.0.iter().any(|d| d.severity == Severity::Error)
    }

    /// Number of errors.
    pub fn error_count(&self) -> usize {
        self.0
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count()
    }

    /// Number of warnings.
    pub fn warning_count(&self) -> usize {
        self.0
            .iter()
            .filter(|d| d.severity == Severity::Warning)
            .count()
    }

    /// True when there is nothing to report.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The diagnostics sorted by file, line, column, then message; duplicates removed.
    pub fn sorted(mut self) -> Vec<Diagnostic> {
        self.0.sort();
        self.0.dedup();
        self.0
    }

    /// Iterates in insertion order.
    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter()
    }

    /// Keeps only the warnings and notes (used after a successful stage).
    pub fn into_warnings(self) -> Diagnostics {
        Diagnostics(
            self.0
                .into_iter()
                .filter(|d| d.severity != Severity::Error)
                .collect(),
        )
    }
}

impl Diagnostics {
    /// Every diagnostic, sorted, in `lang`, and the count line.
    pub fn shown(&self, lang: Messages) -> String {
        let mut out = String::new();
        for d in self.clone().sorted() {
            out.push_str(&d.shown(lang).to_string());
            out.push('\n');
        }
        let (e, w) = (self.error_count(), self.warning_count());
        if e + w > 0 {
            out.push_str(&match lang {
                Messages::En => format!("{e} error(s), {w} warning(s)\n"),
                Messages::Zh => format!("{e} 个错误，{w} 个警告\n"),
            });
        }
        out
    }
}

/// In the process's language ([`Messages::current`]).
impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.shown(Messages::current()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters_not_bytes() {
        let text = "第一行\n中文abc";
        let off = text.find('a').unwrap();
        assert_eq!(line_col(text, off), (2, 3));
    }

    #[test]
    fn display_names_file_line_column_and_hint() {
        let d = Diagnostic::error(Location::new("a/b.md", 3, 7), "bad").hint("fix it");
        assert_eq!(d.to_string(), "a/b.md:3:7: error: bad\n  hint: fix it");
        assert_eq!(
            d.to_github(),
            "::error file=a/b.md,line=3,col=7::bad (fix it)"
        );
    }

    #[test]
    fn chinese_text_is_shown_when_asked_and_english_otherwise() {
        let d = Diagnostic::error(Location::new("a.md", 3, 7), "bad")
            .hint("fix it")
            .zh("有误", "改正");
        assert_eq!(d.to_string(), "a.md:3:7: error: bad\n  hint: fix it");
        assert_eq!(
            d.shown(Messages::Zh).to_string(),
            "a.md:3:7: error: 有误\n  提示: 改正"
        );
        assert_eq!(
            d.to_github_in(Messages::Zh),
            "::error file=a.md,line=3,col=7::有误 (改正)"
        );
        let plain = Diagnostic::warning(Location::new("a.md", 1, 1), "only English");
        assert_eq!(
            plain.shown(Messages::Zh).to_string(),
            "a.md:1:1: warning: only English"
        );
    }

    #[test]
    fn display_escapes_what_a_terminal_would_act_on() {
        let d = Diagnostic::error(Location::new("a\u{1b}]0;x\u{7}.md", 1, 2), "bad \u{1b}[2J")
            .hint("see\nfake.md:1:1: error: forged\0");
        let s = d.to_string();
        assert_eq!(
            s,
            "a\\u{1b}]0;x\\u{7}.md:1:2: error: bad \\u{1b}[2J\n  hint: see\\nfake.md:1:1: error: forged\\u{0}"
        );
        assert_eq!(s.lines().count(), 2, "the hint cannot add a line");
    }

    #[test]
    fn github_annotation_escapes_path_and_message() {
        let d = Diagnostic::warning(Location::new("a,b:c%.md", 4, 5), "50%\nnext")
            .hint("x\r\n::error::forged");
        assert_eq!(
            d.to_github(),
            "::warning file=a%2Cb%3Ac%25.md,line=4,col=5::50%25%0Anext (x%0D%0A::error::forged)"
        );
        assert_eq!(d.to_github().lines().count(), 1);
    }
}
