//! The desktop app: holds the open document, applies commands, undo and redo,
//! autosaves a recovery copy, and lays out the views.
//!
//! Logic (commands, files, recovery) lives in `logic.rs`; the dialogs in
//! `dialogs.rs`; drawing the frame in this file.

mod commands;
mod dialogs;
mod document;
mod jobs;
mod logic;
mod prefs;
mod presentation;

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::time::{Duration, Instant};

use egui::{Align, Layout, RichText, Ui};
use jiff::civil::Date;

pub use commands::UiCommand;
pub use dialogs::{Dialog, DialogKind, ExportForm, PathPurpose};
pub use prefs::{Prefs, STORAGE_KEY, ThemeChoice};

use crate::cli::GlobalArgs;
use crate::model::{Document, Framework};
use crate::storage::{self, DataDir, Fingerprint, FrameworkCatalog};
use crate::storage::{LibraryCache, LibraryEntry};
use crate::ui::checklist::ChecklistView;
use crate::ui::error_page::LoadFailure;
use crate::ui::library::{LibraryAction, LibraryView};
use crate::ui::notes::NotesView;
use crate::ui::path::PathView;
use crate::ui::progress::ProgressView;
use crate::ui::sessions::SessionsView;
use crate::ui::skills::SkillsView;
use crate::ui::{Derived, Edits, Tab, ViewCtx};

/// How the app is started.
#[derive(Clone, Debug)]
pub struct AppConfig {
    /// The data folder.
    pub data: DataDir,
    /// A plan to open at start.
    pub plan: Option<PathBuf>,
    /// A framework file given on the command line.
    pub framework_file: Option<PathBuf>,
    /// Preferences (`run` reads them from `DATA/prefs.ron`).
    pub prefs: Prefs,
    /// A fixed "today" (tests); `None` reads the clock.
    pub today: Option<Date>,
    /// How often the recovery copy is written while there are unsaved changes.
    pub recovery_interval: Duration,
    /// Whether native file dialogs may be used for "Browse…" (off in tests).
    pub native_dialogs: bool,
    /// Whether slow work (reading the plan library) runs on a thread; off in
    /// tests, so that a frame sees its result at once.
    pub background_threads: bool,
}

impl AppConfig {
    /// A configuration for the data folder `data` with defaults for the rest.
    pub fn new(data: DataDir) -> Self {
        Self {
            data,
            plan: None,
            framework_file: None,
            prefs: Prefs::default(),
            today: None,
            recovery_interval: Duration::from_secs(5),
            native_dialogs: true,
            background_threads: true,
        }
    }
}

/// An open plan and everything the app knows about its file.
#[derive(Debug)]
pub struct OpenPlan {
    /// The plan with its undo history.
    pub doc: Document,
    /// Its file; `None` until first saved.
    pub path: Option<PathBuf>,
    /// Its framework.
    pub framework: Arc<Framework>,
    /// What the file held when opened or last saved.
    pub fingerprint: Option<Fingerprint>,
    /// Set when the file came from a newer Trailmap: never written over.
    pub newer_format: Option<u32>,
    /// A key for the recovery file of a plan never saved.
    pub untitled_key: String,
    /// The revision last written to the recovery file.
    pub recovery_revision: Option<u64>,
    /// This window's lock on the plan file: only the holder writes it.
    pub lock: Option<storage::PlanLock>,
    /// Set when another window holds the plan's lock: the plan is open
    /// read-only here, and saving asks for another file.
    pub held_elsewhere: bool,
}

impl OpenPlan {
    /// `doc` with `framework`, with no file yet: the fields about the file
    /// are set by whoever opened one (`..OpenPlan::new(doc, framework)`).
    pub(crate) fn new(doc: Document, framework: Arc<Framework>) -> Self {
        Self {
            doc,
            path: None,
            framework,
            fingerprint: None,
            newer_format: None,
            untitled_key: logic::untitled_key(),
            recovery_revision: None,
            lock: None,
            held_elsewhere: false,
        }
    }

    /// The name shown in the title bar.
    pub fn display_name(&self) -> String {
        match &self.path {
            Some(path) => path.file_name().map_or_else(
                || path.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            ),
            None => "Untitled plan".to_owned(),
        }
    }
}

/// What the window shows.
#[derive(Debug)]
pub enum Page {
    /// The start page.
    Welcome,
    /// An open plan.
    Plan(Box<OpenPlan>),
    /// A plan that could not be opened.
    Error(LoadFailure),
}

/// Which page is showing, for tests.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PageKind {
    /// The start page.
    Welcome,
    /// A plan.
    Plan,
    /// The error page.
    Error,
}

/// A message in the status bar.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Status {
    /// The text.
    pub text: String,
    /// Whether it reports a problem.
    pub is_error: bool,
}

/// A change of zoom asked for by a command.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum ZoomRequest {
    /// To this factor.
    Set(f32),
    /// By this factor, kept within 0.5 and 3.
    Step(f32),
}

/// Whether the mentor's ratings are shown: as the user set it, else when the
/// plan has a mentor or any mentor rating.
fn mentor_shown(setting: Option<bool>, plan: &crate::model::Plan) -> bool {
    setting.unwrap_or_else(|| {
        !plan.person.mentor.is_empty() || plan.skills.values().any(|e| e.mentor_rating.is_some())
    })
}

/// The app.
pub struct TrailmapApp {
    /// The data folder: plans, recovery copies, preferences, locks.
    data: DataDir,
    /// This running app: names its recovery copies, and its lock tells other
    /// windows it is alive.
    instance: storage::Instance,
    /// The id of the framework installed or given last (a new plan uses it
    /// unless the user picks another).
    installed_framework: Option<String>,
    /// The preferences as last written to `DATA/prefs.ron`; a difference
    /// from `prefs` is written at the end of the frame.
    prefs_saved: Prefs,
    /// The frameworks plans may use: built in, installed, given.
    catalog: FrameworkCatalog,
    /// Frameworks that failed to load at start, as messages.
    framework_errors: Vec<String>,
    /// Theme, recent files, last plan, window size: what the app remembers.
    prefs: Prefs,
    /// What the window shows: the start page, a plan, or a load error.
    page: Page,
    /// The plan view shown.
    tab: Tab,
    /// Readiness, ranking and route of the open plan, kept per revision.
    derived: Derived,
    /// The Skills tab's own state.
    skills: SkillsView,
    /// The Path tab's own state.
    path_view: PathView,
    /// The Checklist tab's own state (filters, selection, row cache).
    checklist: ChecklistView,
    /// The Plan & notes tab's own state.
    notes: NotesView,
    /// The Sessions tab's own state.
    sessions: SessionsView,
    /// The Progress tab's own state.
    progress: ProgressView,
    /// The library panel's own state (search, order).
    library: LibraryView,
    /// The plans in the plans folder, as last read.
    library_entries: Vec<LibraryEntry>,
    /// A read of the plans folder under way on a thread.
    library_scan: Option<Receiver<(Vec<LibraryEntry>, LibraryCache)>>,
    /// What the last read learnt, so the next reads only changed files.
    library_cache: Option<LibraryCache>,
    /// Whether the plans folder should be read again.
    library_stale: bool,
    /// The dialog open, if any (one at a time).
    dialog: Option<Dialog>,
    /// The status bar's message.
    status: Option<Status>,
    /// A fixed "today" (tests and screenshots); `None` reads the clock.
    fixed_today: Option<Date>,
    /// How often the recovery copy is written while there are edits.
    recovery_interval: Duration,
    /// When the recovery copy was last written (or tried).
    last_recovery_write: Option<Instant>,
    /// When the last keystroke edit came, to end one undo step after a pause.
    last_typing: Option<Instant>,
    /// Whether mentor ratings are shown; `None` follows the plan.
    show_mentor: Option<bool>,
    /// While presenting: the zoom to go back to afterwards.
    presenting: Option<f32>,
    /// A zoom asked for by a command, carried out at the end of the frame.
    pending_zoom: Option<ZoomRequest>,
    /// Whether the window may close now (unsaved changes were dealt with).
    allow_close: bool,
    /// Whether Quit was asked for.
    quit_requested: bool,
    /// The window title last sent, so it is sent only when it changes.
    title: String,
    /// Whether "Browse…" may open the system's file dialog (off in tests).
    native_dialogs: bool,
    /// Whether slow work runs on a thread (off in tests).
    background_threads: bool,
    /// The context, for threads to ask for a repaint when done.
    repaint_ctx: Option<egui::Context>,
    /// Where the file-dialog thread sends the path chosen.
    browse_tx: Sender<(PathPurpose, Option<PathBuf>)>,
    /// The paths chosen in the system's file dialog.
    browse_rx: Receiver<(PathPurpose, Option<PathBuf>)>,
    /// Whether the system's file dialog is open.
    browsing: bool,
    /// Where to save the chart image the next frame takes.
    pending_chart: Option<PathBuf>,
    /// What to do once the save asked for (Save as) succeeds.
    after_save: Option<dialogs::Pending>,
    /// Where the chart-image thread sends its result.
    chart_tx: Sender<Result<PathBuf, String>>,
    /// The chart images written, or why not.
    chart_rx: Receiver<Result<PathBuf, String>>,
    /// Whether fonts and styles were set up (on the first frame).
    style_applied: bool,
}

/// Opens the app window and runs until it closes.
pub fn run(plan: Option<PathBuf>, global: &GlobalArgs) -> ExitCode {
    let data = DataDir::resolve(global.data_dir.as_deref());
    let _ = crate::storage::ensure_dir(data.root());
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Trailmap")
            .with_app_id("trailmap")
            .with_inner_size([1280.0, 800.0])
            .with_min_inner_size([880.0, 560.0])
            .with_drag_and_drop(true),
        ..Default::default()
    };
    let prefs = Prefs::from_text(crate::storage::read_prefs_text(&data, STORAGE_KEY).as_deref());
    let options = match prefs.window_size {
        Some([w, h]) if w >= 200.0 && h >= 200.0 => eframe::NativeOptions {
            viewport: options.viewport.with_inner_size([w, h]),
            ..options
        },
        _ => options,
    };
    let mut config = AppConfig::new(data);
    // Kept absolute: a relative path means nothing once the app has moved on.
    config.plan = plan.map(|p| crate::storage::canonical(&p));
    config.framework_file = global.framework.as_deref().map(crate::storage::canonical);
    config.prefs = prefs;
    let result = eframe::run_native(
        "Trailmap",
        options,
        Box::new(move |_cc| Ok(Box::new(TrailmapApp::new(config)))),
    );
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("trailmap: could not open the window: {e}");
            ExitCode::FAILURE
        }
    }
}

impl eframe::App for TrailmapApp {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        self.ui_root(ui);
        // Opt-in (`TRAILMAP_FRAME_LOG`), for scripts/bench-launch.sh; free when unset.
        crate::storage::log_frame();
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        self.save_prefs();
    }
}

impl TrailmapApp {
    /// The app's state for `config`: frameworks loaded, leftover temporary
    /// files cleaned, recovery files offered, and the first plan opened.
    pub fn new(config: AppConfig) -> Self {
        let (browse_tx, browse_rx) = channel();
        let (chart_tx, chart_rx) = channel();
        let mut app = Self {
            catalog: FrameworkCatalog::builtin_only(),
            framework_errors: Vec::new(),
            instance: storage::Instance::claim(&config.data),
            data: config.data,
            installed_framework: None,
            prefs_saved: config.prefs.clone(),
            prefs: config.prefs,
            page: Page::Welcome,
            tab: Tab::default(),
            derived: Derived::default(),
            skills: SkillsView::default(),
            path_view: PathView::default(),
            checklist: ChecklistView::default(),
            notes: NotesView::default(),
            sessions: SessionsView::default(),
            progress: ProgressView::default(),
            library: LibraryView::default(),
            library_entries: Vec::new(),
            library_scan: None,
            library_cache: None,
            library_stale: true,
            dialog: None,
            status: None,
            fixed_today: config.today,
            recovery_interval: config.recovery_interval,
            last_recovery_write: None,
            last_typing: None,
            show_mentor: None,
            presenting: None,
            pending_zoom: None,
            allow_close: false,
            quit_requested: false,
            title: String::new(),
            native_dialogs: config.native_dialogs,
            background_threads: config.background_threads,
            repaint_ctx: None,
            browse_tx,
            browse_rx,
            browsing: false,
            pending_chart: None,
            after_save: None,
            chart_tx,
            chart_rx,
            style_applied: false,
        };
        app.tab = app.prefs.tab;
        app.checklist.grouping = app.prefs.grouping;
        app.start(config.plan, config.framework_file);
        app
    }

    /// Today's date (fixed in tests).
    pub fn today(&self) -> Date {
        self.fixed_today.unwrap_or_else(crate::clock::today)
    }

    /// The date and time stamped on session notes (on the fixed date in tests).
    pub fn now(&self) -> jiff::civil::DateTime {
        let now = crate::clock::now();
        match self.fixed_today {
            Some(day) => day.to_datetime(now.time()),
            None => now,
        }
    }

    /// The entries the library panel shows.
    pub fn library_entries(&self) -> &[LibraryEntry] {
        &self.library_entries
    }

    /// Whether the library is being read.
    pub fn library_scanning(&self) -> bool {
        self.library_scan.is_some()
    }

    /// The page showing.
    pub fn page_kind(&self) -> PageKind {
        match self.page {
            Page::Welcome => PageKind::Welcome,
            Page::Plan(_) => PageKind::Plan,
            Page::Error(_) => PageKind::Error,
        }
    }

    /// The open plan, if any.
    pub fn open_plan(&self) -> Option<&OpenPlan> {
        match &self.page {
            Page::Plan(open) => Some(open),
            _ => None,
        }
    }

    /// The error page's failure, if showing.
    pub fn load_failure(&self) -> Option<&LoadFailure> {
        match &self.page {
            Page::Error(failure) => Some(failure),
            _ => None,
        }
    }

    /// The open dialog, if any.
    pub fn dialog_kind(&self) -> Option<DialogKind> {
        self.dialog.as_ref().map(Dialog::kind)
    }

    /// The status bar message.
    pub fn status(&self) -> Option<&Status> {
        self.status.as_ref()
    }

    /// The preferences (saved in eframe's storage on exit).
    pub fn prefs(&self) -> &Prefs {
        &self.prefs
    }

    /// The window title.
    pub fn title(&self) -> &str {
        &self.title
    }

    /// The tab showing.
    pub fn tab(&self) -> Tab {
        self.tab
    }

    /// Whether presentation mode is on.
    pub fn is_presenting(&self) -> bool {
        self.presenting.is_some()
    }

    /// Whether the app has decided to quit (the window closes next).
    pub fn quit_requested(&self) -> bool {
        self.quit_requested
    }

    /// Whether mentor ratings are shown: as toggled, else when the plan has any.
    fn mentor_visible(&self) -> bool {
        self.open_plan()
            .map_or(self.show_mentor.unwrap_or(false), |open| {
                mentor_shown(self.show_mentor, open.doc.plan())
            })
    }

    /// Draws one frame and handles its input. The eframe `ui` calls this; tests
    /// drive it through egui_kittest.
    pub fn ui_root(&mut self, ui: &mut Ui) {
        let ctx = ui.ctx().clone();
        if !self.style_applied {
            self.repaint_ctx = Some(ctx.clone());
            crate::ui::theme::apply_style(&ctx);
            ctx.set_theme(self.prefs.theme.preference());
            self.style_applied = true;
        }
        self.poll_browse();
        self.poll_chart_image();
        self.poll_library();
        self.handle_dropped_files(&ctx);
        self.handle_shortcuts(&ctx);
        self.handle_close_request(&ctx);

        let mut edits = Edits::default();
        egui::Panel::top("menu-bar").show(ui, |ui| self.menu_bar_ui(ui));
        egui::Panel::bottom("status-bar").show(ui, |ui| self.status_bar_ui(ui));
        if self.prefs.library_open && self.presenting.is_none() {
            self.refresh_library_if_stale();
            egui::Panel::left("library")
                .resizable(true)
                .default_size(300.0)
                .min_size(220.0)
                .show(ui, |ui| self.library_ui(ui));
        }
        if matches!(self.page, Page::Plan(_)) {
            egui::Panel::top("plan-header").show(ui, |ui| self.header_ui(ui, &mut edits));
        }
        egui::CentralPanel::default().show(ui, |ui| self.page_ui(ui, &mut edits));
        for request in edits.take_requests() {
            match request {
                crate::ui::Request::SaveChartImage => self.ask_chart_image(),
            }
        }
        self.dialogs_ui(&ctx);
        self.take_chart_image(&ctx);
        self.apply_edits(edits);
        self.update_title(&ctx);
        self.apply_zoom(&ctx);
        self.close_if_asked(&ctx);
        self.autosave_recovery(&ctx);
        if let Some(rect) = ctx.input(|i| i.viewport().inner_rect) {
            // Remembered with the next write of the preferences (or at exit).
            self.prefs_saved.window_size = Some([rect.width(), rect.height()]);
            self.prefs.window_size = self.prefs_saved.window_size;
        }
        if self.prefs != self.prefs_saved {
            self.save_prefs();
        }
    }

    /// Writes the preferences, keeping recent files another window added
    /// since (see `Prefs::merged_with`).
    fn save_prefs(&mut self) {
        let ours = self.prefs.clone();
        let base = self.prefs_saved.clone();
        let written = std::cell::RefCell::new(None);
        let result = storage::update_prefs(&self.data, &|disk| {
            let merged = ours.merged_with(&base, disk);
            let text = merged.to_text();
            *written.borrow_mut() = Some(merged);
            text
        });
        if let Some(merged) = written.into_inner() {
            if result.is_ok() {
                self.prefs.recent = merged.recent.clone();
            }
            self.prefs_saved = self.prefs.clone();
        }
        if let Err(e) = result {
            log::warn!("could not save the preferences: {e}");
        }
    }

    fn menu_bar_ui(&mut self, ui: &mut Ui) {
        let has_plan = matches!(self.page, Page::Plan(_));
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| {
                self.menu_item(ui, UiCommand::New, true);
                self.menu_item(ui, UiCommand::Open, true);
                self.menu_item(ui, UiCommand::OpenCopy, true);
                ui.menu_button("Open recent", |ui| {
                    if self.prefs.recent.is_empty() {
                        ui.label(RichText::new("No recent plans").weak());
                    }
                    for path in self.prefs.recent.clone() {
                        if ui.button(path.display().to_string()).clicked() {
                            self.request_open_path(path);
                            ui.close();
                        }
                    }
                });
                ui.separator();
                self.menu_item(ui, UiCommand::Save, has_plan);
                self.menu_item(ui, UiCommand::SaveAs, has_plan);
                self.menu_item(ui, UiCommand::Export, has_plan);
                ui.separator();
                self.menu_item(ui, UiCommand::ChooseFramework, true);
                ui.separator();
                self.menu_item(ui, UiCommand::Close, has_plan);
                self.menu_item(ui, UiCommand::Quit, true);
            });
            ui.menu_button("Edit", |ui| {
                let (undo, redo) = self
                    .open_plan()
                    .map_or((false, false), |open| (open.doc.can_undo(), open.doc.can_redo()));
                self.menu_item(ui, UiCommand::Undo, undo);
                self.menu_item(ui, UiCommand::Redo, redo);
            });
            ui.menu_button("View", |ui| {
                for tab in Tab::ALL {
                    self.menu_item(ui, UiCommand::ShowTab(tab), has_plan);
                }
                ui.separator();
                let library = self.prefs.library_open;
                self.menu_toggle(ui, UiCommand::ToggleLibrary, library, true);
                let mentor = self.mentor_visible();
                self.menu_toggle(ui, UiCommand::ToggleMentor, mentor, has_plan);
                let presenting = self.is_presenting();
                self.menu_toggle(ui, UiCommand::TogglePresentation, presenting, true);
                ui.separator();
                ui.menu_button("Theme", |ui| {
                    for choice in ThemeChoice::ALL {
                        if ui.radio(self.prefs.theme == choice, choice.label()).clicked() {
                            self.prefs.theme = choice;
                            ui.ctx().set_theme(choice.preference());
                            ui.close();
                        }
                    }
                });
                self.menu_item(ui, UiCommand::ZoomIn, true);
                self.menu_item(ui, UiCommand::ZoomOut, true);
                self.menu_item(ui, UiCommand::ZoomReset, true);
            });
            ui.menu_button("Help", |ui| {
                self.menu_item(ui, UiCommand::About, true);
            });
        });
    }

    fn menu_item(&mut self, ui: &mut Ui, command: UiCommand, enabled: bool) {
        self.menu_entry(ui, command, None, enabled);
    }

    fn menu_toggle(&mut self, ui: &mut Ui, command: UiCommand, on: bool, enabled: bool) {
        self.menu_entry(ui, command, Some(on), enabled);
    }

    /// A menu entry for `command` with its shortcut; `selected` makes it a toggle.
    fn menu_entry(&mut self, ui: &mut Ui, command: UiCommand, selected: Option<bool>, enabled: bool) {
        let mut button = match selected {
            Some(on) => egui::Button::selectable(on, command.label()),
            None => egui::Button::new(command.label()),
        };
        if let Some(shortcut) = command.shortcut() {
            button = button.shortcut_text(ui.ctx().format_shortcut(&shortcut));
        }
        if ui
            .add_enabled(enabled, button)
            .on_hover_text(command.tooltip())
            .clicked()
        {
            self.run_command(command);
            ui.close();
        }
    }

    fn header_ui(&mut self, ui: &mut Ui, edits: &mut Edits) {
        let today = self.today();
        let now = self.now();
        let Page::Plan(open) = &self.page else { return };
        let plan = open.doc.plan();
        self.derived
            .refresh(plan, &open.framework, open.doc.revision(), today);
        let ctx = ViewCtx {
            plan,
            framework: &open.framework,
            derived: &self.derived,
            today,
            now,
            revision: open.doc.revision(),
            show_mentor: mentor_shown(self.show_mentor, plan),
            presenting: self.presenting.is_some(),
        };
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
            if let Some(role) = crate::ui::notes::role_combo(ui, &ctx, "Target role", &plan.target_role, true) {
                edits.push(crate::model::Command::SetTargetRole(role));
            }
            if let Some(target) = &self.derived.target {
                let color = crate::ui::path::readiness_color(ui.visuals(), target.readiness);
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
            if self.presenting.is_some() {
                crate::ui::widgets::pill(ui, "presenting", crate::ui::theme::own(ui.visuals()))
                    .on_hover_text("Presentation mode: private notes are hidden. F5 ends it.");
            }
        });
        ui.add_space(2.0);
        ui.horizontal(|ui| {
            for tab in Tab::ALL {
                let shortcut = UiCommand::ShowTab(tab)
                    .shortcut()
                    .map(|s| ui.ctx().format_shortcut(&s))
                    .unwrap_or_default();
                if ui
                    .add(egui::Button::selectable(
                        self.tab == tab,
                        RichText::new(tab.label()).size(15.0),
                    ))
                    .on_hover_text(format!("{} ({shortcut})", tab.label()))
                    .clicked()
                {
                    self.tab = tab;
                    self.prefs.tab = tab;
                }
            }
        });
        ui.add_space(4.0);
    }

    fn page_ui(&mut self, ui: &mut Ui, edits: &mut Edits) {
        let today = self.today();
        let now = self.now();
        match &self.page {
            Page::Welcome => {
                let plans = self.data.plans();
                // Plans moved or deleted since are not offered.
                let recent: Vec<PathBuf> = self
                    .prefs
                    .recent
                    .iter()
                    .filter(|p| p.is_file())
                    .cloned()
                    .collect();
                if let Some(action) = crate::ui::welcome::welcome_ui(ui, &recent, &plans) {
                    self.welcome_action(action);
                }
            }
            Page::Error(failure) => {
                if let Some(action) = crate::ui::error_page::error_page_ui(ui, failure) {
                    self.error_action(action);
                }
            }
            Page::Plan(open) => {
                let plan = open.doc.plan();
                let revision = open.doc.revision();
                self.derived.refresh(plan, &open.framework, revision, today);
                let ctx = ViewCtx {
                    plan,
                    framework: &open.framework,
                    derived: &self.derived,
                    today,
                    now,
                    revision,
                    show_mentor: mentor_shown(self.show_mentor, plan),
                    presenting: self.presenting.is_some(),
                };
                let view: &mut dyn crate::ui::View = match self.tab {
                    Tab::Skills => &mut self.skills,
                    Tab::Path => &mut self.path_view,
                    Tab::Checklist => &mut self.checklist,
                    Tab::Sessions => &mut self.sessions,
                    Tab::Progress => &mut self.progress,
                    Tab::Notes => &mut self.notes,
                };
                view.ui(ui, &ctx, edits);
                if self.checklist.grouping != self.prefs.grouping {
                    self.prefs.grouping = self.checklist.grouping;
                }
            }
        }
    }

    fn library_ui(&mut self, ui: &mut Ui) {
        let today = self.today();
        let open = self.open_plan().and_then(|o| o.path.clone());
        let folder = self.data.plans();
        let scanning = self.library_scan.is_some();
        match self.library.ui(
            ui,
            &self.library_entries,
            scanning,
            open.as_deref(),
            &folder,
            today,
        ) {
            Some(LibraryAction::Open(path)) => self.request_open_path(path),
            Some(LibraryAction::Refresh) => self.library_stale = true,
            None => {}
        }
    }

    fn status_bar_ui(&mut self, ui: &mut Ui) {
        ui.horizontal(|ui| {
            match &self.page {
                Page::Plan(open) => {
                    let where_ = open
                        .path
                        .as_ref()
                        .map_or_else(|| "Not saved yet".to_owned(), |p| p.display().to_string());
                    ui.label(RichText::new(where_).small().weak());
                    ui.separator();
                    if open.held_elsewhere || open.newer_format.is_some() {
                        let why = if open.held_elsewhere {
                            "Open in another Trailmap window: this window does not save it (Save as… keeps a copy)"
                        } else {
                            "From a newer Trailmap: this version never writes over it (Save as… keeps a copy)"
                        };
                        ui.label(
                            RichText::new("Read-only")
                                .small()
                                .color(crate::ui::theme::warn(ui.visuals())),
                        )
                        .on_hover_text(why);
                        ui.separator();
                    }
                    if open.doc.is_dirty() {
                        ui.label(
                            RichText::new("• Unsaved changes")
                                .small()
                                .color(crate::ui::theme::warn(ui.visuals())),
                        );
                    } else {
                        ui.label(RichText::new("All changes saved").small().weak());
                    }
                }
                Page::Welcome => {
                    ui.label(
                        RichText::new(format!("Data folder: {}", self.data.root().display()))
                            .small()
                            .weak(),
                    );
                }
                Page::Error(_) => {
                    ui.label(RichText::new("The file was not changed").small().weak());
                }
            }
            ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
                if let Some(status) = &self.status {
                    let color = if status.is_error {
                        crate::ui::theme::bad(ui.visuals())
                    } else {
                        ui.visuals().text_color()
                    };
                    ui.label(RichText::new(&status.text).small().color(color));
                }
            });
        });
    }
}
