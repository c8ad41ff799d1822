//! The plan's views: which tab shows, each tab's own state, and the one
//! `ViewCtx` they all draw from; drawing the plan's header and the page.

use std::path::PathBuf;

use egui::{RichText, Ui};
use jiff::civil::{Date, DateTime};

use super::{OpenPlan, Page, Prefs, TrailmapApp, UiCommand};
use crate::ui::checklist::ChecklistView;
use crate::ui::library::LibraryView;
use crate::ui::notes::NotesView;
use crate::ui::path::PathView;
use crate::ui::progress::ProgressView;
use crate::ui::sessions::SessionsView;
use crate::ui::skills::SkillsView;
use crate::ui::welcome::WelcomeAction;
use crate::ui::{Derived, Edits, Tab, View, ViewCtx};

/// Whether the mentor's ratings are shown: as the user set it, else when the
/// plan has a mentor or any mentor rating.
pub(super) fn mentor_shown(setting: Option<bool>, plan: &crate::model::Plan) -> bool {
    setting.unwrap_or_else(|| {
        plan.side == crate::model::Side::Mentor
            || !plan.person.mentor.is_empty()
            || plan.skills.values().any(|e| e.mentor_rating.is_some())
    })
}

/// The views' state: the tab shown, what they share, their own state.
#[derive(Debug, Default)]
pub(super) struct Views {
    /// The plan view shown.
    pub(super) tab: Tab,
    /// What every view draws from besides the plan.
    pub(super) basis: ViewBasis,
    /// Each tab's own state.
    pub(super) tabs: Tabs,
    /// The library panel's own state (search, order).
    pub(super) library: LibraryView,
}

/// What every view draws from besides the plan and the clock.
#[derive(Debug, Default)]
pub(super) struct ViewBasis {
    /// Readiness, ranking and route of the open plan, kept per revision.
    pub(super) derived: Derived,
    /// Whether mentor ratings are shown; `None` follows the plan.
    pub(super) show_mentor: Option<bool>,
}

/// Each tab's own state.
#[derive(Debug, Default)]
pub(super) struct Tabs {
    /// The Skills tab's own state.
    pub(super) skills: SkillsView,
    /// The Path tab's own state (and where its radar chart was drawn).
    pub(super) path: PathView,
    /// The Checklist tab's own state (filters, selection, row cache).
    pub(super) checklist: ChecklistView,
    /// The Plan & notes tab's own state.
    pub(super) notes: NotesView,
    /// The Sessions tab's own state.
    pub(super) sessions: SessionsView,
    /// The Progress tab's own state.
    pub(super) progress: ProgressView,
}

impl Views {
    /// The views as `prefs` left them: the tab and the checklist's grouping.
    pub(super) fn new(prefs: &Prefs) -> Self {
        let mut views = Self {
            tab: prefs.tab,
            ..Self::default()
        };
        views.tabs.checklist.grouping = prefs.grouping;
        views
    }

    /// Forgets what belonged to the plan open before.
    pub(super) fn plan_opened(&mut self) {
        self.basis.derived = Derived::default();
        self.tabs.checklist.selected = None;
    }
}

impl ViewBasis {
    /// The context the views draw `open` from, its derived data brought up
    /// to date first: the one place a `ViewCtx` is made.
    pub(super) fn ctx<'a>(
        &'a mut self,
        open: &'a OpenPlan,
        today: Date,
        now: DateTime,
        presenting: bool,
    ) -> ViewCtx<'a> {
        let plan = open.doc.plan();
        let revision = open.doc.revision();
        self.derived.refresh(plan, &open.framework, revision, today);
        ViewCtx {
            plan,
            framework: &open.framework,
            derived: &self.derived,
            today,
            now,
            revision,
            show_mentor: mentor_shown(self.show_mentor, plan),
            presenting,
        }
    }
}

impl Tabs {
    /// The view of `tab`.
    fn view(&mut self, tab: Tab) -> &mut dyn View {
        match tab {
            Tab::Skills => &mut self.skills,
            Tab::Path => &mut self.path,
            Tab::Checklist => &mut self.checklist,
            Tab::Sessions => &mut self.sessions,
            Tab::Progress => &mut self.progress,
            Tab::Notes => &mut self.notes,
        }
    }
}

impl TrailmapApp {
    /// Whether mentor ratings are shown: as toggled, else when the plan has any.
    pub(super) fn mentor_visible(&self) -> bool {
        let setting = self.views.basis.show_mentor;
        self.open_plan().map_or(setting.unwrap_or(false), |open| {
            mentor_shown(setting, open.doc.plan())
        })
    }

    /// The open plan's header: the person, the roles, readiness, and the tabs.
    pub(super) fn header_ui(&mut self, ui: &mut Ui, edits: &mut Edits) {
        let presenting = self.window.is_presenting();
        let Some(open) = self.document.open_plan() else {
            return;
        };
        let (today, now) = (self.today(), self.now());
        let ctx = self.views.basis.ctx(open, today, now, presenting);
        let plan = ctx.plan;
        let mut settle = false;
        ui.add_space(6.0);
        ui.horizontal(|ui| {
            let name = if plan.person.name.is_empty() { "Unnamed plan" } else { plan.person.name.as_str() };
            // A very long name must not push the roles off the window: at
            // most a third of the row, cut with "…".
            let width = (ui.available_width() / 3.0).max(120.0);
            ui.scope(|ui| {
                ui.set_max_width(width);
                // egui shows the whole name on hover when it is cut.
                ui.add(egui::Label::new(RichText::new(name).size(20.0).strong()).truncate());
            });
            ui.add_space(8.0);
            ui.label(RichText::new(ctx.framework.role_name(&plan.current_role)).size(15.0));
            ui.label(RichText::new("⏵").size(13.0).weak());
            if let Some(role) = crate::ui::widgets::role_combo(ui, &ctx, "Target role", &plan.target_role, true) {
                edits.push(crate::model::Command::SetTargetRole(role));
            }
            if let Some(target) = &ctx.derived.target {
                let color = crate::ui::theme::readiness(ui.visuals(), target.readiness);
                crate::ui::widgets::pill(ui, &format!("{}% ready", target.readiness), color).on_hover_text(
                    "Readiness = the levels you have toward the target's needs, as a share of all the levels it needs",
                );
            }
            if let Some(date) = plan.target_date {
                ui.label(RichText::new(format!("by {date}")).weak());
            }
            if let Some(version) = open.newer_format {
                crate::ui::widgets::pill(ui, "read-only", crate::ui::theme::warn(ui.visuals())).on_hover_text(format!(
                    "This file comes from a newer Trailmap (format {version}); it will not be written over. Use Save as… to keep a copy."
                ));
            }
            if plan.side == crate::model::Side::Mentor {
                crate::ui::widgets::pill(ui, "mentor's copy", crate::ui::theme::mentor(ui.visuals())).on_hover_text(
                    "Your copy as mentor. File › Share with mentee… writes a copy for them without your notes; \
                     File › Merge in… brings in theirs.",
                );
            }
            let conflicts = crate::model::sync::merge::text_conflicts(plan).len();
            if conflicts > 0
                && crate::ui::widgets::pill(ui, &format!("{conflicts} to settle"), crate::ui::theme::warn(ui.visuals()))
                    .on_hover_text("Texts changed on both copies: click to choose what to keep")
                    .interact(egui::Sense::click())
                    .clicked()
            {
                settle = true;
            }
            if presenting {
                crate::ui::widgets::pill(ui, "presenting", crate::ui::theme::own(ui.visuals()))
                    .on_hover_text("Presentation mode: private notes are hidden. F5 ends it.");
            }
        });
        if settle {
            self.show_conflicts();
        }
        ui.add_space(2.0);
        self.tabs_row_ui(ui);
        ui.add_space(4.0);
    }

    /// The row of tab buttons.
    fn tabs_row_ui(&mut self, ui: &mut Ui) {
        ui.horizontal(|ui| {
            for tab in Tab::ALL {
                let shortcut = UiCommand::ShowTab(tab)
                    .shortcut()
                    .map(|s| ui.ctx().format_shortcut(&s))
                    .unwrap_or_default();
                if ui
                    .add(egui::Button::selectable(
                        self.views.tab == tab,
                        RichText::new(tab.label()).size(15.0),
                    ))
                    .on_hover_text(format!("{} ({shortcut})", tab.label()))
                    .clicked()
                {
                    self.views.tab = tab;
                    self.shell.prefs.tab = tab;
                }
            }
        });
    }

    /// The page: the start page, the tab shown of the open plan, or the
    /// error page.
    pub(super) fn page_ui(&mut self, ui: &mut Ui, edits: &mut Edits) {
        let presenting = self.window.is_presenting();
        match &self.document.page {
            Page::Welcome => {
                let plans = self.shell.data.plans();
                // Plans moved or deleted since are not offered.
                let recent: Vec<PathBuf> = self
                    .shell
                    .prefs
                    .recent
                    .iter()
                    .filter(|p| p.is_file())
                    .cloned()
                    .collect();
                let action = if presenting {
                    presenting_start_ui(ui)
                } else {
                    // With the library panel open, the plans are listed there.
                    let listed: &[crate::storage::LibraryEntry] = if self.shell.prefs.library_open {
                        &[]
                    } else {
                        &self.jobs.library.entries
                    };
                    crate::ui::welcome::welcome_ui(ui, &recent, listed, &plans)
                };
                if let Some(action) = action {
                    self.welcome_action(action);
                }
            }
            Page::Loading => {
                ui.centered_and_justified(|ui| ui.label(RichText::new("Opening…").weak()));
            }
            Page::Error(failure) => {
                if let Some(action) = crate::ui::error_page::error_page_ui(ui, failure) {
                    self.error_action(action);
                }
            }
            Page::Plan(open) => {
                // Read only here: the first read of the clock loads the time
                // zone database, which the first frame ("Opening…") need not wait for.
                let (today, now) = (self.today(), self.now());
                let ctx = self.views.basis.ctx(open, today, now, presenting);
                self.views.tabs.view(self.views.tab).ui(ui, &ctx, edits);
                if self.views.tabs.checklist.grouping != self.shell.prefs.grouping {
                    self.shell.prefs.grouping = self.views.tabs.checklist.grouping;
                }
            }
        }
    }
}

/// The start page while presenting: the recent plans and where plans are
/// kept (which the start page shows) stay off the shared screen.
fn presenting_start_ui(ui: &mut Ui) -> Option<WelcomeAction> {
    let mut action = None;
    ui.vertical_centered(|ui| {
        ui.add_space(36.0);
        ui.label(RichText::new("Trailmap").size(36.0).strong());
        ui.label(
            RichText::new("Presenting: recent plans and where plans are kept are not shown. F5 ends it.")
                .weak(),
        );
        ui.add_space(18.0);
        ui.horizontal(|ui| {
            let width = 2.0 * 170.0 + ui.spacing().item_spacing.x;
            ui.add_space(((ui.available_width() - width) / 2.0).max(0.0));
            let size = egui::vec2(170.0, 36.0);
            if ui
                .add(egui::Button::new(RichText::new("New plan…").size(16.0)).min_size(size))
                .clicked()
            {
                action = Some(WelcomeAction::New);
            }
            if ui
                .add(egui::Button::new(RichText::new("Open…").size(16.0)).min_size(size))
                .clicked()
            {
                action = Some(WelcomeAction::Open);
            }
        });
    });
    action
}

impl TrailmapApp {
    /// Whether the bar of a running session shows: on every view of a plan
    /// with a session running but the Sessions tab, which shows the session
    /// itself.
    pub(super) fn session_bar_shown(&self) -> bool {
        self.views.tab != Tab::Sessions
            && self
                .open_plan()
                .is_some_and(|open| open.doc.plan().open_session().is_some())
    }

    /// The bar of a running session: with whom and since when, and End
    /// session…, which leads to the Sessions tab's wrap-up (the summary field
    /// focused, its End session button under it). It does not end the
    /// session at once: the summary is what the log keeps of a session, and
    /// an ended session cannot be given one afterwards.
    pub(super) fn session_bar_ui(&mut self, ui: &mut Ui) {
        let today = self.today();
        let Some(open) = self.open_plan() else { return };
        let plan = open.doc.plan();
        let Some(session) = plan.open_session() else {
            return;
        };
        let mentor = if plan.person.mentor.is_empty() {
            "your mentor"
        } else {
            plan.person.mentor.as_str()
        };
        let started = session.started;
        let day = if started.date() == today {
            String::new()
        } else {
            format!("{} ", trailmap_core::dates::human_date(started.date()))
        };
        let text = format!(
            "Session with {mentor} in progress since {day}{:02}:{:02}",
            started.hour(),
            started.minute()
        );
        let mut wrap_up = false;
        // The button first, at the right end; the text has the rest.
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            wrap_up = ui
                .button("End session…")
                .on_hover_text("Write a summary and end the session, on the Sessions tab")
                .clicked();
            ui.with_layout(egui::Layout::left_to_right(egui::Align::Center), |ui| {
                let (dot, _) = ui.allocate_exact_size(egui::vec2(10.0, 10.0), egui::Sense::hover());
                ui.painter()
                    .circle_filled(dot.center(), 4.5, crate::ui::theme::good(ui.visuals()));
                ui.add(egui::Label::new(RichText::new(text).strong()).truncate());
            });
        });
        if wrap_up {
            self.views.tab = Tab::Sessions;
            self.shell.prefs.tab = Tab::Sessions;
            self.views.tabs.sessions.wrap_up();
        }
    }
}
