//! Test data and set-up shared by Trailmap's tests, benchmarks and examples.
//! None of it ships in the app: the app crate lists this crate only as a
//! dev-dependency.
//!
//! - [`stress`]: the deterministic stress plan and plan library.
//! - [`TODAY`]: the one pinned date of the tests (the app's fixed date and
//!   the command line's `TRAILMAP_TODAY`).
//! - [`Sandbox`]: a temporary data folder, and the headless app
//!   configuration for it.
#![allow(
    clippy::disallowed_methods,
    clippy::disallowed_types,
    reason = "test set-up makes real files"
)]

pub mod stress;

use std::path::{Path, PathBuf};
use std::time::Duration;

use trailmap::app::AppConfig;
use trailmap::storage::DataDir;

/// The one pinned "today" of the tests.
pub const TODAY: jiff::civil::Date = stress::TODAY;

/// A temporary data folder, removed when the sandbox is dropped.
pub struct Sandbox {
    /// Holds the folder until the test ends.
    pub dir: tempfile::TempDir,
}

impl Default for Sandbox {
    fn default() -> Self {
        Self::new()
    }
}

impl Sandbox {
    /// A new, empty data folder.
    pub fn new() -> Self {
        Self {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    /// The data folder.
    pub fn data(&self) -> DataDir {
        DataDir::new(self.dir.path().join("data"))
    }

    /// Copies `saves/NAME` into the plans folder and returns its path.
    pub fn example(&self, name: &str) -> PathBuf {
        let plans = self.data().plans();
        std::fs::create_dir_all(&plans).expect("plans dir");
        let to = plans.join(name);
        std::fs::copy(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../../saves")
                .join(name),
            &to,
        )
        .expect("copy example");
        to
    }

    /// The headless app's configuration for this folder, opening `plan`: on
    /// [`TODAY`], recovery copies written at once, no native dialogs, slow
    /// work done in the frame that asks for it.
    pub fn config(&self, plan: Option<&Path>) -> AppConfig {
        let mut config = AppConfig::new(self.data());
        config.plan = plan.map(Path::to_path_buf);
        config.today = Some(TODAY);
        config.recovery_interval = Duration::ZERO;
        config.native_dialogs = false;
        config.background_threads = false;
        config
    }
}
