//! The second-order GLE `dX = V dt, dV = -γV dt - u∇U(X) dt - (∫K V) dt + σ dB`.

use super::first_order::{fill_implicit_matrix, implicit_matrix};
use super::linalg::{inverse, matvec, solve_in_place};
use super::memory::MemoryTerm;
use super::{
    GleParams, GlePath, HistoryMethod, NoiseMode, Recording, Scheme, SolveStats, SolverOptions,
    check_record, draw_noise, is_recorded,
};
use crate::error::{GleError, Result, finite};
use crate::kernel::MemoryKernel;
use langevin_base::potential::Potential;
use langevin_base::rng::Stream;

/// A validated second-order GLE problem with potential `U` (any [`Potential`]).
///
/// ```text
/// dX = V dt,   dV = -γV dt - u∇U(X) dt - (∫₀ᵗ K(t,s) V(s) ds) dt + σ dB
/// ```
///
/// # Example
/// A harmonic well with a weak exponential kernel; the energy decays:
/// ```
/// use gle_core::kernel::{MemoryKernel, ScalarKernel};
/// use gle_core::solver::SecondOrderGle;
/// use langevin_base::{potential::Harmonic, rng::Seed};
/// let k = MemoryKernel::isotropic(ScalarKernel::exponential(0.5, 1.0)?, 1)?;
/// let gle = SecondOrderGle::builder(k, Harmonic::isotropic(1, 1.0)?)
///     .gamma(1.0).dt(0.01).t_end(10.0).x0(vec![1.0]).v0(vec![0.0])
///     .build()?;
/// let path = gle.solve(&mut Seed(1).root())?;
/// let (x, v) = (path.x_at(path.times.len() - 1)[0], path.final_v()[0]);
/// assert!(x * x + v * v < 0.05);
/// # Ok::<(), gle_core::GleError>(())
/// ```
///
/// # Numerical notes
/// The authors' semi-implicit Euler is first-order accurate and stable for
/// `dt·(γ + √(u·L_U) + ‖K‖) ≲ 1`; [`Scheme::Trapezoidal`] is second-order accurate for
/// `σ = 0` (velocity Verlet in `x`, Crank–Nicolson in `v`). Reference: Lang & Lu,
/// arXiv 2512.10256, Sec. 5.3.
#[derive(Clone, Debug)]
pub struct SecondOrderGle<P> {
    pub(crate) kernel: MemoryKernel,
    pub(crate) potential: P,
    pub(crate) u: f64,
    pub(crate) params: GleParams,
    pub(crate) opts: SolverOptions,
    pub(crate) x0: Vec<f64>,
    pub(crate) v0: Vec<f64>,
}

/// Builder of [`SecondOrderGle`]; defaults: `u = 1`, `γ = 1`, `σ = 0`, `dt = 0.01`, `T = 1`,
/// `x₀ = v₀ = (1, …, 1)`, [`Scheme::AuthorsSecondOrder`], direct history, independent noise,
/// every step recorded.
///
/// # Example
/// The setting of Sec. 5.3 in `d = 1` (potential `½κx² + soft part`, `κ = 10`, `δ = 100`,
/// `u = 10`, `γ = 10`), with the authors' scheme and every 50th step kept:
/// ```
/// use gle_core::kernel::{MemoryKernel, ScalarKernel};
/// use gle_core::solver::{Recording, Scheme, SecondOrderGle};
/// use langevin_base::{potential::QuadraticPlusSoft, rng::Seed};
/// let k = MemoryKernel::isotropic(ScalarKernel::exponential(1.0, 0.5)?, 1)?;
/// let gle = SecondOrderGle::builder(k, QuadraticPlusSoft::new(vec![10.0], 100.0)?)
///     .u(10.0)
///     .gamma(10.0)
///     .sigma(1e-4)
///     .dt(0.02)
///     .t_end(2.0)
///     .x0(vec![1.0])
///     .v0(vec![1.0])
///     .scheme(Scheme::AuthorsSecondOrder)
///     .record(Recording::Stride(50))
///     .build()?;
/// let path = gle.solve(&mut Seed(2).root())?;
/// assert_eq!(path.times, vec![0.0, 1.0, 2.0]);
/// # Ok::<(), gle_core::GleError>(())
/// ```
#[derive(Clone, Debug)]
#[must_use]
pub struct SecondOrderGleBuilder<P> {
    kernel: MemoryKernel,
    potential: P,
    u: f64,
    gamma: f64,
    sigma: f64,
    dt: f64,
    t_end: f64,
    x0: Option<Vec<f64>>,
    v0: Option<Vec<f64>>,
    opts: SolverOptions,
}

impl<P: Potential> SecondOrderGleBuilder<P> {
    /// Force weight `u` (finite).
    pub fn u(mut self, u: f64) -> Self {
        self.u = u;
        self
    }
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
    /// Initial position (length `d`; default `(1, …, 1)`).
    ///
    /// # Example
    /// ```
    /// use gle_core::{kernel::{MemoryKernel, ScalarKernel}, solver::SecondOrderGle};
    /// use langevin_base::{potential::QuadraticPlusSoft, rng::Seed};
    /// let k = MemoryKernel::isotropic(ScalarKernel::exponential(1.0, 1.0)?, 1)?;
    /// let pot = QuadraticPlusSoft::new(vec![1.0], 100.0)?;
    /// let gle = SecondOrderGle::builder(k, pot).x0(vec![0.5]).v0(vec![-2.0]).build()?;
    /// let path = gle.solve(&mut Seed(0).root())?;
    /// assert_eq!((path.x_at(0), path.v_at(0)), (&[0.5][..], &[-2.0][..]));
    /// # Ok::<(), gle_core::GleError>(())
    /// ```
    ///
    /// # Errors
    /// None here; [`SecondOrderGleBuilder::build`] rejects a wrong length or non-finite entries.
    pub fn x0(mut self, x0: Vec<f64>) -> Self {
        self.x0 = Some(x0);
        self
    }
    /// Initial velocity (length `d`; default `(1, …, 1)`).
    ///
    /// # Example
    /// ```
    /// use gle_core::{kernel::{MemoryKernel, ScalarKernel}, solver::SecondOrderGle};
    /// use langevin_base::{potential::QuadraticPlusSoft, rng::Seed};
    /// let k = MemoryKernel::isotropic(ScalarKernel::exponential(1.0, 1.0)?, 1)?;
    /// let pot = QuadraticPlusSoft::new(vec![1.0], 100.0)?;
    /// let gle = SecondOrderGle::builder(k, pot).x0(vec![0.5]).v0(vec![-2.0]).build()?;
    /// let path = gle.solve(&mut Seed(0).root())?;
    /// assert_eq!((path.x_at(0), path.v_at(0)), (&[0.5][..], &[-2.0][..]));
    /// # Ok::<(), gle_core::GleError>(())
    /// ```
    ///
    /// # Errors
    /// None here; [`SecondOrderGleBuilder::build`] rejects a wrong length or non-finite entries.
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
    /// use gle_core::solver::SecondOrderGle;
    /// use langevin_base::potential::Harmonic;
    /// let k = MemoryKernel::isotropic(ScalarKernel::exponential(1.0, 1.0)?, 1)?;
    /// let b = SecondOrderGle::builder(k, Harmonic::isotropic(1, 1.0)?);
    /// assert!(b.clone().x0(vec![f64::NAN]).build().is_err());
    /// assert!(b.build().is_ok());
    /// # Ok::<(), gle_core::GleError>(())
    /// ```
    ///
    /// # Errors
    /// [`GleError::Base`] for NaN/∞ parameters, `dt ≤ 0`, `γ < 0`, `σ < 0`, non-finite
    /// initial states, a dimension mismatch between kernel, potential, `x₀` and `v₀`, or a zero
    /// recording stride; [`GleError::HorizonTooShort`] for `T < dt`.
    pub fn build(self) -> Result<SecondOrderGle<P>> {
        let params = GleParams::new(self.gamma, self.sigma, self.dt, self.t_end)?;
        let u = finite("u", self.u)?;
        let d = self.kernel.dim();
        langevin_base::error::same_dim("potential", d, self.potential.dim())?;
        let x0 = self.x0.unwrap_or_else(|| vec![1.0; d]);
        let v0 = self.v0.unwrap_or_else(|| vec![1.0; d]);
        langevin_base::error::same_dim("x0", d, x0.len())?;
        langevin_base::error::same_dim("v0", d, v0.len())?;
        langevin_base::error::all_finite("x0", &x0)?;
        langevin_base::error::all_finite("v0", &v0)?;
        check_record(self.opts.record)?;
        Ok(SecondOrderGle {
            kernel: self.kernel,
            potential: self.potential,
            u,
            params,
            opts: self.opts,
            x0,
            v0,
        })
    }
}

impl<P: Potential + Clone> SecondOrderGle<P> {
    /// A builder for kernel `K` and potential `U` (both of dimension `d`).
    ///
    /// # Example
    /// ```
    /// use gle_core::kernel::{MemoryKernel, ScalarKernel};
    /// use gle_core::solver::SecondOrderGle;
    /// use langevin_base::potential::Harmonic;
    /// let k = MemoryKernel::isotropic(ScalarKernel::exponential(1.0, 1.0)?, 2)?;
    /// let err = SecondOrderGle::builder(k, Harmonic::isotropic(3, 1.0)?).build();
    /// assert!(err.is_err()); // kernel d = 2, potential d = 3
    /// # Ok::<(), gle_core::GleError>(())
    /// ```
    pub fn builder(kernel: MemoryKernel, potential: P) -> SecondOrderGleBuilder<P> {
        SecondOrderGleBuilder {
            kernel,
            potential,
            u: 1.0,
            gamma: 1.0,
            sigma: 0.0,
            dt: 0.01,
            t_end: 1.0,
            x0: None,
            v0: None,
            opts: SolverOptions {
                scheme: Scheme::AuthorsSecondOrder,
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

    /// The potential.
    pub fn potential(&self) -> &P {
        &self.potential
    }

    /// The force weight `u`.
    pub fn u(&self) -> f64 {
        self.u
    }

    /// The same problem with another kernel of the same dimension (the approximate kernel `K̃`
    /// of a synchronized pair).
    ///
    /// # Example
    /// ```
    /// use gle_core::kernel::{MemoryKernel, ScalarKernel};
    /// use gle_core::solver::SecondOrderGle;
    /// use langevin_base::potential::Harmonic;
    /// let k = ScalarKernel::exponential(1.0, 0.5)?;
    /// let gle = SecondOrderGle::builder(MemoryKernel::isotropic(k.clone(), 1)?, Harmonic::isotropic(1, 1.0)?)
    ///     .build()?;
    /// let approx = gle.with_kernel(MemoryKernel::isotropic(k.modulated(0.5)?, 1)?)?;
    /// assert_eq!(approx.u(), gle.u());
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

    /// Solves from the configured `(x₀, v₀)`, drawing the noise from `rng`.
    ///
    /// With `F = -γv - u∇U(x) - M` and the memory quadrature `M_n` of the [`Scheme`]:
    /// ```text
    /// AuthorsSecondOrder:  v_n = v_{n-1} + dt F(x_{n-1}, v_{n-1}) + σ√dt ξ_n,  x_n = x_{n-1} + dt v_n
    /// Trapezoidal:         x_n = x_{n-1} + dt v_{n-1} + ½dt² F_{n-1} + ½dt σ√dt ξ_n,
    ///                      v_n = v_{n-1} + ½dt (F_{n-1} + F_n) + σ√dt ξ_n   (F_n implicit in v_n)
    /// ```
    ///
    /// # Example
    /// ```
    /// use gle_core::kernel::{MemoryKernel, ScalarKernel};
    /// use gle_core::solver::SecondOrderGle;
    /// use langevin_base::{potential::Harmonic, rng::Seed};
    /// let k = MemoryKernel::isotropic(ScalarKernel::exponential(1.0, 1.0)?, 2)?;
    /// let gle = SecondOrderGle::builder(k, Harmonic::isotropic(2, 1.0)?).sigma(0.1).build()?;
    /// let path = gle.solve(&mut Seed(4).root())?;
    /// assert_eq!((path.x.len(), path.stats.steps), (2 * 101, 100));
    /// assert_eq!(path.stats.gradient_evals, 101); // one per step and one at t = 0
    /// # Ok::<(), gle_core::GleError>(())
    /// ```
    ///
    /// # Errors
    /// [`GleError::Diverged`] (with the step and time) if the state becomes non-finite; the
    /// errors of [`crate::history::make_history`] for the chosen [`HistoryMethod`].
    ///
    /// # Numerical notes
    /// Deterministic order 1 for the authors' scheme and 2 for [`Scheme::Trapezoidal`]; one
    /// gradient evaluation per step (and one at `t = 0`). The explicit scheme needs roughly
    /// `dt·(γ + √(u·L_U) + ‖K‖) ≲ 1`. Reference: Lang & Lu, arXiv 2512.10256, Sec. 5.3.
    pub fn solve(&self, rng: &mut Stream) -> Result<GlePath> {
        self.solve_from(&self.x0, &self.v0, rng)
    }

    /// Solves from `(x0, v0)` instead of the configured initial state.
    ///
    /// # Example
    /// ```
    /// use gle_core::kernel::{MemoryKernel, ScalarKernel};
    /// use gle_core::solver::SecondOrderGle;
    /// use langevin_base::{potential::Harmonic, rng::Seed};
    /// let k = MemoryKernel::isotropic(ScalarKernel::exponential(1.0, 1.0)?, 1)?;
    /// let gle = SecondOrderGle::builder(k, Harmonic::isotropic(1, 1.0)?).build()?;
    /// // the origin at rest is an equilibrium of the noiseless dynamics
    /// let path = gle.solve_from(&[0.0], &[0.0], &mut Seed(0).root())?;
    /// assert_eq!(path.final_v(), &[0.0]);
    /// # Ok::<(), gle_core::GleError>(())
    /// ```
    ///
    /// # Errors
    /// As [`SecondOrderGle::solve`]; [`GleError::Base`] for wrong lengths.
    pub fn solve_from(&self, x0: &[f64], v0: &[f64], rng: &mut Stream) -> Result<GlePath> {
        let _span = tracing::debug_span!("gle_second_order", n = self.params.n_steps()).entered();
        let d = self.kernel.dim();
        langevin_base::error::same_dim("x0", d, x0.len())?;
        langevin_base::error::same_dim("v0", d, v0.len())?;
        let n_steps = self.params.n_steps();
        let mut st = SecondOrderStepper::new(self, x0, v0)?;
        let mut path = GlePath {
            dim: d,
            times: vec![0.0],
            v: v0.to_vec(),
            x: x0.to_vec(),
            stats: SolveStats::default(),
        };
        let scale = self.params.sigma * self.params.dt.sqrt();
        let mut xi = vec![0.0; d];
        for n in 1..=n_steps {
            draw_noise(rng, self.opts.noise, scale, &mut xi);
            st.step(&xi)?;
            if is_recorded(self.opts.record, n, n_steps) {
                path.times.push(n as f64 * self.params.dt);
                path.v.extend_from_slice(st.v());
                path.x.extend_from_slice(st.x());
            }
        }
        path.stats = st.stats();
        Ok(path)
    }
}

/// One trajectory of a [`SecondOrderGle`] advanced with externally supplied noise.
pub(crate) struct SecondOrderStepper<'a, P> {
    p: &'a SecondOrderGle<P>,
    mem: MemoryTerm,
    n: usize,
    x: Vec<f64>,
    v: Vec<f64>,
    grad: Vec<f64>,
    /// `F_{n-1} = -γv - I - u∇U(x)` at step `n-1` (trapezoidal scheme).
    f_prev: Vec<f64>,
    sum: Vec<f64>,
    rhs: Vec<f64>,
    diag: Vec<f64>,
    work: Vec<f64>,
    implicit_inv: Option<Vec<f64>>,
    gradient_evals: u64,
}

impl<'a, P: Potential> SecondOrderStepper<'a, P> {
    pub(crate) fn new(p: &'a SecondOrderGle<P>, x0: &[f64], v0: &[f64]) -> Result<Self> {
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
        let mut grad = vec![0.0; d];
        p.potential.gradient(x0, &mut grad);
        let f_prev = v0
            .iter()
            .zip(&grad)
            .map(|(v, g)| -p.params.gamma * v - p.u * g)
            .collect();
        Ok(Self {
            p,
            mem,
            n: 0,
            x: x0.to_vec(),
            v: v0.to_vec(),
            grad,
            f_prev,
            sum: vec![0.0; d],
            rhs: vec![0.0; d],
            diag,
            work: vec![0.0; d * d],
            implicit_inv,
            gradient_evals: 1,
        })
    }

    pub(crate) fn v(&self) -> &[f64] {
        &self.v
    }

    pub(crate) fn x(&self) -> &[f64] {
        &self.x
    }

    /// Advances `(x_{n-1}, v_{n-1}) → (x_n, v_n)` with the scaled increment `xi`.
    #[allow(clippy::needless_range_loop)] // index form mirrors the scheme\'s formulas
    pub(crate) fn step(&mut self, xi: &[f64]) -> Result<()> {
        let dt = self.p.params.dt;
        let gamma = self.p.params.gamma;
        let u = self.p.u;
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
                self.p.potential.gradient(&self.x, &mut self.grad);
                self.gradient_evals += 1;
                for i in 0..d {
                    let v = self.v[i];
                    self.v[i] = v + dt * (-gamma * v - u * self.grad[i] - dt * self.sum[i]) + xi[i];
                    self.x[i] += dt * self.v[i];
                }
            }
            Scheme::Trapezoidal => {
                // Velocity-Verlet position: x_n = x_{n-1} + dt v_{n-1} + ½dt² F_{n-1} + ½dt ξ.
                for i in 0..d {
                    self.x[i] += dt * self.v[i] + 0.5 * dt * dt * self.f_prev[i] + 0.5 * dt * xi[i];
                }
                self.p.potential.gradient(&self.x, &mut self.grad);
                self.gradient_evals += 1;

                self.mem.weighted_sum(0.5, 1.0, &mut self.sum);
                for s in &mut self.sum {
                    *s *= dt;
                }
                for i in 0..d {
                    self.rhs[i] = self.v[i] + 0.5 * dt * self.f_prev[i]
                        - 0.5 * dt * (self.sum[i] + u * self.grad[i])
                        + xi[i];
                }
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
                matvec(&self.diag, &self.v, &mut self.rhs);
                for i in 0..d {
                    self.f_prev[i] = -gamma * self.v[i]
                        - self.sum[i]
                        - 0.5 * dt * self.rhs[i]
                        - u * self.grad[i];
                }
            }
        }
        if self.v.iter().chain(&self.x).all(|x| x.is_finite()) {
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
            gradient_evals: self.gradient_evals,
        }
    }
}
