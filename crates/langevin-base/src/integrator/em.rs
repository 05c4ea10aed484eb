//! Overdamped Euler–Maruyama.

use super::{RunConfig, Scheme, Trajectory, check_batch, validate_params};
use crate::error::{self, Result};
use crate::potential::Potential;
use crate::rng::{Stream, fill_standard_normal, standard_normal};
use serde::{Deserialize, Serialize};

/// Euler–Maruyama for overdamped Langevin dynamics `dX = -∇U(X)/γ dt + √(2/(βγ)) dW`:
///
/// `x_{n+1} = x_n - ∇U(x_n) h/γ + √(2h/(βγ)) ξ_n`, `ξ_n ~ N(0, I)`.
///
/// # Example
/// ```
/// use langevin_base::integrator::{EulerMaruyama, RunConfig};
/// use langevin_base::potential::DoubleWell;
/// let em = EulerMaruyama::new(0.01, 1.0, 3.0).unwrap();
/// let u = DoubleWell::new(1.0, 0.0).unwrap();
/// let traj = em.run(&u, &[-1.0], &RunConfig::new(1000, 100, 42)).unwrap();
/// assert_eq!(traj.len(), 11);
/// ```
///
/// # Numerical notes
/// Strong order ½, weak order 1. On `U = θx²/2` the chain is the AR(1) process
/// `x_{n+1} = (1-θh/γ) x_n + √(2h/(βγ)) ξ_n`, stable for `θh/γ < 2`, with stationary variance
/// `2h/(βγ(1-(1-θh/γ)²)) = 1/(βθ(1 - θh/(2γ)))`, i.e. an `O(h)` bias of the invariant law.
/// Diverges (reported as [`crate::Error::Diverged`] by `run`) when `h·max U''/γ > 2`.
///
/// # References
/// Kloeden & Platen (1992), doi:10.1007/978-3-662-12616-5, Sec. 9.1.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct EulerMaruyama {
    dt: f64,
    gamma: f64,
    beta: f64,
    drift: f64,
    noise: f64,
}

impl EulerMaruyama {
    /// The scheme with step `dt`, friction `gamma` and inverse temperature `beta`.
    ///
    /// # Errors
    /// [`crate::Error::NotFinite`] or [`crate::Error::NonPositive`] naming `dt`, `gamma` or `beta`;
    /// [`crate::Error::OutOfRange`] naming `gamma` if the drift factor `h/γ` overflows, or `beta`
    /// if the noise amplitude `√(2h/(βγ))` does.
    ///
    /// # Example
    /// ```
    /// use langevin_base::{Error, integrator::EulerMaruyama};
    /// let em = EulerMaruyama::new(0.02, 2.0, 0.5)?;
    /// assert!((em.noise_amplitude() - 0.2).abs() < 1e-15); // √(2h/(βγ)) = √0.04
    /// let err = EulerMaruyama::new(0.02, 0.0, 1.0).unwrap_err();
    /// assert!(matches!(err, Error::NonPositive { name: "gamma", .. }));
    /// # Ok::<(), langevin_base::Error>(())
    /// ```
    pub fn new(dt: f64, gamma: f64, beta: f64) -> Result<Self> {
        validate_params(dt, gamma, beta)?;
        let reason = "derived coefficient overflows";
        let drift = error::derived(dt / gamma, "gamma", gamma, reason)?;
        let noise = error::derived((2.0 * drift / beta).sqrt(), "beta", beta, reason)?;
        Ok(Self {
            dt,
            gamma,
            beta,
            drift,
            noise,
        })
    }

    /// Friction `γ`.
    pub fn gamma(&self) -> f64 {
        self.gamma
    }

    /// Inverse temperature `β`.
    pub fn beta(&self) -> f64 {
        self.beta
    }

    /// The noise amplitude per step, `√(2h/(βγ))`.
    pub fn noise_amplitude(&self) -> f64 {
        self.noise
    }

    /// One step of one particle; `grad` holds `∇U(x)` on entry and on exit.
    ///
    /// # Panics
    /// If `x.len()` or `grad.len()` differ from `pot.dim()`.
    ///
    /// # Example
    /// One step on `U = q²/2` is `x - (h/γ) x + √(2h/(βγ)) ξ`, `ξ` the stream's next normal:
    /// ```
    /// use langevin_base::{integrator::EulerMaruyama, rng::{Seed, standard_normal}};
    /// let u = langevin_base::potential::Harmonic::isotropic(1, 1.0)?;
    /// let em = EulerMaruyama::new(0.1, 2.0, 1.0)?;
    /// let mut rng = Seed(1).root();
    /// let xi = standard_normal(&mut rng.clone());
    /// let (mut x, mut g) = ([1.0], [1.0]); // g = ∇U(x) = x
    /// em.step(&u, &mut x, &mut g, &mut rng);
    /// assert!((x[0] - (1.0 - 0.1 / 2.0 + em.noise_amplitude() * xi)).abs() < 1e-15);
    /// assert_eq!(g[0], x[0]); // gradient refreshed at the new point
    /// # Ok::<(), langevin_base::Error>(())
    /// ```
    #[inline]
    #[track_caller]
    pub fn step<P: Potential + ?Sized>(
        &self,
        pot: &P,
        x: &mut [f64],
        grad: &mut [f64],
        rng: &mut Stream,
    ) {
        check_batch(pot.dim(), x, None, grad);
        self.step_particles(pot, x, grad, rng);
    }

    /// One step of `n` independent particles stored contiguously (`x.len() = n·d`).
    ///
    /// # Panics
    /// If `x.len()` is not a multiple of `d` or `grad.len() != x.len()`.
    ///
    /// # Example
    /// A batch step equals stepping its particles one after the other with the same stream:
    /// ```
    /// use langevin_base::{integrator::EulerMaruyama, rng::Seed};
    /// let u = langevin_base::potential::Harmonic::isotropic(1, 1.0)?;
    /// let em = EulerMaruyama::new(0.1, 1.0, 1.0)?;
    /// let (mut x, mut g, mut r) = ([1.0, 2.0, 3.0], [1.0, 2.0, 3.0], Seed(3).root());
    /// let (mut y, mut h, mut s) = (x, g, Seed(3).root());
    /// em.step_particles(&u, &mut x, &mut g, &mut r);
    /// for i in 0..3 { em.step(&u, &mut y[i..=i], &mut h[i..=i], &mut s); }
    /// assert_eq!(x, y);
    /// # Ok::<(), langevin_base::Error>(())
    /// ```
    #[inline]
    #[track_caller]
    pub fn step_particles<P: Potential + ?Sized>(
        &self,
        pot: &P,
        x: &mut [f64],
        grad: &mut [f64],
        rng: &mut Stream,
    ) {
        let d = pot.dim();
        check_batch(d, x, None, grad);
        if d == 1 {
            // Scalar fast path: normals of a chunk first (same order as one by one), then a
            // branch-free arithmetic loop; the generator state lives in registers.
            const CHUNK: usize = 64;
            let mut r = rng.clone();
            let mut xi = [0.0; CHUNK];
            let mut gnew = [0.0];
            for (x, g) in x.chunks_mut(CHUNK).zip(grad.chunks_mut(CHUNK)) {
                let xi = &mut xi[..x.len()];
                fill_standard_normal(&mut r, xi);
                for ((x, g), xi) in x.iter_mut().zip(g.iter_mut()).zip(xi.iter()) {
                    let xv = *x - self.drift * *g + self.noise * xi;
                    pot.gradient(std::slice::from_ref(&xv), &mut gnew);
                    *x = xv;
                    *g = gnew[0];
                }
            }
            *rng = r;
            return;
        }
        for (x, g) in x.chunks_exact_mut(d).zip(grad.chunks_exact_mut(d)) {
            for (xi, gi) in x.iter_mut().zip(g.iter()) {
                *xi += -self.drift * gi + self.noise * standard_normal(rng);
            }
            pot.gradient(x, g);
        }
    }

    /// Integrates one trajectory from `x0`, recording every `cfg.stride` steps.
    ///
    /// # Errors
    /// [`crate::Error::Empty`] for `steps = 0` or `stride = 0`; [`crate::Error::DimensionMismatch`]
    /// if `x0.len() != pot.dim()`; [`crate::Error::NotFinite`] for a non-finite `x0`;
    /// [`crate::Error::Diverged`] if the state becomes non-finite.
    ///
    /// # Example
    /// Beyond the stability limit `θh/γ < 2` the chain `x ← (1 - θh/γ) x + …` blows up:
    /// ```
    /// use langevin_base::{Error, integrator::{EulerMaruyama, RunConfig}};
    /// let u = langevin_base::potential::Harmonic::isotropic(1, 4.0)?;
    /// let t = EulerMaruyama::new(0.1, 1.0, 1.0)?.run(&u, &[1.0], &RunConfig::new(100, 10, 0))?;
    /// assert_eq!((t.len(), t.stats.gradient_evaluations), (11, 101));
    /// let unstable = EulerMaruyama::new(1.0, 1.0, 1.0)?; // θh/γ = 4
    /// let err = unstable.run(&u, &[1.0], &RunConfig::new(10_000, 1, 0)).unwrap_err();
    /// assert!(matches!(err, Error::Diverged { .. }));
    /// # Ok::<(), langevin_base::Error>(())
    /// ```
    pub fn run<P: Potential + ?Sized>(
        &self,
        pot: &P,
        x0: &[f64],
        cfg: &RunConfig,
    ) -> Result<Trajectory> {
        self.run_trajectory(pot, x0, None, cfg)
    }
}

impl Scheme for EulerMaruyama {
    const INERTIAL: bool = false;

    fn dt(&self) -> f64 {
        self.dt
    }

    #[inline]
    fn advance<P: Potential + ?Sized>(
        &self,
        pot: &P,
        q: &mut [f64],
        _p: &mut [f64],
        grad: &mut [f64],
        rng: &mut Stream,
    ) {
        self.step_particles(pot, q, grad, rng);
    }

    #[inline]
    fn advance_particles<P: Potential + ?Sized>(
        &self,
        pot: &P,
        q: &mut [f64],
        _p: &mut [f64],
        grad: &mut [f64],
        rng: &mut Stream,
    ) {
        self.step_particles(pot, q, grad, rng);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Error;
    use crate::potential::Harmonic;
    use crate::rng::Seed;

    #[test]
    fn invalid_parameters() {
        assert!(matches!(
            EulerMaruyama::new(0.0, 1.0, 1.0),
            Err(Error::NonPositive { name: "dt", .. })
        ));
        assert!(matches!(
            EulerMaruyama::new(0.1, -1.0, 1.0),
            Err(Error::NonPositive { name: "gamma", .. })
        ));
        assert!(matches!(
            EulerMaruyama::new(0.1, 1.0, f64::NAN),
            Err(Error::NotFinite { name: "beta", .. })
        ));
    }

    /// With the noise switched off (β → ∞ is not allowed, so compare the drift part): one step
    /// of the kernel minus its noise equals the exact recursion `x(1-θh/γ)`.
    #[test]
    fn deterministic_part_is_the_exact_linear_recursion() {
        let (theta, h, gamma) = (2.0, 0.05, 1.5);
        let u = Harmonic::isotropic(1, theta).unwrap();
        let em = EulerMaruyama::new(h, gamma, 1.0).unwrap();
        let mut rng_a = Seed(5).root();
        let mut rng_b = rng_a.clone();
        let (mut x, mut g) = ([1.0], [theta]);
        let mut y = 1.0_f64;
        for _ in 0..50 {
            em.step(&u, &mut x, &mut g, &mut rng_a);
            y = y * (1.0 - theta * h / gamma) + em.noise_amplitude() * standard_normal(&mut rng_b);
        }
        assert!((x[0] - y).abs() < 1e-13, "{} vs {y}", x[0]);
        assert!((g[0] - theta * x[0]).abs() < 1e-15);
    }

    /// Stationary variance of the AR(1) chain, `2h/(βγ(1-a²))`, `a = 1-θh/γ`, from 2·10⁵
    /// particles after 400 steps (a^800 ≈ 1e-18); 5σ with σ = Var·√(2/n).
    #[test]
    fn ar1_stationary_variance() {
        let (theta, h, gamma, beta) = (1.0, 0.1, 2.0, 0.5);
        let u = Harmonic::isotropic(1, theta).unwrap();
        let em = EulerMaruyama::new(h, gamma, beta).unwrap();
        let n = 200_000;
        let mut x = vec![0.0; n];
        let mut g = vec![0.0; n];
        let mut rng = Seed(11).root();
        for _ in 0..400 {
            em.step_particles(&u, &mut x, &mut g, &mut rng);
        }
        let var = x.iter().map(|v| v * v).sum::<f64>() / n as f64;
        let a = 1.0 - theta * h / gamma;
        let exact = 2.0 * h / (beta * gamma * (1.0 - a * a));
        assert!(
            (var - exact).abs() < 5.0 * exact * (2.0 / n as f64).sqrt(),
            "{var} vs {exact}"
        );
        assert!(em.gamma() == gamma && em.beta() == beta && em.dt() == h);
    }

    #[test]
    #[should_panic(expected = "shape mismatch")]
    fn wrong_shapes_panic_with_both_shapes() {
        let u = Harmonic::isotropic(2, 1.0).unwrap();
        let em = EulerMaruyama::new(0.1, 1.0, 1.0).unwrap();
        em.step_particles(&u, &mut [0.0; 4], &mut [0.0; 3], &mut Seed(0).root());
    }
}
