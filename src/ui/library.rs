//! The plan library side panel: every plan in the plans folder with its
//! person, roles, readiness, last session and overdue actions; search, sort,
//! and one click to open.

use std::path::{Path, PathBuf};

use egui::{RichText, ScrollArea, TextEdit, Ui};
use jiff::civil::Date;

use super::{theme, widgets};
use crate::storage::LibraryEntry;

/// How the library is sorted.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Sort {
    /// By person's name.
    #[default]
    Name,
    /// Least ready first (who needs the most help).
    Readiness,
    /// Longest since the last session first.
    LastSession,
    /// Most overdue actions first.
    Overdue,
}

impl Sort {
    const ALL: [Self; 4] = [Self::Name, Self::Readiness, Self::LastSession, Self::Overdue];

    fn label(self) -> &'static str {
        match self {
            Self::Name => "Name",
            Self::Readiness => "Least ready",
            Self::LastSession => "Longest since a session",
            Self::Overdue => "Most overdue",
        }
    }
}

/// View-local state of the library panel.
#[derive(Debug, Default)]
pub struct LibraryView {
    /// Text to search for in names and roles.
    pub search: String,
    /// The order.
    pub sort: Sort,
    /// The rows shown, for the search, order and day they were worked out
    /// for; cleared when the entries change (see [`Self::entries_changed`]).
    shown: Option<(String, Sort, Date, Vec<usize>)>,
}

/// What the user asked for in the panel.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LibraryAction {
    /// Open this plan.
    Open(PathBuf),
    /// Read the folder again.
    Refresh,
}

/// The entries shown for `search` and `sort`, as indexes into `entries`.
pub fn visible(entries: &[LibraryEntry], search: &str, sort: Sort, today: Date) -> Vec<usize> {
    let needle = search.trim().to_lowercase();
    let mut shown: Vec<usize> = (0..entries.len())
        .filter(|&i| {
            let e = &entries[i];
            needle.is_empty()
                || [&e.person, &e.current_role, &e.target_role, &e.file_name()]
                    .iter()
                    .any(|t| t.to_lowercase().contains(&needle))
        })
        .collect();
    let name = |e: &LibraryEntry| {
        if e.person.is_empty() {
            e.file_name()
        } else {
            e.person.clone()
        }
        .to_lowercase()
    };
    // Cached keys: one lowercased name per entry, not one per comparison.
    match sort {
        Sort::Name => shown.sort_by_cached_key(|&i| name(&entries[i])),
        Sort::Readiness => shown.sort_by_cached_key(|&i| (entries[i].readiness, name(&entries[i]))),
        Sort::LastSession => shown.sort_by_cached_key(|&i| (entries[i].last_session, name(&entries[i]))),
        Sort::Overdue => {
            shown.sort_by_cached_key(|&i| (std::cmp::Reverse(entries[i].overdue(today)), name(&entries[i])));
        }
    }
    shown
}

impl LibraryView {
    /// Forgets the rows worked out for the old entries; call when the list of
    /// entries is replaced.
    pub fn entries_changed(&mut self) {
        self.shown = None;
    }

    /// Draws the panel (`today` is asked for only when there are plans to list).
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        entries: &[LibraryEntry],
        scanning: bool,
        open: Option<&Path>,
        folder: &Path,
        today: impl FnOnce() -> Date,
    ) -> Option<LibraryAction> {
        let mut action = None;
        ui.add_space(6.0);
        if header_ui(ui, entries.len(), scanning) {
            action = Some(LibraryAction::Refresh);
        }
        self.search_sort_ui(ui);
        ui.separator();
        if entries.is_empty() {
            ui.label(
                RichText::new(if scanning {
                    "Reading plans…".to_owned()
                } else {
                    format!("No plans in {} yet.", folder.display())
                })
                .weak(),
            );
            return action;
        }
        // Asked only once there are rows: the first read of the clock loads
        // the time zone database, which an empty first frame need not wait for.
        let today = today();
        self.refresh_shown(entries, today);
        let shown: &[usize] = self.shown.as_ref().map_or(&[], |(.., rows)| rows);
        if let Some(open) = list_ui(ui, entries, shown, open, today) {
            action = Some(open);
        }
        action
    }

    /// Draws the search field and the sort combo box.
    fn search_sort_ui(&mut self, ui: &mut Ui) {
        ui.add(
            TextEdit::singleline(&mut self.search)
                .id_salt("library-search")
                .hint_text("Search names and roles")
                .desired_width(f32::INFINITY),
        );
        let width = ui.available_width();
        let selected = format!("Sort: {}", self.sort.label());
        widgets::combo(ui, "library-sort", "Sort plans", &selected, Some(width), |ui| {
            for sort in Sort::ALL {
                ui.selectable_value(&mut self.sort, sort, sort.label());
            }
        });
    }

    /// Works the shown rows out again unless they are for this search, order and day.
    fn refresh_shown(&mut self, entries: &[LibraryEntry], today: Date) {
        let fresh = matches!(&self.shown, Some((search, sort, day, _))
            if *search == self.search && *sort == self.sort && *day == today);
        if !fresh {
            let rows = visible(entries, &self.search, self.sort, today);
            self.shown = Some((self.search.clone(), self.sort, today, rows));
        }
    }
}

/// Draws the heading with the number of plans and Refresh; returns whether Refresh was clicked.
fn header_ui(ui: &mut Ui, count: usize, scanning: bool) -> bool {
    let mut refresh = false;
    ui.horizontal(|ui| {
        ui.heading("Plans");
        ui.label(RichText::new(count.to_string()).weak());
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui
                .small_button("Refresh")
                .on_hover_text("Read the plans folder again")
                .clicked()
            {
                refresh = true;
            }
            if scanning {
                ui.spinner();
            }
        });
    });
    refresh
}

/// Draws the scrolling list of the `shown` entries; returns the plan clicked to open.
fn list_ui(
    ui: &mut Ui,
    entries: &[LibraryEntry],
    shown: &[usize],
    open: Option<&Path>,
    today: Date,
) -> Option<LibraryAction> {
    let mut action = None;
    let visuals = ui.visuals().clone();
    let output = ScrollArea::vertical()
        .id_salt("library-list")
        .auto_shrink([false, false])
        .show_rows(ui, 64.0, shown.len(), |ui, range| {
            for &index in &shown[range] {
                // A stale cache (entries replaced without
                // `entries_changed`) must never index past the end.
                let Some(entry) = entries.get(index) else {
                    continue;
                };
                let selected = open == Some(entry.path.as_path());
                let name = if entry.person.is_empty() {
                    entry.file_name()
                } else {
                    entry.person.clone()
                };
                // A scope per plan keeps the row's id the same whichever
                // rows are drawn, so the keyboard focus stays on it.
                let response = widgets::keyed(ui, &entry.path, |ui| {
                    entry_card_ui(ui, entry, &name, selected, today, &visuals)
                });
                let response = response.interact(egui::Sense::click());
                let label = format!("Open plan: {name}");
                response
                    .widget_info(|| egui::WidgetInfo::selected(egui::Role::Button, true, selected, &label));
                if response.hovered() {
                    ui.ctx().set_cursor_icon(egui::CursorIcon::PointingHand);
                }
                let response = response.on_hover_text(entry.path.display().to_string());
                if response.clicked() && !selected {
                    action = Some(LibraryAction::Open(entry.path.clone()));
                }
            }
            super::widgets::follow_focus(ui);
        });
    widgets::bar_at_once(ui.ctx(), &output);
    action
}

/// Draws one plan's row: its name, readiness, roles, last session and overdue actions.
fn entry_card_ui(
    ui: &mut Ui,
    entry: &LibraryEntry,
    name: &str,
    selected: bool,
    today: Date,
    visuals: &egui::Visuals,
) -> egui::Response {
    let frame = egui::Frame::new()
        .inner_margin(egui::Margin::symmetric(6, 4))
        .corner_radius(6)
        .fill(if selected {
            visuals.selection.bg_fill.gamma_multiply(0.5)
        } else {
            egui::Color32::TRANSPARENT
        });
    frame
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.set_height(54.0);
            ui.horizontal(|ui| {
                ui.label(RichText::new(name).strong());
                if entry.error.is_none() {
                    ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                        let color = super::theme::readiness(visuals, entry.readiness);
                        widgets::pill(ui, &format!("{}%", entry.readiness), color);
                    });
                }
            });
            if let Some(error) = &entry.error {
                ui.label(
                    RichText::new("Could not be read")
                        .small()
                        .color(theme::bad(visuals)),
                )
                .on_hover_text(error);
            } else {
                ui.label(RichText::new(format!("{} ⏵ {}", entry.current_role, entry.target_role)).small());
                ui.horizontal(|ui| {
                    let last = entry
                        .last_session
                        .map_or_else(|| "no session yet".to_owned(), |d| format!("last session {}", crate::dates::human_date(d)));
                    ui.label(RichText::new(last).small().weak());
                    let overdue = entry.overdue(today);
                    if overdue > 0 {
                        ui.label(
                            RichText::new(format!("{overdue} overdue"))
                                .small()
                                .color(theme::bad(visuals)),
                        );
                    }
                    if entry.unmerged_copies > 0 {
                        ui.label(RichText::new("copy to merge").small().color(theme::warn(visuals)))
                            .on_hover_text("A sync tool left a conflict copy beside this plan: opening it merges the copy in");
                    } else if entry.to_settle > 0 {
                        ui.label(
                            RichText::new(format!("{} to settle", entry.to_settle))
                                .small()
                                .color(theme::warn(visuals)),
                        )
                        .on_hover_text("Texts changed on both copies, waiting for you to choose");
                    }
                });
            }
        })
        .response
}
