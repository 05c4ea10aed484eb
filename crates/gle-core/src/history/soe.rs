//! Sum-of-exponentials (SOE) approximation of completely monotone kernels on `[dt, T]`, and
//! the history sum built on it.
//!
//! ```text
//! k(τ) ≈ Σ_{j=1}^{M} wⱼ e^{-sⱼτ},   max_{τ∈[dt,T]} |k(τ) - Σ wⱼ e^{-sⱼτ}| / |k(τ)| ≤ ε
//! ```
//!
//! **Power law** (analytic route, Beylkin & Monzón 2010, doi:10.1016/j.acha.2009.08.011):
//! `(τ+c)^{-β} = Γ(β)⁻¹ ∫_ℝ e^{βx - (τ+c)eˣ} dx` (Laplace transform with `s = eˣ`), discretised
//! by the trapezoidal rule with step `h` on `[x_min, x_max]`: `sⱼ = e^{xⱼ}`,
//! `wⱼ = h e^{βxⱼ - c sⱼ}/Γ(β)`. By Poisson summation the relative discretisation error is
//! `2 Σ_{k≥1} |Γ(β + 2πik/h)|/Γ(β)`, uniform in `τ`; `x_max` is set so that the truncated
//! upper tail `Γ(β, (dt+c)e^{x_max})/Γ(β)` and `x_min` so that `e^{βx_min}(T+c)^β/(βΓ(β))`
//! are below `ε/10`.
//!
//! **Other completely monotone profiles** (stretched exponentials, closures): weights for
//! log-spaced rates `sⱼ = e^{x_min + jh}` by least squares in the relative error on a log grid
//! of `[dt, T]`, solved by a truncated SVD (faer), so that ill-conditioning cannot produce
//! huge cancelling weights.
//!
//! Both are followed by compression (the slowest rates, nearly constant on `[0, T]`, are merged
//! into one moment-matched term; terms whose largest relative contribution is negligible are
//! dropped) and by verification of the maximum relative error on a dense log grid; if it
//! exceeds `ε` the step `h` is reduced and the fit repeated (at most eight times).
//! `M` grows like `log(1/ε)·log(T/dt)`.

use super::HistorySum;
use super::prony::{ExpTerm, PronyHistory, exp_terms};
use crate::error::{GleError, Result, positive};
use crate::kernel::ScalarKernel;
use special::Gamma;

/// A sum of exponentials `Σ wⱼ e^{-sⱼτ}` approximating a kernel on `[dt, T]`, built by
/// [`SoeApproximation::fit`].
///
/// # Example
/// ```
/// use gle_core::history::SoeApproximation;
/// use gle_core::kernel::ScalarKernel;
/// let k = ScalarKernel::power_law(1.0, 0.1, 1.5).unwrap();
/// let soe = SoeApproximation::fit(&k, 0.01, 10.0, 1e-6).unwrap();
/// // M grows like log(1/ε)·log(T/dt): a few dozen terms at most here
/// assert!(soe.len() < 60 && soe.max_rel_error <= soe.eps);
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct SoeApproximation {
    /// Weights `wⱼ`.
    pub weights: Vec<f64>,
    /// Rates `sⱼ` (ascending).
    pub rates: Vec<f64>,
    /// Maximum relative error measured on the verification grid of `[dt, T]`.
    pub max_rel_error: f64,
    /// Requested relative error `ε`.
    pub eps: f64,
    /// Left end `dt` of the interval of validity.
    pub dt: f64,
    /// Right end `T` of the interval of validity.
    pub t_end: f64,
}

/// Points per decade of the verification grid.
const VERIFY_PER_DECADE: usize = 200;
/// Largest accepted ratio `T/dt` of the interval of validity (16 decades).
///
/// # Example
/// ```
/// use gle_core::{GleError, history::{MAX_SOE_RANGE, SoeApproximation}, kernel::ScalarKernel};
/// let k = ScalarKernel::power_law(1.0, 1.0, 2.0)?;
/// let e = SoeApproximation::fit(&k, 1e-10, 1e7, 1e-6).unwrap_err(); // T/dt = 10¹⁷
/// assert!(matches!(e, GleError::TooLarge { limit, .. } if limit == MAX_SOE_RANGE));
/// # Ok::<(), GleError>(())
/// ```
pub const MAX_SOE_RANGE: f64 = 1e16;
/// Maximum number of refinements of the step `h`.
const MAX_REFINEMENTS: usize = 8;

impl SoeApproximation {
    /// Fits `Σ wⱼ e^{-sⱼτ}` to `k` on `[dt, T]` with maximum relative error `ε`.
    ///
    /// Supported: power laws (analytic quadrature), exponentials and real Prony sums (exact,
    /// returned as they are), shifted versions of these, stretched exponentials and closures
    /// (least squares; the profile must be completely monotone for the fit to succeed).
    ///
    /// # Example
    /// ```
    /// use gle_core::history::SoeApproximation;
    /// use gle_core::kernel::ScalarKernel;
    /// let k = ScalarKernel::power_law(1.0, 1.0, 4.0).unwrap();
    /// let soe = SoeApproximation::fit(&k, 0.01, 100.0, 1e-8).unwrap();
    /// assert!(soe.max_rel_error <= 1e-8);
    /// let t = 3.3;
    /// assert!((soe.eval(t) - k.eval(t)).abs() <= 1e-8 * k.eval(t));
    /// ```
    ///
    /// # Errors
    /// [`GleError::Base`] for `dt ≤ 0`, `ε ≤ 0` or NaN; [`GleError::HorizonTooShort`] for
    /// `T < dt`; [`GleError::TooLarge`] for `T/dt >` [`MAX_SOE_RANGE`] `= 10¹⁶` (the
    /// verification grid and the number of terms grow with `log(T/dt)`);
    /// [`GleError::InvalidKernel`] for `ε ≥ 1` or a profile that vanishes or
    /// changes sign on `[dt, T]` (relative error undefined); [`GleError::Unsupported`] for
    /// cut-offs, oscillatory and modulated profiles (not completely monotone; use
    /// `HistoryMethod::Prony` or `Fft`); [`GleError::QuadratureFailed`] if the verified
    /// error stays above `ε` after eight refinements (estimate = the error reached).
    ///
    /// # Numerical notes
    /// `ε` below about `1e-13` is not attainable in double precision. The fit is verified on
    /// a grid of 200 points per decade; between grid points the error of a smooth SOE cannot
    /// exceed the grid maximum by more than a small factor. References: G. Beylkin,
    /// L. Monzón, *Approximation by exponential sums revisited*, ACHA 28 (2010) 131–149,
    /// doi:10.1016/j.acha.2009.08.011; Lang & Lu, arXiv 2512.10256.
    pub fn fit(profile: &ScalarKernel, dt: f64, t_end: f64, eps: f64) -> Result<Self> {
        let dt = positive("dt", dt)?;
        let t_end = positive("t_end", t_end)?;
        let eps = positive("eps", eps)?;
        if t_end < dt {
            return Err(GleError::HorizonTooShort { t_end, dt });
        }
        if t_end / dt > MAX_SOE_RANGE {
            return Err(GleError::TooLarge {
                name: "T/dt",
                requested: t_end / dt,
                limit: MAX_SOE_RANGE,
            });
        }
        if eps >= 1.0 {
            return Err(GleError::InvalidKernel {
                name: "eps",
                value: eps,
                reason: "relative error of the SOE fit must be < 1",
            });
        }
        let grid = verify_grid(dt, t_end);
        let kv: Vec<f64> = grid.iter().map(|&t| profile.eval(t)).collect();
        if let Some(i) = kv
            .iter()
            .position(|k| !k.is_finite() || *k == 0.0 || k.signum() != kv[0].signum())
        {
            return Err(GleError::InvalidKernel {
                name: "tau",
                value: grid[i],
                reason: "SOE relative error needs a profile of one sign, non-zero on [dt, T]",
            });
        }
        let mut h = initial_step(profile, eps);
        let mut best = f64::INFINITY;
        for _ in 0..MAX_REFINEMENTS {
            let terms = raw_terms(profile, dt, t_end, eps, h)?;
            let terms = compress(terms, &grid, &kv, t_end, eps);
            let err = max_rel_error(&terms, &grid, &kv);
            if err <= eps {
                let (rates, weights) = terms.into_iter().unzip();
                return Ok(Self {
                    weights,
                    rates,
                    max_rel_error: err,
                    eps,
                    dt,
                    t_end,
                });
            }
            best = best.min(err);
            h *= 0.75;
        }
        Err(GleError::QuadratureFailed {
            estimate: best,
            tolerance: eps,
        })
    }

    /// The number of terms `M`.
    pub fn len(&self) -> usize {
        self.rates.len()
    }

    /// Whether the approximation has no terms.
    pub fn is_empty(&self) -> bool {
        self.rates.is_empty()
    }

    /// `Σ wⱼ e^{-sⱼτ}`.
    ///
    /// # Example
    /// ```
    /// use gle_core::history::SoeApproximation;
    /// use gle_core::kernel::ScalarKernel;
    /// // exponentials are represented exactly
    /// let soe = SoeApproximation::fit(&ScalarKernel::exponential(2.0, 0.5).unwrap(), 0.1, 10.0, 1e-8).unwrap();
    /// assert!((soe.eval(2.0) - 2.0 * (-1.0f64).exp()).abs() < 1e-15);
    /// ```
    ///
    /// # Numerical notes
    /// Valid (to relative error `ε`) on `[dt, T]` only; outside it the error is not controlled.
    pub fn eval(&self, tau: f64) -> f64 {
        self.weights
            .iter()
            .zip(&self.rates)
            .map(|(w, s)| w * (-s * tau).exp())
            .sum()
    }

    /// The approximation as a Prony kernel.
    ///
    /// # Example
    /// ```
    /// use gle_core::history::SoeApproximation;
    /// use gle_core::kernel::ScalarKernel;
    /// let k = ScalarKernel::power_law(1.0, 1.0, 4.0).unwrap();
    /// let soe = SoeApproximation::fit(&k, 0.02, 40.0, 1e-8).unwrap();
    /// let kt = soe.to_kernel().unwrap();
    /// assert!((kt.eval(1.0) - k.eval(1.0)).abs() <= 1e-8 * k.eval(1.0));
    /// ```
    ///
    /// # Errors
    /// [`GleError::Base`] if the approximation is empty.
    pub fn to_kernel(&self) -> Result<ScalarKernel> {
        ScalarKernel::prony(self.weights.clone(), self.rates.clone())
    }
}

/// Log-spaced grid of `[dt, T]`, endpoints included.
fn verify_grid(dt: f64, t_end: f64) -> Vec<f64> {
    let decades = (t_end / dt).log10();
    let n = ((decades * VERIFY_PER_DECADE as f64).ceil() as usize).max(2);
    (0..=n)
        .map(|i| dt * (t_end / dt).powf(i as f64 / n as f64))
        .collect()
}

fn max_rel_error(terms: &[(f64, f64)], grid: &[f64], kv: &[f64]) -> f64 {
    grid.iter()
        .zip(kv)
        .map(|(&t, &k)| {
            let s: f64 = terms.iter().map(|(s, w)| w * (-s * t).exp()).sum();
            ((s - k) / k).abs()
        })
        .fold(0.0, f64::max)
}

/// Initial trapezoid step from the Poisson-summation error `2|Γ(β+2πi/h)|/Γ(β) ≈ ε/4`
/// (Stirling: `|Γ(β+iy)| ≈ √(2π) y^{β-1/2} e^{-πy/2}`).
fn initial_step(profile: &ScalarKernel, eps: f64) -> f64 {
    let beta = match profile {
        ScalarKernel::PowerLaw { beta, .. } => *beta,
        _ => 1.0,
    };
    let lg = Gamma::ln_gamma(beta).0;
    let mut y: f64 = 5.0;
    for _ in 0..50 {
        // 2√(2π) y^{β-½} e^{-πy/2} / Γ(β) = ε/4
        y = (2.0 / std::f64::consts::PI)
            * ((8.0 * (2.0 * std::f64::consts::PI).sqrt() / eps).ln() + (beta - 0.5) * y.ln() - lg);
        y = y.max(1.0);
    }
    2.0 * std::f64::consts::PI / y
}

/// The terms `(rate, weight)` before compression.
fn raw_terms(
    profile: &ScalarKernel,
    dt: f64,
    t_end: f64,
    eps: f64,
    h: f64,
) -> Result<Vec<(f64, f64)>> {
    raw_terms_on(profile, dt, t_end, eps, h)
}

fn raw_terms_on(
    profile: &ScalarKernel,
    lo: f64,
    hi: f64,
    eps: f64,
    h: f64,
) -> Result<Vec<(f64, f64)>> {
    match profile {
        ScalarKernel::PowerLaw { a, c, beta } => Ok(power_law_terms(*a, *c, *beta, lo, hi, eps, h)),
        ScalarKernel::Shifted { inner, p } => {
            // k(τ+p) = Σ w e^{-s p} e^{-sτ}: fit the inner profile on [lo+p, hi+p].
            let t = raw_terms_on(inner, lo + p, hi + p, eps, h)?;
            Ok(t.into_iter()
                .map(|(s, w)| (s, w * (-s * p).exp()))
                .collect())
        }
        ScalarKernel::Exponential { .. } | ScalarKernel::Prony { .. } => {
            let terms = exp_terms(profile).unwrap_or_default();
            Ok(terms.iter().map(|t: &ExpTerm| (t.rate, t.c_re)).collect())
        }
        ScalarKernel::StretchedExponential { .. } | ScalarKernel::Custom(_) => {
            least_squares_terms(profile, lo, hi, eps, h)
        }
        _ => Err(GleError::Unsupported {
            what: "sum-of-exponentials fit needs a completely monotone profile (power law, \
                   stretched exponential, Prony, or a closure); cut-off, oscillatory and \
                   modulated kernels are not",
        }),
    }
}

/// Trapezoidal discretisation of `a(τ+c)^{-β} = a Γ(β)⁻¹ ∫ e^{βx-(τ+c)eˣ} dx` on `[lo, hi]`.
fn power_law_terms(
    a: f64,
    c: f64,
    beta: f64,
    lo: f64,
    hi: f64,
    eps: f64,
    h: f64,
) -> Vec<(f64, f64)> {
    let lg = Gamma::ln_gamma(beta).0;
    let target = (eps / 10.0).ln();
    // Upper cut: Γ(β, y)/Γ(β) ≈ y^{β-1} e^{-y}/Γ(β) ≤ ε/10.
    let mut y: f64 = -target;
    for _ in 0..50 {
        y = (-target + (beta - 1.0) * y.max(1.0).ln() - lg + 2f64.ln()).max(2.0 * beta);
    }
    let x_max = (y / (lo + c)).ln();
    // Lower cut: e^{βx}(hi+c)^β / (βΓ(β)) ≤ ε/10.
    let x_min = (target + beta.ln() + lg) / beta - (hi + c).ln();
    let n = ((x_max - x_min) / h).ceil() as usize;
    (0..=n)
        .map(|j| {
            let x = x_min + j as f64 * h;
            let s = x.exp();
            (s, a * h * (beta * x - c * s - lg).exp())
        })
        .collect()
}

/// Weights for log-spaced rates by least squares in the relative error (truncated SVD).
fn least_squares_terms(
    profile: &ScalarKernel,
    lo: f64,
    hi: f64,
    eps: f64,
    h: f64,
) -> Result<Vec<(f64, f64)>> {
    // Rates from well below 1/T (the slow tail) to well above 1/dt.
    let x_min = (0.01 / hi).ln();
    let x_max = (-(eps / 10.0).ln() / lo).ln();
    let n = ((x_max - x_min) / h).ceil() as usize + 1;
    let rates: Vec<f64> = (0..n).map(|j| (x_min + j as f64 * h).exp()).collect();
    let rows = (4 * n).max(60);
    let taus: Vec<f64> = (0..rows)
        .map(|i| lo * (hi / lo).powf(i as f64 / (rows - 1) as f64))
        .collect();
    let kv: Vec<f64> = taus.iter().map(|&t| profile.eval(t)).collect();
    // Equilibrate the columns, then a truncated SVD: min ‖A w - 1‖ with A_ij = e^{-s_j τ_i}/k(τ_i).
    let mut a = faer::Mat::<f64>::from_fn(rows, n, |i, j| (-rates[j] * taus[i]).exp() / kv[i]);
    let norms: Vec<f64> = (0..n)
        .map(|j| (0..rows).map(|i| a[(i, j)].powi(2)).sum::<f64>().sqrt())
        .collect();
    for (j, nj) in norms.iter().enumerate() {
        for i in 0..rows {
            a[(i, j)] /= nj;
        }
    }
    let svd = a.thin_svd().map_err(|_| GleError::QuadratureFailed {
        estimate: f64::NAN,
        tolerance: eps,
    })?;
    let (u, s, v) = (svd.U(), svd.S().column_vector(), svd.V());
    let smax = s[0];
    let mut w = vec![0.0; n];
    for r in 0..s.nrows() {
        if s[r] <= smax * 1e-14 {
            continue;
        }
        // coefficient (uᵣᵀ b)/σᵣ with b = 1 (relative residual)
        let ub: f64 = (0..rows).map(|i| u[(i, r)]).sum();
        let coef = ub / s[r];
        for (j, wj) in w.iter_mut().enumerate() {
            *wj += coef * v[(j, r)] / norms[j];
        }
    }
    Ok(rates.into_iter().zip(w).collect())
}

/// Merges the slowest rates into one moment-matched term and drops negligible terms, keeping
/// the total change below `ε/4` of `|k|` on the grid.
fn compress(
    mut terms: Vec<(f64, f64)>,
    grid: &[f64],
    kv: &[f64],
    t_end: f64,
    eps: f64,
) -> Vec<(f64, f64)> {
    terms.retain(|(_, w)| *w != 0.0);
    terms.sort_by(|a, b| a.0.total_cmp(&b.0));
    let kmin = kv.iter().fold(f64::INFINITY, |m, k| m.min(k.abs()));
    let budget = 0.25 * eps;

    // Merge: Σ wⱼ e^{-sⱼτ} ≈ W e^{-Sτ}, W = Σw, S = Σws/W; error ≤ ½τ² Σ|w|(s-S)² ≤ ½T²(...)
    let mut best = 0;
    let (mut w_sum, mut ws_sum) = (0.0, 0.0);
    for (i, &(s, w)) in terms.iter().enumerate() {
        if w <= 0.0 {
            break;
        }
        w_sum += w;
        ws_sum += w * s;
        let mean = ws_sum / w_sum;
        let spread: f64 = terms[..=i]
            .iter()
            .map(|(s, w)| w * (s - mean).powi(2))
            .sum();
        if 0.5 * t_end * t_end * spread <= 0.5 * budget * kmin {
            best = i + 1;
        } else {
            break;
        }
    }
    if best > 1 {
        let w: f64 = terms[..best].iter().map(|t| t.1).sum();
        let s = terms[..best].iter().map(|t| t.0 * t.1).sum::<f64>() / w;
        terms.splice(..best, [(s, w)]);
    }

    // Drop: largest relative contribution of each term on the grid, smallest first.
    let mut contrib: Vec<(f64, usize)> = terms
        .iter()
        .enumerate()
        .map(|(j, (s, w))| {
            let m = grid
                .iter()
                .zip(kv)
                .map(|(&t, &k)| (w * (-s * t).exp() / k).abs())
                .fold(0.0, f64::max);
            (m, j)
        })
        .collect();
    contrib.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut dropped = vec![false; terms.len()];
    let mut used = 0.0;
    for (m, j) in contrib {
        if used + m > 0.5 * budget {
            break;
        }
        used += m;
        dropped[j] = true;
    }
    terms
        .into_iter()
        .zip(dropped)
        .filter(|(_, d)| !d)
        .map(|(t, _)| t)
        .collect()
}

/// History sum with a sum-of-exponentials kernel: the Prony recursion on the fitted
/// [`SoeApproximation`].
///
/// # Example
/// ```
/// use gle_core::history::{HistorySum, SoeHistory};
/// use gle_core::kernel::ScalarKernel;
/// let k = ScalarKernel::power_law(1.0, 1.0, 4.0).unwrap();
/// let mut h = SoeHistory::new(&k, 0.01, 1000, 1, 1e-8).unwrap();
/// h.push(&[1.0]);
/// let mut out = [0.0];
/// h.sum(&mut out);
/// assert!((out[0] - k.eval(0.01)).abs() <= 1e-8 * k.eval(0.01));
/// assert!(h.approximation().len() < 80);
/// ```
///
/// # Errors
/// The errors of [`SoeApproximation::fit`] with `T = n_steps·dt`; `d = 0`.
///
/// # Numerical notes
/// `O(Md)` state and `2Md` flops per step; `|H_n - H_n^{exact}| ≤ ε Σ_m |k((n-m)dt)||v_m|`
/// for `n ≤ n_steps`. Past `T` the fit is not controlled (lags beyond `T` see the SOE's
/// own decay). Reference: Beylkin & Monzón 2010, doi:10.1016/j.acha.2009.08.011.
#[derive(Clone, Debug)]
pub struct SoeHistory {
    approx: SoeApproximation,
    inner: PronyHistory,
}

impl SoeHistory {
    /// Fits `k` on `[dt, T]`, `T = max(n_steps, 1)·dt`, to relative error `eps` and builds
    /// the recursion ([`SoeApproximation::fit`] then [`SoeHistory::from_approximation`]).
    ///
    /// # Example
    /// ```
    /// use gle_core::history::{HistorySum, SoeHistory};
    /// use gle_core::kernel::ScalarKernel;
    /// let k = ScalarKernel::power_law(1.0, 0.5, 2.0)?;
    /// let h = SoeHistory::new(&k, 0.05, 200, 3, 1e-6)?;
    /// let a = h.approximation();
    /// assert!(h.dim() == 3 && a.t_end == 10.0 && a.max_rel_error <= 1e-6);
    /// assert!(SoeHistory::new(&k, 0.05, 200, 0, 1e-6).is_err()); // d = 0
    /// # Ok::<(), gle_core::GleError>(())
    /// ```
    ///
    /// # Errors
    /// As [`SoeApproximation::fit`]; [`GleError::Base`] for `d = 0` (checked after the fit).
    ///
    /// # Numerical notes
    /// See [`SoeHistory`] and [`SoeApproximation::fit`].
    pub fn new(
        profile: &ScalarKernel,
        dt: f64,
        n_steps: usize,
        dim: usize,
        eps: f64,
    ) -> Result<Self> {
        let t_end = dt * n_steps.max(1) as f64;
        let approx = SoeApproximation::fit(profile, dt, t_end, eps)?;
        Self::from_approximation(approx, dt, dim)
    }

    /// The recursion `Σ wⱼ e^{-sⱼτ}` for a given approximation.
    ///
    /// `dt` is not compared with `approx.dt`: a different step evaluates the same sum on
    /// another grid, outside the interval where the error `ε` was verified if `dt < approx.dt`.
    ///
    /// # Example
    /// An exponential is fitted exactly, so the recursion reproduces `H_1 = k(dt)·v_0`:
    /// ```
    /// use gle_core::history::{HistorySum, SoeApproximation, SoeHistory};
    /// use gle_core::kernel::ScalarKernel;
    /// let k = ScalarKernel::exponential(2.0, 0.5)?;
    /// let approx = SoeApproximation::fit(&k, 0.1, 10.0, 1e-8)?;
    /// let mut h = SoeHistory::from_approximation(approx, 0.1, 1)?;
    /// h.push(&[3.0]);
    /// let mut out = [0.0];
    /// h.sum(&mut out);
    /// assert!((out[0] - 6.0 * (-0.05f64).exp()).abs() < 1e-14);
    /// # Ok::<(), gle_core::GleError>(())
    /// ```
    ///
    /// # Errors
    /// [`GleError::Base`] for `dt` non-finite or `≤ 0`, `d = 0`, or a non-finite weight or
    /// rate.
    ///
    /// # Numerical notes
    /// `O(Md)` state, `2Md` flops per step (the real Prony path of [`PronyHistory`]).
    pub fn from_approximation(approx: SoeApproximation, dt: f64, dim: usize) -> Result<Self> {
        let terms: Vec<ExpTerm> = approx
            .weights
            .iter()
            .zip(&approx.rates)
            .map(|(w, s)| ExpTerm::real(*w, *s))
            .collect();
        let inner = PronyHistory::from_terms(&terms, dt, dim)?;
        Ok(Self { approx, inner })
    }

    /// The fitted approximation (`M = approximation().len()`).
    pub fn approximation(&self) -> &SoeApproximation {
        &self.approx
    }
}

impl HistorySum for SoeHistory {
    fn dim(&self) -> usize {
        self.inner.dim()
    }
    fn push(&mut self, v: &[f64]) {
        self.inner.push(v);
    }
    fn sum(&mut self, out: &mut [f64]) {
        self.inner.sum(out);
    }
    fn len(&self) -> usize {
        self.inner.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::history::DirectHistory;
    use langevin_base::rng::{Seed, standard_normal};

    #[test]
    fn huge_log_range_is_rejected() {
        let k = ScalarKernel::power_law(1.0, 1.0, 1.5).unwrap();
        assert!(matches!(
            SoeApproximation::fit(&k, 1e-300, 1e300, 1e-6),
            Err(GleError::TooLarge { .. })
        ));
    }

    #[test]
    fn power_law_fits_reach_the_requested_error_with_logarithmic_m() {
        let mut ms = Vec::new();
        for (c, beta) in [(1.0, 4.0), (0.1, 1.5)] {
            let k = ScalarKernel::power_law(1.0, c, beta).unwrap();
            for eps in [1e-4, 1e-8, 1e-12] {
                let soe = SoeApproximation::fit(&k, 0.01, 1000.0, eps).unwrap();
                // independent check on a grid offset from the verification grid
                for i in 0..997 {
                    let t = 0.01 * 1e5f64.powf((f64::from(i) + 0.37) / 997.0);
                    let r = (soe.eval(t) - k.eval(t)).abs() / k.eval(t);
                    assert!(r <= 2.0 * eps, "c={c} β={beta} ε={eps} τ={t}: {r}");
                }
                ms.push(soe.len());
            }
        }
        // M ~ log(1/ε): from ε = 1e-4 to 1e-12 at most ~3.5x more terms, and well below 200
        assert!(ms.iter().all(|&m| m < 200), "{ms:?}");
        assert!(ms[2] as f64 <= 3.5 * ms[0] as f64, "{ms:?}");
    }

    #[test]
    fn stretched_exponential_fit_by_least_squares() {
        let k = ScalarKernel::stretched_exponential(1.0, 1.0, 0.5).unwrap();
        for (t_end, eps) in [(100.0, 1e-6), (1000.0, 1e-6), (1000.0, 1e-8)] {
            let soe = SoeApproximation::fit(&k, 0.01, t_end, eps).unwrap();
            assert!(soe.max_rel_error <= eps);
            for i in 0..500 {
                let t = 0.01 * (t_end / 0.01f64).powf((f64::from(i) + 0.5) / 500.0);
                let r = (soe.eval(t) - k.eval(t)).abs() / k.eval(t);
                assert!(r <= 2.0 * eps, "T={t_end} ε={eps} τ={t}: {r}");
            }
        }
    }

    #[test]
    fn soe_history_agrees_with_direct_to_about_eps() {
        let k = ScalarKernel::power_law(1.0, 0.1, 1.5).unwrap();
        let (dt, n, eps) = (0.01, 4000, 1e-8);
        let mut fast = SoeHistory::new(&k, dt, n, 1, eps).unwrap();
        let mut slow = DirectHistory::new(k.clone(), dt, 1).unwrap();
        let mut rng = Seed(3).root();
        let (mut a, mut b) = ([0.0], [0.0]);
        let mut abs_k_v = vec![0.0; 0];
        let mut worst = 0.0f64;
        for step in 0..n {
            let v = [standard_normal(&mut rng)];
            abs_k_v.push(v[0].abs());
            fast.push(&v);
            slow.push(&v);
            fast.sum(&mut a);
            slow.sum(&mut b);
            // bound ε Σ |k||v| (plus round-off)
            let bound: f64 = (0..=step)
                .map(|m| k.eval((step + 1 - m) as f64 * dt) * abs_k_v[m])
                .sum();
            worst = worst.max((a[0] - b[0]).abs() / bound);
        }
        assert!(worst <= eps, "{worst}");
    }

    #[test]
    fn bad_inputs_are_typed_errors() {
        let k = ScalarKernel::power_law(1.0, 1.0, 2.0).unwrap();
        assert!(matches!(
            SoeApproximation::fit(&k, 0.1, 0.05, 1e-6),
            Err(GleError::HorizonTooShort { .. })
        ));
        assert!(SoeApproximation::fit(&k, 0.0, 1.0, 1e-6).is_err());
        assert!(SoeApproximation::fit(&k, 0.1, 1.0, f64::NAN).is_err());
        let osc = ScalarKernel::oscillatory(1.0, 1.0, 2.0).unwrap();
        assert!(SoeApproximation::fit(&osc, 0.1, 10.0, 1e-6).is_err());
        let cut = k.cut_off(2.0).unwrap();
        assert!(SoeApproximation::fit(&cut, 0.1, 10.0, 1e-6).is_err());
        let unreachable = SoeApproximation::fit(&k, 0.01, 100.0, 1e-17);
        assert!(unreachable.is_err());
    }
}
