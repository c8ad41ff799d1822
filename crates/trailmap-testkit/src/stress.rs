//! Deterministic stress data for the benchmarks and the launch script: one
//! very large plan (years of history) and a library folder of normal plans.
//!
//! Everything here is generated from a seed with a tiny PRNG, so the same seed
//! gives the same plans on every machine and every run. The plans are built
//! the way the app would build them (a snapshot is the checklist as it stood
//! on its date, as [`Plan::take_snapshot`] would have taken it), so they load,
//! validate and draw like real ones. Nothing here is ever committed as a file:
//! benches generate in memory, and `cargo run --release --example stress`
//! writes a data folder for `scripts/bench-launch.sh`.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use jiff::civil::{Date, DateTime, date};

use trailmap::model::{
    AgendaKind, AgendaPoint, ChecklistItem, CustomSkill, Framework, ItemId, Level, Milestone, Plan, RoleId,
    Session, SessionNote, SharedText, SkillEntry, SkillId, Snapshot, SnapshotItem, SnapshotItems,
    SnapshotSkill, Status,
};
use trailmap::storage::{self, StorageError};

/// "Today" for generated plans, so their overdue items and dates never drift.
pub const TODAY: Date = date(2026, 11, 22);

/// Skills the stress plan rates: the framework's four plus custom ones.
pub const STRESS_SKILLS: usize = 20;
/// Checklist actions in the stress plan.
pub const STRESS_ACTIONS: usize = 5_000;
/// Mentor sessions in the stress plan.
pub const STRESS_SESSIONS: usize = 300;
/// Snapshots in the stress plan.
pub const STRESS_SNAPSHOTS: usize = 120;
/// Plans written to the library folder.
pub const LIBRARY_PLANS: usize = 2000;

/// A small, fast, seeded PRNG (SplitMix64). Not for anything but test data.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    /// A generator for `seed`.
    pub fn new(seed: u64) -> Self {
        Self(seed ^ 0x5DEE_CE66_D1CE_4E5B)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            return 0;
        }
        // Slight modulo bias is irrelevant for test data.
        (self.next_u64() % n as u64) as usize
    }

    /// A number in `lo..=hi`.
    pub fn between(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi.saturating_sub(lo) + 1)
    }

    /// True with a chance of `percent` in 100.
    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    /// One element of `items` (which must not be empty).
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

const FIRST_NAMES: [&str; 40] = [
    "Ada", "Bilal", "Chen", "Dana", "Elif", "Farah", "Goran", "Hana", "Ines", "Jonas", "Kemi", "Lars", "Mei",
    "Nadia", "Omar", "Priya", "Quinn", "Rosa", "Sanjay", "Tomas", "Uma", "Viktor", "Wen", "Ximena", "Yusuf",
    "Zara", "Aiko", "Bruno", "Camila", "Dmitri", "Esi", "Felix", "Greta", "Hugo", "Ivy", "Jamal", "Kira",
    "Luca", "Maya", "Noor",
];

const LAST_NAMES: [&str; 30] = [
    "Okafor",
    "Raman",
    "Lindqvist",
    "Moreau",
    "Tanaka",
    "Haddad",
    "Novak",
    "Silva",
    "Kowalski",
    "Mensah",
    "Fischer",
    "Ortega",
    "Nakamura",
    "Petrov",
    "Adeyemi",
    "Jensen",
    "Rossi",
    "Byrne",
    "Costa",
    "Iyer",
    "Larsen",
    "Mbeki",
    "Horvat",
    "Quispe",
    "Yilmaz",
    "Dubois",
    "Abebe",
    "Sato",
    "Nilsson",
    "Varga",
];

const CUSTOM_SKILLS: [(&str, &str); 16] = [
    ("product-discovery", "Product discovery"),
    ("hiring", "Hiring"),
    ("budgeting", "Budgeting"),
    ("public-speaking", "Public speaking"),
    ("writing", "Writing"),
    ("coaching", "Coaching"),
    ("delegation", "Delegation"),
    ("negotiation", "Negotiation"),
    ("data-literacy", "Data literacy"),
    ("stakeholder-management", "Stakeholder management"),
    ("roadmapping", "Roadmapping"),
    ("incident-leadership", "Incident leadership"),
    ("pricing", "Pricing"),
    ("user-research", "User research"),
    ("org-design", "Organisation design"),
    ("facilitation", "Facilitation"),
];

const TARGETS: [&str; 4] = [
    "engineering-manager",
    "director-of-engineering",
    "product-manager",
    "head-of-product",
];

const VERBS: [&str; 16] = [
    "Run",
    "Write",
    "Present",
    "Draft",
    "Review",
    "Lead",
    "Plan",
    "Share",
    "Prepare",
    "Facilitate",
    "Agree",
    "Map",
    "Pair on",
    "Ask for feedback on",
    "Shadow",
    "Own",
];

const OBJECTS: [&str; 24] = [
    "the quarterly roadmap review",
    "a one-page strategy memo",
    "the incident retro",
    "the hiring loop for the platform role",
    "a customer interview",
    "the team's goals for next quarter",
    "the migration plan",
    "a budget proposal for the data team",
    "the weekly stakeholder update",
    "a decision record on the queue choice",
    "the on-call rotation changes",
    "a talk at the engineering all-hands",
    "the pricing experiment",
    "a skip-level conversation",
    "the partner integration kickoff",
    "a career conversation with a report",
    "the API deprecation guide",
    "the planning offsite agenda",
    "a competitor teardown",
    "the performance review calibration",
    "the design review for search",
    "a cross-team dependency map",
    "the product bets for next half",
    "the team charter",
];

const SENTENCES: [&str; 24] = [
    "Went better than expected; the room asked good questions.",
    "Need to cut the detail by half for the executive audience.",
    "Dana suggested starting from the customer problem, not the solution.",
    "Scheduled for the first week of next month.",
    "Two people from sales joined and gave useful pushback.",
    "Wrote it up and shared it in the team channel.",
    "Still blocked on the data from finance.",
    "Feedback: clear structure, but the recommendation came too late.",
    "Agreed to try this for one quarter and then review.",
    "The team liked having the goals written down in one place.",
    "Followed up with a short summary and the open questions.",
    "Spent too long on the options; next time decide earlier.",
    "Booked a slot in the product review to present it.",
    "Asked my manager for an honest read on how it landed.",
    "Linked the notes from the planning doc.",
    "Paired with the PM on the first draft.",
    "Outcome: the decision stuck and nobody reopened it.",
    "Hard conversation, but we left with a plan both sides accept.",
    "The metrics moved a little; too early to call it.",
    "Will repeat this every sprint until it is a habit.",
    "Got three concrete suggestions to act on.",
    "Moved the deadline once because of the release freeze.",
    "Captured the trade-offs in a decision record.",
    "Next step: hand it over to someone on the team.",
];

fn name(rng: &mut Rng) -> String {
    format!("{} {}", rng.pick(&FIRST_NAMES), rng.pick(&LAST_NAMES))
}

/// `lo..=hi` sentences joined by spaces.
fn sentences(rng: &mut Rng, lo: usize, hi: usize) -> String {
    let count = rng.between(lo, hi);
    let mut text = String::new();
    for i in 0..count {
        if i > 0 {
            text.push(' ');
        }
        text.push_str(SENTENCES[rng.below(SENTENCES.len())]);
    }
    text
}

fn action_text(rng: &mut Rng, framework: &Framework, n: usize) -> String {
    if rng.chance(30) && !framework.actions.is_empty() {
        return rng.pick(&framework.actions).title.clone();
    }
    let text = format!("{} {}", rng.pick(&VERBS), rng.pick(&OBJECTS));
    if rng.chance(40) {
        format!("{text} (round {})", n % 17 + 1)
    } else {
        text
    }
}

fn days(n: usize) -> jiff::Span {
    jiff::Span::new().days(i64::try_from(n).unwrap_or(0))
}

fn add_days(day: Date, n: usize) -> Date {
    day.checked_add(days(n)).unwrap_or(day)
}

fn at(day: Date, hour: i8, minute: i8) -> DateTime {
    day.at(hour, minute, 0, 0)
}

fn level(n: usize) -> Option<Level> {
    Level::new(u8::try_from(n.clamp(1, 5)).unwrap_or(1))
}

/// The stress plan for `seed`, with its framework (the built-in one): 20
/// skills (the framework's 4 and 16 custom ones with needs), 5,000 checklist
/// actions, 300 sessions with agendas and notes, 120 snapshots, 40
/// milestones, six years of history up to [`TODAY`].
pub fn stress_plan(seed: u64) -> (Plan, Arc<Framework>) {
    let framework = storage::builtin();
    let start = TODAY.checked_sub(jiff::Span::new().years(6)).unwrap_or(TODAY);
    let mut b = StressBuilder {
        rng: Rng::new(seed),
        start,
        span_days: usize::try_from((TODAY - start).get_days()).unwrap_or(2190),
        next_id: 1,
    };
    let mut plan = Plan::new(
        "Morgan Stress-Test",
        &framework,
        RoleId::new("tech-lead"),
        RoleId::new("head-of-product"),
    );
    plan.person.mentor = "Dana Whitfield".to_owned();
    plan.target_date = Some(add_days(TODAY, 400));
    plan.private_notes = (0..12)
        .map(|_| sentences(&mut b.rng, 3, 3))
        .collect::<Vec<_>>()
        .join("\n\n");
    let (skill_ids, finals) = b.skills(&mut plan, &framework);
    // Checklist items are numbered before sessions so the item numbers are 1..=5000.
    let item_ids: Vec<ItemId> = (0..STRESS_ACTIONS).map(|_| b.take_id()).collect();
    let sessions = b.sessions();
    let checklist = b.checklist(&item_ids, &sessions, &skill_ids, &framework);
    plan.snapshots = b.snapshots(&plan, &checklist, &sessions, &skill_ids, &finals);
    plan.milestones = b.milestones();
    plan.checklist = checklist;
    plan.sessions = sessions;
    plan.next_id = b.next_id;
    plan.id = format!("stress-plan-{seed}");
    // In the order every copy agrees on, as a plan of this format keeps it.
    trailmap::model::sync::adopt_legacy(&mut plan);
    (plan, framework)
}

/// Actions in [`largest_plan`].
pub const LARGEST_ACTIONS: usize = 20_000;

/// The largest plan that validates, for the frame budget: the stress plan
/// with as many skills of its own as a plan may have
/// ([`MAX_CUSTOM_SKILLS`](trailmap::model::limits::MAX_CUSTOM_SKILLS)), each
/// rated and needed by every target role, and [`LARGEST_ACTIONS`] actions.
pub fn largest_plan() -> (Plan, Arc<Framework>) {
    let (mut plan, framework) = stress_plan(1);
    let mut rng = Rng::new(99);
    let mut n = 0;
    while plan.custom_skills.len() < trailmap::model::limits::MAX_CUSTOM_SKILLS {
        n += 1;
        let id = SkillId::new(format!("extra-skill-{n}"));
        let needs = TARGETS
            .iter()
            .map(|r| (RoleId::new(*r), level(rng.between(2, 5)).unwrap_or(Level::MIN)))
            .collect();
        plan.custom_skills.push(CustomSkill {
            id: id.clone(),
            name: format!("Extra skill {n}"),
            description: sentences(&mut rng, 1, 1),
            needs,
        });
        plan.skills.insert(
            id,
            SkillEntry {
                self_rating: level(rng.between(1, 5)),
                ..SkillEntry::default()
            },
        );
    }
    let originals = plan.checklist.clone();
    let mut next = plan.next_id;
    while plan.checklist.len() < LARGEST_ACTIONS {
        let source = &originals[plan.checklist.len() % originals.len()];
        let mut item = source.clone();
        item.id = ItemId(next);
        item.text = format!("{} (again, {})", source.text, plan.checklist.len());
        item.session = None;
        next += 1;
        plan.checklist.push(item);
    }
    plan.next_id = next;
    plan.id = "largest-plan".to_owned();
    (plan, framework)
}

/// What building the stress plan carries from part to part.
struct StressBuilder {
    /// The one source of chance, drawn in a fixed order.
    rng: Rng,
    /// The first day of the history.
    start: Date,
    /// Days from `start` to [`TODAY`].
    span_days: usize,
    /// The next item number to hand out.
    next_id: u64,
}

impl StressBuilder {
    /// Hands out the next item number.
    fn take_id(&mut self) -> ItemId {
        let id = ItemId(self.next_id);
        self.next_id += 1;
        id
    }

    /// The custom skills and every skill's rating; returns the skill ids and
    /// where each skill started six years ago and where it ends.
    fn skills(&mut self, plan: &mut Plan, framework: &Framework) -> (Vec<SkillId>, Vec<(usize, usize)>) {
        let rng = &mut self.rng;
        for (id, name) in CUSTOM_SKILLS {
            let needs = TARGETS
                .iter()
                .map(|r| (RoleId::new(*r), level(rng.between(2, 5)).unwrap_or(Level::MIN)))
                .collect();
            plan.custom_skills.push(CustomSkill {
                id: SkillId::new(id),
                name: name.to_owned(),
                description: sentences(rng, 1, 1),
                needs,
            });
        }
        let skill_ids: Vec<SkillId> = plan.all_skills(framework).map(|s| s.id().clone()).collect();
        debug_assert_eq!(skill_ids.len(), STRESS_SKILLS);
        // Final ratings, and where each skill started six years ago.
        let finals: Vec<(usize, usize)> = skill_ids
            .iter()
            .map(|_| {
                let end = rng.between(2, 5);
                (rng.between(1, end), end)
            })
            .collect();
        for (skill, &(_, end)) in skill_ids.iter().zip(&finals) {
            plan.skills.insert(
                skill.clone(),
                SkillEntry {
                    self_rating: level(end),
                    mentor_rating: level(end.saturating_sub(rng.below(2)).max(1)),
                    will: level(rng.between(2, 5)),
                    evidence: sentences(rng, 1, 4),
                    mentor_note: if rng.chance(60) {
                        sentences(rng, 1, 1)
                    } else {
                        String::new()
                    },
                },
            );
        }

        (skill_ids, finals)
    }

    /// Sessions every week, each ending after 45–70 minutes.
    fn sessions(&mut self) -> Vec<Session> {
        let mut sessions = Vec::with_capacity(STRESS_SESSIONS);
        let session_days: Vec<usize> = (0..STRESS_SESSIONS)
            .map(|k| k * self.span_days / STRESS_SESSIONS + 3)
            .collect();
        for &day in &session_days {
            let day = add_days(self.start, day);
            let started = at(day, 16, 0);
            let id = self.take_id();
            let notes = (0..self.rng.between(2, 6))
                .map(|n| SessionNote {
                    id: self.take_id(),
                    at: at(day, 16, i8::try_from(5 + 8 * n).unwrap_or(0)),
                    text: sentences(&mut self.rng, 1, 2),
                    mentor_only: self.rng.chance(20),
                })
                .collect();
            sessions.push(Session {
                id,
                started,
                ended: Some(at(day, 16, i8::try_from(self.rng.between(45, 59)).unwrap_or(45))),
                agenda: (0..self.rng.between(3, 6))
                    .map(|_| AgendaPoint {
                        kind: AgendaKind::Other,
                        text: format!("{} {}", self.rng.pick(&VERBS), self.rng.pick(&OBJECTS)),
                        done: false,
                    })
                    .collect(),
                notes,
                summary: sentences(&mut self.rng, 2, 2),
            });
        }

        sessions
    }

    /// The checklist: created over the six years, older items mostly closed.
    fn checklist(
        &mut self,
        item_ids: &[ItemId],
        sessions: &[Session],
        skill_ids: &[SkillId],
        framework: &Framework,
    ) -> Vec<ChecklistItem> {
        let (rng, start, span_days) = (&mut self.rng, self.start, self.span_days);
        let mut checklist = Vec::with_capacity(STRESS_ACTIONS);
        for (n, id) in item_ids.iter().enumerate() {
            let created = add_days(start, n * span_days / STRESS_ACTIONS);
            let age = usize::try_from((TODAY - created).get_days()).unwrap_or(0);
            let roll = rng.below(100);
            let status = if age > 120 {
                match roll {
                    0..75 => Status::Done,
                    75..85 => Status::Dropped,
                    85..95 => Status::InProgress,
                    _ => Status::Open,
                }
            } else {
                match roll {
                    0..40 => Status::Open,
                    40..70 => Status::InProgress,
                    70..95 => Status::Done,
                    _ => Status::Dropped,
                }
            };
            let completed = matches!(status, Status::Done | Status::Dropped)
                .then(|| add_days(created, rng.between(2, 120)).min(TODAY));
            let session = sessions
                .iter()
                .rev()
                .find(|s| s.started.date() <= created)
                .filter(|_| rng.chance(40))
                .map(|s| s.id);
            let source = rng.chance(25).then(|| rng.pick(&framework.actions).id.clone());
            checklist.push(ChecklistItem {
                id: *id,
                text: action_text(rng, framework, n),
                skill: (!rng.chance(8)).then(|| rng.pick(skill_ids).clone()),
                role: rng.chance(30).then(|| RoleId::new(*rng.pick(&TARGETS))),
                status,
                due: rng.chance(50).then(|| add_days(created, rng.between(14, 90))),
                notes: if rng.chance(60) {
                    sentences(rng, 1, 3)
                } else {
                    String::new()
                },
                evidence: if status == Status::Done && rng.chance(70) {
                    sentences(rng, 1, 2)
                } else {
                    String::new()
                },
                created,
                completed,
                source,
                session,
            });
        }

        checklist
    }

    /// Snapshots: taken when 120 of the sessions ended, each a copy of the
    /// ratings and of the checklist as it stood that day. Each text is
    /// shared, as it is in a plan read from a file.
    fn snapshots(
        &mut self,
        plan: &Plan,
        checklist: &[ChecklistItem],
        sessions: &[Session],
        skill_ids: &[SkillId],
        finals: &[(usize, usize)],
    ) -> Vec<Snapshot> {
        let (start, span_days) = (self.start, self.span_days);
        let texts: Vec<SharedText> = checklist.iter().map(|i| SharedText::from(&i.text)).collect();
        let mut snapshots = Vec::with_capacity(STRESS_SNAPSHOTS);
        for k in 0..STRESS_SNAPSHOTS {
            let session = &sessions[k * STRESS_SESSIONS / STRESS_SNAPSHOTS + 1];
            let day = session.started.date();
            let elapsed = usize::try_from((day - start).get_days()).unwrap_or(0);
            let skills = skill_ids
                .iter()
                .zip(finals)
                .map(|(id, &(from, to))| {
                    let now = from + (to - from) * elapsed / span_days.max(1);
                    (
                        id.clone(),
                        SnapshotSkill {
                            self_rating: level(now),
                            mentor_rating: level(now.saturating_sub(usize::from(k % 3 == 0)).max(1)),
                            evidence: plan
                                .skills
                                .get(id)
                                .map(|e| e.evidence.clone().into())
                                .unwrap_or_default(),
                        },
                    )
                })
                .collect();
            // Built from the snapshot before, as the app builds them, so that
            // unchanged parts are shared.
            let mut items: SnapshotItems = snapshots
                .last()
                .map(|s: &Snapshot| s.items.clone())
                .unwrap_or_default();
            for (i, text) in checklist.iter().zip(&texts).filter(|(i, _)| i.created <= day) {
                let status = match i.completed {
                    Some(done) if done <= day => i.status,
                    _ if i.status != Status::Open && add_days(i.created, 7) <= day => Status::InProgress,
                    _ => Status::Open,
                };
                if items.get(&i.id).is_none_or(|old| old.status != status) {
                    items.insert(
                        i.id,
                        SnapshotItem {
                            text: text.clone(),
                            status,
                        },
                    );
                }
            }
            snapshots.push(Snapshot {
                id: self.take_id(),
                date: day,
                label: format!("Session {}", k * STRESS_SESSIONS / STRESS_SNAPSHOTS + 2),
                target_role: RoleId::new(if k < 40 {
                    "product-manager"
                } else {
                    "head-of-product"
                }),
                skills,
                items,
                session: Some(session.id),
            });
        }

        snapshots
    }

    /// Milestones spread over the history and a little past today.
    fn milestones(&mut self) -> Vec<Milestone> {
        let (start, span_days) = (self.start, self.span_days);
        (0..40)
            .map(|n| {
                let day = add_days(start, n * (span_days + 500) / 40);
                Milestone {
                    id: self.take_id(),
                    title: format!("{} {}", self.rng.pick(&VERBS), self.rng.pick(&OBJECTS)),
                    date: day,
                    reached: day < TODAY && self.rng.chance(85),
                }
            })
            .collect()
    }
}

/// A normal-sized plan for the library folder: the four core skills rated,
/// up to 30 actions, a few milestones, sessions and snapshots.
pub fn library_plan(seed: u64, framework: &Framework) -> Plan {
    let mut rng = Rng::new(seed);
    let current = if rng.chance(80) {
        "tech-lead"
    } else {
        "senior-engineer"
    };
    let target = *rng.pick(&TARGETS);
    let mut plan = Plan::new(
        name(&mut rng),
        framework,
        RoleId::new(current),
        RoleId::new(target),
    );
    plan.id = format!("library-plan-{seed}");
    if rng.chance(60) {
        plan.person.mentor = name(&mut rng);
    }
    let start = TODAY.checked_sub(days(rng.between(30, 900))).unwrap_or(TODAY);
    let span_days = usize::try_from((TODAY - start).get_days()).unwrap_or(30);
    plan.target_date = rng.chance(70).then(|| add_days(TODAY, rng.between(60, 900)));
    for skill in &framework.skills {
        if rng.chance(90) {
            plan.skills.insert(
                skill.id.clone(),
                SkillEntry {
                    self_rating: level(rng.between(1, 4)),
                    mentor_rating: if plan.person.mentor.is_empty() {
                        None
                    } else {
                        level(rng.between(1, 4))
                    },
                    will: level(rng.between(1, 5)),
                    evidence: sentences(&mut rng, 0, 2),
                    mentor_note: String::new(),
                },
            );
        }
    }
    let items = rng.between(3, 30);
    for n in 0..items {
        let id = plan.allocate_id();
        let created = add_days(start, n * span_days / items);
        let status = *rng.pick(&Status::ALL);
        let mut item = ChecklistItem::new(id, action_text(&mut rng, framework, n), created);
        item.skill = Some(rng.pick(&framework.skills).id.clone());
        item.status = status;
        item.completed =
            matches!(status, Status::Done | Status::Dropped).then_some(TODAY.min(add_days(created, 20)));
        item.due = rng.chance(40).then(|| add_days(created, rng.between(14, 60)));
        item.notes = if rng.chance(40) {
            sentences(&mut rng, 1, 1)
        } else {
            String::new()
        };
        plan.checklist.push(item);
    }
    for _ in 0..rng.between(0, 3) {
        let id = plan.allocate_id();
        plan.milestones.push(Milestone {
            id,
            title: format!("{} {}", rng.pick(&VERBS), rng.pick(&OBJECTS)),
            date: add_days(TODAY, rng.between(10, 400)),
            reached: false,
        });
    }
    if !plan.person.mentor.is_empty() {
        let count = rng.between(0, 6);
        for k in 0..count {
            let day = add_days(start, (k + 1) * span_days / (count + 1));
            let id = plan.allocate_id();
            let note = plan.allocate_id();
            plan.sessions.push(Session {
                id,
                started: at(day, 10, 0),
                ended: Some(at(day, 10, 50)),
                agenda: vec![AgendaPoint {
                    kind: AgendaKind::Other,
                    text: format!("{} {}", rng.pick(&VERBS), rng.pick(&OBJECTS)),
                    done: false,
                }],
                notes: vec![SessionNote {
                    id: note,
                    at: at(day, 10, 20),
                    text: sentences(&mut rng, 1, 1),
                    mentor_only: false,
                }],
                summary: sentences(&mut rng, 1, 1),
            });
            let snapshot_id = plan.allocate_id();
            let mut snapshot = plan.take_snapshot(snapshot_id, day, format!("Session {}", k + 1), Some(id));
            // Only the items that existed on the day.
            let later: Vec<ItemId> = snapshot
                .items
                .keys()
                .filter(|id| plan.item(**id).is_none_or(|i| i.created > day))
                .copied()
                .collect();
            for id in later {
                snapshot.items.remove(&id);
            }
            plan.snapshots.push(snapshot);
        }
    }
    plan
}

/// Writes [`LIBRARY_PLANS`] normal plans for `seed` into `dir` (created if
/// needed) as `NAME-NNN.ron`, and returns their paths in order.
pub fn write_library(dir: &Path, seed: u64) -> Result<Vec<PathBuf>, StorageError> {
    let framework = storage::builtin();
    storage::ensure_dir(dir)?;
    let mut paths = Vec::with_capacity(LIBRARY_PLANS);
    for n in 0..LIBRARY_PLANS {
        let plan = library_plan(seed.wrapping_mul(1000).wrapping_add(n as u64), &framework);
        let file = format!("{}-{n:04}.ron", trailmap::model::slug(&plan.person.name));
        let path = dir.join(file);
        storage::write_plan_text(&path, &storage::plan_to_string(&plan))?;
        paths.push(path);
    }
    Ok(paths)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_stress_plan_is_valid_and_as_large_as_promised() {
        let (plan, framework) = stress_plan(1);
        assert_eq!(plan.check(&framework), Vec::new());
        assert_eq!(plan.all_skills(&framework).count(), STRESS_SKILLS);
        assert_eq!(plan.checklist.len(), STRESS_ACTIONS);
        assert_eq!(plan.sessions.len(), STRESS_SESSIONS);
        assert_eq!(plan.snapshots.len(), STRESS_SNAPSHOTS);
        assert!(plan.custom_skills.iter().all(|c| !c.needs.is_empty()));
    }

    #[test]
    fn generation_is_deterministic() {
        assert_eq!(stress_plan(7).0, stress_plan(7).0);
        assert_ne!(stress_plan(7).0, stress_plan(8).0);
        let framework = storage::builtin();
        assert_eq!(library_plan(3, &framework), library_plan(3, &framework));
    }

    #[test]
    fn library_plans_are_valid_and_varied() {
        let framework = storage::builtin();
        let plans: Vec<Plan> = (0..LIBRARY_PLANS as u64)
            .map(|n| library_plan(n, &framework))
            .collect();
        for plan in &plans {
            assert_eq!(plan.check(&framework), Vec::new(), "{}", plan.person.name);
        }
        let names: std::collections::BTreeSet<&str> = plans.iter().map(|p| p.person.name.as_str()).collect();
        assert!(names.len() > 100, "{} distinct names", names.len());
    }
}
