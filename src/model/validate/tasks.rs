//! A plan's tasks, read once its original and translation are rendered.

use super::*;

/// The tasks and timetable of a plan ([`crate::tasks::extract`]), their
/// warnings added to `d`.
pub(super) fn tasks_of_plan(
    doc: &markdown::Doc,
    split: &Split<'_>,
    path: &Path,
    en: Option<(&Translation, &SourceFile)>,
    jurisdiction: &JurisdictionId,
    ctx: &Ctx<'_>,
    d: &mut Diagnostics,
) -> crate::tasks::Extracted {
    let src = crate::tasks::Source {
        path,
        body: split.body,
        body_line: split.body_line,
    };
    let en = en.map(|(t, f)| (&t.doc, f.text.as_str()));
    let mut out = crate::tasks::extract(doc, src, en, jurisdiction, ctx.agencies);
    for w in std::mem::take(&mut out.warnings) {
        d.push(w);
    }
    out
}
