//! Merging two copies of one plan: a pure function of the two, field by
//! field, that gives the same plan whichever copy comes first, however the
//! copies are grouped, and however often a copy is merged in again.
//!
//! - A field that is not text takes the value of the last write (the clock's
//!   latest time, then the larger replica; equal clocks, the larger value).
//! - A text field keeps every version that no other version has seen: the
//!   latest is shown, the others wait in [`SyncState::conflicts`]. Text is
//!   never dropped.
//! - Something either copy holds is kept unless a deletion has seen every
//!   change made to it; an edit made apart from a deletion keeps it.
//! - A copy without a private layer (a shared copy) leaves that layer as the
//!   other copy has it.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use thiserror::Error;

use super::{
    Clock, DeletedNote, Entity, Field, Graveyard, ItemField, Layer, MilestoneField, NoteField, PlanField,
    RatingField, SessionField, SkillField, SyncState, Version,
};
use crate::model::ids::{ItemId, RoleId, SkillId};
use crate::model::plan::{
    ChecklistItem, CustomSkill, FrameworkRef, Milestone, PLAN_FORMAT, Person, Plan, SkillEntry, Snapshot,
};
use crate::model::session::{Session, SessionNote};

/// Why two plans cannot be merged.
#[derive(Clone, Debug, Error, PartialEq, Eq)]
pub enum MergeError {
    /// They are not copies of one plan.
    #[error("these are two different plans (plan ids `{ours}` and `{theirs}`), not two copies of one")]
    DifferentPlans {
        /// The id of ours.
        ours: String,
        /// The id of theirs.
        theirs: String,
    },
}

/// A copy as the merge reads it: the value and the copy's records, or
/// nothing when the copy does not have the thing (or the layer).
type Side<'a, T> = Option<(&'a T, &'a SyncState)>;

struct Merger<'a> {
    a: &'a Plan,
    b: &'a Plan,
    out: SyncState,
    /// Other changes that keep a thing alive: for a skill of the plan's
    /// own, the actions that name it (their clocks).
    uses: BTreeMap<Entity, Vec<Clock>>,
}

impl<'a> Merger<'a> {
    fn sides(&self, layer: Layer) -> (Option<&'a SyncState>, Option<&'a SyncState>) {
        let (a, b) = (&self.a.sync, &self.b.sync);
        (a.holds(layer).then_some(a), b.holds(layer).then_some(b))
    }

    /// A value that is not text: the last write wins.
    fn value<'v, T: Clone + Ord>(&mut self, field: Field, a: Side<'v, T>, b: Side<'v, T>) -> Option<T> {
        let stamped = |side: Side<'v, T>| side.map(|(v, sync)| (v, sync.stamp(&field)));
        // The value of the last write, kept with every write's clock: the
        // losing write still counts as a change made to the thing (a
        // deletion that did not see it does not delete it), whichever
        // copies meet first.
        let (value, clock) = match (stamped(a), stamped(b)) {
            (Some(x), Some(y)) => {
                let x_wins = (x.1.last(), x.0) >= (y.1.last(), y.0);
                let clock = x.1.join(&y.1);
                (if x_wins { x.0 } else { y.0 }, clock)
            }
            (Some(x), None) | (None, Some(x)) => x,
            (None, None) => return None,
        };
        if !clock.is_bottom() {
            self.out.stamps.insert(field, clock);
        }
        Some(value.clone())
    }

    /// A text: every version no other has seen is kept.
    fn text(&mut self, field: Field, a: Side<'_, String>, b: Side<'_, String>) -> Option<String> {
        let mut versions = Vec::new();
        for (text, sync) in [a, b].into_iter().flatten() {
            versions.push(Version {
                text: text.clone(),
                clock: sync.stamp(&field),
            });
            if let Some(lost) = sync.conflicts.get(&field) {
                versions.extend(lost.iter().cloned());
            }
        }
        if versions.is_empty() {
            return None;
        }
        let (winner, rest) = settle(versions);
        if !winner.clock.is_bottom() {
            self.out.stamps.insert(field.clone(), winner.clock);
        }
        if !rest.is_empty() {
            self.out.conflicts.insert(field, rest);
        }
        Some(winner.text)
    }

    /// Whether `entity`, held by the copies given, survives their deletions.
    fn alive(&self, entity: &Entity, holders: &[&SyncState]) -> bool {
        let Some(removed) = self.out.removed.get(entity) else {
            return true;
        };
        // Used by something changed apart from the deletion (an action
        // given this skill on the other copy): kept.
        if self
            .uses
            .get(entity)
            .is_some_and(|clocks| clocks.iter().any(|c| !c.le(removed)))
        {
            return true;
        }
        holders.iter().any(|sync| {
            super::observe::fields_of(entity).iter().any(|field| {
                let seen = |clock: &Clock| !clock.le(removed);
                sync.stamps.get(field).is_some_and(seen)
                    || sync
                        .conflicts
                        .get(field)
                        .is_some_and(|lost| lost.iter().any(|v| seen(&v.clock)))
            })
        })
    }
}

/// The versions of a text that no other version has seen, the one to show
/// first (the latest write, then the larger text), the rest in order.
fn settle(mut versions: Vec<Version>) -> (Version, Vec<Version>) {
    versions.sort();
    versions.dedup();
    let kept: Vec<Version> = versions
        .iter()
        .filter(|v| !versions.iter().any(|w| v.clock.lt(&w.clock)))
        .cloned()
        .collect();
    let mut kept = kept;
    kept.sort_by(|x, y| (y.clock.last(), &y.text, &y.clock).cmp(&(x.clock.last(), &x.text, &x.clock)));
    let winner = kept.remove(0);
    (winner, kept)
}

/// Merges two copies of one plan. `ours` gives what belongs to the copy
/// rather than to the plan: which person's copy it is. Everything else
/// comes out the same with the arguments swapped.
pub fn merge(ours: &Plan, theirs: &Plan) -> Result<Plan, MergeError> {
    if ours.id != theirs.id {
        return Err(MergeError::DifferentPlans {
            ours: ours.id.clone(),
            theirs: theirs.id.clone(),
        });
    }
    let mut m = Merger {
        uses: BTreeMap::new(),
        a: ours,
        b: theirs,
        out: SyncState {
            clock: ours.sync.clock.max(theirs.sync.clock),
            mentee_layer: ours.sync.mentee_layer || theirs.sync.mentee_layer,
            mentor_layer: ours.sync.mentor_layer || theirs.sync.mentor_layer,
            stamps: BTreeMap::new(),
            removed: join_removed(&ours.sync.removed, &theirs.sync.removed),
            conflicts: BTreeMap::new(),
            checklist_order: None,
            skill_order: None,
            graveyard: Graveyard::default(),
        },
    };
    let mut plan = header(&mut m);
    plan.skills = ratings(&mut m);
    let dead_items;
    (plan.checklist, dead_items) = checklist(&mut m);
    // A skill of the plan's own that an action names, where the action was
    // changed apart from the skill's deletion (added, given the skill, or
    // kept by an edit), stays: no action points at a skill the plan no
    // longer has.
    for item in &plan.checklist {
        if let Some(skill) = &item.skill {
            let clock = super::observe::fields_of(&Entity::Item(item.id))
                .iter()
                .fold(Clock::default(), |c, f| c.join(&m.out.stamp(f)));
            m.uses
                .entry(Entity::Skill(skill.clone()))
                .or_default()
                .push(clock);
        }
    }
    let dead_skills;
    (plan.custom_skills, dead_skills) = custom_skills(&mut m);
    // The ratings of a skill of the plan's own go with it (their clocks
    // stay, with the skill's).
    for gone in &dead_skills {
        plan.skills.remove(&gone.id);
    }
    let (ga, gb) = (&ours.sync.graveyard, &theirs.sync.graveyard);
    let (milestones, dead_milestones) = entities(
        &mut m,
        [
            &ours.milestones,
            &ga.milestones,
            &theirs.milestones,
            &gb.milestones,
        ],
        |m| m.id,
        |m| Entity::Milestone(m.id),
        merge_milestone,
    );
    plan.milestones = milestones;
    // Sessions without their notes, which are merged one by one.
    let bare = |list: &[Session]| -> Vec<Session> {
        list.iter()
            .map(|s| Session {
                notes: Vec::new(),
                ..s.clone()
            })
            .collect()
    };
    let lists = [
        bare(&ours.sessions),
        bare(&ga.sessions),
        bare(&theirs.sessions),
        bare(&gb.sessions),
    ];
    let (sessions, dead_sessions) = entities(
        &mut m,
        [&lists[0], &lists[1], &lists[2], &lists[3]],
        |s| s.id,
        |s| Entity::Session(s.id),
        merge_session,
    );
    let (sessions, dead_sessions, dead_notes) = attach_notes(&mut m, sessions, dead_sessions);
    plan.sessions = sessions;
    let no_snapshots = Vec::new();
    plan.snapshots = entities(
        &mut m,
        [&ours.snapshots, &no_snapshots, &theirs.snapshots, &no_snapshots],
        |s| s.id,
        |s| Entity::Snapshot(s.id),
        merge_snapshot,
    )
    .0;
    m.out.graveyard = Graveyard {
        skills: dead_skills,
        items: dead_items,
        milestones: dead_milestones,
        sessions: dead_sessions,
        notes: dead_notes,
    };
    m.out.graveyard.sort();
    plan.sync = m.out;
    sort_lists(&mut plan);
    Ok(plan)
}

fn join_removed(a: &BTreeMap<Entity, Clock>, b: &BTreeMap<Entity, Clock>) -> BTreeMap<Entity, Clock> {
    let mut out = a.clone();
    for (entity, clock) in b {
        let joined = out.get(entity).map_or_else(|| clock.clone(), |c| c.join(clock));
        out.insert(entity.clone(), joined);
    }
    out
}

fn header(m: &mut Merger<'_>) -> Plan {
    let (a, b) = (m.a, m.b);
    let (sa, sb) = (Some(&a.sync), Some(&b.sync));
    let name = m.text(
        Field::Plan(PlanField::Name),
        sa.map(|s| (&a.person.name, s)),
        sb.map(|s| (&b.person.name, s)),
    );
    let mentor = m.text(
        Field::Plan(PlanField::Mentor),
        sa.map(|s| (&a.person.mentor, s)),
        sb.map(|s| (&b.person.mentor, s)),
    );
    let framework = m.value(
        Field::Plan(PlanField::Framework),
        sa.map(|s| (&a.framework.id, s)),
        sb.map(|s| (&b.framework.id, s)),
    );
    let current_role = m.value(
        Field::Plan(PlanField::CurrentRole),
        sa.map(|s| (&a.current_role, s)),
        sb.map(|s| (&b.current_role, s)),
    );
    let target_role = m.value(
        Field::Plan(PlanField::TargetRole),
        sa.map(|s| (&a.target_role, s)),
        sb.map(|s| (&b.target_role, s)),
    );
    let target_date = m
        .value(
            Field::Plan(PlanField::TargetDate),
            sa.map(|s| (&a.target_date, s)),
            sb.map(|s| (&b.target_date, s)),
        )
        .flatten();
    let (ma, mb) = m.sides(Layer::Mentee);
    let private_notes = m
        .text(
            Field::Plan(PlanField::PrivateNotes),
            ma.map(|s| (&a.private_notes, s)),
            mb.map(|s| (&b.private_notes, s)),
        )
        .unwrap_or_default();
    let (ra, rb) = m.sides(Layer::Mentor);
    let mentor_notes = m
        .text(
            Field::Plan(PlanField::MentorNotes),
            ra.map(|s| (&a.mentor_notes, s)),
            rb.map(|s| (&b.mentor_notes, s)),
        )
        .unwrap_or_default();
    let (name, mentor) = (name.unwrap_or_default(), mentor.unwrap_or_default());
    let framework = framework.unwrap_or_default();
    Plan {
        format_version: PLAN_FORMAT,
        id: a.id.clone(),
        side: a.side,
        framework: FrameworkRef { id: framework },
        person: Person { name, mentor },
        current_role: current_role.unwrap_or_else(|| a.current_role.clone()),
        target_role: target_role.unwrap_or_else(|| a.target_role.clone()),
        target_date,
        skills: BTreeMap::new(),
        custom_skills: Vec::new(),
        checklist: Vec::new(),
        milestones: Vec::new(),
        snapshots: Vec::new(),
        sessions: Vec::new(),
        private_notes,
        mentor_notes,
        sync: SyncState::default(),
        next_id: a.next_id.max(b.next_id),
    }
}

fn ratings<'a>(m: &mut Merger<'a>) -> BTreeMap<SkillId, SkillEntry> {
    let (a, b) = (m.a, m.b);
    // Skills with an entry, and those whose entry was cleared (its clocks
    // still say when).
    let stamped = |p: &'a Plan| {
        p.sync
            .stamps
            .keys()
            .chain(p.sync.conflicts.keys())
            .filter_map(|f| match f {
                Field::Rating(id, _) => Some(id),
                _ => None,
            })
    };
    let ids: BTreeSet<&SkillId> = a
        .skills
        .keys()
        .chain(b.skills.keys())
        .chain(stamped(a))
        .chain(stamped(b))
        .collect();
    let empty = SkillEntry::default();
    let mut out = BTreeMap::new();
    for id in ids {
        let ea = a.skills.get(id).unwrap_or(&empty);
        let eb = b.skills.get(id).unwrap_or(&empty);
        let (sa, sb) = (Some(&a.sync), Some(&b.sync));
        let f = |field: RatingField| Field::Rating(id.clone(), field);
        let self_rating = m.value(
            f(RatingField::SelfRating),
            sa.map(|s| (&ea.self_rating, s)),
            sb.map(|s| (&eb.self_rating, s)),
        );
        let mentor_rating = m.value(
            f(RatingField::MentorRating),
            sa.map(|s| (&ea.mentor_rating, s)),
            sb.map(|s| (&eb.mentor_rating, s)),
        );
        let will = m.value(
            f(RatingField::Will),
            sa.map(|s| (&ea.will, s)),
            sb.map(|s| (&eb.will, s)),
        );
        let evidence = m.text(
            f(RatingField::Evidence),
            sa.map(|s| (&ea.evidence, s)),
            sb.map(|s| (&eb.evidence, s)),
        );
        let (ra, rb) = m.sides(Layer::Mentor);
        let mentor_note = m.text(
            f(RatingField::MentorNote),
            ra.map(|s| (&ea.mentor_note, s)),
            rb.map(|s| (&eb.mentor_note, s)),
        );
        let entry = SkillEntry {
            self_rating: self_rating.flatten(),
            mentor_rating: mentor_rating.flatten(),
            will: will.flatten(),
            evidence: evidence.unwrap_or_default(),
            mentor_note: mentor_note.unwrap_or_default(),
        };
        if !entry.is_empty() {
            out.insert(id.clone(), entry);
        }
    }
    out
}

/// The things both copies hold in one list, kept or deleted, merged one by
/// one: those of one copy only are taken as they are, those of both are
/// merged by `both`. `lists` are ours (kept, deleted) then theirs (kept,
/// deleted). Returns those kept and those deleted.
fn entities<'l, T: Clone + PartialEq, K: Ord + Copy>(
    m: &mut Merger<'_>,
    lists: [&'l Vec<T>; 4],
    key: impl Fn(&T) -> K,
    entity: impl Fn(&T) -> Entity,
    both: impl Fn(&mut Merger<'_>, &T, &T) -> T,
) -> (Vec<T>, Vec<T>) {
    let (a, b) = (m.a, m.b);
    let ours: BTreeMap<K, &'l T> = lists[1].iter().chain(lists[0]).map(|t| (key(t), t)).collect();
    let mut theirs: BTreeMap<K, &'l T> = lists[3].iter().chain(lists[2]).map(|t| (key(t), t)).collect();
    let mut alive = Vec::with_capacity(lists[0].len().max(lists[2].len()));
    let mut dead = Vec::new();
    let mut keep = |m: &Merger<'_>, e: &Entity, t: T| {
        if m.alive(e, &[&a.sync, &b.sync]) {
            alive.push(t);
        } else {
            dead.push(t);
        }
    };
    for (k, x) in ours {
        let e = entity(x);
        let merged = match theirs.remove(&k) {
            // The same thing with the same records on both sides (most of a
            // plan, most of the time): merging it changes nothing.
            Some(y) if x == y && same_records(&a.sync, &b.sync, &e) => {
                copy_records(m, &e, &a.sync);
                x.clone()
            }
            Some(y) => both(m, x, y),
            None => {
                copy_records(m, &e, &a.sync);
                x.clone()
            }
        };
        keep(m, &e, merged);
    }
    for y in theirs.into_values() {
        let e = entity(y);
        copy_records(m, &e, &b.sync);
        keep(m, &e, y.clone());
    }
    (alive, dead)
}

/// Merges the session notes of both copies (kept or deleted) one by one,
/// and puts each kept note in its session. A session deleted on one side
/// while a note was added to it on the other is kept. Returns the sessions
/// kept and deleted (without notes) and the notes deleted.
fn attach_notes(
    m: &mut Merger<'_>,
    sessions: Vec<Session>,
    dead_sessions: Vec<Session>,
) -> (Vec<Session>, Vec<Session>, Vec<DeletedNote>) {
    let (a, b) = (m.a, m.b);
    let gather = |p: &Plan| -> Vec<DeletedNote> {
        p.sessions
            .iter()
            .chain(&p.sync.graveyard.sessions)
            .flat_map(|s| {
                s.notes.iter().map(|n| DeletedNote {
                    session: s.id,
                    note: n.clone(),
                })
            })
            .chain(p.sync.graveyard.notes.iter().cloned())
            .collect()
    };
    let (na, nb) = (gather(a), gather(b));
    let none = Vec::new();
    let (alive, dead) = entities(
        m,
        [&na, &none, &nb, &none],
        |n| n.note.id,
        |n| Entity::Note(n.note.id),
        |m, x, y| DeletedNote {
            session: x.session,
            note: merge_note(m, &x.note, &y.note),
        },
    );
    let mut sessions = sessions;
    let mut dead_sessions = dead_sessions;
    let mut dead_notes = dead;
    for n in alive {
        if let Some(s) = sessions.iter_mut().find(|s| s.id == n.session) {
            s.notes.push(n.note);
        } else if let Some(i) = dead_sessions.iter().position(|s| s.id == n.session) {
            let mut s = dead_sessions.remove(i);
            s.notes.push(n.note);
            sessions.push(s);
        } else {
            dead_notes.push(n);
        }
    }
    (sessions, dead_sessions, dead_notes)
}

/// The first and last field recorded for `entity`, for a range of the
/// records (a skill's ratings are another range: `None`).
fn field_range(entity: &Entity) -> Option<(Field, Field)> {
    let (first, last) = match entity {
        Entity::Skill(_) => return None,
        Entity::Item(id) => (
            Field::Item(*id, ItemField::Born),
            Field::Item(*id, ItemField::Session),
        ),
        Entity::Milestone(id) => (
            Field::Milestone(*id, MilestoneField::Born),
            Field::Milestone(*id, MilestoneField::Reached),
        ),
        Entity::Session(id) => (
            Field::Session(*id, SessionField::Born),
            Field::Session(*id, SessionField::Summary),
        ),
        Entity::Note(id) => (
            Field::Note(*id, NoteField::Born),
            Field::Note(*id, NoteField::MentorOnly),
        ),
        Entity::Snapshot(id) => (Field::Snapshot(*id), Field::Snapshot(*id)),
    };
    Some((first, last))
}

/// Whether both copies hold the same records for `entity`.
fn same_records(a: &SyncState, b: &SyncState, entity: &Entity) -> bool {
    let one = |e: &Entity| match field_range(e) {
        Some((first, last)) => {
            a.stamps
                .range(first.clone()..=last.clone())
                .eq(b.stamps.range(first.clone()..=last.clone()))
                && a.conflicts
                    .range(first.clone()..=last.clone())
                    .eq(b.conflicts.range(first..=last))
        }
        None => super::observe::fields_of(e)
            .iter()
            .all(|f| a.stamps.get(f) == b.stamps.get(f) && a.conflicts.get(f) == b.conflicts.get(f)),
    };
    one(entity)
}

/// Takes the records of `entity` from one copy.
fn copy_records(m: &mut Merger<'_>, entity: &Entity, from: &SyncState) {
    for field in super::observe::fields_of(entity) {
        if let Some(clock) = from.stamps.get(&field) {
            m.out.stamps.insert(field.clone(), clock.clone());
        }
        if let Some(lost) = from.conflicts.get(&field) {
            m.out.conflicts.insert(field, lost.clone());
        }
    }
}

fn checklist(m: &mut Merger<'_>) -> (Vec<ChecklistItem>, Vec<ChecklistItem>) {
    let (a, b) = (m.a, m.b);
    let lists = [
        &a.checklist,
        &a.sync.graveyard.items,
        &b.checklist,
        &b.sync.graveyard.items,
    ];
    let (items, dead) = entities(m, lists, |i| i.id, |i| Entity::Item(i.id), merge_item);
    let field = Field::Plan(PlanField::ChecklistOrder);
    let order = m.value(
        field,
        a.sync.checklist_order.as_ref().map(|o| (o, &a.sync)),
        b.sync.checklist_order.as_ref().map(|o| (o, &b.sync)),
    );
    let ids: Vec<ItemId> = items.iter().map(|i| i.id).collect();
    let sorted = item_order(&m.out, order.as_deref(), &ids);
    m.out.checklist_order = order;
    let mut by_id: HashMap<ItemId, ChecklistItem> = items.into_iter().map(|i| (i.id, i)).collect();
    (sorted.iter().filter_map(|id| by_id.remove(id)).collect(), dead)
}

fn custom_skills(m: &mut Merger<'_>) -> (Vec<CustomSkill>, Vec<CustomSkill>) {
    let (a, b) = (m.a, m.b);
    let (ga, gb) = (&a.sync.graveyard.skills, &b.sync.graveyard.skills);
    // Skill ids are text: index them by position to use the common code.
    let ids: BTreeSet<&SkillId> = a
        .custom_skills
        .iter()
        .chain(&b.custom_skills)
        .chain(ga)
        .chain(gb)
        .map(|s| &s.id)
        .collect();
    let index: BTreeMap<&SkillId, usize> = ids.iter().enumerate().map(|(i, id)| (*id, i)).collect();
    let (skills, dead) = entities(
        m,
        [&a.custom_skills, ga, &b.custom_skills, gb],
        |s| index[&s.id],
        |s| Entity::Skill(s.id.clone()),
        merge_custom_skill,
    );
    let field = Field::Plan(PlanField::SkillOrder);
    let order = m.value(
        field,
        a.sync.skill_order.as_ref().map(|o| (o, &a.sync)),
        b.sync.skill_order.as_ref().map(|o| (o, &b.sync)),
    );
    let ids: Vec<SkillId> = skills.iter().map(|s| s.id.clone()).collect();
    let sorted = skill_order(&m.out, order.as_deref(), &ids);
    m.out.skill_order = order;
    let mut by_id: HashMap<SkillId, CustomSkill> = skills.into_iter().map(|s| (s.id.clone(), s)).collect();
    (sorted.iter().filter_map(|id| by_id.remove(id)).collect(), dead)
}

/// Shorthand for the two sides of one field of two versions of a thing.
fn pair<'x, T>(m: &Merger<'x>, x: &'x T, y: &'x T) -> (Side<'x, T>, Side<'x, T>) {
    (Some((x, &m.a.sync)), Some((y, &m.b.sync)))
}

fn merge_custom_skill(m: &mut Merger<'_>, x: &CustomSkill, y: &CustomSkill) -> CustomSkill {
    let f = |field: SkillField| Field::Skill(x.id.clone(), field);
    born(m, f(SkillField::Born));
    let (na, nb) = pair(m, &x.name, &y.name);
    let (da, db) = pair(m, &x.description, &y.description);
    let (ra, rb) = pair(m, &x.needs, &y.needs);
    CustomSkill {
        id: x.id.clone(),
        name: m.text(f(SkillField::Name), na, nb).unwrap_or_default(),
        description: m.text(f(SkillField::Description), da, db).unwrap_or_default(),
        needs: m
            .value::<BTreeMap<RoleId, _>>(f(SkillField::Needs), ra, rb)
            .unwrap_or_default(),
    }
}

/// The birth clock of something both copies hold: the later one.
fn born(m: &mut Merger<'_>, field: Field) {
    let (a, b) = (m.a.sync.stamp(&field), m.b.sync.stamp(&field));
    let clock = a.join(&b);
    if !clock.is_bottom() {
        m.out.stamps.insert(field, clock);
    }
}

fn merge_item(m: &mut Merger<'_>, x: &ChecklistItem, y: &ChecklistItem) -> ChecklistItem {
    let f = |field: ItemField| Field::Item(x.id, field);
    born(m, f(ItemField::Born));
    let text = {
        let (a, b) = pair(m, &x.text, &y.text);
        m.text(f(ItemField::Text), a, b)
    };
    let notes = {
        let (a, b) = pair(m, &x.notes, &y.notes);
        m.text(f(ItemField::Notes), a, b)
    };
    let evidence = {
        let (a, b) = pair(m, &x.evidence, &y.evidence);
        m.text(f(ItemField::Evidence), a, b)
    };
    let (sx, sy) = ((x.status, x.completed), (y.status, y.completed));
    let status = {
        let (a, b) = pair(m, &sx, &sy);
        m.value(f(ItemField::Status), a, b)
    };
    let (status, completed) = status.unwrap_or(sx);
    macro_rules! value {
        ($field:ident, $variant:ident) => {{
            let (a, b) = pair(m, &x.$field, &y.$field);
            m.value(f(ItemField::$variant), a, b)
                .unwrap_or_else(|| x.$field.clone())
        }};
    }
    ChecklistItem {
        id: x.id,
        text: text.unwrap_or_default(),
        skill: value!(skill, Skill),
        role: value!(role, Role),
        status,
        due: value!(due, Due),
        notes: notes.unwrap_or_default(),
        evidence: evidence.unwrap_or_default(),
        created: value!(created, Created),
        completed,
        source: value!(source, Source),
        session: value!(session, Session),
    }
}

fn merge_milestone(m: &mut Merger<'_>, x: &Milestone, y: &Milestone) -> Milestone {
    let f = |field: MilestoneField| Field::Milestone(x.id, field);
    born(m, f(MilestoneField::Born));
    let (ta, tb) = pair(m, &x.title, &y.title);
    let title = m.text(f(MilestoneField::Title), ta, tb).unwrap_or_default();
    let (da, db) = pair(m, &x.date, &y.date);
    let date = m.value(f(MilestoneField::Date), da, db).unwrap_or(x.date);
    let (ra, rb) = pair(m, &x.reached, &y.reached);
    let reached = m.value(f(MilestoneField::Reached), ra, rb).unwrap_or(x.reached);
    Milestone {
        id: x.id,
        title,
        date,
        reached,
    }
}

fn merge_session(m: &mut Merger<'_>, x: &Session, y: &Session) -> Session {
    let f = |field: SessionField| Field::Session(x.id, field);
    born(m, f(SessionField::Born));
    let (sa, sb) = pair(m, &x.started, &y.started);
    let started = m.value(f(SessionField::Started), sa, sb).unwrap_or(x.started);
    let (ea, eb) = pair(m, &x.ended, &y.ended);
    let ended = m.value(f(SessionField::Ended), ea, eb).unwrap_or(x.ended);
    let (aa, ab) = pair(m, &x.agenda, &y.agenda);
    let agenda = m.value(f(SessionField::Agenda), aa, ab).unwrap_or_default();
    let (ma, mb) = pair(m, &x.summary, &y.summary);
    let summary = m.text(f(SessionField::Summary), ma, mb).unwrap_or_default();
    Session {
        id: x.id,
        started,
        ended,
        agenda,
        notes: Vec::new(),
        summary,
    }
}

fn merge_note(m: &mut Merger<'_>, x: &SessionNote, y: &SessionNote) -> SessionNote {
    let f = |field: NoteField| Field::Note(x.id, field);
    born(m, f(NoteField::Born));
    let (aa, ab) = pair(m, &x.at, &y.at);
    let at = m.value(f(NoteField::At), aa, ab).unwrap_or(x.at);
    let (ta, tb) = pair(m, &x.text, &y.text);
    let text = m.text(f(NoteField::Text), ta, tb).unwrap_or_default();
    let (oa, ob) = pair(m, &x.mentor_only, &y.mentor_only);
    let mentor_only = m.value(f(NoteField::MentorOnly), oa, ob).unwrap_or(x.mentor_only);
    SessionNote {
        id: x.id,
        at,
        text,
        mentor_only,
    }
}

/// Snapshots do not change: two with one number (two copies forked before
/// format 3) keep the later-born, then the larger by date and label.
fn merge_snapshot(m: &mut Merger<'_>, x: &Snapshot, y: &Snapshot) -> Snapshot {
    let field = Field::Snapshot(x.id);
    born(m, field.clone());
    let (ca, cb) = (m.a.sync.stamp(&field), m.b.sync.stamp(&field));
    let first = |s: &Snapshot, c: &Clock| (c.last(), s.date, s.label.clone());
    match first(x, &ca).cmp(&first(y, &cb)) {
        std::cmp::Ordering::Greater => x.clone(),
        std::cmp::Ordering::Less => y.clone(),
        std::cmp::Ordering::Equal if x == y => x.clone(),
        // Rare (two copies forked before format 3): any fixed choice.
        std::cmp::Ordering::Equal => {
            if format!("{x:?}") >= format!("{y:?}") {
                x.clone()
            } else {
                y.clone()
            }
        }
    }
}

/// When something was added, for ordering: the latest write of its birth
/// clock (bottom, for things from before format 3, sorts first).
fn added(sync: &SyncState, field: &Field) -> (u64, super::Replica) {
    sync.stamps.get(field).map_or((0, super::Replica(0)), Clock::last)
}

/// The checklist order both copies agree on for the items `ids`: those in
/// the arranged `order` as arranged, then the rest in the order added.
pub fn item_order(sync: &SyncState, order: Option<&[ItemId]>, ids: &[ItemId]) -> Vec<ItemId> {
    let position: HashMap<ItemId, usize> = order
        .unwrap_or_default()
        .iter()
        .enumerate()
        .map(|(i, id)| (*id, i))
        .collect();
    let mut keyed: Vec<_> = ids
        .iter()
        .map(|id| {
            let place = position.get(id).copied().unwrap_or(usize::MAX);
            let added = if place == usize::MAX {
                added(sync, &Field::Item(*id, ItemField::Born))
            } else {
                (0, super::Replica(0))
            };
            ((place, added, *id), *id)
        })
        .collect();
    keyed.sort_unstable();
    keyed.into_iter().map(|(_, id)| id).collect()
}

/// The order of the plan's own skills both copies agree on (as for
/// [`item_order`]).
pub fn skill_order(sync: &SyncState, order: Option<&[SkillId]>, ids: &[SkillId]) -> Vec<SkillId> {
    let position: HashMap<&SkillId, usize> = order
        .unwrap_or_default()
        .iter()
        .enumerate()
        .map(|(i, id)| (id, i))
        .collect();
    let mut keyed: Vec<_> = ids
        .iter()
        .map(|id| {
            let place = position.get(id).copied().unwrap_or(usize::MAX);
            let added = added(sync, &Field::Skill(id.clone(), SkillField::Born));
            ((place, added, id.clone()), id.clone())
        })
        .collect();
    keyed.sort_unstable();
    keyed.into_iter().map(|(_, id)| id).collect()
}

/// Puts milestones (by date), sessions (by start, running ones
/// last), snapshots (by
/// date) and session notes (by time) in the one order both copies agree on.
pub fn sort_lists(plan: &mut Plan) {
    plan.milestones.sort_by_key(|m| (m.date, m.id));
    // Running sessions last: the one still running is the last.
    plan.sessions
        .sort_by_key(|s| (s.ended.is_none(), s.started, s.id));
    for s in &mut plan.sessions {
        s.notes.sort_by_key(|n| (n.at, n.id));
    }
    plan.snapshots.sort_by_key(|s| (s.date, s.id));
}

/// A text field whose versions differ, for a person to settle.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TextConflict {
    /// The field.
    pub field: Field,
    /// What the plan shows.
    pub shown: String,
    /// The other texts, written apart from it.
    pub others: Vec<String>,
}

/// The text conflicts a plan holds, in field order.
pub fn text_conflicts(plan: &Plan) -> Vec<TextConflict> {
    plan.sync
        .conflicts
        .iter()
        .filter_map(|(field, lost)| {
            let shown = text_of(plan, field)?.to_owned();
            let mut others: Vec<String> = lost
                .iter()
                .map(|v| v.text.clone())
                .filter(|t| *t != shown)
                .collect();
            others.dedup();
            (!others.is_empty()).then(|| TextConflict {
                field: field.clone(),
                shown,
                others,
            })
        })
        .collect()
}

/// The text `field` holds in `plan`, if it is a text field the plan has.
pub fn text_of<'p>(plan: &'p Plan, field: &Field) -> Option<&'p str> {
    Some(match field {
        Field::Plan(PlanField::Name) => &plan.person.name,
        Field::Plan(PlanField::Mentor) => &plan.person.mentor,
        Field::Plan(PlanField::PrivateNotes) => &plan.private_notes,
        Field::Plan(PlanField::MentorNotes) => &plan.mentor_notes,
        Field::Rating(id, RatingField::Evidence) => &plan.skills.get(id)?.evidence,
        Field::Rating(id, RatingField::MentorNote) => &plan.skills.get(id)?.mentor_note,
        Field::Skill(id, f) => {
            let skill = plan.custom_skills.iter().find(|s| &s.id == id)?;
            match f {
                SkillField::Name => &skill.name,
                SkillField::Description => &skill.description,
                _ => return None,
            }
        }
        Field::Item(id, f) => {
            let item = plan.item(*id)?;
            match f {
                ItemField::Text => &item.text,
                ItemField::Notes => &item.notes,
                ItemField::Evidence => &item.evidence,
                _ => return None,
            }
        }
        Field::Milestone(id, MilestoneField::Title) => &plan.milestones.iter().find(|m| m.id == *id)?.title,
        Field::Session(id, SessionField::Summary) => &plan.sessions.iter().find(|s| s.id == *id)?.summary,
        Field::Note(id, NoteField::Text) => {
            &plan
                .sessions
                .iter()
                .flat_map(|s| &s.notes)
                .find(|n| n.id == *id)?
                .text
        }
        _ => return None,
    })
}

/// The text `field` holds in `plan`, to change.
pub fn text_mut<'p>(plan: &'p mut Plan, field: &Field) -> Option<&'p mut String> {
    Some(match field {
        Field::Plan(PlanField::Name) => &mut plan.person.name,
        Field::Plan(PlanField::Mentor) => &mut plan.person.mentor,
        Field::Plan(PlanField::PrivateNotes) => &mut plan.private_notes,
        Field::Plan(PlanField::MentorNotes) => &mut plan.mentor_notes,
        Field::Rating(id, RatingField::Evidence) => &mut plan.skills.get_mut(id)?.evidence,
        Field::Rating(id, RatingField::MentorNote) => &mut plan.skills.get_mut(id)?.mentor_note,
        Field::Skill(id, f) => {
            let skill = plan.custom_skills.iter_mut().find(|s| &s.id == id)?;
            match f {
                SkillField::Name => &mut skill.name,
                SkillField::Description => &mut skill.description,
                _ => return None,
            }
        }
        Field::Item(id, f) => {
            let item = plan.checklist.iter_mut().find(|i| i.id == *id)?;
            match f {
                ItemField::Text => &mut item.text,
                ItemField::Notes => &mut item.notes,
                ItemField::Evidence => &mut item.evidence,
                _ => return None,
            }
        }
        Field::Milestone(id, MilestoneField::Title) => {
            &mut plan.milestones.iter_mut().find(|m| m.id == *id)?.title
        }
        Field::Session(id, SessionField::Summary) => {
            &mut plan.sessions.iter_mut().find(|s| s.id == *id)?.summary
        }
        Field::Note(id, NoteField::Text) => {
            &mut plan
                .sessions
                .iter_mut()
                .flat_map(|s| &mut s.notes)
                .find(|n| n.id == *id)?
                .text
        }
        _ => return None,
    })
}
