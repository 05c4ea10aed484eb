//! The one error type of `langevin-base`: parameter validation and I/O.
//!
//! Every constructor and `run` in the workspace validates its parameters before touching
//! memory, so that bad input becomes an [`Error`] carrying the offending value instead of a
//! panic, an endless loop or a silent `NaN`.

/// Errors raised by parameter validation and by the writers of [`crate::io`].
///
/// Each variant names the parameter and carries the value that was rejected.
///
/// # Example
/// ```
/// use langevin_base::{Error, integrator::Baoab};
/// let err = Baoab::new(-0.1, 1.0, 1.0).unwrap_err();
/// assert!(matches!(err, Error::NonPositive { name: "dt", value } if value == -0.1));
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A parameter was `NaN` or infinite.
    #[error("parameter `{name}` must be finite, got {value}")]
    NotFinite {
        /// Name of the parameter.
        name: &'static str,
        /// The rejected value.
        value: f64,
    },
    /// A parameter that must be strictly positive (time step, friction, temperature, …) was not.
    #[error("parameter `{name}` must be > 0, got {value}")]
    NonPositive {
        /// Name of the parameter.
        name: &'static str,
        /// The rejected value.
        value: f64,
    },
    /// A parameter was outside its admissible range for another reason (stated in `reason`).
    #[error("parameter `{name}` = {value} is invalid: {reason}")]
    OutOfRange {
        /// Name of the parameter.
        name: &'static str,
        /// The rejected value.
        value: f64,
        /// Why the value is not admissible.
        reason: &'static str,
    },
    /// Two objects that must share a dimension do not.
    #[error("dimension mismatch in `{name}`: expected {expected}, got {got}")]
    DimensionMismatch {
        /// What was being matched (e.g. `"x0"`).
        name: &'static str,
        /// The dimension required.
        expected: usize,
        /// The dimension supplied.
        got: usize,
    },
    /// An input that must be non-empty (a sample, a grid, a step count) was empty or zero.
    #[error("`{name}` must be non-empty / non-zero")]
    Empty {
        /// Name of the input.
        name: &'static str,
    },
    /// The state of a simulation became non-finite (`NaN`/`±∞`): the integrator diverged,
    /// typically because the time step exceeds the stability limit of the scheme.
    #[error("integration diverged at step {step} (time {time}): state is no longer finite")]
    Diverged {
        /// Number of steps taken when the non-finite state was detected.
        step: u64,
        /// Simulation time `step · dt` at detection.
        time: f64,
    },
    /// Writing or reading a file failed.
    #[error("i/o error: {0}")]
    Io(#[from] std::io::Error),
    /// A configuration could not be (de)serialised.
    #[error("configuration error: {0}")]
    Config(String),
}

/// Shorthand for `Result<T, langevin_base::Error>`.
///
/// # Example
/// ```
/// use langevin_base::{Result, error::positive};
/// fn rate(tau: f64) -> Result<f64> { Ok(1.0 / positive("tau", tau)?) }
/// assert_eq!(rate(0.5).unwrap(), 2.0);
/// assert!(rate(0.0).is_err());
/// ```
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Returns `value` if it is finite, [`Error::NotFinite`] otherwise.
///
/// # Errors
/// [`Error::NotFinite`] carrying `name` and `value` for `NaN` or `±∞`.
///
/// # Example
/// ```
/// use langevin_base::error::finite;
/// assert_eq!(finite("x", 1.5).unwrap(), 1.5);
/// assert!(finite("x", f64::NAN).is_err());
/// ```
pub fn finite(name: &'static str, value: f64) -> Result<f64> {
    if value.is_finite() {
        Ok(value)
    } else {
        Err(Error::NotFinite { name, value })
    }
}

/// Returns `value` if it is finite and strictly positive.
///
/// # Errors
/// [`Error::NotFinite`] for `NaN`/`±∞`, [`Error::NonPositive`] for `value ≤ 0`.
///
/// # Example
/// ```
/// use langevin_base::error::positive;
/// assert!(positive("dt", 0.01).is_ok());
/// assert!(positive("dt", 0.0).is_err());
/// ```
pub fn positive(name: &'static str, value: f64) -> Result<f64> {
    let value = finite(name, value)?;
    if value > 0.0 {
        Ok(value)
    } else {
        Err(Error::NonPositive { name, value })
    }
}

/// Returns `value` if it is finite and `≥ 0`.
///
/// # Errors
/// [`Error::NotFinite`] for `NaN`/`±∞`, [`Error::OutOfRange`] for `value < 0`.
///
/// # Example
/// ```
/// use langevin_base::error::non_negative;
/// assert!(non_negative("sigma", 0.0).is_ok());
/// assert!(non_negative("sigma", -1.0).is_err());
/// ```
pub fn non_negative(name: &'static str, value: f64) -> Result<f64> {
    let value = finite(name, value)?;
    if value >= 0.0 {
        Ok(value)
    } else {
        Err(Error::OutOfRange {
            name,
            value,
            reason: "must be >= 0",
        })
    }
}

/// Checks that every entry of `values` is finite.
///
/// # Errors
/// [`Error::NotFinite`] with the first offending entry.
///
/// # Example
/// ```
/// use langevin_base::{Error, error::all_finite};
/// assert!(all_finite("x", &[1.0, 2.0]).is_ok());
/// let err = all_finite("x", &[1.0, f64::INFINITY, f64::NAN]).unwrap_err();
/// assert!(matches!(err, Error::NotFinite { name: "x", value } if value == f64::INFINITY));
/// ```
pub fn all_finite(name: &'static str, values: &[f64]) -> Result<()> {
    match values.iter().find(|v| !v.is_finite()) {
        Some(&value) => Err(Error::NotFinite { name, value }),
        None => Ok(()),
    }
}

/// Checks that `got == expected`.
///
/// # Errors
/// [`Error::DimensionMismatch`] otherwise.
///
/// # Example
/// ```
/// use langevin_base::{Error, error::same_dim};
/// assert!(same_dim("x0", 2, 2).is_ok());
/// let err = same_dim("x0", 2, 3).unwrap_err();
/// assert!(matches!(err, Error::DimensionMismatch { expected: 2, got: 3, .. }));
/// ```
pub fn same_dim(name: &'static str, expected: usize, got: usize) -> Result<()> {
    if expected == got {
        Ok(())
    } else {
        Err(Error::DimensionMismatch {
            name,
            expected,
            got,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_variant_carries_the_value() {
        assert!(
            matches!(finite("a", f64::INFINITY), Err(Error::NotFinite { name: "a", value }) if value.is_infinite())
        );
        assert!(
            matches!(positive("b", -2.0), Err(Error::NonPositive { name: "b", value }) if value == -2.0)
        );
        assert!(matches!(
            positive("b", f64::NAN),
            Err(Error::NotFinite { .. })
        ));
        assert!(
            matches!(non_negative("c", -1.0), Err(Error::OutOfRange { value, .. }) if value == -1.0)
        );
        assert!(matches!(
            same_dim("d", 2, 3),
            Err(Error::DimensionMismatch {
                expected: 2,
                got: 3,
                ..
            })
        ));
        assert!(matches!(
            all_finite("e", &[1.0, f64::NAN]),
            Err(Error::NotFinite { .. })
        ));
        assert!(all_finite("e", &[1.0, 2.0]).is_ok());
        let msg = positive("dt", 0.0).unwrap_err().to_string();
        assert!(msg.contains("dt") && msg.contains('0'), "{msg}");
    }
}
