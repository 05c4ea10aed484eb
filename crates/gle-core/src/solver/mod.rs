//! Solvers for the first- and second-order generalized Langevin equation.
//!
//! First order (a stochastic Volterra integro-differential equation, no external force):
//!
//! ```text
//! dV = -γV dt - (∫₀ᵗ K(t,s) V(s) ds) dt + σ dB
//! ```
//!
//! Second order (position–velocity) with a potential `U` and force weight `u`:
//!
//! ```text
//! dX = V dt,   dV = -γV dt - u∇U(X) dt - (∫₀ᵗ K(t,s) V(s) ds) dt + σ dB
//! ```
//!
//! on the uniform grid `t_n = n·dt`, `n = 0, …, N` with `N = ⌊T/dt⌋` (so the grid ends at
//! `t_N ≤ T`; the authors' scripts use the same grid).
//!
//! # Schemes
//!
//! | [`Scheme`] | velocity update | memory quadrature `M_n ≈ ∫₀^{t_n} K(t_n,s)V(s)ds` | order (σ = 0) |
//! |---|---|---|---|
//! | `AuthorsFirstOrder` | explicit Euler–Maruyama | trapezoid over `[t_0, t_{n-1}]` (newest interval omitted) | 1 |
//! | `AuthorsSecondOrder` | explicit EM for `v`, then `x_n = x_{n-1} + dt v_n` | left Riemann `dt Σ_{m<n} K(t_n,t_m) v_m` | 1 |
//! | `Trapezoidal` | Crank–Nicolson for `-γV` and the memory (implicit newest point) | full trapezoid over `[0, t_n]` | 2 |
//!
//! The two `Authors…` schemes are exactly those of Lang & Lu's scripts (arXiv 2512.10256,
//! Sec. 5), so results can be compared with theirs. [`Scheme::Trapezoidal`] treats the newest
//! point `½ dt K(t_n,t_n) v_n` implicitly; since it is linear in `v_n`, each step is a `d×d`
//! linear solve (precomputed once for stationary kernels). In the second-order model the
//! position is advanced by the velocity-Verlet rule `x_n = x_{n-1} + dt v_{n-1} + ½dt² a_{n-1}`
//! so that the force is explicit and the deterministic scheme stays second-order accurate.
//!
//! # Memory evaluation
//!
//! For stationary kernels `K(t,s) = k(t-s)A` the lagged sum `H_n = Σ_{m<n} k((n-m)dt) v_m` comes
//! from a [`HistorySum`](crate::history::HistorySum) selected by [`HistoryMethod`] (direct
//! `O(N²)` by default, so that the authors' schemes reproduce their sums), then one product by
//! `A`; the end-point weights cost `O(d)`. General kernels `K(t,s)` are summed directly,
//! `O(N²d²)`.

mod first_order;
mod linalg;
mod memory;
mod second_order;

pub use first_order::{FirstOrderGle, FirstOrderGleBuilder};
pub use second_order::{SecondOrderGle, SecondOrderGleBuilder};

pub(crate) use first_order::FirstOrderStepper;
pub(crate) use second_order::SecondOrderStepper;

pub use crate::history::HistoryMethod;

use crate::error::{GleError, Result, non_negative, positive};
use langevin_base::rng::{Stream, fill_standard_normal, standard_normal};

/// The time-stepping scheme (see the [module docs](self) for the formulas).
///
/// # Example
/// The trapezoidal scheme is second-order accurate: halving `dt` divides the error at `t = 1`
/// by about 4 (`k = e^{-τ}`, `γ = 1`, exact `ρ(1) = e^{-1} cos 1`).
/// ```
/// use gle_core::kernel::{MemoryKernel, ScalarKernel};
/// use gle_core::solver::{FirstOrderGle, Scheme};
/// use langevin_base::rng::Seed;
/// let k = MemoryKernel::isotropic(ScalarKernel::exponential(1.0, 1.0)?, 1)?;
/// let exact = (-1.0f64).exp() * 1.0f64.cos();
/// let err = |dt: f64| -> Result<f64, gle_core::GleError> {
///     let gle = FirstOrderGle::builder(k.clone()).dt(dt).scheme(Scheme::Trapezoidal).build()?;
///     Ok((gle.solve(&mut Seed(0).root())?.final_v()[0] - exact).abs())
/// };
/// let ratio = err(0.02)? / err(0.01)?;
/// assert!((ratio - 4.0).abs() < 0.2, "{ratio}");
/// # Ok::<(), gle_core::GleError>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Scheme {
    /// Explicit Euler–Maruyama, memory by the trapezoid rule over `[t_0, t_{n-1}]`
    /// (`w_0 = w_{n-1} = ½`; `M_1 = ½ dt K(t_1,t_0) v_0`). First-order accurate.
    AuthorsFirstOrder,
    /// Semi-implicit Euler (`v_n` first, then `x_n = x_{n-1} + dt v_n`), memory by the left
    /// Riemann sum `M_n = dt Σ_{m<n} K(t_n,t_m) v_m`. First-order accurate.
    AuthorsSecondOrder,
    /// Crank–Nicolson in `-γV`, full trapezoid memory over `[0, t_n]` with the newest point
    /// implicit. Second-order accurate for `σ = 0`.
    Trapezoidal,
}

/// How the Brownian increments are drawn in `d > 1`.
///
/// Each step adds `σ√dt ξ` with `ξ ~ N(0, I_d)` (`Independent`) or `ξ = z(1, …, 1)`,
/// `z ~ N(0, 1)` (`SharedScalar`).
///
/// # Example
/// With a shared scalar, an isotropic kernel and equal initial components, the components
/// stay exactly equal:
/// ```
/// use gle_core::kernel::{MemoryKernel, ScalarKernel};
/// use gle_core::solver::{FirstOrderGle, NoiseMode};
/// use langevin_base::rng::Seed;
/// let k = MemoryKernel::isotropic(ScalarKernel::exponential(1.0, 1.0)?, 2)?;
/// let gle = FirstOrderGle::builder(k).sigma(1.0).noise(NoiseMode::SharedScalar).build()?;
/// let v = gle.solve(&mut Seed(5).root())?.final_v().to_vec();
/// assert_eq!(v[0], v[1]);
/// # Ok::<(), gle_core::GleError>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum NoiseMode {
    /// Independent `N(0, 1)` per coordinate and step (the model's `d`-dimensional `B`).
    #[default]
    Independent,
    /// One scalar `N(0, 1)` per step applied to every coordinate (the authors' scripts).
    SharedScalar,
}

/// Which states are kept in the returned [`GlePath`].
///
/// # Example
/// ```
/// use gle_core::kernel::{MemoryKernel, ScalarKernel};
/// use gle_core::solver::{FirstOrderGle, Recording};
/// use langevin_base::rng::Seed;
/// let k = MemoryKernel::isotropic(ScalarKernel::exponential(1.0, 1.0)?, 1)?;
/// let gle = FirstOrderGle::builder(k.clone()).record(Recording::FinalOnly).build()?;
/// assert_eq!(gle.solve(&mut Seed(0).root())?.times, vec![0.0, 1.0]);
/// assert!(FirstOrderGle::builder(k).record(Recording::Stride(0)).build().is_err());
/// # Ok::<(), gle_core::GleError>(())
/// ```
///
/// # Errors
/// `Stride(0)` is rejected by the builders with [`GleError::Base`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Recording {
    /// Every `k`-th grid point (`k ≥ 1`) and the final one.
    Stride(usize),
    /// Only the initial and final states (memory `O(d)` besides the history's own state).
    FinalOnly,
}

impl Default for Recording {
    fn default() -> Self {
        Self::Stride(1)
    }
}

/// Validated time grid and coefficients shared by both models.
///
/// The grid is `t_n = n·dt`, `n = 0 … N`, `N = ⌊T/dt⌋` (see [`GleParams::n_steps`]).
///
/// # Example
/// The slack in `N` keeps `T = 0.3`, `dt = 0.1` at three steps (`0.3/0.1 < 3` in `f64`):
/// ```
/// use gle_core::solver::GleParams;
/// let p = GleParams::new(1.0, 0.5, 0.1, 0.3)?;
/// assert_eq!((p.n_steps(), p.gamma, p.sigma), (3, 1.0, 0.5));
/// assert!(GleParams::new(-1.0, 0.0, 0.1, 1.0).is_err()); // γ < 0
/// # Ok::<(), gle_core::GleError>(())
/// ```
///
/// # Errors
/// Built only through [`GleParams::new`], whose errors are documented there.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct GleParams {
    /// Friction `γ ≥ 0`.
    pub gamma: f64,
    /// Noise amplitude `σ ≥ 0`.
    pub sigma: f64,
    /// Step `dt > 0`.
    pub dt: f64,
    /// Final time `T ≥ dt`.
    pub t_end: f64,
}

impl GleParams {
    /// Validates the parameters.
    ///
    /// # Errors
    /// [`GleError::Base`] for NaN/∞, `dt ≤ 0`, `γ < 0` or `σ < 0`;
    /// [`GleError::HorizonTooShort`] for `T < dt`;
    /// [`GleError::TooLarge`] if the number of steps `N = ⌊T/dt⌋` exceeds
    /// [`MAX_STEPS`](crate::error::MAX_STEPS) `= 2³² ≈ 4.3·10⁹`.
    ///
    /// # Example
    /// ```
    /// use gle_core::solver::GleParams;
    /// assert!(GleParams::new(1.0, 0.0, 0.01, 1.0).is_ok());
    /// assert!(GleParams::new(1.0, 0.0, 0.1, 0.05).is_err());
    /// ```
    pub fn new(gamma: f64, sigma: f64, dt: f64, t_end: f64) -> Result<Self> {
        let gamma = non_negative("gamma", gamma)?;
        let sigma = non_negative("sigma", sigma)?;
        let dt = positive("dt", dt)?;
        let t_end = crate::error::finite("t_end", t_end)?;
        if t_end < dt {
            return Err(GleError::HorizonTooShort { t_end, dt });
        }
        crate::error::checked_steps(dt, t_end)?;
        Ok(Self {
            gamma,
            sigma,
            dt,
            t_end,
        })
    }

    /// The number of steps `N = ⌊T/dt⌋` (with a relative slack of 1e-9 so that `T = N·dt`
    /// written in decimal is not rounded down); at most
    /// [`MAX_STEPS`](crate::error::MAX_STEPS) `= 2³²`, which [`GleParams::new`] enforces.
    pub fn n_steps(&self) -> usize {
        // the fields are public: clamp rather than saturate for hand-built parameters
        (self.t_end / self.dt * (1.0 + 1e-9))
            .floor()
            .min(crate::error::MAX_STEPS as f64) as usize
    }
}

/// Solver options common to both models.
///
/// # Example
/// The builders' defaults: the authors' scheme, the direct history sum, independent noise,
/// every step recorded.
/// ```
/// use gle_core::kernel::{MemoryKernel, ScalarKernel};
/// use gle_core::solver::{FirstOrderGle, HistoryMethod, NoiseMode, Recording, Scheme};
/// let k = MemoryKernel::isotropic(ScalarKernel::exponential(1.0, 1.0)?, 1)?;
/// let o = *FirstOrderGle::builder(k).build()?.options();
/// assert_eq!((o.scheme, o.history), (Scheme::AuthorsFirstOrder, HistoryMethod::Direct));
/// assert_eq!((o.noise, o.record), (NoiseMode::Independent, Recording::Stride(1)));
/// # Ok::<(), gle_core::GleError>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SolverOptions {
    /// The scheme.
    pub scheme: Scheme,
    /// The history evaluation for stationary kernels.
    pub history: HistoryMethod,
    /// Noise mode in `d > 1`.
    pub noise: NoiseMode,
    /// What to record.
    pub record: Recording,
}

/// Counters of a solve.
///
/// # Example
/// ```
/// use gle_core::kernel::{MemoryKernel, ScalarKernel};
/// use gle_core::solver::FirstOrderGle;
/// use langevin_base::rng::Seed;
/// let k = MemoryKernel::isotropic(ScalarKernel::exponential(1.0, 1.0)?, 1)?;
/// let gle = FirstOrderGle::builder(k).dt(0.1).t_end(1.0).build()?;
/// let st = gle.solve(&mut Seed(0).root())?.stats;
/// assert!(st.steps == 10 && st.gradient_evals == 0 && st.kernel_evals >= 11);
/// # Ok::<(), gle_core::GleError>(())
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SolveStats {
    /// Time steps taken.
    pub steps: usize,
    /// Kernel evaluations made by the solver: profile or `K(t,s)` evaluations for end-point
    /// terms, general-kernel sums and implicit diagonals, plus the `N + 1` lag values the
    /// history tabulates.
    pub kernel_evals: u64,
    /// Potential-gradient evaluations (0 for first order).
    pub gradient_evals: u64,
}

/// A recorded solution: times and states (row `i` of `v`/`x` is the state at `times[i]`).
///
/// # Example
/// ```
/// use gle_core::kernel::{MemoryKernel, ScalarKernel};
/// use gle_core::solver::{FirstOrderGle, Recording};
/// use langevin_base::rng::Seed;
/// let k = MemoryKernel::isotropic(ScalarKernel::exponential(1.0, 1.0)?, 2)?;
/// let gle = FirstOrderGle::builder(k).v0(vec![1.0, -1.0]).record(Recording::Stride(25)).build()?;
/// let path = gle.solve(&mut Seed(0).root())?;
/// assert_eq!(path.times, vec![0.0, 0.25, 0.5, 0.75, 1.0]);
/// assert_eq!(path.v_at(0), &[1.0, -1.0]);
/// assert_eq!(path.v_component(1)[4], path.final_v()[1]);
/// assert!(path.x.is_empty()); // first order: no positions
/// # Ok::<(), gle_core::GleError>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct GlePath {
    /// Dimension `d`.
    pub dim: usize,
    /// Recorded times.
    pub times: Vec<f64>,
    /// Velocities, `times.len() × d` row-major.
    pub v: Vec<f64>,
    /// Positions (second order only; empty for first order), `times.len() × d`.
    pub x: Vec<f64>,
    /// Counters.
    pub stats: SolveStats,
}

impl GlePath {
    /// The velocity at record `i`.
    ///
    /// # Panics
    /// If `i ≥ times.len()`.
    pub fn v_at(&self, i: usize) -> &[f64] {
        &self.v[i * self.dim..(i + 1) * self.dim]
    }

    /// The position at record `i` (second order).
    ///
    /// # Panics
    /// If `i ≥ times.len()` or the path has no positions.
    pub fn x_at(&self, i: usize) -> &[f64] {
        &self.x[i * self.dim..(i + 1) * self.dim]
    }

    /// The final velocity.
    pub fn final_v(&self) -> &[f64] {
        self.v_at(self.times.len() - 1)
    }

    /// The recorded first component `v_1(t)` as a vector (convenience for `d = 1`).
    pub fn v_component(&self, c: usize) -> Vec<f64> {
        self.v.iter().skip(c).step_by(self.dim).copied().collect()
    }
}

/// Draws the scaled increment `σ√dt ξ` into `xi`.
#[inline]
pub(crate) fn draw_noise(rng: &mut Stream, mode: NoiseMode, scale: f64, xi: &mut [f64]) {
    match mode {
        NoiseMode::Independent => {
            fill_standard_normal(rng, xi);
            for x in xi.iter_mut() {
                *x *= scale;
            }
        }
        NoiseMode::SharedScalar => {
            let z = scale * standard_normal(rng);
            xi.fill(z);
        }
    }
}

/// Whether the grid point `n` of `n_steps` is recorded.
#[inline]
pub(crate) fn is_recorded(record: Recording, n: usize, n_steps: usize) -> bool {
    match record {
        Recording::Stride(k) => n.is_multiple_of(k) || n == n_steps,
        Recording::FinalOnly => n == 0 || n == n_steps,
    }
}

/// Validates a recording stride.
pub(crate) fn check_record(record: Recording) -> Result<()> {
    if let Recording::Stride(0) = record {
        return Err(langevin_base::Error::Empty {
            name: "record stride",
        }
        .into());
    }
    Ok(())
}

#[cfg(test)]
mod tests;
