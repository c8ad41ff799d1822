//! Checks that a plan fits its framework: every id it names exists, every item
//! number is unique, and the session log is in order.

use std::collections::BTreeSet;

use super::framework::Framework;
use super::ids::{ItemId, RoleId, SkillId};
use super::limits::{MAX_CUSTOM_SKILLS, MAX_ITEM_NUMBER};
use super::plan::Plan;

/// One thing wrong with a plan.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlanIssue {
    /// Where, as a path such as `checklist[3].skill`.
    pub place: String,
    /// What is wrong.
    pub message: String,
    /// A text to search for in the file to find the line, if there is one.
    pub needle: Option<String>,
}

impl Plan {
    /// Checks the plan against `framework` and returns every problem found.
    pub fn check(&self, framework: &Framework) -> Vec<PlanIssue> {
        let mut checker = Checker {
            plan: self,
            framework,
            skill_ids: framework.skills.iter().map(|s| &s.id).collect(),
            numbers: BTreeSet::new(),
            issues: Vec::new(),
        };
        checker.header();
        checker.limits();
        checker.custom_skills();
        checker.checklist();
        checker.history();
        checker.issues
    }
}

impl Plan {
    /// The first text that is longer than its limit (see `model::limits`),
    /// if any. Counts bytes, so it costs one look per field, not per
    /// character: the document runs it after every edit.
    pub fn text_limit_issue(&self) -> Option<PlanIssue> {
        self.text_limit_issue_in(true)
    }

    /// [`Self::text_limit_issue`], looking at the texts of the snapshots'
    /// items only with `snapshot_items` (a stress plan holds 600,000 of them,
    /// and only a command that inserts a snapshot can change them).
    pub fn text_limit_issue_in(&self, snapshot_items: bool) -> Option<PlanIssue> {
        use super::limits::{MAX_LINE_BYTES, MAX_NAME_BYTES, MAX_TEXT_BYTES};
        let too_long = |place: String, text: &str, limit: usize| {
            (text.len() > limit).then(|| PlanIssue {
                place,
                message: format!("{} bytes of text; the limit is {limit}", text.len()),
                needle: None,
            })
        };
        let names = [
            ("person.name", &self.person.name),
            ("person.mentor", &self.person.mentor),
        ];
        names
            .into_iter()
            .find_map(|(place, text)| too_long(place.into(), text, MAX_NAME_BYTES))
            .or_else(|| too_long("private_notes".into(), &self.private_notes, MAX_TEXT_BYTES))
            .or_else(|| {
                self.skills.iter().find_map(|(id, e)| {
                    too_long(format!("skills[{id}].evidence"), &e.evidence, MAX_TEXT_BYTES).or_else(|| {
                        too_long(
                            format!("skills[{id}].mentor_note"),
                            &e.mentor_note,
                            MAX_TEXT_BYTES,
                        )
                    })
                })
            })
            .or_else(|| {
                self.custom_skills.iter().enumerate().find_map(|(i, c)| {
                    too_long(format!("custom_skills[{i}].name"), &c.name, MAX_NAME_BYTES).or_else(|| {
                        too_long(
                            format!("custom_skills[{i}].description"),
                            &c.description,
                            MAX_TEXT_BYTES,
                        )
                    })
                })
            })
            .or_else(|| {
                self.checklist.iter().enumerate().find_map(|(i, item)| {
                    too_long(format!("checklist[{i}].text"), &item.text, MAX_LINE_BYTES)
                        .or_else(|| too_long(format!("checklist[{i}].notes"), &item.notes, MAX_TEXT_BYTES))
                        .or_else(|| {
                            too_long(format!("checklist[{i}].evidence"), &item.evidence, MAX_TEXT_BYTES)
                        })
                })
            })
            .or_else(|| {
                self.milestones
                    .iter()
                    .enumerate()
                    .find_map(|(i, m)| too_long(format!("milestones[{i}].title"), &m.title, MAX_NAME_BYTES))
            })
            .or_else(|| {
                self.snapshots.iter().enumerate().find_map(|(i, s)| {
                    // Only the items a snapshot does not share with the one
                    // before: a snapshot shares its unchanged part with it
                    // (`imbl`'s diff skips shared nodes), so six years of
                    // snapshots cost what changed, not 600,000 looks.
                    let previous = i.checked_sub(1).and_then(|p| self.snapshots.get(p));
                    // A snapshot as read from a file is still its change
                    // from the one before: its new texts are listed, and
                    // nothing is built to find them.
                    let as_read = previous.and_then(|before| s.items.new_texts_since(&before.items));
                    let items: Box<dyn Iterator<Item = (&super::ids::ItemId, &super::plan::SnapshotItem)>> =
                        match (as_read, previous) {
                            (Some(new), _) => Box::new(new),
                            (None, Some(before)) => {
                                Box::new(before.items.diff(&s.items).filter_map(|d| match d {
                                    imbl::ordmap::DiffItem::Add(k, v) => Some((k, v)),
                                    imbl::ordmap::DiffItem::Update { new, .. } => Some(new),
                                    imbl::ordmap::DiffItem::Remove(..) => None,
                                }))
                            }
                            (None, None) => Box::new(s.items.iter()),
                        };
                    too_long(format!("snapshots[{i}].label"), &s.label, MAX_NAME_BYTES)
                        .or_else(|| {
                            s.skills.iter().find_map(|(id, k)| {
                                too_long(
                                    format!("snapshots[{i}].skills[{id}].evidence"),
                                    &k.evidence,
                                    MAX_TEXT_BYTES,
                                )
                            })
                        })
                        .or_else(|| {
                            // `take_while` ends at once when the items are not asked for.
                            items.take_while(|_| snapshot_items).find_map(|(id, item)| {
                                too_long(
                                    format!("snapshots[{i}].items[{}]", id.0),
                                    item.text.as_str(),
                                    MAX_LINE_BYTES,
                                )
                            })
                        })
                })
            })
            .or_else(|| {
                self.sessions.iter().enumerate().find_map(|(i, s)| {
                    too_long(format!("sessions[{i}].summary"), &s.summary, MAX_TEXT_BYTES)
                        .or_else(|| {
                            s.agenda.iter().enumerate().find_map(|(j, a)| {
                                too_long(format!("sessions[{i}].agenda[{j}]"), &a.text, MAX_LINE_BYTES)
                            })
                        })
                        .or_else(|| {
                            s.notes.iter().enumerate().find_map(|(j, n)| {
                                too_long(format!("sessions[{i}].notes[{j}]"), &n.text, MAX_TEXT_BYTES)
                            })
                        })
                })
            })
    }
}

/// One check of a plan: what is known so far, and the issues found.
struct Checker<'a> {
    /// The plan being checked.
    plan: &'a Plan,
    /// The framework it is checked against.
    framework: &'a Framework,
    /// Every skill id seen so far: the framework's, then the plan's own.
    skill_ids: BTreeSet<&'a SkillId>,
    /// Every item number seen so far.
    numbers: BTreeSet<ItemId>,
    /// What is wrong.
    issues: Vec<PlanIssue>,
}

impl<'a> Checker<'a> {
    fn push(&mut self, place: String, message: String, needle: Option<String>) {
        self.issues.push(PlanIssue {
            place,
            message,
            needle,
        });
    }

    /// An issue unless the framework knows `role`.
    fn role(&mut self, place: impl FnOnce() -> String, role: &RoleId) {
        if self.framework.role(role).is_none() {
            self.push(
                place(),
                format!("unknown role `{role}`"),
                Some(format!("\"{role}\"")),
            );
        }
    }

    /// An issue unless `skill` is the framework's or the plan's own.
    fn skill(&mut self, place: impl FnOnce() -> String, skill: &SkillId) {
        if !self.skill_ids.contains(skill) {
            self.push(
                place(),
                format!("unknown skill `{skill}`"),
                Some(format!("\"{skill}\"")),
            );
        }
    }

    /// An issue unless item number `id` is below `next_id` and not used
    /// before. Places are only spelled out when there is something to
    /// report: a plan with thousands of items is checked on every load.
    fn number(&mut self, place: impl Fn() -> String, id: ItemId) {
        // Numbers of another replica's range (another copy's) are not
        // handed out here: only this copy's range is bound by `next_id`.
        if id.replica() == ItemId(self.plan.next_id).replica() && id.0 >= self.plan.next_id {
            let message = format!("number {} is not below next_id {}", id.0, self.plan.next_id);
            self.push(place(), message, Some("next_id".into()));
        }
        if !self.numbers.insert(id) {
            self.push(place(), format!("number {} is used twice", id.0), None);
        }
    }

    /// The framework and the two roles.
    fn header(&mut self) {
        let plan = self.plan;
        if plan.framework.id != self.framework.id {
            let message = format!(
                "the plan uses framework `{}`, but `{}` is loaded",
                plan.framework.id, self.framework.id
            );
            self.push(
                "framework".into(),
                message,
                Some(format!("\"{}\"", plan.framework.id)),
            );
        }
        self.role(|| "current_role".into(), &plan.current_role);
        self.role(|| "target_role".into(), &plan.target_role);
    }

    /// Text lengths, item numbers and the number of skills of its own.
    fn limits(&mut self) {
        let plan = self.plan;
        if let Some(issue) = plan.text_limit_issue() {
            self.issues.push(issue);
        }
        if plan.next_id > MAX_ITEM_NUMBER {
            let message = format!(
                "{} is above the limit of {MAX_ITEM_NUMBER} for item numbers",
                plan.next_id
            );
            self.push("next_id".into(), message, Some("next_id".into()));
        }
        if plan.custom_skills.len() > MAX_CUSTOM_SKILLS {
            let message = format!(
                "{} skills of its own; a plan can have at most {MAX_CUSTOM_SKILLS}",
                plan.custom_skills.len()
            );
            self.push("custom_skills".into(), message, Some("custom_skills".into()));
        }
    }

    /// The plan's own skills, then the ratings (which may name them).
    fn custom_skills(&mut self) {
        let plan = self.plan;
        for (i, custom) in plan.custom_skills.iter().enumerate() {
            let place = format!("custom_skills[{i}]");
            if !super::ids::is_valid_text_id(custom.id.as_str()) {
                let message = format!("`{}` is not a valid id", custom.id);
                self.push(place.clone(), message, Some(format!("\"{}\"", custom.id)));
            }
            if !self.skill_ids.insert(&custom.id) {
                let message = format!("skill id `{}` is used twice", custom.id);
                self.push(place.clone(), message, Some(format!("\"{}\"", custom.id)));
            }
            for role in custom.needs.keys() {
                self.role(|| format!("{place}.needs"), role);
            }
        }
        for skill in plan.skills.keys() {
            self.skill(|| "skills".into(), skill);
        }
    }

    /// The checklist's numbers, skills and roles.
    fn checklist(&mut self) {
        for (i, item) in self.plan.checklist.iter().enumerate() {
            self.number(|| format!("checklist[{i}]"), item.id);
            if let Some(skill) = &item.skill {
                self.skill(|| format!("checklist[{i}].skill"), skill);
            }
            if let Some(role) = &item.role {
                self.role(|| format!("checklist[{i}].role"), role);
            }
        }
    }

    /// Milestones, snapshots and sessions: numbers, roles, and the session
    /// log's order.
    fn history(&mut self) {
        let plan = self.plan;
        for (i, m) in plan.milestones.iter().enumerate() {
            self.number(|| format!("milestones[{i}]"), m.id);
        }
        for (i, s) in plan.snapshots.iter().enumerate() {
            self.number(|| format!("snapshots[{i}]"), s.id);
            self.role(|| format!("snapshots[{i}].target_role"), &s.target_role);
        }
        for (i, s) in plan.sessions.iter().enumerate() {
            self.number(|| format!("sessions[{i}]"), s.id);
            for (j, n) in s.notes.iter().enumerate() {
                self.number(|| format!("sessions[{i}].notes[{j}]"), n.id);
            }
            // Running sessions come last. Two copies may each have run one
            // at the same time; merged, both are kept, the later one last.
            if s.ended.is_none() && plan.sessions[i..].iter().any(|later| later.ended.is_some()) {
                let message = "a running session must come after the ended ones".into();
                self.push(format!("sessions[{i}]"), message, None);
            }
            if s.ended.is_some_and(|ended| ended < s.started) {
                let message = "the session ends before it starts".into();
                self.push(format!("sessions[{i}]"), message, None);
            }
        }
    }
}
