//! Pixel snapshots: the real app rendered to PNG on the CPU (egui_kittest
//! with wgpu on Mesa's lavapipe), compared with the images in
//! `tests/snapshots/`. A view that changes, or a label that is cut or moves,
//! fails its test and leaves `NAME.new.png` and `NAME.diff.png` beside the
//! stored image. After a change meant to be seen, look at the new images and
//! accept them with `UPDATE_SNAPSHOTS=1 cargo test snapshots` (README).
//!
//! Every view with the example plan, in dark and light, at 1280×800; the
//! four busiest also at 1024×700. Each snapshot runs in a data folder at a
//! fixed place (`/tmp/trailmap-snapshots/NAME`, not under the checkout,
//! whose path differs from machine to machine), so the paths the status bar
//! shows are the same in every run and on every machine.

use std::path::PathBuf;

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use trailmap::app::{AppConfig, ThemeChoice, TrailmapApp, UiCommand};
use trailmap::storage::DataDir;
use trailmap::ui::Tab;

use crate::support::TODAY;

/// The example every view is drawn with: two sessions, snapshots,
/// milestones, a checklist in every state.
const EXAMPLE: &str = "marcus-tech-lead-to-head-of-product.ron";

/// What the window shows in a snapshot.
#[derive(Clone, Copy, Debug)]
enum Scene {
    /// The example plan on this tab.
    View(Tab),
    /// The example plan on the Skills tab, with the library panel open.
    Library,
    /// No plan open: the start page.
    Welcome,
    /// The start page with the new-plan dialog open.
    NewPlanDialog,
    /// Plan & notes with the target date's calendar open.
    DatePicker,
    /// The texts changed on both copies, to settle.
    Conflicts,
    /// What merging in a copy from the mentor would change.
    MergePreview,
}

/// Two copies of the example, changed apart on two replicas at fixed
/// times: the mentee's (`mine`) and the mentor's.
fn two_copies(path: &std::path::Path) -> (trailmap::model::Document, trailmap::model::Document) {
    use trailmap::model::{Document, Replica};
    let plan = trailmap::storage::load_plan(path, &trailmap::storage::FrameworkCatalog::builtin_only())
        .expect("the example loads")
        .plan;
    let copy = |replica: u32| {
        let mut doc = Document::new(plan.clone());
        doc.set_replica(Replica(replica));
        doc.set_now(1_800_000_000_000);
        doc
    };
    (copy(1), copy(2))
}

/// The example's first action, its notes changed on both copies apart.
fn write_conflict(path: &std::path::Path) {
    use trailmap::model::Command;
    let (mut mine, mut theirs) = two_copies(path);
    let mut item = mine.plan().checklist[0].clone();
    item.notes = "Booked the room for Thursday; the agenda goes out on Monday.".to_owned();
    mine.apply(Command::UpdateItem(item.clone())).expect("applies");
    item.notes = "Ask Dana to run the first half so you can watch the room.".to_owned();
    theirs.apply(Command::UpdateItem(item)).expect("applies");
    let merged = trailmap::model::sync::merge::merge(mine.plan(), theirs.plan()).expect("one plan");
    trailmap::storage::save_plan(path, &merged, None).expect("write");
}

/// A copy from the mentor beside the data folder: a rating, an action
/// ticked off, a new action. Returns its path.
fn write_mentor_copy(path: &std::path::Path, to: &std::path::Path) {
    use trailmap::model::{ChecklistItem, Command, ItemId, Level, SkillEntry, SkillId, Status};
    let (_, mut theirs) = two_copies(path);
    let skill = SkillId::new("influence");
    let entry = SkillEntry {
        mentor_rating: Level::new(4),
        ..theirs.plan().entry(&skill)
    };
    theirs
        .apply(Command::SetSkillEntry { skill, entry })
        .expect("applies");
    let open = theirs
        .plan()
        .checklist
        .iter()
        .find(|i| i.status.is_active())
        .expect("an open action")
        .with_status(Status::Done, TODAY);
    theirs.apply(Command::UpdateItem(open)).expect("applies");
    let id = ItemId(theirs.plan().next_id);
    let at = theirs.plan().checklist.len();
    let item = ChecklistItem::new(id, "Shadow a hiring loop with Dana", TODAY);
    theirs
        .apply(Command::InsertItems(vec![(at, item)]))
        .expect("applies");
    let copy = trailmap::model::sync::layers::share_for(theirs.plan(), trailmap::model::Side::Mentee);
    trailmap::storage::save_plan(to, &copy, None).expect("write");
}

/// A data folder at a fixed path (`/tmp/trailmap-snapshots/NAME`), made
/// afresh with both examples in its plans folder.
fn data_folder(name: &str) -> DataDir {
    let root = PathBuf::from("/tmp/trailmap-snapshots").join(name);
    let _ = std::fs::remove_dir_all(&root);
    let data = DataDir::new(root);
    let plans = data.plans();
    std::fs::create_dir_all(&plans).expect("plans folder");
    for example in [EXAMPLE, "priya-tech-lead-to-em.ron"] {
        let from = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("saves")
            .join(example);
        std::fs::copy(from, plans.join(example)).expect("copy the example");
    }
    data
}

/// Renders `scene` at `width`×`height` in `theme` and compares it with the
/// stored `NAME.png`.
fn snapshot(name: &str, scene: Scene, theme: ThemeChoice, (width, height): (f32, f32)) {
    let data = data_folder(name);
    let mut config = AppConfig::new(data.clone());
    config.today = Some(TODAY);
    config.recovery_interval = std::time::Duration::from_secs(3600);
    config.native_dialogs = false;
    config.background_threads = false;
    config.prefs.theme = theme;
    if !matches!(scene, Scene::Welcome | Scene::NewPlanDialog) {
        config.plan = Some(trailmap::storage::canonical(&data.plans().join(EXAMPLE)));
    }
    config.prefs.library_open = matches!(scene, Scene::Library);
    let example = data.plans().join(EXAMPLE);
    let mentor_copy = data.root().join("from-dana.ron");
    match scene {
        Scene::Conflicts => write_conflict(&example),
        Scene::MergePreview => write_mentor_copy(&example, &mentor_copy),
        _ => {}
    }
    let app = TrailmapApp::new(config);
    let mut h = Harness::builder()
        .with_size(egui::vec2(width, height))
        .with_max_steps(20)
        .with_render_cursor(false)
        .wgpu()
        .build_ui_state(|ui, app: &mut TrailmapApp| app.ui_root(ui), app);
    match scene {
        Scene::View(tab) => h.state_mut().run_command(UiCommand::ShowTab(tab)),
        Scene::NewPlanDialog => h.state_mut().run_command(UiCommand::New),
        Scene::DatePicker => {
            h.state_mut().run_command(UiCommand::ShowTab(Tab::Notes));
            h.run_ok();
            h.get_by_role_and_label(egui::accesskit::Role::Button, "2028-03-31 📆")
                .click();
        }
        Scene::Conflicts => h.state_mut().run_command(UiCommand::SettleConflicts),
        Scene::MergePreview => {
            h.state_mut().run_command(UiCommand::MergeIn);
            h.run_ok();
            crate::support::replace_text(&mut h, "Location", &mentor_copy.display().to_string());
            h.get_by_role_and_label(egui::accesskit::Role::Button, "See the changes")
                .click();
        }
        Scene::Library | Scene::Welcome => {}
    }
    h.run_ok();
    h.snapshot(name);
}

const WIDE: (f32, f32) = (1280.0, 800.0);
const SMALL: (f32, f32) = (1024.0, 700.0);

/// One test per scene and theme at 1280×800 (`dark_skills`,
/// `light_checklist`, …), so a failure names what changed.
macro_rules! snapshots {
    ($($test:ident: $scene:expr, $theme:ident, $size:expr;)+) => {
        $(
            #[test]
            fn $test() {
                snapshot(stringify!($test), $scene, ThemeChoice::$theme, $size);
            }
        )+
    };
}

snapshots! {
    dark_skills: Scene::View(Tab::Skills), Dark, WIDE;
    light_skills: Scene::View(Tab::Skills), Light, WIDE;
    dark_path: Scene::View(Tab::Path), Dark, WIDE;
    light_path: Scene::View(Tab::Path), Light, WIDE;
    dark_checklist: Scene::View(Tab::Checklist), Dark, WIDE;
    light_checklist: Scene::View(Tab::Checklist), Light, WIDE;
    dark_sessions: Scene::View(Tab::Sessions), Dark, WIDE;
    light_sessions: Scene::View(Tab::Sessions), Light, WIDE;
    dark_progress: Scene::View(Tab::Progress), Dark, WIDE;
    light_progress: Scene::View(Tab::Progress), Light, WIDE;
    dark_notes: Scene::View(Tab::Notes), Dark, WIDE;
    light_notes: Scene::View(Tab::Notes), Light, WIDE;
    dark_library: Scene::Library, Dark, WIDE;
    light_library: Scene::Library, Light, WIDE;
    dark_welcome: Scene::Welcome, Dark, WIDE;
    light_welcome: Scene::Welcome, Light, WIDE;
    dark_new_plan: Scene::NewPlanDialog, Dark, WIDE;
    light_new_plan: Scene::NewPlanDialog, Light, WIDE;
    dark_date_picker: Scene::DatePicker, Dark, WIDE;
    light_date_picker: Scene::DatePicker, Light, WIDE;
    small_skills: Scene::View(Tab::Skills), Dark, SMALL;
    small_path: Scene::View(Tab::Path), Dark, SMALL;
    small_checklist: Scene::View(Tab::Checklist), Dark, SMALL;
    small_progress: Scene::View(Tab::Progress), Light, SMALL;
    dark_conflicts: Scene::Conflicts, Dark, WIDE;
    light_conflicts: Scene::Conflicts, Light, WIDE;
    dark_merge_preview: Scene::MergePreview, Dark, WIDE;
    light_merge_preview: Scene::MergePreview, Light, SMALL;
}
