//! The desktop app.

use std::path::PathBuf;
use std::process::ExitCode;

use crate::cli::GlobalArgs;

/// Opens the app window.
pub fn run(plan: Option<PathBuf>, global: &GlobalArgs) -> ExitCode {
    let _ = (plan, global);
    ExitCode::FAILURE
}
