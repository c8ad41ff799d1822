//! An opt-in log of the frames the app draws, for `scripts/bench-launch.sh`.
//!
//! With `TRAILMAP_FRAME_LOG=PATH` set, every frame appends one line to `PATH`:
//! the wall-clock time in nanoseconds since the Unix epoch. The launch script
//! reads the first line for "start to first frame" and counts lines for idle
//! frames. Unset (the normal case), a frame costs one check of a value
//! initialised once, and nothing is written.

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::sync::{Mutex, OnceLock};

/// The environment variable that turns the frame log on.
pub const FRAME_LOG_ENV: &str = "TRAILMAP_FRAME_LOG";

/// With `TRAILMAP_FRAME_CAUSES=PATH`, each frame also appends to `PATH` the
/// time and why the next frame was asked for (egui's repaint causes), to
/// find frames that need not be drawn.
pub const FRAME_CAUSES_ENV: &str = "TRAILMAP_FRAME_CAUSES";

/// With `TRAILMAP_EXIT_AFTER_FIRST_FRAME` set (to anything), the app exits
/// at the end of its first frame: `scripts/count-first-frame.sh` counts the
/// instructions to there under callgrind.
pub const EXIT_AFTER_FIRST_FRAME_ENV: &str = "TRAILMAP_EXIT_AFTER_FIRST_FRAME";

/// Whether the app is to exit at the end of its first frame.
pub fn exit_after_first_frame() -> bool {
    static EXIT: OnceLock<bool> = OnceLock::new();
    *EXIT.get_or_init(|| std::env::var_os(EXIT_AFTER_FIRST_FRAME_ENV).is_some_and(|v| !v.is_empty()))
}

/// The file `$env` names, opened to append, once per process (`None` when
/// the variable is unset or the file cannot be opened).
fn log_file(log: &'static OnceLock<Option<Mutex<File>>>, env: &str) -> Option<&'static Mutex<File>> {
    log.get_or_init(|| {
        let path = std::env::var_os(env).filter(|p| !p.is_empty())?;
        OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)
            .ok()
            .map(Mutex::new)
    })
    .as_ref()
}

/// Appends `line` to `file` in one write, so a reader never sees half a line.
fn append(file: &Mutex<File>, line: &str) {
    if let Ok(mut file) = file.lock() {
        let _ = file.write_all(line.as_bytes());
    }
}

/// Records why the next frame was asked for, if `$TRAILMAP_FRAME_CAUSES` is
/// set (`causes` is only called then).
pub fn log_frame_causes(causes: impl FnOnce() -> String) {
    static LOG: OnceLock<Option<Mutex<File>>> = OnceLock::new();
    if let Some(file) = log_file(&LOG, FRAME_CAUSES_ENV) {
        append(file, &format!("{} {}\n", crate::clock::unix_nanos(), causes()));
    }
}

/// Records that a frame was drawn, if `$TRAILMAP_FRAME_LOG` is set.
pub fn log_frame() {
    static LOG: OnceLock<Option<Mutex<File>>> = OnceLock::new();
    if let Some(file) = log_file(&LOG, FRAME_LOG_ENV) {
        append(file, &format!("{}\n", crate::clock::unix_nanos()));
    }
}
