//! Files: plans, frameworks, recovery copies and the data folder.
//!
//! **Invariant:** this is the only layer that touches the file system. A file
//! that failed to load is never written; a save is atomic and keeps the
//! previous version as `NAME.ron.bak`; untrusted input is bounded in size and
//! nesting before it is parsed.

mod atomic;
mod error;
mod frameworks;
mod paths;
mod plans;
mod recovery;
mod text;

pub use atomic::{TMP_PREFIX, TMP_SUFFIX, WriteFn, atomic_write, clean_temp_files, resolve_links, write_all};
pub use error::{ErrorKind, Position, StorageError};
pub use frameworks::{
    BUILTIN_NAME, BUILTIN_TEXT, FrameworkCatalog, builtin, install_framework, load_framework, parse_framework,
};
pub use paths::{DATA_DIR_ENV, DataDir};
pub use plans::{
    Fingerprint, LoadedPlan, backup_path, check_plan, load_plan, load_plan_text, parse_plan, plan_to_string,
    save_plan, save_plan_with,
};
pub use recovery::{
    Recovery, discard_recovery, list_recoveries, read_recovery, recovery_path, write_recovery,
};
pub use text::{MAX_DEPTH, MAX_FILE_BYTES, read_text};

use std::path::Path;

/// Writes text to a new or existing file atomically (exports, images).
pub fn write_file(path: &Path, bytes: &[u8]) -> Result<(), StorageError> {
    atomic_write(&resolve_links(path), bytes, &write_all)
}

/// Creates a folder and its parents.
pub fn ensure_dir(path: &Path) -> Result<(), StorageError> {
    std::fs::create_dir_all(path).map_err(|e| StorageError::io(path, "create the folder", e))
}
