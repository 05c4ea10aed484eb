//! Throughput of the `langevin-base` kernels: particle-steps per second for 10⁴ independent
//! particles (BAOAB and Euler–Maruyama in the 1-D double well and the 2-D Lemon Slice), and
//! the floor set by drawing the standard normal variates.
//!
//! Run single-threaded (the kernels themselves are sequential):
//! `cargo bench -p langevin-benches --bench base -- --warm-up-time 1 --measurement-time 3`.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use langevin_base::integrator::{Baoab, EulerMaruyama};
use langevin_base::potential::{DoubleWell, LemonSlice, Potential};
use langevin_base::rng::{Seed, fill_standard_normal};
use std::hint::black_box;

const N: usize = 10_000;

fn init<P: Potential>(pot: &P, x0: &[f64]) -> (Vec<f64>, Vec<f64>, Vec<f64>) {
    let d = x0.len();
    let q: Vec<f64> = x0.repeat(N);
    let mut g = vec![0.0; N * d];
    for (qi, gi) in q.chunks_exact(d).zip(g.chunks_exact_mut(d)) {
        pot.gradient(qi, gi);
    }
    (q, vec![0.0; N * d], g)
}

fn kernels(c: &mut Criterion) {
    let dw = DoubleWell::new(1.0, 0.0).unwrap();
    let ls = LemonSlice::default();
    let baoab = Baoab::new(0.01, 1.0, 3.0).unwrap();
    let em = EulerMaruyama::new(0.001, 1.0, 3.0).unwrap();

    // Floor: one normal variate per degree of freedom and step.
    let mut g = c.benchmark_group("normals");
    g.throughput(Throughput::Elements(N as u64));
    let mut rng = Seed(1).root();
    let mut xi = vec![0.0; N];
    g.bench_function("standard_normal_1e4", |b| {
        b.iter(|| fill_standard_normal(&mut rng, black_box(&mut xi)));
    });
    g.finish();

    let mut g = c.benchmark_group("baoab");
    g.throughput(Throughput::Elements(N as u64));
    let (mut q, mut p, mut gr) = init(&dw, &[-1.0]);
    let mut rng = Seed(2).root();
    g.bench_function("double_well_1d_1e4", |b| {
        b.iter(|| baoab.step_particles(&dw, black_box(&mut q), &mut p, &mut gr, &mut rng));
    });
    let (mut q, mut p, mut gr) = init(&ls, &[1.0, 0.0]);
    let baoab_ls = Baoab::new(0.002, 1.0, 1.0).unwrap();
    g.bench_function("lemon_slice_2d_1e4", |b| {
        b.iter(|| baoab_ls.step_particles(&ls, black_box(&mut q), &mut p, &mut gr, &mut rng));
    });
    g.finish();

    let mut g = c.benchmark_group("euler_maruyama");
    g.throughput(Throughput::Elements(N as u64));
    let (mut q, _, mut gr) = init(&dw, &[-1.0]);
    g.bench_function("double_well_1d_1e4", |b| {
        b.iter(|| em.step_particles(&dw, black_box(&mut q), &mut gr, &mut rng));
    });
    let (mut q, _, mut gr) = init(&ls, &[1.0, 0.0]);
    let em_ls = EulerMaruyama::new(0.0005, 1.0, 1.0).unwrap();
    g.bench_function("lemon_slice_2d_1e4", |b| {
        b.iter(|| em_ls.step_particles(&ls, black_box(&mut q), &mut gr, &mut rng));
    });
    g.finish();
}

criterion_group!(benches, kernels);
criterion_main!(benches);
