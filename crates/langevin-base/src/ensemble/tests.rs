//! Tests of the ensemble runner: reproducibility across thread counts, moments, passages.

use super::*;
use crate::integrator::{Baoab, EulerMaruyama, SymplecticEuler};
use crate::potential::{DoubleWell, Harmonic, LemonSlice};

fn in_pool<T: Send>(threads: usize, f: impl FnOnce() -> T + Send) -> T {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .unwrap()
        .install(f)
}

fn bits(v: &[f64]) -> Vec<u64> {
    v.iter().map(|x| x.to_bits()).collect()
}

#[test]
fn one_and_two_threads_are_bitwise_equal() {
    let n = 3 * BLOCK + 17;
    let u = DoubleWell::new(1.0, 0.0).unwrap();
    let s = Baoab::new(0.05, 1.0, 3.0).unwrap();
    let go = || {
        let mut e = Ensemble::new(n, 1, Seed(5)).unwrap();
        e.fill_positions(&[-1.0]).unwrap();
        let m = e.run_moments(&s, &u, 100, 10).unwrap();
        let mean: Vec<f64> = m.position.iter().map(Welford::mean).collect();
        let var: Vec<f64> = m.momentum.iter().map(Welford::variance).collect();
        (
            bits(e.positions()),
            bits(e.momenta()),
            bits(&mean),
            bits(&var),
        )
    };
    let a = in_pool(1, go);
    let b = in_pool(2, go);
    assert_eq!(a, b);

    let fp = |t| {
        in_pool(t, || {
            let mut e = Ensemble::new(2 * BLOCK + 3, 1, Seed(6)).unwrap();
            e.fill_positions(&[-1.0]).unwrap();
            let em = EulerMaruyama::new(0.01, 1.0, 2.0).unwrap();
            e.first_passage(
                &em,
                &u,
                Crossing {
                    component: 0,
                    level: 1.0,
                    upward: true,
                },
                100_000,
            )
            .unwrap()
        })
    };
    assert_eq!(fp(1), fp(2));
}

/// Sequential reference: block b is stepped with stream b exactly as `step_particles` would.
#[test]
fn matches_sequential_block_loop() {
    let n = BLOCK + 5;
    let u = LemonSlice::new(4).unwrap();
    let s = SymplecticEuler::new(0.001, 1.0, 1.0).unwrap();
    let mut e = Ensemble::new(n, 2, Seed(8)).unwrap();
    e.fill_positions(&[1.0, 0.0]).unwrap();
    let stats = e.run(&s, &u, 20).unwrap();
    assert_eq!(
        stats,
        EnsembleStats {
            particles: n,
            blocks: 2,
            steps: 20,
            gradient_evaluations: n as u64 * 21
        }
    );
    let mut streams = Seed(8).streams(2);
    let mut q: Vec<f64> = [1.0, 0.0].repeat(n);
    let mut p = vec![0.0; 2 * n];
    let mut g = vec![0.0; 2 * n];
    for (b, rng) in streams.iter_mut().enumerate() {
        let r = 2 * b * BLOCK..(2 * (b + 1) * BLOCK).min(2 * n);
        for (qi, gi) in q[r.clone()]
            .chunks_exact(2)
            .zip(g[r.clone()].chunks_exact_mut(2))
        {
            u.gradient(qi, gi);
        }
        for _ in 0..20 {
            s.step_particles(
                &u,
                &mut q[r.clone()],
                &mut p[r.clone()],
                &mut g[r.clone()],
                rng,
            );
        }
    }
    assert_eq!(bits(e.positions()), bits(&q));
    assert_eq!(e.steps_done(), 20);
    assert_eq!(
        (e.len(), e.dim(), e.blocks(), e.is_empty()),
        (n, 2, 2, false)
    );
}

/// EM on OU: ensemble mean x₀aⁿ and variance (2h/β)Σa^{2k} of the chain, 5σ bounds.
#[test]
fn moments_match_the_linear_chain() {
    let (theta, h, beta, x0) = (1.0, 0.05, 2.0, 2.0);
    let n = 50_000;
    let u = Harmonic::isotropic(1, theta).unwrap();
    let em = EulerMaruyama::new(h, 1.0, beta).unwrap();
    let mut e = Ensemble::new(n, 1, Seed(12)).unwrap();
    e.fill_positions(&[x0]).unwrap();
    let m = e.run_moments(&em, &u, 40, 10).unwrap();
    assert!(m.momentum.is_empty());
    let a: f64 = 1.0 - theta * h;
    for r in 1..m.times.len() {
        let k = 10 * r as i32;
        let var = 2.0 * h / beta * (1.0 - a.powi(2 * k)) / (1.0 - a * a);
        let mean = x0 * a.powi(k);
        assert!((m.position_mean(r, 0) - mean).abs() < 5.0 * (var / n as f64).sqrt());
        let vt = 5.0 * var * (2.0 / n as f64).sqrt();
        assert!((m.position_variance(r, 0) - var).abs() < vt);
    }
}

#[test]
fn errors_are_typed() {
    assert!(matches!(
        Ensemble::new(0, 1, Seed(0)),
        Err(Error::Empty { name: "n" })
    ));
    assert!(matches!(
        Ensemble::new(1, 0, Seed(0)),
        Err(Error::Empty { name: "dim" })
    ));
    let mut e = Ensemble::new(10, 1, Seed(0)).unwrap();
    let em = EulerMaruyama::new(0.01, 1.0, 1.0).unwrap();
    let u2 = Harmonic::isotropic(2, 1.0).unwrap();
    assert!(matches!(
        e.run(&em, &u2, 10),
        Err(Error::DimensionMismatch { .. })
    ));
    assert!(matches!(
        e.fill_positions(&[f64::NAN]),
        Err(Error::NotFinite { .. })
    ));
    let u = Harmonic::isotropic(1, 1.0).unwrap();
    assert!(matches!(
        e.run(&em, &u, 0),
        Err(Error::Empty { name: "steps" })
    ));
    assert!(matches!(
        e.run_moments(&em, &u, 10, 0),
        Err(Error::Empty { name: "stride" })
    ));
    let c = Crossing {
        component: 1,
        level: 0.0,
        upward: true,
    };
    assert!(matches!(
        e.first_passage(&em, &u, c, 10),
        Err(Error::OutOfRange { .. })
    ));
    e.positions_mut()[3] = f64::INFINITY;
    assert!(matches!(e.run(&em, &u, 1), Err(Error::NotFinite { .. })));
    // Unstable step: diverges, reported with the record step.
    let mut e = Ensemble::new(10, 1, Seed(0)).unwrap();
    e.fill_positions(&[1.0]).unwrap();
    let bad = EulerMaruyama::new(5.0, 1.0, 1.0).unwrap();
    let k4 = Harmonic::isotropic(1, 4.0).unwrap();
    // |1 - 20|^k overflows after ~240 steps; detection is at a record (multiple of 100).
    match e.run_moments(&bad, &k4, 10_000, 100) {
        Err(Error::Diverged { step, time }) => {
            assert!(step % 100 == 0 && step > 0 && step < 10_000 && time == step as f64 * 5.0);
        }
        other => panic!("{other:?}"),
    }
}

/// After `first_passage` every particle is back in its own slot, past the level.
#[test]
fn first_passage_restores_particle_order() {
    let u = DoubleWell::new(1.0, 0.0).unwrap();
    let mut e = Ensemble::new(BLOCK + 100, 1, Seed(9)).unwrap();
    for (i, q) in e.positions_mut().iter_mut().enumerate() {
        *q = -1.0 + 1e-3 * (i % 7) as f64;
    }
    let em = EulerMaruyama::new(0.01, 1.0, 1.0).unwrap();
    let c = Crossing {
        component: 0,
        level: 0.5,
        upward: true,
    };
    let fp = e.first_passage(&em, &u, c, 1_000_000).unwrap();
    assert_eq!(fp.censored, 0);
    assert!(e.positions().iter().all(|&x| x >= 0.5));
    assert!(fp.gradient_evaluations > (BLOCK + 100) as u64);
}

#[test]
fn momenta_accessors_and_censoring() {
    let mut e = Ensemble::new(5, 1, Seed(0)).unwrap();
    assert!(e.momenta().is_empty());
    e.momenta_mut()[0] = 1.0;
    assert_eq!(e.momenta().len(), 5);
    let u = DoubleWell::new(1.0, 0.0).unwrap();
    e.fill_positions(&[-1.0]).unwrap();
    let em = EulerMaruyama::new(0.01, 1.0, 20.0).unwrap();
    let fp = e
        .first_passage(
            &em,
            &u,
            Crossing {
                component: 0,
                level: 1.0,
                upward: true,
            },
            10,
        )
        .unwrap();
    assert_eq!(fp.censored, 5);
    assert_eq!(fp.statistics().count(), 0);
    let fp = e
        .first_passage(
            &em,
            &u,
            Crossing {
                component: 0,
                level: 0.0,
                upward: false,
            },
            10,
        )
        .unwrap();
    assert_eq!(fp.times, vec![Some(0.0); 5]);
}

#[test]
fn huge_ensembles_and_runs_are_too_large() {
    assert!(matches!(
        Ensemble::new(usize::MAX, 2, Seed(0)),
        Err(Error::TooLarge {
            name: "n × dim",
            ..
        })
    ));
    let u = Harmonic::isotropic(1, 1.0).unwrap();
    let em = EulerMaruyama::new(0.01, 1.0, 1.0).unwrap();
    let mut e = Ensemble::new(4, 1, Seed(0)).unwrap();
    assert!(matches!(
        e.run_moments(&em, &u, u64::MAX, 1),
        Err(Error::TooLarge {
            name: "records",
            ..
        })
    ));
    assert!(matches!(
        e.run_moments(&em, &u, u64::MAX, 2),
        Err(Error::TooLarge { .. })
    ));
    e.run_moments(&em, &u, 2, 1).unwrap();
    assert!(matches!(
        e.run_fold(&em, &u, u64::MAX, u64::MAX, |_| (), |(), _| ()),
        Err(Error::TooLarge {
            name: "steps_done + steps",
            ..
        })
    ));
    assert_eq!(e.steps_done(), 2);
}
