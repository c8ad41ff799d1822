//! The text a plan is saved as, written by hand rather than through serde.
//!
//! `ron::ser` goes through serde's generic machinery and its pretty printer
//! one character at a time; on a plan with years of history that is the
//! slowest part of a save. This writer produces RON that the normal parser
//! (`ron` with serde, which the app's storage falls back on) reads back into exactly the
//! same [`Plan`] — a property test checks that on generated plans — and it is
//! leaner and easier to read:
//!
//! - one line per checklist item, milestone, skill, note and snapshot entry;
//! - inside those, fields that hold their default (`None`, `""`, `false`, an
//!   empty list or map, `Open`) are left out: every such field has
//!   `#[serde(default)]` in the model, so leaving it out reads back the same;
//! - the plan's own fields are always written, so a reader sees them all;
//! - each snapshot after the first is written as its change from the one
//!   before when that is shorter (`since_previous`, see
//!   `super::snapshots`), exactly as the serde form does.
//!
//! Strings are escaped the way RON reads them back: `\\`, `\"`, `\n`, `\r`,
//! `\t`, `\0` and `\u{…}` for other control characters; everything else is
//! written as it is (UTF-8).

use std::fmt::Write as _;

use jiff::civil::{Date, DateTime};

use super::snapshots::{SnapshotDelta, delta, write_as_delta};
use std::collections::BTreeMap;

use crate::model::plan::FrameworkRef;
use crate::model::session::{agenda_done, agenda_kinds};
use crate::model::sync::{Clock, Graveyard, Side, SyncState};
use crate::model::{
    AgendaKind, AgendaPoint, ChecklistItem, CustomSkill, Milestone, PLAN_FORMAT, Person, Plan, Session,
    SessionNote, SkillEntry, Snapshot, SnapshotItem, SnapshotSkill, Status,
};

/// The plan as RON text, ending with a newline.
pub fn plan_text(plan: &Plan) -> String {
    let mut w = Writer {
        out: String::with_capacity(estimate(plan)),
    };
    w.plan(plan);
    w.out
}

/// Appends `plan`, written as by [`plan_text`], to `out`: for files that
/// hold a plan inside something else, such as the app's recovery copies.
pub fn write_plan(out: &mut String, plan: &Plan) {
    out.reserve(estimate(plan));
    let mut w = Writer {
        out: std::mem::take(out),
    };
    w.plan(plan);
    *out = w.out;
}

/// Appends `text` to `out` as a quoted RON string, escaped as plans are.
pub fn write_string(out: &mut String, text: &str) {
    let mut w = Writer {
        out: std::mem::take(out),
    };
    w.string(text);
    *out = w.out;
}

/// A guess at the size of the text, to allocate once.
fn estimate(plan: &Plan) -> usize {
    let items: usize = plan
        .checklist
        .iter()
        .map(|i| 120 + i.text.len() + i.notes.len() + i.evidence.len())
        .sum();
    // Snapshots are mostly written as changes: a guess of a tenth of their items.
    let snapshot_items: usize = plan.snapshots.iter().map(|s| 6 * s.items.len() + 400).sum();
    let sessions: usize = plan
        .sessions
        .iter()
        .map(|s| 200 + s.summary.len() + 80 * s.notes.len() + 60 * s.agenda.len())
        .sum();
    4096 + items + snapshot_items + sessions + plan.private_notes.len()
}

/// For each snapshot, its change from the one before if it is to be written
/// that way. Snapshots share the parts of their checklists that did not
/// change, and the comparison skips those, so this costs what changed.
fn changes(snapshots: &[Snapshot]) -> Vec<Option<SnapshotDelta<'_>>> {
    (0..snapshots.len())
        .map(|index| {
            let after = &snapshots[index];
            let before = index.checked_sub(1).map(|i| &snapshots[i])?;
            Some(delta(before, after)).filter(|d| write_as_delta(after, d))
        })
        .collect()
}

/// Whether any of the eight bytes in `word` needs escaping: a control
/// character (below 0x20, or 0x7f), `"` or `\\`. Bytes of multi-byte UTF-8
/// characters (0x80 and up) never match.
fn needs_escape(word: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // A byte is zero in `x` → its high bit is set in `zero(x)` (exact for
    // bytes below 0x80, which is all that is asked of it here).
    let zero = |x: u64| x.wrapping_sub(ONES) & !x & HIGH;
    let below_space = word.wrapping_sub(ONES * 0x20) & !word & HIGH;
    (below_space
        | zero(word ^ (ONES * b'"' as u64))
        | zero(word ^ (ONES * b'\\' as u64))
        | zero(word ^ (ONES * 0x7f)))
        != 0
}

struct Writer {
    out: String,
}

impl Writer {
    fn raw(&mut self, text: &str) {
        self.out.push_str(text);
    }

    /// A quoted, escaped string.
    fn string(&mut self, text: &str) {
        self.out.push('"');
        let bytes = text.as_bytes();
        let mut start = 0;
        let mut i = 0;
        while i < bytes.len() {
            // Skip eight bytes at a time while none of them needs escaping.
            if let Some(chunk) = bytes.get(i..i + 8) {
                let word = u64::from_le_bytes(chunk.try_into().unwrap_or_default());
                if !needs_escape(word) {
                    i += 8;
                    continue;
                }
            }
            let b = bytes[i];
            let escape = match b {
                b'"' => "\\\"",
                b'\\' => "\\\\",
                b'\n' => "\\n",
                b'\r' => "\\r",
                b'\t' => "\\t",
                b'\0' => "\\0",
                0x01..=0x1f | 0x7f => "",
                _ => {
                    i += 1;
                    continue;
                }
            };
            // Every byte matched above is ASCII, so `i` is a char boundary.
            self.out.push_str(&text[start..i]);
            if escape.is_empty() {
                let _ = write!(self.out, "\\u{{{b:x}}}");
            } else {
                self.out.push_str(escape);
            }
            i += 1;
            start = i;
        }
        self.out.push_str(&text[start..]);
        self.out.push('"');
    }

    fn number(&mut self, mut n: u64) {
        // Digits into a small buffer from the right; `write!` is slower.
        let mut buf = [0u8; 20];
        let mut at = buf.len();
        loop {
            at -= 1;
            buf[at] = b'0' + (n % 10) as u8;
            n /= 10;
            if n == 0 {
                break;
            }
        }
        for &digit in &buf[at..] {
            self.out.push(char::from(digit));
        }
    }

    /// `n` with at least `width` digits (zeros in front).
    fn padded(&mut self, n: u64, width: usize) {
        let digits = if n == 0 { 1 } else { n.ilog10() as usize + 1 };
        for _ in digits..width {
            self.out.push('0');
        }
        self.number(n);
    }

    /// A date in its serde form (`"2026-11-22"`), inside quotes.
    fn date(&mut self, date: Date) {
        match u64::try_from(date.year()) {
            // Years 0 to 9999 are written YYYY-MM-DD, as jiff writes them.
            Ok(year) if year <= 9999 => {
                self.out.push('"');
                self.padded(year, 4);
                self.out.push('-');
                self.padded(date.month().unsigned_abs().into(), 2);
                self.out.push('-');
                self.padded(date.day().unsigned_abs().into(), 2);
                self.out.push('"');
            }
            _ => self.quoted(date),
        }
    }

    /// A date and time in its serde form (`"2026-11-22T16:00:00"`), inside quotes.
    fn datetime(&mut self, at: DateTime) {
        if at.subsec_nanosecond() != 0 || !(0..=9999).contains(&at.year()) {
            return self.quoted(at);
        }
        self.date(at.date());
        self.out.pop();
        self.out.push('T');
        for (i, part) in [at.hour(), at.minute(), at.second()].into_iter().enumerate() {
            if i > 0 {
                self.out.push(':');
            }
            self.padded(part.unsigned_abs().into(), 2);
        }
        self.out.push('"');
    }

    /// A value written with `Display` inside quotes (dates and times, whose
    /// serde form is their display form and never needs escaping).
    fn quoted(&mut self, value: impl std::fmt::Display) {
        let _ = write!(self.out, "\"{value}\"");
    }

    fn key(&mut self, first: &mut bool, name: &str) {
        if !*first {
            self.out.push_str(", ");
        }
        *first = false;
        self.out.push_str(name);
        self.out.push_str(": ");
    }

    fn option<T>(&mut self, value: Option<T>, mut some: impl FnMut(&mut Self, T)) {
        match value {
            Some(v) => {
                self.out.push_str("Some(");
                some(self, v);
                self.out.push(')');
            }
            None => self.out.push_str("None"),
        }
    }

    fn status(&mut self, status: Status) {
        self.raw(match status {
            Status::Open => "Open",
            Status::InProgress => "InProgress",
            Status::Done => "Done",
            Status::Dropped => "Dropped",
        });
    }

    fn plan(&mut self, plan: &Plan) {
        // Every field by name: a field added to `Plan` does not compile
        // until it is written here (and read in `read.rs`).
        let Plan {
            // This build writes its own format, whatever the plan was read
            // as: a plan from a newer Trailmap saved elsewhere (Save as) is a
            // copy in this format, editable here (the newer file is never
            // written over).
            format_version: _,
            id,
            side,
            framework: FrameworkRef { id: framework },
            person: Person { name, mentor },
            current_role,
            target_role,
            target_date,
            skills,
            custom_skills,
            checklist,
            milestones,
            snapshots,
            sessions,
            private_notes,
            mentor_notes,
            sync,
            next_id,
        } = plan;
        self.raw("(\n  format_version: ");
        self.number(u64::from(PLAN_FORMAT));
        self.raw(",\n  id: ");
        self.string(id);
        self.raw(",\n  side: ");
        self.raw(match side {
            Side::Mentee => "Mentee",
            Side::Mentor => "Mentor",
        });
        self.raw(",\n  framework: (id: ");
        self.string(framework);
        self.raw("),\n  person: (name: ");
        self.string(name);
        self.raw(", mentor: ");
        self.string(mentor);
        self.raw("),\n  current_role: ");
        self.string(current_role.as_str());
        self.raw(",\n  target_role: ");
        self.string(target_role.as_str());
        self.raw(",\n  target_date: ");
        self.option(*target_date, Self::date);
        self.raw(",\n  skills: {");
        for (i, (id, entry)) in skills.iter().enumerate() {
            self.raw(if i == 0 { "\n    " } else { ",\n    " });
            self.string(id.as_str());
            self.raw(": ");
            self.skill_entry(entry);
        }
        self.raw(if skills.is_empty() { "},\n" } else { ",\n  },\n" });
        self.list("custom_skills", custom_skills, Self::custom_skill);
        self.list("checklist", checklist, Self::item);
        self.list("milestones", milestones, Self::milestone);
        self.snapshots(snapshots);
        self.list("sessions", sessions, Self::session);
        self.raw("  private_notes: ");
        self.string(private_notes);
        self.raw(",\n  mentor_notes: ");
        self.string(mentor_notes);
        self.raw(",\n");
        self.sync(sync);
        self.raw("  next_id: ");
        self.number(*next_id);
        self.raw(",\n)\n");
    }

    /// The records for merging: a field or thing per line.
    fn sync(&mut self, sync: &SyncState) {
        let SyncState {
            clock,
            mentee_layer,
            mentor_layer,
            stamps,
            removed,
            conflicts,
            checklist_order,
            skill_order,
            graveyard,
        } = sync;
        self.raw("  sync: (\n    clock: ");
        self.number(*clock);
        self.raw(",\n    mentee_layer: ");
        self.raw(if *mentee_layer { "true" } else { "false" });
        self.raw(",\n    mentor_layer: ");
        self.raw(if *mentor_layer { "true" } else { "false" });
        self.raw(",\n    stamps: {");
        self.keyed(stamps, Self::clock);
        self.raw("    removed: {");
        self.keyed(removed, Self::clock);
        self.raw("    conflicts: {");
        self.keyed(conflicts, |w, versions| {
            w.raw("[");
            for (i, v) in versions.iter().enumerate() {
                w.raw(if i == 0 { "(text: " } else { ", (text: " });
                w.string(&v.text);
                w.raw(", clock: ");
                w.clock(&v.clock);
                w.raw(")");
            }
            w.raw("]");
        });
        self.raw("    checklist_order: ");
        self.option(checklist_order.as_ref(), |w, ids| {
            w.raw("[");
            for (i, id) in ids.iter().enumerate() {
                if i > 0 {
                    w.raw(", ");
                }
                w.number(id.0);
            }
            w.raw("]");
        });
        self.raw(",\n    skill_order: ");
        self.option(skill_order.as_ref(), |w, ids| {
            w.raw("[");
            for (i, id) in ids.iter().enumerate() {
                if i > 0 {
                    w.raw(", ");
                }
                w.string(id.as_str());
            }
            w.raw("]");
        });
        self.raw(",\n");
        self.graveyard(graveyard);
        self.raw("  ),\n");
    }

    /// What was deleted: a thing per line.
    fn graveyard(&mut self, graveyard: &Graveyard) {
        let Graveyard {
            skills,
            items,
            milestones,
            sessions,
            notes,
        } = graveyard;
        self.raw("    graveyard: (\n");
        let list = |w: &mut Self, name: &str, count: usize, each: &mut dyn FnMut(&mut Self, usize)| {
            w.raw("      ");
            w.raw(name);
            w.raw(": [");
            for i in 0..count {
                w.raw("\n        ");
                each(w, i);
                w.raw(",");
            }
            w.raw(if count == 0 { "],\n" } else { "\n      ],\n" });
        };
        list(self, "skills", skills.len(), &mut |w, i| {
            w.custom_skill(&skills[i])
        });
        list(self, "items", items.len(), &mut |w, i| w.item(&items[i]));
        list(self, "milestones", milestones.len(), &mut |w, i| {
            w.milestone(&milestones[i])
        });
        list(self, "sessions", sessions.len(), &mut |w, i| {
            w.session(&sessions[i])
        });
        list(self, "notes", notes.len(), &mut |w, i| {
            w.raw("(session: ");
            w.number(notes[i].session.0);
            w.raw(", note: ");
            w.note(&notes[i].note);
            w.raw(")");
        });
        self.raw("    ),\n");
    }

    /// `{` then `"key": value,` per line, then `},` (the `{` is written by
    /// the caller).
    fn keyed<K: std::fmt::Display, V>(&mut self, map: &BTreeMap<K, V>, mut value: impl FnMut(&mut Self, &V)) {
        if map.is_empty() {
            self.raw("},\n");
            return;
        }
        for (key, v) in map {
            self.raw("\n      ");
            self.string(&key.to_string());
            self.raw(": ");
            value(self, v);
            self.raw(",");
        }
        self.raw("\n    },\n");
    }

    /// A clock: `[(replica, time), …]`.
    fn clock(&mut self, clock: &Clock) {
        self.raw("[");
        for (i, (replica, at)) in clock.0.iter().enumerate() {
            self.raw(if i == 0 { "(" } else { ", (" });
            self.number(u64::from(replica.0));
            self.raw(", ");
            self.number(*at);
            self.raw(")");
        }
        self.raw("]");
    }

    /// `  name: [` then one element per line, indented by four spaces.
    fn list<T>(&mut self, name: &str, items: &[T], mut each: impl FnMut(&mut Self, &T)) {
        self.raw("  ");
        self.raw(name);
        if items.is_empty() {
            self.raw(": [],\n");
            return;
        }
        self.raw(": [\n");
        for item in items {
            self.raw("    ");
            each(self, item);
            self.raw(",\n");
        }
        self.raw("  ],\n");
    }

    fn skill_entry(&mut self, entry: &SkillEntry) {
        let SkillEntry {
            self_rating,
            mentor_rating,
            will,
            evidence,
            mentor_note,
        } = entry;
        let first = &mut true;
        self.raw("(");
        for (name, level) in [
            ("self_rating", self_rating),
            ("mentor_rating", mentor_rating),
            ("will", will),
        ] {
            if let Some(level) = level {
                self.key(first, name);
                self.raw("Some(");
                self.number(u64::from(level.get()));
                self.raw(")");
            }
        }
        for (name, text) in [("evidence", evidence), ("mentor_note", mentor_note)] {
            if !text.is_empty() {
                self.key(first, name);
                self.string(text);
            }
        }
        self.raw(")");
    }

    fn custom_skill(&mut self, skill: &CustomSkill) {
        let CustomSkill {
            id,
            name,
            description,
            needs,
        } = skill;
        self.raw("(id: ");
        self.string(id.as_str());
        self.raw(", name: ");
        self.string(name);
        if !description.is_empty() {
            self.raw(", description: ");
            self.string(description);
        }
        if !needs.is_empty() {
            self.raw(", needs: {");
            for (i, (role, level)) in needs.iter().enumerate() {
                if i > 0 {
                    self.raw(", ");
                }
                self.string(role.as_str());
                self.raw(": ");
                self.number(u64::from(level.get()));
            }
            self.raw("}");
        }
        self.raw(")");
    }

    fn item(&mut self, item: &ChecklistItem) {
        let ChecklistItem {
            id,
            text,
            skill,
            role,
            status,
            due,
            notes,
            evidence,
            created,
            completed,
            source,
            session,
        } = item;
        let first = &mut true;
        self.raw("(");
        self.key(first, "id");
        self.number(id.0);
        self.key(first, "text");
        self.string(text);
        if let Some(skill) = skill {
            self.key(first, "skill");
            self.option(Some(skill.as_str()), Self::string);
        }
        if let Some(role) = role {
            self.key(first, "role");
            self.option(Some(role.as_str()), Self::string);
        }
        if *status != Status::default() {
            self.key(first, "status");
            self.status(*status);
        }
        if let Some(due) = due {
            self.key(first, "due");
            self.option(Some(*due), Self::date);
        }
        for (name, value) in [("notes", notes), ("evidence", evidence)] {
            if !value.is_empty() {
                self.key(first, name);
                self.string(value);
            }
        }
        self.key(first, "created");
        self.date(*created);
        if let Some(completed) = completed {
            self.key(first, "completed");
            self.option(Some(*completed), Self::date);
        }
        if let Some(source) = source {
            self.key(first, "source");
            self.option(Some(source.as_str()), Self::string);
        }
        if let Some(session) = session {
            self.key(first, "session");
            self.option(Some(session.0), Self::number);
        }
        self.raw(")");
    }

    fn milestone(&mut self, milestone: &Milestone) {
        let Milestone {
            id,
            title,
            date,
            reached,
        } = milestone;
        self.raw("(id: ");
        self.number(id.0);
        self.raw(", title: ");
        self.string(title);
        self.raw(", date: ");
        self.date(*date);
        if *reached {
            self.raw(", reached: true");
        }
        self.raw(")");
    }

    fn snapshots(&mut self, snapshots: &[Snapshot]) {
        if snapshots.is_empty() {
            self.raw("  snapshots: [],\n");
            return;
        }
        self.raw("  snapshots: [\n");
        for (snapshot, since) in snapshots.iter().zip(changes(snapshots)) {
            self.raw("    ");
            self.snapshot(snapshot, since.as_ref());
            self.raw(",\n");
        }
        self.raw("  ],\n");
    }

    fn snapshot(&mut self, snapshot: &Snapshot, since: Option<&SnapshotDelta<'_>>) {
        let Snapshot {
            id,
            date,
            label,
            target_role,
            skills,
            items,
            session,
        } = snapshot;
        self.raw("(\n      id: ");
        self.number(id.0);
        self.raw(", date: ");
        self.date(*date);
        if !label.is_empty() {
            self.raw(", label: ");
            self.string(label);
        }
        self.raw(", target_role: ");
        self.string(target_role.as_str());
        if let Some(session) = session {
            self.raw(", session: Some(");
            self.number(session.0);
            self.raw(")");
        }
        self.raw(",\n");
        match since {
            Some(delta) => self.delta(delta),
            None => {
                self.map("      skills", skills.iter(), |w, (id, skill)| {
                    w.string(id.as_str());
                    w.raw(": ");
                    w.snapshot_skill(skill);
                });
                self.map("      items", items.iter(), |w, (id, item)| {
                    w.number(id.0);
                    w.raw(": ");
                    w.snapshot_item(item);
                });
            }
        }
        self.raw("    )");
    }

    /// `NAME: {` (`name` carries its indentation), then one entry per line two
    /// spaces further in, then `},`; nothing for an empty map.
    fn map<T>(
        &mut self,
        name: &str,
        entries: impl ExactSizeIterator<Item = T>,
        mut each: impl FnMut(&mut Self, T),
    ) {
        if entries.len() == 0 {
            return;
        }
        let indent = &name[..name.len() - name.trim_start().len()];
        self.raw(name);
        self.raw(": {\n");
        for entry in entries {
            self.raw(indent);
            self.raw("  ");
            each(self, entry);
            self.raw(",\n");
        }
        self.raw(indent);
        self.raw("},\n");
    }

    fn delta(&mut self, delta: &SnapshotDelta<'_>) {
        let SnapshotDelta {
            skills,
            skills_removed,
            items,
            status,
            removed,
        } = delta;
        self.raw("      since_previous: (\n");
        self.map("        skills", skills.iter(), |w, (id, skill)| {
            w.string(id.as_str());
            w.raw(": ");
            w.snapshot_skill(skill);
        });
        if !skills_removed.is_empty() {
            self.raw("        skills_removed: [");
            for (i, id) in skills_removed.iter().enumerate() {
                if i > 0 {
                    self.raw(", ");
                }
                self.string(id.as_str());
            }
            self.raw("],\n");
        }
        self.map("        items", items.iter(), |w, (id, item)| {
            w.number(id.0);
            w.raw(": ");
            w.snapshot_item(item);
        });
        if !status.is_empty() {
            // Short entries: several to a line.
            self.raw("        status: {");
            for (i, (id, status)) in status.iter().enumerate() {
                self.raw(if i % 8 == 0 { "\n          " } else { " " });
                self.number(id.0);
                self.raw(": ");
                self.status(*status);
                self.raw(",");
            }
            self.raw("\n        },\n");
        }
        if !removed.is_empty() {
            self.raw("        removed: [");
            for (i, id) in removed.iter().enumerate() {
                if i > 0 {
                    self.raw(", ");
                }
                self.number(id.0);
            }
            self.raw("],\n");
        }
        self.raw("      ),\n");
    }

    fn snapshot_skill(&mut self, skill: &SnapshotSkill) {
        let SnapshotSkill {
            self_rating,
            mentor_rating,
            evidence,
        } = skill;
        let first = &mut true;
        self.raw("(");
        for (name, level) in [("self_rating", self_rating), ("mentor_rating", mentor_rating)] {
            if let Some(level) = level {
                self.key(first, name);
                self.raw("Some(");
                self.number(u64::from(level.get()));
                self.raw(")");
            }
        }
        if !evidence.is_empty() {
            self.key(first, "evidence");
            self.string(evidence);
        }
        self.raw(")");
    }

    fn snapshot_item(&mut self, item: &SnapshotItem) {
        let SnapshotItem { text, status } = item;
        self.raw("(text: ");
        self.string(text);
        self.raw(", status: ");
        self.status(*status);
        self.raw(")");
    }

    fn session(&mut self, session: &Session) {
        let Session {
            id,
            started,
            ended,
            agenda,
            notes,
            summary,
        } = session;
        self.raw("(\n      id: ");
        self.number(id.0);
        self.raw(", started: ");
        self.datetime(*started);
        if let Some(ended) = ended {
            self.raw(", ended: Some(");
            self.datetime(*ended);
            self.raw(")");
        }
        self.raw(",\n");
        if !agenda.is_empty() {
            self.raw("      agenda: [");
            for (i, point) in agenda.iter().enumerate() {
                // Every field of a point is written: its kind and whether it
                // was discussed in the lists below.
                let AgendaPoint {
                    kind: _,
                    text,
                    done: _,
                } = point;
                if i > 0 {
                    self.raw(", ");
                }
                self.string(text);
            }
            self.raw("],\n");
            let kinds = agenda_kinds(agenda);
            if !kinds.is_empty() {
                self.raw("      agenda_kinds: [");
                for (i, kind) in kinds.into_iter().enumerate() {
                    if i > 0 {
                        self.raw(", ");
                    }
                    self.raw(match kind {
                        AgendaKind::Overdue => "Overdue",
                        AgendaKind::Open => "Open",
                        AgendaKind::Gap => "Gap",
                        AgendaKind::Change => "Change",
                        AgendaKind::Other => "Other",
                    });
                }
                self.raw("],\n");
            }
            let done = agenda_done(agenda);
            if !done.is_empty() {
                self.raw("      agenda_done: [");
                for (i, index) in done.into_iter().enumerate() {
                    if i > 0 {
                        self.raw(", ");
                    }
                    self.number(u64::try_from(index).unwrap_or(u64::MAX));
                }
                self.raw("],\n");
            }
        }
        if !notes.is_empty() {
            self.raw("      notes: [\n");
            for note in notes {
                self.raw("        ");
                self.note(note);
                self.raw(",\n");
            }
            self.raw("      ],\n");
        }
        if !summary.is_empty() {
            self.raw("      summary: ");
            self.string(summary);
            self.raw(",\n");
        }
        self.raw("    )");
    }

    fn note(&mut self, note: &SessionNote) {
        let SessionNote {
            id,
            at,
            text,
            mentor_only,
        } = note;
        self.raw("(id: ");
        self.number(id.0);
        self.raw(", at: ");
        self.datetime(*at);
        self.raw(", text: ");
        self.string(text);
        if *mentor_only {
            self.raw(", mentor_only: true");
        }
        self.raw(")");
    }
}
