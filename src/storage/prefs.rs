//! The preferences file, `DATA/prefs.ron`: written atomically, and read,
//! changed and written under a lock, so two windows that both change it
//! (each adding recent files) never undo each other's changes.

use std::collections::HashMap;
use std::fs::{self, OpenOptions};

use super::error::StorageError;
use super::guard::{Purpose, write_guarded};
use super::paths::DataDir;
use super::text::read_text;

/// The preferences' text, or `None` when there are none yet. Without
/// `prefs.ron`, takes them once from `ui-state.ron`, where earlier versions
/// kept them under `legacy_key` (that file is only read).
pub fn read_prefs_text(data: &DataDir, legacy_key: &str) -> Option<String> {
    if let Ok(text) = read_text(&data.prefs()) {
        return Some(text);
    }
    let text = read_text(&data.ui_state()).ok()?;
    let mut map: HashMap<String, String> = ron::from_str(&text).ok()?;
    map.remove(legacy_key)
}

/// Replaces the preferences with `update(current text)`, holding a lock on
/// `DATA/locks/prefs.lock` from the read to the write.
pub fn update_prefs(data: &DataDir, update: &dyn Fn(Option<&str>) -> String) -> Result<(), StorageError> {
    let dir = data.locks();
    fs::create_dir_all(&dir).map_err(|e| StorageError::io(&dir, "create the folder", e))?;
    let lock_path = dir.join("prefs.lock");
    let lock = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&lock_path)
        .map_err(|e| StorageError::io(&lock_path, "open the lock file", e))?;
    // Waits for another window's write, which takes milliseconds.
    lock.lock()
        .map_err(|e| StorageError::io(&lock_path, "lock the preferences", e))?;
    let current = read_text(&data.prefs()).ok();
    let text = update(current.as_deref());
    write_guarded(&data.prefs(), text.as_bytes(), Purpose::Own).map(|_| ())
}
