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

use crate::model::snapshot_file::{ReadDelta, ReadSnapshot, apply};
use crate::model::{
    ActionId, ChecklistItem, CustomSkill, ItemId, Level, Milestone, Person, Plan, RoleId, Session,
    SessionNote, SkillEntry, SkillId, Snapshot, SnapshotItem, SnapshotSkill, Status,
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

/// Marks a field as seen; `None` when it was seen before (RON refuses a
/// duplicate field).
fn first_time(seen: &mut u32, bit: u32) -> Option<()> {
    let mask = 1 << bit;
    if *seen & mask != 0 {
        return None;
    }
    *seen |= mask;
    Some(())
}

/// Whether all `bits` were seen (the required fields).
fn all(seen: u32, bits: &[u32]) -> Option<()> {
    bits.iter().all(|b| seen & (1 << b) != 0).then_some(())
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

    fn boolean(&mut self) -> Option<bool> {
        match self.ident()? {
            "true" => Some(true),
            "false" => Some(false),
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
        // Missing fields take the plan's defaults, but a missing version
        // reads as 0 (see `Plan::format_version`).
        let mut plan = Plan {
            format_version: 0,
            ..Plan::default()
        };
        let mut seen = 0;
        self.fields(|p, name| {
            match name {
                "format_version" => {
                    first_time(&mut seen, 0)?;
                    plan.format_version = u32::try_from(p.number()?).ok()?;
                }
                "framework" => {
                    first_time(&mut seen, 1)?;
                    let mut id = None;
                    p.fields(|p, name| match name {
                        "id" if id.is_none() => {
                            id = Some(p.string()?);
                            Some(())
                        }
                        _ => None,
                    })?;
                    plan.framework.id = id?;
                }
                "person" => {
                    first_time(&mut seen, 2)?;
                    plan.person = p.person()?;
                }
                "current_role" => {
                    first_time(&mut seen, 3)?;
                    plan.current_role = p.role_id()?;
                }
                "target_role" => {
                    first_time(&mut seen, 4)?;
                    plan.target_role = p.role_id()?;
                }
                "target_date" => {
                    first_time(&mut seen, 5)?;
                    plan.target_date = p.option(Self::date)?;
                }
                "skills" => {
                    first_time(&mut seen, 6)?;
                    let mut skills = p.map(Self::skill_id, Self::skill_entry)?;
                    skills.retain(|_, entry| !entry.is_empty());
                    plan.skills = skills;
                }
                "custom_skills" => {
                    first_time(&mut seen, 7)?;
                    plan.custom_skills = p.list(Self::custom_skill)?;
                }
                "checklist" => {
                    first_time(&mut seen, 8)?;
                    plan.checklist = p.list(Self::item)?;
                }
                "milestones" => {
                    first_time(&mut seen, 9)?;
                    plan.milestones = p.list(Self::milestone)?;
                }
                "snapshots" => {
                    first_time(&mut seen, 10)?;
                    plan.snapshots = p.snapshots()?;
                }
                "sessions" => {
                    first_time(&mut seen, 11)?;
                    plan.sessions = p.list(Self::session)?;
                }
                "private_notes" => {
                    first_time(&mut seen, 12)?;
                    plan.private_notes = p.string()?;
                }
                "next_id" => {
                    first_time(&mut seen, 13)?;
                    plan.next_id = p.number()?;
                }
                _ => return None,
            }
            Some(())
        })?;
        Some(plan)
    }

    fn person(&mut self) -> Option<Person> {
        let mut person = Person::default();
        let mut seen = 0;
        self.fields(|p, name| {
            match name {
                "name" => {
                    first_time(&mut seen, 0)?;
                    person.name = p.string()?;
                }
                "mentor" => {
                    first_time(&mut seen, 1)?;
                    person.mentor = p.string()?;
                }
                _ => return None,
            }
            Some(())
        })?;
        Some(person)
    }

    fn skill_entry(&mut self) -> Option<SkillEntry> {
        let mut entry = SkillEntry::default();
        let mut seen = 0;
        self.fields(|p, name| {
            match name {
                "self_rating" => {
                    first_time(&mut seen, 0)?;
                    entry.self_rating = p.option(Self::level)?;
                }
                "mentor_rating" => {
                    first_time(&mut seen, 1)?;
                    entry.mentor_rating = p.option(Self::level)?;
                }
                "will" => {
                    first_time(&mut seen, 2)?;
                    entry.will = p.option(Self::level)?;
                }
                "evidence" => {
                    first_time(&mut seen, 3)?;
                    entry.evidence = p.string()?;
                }
                "mentor_note" => {
                    first_time(&mut seen, 4)?;
                    entry.mentor_note = p.string()?;
                }
                _ => return None,
            }
            Some(())
        })?;
        Some(entry)
    }

    fn custom_skill(&mut self) -> Option<CustomSkill> {
        let (mut id, mut name, mut description, mut needs) = (None, None, String::new(), BTreeMap::new());
        let mut seen = 0;
        self.fields(|p, field| {
            match field {
                "id" => {
                    first_time(&mut seen, 0)?;
                    id = Some(p.skill_id()?);
                }
                "name" => {
                    first_time(&mut seen, 1)?;
                    name = Some(p.string()?);
                }
                "description" => {
                    first_time(&mut seen, 2)?;
                    description = p.string()?;
                }
                "needs" => {
                    first_time(&mut seen, 3)?;
                    needs = p.map(Self::role_id, Self::level)?;
                }
                _ => return None,
            }
            Some(())
        })?;
        Some(CustomSkill {
            id: id?,
            name: name?,
            description,
            needs,
        })
    }

    fn item(&mut self) -> Option<ChecklistItem> {
        let mut item = ChecklistItem::new(ItemId(0), String::new(), Date::ZERO);
        let mut seen = 0;
        self.fields(|p, name| {
            match name {
                "id" => {
                    first_time(&mut seen, 0)?;
                    item.id = p.item_id()?;
                }
                "text" => {
                    first_time(&mut seen, 1)?;
                    item.text = p.string()?;
                }
                "skill" => {
                    first_time(&mut seen, 2)?;
                    item.skill = p.option(Self::skill_id)?;
                }
                "role" => {
                    first_time(&mut seen, 3)?;
                    item.role = p.option(Self::role_id)?;
                }
                "status" => {
                    first_time(&mut seen, 4)?;
                    item.status = p.status()?;
                }
                "due" => {
                    first_time(&mut seen, 5)?;
                    item.due = p.option(Self::date)?;
                }
                "notes" => {
                    first_time(&mut seen, 6)?;
                    item.notes = p.string()?;
                }
                "evidence" => {
                    first_time(&mut seen, 7)?;
                    item.evidence = p.string()?;
                }
                "created" => {
                    first_time(&mut seen, 8)?;
                    item.created = p.date()?;
                }
                "completed" => {
                    first_time(&mut seen, 9)?;
                    item.completed = p.option(Self::date)?;
                }
                "source" => {
                    first_time(&mut seen, 10)?;
                    item.source = p.option(|p| p.string().map(ActionId))?;
                }
                "session" => {
                    first_time(&mut seen, 11)?;
                    item.session = p.option(Self::item_id)?;
                }
                _ => return None,
            }
            Some(())
        })?;
        all(seen, &[0, 1, 8])?;
        Some(item)
    }

    fn milestone(&mut self) -> Option<Milestone> {
        let (mut id, mut title, mut date, mut reached) = (None, None, None, false);
        let mut seen = 0;
        self.fields(|p, name| {
            match name {
                "id" => {
                    first_time(&mut seen, 0)?;
                    id = Some(p.item_id()?);
                }
                "title" => {
                    first_time(&mut seen, 1)?;
                    title = Some(p.string()?);
                }
                "date" => {
                    first_time(&mut seen, 2)?;
                    date = Some(p.date()?);
                }
                "reached" => {
                    first_time(&mut seen, 3)?;
                    reached = p.boolean()?;
                }
                _ => return None,
            }
            Some(())
        })?;
        Some(Milestone {
            id: id?,
            title: title?,
            date: date?,
            reached,
        })
    }

    fn snapshot_skill(&mut self) -> Option<SnapshotSkill> {
        let mut skill = SnapshotSkill::default();
        let mut seen = 0;
        self.fields(|p, name| {
            match name {
                "self_rating" => {
                    first_time(&mut seen, 0)?;
                    skill.self_rating = p.option(Self::level)?;
                }
                "mentor_rating" => {
                    first_time(&mut seen, 1)?;
                    skill.mentor_rating = p.option(Self::level)?;
                }
                "evidence" => {
                    first_time(&mut seen, 2)?;
                    skill.evidence = p.string()?;
                }
                _ => return None,
            }
            Some(())
        })?;
        Some(skill)
    }

    fn snapshot_item(&mut self) -> Option<SnapshotItem> {
        let (mut text, mut status) = (None, None);
        let mut seen = 0;
        self.fields(|p, name| {
            match name {
                "text" => {
                    first_time(&mut seen, 0)?;
                    text = Some(p.string()?);
                }
                "status" => {
                    first_time(&mut seen, 1)?;
                    status = Some(p.status()?);
                }
                _ => return None,
            }
            Some(())
        })?;
        Some(SnapshotItem {
            text: text?.into(),
            status: status?,
        })
    }

    fn delta(&mut self) -> Option<ReadDelta> {
        let mut delta = ReadDelta::default();
        let mut seen = 0;
        self.fields(|p, name| {
            match name {
                "skills" => {
                    first_time(&mut seen, 0)?;
                    delta.skills = p.map(Self::skill_id, Self::snapshot_skill)?;
                }
                "skills_removed" => {
                    first_time(&mut seen, 1)?;
                    delta.skills_removed = p.list(Self::skill_id)?;
                }
                "items" => {
                    first_time(&mut seen, 2)?;
                    delta.items = p.map(Self::item_id, Self::snapshot_item)?;
                }
                "status" => {
                    first_time(&mut seen, 3)?;
                    delta.status = p.map(Self::item_id, Self::status)?;
                }
                "removed" => {
                    first_time(&mut seen, 4)?;
                    delta.removed = p.list(Self::item_id)?;
                }
                _ => return None,
            }
            Some(())
        })?;
        Some(delta)
    }

    fn read_snapshot(&mut self) -> Option<ReadSnapshot> {
        let (mut id, mut date, mut target_role) = (None, None, None);
        let mut read = ReadSnapshot {
            id: ItemId(0),
            date: Date::ZERO,
            label: String::new(),
            target_role: RoleId::new(""),
            skills: BTreeMap::new(),
            items: BTreeMap::new(),
            session: None,
            since_previous: None,
        };
        let mut seen = 0;
        self.fields(|p, name| {
            match name {
                "id" => {
                    first_time(&mut seen, 0)?;
                    id = Some(p.item_id()?);
                }
                "date" => {
                    first_time(&mut seen, 1)?;
                    date = Some(p.date()?);
                }
                "label" => {
                    first_time(&mut seen, 2)?;
                    read.label = p.string()?;
                }
                "target_role" => {
                    first_time(&mut seen, 3)?;
                    target_role = Some(p.role_id()?);
                }
                "skills" => {
                    first_time(&mut seen, 4)?;
                    read.skills = p.map(Self::skill_id, Self::snapshot_skill)?;
                }
                "items" => {
                    first_time(&mut seen, 5)?;
                    read.items = p.map(Self::item_id, Self::snapshot_item)?;
                }
                "session" => {
                    first_time(&mut seen, 6)?;
                    read.session = p.option(Self::item_id)?;
                }
                "since_previous" => {
                    first_time(&mut seen, 7)?;
                    read.since_previous = Some(p.delta()?);
                }
                _ => return None,
            }
            Some(())
        })?;
        read.id = id?;
        read.date = date?;
        read.target_role = target_role?;
        Some(read)
    }

    /// The snapshots, each put back together by the model's own code.
    fn snapshots(&mut self) -> Option<Vec<Snapshot>> {
        let read = self.list(Self::read_snapshot)?;
        let mut snapshots: Vec<Snapshot> = Vec::with_capacity(read.len());
        for (index, snapshot) in read.into_iter().enumerate() {
            let whole = apply(index, snapshots.last(), snapshot).ok()?;
            snapshots.push(whole);
        }
        Some(snapshots)
    }

    fn note(&mut self) -> Option<SessionNote> {
        let (mut id, mut at, mut text, mut mentor_only) = (None, None, None, false);
        let mut seen = 0;
        self.fields(|p, name| {
            match name {
                "id" => {
                    first_time(&mut seen, 0)?;
                    id = Some(p.item_id()?);
                }
                "at" => {
                    first_time(&mut seen, 1)?;
                    at = Some(p.datetime()?);
                }
                "text" => {
                    first_time(&mut seen, 2)?;
                    text = Some(p.string()?);
                }
                "mentor_only" => {
                    first_time(&mut seen, 3)?;
                    mentor_only = p.boolean()?;
                }
                _ => return None,
            }
            Some(())
        })?;
        Some(SessionNote {
            id: id?,
            at: at?,
            text: text?,
            mentor_only,
        })
    }

    fn session(&mut self) -> Option<Session> {
        let (mut id, mut started) = (None, None);
        let (mut ended, mut agenda, mut notes, mut summary) = (None, Vec::new(), Vec::new(), String::new());
        let mut seen = 0;
        self.fields(|p, name| {
            match name {
                "id" => {
                    first_time(&mut seen, 0)?;
                    id = Some(p.item_id()?);
                }
                "started" => {
                    first_time(&mut seen, 1)?;
                    started = Some(p.datetime()?);
                }
                "ended" => {
                    first_time(&mut seen, 2)?;
                    ended = p.option(Self::datetime)?;
                }
                "agenda" => {
                    first_time(&mut seen, 3)?;
                    agenda = p.list(Self::string)?;
                }
                "notes" => {
                    first_time(&mut seen, 4)?;
                    notes = p.list(Self::note)?;
                }
                "summary" => {
                    first_time(&mut seen, 5)?;
                    summary = p.string()?;
                }
                _ => return None,
            }
            Some(())
        })?;
        Some(Session {
            id: id?,
            started: started?,
            ended,
            agenda,
            notes,
            summary,
        })
    }
}
