//! The hand-written plan writer (`storage::plan_to_string`) against the normal
//! RON parser: whatever it writes, `ron` with serde reads back into the same
//! plan; the serde form (`ron::ser`, used for recovery files) agrees; and
//! snapshots written as changes from the one before read back whole.

use std::collections::BTreeMap;
use std::path::Path;

use proptest::prelude::*;
use trailmap::model::{
    ItemId, Level, PLAN_FORMAT, Plan, RoleId, SkillId, Snapshot, SnapshotItem, SnapshotSkill, Status,
};
use trailmap::storage::{self, FrameworkCatalog, MAX_FILE_BYTES};
use trailmap_testkit::stress;

/// Reads `text` with the plain RON parser, as any other RON reader would.
fn ron_reads(text: &str) -> Plan {
    ron::from_str(text).unwrap_or_else(|e| panic!("{e}\n{text}"))
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        2 => any::<String>(),
        2 => "[a-z \"\\\\\n\r\t'#/*(){}\\[\\],:é✓漢\u{0}\u{1}\u{1b}\u{7f}\u{feff}\u{202e}\u{10FFFF}]{0,16}",
        1 => Just(String::new()),
    ]
}

fn status() -> impl Strategy<Value = Status> {
    prop::sample::select(Status::ALL.to_vec())
}

fn level() -> impl Strategy<Value = Option<Level>> {
    prop::option::of((1u8..=5).prop_map(|n| Level::new(n).expect("1..=5")))
}

/// One change from a snapshot to the next.
#[derive(Clone, Debug)]
enum Step {
    Add(u64, String, Status),
    Remove(usize),
    Status(usize, Status),
    Text(usize, String),
    Skill(usize, Option<Level>, String),
    DropSkill(usize),
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        3 => (1u64..60, text(), status()).prop_map(|(id, t, s)| Step::Add(id, t, s)),
        1 => any::<usize>().prop_map(Step::Remove),
        3 => (any::<usize>(), status()).prop_map(|(i, s)| Step::Status(i, s)),
        1 => (any::<usize>(), text()).prop_map(|(i, t)| Step::Text(i, t)),
        1 => (any::<usize>(), level(), text()).prop_map(|(i, l, e)| Step::Skill(i, l, e)),
        1 => any::<usize>().prop_map(Step::DropSkill),
    ]
}

const SKILLS: [&str; 5] = ["communication", "influence", "decision-making", "hiring", "x"];

/// A history of snapshots, each the one before with some steps applied.
fn snapshots() -> impl Strategy<Value = Vec<Snapshot>> {
    prop::collection::vec(prop::collection::vec(step(), 0..12), 0..6).prop_map(|rounds| {
        let mut items: BTreeMap<ItemId, SnapshotItem> = BTreeMap::new();
        let mut skills: BTreeMap<SkillId, SnapshotSkill> = BTreeMap::new();
        let mut out = Vec::new();
        for (n, round) in rounds.into_iter().enumerate() {
            for step in round {
                let nth = |map_len: usize, i: usize| i.checked_rem(map_len);
                match step {
                    Step::Add(id, text, status) => {
                        items.insert(
                            ItemId(id),
                            SnapshotItem {
                                text: text.into(),
                                status,
                            },
                        );
                    }
                    Step::Remove(i) => {
                        if let Some(k) = nth(items.len(), i).and_then(|i| items.keys().nth(i).copied()) {
                            items.remove(&k);
                        }
                    }
                    Step::Status(i, status) => {
                        if let Some(item) = nth(items.len(), i).and_then(|i| items.values_mut().nth(i)) {
                            item.status = status;
                        }
                    }
                    Step::Text(i, text) => {
                        if let Some(item) = nth(items.len(), i).and_then(|i| items.values_mut().nth(i)) {
                            item.text = text.into();
                        }
                    }
                    Step::Skill(i, self_rating, evidence) => {
                        skills.insert(
                            SkillId::new(SKILLS[i % SKILLS.len()]),
                            SnapshotSkill {
                                self_rating,
                                mentor_rating: None,
                                evidence: evidence.into(),
                            },
                        );
                    }
                    Step::DropSkill(i) => {
                        skills.remove(&SkillId::new(SKILLS[i % SKILLS.len()]));
                    }
                }
            }
            out.push(Snapshot {
                id: ItemId(1000 + n as u64),
                date: jiff::civil::date(2026, 1, 1 + n as i8),
                label: format!("Session {n}"),
                target_role: RoleId::new("engineering-manager"),
                skills: skills.clone(),
                items: items.clone().into(),
                session: (n % 2 == 0).then_some(ItemId(n as u64)),
            });
        }
        out
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn snapshot_histories_read_back_whole(history in snapshots(), name in text(), seed in 0u64..200) {
        let mut plan = stress::library_plan(seed, &storage::builtin());
        plan.person.name = name;
        plan.snapshots = history;
        let written = storage::plan_to_string(&plan);
        prop_assert_eq!(&ron_reads(&written), &plan);
        // The serde form (recovery files) reads back the same, and agrees.
        let serde_form = ron::ser::to_string_pretty(&plan, ron::ser::PrettyConfig::new())
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(&ron_reads(&serde_form), &plan);
        // And through the storage layer: one parse, the same plan.
        let (parsed, newer) = storage::parse_plan(Path::new("plan.ron"), &written)
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(parsed, plan);
        prop_assert_eq!(newer, None);
    }

    #[test]
    fn any_string_survives(s in any::<String>(), t in text()) {
        let mut plan = Plan::default();
        plan.person.name = s.clone();
        plan.private_notes = format!("{t}{s}{t}");
        prop_assert_eq!(ron_reads(&storage::plan_to_string(&plan)), plan);
    }
}

#[test]
fn generated_plans_read_back_with_the_plain_parser() {
    let framework = storage::builtin();
    for seed in 0..40 {
        let plan = stress::library_plan(seed, &framework);
        assert_eq!(
            ron_reads(&storage::plan_to_string(&plan)),
            plan,
            "library plan {seed}"
        );
    }
}

#[test]
fn an_older_format_reads_as_the_current_one() {
    // The examples in saves/ are in the current format; these are copies of
    // them as formats 1 and 2 wrote them.
    for (path, version) in [
        ("tests/data/format-1-priya.ron", 1),
        ("tests/data/format-2-marcus.ron", 2),
    ] {
        let text = std::fs::read_to_string(path).expect("example");
        assert!(text.contains(&format!("format_version: {version},")), "{path}");
        let (plan, newer) = storage::parse_plan(Path::new(path), &text).expect("parses");
        assert_eq!((plan.format_version, newer), (PLAN_FORMAT, None), "{path}");
        // Written again, it says so, and the snapshots after the first are changes.
        let written = storage::plan_to_string(&plan);
        assert!(
            written.contains(&format!("format_version: {PLAN_FORMAT},")),
            "{path}"
        );
        if plan.snapshots.len() > 1 {
            assert!(written.contains("since_previous"), "{path}");
        }
        assert_eq!(ron_reads(&written), plan, "{path}");
    }
}

/// Years of history stay well inside the file size limit, and load.
#[test]
fn the_stress_plan_is_small_enough_to_open() {
    let (plan, _) = stress::stress_plan(1);
    let text = storage::plan_to_string(&plan);
    assert!(
        (text.len() as u64) < MAX_FILE_BYTES / 4,
        "{} bytes for the stress plan",
        text.len()
    );
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("stress.ron");
    storage::save_plan(&path, &plan, None).expect("save");
    let loaded = storage::load_plan(&path, &FrameworkCatalog::builtin_only()).expect("load");
    assert_eq!(loaded.plan, plan);
}

#[test]
fn recovery_files_read_back() {
    let dir = tempfile::tempdir().expect("temp dir");
    let framework = storage::builtin();
    for (n, original) in [None, Some(dir.path().join("plans/a \"quoted\" name.ron"))]
        .into_iter()
        .enumerate()
    {
        let recovery = storage::Recovery {
            base: original
                .as_ref()
                .map(|_| storage::Fingerprint::of(b"the file as it was")),
            original,
            written_at: "2026-11-22 10:15".to_owned(),
            plan: stress::library_plan(7 + n as u64, &framework),
        };
        let path = dir.path().join(format!("recovery/r{n}.ron"));
        storage::write_recovery(&path, &recovery).expect("write");
        assert_eq!(storage::read_recovery(&path).expect("read"), recovery);
    }
}
