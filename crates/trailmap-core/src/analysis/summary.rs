//! A plan's summary: what `trailmap summary` prints and reports start from.

use jiff::civil::Date;
use serde::Serialize;

use super::gaps::{Rater, SkillGap, ranking, role_readiness};
use super::progress::ActionCounts;
use super::route::route_steps;
use crate::model::{Framework, Level, Plan, RoleId, SkillId};

/// One skill's ratings.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SkillSummary {
    /// Id.
    pub id: SkillId,
    /// Name.
    pub name: String,
    /// Whether the plan added it.
    pub custom: bool,
    /// The self rating.
    pub self_rating: Option<Level>,
    /// The mentor rating.
    pub mentor_rating: Option<Level>,
}

/// Readiness for one target role.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RoleSummary {
    /// Id.
    pub id: RoleId,
    /// Name.
    pub name: String,
    /// Readiness from the self ratings, 0 to 100.
    pub readiness: u8,
    /// Readiness from the mentor's ratings, if the mentor rated every skill the
    /// role needs.
    pub mentor_readiness: Option<u8>,
    /// Gaps per skill.
    pub gaps: Vec<SkillGap>,
}

/// One role on the route.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RouteSummary {
    /// Id.
    pub id: RoleId,
    /// Name.
    pub name: String,
    /// Readiness, 0 to 100.
    pub readiness: u8,
}

/// Everything `trailmap summary` reports.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Summary {
    /// The person.
    pub person: String,
    /// Their mentor.
    pub mentor: String,
    /// The framework id.
    pub framework: String,
    /// The current role.
    pub current_role: RoleId,
    /// The target role.
    pub target_role: RoleId,
    /// The target date, if any.
    pub target_date: Option<Date>,
    /// Ratings per skill.
    pub skills: Vec<SkillSummary>,
    /// Every target role in framework order.
    pub roles: Vec<RoleSummary>,
    /// Target role ids, most ready first.
    pub ranking: Vec<RoleId>,
    /// The route from the current role to the target (empty if none).
    pub route: Vec<RouteSummary>,
    /// Checklist counts.
    pub actions: ActionCounts,
}

/// Builds the summary of `plan` as of `today`.
pub fn summarize(plan: &Plan, framework: &Framework, today: Date) -> Summary {
    let skills = plan
        .all_skills(framework)
        .map(|s| SkillSummary {
            id: s.id().clone(),
            name: s.name().to_owned(),
            custom: s.is_custom(),
            self_rating: plan.self_rating(s.id()),
            mentor_rating: plan.mentor_rating(s.id()),
        })
        .collect();
    let roles = framework
        .targets()
        .map(|role| {
            let own = role_readiness(plan, framework, &role.id, Rater::Own);
            let mentor = role_readiness(plan, framework, &role.id, Rater::Mentor);
            let mentor_complete = mentor
                .gaps
                .iter()
                .all(|g| g.required.is_none() || g.rating.is_some());
            RoleSummary {
                id: role.id.clone(),
                name: role.name.clone(),
                readiness: own.readiness,
                mentor_readiness: mentor_complete.then_some(mentor.readiness),
                gaps: own.gaps,
            }
        })
        .collect();
    Summary {
        person: plan.person.name.clone(),
        mentor: plan.person.mentor.clone(),
        framework: plan.framework.id.clone(),
        current_role: plan.current_role.clone(),
        target_role: plan.target_role.clone(),
        target_date: plan.target_date,
        skills,
        roles,
        ranking: ranking(plan, framework, Rater::Own)
            .into_iter()
            .map(|r| r.role)
            .collect(),
        route: route_steps(plan, framework, Rater::Own)
            .into_iter()
            .map(|s| RouteSummary {
                name: framework.role_name(&s.readiness.role).to_owned(),
                id: s.readiness.role,
                readiness: s.readiness.readiness,
            })
            .collect(),
        actions: ActionCounts::of(&plan.checklist, today),
    }
}
