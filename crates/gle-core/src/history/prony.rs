//! Exact `O(M·d)`-per-step recursion for kernels that are sums of (complex) exponentials.
//!
//! For `k(τ) = Re Σⱼ cⱼ e^{-λⱼτ}` (real or complex `cⱼ`, `λⱼ`) the lagged convolution
//! `H_n = Σ_{m<n} k((n-m)dt) v_m` splits into `M` geometric sums
//!
//! ```text
//! S_{j,n} = Σ_{m<n} zⱼ^{n-m} v_m,   zⱼ = e^{-λⱼ dt},
//! S_{j,n} = zⱼ (S_{j,n-1} + v_{n-1}),   S_{j,0} = 0,
//! H_n     = Re Σⱼ cⱼ S_{j,n},
//! ```
//!
//! which is the Markovian embedding of the Prony kernel: the state is `O(M·d)`, independent of
//! the number of steps. Exponential, Prony, oscillatory (one complex pair), shifted (`k(τ+p)`
//! rescales the weights by `e^{-λⱼ p}`) and modulated (`k(τ) cos ωτ` splits each term into
//! `λⱼ ∓ iω`) profiles of such kernels are all recognised by [`exp_terms`].

use super::HistorySum;
use crate::error::{GleError, Result};
use crate::kernel::ScalarKernel;

/// One term `c e^{-λτ}` of a complex exponential expansion `k(τ) = Re Σ c e^{-λτ}`.
///
/// `c = c_re + i c_im`, `λ = rate + i freq`, so the term evaluates to
/// `e^{-rate·τ}(c_re cos(freq·τ) + c_im sin(freq·τ))`.
///
/// # Example
/// ```
/// use gle_core::history::ExpTerm;
/// let t = ExpTerm { c_re: 2.0, c_im: 0.0, rate: 1.0, freq: -3.0 }; // 2e^{-τ}cos 3τ
/// assert!((t.eval(0.5) - 2.0 * (-0.5f64).exp() * 1.5f64.cos()).abs() < 1e-15);
/// assert_eq!(ExpTerm::real(2.0, 1.0).eval(0.0), 2.0);
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ExpTerm {
    /// Real part of the weight `c`.
    pub c_re: f64,
    /// Imaginary part of the weight `c`.
    pub c_im: f64,
    /// Real part of the rate `λ` (the decay rate).
    pub rate: f64,
    /// Imaginary part of the rate `λ` (minus the angular frequency).
    pub freq: f64,
}

impl ExpTerm {
    /// A real term `a e^{-bτ}`.
    pub fn real(a: f64, b: f64) -> Self {
        Self {
            c_re: a,
            c_im: 0.0,
            rate: b,
            freq: 0.0,
        }
    }

    /// `Re(c e^{-λτ})`.
    pub fn eval(&self, tau: f64) -> f64 {
        let m = (-self.rate * tau).exp();
        let (s, c) = (-self.freq * tau).sin_cos();
        m * (self.c_re * c - self.c_im * s)
    }
}

/// The exponential expansion `k(τ) = Re Σⱼ cⱼ e^{-λⱼτ}` of a profile, if it has one.
///
/// Recognised: `Exponential`, `Prony`, `Oscillatory`, and `Shifted` / `Modulated` wrappers of
/// these. Cut-offs, power laws, stretched exponentials and closures give `None`.
///
/// # Example
/// ```
/// use gle_core::history::exp_terms;
/// use gle_core::kernel::ScalarKernel;
/// let k = ScalarKernel::oscillatory(2.0, 0.5, 3.0).unwrap();
/// let t = exp_terms(&k).unwrap();
/// let v: f64 = t.iter().map(|t| t.eval(0.7)).sum();
/// assert!((v - k.eval(0.7)).abs() < 1e-14);
/// ```
///
/// # Numerical notes
/// A shift by `p` multiplies each weight by `e^{-λp}`, exact up to one rounding.
pub fn exp_terms(k: &ScalarKernel) -> Option<Vec<ExpTerm>> {
    match k {
        ScalarKernel::Exponential { a, b } => Some(vec![ExpTerm::real(*a, *b)]),
        ScalarKernel::Prony { a, b } => Some(
            a.iter()
                .zip(b)
                .map(|(a, b)| ExpTerm::real(*a, *b))
                .collect(),
        ),
        ScalarKernel::Oscillatory { a, b, omega } => Some(vec![ExpTerm {
            c_re: *a,
            c_im: 0.0,
            rate: *b,
            freq: -*omega,
        }]),
        ScalarKernel::Shifted { inner, p } => {
            let terms = exp_terms(inner)?;
            Some(
                terms
                    .into_iter()
                    .map(|t| {
                        // c e^{-λ(τ+p)} = (c e^{-λp}) e^{-λτ}
                        let m = (-t.rate * p).exp();
                        let (s, c) = (-t.freq * p).sin_cos();
                        ExpTerm {
                            c_re: m * (t.c_re * c - t.c_im * s),
                            c_im: m * (t.c_re * s + t.c_im * c),
                            ..t
                        }
                    })
                    .collect(),
            )
        }
        ScalarKernel::Modulated { inner, omega } => {
            let terms = exp_terms(inner)?;
            let mut out = Vec::with_capacity(2 * terms.len());
            for t in terms {
                // cos(ωτ) Re(w) = ½ Re(w e^{iωτ}) + ½ Re(w e^{-iωτ})
                let half = ExpTerm {
                    c_re: 0.5 * t.c_re,
                    c_im: 0.5 * t.c_im,
                    ..t
                };
                out.push(ExpTerm {
                    freq: t.freq - omega,
                    ..half
                });
                out.push(ExpTerm {
                    freq: t.freq + omega,
                    ..half
                });
            }
            Some(out)
        }
        _ => None,
    }
}

/// Exact online history sum for exponential-sum kernels by the recursion
/// `S_{j,n} = e^{-λⱼdt}(S_{j,n-1} + v_{n-1})`, `H_n = Re Σⱼ cⱼ S_{j,n}`.
///
/// # Example
/// ```
/// use gle_core::history::{DirectHistory, HistorySum, PronyHistory};
/// use gle_core::kernel::ScalarKernel;
/// let k = ScalarKernel::prony(vec![1.0, 0.5], vec![1.0, 0.1]).unwrap();
/// let mut fast = PronyHistory::new(&k, 0.01, 1).unwrap();
/// let mut slow = DirectHistory::new(k, 0.01, 1).unwrap();
/// for n in 0..100 {
///     let v = [(n as f64).sin()];
///     fast.push(&v);
///     slow.push(&v);
/// }
/// let (mut a, mut b) = ([0.0], [0.0]);
/// fast.sum(&mut a);
/// slow.sum(&mut b);
/// assert!((a[0] - b[0]).abs() < 1e-12 * b[0].abs().max(1.0));
/// ```
///
/// # Errors
/// [`GleError::Unsupported`] if the profile is not a sum of exponentials (see [`exp_terms`]);
/// [`GleError::Base`] for a non-positive or non-finite `dt` or `d = 0`.
///
/// # Numerical notes
/// `2Md` flops per real term and step (`8Md` for complex terms) and `O(Md)` state,
/// independent of `N`. The recursion multiplies by `|zⱼ| ≤ 1` for decaying terms, so
/// rounding errors are damped, not amplified; the difference from the direct sum is a few
/// ulps of `Σ|k||v|`. Growing terms (`Re λ < 0`) are accepted and computed as written.
/// Reference: Lang & Lu, arXiv 2512.10256 (Markovian embedding of Prony kernels).
#[derive(Clone, Debug)]
pub struct PronyHistory {
    dim: usize,
    n: usize,
    /// Real terms: weights, factors `e^{-b dt}`, states `M_r × d`.
    re_c: Vec<f64>,
    re_z: Vec<f64>,
    re_s: Vec<f64>,
    /// Complex terms: weights, factors, states `M_c × d` (real and imaginary parts).
    cx_c: Vec<(f64, f64)>,
    cx_z: Vec<(f64, f64)>,
    cx_s_re: Vec<f64>,
    cx_s_im: Vec<f64>,
}

impl PronyHistory {
    /// A Prony recursion for a profile recognised by [`exp_terms`]: equivalent to
    /// [`PronyHistory::from_terms`] on `exp_terms(profile)`.
    ///
    /// # Example
    /// After one push `H_1 = k(dt)·v_0`; a cut-off profile has no exponential expansion.
    /// ```
    /// use gle_core::history::{HistorySum, PronyHistory};
    /// use gle_core::kernel::ScalarKernel;
    /// let k = ScalarKernel::oscillatory(2.0, 0.5, 3.0)?;
    /// let mut h = PronyHistory::new(&k, 0.1, 2)?;
    /// h.push(&[1.0, -2.0]);
    /// let mut out = [0.0; 2];
    /// h.sum(&mut out);
    /// assert!((out[0] - k.eval(0.1)).abs() < 1e-15 && (out[1] + 2.0 * k.eval(0.1)).abs() < 1e-15);
    /// assert_eq!(h.n_terms(), 2); // one complex term: two reals per coordinate
    /// # Ok::<(), gle_core::GleError>(())
    /// ```
    ///
    /// # Errors
    /// [`GleError::Unsupported`] if `exp_terms(profile)` is `None` (cut-offs, power laws,
    /// stretched exponentials, closures); [`GleError::Base`] for `dt` non-finite or `≤ 0`,
    /// `d = 0`, or a non-finite term.
    ///
    /// # Numerical notes
    /// Exact up to rounding; see [`PronyHistory`].
    pub fn new(profile: &ScalarKernel, dt: f64, dim: usize) -> Result<Self> {
        let terms = exp_terms(profile).ok_or(GleError::Unsupported {
            what: "Prony recursion needs a sum of exponentials (exponential, Prony, \
                   oscillatory, or shifted/modulated versions of these)",
        })?;
        Self::from_terms(&terms, dt, dim)
    }

    /// A Prony recursion for `k(τ) = Re Σ cⱼ e^{-λⱼτ}` given term by term.
    ///
    /// Terms with `c = 0` are dropped; terms with `c_im = 0` and `freq = 0` use the real
    /// recursion, the others the complex one (`zⱼ = e^{-λⱼdt}`).
    ///
    /// # Example
    /// Two pushes of `v = 1` give `H_2 = Σⱼ cⱼ(zⱼ + zⱼ²)`:
    /// ```
    /// use gle_core::history::{ExpTerm, HistorySum, PronyHistory};
    /// let terms = [ExpTerm::real(1.0, 1.0), ExpTerm::real(0.0, 5.0), ExpTerm::real(2.0, 0.5)];
    /// let mut h = PronyHistory::from_terms(&terms, 0.1, 1)?;
    /// assert_eq!(h.n_terms(), 2); // the zero-weight term is dropped
    /// h.push(&[1.0]);
    /// h.push(&[1.0]);
    /// let (z1, z2, mut out) = ((-0.1f64).exp(), (-0.05f64).exp(), [0.0]);
    /// h.sum(&mut out);
    /// assert!((out[0] - (z1 + z1 * z1) - 2.0 * (z2 + z2 * z2)).abs() < 1e-14);
    /// # Ok::<(), gle_core::GleError>(())
    /// ```
    ///
    /// # Errors
    /// [`GleError::Base`] for `dt` non-finite or `≤ 0`, `d = 0`, or a non-finite weight,
    /// rate or frequency.
    ///
    /// # Numerical notes
    /// Terms with `Re λ < 0` grow like `e^{|Re λ|t}` and are accepted as written; see
    /// [`PronyHistory`].
    pub fn from_terms(terms: &[ExpTerm], dt: f64, dim: usize) -> Result<Self> {
        let dt = crate::error::positive("dt", dt)?;
        if dim == 0 {
            return Err(langevin_base::Error::Empty { name: "dim" }.into());
        }
        let mut s = Self {
            dim,
            n: 0,
            re_c: Vec::new(),
            re_z: Vec::new(),
            re_s: Vec::new(),
            cx_c: Vec::new(),
            cx_z: Vec::new(),
            cx_s_re: Vec::new(),
            cx_s_im: Vec::new(),
        };
        for t in terms {
            for (name, x) in [
                ("c", t.c_re),
                ("c", t.c_im),
                ("rate", t.rate),
                ("freq", t.freq),
            ] {
                crate::error::finite(name, x)?;
            }
            if t.c_re == 0.0 && t.c_im == 0.0 {
                continue;
            }
            let m = (-t.rate * dt).exp();
            if t.freq == 0.0 && t.c_im == 0.0 {
                s.re_c.push(t.c_re);
                s.re_z.push(m);
            } else {
                let (sn, cs) = (-t.freq * dt).sin_cos();
                s.cx_c.push((t.c_re, t.c_im));
                s.cx_z.push((m * cs, m * sn));
            }
        }
        s.re_s = vec![0.0; s.re_c.len() * dim];
        s.cx_s_re = vec![0.0; s.cx_c.len() * dim];
        s.cx_s_im = vec![0.0; s.cx_c.len() * dim];
        Ok(s)
    }

    /// Number of real recursions plus twice the number of complex ones (the state size per
    /// coordinate, in reals).
    pub fn n_terms(&self) -> usize {
        self.re_c.len() + 2 * self.cx_c.len()
    }
}

impl HistorySum for PronyHistory {
    fn dim(&self) -> usize {
        self.dim
    }

    fn push(&mut self, v: &[f64]) {
        let d = self.dim;
        assert_eq!(
            v.len(),
            d,
            "state has length {}, history dimension is {d}",
            v.len()
        );
        if d == 1 {
            // Scalar fast path: one vectorisable sweep over the real terms.
            let v0 = v[0];
            for (z, s) in self.re_z.iter().zip(self.re_s.iter_mut()) {
                *s = z * (*s + v0);
            }
        } else {
            for (z, s) in self.re_z.iter().zip(self.re_s.chunks_exact_mut(d)) {
                for (s, v) in s.iter_mut().zip(v) {
                    *s = z * (*s + v);
                }
            }
        }
        for ((z, sr), si) in self
            .cx_z
            .iter()
            .zip(self.cx_s_re.chunks_exact_mut(d))
            .zip(self.cx_s_im.chunks_exact_mut(d))
        {
            for ((sr, si), v) in sr.iter_mut().zip(si.iter_mut()).zip(v) {
                let a = *sr + v;
                let b = *si;
                *sr = z.0 * a - z.1 * b;
                *si = z.0 * b + z.1 * a;
            }
        }
        self.n += 1;
    }

    fn sum(&mut self, out: &mut [f64]) {
        let d = self.dim;
        assert_eq!(
            out.len(),
            d,
            "output has length {}, history dimension is {d}",
            out.len()
        );
        out.fill(0.0);
        if d == 1 {
            // Four partial sums so the reduction vectorises.
            let mut acc = [0.0; 4];
            let (cs, ss) = (self.re_c.chunks_exact(4), self.re_s.chunks_exact(4));
            let tail: f64 = cs
                .remainder()
                .iter()
                .zip(ss.remainder())
                .map(|(c, s)| c * s)
                .sum();
            for (c, s) in cs.zip(ss) {
                for i in 0..4 {
                    acc[i] += c[i] * s[i];
                }
            }
            out[0] = (acc[0] + acc[1]) + (acc[2] + acc[3]) + tail;
        } else {
            for (c, s) in self.re_c.iter().zip(self.re_s.chunks_exact(d)) {
                for (o, s) in out.iter_mut().zip(s) {
                    *o += c * s;
                }
            }
        }
        for ((c, sr), si) in self
            .cx_c
            .iter()
            .zip(self.cx_s_re.chunks_exact(d))
            .zip(self.cx_s_im.chunks_exact(d))
        {
            for ((o, sr), si) in out.iter_mut().zip(sr).zip(si) {
                *o += c.0 * sr - c.1 * si;
            }
        }
    }

    fn len(&self) -> usize {
        self.n
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Max over `n` of `|H_fast - H_direct| / max_n |H_direct|`.
    fn compare(k: &ScalarKernel, dt: f64, n: usize, dim: usize) -> f64 {
        let mut fast = PronyHistory::new(k, dt, dim).unwrap();
        crate::history::max_rel_error_vs_direct(&mut fast, k, dt, n, 11)
    }

    #[test]
    fn prony_recursion_matches_direct_sum_over_ten_thousand_steps() {
        // Exact recursion: only rounding (≈ n·ε·Σ|k||v| / max|H|) separates the two.
        let k = ScalarKernel::prony(vec![1.0, -0.3, 2.0], vec![0.5, 2.0, 0.01]).unwrap();
        assert!(compare(&k, 0.01, 10_000, 1) < 1e-12);
    }

    #[test]
    fn oscillatory_shifted_and_modulated_kernels_are_exact() {
        let osc = ScalarKernel::oscillatory(1.5, 0.3, 2.0).unwrap();
        assert!(compare(&osc, 0.02, 3000, 2) < 1e-12);
        let e = ScalarKernel::exponential(1.0, 0.5).unwrap();
        assert!(compare(&e.shifted(0.7).unwrap(), 0.02, 3000, 1) < 1e-12);
        assert!(compare(&e.modulated(0.8).unwrap(), 0.02, 3000, 1) < 1e-12);
        assert!(
            compare(
                &osc.shifted(0.4).unwrap().modulated(1.1).unwrap(),
                0.02,
                3000,
                1
            ) < 1e-12
        );
    }

    #[test]
    fn non_exponential_kernels_are_unsupported() {
        let p = ScalarKernel::power_law(1.0, 1.0, 2.0).unwrap();
        assert!(matches!(
            PronyHistory::new(&p, 0.1, 1),
            Err(GleError::Unsupported { .. })
        ));
        let e = ScalarKernel::exponential(1.0, 1.0).unwrap();
        assert!(PronyHistory::new(&e.cut_off(1.0).unwrap(), 0.1, 1).is_err());
        assert!(PronyHistory::new(&e, 0.0, 1).is_err());
        assert!(PronyHistory::new(&e, 0.1, 0).is_err());
    }
}
