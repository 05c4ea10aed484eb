//! BAOAB (Leimkuhler–Matthews) with the exact Ornstein–Uhlenbeck O-step.

use super::{RunConfig, Scheme, Trajectory, check_batch, validate_params};
use crate::error::{self, Result};
use crate::potential::Potential;
use crate::rng::{Stream, fill_standard_normal, standard_normal};
use serde::{Deserialize, Serialize};

/// BAOAB splitting for underdamped Langevin dynamics with scalar mass `m`:
///
/// `dq = M⁻¹p dt`, `dp = -∇U(q) dt - γ M⁻¹p dt + √(2γ/β) dW`, `M = m I`.
///
/// One step of size `h` is `B A O A B`:
/// - B: `p ← p - (h/2) ∇U(q)`;
/// - A: `q ← q + (h/2) p/m`;
/// - O: `p ← e^{-γh/m} p + √((1 - e^{-2γh/m}) m/β) ξ`, the exact solution of
///   `dp = -γ p/m dt + √(2γ/β) dW` over time `h`;
/// - A, B as above (the final B uses the gradient at the new `q`, which is kept for the next step).
///
/// The invariant law of the continuous dynamics is `∝ e^{-β(U(q) + |p|²/(2m))}`; with this
/// convention `γ` is a friction *coefficient* (force per velocity) and the relaxation rate of
/// the momentum is `γ/m`.
///
/// # Example
/// ```
/// use langevin_base::integrator::{Baoab, RunConfig};
/// use langevin_base::potential::DoubleWell;
/// let baoab = Baoab::new(0.05, 1.0, 3.0).unwrap().with_mass(2.0).unwrap();
/// let u = DoubleWell::new(1.0, 0.0).unwrap();
/// let traj = baoab.run(&u, &[-1.0], &[0.0], &RunConfig::new(200, 20, 7)).unwrap();
/// assert_eq!(traj.len(), 11);
/// ```
///
/// # Numerical notes
/// Weak order 2 for configurational averages; for the harmonic potential `U = kq²/2` (unit
/// mass) the stationary law of the chain has *exactly* `Var q = 1/(βk)` for every `h < 2/√k`
/// and every `γ`, while the full-step momentum has `Var p = (1 - h²k/4)/β` (an `O(h²)` error in
/// the kinetic temperature). Deterministic stability limit `h < 2√(m/k_max)`; beyond it the
/// state diverges ([`crate::Error::Diverged`] from `run`).
///
/// # References
/// B. Leimkuhler, C. Matthews, Appl. Math. Res. Express 2013, doi:10.1093/amrx/abs010;
/// B. Leimkuhler, C. Matthews, *Molecular Dynamics*, Springer (2015),
/// doi:10.1007/978-3-319-16375-8, Ch. 7.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Baoab {
    dt: f64,
    gamma: f64,
    beta: f64,
    mass: f64,
    half_dt: f64,
    half_dt_over_m: f64,
    c1: f64,
    c2: f64,
}

impl Baoab {
    /// BAOAB with step `dt`, friction `gamma`, inverse temperature `beta` and unit mass.
    ///
    /// # Errors
    /// [`crate::Error::NotFinite`] or [`crate::Error::NonPositive`] naming `dt`, `gamma` or `beta`;
    /// [`crate::Error::OutOfRange`] naming `beta` if the noise coefficient `c₂` overflows
    /// (`β` so small that `1/β` is infinite).
    ///
    /// # Example
    /// ```
    /// use langevin_base::{Error, integrator::Baoab};
    /// let b = Baoab::new(0.1, 2.0, 0.5)?;
    /// assert_eq!((b.gamma(), b.beta(), b.mass()), (2.0, 0.5, 1.0));
    /// let err = Baoab::new(0.1, 1.0, f64::NAN).unwrap_err();
    /// assert!(matches!(err, Error::NotFinite { name: "beta", .. }));
    /// # Ok::<(), langevin_base::Error>(())
    /// ```
    pub fn new(dt: f64, gamma: f64, beta: f64) -> Result<Self> {
        validate_params(dt, gamma, beta)?;
        let b = Self::build(dt, gamma, beta, 1.0);
        error::derived(b.c2, "beta", beta, "derived coefficient c2 overflows")?;
        Ok(b)
    }

    /// The same scheme with mass `m` (see the type-level docs for the convention).
    ///
    /// # Errors
    /// [`crate::Error::NotFinite`] or [`crate::Error::NonPositive`] naming `mass`;
    /// [`crate::Error::OutOfRange`] naming `mass` if a derived coefficient (`h/(2m)` or `c₂`)
    /// overflows.
    ///
    /// # Example
    /// ```
    /// use langevin_base::{Error, integrator::Baoab};
    /// let b = Baoab::new(0.1, 1.0, 1.0).unwrap();
    /// assert_eq!(b.with_mass(4.0).unwrap().mass(), 4.0);
    /// assert!(matches!(b.with_mass(0.0), Err(Error::NonPositive { name: "mass", .. })));
    /// ```
    pub fn with_mass(self, m: f64) -> Result<Self> {
        error::positive("mass", m)?;
        let b = Self::build(self.dt, self.gamma, self.beta, m);
        let reason = "derived coefficient overflows";
        error::derived(b.half_dt_over_m, "mass", m, reason)?;
        error::derived(b.c2, "mass", m, reason)?;
        Ok(b)
    }

    fn build(dt: f64, gamma: f64, beta: f64, mass: f64) -> Self {
        let c1 = (-gamma * dt / mass).exp();
        // 1 - e^{-2x} computed as -expm1(-2x): accurate for small γh/m.
        let c2 = (-(-2.0 * gamma * dt / mass).exp_m1() * mass / beta).sqrt();
        Self {
            dt,
            gamma,
            beta,
            mass,
            half_dt: 0.5 * dt,
            half_dt_over_m: 0.5 * dt / mass,
            c1,
            c2,
        }
    }

    /// Friction `γ`.
    pub fn gamma(&self) -> f64 {
        self.gamma
    }

    /// Inverse temperature `β`.
    pub fn beta(&self) -> f64 {
        self.beta
    }

    /// Mass `m`.
    pub fn mass(&self) -> f64 {
        self.mass
    }

    /// The O-step coefficients `(e^{-γh/m}, √((1-e^{-2γh/m}) m/β))`.
    ///
    /// # Example
    /// The O-step preserves the Maxwell variance `m/β`: `c₁² m/β + c₂² = m/β`.
    /// ```
    /// use langevin_base::integrator::Baoab;
    /// let (c1, c2) = Baoab::new(0.3, 2.0, 0.5)?.with_mass(3.0)?.ou_coefficients();
    /// assert!((c1 - (-0.2f64).exp()).abs() < 1e-15); // e^{-γh/m}
    /// assert!((c1 * c1 * 6.0 + c2 * c2 - 6.0).abs() < 1e-14);
    /// # Ok::<(), langevin_base::Error>(())
    /// ```
    pub fn ou_coefficients(&self) -> (f64, f64) {
        (self.c1, self.c2)
    }

    /// One step of one particle; `grad` holds `∇U(q)` on entry and on exit.
    ///
    /// # Panics
    /// If `q`, `p`, `grad` do not all have length `pot.dim()`.
    ///
    /// # Example
    /// One step on `U = q²/2` from `(q, p) = (1, 0)`, written out as B, A, O, A, B:
    /// ```
    /// use langevin_base::{integrator::Baoab, rng::{Seed, standard_normal}};
    /// let u = langevin_base::potential::Harmonic::isotropic(1, 1.0)?;
    /// let (b, mut rng) = (Baoab::new(0.1, 1.0, 1.0)?, Seed(1).root());
    /// let (c1, c2) = b.ou_coefficients();
    /// let xi = standard_normal(&mut rng.clone());
    /// let (mut q, mut p, mut g) = ([1.0], [0.0], [1.0]);
    /// b.step(&u, &mut q, &mut p, &mut g, &mut rng);
    /// let p_o = c1 * (0.0 - 0.05 * 1.0) + c2 * xi; // B (h/2 = 0.05), A, O
    /// let q_new = 1.0 + 0.05 * (0.0 - 0.05) + 0.05 * p_o; // both A half-steps
    /// assert!((q[0] - q_new).abs() < 1e-15 && (p[0] - (p_o - 0.05 * q_new)).abs() < 1e-15);
    /// # Ok::<(), langevin_base::Error>(())
    /// ```
    #[inline]
    #[track_caller]
    pub fn step<P: Potential + ?Sized>(
        &self,
        pot: &P,
        q: &mut [f64],
        p: &mut [f64],
        grad: &mut [f64],
        rng: &mut Stream,
    ) {
        assert_eq!(q.len(), pot.dim(), "shape mismatch: q.len() vs pot.dim()");
        self.step_particles(pot, q, p, grad, rng);
    }

    /// One step of `n` independent particles stored contiguously (`q.len() = p.len() = n·d`).
    ///
    /// # Panics
    /// If the lengths are not equal multiples of `d`.
    ///
    /// # Example
    /// A batch step equals stepping its particles one after the other with the same stream:
    /// ```
    /// use langevin_base::{integrator::Baoab, rng::Seed};
    /// let u = langevin_base::potential::Harmonic::isotropic(2, 1.0)?; // d = 2
    /// let b = Baoab::new(0.1, 1.0, 1.0)?;
    /// let (mut q, mut p, mut g) = ([1.0, 0.0, 0.0, 2.0], [0.0; 4], [1.0, 0.0, 0.0, 2.0]); // n = 2
    /// let (mut q2, mut p2, mut g2) = (q, p, g);
    /// b.step_particles(&u, &mut q, &mut p, &mut g, &mut Seed(3).root());
    /// let mut r = Seed(3).root();
    /// b.step(&u, &mut q2[..2], &mut p2[..2], &mut g2[..2], &mut r); // particle 0
    /// b.step(&u, &mut q2[2..], &mut p2[2..], &mut g2[2..], &mut r); // particle 1
    /// assert_eq!((q, p), (q2, p2));
    /// # Ok::<(), langevin_base::Error>(())
    /// ```
    #[inline]
    #[track_caller]
    pub fn step_particles<P: Potential + ?Sized>(
        &self,
        pot: &P,
        q: &mut [f64],
        p: &mut [f64],
        grad: &mut [f64],
        rng: &mut Stream,
    ) {
        let d = pot.dim();
        check_batch(d, q, Some(p), grad);
        let (hb, ha, c1, c2) = (self.half_dt, self.half_dt_over_m, self.c1, self.c2);
        if d == 1 {
            // Scalar fast path. The normals of a chunk of particles are drawn first into a
            // stack buffer (the branchy ziggurat stays out of the arithmetic loop, which the
            // compiler can then vectorise), in particle order, so the numbers are the same as
            // drawing them one by one. A local copy of the generator lives in registers.
            const CHUNK: usize = 64;
            let mut r = rng.clone();
            let mut xi = [0.0; CHUNK];
            let mut gnew = [0.0];
            for ((q, p), g) in q
                .chunks_mut(CHUNK)
                .zip(p.chunks_mut(CHUNK))
                .zip(grad.chunks_mut(CHUNK))
            {
                let xi = &mut xi[..q.len()];
                fill_standard_normal(&mut r, xi);
                for (((q, p), g), xi) in q
                    .iter_mut()
                    .zip(p.iter_mut())
                    .zip(g.iter_mut())
                    .zip(xi.iter())
                {
                    let mut pv = *p - hb * *g;
                    let mut qv = *q + ha * pv;
                    pv = c1 * pv + c2 * xi;
                    qv += ha * pv;
                    pot.gradient(std::slice::from_ref(&qv), &mut gnew);
                    *q = qv;
                    *g = gnew[0];
                    *p = pv - hb * gnew[0];
                }
            }
            *rng = r;
            return;
        }
        for ((q, p), g) in q
            .chunks_exact_mut(d)
            .zip(p.chunks_exact_mut(d))
            .zip(grad.chunks_exact_mut(d))
        {
            // B A O A for every component.
            for ((qi, pi), gi) in q.iter_mut().zip(p.iter_mut()).zip(g.iter()) {
                let mut pv = *pi - hb * gi;
                let mut qv = *qi + ha * pv;
                pv = c1 * pv + c2 * standard_normal(rng);
                qv += ha * pv;
                *qi = qv;
                *pi = pv;
            }

            // Final B with the new gradient.
            pot.gradient(q, g);
            for (pi, gi) in p.iter_mut().zip(g.iter()) {
                *pi -= hb * gi;
            }
        }
    }

    /// Integrates one trajectory from `(q0, p0)`, recording every `cfg.stride` steps.
    ///
    /// # Errors
    /// [`crate::Error::Empty`] for `steps = 0` or `stride = 0`; [`crate::Error::DimensionMismatch`]
    /// if `q0` or `p0` do not have length `pot.dim()`; [`crate::Error::NotFinite`] for a
    /// non-finite initial state; [`crate::Error::Diverged`] if the state becomes non-finite.
    ///
    /// # Example
    /// ```
    /// use langevin_base::integrator::{Baoab, RunConfig};
    /// let u = langevin_base::potential::Harmonic::isotropic(2, 1.0)?;
    /// let cfg = RunConfig { record_momenta: true, ..RunConfig::new(100, 10, 3) };
    /// let t = Baoab::new(0.1, 1.0, 1.0)?.run(&u, &[1.0, 0.0], &[0.0, 1.0], &cfg)?;
    /// assert_eq!((t.len(), t.dim, t.positions.len()), (11, 2, 22)); // records × d, row-major
    /// assert_eq!(&t.momenta.unwrap()[..2], &[0.0, 1.0]); // record 0 is (q0, p0)
    /// # Ok::<(), langevin_base::Error>(())
    /// ```
    pub fn run<P: Potential + ?Sized>(
        &self,
        pot: &P,
        q0: &[f64],
        p0: &[f64],
        cfg: &RunConfig,
    ) -> Result<Trajectory> {
        self.run_trajectory(pot, q0, Some(p0), cfg)
    }
}

impl Scheme for Baoab {
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
            Baoab::new(-0.1, 1.0, 1.0),
            Err(Error::NonPositive { name: "dt", .. })
        ));
        assert!(matches!(
            Baoab::new(0.1, 0.0, 1.0),
            Err(Error::NonPositive { name: "gamma", .. })
        ));
        assert!(matches!(
            Baoab::new(0.1, 1.0, f64::INFINITY),
            Err(Error::NotFinite { name: "beta", .. })
        ));
        let b = Baoab::new(0.1, 1.0, 1.0).unwrap();
        assert!(matches!(
            b.with_mass(f64::NAN),
            Err(Error::NotFinite { name: "mass", .. })
        ));
    }

    #[test]
    fn ou_coefficients_satisfy_fluctuation_dissipation() {
        let b = Baoab::new(0.3, 2.0, 0.5).unwrap().with_mass(3.0).unwrap();
        let (c1, c2) = b.ou_coefficients();
        assert!((c1 - (-0.2f64).exp()).abs() < 1e-15);
        // Stationarity of Var p = m/β under the O-step: c1²·m/β + c2² = m/β.
        assert!((c1 * c1 * 6.0 + c2 * c2 - 6.0).abs() < 1e-14);
        assert!(b.gamma() == 2.0 && b.beta() == 0.5 && b.mass() == 3.0);
    }

    /// With the O-step switched to c1 = 1 (γ → 0⁺ limit) BAOAB is velocity Verlet: the
    /// harmonic energy is conserved to O(h²) and exactly bounded; here γ = 1e-300 gives
    /// c1 = 1 and c2 = O(1e-150) (numerically zero effect).
    #[test]
    fn tiny_friction_is_velocity_verlet() {
        let u = Harmonic::isotropic(1, 1.0).unwrap();
        let b = Baoab::new(0.1, 1e-300, 1.0).unwrap();
        let (mut q, mut p, mut g) = ([1.0], [0.0], [1.0]);
        let mut rng = Seed(0).root();
        for _ in 0..10_000 {
            b.step(&u, &mut q, &mut p, &mut g, &mut rng);
        }
        // Shadow energy of Verlet on harmonic: H̃ = p²/2 + q²(1 - h²/4)/2 is exactly conserved.
        let shadow = 0.5 * p[0] * p[0] + 0.5 * q[0] * q[0] * (1.0 - 0.01 / 4.0);
        assert!((shadow - 0.5 * (1.0 - 0.0025)).abs() < 1e-10, "{shadow}");
    }

    /// Stationary `Var q = 1/(βk)` exactly and `Var p = (1-h²k/4)/β` for the harmonic chain;
    /// 10⁵ particles, 5σ bounds (σ = Var·√(2/n)).
    #[test]
    fn harmonic_stationary_variances() {
        let (k, h, beta) = (2.0, 0.5, 2.0);
        let u = Harmonic::isotropic(1, k).unwrap();
        let b = Baoab::new(h, 1.0, beta).unwrap();
        let n = 100_000;
        let (mut q, mut p, mut g) = (vec![0.0; n], vec![0.0; n], vec![0.0; n]);
        let mut rng = Seed(3).root();
        for _ in 0..200 {
            b.step_particles(&u, &mut q, &mut p, &mut g, &mut rng);
        }
        let vq = q.iter().map(|x| x * x).sum::<f64>() / n as f64;
        let vp = p.iter().map(|x| x * x).sum::<f64>() / n as f64;
        let tol = 5.0 * (2.0 / n as f64).sqrt();
        let (eq, ep) = (1.0 / (beta * k), (1.0 - h * h * k / 4.0) / beta);
        assert!((vq - eq).abs() < tol * eq, "{vq} vs {eq}");
        assert!((vp - ep).abs() < tol * ep, "{vp} vs {ep}");
    }
}
