//! Validation suites of `gle-core`: the numerical section (Sec. 5) of Lang & Lu,
//! "Error Analysis of Generalized Langevin Equations with Approximated Memory Kernels"
//! (arXiv 2512.10256), with the parameters of the authors' scripts (`shared/spec/gle.md`).
//!
//! | suite | paper | full | `--quick` |
//! |---|---|---|---|
//! | `gle-decay-exponential` | 5.1(a) | 10 γ × 12 β | every other γ and β (5 × 6) |
//! | `gle-decay-powerlaw` | 5.1(b) | 15 γ × 20 β | every other γ and β (8 × 10) |
//! | `gle-second-order` | 5.3 | 20 pairs, 4 families × 10 | 8 pairs |
//! | `gle-first-order` | 5.4 | 20 pairs, 4 families × 10 | 8 pairs |
//!
//! Time steps, horizons and parameter values are never reduced: the quick variant only thins
//! the grids and the number of pairs, so every check keeps its meaning.

use crate::harness::{Check, Ctx, Plot, Scale, Style, Suite, SuiteOutput};
use gle_core::coupling::{
    CouplingConfig, CouplingReport, HypocoerciveMetric, couple_first_order, couple_second_order,
};
use gle_core::history::HistoryMethod;
use gle_core::kernel::{MemoryKernel, ScalarKernel};
use gle_core::norm::{Weight, kernel_error_norm};
use gle_core::rates::{
    authors_discrete_rate, contraction_conditions_for, exponential_rate, power_law_threshold,
    smallest_eigenvalue,
};
use gle_core::solver::{FirstOrderGle, NoiseMode, Recording, Scheme, SecondOrderGle};
use langevin_base::potential::QuadraticPlusSoft;
use langevin_base::rng::{Seed, fill_standard_normal};
use langevin_base::stats::linear_fit;
use rayon::prelude::*;

/// The suites of `gle-core`.
mod coupling;
mod decay;

pub use coupling::{FirstOrder, SecondOrder};
pub use decay::{DecayExponential, DecayPowerLaw};

pub fn suites() -> Vec<&'static dyn Suite> {
    vec![&DecayExponential, &DecayPowerLaw, &SecondOrder, &FirstOrder]
}

// ---------------------------------------------------------------------------------------------
// Helpers

fn linspace(a: f64, b: f64, n: usize) -> Vec<f64> {
    (0..n)
        .map(|i| a + (b - a) * i as f64 / (n - 1) as f64)
        .collect()
}

/// Every other element (indices 0, 2, 4, …) in quick mode.
fn thin(v: Vec<f64>, ctx: &Ctx) -> Vec<f64> {
    if ctx.quick {
        v.into_iter().step_by(2).collect()
    } else {
        v
    }
}

fn err(e: impl std::fmt::Display) -> String {
    e.to_string()
}

/// Least-squares slope of `y` against `x` over the points where `keep(x)`.
fn slope_where(x: &[f64], y: &[f64], keep: impl Fn(f64) -> bool) -> Result<f64, String> {
    let (xs, ys): (Vec<f64>, Vec<f64>) = x
        .iter()
        .zip(y)
        .filter(|(x, _)| keep(**x))
        .map(|(x, y)| (*x, *y))
        .unzip();
    Ok(linear_fit(&xs, &ys).map_err(err)?.slope)
}

/// Ranks with ties averaged (1-based).
fn ranks(v: &[f64]) -> Vec<f64> {
    let mut idx: Vec<usize> = (0..v.len()).collect();
    idx.sort_by(|&a, &b| v[a].total_cmp(&v[b]));
    let mut r = vec![0.0; v.len()];
    let mut i = 0;
    while i < idx.len() {
        let mut j = i;
        while j + 1 < idx.len() && v[idx[j + 1]] == v[idx[i]] {
            j += 1;
        }
        let avg = (i + j) as f64 / 2.0 + 1.0;
        for k in i..=j {
            r[idx[k]] = avg;
        }
        i = j + 1;
    }
    r
}

/// Spearman's rank correlation (Pearson correlation of the tie-averaged ranks).
fn spearman(a: &[f64], b: &[f64]) -> f64 {
    let (ra, rb) = (ranks(a), ranks(b));
    let n = ra.len() as f64;
    let (ma, mb) = (ra.iter().sum::<f64>() / n, rb.iter().sum::<f64>() / n);
    let cov: f64 = ra.iter().zip(&rb).map(|(x, y)| (x - ma) * (y - mb)).sum();
    let va: f64 = ra.iter().map(|x| (x - ma).powi(2)).sum();
    let vb: f64 = rb.iter().map(|y| (y - mb).powi(2)).sum();
    cov / (va * vb).sqrt()
}

/// Decay exponent of a mean-square difference curve `e(t)`: a least-squares fit of `ln e`
/// against `t` (semilog) or `ln(t+1)` (log–log, `log_time`) over `[t_start, t_stop]`, where
/// `t_start` is the time of the maximum of `e` on `t ≥ t_min` (a late cut-off only starts to
/// differ at `t = p`) and `t_stop` the first later time at which `e` falls below 10× its σ²
/// noise floor (the median over the last 10% of the horizon). Returns `NaN` when the window
/// has fewer than 10 records or spans less than one decade (the signal never rises clear of
/// the floor), and the window itself.
fn decay_slope(rep: &CouplingReport, e: &[f64], t_min: f64, log_time: bool) -> (f64, (f64, f64)) {
    let t = &rep.times;
    let t_end = *t.last().unwrap_or(&0.0);
    let mut tail: Vec<f64> = t
        .iter()
        .zip(e)
        .filter(|(t, _)| **t >= 0.9 * t_end)
        .map(|(_, e)| *e)
        .collect();
    tail.sort_by(f64::total_cmp);
    let floor = tail.get(tail.len() / 2).copied().unwrap_or(0.0);
    let Some(i0) = (0..t.len())
        .filter(|&i| t[i] >= t_min)
        .max_by(|&i, &j| e[i].total_cmp(&e[j]))
    else {
        return (f64::NAN, (t_min, t_min));
    };
    let i1 = (i0..t.len())
        .find(|&i| e[i] <= 10.0 * floor)
        .unwrap_or(t.len() - 1);
    let window = (t[i0], t[i1]);
    if i1 < i0 + 10 || !(e[i0] > 0.0 && e[i1] > 0.0) || e[i0] < 10.0 * e[i1] {
        return (f64::NAN, window);
    }
    let (xs, ys): (Vec<f64>, Vec<f64>) = (i0..=i1)
        .filter(|&i| e[i] > 0.0)
        .map(|i| (if log_time { (t[i] + 1.0).ln() } else { t[i] }, e[i].ln()))
        .unzip();
    match linear_fit(&xs, &ys) {
        Ok(f) => (f.slope, window),
        Err(_) => (f64::NAN, window),
    }
}

// ---------------------------------------------------------------------------------------------
// 5.1(a) exponential decay rates

/// Sec. 5.1(a): deterministic decay with the anti-friction kernel `k = -e^{-βτ}`.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spearman_handles_ties_and_order() {
        assert!((spearman(&[1.0, 2.0, 3.0], &[10.0, 20.0, 30.0]) - 1.0).abs() < 1e-15);
        assert!((spearman(&[1.0, 2.0, 3.0], &[3.0, 2.0, 1.0]) + 1.0).abs() < 1e-15);
        assert_eq!(ranks(&[0.0, 0.0, 1.0]), vec![1.5, 1.5, 3.0]);
    }
}
