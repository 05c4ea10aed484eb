//! # gle-core
//!
//! Generalized Langevin equations as stochastic Volterra equations (crate docs to be completed).

pub mod error;
pub mod kernel;

pub use error::{GleError, Result};
pub mod history;
