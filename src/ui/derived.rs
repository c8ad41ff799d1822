//! Data derived from a plan for the views, recomputed only when the document's
//! revision changes, not every frame.

use std::collections::BTreeMap;

use jiff::civil::Date;

use crate::analysis::{self, ActionCounts, Rater, RoleReadiness, RouteStep};
use crate::model::{Framework, Plan, RoleId, SkillId};

/// Derived data for one revision of a plan.
#[derive(Clone, Debug, Default)]
pub struct Derived {
    /// The document revision this was computed for (`None`: never computed).
    pub revision: Option<u64>,
    /// The date it was computed for (overdue counts depend on it).
    pub today: Option<Date>,
    /// Readiness and gaps for every target role (self ratings), framework order.
    pub targets: Vec<RoleReadiness>,
    /// The same for the mentor's ratings.
    pub mentor_targets: Vec<RoleReadiness>,
    /// Readiness and gaps for the plan's target role.
    pub target: Option<RoleReadiness>,
    /// Target roles, most ready first.
    pub ranking: Vec<RoleReadiness>,
    /// The route from the current role to the target.
    pub route: Vec<RouteStep>,
    /// Checklist counts.
    pub counts: ActionCounts,
    /// Checklist counts per skill (`None` for items tied to no skill).
    pub skill_counts: BTreeMap<Option<SkillId>, ActionCounts>,
}

impl Derived {
    /// Recomputes if `revision` or `today` differs from what this was computed for.
    pub fn refresh(&mut self, plan: &Plan, framework: &Framework, revision: u64, today: Date) {
        if self.revision == Some(revision) && self.today == Some(today) {
            return;
        }
        *self = Self::compute(plan, framework, today);
        self.revision = Some(revision);
    }

    /// Computes everything from scratch.
    pub fn compute(plan: &Plan, framework: &Framework, today: Date) -> Self {
        let targets: Vec<RoleReadiness> = framework
            .targets()
            .map(|r| analysis::role_readiness(plan, framework, &r.id, Rater::Own))
            .collect();
        let mentor_targets = framework
            .targets()
            .map(|r| analysis::role_readiness(plan, framework, &r.id, Rater::Mentor))
            .collect();
        let target = targets
            .iter()
            .find(|r| r.role == plan.target_role)
            .cloned()
            .or_else(|| {
                Some(analysis::role_readiness(
                    plan,
                    framework,
                    &plan.target_role,
                    Rater::Own,
                ))
            });
        let ranking = analysis::ranked_by_readiness(targets.clone());
        let mut skill_counts: BTreeMap<Option<SkillId>, ActionCounts> = BTreeMap::new();
        for item in &plan.checklist {
            let counts = skill_counts.entry(item.skill.clone()).or_default();
            *counts = counts.plus(item, today);
        }
        Self {
            revision: None,
            today: Some(today),
            targets,
            mentor_targets,
            target,
            ranking,
            route: analysis::route_steps(plan, framework, Rater::Own),
            counts: ActionCounts::of(&plan.checklist, today),
            skill_counts,
        }
    }

    /// Readiness for `role` from the self ratings, if it is a target role.
    pub fn readiness(&self, role: &RoleId) -> Option<u8> {
        self.targets.iter().find(|r| &r.role == role).map(|r| r.readiness)
    }
}
