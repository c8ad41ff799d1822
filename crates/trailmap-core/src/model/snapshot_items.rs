//! A snapshot's checklist, built when it is first read.
//!
//! A plan file writes each snapshot after the first as its change from the one
//! before (`format::snapshots`). Reading keeps that change as it is, and the
//! whole checklist of the snapshot is put together the first time something
//! looks at it: most views never read history, so opening a plan with years of
//! it costs the changes (about 60 KB for the stress plan), not the 120 maps
//! (about 2.3 MB). Once built, a map shares every part that did not change with
//! the map of the snapshot before, as before.
//!
//! Reading checks a change against the items the snapshot before holds, so a
//! change that cannot be applied is an error when the file is read, never later.

use std::fmt;
use std::ops::{Deref, DerefMut};
use std::sync::{Arc, OnceLock};

use serde::{Serialize, Serializer};

use super::ids::ItemId;
use super::plan::{SnapshotItem, Status};

/// The map a snapshot's checklist is read as: items by number.
pub type ItemMap = imbl::OrdMap<ItemId, SnapshotItem>;

/// A snapshot's checklist by item number. Reads as an [`ItemMap`] (it derefs
/// to one); cloning it is a reference count.
#[derive(Clone, Default)]
pub struct SnapshotItems(Arc<Cell>);

#[derive(Default)]
struct Cell {
    map: OnceLock<ItemMap>,
    /// Set when read as a change; kept once `map` is built, so that
    /// [`SnapshotItems::new_texts_since`] still answers without a diff.
    change: Option<Change>,
}

/// A checklist as the change from the one before.
struct Change {
    before: SnapshotItems,
    removed: Vec<ItemId>,
    status: Vec<(ItemId, Status)>,
    items: Vec<(ItemId, SnapshotItem)>,
}

impl Drop for Cell {
    // A long history is a long chain of changes: let go of it one link at a
    // time, not by a recursion as deep as the history.
    fn drop(&mut self) {
        let mut next = self.change.take().map(|c| c.before.0);
        while let Some(cell) = next {
            next = match Arc::try_unwrap(cell) {
                Ok(mut cell) => cell.change.take().map(|c| c.before.0),
                Err(_) => None,
            };
        }
    }
}

impl SnapshotItems {
    /// The checklist `before` with `removed` taken out, the `status` of items
    /// set, and `items` added or replaced, in that order. Built when first
    /// read. The caller has checked that every number in `removed` and
    /// `status` is in `before` (and not taken out), and that `status` and
    /// `items` do not share a number.
    pub(crate) fn changed(
        before: &SnapshotItems,
        removed: Vec<ItemId>,
        status: Vec<(ItemId, Status)>,
        items: Vec<(ItemId, SnapshotItem)>,
    ) -> Self {
        Self(Arc::new(Cell {
            map: OnceLock::new(),
            change: Some(Change {
                before: before.clone(),
                removed,
                status,
                items,
            }),
        }))
    }

    /// The whole checklist, built now if it was not yet.
    pub fn map(&self) -> &ItemMap {
        if let Some(map) = self.0.map.get() {
            return map;
        }
        // The snapshots before that are not built yet, newest first: built
        // oldest first, each from the one before it, without recursion.
        let mut waiting = vec![self];
        while let Some(change) = &waiting[waiting.len() - 1].0.change
            && change.before.0.map.get().is_none()
        {
            waiting.push(&change.before);
        }
        for items in waiting.into_iter().rev() {
            items.0.map.get_or_init(|| items.build());
        }
        self.0
            .map
            .get()
            .unwrap_or_else(|| unreachable!("built just above"))
    }

    fn build(&self) -> ItemMap {
        let Some(change) = &self.0.change else {
            return ItemMap::new();
        };
        let mut map = change.before.0.map.get().cloned().unwrap_or_default();
        for id in &change.removed {
            map.remove(id);
        }
        for (id, status) in &change.status {
            if let Some(item) = map.get_mut(id) {
                item.status = *status;
            }
        }
        map.extend(change.items.iter().cloned());
        map
    }

    /// Whether the map is built (for tests and benchmarks: reading a plan
    /// builds none but the first).
    pub fn is_built(&self) -> bool {
        self.0.map.get().is_some()
    }

    /// The items added or whose text changed since `before`, when this
    /// checklist is still the change from `before` as read; `None` otherwise
    /// (compare the maps then). Builds nothing.
    pub fn new_texts_since(
        &self,
        before: &SnapshotItems,
    ) -> Option<impl Iterator<Item = (&ItemId, &SnapshotItem)>> {
        let change = self.0.change.as_ref()?;
        Arc::ptr_eq(&change.before.0, &before.0).then(|| change.items.iter().map(|(id, item)| (id, item)))
    }

    /// The map, to change in place (built first; no longer shared with the
    /// other clones of this checklist).
    pub fn make_mut(&mut self) -> &mut ItemMap {
        if Arc::get_mut(&mut self.0).is_none_or(|cell| cell.map.get().is_none()) {
            let map = self.map().clone();
            *self = Self::from(map);
        }
        Arc::get_mut(&mut self.0)
            .and_then(|cell| cell.map.get_mut())
            .unwrap_or_else(|| unreachable!("a new, built checklist of its own"))
    }
}

impl From<ItemMap> for SnapshotItems {
    fn from(map: ItemMap) -> Self {
        Self(Arc::new(Cell {
            map: OnceLock::from(map),
            change: None,
        }))
    }
}

impl From<std::collections::BTreeMap<ItemId, SnapshotItem>> for SnapshotItems {
    fn from(map: std::collections::BTreeMap<ItemId, SnapshotItem>) -> Self {
        map.into_iter().collect()
    }
}

impl FromIterator<(ItemId, SnapshotItem)> for SnapshotItems {
    fn from_iter<I: IntoIterator<Item = (ItemId, SnapshotItem)>>(iter: I) -> Self {
        Self::from(iter.into_iter().collect::<ItemMap>())
    }
}

impl Deref for SnapshotItems {
    type Target = ItemMap;

    fn deref(&self) -> &ItemMap {
        self.map()
    }
}

/// Changing the map gives this checklist a map of its own ([`SnapshotItems::make_mut`]).
impl DerefMut for SnapshotItems {
    fn deref_mut(&mut self) -> &mut ItemMap {
        self.make_mut()
    }
}

impl<'a> IntoIterator for &'a SnapshotItems {
    type Item = (&'a ItemId, &'a SnapshotItem);
    type IntoIter = imbl::ordmap::Iter<'a, ItemId, SnapshotItem, imbl::shared_ptr::DefaultSharedPtr>;

    fn into_iter(self) -> Self::IntoIter {
        self.map().iter()
    }
}

impl PartialEq for SnapshotItems {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0) || self.map() == other.map()
    }
}

impl Eq for SnapshotItems {}

impl fmt::Debug for SnapshotItems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.map(), f)
    }
}

impl Serialize for SnapshotItems {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.map().serialize(serializer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(text: &str, status: Status) -> SnapshotItem {
        SnapshotItem {
            text: text.into(),
            status,
        }
    }

    #[test]
    fn a_change_is_built_when_first_read_and_equals_the_map_it_stands_for() {
        let first: SnapshotItems = [
            (ItemId(1), item("a", Status::Open)),
            (ItemId(2), item("b", Status::Open)),
        ]
        .into_iter()
        .collect();
        let second = SnapshotItems::changed(
            &first,
            vec![ItemId(2)],
            vec![(ItemId(1), Status::Done)],
            vec![(ItemId(3), item("c", Status::Open))],
        );
        let third = SnapshotItems::changed(&second, vec![], vec![(ItemId(3), Status::Done)], vec![]);
        assert!(!second.is_built() && !third.is_built());
        let texts: Vec<u64> = third
            .new_texts_since(&second)
            .into_iter()
            .flatten()
            .map(|(id, _)| id.0)
            .collect();
        assert!(texts.is_empty());
        assert!(third.new_texts_since(&first).is_none());
        // Reading the newest builds the ones before it too.
        let want: ItemMap = [
            (ItemId(1), item("a", Status::Done)),
            (ItemId(3), item("c", Status::Done)),
        ]
        .into_iter()
        .collect();
        assert_eq!(*third.map(), want);
        assert!(second.is_built());
        assert_eq!(second.len(), 2);
        assert_eq!(second.get(&ItemId(1)).map(|i| i.status), Some(Status::Done));
        assert_eq!(second.get(&ItemId(3)).map(|i| i.status), Some(Status::Open));
        assert_eq!(first.len(), 2, "the snapshot before is left as it was");
    }

    #[test]
    fn a_long_chain_is_built_and_dropped_without_deep_recursion() {
        // 100,000 snapshots, the nth adding (or replacing) item `id(n)`.
        let chain = |id: fn(u64) -> u64| {
            (0..100_000_u64).fold(SnapshotItems::from(ItemMap::new()), |before, n| {
                SnapshotItems::changed(
                    &before,
                    vec![],
                    vec![],
                    vec![(ItemId(id(n)), item("x", Status::Open))],
                )
            })
        };
        let run = move || {
            assert_eq!(chain(|n| n % 7).len(), 7);
            drop(chain(|n| n));
        };
        std::thread::Builder::new()
            .stack_size(256 * 1024)
            .spawn(run)
            .expect("spawn")
            .join()
            .expect("no stack overflow");
    }

    #[test]
    fn make_mut_gives_a_map_of_its_own() {
        let first: SnapshotItems = [(ItemId(1), item("a", Status::Open))].into_iter().collect();
        let mut second = SnapshotItems::changed(&first, vec![], vec![(ItemId(1), Status::Done)], vec![]);
        let copy = second.clone();
        second.make_mut().insert(ItemId(2), item("b", Status::Open));
        assert_eq!(second.len(), 2);
        assert_eq!(copy.len(), 1);
        assert_eq!(first.get(&ItemId(1)).map(|i| i.status), Some(Status::Open));
    }
}
