//! Decay rates of the comparison theorem, the power-law threshold, and the second-order
//! contraction conditions of Lang & Lu (arXiv 2512.10256).
//!
//! | item | statement |
//! |---|---|
//! | [`exponential_rate`] | `\|k\| = C e^{-βτ}`: `\|ρ(t)\| ≲ e^{rt}`, `r = -½[(β+γ) - √((β-γ)² + 4C)]`, decay iff `γβ > C` |
//! | [`authors_discrete_rate`] | the exact decay rate of the authors' first-order recursion for `k = κe^{-βτ}` |
//! | [`power_law_threshold`] | `\|k\| = C(τ+c)^{-β}`, `β > 1`: `t^{-β}` decay if `γ > ‖k‖_{L¹} = C c^{1-β}/(β-1)` |
//! | [`contraction_conditions`] | `L_G u/γ² < 3/4` and `λ < min(1/8, κu/(2γ²))`, `κ = λ_min(R)` |

use crate::error::{GleError, Result, finite, non_negative, positive};
use langevin_base::potential::QuadraticPlusSoft;

/// The comparison-theorem rate of an exponential kernel (see [`exponential_rate`]).
///
/// `r` is the largest root of `(λ+γ)(λ+β) = C`; the kernel allows decay iff `γβ > C`.
///
/// # Example
/// At the boundary `γβ = C` the rate is exactly zero and no decay is reported:
/// ```
/// use gle_core::rates::exponential_rate;
/// let r = exponential_rate(2.0, 1.0, 2.0)?; // γβ = C = 2
/// assert_eq!((r.rate, r.decays, r.gamma_beta, r.c), (0.0, false, 2.0, 2.0));
/// # Ok::<(), gle_core::GleError>(())
/// ```
///
/// # Numerical notes
/// A plain record of the inputs and the rate; see [`exponential_rate`] for how `r` is
/// computed without cancellation. Reference: Lang & Lu, arXiv 2512.10256, Sec. 3.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ExponentialRate {
    /// `r = -½[(β+γ) - √((β-γ)² + 4C)]` (negative when the solution decays).
    pub rate: f64,
    /// Whether the decay condition `γβ > C` holds (equivalently `r < 0`).
    pub decays: bool,
    /// `γβ`.
    pub gamma_beta: f64,
    /// `C`.
    pub c: f64,
}

impl ExponentialRate {
    /// The rate, or an error if the kernel does not allow decay.
    ///
    /// # Errors
    /// [`GleError::ConditionFails`] naming `γβ > C` when `γβ ≤ C`.
    ///
    /// # Example
    /// ```
    /// use gle_core::rates::exponential_rate;
    /// assert!(exponential_rate(2.0, 1.0, 1.0)?.require_decay().is_err()); // γβ = 1 ≤ C = 2
    /// # Ok::<(), gle_core::GleError>(())
    /// ```
    pub fn require_decay(&self) -> Result<f64> {
        if self.decays {
            Ok(self.rate)
        } else {
            Err(GleError::ConditionFails {
                condition: "γβ > C",
                lhs: self.gamma_beta,
                rhs: self.c,
            })
        }
    }
}

/// The decay rate `r` of the comparison ODE for a kernel with `|k(τ)| ≤ C e^{-βτ}`:
///
/// ```text
/// r = -½[(β+γ) - √((β-γ)² + 4C)]
/// ```
///
/// the largest root of `(λ+γ)(λ+β) = C`. The deterministic first-order solution satisfies
/// `|ρ(t)| ≤ e^{rt}`, with equality for the anti-friction kernel `k = -Ce^{-βτ}`. Decay
/// requires `γβ > C` (reported in [`ExponentialRate::decays`]); `r → -β` as `γ → ∞`.
///
/// # Example
/// ```
/// use gle_core::rates::exponential_rate;
/// let r = exponential_rate(1.0, 1.0, 2.0)?; // -½(3 - √5)
/// assert!((r.rate + 0.5 * (3.0 - 5f64.sqrt())).abs() < 1e-15 && r.decays);
/// # Ok::<(), gle_core::GleError>(())
/// ```
///
/// # Errors
/// [`GleError::Base`] for non-finite input, `C < 0`, `β ≤ 0` or `γ < 0`.
///
/// # Numerical notes
/// For `C ≪ (β-γ)²` the difference of nearly equal terms loses digits; the rate is computed
/// as `-2(γβ - C)/((β+γ) + √((β-γ)²+4C))`, which is exact in floating point to a few ulps.
/// Reference: Lang & Lu, arXiv 2512.10256, Sec. 3 (comparison theorem) and Sec. 5.1.
pub fn exponential_rate(c: f64, beta: f64, gamma: f64) -> Result<ExponentialRate> {
    let c = non_negative("C", c)?;
    let beta = positive("beta", beta)?;
    let gamma = non_negative("gamma", gamma)?;
    let s = ((beta - gamma).powi(2) + 4.0 * c).sqrt();
    // -½[(β+γ) - s] = -½[(β+γ)² - s²]/[(β+γ) + s] = -2(γβ - C)/[(β+γ) + s].
    let rate = -2.0 * (gamma * beta - c) / ((beta + gamma) + s);
    Ok(ExponentialRate {
        rate,
        decays: gamma * beta > c,
        gamma_beta: gamma * beta,
        c,
    })
}

/// The exact asymptotic rate `ln|μ|/dt` of the authors' first-order recursion
/// ([`Scheme::AuthorsFirstOrder`](crate::solver::Scheme::AuthorsFirstOrder), `σ = 0`, `d = 1`)
/// for `k(τ) = κ e^{-βτ}`.
///
/// With `q = e^{-βdt}` and `a = 1 - γdt + ½κdt²q`, the recursion
/// `v_n = a v_{n-1} - κdt² S_n`, `S_n = q(S_{n-1} + v_{n-1})` (up to a transient `∝ qⁿ`) has
/// the characteristic polynomial
///
/// ```text
/// μ² - μ(q + a - κdt²q) + a q = 0
/// ```
///
/// and `μ` is its root of largest modulus. As `dt → 0`, `ln|μ|/dt → r` of
/// [`exponential_rate`] (with `C = -κ`) with an `O(dt)` error.
///
/// # Example
/// ```
/// use gle_core::rates::{authors_discrete_rate, exponential_rate};
/// let r = exponential_rate(1.0, 2.0, 3.0)?.rate;
/// let rd = authors_discrete_rate(-1.0, 2.0, 3.0, 1e-3)?;
/// assert!((rd - r).abs() < 1e-2);
/// # Ok::<(), gle_core::GleError>(())
/// ```
///
/// # Errors
/// [`GleError::Base`] for non-finite input, `β ≤ 0`, `γ < 0` or `dt ≤ 0`.
///
/// # Numerical notes
/// Complex roots (oscillating solutions) return `ln√(aq)/dt`, the common modulus. If the
/// dominant root is non-positive the recursion oscillates in sign at the grid scale (an
/// unstable step); the modulus is still returned. Reference: the first-order scheme of
/// Lang & Lu, arXiv 2512.10256, Sec. 5.1 (used to separate the scheme's `O(dt)` bias from
/// the theory in the validation).
pub fn authors_discrete_rate(kappa: f64, beta: f64, gamma: f64, dt: f64) -> Result<f64> {
    let kappa = finite("kappa", kappa)?;
    let beta = positive("beta", beta)?;
    let gamma = non_negative("gamma", gamma)?;
    let dt = positive("dt", dt)?;
    let q = (-beta * dt).exp();
    let a = 1.0 - gamma * dt + 0.5 * kappa * dt * dt * q;
    let p = q + a - kappa * dt * dt * q;
    let disc = p * p - 4.0 * a * q;
    let modulus = if disc >= 0.0 {
        let s = disc.sqrt();
        (0.5 * (p + s)).abs().max((0.5 * (p - s)).abs())
    } else {
        (a * q).abs().sqrt()
    };
    Ok(modulus.ln() / dt)
}

/// The decay threshold for a power-law kernel, from [`power_law_threshold`].
///
/// `‖k‖_{L¹} = C c^{1-β}/(β-1)` for `|k(τ)| ≤ C(τ+c)^{-β}`; decay needs `γ > ‖k‖_{L¹}`.
///
/// # Example
/// The comparison is strict: `γ` equal to the threshold does not decay.
/// ```
/// use gle_core::rates::power_law_threshold;
/// let t = power_law_threshold(2.0, 1.0, 3.0, 1.0)?; // ‖k‖ = 2·1/(3-1) = 1
/// assert_eq!((t.threshold, t.gamma, t.decays), (1.0, 1.0, false));
/// # Ok::<(), gle_core::GleError>(())
/// ```
///
/// # Numerical notes
/// Exact formula; reference: Lang & Lu, arXiv 2512.10256, Sec. 3 and 5.1(b).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PowerLawThreshold {
    /// `‖k‖_{L¹} = C c^{1-β}/(β-1)`.
    pub threshold: f64,
    /// The friction `γ` compared with it.
    pub gamma: f64,
    /// Whether `γ > ‖k‖_{L¹}` (the solution then decays like `t^{-β}`).
    pub decays: bool,
}

/// The power-law decay threshold: for `|k(τ)| ≤ C(τ+c)^{-β}`, `β > 1`, the deterministic
/// solution decays like `t^{-β}` if
///
/// ```text
/// γ > ‖k‖_{L¹} = C c^{1-β} / (β-1).
/// ```
///
/// # Example
/// ```
/// use gle_core::rates::power_law_threshold;
/// let t = power_law_threshold(1.0, 0.1, 2.0, 20.0)?; // ‖k‖ = 10
/// assert!((t.threshold - 10.0).abs() < 1e-12 && t.decays);
/// assert!(power_law_threshold(1.0, 0.1, 1.0, 20.0).is_err()); // β ≤ 1: not integrable
/// # Ok::<(), gle_core::GleError>(())
/// ```
///
/// # Errors
/// [`GleError::InvalidKernel`] for `β ≤ 1` (the L¹ norm is infinite); [`GleError::Base`] for
/// non-finite input, `C < 0`, `c ≤ 0` or `γ < 0`.
///
/// # Numerical notes
/// Exact formula. Reference: Lang & Lu, arXiv 2512.10256, Sec. 3 and 5.1(b).
pub fn power_law_threshold(c_amp: f64, c: f64, beta: f64, gamma: f64) -> Result<PowerLawThreshold> {
    let c_amp = non_negative("C", c_amp)?;
    let c = positive("c", c)?;
    let beta = finite("beta", beta)?;
    let gamma = non_negative("gamma", gamma)?;
    if beta <= 1.0 {
        return Err(GleError::InvalidKernel {
            name: "beta",
            value: beta,
            reason: "a power law (τ+c)^-β with β <= 1 is not integrable (infinite L¹ norm)",
        });
    }
    let threshold = c_amp * c.powf(1.0 - beta) / (beta - 1.0);
    Ok(PowerLawThreshold {
        threshold,
        gamma,
        decays: gamma > threshold,
    })
}

/// The second-order contraction conditions, evaluated (see [`contraction_conditions`]).
///
/// ```text
/// force_ok  ⇔  L_G u/γ² < 3/4,     lambda_ok  ⇔  λ < min(1/8, κu/(2γ²))
/// ```
///
/// # Example
/// With `R = diag(1, 4)`, `u = 1`, `γ = 2`: `κ = 1`, `κu/(2γ²) = 1/8`, so the `λ` bound is `1/8`.
/// ```
/// use gle_core::rates::contraction_conditions;
/// let rep = contraction_conditions(&[1.0, 0.0, 0.0, 4.0], 1.0, 1.0, 2.0, 0.1)?;
/// assert!((rep.kappa - 1.0).abs() < 1e-14 && rep.force_ratio == 0.25);
/// assert!(rep.lambda_bound == 0.125 && rep.force_ok && rep.lambda_ok);
/// # Ok::<(), gle_core::GleError>(())
/// ```
///
/// # Numerical notes
/// `κ` comes from [`smallest_eigenvalue`] (faer, backward stable). Reference: Lang & Lu,
/// arXiv 2512.10256, Sec. 4.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ContractionReport {
    /// `κ`, the smallest eigenvalue of `R`.
    pub kappa: f64,
    /// `L_G u/γ²`.
    pub force_ratio: f64,
    /// Whether `L_G u/γ² < 3/4`.
    pub force_ok: bool,
    /// `min(1/8, κu/(2γ²))`.
    pub lambda_bound: f64,
    /// `λ`.
    pub lambda: f64,
    /// Whether `λ < min(1/8, κu/(2γ²))`.
    pub lambda_ok: bool,
}

impl ContractionReport {
    /// `Ok` if both conditions hold, else the first failing one.
    ///
    /// # Errors
    /// [`GleError::ConditionFails`] naming `L_G u/γ² < 3/4` or `λ < min(1/8, κu/(2γ²))`.
    ///
    /// # Example
    /// ```
    /// use gle_core::rates::contraction_conditions;
    /// let rep = contraction_conditions(&[10.0], 1.0, 10.0, 1.0, 0.1)?; // L_G u/γ² = 10
    /// assert!(rep.verify().unwrap_err().to_string().contains("L_G u/γ² < 3/4"));
    /// # Ok::<(), gle_core::GleError>(())
    /// ```
    pub fn verify(&self) -> Result<()> {
        if !self.force_ok {
            return Err(GleError::ConditionFails {
                condition: "L_G u/γ² < 3/4",
                lhs: self.force_ratio,
                rhs: 0.75,
            });
        }
        if !self.lambda_ok {
            return Err(GleError::ConditionFails {
                condition: "λ < min(1/8, κu/(2γ²))",
                lhs: self.lambda,
                rhs: self.lambda_bound,
            });
        }
        Ok(())
    }
}

/// Evaluates the contraction conditions of the second-order theorem for
/// `U = ½xᵀRx + G(x)`, `R ⪰ κI`, `∇G` `L_G`-Lipschitz:
///
/// ```text
/// L_G u/γ² < 3/4,     λ < min(1/8, κu/(2γ²)),     κ = λ_min(R)
/// ```
///
/// # Example
/// The paper's Sec. 5.3 setting (`κ = 10`, `u = 10`, `γ = 10`, `L_G = 1/100`):
/// ```
/// use gle_core::rates::contraction_conditions;
/// let rep = contraction_conditions(&[10.0, 0.0, 0.0, 12.0], 0.01, 10.0, 10.0, 0.1)?;
/// assert!(rep.verify().is_ok() && (rep.kappa - 10.0).abs() < 1e-12);
/// # Ok::<(), gle_core::GleError>(())
/// ```
///
/// # Errors
/// [`GleError::Base`] for non-finite input, `γ ≤ 0`, `L_G < 0`, or `R` not square or not
/// symmetric. Failing conditions are *not* errors here: see [`ContractionReport::verify`].
///
/// # Numerical notes
/// `κ` by faer's self-adjoint eigensolver (backward stable: error `O(ε‖R‖)`).
/// Reference: Lang & Lu, arXiv 2512.10256, Sec. 4.
pub fn contraction_conditions(
    r: &[f64],
    l_g: f64,
    u: f64,
    gamma: f64,
    lambda: f64,
) -> Result<ContractionReport> {
    let l_g = non_negative("L_G", l_g)?;
    let u = finite("u", u)?;
    let gamma = positive("gamma", gamma)?;
    let lambda = finite("lambda", lambda)?;
    let kappa = smallest_eigenvalue(r)?;
    let g2 = gamma * gamma;
    let force_ratio = l_g * u / g2;
    let lambda_bound = (1.0 / 8.0_f64).min(kappa * u / (2.0 * g2));
    Ok(ContractionReport {
        kappa,
        force_ratio,
        force_ok: force_ratio < 0.75,
        lambda_bound,
        lambda,
        lambda_ok: lambda < lambda_bound,
    })
}

/// [`contraction_conditions`] for a [`QuadraticPlusSoft`] potential (`R` and `L_G = 1/δ`).
///
/// # Example
/// The potential of Sec. 5.3 in `d = 1` (`κ = 10`, `δ = 100`) with `u = 10`, `γ = 10`:
/// ```
/// use gle_core::rates::contraction_conditions_for;
/// use langevin_base::potential::QuadraticPlusSoft;
/// let pot = QuadraticPlusSoft::new(vec![10.0], 100.0)?;
/// let rep = contraction_conditions_for(&pot, 10.0, 10.0, 0.1)?;
/// assert!(rep.force_ok && rep.lambda_ok);
/// assert!(contraction_conditions_for(&pot, 10.0, 10.0, 0.2)?.verify().is_err()); // λ > 1/8
/// # Ok::<(), gle_core::GleError>(())
/// ```
///
/// # Numerical notes
/// Reference: Lang & Lu, arXiv 2512.10256, Sec. 4 (conditions) and 5.3 (this potential).
///
/// # Errors
/// As [`contraction_conditions`].
pub fn contraction_conditions_for(
    pot: &QuadraticPlusSoft,
    u: f64,
    gamma: f64,
    lambda: f64,
) -> Result<ContractionReport> {
    contraction_conditions(pot.quadratic(), pot.lipschitz_soft(), u, gamma, lambda)
}

/// The eigenvalues of a symmetric matrix (row-major `d×d`), ascending.
///
/// # Example
/// ```
/// use gle_core::rates::symmetric_eigenvalues;
/// let e = symmetric_eigenvalues(&[2.0, 1.0, 1.0, 2.0])?;
/// assert!((e[0] - 1.0).abs() < 1e-14 && (e[1] - 3.0).abs() < 1e-14);
/// # Ok::<(), gle_core::GleError>(())
/// ```
///
/// # Errors
/// [`GleError::Base`] if the matrix is empty, not square, non-finite or not symmetric
/// (to 1e-12 relative); [`GleError::NotFinite`] if an eigenvalue overflows `f64` (possible
/// only for entries near `f64::MAX`: `|λ| ≤ d·max|aᵢⱼ|`).
///
/// # Numerical notes
/// faer's self-adjoint eigensolver (Householder tridiagonalisation and implicit QR,
/// backward stable: each eigenvalue within `O(ε‖A‖)`) on `A / max|aᵢⱼ|`, so that no
/// intermediate can overflow; eigenvalues rescaled at the end and sorted in nondecreasing
/// order; `O(d³)`.
pub fn symmetric_eigenvalues(a: &[f64]) -> Result<Vec<f64>> {
    let d = (a.len() as f64).sqrt().round() as usize;
    if d == 0 {
        return Err(langevin_base::Error::Empty { name: "R" }.into());
    }
    langevin_base::error::same_dim("R", d * d, a.len())?;
    langevin_base::error::all_finite("R", a)?;
    let scale = a
        .iter()
        .fold(0.0_f64, |m, x| m.max(x.abs()))
        .max(f64::MIN_POSITIVE);
    for i in 0..d {
        for j in 0..i {
            if (a[i * d + j] - a[j * d + i]).abs() > 1e-12 * scale {
                return Err(langevin_base::Error::OutOfRange {
                    name: "R",
                    value: a[i * d + j] - a[j * d + i],
                    reason: "matrix must be symmetric",
                }
                .into());
            }
        }
    }
    // Work on A / max|aᵢⱼ| (entries in [-1, 1], so nothing inside the solver overflows) and
    // let faer's self-adjoint eigensolver (tridiagonalisation + QR) do the rest.
    let m = faer::Mat::<f64>::from_fn(d, d, |i, j| a[i * d + j] / scale);
    let ev = m
        .self_adjoint_eigenvalues(faer::Side::Lower)
        .map_err(|_| GleError::Unsupported {
            what: "the eigensolver did not converge",
        })?;
    let mut e: Vec<f64> = ev.iter().map(|x| x * scale).collect();
    if let Some(&bad) = e.iter().find(|x| !x.is_finite()) {
        return Err(GleError::NotFinite {
            what: "eigenvalue (|λ| exceeds f64::MAX)",
            value: bad,
        });
    }
    e.sort_by(f64::total_cmp);
    Ok(e)
}

/// The smallest eigenvalue `κ` of a symmetric matrix; see [`symmetric_eigenvalues`].
///
/// # Example
/// ```
/// use gle_core::rates::smallest_eigenvalue;
/// assert!((smallest_eigenvalue(&[2.0, 1.0, 1.0, 2.0])? - 1.0).abs() < 1e-14);
/// assert!(smallest_eigenvalue(&[1.0, 2.0, 0.0, 1.0]).is_err()); // not symmetric
/// # Ok::<(), gle_core::GleError>(())
/// ```
///
/// # Errors
/// As [`symmetric_eigenvalues`].
pub fn smallest_eigenvalue(a: &[f64]) -> Result<f64> {
    Ok(symmetric_eigenvalues(a)?[0])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rate_limits_and_errors() {
        // r → -β as γ → ∞ (r + β = O(C/γ)).
        let r = exponential_rate(1.0, 2.0, 1e6).unwrap().rate;
        assert!((r + 2.0).abs() < 2e-6, "{r}");
        // Boundary γβ = C: r = 0 and no decay.
        let b = exponential_rate(1.0, 1.0, 1.0).unwrap();
        assert_eq!(b.rate, 0.0);
        assert!(matches!(
            b.require_decay(),
            Err(GleError::ConditionFails {
                condition: "γβ > C",
                ..
            })
        ));
        assert!(exponential_rate(f64::NAN, 1.0, 1.0).is_err());
        assert!(exponential_rate(1.0, 0.0, 1.0).is_err());
    }

    #[test]
    fn discrete_rate_converges_at_first_order() {
        let r = exponential_rate(1.0, 3.0, 2.0).unwrap().rate;
        let e1 = authors_discrete_rate(-1.0, 3.0, 2.0, 1e-2).unwrap() - r;
        let e2 = authors_discrete_rate(-1.0, 3.0, 2.0, 5e-3).unwrap() - r;
        // First order: halving dt halves the error (ratio 2 ± O(dt)).
        assert!((e1 / e2 - 2.0).abs() < 0.05, "{e1} {e2}");
    }

    #[test]
    fn power_law_threshold_needs_beta_above_one() {
        assert!(matches!(
            power_law_threshold(1.0, 0.1, 1.0, 5.0),
            Err(GleError::InvalidKernel { name: "beta", .. })
        ));
        let t = power_law_threshold(1.0, 0.1, 3.0, 40.0).unwrap();
        assert!((t.threshold - 50.0).abs() < 1e-10 && !t.decays);
    }

    #[test]
    fn contraction_failures_are_named() {
        // κu/(2γ²) = 1·1/2 = 0.5 > 1/8, so the λ bound is 1/8; λ = 0.2 fails.
        let rep = contraction_conditions(&[1.0], 0.1, 1.0, 1.0, 0.2).unwrap();
        assert!(rep.force_ok && !rep.lambda_ok);
        let err = rep.verify().unwrap_err();
        assert!(matches!(
            err,
            GleError::ConditionFails {
                condition: "λ < min(1/8, κu/(2γ²))",
                ..
            }
        ));
        let rep = contraction_conditions(&[1.0], 1.0, 1.0, 1.0, 0.1).unwrap();
        assert!(matches!(
            rep.verify(),
            Err(GleError::ConditionFails {
                condition: "L_G u/γ² < 3/4",
                ..
            })
        ));
        assert!(contraction_conditions(&[1.0, 2.0, 0.0, 1.0], 0.1, 1.0, 1.0, 0.1).is_err());
    }

    #[test]
    fn jacobi_matches_a_closed_form_spectrum() {
        // Tridiagonal (2,-1) of size 4: eigenvalues 2 - 2cos(kπ/5).
        let d = 4;
        let mut a = vec![0.0; d * d];
        for i in 0..d {
            a[i * d + i] = 2.0;
            if i + 1 < d {
                a[i * d + i + 1] = -1.0;
                a[(i + 1) * d + i] = -1.0;
            }
        }
        let e = symmetric_eigenvalues(&a).unwrap();
        for (k, e) in e.iter().enumerate() {
            let exact = 2.0 - 2.0 * ((k + 1) as f64 * std::f64::consts::PI / 5.0).cos();
            assert!((e - exact).abs() < 1e-13, "{e} {exact}");
        }
    }

    #[test]
    fn huge_entries_are_scaled_not_nan() {
        let e = symmetric_eigenvalues(&[1e308, 0.5e308, 0.5e308, 1e308]).unwrap();
        assert!((e[0] / 0.5e308 - 1.0).abs() < 1e-14 && (e[1] / 1.5e308 - 1.0).abs() < 1e-14);
        assert!(matches!(
            symmetric_eigenvalues(&[1.7e308, 1.7e308, 1.7e308, 1.7e308]),
            Err(GleError::NotFinite { .. })
        ));
    }
}
