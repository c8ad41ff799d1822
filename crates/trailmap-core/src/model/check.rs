//! Checks that a plan fits its framework: every id it names exists, every item
//! number is unique, and the session log is in order.

use std::collections::BTreeSet;

use super::framework::Framework;
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
        let mut issues = Vec::new();
        let mut push = |place: String, message: String, needle: Option<String>| {
            issues.push(PlanIssue {
                place,
                message,
                needle,
            });
        };
        let role_known = |id: &super::ids::RoleId| framework.role(id).is_some();
        let mut skill_ids: BTreeSet<&super::ids::SkillId> = framework.skills.iter().map(|s| &s.id).collect();

        if self.framework.id != framework.id {
            push(
                "framework".into(),
                format!(
                    "the plan uses framework `{}`, but `{}` is loaded",
                    self.framework.id, framework.id
                ),
                Some(format!("\"{}\"", self.framework.id)),
            );
        }
        for (field, role) in [
            ("current_role", &self.current_role),
            ("target_role", &self.target_role),
        ] {
            if !role_known(role) {
                push(
                    field.into(),
                    format!("unknown role `{role}`"),
                    Some(format!("\"{role}\"")),
                );
            }
        }
        if let Some(issue) = self.text_limit_issue() {
            push(issue.place, issue.message, issue.needle);
        }
        if self.next_id > super::limits::MAX_ITEM_NUMBER {
            push(
                "next_id".into(),
                format!(
                    "{} is above the limit of {} for item numbers",
                    self.next_id,
                    super::limits::MAX_ITEM_NUMBER
                ),
                Some("next_id".into()),
            );
        }
        if self.custom_skills.len() > super::limits::MAX_CUSTOM_SKILLS {
            push(
                "custom_skills".into(),
                format!(
                    "{} skills of its own; a plan can have at most {}",
                    self.custom_skills.len(),
                    super::limits::MAX_CUSTOM_SKILLS
                ),
                Some("custom_skills".into()),
            );
        }
        for (i, custom) in self.custom_skills.iter().enumerate() {
            let place = format!("custom_skills[{i}]");
            if !super::ids::is_valid_text_id(custom.id.as_str()) {
                push(
                    place.clone(),
                    format!("`{}` is not a valid id", custom.id),
                    Some(format!("\"{}\"", custom.id)),
                );
            }
            if !skill_ids.insert(&custom.id) {
                push(
                    place.clone(),
                    format!("skill id `{}` is used twice", custom.id),
                    Some(format!("\"{}\"", custom.id)),
                );
            }
            for role in custom.needs.keys() {
                if !role_known(role) {
                    push(
                        format!("{place}.needs"),
                        format!("unknown role `{role}`"),
                        Some(format!("\"{role}\"")),
                    );
                }
            }
        }
        for skill in self.skills.keys() {
            if !skill_ids.contains(skill) {
                push(
                    "skills".into(),
                    format!("unknown skill `{skill}`"),
                    Some(format!("\"{skill}\"")),
                );
            }
        }

        // Places are only spelled out when there is something to report: a
        // plan with thousands of items is checked on every load.
        let mut numbers = BTreeSet::new();
        let mut number = |place: &dyn Fn() -> String,
                          id: super::ids::ItemId,
                          push: &mut dyn FnMut(String, String, Option<String>)| {
            if id.0 >= self.next_id {
                push(
                    place(),
                    format!("number {} is not below next_id {}", id.0, self.next_id),
                    Some("next_id".into()),
                );
            }
            if !numbers.insert(id) {
                push(place(), format!("number {} is used twice", id.0), None);
            }
        };
        for (i, item) in self.checklist.iter().enumerate() {
            let place = || format!("checklist[{i}]");
            number(&place, item.id, &mut push);
            if let Some(skill) = &item.skill
                && !skill_ids.contains(skill)
            {
                push(
                    format!("{}.skill", place()),
                    format!("unknown skill `{skill}`"),
                    Some(format!("\"{skill}\"")),
                );
            }
            if let Some(role) = &item.role
                && !role_known(role)
            {
                push(
                    format!("{}.role", place()),
                    format!("unknown role `{role}`"),
                    Some(format!("\"{role}\"")),
                );
            }
        }
        for (i, m) in self.milestones.iter().enumerate() {
            number(&|| format!("milestones[{i}]"), m.id, &mut push);
        }
        for (i, s) in self.snapshots.iter().enumerate() {
            number(&|| format!("snapshots[{i}]"), s.id, &mut push);
            if !role_known(&s.target_role) {
                push(
                    format!("snapshots[{i}].target_role"),
                    format!("unknown role `{}`", s.target_role),
                    Some(format!("\"{}\"", s.target_role)),
                );
            }
        }
        let open = self.sessions.iter().filter(|s| s.ended.is_none()).count();
        for (i, s) in self.sessions.iter().enumerate() {
            number(&|| format!("sessions[{i}]"), s.id, &mut push);
            for (j, n) in s.notes.iter().enumerate() {
                number(&|| format!("sessions[{i}].notes[{j}]"), n.id, &mut push);
            }
            if s.ended.is_none() && i + 1 != self.sessions.len() {
                push(
                    format!("sessions[{i}]"),
                    "only the last session may still be running".into(),
                    None,
                );
            }
            if let Some(ended) = s.ended
                && ended < s.started
            {
                push(
                    format!("sessions[{i}]"),
                    "the session ends before it starts".into(),
                    None,
                );
            }
        }
        if open > 1 {
            push(
                "sessions".into(),
                format!("{open} sessions are still running; at most one may be"),
                None,
            );
        }
        issues
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
                            s.items
                                .iter()
                                .take_while(|_| snapshot_items)
                                .find_map(|(id, item)| {
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
                                too_long(format!("sessions[{i}].agenda[{j}]"), a, MAX_LINE_BYTES)
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
