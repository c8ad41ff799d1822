//! Recovery files: while a plan has unsaved changes the app writes a copy here
//! every few seconds; after a crash the next start offers to restore it.

use std::fs;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::atomic::{atomic_write, write_all};
use super::error::{ErrorKind, StorageError};
use super::paths::DataDir;
use super::plan_text::recovery_text;
use super::plans::Fingerprint;
use super::text::{parse, read_text};
use crate::model::Plan;

/// What a recovery file holds.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Recovery {
    /// The plan file the edits belong to; `None` for a plan never saved.
    pub original: Option<PathBuf>,
    /// When the copy was written, as local time text.
    pub written_at: String,
    /// The plan with the unsaved edits.
    pub plan: Plan,
}

/// The recovery file for a plan at `original`, or for an unsaved plan known by
/// `key` (any text unique to that plan).
pub fn recovery_path(data: &DataDir, original: Option<&Path>, key: &str) -> PathBuf {
    let name = match original {
        Some(path) => {
            let hash = Fingerprint::of(path.to_string_lossy().as_bytes());
            format!("plan-{:016x}.ron", fingerprint_hash(hash))
        }
        None => format!("untitled-{key}.ron"),
    };
    data.recovery().join(name)
}

fn fingerprint_hash(f: Fingerprint) -> u64 {
    use std::hash::{Hash, Hasher};
    // A stable hasher (FNV-1a) over the fingerprint's fields.
    struct Fnv(u64);
    impl Hasher for Fnv {
        fn finish(&self) -> u64 {
            self.0
        }
        fn write(&mut self, bytes: &[u8]) {
            for &b in bytes {
                self.0 ^= u64::from(b);
                self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
            }
        }
    }
    let mut h = Fnv(0xcbf2_9ce4_8422_2325);
    f.hash(&mut h);
    h.finish()
}

/// Writes a recovery file atomically.
pub fn write_recovery(path: &Path, recovery: &Recovery) -> Result<(), StorageError> {
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir).map_err(|e| StorageError::io(dir, "create the recovery folder", e))?;
    }
    // The fast writer, as for plans (the app writes this every few seconds
    // while there are unsaved changes); serde for a path that is not UTF-8.
    let text = match recovery_text(recovery.original.as_deref(), &recovery.written_at, &recovery.plan) {
        Some(text) => text,
        None => ron::ser::to_string_pretty(recovery, ron::ser::PrettyConfig::new())
            .map_err(|e| StorageError::new(path, ErrorKind::Invalid(e.to_string())))?,
    };
    atomic_write(path, text.as_bytes(), &write_all)
}

/// Reads one recovery file.
pub fn read_recovery(path: &Path) -> Result<Recovery, StorageError> {
    let text = read_text(path)?;
    parse(path, &text)
}

/// Every recovery file in the data folder, oldest name first, with what it
/// holds or why it cannot be read.
pub fn list_recoveries(data: &DataDir) -> Vec<(PathBuf, Result<Recovery, StorageError>)> {
    let Ok(entries) = fs::read_dir(data.recovery()) else {
        return Vec::new();
    };
    let mut paths: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "ron") && p.is_file())
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
