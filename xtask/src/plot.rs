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

use plotters::coord::Shift;
use plotters::coord::combinators::{BindKeyPoints, LogCoord};
use plotters::coord::ranged1d::{AsRangedCoord, ValueFormatter};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

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
                color: c
                    .color
                    .map_or(COLORS[i % COLORS.len()], |(r, g, b)| RGBColor(r, g, b)),
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

/// Font size of the legend text.
const LEGEND_FONT: u32 = 14;
/// Inner margin of the legend box, pixels.
const LEGEND_MARGIN: i32 = 8;
/// Width reserved for a legend glyph (line, marker or box), pixels.
const LEGEND_GLYPH: i32 = 30;
/// Height of one legend row, pixels.
const LEGEND_ROW: i32 = 20;
/// Gap between the legend box and the plotting-area border, pixels.
const LEGEND_GAP: i32 = 6;

/// Where the legend goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum LegendPlace {
    UpperRight,
    UpperLeft,
    LowerRight,
    LowerLeft,
    /// To the right of the plotting area (no corner is free of data).
    Outside,
}

/// Key points of a logarithmic axis over `range`: decades, with 2 and 5 (or every integer
/// mantissa) in between when the range spans few decades. Each value appears once, so no tick
/// label is printed twice.
fn log_ticks(range: &Range<f64>) -> Vec<f64> {
    let (lo, hi) = (range.start, range.end);
    if !(lo > 0.0 && hi > lo && hi.is_finite()) {
        return Vec::new();
    }
    let decades = (hi / lo).log10();
    let mantissas: &[u32] = if decades <= 1.5 {
        &[1, 2, 3, 4, 5, 6, 7, 8, 9]
    } else if decades <= 3.5 {
        &[1, 2, 5]
    } else {
        &[1]
    };
    let step = (decades / 8.0).ceil().max(1.0) as i32;
    let (k0, k1) = (lo.log10().floor() as i32, hi.log10().ceil() as i32);
    let mut ticks: Vec<f64> = (k0..=k1)
        .filter(|k| mantissas.len() > 1 || (k - k0) % step == 0)
        .flat_map(|k| {
            mantissas
                .iter()
                // Parsing the decimal gives the nearest double (0.3, not 0.30000000000000004).
                .filter_map(move |m| format!("{m}e{k}").parse::<f64>().ok())
        })
        .filter(|v| *v >= lo && *v <= hi)
        .collect();
    ticks.dedup();
    ticks
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
    let log = |r: &Range<f64>| LogCoord::from(r.clone().log_scale()).with_key_points(log_ticks(r));
    let floor = y_range.start;
    match (plot.x_scale, plot.y_scale) {
        (Scale::Linear, Scale::Linear) => {
            draw(&root, plot, &curves, || (xr.clone(), yr.clone()), floor)
        }
        (Scale::Linear, Scale::Log) => draw(&root, plot, &curves, || (xr.clone(), log(&yr)), floor),
        (Scale::Log, Scale::Linear) => draw(&root, plot, &curves, || (log(&xr), yr.clone()), floor),
        (Scale::Log, Scale::Log) => draw(&root, plot, &curves, || (log(&xr), log(&yr)), floor),
    }?;
    root.present().map_err(|e| e.to_string())
}

/// A chart on `f64` axes built by [`build`].
type Chart<'a, DB, X, Y> = ChartContext<
    'a,
    DB,
    Cartesian2d<<X as AsRangedCoord>::CoordDescType, <Y as AsRangedCoord>::CoordDescType>,
>;

/// Builds the chart (caption, margins, label areas, coordinates) on `area`.
fn build<'a, DB, X, Y>(
    area: &'a DrawingArea<DB, Shift>,
    plot: &Plot,
    x: X,
    y: Y,
) -> Result<Chart<'a, DB, X, Y>, String>
where
    DB: DrawingBackend + 'a,
    X: AsRangedCoord<Value = f64>,
    Y: AsRangedCoord<Value = f64>,
{
    ChartBuilder::on(area)
        .caption(&plot.title, ("sans-serif", 24))
        .margin(15)
        .x_label_area_size(50)
        .y_label_area_size(80)
        .build_cartesian_2d(x, y)
        .map_err(|e| e.to_string())
}

/// Legend box size in pixels, `None` when no curve has a label.
fn legend_size<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    curves: &[Prepared],
) -> Option<(i32, i32)> {
    let font: TextStyle = ("sans-serif", LEGEND_FONT).into_font().into();
    let labels: Vec<&str> = curves
        .iter()
        .filter(|c| !c.label.is_empty())
        .map(|c| c.label.as_str())
        .collect();
    if labels.is_empty() {
        return None;
    }
    let text_w = labels
        .iter()
        .map(|l| {
            area.estimate_text_size(l, &font).map_or(
                // Fallback: a generous per-character width.
                9 * l.chars().count() as i32,
                |(w, _)| w as i32,
            )
        })
        .max()
        .unwrap_or(0);
    let rows = i32::try_from(labels.len()).unwrap_or(i32::MAX / LEGEND_ROW);
    Some((
        2 * LEGEND_MARGIN + LEGEND_GLYPH + text_w,
        2 * LEGEND_MARGIN + rows * LEGEND_ROW,
    ))
}

/// Pixel positions (in `chart`'s backend coordinates) of what is drawn: markers, points along
/// lines (sampled every few pixels) and the tops and insides of bars.
fn drawn_pixels<DB, X, Y>(
    chart: &ChartContext<'_, DB, Cartesian2d<X, Y>>,
    curves: &[Prepared],
    y_floor: f64,
    y_linear: bool,
) -> Vec<(i32, i32)>
where
    DB: DrawingBackend,
    X: Ranged<ValueType = f64>,
    Y: Ranged<ValueType = f64>,
{
    let mut out = Vec::new();
    let base = if y_linear { 0.0 } else { y_floor };
    let sample = |a: (i32, i32), b: (i32, i32), out: &mut Vec<(i32, i32)>| {
        let len = (a.0 - b.0).abs().max((a.1 - b.1).abs());
        let n = (len / 4).max(1);
        for k in 0..=n {
            let t = f64::from(k) / f64::from(n);
            let lerp = |u: i32, v: i32| u + ((f64::from(v - u)) * t).round() as i32;
            out.push((lerp(a.0, b.0), lerp(a.1, b.1)));
        }
    };
    for c in curves {
        for run in &c.segments {
            let px: Vec<(i32, i32)> = run.iter().map(|p| chart.backend_coord(p)).collect();
            if c.style == Style::Line && px.len() >= 2 {
                for w in px.windows(2) {
                    sample(w[0], w[1], &mut out);
                }
            } else {
                out.extend(px);
            }
        }
        for &(x0, x1, h) in &c.bars {
            let (a, b) = (
                chart.backend_coord(&(x0, h)),
                chart.backend_coord(&(x1, base)),
            );
            // The top edge and a coarse grid of the inside.
            sample(a, (b.0, a.1), &mut out);
            for i in 0..=4 {
                let y = a.1 + (b.1 - a.1) * i / 4;
                sample((a.0, y), (b.0, y), &mut out);
            }
        }
    }
    out
}

/// The corner whose legend box covers the fewest drawn pixels, or [`LegendPlace::Outside`]
/// when every corner would hide data.
fn choose_place(
    area: (Range<i32>, Range<i32>),
    size: (i32, i32),
    pixels: &[(i32, i32)],
) -> LegendPlace {
    let (xr, yr) = area;
    // Markers have radius 4: keep a few pixels of clearance around the box.
    let pad = 6;
    let (w, h) = (size.0 + LEGEND_GAP + pad, size.1 + LEGEND_GAP + pad);
    if w >= xr.end - xr.start || h >= yr.end - yr.start {
        return LegendPlace::Outside;
    }
    let boxes = [
        (
            LegendPlace::UpperRight,
            xr.end - w..xr.end,
            yr.start..yr.start + h,
        ),
        (
            LegendPlace::UpperLeft,
            xr.start..xr.start + w,
            yr.start..yr.start + h,
        ),
        (
            LegendPlace::LowerRight,
            xr.end - w..xr.end,
            yr.end - h..yr.end,
        ),
        (
            LegendPlace::LowerLeft,
            xr.start..xr.start + w,
            yr.end - h..yr.end,
        ),
    ];
    boxes
        .into_iter()
        .map(|(place, bx, by)| {
            let hits = pixels
                .iter()
                .filter(|p| bx.contains(&p.0) && by.contains(&p.1))
                .count();
            (hits, place)
        })
        .find(|(hits, _)| *hits == 0)
        .map_or(LegendPlace::Outside, |(_, place)| place)
}

/// Draws the chart on axes of any scale.
///
/// `coords` makes the axis coordinates (called once for a layout probe, once for drawing).
/// `y_floor`: the bottom of the y axis, where bars of a histogram start on a log axis (bars
/// start at 0 on a linear axis).
fn draw<X, Y>(
    root: &DrawingArea<SVGBackend<'_>, Shift>,
    plot: &Plot,
    curves: &[Prepared],
    coords: impl Fn() -> (X, Y),
    y_floor: f64,
) -> Result<(), String>
where
    X: AsRangedCoord<Value = f64>,
    Y: AsRangedCoord<Value = f64>,
    X::CoordDescType: ValueFormatter<f64>,
    Y::CoordDescType: ValueFormatter<f64>,
{
    let err = |e: DrawingAreaErrorKind<_>| e.to_string();
    let y_linear = plot.y_scale == Scale::Linear;

    // Layout probe: the same chart on a throwaway backend, to see where the data land.
    let legend = legend_size(root, curves);
    let place = match legend {
        None => LegendPlace::UpperRight,
        Some(size) => {
            let mut scratch = String::new();
            let probe = SVGBackend::with_string(&mut scratch, SIZE).into_drawing_area();
            let (x, y) = coords();
            let chart = build(&probe, plot, x, y)?;
            let pixels = drawn_pixels(&chart, curves, y_floor, y_linear);
            choose_place(chart.plotting_area().get_pixel_range(), size, &pixels)
        }
    };
    let chart_area = match (place, legend) {
        (LegendPlace::Outside, Some((w, _))) => {
            let width = i32::try_from(SIZE.0).unwrap_or(i32::MAX) - w - 2 * LEGEND_GAP;
            root.split_horizontally(width.max(200)).0
        }
        _ => root.clone(),
    };

    let (x, y) = coords();
    let mut chart = build(&chart_area, plot, x, y)?;
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

    let base = if y_linear { 0.0 } else { y_floor };
    for c in curves {
        let color = c.color;
        match c.style {
            Style::Line => {
                for run in &c.segments {
                    let line = LineSeries::new(run.iter().copied(), color.stroke_width(2));
                    chart.draw_series(line).map_err(err)?;
                }
            }
            Style::Points => {
                let points = c.segments.iter().flatten();
                let marks = points.map(|&p| Circle::new(p, 4, color.filled()));
                chart.draw_series(marks).map_err(err)?;
            }
            Style::Bars => {
                let fill = c.bars.iter().map(|&(x0, x1, h)| {
                    Rectangle::new([(x0, base), (x1, h)], color.mix(0.45).filled())
                });
                chart.draw_series(fill).map_err(err)?;
                let edges = c.bars.iter().map(|&(x0, x1, h)| {
                    Rectangle::new([(x0, base), (x1, h)], color.stroke_width(1))
                });
                chart.draw_series(edges).map_err(err)?;
            }
        }
    }

    if let Some((w, h)) = legend {
        let (xr, yr) = chart.plotting_area().get_pixel_range();
        let (left, right) = (xr.start + LEGEND_GAP, xr.end - LEGEND_GAP - w);
        let (top, bottom) = (yr.start + LEGEND_GAP, yr.end - LEGEND_GAP - h);
        let origin = match place {
            LegendPlace::UpperRight => (right, top),
            LegendPlace::UpperLeft => (left, top),
            LegendPlace::LowerRight => (right, bottom),
            LegendPlace::LowerLeft => (left, bottom),
            LegendPlace::Outside => (xr.end + 2 * LEGEND_GAP, yr.start),
        };
        draw_legend(root, curves, origin, (w, h)).map_err(err)?;
    }
    Ok(())
}

/// Draws the legend box with its top-left corner at `origin` (root pixels).
fn draw_legend(
    root: &DrawingArea<SVGBackend<'_>, Shift>,
    curves: &[Prepared],
    origin: (i32, i32),
    size: (i32, i32),
) -> Result<(), DrawingAreaErrorKind<<SVGBackend<'static> as DrawingBackend>::ErrorType>> {
    let (x, y) = origin;
    let corners = [(x, y), (x + size.0, y + size.1)];
    root.draw(&Rectangle::new(corners, WHITE.mix(0.85).filled()))?;
    root.draw(&Rectangle::new(corners, BLACK.mix(0.4)))?;
    let font = ("sans-serif", LEGEND_FONT)
        .into_font()
        .color(&BLACK)
        .pos(Pos::new(HPos::Left, VPos::Center));
    let labelled = curves.iter().filter(|c| !c.label.is_empty());
    for (row, c) in (0..).zip(labelled) {
        let cy = y + LEGEND_MARGIN + row * LEGEND_ROW + LEGEND_ROW / 2;
        let gx = x + LEGEND_MARGIN;
        let color = c.color;
        match c.style {
            Style::Line => root.draw(&PathElement::new(
                vec![(gx, cy), (gx + 22, cy)],
                color.stroke_width(2),
            ))?,
            Style::Points => root.draw(&Circle::new((gx + 11, cy), 4, color.filled()))?,
            Style::Bars => root.draw(&Rectangle::new(
                [(gx, cy - 5), (gx + 22, cy + 5)],
                color.mix(0.45).filled(),
            ))?,
        }
        root.draw(&Text::new(
            c.label.as_str(),
            (gx + LEGEND_GLYPH, cy),
            font.clone(),
        ))?;
    }
    Ok(())
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
    fn log_ticks_are_unique_and_in_range() {
        let t = log_ticks(&(0.04..2.2));
        assert_eq!(t, vec![0.05, 0.1, 0.2, 0.5, 1.0, 2.0]);
        assert!(log_ticks(&(0.0..1.0)).is_empty());
    }

    #[test]
    fn legend_avoids_data_or_goes_outside() {
        let area = (0..500, 0..400);
        let upper_right = [(480, 10)];
        assert_eq!(
            choose_place(area.clone(), (100, 50), &upper_right),
            LegendPlace::UpperLeft
        );
        let corners = [(480, 10), (10, 10), (480, 390), (10, 390)];
        assert_eq!(
            choose_place(area, (100, 50), &corners),
            LegendPlace::Outside
        );
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
