//! Ensembles of independent particles, run in parallel and bitwise reproducible.
//!
//! An [`Ensemble`] holds the state of `n` independent copies of a system of dimension `d`
//! (positions, momenta for inertial schemes, and the gradient cache of the FSAL kernels),
//! stored contiguously. Particles are grouped in blocks of [`BLOCK`] consecutive particles;
//! block `b` always draws its noise from stream `b` of the ensemble's [`Seed`] (see
//! [`Seed::streams`]) and is advanced by exactly one thread at a time, in particle order.
//! Reductions over particles are computed per block and merged in block order. Hence every
//! result — final states, moments, first-passage times — is **identical bit for bit whatever
//! the number of rayon threads**.
//!
//! Memory: the state (`q`, `p`, `∇U`) plus one stream per block; no per-step allocation and no
//! per-step records unless an observer keeps them.
//!
//! # Example
//! ```
//! use langevin_base::ensemble::Ensemble;
//! use langevin_base::integrator::Baoab;
//! use langevin_base::potential::DoubleWell;
//! use langevin_base::rng::Seed;
//! let mut ens = Ensemble::new(2000, 1, Seed(1)).unwrap();
//! ens.fill_positions(&[-1.0]).unwrap();
//! let baoab = Baoab::new(0.05, 1.0, 3.0).unwrap();
//! let m = ens.run_moments(&baoab, &DoubleWell::new(1.0, 0.0).unwrap(), 100, 50).unwrap();
//! assert_eq!(m.times, vec![0.0, 2.5, 5.0]);
//! assert!(m.position_mean(2, 0) < 0.0); // still in the left well
//! ```

use crate::error::{self, Error, Result};
use crate::integrator::Scheme;
use crate::potential::Potential;
use crate::rng::{Seed, Stream};
use crate::stats::Welford;
use rayon::prelude::*;
use std::sync::{Mutex, PoisonError};

mod passage;
#[cfg(test)]
mod tests;

pub use passage::{Crossing, FirstPassage};

/// Number of particles per block: the unit of parallel work and of random streams. A
/// constant, independent of the thread count, so that results do not depend on it.
///
/// # Example
/// ```
/// use langevin_base::{ensemble::{Ensemble, BLOCK}, rng::Seed};
/// assert_eq!(Ensemble::new(BLOCK + 1, 1, Seed(0))?.blocks(), 2); // ⌈n / BLOCK⌉
/// # Ok::<(), langevin_base::Error>(())
/// ```
pub const BLOCK: usize = 1024;

/// The state of `n` independent particles of dimension `d`; see the [module docs](self).
///
/// # Example
/// Harmonic `U = q²/2` at `β = 2`: BAOAB samples `Var q = 1/(βk)` exactly at any stable `h`;
/// then the first upward passage through `q = 0`, where particles already at `q ≥ 0` have time 0.
/// ```
/// use langevin_base::{ensemble::{Crossing, Ensemble}, integrator::Baoab, rng::Seed};
/// let u = langevin_base::potential::Harmonic::isotropic(1, 1.0)?;
/// let (mut ens, baoab) = (Ensemble::new(2000, 1, Seed(1))?, Baoab::new(0.1, 1.0, 2.0)?);
/// let m = ens.run_moments(&baoab, &u, 400, 200)?; // records at t = 0, 20, 40
/// assert!((m.position_variance(2, 0) - 0.5).abs() < 0.08); // 5σ, σ = 0.5·√(2/n)
/// let above = ens.positions().iter().filter(|q| **q >= 0.0).count();
/// let up = Crossing { component: 0, level: 0.0, upward: true };
/// let fp = ens.first_passage(&baoab, &u, up, 10_000)?;
/// assert_eq!(fp.times.iter().filter(|t| **t == Some(0.0)).count(), above);
/// assert_eq!((fp.censored, m.times), (0, vec![0.0, 20.0, 40.0]));
/// # Ok::<(), langevin_base::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct Ensemble {
    n: usize,
    dim: usize,
    q: Vec<f64>,
    p: Vec<f64>,
    grad: Vec<f64>,
    streams: Vec<Stream>,
    steps_done: u64,
}

/// What an observer sees: one block of particles at one record time.
///
/// # Example
/// ```
/// use langevin_base::{ensemble::Ensemble, integrator::EulerMaruyama, rng::Seed};
/// let u = langevin_base::potential::Harmonic::isotropic(1, 1.0)?;
/// let mut ens = Ensemble::new(1500, 1, Seed(0))?;
/// let em = EulerMaruyama::new(0.01, 1.0, 1.0)?;
/// let seen = ens.run_fold(&em, &u, 1, 1, |_| (0, 0), |a, v| *a = (v.first, v.particles()))?;
/// assert_eq!(seen, vec![(0, 1024), (1024, 476)]); // blocks of BLOCK particles, last one partial
/// # Ok::<(), langevin_base::Error>(())
/// ```
#[derive(Clone, Copy, Debug)]
pub struct BlockView<'a> {
    /// Block index `b`.
    pub block: usize,
    /// Global index of the first particle of the block (`b · BLOCK`).
    pub first: usize,
    /// Record index `r` within the run (0 = the state at the start of the run).
    pub record: usize,
    /// Total steps taken by the ensemble at this record.
    pub step: u64,
    /// Time `step · dt`.
    pub time: f64,
    /// Dimension `d`.
    pub dim: usize,
    /// Positions of the block's particles, `len = particles · d`.
    pub q: &'a [f64],
    /// Momenta (empty for overdamped schemes).
    pub p: &'a [f64],
}

impl BlockView<'_> {
    /// Number of particles in the block.
    pub fn particles(&self) -> usize {
        self.q.len() / self.dim
    }
}

/// Integer counters of an ensemble run.
///
/// # Example
/// ```
/// use langevin_base::{ensemble::{Ensemble, EnsembleStats}, integrator::EulerMaruyama, rng::Seed};
/// let u = langevin_base::potential::Harmonic::isotropic(1, 1.0)?;
/// let mut ens = Ensemble::new(1500, 1, Seed(0))?;
/// let stats = ens.run(&EulerMaruyama::new(0.01, 1.0, 1.0)?, &u, 10)?;
/// let evals = 1500 * (10 + 1); // one per particle and step, plus the initial state
/// let want = EnsembleStats { particles: 1500, blocks: 2, steps: 10, gradient_evaluations: evals };
/// assert_eq!(stats, want);
/// # Ok::<(), langevin_base::Error>(())
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct EnsembleStats {
    /// Particles.
    pub particles: usize,
    /// Blocks (units of parallel work).
    pub blocks: usize,
    /// Steps taken by each particle.
    pub steps: u64,
    /// Gradient evaluations in total (`particles · (steps + 1)`).
    pub gradient_evaluations: u64,
}

/// Per-record ensemble moments of positions (and momenta), merged in block order.
///
/// Record `r` of component `k` is `position[r·d + k]`.
///
/// # Example
/// ```
/// use langevin_base::{ensemble::Ensemble, integrator::EulerMaruyama, rng::Seed};
/// let u = langevin_base::potential::Harmonic::isotropic(2, 1.0)?;
/// let mut ens = Ensemble::new(100, 2, Seed(0))?;
/// ens.fill_positions(&[1.0, 2.0])?;
/// let m = ens.run_moments(&EulerMaruyama::new(0.01, 1.0, 1.0)?, &u, 10, 5)?;
/// assert_eq!((m.times.len(), m.position.len()), (3, 3 * 2)); // records × d
/// assert!(m.momentum.is_empty()); // overdamped scheme: no momenta
/// assert_eq!((m.position_mean(0, 1), m.position_variance(0, 1)), (2.0, 0.0)); // initial state
/// # Ok::<(), langevin_base::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct Moments {
    /// Dimension `d`.
    pub dim: usize,
    /// Record times.
    pub times: Vec<f64>,
    /// Position accumulators, row-major `records × d`.
    pub position: Vec<Welford>,
    /// Momentum accumulators, row-major `records × d` (empty for overdamped schemes).
    pub momentum: Vec<Welford>,
}

impl Moments {
    /// Ensemble mean of component `k` of the position at record `r`.
    pub fn position_mean(&self, r: usize, k: usize) -> f64 {
        self.position[r * self.dim + k].mean()
    }

    /// Unbiased ensemble variance of component `k` of the position at record `r`.
    pub fn position_variance(&self, r: usize, k: usize) -> f64 {
        self.position[r * self.dim + k].variance()
    }
}

impl Ensemble {
    /// `n` particles of dimension `dim` at the origin with zero momenta, noise from `seed`.
    ///
    /// # Errors
    /// [`Error::Empty`] for `n = 0` or `dim = 0`; [`Error::TooLarge`] if the `n × dim` state
    /// cannot be allocated.
    ///
    /// # Example
    /// ```
    /// use langevin_base::{Error, ensemble::Ensemble, rng::Seed};
    /// let ens = Ensemble::new(3000, 2, Seed(7))?;
    /// assert_eq!((ens.len(), ens.dim(), ens.blocks(), ens.steps_done()), (3000, 2, 3, 0));
    /// assert!(ens.positions().iter().all(|q| *q == 0.0) && ens.momenta().is_empty());
    /// assert!(matches!(Ensemble::new(0, 2, Seed(7)), Err(Error::Empty { name: "n" })));
    /// # Ok::<(), langevin_base::Error>(())
    /// ```
    pub fn new(n: usize, dim: usize, seed: Seed) -> Result<Self> {
        if n == 0 {
            return Err(Error::Empty { name: "n" });
        }
        if dim == 0 {
            return Err(Error::Empty { name: "dim" });
        }
        let len = error::checked_len("n × dim", n, dim)?;
        let q = error::try_filled("n × dim", len, 0.0)?;
        let grad = error::try_filled("n × dim", len, 0.0)?;
        Ok(Self {
            n,
            dim,
            q,
            p: Vec::new(),
            grad,
            streams: seed.streams(n.div_ceil(BLOCK)),
            steps_done: 0,
        })
    }

    /// Number of particles.
    pub fn len(&self) -> usize {
        self.n
    }

    /// Always `false` (an ensemble has at least one particle).
    pub fn is_empty(&self) -> bool {
        self.n == 0
    }

    /// Dimension `d`.
    pub fn dim(&self) -> usize {
        self.dim
    }

    /// Number of blocks `⌈n / BLOCK⌉`.
    pub fn blocks(&self) -> usize {
        self.streams.len()
    }

    /// Steps taken so far by [`Ensemble::run`]-type methods.
    pub fn steps_done(&self) -> u64 {
        self.steps_done
    }

    /// Positions, row-major `n × d`.
    pub fn positions(&self) -> &[f64] {
        &self.q
    }

    /// Mutable positions, row-major `n × d` (for custom initial conditions).
    pub fn positions_mut(&mut self) -> &mut [f64] {
        &mut self.q
    }

    /// Momenta, row-major `n × d` (empty until an inertial scheme ran or
    /// [`Ensemble::momenta_mut`] was called).
    pub fn momenta(&self) -> &[f64] {
        &self.p
    }

    /// Mutable momenta (allocated as zeros on first use).
    pub fn momenta_mut(&mut self) -> &mut [f64] {
        if self.p.is_empty() {
            self.p = vec![0.0; self.n * self.dim];
        }
        &mut self.p
    }

    /// Puts every particle at `x0`.
    ///
    /// # Errors
    /// [`Error::DimensionMismatch`] if `x0.len() != d`; [`Error::NotFinite`].
    ///
    /// # Example
    /// ```
    /// use langevin_base::{Error, ensemble::Ensemble, rng::Seed};
    /// let mut ens = Ensemble::new(3, 2, Seed(0))?;
    /// ens.fill_positions(&[0.5, -1.0])?;
    /// assert_eq!(ens.positions(), &[0.5, -1.0, 0.5, -1.0, 0.5, -1.0]);
    /// assert!(matches!(ens.fill_positions(&[0.5]), Err(Error::DimensionMismatch { .. })));
    /// # Ok::<(), langevin_base::Error>(())
    /// ```
    pub fn fill_positions(&mut self, x0: &[f64]) -> Result<()> {
        error::same_dim("x0", self.dim, x0.len())?;
        error::all_finite("x0", x0)?;
        for q in self.q.chunks_exact_mut(self.dim) {
            q.copy_from_slice(x0);
        }
        Ok(())
    }

    /// Advances every particle by `steps` steps.
    ///
    /// # Errors
    /// As [`Ensemble::run_fold`].
    ///
    /// # Example
    /// Noise-free semi-implicit Euler on `U = q²/2`: one step from `(1, 0)` gives `q = 1 - h²`.
    /// ```
    /// use langevin_base::{ensemble::Ensemble, integrator::SymplecticEuler, rng::Seed};
    /// let u = langevin_base::potential::Harmonic::isotropic(1, 1.0)?;
    /// let mut ens = Ensemble::new(5, 1, Seed(0))?;
    /// ens.fill_positions(&[1.0])?;
    /// ens.run(&SymplecticEuler::with_sigma(0.1, 1.0, 0.0)?, &u, 1)?;
    /// assert!(ens.positions().iter().all(|q| (q - 0.99).abs() < 1e-15));
    /// assert_eq!(ens.steps_done(), 1);
    /// # Ok::<(), langevin_base::Error>(())
    /// ```
    pub fn run<S: Scheme, P: Potential + ?Sized>(
        &mut self,
        scheme: &S,
        pot: &P,
        steps: u64,
    ) -> Result<EnsembleStats> {
        self.run_fold(scheme, pot, steps, steps.max(1), |_| (), |(), _| {})?;
        Ok(self.stats(steps))
    }

    fn stats(&self, steps: u64) -> EnsembleStats {
        EnsembleStats {
            particles: self.n,
            blocks: self.blocks(),
            steps,
            gradient_evaluations: self.n as u64 * (steps + 1),
        }
    }

    /// Advances `steps` steps and returns per-record ensemble moments of positions (and
    /// momenta), recorded at the start and every `stride` steps, merged in block order.
    ///
    /// # Errors
    /// As [`Ensemble::run_fold`]; also [`Error::TooLarge`] if the per-block accumulators
    /// (`records × d` each) cannot be allocated.
    ///
    /// # Panics
    /// Never (an ensemble has at least one block).
    ///
    /// # Example
    /// Euler–Maruyama on `U = θq²/2` relaxes to the AR(1) variance `1/(βθ(1 - θh/(2γ)))`:
    /// ```
    /// use langevin_base::{ensemble::Ensemble, integrator::EulerMaruyama, rng::Seed};
    /// let u = langevin_base::potential::Harmonic::isotropic(1, 1.0)?;
    /// let mut ens = Ensemble::new(2000, 1, Seed(5))?;
    /// let m = ens.run_moments(&EulerMaruyama::new(0.1, 1.0, 1.0)?, &u, 200, 100)?;
    /// let exact = 1.0 / (1.0 - 0.1 / 2.0);
    /// let five_sigma = 5.0 * exact * (2.0f64 / 2000.0).sqrt();
    /// assert!((m.position_variance(2, 0) - exact).abs() < five_sigma);
    /// # Ok::<(), langevin_base::Error>(())
    /// ```
    pub fn run_moments<S: Scheme, P: Potential + ?Sized>(
        &mut self,
        scheme: &S,
        pot: &P,
        steps: u64,
        stride: u64,
    ) -> Result<Moments> {
        let d = self.dim;
        let n_rec = records(steps, stride)?;
        let n_q = error::checked_len("records × dim", n_rec, d)?;
        let n_p = if S::INERTIAL { n_q } else { 0 };

        // Allocate every block's accumulators up front, so that a size the machine cannot hold
        // is an error rather than an abort inside the parallel loop.
        let mut accumulators = Vec::with_capacity(self.blocks());
        for _ in 0..self.blocks() {
            let wq = error::try_filled("records × dim", n_q, Welford::new())?;
            let wp = error::try_filled("records × dim", n_p, Welford::new())?;
            accumulators.push(Mutex::new(Some((wq, wp))));
        }
        let per_block = self.run_fold(
            scheme,
            pot,
            steps,
            stride,
            |b| {
                accumulators[b]
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .take()
                    .unwrap_or_default()
            },
            |(wq, wp), view| {
                let base = view.record * d;
                for q in view.q.chunks_exact(d) {
                    for (w, x) in wq[base..base + d].iter_mut().zip(q) {
                        w.push(*x);
                    }
                }
                for p in view.p.chunks_exact(d) {
                    for (w, x) in wp[base..base + d].iter_mut().zip(p) {
                        w.push(*x);
                    }
                }
            },
        )?;

        // Merge in block order.
        let mut it = per_block.into_iter();
        let (mut position, mut momentum) = it.next().expect("at least one block");
        for (wq, wp) in it {
            for (a, b) in position.iter_mut().zip(&wq) {
                a.merge(b);
            }
            for (a, b) in momentum.iter_mut().zip(&wp) {
                a.merge(b);
            }
        }
        let h = scheme.dt();
        let start = self.steps_done - steps;
        let times = (0..n_rec)
            .map(|r| (start + r as u64 * stride) as f64 * h)
            .collect();
        Ok(Moments {
            dim: d,
            times,
            position,
            momentum,
        })
    }

    /// The general driver: advances `steps` steps, calling `observe(acc_b, view)` for every
    /// block `b` at the start and every `stride` steps; returns the accumulators `acc_b =
    /// init(b)` in block order, for the caller to merge in that order.
    ///
    /// Records are at steps `s₀ + r·stride`, `r = 0..=⌊steps/stride⌋`, where `s₀` is
    /// [`Ensemble::steps_done`] before the call; if `stride` does not divide `steps` the final
    /// state is not observed.
    ///
    /// # Errors
    /// [`Error::Empty`] for `steps = 0` or `stride = 0`; [`Error::TooLarge`] if
    /// `⌊steps/stride⌋ + 1` does not fit a `usize` or [`Ensemble::steps_done`] `+ steps`
    /// overflows a `u64`; [`Error::DimensionMismatch`] if
    /// `pot.dim() != d`; [`Error::NotFinite`] for a non-finite state at the start;
    /// [`Error::Diverged`] with the first record step (smallest over blocks) at which a block
    /// was non-finite. After an error the state is unspecified.
    ///
    /// # Example
    /// ```
    /// use langevin_base::ensemble::Ensemble;
    /// use langevin_base::integrator::EulerMaruyama;
    /// use langevin_base::potential::Harmonic;
    /// use langevin_base::rng::Seed;
    /// let mut ens = Ensemble::new(3000, 1, Seed(2)).unwrap();
    /// let em = EulerMaruyama::new(0.01, 1.0, 1.0).unwrap();
    /// let u = Harmonic::isotropic(1, 1.0).unwrap();
    /// // Count particles with x > 0 at each of the 3 records.
    /// let counts = ens
    ///     .run_fold(&em, &u, 20, 10, |_| [0usize; 3], |c, v| {
    ///         c[v.record] += v.q.iter().filter(|x| **x > 0.0).count();
    ///     })
    ///     .unwrap();
    /// assert_eq!(counts.len(), 3); // three blocks of ≤ 1024 particles
    /// assert_eq!(counts.iter().map(|c| c[0]).sum::<usize>(), 0);
    /// ```
    pub fn run_fold<S, P, A, I, F>(
        &mut self,
        scheme: &S,
        pot: &P,
        steps: u64,
        stride: u64,
        init: I,
        observe: F,
    ) -> Result<Vec<A>>
    where
        S: Scheme,
        P: Potential + ?Sized,
        A: Send,
        I: Fn(usize) -> A + Sync,
        F: Fn(&mut A, &BlockView<'_>) + Sync,
    {
        let n_rec = records(steps, stride)?;
        if self.steps_done.checked_add(steps).is_none() {
            return Err(Error::TooLarge {
                name: "steps_done + steps",
                requested: u128::from(self.steps_done) + u128::from(steps),
                limit: u128::from(u64::MAX),
            });
        }
        self.check_state(pot, S::INERTIAL)?;
        let _span = tracing::debug_span!("ensemble", n = self.n, steps).entered();

        let d = self.dim;
        let start = self.steps_done;
        let h = scheme.dt();
        let blocks = self.block_slices::<S>();

        let results: Vec<Result<A>> = blocks
            .into_par_iter()
            .enumerate()
            .map(|(b, (q, p, g, rng))| {
                for (qi, gi) in q.chunks_exact(d).zip(g.chunks_exact_mut(d)) {
                    pot.gradient(qi, gi);
                }
                let mut acc = init(b);
                let observe_at = |acc: &mut A, q: &[f64], p: &[f64], record: usize| {
                    let step = start + record as u64 * stride;
                    let v = BlockView {
                        block: b,
                        first: b * BLOCK,
                        record,
                        step,
                        time: step as f64 * h,
                        dim: d,
                        q,
                        p,
                    };
                    observe(acc, &v);
                };
                observe_at(&mut acc, q, p, 0);
                for record in 1..n_rec {
                    for _ in 0..stride {
                        scheme.advance_particles(pot, q, p, g, rng);
                    }
                    let step = start + record as u64 * stride;
                    if !is_finite(q, p) {
                        return Err(Error::Diverged {
                            step,
                            time: step as f64 * h,
                        });
                    }
                    observe_at(&mut acc, q, p, record);
                }
                let rest = steps - (n_rec as u64 - 1) * stride;
                for _ in 0..rest {
                    scheme.advance_particles(pot, q, p, g, rng);
                }
                if rest > 0 && !is_finite(q, p) {
                    let step = start + steps;
                    return Err(Error::Diverged {
                        step,
                        time: step as f64 * h,
                    });
                }
                Ok(acc)
            })
            .collect();

        // The earliest divergence (deterministic whatever the scheduling).
        let mut out = Vec::with_capacity(results.len());
        let mut first_err: Option<Error> = None;
        for r in results {
            match r {
                Ok(a) => out.push(a),
                Err(e) => {
                    let earlier = match (&first_err, &e) {
                        (None, _) => true,
                        (Some(Error::Diverged { step: s0, .. }), Error::Diverged { step, .. }) => {
                            step < s0
                        }
                        _ => false,
                    };
                    if earlier {
                        first_err = Some(e);
                    }
                }
            }
        }
        if let Some(e) = first_err {
            return Err(e);
        }
        self.steps_done += steps;
        Ok(out)
    }

    fn check_state<P: Potential + ?Sized>(&mut self, pot: &P, inertial: bool) -> Result<()> {
        error::same_dim("potential", self.dim, pot.dim())?;
        error::all_finite("positions", &self.q)?;
        if inertial && self.p.is_empty() {
            self.p = vec![0.0; self.n * self.dim];
        }
        error::all_finite("momenta", &self.p)?;
        Ok(())
    }

    /// Per-block mutable slices `(q, p, grad, stream)`; `p` is empty for overdamped schemes.
    #[allow(clippy::type_complexity)]
    fn block_slices<S: Scheme>(
        &mut self,
    ) -> Vec<(&mut [f64], &mut [f64], &mut [f64], &mut Stream)> {
        let chunk = BLOCK * self.dim;
        let nb = self.streams.len();
        let mut ps: Vec<&mut [f64]> = if S::INERTIAL {
            self.p.chunks_mut(chunk).collect()
        } else {
            (0..nb).map(|_| <&mut [f64]>::default()).collect()
        };
        ps.truncate(nb);
        self.q
            .chunks_mut(chunk)
            .zip(ps)
            .zip(self.grad.chunks_mut(chunk))
            .zip(self.streams.iter_mut())
            .map(|(((q, p), g), r)| (q, p, g, r))
            .collect()
    }
}

/// `⌊steps/stride⌋ + 1`, after checking `steps > 0`, `stride > 0` and that it fits a `usize`.
fn records(steps: u64, stride: u64) -> Result<usize> {
    if steps == 0 {
        return Err(Error::Empty { name: "steps" });
    }
    if stride == 0 {
        return Err(Error::Empty { name: "stride" });
    }
    let n = u128::from(steps / stride) + 1;
    usize::try_from(n).map_err(|_| Error::TooLarge {
        name: "records",
        requested: n,
        limit: usize::MAX as u128,
    })
}

fn is_finite(q: &[f64], p: &[f64]) -> bool {
    q.iter().chain(p).all(|x| x.is_finite())
}
