//! Validation suites of `gle-core`'s fast history paths, norms and resolvent.

use crate::harness::Suite;

/// The fast-history suites of `gle-core`.
pub fn suites() -> Vec<&'static dyn Suite> {
    vec![]
}
