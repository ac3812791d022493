//! Charts drawn on the server as SVG: no script in the browser, and a chart
//! is in the page as soon as the HTML is. Every label is escaped (names come
//! from documents); bars carry a `<title>` for the exact figure on hover and
//! may link to the ledger view they sum.

use std::fmt::Write;

use crate::format::escape;

/// One bar of a horizontal bar chart.
#[derive(Clone, Debug)]
pub struct Bar {
    pub label: String,
    pub value: f64,
    /// The value as shown beside the bar.
    pub text: String,
    /// Where a click on the bar goes.
    pub href: Option<String>,
}

const WIDTH: f64 = 520.0;
const FONT: &str = r#"font-family="system-ui, -apple-system, 'Segoe UI', sans-serif" font-size="12""#;

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

/// Horizontal bars, largest first as given, scaled to the largest value.
pub fn bars(title: &str, bars: &[Bar]) -> String {
    if bars.is_empty() {
        return empty(title);
    }
    const ROW: f64 = 28.0;
    const LABEL: f64 = 156.0;
    const VALUE: f64 = 72.0;
    let plot = WIDTH - LABEL - VALUE;
    let max = bars.iter().map(|b| b.value).fold(0.0, f64::max);
    let height = ROW * bars.len() as f64 + 4.0;
    let mut out = String::new();
    open(&mut out, height, title);
    for (i, b) in bars.iter().enumerate() {
        let y = ROW * i as f64 + 2.0;
        let w = if max > 0.0 { (b.value / max * plot).max(1.0) } else { 1.0 };
        let (label, text) = (escape(&truncate(&b.label, 20)), escape(&b.text));
        if let Some(h) = &b.href {
            let _ = write!(out, r#"<a href="{}">"#, escape(h));
        }
        let _ = write!(
            out,
            r##"<text x="{lx}" y="{ty}" text-anchor="end" fill="#222">{label}</text><rect class="bar" x="{LABEL}" y="{ry}" width="{w:.1}" height="20" rx="2" fill="#2b6a94"><title>{full}: {text}</title></rect><text x="{vx:.1}" y="{ty}" fill="#444">{text}</text>"##,
            lx = LABEL - 8.0,
            ty = y + 15.0,
            ry = y + 1.0,
            vx = LABEL + w + 6.0,
            full = escape(&b.label),
        );
        if b.href.is_some() {
            out.push_str("</a>");
        }
    }
    out.push_str("</svg>");
    out
}

/// One column of a column chart.
#[derive(Clone, Debug)]
pub struct Column {
    pub label: String,
    pub value: f64,
    pub text: String,
    pub href: Option<String>,
}

/// Columns over a y axis with round ticks; `tick` formats tick values.
pub fn columns(title: &str, cols: &[Column], tick: impl Fn(f64) -> String) -> String {
    if cols.is_empty() {
        return empty(title);
    }
    const HEIGHT: f64 = 250.0;
    const LEFT: f64 = 52.0;
    const TOP: f64 = 10.0;
    const BOTTOM: f64 = 36.0;
    let (plot_w, plot_h) = (WIDTH - LEFT - 8.0, HEIGHT - TOP - BOTTOM);
    let max = cols.iter().map(|c| c.value).fold(0.0, f64::max);
    let step = nice_step(max / 4.0);
    let top = if max > 0.0 { (max / step).ceil() * step } else { 1.0 };
    let mut out = String::new();
    open(&mut out, HEIGHT, title);
    let base = TOP + plot_h;
    let mut v = 0.0;
    while v <= top + step / 2.0 {
        let y = base - v / top * plot_h;
        let _ = write!(
            out,
            r##"<line x1="{LEFT}" x2="{x2}" y1="{y:.1}" y2="{y:.1}" stroke="#ddd"/><text x="{tx}" y="{ty:.1}" text-anchor="end" fill="#555">{t}</text>"##,
            x2 = WIDTH - 8.0,
            tx = LEFT - 6.0,
            ty = y + 4.0,
            t = escape(&tick(v))
        );
        v += step;
    }
    let slot = plot_w / cols.len() as f64;
    let bar_w = (slot * 0.72).max(1.0);
    let every = cols.len().div_ceil(7).max(1);
    for (i, c) in cols.iter().enumerate() {
        let x = LEFT + slot * i as f64 + (slot - bar_w) / 2.0;
        let h = if top > 0.0 { c.value / top * plot_h } else { 0.0 };
        if let Some(href) = &c.href {
            let _ = write!(out, r#"<a href="{}">"#, escape(href));
        }
        let _ = write!(
            out,
            r##"<rect class="column" x="{x:.1}" y="{y:.1}" width="{bar_w:.1}" height="{h:.1}" fill="#2b6a94"><title>{l}: {t}</title></rect>"##,
            y = base - h,
            l = escape(&c.label),
            t = escape(&c.text)
        );
        if c.href.is_some() {
            out.push_str("</a>");
        }
        if i % every == 0 {
            let _ = write!(
                out,
                r##"<text x="{cx:.1}" y="{ly}" text-anchor="middle" fill="#444">{l}</text>"##,
                cx = x + bar_w / 2.0,
                ly = base + 18.0,
                l = escape(&c.label)
            );
        }
    }
    let _ = write!(out, r##"<line x1="{LEFT}" x2="{x2}" y1="{base}" y2="{base}" stroke="#888"/>"##, x2 = WIDTH - 8.0);
    out.push_str("</svg>");
    out
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

fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n { s.to_string() } else { format!("{}…", s.chars().take(n - 1).collect::<String>()) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_escaped() {
        let b = Bar {
            label: "<script>x</script>".into(),
            value: 1.0,
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
            .map(|m| Column { label: format!("2025-0{m}"), value: m as f64, text: m.to_string(), href: None })
            .collect();
        let svg = columns("by month", &cols, |v| v.to_string());
        assert_eq!(svg.matches("<rect").count(), 3);
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
    }
}
