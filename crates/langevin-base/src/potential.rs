//! Potentials `U: ℝᵈ → ℝ` with their gradients.
//!
//! A [`Potential`] gives the energy `U(x)`, the gradient `∇U(x)` written into a caller-owned
//! buffer (no allocation in the integrators' inner loops) and, optionally, the Hessian.
//!
//! | type | `U(x)` | `d` |
//! |---|---|---|
//! | [`Harmonic`] | `½ (x-c)ᵀ K (x-c)` | any |
//! | [`DoubleWell`] | `a (x² - 1)² + b x` | 1 |
//! | [`TripleWell`] | Metzner–Schütte–Vanden-Eijnden three-well landscape | 2 |
//! | [`LemonSlice`] | `cos(kφ) + 1/cos(φ/2) + 10(r-1)² + 1/r` | 2 |
//! | [`QuadraticPlusSoft`] | `½ xᵀRx + Σᵢ (√(xᵢ² + δ²) - δ)` | any |

use crate::error::{self, Error, Result};
use serde::{Deserialize, Serialize};

/// A differentiable potential energy `U: ℝᵈ → ℝ`.
///
/// Implementations must be cheap to call and must not allocate: integrators call
/// [`Potential::gradient`] once per particle and step.
///
/// # Example
/// ```
/// use langevin_base::potential::{DoubleWell, Potential};
/// let u = DoubleWell::new(1.0, 0.0).unwrap();
/// let mut g = [0.0];
/// u.gradient(&[2.0], &mut g);
/// assert_eq!(u.energy(&[2.0]), 9.0); // (4-1)²
/// assert_eq!(g[0], 24.0);            // 4x(x²-1)
/// ```
pub trait Potential: Send + Sync {
    /// The dimension `d` of the configuration space.
    fn dim(&self) -> usize;

    /// The energy `U(x)`; `x.len() == self.dim()`.
    fn energy(&self, x: &[f64]) -> f64;

    /// Writes `∇U(x)` into `grad` (`grad.len() == self.dim()`).
    fn gradient(&self, x: &[f64], grad: &mut [f64]);

    /// Writes the Hessian `∇²U(x)` (row-major `d×d`) into `hess` and returns `true`, or returns
    /// `false` if the potential does not provide second derivatives (the default).
    fn hessian(&self, x: &[f64], hess: &mut [f64]) -> bool {
        let _ = (x, hess);
        false
    }
}

/// Harmonic potential `U(x) = ½ (x-c)ᵀ K (x-c)` with a symmetric stiffness matrix `K`.
///
/// # Example
/// ```
/// use langevin_base::potential::{Harmonic, Potential};
/// let u = Harmonic::isotropic(2, 3.0).unwrap();
/// assert_eq!(u.energy(&[1.0, 1.0]), 3.0);
/// ```
///
/// # Numerical notes
/// Gradient costs `2d²` flops. `K` is not checked for positive definiteness (a saddle is a
/// legitimate potential); it is checked for symmetry to 1e-12 relative.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Harmonic {
    stiffness: Vec<f64>,
    center: Vec<f64>,
}

impl Harmonic {
    /// `U = ½ (x-c)ᵀ K (x-c)` with `K` given row-major (`d×d`) and centre `c`.
    ///
    /// # Errors
    /// [`Error::DimensionMismatch`] if `K` is not `d×d` with `d = c.len()`,
    /// [`Error::NotFinite`] for non-finite entries, [`Error::OutOfRange`] if `K` is not symmetric,
    /// [`Error::Empty`] for `d = 0`.
    ///
    /// # Example
    /// ```
    /// use langevin_base::{Error, potential::{Harmonic, Potential}};
    /// let u = Harmonic::new(vec![2.0, 1.0, 1.0, 2.0], vec![1.0, 0.0])?;
    /// let mut g = [0.0; 2];
    /// u.gradient(&[2.0, 1.0], &mut g);
    /// assert_eq!((g, u.energy(&[2.0, 1.0])), ([3.0, 3.0], 3.0)); // K(x-c), ½(x-c)ᵀK(x-c)
    /// let skew = Harmonic::new(vec![1.0, 2.0, 0.0, 1.0], vec![0.0; 2]);
    /// assert!(matches!(skew, Err(Error::OutOfRange { name: "stiffness", .. })));
    /// # Ok::<(), langevin_base::Error>(())
    /// ```
    pub fn new(stiffness: Vec<f64>, center: Vec<f64>) -> Result<Self> {
        let d = center.len();
        if d == 0 {
            return Err(Error::Empty { name: "center" });
        }
        error::same_dim(
            "stiffness",
            error::checked_len("d × d", d, d)?,
            stiffness.len(),
        )?;
        error::all_finite("stiffness", &stiffness)?;
        error::all_finite("center", &center)?;
        for i in 0..d {
            for j in 0..i {
                let (a, b) = (stiffness[i * d + j], stiffness[j * d + i]);
                if (a - b).abs() > 1e-12 * a.abs().max(b.abs()).max(1.0) {
                    return Err(Error::OutOfRange {
                        name: "stiffness",
                        value: a - b,
                        reason: "stiffness matrix must be symmetric",
                    });
                }
            }
        }
        Ok(Self { stiffness, center })
    }

    /// Isotropic `U = ½ k |x|²` in `d` dimensions.
    ///
    /// # Errors
    /// [`Error::Empty`] for `d = 0`, [`Error::NotFinite`] for non-finite `k`,
    /// [`Error::TooLarge`] if the `d × d` stiffness matrix cannot be allocated.
    ///
    /// # Example
    /// ```
    /// use langevin_base::potential::Harmonic;
    /// assert_eq!(Harmonic::isotropic(2, 3.0)?.stiffness(), &[3.0, 0.0, 0.0, 3.0]);
    /// # Ok::<(), langevin_base::Error>(())
    /// ```
    pub fn isotropic(d: usize, k: f64) -> Result<Self> {
        error::finite("k", k)?;
        if d == 0 {
            return Err(Error::Empty { name: "center" });
        }
        let mut m = error::try_filled("d × d", error::checked_len("d × d", d, d)?, 0.0)?;
        for i in 0..d {
            m[i * d + i] = k;
        }
        Self::new(m, error::try_filled("d", d, 0.0)?)
    }

    /// The stiffness matrix `K`, row-major.
    pub fn stiffness(&self) -> &[f64] {
        &self.stiffness
    }
}

impl Potential for Harmonic {
    fn dim(&self) -> usize {
        self.center.len()
    }

    fn energy(&self, x: &[f64]) -> f64 {
        let d = self.dim();
        let mut e = 0.0;
        for (i, (xi, ci)) in x.iter().zip(&self.center).enumerate().take(d) {
            let yi = xi - ci;
            let row = &self.stiffness[i * d..(i + 1) * d];
            for ((kij, xj), cj) in row.iter().zip(x).zip(&self.center) {
                e += yi * kij * (xj - cj);
            }
        }
        0.5 * e
    }

    fn gradient(&self, x: &[f64], grad: &mut [f64]) {
        let d = self.dim();
        for (i, g) in grad.iter_mut().enumerate().take(d) {
            *g = (0..d)
                .map(|j| self.stiffness[i * d + j] * (x[j] - self.center[j]))
                .sum();
        }
    }

    fn hessian(&self, _x: &[f64], hess: &mut [f64]) -> bool {
        hess.copy_from_slice(&self.stiffness);
        true
    }
}

/// The 1-D double well `U(x) = a (x² - 1)² + b x`.
///
/// For `b = 0` the minima are at `x = ±1`, the barrier at `x = 0` has height `ΔU = a`, and
/// `U''(±1) = 8a`, `U''(0) = -4a`.
///
/// # Example
/// ```
/// use langevin_base::potential::{DoubleWell, Potential};
/// let u = DoubleWell::new(1.0, 0.0).unwrap();
/// assert_eq!(u.energy(&[1.0]), 0.0);
/// assert_eq!(u.energy(&[0.0]), 1.0);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct DoubleWell {
    /// Barrier height scale `a`.
    pub a: f64,
    /// Tilt `b`.
    pub b: f64,
}

impl DoubleWell {
    /// `U(x) = a (x² - 1)² + b x`.
    ///
    /// # Errors
    /// [`Error::NotFinite`] for non-finite `a` or `b`.
    pub fn new(a: f64, b: f64) -> Result<Self> {
        Ok(Self {
            a: error::finite("a", a)?,
            b: error::finite("b", b)?,
        })
    }

    /// The force `-U'(x) = -4a x (x² - 1) - b`, inlined for scalar kernels.
    ///
    /// # Example
    /// ```
    /// use langevin_base::potential::{DoubleWell, Potential};
    /// let u = DoubleWell::new(1.0, 0.5)?;
    /// let mut g = [0.0];
    /// u.gradient(&[2.0], &mut g);
    /// assert_eq!((u.force(2.0), g[0]), (-24.5, 24.5)); // -4·2·3 - b
    /// # Ok::<(), langevin_base::Error>(())
    /// ```
    #[inline]
    pub fn force(&self, x: f64) -> f64 {
        -4.0 * self.a * x * (x * x - 1.0) - self.b
    }
}

impl Potential for DoubleWell {
    fn dim(&self) -> usize {
        1
    }

    #[inline]
    fn energy(&self, x: &[f64]) -> f64 {
        let s = x[0] * x[0] - 1.0;
        self.a * s * s + self.b * x[0]
    }

    #[inline]
    fn gradient(&self, x: &[f64], grad: &mut [f64]) {
        grad[0] = -self.force(x[0]);
    }

    fn hessian(&self, x: &[f64], hess: &mut [f64]) -> bool {
        hess[0] = self.a * (12.0 * x[0] * x[0] - 4.0);
        true
    }
}

/// The 2-D triple-well potential of Metzner, Schütte & Vanden-Eijnden
/// (Multiscale Model. Simul. 7 (2009), doi:10.1137/070699500):
///
/// `U(x,y) = 3e^{-x²-(y-⅓)²} - 3e^{-x²-(y-5/3)²} - 5e^{-(x-1)²-y²} - 5e^{-(x+1)²-y²}
///          + 0.2x⁴ + 0.2(y-⅓)⁴`.
///
/// Two deep wells near `(±1, 0)` and a shallow one near `(0, 1.5)`.
///
/// # Example
/// ```
/// use langevin_base::potential::{TripleWell, Potential};
/// let u = TripleWell;
/// assert!(u.energy(&[1.0, 0.0]) < u.energy(&[0.0, 0.5]));
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TripleWell;

impl Potential for TripleWell {
    fn dim(&self) -> usize {
        2
    }

    fn energy(&self, p: &[f64]) -> f64 {
        let (x, y) = (p[0], p[1]);
        let y3 = y - 1.0 / 3.0;
        3.0 * (-x * x - y3 * y3).exp()
            - 3.0 * (-x * x - (y - 5.0 / 3.0).powi(2)).exp()
            - 5.0 * (-(x - 1.0).powi(2) - y * y).exp()
            - 5.0 * (-(x + 1.0).powi(2) - y * y).exp()
            + 0.2 * x.powi(4)
            + 0.2 * y3.powi(4)
    }

    fn gradient(&self, p: &[f64], g: &mut [f64]) {
        let (x, y) = (p[0], p[1]);
        let y3 = y - 1.0 / 3.0;
        let y5 = y - 5.0 / 3.0;
        let e1 = 3.0 * (-x * x - y3 * y3).exp();
        let e2 = -3.0 * (-x * x - y5 * y5).exp();
        let e3 = -5.0 * (-(x - 1.0).powi(2) - y * y).exp();
        let e4 = -5.0 * (-(x + 1.0).powi(2) - y * y).exp();
        g[0] = -2.0 * x * e1 - 2.0 * x * e2 - 2.0 * (x - 1.0) * e3 - 2.0 * (x + 1.0) * e4
            + 0.8 * x.powi(3);
        g[1] = -2.0 * y3 * e1 - 2.0 * y5 * e2 - 2.0 * y * (e3 + e4) + 0.8 * y3.powi(3);
    }
}

/// The Lemon Slice potential (Bittracher et al., J. Nonlinear Sci. 28 (2018),
/// doi:10.1007/s00332-017-9415-0), in polar coordinates `(r, φ)` of `(x, y)`, `φ ∈ (-π, π]`:
///
/// `U(x,y) = cos(kφ) + 1/cos(φ/2) + 10(r-1)² + 1/r`.
///
/// `k` angular wells on the unit circle (our default `k = 4`, see `cg-koopman.md`).
///
/// # Example
/// ```
/// use langevin_base::potential::{LemonSlice, Potential};
/// let u = LemonSlice::new(4).unwrap();
/// let e = u.energy(&[1.0, 0.0]); // r = 1, φ = 0: cos 0 + 1 + 0 + 1
/// assert!((e - 3.0).abs() < 1e-14);
/// ```
///
/// # Numerical notes
/// Singular at the origin (`1/r`) and on the negative `x` axis (`1/cos(φ/2)` with `φ → ±π`);
/// both are infinite barriers that a stable integrator never reaches. The gradient is
/// evaluated in Cartesian coordinates through the chain rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LemonSlice {
    /// Number of angular wells `k`.
    pub k: u32,
}

impl LemonSlice {
    /// The Lemon Slice with `k` angular wells.
    ///
    /// # Errors
    /// [`Error::Empty`] for `k = 0`.
    ///
    /// # Example
    /// ```
    /// use langevin_base::{Error, potential::LemonSlice};
    /// assert_eq!(LemonSlice::new(3)?.k, 3);
    /// assert!(matches!(LemonSlice::new(0), Err(Error::Empty { name: "k" })));
    /// # Ok::<(), langevin_base::Error>(())
    /// ```
    pub fn new(k: u32) -> Result<Self> {
        if k == 0 {
            return Err(Error::Empty { name: "k" });
        }
        Ok(Self { k })
    }
}

impl Default for LemonSlice {
    fn default() -> Self {
        Self { k: 4 }
    }
}

/// Polar quantities of `(x, y)` for the Lemon Slice without transcendental calls:
/// `(r, cos kφ, sin kφ, cos φ/2, sin φ/2)`.
///
/// `e^{ikφ} = ((x + iy)/r)^k` by repeated multiplication; the half angles from
/// `cos²(φ/2) = (r + x)/(2r)`, `sin²(φ/2) = (r - x)/(2r)`, with whichever of `r ± x` suffers
/// cancellation rewritten as `y²/(r ∓ x)`, so both are accurate to a few ulps for every angle.
#[inline]
fn lemon_polar(k: u32, x: f64, y: f64) -> (f64, f64, f64, f64, f64) {
    // `sqrt` rather than `hypot`: positions never approach 1e154, and `hypot` costs ~10×.
    let r = (x * x + y * y).sqrt();
    let (c, s) = (x / r, y / r);
    let (mut ck, mut sk) = (1.0, 0.0);
    for _ in 0..k {
        (ck, sk) = (ck * c - sk * s, ck * s + sk * c);
    }
    let (rpx, rmx) = if x >= 0.0 {
        (r + x, y * y / (r + x))
    } else {
        (y * y / (r - x), r - x)
    };
    let cos_half = (rpx / (2.0 * r)).sqrt();
    let sin_half = (rmx / (2.0 * r)).sqrt().copysign(y);
    (r, ck, sk, cos_half, sin_half)
}

impl Potential for LemonSlice {
    fn dim(&self) -> usize {
        2
    }

    fn energy(&self, p: &[f64]) -> f64 {
        let (r, ck, _, cos_half, _) = lemon_polar(self.k, p[0], p[1]);
        ck + 1.0 / cos_half + 10.0 * (r - 1.0).powi(2) + 1.0 / r
    }

    #[inline]
    fn gradient(&self, p: &[f64], g: &mut [f64]) {
        let (x, y) = (p[0], p[1]);
        let (r, _, sk, cos_half, sin_half) = lemon_polar(self.k, x, y);
        let r2 = r * r;
        let k = f64::from(self.k);
        let du_dr = 20.0 * (r - 1.0) - 1.0 / r2;
        let du_dphi = -k * sk + 0.5 * sin_half / (cos_half * cos_half);
        g[0] = du_dr * x / r - du_dphi * y / r2;
        g[1] = du_dr * y / r + du_dphi * x / r2;
    }
}

/// The "quadratic plus soft" potential of Lang & Lu (arXiv 2512.10256, Sec. 5.3):
///
/// `U(x) = ½ xᵀ R x + G(x)`, `G(x) = Σᵢ (√(xᵢ² + δ²) - δ)`.
///
/// `∇G` is Lipschitz with constant `L_G = 1/δ`, which is what the second-order contraction
/// condition `L_G u/γ² < 3/4` of gle-core checks.
///
/// # Example
/// ```
/// use langevin_base::potential::{QuadraticPlusSoft, Potential};
/// let u = QuadraticPlusSoft::new(vec![2.0, 0.0, 0.0, 2.0], 100.0).unwrap();
/// assert_eq!(u.energy(&[0.0, 0.0]), 0.0);
/// let mut g = [0.0; 2];
/// u.gradient(&[1.0, 0.0], &mut g);
/// assert!((g[0] - (2.0 + 1.0 / (1.0f64 + 1e4).sqrt())).abs() < 1e-15);
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QuadraticPlusSoft {
    r: Vec<f64>,
    delta: f64,
    dim: usize,
}

impl QuadraticPlusSoft {
    /// `U = ½ xᵀRx + Σ(√(xᵢ²+δ²) - δ)` with `R` row-major `d×d` (`d² = R.len()`).
    ///
    /// # Errors
    /// [`Error::DimensionMismatch`] if `R.len()` is not a square, [`Error::NotFinite`] for
    /// non-finite entries, [`Error::NonPositive`] for `δ ≤ 0`.
    ///
    /// # Example
    /// ```
    /// use langevin_base::{Error, potential::QuadraticPlusSoft};
    /// let u = QuadraticPlusSoft::new(vec![1.0], 0.25)?;
    /// assert_eq!((u.delta(), u.lipschitz_soft(), u.quadratic()), (0.25, 4.0, &[1.0][..]));
    /// let not_square = QuadraticPlusSoft::new(vec![1.0; 3], 1.0);
    /// assert!(matches!(not_square, Err(Error::DimensionMismatch { .. })));
    /// # Ok::<(), langevin_base::Error>(())
    /// ```
    pub fn new(r: Vec<f64>, delta: f64) -> Result<Self> {
        let dim = (r.len() as f64).sqrt().round() as usize;
        if dim == 0 {
            return Err(Error::Empty { name: "R" });
        }
        error::same_dim("R", dim * dim, r.len())?;
        error::all_finite("R", &r)?;
        error::positive("delta", delta)?;
        Ok(Self { r, delta, dim })
    }

    /// The quadratic part `R`, row-major.
    pub fn quadratic(&self) -> &[f64] {
        &self.r
    }

    /// The softening length `δ`.
    pub fn delta(&self) -> f64 {
        self.delta
    }

    /// The Lipschitz constant of `∇G`: `L_G = 1/δ`.
    pub fn lipschitz_soft(&self) -> f64 {
        1.0 / self.delta
    }
}

impl Potential for QuadraticPlusSoft {
    fn dim(&self) -> usize {
        self.dim
    }

    fn energy(&self, x: &[f64]) -> f64 {
        let d = self.dim;
        let mut e = 0.0;
        for i in 0..d {
            for j in 0..d {
                e += 0.5 * x[i] * self.r[i * d + j] * x[j];
            }
            e += (x[i] * x[i] + self.delta * self.delta).sqrt() - self.delta;
        }
        e
    }

    fn gradient(&self, x: &[f64], g: &mut [f64]) {
        let d = self.dim;
        for (i, (gi, xi)) in g.iter_mut().zip(x).enumerate().take(d) {
            let row = &self.r[i * d..(i + 1) * d];
            *gi = xi / (xi * xi + self.delta * self.delta).sqrt()
                + row.iter().zip(x).map(|(r, xj)| r * xj).sum::<f64>();
        }
    }

    fn hessian(&self, x: &[f64], h: &mut [f64]) -> bool {
        let d = self.dim;
        h.copy_from_slice(&self.r);
        for i in 0..d {
            let s2 = x[i] * x[i] + self.delta * self.delta;
            h[i * d + i] += self.delta * self.delta / (s2 * s2.sqrt());
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Central differences: error O(ε²) ≈ 1e-10 · |U'''|; tolerance 1e-6 relative.
    fn check_gradient<P: Potential>(u: &P, x: &[f64]) {
        let d = u.dim();
        let mut g = vec![0.0; d];
        u.gradient(x, &mut g);
        let eps = 1e-5;
        for i in 0..d {
            let mut xp = x.to_vec();
            let mut xm = x.to_vec();
            xp[i] += eps;
            xm[i] -= eps;
            let fd = (u.energy(&xp) - u.energy(&xm)) / (2.0 * eps);
            assert!(
                (fd - g[i]).abs() < 1e-6 * (1.0 + g[i].abs()),
                "i={i} fd={fd} g={}",
                g[i]
            );
        }
    }

    #[test]
    fn gradients_match_finite_differences() {
        check_gradient(&DoubleWell::new(1.3, 0.2).unwrap(), &[0.7]);
        check_gradient(&TripleWell, &[0.3, 0.8]);
        check_gradient(&LemonSlice::new(4).unwrap(), &[0.6, -0.9]);
        check_gradient(&LemonSlice::new(5).unwrap(), &[-0.5, 0.9]);
        let h = Harmonic::new(vec![2.0, 0.5, 0.5, 1.0], vec![0.1, -0.2]).unwrap();
        check_gradient(&h, &[0.4, 0.3]);
        let q = QuadraticPlusSoft::new(vec![3.0, 1.0, 1.0, 2.0], 0.5).unwrap();
        check_gradient(&q, &[0.4, -1.3]);
    }

    #[test]
    fn hessians_match_finite_differences_of_gradient() {
        let q = QuadraticPlusSoft::new(vec![3.0, 1.0, 1.0, 2.0], 0.5).unwrap();
        let x = [0.4, -1.3];
        let mut h = [0.0; 4];
        assert!(q.hessian(&x, &mut h));
        let eps = 1e-6;
        for j in 0..2 {
            let (mut gp, mut gm) = ([0.0; 2], [0.0; 2]);
            let mut xp = x;
            let mut xm = x;
            xp[j] += eps;
            xm[j] -= eps;
            q.gradient(&xp, &mut gp);
            q.gradient(&xm, &mut gm);
            for i in 0..2 {
                let fd = (gp[i] - gm[i]) / (2.0 * eps);
                assert!((fd - h[i * 2 + j]).abs() < 1e-6);
            }
        }
        let dw = DoubleWell::new(1.0, 0.0).unwrap();
        let mut h1 = [0.0];
        assert!(dw.hessian(&[1.0], &mut h1));
        assert_eq!(h1[0], 8.0);
        assert!(!TripleWell.hessian(&[0.0, 0.0], &mut [0.0; 4]));
    }

    /// The transcendental-free polar evaluation agrees with `atan2`/`cos`/`sin` to 1e-13
    /// relative, plus the conditioning of the reference near `φ = ±π`: there `atan2` returns
    /// `φ` with an absolute error of ~4e-16, which `1/cos(φ/2)` amplifies by `½ sin/cos²`,
    /// i.e. by at most the square of the term itself.
    #[test]
    fn lemon_slice_matches_the_polar_formula() {
        for k in [1_u32, 4, 5] {
            let u = LemonSlice::new(k).unwrap();
            for &(x, y) in &[
                (1.0, 0.0),
                (0.6, -0.9),
                (-0.5, 0.9),
                (-1.2, -1e-3),
                (1e-9, 1.0),
                (0.9, 1e-12),
            ] {
                let (r, phi) = (f64::hypot(x, y), f64::atan2(y, x));
                let kf = f64::from(k);
                let e =
                    (kf * phi).cos() + 1.0 / (0.5 * phi).cos() + 10.0 * (r - 1.0).powi(2) + 1.0 / r;
                let sec = 1.0 / (0.5 * phi).cos();
                let tol = 1e-13 * e.abs().max(1.0) + 1e-15 * sec * sec;
                assert!((u.energy(&[x, y]) - e).abs() < tol, "k={k} ({x},{y})");
            }
        }
    }

    #[test]
    fn triple_well_has_its_deep_minima_near_pm1() {
        let u = TripleWell;
        let mut g = [0.0; 2];
        // The deep wells sit near (±1.05, -0.04); the gradient there is small.
        u.gradient(&[1.048, -0.042], &mut g);
        assert!(g[0].abs() < 0.05 && g[1].abs() < 0.05, "{g:?}");
        assert!((u.energy(&[1.0, 0.0]) - u.energy(&[-1.0, 0.0])).abs() < 1e-14);
    }

    #[test]
    fn bad_parameters_are_typed_errors() {
        assert!(matches!(
            DoubleWell::new(f64::NAN, 0.0),
            Err(Error::NotFinite { name: "a", .. })
        ));
        assert!(matches!(LemonSlice::new(0), Err(Error::Empty { .. })));
        assert!(matches!(
            Harmonic::new(vec![1.0, 2.0, 0.0, 1.0], vec![0.0, 0.0]),
            Err(Error::OutOfRange { .. })
        ));
        assert!(matches!(
            Harmonic::new(vec![1.0; 3], vec![0.0, 0.0]),
            Err(Error::DimensionMismatch {
                expected: 4,
                got: 3,
                ..
            })
        ));
        assert!(matches!(
            Harmonic::new(vec![], vec![]),
            Err(Error::Empty { .. })
        ));
        assert!(matches!(
            Harmonic::isotropic(usize::MAX, 1.0),
            Err(Error::TooLarge { name: "d × d", .. })
        ));
        assert!(matches!(
            Harmonic::isotropic(1 << 29, 1.0),
            Err(Error::TooLarge { .. })
        ));
        assert!(matches!(
            QuadraticPlusSoft::new(vec![1.0], 0.0),
            Err(Error::NonPositive { name: "delta", .. })
        ));
        assert!(matches!(
            QuadraticPlusSoft::new(vec![1.0; 3], 1.0),
            Err(Error::DimensionMismatch { .. })
        ));
    }
}
