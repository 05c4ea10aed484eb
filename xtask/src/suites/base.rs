//! Validation suites of `langevin-base`.

use crate::harness::Suite;

/// The suites of `langevin-base`.
pub fn suites() -> Vec<&'static dyn Suite> {
    vec![]
}
