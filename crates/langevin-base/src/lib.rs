//! # langevin-base
//!
//! The shared core of the `langevin` workspace (placeholder crate docs; completed below).

pub mod error;
pub mod potential;
pub mod rng;

pub use error::{Error, Result};
