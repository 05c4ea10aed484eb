//! Time-stepping schemes for Langevin dynamics, at two API levels.
//!
//! | scheme | dynamics | weak order | per step |
//! |---|---|---|---|
//! | [`EulerMaruyama`] | overdamped `dX = -∇U/γ dt + √(2/(βγ)) dW` | 1 | 1 gradient, `d` normals |
//! | [`Baoab`] | underdamped `dq = M⁻¹p dt`, `dp = -∇U dt - γM⁻¹p dt + √(2γ/β) dW` | 2 | 1 gradient, `d` normals |
//! | [`SymplecticEuler`] | underdamped, unit mass, `dv = (-γv - ∇U) dt + σ dW` | 1 | 1 gradient, `d` normals |
//!
//! **Kernels.** Each scheme has an allocation-free `step` on caller-owned state in which the
//! gradient buffer `grad` holds `∇U(q)` on entry and is updated on exit ("first same as last":
//! one gradient evaluation per step), and a batched `step_particles` for `n` independent
//! particles of dimension `d` stored contiguously (`q.len() = n·d`, particle `i` in
//! `q[i·d..(i+1)·d]`). The [`Scheme`] trait exposes both uniformly to the
//! [`ensemble`](crate::ensemble) runner.
//!
//! **Runs.** Each scheme has a validated `run` that integrates one trajectory with the stream
//! [`Seed::root`] of [`RunConfig::seed`], records the positions (and optionally momenta) every
//! `stride` steps and returns a [`Trajectory`] with its [`RunStats`]. A run that becomes
//! non-finite stops with [`Error::Diverged`] carrying the step and time.
//!
//! # References
//! - B. Leimkuhler, C. Matthews, *Rational construction of stochastic numerical methods for
//!   molecular sampling*, Appl. Math. Res. Express (2013), doi:10.1093/amrx/abs010.
//! - P. E. Kloeden, E. Platen, *Numerical Solution of Stochastic Differential Equations*,
//!   Springer (1992), doi:10.1007/978-3-662-12616-5.

mod baoab;
mod em;
mod symplectic;

pub use baoab::Baoab;
pub use em::EulerMaruyama;
pub use symplectic::SymplecticEuler;

use crate::error::{self, Error, Result};
use crate::potential::Potential;
use crate::rng::{Seed, Stream};
use serde::{Deserialize, Serialize};

/// A one-step scheme usable by the generic drivers ([`Scheme::run_trajectory`] and the
/// [`ensemble`](crate::ensemble) runner).
///
/// `p` is the momentum (or velocity) buffer; overdamped schemes ([`Scheme::INERTIAL`] `= false`)
/// receive an empty slice and ignore it.
///
/// # Example
/// ```
/// use langevin_base::integrator::{Baoab, Scheme};
/// use langevin_base::potential::{DoubleWell, Potential};
/// use langevin_base::rng::Seed;
/// let (s, u) = (Baoab::new(0.01, 1.0, 1.0).unwrap(), DoubleWell::new(1.0, 0.0).unwrap());
/// let (mut q, mut p, mut g) = ([1.0], [0.0], [0.0]);
/// u.gradient(&q, &mut g);
/// s.advance(&u, &mut q, &mut p, &mut g, &mut Seed(1).root());
/// assert!(q[0].is_finite() && s.dt() == 0.01);
/// ```
pub trait Scheme: Sync + Send {
    /// Whether the scheme carries momenta.
    const INERTIAL: bool;

    /// The time step `h`.
    fn dt(&self) -> f64;

    /// One step of one particle (`q`, `grad` of length `d`; `p` of length `d` if inertial).
    /// `grad` holds `∇U(q)` on entry and on exit.
    fn advance<P: Potential + ?Sized>(
        &self,
        pot: &P,
        q: &mut [f64],
        p: &mut [f64],
        grad: &mut [f64],
        rng: &mut Stream,
    );

    /// One step of every particle of a contiguous batch (`q.len() = n·d`), particles in order.
    fn advance_particles<P: Potential + ?Sized>(
        &self,
        pot: &P,
        q: &mut [f64],
        p: &mut [f64],
        grad: &mut [f64],
        rng: &mut Stream,
    );

    /// Integrates one trajectory and records it (the validated driver behind every `run`).
    ///
    /// # Errors
    /// See [`EulerMaruyama::run`] and [`Baoab::run`].
    fn run_trajectory<P: Potential + ?Sized>(
        &self,
        pot: &P,
        q0: &[f64],
        p0: Option<&[f64]>,
        cfg: &RunConfig,
    ) -> Result<Trajectory>
    where
        Self: Sized,
    {
        run_generic(self, pot, q0, p0, cfg)
    }
}

/// How long to run, how often to record and which stream to use.
///
/// # Example
/// ```
/// use langevin_base::integrator::RunConfig;
/// use langevin_base::rng::Seed;
/// let cfg = RunConfig { steps: 100, stride: 10, seed: Seed(3), record_momenta: false };
/// assert_eq!(cfg.records(), 11); // the initial state plus 10 records
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RunConfig {
    /// Number of steps (must be `> 0`).
    pub steps: u64,
    /// Record every `stride` steps (must be `> 0`); the initial state is always recorded.
    pub stride: u64,
    /// Seed of the noise; the run uses stream 0 ([`Seed::root`]).
    pub seed: Seed,
    /// Also record momenta (inertial schemes only).
    #[serde(default)]
    pub record_momenta: bool,
}

impl RunConfig {
    /// A configuration recording positions only.
    ///
    /// # Example
    /// ```
    /// use langevin_base::{integrator::RunConfig, rng::Seed};
    /// let cfg = RunConfig::new(10, 3, 5);
    /// assert_eq!((cfg.seed, cfg.records(), cfg.record_momenta), (Seed(5), 4, false));
    /// ```
    pub fn new(steps: u64, stride: u64, seed: u64) -> Self {
        Self {
            steps,
            stride,
            seed: Seed(seed),
            record_momenta: false,
        }
    }

    /// Number of records a run produces: `⌊steps/stride⌋ + 1`.
    ///
    /// Saturates at `usize::MAX` (a configuration that large fails [`RunConfig::validate`]);
    /// `stride = 0` is treated as `1`.
    pub fn records(&self) -> usize {
        usize::try_from(self.steps / self.stride.max(1))
            .unwrap_or(usize::MAX)
            .saturating_add(1)
    }

    /// Checks `steps > 0`, `stride > 0` and that the records fit in memory.
    ///
    /// # Errors
    /// [`Error::Empty`] naming `steps` or `stride`;
    /// [`Error::TooLarge`] naming `records` when `⌊steps/stride⌋ + 1` exceeds the number of
    /// `f64`s one allocation can hold (`isize::MAX / 8`).
    ///
    /// # Example
    /// ```
    /// use langevin_base::{Error, integrator::RunConfig};
    /// assert!(RunConfig::new(10, 1, 0).validate().is_ok());
    /// let err = RunConfig::new(10, 0, 0).validate().unwrap_err();
    /// assert!(matches!(err, Error::Empty { name: "stride" }));
    /// ```
    pub fn validate(&self) -> Result<()> {
        if self.steps == 0 {
            return Err(Error::Empty { name: "steps" });
        }
        if self.stride == 0 {
            return Err(Error::Empty { name: "stride" });
        }
        let records = u128::from(self.steps / self.stride) + 1;
        if records > error::MAX_F64S as u128 {
            return Err(Error::TooLarge {
                name: "records",
                requested: records,
                limit: error::MAX_F64S as u128,
            });
        }
        Ok(())
    }
}

/// Integer counters of a run (for tests and snapshots; never raw floats).
///
/// # Example
/// ```
/// use langevin_base::integrator::{Baoab, RunConfig, RunStats};
/// let u = langevin_base::potential::Harmonic::isotropic(1, 1.0)?;
/// let t = Baoab::new(0.1, 1.0, 1.0)?.run(&u, &[1.0], &[0.0], &RunConfig::new(10, 5, 1))?;
/// assert_eq!(t.stats, RunStats { steps: 10, records: 3, gradient_evaluations: 11 });
/// # Ok::<(), langevin_base::Error>(())
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RunStats {
    /// Steps taken.
    pub steps: u64,
    /// Records written (including the initial state).
    pub records: u64,
    /// Evaluations of `∇U` (one per particle and step, plus one for the initial state).
    pub gradient_evaluations: u64,
}

/// A recorded trajectory: times and row-major records of dimension `dim`.
///
/// # Example
/// ```
/// use langevin_base::integrator::{Baoab, RunConfig};
/// let u = langevin_base::potential::Harmonic::isotropic(2, 1.0)?;
/// let cfg = RunConfig::new(10, 5, 1);
/// let t = Baoab::new(0.1, 1.0, 1.0)?.run(&u, &[1.0, 2.0], &[0.0, 0.0], &cfg)?;
/// assert_eq!((t.len(), t.times.clone()), (3, vec![0.0, 0.5, 1.0])); // t_r = r·stride·dt
/// assert_eq!(t.position(0), &[1.0, 2.0]); // the initial state is record 0
/// assert_eq!(t.component(1).len(), 3);
/// assert!(t.momenta.is_none()); // not requested
/// # Ok::<(), langevin_base::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Trajectory {
    /// Dimension `d` of one record.
    pub dim: usize,
    /// Times `t_r = r · stride · dt` of the records.
    pub times: Vec<f64>,
    /// Positions, row-major `records × d`.
    pub positions: Vec<f64>,
    /// Momenta, row-major `records × d`, if requested.
    pub momenta: Option<Vec<f64>>,
    /// Counters of the run.
    pub stats: RunStats,
}

impl Trajectory {
    /// Number of records.
    pub fn len(&self) -> usize {
        self.times.len()
    }

    /// `true` if there are no records (never the case for a trajectory returned by `run`).
    pub fn is_empty(&self) -> bool {
        self.times.is_empty()
    }

    /// The position record `r` (length `d`).
    ///
    /// # Panics
    /// If `r >= self.len()`.
    #[track_caller]
    pub fn position(&self, r: usize) -> &[f64] {
        &self.positions[r * self.dim..(r + 1) * self.dim]
    }

    /// Component `k` of every position record, as a time series.
    pub fn component(&self, k: usize) -> Vec<f64> {
        self.positions
            .iter()
            .skip(k)
            .step_by(self.dim.max(1))
            .copied()
            .collect()
    }
}

/// Panics with both shapes if the batch buffers are inconsistent.
#[track_caller]
pub(crate) fn check_batch(d: usize, q: &[f64], p: Option<&[f64]>, grad: &[f64]) {
    assert!(
        d > 0
            && q.len().is_multiple_of(d)
            && grad.len() == q.len()
            && p.is_none_or(|p| p.len() == q.len()),
        "shape mismatch: dim = {d}, q.len() = {}, p.len() = {:?}, grad.len() = {}",
        q.len(),
        p.map(<[f64]>::len),
        grad.len()
    );
}

/// Validates `dt`, `gamma`, `beta`.
pub(crate) fn validate_params(dt: f64, gamma: f64, beta: f64) -> Result<()> {
    error::positive("dt", dt)?;
    error::positive("gamma", gamma)?;
    error::positive("beta", beta)?;
    Ok(())
}

fn run_generic<S: Scheme, P: Potential + ?Sized>(
    scheme: &S,
    pot: &P,
    q0: &[f64],
    p0: Option<&[f64]>,
    cfg: &RunConfig,
) -> Result<Trajectory> {
    cfg.validate()?;
    let d = pot.dim();
    error::same_dim("q0", d, q0.len())?;
    error::all_finite("q0", q0)?;
    let mut q = q0.to_vec();
    let mut p = vec![0.0; if S::INERTIAL { d } else { 0 }];
    if let Some(p0) = p0
        && S::INERTIAL
    {
        error::same_dim("p0", d, p0.len())?;
        error::all_finite("p0", p0)?;
        p.copy_from_slice(p0);
    }
    let record_p = cfg.record_momenta && S::INERTIAL;
    let n_rec = cfg.records();
    let _span = tracing::debug_span!("run", steps = cfg.steps, d).entered();

    let n_values = error::checked_len("records × dim", n_rec, d)?;
    let mut times = error::try_vec("records", n_rec)?;
    let mut positions = error::try_vec("records × dim", n_values)?;
    let mut momenta = if record_p {
        Some(error::try_vec("records × dim", n_values)?)
    } else {
        None
    };
    let mut grad = vec![0.0; d];
    pot.gradient(&q, &mut grad);
    let mut rng = cfg.seed.root();
    let h = scheme.dt();

    let mut record = |step: u64, q: &[f64], p: &[f64]| {
        times.push(step as f64 * h);
        positions.extend_from_slice(q);
        if let Some(m) = momenta.as_mut() {
            m.extend_from_slice(p);
        }
    };
    record(0, &q, &p);
    for step in 1..=cfg.steps {
        scheme.advance(pot, &mut q, &mut p, &mut grad, &mut rng);
        if !(q.iter().all(|x| x.is_finite()) && p.iter().all(|x| x.is_finite())) {
            return Err(Error::Diverged {
                step,
                time: step as f64 * h,
            });
        }
        if step % cfg.stride == 0 {
            record(step, &q, &p);
        }
    }
    let records = times.len() as u64;
    Ok(Trajectory {
        dim: d,
        times,
        positions,
        momenta,
        stats: RunStats {
            steps: cfg.steps,
            records,
            gradient_evaluations: cfg.steps + 1,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::potential::{DoubleWell, Harmonic};

    /// The batched kernels buffer normals in chunks; the numbers must be exactly those of
    /// stepping the particles one at a time from the same stream (d = 1, 3 with a partial
    /// last chunk, and d = 70 > the buffer, which draws unbuffered).
    #[test]
    fn batched_steps_equal_particle_by_particle_steps_bitwise() {
        for d in [1_usize, 3, 70] {
            let pot = Harmonic::isotropic(d, 1.5).unwrap();
            let n = 50;
            let q0: Vec<f64> = (0..n * d).map(|i| (i as f64 * 0.37).sin()).collect();
            let mut g0 = vec![0.0; n * d];
            for (q, g) in q0.chunks_exact(d).zip(g0.chunks_exact_mut(d)) {
                pot.gradient(q, g);
            }
            let baoab = Baoab::new(0.1, 1.0, 2.0).unwrap();
            let em = EulerMaruyama::new(0.01, 1.0, 2.0).unwrap();

            let (mut qa, mut pa, mut ga) = (q0.clone(), vec![0.0; n * d], g0.clone());
            let (mut qb, mut pb, mut gb) = (q0.clone(), vec![0.0; n * d], g0.clone());
            let (mut ra, mut rb) = (crate::rng::Seed(5).root(), crate::rng::Seed(5).root());
            for _ in 0..3 {
                baoab.step_particles(&pot, &mut qa, &mut pa, &mut ga, &mut ra);
                for ((q, p), g) in qb
                    .chunks_exact_mut(d)
                    .zip(pb.chunks_exact_mut(d))
                    .zip(gb.chunks_exact_mut(d))
                {
                    baoab.step(&pot, q, p, g, &mut rb);
                }
            }
            assert!(
                qa.iter().zip(&qb).all(|(a, b)| a.to_bits() == b.to_bits()),
                "BAOAB d={d}"
            );
            assert!(
                pa.iter().zip(&pb).all(|(a, b)| a.to_bits() == b.to_bits()),
                "BAOAB d={d}"
            );

            let (mut xa, mut ga) = (q0.clone(), g0.clone());
            let (mut xb, mut gb) = (q0.clone(), g0.clone());
            for _ in 0..3 {
                em.step_particles(&pot, &mut xa, &mut ga, &mut ra);
                for (x, g) in xb.chunks_exact_mut(d).zip(gb.chunks_exact_mut(d)) {
                    em.step(&pot, x, g, &mut rb);
                }
            }
            assert!(
                xa.iter().zip(&xb).all(|(a, b)| a.to_bits() == b.to_bits()),
                "EM d={d}"
            );
        }
    }

    #[test]
    fn run_config_validation_and_records() {
        assert!(matches!(
            RunConfig::new(0, 1, 0).validate(),
            Err(Error::Empty { name: "steps" })
        ));
        assert!(matches!(
            RunConfig::new(5, 0, 0).validate(),
            Err(Error::Empty { name: "stride" })
        ));
        assert_eq!(RunConfig::new(10, 3, 0).records(), 4);
        assert_eq!(RunConfig::new(u64::MAX, 1, 0).records(), usize::MAX);
    }

    #[test]
    fn overflowing_coefficients_are_errors() {
        let out_of_range = |r: Result<()>, who: &str| {
            assert!(
                matches!(&r, Err(Error::OutOfRange { name, .. }) if *name == who),
                "{r:?}"
            );
        };
        out_of_range(Baoab::new(0.1, 1.0, 1e-320).map(drop), "beta");
        let b = Baoab::new(0.1, 1.0, 1.0).unwrap();
        out_of_range(b.with_mass(1e-320).map(drop), "mass");
        out_of_range(
            Baoab::new(1e300, 1.0, 1e-300)
                .unwrap()
                .with_mass(1e100)
                .map(drop),
            "mass",
        );
        out_of_range(EulerMaruyama::new(0.1, 1.0, 1e-320).map(drop), "beta");
        out_of_range(EulerMaruyama::new(1e10, 1e-310, 1.0).map(drop), "gamma");
        out_of_range(SymplecticEuler::new(0.1, 1.0, 1e-320).map(drop), "beta");
        out_of_range(
            SymplecticEuler::with_sigma(1e100, 1.0, 1e300).map(drop),
            "sigma",
        );
    }

    #[test]
    fn huge_runs_are_too_large() {
        let u = Harmonic::isotropic(1, 1.0).unwrap();
        let s = Baoab::new(0.1, 1.0, 1.0).unwrap();
        for stride in [1, 2] {
            let err = s
                .run(&u, &[0.0], &[0.0], &RunConfig::new(u64::MAX, stride, 0))
                .unwrap_err();
            assert!(
                matches!(
                    err,
                    Error::TooLarge {
                        name: "records",
                        ..
                    }
                ),
                "{err}"
            );
        }
        // Records fit the limit, records × dim does not.
        let u3 = Harmonic::isotropic(3, 1.0).unwrap();
        let em = EulerMaruyama::new(0.1, 1.0, 1.0).unwrap();
        let err = em
            .run(&u3, &[0.0; 3], &RunConfig::new(1 << 59, 1, 0))
            .unwrap_err();
        assert!(
            matches!(
                err,
                Error::TooLarge {
                    name: "records × dim",
                    ..
                }
            ),
            "{err}"
        );
        // Representable but not allocatable: the allocation failure is reported, not aborted.
        let err = em
            .run(&u, &[0.0], &RunConfig::new(1 << 59, 1, 0))
            .unwrap_err();
        assert!(matches!(err, Error::TooLarge { .. }), "{err}");
    }

    #[test]
    fn run_errors_are_typed() {
        let u = DoubleWell::new(1.0, 0.0).unwrap();
        let s = Baoab::new(0.01, 1.0, 1.0).unwrap();
        let cfg = RunConfig::new(10, 1, 0);
        assert!(matches!(
            s.run(&u, &[0.0, 1.0], &[0.0], &cfg),
            Err(Error::DimensionMismatch { .. })
        ));
        assert!(matches!(
            s.run(&u, &[f64::NAN], &[0.0], &cfg),
            Err(Error::NotFinite { .. })
        ));
        assert!(matches!(
            s.run(&u, &[0.0], &[0.0], &RunConfig::new(0, 1, 0)),
            Err(Error::Empty { name: "steps" })
        ));
        // Explicit instability: h = 3 > 2/√k for k = 4 diverges quickly.
        let h = Harmonic::isotropic(1, 4.0).unwrap();
        let em = EulerMaruyama::new(3.0, 1.0, 1.0).unwrap();
        let err = em
            .run(&h, &[1.0], &RunConfig::new(10_000, 1, 0))
            .unwrap_err();
        match err {
            Error::Diverged { step, time } => assert!(step > 1 && time == step as f64 * 3.0),
            e => panic!("{e}"),
        }
    }

    #[test]
    fn trajectory_accessors() {
        let u = Harmonic::isotropic(2, 1.0).unwrap();
        let s = Baoab::new(0.1, 1.0, 1.0).unwrap();
        let mut cfg = RunConfig::new(10, 5, 1);
        cfg.record_momenta = true;
        let t = s.run(&u, &[1.0, 2.0], &[0.0, 0.0], &cfg).unwrap();
        assert_eq!(t.len(), 3);
        assert!(!t.is_empty());
        assert_eq!(t.position(0), &[1.0, 2.0]);
        assert_eq!(t.component(1)[0], 2.0);
        assert_eq!(t.momenta.as_ref().unwrap().len(), 6);
        assert_eq!(t.times, vec![0.0, 0.5, 1.0]);
        assert_eq!(
            t.stats,
            RunStats {
                steps: 10,
                records: 3,
                gradient_evaluations: 11
            }
        );
    }
}
