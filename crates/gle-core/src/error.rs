//! The error type of `gle-core`.

/// Errors raised by gle-core: invalid kernels and parameters, failed conditions of the
/// theory, quadrature that did not reach its tolerance, and errors of `langevin-base`.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum GleError {
    /// A parameter error from `langevin-base` (NaN, non-positive step, friction, …).
    #[error(transparent)]
    Base(#[from] langevin_base::Error),
    /// A kernel parameter is invalid (e.g. a power-law exponent `β ≤ 1` where the L¹ norm or
    /// decay is required, a negative decay rate where decay is required).
    #[error("invalid kernel parameter `{name}` = {value}: {reason}")]
    InvalidKernel {
        /// Name of the parameter.
        name: &'static str,
        /// The rejected value.
        value: f64,
        /// Why it is rejected.
        reason: &'static str,
    },
    /// The final time is shorter than one step (`T < dt`).
    #[error("final time T = {t_end} is shorter than the step dt = {dt}")]
    HorizonTooShort {
        /// The final time.
        t_end: f64,
        /// The step.
        dt: f64,
    },
    /// A condition of the theory (contraction, decay) does not hold; `condition` names it.
    #[error("condition `{condition}` fails: {lhs} is not < {rhs}")]
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
    #[error("quadrature did not converge: estimated error {estimate} > tolerance {tolerance}")]
    QuadratureFailed {
        /// Error estimate reached.
        estimate: f64,
        /// The tolerance it was compared with.
        tolerance: f64,
    },
    /// The solution became non-finite at step `step` (time `time`).
    #[error("solution diverged (non-finite) at step {step}, t = {time}")]
    Diverged {
        /// Step index.
        step: usize,
        /// Time of the step.
        time: f64,
    },
    /// The requested operation is not supported for this kernel; `what` says which.
    #[error("unsupported: {what}")]
    Unsupported {
        /// What is not supported.
        what: &'static str,
    },
}

/// Shorthand for `Result<T, GleError>`.
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
