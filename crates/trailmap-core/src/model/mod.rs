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
pub mod session;
mod shared_text;
mod snapshot_items;
pub mod sync;

pub use check::PlanIssue;
pub use command::{Command, CommandError};
pub use document::Document;
pub use framework::{
    ActionTemplate, Allocation, Framework, FrameworkIssue, MoveKind, RoleDef, SkillDef, Source, Transition,
};
pub use ids::{ActionId, ItemId, RoleId, SkillId, slug};
pub use level::{Level, LevelBand};
pub use plan::{
    ChecklistItem, CustomSkill, ItemMap, Milestone, PLAN_FORMAT, Person, Plan, SkillEntry, SkillRef,
    Snapshot, SnapshotItem, SnapshotItems, SnapshotSkill, Status,
};
pub use session::{AgendaKind, AgendaPoint, Session, SessionNote};
pub use shared_text::SharedText;
pub use sync::{Replica, Side};

/// Limits that keep every plan that validates quick to draw and safe to
/// edit; `Plan::check`, `Framework::validate` and the commands enforce them.
pub mod limits {
    /// At most this many skills of a plan's own. Career ladders name 4–12
    /// competencies; past a few dozen the radar and the cards stop being
    /// readable, and every view slows down with each one.
    pub const MAX_CUSTOM_SKILLS: usize = 24;
    /// At most this many skills in a framework, for the same reasons.
    pub const MAX_FRAMEWORK_SKILLS: usize = 24;
    /// Item numbers stay below this (2^53, exact in any JSON reader), so
    /// handing out the next one can never overflow.
    pub const MAX_ITEM_NUMBER: u64 = 1 << 53;
    /// A name or title (a person, a mentor, a skill, a milestone, a
    /// snapshot's label) holds at most this many bytes of UTF-8: a 12 MB
    /// name took the app 17 s and 3.7 GB to draw.
    pub const MAX_NAME_BYTES: usize = 1024;
    /// An action's text or an agenda point: at most this many bytes.
    pub const MAX_LINE_BYTES: usize = 8 * 1024;
    /// Notes, evidence, descriptions and summaries: at most this many bytes.
    pub const MAX_TEXT_BYTES: usize = 256 * 1024;
}

/// The id of the framework built into Trailmap.
pub const BUILTIN_FRAMEWORK_ID: &str = "trailmap-leadership";
