//! Merging copies: the preview of a merge (what it would change, before it
//! does) and the list of texts both copies changed apart, each with "Keep
//! mine", "Keep theirs" and "Keep both".

use std::path::PathBuf;

use egui::{RichText, ScrollArea, Ui};

use super::{Outcome, buttons_row, primary_button};
use crate::model::Plan;
use crate::model::sync::Field;

/// A merge waiting for the user's yes.
#[derive(Debug)]
pub struct MergePreview {
    /// The copy being merged in.
    pub path: PathBuf,
    /// The plan the merge gives.
    pub merged: Plan,
    /// What it changes, a line each.
    pub lines: Vec<String>,
    /// How many texts both copies changed apart.
    pub conflicts: usize,
}

/// One text both copies changed apart, as the dialog shows it.
#[derive(Clone, Debug)]
pub struct ConflictRow {
    /// The field.
    pub field: Field,
    /// What it is, in words.
    pub name: String,
    /// This copy's text.
    pub mine: String,
    /// The other copy's text (or texts, joined).
    pub theirs: String,
}

/// Draws the merge preview.
pub(super) fn preview_ui(ui: &mut Ui, preview: &MergePreview) -> Outcome {
    let name = preview.path.file_name().map_or_else(
        || preview.path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    ui.heading(format!("Merge in {name}"));
    if preview.lines.is_empty() && preview.conflicts == 0 {
        ui.label("Nothing new: this copy already has everything the other one holds.");
    } else {
        ui.label(RichText::new("What merging this copy changes in yours:").weak());
        let output = ScrollArea::vertical().max_height(320.0).show(ui, |ui| {
            for line in &preview.lines {
                ui.label(format!("• {line}"));
            }
        });
        crate::ui::widgets::bar_at_once(ui.ctx(), &output);
        if preview.conflicts > 0 {
            ui.label(
                RichText::new(format!(
                    "{} text(s) were changed on both copies. Both versions are kept; settle them afterwards \
                     with File › Settle changes made on both copies….",
                    preview.conflicts
                ))
                .color(crate::ui::theme::warn(ui.visuals())),
            );
        }
    }
    let mut outcome = Outcome::Keep;
    buttons_row(ui, |ui| {
        if primary_button(ui, true, "Merge", Some("One step: Edit › Undo takes it all back")) {
            let (path, merged) = (preview.path.clone(), preview.merged.clone());
            outcome = Outcome::Then(Box::new(move |app| app.apply_merge(&path, merged)));
        }
        if ui.button("Cancel").clicked() {
            outcome = Outcome::Close;
        }
    });
    outcome
}

/// Draws the texts to settle.
pub(super) fn conflicts_ui(ui: &mut Ui, rows: &[ConflictRow]) -> Outcome {
    ui.heading("Changed on both copies");
    ui.label(
        RichText::new(
            "You and the other person changed these texts apart. Nothing is lost until you choose.",
        )
        .weak(),
    );
    let mut outcome = Outcome::Keep;
    let output = ScrollArea::vertical().max_height(420.0).show(ui, |ui| {
        for (i, row) in rows.iter().enumerate() {
            ui.add_space(6.0);
            ui.label(RichText::new(&row.name).strong());
            ui.columns(2, |cols| {
                for (col, (whose, text)) in cols
                    .iter_mut()
                    .zip([("Yours", &row.mine), ("Theirs", &row.theirs)])
                {
                    // Left-aligned, not justified: these are texts to read.
                    col.with_layout(egui::Layout::top_down(egui::Align::Min), |ui| {
                        ui.label(RichText::new(whose).weak());
                        egui::Frame::group(ui.style()).show(ui, |ui| {
                            ui.set_width(ui.available_width());
                            ui.label(text.as_str());
                        });
                    });
                }
            });
            ui.horizontal(|ui| {
                let choose = |text: String, field: Field| -> Outcome {
                    Outcome::Then(Box::new(move |app| app.settle_and_continue(field, text)))
                };
                if ui
                    .button("Keep mine")
                    .on_hover_text("Use your text; theirs is dropped")
                    .clicked()
                {
                    outcome = choose(row.mine.clone(), row.field.clone());
                }
                if ui
                    .button("Keep theirs")
                    .on_hover_text("Use their text; yours is dropped")
                    .clicked()
                {
                    outcome = choose(row.theirs.clone(), row.field.clone());
                }
                if ui
                    .button("Keep both")
                    .on_hover_text("Keep both texts, yours first, one after the other")
                    .clicked()
                {
                    outcome = choose(format!("{}\n\n{}", row.mine, row.theirs), row.field.clone());
                }
            });
            if i + 1 < rows.len() {
                ui.separator();
            }
        }
    });
    crate::ui::widgets::bar_at_once(ui.ctx(), &output);
    buttons_row(ui, |ui| {
        if primary_button(
            ui,
            true,
            "Close",
            Some("Settle the rest later; the plan saves with them kept"),
        ) {
            outcome = Outcome::Close;
        }
    });
    outcome
}
