//! Autocovariance by FFT.

use super::{overflowed, validate};
use crate::error::{Error, Result};
use realfft::RealFftPlanner;
use realfft::num_complex::Complex;
use serde::{Deserialize, Serialize};

/// Normalisation of the lag-`k` autocovariance sum `S_k = Σ_{t<n-k} (x_t - x̄)(x_{t+k} - x̄)`.
///
/// # Example
/// The two differ by the factor `n/(n - k)` at lag `k`:
/// ```
/// use langevin_base::stats::{Normalisation, autocovariance};
/// let x = [1.0, 3.0, 2.0, 5.0, 4.0];
/// let b = autocovariance(&x, 2, Normalisation::Biased)?;
/// let u = autocovariance(&x, 2, Normalisation::Unbiased)?;
/// assert!((u[2] - b[2] * 5.0 / 3.0).abs() < 1e-12 && (u[0] - b[0]).abs() < 1e-12);
/// # Ok::<(), langevin_base::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Normalisation {
    /// `S_k / n`: biased, but a positive semi-definite sequence with lower variance at large lags.
    Biased,
    /// `S_k / (n - k)`: unbiased for known mean (up to the `O(1/n)` bias of using `x̄`).
    Unbiased,
}

/// Autocovariance `C(k)`, `k = 0..=max_lag`, of a series, computed by FFT.
///
/// `C(k) = S_k / n` or `S_k / (n-k)` (see [`Normalisation`]), with the mean subtracted. The
/// series is zero-padded to a power of two `L ≥ 2n`, so the circular correlation
/// `IFFT(|FFT(x - x̄)|²)/L` equals the linear one with no wrap-around.
///
/// # Errors
/// [`Error::Empty`], [`Error::NotFinite`], [`Error::OutOfRange`] if `max_lag ≥ n`, and
/// [`Error::OutOfRange`] naming `series` (with its largest magnitude) if the result of finite
/// input overflows.
///
/// # Panics
/// Never: the FFT buffers come from the plans themselves.
///
/// # Example
/// ```
/// use langevin_base::stats::{autocovariance, Normalisation};
/// let c = autocovariance(&[1.0, -1.0, 1.0, -1.0], 2, Normalisation::Biased).unwrap();
/// assert!((c[0] - 1.0).abs() < 1e-12 && (c[1] + 0.75).abs() < 1e-12 && (c[2] - 0.5).abs() < 1e-12);
/// ```
///
/// # Numerical notes
/// `O(n log n)`; the round-off error is `O(ε log n)` relative to `C(0)`, so at lags where
/// `|C(k)| ≪ ε C(0)` the result is noise at that level. Values whose squares overflow
/// (`|x| ≳ 1e154`) are outside the supported range and give [`Error::OutOfRange`].
pub fn autocovariance(series: &[f64], max_lag: usize, norm: Normalisation) -> Result<Vec<f64>> {
    validate("series", series)?;
    let n = series.len();
    if max_lag >= n {
        return Err(Error::OutOfRange {
            name: "max_lag",
            value: max_lag as f64,
            reason: "must be < series length",
        });
    }
    let len = (2 * n).next_power_of_two();
    let mean = series.iter().sum::<f64>() / n as f64;

    // Forward transform of the centred, zero-padded series.
    let mut planner = RealFftPlanner::<f64>::new();
    let r2c = planner.plan_fft_forward(len);
    let mut input = r2c.make_input_vec();
    for (a, &x) in input.iter_mut().zip(series) {
        *a = x - mean;
    }
    let mut spectrum = r2c.make_output_vec();
    r2c.process(&mut input, &mut spectrum)
        .expect("buffer sizes from the plan");

    // Power spectrum, inverse transform: the unnormalised correlation times L.
    for s in &mut spectrum {
        *s = Complex::new(s.norm_sqr(), 0.0);
    }
    let c2r = planner.plan_fft_inverse(len);
    let mut out = c2r.make_output_vec();
    c2r.process(&mut spectrum, &mut out)
        .expect("buffer sizes from the plan");

    let scale = 1.0 / len as f64;
    let c: Vec<f64> = (0..=max_lag)
        .map(|k| {
            let denom = match norm {
                Normalisation::Biased => n,
                Normalisation::Unbiased => n - k,
            };
            out[k] * scale / denom as f64
        })
        .collect();
    if c.iter().all(|v| v.is_finite()) {
        Ok(c)
    } else {
        Err(overflowed("series", series))
    }
}

/// Autocorrelation `ρ(k) = C(k)/C(0)` (see [`autocovariance`]).
///
/// # Errors
/// As [`autocovariance`], and [`Error::OutOfRange`] for a constant series (`C(0) = 0`).
///
/// # Example
/// ```
/// use langevin_base::stats::{autocorrelation, Normalisation};
/// let r = autocorrelation(&[1.0, 2.0, 3.0, 4.0], 1, Normalisation::Biased).unwrap();
/// assert!((r[0] - 1.0).abs() < 1e-15 && (r[1] - 0.25).abs() < 1e-12);
/// ```
pub fn autocorrelation(series: &[f64], max_lag: usize, norm: Normalisation) -> Result<Vec<f64>> {
    let mut c = autocovariance(series, max_lag, norm)?;
    let c0 = c[0];
    if c0 <= 0.0 {
        return Err(Error::OutOfRange {
            name: "series",
            value: c0,
            reason: "constant series has no autocorrelation",
        });
    }
    for v in &mut c {
        *v /= c0;
    }
    Ok(c)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rng::{Seed, standard_normal};

    #[test]
    fn overflowing_series_is_an_error() {
        let err = autocovariance(&[1e200, -1e200, 1e200], 1, Normalisation::Biased).unwrap_err();
        assert!(
            matches!(err, Error::OutOfRange { name: "series", .. }),
            "{err}"
        );
    }

    fn direct(x: &[f64], k: usize, norm: Normalisation) -> f64 {
        let n = x.len();
        let m = x.iter().sum::<f64>() / n as f64;
        let s: f64 = (0..n - k).map(|t| (x[t] - m) * (x[t + k] - m)).sum();
        match norm {
            Normalisation::Biased => s / n as f64,
            Normalisation::Unbiased => s / (n - k) as f64,
        }
    }

    #[test]
    fn fft_matches_direct_sum() {
        let mut rng = Seed(1).root();
        let mut x = vec![0.0; 777];
        let mut y = 0.0;
        for v in &mut x {
            y = 0.9 * y + standard_normal(&mut rng);
            *v = y + 3.0;
        }
        for norm in [Normalisation::Biased, Normalisation::Unbiased] {
            let c = autocovariance(&x, 776, norm).unwrap();
            for k in [0, 1, 5, 100, 500, 776] {
                assert!((c[k] - direct(&x, k, norm)).abs() < 1e-10 * c[0], "k={k}");
            }
        }
    }

    #[test]
    fn errors() {
        assert!(matches!(
            autocovariance(&[], 0, Normalisation::Biased),
            Err(Error::Empty { .. })
        ));
        assert!(matches!(
            autocovariance(&[1.0, 2.0], 2, Normalisation::Biased),
            Err(Error::OutOfRange { .. })
        ));
        assert!(matches!(
            autocovariance(&[f64::NAN], 0, Normalisation::Biased),
            Err(Error::NotFinite { .. })
        ));
        assert!(matches!(
            autocorrelation(&[2.0; 4], 1, Normalisation::Biased),
            Err(Error::OutOfRange { .. })
        ));
    }
}
