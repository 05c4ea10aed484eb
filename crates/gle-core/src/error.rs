//! The error type of `gle-core`.

/// Errors raised by gle-core: invalid kernels and parameters, failed conditions of the
/// theory, quadrature that did not reach its tolerance, and errors of `langevin-base`.
///
/// Every variant carries the offending value (or the name of the empty input), and the
/// `Display` message prints it.
///
/// # Example
/// ```
/// use gle_core::{GleError, rates::power_law_threshold};
/// let e = power_law_threshold(1.0, 0.1, 0.5, 1.0).unwrap_err(); // β = 0.5 ≤ 1
/// assert!(matches!(e, GleError::InvalidKernel { name: "beta", value, .. } if value == 0.5));
/// assert!(matches!(power_law_threshold(1.0, f64::NAN, 2.0, 1.0), Err(GleError::Base(_))));
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum GleError {
    /// A parameter error from `langevin-base` (NaN, non-positive step, friction, …).
    #[error(transparent)]
    Base(#[from] langevin_base::Error),
    /// A kernel parameter is invalid (e.g. a power-law exponent `β ≤ 1` where the L¹ norm or
    /// decay is required, a negative decay rate where decay is required).
    #[error("invalid kernel parameter `{name}` = {value:?}: {reason}")]
    InvalidKernel {
        /// Name of the parameter.
        name: &'static str,
        /// The rejected value.
        value: f64,
        /// Why it is rejected.
        reason: &'static str,
    },
    /// The final time is shorter than one step (`T < dt`).
    #[error("final time T = {t_end:?} is shorter than the step dt = {dt:?}")]
    HorizonTooShort {
        /// The final time.
        t_end: f64,
        /// The step.
        dt: f64,
    },
    /// A condition of the theory (contraction, decay) does not hold; `condition` names it.
    #[error("condition `{condition}` fails: {lhs:?} is not < {rhs:?}")]
    ConditionFails {
        /// The condition, written as in the paper.
        condition: &'static str,
        /// Its left-hand side.
        lhs: f64,
        /// Its right-hand side.
        rhs: f64,
    },
    /// Adaptive quadrature (or a fitted approximation) did not reach the requested tolerance.
    ///
    /// `estimate` and `tolerance` are on the same scale: absolute for integrals (the error
    /// estimate reached and `tol·|value|`), relative for the sum-of-exponentials fit.
    #[error("quadrature did not converge: estimated error {estimate:?} > tolerance {tolerance:?}")]
    QuadratureFailed {
        /// Error estimate reached.
        estimate: f64,
        /// The tolerance it was compared with.
        tolerance: f64,
    },
    /// The solution became non-finite at step `step` (time `time`).
    #[error("solution diverged (non-finite) at step {step}, t = {time:?}")]
    Diverged {
        /// Step index.
        step: usize,
        /// Time of the step.
        time: f64,
    },
    /// A requested size (number of steps, pairs, states, …) exceeds the documented limit.
    #[error("`{name}` = {requested:?} exceeds the limit {limit:?}")]
    TooLarge {
        /// What is too large.
        name: &'static str,
        /// The requested size.
        requested: f64,
        /// The limit it exceeds.
        limit: f64,
    },
    /// A quantity computed from the input (an integrand, a variance, an eigenvalue) is not
    /// finite or not admissible; `what` names it and `value` is the offending value.
    #[error("`{what}` is not finite or not admissible: {value:?}")]
    NotFinite {
        /// What was computed.
        what: &'static str,
        /// The offending value.
        value: f64,
    },
    /// An input that must be non-empty is empty.
    #[error("`{name}` is empty")]
    Empty {
        /// Name of the input.
        name: &'static str,
    },
    /// A quadrature tolerance outside the range that can be reached in `f64`.
    #[error("tolerance `{name}` = {value:?} is not finite or below {min:?}")]
    InvalidTolerance {
        /// Name of the tolerance.
        name: &'static str,
        /// The rejected value.
        value: f64,
        /// The smallest accepted value.
        min: f64,
    },
    /// The requested operation is not supported for this kernel; `what` says which.
    #[error("unsupported: {what}")]
    Unsupported {
        /// What is not supported.
        what: &'static str,
    },
}

/// Shorthand for `Result<T, GleError>`.
///
/// # Example
/// ```
/// fn rate(c: f64) -> gle_core::Result<f64> {
///     Ok(gle_core::rates::exponential_rate(c, 1.0, 1.0)?.rate)
/// }
/// assert_eq!(rate(1.0)?, 0.0); // γβ = C: the boundary, r = 0
/// # Ok::<(), gle_core::GleError>(())
/// ```
pub type Result<T, E = GleError> = std::result::Result<T, E>;

impl GleError {
    /// Wraps a base validation error.
    pub(crate) fn base(e: langevin_base::Error) -> Self {
        Self::Base(e)
    }
}

/// `value` if finite and `> 0`, else the base error with `name`.
pub(crate) fn positive(name: &'static str, value: f64) -> Result<f64> {
    langevin_base::error::positive(name, value).map_err(GleError::base)
}

/// `value` if finite, else the base error with `name`.
pub(crate) fn finite(name: &'static str, value: f64) -> Result<f64> {
    langevin_base::error::finite(name, value).map_err(GleError::base)
}

/// `value` if finite and `≥ 0`, else the base error with `name`.
pub(crate) fn non_negative(name: &'static str, value: f64) -> Result<f64> {
    langevin_base::error::non_negative(name, value).map_err(GleError::base)
}

/// The largest number of time steps any solver of this crate accepts: `2³² ≈ 4.3·10⁹`.
///
/// # Example
/// Checked before any allocation:
/// ```
/// use gle_core::{GleError, error::MAX_STEPS, solver::GleParams};
/// assert_eq!(MAX_STEPS, 1 << 32);
/// let e = GleParams::new(1.0, 0.0, 1e-3, 1e7).unwrap_err(); // N = 10¹⁰ > 2³²
/// assert!(matches!(e, GleError::TooLarge { limit, .. } if limit == MAX_STEPS as f64));
/// ```
pub const MAX_STEPS: u64 = 1 << 32;

/// Checks a step count `ratio` (`T/dt`, before rounding) against [`MAX_STEPS`].
pub(crate) fn check_steps(ratio: f64) -> Result<usize> {
    if ratio.is_nan() || ratio > MAX_STEPS as f64 {
        return Err(GleError::TooLarge {
            name: "steps T/dt",
            requested: ratio,
            limit: MAX_STEPS as f64,
        });
    }
    Ok(ratio as usize)
}

/// `N = ⌊T/dt⌋` (with a relative slack of `1e-9`) if `N ≤` [`MAX_STEPS`], else
/// [`GleError::TooLarge`]. `dt` and `t_end` must already be validated.
pub(crate) fn checked_steps(dt: f64, t_end: f64) -> Result<usize> {
    check_steps((t_end / dt * (1.0 + 1e-9)).floor())
}
