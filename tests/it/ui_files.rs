//! UI flows around files: exporting from the app, opening a received plan as a
//! copy, choosing a framework file, and dropping a file on the window.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::support::{Sandbox, click, ctrl, dirty, harness, plan, press, replace_text};
use egui::Key;
use egui_kittest::kittest::Queryable;
use trailmap::app::{DialogKind, PageKind, PathPurpose, UiCommand};

const MARCUS: &str = "marcus-tech-lead-to-head-of-product.ron";
const PRIVATE: &str = "Interviewing internally for the partner PM role";

#[test]
fn export_from_the_app_leaves_out_private_notes_unless_asked() {
    let sandbox = Sandbox::new();
    let path = sandbox.example(MARCUS);
    let mut h = harness(sandbox.config(Some(&path)));
    ctrl(&mut h, Key::E);
    assert_eq!(h.state().dialog_kind(), Some(DialogKind::Export));
    click(&mut h, "Export");
    assert_eq!(h.state().dialog_kind(), None);
    let html = sandbox
        .data()
        .root()
        .join("exports")
        .join("marcus-tech-lead-to-head-of-product.html");
    let text = std::fs::read_to_string(&html).expect("html written");
    assert!(text.contains("Marcus Okafor"));
    assert!(!text.contains(PRIVATE), "redacted by default");

    ctrl(&mut h, Key::E);
    press(&mut h, "Markdown");
    press(&mut h, "Leave out private notes");
    click(&mut h, "Export");
    let exports = sandbox.data().root().join("exports");
    let md =
        std::fs::read_to_string(exports.join("marcus-tech-lead-to-head-of-product.md")).expect("md written");
    assert!(md.contains(PRIVATE), "not redacted when unticked");
    assert!(
        exports
            .join("marcus-tech-lead-to-head-of-product-radar.svg")
            .is_file()
    );
    assert!(
        exports
            .join("marcus-tech-lead-to-head-of-product-ranking.svg")
            .is_file()
    );
    assert!(!dirty(&h), "exporting does not change the plan");
}

#[test]
fn an_export_to_a_missing_folder_says_so_and_writes_nothing() {
    let sandbox = Sandbox::new();
    let path = sandbox.example(MARCUS);
    let mut h = harness(sandbox.config(Some(&path)));
    ctrl(&mut h, Key::E);
    let target = sandbox.dir.path().join("no-such-folder").join("report.html");
    replace_text(&mut h, "Location", &target.display().to_string());
    click(&mut h, "Export");
    assert_eq!(
        h.state().dialog_kind(),
        Some(DialogKind::Export),
        "the form stays open"
    );
    assert!(crate::support::shows(
        &h,
        &format!("{}: no such folder", target.parent().expect("dir").display())
    ));
    assert!(!target.exists());
}

#[test]
fn a_received_plan_opens_as_a_copy_and_is_never_written() {
    let sandbox = Sandbox::new();
    let inbox = sandbox.dir.path().join("inbox");
    std::fs::create_dir_all(&inbox).expect("inbox");
    let received = inbox.join("from-marcus.ron");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("saves").join(MARCUS),
        &received,
    )
    .expect("copy");
    let before = std::fs::read(&received).expect("read");

    let mut h = harness(sandbox.config(None));
    h.state_mut().run_command(UiCommand::OpenCopy);
    h.run_ok();
    assert_eq!(
        h.state().dialog_kind(),
        Some(DialogKind::Path(PathPurpose::OpenCopy))
    );
    replace_text(&mut h, "Location", &received.display().to_string());
    click(&mut h, "Copy and open");
    let copy = sandbox.data().plans().join("from-marcus-copy.ron");
    assert_eq!(
        h.state().open_plan().and_then(|o| o.path.clone()),
        Some(copy.clone())
    );
    press(&mut h, "Communication self rating 5");
    ctrl(&mut h, Key::S);
    assert!(!dirty(&h));
    assert_eq!(
        std::fs::read(&received).expect("read"),
        before,
        "the received file is untouched"
    );
    assert_eq!(
        std::fs::read_dir(&inbox).expect("inbox").count(),
        1,
        "no backup or temp file beside it"
    );
    assert!(
        std::fs::read_to_string(&copy)
            .expect("copy")
            .contains("self_rating: Some(5)")
    );
}

#[test]
fn a_framework_file_is_checked_installed_and_used() {
    let sandbox = Sandbox::new();
    let frameworks = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("saves")
        .join("frameworks");
    let mut h = harness(sandbox.config(None));

    // A broken file: the error names the file and the place, nothing is installed.
    let broken = sandbox.dir.path().join("broken-ladder.ron");
    let text = std::fs::read_to_string(frameworks.join("acme-ladder.ron")).expect("read");
    std::fs::write(&broken, text.replacen("strategy: 30", "strategy: 31", 1)).expect("write");
    h.state_mut().run_command(UiCommand::ChooseFramework);
    h.run_ok();
    replace_text(&mut h, "Location", &broken.display().to_string());
    click(&mut h, "Use this framework");
    assert_eq!(
        h.state().dialog_kind(),
        Some(DialogKind::Path(PathPurpose::Framework))
    );
    let message = h
        .query_by_label_contains("broken-ladder.ron:")
        .map(|n| format!("{n:?}"))
        .expect("error shown");
    assert!(message.contains("not 100%"), "{message}");
    assert!(!sandbox.data().frameworks().exists());

    replace_text(
        &mut h,
        "Location",
        &frameworks.join("acme-ladder.ron").display().to_string(),
    );
    click(&mut h, "Use this framework");
    assert_eq!(h.state().dialog_kind(), None);
    assert!(sandbox.data().frameworks().join("acme-ladder.ron").is_file());

    // A plan made with that framework now opens, with the framework's own roles.
    let plan_path = sandbox.data().plans().join("acme.ron");
    std::fs::create_dir_all(sandbox.data().plans()).expect("plans");
    std::fs::copy(frameworks.join("acme-example-plan.ron"), &plan_path).expect("copy");
    h.state_mut().open_path(&plan_path);
    h.run_ok();
    assert_eq!(h.state().page_kind(), PageKind::Plan);
    let open = h.state().open_plan().expect("open");
    assert_eq!(open.framework.id, "acme-ladder");
    assert_eq!(plan(&h).framework.id, "acme-ladder");

    // "New plans can use it": the new-plan form offers it, chosen, with its
    // own roles, and the plan made uses it.
    ctrl(&mut h, egui::Key::N);
    assert_eq!(h.state().dialog_kind(), Some(DialogKind::NewPlan));
    assert!(
        h.query_all_by_label("Framework").next().is_some(),
        "a choice when there are two"
    );
    crate::support::type_into(&mut h, "e.g. Sam Lee", "Sam Lee");
    click(&mut h, "Create plan");
    let new = plan(&h);
    assert_eq!(new.framework.id, "acme-ladder");
    assert_eq!(h.state().open_plan().expect("open").framework.id, "acme-ladder");
    let acme = trailmap::storage::load_framework(&frameworks.join("acme-ladder.ron")).expect("loads");
    assert!(acme.role(&new.current_role).is_some() && acme.role(&new.target_role).is_some());
    assert!(
        !new.checklist.is_empty(),
        "seeded from the framework's own library"
    );
}

#[test]
fn a_seeded_new_plan_is_dated_on_the_apps_day() {
    let sandbox = Sandbox::new();
    let mut h = harness(sandbox.config(None));
    ctrl(&mut h, egui::Key::N);
    assert!(
        h.query_all_by_label("Framework").next().is_none(),
        "no choice with one framework"
    );
    crate::support::type_into(&mut h, "e.g. Sam Lee", "Sam Lee");
    click(&mut h, "Create plan");
    let new = plan(&h);
    assert!(!new.checklist.is_empty());
    for item in &new.checklist {
        assert_eq!(item.created, crate::support::TODAY, "{}", item.text);
    }
}

#[derive(Debug)]
struct Dropped(PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &Path {
        &self.0
    }

    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

#[test]
fn a_file_dropped_on_the_window_opens() {
    let sandbox = Sandbox::new();
    let path = sandbox.example(MARCUS);
    let mut h = harness(sandbox.config(None));
    assert_eq!(h.state().page_kind(), PageKind::Welcome);
    h.input_mut().dropped_files.push(Arc::new(Dropped(path.clone())));
    h.run_ok();
    assert_eq!(h.state().open_plan().and_then(|o| o.path.clone()), Some(path));
}

/// The Path view asks the app for a chart image through its edits (no flag
/// on the view): the button opens the dialog for the image's file.
#[test]
fn save_image_on_the_path_view_asks_where() {
    let sandbox = Sandbox::new();
    let path = sandbox.example(MARCUS);
    let mut h = harness(sandbox.config(Some(&path)));
    h.state_mut()
        .run_command(UiCommand::ShowTab(trailmap::ui::Tab::Path));
    h.run_ok();
    click(&mut h, "Save image…");
    assert_eq!(
        h.state().dialog_kind(),
        Some(DialogKind::Path(PathPurpose::ChartImage))
    );
}

#[test]
fn export_to_a_calendar_from_the_app() {
    let sandbox = Sandbox::new();
    let path = sandbox.example(MARCUS);
    let mut h = harness(sandbox.config(Some(&path)));
    ctrl(&mut h, Key::E);
    press(&mut h, "Calendar");
    click(&mut h, "Export");
    assert_eq!(h.state().dialog_kind(), None);
    let ics = sandbox
        .data()
        .root()
        .join("exports")
        .join("marcus-tech-lead-to-head-of-product.ics");
    let text = std::fs::read_to_string(&ics).expect("calendar written");
    let calendar: icalendar::Calendar = text.parse().expect("an iCalendar file");
    assert!(!calendar.components.is_empty());
    assert!(text.contains("SUMMARY:Talk to customers regularly"));
}

#[test]
fn export_to_a_pdf_from_the_app() {
    let sandbox = Sandbox::new();
    let path = sandbox.example(MARCUS);
    let mut h = harness(sandbox.config(Some(&path)));
    ctrl(&mut h, Key::E);
    press(&mut h, "PDF");
    click(&mut h, "Export");
    assert_eq!(h.state().dialog_kind(), None);
    let pdf = sandbox
        .data()
        .root()
        .join("exports")
        .join("marcus-tech-lead-to-head-of-product.pdf");
    let bytes = std::fs::read(&pdf).expect("PDF written, named .pdf");
    let text = crate::pdf::text_of(&bytes);
    assert!(text.contains("Marcus Okafor"), "{text}");
    assert!(text.contains("Talk to customers regularly"));
    // The dialog redacts by default.
    assert!(text.contains("redacted copy"));
}
