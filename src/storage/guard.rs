//! The one way Trailmap replaces a file. Plans, reports, chart images,
//! frameworks, preferences, recovery copies and the library cache all go
//! through [`write_guarded`], which refuses what no writer may replace and
//! then writes atomically (see `atomic.rs`).

use std::fs;
use std::path::Path;

use super::atomic::{WriteFn, atomic_write_checked, prepare, resolve_links, write_all};
use super::error::{ErrorKind, StorageError};
use super::plans::{Fingerprint, backup_path, newer_version_in};

/// What a write is for, which decides the checks beyond the common ones.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    /// A plan. With `expected`, refuses when the file on disk no longer
    /// matches it; refuses a file from a newer Trailmap; keeps the previous
    /// file as `NAME.ron.bak`.
    Plan {
        /// What the file held when it was opened or last saved.
        expected: Option<Fingerprint>,
    },
    /// The result of merging two copies of a plan (`trailmap merge -o`): as
    /// [`Purpose::Plan`] without an expected state, and without a `.bak`
    /// (a git merge driver writes over git's own temporary file, which
    /// would leave a backup in the work tree).
    Merged,
    /// A report, chart image or other export: never replaces a Trailmap plan
    /// or framework (an export aimed at the plan it came from would destroy
    /// it).
    Export,
    /// A file an export names on its own (a report's chart image, a
    /// framework sheet beside the ladder): as [`Purpose::Export`], and it
    /// replaces only such a file an earlier export made (`export::CHART_MARK`,
    /// a sheet's heading row), never a file of the user's of that name.
    ExportPart,
    /// An installed framework: never replaces a plan.
    Framework,
    /// Trailmap's own files in the data folder (preferences, recovery
    /// copies, the library cache).
    Own,
}

/// Replaces the file at `path` with `bytes`, or creates it. Whatever the
/// purpose, refuses:
/// - a folder, and a pipe, socket or device (only regular files are replaced);
/// - a file that is read-only or that this user may not write;
/// - a file owned by another user (the rename of an atomic save needs only
///   the folder's permission, so it would hand the file to us).
///
/// Then the purpose's own checks (see [`Purpose`]). A symbolic link is
/// followed, so the file it points to is updated and the link kept. On any
/// error nothing was written. Returns the fingerprint of the bytes written.
pub fn write_guarded(path: &Path, bytes: &[u8], purpose: Purpose) -> Result<Fingerprint, StorageError> {
    write_guarded_with(path, bytes, purpose, &write_all)
}

/// [`write_guarded`] with the writer that fills the temporary file given, so
/// tests can make the write fail part-way.
pub fn write_guarded_with(
    path: &Path,
    bytes: &[u8],
    purpose: Purpose,
    write: WriteFn<'_>,
) -> Result<Fingerprint, StorageError> {
    let (target, old) = refusals(path, purpose)?;
    let owner_check = |tmp: &fs::File| -> Result<(), StorageError> { check_owner(path, &target, tmp) };
    // The new contents first, complete on disk beside the target: a save
    // that fails for lack of room fails here, before the backup is touched.
    let prepared = prepare(&target, bytes, write, &owner_check)?;
    if let (Purpose::Plan { .. }, Some(old)) = (purpose, &old) {
        let backup = backup_path(&target);
        atomic_write_checked(&backup, old, &write_all, &owner_check).map_err(|e| {
            // Named by the plan the user saved, not by its backup.
            StorageError::new(
                path,
                ErrorKind::Backup {
                    backup: backup.clone(),
                    source: Box::new(e.kind),
                },
            )
        })?;
    }
    prepared.commit()?;
    Ok(Fingerprint::of(bytes))
}

/// Whether [`write_guarded`] would refuse `path` for `purpose`, without
/// writing anything: for a writer of several files (a report and its chart
/// images) to check them all before it writes the first.
pub fn check_target(path: &Path, purpose: Purpose) -> Result<(), StorageError> {
    refusals(path, purpose).map(|_| ())
}

/// The file really written (links followed) and its current bytes, or why
/// no writer may replace it.
fn refusals(path: &Path, purpose: Purpose) -> Result<(std::path::PathBuf, Option<Vec<u8>>), StorageError> {
    // A plan or an export goes where the user pointed, through links. A
    // file of Trailmap's own (preferences, recovery copies, the cache, an
    // installed framework) never follows one: a link planted in the data
    // folder must not aim a write at a file the user did not choose. The
    // rename then replaces the link itself.
    let follow = matches!(
        purpose,
        Purpose::Plan { .. } | Purpose::Merged | Purpose::Export | Purpose::ExportPart
    );
    // Asked of the system first: it follows links our own resolution cannot
    // (`/dev/stdout` leads to `/proc/self/fd/1`, which names `pipe:[N]`).
    if follow && fs::metadata(path).is_ok_and(|m| !m.is_file() && !m.is_dir()) {
        return Err(StorageError::new(path, ErrorKind::SpecialTarget));
    }
    let target = if follow {
        resolve_links(path)
    } else {
        path.to_path_buf()
    };
    let meta = if follow {
        fs::metadata(&target)
    } else {
        fs::symlink_metadata(&target)
    };
    let old = match meta {
        Ok(meta) if meta.is_symlink() => None,
        Ok(meta) if meta.is_dir() => return Err(StorageError::new(path, ErrorKind::FolderTarget)),
        Ok(meta) if !meta.is_file() => return Err(StorageError::new(path, ErrorKind::SpecialTarget)),
        Ok(_) => {
            if is_read_only(&target) {
                return Err(StorageError::new(path, ErrorKind::ReadOnly));
            }
            // Reading the old file also keeps it for the backup and the checks.
            match fs::read(&target) {
                Ok(bytes) => Some(bytes),
                Err(e) => return Err(StorageError::io(path, "read the current file", e)),
            }
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(StorageError::io(path, "look at the current file", e)),
    };
    if let Some(old) = &old {
        match purpose {
            Purpose::Plan { expected } => {
                if expected.is_some_and(|expected| Fingerprint::of(old) != expected) {
                    return Err(StorageError::new(path, ErrorKind::ChangedOnDisk));
                }
                if let Some(found) = newer_version_in(old) {
                    return Err(StorageError::new(path, ErrorKind::WouldOverwriteNewer { found }));
                }
            }
            Purpose::Merged => {
                if let Some(found) = newer_version_in(old) {
                    return Err(StorageError::new(path, ErrorKind::WouldOverwriteNewer { found }));
                }
                // Only a plan (or a file that is not Trailmap's at all,
                // such as git's temporary copy) is replaced.
                if let Some(what) = holds_trailmap_file(&target, old)
                    && what != "plan"
                {
                    return Err(StorageError::new(path, ErrorKind::WouldReplaceTrailmapFile(what)));
                }
            }
            Purpose::Export | Purpose::ExportPart | Purpose::Framework => {
                let export = purpose != Purpose::Framework;
                if let Some(what) = holds_trailmap_file(&target, old)
                    && (export || what == "plan")
                {
                    return Err(StorageError::new(path, ErrorKind::WouldReplaceTrailmapFile(what)));
                }
                // A `.ron` file is where plans and frameworks live, also one
                // that has lost what makes it recognisable: never a report.
                if export && target.extension().is_some_and(|e| e.eq_ignore_ascii_case("ron")) {
                    return Err(StorageError::new(
                        path,
                        ErrorKind::WouldReplaceTrailmapFile("file (.ron)"),
                    ));
                }
                if purpose == Purpose::ExportPart && !made_by_export(&String::from_utf8_lossy(old)) {
                    return Err(StorageError::new(path, ErrorKind::NotOurChart));
                }
            }
            Purpose::Own => {}
        }
        if !owned_by_us(&target) {
            return Err(StorageError::new(path, ErrorKind::OtherOwner));
        }
    }
    Ok((target, old))
}

/// Whether `text` is a file an earlier export wrote beside the one the user
/// named or is the file named when it was written before: a chart image, or a
/// sheet of a framework's spreadsheet.
fn made_by_export(text: &str) -> bool {
    use crate::format::ladder::Sheet;
    text.contains(crate::export::CHART_MARK) || Sheet::ALL.iter().any(|sheet| sheet.made_by_export(text))
}

/// Whether the file at `target` belongs to this process's user, judged
/// before anything is written: the owner of a file this process creates is
/// the answer, and `/proc/self` is ours. Where that cannot be told, the
/// check after the temporary file is made (`check_owner`) decides.
#[cfg(unix)]
fn owned_by_us(target: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (fs::metadata(target), fs::metadata("/proc/self")) {
        (Ok(file), Ok(me)) => file.uid() == me.uid(),
        _ => true,
    }
}

#[cfg(not(unix))]
fn owned_by_us(_target: &Path) -> bool {
    true
}

/// Refuses when the file at `target` exists and belongs to another user than
/// the one who owns the new temporary file `tmp` (this process).
#[cfg(unix)]
fn check_owner(path: &Path, target: &Path, tmp: &fs::File) -> Result<(), StorageError> {
    use std::os::unix::fs::MetadataExt;
    let (Ok(old), Ok(new)) = (fs::metadata(target), tmp.metadata()) else {
        return Ok(());
    };
    if old.uid() != new.uid() {
        return Err(StorageError::new(path, ErrorKind::OtherOwner));
    }
    Ok(())
}

#[cfg(not(unix))]
fn check_owner(_path: &Path, _target: &Path, _tmp: &fs::File) -> Result<(), StorageError> {
    Ok(())
}

/// Whether the file at `path` is marked read-only, or this user may not write
/// it. Opening for writing without truncating changes nothing in the file.
fn is_read_only(path: &Path) -> bool {
    if fs::metadata(path).is_ok_and(|m| m.permissions().readonly()) {
        return true;
    }
    matches!(
        fs::OpenOptions::new().write(true).open(path),
        Err(e) if e.kind() == std::io::ErrorKind::PermissionDenied
    )
}

/// `Some("plan")` or `Some("framework")` when the file at `path` holding
/// `bytes` is a Trailmap plan or framework: it starts like one, or it reads
/// as one (a plan may begin with a long comment, a RON extension line or a
/// struct name, or state its version last), or it is a `.ron` file that
/// names a `format_version` (a plan that does not load yet is still
/// somebody's work).
pub fn holds_trailmap_file(path: &Path, bytes: &[u8]) -> Option<&'static str> {
    if let Some(kind) = trailmap_file_kind(bytes) {
        return Some(kind);
    }
    let text = std::str::from_utf8(bytes).ok()?;
    if super::plans::parse_plan(path, text).is_ok() {
        return Some("plan");
    }
    if super::frameworks::parse_framework(path, text).is_ok() {
        return Some("framework");
    }
    let ron = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("ron"));
    (ron && text.contains("format_version")).then_some("plan")
}

/// `Some("plan")` or `Some("framework")` when `bytes` start the way a
/// Trailmap plan or framework does: comments and whitespace, an optional
/// `Framework`, `(`, then `format_version`.
pub fn trailmap_file_kind(bytes: &[u8]) -> Option<&'static str> {
    let head = &bytes[..bytes.len().min(64 * 1024)];
    let text = String::from_utf8_lossy(head);
    let mut rest = text.trim_start_matches('\u{feff}');
    loop {
        rest = rest.trim_start();
        if let Some(comment) = rest.strip_prefix("//") {
            rest = comment.split_once('\n').map_or("", |(_, after)| after);
        } else if let Some(comment) = rest.strip_prefix("/*") {
            rest = comment.split_once("*/").map_or("", |(_, after)| after);
        } else {
            break;
        }
    }
    let (kind, rest) = match rest.strip_prefix("Framework") {
        Some(after) => ("framework", after),
        None => ("plan", rest),
    };
    let rest = rest.trim_start().strip_prefix('(')?.trim_start();
    rest.starts_with("format_version").then_some(kind)
}
