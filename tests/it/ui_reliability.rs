//! Nothing lost with more than one window, more than one folder, or a crash
//! in between: recovery copies per window, locks on open plans, absolute
//! paths, preferences shared by windows, and plans with hostile text or
//! numbers at their limits. The real app state through egui_kittest; a
//! second real process where a second process is the point.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::support::{Sandbox, click, ctrl, dirty, harness, plan, press, shows};
use egui::Key;
use egui_kittest::kittest::Queryable as _;
use trailmap::app::{DialogKind, PageKind, Prefs, STORAGE_KEY};
use trailmap::model::{Level, SkillId};
use trailmap::storage;

const PRIYA: &str = "priya-tech-lead-to-em.ron";
const MARCUS: &str = "marcus-tech-lead-to-head-of-product.ron";

fn influence() -> SkillId {
    SkillId::new("influence")
}

fn recovery_files(sandbox: &Sandbox) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(sandbox.data().recovery())
        .map(|d| d.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    files.sort();
    files
}

fn status(h: &egui_kittest::Harness<'_, trailmap::app::TrailmapApp>) -> String {
    h.state().status().map(|s| s.text.clone()).unwrap_or_default()
}

/// Finding 3: a recovery copy made in one folder, restored from another
/// folder that holds a plan of the same name, must not replace that plan.
#[test]
fn a_copy_restored_from_another_folder_never_replaces_a_plan_there() {
    let sandbox = Sandbox::new();
    let a = sandbox.dir.path().join("a");
    let b = sandbox.dir.path().join("b");
    for (dir, example) in [(&a, PRIYA), (&b, MARCUS)] {
        std::fs::create_dir_all(dir).expect("mkdir");
        let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("saves").join(example);
        std::fs::copy(from, dir.join("plan.ron")).expect("copy");
    }
    let b_before = std::fs::read(b.join("plan.ron")).expect("read");
    let cwd = std::env::current_dir().expect("cwd");

    // `trailmap plan.ron` in a/, an edit, then a crash.
    std::env::set_current_dir(&a).expect("cd a");
    let mut h = harness(sandbox.config(Some(Path::new("plan.ron"))));
    std::env::set_current_dir(&cwd).expect("cd back");
    press(&mut h, "Influence self rating 5");
    let kept = h.state().prefs().clone();
    drop(h);
    assert!(
        kept.recent
            .iter()
            .chain(kept.last_plan.iter())
            .all(|p| p.is_absolute()),
        "every path kept is absolute: {kept:?}"
    );

    // `trailmap` in b/, Restore, Ctrl+S.
    std::env::set_current_dir(&b).expect("cd b");
    let mut h = harness(sandbox.config(None));
    std::env::set_current_dir(&cwd).expect("cd back");
    assert_eq!(h.state().dialog_kind(), Some(DialogKind::Recovery));
    click(&mut h, "Restore");
    ctrl(&mut h, Key::S);
    assert!(!dirty(&h), "{}", status(&h));
    assert_eq!(
        std::fs::read(b.join("plan.ron")).expect("read"),
        b_before,
        "b/plan.ron is untouched"
    );
    let a_plan = storage::load_plan(&a.join("plan.ron"), &storage::FrameworkCatalog::builtin_only())
        .expect("a/plan.ron loads");
    assert_eq!(a_plan.plan.self_rating(&influence()), Level::new(5));
}

/// Finding 3, for files an earlier version left: a recovery copy that names
/// its plan by a relative path comes back as an unsaved plan, and relative
/// recent files are dropped.
#[test]
fn a_relative_path_left_by_an_earlier_version_is_never_written() {
    let sandbox = Sandbox::new();
    let path = sandbox.example(PRIYA);
    let mut edited = storage::load_plan(&path, &storage::FrameworkCatalog::builtin_only())
        .expect("loads")
        .plan;
    edited.person.name = "Edited in a crash".into();
    std::fs::create_dir_all(sandbox.data().recovery()).expect("mkdir");
    let legacy = storage::Recovery {
        original: Some(PathBuf::from(PRIYA)),
        base: None,
        written_at: "2026-11-21 10:00".into(),
        plan: edited,
    };
    storage::write_recovery(
        &sandbox.data().recovery().join("plan-0123456789abcdef.ron"),
        &legacy,
    )
    .expect("write");
    let prefs = Prefs::from_text(Some(
        "(recent: [\"plan.ron\", \"/abs/plan.ron\"], last_plan: Some(\"plan.ron\"))",
    ));
    assert_eq!(prefs.recent, [PathBuf::from("/abs/plan.ron")]);
    assert_eq!(prefs.last_plan, None);

    let mut h = harness(sandbox.config(None));
    click(&mut h, "Restore");
    let open = h.state().open_plan().expect("restored");
    assert_eq!(open.path, None, "the folder it was relative to is unknown");
    assert_eq!(open.doc.plan().person.name, "Edited in a crash");
    ctrl(&mut h, Key::S);
    assert_eq!(
        h.state().dialog_kind(),
        Some(DialogKind::Path(trailmap::app::PathPurpose::SaveAs))
    );
}

/// Finding 4: edits restored after a crash began from the file as it was
/// then; a change made on disk since is not silently replaced.
#[test]
fn a_restored_copy_asks_before_replacing_changes_made_on_disk_since() {
    let sandbox = Sandbox::new();
    let path = sandbox.example(PRIYA);
    let mut h = harness(sandbox.config(Some(&path)));
    press(&mut h, "Influence self rating 5");
    drop(h);
    let theirs = std::fs::read_to_string(&path)
        .expect("read")
        .replace("Priya Raman", "Priya R.");
    std::fs::write(&path, &theirs).expect("another program changes it");

    let mut h = harness(sandbox.config(None));
    click(&mut h, "Restore");
    ctrl(&mut h, Key::S);
    assert_eq!(h.state().dialog_kind(), Some(DialogKind::ChangedOnDisk));
    assert_eq!(std::fs::read_to_string(&path).expect("read"), theirs);
    assert!(dirty(&h), "the restored edits are still there");
}

/// Finding 5: two windows on one plan. The second opens it read-only; each
/// keeps its own recovery copy, and a save in one never removes the other's.
#[test]
fn a_second_window_opens_the_plan_read_only_and_keeps_its_own_copy() {
    let sandbox = Sandbox::new();
    let path = sandbox.example(PRIYA);
    let before = std::fs::read(&path).expect("read");
    let mut first = harness(sandbox.config(Some(&path)));
    let mut second = harness(sandbox.config(Some(&path)));
    assert!(!first.state().open_plan().expect("open").held_elsewhere);
    assert!(second.state().open_plan().expect("open").held_elsewhere);
    assert!(
        status(&second).contains("open in another Trailmap window"),
        "{}",
        status(&second)
    );
    assert!(
        second.state().title().contains("[read-only]"),
        "{}",
        second.state().title()
    );
    assert!(
        !first.state().title().contains("[read-only]"),
        "{}",
        first.state().title()
    );
    assert!(
        shows(&second, "Read-only"),
        "the status bar says so while it lasts"
    );
    assert!(!shows(&first, "Read-only"));

    press(&mut second, "Communication self rating 5");
    ctrl(&mut second, Key::S);
    assert_eq!(
        second.state().dialog_kind(),
        Some(DialogKind::Path(trailmap::app::PathPurpose::SaveAs)),
        "the window without the lock asks for another file"
    );
    assert_eq!(
        std::fs::read(&path).expect("read"),
        before,
        "not written by the second window"
    );
    assert_eq!(recovery_files(&sandbox).len(), 1, "the second window's copy");

    press(&mut first, "Influence self rating 5");
    assert_eq!(recovery_files(&sandbox).len(), 2, "one copy per window");
    ctrl(&mut first, Key::S);
    assert!(!dirty(&first));
    let left = recovery_files(&sandbox);
    assert_eq!(left.len(), 1, "the first window removed only its own copy");

    // The second window crashes: the next start offers its edits.
    drop(second);
    let mut third = harness(sandbox.config(None));
    assert_eq!(third.state().dialog_kind(), Some(DialogKind::Recovery));
    click(&mut third, "Restore");
    let restored = plan(&third);
    assert_eq!(
        restored.self_rating(&SkillId::new("communication")),
        Level::new(5)
    );
    assert!(
        third.state().open_plan().expect("open").held_elsewhere,
        "the first window still holds the plan"
    );
    drop(first);
}

/// Finding 6: "Decide later" keeps the crash's copy, whatever this window
/// does with the same plan afterwards.
#[test]
fn decide_later_keeps_the_copy_a_crash_left() {
    let sandbox = Sandbox::new();
    let path = sandbox.example(PRIYA);
    let mut h = harness(sandbox.config(Some(&path)));
    press(&mut h, "Influence self rating 5");
    drop(h);
    let crash = recovery_files(&sandbox);
    assert_eq!(crash.len(), 1);
    let crash_bytes = std::fs::read(&crash[0]).expect("read");

    let mut h = harness(sandbox.config(Some(&path)));
    assert_eq!(h.state().dialog_kind(), Some(DialogKind::Recovery));
    click(&mut h, "Decide later");
    ctrl(&mut h, Key::S); // nothing changed yet
    press(&mut h, "Communication self rating 5"); // autosave of this window
    ctrl(&mut h, Key::S);
    h.state_mut().run_command(trailmap::app::UiCommand::Quit);
    h.run_ok();
    assert!(h.state().quit_requested());
    drop(h);
    assert_eq!(
        std::fs::read(&crash[0]).expect("the crash's copy is still there"),
        crash_bytes
    );
    let h = harness(sandbox.config(None));
    assert_eq!(
        h.state().dialog_kind(),
        Some(DialogKind::Recovery),
        "offered again"
    );
}

/// A second real process: it holds the plan (read-only here) until it is
/// killed; then the plan is ours and its edits are offered.
#[test]
fn a_killed_second_process_releases_the_plan_and_leaves_its_edits() {
    if let Some(data) = std::env::var_os("TRAILMAP_TEST_CHILD_DATA") {
        child(PathBuf::from(data));
        return;
    }
    let sandbox = Sandbox::new();
    let path = sandbox.example(PRIYA);
    let mut child = Command::new(std::env::current_exe().expect("test binary"))
        .args([
            "--exact",
            "ui_reliability::a_killed_second_process_releases_the_plan_and_leaves_its_edits",
            "--nocapture",
            "--test-threads=1",
        ])
        .env("TRAILMAP_TEST_CHILD_DATA", sandbox.data().root())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn the second process");
    let stdout = child.stdout.take().expect("stdout");
    let ready = std::io::BufRead::lines(std::io::BufReader::new(stdout))
        .map_while(Result::ok)
        .any(|line| line.contains("CHILD READY"));
    assert!(ready, "the second process did not get ready");

    let h = harness(sandbox.config(Some(&path)));
    assert!(
        h.state().open_plan().expect("open").held_elsewhere,
        "{}",
        status(&h)
    );
    drop(h);

    child.kill().expect("kill -9");
    child.wait().expect("reaped");
    let mut h = harness(sandbox.config(Some(&path)));
    assert!(
        !h.state().open_plan().expect("open").held_elsewhere,
        "the lock died with it"
    );
    assert_eq!(h.state().dialog_kind(), Some(DialogKind::Recovery));
    click(&mut h, "Restore");
    assert_eq!(plan(&h).self_rating(&influence()), Level::new(5));
}

/// The second process: opens the plan, edits it, says so and waits.
fn child(data: PathBuf) {
    let mut config = trailmap::app::AppConfig::new(storage::DataDir::new(data.clone()));
    config.plan = Some(data.join("plans").join(PRIYA));
    config.today = Some(crate::support::TODAY);
    config.recovery_interval = std::time::Duration::ZERO;
    config.native_dialogs = false;
    config.background_threads = false;
    let mut h = harness(config);
    press(&mut h, "Influence self rating 5");
    assert!(dirty(&h));
    println!("CHILD READY");
    std::thread::sleep(std::time::Duration::from_secs(60));
}

/// Finding 7: a name with a NUL (and other control characters) validates,
/// and the window title the app asks for has none of them.
#[test]
fn control_characters_in_a_name_never_reach_the_window_title() {
    let sandbox = Sandbox::new();
    let path = sandbox.example(PRIYA);
    let text = std::fs::read_to_string(&path)
        .expect("read")
        .replace("Priya Raman", "Pri\\u{0}ya\\u{1b}]0;owned\\u{7} Raman");
    std::fs::write(&path, text).expect("write");
    let h = harness(sandbox.config(Some(&path)));
    assert_eq!(h.state().page_kind(), PageKind::Plan);
    assert!(plan(&h).person.name.contains('\0'));
    let title = h.state().title();
    assert!(!title.chars().any(char::is_control), "title {title:?}");
    assert!(title.contains("Pri\u{fffd}ya"), "title {title:?}");
}

/// Finding 8: item numbers at their limit: no wrap-around, and the file
/// saved still loads.
#[test]
fn item_numbers_at_their_limit_refuse_a_new_item_and_still_save() {
    use trailmap::model::Replica;
    let sandbox = Sandbox::new();
    let path = sandbox.example(PRIYA);
    let text = std::fs::read_to_string(&path).expect("read");
    let at = |n: u64| regex_next_id(&text, n);
    std::fs::write(&path, at(u64::MAX)).expect("write");
    let h = harness(sandbox.config(Some(&path)));
    assert_eq!(
        h.state().page_kind(),
        PageKind::Error,
        "u64::MAX is refused on load"
    );
    drop(h);

    // This installation has the last replica range, and the plan already
    // holds its last number: the next one would leave the range.
    let limit = trailmap::model::limits::MAX_ITEM_NUMBER;
    std::fs::create_dir_all(sandbox.data().root()).expect("data folder");
    std::fs::write(sandbox.data().replica(), "1fffffff\n").expect("replica");
    let last = trailmap::model::ItemId::of(trailmap::model::Replica(Replica::LIMIT - 1), (1 << 24) - 1);
    assert_eq!(last.0, limit - 1);
    std::fs::write(
        &path,
        at(limit).replacen("(id: 1, ", &format!("(id: {}, ", last.0), 1),
    )
    .expect("write");
    let mut h = harness(sandbox.config(Some(&path)));
    assert_eq!(h.state().page_kind(), PageKind::Plan, "{}", status(&h));
    let before = plan(&h).checklist.len();
    h.state_mut()
        .run_command(trailmap::app::UiCommand::ShowTab(trailmap::ui::Tab::Checklist));
    h.run_ok();
    crate::support::type_into(&mut h, "New action, e.g. Run the next retro", "One too many");
    h.key_press(Key::Enter);
    h.run_ok();
    assert_eq!(plan(&h).checklist.len(), before, "refused, not wrapped");
    assert!(status(&h).contains("at most"), "{}", status(&h));
    ctrl(&mut h, Key::S);
    storage::load_plan(&path, &storage::FrameworkCatalog::builtin_only()).expect("still loads");
}

fn regex_next_id(text: &str, n: u64) -> String {
    let start = text.find("next_id: ").expect("next_id") + "next_id: ".len();
    let end = start + text[start..].find(',').expect("comma");
    format!("{}{n}{}", &text[..start], &text[end..])
}

/// Finding 11: with two windows, the last to close keeps the recent files
/// of the other; the preferences file is written whole (atomically) and the
/// old eframe file is only read.
#[test]
fn two_windows_keep_each_others_recent_files() {
    let sandbox = Sandbox::new();
    let priya = sandbox.example(PRIYA);
    let marcus = sandbox.example(MARCUS);
    std::fs::create_dir_all(sandbox.data().root()).expect("mkdir");
    let old = PathBuf::from("/elsewhere/old-plan.ron");
    let legacy = format!(
        "{{\"{STORAGE_KEY}\": \"(theme: Light, recent: [\\\"{}\\\"])\"}}",
        old.display()
    );
    std::fs::write(sandbox.data().ui_state(), &legacy).expect("write legacy");
    let prefs = || Prefs::from_text(storage::read_prefs_text(&sandbox.data(), STORAGE_KEY).as_deref());
    assert_eq!(
        prefs().recent,
        std::slice::from_ref(&old),
        "carried over from ui-state.ron"
    );

    // Both windows start from the same preferences; each adds its plan.
    let config = |plan: &Path| {
        let mut c = sandbox.config(Some(plan));
        c.prefs = prefs();
        c
    };
    let (first_config, second_config) = (config(&priya), config(&marcus));
    let first = harness(first_config);
    let second = harness(second_config);
    drop(second);
    drop(first);
    let recent = prefs().recent;
    assert!(
        recent.contains(&priya) && recent.contains(&marcus) && recent.contains(&old),
        "{recent:?}"
    );
    assert_eq!(
        std::fs::read_to_string(sandbox.data().ui_state()).expect("read"),
        legacy,
        "the old file is never written"
    );
    assert!(
        !crate::support::temp_leftovers(sandbox.data().root()),
        "no temporary file left in the data folder"
    );
}

/// Finding 11: leftovers of killed saves in the data folder, the recovery
/// folder and the frameworks folder are removed at start once they are
/// stale; a fresh one (a save running in another window) is kept.
#[test]
fn stale_temporary_files_in_the_data_folder_are_removed_at_start() {
    let sandbox = Sandbox::new();
    let data = sandbox.data();
    let dirs = [
        data.root().to_path_buf(),
        data.recovery(),
        data.frameworks(),
        data.plans(),
    ];
    for dir in &dirs {
        std::fs::create_dir_all(dir).expect("mkdir");
        std::fs::write(dir.join(".trailmap-x.ron-old.tmp"), b"private notes").expect("write");
        crate::support::make_old(&dir.join(".trailmap-x.ron-old.tmp"));
        std::fs::write(dir.join(".trailmap-x.ron-new.tmp"), b"being written").expect("write");
    }
    let _h = harness(sandbox.config(None));
    for dir in &dirs {
        assert!(!dir.join(".trailmap-x.ron-old.tmp").exists(), "{}", dir.display());
        assert!(dir.join(".trailmap-x.ron-new.tmp").exists(), "{}", dir.display());
    }
}

/// Finding 11: a recovery copy that could not be written is tried again
/// after the interval, without waiting for the next key or click.
#[test]
fn a_failed_recovery_write_asks_for_a_frame_to_try_again() {
    let sandbox = Sandbox::new();
    let path = sandbox.example(PRIYA);
    std::fs::create_dir_all(sandbox.data().root()).expect("mkdir");
    // A file where the recovery folder should be: every write fails.
    std::fs::write(sandbox.data().recovery(), b"in the way").expect("write");
    let mut h = harness(sandbox.config(Some(&path)));
    press(&mut h, "Influence self rating 5");
    assert!(status(&h).contains("recovery copy"), "{}", status(&h));
    let delay = h.output().viewport_output[&egui::ViewportId::ROOT].repaint_delay;
    assert!(
        delay < std::time::Duration::from_secs(60),
        "a repaint is asked for: {delay:?}"
    );

    std::fs::remove_file(sandbox.data().recovery()).expect("clear the way");
    h.step();
    assert_eq!(recovery_files(&sandbox).len(), 1, "written on the retry");
}

/// No plan that validates crashes a view: control characters and NUL in
/// every kind of text, on every tab.
#[test]
fn hostile_text_in_every_field_draws_on_every_tab() {
    let sandbox = Sandbox::new();
    let path = sandbox.example(PRIYA);
    let hostile = "\\u{0}\\u{1b}[2J\\u{7}\\u{8}\\u{fffe}\\u{ffff}\\u{202e}x\\r\\t";
    let mut text = std::fs::read_to_string(&path).expect("read");
    for field in [
        "name: \"",
        "text: \"",
        "summary: \"",
        "notes: \"",
        "private_notes: \"",
    ] {
        text = text.replace(field, &format!("{field}{hostile}"));
    }
    std::fs::write(&path, &text).expect("write");
    let out = validate(&path);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stdout));
    let mut h = crate::support::harness_with_tofu(sandbox.config(Some(&path)));
    for tab in trailmap::ui::Tab::ALL {
        h.state_mut().run_command(trailmap::app::UiCommand::ShowTab(tab));
        h.run_ok();
        assert_eq!(h.state().page_kind(), PageKind::Plan);
    }
    assert!(!h.state().title().chars().any(char::is_control));
}

/// A plan may not hold more skills of its own than the limit: `validate`
/// says so, and the app's button stops at the limit.
#[test]
fn custom_skills_stop_at_the_documented_limit() {
    let limit = trailmap::model::limits::MAX_CUSTOM_SKILLS;
    let sandbox = Sandbox::new();
    let path = sandbox.example(PRIYA);
    let catalog = storage::FrameworkCatalog::builtin_only();
    let mut p = storage::load_plan(&path, &catalog).expect("loads").plan;
    let skill = |i: usize| trailmap::model::CustomSkill {
        id: SkillId::new(format!("own-{i}")),
        name: format!("Own skill {i}"),
        description: String::new(),
        needs: Default::default(),
    };
    p.custom_skills = (0..=limit).map(skill).collect();
    std::fs::write(&path, storage::plan_to_string(&p)).expect("write");
    let out = validate(&path);
    assert!(!out.status.success());
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.contains(&format!("at most {limit}")), "{said}");

    p.custom_skills = (0..limit).map(skill).collect();
    std::fs::write(&path, storage::plan_to_string(&p)).expect("write");
    let mut h = harness(sandbox.config(Some(&path)));
    assert_eq!(h.state().page_kind(), PageKind::Plan);
    crate::support::type_into(&mut h, "Name of a skill to add, e.g. Public speaking", "One more");
    h.key_press(Key::Enter);
    h.run_ok();
    assert_eq!(plan(&h).custom_skills.len(), limit);
    assert!(!shows(&h, "One more"));
}

/// What one step of the interleaving property does, to window 0 or 1.
#[derive(Clone, Debug)]
enum Step {
    /// Adds a checklist item with a new text, without drawing a frame.
    Edit(usize),
    /// Draws frames: the recovery copy is written.
    Frame(usize),
    /// Ctrl+S (a dialog it opens is cancelled with Escape).
    Save(usize),
    /// kill -9: the window is gone, nothing is cleaned up.
    Kill(usize),
    /// Starts the window again on the plan.
    Start(usize),
    /// "Restore" on the recovery prompt, if shown.
    Restore(usize),
    /// "Decide later" on the recovery prompt, if shown.
    DecideLater(usize),
}

fn step() -> impl proptest::strategy::Strategy<Value = Step> {
    use proptest::prelude::*;
    let w = 0..2usize;
    prop_oneof![
        4 => w.clone().prop_map(Step::Edit),
        3 => w.clone().prop_map(Step::Frame),
        2 => w.clone().prop_map(Step::Save),
        1 => w.clone().prop_map(Step::Kill),
        2 => w.clone().prop_map(Step::Start),
        2 => w.clone().prop_map(Step::Restore),
        1 => w.prop_map(Step::DecideLater),
    ]
}

type Window = Option<egui_kittest::Harness<'static, trailmap::app::TrailmapApp>>;

fn texts_in(h: &egui_kittest::Harness<'_, trailmap::app::TrailmapApp>) -> Vec<String> {
    h.state()
        .open_plan()
        .map(|o| o.doc.plan().checklist.iter().map(|i| i.text.clone()).collect())
        .unwrap_or_default()
}

/// Runs `steps` over two windows on one plan and checks that every edit
/// that reached a recovery copy or a save can still be found, in the plan or
/// in a copy the next start offers, and that no other file was written.
fn interleaving_holds(steps: &[Step]) {
    use trailmap::model::{ChecklistItem, Command, ItemId};
    let sandbox = Sandbox::new();
    let path = sandbox.example(PRIYA);
    let folder = path.parent().expect("folder").to_path_buf();
    let bystander = folder.join("someone-else.ron");
    std::fs::write(&bystander, b"not a plan of ours").expect("write");
    let mut windows: [Window; 2] = [None, None];
    let mut durable: std::collections::BTreeSet<String> = Default::default();
    let mut next = 0;
    let start = |windows: &mut [Window; 2], w: usize| {
        if windows[w].is_none() {
            windows[w] = Some(harness(sandbox.config(Some(&path))));
        }
    };
    start(&mut windows, 0);
    for step in steps {
        match *step {
            Step::Edit(w) => {
                if let Some(h) = windows[w].as_mut()
                    && h.state().dialog_kind().is_none()
                    && let Some(open) = h.state().open_plan()
                {
                    let p = open.doc.plan();
                    let item =
                        ChecklistItem::new(ItemId(p.next_id), format!("edit {next}"), crate::support::TODAY);
                    let at = p.checklist.len();
                    next += 1;
                    h.state_mut().apply(Command::InsertItems(vec![(at, item)]));
                }
            }
            Step::Frame(w) => {
                if let Some(h) = windows[w].as_mut() {
                    h.run_ok();
                    durable.extend(texts_in(h));
                }
            }
            Step::Save(w) => {
                if let Some(h) = windows[w].as_mut()
                    && h.state().dialog_kind().is_none()
                {
                    ctrl(h, Key::S);
                    // A frame was drawn: the copy holds the edits either way.
                    durable.extend(texts_in(h));
                    if h.state().dialog_kind().is_some() {
                        h.key_press(Key::Escape);
                        h.run_ok();
                    }
                }
            }
            Step::Kill(w) => windows[w] = None,
            Step::Start(w) => start(&mut windows, w),
            Step::Restore(w) | Step::DecideLater(w) => {
                let label = if matches!(step, Step::Restore(_)) {
                    "Restore"
                } else {
                    "Decide later"
                };
                if let Some(h) = windows[w].as_mut()
                    && h.state().dialog_kind() == Some(DialogKind::Recovery)
                {
                    h.get_all_by_label(label).next().expect("button").click();
                    h.run_ok();
                    h.run_ok();
                    durable.extend(texts_in(h));
                }
            }
        }
    }
    windows = [None, None];
    drop(windows);

    // Everything findable now: the plan and every copy the next start offers.
    let catalog = storage::FrameworkCatalog::builtin_only();
    let mut found: std::collections::BTreeSet<String> = storage::load_plan(&path, &catalog)
        .expect("the plan still loads")
        .plan
        .checklist
        .iter()
        .map(|i| i.text.clone())
        .collect();
    for (_, copy) in storage::list_recoveries(&sandbox.data()) {
        found.extend(
            copy.expect("readable copy")
                .plan
                .checklist
                .iter()
                .map(|i| i.text.clone()),
        );
    }
    let lost: Vec<&String> = durable.difference(&found).collect();
    assert!(lost.is_empty(), "lost {lost:?} after {steps:?}");
    assert_eq!(std::fs::read(&bystander).expect("read"), b"not a plan of ours");
    let mut names: Vec<String> = std::fs::read_dir(&folder)
        .expect("folder")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names.retain(|n| n != "plan.ron.bak" && !n.ends_with(".bak"));
    assert_eq!(
        names,
        [PRIYA.to_owned(), "someone-else.ron".to_owned()],
        "{steps:?}"
    );
}

proptest::proptest! {
    #![proptest_config(proptest::test_runner::Config {
        // Each case starts up to a dozen apps; `PROPTEST_CASES` asks for more.
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(24),
        // A failing case prints its steps; no file is kept.
        failure_persistence: None,
        ..proptest::test_runner::Config::default()
    })]
    #[test]
    fn no_edit_that_reached_a_copy_or_a_save_is_ever_lost(
        steps in proptest::collection::vec(step(), 1..24)
    ) {
        interleaving_holds(&steps);
    }
}

/// Finding 1, in the app: an export aimed at the open plan's own file is
/// refused with the reason, and the plan keeps its bytes.
#[test]
fn an_export_aimed_at_the_plan_itself_is_refused() {
    let sandbox = Sandbox::new();
    let path = sandbox.example(PRIYA);
    let before = std::fs::read(&path).expect("read");
    let mut h = harness(sandbox.config(Some(&path)));
    ctrl(&mut h, Key::E);
    crate::support::replace_text(&mut h, "Location", &path.display().to_string());
    click(&mut h, "Export");
    assert_eq!(
        h.state().dialog_kind(),
        Some(DialogKind::Export),
        "the form stays open"
    );
    assert!(
        shows(
            &h,
            &format!(
                "{}: this is a Trailmap plan; an export never replaces it (choose another file)",
                path.display()
            )
        ),
        "the reason is shown"
    );
    assert_eq!(std::fs::read(&path).expect("read"), before);
    assert!(!storage::backup_path(&path).exists());
}

/// One writer per plan whatever the way in: a window with another data
/// folder, and a window opening a hard link to the plan, both open it
/// read-only.
#[test]
fn another_data_folder_or_a_hard_link_still_opens_the_plan_read_only() {
    let sandbox = Sandbox::new();
    let path = sandbox.example(PRIYA);
    let first = harness(sandbox.config(Some(&path)));
    assert!(!first.state().open_plan().expect("open").held_elsewhere);

    let other = Sandbox::new();
    let mut config = other.config(Some(&path));
    config.data = other.data();
    let second = harness(config);
    assert!(
        second.state().open_plan().expect("open").held_elsewhere,
        "another data folder sees the lock"
    );

    let link = sandbox.dir.path().join("hard-link.ron");
    std::fs::hard_link(&path, &link).expect("hard link");
    let third = harness(sandbox.config(Some(&link)));
    assert!(
        third.state().open_plan().expect("open").held_elsewhere,
        "a hard link is the same file"
    );
    let symlink = sandbox.dir.path().join("sym-link.ron");
    std::os::unix::fs::symlink(&path, &symlink).expect("symlink");
    let dotted = path
        .parent()
        .expect("folder")
        .join("..")
        .join(path.parent().and_then(|p| p.file_name()).expect("name"))
        .join(path.file_name().expect("name"));
    for other in [symlink, dotted] {
        let h = harness(sandbox.config(Some(&other)));
        assert!(
            h.state().open_plan().expect("open").held_elsewhere,
            "{}",
            other.display()
        );
    }
    drop((second, third));

    // After a save the plan is a new file: a hard link made to it then is
    // still seen.
    let mut first = first;
    press(&mut first, "Influence self rating 5");
    ctrl(&mut first, Key::S);
    assert!(!dirty(&first));
    let link2 = sandbox.dir.path().join("hard-link-2.ron");
    std::fs::hard_link(&path, &link2).expect("hard link");
    let fourth = harness(sandbox.config(Some(&link2)));
    assert!(fourth.state().open_plan().expect("open").held_elsewhere);
}

/// A link planted in the data folder never aims a write at its target:
/// the preferences replace the link, and the file it pointed to is intact.
#[test]
fn a_link_in_the_data_folder_never_redirects_a_write() {
    let sandbox = Sandbox::new();
    let path = sandbox.example(PRIYA);
    let victim = sandbox.dir.path().join("victim.ron");
    std::fs::copy(&path, &victim).expect("copy");
    let before = std::fs::read(&victim).expect("read");
    std::os::unix::fs::symlink(&victim, sandbox.data().prefs()).expect("link prefs.ron");
    std::fs::create_dir_all(sandbox.data().recovery()).expect("mkdir");
    let h = harness(sandbox.config(Some(&path)));
    drop(h);
    assert_eq!(
        std::fs::read(&victim).expect("read"),
        before,
        "the link's target is untouched"
    );
    assert!(
        !std::fs::symlink_metadata(sandbox.data().prefs())
            .expect("prefs.ron")
            .is_symlink(),
        "the link itself was replaced by the preferences"
    );
}

/// Finding 6: a 12 MB name made the app take 17 s and 3.7 GB to start.
/// Texts have limits: `validate` names the field, and an edit past a limit
/// is refused whole, leaving the plan as it was.
#[test]
fn texts_past_their_limit_are_refused_on_load_and_on_edit() {
    use trailmap::model::{Command as Edit, Document, limits};
    let sandbox = Sandbox::new();
    let path = sandbox.example(PRIYA);
    let catalog = storage::FrameworkCatalog::builtin_only();
    let plan = storage::load_plan(&path, &catalog).expect("loads").plan;

    let mut long = plan.clone();
    long.person.name = "ab ".repeat(limits::MAX_NAME_BYTES);
    std::fs::write(&path, storage::plan_to_string(&long)).expect("write");
    let out = validate(&path);
    assert!(!out.status.success());
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        said.contains("person.name") && said.contains("the limit is 1024"),
        "{said}"
    );
    let h = harness(sandbox.config(Some(&path)));
    assert_eq!(
        h.state().page_kind(),
        PageKind::Error,
        "refused quickly, with the reason"
    );
    drop(h);

    let mut doc = Document::new(plan.clone());
    let err = doc
        .apply(Edit::SetPrivateNotes("x".repeat(limits::MAX_TEXT_BYTES + 1)))
        .expect_err("too long");
    assert!(err.to_string().contains("private_notes"), "{err}");
    assert_eq!(doc.plan(), &plan, "nothing changed");
    assert!(!doc.is_dirty());
    doc.apply(Edit::SetPrivateNotes("x".repeat(limits::MAX_TEXT_BYTES)))
        .expect("at the limit is fine");
}

/// Finding 11 (cosmetic): a window that writes the preferences keeps the
/// theme another window chose; it writes only what it changed itself.
#[test]
fn a_window_keeps_the_theme_another_window_chose() {
    let sandbox = Sandbox::new();
    let priya = sandbox.example(PRIYA);
    let marcus = sandbox.example(MARCUS);
    let prefs = || Prefs::from_text(storage::read_prefs_text(&sandbox.data(), STORAGE_KEY).as_deref());
    let mut first = harness(sandbox.config(Some(&priya)));
    let mut second = harness(sandbox.config(None));
    click(&mut second, "View");
    second.get_by_label("Theme").hover();
    second.run_ok();
    second.get_by_label("Light").click();
    second.run_ok();
    assert_eq!(
        prefs().theme,
        trailmap::app::ThemeChoice::Light,
        "the second window wrote its choice"
    );
    first.state_mut().open_path(&marcus);
    first.run_ok();
    let now = prefs();
    assert_eq!(
        now.theme,
        trailmap::app::ThemeChoice::Light,
        "the first window kept it"
    );
    assert!(
        now.recent.contains(&marcus) && now.recent.contains(&priya),
        "{:?}",
        now.recent
    );
}

/// Finding 6, for the preferences: a hostile `prefs.ron` (a 6 MB path)
/// took 14 s and gigabytes to start; it is now read as the defaults, and
/// recent plans that are gone are not offered.
#[test]
fn hostile_or_stale_preferences_start_quickly_and_offer_only_real_plans() {
    let sandbox = Sandbox::new();
    let priya = sandbox.example(PRIYA);
    let huge = format!("(recent: [\"/{}\"], theme: Dark)", "x".repeat(6_000_000));
    let prefs = Prefs::from_text(Some(&huge));
    assert!(prefs.recent.is_empty(), "a file that size is not preferences");
    assert_eq!(
        prefs.theme,
        trailmap::app::ThemeChoice::System,
        "read as the defaults"
    );
    let long = format!("(recent: [\"/{}\", \"{}\"])", "x".repeat(5000), priya.display());
    assert_eq!(
        Prefs::from_text(Some(&long)).recent,
        std::slice::from_ref(&priya),
        "no path longer than a system allows"
    );

    let gone = sandbox.dir.path().join("gone.ron");
    let mut config = sandbox.config(None);
    config.prefs.recent = vec![gone.clone(), priya.clone()];
    let h = harness(config);
    assert!(shows(&h, &priya.display().to_string()) || h.query_by_label_contains("priya").is_some());
    assert!(
        h.query_by_label_contains("gone.ron").is_none(),
        "a deleted plan is not offered"
    );
}

/// `trailmap validate PATH`, run as the built binary.
fn validate(path: &Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_trailmap"))
        .arg("validate")
        .arg(path)
        .output()
        .expect("runs")
}

/// Round 3, P1: a command-line writer does not replace a plan an app
/// window holds (`new --force`, `save-copy`), and the lock is seen whatever
/// `XDG_RUNTIME_DIR` says.
#[test]
fn the_command_line_does_not_write_a_plan_a_window_holds() {
    let sandbox = Sandbox::new();
    let path = sandbox.example(PRIYA);
    let before = std::fs::read(&path).expect("read");
    let _window = harness(sandbox.config(Some(&path)));
    let other_data = sandbox.dir.path().join("other-data");
    for runtime in [None, Some(sandbox.dir.path())] {
        let mut new = Command::new(env!("CARGO_BIN_EXE_trailmap"));
        new.args([
            "new",
            "X",
            "--role",
            "tech-lead",
            "--target",
            "engineering-manager",
            "--force",
            "-o",
        ])
        .arg(&path)
        .env("TRAILMAP_DATA_DIR", &other_data);
        match runtime {
            Some(dir) => new.env("XDG_RUNTIME_DIR", dir),
            None => new.env_remove("XDG_RUNTIME_DIR"),
        };
        let out = new.output().expect("runs");
        assert_eq!(out.status.code(), Some(1));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("the plan is open in a Trailmap window"), "{err}");
        assert_eq!(std::fs::read(&path).expect("read"), before, "not replaced");
    }
}
