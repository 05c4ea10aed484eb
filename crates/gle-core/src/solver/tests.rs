//! Tests of the solvers against closed forms and of their input validation.

use super::*;
use crate::kernel::{MemoryKernel, ScalarKernel};
use langevin_base::potential::{Harmonic, QuadraticPlusSoft};
use langevin_base::rng::Seed;

/// `ρ(t)` for `k = C e^{-βτ}`: `v' = -γv - z`, `z' = Cv - βz`, real distinct roots of
/// `(λ+γ)(λ+β) + C = 0`.
fn rho_exponential(c: f64, beta: f64, gamma: f64, t: f64) -> f64 {
    let disc = (gamma - beta).powi(2) - 4.0 * c;
    assert!(disc > 0.0);
    let l1 = 0.5 * (-(gamma + beta) + disc.sqrt());
    let l2 = 0.5 * (-(gamma + beta) - disc.sqrt());
    ((-gamma - l2) * (l1 * t).exp() + (l1 + gamma) * (l2 * t).exp()) / (l1 - l2)
}

fn final_error(scheme: Scheme, dt: f64) -> f64 {
    let (c, beta, gamma, t) = (0.5, 1.0, 3.0, 2.0);
    let k = MemoryKernel::isotropic(ScalarKernel::exponential(c, beta).unwrap(), 1).unwrap();
    let gle = FirstOrderGle::builder(k)
        .gamma(gamma)
        .dt(dt)
        .t_end(t)
        .v0(vec![1.0])
        .scheme(scheme)
        .record(Recording::FinalOnly)
        .build()
        .unwrap();
    let path = gle.solve(&mut Seed(0).root()).unwrap();
    assert!((path.times[1] - t).abs() < 1e-12);
    (path.final_v()[0] - rho_exponential(c, beta, gamma, t)).abs()
}

/// Observed order `log₂(e(dt)/e(dt/2))`: the next error term is O(dt) relative to the
/// leading one, so at dt ≤ 0.01 the observed orders are within 0.1 of the formal ones. (For
/// `AuthorsSecondOrder` the Euler and left-Riemann errors partly cancel, which enlarges the
/// relative size of the next term: it is measured at dt = 0.002.)
#[test]
fn first_order_convergence_orders_match_theory() {
    for (scheme, p, dt) in [
        (Scheme::AuthorsFirstOrder, 1.0, 0.01),
        (Scheme::AuthorsSecondOrder, 1.0, 0.002),
        (Scheme::Trapezoidal, 2.0, 0.01),
    ] {
        let e1 = final_error(scheme, dt);
        let e2 = final_error(scheme, dt / 2.0);
        let order = (e1 / e2).log2();
        assert!(
            (order - p).abs() < 0.1,
            "{scheme:?}: order {order} ({e1}, {e2})"
        );
    }
    // The trapezoidal scheme is also accurate in absolute terms: error ≈ C dt² with C = O(1).
    assert!(final_error(Scheme::Trapezoidal, 0.01) < 1e-4);
}

/// Second order, nonlinear potential: order from three step sizes (no closed form needed):
/// (x(dt) - x(dt/2)) / (x(dt/2) - x(dt/4)) → 2^p.
#[test]
fn second_order_convergence_orders_from_richardson_ratios() {
    let pot = QuadraticPlusSoft::new(vec![2.0, 0.5, 0.5, 3.0], 0.5).unwrap();
    let k = MemoryKernel::stationary(
        ScalarKernel::exponential(1.0, 0.5).unwrap(),
        vec![1.0, 0.2, 0.1, 0.8],
    )
    .unwrap();
    let run = |scheme, dt| {
        let gle = SecondOrderGle::builder(k.clone(), pot.clone())
            .gamma(1.5)
            .u(2.0)
            .dt(dt)
            .t_end(2.0)
            .x0(vec![1.0, -0.5])
            .v0(vec![0.3, 0.7])
            .scheme(scheme)
            .record(Recording::FinalOnly)
            .build()
            .unwrap();
        let p = gle.solve(&mut Seed(0).root()).unwrap();
        let n = p.times.len() - 1;
        [p.x_at(n)[0], p.x_at(n)[1], p.final_v()[0], p.final_v()[1]]
    };
    for (scheme, p) in [
        (Scheme::AuthorsSecondOrder, 1.0),
        (Scheme::Trapezoidal, 2.0),
    ] {
        let a = run(scheme, 0.01);
        let b = run(scheme, 0.005);
        let c = run(scheme, 0.0025);
        let d1: f64 = a
            .iter()
            .zip(&b)
            .map(|(a, b)| (a - b).powi(2))
            .sum::<f64>()
            .sqrt();
        let d2: f64 = b
            .iter()
            .zip(&c)
            .map(|(a, b)| (a - b).powi(2))
            .sum::<f64>()
            .sqrt();
        let order = (d1 / d2).log2();
        assert!((order - p).abs() < 0.15, "{scheme:?}: order {order}");
    }
}

/// A general closure `K(t,s) = k(t-s)A` gives the stationary result up to round-off
/// (different summation order: relative 1e-12).
#[test]
fn general_kernel_matches_stationary_kernel() {
    let a = vec![1.0, 0.3, -0.2, 0.5];
    let prof = ScalarKernel::power_law(1.0, 1.0, 2.5).unwrap();
    let stat = MemoryKernel::stationary(prof.clone(), a.clone()).unwrap();
    let general = MemoryKernel::general(2, move |t, s, out: &mut [f64]| {
        let k = prof.eval(t - s);
        for (o, a) in out.iter_mut().zip(&a) {
            *o = k * a;
        }
    })
    .unwrap();
    for scheme in [
        Scheme::AuthorsFirstOrder,
        Scheme::AuthorsSecondOrder,
        Scheme::Trapezoidal,
    ] {
        let solve = |k: MemoryKernel| {
            FirstOrderGle::builder(k)
                .gamma(1.0)
                .sigma(0.3)
                .dt(0.02)
                .t_end(3.0)
                .v0(vec![1.0, -1.0])
                .scheme(scheme)
                .build()
                .unwrap()
                .solve(&mut Seed(5).root())
                .unwrap()
        };
        let p = solve(stat.clone());
        let q = solve(general.clone());
        for (x, y) in p.v.iter().zip(&q.v) {
            assert!(
                (x - y).abs() < 1e-12 * (1.0 + x.abs()),
                "{scheme:?}: {x} {y}"
            );
        }
        assert!(q.stats.kernel_evals > p.stats.kernel_evals);
    }
}

/// The authors' first step: `v_1 = v_0 + dt(-γ v_0 - ½ dt k(dt) v_0)` exactly.
#[test]
fn authors_first_step_uses_half_weight() {
    let k = MemoryKernel::isotropic(ScalarKernel::exponential(2.0, 1.0).unwrap(), 1).unwrap();
    let dt = 0.1;
    let gle = FirstOrderGle::builder(k)
        .gamma(0.5)
        .dt(dt)
        .t_end(0.1)
        .v0(vec![1.0])
        .build()
        .unwrap();
    let p = gle.solve(&mut Seed(0).root()).unwrap();
    let expect = 1.0 + dt * (-0.5 - 0.5 * dt * 2.0 * (-dt).exp());
    assert_eq!(p.final_v()[0], expect);
    assert_eq!(p.stats.steps, 1);
}

#[test]
fn shared_scalar_noise_moves_all_coordinates_together() {
    let k = MemoryKernel::isotropic(ScalarKernel::exponential(1.0, 1.0).unwrap(), 3).unwrap();
    let gle = FirstOrderGle::builder(k)
        .sigma(1.0)
        .v0(vec![0.0; 3])
        .noise(NoiseMode::SharedScalar)
        .build()
        .unwrap();
    let p = gle.solve(&mut Seed(2).root()).unwrap();
    let v = p.final_v();
    assert!(v[0] != 0.0 && v[0] == v[1] && v[1] == v[2]);
}

#[test]
fn recording_stride_and_final_only() {
    let k = MemoryKernel::isotropic(ScalarKernel::exponential(1.0, 1.0).unwrap(), 1).unwrap();
    let b = FirstOrderGle::builder(k).dt(0.1).t_end(1.0);
    let p = b
        .clone()
        .record(Recording::Stride(3))
        .build()
        .unwrap()
        .solve(&mut Seed(0).root())
        .unwrap();
    assert_eq!(p.times.len(), 5); // 0, 3, 6, 9, 10
    let q = b
        .record(Recording::FinalOnly)
        .build()
        .unwrap()
        .solve(&mut Seed(0).root())
        .unwrap();
    assert_eq!(q.times.len(), 2);
    assert_eq!(q.final_v(), p.final_v());
}

#[test]
fn bad_inputs_are_typed_errors() {
    use crate::GleError;
    use langevin_base::Error as B;
    let k = MemoryKernel::isotropic(ScalarKernel::exponential(1.0, 1.0).unwrap(), 2).unwrap();
    let b = || FirstOrderGle::builder(k.clone());
    assert!(matches!(
        b().dt(0.0).build(),
        Err(GleError::Base(B::NonPositive { name: "dt", .. }))
    ));
    assert!(matches!(
        b().dt(-0.1).build(),
        Err(GleError::Base(B::NonPositive { name: "dt", .. }))
    ));
    assert!(matches!(
        b().gamma(f64::NAN).build(),
        Err(GleError::Base(B::NotFinite { name: "gamma", .. }))
    ));
    assert!(matches!(
        b().sigma(-1.0).build(),
        Err(GleError::Base(B::OutOfRange { name: "sigma", .. }))
    ));
    assert!(matches!(
        b().dt(0.1).t_end(0.05).build(),
        Err(GleError::HorizonTooShort { .. })
    ));
    assert!(matches!(
        b().v0(vec![1.0]).build(),
        Err(GleError::Base(B::DimensionMismatch {
            name: "v0",
            expected: 2,
            got: 1
        }))
    ));
    assert!(matches!(
        b().v0(vec![1.0, f64::NAN]).build(),
        Err(GleError::Base(B::NotFinite { .. }))
    ));
    assert!(b().record(Recording::Stride(0)).build().is_err());
    let pot = Harmonic::isotropic(3, 1.0).unwrap();
    assert!(matches!(
        SecondOrderGle::builder(k.clone(), pot).build(),
        Err(GleError::Base(B::DimensionMismatch {
            name: "potential",
            expected: 2,
            got: 3
        }))
    ));
    let pot = Harmonic::isotropic(2, 1.0).unwrap();
    assert!(matches!(
        SecondOrderGle::builder(k.clone(), pot.clone())
            .x0(vec![0.0; 3])
            .build(),
        Err(GleError::Base(B::DimensionMismatch { name: "x0", .. }))
    ));
    assert!(matches!(
        SecondOrderGle::builder(k, pot).u(f64::INFINITY).build(),
        Err(GleError::Base(B::NotFinite { name: "u", .. }))
    ));
}

/// An explicit step far beyond the stability limit overflows: a typed error with the step.
#[test]
fn divergence_is_reported_with_step_and_time() {
    let k = MemoryKernel::isotropic(ScalarKernel::exponential(1.0, 1.0).unwrap(), 1).unwrap();
    let gle = FirstOrderGle::builder(k)
        .gamma(1e3)
        .dt(1.0)
        .t_end(1e3)
        .build()
        .unwrap();
    match gle.solve(&mut Seed(0).root()) {
        Err(crate::GleError::Diverged { step, time }) => {
            assert!(step > 1 && (time - step as f64).abs() < 1e-9);
        }
        other => panic!("expected divergence, got {other:?}"),
    }
}

#[test]
fn too_many_steps_are_rejected_at_build_time() {
    use crate::GleError;
    use crate::kernel::{MemoryKernel, ScalarKernel};
    use crate::solver::FirstOrderGle;
    let k = MemoryKernel::isotropic(ScalarKernel::exponential(1.0, 1.0).unwrap(), 1).unwrap();
    for (dt, t_end) in [(1e-300, 1.0), (1e-12, 1e6)] {
        let e = FirstOrderGle::builder(k.clone())
            .dt(dt)
            .t_end(t_end)
            .build()
            .unwrap_err();
        assert!(
            matches!(e, GleError::TooLarge { limit, .. } if limit == crate::error::MAX_STEPS as f64),
            "{e:?}"
        );
    }
}
