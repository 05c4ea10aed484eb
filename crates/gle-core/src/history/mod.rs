//! History sums: the memory term of a translation-invariant GLE on a uniform grid.
//!
//! Every scheme of this crate needs, at step `n`, the lagged discrete convolution
//!
//! ```text
//! H_n = Σ_{m=0}^{n-1} k((n-m)·dt) v_m        (lags 1..n, a d-vector)
//! ```
//!
//! of the scalar kernel profile `k` with the past states `v_0 … v_{n-1}`. The authors' left
//! Riemann sum is `M_n = dt·A·H_n`; the trapezoid rules differ from it by end-point terms
//! that cost `O(d)` (see `crate::solver`). A [`HistorySum`] produces `H_n` online: after
//! `n` calls of [`HistorySum::push`] (with `v_0 … v_{n-1}`), [`HistorySum::sum`] returns
//! `H_n`.
//!
//! | path | cost for `N` steps | state | exactness |
//! |---|---|---|---|
//! | [`DirectHistory`] | `O(N²d)` | all of `v` | exact (reference) |
//! | Prony recursion | `O(NMd)` | `O(Md)` | exact for `M`-term Prony kernels |
//! | sum of exponentials | `O(NMd)` | `O(Md)` | relative error `ε` on `[dt, T]` |
//! | FFT-blocked | `O(N log² N · d)` | all of `v` | exact up to FFT round-off |

mod direct;
mod fft;
mod prony;
mod soe;

pub use direct::DirectHistory;
pub use fft::FftHistory;
pub use prony::{ExpTerm, PronyHistory, exp_terms};
pub use soe::{MAX_SOE_RANGE, SoeApproximation, SoeHistory};

use crate::error::{GleError, MAX_STEPS, Result};
use crate::kernel::ScalarKernel;

/// Validates the step (`dt` finite and `> 0`) and dimension (`d > 0`) of a history sum.
pub(crate) fn validate(dt: f64, dim: usize) -> Result<f64> {
    let dt = crate::error::positive("dt", dt)?;
    if dim == 0 {
        return Err(GleError::Empty { name: "dim" });
    }
    Ok(dt)
}

/// Checks a planned number of steps against [`MAX_STEPS`].
pub(crate) fn check_n_steps(n_steps: usize) -> Result<usize> {
    if n_steps as u64 > MAX_STEPS {
        return Err(GleError::TooLarge {
            name: "n_steps",
            requested: n_steps as f64,
            limit: MAX_STEPS as f64,
        });
    }
    Ok(n_steps)
}

/// An empty vector with room for `factor·n·dim` values, or [`GleError::TooLarge`] if that
/// count overflows or the allocation fails.
pub(crate) fn reserve(n: usize, dim: usize, factor: usize) -> Result<Vec<f64>> {
    let too_large = || GleError::TooLarge {
        name: "history buffer",
        requested: n as f64 * dim as f64 * factor as f64,
        limit: (isize::MAX as usize / std::mem::size_of::<f64>()) as f64,
    };
    let len = n
        .checked_mul(dim)
        .and_then(|x| x.checked_mul(factor))
        .ok_or_else(too_large)?;
    let mut v = Vec::new();
    v.try_reserve_exact(len).map_err(|_| too_large())?;
    Ok(v)
}

/// An online evaluator of the lagged convolution `H_n = Σ_{m<n} k((n-m)dt) v_m`.
///
/// After `n` calls of [`push`](HistorySum::push) with `v_0 … v_{n-1}`,
/// [`sum`](HistorySum::sum) writes `H_n`; `H_0 = 0`.
///
/// # Example
/// With the direct sum and `k = e^{-τ}`, two pushes give `H_2 = k(2dt)v_0 + k(dt)v_1`:
/// ```
/// use gle_core::history::{DirectHistory, HistorySum};
/// use gle_core::kernel::ScalarKernel;
/// let mut h = DirectHistory::new(ScalarKernel::exponential(1.0, 1.0)?, 0.5, 1)?;
/// let mut out = [1.0];
/// h.sum(&mut out);
/// assert_eq!((out[0], h.is_empty()), (0.0, true)); // H_0 = 0
/// h.push(&[2.0]);
/// h.push(&[3.0]);
/// h.sum(&mut out);
/// assert!((out[0] - 2.0 * (-1.0f64).exp() - 3.0 * (-0.5f64).exp()).abs() < 1e-15 && h.len() == 2);
/// # Ok::<(), gle_core::GleError>(())
/// ```
///
/// # Panics
/// Implementations panic if `push` or `sum` receive a slice whose length is not `d`.
pub trait HistorySum: Send {
    /// The dimension `d` of the states.
    fn dim(&self) -> usize;

    /// Appends the state `v_n` (length `d`); `n` is the number of previous pushes.
    fn push(&mut self, v: &[f64]);

    /// Writes `H_n` into `out` (length `d`), where `n` is the number of states pushed so far
    /// (`H_0 = 0`).
    fn sum(&mut self, out: &mut [f64]);

    /// Number of states pushed so far.
    fn len(&self) -> usize;

    /// Whether no state has been pushed.
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Which [`HistorySum`] implementation [`make_history`] builds.
///
/// # Example
/// The fast paths agree with the direct sum to their tolerance:
/// ```
/// use gle_core::history::{HistoryMethod, make_history};
/// use gle_core::kernel::ScalarKernel;
/// let k = ScalarKernel::power_law(1.0, 1.0, 4.0).unwrap();
/// let mut direct = make_history(&k, 0.02, 200, 1, HistoryMethod::Direct).unwrap();
/// let mut soe = make_history(&k, 0.02, 200, 1, HistoryMethod::Soe { eps: 1e-10 }).unwrap();
/// let mut fft = make_history(&k, 0.02, 200, 1, HistoryMethod::Fft).unwrap();
/// let (mut a, mut b, mut c) = ([0.0], [0.0], [0.0]);
/// for n in 0..200 {
///     let v = [(0.1 * n as f64).sin()];
///     direct.push(&v);
///     soe.push(&v);
///     fft.push(&v);
/// }
/// direct.sum(&mut a);
/// soe.sum(&mut b);
/// fft.sum(&mut c);
/// let scale: f64 = (1..=200).map(|m| k.eval(0.02 * m as f64)).sum(); // Σ|k| bounds |H|/max|v|
/// assert!((a[0] - b[0]).abs() <= 1e-10 * scale);
/// assert!((a[0] - c[0]).abs() <= 1e-12 * scale);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HistoryMethod {
    /// [`DirectHistory`]: the `O(N²)` reference sum.
    #[default]
    Direct,
    /// [`PronyHistory`]: exact recursion for sums of exponentials.
    Prony,
    /// Sum-of-exponentials approximation with relative error `eps` on `[dt, T]`, then the
    /// Prony recursion.
    Soe {
        /// Requested maximum relative error of the kernel approximation on `[dt, T]`.
        eps: f64,
    },
    /// FFT-blocked convolution (Hairer–Lubich–Schlichte), exact up to round-off.
    Fft,
}

/// Builds the history sum `H_n = Σ_{m<n} k((n-m)dt) v_m` of profile `k` with the chosen method.
///
/// `n_steps` is the number of steps the caller plans (it fixes the horizon `T = n_steps·dt`
/// of the sum-of-exponentials fit; the other methods use it only to reserve memory).
///
/// # Example
/// ```
/// use gle_core::history::{HistoryMethod, make_history};
/// use gle_core::kernel::ScalarKernel;
/// let k = ScalarKernel::exponential(1.0, 2.0).unwrap();
/// let mut h = make_history(&k, 0.1, 100, 1, HistoryMethod::Prony).unwrap();
/// h.push(&[1.0]);
/// let mut out = [0.0];
/// h.sum(&mut out);
/// assert!((out[0] - (-0.2f64).exp()).abs() < 1e-15);
/// ```
///
/// # Errors
/// [`GleError::Unsupported`] for `Prony` on a profile that is not a sum of exponentials;
/// the errors of the sum-of-exponentials fit for `Soe`; [`GleError::Base`] for `dt ≤ 0`
/// or NaN; [`GleError::Empty`] for `d = 0`;
/// [`GleError::TooLarge`] if `n_steps` exceeds
/// [`MAX_STEPS`] `= 2³²` or the FFT buffers cannot be allocated.
///
/// # Numerical notes
/// Direct: `O(N²d)`; Prony and SOE: `O(NMd)` with `O(Md)` state; FFT: `O(N log² N · d)`.
/// Reference: Lang & Lu, arXiv 2512.10256; Hairer, Lubich & Schlichte, SIAM J. Sci. Stat.
/// Comput. 6 (1985), doi:10.1137/0906040.
pub fn make_history(
    profile: &ScalarKernel,
    dt: f64,
    n_steps: usize,
    dim: usize,
    method: HistoryMethod,
) -> Result<Box<dyn HistorySum>> {
    let dt = validate(dt, dim)?;
    let n_steps = check_n_steps(n_steps)?;
    match method {
        HistoryMethod::Direct => Ok(Box::new(DirectHistory::new(profile.clone(), dt, dim)?)),
        HistoryMethod::Prony => Ok(Box::new(PronyHistory::new(profile, dt, dim)?)),
        HistoryMethod::Fft => Ok(Box::new(FftHistory::with_capacity(
            profile.clone(),
            dt,
            dim,
            n_steps,
        )?)),
        HistoryMethod::Soe { eps } => {
            Ok(Box::new(SoeHistory::new(profile, dt, n_steps, dim, eps)?))
        }
    }
}

/// Test support shared by the fast paths: drives `fast` and a [`DirectHistory`] with the same
/// standard normal input (stream `Seed(seed)`) for `n` steps and returns
/// `max_n |H_fast − H_direct| / max_n |H_direct|` over all components.
#[cfg(test)]
pub(crate) fn max_rel_error_vs_direct(
    fast: &mut dyn HistorySum,
    k: &crate::kernel::ScalarKernel,
    dt: f64,
    n: usize,
    seed: u64,
) -> f64 {
    let dim = fast.dim();
    let mut slow = DirectHistory::new(k.clone(), dt, dim).unwrap();
    let mut rng = langevin_base::rng::Seed(seed).root();
    let (mut a, mut b, mut v) = (vec![0.0; dim], vec![0.0; dim], vec![0.0; dim]);
    let (mut err, mut scale) = (0.0f64, 0.0f64);
    for _ in 0..n {
        langevin_base::rng::fill_standard_normal(&mut rng, &mut v);
        fast.push(&v);
        slow.push(&v);
        fast.sum(&mut a);
        slow.sum(&mut b);
        for (a, b) in a.iter().zip(&b) {
            err = err.max((a - b).abs());
            scale = scale.max(b.abs());
        }
    }
    err / scale
}
