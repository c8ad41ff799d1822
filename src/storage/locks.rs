//! Who is writing what, across Trailmap processes: advisory locks that the
//! operating system releases when a process ends, even by `kill -9`.
//!
//! - Each running app is an [`Instance`]: a random id and a lock held on
//!   `DATA/instances/ID.lock` for its whole life. Its recovery copies carry
//!   the id in their names, so two windows never share one, and a copy whose
//!   instance is no longer running is one a crash left behind.
//! - Each plan open for editing holds a [`PlanLock`]: lock files keyed by
//!   the plan's canonical path and by its file's identity, in a folder every
//!   Trailmap of this user shares ([`lock_dir`]): a second window that opens
//!   the same plan (through any path, link or data folder) sees it and opens
//!   it read-only.

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
            match try_lock_file(&dir.join(format!("{id}.lock"))) {
                Lock::Held(file) => Some(file),
                Lock::Busy | Lock::Unavailable => None,
            }
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
///
/// Two lock files are held: one keyed by the plan's canonical path, one by
/// its file's identity (device and inode), so a hard link to the plan is
/// seen too. They live in a folder shared by every Trailmap of this user
/// whatever its data folder ([`lock_dir`]).
#[derive(Debug)]
pub struct PlanLock {
    path: PathBuf,
    /// The lock files held, with their folders: by path and by the file's
    /// identity, in each lock folder. A save makes a new file, so the
    /// identity locks are taken again after each save
    /// ([`PlanLock::follow_save`]).
    held: Vec<(PathBuf, String, File)>,
    /// The identity (lock file name) the identity locks in `held` are for.
    identity: Option<String>,
}

impl PlanLock {
    /// Takes the lock for the plan at `plan`, or says it is held by another
    /// window (`ErrorKind::HeldElsewhere`). Any other failure (no folder for
    /// locks can be made) gives `Ok(None)`: editing goes on without a lock.
    pub fn acquire(data: &DataDir, plan: &Path) -> Result<Option<Self>, StorageError> {
        let key = Self::key(plan);
        let hash = Fingerprint::of(key.to_string_lossy().as_bytes()).value();
        let id = identity(&key);
        let mut held = Vec::new();
        // Every folder is tried, and the lock is busy if it is busy in any:
        // two windows that do not share one folder still share another.
        for dir in lock_dirs(data) {
            let by_path = format!("plan-{hash:016x}.lock");
            match try_lock_file(&dir.join(&by_path)) {
                Lock::Held(file) => held.push((dir.clone(), by_path, file)),
                Lock::Busy => return Err(StorageError::new(plan, ErrorKind::HeldElsewhere)),
                Lock::Unavailable => continue,
            }
            if let Some(id) = &id {
                match try_lock_file(&dir.join(id)) {
                    Lock::Held(file) => held.push((dir.clone(), id.clone(), file)),
                    Lock::Busy => return Err(StorageError::new(plan, ErrorKind::HeldElsewhere)),
                    Lock::Unavailable => {}
                }
            }
        }
        if held.is_empty() {
            return Ok(None);
        }
        Ok(Some(Self {
            path: key,
            held,
            identity: id,
        }))
    }

    /// After a save replaced the plan's file: takes the lock on the new
    /// file's identity and lets go of the old one.
    pub fn follow_save(&mut self) {
        let Some(id) = identity(&self.path) else { return };
        if self.identity.as_ref() == Some(&id) {
            return;
        }
        // The old file is gone, and the system may give its inode to a new
        // file, another plan: holding on to the old identity would show that
        // plan as open in another window.
        if let Some(old) = self.identity.take() {
            // Dropping the file releases its lock.
            self.held.retain(|(_, name, _)| *name != old);
        }
        let mut dirs: Vec<PathBuf> = self.held.iter().map(|(dir, _, _)| dir.clone()).collect();
        dirs.dedup();
        for dir in dirs {
            if let Lock::Held(file) = try_lock_file(&dir.join(&id)) {
                self.held.push((dir, id.clone(), file));
            }
        }
        self.identity = Some(id);
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

enum Lock {
    Held(File),
    Busy,
    Unavailable,
}

fn try_lock_file(path: &Path) -> Lock {
    let Ok(file) = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(path)
    else {
        return Lock::Unavailable;
    };
    match file.try_lock() {
        Ok(()) => Lock::Held(file),
        Err(fs::TryLockError::WouldBlock) => Lock::Busy,
        Err(fs::TryLockError::Error(_)) => Lock::Unavailable,
    }
}

/// The lock file name for the identity of the file at `path` (device and
/// inode), where the system has one.
#[cfg(unix)]
fn identity(path: &Path) -> Option<String> {
    use std::os::unix::fs::MetadataExt;
    let meta = fs::metadata(path).ok()?;
    Some(format!("file-{:x}-{:x}.lock", meta.dev(), meta.ino()))
}

#[cfg(not(unix))]
fn identity(_path: &Path) -> Option<String> {
    None
}

/// Where plan locks live: every folder of these that can be used, all of
/// them tried on each open: the user's cache folder
/// (`~/.cache/trailmap/locks`, shared by every data folder and not
/// changed by `XDG_RUNTIME_DIR`), a private `trailmap-locks-UID` folder in
/// the system's temporary folder (used only when it is this user's and no
/// one else may write it), and `DATA/locks` when the data folder exists.
pub fn lock_dirs(data: &DataDir) -> Vec<PathBuf> {
    let cache = directories::ProjectDirs::from("", "", "Trailmap").map(|d| d.cache_dir().join("locks"));
    // `DATA/locks` only in a data folder that exists: a command that writes
    // a plan elsewhere does not make a data folder for it.
    let in_data = Some(data.locks()).filter(|_| data.root().is_dir());
    [cache, private_temp_lock_dir(), in_data]
        .into_iter()
        .flatten()
        .filter(|d| fs::create_dir_all(d).is_ok())
        .collect()
}

#[cfg(unix)]
fn private_temp_lock_dir() -> Option<PathBuf> {
    use std::os::unix::fs::{DirBuilderExt, MetadataExt, PermissionsExt};
    let me = fs::metadata("/proc/self").ok()?.uid();
    let dir = std::env::temp_dir().join(format!("trailmap-locks-{me}"));
    let _ = fs::DirBuilder::new().mode(0o700).create(&dir);
    let meta = fs::symlink_metadata(&dir).ok()?;
    (meta.is_dir() && meta.uid() == me && meta.permissions().mode() & 0o077 == 0).then_some(dir)
}

#[cfg(not(unix))]
fn private_temp_lock_dir() -> Option<PathBuf> {
    None
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

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    /// A save replaces the plan's file: the lock moves to the new file's
    /// identity and lets go of the old one, whose inode the system may give
    /// to another plan (which would then open read-only, "held elsewhere").
    #[test]
    fn a_save_lets_go_of_the_old_files_identity() {
        let dir = tempfile::tempdir().expect("temp dir");
        let data = DataDir::new(dir.path().join("data"));
        fs::create_dir_all(data.root()).expect("data folder");
        let plan = dir.path().join("plan.ron");
        fs::write(&plan, "old").expect("write");
        let old = identity(&plan).expect("an identity");
        let mut lock = PlanLock::acquire(&data, &plan)
            .expect("no error")
            .expect("a lock");
        // As a save does: a new file renamed over the old one.
        let new_file = dir.path().join("plan.tmp");
        fs::write(&new_file, "new").expect("write");
        fs::rename(&new_file, &plan).expect("rename");
        let new = identity(&plan).expect("an identity");
        assert_ne!(old, new);
        lock.follow_save();
        for folder in lock_dirs(&data) {
            assert!(
                matches!(try_lock_file(&folder.join(&old)), Lock::Held(_)),
                "{}: the old identity is free",
                folder.display()
            );
            assert!(
                matches!(try_lock_file(&folder.join(&new)), Lock::Busy),
                "{}: the new identity is held",
                folder.display()
            );
        }
        drop(lock);
    }
}
