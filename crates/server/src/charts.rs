//! Charts drawn on the server as SVG: no script in the browser, and a chart
//! is in the page as soon as the HTML is. Every label is escaped (names come
//! from documents); bars carry a `<title>` for the exact figure on hover and
//! may link to the ledger view they sum.

use std::fmt::Write;

use crate::format::escape;

mod lines;
mod text;

pub use lines::{Series, cumulative};

/// A part of a bar or column: a value drawn in a series' colour.
#[derive(Clone, Debug)]
pub struct Segment {
    pub value: f64,
    /// The series' key (`grants`…): the class `s-{key}` and its colour.
    pub series: &'static str,
    /// The exact figure, in the segment's `<title>`.
    pub title: String,
}

/// One bar of a horizontal bar chart: its segments stacked left to right.
#[derive(Clone, Debug)]
pub struct Bar {
    pub label: String,
    pub segments: Vec<Segment>,
    /// The value as shown beside the bar.
    pub text: String,
    /// Where a click on the bar goes.
    pub href: Option<String>,
}

const WIDTH: f64 = 520.0;
const FONT: &str = r#"font-family="system-ui, -apple-system, 'Segoe UI', sans-serif" font-size="12""#;

/// The colour of a series (Okabe–Ito, told apart by colour-blind readers too).
pub fn colour(series: &str) -> &'static str {
    match series {
        "grants" => "#0072b2",
        "loans" => "#e69f00",
        "other" => "#6f7c89",
        "ceilings" => "#cc79a7",
        _ => "#2b6a94",
    }
}

fn open(out: &mut String, height: f64, title: &str) {
    let _ = write!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {WIDTH} {height}" width="100%" role="img" aria-label="{t}" {FONT}><title>{t}</title>"#,
        t = escape(title)
    );
}

fn empty(title: &str) -> String {
    let mut out = String::new();
    open(&mut out, 40.0, title);
    out.push_str(r##"<text x="0" y="24" fill="#666">No figures yet.</text></svg>"##);
    out
}

fn total(segments: &[Segment]) -> f64 {
    segments.iter().map(|s| s.value.max(0.0)).sum()
}

/// Horizontal stacked bars, in the order given, scaled to the largest. The
/// label column is as wide as the widest label needs (at most two lines, a
/// third of the chart); the value column as wide as the widest value.
pub fn bars(title: &str, bars: &[Bar]) -> String {
    if bars.is_empty() {
        return empty(title);
    }
    const LINE: f64 = 14.0;
    const GAP: f64 = 8.0;
    let label_w = bars.iter().map(|b| text::width(&b.label)).fold(40.0, f64::max).min(WIDTH / 3.0);
    let value_w = bars.iter().map(|b| text::width(&b.text)).fold(30.0, f64::max).min(WIDTH / 3.0);
    let plot = WIDTH - label_w - GAP - value_w - 12.0;
    let max = bars.iter().map(|b| total(&b.segments)).fold(0.0, f64::max);
    let mut out = String::new();
    let mut body = String::new();
    let mut y = 2.0;
    for b in bars {
        let lines = text::two_lines(&b.label, label_w);
        let row = 10.0 + LINE * lines.len() as f64;
        if let Some(h) = &b.href {
            let _ = write!(body, r#"<a href="{}">"#, escape(h));
        }
        let _ = write!(body, r##"<text x="{label_w:.1}" y="{:.1}" text-anchor="end" fill="#222">"##, y + 14.0);
        for (i, l) in lines.iter().enumerate() {
            let dy = if i == 0 { 0.0 } else { LINE };
            let _ = write!(body, r#"<tspan x="{label_w:.1}" dy="{dy}" text-anchor="end">{}</tspan>"#, escape(l));
        }
        let _ = write!(body, "<title>{}</title></text>", escape(&b.label));
        let mut x = label_w + GAP;
        let bar_y = y + (row - 20.0) / 2.0 - 1.0;
        for s in &b.segments {
            let w = if max > 0.0 { s.value.max(0.0) / max * plot } else { 0.0 };
            let _ = write!(
                body,
                r#"<rect class="bar s-{key}" x="{x:.1}" y="{bar_y:.1}" width="{w:.1}" height="20" fill="{c}"><title>{full}: {t}</title></rect>"#,
                key = s.series,
                c = colour(s.series),
                full = escape(&b.label),
                t = escape(&s.title),
            );
            x += w;
        }
        let _ = write!(
            body,
            r##"<text x="{:.1}" y="{:.1}" fill="#444">{}</text>"##,
            x.max(label_w + GAP + 1.0) + 6.0,
            bar_y + 14.0,
            escape(&b.text)
        );
        if b.href.is_some() {
            body.push_str("</a>");
        }
        y += row;
    }
    open(&mut out, y + 2.0, title);
    out.push_str(&body);
    out.push_str("</svg>");
    out
}

/// One column of a column chart: its segments stacked bottom up.
#[derive(Clone, Debug)]
pub struct Column {
    pub label: String,
    pub segments: Vec<Segment>,
    pub href: Option<String>,
}

/// The y axis of a chart: round ticks from 0 to the top, the left margin as
/// wide as the widest tick label.
struct Axis {
    top: f64,
    left: f64,
    labels: Vec<(f64, String)>,
}

impl Axis {
    fn new(max: f64, tick: &impl Fn(f64) -> String) -> Axis {
        let step = nice_step(max / 4.0);
        let top = if max > 0.0 { (max / step).ceil() * step } else { 1.0 };
        let mut labels = Vec::new();
        let mut v = 0.0;
        while v <= top + step / 2.0 && labels.len() < 12 {
            labels.push((v, tick(v)));
            v += step;
        }
        let left = labels.iter().map(|(_, l)| text::width(l)).fold(20.0, f64::max) + 10.0;
        Axis { top, left, labels }
    }

    /// Grid lines and tick labels over a plot from `base` up `height`.
    fn draw(&self, out: &mut String, base: f64, height: f64) {
        for (v, label) in &self.labels {
            let y = base - v / self.top * height;
            let _ = write!(
                out,
                r##"<line x1="{l:.1}" x2="{x2}" y1="{y:.1}" y2="{y:.1}" stroke="#ddd"/><text x="{tx:.1}" y="{ty:.1}" text-anchor="end" fill="#555">{t}</text>"##,
                l = self.left,
                x2 = WIDTH - 8.0,
                tx = self.left - 6.0,
                ty = y + 4.0,
                t = escape(label)
            );
        }
    }
}

/// Labels under a plot's slots: every n-th, each kept inside the chart, and
/// one that would touch the label before it (moved in from an edge) left out.
fn x_labels(out: &mut String, labels: &[(f64, &str)], slot: f64, y: f64) {
    let widest = labels.iter().map(|(_, l)| text::width(l)).fold(0.0, f64::max);
    let every = ((widest + 10.0) / slot.max(1.0)).ceil().max(1.0) as usize;
    let mut right = f64::NEG_INFINITY;
    for (i, (cx, l)) in labels.iter().enumerate() {
        if i % every != 0 {
            continue;
        }
        let half = text::width(l) / 2.0;
        let cx = cx.clamp(half + 1.0, WIDTH - half - 1.0);
        if cx - half < right + 6.0 {
            continue;
        }
        right = cx + half;
        let _ = write!(out, r##"<text x="{cx:.1}" y="{y}" text-anchor="middle" fill="#444">{}</text>"##, escape(l));
    }
}

/// Stacked columns over a y axis with round ticks; `tick` formats tick values.
pub fn columns(title: &str, cols: &[Column], tick: impl Fn(f64) -> String) -> String {
    if cols.is_empty() {
        return empty(title);
    }
    const HEIGHT: f64 = 250.0;
    const TOP: f64 = 10.0;
    const BOTTOM: f64 = 36.0;
    let max = cols.iter().map(|c| total(&c.segments)).fold(0.0, f64::max);
    let axis = Axis::new(max, &tick);
    let (plot_w, plot_h) = (WIDTH - axis.left - 8.0, HEIGHT - TOP - BOTTOM);
    let mut out = String::new();
    open(&mut out, HEIGHT, title);
    let base = TOP + plot_h;
    axis.draw(&mut out, base, plot_h);
    let slot = plot_w / cols.len() as f64;
    let bar_w = (slot * 0.72).max(1.0);
    let mut labels = Vec::new();
    for (i, c) in cols.iter().enumerate() {
        let x = axis.left + slot * i as f64 + (slot - bar_w) / 2.0;
        if let Some(href) = &c.href {
            let _ = write!(out, r#"<a href="{}">"#, escape(href));
        }
        let mut y = base;
        for s in &c.segments {
            let h = s.value.max(0.0) / axis.top * plot_h;
            y -= h;
            let _ = write!(
                out,
                r#"<rect class="column s-{key}" x="{x:.1}" y="{y:.1}" width="{bar_w:.1}" height="{h:.1}" fill="{c}"><title>{l}: {t}</title></rect>"#,
                key = s.series,
                c = colour(s.series),
                l = escape(&c.label),
                t = escape(&s.title)
            );
        }
        if c.href.is_some() {
            out.push_str("</a>");
        }
        labels.push((x + bar_w / 2.0, c.label.as_str()));
    }
    close_time_axis(&mut out, &labels, slot, base, axis.left);
    out
}

/// The x labels under a chart over time, its base line, and the end of the SVG.
fn close_time_axis(out: &mut String, labels: &[(f64, &str)], slot: f64, base: f64, left: f64) {
    x_labels(out, labels, slot, base + 18.0);
    let _ =
        write!(out, r##"<line x1="{left:.1}" x2="{x2}" y1="{base}" y2="{base}" stroke="#888"/>"##, x2 = WIDTH - 8.0);
    out.push_str("</svg>");
}

/// 1, 2 or 5 times a power of ten, at least `raw`.
fn nice_step(raw: f64) -> f64 {
    if raw <= 0.0 || !raw.is_finite() {
        return 1.0;
    }
    let pow = 10f64.powf(raw.log10().floor());
    let f = raw / pow;
    let m = if f <= 1.0 {
        1.0
    } else if f <= 2.0 {
        2.0
    } else if f <= 5.0 {
        5.0
    } else {
        10.0
    };
    m * pow
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_escaped() {
        let b = Bar {
            label: "<script>x</script>".into(),
            segments: vec![Segment { value: 1.0, series: "grants", title: "1".into() }],
            text: "1 & 2".into(),
            href: Some("/a?b=1&c=2".into()),
        };
        let svg = bars("t", &[b]);
        assert!(!svg.contains("<script>"));
        assert!(svg.contains("&lt;script&gt;") && svg.contains("1 &amp; 2") && svg.contains("/a?b=1&amp;c=2"));
    }

    #[test]
    fn steps_are_round() {
        assert_eq!(nice_step(0.0), 1.0);
        assert_eq!(nice_step(3.0), 5.0);
        assert_eq!(nice_step(1.2e9), 2e9);
        assert_eq!(nice_step(7.0e6), 1e7);
    }

    #[test]
    fn columns_draw_one_rect_each() {
        let cols: Vec<Column> = (1..=3)
            .map(|m| Column {
                label: format!("2025-0{m}"),
                segments: vec![
                    Segment { value: m as f64, series: "grants", title: m.to_string() },
                    Segment { value: 1.0, series: "ceilings", title: "1".into() },
                ],
                href: None,
            })
            .collect();
        let svg = columns("by month", &cols, |v| v.to_string());
        assert_eq!(svg.matches("<rect").count(), 6, "one rect per segment");
        assert_eq!(svg.matches("s-ceilings").count(), 3);
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
    }

    /// The x of every `<text` or `<tspan` and the text it draws, with its anchor.
    fn texts(svg: &str) -> Vec<(f64, String, String)> {
        let mut out = Vec::new();
        for part in svg.split('<').filter(|p| p.starts_with("text ") || p.starts_with("tspan ")) {
            let attr = |name: &str| {
                part.split(&format!(" {name}=\"")).nth(1).and_then(|r| r.split('"').next()).unwrap_or("").to_string()
            };
            let body = part.split('>').nth(1).unwrap_or("").to_string();
            if body.is_empty() {
                continue;
            }
            out.push((attr("x").parse().unwrap(), attr("text-anchor"), body));
        }
        out
    }

    /// Whether every text is inside the chart's width, by its estimated width.
    fn inside(svg: &str) -> Result<(), String> {
        for (x, anchor, body) in texts(svg) {
            let w = text::width(&body);
            let (left, right) = match anchor.as_str() {
                "end" => (x - w, x),
                "middle" => (x - w / 2.0, x + w / 2.0),
                _ => (x, x + w),
            };
            if left < 0.0 || right > WIDTH {
                return Err(format!("{body:?} drawn from {left:.1} to {right:.1}"));
            }
        }
        Ok(())
    }

    #[test]
    fn axis_labels_never_overlap() {
        let periods: Vec<String> =
            (1..=22).map(|i| format!("{}-{:02}", 2024 + (i - 1) / 12, (i - 1) % 12 + 1)).collect();
        let series = [Series { key: "grants", label: "g".into(), values: vec![1.0; 22], total: "22".into() }];
        let svg = cumulative("c", &periods, &series, |v| v.to_string());
        let mut spans: Vec<(f64, f64)> = texts(&svg)
            .into_iter()
            .filter(|(_, anchor, _)| anchor == "middle")
            .map(|(x, _, body)| (x - text::width(&body) / 2.0, x + text::width(&body) / 2.0))
            .collect();
        spans.sort_by(|a, b| a.0.total_cmp(&b.0));
        assert!(spans.len() >= 3, "{svg}");
        for w in spans.windows(2) {
            assert!(w[0].1 < w[1].0, "{w:?} overlap");
        }
        inside(&svg).unwrap();
    }

    #[test]
    fn long_names_and_large_values_are_never_clipped() {
        let long = "International Bank for Reconstruction and Development of the Wider World";
        let bars_in = [
            Bar {
                label: long.into(),
                segments: vec![Segment { value: 9.9e17, series: "grants", title: "x".into() }],
                text: "€990,000 tn".into(),
                href: None,
            },
            Bar {
                label: "WWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWW".into(),
                segments: vec![Segment { value: 1.0, series: "loans", title: "x".into() }],
                text: "€1".into(),
                href: None,
            },
        ];
        let svg = bars("by donor", &bars_in);
        inside(&svg).unwrap();
        assert!(svg.contains(&format!("<title>{long}</title>")), "the full name on hover");
        let cols = [Column {
            label: "2025-03".into(),
            segments: vec![Segment { value: 9.9e17, series: "grants", title: "x".into() }],
            href: None,
        }];
        let svg = columns("by month", &cols, |v| format!("€{} tn", v / 1e12));
        inside(&svg).unwrap();
    }
}
