//! The validation harness: what a suite is, what it returns, and how checks pass.
//!
//! A suite is a value implementing [`Suite`]; each crate registers its suites in its own file
//! under `suites/` and lists them in `suites::all()`. A suite never prints, never plots and
//! never writes files itself: it returns a [`SuiteOutput`] (checks, named data series, plot
//! descriptions) and the harness renders the table, `report.json`, `report.md` and the SVGs.

use std::collections::BTreeMap;

/// Settings every suite receives.
#[derive(Clone, Debug)]
pub struct Ctx {
    /// Reduced sample sizes for CI (the whole quick run must stay under 2 minutes on 2 cores).
    pub quick: bool,
    /// Base seed; suites derive their own seeds from it so runs are reproducible.
    pub seed: u64,
}

impl Ctx {
    /// `full` when running the full suite, `quick` under `--quick`.
    pub fn pick<T>(&self, full: T, quick: T) -> T {
        if self.quick { quick } else { full }
    }
}

/// How a check's measured value is compared with its expected value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Comparison {
    /// `|measured - expected| <= tolerance`.
    Close,
    /// `measured >= expected - tolerance` (a lower bound).
    AtLeast,
    /// `measured <= expected + tolerance` (an upper bound).
    AtMost,
}

/// One numerical check: a measured value against an expected value with a tolerance.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Check {
    /// Short name, unique within the suite.
    pub name: String,
    /// What the code measured.
    pub measured: f64,
    /// What the mathematics says (closed form, exact reference or bound).
    pub expected: f64,
    /// Allowed deviation; where it comes from belongs in `note`.
    pub tolerance: f64,
    /// How `measured` is compared with `expected`.
    pub comparison: Comparison,
    /// Whether the check passed (computed by the constructor; `NaN` never passes).
    pub pass: bool,
    /// Where the expected value and the tolerance come from.
    pub note: String,
}

impl Check {
    /// Two-sided check `|measured - expected| <= tolerance`.
    pub fn close(name: impl Into<String>, measured: f64, expected: f64, tolerance: f64) -> Self {
        let pass = (measured - expected).abs() <= tolerance;
        Self::build(name, measured, expected, tolerance, Comparison::Close, pass)
    }

    /// Lower bound `measured >= bound - tolerance`.
    pub fn at_least(name: impl Into<String>, measured: f64, bound: f64, tolerance: f64) -> Self {
        let pass = measured >= bound - tolerance;
        Self::build(name, measured, bound, tolerance, Comparison::AtLeast, pass)
    }

    /// Upper bound `measured <= bound + tolerance`.
    pub fn at_most(name: impl Into<String>, measured: f64, bound: f64, tolerance: f64) -> Self {
        let pass = measured <= bound + tolerance;
        Self::build(name, measured, bound, tolerance, Comparison::AtMost, pass)
    }

    /// Attaches the justification of the expected value and tolerance.
    #[must_use]
    pub fn note(mut self, note: impl Into<String>) -> Self {
        self.note = note.into();
        self
    }

    fn build(
        name: impl Into<String>,
        measured: f64,
        expected: f64,
        tolerance: f64,
        comparison: Comparison,
        pass: bool,
    ) -> Self {
        Self {
            name: name.into(),
            measured,
            expected,
            tolerance,
            comparison,
            pass: pass && measured.is_finite(),
            note: String::new(),
        }
    }
}

/// Axis scale of a plot.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Scale {
    /// Linear axis.
    #[default]
    Linear,
    /// Base-10 logarithmic axis (non-positive values are dropped).
    Log,
}

/// How a data series is drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    /// Joined by straight segments.
    Line,
    /// Markers only.
    Points,
    /// Bars of a histogram: `x` are the left bin edges, the last bin ends at the next edge
    /// implied by equal widths.
    Bars,
}

/// One curve of a plot.
#[derive(Clone, Debug)]
pub struct Curve {
    /// Legend label.
    pub label: String,
    /// Abscissae.
    pub x: Vec<f64>,
    /// Ordinates (same length as `x`).
    pub y: Vec<f64>,
    /// Drawing style.
    pub style: Style,
    /// Colour as RGB; `None` takes the next colour of the palette (by curve index).
    pub color: Option<(u8, u8, u8)>,
}

/// A plot description rendered to `DIR/<suite>-<name>.svg` by the harness.
#[derive(Clone, Debug, Default)]
pub struct Plot {
    /// File stem (unique within the suite).
    pub name: String,
    /// Title printed above the plot.
    pub title: String,
    /// x-axis label.
    pub x_label: String,
    /// y-axis label.
    pub y_label: String,
    /// x-axis scale.
    pub x_scale: Scale,
    /// y-axis scale.
    pub y_scale: Scale,
    /// The curves.
    pub curves: Vec<Curve>,
}

impl Plot {
    /// A new plot with linear axes.
    pub fn new(name: &str, title: &str, x_label: &str, y_label: &str) -> Self {
        Self {
            name: name.into(),
            title: title.into(),
            x_label: x_label.into(),
            y_label: y_label.into(),
            ..Self::default()
        }
    }

    /// Sets both axis scales.
    #[must_use]
    pub fn scales(mut self, x: Scale, y: Scale) -> Self {
        self.x_scale = x;
        self.y_scale = y;
        self
    }

    /// Adds a curve.
    #[must_use]
    pub fn curve(mut self, label: &str, x: Vec<f64>, y: Vec<f64>, style: Style) -> Self {
        self.curves.push(Curve {
            label: label.into(),
            x,
            y,
            style,
            color: None,
        });
        self
    }

    /// Sets the colour of the last curve added (no effect on a plot without curves).
    #[must_use]
    pub fn color(mut self, rgb: (u8, u8, u8)) -> Self {
        if let Some(c) = self.curves.last_mut() {
            c.color = Some(rgb);
        }
        self
    }
}

/// Everything a suite produces.
#[derive(Clone, Debug, Default)]
pub struct SuiteOutput {
    /// The checks, in the order they should be printed.
    pub checks: Vec<Check>,
    /// Named data series (the numbers behind the plots, fitted values, kernel norms, …),
    /// written to `report.json`.
    pub series: BTreeMap<String, Vec<f64>>,
    /// Plots to render.
    pub plots: Vec<Plot>,
}

impl SuiteOutput {
    /// Adds a check.
    pub fn check(&mut self, c: Check) {
        self.checks.push(c);
    }

    /// Adds a named series.
    pub fn series(&mut self, name: impl Into<String>, values: Vec<f64>) {
        self.series.insert(name.into(), values);
    }

    /// Adds a plot.
    pub fn plot(&mut self, p: Plot) {
        self.plots.push(p);
    }
}

/// A validation suite. Implementations live in `suites/<crate>.rs`.
pub trait Suite: Sync {
    /// Unique name, used on the command line (`cargo xtask validate <name>`), e.g. `"base-ou"`.
    fn name(&self) -> &'static str;
    /// The crate the suite validates.
    fn krate(&self) -> &'static str;
    /// One line saying what is checked against what.
    fn description(&self) -> &'static str;
    /// Runs the suite. Errors from library calls are reported as a failing check by the
    /// harness, so a suite may return `Err` with a message.
    fn run(&self, ctx: &Ctx) -> Result<SuiteOutput, String>;
}
