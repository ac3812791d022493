//! A cumulative chart: one line per series, each the running sum of its
//! values over the periods, so that each kind of money (grants, loans,
//! ceilings…) keeps its own line and none is stacked onto another.

use std::fmt::Write;

use super::{Axis, WIDTH, close_time_axis, colour, empty, open};
use crate::format::escape;

/// One line: a value per period (not yet summed).
#[derive(Clone, Debug)]
pub struct Series {
    /// `grants`…: the class `s-{key}` and its colour.
    pub key: &'static str,
    pub label: String,
    pub values: Vec<f64>,
    /// The exact final sum, in the line's `data-total` and its last point's title.
    pub total: String,
}

/// Running sums of `series` over `periods` (one label each), on a y axis
/// whose ticks `tick` formats. Ceilings are drawn dashed: bounds, not amounts.
pub fn cumulative(title: &str, periods: &[String], series: &[Series], tick: impl Fn(f64) -> String) -> String {
    let drawn: Vec<&Series> = series.iter().filter(|s| s.values.iter().any(|v| *v > 0.0)).collect();
    if periods.is_empty() || drawn.is_empty() {
        return empty(title);
    }
    const HEIGHT: f64 = 250.0;
    const TOP: f64 = 12.0;
    const BOTTOM: f64 = 36.0;
    let sums: Vec<Vec<f64>> = drawn
        .iter()
        .map(|s| {
            s.values
                .iter()
                .scan(0.0, |acc, v| {
                    *acc += v.max(0.0);
                    Some(*acc)
                })
                .collect()
        })
        .collect();
    let max = sums.iter().filter_map(|s| s.last().copied()).fold(0.0, f64::max);
    let axis = Axis::new(max, &tick);
    let (plot_w, plot_h) = (WIDTH - axis.left - 12.0, HEIGHT - TOP - BOTTOM);
    let base = TOP + plot_h;
    let mut out = String::new();
    open(&mut out, HEIGHT, title);
    axis.draw(&mut out, base, plot_h);
    let n = periods.len() as f64;
    // Each period's point at its end: the first starts from zero at the axis.
    let x_of = |i: usize| axis.left + plot_w * (i as f64 + 1.0) / n;
    for (s, sum) in drawn.iter().zip(&sums) {
        let mut points = format!("{:.1},{base:.1}", axis.left);
        for (i, v) in sum.iter().enumerate() {
            let _ = write!(points, " {:.1},{:.1}", x_of(i), base - v / axis.top * plot_h);
        }
        let dash = if s.key == "ceilings" { r#" stroke-dasharray="6 4""# } else { "" };
        let last = sum.len().saturating_sub(1);
        let _ = write!(
            out,
            r#"<polyline class="line s-{key}" data-series="{key}" data-total="{total}" points="{points}" fill="none" stroke="{c}" stroke-width="2.5"{dash}/><circle cx="{cx:.1}" cy="{cy:.1}" r="3.5" fill="{c}"><title>{label}: {total_text} by {period}</title></circle>"#,
            key = s.key,
            total = escape(&s.total),
            c = colour(s.key),
            cx = x_of(last),
            cy = base - sum.get(last).copied().unwrap_or(0.0) / axis.top * plot_h,
            label = escape(&s.label),
            total_text = escape(&tick(sum.get(last).copied().unwrap_or(0.0))),
            period = escape(periods.get(last).map_or("", |p| p.as_str())),
        );
    }
    let slot = plot_w / n;
    let labels: Vec<(f64, &str)> = periods.iter().enumerate().map(|(i, p)| (x_of(i), p.as_str())).collect();
    close_time_axis(&mut out, &labels, slot, base, axis.left);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_series_is_its_own_running_sum() {
        let periods: Vec<String> = ["2025-01", "2025-02", "2025-03"].map(String::from).to_vec();
        let series = [
            Series { key: "grants", label: "Grants".into(), values: vec![1.0, 0.0, 2.0], total: "3".into() },
            Series { key: "ceilings", label: "Ceilings".into(), values: vec![0.0, 5.0, 0.0], total: "5".into() },
            Series { key: "loans", label: "Loans".into(), values: vec![0.0; 3], total: "0".into() },
        ];
        let svg = cumulative("c", &periods, &series, |v| v.to_string());
        assert_eq!(svg.matches("<polyline").count(), 2, "a series without values is not drawn");
        assert!(svg.contains(r#"data-series="grants" data-total="3""#), "{svg}");
        assert!(svg.contains("stroke-dasharray"), "ceilings are dashed");
        assert!(svg.contains("Grants: 3 by 2025-03"), "{svg}");
    }
}
