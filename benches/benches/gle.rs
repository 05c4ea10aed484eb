//! Cost per step of the history sums of `gle-core` against the number of steps `N`: direct
//! `O(N²)`, Prony recursion (on an exponential kernel), sum-of-exponentials (ε = 1e-8) and
//! FFT-blocked convolution on the power-law kernel `(τ+0.1)^{-1.5}`, `dt = 0.01`, `d = 1`.
//!
//! One iteration is a whole run of `N` steps (`push` + `sum` each step), so criterion's
//! throughput is steps per second. The direct sum is measured up to `N = 3·10⁴` only (at
//! `10⁶` it would be `5·10¹¹` multiply-adds); its cost at larger `N` is extrapolated
//! quadratically in `docs/performance.md`.
//!
//! `cargo bench -p langevin-benches --bench gle`

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use gle_core::history::{
    DirectHistory, FftHistory, HistorySum, PronyHistory, SoeApproximation, SoeHistory,
};
use gle_core::kernel::ScalarKernel;
use std::hint::black_box;
use std::time::Duration;

const DT: f64 = 0.01;

/// Runs `n` steps of `h` with a cheap deterministic input; returns the last sum.
fn run(h: &mut dyn HistorySum, n: usize) -> f64 {
    let mut out = [0.0];
    let mut v = 0.5;
    let mut acc = 0.0;
    for _ in 0..n {
        // logistic-map input: bounded, non-periodic, costs 2 flops
        v = 3.9 * v * (1.0 - v);
        h.push(&[v - 0.5]);
        h.sum(&mut out);
        acc += out[0];
    }
    acc
}

fn history(c: &mut Criterion) {
    let power = ScalarKernel::power_law(1.0, 0.1, 1.5).unwrap();
    let expo = ScalarKernel::exponential(1.0, 0.5).unwrap();
    let mut g = c.benchmark_group("history");
    g.sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3));
    for n in [1_000usize, 10_000, 30_000] {
        g.throughput(Throughput::Elements(n as u64));
        g.bench_with_input(BenchmarkId::new("direct", n), &n, |b, &n| {
            b.iter(|| {
                run(
                    &mut DirectHistory::new(power.clone(), DT, 1).unwrap(),
                    black_box(n),
                )
            });
        });
    }
    for n in [1_000usize, 10_000, 100_000, 1_000_000] {
        g.throughput(Throughput::Elements(n as u64));
        g.bench_with_input(BenchmarkId::new("prony", n), &n, |b, &n| {
            b.iter(|| run(&mut PronyHistory::new(&expo, DT, 1).unwrap(), black_box(n)));
        });
        let soe = SoeApproximation::fit(&power, DT, n as f64 * DT, 1e-8).unwrap();
        g.bench_with_input(
            BenchmarkId::new(format!("soe_M{}", soe.len()), n),
            &n,
            |b, &n| {
                b.iter(|| {
                    run(
                        &mut SoeHistory::from_approximation(soe.clone(), DT, 1).unwrap(),
                        black_box(n),
                    )
                });
            },
        );
        g.bench_with_input(BenchmarkId::new("fft", n), &n, |b, &n| {
            b.iter(|| {
                run(
                    &mut FftHistory::with_capacity(power.clone(), DT, 1, n).unwrap(),
                    black_box(n),
                )
            });
        });
    }
    g.finish();

    // The one-off cost of the SOE fit for T = 10⁴ (N = 10⁶ steps).
    let mut g = c.benchmark_group("soe_fit");
    g.sample_size(10).measurement_time(Duration::from_secs(2));
    g.bench_function("power_1e-8_N1e6", |b| {
        b.iter(|| SoeApproximation::fit(black_box(&power), DT, 1e4, 1e-8).unwrap());
    });
    g.finish();
}

criterion_group!(benches, history);
criterion_main!(benches);
