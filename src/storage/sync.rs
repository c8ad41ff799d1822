//! What merging copies needs from files: this installation's replica id,
//! random plan ids, and the conflict copies sync tools leave beside a plan.

use std::fs;
use std::path::{Path, PathBuf};

use trailmap_core::model::Replica;

use super::{DataDir, StorageError};

/// Random bytes from the operating system.
fn random<const N: usize>() -> [u8; N] {
    let mut bytes = [0u8; N];
    if getrandom::fill(&mut bytes).is_err() {
        // No source of randomness at all: mix the time and the process id,
        // which still differ between two machines.
        let seed = crate::clock::unix_nanos() ^ u128::from(std::process::id()) << 64;
        for (i, b) in bytes.iter_mut().enumerate() {
            *b = (seed >> ((i % 16) * 8)) as u8;
        }
    }
    bytes
}

/// A new random plan id: 32 hexadecimal digits.
pub fn new_plan_id() -> String {
    random::<16>().iter().map(|b| format!("{b:02x}")).collect()
}

/// This installation's replica id, kept in `DATA/replica`; made and written
/// the first time. When it cannot be written, a new random one serves for
/// this run (the ranges are random, so that is still safe).
pub fn replica(data: &DataDir) -> Replica {
    let path = data.replica();
    if let Ok(text) = fs::read_to_string(&path)
        && let Ok(n) = u32::from_str_radix(text.trim(), 16)
        && n > 0
        && n < Replica::LIMIT
    {
        return Replica(n);
    }
    let replica = Replica::from_random(u32::from_le_bytes(random::<4>()));
    let text = format!("{:08x}\n", replica.0);
    // Created only if absent: never replaces the id another instance wrote.
    let written = super::ensure_dir(data.root()).and_then(|()| {
        let mut file = fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
            .map_err(|e| StorageError::io(&path, "create", e))?;
        std::io::Write::write_all(&mut file, text.as_bytes()).map_err(|e| StorageError::io(&path, "write", e))
    });
    if let Err(e) = written {
        log::warn!("could not keep the replica id: {e}");
    }
    // Another instance may have written one first: use what the file holds.
    fs::read_to_string(&path)
        .ok()
        .and_then(|t| u32::from_str_radix(t.trim(), 16).ok())
        .filter(|n| *n > 0 && *n < Replica::LIMIT)
        .map_or(replica, Replica)
}

/// Whether `name` is a conflict copy a sync tool made of the plan file
/// named `stem.ron`:
/// - Syncthing: `stem.sync-conflict-YYYYMMDD-HHMMSS-XXXXXXX.ron`
/// - Dropbox: `stem (… conflicted copy …).ron`
/// - Nextcloud and others: `stem (… conflict …).ron`
pub fn is_conflict_copy(stem: &str, name: &str) -> bool {
    let Some(rest) = name.strip_prefix(stem) else {
        return false;
    };
    let Some(rest) = rest.strip_suffix(".ron") else {
        return false;
    };
    if let Some(tag) = rest.strip_prefix(".sync-conflict-") {
        let parts: Vec<&str> = tag.split('-').collect();
        return parts.len() == 3
            && parts[0].len() == 8
            && parts[1].len() == 6
            && parts[0]
                .bytes()
                .chain(parts[1].bytes())
                .all(|b| b.is_ascii_digit())
            && !parts[2].is_empty()
            && parts[2].bytes().all(|b| b.is_ascii_alphanumeric());
    }
    rest.starts_with(" (") && rest.ends_with(')') && rest.to_lowercase().contains("conflict")
}

/// The conflict copies beside the plan file `plan`, oldest name first.
pub fn conflict_copies(plan: &Path) -> Vec<PathBuf> {
    let (Some(dir), Some(stem)) = (plan.parent(), plan.file_stem().and_then(|s| s.to_str())) else {
        return Vec::new();
    };
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut found: Vec<PathBuf> = entries
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .filter(|e| e.file_name().to_str().is_some_and(|n| is_conflict_copy(stem, n)))
        .map(|e| e.path())
        .collect();
    found.sort();
    found
}

/// Moves a conflict copy that has been merged into `DATA/merged/`, under a
/// name no earlier copy there has; never deletes it. Returns where it went.
pub fn move_to_merged(data: &DataDir, copy: &Path) -> Result<PathBuf, StorageError> {
    let dir = data.merged();
    super::ensure_dir(&dir)?;
    let name = copy
        .file_name()
        .map_or_else(|| "copy.ron".into(), |n| n.to_os_string());
    let mut target = dir.join(&name);
    let mut n = 2;
    while target.exists() {
        let mut numbered = name.clone();
        numbered.push(format!(".{n}"));
        target = dir.join(numbered);
        n += 1;
    }
    if fs::rename(copy, &target).is_err() {
        // Another file system: copy, then remove the original.
        fs::copy(copy, &target).map_err(|e| StorageError::io(copy, "copy to the merged folder", e))?;
        fs::remove_file(copy).map_err(|e| StorageError::io(copy, "remove after copying", e))?;
    }
    Ok(target)
}

#[cfg(test)]
mod tests {
    use super::is_conflict_copy;

    #[test]
    fn conflict_copies_are_told_by_name() {
        for name in [
            "priya.sync-conflict-20261130-101500-ABCDEF7.ron",
            "priya (Sam's conflicted copy 2026-11-30).ron",
            "priya (conflicted copy 2026-11-30 101500).ron",
            "priya (conflict 2026-11-30).ron",
        ] {
            assert!(is_conflict_copy("priya", name), "{name}");
        }
        for name in [
            "priya.ron",
            "priya.ron.bak",
            "priya-2.ron",
            "priya.sync-conflict-2026-101500-ABC.ron",
            "priya (copy).ron",
            "priyanka (conflicted copy).ron",
            "priya.sync-conflict-20261130-101500-ABCDEF7.ron.tmp",
        ] {
            assert!(!is_conflict_copy("priya", name), "{name}");
        }
    }
}
