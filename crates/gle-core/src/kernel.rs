//! Memory kernels `K(t, s)`.
//!
//! The GLE's memory term is `∫₀ᵗ K(t,s) V(s) ds` with a `d×d` matrix kernel. Two shapes are
//! supported:
//!
//! * **translation invariant**, `K(t,s) = k(t-s)·A`, with a scalar profile `k` from
//!   [`ScalarKernel`] and a constant `d×d` matrix `A` (identity by default). Every fast history
//!   path (Prony recursion, sum-of-exponentials, FFT) needs this shape.
//! * **general**, any closure `(t, s, out)` writing the `d×d` matrix `K(t,s)` row-major.
//!
//! Perturbation families (translation, dilation, cut-off, oscillation, exponent change) are
//! constructors on [`ScalarKernel`], because they are how the error analysis of Lang & Lu
//! (arXiv 2512.10256) probes sensitivity to the kernel.

use crate::error::{GleError, Result, finite, positive};
use std::fmt;
use std::sync::Arc;

/// A user-supplied scalar profile `k(τ)`, stored in [`ScalarKernel::Custom`].
///
/// # Example
/// ```
/// use gle_core::kernel::{ScalarFn, ScalarKernel};
/// use std::sync::Arc;
/// let f: ScalarFn = Arc::new(|t: f64| 1.0 / (1.0 + t * t));
/// assert_eq!(ScalarKernel::Custom(f).eval(1.0), 0.5);
/// ```
pub type ScalarFn = Arc<dyn Fn(f64) -> f64 + Send + Sync>;

/// A user-supplied general kernel: writes `K(t, s)` (row-major `d×d`) into the slice.
///
/// Built from a closure by [`MemoryKernel::general`].
///
/// # Example
/// ```
/// use gle_core::kernel::GeneralFn;
/// use std::sync::Arc;
/// let f: GeneralFn = Arc::new(|t, s, out: &mut [f64]| out[0] = (s - t).exp());
/// let mut k = [0.0];
/// f(1.0, 1.0, &mut k);
/// assert_eq!(k[0], 1.0);
/// ```
pub type GeneralFn = Arc<dyn Fn(f64, f64, &mut [f64]) + Send + Sync>;

/// A scalar translation-invariant kernel profile `k(τ)`, `τ ≥ 0`.
///
/// | variant | `k(τ)` |
/// |---|---|
/// | `Exponential` | `a e^{-bτ}` |
/// | `PowerLaw` | `a (τ+c)^{-β}` |
/// | `Prony` | `Σⱼ aⱼ e^{-bⱼτ}` |
/// | `StretchedExponential` | `a e^{-(τ/τ₀)^α}` |
/// | `Oscillatory` | `a e^{-bτ} cos(ωτ)` |
/// | `Shifted` | `k(τ + p)` (the paper's "dilation" of an exponential) |
/// | `CutOff` | `k(τ) 1{τ < p}` |
/// | `Modulated` | `k(τ) cos(ωτ)` |
/// | `Custom` | any closure |
///
/// The kernels of Lang & Lu (arXiv 2512.10256, Sec. 5) and their perturbation families:
///
/// # Example
/// ```
/// use gle_core::kernel::ScalarKernel;
/// // Sec. 5.4: k = (τ+1)^{-4} and its four perturbations at p = 1
/// let k = ScalarKernel::power_law(1.0, 1.0, 4.0)?;
/// let translation = k.shifted(1.0)?; // (τ+2)^{-4}
/// let exponent = ScalarKernel::power_law(1.0, 1.0, 5.0)?; // (τ+1)^{-5}
/// let cut = k.cut_off(1.0)?; // (τ+1)^{-4} 1{τ<1}
/// let osc = k.modulated(1.0)?; // (τ+1)^{-4} cos τ
/// assert_eq!(translation.eval(0.0), 2f64.powi(-4));
/// assert_eq!(exponent.eval(1.0), 2f64.powi(-5));
/// assert_eq!(cut.eval(1.5), 0.0);
/// assert_eq!(osc.eval(0.0), 1.0);
/// # Ok::<(), gle_core::GleError>(())
/// ```
///
/// # Numerical notes
/// Profiles are evaluated as written (`exp`, `powf`, `cos`): relative accuracy of a few ulp,
/// no special care for `e^{-bτ}` below the underflow threshold (it returns 0).
#[derive(Clone)]
#[non_exhaustive]
pub enum ScalarKernel {
    /// `a e^{-bτ}`.
    Exponential {
        /// Amplitude `a` (negative for anti-friction).
        a: f64,
        /// Rate `b`.
        b: f64,
    },
    /// `a (τ+c)^{-β}`.
    PowerLaw {
        /// Amplitude `a`.
        a: f64,
        /// Offset `c > 0`.
        c: f64,
        /// Exponent `β > 0`.
        beta: f64,
    },
    /// `Σⱼ aⱼ e^{-bⱼτ}`.
    Prony {
        /// Weights `aⱼ`.
        a: Vec<f64>,
        /// Rates `bⱼ`.
        b: Vec<f64>,
    },
    /// `a e^{-(τ/τ₀)^α}`.
    StretchedExponential {
        /// Amplitude `a`.
        a: f64,
        /// Time scale `τ₀ > 0`.
        tau0: f64,
        /// Stretch exponent `0 < α ≤ 1`.
        alpha: f64,
    },
    /// `a e^{-bτ} cos(ωτ)`.
    Oscillatory {
        /// Amplitude `a`.
        a: f64,
        /// Rate `b`.
        b: f64,
        /// Angular frequency `ω`.
        omega: f64,
    },
    /// `k(τ + p)`.
    Shifted {
        /// The unshifted kernel.
        inner: Box<ScalarKernel>,
        /// Shift `p ≥ 0`.
        p: f64,
    },
    /// `k(τ) 1{τ < p}`.
    CutOff {
        /// The kernel before truncation.
        inner: Box<ScalarKernel>,
        /// Cut-off time `p > 0`.
        p: f64,
    },
    /// `k(τ) cos(ωτ)`.
    Modulated {
        /// The kernel before modulation.
        inner: Box<ScalarKernel>,
        /// Angular frequency `ω`.
        omega: f64,
    },
    /// Any closure `τ ↦ k(τ)`.
    Custom(ScalarFn),
}

impl fmt::Debug for ScalarKernel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Exponential { a, b } => write!(f, "{a}·exp(-{b}τ)"),
            Self::PowerLaw { a, c, beta } => write!(f, "{a}·(τ+{c})^-{beta}"),
            Self::Prony { a, b } => write!(f, "Prony(a={a:?}, b={b:?})"),
            Self::StretchedExponential { a, tau0, alpha } => {
                write!(f, "{a}·exp(-(τ/{tau0})^{alpha})")
            }
            Self::Oscillatory { a, b, omega } => write!(f, "{a}·exp(-{b}τ)cos({omega}τ)"),
            Self::Shifted { inner, p } => write!(f, "({inner:?})(τ+{p})"),
            Self::CutOff { inner, p } => write!(f, "({inner:?})·1{{τ<{p}}}"),
            Self::Modulated { inner, omega } => write!(f, "({inner:?})·cos({omega}τ)"),
            Self::Custom(_) => write!(f, "Custom(<closure>)"),
        }
    }
}

impl ScalarKernel {
    /// `a e^{-bτ}`.
    ///
    /// # Errors
    /// [`GleError::Base`] for non-finite `a` or `b`.
    ///
    /// # Example
    /// ```
    /// use gle_core::kernel::ScalarKernel;
    /// let k = ScalarKernel::exponential(1.0, 0.5).unwrap();
    /// assert!((k.eval(2.0) - (-1.0f64).exp()).abs() < 1e-15);
    /// ```
    pub fn exponential(a: f64, b: f64) -> Result<Self> {
        Ok(Self::Exponential {
            a: finite("a", a)?,
            b: finite("b", b)?,
        })
    }

    /// `a (τ+c)^{-β}` with `c > 0`, `β > 0`.
    ///
    /// # Example
    /// ```
    /// use gle_core::kernel::ScalarKernel;
    /// // the first-order kernel of Sec. 5.4 of Lang & Lu (arXiv 2512.10256)
    /// let k = ScalarKernel::power_law(1.0, 1.0, 4.0).unwrap();
    /// assert_eq!(k.eval(1.0), 1.0 / 16.0);
    /// assert!(ScalarKernel::power_law(1.0, 0.0, 4.0).is_err()); // c = 0: singular at τ = 0
    /// ```
    ///
    /// # Errors
    /// [`GleError::Base`] for non-finite parameters, `c ≤ 0` or `β ≤ 0`. (`β ≤ 1` is
    /// accepted here; the functions that need `k ∈ L¹` reject it.)
    pub fn power_law(a: f64, c: f64, beta: f64) -> Result<Self> {
        Ok(Self::PowerLaw {
            a: finite("a", a)?,
            c: positive("c", c)?,
            beta: positive("beta", beta)?,
        })
    }

    /// `Σⱼ aⱼ e^{-bⱼτ}` (a Prony series; the exact fast path [`crate::history::PronyHistory`]
    /// applies).
    ///
    /// # Example
    /// ```
    /// use gle_core::kernel::ScalarKernel;
    /// let k = ScalarKernel::prony(vec![1.0, 2.0], vec![1.0, 0.5]).unwrap();
    /// assert_eq!(k.eval(0.0), 3.0);
    /// assert!(ScalarKernel::prony(vec![1.0], vec![1.0, 2.0]).is_err()); // lengths differ
    /// ```
    ///
    /// # Errors
    /// [`GleError::Base`] for a length mismatch, empty input or non-finite entries.
    pub fn prony(a: Vec<f64>, b: Vec<f64>) -> Result<Self> {
        if a.is_empty() {
            return Err(langevin_base::Error::Empty { name: "a" }.into());
        }
        langevin_base::error::same_dim("b", a.len(), b.len())?;
        langevin_base::error::all_finite("a", &a)?;
        langevin_base::error::all_finite("b", &b)?;
        Ok(Self::Prony { a, b })
    }

    /// `a e^{-(τ/τ₀)^α}` with `τ₀ > 0`, `0 < α ≤ 1`.
    ///
    /// # Example
    /// ```
    /// use gle_core::kernel::ScalarKernel;
    /// let k = ScalarKernel::stretched_exponential(1.0, 1.0, 0.5).unwrap();
    /// assert!((k.eval(4.0) - (-2.0f64).exp()).abs() < 1e-15);
    /// ```
    ///
    /// # Errors
    /// [`GleError::Base`] for non-finite parameters or `τ₀ ≤ 0`;
    /// [`GleError::InvalidKernel`] for `α > 1` (not completely monotone).
    pub fn stretched_exponential(a: f64, tau0: f64, alpha: f64) -> Result<Self> {
        let alpha = positive("alpha", alpha)?;
        if alpha > 1.0 {
            return Err(GleError::InvalidKernel {
                name: "alpha",
                value: alpha,
                reason: "stretch exponent must lie in (0, 1]",
            });
        }
        Ok(Self::StretchedExponential {
            a: finite("a", a)?,
            tau0: positive("tau0", tau0)?,
            alpha,
        })
    }

    /// `a e^{-bτ} cos(ωτ)`.
    ///
    /// # Example
    /// ```
    /// use gle_core::kernel::ScalarKernel;
    /// let k = ScalarKernel::oscillatory(1.0, 0.5, std::f64::consts::PI).unwrap();
    /// assert!((k.eval(1.0) + (-0.5f64).exp()).abs() < 1e-15);
    /// ```
    ///
    /// # Errors
    /// [`GleError::Base`] for non-finite parameters.
    pub fn oscillatory(a: f64, b: f64, omega: f64) -> Result<Self> {
        Ok(Self::Oscillatory {
            a: finite("a", a)?,
            b: finite("b", b)?,
            omega: finite("omega", omega)?,
        })
    }

    /// Any closure `τ ↦ k(τ)`.
    ///
    /// Closures carry no structure: the fast history paths that need one (Prony) return
    /// [`GleError::Unsupported`], [`crate::norm::Weight::for_kernel`] has no default weight,
    /// and the kernel norms know no break points or oscillation periods.
    ///
    /// # Example
    /// ```
    /// use gle_core::kernel::ScalarKernel;
    /// let k = ScalarKernel::custom(|t: f64| 1.0 / (1.0 + t * t));
    /// assert_eq!(k.eval(1.0), 0.5);
    /// ```
    pub fn custom(f: impl Fn(f64) -> f64 + Send + Sync + 'static) -> Self {
        Self::Custom(Arc::new(f))
    }

    /// Translation in time: `τ ↦ k(τ + p)`, `p ≥ 0` (the paper's "dilation" family for the
    /// exponential kernel, `e^{-0.5(τ+p)}`, and "translation" family for the power law,
    /// `(τ+1+p)^{-4}`).
    ///
    /// # Example
    /// ```
    /// use gle_core::kernel::ScalarKernel;
    /// let k = ScalarKernel::exponential(1.0, 0.5).unwrap().shifted(2.0).unwrap();
    /// assert!((k.eval(0.0) - (-1.0f64).exp()).abs() < 1e-15); // e^{-0.5(τ+2)}
    /// ```
    ///
    /// # Errors
    /// [`GleError::Base`] for `p` negative or non-finite.
    pub fn shifted(&self, p: f64) -> Result<Self> {
        let p = crate::error::non_negative("p", p)?;
        Ok(Self::Shifted {
            inner: Box::new(self.clone()),
            p,
        })
    }

    /// Cut-off: `τ ↦ k(τ) 1{τ < p}`, `p > 0` (the paper's "cut-off" family).
    ///
    /// # Example
    /// ```
    /// use gle_core::kernel::ScalarKernel;
    /// let k = ScalarKernel::exponential(1.0, 0.5).unwrap().cut_off(3.0).unwrap();
    /// assert_eq!(k.eval(3.0), 0.0);
    /// assert!(k.eval(2.9) > 0.0);
    /// ```
    ///
    /// # Errors
    /// [`GleError::Base`] for `p ≤ 0` or non-finite.
    ///
    /// # Numerical notes
    /// The jump at `p` is a break point of the kernel-norm quadrature
    /// ([`crate::norm::break_points`]); the solvers' trapezoid memory is only first-order
    /// accurate across it.
    pub fn cut_off(&self, p: f64) -> Result<Self> {
        Ok(Self::CutOff {
            inner: Box::new(self.clone()),
            p: positive("p", p)?,
        })
    }

    /// Oscillation: `τ ↦ k(τ) cos(ωτ)` (the paper's "oscillation" family).
    ///
    /// # Example
    /// ```
    /// use gle_core::kernel::ScalarKernel;
    /// let k = ScalarKernel::power_law(1.0, 1.0, 4.0).unwrap().modulated(std::f64::consts::PI).unwrap();
    /// assert!((k.eval(1.0) + 1.0 / 16.0).abs() < 1e-15);
    /// ```
    ///
    /// # Errors
    /// [`GleError::Base`] for `ω` non-finite.
    ///
    /// # Numerical notes
    /// The period `2π/ω` sets the panel length of the kernel-norm quadrature, whose tail
    /// extrapolation relies on it (see [`crate::norm::kernel_error_norm`]).
    pub fn modulated(&self, omega: f64) -> Result<Self> {
        Ok(Self::Modulated {
            inner: Box::new(self.clone()),
            omega: finite("omega", omega)?,
        })
    }

    /// Evaluates `k(τ)`.
    ///
    /// # Example
    /// ```
    /// use gle_core::kernel::ScalarKernel;
    /// let k = ScalarKernel::exponential(-1.0, 2.0).unwrap(); // anti-friction kernel
    /// assert_eq!(k.eval(0.0), -1.0);
    /// ```
    ///
    /// # Numerical notes
    /// `τ < 0` is outside the causal domain; the profile is evaluated as written (callers never
    /// pass negative lags).
    #[inline]
    pub fn eval(&self, tau: f64) -> f64 {
        match self {
            Self::Exponential { a, b } => a * (-b * tau).exp(),
            Self::PowerLaw { a, c, beta } => a * (tau + c).powf(-beta),
            Self::Prony { a, b } => a.iter().zip(b).map(|(a, b)| a * (-b * tau).exp()).sum(),
            Self::StretchedExponential { a, tau0, alpha } => a * (-(tau / tau0).powf(*alpha)).exp(),
            Self::Oscillatory { a, b, omega } => a * (-b * tau).exp() * (omega * tau).cos(),
            Self::Shifted { inner, p } => inner.eval(tau + p),
            Self::CutOff { inner, p } => {
                if tau < *p {
                    inner.eval(tau)
                } else {
                    0.0
                }
            }
            Self::Modulated { inner, omega } => inner.eval(tau) * (omega * tau).cos(),
            Self::Custom(f) => f(tau),
        }
    }
}

/// A `d×d` matrix memory kernel `K(t, s)`.
///
/// # Example
/// ```
/// use gle_core::kernel::{MemoryKernel, ScalarKernel};
/// let k = MemoryKernel::isotropic(ScalarKernel::exponential(1.0, 0.5).unwrap(), 3).unwrap();
/// let mut m = [0.0; 9];
/// k.eval(2.0, 0.0, &mut m);
/// assert!((m[0] - (-1.0f64).exp()).abs() < 1e-15 && m[1] == 0.0);
/// ```
#[derive(Clone)]
pub enum MemoryKernel {
    /// `K(t,s) = k(t-s) A`; `matrix = None` means `A = I`.
    Stationary {
        /// The scalar profile `k`.
        profile: ScalarKernel,
        /// `A` row-major `d×d`, or `None` for the identity.
        matrix: Option<Vec<f64>>,
        /// Dimension `d`.
        dim: usize,
    },
    /// Any `K(t, s)`.
    General {
        /// The closure writing `K(t,s)`.
        f: GeneralFn,
        /// Dimension `d`.
        dim: usize,
    },
}

impl fmt::Debug for MemoryKernel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Stationary {
                profile,
                matrix,
                dim,
            } => f
                .debug_struct("Stationary")
                .field("profile", profile)
                .field("matrix", matrix)
                .field("dim", dim)
                .finish(),
            Self::General { dim, .. } => write!(f, "General {{ dim: {dim} }}"),
        }
    }
}

impl MemoryKernel {
    /// `K(t,s) = k(t-s) I_d`.
    ///
    /// # Example
    /// ```
    /// use gle_core::kernel::{MemoryKernel, ScalarKernel};
    /// let k = MemoryKernel::isotropic(ScalarKernel::exponential(1.0, 0.5).unwrap(), 3).unwrap();
    /// assert_eq!(k.dim(), 3);
    /// assert!(k.profile().is_some() && k.matrix().is_none());
    /// ```
    ///
    /// # Errors
    /// [`GleError::Base`] for `d = 0`.
    pub fn isotropic(profile: ScalarKernel, dim: usize) -> Result<Self> {
        if dim == 0 {
            return Err(langevin_base::Error::Empty { name: "dim" }.into());
        }
        Ok(Self::Stationary {
            profile,
            matrix: None,
            dim,
        })
    }

    /// `K(t,s) = k(t-s) A` with `A` row-major `d×d`.
    ///
    /// # Example
    /// ```
    /// use gle_core::kernel::{MemoryKernel, ScalarKernel};
    /// let a = vec![2.0, 1.0, 1.0, 2.0];
    /// let k = MemoryKernel::stationary(ScalarKernel::exponential(1.0, 1.0).unwrap(), a).unwrap();
    /// let mut m = [0.0; 4];
    /// k.eval(1.0, 1.0, &mut m); // k(0) A
    /// assert_eq!(m, [2.0, 1.0, 1.0, 2.0]);
    /// ```
    ///
    /// # Errors
    /// [`GleError::Base`] if `A` is not square, empty or non-finite.
    pub fn stationary(profile: ScalarKernel, matrix: Vec<f64>) -> Result<Self> {
        let dim = (matrix.len() as f64).sqrt().round() as usize;
        if dim == 0 {
            return Err(langevin_base::Error::Empty { name: "matrix" }.into());
        }
        langevin_base::error::same_dim("matrix", dim * dim, matrix.len())?;
        langevin_base::error::all_finite("matrix", &matrix)?;
        Ok(Self::Stationary {
            profile,
            matrix: Some(matrix),
            dim,
        })
    }

    /// A general kernel `K(t, s)` from a closure writing the `d×d` matrix row-major.
    ///
    /// # Example
    /// ```
    /// use gle_core::kernel::MemoryKernel;
    /// // a non-stationary scalar kernel K(t,s) = e^{-(t-s)}/(1+s)
    /// let k = MemoryKernel::general(1, |t, s, out| out[0] = (-(t - s)).exp() / (1.0 + s)).unwrap();
    /// let mut m = [0.0];
    /// k.eval(1.0, 1.0, &mut m);
    /// assert_eq!(m[0], 0.5);
    /// assert!(k.profile().is_none()); // no fast history path
    /// ```
    ///
    /// # Errors
    /// [`GleError::Base`] for `d = 0`.
    ///
    /// # Numerical notes
    /// General kernels are summed directly, `O(N²d²)` for `N` steps.
    pub fn general(
        dim: usize,
        f: impl Fn(f64, f64, &mut [f64]) + Send + Sync + 'static,
    ) -> Result<Self> {
        if dim == 0 {
            return Err(langevin_base::Error::Empty { name: "dim" }.into());
        }
        Ok(Self::General {
            f: Arc::new(f),
            dim,
        })
    }

    /// The dimension `d`.
    pub fn dim(&self) -> usize {
        match self {
            Self::Stationary { dim, .. } | Self::General { dim, .. } => *dim,
        }
    }

    /// The scalar profile if the kernel is translation invariant (fast paths apply).
    pub fn profile(&self) -> Option<&ScalarKernel> {
        match self {
            Self::Stationary { profile, .. } => Some(profile),
            Self::General { .. } => None,
        }
    }

    /// The constant matrix `A` of a stationary kernel (`None` = identity or general kernel).
    pub fn matrix(&self) -> Option<&[f64]> {
        match self {
            Self::Stationary { matrix, .. } => matrix.as_deref(),
            Self::General { .. } => None,
        }
    }

    /// Writes `K(t, s)` (row-major `d×d`) into `out`.
    ///
    /// # Panics
    /// For an isotropic kernel, if `out` is shorter than `d²`; pass a `d²` slice always
    /// (a general kernel's closure decides for itself).
    #[inline]
    pub fn eval(&self, t: f64, s: f64, out: &mut [f64]) {
        match self {
            Self::Stationary {
                profile,
                matrix,
                dim,
            } => {
                let k = profile.eval(t - s);
                if let Some(a) = matrix {
                    for (o, a) in out.iter_mut().zip(a) {
                        *o = k * a;
                    }
                } else {
                    out.fill(0.0);
                    for i in 0..*dim {
                        out[i * dim + i] = k;
                    }
                }
            }
            Self::General { f, .. } => f(t, s, out),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn profiles_evaluate_their_formulas() {
        let e = ScalarKernel::exponential(-1.0, 2.0).unwrap();
        assert_eq!(e.eval(0.0), -1.0);
        let p = ScalarKernel::power_law(1.0, 1.0, 4.0).unwrap();
        assert!((p.eval(1.0) - 1.0 / 16.0).abs() < 1e-16);
        assert!((p.shifted(1.0).unwrap().eval(0.0) - 1.0 / 16.0).abs() < 1e-16);
        assert_eq!(p.cut_off(2.0).unwrap().eval(2.5), 0.0);
        assert_eq!(p.cut_off(2.0).unwrap().eval(1.0), p.eval(1.0));
        let m = e.modulated(std::f64::consts::PI).unwrap();
        // (-e^{-2}) · cos(π) = e^{-2}
        assert!((m.eval(1.0) - (-2.0f64).exp()).abs() < 1e-15);
        let s = ScalarKernel::stretched_exponential(2.0, 1.0, 0.5).unwrap();
        assert!((s.eval(4.0) - 2.0 * (-2.0f64).exp()).abs() < 1e-15);
        let pr = ScalarKernel::prony(vec![1.0, 2.0], vec![1.0, 0.5]).unwrap();
        assert!((pr.eval(2.0) - ((-2.0f64).exp() + 2.0 * (-1.0f64).exp())).abs() < 1e-15);
    }

    #[test]
    fn bad_kernel_parameters_are_typed_errors() {
        assert!(ScalarKernel::exponential(f64::NAN, 1.0).is_err());
        assert!(ScalarKernel::power_law(1.0, 0.0, 2.0).is_err());
        assert!(ScalarKernel::stretched_exponential(1.0, 1.0, 1.5).is_err());
        assert!(ScalarKernel::prony(vec![1.0], vec![]).is_err());
        assert!(ScalarKernel::prony(vec![], vec![]).is_err());
        assert!(MemoryKernel::stationary(ScalarKernel::custom(|t| t), vec![1.0; 3]).is_err());
        assert!(MemoryKernel::isotropic(ScalarKernel::custom(|t| t), 0).is_err());
    }
}
