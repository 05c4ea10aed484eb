//! First-passage times of an ensemble across a level.

use super::Ensemble;
use crate::error::{self, Error, Result};
use crate::integrator::Scheme;
use crate::potential::Potential;
use crate::stats::Welford;
use rayon::prelude::*;

/// A level crossing `q_k ≥ level` (upward) or `q_k ≤ level` (downward).
///
/// # Example
/// A particle that already satisfies the crossing at the start has first-passage time 0:
/// ```
/// use langevin_base::{ensemble::{Crossing, Ensemble}, integrator::EulerMaruyama, rng::Seed};
/// let u = langevin_base::potential::Harmonic::isotropic(1, 1.0)?;
/// let mut ens = Ensemble::new(4, 1, Seed(0))?;
/// ens.fill_positions(&[-1.0])?;
/// let down = Crossing { component: 0, level: 0.0, upward: false }; // q ≤ 0 holds already
/// let fp = ens.first_passage(&EulerMaruyama::new(0.01, 1.0, 1.0)?, &u, down, 10)?;
/// assert_eq!(fp.times, vec![Some(0.0); 4]);
/// # Ok::<(), langevin_base::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Crossing {
    /// Component `k` that is monitored.
    pub component: usize,
    /// The level.
    pub level: f64,
    /// `true`: stop when `q_k ≥ level`; `false`: when `q_k ≤ level`.
    pub upward: bool,
}

/// First-passage times of every particle.
///
/// # Example
/// A level that cannot be reached in `max_steps` censors every particle:
/// ```
/// use langevin_base::{ensemble::{Crossing, Ensemble}, integrator::EulerMaruyama, rng::Seed};
/// let u = langevin_base::potential::Harmonic::isotropic(1, 1.0)?;
/// let mut ens = Ensemble::new(10, 1, Seed(4))?;
/// let far = Crossing { component: 0, level: 50.0, upward: true }; // βU = 1250 at the level
/// let fp = ens.first_passage(&EulerMaruyama::new(0.01, 1.0, 1.0)?, &u, far, 100)?;
/// assert_eq!((fp.censored, fp.statistics().count()), (10, 0));
/// assert_eq!((fp.max_time, fp.gradient_evaluations), (1.0, 10 * 101));
/// # Ok::<(), langevin_base::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct FirstPassage {
    /// Time of the first record at which each particle satisfied the crossing, `None` if it
    /// had not by `max_time` (censored).
    pub times: Vec<Option<f64>>,
    /// Number of censored particles.
    pub censored: usize,
    /// The cap `max_steps · dt`.
    pub max_time: f64,
    /// Gradient evaluations in total.
    pub gradient_evaluations: u64,
}

impl FirstPassage {
    /// Mean and variance of the uncensored times (a biased estimate of the mean first-passage
    /// time if `censored > 0`).
    ///
    /// # Numerical notes
    /// If every particle is censored there are no times: the accumulator is empty
    /// (`count() == 0`) and its `mean()` and `variance()` are `NaN`. Check `count()` (or
    /// [`FirstPassage::censored`]) before using them.
    pub fn statistics(&self) -> Welford {
        let mut w = Welford::new();
        for t in self.times.iter().flatten() {
            w.push(*t);
        }
        w
    }
}

impl Ensemble {
    /// First-passage times: every particle is advanced (in lockstep within its block) until
    /// it satisfies `crossing` or `max_steps` steps have been taken. Crossings are detected at
    /// the step times `s·dt` (no interpolation). The state at the start counts: a particle
    /// already past the level has time 0.
    ///
    /// Afterwards each particle is left where it stopped and [`Ensemble::steps_done`] is not
    /// advanced.
    ///
    /// # Errors
    /// [`Error::Empty`] for `max_steps = 0`; [`Error::OutOfRange`] for `component ≥ d`;
    /// [`Error::NotFinite`] for a non-finite level or state; [`Error::DimensionMismatch`];
    /// [`Error::Diverged`] if a particle becomes non-finite (earliest step over blocks).
    ///
    /// # Numerical notes
    /// Discrete monitoring overestimates hitting times by `O(√h)` times the local time scale
    /// near the level; with the level at a potential minimum this is negligible against
    /// barrier-crossing times.
    ///
    /// # Example
    /// ```
    /// use langevin_base::ensemble::{Crossing, Ensemble};
    /// use langevin_base::integrator::EulerMaruyama;
    /// use langevin_base::potential::DoubleWell;
    /// use langevin_base::rng::Seed;
    /// let mut ens = Ensemble::new(100, 1, Seed(3)).unwrap();
    /// ens.fill_positions(&[-1.0]).unwrap();
    /// let em = EulerMaruyama::new(0.01, 1.0, 1.0).unwrap();
    /// let cross = Crossing { component: 0, level: 1.0, upward: true };
    /// let fp = ens.first_passage(&em, &DoubleWell::new(1.0, 0.0).unwrap(), cross, 100_000).unwrap();
    /// assert_eq!(fp.times.len(), 100);
    /// assert_eq!(fp.censored, 0);
    /// ```
    #[allow(clippy::too_many_lines)]
    pub fn first_passage<S: Scheme, P: Potential + ?Sized>(
        &mut self,
        scheme: &S,
        pot: &P,
        crossing: Crossing,
        max_steps: u64,
    ) -> Result<FirstPassage> {
        if max_steps == 0 {
            return Err(Error::Empty { name: "max_steps" });
        }
        if crossing.component >= self.dim {
            return Err(Error::OutOfRange {
                name: "component",
                value: crossing.component as f64,
                reason: "must be < dim",
            });
        }
        error::finite("level", crossing.level)?;
        self.check_state(pot, S::INERTIAL)?;
        let _span = tracing::debug_span!("first_passage", n = self.n, max_steps).entered();

        let d = self.dim;
        let h = scheme.dt();
        let (k, level, up) = (crossing.component, crossing.level, crossing.upward);
        let crossed = move |x: f64| if up { x >= level } else { x <= level };
        let blocks = self.block_slices::<S>();

        let results: Vec<Result<(Vec<Option<f64>>, u64)>> = blocks
            .into_par_iter()
            .map(|(q, p, g, rng)| {
                // Active particles are kept contiguous at the front of the block (a crossed
                // particle is swapped with the last active one), so every step is one call of
                // the batched kernel; `idx` maps slots to particles and undoes the permutation.
                let m = q.len() / d;
                let inertial = !p.is_empty();
                let mut idx: Vec<usize> = (0..m).collect();
                let mut times = vec![None; m];
                let mut evals = m as u64;
                let swap = |q: &mut [f64],
                            p: &mut [f64],
                            g: &mut [f64],
                            idx: &mut [usize],
                            i: usize,
                            j: usize| {
                    for c in 0..d {
                        q.swap(i * d + c, j * d + c);
                        g.swap(i * d + c, j * d + c);
                        if inertial {
                            p.swap(i * d + c, j * d + c);
                        }
                    }
                    idx.swap(i, j);
                };
                for (qi, gi) in q.chunks_exact(d).zip(g.chunks_exact_mut(d)) {
                    pot.gradient(qi, gi);
                }
                let mut active = m;
                let mut s = 0u64;
                loop {
                    // Retire the particles that have crossed at step s.
                    let mut i = 0;
                    while i < active {
                        let x = q[i * d + k];
                        if crossed(x) {
                            times[idx[i]] = Some(s as f64 * h);
                            active -= 1;
                            swap(q, p, g, &mut idx, i, active);
                        } else if x.is_finite()
                            && q[i * d..(i + 1) * d].iter().all(|v| v.is_finite())
                        {
                            i += 1;
                        } else {
                            return Err(Error::Diverged {
                                step: s,
                                time: s as f64 * h,
                            });
                        }
                    }
                    if active == 0 || s == max_steps {
                        break;
                    }
                    s += 1;
                    let pa = if inertial {
                        &mut p[..active * d]
                    } else {
                        &mut [][..]
                    };
                    scheme.advance_particles(
                        pot,
                        &mut q[..active * d],
                        pa,
                        &mut g[..active * d],
                        rng,
                    );
                    evals += active as u64;
                }

                // Restore particle order.
                for buf in [&mut *q, &mut *g, &mut *p] {
                    if buf.is_empty() {
                        continue;
                    }
                    let tmp = buf.to_vec();
                    for (slot, &part) in idx.iter().enumerate() {
                        buf[part * d..(part + 1) * d]
                            .copy_from_slice(&tmp[slot * d..(slot + 1) * d]);
                    }
                }
                Ok((times, evals))
            })
            .collect();

        let mut times = Vec::with_capacity(self.n);
        let mut gradient_evaluations = 0;
        let mut first_err: Option<(u64, Error)> = None;
        for r in results {
            match r {
                Ok((t, e)) => {
                    times.extend(t);
                    gradient_evaluations += e;
                }
                Err(e) => {
                    let step = if let Error::Diverged { step, .. } = e {
                        step
                    } else {
                        u64::MAX
                    };
                    if first_err.as_ref().is_none_or(|(s0, _)| step < *s0) {
                        first_err = Some((step, e));
                    }
                }
            }
        }
        if let Some((_, e)) = first_err {
            return Err(e);
        }
        let censored = times.iter().filter(|t| t.is_none()).count();
        Ok(FirstPassage {
            times,
            censored,
            max_time: max_steps as f64 * h,
            gradient_evaluations,
        })
    }
}
