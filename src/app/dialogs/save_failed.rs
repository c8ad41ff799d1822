//! A save failed: says why and offers Save as.

use egui::{RichText, Ui};

use super::{Outcome, buttons_row, primary_button};
use crate::app::UiCommand;

/// Draws the dialog for the failure `message`.
pub(super) fn ui(ui: &mut Ui, message: &str) -> Outcome {
    ui.heading("The plan was not saved");
    ui.label(RichText::new(message).monospace());
    ui.label("Your changes are still here, and the file on disk is as it was. Try saving somewhere else.");
    let mut outcome = Outcome::Keep;
    buttons_row(ui, |ui| {
        if primary_button(ui, true, "Save as…", None) {
            outcome = Outcome::Then(Box::new(|app| app.run_command(UiCommand::SaveAs)));
        }
        if ui.button("Close").clicked() {
            outcome = Outcome::Close;
        }
    });
    outcome
}
