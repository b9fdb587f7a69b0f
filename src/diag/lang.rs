//! The language diagnostics are printed in: Chinese or English.
//!
//! Each [`Diagnostic`](super::Diagnostic) carries its English text and,
//! where it has been translated, a Chinese one ([`Zh`]); printing picks
//! one with [`Messages`] and falls back to English. The language comes
//! from `--messages zh|en` or, by default, from the system locale
//! ([`Messages::from_locale`]).

use std::sync::OnceLock;

/// The language of printed diagnostics.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Messages {
    /// English (the fallback for every diagnostic).
    #[default]
    En,
    /// Chinese, where the diagnostic has a Chinese text.
    Zh,
}

/// A diagnostic's Chinese message and hint.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Zh {
    /// What is wrong.
    pub message: String,
    /// What to do; `None` keeps no hint (the English one is not mixed in).
    pub hint: Option<String>,
}

static DEFAULT: OnceLock<Messages> = OnceLock::new();

impl Messages {
    /// The language the locale variables ask for: the first of `LC_ALL`,
    /// `LC_MESSAGES` and `LANG` that is set and not empty; Chinese when it
    /// starts with `zh`, else English.
    pub fn from_locale() -> Self {
        Self::from_vars(|k| std::env::var(k).ok())
    }

    /// [`from_locale`](Self::from_locale) reading the variables through `var`.
    pub fn from_vars(var: impl Fn(&str) -> Option<String>) -> Self {
        let value = ["LC_ALL", "LC_MESSAGES", "LANG"]
            .into_iter()
            .filter_map(var)
            .find(|v| !v.is_empty());
        match value {
            Some(v) if v.to_ascii_lowercase().starts_with("zh") => Messages::Zh,
            _ => Messages::En,
        }
    }

    /// Sets the language `Diagnostics`' plain `Display` uses in this
    /// process (the command line does it once, before any output; `serve`
    /// prints through it). Later calls are ignored.
    pub fn set_default(self) {
        let _ = DEFAULT.set(self);
    }

    /// The language set by [`set_default`](Self::set_default); English when none.
    pub fn current() -> Self {
        DEFAULT.get().copied().unwrap_or_default()
    }

    /// `en` or `zh` by this language.
    pub fn pick<'a>(self, en: &'a str, zh: &'a str) -> &'a str {
        match self {
            Messages::En => en,
            Messages::Zh => zh,
        }
    }
}

impl std::str::FromStr for Messages {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "zh" => Ok(Messages::Zh),
            "en" => Ok(Messages::En),
            other => Err(format!("`{other}`: use `zh` or `en`")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with(pairs: &[(&str, &str)]) -> Messages {
        Messages::from_vars(|k| {
            pairs
                .iter()
                .find(|(n, _)| *n == k)
                .map(|(_, v)| (*v).to_owned())
        })
    }

    #[test]
    fn the_locale_picks_the_language() {
        assert_eq!(with(&[("LANG", "zh_CN.UTF-8")]), Messages::Zh);
        assert_eq!(with(&[("LANG", "C")]), Messages::En);
        assert_eq!(with(&[]), Messages::En);
        assert_eq!(
            with(&[("LC_ALL", "en_US.UTF-8"), ("LANG", "zh_CN.UTF-8")]),
            Messages::En
        );
        assert_eq!(
            with(&[("LC_ALL", ""), ("LC_MESSAGES", "zh_TW"), ("LANG", "C")]),
            Messages::Zh
        );
    }
}
