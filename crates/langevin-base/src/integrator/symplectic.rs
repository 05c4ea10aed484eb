//! The semi-implicit (symplectic) Euler scheme of gle-core's reference experiments.

use super::{RunConfig, Scheme, Trajectory, check_batch, validate_params};
use crate::error::{self, Result};
use crate::potential::Potential;
use crate::rng::{Stream, standard_normal};
use serde::{Deserialize, Serialize};

/// Semi-implicit Euler for `dx = v dt`, `dv = (-γv - ∇U(x)) dt + σ dW` (unit mass):
///
/// `v_n = v_{n-1} + h(-γ v_{n-1} - ∇U(x_{n-1})) + σ√h ξ_n`, `x_n = x_{n-1} + h v_n`,
///
/// with `σ = √(2γ/β)` by default ([`SymplecticEuler::new`]) or any `σ ≥ 0`
/// ([`SymplecticEuler::with_sigma`]). This is the reference scheme of the experiments in
/// `gle.md`; use [`crate::integrator::Baoab`] for sampling.
///
/// # Example
/// ```
/// use langevin_base::integrator::{RunConfig, SymplecticEuler};
/// use langevin_base::potential::Harmonic;
/// let se = SymplecticEuler::new(0.01, 1.0, 1.0).unwrap();
/// let u = Harmonic::isotropic(1, 1.0).unwrap();
/// let traj = se.run(&u, &[1.0], &[0.0], &RunConfig::new(100, 10, 1)).unwrap();
/// assert_eq!(traj.len(), 11);
/// ```
///
/// # Numerical notes
/// Weak order 1 (the stationary kinetic temperature has an `O(h)` bias). On the harmonic
/// oscillator `U = kx²/2` without noise the scheme is the linear map
/// `(v, x) ↦ [[1-γh, -kh], [h(1-γh), 1-kh²]] (v, x)`, stable exactly when its eigenvalues lie in
/// the unit disk (for `γ = 0`: `h < 2/√k`).
///
/// # References
/// E. Hairer, C. Lubich, G. Wanner, *Geometric Numerical Integration*, Springer (2006),
/// doi:10.1007/3-540-30666-8, Sec. I.1.2.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct SymplecticEuler {
    dt: f64,
    gamma: f64,
    sigma: f64,
    noise: f64,
}

impl SymplecticEuler {
    /// The scheme with `σ = √(2γ/β)` (fluctuation–dissipation at inverse temperature `β`).
    ///
    /// # Errors
    /// [`crate::Error::NotFinite`] or [`crate::Error::NonPositive`] naming `dt`, `gamma` or `beta`;
    /// [`crate::Error::OutOfRange`] naming `beta` if `σ = √(2γ/β)` or `σ√h` overflows.
    ///
    /// # Example
    /// ```
    /// use langevin_base::integrator::SymplecticEuler;
    /// let se = SymplecticEuler::new(0.01, 2.0, 4.0)?;
    /// assert_eq!((se.gamma(), se.sigma()), (2.0, 1.0)); // σ = √(2γ/β)
    /// # Ok::<(), langevin_base::Error>(())
    /// ```
    pub fn new(dt: f64, gamma: f64, beta: f64) -> Result<Self> {
        validate_params(dt, gamma, beta)?;
        let reason = "derived coefficient overflows";
        let sigma = error::derived((2.0 * gamma / beta).sqrt(), "beta", beta, reason)?;
        error::derived(sigma * dt.sqrt(), "beta", beta, reason)?;
        Self::with_sigma(dt, gamma, sigma)
    }

    /// The scheme with an explicit noise amplitude `σ ≥ 0` (`σ = 0`: deterministic).
    ///
    /// # Errors
    /// [`crate::Error::NonPositive`]/[`crate::Error::NotFinite`] for `dt`, `gamma`;
    /// [`crate::Error::OutOfRange`] for `σ < 0` or if the per-step amplitude `σ√h` overflows.
    ///
    /// # Example
    /// ```
    /// use langevin_base::integrator::SymplecticEuler;
    /// assert_eq!(SymplecticEuler::with_sigma(0.1, 1.0, 0.5).unwrap().sigma(), 0.5);
    /// ```
    pub fn with_sigma(dt: f64, gamma: f64, sigma: f64) -> Result<Self> {
        error::positive("dt", dt)?;
        error::positive("gamma", gamma)?;
        error::non_negative("sigma", sigma)?;
        let noise = error::derived(
            sigma * dt.sqrt(),
            "sigma",
            sigma,
            "derived coefficient overflows",
        )?;
        Ok(Self {
            dt,
            gamma,
            sigma,
            noise,
        })
    }

    /// Friction `γ`.
    pub fn gamma(&self) -> f64 {
        self.gamma
    }

    /// Noise amplitude `σ`.
    pub fn sigma(&self) -> f64 {
        self.sigma
    }

    /// One step of one particle; `grad` holds `∇U(x)` on entry and on exit.
    ///
    /// # Panics
    /// If `x`, `v`, `grad` do not all have length `pot.dim()`.
    ///
    /// # Example
    /// Without noise, one step on `U = kx²/2` from `(x, v) = (1, 0)` gives `v = -kh`,
    /// `x = 1 - kh²`:
    /// ```
    /// use langevin_base::{integrator::SymplecticEuler, rng::Seed};
    /// let u = langevin_base::potential::Harmonic::isotropic(1, 1.0)?;
    /// let se = SymplecticEuler::with_sigma(0.1, 0.5, 0.0)?;
    /// let (mut x, mut v, mut g) = ([1.0], [0.0], [1.0]);
    /// se.step(&u, &mut x, &mut v, &mut g, &mut Seed(0).root());
    /// assert!((v[0] + 0.1).abs() < 1e-15 && (x[0] - 0.99).abs() < 1e-15);
    /// # Ok::<(), langevin_base::Error>(())
    /// ```
    #[inline]
    #[track_caller]
    pub fn step<P: Potential + ?Sized>(
        &self,
        pot: &P,
        x: &mut [f64],
        v: &mut [f64],
        grad: &mut [f64],
        rng: &mut Stream,
    ) {
        assert_eq!(x.len(), pot.dim(), "shape mismatch: x.len() vs pot.dim()");
        self.step_particles(pot, x, v, grad, rng);
    }

    /// One step of `n` independent particles stored contiguously.
    ///
    /// # Panics
    /// If the lengths are not equal multiples of `d`.
    ///
    /// # Example
    /// Without noise the step is linear, so particles at `1` and `2` stay in the ratio `1 : 2`:
    /// ```
    /// use langevin_base::{integrator::SymplecticEuler, rng::Seed};
    /// let u = langevin_base::potential::Harmonic::isotropic(1, 1.0)?;
    /// let se = SymplecticEuler::with_sigma(0.1, 0.5, 0.0)?;
    /// let (mut x, mut v, mut g) = ([1.0, 2.0], [0.0; 2], [1.0, 2.0]);
    /// se.step_particles(&u, &mut x, &mut v, &mut g, &mut Seed(0).root());
    /// assert!((x[0] - 0.99).abs() < 1e-15 && (x[1] - 2.0 * x[0]).abs() < 1e-15);
    /// assert_eq!(v, [-0.1, -0.2]);
    /// # Ok::<(), langevin_base::Error>(())
    /// ```
    #[inline]
    #[track_caller]
    pub fn step_particles<P: Potential + ?Sized>(
        &self,
        pot: &P,
        x: &mut [f64],
        v: &mut [f64],
        grad: &mut [f64],
        rng: &mut Stream,
    ) {
        let d = pot.dim();
        check_batch(d, x, Some(v), grad);
        let (h, gamma, noise) = (self.dt, self.gamma, self.noise);
        for ((x, v), g) in x
            .chunks_exact_mut(d)
            .zip(v.chunks_exact_mut(d))
            .zip(grad.chunks_exact_mut(d))
        {
            for ((xi, vi), gi) in x.iter_mut().zip(v.iter_mut()).zip(g.iter()) {
                *vi += h * (-gamma * *vi - gi) + noise * standard_normal(rng);
                *xi += h * *vi;
            }
            pot.gradient(x, g);
        }
    }

    /// Integrates one trajectory from `(x0, v0)`.
    ///
    /// # Errors
    /// As [`crate::integrator::Baoab::run`].
    ///
    /// # Example
    /// For `γ = 0.1`, `h = 3 > 2/√k` the linear map has an eigenvalue near `-7.2` and the run
    /// diverges:
    /// ```
    /// use langevin_base::{Error, integrator::{RunConfig, SymplecticEuler}};
    /// let u = langevin_base::potential::Harmonic::isotropic(1, 1.0)?;
    /// let se = SymplecticEuler::with_sigma(3.0, 0.1, 0.0)?;
    /// let err = se.run(&u, &[1.0], &[0.0], &RunConfig::new(10_000, 1, 0)).unwrap_err();
    /// assert!(matches!(err, Error::Diverged { step, .. } if step < 1000));
    /// # Ok::<(), langevin_base::Error>(())
    /// ```
    pub fn run<P: Potential + ?Sized>(
        &self,
        pot: &P,
        x0: &[f64],
        v0: &[f64],
        cfg: &RunConfig,
    ) -> Result<Trajectory> {
        self.run_trajectory(pot, x0, Some(v0), cfg)
    }
}

impl Scheme for SymplecticEuler {
    const INERTIAL: bool = true;

    fn dt(&self) -> f64 {
        self.dt
    }

    #[inline]
    fn advance<P: Potential + ?Sized>(
        &self,
        pot: &P,
        q: &mut [f64],
        p: &mut [f64],
        grad: &mut [f64],
        rng: &mut Stream,
    ) {
        self.step_particles(pot, q, p, grad, rng);
    }

    #[inline]
    fn advance_particles<P: Potential + ?Sized>(
        &self,
        pot: &P,
        q: &mut [f64],
        p: &mut [f64],
        grad: &mut [f64],
        rng: &mut Stream,
    ) {
        self.step_particles(pot, q, p, grad, rng);
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
            SymplecticEuler::new(0.1, 1.0, 0.0),
            Err(Error::NonPositive { name: "beta", .. })
        ));
        assert!(matches!(
            SymplecticEuler::with_sigma(0.1, 1.0, -1.0),
            Err(Error::OutOfRange { name: "sigma", .. })
        ));
        assert!(matches!(
            SymplecticEuler::with_sigma(f64::NAN, 1.0, 1.0),
            Err(Error::NotFinite { name: "dt", .. })
        ));
    }

    /// σ = 0: the scheme is the linear map `[[1-γh, -kh],[h(1-γh), 1-kh²]]` on (v, x), exactly.
    #[test]
    fn deterministic_is_the_linear_map() {
        let (k, gamma, h) = (3.0, 0.5, 0.05);
        let u = Harmonic::isotropic(1, k).unwrap();
        let se = SymplecticEuler::with_sigma(h, gamma, 0.0).unwrap();
        let (mut x, mut v, mut g) = ([1.0], [0.5], [k]);
        let (mut xe, mut ve) = (1.0_f64, 0.5_f64);
        let mut rng = Seed(0).root();
        for _ in 0..100 {
            se.step(&u, &mut x, &mut v, &mut g, &mut rng);
            let vn = (1.0 - gamma * h) * ve - k * h * xe;
            xe += h * vn;
            ve = vn;
        }
        assert!((x[0] - xe).abs() < 1e-14 && (v[0] - ve).abs() < 1e-14);
        assert!(se.gamma() == gamma && se.sigma() == 0.0 && se.dt() == h);
    }

    /// Stationary `⟨v²⟩` of the stochastic harmonic chain tends to `1/β` as h → 0; at h = 0.01,
    /// k = γ = 1 the O(h) bias is ≈ 1% and the 5σ band with 10⁵ particles is 2.2%.
    #[test]
    fn approximate_equipartition() {
        let u = Harmonic::isotropic(1, 1.0).unwrap();
        let se = SymplecticEuler::new(0.01, 1.0, 1.0).unwrap();
        let n = 100_000;
        let (mut x, mut v, mut g) = (vec![0.0; n], vec![0.0; n], vec![0.0; n]);
        let mut rng = Seed(4).root();
        for _ in 0..2000 {
            se.step_particles(&u, &mut x, &mut v, &mut g, &mut rng);
        }
        let vv = v.iter().map(|a| a * a).sum::<f64>() / n as f64;
        assert!(
            (vv - 1.0).abs() < 0.01 + 5.0 * (2.0 / n as f64).sqrt(),
            "{vv}"
        );
    }
}
