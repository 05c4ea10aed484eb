//! Registry of validation suites: one file per crate (or per area of a crate); add yours to
//! [`all`].

use crate::harness::Suite;

pub mod base;
pub mod gle;
pub mod gle_history;

/// Every registered suite, in run order.
pub fn all() -> Vec<&'static dyn Suite> {
    let mut v: Vec<&'static dyn Suite> = Vec::new();
    v.extend(base::suites());
    v.extend(gle::suites());
    v.extend(gle_history::suites());
    v
}
