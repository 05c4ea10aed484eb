//! # langevin-base
//!
//! The shared core of the `langevin` workspace: everything that two or more crates need to
//! simulate Langevin dynamics reproducibly and to check the results against exact references.
//!
//! - Overdamped dynamics `dX = -∇U(X)/γ dt + √(2/(βγ)) dW` and underdamped dynamics
//!   `dq = M⁻¹p dt`, `dp = -∇U(q) dt - γM⁻¹p dt + √(2γ/β) dW`, integrated by
//!   Euler–Maruyama, BAOAB and semi-implicit Euler ([`integrator`]);
//! - ensembles of independent particles run in parallel, **bitwise identical for any number
//!   of threads** ([`ensemble`]);
//! - the statistics used to validate them ([`stats`]), output ([`io`]) and configuration
//!   ([`config`]).
//!
//! # Example
//! BAOAB in the double well `U = (x² - 1)²` at `β = 3`, one trajectory with a fixed seed:
//! ```
//! use langevin_base::integrator::{Baoab, RunConfig};
//! use langevin_base::potential::DoubleWell;
//! use langevin_base::stats::Welford;
//!
//! let u = DoubleWell::new(1.0, 0.0)?;
//! let baoab = Baoab::new(0.05, 1.0, 3.0)?;
//! let traj = baoab.run(&u, &[-1.0], &[0.0], &RunConfig::new(20_000, 10, 42))?;
//! let x = Welford::from_slice(&traj.component(0))?;
//! assert_eq!(traj.stats.records, 2001);
//! assert!(x.mean().abs() < 1.0 && x.variance() > 0.1);
//! # Ok::<(), langevin_base::Error>(())
//! ```
//!
//! # Modules
//!
//! | module | contents |
//! |---|---|
//! | [`error`] | the [`Error`] enum: invalid parameters carry the offending value |
//! | [`rng`] | Xoshiro256++ streams, seeds, stream splitting by jumps |
//! | [`potential`] | the [`Potential`](potential::Potential) trait and ready potentials |
//! | [`integrator`] | Euler–Maruyama, BAOAB, semi-implicit Euler: `step` kernels and `run` |
//! | [`ensemble`] | parallel, reproducible ensembles; moments; first-passage times |
//! | [`stats`] | Welford, histograms, FFT autocorrelation, fits, KS, block averages, quadrature |
//! | [`io`] | `.npy` and CSV writers |
//! | [`config`] | serde configuration of integrators and runs (TOML/JSON) |
//!
//! # Conventions
//! `f64` throughout; state of `n` particles of dimension `d` stored row-major (`n·d`);
//! every random number from a named [`rng::Stream`]; errors are typed, never panics or
//! silent `NaN` (shape mismatches of caller-built buffers in the low-level kernels panic
//! with both shapes).

pub mod config;
pub mod ensemble;
pub mod error;
pub mod integrator;
pub mod io;
pub mod potential;
pub mod rng;
pub mod stats;

pub use error::{Error, Result};

/// The workspace README's example, compiled and run as a doctest.
#[cfg(doctest)]
#[doc = include_str!("../../../README.md")]
pub struct ReadmeDoctests;
