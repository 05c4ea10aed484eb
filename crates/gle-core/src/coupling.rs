//! Synchronized coupling: an exact and an approximate GLE driven by the same noise.
//!
//! Lang & Lu (arXiv 2512.10256) bound the distance between the solution `V` with kernel `K`
//! and `Ṽ` with kernel `K̃`, both started from the same initial condition and driven by the
//! same Brownian path, by the kernel error in a weighted norm:
//!
//! ```text
//! first order:   E|V_t - Ṽ_t|² ≤ C₂ (h(t) + σ²)
//! second order:  E r_t²        ≤ C₄ (h(t) + σ²),
//!                r² = ΔxᵀAΔx + ΔxᵀBΔv + ΔvᵀCΔv,
//!                A = γ⁻²uR + ½(1-2λ)²I,  B = (1-2λ)γ⁻¹I,  C = γ⁻²I
//! ```
//!
//! where `C₂`, `C₄` grow with `|||K - K̃|||_h²`. This module runs `M` such pairs in parallel
//! and measures `E|ΔV_t|²`, `E r_t²` and `C₂ = max_t E|ΔV_t|²/(h(t)+σ²)`,
//! `C₄ = max_t E r_t²/(h(t)+σ²)`.
//!
//! # Reproducibility
//! Pair `i` draws its noise from stream `i` of `seed.derive(0)` and its initial condition
//! from stream `i` of `seed.derive(1)`; per-pair results are collected in pair order and
//! summed sequentially, so the report is bitwise identical for any number of threads. Both
//! members of a pair execute the same floating-point operations when `K̃ = K`, so the
//! difference is then exactly zero.

use crate::error::{GleError, Result, finite, positive};
use crate::kernel::MemoryKernel;
use crate::solver::{
    FirstOrderGle, FirstOrderStepper, SecondOrderGle, SecondOrderStepper, draw_noise,
};
use langevin_base::potential::{Potential, QuadraticPlusSoft};
use langevin_base::rng::{Seed, Stream, standard_normal};
use rayon::prelude::*;

/// How the shared initial condition of each pair is chosen.
///
/// `Random` draws `x₀, v₀ = mean + std·ξ`, `ξ ~ N(0, I)`, from stream `i` of
/// `seed.derive(1)` for pair `i`.
///
/// # Example
/// With `std = 0` every pair starts from `mean`, which a run with `K̃ = K` leaves at zero error:
/// ```
/// use gle_core::coupling::{CouplingConfig, InitialCondition, couple_first_order};
/// use gle_core::kernel::{MemoryKernel, ScalarKernel};
/// use gle_core::solver::FirstOrderGle;
/// let k = MemoryKernel::isotropic(ScalarKernel::exponential(1.0, 1.0)?, 1)?;
/// let gle = FirstOrderGle::builder(k.clone()).dt(0.1).t_end(0.3).build()?;
/// let initial = InitialCondition::Random { mean: 2.0, std: 0.0 };
/// let cfg = CouplingConfig { pairs: 1, initial, ..CouplingConfig::default() };
/// assert_eq!(couple_first_order(&gle, &k, &cfg, |_| 1.0)?.c2, 0.0);
/// # Ok::<(), gle_core::GleError>(())
/// ```
///
/// # Errors
/// A coupled run rejects `Random` with a non-finite `mean` or a negative or non-finite
/// `std` ([`GleError::Base`]).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum InitialCondition {
    /// The initial state configured in the problem, for every pair.
    Configured,
    /// Every coordinate of `x₀` and `v₀` drawn as `mean + std·N(0,1)` (the paper uses
    /// `1 + 0.5 N(0, I)`), independently per pair, shared by both members of the pair.
    Random {
        /// Mean of each coordinate.
        mean: f64,
        /// Standard deviation of each coordinate.
        std: f64,
    },
}

/// The largest number of pairs a coupled run accepts: `2³²`.
///
/// # Example
/// ```
/// assert_eq!(gle_core::coupling::MAX_PAIRS, 4_294_967_296);
/// ```
pub const MAX_PAIRS: u64 = 1 << 32;

/// Settings of a coupled run.
///
/// # Example
/// ```
/// use gle_core::coupling::CouplingConfig;
/// use langevin_base::rng::Seed;
/// let cfg = CouplingConfig { pairs: 4, seed: Seed(3), ..CouplingConfig::default() };
/// assert_eq!(cfg.stride, 1);
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CouplingConfig {
    /// Number of pairs `1 ≤ M ≤` [`MAX_PAIRS`] `= 2³²`.
    pub pairs: usize,
    /// Seed of the noise and initial conditions.
    pub seed: Seed,
    /// Record every `stride`-th step (and the last); the constants are maxima over the records.
    pub stride: usize,
    /// Initial conditions (default: the paper's `1 + 0.5 N(0, I)`).
    pub initial: InitialCondition,
}

impl Default for CouplingConfig {
    fn default() -> Self {
        Self {
            pairs: 20,
            seed: Seed(0),
            stride: 1,
            initial: InitialCondition::Random {
                mean: 1.0,
                std: 0.5,
            },
        }
    }
}

/// Counters of a coupled run: pairs, steps `N = ⌊T/dt⌋` per trajectory, and kernel
/// evaluations summed over both members of every pair.
///
/// # Example
/// ```
/// use gle_core::coupling::{CouplingConfig, couple_first_order};
/// use gle_core::kernel::{MemoryKernel, ScalarKernel};
/// use gle_core::solver::FirstOrderGle;
/// let k = MemoryKernel::isotropic(ScalarKernel::exponential(1.0, 1.0)?, 1)?;
/// let gle = FirstOrderGle::builder(k.clone()).dt(0.1).t_end(0.5).build()?;
/// let cfg = CouplingConfig { pairs: 3, ..CouplingConfig::default() };
/// let st = couple_first_order(&gle, &k, &cfg, |_| 1.0)?.stats;
/// assert!(st.pairs == 3 && st.steps == 5 && st.kernel_evals > 0);
/// # Ok::<(), gle_core::GleError>(())
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CouplingStats {
    /// Pairs run.
    pub pairs: usize,
    /// Steps per trajectory.
    pub steps: usize,
    /// Kernel evaluations over all trajectories.
    pub kernel_evals: u64,
}

/// The measured distances of a coupled run.
///
/// ```text
/// mean_sq_dv[i] = (1/M) Σ_pairs |V_{tᵢ} - Ṽ_{tᵢ}|²,   c2 = maxᵢ mean_sq_dv[i] / (h(tᵢ) + σ²)
/// ```
///
/// and likewise `mean_r2`, `c4` for `r²` (second order). `times` holds `t = 0` (where the
/// distances are 0), every `stride`-th step and the last step.
///
/// # Example
/// A tiny coupled run with `K̃ = K`: both members execute identical operations, so every
/// distance is exactly zero.
/// ```
/// use gle_core::coupling::{CouplingConfig, couple_first_order};
/// use gle_core::kernel::{MemoryKernel, ScalarKernel};
/// use gle_core::solver::FirstOrderGle;
/// use langevin_base::rng::Seed;
/// let k = MemoryKernel::isotropic(ScalarKernel::exponential(1.0, 1.0)?, 2)?;
/// let gle = FirstOrderGle::builder(k.clone()).sigma(0.5).dt(0.1).t_end(1.0).build()?;
/// let cfg = CouplingConfig { pairs: 4, seed: Seed(7), stride: 5, ..CouplingConfig::default() };
/// let rep = couple_first_order(&gle, &k, &cfg, |t| (-t).exp())?;
/// assert_eq!(rep.times.len(), 3); // t = 0, 0.5, 1
/// assert!(rep.mean_sq_dv.iter().all(|&e| e == 0.0) && rep.c2 == 0.0);
/// assert!(rep.mean_r2.is_empty() && rep.c4.is_none()); // first order
/// # Ok::<(), gle_core::GleError>(())
/// ```
///
/// # Numerical notes
/// Monte-Carlo means over `M` pairs, summed in pair order (bitwise reproducible for any
/// number of threads). Reference: Lang & Lu, arXiv 2512.10256.
#[derive(Clone, Debug, PartialEq)]
pub struct CouplingReport {
    /// Recorded times.
    pub times: Vec<f64>,
    /// `E|V_t - Ṽ_t|²` at each recorded time (average over pairs).
    pub mean_sq_dv: Vec<f64>,
    /// `E r_t²` at each recorded time (second order; empty for first order).
    pub mean_r2: Vec<f64>,
    /// `h(t)` at each recorded time.
    pub weight: Vec<f64>,
    /// `C₂ = max_t E|ΔV_t|² / (h(t) + σ²)`.
    pub c2: f64,
    /// `C₄ = max_t E r_t² / (h(t) + σ²)` (second order only).
    pub c4: Option<f64>,
    /// Counters.
    pub stats: CouplingStats,
}

/// The hypocoercive quadratic form `r² = ΔxᵀAΔx + ΔxᵀBΔv + ΔvᵀCΔv` of the second-order theory.
///
/// `A = γ⁻²uR + ½(1-2λ)²I`, `B = (1-2λ)γ⁻¹I`, `C = γ⁻²I`.
///
/// # Example
/// ```
/// use gle_core::coupling::HypocoerciveMetric;
/// let m = HypocoerciveMetric::new(&[1.0], 1.0, 1.0, 0.0)?; // A = 1.5, B = 1, C = 1
/// assert_eq!(m.distance_sq(&[1.0], &[1.0]), 3.5);
/// # Ok::<(), gle_core::GleError>(())
/// ```
///
/// # Numerical notes
/// `r²` is positive definite when `A - B²/(4C)·I ⪰ 0`, i.e. `γ⁻²uR ⪰ 0`; it is evaluated in
/// `O(d²)`. Reference: Lang & Lu, arXiv 2512.10256, Sec. 4.
#[derive(Clone, Debug, PartialEq)]
pub struct HypocoerciveMetric {
    dim: usize,
    a: Vec<f64>,
    b: f64,
    c: f64,
}

impl HypocoerciveMetric {
    /// The metric for quadratic part `R` (row-major `d×d`), force weight `u`, friction `γ > 0`
    /// and `λ`: `A = γ⁻²uR + ½(1-2λ)²I`, `B = (1-2λ)γ⁻¹I`, `C = γ⁻²I`.
    ///
    /// # Example
    /// For `λ = ½` the cross term vanishes; with `R = 4I`, `u = 1`, `γ = 2`: `r² = |Δx|² + ¼|Δv|²`.
    /// ```
    /// use gle_core::{GleError, coupling::HypocoerciveMetric};
    /// let m = HypocoerciveMetric::new(&[4.0, 0.0, 0.0, 4.0], 1.0, 2.0, 0.5)?;
    /// assert_eq!((m.dim(), m.distance_sq(&[1.0, 1.0], &[2.0, 0.0])), (2, 3.0));
    /// assert!(matches!(HypocoerciveMetric::new(&[], 1.0, 1.0, 0.0), Err(GleError::Empty { .. })));
    /// assert!(HypocoerciveMetric::new(&[1.0, 0.0, 0.0], 1.0, 1.0, 0.0).is_err()); // not d×d
    /// # Ok::<(), gle_core::GleError>(())
    /// ```
    ///
    /// # Numerical notes
    /// `R` is not checked for symmetry; only its symmetric part enters `ΔxᵀAΔx`.
    ///
    /// # Errors
    /// [`GleError::Base`] for non-finite input, `γ ≤ 0`, or `R` not square;
    /// [`GleError::Empty`] for an empty `R`.
    pub fn new(r: &[f64], u: f64, gamma: f64, lambda: f64) -> Result<Self> {
        if r.is_empty() {
            return Err(GleError::Empty { name: "R" });
        }
        let gamma = positive("gamma", gamma)?;
        let u = finite("u", u)?;
        let lambda = finite("lambda", lambda)?;
        langevin_base::error::all_finite("R", r)?;
        let dim = (r.len() as f64).sqrt().round() as usize;
        langevin_base::error::same_dim("R", dim * dim, r.len())?;
        let g2 = gamma * gamma;
        let mut a: Vec<f64> = r.iter().map(|r| u * r / g2).collect();
        for i in 0..dim {
            a[i * dim + i] += 0.5 * (1.0 - 2.0 * lambda).powi(2);
        }
        Ok(Self {
            dim,
            a,
            b: (1.0 - 2.0 * lambda) / gamma,
            c: 1.0 / g2,
        })
    }

    /// The metric for a [`QuadraticPlusSoft`] potential (its `R`): `new(pot.quadratic(), u, γ, λ)`.
    ///
    /// # Example
    /// The Sec. 5.3 setting in `d = 1` (`R = 10`, `u = γ = 10`, `λ = 1/8`): `A = 1 + ½(¾)²`,
    /// `C = 1/100`.
    /// ```
    /// use gle_core::coupling::HypocoerciveMetric;
    /// use langevin_base::potential::QuadraticPlusSoft;
    /// let pot = QuadraticPlusSoft::new(vec![10.0], 100.0)?;
    /// let m = HypocoerciveMetric::for_potential(&pot, 10.0, 10.0, 0.125)?;
    /// assert_eq!(m, HypocoerciveMetric::new(&[10.0], 10.0, 10.0, 0.125)?);
    /// assert_eq!((m.distance_sq(&[1.0], &[0.0]), m.distance_sq(&[0.0], &[1.0])), (1.28125, 0.01));
    /// # Ok::<(), gle_core::GleError>(())
    /// ```
    ///
    /// # Numerical notes
    /// As [`HypocoerciveMetric::new`]; reference: Lang & Lu, arXiv 2512.10256, Sec. 4.
    ///
    /// # Errors
    /// As [`HypocoerciveMetric::new`].
    pub fn for_potential(
        u_pot: &QuadraticPlusSoft,
        u: f64,
        gamma: f64,
        lambda: f64,
    ) -> Result<Self> {
        Self::new(u_pot.quadratic(), u, gamma, lambda)
    }

    /// The dimension `d`.
    pub fn dim(&self) -> usize {
        self.dim
    }

    /// `r² = ΔxᵀAΔx + b Δx·Δv + c |Δv|²`.
    ///
    /// # Panics
    /// If `dx` or `dv` does not have length `d` (the message prints the three lengths).
    #[track_caller]
    pub fn distance_sq(&self, dx: &[f64], dv: &[f64]) -> f64 {
        let d = self.dim;
        assert!(
            dx.len() == d && dv.len() == d,
            "distance_sq: dx has length {}, dv has length {}, the metric has dimension {d}",
            dx.len(),
            dv.len()
        );
        let mut s = 0.0;
        for i in 0..d {
            let row: f64 = self.a[i * d..(i + 1) * d]
                .iter()
                .zip(dx)
                .map(|(a, x)| a * x)
                .sum();
            s += dx[i] * row + self.b * dx[i] * dv[i] + self.c * dv[i] * dv[i];
        }
        s
    }
}

/// Per-pair output: squared velocity differences and `r²` at the recorded steps.
struct PairOut {
    dv2: Vec<f64>,
    r2: Vec<f64>,
    evals: u64,
}

fn check_config(cfg: &CouplingConfig) -> Result<()> {
    if cfg.pairs == 0 {
        return Err(langevin_base::Error::Empty { name: "pairs" }.into());
    }
    if cfg.pairs as u64 > MAX_PAIRS {
        return Err(GleError::TooLarge {
            name: "pairs",
            requested: cfg.pairs as f64,
            limit: MAX_PAIRS as f64,
        });
    }
    if cfg.stride == 0 {
        return Err(langevin_base::Error::Empty { name: "stride" }.into());
    }
    if let InitialCondition::Random { mean, std } = cfg.initial {
        finite("mean", mean)?;
        crate::error::non_negative("std", std)?;
    }
    Ok(())
}

fn draw_initial(init: InitialCondition, rng: &mut Stream, configured: &[f64]) -> Vec<f64> {
    match init {
        InitialCondition::Configured => configured.to_vec(),
        InitialCondition::Random { mean, std } => configured
            .iter()
            .map(|_| mean + std * standard_normal(rng))
            .collect(),
    }
}

fn recorded(n: usize, n_steps: usize, stride: usize) -> bool {
    n.is_multiple_of(stride) || n == n_steps
}

/// `h(t)` on the recorded times, checked to be finite and `≥ 0` with `h(t) + σ²` a normal
/// positive number (so that `E|ΔV|²/(h + σ²)` stays finite).
fn weights(times: &[f64], sigma: f64, h: &impl Fn(f64) -> f64) -> Result<Vec<f64>> {
    let mut weight = Vec::with_capacity(times.len());
    for &t in times {
        let w = h(t);
        if !(w.is_finite() && w >= 0.0) {
            return Err(langevin_base::Error::OutOfRange {
                name: "h(t)",
                value: w,
                reason: "the weight must be finite and >= 0",
            }
            .into());
        }
        let denom = w + sigma * sigma;
        if denom < f64::MIN_POSITIVE {
            return Err(GleError::NotFinite {
                what: "h(t) + sigma^2 (must be >= f64::MIN_POSITIVE to divide by it)",
                value: denom,
            });
        }
        weight.push(w);
    }
    Ok(weight)
}

/// Sums the per-pair outputs in pair order and forms the report.
fn reduce(
    outs: &[PairOut],
    times: Vec<f64>,
    weight: Vec<f64>,
    sigma: f64,
    second: bool,
    steps: usize,
) -> Result<CouplingReport> {
    let m = outs.len() as f64;
    let len = times.len();
    let mut dv = vec![0.0; len];
    let mut r2 = if second { vec![0.0; len] } else { Vec::new() };
    let mut evals = 0;
    for o in outs {
        for (a, b) in dv.iter_mut().zip(&o.dv2) {
            *a += b;
        }
        for (a, b) in r2.iter_mut().zip(&o.r2) {
            *a += b;
        }
        evals += o.evals;
    }
    for a in dv.iter_mut().chain(r2.iter_mut()) {
        *a /= m;
    }
    let ratio_max = |e: &[f64]| {
        e.iter()
            .zip(&weight)
            .map(|(e, w)| e / (w + sigma * sigma))
            .fold(0.0_f64, f64::max)
    };
    let c2 = ratio_max(&dv);
    let c4 = second.then(|| ratio_max(&r2));
    for c in std::iter::once(c2).chain(c4) {
        if !c.is_finite() {
            return Err(GleError::NotFinite {
                what: "C = max E|d|^2 / (h(t) + sigma^2)",
                value: c,
            });
        }
    }
    Ok(CouplingReport {
        times,
        mean_sq_dv: dv,
        mean_r2: r2,
        weight,
        c2,
        c4,
        stats: CouplingStats {
            pairs: outs.len(),
            steps,
            kernel_evals: evals,
        },
    })
}

/// Runs `M` synchronized pairs of the first-order GLE: `exact` (kernel `K`) and the same
/// problem with kernel `K̃ = approx`; returns `E|ΔV_t|²` and `C₂` for the weight `h`.
///
/// # Example
/// With `K̃ = K` the difference is exactly zero:
/// ```
/// use gle_core::coupling::{couple_first_order, CouplingConfig};
/// use gle_core::kernel::{MemoryKernel, ScalarKernel};
/// use gle_core::solver::FirstOrderGle;
/// let k = MemoryKernel::isotropic(ScalarKernel::exponential(1.0, 1.0)?, 1)?;
/// let gle = FirstOrderGle::builder(k.clone()).sigma(0.1).t_end(0.5).build()?;
/// let cfg = CouplingConfig { pairs: 2, ..CouplingConfig::default() };
/// let rep = couple_first_order(&gle, &k, &cfg, |t| (-t).exp())?;
/// assert_eq!(rep.c2, 0.0);
/// # Ok::<(), gle_core::GleError>(())
/// ```
///
/// # Errors
/// [`GleError::Base`] for `M = 0`, stride 0, a kernel of the wrong dimension or a negative
/// or non-finite `h(t)`; [`GleError::TooLarge`] for `M >` [`MAX_PAIRS`];
/// [`GleError::NotFinite`] if `h(t) + σ²` is zero or subnormal at a
/// recorded time (checked before any pair runs) or the ratio `C₂` overflows;
/// [`GleError::Diverged`] if a trajectory diverges.
///
/// # Numerical notes
/// `E|ΔV|²` is a Monte-Carlo mean over `M` pairs (relative standard error ≈ `√(2/M)` for
/// Gaussian differences). Reference: Lang & Lu, arXiv 2512.10256, Theorem (first order).
pub fn couple_first_order(
    exact: &FirstOrderGle,
    approx: &MemoryKernel,
    cfg: &CouplingConfig,
    h: impl Fn(f64) -> f64 + Sync,
) -> Result<CouplingReport> {
    check_config(cfg)?;
    let other = exact.with_kernel(approx.clone())?;
    let params = *exact.params();
    let n_steps = params.n_steps();
    let times = record_times(n_steps, cfg.stride, params.dt);
    let weight = weights(&times, params.sigma, &h)?;
    let noise = cfg.seed.derive(0).streams(cfg.pairs);
    let inits = cfg.seed.derive(1).streams(cfg.pairs);
    let mode = exact.options().noise;
    let scale = params.sigma * params.dt.sqrt();
    let d = exact.kernel().dim();

    let outs: Vec<PairOut> = (0..cfg.pairs)
        .into_par_iter()
        .map(|i| -> Result<PairOut> {
            let mut rng = noise[i].clone();
            let v0 = draw_initial(cfg.initial, &mut inits[i].clone(), &exact.v0);
            let mut a = FirstOrderStepper::new(exact, &v0)?;
            let mut b = FirstOrderStepper::new(&other, &v0)?;
            let mut xi = vec![0.0; d];
            let mut dv2 = vec![0.0];
            for n in 1..=n_steps {
                draw_noise(&mut rng, mode, scale, &mut xi);
                a.step(&xi)?;
                b.step(&xi)?;
                if recorded(n, n_steps, cfg.stride) {
                    dv2.push(
                        a.v()
                            .iter()
                            .zip(b.v())
                            .map(|(p, q)| (p - q) * (p - q))
                            .sum(),
                    );
                }
            }
            let evals = a.stats().kernel_evals + b.stats().kernel_evals;
            Ok(PairOut {
                dv2,
                r2: Vec::new(),
                evals,
            })
        })
        .collect::<Result<_>>()?;

    reduce(&outs, times, weight, params.sigma, false, n_steps)
}

/// Runs `M` synchronized pairs of the second-order GLE (kernels `K` and `K̃`); returns
/// `E|ΔV_t|²`, `E r_t²` in the hypocoercive `metric`, `C₂` and `C₄` for the weight `h`.
///
/// # Example
/// ```
/// use gle_core::coupling::{couple_second_order, CouplingConfig, HypocoerciveMetric};
/// use gle_core::kernel::{MemoryKernel, ScalarKernel};
/// use gle_core::solver::SecondOrderGle;
/// use langevin_base::potential::QuadraticPlusSoft;
/// let pot = QuadraticPlusSoft::new(vec![10.0], 100.0)?;
/// let k = ScalarKernel::exponential(1.0, 0.5)?;
/// let exact = MemoryKernel::isotropic(k.clone(), 1)?;
/// let approx = MemoryKernel::isotropic(k.shifted(0.5)?, 1)?;
/// let gle = SecondOrderGle::builder(exact, pot.clone()).gamma(10.0).u(10.0)
///     .sigma(1e-4).dt(0.02).t_end(2.0).build()?;
/// let metric = HypocoerciveMetric::for_potential(&pot, 10.0, 10.0, 0.125)?;
/// let cfg = CouplingConfig { pairs: 2, ..CouplingConfig::default() };
/// let rep = couple_second_order(&gle, &approx, &metric, &cfg, |t| (-0.9 * t).exp())?;
/// assert!(rep.c4.unwrap() > 0.0);
/// # Ok::<(), gle_core::GleError>(())
/// ```
///
/// # Errors
/// As [`couple_first_order`]; also a metric of the wrong dimension.
///
/// # Numerical notes
/// As [`couple_first_order`]. Reference: Lang & Lu, arXiv 2512.10256, Sec. 4 and 5.3.
pub fn couple_second_order<P: Potential + Clone>(
    exact: &SecondOrderGle<P>,
    approx: &MemoryKernel,
    metric: &HypocoerciveMetric,
    cfg: &CouplingConfig,
    h: impl Fn(f64) -> f64 + Sync,
) -> Result<CouplingReport> {
    check_config(cfg)?;
    let d = exact.kernel().dim();
    langevin_base::error::same_dim("metric", d, metric.dim())?;
    let other = exact.with_kernel(approx.clone())?;
    let params = *exact.params();
    let n_steps = params.n_steps();
    let times = record_times(n_steps, cfg.stride, params.dt);
    let weight = weights(&times, params.sigma, &h)?;
    let noise = cfg.seed.derive(0).streams(cfg.pairs);
    let inits = cfg.seed.derive(1).streams(cfg.pairs);
    let mode = exact.options().noise;
    let scale = params.sigma * params.dt.sqrt();

    let outs: Vec<PairOut> = (0..cfg.pairs)
        .into_par_iter()
        .map(|i| -> Result<PairOut> {
            let mut rng = noise[i].clone();
            let mut ic = inits[i].clone();
            let x0 = draw_initial(cfg.initial, &mut ic, &exact.x0);
            let v0 = draw_initial(cfg.initial, &mut ic, &exact.v0);
            let mut a = SecondOrderStepper::new(exact, &x0, &v0)?;
            let mut b = SecondOrderStepper::new(&other, &x0, &v0)?;
            let mut xi = vec![0.0; d];
            let (mut dx, mut dvv) = (vec![0.0; d], vec![0.0; d]);
            let mut dv2 = vec![0.0];
            let mut r2 = vec![0.0];
            for n in 1..=n_steps {
                draw_noise(&mut rng, mode, scale, &mut xi);
                a.step(&xi)?;
                b.step(&xi)?;
                if recorded(n, n_steps, cfg.stride) {
                    for j in 0..d {
                        dx[j] = a.x()[j] - b.x()[j];
                        dvv[j] = a.v()[j] - b.v()[j];
                    }
                    dv2.push(dvv.iter().map(|q| q * q).sum());
                    r2.push(metric.distance_sq(&dx, &dvv));
                }
            }
            let evals = a.stats().kernel_evals + b.stats().kernel_evals;
            Ok(PairOut { dv2, r2, evals })
        })
        .collect::<Result<_>>()?;

    reduce(&outs, times, weight, params.sigma, true, n_steps)
}

fn record_times(n_steps: usize, stride: usize, dt: f64) -> Vec<f64> {
    (0..=n_steps)
        .filter(|&n| n == 0 || recorded(n, n_steps, stride))
        .map(|n| n as f64 * dt)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kernel::ScalarKernel;
    use crate::solver::Scheme;

    fn second_order_setup() -> (
        SecondOrderGle<QuadraticPlusSoft>,
        HypocoerciveMetric,
        ScalarKernel,
    ) {
        let pot =
            QuadraticPlusSoft::new(vec![10.0, 1.0, 0.0, 1.0, 12.0, 0.5, 0.0, 0.5, 11.0], 100.0)
                .unwrap();
        let k = ScalarKernel::exponential(1.0, 0.5).unwrap();
        let gle =
            SecondOrderGle::builder(MemoryKernel::isotropic(k.clone(), 3).unwrap(), pot.clone())
                .gamma(10.0)
                .u(10.0)
                .sigma(0.1)
                .dt(0.02)
                .t_end(2.0)
                .build()
                .unwrap();
        let metric = HypocoerciveMetric::for_potential(&pot, 10.0, 10.0, 0.125).unwrap();
        (gle, metric, k)
    }

    /// Identical kernels execute identical floating-point operations: the difference is 0.0
    /// bit for bit at every time, for every scheme, with noise switched on.
    #[test]
    fn identical_kernels_give_exactly_zero_difference() {
        let (gle, metric, k) = second_order_setup();
        let same = MemoryKernel::isotropic(k.clone(), 3).unwrap();
        let cfg = CouplingConfig {
            pairs: 3,
            seed: Seed(11),
            ..CouplingConfig::default()
        };
        let rep = couple_second_order(&gle, &same, &metric, &cfg, |t| (-0.9 * t).exp()).unwrap();
        assert!(
            rep.mean_sq_dv
                .iter()
                .chain(&rep.mean_r2)
                .all(|x| x.to_bits() == 0)
        );
        assert_eq!(rep.c4, Some(0.0));
        for scheme in [Scheme::AuthorsFirstOrder, Scheme::Trapezoidal] {
            let first = FirstOrderGle::builder(same.clone())
                .sigma(0.5)
                .t_end(2.0)
                .scheme(scheme)
                .build()
                .unwrap();
            let rep = couple_first_order(&first, &same, &cfg, |t| (-t).exp()).unwrap();
            assert!(rep.mean_sq_dv.iter().all(|x| x.to_bits() == 0));
        }
    }

    /// The report is a function of the seed only: bitwise equal on 1 and 3 threads.
    #[test]
    fn reports_are_reproducible_across_thread_counts() {
        let (gle, metric, k) = second_order_setup();
        let approx = MemoryKernel::isotropic(k.cut_off(1.0).unwrap(), 3).unwrap();
        let cfg = CouplingConfig {
            pairs: 5,
            seed: Seed(4),
            ..CouplingConfig::default()
        };
        let run = |threads| {
            rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .unwrap()
                .install(|| {
                    couple_second_order(&gle, &approx, &metric, &cfg, |t| (-0.9 * t).exp()).unwrap()
                })
        };
        let (a, b) = (run(1), run(3));
        assert_eq!(a, b);
        assert!(a.c4.unwrap() > 0.0 && a.c2 > 0.0);
        assert_eq!(a.stats.pairs, 5);
        assert_eq!(a.times.len(), a.mean_r2.len());
    }

    /// Deterministic first-order pair with a constant initial condition: E|ΔV|² is the squared
    /// difference of the two closed-form solutions `ρ(t)` — checked against the trapezoidal
    /// solver's O(dt²) accuracy at t = 1.
    #[test]
    fn deterministic_pair_matches_difference_of_closed_forms() {
        let rho = |c: f64, beta: f64, gamma: f64, t: f64| {
            let disc = ((gamma - beta).powi(2) - 4.0 * c).sqrt();
            let (l1, l2) = (
                0.5 * (-(gamma + beta) + disc),
                0.5 * (-(gamma + beta) - disc),
            );
            ((-gamma - l2) * (l1 * t).exp() + (l1 + gamma) * (l2 * t).exp()) / (l1 - l2)
        };
        let k = MemoryKernel::isotropic(ScalarKernel::exponential(0.5, 1.0).unwrap(), 1).unwrap();
        let kt = MemoryKernel::isotropic(ScalarKernel::exponential(0.5, 1.5).unwrap(), 1).unwrap();
        let gle = FirstOrderGle::builder(k)
            .gamma(3.0)
            .dt(0.001)
            .t_end(1.0)
            .v0(vec![1.0])
            .scheme(Scheme::Trapezoidal)
            .build()
            .unwrap();
        let cfg = CouplingConfig {
            pairs: 2,
            initial: InitialCondition::Configured,
            ..CouplingConfig::default()
        };
        let rep = couple_first_order(&gle, &kt, &cfg, |_| 1.0).unwrap();
        let exact = (rho(0.5, 1.0, 3.0, 1.0) - rho(0.5, 1.5, 3.0, 1.0)).powi(2);
        let got = *rep.mean_sq_dv.last().unwrap();
        assert!((got.sqrt() - exact.sqrt()).abs() < 1e-6, "{got} {exact}");
        // σ = 0 and h = 1: C₂ is the maximum of E|ΔV|².
        assert_eq!(rep.c2, rep.mean_sq_dv.iter().copied().fold(0.0, f64::max));
    }

    #[test]
    fn bad_configurations_are_errors() {
        let (gle, metric, k) = second_order_setup();
        let approx = MemoryKernel::isotropic(k.clone(), 3).unwrap();
        let cfg = CouplingConfig {
            pairs: 0,
            ..CouplingConfig::default()
        };
        assert!(couple_second_order(&gle, &approx, &metric, &cfg, |_| 1.0).is_err());
        let wrong = MemoryKernel::isotropic(k, 2).unwrap();
        let cfg = CouplingConfig {
            pairs: 1,
            ..CouplingConfig::default()
        };
        assert!(couple_second_order(&gle, &wrong, &metric, &cfg, |_| 1.0).is_err());
        assert!(couple_second_order(&gle, &approx, &metric, &cfg, |_| f64::NAN).is_err());
        assert!(HypocoerciveMetric::new(&[1.0], 1.0, 0.0, 0.1).is_err());
    }

    #[test]
    fn empty_metric_is_rejected() {
        assert!(matches!(
            HypocoerciveMetric::new(&[], 1.0, 1.0, 0.1),
            Err(GleError::Empty { name: "R" })
        ));
    }

    #[test]
    #[should_panic(expected = "dx has length 1, dv has length 2, the metric has dimension 2")]
    fn distance_of_wrong_length_panics_with_both_shapes() {
        let m = HypocoerciveMetric::new(&[1.0, 0.0, 0.0, 1.0], 1.0, 1.0, 0.1).unwrap();
        m.distance_sq(&[1.0], &[1.0, 2.0]);
    }

    #[test]
    fn too_many_pairs_are_rejected() {
        let k = MemoryKernel::isotropic(ScalarKernel::exponential(1.0, 1.0).unwrap(), 1).unwrap();
        let gle = FirstOrderGle::builder(k.clone()).build().unwrap();
        let cfg = CouplingConfig {
            pairs: usize::MAX,
            ..CouplingConfig::default()
        };
        assert!(matches!(
            couple_first_order(&gle, &k, &cfg, |_| 1.0),
            Err(GleError::TooLarge { .. })
        ));
    }

    #[test]
    fn vanishing_weight_without_noise_is_rejected_before_running() {
        let k = MemoryKernel::isotropic(ScalarKernel::exponential(1.0, 1.0).unwrap(), 1).unwrap();
        let kt = MemoryKernel::isotropic(ScalarKernel::exponential(1.0, 2.0).unwrap(), 1).unwrap();
        let gle = FirstOrderGle::builder(k).build().unwrap(); // σ = 0
        let cfg = CouplingConfig {
            pairs: 1,
            ..CouplingConfig::default()
        };
        for h in [0.0, 1e-320] {
            assert!(matches!(
                couple_first_order(&gle, &kt, &cfg, move |_| h),
                Err(GleError::NotFinite { .. })
            ));
        }
    }
}
