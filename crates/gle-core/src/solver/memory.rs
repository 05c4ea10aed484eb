//! The discrete memory term shared by every scheme: weighted lagged sums
//! `Σ_{m=0}^{n-1} w_m K(t_n, t_m) v_m` with end-point weights chosen by the scheme.

use super::linalg::matvec;
use crate::error::Result;
use crate::history::HistorySum;
use crate::kernel::MemoryKernel;

/// Online evaluator of `S_n(w₀, w_last) = Σ_{m=0}^{n-1} w_m K(t_n, t_m) v_m` where
/// `w_0 = w₀`, `w_{n-1} = w_last` (for `n = 1` only `w₀` applies) and all other weights are 1.
pub(crate) struct MemoryTerm {
    dim: usize,
    dt: f64,
    kind: Kind,
    /// `v_0` (needed for the first end-point correction).
    v0: Vec<f64>,
    /// `v_{n-1}` (the last pushed state).
    last: Vec<f64>,
    /// Number of pushed states `n`.
    n: usize,
    /// Scratch `d`-vector and `d×d` matrix.
    tmp: Vec<f64>,
    mat: Vec<f64>,
    /// Kernel evaluations made here (the history's own tabulation is counted by the caller).
    pub(crate) evals: u64,
}

enum Kind {
    /// `K = k(t-s) A` through a [`HistorySum`] of the scalar profile.
    Stationary {
        history: Box<dyn HistorySum>,
        profile: crate::kernel::ScalarKernel,
        matrix: Option<Vec<f64>>,
        /// `k(dt)`.
        k_dt: f64,
    },
    /// Any `K(t,s)`: all states are stored and summed directly.
    General {
        kernel: MemoryKernel,
        states: Vec<f64>,
    },
}

impl MemoryTerm {
    /// A memory term for `kernel` on the grid `t_m = m dt` with `n_steps` steps.
    pub(crate) fn new(
        kernel: &MemoryKernel,
        dt: f64,
        n_steps: usize,
        method: super::HistoryMethod,
    ) -> Result<Self> {
        let dim = kernel.dim();
        let kind = match kernel {
            MemoryKernel::Stationary {
                profile, matrix, ..
            } => Kind::Stationary {
                history: crate::history::make_history(profile, dt, n_steps, dim, method)?,
                profile: profile.clone(),
                matrix: matrix.clone(),
                k_dt: profile.eval(dt),
            },
            MemoryKernel::General { .. } => Kind::General {
                kernel: kernel.clone(),
                states: Vec::with_capacity((n_steps + 1) * dim),
            },
        };
        Ok(Self {
            dim,
            dt,
            kind,
            v0: vec![0.0; dim],
            last: vec![0.0; dim],
            n: 0,
            tmp: vec![0.0; dim],
            mat: vec![0.0; dim * dim],
            evals: 1,
        })
    }

    /// Appends `v_n`.
    pub(crate) fn push(&mut self, v: &[f64]) {
        if self.n == 0 {
            self.v0.copy_from_slice(v);
        }
        self.last.copy_from_slice(v);
        self.n += 1;
        match &mut self.kind {
            Kind::Stationary { history, .. } => history.push(v),
            Kind::General { states, .. } => states.extend_from_slice(v),
        }
    }

    /// Writes `S_n(w0, w_last)` into `out`, `n` = number of pushed states (`n ≥ 1`).
    pub(crate) fn weighted_sum(&mut self, w0: f64, w_last: f64, out: &mut [f64]) {
        let n = self.n;
        let d = self.dim;
        let tn = n as f64 * self.dt;
        match &mut self.kind {
            Kind::Stationary {
                history,
                profile,
                matrix,
                k_dt,
            } => {
                // H_n, then the end-point corrections in profile space, then one product by A.
                history.sum(&mut self.tmp);
                if n == 1 {
                    for (h, v) in self.tmp.iter_mut().zip(&self.v0) {
                        *h += (w0 - 1.0) * *k_dt * v;
                    }
                } else {
                    let k_first = profile.eval(tn);
                    self.evals += 1;
                    for ((h, v0), vl) in self.tmp.iter_mut().zip(&self.v0).zip(&self.last) {
                        *h += (w0 - 1.0) * k_first * v0 + (w_last - 1.0) * *k_dt * vl;
                    }
                }
                match matrix {
                    Some(a) => matvec(a, &self.tmp, out),
                    None => out.copy_from_slice(&self.tmp),
                }
            }
            Kind::General { kernel, states } => {
                out.fill(0.0);
                for m in 0..n {
                    let w = if m == 0 {
                        w0
                    } else if m == n - 1 {
                        w_last
                    } else {
                        1.0
                    };
                    kernel.eval(tn, m as f64 * self.dt, &mut self.mat);
                    let vm = &states[m * d..(m + 1) * d];
                    for (i, o) in out.iter_mut().enumerate() {
                        let row = &self.mat[i * d..(i + 1) * d];
                        *o += w * row.iter().zip(vm).map(|(a, b)| a * b).sum::<f64>();
                    }
                }
                self.evals += n as u64;
            }
        }
    }

    /// Writes the diagonal kernel `K(t_n, t_n)` (row-major) into `out`, `n` = pushed states.
    pub(crate) fn diagonal(&mut self, out: &mut [f64]) {
        let tn = self.n as f64 * self.dt;
        self.evals += 1;
        match &self.kind {
            Kind::Stationary {
                profile, matrix, ..
            } => {
                let k0 = profile.eval(0.0);
                if let Some(a) = matrix {
                    for (o, a) in out.iter_mut().zip(a) {
                        *o = k0 * a;
                    }
                } else {
                    out.fill(0.0);
                    for i in 0..self.dim {
                        out[i * self.dim + i] = k0;
                    }
                }
            }
            Kind::General { kernel, .. } => kernel.eval(tn, tn, out),
        }
    }

    /// Whether `K(t_n, t_n)` is the same at every step (stationary kernels).
    pub(crate) fn is_stationary(&self) -> bool {
        matches!(self.kind, Kind::Stationary { .. })
    }
}
