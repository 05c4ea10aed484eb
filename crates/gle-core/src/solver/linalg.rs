//! Tiny dense linear algebra for the `d×d` implicit solves of the trapezoidal scheme (`d` is
//! the physical dimension, a handful at most).
//!
//! Why not faer here: for general kernels `K(t,s)` the implicit solve happens once per time
//! step inside the solver's inner loop, on a 1×1 to 3×3 matrix held in preallocated scratch.
//! faer's solvers allocate their matrix and workspace per call, which would cost more than
//! the 3×3 elimination itself and break the allocation-free inner loop. Everything that is
//! not in an inner loop (eigenvalues of `R`, the SOE least squares) uses faer.

/// Solves `a x = b` in place (`a` row-major `d×d`, overwritten; `b` becomes `x`) by Gaussian
/// elimination with partial pivoting. Returns `false` if a pivot is zero or non-finite.
pub(crate) fn solve_in_place(a: &mut [f64], b: &mut [f64], d: usize) -> bool {
    for col in 0..d {
        // Pivot: the largest entry of the column at or below the diagonal.
        let mut piv = col;
        for r in col + 1..d {
            if a[r * d + col].abs() > a[piv * d + col].abs() {
                piv = r;
            }
        }
        let p = a[piv * d + col];
        if p == 0.0 || !p.is_finite() {
            return false;
        }
        if piv != col {
            for c in 0..d {
                a.swap(piv * d + c, col * d + c);
            }
            b.swap(piv, col);
        }

        // Eliminate below the pivot.
        for r in col + 1..d {
            let f = a[r * d + col] / p;
            if f != 0.0 {
                for c in col..d {
                    a[r * d + c] -= f * a[col * d + c];
                }
                b[r] -= f * b[col];
            }
        }
    }

    // Back substitution.
    for r in (0..d).rev() {
        let mut s = b[r];
        for c in r + 1..d {
            s -= a[r * d + c] * b[c];
        }
        b[r] = s / a[r * d + r];
    }
    true
}

/// The inverse of `a` (row-major `d×d`), or `None` if it is singular.
pub(crate) fn inverse(a: &[f64], d: usize) -> Option<Vec<f64>> {
    let mut inv = vec![0.0; d * d];
    let mut work = vec![0.0; d * d];
    let mut col = vec![0.0; d];
    for j in 0..d {
        work.copy_from_slice(a);
        col.fill(0.0);
        col[j] = 1.0;
        if !solve_in_place(&mut work, &mut col, d) {
            return None;
        }
        for i in 0..d {
            inv[i * d + j] = col[i];
        }
    }
    Some(inv)
}

/// `out = m · x` for a row-major `d×d` matrix.
#[inline]
pub(crate) fn matvec(m: &[f64], x: &[f64], out: &mut [f64]) {
    let d = x.len();
    for (i, o) in out.iter_mut().enumerate() {
        *o = m[i * d..(i + 1) * d]
            .iter()
            .zip(x)
            .map(|(a, b)| a * b)
            .sum();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn solves_a_pivoting_system_exactly() {
        // [[0, 2], [1, 1]] x = [4, 3]  →  x = [1, 2] (needs a row swap).
        let mut a = [0.0, 2.0, 1.0, 1.0];
        let mut b = [4.0, 3.0];
        assert!(solve_in_place(&mut a, &mut b, 2));
        assert_eq!(b, [1.0, 2.0]);
        assert!(inverse(&[1.0, 2.0, 2.0, 4.0], 2).is_none());
        let inv = inverse(&[2.0, 0.0, 0.0, 4.0], 2).unwrap();
        assert_eq!(inv, vec![0.5, 0.0, 0.0, 0.25]);
    }
}
