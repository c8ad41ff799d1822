//! Unsaved changes: save, don't save or cancel, then carry on with what was
//! asked for.

use egui::{RichText, Ui};

use super::{Dialog, Outcome, PathPurpose, Pending, buttons_row, primary_button};

/// Draws the dialog for the plan called `plan_name`; `pending` is what
/// waits on it.
pub(super) fn ui(ui: &mut Ui, plan_name: &str, pending: &Pending) -> Outcome {
    ui.heading("Unsaved changes");
    ui.label(format!("Save the changes to {plan_name} first?"));
    ui.label(RichText::new("If you don't save, the changes are lost.").weak());
    let mut outcome = Outcome::Keep;
    buttons_row(ui, |ui| {
        if primary_button(ui, true, "Save", None) {
            let pending = pending.clone();
            outcome = Outcome::Then(Box::new(move |app| {
                if app.save() {
                    app.proceed(pending);
                } else if matches!(app.dialogs.current, Some(Dialog::Path(ref f)) if f.purpose == PathPurpose::SaveAs)
                {
                    // The plan needs a file first; carry on once it has one.
                    app.dialogs.after_save = Some(pending);
                }
            }));
        }
        if ui.button("Don't save").clicked() {
            let pending = pending.clone();
            outcome = Outcome::Then(Box::new(move |app| app.proceed(pending)));
        }
        if ui.button("Cancel").clicked() {
            outcome = Outcome::Close;
        }
    });
    outcome
}
