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

/// Records why the next frame was asked for, if `$TRAILMAP_FRAME_CAUSES` is
/// set (`causes` is only called then).
pub fn log_frame_causes(causes: impl FnOnce() -> String) {
    static LOG: OnceLock<Option<Mutex<File>>> = OnceLock::new();
    let log = LOG.get_or_init(|| {
        let path = std::env::var_os(FRAME_CAUSES_ENV).filter(|p| !p.is_empty())?;
        OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)
            .ok()
            .map(Mutex::new)
    });
    let Some(file) = log else { return };
    let line = format!("{} {}\n", crate::clock::unix_nanos(), causes());
    if let Ok(mut file) = file.lock() {
        let _ = file.write_all(line.as_bytes());
    }
}

/// Records that a frame was drawn, if `$TRAILMAP_FRAME_LOG` is set.
pub fn log_frame() {
    static LOG: OnceLock<Option<Mutex<File>>> = OnceLock::new();
    let log = LOG.get_or_init(|| {
        let path = std::env::var_os(FRAME_LOG_ENV).filter(|p| !p.is_empty())?;
        OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)
            .ok()
            .map(Mutex::new)
    });
    let Some(file) = log else { return };
    let nanos = crate::clock::unix_nanos();
    if let Ok(mut file) = file.lock() {
        // One write per line, so a reader never sees half a line.
        let _ = file.write_all(format!("{nanos}\n").as_bytes());
    }
}
