//! Helpers for every integration test: example plans, large generated
//! plans, folder listings and the built binary; the real app at a fixed size,
//! theme and date on a temporary data folder, and ways to drive it.
#![allow(dead_code, reason = "each test module uses a different part of the helpers")]

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use jiff::civil::date;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::Duration;
use trailmap::app::{AppConfig, TrailmapApp};
use trailmap::model::{ChecklistItem, Plan, RoleId, SkillId, Status};
use trailmap::storage::{self, FrameworkCatalog};

/// The example aiming at engineering manager.
pub const PRIYA: &str = "saves/priya-tech-lead-to-em.ron";
/// The example aiming at head of product, with mentor ratings and sessions.
pub const MARCUS: &str = "saves/marcus-tech-lead-to-head-of-product.ron";

/// The built binary.
/// What a plan holds, without its records for merging: an edit undone is a
/// new change for the clocks (see `model::sync`), so undo gives back the
/// content, with newer clocks.
pub fn content(plan: &Plan) -> Plan {
    Plan {
        sync: trailmap::model::sync::SyncState::default(),
        ..plan.clone()
    }
}

pub fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_trailmap")
}

/// Runs the binary with `args` in `dir`, on [`TODAY`] and with a data
/// folder inside `dir`, and returns what it did.
pub fn run_in(dir: &Path, args: &[&str]) -> Output {
    run_in_on(dir, &TODAY.to_string(), args)
}

/// [`run_in`] with today pinned to `today` (YYYY-MM-DD).
pub fn run_in_on(dir: &Path, today: &str, args: &[&str]) -> Output {
    Command::new(bin())
        .args(args)
        .current_dir(dir)
        .env("TRAILMAP_TODAY", today)
        .env("TRAILMAP_DATA_DIR", dir.join("data"))
        .env_remove("RUST_BACKTRACE")
        .output()
        .expect("the binary runs")
}

/// An example plan, loaded and checked.
pub fn example(path: &str) -> Plan {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    storage::load_plan(&path, &FrameworkCatalog::builtin_only())
        .unwrap_or_else(|e| panic!("{e}"))
        .plan
}

/// A valid plan whose saved text is at least `min_bytes` long: the Priya
/// example with many checklist items added, each with long text.
pub fn big_plan(min_bytes: usize, salt: &str) -> Plan {
    let mut plan = example(PRIYA);
    let skills = [
        "communication",
        "strategic-thinking",
        "influence",
        "decision-making",
    ];
    let mut n = 0usize;
    let base = storage::plan_to_string(&plan).len();
    let mut batch = 5;
    loop {
        let size = storage::plan_to_string(&plan).len();
        if size >= min_bytes {
            break;
        }
        if let Some(per_item) = (size - base).checked_div(n) {
            // Items are about the same size: add about as many as are missing.
            batch = (min_bytes - size) / (per_item + 1) + 1;
        }
        for _ in 0..batch {
            let id = plan.allocate_id();
            let mut item = ChecklistItem::new(
                id,
                format!(
                    "{salt} action {n}: write it down, share it, ask for feedback \"quoted\" and \\ escaped"
                ),
                date(2026, 1 + (n % 12) as i8, 1 + (n % 28) as i8),
            );
            item.skill = Some(SkillId::new(skills[n % 4]));
            item.role = n.is_multiple_of(3).then(|| RoleId::new("engineering-manager"));
            item.status = Status::ALL[n % 4];
            item.notes = format!("{salt} notes {n}: ").repeat(8);
            item.evidence = "é ü ✓ 漢字 — evidence line\n".repeat(n % 4);
            plan.checklist.push(item);
            n += 1;
        }
    }
    plan
}

/// The names in `dir`, sorted.
pub fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("the folder can be read")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// The temporary files a save leaves in `dir` if it is killed.
pub fn temp_files(dir: &Path) -> Vec<String> {
    listing(dir)
        .into_iter()
        .filter(|n| n.starts_with(storage::TMP_PREFIX) && n.ends_with(storage::TMP_SUFFIX))
        .collect()
}

/// Makes every temporary file in `dir` look as old as one a killed save left
/// behind: older than [`storage::STALE_AFTER`], which is what the cleaners
/// remove (a younger one may belong to a save in progress).
pub fn age_temp_files(dir: &Path) {
    let old = std::time::SystemTime::now() - storage::STALE_AFTER - std::time::Duration::from_secs(5);
    for name in temp_files(dir) {
        if !dir.join(&name).is_file() {
            continue;
        }
        let file = std::fs::File::options()
            .write(true)
            .open(dir.join(&name))
            .expect("open a temporary file");
        file.set_modified(old).expect("set its time");
    }
}

/// A fresh temporary folder.
pub fn temp_dir() -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix("trailmap-test-")
        .tempdir()
        .expect("a temporary folder")
}

/// `dir/name`.
pub fn path_in(dir: &Path, name: &str) -> PathBuf {
    dir.join(name)
}

/// Reads a file's bytes.
pub fn bytes(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Whether we run as root (root ignores permission bits).
pub fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

#[allow(unused_imports, reason = "the kill test uses none of these")]
pub use trailmap_testkit::{Sandbox, TODAY};

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
