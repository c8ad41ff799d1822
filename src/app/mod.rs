//! The desktop app: holds the open document, applies commands, undo and redo,
//! autosaves a recovery copy, and lays out the views.
//!
//! `TrailmapApp` is the shell: it holds one part per seam (below), routes
//! `UiCommand`s and edits (`logic.rs`) and draws the frame (this file). The
//! open plan and its file are `document.rs` and `recovery.rs`; work beside
//! the frame `jobs.rs`; the title, zoom and presenting `presentation.rs`;
//! the views and the bar of a running session `views.rs`; the status bar
//! `status_bar.rs`; the dialogs `dialogs/`.

mod commands;
mod dialogs;
mod document;
mod jobs;
mod logic;
mod prefs;
mod presentation;
mod recovery;
mod sharing;
mod startup;
mod status_bar;
mod views;

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use egui::{RichText, Ui};
use jiff::civil::Date;

pub use commands::UiCommand;
pub use dialogs::{Dialog, DialogKind, ExportForm, PathPurpose};
pub use document::{OpenPlan, Page};
pub use prefs::{Prefs, STORAGE_KEY, ThemeChoice};

use crate::storage::{self, DataDir, LibraryEntry};
use crate::ui::error_page::LoadFailure;
use crate::ui::library::LibraryAction;
use crate::ui::{Edits, Tab};
use dialogs::Dialogs;
use document::DocumentState;
use jobs::Jobs;
use presentation::Window;
use views::Views;

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
    /// Whether slow work (the start's reading, the plan library) runs on a
    /// thread; off in tests, so that a frame sees its result at once.
    pub background_threads: bool,
    /// The window's context, for threads to ask for a repaint when their
    /// work is done (`run` passes eframe's).
    pub context: Option<egui::Context>,
    /// Whether the system's fonts draw what the embedded fonts cannot (e.g.
    /// names in other scripts), from the second frame on. `run` turns it
    /// on; off, the pixels do not depend on the machine's fonts (tests).
    pub system_fonts: bool,
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
            context: None,
            system_fonts: false,
        }
    }
}

/// What the window is opened with, besides the plan: the options the
/// command line gives every command.
#[derive(Clone, Debug, Default)]
pub struct AppOptions {
    /// The data folder; `None` takes `$TRAILMAP_DATA_DIR`, else the
    /// platform's data folder.
    pub data_dir: Option<PathBuf>,
    /// A framework file to use besides the built-in one.
    pub framework: Option<PathBuf>,
}

/// Which page is showing, for tests.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PageKind {
    /// The start page.
    Welcome,
    /// The first plan being read.
    Loading,
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

/// What the app keeps of its own: where its files are, which instance it
/// is, what it remembers between runs, the date and the status bar.
#[derive(Debug)]
struct Shell {
    /// The data folder: plans, recovery copies, preferences, locks.
    data: DataDir,
    /// This running app: names its recovery copies, and its lock tells other
    /// windows it is alive.
    instance: storage::Instance,
    /// Theme, recent files, last plan, window size: what the app remembers.
    prefs: Prefs,
    /// The preferences as last written to `DATA/prefs.ron`; a difference
    /// from `prefs` is written at the end of the frame.
    prefs_saved: Prefs,
    /// The window size as last written: the size alone is written at exit,
    /// and only when it changed.
    window_size_written: Option<[f32; 2]>,
    /// A fixed "today" (tests and screenshots); `None` reads the clock.
    fixed_today: Option<Date>,
    /// The status bar's message.
    status: Option<Status>,
    /// This installation's replica id: the range of the item numbers it
    /// hands out and the author of its changes (see `model::sync`).
    replica: crate::model::Replica,
}

impl Shell {
    /// Today's date (fixed in tests).
    fn today(&self) -> Date {
        self.fixed_today.unwrap_or_else(crate::clock::today)
    }
}

/// The app.
pub struct TrailmapApp {
    /// The data folder, this instance, the preferences, the date and the
    /// status bar.
    shell: Shell,
    /// What the window shows (the open plan and its file) and the frameworks.
    document: DocumentState,
    /// The tab shown and every view's own state.
    views: Views,
    /// Work beside the frame: the file dialog, the library, chart images.
    jobs: Jobs,
    /// The window's title, zoom, presentation mode and closing.
    window: Window,
    /// The dialog open and what waits on it.
    dialogs: Dialogs,
}

/// The window's icon: `assets/icons/trailmap-128.png`, drawn from
/// `assets/icons/trailmap.svg` (see `packaging/`).
fn window_icon() -> egui::IconData {
    const PNG: &[u8] = include_bytes!("../../assets/icons/trailmap-128.png");
    match image::load_from_memory_with_format(PNG, image::ImageFormat::Png) {
        Ok(icon) => {
            let icon = icon.to_rgba8();
            let (width, height) = icon.dimensions();
            egui::IconData {
                rgba: icon.into_raw(),
                width,
                height,
            }
        }
        Err(_) => egui::IconData::default(),
    }
}

/// Opens the app window on `plan` (if any) and runs until it closes.
pub fn run(plan: Option<PathBuf>, options: &AppOptions) -> ExitCode {
    let data = DataDir::resolve(options.data_dir.as_deref());
    let _ = crate::storage::ensure_dir(data.root());
    let native = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Trailmap")
            // Matches the `.desktop` file (packaging/), so Wayland shows the icon.
            .with_app_id("trailmap")
            .with_icon(window_icon())
            .with_inner_size([1280.0, 800.0])
            .with_min_inner_size([880.0, 560.0])
            .with_drag_and_drop(true),
        // Added by the app after the first frame (`AppConfig::system_fonts`).
        system_font_fallback: false,
        ..Default::default()
    };
    let prefs = Prefs::from_text(crate::storage::read_prefs_text(&data, STORAGE_KEY).as_deref());
    let native = match prefs.window_size {
        Some([w, h]) if w >= 200.0 && h >= 200.0 => eframe::NativeOptions {
            viewport: native.viewport.with_inner_size([w, h]),
            ..native
        },
        _ => native,
    };
    let mut config = AppConfig::new(data);
    // Kept absolute: a relative path means nothing once the app has moved on.
    config.plan = plan.map(|p| crate::storage::canonical(&p));
    config.framework_file = options.framework.as_deref().map(crate::storage::canonical);
    config.prefs = prefs;
    config.system_fonts = true;
    let result = eframe::run_native(
        "Trailmap",
        native,
        Box::new(move |cc| {
            config.context = Some(cc.egui_ctx.clone());
            Ok(Box::new(TrailmapApp::new(config)))
        }),
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
        let ctx = ui.ctx().clone();
        crate::storage::log_frame_causes(|| {
            let causes: Vec<String> = ctx
                .repaint_causes()
                .iter()
                .map(|c| format!("{}:{}", c.file, c.line))
                .collect();
            causes.join(" ")
        });
        if crate::storage::exit_after_first_frame() {
            std::process::exit(0);
        }
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        self.before_exit();
    }
}

impl TrailmapApp {
    /// The app's state for `config`: frameworks loaded, leftover temporary
    /// files cleaned, recovery files offered, and the first plan opened.
    pub fn new(config: AppConfig) -> Self {
        let views = Views::new(&config.prefs);
        let mut jobs = Jobs::new(config.native_dialogs, config.background_threads);
        jobs.repaint_ctx = config.context.clone();
        let mut app = Self {
            shell: Shell {
                replica: storage::replica(&config.data),
                instance: storage::Instance::claim(&config.data),
                data: config.data,
                prefs_saved: config.prefs.clone(),
                window_size_written: config.prefs.window_size,
                prefs: config.prefs,
                fixed_today: config.today,
                status: None,
            },
            document: DocumentState::new(config.recovery_interval),
            views,
            jobs,
            window: Window {
                system_fonts_pending: config.system_fonts,
                ..Window::default()
            },
            dialogs: Dialogs::default(),
        };
        app.start(config.plan, config.framework_file);
        app
    }

    /// What waits until the first frame is on screen, since on two cores
    /// it made that frame later: the start's reading and the system's fonts
    /// (egui lists them on a thread once they are added). Called from the
    /// second frame on; each is let go once.
    fn after_first_frame(&mut self, ctx: &egui::Context) {
        if let Some(go) = self.jobs.startup_go.take() {
            let _ = go.send(());
        }
        if std::mem::take(&mut self.window.system_fonts_pending) {
            ctx.add_font_provider(Arc::new(egui_system_font_provider::SystemFontProvider::new()));
        }
    }

    /// Today's date (fixed in tests).
    pub fn today(&self) -> Date {
        self.shell.today()
    }

    /// The date and time stamped on session notes (on the fixed date in tests).
    pub fn now(&self) -> jiff::civil::DateTime {
        let now = crate::clock::now();
        match self.shell.fixed_today {
            Some(day) => day.to_datetime(now.time()),
            None => now,
        }
    }

    /// The entries the library panel shows.
    pub fn library_entries(&self) -> &[LibraryEntry] {
        &self.jobs.library.entries
    }

    /// Whether the library is being read.
    pub fn library_scanning(&self) -> bool {
        self.jobs.library.scan.is_some()
    }

    /// The page showing.
    pub fn page_kind(&self) -> PageKind {
        match self.document.page {
            Page::Welcome => PageKind::Welcome,
            Page::Loading => PageKind::Loading,
            Page::Plan(_) => PageKind::Plan,
            Page::Error(_) => PageKind::Error,
        }
    }

    /// The open plan, if any.
    pub fn open_plan(&self) -> Option<&OpenPlan> {
        self.document.open_plan()
    }

    /// The error page's failure, if showing.
    pub fn load_failure(&self) -> Option<&LoadFailure> {
        match &self.document.page {
            Page::Error(failure) => Some(failure),
            _ => None,
        }
    }

    /// The open dialog, if any.
    pub fn dialog_kind(&self) -> Option<DialogKind> {
        self.dialogs.current.as_ref().map(Dialog::kind)
    }

    /// The status bar message.
    pub fn status(&self) -> Option<&Status> {
        self.shell.status.as_ref()
    }

    /// The preferences (saved in eframe's storage on exit).
    pub fn prefs(&self) -> &Prefs {
        &self.shell.prefs
    }

    /// The window title.
    pub fn title(&self) -> &str {
        &self.window.title
    }

    /// The tab showing.
    pub fn tab(&self) -> Tab {
        self.views.tab
    }

    /// Whether presentation mode is on.
    pub fn is_presenting(&self) -> bool {
        self.window.is_presenting()
    }

    /// Whether the app has decided to quit (the window closes next).
    pub fn quit_requested(&self) -> bool {
        self.window.quit_requested
    }

    /// Draws one frame and handles its input. The eframe `ui` calls this; tests
    /// drive it through egui_kittest.
    pub fn ui_root(&mut self, ui: &mut Ui) {
        let ctx = ui.ctx().clone();
        if !self.window.style_applied {
            self.jobs.repaint_ctx = Some(ctx.clone());
            crate::ui::theme::apply_style(&ctx);
            ctx.set_theme(self.shell.prefs.theme.preference());
            self.window.style_applied = true;
        }
        // Frames, not passes: egui may run a frame's UI twice, and the first
        // frame is on screen only once it has ended. It is the window's
        // layout alone, however quick the start's reading was.
        if ctx.cumulative_frame_nr() == 0 {
            if self.jobs.startup.is_some() || self.window.system_fonts_pending {
                ctx.request_repaint();
            }
        } else {
            self.after_first_frame(&ctx);
            self.poll_startup();
        }
        self.poll_browse();
        self.poll_chart_image();
        self.poll_library();
        self.handle_dropped_files(&ctx);
        self.handle_shortcuts(&ctx);
        self.handle_close_request(&ctx);
        // Back in focus: a sync tool may have left conflict copies meanwhile.
        let focused = ctx.input(|i| i.viewport().focused.unwrap_or(true));
        // Not on the first frame: opening the plan has just merged them.
        if focused && self.window.focused == Some(false) {
            self.merge_sync_copies();
        }
        self.window.focused = Some(focused);

        let mut edits = Edits::default();
        egui::Panel::top("menu-bar").show(ui, |ui| self.menu_bar_ui(ui));
        egui::Panel::bottom("status-bar").show(ui, |ui| self.status_bar_ui(ui));
        // The library panel and the start page ("Your plans") list the plans
        // folder.
        let welcome = matches!(self.document.page, Page::Welcome);
        if (self.shell.prefs.library_open || welcome) && !self.window.is_presenting() {
            self.refresh_library_if_stale();
            egui::Panel::left("library")
                .resizable(true)
                .default_size(300.0)
                .min_size(220.0)
                .show(ui, |ui| self.library_ui(ui));
        }
        if matches!(self.document.page, Page::Plan(_)) {
            egui::Panel::top("plan-header").show(ui, |ui| self.header_ui(ui, &mut edits));
            if self.session_bar_shown() {
                egui::Panel::top("session-bar").show(ui, |ui| self.session_bar_ui(ui));
            }
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
        self.update_window(&ctx);
        self.autosave_recovery(&ctx);
        if let Some(rect) = ctx.input(|i| i.viewport().inner_rect) {
            // Remembered with the next write of the preferences (or at exit).
            self.shell.prefs_saved.window_size = Some([rect.width(), rect.height()]);
            self.shell.prefs.window_size = self.shell.prefs_saved.window_size;
        }
        if self.shell.prefs != self.shell.prefs_saved {
            self.save_prefs();
        }
    }

    /// What is left to do as the window closes: write the preferences if
    /// anything in them, the window size included, changed since they were
    /// last written. Nothing else: a write is a flush to disk, and while it
    /// runs the closing window can show black.
    pub fn before_exit(&mut self) {
        let changed = self.shell.prefs != self.shell.prefs_saved
            || self.shell.prefs.window_size != self.shell.window_size_written;
        if changed {
            self.save_prefs();
        }
    }

    /// Writes the preferences, keeping recent files another window added
    /// since (see `Prefs::merged_with`).
    fn save_prefs(&mut self) {
        let ours = self.shell.prefs.clone();
        let base = self.shell.prefs_saved.clone();
        let written = std::cell::RefCell::new(None);
        let result = storage::update_prefs(&self.shell.data, &|disk| {
            let merged = ours.merged_with(&base, disk);
            let text = merged.to_text();
            *written.borrow_mut() = Some(merged);
            text
        });
        if let Some(merged) = written.into_inner() {
            if result.is_ok() {
                self.shell.prefs.recent = merged.recent.clone();
                self.shell.window_size_written = self.shell.prefs.window_size;
            }
            self.shell.prefs_saved = self.shell.prefs.clone();
        }
        if let Err(e) = result {
            log::warn!("could not save the preferences: {e}");
        }
    }

    /// The menu bar: File, Edit, View, Help.
    fn menu_bar_ui(&mut self, ui: &mut Ui) {
        let has_plan = matches!(self.document.page, Page::Plan(_));
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| {
                self.menu_item(ui, UiCommand::New, true);
                self.menu_item(ui, UiCommand::Open, true);
                self.menu_item(ui, UiCommand::OpenCopy, true);
                ui.menu_button("Open recent", |ui| {
                    if self.shell.prefs.recent.is_empty() {
                        ui.label(RichText::new("No recent plans").weak());
                    }
                    // While presenting, by name: the folders stay off the screen.
                    let presenting = self.is_presenting();
                    for path in self.shell.prefs.recent.clone() {
                        let label = match path.file_name() {
                            Some(name) if presenting => name.to_string_lossy().into_owned(),
                            _ => path.display().to_string(),
                        };
                        if ui.button(label).clicked() {
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
                self.menu_item(ui, UiCommand::ShareWithMentor, has_plan);
                self.menu_item(ui, UiCommand::ShareWithMentee, has_plan);
                self.menu_item(ui, UiCommand::MergeIn, has_plan);
                let conflicts = self.has_conflicts();
                self.menu_item(ui, UiCommand::SettleConflicts, conflicts);
                ui.separator();
                ui.menu_button("Framework", |ui| {
                    self.menu_item(ui, UiCommand::ChooseFramework, true);
                    self.menu_item(ui, UiCommand::ImportLadder, true);
                });
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
                let library = self.shell.prefs.library_open;
                self.menu_toggle(ui, UiCommand::ToggleLibrary, library, true);
                let mentor = self.mentor_visible();
                self.menu_toggle(ui, UiCommand::ToggleMentor, mentor, has_plan);
                let presenting = self.is_presenting();
                self.menu_toggle(ui, UiCommand::TogglePresentation, presenting, true);
                ui.separator();
                ui.menu_button("Theme", |ui| {
                    for choice in ThemeChoice::ALL {
                        if ui
                            .radio(self.shell.prefs.theme == choice, choice.label())
                            .clicked()
                        {
                            self.shell.prefs.theme = choice;
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

    /// A menu entry for `command`.
    fn menu_item(&mut self, ui: &mut Ui, command: UiCommand, enabled: bool) {
        self.menu_entry(ui, command, None, enabled);
    }

    /// A menu entry for `command` that shows whether it is `on`.
    fn menu_toggle(&mut self, ui: &mut Ui, command: UiCommand, on: bool, enabled: bool) {
        self.menu_entry(ui, command, Some(on), enabled);
    }

    /// A menu entry for `command` with its shortcut; `selected` makes it a
    /// toggle: a check mark before its name while it is on (a blank of the
    /// same width while off, so the names line up), and a check box for
    /// assistive technology.
    fn menu_entry(&mut self, ui: &mut Ui, command: UiCommand, selected: Option<bool>, enabled: bool) {
        let mut button = match selected {
            Some(on) => {
                let mark = RichText::new("✔");
                let mark = if on {
                    mark
                } else {
                    mark.color(egui::Color32::TRANSPARENT)
                };
                egui::Button::new((mark, command.label()))
            }
            None => egui::Button::new(command.label()),
        };
        if let Some(shortcut) = command.shortcut() {
            button = button.shortcut_text(ui.ctx().format_shortcut(&shortcut));
        }
        let response = ui.add_enabled(enabled, button);
        if let Some(on) = selected {
            response.widget_info(|| {
                egui::WidgetInfo::selected(egui::Role::MenuItemCheckBox, enabled, on, command.label())
            });
        }
        if response.on_hover_text(command.tooltip()).clicked() {
            self.run_command(command);
            ui.close();
        }
    }

    /// The library panel: the plans in the plans folder.
    fn library_ui(&mut self, ui: &mut Ui) {
        let open = self.open_plan().and_then(|o| o.path.clone());
        let folder = self.shell.data.plans();
        let scanning = self.jobs.library.scan.is_some();
        match self.views.library.ui(
            ui,
            &self.jobs.library.entries,
            scanning,
            open.as_deref(),
            &folder,
            || self.shell.today(),
        ) {
            Some(LibraryAction::Open(path)) => self.request_open_path(path),
            Some(LibraryAction::Refresh) => self.jobs.library.stale = true,
            None => {}
        }
    }
}

#[cfg(test)]
mod icon_tests {
    #[test]
    fn the_window_icon_is_our_own() {
        let icon = super::window_icon();
        assert_eq!((icon.width, icon.height), (128, 128));
        assert_eq!(icon.rgba.len(), 128 * 128 * 4);
        // Not blank: the trail's colours are in it.
        assert!(
            icon.rgba
                .chunks(4)
                .any(|p| p[3] == 255 && p[0] > 200 && p[1] > 150 && p[2] < 100),
            "the flag"
        );
    }
}
