//! Checklist progress and counts.

use jiff::civil::Date;
use serde::Serialize;

use crate::model::{ChecklistItem, Plan, SkillId, Status};

/// How many checklist items stand where.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ActionCounts {
    /// Not started.
    pub open: usize,
    /// Under way.
    pub in_progress: usize,
    /// Finished.
    pub done: usize,
    /// Given up.
    pub dropped: usize,
    /// Open or in progress with a due date before today.
    pub overdue: usize,
}

impl ActionCounts {
    /// Counts `items` as of `today`.
    pub fn of<'a>(items: impl IntoIterator<Item = &'a ChecklistItem>, today: Date) -> Self {
        items
            .into_iter()
            .fold(Self::default(), |counts, item| counts.plus(item, today))
    }

    /// These counts with one more item.
    #[must_use]
    pub fn plus(mut self, item: &ChecklistItem, today: Date) -> Self {
        match item.status {
            Status::Open => self.open += 1,
            Status::InProgress => self.in_progress += 1,
            Status::Done => self.done += 1,
            Status::Dropped => self.dropped += 1,
        }
        if item.is_overdue(today) {
            self.overdue += 1;
        }
        self
    }

    /// Items that count toward progress: all but the dropped ones.
    pub fn counted(self) -> usize {
        self.open + self.in_progress + self.done
    }

    /// Done items as a share of counted ones, 0.0 to 1.0 (1.0 when none count).
    pub fn fraction_done(self) -> f32 {
        let counted = self.counted();
        if counted == 0 {
            1.0
        } else {
            self.done as f32 / counted as f32
        }
    }
}

/// Counts for one skill's items (`None` for items tied to no skill).
pub fn counts_for_skill(plan: &Plan, skill: Option<&SkillId>, today: Date) -> ActionCounts {
    ActionCounts::of(plan.checklist.iter().filter(|i| i.skill.as_ref() == skill), today)
}
