//! Pure functions over plans: gaps, readiness, routes, seeding, change over time.
//!
//! **Invariant:** nothing here draws, reads a clock or touches a file. "Today"
//! is always a parameter, so every result can be checked by hand.

mod diff;
mod gaps;
mod history;
mod progress;
mod route;
mod seed;
mod sessions;
mod skill_will;
mod summary;

pub use crate::model::{AgendaKind, AgendaPoint};
pub use diff::{ItemChange, RatingChange, SnapshotDiff, diff_snapshots};
pub use gaps::{
    Rater, RoleReadiness, SkillGap, gap, gaps, ranked_by_readiness, ranking, readiness, readiness_of,
    role_readiness,
};
pub use history::{History, HistoryPoint, PACE_WINDOW_DAYS, Projection, history, projection};
pub use progress::{ActionCounts, counts_for_skill};
pub use route::{RouteStep, route, route_steps};
pub use seed::{
    MAX_SEEDED_PER_SKILL, NextForGap, item_from_action, next_for_largest_gap, route_roles, seed_items,
    seeded_plan, suggestions,
};
pub use sessions::{
    AGENDA_GAPS, AGENDA_OPEN_ACTIONS, AGENDA_OVERDUE, AgendaEdit, add_note, agenda, agree_action,
    agree_action_due, agreed_in, default_comparison, edit_agenda, end_session, last_session_snapshot,
    since_last_session, start_session,
};
pub use skill_will::{HIGH, Quadrant, SkillWill, skill_will};
pub use summary::{RoleSummary, RouteSummary, SkillSummary, Summary, summarize};
