//! Reproducible random streams.
//!
//! Every random number in the workspace comes from a [`Stream`], the Xoshiro256++ generator of
//! Blackman & Vigna (2021, doi:10.1145/3460772), seeded from a [`Seed`]. Independent streams are
//! obtained by *jumping*: stream `i` is the root stream advanced by `i · 2¹²⁸` draws, so
//! streams never overlap in any feasible computation and stream `i` is the same whatever the
//! number of threads that later consumes it.
//!
//! `StdRng`, `SmallRng` and `thread_rng` are never used: they promise no reproducibility across
//! versions of `rand`.

use rand::SeedableRng;
use rand_distr::{Distribution, StandardNormal};
use rand_xoshiro::Xoshiro256PlusPlus;
use serde::{Deserialize, Serialize};

/// The generator used everywhere: Xoshiro256++ (256 bits of state, period 2²⁵⁶ − 1).
///
/// # Example
/// ```
/// use rand::Rng;
/// use langevin_base::rng::{Seed, Stream};
/// let (mut a, mut b): (Stream, Stream) = (Seed(9).root(), Seed(9).root());
/// assert_eq!(a.next_u64(), b.next_u64()); // same seed, same numbers
/// assert_ne!(Seed(9).stream(1), Seed(9).stream(2));
/// ```
pub type Stream = Xoshiro256PlusPlus;

/// A 64-bit seed from which all streams of a computation are derived.
///
/// The root state is produced from the seed by `SplitMix64` (`SeedableRng::seed_from_u64`), so
/// nearby seeds give unrelated streams.
///
/// # Example
/// ```
/// use langevin_base::rng::{Seed, standard_normal};
/// let mut a = Seed(7).stream(3);
/// let mut b = Seed(7).streams(4).pop().unwrap();
/// assert_eq!(standard_normal(&mut a), standard_normal(&mut b));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub struct Seed(pub u64);

impl Seed {
    /// The root stream (stream 0).
    ///
    /// # Example
    /// ```
    /// use langevin_base::rng::Seed;
    /// assert_eq!(Seed(7).root(), Seed(7).stream(0));
    /// ```
    pub fn root(self) -> Stream {
        Xoshiro256PlusPlus::seed_from_u64(self.0)
    }

    /// Stream `i`: the root stream advanced by `i` jumps of `2¹²⁸` draws.
    ///
    /// # Numerical notes
    /// Costs `i` jumps (≈ 1 µs each); to obtain many consecutive streams use
    /// [`Seed::streams`], which costs one jump per stream.
    pub fn stream(self, i: u64) -> Stream {
        let mut s = self.root();
        for _ in 0..i {
            s.jump();
        }
        s
    }

    /// Streams `0..n`, each `2¹²⁸` draws apart.
    ///
    /// # Example
    /// ```
    /// use langevin_base::rng::Seed;
    /// let s = Seed(7).streams(3);
    /// assert_eq!((s.len(), &s[2]), (3, &Seed(7).stream(2)));
    /// ```
    pub fn streams(self, n: usize) -> Vec<Stream> {
        let mut s = self.root();
        let mut out = Vec::with_capacity(n);
        for _ in 0..n {
            out.push(s.clone());
            s.jump();
        }
        out
    }

    /// A seed for an independent sub-computation, derived by hashing `(self, tag)`.
    ///
    /// Used to give, for example, the initial conditions and the noise of an experiment
    /// different seeds derived from one user seed. The map is `SplitMix64`'s finaliser, a
    /// bijection of `u64`, applied to `seed ⊕ φ·(tag + 1)`.
    ///
    /// # Example
    /// ```
    /// use langevin_base::rng::Seed;
    /// let (init, noise) = (Seed(42).derive(0), Seed(42).derive(1));
    /// assert_ne!(init, noise);
    /// assert_eq!(init, Seed(42).derive(0)); // a pure function of (seed, tag)
    /// ```
    #[must_use]
    pub fn derive(self, tag: u64) -> Seed {
        let mut z = self.0 ^ 0x9E37_79B9_7F4A_7C15_u64.wrapping_mul(tag.wrapping_add(1));
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        Seed(z ^ (z >> 31))
    }
}

/// One standard normal variate `ξ ~ N(0, 1)` (ziggurat method of `rand_distr`).
///
/// # Example
/// ```
/// use langevin_base::rng::{Seed, standard_normal};
/// let x = standard_normal(&mut Seed(1).root());
/// assert!(x.is_finite());
/// ```
#[inline]
pub fn standard_normal(rng: &mut Stream) -> f64 {
    StandardNormal.sample(rng)
}

/// Fills `out` with independent standard normal variates, in order.
///
/// # Example
/// ```
/// use langevin_base::rng::{Seed, fill_standard_normal};
/// let mut xi = [0.0; 4];
/// fill_standard_normal(&mut Seed(1).root(), &mut xi);
/// assert!(xi.iter().all(|x| x.is_finite()));
/// ```
#[inline]
pub fn fill_standard_normal(rng: &mut Stream, out: &mut [f64]) {
    for x in out {
        *x = StandardNormal.sample(rng);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::Rng;

    #[test]
    fn streams_match_single_stream_and_differ() {
        let all = Seed(42).streams(5);
        for (i, s) in all.iter().enumerate() {
            let mut a = s.clone();
            let mut b = Seed(42).stream(i as u64);
            assert_eq!(a.next_u64(), b.next_u64());
        }
        let mut a = all[0].clone();
        let mut b = all[1].clone();
        assert_ne!(a.next_u64(), b.next_u64());
    }

    #[test]
    fn derive_is_injective_on_small_tags() {
        let s = Seed(3);
        let tags: Vec<u64> = (0..100).map(|t| s.derive(t).0).collect();
        let mut sorted = tags.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), tags.len());
    }

    /// Mean and variance of 10⁵ normals within 5 standard errors (P(false fail) < 1e-6).
    #[test]
    fn normals_have_unit_variance() {
        let n = 100_000;
        let mut v = vec![0.0; n];
        fill_standard_normal(&mut Seed(9).root(), &mut v);
        let mean = v.iter().sum::<f64>() / n as f64;
        let var = v.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1) as f64;
        let n = n as f64;
        assert!(mean.abs() < 5.0 / n.sqrt(), "{mean}");
        assert!((var - 1.0).abs() < 5.0 * (2.0 / n).sqrt(), "{var}");
    }
}
