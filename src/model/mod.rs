//! The data: frameworks, plans, and the commands that change plans.
//!
//! **Invariant:** this module knows nothing of the UI or of files. It is plain
//! data with serde derives and pure functions, so every other layer can use it.

mod check;
pub mod command;
pub mod document;
pub mod framework;
pub mod ids;
pub mod level;
pub mod plan;
mod shared_text;
pub(crate) mod snapshot_file;

pub use check::PlanIssue;
pub use command::{Command, CommandError};
pub use document::Document;
pub use framework::{
    ActionTemplate, Allocation, Framework, FrameworkIssue, MoveKind, RoleDef, SkillDef, Source, Transition,
};
pub use ids::{ActionId, ItemId, RoleId, SkillId};
pub use level::{Level, LevelBand};
pub use plan::{
    ChecklistItem, CustomSkill, Milestone, PLAN_FORMAT, Person, Plan, Session, SessionNote, SkillEntry,
    SkillRef, Snapshot, SnapshotItem, SnapshotItems, SnapshotSkill, Status,
};
pub use shared_text::SharedText;

/// The id of the framework built into Trailmap.
pub const BUILTIN_FRAMEWORK_ID: &str = "trailmap-leadership";
