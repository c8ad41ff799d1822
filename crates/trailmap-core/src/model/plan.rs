//! A person's plan: where they are, where they want to go, how they rate
//! themselves, what they will do about it, and what happened in mentor sessions.

use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;

use jiff::civil::Date;
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize};

use super::framework::Framework;
use super::ids::{ActionId, ItemId, RoleId, SkillId};
use super::level::Level;
use super::session::Session;
use super::shared_text::SharedText;
use super::sync::{Side, SyncState};

/// The plan format version this build writes and reads. Files with a higher
/// version (from a newer Trailmap) open read-only and are never written over;
/// files with a lower one read as this version.
///
/// Format 2 writes each snapshot after the first as its change from the one
/// before (see `format::snapshots`); format 1 wrote every snapshot in full.
///
/// Format 3 gives each plan a random id, numbers items in the range of the
/// replica that added them, records who changed what and when (`sync`), and
/// says whose copy the file is (`side`); see `model::sync`.
pub const PLAN_FORMAT: u32 = 3;

/// A map key as it is written in a file, for error messages.
pub(crate) trait KeyText {
    /// The key as the file spells it.
    fn key_text(&self) -> String;
}

impl KeyText for SkillId {
    fn key_text(&self) -> String {
        format!("\"{}\"", self.0)
    }
}

impl KeyText for RoleId {
    fn key_text(&self) -> String {
        format!("\"{}\"", self.0)
    }
}

impl KeyText for ItemId {
    fn key_text(&self) -> String {
        self.0.to_string()
    }
}

/// Reads a map and refuses a key written twice. Serde's own map reading keeps
/// the last value without a word, which would silently drop a rating or an
/// item that a hand-edited or merged file holds twice.
pub(crate) fn unique_keys<'de, D, K, V>(de: D) -> Result<BTreeMap<K, V>, D::Error>
where
    D: Deserializer<'de>,
    K: Deserialize<'de> + Ord + KeyText,
    V: Deserialize<'de>,
{
    struct UniqueKeys<K, V>(PhantomData<(K, V)>);

    impl<'de, K, V> Visitor<'de> for UniqueKeys<K, V>
    where
        K: Deserialize<'de> + Ord + KeyText,
        V: Deserialize<'de>,
    {
        type Value = BTreeMap<K, V>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a map")
        }

        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            let mut out = BTreeMap::new();
            while let Some(key) = map.next_key::<K>()? {
                if out.contains_key(&key) {
                    return Err(de::Error::custom(format_args!(
                        "duplicate key {}: each key may appear only once in a map",
                        key.key_text()
                    )));
                }
                let value = map.next_value()?;
                out.insert(key, value);
            }
            Ok(out)
        }
    }

    de.deserialize_map(UniqueKeys(PhantomData))
}

/// Reads a snapshot's checklist (refusing duplicate keys) into the shared map
/// snapshots keep it in.
pub(crate) fn unique_items<'de, D: Deserializer<'de>>(de: D) -> Result<SnapshotItems, D::Error> {
    let items: BTreeMap<ItemId, SnapshotItem> = unique_keys(de)?;
    Ok(items.into_iter().collect())
}

/// Reads the skill entries of a plan (refusing duplicate keys) and drops the
/// empty ones.
fn non_empty_entries<'de, D: Deserializer<'de>>(de: D) -> Result<BTreeMap<SkillId, SkillEntry>, D::Error> {
    let mut entries: BTreeMap<SkillId, SkillEntry> = unique_keys(de)?;
    entries.retain(|_, entry| !entry.is_empty());
    Ok(entries)
}

/// One person's plan. Every field but the format version has a default, so a
/// file written by an older build still loads.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Plan {
    /// The format version of the file. A file without one reads as 0, which
    /// no format uses, so that reading can tell it apart.
    #[serde(default)]
    pub format_version: u32,
    /// The plan's random id, the same in every copy of it. Copies merge only
    /// when their ids match. Files from before format 3 get one made from
    /// the person's name and the framework, the same on every machine.
    pub id: String,
    /// Whose copy this is: the mentee's or the mentor's.
    pub side: Side,
    /// The framework the plan is measured against.
    pub framework: FrameworkRef,
    /// Who the plan belongs to.
    pub person: Person,
    /// The role the person holds now.
    pub current_role: RoleId,
    /// The role the person is working toward.
    pub target_role: RoleId,
    /// When the person hopes to be ready, if they have a date in mind.
    pub target_date: Option<Date>,
    /// Ratings and notes per skill (core and custom), by skill id. Holds no
    /// empty entries: an empty entry means the same as none, reading a file
    /// drops them, and [`Command::SetSkillEntry`](super::Command::SetSkillEntry)
    /// removes an entry set to empty. (With both forms in a plan, undo could
    /// not tell which one to restore.)
    #[serde(deserialize_with = "non_empty_entries")]
    pub skills: BTreeMap<SkillId, SkillEntry>,
    /// Skills the plan adds to the framework's own.
    pub custom_skills: Vec<CustomSkill>,
    /// The action checklist, in the order the person arranged it.
    pub checklist: Vec<ChecklistItem>,
    /// Dated milestones, by date (then number): the order every copy of the
    /// plan agrees on (see `model::sync`).
    pub milestones: Vec<Milestone>,
    /// Dated copies of the ratings and checklist, oldest first. In a file,
    /// each after the first is written as its change from the one before.
    #[serde(with = "crate::format::snapshots")]
    pub snapshots: Vec<Snapshot>,
    /// Mentor sessions, oldest first; the last may still be running.
    pub sessions: Vec<Session>,
    /// Notes only the person sees; never exported when redacting.
    pub private_notes: String,
    /// The mentor's own notes on the mentee; mentor-private, never in a copy
    /// shared with the mentee, never exported when redacting.
    pub mentor_notes: String,
    /// What the copy keeps for merging with other copies.
    pub sync: SyncState,
    /// The next number to hand out for a checklist item, milestone, session,
    /// snapshot or session note.
    pub next_id: u64,
}

/// Which framework a plan uses.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FrameworkRef {
    /// The framework's id.
    pub id: String,
}

impl Default for FrameworkRef {
    fn default() -> Self {
        Self {
            id: crate::model::BUILTIN_FRAMEWORK_ID.to_owned(),
        }
    }
}

/// The person a plan belongs to, and their mentor.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Person {
    /// The person's name.
    pub name: String,
    /// Their mentor's name, if they have one.
    pub mentor: String,
}

/// Ratings and notes for one skill.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SkillEntry {
    /// The person's own rating, if they have rated the skill yet.
    pub self_rating: Option<Level>,
    /// The mentor's rating, if any.
    pub mentor_rating: Option<Level>,
    /// Motivation for growing this skill (the "will" of Skill-Will), if judged.
    pub will: Option<Level>,
    /// What the person has done that shows the skill.
    pub evidence: String,
    /// The mentor's own note; private, never exported when redacting.
    pub mentor_note: String,
}

impl SkillEntry {
    /// Whether the entry holds nothing at all.
    pub fn is_empty(&self) -> bool {
        self == &Self::default()
    }
}

/// A skill the plan adds to its framework.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomSkill {
    /// Id, unique among the framework's skills and the plan's custom skills.
    pub id: SkillId,
    /// Name to show.
    pub name: String,
    /// What the skill is about.
    #[serde(default)]
    pub description: String,
    /// The level the person believes each role needs in it.
    #[serde(default, deserialize_with = "unique_keys")]
    pub needs: BTreeMap<RoleId, Level>,
}

/// Where a checklist item stands.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Status {
    /// Not started.
    #[default]
    Open,
    /// Under way.
    InProgress,
    /// Finished.
    Done,
    /// Given up on, kept for the record.
    Dropped,
}

impl Status {
    /// All statuses in display order.
    pub const ALL: [Self; 4] = [Self::Open, Self::InProgress, Self::Done, Self::Dropped];

    /// A label to show.
    pub fn label(self) -> &'static str {
        match self {
            Self::Open => "Open",
            Self::InProgress => "In progress",
            Self::Done => "Done",
            Self::Dropped => "Dropped",
        }
    }

    /// Whether the item still needs doing (open or in progress).
    pub fn is_active(self) -> bool {
        matches!(self, Self::Open | Self::InProgress)
    }
}

/// One action on the checklist.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChecklistItem {
    /// The plan's number for the item.
    pub id: ItemId,
    /// What to do.
    pub text: String,
    /// The skill it builds, if any.
    #[serde(default)]
    pub skill: Option<SkillId>,
    /// The role it prepares for, if any.
    #[serde(default)]
    pub role: Option<RoleId>,
    /// Where it stands.
    #[serde(default)]
    pub status: Status,
    /// When it should be done.
    #[serde(default)]
    pub due: Option<Date>,
    /// Free notes.
    #[serde(default)]
    pub notes: String,
    /// What came of it: links, outcomes, feedback.
    #[serde(default)]
    pub evidence: String,
    /// When it was added.
    pub created: Date,
    /// When it was done (or dropped).
    #[serde(default)]
    pub completed: Option<Date>,
    /// The library action it was seeded from, if any.
    #[serde(default)]
    pub source: Option<ActionId>,
    /// The session in which it was agreed, if any.
    #[serde(default)]
    pub session: Option<ItemId>,
}

impl ChecklistItem {
    /// A new open item with nothing but its text.
    pub fn new(id: ItemId, text: impl Into<String>, created: Date) -> Self {
        Self {
            id,
            text: text.into(),
            skill: None,
            role: None,
            status: Status::Open,
            due: None,
            notes: String::new(),
            evidence: String::new(),
            created,
            completed: None,
            source: None,
            session: None,
        }
    }

    /// The item with a new status, its completion date kept in step: set to
    /// `today` when it is first closed (done or dropped), kept when it moves
    /// between the two, and cleared when it is opened again.
    pub fn with_status(&self, status: Status, today: Date) -> ChecklistItem {
        let completed = match status {
            Status::Done | Status::Dropped => self.completed.or(Some(today)),
            Status::Open | Status::InProgress => None,
        };
        ChecklistItem {
            status,
            completed,
            ..self.clone()
        }
    }

    /// Whether the item is active and its due date is before `today`.
    pub fn is_overdue(&self, today: Date) -> bool {
        self.status.is_active() && self.due.is_some_and(|due| due < today)
    }
}

/// A dated milestone.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Milestone {
    /// The plan's number for it.
    pub id: ItemId,
    /// What it is, e.g. "Lead the Q3 planning".
    pub title: String,
    /// When.
    pub date: Date,
    /// Whether it has been reached.
    #[serde(default)]
    pub reached: bool,
}

/// Ratings of one skill at the time of a snapshot.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SnapshotSkill {
    /// The self rating then.
    pub self_rating: Option<Level>,
    /// The mentor rating then.
    pub mentor_rating: Option<Level>,
    /// The evidence text then.
    pub evidence: SharedText,
}

/// A checklist item as it stood at the time of a snapshot.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SnapshotItem {
    /// Its text then. Shared with the other snapshots that hold the same
    /// text, so that a long history costs one copy of each text.
    pub text: SharedText,
    /// Its status then.
    pub status: Status,
}

pub use super::snapshot_items::{ItemMap, SnapshotItems};

/// A dated copy of the ratings and the checklist, to see change over time.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Snapshot {
    /// The plan's number for it.
    pub id: ItemId,
    /// When it was taken.
    pub date: Date,
    /// A label, e.g. "Session 4" or "Start".
    #[serde(default)]
    pub label: String,
    /// The target role then.
    pub target_role: RoleId,
    /// Ratings per skill.
    #[serde(default, deserialize_with = "unique_keys")]
    pub skills: BTreeMap<SkillId, SnapshotSkill>,
    /// The checklist then, by item number. A persistent map: a snapshot shares
    /// the parts that did not change with the snapshot before it, so a long
    /// history costs memory and time in proportion to what changed. Read from
    /// a file, it is built when first looked at (see [`SnapshotItems`]).
    #[serde(default, deserialize_with = "unique_items")]
    pub items: SnapshotItems,
    /// The session that ended with this snapshot, if any.
    #[serde(default)]
    pub session: Option<ItemId>,
}

impl Default for Plan {
    fn default() -> Self {
        Self {
            format_version: PLAN_FORMAT,
            id: String::new(),
            side: Side::Mentee,
            framework: FrameworkRef::default(),
            person: Person::default(),
            current_role: RoleId::new("tech-lead"),
            target_role: RoleId::new("engineering-manager"),
            target_date: None,
            skills: BTreeMap::new(),
            custom_skills: Vec::new(),
            checklist: Vec::new(),
            milestones: Vec::new(),
            snapshots: Vec::new(),
            sessions: Vec::new(),
            private_notes: String::new(),
            mentor_notes: String::new(),
            sync: SyncState::default(),
            next_id: 1,
        }
    }
}

/// A skill as a plan sees it: a framework skill or one of the plan's own.
#[derive(Clone, Copy, Debug)]
pub enum SkillRef<'a> {
    /// One of the framework's skills.
    Core(&'a super::framework::SkillDef),
    /// One the plan added.
    Custom(&'a CustomSkill),
}

impl<'a> SkillRef<'a> {
    /// The skill's id.
    pub fn id(self) -> &'a SkillId {
        match self {
            Self::Core(s) => &s.id,
            Self::Custom(s) => &s.id,
        }
    }

    /// The skill's name.
    pub fn name(self) -> &'a str {
        match self {
            Self::Core(s) => &s.name,
            Self::Custom(s) => &s.name,
        }
    }

    /// Whether the plan added this skill.
    pub fn is_custom(self) -> bool {
        matches!(self, Self::Custom(_))
    }
}

impl Plan {
    /// A new, empty plan for `name`, moving from `current` toward `target`.
    pub fn new(name: impl Into<String>, framework: &Framework, current: RoleId, target: RoleId) -> Self {
        Self {
            framework: FrameworkRef {
                id: framework.id.clone(),
            },
            person: Person {
                name: name.into(),
                mentor: String::new(),
            },
            current_role: current,
            target_role: target,
            ..Self::default()
        }
    }

    /// Hands out the next item number.
    pub fn allocate_id(&mut self) -> ItemId {
        let id = ItemId(self.next_id);
        self.next_id += 1;
        id
    }

    /// A skill id for a new skill of the plan's own named `name`: its slug
    /// (starting with a letter, as ids must), with `-2`, `-3`, … added until
    /// no framework or plan skill has it.
    pub fn unique_skill_id(&self, framework: &Framework, name: &str) -> SkillId {
        let base = super::slug(name);
        let base = if base.starts_with(|c: char| c.is_ascii_lowercase()) {
            base
        } else {
            format!("skill-{base}")
        };
        let taken = |id: &str| self.all_skills(framework).any(|s| s.id().as_str() == id);
        let mut candidate = base.clone();
        let mut n = 2;
        while taken(&candidate) {
            candidate = format!("{base}-{n}");
            n += 1;
        }
        SkillId::new(candidate)
    }

    /// Every skill the plan rates: the framework's, then the plan's own.
    pub fn all_skills<'a>(&'a self, framework: &'a Framework) -> impl Iterator<Item = SkillRef<'a>> {
        framework
            .skills
            .iter()
            .map(SkillRef::Core)
            .chain(self.custom_skills.iter().map(SkillRef::Custom))
    }

    /// The entry for `skill`, or an empty one.
    pub fn entry(&self, skill: &SkillId) -> SkillEntry {
        self.skills.get(skill).cloned().unwrap_or_default()
    }

    /// The self rating for `skill`.
    pub fn self_rating(&self, skill: &SkillId) -> Option<Level> {
        self.skills.get(skill).and_then(|e| e.self_rating)
    }

    /// The mentor rating for `skill`.
    pub fn mentor_rating(&self, skill: &SkillId) -> Option<Level> {
        self.skills.get(skill).and_then(|e| e.mentor_rating)
    }

    /// The level `role` needs in `skill`: the framework's figure for its own
    /// skills, the plan's for custom ones.
    pub fn required(&self, framework: &Framework, role: &RoleId, skill: &SkillId) -> Option<Level> {
        if let Some(custom) = self.custom_skills.iter().find(|c| &c.id == skill) {
            return custom.needs.get(role).copied();
        }
        framework.role(role).and_then(|r| r.required(skill))
    }

    /// The checklist item with `id`.
    pub fn item(&self, id: ItemId) -> Option<&ChecklistItem> {
        self.checklist.iter().find(|i| i.id == id)
    }

    /// The position of checklist item `id`.
    pub fn item_index(&self, id: ItemId) -> Option<usize> {
        self.checklist.iter().position(|i| i.id == id)
    }

    /// The milestones by date, earliest first; those on the same day by
    /// number. (A document keeps them in this order; a plan built by hand
    /// may not.)
    pub fn milestones_by_date(&self) -> Vec<&Milestone> {
        let mut milestones: Vec<&Milestone> = self.milestones.iter().collect();
        milestones.sort_by_key(|m| m.date);
        milestones
    }

    /// The session still running, if any.
    pub fn open_session(&self) -> Option<&Session> {
        self.sessions.last().filter(|s| s.ended.is_none())
    }

    /// The last session that has ended.
    pub fn last_finished_session(&self) -> Option<&Session> {
        self.sessions.iter().rev().find(|s| s.ended.is_some())
    }

    /// The name of skill `id` as this plan knows it.
    pub fn skill_name<'a>(&'a self, framework: &'a Framework, id: &'a SkillId) -> &'a str {
        self.all_skills(framework)
            .find(|s| s.id() == id)
            .map_or(id.as_str(), SkillRef::name)
    }

    /// The checklist as a snapshot holds it, built from the newest snapshot:
    /// unchanged items (and their texts) are shared with it, so the two maps
    /// share every part of their structure that did not change.
    fn snapshot_items(&self) -> SnapshotItems {
        let mut items: ItemMap = self
            .snapshots
            .last()
            .map(|s| s.items.map().clone())
            .unwrap_or_default();
        let current: std::collections::HashSet<ItemId> = self.checklist.iter().map(|i| i.id).collect();
        let gone: Vec<ItemId> = items.keys().filter(|id| !current.contains(id)).copied().collect();
        for id in gone {
            items.remove(&id);
        }
        for i in &self.checklist {
            let changed = match items.get(&i.id) {
                Some(old) if old.text.as_str() == i.text => (old.status != i.status).then(|| SnapshotItem {
                    text: old.text.clone(),
                    status: i.status,
                }),
                _ => Some(SnapshotItem {
                    text: SharedText::from(&i.text),
                    status: i.status,
                }),
            };
            if let Some(item) = changed {
                items.insert(i.id, item);
            }
        }
        SnapshotItems::from(items)
    }

    /// A dated snapshot of the ratings and checklist as they stand now.
    /// It is not added to the plan; that is the caller's choice.
    pub fn take_snapshot(
        &self,
        id: ItemId,
        date: Date,
        label: impl Into<String>,
        session: Option<ItemId>,
    ) -> Snapshot {
        Snapshot {
            id,
            date,
            label: label.into(),
            target_role: self.target_role.clone(),
            skills: self
                .skills
                .iter()
                .filter(|(_, e)| {
                    e.self_rating.is_some() || e.mentor_rating.is_some() || !e.evidence.is_empty()
                })
                .map(|(id, e)| {
                    // Evidence that did not change since the newest snapshot
                    // shares that snapshot's text.
                    let before = self.snapshots.last().and_then(|s| s.skills.get(id));
                    let evidence = match before {
                        Some(b) if b.evidence.as_str() == e.evidence => b.evidence.clone(),
                        _ => SharedText::from(&e.evidence),
                    };
                    (
                        id.clone(),
                        SnapshotSkill {
                            self_rating: e.self_rating,
                            mentor_rating: e.mentor_rating,
                            evidence,
                        },
                    )
                })
                .collect(),
            items: self.snapshot_items(),
            session,
        }
    }
}
