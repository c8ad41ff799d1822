//! The plan's file changed on disk since it was opened: save as (the
//! primary button: it keeps both versions), overwrite, reload or cancel.

use std::path::Path;

use egui::Ui;

use super::{Outcome, buttons_row, primary_button};
use crate::app::UiCommand;

/// Draws the dialog for the file at `path`.
pub(super) fn ui(ui: &mut Ui, path: &Path) -> Outcome {
    ui.heading("The file changed on disk");
    ui.label(format!(
        "{} was changed by another program since you opened it. Saving now would replace those changes.",
        path.display()
    ));
    let mut outcome = Outcome::Keep;
    buttons_row(ui, |ui| {
        let hover = "Keep both: save your version under another name";
        if primary_button(ui, true, "Save as…", Some(hover)) {
            outcome = Outcome::Then(Box::new(|app| app.run_command(UiCommand::SaveAs)));
        }
        if ui
            .button("Overwrite")
            .on_hover_text("Replace the file on disk with your version")
            .clicked()
        {
            let path = path.to_path_buf();
            outcome = Outcome::Then(Box::new(move |app| app.overwrite(&path)));
        }
        if ui
            .button("Reload")
            .on_hover_text("Drop your unsaved changes and load the file from disk")
            .clicked()
        {
            outcome = Outcome::Then(Box::new(|app| app.reload()));
        }
        if ui.button("Cancel").clicked() {
            outcome = Outcome::Close;
        }
    });
    outcome
}
