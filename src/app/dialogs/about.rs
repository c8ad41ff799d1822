//! About Trailmap: its version and what it is for.

use egui::Ui;

use super::{Outcome, buttons_row, primary_button};

/// Draws the dialog.
pub(super) fn ui(ui: &mut Ui, data_folder: &std::path::Path) -> Outcome {
    ui.heading("Trailmap");
    ui.label(format!("Version {}", env!("CARGO_PKG_VERSION")));
    ui.horizontal_wrapped(|ui| {
        ui.label(egui::RichText::new("Data folder:").weak());
        ui.label(data_folder.display().to_string());
    });
    ui.label(
        "Plan the move from tech lead into engineering management, directing engineering, product management \
         or heading product: rate your skills, see the gaps and the route, work through actions, and review \
         progress with a mentor. Offline, no account; your plans are plain files.",
    );
    let mut outcome = Outcome::Keep;
    buttons_row(ui, |ui| {
        if primary_button(ui, true, "Close", None) {
            outcome = Outcome::Close;
        }
    });
    outcome
}
