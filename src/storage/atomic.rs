//! Atomic file replacement: write a temporary file beside the target, flush it
//! to disk, rename it over the target, flush the folder. A reader (or a crash)
//! sees either the old file or the new one, never a mix.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::error::StorageError;

/// Temporary files start with this, so leftovers can be found and removed.
pub const TMP_PREFIX: &str = ".trailmap-";
/// Temporary files end with this.
pub const TMP_SUFFIX: &str = ".tmp";

/// How the bytes get into the temporary file. The default writes them all;
/// tests pass a writer that fails part-way to check that nothing is lost.
pub type WriteFn<'a> = &'a dyn Fn(&mut dyn Write, &[u8]) -> io::Result<()>;

/// Writes all bytes.
pub fn write_all(out: &mut dyn Write, bytes: &[u8]) -> io::Result<()> {
    out.write_all(bytes)
}

/// Follows symbolic links from `path` to the file that is really written, so
/// that saving through a link updates its target and keeps the link.
pub fn resolve_links(path: &Path) -> PathBuf {
    let mut current = path.to_path_buf();
    // A bound stops link loops; the OS allows about 40.
    for _ in 0..40 {
        match fs::read_link(&current) {
            Ok(target) => {
                current = if target.is_absolute() {
                    target
                } else {
                    current.parent().map_or(target.clone(), |dir| dir.join(&target))
                };
            }
            Err(_) => break,
        }
    }
    current
}

/// A new file's contents written and flushed to a temporary file beside
/// its target, not yet in place: [`Prepared::commit`] renames it over the
/// target; dropping it removes the temporary file and changes nothing.
pub(super) struct Prepared {
    tmp: tempfile::NamedTempFile,
    target: PathBuf,
    dir: PathBuf,
}

/// Writes `bytes` to a temporary file beside `target` and flushes it, after
/// `check` has looked at the new file (its owner). Nothing is replaced yet.
pub(super) fn prepare(
    target: &Path,
    bytes: &[u8],
    write: WriteFn<'_>,
    check: &dyn Fn(&fs::File) -> Result<(), StorageError>,
) -> Result<Prepared, StorageError> {
    let dir = match target.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut tmp = tempfile::Builder::new()
        .prefix(&format!("{TMP_PREFIX}{name}-"))
        .suffix(TMP_SUFFIX)
        .tempfile_in(&dir)
        .map_err(|e| StorageError::io(target, "create a temporary file beside it", e))?;
    check(tmp.as_file())?;
    // Held until the file is renamed or removed: a cleaner in another
    // process sees the lock and leaves the file alone (see clean_temp_files).
    let _ = tmp.as_file().try_lock();
    write(tmp.as_file_mut(), bytes).map_err(|e| StorageError::io(target, "write the new contents", e))?;
    tmp.as_file_mut()
        .flush()
        .and_then(|()| tmp.as_file().sync_all())
        .map_err(|e| StorageError::io(target, "flush the new contents to disk", e))?;
    Ok(Prepared {
        tmp,
        target: target.to_path_buf(),
        dir,
    })
}

impl Prepared {
    /// Renames the new file over the target (keeping the old one's
    /// permissions; new files stay private, 0600) and flushes the folder.
    pub(super) fn commit(self) -> Result<(), StorageError> {
        let Self { tmp, target, dir } = self;
        if let Ok(meta) = fs::metadata(&target) {
            let _ = fs::set_permissions(tmp.path(), meta.permissions());
        }
        tmp.persist(&target)
            .map_err(|e| StorageError::io(&target, "replace the file", e.error))?;
        sync_dir(&dir).map_err(|e| StorageError::io(&target, "flush the folder to disk", e))
    }
}

/// Replaces `target` with `bytes` atomically ([`prepare`], then
/// [`Prepared::commit`]). On error the old file is untouched and no
/// temporary file is left behind. Only [`super::guard`] calls this: every
/// writer goes through its checks.
pub(super) fn atomic_write_checked(
    target: &Path,
    bytes: &[u8],
    write: WriteFn<'_>,
    check: &dyn Fn(&fs::File) -> Result<(), StorageError>,
) -> Result<(), StorageError> {
    prepare(target, bytes, write, check)?.commit()
}

fn sync_dir(dir: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        fs::File::open(dir)?.sync_all()
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
        Ok(())
    }
}

/// A temporary file untouched for this long, and not locked, was left by a
/// save that was killed: a save in progress rewrites its file within seconds
/// and holds a lock on it.
pub const STALE_AFTER: std::time::Duration = std::time::Duration::from_secs(60);

/// Removes temporary files that a killed save left in `dir`: only those
/// older than [`STALE_AFTER`] that no process holds a lock on, so a save
/// running in another process is never disturbed. Returns how many were
/// removed.
pub fn clean_temp_files(dir: &Path) -> usize {
    let Ok(entries) = fs::read_dir(dir) else {
        return 0;
    };
    entries
        .flatten()
        .filter(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            name.starts_with(TMP_PREFIX) && name.ends_with(TMP_SUFFIX)
        })
        .filter(|e| is_stale_temp(&e.path()))
        .filter(|e| fs::remove_file(e.path()).is_ok())
        .count()
}

/// Whether `path` is a regular file older than [`STALE_AFTER`] that nobody
/// holds a lock on.
fn is_stale_temp(path: &Path) -> bool {
    let Ok(meta) = fs::symlink_metadata(path) else {
        return false;
    };
    let old = meta
        .modified()
        .ok()
        .and_then(|m| m.elapsed().ok())
        .is_some_and(|age| age >= STALE_AFTER);
    if !meta.is_file() || !old {
        return false;
    }
    // A writer holds an exclusive lock while it writes; the lock is free
    // again when the file is closed or its process dies.
    fs::File::open(path).is_ok_and(|f| f.try_lock().is_ok())
}
