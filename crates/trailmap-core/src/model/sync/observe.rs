//! Stamping changes. [`Document`](crate::model::Document) asks which parts
//! of the plan a command touches ([`scopes`]), keeps a copy of them
//! ([`capture`]), applies the command, and then [`record`]s: every field
//! whose value changed gets a new clock, what appeared gets a birth clock,
//! what went away leaves a deletion clock, and the lists are put back in
//! the one order both copies agree on.

use std::collections::{BTreeMap, HashMap};

use super::{
    Entity, Field, ItemField, MilestoneField, NoteField, PlanField, RatingField, Replica, SessionField,
    SkillField,
};
use crate::model::command::Command;
use crate::model::ids::{ItemId, SkillId};
use crate::model::plan::{ChecklistItem, CustomSkill, Milestone, Plan, SkillEntry};
use crate::model::session::{Session, SessionNote};

/// A part of a plan a command may change.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Scope {
    /// The plan's own fields (names, roles, dates, notes).
    Header,
    /// One skill's ratings and notes.
    Rating(SkillId),
    /// One of the plan's own skills, and their order.
    Skill(SkillId),
    /// One checklist item.
    Item(ItemId),
    /// The order of the checklist.
    ChecklistOrder,
    /// One milestone.
    Milestone(ItemId),
    /// One session and its notes.
    Session(ItemId),
    /// One snapshot.
    Snapshot(ItemId),
}

/// The parts of the plan `command` may change.
pub fn scopes(command: &Command) -> Vec<Scope> {
    let mut out = Vec::new();
    add_scopes(command, &mut out);
    out
}

fn add_scopes(command: &Command, out: &mut Vec<Scope>) {
    match command {
        Command::SetName(_)
        | Command::SetMentor(_)
        | Command::SetCurrentRole(_)
        | Command::SetTargetRole(_)
        | Command::SetTargetDate(_)
        | Command::SetPrivateNotes(_)
        | Command::SetMentorNotes(_) => out.push(Scope::Header),
        Command::SetSkillEntry { skill, .. } => out.push(Scope::Rating(skill.clone())),
        Command::InsertCustomSkill { skill, .. } => {
            out.push(Scope::Skill(skill.id.clone()));
            out.push(Scope::Rating(skill.id.clone()));
        }
        Command::RemoveCustomSkill(id) => {
            out.push(Scope::Skill(id.clone()));
            out.push(Scope::Rating(id.clone()));
        }
        Command::UpdateCustomSkill(skill) => out.push(Scope::Skill(skill.id.clone())),
        Command::InsertItems(items) => {
            out.extend(items.iter().map(|(_, i)| Scope::Item(i.id)));
            out.push(Scope::ChecklistOrder);
        }
        Command::RemoveItems(ids) => {
            out.extend(ids.iter().map(|id| Scope::Item(*id)));
            out.push(Scope::ChecklistOrder);
        }
        Command::UpdateItem(item) => out.push(Scope::Item(item.id)),
        Command::MoveItem { .. } => out.push(Scope::ChecklistOrder),
        Command::InsertMilestone { milestone, .. } => out.push(Scope::Milestone(milestone.id)),
        Command::RemoveMilestone(id) => out.push(Scope::Milestone(*id)),
        Command::UpdateMilestone(m) => out.push(Scope::Milestone(m.id)),
        Command::InsertSession { session, .. } => out.push(Scope::Session(session.id)),
        Command::RemoveSession(id) => out.push(Scope::Session(*id)),
        Command::UpdateSession(s) => out.push(Scope::Session(s.id)),
        Command::InsertSnapshot { snapshot, .. } => out.push(Scope::Snapshot(snapshot.id)),
        Command::RemoveSnapshot(id) => out.push(Scope::Snapshot(*id)),
        Command::SettleConflict { field, .. } => out.push(scope_of(field)),
        Command::Batch(commands) => {
            for c in commands {
                add_scopes(c, out);
            }
        }
        // A merge brings its own clocks.
        Command::ReplacePlan(_) => {}
    }
}

/// The part of the plan that holds `field`.
fn scope_of(field: &Field) -> Scope {
    match field {
        Field::Plan(PlanField::ChecklistOrder) => Scope::ChecklistOrder,
        Field::Plan(_) => Scope::Header,
        Field::Rating(id, _) => Scope::Rating(id.clone()),
        Field::Skill(id, _) => Scope::Skill(id.clone()),
        Field::Item(id, _) => Scope::Item(*id),
        Field::Milestone(id, _) => Scope::Milestone(*id),
        Field::Session(id, _) | Field::Note(id, _) => Scope::Session(*id),
        Field::Snapshot(id) => Scope::Snapshot(*id),
    }
}

/// The plan's fields, as a command may change them.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Header {
    name: String,
    mentor: String,
    framework: String,
    current_role: String,
    target_role: String,
    target_date: Option<jiff::civil::Date>,
    private_notes: String,
    mentor_notes: String,
}

impl Header {
    fn of(plan: &Plan) -> Self {
        Self {
            name: plan.person.name.clone(),
            mentor: plan.person.mentor.clone(),
            framework: plan.framework.id.clone(),
            current_role: plan.current_role.0.clone(),
            target_role: plan.target_role.0.clone(),
            target_date: plan.target_date,
            private_notes: plan.private_notes.clone(),
            mentor_notes: plan.mentor_notes.clone(),
        }
    }
}

/// A copy of what a scope held.
#[derive(Clone, Debug)]
enum Held {
    Header(Box<Header>),
    Rating(SkillId, Option<SkillEntry>),
    Skill(SkillId, Option<CustomSkill>),
    Item(ItemId, Option<ChecklistItem>),
    ChecklistOrder(Vec<ItemId>),
    Milestone(ItemId, Option<Milestone>),
    Session(ItemId, Option<Session>),
    Snapshot(ItemId, bool),
}

/// The parts of a plan a command is about to change, as they were.
#[derive(Clone, Debug)]
pub struct Captured {
    held: Vec<Held>,
    /// How many versions wait in each conflict.
    conflicts: BTreeMap<Field, usize>,
    scopes: Vec<Scope>,
}

/// Copies what `scopes` of `plan` hold now.
pub fn capture(plan: &Plan, scopes: &[Scope]) -> Captured {
    Captured {
        held: scopes.iter().map(|s| hold(plan, s)).collect(),
        conflicts: conflict_sizes(plan, scopes),
        scopes: scopes.to_vec(),
    }
}

/// How many versions wait in each conflict within `scopes`.
fn conflict_sizes(plan: &Plan, scopes: &[Scope]) -> BTreeMap<Field, usize> {
    plan.sync
        .conflicts
        .iter()
        .filter(|(f, _)| scopes.contains(&scope_of(f)))
        .map(|(f, v)| (f.clone(), v.len()))
        .collect()
}

fn hold(plan: &Plan, scope: &Scope) -> Held {
    match scope {
        Scope::Header => Held::Header(Box::new(Header::of(plan))),
        Scope::Rating(id) => Held::Rating(id.clone(), plan.skills.get(id).cloned()),
        Scope::Skill(id) => Held::Skill(
            id.clone(),
            plan.custom_skills.iter().find(|s| &s.id == id).cloned(),
        ),
        Scope::Item(id) => Held::Item(*id, plan.item(*id).cloned()),
        Scope::ChecklistOrder => Held::ChecklistOrder(plan.checklist.iter().map(|i| i.id).collect()),
        Scope::Milestone(id) => Held::Milestone(*id, plan.milestones.iter().find(|m| m.id == *id).cloned()),
        Scope::Session(id) => Held::Session(*id, plan.sessions.iter().find(|s| s.id == *id).cloned()),
        Scope::Snapshot(id) => Held::Snapshot(*id, plan.snapshots.iter().any(|s| s.id == *id)),
    }
}

/// What changed in one field or thing.
enum Change {
    Field(Field),
    Born(Entity, Field),
    Removed(Entity, Buried),
}

/// A thing deleted, as it was, for the graveyard.
enum Buried {
    Skill(CustomSkill),
    Item(ChecklistItem),
    Milestone(Milestone),
    Session(Session),
    Note(ItemId, SessionNote),
    /// Nothing to keep: snapshots do not change, so every copy that has
    /// one has it as it was.
    Nothing,
}

/// Stamps what changed since `before` was captured with one new write by
/// `replica` at hybrid logical time `max(now, latest seen + 1)`, and puts
/// the lists back in their agreed order.
pub fn record(plan: &mut Plan, before: Captured, replica: Replica, now: u64) {
    let mut changes = Vec::new();
    let mut orders = Orders::default();
    for held in before.held {
        diff(plan, held, &mut changes, &mut orders);
    }
    // A conflict settled is a change of its field (its clock already holds
    // the versions it settles); one brought back by undo comes back with
    // its clocks as they were, and is no new change.
    let after = conflict_sizes(plan, &before.scopes);
    let touched: Vec<Field> = before
        .conflicts
        .keys()
        .chain(after.keys())
        .filter(|f| before.conflicts.get(*f) != after.get(*f))
        .cloned()
        .collect();
    changes.retain(|c| !matches!(c, Change::Field(f) if touched.contains(f)));
    for field in touched {
        if !after.contains_key(&field) {
            changes.push(Change::Field(field));
        }
    }
    if changes.is_empty() && !orders.any() {
        return;
    }
    let at = now.max(plan.sync.clock + 1);
    plan.sync.clock = at;
    // Deletions last: they fold in every clock of what they delete.
    changes.sort_by_key(|c| matches!(c, Change::Removed(..)));
    for change in changes {
        apply_change(plan, change, replica, at);
    }
    orders.settle(plan, replica, at);
}

fn apply_change(plan: &mut Plan, change: Change, replica: Replica, at: u64) {
    let sync = &mut plan.sync;
    match change {
        // The other versions of a conflicted text stay until a person
        // settles them (`Command::SettleConflict`).
        // An edit made having seen them replaces only this copy's own
        // earlier versions.
        Change::Field(field) => {
            let clock = sync.stamp(&field).with(replica, at);
            if let Some(lost) = sync.conflicts.get_mut(&field) {
                lost.retain(|v| !v.clock.le(&clock));
                if lost.is_empty() {
                    sync.conflicts.remove(&field);
                }
            }
            sync.stamps.insert(field, clock);
        }
        Change::Born(entity, born) => {
            let mut clock = sync.stamp(&born);
            if let Some(removed) = sync.removed.get(&entity) {
                clock = clock.join(removed);
            }
            sync.stamps.insert(born, clock.with(replica, at));
            unbury(&mut sync.graveyard, &entity);
        }
        // The clocks of what is deleted stay: they are its history, which
        // another copy's changes are weighed against.
        Change::Removed(entity, buried) => {
            let mut clock = sync.removed.get(&entity).cloned().unwrap_or_default();
            for field in fields_of(&entity) {
                if let Some(c) = sync.stamps.get(&field) {
                    clock = clock.join(c);
                }
                for v in sync.conflicts.get(&field).into_iter().flatten() {
                    clock = clock.join(&v.clock);
                }
            }
            sync.removed.insert(entity, clock.with(replica, at));
            bury(&mut sync.graveyard, buried);
        }
    }
}

/// Keeps a deleted thing in the graveyard (replacing an older copy of it).
fn bury(graveyard: &mut super::Graveyard, buried: Buried) {
    match buried {
        Buried::Skill(s) => {
            graveyard.skills.retain(|x| x.id != s.id);
            graveyard.skills.push(s);
        }
        Buried::Item(i) => {
            graveyard.items.retain(|x| x.id != i.id);
            graveyard.items.push(i);
        }
        Buried::Milestone(m) => {
            graveyard.milestones.retain(|x| x.id != m.id);
            graveyard.milestones.push(m);
        }
        Buried::Session(s) => {
            graveyard.sessions.retain(|x| x.id != s.id);
            graveyard.sessions.push(Session {
                notes: Vec::new(),
                ..s
            });
        }
        Buried::Note(session, note) => {
            graveyard.notes.retain(|x| x.note.id != note.id);
            graveyard.notes.push(super::DeletedNote { session, note });
        }
        Buried::Nothing => {}
    }
    graveyard.sort();
}

/// Takes a thing brought back (undo of a deletion) out of the graveyard.
fn unbury(graveyard: &mut super::Graveyard, entity: &Entity) {
    match entity {
        Entity::Skill(id) => graveyard.skills.retain(|x| &x.id != id),
        Entity::Item(id) => graveyard.items.retain(|x| x.id != *id),
        Entity::Milestone(id) => graveyard.milestones.retain(|x| x.id != *id),
        Entity::Session(id) => graveyard.sessions.retain(|x| x.id != *id),
        Entity::Note(id) => graveyard.notes.retain(|x| x.note.id != *id),
        Entity::Snapshot(_) => {}
    }
}

/// Every field recorded for `entity`.
pub fn fields_of(entity: &Entity) -> Vec<Field> {
    match entity {
        // A skill of the plan's own goes with its ratings, and a rating
        // changed apart from its deletion keeps it.
        Entity::Skill(id) => SkillField::ALL
            .iter()
            .map(|f| Field::Skill(id.clone(), *f))
            .chain(RatingField::ALL.iter().map(|f| Field::Rating(id.clone(), *f)))
            .collect(),
        Entity::Item(id) => ItemField::ALL.iter().map(|f| Field::Item(*id, *f)).collect(),
        Entity::Milestone(id) => MilestoneField::ALL
            .iter()
            .map(|f| Field::Milestone(*id, *f))
            .collect(),
        Entity::Session(id) => SessionField::ALL
            .iter()
            .map(|f| Field::Session(*id, *f))
            .collect(),
        Entity::Note(id) => NoteField::ALL.iter().map(|f| Field::Note(*id, *f)).collect(),
        Entity::Snapshot(id) => vec![Field::Snapshot(*id)],
    }
}

/// Which lists a change may have put out of their agreed order.
#[derive(Default)]
struct Orders {
    checklist: bool,
    skills: bool,
    milestones: bool,
    sessions: bool,
    snapshots: bool,
}

impl Orders {
    fn any(&self) -> bool {
        self.checklist || self.skills || self.milestones || self.sessions || self.snapshots
    }

    /// Sorts the lists that sort by a key, and records the arranged order of
    /// the checklist and the plan's own skills where it is not the order added.
    fn settle(self, plan: &mut Plan, replica: Replica, at: u64) {
        if self.milestones || self.sessions || self.snapshots {
            super::merge::sort_lists(plan);
        }
        if self.checklist {
            let ids: Vec<ItemId> = plan.checklist.iter().map(|i| i.id).collect();
            let canonical = super::merge::item_order(&plan.sync, plan.sync.checklist_order.as_deref(), &ids);
            if canonical != ids {
                plan.sync.checklist_order = Some(ids);
                let field = Field::Plan(PlanField::ChecklistOrder);
                let clock = plan.sync.stamp(&field).with(replica, at);
                plan.sync.stamps.insert(field, clock);
            }
        }
        if self.skills {
            let ids: Vec<SkillId> = plan.custom_skills.iter().map(|s| s.id.clone()).collect();
            let canonical = super::merge::skill_order(&plan.sync, plan.sync.skill_order.as_deref(), &ids);
            if canonical != ids {
                plan.sync.skill_order = Some(ids);
                let field = Field::Plan(PlanField::SkillOrder);
                let clock = plan.sync.stamp(&field).with(replica, at);
                plan.sync.stamps.insert(field, clock);
            }
        }
    }
}

fn diff(plan: &Plan, held: Held, changes: &mut Vec<Change>, orders: &mut Orders) {
    match held {
        Held::Header(old) => diff_header(&old, &Header::of(plan), changes),
        Held::Rating(id, old) => {
            let (old, new) = (old.unwrap_or_default(), plan.entry(&id));
            let mut field = |f: RatingField, changed: bool| {
                if changed {
                    changes.push(Change::Field(Field::Rating(id.clone(), f)));
                }
            };
            field(RatingField::SelfRating, old.self_rating != new.self_rating);
            field(RatingField::MentorRating, old.mentor_rating != new.mentor_rating);
            field(RatingField::Will, old.will != new.will);
            field(RatingField::Evidence, old.evidence != new.evidence);
            field(RatingField::MentorNote, old.mentor_note != new.mentor_note);
        }
        Held::Skill(id, old) => {
            orders.skills = true;
            let new = plan.custom_skills.iter().find(|s| s.id == id);
            let entity = Entity::Skill(id.clone());
            match (old.as_ref(), new) {
                (None, Some(_)) => {
                    changes.push(Change::Born(entity, Field::Skill(id.clone(), SkillField::Born)))
                }
                (Some(old), None) => changes.push(Change::Removed(entity, Buried::Skill(old.clone()))),
                (Some(old), Some(new)) => {
                    let mut field = |f: SkillField, changed: bool| {
                        if changed {
                            changes.push(Change::Field(Field::Skill(id.clone(), f)));
                        }
                    };
                    field(SkillField::Name, old.name != new.name);
                    field(SkillField::Description, old.description != new.description);
                    field(SkillField::Needs, old.needs != new.needs);
                }
                (None, None) => {}
            }
        }
        Held::Item(id, old) => {
            let new = plan.item(id);
            match (old.as_ref(), new) {
                (None, Some(_)) => {
                    changes.push(Change::Born(Entity::Item(id), Field::Item(id, ItemField::Born)))
                }
                (Some(old), None) => {
                    changes.push(Change::Removed(Entity::Item(id), Buried::Item(old.clone())))
                }
                (Some(old), Some(new)) => diff_item(old, new, changes),
                (None, None) => {}
            }
        }
        Held::ChecklistOrder(old) => {
            let same =
                old.len() == plan.checklist.len() && old.iter().zip(&plan.checklist).all(|(a, b)| *a == b.id);
            orders.checklist |= !same;
        }
        Held::Milestone(id, old) => {
            orders.milestones = true;
            let new = plan.milestones.iter().find(|m| m.id == id);
            let entity = Entity::Milestone(id);
            match (old.as_ref(), new) {
                (None, Some(_)) => {
                    changes.push(Change::Born(entity, Field::Milestone(id, MilestoneField::Born)))
                }
                (Some(old), None) => changes.push(Change::Removed(entity, Buried::Milestone(old.clone()))),
                (Some(old), Some(new)) => {
                    let mut field = |f: MilestoneField, changed: bool| {
                        if changed {
                            changes.push(Change::Field(Field::Milestone(id, f)));
                        }
                    };
                    field(MilestoneField::Title, old.title != new.title);
                    field(MilestoneField::Date, old.date != new.date);
                    field(MilestoneField::Reached, old.reached != new.reached);
                }
                (None, None) => {}
            }
        }
        Held::Session(id, old) => {
            orders.sessions = true;
            let new = plan.sessions.iter().find(|s| s.id == id);
            diff_session(id, old.as_ref(), new, changes);
        }
        Held::Snapshot(id, was) => {
            orders.snapshots = true;
            let is = plan.snapshots.iter().any(|s| s.id == id);
            if is && !was {
                changes.push(Change::Born(Entity::Snapshot(id), Field::Snapshot(id)));
            } else if was && !is {
                changes.push(Change::Removed(Entity::Snapshot(id), Buried::Nothing));
            }
        }
    }
}

fn diff_header(old: &Header, new: &Header, changes: &mut Vec<Change>) {
    let mut field = |f: PlanField, changed: bool| {
        if changed {
            changes.push(Change::Field(Field::Plan(f)));
        }
    };
    field(PlanField::Name, old.name != new.name);
    field(PlanField::Mentor, old.mentor != new.mentor);
    field(PlanField::Framework, old.framework != new.framework);
    field(PlanField::CurrentRole, old.current_role != new.current_role);
    field(PlanField::TargetRole, old.target_role != new.target_role);
    field(PlanField::TargetDate, old.target_date != new.target_date);
    field(PlanField::PrivateNotes, old.private_notes != new.private_notes);
    field(PlanField::MentorNotes, old.mentor_notes != new.mentor_notes);
}

fn diff_item(old: &ChecklistItem, new: &ChecklistItem, changes: &mut Vec<Change>) {
    let mut field = |f: ItemField, changed: bool| {
        if changed {
            changes.push(Change::Field(Field::Item(new.id, f)));
        }
    };
    field(ItemField::Text, old.text != new.text);
    field(ItemField::Skill, old.skill != new.skill);
    field(ItemField::Role, old.role != new.role);
    field(
        ItemField::Status,
        old.status != new.status || old.completed != new.completed,
    );
    field(ItemField::Due, old.due != new.due);
    field(ItemField::Notes, old.notes != new.notes);
    field(ItemField::Evidence, old.evidence != new.evidence);
    field(ItemField::Created, old.created != new.created);
    field(ItemField::Source, old.source != new.source);
    field(ItemField::Session, old.session != new.session);
}

fn diff_session(id: ItemId, old: Option<&Session>, new: Option<&Session>, changes: &mut Vec<Change>) {
    let notes = |s: Option<&Session>| -> BTreeMap<ItemId, SessionNote> {
        s.map(|s| s.notes.iter().map(|n| (n.id, n.clone())).collect())
            .unwrap_or_default()
    };
    let entity = Entity::Session(id);
    match (old, new) {
        (None, Some(_)) => changes.push(Change::Born(entity, Field::Session(id, SessionField::Born))),
        (Some(old), None) => changes.push(Change::Removed(entity, Buried::Session(old.clone()))),
        (Some(old), Some(new)) => {
            let mut field = |f: SessionField, changed: bool| {
                if changed {
                    changes.push(Change::Field(Field::Session(id, f)));
                }
            };
            field(SessionField::Started, old.started != new.started);
            field(SessionField::Ended, old.ended != new.ended);
            field(SessionField::Agenda, old.agenda != new.agenda);
            field(SessionField::Summary, old.summary != new.summary);
        }
        (None, None) => {}
    }
    let (old_notes, new_notes) = (notes(old), notes(new));
    let mut ids: Vec<ItemId> = old_notes.keys().chain(new_notes.keys()).copied().collect();
    ids.sort_unstable();
    ids.dedup();
    for note in ids {
        let entity = Entity::Note(note);
        match (old_notes.get(&note), new_notes.get(&note)) {
            (None, Some(_)) => changes.push(Change::Born(entity, Field::Note(note, NoteField::Born))),
            // Also when its session goes: the graveyard keeps sessions
            // without their notes, and each note on its own.
            (Some(old), None) => changes.push(Change::Removed(entity, Buried::Note(id, old.clone()))),
            (Some(a), Some(b)) => {
                let mut field = |f: NoteField, changed: bool| {
                    if changed {
                        changes.push(Change::Field(Field::Note(note, f)));
                    }
                };
                field(NoteField::At, a.at != b.at);
                field(NoteField::Text, a.text != b.text);
                field(NoteField::MentorOnly, a.mentor_only != b.mentor_only);
            }
            (None, None) => {}
        }
    }
}

/// The number of each replica's range a copy on `replica` should hand out
/// next: past every number of that range the plan holds or has deleted.
pub fn next_number(plan: &Plan, replica: Replica) -> u64 {
    let mut highest: HashMap<Replica, u64> = HashMap::new();
    let mut see = |id: ItemId| {
        let slot = highest.entry(id.replica()).or_default();
        *slot = (*slot).max(id.0);
    };
    plan.checklist.iter().for_each(|i| see(i.id));
    plan.milestones.iter().for_each(|m| see(m.id));
    plan.snapshots.iter().for_each(|s| see(s.id));
    for s in &plan.sessions {
        see(s.id);
        s.notes.iter().for_each(|n| see(n.id));
    }
    for entity in plan.sync.removed.keys() {
        match entity {
            Entity::Skill(_) => {}
            Entity::Item(id)
            | Entity::Milestone(id)
            | Entity::Session(id)
            | Entity::Note(id)
            | Entity::Snapshot(id) => see(*id),
        }
    }
    let first = ItemId::of(replica, 1).0;
    let past = highest.get(&replica).map_or(first, |h| h + 1).max(first);
    if plan.next_id.max(1) / super::NUMBERS_PER_REPLICA == u64::from(replica.0) {
        past.max(plan.next_id)
    } else {
        past
    }
}
