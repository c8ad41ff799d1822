//! How a plan's snapshots are written to a file: each as the change since the
//! snapshot before it.
//!
//! A snapshot holds the whole checklist as it stood that day, so a plan with
//! years of history holds the checklist many times over: 120 snapshots of a
//! checklist that grew to 5,000 actions are 300,000 entries, about 35 MB of
//! text when every snapshot is written in full, which is past what a plan file
//! may be. Between two sessions only a few actions change, so from format 2 on
//! a snapshot after the first is written as `since_previous: (…)`: the skills
//! and items added or changed, the items whose status alone changed, and what
//! was removed. Reading puts each snapshot back together in full, so in memory
//! nothing changes; a snapshot written in full (format 1, or the first) reads
//! as before.
//!
//! ```text
//! (id: 16, date: "2026-09-22", label: "Session 2", target_role: "head-of-product",
//!   since_previous: (
//!     skills: {"influence": (self_rating: Some(3))},
//!     items: {3: (text: "Draft a roadmap", status: Open)},
//!     status: {1: InProgress, 2: Done},
//!     removed: [8],
//!   ),
//! )
//! ```

use std::collections::{BTreeMap, HashSet};
use std::fmt;

use imbl::ordmap::DiffItem;
use jiff::civil::Date;
use serde::de::{self, Deserializer};
use serde::ser::{SerializeMap, SerializeSeq, Serializer};
use serde::{Deserialize, Serialize};

use crate::model::plan::{Snapshot, SnapshotItem, SnapshotItems, SnapshotSkill, Status, unique_keys};
use crate::model::{ItemId, RoleId, SkillId};

/// What changed from one snapshot to the next, borrowing from both.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SnapshotDelta<'a> {
    /// Skills added or whose ratings or evidence changed, by id.
    pub skills: Vec<(&'a SkillId, &'a SnapshotSkill)>,
    /// Skills no longer in the snapshot.
    pub skills_removed: Vec<&'a SkillId>,
    /// Items added or whose text changed, by number.
    pub items: Vec<(ItemId, &'a SnapshotItem)>,
    /// Items whose status alone changed, by number.
    pub status: Vec<(ItemId, Status)>,
    /// Items no longer in the snapshot.
    pub removed: Vec<ItemId>,
}

impl SnapshotDelta<'_> {
    /// How many entries the delta writes.
    pub fn len(&self) -> usize {
        self.skills.len()
            + self.skills_removed.len()
            + self.items.len()
            + self.status.len()
            + self.removed.len()
    }

    /// Whether the delta writes nothing (the snapshot equals the one before).
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// A merge of two sorted maps: calls `added_or_changed` (with the old value,
/// if any) and `removed` in key order; equal entries are skipped.
fn merge<'a, K: Ord, V: PartialEq>(
    before: &'a BTreeMap<K, V>,
    after: &'a BTreeMap<K, V>,
    mut added_or_changed: impl FnMut(&'a K, Option<&'a V>, &'a V),
    mut removed: impl FnMut(&'a K),
) {
    let (mut old, mut new) = (before.iter(), after.iter());
    let (mut a, mut b) = (old.next(), new.next());
    loop {
        match (a, b) {
            (Some((ka, va)), Some((kb, vb))) => match ka.cmp(kb) {
                std::cmp::Ordering::Less => {
                    removed(ka);
                    a = old.next();
                }
                std::cmp::Ordering::Greater => {
                    added_or_changed(kb, None, vb);
                    b = new.next();
                }
                std::cmp::Ordering::Equal => {
                    if va != vb {
                        added_or_changed(kb, Some(va), vb);
                    }
                    a = old.next();
                    b = new.next();
                }
            },
            (Some((ka, _)), None) => {
                removed(ka);
                a = old.next();
            }
            (None, Some((kb, vb))) => {
                added_or_changed(kb, None, vb);
                b = new.next();
            }
            (None, None) => break,
        }
    }
}

/// What changed from `before` to `after`.
pub fn delta<'a>(before: &'a Snapshot, after: &'a Snapshot) -> SnapshotDelta<'a> {
    let mut d = SnapshotDelta::default();
    merge(
        &before.skills,
        &after.skills,
        |id, _, skill| d.skills.push((id, skill)),
        |id| d.skills_removed.push(id),
    );
    let mut items = Vec::new();
    let mut status = Vec::new();
    let mut removed = Vec::new();
    // The maps share the parts that did not change; `diff` skips those.
    for change in before.items.diff(&after.items) {
        match change {
            DiffItem::Update {
                old: (_, was),
                new: (id, item),
            } if was.text == item.text => status.push((*id, item.status)),
            DiffItem::Add(id, item) | DiffItem::Update { new: (id, item), .. } => items.push((*id, item)),
            DiffItem::Remove(id, _) => removed.push(*id),
        }
    }
    d.items = items;
    d.status = status;
    d.removed = removed;
    d
}

/// Whether `after` is best written as its change from the snapshot before:
/// when that is shorter than writing it in full.
pub fn write_as_delta(after: &Snapshot, delta: &SnapshotDelta<'_>) -> bool {
    delta.len() < after.skills.len() + after.items.len()
}

/// Serialises the snapshots, each after the first as its change from the one
/// before when that is shorter (see the module notes).
pub fn serialize<S: Serializer>(snapshots: &[Snapshot], serializer: S) -> Result<S::Ok, S::Error> {
    let mut seq = serializer.serialize_seq(Some(snapshots.len()))?;
    let mut previous: Option<&Snapshot> = None;
    for snapshot in snapshots {
        let since = previous
            .map(|before| delta(before, snapshot))
            .filter(|d| write_as_delta(snapshot, d));
        seq.serialize_element(&Written { snapshot, since })?;
        previous = Some(snapshot);
    }
    seq.end()
}

/// One snapshot as written: in full, or as a delta.
struct Written<'a> {
    snapshot: &'a Snapshot,
    since: Option<SnapshotDelta<'a>>,
}

impl Serialize for Written<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let s = self.snapshot;
        let mut out = serializer.serialize_struct("Snapshot", 7)?;
        out.serialize_field("id", &s.id)?;
        out.serialize_field("date", &s.date)?;
        out.serialize_field("label", &s.label)?;
        out.serialize_field("target_role", &s.target_role)?;
        out.serialize_field("session", &s.session)?;
        match &self.since {
            Some(delta) => out.serialize_field("since_previous", &WrittenDelta(delta))?,
            None => {
                out.serialize_field("skills", &s.skills)?;
                out.serialize_field("items", &s.items)?;
            }
        }
        out.end()
    }
}

struct WrittenDelta<'d, 'a>(&'d SnapshotDelta<'a>);

/// A list of pairs written as a map.
struct Pairs<'p, K, V>(&'p [(K, V)]);

impl<K: Serialize, V: Serialize> Serialize for Pairs<'_, K, V> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (k, v) in self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

impl Serialize for WrittenDelta<'_, '_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let d = self.0;
        let mut out = serializer.serialize_struct("SnapshotDelta", 5)?;
        out.serialize_field("skills", &Pairs(&d.skills))?;
        out.serialize_field("skills_removed", &d.skills_removed)?;
        out.serialize_field("items", &Pairs(&d.items))?;
        out.serialize_field("status", &Pairs(&d.status))?;
        out.serialize_field("removed", &d.removed)?;
        out.end()
    }
}

/// A snapshot as read from a file, before it is put back together. (Also
/// filled by the fast reader in `read.rs`, which then calls [`apply`].)
#[derive(Deserialize)]
pub struct ReadSnapshot {
    /// Its number.
    pub id: ItemId,
    /// When it was taken.
    pub date: Date,
    #[serde(default)]
    /// Its label.
    pub label: String,
    /// The target role then.
    pub target_role: RoleId,
    #[serde(default, deserialize_with = "unique_keys")]
    /// Ratings, in full or changed.
    pub skills: BTreeMap<SkillId, SnapshotSkill>,
    #[serde(default, deserialize_with = "unique_keys")]
    /// Items, in full or changed.
    pub items: BTreeMap<ItemId, SnapshotItem>,
    #[serde(default)]
    /// The session it ended.
    pub session: Option<ItemId>,
    #[serde(default, deserialize_with = "present")]
    /// Set when written as a change from the one before.
    pub since_previous: Option<ReadDelta>,
}

/// `since_previous` is written without `Some(…)`; read it and wrap it.
fn present<'de, D: Deserializer<'de>>(de: D) -> Result<Option<ReadDelta>, D::Error> {
    ReadDelta::deserialize(de).map(Some)
}

/// The `since_previous` part of a snapshot as read.
#[derive(Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReadDelta {
    #[serde(default, deserialize_with = "unique_keys")]
    /// Ratings, in full or changed.
    pub skills: BTreeMap<SkillId, SnapshotSkill>,
    #[serde(default)]
    /// Skills no longer rated.
    pub skills_removed: Vec<SkillId>,
    #[serde(default, deserialize_with = "unique_keys")]
    /// Items, in full or changed.
    pub items: BTreeMap<ItemId, SnapshotItem>,
    #[serde(default, deserialize_with = "unique_keys")]
    /// Items whose status alone changed.
    pub status: BTreeMap<ItemId, Status>,
    #[serde(default)]
    /// Items gone.
    pub removed: Vec<ItemId>,
}

/// Why a snapshot's delta cannot be applied.
pub struct DeltaError {
    index: usize,
    message: String,
}

impl fmt::Display for DeltaError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "snapshots[{}].since_previous: {}", self.index, self.message)
    }
}

/// The item numbers the snapshot before holds, kept while reading the
/// snapshots in order, so that a change is checked without building the
/// checklist it changes (see [`SnapshotItems`]).
pub type HeldItems = HashSet<ItemId>;

/// Puts the snapshot at `index` back together from the one before it. Its
/// skills are put together now; its checklist is kept as the change, checked
/// against `held` (the numbers the snapshot before holds, updated to this
/// one's), and built when first read.
pub fn apply(
    index: usize,
    previous: Option<&Snapshot>,
    read: ReadSnapshot,
    held: &mut HeldItems,
) -> Result<Snapshot, DeltaError> {
    let err = |message: String| DeltaError { index, message };
    let Some(delta) = read.since_previous else {
        held.clear();
        held.extend(read.items.keys().copied());
        return Ok(Snapshot {
            id: read.id,
            date: read.date,
            label: read.label,
            target_role: read.target_role,
            skills: read.skills,
            items: read.items.into_iter().collect(),
            session: read.session,
        });
    };
    let Some(previous) = previous else {
        return Err(err("the first snapshot has no snapshot before it".to_owned()));
    };
    if !read.skills.is_empty() || !read.items.is_empty() {
        return Err(err(
            "a snapshot written as a change lists its skills and items inside since_previous".to_owned(),
        ));
    }
    let mut skills = previous.skills.clone();
    for id in &delta.skills_removed {
        if skills.remove(id).is_none() {
            return Err(err(format!(
                "removes skill `{id}`, which the snapshot before does not have"
            )));
        }
    }
    skills.extend(delta.skills);
    for id in &delta.removed {
        if !held.remove(id) {
            return Err(err(format!(
                "removes item {}, which the snapshot before does not have",
                id.0
            )));
        }
    }
    for id in delta.status.keys() {
        if delta.items.contains_key(id) {
            return Err(err(format!(
                "item {} is listed under both items and status",
                id.0
            )));
        }
        if !held.contains(id) {
            return Err(err(format!(
                "changes the status of item {}, which the snapshot before does not have",
                id.0
            )));
        }
    }
    held.extend(delta.items.keys().copied());
    Ok(Snapshot {
        id: read.id,
        date: read.date,
        label: read.label,
        target_role: read.target_role,
        skills,
        items: SnapshotItems::changed(
            &previous.items,
            delta.removed,
            delta.status.into_iter().collect(),
            delta.items.into_iter().collect(),
        ),
        session: read.session,
    })
}

/// Reads the snapshots, written in full or as changes, and puts each back
/// together in full.
pub fn deserialize<'de, D: Deserializer<'de>>(de: D) -> Result<Vec<Snapshot>, D::Error> {
    let read: Vec<ReadSnapshot> = Vec::deserialize(de)?;
    let mut snapshots: Vec<Snapshot> = Vec::with_capacity(read.len());
    let mut held = HeldItems::new();
    for (index, snapshot) in read.into_iter().enumerate() {
        let whole = apply(index, snapshots.last(), snapshot, &mut held).map_err(de::Error::custom)?;
        snapshots.push(whole);
    }
    Ok(snapshots)
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;

    use super::*;

    fn snapshot(id: u64, items: &[(u64, &str, Status)]) -> Snapshot {
        Snapshot {
            id: ItemId(id),
            date: date(2026, 1, 1),
            label: String::new(),
            target_role: RoleId::new("engineering-manager"),
            skills: BTreeMap::from([(
                SkillId::new("communication"),
                SnapshotSkill {
                    self_rating: crate::model::Level::new(2),
                    ..SnapshotSkill::default()
                },
            )]),
            items: items
                .iter()
                .map(|&(id, text, status)| {
                    (
                        ItemId(id),
                        SnapshotItem {
                            text: text.into(),
                            status,
                        },
                    )
                })
                .collect(),
            session: None,
        }
    }

    #[test]
    fn delta_lists_what_changed() {
        let a = snapshot(
            1,
            &[
                (1, "a", Status::Open),
                (2, "b", Status::Open),
                (3, "c", Status::Open),
            ],
        );
        let b = snapshot(
            2,
            &[
                (1, "a", Status::Done),
                (3, "c2", Status::Open),
                (4, "d", Status::Open),
            ],
        );
        let d = delta(&a, &b);
        assert_eq!(d.status, vec![(ItemId(1), Status::Done)]);
        assert_eq!(
            d.items
                .iter()
                .map(|(id, i)| (id.0, i.text.as_str()))
                .collect::<Vec<_>>(),
            vec![(3, "c2"), (4, "d")]
        );
        assert_eq!(d.removed, vec![ItemId(2)]);
        assert!(d.skills.is_empty() && d.skills_removed.is_empty());
    }

    #[test]
    fn snapshots_read_back_whole() {
        let list = vec![
            snapshot(
                1,
                &[
                    (1, "a", Status::Open),
                    (2, "b", Status::Open),
                    (3, "c", Status::Open),
                ],
            ),
            snapshot(
                2,
                &[
                    (1, "a", Status::Done),
                    (2, "b", Status::Open),
                    (3, "c", Status::Open),
                ],
            ),
            snapshot(3, &[]),
        ];
        #[derive(Serialize, Deserialize, PartialEq, Debug)]
        struct Holder {
            #[serde(with = "super")]
            snapshots: Vec<Snapshot>,
        }
        let holder = Holder { snapshots: list };
        let text = ron::to_string(&holder).expect("serialise");
        assert!(text.contains("since_previous"), "{text}");
        let back: Holder = ron::from_str(&text).expect("read back");
        assert_eq!(back, holder);
    }

    #[test]
    fn a_bad_delta_is_an_error() {
        let text = "[(id: 1, date: \"2026-01-01\", target_role: \"x\", since_previous: (removed: [1]))]";
        let mut de = ron::Deserializer::from_str(text).expect("deserializer");
        let err = deserialize(&mut de)
            .map(|_| ())
            .expect_err("no snapshot before the first");
        assert!(err.to_string().contains("snapshots[0].since_previous"), "{err}");
    }

    /// A change is checked against the checklist before it when the file is
    /// read, although that checklist is not built then: each change that
    /// cannot be applied is an error naming the snapshot and the item.
    #[test]
    fn a_change_to_an_item_the_snapshot_before_lacks_is_an_error_when_read() {
        let first = "(id: 1, date: \"2026-01-01\", target_role: \"x\", items: {1: (text: \"a\", status: Open), 2: (text: \"b\", status: Open)})";
        let second = "(id: 2, date: \"2026-02-01\", target_role: \"x\", since_previous: (removed: [2]))";
        for (third, message) in [
            (
                "(removed: [7])",
                "removes item 7, which the snapshot before does not have",
            ),
            (
                "(removed: [2])",
                "removes item 2, which the snapshot before does not have",
            ),
            (
                "(status: {2: Done})",
                "changes the status of item 2, which the snapshot before does not have",
            ),
            (
                "(removed: [1], status: {1: Done})",
                "changes the status of item 1, which the snapshot before does not have",
            ),
            (
                "(status: {1: Done}, items: {1: (text: \"a\", status: Open)})",
                "item 1 is listed under both items and status",
            ),
        ] {
            let text = format!(
                "[{first}, {second}, (id: 3, date: \"2026-03-01\", target_role: \"x\", since_previous: {third})]"
            );
            let mut de = ron::Deserializer::from_str(&text).expect("deserializer");
            let err = deserialize(&mut de).map(|_| ()).expect_err(third);
            let err = err.to_string();
            assert!(
                err.contains("snapshots[2].since_previous") && err.contains(message),
                "{third}: {err}"
            );
        }
        // The same changes in order are fine, and build what they say.
        let text = format!(
            "[{first}, {second}, (id: 3, date: \"2026-03-01\", target_role: \"x\", since_previous: (status: {{1: Done}}, items: {{2: (text: \"b2\", status: Open)}}))]"
        );
        let mut de = ron::Deserializer::from_str(&text).expect("deserializer");
        let read = deserialize(&mut de).expect("reads");
        assert!(!read[2].items.is_built());
        let items: Vec<(u64, &str, Status)> = read[2]
            .items
            .iter()
            .map(|(id, i)| (id.0, i.text.as_str(), i.status))
            .collect();
        assert_eq!(items, vec![(1, "a", Status::Done), (2, "b2", Status::Open)]);
    }
}
