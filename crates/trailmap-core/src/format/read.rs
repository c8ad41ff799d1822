//! A fast reader for plan files laid out the way Trailmap writes them.
//!
//! `ron` reads a plan through serde one character at a time, at about
//! 20–45 MB/s on plan files; a plan with years of history (2.7 MB) takes it
//! some 80 ms. This reader knows the plan's shape and reads only a strict
//! subset of RON, many times faster:
//!
//! - whitespace is spaces, tabs and line breaks; no comments;
//! - structs are `(field: value, …)` without a name, fields in any order,
//!   each at most once, only fields the model knows;
//! - strings are `"…"` with the escapes `\"`, `\\`, `\'`, `\n`, `\r`, `\t`,
//!   `\0` and `\u{…}`; numbers are plain decimal digits; options are
//!   `Some(…)` (no space before the parenthesis) or `None`;
//! - trailing commas are allowed where RON allows them.
//!
//! For anything outside that subset it returns `None`, and the caller reads
//! the text with `ron` as before — which also gives every error its line and
//! column. Within the subset it builds exactly the plan that `ron` would
//! (same defaults, same refusal of duplicate keys, same dropping of empty
//! skill entries, same checks of levels and dates, snapshots put back
//! together by the same code); the tests compare the two on generated and
//! damaged files.

use std::collections::BTreeMap;

use jiff::civil::{Date, DateTime};
use serde::Deserialize;
use serde::de::value::{Error as ValueError, StrDeserializer};

use super::snapshots::{HeldItems, ReadDelta, ReadSnapshot, apply};
use crate::model::plan::FrameworkRef;
use crate::model::session::agenda_points;
use crate::model::sync::{Clock, DeletedNote, Graveyard, Replica, Side, SyncState, Version};
use crate::model::{
    ActionId, AgendaKind, ChecklistItem, CustomSkill, ItemId, Level, Milestone, Person, Plan, RoleId,
    Session, SessionNote, SkillEntry, SkillId, Snapshot, SnapshotItem, SnapshotSkill, Status,
};

/// The plan in `text`, if `text` is in the subset this reader knows (see the
/// module notes); `None` means "ask `ron`", not "invalid".
pub fn parse_plan_fast(text: &str) -> Option<Plan> {
    let mut p = Reader {
        bytes: text.as_bytes(),
        text,
        at: 0,
    };
    let plan = p.plan()?;
    p.ws();
    (p.at == p.bytes.len()).then_some(plan)
}

/// Reads one `(field: value, …)` struct into one local `Option` per field,
/// named after the field (`None` when it is absent). A field that comes
/// twice, or one not listed, makes the read fail, as in RON. The caller then
/// builds the value with a struct literal naming every field, so a field
/// added to the model does not compile until it is read here.
macro_rules! read_fields {
    ($reader:expr, |$p:ident| { $($field:ident: $read:expr),+ $(,)? }) => {
        $( let mut $field = None; )+
        $reader.fields(|$p, name| {
            match name {
                $( stringify!($field) => {
                    if $field.is_some() {
                        return None;
                    }
                    $field = Some($read);
                } )+
                _ => return None,
            }
            Some(())
        })?;
    };
}

struct Reader<'a> {
    bytes: &'a [u8],
    text: &'a str,
    at: usize,
}

impl<'a> Reader<'a> {
    fn ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.bytes.get(self.at) {
            self.at += 1;
        }
    }

    /// The next byte after whitespace, without taking it.
    fn peek(&mut self) -> Option<u8> {
        self.ws();
        self.bytes.get(self.at).copied()
    }

    /// Takes `byte` after whitespace.
    fn eat(&mut self, byte: u8) -> Option<()> {
        (self.peek()? == byte).then(|| self.at += 1)
    }

    /// Takes `byte` if it comes next (after whitespace); reports whether it did.
    fn eat_if(&mut self, byte: u8) -> bool {
        self.eat(byte).is_some()
    }

    /// An identifier: an ASCII letter or `_`, then letters, digits or `_`.
    fn ident(&mut self) -> Option<&'a str> {
        self.ws();
        let start = self.at;
        match self.bytes.get(self.at) {
            Some(b) if b.is_ascii_alphabetic() || *b == b'_' => self.at += 1,
            _ => return None,
        }
        while let Some(b) = self.bytes.get(self.at)
            && (b.is_ascii_alphanumeric() || *b == b'_')
        {
            self.at += 1;
        }
        // A non-ASCII letter would continue a RON identifier: leave it to ron.
        if self.bytes.get(self.at).is_some_and(|b| *b >= 0x80) {
            return None;
        }
        self.text.get(start..self.at)
    }

    /// A string literal, unescaped.
    fn string(&mut self) -> Option<String> {
        self.eat(b'"')?;
        // Most strings have no escapes: one exact allocation.
        let rest = self.bytes.get(self.at..)?;
        let stop = memchr::memchr2(b'"', b'\\', rest)?;
        if rest[stop] == b'"' {
            let out = self.text.get(self.at..self.at + stop)?.to_owned();
            self.at += stop + 1;
            return Some(out);
        }
        let mut out = String::with_capacity(stop + 16);
        loop {
            let rest = self.bytes.get(self.at..)?;
            let stop = memchr::memchr2(b'"', b'\\', rest)?;
            // Both stops are ASCII, so the slice ends on a char boundary.
            out.push_str(self.text.get(self.at..self.at + stop)?);
            self.at += stop;
            if self.bytes[self.at] == b'"' {
                self.at += 1;
                return Some(out);
            }
            self.at += 1;
            let escaped = *self.bytes.get(self.at)?;
            self.at += 1;
            match escaped {
                b'"' => out.push('"'),
                b'\\' => out.push('\\'),
                b'\'' => out.push('\''),
                b'n' => out.push('\n'),
                b'r' => out.push('\r'),
                b't' => out.push('\t'),
                b'0' => out.push('\0'),
                b'u' => {
                    if self.bytes.get(self.at) != Some(&b'{') {
                        return None;
                    }
                    self.at += 1;
                    let digits = self
                        .bytes
                        .get(self.at..)?
                        .iter()
                        .take(7)
                        .position(|&b| b == b'}')?;
                    if digits == 0 {
                        return None;
                    }
                    let hex = self.text.get(self.at..self.at + digits)?;
                    let code = u32::from_str_radix(hex, 16).ok()?;
                    // `from_str_radix` takes a leading `+`; RON does not.
                    if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
                        return None;
                    }
                    out.push(char::from_u32(code)?);
                    self.at += digits + 1;
                }
                _ => return None,
            }
        }
    }

    /// An unsigned decimal number: digits only, no leading zero unless it is
    /// `0`, and not followed by anything that would make it another token.
    fn number(&mut self) -> Option<u64> {
        self.ws();
        let start = self.at;
        let mut n: u64 = 0;
        while let Some(b) = self.bytes.get(self.at)
            && b.is_ascii_digit()
        {
            n = n.checked_mul(10)?.checked_add(u64::from(b - b'0'))?;
            self.at += 1;
        }
        let digits = self.at - start;
        if digits == 0 || (digits > 1 && self.bytes[start] == b'0') {
            return None;
        }
        match self.bytes.get(self.at) {
            None | Some(b' ' | b'\t' | b'\n' | b'\r' | b',' | b')' | b']' | b'}' | b':') => Some(n),
            _ => None,
        }
    }

    fn level(&mut self) -> Option<Level> {
        Level::new(u8::try_from(self.number()?).ok()?)
    }

    /// A position in a list (`usize`, as serde reads it).
    fn index(&mut self) -> Option<usize> {
        usize::try_from(self.number()?).ok()
    }

    fn boolean(&mut self) -> Option<bool> {
        match self.ident()? {
            "true" => Some(true),
            "false" => Some(false),
            _ => None,
        }
    }

    fn agenda_kind(&mut self) -> Option<AgendaKind> {
        match self.ident()? {
            "Overdue" => Some(AgendaKind::Overdue),
            "Open" => Some(AgendaKind::Open),
            "Gap" => Some(AgendaKind::Gap),
            "Change" => Some(AgendaKind::Change),
            "Other" => Some(AgendaKind::Other),
            _ => None,
        }
    }

    fn status(&mut self) -> Option<Status> {
        match self.ident()? {
            "Open" => Some(Status::Open),
            "InProgress" => Some(Status::InProgress),
            "Done" => Some(Status::Done),
            "Dropped" => Some(Status::Dropped),
            _ => None,
        }
    }

    /// A string literal without escapes, as a slice of the text (dates and
    /// times never need one; with one, ron reads the file).
    fn plain_string(&mut self) -> Option<&'a str> {
        self.eat(b'"')?;
        let rest = self.bytes.get(self.at..)?;
        let end = memchr::memchr2(b'"', b'\\', rest)?;
        if rest[end] != b'"' {
            return None;
        }
        let text = self.text.get(self.at..self.at + end)?;
        self.at += end + 1;
        Some(text)
    }

    /// A date, read the way its serde form is read (jiff's own parser).
    fn date(&mut self) -> Option<Date> {
        Date::deserialize(StrDeserializer::<ValueError>::new(self.plain_string()?)).ok()
    }

    fn datetime(&mut self) -> Option<DateTime> {
        DateTime::deserialize(StrDeserializer::<ValueError>::new(self.plain_string()?)).ok()
    }

    /// `None` or `Some(value)`.
    fn option<T>(&mut self, value: impl FnOnce(&mut Self) -> Option<T>) -> Option<Option<T>> {
        match self.ident()? {
            "None" => Some(None),
            "Some" => {
                // `Some(` exactly: anything else is left to ron.
                if self.bytes.get(self.at) != Some(&b'(') {
                    return None;
                }
                self.at += 1;
                let v = value(self)?;
                self.eat(b')')?;
                Some(Some(v))
            }
            _ => None,
        }
    }

    /// `(name: value, …)`: calls `field` with each name, which reads the value.
    fn fields(&mut self, mut field: impl FnMut(&mut Self, &'a str) -> Option<()>) -> Option<()> {
        self.eat(b'(')?;
        loop {
            if self.eat_if(b')') {
                return Some(());
            }
            let name = self.ident()?;
            self.eat(b':')?;
            field(self, name)?;
            if !self.eat_if(b',') {
                return self.eat(b')');
            }
        }
    }

    /// `[a, b, …]`.
    fn list<T>(&mut self, mut item: impl FnMut(&mut Self) -> Option<T>) -> Option<Vec<T>> {
        self.eat(b'[')?;
        let mut out = Vec::new();
        loop {
            if self.eat_if(b']') {
                return Some(out);
            }
            out.push(item(self)?);
            if !self.eat_if(b',') {
                self.eat(b']')?;
                return Some(out);
            }
        }
    }

    /// `{key: value, …}` with every key at most once.
    fn map<K: Ord, V>(
        &mut self,
        mut key: impl FnMut(&mut Self) -> Option<K>,
        mut value: impl FnMut(&mut Self) -> Option<V>,
    ) -> Option<BTreeMap<K, V>> {
        self.eat(b'{')?;
        let mut out = BTreeMap::new();
        loop {
            if self.eat_if(b'}') {
                return Some(out);
            }
            let k = key(self)?;
            self.eat(b':')?;
            let v = value(self)?;
            if out.insert(k, v).is_some() {
                return None;
            }
            if !self.eat_if(b',') {
                self.eat(b'}')?;
                return Some(out);
            }
        }
    }

    fn item_id(&mut self) -> Option<ItemId> {
        self.number().map(ItemId)
    }

    fn skill_id(&mut self) -> Option<SkillId> {
        self.string().map(SkillId)
    }

    fn role_id(&mut self) -> Option<RoleId> {
        self.string().map(RoleId)
    }

    fn plan(&mut self) -> Option<Plan> {
        read_fields!(self, |p| {
            format_version: u32::try_from(p.number()?).ok()?,
            id: p.string()?,
            side: p.side()?,
            framework: p.framework_ref()?,
            person: p.person()?,
            current_role: p.role_id()?,
            target_role: p.role_id()?,
            target_date: p.option(Self::date)?,
            skills: p.map(Self::skill_id, Self::skill_entry)?,
            custom_skills: p.list(Self::custom_skill)?,
            checklist: p.list(Self::item)?,
            milestones: p.list(Self::milestone)?,
            snapshots: p.snapshots()?,
            sessions: p.list(Self::session)?,
            private_notes: p.string()?,
            mentor_notes: p.string()?,
            sync: p.sync()?,
            next_id: p.number()?,
        });
        let default = Plan::default();
        let mut skills = skills.unwrap_or_default();
        skills.retain(|_, entry: &mut SkillEntry| !entry.is_empty());
        Some(Plan {
            // A missing version reads as 0 (see `Plan::format_version`).
            format_version: format_version.unwrap_or(0),
            id: id.unwrap_or_default(),
            side: side.unwrap_or_default(),
            framework: framework.unwrap_or(default.framework),
            person: person.unwrap_or(default.person),
            current_role: current_role.unwrap_or(default.current_role),
            target_role: target_role.unwrap_or(default.target_role),
            target_date: target_date.unwrap_or(default.target_date),
            skills,
            custom_skills: custom_skills.unwrap_or_default(),
            checklist: checklist.unwrap_or_default(),
            milestones: milestones.unwrap_or_default(),
            snapshots: snapshots.unwrap_or_default(),
            sessions: sessions.unwrap_or_default(),
            private_notes: private_notes.unwrap_or_default(),
            mentor_notes: mentor_notes.unwrap_or_default(),
            sync: sync.unwrap_or_default(),
            next_id: next_id.unwrap_or(default.next_id),
        })
    }

    fn side(&mut self) -> Option<Side> {
        match self.ident()? {
            "Mentee" => Some(Side::Mentee),
            "Mentor" => Some(Side::Mentor),
            _ => None,
        }
    }

    fn sync(&mut self) -> Option<SyncState> {
        read_fields!(self, |p| {
            clock: p.number()?,
            mentee_layer: p.boolean()?,
            mentor_layer: p.boolean()?,
            stamps: p.map(|p| p.string()?.parse().ok(), Self::clock)?,
            removed: p.map(|p| p.string()?.parse().ok(), Self::clock)?,
            conflicts: p.map(|p| p.string()?.parse().ok(), |p| p.list(Self::version))?,
            checklist_order: p.option(|p| p.list(Self::item_id))?,
            skill_order: p.option(|p| p.list(Self::skill_id))?,
            graveyard: p.graveyard()?,
        });
        let default = SyncState::default();
        Some(SyncState {
            clock: clock.unwrap_or(default.clock),
            mentee_layer: mentee_layer.unwrap_or(default.mentee_layer),
            mentor_layer: mentor_layer.unwrap_or(default.mentor_layer),
            stamps: stamps.unwrap_or_default(),
            removed: removed.unwrap_or_default(),
            conflicts: conflicts.unwrap_or_default(),
            checklist_order: checklist_order.flatten(),
            skill_order: skill_order.flatten(),
            graveyard: graveyard.unwrap_or_default(),
        })
    }

    fn graveyard(&mut self) -> Option<Graveyard> {
        read_fields!(self, |p| {
            skills: p.list(Self::custom_skill)?,
            items: p.list(Self::item)?,
            milestones: p.list(Self::milestone)?,
            sessions: p.list(Self::session)?,
            notes: p.list(|p| {
                read_fields!(p, |q| { session: q.item_id()?, note: q.note()? });
                Some(DeletedNote {
                    session: session?,
                    note: note?,
                })
            })?,
        });
        Some(Graveyard {
            skills: skills.unwrap_or_default(),
            items: items.unwrap_or_default(),
            milestones: milestones.unwrap_or_default(),
            sessions: sessions.unwrap_or_default(),
            notes: notes.unwrap_or_default(),
        })
    }

    /// `[(replica, time), …]`.
    fn clock(&mut self) -> Option<Clock> {
        let pairs = self.list(|p| {
            p.eat(b'(')?;
            let replica = u32::try_from(p.number()?).ok()?;
            p.eat(b',')?;
            let at = p.number()?;
            p.eat_if(b',');
            p.eat(b')')?;
            Some((Replica(replica), at))
        })?;
        Some(Clock(pairs))
    }

    fn version(&mut self) -> Option<Version> {
        read_fields!(self, |p| { text: p.string()?, clock: p.clock()? });
        Some(Version {
            text: text?,
            clock: clock?,
        })
    }

    fn framework_ref(&mut self) -> Option<FrameworkRef> {
        read_fields!(self, |p| { id: p.string()? });
        Some(FrameworkRef { id: id? })
    }

    fn person(&mut self) -> Option<Person> {
        read_fields!(self, |p| { name: p.string()?, mentor: p.string()? });
        Some(Person {
            name: name.unwrap_or_default(),
            mentor: mentor.unwrap_or_default(),
        })
    }

    fn skill_entry(&mut self) -> Option<SkillEntry> {
        read_fields!(self, |p| {
            self_rating: p.option(Self::level)?,
            mentor_rating: p.option(Self::level)?,
            will: p.option(Self::level)?,
            evidence: p.string()?,
            mentor_note: p.string()?,
        });
        Some(SkillEntry {
            self_rating: self_rating.flatten(),
            mentor_rating: mentor_rating.flatten(),
            will: will.flatten(),
            evidence: evidence.unwrap_or_default(),
            mentor_note: mentor_note.unwrap_or_default(),
        })
    }

    fn custom_skill(&mut self) -> Option<CustomSkill> {
        read_fields!(self, |p| {
            id: p.skill_id()?,
            name: p.string()?,
            description: p.string()?,
            needs: p.map(Self::role_id, Self::level)?,
        });
        Some(CustomSkill {
            id: id?,
            name: name?,
            description: description.unwrap_or_default(),
            needs: needs.unwrap_or_default(),
        })
    }

    fn item(&mut self) -> Option<ChecklistItem> {
        read_fields!(self, |p| {
            id: p.item_id()?,
            text: p.string()?,
            skill: p.option(Self::skill_id)?,
            role: p.option(Self::role_id)?,
            status: p.status()?,
            due: p.option(Self::date)?,
            notes: p.string()?,
            evidence: p.string()?,
            created: p.date()?,
            completed: p.option(Self::date)?,
            source: p.option(|p| p.string().map(ActionId))?,
            session: p.option(Self::item_id)?,
        });
        Some(ChecklistItem {
            id: id?,
            text: text?,
            skill: skill.flatten(),
            role: role.flatten(),
            status: status.unwrap_or_default(),
            due: due.flatten(),
            notes: notes.unwrap_or_default(),
            evidence: evidence.unwrap_or_default(),
            created: created?,
            completed: completed.flatten(),
            source: source.flatten(),
            session: session.flatten(),
        })
    }

    fn milestone(&mut self) -> Option<Milestone> {
        read_fields!(self, |p| {
            id: p.item_id()?,
            title: p.string()?,
            date: p.date()?,
            reached: p.boolean()?,
        });
        Some(Milestone {
            id: id?,
            title: title?,
            date: date?,
            reached: reached.unwrap_or_default(),
        })
    }

    fn snapshot_skill(&mut self) -> Option<SnapshotSkill> {
        read_fields!(self, |p| {
            self_rating: p.option(Self::level)?,
            mentor_rating: p.option(Self::level)?,
            evidence: p.string()?,
        });
        Some(SnapshotSkill {
            self_rating: self_rating.flatten(),
            mentor_rating: mentor_rating.flatten(),
            evidence: evidence.unwrap_or_default().into(),
        })
    }

    fn snapshot_item(&mut self) -> Option<SnapshotItem> {
        read_fields!(self, |p| { text: p.string()?, status: p.status()? });
        Some(SnapshotItem {
            text: text?.into(),
            status: status?,
        })
    }

    fn delta(&mut self) -> Option<ReadDelta> {
        read_fields!(self, |p| {
            skills: p.map(Self::skill_id, Self::snapshot_skill)?,
            skills_removed: p.list(Self::skill_id)?,
            items: p.map(Self::item_id, Self::snapshot_item)?,
            status: p.map(Self::item_id, Self::status)?,
            removed: p.list(Self::item_id)?,
        });
        Some(ReadDelta {
            skills: skills.unwrap_or_default(),
            skills_removed: skills_removed.unwrap_or_default(),
            items: items.unwrap_or_default(),
            status: status.unwrap_or_default(),
            removed: removed.unwrap_or_default(),
        })
    }

    fn read_snapshot(&mut self) -> Option<ReadSnapshot> {
        read_fields!(self, |p| {
            id: p.item_id()?,
            date: p.date()?,
            label: p.string()?,
            target_role: p.role_id()?,
            skills: p.map(Self::skill_id, Self::snapshot_skill)?,
            items: p.map(Self::item_id, Self::snapshot_item)?,
            session: p.option(Self::item_id)?,
            since_previous: p.delta()?,
        });
        Some(ReadSnapshot {
            id: id?,
            date: date?,
            label: label.unwrap_or_default(),
            target_role: target_role?,
            skills: skills.unwrap_or_default(),
            items: items.unwrap_or_default(),
            session: session.flatten(),
            since_previous,
        })
    }

    /// The snapshots, each put back together by the model's own code.
    fn snapshots(&mut self) -> Option<Vec<Snapshot>> {
        let read = self.list(Self::read_snapshot)?;
        let mut snapshots: Vec<Snapshot> = Vec::with_capacity(read.len());
        let mut held = HeldItems::new();
        for (index, snapshot) in read.into_iter().enumerate() {
            let whole = apply(index, snapshots.last(), snapshot, &mut held).ok()?;
            snapshots.push(whole);
        }
        Some(snapshots)
    }

    fn note(&mut self) -> Option<SessionNote> {
        read_fields!(self, |p| {
            id: p.item_id()?,
            at: p.datetime()?,
            text: p.string()?,
            mentor_only: p.boolean()?,
        });
        Some(SessionNote {
            id: id?,
            at: at?,
            text: text?,
            mentor_only: mentor_only.unwrap_or_default(),
        })
    }

    fn session(&mut self) -> Option<Session> {
        read_fields!(self, |p| {
            id: p.item_id()?,
            started: p.datetime()?,
            ended: p.option(Self::datetime)?,
            agenda: p.list(Self::string)?,
            agenda_kinds: p.list(Self::agenda_kind)?,
            agenda_done: p.list(Self::index)?,
            notes: p.list(Self::note)?,
            summary: p.string()?,
        });
        Some(Session {
            id: id?,
            started: started?,
            ended: ended.flatten(),
            agenda: agenda_points(
                agenda.unwrap_or_default(),
                agenda_kinds.unwrap_or_default(),
                &agenda_done.unwrap_or_default(),
            ),
            notes: notes.unwrap_or_default(),
            summary: summary.unwrap_or_default(),
        })
    }
}
