//! The plain-text table of checks printed to stdout, and compact number formatting.

use std::fmt::Write as _;

use crate::harness::{Check, Comparison};
use crate::runner::{RunResult, SuiteResult};

/// Formats a number with 5 significant digits: fixed notation for `1e-3 <= |x| < 1e5`,
/// scientific otherwise, trailing zeros removed (`0.49`, `12.5`, `1.2346e-7`, `NaN`).
pub fn num(x: f64) -> String {
    if x.is_nan() {
        return "NaN".into();
    }
    if x.is_infinite() {
        return if x > 0.0 { "inf".into() } else { "-inf".into() };
    }
    if x == 0.0 {
        return "0".into();
    }
    // Round to 5 significant digits first, so that the choice of notation sees the carry
    // (99999.9 rounds to 1e5 and is printed in scientific notation).
    let sci = format!("{x:.4e}");
    let rounded: f64 = sci.parse().unwrap_or(x);
    let a = rounded.abs();
    if (1e-3..1e5).contains(&a) {
        let decimals = (4 - a.log10().floor() as i32).max(0) as usize;
        return trim_zeros(&format!("{rounded:.decimals$}"));
    }
    match sci.split_once('e') {
        Some((mantissa, exp)) => format!("{}e{exp}", trim_zeros(mantissa)),
        None => sci,
    }
}

/// Removes trailing zeros after a decimal point, and the point itself if nothing follows.
fn trim_zeros(s: &str) -> String {
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_owned()
    } else {
        s.to_owned()
    }
}

/// The tolerance cell: `±t` for a two-sided check, `≥ −t` (measured ≥ expected − t) for a
/// lower bound, `≤ +t` (measured ≤ expected + t) for an upper bound; a bound with zero
/// tolerance is shown as a bare `≥` or `≤`.
pub fn tolerance(c: &Check) -> String {
    match c.comparison {
        Comparison::Close => format!("±{}", num(c.tolerance)),
        Comparison::AtLeast if c.tolerance == 0.0 => "≥".into(),
        Comparison::AtMost if c.tolerance == 0.0 => "≤".into(),
        Comparison::AtLeast => format!("≥ −{}", num(c.tolerance)),
        Comparison::AtMost => format!("≤ +{}", num(c.tolerance)),
    }
}

/// `PASS` or `FAIL`.
pub fn verdict(c: &Check) -> &'static str {
    if c.pass { "PASS" } else { "FAIL" }
}

/// Renders the table of all checks of all suites.
pub fn render(suites: &[SuiteResult]) -> String {
    const HEAD: [&str; 6] = [
        "suite",
        "check",
        "measured",
        "expected",
        "tolerance",
        "result",
    ];
    let mut rows: Vec<[String; 6]> = Vec::new();
    for s in suites {
        for c in &s.output.checks {
            rows.push([
                s.name.clone(),
                c.name.clone(),
                num(c.measured),
                num(c.expected),
                tolerance(c),
                verdict(c).to_owned(),
            ]);
        }
    }

    let mut width = HEAD.map(|h| h.chars().count());
    for r in &rows {
        for (w, cell) in width.iter_mut().zip(r) {
            *w = (*w).max(cell.chars().count());
        }
    }

    let line = |cells: [&str; 6]| {
        let mut l = String::new();
        for (i, (cell, w)) in cells.iter().zip(width).enumerate() {
            // Text columns left-aligned, numbers right-aligned.
            if (2..5).contains(&i) {
                let _ = write!(l, "{cell:>w$}");
            } else {
                let _ = write!(l, "{cell:<w$}");
            }
            l.push_str(if i + 1 < cells.len() { "  " } else { "\n" });
        }
        l.trim_end().to_owned() + "\n"
    };

    let mut out = line(HEAD);
    out.push_str(&line(
        width.map(|w| "-".repeat(w)).each_ref().map(String::as_str),
    ));
    for r in &rows {
        out.push_str(&line(r.each_ref().map(String::as_str)));
    }
    out.push_str(LEGEND);
    out.push('\n');
    out
}

/// How to read the tolerance column.
pub const LEGEND: &str = "tolerance: ±t means |measured − expected| ≤ t; \
     ≥ −t means measured ≥ expected − t; ≤ +t means measured ≤ expected + t \
     (a bare ≥ or ≤: t = 0)";

/// The summary line: number of suites and checks, failures and total time.
pub fn summary(run: &RunResult) -> String {
    let failed = run.failed();
    format!(
        "{}: {} suites, {} checks, {} failed, {:.1} s",
        if failed == 0 { "PASS" } else { "FAIL" },
        run.suites.len(),
        run.checks(),
        failed,
        run.seconds
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::harness::SuiteOutput;

    #[test]
    fn numbers_are_compact() {
        assert_eq!(num(0.49), "0.49");
        assert_eq!(num(0.5), "0.5");
        assert_eq!(num(-12.5), "-12.5");
        assert_eq!(num(1.0 / 3.0), "0.33333");
        assert_eq!(num(12_345.678), "12346");
        assert_eq!(num(2.0), "2");
        assert_eq!(num(1.234_567e-7), "1.2346e-7");
        assert_eq!(num(1e10), "1e10");
        assert_eq!(num(99_999.9), "1e5");
        assert_eq!(num(0.0), "0");
        assert_eq!(num(f64::NAN), "NaN");
        assert_eq!(num(f64::NEG_INFINITY), "-inf");
    }

    #[test]
    fn tolerance_shows_the_comparison() {
        assert_eq!(tolerance(&Check::close("a", 1.0, 1.0, 0.01)), "±0.01");
        assert_eq!(tolerance(&Check::at_least("a", 1.0, 1.0, 0.0)), "≥");
        assert_eq!(tolerance(&Check::at_least("a", 1.0, 1.0, 0.5)), "≥ −0.5");
        assert_eq!(tolerance(&Check::at_most("a", 1.0, 1.0, 0.0)), "≤");
        assert_eq!(tolerance(&Check::at_most("a", 1.0, 1.0, 2.0)), "≤ +2");
    }

    #[test]
    fn table_lists_every_check_aligned() {
        let mut output = SuiteOutput::default();
        output.check(Check::close("mean", 0.49, 0.5, 0.02));
        output.check(Check::at_most("err", f64::NAN, 1e-3, 0.0));
        let s = SuiteResult {
            name: "s".into(),
            krate: "k".into(),
            description: String::new(),
            seconds: 0.1,
            output,
            plot_files: vec![],
        };
        let t = render(std::slice::from_ref(&s));
        let lines: Vec<&str> = t.lines().collect();
        assert_eq!(lines.len(), 5);
        assert!(lines[2].contains("mean") && lines[2].ends_with("PASS"));
        assert!(lines[3].contains("NaN") && lines[3].ends_with("FAIL"));
        let run = RunResult {
            quick: false,
            seed: 0,
            suites: vec![s],
            seconds: 0.1,
        };
        assert!(summary(&run).starts_with("FAIL: 1 suites, 2 checks, 1 failed"));
    }
}
