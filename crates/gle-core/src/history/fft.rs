//! FFT-blocked online convolution (Hairer, Lubich & Schlichte 1985) for any translation-
//! invariant profile, `O(N log² N)` for `N` steps.
//!
//! The strictly lower triangle `{(n, m) : 0 ≤ m < n}` of the lagged sum
//! `H_n = Σ_{m<n} κ_{n-m} v_m`, `κ_j = k(j·dt)`, is tiled recursively: a dyadic block of
//! length `2B` splits into two triangles of length `B` and the square
//!
//! ```text
//! inputs m ∈ [c-B, c),  outputs n ∈ [c, c+B),  c an odd multiple of B,
//! ```
//!
//! whose lags `n - m` run over `1 … 2B-1`. The square needs only inputs older than `c`, so it
//! is evaluated by one real FFT of length `2B` (with the cached spectrum of `κ_1 … κ_{2B-1}`)
//! at the moment the `c`-th state is pushed, and its contributions are added to an
//! accumulator of future outputs. Triangles of the base length `b₀` (the near-diagonal part)
//! are summed directly when `H_n` is requested. At push `c` (a multiple of `b₀`) exactly one
//! square is due, of size `B = b₀ 2^{ν}` with `2^ν` the largest power of two dividing `c/b₀`.

use super::HistorySum;
use crate::error::Result;
use crate::kernel::ScalarKernel;
use realfft::num_complex::Complex;
use realfft::{ComplexToReal, RealFftPlanner, RealToComplex};
use std::fmt;
use std::sync::Arc;

/// Base block length `b₀` of the near-diagonal direct part.
const BASE: usize = 64;

/// The FFT plans and kernel spectrum of one block size `B`.
struct Level {
    fwd: Arc<dyn RealToComplex<f64>>,
    inv: Arc<dyn ComplexToReal<f64>>,
    /// Spectrum of `(κ_1, …, κ_{2B-1}, 0)`, pre-divided by the FFT length `2B`.
    kspec: Vec<Complex<f64>>,
    input: Vec<f64>,
    spec: Vec<Complex<f64>>,
    output: Vec<f64>,
    scratch: Vec<Complex<f64>>,
}

/// Online history sum `H_n = Σ_{m<n} k((n-m)dt) v_m` by FFT-blocked convolution
/// (Hairer–Lubich–Schlichte), for any profile.
///
/// The total number of steps need not be known: block sizes double as the run grows, so the
/// scheme is the same whatever `N`; [`FftHistory::with_capacity`] only reserves memory.
///
/// # Example
/// ```
/// use gle_core::history::{DirectHistory, FftHistory, HistorySum};
/// use gle_core::kernel::ScalarKernel;
/// let k = ScalarKernel::power_law(1.0, 0.1, 1.5).unwrap();
/// let mut fast = FftHistory::new(k.clone(), 0.01, 1)?;
/// let mut slow = DirectHistory::new(k, 0.01, 1)?;
/// let (mut a, mut b) = ([0.0], [0.0]);
/// for n in 0..300 {
///     let v = [((n * 7919) % 13) as f64 - 6.0];
///     fast.push(&v);
///     slow.push(&v);
/// }
/// fast.sum(&mut a);
/// slow.sum(&mut b);
/// assert!((a[0] - b[0]).abs() < 1e-12 * b[0].abs().max(1.0));
/// # Ok::<(), gle_core::GleError>(())
/// ```
///
/// # Numerical notes
/// Cost per step: `b₀/2 = 32` multiply-adds of the direct part on average plus, per level
/// `B`, one real FFT pair of length `2B` every `2B` steps, i.e. `O(log B)` per step and level,
/// `O(d log² N)` per step in all. Memory: all past states and an accumulator of up to `2N`
/// future outputs (`O(Nd)`). The FFT adds round-off of order `ε log₂(2B) Σ|κ||v|`, well
/// below `1e-12` of `max|H|` for bounded inputs. Reference: E. Hairer, Ch. Lubich,
/// M. Schlichte, *Fast numerical solution of nonlinear Volterra convolution equations*,
/// SIAM J. Sci. Stat. Comput. 6 (1985) 532–541, doi:10.1137/0906040.
pub struct FftHistory {
    profile: ScalarKernel,
    dt: f64,
    dim: usize,
    lags: Vec<f64>,
    states: Vec<f64>,
    acc: Vec<f64>,
    levels: Vec<Level>,
}

impl fmt::Debug for FftHistory {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FftHistory")
            .field("profile", &self.profile)
            .field("dt", &self.dt)
            .field("dim", &self.dim)
            .field("len", &self.len())
            .field("levels", &self.levels.len())
            .finish_non_exhaustive()
    }
}

impl FftHistory {
    /// An FFT-blocked history sum for profile `k`, step `dt`, dimension `d`.
    ///
    /// # Errors
    /// [`GleError::Base`](crate::GleError::Base) for `dt` not finite or `≤ 0`;
    /// [`GleError::Empty`](crate::GleError::Empty) for `d = 0`.
    pub fn new(profile: ScalarKernel, dt: f64, dim: usize) -> Result<Self> {
        Self::with_capacity(profile, dt, dim, 0)
    }

    /// As [`FftHistory::new`], reserving memory for `n_steps` states.
    ///
    /// # Errors
    /// As [`FftHistory::new`]; [`GleError::TooLarge`](crate::GleError::TooLarge) if `n_steps`
    /// exceeds [`MAX_STEPS`](crate::error::MAX_STEPS) `= 2³²` or the `3·n_steps·d` values
    /// cannot be reserved.
    pub fn with_capacity(
        profile: ScalarKernel,
        dt: f64,
        dim: usize,
        n_steps: usize,
    ) -> Result<Self> {
        let dt = super::validate(dt, dim)?;
        let n_steps = super::check_n_steps(n_steps)?;
        Ok(Self {
            profile,
            dt,
            dim,
            lags: vec![0.0],
            states: super::reserve(n_steps, dim, 1)?,
            acc: super::reserve(n_steps, dim, 2)?,
            levels: Vec::new(),
        })
    }

    /// `κ_j = k(j dt)` tabulated up to lag `j` inclusive.
    fn ensure_lags(&mut self, j: usize) {
        while self.lags.len() <= j {
            let l = self.lags.len();
            self.lags.push(self.profile.eval(l as f64 * self.dt));
        }
    }

    /// Plans and kernel spectra up to level `l` (block size `b₀ 2^l`).
    fn ensure_level(&mut self, l: usize) {
        while self.levels.len() <= l {
            let b = BASE << self.levels.len();
            let len = 2 * b;
            self.ensure_lags(len - 1);
            let mut planner = RealFftPlanner::<f64>::new();
            let fwd = planner.plan_fft_forward(len);
            let inv = planner.plan_fft_inverse(len);
            let mut input = fwd.make_input_vec();
            let scale = 1.0 / len as f64;
            for (i, x) in input.iter_mut().take(len - 1).enumerate() {
                *x = self.lags[i + 1] * scale;
            }
            let mut kspec = fwd.make_output_vec();
            let mut scratch = fwd.make_scratch_vec();
            if inv.get_scratch_len() > scratch.len() {
                scratch = inv.make_scratch_vec();
            }
            fwd.process_with_scratch(&mut input, &mut kspec, &mut scratch)
                .expect("buffer lengths come from the plan");
            let spec = fwd.make_output_vec();
            let output = inv.make_output_vec();
            self.levels.push(Level {
                fwd,
                inv,
                kspec,
                input,
                spec,
                output,
                scratch,
            });
        }
    }

    /// The square with inputs `[c-B, c)` and outputs `[c, c+B)`, `B = b₀ 2^l`.
    fn square(&mut self, c: usize, l: usize) {
        self.ensure_level(l);
        let b = BASE << l;
        let d = self.dim;
        if self.acc.len() < (c + b) * d {
            self.acc.resize((c + b) * d, 0.0);
        }
        let lev = &mut self.levels[l];
        for i in 0..d {
            // u_j = v_{c-B+j}, zero-padded to 2B.
            for (j, x) in lev.input.iter_mut().enumerate() {
                *x = if j < b {
                    self.states[(c - b + j) * d + i]
                } else {
                    0.0
                };
            }
            lev.fwd
                .process_with_scratch(&mut lev.input, &mut lev.spec, &mut lev.scratch)
                .expect("buffer lengths come from the plan");
            for (s, k) in lev.spec.iter_mut().zip(&lev.kspec) {
                *s *= k;
            }
            // DC and Nyquist bins of a product of real spectra are real.
            lev.spec[0].im = 0.0;
            let last = lev.spec.len() - 1;
            lev.spec[last].im = 0.0;
            lev.inv
                .process_with_scratch(&mut lev.spec, &mut lev.output, &mut lev.scratch)
                .expect("buffer lengths come from the plan");
            // Output n = c + j has lag index q = B - 1 + j in the linear convolution.
            for j in 0..b {
                self.acc[(c + j) * d + i] += lev.output[b - 1 + j];
            }
        }
    }
}

impl HistorySum for FftHistory {
    fn dim(&self) -> usize {
        self.dim
    }

    fn push(&mut self, v: &[f64]) {
        let d = self.dim;
        assert_eq!(
            v.len(),
            d,
            "state has length {}, history dimension is {d}",
            v.len()
        );
        self.states.extend_from_slice(v);
        let c = self.len();
        if c.is_multiple_of(BASE) {
            let l = (c / BASE).trailing_zeros() as usize;
            self.square(c, l);
        }
    }

    fn sum(&mut self, out: &mut [f64]) {
        let d = self.dim;
        assert_eq!(
            out.len(),
            d,
            "output has length {}, history dimension is {d}",
            out.len()
        );
        let n = self.len();
        if self.acc.len() >= (n + 1) * d {
            out.copy_from_slice(&self.acc[n * d..(n + 1) * d]);
        } else {
            out.fill(0.0);
        }
        let start = n / BASE * BASE;
        self.ensure_lags(BASE);
        for m in start..n {
            let k = self.lags[n - m];
            for (o, v) in out.iter_mut().zip(&self.states[m * d..(m + 1) * d]) {
                *o += k * v;
            }
        }
    }

    fn len(&self) -> usize {
        self.states.len() / self.dim
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn max_rel_error(k: &ScalarKernel, dt: f64, n: usize, dim: usize) -> f64 {
        let mut fast = FftHistory::new(k.clone(), dt, dim).unwrap();
        crate::history::max_rel_error_vs_direct(&mut fast, k, dt, n, 5)
    }

    #[test]
    fn fft_blocks_match_direct_sum_for_a_power_law_over_5000_steps() {
        // Exact tiling: only FFT round-off, ~ ε log N relative.
        let k = ScalarKernel::power_law(1.0, 0.1, 1.5).unwrap();
        let e = max_rel_error(&k, 0.01, 5000, 1);
        assert!(e < 1e-12, "{e}");
    }

    #[test]
    fn fft_blocks_handle_several_dimensions_and_cut_offs() {
        let k = ScalarKernel::exponential(1.0, 0.2)
            .unwrap()
            .cut_off(3.3)
            .unwrap();
        let e = max_rel_error(&k, 0.01, 1500, 3);
        assert!(e < 1e-12, "{e}");
    }

    #[test]
    fn bad_step_dimension_or_capacity_is_rejected() {
        use crate::GleError;
        use crate::history::{HistoryMethod, make_history};
        let k = ScalarKernel::exponential(1.0, 1.0).unwrap();
        assert!(matches!(
            FftHistory::new(k.clone(), f64::NAN, 1),
            Err(GleError::Base(_))
        ));
        assert!(matches!(
            FftHistory::new(k.clone(), 0.1, 0),
            Err(GleError::Empty { .. })
        ));
        assert!(matches!(
            FftHistory::with_capacity(k.clone(), 0.1, 1, usize::MAX),
            Err(GleError::TooLarge { .. })
        ));
        assert!(matches!(
            make_history(&k, 0.1, usize::MAX, 1, HistoryMethod::Fft),
            Err(GleError::TooLarge { .. })
        ));
        // within the step cap, but 3·2³²·2⁴⁰ values overflow
        assert!(matches!(
            FftHistory::with_capacity(k, 0.1, 1 << 40, 1 << 32),
            Err(GleError::TooLarge { .. })
        ));
    }
}
