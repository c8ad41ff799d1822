//! The app by keyboard: where the focus goes after Enter in an add row, combo
//! boxes opened, chosen in and closed by keys, Enter and Escape in the
//! dialogs, the View menu's toggles showing their state; and what the user
//! sees of names and dates: file names that keep a name's letters,
//! milestones in date order.

use crate::support::{Sandbox, click, ctrl, dirty, harness, plan, press, type_into};
use egui::Key;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use jiff::civil::date;
use trailmap::app::{DialogKind, PageKind, PathPurpose, TrailmapApp};
use trailmap::model::{ItemId, Level, Milestone, SkillId};

const PRIYA: &str = "priya-tech-lead-to-em.ron";
const NEW_ACTION: &str = "New action, e.g. Run the next retro";

/// Presses `key` and lets the frames it asks for run.
fn key(h: &mut Harness<'_, TrailmapApp>, key: Key) {
    h.key_press(key);
    h.run_ok();
}

/// Whether the combo box named `label` has the keyboard focus.
fn focused(h: &Harness<'_, TrailmapApp>, label: &str) -> bool {
    h.query_by_role_and_label(egui::Role::ComboBox, label)
        .is_some_and(|n| n.is_focused())
}

/// Whether a combo box's list is open.
fn combo_open(h: &Harness<'_, TrailmapApp>) -> bool {
    h.query_by(|n| n.role() == egui::Role::ListBox).is_some()
}

#[test]
fn enter_in_new_action_adds_it_and_keeps_the_focus_there() {
    let sandbox = Sandbox::new();
    let path = sandbox.example(PRIYA);
    let mut h = harness(sandbox.config(Some(&path)));
    click(&mut h, "Checklist");
    let before = plan(&h).checklist.len();
    type_into(&mut h, NEW_ACTION, "Shadow a staff meeting");
    key(&mut h, Key::Enter);
    let items = plan(&h).checklist;
    assert_eq!(items.len(), before + 1);
    assert_eq!(
        items.last().map(|i| i.text.as_str()),
        Some("Shadow a staff meeting")
    );
    let field = h.get_by(|n| n.placeholder() == Some(NEW_ACTION));
    assert!(
        field.is_focused(),
        "the field keeps the focus for the next action"
    );
    // The next one goes in the same way, without reaching for the mouse.
    h.get_by(|n| n.placeholder() == Some(NEW_ACTION))
        .type_text("Write the hiring plan");
    h.run_ok();
    key(&mut h, Key::Enter);
    assert_eq!(plan(&h).checklist.len(), before + 2);
    assert!(h.get_by(|n| n.placeholder() == Some(NEW_ACTION)).is_focused());
}

#[test]
fn escape_closes_a_combo_and_gives_the_focus_back() {
    let sandbox = Sandbox::new();
    let path = sandbox.example(PRIYA);
    let mut h = harness(sandbox.config(Some(&path)));
    click(&mut h, "Checklist");
    type_into(&mut h, NEW_ACTION, "Shadow a staff meeting");
    key(&mut h, Key::Tab);
    assert!(focused(&h, "Skill"), "Tab goes from the field to its skill");
    key(&mut h, Key::Space);
    assert!(combo_open(&h), "Space opens the combo box");
    key(&mut h, Key::Escape);
    assert!(!combo_open(&h), "Escape closes it");
    assert!(focused(&h, "Skill"), "and the focus is back on the combo box");
    // Again, with the focus moved into the list first.
    key(&mut h, Key::Space);
    key(&mut h, Key::ArrowDown);
    assert!(!focused(&h, "Skill"), "the arrow moved into the list");
    key(&mut h, Key::Escape);
    assert!(!combo_open(&h));
    assert!(focused(&h, "Skill"));
}

#[test]
fn enter_chooses_in_a_combo_closes_it_and_keeps_the_focus() {
    let sandbox = Sandbox::new();
    let path = sandbox.example(PRIYA);
    let mut h = harness(sandbox.config(Some(&path)));
    click(&mut h, "Checklist");
    type_into(&mut h, NEW_ACTION, "Shadow a staff meeting");
    key(&mut h, Key::Tab);
    key(&mut h, Key::Space);
    assert!(combo_open(&h));
    // "No skill", then the framework's first skill.
    key(&mut h, Key::ArrowDown);
    key(&mut h, Key::ArrowDown);
    key(&mut h, Key::Enter);
    assert!(!combo_open(&h), "Enter closes the combo box");
    assert!(focused(&h, "Skill"), "the focus is back on the combo box");
    assert_eq!(
        h.get_by_role_and_label(egui::Role::ComboBox, "Skill")
            .value()
            .as_deref(),
        Some("Communication"),
        "and the choice is made"
    );
    // Shift+Tab back to the field, Enter: the action has that skill.
    h.key_press_modifiers(egui::Modifiers::SHIFT, Key::Tab);
    h.run_ok();
    key(&mut h, Key::Enter);
    let added = plan(&h).checklist.last().cloned().expect("an item");
    assert_eq!(added.text, "Shadow a staff meeting");
    assert_eq!(added.skill, Some(SkillId::new("communication")));
}

/// The plan at `path` as it is on disk.
fn on_disk(path: &std::path::Path) -> trailmap::model::Plan {
    trailmap::storage::load_plan(path, &trailmap::storage::FrameworkCatalog::builtin_only())
        .expect("load")
        .plan
}

#[test]
fn enter_in_the_unsaved_dialog_saves_then_does_what_was_asked() {
    let sandbox = Sandbox::new();
    let path = sandbox.example(PRIYA);
    let communication = SkillId::new("communication");
    let mut h = harness(sandbox.config(Some(&path)));
    press(&mut h, "Communication self rating 5");
    ctrl(&mut h, Key::W);
    assert_eq!(h.state().dialog_kind(), Some(DialogKind::Unsaved));
    key(&mut h, Key::Enter);
    assert_eq!(on_disk(&path).self_rating(&communication), Level::new(5), "saved");
    assert_eq!(h.state().dialog_kind(), None);
    assert_eq!(h.state().page_kind(), PageKind::Welcome, "then closed, as asked");
    drop(h);

    let mut h = harness(sandbox.config(Some(&path)));
    press(&mut h, "Communication self rating 4");
    ctrl(&mut h, Key::Q);
    assert_eq!(h.state().dialog_kind(), Some(DialogKind::Unsaved));
    key(&mut h, Key::Enter);
    assert_eq!(on_disk(&path).self_rating(&communication), Level::new(4), "saved");
    assert!(h.state().quit_requested(), "then quit, as asked");
}

#[test]
fn escape_in_the_unsaved_dialog_cancels_and_keeps_the_edits() {
    let sandbox = Sandbox::new();
    let path = sandbox.example(PRIYA);
    let original = std::fs::read(&path).expect("read");
    let mut h = harness(sandbox.config(Some(&path)));
    press(&mut h, "Communication self rating 5");
    ctrl(&mut h, Key::Q);
    assert_eq!(h.state().dialog_kind(), Some(DialogKind::Unsaved));
    key(&mut h, Key::Escape);
    assert_eq!(h.state().dialog_kind(), None, "closed");
    assert!(!h.state().quit_requested(), "the quit is cancelled");
    assert!(dirty(&h), "the edits are kept");
    assert_eq!(
        plan(&h).self_rating(&SkillId::new("communication")),
        Level::new(5)
    );
    assert_eq!(std::fs::read(&path).expect("read"), original, "nothing saved");
    assert_eq!(h.state().page_kind(), PageKind::Plan);
}

#[test]
fn every_dialog_takes_enter_for_its_primary_action_and_escape_to_cancel() {
    let sandbox = Sandbox::new();
    let path = sandbox.example(PRIYA);
    let mut h = harness(sandbox.config(Some(&path)));

    // About: Enter closes it.
    h.state_mut().run_command(trailmap::app::UiCommand::About);
    h.run_ok();
    assert_eq!(h.state().dialog_kind(), Some(DialogKind::About));
    key(&mut h, Key::Enter);
    assert_eq!(h.state().dialog_kind(), None);

    // Changed on disk: Enter keeps both versions (Save as), Escape cancels.
    press(&mut h, "Communication self rating 5");
    let theirs = std::fs::read_to_string(&path)
        .expect("read")
        .replace("Priya Raman", "Priya R.");
    std::fs::write(&path, &theirs).expect("write");
    ctrl(&mut h, Key::S);
    assert_eq!(h.state().dialog_kind(), Some(DialogKind::ChangedOnDisk));
    key(&mut h, Key::Escape);
    assert_eq!(h.state().dialog_kind(), None);
    assert_eq!(std::fs::read_to_string(&path).expect("read"), theirs);
    ctrl(&mut h, Key::S);
    key(&mut h, Key::Enter);
    assert_eq!(
        h.state().dialog_kind(),
        Some(DialogKind::Path(PathPurpose::SaveAs))
    );
    key(&mut h, Key::Escape);
    assert_eq!(h.state().dialog_kind(), None);
    assert_eq!(
        std::fs::read_to_string(&path).expect("read"),
        theirs,
        "not overwritten"
    );
    drop(h);

    // Recovery at start: Escape decides later and keeps the copy.
    let recovery = sandbox.data().recovery();
    assert_eq!(std::fs::read_dir(&recovery).expect("dir").count(), 1);
    let mut h = harness(sandbox.config(None));
    assert_eq!(h.state().dialog_kind(), Some(DialogKind::Recovery));
    key(&mut h, Key::Escape);
    assert_eq!(h.state().dialog_kind(), None);
    assert_eq!(std::fs::read_dir(&recovery).expect("dir").count(), 1);
    drop(h);
    // Enter restores the one copy offered.
    let mut h = harness(sandbox.config(None));
    assert_eq!(h.state().dialog_kind(), Some(DialogKind::Recovery));
    key(&mut h, Key::Enter);
    assert_eq!(h.state().page_kind(), PageKind::Plan);
    assert_eq!(
        plan(&h).self_rating(&SkillId::new("communication")),
        Level::new(5)
    );
}

#[test]
fn escape_in_a_combo_of_a_dialog_closes_the_combo_not_the_dialog() {
    let sandbox = Sandbox::new();
    let mut h = harness(sandbox.config(None));
    ctrl(&mut h, Key::N);
    assert_eq!(h.state().dialog_kind(), Some(DialogKind::NewPlan));
    h.get_by_role_and_label(egui::Role::ComboBox, "Current role")
        .focus();
    h.run_ok();
    key(&mut h, Key::Space);
    assert!(combo_open(&h));
    key(&mut h, Key::Escape);
    assert!(!combo_open(&h));
    assert_eq!(
        h.state().dialog_kind(),
        Some(DialogKind::NewPlan),
        "the dialog stays"
    );
    assert!(focused(&h, "Current role"));
    key(&mut h, Key::Escape);
    assert_eq!(
        h.state().dialog_kind(),
        None,
        "a second Escape cancels the dialog"
    );
}

#[test]
fn save_as_suggests_a_file_name_that_keeps_the_letters() {
    let sandbox = Sandbox::new();
    let mut h = harness(sandbox.config(None));
    ctrl(&mut h, Key::N);
    type_into(&mut h, "e.g. Sam Lee", "Zoë Ñúñez");
    click(&mut h, "Create plan");
    h.state_mut().run_command(trailmap::app::UiCommand::SaveAs);
    h.run_ok();
    let suggested = h.get_by_label("Location").value().unwrap_or_default();
    assert!(suggested.ends_with("zoe-nunez.ron"), "suggested: {suggested}");
}

#[test]
fn milestones_are_shown_in_date_order() {
    let sandbox = Sandbox::new();
    let path = sandbox.example(PRIYA);
    let catalog = trailmap::storage::FrameworkCatalog::builtin_only();
    let mut p = trailmap::storage::load_plan(&path, &catalog).expect("load").plan;
    p.milestones.clear();
    for (title, (y, m, d)) in [
        ("Third", (2027, 9, 1)),
        ("First", (2027, 1, 15)),
        ("Second", (2027, 4, 30)),
    ] {
        let id = p.allocate_id();
        p.milestones.push(Milestone {
            id,
            title: title.to_owned(),
            date: date(y, m, d),
            reached: false,
        });
    }
    trailmap::storage::save_plan(&path, &p, None).expect("save");
    let mut h = harness(sandbox.config(Some(&path)));
    click(&mut h, "Plan & notes");
    let shown = |h: &Harness<'_, TrailmapApp>| -> Vec<String> {
        h.query_all_by_label("Milestone")
            .map(|n| n.value().unwrap_or_default())
            .collect()
    };
    assert_eq!(shown(&h), ["First", "Second", "Third"]);
    // A new one, three months from today (2027-02-22), goes in its place.
    type_into(&mut h, "New milestone", "Run planning");
    click(&mut h, "Add milestone");
    assert_eq!(shown(&h), ["First", "Run planning", "Second", "Third"]);
    // The plan keeps them by date too: the order every copy agrees on.
    let titles: Vec<String> = plan(&h).milestones.iter().map(|m| m.title.clone()).collect();
    assert_eq!(titles, ["First", "Run planning", "Second", "Third"]);
    assert!(plan(&h).milestones.iter().all(|m| m.id != ItemId(0)));
}

#[test]
fn view_menu_toggles_show_whether_they_are_on() {
    let sandbox = Sandbox::new();
    let path = sandbox.example(PRIYA);
    let mut h = harness(sandbox.config(Some(&path)));
    let state = |h: &Harness<'_, TrailmapApp>, label: &str| {
        let node = h.get_by_label(label).accesskit_node();
        assert_eq!(
            node.role(),
            egui::Role::MenuItemCheckBox,
            "{label} is a check box in the menu"
        );
        node.toggled()
    };
    use egui::accesskit::Toggled;
    press(&mut h, "View");
    assert_eq!(state(&h, "Plan library"), Some(Toggled::False));
    assert_eq!(state(&h, "Presentation mode"), Some(Toggled::False));
    let mentor = state(&h, "Mentor ratings");
    press(&mut h, "Plan library");
    assert!(h.state().prefs().library_open);
    press(&mut h, "View");
    assert_eq!(state(&h, "Plan library"), Some(Toggled::True));
    press(&mut h, "Mentor ratings");
    press(&mut h, "View");
    assert_ne!(state(&h, "Mentor ratings"), mentor, "the mark follows the state");
}

/// After Start session the focus is in the note field; after End session it
/// is on Start session (scrolled into view): the next Tab goes on from there,
/// not from the menu bar. Pressed by keyboard, as a keyboard user would.
#[test]
fn session_steps_leave_the_focus_where_the_work_goes_on() {
    let sandbox = Sandbox::new();
    let path = sandbox.example("marcus-tech-lead-to-head-of-product.ron");
    let mut h = harness(sandbox.config(Some(&path)));
    crate::support::ctrl(&mut h, Key::Num4);
    h.get_by_label("Start session").focus();
    h.run();
    h.key_press(Key::Enter);
    h.run();
    h.run();
    assert!(plan(&h).open_session().is_some());
    assert!(
        h.get_by(|n| n.placeholder() == Some("Add a note")).is_focused(),
        "the note field has the focus after Start session"
    );
    h.get_by_label("End session").focus();
    h.run();
    h.key_press(Key::Enter);
    h.run();
    h.run();
    assert!(plan(&h).open_session().is_none());
    assert!(
        h.get_by_role_and_label(egui::Role::Button, "Start session")
            .is_focused(),
        "Start session has the focus after End session"
    );
}

/// The "New action" field is a few Tabs from the menu bar (the add row comes
/// before the filters, in the tab order as on screen), and Ctrl+Shift+A goes
/// straight there from anywhere in the checklist, as its tooltip says.
#[test]
fn the_new_action_field_is_a_few_tabs_away_and_has_a_shortcut() {
    let sandbox = Sandbox::new();
    let path = sandbox.example(PRIYA);
    let mut h = harness(sandbox.config(Some(&path)));
    click(&mut h, "Checklist");
    let in_field =
        |h: &Harness<'_, TrailmapApp>| h.get_by(|n| n.placeholder() == Some(NEW_ACTION)).is_focused();
    h.get_by_label("File").focus();
    h.run_ok();
    let mut presses = 0;
    while !in_field(&h) && presses < 40 {
        key(&mut h, Key::Tab);
        presses += 1;
    }
    assert!(
        presses <= 12,
        "{presses} Tabs from the menu bar to the New action field (it was 19; now the tab bar, then Suggest actions, then the field)"
    );
    // From the search field, and from a row, the shortcut goes there.
    h.get_by(|n| n.placeholder() == Some("Search actions")).focus();
    h.run_ok();
    assert!(!in_field(&h));
    crate::support::ctrl_shift(&mut h, Key::A);
    assert!(in_field(&h), "Ctrl+Shift+A from the search field");
    let first = plan(&h).checklist[0].text.clone();
    h.get_by_role_and_label(egui::Role::CheckBox, &format!("Done: {first}"))
        .focus();
    h.run_ok();
    crate::support::ctrl_shift(&mut h, Key::A);
    assert!(in_field(&h), "Ctrl+Shift+A from a row");
    assert!(!dirty(&h), "the shortcut changes nothing");
    // The field's tooltip tells about it.
    let field = h.get_by(|n| n.placeholder() == Some(NEW_ACTION)).rect();
    h.hover_at(field.center());
    h.run_steps(60);
    assert!(
        h.query_all_by_label_contains("Ctrl+Shift+A").next().is_some(),
        "the tooltip names the shortcut"
    );
}
