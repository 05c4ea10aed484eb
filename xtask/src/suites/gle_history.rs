//! Validation suites of `gle-core`'s fast history paths, norms and resolvent.
//!
//! `gle-fast-history` drives every fast history path with a long pseudo-random input and
//! compares `H_n` with the direct `O(N²)` sum at every step; it also checks the weighted
//! kernel norms and the resolvent against closed forms.

use crate::harness::{Check, Ctx, Plot, Scale, Style, Suite, SuiteOutput};
use gle_core::history::{
    DirectHistory, FftHistory, HistorySum, PronyHistory, SoeApproximation, SoeHistory,
};
use gle_core::kernel::ScalarKernel;
use gle_core::norm::{Weight, kernel_error_norm};
use gle_core::resolvent::{deterministic_solution, resolvent};
use langevin_base::rng::{Seed, standard_normal};

/// The fast-history suites of `gle-core`.
pub fn suites() -> Vec<&'static dyn Suite> {
    vec![&FastHistory]
}

fn e<T>(r: gle_core::Result<T>) -> Result<T, String> {
    r.map_err(|e| e.to_string())
}

/// Fast history paths against the direct sum, norms and resolvent against closed forms.
pub struct FastHistory;

/// One fast path under test.
struct Path {
    label: String,
    tolerance: f64,
    note: String,
    hist: Box<dyn HistorySum>,
    worst: f64,
    /// Max of the relative error over each bin of steps (for the plot).
    binned: Vec<f64>,
}

/// Number of bins of the error-vs-n plot.
const BINS: usize = 200;

/// Runs the direct sum and every path on one input; the error at step `n` is
/// `|H_n^{fast} - H_n^{direct}| / S_n` with `S_n = Σ_m |k((n-m)dt)| |v_m|` (computed exactly
/// to round-off by an FFT history of `|k|` on `|v|`).
fn drive(k: &ScalarKernel, dt: f64, n: usize, seed: Seed, paths: &mut [Path]) {
    let abs_k = {
        let k = k.clone();
        ScalarKernel::custom(move |t| k.eval(t).abs())
    };
    let mut direct = DirectHistory::new(k.clone(), dt, 1).expect("validated dt and d = 1");
    let mut scale = FftHistory::with_capacity(abs_k, dt, 1, n).expect("validated dt and d = 1");
    let mut rng = seed.root();
    let (mut h, mut s, mut f) = ([0.0], [0.0], [0.0]);
    for p in paths.iter_mut() {
        p.binned = vec![0.0; BINS];
    }
    for step in 0..n {
        let v = [standard_normal(&mut rng)];
        direct.push(&v);
        scale.push(&[v[0].abs()]);
        direct.sum(&mut h);
        scale.sum(&mut s);
        let bin = step * BINS / n;
        for p in paths.iter_mut() {
            p.hist.push(&v);
            p.hist.sum(&mut f);
            let err = if s[0] > 0.0 {
                (f[0] - h[0]).abs() / s[0]
            } else {
                0.0
            };
            p.worst = p.worst.max(err);
            p.binned[bin] = p.binned[bin].max(err);
        }
    }
}

fn soe_path(
    k: &ScalarKernel,
    name: &str,
    dt: f64,
    n: usize,
    eps: f64,
    out: &mut SuiteOutput,
) -> Result<Path, String> {
    let hist = e(SoeHistory::new(k, dt, n, 1, eps))?;
    let m = hist.approximation().len();
    let fit_err = hist.approximation().max_rel_error;
    out.series(format!("{name}-soe-{eps:e}-M"), vec![m as f64]);
    out.series(
        format!("{name}-soe-{eps:e}-fit-max-rel-error"),
        vec![fit_err],
    );
    Ok(Path {
        label: format!("{name} SOE ε={eps:e} (M={m})"),
        tolerance: eps,
        note: format!(
            "SOE with M = {m} terms, verified kernel fit error {fit_err:.2e} ≤ ε on [dt, T]; \
             |H - H_direct| ≤ ε Σ|k||v| follows termwise, so the bound is ε"
        ),
        hist: Box::new(hist),
        worst: 0.0,
        binned: Vec::new(),
    })
}

fn exact_path(label: String, hist: Box<dyn HistorySum>, what: &str) -> Path {
    Path {
        label,
        tolerance: 1e-12,
        note: format!("{what}: exact up to round-off (a few ε·log N of Σ|k||v|); bound 1e-12"),
        hist,
        worst: 0.0,
        binned: Vec::new(),
    }
}

impl Suite for FastHistory {
    fn name(&self) -> &'static str {
        "gle-fast-history"
    }
    fn krate(&self) -> &'static str {
        "gle-core"
    }
    fn description(&self) -> &'static str {
        "Prony, SOE and FFT history sums vs the direct O(N²) sum over a long random input; weighted kernel norms and the resolvent vs closed forms"
    }

    #[allow(clippy::too_many_lines)]
    fn run(&self, ctx: &Ctx) -> Result<SuiteOutput, String> {
        let mut out = SuiteOutput::default();
        let n = ctx.pick(100_000, 10_000);
        let dt = 0.01;
        let seed = Seed(ctx.seed).derive(0x61E4_157A);
        let mut plot = Plot::new(
            "errors",
            &format!("fast history vs direct sum, N = {n}, dt = {dt}"),
            "step n",
            "max |H_fast - H_direct| / Σ|k||v| over bin",
        )
        .scales(Scale::Linear, Scale::Log);

        let kernels: Vec<(&str, ScalarKernel, bool)> = vec![
            (
                "power(1,4)",
                e(ScalarKernel::power_law(1.0, 1.0, 4.0))?,
                false,
            ),
            (
                "power(0.1,1.5)",
                e(ScalarKernel::power_law(1.0, 0.1, 1.5))?,
                false,
            ),
            (
                "stretched(1,0.5)",
                e(ScalarKernel::stretched_exponential(1.0, 1.0, 0.5))?,
                false,
            ),
            (
                "prony3",
                e(ScalarKernel::prony(
                    vec![1.0, -0.4, 0.2],
                    vec![2.0, 0.5, 0.02],
                ))?,
                true,
            ),
        ];
        for (i, (name, k, is_prony)) in kernels.iter().enumerate() {
            let mut paths = Vec::new();
            if *is_prony {
                paths.push(exact_path(
                    format!("{name} Prony"),
                    Box::new(e(PronyHistory::new(k, dt, 1))?),
                    "Prony recursion",
                ));
            } else {
                for eps in [1e-6, 1e-8] {
                    paths.push(soe_path(k, name, dt, n, eps, &mut out)?);
                }
            }
            paths.push(exact_path(
                format!("{name} FFT"),
                Box::new(e(FftHistory::with_capacity(k.clone(), dt, 1, n))?),
                "FFT-blocked convolution (Hairer–Lubich–Schlichte)",
            ));
            drive(k, dt, n, seed.derive(i as u64), &mut paths);
            let bins: Vec<f64> = (0..BINS).map(|b| ((b + 1) * n / BINS) as f64).collect();
            for p in paths {
                out.series(format!("{}-max-rel-error", p.label), vec![p.worst]);
                out.check(
                    Check::at_most(format!("{} max rel error", p.label), p.worst, p.tolerance, 0.0)
                        .note(format!(
                            "{}. Error measure: max over n ≤ {n} of |H_n - H_n^direct| / Σ_m |k((n-m)dt)||v_m|, v_m iid N(0,1), fixed seed",
                            p.note
                        )),
                );
                let y: Vec<f64> = p.binned.iter().map(|e| e.max(1e-18)).collect();
                plot = plot.curve(&p.label, bins.clone(), y, Style::Line);
            }
        }
        out.plot(plot);

        // M against ε for the power law (grows like log(1/ε)).
        let k = e(ScalarKernel::power_law(1.0, 1.0, 4.0))?;
        let epss = [1e-4, 1e-6, 1e-8, 1e-10, 1e-12];
        let ms: Vec<f64> = epss
            .iter()
            .map(|&eps| SoeApproximation::fit(&k, dt, n as f64 * dt, eps).map(|s| s.len() as f64))
            .collect::<gle_core::Result<_>>()
            .map_err(|e| e.to_string())?;
        out.series("soe-M-vs-eps-power(1,4)-eps", epss.to_vec());
        out.series("soe-M-vs-eps-power(1,4)-M", ms.clone());
        out.plot(
            Plot::new(
                "soe-terms",
                "SOE terms M for (τ+1)^{-4} on [dt, N dt]",
                "ε",
                "M",
            )
            .scales(Scale::Log, Scale::Linear)
            .curve("M", epss.to_vec(), ms.clone(), Style::Points),
        );
        let growth = ms[4] / ms[0];
        out.check(Check::at_most("soe M(1e-12)/M(1e-4)", growth, 3.5, 0.0).note(
            "M ~ A + B·log(1/ε) (A from log(T/dt), ≥ 0 up to the rounding of the node count): from ε = 1e-4 to 1e-12 log(1/ε) triples, so M grows at most ~3x; bound 3.5 allows one or two terms of rounding",
        ));

        // Weighted norms against closed forms.
        let tol = 1e-10;
        let k = e(ScalarKernel::exponential(1.0, 0.5))?;
        let h = e(Weight::for_kernel(&k))?;
        let mut norms = Vec::new();
        for p in [1.0, 5.0, 20.0] {
            let v = e(kernel_error_norm(&k, &e(k.cut_off(p))?, &h, tol))?.value;
            let exact = 10.0 * (-0.1 * p).exp();
            norms.push(v);
            out.check(Check::close(format!("cut-off norm p={p}"), v, exact, 2.0 * tol * exact).note(
                "spec example: k = e^{-0.5τ}, h = e^{-0.9t}, cut at p: ∫_p^∞ e^{-0.1τ}dτ = 10e^{-0.1p}; tolerance 2× the requested relative tolerance 1e-10",
            ));
        }
        out.series("cut-off-norms-p=1,5,20", norms);
        let (a, b, at, bt, rho) = (1.0, 0.5, 0.8, 0.7, 0.9);
        let kt = e(ScalarKernel::exponential(at, bt))?;
        let v = e(kernel_error_norm(&k, &kt, &h, tol))?.value;
        let exact =
            a * a / (2.0 * b - rho) - 2.0 * a * at / (b + bt - rho) + at * at / (2.0 * bt - rho);
        out.series("exp-vs-exp-norm", vec![v, exact]);
        out.check(Check::close("exp-vs-exp norm", v, exact, 2.0 * tol * exact).note(
            "∫(a e^{-bτ} - ã e^{-b̃τ})² e^{ρτ}dτ = a²/(2b-ρ) - 2aã/(b+b̃-ρ) + ã²/(2b̃-ρ), a=1, b=0.5, ã=0.8, b̃=0.7, ρ=0.9",
        ));

        // Resolvent of a e^{-bτ}: a e^{-(a+b)t}; trapezoid error O(dt²).
        let (a, b) = (1.5, 0.7);
        let k = e(ScalarKernel::exponential(a, b))?;
        let mut errs = Vec::new();
        for dt in [0.02, 0.01] {
            let r = e(resolvent(&k, dt, 5.0))?;
            let err = r
                .times()
                .iter()
                .zip(&r.values)
                .map(|(&t, v)| (v - a * (-(a + b) * t).exp()).abs())
                .fold(0.0, f64::max);
            errs.push(err);
        }
        let order = (errs[0] / errs[1]).log2();
        out.series("resolvent-max-error-dt=0.02,0.01", errs.clone());
        out.check(Check::close("resolvent order", order, 2.0, 0.1).note(
            "r + k*r = k for k = 1.5e^{-0.7τ}: r = 1.5e^{-2.2t}; trapezoidal Volterra scheme is O(dt²): log2 of the error ratio for dt = 0.02, 0.01 within 0.1 of 2",
        ));
        // ρ for k = C e^{-βτ}: two-exponential closed form.
        let (c, beta, gamma) = (0.5, 3.0, 1.0);
        let k = e(ScalarKernel::exponential(c, beta))?;
        let disc = ((beta - gamma) * (beta - gamma) - 4.0 * c).sqrt();
        let (l1, l2) = (
            0.5 * (-(beta + gamma) + disc),
            0.5 * (-(beta + gamma) - disc),
        );
        let (a1, a2) = (-(gamma + l2) / (l1 - l2), (gamma + l1) / (l1 - l2));
        let mut errs = Vec::new();
        for dt in [0.02, 0.01] {
            let r = e(deterministic_solution(&k, gamma, dt, 10.0))?;
            let err = r
                .times()
                .iter()
                .zip(&r.values)
                .map(|(&t, v)| (v - a1 * (l1 * t).exp() - a2 * (l2 * t).exp()).abs())
                .fold(0.0, f64::max);
            errs.push(err);
        }
        let order = (errs[0] / errs[1]).log2();
        out.series("rho-max-error-dt=0.02,0.01", errs);
        out.check(Check::close("deterministic solution order", order, 2.0, 0.1).note(
            "ρ' = -γρ - k*ρ, k = 0.5e^{-3τ}, γ = 1: ρ = A₁e^{λ₁t} + A₂e^{λ₂t} with (λ+γ)(λ+β)+C = 0; trapezoid O(dt²)",
        ));
        Ok(out)
    }
}
