//! Mentor and mentee on two machines, through the real app: two data
//! folders (two installations, two replica ids), files passed through an
//! "exchange" folder as mail or a synced folder would carry them.

use std::path::{Path, PathBuf};

use egui::Key;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use trailmap::app::{DialogKind, PathPurpose, TrailmapApp, UiCommand};
use trailmap::model::sync::layers;
use trailmap::model::{Plan, Side, Status};

use crate::support::{Sandbox, click, ctrl, dirty, harness, plan, press, replace_text, type_into};

/// Runs a File command that asks for a path, fills it in and confirms.
fn file_command(
    h: &mut Harness<'_, TrailmapApp>,
    command: UiCommand,
    purpose: PathPurpose,
    path: &Path,
    button: &str,
) {
    h.state_mut().run_command(command);
    h.run_ok();
    assert_eq!(h.state().dialog_kind(), Some(DialogKind::Path(purpose)));
    replace_text(h, "Location", &path.display().to_string());
    click(h, button);
}

/// Merges the copy at `path` in: the preview first, then "Merge".
fn merge_in(h: &mut Harness<'_, TrailmapApp>, path: &Path) {
    file_command(
        h,
        UiCommand::MergeIn,
        PathPurpose::MergeIn,
        path,
        "See the changes",
    );
    assert_eq!(
        h.state().dialog_kind(),
        Some(DialogKind::MergePreview),
        "{:?}",
        h.state().status()
    );
    click(h, "Merge");
    assert_eq!(h.state().dialog_kind(), None);
}

/// Adds `text` at the end of the multi-line field labelled `label`.
fn append_to(h: &mut Harness<'_, TrailmapApp>, label: &str, text: &str) {
    let field = h.get_by_role_and_label(egui::accesskit::Role::MultilineTextInput, label);
    field.focus();
    h.run_ok();
    h.key_press_modifiers(egui::Modifiers::COMMAND, Key::End);
    h.get_by_role_and_label(egui::accesskit::Role::MultilineTextInput, label)
        .type_text(text);
    h.run_ok();
}

/// The plan without what belongs to one copy: the private layers, which
/// person's copy it is, and the next number it hands out.
fn shared(plan: &Plan) -> Plan {
    let mut p = layers::without(
        &layers::without(plan, trailmap::model::sync::Layer::Mentee),
        trailmap::model::sync::Layer::Mentor,
    );
    p.side = Side::Mentee;
    p.next_id = 0;
    p
}

const PRIYA: &str = "priya-tech-lead-to-em.ron";

fn text(path: &Path) -> String {
    std::fs::read_to_string(path).expect("read")
}

#[test]
fn mentee_and_mentor_work_apart_exchange_copies_and_end_with_one_plan() {
    let (mentee_data, mentor_data) = (Sandbox::new(), Sandbox::new());
    let exchange: PathBuf = mentee_data.dir.path().join("exchange");
    std::fs::create_dir_all(&exchange).expect("exchange");
    let mentee_file = mentee_data.example(PRIYA);

    // The mentee rates, ticks an action off, writes a private note.
    let mut mentee = harness(mentee_data.config(Some(&mentee_file)));
    press(&mut mentee, "Communication self rating 4");
    click(&mut mentee, "Checklist");
    let first_open = plan(&mentee)
        .checklist
        .iter()
        .find(|i| i.status != Status::Done)
        .expect("an open action")
        .text
        .clone();
    press(&mut mentee, &format!("Done: {first_open}"));
    click(&mut mentee, "Plan & notes");
    append_to(&mut mentee, "Private notes", " MENTEE-PRIVATE-7741");
    ctrl(&mut mentee, Key::S);
    assert!(!dirty(&mentee));
    let to_mentor = exchange.join("priya-for-mentor.ron");
    file_command(
        &mut mentee,
        UiCommand::ShareWithMentor,
        PathPurpose::ShareWithMentor,
        &to_mentor,
        "Write the copy",
    );
    assert!(!text(&to_mentor).contains("MENTEE-PRIVATE-7741"));

    // The mentor opens it as theirs, runs a session, rates, agrees an
    // action, adds a mentor-only note and notes of their own.
    let mut mentor = harness(mentor_data.config(None));
    file_command(
        &mut mentor,
        UiCommand::OpenCopy,
        PathPurpose::OpenCopy,
        &to_mentor,
        "Copy and open",
    );
    assert_eq!(plan(&mentor).side, Side::Mentor);
    let mentor_file = mentor
        .state()
        .open_plan()
        .and_then(|o| o.path.clone())
        .expect("saved in the plans folder");
    press(&mut mentor, "Influence mentor rating 3");
    click(&mut mentor, "Sessions");
    click(&mut mentor, "Start session");
    mentor.get_by_label("Mentor only").click();
    mentor.run_ok();
    type_into(&mut mentor, "Add a note", "MENTOR-ONLY-NOTE-5521");
    click(&mut mentor, "Add note");
    type_into(&mut mentor, "An action you agreed on", "Draft the hiring plan");
    click(&mut mentor, "Agree action");
    click(&mut mentor, "End session");
    click(&mut mentor, "Plan & notes");
    append_to(&mut mentor, "Your notes as mentor", "MENTOR-NOTES-9930");
    ctrl(&mut mentor, Key::S);
    assert!(!dirty(&mentor));
    let to_mentee = exchange.join("priya-for-mentee.ron");
    file_command(
        &mut mentor,
        UiCommand::ShareWithMentee,
        PathPurpose::ShareWithMentee,
        &to_mentee,
        "Write the copy",
    );
    let shared_text = text(&to_mentee);
    assert!(!shared_text.contains("MENTOR-ONLY-NOTE-5521") && !shared_text.contains("MENTOR-NOTES-9930"));

    // The mentee merges it in, and sends theirs back; the mentor merges.
    merge_in(&mut mentee, &to_mentee);
    assert!(
        plan(&mentee)
            .checklist
            .iter()
            .any(|i| i.text == "Draft the hiring plan")
    );
    ctrl(&mut mentee, Key::S);
    let back = exchange.join("priya-for-mentor-2.ron");
    file_command(
        &mut mentee,
        UiCommand::ShareWithMentor,
        PathPurpose::ShareWithMentor,
        &back,
        "Write the copy",
    );
    merge_in(&mut mentor, &back);
    ctrl(&mut mentor, Key::S);
    assert!(!dirty(&mentee) && !dirty(&mentor));

    // One shared plan on both machines, read back from their files.
    let catalog = trailmap::storage::FrameworkCatalog::builtin_only();
    let mentee_plan = trailmap::storage::load_plan(&mentee_file, &catalog)
        .expect("loads")
        .plan;
    let mentor_plan = trailmap::storage::load_plan(&mentor_file, &catalog)
        .expect("loads")
        .plan;
    assert_eq!(shared(&mentee_plan), shared(&mentor_plan));
    let communication = trailmap::model::SkillId::new("communication");
    let influence = trailmap::model::SkillId::new("influence");
    for p in [&mentee_plan, &mentor_plan] {
        assert_eq!(p.self_rating(&communication).map(|l| l.get()), Some(4));
        assert_eq!(p.mentor_rating(&influence).map(|l| l.get()), Some(3));
        assert!(
            p.checklist
                .iter()
                .any(|i| i.text == first_open && i.status == Status::Done)
        );
        assert!(p.checklist.iter().any(|i| i.text == "Draft the hiring plan"));
        assert_eq!(p.sessions.len(), mentee_plan.sessions.len());
    }
    // Each keeps their own, and never holds the other's.
    let (mentee_text, mentor_text) = (text(&mentee_file), text(&mentor_file));
    assert!(mentee_text.contains("MENTEE-PRIVATE-7741"));
    assert!(!mentee_text.contains("MENTOR-ONLY-NOTE-5521") && !mentee_text.contains("MENTOR-NOTES-9930"));
    assert!(mentor_text.contains("MENTOR-ONLY-NOTE-5521") && mentor_text.contains("MENTOR-NOTES-9930"));
    assert!(!mentor_text.contains("MENTEE-PRIVATE-7741"));
}

#[test]
fn a_sync_conflict_copy_beside_the_plan_is_merged_on_open_and_undo_takes_it_back() {
    let sandbox = Sandbox::new();
    let file = sandbox.example(PRIYA);
    let catalog = trailmap::storage::FrameworkCatalog::builtin_only();
    let base = trailmap::storage::load_plan(&file, &catalog).expect("loads").plan;
    // Another machine's edit, as Syncthing leaves it when both changed the file.
    let mut other = trailmap::model::Document::new(base.clone());
    other.set_replica(trailmap::model::Replica(4242));
    other.set_now(1_800_000_000_000);
    let id = trailmap::model::ItemId(other.plan().next_id);
    let item = trailmap::model::ChecklistItem::new(id, "Added on the laptop", crate::support::TODAY);
    let at = other.plan().checklist.len();
    other
        .apply(trailmap::model::Command::InsertItems(vec![(at, item)]))
        .expect("adds");
    let copy = file.with_file_name("priya-tech-lead-to-em.sync-conflict-20261130-101500-ABCDEF7.ron");
    trailmap::storage::save_plan(&copy, other.plan(), None).expect("write the copy");

    let mut h = harness(sandbox.config(Some(&file)));
    assert!(
        plan(&h).checklist.iter().any(|i| i.text == "Added on the laptop"),
        "merged on open"
    );
    assert!(!copy.exists(), "moved away");
    let kept = sandbox.data().merged().join(copy.file_name().expect("name"));
    assert!(kept.is_file(), "kept in DATA/merged, never deleted");
    let status = h.state().status().map(|s| s.text.clone()).unwrap_or_default();
    assert!(status.contains("Merged 1 conflict copy"), "{status}");
    assert!(dirty(&h), "the merge waits to be saved");
    ctrl(&mut h, Key::Z);
    assert_eq!(
        crate::support::content(&plan(&h)).checklist,
        crate::support::content(&base).checklist,
        "undo brings the plan back as it was"
    );
    assert!(!dirty(&h));
}

#[test]
fn texts_changed_on_both_copies_are_shown_side_by_side_and_settled_by_choice() {
    use trailmap::model::{Command, Document, Replica};
    let sandbox = Sandbox::new();
    let file = sandbox.example(PRIYA);
    let catalog = trailmap::storage::FrameworkCatalog::builtin_only();
    let base = trailmap::storage::load_plan(&file, &catalog).expect("loads").plan;
    let copy = |replica: u32, notes: &str| {
        let mut doc = Document::new(base.clone());
        doc.set_replica(Replica(replica));
        let mut item = doc.plan().checklist[0].clone();
        item.notes = notes.to_owned();
        doc.apply(Command::UpdateItem(item)).expect("applies");
        doc.plan().clone()
    };
    let merged =
        trailmap::model::sync::merge::merge(&copy(1, "Mine: book the room"), &copy(2, "Theirs: ask Dana"))
            .expect("one plan");
    trailmap::storage::save_plan(&file, &merged, None).expect("write");
    // The file keeps both; the app says so and lists them.
    assert!(text(&file).contains("Mine: book the room") && text(&file).contains("Theirs: ask Dana"));
    // This installation is replica 1: "Mine" is its text.
    std::fs::write(sandbox.data().replica(), "00000001\n").expect("replica");
    let mut h = harness(sandbox.config(Some(&file)));
    assert!(h.query_by_label("1 to settle").is_some(), "the header says so");
    h.state_mut().run_command(UiCommand::SettleConflicts);
    h.run_ok();
    assert_eq!(h.state().dialog_kind(), Some(DialogKind::Conflicts));
    assert!(h.query_by_label("Mine: book the room").is_some());
    assert!(h.query_by_label("Theirs: ask Dana").is_some());
    click(&mut h, "Keep both");
    let notes = plan(&h).checklist[0].notes.clone();
    assert!(
        notes.contains("Mine: book the room") && notes.contains("Theirs: ask Dana"),
        "{notes}"
    );
    assert!(trailmap::model::sync::merge::text_conflicts(&plan(&h)).is_empty());
    assert_eq!(h.state().dialog_kind(), None, "nothing left to settle");
    // Undo brings the choice back; Keep theirs then keeps theirs alone.
    ctrl(&mut h, Key::Z);
    assert_eq!(trailmap::model::sync::merge::text_conflicts(&plan(&h)).len(), 1);
    h.state_mut().run_command(UiCommand::SettleConflicts);
    h.run_ok();
    click(&mut h, "Keep theirs");
    let notes = plan(&h).checklist[0].notes.clone();
    assert_eq!(notes, "Theirs: ask Dana");
    // Saved, the plan holds no conflict, and merging the other copy again
    // does not bring one back: the choice saw both texts.
    ctrl(&mut h, Key::S);
    let saved = trailmap::storage::load_plan(&file, &catalog).expect("loads").plan;
    let again = trailmap::model::sync::merge::merge(&saved, &copy(1, "Mine: book the room")).expect("merges");
    assert!(trailmap::model::sync::merge::text_conflicts(&again).is_empty());
    assert_eq!(again.checklist[0].notes, "Theirs: ask Dana");
}

#[test]
fn a_plan_opened_as_mentor_never_keeps_the_mentees_private_notes() {
    let (mentee_data, mentor_data) = (Sandbox::new(), Sandbox::new());
    let file = mentee_data.example(PRIYA);
    let catalog = trailmap::storage::FrameworkCatalog::builtin_only();
    let mut own = trailmap::storage::load_plan(&file, &catalog).expect("loads").plan;
    own.private_notes = "MENTEE-ONLY-3318".to_owned();
    trailmap::storage::save_plan(&file, &own, None).expect("write");
    let before = std::fs::read(&file).expect("read");
    // The mentee sent their own file instead of a shared copy.
    let mut mentor = harness(mentor_data.config(None));
    file_command(
        &mut mentor,
        UiCommand::OpenCopy,
        PathPurpose::OpenCopy,
        &file,
        "Copy and open",
    );
    assert_eq!(plan(&mentor).side, Side::Mentor);
    assert_eq!(plan(&mentor).private_notes, "");
    let copy = mentor
        .state()
        .open_plan()
        .and_then(|o| o.path.clone())
        .expect("a copy");
    assert!(!text(&copy).contains("MENTEE-ONLY-3318"));
    assert_eq!(
        std::fs::read(&file).expect("read"),
        before,
        "their file is only read"
    );
    assert!(
        mentor.query_by_label("mentor's copy").is_some(),
        "the header says whose copy it is"
    );
}

#[test]
fn the_library_marks_a_copy_to_merge_and_texts_to_settle() {
    use trailmap::model::{Command, Document, Replica};
    let sandbox = Sandbox::new();
    let priya = sandbox.example(PRIYA);
    let marcus = sandbox.example("marcus-tech-lead-to-head-of-product.ron");
    let catalog = trailmap::storage::FrameworkCatalog::builtin_only();
    // Priya's plan has a Dropbox conflict copy beside it.
    let copy = priya.with_file_name("priya-tech-lead-to-em (Sam's conflicted copy 2026-11-30).ron");
    std::fs::copy(&priya, &copy).expect("copy");
    // Marcus's plan holds a text changed on both copies.
    let base = trailmap::storage::load_plan(&marcus, &catalog)
        .expect("loads")
        .plan;
    let edit = |replica: u32, text: &str| {
        let mut doc = Document::new(base.clone());
        doc.set_replica(Replica(replica));
        doc.apply(Command::SetMentor(text.to_owned())).expect("applies");
        doc.plan().clone()
    };
    let merged = trailmap::model::sync::merge::merge(&edit(1, "Dana W."), &edit(2, "Dana Whitfield-Ray"))
        .expect("merges");
    trailmap::storage::save_plan(&marcus, &merged, None).expect("write");

    let mut cache = trailmap::storage::LibraryCache::default();
    let entries = trailmap::storage::scan(&sandbox.data().plans(), &catalog, &mut cache);
    assert_eq!(entries.len(), 2, "the conflict copy is not a plan of its own");
    let of = |name: &str| entries.iter().find(|e| e.path.ends_with(name)).expect("listed");
    assert_eq!(of(PRIYA).unmerged_copies, 1);
    assert_eq!(of("marcus-tech-lead-to-head-of-product.ron").to_settle, 1);

    let mut h = harness(sandbox.config(None));
    h.state_mut().run_command(UiCommand::ToggleLibrary);
    h.run_ok();
    assert!(h.query_by_label("copy to merge").is_some());
    assert!(h.query_by_label("1 to settle").is_some());
}
