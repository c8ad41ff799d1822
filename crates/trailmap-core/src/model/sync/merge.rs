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
    Clock, Entity, Field, ItemField, Layer, MilestoneField, NoteField, PlanField, RatingField, SessionField,
    SkillField, SyncState, Version,
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
}

impl<'a> Merger<'a> {
    fn sides(&self, layer: Layer) -> (Option<&'a SyncState>, Option<&'a SyncState>) {
        let (a, b) = (&self.a.sync, &self.b.sync);
        (a.holds(layer).then_some(a), b.holds(layer).then_some(b))
    }

    /// A value that is not text: the last write wins.
    fn value<'v, T: Clone + Ord>(&mut self, field: Field, a: Side<'v, T>, b: Side<'v, T>) -> Option<T> {
        let stamped = |side: Side<'v, T>| side.map(|(v, sync)| (v, sync.stamp(&field)));
        let winner = match (stamped(a), stamped(b)) {
            (Some(x), Some(y)) => {
                let x_wins = (x.1.last(), x.0) >= (y.1.last(), y.0);
                if x_wins { x } else { y }
            }
            (Some(x), None) | (None, Some(x)) => x,
            (None, None) => return None,
        };
        if !winner.1.is_bottom() {
            self.out.stamps.insert(field, winner.1);
        }
        Some(winner.0.clone())
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
        },
    };
    let mut plan = header(&mut m);
    plan.skills = ratings(&mut m);
    plan.custom_skills = custom_skills(&mut m);
    // The ratings of a skill of the plan's own go with it.
    for gone in ours.custom_skills.iter().chain(&theirs.custom_skills) {
        if !plan.custom_skills.iter().any(|s| s.id == gone.id) {
            plan.skills.remove(&gone.id);
            for field in super::observe::fields_of(&Entity::Skill(gone.id.clone())) {
                m.out.stamps.remove(&field);
                m.out.conflicts.remove(&field);
            }
        }
    }
    plan.checklist = checklist(&mut m);
    plan.milestones = entities(&mut m, |p| &p.milestones, |m| m.id, |m| Entity::Milestone(m.id), merge_milestone);
    plan.sessions = entities(&mut m, |p| &p.sessions, |s| s.id, |s| Entity::Session(s.id), merge_session);
    plan.snapshots = entities(&mut m, |p| &p.snapshots, |s| s.id, |s| Entity::Snapshot(s.id), merge_snapshot);
    // A note deleted in one copy stays deleted in a session the other copy
    // alone still holds.
    let note_ids = |p: &Plan| -> std::collections::HashSet<ItemId> {
        p.sessions.iter().flat_map(|s| &s.notes).map(|n| n.id).collect()
    };
    let (ours_notes, theirs_notes) = (note_ids(ours), note_ids(theirs));
    for session in &mut plan.sessions {
        session.notes.retain(|note| {
            let entity = Entity::Note(note.id);
            if !m.out.removed.contains_key(&entity) {
                return true;
            }
            let mut holders: Vec<&SyncState> = Vec::new();
            if ours_notes.contains(&note.id) {
                holders.push(&ours.sync);
            }
            if theirs_notes.contains(&note.id) {
                holders.push(&theirs.sync);
            }
            let alive = m.alive(&entity, &holders);
            if !alive {
                for field in super::observe::fields_of(&entity) {
                    m.out.stamps.remove(&field);
                    m.out.conflicts.remove(&field);
                }
            }
            alive
        });
    }
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
    let ids: BTreeSet<&SkillId> = a.skills.keys().chain(b.skills.keys()).chain(stamped(a)).chain(stamped(b)).collect();
    let empty = SkillEntry::default();
    let mut out = BTreeMap::new();
    for id in ids {
        let ea = a.skills.get(id).unwrap_or(&empty);
        let eb = b.skills.get(id).unwrap_or(&empty);
        let (sa, sb) = (Some(&a.sync), Some(&b.sync));
        let f = |field: RatingField| Field::Rating(id.clone(), field);
        let self_rating = m.value(f(RatingField::SelfRating), sa.map(|s| (&ea.self_rating, s)), sb.map(|s| (&eb.self_rating, s)));
        let mentor_rating = m.value(
            f(RatingField::MentorRating),
            sa.map(|s| (&ea.mentor_rating, s)),
            sb.map(|s| (&eb.mentor_rating, s)),
        );
        let will = m.value(f(RatingField::Will), sa.map(|s| (&ea.will, s)), sb.map(|s| (&eb.will, s)));
        let evidence = m.text(f(RatingField::Evidence), sa.map(|s| (&ea.evidence, s)), sb.map(|s| (&eb.evidence, s)));
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

/// The things both copies hold in one list, merged one by one: those of one
/// copy only are kept as they are (unless a deletion saw them), those of
/// both are merged by `both`.
fn entities<T: Clone + PartialEq, K: Ord + Copy>(
    m: &mut Merger<'_>,
    list: impl Fn(&Plan) -> &Vec<T>,
    key: impl Fn(&T) -> K,
    entity: impl Fn(&T) -> Entity,
    both: impl Fn(&mut Merger<'_>, &T, &T) -> T,
) -> Vec<T> {
    let (a, b) = (m.a, m.b);
    let mut theirs: BTreeMap<K, &T> = list(b).iter().map(|t| (key(t), t)).collect();
    let mut out = Vec::with_capacity(list(a).len().max(list(b).len()));
    for x in list(a) {
        let e = entity(x);
        match theirs.remove(&key(x)) {
            Some(y) => {
                if !m.alive(&e, &[&a.sync, &b.sync]) {
                    continue;
                }
                // The same thing with the same records on both sides (most
                // of a plan, most of the time): merging it changes nothing.
                if x == y && same_records(&a.sync, &b.sync, &e, a) {
                    copy_records(m, &e, &a.sync);
                    out.push(x.clone());
                } else {
                    out.push(both(m, x, y));
                }
            }
            None => {
                if m.alive(&e, &[&a.sync]) {
                    copy_records(m, &e, &a.sync);
                    out.push(x.clone());
                }
            }
        }
    }
    for y in theirs.into_values() {
        let e = entity(y);
        if m.alive(&e, &[&b.sync]) {
            copy_records(m, &e, &b.sync);
            out.push(y.clone());
        }
    }
    out
}

/// The first and last field recorded for `entity`, for a range of the
/// records (a skill's ratings are another range: `None`).
fn field_range(entity: &Entity) -> Option<(Field, Field)> {
    let (first, last) = match entity {
        Entity::Skill(_) => return None,
        Entity::Item(id) => (Field::Item(*id, ItemField::Born), Field::Item(*id, ItemField::Session)),
        Entity::Milestone(id) => (
            Field::Milestone(*id, MilestoneField::Born),
            Field::Milestone(*id, MilestoneField::Reached),
        ),
        Entity::Session(id) => (Field::Session(*id, SessionField::Born), Field::Session(*id, SessionField::Summary)),
        Entity::Note(id) => (Field::Note(*id, NoteField::Born), Field::Note(*id, NoteField::MentorOnly)),
        Entity::Snapshot(id) => (Field::Snapshot(*id), Field::Snapshot(*id)),
    };
    Some((first, last))
}

/// Whether both copies hold the same records for `entity` (and, for a
/// session, for the notes `plan` has in it).
fn same_records(a: &SyncState, b: &SyncState, entity: &Entity, plan: &Plan) -> bool {
    let one = |e: &Entity| match field_range(e) {
        Some((first, last)) => {
            a.stamps.range(first.clone()..=last.clone()).eq(b.stamps.range(first.clone()..=last.clone()))
                && a.conflicts.range(first.clone()..=last.clone()).eq(b.conflicts.range(first..=last))
        }
        None => super::observe::fields_of(e)
            .iter()
            .all(|f| a.stamps.get(f) == b.stamps.get(f) && a.conflicts.get(f) == b.conflicts.get(f)),
    };
    if !one(entity) {
        return false;
    }
    match entity {
        Entity::Session(id) => plan
            .sessions
            .iter()
            .filter(|s| s.id == *id)
            .flat_map(|s| &s.notes)
            .all(|n| one(&Entity::Note(n.id))),
        _ => true,
    }
}

/// Takes the records of `entity` (and its notes, for a session) from one copy.
fn copy_records(m: &mut Merger<'_>, entity: &Entity, from: &SyncState) {
    for field in super::observe::fields_of(entity) {
        if let Some(clock) = from.stamps.get(&field) {
            m.out.stamps.insert(field.clone(), clock.clone());
        }
        if let Some(lost) = from.conflicts.get(&field) {
            m.out.conflicts.insert(field, lost.clone());
        }
    }
    if let Entity::Session(id) = entity {
        let notes: Vec<ItemId> = [m.a, m.b]
            .iter()
            .flat_map(|p| p.sessions.iter().filter(|s| s.id == *id))
            .flat_map(|s| s.notes.iter().map(|n| n.id))
            .collect();
        for note in notes {
            copy_records(m, &Entity::Note(note), from);
        }
    }
}

fn checklist(m: &mut Merger<'_>) -> Vec<ChecklistItem> {
    let items = entities(m, |p| &p.checklist, |i| i.id, |i| Entity::Item(i.id), merge_item);
    let (a, b) = (m.a, m.b);
    let field = Field::Plan(PlanField::ChecklistOrder);
    let order = m
        .value(
            field,
            a.sync.checklist_order.as_ref().map(|o| (o, &a.sync)),
            b.sync.checklist_order.as_ref().map(|o| (o, &b.sync)),
        );
    let ids: Vec<ItemId> = items.iter().map(|i| i.id).collect();
    let sorted = item_order(&m.out, order.as_deref(), &ids);
    m.out.checklist_order = order;
    let mut by_id: HashMap<ItemId, ChecklistItem> = items.into_iter().map(|i| (i.id, i)).collect();
    sorted.iter().filter_map(|id| by_id.remove(id)).collect()
}

fn custom_skills(m: &mut Merger<'_>) -> Vec<CustomSkill> {
    let (a, b) = (m.a, m.b);
    // Skill ids are text: index them by position to use the common code.
    let ids: BTreeSet<&SkillId> = a.custom_skills.iter().chain(&b.custom_skills).map(|s| &s.id).collect();
    let index: BTreeMap<&SkillId, usize> = ids.iter().enumerate().map(|(i, id)| (*id, i)).collect();
    let skills = entities(
        m,
        |p| &p.custom_skills,
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
    sorted.iter().filter_map(|id| by_id.remove(id)).collect()
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
        needs: m.value::<BTreeMap<RoleId, _>>(f(SkillField::Needs), ra, rb).unwrap_or_default(),
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
            m.value(f(ItemField::$variant), a, b).unwrap_or_else(|| x.$field.clone())
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
    let notes = session_notes(m, x, y);
    Session {
        id: x.id,
        started,
        ended,
        agenda,
        notes,
        summary,
    }
}

fn session_notes(m: &mut Merger<'_>, x: &Session, y: &Session) -> Vec<SessionNote> {
    let (a, b) = (m.a, m.b);
    let mut theirs: BTreeMap<ItemId, &SessionNote> = y.notes.iter().map(|n| (n.id, n)).collect();
    let mut out = Vec::new();
    for n in &x.notes {
        let e = Entity::Note(n.id);
        match theirs.remove(&n.id) {
            Some(o) => {
                if m.alive(&e, &[&a.sync, &b.sync]) {
                    out.push(merge_note(m, n, o));
                }
            }
            None => {
                if m.alive(&e, &[&a.sync]) {
                    copy_records(m, &e, &a.sync);
                    out.push(n.clone());
                }
            }
        }
    }
    for o in theirs.into_values() {
        let e = Entity::Note(o.id);
        if m.alive(&e, &[&b.sync]) {
            copy_records(m, &e, &b.sync);
            out.push(o.clone());
        }
    }
    out
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
            if format!("{x:?}") >= format!("{y:?}") { x.clone() } else { y.clone() }
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
    plan.sessions.sort_by_key(|s| (s.ended.is_none(), s.started, s.id));
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
            let mut others: Vec<String> = lost.iter().map(|v| v.text.clone()).filter(|t| *t != shown).collect();
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
            &plan.sessions.iter().flat_map(|s| &s.notes).find(|n| n.id == *id)?.text
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
        Field::Session(id, SessionField::Summary) => &mut plan.sessions.iter_mut().find(|s| s.id == *id)?.summary,
        Field::Note(id, NoteField::Text) => {
            &mut plan.sessions.iter_mut().flat_map(|s| &mut s.notes).find(|n| n.id == *id)?.text
        }
        _ => return None,
    })
}
