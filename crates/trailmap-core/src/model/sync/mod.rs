//! What a plan keeps so that two copies of it (the mentee's and the
//! mentor's) can be merged exactly: who made each change and when, what was
//! deleted, which texts both sides changed, and which private layers the
//! copy holds.
//!
//! - Each installation has a random [`Replica`] id. Items a copy adds get
//!   numbers in its replica's range ([`ItemId::of`]), so two copies never
//!   hand out the same number.
//! - Each change stamps the fields it changed with a [`Clock`]: a version
//!   vector of hybrid logical times (milliseconds, never going back), one
//!   entry per replica that wrote the value's history. Whether one value
//!   came after another, or both sides changed it apart, is read from them.
//! - Deletions leave a clock behind ([`SyncState::removed`]), so something a
//!   copy lacks is never taken as deleted.
//! - Texts both sides changed apart are kept, all of them: the plan shows one
//!   and [`SyncState::conflicts`] holds the others until a person settles it.
//!
//! [`merge`](merge::merge) is the pure function that joins two copies;
//! [`observe`] is what [`Document`](super::Document) calls after each
//! change to stamp it; [`layers`] strips a private layer for sharing.

pub mod layers;
pub mod merge;
pub mod observe;

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::ids::{ItemId, SkillId};

/// Brings a plan read from a file of format 1 or 2 (or one without an id)
/// into format 3, the same way on every machine, so that two copies of one
/// old file still merge: the id is made from the person's name and the
/// framework, item numbers stay as they were (they are the range of
/// replica 0), the lists take the order both copies agree on, and an order
/// someone arranged is recorded as such.
pub fn adopt_legacy(plan: &mut super::Plan) {
    if plan.id.is_empty() {
        plan.id = format!(
            "{}-{}",
            super::slug(&plan.person.name),
            super::slug(&plan.framework.id)
        );
    }
    merge::sort_lists(plan);
    let items: Vec<ItemId> = plan.checklist.iter().map(|i| i.id).collect();
    if merge::item_order(&plan.sync, plan.sync.checklist_order.as_deref(), &items) != items {
        plan.sync.checklist_order = Some(items);
    }
    let skills: Vec<SkillId> = plan.custom_skills.iter().map(|s| s.id.clone()).collect();
    if merge::skill_order(&plan.sync, plan.sync.skill_order.as_deref(), &skills) != skills {
        plan.sync.skill_order = Some(skills);
    }
}

/// One installation of Trailmap: a random number, fixed per data folder.
/// Zero is the range of numbers handed out before format 3.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Replica(pub u32);

impl Replica {
    /// Replica ids are below this, so that a replica's item numbers stay
    /// under [`MAX_ITEM_NUMBER`](super::limits::MAX_ITEM_NUMBER).
    pub const LIMIT: u32 = 1 << 29;

    /// A replica id from random bits (any `u32`): never 0, always below
    /// [`Replica::LIMIT`].
    pub fn from_random(bits: u32) -> Self {
        Self((bits % (Self::LIMIT - 1)) + 1)
    }
}

/// How many numbers each replica has for the items of one plan.
pub const NUMBERS_PER_REPLICA: u64 = 1 << 24;

impl ItemId {
    /// The `n`th number of `replica`'s range.
    pub fn of(replica: Replica, n: u64) -> Self {
        Self(u64::from(replica.0) * NUMBERS_PER_REPLICA + n)
    }

    /// The replica whose range holds this number.
    pub fn replica(self) -> Replica {
        Replica(u32::try_from(self.0 / NUMBERS_PER_REPLICA).unwrap_or(u32::MAX))
    }
}

/// Which person's copy a plan file is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Side {
    /// The person whose plan it is.
    #[default]
    Mentee,
    /// Their mentor.
    Mentor,
}

impl Side {
    /// The other person.
    pub fn other(self) -> Self {
        match self {
            Self::Mentee => Self::Mentor,
            Self::Mentor => Self::Mentee,
        }
    }

    /// A word to show.
    pub fn label(self) -> &'static str {
        match self {
            Self::Mentee => "mentee",
            Self::Mentor => "mentor",
        }
    }

    /// The private layer this person keeps.
    pub fn layer(self) -> Layer {
        match self {
            Self::Mentee => Layer::Mentee,
            Self::Mentor => Layer::Mentor,
        }
    }
}

/// Who a field belongs to (see ARCHITECTURE.md for the table).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Layer {
    /// Both people see it and both copies merge it.
    Shared,
    /// Only the mentee: the plan's private notes.
    Mentee,
    /// Only the mentor: notes on skills, mentor-only session notes, the
    /// mentor's own notes on the mentee.
    Mentor,
}

/// A version vector: for each replica that wrote part of a value's history,
/// the (hybrid logical) time of its last write. Sorted by replica.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Clock(pub Vec<(Replica, u64)>);

impl Clock {
    /// The clock of one write.
    pub fn single(replica: Replica, at: u64) -> Self {
        Self(vec![(replica, at)])
    }

    /// Whether nothing has been recorded (a value from before format 3, or
    /// never changed).
    pub fn is_bottom(&self) -> bool {
        self.0.is_empty()
    }

    /// The time `replica` last wrote, or 0.
    pub fn get(&self, replica: Replica) -> u64 {
        self.0
            .binary_search_by_key(&replica, |(r, _)| *r)
            .map_or(0, |i| self.0[i].1)
    }

    /// Everything either clock has seen.
    pub fn join(&self, other: &Self) -> Self {
        let mut out = Vec::with_capacity(self.0.len().max(other.0.len()));
        let (mut a, mut b) = (self.0.iter().peekable(), other.0.iter().peekable());
        loop {
            match (a.peek(), b.peek()) {
                (Some(&&(ra, ta)), Some(&&(rb, tb))) => {
                    if ra == rb {
                        out.push((ra, ta.max(tb)));
                        a.next();
                        b.next();
                    } else if ra < rb {
                        out.push((ra, ta));
                        a.next();
                    } else {
                        out.push((rb, tb));
                        b.next();
                    }
                }
                (Some(&&x), None) => {
                    out.push(x);
                    a.next();
                }
                (None, Some(&&x)) => {
                    out.push(x);
                    b.next();
                }
                (None, None) => return Self(out),
            }
        }
    }

    /// This clock with a write by `replica` at `at` added.
    pub fn with(&self, replica: Replica, at: u64) -> Self {
        self.join(&Self::single(replica, at))
    }

    /// Whether every write this clock has seen, `other` has seen too.
    pub fn le(&self, other: &Self) -> bool {
        self.0.iter().all(|&(r, t)| other.get(r) >= t)
    }

    /// Whether `other` has seen all of this clock and more.
    pub fn lt(&self, other: &Self) -> bool {
        self != other && self.le(other)
    }

    /// The last write: the latest time, then the larger replica. Values of
    /// the same field are ordered by it; a bottom clock comes first.
    pub fn last(&self) -> (u64, Replica) {
        self.0
            .iter()
            .map(|&(r, t)| (t, r))
            .max()
            .unwrap_or((0, Replica(0)))
    }

    /// The latest time in the clock.
    pub fn time(&self) -> u64 {
        self.last().0
    }
}

/// A field of a plan that changes are recorded for.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Field {
    /// A field of the plan itself.
    Plan(PlanField),
    /// A field of a skill's ratings and notes.
    Rating(SkillId, RatingField),
    /// A field of one of the plan's own skills.
    Skill(SkillId, SkillField),
    /// A field of a checklist item.
    Item(ItemId, ItemField),
    /// A field of a milestone.
    Milestone(ItemId, MilestoneField),
    /// A field of a session.
    Session(ItemId, SessionField),
    /// A field of a session note.
    Note(ItemId, NoteField),
    /// When a snapshot was added (snapshots do not change).
    Snapshot(ItemId),
}

macro_rules! field_enum {
    ($(#[$doc:meta])* $name:ident { $($(#[$vdoc:meta])* $variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum $name {
            $($(#[$vdoc])* $variant),+
        }

        impl $name {
            /// Every field, in order.
            pub const ALL: &'static [Self] = &[$(Self::$variant),+];

            /// The name a file spells it with.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Self::$variant => $text),+
                }
            }

            fn parse(text: &str) -> Option<Self> {
                match text {
                    $($text => Some(Self::$variant),)+
                    _ => None,
                }
            }
        }
    };
}

field_enum!(
    /// Fields of the plan itself.
    PlanField {
        /// The person's name.
        Name = "name",
        /// The mentor's name.
        Mentor = "mentor",
        /// The framework.
        Framework = "framework",
        /// The current role.
        CurrentRole = "current_role",
        /// The target role.
        TargetRole = "target_role",
        /// The target date.
        TargetDate = "target_date",
        /// The mentee's private notes.
        PrivateNotes = "private_notes",
        /// The mentor's own notes on the mentee.
        MentorNotes = "mentor_notes",
        /// The order of the checklist, once someone arranged it.
        ChecklistOrder = "checklist_order",
        /// The order of the plan's own skills, once it is not the order added.
        SkillOrder = "skill_order",
    }
);

field_enum!(
    /// Fields of a skill's ratings and notes.
    RatingField {
        /// The self rating.
        SelfRating = "self",
        /// The mentor's rating.
        MentorRating = "mentor",
        /// Motivation.
        Will = "will",
        /// Evidence.
        Evidence = "evidence",
        /// The mentor's note (mentor-private).
        MentorNote = "mentor_note",
    }
);

field_enum!(
    /// Fields of a skill of the plan's own.
    SkillField {
        /// When it was added.
        Born = "born",
        /// Its name.
        Name = "name",
        /// Its description.
        Description = "description",
        /// The levels roles need.
        Needs = "needs",
    }
);

field_enum!(
    /// Fields of a checklist item.
    ItemField {
        /// When it was added.
        Born = "born",
        /// What to do.
        Text = "text",
        /// Its skill.
        Skill = "skill",
        /// Its role.
        Role = "role",
        /// Its status and completion date, which change together.
        Status = "status",
        /// Its due date.
        Due = "due",
        /// Its notes.
        Notes = "notes",
        /// Its evidence.
        Evidence = "evidence",
        /// When it was created.
        Created = "created",
        /// The library action it came from.
        Source = "source",
        /// The session it was agreed in.
        Session = "session",
    }
);

field_enum!(
    /// Fields of a milestone.
    MilestoneField {
        /// When it was added.
        Born = "born",
        /// Its title.
        Title = "title",
        /// Its date.
        Date = "date",
        /// Whether it was reached.
        Reached = "reached",
    }
);

field_enum!(
    /// Fields of a session.
    SessionField {
        /// When it was added.
        Born = "born",
        /// When it started.
        Started = "started",
        /// When it ended.
        Ended = "ended",
        /// Its agenda.
        Agenda = "agenda",
        /// Its summary.
        Summary = "summary",
    }
);

field_enum!(
    /// Fields of a session note.
    NoteField {
        /// When it was added.
        Born = "born",
        /// When it was written.
        At = "at",
        /// Its text.
        Text = "text",
        /// Whether it is for the mentor only.
        MentorOnly = "mentor_only",
    }
);

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Plan(field) => f.write_str(field.as_str()),
            Self::Rating(skill, field) => write!(f, "rating/{skill}/{}", field.as_str()),
            Self::Skill(skill, field) => write!(f, "skill/{skill}/{}", field.as_str()),
            Self::Item(id, field) => write!(f, "item/{}/{}", id.0, field.as_str()),
            Self::Milestone(id, field) => write!(f, "milestone/{}/{}", id.0, field.as_str()),
            Self::Session(id, field) => write!(f, "session/{}/{}", id.0, field.as_str()),
            Self::Note(id, field) => write!(f, "note/{}/{}", id.0, field.as_str()),
            Self::Snapshot(id) => write!(f, "snapshot/{}", id.0),
        }
    }
}

impl FromStr for Field {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let bad = || format!("`{text}` is not a field of a plan");
        let mut parts = text.split('/');
        let (kind, key, field) = (parts.next(), parts.next(), parts.next());
        if parts.next().is_some() {
            return Err(bad());
        }
        let number = |key: Option<&str>| -> Result<ItemId, String> {
            key.and_then(|k| k.parse().ok()).map(ItemId).ok_or_else(bad)
        };
        let skill = |key: Option<&str>| key.map(SkillId::new).ok_or_else(bad);
        Ok(match (kind, field) {
            (Some(name), None) if key.is_none() => Self::Plan(PlanField::parse(name).ok_or_else(bad)?),
            (Some("snapshot"), None) => Self::Snapshot(number(key)?),
            (Some("rating"), Some(f)) => Self::Rating(skill(key)?, RatingField::parse(f).ok_or_else(bad)?),
            (Some("skill"), Some(f)) => Self::Skill(skill(key)?, SkillField::parse(f).ok_or_else(bad)?),
            (Some("item"), Some(f)) => Self::Item(number(key)?, ItemField::parse(f).ok_or_else(bad)?),
            (Some("milestone"), Some(f)) => {
                Self::Milestone(number(key)?, MilestoneField::parse(f).ok_or_else(bad)?)
            }
            (Some("session"), Some(f)) => {
                Self::Session(number(key)?, SessionField::parse(f).ok_or_else(bad)?)
            }
            (Some("note"), Some(f)) => Self::Note(number(key)?, NoteField::parse(f).ok_or_else(bad)?),
            _ => return Err(bad()),
        })
    }
}

/// Something a plan can delete.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Entity {
    /// A skill of the plan's own.
    Skill(SkillId),
    /// A checklist item.
    Item(ItemId),
    /// A milestone.
    Milestone(ItemId),
    /// A session.
    Session(ItemId),
    /// A session note.
    Note(ItemId),
    /// A snapshot.
    Snapshot(ItemId),
}

impl fmt::Display for Entity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Skill(id) => write!(f, "skill/{id}"),
            Self::Item(id) => write!(f, "item/{}", id.0),
            Self::Milestone(id) => write!(f, "milestone/{}", id.0),
            Self::Session(id) => write!(f, "session/{}", id.0),
            Self::Note(id) => write!(f, "note/{}", id.0),
            Self::Snapshot(id) => write!(f, "snapshot/{}", id.0),
        }
    }
}

impl FromStr for Entity {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let bad = || format!("`{text}` is not something a plan holds");
        let (kind, key) = text.split_once('/').ok_or_else(bad)?;
        if kind == "skill" {
            return Ok(Self::Skill(SkillId::new(key)));
        }
        let id = ItemId(key.parse().map_err(|_| bad())?);
        Ok(match kind {
            "item" => Self::Item(id),
            "milestone" => Self::Milestone(id),
            "session" => Self::Session(id),
            "note" => Self::Note(id),
            "snapshot" => Self::Snapshot(id),
            _ => return Err(bad()),
        })
    }
}

/// A text a person wrote that lost out to another written apart from it.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Version {
    /// The text.
    pub text: String,
    /// Its history.
    pub clock: Clock,
}

/// A session note that was deleted, with the session it was in.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeletedNote {
    /// The session it was in.
    pub session: ItemId,
    /// The note as it was.
    pub note: crate::model::SessionNote,
}

/// What this copy deleted, as it was when deleted. Another copy may still
/// hold it, changed; keeping it here makes every copy merge the same,
/// whichever copies meet first (and nothing deleted is beyond recovery).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Graveyard {
    /// Skills of the plan's own.
    pub skills: Vec<crate::model::CustomSkill>,
    /// Checklist items.
    pub items: Vec<crate::model::ChecklistItem>,
    /// Milestones.
    pub milestones: Vec<crate::model::Milestone>,
    /// Sessions, with their notes.
    pub sessions: Vec<crate::model::Session>,
    /// Notes deleted from sessions that were kept.
    pub notes: Vec<DeletedNote>,
}

impl Graveyard {
    /// Whether nothing was deleted.
    pub fn is_empty(&self) -> bool {
        self == &Self::default()
    }

    /// Puts each list in the one order every copy agrees on (by id).
    pub fn sort(&mut self) {
        self.skills.sort_by(|a, b| a.id.cmp(&b.id));
        self.items.sort_by_key(|i| i.id);
        self.milestones.sort_by_key(|m| m.id);
        self.sessions.sort_by_key(|s| s.id);
        self.notes.sort_by_key(|n| n.note.id);
    }
}

/// What a plan keeps for merging (see the module notes). Empty for a plan
/// from before format 3 until it is changed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SyncState {
    /// The latest hybrid logical time this copy has seen.
    pub clock: u64,
    /// Whether this copy holds the mentee's private layer.
    pub mentee_layer: bool,
    /// Whether this copy holds the mentor's private layer.
    pub mentor_layer: bool,
    /// The clock of each field's value, where one was recorded.
    #[serde(with = "keyed")]
    pub stamps: BTreeMap<Field, Clock>,
    /// What was deleted, with the clock of the deletion.
    #[serde(with = "keyed")]
    pub removed: BTreeMap<Entity, Clock>,
    /// Texts written apart from the one the plan shows, by field.
    #[serde(with = "keyed")]
    pub conflicts: BTreeMap<Field, Vec<Version>>,
    /// The checklist's order as last arranged (see
    /// [`PlanField::ChecklistOrder`]); items not in it follow in the order
    /// added.
    pub checklist_order: Option<Vec<ItemId>>,
    /// The order of the plan's own skills, once it differs from the order added.
    pub skill_order: Option<Vec<SkillId>>,
    /// What was deleted, as it was (see [`Graveyard`]).
    pub graveyard: Graveyard,
}

impl Default for SyncState {
    fn default() -> Self {
        Self {
            clock: 0,
            mentee_layer: true,
            mentor_layer: true,
            stamps: BTreeMap::new(),
            removed: BTreeMap::new(),
            conflicts: BTreeMap::new(),
            checklist_order: None,
            skill_order: None,
            graveyard: Graveyard::default(),
        }
    }
}

impl SyncState {
    /// The clock of `field`'s value (bottom when none was recorded).
    pub fn stamp(&self, field: &Field) -> Clock {
        self.stamps.get(field).cloned().unwrap_or_default()
    }

    /// Whether the copy holds `layer`.
    pub fn holds(&self, layer: Layer) -> bool {
        match layer {
            Layer::Shared => true,
            Layer::Mentee => self.mentee_layer,
            Layer::Mentor => self.mentor_layer,
        }
    }
}

/// Maps keyed by [`Field`] or [`Entity`], written with the key as text
/// (`"item/16777217/text"`).
mod keyed {
    use super::{BTreeMap, Deserialize, Deserializer, FromStr, Serialize, Serializer, fmt};

    pub fn serialize<S, K, V>(map: &BTreeMap<K, V>, serializer: S) -> Result<S::Ok, S::Error>
    where
        S: Serializer,
        K: fmt::Display,
        V: Serialize,
    {
        serializer.collect_map(map.iter().map(|(k, v)| (k.to_string(), v)))
    }

    pub fn deserialize<'de, D, K, V>(de: D) -> Result<BTreeMap<K, V>, D::Error>
    where
        D: Deserializer<'de>,
        K: FromStr<Err = String> + Ord,
        V: Deserialize<'de>,
    {
        let texts: BTreeMap<String, V> = BTreeMap::deserialize(de)?;
        texts
            .into_iter()
            .map(|(k, v)| Ok((k.parse().map_err(serde::de::Error::custom)?, v)))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_read_back_as_written() {
        let fields = [
            Field::Plan(PlanField::ChecklistOrder),
            Field::Rating(SkillId::new("communication"), RatingField::MentorNote),
            Field::Skill(SkillId::new("public-speaking"), SkillField::Needs),
            Field::Item(ItemId(16_777_217), ItemField::Status),
            Field::Milestone(ItemId(3), MilestoneField::Title),
            Field::Session(ItemId(4), SessionField::Agenda),
            Field::Note(ItemId(5), NoteField::Text),
            Field::Snapshot(ItemId(6)),
        ];
        for field in fields {
            assert_eq!(field.to_string().parse::<Field>(), Ok(field.clone()), "{field}");
        }
        assert!("item/x/text".parse::<Field>().is_err());
        assert!("item/1/colour".parse::<Field>().is_err());
        assert!("nothing".parse::<Field>().is_err());
        assert_eq!("note/9".parse::<Entity>(), Ok(Entity::Note(ItemId(9))));
    }

    #[test]
    fn clocks_order_by_what_they_have_seen() {
        let (a, b) = (Replica(1), Replica(2));
        let x = Clock::single(a, 5);
        let y = x.with(b, 7);
        assert!(x.le(&y) && x.lt(&y) && !y.le(&x));
        let z = Clock::single(b, 3);
        assert!(!x.le(&z) && !z.le(&x), "apart");
        assert_eq!(x.join(&z), Clock(vec![(a, 5), (b, 3)]));
        assert!(Clock::default().le(&x));
        assert_eq!(y.last(), (7, b));
    }

    #[test]
    fn replica_ranges_do_not_overlap() {
        let r = Replica::from_random(u32::MAX);
        assert!(r.0 > 0 && r.0 < Replica::LIMIT);
        let id = ItemId::of(r, 5);
        assert_eq!(id.replica(), r);
        assert!(id.0 < super::super::limits::MAX_ITEM_NUMBER);
        assert_eq!(ItemId(7).replica(), Replica(0));
    }
}
