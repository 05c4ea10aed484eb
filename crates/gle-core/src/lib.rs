//! # gle-core
//!
//! Generalized Langevin equations as stochastic Volterra equations (crate docs to be completed).

pub mod error;
pub mod kernel;

pub use error::{GleError, Result};
pub mod history;
pub mod solver;
pub mod coupling;
pub mod norm;
pub mod quadrature;
pub mod rates;
pub mod resolvent;
