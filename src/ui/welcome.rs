//! The start page: new plan, open, the example plans and recent plans.

use std::path::{Path, PathBuf};

use egui::{Align, Layout, RichText, Ui, vec2};

use super::widgets::card;

/// An example plan built into the binary.
#[derive(Clone, Copy, Debug)]
pub struct Example {
    /// A short title.
    pub title: &'static str,
    /// What it shows.
    pub description: &'static str,
    /// The file name it is copied to.
    pub file_name: &'static str,
    /// The plan text.
    pub text: &'static str,
}

/// The example plans, embedded so an installed binary has them.
pub const EXAMPLES: [Example; 2] = [
    Example {
        title: "Priya Raman: tech lead to engineering manager",
        description: "Self ratings, evidence, a checklist under way and two milestones.",
        file_name: "priya-tech-lead-to-em.ron",
        text: include_str!("../../saves/priya-tech-lead-to-em.ron"),
    },
    Example {
        title: "Marcus Okafor: tech lead to head of product",
        description: "Mentor ratings, three mentor sessions, snapshots and a custom skill.",
        file_name: "marcus-tech-lead-to-head-of-product.ron",
        text: include_str!("../../saves/marcus-tech-lead-to-head-of-product.ron"),
    },
];

/// What the user chose on the start page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WelcomeAction {
    /// Start a new plan.
    New,
    /// Open a plan file.
    Open,
    /// Open a copy of example `n`.
    Example(usize),
    /// Open a recent plan.
    Recent(PathBuf),
}

/// Draws the start page. `plans` are the plans in the data folder, as the
/// library panel read them (empty until the first read is done).
pub fn welcome_ui(
    ui: &mut Ui,
    recent: &[PathBuf],
    plans: &[crate::storage::LibraryEntry],
    plans_dir: &Path,
) -> Option<WelcomeAction> {
    let mut action = None;
    let output = egui::ScrollArea::vertical().show(ui, |ui| {
        ui.vertical_centered(|ui| {
            ui.set_max_width(720.0);
            ui.add_space(36.0);
            ui.label(RichText::new("Trailmap").size(36.0).strong());
            ui.label(
                RichText::new("Plan your move from tech lead into engineering or product leadership.").size(17.0),
            );
            ui.add_space(18.0);
            ui.horizontal(|ui| {
                let width = 2.0 * 170.0 + ui.spacing().item_spacing.x;
                ui.add_space(((ui.available_width() - width) / 2.0).max(0.0));
                if ui
                    .add(egui::Button::new(RichText::new("New plan…").size(16.0)).min_size(vec2(170.0, 36.0)))
                    .on_hover_text("Start a plan of your own (Ctrl+N)")
                    .clicked()
                {
                    action = Some(WelcomeAction::New);
                }
                if ui
                    .add(egui::Button::new(RichText::new("Open…").size(16.0)).min_size(vec2(170.0, 36.0)))
                    .on_hover_text("Open a plan file (Ctrl+O)")
                    .clicked()
                {
                    action = Some(WelcomeAction::Open);
                }
            });
            ui.add_space(24.0);
        });
        ui.vertical_centered(|ui| {
            ui.set_max_width(720.0);
            ui.with_layout(Layout::top_down(Align::Min), |ui| {
                card(ui, |ui| {
                    ui.heading("Examples");
                    ui.label(
                        RichText::new(format!(
                            "Opening an example puts a copy in your plans folder ({}) so you can change it freely.",
                            plans_dir.display()
                        ))
                        .weak(),
                    );
                    ui.add_space(6.0);
                    for (n, example) in EXAMPLES.iter().enumerate() {
                        ui.horizontal(|ui| {
                            ui.vertical(|ui| {
                                ui.label(RichText::new(example.title).strong());
                                ui.label(RichText::new(example.description).weak());
                            });
                            ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
                                if ui
                                    .button("Open a copy")
                                    .on_hover_text(format!("Open a copy of the example: {}", example.title))
                                    .clicked()
                                {
                                    action = Some(WelcomeAction::Example(n));
                                }
                            });
                        });
                        ui.add_space(4.0);
                    }
                });
                ui.add_space(12.0);
                if !plans.is_empty() {
                    card(ui, |ui| your_plans_ui(ui, plans, &mut action));
                    ui.add_space(12.0);
                }
                card(ui, |ui| {
                    ui.heading("Recent plans");
                    if recent.is_empty() {
                        ui.label(RichText::new("Plans you open appear here.").weak());
                    }
                    for path in recent {
                        let name = path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
                        ui.horizontal(|ui| {
                            if ui.link(&name).on_hover_text(path.display().to_string()).clicked() {
                                action = Some(WelcomeAction::Recent(path.clone()));
                            }
                            let folder = path.parent().map(|p| p.display().to_string()).unwrap_or_default();
                            ui.label(RichText::new(folder).small().weak());
                        });
                    }
                });
            });
        });
        super::widgets::follow_focus(ui);
    });
    super::widgets::bar_at_once(ui.ctx(), &output);
    action
}

/// The plans in the data folder, newest session first: who, from where to
/// where, how ready; a click opens one.
fn your_plans_ui(ui: &mut Ui, plans: &[crate::storage::LibraryEntry], action: &mut Option<WelcomeAction>) {
    ui.heading("Your plans");
    ui.label(RichText::new("The plans in your plans folder.").weak());
    ui.add_space(4.0);
    let mut shown: Vec<&crate::storage::LibraryEntry> = plans.iter().filter(|e| e.error.is_none()).collect();
    shown.sort_by(|a, b| {
        b.last_session
            .cmp(&a.last_session)
            .then_with(|| a.person.cmp(&b.person))
    });
    for entry in shown.iter().take(MAX_LISTED) {
        ui.horizontal(|ui| {
            let name = if entry.person.is_empty() {
                entry.file_name()
            } else {
                entry.person.clone()
            };
            if ui
                .link(RichText::new(&name).strong())
                .on_hover_text(format!("Open {name}'s plan"))
                .clicked()
            {
                *action = Some(WelcomeAction::Recent(entry.path.clone()));
            }
            ui.label(format!("{} ⏵ {}", entry.current_role, entry.target_role));
            let color = super::theme::readiness(ui.visuals(), entry.readiness);
            ui.label(RichText::new(format!("{}% ready", entry.readiness)).color(color));
        });
    }
    if shown.len() > MAX_LISTED {
        ui.label(
            RichText::new(format!(
                "and {} more: the plan library (View menu, Plan library) lists them all.",
                shown.len() - MAX_LISTED
            ))
            .weak(),
        );
    }
}

/// How many plans the start page lists; the library panel has the rest.
const MAX_LISTED: usize = 8;
