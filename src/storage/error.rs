//! Storage errors. Each names the file and, where one applies, the line and
//! column, in the form `PATH:LINE:COL: message` or `PATH: message`.

use std::fmt;
use std::io;
use std::path::PathBuf;

use thiserror::Error;

/// A line and column, both counted from 1.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Position {
    /// Line, from 1.
    pub line: usize,
    /// Column in characters, from 1.
    pub col: usize,
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.col)
    }
}

/// What went wrong with a file.
#[derive(Debug, Error)]
pub enum ErrorKind {
    /// Reading, writing or renaming failed.
    #[error("could not {action}: {source}")]
    Io {
        /// What we tried, e.g. "read the file".
        action: &'static str,
        /// The system's error.
        source: io::Error,
    },
    /// The path is a folder, not a file.
    #[error("this is a folder, not a file")]
    NotAFile,
    /// The path is a pipe, socket or device, not a regular file.
    #[error("this is a pipe, socket or device, not a regular file")]
    NotRegular,
    /// A write aimed at a folder.
    #[error("this is a folder; nothing was written")]
    FolderTarget,
    /// The previous version could not be kept as `NAME.bak`, so the file
    /// was not replaced.
    #[error("could not keep the previous version as {}: {}", .backup.display(), .source)]
    Backup {
        /// The backup's path.
        backup: std::path::PathBuf,
        /// What went wrong with it.
        source: Box<ErrorKind>,
    },
    /// A write aimed at a pipe, socket or device.
    #[error("this is a pipe, socket or device, not a regular file; nothing was written")]
    SpecialTarget,
    /// A write aimed at a read-only file.
    #[error("could not save over it: the file is read-only")]
    ReadOnly,
    /// A write aimed at a file that belongs to another user.
    #[error("the file belongs to another user; it was not replaced")]
    OtherOwner,
    /// An export or framework aimed at a Trailmap plan (or an export at a
    /// framework).
    #[error("this is a Trailmap {0}; an export never replaces it (choose another file)")]
    WouldReplaceTrailmapFile(&'static str),
    /// A file an export would write beside the one named (a chart, a
    /// framework sheet) is a file it did not make.
    #[error(
        "this file was not made by a Trailmap export, and an export replaces only what an export wrote (give the export another name)"
    )]
    NotOurChart,
    /// The report could not be made (the PDF writer failed); nothing was
    /// written.
    #[error("{0}; nothing was written")]
    Export(String),
    /// The plan is open for editing in another Trailmap window.
    #[error("the plan is open in another Trailmap window")]
    HeldElsewhere,
    /// The file is empty or holds only whitespace and comments.
    #[error("the file is empty")]
    Empty,
    /// The file is larger than the limit.
    #[error("the file is {size} bytes; the limit is {limit} bytes")]
    TooLarge {
        /// Its size.
        size: u64,
        /// The limit.
        limit: u64,
    },
    /// Brackets nest deeper than the limit.
    #[error("brackets nest deeper than {limit} levels")]
    TooDeep {
        /// The limit.
        limit: usize,
    },
    /// The bytes are not UTF-8 text.
    #[error("the file is not UTF-8 text")]
    NotText,
    /// The text is not valid RON for the expected structure.
    #[error("{0}")]
    Syntax(String),
    /// The content parses but breaks a rule (unknown id, duplicate, …).
    #[error("{0}")]
    Invalid(String),
    /// The file was written by a newer Trailmap.
    #[error("written by a newer Trailmap (format {found}); this build understands format {supported}")]
    Newer {
        /// The file's format version.
        found: u32,
        /// The newest this build understands.
        supported: u32,
    },
    /// The file's format version is not one this build knows.
    #[error("unknown format version {0}")]
    UnknownVersion(u32),
    /// Saving would replace a file with a newer format version.
    #[error("refusing to write over a file from a newer Trailmap (format {found}); use Save as")]
    WouldOverwriteNewer {
        /// The file's format version.
        found: u32,
    },
    /// The file changed on disk since it was opened or last saved.
    #[error("the file changed on disk since it was opened")]
    ChangedOnDisk,
    /// The plan names a framework that is not installed.
    #[error("the plan uses framework `{0}`, which is not installed")]
    UnknownFramework(String),
}

/// An error about one file.
#[derive(Debug, Error)]
#[error("{}{}: {kind}", path.display(), position.map(|p| format!(":{p}")).unwrap_or_default())]
pub struct StorageError {
    /// The file.
    pub path: PathBuf,
    /// Where in it, if a place applies.
    pub position: Option<Position>,
    /// What went wrong.
    pub kind: ErrorKind,
}

impl StorageError {
    /// An error with no position.
    pub fn new(path: impl Into<PathBuf>, kind: ErrorKind) -> Self {
        Self {
            path: path.into(),
            position: None,
            kind,
        }
    }

    /// An error at `position`.
    pub fn at(path: impl Into<PathBuf>, position: Position, kind: ErrorKind) -> Self {
        Self {
            path: path.into(),
            position: Some(position),
            kind,
        }
    }

    /// An I/O error while doing `action`.
    pub fn io(path: impl Into<PathBuf>, action: &'static str, source: io::Error) -> Self {
        Self::new(path, ErrorKind::Io { action, source })
    }

    /// Whether the error is that the file changed on disk.
    pub fn is_changed_on_disk(&self) -> bool {
        matches!(self.kind, ErrorKind::ChangedOnDisk)
    }
}
