//! The page shown when a plan cannot be opened: the file, the line and column,
//! the lines around the problem, and a way out. The file is never written.

use std::path::PathBuf;

use egui::{RichText, Ui};

use super::theme;
use super::widgets::card;

/// A plan that failed to load.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoadFailure {
    /// The file.
    pub path: PathBuf,
    /// The whole error, `PATH:LINE:COL: message`.
    pub message: String,
    /// The line and column, if the error has a place.
    pub position: Option<(usize, usize)>,
    /// A few lines of the file around the place, numbered.
    pub excerpt: Vec<(usize, String)>,
}

impl LoadFailure {
    /// Builds the failure for `error`, reading the lines around its place
    /// from `text` when there is one.
    pub fn new(error: &crate::storage::StorageError, text: Option<&str>) -> Self {
        let position = error.position.map(|p| (p.line, p.col));
        let excerpt = match (position, text) {
            (Some((line, _)), Some(text)) => text
                .lines()
                .enumerate()
                .skip(line.saturating_sub(3))
                .take(5)
                .map(|(n, l)| (n + 1, l.chars().take(160).collect()))
                .collect(),
            _ => Vec::new(),
        };
        Self {
            path: error.path.clone(),
            message: error.to_string(),
            position,
            excerpt,
        }
    }
}

/// What the user chose on the error page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorAction {
    /// Try loading again (after fixing the file elsewhere).
    Retry,
    /// Open another file.
    OpenAnother,
    /// Go back to the start page.
    Back,
}

/// Draws the error page.
pub fn error_page_ui(ui: &mut Ui, failure: &LoadFailure) -> Option<ErrorAction> {
    let mut action = None;
    ui.vertical_centered(|ui| {
        ui.set_max_width(760.0);
        ui.add_space(40.0);
        card(ui, |ui| {
            ui.label(
                RichText::new("This plan could not be opened")
                    .heading()
                    .color(theme::bad(ui.visuals())),
            );
            ui.add_space(6.0);
            ui.label(RichText::new(&failure.message).monospace());
            ui.add_space(6.0);
            if !failure.excerpt.is_empty() {
                egui::Frame::canvas(ui.style()).inner_margin(8).show(ui, |ui| {
                    ui.set_width(ui.available_width());
                    for (n, line) in &failure.excerpt {
                        let here = failure.position.is_some_and(|(l, _)| l == *n);
                        let text = RichText::new(format!("{n:>5} | {line}")).monospace();
                        ui.label(if here {
                            text.color(theme::bad(ui.visuals())).strong()
                        } else {
                            text.weak()
                        });
                        if here && let Some((_, col)) = failure.position {
                            ui.label(
                                RichText::new(format!("{}^", " ".repeat(8 + col.saturating_sub(1))))
                                    .monospace()
                                    .color(theme::bad(ui.visuals())),
                            );
                        }
                    }
                });
            }
            ui.add_space(6.0);
            ui.label(
                "Trailmap has not changed the file and will not write to it. Fix it in a text editor and try \
                 again, or open another plan.",
            );
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                if ui
                    .button("Try again")
                    .on_hover_text("Read the file again")
                    .clicked()
                {
                    action = Some(ErrorAction::Retry);
                }
                if ui.button("Open another…").clicked() {
                    action = Some(ErrorAction::OpenAnother);
                }
                if ui.button("Back to start").clicked() {
                    action = Some(ErrorAction::Back);
                }
            });
        });
    });
    action
}
