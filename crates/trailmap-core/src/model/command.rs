//! Every change to a plan is a [`Command`]. [`Command::apply`] is the one place
//! that changes a plan; it returns the command that undoes the change, so undo
//! and redo are exact.

use jiff::civil::Date;
use thiserror::Error;

use super::ids::{ItemId, RoleId, SkillId};
use super::plan::{ChecklistItem, CustomSkill, Milestone, Plan, SkillEntry, Snapshot};
use super::session::Session;
use super::sync::{Clock, Field, Version, merge};

/// One change to a plan.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Sets the person's name.
    SetName(String),
    /// Sets the mentor's name.
    SetMentor(String),
    /// Sets the role the person holds now.
    SetCurrentRole(RoleId),
    /// Sets the role the person is working toward.
    SetTargetRole(RoleId),
    /// Sets or clears the target date.
    SetTargetDate(Option<Date>),
    /// Replaces the ratings and notes of one skill. An empty entry removes it.
    SetSkillEntry {
        /// The skill.
        skill: SkillId,
        /// The new entry.
        entry: SkillEntry,
    },
    /// Adds a custom skill at `index`, with an entry if one is given.
    InsertCustomSkill {
        /// Where in the list of custom skills.
        index: usize,
        /// The skill.
        skill: CustomSkill,
        /// Its ratings and notes, if it had any (used by undo).
        entry: Option<SkillEntry>,
    },
    /// Removes a custom skill and its ratings.
    RemoveCustomSkill(SkillId),
    /// Replaces a custom skill (name, description, needs) with the same id.
    UpdateCustomSkill(CustomSkill),
    /// Inserts checklist items; each pair is the index it will have afterwards,
    /// in increasing order.
    InsertItems(Vec<(usize, ChecklistItem)>),
    /// Removes checklist items.
    RemoveItems(Vec<ItemId>),
    /// Replaces the checklist item with the same id.
    UpdateItem(ChecklistItem),
    /// Moves a checklist item to a new index.
    MoveItem {
        /// The item.
        id: ItemId,
        /// Its index afterwards.
        to: usize,
    },
    /// Replaces the private notes.
    SetPrivateNotes(String),
    /// Adds a milestone at `index`.
    InsertMilestone {
        /// Where in the list.
        index: usize,
        /// The milestone.
        milestone: Milestone,
    },
    /// Removes a milestone.
    RemoveMilestone(ItemId),
    /// Replaces the milestone with the same id.
    UpdateMilestone(Milestone),
    /// Adds a session at `index`.
    InsertSession {
        /// Where in the list.
        index: usize,
        /// The session.
        session: Session,
    },
    /// Removes a session.
    RemoveSession(ItemId),
    /// Replaces the session with the same id.
    UpdateSession(Session),
    /// Adds a snapshot at `index`.
    InsertSnapshot {
        /// Where in the list.
        index: usize,
        /// The snapshot.
        snapshot: Snapshot,
    },
    /// Removes a snapshot.
    RemoveSnapshot(ItemId),
    /// Replaces the mentor's own notes on the mentee.
    SetMentorNotes(String),
    /// Settles a text both copies changed apart: the field becomes `text`
    /// and its other versions go (their clocks folded into the field's, so
    /// the settled text has seen them). With `restore` (undo), the versions
    /// and the field's clock `stamp` come back as they were instead.
    SettleConflict {
        /// The text field.
        field: Field,
        /// Its text afterwards.
        text: String,
        /// The versions waiting afterwards: none to settle.
        restore: Vec<Version>,
        /// With `restore`: the field's clock as it was before settling.
        stamp: Option<Clock>,
    },
    /// Replaces the whole plan (a merge, as one undoable step).
    ReplacePlan(Box<Plan>),
    /// Several changes as one step; applied in order, undone in reverse.
    Batch(Vec<Command>),
}

/// Why a command could not be applied. The plan is unchanged when this is returned.
#[derive(Clone, Debug, Error, PartialEq, Eq)]
pub enum CommandError {
    /// The command names something the plan does not have.
    #[error("the plan has no {what} {id}")]
    Missing {
        /// What kind of thing.
        what: &'static str,
        /// Its id.
        id: String,
    },
    /// The command would add something whose id the plan already uses.
    #[error("the plan already has a {what} {id}")]
    Duplicate {
        /// What kind of thing.
        what: &'static str,
        /// Its id.
        id: String,
    },
    /// A text would be longer than its limit.
    #[error("{place} would hold {message}")]
    TooLong {
        /// Which text.
        place: String,
        /// How long, and the limit.
        message: String,
    },
    /// The plan already holds as many as a limit allows.
    #[error("a plan can have at most {limit} {what}")]
    Limit {
        /// Of what.
        what: &'static str,
        /// The limit.
        limit: u64,
    },
    /// An index past the end of a list.
    #[error("position {index} is past the end of the {what} (length {len})")]
    OutOfRange {
        /// Which list.
        what: &'static str,
        /// The index asked for.
        index: usize,
        /// The list's length.
        len: usize,
    },
}

fn missing(what: &'static str, id: impl ToString) -> CommandError {
    CommandError::Missing {
        what,
        id: id.to_string(),
    }
}

fn check_index(what: &'static str, index: usize, len: usize) -> Result<(), CommandError> {
    if index > len {
        return Err(CommandError::OutOfRange { what, index, len });
    }
    Ok(())
}

/// Inserts `value` at `index` and returns the inverse built by `inverse`.
fn insert_at<T>(list: &mut Vec<T>, what: &'static str, index: usize, value: T) -> Result<(), CommandError> {
    check_index(what, index, list.len())?;
    list.insert(index, value);
    Ok(())
}

/// Replaces the element whose key matches and returns the old one.
fn replace_by<T>(
    list: &mut [T],
    what: &'static str,
    id: ItemId,
    key: impl Fn(&T) -> ItemId,
    value: T,
) -> Result<T, CommandError> {
    let slot = list
        .iter_mut()
        .find(|x| key(x) == id)
        .ok_or_else(|| missing(what, id))?;
    Ok(std::mem::replace(slot, value))
}

/// Removes the element whose key matches and returns its index and value.
fn remove_by<T>(
    list: &mut Vec<T>,
    what: &'static str,
    id: ItemId,
    key: impl Fn(&T) -> ItemId,
) -> Result<(usize, T), CommandError> {
    let index = list
        .iter()
        .position(|x| key(x) == id)
        .ok_or_else(|| missing(what, id))?;
    Ok((index, list.remove(index)))
}

/// Adds a skill of the plan's own, with its rating if it comes with one.
fn insert_custom_skill(
    plan: &mut Plan,
    index: usize,
    skill: CustomSkill,
    entry: Option<SkillEntry>,
) -> Result<Command, CommandError> {
    if plan.custom_skills.len() >= super::limits::MAX_CUSTOM_SKILLS {
        return Err(CommandError::Limit {
            what: "skills of its own",
            limit: super::limits::MAX_CUSTOM_SKILLS as u64,
        });
    }
    if plan.custom_skills.iter().any(|c| c.id == skill.id) {
        return Err(CommandError::Duplicate {
            what: "custom skill",
            id: skill.id.to_string(),
        });
    }
    let id = skill.id.clone();
    insert_at(&mut plan.custom_skills, "custom skills", index, skill)?;
    // Whatever the skill id held before goes back on undo.
    let previous = match entry {
        Some(entry) if !entry.is_empty() => plan.skills.insert(id.clone(), entry),
        _ => plan.skills.remove(&id),
    };
    Ok(match previous {
        Some(previous) => Command::Batch(vec![
            Command::RemoveCustomSkill(id.clone()),
            Command::SetSkillEntry {
                skill: id,
                entry: previous,
            },
        ]),
        None => Command::RemoveCustomSkill(id),
    })
}

/// Inserts checklist items at their final positions (in increasing order).
fn insert_items(plan: &mut Plan, items: Vec<(usize, ChecklistItem)>) -> Result<Command, CommandError> {
    let mut seen = std::collections::BTreeSet::new();
    for (_, item) in &items {
        if plan.item(item.id).is_some() || !seen.insert(item.id) {
            return Err(CommandError::Duplicate {
                what: "checklist item",
                id: item.id.to_string(),
            });
        }
    }
    // Indexes are final positions in increasing order, so each is valid once
    // the ones before it are in.
    for (len, (index, _)) in (plan.checklist.len()..).zip(&items) {
        check_index("checklist", *index, len)?;
    }
    let ids = items.iter().map(|(_, item)| item.id).collect();
    for (index, item) in items {
        plan.checklist.insert(index, item);
    }
    Ok(Command::RemoveItems(ids))
}

/// Removes checklist items, keeping where each stood for undo.
fn remove_items(plan: &mut Plan, ids: &[ItemId]) -> Result<Command, CommandError> {
    for id in ids {
        plan.item(*id).ok_or_else(|| missing("checklist item", id))?;
    }
    let mut removed = Vec::with_capacity(ids.len());
    let mut kept = Vec::with_capacity(plan.checklist.len());
    for (index, item) in std::mem::take(&mut plan.checklist).into_iter().enumerate() {
        if ids.contains(&item.id) {
            removed.push((index, item));
        } else {
            kept.push(item);
        }
    }
    plan.checklist = kept;
    Ok(Command::InsertItems(removed))
}

/// Moves a checklist item to position `to`.
fn move_item(plan: &mut Plan, id: ItemId, to: usize) -> Result<Command, CommandError> {
    let from = plan.item_index(id).ok_or_else(|| missing("checklist item", id))?;
    if to >= plan.checklist.len() {
        return Err(CommandError::OutOfRange {
            what: "checklist",
            index: to,
            len: plan.checklist.len(),
        });
    }
    let item = plan.checklist.remove(from);
    plan.checklist.insert(to, item);
    Ok(Command::MoveItem { id, to: from })
}

/// Applies commands in order: all of them, or (on an error) none.
fn apply_batch(plan: &mut Plan, commands: Vec<Command>) -> Result<Command, CommandError> {
    let mut inverses = Vec::with_capacity(commands.len());
    for command in commands {
        match command.apply(plan) {
            Ok(inverse) => inverses.push(inverse),
            Err(err) => {
                // Roll back what was applied so the plan is unchanged.
                for inverse in inverses.into_iter().rev() {
                    // An inverse of a command that just applied always applies.
                    let _ = inverse.apply(plan);
                }
                return Err(err);
            }
        }
    }
    inverses.reverse();
    Ok(Command::Batch(inverses))
}

/// Sets a conflicted text and its waiting versions. The versions it takes
/// away are folded into the field's clock, so the settled text counts as
/// having seen them when the copies meet again.
fn settle_conflict(
    plan: &mut Plan,
    field: Field,
    text: String,
    restore: Vec<Version>,
    stamp: Option<Clock>,
) -> Result<Command, CommandError> {
    let slot = merge::text_mut(plan, &field).ok_or_else(|| missing("text field", &field))?;
    let old_text = std::mem::replace(slot, text);
    let old_stamp = plan.sync.stamps.get(&field).cloned();
    let old = if restore.is_empty() {
        let old = plan.sync.conflicts.remove(&field).unwrap_or_default();
        let mut clock = plan.sync.stamp(&field);
        for v in &old {
            clock = clock.join(&v.clock);
        }
        if !clock.is_bottom() {
            plan.sync.stamps.insert(field.clone(), clock);
        }
        old
    } else {
        match stamp {
            Some(clock) => plan.sync.stamps.insert(field.clone(), clock),
            None => plan.sync.stamps.remove(&field),
        };
        plan.sync
            .conflicts
            .insert(field.clone(), restore)
            .unwrap_or_default()
    };
    Ok(Command::SettleConflict {
        field,
        text: old_text,
        restore: old,
        stamp: old_stamp,
    })
}

/// Inserts `value` at `index` unless an element with its key is there.
/// `what` names one element, `list_name` the list.
fn insert_unique<T>(
    list: &mut Vec<T>,
    (what, list_name): (&'static str, &'static str),
    index: usize,
    value: T,
    key: impl Fn(&T) -> ItemId,
) -> Result<(), CommandError> {
    let id = key(&value);
    if list.iter().any(|x| key(x) == id) {
        return Err(CommandError::Duplicate {
            what,
            id: id.to_string(),
        });
    }
    insert_at(list, list_name, index, value)
}

impl Command {
    /// Applies the command to `plan` and returns the command that undoes it.
    /// On error the plan is left as it was.
    pub fn apply(self, plan: &mut Plan) -> Result<Command, CommandError> {
        Ok(match self {
            Self::SetName(_)
            | Self::SetMentor(_)
            | Self::SetCurrentRole(_)
            | Self::SetTargetRole(_)
            | Self::SetTargetDate(_)
            | Self::SetPrivateNotes(_)
            | Self::SetMentorNotes(_)
            | Self::SettleConflict { .. }
            | Self::ReplacePlan(_) => self.apply_to_plan_fields(plan)?,
            Self::SetSkillEntry { skill, entry } => {
                let old = if entry.is_empty() {
                    plan.skills.remove(&skill)
                } else {
                    plan.skills.insert(skill.clone(), entry)
                };
                Self::SetSkillEntry {
                    skill,
                    entry: old.unwrap_or_default(),
                }
            }
            Self::InsertCustomSkill { index, skill, entry } => {
                insert_custom_skill(plan, index, skill, entry)?
            }
            Self::RemoveCustomSkill(id) => {
                let index = plan
                    .custom_skills
                    .iter()
                    .position(|c| c.id == id)
                    .ok_or_else(|| missing("custom skill", &id))?;
                let skill = plan.custom_skills.remove(index);
                let entry = plan.skills.remove(&id);
                Self::InsertCustomSkill { index, skill, entry }
            }
            Self::UpdateCustomSkill(skill) => {
                let slot = plan
                    .custom_skills
                    .iter_mut()
                    .find(|c| c.id == skill.id)
                    .ok_or_else(|| missing("custom skill", &skill.id))?;
                Self::UpdateCustomSkill(std::mem::replace(slot, skill))
            }
            Self::InsertItems(items) => insert_items(plan, items)?,
            Self::RemoveItems(ids) => remove_items(plan, &ids)?,
            Self::UpdateItem(item) => {
                let id = item.id;
                Self::UpdateItem(replace_by(
                    &mut plan.checklist,
                    "checklist item",
                    id,
                    |i| i.id,
                    item,
                )?)
            }
            Self::MoveItem { id, to } => move_item(plan, id, to)?,
            Self::InsertMilestone { index, milestone } => {
                let id = milestone.id;
                insert_unique(
                    &mut plan.milestones,
                    ("milestone", "milestones"),
                    index,
                    milestone,
                    |m| m.id,
                )?;
                Self::RemoveMilestone(id)
            }
            Self::RemoveMilestone(id) => {
                let (index, milestone) = remove_by(&mut plan.milestones, "milestone", id, |m| m.id)?;
                Self::InsertMilestone { index, milestone }
            }
            Self::UpdateMilestone(milestone) => {
                let id = milestone.id;
                Self::UpdateMilestone(replace_by(
                    &mut plan.milestones,
                    "milestone",
                    id,
                    |m| m.id,
                    milestone,
                )?)
            }
            Self::InsertSession { index, session } => {
                let id = session.id;
                insert_unique(&mut plan.sessions, ("session", "sessions"), index, session, |s| {
                    s.id
                })?;
                Self::RemoveSession(id)
            }
            Self::RemoveSession(id) => {
                let (index, session) = remove_by(&mut plan.sessions, "session", id, |s| s.id)?;
                Self::InsertSession { index, session }
            }
            Self::UpdateSession(session) => {
                let id = session.id;
                Self::UpdateSession(replace_by(&mut plan.sessions, "session", id, |s| s.id, session)?)
            }
            Self::InsertSnapshot { index, snapshot } => {
                let id = snapshot.id;
                insert_unique(
                    &mut plan.snapshots,
                    ("snapshot", "snapshots"),
                    index,
                    snapshot,
                    |s| s.id,
                )?;
                Self::RemoveSnapshot(id)
            }
            Self::RemoveSnapshot(id) => {
                let (index, snapshot) = remove_by(&mut plan.snapshots, "snapshot", id, |s| s.id)?;
                Self::InsertSnapshot { index, snapshot }
            }
            Self::Batch(commands) => apply_batch(plan, commands)?,
        })
    }

    /// [`Command::apply`] for the commands that change the plan's own
    /// fields, settle a conflict or replace the whole plan.
    fn apply_to_plan_fields(self, plan: &mut Plan) -> Result<Command, CommandError> {
        let swap = |slot: &mut String, text: String| std::mem::replace(slot, text);
        Ok(match self {
            Self::SetName(name) => Self::SetName(swap(&mut plan.person.name, name)),
            Self::SetMentor(name) => Self::SetMentor(swap(&mut plan.person.mentor, name)),
            Self::SetCurrentRole(role) => {
                Self::SetCurrentRole(std::mem::replace(&mut plan.current_role, role))
            }
            Self::SetTargetRole(role) => Self::SetTargetRole(std::mem::replace(&mut plan.target_role, role)),
            Self::SetTargetDate(date) => Self::SetTargetDate(std::mem::replace(&mut plan.target_date, date)),
            Self::SetPrivateNotes(text) => Self::SetPrivateNotes(swap(&mut plan.private_notes, text)),
            Self::SetMentorNotes(text) => Self::SetMentorNotes(swap(&mut plan.mentor_notes, text)),
            Self::SettleConflict {
                field,
                text,
                restore,
                stamp,
            } => settle_conflict(plan, field, text, restore, stamp)?,
            Self::ReplacePlan(new) => Self::ReplacePlan(Box::new(std::mem::replace(plan, *new))),
            other => other.apply(plan)?,
        })
    }

    /// Whether this command puts a snapshot into the plan (only then can a
    /// snapshot's texts change).
    pub fn inserts_snapshot(&self) -> bool {
        match self {
            Self::InsertSnapshot { .. } => true,
            Self::Batch(commands) => commands.iter().any(Self::inserts_snapshot),
            _ => false,
        }
    }

    /// The largest item number this command adds to a plan, if it adds any.
    pub fn max_new_id(&self) -> Option<ItemId> {
        match self {
            Self::InsertItems(items) => items.iter().map(|(_, i)| i.id).max(),
            Self::InsertMilestone { milestone, .. } => Some(milestone.id),
            Self::InsertSession { session, .. } => {
                session.notes.iter().map(|n| n.id).chain([session.id]).max()
            }
            Self::UpdateSession(session) => session.notes.iter().map(|n| n.id).chain([session.id]).max(),
            Self::InsertSnapshot { snapshot, .. } => Some(snapshot.id),
            Self::Batch(commands) => commands.iter().filter_map(Self::max_new_id).max(),
            _ => None,
        }
    }
}
