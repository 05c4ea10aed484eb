//! Kolmogorov–Smirnov test against a continuous CDF.

use super::validate;
use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};
use std::f64::consts::PI;

/// Result of [`ks_statistic`].
///
/// # Example
/// One point at the median of the uniform law: `D₁ = max(1 - ½, ½ - 0) = ½`.
/// ```
/// use langevin_base::stats::ks_statistic;
/// let r = ks_statistic(&[0.5], |x| x.clamp(0.0, 1.0))?;
/// assert_eq!((r.d, r.n), (0.5, 1));
/// assert!((0.0..=1.0).contains(&r.p_value));
/// # Ok::<(), langevin_base::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct KsResult {
    /// `D_n = sup_x |F_n(x) - F(x)|`.
    pub d: f64,
    /// Asymptotic p-value `Q_KS((√n + 0.12 + 0.11/√n) D_n)`.
    pub p_value: f64,
    /// Sample size `n`.
    pub n: usize,
}

/// One-sample Kolmogorov–Smirnov distance of `sample` to the continuous CDF `cdf`, with its
/// p-value.
///
/// `D_n = max_i max(i/n - F(x_(i)), F(x_(i)) - (i-1)/n)` over the order statistics; the
/// p-value is `Q_KS(λ)`, `λ = (√n + 0.12 + 0.11/√n) D_n` (Stephens' finite-`n` correction),
/// see [`kolmogorov_q`].
///
/// # Errors
/// [`Error::Empty`]; [`Error::NotFinite`] for a non-finite sample value;
/// [`Error::OutOfRange`] if `cdf` returns a value outside `[0, 1]` (or `NaN`).
///
/// # Example
/// ```
/// use langevin_base::stats::ks_statistic;
/// let r = ks_statistic(&[0.1, 0.4, 0.7], |x| x.clamp(0.0, 1.0)).unwrap();
/// assert!((r.d - 0.3).abs() < 1e-15); // 1 - F(0.7) at the last order statistic
/// assert!(r.p_value > 0.5);
/// ```
///
/// # Numerical notes
/// The p-value is accurate to about two digits for `n ≥ 10` and assumes independent samples
/// and a CDF with no parameters fitted from the same data (otherwise it is conservative).
///
/// # References
/// M. A. Stephens, J. R. Stat. Soc. B 32 (1970), doi:10.1111/j.2517-6161.1970.tb00821.x;
/// Press et al., *Numerical Recipes* (3rd ed.), Sec. 14.3.3.
pub fn ks_statistic(sample: &[f64], cdf: impl Fn(f64) -> f64) -> Result<KsResult> {
    validate("sample", sample)?;
    let mut xs = sample.to_vec();
    xs.sort_unstable_by(f64::total_cmp);
    let n = xs.len();
    let nf = n as f64;
    let mut d: f64 = 0.0;
    for (i, &x) in xs.iter().enumerate() {
        let f = cdf(x);
        if !(0.0..=1.0).contains(&f) {
            return Err(Error::OutOfRange {
                name: "cdf",
                value: f,
                reason: "a CDF must take values in [0, 1]",
            });
        }
        d = d.max((i + 1) as f64 / nf - f).max(f - i as f64 / nf);
    }
    let sn = nf.sqrt();
    Ok(KsResult {
        d,
        p_value: kolmogorov_q((sn + 0.12 + 0.11 / sn) * d),
        n,
    })
}

/// The Kolmogorov survival function `Q_KS(λ) = 2 Σ_{k≥1} (-1)^{k-1} e^{-2k²λ²}`.
///
/// For `λ < 1.18` the equivalent series
/// `1 - (√(2π)/λ) Σ_{k≥1} e^{-(2k-1)²π²/(8λ²)}` is used, which converges fast there.
///
/// # Example
/// ```
/// use langevin_base::stats::kolmogorov_q;
/// assert!((kolmogorov_q(1.3581) - 0.05).abs() < 1e-4);
/// assert_eq!(kolmogorov_q(0.0), 1.0);
/// ```
///
/// # Numerical notes
/// Absolute error below `1e-15` for all `λ ≥ 0` (both series are truncated when the terms
/// drop below `1e-17`). Returns 1 for `λ ≤ 0` and `NaN` only for `NaN`.
pub fn kolmogorov_q(lambda: f64) -> f64 {
    if lambda.is_nan() {
        return f64::NAN;
    }
    if lambda <= 0.0 {
        return 1.0;
    }
    if lambda < 1.18 {
        let y = -PI * PI / (8.0 * lambda * lambda);
        let mut s = 0.0;
        for k in 1..100 {
            let m = f64::from(2 * k - 1);
            let t = (m * m * y).exp();
            s += t;
            if t < 1e-17 {
                break;
            }
        }
        (1.0 - (2.0 * PI).sqrt() / lambda * s).clamp(0.0, 1.0)
    } else {
        let mut s = 0.0;
        let mut sign = 1.0;
        for k in 1..100 {
            let kf = f64::from(k);
            let t = (-2.0 * kf * kf * lambda * lambda).exp();
            s += sign * t;
            sign = -sign;
            if t < 1e-17 {
                break;
            }
        }
        (2.0 * s).clamp(0.0, 1.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rng::{Seed, standard_normal};

    #[test]
    fn q_series_agree_and_match_tables() {
        // The two series agree where they overlap.
        for lam in [0.9, 1.0, 1.1, 1.18, 1.3] {
            let a = 2.0
                * (1..50)
                    .map(|k| (-1f64).powi(k - 1) * (-2.0 * f64::from(k * k) * lam * lam).exp())
                    .sum::<f64>();
            assert!((kolmogorov_q(lam) - a).abs() < 1e-12, "{lam}");
        }
        // Critical values of the Kolmogorov distribution: 1.2238 (10%), 1.6276 (1%).
        assert!((kolmogorov_q(1.2238) - 0.10).abs() < 1e-4);
        assert!((kolmogorov_q(1.6276) - 0.01).abs() < 1e-4);
        assert!(kolmogorov_q(0.2) > 0.999_999);
    }

    /// Under H₀ the p-value is uniform: over 200 independent tests at n = 500 the fraction
    /// below 0.1 is Binomial(200, 0.1): mean 20, sd 4.2; accept 4σ.
    #[test]
    fn p_values_are_calibrated_for_normal_samples() {
        let mut rng = Seed(21).root();
        let cdf = |x: f64| 0.5 * statrs::function::erf::erfc(-x / std::f64::consts::SQRT_2);
        let mut below = 0;
        for _ in 0..200 {
            let s: Vec<f64> = (0..500).map(|_| standard_normal(&mut rng)).collect();
            if ks_statistic(&s, cdf).unwrap().p_value < 0.1 {
                below += 1;
            }
        }
        assert!((f64::from(below) - 20.0).abs() < 4.0 * 4.24, "{below}");
        // A shifted sample is rejected.
        let s: Vec<f64> = (0..2000).map(|_| standard_normal(&mut rng) + 0.2).collect();
        assert!(ks_statistic(&s, cdf).unwrap().p_value < 1e-6);
    }

    #[test]
    fn errors() {
        assert!(matches!(ks_statistic(&[], |x| x), Err(Error::Empty { .. })));
        assert!(matches!(
            ks_statistic(&[f64::INFINITY], |x| x),
            Err(Error::NotFinite { .. })
        ));
        assert!(matches!(
            ks_statistic(&[2.0], |x| x),
            Err(Error::OutOfRange { .. })
        ));
        assert!(kolmogorov_q(f64::NAN).is_nan());
    }
}
