//! The direct `O(N²)` history sum: the reference every fast path is tested against.

use super::HistorySum;
use crate::error::Result;
use crate::kernel::ScalarKernel;

/// Direct evaluation of `H_n = Σ_{m=0}^{n-1} k((n-m)dt) v_m`, storing all past states and the
/// kernel values `k(j·dt)` on the lag grid (tabulated once, extended as needed).
///
/// # Example
/// ```
/// use gle_core::history::{DirectHistory, HistorySum};
/// use gle_core::kernel::ScalarKernel;
/// let k = ScalarKernel::exponential(1.0, 1.0).unwrap();
/// let mut h = DirectHistory::new(k, 0.1, 1)?;
/// h.push(&[1.0]);
/// h.push(&[2.0]);
/// let mut out = [0.0];
/// h.sum(&mut out); // k(0.2)·1 + k(0.1)·2
/// assert!((out[0] - ((-0.2f64).exp() + 2.0 * (-0.1f64).exp())).abs() < 1e-15);
/// # Ok::<(), gle_core::GleError>(())
/// ```
///
/// # Numerical notes
/// `O(n·d)` work at step `n`, `O(N²d/2)` in all; summation in increasing lag order.
#[derive(Clone, Debug)]
pub struct DirectHistory {
    profile: ScalarKernel,
    dt: f64,
    dim: usize,
    lags: Vec<f64>,
    states: Vec<f64>,
}

impl DirectHistory {
    /// A direct history sum for profile `k`, step `dt` and dimension `d`.
    ///
    /// # Errors
    /// [`GleError::Base`](crate::GleError::Base) for `dt` not finite or `≤ 0`;
    /// [`GleError::Empty`](crate::GleError::Empty) for `d = 0`.
    pub fn new(profile: ScalarKernel, dt: f64, dim: usize) -> Result<Self> {
        let dt = super::validate(dt, dim)?;
        Ok(Self {
            profile,
            dt,
            dim,
            lags: vec![0.0],
            states: Vec::new(),
        })
    }

    /// The kernel value on lag `j`, `k(j·dt)`, tabulated.
    fn lag(&mut self, j: usize) -> f64 {
        while self.lags.len() <= j {
            let l = self.lags.len();
            self.lags.push(self.profile.eval(l as f64 * self.dt));
        }
        self.lags[j]
    }
}

impl HistorySum for DirectHistory {
    fn dim(&self) -> usize {
        self.dim
    }

    fn push(&mut self, v: &[f64]) {
        assert_eq!(
            v.len(),
            self.dim,
            "state has length {}, history dimension is {}",
            v.len(),
            self.dim
        );
        self.states.extend_from_slice(v);
    }

    fn sum(&mut self, out: &mut [f64]) {
        let n = self.len();
        let d = self.dim;
        let _ = self.lag(n);
        out.fill(0.0);
        for m in 0..n {
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
    use crate::GleError;

    #[test]
    fn bad_step_or_dimension_is_rejected() {
        let k = ScalarKernel::exponential(1.0, 1.0).unwrap();
        for dt in [f64::NAN, 0.0, -1.0, f64::INFINITY] {
            assert!(matches!(
                DirectHistory::new(k.clone(), dt, 1),
                Err(GleError::Base(_))
            ));
        }
        assert!(matches!(
            DirectHistory::new(k, 0.1, 0),
            Err(GleError::Empty { name: "dim" })
        ));
    }
}
