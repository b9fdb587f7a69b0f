//! What a build publishes: drafts, plans dated in the future and
//! placeholders, as Hugo and Zola treat them.
//!
//! - A plan with `draft: true` is kept out of a build (its pages, the
//!   search index, the data files, the feeds, the sitemap and the home
//!   page) unless `build --drafts`; `serve` shows it with a draft banner.
//! - A plan whose `date_published` is after today is held back the same
//!   way unless `build --future`, so that a scheduled build publishes it on
//!   its day. Today is the system's date, or the day of
//!   `SOURCE_DATE_EPOCH` where that is set (for reproducible builds).
//! - The placeholders that `plansite new` and `plansite import` write
//!   (`TODO`) are errors in a plan's files, except in a draft, where they
//!   are warnings: a draft is where unfinished work belongs.
//!
//! `check` lists every plan held back and why, as notes.

use std::path::Path;

use crate::diag::{Diagnostic, Diagnostics, Location};
use crate::model::{Date, Plan};

/// The placeholder word the scaffolds write.
pub const PLACEHOLDER: &str = "TODO";

/// Which plans a pass publishes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Publish {
    /// Publish drafts too.
    pub drafts: bool,
    /// Publish plans dated after `today` too.
    pub future: bool,
    /// The day against which `date_published` is compared.
    pub today: Date,
}

/// Why a plan is held back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Held {
    /// `draft: true`.
    Draft,
    /// `date_published` after today.
    Future(Date),
}

impl Publish {
    /// What `build` and `check` publish: no drafts, nothing dated after
    /// today, unless asked.
    pub fn build(drafts: bool, future: bool) -> Publish {
        Publish {
            drafts,
            future,
            today: today(),
        }
    }

    /// What `serve` shows: everything, drafts and scheduled plans marked.
    pub fn preview() -> Publish {
        Publish::build(true, true)
    }

    /// Why `plan` is held back, if it is.
    pub fn holds(&self, plan: &Plan) -> Option<Held> {
        if plan.draft && !self.drafts {
            return Some(Held::Draft);
        }
        match plan.date_published {
            Some(d) if d > self.today && !self.future => Some(Held::Future(d)),
            _ => None,
        }
    }

    /// Whether the plan `head` describes is held back (as [`Self::holds`]).
    pub fn holds_head(&self, head: &crate::model::relations::Head) -> bool {
        (head.draft && !self.drafts)
            || head
                .date_published
                .is_some_and(|d| d > self.today && !self.future)
    }

    /// Keeps the plans this pass publishes; a note in `diags` for each
    /// held back. Returns how many were held back.
    pub fn sift(&self, plans: &mut Vec<Plan>, diags: &mut Diagnostics) -> usize {
        let before = plans.len();
        plans.retain(|p| match self.holds(p) {
            None => true,
            Some(held) => {
                diags.push(held_note(&p.path, held));
                false
            }
        });
        before - plans.len()
    }
}

/// The note that says a plan is held back, and how to publish it.
fn held_note(path: &Path, held: Held) -> Diagnostic {
    match held {
        Held::Draft => Diagnostic::note(
            Location::file(path),
            "a draft (`draft: true`): not published",
        )
        .hint("remove `draft: true` to publish it; `plansite build --drafts` includes drafts")
        .zh(
            "草稿（`draft: true`）：暂不发布",
            "删除 `draft: true` 即可发布；`plansite build --drafts` 会把草稿一起构建",
        ),
        Held::Future(d) => Diagnostic::note(
            Location::file(path),
            format!("dated {d} (`date_published`), after today: held back until then"),
        )
        .hint(
            "a build on or after that day publishes it; `plansite build --future` includes it now",
        )
        .zh(
            format!("发布日期为 {d}（`date_published`），晚于今天：到那天再发布"),
            "当天或之后的构建会发布它；`plansite build --future` 现在就包括它",
        ),
    }
}

/// Today, from `SOURCE_DATE_EPOCH` where it is set, else the system clock
/// (UTC).
pub fn today() -> Date {
    let secs = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs() as i64)
        });
    from_days(secs.div_euclid(86_400))
}

/// The calendar date `days` after 1970-01-01 (Howard Hinnant's
/// `civil_from_days`).
pub(crate) fn from_days(days: i64) -> Date {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let year = (yoe + era * 400 + i64::from(month <= 2)).clamp(0, 9999) as u16;
    Date { year, month, day }
}

const ZH_PLACEHOLDER: &str = "文中还留有占位符（`TODO`）";

/// The placeholders left in a plan file's `text` (front matter values and
/// body; YAML comments may say TODO, they are never published): errors,
/// or warnings in a draft.
pub fn placeholders(path: &Path, text: &str, draft: bool) -> Diagnostics {
    let mut d = Diagnostics::new();
    let mut fences = 0;
    for (i, line) in text.lines().enumerate() {
        if line.trim_end() == "---" && fences < 2 {
            fences += 1;
            continue;
        }
        let published = if fences == 1 {
            strip_yaml_comment(line)
        } else {
            line
        };
        for (at, _) in published.match_indices(PLACEHOLDER) {
            let before = published[..at].chars().next_back();
            let after = published[at + PLACEHOLDER.len()..].chars().next();
            if before.is_some_and(|c| c.is_ascii_alphanumeric())
                || after.is_some_and(|c| c.is_ascii_alphanumeric())
            {
                continue;
            }
            let column = published[..at].chars().count() + 1;
            let loc = Location::new(path, i + 1, column);
            let message = "a placeholder (`TODO`) is left in the text";
            d.push(if draft {
                Diagnostic::warning(loc, message)
                    .hint("replace it with what the official document says before the draft is published")
                    .zh(ZH_PLACEHOLDER, "草稿发布前，把它换成正式文件中的内容")
            } else {
                Diagnostic::error(loc, message).hint(
                    "replace it with what the official document says, or mark the plan `draft: true` to keep it unpublished while you work on it",
                )
                .zh(
                    ZH_PLACEHOLDER,
                    "把它换成正式文件中的内容；还没改完时，可以标记 `draft: true`，暂不发布",
                )
            });
        }
    }
    d
}

/// A YAML line without its comment (a `#` at the start or after a space,
/// outside quotes).
fn strip_yaml_comment(line: &str) -> &str {
    let mut quote = None;
    let mut prev = ' ';
    for (i, c) in line.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '#') if prev.is_whitespace() => return &line[..i],
            _ => {}
        }
        prev = c;
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_become_calendar_dates() {
        let d = |y, m, day| Date {
            year: y,
            month: m,
            day,
        };
        assert_eq!(from_days(0), d(1970, 1, 1));
        assert_eq!(from_days(11_016), d(2000, 2, 29));
        assert_eq!(from_days(20_791), d(2026, 12, 4));
        assert_eq!(from_days(-1), d(1969, 12, 31));
    }

    #[test]
    fn placeholders_in_values_and_body_not_in_comments() {
        let text = "---\ntitle: TODO 规划标题  # TODO the title\n# TODO: a comment\nsource: {description: \"TODO: where\"}\nnote: \"a # TODO inside quotes\"\nword: TODOS\n---\n\n正文TODO。\n";
        let d = placeholders(Path::new("p/index.md"), text, false);
        let at: Vec<String> = d.iter().map(|d| d.location.to_string()).collect();
        assert_eq!(
            at,
            [
                "p/index.md:2:8",
                "p/index.md:4:24",
                "p/index.md:5:12",
                "p/index.md:9:3"
            ]
        );
        assert!(d.has_errors());
        let draft = placeholders(Path::new("p/index.md"), text, true);
        assert_eq!((draft.error_count(), draft.warning_count()), (0, 4));
    }
}
