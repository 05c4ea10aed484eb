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

pub use direct::DirectHistory;

/// An online evaluator of the lagged convolution `H_n = Σ_{m<n} k((n-m)dt) v_m`.
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
