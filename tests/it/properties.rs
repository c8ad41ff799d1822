//! Property tests (proptest, 256 cases each unless `PROPTEST_CASES` says
//! otherwise):
//!
//! - any generated plan survives `save_plan` and `load_plan` unchanged, and
//!   saving what was loaded gives the same bytes. Plans hold arbitrary Unicode
//!   text (quotes, backslashes, newlines, control characters, comment and
//!   raw-string markers), every rating, checklist statuses, dates across the
//!   whole calendar, sessions with notes and snapshots; their ids are valid
//!   against the built-in framework, so the plans pass `check`.
//! - any sequence of edit commands (including failing ones, nested batches
//!   and runs of typing) applied through a `Document`, followed by as many
//!   undos as there are steps, gives back the original plan; redoing them all
//!   gives back the edited plan.

use std::collections::BTreeMap;
use std::path::Path;

use jiff::civil::{Date, DateTime, Time};
use proptest::prelude::*;
use proptest::sample::{select, subsequence};
use proptest::test_runner::FileFailurePersistence;
use trailmap::model::{
    ActionId, AgendaKind, AgendaPoint, ChecklistItem, Command, CustomSkill, Document, ItemId, Level,
    Milestone, Person, Plan, RoleId, Session, SessionNote, SkillEntry, SkillId, Snapshot, SnapshotItem,
    SnapshotSkill, Status,
};
use trailmap::storage::{self, FrameworkCatalog};

const CORE: [&str; 4] = [
    "communication",
    "strategic-thinking",
    "influence",
    "decision-making",
];
const ROLES: [&str; 6] = [
    "senior-engineer",
    "tech-lead",
    "engineering-manager",
    "director-of-engineering",
    "product-manager",
    "head-of-product",
];
const CUSTOM: [&str; 3] = ["custom-a", "hiring", "x2"];

/// The default configuration (256 cases, or `PROPTEST_CASES`), keeping
/// failures in `tests/proptest-regressions/properties.txt`.
pub(crate) fn config() -> ProptestConfig {
    ProptestConfig {
        failure_persistence: Some(Box::new(FileFailurePersistence::WithSource(
            "proptest-regressions",
        ))),
        ..ProptestConfig::default()
    }
}

/// Text that is hard to write and read back.
pub(crate) fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => any::<String>(),
        3 => "[a-z \"\\\\\n\r\t'#/*(){}\\[\\],:é✓漢\u{0}\u{1b}\u{feff}\u{202e}\u{10FFFF}]{0,24}",
        1 => Just(String::new()),
        1 => select(vec!["r#\"raw\"#", "\\u{41}", "// not a comment", "/* nor this */", "\")", "Some(\"x\")"])
            .prop_map(String::from),
    ]
}

fn level() -> impl Strategy<Value = Level> {
    (1u8..=5).prop_map(|n| Level::new(n).expect("1..=5"))
}

fn date() -> impl Strategy<Value = Date> {
    (-9999i16..=9999, 1i8..=12, 1i8..=31)
        .prop_map(|(y, m, d)| Date::new(y, m, d).unwrap_or_else(|_| Date::new(y, m, 28).expect("a day 28")))
}

fn datetime() -> impl Strategy<Value = DateTime> {
    (
        date(),
        0i8..24,
        0i8..60,
        0i8..60,
        prop_oneof![Just(0i32), 0i32..1_000_000_000],
    )
        .prop_map(|(d, h, mi, s, ns)| d.to_datetime(Time::new(h, mi, s, ns).expect("a valid time")))
}

fn role() -> impl Strategy<Value = RoleId> {
    select(ROLES.to_vec()).prop_map(RoleId::new)
}

fn status() -> impl Strategy<Value = Status> {
    select(Status::ALL.to_vec())
}

fn entry() -> impl Strategy<Value = SkillEntry> {
    (
        proptest::option::of(level()),
        proptest::option::of(level()),
        proptest::option::of(level()),
        text(),
        text(),
    )
        .prop_map(
            |(self_rating, mentor_rating, will, evidence, mentor_note)| SkillEntry {
                self_rating,
                mentor_rating,
                will,
                evidence,
                mentor_note,
            },
        )
}

fn custom_skill(id: &'static str) -> impl Strategy<Value = CustomSkill> {
    (
        text(),
        text(),
        proptest::collection::btree_map(role(), level(), 0..4),
    )
        .prop_map(move |(name, description, needs)| CustomSkill {
            id: SkillId::new(id),
            name,
            description,
            needs,
        })
}

/// A checklist item with a placeholder id, tied to one of `skills` (or none).
fn item(skills: Vec<SkillId>) -> impl Strategy<Value = ChecklistItem> {
    (
        text(),
        proptest::option::of(select(skills)),
        proptest::option::of(role()),
        status(),
        proptest::option::of(date()),
        (text(), text()),
        date(),
        proptest::option::of(date()),
        proptest::option::of(text().prop_map(ActionId::new)),
        proptest::option::of(any::<u64>().prop_map(ItemId)),
    )
        .prop_map(
            |(text, skill, role, status, due, (notes, evidence), created, completed, source, session)| {
                ChecklistItem {
                    id: ItemId(0),
                    text,
                    skill,
                    role,
                    status,
                    due,
                    notes,
                    evidence,
                    created,
                    completed,
                    source,
                    session,
                }
            },
        )
}

fn milestone() -> impl Strategy<Value = Milestone> {
    (text(), date(), any::<bool>()).prop_map(|(title, date, reached)| Milestone {
        id: ItemId(0),
        title,
        date,
        reached,
    })
}

fn snapshot() -> impl Strategy<Value = Snapshot> {
    let skill = (
        proptest::option::of(level()),
        proptest::option::of(level()),
        text(),
    )
        .prop_map(|(self_rating, mentor_rating, evidence)| SnapshotSkill {
            self_rating,
            mentor_rating,
            evidence: evidence.into(),
        });
    let item = (text(), status()).prop_map(|(text, status)| SnapshotItem {
        text: text.into(),
        status,
    });
    (
        date(),
        text(),
        role(),
        proptest::collection::btree_map(text().prop_map(SkillId::new), skill, 0..4),
        proptest::collection::btree_map(any::<u64>().prop_map(ItemId), item, 0..5),
        proptest::option::of(any::<u64>().prop_map(ItemId)),
    )
        .prop_map(|(date, label, target_role, skills, items, session)| Snapshot {
            id: ItemId(0),
            date,
            label,
            target_role,
            skills,
            items: items.into(),
            session,
        })
}

fn session() -> impl Strategy<Value = Session> {
    let note = (datetime(), text(), any::<bool>()).prop_map(|(at, text, mentor_only)| SessionNote {
        id: ItemId(0),
        at,
        text,
        mentor_only,
    });
    (
        datetime(),
        proptest::option::of(0i64..10_000_000),
        proptest::collection::vec((agenda_kind(), text(), any::<bool>()), 0..3),
        proptest::collection::vec(note, 0..3),
        text(),
    )
        .prop_map(|(started, length, agenda, notes, summary)| Session {
            id: ItemId(0),
            started,
            ended: length.map(|secs| {
                started
                    .checked_add(jiff::Span::new().seconds(secs))
                    .unwrap_or(started)
            }),
            agenda: agenda
                .into_iter()
                .map(|(kind, text, done)| AgendaPoint { kind, text, done })
                .collect(),
            notes,
            summary,
        })
}

fn agenda_kind() -> impl Strategy<Value = AgendaKind> {
    prop::sample::select(vec![
        AgendaKind::Overdue,
        AgendaKind::Open,
        AgendaKind::Gap,
        AgendaKind::Change,
        AgendaKind::Other,
    ])
}

/// A plan valid against the built-in framework.
pub(crate) fn plan() -> impl Strategy<Value = Plan> {
    subsequence(CUSTOM.to_vec(), 0..=3)
        .prop_flat_map(|custom_ids| {
            let customs: Vec<_> = custom_ids.iter().map(|id| custom_skill(id)).collect();
            let all: Vec<SkillId> = CORE
                .iter()
                .chain(custom_ids.iter())
                .map(|id| SkillId::new(*id))
                .collect();
            (
                (text(), text(), role(), role(), proptest::option::of(date())),
                // An empty entry is no entry: plans never hold one.
                proptest::collection::btree_map(
                    select(all.clone()),
                    entry().prop_filter("an empty entry", |e| !e.is_empty()),
                    0..=all.len(),
                ),
                customs,
                proptest::collection::vec(item(all), 0..8),
                proptest::collection::vec(milestone(), 0..4),
                proptest::collection::vec(snapshot(), 0..3),
                proptest::collection::vec(session(), 0..4),
                text(),
                (1u64..1 << 53, 0u64..1000),
            )
        })
        .prop_map(
            |(
                (name, mentor, current_role, target_role, target_date),
                skills,
                custom_skills,
                mut checklist,
                mut milestones,
                mut snapshots,
                mut sessions,
                private_notes,
                (first_id, spare),
            )| {
                // Number everything the plan owns, in one sequence.
                let mut next = first_id;
                let mut take = || {
                    next += 1;
                    ItemId(next - 1)
                };
                checklist.iter_mut().for_each(|i| i.id = take());
                milestones.iter_mut().for_each(|m| m.id = take());
                snapshots.iter_mut().for_each(|s| s.id = take());
                let last = sessions.len().saturating_sub(1);
                for (i, s) in sessions.iter_mut().enumerate() {
                    s.id = take();
                    s.notes.iter_mut().for_each(|n| n.id = take());
                    // Only the last session may still be running.
                    if i != last && s.ended.is_none() {
                        s.ended = Some(s.started);
                    }
                }
                let mut plan = Plan {
                    id: "a-plan".to_owned(),
                    person: Person { name, mentor },
                    current_role,
                    target_role,
                    target_date,
                    skills,
                    custom_skills,
                    checklist,
                    milestones,
                    snapshots,
                    sessions,
                    private_notes,
                    next_id: next + spare,
                    ..Plan::default()
                };
                // In the order a plan of this format keeps (running sessions last).
                trailmap::model::sync::adopt_legacy(&mut plan);
                let running = plan.sessions.iter().filter(|s| s.ended.is_none()).count();
                let ended = plan.sessions.len() - running;
                for s in plan.sessions.iter_mut().take(ended) {
                    s.ended = s.ended.or(Some(s.started));
                }
                plan
            },
        )
}

proptest! {
    #![proptest_config(config())]
    #[test]
    fn any_plan_survives_save_and_load(plan in plan()) {
        let framework = storage::builtin();
        prop_assert_eq!(plan.check(&framework), Vec::new(), "the generator made an invalid plan");
        let dir = crate::support::temp_dir();
        let path = dir.path().join("plan.ron");
        storage::save_plan(&path, &plan, None).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let loaded = storage::load_plan(&path, &FrameworkCatalog::builtin_only())
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(&loaded.plan, &plan);
        prop_assert_eq!(loaded.newer_format, None);
        let first = std::fs::read(&path).map_err(|e| TestCaseError::fail(e.to_string()))?;
        storage::save_plan(&path, &loaded.plan, Some(loaded.fingerprint))
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(std::fs::read(&path).map_err(|e| TestCaseError::fail(e.to_string()))?, first);
        // The text parses back without the file system too.
        let text = storage::plan_to_string(&plan);
        let (parsed, _) = storage::parse_plan(Path::new("plan.ron"), &text)
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(parsed, plan);
    }
}

/// An edit, described independently of the plan it will meet. Indexes are
/// taken modulo the length of the list they point into (so most name
/// something that exists); `fresh` says whether a new id is fresh or one
/// already in use (which makes the command fail).
#[derive(Clone, Debug)]
pub(crate) enum Op {
    Name(String),
    Mentor(String),
    Current(RoleId),
    Target(RoleId),
    TargetDate(Option<Date>),
    Notes(String),
    Entry(usize, SkillEntry),
    AddCustom(usize, usize, String, Option<SkillEntry>),
    RemoveCustom(usize),
    UpdateCustom(usize, String),
    AddItems(Vec<(usize, bool, String)>),
    RemoveItems(Vec<usize>),
    UpdateItem(usize, Status, String),
    MoveItem(usize, usize),
    AddMilestone(usize, bool, Date),
    RemoveMilestone(usize),
    UpdateMilestone(usize, bool),
    AddSession(usize, bool, String),
    RemoveSession(usize),
    UpdateSession(usize, String, bool),
    AddSnapshot(usize, bool),
    RemoveSnapshot(usize),
    /// Typing into the name field (merges with the previous keystroke).
    TypeName(String),
    /// Typing into the private notes.
    TypeNotes(String),
    /// Ends a run of typing.
    Seal,
    Batch(Vec<Op>),
}

pub(crate) fn op() -> impl Strategy<Value = Op> {
    let ix = || 0usize..64;
    let leaf = prop_oneof![
        1 => text().prop_map(Op::Name),
        1 => text().prop_map(Op::Mentor),
        1 => role().prop_map(Op::Current),
        1 => role().prop_map(Op::Target),
        1 => proptest::option::of(date()).prop_map(Op::TargetDate),
        1 => text().prop_map(Op::Notes),
        3 => (ix(), entry()).prop_map(|(i, e)| Op::Entry(i, e)),
        1 => (ix(), ix(), text(), proptest::option::of(entry())).prop_map(|(i, k, n, e)| Op::AddCustom(i, k, n, e)),
        1 => ix().prop_map(Op::RemoveCustom),
        1 => (ix(), text()).prop_map(|(i, n)| Op::UpdateCustom(i, n)),
        3 => proptest::collection::vec((ix(), prop::bool::weighted(0.9), text()), 0..4).prop_map(Op::AddItems),
        2 => proptest::collection::vec(ix(), 0..3).prop_map(Op::RemoveItems),
        2 => (ix(), status(), text()).prop_map(|(i, s, t)| Op::UpdateItem(i, s, t)),
        2 => (ix(), ix()).prop_map(|(i, t)| Op::MoveItem(i, t)),
        1 => (ix(), prop::bool::weighted(0.9), date()).prop_map(|(i, f, d)| Op::AddMilestone(i, f, d)),
        1 => ix().prop_map(Op::RemoveMilestone),
        1 => (ix(), any::<bool>()).prop_map(|(i, r)| Op::UpdateMilestone(i, r)),
        1 => (ix(), prop::bool::weighted(0.9), text()).prop_map(|(i, f, t)| Op::AddSession(i, f, t)),
        1 => ix().prop_map(Op::RemoveSession),
        1 => (ix(), text(), any::<bool>()).prop_map(|(i, t, n)| Op::UpdateSession(i, t, n)),
        1 => (ix(), prop::bool::weighted(0.9)).prop_map(|(i, f)| Op::AddSnapshot(i, f)),
        1 => ix().prop_map(Op::RemoveSnapshot),
        3 => text().prop_map(Op::TypeName),
        2 => text().prop_map(Op::TypeNotes),
        1 => Just(Op::Seal),
    ];
    leaf.prop_recursive(2, 24, 6, |inner| {
        proptest::collection::vec(inner, 0..6).prop_map(Op::Batch)
    })
}

/// `raw` as an index into a list of `len` (past the end when it is empty).
fn pick(raw: usize, len: usize) -> usize {
    raw.checked_rem(len).unwrap_or(raw)
}

/// The command for `op` against `plan`; `next` hands out fresh ids.
pub(crate) fn command(op: &Op, plan: &Plan, next: &mut u64) -> Command {
    let mut fresh = |yes: bool, taken: Option<ItemId>| {
        if yes || taken.is_none() {
            *next += 1;
            ItemId(*next - 1)
        } else {
            taken.unwrap_or(ItemId(0))
        }
    };
    let item_id = |raw: usize| {
        plan.checklist
            .get(pick(raw, plan.checklist.len()))
            .map_or(ItemId(u64::MAX), |i| i.id)
    };
    let skills: Vec<SkillId> = CORE
        .iter()
        .chain(CUSTOM.iter())
        .map(|s| SkillId::new(*s))
        .collect();
    match op {
        Op::Name(s) | Op::TypeName(s) => Command::SetName(s.clone()),
        Op::Mentor(s) => Command::SetMentor(s.clone()),
        Op::Current(r) => Command::SetCurrentRole(r.clone()),
        Op::Target(r) => Command::SetTargetRole(r.clone()),
        Op::TargetDate(d) => Command::SetTargetDate(*d),
        Op::Notes(s) | Op::TypeNotes(s) => Command::SetPrivateNotes(s.clone()),
        Op::Entry(i, e) => Command::SetSkillEntry {
            skill: skills[i % skills.len()].clone(),
            entry: e.clone(),
        },
        Op::AddCustom(i, k, name, entry) => Command::InsertCustomSkill {
            index: pick(*i, plan.custom_skills.len() + 1),
            skill: CustomSkill {
                id: SkillId::new(CUSTOM[k % CUSTOM.len()]),
                name: name.clone(),
                description: String::new(),
                needs: BTreeMap::new(),
            },
            entry: entry.clone(),
        },
        Op::RemoveCustom(i) => Command::RemoveCustomSkill(
            plan.custom_skills
                .get(pick(*i, plan.custom_skills.len()))
                .map_or_else(|| SkillId::new("nope"), |c| c.id.clone()),
        ),
        Op::UpdateCustom(i, name) => {
            let mut c = plan
                .custom_skills
                .get(pick(*i, plan.custom_skills.len()))
                .cloned()
                .unwrap_or(CustomSkill {
                    id: SkillId::new("nope"),
                    name: String::new(),
                    description: String::new(),
                    needs: BTreeMap::new(),
                });
            c.name = name.clone();
            Command::UpdateCustomSkill(c)
        }
        Op::AddItems(items) => {
            let mut out = Vec::new();
            for (len, (raw, is_fresh, text)) in (plan.checklist.len()..).zip(items) {
                let id = fresh(*is_fresh, plan.checklist.first().map(|i| i.id));
                // Any position up to one past the end of the list as it will
                // be when this item goes in; the last one makes the command fail.
                out.push((
                    pick(*raw, len + 2),
                    ChecklistItem::new(id, text.clone(), Date::constant(2026, 1, 1)),
                ));
            }
            Command::InsertItems(out)
        }
        Op::RemoveItems(ids) => Command::RemoveItems(ids.iter().map(|&raw| item_id(raw)).collect()),
        Op::UpdateItem(i, status, text) => {
            let mut item = plan
                .checklist
                .get(pick(*i, plan.checklist.len()))
                .cloned()
                .unwrap_or_else(|| ChecklistItem::new(ItemId(u64::MAX), "", Date::constant(2026, 1, 1)));
            item.status = *status;
            item.text = text.clone();
            Command::UpdateItem(item)
        }
        Op::MoveItem(i, to) => Command::MoveItem {
            id: item_id(*i),
            to: pick(*to, plan.checklist.len() + 1),
        },
        Op::AddMilestone(i, is_fresh, date) => Command::InsertMilestone {
            index: pick(*i, plan.milestones.len() + 2),
            milestone: Milestone {
                id: fresh(*is_fresh, plan.milestones.first().map(|m| m.id)),
                title: "m".into(),
                date: *date,
                reached: false,
            },
        },
        Op::RemoveMilestone(i) => Command::RemoveMilestone(
            plan.milestones
                .get(pick(*i, plan.milestones.len()))
                .map_or(ItemId(u64::MAX), |m| m.id),
        ),
        Op::UpdateMilestone(i, reached) => {
            let mut m = plan
                .milestones
                .get(pick(*i, plan.milestones.len()))
                .cloned()
                .unwrap_or(Milestone {
                    id: ItemId(u64::MAX),
                    title: String::new(),
                    date: Date::constant(2026, 1, 1),
                    reached: false,
                });
            m.reached = *reached;
            Command::UpdateMilestone(m)
        }
        Op::AddSession(i, is_fresh, summary) => Command::InsertSession {
            index: pick(*i, plan.sessions.len() + 2),
            session: Session {
                id: fresh(*is_fresh, plan.sessions.first().map(|s| s.id)),
                started: DateTime::constant(2026, 1, 1, 10, 0, 0, 0),
                ended: None,
                agenda: Vec::new(),
                notes: Vec::new(),
                summary: summary.clone(),
            },
        },
        Op::RemoveSession(i) => Command::RemoveSession(
            plan.sessions
                .get(pick(*i, plan.sessions.len()))
                .map_or(ItemId(u64::MAX), |s| s.id),
        ),
        Op::UpdateSession(i, text, add_note) => {
            let mut s = plan
                .sessions
                .get(pick(*i, plan.sessions.len()))
                .cloned()
                .unwrap_or(Session {
                    id: ItemId(u64::MAX),
                    started: DateTime::constant(2026, 1, 1, 10, 0, 0, 0),
                    ended: None,
                    agenda: Vec::new(),
                    notes: Vec::new(),
                    summary: String::new(),
                });
            s.summary = text.clone();
            if *add_note {
                s.notes.push(SessionNote {
                    id: fresh(true, None),
                    at: DateTime::constant(2026, 1, 1, 10, 5, 0, 0),
                    text: text.clone(),
                    mentor_only: false,
                });
            }
            Command::UpdateSession(s)
        }
        Op::AddSnapshot(i, is_fresh) => {
            let id = fresh(*is_fresh, plan.snapshots.first().map(|s| s.id));
            Command::InsertSnapshot {
                index: pick(*i, plan.snapshots.len() + 2),
                snapshot: plan.take_snapshot(id, Date::constant(2026, 2, 1), "auto", None),
            }
        }
        Op::RemoveSnapshot(i) => Command::RemoveSnapshot(
            plan.snapshots
                .get(pick(*i, plan.snapshots.len()))
                .map_or(ItemId(u64::MAX), |s| s.id),
        ),
        Op::Seal => Command::Batch(Vec::new()),
        Op::Batch(ops) => Command::Batch(ops.iter().map(|op| command(op, plan, next)).collect()),
    }
}

proptest! {
    #![proptest_config(config())]
    #[test]
    fn edits_then_as_many_undos_give_back_the_original(
        original in plan(),
        ops in proptest::collection::vec(op(), 0..40),
    ) {
        let mut doc = Document::new(original.clone());
        let mut steps = 0usize;
        let mut last_typing: Option<&'static str> = None;
        for op in &ops {
            let mut next = doc.plan().next_id;
            let before = doc.plan().clone();
            let result = match op {
                Op::Seal => {
                    doc.seal();
                    last_typing = None;
                    continue;
                }
                Op::TypeName(_) | Op::TypeNotes(_) => {
                    let key = if matches!(op, Op::TypeName(_)) { "name" } else { "notes" };
                    let result = doc.apply_typing(command(op, &before, &mut next), key);
                    if result.is_ok() && last_typing != Some(key) {
                        steps += 1;
                    }
                    last_typing = result.is_ok().then_some(key).or(last_typing);
                    result
                }
                _ => {
                    let result = doc.apply(command(op, &before, &mut next));
                    if result.is_ok() {
                        steps += 1;
                        last_typing = None;
                    }
                    result
                }
            };
            if result.is_err() {
                prop_assert_eq!(doc.plan(), &before, "a failing command changed the plan: {:?}", op);
            }
        }
        let edited = doc.plan().clone();
        let mut undone = 0;
        while doc.undo() {
            undone += 1;
        }
        prop_assert_eq!(undone, steps);
        prop_assert_eq!(crate::support::content(doc.plan()), crate::support::content(&original));
        prop_assert!(!doc.is_dirty());
        let mut redone = 0;
        while doc.redo() {
            redone += 1;
        }
        prop_assert_eq!(redone, steps);
        prop_assert_eq!(crate::support::content(doc.plan()), crate::support::content(&edited));
        prop_assert_eq!(doc.is_dirty(), steps > 0);
    }
}
