//! Storage benchmarks on the stress plan (`trailmap_testkit::stress`): load plus
//! validate from text and from a file, and serialise.
//!
//! ```text
//! cargo bench --bench storage
//! ```
//!
//! Also the plan library's read of a folder of 2,000 plans, without and
//! with its cache, and its search and sort.
//!
//! And merging two copies of the stress plan that a mentee and a mentor
//! each changed apart (`merge/stress_copies`).
//!
//! Targets (issues #6, #17): load plus validate at most 15 ms, serialise at
//! most 10 ms, the library of 2,000 plans read in at most 300 ms cold and
//! 50 ms with its cache, search and sort within a frame; a merge of two
//! copies of the stress plan at most 50 ms.
#![allow(
    clippy::disallowed_methods,
    clippy::disallowed_types,
    reason = "tests, benchmarks and examples make real files and threads"
)]

use std::hint::black_box;
use std::path::Path;

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use trailmap::storage::{self, Fingerprint, FrameworkCatalog, LibraryCache};
use trailmap_testkit::stress;

fn storage_benches(c: &mut Criterion) {
    let (plan, _) = stress::stress_plan(1);
    let text = storage::plan_to_string(&plan);
    let catalog = FrameworkCatalog::builtin_only();
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("stress.ron");
    storage::write_plan_text(&file, &text).expect("write the stress plan");
    let fingerprint = Fingerprint::of(text.as_bytes());
    let loaded = storage::load_plan_text(Path::new("stress.ron"), &text, fingerprint, &catalog)
        .expect("the stress plan loads");
    assert_eq!(loaded.plan, plan, "the stress plan reads back as written");
    eprintln!("stress plan: {} bytes", text.len());
    let from_file = storage::load_plan(&file, &catalog).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(from_file.plan, plan);

    let mut group = c.benchmark_group("storage");
    group.sample_size(30);
    group.throughput(Throughput::Bytes(text.len() as u64));
    // Freeing the plan read in one iteration is left out of the timing
    // (`iter_with_large_drop`): it is the cost of closing a plan, not of opening one.
    group.bench_function("load_validate_text", |b| {
        b.iter_with_large_drop(|| {
            storage::load_plan_text(Path::new("stress.ron"), black_box(&text), fingerprint, &catalog)
        })
    });
    group.bench_function("load_validate_file", |b| {
        b.iter_with_large_drop(|| storage::load_plan(black_box(&file), &catalog))
    });
    group.bench_function("serialise", |b| {
        b.iter(|| storage::plan_to_string(black_box(&plan)))
    });
    group.finish();

    // The library side panel's work: read the cache, list and read the
    // plans folder (200 plans), write the cache; cold (no cache) and warm.
    let data = tempfile::tempdir().expect("temp dir");
    let root = data.path();
    let plans = root.join("plans");
    stress::write_library(&plans, 1).expect("write the library");
    let open_library = || {
        let mut cache = LibraryCache::load(root);
        let entries = storage::scan(&plans, &catalog, &mut cache);
        cache.save(root);
        entries
    };
    assert_eq!(open_library().len(), stress::LIBRARY_PLANS);
    let mut group = c.benchmark_group("library");
    group.sample_size(20);
    group.bench_function("open_cold", |b| {
        b.iter_batched(
            || std::fs::remove_file(LibraryCache::file(root)),
            |_| open_library(),
            BatchSize::PerIteration,
        )
    });
    group.bench_function("open_warm", |b| b.iter(open_library));
    // What a keystroke in the search field or a new order costs the panel
    // (it is redone once per change, not per frame): within one frame.
    let entries = open_library();
    group.bench_function("search_and_sort", |b| {
        b.iter(|| {
            let found = trailmap::ui::library::visible(
                &entries,
                black_box("lee"),
                trailmap::ui::library::Sort::Readiness,
                stress::TODAY,
            );
            let all = trailmap::ui::library::visible(
                &entries,
                "",
                trailmap::ui::library::Sort::Name,
                stress::TODAY,
            );
            (found.len(), all.len())
        })
    });
    group.finish();
}

/// Two copies of the stress plan, each changed on its own replica as weeks
/// apart would: ratings, hundreds of actions ticked off or edited, new
/// actions, milestones and a session with notes.
fn two_copies() -> (trailmap::model::Plan, trailmap::model::Plan) {
    use trailmap::model::{ChecklistItem, Command, Document, ItemId, Replica, SkillEntry, Status};
    let (plan, framework) = stress::stress_plan(1);
    let edit = |replica: u32, offset: usize| {
        let mut doc = Document::new(plan.clone());
        doc.set_replica(Replica(replica));
        let mut now = 1_800_000_000_000 + u64::from(replica);
        let mut step = |doc: &mut Document, command: Command| {
            now += 1000;
            doc.set_now(now);
            doc.apply(command).expect("applies");
        };
        for skill in framework.skills.iter().skip(offset % 2).step_by(2) {
            let entry = SkillEntry {
                self_rating: trailmap::model::Level::new(3),
                ..doc.plan().entry(&skill.id)
            };
            step(
                &mut doc,
                Command::SetSkillEntry {
                    skill: skill.id.clone(),
                    entry,
                },
            );
        }
        let items: Vec<ChecklistItem> = doc
            .plan()
            .checklist
            .iter()
            .skip(offset)
            .step_by(10)
            .take(300)
            .cloned()
            .collect();
        for item in items {
            let mut item = item.with_status(Status::Done, stress::TODAY);
            item.notes.push_str(" Followed up.");
            step(&mut doc, Command::UpdateItem(item));
        }
        for n in 0..50 {
            let id = ItemId(doc.plan().next_id);
            let at = doc.plan().checklist.len();
            let item = ChecklistItem::new(id, format!("New action {n} on replica {replica}"), stress::TODAY);
            step(&mut doc, Command::InsertItems(vec![(at, item)]));
        }
        doc.plan().clone()
    };
    (edit(11, 0), edit(12, 5))
}

fn merge_benches(c: &mut Criterion) {
    let (mentee, mentor) = two_copies();
    let merged = trailmap::model::sync::merge::merge(&mentee, &mentor).expect("one plan");
    assert_eq!(merged.checklist.len(), mentee.checklist.len() + 50);
    let mut group = c.benchmark_group("merge");
    group.sample_size(30);
    group.bench_function("stress_copies", |b| {
        b.iter_with_large_drop(|| trailmap::model::sync::merge::merge(black_box(&mentee), black_box(&mentor)))
    });
    group.finish();
}

criterion_group!(benches, storage_benches, merge_benches);
criterion_main!(benches);
