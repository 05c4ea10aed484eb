//! Adaptive Gauss–Kronrod quadrature (G7/K15) on finite intervals and on `[0, ∞)`.
//!
//! ```text
//! ∫_a^b f ≈ K15(f; a, b),   error estimate |K15 - G7|
//! ∫_0^∞ f = Σ_n ∫_{a_n}^{a_{n+1}} f + ∫_{a_N}^∞ f,   a_{n+1} ≈ 2 a_n
//! ```
//!
//! Finite intervals: globally adaptive bisection of the panel with the largest error estimate
//! until the summed estimate is below the tolerance (Piessens et al., QUADPACK, 1983,
//! doi:10.1007/978-3-642-61786-7).
//!
//! The half line ([`HalfLine`], [`integrate_half_line`]) is covered by the caller's break
//! points (discontinuities such as cut-offs), then by pieces of doubling length. The tail
//! beyond the last piece is not truncated: it is either bounded (integrands that decay
//! geometrically over the doublings, e.g. exponentially) or extrapolated from the partial
//! sums `S_n = ∫_0^{a_n} f` by Wynn's ε-algorithm (integrands with algebraic tails
//! `∫_a^∞ f ~ Σ_j A_j a^{-e_j}`, whose partial sums over doubling `a_n` converge linearly with
//! ratios `2^{-e_j}` — exactly the sequences the ε-algorithm accelerates; Wynn, MTAC 10 (1956)
//! 91, doi:10.2307/2002183). For oscillatory integrands with a known period `P`, the pieces
//! are cut into panels of length `≤ P` and the doubling points are multiples of `P`, so that
//! the oscillation enters the tail only through smooth terms `∝ g'(a_n)/ω²` and the
//! extrapolation sees a smooth sequence.

use crate::error::{GleError, Result, positive};
use std::collections::BinaryHeap;

/// Kronrod nodes (positive half, descending, last is 0) of the 15-point rule.
#[allow(clippy::unreadable_literal)]
const XGK: [f64; 8] = [
    0.9914553711208126,
    0.9491079123427585,
    0.8648644233597691,
    0.7415311855993945,
    0.5860872354676911,
    0.4058451513773972,
    0.20778495500789848,
    0.0,
];
/// Kronrod weights.
#[allow(clippy::unreadable_literal)]
const WGK: [f64; 8] = [
    0.022935322010529224,
    0.06309209262997856,
    0.10479001032225019,
    0.14065325971552592,
    0.1690047266392679,
    0.19035057806478542,
    0.20443294007529889,
    0.20948214108472782,
];
/// Gauss weights of the 7-point rule (for nodes XGK[1], XGK[3], XGK[5], XGK[7]).
#[allow(clippy::unreadable_literal)]
const WG: [f64; 4] = [
    0.1294849661688697,
    0.27970539148927664,
    0.3818300505051189,
    0.4179591836734694,
];

/// The result of an adaptive quadrature.
///
/// # Example
/// ```
/// use gle_core::quadrature::integrate;
/// let q = integrate(&mut |x: f64| x * x, 0.0, 3.0, 1e-12, 0.0).unwrap();
/// assert!((q.value - 9.0).abs() <= 1e-12 * 9.0 && q.evaluations == 15); // one K15 panel
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Quadrature {
    /// The integral.
    pub value: f64,
    /// Estimated absolute error (quadrature error of the panels plus, on the half line, the
    /// uncertainty of the tail bound or extrapolation).
    pub error: f64,
    /// Number of integrand evaluations.
    pub evaluations: usize,
}

/// One K15 panel: `(value, |K15 - G7|)`.
fn gk15(f: &mut dyn FnMut(f64) -> f64, a: f64, b: f64) -> (f64, f64) {
    let c = 0.5 * (a + b);
    let h = 0.5 * (b - a);
    let fc = f(c);
    let mut k = WGK[7] * fc;
    let mut g = WG[3] * fc;
    for i in 0..7 {
        let x = h * XGK[i];
        let s = f(c - x) + f(c + x);
        k += WGK[i] * s;
        if i % 2 == 1 {
            g += WG[i / 2] * s;
        }
    }
    (k * h, ((k - g) * h).abs())
}

/// A panel in the adaptive heap, ordered by its error estimate.
struct Panel {
    a: f64,
    b: f64,
    value: f64,
    error: f64,
}

impl PartialEq for Panel {
    fn eq(&self, o: &Self) -> bool {
        self.error == o.error
    }
}
impl Eq for Panel {}
impl PartialOrd for Panel {
    fn partial_cmp(&self, o: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(o))
    }
}
impl Ord for Panel {
    fn cmp(&self, o: &Self) -> std::cmp::Ordering {
        self.error.total_cmp(&o.error)
    }
}

/// Maximum number of panels of one finite-interval integration by [`integrate`].
const MAX_PANELS: usize = 4000;

/// Outcome of [`adaptive`]: the (possibly unconverged) result and whether the tolerance
/// `max(rel·|value|, abs)` was met.
struct Piece {
    q: Quadrature,
    converged: bool,
}

/// Globally adaptive G7/K15 on `[a, b]` starting from `n_init` equal panels, with at most
/// `max_panels` panels.
fn adaptive(
    f: &mut dyn FnMut(f64) -> f64,
    (a, b): (f64, f64),
    n_init: usize,
    (rel, abs): (f64, f64),
    max_panels: usize,
) -> Piece {
    let n_init = n_init.max(1);
    let mut heap = BinaryHeap::with_capacity(n_init.max(64));
    let (mut value, mut error) = (0.0, 0.0);
    let w = (b - a) / n_init as f64;
    for i in 0..n_init {
        let pa = a + w * i as f64;
        let pb = if i + 1 == n_init { b } else { pa + w };
        let (v, e) = gk15(f, pa, pb);
        value += v;
        error += e;
        heap.push(Panel {
            a: pa,
            b: pb,
            value: v,
            error: e,
        });
    }
    let mut evaluations = 15 * n_init;
    let converged = loop {
        if !value.is_finite() || !error.is_finite() {
            break false;
        }
        if error <= (rel * value.abs()).max(abs) {
            break true;
        }
        if heap.len() >= max_panels {
            break false;
        }
        let Some(p) = heap.pop() else { break false };
        let m = 0.5 * (p.a + p.b);
        if m <= p.a || m >= p.b {
            // The panel is at the resolution of f64.
            heap.push(p);
            break false;
        }
        let (v1, e1) = gk15(f, p.a, m);
        let (v2, e2) = gk15(f, m, p.b);
        evaluations += 30;
        value += v1 + v2 - p.value;
        error += e1 + e2 - p.error;
        heap.push(Panel {
            a: p.a,
            b: m,
            value: v1,
            error: e1,
        });
        heap.push(Panel {
            a: m,
            b: p.b,
            value: v2,
            error: e2,
        });
    };
    // Re-sum to remove the drift of the running updates.
    if value.is_finite() && error.is_finite() {
        value = heap.iter().map(|p| p.value).sum();
        error = heap.iter().map(|p| p.error).sum();
    }
    Piece {
        q: Quadrature {
            value,
            error,
            evaluations,
        },
        converged,
    }
}

/// `∫_a^b f` by globally adaptive G7/K15 to `error ≤ max(rel·|value|, abs)`.
///
/// # Example
/// ```
/// use gle_core::quadrature::integrate;
/// let q = integrate(&mut |x: f64| x.exp(), 0.0, 1.0, 1e-12, 0.0).unwrap();
/// assert!((q.value - (1f64.exp() - 1.0)).abs() < 1e-12);
/// ```
///
/// # Errors
/// [`GleError::QuadratureFailed`] if the tolerance is not reached within 4000 panels or the
/// integrand is non-finite; `estimate` is the absolute error estimate reached and
/// `tolerance` the absolute tolerance `max(rel·|value|, abs)` it was compared with.
///
/// # Numerical notes
/// Degree 22 per panel; the error estimate `|K15 - G7|` is pessimistic for smooth integrands.
/// Reference: Piessens et al., QUADPACK (1983), doi:10.1007/978-3-642-61786-7.
pub fn integrate(
    f: &mut dyn FnMut(f64) -> f64,
    a: f64,
    b: f64,
    rel: f64,
    abs: f64,
) -> Result<Quadrature> {
    let p = adaptive(f, (a, b), 1, (rel, abs), MAX_PANELS);
    if p.converged {
        Ok(p.q)
    } else {
        Err(failed(p.q.error, (rel * p.q.value.abs()).max(abs)))
    }
}

fn failed(estimate: f64, tolerance: f64) -> GleError {
    GleError::QuadratureFailed {
        estimate: if estimate.is_nan() {
            f64::INFINITY
        } else {
            estimate
        },
        tolerance,
    }
}

/// The smallest relative tolerance [`HalfLine`] and the norms accept: `10⁻¹⁵` (a few ulps;
/// smaller values cannot be certified in `f64`).
///
/// # Example
/// ```
/// use gle_core::{GleError, quadrature::{HalfLine, MIN_TOL}};
/// let e = HalfLine::new(MIN_TOL / 10.0).integrate(&mut |x| (-x).exp()).unwrap_err();
/// assert!(matches!(e, GleError::InvalidTolerance { min, .. } if min == MIN_TOL));
/// let q = HalfLine::new(1e-10).integrate(&mut |x| (-x).exp())?; // ∫_0^∞ e^{-x} = 1
/// assert!((q.value - 1.0).abs() <= 1e-10);
/// # Ok::<(), GleError>(())
/// ```
pub const MIN_TOL: f64 = 1e-15;

/// `tol` if finite and `≥` [`MIN_TOL`]; [`GleError::Base`] for `tol ≤ 0` or NaN,
/// [`GleError::InvalidTolerance`] for `0 < tol <` [`MIN_TOL`].
pub(crate) fn check_tol(tol: f64) -> Result<f64> {
    let tol = positive("tol", tol)?;
    if tol < MIN_TOL {
        return Err(GleError::InvalidTolerance {
            name: "tol",
            value: tol,
            min: MIN_TOL,
        });
    }
    Ok(tol)
}

/// Default evaluation budget of [`HalfLine`].
///
/// # Example
/// ```
/// use gle_core::quadrature::{DEFAULT_MAX_EVALUATIONS, HalfLine};
/// assert_eq!(HalfLine::new(1e-8).max_evaluations, DEFAULT_MAX_EVALUATIONS);
/// ```
pub const DEFAULT_MAX_EVALUATIONS: usize = 2_000_000;

/// Maximum number of doubling pieces of [`HalfLine`].
const MAX_DOUBLINGS: usize = 200;

/// `name` of the [`GleError::InvalidKernel`] raised when the doublings do not decay (its
/// `value` is the ratio of the last two doubling contributions).
pub(crate) const DIVERGES: &str = "integrand growth ratio";

/// Consecutive non-decaying doublings after which the integral is declared divergent.
const GROWING_LIMIT: usize = 8;

/// Settings of a half-line integration `∫_0^∞ f` of a non-negative integrand: relative
/// tolerance, break points, first panel width, period of the oscillation, work cap.
///
/// # Example
/// ```
/// use gle_core::quadrature::HalfLine;
/// // ∫_0^∞ (1 - cos τ)/τ² dτ = π/2: oscillatory tail decaying like τ^{-2}
/// let mut f = |t: f64| {
///     let s = (0.5 * t).sin();
///     if t < 1e-8 { 0.5 } else { 2.0 * s * s / (t * t) }
/// };
/// let q = HalfLine::new(1e-10)
///     .period(2.0 * std::f64::consts::PI)
///     .integrate(&mut f)
///     .unwrap();
/// assert!((q.value - std::f64::consts::FRAC_PI_2).abs() < 1e-9);
/// assert!(q.error <= 1e-10 * q.value);
/// ```
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct HalfLine {
    /// Relative tolerance: the result satisfies `error ≤ tol·|value|`.
    pub tol: f64,
    /// Discontinuities of `f` (non-positive and non-finite entries are ignored).
    pub breaks: Vec<f64>,
    /// Width of the first doubling piece after the last break (a natural time scale of `f`).
    pub scale: f64,
    /// Period `P` of the slowest oscillation of `f`, if any: panels are at most `P` long and
    /// the doubling points are multiples of `P`.
    pub period: Option<f64>,
    /// Cap on the number of integrand evaluations.
    pub max_evaluations: usize,
}

impl HalfLine {
    /// Relative tolerance `tol`, no breaks, `scale = 1`, no period, 2·10⁶ evaluations.
    pub fn new(tol: f64) -> Self {
        Self {
            tol,
            breaks: Vec::new(),
            scale: 1.0,
            period: None,
            max_evaluations: DEFAULT_MAX_EVALUATIONS,
        }
    }

    /// Sets the break points.
    #[must_use]
    pub fn breaks(mut self, breaks: &[f64]) -> Self {
        self.breaks = breaks.to_vec();
        self
    }

    /// Sets the width of the first doubling piece.
    #[must_use]
    pub fn scale(mut self, scale: f64) -> Self {
        self.scale = scale;
        self
    }

    /// Sets the period of the slowest oscillation of the integrand.
    #[must_use]
    pub fn period(mut self, period: f64) -> Self {
        self.period = Some(period);
        self
    }

    /// Sets the cap on the number of integrand evaluations.
    #[must_use]
    pub fn max_evaluations(mut self, n: usize) -> Self {
        self.max_evaluations = n;
        self
    }

    /// `∫_0^∞ f` for a non-negative integrand `f`, with the tail extrapolated.
    ///
    /// # Example
    /// ```
    /// use gle_core::quadrature::HalfLine;
    /// // ∫_0^∞ (x+1)^{-3/2} dx = 2: an algebraic tail, extrapolated
    /// let q = HalfLine::new(1e-10).integrate(&mut |x: f64| (x + 1.0).powf(-1.5)).unwrap();
    /// assert!((q.value - 2.0).abs() < 1e-9);
    /// ```
    ///
    /// # Errors
    /// [`GleError::Base`] for `tol`, `scale` or `period` not finite and positive;
    /// [`GleError::InvalidTolerance`] for `tol <` [`MIN_TOL`];
    /// [`GleError::InvalidKernel`] (name `"integrand growth ratio"`, value the growth ratio)
    /// if the contributions of eight successive doublings do not decrease (the integral
    /// diverges); [`GleError::TooLarge`] if the panels of one piece (one per oscillation
    /// period) alone exceed the remaining evaluation budget; [`GleError::QuadratureFailed`] if
    /// the tolerance is not reached within `max_evaluations` evaluations or 200 doublings, or
    /// the integrand is not finite. Its `estimate` is the smallest absolute error estimate
    /// reached and `tolerance` the absolute tolerance `tol·|value|`.
    ///
    /// # Numerical notes
    /// Algorithm:
    /// 1. integrate between the sorted break points to relative tolerance `tol/4`;
    /// 2. from the last break `t_b`, cut at `t_b + scale·(2^n - 1)`; once a piece is at least
    ///    a period long, snap the cut to a multiple of `P` and double it from then on (`a_{n+1}
    ///    = 2a_n`). Each piece is integrated adaptively (panels `≤ P`) to
    ///    `max(tol/4·|piece|, 10⁻³·tol·|S_n|)`;
    /// 3. stop when either (a) the contributions `c_n` fall geometrically, `r = c_n/c_{n-1} <
    ///    0.95`, and the implied tail `c_n r/(1-r) ≤ tol/4·|S_n|` — the tail is added to the
    ///    value and, in full, to the error; or (b) the ε-algorithm extrapolants `R_n` of the
    ///    partial sums agree, `|R_n - R_{n-1}| + |R_n - R_{n-2}| + Σ piece errors ≤ tol·|R_n|`
    ///    — the extrapolated value is returned with that sum as its error (QUADPACK's QAGI/QAWF
    ///    estimate).
    ///
    /// Criterion (b) handles algebraic tails `∫_a^∞ f ~ Σ A_j a^{-e_j}`; without a period an
    /// oscillation such as `cos(ωτ)/τ²` enters the partial sums as irregular `O(a^{-2}/ω)`
    /// terms that limit the agreement of the extrapolants, so the work grows; pass the period.
    /// A non-negative integrand that grows over the first doublings (e.g. `(1-cos ωτ)²` with
    /// small `ω`) is not declared divergent before the first full period.
    ///
    /// Not covered: tails that converge logarithmically (e.g. `1/(τ ln²τ)`), which are not
    /// sums of powers; the extrapolants then drift slowly and the error can be
    /// under-estimated. Integrands of sign-changing or cancelling type are integrated, but the
    /// relative tolerance refers to `|value|`.
    ///
    /// References: Piessens et al., QUADPACK (1983), doi:10.1007/978-3-642-61786-7 (QAGI,
    /// QAWF and the extrapolation error estimate); P. Wynn, MTAC 10 (1956) 91,
    /// doi:10.2307/2002183 (ε-algorithm).
    pub fn integrate(&self, f: &mut dyn FnMut(f64) -> f64) -> Result<Quadrature> {
        let tol = check_tol(self.tol)?;
        let scale = positive("scale", self.scale)?;
        let period = self.period.map(|p| positive("period", p)).transpose()?;
        let panels = |a: f64, b: f64| -> usize {
            period.map_or(1, |p| ((b - a) / p).ceil().clamp(1.0, 1e9) as usize)
        };
        let mut pts: Vec<f64> = self
            .breaks
            .iter()
            .copied()
            .filter(|b| *b > 0.0 && b.is_finite())
            .collect();
        pts.sort_by(f64::total_cmp);
        pts.dedup();

        let mut run = Run {
            f,
            tol,
            value: 0.0,
            error: 0.0,
            evaluations: 0,
            max_evaluations: self.max_evaluations,
            best: f64::INFINITY,
        };

        // 1. Between the break points.
        let mut a = 0.0;
        for &b in &pts {
            run.piece(a, b, panels(a, b), (0.25 * tol, 0.0))?;
            a = b;
        }

        // 2–3. Doubling pieces with tail bound or extrapolation.
        run.doublings(a, scale, period)
    }
}

/// Running state of a half-line integration.
struct Run<'f> {
    f: &'f mut dyn FnMut(f64) -> f64,
    /// Relative tolerance of the whole integral.
    tol: f64,
    value: f64,
    error: f64,
    evaluations: usize,
    max_evaluations: usize,
    /// Smallest total error estimate seen (for the failure report).
    best: f64,
}

impl Run<'_> {
    /// Steps 2–3 of [`HalfLine::integrate`]: doubling pieces from `a`, then the tail bound or
    /// the extrapolation.
    fn doublings(&mut self, mut a: f64, scale: f64, period: Option<f64>) -> Result<Quadrature> {
        let tol = self.tol;
        let panels = |a: f64, b: f64| -> usize {
            period.map_or(1, |p| ((b - a) / p).ceil().clamp(1.0, 1e9) as usize)
        };
        let mut width = scale;
        let mut aligned = false;
        let mut prev = f64::NAN;
        let mut growing = 0;
        let mut sums: Vec<f64> = Vec::new();
        let mut extrapolants: Vec<f64> = Vec::new();
        for _ in 0..MAX_DOUBLINGS {
            let mut b = if aligned { 2.0 * a } else { a + width };
            let mut snapped = false;
            if let (false, Some(p)) = (aligned, period)
                && width >= p
            {
                b = (b / p).ceil() * p;
                snapped = true;
            }
            let floor = 1e-3 * tol * self.value.abs();
            let c = self.piece(a, b, panels(a, b), (0.25 * tol, floor))?.abs();
            if snapped {
                // A new progression of cut points starts here: extrapolate only along it.
                aligned = true;
                sums.clear();
                extrapolants.clear();
            }

            // Divergence: contributions that stop decaying (not counted within the first
            // period of an oscillation, where a non-negative integrand may still grow).
            let r = if prev > 0.0 {
                c / prev
            } else if c > 0.0 {
                f64::INFINITY
            } else {
                0.0
            };
            let past_first_period = period.is_none_or(|p| a >= p);
            if prev.is_finite() && r >= 1.0 && c > 0.0 && past_first_period {
                growing += 1;
                if growing >= GROWING_LIMIT {
                    return Err(GleError::InvalidKernel {
                        name: DIVERGES,
                        value: r,
                        reason: "the integrand does not decay over successive doublings: \
                                 the integral diverges",
                    });
                }
            } else {
                growing = 0;
            }

            // (a) Geometric decay: bound the tail and stop.
            if prev.is_finite() && r < 0.95 {
                let tail = c * r / (1.0 - r);
                self.best = self.best.min(self.error + tail);
                if tail <= 0.25 * tol * self.value.abs() || (c == 0.0 && prev == 0.0) {
                    return Ok(Quadrature {
                        value: self.value + tail,
                        error: self.error + tail,
                        evaluations: self.evaluations,
                    });
                }
            }

            // (b) Extrapolation of the partial sums along the doubling cut points.
            sums.push(self.value);
            if sums.len() >= 3 {
                extrapolants.push(wynn_epsilon(&sums));
            }
            if let [.., r2, r1, r0] = extrapolants[..] {
                let spread = (r0 - r1).abs() + (r0 - r2).abs();
                let error = self.error + spread;
                self.best = self.best.min(error);
                if r < 1.0 && error <= tol * r0.abs() && r0.is_finite() {
                    return Ok(Quadrature {
                        value: r0,
                        error,
                        evaluations: self.evaluations,
                    });
                }
            }

            prev = c;
            a = b;
            width *= 2.0;
        }
        Err(failed(self.best, tol * self.value.abs()))
    }

    /// Integrates `[a, b]` from `n` panels, adds it to the running sums and returns its value.
    fn piece(&mut self, a: f64, b: f64, n: usize, (rel, abs): (f64, f64)) -> Result<f64> {
        // Evaluations are 15 per initial panel and 30 per bisection.
        let left = self.max_evaluations.saturating_sub(self.evaluations) / 15;
        if n > left {
            // e.g. one panel per period of a fast oscillation: nothing can be integrated
            return Err(GleError::TooLarge {
                name: "quadrature evaluations (15 per panel)",
                requested: 15.0 * n as f64,
                limit: (15 * left) as f64,
            });
        }
        let p = adaptive(self.f, (a, b), n, (rel, abs), usize::midpoint(left, n));
        self.evaluations += p.q.evaluations;
        if !p.converged {
            let estimate = if p.q.error.is_finite() {
                self.best.min(self.error + p.q.error)
            } else {
                f64::INFINITY
            };
            let total = self.value + p.q.value;
            return Err(failed(estimate, self.tol * total.abs()));
        }
        self.value += p.q.value;
        self.error += p.q.error;
        Ok(p.q.value)
    }
}

/// Longest window of partial sums used by [`wynn_epsilon`] (eliminates five geometric terms).
const WYNN_WINDOW: usize = 11;

/// Wynn's ε-algorithm on the last (at most 11) entries of `s`: the last entry of the highest
/// even column of the ε-table, the Shanks transform `e_k` that eliminates `k` geometric error
/// terms `Σ_j A_j λ_j^n` from `s_n`.
///
/// `ε_{-1} = 0`, `ε_0^{(n)} = s_n`, `ε_{j+1}^{(n)} = ε_{j-1}^{(n+1)} + 1/(ε_j^{(n+1)} - ε_j^{(n)})`.
/// An even column whose last differences are at round-off level has converged and ends the
/// table; a zero or non-finite difference elsewhere ends it at the previous even column.
fn wynn_epsilon(s: &[f64]) -> f64 {
    let mut odd_len = s.len().min(WYNN_WINDOW);
    if odd_len.is_multiple_of(2) {
        odd_len -= 1;
    }
    let s = &s[s.len() - odd_len..];
    let mut best = s[s.len() - 1];
    let mut prev = vec![0.0; s.len() + 1];
    let mut cur = s.to_vec();
    let mut col = 0;
    while cur.len() >= 2 {
        let mut next = Vec::with_capacity(cur.len() - 1);
        for k in 0..cur.len() - 1 {
            let d = cur[k + 1] - cur[k];
            let size = cur[k + 1].abs().max(cur[k].abs());
            if col % 2 == 0 && d.abs() <= 4.0 * f64::EPSILON * size {
                return best;
            }
            let e = prev[k + 1] + 1.0 / d;
            if !e.is_finite() {
                return best;
            }
            next.push(e);
        }
        col += 1;
        prev = cur;
        cur = next;
        if col % 2 == 0 {
            best = cur[cur.len() - 1];
        }
    }
    best
}

/// `∫_0^∞ f` for a non-negative integrand, to relative tolerance `tol`: [`HalfLine`] with
/// `breaks` and `scale`, no period and the default work cap.
///
/// # Example
/// ```
/// use gle_core::quadrature::integrate_half_line;
/// // ∫_0^∞ 1{x<2} e^{-x} dx, break point at the jump
/// let mut f = |x: f64| if x < 2.0 { (-x).exp() } else { 0.0 };
/// let q = integrate_half_line(&mut f, &[2.0], 1.0, 1e-10).unwrap();
/// assert!((q.value - (1.0 - (-2f64).exp())).abs() < 1e-9);
/// ```
///
/// # Errors
/// As [`HalfLine::integrate`].
///
/// # Numerical notes
/// See [`HalfLine::integrate`]; for oscillatory integrands set [`HalfLine::period`].
pub fn integrate_half_line(
    f: &mut dyn FnMut(f64) -> f64,
    breaks: &[f64],
    scale: f64,
    tol: f64,
) -> Result<Quadrature> {
    HalfLine::new(tol).breaks(breaks).scale(scale).integrate(f)
}
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gauss_kronrod_integrates_smooth_functions_to_round_off() {
        let q = integrate(&mut |x: f64| x.sin(), 0.0, std::f64::consts::PI, 1e-13, 0.0).unwrap();
        assert!((q.value - 2.0).abs() < 1e-13);
        // K15 is exact for polynomials of degree 22.
        let q = integrate(&mut |x: f64| x.powi(20), 0.0, 1.0, 1e-14, 0.0).unwrap();
        assert!((q.value - 1.0 / 21.0).abs() < 1e-15);
    }

    #[test]
    fn half_line_integrals_of_exponential_and_algebraic_tails() {
        let q = integrate_half_line(&mut |x: f64| (-0.1 * x).exp(), &[], 1.0, 1e-10).unwrap();
        assert!((q.value - 10.0).abs() < 1e-9);
        let q = integrate_half_line(&mut |x: f64| (x + 0.5).powi(-2), &[], 1.0, 1e-10).unwrap();
        assert!((q.value - 2.0).abs() < 1e-9);
    }

    /// `∫_0^∞ (1 - cos τ)/τ² dτ = π/2`, formed as `2 sin²(τ/2)/τ²` (no cancellation).
    fn one_minus_cos_over_square(t: f64) -> f64 {
        if t < 1e-8 {
            0.5
        } else {
            let s = (0.5 * t).sin();
            2.0 * s * s / (t * t)
        }
    }

    #[test]
    fn oscillatory_algebraic_tail_matches_closed_form() {
        use std::f64::consts::{FRAC_PI_2, TAU};
        for tol in [1e-6, 1e-8, 1e-10, 1e-12] {
            let q = HalfLine::new(tol)
                .period(TAU)
                .integrate(&mut one_minus_cos_over_square)
                .unwrap();
            // the estimate certifies the requested relative tolerance and covers the error
            assert!(q.error <= tol * q.value, "tol {tol:e}: {q:?}");
            assert!((q.value - FRAC_PI_2).abs() <= q.error, "tol {tol:e}: {q:?}");
        }
        // Without the period the oscillation is irregular noise for the extrapolation: more
        // work, same guarantee.
        let q = HalfLine::new(1e-6)
            .integrate(&mut one_minus_cos_over_square)
            .unwrap();
        assert!(q.error <= 1e-6 * q.value && (q.value - FRAC_PI_2).abs() <= q.error);
    }

    #[test]
    fn algebraic_tails_are_extrapolated() {
        // ∫_0^∞ (x+1)^{-e} dx = 1/(e-1), also for exponents close to 1
        for e in [1.05, 1.5, 2.0, 3.0] {
            let q = HalfLine::new(1e-12)
                .integrate(&mut |x: f64| (x + 1.0).powf(-e))
                .unwrap();
            let exact = 1.0 / (e - 1.0);
            assert!(q.error <= 1e-12 * exact, "e = {e}: {q:?}");
            assert!((q.value - exact).abs() <= 1e-12 * exact, "e = {e}: {q:?}");
        }
        // three close exponents: ∫_1^∞ u^{-2}(1 - u^{-p})² du = 1 - 2/(1+p) + 1/(1+2p)
        for p in [0.05, 1.0 / 3.0, 3.0] {
            let q = HalfLine::new(1e-10)
                .integrate(&mut |x: f64| (x + 1.0).powi(-2) * (1.0 - (x + 1.0).powf(-p)).powi(2))
                .unwrap();
            let exact = 2.0 * p * p / ((1.0 + p) * (1.0 + 2.0 * p));
            assert!((q.value - exact).abs() <= 1e-10 * exact, "p = {p}: {q:?}");
        }
    }

    #[test]
    fn work_cap_reports_absolute_estimate_and_tolerance() {
        let e = HalfLine::new(1e-12)
            .max_evaluations(20_000)
            .integrate(&mut one_minus_cos_over_square)
            .unwrap_err();
        let GleError::QuadratureFailed {
            estimate,
            tolerance,
        } = e
        else {
            panic!("{e:?}")
        };
        // both absolute: the tolerance is tol·|value| with value ≈ π/2
        assert!((tolerance / (1e-12 * std::f64::consts::FRAC_PI_2) - 1.0).abs() < 0.1);
        assert!(estimate > tolerance && estimate.is_finite(), "{estimate}");
        let e = integrate(&mut |x: f64| x.sin().abs(), 0.0, 1e6, 1e-12, 0.0).unwrap_err();
        let GleError::QuadratureFailed {
            estimate,
            tolerance,
        } = e
        else {
            panic!("{e:?}")
        };
        assert!(
            estimate > tolerance
                && (tolerance / (1e-12 * 2.0 / std::f64::consts::PI * 1e6) - 1.0).abs() < 0.1
        );
    }

    #[test]
    fn wynn_epsilon_is_exact_for_sums_of_geometric_terms() {
        // s_n = 3 - 0.5^n + 2·0.25^n: e_2 eliminates both terms
        let s: Vec<f64> = (0..7)
            .map(|n| 3.0 - 0.5f64.powi(n) + 2.0 * 0.25f64.powi(n))
            .collect();
        assert!((wynn_epsilon(&s) - 3.0).abs() < 1e-13);
        // a converged sequence is returned as is
        assert_eq!(wynn_epsilon(&[1.0, 1.0, 1.0]), 1.0);
    }

    #[test]
    fn divergent_integrals_are_reported_not_looped() {
        let e = integrate_half_line(&mut |x: f64| (0.01 * x).exp(), &[], 1.0, 1e-8).unwrap_err();
        assert!(matches!(e, GleError::InvalidKernel { .. }));
        let e = integrate_half_line(&mut |x: f64| 1.0 / (x + 1.0), &[], 1.0, 1e-8).unwrap_err();
        assert!(matches!(
            e,
            GleError::InvalidKernel { .. } | GleError::QuadratureFailed { .. }
        ));
    }
}
