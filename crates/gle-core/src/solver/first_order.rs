//! The first-order GLE `dV = -γV dt - (∫₀ᵗ K(t,s)V(s)ds) dt + σ dB`.

use super::linalg::{inverse, matvec, solve_in_place};
use super::memory::MemoryTerm;
use super::{
    GleParams, GlePath, HistoryMethod, NoiseMode, Recording, Scheme, SolveStats, SolverOptions,
    check_record, draw_noise, is_recorded,
};
use crate::error::{GleError, Result};
use crate::kernel::MemoryKernel;
use langevin_base::rng::Stream;

/// A validated first-order GLE problem: kernel, coefficients, grid, initial velocity, scheme.
///
/// ```text
/// dV = -γV dt - (∫₀ᵗ K(t,s) V(s) ds) dt + σ dB,   V(0) = v₀ ∈ ℝᵈ
/// ```
///
/// # Example
/// With `σ = 0` and `k = e^{-τ}`, `γ = 1`, the solution is `v(t) = ρ(t)v₀`; at `t = 1` the
/// closed form (roots of `(λ+1)² + 1 = 0`) is `ρ(1) = e^{-1}cos 1 = 0.19876…`:
/// ```
/// use gle_core::kernel::{MemoryKernel, ScalarKernel};
/// use gle_core::solver::{FirstOrderGle, Scheme};
/// use langevin_base::rng::Seed;
/// let k = MemoryKernel::isotropic(ScalarKernel::exponential(1.0, 1.0)?, 1)?;
/// let gle = FirstOrderGle::builder(k)
///     .gamma(1.0).sigma(0.0).dt(0.01).t_end(1.0).v0(vec![1.0])
///     .scheme(Scheme::Trapezoidal)
///     .build()?;
/// let path = gle.solve(&mut Seed(1).root())?;
/// assert!((path.final_v()[0] - (-1.0f64).exp() * 1.0f64.cos()).abs() < 1e-4);
/// # Ok::<(), gle_core::GleError>(())
/// ```
///
/// # Numerical notes
/// The explicit schemes are stable for `dt·(γ + ‖K‖) ≲ 1`; the trapezoidal scheme is
/// A-stable in the friction term. Cost per step is that of the history sum (see
/// [`HistoryMethod`]). Reference: Lang & Lu, arXiv 2512.10256, Sec. 5.
#[derive(Clone, Debug)]
pub struct FirstOrderGle {
    pub(crate) kernel: MemoryKernel,
    pub(crate) params: GleParams,
    pub(crate) opts: SolverOptions,
    pub(crate) v0: Vec<f64>,
}

/// Builder of [`FirstOrderGle`]; defaults: `γ = 1`, `σ = 0`, `dt = 0.01`, `T = 1`,
/// `v₀ = (1, …, 1)`, [`Scheme::AuthorsFirstOrder`], direct history, independent noise, every
/// step recorded.
///
/// # Example
/// Every setting, on the power-law kernel of Sec. 5.4 with the fast sum-of-exponentials
/// history and only every 10th step kept:
/// ```
/// use gle_core::kernel::{MemoryKernel, ScalarKernel};
/// use gle_core::solver::{FirstOrderGle, HistoryMethod, NoiseMode, Recording, Scheme};
/// use langevin_base::rng::Seed;
/// let k = MemoryKernel::isotropic(ScalarKernel::power_law(1.0, 1.0, 4.0)?, 1)?;
/// let gle = FirstOrderGle::builder(k)
///     .gamma(3.0)
///     .sigma(1e-3)
///     .dt(0.02)
///     .t_end(2.0)
///     .v0(vec![1.0])
///     .scheme(Scheme::AuthorsFirstOrder)
///     .history(HistoryMethod::Soe { eps: 1e-10 })
///     .noise(NoiseMode::Independent)
///     .record(Recording::Stride(10))
///     .build()?;
/// let path = gle.solve(&mut Seed(5).root())?;
/// assert_eq!(path.times.len(), 11);
/// # Ok::<(), gle_core::GleError>(())
/// ```
#[derive(Clone, Debug)]
#[must_use]
pub struct FirstOrderGleBuilder {
    kernel: MemoryKernel,
    gamma: f64,
    sigma: f64,
    dt: f64,
    t_end: f64,
    v0: Option<Vec<f64>>,
    opts: SolverOptions,
}

impl FirstOrderGleBuilder {
    /// Friction `γ ≥ 0`.
    pub fn gamma(mut self, gamma: f64) -> Self {
        self.gamma = gamma;
        self
    }
    /// Noise amplitude `σ ≥ 0`.
    pub fn sigma(mut self, sigma: f64) -> Self {
        self.sigma = sigma;
        self
    }
    /// Step `dt > 0`.
    pub fn dt(mut self, dt: f64) -> Self {
        self.dt = dt;
        self
    }
    /// Final time `T ≥ dt`.
    pub fn t_end(mut self, t_end: f64) -> Self {
        self.t_end = t_end;
        self
    }
    /// Initial velocity (length `d`; default `(1, …, 1)`).
    ///
    /// # Example
    /// ```
    /// use gle_core::{kernel::{MemoryKernel, ScalarKernel}, solver::FirstOrderGle};
    /// use langevin_base::rng::Seed;
    /// let k = MemoryKernel::isotropic(ScalarKernel::exponential(1.0, 1.0)?, 2)?;
    /// let gle = FirstOrderGle::builder(k).v0(vec![2.0, -1.0]).build()?;
    /// assert_eq!(gle.solve(&mut Seed(0).root())?.v_at(0), &[2.0, -1.0]);
    /// # Ok::<(), gle_core::GleError>(())
    /// ```
    ///
    /// # Errors
    /// None here; [`FirstOrderGleBuilder::build`] rejects a wrong length or non-finite entries.
    pub fn v0(mut self, v0: Vec<f64>) -> Self {
        self.v0 = Some(v0);
        self
    }
    /// The scheme.
    pub fn scheme(mut self, scheme: Scheme) -> Self {
        self.opts.scheme = scheme;
        self
    }
    /// The history evaluation for stationary kernels.
    pub fn history(mut self, history: HistoryMethod) -> Self {
        self.opts.history = history;
        self
    }
    /// The noise mode.
    pub fn noise(mut self, noise: NoiseMode) -> Self {
        self.opts.noise = noise;
        self
    }
    /// What to record.
    pub fn record(mut self, record: Recording) -> Self {
        self.opts.record = record;
        self
    }

    /// Validates and builds.
    ///
    /// # Example
    /// ```
    /// use gle_core::kernel::{MemoryKernel, ScalarKernel};
    /// use gle_core::solver::FirstOrderGle;
    /// use gle_core::GleError;
    /// let k = MemoryKernel::isotropic(ScalarKernel::exponential(1.0, 1.0)?, 1)?;
    /// let e = FirstOrderGle::builder(k).dt(0.1).t_end(0.05).build().unwrap_err();
    /// assert!(matches!(e, GleError::HorizonTooShort { .. }));
    /// # Ok::<(), GleError>(())
    /// ```
    ///
    /// # Errors
    /// [`GleError::Base`] for NaN/∞ parameters, `dt ≤ 0`, `γ < 0`, `σ < 0`, a non-finite
    /// `v₀`, a `v₀` whose length differs from the kernel dimension, or a zero recording
    /// stride; [`GleError::HorizonTooShort`] for `T < dt`.
    pub fn build(self) -> Result<FirstOrderGle> {
        let params = GleParams::new(self.gamma, self.sigma, self.dt, self.t_end)?;
        let d = self.kernel.dim();
        let v0 = self.v0.unwrap_or_else(|| vec![1.0; d]);
        langevin_base::error::same_dim("v0", d, v0.len())?;
        langevin_base::error::all_finite("v0", &v0)?;
        check_record(self.opts.record)?;
        Ok(FirstOrderGle {
            kernel: self.kernel,
            params,
            opts: self.opts,
            v0,
        })
    }
}

impl FirstOrderGle {
    /// A builder for the kernel `K` (its dimension fixes `d`).
    ///
    /// # Example
    /// ```
    /// use gle_core::kernel::{MemoryKernel, ScalarKernel};
    /// use gle_core::solver::FirstOrderGle;
    /// let k = MemoryKernel::isotropic(ScalarKernel::exponential(1.0, 1.0)?, 2)?;
    /// assert!(FirstOrderGle::builder(k).v0(vec![1.0]).build().is_err()); // d = 2
    /// # Ok::<(), gle_core::GleError>(())
    /// ```
    pub fn builder(kernel: MemoryKernel) -> FirstOrderGleBuilder {
        FirstOrderGleBuilder {
            kernel,
            gamma: 1.0,
            sigma: 0.0,
            dt: 0.01,
            t_end: 1.0,
            v0: None,
            opts: SolverOptions {
                scheme: Scheme::AuthorsFirstOrder,
                history: HistoryMethod::Direct,
                noise: NoiseMode::Independent,
                record: Recording::Stride(1),
            },
        }
    }

    /// The validated coefficients and grid.
    pub fn params(&self) -> &GleParams {
        &self.params
    }

    /// The solver options.
    pub fn options(&self) -> &SolverOptions {
        &self.opts
    }

    /// The kernel.
    pub fn kernel(&self) -> &MemoryKernel {
        &self.kernel
    }

    /// The same problem with another kernel of the same dimension (the approximate kernel `K̃`
    /// of a synchronized pair).
    ///
    /// # Example
    /// ```
    /// use gle_core::kernel::{MemoryKernel, ScalarKernel};
    /// use gle_core::solver::FirstOrderGle;
    /// let k = ScalarKernel::power_law(1.0, 1.0, 4.0)?;
    /// let gle = FirstOrderGle::builder(MemoryKernel::isotropic(k.clone(), 1)?).build()?;
    /// let approx = gle.with_kernel(MemoryKernel::isotropic(k.cut_off(5.0)?, 1)?)?;
    /// assert_eq!(approx.params(), gle.params());
    /// assert!(gle.with_kernel(MemoryKernel::isotropic(k, 2)?).is_err());
    /// # Ok::<(), gle_core::GleError>(())
    /// ```
    ///
    /// # Errors
    /// [`GleError::Base`] (dimension mismatch) if `K̃` has another dimension.
    pub fn with_kernel(&self, kernel: MemoryKernel) -> Result<Self> {
        langevin_base::error::same_dim("kernel", self.kernel.dim(), kernel.dim())?;
        Ok(Self {
            kernel,
            ..self.clone()
        })
    }

    /// Solves from the configured `v₀`, drawing the noise from `rng`.
    ///
    /// Step `n` uses the increment `σ√dt ξ_n` with `ξ_n ~ N(0, I)` (or one shared scalar,
    /// [`NoiseMode::SharedScalar`]) and the memory quadrature of the [`Scheme`]:
    /// ```text
    /// AuthorsFirstOrder:  v_n = v_{n-1} - dt γ v_{n-1} - dt M_n + σ√dt ξ_n,
    ///                     M_n = dt Σ_{m<n} w_m K(t_n,t_m) v_m   (trapezoid over [t_0, t_{n-1}])
    /// Trapezoidal:        v_n = v_{n-1} + ½dt (F_{n-1} + F_n) + σ√dt ξ_n,
    ///                     F_n = -γ v_n - M_n                    (trapezoid over [0, t_n])
    /// ```
    ///
    /// # Example
    /// Same seed, same path:
    /// ```
    /// use gle_core::kernel::{MemoryKernel, ScalarKernel};
    /// use gle_core::solver::FirstOrderGle;
    /// use langevin_base::rng::Seed;
    /// let k = MemoryKernel::isotropic(ScalarKernel::exponential(1.0, 1.0)?, 1)?;
    /// let gle = FirstOrderGle::builder(k).sigma(0.5).t_end(0.5).build()?;
    /// let a = gle.solve(&mut Seed(11).root())?;
    /// let b = gle.solve(&mut Seed(11).root())?;
    /// assert_eq!(a.v, b.v);
    /// assert_eq!(a.stats.steps, 50);
    /// # Ok::<(), gle_core::GleError>(())
    /// ```
    ///
    /// # Errors
    /// [`GleError::Diverged`] (with the step and time) if the state becomes non-finite, e.g.
    /// an explicit scheme beyond its stability limit; the errors of
    /// [`crate::history::make_history`] for the chosen [`HistoryMethod`] (e.g.
    /// [`GleError::Unsupported`] for `Prony` on a power law).
    ///
    /// # Numerical notes
    /// Deterministic (`σ = 0`) order 1 for the authors' scheme and 2 for
    /// [`Scheme::Trapezoidal`]; with noise the Euler–Maruyama increment limits the strong
    /// order to 1 (additive noise). Cost
    /// per step: that of the history sum (`O(n)` direct, `O(M)` Prony/SOE, amortised
    /// `O(log² n)` FFT) plus `O(d²)`. Reference: Lang & Lu, arXiv 2512.10256, Sec. 5.4.
    pub fn solve(&self, rng: &mut Stream) -> Result<GlePath> {
        self.solve_from(&self.v0, rng)
    }

    /// Solves from `v0` instead of the configured initial velocity.
    ///
    /// # Example
    /// ```
    /// use gle_core::kernel::{MemoryKernel, ScalarKernel};
    /// use gle_core::solver::FirstOrderGle;
    /// use langevin_base::rng::Seed;
    /// let k = MemoryKernel::isotropic(ScalarKernel::exponential(1.0, 1.0)?, 1)?;
    /// let gle = FirstOrderGle::builder(k).build()?; // σ = 0: linear in v₀
    /// let a = gle.solve_from(&[2.0], &mut Seed(0).root())?;
    /// let b = gle.solve(&mut Seed(0).root())?; // v₀ = 1
    /// assert!((a.final_v()[0] - 2.0 * b.final_v()[0]).abs() < 1e-15);
    /// # Ok::<(), gle_core::GleError>(())
    /// ```
    ///
    /// # Errors
    /// As [`FirstOrderGle::solve`]; [`GleError::Base`] if `v0` has the wrong length.
    pub fn solve_from(&self, v0: &[f64], rng: &mut Stream) -> Result<GlePath> {
        let _span = tracing::debug_span!("gle_first_order", n = self.params.n_steps()).entered();
        langevin_base::error::same_dim("v0", self.kernel.dim(), v0.len())?;
        let d = self.kernel.dim();
        let n_steps = self.params.n_steps();
        let record = self.opts.record;
        let mut st = FirstOrderStepper::new(self, v0)?;
        let mut path = GlePath {
            dim: d,
            times: Vec::new(),
            v: Vec::new(),
            x: Vec::new(),
            stats: SolveStats::default(),
        };
        path.times.push(0.0);
        path.v.extend_from_slice(v0);
        let scale = self.params.sigma * self.params.dt.sqrt();
        let mut xi = vec![0.0; d];
        for n in 1..=n_steps {
            draw_noise(rng, self.opts.noise, scale, &mut xi);
            st.step(&xi)?;
            if is_recorded(record, n, n_steps) {
                path.times.push(n as f64 * self.params.dt);
                path.v.extend_from_slice(st.v());
            }
        }
        path.stats = st.stats();
        Ok(path)
    }
}

/// One trajectory of a [`FirstOrderGle`], advanced one step at a time with externally supplied
/// noise increments (so that synchronized pairs share them exactly).
pub(crate) struct FirstOrderStepper<'a> {
    p: &'a FirstOrderGle,
    mem: MemoryTerm,
    n: usize,
    v: Vec<f64>,
    /// `F_{n-1} = -γ v_{n-1} - I_{n-1}` (trapezoidal scheme).
    f_prev: Vec<f64>,
    sum: Vec<f64>,
    rhs: Vec<f64>,
    diag: Vec<f64>,
    work: Vec<f64>,
    /// `((1 + γdt/2) I + dt²/4 K(t,t))⁻¹` for stationary kernels.
    implicit_inv: Option<Vec<f64>>,
}

impl<'a> FirstOrderStepper<'a> {
    pub(crate) fn new(p: &'a FirstOrderGle, v0: &[f64]) -> Result<Self> {
        let d = p.kernel.dim();
        let dt = p.params.dt;
        let mut mem = MemoryTerm::new(&p.kernel, dt, p.params.n_steps(), p.opts.history)?;
        let mut diag = vec![0.0; d * d];
        let mut implicit_inv = None;
        if p.opts.scheme == Scheme::Trapezoidal && mem.is_stationary() {
            mem.diagonal(&mut diag);
            let m = implicit_matrix(&diag, p.params.gamma, dt, d);
            implicit_inv = Some(inverse(&m, d).ok_or(GleError::Unsupported {
                what: "singular implicit matrix (1 + γdt/2)I + dt²/4·K(t,t)",
            })?);
        }
        let f_prev = v0.iter().map(|v| -p.params.gamma * v).collect();
        Ok(Self {
            p,
            mem,
            n: 0,
            v: v0.to_vec(),
            f_prev,
            sum: vec![0.0; d],
            rhs: vec![0.0; d],
            diag,
            work: vec![0.0; d * d],
            implicit_inv,
        })
    }

    /// The current velocity `v_n`.
    pub(crate) fn v(&self) -> &[f64] {
        &self.v
    }

    /// Advances from `v_{n-1}` to `v_n` with the scaled increment `xi = σ(B_{t_n} - B_{t_{n-1}})`.
    #[allow(clippy::needless_range_loop)] // index form mirrors the scheme\'s formulas
    pub(crate) fn step(&mut self, xi: &[f64]) -> Result<()> {
        let dt = self.p.params.dt;
        let gamma = self.p.params.gamma;
        let d = self.v.len();
        self.mem.push(&self.v);
        self.n += 1;
        match self.p.opts.scheme {
            Scheme::AuthorsFirstOrder | Scheme::AuthorsSecondOrder => {
                let w = if self.p.opts.scheme == Scheme::AuthorsFirstOrder {
                    0.5
                } else {
                    1.0
                };
                self.mem.weighted_sum(w, w, &mut self.sum);
                for ((v, s), x) in self.v.iter_mut().zip(&self.sum).zip(xi) {
                    *v += dt * (-gamma * *v - dt * s) + x;
                }
            }
            Scheme::Trapezoidal => {
                // Lagged part I^lag = dt Σ_{m<n} w_m K(t_n,t_m) v_m with w_0 = ½.
                self.mem.weighted_sum(0.5, 1.0, &mut self.sum);
                for s in &mut self.sum {
                    *s *= dt;
                }
                for i in 0..d {
                    self.rhs[i] =
                        self.v[i] + 0.5 * dt * self.f_prev[i] - 0.5 * dt * self.sum[i] + xi[i];
                }

                // Solve ((1 + γdt/2)I + dt²/4 K_nn) v_n = rhs.
                if let Some(inv) = &self.implicit_inv {
                    matvec(inv, &self.rhs, &mut self.v);
                } else {
                    self.mem.diagonal(&mut self.diag);
                    fill_implicit_matrix(&self.diag, gamma, dt, d, &mut self.work);
                    if !solve_in_place(&mut self.work, &mut self.rhs, d) {
                        return Err(self.diverged());
                    }
                    self.v.copy_from_slice(&self.rhs);
                }

                // F_n = -γ v_n - I^lag - ½dt K_nn v_n.
                matvec(&self.diag, &self.v, &mut self.rhs);
                for i in 0..d {
                    self.f_prev[i] = -gamma * self.v[i] - self.sum[i] - 0.5 * dt * self.rhs[i];
                }
            }
        }
        if self.v.iter().all(|x| x.is_finite()) {
            Ok(())
        } else {
            Err(self.diverged())
        }
    }

    fn diverged(&self) -> GleError {
        GleError::Diverged {
            step: self.n,
            time: self.n as f64 * self.p.params.dt,
        }
    }

    pub(crate) fn stats(&self) -> SolveStats {
        SolveStats {
            steps: self.n,
            kernel_evals: self.mem.evals
                + if self.mem.is_stationary() {
                    self.n as u64 + 1
                } else {
                    0
                },
            gradient_evals: 0,
        }
    }
}

/// `(1 + γdt/2) I + dt²/4 K`.
pub(super) fn implicit_matrix(k: &[f64], gamma: f64, dt: f64, d: usize) -> Vec<f64> {
    let mut m = vec![0.0; d * d];
    fill_implicit_matrix(k, gamma, dt, d, &mut m);
    m
}

pub(super) fn fill_implicit_matrix(k: &[f64], gamma: f64, dt: f64, d: usize, m: &mut [f64]) {
    for (o, k) in m.iter_mut().zip(k) {
        *o = 0.25 * dt * dt * k;
    }
    for i in 0..d {
        m[i * d + i] += 1.0 + 0.5 * gamma * dt;
    }
}
