//! Gaps and readiness: how far a plan's ratings are from what a role needs.

use serde::Serialize;

use crate::model::{Framework, Level, Plan, RoleId, SkillId};

/// Whose ratings to measure.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Rater {
    /// The person's own ratings.
    #[serde(rename = "self")]
    Own,
    /// The mentor's ratings.
    Mentor,
}

impl Rater {
    /// The rating this rater gave `skill` in `plan`.
    pub fn rating(self, plan: &Plan, skill: &SkillId) -> Option<Level> {
        match self {
            Self::Own => plan.self_rating(skill),
            Self::Mentor => plan.mentor_rating(skill),
        }
    }
}

/// How one skill compares with what a role needs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SkillGap {
    /// The skill.
    pub skill: SkillId,
    /// The rating, if given.
    pub rating: Option<Level>,
    /// The level the role needs, if it says.
    pub required: Option<Level>,
    /// How many levels short the rating is (0 when it meets the need or no
    /// need is given; an unrated skill is short by the whole required level).
    pub gap: u8,
}

/// The gap for every skill of the plan (framework skills, then custom ones)
/// toward `role`, using `rater`'s ratings.
pub fn gaps(plan: &Plan, framework: &Framework, role: &RoleId, rater: Rater) -> Vec<SkillGap> {
    plan.all_skills(framework)
        .map(|skill| {
            let id = skill.id();
            let rating = rater.rating(plan, id);
            let required = plan.required(framework, role, id);
            SkillGap {
                skill: id.clone(),
                rating,
                required,
                gap: gap(rating, required),
            }
        })
        .collect()
}

/// How many levels `rating` falls short of `required`.
pub fn gap(rating: Option<Level>, required: Option<Level>) -> u8 {
    let have = rating.map_or(0, Level::get);
    required.map_or(0, |need| need.get().saturating_sub(have))
}

/// Readiness for `role`, from 0 to 100:
///
/// `readiness = round(100 × Σ min(rating, required) / Σ required)`
///
/// summed over every skill for which the role gives a required level (custom
/// skills count when the plan gives a need for that role). An unrated skill
/// counts as 0. Ratings above the need earn nothing extra, so strength in one
/// skill cannot hide a gap in another. A role that requires nothing is 100.
/// Halves round up.
pub fn readiness(plan: &Plan, framework: &Framework, role: &RoleId, rater: Rater) -> u8 {
    readiness_of(&gaps(plan, framework, role, rater))
}

/// Readiness from gaps already computed (see [`readiness`] for the formula).
pub fn readiness_of(gaps: &[SkillGap]) -> u8 {
    let (met, needed) = gaps
        .iter()
        .fold((0u32, 0u32), |(met, needed), g| match g.required {
            Some(need) => {
                let have = g.rating.map_or(0, Level::get).min(need.get());
                (met + u32::from(have), needed + u32::from(need.get()))
            }
            None => (met, needed),
        });
    if needed == 0 {
        return 100;
    }
    let percent = (200 * met + needed) / (2 * needed);
    u8::try_from(percent).unwrap_or(100)
}

/// A target role and how ready the plan is for it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RoleReadiness {
    /// The role.
    pub role: RoleId,
    /// Readiness from 0 to 100.
    pub readiness: u8,
    /// The sum of the gaps over all skills.
    pub total_gap: u32,
    /// The gap per skill.
    pub gaps: Vec<SkillGap>,
}

/// Readiness for `role` with the gaps behind it.
pub fn role_readiness(plan: &Plan, framework: &Framework, role: &RoleId, rater: Rater) -> RoleReadiness {
    let gaps = gaps(plan, framework, role, rater);
    RoleReadiness {
        role: role.clone(),
        readiness: readiness_of(&gaps),
        total_gap: gaps.iter().map(|g| u32::from(g.gap)).sum(),
        gaps,
    }
}

/// The framework's target roles, most ready first. Ties go to the smaller total
/// gap, then to framework order.
pub fn ranking(plan: &Plan, framework: &Framework, rater: Rater) -> Vec<RoleReadiness> {
    let ranked: Vec<RoleReadiness> = framework
        .targets()
        .map(|role| role_readiness(plan, framework, &role.id, rater))
        .collect();
    ranked_by_readiness(ranked)
}

/// `roles` (in framework order) most ready first; ties go to the smaller
/// total gap, then keep framework order (the sort is stable).
pub fn ranked_by_readiness(mut roles: Vec<RoleReadiness>) -> Vec<RoleReadiness> {
    roles.sort_by(|a, b| b.readiness.cmp(&a.readiness).then(a.total_gap.cmp(&b.total_gap)));
    roles
}
