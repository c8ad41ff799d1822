//! Mentor sessions: the agenda a session starts with, and the commands that
//! start a session, change its agenda, add a note, agree an action and end
//! it.

use jiff::civil::{Date, DateTime};

use super::diff::{SnapshotDiff, diff_snapshots};
use super::gaps::{Rater, role_readiness};
use crate::model::{
    AgendaKind, AgendaPoint, ChecklistItem, Command, Framework, ItemId, Level, Plan, Session, SessionNote,
    SkillId, Snapshot, Status,
};

/// How many open actions, gaps and changes an agenda lists at most.
pub const AGENDA_OPEN_ACTIONS: usize = 3;
/// How many of the largest gaps an agenda lists.
pub const AGENDA_GAPS: usize = 3;
/// How many overdue actions an agenda names one by one; the rest are counted
/// in one point (a session cannot go through hundreds of them).
pub const AGENDA_OVERDUE: usize = 5;

/// The snapshot the "since last session" comparison starts from: the one
/// taken when the last finished session ended, else the newest snapshot.
pub fn last_session_snapshot(plan: &Plan) -> Option<&Snapshot> {
    let by_session = plan.last_finished_session().and_then(|s| {
        plan.snapshots
            .iter()
            .rev()
            .find(|snap| snap.session == Some(s.id))
    });
    by_session.or_else(|| plan.snapshots.last())
}

/// The two ends "What changed" compares when the user has chosen none, as
/// snapshot ids (`None` at the end: now). What a user means by "what
/// changed": since the last session, when anything has; otherwise (right
/// after a session, or after a restart) what that session changed, from the
/// snapshot before it to its own. `None` when the plan has no snapshot.
pub fn default_comparison(plan: &Plan, today: Date) -> Option<(ItemId, Option<ItemId>)> {
    let last = last_session_snapshot(plan)?;
    if since_last_session(plan, today).is_some_and(|diff| !diff.is_empty()) {
        return Some((last.id, None));
    }
    let index = plan.snapshots.iter().position(|s| s.id == last.id)?;
    match index.checked_sub(1).and_then(|i| plan.snapshots.get(i)) {
        Some(before) => Some((before.id, Some(last.id))),
        None => Some((last.id, None)),
    }
}

/// What changed between the last session's snapshot and now (`None` when the
/// plan has no snapshot yet).
pub fn since_last_session(plan: &Plan, today: Date) -> Option<SnapshotDiff> {
    let base = last_session_snapshot(plan)?;
    let now = plan.take_snapshot(ItemId(0), today, "Now", None);
    Some(diff_snapshots(base, &now))
}

fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// The agenda for a session starting `today`, in this order:
///
/// 1. the overdue actions, oldest due date first: up to [`AGENDA_OVERDUE`] by
///    name, then one point counting the rest;
/// 2. up to three other open or in-progress actions, earliest due date first
///    (undated ones last, in checklist order);
/// 3. the three largest gaps toward the target role (self ratings; ties in
///    skill order);
/// 4. what changed since the last session's snapshot: one point per rating
///    that moved, then counts of actions added, done and dropped.
pub fn agenda(plan: &Plan, framework: &Framework, today: Date) -> Vec<AgendaPoint> {
    let mut items = Vec::new();
    let mut overdue: Vec<&ChecklistItem> = plan.checklist.iter().filter(|i| i.is_overdue(today)).collect();
    overdue.sort_by_key(|i| i.due);
    for item in overdue.iter().take(AGENDA_OVERDUE) {
        let due = item.due.map(crate::dates::human_date).unwrap_or_default();
        items.push(AgendaPoint {
            kind: AgendaKind::Overdue,
            text: format!("Overdue since {due}: {}", item.text),
            done: false,
        });
    }
    if let Some(more) = overdue.len().checked_sub(AGENDA_OVERDUE).filter(|n| *n > 0) {
        let actions = if more == 1 { "action" } else { "actions" };
        items.push(AgendaPoint {
            kind: AgendaKind::Overdue,
            text: format!("Overdue: {more} more {actions} (the checklist's Overdue filter lists them)"),
            done: false,
        });
    }
    let mut open: Vec<(usize, &ChecklistItem)> = plan
        .checklist
        .iter()
        .enumerate()
        .filter(|(_, i)| i.status.is_active() && !i.is_overdue(today))
        .collect();
    open.sort_by_key(|(index, i)| (i.due.is_none(), i.due, *index));
    for (_, item) in open.into_iter().take(AGENDA_OPEN_ACTIONS) {
        let state = if item.status == Status::InProgress {
            "In progress"
        } else {
            "Open"
        };
        let due = item
            .due
            .map(|d| format!(" (due {})", crate::dates::human_date(d)))
            .unwrap_or_default();
        items.push(AgendaPoint {
            kind: AgendaKind::Open,
            text: format!("{state}: {}{due}", item.text),
            done: false,
        });
    }
    let readiness = role_readiness(plan, framework, &plan.target_role, Rater::Own);
    let mut gaps: Vec<_> = readiness
        .gaps
        .iter()
        .enumerate()
        .filter(|(_, g)| g.gap > 0)
        .collect();
    gaps.sort_by_key(|(index, g)| (std::cmp::Reverse(g.gap), *index));
    for (_, g) in gaps.into_iter().take(AGENDA_GAPS) {
        let need = g.required.map_or(0, Level::get);
        let have = g
            .rating
            .map_or_else(|| "not rated".to_owned(), |l| format!("self-rated {l}"));
        items.push(AgendaPoint {
            kind: AgendaKind::Gap,
            text: format!(
                "Gap: {} (needs {need} for {}, {have})",
                plan.skill_name(framework, &g.skill),
                framework.role_name(&plan.target_role)
            ),
            done: false,
        });
    }
    if let Some(diff) = since_last_session(plan, today) {
        for change in &diff.ratings {
            let who = match change.rater {
                Rater::Own => "self",
                Rater::Mentor => "mentor",
            };
            let word = if change.delta() > 0 { "up" } else { "down" };
            let show = |l: Option<Level>| l.map_or_else(|| "unrated".to_owned(), |l| l.to_string());
            items.push(AgendaPoint {
                kind: AgendaKind::Change,
                text: format!(
                    "{} {who} rating {word}: {} to {}",
                    plan.skill_name(framework, &change.skill),
                    show(change.before),
                    show(change.after)
                ),
                done: false,
            });
        }
        let counts = [
            (diff.added.len(), "action added", "actions added"),
            (diff.completed.len(), "action done", "actions done"),
            (diff.dropped.len(), "action dropped", "actions dropped"),
        ];
        let parts: Vec<String> = counts
            .iter()
            .filter(|(n, _, _)| *n > 0)
            .map(|(n, one, many)| plural(*n, one, many))
            .collect();
        if !parts.is_empty() {
            items.push(AgendaPoint {
                kind: AgendaKind::Change,
                text: format!("Since last session: {}", parts.join(", ")),
                done: false,
            });
        }
    }
    items
}

/// The command that starts a session at `now` with its agenda.
pub fn start_session(plan: &Plan, framework: &Framework, now: DateTime) -> Command {
    Command::InsertSession {
        index: plan.sessions.len(),
        session: Session {
            id: ItemId(plan.next_id),
            started: now,
            ended: None,
            agenda: agenda(plan, framework, now.date()),
            notes: Vec::new(),
            summary: String::new(),
        },
    }
}

/// The command that adds a note at `now` to the running session.
pub fn add_note(plan: &Plan, text: &str, mentor_only: bool, now: DateTime) -> Option<Command> {
    let session = plan.open_session()?;
    let mut updated = session.clone();
    updated.notes.push(SessionNote {
        id: ItemId(plan.next_id),
        at: now,
        text: text.to_owned(),
        mentor_only,
    });
    Some(Command::UpdateSession(updated))
}

/// The command that adds an action agreed in the running session to the
/// checklist, linked to the session.
pub fn agree_action(plan: &Plan, text: &str, skill: Option<SkillId>, today: Date) -> Option<Command> {
    agree_action_due(plan, text, skill, None, today)
}

/// [`agree_action`] with a due date for the new checklist item.
pub fn agree_action_due(
    plan: &Plan,
    text: &str,
    skill: Option<SkillId>,
    due: Option<Date>,
    today: Date,
) -> Option<Command> {
    let session = plan.open_session()?;
    let item = ChecklistItem {
        skill,
        due,
        session: Some(session.id),
        ..ChecklistItem::new(ItemId(plan.next_id), text, today)
    };
    Some(Command::InsertItems(vec![(plan.checklist.len(), item)]))
}

/// A change to the running session's agenda.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AgendaEdit {
    /// Ticks the point at this position off as discussed, or takes the tick back.
    Discussed(usize, bool),
    /// Gives the point at this position a new text.
    Text(usize, String),
    /// Removes the point at this position.
    Remove(usize),
    /// Adds a point of the session's own (of kind `Other`) at the end.
    Add(String),
}

/// The command that makes `edit` to the running session's agenda; `None`
/// when no session runs, no point is at the position, or a point to add has
/// no text.
pub fn edit_agenda(plan: &Plan, edit: AgendaEdit) -> Option<Command> {
    let mut session = plan.open_session()?.clone();
    let agenda = &mut session.agenda;
    match edit {
        AgendaEdit::Discussed(index, done) => agenda.get_mut(index)?.done = done,
        AgendaEdit::Text(index, text) => agenda.get_mut(index)?.text = text,
        AgendaEdit::Remove(index) => {
            agenda.get(index)?;
            agenda.remove(index);
        }
        AgendaEdit::Add(text) => {
            let text = text.trim();
            if text.is_empty() {
                return None;
            }
            agenda.push(AgendaPoint {
                kind: AgendaKind::Other,
                text: text.to_owned(),
                done: false,
            });
        }
    }
    Some(Command::UpdateSession(session))
}

/// The command that ends the running session at `now` with `summary`, and
/// stores a dated snapshot of both ratings and the checklist, labelled
/// "Session N".
pub fn end_session(plan: &Plan, summary: &str, now: DateTime) -> Option<Command> {
    let session = plan.open_session()?;
    let number = plan.sessions.len();
    let mut ended = session.clone();
    ended.ended = Some(now);
    ended.summary = summary.to_owned();
    // A point whose text was cleared during the session says nothing.
    ended.agenda.retain(|p| !p.text.trim().is_empty());
    let snapshot = plan.take_snapshot(
        ItemId(plan.next_id),
        now.date(),
        format!("Session {number}"),
        Some(session.id),
    );
    Some(Command::Batch(vec![
        Command::UpdateSession(ended),
        Command::InsertSnapshot {
            index: plan.snapshots.len(),
            snapshot,
        },
    ]))
}

/// The checklist items agreed in session `id`.
pub fn agreed_in(plan: &Plan, id: ItemId) -> impl Iterator<Item = &ChecklistItem> {
    plan.checklist.iter().filter(move |i| i.session == Some(id))
}
