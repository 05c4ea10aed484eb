//! # gle-core
//!
//! Generalized Langevin equations (GLEs) as stochastic Volterra equations: simulate them fast,
//! and measure how much a trajectory changes when the memory kernel `K` is replaced by an
//! estimate `K̃` — the error analysis of Lang & Lu, "Error Analysis of Generalized Langevin
//! Equations with Approximated Memory Kernels" (arXiv 2512.10256).
//!
//! ## Models
//!
//! Second order (position–velocity) in `d` dimensions, and first order (no force):
//!
//! ```text
//! dX = V dt
//! dV = -γV dt - u∇U(X) dt - (∫₀ᵗ K(t,s) V(s) ds) dt + σ dB
//!
//! dV = -γV dt - (∫₀ᵗ K(t,s) V(s) ds) dt + σ dB
//! ```
//!
//! `K(t,s)` is a `d×d` matrix kernel, either translation invariant `k(t-s)A` (fast history
//! paths apply) or any closure. The theory bounds `E|V_t - Ṽ_t|² ≤ C₂(h(t) + σ²)` (first
//! order) and `E r_t² ≤ C₄(h(t) + σ²)` in a hypocoercive distance (second order), with
//! constants that grow with the weighted kernel error `|||K - K̃|||_h² = ∫|k - k̃|²/h`.
//!
//! ## Example
//!
//! A first-order solve with an exponential kernel `k = e^{-τ}` and `γ = 1`, `σ = 0`: the
//! trapezoidal scheme reproduces the closed form `ρ(t) = e^{-t} cos t` to `O(dt²)`.
//!
//! ```
//! use gle_core::kernel::{MemoryKernel, ScalarKernel};
//! use gle_core::solver::{FirstOrderGle, Scheme};
//! use langevin_base::rng::Seed;
//!
//! let k = MemoryKernel::isotropic(ScalarKernel::exponential(1.0, 1.0)?, 1)?;
//! let gle = FirstOrderGle::builder(k)
//!     .gamma(1.0)
//!     .dt(0.01)
//!     .t_end(2.0)
//!     .v0(vec![1.0])
//!     .scheme(Scheme::Trapezoidal)
//!     .build()?;
//! let path = gle.solve(&mut Seed(7).root())?;
//! let exact = (-2.0f64).exp() * 2.0f64.cos();
//! assert!((path.final_v()[0] - exact).abs() < 1e-4);
//! # Ok::<(), gle_core::GleError>(())
//! ```
//!
//! ## Modules
//!
//! | module | contents |
//! |---|---|
//! | [`kernel`] | scalar profiles (exponential, power law, Prony, stretched, oscillatory), perturbation families, matrix kernels `K(t,s)` |
//! | [`history`] | the memory sum `Σ k((n-m)dt) v_m`: direct, exact Prony recursion, sum-of-exponentials, FFT-blocked |
//! | [`solver`] | first- and second-order solvers: the authors' schemes and a second-order trapezoidal scheme |
//! | [`coupling`] | synchronized pairs `(K, K̃)` on shared noise: `E\|ΔV\|²`, `E r²`, `C₂`, `C₄` |
//! | [`norm`] | weighted kernel norms `\|\|\|K - K̃\|\|\|_h²` and the paper's weights |
//! | [`rates`] | comparison-theorem decay rate, power-law threshold, contraction conditions |
//! | [`resolvent`] | the Volterra resolvent `r + k*r = k` and `ρ(t)` |
//! | [`quadrature`] | adaptive quadrature used by the norms |
//! | [`error`] | [`GleError`] |
//!
//! ## Known shortcomings
//!
//! The thermal GLE (coloured noise obeying the fluctuation–dissipation theorem) and kernel
//! estimation from data are not implemented yet; noise is white.

pub mod error;
pub mod kernel;

pub use error::{GleError, Result};
pub mod coupling;
pub mod history;
pub mod norm;
pub mod quadrature;
pub mod rates;
pub mod resolvent;
pub mod solver;
