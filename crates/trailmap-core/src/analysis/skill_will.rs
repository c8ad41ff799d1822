//! The Skill-Will matrix: for each skill, how able and how motivated the
//! person is, and the coaching approach that fits.

use serde::Serialize;

use crate::model::{Framework, Level, Plan, SkillId};

/// A level of 3 or more counts as high.
pub const HIGH: u8 = 3;

/// The four quadrants and the coaching approach for each.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Quadrant {
    /// Low skill, low will: direct.
    Direct,
    /// Low skill, high will: guide.
    Guide,
    /// High skill, low will: excite.
    Excite,
    /// High skill, high will: delegate.
    Delegate,
}

impl Quadrant {
    /// The quadrant for a skill level and a will level.
    pub fn of(skill: Level, will: Level) -> Self {
        match (skill.get() >= HIGH, will.get() >= HIGH) {
            (false, false) => Self::Direct,
            (false, true) => Self::Guide,
            (true, false) => Self::Excite,
            (true, true) => Self::Delegate,
        }
    }

    /// The approach's name.
    pub fn name(self) -> &'static str {
        match self {
            Self::Direct => "Direct",
            Self::Guide => "Guide",
            Self::Excite => "Excite",
            Self::Delegate => "Delegate",
        }
    }

    /// What the mentor does in this quadrant, in a sentence.
    pub fn advice(self) -> &'static str {
        match self {
            Self::Direct => {
                "Low skill, low will: set clear, small tasks, say exactly what good looks like, and check in often."
            }
            Self::Guide => {
                "Low skill, high will: teach and explain, give room to practise, and answer questions quickly."
            }
            Self::Excite => {
                "High skill, low will: find out what drains the motivation, connect the work to what matters to them, and praise progress."
            }
            Self::Delegate => {
                "High skill, high will: hand over whole outcomes, agree the goal not the method, and stay out of the way."
            }
        }
    }
}

/// One skill placed on the matrix.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SkillWill {
    /// The skill.
    pub skill: SkillId,
    /// Its name.
    pub name: String,
    /// The skill level used: the mentor's rating if there is one, else the self rating.
    pub level: Level,
    /// The will level.
    pub will: Level,
    /// Where that puts it.
    pub quadrant: Quadrant,
}

/// Every skill that has both a level (mentor's or self rating) and a will.
pub fn skill_will(plan: &Plan, framework: &Framework) -> Vec<SkillWill> {
    plan.all_skills(framework)
        .filter_map(|s| {
            let entry = plan.skills.get(s.id())?;
            let level = entry.mentor_rating.or(entry.self_rating)?;
            let will = entry.will?;
            Some(SkillWill {
                skill: s.id().clone(),
                name: s.name().to_owned(),
                level,
                will,
                quadrant: Quadrant::of(level, will),
            })
        })
        .collect()
}
