//! Weighted kernel norms `|||k|||_h² = ∫_0^∞ |k(τ)|² / h(τ) dτ` and the kernel error
//! `|||k - k̃|||_h²`.
//!
//! Lang & Lu (arXiv 2512.10256) bound the difference of two GLE trajectories driven by the
//! same noise by the kernel error in this norm, with a weight `h` that decays no faster than
//! the kernel squared allows. The weights of the paper's table are built by
//! [`Weight::for_kernel`]:
//!
//! | kernel | weight `h(t)` |
//! |---|---|
//! | exponential `A e^{-βτ}` | `e^{-(2β-ε)t}`, `ε = 0.1` |
//! | power law `A (τ+c)^{-β}` | `(t+c)^{-(2β-2)}` |
//! | Prony `Σ aⱼ e^{-bⱼτ}` | exponential weight with the slowest rate |
//! | stretched `A e^{-(τ/τ₀)^α}` | `e^{-(2-ε)(t/τ₀)^α}` (our choice; the paper names none) |
//! | oscillatory `A e^{-βτ} cos ωτ` | as exponential |
//!
//! The integral is computed by adaptive Gauss–Kronrod quadrature on `[0, ∞)`
//! ([`crate::quadrature::HalfLine`]), split at the cut-off points of the kernels (collected
//! recursively), with panels no longer than the period of the slowest oscillation of the
//! kernels (`Oscillatory`, `Modulated`), and with the tail beyond the last panel bounded
//! (exponential decay) or extrapolated (algebraic decay, e.g. the `τ^{-2}` tail of the
//! oscillation family `(1-cos pτ)²(τ+1)^{-2}` of Sec. 5.4), its uncertainty included in
//! [`NormEstimate::error_estimate`]. Divergence is reported as a typed error instead of
//! looping.

use crate::error::{GleError, Result, finite, positive};
use crate::kernel::ScalarKernel;
use crate::quadrature::{DIVERGES, HalfLine, Quadrature, integrate_half_line};
use special::Gamma;
use std::fmt;
use std::sync::Arc;

/// Default margin `ε` of the exponential and stretched weights (the paper's `ε = 0.1`).
///
/// # Example
/// [`Weight::for_kernel`] uses it: for `k = e^{-τ}` the weight is `e^{-(2-ε)t}`.
/// ```
/// use gle_core::{kernel::ScalarKernel, norm::{DEFAULT_EPS, Weight}};
/// let k = ScalarKernel::exponential(1.0, 1.0)?;
/// let h = Weight::for_kernel(&k)?;
/// assert_eq!(h.eval(2.0), Weight::for_kernel_eps(&k, DEFAULT_EPS)?.eval(2.0));
/// assert!((h.eval(1.0) - (-1.9f64).exp()).abs() < 1e-15);
/// # Ok::<(), gle_core::GleError>(())
/// ```
pub const DEFAULT_EPS: f64 = 0.1;

/// A weight `h(t) > 0` of the kernel norm `|||k|||_h² = ∫_0^∞ |k|²/h`.
///
/// The weight is the decay the theory predicts for the trajectory distance
/// (`E|ΔV_t|² ≤ C₂(h(t) + σ²)`); it must decay no faster than `|k|²` allows, or the norm
/// diverges.
///
/// # Example
/// ```
/// use gle_core::norm::Weight;
/// let h = Weight::PowerLaw { c: 1.0, exponent: 6.0 }; // (t+1)^{-6}, Sec. 5.4
/// assert!((h.eval(1.0) - 2f64.powi(-6)).abs() < 1e-17); // exp(ln h): a few ulp
/// let custom = Weight::Custom(std::sync::Arc::new(|t: f64| 1.0 / (1.0 + t * t)));
/// assert!((custom.eval(1.0) - 0.5).abs() < 1e-15);
/// ```
#[derive(Clone)]
#[non_exhaustive]
pub enum Weight {
    /// `h(t) = e^{-rate·t}`.
    Exponential {
        /// Decay rate of the weight.
        rate: f64,
    },
    /// `h(t) = (t + c)^{-exponent}`.
    PowerLaw {
        /// Offset `c > 0`.
        c: f64,
        /// Exponent.
        exponent: f64,
    },
    /// `h(t) = e^{-(2-ε)(t/τ₀)^α}` (our choice for stretched exponential kernels).
    Stretched {
        /// Time scale `τ₀`.
        tau0: f64,
        /// Stretch exponent `α`.
        alpha: f64,
        /// Margin `ε`.
        eps: f64,
    },
    /// A user weight `t ↦ h(t)`, positive on `[0, ∞)`.
    Custom(Arc<dyn Fn(f64) -> f64 + Send + Sync>),
}

impl fmt::Debug for Weight {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Exponential { rate } => write!(f, "exp(-{rate}t)"),
            Self::PowerLaw { c, exponent } => write!(f, "(t+{c})^-{exponent}"),
            Self::Stretched { tau0, alpha, eps } => write!(f, "exp(-(2-{eps})(t/{tau0})^{alpha})"),
            Self::Custom(_) => write!(f, "Custom(<closure>)"),
        }
    }
}

impl Weight {
    /// The paper's weight for `k`, with margin `ε = 0.1` (see [`Weight::for_kernel_eps`]).
    ///
    /// # Example
    /// ```
    /// use gle_core::kernel::ScalarKernel;
    /// use gle_core::norm::Weight;
    /// let h = Weight::for_kernel(&ScalarKernel::exponential(1.0, 0.5).unwrap()).unwrap();
    /// assert!((h.eval(1.0) - (-0.9f64).exp()).abs() < 1e-15);
    /// ```
    ///
    /// # Errors
    /// As [`Weight::for_kernel_eps`].
    pub fn for_kernel(k: &ScalarKernel) -> Result<Self> {
        Self::for_kernel_eps(k, DEFAULT_EPS)
    }

    /// The weight of the spec's table for `k`, with margin `eps`:
    /// exponential/oscillatory `e^{-(2β-ε)t}`, power law `(t+c)^{-(2β-2)}`, Prony with the
    /// slowest rate, stretched `e^{-(2-ε)(t/τ₀)^α}`; shifted, cut-off and modulated kernels
    /// take the weight of the kernel they wrap.
    ///
    /// # Example
    /// ```
    /// use gle_core::kernel::ScalarKernel;
    /// use gle_core::norm::Weight;
    /// let h = Weight::for_kernel_eps(&ScalarKernel::power_law(1.0, 1.0, 4.0).unwrap(), 0.1).unwrap();
    /// assert!((h.eval(1.0) - 2f64.powi(-6)).abs() < 1e-15);
    /// ```
    ///
    /// # Errors
    /// [`GleError::Unsupported`] for closures (supply a [`Weight::Custom`]);
    /// [`GleError::InvalidKernel`] if the resulting weight would not decay: `ε ≤ 0` or
    /// `ε ≥ 2b` for exponential-type kernels (rate `b`; reported as `b` when `ε ≥ 2b`),
    /// `ε ≤ 0` or `ε ≥ 2` for stretched exponentials, `β < 1` for a power law (whose weight
    /// does not use `ε`); [`GleError::Base`] for a NaN `eps`.
    ///
    /// # Numerical notes
    /// Reference: Lang & Lu, arXiv 2512.10256, table of weights (Sec. 5).
    pub fn for_kernel_eps(k: &ScalarKernel, eps: f64) -> Result<Self> {
        let eps = finite("eps", eps)?;
        let margin_positive = || {
            if eps > 0.0 {
                Ok(())
            } else {
                Err(GleError::InvalidKernel {
                    name: "eps",
                    value: eps,
                    reason: "the margin ε of the weight must be > 0 (else the norm diverges)",
                })
            }
        };
        let exp_rate = |b: f64| {
            margin_positive()?;
            let rate = 2.0 * b - eps;
            if rate > 0.0 {
                Ok(Self::Exponential { rate })
            } else {
                Err(GleError::InvalidKernel {
                    name: "b",
                    value: b,
                    reason: "exponential weight e^{-(2b-ε)t} needs 2b > ε",
                })
            }
        };
        match k {
            ScalarKernel::Exponential { b, .. } | ScalarKernel::Oscillatory { b, .. } => {
                exp_rate(*b)
            }
            ScalarKernel::Prony { b, .. } => {
                exp_rate(b.iter().copied().fold(f64::INFINITY, f64::min))
            }
            ScalarKernel::PowerLaw { c, beta, .. } => {
                if *beta < 1.0 {
                    return Err(GleError::InvalidKernel {
                        name: "beta",
                        value: *beta,
                        reason: "power-law weight (t+c)^{-(2β-2)} needs β ≥ 1",
                    });
                }
                Ok(Self::PowerLaw {
                    c: *c,
                    exponent: 2.0 * beta - 2.0,
                })
            }
            ScalarKernel::StretchedExponential { tau0, alpha, .. } => {
                margin_positive()?;
                if eps >= 2.0 {
                    return Err(GleError::InvalidKernel {
                        name: "eps",
                        value: eps,
                        reason: "stretched weight e^{-(2-ε)(t/τ₀)^α} needs ε < 2",
                    });
                }
                Ok(Self::Stretched {
                    tau0: *tau0,
                    alpha: *alpha,
                    eps,
                })
            }
            ScalarKernel::Shifted { inner, .. }
            | ScalarKernel::CutOff { inner, .. }
            | ScalarKernel::Modulated { inner, .. } => Self::for_kernel_eps(inner, eps),
            _ => Err(GleError::Unsupported {
                what: "no default weight for a closure kernel",
            }),
        }
    }

    /// `h(t)`.
    ///
    /// # Example
    /// ```
    /// use gle_core::norm::Weight;
    /// assert!((Weight::Exponential { rate: 0.9 }.eval(1.0) - (-0.9f64).exp()).abs() < 1e-16);
    /// ```
    ///
    /// # Numerical notes
    /// Computed as `exp(ln h(t))`: underflows to 0 where `h` does (use [`Weight::ln_eval`]).
    pub fn eval(&self, t: f64) -> f64 {
        self.ln_eval(t).exp()
    }

    /// `ln h(t)`, evaluated without forming `h` (so that `|k|²/h` neither underflows nor
    /// overflows where the ratio is representable).
    ///
    /// # Example
    /// ```
    /// use gle_core::norm::Weight;
    /// let h = Weight::Exponential { rate: 0.9 };
    /// assert_eq!(h.eval(1000.0), 0.0); // underflow
    /// assert_eq!(h.ln_eval(1000.0), -900.0);
    /// ```
    pub fn ln_eval(&self, t: f64) -> f64 {
        match self {
            Self::Exponential { rate } => -rate * t,
            Self::PowerLaw { c, exponent } => -exponent * (t + c).ln(),
            Self::Stretched { tau0, alpha, eps } => -(2.0 - eps) * (t / tau0).powf(*alpha),
            Self::Custom(h) => h(t).ln(),
        }
    }

    /// A natural time scale of the weight, the first quadrature panel width.
    fn scale(&self) -> f64 {
        match self {
            Self::Exponential { rate } if *rate > 0.0 => (1.0 / rate).min(10.0),
            Self::PowerLaw { c, .. } => c.clamp(1e-3, 10.0),
            Self::Stretched { tau0, .. } => tau0.clamp(1e-3, 10.0),
            _ => 1.0,
        }
    }

    fn validate(&self) -> Result<()> {
        match self {
            Self::Exponential { rate } => finite("rate", *rate).map(|_| ()),
            Self::PowerLaw { c, exponent } => {
                positive("c", *c)?;
                finite("exponent", *exponent).map(|_| ())
            }
            Self::Stretched { tau0, alpha, eps } => {
                positive("tau0", *tau0)?;
                positive("alpha", *alpha)?;
                finite("eps", *eps).map(|_| ())
            }
            Self::Custom(_) => Ok(()),
        }
    }
}

/// A weighted norm computed by quadrature: the value, its certified error estimate and the
/// work done.
///
/// # Example
/// ```
/// use gle_core::kernel::ScalarKernel;
/// use gle_core::norm::{Weight, kernel_error_norm};
/// let k = ScalarKernel::power_law(1.0, 1.0, 4.0).unwrap();
/// let h = Weight::for_kernel(&k).unwrap();
/// let n = kernel_error_norm(&k, &k.modulated(2.0).unwrap(), &h, 1e-8).unwrap();
/// assert!(n.error_estimate <= 1e-8 * n.value);
/// assert!(n.evaluations > 0);
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct NormEstimate {
    /// `|||·|||_h²`.
    pub value: f64,
    /// Estimated absolute error of `value`.
    pub error_estimate: f64,
    /// Number of kernel evaluations.
    pub evaluations: usize,
}

impl From<Quadrature> for NormEstimate {
    fn from(q: Quadrature) -> Self {
        Self {
            value: q.value,
            error_estimate: q.error,
            evaluations: q.evaluations,
        }
    }
}

/// The discontinuities of `k`: the cut-off points, shifted back through `Shifted` wrappers.
///
/// # Example
/// ```
/// use gle_core::kernel::ScalarKernel;
/// use gle_core::norm::break_points;
/// let k = ScalarKernel::exponential(1.0, 1.0).unwrap().cut_off(3.0).unwrap().shifted(1.0).unwrap();
/// assert_eq!(break_points(&k), vec![2.0]);
/// ```
pub fn break_points(k: &ScalarKernel) -> Vec<f64> {
    match k {
        ScalarKernel::CutOff { inner, p } => {
            let mut v = break_points(inner);
            v.push(*p);
            v
        }
        ScalarKernel::Shifted { inner, p } => {
            break_points(inner).into_iter().map(|b| b - p).collect()
        }
        ScalarKernel::Modulated { inner, .. } => break_points(inner),
        _ => Vec::new(),
    }
}

/// The angular frequencies `ω ≠ 0` of the oscillating factors of `k` (`Oscillatory`,
/// `Modulated`), collected recursively through wrappers.
fn frequencies(k: &ScalarKernel) -> Vec<f64> {
    match k {
        ScalarKernel::Oscillatory { omega, .. } => vec![omega.abs()],
        ScalarKernel::Modulated { inner, omega } => {
            let mut v = frequencies(inner);
            v.push(omega.abs());
            v
        }
        ScalarKernel::Shifted { inner, .. } | ScalarKernel::CutOff { inner, .. } => {
            frequencies(inner)
        }
        _ => Vec::new(),
    }
    .into_iter()
    .filter(|w| *w > 0.0 && w.is_finite())
    .collect()
}

/// The period `2π/ω_min` of the slowest oscillation of `|k - k̃|²/h`, if the kernels have one.
fn oscillation_period(kernels: &[&ScalarKernel]) -> Option<f64> {
    let w = kernels
        .iter()
        .flat_map(|k| frequencies(k))
        .fold(f64::INFINITY, f64::min);
    (w.is_finite()).then(|| std::f64::consts::TAU / w)
}

fn weighted(
    f: &dyn Fn(f64) -> f64,
    h: &Weight,
    breaks: &[f64],
    period: Option<f64>,
    tol: f64,
) -> Result<NormEstimate> {
    h.validate()?;
    let tol = crate::quadrature::check_tol(tol)?;
    let mut bad = None;
    let mut g = |t: f64| {
        let k = f(t);
        if k == 0.0 {
            return 0.0;
        }
        let v = (2.0 * k.abs().ln() - h.ln_eval(t)).exp();
        if !v.is_finite() && bad.is_none() {
            bad = Some(t);
        }
        v
    };
    let mut half_line = HalfLine::new(tol).breaks(breaks).scale(h.scale());
    if let Some(p) = period {
        half_line = half_line.period(p);
    }
    let r = half_line.integrate(&mut g);
    if let Some(t) = bad {
        return Err(GleError::InvalidKernel {
            name: "tau",
            value: t,
            reason: "|k(τ)|²/h(τ) is not finite there",
        });
    }
    r.map(NormEstimate::from).map_err(|e| match e {
        GleError::InvalidKernel { name, value, .. } if name == DIVERGES => {
            GleError::InvalidKernel {
                name: "|k|²/h",
                value,
                reason: "the integrand does not decay (weight too slow for the kernel): the \
                         weighted norm diverges",
            }
        }
        e => e,
    })
}

/// `|||k|||_h² = ∫_0^∞ |k(τ)|²/h(τ) dτ` by adaptive quadrature to relative tolerance `tol`.
///
/// # Example
/// ```
/// use gle_core::kernel::ScalarKernel;
/// use gle_core::norm::{Weight, kernel_norm_weighted};
/// // ∫ e^{-τ} e^{0.9τ} dτ = 10
/// let k = ScalarKernel::exponential(1.0, 0.5).unwrap();
/// let n = kernel_norm_weighted(&k, &Weight::Exponential { rate: 0.9 }, 1e-10).unwrap();
/// assert!((n.value - 10.0).abs() < 1e-8);
/// ```
///
/// # Errors
/// [`GleError::InvalidKernel`] if `|k|²/h` does not decay (the norm diverges) or is not
/// finite; [`GleError::QuadratureFailed`] if the tolerance is not reached within 2·10⁶
/// kernel evaluations (its `estimate` and `tolerance` are absolute: the error reached and
/// `tol·|value|`); [`GleError::TooLarge`] if one oscillation period per panel already
/// exceeds that budget (e.g. `ω = 10⁸`); [`GleError::InvalidTolerance`] for
/// `tol <` [`MIN_TOL`](crate::quadrature::MIN_TOL) `= 10⁻¹⁵`; [`GleError::Base`] for bad
/// weight parameters or `tol ≤ 0`/NaN.
///
/// # Numerical notes
/// The integrand is formed as `exp(2 ln|k| - ln h)`, so exponentially small kernels and
/// weights do not underflow to `0/0`. Cut-offs are break points of the quadrature (collected
/// recursively through wrappers); the oscillation frequencies `ω` of `Oscillatory` and
/// `Modulated` factors set the panel length `2π/ω_min`. Error estimate: the summed
/// `|K15 - G7|` of the panels plus the tail bound or the spread of the ε-algorithm
/// extrapolants (see [`crate::quadrature::HalfLine::integrate`]). Closure kernels carry no
/// frequency: an oscillating closure still converges, with more evaluations. Reference:
/// Lang & Lu, arXiv 2512.10256.
pub fn kernel_norm_weighted(k: &ScalarKernel, h: &Weight, tol: f64) -> Result<NormEstimate> {
    weighted(
        &|t| k.eval(t),
        h,
        &break_points(k),
        oscillation_period(&[k]),
        tol,
    )
}

/// The kernel error `|||k - k̃|||_h² = ∫_0^∞ |k(τ) - k̃(τ)|²/h(τ) dτ`.
///
/// # Example
/// ```
/// use gle_core::kernel::ScalarKernel;
/// use gle_core::norm::{Weight, kernel_error_norm};
/// // cut-off of e^{-0.5τ} at p, weight e^{-0.9t}: 10 e^{-0.1 p}
/// let k = ScalarKernel::exponential(1.0, 0.5).unwrap();
/// let kt = k.cut_off(5.0).unwrap();
/// let n = kernel_error_norm(&k, &kt, &Weight::Exponential { rate: 0.9 }, 1e-10).unwrap();
/// assert!((n.value - 10.0 * (-0.5f64).exp()).abs() < 1e-8);
/// ```
///
/// # Errors
/// As [`kernel_norm_weighted`].
///
/// # Numerical notes
/// The difference is formed pointwise, so `k̃ = k` gives exactly 0. Break points and
/// oscillation frequencies of both kernels are used. For the Sec. 5.4 oscillation family
/// (`k = (τ+1)^{-4}`, `k̃ = k cos pτ`, `h = (t+1)^{-6}`, tail `∝ τ^{-2}`) a relative tolerance
/// of 1e-8 takes 2·10⁴–10⁵ evaluations. Reference: Lang & Lu, arXiv 2512.10256 (the kernel error bounding
/// `C₂`, `C₄`).
pub fn kernel_error_norm(
    k: &ScalarKernel,
    k_tilde: &ScalarKernel,
    h: &Weight,
    tol: f64,
) -> Result<NormEstimate> {
    let mut breaks = break_points(k);
    breaks.extend(break_points(k_tilde));
    weighted(
        &|t| k.eval(t) - k_tilde.eval(t),
        h,
        &breaks,
        oscillation_period(&[k, k_tilde]),
        tol,
    )
}

/// `‖k‖_{L¹} = ∫_0^∞ |k(τ)| dτ`, in closed form where there is one.
///
/// Closed forms: `|A|/b` (exponential, `b > 0`), `|A| c^{1-β}/(β-1)` (power law, `β > 1`),
/// `|A| τ₀ Γ(1+1/α)` (stretched exponential), shifted versions of the first two; otherwise
/// adaptive quadrature to relative tolerance `1e-10`.
/// The power-law threshold of the comparison theorem is `γ > ‖k‖_{L¹}`.
///
/// # Example
/// ```
/// use gle_core::kernel::ScalarKernel;
/// use gle_core::norm::l1_norm;
/// let k = ScalarKernel::power_law(-1.0, 0.1, 2.0).unwrap();
/// assert!((l1_norm(&k).unwrap() - 10.0).abs() < 1e-12);
/// ```
///
/// # Errors
/// [`GleError::InvalidKernel`] for a power law with `β ≤ 1` ("β ≤ 1 for a power law whose
/// L¹ norm is needed"), an exponential with `b ≤ 0`, or (name `"|k|"`) a kernel whose
/// `|k(τ)|` the quadrature finds not to decay (e.g. oscillatory with `b = 0`);
/// [`GleError::QuadratureFailed`] if the kernel is integrable by its class but the
/// quadrature cannot bound the tail (e.g. a shifted stretched exponential with tiny `α`;
/// `estimate = ∞`, `tolerance = 1e-10·` an upper bound of the norm);
/// [`GleError::NotFinite`] if `k(τ)` is not finite somewhere or the closed form overflows
/// (`α ≲ 0.006`); the other quadrature errors otherwise.
///
/// # Numerical notes
/// Reference: Lang & Lu, arXiv 2512.10256 (power-law threshold `γ > C c^{1-β}/(β-1)`).
pub fn l1_norm(k: &ScalarKernel) -> Result<f64> {
    l1_shifted(k, 0.0)
}

fn l1_shifted(k: &ScalarKernel, shift: f64) -> Result<f64> {
    match k {
        ScalarKernel::Exponential { a, b } => {
            if *b <= 0.0 {
                return Err(GleError::InvalidKernel {
                    name: "b",
                    value: *b,
                    reason: "a non-decaying exponential has no L¹ norm",
                });
            }
            Ok(a.abs() * (-b * shift).exp() / b)
        }
        ScalarKernel::PowerLaw { a, c, beta } => {
            if *beta <= 1.0 {
                return Err(GleError::InvalidKernel {
                    name: "beta",
                    value: *beta,
                    reason: "β ≤ 1 for a power law whose L¹ norm is needed",
                });
            }
            Ok(a.abs() * (c + shift).powf(1.0 - beta) / (beta - 1.0))
        }
        ScalarKernel::StretchedExponential { a, tau0, alpha } if shift == 0.0 => {
            let v = a.abs() * tau0 * Gamma::gamma(1.0 + 1.0 / alpha);
            if !v.is_finite() {
                return Err(GleError::NotFinite {
                    what: "L¹ norm |a|·τ₀·Γ(1+1/α) of the stretched exponential",
                    value: v,
                });
            }
            Ok(v)
        }
        ScalarKernel::Shifted { inner, p } => l1_shifted(inner, shift + p),
        _ => {
            let mut bad = None;
            let mut f = |t: f64| {
                let v = k.eval(t + shift);
                if !v.is_finite() && bad.is_none() {
                    bad = Some(v);
                }
                v.abs()
            };
            let breaks: Vec<f64> = break_points(k).into_iter().map(|b| b - shift).collect();
            let q = integrate_half_line(&mut f, &breaks, 1.0, L1_TOL);
            if let Some(value) = bad {
                return Err(GleError::NotFinite {
                    what: "k(τ) in the L¹-norm integrand",
                    value,
                });
            }
            q.map(|q| q.value).map_err(|e| match e {
                GleError::InvalidKernel { name, value, .. } if name == DIVERGES => {
                    match l1_bound(k) {
                        Some(bound) if bound.is_finite() => GleError::QuadratureFailed {
                            estimate: f64::INFINITY,
                            tolerance: L1_TOL * bound,
                        },
                        _ => GleError::InvalidKernel {
                            name: "|k|",
                            value,
                            reason: "|k(τ)| does not decay over successive doublings: the L¹ \
                                     norm diverges",
                        },
                    }
                }
                e => e,
            })
        }
    }
}

/// Relative tolerance of the L¹ norms computed by quadrature.
const L1_TOL: f64 = 1e-10;

/// An upper bound of `‖k‖_{L¹}` from the kernel's class, if it is integrable by its class.
fn l1_bound(k: &ScalarKernel) -> Option<f64> {
    match k {
        ScalarKernel::Exponential { a, b } | ScalarKernel::Oscillatory { a, b, .. } => {
            (*b > 0.0).then(|| a.abs() / b)
        }
        ScalarKernel::Prony { a, b } => {
            (b.iter().all(|b| *b > 0.0)).then(|| a.iter().zip(b).map(|(a, b)| a.abs() / b).sum())
        }
        ScalarKernel::PowerLaw { a, c, beta } => {
            (*beta > 1.0).then(|| a.abs() * c.powf(1.0 - beta) / (beta - 1.0))
        }
        ScalarKernel::StretchedExponential { a, tau0, alpha } => {
            Some(a.abs() * tau0 * Gamma::gamma(1.0 + 1.0 / alpha))
        }
        ScalarKernel::Shifted { inner, .. }
        | ScalarKernel::CutOff { inner, .. }
        | ScalarKernel::Modulated { inner, .. } => l1_bound(inner),
        _ => None,
    }
}

#[cfg(test)]
mod tests;
