//! Files: plans, frameworks, recovery copies and the data folder.
//!
//! **Invariant:** this is the only layer that touches the file system. A file
//! that failed to load is never written; a save is atomic and keeps the
//! previous version as `NAME.ron.bak`; untrusted input is bounded in size and
//! nesting before it is parsed.
#![allow(
    clippy::disallowed_methods,
    clippy::disallowed_types,
    reason = "the one layer that touches files (clippy.toml refuses it elsewhere)"
)]

mod atomic;
mod error;
mod frame_log;
mod frameworks;
mod guard;
mod ladder;
mod library;
mod locks;
mod paths;
mod plans;
mod prefs;
mod recovery;
mod sync;
mod text;

pub use atomic::{STALE_AFTER, TMP_PREFIX, TMP_SUFFIX, WriteFn, clean_temp_files, resolve_links, write_all};
pub use error::{ErrorKind, Position, StorageError};
pub use frame_log::{
    EXIT_AFTER_FIRST_FRAME_ENV, FRAME_CAUSES_ENV, FRAME_LOG_ENV, exit_after_first_frame, log_frame,
    log_frame_causes,
};
pub use frameworks::{
    BUILTIN_NAME, BUILTIN_TEXT, FrameworkCatalog, builtin, check_installable, install_framework,
    load_framework, parse_framework,
};
pub use guard::{Purpose, check_target, trailmap_file_kind, write_guarded, write_guarded_with};
pub use ladder::{export_ladder, framework_text, import_ladder, install_ladder, sheet_path, write_framework};
pub use library::{FileStamp, LibraryCache, LibraryEntry, SCAN_BATCH, read_entry, scan, scan_with};
pub use locks::{Instance, PlanLock, canonical};
pub use paths::{DATA_DIR_ENV, DataDir};
pub use plans::{
    Fingerprint, LoadedPlan, backup_path, check_plan, load_plan, load_plan_text, parse_plan, plan_to_string,
    save_merged, save_plan, save_plan_with,
};
pub use prefs::{read_prefs_text, update_prefs};
pub use recovery::{
    Recovery, discard_recovery, has_recoveries_of, list_recoveries, read_recovery, recovery_path,
    write_recovery,
};
pub use sync::{conflict_copies, is_conflict_copy, move_to_merged, new_plan_id, replica};
pub use text::{MAX_DEPTH, MAX_FILE_BYTES, read_text};
/// The fast reader alone (no `ron` fallback), for the differential tests
/// and benchmarks; the app reads plans with [`parse_plan`].
pub use trailmap_core::format::parse_plan_fast;

use std::path::Path;

/// Writes an export (a report, a chart image) to a new or existing file,
/// atomically; never replaces a plan or framework (see [`write_guarded`]).
pub fn write_file(path: &Path, bytes: &[u8]) -> Result<(), StorageError> {
    write_guarded(path, bytes, Purpose::Export).map(|_| ())
}

/// Writes plan text (an example, generated data) to a new or existing plan
/// file, as a save does: atomically, keeping the previous file as `.bak`.
pub fn write_plan_text(path: &Path, text: &str) -> Result<(), StorageError> {
    write_guarded(path, text.as_bytes(), Purpose::Plan { expected: None }).map(|_| ())
}

/// The file's text with invalid UTF-8 replaced, for showing the lines around
/// an error; `None` if it cannot be read or is over the size limit.
pub fn read_lossy(path: &Path) -> Option<String> {
    let meta = std::fs::metadata(path).ok()?;
    if !meta.is_file() || meta.len() > MAX_FILE_BYTES {
        return None;
    }
    std::fs::read(path)
        .ok()
        .map(|b| String::from_utf8_lossy(&b).into_owned())
}

/// Creates a folder and its parents.
pub fn ensure_dir(path: &Path) -> Result<(), StorageError> {
    std::fs::create_dir_all(path).map_err(|e| StorageError::io(path, "create the folder", e))
}

/// Writes a report to `out` and its chart images beside it (images first);
/// returns the paths written, the report last.
pub fn write_report(
    plan: &crate::model::Plan,
    framework: &crate::model::Framework,
    today: jiff::civil::Date,
    format: crate::export::Format,
    redact: bool,
    out: &Path,
) -> Result<Vec<std::path::PathBuf>, StorageError> {
    let name = out
        .file_name()
        .map_or_else(|| "report".to_owned(), |n| n.to_string_lossy().into_owned());
    let files = crate::export::report_files(plan, framework, today, format, redact, &name)
        .map_err(|e| StorageError::new(out, ErrorKind::Export(e.to_string())))?;
    // The report is the file the user named; a chart file is named after
    // it, and replaces only a chart an earlier export made.
    let report_name = out.file_name();
    let files = files.into_iter().map(|(file, contents)| {
        let purpose = if Some(std::ffi::OsStr::new(&file)) == report_name {
            Purpose::Export
        } else {
            Purpose::ExportPart
        };
        (out.with_file_name(&file), contents, purpose)
    });
    write_together(files.collect())
}

/// Writes the files of one export, side by side. Every file is checked
/// before the first is written, so an export that may not be written leaves
/// no part of itself (a report's chart images, a ladder's other sheets);
/// and a write failing part-way (a full disk) removes the files this call
/// created, so a failed export leaves nothing of itself behind. Returns the
/// files written, in order.
pub(crate) fn write_together<B: AsRef<[u8]>>(
    files: Vec<(std::path::PathBuf, B, Purpose)>,
) -> Result<Vec<std::path::PathBuf>, StorageError> {
    for (path, _, purpose) in &files {
        check_target(path, *purpose)?;
    }
    let mut written = Vec::new();
    for (path, contents, purpose) in files {
        let new = std::fs::symlink_metadata(&path).is_err();
        if let Err(e) = write_guarded(&path, contents.as_ref(), purpose) {
            for (created, path) in &written {
                if *created {
                    let _ = std::fs::remove_file(path);
                }
            }
            return Err(e);
        }
        written.push((new, path));
    }
    Ok(written.into_iter().map(|(_, path)| path).collect())
}
