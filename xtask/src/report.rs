//! `report.json` and `report.md`.
//!
//! The JSON shape is a contract with other tools:
//!
//! ```text
//! {"version": 1, "quick": bool, "seed": N,
//!  "suites": [{"name", "crate", "description", "seconds",
//!              "checks": [{"name", "measured", "expected", "tolerance", "comparison",
//!                          "pass", "note"}],
//!              "series": {"<name>": [numbers]}, "plots": ["file.svg"]}]}
//! ```
//!
//! JSON has no NaN or infinity: non-finite numbers are written as `null`.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io;
use std::path::Path;

use serde::Serialize;

use crate::harness::Comparison;
use crate::runner::{RunResult, SuiteResult};
use crate::table;

/// Version of the `report.json` shape.
pub const VERSION: u32 = 1;

/// `Some(x)` for finite `x`, `None` (JSON `null`) otherwise.
fn finite(x: f64) -> Option<f64> {
    x.is_finite().then_some(x)
}

/// The whole report.
#[derive(Serialize)]
struct Report<'a> {
    version: u32,
    quick: bool,
    seed: u64,
    suites: Vec<SuiteJson<'a>>,
}

/// One suite of the report.
#[derive(Serialize)]
struct SuiteJson<'a> {
    name: &'a str,
    #[serde(rename = "crate")]
    krate: &'a str,
    description: &'a str,
    seconds: Option<f64>,
    checks: Vec<CheckJson<'a>>,
    series: BTreeMap<&'a str, Vec<Option<f64>>>,
    plots: &'a [String],
}

/// One check of the report.
#[derive(Serialize)]
struct CheckJson<'a> {
    name: &'a str,
    measured: Option<f64>,
    expected: Option<f64>,
    tolerance: Option<f64>,
    comparison: Comparison,
    pass: bool,
    note: &'a str,
}

fn suite_json(s: &SuiteResult) -> SuiteJson<'_> {
    SuiteJson {
        name: &s.name,
        krate: &s.krate,
        description: &s.description,
        seconds: finite(s.seconds),
        checks: s
            .output
            .checks
            .iter()
            .map(|c| CheckJson {
                name: &c.name,
                measured: finite(c.measured),
                expected: finite(c.expected),
                tolerance: finite(c.tolerance),
                comparison: c.comparison,
                pass: c.pass,
                note: &c.note,
            })
            .collect(),
        series: s
            .output
            .series
            .iter()
            .map(|(k, v)| (k.as_str(), v.iter().copied().map(finite).collect()))
            .collect(),
        plots: &s.plot_files,
    }
}

/// The pretty-printed `report.json` text.
pub fn json(run: &RunResult) -> String {
    let report = Report {
        version: VERSION,
        quick: run.quick,
        seed: run.seed,
        suites: run.suites.iter().map(suite_json).collect(),
    };
    // Serialising plain structs of strings, numbers and maps cannot fail.
    serde_json::to_string_pretty(&report).expect("report serialises") + "\n"
}

/// Escapes text for a Markdown table cell.
fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

/// The `report.md` text.
pub fn markdown(run: &RunResult) -> String {
    let mut md = String::new();
    let failed = run.failed();
    let _ = writeln!(md, "# Validation report\n");
    let _ = writeln!(
        md,
        "**{}**: {} suites, {} checks, {} failed, {:.1} s. Mode: {}, seed {}.\n",
        if failed == 0 { "PASS" } else { "FAIL" },
        run.suites.len(),
        run.checks(),
        failed,
        run.seconds,
        if run.quick { "quick" } else { "full" },
        run.seed
    );
    if !run.suites.is_empty() {
        let _ = writeln!(md, "| suite | crate | checks | failed | seconds |");
        let _ = writeln!(md, "|---|---|---:|---:|---:|");
        for s in &run.suites {
            let _ = writeln!(
                md,
                "| [{}](#{}) | {} | {} | {} | {:.1} |",
                s.name,
                anchor(&s.name),
                s.krate,
                s.output.checks.len(),
                s.failed(),
                s.seconds
            );
        }
        let _ = writeln!(md, "\n{}.\n", table::LEGEND);
    }

    for s in &run.suites {
        let _ = writeln!(md, "## {}\n", s.name);
        let _ = writeln!(md, "{}\n", s.description);
        let _ = writeln!(
            md,
            "Crate `{}`, {:.2} s, {} of {} checks passed.\n",
            s.krate,
            s.seconds,
            s.output.checks.len() - s.failed(),
            s.output.checks.len()
        );
        if !s.output.checks.is_empty() {
            let _ = writeln!(
                md,
                "| check | measured | expected | tolerance | result | note |"
            );
            let _ = writeln!(md, "|---|---:|---:|---:|---|---|");
            for c in &s.output.checks {
                let _ = writeln!(
                    md,
                    "| {} | {} | {} | {} | {} | {} |",
                    cell(&c.name),
                    table::num(c.measured),
                    table::num(c.expected),
                    table::tolerance(c),
                    if c.pass { "PASS" } else { "**FAIL**" },
                    cell(&c.note)
                );
            }
            md.push('\n');
        }
        for file in &s.plot_files {
            let title = s
                .output
                .plots
                .iter()
                .find(|p| format!("{}-{}.svg", s.name, p.name) == *file)
                .map_or("", |p| p.title.as_str());
            let _ = writeln!(md, "![{}]({file})\n", cell(title));
        }
    }
    md
}

/// The GitHub-style heading anchor of a suite name.
fn anchor(name: &str) -> String {
    name.chars()
        .filter_map(|c| match c {
            'A'..='Z' => Some(c.to_ascii_lowercase()),
            'a'..='z' | '0'..='9' | '-' | '_' => Some(c),
            ' ' => Some('-'),
            _ => None,
        })
        .collect()
}

/// Writes `report.json` and `report.md` into `dir`.
pub fn write_all(run: &RunResult, dir: &Path) -> io::Result<()> {
    std::fs::create_dir_all(dir)?;
    std::fs::write(dir.join("report.json"), json(run))?;
    std::fs::write(dir.join("report.md"), markdown(run))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::harness::Ctx;
    use crate::runner::{run_all, tests::registry};
    use serde_json::Value;

    /// Sorted keys of a JSON object (independent of `serde_json`'s `preserve_order`).
    fn keys(v: &Value) -> Vec<&str> {
        let mut k: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
        k.sort_unstable();
        k
    }

    #[test]
    fn json_has_the_documented_shape() {
        let dir = std::env::temp_dir().join(format!("xtask-report-{}", std::process::id()));
        let run = run_all(
            &registry(),
            &Ctx {
                quick: false,
                seed: 42,
            },
            &dir,
        )
        .unwrap();
        write_all(&run, &dir).unwrap();
        let v: Value =
            serde_json::from_str(&std::fs::read_to_string(dir.join("report.json")).unwrap())
                .unwrap();

        assert_eq!(keys(&v), ["quick", "seed", "suites", "version"]);
        assert_eq!(v["version"], 1);
        assert_eq!(v["quick"], false);
        assert_eq!(v["seed"], 42);
        let suites = v["suites"].as_array().unwrap();
        assert_eq!(suites.len(), 4);

        let s = &suites[0];
        assert_eq!(
            keys(s),
            [
                "checks",
                "crate",
                "description",
                "name",
                "plots",
                "seconds",
                "series"
            ]
        );
        assert_eq!(s["name"], "dummy-pass");
        assert_eq!(s["crate"], "dummy-a");
        assert!(s["seconds"].as_f64().unwrap() >= 0.0);
        assert_eq!(s["plots"][0], "dummy-pass-order.svg");
        // NaN in a series becomes null.
        assert_eq!(s["series"]["h"], serde_json::json!([1.0, null, 1e-3, 1e3]));

        let c = &s["checks"][0];
        assert_eq!(
            keys(c),
            [
                "comparison",
                "expected",
                "measured",
                "name",
                "note",
                "pass",
                "tolerance"
            ]
        );
        assert_eq!(c["name"], "mean");
        assert_eq!(c["measured"], 0.49);
        assert_eq!(c["expected"], 0.5);
        assert_eq!(c["tolerance"], 0.02);
        assert_eq!(c["comparison"], "close");
        assert_eq!(c["pass"], true);
        assert_eq!(c["note"], "exact");
        assert_eq!(s["checks"][1]["comparison"], "at_least");

        // A panicking suite: one failing check with a null measured value.
        let e = &suites[3]["checks"][0];
        assert_eq!(e["name"], "suite-error");
        assert_eq!(e["pass"], false);
        assert!(e["measured"].is_null());

        let md = std::fs::read_to_string(dir.join("report.md")).unwrap();
        assert!(md.contains("## dummy-pass"));
        assert!(md.contains("![Error against step size](dummy-pass-order.svg)"));
        assert!(md.contains("a dummy suite | with a pipe"));
        assert!(md.contains("**FAIL**"));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn anchors_follow_github() {
        assert_eq!(anchor("base-OU_1"), "base-ou_1");
    }
}
