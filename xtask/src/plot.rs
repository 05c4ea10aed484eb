//! Rendering a [`Plot`] to SVG with plotters.
//!
//! Text (title, axis labels, tick labels, legend) is written as SVG `<text>` elements and laid
//! out with plotters' built-in size estimate, so no font files, fontconfig or other system
//! libraries are needed.
//!
//! Degenerate data never panics: NaN and infinite points are skipped (a line is broken there),
//! non-positive values are dropped on logarithmic axes, and empty or constant data get a padded
//! default range.

use std::ops::Range;
use std::path::Path;

use plotters::chart::SeriesAnno;
use plotters::coord::Shift;
use plotters::coord::ranged1d::{AsRangedCoord, ValueFormatter};
use plotters::prelude::*;

use crate::harness::{Plot, Scale, Style};
use crate::table::num;

/// Size of the SVG in pixels.
const SIZE: (u32, u32) = (900, 600);

/// Curve colours (the Tableau 10 palette), cycled.
const COLORS: [RGBColor; 10] = [
    RGBColor(31, 119, 180),
    RGBColor(255, 127, 14),
    RGBColor(44, 160, 44),
    RGBColor(214, 39, 40),
    RGBColor(148, 103, 189),
    RGBColor(140, 86, 75),
    RGBColor(227, 119, 194),
    RGBColor(127, 127, 127),
    RGBColor(188, 189, 34),
    RGBColor(23, 190, 207),
];

/// A curve reduced to what can be drawn on the chosen axes.
struct Prepared {
    label: String,
    style: Style,
    color: RGBColor,
    /// Runs of consecutive drawable points (lines are broken between runs).
    segments: Vec<Vec<(f64, f64)>>,
    /// Bars as `(left, right, height)`.
    bars: Vec<(f64, f64, f64)>,
}

/// Whether `v` can be placed on an axis of the given scale.
fn on_axis(v: f64, scale: Scale) -> bool {
    v.is_finite() && (scale == Scale::Linear || v > 0.0)
}

fn prepare(plot: &Plot) -> Vec<Prepared> {
    let (xs, ys) = (plot.x_scale, plot.y_scale);
    plot.curves
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let n = c.x.len().min(c.y.len());
            let mut segments = Vec::new();
            let mut bars = Vec::new();
            if c.style == Style::Bars {
                // The last bin ends at the edge implied by equal widths.
                let last_width = if n >= 2 { c.x[n - 1] - c.x[n - 2] } else { 1.0 };
                for k in 0..n {
                    let x1 = if k + 1 < n {
                        c.x[k + 1]
                    } else {
                        c.x[k] + last_width
                    };
                    let (x0, y) = (c.x[k], c.y[k]);
                    if on_axis(x0, xs) && on_axis(x1, xs) && on_axis(y, ys) {
                        bars.push((x0, x1, y));
                    }
                }
            } else {
                let mut run = Vec::new();
                for (&x, &y) in c.x.iter().zip(&c.y) {
                    if on_axis(x, xs) && on_axis(y, ys) {
                        run.push((x, y));
                    } else if !run.is_empty() {
                        segments.push(std::mem::take(&mut run));
                    }
                }
                if !run.is_empty() {
                    segments.push(run);
                }
            }
            Prepared {
                label: c.label.clone(),
                style: c.style,
                color: COLORS[i % COLORS.len()],
                segments,
                bars,
            }
        })
        .collect()
}

/// Padded axis range of the values, in data units.
///
/// `zero_floor`: the data start at a bar baseline of 0, so the range starts at 0 exactly.
fn axis_range(values: impl Iterator<Item = f64>, scale: Scale, zero_floor: bool) -> Range<f64> {
    let (lo, hi) = values.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
        (lo.min(v), hi.max(v))
    });
    match scale {
        Scale::Linear => {
            if lo > hi {
                return 0.0..1.0;
            }
            let span = hi - lo;
            let pad = if span > 1e-12 * lo.abs().max(hi.abs()) {
                0.05 * span
            } else if lo == 0.0 {
                1.0
            } else {
                0.1 * lo.abs()
            };
            let start = if zero_floor && lo == 0.0 {
                0.0
            } else {
                lo - pad
            };
            let (start, end) = (start, hi + pad);
            if start.is_finite() && end.is_finite() {
                start..end
            } else {
                lo..hi
            }
        }
        Scale::Log => {
            if lo > hi {
                return 1.0..10.0;
            }
            let (l, h) = (lo.log10(), hi.log10());
            let pad = if h - l > 1e-12 { 0.05 * (h - l) } else { 0.5 };
            let (start, end) = (10f64.powf(l - pad), 10f64.powf(h + pad));
            if start > 0.0 && end.is_finite() {
                start..end
            } else {
                lo..hi
            }
        }
    }
}

/// Renders `plot` to the SVG file `path`.
///
/// # Errors
///
/// The file cannot be written, or plotters reports a drawing error.
pub fn render(plot: &Plot, path: &Path) -> Result<(), String> {
    let curves = prepare(plot);
    let has_bars = curves.iter().any(|c| !c.bars.is_empty());

    let xs = curves.iter().flat_map(|c| {
        let pts = c.segments.iter().flatten().map(|p| p.0);
        pts.chain(c.bars.iter().flat_map(|b| [b.0, b.1]))
    });
    let x_range = axis_range(xs, plot.x_scale, false);
    let bar_base = (has_bars && plot.y_scale == Scale::Linear).then_some(0.0);
    let ys = curves.iter().flat_map(|c| {
        let pts = c.segments.iter().flatten().map(|p| p.1);
        pts.chain(c.bars.iter().map(|b| b.2)).chain(bar_base)
    });
    let y_range = axis_range(ys, plot.y_scale, has_bars);

    let root = SVGBackend::new(path, SIZE).into_drawing_area();
    root.fill(&WHITE).map_err(|e| e.to_string())?;
    let (xr, yr) = (x_range.clone(), y_range.clone());
    match (plot.x_scale, plot.y_scale) {
        (Scale::Linear, Scale::Linear) => draw(&root, plot, &curves, xr, yr, y_range.start),
        (Scale::Linear, Scale::Log) => {
            draw(&root, plot, &curves, xr, yr.log_scale(), y_range.start)
        }
        (Scale::Log, Scale::Linear) => {
            draw(&root, plot, &curves, xr.log_scale(), yr, y_range.start)
        }
        (Scale::Log, Scale::Log) => draw(
            &root,
            plot,
            &curves,
            xr.log_scale(),
            yr.log_scale(),
            y_range.start,
        ),
    }?;
    root.present().map_err(|e| e.to_string())
}

/// Draws the chart on axes of any scale.
///
/// `y_floor`: the bottom of the y axis, where bars of a histogram start on a log axis (bars
/// start at 0 on a linear axis).
fn draw<X, Y>(
    root: &DrawingArea<SVGBackend<'_>, Shift>,
    plot: &Plot,
    curves: &[Prepared],
    x: X,
    y: Y,
    y_floor: f64,
) -> Result<(), String>
where
    X: AsRangedCoord<Value = f64>,
    Y: AsRangedCoord<Value = f64>,
    X::CoordDescType: ValueFormatter<f64>,
    Y::CoordDescType: ValueFormatter<f64>,
{
    let err = |e: DrawingAreaErrorKind<_>| e.to_string();
    let mut chart = ChartBuilder::on(root)
        .caption(&plot.title, ("sans-serif", 24))
        .margin(15)
        .x_label_area_size(50)
        .y_label_area_size(80)
        .build_cartesian_2d(x, y)
        .map_err(err)?;
    chart
        .configure_mesh()
        .x_desc(&plot.x_label)
        .y_desc(&plot.y_label)
        .axis_desc_style(("sans-serif", 18))
        .label_style(("sans-serif", 14))
        .x_label_formatter(&|v| num(*v))
        .y_label_formatter(&|v| num(*v))
        .light_line_style(WHITE.mix(0.0))
        .bold_line_style(BLACK.mix(0.12))
        .draw()
        .map_err(err)?;

    let base = if plot.y_scale == Scale::Linear {
        0.0
    } else {
        y_floor
    };
    for c in curves {
        let color = c.color;
        match c.style {
            Style::Line => {
                // The label goes with the first run (drawn even when empty, to keep the legend).
                let mut runs = c.segments.iter();
                let first = runs.next().map_or(&[][..], Vec::as_slice);
                let line = LineSeries::new(first.iter().copied(), color.stroke_width(2));
                annotate(chart.draw_series(line).map_err(err)?, c);
                for run in runs {
                    let line = LineSeries::new(run.iter().copied(), color.stroke_width(2));
                    chart.draw_series(line).map_err(err)?;
                }
            }
            Style::Points => {
                let points = c.segments.iter().flatten();
                let marks = points.map(|&p| Circle::new(p, 4, color.filled()));
                annotate(chart.draw_series(marks).map_err(err)?, c);
            }
            Style::Bars => {
                let fill = c.bars.iter().map(|&(x0, x1, h)| {
                    Rectangle::new([(x0, base), (x1, h)], color.mix(0.45).filled())
                });
                annotate(chart.draw_series(fill).map_err(err)?, c);
                let edges = c.bars.iter().map(|&(x0, x1, h)| {
                    Rectangle::new([(x0, base), (x1, h)], color.stroke_width(1))
                });
                chart.draw_series(edges).map_err(err)?;
            }
        }
    }
    let labelled = curves.iter().any(|c| !c.label.is_empty());
    if labelled {
        chart
            .configure_series_labels()
            .position(SeriesLabelPosition::UpperRight)
            .label_font(("sans-serif", 14))
            .background_style(WHITE.mix(0.85))
            .border_style(BLACK.mix(0.4))
            .draw()
            .map_err(err)?;
    }
    Ok(())
}

/// Attaches the curve's legend entry (a line, a marker or a filled box in its colour).
fn annotate(anno: &mut SeriesAnno<'_, SVGBackend<'_>>, c: &Prepared) {
    if c.label.is_empty() {
        return;
    }
    let color = c.color;
    let anno = anno.label(c.label.as_str());
    match c.style {
        Style::Line => {
            anno.legend(move |(x, y)| {
                PathElement::new(vec![(x, y), (x + 20, y)], color.stroke_width(2))
            });
        }
        Style::Points => {
            anno.legend(move |(x, y)| Circle::new((x + 10, y), 4, color.filled()));
        }
        Style::Bars => {
            anno.legend(move |(x, y)| {
                Rectangle::new([(x, y - 5), (x + 20, y + 5)], color.mix(0.45).filled())
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tmp(name: &str) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("xtask-plot-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        dir.join(name)
    }

    #[test]
    fn log_log_plot_has_title_labels_and_legend() {
        let h = vec![0.4, 0.2, 0.1, 0.05, 0.0, -1.0, f64::NAN];
        let err: Vec<f64> = h.iter().map(|x| 3.0 * x * x).collect();
        let p = Plot::new("order", "BAOAB variance error", "step size h", "|error|")
            .scales(Scale::Log, Scale::Log)
            .curve("measured", h.clone(), err.clone(), Style::Points)
            .curve("order 2 fit", h, err, Style::Line);
        let path = tmp("loglog.svg");
        render(&p, &path).unwrap();
        let svg = std::fs::read_to_string(&path).unwrap();
        assert!(svg.starts_with("<svg"), "{}", &svg[..100.min(svg.len())]);
        for text in [
            "BAOAB variance error",
            "step size h",
            "|error|",
            "measured",
            "order 2 fit",
        ] {
            assert!(svg.contains(text), "missing {text}");
        }
        assert!(svg.contains("<text"));
        assert!(svg.contains("<circle"));
        assert!(svg.contains("<polyline"));
    }

    #[test]
    fn degenerate_data_does_not_panic() {
        let nan = f64::NAN;
        let cases = [
            Plot::new("empty", "empty", "x", "y"),
            Plot::new("e", "empty curve", "x", "y").curve("none", vec![], vec![], Style::Line),
            Plot::new("c", "constant", "x", "y").curve(
                "c",
                vec![1.0; 3],
                vec![2.0; 3],
                Style::Line,
            ),
            Plot::new("z", "zeros", "x", "y").curve("z", vec![0.0; 2], vec![0.0; 2], Style::Points),
            Plot::new("n", "nan", "x", "y")
                .scales(Scale::Log, Scale::Linear)
                .curve(
                    "n",
                    vec![nan, 1.0, nan, 2.0],
                    vec![1.0, nan, 3.0, 4.0],
                    Style::Line,
                )
                .curve("inf", vec![f64::INFINITY], vec![1.0], Style::Points),
            Plot::new("neg", "all non-positive on log", "x", "y")
                .scales(Scale::Log, Scale::Log)
                .curve("neg", vec![-1.0, 0.0], vec![1.0, 2.0], Style::Line),
            Plot::new("mismatch", "lengths differ", "x", "y").curve(
                "m",
                vec![1.0, 2.0, 3.0],
                vec![1.0],
                Style::Bars,
            ),
            Plot::new("hist", "histogram, log y", "x", "density")
                .scales(Scale::Linear, Scale::Log)
                .curve(
                    "h",
                    vec![-1.0, -0.5, 0.0, 0.5],
                    vec![0.1, 0.0, 0.8, 0.3],
                    Style::Bars,
                )
                .curve(
                    "exact",
                    vec![-1.0, 0.0, 1.0],
                    vec![0.1, 0.8, 0.1],
                    Style::Line,
                ),
            Plot::new("bar1", "one bar", "x", "y").curve("b", vec![2.0], vec![5.0], Style::Bars),
        ];
        for p in &cases {
            let path = tmp(&format!("{}.svg", p.name));
            render(p, &path).unwrap();
            let svg = std::fs::read_to_string(&path).unwrap();
            assert!(svg.contains(&p.title), "{}", p.name);
        }
    }

    #[test]
    fn ranges_are_padded_and_finite() {
        let r = axis_range([1.0, 1.0].into_iter(), Scale::Linear, false);
        assert!(r.start < 1.0 && r.end > 1.0);
        let r = axis_range(std::iter::empty(), Scale::Log, false);
        assert_eq!(r, 1.0..10.0);
        let r = axis_range([1e-3, 1.0].into_iter(), Scale::Log, false);
        assert!(r.start > 0.0 && r.start < 1e-3 && r.end > 1.0);
        let r = axis_range([0.0, 2.0].into_iter(), Scale::Linear, true);
        assert_eq!(r.start, 0.0);
        let r = axis_range([-f64::MAX, f64::MAX].into_iter(), Scale::Linear, false);
        assert!(r.start.is_finite() && r.end.is_finite());
    }
}
