//! What changed between two snapshots of a plan.

use serde::Serialize;

use super::gaps::Rater;
use crate::model::{ItemId, Level, RoleId, SkillId, Snapshot, Status};

/// A rating that moved.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RatingChange {
    /// The skill.
    pub skill: SkillId,
    /// Whose rating.
    pub rater: Rater,
    /// The rating before.
    pub before: Option<Level>,
    /// The rating after.
    pub after: Option<Level>,
}

impl RatingChange {
    /// Levels gained (negative when the rating went down; unrated counts as 0).
    pub fn delta(&self) -> i16 {
        i16::from(self.after.map_or(0, Level::get)) - i16::from(self.before.map_or(0, Level::get))
    }
}

/// A checklist item whose status changed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ItemChange {
    /// The item.
    pub id: ItemId,
    /// Its text (as of the later snapshot, or the earlier if it was removed).
    pub text: String,
    /// Its status before (`None` if it did not exist yet).
    pub before: Option<Status>,
    /// Its status after (`None` if it was removed).
    pub after: Option<Status>,
}

/// Everything that changed from one snapshot to another.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct SnapshotDiff {
    /// The target role before and after, if it changed.
    pub target: Option<(RoleId, RoleId)>,
    /// Ratings that moved, self ratings first, in skill order.
    pub ratings: Vec<RatingChange>,
    /// Skills whose evidence text changed.
    pub evidence: Vec<SkillId>,
    /// Items that appeared.
    pub added: Vec<ItemChange>,
    /// Items that became done.
    pub completed: Vec<ItemChange>,
    /// Items that became dropped.
    pub dropped: Vec<ItemChange>,
    /// Items that changed status in any other way (started, reopened).
    pub other: Vec<ItemChange>,
    /// Items that disappeared.
    pub removed: Vec<ItemChange>,
}

impl SnapshotDiff {
    /// Whether nothing changed.
    pub fn is_empty(&self) -> bool {
        self == &Self::default()
    }
}

/// What changed from `before` to `after`.
pub fn diff_snapshots(before: &Snapshot, after: &Snapshot) -> SnapshotDiff {
    let mut diff = SnapshotDiff::default();
    if before.target_role != after.target_role {
        diff.target = Some((before.target_role.clone(), after.target_role.clone()));
    }
    let mut skills: Vec<&SkillId> = before.skills.keys().chain(after.skills.keys()).collect();
    skills.sort();
    skills.dedup();
    for rater in [Rater::Own, Rater::Mentor] {
        for skill in &skills {
            let pick = |s: &Snapshot| {
                s.skills.get(*skill).and_then(|e| match rater {
                    Rater::Own => e.self_rating,
                    Rater::Mentor => e.mentor_rating,
                })
            };
            let (b, a) = (pick(before), pick(after));
            if b != a {
                diff.ratings.push(RatingChange {
                    skill: (*skill).clone(),
                    rater,
                    before: b,
                    after: a,
                });
            }
        }
    }
    for skill in &skills {
        let text = |s: &Snapshot| {
            s.skills
                .get(*skill)
                .map_or("", |e| e.evidence.as_str())
                .to_owned()
        };
        if text(before) != text(after) {
            diff.evidence.push((*skill).clone());
        }
    }
    for (id, item) in &after.items {
        let was = before.items.get(id).map(|i| i.status);
        let change = ItemChange {
            id: *id,
            text: item.text.to_string(),
            before: was,
            after: Some(item.status),
        };
        match (was, item.status) {
            (None, _) => diff.added.push(change),
            (Some(b), a) if b == a => {}
            (Some(_), Status::Done) => diff.completed.push(change),
            (Some(_), Status::Dropped) => diff.dropped.push(change),
            (Some(_), _) => diff.other.push(change),
        }
    }
    // Items added and finished between the two count as added and as done.
    let finished_new: Vec<ItemChange> = diff
        .added
        .iter()
        .filter(|c| matches!(c.after, Some(Status::Done | Status::Dropped)))
        .cloned()
        .collect();
    for change in finished_new {
        if change.after == Some(Status::Done) {
            diff.completed.push(change);
        } else {
            diff.dropped.push(change);
        }
    }
    for (id, item) in &before.items {
        if !after.items.contains_key(id) {
            diff.removed.push(ItemChange {
                id: *id,
                text: item.text.to_string(),
                before: Some(item.status),
                after: None,
            });
        }
    }
    diff
}
