//! Recovery copies found at start: restore or discard each, or decide later
//! (Escape). With one copy, Restore is the primary button (Enter); with
//! several, Enter restores none of them unless its Restore has the focus.

use std::path::PathBuf;

use egui::{Align, Layout, RichText, Ui};

use super::{Outcome, Pending, buttons_row, primary_button};
use crate::storage::Recovery;

/// Draws the dialog for the recovery files `entries`; a discarded one is
/// deleted and leaves the list at once.
pub(super) fn ui(ui: &mut Ui, entries: &mut Vec<(PathBuf, Recovery)>) -> Outcome {
    ui.heading("Recover unsaved changes?");
    ui.label("Trailmap closed before these changes were saved:");
    ui.add_space(4.0);
    let mut outcome = Outcome::Keep;
    let mut discard = None;
    let only_one = entries.len() == 1;
    for (i, (file, recovery)) in entries.iter().enumerate() {
        ui.horizontal(|ui| {
            let what = match &recovery.original {
                Some(p) => p.display().to_string(),
                None => format!("Unsaved plan for {}", recovery.plan.person.name),
            };
            ui.vertical(|ui| {
                ui.label(RichText::new(what).strong());
                ui.label(
                    RichText::new(format!("last copy {}", recovery.written_at))
                        .small()
                        .weak(),
                );
            });
            ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
                if ui
                    .button("Discard")
                    .on_hover_text("Delete these unsaved changes")
                    .clicked()
                {
                    discard = Some(i);
                }
                let hover = "Open the plan with these changes";
                let restore = if only_one {
                    primary_button(ui, true, "Restore", Some(hover))
                } else {
                    ui.button("Restore").on_hover_text(hover).clicked()
                };
                if restore {
                    let pending = Pending::Restore(file.clone(), Box::new(recovery.clone()));
                    outcome = Outcome::Then(Box::new(move |app| app.guard(pending)));
                }
            });
        });
    }
    if let Some(i) = discard {
        let (file, _) = entries.remove(i);
        let _ = crate::storage::discard_recovery(&file);
        if entries.is_empty() {
            outcome = Outcome::Close;
        }
    }
    buttons_row(ui, |ui| {
        if ui
            .button("Decide later")
            .on_hover_text("Keep the recovery copies and ask again next time")
            .clicked()
        {
            outcome = Outcome::Close;
        }
    });
    outcome
}
