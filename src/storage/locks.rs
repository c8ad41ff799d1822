//! Who is writing what, across Trailmap processes: advisory locks that the
//! operating system releases when a process ends, even by `kill -9`.
//!
//! - Each running app is an [`Instance`]: a random id and a lock held on
//!   `DATA/instances/ID.lock` for its whole life. Its recovery copies carry
//!   the id in their names, so two windows never share one, and a copy whose
//!   instance is no longer running is one a crash left behind.
//! - Each plan open for editing holds a [`PlanLock`] on
//!   `DATA/locks/plan-HASH.lock`, keyed by the plan's canonical path: a
//!   second window that opens the same plan sees it and opens it read-only.

use std::fs::{self, File, OpenOptions};
use std::path::{Path, PathBuf};

use super::atomic::resolve_links;
use super::error::{ErrorKind, StorageError};
use super::paths::DataDir;
use super::plans::Fingerprint;

/// A running app: its id and the lock that says it is running.
#[derive(Debug)]
pub struct Instance {
    id: String,
    /// Held open (and locked) until the process ends.
    _lock: Option<File>,
}

impl Instance {
    /// Claims a new instance id in the data folder. Never fails: without a
    /// writable data folder the instance runs unlocked (its recovery copies
    /// may then be offered to another window as left by a crash).
    pub fn claim(data: &DataDir) -> Self {
        let id = new_id();
        let dir = data.instances();
        let lock = fs::create_dir_all(&dir).ok().and_then(|()| {
            let file = OpenOptions::new()
                .create(true)
                .truncate(false)
                .write(true)
                .open(dir.join(format!("{id}.lock")))
                .ok()?;
            file.try_lock().ok()?;
            Some(file)
        });
        Self { id, _lock: lock }
    }

    /// The instance's id: letters and digits, unique to this run.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// Whether the instance `id` is running now (its lock is held).
    pub fn is_running(data: &DataDir, id: &str) -> bool {
        let path = data.instances().join(format!("{id}.lock"));
        match File::open(&path) {
            Ok(file) => file.try_lock().is_err(),
            Err(_) => false,
        }
    }

    /// Removes the lock files of instances that have ended and left no
    /// recovery copy behind.
    pub fn clean_ended(data: &DataDir, keep: &dyn Fn(&str) -> bool) {
        let Ok(entries) = fs::read_dir(data.instances()) else {
            return;
        };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let Some(id) = name.strip_suffix(".lock") else {
                continue;
            };
            if !keep(id) && !Self::is_running(data, id) {
                let _ = fs::remove_file(entry.path());
            }
        }
    }
}

/// A random-enough id from the clock, the process id and a counter, hashed:
/// two processes started in the same nanosecond still differ by pid.
fn new_id() -> String {
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let nanos = crate::clock::unix_nanos();
    let seed = format!(
        "{nanos}-{}-{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    );
    let f = Fingerprint::of(seed.as_bytes());
    format!("{:016x}{:08x}", f.value(), std::process::id())
}

/// The lock a window holds on a plan it edits. Dropping it releases it.
#[derive(Debug)]
pub struct PlanLock {
    path: PathBuf,
    _file: File,
}

impl PlanLock {
    /// Takes the lock for the plan at `plan`, or says it is held by another
    /// window (`ErrorKind::HeldElsewhere`). Any other failure (a read-only
    /// data folder) gives `Ok(None)`: editing goes on without a lock.
    pub fn acquire(data: &DataDir, plan: &Path) -> Result<Option<Self>, StorageError> {
        let key = Self::key(plan);
        let hash = Fingerprint::of(key.to_string_lossy().as_bytes()).value();
        let dir = data.locks();
        if fs::create_dir_all(&dir).is_err() {
            return Ok(None);
        }
        let path = dir.join(format!("plan-{hash:016x}.lock"));
        let Ok(file) = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
        else {
            return Ok(None);
        };
        match file.try_lock() {
            Ok(()) => Ok(Some(Self {
                path: key,
                _file: file,
            })),
            Err(fs::TryLockError::WouldBlock) => Err(StorageError::new(plan, ErrorKind::HeldElsewhere)),
            Err(fs::TryLockError::Error(_)) => Ok(None),
        }
    }

    /// What a lock is keyed by: the canonical path of the file `plan` is or
    /// links to.
    pub fn key(plan: &Path) -> PathBuf {
        canonical(&resolve_links(plan))
    }

    /// The canonical path of the plan this lock is for.
    pub fn plan(&self) -> &Path {
        &self.path
    }
}

/// `path` made absolute with its folder canonical (symbolic links and `..`
/// resolved), keeping the file's own name: a plan opened as `plan.ron` in
/// one folder is never mistaken for `plan.ron` in another, and a link to a
/// plan keeps its name in the title. A folder that does not exist is left
/// as it is, made absolute.
pub fn canonical(path: &Path) -> PathBuf {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    match (absolute.parent(), absolute.file_name()) {
        (Some(dir), Some(name)) => fs::canonicalize(dir).map_or(absolute.clone(), |dir| dir.join(name)),
        _ => absolute,
    }
}
