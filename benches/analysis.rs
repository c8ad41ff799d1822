//! Analysis benchmarks on the stress plan (`trailmap_testkit::stress`): readiness for
//! every role, route, ranking, seeding suggestions, snapshot diff, agenda,
//! history series and projection.
//!
//! ```text
//! cargo bench --bench analysis
//! ```
//!
//! To add a function, add one line to the table in `analysis_benches`.
#![allow(
    clippy::disallowed_methods,
    clippy::disallowed_types,
    reason = "tests, benchmarks and examples make real files and threads"
)]

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use trailmap::analysis::{self, Rater};
use trailmap::model::{Framework, Plan};
use trailmap_testkit::stress;

/// One benchmarked analysis: a name and the call, on the plan and framework.
type Case = (&'static str, fn(&Plan, &Framework));

fn analysis_benches(c: &mut Criterion) {
    let (plan, framework) = stress::stress_plan(1);
    let cases: [Case; 10] = [
        ("readiness_all_roles", |p, f| {
            for role in &f.roles {
                for rater in [Rater::Own, Rater::Mentor] {
                    black_box(analysis::role_readiness(p, f, &role.id, rater));
                }
            }
        }),
        ("route", |p, f| {
            black_box(analysis::route_steps(p, f, Rater::Own));
        }),
        ("ranking", |p, f| {
            black_box(analysis::ranking(p, f, Rater::Own));
        }),
        ("suggestions", |p, f| {
            black_box(analysis::seed_items(p, f, stress::TODAY, p.next_id));
        }),
        ("snapshot_diff_first_last", |p, _| {
            if let (Some(a), Some(b)) = (p.snapshots.first(), p.snapshots.last()) {
                black_box(analysis::diff_snapshots(a, b));
            }
        }),
        ("since_last_session", |p, _| {
            black_box(analysis::since_last_session(p, stress::TODAY));
        }),
        ("agenda", |p, f| {
            black_box(analysis::agenda(p, f, stress::TODAY));
        }),
        ("history", |p, f| {
            black_box(analysis::history(p, f, stress::TODAY));
        }),
        ("projection", |p, f| {
            black_box(analysis::projection(p, f, stress::TODAY));
        }),
        ("summary", |p, f| {
            black_box(analysis::summarize(p, f, stress::TODAY));
        }),
    ];
    let mut group = c.benchmark_group("analysis");
    for (name, run) in cases {
        group.bench_function(name, |b| b.iter(|| run(black_box(&plan), &framework)));
    }
    group.finish();
}

criterion_group!(benches, analysis_benches);
criterion_main!(benches);
