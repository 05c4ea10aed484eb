//! Selecting and running suites: one after another, timed, with panics and errors turned into
//! failing checks, and each suite's plots rendered as soon as it finishes.

use std::fmt::Write as _;
use std::panic::{self, AssertUnwindSafe};
use std::path::Path;
use std::sync::{Mutex, Once};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::harness::{Check, Ctx, Suite, SuiteOutput};
use crate::plot;

/// Name of the failing check that stands for a suite that returned `Err` or panicked.
pub const SUITE_ERROR: &str = "suite-error";

/// The outcome of one suite.
#[derive(Debug)]
pub struct SuiteResult {
    /// Suite name.
    pub name: String,
    /// Crate the suite validates.
    pub krate: String,
    /// One-line description.
    pub description: String,
    /// Wall-clock time of `Suite::run`, in seconds.
    pub seconds: f64,
    /// What the suite returned (a single `suite-error` check if it failed to run).
    pub output: SuiteOutput,
    /// File names (relative to the output directory) of the rendered plots.
    pub plot_files: Vec<String>,
}

impl SuiteResult {
    /// Number of failed checks.
    pub fn failed(&self) -> usize {
        self.output.checks.iter().filter(|c| !c.pass).count()
    }
}

/// The outcome of a whole `validate` run.
#[derive(Debug)]
pub struct RunResult {
    /// `--quick` was given.
    pub quick: bool,
    /// Base seed.
    pub seed: u64,
    /// Per-suite results, in run order.
    pub suites: Vec<SuiteResult>,
    /// Wall-clock time of the whole run, in seconds.
    pub seconds: f64,
}

impl RunResult {
    /// Total number of checks.
    pub fn checks(&self) -> usize {
        self.suites.iter().map(|s| s.output.checks.len()).sum()
    }

    /// Total number of failed checks.
    pub fn failed(&self) -> usize {
        self.suites.iter().map(SuiteResult::failed).sum()
    }
}

/// A human-readable listing of the registered suites (for `--list`).
pub fn list(registry: &[&'static dyn Suite]) -> String {
    let w = registry.iter().map(|s| s.name().len()).max().unwrap_or(0);
    let k = registry.iter().map(|s| s.krate().len()).max().unwrap_or(0);
    let mut out = String::new();
    for s in registry {
        let _ = writeln!(
            out,
            "{:<w$}  {:<k$}  {}",
            s.name(),
            s.krate(),
            s.description()
        );
    }
    if registry.is_empty() {
        out.push_str("(no suites registered)\n");
    }
    out
}

/// Picks the suites named on the command line.
///
/// Each name is a suite name or a crate name (selecting all of that crate's suites). No name
/// selects every suite. The result keeps registry order and holds each suite once.
///
/// # Errors
///
/// A name that is neither a suite nor a crate; the message lists the valid names.
pub fn select(
    registry: &[&'static dyn Suite],
    names: &[String],
) -> Result<Vec<&'static dyn Suite>, String> {
    if names.is_empty() {
        return Ok(registry.to_vec());
    }
    let unknown: Vec<&str> = names
        .iter()
        .map(String::as_str)
        .filter(|n| !registry.iter().any(|s| s.name() == *n || s.krate() == *n))
        .collect();
    if !unknown.is_empty() {
        let mut valid: Vec<&str> = registry.iter().map(|s| s.name()).collect();
        let mut crates: Vec<&str> = registry.iter().map(|s| s.krate()).collect();
        crates.sort_unstable();
        crates.dedup();
        valid.extend(crates);
        let valid = if valid.is_empty() {
            "(none: no suites are registered)".to_owned()
        } else {
            valid.join(", ")
        };
        return Err(format!(
            "unknown suite {}; valid suite and crate names: {valid}",
            unknown
                .iter()
                .map(|n| format!("`{n}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    Ok(registry
        .iter()
        .copied()
        .filter(|s| names.iter().any(|n| s.name() == n || s.krate() == n))
        .collect())
}

/// `(message, location)` of recent panics, recorded by the hook of [`install_panic_recorder`]
/// (bounded; the oldest entries are dropped).
static PANICS: Mutex<Vec<(String, String)>> = Mutex::new(Vec::new());

/// The message of a panic payload.
fn payload_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "non-string panic payload".to_owned())
}

/// The recorded location of the panic with this message, if any (removed from the record).
fn panic_location(msg: &str) -> Option<String> {
    let mut panics = PANICS.lock().ok()?;
    let i = panics.iter().rposition(|(m, _)| m == msg)?;
    Some(panics.remove(i).1)
}

/// Installs (once per process) a panic hook that records where a panic happened (the payload
/// alone has no location) and then hands over to the previous hook, which prints it as usual.
fn install_panic_recorder() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if let (Some(loc), Ok(mut panics)) = (info.location(), PANICS.lock()) {
                if panics.len() >= 64 {
                    panics.remove(0);
                }
                let loc = format!("{}:{}", loc.file(), loc.line());
                panics.push((payload_message(info.payload()), loc));
            }
            previous(info);
        }));
    });
}

/// Runs one suite, turning `Err` and panics into a failing `suite-error` check.
pub fn run_suite(suite: &dyn Suite, ctx: &Ctx) -> SuiteResult {
    let start = Instant::now();
    let result = panic::catch_unwind(AssertUnwindSafe(|| suite.run(ctx)));
    let seconds = start.elapsed().as_secs_f64();
    let output = match result {
        Ok(Ok(out)) => out,
        Ok(Err(msg)) => error_output(&format!("error: {msg}")),
        Err(payload) => {
            let msg = payload_message(payload.as_ref());
            match panic_location(&msg) {
                Some(loc) => error_output(&format!("panicked at {loc}: {msg}")),
                None => error_output(&format!("panicked: {msg}")),
            }
        }
    };
    SuiteResult {
        name: suite.name().to_owned(),
        krate: suite.krate().to_owned(),
        description: suite.description().to_owned(),
        seconds,
        output,
        plot_files: Vec::new(),
    }
}

fn error_output(note: &str) -> SuiteOutput {
    let mut out = SuiteOutput::default();
    out.check(Check::close(SUITE_ERROR, f64::NAN, 0.0, 0.0).note(note));
    out
}

/// Renders a finished suite's plots into `out`; a plot that cannot be rendered becomes a
/// failing check `plot:<name>`.
pub fn render_plots(result: &mut SuiteResult, out: &Path) {
    let mut failures = Vec::new();
    for p in &result.output.plots {
        let file = format!("{}-{}.svg", result.name, p.name);
        match plot::render(p, &out.join(&file)) {
            Ok(()) => result.plot_files.push(file),
            Err(e) => failures.push(
                Check::close(format!("plot:{}", p.name), f64::NAN, 0.0, 0.0)
                    .note(format!("cannot render {file}: {e}")),
            ),
        }
    }
    result.output.checks.extend(failures);
}

/// Runs the suites in order with a progress bar on stderr, renders their plots into `out` and
/// returns the results. One plain line per finished suite goes to stderr for CI logs.
///
/// # Errors
///
/// The output directory cannot be created.
pub fn run_all(suites: &[&'static dyn Suite], ctx: &Ctx, out: &Path) -> Result<RunResult, String> {
    std::fs::create_dir_all(out).map_err(|e| format!("cannot create {}: {e}", out.display()))?;

    let bar =
        ProgressBar::with_draw_target(Some(suites.len() as u64), ProgressDrawTarget::stderr());
    bar.set_style(
        ProgressStyle::with_template("{spinner} [{elapsed_precise}] {bar:30} {pos}/{len} {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    bar.enable_steady_tick(Duration::from_millis(200));

    install_panic_recorder();

    let start = Instant::now();
    let mut results = Vec::with_capacity(suites.len());
    for (i, suite) in suites.iter().enumerate() {
        bar.set_message(format!("{} ({})", suite.name(), suite.krate()));
        let mut r = run_suite(*suite, ctx);
        render_plots(&mut r, out);
        let failed = r.failed();
        let line = format!(
            "[{}/{}] {} {} in {:.1} s: {} checks, {} failed",
            i + 1,
            suites.len(),
            if failed == 0 { "PASS" } else { "FAIL" },
            r.name,
            r.seconds,
            r.output.checks.len(),
            failed
        );
        bar.suspend(|| eprintln!("{line}"));
        bar.inc(1);
        results.push(r);
    }
    bar.finish_and_clear();

    Ok(RunResult {
        quick: ctx.quick,
        seed: ctx.seed,
        suites: results,
        seconds: start.elapsed().as_secs_f64(),
    })
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::harness::{Plot, Scale, Style};

    /// A tiny suite for tests: passes, fails, errors or panics on demand.
    pub struct Dummy {
        pub name: &'static str,
        pub krate: &'static str,
        pub mode: Mode,
    }

    /// What [`Dummy::run`] does.
    #[derive(Clone, Copy)]
    pub enum Mode {
        Pass,
        Fail,
        Err,
        Panic,
    }

    impl Suite for Dummy {
        fn name(&self) -> &'static str {
            self.name
        }
        fn krate(&self) -> &'static str {
            self.krate
        }
        fn description(&self) -> &'static str {
            "a dummy suite | with a pipe"
        }
        fn run(&self, ctx: &Ctx) -> Result<SuiteOutput, String> {
            let mut out = SuiteOutput::default();
            match self.mode {
                Mode::Pass => {}
                Mode::Fail => out.check(Check::close("off", 1.0, 2.0, 0.1).note("fails")),
                Mode::Err => return Err("library said no".into()),
                Mode::Panic => panic!("dummy panic"),
            }
            out.check(Check::close("mean", 0.49, 0.5, ctx.pick(0.02, 0.03)).note("exact"));
            out.check(Check::at_least("p-value", 0.3, 0.01, 0.0));
            out.series("h", vec![1.0, f64::NAN, 1e-3, 1e3]);
            let h = [1.0, 0.5, 0.25, 0.125];
            out.plot(
                Plot::new("order", "Error against step size", "h", "error")
                    .scales(Scale::Log, Scale::Log)
                    .curve(
                        "measured",
                        h.to_vec(),
                        h.iter().map(|x| x * x).collect(),
                        Style::Points,
                    )
                    .curve(
                        "h^2",
                        h.to_vec(),
                        h.iter().map(|x| x * x).collect(),
                        Style::Line,
                    ),
            );
            Ok(out)
        }
    }

    pub static PASS: Dummy = Dummy {
        name: "dummy-pass",
        krate: "dummy-a",
        mode: Mode::Pass,
    };
    pub static FAIL: Dummy = Dummy {
        name: "dummy-fail",
        krate: "dummy-a",
        mode: Mode::Fail,
    };
    pub static ERR: Dummy = Dummy {
        name: "dummy-err",
        krate: "dummy-b",
        mode: Mode::Err,
    };
    pub static PANIC: Dummy = Dummy {
        name: "dummy-panic",
        krate: "dummy-b",
        mode: Mode::Panic,
    };

    pub fn registry() -> Vec<&'static dyn Suite> {
        vec![&PASS, &FAIL, &ERR, &PANIC]
    }

    fn names(v: &[&'static dyn Suite]) -> Vec<&'static str> {
        v.iter().map(|s| s.name()).collect()
    }

    #[test]
    fn check_pass_logic() {
        assert!(Check::close("a", 1.05, 1.0, 0.1).pass);
        assert!(!Check::close("a", 1.2, 1.0, 0.1).pass);
        assert!(!Check::close("a", 0.8, 1.0, 0.1).pass);
        assert!(Check::at_least("a", 0.95, 1.0, 0.1).pass);
        assert!(!Check::at_least("a", 0.85, 1.0, 0.1).pass);
        assert!(Check::at_least("a", 1e9, 1.0, 0.0).pass);
        assert!(Check::at_most("a", 1.05, 1.0, 0.1).pass);
        assert!(!Check::at_most("a", 1.15, 1.0, 0.1).pass);
        assert!(Check::at_most("a", -1e9, 1.0, 0.0).pass);
        // NaN never passes, whatever is NaN; an infinite measurement never passes either.
        let nan = f64::NAN;
        for c in [
            Check::close("n", nan, 1.0, 1e9),
            Check::close("n", 1.0, nan, 1e9),
            Check::close("n", 1.0, 1.0, nan),
            Check::at_least("n", nan, 0.0, 1e9),
            Check::at_least("n", 1.0, nan, 0.0),
            Check::at_most("n", nan, 0.0, 1e9),
            Check::at_most("n", 1.0, 0.0, nan),
            Check::at_least("n", f64::INFINITY, 0.0, 0.0),
            Check::at_most("n", f64::NEG_INFINITY, 0.0, 0.0),
        ] {
            assert!(!c.pass, "{c:?}");
        }
        assert_eq!(
            Ctx {
                quick: true,
                seed: 0
            }
            .pick(10, 1),
            1
        );
        assert_eq!(
            Ctx {
                quick: false,
                seed: 0
            }
            .pick(10, 1),
            10
        );
    }

    #[test]
    fn no_name_selects_everything() {
        let all = select(&registry(), &[]).unwrap();
        assert_eq!(
            names(&all),
            ["dummy-pass", "dummy-fail", "dummy-err", "dummy-panic"]
        );
    }

    #[test]
    fn crate_name_selects_its_suites_once_in_registry_order() {
        let args = [
            "dummy-panic".to_owned(),
            "dummy-b".to_owned(),
            "dummy-pass".to_owned(),
        ];
        let s = select(&registry(), &args).unwrap();
        assert_eq!(names(&s), ["dummy-pass", "dummy-err", "dummy-panic"]);
    }

    #[test]
    fn unknown_suite_is_an_error_listing_valid_names() {
        let Err(e) = select(&registry(), &["nope".to_owned(), "dummy-pass".to_owned()]) else {
            panic!("an unknown name must be an error");
        };
        assert!(e.contains("`nope`"), "{e}");
        for valid in [
            "dummy-pass",
            "dummy-fail",
            "dummy-err",
            "dummy-panic",
            "dummy-a",
            "dummy-b",
        ] {
            assert!(e.contains(valid), "{e}");
        }
        assert!(select(&[], &["x".to_owned()]).is_err_and(|e| e.contains("no suites")));
    }

    #[test]
    fn list_shows_every_suite() {
        let l = list(&registry());
        assert_eq!(l.lines().count(), 4);
        assert!(l.contains("dummy-err") && l.contains("dummy-b"));
    }

    #[test]
    fn errors_and_panics_become_failing_checks_and_the_run_continues() {
        let dir = std::env::temp_dir().join(format!("xtask-run-{}", std::process::id()));
        let ctx = Ctx {
            quick: true,
            seed: 1,
        };
        let run = run_all(&registry(), &ctx, &dir).unwrap();
        assert_eq!(run.suites.len(), 4);
        assert_eq!(run.suites[0].failed(), 0);
        assert_eq!(run.suites[1].failed(), 1);
        for (r, msg) in [
            (&run.suites[2], "library said no"),
            (&run.suites[3], "dummy panic"),
        ] {
            assert_eq!(r.output.checks.len(), 1);
            let c = &r.output.checks[0];
            assert_eq!(c.name, SUITE_ERROR);
            assert!(!c.pass);
            assert!(c.note.contains(msg), "{}", c.note);
        }
        assert!(run.suites[3].output.checks[0].note.contains("runner.rs"));
        assert_eq!(run.failed(), 3);
        assert_eq!(run.checks(), 2 + 3 + 1 + 1);
        assert_eq!(run.suites[0].plot_files, ["dummy-pass-order.svg"]);
        assert!(dir.join("dummy-pass-order.svg").is_file());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
