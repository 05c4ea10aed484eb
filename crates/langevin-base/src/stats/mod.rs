//! Statistics for validating stochastic simulations.
//!
//! | item | computes |
//! |---|---|
//! | [`Welford`] | running mean and variance, mergeable in a fixed order |
//! | [`Histogram`] | counts and densities on exact, equal-width bin edges |
//! | [`autocovariance`], [`autocorrelation`] | `C(k)` by FFT (`realfft`), zero-padded to `≥ 2n` |
//! | [`linear_fit`] | least-squares line with `R²` and the slope's standard error |
//! | [`ks_statistic`] | Kolmogorov–Smirnov distance to a CDF and its asymptotic p-value |
//! | [`block_average`] | mean with a block-averaged standard error for correlated series |
//! | [`simpson`], [`Boltzmann1d`], [`mfpt_overdamped_1d`] | quadrature references for 1-D potentials |
//!
//! Every function validates its input: an empty sample is [`Error::Empty`], a `NaN` or `±∞`
//! entry is [`Error::NotFinite`].

mod acf;
mod ks;
mod quadrature;

pub use acf::{Normalisation, autocorrelation, autocovariance};
pub use ks::{KsResult, kolmogorov_q, ks_statistic};
pub use quadrature::{Boltzmann1d, mfpt_overdamped_1d, simpson};

use crate::error::{self, Error, Result};
use serde::{Deserialize, Serialize};

/// Running mean and variance by Welford's update, with Chan et al.'s pairwise merge.
///
/// After `n` values: `mean = Σx/n`, `m2 = Σ(x - mean)²`.
///
/// # Example
/// ```
/// use langevin_base::stats::Welford;
/// let mut a = Welford::new();
/// for x in [1.0, 2.0, 3.0] { a.push(x); }
/// let mut b = Welford::new();
/// b.push(4.0);
/// a.merge(&b);
/// assert_eq!(a.mean(), 2.5);
/// assert!((a.variance() - 5.0 / 3.0).abs() < 1e-15);
/// ```
///
/// # Numerical notes
/// The update is backward stable (no catastrophic cancellation of `Σx² - n·mean²`). Merging
/// is exact in exact arithmetic; in floating point the result depends on the merge order,
/// which is why [`crate::ensemble`] merges in block order. Values whose squares overflow
/// (`|x| ≳ 1e154`) are outside the supported range: the variance, and for `|x|` near
/// `f64::MAX` even the mean, can then be `∞` or `NaN`: [`Welford::push`] propagates them
/// silently, [`Welford::from_slice`] reports [`Error::OutOfRange`].
///
/// # References
/// B. P. Welford, Technometrics 4 (1962), doi:10.1080/00401706.1962.10490022; T. F. Chan,
/// G. H. Golub, R. J. `LeVeque`, Am. Stat. 37 (1983), doi:10.1080/00031305.1983.10483115.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Welford {
    n: u64,
    mean: f64,
    m2: f64,
}

impl Welford {
    /// An empty accumulator.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds one value (non-finite values propagate; use [`Welford::from_slice`] to validate).
    #[inline]
    pub fn push(&mut self, x: f64) {
        self.n += 1;
        let delta = x - self.mean;
        self.mean += delta / self.n as f64;
        self.m2 += delta * (x - self.mean);
    }

    /// The accumulator of a validated sample.
    ///
    /// # Errors
    /// [`Error::Empty`], [`Error::NotFinite`]; [`Error::OutOfRange`] naming `sample` (with its
    /// largest magnitude) if the mean or the sum of squares of the finite sample overflows.
    ///
    /// # Example
    /// ```
    /// use langevin_base::{Error, stats::Welford};
    /// let w = Welford::from_slice(&[2.0, 4.0, 6.0])?;
    /// assert_eq!((w.count(), w.mean(), w.variance()), (3, 4.0, 4.0));
    /// assert_eq!(w.population_variance(), 8.0 / 3.0);
    /// assert!((w.std_err() - (4.0f64 / 3.0).sqrt()).abs() < 1e-15);
    /// assert!(matches!(Welford::from_slice(&[1.0, f64::NAN]), Err(Error::NotFinite { .. })));
    /// # Ok::<(), langevin_base::Error>(())
    /// ```
    pub fn from_slice(xs: &[f64]) -> Result<Self> {
        validate("sample", xs)?;
        let mut w = Self::new();
        for &x in xs {
            w.push(x);
        }
        if w.mean.is_finite() && w.m2.is_finite() {
            Ok(w)
        } else {
            Err(overflowed("sample", xs))
        }
    }

    /// Merges `other` into `self` (Chan et al.).
    pub fn merge(&mut self, other: &Self) {
        if other.n == 0 {
            return;
        }
        if self.n == 0 {
            *self = *other;
            return;
        }
        let n = self.n + other.n;
        let delta = other.mean - self.mean;
        let (na, nb) = (self.n as f64, other.n as f64);
        self.mean += delta * nb / n as f64;
        self.m2 += other.m2 + delta * delta * na * nb / n as f64;
        self.n = n;
    }

    /// Number of values.
    pub fn count(&self) -> u64 {
        self.n
    }

    /// Sample mean (`NaN` if empty).
    pub fn mean(&self) -> f64 {
        if self.n == 0 { f64::NAN } else { self.mean }
    }

    /// Unbiased sample variance `m2/(n-1)` (`NaN` if `n < 2`).
    pub fn variance(&self) -> f64 {
        if self.n < 2 {
            f64::NAN
        } else {
            self.m2 / (self.n - 1) as f64
        }
    }

    /// Population variance `m2/n` (`NaN` if empty).
    pub fn population_variance(&self) -> f64 {
        if self.n == 0 {
            f64::NAN
        } else {
            self.m2 / self.n as f64
        }
    }

    /// Standard error of the mean `√(variance/n)` for independent values.
    pub fn std_err(&self) -> f64 {
        (self.variance() / self.n as f64).sqrt()
    }
}

/// The reason given when a statistic of finite input overflows.
pub(crate) const SQUARES_OVERFLOW: &str =
    "values whose squares overflow (|x| >~ 1e154) are outside the supported range";

/// [`Error::OutOfRange`] naming `name` and carrying its largest magnitude, for a statistic of
/// the finite input `xs` that came out non-finite.
pub(crate) fn overflowed(name: &'static str, xs: &[f64]) -> Error {
    Error::OutOfRange {
        name,
        value: xs.iter().fold(0.0, |m: f64, x| m.max(x.abs())),
        reason: SQUARES_OVERFLOW,
    }
}

pub(crate) fn validate(name: &'static str, xs: &[f64]) -> Result<()> {
    if xs.is_empty() {
        return Err(Error::Empty { name });
    }
    error::all_finite(name, xs)
}

/// A histogram on `bins` equal-width bins of `[lo, hi)`, with exact bin edges
/// `e_i = lo + i(hi - lo)/bins` and out-of-range counts.
///
/// A value `x` goes to bin `i` iff `e_i ≤ x < e_{i+1}` evaluated with the same floating-point
/// edges that [`Histogram::edges`] returns (the index from `⌊(x-lo)/w⌋` is corrected by one
/// when rounding would put `x` on the wrong side of an edge). `x = hi` counts as above.
///
/// # Example
/// ```
/// use langevin_base::stats::Histogram;
/// let mut h = Histogram::new(0.0, 1.0, 4).unwrap();
/// h.fill(&[0.1, 0.25, 0.3, 0.99, 1.0, -0.5]).unwrap();
/// assert_eq!(h.counts(), &[1, 2, 0, 1]);
/// assert_eq!((h.below(), h.above()), (1, 1));
/// assert_eq!(h.density()[1], 2.0 / 6.0 / 0.25);
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Histogram {
    lo: f64,
    hi: f64,
    counts: Vec<u64>,
    below: u64,
    above: u64,
}

impl Histogram {
    /// An empty histogram of `bins` bins on `[lo, hi)`.
    ///
    /// # Errors
    /// [`Error::Empty`] for `bins = 0`, [`Error::NotFinite`], [`Error::OutOfRange`] if `lo ≥ hi`
    /// or if the range `hi - lo` overflows to `∞`; [`Error::TooLarge`] if `bins` counters cannot
    /// be allocated.
    ///
    /// # Example
    /// ```
    /// use langevin_base::{Error, stats::Histogram};
    /// let h = Histogram::new(-1.0, 1.0, 4)?;
    /// assert_eq!((h.width(), h.edges()), (0.5, vec![-1.0, -0.5, 0.0, 0.5, 1.0]));
    /// assert_eq!(h.centers(), vec![-0.75, -0.25, 0.25, 0.75]);
    /// assert!(matches!(Histogram::new(1.0, 1.0, 4), Err(Error::OutOfRange { name: "hi", .. })));
    /// # Ok::<(), langevin_base::Error>(())
    /// ```
    pub fn new(lo: f64, hi: f64, bins: usize) -> Result<Self> {
        if bins == 0 {
            return Err(Error::Empty { name: "bins" });
        }
        error::finite("lo", lo)?;
        error::finite("hi", hi)?;
        if lo >= hi {
            return Err(Error::OutOfRange {
                name: "hi",
                value: hi,
                reason: "must exceed lo",
            });
        }
        error::derived(hi - lo, "hi", hi, "the range hi - lo overflows")?;
        let counts = error::try_filled("bins", bins, 0)?;
        Ok(Self {
            lo,
            hi,
            counts,
            below: 0,
            above: 0,
        })
    }

    /// Edge `i` (`0 ≤ i ≤ bins`).
    #[inline]
    pub fn edge(&self, i: usize) -> f64 {
        let bins = self.counts.len();
        if i == bins {
            self.hi
        } else {
            self.lo + (self.hi - self.lo) * (i as f64 / bins as f64)
        }
    }

    /// All `bins + 1` edges.
    pub fn edges(&self) -> Vec<f64> {
        (0..=self.counts.len()).map(|i| self.edge(i)).collect()
    }

    /// Bin centres.
    pub fn centers(&self) -> Vec<f64> {
        (0..self.counts.len())
            .map(|i| 0.5 * (self.edge(i) + self.edge(i + 1)))
            .collect()
    }

    /// Bin width `(hi - lo)/bins`.
    pub fn width(&self) -> f64 {
        (self.hi - self.lo) / self.counts.len() as f64
    }

    /// Adds one value.
    ///
    /// # Errors
    /// [`Error::NotFinite`] (the histogram is unchanged).
    ///
    /// # Example
    /// ```
    /// use langevin_base::stats::Histogram;
    /// let mut h = Histogram::new(0.0, 1.0, 2)?;
    /// h.add(0.5)?; // on an edge: the upper bin
    /// assert!(h.add(f64::NAN).is_err());
    /// assert_eq!((h.counts(), h.total()), (&[0, 1][..], 1));
    /// # Ok::<(), langevin_base::Error>(())
    /// ```
    pub fn add(&mut self, x: f64) -> Result<()> {
        error::finite("x", x)?;
        if x < self.lo {
            self.below += 1;
            return Ok(());
        }
        if x >= self.hi {
            self.above += 1;
            return Ok(());
        }
        let bins = self.counts.len();
        let mut i = (((x - self.lo) / self.width()) as usize).min(bins - 1);
        if x < self.edge(i) {
            i -= 1;
        } else if i + 1 < bins && x >= self.edge(i + 1) {
            i += 1;
        }
        self.counts[i] += 1;
        Ok(())
    }

    /// Adds every value of `xs`.
    ///
    /// # Errors
    /// [`Error::NotFinite`] at the first non-finite value (earlier values are kept).
    pub fn fill(&mut self, xs: &[f64]) -> Result<()> {
        xs.iter().try_for_each(|&x| self.add(x))
    }

    /// Counts per bin.
    pub fn counts(&self) -> &[u64] {
        &self.counts
    }

    /// Values below `lo`.
    pub fn below(&self) -> u64 {
        self.below
    }

    /// Values `≥ hi`.
    pub fn above(&self) -> u64 {
        self.above
    }

    /// All values added, including out-of-range ones.
    pub fn total(&self) -> u64 {
        self.counts.iter().sum::<u64>() + self.below + self.above
    }

    /// Density estimate `count_i / (total · w)`, normalised by the *total* number of values
    /// (in range or not), so that it estimates the density of the full distribution and
    /// integrates to the in-range fraction. All zeros if nothing was added.
    pub fn density(&self) -> Vec<f64> {
        let t = self.total().max(1) as f64 * self.width();
        self.counts.iter().map(|&c| c as f64 / t).collect()
    }
}

/// Result of [`linear_fit`].
///
/// # Example
/// `x = 0..3`, `y = (0, 1, 1, 2)`: `S_xx = 5`, `S_xy = 3`, `SS_res = 0.2`, `SS_tot = 2`.
/// ```
/// use langevin_base::stats::linear_fit;
/// let f = linear_fit(&[0.0, 1.0, 2.0, 3.0], &[0.0, 1.0, 1.0, 2.0])?;
/// assert!((f.slope - 0.6).abs() < 1e-15 && (f.intercept - 0.1).abs() < 1e-15);
/// assert!((f.r2 - 0.9).abs() < 1e-14);
/// assert!((f.slope_stderr - 0.02f64.sqrt()).abs() < 1e-14); // √(0.2 / (2·5))
/// # Ok::<(), langevin_base::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct LinearFit {
    /// Slope `b` of `y ≈ a + b x`.
    pub slope: f64,
    /// Intercept `a`.
    pub intercept: f64,
    /// Coefficient of determination `R² = 1 - SS_res/SS_tot` (1 if `SS_tot = 0`).
    pub r2: f64,
    /// Standard error of the slope, `√(SS_res/((n-2) S_xx))`.
    pub slope_stderr: f64,
}

/// Ordinary least squares `y ≈ a + b x`.
///
/// `b = S_xy/S_xx`, `a = ȳ - b x̄` with centred sums.
///
/// # Errors
/// [`Error::DimensionMismatch`] if the lengths differ; [`Error::Empty`]; [`Error::NotFinite`];
/// [`Error::OutOfRange`] for fewer than 3 points or all `x` equal, and (naming `x` or `y`, with
/// its largest magnitude) when the fit of finite data overflows.
///
/// # Example
/// ```
/// use langevin_base::stats::linear_fit;
/// let f = linear_fit(&[0.0, 1.0, 2.0], &[1.0, 3.0, 5.0]).unwrap();
/// assert!((f.slope - 2.0).abs() < 1e-15 && (f.intercept - 1.0).abs() < 1e-15);
/// assert_eq!(f.r2, 1.0);
/// ```
///
/// # Numerical notes
/// Two passes (means first), so no cancellation of `Σx² - n x̄²`. Values whose squares
/// overflow (`|x|, |y| ≳ 1e154`) are outside the supported range and give
/// [`Error::OutOfRange`] rather than a non-finite fit.
pub fn linear_fit(x: &[f64], y: &[f64]) -> Result<LinearFit> {
    error::same_dim("y", x.len(), y.len())?;
    validate("x", x)?;
    validate("y", y)?;
    let n = x.len();
    if n < 3 {
        return Err(Error::OutOfRange {
            name: "x.len()",
            value: n as f64,
            reason: "need at least 3 points",
        });
    }
    let nf = n as f64;
    let (mx, my) = (x.iter().sum::<f64>() / nf, y.iter().sum::<f64>() / nf);
    let (mut sxx, mut sxy, mut syy) = (0.0, 0.0, 0.0);
    for (&a, &b) in x.iter().zip(y) {
        sxx += (a - mx) * (a - mx);
        sxy += (a - mx) * (b - my);
        syy += (b - my) * (b - my);
    }
    if sxx == 0.0 {
        return Err(Error::OutOfRange {
            name: "x",
            value: mx,
            reason: "all abscissae are equal",
        });
    }
    let slope = sxy / sxx;
    let intercept = my - slope * mx;
    let ss_res: f64 = x
        .iter()
        .zip(y)
        .map(|(&a, &b)| (b - intercept - slope * a).powi(2))
        .sum();
    let r2 = if syy == 0.0 { 1.0 } else { 1.0 - ss_res / syy };
    let slope_stderr = (ss_res / ((nf - 2.0) * sxx)).sqrt();
    if !(mx.is_finite() && sxx.is_finite() && sxy.is_finite()) {
        return Err(overflowed("x", x));
    }
    if ![slope, intercept, r2, slope_stderr]
        .iter()
        .all(|v| v.is_finite())
    {
        return Err(overflowed("y", y));
    }
    Ok(LinearFit {
        slope,
        intercept,
        r2,
        slope_stderr,
    })
}

/// Result of [`block_average`].
///
/// # Example
/// Seven values in three blocks of two: the last value is dropped; block means `1, 2, 3`.
/// ```
/// use langevin_base::stats::block_average;
/// let b = block_average(&[1.0, 1.0, 2.0, 2.0, 3.0, 3.0, 100.0], 3)?;
/// assert_eq!((b.mean, b.n_blocks, b.block_len), (2.0, 3, 2));
/// assert!((b.stderr - (1.0f64 / 3.0).sqrt()).abs() < 1e-15);
/// # Ok::<(), langevin_base::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct BlockStats {
    /// Mean of the values used (the first `n_blocks · block_len`).
    pub mean: f64,
    /// Standard error from the scatter of block means: `√(Var(block means)/n_blocks)`.
    pub stderr: f64,
    /// Number of blocks.
    pub n_blocks: usize,
    /// Values per block; the last `len mod n_blocks` values are dropped.
    pub block_len: usize,
}

/// Mean of a correlated series with a block-averaged standard error.
///
/// The series is cut into `n_blocks` consecutive blocks of `⌊n/n_blocks⌋` values; if blocks
/// are much longer than the integrated autocorrelation time the block means are nearly
/// independent and `stderr` is a consistent error bar.
///
/// # Errors
/// [`Error::Empty`]; [`Error::NotFinite`]; [`Error::OutOfRange`] unless `2 ≤ n_blocks ≤ n`.
///
/// # Example
/// ```
/// use langevin_base::stats::block_average;
/// let b = block_average(&[1.0, 3.0, 2.0, 4.0, 9.0], 2).unwrap();
/// assert_eq!((b.mean, b.block_len), (2.5, 2));
/// assert!((b.stderr - 0.5).abs() < 1e-15); // block means 2 and 3: √(0.5/2)
/// ```
///
/// # References
/// H. Flyvbjerg, H. G. Petersen, J. Chem. Phys. 91 (1989), doi:10.1063/1.457480.
pub fn block_average(series: &[f64], n_blocks: usize) -> Result<BlockStats> {
    validate("series", series)?;
    if n_blocks < 2 || n_blocks > series.len() {
        return Err(Error::OutOfRange {
            name: "n_blocks",
            value: n_blocks as f64,
            reason: "need 2 <= n_blocks <= len",
        });
    }
    let block_len = series.len() / n_blocks;
    let mut w = Welford::new();
    for b in series.chunks_exact(block_len).take(n_blocks) {
        w.push(b.iter().sum::<f64>() / block_len as f64);
    }
    Ok(BlockStats {
        mean: w.mean(),
        stderr: w.std_err(),
        n_blocks,
        block_len,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overflowing_statistics_are_errors() {
        assert!(matches!(
            Welford::from_slice(&[1e308, -1e308, 1e308]),
            Err(Error::OutOfRange { name: "sample", value, .. }) if value == 1e308
        ));
        assert!(matches!(
            Welford::from_slice(&[1e200, -1e200]),
            Err(Error::OutOfRange { .. })
        ));
        assert!(matches!(
            linear_fit(&[1e200, -1e200, 3e200], &[1.0, 2.0, 3.0]),
            Err(Error::OutOfRange { name: "x", value, .. }) if value == 3e200
        ));
        assert!(matches!(
            linear_fit(&[0.0, 1.0, 2.0], &[1e200, -1e200, 1e200]),
            Err(Error::OutOfRange { name: "y", .. })
        ));
        assert!(matches!(
            Histogram::new(-1e308, 1e308, 10),
            Err(Error::OutOfRange { name: "hi", .. })
        ));
        assert!(matches!(
            Histogram::new(0.0, 1.0, usize::MAX),
            Err(Error::TooLarge { name: "bins", .. })
        ));
    }

    #[test]
    fn welford_matches_two_pass_and_merge_is_consistent() {
        let xs: Vec<f64> = (0..1000)
            .map(|i| (f64::from(i) * 0.37).sin() + 1e6)
            .collect();
        let w = Welford::from_slice(&xs).unwrap();
        let m = xs.iter().sum::<f64>() / 1000.0;
        let v = xs.iter().map(|x| (x - m).powi(2)).sum::<f64>() / 999.0;
        assert!((w.mean() - m).abs() < 1e-9 && (w.variance() - v).abs() < 1e-9 * v.max(1.0));
        let mut a = Welford::from_slice(&xs[..300]).unwrap();
        a.merge(&Welford::from_slice(&xs[300..]).unwrap());
        assert!((a.mean() - m).abs() < 1e-9 && (a.variance() - v).abs() < 1e-9);
        assert_eq!(a.count(), 1000);
        assert!((a.population_variance() - v * 0.999).abs() < 1e-9);
        assert!((a.std_err() - (v / 1000.0).sqrt()).abs() < 1e-9);
        let mut e = Welford::new();
        e.merge(&a);
        assert_eq!(e, a);
        assert!(Welford::new().mean().is_nan());
        assert!(matches!(Welford::from_slice(&[]), Err(Error::Empty { .. })));
        assert!(matches!(
            Welford::from_slice(&[f64::NAN]),
            Err(Error::NotFinite { .. })
        ));
    }

    #[test]
    fn histogram_edges_are_exact() {
        let mut h = Histogram::new(-1.0, 2.0, 30).unwrap();
        for i in 0..=30 {
            let e = h.edge(i);
            h.add(e).unwrap();
        }
        // Every edge value lands in the bin that starts there; `hi` is above.
        assert!(h.counts().iter().all(|&c| c == 1), "{:?}", h.counts());
        assert_eq!(h.above(), 1);
        assert_eq!(h.edges().len(), 31);
        assert!((h.centers()[0] + 0.95).abs() < 1e-15);
        assert!((h.density().iter().sum::<f64>() * h.width() - 30.0 / 31.0).abs() < 1e-12);
        assert!(matches!(h.add(f64::NAN), Err(Error::NotFinite { .. })));
        assert!(matches!(
            Histogram::new(0.0, 1.0, 0),
            Err(Error::Empty { .. })
        ));
        assert!(matches!(
            Histogram::new(1.0, 1.0, 3),
            Err(Error::OutOfRange { .. })
        ));
        assert!(matches!(
            Histogram::new(f64::NAN, 1.0, 3),
            Err(Error::NotFinite { .. })
        ));
    }

    #[test]
    fn linear_fit_stderr_and_errors() {
        let x = [0.0, 1.0, 2.0, 3.0];
        let y = [0.1, 0.9, 2.1, 2.9];
        let f = linear_fit(&x, &y).unwrap();
        // Hand computation: S_xx = 5, S_xy = 4.8, slope = 0.96, intercept = 0.06,
        // residuals (0.04, -0.12, 0.12, -0.04): SS_res = 0.032.
        assert!((f.slope - 0.96).abs() < 1e-14 && (f.intercept - 0.06).abs() < 1e-14);
        assert!((f.slope_stderr - (0.032f64 / 10.0).sqrt()).abs() < 1e-14);
        assert!(f.r2 > 0.99 && f.r2 < 1.0);
        assert!(matches!(
            linear_fit(&x, &y[..3]),
            Err(Error::DimensionMismatch { .. })
        ));
        assert!(matches!(
            linear_fit(&x[..2], &y[..2]),
            Err(Error::OutOfRange { .. })
        ));
        assert!(matches!(
            linear_fit(&[1.0; 3], &y[..3]),
            Err(Error::OutOfRange { .. })
        ));
        assert!(matches!(linear_fit(&[], &[]), Err(Error::Empty { .. })));
    }

    #[test]
    fn block_average_errors() {
        assert!(matches!(
            block_average(&[1.0], 2),
            Err(Error::OutOfRange { .. })
        ));
        assert!(matches!(block_average(&[], 2), Err(Error::Empty { .. })));
        assert!(matches!(
            block_average(&[1.0, f64::NAN], 2),
            Err(Error::NotFinite { .. })
        ));
    }
}
