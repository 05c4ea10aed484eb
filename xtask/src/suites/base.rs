//! Validation suites of `langevin-base`: every check compares a simulation with an
//! independent reference (closed forms of the discrete chains, quadrature of the Boltzmann
//! density and of the exact 1-D mean first-passage time, the Kramers asymptotics), with
//! tolerances derived from standard errors or from the method's known error.

use crate::harness::{Check, Ctx, Plot, Scale, Style, Suite, SuiteOutput};
use langevin_base::ensemble::{Crossing, Ensemble};
use langevin_base::integrator::{Baoab, EulerMaruyama};
use langevin_base::potential::{DoubleWell, Harmonic, LemonSlice};
use langevin_base::rng::Seed;
use langevin_base::stats::{self, Boltzmann1d, Histogram, Welford};
use statrs::distribution::{ChiSquared, ContinuousCDF};

/// The suites of `langevin-base`.
pub fn suites() -> Vec<&'static dyn Suite> {
    vec![
        &OuEm,
        &BaoabHarmonic,
        &DoubleWellBoltzmann,
        &Kramers,
        &Reproducibility,
    ]
}

fn e<T>(r: langevin_base::Result<T>) -> Result<T, String> {
    r.map_err(|e| e.to_string())
}

fn normal_cdf(x: f64, mean: f64, var: f64) -> f64 {
    0.5 * statrs::function::erf::erfc(-(x - mean) / (2.0 * var).sqrt())
}

fn rel_se_var(n: usize) -> f64 {
    (2.0 / (n as f64 - 1.0)).sqrt()
}

// ---------------------------------------------------------------------------------------------

/// Ornstein–Uhlenbeck with Euler–Maruyama against the exact moments of the discrete chain.
pub struct OuEm;

impl Suite for OuEm {
    fn name(&self) -> &'static str {
        "base-ou"
    }
    fn krate(&self) -> &'static str {
        "langevin-base"
    }
    fn description(&self) -> &'static str {
        "EM on dX = -θX dt + √(2/β) dW: ensemble mean/variance vs the exact AR(1) chain moments, KS vs its Gaussian law, stationary variance"
    }

    #[allow(clippy::too_many_lines)]
    fn run(&self, ctx: &Ctx) -> Result<SuiteOutput, String> {
        let (theta, beta, h, x0) = (1.0, 2.0, 0.05, 2.0);
        let n = ctx.pick(1_000_000, 100_000);
        let u = e(Harmonic::isotropic(1, theta))?;
        let em = e(EulerMaruyama::new(h, 1.0, beta))?;
        let a: f64 = 1.0 - theta * h;
        // Exact moments of x_k = a x_{k-1} + √(2h/β) ξ_k: mean x₀aᵏ, var (2h/β)(1-a^{2k})/(1-a²).
        let chain_mean = |k: u64| x0 * a.powi(k as i32);
        let chain_var = |k: u64| 2.0 * h / beta * (1.0 - a.powi(2 * k as i32)) / (1.0 - a * a);

        let mut ens = e(Ensemble::new(n, 1, Seed(ctx.seed).derive(1)))?;
        e(ens.fill_positions(&[x0]))?;
        let m1 = e(ens.run_moments(&em, &u, 20, 1))?;

        // KS of the whole ensemble at t = 1 (k = 20) against N(mean_k, var_k) of the chain.
        let (mk, vk) = (chain_mean(20), chain_var(20));
        let ks = e(stats::ks_statistic(ens.positions(), |x| {
            normal_cdf(x, mk, vk)
        }))?;

        let m2 = e(ens.run_moments(&em, &u, 400, 10))?;
        let mut out = SuiteOutput::default();

        // Collect (step, mean, var) over both phases.
        let mut steps = Vec::new();
        let mut means = Vec::new();
        let mut vars = Vec::new();
        for (r, _) in m1.times.iter().enumerate() {
            steps.push(r as u64);
            means.push(m1.position_mean(r, 0));
            vars.push(m1.position_variance(r, 0));
        }
        for r in 1..m2.times.len() {
            steps.push(20 + 10 * r as u64);
            means.push(m2.position_mean(r, 0));
            vars.push(m2.position_variance(r, 0));
        }
        let nf = n as f64;
        for &k in &[5u64, 10, 20, 40, 80] {
            let i = steps.iter().position(|&s| s == k).ok_or("record missing")?;
            let t = k as f64 * h;
            let (em_, ev) = (chain_mean(k), chain_var(k));
            out.check(
                Check::close(
                    format!("mean(t={t})"),
                    means[i],
                    em_,
                    5.0 * (ev / nf).sqrt(),
                )
                .note(format!(
                    "exact chain mean x0(1-θh)^{k}; tol 5σ, σ = √(Var/n), n = {n}"
                )),
            );
            out.check(
                Check::close(format!("var(t={t})"), vars[i], ev, 5.0 * ev * rel_se_var(n)).note(
                    format!(
                        "exact chain variance (2h/β)Σ(1-θh)^(2j), j<{k}; tol 5σ, σ = Var√(2/(n-1))"
                    ),
                ),
            );
        }
        out.check(
            Check::at_least("KS p-value (t=1)", ks.p_value, 0.001, 0.0).note(format!(
                "ensemble of {n} at t=1 vs N({mk:.6}, {vk:.6}) of the chain; D = {:.5}; fails with prob. 0.001 under H0",
                ks.d
            )),
        );
        let v_stat = 2.0 * h / (beta * (1.0 - a * a));
        let last = vars.len() - 1;
        out.check(
            Check::close("stationary var (t=21)", vars[last], v_stat, 5.0 * v_stat * rel_se_var(n)).note(format!(
                "AR(1) value 2h/(β(1-(1-θh)²)) = {v_stat:.6} (continuous 1/(βθ) = {:.6}; EM bias {:.2}%); 5σ",
                1.0 / (beta * theta),
                100.0 * (v_stat * beta * theta - 1.0)
            )),
        );

        let times: Vec<f64> = steps.iter().map(|&k| k as f64 * h).collect();
        let tt: Vec<f64> = (0..=210).map(|i| f64::from(i) * 0.1).collect();
        let exact_mean: Vec<f64> = tt.iter().map(|t| x0 * (-theta * t).exp()).collect();
        let exact_var: Vec<f64> = tt
            .iter()
            .map(|t| (1.0 - (-2.0 * theta * t).exp()) / (beta * theta))
            .collect();
        let chain_m: Vec<f64> = steps.iter().map(|&k| chain_mean(k)).collect();
        let chain_v: Vec<f64> = steps.iter().map(|&k| chain_var(k)).collect();
        out.plot(
            Plot::new(
                "moments",
                "OU with Euler–Maruyama (h = 0.05): ensemble moments",
                "t",
                "mean, variance",
            )
            .curve(
                "mean (ensemble)",
                times.clone(),
                means.clone(),
                Style::Points,
            )
            .curve(
                "mean (exact chain)",
                times.clone(),
                chain_m.clone(),
                Style::Line,
            )
            .curve("mean (continuous OU)", tt.clone(), exact_mean, Style::Line)
            .curve("var (ensemble)", times.clone(), vars.clone(), Style::Points)
            .curve(
                "var (exact chain)",
                times.clone(),
                chain_v.clone(),
                Style::Line,
            )
            .curve("var (continuous OU)", tt.clone(), exact_var, Style::Line),
        );
        out.series("times", times);
        out.series("mean", means);
        out.series("mean_exact_chain", chain_m);
        out.series("var", vars);
        out.series("var_exact_chain", chain_v);
        Ok(out)
    }
}

// ---------------------------------------------------------------------------------------------

/// BAOAB on the harmonic oscillator: exact configurational variance, O(h²) kinetic error.
pub struct BaoabHarmonic;

impl Suite for BaoabHarmonic {
    fn name(&self) -> &'static str {
        "base-baoab-harmonic"
    }
    fn krate(&self) -> &'static str {
        "langevin-base"
    }
    fn description(&self) -> &'static str {
        "BAOAB on U = kq²/2: Var q = 1/(βk) exactly, Var p = (1-h²k/4)/β, fitted order 2 of the kinetic error, equipartition"
    }

    fn run(&self, ctx: &Ctx) -> Result<SuiteOutput, String> {
        let (k, beta, gamma) = (1.0, 1.0, 1.0);
        let n = ctx.pick(1_000_000, 200_000);
        let u = e(Harmonic::isotropic(1, k))?;
        let t_eq = 40.0;
        let mut out = SuiteOutput::default();
        let tol_rel = 5.0 * rel_se_var(n);

        let measure = |h: f64, tag: u64| -> Result<(f64, f64), String> {
            let s = e(Baoab::new(h, gamma, beta))?;
            let mut ens = e(Ensemble::new(n, 1, Seed(ctx.seed).derive(100 + tag)))?;
            e(ens.run(&s, &u, (t_eq / h).ceil() as u64))?;
            // Mean zero is known exactly: second moments about 0.
            let vq = ens.positions().iter().map(|x| x * x).sum::<f64>() / n as f64;
            let vp = ens.momenta().iter().map(|x| x * x).sum::<f64>() / n as f64;
            Ok((vq, vp))
        };

        let hs = [0.4, 0.8, 1.6];
        let (mut errs, mut vqs, mut vps) = (Vec::new(), Vec::new(), Vec::new());
        for (i, &h) in hs.iter().enumerate() {
            let (vq, vp) = measure(h, i as u64)?;
            let (eq, ep) = (1.0 / (beta * k), (1.0 - h * h * k / 4.0) / beta);
            out.check(Check::close(format!("Var q (h={h})"), vq, eq, tol_rel * eq).note(format!(
                "stationary Var q of the BAOAB chain is exactly 1/(βk) for h < 2/√k (Leimkuhler–Matthews 2013; Lyapunov equation of the linear chain); n = {n}, tol 5σ"
            )));
            out.check(
                Check::close(format!("Var p (h={h})"), vp, ep, tol_rel * ep).note(
                    "exact full-step Var p of the chain (1-h²k/4)/β; tol 5σ, σ = Var√(2/(n-1))",
                ),
            );
            errs.push((vp - 1.0 / beta).abs());
            vqs.push(vq);
            vps.push(vp);
        }
        let lh: Vec<f64> = hs.iter().map(|h: &f64| h.ln()).collect();
        let le: Vec<f64> = errs.iter().map(|x| x.ln()).collect();
        let fit = e(stats::linear_fit(&lh, &le))?;
        out.check(Check::close("order of |⟨p²⟩-1/β|", fit.slope, 2.0, 0.3).note(format!(
            "log-log slope over h = {hs:?}; weak order 2 of BAOAB (exact error h²k/(4β)); slope stderr {:.3}; tol 0.3",
            fit.slope_stderr
        )));

        // Equipartition at a small step: the O(h²) bias h²k/(4β) plus 5σ.
        let h_small = 0.1;
        let (_, vp) = measure(h_small, 9)?;
        let bias = h_small * h_small * k / (4.0 * beta);
        out.check(
            Check::close(
                "equipartition ⟨p²/m⟩ (h=0.1)",
                vp,
                1.0 / beta,
                bias + tol_rel / beta,
            )
            .note(format!(
                "continuous value 1/β; BAOAB's kinetic bias h²k/(4β) = {bias:.4} plus 5σ"
            )),
        );

        let fine: Vec<f64> = (1..=40).map(|i| f64::from(i) * 0.05).collect();
        out.plot(
            Plot::new(
                "order",
                "BAOAB kinetic-temperature error vs step size",
                "h",
                "|⟨p²⟩ - 1/β|",
            )
            .scales(Scale::Log, Scale::Log)
            .curve("measured", hs.to_vec(), errs.clone(), Style::Points)
            .curve(
                "exact h²k/(4β)",
                fine.clone(),
                fine.iter().map(|h| h * h * k / (4.0 * beta)).collect(),
                Style::Line,
            )
            .curve(
                &format!("fit, slope {:.3}", fit.slope),
                fine.clone(),
                fine.iter()
                    .map(|h| (fit.intercept + fit.slope * h.ln()).exp())
                    .collect(),
                Style::Line,
            ),
        );
        out.series("h", hs.to_vec());
        out.series("var_q", vqs);
        out.series("var_p", vps);
        out.series("kinetic_error", errs);
        out.series(
            "fit_slope_intercept",
            vec![fit.slope, fit.intercept, fit.slope_stderr],
        );
        Ok(out)
    }
}

// ---------------------------------------------------------------------------------------------

/// BAOAB in the double well against the Boltzmann density by quadrature.
pub struct DoubleWellBoltzmann;

impl Suite for DoubleWellBoltzmann {
    fn name(&self) -> &'static str {
        "base-double-well"
    }
    fn krate(&self) -> &'static str {
        "langevin-base"
    }
    fn description(&self) -> &'static str {
        "BAOAB in U = (x²-1)², β = 3: ensemble positions vs the Boltzmann density by Simpson quadrature (KS and χ²)"
    }

    fn run(&self, ctx: &Ctx) -> Result<SuiteOutput, String> {
        let (beta, gamma, h) = (3.0, 1.0, 0.02);
        let n = ctx.pick(200_000, 40_000);
        let u = e(DoubleWell::new(1.0, 0.0))?;
        let s = e(Baoab::new(h, gamma, beta))?;

        // Independent particles, half in each well (the exact well weights by symmetry),
        // equilibrated within the wells for t = 30 (momentum relaxation e^{-γt/2} ≈ 3e-7).
        let mut ens = e(Ensemble::new(n, 1, Seed(ctx.seed).derive(200)))?;
        for (i, q) in ens.positions_mut().iter_mut().enumerate() {
            *q = if i % 2 == 0 { -1.0 } else { 1.0 };
        }
        e(ens.run(&s, &u, 1500))?;
        let x = ens.positions();

        let boltz = e(Boltzmann1d::new(
            |x| (x * x - 1.0).powi(2),
            beta,
            -3.0,
            3.0,
            6000,
        ))?;
        let ks = e(stats::ks_statistic(x, |v| boltz.cdf(v)))?;
        let mut out = SuiteOutput::default();
        out.check(Check::at_least("KS p-value", ks.p_value, 0.001, 0.0).note(format!(
            "{n} independent particles at t = 30 vs the Boltzmann CDF (Simpson, 6000 panels on [-3,3]); D = {:.5}; BAOAB bias O(h²) at h = {h} is below the KS resolution",
            ks.d
        )));

        // χ² over 40 bins of [-2, 2]: bins with expected count < 5 are dropped (not merged).
        let mut hist = e(Histogram::new(-2.0, 2.0, 40))?;
        e(hist.fill(x))?;
        let probs = e(boltz.bin_probabilities(&hist.edges()))?;
        let (mut chi2, mut dof) = (0.0, 0usize);
        for (&c, &p) in hist.counts().iter().zip(&probs) {
            let expected = p * n as f64;
            if expected >= 5.0 {
                chi2 += (c as f64 - expected).powi(2) / expected;
                dof += 1;
            }
        }
        let kept = dof;
        let dof = (dof - 1) as f64;
        let p_chi2 = 1.0 - ChiSquared::new(dof).map_err(|e| e.to_string())?.cdf(chi2);
        out.check(Check::at_least("χ² p-value", p_chi2, 0.001, 0.0).note(format!(
            "40 equal bins on [-2,2] against Boltzmann bin probabilities; the {} bins with expected count < 5 (near ±2) are dropped, not merged, leaving {kept}; χ² = {chi2:.1} with dof = {kept} - 1 = {dof}",
            40 - kept
        )));
        let mean = e(Welford::from_slice(x))?;
        out.check(
            Check::close("⟨x⟩", mean.mean(), 0.0, 5.0 * mean.std_err())
                .note("symmetric potential: ⟨x⟩ = 0; tol 5σ"),
        );

        let centers = hist.centers();
        let exact: Vec<f64> = centers.iter().map(|&c| boltz.density(c)).collect();
        let fine: Vec<f64> = (0..=400).map(|i| -2.0 + f64::from(i) * 0.01).collect();
        out.plot(
            Plot::new(
                "histogram",
                "BAOAB in (x²-1)², β = 3: positions vs Boltzmann density",
                "x",
                "density",
            )
            .curve(
                "histogram",
                hist.edges()[..40].to_vec(),
                hist.density(),
                Style::Bars,
            )
            .curve(
                "exact e^{-βU}/Z",
                fine.clone(),
                fine.iter().map(|&c| boltz.density(c)).collect(),
                Style::Line,
            ),
        );
        out.series("bin_edges", hist.edges());
        out.series("density", hist.density());
        out.series("density_exact_at_centers", exact);
        Ok(out)
    }
}

// ---------------------------------------------------------------------------------------------

/// Kramers escape: mean first-passage time of overdamped EM in the double well.
pub struct Kramers;

impl Suite for Kramers {
    fn name(&self) -> &'static str {
        "base-kramers"
    }
    fn krate(&self) -> &'static str {
        "langevin-base"
    }
    fn description(&self) -> &'static str {
        "Overdamped EM in (x²-1)², βΔU = 5: MFPT -1 → +1 vs the exact quadrature formula and the Kramers rate"
    }

    #[allow(clippy::too_many_lines)]
    fn run(&self, ctx: &Ctx) -> Result<SuiteOutput, String> {
        let (beta, gamma) = (5.0, 1.0);
        let n = ctx.pick(50_000, 5_000);
        let h = ctx.pick(0.01, 0.02);
        let u = e(DoubleWell::new(1.0, 0.0))?;
        let uf = |x: f64| (x * x - 1.0).powi(2);

        // References: the exact 1-D MFPT and the Kramers rate k = √(U''(-1)|U''(0)|)/(2πγ) e^{-βΔU}.
        let t_exact = e(stats::mfpt_overdamped_1d(
            uf, beta, gamma, -3.0, -1.0, 1.0, 20_000,
        ))?;
        let kramers = (8.0f64 * 4.0).sqrt() / (2.0 * std::f64::consts::PI * gamma) * (-beta).exp();
        let t_kramers = 1.0 / kramers;

        let cross = Crossing {
            component: 0,
            level: 1.0,
            upward: true,
        };
        let measure = |dt: f64, tag: u64| -> Result<(Welford, Vec<f64>, usize), String> {
            let em = e(EulerMaruyama::new(dt, gamma, beta))?;
            let mut ens = e(Ensemble::new(n, 1, Seed(ctx.seed).derive(300 + tag)))?;
            e(ens.fill_positions(&[-1.0]))?;
            let max_steps = (40.0 * t_exact / dt) as u64;
            let fp = e(ens.first_passage(&em, &u, cross, max_steps))?;
            let times: Vec<f64> = fp.times.iter().flatten().copied().collect();
            Ok((fp.statistics(), times, fp.censored))
        };
        let (w1, _, c1) = measure(h, 0)?;
        let (w2, times2, c2) = measure(0.5 * h, 1)?;

        // Richardson extrapolation of the first-order EM bias: T₀ ≈ 2T_{h/2} - T_h.
        let t_rich = 2.0 * w2.mean() - w1.mean();
        let se_rich = (4.0 * w2.std_err().powi(2) + w1.std_err().powi(2)).sqrt();
        let mut out = SuiteOutput::default();
        out.check(Check::close("MFPT (Richardson h, h/2)", t_rich, t_exact, 5.0 * se_rich).note(format!(
            "exact T = βγ∫₋₁¹e^(βU(y))∫₋∞^y e^(-βU(z))dz dy (Simpson); 2T(h/2)-T(h) with h = {h}: T(h) = {:.2}, T(h/2) = {:.2}; n = {n} each; tol 5σ = {:.2}",
            w1.mean(),
            w2.mean(),
            5.0 * se_rich
        )));
        let corr = 3.0 / (8.0 * beta);
        let tol_k = (corr + 1.0 / (beta * beta)) * t_kramers + 5.0 * se_rich;
        out.check(Check::close("MFPT vs Kramers 1/k", t_rich, t_kramers, tol_k).note(format!(
            "overdamped Kramers rate √(U''(-1)|U''(0)|)/(2πγ)e^(-βΔU), βΔU = {beta}; tolerance: Laplace correction 3/(8β) = {:.1}% plus a bound 1/β² = {:.0}% on the next order, plus 5σ",
            100.0 * corr,
            100.0 / (beta * beta)
        )));
        out.check(
            Check::at_most("censored particles", (c1 + c2) as f64, 0.0, 0.0)
                .note("time cap 40·T: P(censored) = e^-40 per particle"),
        );

        // Survival curve of the h/2 sample against e^{-t/T}.
        let mut sorted = times2.clone();
        sorted.sort_unstable_by(f64::total_cmp);
        let tmax = 5.0 * t_exact;
        let grid: Vec<f64> = (0..=100).map(|i| f64::from(i) * tmax / 100.0).collect();
        let surv: Vec<f64> = grid
            .iter()
            .map(|&t| 1.0 - sorted.partition_point(|&x| x <= t) as f64 / sorted.len() as f64)
            .collect();
        let expo: Vec<f64> = grid.iter().map(|t| (-t / t_exact).exp()).collect();
        out.plot(
            Plot::new(
                "survival",
                "First passage -1 → +1, overdamped EM, βΔU = 5",
                "t",
                "P(τ > t)",
            )
            .scales(Scale::Linear, Scale::Log)
            .curve(
                &format!("EM, h = {}", 0.5 * h),
                grid.clone(),
                surv.clone(),
                Style::Points,
            )
            .curve("exp(-t/T_exact)", grid.clone(), expo, Style::Line),
        );
        out.series("survival_t", grid);
        out.series("survival", surv);
        out.series(
            "mfpt_h_h2_richardson_exact_kramers",
            vec![w1.mean(), w2.mean(), t_rich, t_exact, t_kramers],
        );
        Ok(out)
    }
}

// ---------------------------------------------------------------------------------------------

/// Bitwise reproducibility of ensembles across thread counts.
pub struct Reproducibility;

type Runner<'a> = &'a (dyn Fn(Seed) -> Result<Vec<u64>, String> + Sync);

fn bits(v: &[f64]) -> Vec<u64> {
    v.iter().map(|x| x.to_bits()).collect()
}

fn differing(a: &[u64], b: &[u64]) -> usize {
    a.iter().zip(b).filter(|(x, y)| x != y).count() + a.len().abs_diff(b.len())
}

impl Suite for Reproducibility {
    fn name(&self) -> &'static str {
        "base-reproducibility"
    }
    fn krate(&self) -> &'static str {
        "langevin-base"
    }
    fn description(&self) -> &'static str {
        "Ensembles on 1 and 2 rayon threads are bitwise equal (states, moments, first-passage times)"
    }

    fn run(&self, ctx: &Ctx) -> Result<SuiteOutput, String> {
        let n = ctx.pick(16, 4) * langevin_base::ensemble::BLOCK + 17;
        let seed = Seed(ctx.seed).derive(400);
        let pool = |k: usize| {
            rayon::ThreadPoolBuilder::new()
                .num_threads(k)
                .build()
                .map_err(|e| e.to_string())
        };
        let dw = e(DoubleWell::new(1.0, 0.0))?;
        let ls = LemonSlice::default();

        let baoab_run = |seed: Seed| -> Result<Vec<u64>, String> {
            let s = e(Baoab::new(0.01, 1.0, 3.0))?;
            let mut ens = e(Ensemble::new(n, 1, seed))?;
            e(ens.fill_positions(&[-1.0]))?;
            let m = e(ens.run_moments(&s, &dw, 500, 50))?;
            let mut v = bits(ens.positions());
            v.extend(bits(ens.momenta()));
            v.extend(
                m.position
                    .iter()
                    .flat_map(|w| [w.mean().to_bits(), w.variance().to_bits()]),
            );
            v.extend(
                m.momentum
                    .iter()
                    .flat_map(|w| [w.mean().to_bits(), w.variance().to_bits()]),
            );
            Ok(v)
        };
        let lemon_run = |seed: Seed| -> Result<Vec<u64>, String> {
            let s = e(Baoab::new(0.002, 1.0, 1.0))?;
            let mut ens = e(Ensemble::new(n, 2, seed))?;
            e(ens.fill_positions(&[1.0, 0.0]))?;
            e(ens.run(&s, &ls, 200))?;
            Ok(bits(ens.positions()))
        };
        let fpt_run = |seed: Seed| -> Result<Vec<u64>, String> {
            let em = e(EulerMaruyama::new(0.01, 1.0, 2.0))?;
            let mut ens = e(Ensemble::new(n / 4, 1, seed))?;
            e(ens.fill_positions(&[-1.0]))?;
            let fp = e(ens.first_passage(
                &em,
                &dw,
                Crossing {
                    component: 0,
                    level: 1.0,
                    upward: true,
                },
                1_000_000,
            ))?;
            Ok(fp
                .times
                .iter()
                .map(|t| t.map_or(u64::MAX, f64::to_bits))
                .collect())
        };

        let mut out = SuiteOutput::default();
        let cases: [(&str, Runner<'_>); 3] = [
            ("BAOAB double well: states + moments", &baoab_run),
            ("BAOAB Lemon Slice (2-D): states", &lemon_run),
            ("EM first-passage times", &fpt_run),
        ];
        let (p1, p2) = (pool(1)?, pool(2)?);
        for (name, f) in cases {
            let a = p1.install(|| f(seed))?;
            let b = p2.install(|| f(seed))?;
            let c = p2.install(|| f(Seed(seed.0 ^ 1)))?;
            out.check(
                Check::at_most(
                    format!("{name}: differing values 1 vs 2 threads"),
                    differing(&a, &b) as f64,
                    0.0,
                    0.0,
                )
                .note(format!(
                    "{} values compared bit for bit; {n} particles in blocks of {}",
                    a.len(),
                    langevin_base::ensemble::BLOCK
                )),
            );
            out.check(
                Check::at_least(
                    format!("{name}: other seed differs"),
                    differing(&a, &c) as f64,
                    1.0,
                    0.0,
                )
                .note("sanity: a different seed must change the results"),
            );
        }
        Ok(out)
    }
}
