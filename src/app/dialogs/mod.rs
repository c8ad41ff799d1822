//! The app's dialogs, one file each: new plan, a path (open, open a copy,
//! save as, framework, chart image), export, unsaved changes, changed on
//! disk, a failed save, recovery, about. This file has what they share:
//! which dialog is open and what waits on it, the modal they are drawn in,
//! the keys every dialog answers to (Enter: its primary button, drawn in
//! bold; Escape: cancel), the row of buttons and the location row.

mod about;
mod changed_on_disk;
mod export;
mod merge;
mod new_plan;
mod path;
mod recovery;
mod save_failed;
mod unsaved;

use std::path::PathBuf;

use egui::{Align, Layout, RichText, TextEdit, Ui};

pub use export::ExportForm;
pub use merge::{ConflictRow, MergePreview};
pub use new_plan::NewPlanForm;
pub use path::{PathForm, PathPurpose};

use super::TrailmapApp;
use crate::model::Plan;
use crate::storage::Recovery;

/// The dialogs' state: the one open and what waits on it.
#[derive(Debug, Default)]
pub(super) struct Dialogs {
    /// The dialog open, if any (one at a time).
    pub(super) current: Option<Dialog>,
    /// What to do once the save asked for (Save as) succeeds.
    pub(super) after_save: Option<Pending>,
}

/// Something to do once unsaved changes are dealt with.
#[derive(Clone, Debug, PartialEq)]
pub enum Pending {
    /// Show the new-plan form.
    New,
    /// Show the open dialog.
    Open,
    /// Show the open-a-copy dialog.
    OpenCopy,
    /// Open this file.
    OpenPath(PathBuf),
    /// Open a copy of this file.
    OpenCopyOf(PathBuf),
    /// Open a copy of example `n`.
    Example(usize),
    /// Open this new plan.
    Create(Box<Plan>),
    /// Restore this recovery file.
    Restore(PathBuf, Box<Recovery>),
    /// Close the plan.
    Close,
    /// Quit.
    Quit,
}

/// The dialogs.
#[derive(Debug)]
pub enum Dialog {
    /// New plan.
    NewPlan(NewPlanForm),
    /// A path to open, save to, or use.
    Path(PathForm),
    /// Export the plan.
    Export(ExportForm),
    /// Unsaved changes: save, don't save, or cancel, then do `Pending`.
    Unsaved(Pending),
    /// The file changed on disk since it was opened.
    ChangedOnDisk(PathBuf),
    /// A save failed.
    SaveFailed(String),
    /// Recovery files found at start.
    Recovery(Vec<(PathBuf, Recovery)>),
    /// About Trailmap.
    About,
    /// What a merge would change, before it does.
    MergePreview(Box<MergePreview>),
    /// Texts changed on both copies, to settle.
    Conflicts(Vec<ConflictRow>),
}

/// Which dialog is open, for tests.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DialogKind {
    /// New plan.
    NewPlan,
    /// A path dialog.
    Path(PathPurpose),
    /// The export dialog.
    Export,
    /// Unsaved changes.
    Unsaved,
    /// Changed on disk.
    ChangedOnDisk,
    /// Save failed.
    SaveFailed,
    /// Recovery offered.
    Recovery,
    /// About.
    About,
    /// A merge preview.
    MergePreview,
    /// Texts to settle.
    Conflicts,
}

impl Dialog {
    /// Which dialog this is.
    pub fn kind(&self) -> DialogKind {
        match self {
            Self::NewPlan(_) => DialogKind::NewPlan,
            Self::Path(form) => DialogKind::Path(form.purpose),
            Self::Export(_) => DialogKind::Export,
            Self::Unsaved(_) => DialogKind::Unsaved,
            Self::ChangedOnDisk(_) => DialogKind::ChangedOnDisk,
            Self::SaveFailed(_) => DialogKind::SaveFailed,
            Self::Recovery(_) => DialogKind::Recovery,
            Self::About => DialogKind::About,
            Self::MergePreview(_) => DialogKind::MergePreview,
            Self::Conflicts(_) => DialogKind::Conflicts,
        }
    }
}

/// What the user did in a dialog this frame.
enum Outcome {
    /// Nothing that closes it: it stays open.
    Keep,
    /// Closed it (Cancel, Close, Escape).
    Close,
    /// Asked for this to be done to the app.
    Then(Box<dyn FnOnce(&mut TrailmapApp)>),
}

/// A "Browse…" asked for this frame: what for, and the path to start from.
type Browse = Option<(PathPurpose, String)>;

/// The row of buttons at the foot of a dialog, right-aligned: the first
/// added is the rightmost.
fn buttons_row(ui: &mut Ui, add: impl FnOnce(&mut Ui)) {
    ui.add_space(8.0);
    ui.with_layout(Layout::right_to_left(Align::Center), add);
}

/// The dialog's primary button (one per dialog), its text in bold, with an
/// optional tooltip: whether it was clicked, or Enter was pressed for the
/// dialog (see [`enter_for_dialog`]).
fn primary_button(ui: &mut Ui, enabled: bool, text: &str, hover: Option<&str>) -> bool {
    let mut response = ui.add_enabled(enabled, egui::Button::new(RichText::new(text).strong()));
    if let Some(hover) = hover {
        response = response.on_hover_text(hover);
    }
    response.clicked() || (enabled && enter_for_dialog(ui))
}

/// Whether Enter was pressed for the dialog `ui` is in, rather than for a
/// widget of it: no widget of the dialog (or of a list open over it) has
/// the keyboard, since one that has takes Enter itself (a button clicks, a
/// field submits, a combo box opens). The Enter that opened the dialog,
/// in a frame before it was shown, is not for it.
fn enter_for_dialog(ui: &Ui) -> bool {
    let ctx = ui.ctx();
    if !ctx.input(|i| i.modifiers.is_none() && i.key_pressed(egui::Key::Enter)) {
        return false;
    }
    let shown_before = ctx.memory(egui::Memory::top_modal_layer) == Some(ui.layer_id());
    let widget_has_it = ctx.memory(egui::Memory::focused).is_some_and(|id| {
        ctx.read_response(id)
            .is_some_and(|r| ctx.memory(|m| m.is_above_modal_layer(r.layer_id)))
    });
    shown_before && !widget_has_it
}

/// The "Location" row: a path field that has the keyboard when the dialog
/// opens (so Enter submits) and a "Browse…" button for the system's dialog,
/// then the last error, if any. Returns whether Enter was pressed.
fn location_row(
    ui: &mut Ui,
    path: &mut String,
    error: &mut Option<String>,
    purpose: PathPurpose,
    native: bool,
    browse: &mut Browse,
) -> bool {
    let mut submit = false;
    ui.horizontal(|ui| {
        let label = ui.label("Location");
        let response = ui
            .add(
                TextEdit::singleline(path)
                    .id_salt(("location", purpose as u8))
                    .desired_width(380.0)
                    .hint_text("/path/to/file"),
            )
            .labelled_by(label.id);
        if response.changed() {
            *error = None;
        }
        if response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
            submit = true;
        }
        if ui.memory(|m| m.focused().is_none()) {
            response.request_focus();
        }
        if native
            && ui
                .button("Browse…")
                .on_hover_text("Choose with the system's file dialog")
                .clicked()
        {
            *browse = Some((purpose, path.clone()));
        }
    });
    if let Some(message) = error.as_deref() {
        ui.label(RichText::new(message).color(crate::ui::theme::bad(ui.visuals())));
    }
    submit
}

impl TrailmapApp {
    /// Draws the open dialog, if any, and does what the user chose in it.
    pub(super) fn dialogs_ui(&mut self, ctx: &egui::Context) {
        let Some(mut dialog) = self.dialogs.current.take() else {
            return;
        };
        let plan_name = self
            .open_plan()
            .map(super::OpenPlan::display_name)
            .unwrap_or_default();
        let native = self.jobs.native_dialogs;
        let data_folder = self.shell.data.root().to_path_buf();
        let mut browse: Browse = None;
        let response = egui::Modal::new(egui::Id::unique("trailmap-dialog")).show(ctx, |ui| {
            ui.set_width(520.0);
            match &mut dialog {
                Dialog::NewPlan(form) => new_plan::ui(ui, form),
                Dialog::Path(form) => path::ui(ui, form, native, &mut browse),
                Dialog::Export(form) => export::ui(ui, form, native, &mut browse),
                Dialog::Unsaved(pending) => unsaved::ui(ui, &plan_name, pending),
                Dialog::ChangedOnDisk(path) => changed_on_disk::ui(ui, path),
                Dialog::SaveFailed(message) => save_failed::ui(ui, message),
                Dialog::Recovery(entries) => recovery::ui(ui, entries),
                Dialog::About => about::ui(ui, &data_folder),
                Dialog::MergePreview(preview) => merge::preview_ui(ui, preview),
                Dialog::Conflicts(rows) => merge::conflicts_ui(ui, rows),
            }
        });
        if let Some((purpose, start)) = browse {
            self.browse(ctx, purpose, &start);
        }
        // Escape cancels, unless it closed a list open over the dialog.
        let escape = ctx.input(|i| i.key_pressed(egui::Key::Escape)) && !response.any_popup_open;
        let outcome = match response.inner {
            Outcome::Keep if escape => Outcome::Close,
            other => other,
        };
        match outcome {
            Outcome::Keep => self.dialogs.current = Some(dialog),
            Outcome::Close => {
                // A pending action waits only for the save-as it asked for.
                if matches!(dialog, Dialog::Path(ref f) if f.purpose == PathPurpose::SaveAs) {
                    self.dialogs.after_save = None;
                }
            }
            Outcome::Then(action) => {
                // Keep a path or export form open so its error can be shown if the action fails.
                if matches!(dialog, Dialog::Path(_) | Dialog::Export(_)) {
                    self.dialogs.current = Some(dialog);
                }
                action(self);
            }
        }
    }
}
