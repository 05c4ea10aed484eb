//! The Volterra resolvent `r + k*r = k` and the deterministic solution `ρ' = -γρ - k*ρ`.
//!
//! For `σ = 0` the first-order GLE `dV = -γV dt - (k*V) dt` has the solution `V(t) = ρ(t)V₀`;
//! the decay of `ρ` is what the comparison theorem of Lang & Lu (arXiv 2512.10256) bounds.
//! Both equations are discretised by the trapezoidal rule on `t_n = n·dt` (second order), and
//! the convolution sums are evaluated online by [`FftHistory`], so the cost is
//! `O(N log² N)` for `N = T/dt` steps.

use crate::error::{GleError, Result, finite, positive};
use crate::history::{FftHistory, HistorySum};
use crate::kernel::ScalarKernel;

/// Values `y_n = y(n·dt)`, `n = 0 … N`, on a uniform grid.
///
/// Returned by [`resolvent`] and [`deterministic_solution`], which fill `N + 1` values for
/// `N = round(T/dt)` and start from `y_0 = k(0)` and `ρ_0 = 1` respectively.
///
/// # Example
/// ```
/// use gle_core::{kernel::ScalarKernel, resolvent::deterministic_solution};
/// let k = ScalarKernel::exponential(1.0, 1.0)?;
/// let rho = deterministic_solution(&k, 1.0, 0.1, 1.0)?;
/// assert_eq!((rho.values.len(), rho.values[0], rho.dt), (11, 1.0, 0.1));
/// # Ok::<(), gle_core::GleError>(())
/// ```
///
/// # Numerical notes
/// The times are recomputed as `n·dt` (see [`Series::times`]), not accumulated, so they carry
/// no round-off drift.
#[derive(Clone, Debug, PartialEq)]
pub struct Series {
    /// Grid step.
    pub dt: f64,
    /// Values at `t_n = n·dt`.
    pub values: Vec<f64>,
}

impl Series {
    /// The grid times `t_n = n·dt`.
    ///
    /// # Example
    /// ```
    /// use gle_core::resolvent::Series;
    /// let s = Series { dt: 0.5, values: vec![1.0, 0.5, 0.25] };
    /// assert_eq!(s.times(), vec![0.0, 0.5, 1.0]);
    /// ```
    pub fn times(&self) -> Vec<f64> {
        (0..self.values.len()).map(|n| n as f64 * self.dt).collect()
    }
}

fn validate(dt: f64, t_end: f64) -> Result<usize> {
    let dt = positive("dt", dt)?;
    let t_end = finite("t_end", t_end)?;
    if t_end < dt {
        return Err(GleError::HorizonTooShort { t_end, dt });
    }
    crate::error::check_steps((t_end / dt).round())
}

/// A vector with room for `n` values, or [`GleError::TooLarge`] if the allocation fails.
fn reserve(n: usize) -> Result<Vec<f64>> {
    let mut v = Vec::new();
    v.try_reserve_exact(n).map_err(|_| GleError::TooLarge {
        name: "series length",
        requested: n as f64,
        limit: (isize::MAX as usize / std::mem::size_of::<f64>()) as f64,
    })?;
    Ok(v)
}

/// The resolvent `r` of `k`: the solution of `r(t) + ∫_0^t k(t-s) r(s) ds = k(t)` on
/// `[0, T]`, by the trapezoidal rule
/// `r_n + dt[½k_n r_0 + Σ_{m=1}^{n-1} k_{n-m} r_m + ½k_0 r_n] = k_n`.
///
/// # Example
/// ```
/// use gle_core::kernel::ScalarKernel;
/// use gle_core::resolvent::resolvent;
/// // k = a e^{-bτ} has r(t) = a e^{-(a+b)t}
/// let r = resolvent(&ScalarKernel::exponential(1.0, 2.0).unwrap(), 0.01, 1.0).unwrap();
/// assert!((r.values[100] - (-3.0f64).exp()).abs() < 1e-4);
/// ```
///
/// # Errors
/// [`GleError::Base`] for `dt ≤ 0` or a NaN `T`; [`GleError::HorizonTooShort`] for `T < dt`;
/// [`GleError::TooLarge`] if `N = T/dt` exceeds [`MAX_STEPS`](crate::error::MAX_STEPS)
/// `= 2³²` or the `O(N)` buffers cannot be allocated;
/// [`GleError::Diverged`] if `1 + ½dt·k(0) = 0` or the solution becomes non-finite.
///
/// # Numerical notes
/// Second order, `O(dt²)` uniformly on `[0, T]` for smooth `k` (first order at a kernel
/// discontinuity). Stable for `1 + ½dt·k(0)` bounded away from 0. Cost `O(N log² N)`.
/// Reference: Lang & Lu, arXiv 2512.10256; Hairer, Lubich & Schlichte 1985,
/// doi:10.1137/0906040 (fast convolution).
pub fn resolvent(k: &ScalarKernel, dt: f64, t_end: f64) -> Result<Series> {
    let n_steps = validate(dt, t_end)?;
    let kv = |n: usize| k.eval(n as f64 * dt);
    let k0 = kv(0);
    let denom = 1.0 + 0.5 * dt * k0;
    if denom == 0.0 || !denom.is_finite() {
        return Err(GleError::Diverged { step: 0, time: 0.0 });
    }
    let mut hist = FftHistory::with_capacity(k.clone(), dt, 1, n_steps + 1)?;
    let mut r = reserve(n_steps + 1)?;
    r.push(k0);
    hist.push(&[k0]);
    let mut h = [0.0];
    for n in 1..=n_steps {
        // H_n = Σ_{m=0}^{n-1} k_{n-m} r_m; the trapezoid takes half of the m = 0 term.
        hist.sum(&mut h);
        let kn = kv(n);
        let rn = (kn - dt * (h[0] - 0.5 * kn * r[0])) / denom;
        if !rn.is_finite() {
            return Err(GleError::Diverged {
                step: n,
                time: n as f64 * dt,
            });
        }
        r.push(rn);
        hist.push(&[rn]);
    }
    Ok(Series { dt, values: r })
}

/// The deterministic solution `ρ' = -γρ - ∫_0^t k(t-s)ρ(s) ds`, `ρ(0) = 1`, by the
/// trapezoidal rule in time and in the memory integral:
///
/// ```text
/// ρ_n = ρ_{n-1} + ½dt (f_{n-1} + f_n),   f_n = -γρ_n - I_n,
/// I_n = dt[½k_n ρ_0 + Σ_{m=1}^{n-1} k_{n-m} ρ_m + ½k_0 ρ_n]   (implicit in ρ_n, linear).
/// ```
///
/// # Example
/// ```
/// use gle_core::kernel::ScalarKernel;
/// use gle_core::resolvent::deterministic_solution;
/// // k = 0: ρ = e^{-γt}
/// let rho = deterministic_solution(&ScalarKernel::exponential(0.0, 1.0).unwrap(), 2.0, 0.01, 1.0).unwrap();
/// assert!((rho.values[100] - (-2.0f64).exp()).abs() < 1e-5);
/// ```
///
/// # Errors
/// [`GleError::Base`] for `dt ≤ 0`, NaN `γ` or `T`; [`GleError::HorizonTooShort`] for
/// `T < dt`; [`GleError::TooLarge`] if `N = T/dt` exceeds
/// [`MAX_STEPS`](crate::error::MAX_STEPS) `= 2³²` or the `O(N)` buffers cannot be allocated;
/// [`GleError::Diverged`] if the solution becomes non-finite.
///
/// # Numerical notes
/// Second order (`O(dt²)`, checked in the tests against the closed form for an exponential
/// kernel); A-stable in the friction term. This is the accurate reference, not the authors'
/// explicit Euler scheme (which is first order). Cost `O(N log² N)`.
/// Reference: Lang & Lu, arXiv 2512.10256, comparison theorem.
pub fn deterministic_solution(k: &ScalarKernel, gamma: f64, dt: f64, t_end: f64) -> Result<Series> {
    let n_steps = validate(dt, t_end)?;
    let gamma = finite("gamma", gamma)?;
    let kv = |n: usize| k.eval(n as f64 * dt);
    let k0 = kv(0);
    let half = 0.5 * dt;
    let denom = 1.0 + half * gamma + half * half * k0;
    let mut hist = FftHistory::with_capacity(k.clone(), dt, 1, n_steps + 1)?;
    let mut rho = reserve(n_steps + 1)?;
    rho.push(1.0);
    hist.push(&[1.0]);
    let mut f_prev = -gamma; // f_0 = -γ ρ_0 - I_0, I_0 = 0
    let mut h = [0.0];
    for n in 1..=n_steps {
        hist.sum(&mut h);
        // I_n = dt(H_n - ½k_n ρ_0) + ½dt k_0 ρ_n =: j + ½dt k_0 ρ_n
        let j = dt * (h[0] - 0.5 * kv(n) * rho[0]);
        let rn = (rho[n - 1] + half * f_prev - half * j) / denom;
        if !rn.is_finite() {
            return Err(GleError::Diverged {
                step: n,
                time: n as f64 * dt,
            });
        }
        f_prev = -gamma * rn - (j + half * k0 * rn);
        rho.push(rn);
        hist.push(&[rn]);
    }
    Ok(Series { dt, values: rho })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn max_err(s: &Series, exact: impl Fn(f64) -> f64) -> f64 {
        s.times()
            .iter()
            .zip(&s.values)
            .map(|(&t, v)| (v - exact(t)).abs())
            .fold(0.0, f64::max)
    }

    /// Observed order log2(e(dt)/e(dt/2)) for the two step sizes.
    fn order(f: impl Fn(f64) -> f64) -> f64 {
        (f(0.02) / f(0.01)).log2()
    }

    #[test]
    fn resolvent_of_an_exponential_is_exponential_with_second_order() {
        let (a, b) = (1.5, 0.7);
        let k = ScalarKernel::exponential(a, b).unwrap();
        let exact = |t: f64| a * (-(a + b) * t).exp();
        let e = |dt: f64| max_err(&resolvent(&k, dt, 5.0).unwrap(), exact);
        let p = order(e);
        // trapezoid: order 2, the ratio of two O(dt²) errors is 4 up to O(dt) corrections
        assert!((p - 2.0).abs() < 0.1, "order {p}");
        assert!(e(0.01) < 1e-4);
    }

    /// ρ for k = C e^{-βτ}: ρ = A₁e^{λ₁t} + A₂e^{λ₂t}, (λ+γ)(λ+β) + C = 0,
    /// A₁ = -(γ+λ₂)/(λ₁-λ₂), A₂ = (γ+λ₁)/(λ₁-λ₂) (from ρ(0) = 1, ρ'(0) = -γ).
    fn rho_exact(c: f64, beta: f64, gamma: f64) -> impl Fn(f64) -> f64 {
        let disc = ((beta - gamma).powi(2) - 4.0 * c).sqrt();
        let l1 = 0.5 * (-(beta + gamma) + disc);
        let l2 = 0.5 * (-(beta + gamma) - disc);
        let a1 = -(gamma + l2) / (l1 - l2);
        let a2 = (gamma + l1) / (l1 - l2);
        move |t| a1 * (l1 * t).exp() + a2 * (l2 * t).exp()
    }

    #[test]
    fn deterministic_solution_matches_the_two_exponential_closed_form_at_order_two() {
        for (c, beta, gamma) in [(0.5, 3.0, 1.0), (-1.0, 1.0, 2.0)] {
            let k = ScalarKernel::exponential(c, beta).unwrap();
            let exact = rho_exact(c, beta, gamma);
            let e = |dt: f64| {
                max_err(
                    &deterministic_solution(&k, gamma, dt, 10.0).unwrap(),
                    &exact,
                )
            };
            let p = order(e);
            assert!((p - 2.0).abs() < 0.1, "C={c}: order {p}");
        }
    }

    #[test]
    fn bad_inputs_are_typed_errors() {
        let k = ScalarKernel::exponential(1.0, 1.0).unwrap();
        assert!(matches!(
            resolvent(&k, 0.1, 0.05),
            Err(GleError::HorizonTooShort { .. })
        ));
        assert!(resolvent(&k, 0.0, 1.0).is_err());
        assert!(resolvent(&k, -0.1, 1.0).is_err());
        assert!(resolvent(&k, 0.1, f64::NAN).is_err());
        assert!(deterministic_solution(&k, f64::NAN, 0.1, 1.0).is_err());
        assert!(matches!(
            deterministic_solution(&k, 1.0, 1.0, 0.5),
            Err(GleError::HorizonTooShort { .. })
        ));
    }

    #[test]
    fn too_many_steps_are_rejected_before_allocating() {
        let k = ScalarKernel::exponential(1.0, 1.0).unwrap();
        for (dt, t_end) in [(0.1, 1e300), (1e-3, 1e12)] {
            assert!(matches!(
                resolvent(&k, dt, t_end),
                Err(GleError::TooLarge { .. })
            ));
            assert!(matches!(
                deterministic_solution(&k, 1.0, dt, t_end),
                Err(GleError::TooLarge { .. })
            ));
        }
    }
}
