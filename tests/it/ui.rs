//! UI flows on the real app state, driven through egui_kittest: rating,
//! checklist, undo and redo, target role, saving and reopening, bad files,
//! recovery after a crash, and the unsaved-changes guard.

use crate::support::{
    Sandbox, click, ctrl, ctrl_shift, dirty, harness, plan, press, replace_text, shows, type_into,
};
use egui::Key;
use egui_kittest::kittest::Queryable;
use trailmap::app::{DialogKind, PageKind, PathPurpose, UiCommand};
use trailmap::model::{Level, SkillId, Status};

const PRIYA: &str = "priya-tech-lead-to-em.ron";

fn strategic() -> SkillId {
    SkillId::new("strategic-thinking")
}

#[test]
fn rate_add_check_off_save_and_reopen() {
    let sandbox = Sandbox::new();
    let path = sandbox.example(PRIYA);
    let mut h = harness(sandbox.config(Some(&path)));
    assert_eq!(h.state().page_kind(), PageKind::Plan);
    // Priya: 3+2+3+2 of the 3+3+3+3 an engineering manager needs = 10/12.
    assert!(shows(&h, "83% ready"));
    assert!(shows(&h, "Strategic thinking: 1 level short"));

    press(&mut h, "Strategic thinking self rating 3");
    assert_eq!(plan(&h).self_rating(&strategic()), Level::new(3));
    assert!(shows(&h, "92% ready"), "11 of 12 levels");
    assert!(shows(&h, "Strategic thinking: On target"));
    assert!(dirty(&h));
    assert!(
        h.state().title().starts_with("● "),
        "title: {}",
        h.state().title()
    );

    ctrl(&mut h, Key::Z);
    assert_eq!(plan(&h).self_rating(&strategic()), Level::new(2));
    assert!(shows(&h, "83% ready"));
    ctrl_shift(&mut h, Key::Z);
    assert_eq!(plan(&h).self_rating(&strategic()), Level::new(3));
    assert!(shows(&h, "92% ready"));

    click(&mut h, "Checklist");
    let before = plan(&h).checklist.len();
    type_into(
        &mut h,
        "New action, e.g. Run the next retro",
        "Run the Q1 planning offsite",
    );
    click(&mut h, "Add action");
    let items = plan(&h).checklist;
    assert_eq!(items.len(), before + 1);
    let added = items.last().expect("added item").clone();
    assert_eq!(added.text, "Run the Q1 planning offsite");
    assert!(shows(&h, "Run the Q1 planning offsite"));

    ctrl(&mut h, Key::Z);
    assert_eq!(plan(&h).checklist.len(), before);
    ctrl(&mut h, Key::Y);
    assert_eq!(plan(&h).checklist.len(), before + 1);

    press(&mut h, "Done: Run the Q1 planning offsite");
    let done = plan(&h).item(added.id).expect("item").clone();
    assert_eq!(done.status, Status::Done);
    assert_eq!(done.completed, Some(crate::support::TODAY));
    ctrl(&mut h, Key::Z);
    assert_eq!(plan(&h).item(added.id).map(|i| i.status), Some(Status::Open));
    ctrl_shift(&mut h, Key::Z);
    assert_eq!(plan(&h).item(added.id).map(|i| i.status), Some(Status::Done));

    ctrl(&mut h, Key::S);
    assert!(!dirty(&h), "saved");
    assert!(
        !h.state().title().starts_with('●'),
        "title: {}",
        h.state().title()
    );
    assert!(
        trailmap::storage::backup_path(&path).is_file(),
        "the previous version is kept"
    );
    drop(h);

    let h = harness(sandbox.config(Some(&path)));
    let reopened = plan(&h);
    assert_eq!(reopened.self_rating(&strategic()), Level::new(3));
    assert_eq!(reopened.item(added.id).map(|i| i.status), Some(Status::Done));
    assert!(shows(&h, "92% ready"));
}

#[test]
fn choosing_another_target_changes_the_requirements_shown() {
    let sandbox = Sandbox::new();
    let path = sandbox.example(PRIYA);
    let mut h = harness(sandbox.config(Some(&path)));
    // Engineering manager needs 3 in every skill.
    assert_eq!(h.query_all_by_label("Needs 3").count(), 4);
    assert_eq!(h.query_all_by_label("Needs 4").count(), 0);

    press(&mut h, "Director of engineering");
    assert_eq!(plan(&h).target_role.as_str(), "director-of-engineering");
    // The director needs 4 in every skill; Priya has 3, 2, 3, 2 → 10/16.
    assert_eq!(h.query_all_by_label("Needs 4").count(), 4);
    assert_eq!(h.query_all_by_label("Needs 3").count(), 0);
    assert!(shows(&h, "63% ready"));

    ctrl(&mut h, Key::Z);
    assert_eq!(plan(&h).target_role.as_str(), "engineering-manager");
    assert_eq!(h.query_all_by_label("Needs 3").count(), 4);
}

#[test]
fn rating_by_keyboard() {
    let sandbox = Sandbox::new();
    let path = sandbox.example(PRIYA);
    let mut h = harness(sandbox.config(Some(&path)));
    h.get_by_label("Decision-making self rating 4").focus();
    h.run_ok();
    h.key_press(Key::Space);
    h.run_ok();
    assert_eq!(
        plan(&h).self_rating(&SkillId::new("decision-making")),
        Level::new(4)
    );
    // Tab moves on to the next level; Enter picks it.
    h.key_press(Key::Tab);
    h.run_ok();
    h.key_press(Key::Enter);
    h.run_ok();
    assert_eq!(
        plan(&h).self_rating(&SkillId::new("decision-making")),
        Level::new(5)
    );
}

#[test]
fn a_bad_file_shows_the_error_page_and_is_never_written() {
    let sandbox = Sandbox::new();
    let plans = sandbox.data().plans();
    std::fs::create_dir_all(&plans).expect("plans");
    let path = plans.join("broken.ron");
    let text = "(\n  format_version: 1,\n  person: (name: \"Kim\"),\n  current_role: tech-lead,\n)\n";
    std::fs::write(&path, text).expect("write");
    let mut h = harness(sandbox.config(Some(&path)));
    assert_eq!(h.state().page_kind(), PageKind::Error);
    let failure = h.state().load_failure().expect("failure").clone();
    assert_eq!(failure.position, Some((4, 17)), "{}", failure.message);
    assert!(failure.message.contains("broken.ron:4:17"), "{}", failure.message);
    assert!(h.query_by_label_contains("broken.ron:4:17").is_some());
    assert!(shows(&h, "This plan could not be opened"));

    // Nothing the user can do here writes the file.
    ctrl(&mut h, Key::S);
    click(&mut h, "Try again");
    assert_eq!(h.state().page_kind(), PageKind::Error);
    drop(h);
    assert_eq!(std::fs::read_to_string(&path).expect("read"), text);
    assert!(!trailmap::storage::backup_path(&path).exists());
}

#[test]
fn a_crash_leaves_a_recovery_file_that_the_next_start_offers() {
    let sandbox = Sandbox::new();
    let path = sandbox.example(PRIYA);
    let original = std::fs::read(&path).expect("read");
    let mut h = harness(sandbox.config(Some(&path)));
    press(&mut h, "Influence self rating 5");
    assert!(dirty(&h));
    // The app is dropped without saving: as far as the files know, a crash.
    drop(h);
    assert_eq!(
        std::fs::read(&path).expect("read"),
        original,
        "the plan file is untouched"
    );
    let recovery = std::fs::read_dir(sandbox.data().recovery())
        .expect("recovery dir")
        .count();
    assert_eq!(recovery, 1);

    let mut h = harness(sandbox.config(None));
    assert_eq!(h.state().dialog_kind(), Some(DialogKind::Recovery));
    click(&mut h, "Restore");
    assert_eq!(h.state().page_kind(), PageKind::Plan);
    assert_eq!(plan(&h).self_rating(&SkillId::new("influence")), Level::new(5));
    assert!(dirty(&h), "restored edits are not saved yet");
    assert_eq!(
        h.state().open_plan().and_then(|o| o.path.clone()),
        Some(path.clone())
    );
    ctrl(&mut h, Key::S);
    assert!(!dirty(&h));
    assert_eq!(
        std::fs::read_dir(sandbox.data().recovery()).expect("dir").count(),
        0
    );
    drop(h);
    let h = harness(sandbox.config(Some(&path)));
    assert_eq!(plan(&h).self_rating(&SkillId::new("influence")), Level::new(5));
}

#[test]
fn quitting_with_unsaved_changes_asks_first() {
    let sandbox = Sandbox::new();
    let path = sandbox.example(PRIYA);
    let mut h = harness(sandbox.config(Some(&path)));
    press(&mut h, "Communication self rating 4");
    ctrl(&mut h, Key::Q);
    assert_eq!(h.state().dialog_kind(), Some(DialogKind::Unsaved));
    click(&mut h, "Cancel");
    assert!(!h.state().quit_requested());
    assert!(dirty(&h));

    h.state_mut().run_command(UiCommand::Quit);
    h.run_ok();
    click(&mut h, "Don't save");
    assert!(h.state().quit_requested());
    assert_eq!(
        std::fs::read_dir(sandbox.data().recovery()).map_or(0, Iterator::count),
        0
    );
    drop(h);
    let h = harness(sandbox.config(Some(&path)));
    assert_eq!(
        plan(&h).self_rating(&SkillId::new("communication")),
        Level::new(3)
    );
}

#[test]
fn quitting_with_save_writes_the_file() {
    let sandbox = Sandbox::new();
    let path = sandbox.example(PRIYA);
    let mut h = harness(sandbox.config(Some(&path)));
    press(&mut h, "Communication self rating 4");
    ctrl(&mut h, Key::Q);
    click(&mut h, "Save");
    assert!(h.state().quit_requested());
    drop(h);
    let h = harness(sandbox.config(Some(&path)));
    assert_eq!(
        plan(&h).self_rating(&SkillId::new("communication")),
        Level::new(4)
    );
}

#[test]
fn a_failed_save_keeps_the_edits_and_offers_save_as() {
    let sandbox = Sandbox::new();
    let dir = sandbox.dir.path().join("elsewhere");
    std::fs::create_dir_all(&dir).expect("dir");
    let path = dir.join("plan.ron");
    std::fs::copy(sandbox.example(PRIYA), &path).expect("copy");
    let mut h = harness(sandbox.config(Some(&path)));
    press(&mut h, "Communication self rating 5");
    // The folder disappears and a file takes its name: every write now fails (ENOTDIR).
    std::fs::remove_dir_all(&dir).expect("remove");
    std::fs::write(&dir, b"not a folder").expect("file");
    ctrl(&mut h, Key::S);
    assert_eq!(h.state().dialog_kind(), Some(DialogKind::SaveFailed));
    assert!(
        h.state()
            .last_save_error()
            .is_some_and(|e| e.contains("plan.ron"))
    );
    assert!(dirty(&h), "still unsaved");
    assert_eq!(
        plan(&h).self_rating(&SkillId::new("communication")),
        Level::new(5)
    );
    click(&mut h, "Save as…");
    assert_eq!(
        h.state().dialog_kind(),
        Some(DialogKind::Path(PathPurpose::SaveAs))
    );
    let target = sandbox.dir.path().join("rescued.ron");
    replace_text(&mut h, "Location", &target.display().to_string());
    click(&mut h, "Save");
    assert_eq!(h.state().dialog_kind(), None);
    assert!(!dirty(&h));
    assert!(target.is_file());
    assert_eq!(std::fs::read(&dir).expect("read"), b"not a folder");
}

#[test]
fn saving_over_a_file_changed_on_disk_asks() {
    let sandbox = Sandbox::new();
    let path = sandbox.example(PRIYA);
    let mut h = harness(sandbox.config(Some(&path)));
    press(&mut h, "Communication self rating 5");
    let theirs = std::fs::read_to_string(&path)
        .expect("read")
        .replace("Priya Raman", "Priya R.");
    std::fs::write(&path, &theirs).expect("write");
    ctrl(&mut h, Key::S);
    assert_eq!(h.state().dialog_kind(), Some(DialogKind::ChangedOnDisk));
    assert_eq!(
        std::fs::read_to_string(&path).expect("read"),
        theirs,
        "not overwritten"
    );
    click(&mut h, "Reload");
    assert_eq!(plan(&h).person.name, "Priya R.");
    assert!(!dirty(&h));

    press(&mut h, "Communication self rating 5");
    std::fs::write(&path, theirs.replace("Priya R.", "P. Raman")).expect("write");
    ctrl(&mut h, Key::S);
    click(&mut h, "Overwrite");
    assert!(!dirty(&h));
    let saved = std::fs::read_to_string(&path).expect("read");
    assert!(saved.contains("Priya R."), "our version won");
}

#[test]
fn a_new_plan_is_seeded_and_saved_where_asked() {
    let sandbox = Sandbox::new();
    let mut h = harness(sandbox.config(None));
    assert_eq!(h.state().page_kind(), PageKind::Welcome);
    ctrl(&mut h, Key::N);
    assert_eq!(h.state().dialog_kind(), Some(DialogKind::NewPlan));
    type_into(&mut h, "e.g. Sam Lee", "Sam Lee");
    click(&mut h, "Create plan");
    assert_eq!(h.state().page_kind(), PageKind::Plan);
    let new = plan(&h);
    assert_eq!(new.person.name, "Sam Lee");
    assert!(!new.checklist.is_empty(), "seeded from the library");
    assert!(dirty(&h));
    assert!(h.state().title().contains("Untitled plan"));

    ctrl(&mut h, Key::S);
    assert_eq!(
        h.state().dialog_kind(),
        Some(DialogKind::Path(PathPurpose::SaveAs))
    );
    click(&mut h, "Save");
    assert!(!dirty(&h));
    let saved = sandbox.data().plans().join("sam-lee.ron");
    assert!(saved.is_file());
    assert!(h.state().title().contains("sam-lee.ron"));
}

#[test]
fn an_example_opens_as_a_copy_and_is_remembered() {
    let sandbox = Sandbox::new();
    let mut h = harness(sandbox.config(None));
    h.get_all_by_label("Open a copy")
        .next()
        .expect("example button")
        .click();
    h.run_ok();
    let open = h.state().open_plan().expect("open").path.clone().expect("path");
    assert_eq!(open, sandbox.data().plans().join(PRIYA));
    assert_eq!(h.state().prefs().recent.first(), Some(&open));
    assert_eq!(h.state().prefs().last_plan.as_ref(), Some(&open));
    // The next start reopens it.
    let prefs = h.state().prefs().clone();
    drop(h);
    let mut config = sandbox.config(None);
    config.prefs = prefs;
    let h = harness(config);
    assert_eq!(h.state().open_plan().and_then(|o| o.path.clone()), Some(open));
}

#[test]
fn custom_skills_can_be_added_renamed_and_removed() {
    let sandbox = Sandbox::new();
    let path = sandbox.example(PRIYA);
    let mut h = harness(sandbox.config(Some(&path)));
    type_into(
        &mut h,
        "Name of a skill to add, e.g. Public speaking",
        "Public speaking",
    );
    click(&mut h, "Add custom skill");
    let p = plan(&h);
    assert_eq!(p.custom_skills.len(), 1);
    assert_eq!(p.custom_skills[0].id.as_str(), "public-speaking");
    press(&mut h, "Public speaking self rating 2");
    assert_eq!(
        plan(&h).self_rating(&SkillId::new("public-speaking")),
        Level::new(2)
    );
    press(&mut h, "Public speaking needed level 4");
    // The custom need now counts: 10 + 2 of 12 + 4 levels.
    assert!(shows(&h, "75% ready"));

    click(&mut h, "Rename…");
    replace_text(&mut h, "New name", "Speaking");
    click(&mut h, "Rename");
    assert_eq!(plan(&h).custom_skills[0].name, "Speaking");

    click(&mut h, "Remove…");
    click(&mut h, "Remove");
    assert!(plan(&h).custom_skills.is_empty());
    assert!(plan(&h).self_rating(&SkillId::new("public-speaking")).is_none());
    ctrl(&mut h, Key::Z);
    assert_eq!(plan(&h).custom_skills[0].name, "Speaking");
    assert_eq!(
        plan(&h).self_rating(&SkillId::new("public-speaking")),
        Level::new(2)
    );
}

#[test]
fn saving_before_quitting_an_untitled_plan_asks_where_first() {
    let sandbox = Sandbox::new();
    let mut h = harness(sandbox.config(None));
    ctrl(&mut h, Key::N);
    type_into(&mut h, "e.g. Sam Lee", "Robin Park");
    click(&mut h, "Create plan");
    ctrl(&mut h, Key::Q);
    click(&mut h, "Save");
    assert_eq!(
        h.state().dialog_kind(),
        Some(DialogKind::Path(PathPurpose::SaveAs))
    );
    assert!(!h.state().quit_requested(), "not before the plan has a file");
    click(&mut h, "Save");
    assert!(h.state().quit_requested(), "quits once saved");
    drop(h);

    // Again, but the save-as is cancelled.
    let mut h = harness(sandbox.config(None));
    ctrl(&mut h, Key::N);
    type_into(&mut h, "e.g. Sam Lee", "Robin Park");
    click(&mut h, "Create plan");
    ctrl(&mut h, Key::Q);
    click(&mut h, "Save");
    // Cancelling the save-as cancels the quit too: a later save does not quit.
    click(&mut h, "Cancel");
    ctrl(&mut h, Key::S);
    click(&mut h, "Save");
    assert!(sandbox.data().plans().join("robin-park.ron").is_file());
    assert!(!h.state().quit_requested());

    press(&mut h, "Communication self rating 2");
    ctrl(&mut h, Key::W);
    assert_eq!(h.state().dialog_kind(), Some(DialogKind::Unsaved));
    click(&mut h, "Save");
    assert_eq!(h.state().page_kind(), PageKind::Welcome, "closed once saved");
}

#[test]
fn undoing_back_to_the_saved_state_removes_the_recovery_copy() {
    let sandbox = Sandbox::new();
    let path = sandbox.example(PRIYA);
    let mut h = harness(sandbox.config(Some(&path)));
    press(&mut h, "Influence self rating 5");
    let recovery = sandbox.data().recovery();
    assert_eq!(std::fs::read_dir(&recovery).expect("dir").count(), 1);
    ctrl(&mut h, Key::Z);
    assert!(!dirty(&h));
    assert_eq!(std::fs::read_dir(&recovery).expect("dir").count(), 0);
}

#[test]
fn with_many_skills_far_cards_are_skipped_but_tab_reaches_every_one() {
    let sandbox = Sandbox::new();
    let path = sandbox.example(PRIYA);
    // Sixteen custom skills after the four core ones: twenty cards.
    let catalog = trailmap::storage::FrameworkCatalog::builtin_only();
    let mut p = trailmap::storage::load_plan(&path, &catalog).expect("load").plan;
    for n in 1..=16 {
        p.custom_skills.push(trailmap::model::CustomSkill {
            id: SkillId::new(format!("custom-{n}")),
            name: format!("Custom {n}"),
            description: String::new(),
            needs: Default::default(),
        });
    }
    trailmap::storage::save_plan(&path, &p, None).expect("save");
    let mut h = harness(sandbox.config(Some(&path)));
    assert!(
        h.query_by_label("Custom 1 self rating 1").is_some(),
        "a card near the top is drawn"
    );
    assert!(
        h.query_by_label("Custom 16 self rating 1").is_none(),
        "a card two screens down is not drawn"
    );
    // Tab from the first level of the first card walks every control in
    // order; the cards ahead are drawn as the focus comes near them.
    h.get_by_label("Communication self rating 1").focus();
    h.run_ok();
    let mut reached = false;
    for _ in 0..600 {
        h.key_press(Key::Tab);
        h.run_ok();
        assert!(
            !h.query_by_label("File").is_some_and(|n| n.is_focused()),
            "Tab left the cards for the menu bar before the last card"
        );
        if h.query_by_label("Custom 16 self rating 1")
            .is_some_and(|n| n.is_focused())
        {
            reached = true;
            break;
        }
    }
    assert!(reached, "Tab reaches the last card's rating");
    assert!(
        h.query_by_label("Communication self rating 1").is_none(),
        "the first card, now far above, is no longer drawn"
    );
    h.key_press(Key::Space);
    h.run_ok();
    assert_eq!(plan(&h).self_rating(&SkillId::new("custom-16")), Level::new(1));
}

/// Runs three steps (a step may run more than one frame, e.g. to deliver
/// a click) and checks that every frame took one pass.
fn three_single_pass_frames(h: &mut egui_kittest::Harness<'_, trailmap::app::TrailmapApp>, what: &str) {
    for _ in 0..3 {
        let (passes, frames) = (h.ctx.cumulative_pass_nr(), h.ctx.cumulative_frame_nr());
        h.step();
        let frames = h.ctx.cumulative_frame_nr() - frames;
        assert!(frames >= 1, "{what}: the step ran a frame");
        assert_eq!(
            h.ctx.cumulative_pass_nr() - passes,
            frames,
            "{what}: a frame was drawn twice"
        );
    }
}

#[test]
fn every_view_is_drawn_in_one_pass_from_its_first_frame() {
    // egui draws a frame twice when something is laid out for the first
    // time without knowing its size (egui::Grid does that); Trailmap's
    // tables know their column widths, so no frame is drawn twice: not the
    // first one, not a view's first one, not the item editor's or the new
    // plan dialog's first one.
    let sandbox = Sandbox::new();
    let path = sandbox.example("marcus-tech-lead-to-head-of-product.ron");
    let app = trailmap::app::TrailmapApp::new(sandbox.config(Some(&path)));
    let mut h = egui_kittest::Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .build_ui_state(|ui, app: &mut trailmap::app::TrailmapApp| app.ui_root(ui), app);
    // The harness has run until the app settled: as many passes as frames.
    assert!(h.ctx.cumulative_frame_nr() >= 1);
    assert_eq!(
        h.ctx.cumulative_pass_nr(),
        h.ctx.cumulative_frame_nr(),
        "the first frames took one pass each"
    );
    assert_eq!(
        h.query_all_by_label("Self rating").count(),
        4,
        "the first frame shows the four skill cards"
    );
    for tab in trailmap::ui::Tab::ALL {
        h.state_mut().run_command(UiCommand::ShowTab(tab));
        three_single_pass_frames(&mut h, tab.label());
    }
    h.state_mut()
        .run_command(UiCommand::ShowTab(trailmap::ui::Tab::Checklist));
    three_single_pass_frames(&mut h, "checklist");
    let first = plan(&h).checklist[0].text.clone();
    h.get_by_role_and_label(egui::Role::Button, &first).click();
    three_single_pass_frames(&mut h, "item editor");
    assert!(
        h.query_by_role_and_label(egui::Role::ComboBox, "Status")
            .is_some(),
        "the item editor is open"
    );
    h.key_press_modifiers(egui::Modifiers::COMMAND, Key::N);
    three_single_pass_frames(&mut h, "new plan dialog");
    assert!(shows(&h, "Your name"), "the new plan dialog is open");
}

#[test]
fn zoom_keys_go_through_the_app_and_stay_within_bounds() {
    let sandbox = Sandbox::new();
    let path = sandbox.example(PRIYA);
    let mut h = harness(sandbox.config(Some(&path)));
    let zoom = |h: &egui_kittest::Harness<'_, trailmap::app::TrailmapApp>| h.ctx.zoom_factor();
    assert!((zoom(&h) - 1.0).abs() < 1e-4);
    ctrl(&mut h, Key::Plus);
    assert!((zoom(&h) - 1.1).abs() < 1e-4, "one step: {}", zoom(&h));
    ctrl(&mut h, Key::Equals);
    assert!(
        (zoom(&h) - 1.21).abs() < 1e-3,
        "Ctrl+= zooms in too: {}",
        zoom(&h)
    );
    for _ in 0..30 {
        ctrl(&mut h, Key::Plus);
    }
    assert!((zoom(&h) - 3.0).abs() < 1e-4, "clamped at 3: {}", zoom(&h));
    for _ in 0..40 {
        ctrl(&mut h, Key::Minus);
    }
    assert!((zoom(&h) - 0.5).abs() < 1e-4, "clamped at 0.5: {}", zoom(&h));
    ctrl(&mut h, Key::Num0);
    assert!((zoom(&h) - 1.0).abs() < 1e-4);

    // Presentation mode enlarges, and leaving it gives back the zoom before.
    ctrl(&mut h, Key::Plus);
    h.key_press(Key::F5);
    h.run_ok();
    assert!((zoom(&h) - 1.43).abs() < 1e-3, "presenting: {}", zoom(&h));
    h.key_press(Key::F5);
    h.run_ok();
    assert!((zoom(&h) - 1.1).abs() < 1e-4, "back: {}", zoom(&h));
}

/// A view whose content overflows shows its scroll bar at once. egui grows
/// a solid bar in over its animation time, asking for a frame each
/// sixtieth of a second: those were most of a start's frames
/// (scripts/bench-launch.sh counted 12 in the first second, 7 without
/// them). The room for the bar is kept from the first frame
/// (`widgets::scroll_view`), so the animation showed only the bar growing.
#[test]
fn a_scroll_bar_shows_at_once_without_frames_to_animate_it() {
    let ctx = egui::Context::default();
    trailmap::ui::theme::apply_style(&ctx);
    let mut asked_at_once = 0;
    for frame in 0..30 {
        let input = egui::RawInput {
            screen_rect: Some(egui::Rect::from_min_size(
                egui::Pos2::ZERO,
                egui::vec2(400.0, 300.0),
            )),
            time: Some(f64::from(frame) / 60.0),
            predicted_dt: 1.0 / 60.0,
            ..Default::default()
        };
        let mut output = ctx.run_ui(input, |ui| {
            trailmap::ui::widgets::scroll_view(ui, "view", |ui| {
                for line in 0..100 {
                    ui.label(format!("Line {line}"));
                }
            });
        });
        output.textures_delta.clear();
        if output.viewport_output[&egui::ViewportId::ROOT]
            .repaint_delay
            .is_zero()
        {
            asked_at_once += 1;
        }
    }
    // egui asks for a second frame when the bar first shows; no more.
    assert!(asked_at_once <= 2, "{asked_at_once} frames asked for at once");
}
