//! The SVG of a chain diagram: boxes by row, curved edges with their labels, the legend.
//!
//! Labels are never shortened: every text is measured (an estimate per character, on the
//! generous side for the fonts a browser falls back to for `sans-serif`), the boxes take the
//! width of the longest line up to a cap, and a longer line wraps onto the next one (between
//! words where there are spaces, anywhere in Japanese text). The SVG's `viewBox` is the size
//! of what it draws; the page scales it down to the frame's width (`max-width: 100%`).

use std::fmt::Write as _;

use anzen_domain::supply::Layer;

use super::{BoxStyle, Diagram, Swatch};

const MARGIN: f64 = 16.0;
/// The narrowest and the widest a box gets; all boxes share one width.
const MIN_BOX_W: f64 = 200.0;
const MAX_BOX_W: f64 = 320.0;
const H_GAP: f64 = 36.0;
/// The least vertical gap between rows; more when the edge labels need it.
const MIN_V_GAP: f64 = 92.0;
/// Where on an edge its first label sits (0 at the user, 1 at the component).
const LABEL_AT: f64 = 0.75;
/// The first baseline of a box below its top, and the gap after the heading.
const HEAD_BASE: f64 = 16.0;
const HEAD_GAP: f64 = 6.0;
const LINE_H: f64 = 16.0;
const PAD: f64 = 8.0;
const FONT: f64 = 12.0;
const LABEL_FONT: f64 = 11.0;
const LABEL_LINE_H: f64 = 14.0;
const LABEL_PAD: f64 = 4.0;
const LEGEND_ROW: f64 = 22.0;
/// How much wider bold text is than regular text.
const BOLD: f64 = 1.12;

/// Escapes text for XML content and attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Control characters are not allowed in XML 1.0.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// A character's advance in ems, estimated on the wide side: full-width characters (kana,
/// kanji, full-width forms) take an em, half-width katakana half of one, Latin letters by
/// their shape.
fn char_em(c: char) -> f64 {
    match c {
        'i' | 'l' | 'j' | '!' | '|' | '.' | ',' | ':' | ';' | '\'' | '`' => 0.32,
        ' ' | 'f' | 't' | 'r' | 'I' | '(' | ')' | '[' | ']' | '-' | '/' => 0.44,
        'm' | 'w' | 'M' | 'W' | '@' | '%' => 1.0,
        'A'..='Z' => 0.78,
        c if c.is_ascii() => 0.66,
        '\u{FF61}'..='\u{FF9F}' => 0.55,
        c if (c as u32) >= 0x2E80 => 1.0,
        _ => 0.72,
    }
}

/// The width of a text in pixels (estimated, see [`char_em`]).
fn text_width(s: &str, font: f64, bold: bool) -> f64 {
    let em: f64 = s.chars().map(char_em).sum();
    em * font * if bold { BOLD } else { 1.0 }
}

/// Whether a line may break between `before` and `after`: after a space, or next to a
/// full-width character (Japanese text breaks between any two characters), but never
/// before closing punctuation.
fn may_break(before: char, after: char) -> bool {
    if matches!(
        after,
        '、' | '。' | '）' | '」' | '』' | '・' | 'ー' | ')' | ',' | '.'
    ) {
        return false;
    }
    before == ' ' || (before as u32) >= 0x2E80 || (after as u32) >= 0x2E80
}

/// `s` in lines of at most `max` pixels, broken where [`may_break`] allows (inside a word
/// only when the word alone is wider than `max`). Nothing is left out.
fn wrap(s: &str, max: f64, font: f64, bold: bool) -> Vec<String> {
    let chars: Vec<char> = s.chars().collect();
    let width = |from: usize, to: usize| -> f64 {
        chars[from..to].iter().map(|&c| char_em(c)).sum::<f64>()
            * font
            * if bold { BOLD } else { 1.0 }
    };
    let mut lines = Vec::new();
    let mut start = 0;
    while start < chars.len() {
        // The longest run from `start` that fits; at least one character.
        let mut end = start + 1;
        while end < chars.len() && width(start, end + 1) <= max {
            end += 1;
        }
        if end < chars.len() {
            // Back off to the last place the line may break, when there is one.
            if let Some(b) = (start + 1..=end)
                .rev()
                .find(|&b| may_break(chars[b - 1], chars[b]))
            {
                end = b;
            }
        }
        let line: String = chars[start..end].iter().collect();
        lines.push(line.trim_end().to_owned());
        start = end;
        while start < chars.len() && chars[start] == ' ' {
            start += 1;
        }
    }
    if lines.is_empty() {
        lines.push(String::new());
    }
    lines
}

/// A box with its text wrapped to the box width and its place.
struct Placed {
    heading: Vec<String>,
    lines: Vec<String>,
    x: f64,
    y: f64,
    h: f64,
}

fn box_height(heading: usize, lines: usize) -> f64 {
    HEAD_BASE + LINE_H * (heading + lines - 1) as f64 + HEAD_GAP * f64::from(lines > 0) + PAD
}

/// The widest an edge label gets for a box width: the box and the gap beside it, so the
/// labels of neighbouring boxes do not meet.
fn label_max(bw: f64) -> f64 {
    bw + H_GAP - 2.0 * LABEL_PAD - 4.0
}

/// The shared box width: the longest text of any box or edge label, between the bounds.
fn box_width(d: &Diagram) -> f64 {
    let longest = d
        .boxes
        .iter()
        .flat_map(|b| {
            std::iter::once(text_width(&b.heading, FONT, true))
                .chain(b.lines.iter().map(|l| text_width(l, FONT, false)))
        })
        .fold(0.0, f64::max);
    let label = d
        .edges
        .iter()
        .flat_map(|e| e.label.iter())
        .map(|l| text_width(l, LABEL_FONT, false))
        .fold(0.0, f64::max);
    let for_label = label - label_max(0.0);
    (longest + 2.0 * PAD)
        .max(for_label)
        .ceil()
        .clamp(MIN_BOX_W, MAX_BOX_W)
}

/// The drawing's geometry: the boxes with their wrapped text and places, each edge's
/// wrapped label, the box width, the gap between rows, and the drawing's width and height
/// (without the legend).
struct Geometry {
    boxes: Vec<Placed>,
    labels: Vec<Vec<String>>,
    bw: f64,
    gap: f64,
    width: f64,
    body_h: f64,
}

fn layout(d: &Diagram) -> Geometry {
    let bw = box_width(d);
    let inner = bw - 2.0 * PAD;
    let labels: Vec<Vec<String>> = d
        .edges
        .iter()
        .map(|e| {
            e.label
                .iter()
                .flat_map(|l| wrap(l, label_max(bw), LABEL_FONT, false))
                .collect()
        })
        .collect();
    // The first label on an edge sits at LABEL_AT of the way down the curve, at about
    // 0.77 of the gap: the gap leaves room below for half the tallest label.
    let tallest = labels
        .iter()
        .map(|l| label_height(l.len()))
        .fold(0.0, f64::max);
    let gap = ((tallest / 2.0 + 6.0) / 0.22).ceil().max(MIN_V_GAP);
    let mut placed: Vec<Placed> = d
        .boxes
        .iter()
        .map(|b| {
            let heading = wrap(&b.heading, inner, FONT, true);
            let lines: Vec<String> = b
                .lines
                .iter()
                .flat_map(|l| wrap(l, inner, FONT, false))
                .collect();
            let h = box_height(heading.len(), lines.len());
            Placed {
                heading,
                lines,
                x: 0.0,
                y: 0.0,
                h,
            }
        })
        .collect();
    let rows = d.boxes.iter().map(|b| b.row).max().map_or(0, |r| r + 1) as usize;
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); rows];
    for (i, b) in d.boxes.iter().enumerate() {
        members[b.row as usize].push(i);
    }
    for m in &mut members {
        m.sort_by(|&a, &b| {
            let (x, y) = (&d.boxes[a], &d.boxes[b]);
            (x.style.order(), &x.sort, a).cmp(&(y.style.order(), &y.sort, b))
        });
    }
    let row_width = |n: usize| -> f64 { n as f64 * bw + n.saturating_sub(1) as f64 * H_GAP };
    let widest = members
        .iter()
        .map(|m| row_width(m.len()))
        .fold(0.0, f64::max);
    let mut y = MARGIN;
    for m in &members {
        let height = m.iter().map(|&i| placed[i].h).fold(0.0, f64::max);
        let mut x = MARGIN + (widest - row_width(m.len())) / 2.0;
        for &i in m {
            placed[i].x = x;
            placed[i].y = y;
            x += bw + H_GAP;
        }
        y += height + gap;
    }
    let legend_w = d
        .legend
        .iter()
        .map(|(_, text)| 38.0 + text_width(text, FONT, false))
        .fold(0.0, f64::max);
    let width = widest.max(legend_w) + 2.0 * MARGIN;
    Geometry {
        boxes: placed,
        labels,
        bw,
        gap,
        width,
        body_h: y - gap + 24.0,
    }
}

fn label_height(lines: usize) -> f64 {
    LABEL_LINE_H * lines as f64 + LABEL_PAD
}

fn num(v: f64) -> String {
    // One decimal is plenty and keeps the output small.
    let r = (v * 10.0).round() / 10.0;
    if r.fract() == 0.0 {
        format!("{}", r as i64)
    } else {
        format!("{r:.1}")
    }
}

/// The SVG of a diagram. Pure: the same model gives the same string.
pub fn render_svg(d: &Diagram) -> String {
    let Geometry {
        boxes: pos,
        labels: label_lines,
        bw,
        gap,
        width,
        body_h,
    } = layout(d);
    let height = body_h + MARGIN + LEGEND_ROW * d.legend.len() as f64 + 28.0;
    let mut s = String::with_capacity(2048 + 900 * d.boxes.len() + 700 * d.edges.len());
    let _ = write!(
        s,
        r##"<svg xmlns="http://www.w3.org/2000/svg" class="chain-svg" id="chain-svg" role="img" aria-labelledby="chain-svg-title chain-svg-desc" width="{w}" height="{h}" viewBox="0 0 {w} {h}" font-family="sans-serif" font-size="{FONT}"><title id="chain-svg-title">{title}</title><desc id="chain-svg-desc">{desc}</desc><defs><marker id="chain-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0 0L10 5L0 10z" fill="#555555"/></marker></defs><rect x="0" y="0" width="{w}" height="{h}" fill="#ffffff"/>"##,
        w = num(width),
        h = num(height),
        title = esc(&d.title),
        desc = esc(&d.description),
    );
    // Edges first, boxes over them, labels over both.
    let mut labels = String::new();
    let mut incoming = vec![0usize; d.boxes.len()];
    let mut taken: Vec<(f64, f64, f64, f64)> = Vec::with_capacity(d.edges.len());
    for (e, lines) in d.edges.iter().zip(&label_lines) {
        let (Some(from), Some(to)) = (pos.get(e.from), pos.get(e.to)) else {
            continue;
        };
        let (fy, fh, ty, th) = (from.y, from.h, to.y, to.h);
        let x1 = from.x + bw / 2.0;
        let y1 = fy + fh;
        let x2 = to.x + bw / 2.0;
        // A box further down: a curve from the bottom of one to the top of the other; a box
        // on the same row or above: a loop below both.
        let (y2, c1, c2) = if ty > fy + fh {
            let dy = (ty - y1) / 2.0;
            (ty, y1 + dy, ty - dy)
        } else {
            let low = y1.max(ty + th) + gap * 0.6;
            (ty + th, low, low)
        };
        let path = format!(
            "M{} {}C{} {} {} {} {} {}",
            num(x1),
            num(y1),
            num(x1),
            num(c1),
            num(x2),
            num(c2),
            num(x2),
            num(y2)
        );
        // The label sits on the curve near the box it points to, where boxes are apart; a
        // second or third edge into the same box puts its label further back.
        let k = incoming[e.to];
        incoming[e.to] += 1;
        let t = match k {
            0 => LABEL_AT,
            1 => 0.45,
            _ => 0.3,
        };
        let u = 1.0 - t;
        let (w0, w1, w2, w3) = (u * u * u, 3.0 * u * u * t, 3.0 * u * t * t, t * t * t);
        let mx = (w0 + w1) * x1 + (w2 + w3) * x2;
        let my = w0 * y1 + w1 * c1 + w2 * c2 + w3 * y2;
        let dash = if e.dashed {
            r#" stroke-dasharray="6 4""#
        } else {
            ""
        };
        let _ = write!(
            s,
            r##"<path class="chain-edge" d="{path}" fill="none" stroke="#555555" stroke-width="1.5"{dash} marker-end="url(#chain-arrow)"><title>{}</title></path>"##,
            esc(&e.tooltip)
        );
        if !e.label.is_empty() {
            let w = lines
                .iter()
                .map(|l| text_width(l, LABEL_FONT, false))
                .fold(0.0, f64::max)
                + 2.0 * LABEL_PAD;
            let h = label_height(lines.len());
            let lx = (mx - w / 2.0).clamp(0.0, (width - w).max(0.0));
            let mut ly = my - h / 2.0;
            // A label that would cover one already placed moves up above it.
            for _ in 0..6 {
                match taken
                    .iter()
                    .find(|&&(x, y, pw, ph)| lx < x + pw && x < lx + w && ly < y + ph && y < ly + h)
                {
                    Some(&(_, y, _, _)) => ly = y - h - 2.0,
                    None => break,
                }
            }
            taken.push((lx, ly, w, h));
            let _ = write!(
                labels,
                r##"<g class="chain-label"><title>{}</title><rect x="{}" y="{}" width="{}" height="{}" rx="3" fill="#ffffff" fill-opacity="0.92" stroke="#c8ccd0"/>"##,
                esc(&e.tooltip),
                num(lx),
                num(ly),
                num(w),
                num(h)
            );
            for (i, l) in lines.iter().enumerate() {
                let _ = write!(
                    labels,
                    r##"<text x="{}" y="{}" font-size="{LABEL_FONT}" fill="#333333">{}</text>"##,
                    num(lx + LABEL_PAD),
                    num(ly + 13.0 + LABEL_LINE_H * i as f64),
                    esc(l)
                );
            }
            labels.push_str("</g>");
        }
    }
    for (b, p) in d.boxes.iter().zip(&pos) {
        let (fill, stroke) = b.style.colours();
        let dash = if b.unknown {
            r#" stroke-dasharray="6 4""#
        } else {
            ""
        };
        let class = match b.style {
            BoxStyle::Offering => "chain-box chain-box--offering",
            BoxStyle::Institution => "chain-box chain-box--institution",
            BoxStyle::Layer(Layer::Application) => "chain-box chain-box--application",
            BoxStyle::Layer(Layer::Platform) => "chain-box chain-box--platform",
            BoxStyle::Layer(Layer::Infrastructure) => "chain-box chain-box--infrastructure",
        };
        let unknown = if b.unknown { " chain-box--unknown" } else { "" };
        let _ = write!(
            s,
            r##"<g class="{class}{unknown}"><title>{}</title><rect x="{}" y="{}" width="{}" height="{}" rx="6" fill="{fill}" stroke="{stroke}" stroke-width="{}"{dash}/>"##,
            esc(&b.tooltip),
            num(p.x),
            num(p.y),
            num(bw),
            num(p.h),
            if b.unknown { "2" } else { "1.5" },
        );
        let mut baseline = p.y + HEAD_BASE;
        for line in &p.heading {
            let _ = write!(
                s,
                r##"<text x="{}" y="{}" font-weight="bold" fill="#1a1a1a">{}</text>"##,
                num(p.x + PAD),
                num(baseline),
                esc(line)
            );
            baseline += LINE_H;
        }
        baseline += HEAD_GAP;
        for line in &p.lines {
            let _ = write!(
                s,
                r##"<text x="{}" y="{}" fill="#333333">{}</text>"##,
                num(p.x + PAD),
                num(baseline),
                esc(line)
            );
            baseline += LINE_H;
        }
        s.push_str("</g>");
    }
    s.push_str(&labels);
    // The legend.
    let mut y = body_h + MARGIN;
    let _ = write!(
        s,
        r##"<g class="chain-legend"><line x1="{m}" y1="{y0}" x2="{x2}" y2="{y0}" stroke="#d0d4d8"/>"##,
        m = num(MARGIN),
        y0 = num(y - 8.0),
        x2 = num(width - MARGIN)
    );
    for (swatch, text) in &d.legend {
        let x = MARGIN;
        match swatch {
            Swatch::Box(style) => {
                let (fill, stroke) = style.colours();
                let _ = write!(
                    s,
                    r##"<rect x="{}" y="{}" width="28" height="14" rx="3" fill="{fill}" stroke="{stroke}"/>"##,
                    num(x),
                    num(y)
                );
            }
            Swatch::Link => {
                let _ = write!(
                    s,
                    r##"<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#555555" stroke-width="1.5"/>"##,
                    num(x),
                    num(y + 7.0),
                    num(x + 28.0),
                    num(y + 7.0)
                );
            }
            Swatch::Unknown => {
                let _ = write!(
                    s,
                    r##"<rect x="{}" y="{}" width="28" height="14" rx="3" fill="#ffffff" stroke="#555555" stroke-width="2" stroke-dasharray="6 4"/>"##,
                    num(x),
                    num(y)
                );
            }
        }
        let _ = write!(
            s,
            r##"<text x="{}" y="{}" fill="#1a1a1a">{}</text>"##,
            num(x + 38.0),
            num(y + 11.0),
            esc(text)
        );
        y += LEGEND_ROW;
    }
    s.push_str("</g></svg>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_keeps_every_character_and_each_line_fits() {
        let jp = "さくらメディカルクラウド株式会社（東京・大阪リージョン）の本番環境";
        let lines = wrap(jp, 120.0, 12.0, false);
        assert!(lines.len() > 1, "{lines:?}");
        assert_eq!(lines.concat(), jp);
        assert!(lines.iter().all(|l| text_width(l, 12.0, false) <= 120.0));
        // Closing punctuation does not start a line.
        assert!(lines.iter().skip(1).all(|l| !l.starts_with('）')));

        let en = "Risks managed by the medical institution and the provider";
        let lines = wrap(en, 150.0, 12.0, false);
        assert!(lines.len() > 1, "{lines:?}");
        assert_eq!(lines.join(" "), en, "English breaks between words");
        assert!(lines.iter().all(|l| text_width(l, 12.0, false) <= 150.0));

        // A word wider than the line is broken inside; nothing is lost.
        let long = "x".repeat(80);
        assert_eq!(wrap(&long, 100.0, 12.0, false).concat(), long);
        assert_eq!(wrap("short", 100.0, 12.0, true), ["short"]);
        assert_eq!(wrap("", 100.0, 12.0, false), [""]);
    }

    #[test]
    fn text_is_measured_wider_when_bold_and_full_width() {
        assert!(text_width("あいう", 12.0, false) > text_width("abc", 12.0, false));
        assert!(text_width("abc", 12.0, true) > text_width("abc", 12.0, false));
        assert_eq!(text_width("", 12.0, false), 0.0);
    }

    #[test]
    fn escaping() {
        assert_eq!(esc("a<b>&\"'\u{1}"), "a&lt;b&gt;&amp;&quot;&#39; ");
    }
}
