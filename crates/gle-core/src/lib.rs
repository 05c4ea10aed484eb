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
//! ## Shortest complete use: the error analysis
//!
//! Exact kernel `k = (τ+1)^{-4}`, approximation cut off at `τ = 3`, the paper's weight
//! `h = (t+1)^{-6}`: the kernel error `|||k - k̃|||_h² = ∫_3^∞ (τ+1)^{-2} dτ = 1/4`, and the
//! constant `C₂` measured on synchronized pairs of first-order GLEs.
//!
//! ```
//! use gle_core::coupling::{CouplingConfig, couple_first_order};
//! use gle_core::kernel::{MemoryKernel, ScalarKernel};
//! use gle_core::norm::{Weight, kernel_error_norm};
//! use gle_core::solver::FirstOrderGle;
//! use langevin_base::rng::Seed;
//!
//! let k = ScalarKernel::power_law(1.0, 1.0, 4.0)?;
//! let k_tilde = k.cut_off(3.0)?;
//! let h = Weight::for_kernel(&k)?;
//! let norm = kernel_error_norm(&k, &k_tilde, &h, 1e-10)?;
//! assert!((norm.value - 0.25).abs() <= 1e-10);
//!
//! let gle = FirstOrderGle::builder(MemoryKernel::isotropic(k, 1)?)
//!     .gamma(3.0).sigma(1e-3).dt(0.02).t_end(4.0)
//!     .build()?;
//! let cfg = CouplingConfig { pairs: 4, seed: Seed(1), ..CouplingConfig::default() };
//! let report = couple_first_order(&gle, &MemoryKernel::isotropic(k_tilde, 1)?, &cfg, |t| h.eval(t))?;
//! assert!(report.c2 > 0.0 && report.mean_sq_dv[0] == 0.0); // same start, same noise
//! # Ok::<(), gle_core::GleError>(())
//! ```
//!
//! ## A single solve
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
//! | module | contents | entry points |
//! |---|---|---|
//! | [`kernel`] | scalar profiles (exponential, power law, Prony, stretched, oscillatory), perturbation families, matrix kernels `K(t,s)` | [`ScalarKernel`](kernel::ScalarKernel), [`MemoryKernel`](kernel::MemoryKernel) |
//! | [`solver`] | first- and second-order solvers: the authors' schemes and a second-order trapezoidal scheme | [`FirstOrderGle`](solver::FirstOrderGle), [`SecondOrderGle`](solver::SecondOrderGle) |
//! | [`history`] | the memory sum `Σ k((n-m)dt) v_m`: direct, exact Prony recursion, sum-of-exponentials, FFT-blocked | [`make_history`](history::make_history), [`SoeApproximation::fit`](history::SoeApproximation::fit) |
//! | [`coupling`] | synchronized pairs `(K, K̃)` on shared noise: `E\|ΔV\|²`, `E r²`, `C₂`, `C₄` | [`couple_first_order`](coupling::couple_first_order), [`couple_second_order`](coupling::couple_second_order) |
//! | [`norm`] | weighted kernel norms `\|\|\|K - K̃\|\|\|_h²` and the paper's weights | [`kernel_error_norm`](norm::kernel_error_norm), [`Weight::for_kernel`](norm::Weight::for_kernel) |
//! | [`rates`] | comparison-theorem decay rate, power-law threshold, contraction conditions | [`exponential_rate`](rates::exponential_rate), [`power_law_threshold`](rates::power_law_threshold), [`contraction_conditions`](rates::contraction_conditions) |
//! | [`resolvent`] | the Volterra resolvent `r + k*r = k` and `ρ(t)` | [`resolvent`](resolvent::resolvent), [`deterministic_solution`](resolvent::deterministic_solution) |
//! | [`quadrature`] | adaptive Gauss–Kronrod quadrature with tail extrapolation, used by the norms | [`HalfLine`](quadrature::HalfLine) |
//! | [`error`] | the error type | [`GleError`] |
//!
//! ## Not yet supported
//!
//! * **Thermal GLE with coloured noise** (noise obeying the fluctuation–dissipation theorem):
//!   the noise is white, `σ dB`, in every solver.
//! * **Kernel estimation from data** (recovering `k` from a trajectory's velocity
//!   autocorrelation): kernels must be given.
//!
//! Neither has an API yet. Where a supported item has a limit, its docs say so and it returns
//! a typed error: e.g. the Prony history only for sums of exponentials and the
//! sum-of-exponentials fit only for completely monotone profiles
//! ([`GleError::Unsupported`]), and kernel norms whose quadrature cannot reach the tolerance
//! ([`GleError::QuadratureFailed`]).

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
