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
    #[error("parameter `{name}` must be finite, got {value:?}")]
    NotFinite {
        /// Name of the parameter.
        name: &'static str,
        /// The rejected value.
        value: f64,
    },
    /// A parameter that must be strictly positive (time step, friction, temperature, …) was not.
    #[error("parameter `{name}` must be > 0, got {value:?}")]
    NonPositive {
        /// Name of the parameter.
        name: &'static str,
        /// The rejected value.
        value: f64,
    },
    /// A parameter was outside its admissible range for another reason (stated in `reason`).
    #[error("parameter `{name}` = {value:?} is invalid: {reason}")]
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
    #[error("integration diverged at step {step} (time {time:?}): state is no longer finite")]
    Diverged {
        /// Number of steps taken when the non-finite state was detected.
        step: u64,
        /// Simulation time `step · dt` at detection.
        time: f64,
    },
    /// A size (a count of records, particles, bins or array elements) is too large to be
    /// represented or allocated.
    #[error("`{name}` = {requested} is too large (limit {limit})")]
    TooLarge {
        /// What was being sized (e.g. `"records"`).
        name: &'static str,
        /// The size requested (exact, computed without overflow).
        requested: u128,
        /// The largest admissible size.
        limit: u128,
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

/// The largest number of `f64`s a single allocation may hold (`isize::MAX` bytes).
pub(crate) const MAX_F64S: usize = isize::MAX as usize / std::mem::size_of::<f64>();

/// Returns `a · b` if it is at most [`MAX_F64S`].
///
/// # Errors
/// [`Error::TooLarge`] carrying the exact product otherwise.
pub(crate) fn checked_len(name: &'static str, a: usize, b: usize) -> Result<usize> {
    match a.checked_mul(b) {
        Some(n) if n <= MAX_F64S => Ok(n),
        _ => Err(Error::TooLarge {
            name,
            requested: a as u128 * b as u128,
            limit: MAX_F64S as u128,
        }),
    }
}

/// An empty vector with room for exactly `n` elements, or [`Error::TooLarge`] if the allocation
/// is impossible or fails (instead of the abort of `Vec::with_capacity`).
///
/// # Errors
/// [`Error::TooLarge`] naming `name` and carrying `n`.
pub(crate) fn try_vec<T>(name: &'static str, n: usize) -> Result<Vec<T>> {
    let mut v = Vec::new();
    v.try_reserve_exact(n).map_err(|_| Error::TooLarge {
        name,
        requested: n as u128,
        limit: (isize::MAX as usize / std::mem::size_of::<T>().max(1)) as u128,
    })?;
    Ok(v)
}

/// A vector of `n` copies of `value`, or [`Error::TooLarge`] (see [`try_vec`]).
///
/// # Errors
/// [`Error::TooLarge`] naming `name` and carrying `n`.
pub(crate) fn try_filled<T: Clone>(name: &'static str, n: usize, value: T) -> Result<Vec<T>> {
    let mut v = try_vec(name, n)?;
    v.resize(n, value);
    Ok(v)
}

/// Checks that a coefficient derived from validated parameters is finite.
///
/// # Errors
/// [`Error::OutOfRange`] naming the input parameter `name` (with its `value`) held responsible,
/// with `reason`, when `derived` is `NaN` or `±∞`.
pub(crate) fn derived(
    derived: f64,
    name: &'static str,
    value: f64,
    reason: &'static str,
) -> Result<f64> {
    if derived.is_finite() {
        Ok(derived)
    } else {
        Err(Error::OutOfRange {
            name,
            value,
            reason,
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

    #[test]
    fn messages_print_floats_compactly() {
        let msg = positive("beta", -1e-320).unwrap_err().to_string();
        assert!(msg.ends_with("got -1e-320"), "{msg}");
    }

    #[test]
    fn too_large_sizes_are_typed() {
        assert!(matches!(
            checked_len("x", usize::MAX, 2),
            Err(Error::TooLarge { requested, .. }) if requested == usize::MAX as u128 * 2
        ));
        assert_eq!(checked_len("x", 3, 4).unwrap(), 12);
        assert!(matches!(
            try_vec::<f64>("x", usize::MAX),
            Err(Error::TooLarge { name: "x", .. })
        ));
        assert!(matches!(
            derived(f64::INFINITY, "beta", 1e-320, "overflow"),
            Err(Error::OutOfRange { name: "beta", .. })
        ));
    }
}
