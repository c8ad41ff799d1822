//! A leadership framework: the skills and their levels, the roles and what they
//! need, the role graph, and the library of actions. Trailmap ships one
//! (`assets/framework.ron`); a company can write its own in the same format.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use serde::{Deserialize, Serialize};

use super::ids::{ActionId, RoleId, SkillId, is_valid_text_id};
use super::level::{Level, LevelBand};

/// The format version of framework files this build reads and writes.
pub const FRAMEWORK_FORMAT: u32 = 1;

/// A whole framework.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Framework {
    /// The format version of the file.
    pub format_version: u32,
    /// A stable id for the framework, recorded in every plan that uses it.
    pub id: String,
    /// A name to show.
    pub name: String,
    /// A short note on where the content comes from.
    #[serde(default)]
    pub about: String,
    /// The skills, in the order they are shown.
    pub skills: Vec<SkillDef>,
    /// The roles, in the order they are shown.
    pub roles: Vec<RoleDef>,
    /// The moves between roles.
    pub transitions: Vec<Transition>,
    /// The library of actions that checklists are seeded from.
    pub actions: Vec<ActionTemplate>,
}

/// One skill and what each of its five levels looks like.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SkillDef {
    /// Stable id.
    pub id: SkillId,
    /// Name to show.
    pub name: String,
    /// One sentence on what the skill is.
    pub summary: String,
    /// What a person does at each level, level 1 first. Exactly five.
    pub levels: Vec<String>,
}

impl SkillDef {
    /// The description of `level`, or an empty string if the list is short.
    pub fn level_text(&self, level: Level) -> &str {
        self.levels.get(level.index()).map_or("", String::as_str)
    }
}

/// Where a figure comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Source {
    /// Stated in the articles Trailmap is built on.
    Articles,
    /// Our estimate; the articles do not give it.
    Estimate,
}

impl Source {
    /// A short label for the UI and reports.
    pub fn label(self) -> &'static str {
        match self {
            Self::Articles => "from the articles",
            Self::Estimate => "estimate",
        }
    }
}

/// How a role spends its time across the three buckets, in percent.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Allocation {
    /// Strategy & Alignment.
    pub strategy: u8,
    /// People Management.
    pub people: u8,
    /// Building Software.
    pub building: u8,
}

impl Allocation {
    /// The names of the three buckets, in the order of [`Allocation::shares`].
    pub const BUCKETS: [&'static str; 3] = ["Strategy & Alignment", "People Management", "Building Software"];

    /// The three shares in the order of [`Allocation::BUCKETS`].
    pub fn shares(self) -> [u8; 3] {
        [self.strategy, self.people, self.building]
    }

    /// The sum of the three shares (100 in a valid framework).
    pub fn total(self) -> u32 {
        u32::from(self.strategy) + u32::from(self.people) + u32::from(self.building)
    }
}

/// One role.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RoleDef {
    /// Stable id.
    pub id: RoleId,
    /// Name to show.
    pub name: String,
    /// A few sentences on what the role does.
    pub summary: String,
    /// Whether this is one of the roles people aim for (shown in rankings).
    pub target: bool,
    /// The level the role needs in each skill.
    #[serde(deserialize_with = "super::plan::unique_keys")]
    pub requires: BTreeMap<SkillId, Level>,
    /// Where the required levels come from.
    pub requires_source: Source,
    /// How the role spends its time.
    pub allocation: Allocation,
    /// Where the allocation comes from.
    pub allocation_source: Source,
}

impl RoleDef {
    /// The level this role needs in `skill`, if the framework says.
    pub fn required(&self, skill: &SkillId) -> Option<Level> {
        self.requires.get(skill).copied()
    }
}

/// The kind of move between two roles.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum MoveKind {
    /// The usual next step up.
    Step,
    /// A move sideways to a role of similar scope.
    Lateral,
}

/// A move from one role to another.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Transition {
    /// Where the move starts.
    pub from: RoleId,
    /// Where it leads.
    pub to: RoleId,
    /// Step up or lateral.
    pub kind: MoveKind,
}

/// One action in the library.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ActionTemplate {
    /// Stable id; checklist items seeded from it remember it.
    pub id: ActionId,
    /// What to do, as a short imperative sentence.
    pub title: String,
    /// How to do it and what good looks like.
    pub detail: String,
    /// The skill the action builds.
    pub skill: SkillId,
    /// The role the action is most useful for, if it is specific to one.
    #[serde(default)]
    pub role: Option<RoleId>,
    /// The ratings the action suits, if it suits only some.
    #[serde(default)]
    pub levels: Option<LevelBand>,
}

/// One thing wrong with a framework, with the path to the offending item.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FrameworkIssue {
    /// Where, as a path such as `roles[2].requires`.
    pub place: String,
    /// What is wrong.
    pub message: String,
    /// A text to search for in the file to find the line, if there is one.
    pub needle: Option<String>,
}

impl fmt::Display for FrameworkIssue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.place, self.message)
    }
}

impl Framework {
    /// The skill with `id`.
    pub fn skill(&self, id: &SkillId) -> Option<&SkillDef> {
        self.skills.iter().find(|s| &s.id == id)
    }

    /// The role with `id`.
    pub fn role(&self, id: &RoleId) -> Option<&RoleDef> {
        self.roles.iter().find(|r| &r.id == id)
    }

    /// The action with `id`.
    pub fn action(&self, id: &ActionId) -> Option<&ActionTemplate> {
        self.actions.iter().find(|a| &a.id == id)
    }

    /// The name of role `id`, or the id itself if the framework lacks it.
    pub fn role_name<'a>(&'a self, id: &'a RoleId) -> &'a str {
        self.role(id).map_or(id.as_str(), |r| r.name.as_str())
    }

    /// The roles people aim for, in framework order.
    pub fn targets(&self) -> impl Iterator<Item = &RoleDef> {
        self.roles.iter().filter(|r| r.target)
    }

    /// Checks the framework and returns every problem found, in file order.
    /// An empty list means the framework is valid.
    pub fn validate(&self) -> Vec<FrameworkIssue> {
        let mut v = Validator {
            framework: self,
            skill_ids: BTreeSet::new(),
            role_ids: BTreeSet::new(),
            action_ids: BTreeSet::new(),
            issues: Vec::new(),
        };
        v.header();
        v.skills();
        v.roles();
        v.transitions();
        v.actions();
        v.issues
    }
}

/// One validation of a framework: the ids seen so far and the issues found.
struct Validator<'a> {
    /// The framework being checked.
    framework: &'a Framework,
    /// The skill ids seen so far.
    skill_ids: BTreeSet<&'a str>,
    /// The role ids seen so far.
    role_ids: BTreeSet<&'a str>,
    /// The action ids seen so far.
    action_ids: BTreeSet<&'a str>,
    /// What is wrong, in file order.
    issues: Vec<FrameworkIssue>,
}

/// `"id"`: the text to search for in the file to find an id's line.
fn quoted(id: &str) -> Option<String> {
    Some(format!("\"{id}\""))
}

impl<'a> Validator<'a> {
    fn push(&mut self, place: String, message: String, needle: Option<String>) {
        self.issues.push(FrameworkIssue {
            place,
            message,
            needle,
        });
    }

    /// Issues for an id of `kind` (skill, role, action) that is not valid or
    /// was seen before (`seen` is updated).
    fn id(&mut self, place: &str, kind: &str, id: &'a str, seen: fn(&mut Self) -> &mut BTreeSet<&'a str>) {
        if !is_valid_text_id(id) {
            let message = format!("`{id}` is not a valid id (lower-case letters, digits and dashes)");
            self.push(place.to_owned(), message, quoted(id));
        }
        if !seen(self).insert(id) {
            self.push(
                place.to_owned(),
                format!("duplicate {kind} id `{id}`"),
                quoted(id),
            );
        }
    }

    /// The format, the framework's own id, and what it must have at all.
    fn header(&mut self) {
        let f = self.framework;
        if f.format_version != FRAMEWORK_FORMAT {
            let message = format!(
                "this build reads framework format {FRAMEWORK_FORMAT}, the file says {}",
                f.format_version
            );
            self.push("format_version".into(), message, Some("format_version".into()));
        }
        if f.id.trim().is_empty() {
            self.push("id".into(), "the framework needs an id".into(), None);
        } else if !is_valid_text_id(&f.id) || f.id.len() > 64 {
            // The id names the installed file: `../x` would name a file
            // outside the frameworks folder.
            let message = format!(
                "`{}` is not a valid id: use up to 64 lower-case letters, digits and single dashes, e.g. acme-ladder",
                f.id
            );
            self.push("id".into(), message, quoted(&f.id));
        }
        if f.skills.is_empty() {
            self.push("skills".into(), "the framework has no skills".into(), None);
        }
        if f.skills.len() > super::limits::MAX_FRAMEWORK_SKILLS {
            let message = format!(
                "{} skills; a framework can have at most {}",
                f.skills.len(),
                super::limits::MAX_FRAMEWORK_SKILLS
            );
            self.push("skills".into(), message, None);
        }
        if !f.roles.iter().any(|r| r.target) {
            self.push("roles".into(), "no role is marked as a target".into(), None);
        }
    }

    /// Each skill's id, levels and name.
    fn skills(&mut self) {
        for (i, skill) in self.framework.skills.iter().enumerate() {
            let place = format!("skills[{i}] ({})", skill.id);
            self.id(&place, "skill", skill.id.as_str(), |v| &mut v.skill_ids);
            if skill.levels.len() != Level::COUNT {
                let message = format!(
                    "a skill needs exactly {} level descriptions, found {}",
                    Level::COUNT,
                    skill.levels.len()
                );
                self.push(place.clone(), message, quoted(skill.id.as_str()));
            }
            if skill.name.trim().is_empty() {
                self.push(place, "the skill has no name".into(), None);
            }
        }
    }

    /// Each role's id, time allocation and required levels.
    fn roles(&mut self) {
        let skills = &self.framework.skills;
        for (i, role) in self.framework.roles.iter().enumerate() {
            let place = format!("roles[{i}] ({})", role.id);
            let needle = quoted(role.id.as_str());
            self.id(&place, "role", role.id.as_str(), |v| &mut v.role_ids);
            let total = role.allocation.total();
            if total != 100 {
                let message = format!("the time allocation adds up to {total}%, not 100%");
                self.push(format!("{place}.allocation"), message, needle.clone());
            }
            for skill in role.requires.keys() {
                if !skills.iter().any(|s| &s.id == skill) {
                    let message = format!("unknown skill `{skill}`");
                    self.push(format!("{place}.requires"), message, quoted(skill.as_str()));
                }
            }
            for skill in skills {
                if !role.requires.contains_key(&skill.id) {
                    let message = format!("no level given for skill `{}`", skill.id);
                    self.push(format!("{place}.requires"), message, needle.clone());
                }
            }
        }
    }

    /// Each move between roles: known ends, not a loop, listed once.
    fn transitions(&mut self) {
        let mut moves = BTreeSet::new();
        for (i, t) in self.framework.transitions.iter().enumerate() {
            let place = format!("transitions[{i}] ({} -> {})", t.from, t.to);
            for end in [&t.from, &t.to] {
                if !self.role_ids.contains(end.as_str()) {
                    self.push(
                        place.clone(),
                        format!("unknown role `{end}`"),
                        quoted(end.as_str()),
                    );
                }
            }
            if t.from == t.to {
                self.push(place.clone(), "a move must lead to another role".into(), None);
            }
            if !moves.insert((&t.from, &t.to)) {
                self.push(place, "the same move is listed twice".into(), None);
            }
        }
    }

    /// Each action's id, skill, role, level band and title.
    fn actions(&mut self) {
        for (i, action) in self.framework.actions.iter().enumerate() {
            let place = format!("actions[{i}] ({})", action.id);
            let needle = quoted(action.id.as_str());
            self.id(&place, "action", action.id.as_str(), |v| &mut v.action_ids);
            if !self.skill_ids.contains(action.skill.as_str()) {
                let message = format!("unknown skill `{}`", action.skill);
                self.push(place.clone(), message, quoted(action.skill.as_str()));
            }
            if let Some(role) = &action.role
                && !self.role_ids.contains(role.as_str())
            {
                self.push(
                    place.clone(),
                    format!("unknown role `{role}`"),
                    quoted(role.as_str()),
                );
            }
            if let Some(band) = action.levels
                && band.min > band.max
            {
                let message = format!("the level band {}..{} runs backwards", band.min, band.max);
                self.push(place.clone(), message, needle.clone());
            }
            if action.title.trim().is_empty() {
                self.push(place, "the action has no title".into(), needle);
            }
        }
    }
}
