//! Loading and saving plan files.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Deserialize;

use super::atomic::{WriteFn, write_all};
use super::error::{ErrorKind, StorageError};
use super::frameworks::FrameworkCatalog;
use super::guard::{Purpose, write_guarded_with};
use super::text::{decode, find, parse, read_bytes};
use crate::model::{Framework, PLAN_FORMAT, Plan};
use trailmap_core::format::{parse_plan_fast, plan_text};

/// What a file held when it was read or written, to notice changes made by
/// another program.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, Deserialize)]
pub struct Fingerprint {
    len: u64,
    hash: u64,
}

impl Fingerprint {
    /// The fingerprint of `bytes`.
    pub fn of(bytes: &[u8]) -> Self {
        // FNV-1a over eight bytes at a time, then the rest one by one:
        // stable across runs and builds, unlike the std hasher, and eight
        // times fewer steps than byte-wise FNV on a large plan.
        const PRIME: u64 = 0x0100_0000_01b3;
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        let mut words = bytes.chunks_exact(8);
        for word in &mut words {
            hash ^= u64::from_le_bytes(word.try_into().unwrap_or_default());
            hash = hash.wrapping_mul(PRIME);
            hash ^= hash >> 29;
        }
        for &b in words.remainder() {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(PRIME);
        }
        Self {
            len: bytes.len() as u64,
            hash,
        }
    }

    /// A fingerprint no file has: for edits whose starting point is not
    /// known, so that saving them over a file always asks first.
    pub const UNKNOWN: Self = Self {
        len: u64::MAX,
        hash: 0,
    };

    /// The hash part, for names made from a key.
    pub fn value(&self) -> u64 {
        self.hash
    }
}

/// A plan read from a file.
#[derive(Clone, Debug)]
pub struct LoadedPlan {
    /// The plan.
    pub plan: Plan,
    /// The framework it uses.
    pub framework: Arc<Framework>,
    /// What the file held.
    pub fingerprint: Fingerprint,
    /// `Some(version)` when the file came from a newer Trailmap: it is open
    /// read-only and will not be written over.
    pub newer_format: Option<u32>,
}

/// The one field read before the whole plan. Plans write the version as a bare
/// number (`format_version: 1`), which RON does not accept for an `Option`
/// without `Some(..)`, so the number is read as `u32` and wrapped here.
#[derive(Deserialize)]
struct Header {
    #[serde(default, deserialize_with = "present")]
    format_version: Option<u32>,
}

fn present<'de, D: serde::Deserializer<'de>>(de: D) -> Result<Option<u32>, D::Error> {
    u32::deserialize(de).map(Some)
}

/// Parses plan text and reads its format version. Does not check the plan
/// against a framework. A plan in an older format reads as the current one
/// (its `format_version` becomes [`PLAN_FORMAT`]); one from a newer Trailmap
/// comes with `Some(version)`.
///
/// The text is parsed once (by the fast reader in `trailmap_core::format` when it
/// can, else by `ron`). Only when that fails, or finds no usable version, is
/// the version read on its own, to give the most precise error.
pub fn parse_plan(path: &Path, text: &str) -> Result<(Plan, Option<u32>), StorageError> {
    // The fast reader takes files laid out the way Trailmap writes them and
    // gives the plan `ron` would; for anything else, `ron` reads the text.
    let full = match parse_plan_fast(text) {
        Some(plan) => Ok(plan),
        None => parse::<Plan>(path, text),
    };
    match full {
        // A file without `format_version` reads as 0, which no format uses.
        Ok(mut plan) if plan.format_version != 0 => {
            let version = plan.format_version;
            if version > PLAN_FORMAT {
                return Ok((plan, Some(version)));
            }
            upgrade(&mut plan);
            Ok((plan, None))
        }
        full => explain_version(path, text, full),
    }
}

/// The answer of [`parse_plan`] when the one parse failed or found version 0:
/// reads the header alone and prefers a version error to a syntax error where
/// the version explains the failure.
fn explain_version(
    path: &Path,
    text: &str,
    full: Result<Plan, StorageError>,
) -> Result<(Plan, Option<u32>), StorageError> {
    let version = match parse::<Header>(path, text) {
        Ok(header) => header.format_version,
        // The full parse gives the more precise error.
        Err(_) => return full.map(|plan| (plan, None)),
    };
    let Some(version) = version else {
        let err = full.err();
        return Err(err.unwrap_or_else(|| {
            StorageError::new(
                path,
                ErrorKind::Invalid("the file has no format_version; is it a Trailmap plan?".into()),
            )
        }));
    };
    let at = || find(text, "format_version").unwrap_or(super::error::Position { line: 1, col: 1 });
    if version == 0 {
        return Err(StorageError::at(path, at(), ErrorKind::UnknownVersion(version)));
    }
    if version > PLAN_FORMAT {
        return match full {
            Ok(plan) => Ok((plan, Some(version))),
            Err(_) => Err(StorageError::at(
                path,
                at(),
                ErrorKind::Newer {
                    found: version,
                    supported: PLAN_FORMAT,
                },
            )),
        };
    }
    full.map(|mut plan| {
        upgrade(&mut plan);
        (plan, None)
    })
}

/// A plan read from an older format (or without an id) in this build's
/// format: the same on every machine (see [`trailmap_core::model::sync::adopt_legacy`]).
/// It is written in the new format on the next save, which keeps the old
/// file as `.bak`.
fn upgrade(plan: &mut Plan) {
    if plan.format_version < 3 || plan.id.is_empty() {
        trailmap_core::model::sync::adopt_legacy(plan);
    }
    plan.format_version = PLAN_FORMAT;
}

/// The format version a plan file states, read cheaply from its start when
/// it is laid out the way Trailmap writes it (`(` then `format_version: N,`
/// first), else `None`.
fn leading_version(text: &str) -> Option<u32> {
    let rest = text.trim_start().strip_prefix('(')?.trim_start();
    let rest = rest
        .strip_prefix("format_version")?
        .trim_start()
        .strip_prefix(':')?
        .trim_start();
    let digits = rest.find(|c: char| !c.is_ascii_digit())?;
    let after = rest[digits..].trim_start();
    if digits == 0 || !(after.starts_with(',') || after.starts_with(')')) {
        return None;
    }
    rest[..digits].parse().ok()
}

/// Checks a parsed plan against its framework; the error points at the first
/// problem and says how many more there are.
pub fn check_plan(path: &Path, text: &str, plan: &Plan, framework: &Framework) -> Result<(), StorageError> {
    let issues = plan.check(framework);
    let Some(first) = issues.first() else {
        return Ok(());
    };
    let more = match issues.len() - 1 {
        0 => String::new(),
        1 => " (and 1 more problem)".to_owned(),
        n => format!(" (and {n} more problems)"),
    };
    let message = ErrorKind::Invalid(format!("{}: {}{more}", first.place, first.message));
    Err(match first.needle.as_deref().and_then(|n| find(text, n)) {
        Some(position) => StorageError::at(path, position, message),
        None => StorageError::new(path, message),
    })
}

/// Reads, parses and checks the plan at `path`. The file is only read.
pub fn load_plan(path: &Path, catalog: &FrameworkCatalog) -> Result<LoadedPlan, StorageError> {
    // Read once: the fingerprint is of the bytes as they are on disk.
    let bytes = read_bytes(path)?;
    let fingerprint = Fingerprint::of(&bytes);
    let text = decode(path, bytes)?;
    load_plan_text(path, &text, fingerprint, catalog)
}

/// Like [`load_plan`], for text already read (e.g. an example built into the
/// binary); `path` is only used in messages.
pub fn load_plan_text(
    path: &Path,
    text: &str,
    fingerprint: Fingerprint,
    catalog: &FrameworkCatalog,
) -> Result<LoadedPlan, StorageError> {
    let (plan, newer_format) = parse_plan(path, text)?;
    let framework = catalog.get(&plan.framework.id).ok_or_else(|| {
        let kind = ErrorKind::UnknownFramework(plan.framework.id.clone());
        match find(text, &format!("\"{}\"", plan.framework.id)) {
            Some(pos) => StorageError::at(path, pos, kind),
            None => StorageError::new(path, kind),
        }
    })?;
    check_plan(path, text, &plan, &framework)?;
    Ok(LoadedPlan {
        plan,
        framework,
        fingerprint,
        newer_format,
    })
}

/// The text a plan is saved as: RON that [`parse_plan`] reads back into the
/// same plan, written by hand for speed (see `trailmap_core::format`).
pub fn plan_to_string(plan: &Plan) -> String {
    plan_text(plan)
}

/// The path of the backup kept beside `path`: `NAME.ron.bak`.
pub fn backup_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().map(|n| n.to_os_string()).unwrap_or_default();
    name.push(".bak");
    path.with_file_name(name)
}

/// Saves `plan` to `path` atomically, keeping the previous file as
/// `NAME.ron.bak`. With `expected`, refuses when the file on disk no longer
/// matches it (another program changed it). Refuses to write over a file from
/// a newer Trailmap, and over a read-only file. Saving through a symbolic link
/// updates the file it points to. Returns the fingerprint of what was written.
pub fn save_plan(
    path: &Path,
    plan: &Plan,
    expected: Option<Fingerprint>,
) -> Result<Fingerprint, StorageError> {
    save_plan_with(path, plan, expected, &write_all)
}

/// [`save_plan`] with the writer that fills the temporary file given, so tests
/// can make the write fail part-way.
pub fn save_plan_with(
    path: &Path,
    plan: &Plan,
    expected: Option<Fingerprint>,
    write: WriteFn<'_>,
) -> Result<Fingerprint, StorageError> {
    let text = plan_to_string(plan);
    write_guarded_with(path, text.as_bytes(), Purpose::Plan { expected }, write)
}

/// The format version of a plan file's bytes when it is newer than this
/// build understands, else `None`.
pub(super) fn newer_version_in(old: &[u8]) -> Option<u32> {
    // Most files state their version first: a current or older one can be
    // seen at a glance; anything else is read in full.
    let text = std::str::from_utf8(old.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(old)).ok()?;
    if leading_version(text).is_some_and(|v| v <= PLAN_FORMAT) {
        return None;
    }
    let found = ron::from_str::<Header>(text).ok()?.format_version?;
    (found > PLAN_FORMAT).then_some(found)
}

/// Writes the result of a merge to `path` (see [`Purpose::Merged`]): no
/// `.bak`, never over a framework or a plan from a newer Trailmap.
pub fn save_merged(path: &Path, plan: &Plan) -> Result<(), StorageError> {
    super::guard::write_guarded(
        path,
        plan_to_string(plan).as_bytes(),
        super::guard::Purpose::Merged,
    )
    .map(|_| ())
}
