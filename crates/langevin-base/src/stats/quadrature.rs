//! Quadrature references for one-dimensional potentials.

use crate::error::{self, Error, Result};

/// Composite Simpson rule `∫_a^b f ≈ (h/3)[f₀ + 4f₁ + 2f₂ + … + 4f_{n-1} + f_n]`, `h = (b-a)/n`.
///
/// # Errors
/// [`Error::NotFinite`] for non-finite bounds or a non-finite value of `f` at a node;
/// [`Error::OutOfRange`] if `n` is odd or zero, or `a ≥ b`.
///
/// # Example
/// ```
/// use langevin_base::stats::simpson;
/// let i = simpson(|x| x * x * x, 0.0, 2.0, 2).unwrap();
/// assert_eq!(i, 4.0); // exact for cubics
/// ```
///
/// # Numerical notes
/// Error `-(b-a) h⁴ f⁗(ξ)/180`; exponentially accurate for smooth periodic integrands.
pub fn simpson(f: impl Fn(f64) -> f64, a: f64, b: f64, n: usize) -> Result<f64> {
    check_interval(a, b, n)?;
    let h = (b - a) / n as f64;
    let mut s = 0.0;
    for j in 0..=n {
        let x = if j == n { b } else { a + j as f64 * h };
        let w = if j == 0 || j == n {
            1.0
        } else if j % 2 == 1 {
            4.0
        } else {
            2.0
        };
        s += w * error::finite("f(x)", f(x))?;
    }
    Ok(s * h / 3.0)
}

fn check_interval(a: f64, b: f64, n: usize) -> Result<()> {
    error::finite("a", a)?;
    error::finite("b", b)?;
    if a >= b {
        return Err(Error::OutOfRange {
            name: "b",
            value: b,
            reason: "must exceed a",
        });
    }
    if n == 0 || n % 2 == 1 {
        return Err(Error::OutOfRange {
            name: "n",
            value: n as f64,
            reason: "must be even and > 0",
        });
    }
    Ok(())
}

/// Tabulated `F(x) = ∫_a^x f` on a uniform grid, consistent with composite Simpson at the
/// even nodes and with the quadratic interpolant of each Simpson panel in between.
#[derive(Clone, Debug)]
struct Cumulative {
    a: f64,
    h: f64,
    f: Vec<f64>,
    cum: Vec<f64>,
}

impl Cumulative {
    fn new(f: Vec<f64>, a: f64, h: f64) -> Self {
        let n = f.len() - 1;
        let mut cum = vec![0.0; n + 1];
        for m in (0..n).step_by(2) {
            let (f0, f1, f2) = (f[m], f[m + 1], f[m + 2]);
            cum[m + 1] = cum[m] + h / 12.0 * (5.0 * f0 + 8.0 * f1 - f2);
            cum[m + 2] = cum[m] + h / 3.0 * (f0 + 4.0 * f1 + f2);
        }
        Self { a, h, f, cum }
    }

    /// Panel index `m` (even) and local coordinate `s ∈ [0, 2]` of `x`.
    fn locate(&self, x: f64) -> (usize, f64) {
        let n = self.f.len() - 1;
        let t = ((x - self.a) / self.h).clamp(0.0, n as f64);
        let m = ((t as usize) & !1).min(n - 2);
        (m, t - m as f64)
    }

    fn integral_to(&self, x: f64) -> f64 {
        let (m, s) = self.locate(x);
        let (f0, f1, f2) = (self.f[m], self.f[m + 1], self.f[m + 2]);
        let (s2, s3) = (s * s, s * s * s);
        self.cum[m]
            + self.h
                * (f0 * (s3 / 6.0 - 0.75 * s2 + s) - f1 * (s3 / 3.0 - s2)
                    + f2 * (s3 / 6.0 - 0.25 * s2))
    }

    fn interpolate(&self, x: f64) -> f64 {
        let (m, s) = self.locate(x);
        let (f0, f1, f2) = (self.f[m], self.f[m + 1], self.f[m + 2]);
        f0 * (s - 1.0) * (s - 2.0) / 2.0 - f1 * s * (s - 2.0) + f2 * s * (s - 1.0) / 2.0
    }

    fn total(&self) -> f64 {
        *self.cum.last().expect("non-empty grid")
    }
}

/// The normalised Boltzmann density `ρ(x) = e^{-βU(x)}/Z` of a 1-D potential on `[a, b]`,
/// `Z = ∫_a^b e^{-βU}`, and its CDF, by composite Simpson on `n` intervals.
///
/// # Example
/// ```
/// use langevin_base::stats::Boltzmann1d;
/// // Harmonic U = x²/2 at β = 1 on [-8, 8]: the standard normal.
/// let b = Boltzmann1d::new(|x| 0.5 * x * x, 1.0, -8.0, 8.0, 2000).unwrap();
/// assert!((b.cdf(0.0) - 0.5).abs() < 1e-12);
/// assert!((b.cdf(1.0) - 0.841_344_746_068_543).abs() < 1e-9);
/// assert!((b.density(0.0) - 0.398_942_280_401_432_7).abs() < 1e-10);
/// ```
///
/// # Numerical notes
/// `e^{-β(U - U_min)}` is tabulated (no overflow for deep minima). The CDF at the nodes is
/// composite Simpson (error `O(h⁴)`); between nodes it integrates the panel's quadratic
/// interpolant (error `O(h⁴)` per panel). The mass outside `[a, b]` is ignored: choose the
/// interval so that `βU` is large at both ends.
#[derive(Clone, Debug)]
pub struct Boltzmann1d {
    table: Cumulative,
    z: f64,
}

impl Boltzmann1d {
    /// Tabulates `e^{-βU}` of `u` on `[a, b]` with `n` (even) intervals.
    ///
    /// # Errors
    /// [`Error::NonPositive`]/[`Error::NotFinite`] for `beta`; as [`simpson`] for the interval;
    /// [`Error::NotFinite`] if `U` is not finite at a node.
    ///
    /// # Example
    /// ```
    /// use langevin_base::{Error, stats::Boltzmann1d};
    /// let bad = Boltzmann1d::new(|x| 1.0 / x, 1.0, -1.0, 1.0, 10); // U(0) = ±∞ at a node
    /// assert!(matches!(bad, Err(Error::NotFinite { .. })));
    /// ```
    pub fn new(u: impl Fn(f64) -> f64, beta: f64, a: f64, b: f64, n: usize) -> Result<Self> {
        error::positive("beta", beta)?;
        check_interval(a, b, n)?;
        let h = (b - a) / n as f64;
        let us = (0..=n)
            .map(|j| error::finite("U(x)", u(if j == n { b } else { a + j as f64 * h })))
            .collect::<Result<Vec<f64>>>()?;
        let umin = us.iter().copied().fold(f64::INFINITY, f64::min);
        let f = us.iter().map(|v| (-beta * (v - umin)).exp()).collect();
        let table = Cumulative::new(f, a, h);
        let z = table.total();
        Ok(Self { table, z })
    }

    /// `∫_a^x ρ` (0 below `a`, 1 above `b`).
    pub fn cdf(&self, x: f64) -> f64 {
        (self.table.integral_to(x) / self.z).clamp(0.0, 1.0)
    }

    /// `ρ(x)`, by quadratic interpolation of the tabulated values (0 outside `[a, b]`).
    pub fn density(&self, x: f64) -> f64 {
        let n = self.table.f.len() - 1;
        let hi = self.table.a + n as f64 * self.table.h;
        if x < self.table.a || x > hi {
            return 0.0;
        }
        self.table.interpolate(x) / self.z
    }

    /// Probabilities `P(e_i ≤ X < e_{i+1}) = F(e_{i+1}) - F(e_i)` of the bins with the given
    /// edges, after checking that the edges are finite and strictly increasing.
    ///
    /// # Errors
    /// [`Error::NotFinite`] naming `edges`; [`Error::OutOfRange`] naming `edges`, carrying the
    /// first edge that does not exceed its predecessor.
    ///
    /// # Example
    /// ```
    /// use langevin_base::{Error, stats::Boltzmann1d};
    /// let b = Boltzmann1d::new(|x| 0.5 * x * x, 1.0, -8.0, 8.0, 2000)?;
    /// assert_eq!(b.bin_probabilities(&[-8.0, 8.0])?.len(), 1);
    /// let err = b.bin_probabilities(&[1.0, 0.0]).unwrap_err();
    /// assert!(matches!(err, Error::OutOfRange { name: "edges", value, .. } if value == 0.0));
    /// # Ok::<(), langevin_base::Error>(())
    /// ```
    pub fn bin_probabilities(&self, edges: &[f64]) -> Result<Vec<f64>> {
        error::all_finite("edges", edges)?;
        if let Some(w) = edges.windows(2).find(|w| w[1] <= w[0]) {
            return Err(Error::OutOfRange {
                name: "edges",
                value: w[1],
                reason: "edges must be strictly increasing",
            });
        }
        Ok(edges
            .windows(2)
            .map(|w| self.cdf(w[1]) - self.cdf(w[0]))
            .collect())
    }
}

/// Exact mean first-passage time of overdamped 1-D diffusion
/// `dX = -U'(X)/γ dt + √(2/(βγ)) dW` from `a` to `b > a` (reflecting at `-∞`):
///
/// `T(a → b) = βγ ∫_a^b dy e^{βU(y)} ∫_{lower}^{y} e^{-βU(z)} dz`,
///
/// with the inner lower limit `lower` standing in for `-∞` (choose it where `βU` is large).
///
/// # Errors
/// [`Error::NonPositive`] for `beta`, `gamma`; [`Error::OutOfRange`] unless `lower < a < b`
/// and `n` is even; [`Error::NotFinite`] if `U` is not finite on the grid;
/// [`Error::OutOfRange`] naming `beta` if the result overflows (`e^{βΔU}` beyond `f64::MAX`).
///
/// # Example
/// ```
/// use langevin_base::stats::mfpt_overdamped_1d;
/// // Free diffusion (U = 0 on [0, 1], reflecting at lower = 0⁻ ≈ a): T = βγ b²/2 for a → 0.
/// let t = mfpt_overdamped_1d(|_| 0.0, 1.0, 1.0, -1e-9, 0.0, 1.0, 1000).unwrap();
/// assert!((t - 0.5).abs() < 1e-6);
/// ```
///
/// # Numerical notes
/// Both integrals by Simpson/quadratic interpolation on `n` intervals, error `O(h⁴)`;
/// exponential factors are shifted by the extreme values of `U` so nothing overflows for
/// `β ΔU` up to several hundred; beyond about `β ΔU ≈ 709` the time itself exceeds `f64::MAX`
/// and an error is returned.
///
/// # References
/// C. Gardiner, *Stochastic Methods* (4th ed.), Springer (2009), Sec. 5.5;
/// P. Hänggi, P. Talkner, M. Borkovec, Rev. Mod. Phys. 62 (1990), doi:10.1103/RevModPhys.62.251.
pub fn mfpt_overdamped_1d(
    u: impl Fn(f64) -> f64,
    beta: f64,
    gamma: f64,
    lower: f64,
    a: f64,
    b: f64,
    n: usize,
) -> Result<f64> {
    error::positive("beta", beta)?;
    error::positive("gamma", gamma)?;
    error::finite("lower", lower)?;
    if lower >= a {
        return Err(Error::OutOfRange {
            name: "lower",
            value: lower,
            reason: "must be below a",
        });
    }
    check_interval(a, b, n)?;

    // Inner integral I(y) = ∫_lower^y e^{-β(U - U_min)} on a grid of [lower, b].
    let h = (b - lower) / n as f64;
    let us = (0..=n)
        .map(|j| error::finite("U(x)", u(if j == n { b } else { lower + j as f64 * h })))
        .collect::<Result<Vec<f64>>>()?;
    let umin = us.iter().copied().fold(f64::INFINITY, f64::min);
    let inner = Cumulative::new(
        us.iter().map(|v| (-beta * (v - umin)).exp()).collect(),
        lower,
        h,
    );

    // Outer Simpson on [a, b] of e^{β(U - U_max)} I(y).
    let umax = (0..=n)
        .map(|j| u(a + (b - a) * j as f64 / n as f64))
        .fold(f64::NEG_INFINITY, f64::max);
    error::finite("U(x)", umax)?;
    let outer = simpson(
        |y| (beta * (u(y) - umax)).exp() * inner.integral_to(y),
        a,
        b,
        n,
    )?;
    let t = beta * gamma * (beta * (umax - umin)).exp() * outer;
    error::derived(
        t,
        "beta",
        beta,
        "e^{beta (U_max - U_min)} overflows: the MFPT exceeds f64::MAX",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overflowing_mfpt_and_unordered_edges_are_errors() {
        let dw = |x: f64| (x * x - 1.0).powi(2);
        assert!(mfpt_overdamped_1d(dw, 1.0, 1.0, -3.0, -1.0, 1.0, 400).is_ok());
        assert!(matches!(
            mfpt_overdamped_1d(dw, 1e4, 1.0, -3.0, -1.0, 1.0, 400),
            Err(Error::OutOfRange { name: "beta", value, .. }) if value == 1e4
        ));
        let b = Boltzmann1d::new(|x| 0.5 * x * x, 1.0, -8.0, 8.0, 200).unwrap();
        assert!(matches!(
            b.bin_probabilities(&[1.0, 0.0]),
            Err(Error::OutOfRange { name: "edges", .. })
        ));
        assert!(matches!(
            b.bin_probabilities(&[0.0, f64::NAN]),
            Err(Error::NotFinite { name: "edges", .. })
        ));
    }

    #[test]
    fn simpson_converges_at_fourth_order() {
        let e1 = (simpson(f64::exp, 0.0, 1.0, 8).unwrap() - (1f64.exp() - 1.0)).abs();
        let e2 = (simpson(f64::exp, 0.0, 1.0, 16).unwrap() - (1f64.exp() - 1.0)).abs();
        assert!((e1 / e2).log2() > 3.9, "{e1} {e2}");
        assert!(matches!(
            simpson(f64::exp, 0.0, 1.0, 3),
            Err(Error::OutOfRange { .. })
        ));
        assert!(matches!(
            simpson(|x| 1.0 / x, 0.0, 1.0, 2),
            Err(Error::NotFinite { .. })
        ));
        assert!(matches!(
            simpson(f64::exp, 1.0, 0.0, 2),
            Err(Error::OutOfRange { .. })
        ));
    }

    #[test]
    fn boltzmann_cdf_between_nodes_and_bins() {
        let b = Boltzmann1d::new(|x| 0.5 * x * x, 1.0, -8.0, 8.0, 400).unwrap();
        let phi = |x: f64| 0.5 * statrs::function::erf::erfc(-x / std::f64::consts::SQRT_2);
        for x in [-1.234, -0.01, 0.333, 2.71, 1.0] {
            assert!((b.cdf(x) - phi(x)).abs() < 1e-6, "{x}");
        }
        assert_eq!(b.cdf(-9.0), 0.0);
        assert_eq!(b.cdf(9.0), 1.0);
        assert_eq!(b.density(10.0), 0.0);
        let p = b.bin_probabilities(&[-8.0, 0.0, 8.0]).unwrap();
        assert!((p[0] - 0.5).abs() < 1e-12 && (p[1] - 0.5).abs() < 1e-12);
        assert!(matches!(
            Boltzmann1d::new(|x| x, 0.0, 0.0, 1.0, 2),
            Err(Error::NonPositive { .. })
        ));
    }

    /// Harmonic escape `U = x²/2`, β = γ = 1, from 0 to 1: T = ∫_0^1 e^{y²/2} ∫_{-∞}^y e^{-z²/2}
    /// = √(2π) ∫_0^1 e^{y²/2} Φ(y) dy; check against a much finer independent evaluation.
    #[test]
    fn mfpt_matches_a_fine_reference() {
        let coarse = mfpt_overdamped_1d(|x| 0.5 * x * x, 1.0, 1.0, -10.0, 0.0, 1.0, 200).unwrap();
        let phi = |x: f64| 0.5 * statrs::function::erf::erfc(-x / std::f64::consts::SQRT_2);
        let reference = (2.0 * std::f64::consts::PI).sqrt()
            * simpson(|y| (0.5 * y * y).exp() * phi(y), 0.0, 1.0, 2000).unwrap();
        assert!(
            (coarse - reference).abs() < 1e-6 * reference,
            "{coarse} {reference}"
        );
        assert!(matches!(
            mfpt_overdamped_1d(|x| x, 1.0, 1.0, 0.5, 0.0, 1.0, 10),
            Err(Error::OutOfRange { name: "lower", .. })
        ));
    }
}
