//! Shared helpers for the UI tests: one way to build the app at a fixed size,
//! theme and date, on a temporary data folder.
#![allow(
    clippy::disallowed_methods,
    clippy::disallowed_types,
    reason = "tests, benchmarks and examples make real files and threads"
)]
#![allow(dead_code, reason = "each test file uses a different part of the helpers")]

use std::path::{Path, PathBuf};
use std::time::Duration;

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use jiff::civil::date;
use trailmap::app::{AppConfig, TrailmapApp};
use trailmap::model::Plan;
use trailmap::storage::DataDir;

/// The fixed "today" of the UI tests.
pub const TODAY: jiff::civil::Date = date(2026, 11, 22);

/// A temporary data folder with the example plans copied into `plans/`.
pub struct Sandbox {
    /// Holds the folder until the test ends.
    pub dir: tempfile::TempDir,
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
            Path::new(env!("CARGO_MANIFEST_DIR")).join("saves").join(name),
            &to,
        )
        .expect("copy example");
        to
    }

    /// The app's configuration for this folder, opening `plan`.
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

/// The app in a 1280×800 dark-theme harness.
pub fn harness(config: AppConfig) -> Harness<'static, TrailmapApp> {
    let app = TrailmapApp::new(config);
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .with_max_steps(20)
        .build_ui_state(|ui, app: &mut TrailmapApp| app.ui_root(ui), app);
    harness.run_ok();
    harness
}

/// The app in a 1280×800 harness that draws a box for a character no font
/// has, as the real app does (the test default is to panic, which keeps our
/// own texts honest; user text may hold anything).
pub fn harness_with_tofu(config: AppConfig) -> Harness<'static, TrailmapApp> {
    let app = TrailmapApp::new(config);
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .with_max_steps(20)
        .allow_missing_glyphs()
        .build_ui_state(|ui, app: &mut TrailmapApp| app.ui_root(ui), app);
    harness.run_ok();
    harness
}

/// The open plan; panics when no plan is open.
pub fn plan(harness: &Harness<'_, TrailmapApp>) -> Plan {
    harness
        .state()
        .open_plan()
        .expect("a plan is open")
        .doc
        .plan()
        .clone()
}

/// Whether the open plan has unsaved changes.
pub fn dirty(harness: &Harness<'_, TrailmapApp>) -> bool {
    harness.state().open_plan().is_some_and(|o| o.doc.is_dirty())
}

/// Clicks the button with this exact label, scrolling it into view first.
pub fn click(harness: &mut Harness<'_, TrailmapApp>, label: &str) {
    harness
        .get_by_role_and_label(egui::Role::Button, label)
        .scroll_to_me();
    harness.run_ok();
    harness.get_by_role_and_label(egui::Role::Button, label).click();
    harness.run_ok();
}

/// Clicks the widget with this exact label (any role), scrolling it into view first.
pub fn press(harness: &mut Harness<'_, TrailmapApp>, label: &str) {
    harness.get_by_label(label).scroll_to_me();
    harness.run_ok();
    harness.get_by_label(label).click();
    harness.run_ok();
}

/// Types `text` into the empty text field whose placeholder is `placeholder`.
pub fn type_into(harness: &mut Harness<'_, TrailmapApp>, placeholder: &'static str, text: &str) {
    harness
        .get_by(move |n| n.placeholder() == Some(placeholder))
        .scroll_to_me();
    harness.run_ok();
    let field = harness.get_by(move |n| n.placeholder() == Some(placeholder));
    field.focus();
    field.type_text(text);
    harness.run_ok();
}

/// Presses a key with Ctrl (Cmd on macOS) held.
pub fn ctrl(harness: &mut Harness<'_, TrailmapApp>, key: egui::Key) {
    harness.key_press_modifiers(egui::Modifiers::COMMAND, key);
    harness.run_ok();
}

/// Presses a key with Ctrl and Shift held.
pub fn ctrl_shift(harness: &mut Harness<'_, TrailmapApp>, key: egui::Key) {
    harness.key_press_modifiers(egui::Modifiers::COMMAND | egui::Modifiers::SHIFT, key);
    harness.run_ok();
}

/// Whether some widget has exactly this label.
pub fn shows(harness: &Harness<'_, TrailmapApp>, label: &str) -> bool {
    harness.query_by_label(label).is_some()
}

/// Replaces the text of the field labelled `label` with `text`.
pub fn replace_text(harness: &mut Harness<'_, TrailmapApp>, label: &str, text: &str) {
    harness.get_by_label(label).focus();
    harness.run_ok();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.run_ok();
    harness.get_by_label(label).type_text(text);
    harness.run_ok();
}

/// Makes the file at `path` look as old as a leftover of a killed save
/// (older than `storage::STALE_AFTER`).
pub fn make_old(path: &Path) {
    let old = std::time::SystemTime::now() - trailmap::storage::STALE_AFTER - Duration::from_secs(5);
    std::fs::File::options()
        .write(true)
        .open(path)
        .and_then(|f| f.set_modified(old))
        .expect("set the file's time");
}

/// Whether `dir` holds a temporary file of an atomic write.
pub fn temp_leftovers(dir: &Path) -> bool {
    std::fs::read_dir(dir).is_ok_and(|d| {
        d.flatten().any(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            name.starts_with(trailmap::storage::TMP_PREFIX) && name.ends_with(trailmap::storage::TMP_SUFFIX)
        })
    })
}
