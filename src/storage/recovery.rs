//! Recovery files: while a plan has unsaved changes the app writes a copy here
//! every few seconds; after a crash the next start offers to restore it.

use std::fs;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::error::{ErrorKind, StorageError};
use super::guard::{Purpose, write_guarded};
use super::locks::Instance;
use super::paths::DataDir;
use super::plans::Fingerprint;
use super::text::{parse, read_text};
use crate::model::Plan;
use trailmap_core::format::{write_plan, write_string};

/// What a recovery file holds.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Recovery {
    /// The plan file the edits belong to, as an absolute path; `None` for a
    /// plan never saved. (Files from earlier versions may hold a relative
    /// path: the app treats those as unsaved plans.)
    pub original: Option<PathBuf>,
    /// What the plan file held when the edits began: saving the restored
    /// edits asks first when the file has changed since. `None` in files
    /// from earlier versions, where it is unknown.
    #[serde(default)]
    pub base: Option<Fingerprint>,
    /// When the copy was written, as local time text.
    pub written_at: String,
    /// The plan with the unsaved edits.
    pub plan: Plan,
}

/// The recovery file of the app instance `instance` for a plan at
/// `original`, or for an unsaved plan known by `key` (any text unique to that
/// plan). Each instance has its own, so two windows never write one file.
pub fn recovery_path(data: &DataDir, instance: &str, original: Option<&Path>, key: &str) -> PathBuf {
    let name = match original {
        Some(path) => {
            // Named as plan locks are: the fingerprint of the path's text.
            let hash = Fingerprint::of(path.to_string_lossy().as_bytes()).value();
            format!("{instance}.plan-{hash:016x}.ron")
        }
        None => format!("{instance}.untitled-{key}.ron"),
    };
    data.recovery().join(name)
}

/// The instance that wrote the recovery file at `path`, or `None` for a file
/// named by an earlier version (one copy per plan, no instance).
fn instance_of(path: &Path) -> Option<String> {
    let name = path.file_name()?.to_str()?;
    let (instance, rest) = name.split_once('.')?;
    (rest.starts_with("plan-") || rest.starts_with("untitled-")).then(|| instance.to_owned())
}

/// A recovery file's text (`Recovery` in RON) with the plan written by the
/// fast writer, as plans are (the app writes this every few seconds while
/// there are unsaved changes). `None` when the path is not UTF-8, which RON
/// cannot hold as text; the caller then uses serde.
fn recovery_text(recovery: &Recovery) -> Option<String> {
    let mut out = String::from("(\n  original: ");
    match &recovery.original {
        Some(path) => {
            out.push_str("Some(");
            write_string(&mut out, path.to_str()?);
            out.push(')');
        }
        None => out.push_str("None"),
    }
    if let Some(base) = recovery.base {
        // Serde's own text for it, which is short and has no strings.
        out.push_str(",\n  base: Some(");
        out.push_str(&ron::to_string(&base).ok()?);
        out.push(')');
    }
    out.push_str(",\n  written_at: ");
    write_string(&mut out, &recovery.written_at);
    out.push_str(",\n  plan: ");
    write_plan(&mut out, &recovery.plan);
    out.push_str(")\n");
    Some(out)
}

/// Writes a recovery file atomically.
pub fn write_recovery(path: &Path, recovery: &Recovery) -> Result<(), StorageError> {
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir).map_err(|e| StorageError::io(dir, "create the recovery folder", e))?;
    }
    // The fast writer, as for plans (the app writes this every few seconds
    // while there are unsaved changes); serde for a path that is not UTF-8.
    let text = match recovery_text(recovery) {
        Some(text) => text,
        None => ron::ser::to_string_pretty(recovery, ron::ser::PrettyConfig::new())
            .map_err(|e| StorageError::new(path, ErrorKind::Invalid(e.to_string())))?,
    };
    write_guarded(path, text.as_bytes(), Purpose::Own).map(|_| ())
}

/// Reads one recovery file.
pub fn read_recovery(path: &Path) -> Result<Recovery, StorageError> {
    let text = read_text(path)?;
    parse(path, &text)
}

/// The recovery files left by app instances that are no longer running (a
/// crash, `kill -9`, a power cut), oldest name first, with what each holds or
/// why it cannot be read. Copies of running instances are theirs and are not
/// listed.
pub fn list_recoveries(data: &DataDir) -> Vec<(PathBuf, Result<Recovery, StorageError>)> {
    let Ok(entries) = fs::read_dir(data.recovery()) else {
        return Vec::new();
    };
    let mut paths: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "ron") && p.is_file())
        .filter(|p| instance_of(p).is_none_or(|id| !Instance::is_running(data, &id)))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|p| {
            let r = read_recovery(&p);
            (p, r)
        })
        .collect()
}

/// Deletes a recovery file; a file already gone is fine.
pub fn discard_recovery(path: &Path) -> Result<(), StorageError> {
    match fs::remove_file(path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(StorageError::io(path, "delete the recovery file", e)),
    }
}

/// Whether any recovery file in the data folder was written by `instance`.
pub fn has_recoveries_of(data: &DataDir, instance: &str) -> bool {
    fs::read_dir(data.recovery()).is_ok_and(|entries| {
        entries
            .flatten()
            .any(|e| instance_of(&e.path()).is_some_and(|id| id == instance))
    })
}
