//! Mentor and mentee on two machines: writing a copy for the other person,
//! merging in the copy they send back (seen first, undone as one step), and
//! the conflict copies sync tools leave beside a plan (merged on open and
//! when the window comes back into focus, then moved to `DATA/merged`).

use std::path::{Path, PathBuf};

use super::dialogs::{ConflictRow, Dialog, MergePreview, PathForm, PathPurpose};
use super::{Page, TrailmapApp};
use crate::analysis;
use crate::model::sync::{layers, merge};
use crate::model::{Command, ItemId, Plan, Side};
use crate::storage;

impl TrailmapApp {
    /// Asks where to write a copy for `to`, suggesting `NAME-for-mentor.ron`
    /// in the exports folder.
    pub(super) fn show_share(&mut self, to: Side) {
        let Some(open) = self.open_plan() else { return };
        let stem = open.path.as_ref().and_then(|p| p.file_stem()).map_or_else(
            || crate::model::slug(&open.doc.plan().person.name),
            |s| s.to_string_lossy().into_owned(),
        );
        let path = self.exports_dir().join(format!("{stem}-for-{}.ron", to.label()));
        let purpose = match to {
            Side::Mentor => PathPurpose::ShareWithMentor,
            Side::Mentee => PathPurpose::ShareWithMentee,
        };
        self.dialogs.current = Some(Dialog::Path(PathForm::new(purpose, path.display().to_string())));
    }

    /// Writes the copy for `to` at `path`: never over the plan itself.
    pub(super) fn share_to(&mut self, path: &Path, to: Side) -> Result<(), String> {
        let Some(open) = self.open_plan() else {
            return Err("no plan is open".to_owned());
        };
        let path = storage::canonical(&if path.extension().is_none() {
            path.with_extension("ron")
        } else {
            path.to_path_buf()
        });
        if open.path.as_ref() == Some(&path) {
            return Err("that is the plan itself; choose another file for the copy".to_owned());
        }
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            if dir == self.exports_dir() {
                storage::ensure_dir(dir).map_err(|e| e.to_string())?;
            } else if !dir.is_dir() {
                return Err(format!("{}: no such folder", dir.display()));
            }
        }
        let copy = layers::share_for(open.doc.plan(), to);
        storage::save_plan(&path, &copy, None).map_err(|e| e.to_string())?;
        self.set_status(format!(
            "Wrote a copy for your {} to {}; your private notes are not in it",
            to.label(),
            path.display()
        ));
        Ok(())
    }

    /// Reads a copy to merge in and shows what it would change.
    pub(super) fn prepare_merge(&mut self, path: &Path) -> Result<(), String> {
        if !path.is_file() {
            return Err(format!("{}: no such file", path.display()));
        }
        let theirs = storage::load_plan(path, &self.document.catalog).map_err(|e| e.to_string())?;
        if let Some(v) = theirs.newer_format {
            return Err(format!(
                "it comes from a newer Trailmap (format {v}); merge it there"
            ));
        }
        let Some(open) = self.open_plan() else {
            return Err("no plan is open".to_owned());
        };
        let ours = open.doc.plan();
        let merged = merge::merge(ours, &theirs.plan).map_err(|e| e.to_string())?;
        let issues = merged.check(&open.framework);
        if let Some(issue) = issues.first() {
            return Err(format!(
                "the merged plan would not be valid ({}: {})",
                issue.place, issue.message
            ));
        }
        let lines = change_lines(ours, &merged, &open.framework, self.today());
        let conflicts = merge::text_conflicts(&merged).len();
        let preview = MergePreview {
            path: path.to_path_buf(),
            merged,
            lines,
            conflicts,
        };
        self.dialogs.current = Some(Dialog::MergePreview(Box::new(preview)));
        Ok(())
    }

    /// Makes the merge the user saw in the preview: one undoable step.
    pub(super) fn apply_merge(&mut self, path: &Path, merged: Plan) {
        self.apply(Command::ReplacePlan(Box::new(merged)));
        self.readopt_replica();
        let conflicts = self
            .open_plan()
            .map_or(0, |o| merge::text_conflicts(o.doc.plan()).len());
        let mut status = format!("Merged in {} (Edit › Undo takes it back)", path.display());
        if conflicts > 0 {
            status.push_str(&format!(
                "; {conflicts} text(s) were changed on both copies: File › Settle changes made on both copies…"
            ));
        }
        self.set_status(status);
    }

    /// After a whole plan was replaced: new numbers in this installation's range.
    fn readopt_replica(&mut self) {
        let replica = self.shell.replica;
        if let Some(open) = self.document.open_plan_mut() {
            open.doc.set_replica(replica);
        }
    }

    /// Merges the conflict copies a sync tool left beside the open plan, as
    /// one undoable step, and moves them to `DATA/merged`. Copies that do not
    /// load, or are another plan, are left where they are and named.
    pub(super) fn merge_sync_copies(&mut self) {
        let Some(open) = self.open_plan() else { return };
        let Some(path) = open.path.clone() else { return };
        if open.newer_format.is_some() || open.held_elsewhere {
            return;
        }
        let copies = storage::conflict_copies(&path);
        if copies.is_empty() {
            return;
        }
        let mut plan = open.doc.plan().clone();
        let mut merged: Vec<PathBuf> = Vec::new();
        let mut skipped: Vec<String> = Vec::new();
        for copy in copies {
            let result = storage::load_plan(&copy, &self.document.catalog)
                .map_err(|e| e.to_string())
                .and_then(|theirs| merge::merge(&plan, &theirs.plan).map_err(|e| e.to_string()));
            match result {
                Ok(next) if next.check(&open.framework).is_empty() => {
                    plan = next;
                    merged.push(copy);
                }
                Ok(_) => skipped.push(format!("{} (the merge would not be valid)", copy.display())),
                Err(e) => skipped.push(e),
            }
        }
        if !merged.is_empty() && &plan != open.doc.plan() {
            self.apply(Command::ReplacePlan(Box::new(plan)));
            self.readopt_replica();
        }
        let mut moved = 0;
        for copy in &merged {
            match storage::move_to_merged(&self.shell.data, copy) {
                Ok(_) => moved += 1,
                Err(e) => skipped.push(format!("merged, but could not move it: {e}")),
            }
        }
        if moved > 0 {
            self.set_status(format!(
                "Merged {moved} conflict copy(ies) a sync tool left beside the plan; they are kept in {} \
                 (Edit › Undo takes the merge back)",
                self.shell.data.merged().display()
            ));
        }
        if let Some(first) = skipped.first() {
            self.set_error(format!("A conflict copy was left as it is: {first}"));
        }
    }

    /// Shows the texts to settle (or says there are none).
    pub(super) fn show_conflicts(&mut self) {
        let rows = self.conflict_rows();
        if rows.is_empty() {
            self.dialogs.current = None;
            self.set_status("No texts to settle: the copies agree");
        } else {
            self.dialogs.current = Some(Dialog::Conflicts(rows));
        }
    }

    /// Settles one text conflict with `text`, then shows what is left.
    pub(super) fn settle_and_continue(&mut self, field: crate::model::sync::Field, text: String) {
        self.apply(Command::SettleConflict {
            field,
            text,
            restore: Vec::new(),
            stamp: None,
        });
        self.show_conflicts();
    }

    /// The open plan's text conflicts as the dialog shows them: this copy's
    /// text (the version this installation wrote last, else the one shown)
    /// beside the other's.
    fn conflict_rows(&self) -> Vec<ConflictRow> {
        let Some(open) = self.open_plan() else {
            return Vec::new();
        };
        let plan = open.doc.plan();
        let replica = self.shell.replica;
        merge::text_conflicts(plan)
            .into_iter()
            .map(|c| {
                let mut versions = vec![(c.shown.clone(), plan.sync.stamp(&c.field))];
                if let Some(lost) = plan.sync.conflicts.get(&c.field) {
                    versions.extend(lost.iter().map(|v| (v.text.clone(), v.clock.clone())));
                }
                let mine = versions
                    .iter()
                    .find(|(_, clock)| clock.last().1 == replica)
                    .map_or_else(|| c.shown.clone(), |(text, _)| text.clone());
                let mut theirs: Vec<String> = Vec::new();
                for (text, _) in versions {
                    if text != mine && !theirs.contains(&text) {
                        theirs.push(text);
                    }
                }
                ConflictRow {
                    name: self.field_name(&c.field),
                    field: c.field,
                    mine,
                    theirs: theirs.join("\n\n"),
                }
            })
            .collect()
    }

    /// A name for a text field a person can recognise: the action, the
    /// skill, the session it belongs to.
    pub fn field_name(&self, field: &crate::model::sync::Field) -> String {
        use crate::model::sync::{Field, ItemField, MilestoneField, PlanField, RatingField, SkillField};
        let Some(open) = self.open_plan() else {
            return field.to_string();
        };
        let plan = open.doc.plan();
        let quote = |s: &str| {
            let short: String = s.chars().take(40).collect();
            if short.len() < s.len() {
                format!("“{short}…”")
            } else {
                format!("“{short}”")
            }
        };
        let item = |id: &ItemId| {
            plan.item(*id).map_or_else(
                || "an action".to_owned(),
                |i| format!("Action {}", quote(&i.text)),
            )
        };
        match field {
            Field::Plan(PlanField::Name) => "The person's name".to_owned(),
            Field::Plan(PlanField::Mentor) => "The mentor's name".to_owned(),
            Field::Plan(PlanField::PrivateNotes) => "Private notes".to_owned(),
            Field::Plan(PlanField::MentorNotes) => "The mentor's notes".to_owned(),
            Field::Rating(id, RatingField::Evidence) => {
                format!("Evidence for {}", plan.skill_name(&open.framework, id))
            }
            Field::Rating(id, _) => format!("The mentor's note on {}", plan.skill_name(&open.framework, id)),
            Field::Skill(id, SkillField::Name) => format!("The name of the skill {id}"),
            Field::Skill(id, _) => format!("The description of {}", plan.skill_name(&open.framework, id)),
            Field::Item(id, ItemField::Text) => format!("{} — its text", item(id)),
            Field::Item(id, ItemField::Notes) => format!("{} — notes", item(id)),
            Field::Item(id, _) => format!("{} — evidence", item(id)),
            Field::Milestone(_, MilestoneField::Title) => "A milestone's title".to_owned(),
            Field::Session(id, _) => plan.sessions.iter().find(|s| s.id == *id).map_or_else(
                || "A session's summary".to_owned(),
                |s| {
                    format!(
                        "Summary of the session of {}",
                        crate::dates::human_date(s.started.date())
                    )
                },
            ),
            Field::Note(..) => "A session note".to_owned(),
            _ => field.to_string(),
        }
    }

    /// Whether the open plan has texts to settle.
    pub fn has_conflicts(&self) -> bool {
        self.open_plan()
            .is_some_and(|o| !merge::text_conflicts(o.doc.plan()).is_empty())
    }

    /// Which person's copy the open plan is.
    pub fn side(&self) -> Option<Side> {
        match &self.document.page {
            Page::Plan(open) => Some(open.doc.plan().side),
            _ => None,
        }
    }
}

/// What a merge would change, a line each: ratings and actions as the
/// "what changed" view tells them, then counts of the rest.
fn change_lines(
    ours: &Plan,
    merged: &Plan,
    framework: &crate::model::Framework,
    today: jiff::civil::Date,
) -> Vec<String> {
    let before = ours.take_snapshot(ItemId(0), today, "Now", None);
    let after = merged.take_snapshot(ItemId(0), today, "Merged", None);
    let diff = analysis::diff_snapshots(&before, &after);
    let mut lines = Vec::new();
    let level =
        |l: Option<crate::model::Level>| l.map_or_else(|| "unrated".to_owned(), |l| l.get().to_string());
    for r in &diff.ratings {
        let whose = match r.rater {
            analysis::Rater::Own => "self rating",
            analysis::Rater::Mentor => "mentor rating",
        };
        lines.push(format!(
            "{} ({whose}): {} to {}",
            merged.skill_name(framework, &r.skill),
            level(r.before),
            level(r.after)
        ));
    }
    for (what, items) in [
        ("New action", &diff.added),
        ("Done", &diff.completed),
        ("Dropped", &diff.dropped),
        ("Status changed", &diff.other),
        ("Removed", &diff.removed),
    ] {
        for item in items {
            lines.push(format!("{what}: “{}”", item.text));
        }
    }
    let count = |n: usize, one: &str, many: &str| match n {
        0 => None,
        1 => Some(format!("1 {one}")),
        n => Some(format!("{n} {many}")),
    };
    let new_of = |a: Vec<ItemId>, b: Vec<ItemId>| b.iter().filter(|id| !a.contains(id)).count();
    let sessions = new_of(
        ours.sessions.iter().map(|s| s.id).collect(),
        merged.sessions.iter().map(|s| s.id).collect(),
    );
    let notes = new_of(
        ours.sessions
            .iter()
            .flat_map(|s| s.notes.iter().map(|n| n.id))
            .collect(),
        merged
            .sessions
            .iter()
            .flat_map(|s| s.notes.iter().map(|n| n.id))
            .collect(),
    );
    let milestones = new_of(
        ours.milestones.iter().map(|m| m.id).collect(),
        merged.milestones.iter().map(|m| m.id).collect(),
    );
    let snapshots = new_of(
        ours.snapshots.iter().map(|s| s.id).collect(),
        merged.snapshots.iter().map(|s| s.id).collect(),
    );
    let changed = merged
        .sync
        .stamps
        .iter()
        .filter(|(field, clock)| ours.sync.stamps.get(*field) != Some(*clock))
        .count();
    lines.extend(
        [
            count(sessions, "new session", "new sessions"),
            count(notes, "new session note", "new session notes"),
            count(milestones, "new milestone", "new milestones"),
            count(snapshots, "new snapshot", "new snapshots"),
            count(
                changed,
                "change in all, counting the above (notes, dates and texts too)",
                "changes in all, counting the above (notes, dates and texts too)",
            ),
        ]
        .into_iter()
        .flatten(),
    );
    lines
}
