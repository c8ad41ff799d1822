//! The plan library: one line per plan in the plans folder, for the side
//! panel. Each plan is read once; a cache in the data folder, keyed by file
//! size and modification time, keeps later scans to a directory listing.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::frameworks::FrameworkCatalog;
use super::guard::{Purpose, write_guarded};
use super::plans::load_plan;
use super::text::read_text;
use crate::analysis::{Rater, readiness};

/// What the library shows for one plan.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LibraryEntry {
    /// The file.
    pub path: PathBuf,
    /// The person's name.
    pub person: String,
    /// The current role's name.
    pub current_role: String,
    /// The target role's name.
    pub target_role: String,
    /// Readiness for the target, 0 to 100.
    pub readiness: u8,
    /// The day of the last session, if any.
    pub last_session: Option<Date>,
    /// Due dates of the open and in-progress actions (overdue counts depend on the day).
    pub open_due: Vec<Date>,
    /// Why the plan could not be read, if it could not.
    pub error: Option<String>,
    /// Texts changed on both copies, not yet settled.
    #[serde(default)]
    pub to_settle: usize,
    /// Conflict copies a sync tool left beside it, not yet merged (counted
    /// at each scan, not cached).
    #[serde(default)]
    pub unmerged_copies: usize,
}

impl LibraryEntry {
    /// Open actions due before `today`.
    pub fn overdue(&self, today: Date) -> usize {
        self.open_due.iter().filter(|d| **d < today).count()
    }

    /// The file name, for plans without a person's name.
    pub fn file_name(&self) -> String {
        self.path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    }
}

/// What identifies a version of a file cheaply: its size and modification time.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileStamp {
    /// Size in bytes.
    pub len: u64,
    /// Modification time in nanoseconds since 1970.
    pub modified_nanos: u128,
}

impl FileStamp {
    /// The stamp of the file at `path` now.
    pub fn of(path: &Path) -> Option<Self> {
        let meta = fs::metadata(path).ok()?;
        let modified_nanos = meta.modified().ok()?.duration_since(UNIX_EPOCH).ok()?.as_nanos();
        Some(Self {
            len: meta.len(),
            modified_nanos,
        })
    }
}

/// Entries read before, by path, with the stamp of the file they came from.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct LibraryCache {
    entries: BTreeMap<PathBuf, (FileStamp, LibraryEntry)>,
    /// Whether a scan changed it since it was read (only then is it written).
    #[serde(skip)]
    changed: bool,
}

impl LibraryCache {
    /// The cache file in the data folder.
    pub fn file(data_root: &Path) -> PathBuf {
        data_root.join("library-cache.json")
    }

    /// Reads the cache; a missing or unreadable cache is an empty one.
    /// JSON, which reads several times faster than RON: a coach's library
    /// of 2,000 plans opens from it in a blink.
    pub fn load(data_root: &Path) -> Self {
        let path = Self::file(data_root);
        read_text(&path)
            .ok()
            .and_then(|text| serde_json::from_str(&text).ok())
            .unwrap_or_default()
    }

    /// Writes the cache (atomically) if a scan changed it. Failure only
    /// costs speed next time.
    pub fn save(&self, data_root: &Path) {
        if !self.changed {
            return;
        }
        if let Ok(text) = serde_json::to_string(self) {
            let _ = fs::create_dir_all(data_root);
            let _ = write_guarded(&Self::file(data_root), text.as_bytes(), Purpose::Own);
        }
    }

    /// How many entries it holds.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether it holds none.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// Reads one plan's library entry.
pub fn read_entry(path: &Path, catalog: &FrameworkCatalog) -> LibraryEntry {
    match load_plan(path, catalog) {
        Ok(loaded) => {
            let plan = &loaded.plan;
            let framework = &loaded.framework;
            LibraryEntry {
                path: path.to_path_buf(),
                person: plan.person.name.clone(),
                current_role: framework.role_name(&plan.current_role).to_owned(),
                target_role: framework.role_name(&plan.target_role).to_owned(),
                readiness: readiness(plan, framework, &plan.target_role, Rater::Own),
                last_session: plan.sessions.iter().map(|s| s.started.date()).max(),
                open_due: plan
                    .checklist
                    .iter()
                    .filter(|i| i.status.is_active())
                    .filter_map(|i| i.due)
                    .collect(),
                error: None,
                to_settle: trailmap_core::model::sync::merge::text_conflicts(plan).len(),
                unmerged_copies: 0,
            }
        }
        Err(e) => LibraryEntry {
            path: path.to_path_buf(),
            person: String::new(),
            current_role: String::new(),
            target_role: String::new(),
            readiness: 0,
            last_session: None,
            open_due: Vec::new(),
            error: Some(e.to_string()),
            to_settle: 0,
            unmerged_copies: 0,
        },
    }
}

/// Every plan (`*.ron`) in `dir`, by file name: fresh entries for files that
/// are new or changed since `cache` saw them, cached ones for the rest. The
/// cache is updated to hold exactly the files found.
pub fn scan(dir: &Path, catalog: &FrameworkCatalog, cache: &mut LibraryCache) -> Vec<LibraryEntry> {
    scan_with(dir, catalog, cache, |_| {})
}

/// [`scan`], telling `progress` the entries read so far after every
/// [`SCAN_BATCH`] plans, so a panel can fill in as they come.
pub fn scan_with(
    dir: &Path,
    catalog: &FrameworkCatalog,
    cache: &mut LibraryCache,
    mut progress: impl FnMut(&[LibraryEntry]),
) -> Vec<LibraryEntry> {
    let Ok(listing) = fs::read_dir(dir) else {
        cache.changed |= !cache.entries.is_empty();
        cache.entries.clear();
        return Vec::new();
    };
    let mut paths: Vec<PathBuf> = listing
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "ron") && p.is_file())
        .collect();
    paths.sort();
    // A sync tool's conflict copy is not a plan of its own: it is counted
    // for the plan it is a copy of.
    let stems: Vec<String> = paths
        .iter()
        .filter_map(|p| p.file_stem().map(|s| s.to_string_lossy().into_owned()))
        .collect();
    let copy_of = |path: &Path| -> Option<String> {
        let name = path.file_name()?.to_str()?;
        stems
            .iter()
            .find(|stem| super::sync::is_conflict_copy(stem, name))
            .cloned()
    };
    let mut copies: BTreeMap<String, usize> = BTreeMap::new();
    paths.retain(|p| match copy_of(p) {
        Some(stem) => {
            *copies.entry(stem).or_default() += 1;
            false
        }
        None => true,
    });
    let mut fresh = BTreeMap::new();
    let mut entries = Vec::with_capacity(paths.len());
    for path in paths {
        let Some(stamp) = FileStamp::of(&path) else {
            continue;
        };
        let entry = match cache.entries.get(&path) {
            Some((seen, entry)) if *seen == stamp && entry.error.is_none() => entry.clone(),
            _ => {
                cache.changed = true;
                read_entry(&path, catalog)
            }
        };
        fresh.insert(path.clone(), (stamp, entry.clone()));
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        entries.push(LibraryEntry {
            unmerged_copies: copies.get(&stem).copied().unwrap_or(0),
            ..entry
        });
        if entries.len() % SCAN_BATCH == 0 {
            progress(&entries);
        }
    }
    cache.changed |= fresh.len() != cache.entries.len();
    cache.entries = fresh;
    entries
}

/// How many plans a scan reads between two reports of progress.
pub const SCAN_BATCH: usize = 100;
