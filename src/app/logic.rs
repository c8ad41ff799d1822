//! The shell: routes `UiCommand`s and the views' edits, guards unsaved
//! changes, and handles shortcuts, dropped files and the close button.
//! The open plan's file is `document.rs`, its recovery copies
//! `recovery.rs`, background work `jobs.rs`, the title and zoom
//! `presentation.rs`, the views `views.rs`, the dialogs `dialogs/`.

use std::path::PathBuf;
use std::time::Instant;

use super::dialogs::{Dialog, PathForm, PathPurpose, Pending};
use super::presentation::ZoomRequest;
use super::{Page, Status, TrailmapApp, UiCommand};
use crate::model::Document;
use crate::ui::Edits;
use crate::ui::error_page::ErrorAction;
use crate::ui::welcome::WelcomeAction;

impl TrailmapApp {
    /// Shows `text` in the status bar.
    pub(super) fn set_status(&mut self, text: impl Into<String>) {
        self.shell.status = Some(Status {
            text: text.into(),
            is_error: false,
        });
    }

    /// Shows `text` in the status bar as a problem.
    pub(super) fn set_error(&mut self, text: impl Into<String>) {
        self.shell.status = Some(Status {
            text: text.into(),
            is_error: true,
        });
    }

    /// Whether the open plan has unsaved changes.
    pub(super) fn is_dirty(&self) -> bool {
        self.open_plan().is_some_and(|open| open.doc.is_dirty())
    }

    /// Runs an app-level command, as a menu entry or shortcut would.
    pub fn run_command(&mut self, command: UiCommand) {
        match command {
            UiCommand::New => self.guard(Pending::New),
            UiCommand::Open => self.guard(Pending::Open),
            UiCommand::OpenCopy => self.guard(Pending::OpenCopy),
            UiCommand::Save => {
                self.save();
            }
            UiCommand::SaveAs => self.show_save_as(),
            UiCommand::Export => {
                if let Some(open) = self.open_plan() {
                    let stem = open.path.as_ref().and_then(|p| p.file_stem()).map_or_else(
                        || crate::model::slug(&open.doc.plan().person.name),
                        |s| s.to_string_lossy().into_owned(),
                    );
                    self.dialogs.current = Some(Dialog::Export(super::dialogs::ExportForm::new(
                        &self.exports_dir(),
                        &stem,
                    )));
                }
            }
            UiCommand::ChooseFramework => {
                let path = self
                    .shell
                    .prefs
                    .framework_file
                    .as_ref()
                    .map(|p| p.display().to_string())
                    .unwrap_or_default();
                self.dialogs.current = Some(Dialog::Path(PathForm::new(PathPurpose::Framework, path)));
            }
            UiCommand::ImportLadder => {
                self.dialogs.current = Some(Dialog::Path(PathForm::new(PathPurpose::Ladder, String::new())));
            }
            UiCommand::Close => self.guard(Pending::Close),
            UiCommand::Quit => self.guard(Pending::Quit),
            UiCommand::Undo => self.with_doc(|doc| {
                doc.undo();
            }),
            UiCommand::Redo => self.with_doc(|doc| {
                doc.redo();
            }),
            UiCommand::ShowTab(tab) => {
                if self.open_plan().is_some() {
                    self.views.tab = tab;
                    self.shell.prefs.tab = tab;
                }
            }
            UiCommand::ToggleMentor => self.views.basis.show_mentor = Some(!self.mentor_visible()),
            UiCommand::ToggleLibrary => {
                self.shell.prefs.library_open = !self.shell.prefs.library_open;
                self.jobs.library.stale = true;
            }
            UiCommand::TogglePresentation => {
                let zoom = self
                    .jobs
                    .repaint_ctx
                    .as_ref()
                    .map_or(1.0, egui::Context::zoom_factor);
                self.window.toggle_presentation(zoom);
            }
            UiCommand::ZoomIn => self.window.pending_zoom = Some(ZoomRequest::Step(1.1)),
            UiCommand::ZoomOut => self.window.pending_zoom = Some(ZoomRequest::Step(1.0 / 1.1)),
            UiCommand::ZoomReset => self.window.pending_zoom = Some(ZoomRequest::Set(1.0)),
            UiCommand::About => self.dialogs.current = Some(Dialog::About),
            UiCommand::ShareWithMentor => self.show_share(crate::model::Side::Mentor),
            UiCommand::ShareWithMentee => self.show_share(crate::model::Side::Mentee),
            UiCommand::MergeIn => {
                if self.open_plan().is_some() {
                    self.dialogs.current =
                        Some(Dialog::Path(PathForm::new(PathPurpose::MergeIn, String::new())));
                }
            }
            UiCommand::SettleConflicts => self.show_conflicts(),
        }
    }

    /// Runs `f` on the open plan's document, if a plan is open.
    pub(super) fn with_doc(&mut self, f: impl FnOnce(&mut Document)) {
        if let Some(open) = self.document.open_plan_mut() {
            open.doc.set_now(crate::clock::unix_millis());
            f(&mut open.doc);
        }
    }

    /// Does `pending` now, or first asks to save unsaved changes.
    pub(super) fn guard(&mut self, pending: Pending) {
        let needs_plan_closed = !matches!(pending, Pending::Open | Pending::OpenCopy | Pending::New);
        if self.is_dirty() && needs_plan_closed {
            self.dialogs.current = Some(Dialog::Unsaved(pending));
        } else {
            self.proceed(pending);
        }
    }

    /// Carries out `pending` (unsaved changes have been dealt with).
    pub(super) fn proceed(&mut self, pending: Pending) {
        match pending {
            Pending::New => {
                let frameworks = self.document.catalog.all().cloned().collect();
                let form = super::dialogs::NewPlanForm::new(
                    frameworks,
                    self.document.installed_framework.as_deref(),
                );
                self.dialogs.current = Some(Dialog::NewPlan(form));
            }
            Pending::Open => {
                let dir = self.shell.data.plans().display().to_string() + "/";
                self.dialogs.current = Some(Dialog::Path(PathForm::new(PathPurpose::Open, dir)));
            }
            Pending::OpenCopy => {
                self.dialogs.current = Some(Dialog::Path(PathForm::new(PathPurpose::OpenCopy, String::new())))
            }
            Pending::OpenPath(path) => self.open_path(&path),
            Pending::OpenCopyOf(path) => self.open_copy(&path),
            Pending::Example(n) => self.open_example(n),
            Pending::Create(plan) => self.open_new(*plan),
            Pending::Restore(path, recovery) => self.restore(&path, *recovery),
            Pending::Close => {
                self.discard_current_recovery();
                self.document.page = Page::Welcome;
                self.shell.prefs.last_plan = None;
            }
            Pending::Quit => {
                self.discard_current_recovery();
                self.window.quit_requested = true;
                self.window.allow_close = true;
            }
        }
    }

    /// Does what was chosen on the start page.
    pub(super) fn welcome_action(&mut self, action: WelcomeAction) {
        match action {
            WelcomeAction::New => self.run_command(UiCommand::New),
            WelcomeAction::Open => self.run_command(UiCommand::Open),
            WelcomeAction::Example(n) => self.open_example(n),
            WelcomeAction::Recent(path) => self.open_path(&path),
        }
    }

    /// Does what was chosen on the error page.
    pub(super) fn error_action(&mut self, action: ErrorAction) {
        match action {
            ErrorAction::Retry => {
                if let Some(path) = self.load_failure().map(|f| f.path.clone()) {
                    self.open_path(&path);
                }
            }
            ErrorAction::OpenAnother => self.run_command(UiCommand::Open),
            ErrorAction::Back => {
                self.document.page = Page::Welcome;
                self.shell.prefs.last_plan = None;
            }
        }
    }

    /// Applies `command` to the open plan as a view's edit would be (through
    /// [`Self::apply_edits`]): for scripted use and tests, which then need no
    /// widget to click.
    pub fn apply(&mut self, command: crate::model::Command) {
        let mut edits = Edits::default();
        edits.push(command);
        self.apply_edits(edits);
    }

    /// Applies the views' edits to the document: the one place plans change.
    pub(super) fn apply_edits(&mut self, mut edits: Edits) {
        let now = Instant::now();
        let Page::Plan(open) = &mut self.document.page else {
            return;
        };
        let list = edits.take();
        if list.iter().all(|e| e.typing.is_none())
            && self
                .document
                .last_typing
                .is_some_and(|t| now.duration_since(t).as_secs_f32() > 1.5)
        {
            open.doc.seal();
            self.document.last_typing = None;
        }
        open.doc.set_now(crate::clock::unix_millis());
        let mut error = None;
        for edit in list {
            let result = match &edit.typing {
                Some(key) => {
                    self.document.last_typing = Some(now);
                    open.doc.apply_typing(edit.command, key)
                }
                None => open.doc.apply(edit.command),
            };
            if let Err(e) = result {
                error = Some(e.to_string());
            }
        }
        if let Some(e) = error {
            self.set_error(format!("That change could not be made: {e}"));
        }
    }

    /// Opens a plan file dropped on the window.
    pub(super) fn handle_dropped_files(&mut self, ctx: &egui::Context) {
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .collect()
        });
        if let Some(path) = dropped.into_iter().next() {
            self.request_open_path(path);
        }
    }

    /// Runs the command whose shortcut was pressed (none while a dialog is open).
    pub(super) fn handle_shortcuts(&mut self, ctx: &egui::Context) {
        if self.dialogs.current.is_some() {
            return;
        }
        let mut fired = None;
        ctx.input_mut(|input| {
            for command in UiCommand::with_shortcuts() {
                let shortcuts = command
                    .shortcut()
                    .into_iter()
                    .chain(command.alternative_shortcut());
                for shortcut in shortcuts {
                    if fired.is_none() && input.consume_shortcut(&shortcut) {
                        fired = Some(command);
                    }
                }
            }
        });
        if let Some(command) = fired {
            self.run_command(command);
        }
    }

    /// Lets the window close, or first asks about unsaved changes.
    pub(super) fn handle_close_request(&mut self, ctx: &egui::Context) {
        if ctx.input(|i| i.viewport().close_requested()) && !self.window.allow_close {
            if self.is_dirty() {
                ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
                self.dialogs.current = Some(Dialog::Unsaved(Pending::Quit));
            } else {
                self.window.allow_close = true;
                // Gone from the screen at once: what is left to do (the
                // preferences, if they changed) must not leave a dead
                // window showing while it is written.
                ctx.send_viewport_cmd(egui::ViewportCommand::Visible(false));
            }
        }
    }
}
