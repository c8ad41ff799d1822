//! An open plan with its undo and redo history. The app changes a plan only
//! through [`Document::apply`]; undo, redo, the unsaved marker and the
//! revision number that caches key on all follow from that one door.

use super::command::{Command, CommandError};
use super::ids::ItemId;
use super::plan::Plan;
use super::sync::{Replica, observe};

/// One step of history: the change and what undoes it.
#[derive(Clone, Debug)]
struct Step {
    forward: Command,
    inverse: Command,
    next_id_before: u64,
    next_id_after: u64,
    /// Typing into the same field merges into one step while the key matches.
    merge_key: Option<String>,
    /// A number unique to this step, used to know whether the plan is saved.
    serial: u64,
}

/// A plan being edited.
#[derive(Clone, Debug)]
pub struct Document {
    plan: Plan,
    undo: Vec<Step>,
    redo: Vec<Step>,
    /// The serial of the step on top of the undo stack when last saved
    /// (`base_serial` for an empty stack); `None` when no saved state is reachable.
    saved_serial: Option<u64>,
    /// The serial of the state at the bottom of the undo stack: 0 for the
    /// plan the document started with, else the last step forgotten.
    base_serial: u64,
    next_serial: u64,
    revision: u64,
    sealed: bool,
    /// The installation making the changes; their clocks and new item
    /// numbers are its own.
    replica: Replica,
    /// The time now, in milliseconds since 1970, as the app last said.
    now: u64,
}

impl Document {
    /// The most steps kept for undo; older ones are forgotten.
    pub const UNDO_LIMIT: usize = 1000;

    /// A document for a plan as it is on disk (not dirty).
    pub fn new(plan: Plan) -> Self {
        Self {
            plan,
            undo: Vec::new(),
            redo: Vec::new(),
            saved_serial: Some(0),
            base_serial: 0,
            next_serial: 1,
            revision: 0,
            sealed: true,
            replica: Replica(0),
            now: 0,
        }
    }

    /// Makes this installation the author of the changes to come, and hands
    /// out new item numbers in its range (see [`ItemId::of`]).
    pub fn set_replica(&mut self, replica: Replica) {
        self.replica = replica;
        self.plan.next_id = observe::next_number(&self.plan, replica);
    }

    /// The installation making the changes.
    pub fn replica(&self) -> Replica {
        self.replica
    }

    /// Tells the document the time, in milliseconds since 1970, for the
    /// clocks of the changes to come (the model reads no clock).
    pub fn set_now(&mut self, now_ms: u64) {
        self.now = now_ms;
    }

    /// A document for a plan that has never been saved (dirty from the start).
    pub fn new_unsaved(plan: Plan) -> Self {
        Self {
            saved_serial: None,
            ..Self::new(plan)
        }
    }

    /// The plan.
    pub fn plan(&self) -> &Plan {
        &self.plan
    }

    /// A number that changes whenever the plan changes, for caches.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// Whether the plan differs from what was last saved.
    pub fn is_dirty(&self) -> bool {
        self.saved_serial != Some(self.top_serial())
    }

    /// Records that the plan as it is now has been saved.
    pub fn mark_saved(&mut self) {
        self.saved_serial = Some(self.top_serial());
        self.sealed = true;
    }

    /// Records that the plan no longer matches any saved file (for example after
    /// restoring it from a recovery file).
    pub fn mark_unsaved(&mut self) {
        self.saved_serial = None;
    }

    fn top_serial(&self) -> u64 {
        self.undo.last().map_or(self.base_serial, |s| s.serial)
    }

    /// Applies `command` as a new undo step.
    pub fn apply(&mut self, command: Command) -> Result<(), CommandError> {
        self.apply_inner(command, None)
    }

    /// Applies a text edit. Consecutive edits with the same `key` (one text
    /// field) become one undo step until [`Document::seal`] is called or another
    /// command comes in between.
    pub fn apply_typing(&mut self, command: Command, key: &str) -> Result<(), CommandError> {
        self.apply_inner(command, Some(key.to_owned()))
    }

    /// Ends the current run of typing, so the next edit starts a new undo step.
    pub fn seal(&mut self) {
        self.sealed = true;
    }

    fn apply_inner(&mut self, command: Command, merge_key: Option<String>) -> Result<(), CommandError> {
        let next_id_before = self.plan.next_id;
        let new_id = command.max_new_id();
        // Checked before anything changes: the next number must stay within
        // the limit (so `id + 1` cannot overflow).
        // Nor may it leave this replica's range.
        let past_range = |id: ItemId| ItemId(id.0 + 1).replica() != id.replica();
        if new_id.is_some_and(|id| id.0 >= super::limits::MAX_ITEM_NUMBER - 1 || past_range(id)) {
            return Err(CommandError::Limit {
                what: "numbered items",
                limit: super::limits::MAX_ITEM_NUMBER - 1,
            });
        }
        let forward = command.clone();
        let snapshot_items = command.inserts_snapshot();
        let scopes = observe::scopes(&command);
        let before = observe::capture(&self.plan, &scopes);
        let inverse = command.apply(&mut self.plan)?;
        // A text past its limit would make a file that no longer loads:
        // the change is taken back and refused.
        if let Some(issue) = self.plan.text_limit_issue_in(snapshot_items) {
            let _ = inverse.apply(&mut self.plan);
            self.plan.next_id = next_id_before;
            return Err(CommandError::TooLong {
                place: issue.place,
                message: issue.message,
            });
        }
        // Numbers of another replica's range (a merged copy's) leave this
        // copy's next number alone.
        if let Some(id) = new_id
            && id.replica() == ItemId(self.plan.next_id).replica()
        {
            self.plan.next_id = self.plan.next_id.max(id.0 + 1);
        }
        observe::record(&mut self.plan, before, self.replica, self.now);
        let next_id_after = self.plan.next_id;
        self.revision += 1;
        self.redo.clear();

        let merges = !self.sealed
            && merge_key.is_some()
            && self
                .undo
                .last()
                .is_some_and(|top| top.merge_key == merge_key && self.saved_serial != Some(top.serial));
        if merges && let Some(top) = self.undo.last_mut() {
            top.forward = forward;
            top.next_id_after = next_id_after;
        } else {
            let serial = self.next_serial;
            self.next_serial += 1;
            self.undo.push(Step {
                forward,
                inverse,
                next_id_before,
                next_id_after,
                merge_key: merge_key.clone(),
                serial,
            });
            if self.undo.len() > Self::UNDO_LIMIT {
                // The state after the forgotten step is now the bottom of the stack.
                self.base_serial = self.undo.remove(0).serial;
            }
        }
        self.sealed = merge_key.is_none();
        Ok(())
    }

    /// Whether there is a step to undo.
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// Whether there is a step to redo.
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Undoes the last step. Returns false when there was nothing to undo.
    pub fn undo(&mut self) -> bool {
        let Some(step) = self.undo.pop() else {
            return false;
        };
        let scopes = observe::scopes(&step.inverse);
        let before = observe::capture(&self.plan, &scopes);
        if step.inverse.clone().apply(&mut self.plan).is_err() {
            // The history and the plan disagree; that is a bug, and the safest
            // answer is to drop the history rather than corrupt the plan.
            log::error!("undo failed; history cleared");
            self.undo.clear();
            self.redo.clear();
            return false;
        }
        self.plan.next_id = step.next_id_before;
        observe::record(&mut self.plan, before, self.replica, self.now);
        self.revision += 1;
        self.sealed = true;
        self.redo.push(step);
        true
    }

    /// Redoes the last undone step. Returns false when there was nothing to redo.
    pub fn redo(&mut self) -> bool {
        let Some(step) = self.redo.pop() else {
            return false;
        };
        let scopes = observe::scopes(&step.forward);
        let before = observe::capture(&self.plan, &scopes);
        if step.forward.clone().apply(&mut self.plan).is_err() {
            log::error!("redo failed; history cleared");
            self.undo.clear();
            self.redo.clear();
            return false;
        }
        self.plan.next_id = step.next_id_after;
        observe::record(&mut self.plan, before, self.replica, self.now);
        self.revision += 1;
        self.sealed = true;
        self.undo.push(step);
        true
    }
}
