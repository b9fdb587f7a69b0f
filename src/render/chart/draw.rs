//! Drawing: the SVG frame, title, axis and the dumbbell rows, with the
//! geometry they share.

use super::*;

/// Width of a chart in SVG units. Narrow, with one row per line of text,
/// so a phone (about 360 px of column) shows it near full size: its
/// smallest text, 12 units, stays about 12 px on screen.
pub(super) const W: f64 = 360.0;
/// The plot's left and right ends.
pub(super) const X0: f64 = 14.0;
pub(super) const X1: f64 = W - 22.0;
/// Height of one jurisdiction's rows: its name, its values, its marks.
pub(super) const ROW: f64 = 50.0;

/// `text` broken into lines of at most `width` units (a Chinese character
/// two, other characters one), at spaces where there are any.
pub(super) fn wrap(text: &str, width: usize) -> Vec<String> {
    let units = |c: char| if c.is_ascii() { 1 } else { 2 };
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut used = 0;
    let mut last_space: Option<usize> = None;
    for c in text.chars() {
        if used + units(c) > width && !line.is_empty() {
            match last_space {
                Some(at) if c != ' ' => {
                    let rest = line[at + 1..].to_owned();
                    line.truncate(at);
                    lines.push(std::mem::take(&mut line));
                    used = rest.chars().map(units).sum();
                    line = rest;
                }
                _ => {
                    lines.push(std::mem::take(&mut line).trim_end().to_owned());
                    used = 0;
                }
            }
            last_space = None;
            if c == ' ' {
                continue;
            }
        }
        if c == ' ' {
            last_space = Some(line.len());
        }
        line.push(c);
        used += units(c);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// The SVG's own styles, for the file downloaded (a page styles its
/// inline charts from the theme, in light and dark).
pub(super) const FILE_STYLE: &str = "<style>text{font:13px system-ui,sans-serif;fill:#1a1d21}.title{font-size:14px;font-weight:600}.muted,.tick text{fill:#545f6b;font-size:12px}.axis,.link{stroke:#8a96a3;stroke-width:1.5}.grid{stroke:#dde2e7}.label{paint-order:stroke;stroke:#fff;stroke-width:3px;stroke-linejoin:round}.base{fill:#fff;stroke:#545f6b;stroke-width:2}.target,.bar{fill:#0b5cad}.range{stroke:#0b5cad;stroke-width:6;stroke-linecap:round}</style>";

/// An SVG: `body` inside, inline (styled by the page) or as a file.
pub(super) fn svg(id: &str, h: f64, title: &str, desc: &str, body: &str, file: bool) -> String {
    let (open, style) = if file {
        ("<svg xmlns=\"http://www.w3.org/2000/svg\"", FILE_STYLE)
    } else {
        ("<svg class=\"chart\"", "")
    };
    format!(
        "{open} role=\"img\" viewBox=\"0 0 {W} {h}\" width=\"{W}\" height=\"{h}\" aria-labelledby=\"{id}t {id}d\"><title id=\"{id}t\">{}</title><desc id=\"{id}d\">{}</desc>{style}{body}</svg>",
        html_escape(title),
        html_escape(desc)
    )
}

/// The title, wrapped, from the top; returns where the next line goes.
pub(super) fn title_lines(s: &mut String, title: &str, file: bool) -> f64 {
    // A page shows the title above the chart, where it wraps as text does.
    if !file {
        return 14.0;
    }
    let mut y = 18.0;
    for line in wrap(title, 48) {
        let _ = write!(
            s,
            "<text class=\"title\" x=\"0\" y=\"{y}\">{}</text>",
            html_escape(&line)
        );
        y += 18.0;
    }
    y
}

/// The axis at `y` below rows from `top`: grid lines, ticks with labels,
/// and what it measures.
pub(super) fn axis(
    s: &mut String,
    scale: &Scale,
    top: f64,
    y: f64,
    caption: &str,
    lang: Lang,
) -> f64 {
    let ticks = scale.ticks();
    // Every other label where they would crowd (the ticks all stay).
    let every = if ticks.len() > 6 { 2 } else { 1 };
    let _ = write!(
        s,
        "<line class=\"axis\" x1=\"{X0}\" y1=\"{y}\" x2=\"{X1}\" y2=\"{y}\"/>"
    );
    s.push_str("<g class=\"tick\">");
    for (i, t) in ticks.iter().enumerate() {
        let x = scale.x(*t, X0, X1);
        let _ = write!(s, "<line class=\"grid\" x1=\"{x:.1}\" y1=\"{top}\" x2=\"{x:.1}\" y2=\"{y}\"/><line class=\"axis\" x1=\"{x:.1}\" y1=\"{y}\" x2=\"{x:.1}\" y2=\"{}\"/>", y + 5.0);
        if i % every == 0 || i + 1 == ticks.len() {
            let _ = write!(
                s,
                "<text x=\"{x:.1}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
                y + 18.0,
                html_escape(&tick_label(*t, lang))
            );
        }
    }
    s.push_str("</g>");
    let mut y = y + 36.0;
    for line in wrap(caption, 50) {
        let _ = write!(
            s,
            "<text class=\"muted\" x=\"0\" y=\"{y}\">{}</text>",
            html_escape(&line)
        );
        y += 15.0;
    }
    y
}

/// The baseline-and-target chart of `rows` on `scale`.
pub(super) fn dumbbell(
    rows: &[Row],
    scale: &Scale,
    title: &str,
    unit: &str,
    lang: Lang,
    id: &str,
    file: bool,
) -> String {
    let w = words(lang);
    let mut s = String::new();
    let y = title_lines(&mut s, title, file) + 4.0;
    // The legend: hollow = baseline, filled = target, a bar = a range.
    let _ = write!(s, "<g class=\"legend\"><circle class=\"base\" cx=\"20\" cy=\"{}\" r=\"5\"/><text x=\"30\" y=\"{y}\">{}</text><circle class=\"target\" cx=\"110\" cy=\"{}\" r=\"5\"/><text x=\"120\" y=\"{y}\">{}</text>", y - 4.0, w.base, y - 4.0, w.target);
    if rows.iter().any(|r| r.target.0 != r.target.1) {
        let _ = write!(s, "<line class=\"range\" x1=\"196\" y1=\"{0}\" x2=\"214\" y2=\"{0}\"/><text x=\"224\" y=\"{y}\">{1}</text>", y - 4.0, w.range);
    }
    s.push_str("</g>");
    let top = y + 10.0;
    // The axis and its grid first, so the rows' text sits on top.
    let axis_y = top + ROW * rows.len() as f64 + 8.0;
    let caption = format!(
        "{}{unit} · {}",
        w.unit,
        if scale.is_log() { w.log } else { w.linear }
    );
    let h = axis(&mut s, scale, top, axis_y, &caption, lang);
    let mut body = String::new();
    for (i, r) in rows.iter().enumerate() {
        let y = top + 16.0 + ROW * i as f64;
        let dot = y + 26.0;
        let x = |v: f64| scale.x(v, X0, X1);
        let _ = write!(body, "<text class=\"label\" x=\"0\" y=\"{y}\"><tspan font-weight=\"600\">{}</tspan></text><text class=\"label muted\" x=\"0\" y=\"{}\">{}</text>", html_escape(&r.name), y + 14.0, html_escape(&r.values_text(lang)));
        let (lo, hi) = r.target;
        if let Some((_, b)) = r.base {
            let to = if b <= lo { lo } else { hi };
            let _ = write!(
                body,
                "<line class=\"link\" x1=\"{:.1}\" y1=\"{dot}\" x2=\"{:.1}\" y2=\"{dot}\"/>",
                x(b),
                x(to)
            );
        }
        if lo != hi {
            let _ = write!(body, "<line class=\"range\" x1=\"{:.1}\" y1=\"{dot}\" x2=\"{:.1}\" y2=\"{dot}\"/><circle class=\"target\" cx=\"{:.1}\" cy=\"{dot}\" r=\"5\"/>", x(lo), x(hi), x(lo));
        }
        let _ = write!(
            body,
            "<circle class=\"target\" cx=\"{:.1}\" cy=\"{dot}\" r=\"5\"/>",
            x(hi)
        );
        if let Some((_, b)) = r.base {
            let _ = write!(
                body,
                "<circle class=\"base\" cx=\"{:.1}\" cy=\"{dot}\" r=\"5\"/>",
                x(b)
            );
        }
    }
    s.push_str(&body);
    let desc = rows
        .iter()
        .map(|r| match lang {
            Lang::Zh => format!("{}:{}", r.name, r.values_text(lang)),
            Lang::En => format!("{}: {}", r.name, r.values_text(lang)),
        })
        .collect::<Vec<_>>()
        .join(if lang == Lang::Zh { ";" } else { "; " });
    let stop = if lang == Lang::Zh { "。" } else { ". " };
    svg(
        id,
        h.ceil(),
        title,
        &format!("{caption}{stop}{desc}"),
        &s,
        file,
    )
}
