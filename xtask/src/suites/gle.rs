//! Validation suites of `gle-core`.

use crate::harness::Suite;

/// The suites of `gle-core`.
pub fn suites() -> Vec<&'static dyn Suite> {
    vec![]
}
