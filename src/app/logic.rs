//! What the app does, apart from drawing: commands, files, recovery.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use super::dialogs::{Dialog, PathForm, PathPurpose, Pending};
use super::{OpenPlan, Page, Status, TrailmapApp, UiCommand, ZoomRequest};
use crate::model::{Document, Framework, Plan, RoleId};
use crate::storage::{self, Recovery};
use crate::ui::error_page::{ErrorAction, LoadFailure};
use crate::ui::welcome::{EXAMPLES, WelcomeAction};
use crate::ui::{Edits, Tab};

/// `title` as the window system may show it: control characters (NUL among
/// them) replaced by U+FFFD, and at most 200 characters.
pub fn window_title_text(title: &str) -> String {
    const LIMIT: usize = 200;
    let mut out: String = title
        .chars()
        .take(LIMIT)
        .map(|c| if c.is_control() { '\u{fffd}' } else { c })
        .collect();
    if title.chars().nth(LIMIT).is_some() {
        out.push('…');
    }
    out
}

/// A key unique to this run, for recovery files of plans never saved.
pub(super) fn untitled_key() -> String {
    let nanos = crate::clock::unix_nanos();
    format!("{}-{nanos}", std::process::id())
}

impl TrailmapApp {
    pub(super) fn start(&mut self, plan: Option<PathBuf>, framework_file: Option<PathBuf>) {
        let _ = storage::ensure_dir(&self.data.plans());
        // Leftovers of saves killed part-way, wherever Trailmap writes.
        for dir in [
            self.data.plans(),
            self.data.root().to_path_buf(),
            self.data.recovery(),
            self.data.frameworks(),
        ] {
            storage::clean_temp_files(&dir);
        }
        let data = self.data.clone();
        storage::Instance::clean_ended(&self.data, &|id| storage::has_recoveries_of(&data, id));
        let (catalog, errors) = storage::FrameworkCatalog::load(&self.data.frameworks());
        self.catalog = catalog;
        self.framework_errors = errors.iter().map(ToString::to_string).collect();
        for file in framework_file
            .iter()
            .chain(self.prefs.framework_file.clone().iter())
        {
            match storage::load_framework(file) {
                Ok(framework) => {
                    self.installed_framework = Some(framework.id.clone());
                    self.catalog.add(framework);
                }
                Err(e) => self.framework_errors.push(e.to_string()),
            }
        }
        if let Some(first) = self.framework_errors.first() {
            self.set_error(format!("A framework could not be loaded: {first}"));
        }
        let recoveries: Vec<_> = storage::list_recoveries(&self.data)
            .into_iter()
            .filter_map(|(path, r)| r.ok().map(|r| (path, r)))
            .collect();
        let start_plan = plan.or_else(|| self.prefs.last_plan.clone().filter(|p| p.is_file()));
        if let Some(path) = start_plan {
            self.open_path(&path);
        }
        if !recoveries.is_empty() {
            self.dialog = Some(Dialog::Recovery(recoveries));
        }
    }

    pub(super) fn set_status(&mut self, text: impl Into<String>) {
        self.status = Some(Status {
            text: text.into(),
            is_error: false,
        });
    }

    pub(super) fn set_error(&mut self, text: impl Into<String>) {
        self.status = Some(Status {
            text: text.into(),
            is_error: true,
        });
    }

    fn is_dirty(&self) -> bool {
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
                    self.dialog = Some(Dialog::Export(super::dialogs::ExportForm::new(
                        &self.exports_dir(),
                        &stem,
                    )));
                }
            }
            UiCommand::ChooseFramework => {
                let path = self
                    .prefs
                    .framework_file
                    .as_ref()
                    .map(|p| p.display().to_string())
                    .unwrap_or_default();
                self.dialog = Some(Dialog::Path(PathForm::new(PathPurpose::Framework, path)));
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
                    self.tab = tab;
                    self.prefs.tab = tab;
                }
            }
            UiCommand::ToggleMentor => self.show_mentor = Some(!self.mentor_visible()),
            UiCommand::ToggleLibrary => {
                self.prefs.library_open = !self.prefs.library_open;
                self.library_stale = true;
            }
            UiCommand::TogglePresentation => {
                self.pending_zoom = Some(match self.presenting.take() {
                    Some(zoom_before) => ZoomRequest::Set(zoom_before),
                    None => {
                        // Presenting from this very frame on (private notes
                        // hidden at once), remembering the zoom to go back to.
                        let current = self.repaint_ctx.as_ref().map_or(1.0, egui::Context::zoom_factor);
                        self.presenting = Some(current);
                        ZoomRequest::Set(current * 1.3)
                    }
                });
            }
            UiCommand::ZoomIn => self.pending_zoom = Some(ZoomRequest::Step(1.1)),
            UiCommand::ZoomOut => self.pending_zoom = Some(ZoomRequest::Step(1.0 / 1.1)),
            UiCommand::ZoomReset => self.pending_zoom = Some(ZoomRequest::Set(1.0)),
            UiCommand::About => self.dialog = Some(Dialog::About),
        }
    }

    fn with_doc(&mut self, f: impl FnOnce(&mut Document)) {
        if let Page::Plan(open) = &mut self.page {
            f(&mut open.doc);
        }
    }

    /// Does `pending` now, or first asks to save unsaved changes.
    pub(super) fn guard(&mut self, pending: Pending) {
        let needs_plan_closed = !matches!(pending, Pending::Open | Pending::OpenCopy | Pending::New);
        if self.is_dirty() && needs_plan_closed {
            self.dialog = Some(Dialog::Unsaved(pending));
        } else {
            self.proceed(pending);
        }
    }

    /// Carries out `pending` (unsaved changes have been dealt with).
    pub(super) fn proceed(&mut self, pending: Pending) {
        match pending {
            Pending::New => {
                let frameworks = self.catalog.all().cloned().collect();
                let form = super::dialogs::NewPlanForm::new(frameworks, self.installed_framework.as_deref());
                self.dialog = Some(Dialog::NewPlan(form));
            }
            Pending::Open => {
                let dir = self.data.plans().display().to_string() + "/";
                self.dialog = Some(Dialog::Path(PathForm::new(PathPurpose::Open, dir)));
            }
            Pending::OpenCopy => {
                self.dialog = Some(Dialog::Path(PathForm::new(PathPurpose::OpenCopy, String::new())))
            }
            Pending::OpenPath(path) => self.open_path(&path),
            Pending::OpenCopyOf(path) => self.open_copy(&path),
            Pending::Example(n) => self.open_example(n),
            Pending::Create(plan) => self.open_new(*plan),
            Pending::Restore(path, recovery) => self.restore(&path, *recovery),
            Pending::Close => {
                self.discard_current_recovery();
                self.page = Page::Welcome;
                self.prefs.last_plan = None;
            }
            Pending::Quit => {
                self.discard_current_recovery();
                self.quit_requested = true;
                self.allow_close = true;
            }
        }
    }

    /// Opens `path`, asking first if there are unsaved changes.
    pub fn request_open_path(&mut self, path: PathBuf) {
        if self.is_dirty() {
            self.dialog = Some(Dialog::Unsaved(Pending::OpenPath(path)));
        } else {
            self.open_path(&path);
        }
    }

    /// Opens the plan at `path` now. On failure shows the error page; the file
    /// is never written.
    pub fn open_path(&mut self, path: &Path) {
        let path = &storage::canonical(path);
        storage::clean_temp_files(path.parent().unwrap_or(Path::new(".")));
        match storage::load_plan(path, &self.catalog) {
            Ok(loaded) => {
                let newer = loaded.newer_format;
                let (lock, held_elsewhere) = self.lock_plan(path);
                self.page = Page::Plan(Box::new(OpenPlan {
                    path: Some(path.to_path_buf()),
                    fingerprint: Some(loaded.fingerprint),
                    newer_format: newer,
                    lock,
                    held_elsewhere,
                    ..OpenPlan::new(Document::new(loaded.plan), loaded.framework)
                }));
                self.prefs.add_recent(path);
                self.prefs.last_plan = Some(path.to_path_buf());
                self.after_open();
                match newer {
                    Some(v) => self.set_status(format!(
                        "Opened read-only: the file comes from a newer Trailmap (format {v}). Save as… keeps a copy."
                    )),
                    None if held_elsewhere => self.set_status(
                        "Opened read-only: this plan is open in another Trailmap window. Save as… keeps a copy.",
                    ),
                    None if self.open_plan().is_some_and(|o| o.lock.is_none()) => self.set_error(format!(
                        "Opened {}, but no lock could be taken: another window could write it too",
                        path.display()
                    )),
                    None => self.set_status(format!("Opened {}", path.display())),
                }
            }
            Err(error) => {
                let text = storage::read_lossy(path);
                self.page = Page::Error(LoadFailure::new(&error, text.as_deref()));
                self.set_error(format!("Could not open {}", path.display()));
            }
        }
    }

    /// Takes this window's lock on the plan at `path`, first letting go of
    /// the lock of the plan open now (it is being replaced). Returns the lock
    /// (none where the data folder cannot hold one) and whether another
    /// window holds it.
    fn lock_plan(&mut self, path: &Path) -> (Option<storage::PlanLock>, bool) {
        if let Page::Plan(open) = &mut self.page {
            open.lock = None;
        }
        match storage::PlanLock::acquire(&self.data, path) {
            Ok(lock) => (lock, false),
            Err(_) => (None, true),
        }
    }

    fn after_open(&mut self) {
        self.derived = crate::ui::Derived::default();
        self.checklist.selected = None;
        self.last_recovery_write = None;
    }

    /// Opens a new, never-saved plan.
    fn open_new(&mut self, plan: Plan) {
        let framework = self.framework_for(&plan);
        self.page = Page::Plan(Box::new(OpenPlan::new(Document::new_unsaved(plan), framework)));
        self.after_open();
        self.tab = Tab::Skills;
        self.set_status("New plan: rate yourself on each skill, then save it (Ctrl+S)");
    }

    fn framework_for(&self, plan: &Plan) -> Arc<Framework> {
        self.catalog
            .get(&plan.framework.id)
            .unwrap_or_else(storage::builtin)
    }

    /// A free path in the plans folder for a file called `name`.
    fn free_plan_path(&self, name: &str) -> PathBuf {
        let dir = self.data.plans();
        let stem = name.trim_end_matches(".ron");
        let mut candidate = dir.join(format!("{stem}.ron"));
        let mut n = 2;
        while candidate.exists() {
            candidate = dir.join(format!("{stem}-{n}.ron"));
            n += 1;
        }
        candidate
    }

    /// Copies example `n` into the plans folder and opens the copy.
    pub fn open_example(&mut self, n: usize) {
        let Some(example) = EXAMPLES.get(n) else { return };
        let path = self.free_plan_path(example.file_name);
        match storage::ensure_dir(&self.data.plans())
            .and_then(|()| storage::write_plan_text(&path, example.text))
        {
            Ok(()) => self.open_path(&path),
            Err(e) => self.set_error(format!("Could not copy the example: {e}")),
        }
    }

    /// Opens a plan received from someone else as a copy in the plans folder;
    /// the received file is only read.
    pub fn open_copy(&mut self, from: &Path) {
        let loaded = match storage::load_plan(from, &self.catalog) {
            Ok(loaded) => loaded,
            Err(error) => {
                let text = storage::read_lossy(from);
                self.page = Page::Error(LoadFailure::new(&error, text.as_deref()));
                return;
            }
        };
        let name = from
            .file_stem()
            .map_or_else(|| "plan".to_owned(), |s| s.to_string_lossy().into_owned());
        let path = self.free_plan_path(&format!("{name}-copy"));
        let result = storage::ensure_dir(&self.data.plans())
            .and_then(|()| storage::save_plan(&path, &loaded.plan, None));
        match result {
            Ok(_) => {
                self.open_path(&path);
                self.set_status(format!(
                    "Opened a copy of {} as {}",
                    from.display(),
                    path.display()
                ));
            }
            Err(e) => self.set_error(format!("Could not make the copy: {e}")),
        }
    }

    fn show_save_as(&mut self) {
        let Some(open) = self.open_plan() else { return };
        let suggestion = match &open.path {
            Some(p) if open.newer_format.is_none() => p.display().to_string(),
            _ => {
                let name = crate::model::slug(&open.doc.plan().person.name);
                self.free_plan_path(&name).display().to_string()
            }
        };
        self.dialog = Some(Dialog::Path(PathForm::new(PathPurpose::SaveAs, suggestion)));
    }

    /// Saves the plan to its file; with no file yet (or a newer-format file),
    /// asks where. Returns whether it was saved.
    pub fn save(&mut self) -> bool {
        let Some(open) = self.open_plan() else {
            return false;
        };
        let (Some(path), None, false) = (open.path.clone(), open.newer_format, open.held_elsewhere) else {
            self.show_save_as();
            return false;
        };
        let expected = open.fingerprint;
        self.save_to(&path, expected)
    }

    /// Saves to `path`. `expected` is what the file should still hold; a
    /// different file on disk opens the "changed on disk" dialog.
    pub(super) fn save_to(&mut self, path: &Path, expected: Option<storage::Fingerprint>) -> bool {
        let path = &storage::canonical(path);
        let Some(open) = self.open_plan() else {
            return false;
        };
        // Only the window holding a plan's lock writes it.
        let holds = open
            .lock
            .as_ref()
            .is_some_and(|l| l.plan() == storage::PlanLock::key(path));
        let new_lock = if holds {
            None
        } else {
            match storage::PlanLock::acquire(&self.data, path) {
                Ok(lock) => lock,
                Err(e) => {
                    let message = e.to_string();
                    self.set_error(format!("Not saved: {message}"));
                    self.dialog = Some(Dialog::SaveFailed(message));
                    return false;
                }
            }
        };
        let Some(open) = self.open_plan() else {
            return false;
        };
        let old_recovery = self.recovery_path_of(open);
        match storage::save_plan(path, open.doc.plan(), expected) {
            Ok(fingerprint) => {
                let Page::Plan(open) = &mut self.page else {
                    return false;
                };
                open.doc.mark_saved();
                open.fingerprint = Some(fingerprint);
                open.path = Some(path.to_path_buf());
                open.newer_format = None;
                open.recovery_revision = None;
                if !holds {
                    open.lock = new_lock;
                    open.held_elsewhere = false;
                }
                // The save made a new file: lock its identity too.
                if let Some(lock) = open.lock.as_mut() {
                    lock.follow_save();
                }
                let _ = storage::discard_recovery(&old_recovery);
                self.prefs.add_recent(path);
                self.prefs.last_plan = Some(path.to_path_buf());
                self.library_stale = true;
                if let Some(pending) = self.after_save.take() {
                    self.proceed(pending);
                }
                let time = crate::clock::now();
                self.set_status(format!(
                    "Saved {} at {:02}:{:02}",
                    path.display(),
                    time.hour(),
                    time.minute()
                ));
                true
            }
            Err(e) if e.is_changed_on_disk() => {
                self.dialog = Some(Dialog::ChangedOnDisk(path.to_path_buf()));
                false
            }
            Err(e) => {
                let message = e.to_string();
                self.set_error(format!("Not saved: {message}"));
                self.dialog = Some(Dialog::SaveFailed(message));
                false
            }
        }
    }

    /// Reloads the open plan from disk, dropping unsaved changes.
    pub(super) fn reload(&mut self) {
        let Some(path) = self.open_plan().and_then(|o| o.path.clone()) else {
            return;
        };
        self.discard_current_recovery();
        self.open_path(&path);
    }

    pub(super) fn recovery_path_of(&self, open: &OpenPlan) -> PathBuf {
        storage::recovery_path(
            &self.data,
            self.instance.id(),
            open.path.as_deref(),
            &open.untitled_key,
        )
    }

    fn discard_current_recovery(&mut self) {
        if let Some(open) = self.open_plan() {
            let path = self.recovery_path_of(open);
            let _ = storage::discard_recovery(&path);
        }
    }

    /// Restores the plan in a recovery file left by a window that ended.
    /// The file is removed only once this window's own copy holds the edits.
    fn restore(&mut self, file: &Path, recovery: Recovery) {
        let framework = self.framework_for(&recovery.plan);
        // A relative path (written by an earlier version) was relative to a
        // folder no longer known: the edits come back as an unsaved plan
        // rather than aimed at whatever file has that name here.
        let original = recovery.original.clone().filter(|p| p.is_absolute());
        // The edits began from the file as it was then: saving them over a
        // file that changed since asks first.
        let fingerprint = original
            .as_ref()
            .map(|_| recovery.base.unwrap_or(storage::Fingerprint::UNKNOWN));
        let (lock, held_elsewhere) = match &original {
            Some(path) => self.lock_plan(path),
            None => (None, false),
        };
        let mut doc = Document::new(recovery.plan);
        doc.mark_unsaved();
        self.page = Page::Plan(Box::new(OpenPlan {
            path: original.clone(),
            fingerprint,
            lock,
            held_elsewhere,
            ..OpenPlan::new(doc, framework)
        }));
        self.after_open();
        if let Err(e) = self.write_recovery_now() {
            self.set_error(format!(
                "Restored, but the recovery copy {} is kept: {e}",
                file.display()
            ));
            return;
        }
        let _ = storage::discard_recovery(file);
        self.set_status(match original {
            Some(p) if held_elsewhere => format!(
                "Restored unsaved changes to {}, read-only: the plan is open in another window. Save as… keeps them",
                p.display()
            ),
            Some(p) => format!("Restored unsaved changes to {}; save to keep them", p.display()),
            None => "Restored an unsaved plan; save to keep it".to_owned(),
        });
    }

    pub(super) fn welcome_action(&mut self, action: WelcomeAction) {
        match action {
            WelcomeAction::New => self.run_command(UiCommand::New),
            WelcomeAction::Open => self.run_command(UiCommand::Open),
            WelcomeAction::Example(n) => self.open_example(n),
            WelcomeAction::Recent(path) => self.open_path(&path),
        }
    }

    pub(super) fn error_action(&mut self, action: ErrorAction) {
        match action {
            ErrorAction::Retry => {
                if let Some(path) = self.load_failure().map(|f| f.path.clone()) {
                    self.open_path(&path);
                }
            }
            ErrorAction::OpenAnother => self.run_command(UiCommand::Open),
            ErrorAction::Back => {
                self.page = Page::Welcome;
                self.prefs.last_plan = None;
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
        let Page::Plan(open) = &mut self.page else { return };
        let list = edits.take();
        if list.iter().all(|e| e.typing.is_none())
            && self
                .last_typing
                .is_some_and(|t| now.duration_since(t).as_secs_f32() > 1.5)
        {
            open.doc.seal();
            self.last_typing = None;
        }
        let mut error = None;
        for edit in list {
            let result = match &edit.typing {
                Some(key) => {
                    self.last_typing = Some(now);
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

    /// Carries out a zoom asked for this frame (zoom needs the context,
    /// which commands do not have).
    pub(super) fn apply_zoom(&mut self, ctx: &egui::Context) {
        match self.pending_zoom.take() {
            Some(ZoomRequest::Set(zoom)) => ctx.set_zoom_factor(zoom),
            Some(ZoomRequest::Step(step)) => ctx.set_zoom_factor((ctx.zoom_factor() * step).clamp(0.5, 3.0)),
            None => {}
        }
    }

    /// Closes the window once a quit was asked for and allowed.
    pub(super) fn close_if_asked(&self, ctx: &egui::Context) {
        if self.quit_requested && self.allow_close {
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
    }

    pub(super) fn update_title(&mut self, ctx: &egui::Context) {
        let title = match &self.page {
            Page::Plan(open) => {
                let marker = if open.doc.is_dirty() { "● " } else { "" };
                let read_only = if open.held_elsewhere || open.newer_format.is_some() {
                    " [read-only]"
                } else {
                    ""
                };
                let person = &open.doc.plan().person.name;
                if person.is_empty() {
                    format!("{marker}{}{read_only} — Trailmap", open.display_name())
                } else {
                    format!("{marker}{}{read_only} ({person}) — Trailmap", open.display_name())
                }
            }
            Page::Welcome => "Trailmap".to_owned(),
            Page::Error(failure) => format!(
                "{} (could not open) — Trailmap",
                failure
                    .path
                    .file_name()
                    .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
            ),
        };
        // The window system refuses a title with a NUL (winit panics) and
        // may act on other control characters: show them as U+FFFD, and keep
        // a very long name from making a very long title.
        let title = window_title_text(&title);
        if title != self.title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title = title;
        }
    }

    /// Writes the recovery copy every few seconds while there are unsaved
    /// changes. Never repaints by itself when there is nothing to write.
    pub(super) fn autosave_recovery(&mut self, ctx: &egui::Context) {
        let Page::Plan(open) = &self.page else { return };
        if !open.doc.is_dirty() {
            // Undone back to the saved state: a recovery copy would be stale.
            if open.recovery_revision.is_some() {
                let path = self.recovery_path_of(open);
                let _ = storage::discard_recovery(&path);
                if let Page::Plan(open) = &mut self.page {
                    open.recovery_revision = None;
                }
            }
            return;
        }
        if open.recovery_revision == Some(open.doc.revision()) {
            return;
        }
        let due = self
            .last_recovery_write
            .is_none_or(|t| t.elapsed() >= self.recovery_interval);
        if !due {
            let wait = self.recovery_interval.saturating_sub(
                self.last_recovery_write
                    .map_or_else(Default::default, |t| t.elapsed()),
            );
            ctx.request_repaint_after(wait);
            return;
        }
        if let Err(e) = self.write_recovery_now() {
            self.set_error(format!("Could not write the recovery copy: {e}"));
            // Try again after the interval, not only at the next input.
            ctx.request_repaint_after(self.recovery_interval.max(std::time::Duration::from_secs(1)));
        }
    }

    /// Writes this window's recovery copy of the open plan now.
    fn write_recovery_now(&mut self) -> Result<(), storage::StorageError> {
        let Page::Plan(open) = &self.page else {
            return Ok(());
        };
        let path = self.recovery_path_of(open);
        let now = crate::clock::now();
        let recovery = Recovery {
            original: open.path.clone(),
            base: open.fingerprint,
            written_at: format!("{} {:02}:{:02}", now.date(), now.hour(), now.minute()),
            plan: open.doc.plan().clone(),
        };
        let revision = open.doc.revision();
        self.last_recovery_write = Some(Instant::now());
        storage::write_recovery(&path, &recovery)?;
        if let Page::Plan(open) = &mut self.page {
            open.recovery_revision = Some(revision);
        }
        Ok(())
    }

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

    pub(super) fn handle_shortcuts(&mut self, ctx: &egui::Context) {
        if self.dialog.is_some() {
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

    pub(super) fn handle_close_request(&mut self, ctx: &egui::Context) {
        if ctx.input(|i| i.viewport().close_requested()) && !self.allow_close {
            if self.is_dirty() {
                ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
                self.dialog = Some(Dialog::Unsaved(Pending::Quit));
            } else {
                self.allow_close = true;
            }
        }
    }

    pub(super) fn poll_browse(&mut self) {
        while let Ok((purpose, path)) = self.browse_rx.try_recv() {
            self.browsing = false;
            match (path, self.dialog.as_mut()) {
                (Some(path), Some(Dialog::Path(form))) if form.purpose == purpose => {
                    form.path = path.display().to_string();
                    form.error = None;
                }
                (Some(path), Some(Dialog::Export(form))) if purpose == PathPurpose::Export => {
                    form.path = path.display().to_string();
                    form.error = None;
                }
                _ => {}
            }
        }
    }

    /// Opens the native file dialog on a thread; the answer fills the form.
    pub(super) fn browse(&mut self, ctx: &egui::Context, purpose: PathPurpose, start: &str) {
        if !self.native_dialogs || self.browsing {
            return;
        }
        self.browsing = true;
        let tx = self.browse_tx.clone();
        let ctx = ctx.clone();
        let start = PathBuf::from(start);
        let plans = self.data.plans();
        let browse = move || {
            let dir = if start.is_dir() {
                start.clone()
            } else {
                start.parent().map_or(plans.clone(), Path::to_path_buf)
            };
            let dir = if dir.is_dir() { dir } else { plans };
            let dialog = rfd::FileDialog::new().set_directory(&dir);
            let result = match purpose {
                PathPurpose::SaveAs => dialog
                    .add_filter("Trailmap plan", &["ron"])
                    .set_file_name(
                        start
                            .file_name()
                            .map_or_else(String::new, |n| n.to_string_lossy().into_owned()),
                    )
                    .save_file(),
                PathPurpose::Export => dialog.save_file(),
                PathPurpose::ChartImage => dialog.add_filter("PNG image", &["png"]).save_file(),
                PathPurpose::Framework => dialog.add_filter("Trailmap framework", &["ron"]).pick_file(),
                PathPurpose::Open | PathPurpose::OpenCopy => {
                    dialog.add_filter("Trailmap plan", &["ron"]).pick_file()
                }
            };
            let _ = tx.send((purpose, result));
            ctx.request_repaint();
        };
        if std::thread::Builder::new()
            .name("file-dialog".into())
            .spawn(browse)
            .is_err()
        {
            self.browsing = false;
            self.set_error("Could not open the file dialog");
        }
    }

    /// Builds a new plan from the new-plan form.
    pub(super) fn create_plan(
        &mut self,
        name: &str,
        framework: &Framework,
        current: RoleId,
        target: RoleId,
        seed: bool,
    ) {
        let plan = if seed {
            crate::analysis::seeded_plan(name, framework, current, target, self.today())
        } else {
            Plan::new(name, framework, current, target)
        };
        self.guard(Pending::Create(Box::new(plan)));
    }

    /// Handles a path chosen in a path dialog.
    pub(super) fn path_chosen(
        &mut self,
        purpose: PathPurpose,
        path: PathBuf,
        replace: bool,
    ) -> Result<(), String> {
        match purpose {
            PathPurpose::Open => {
                if !path.is_file() {
                    return Err(format!("{}: no such file", path.display()));
                }
                self.request_open_path(path);
            }
            PathPurpose::OpenCopy => {
                if !path.is_file() {
                    return Err(format!("{}: no such file", path.display()));
                }
                self.guard(Pending::OpenCopyOf(path));
            }
            PathPurpose::SaveAs => {
                let path = storage::canonical(&if path.extension().is_none() {
                    path.with_extension("ron")
                } else {
                    path
                });
                let same = self.open_plan().and_then(|o| o.path.as_ref()) == Some(&path);
                if path.exists() && !replace && !same {
                    return Err(format!("{} already exists", path.display()));
                }
                if let Some(dir) = path.parent()
                    && !dir.as_os_str().is_empty()
                    && !dir.is_dir()
                {
                    return Err(format!("{}: no such folder", dir.display()));
                }
                // Save as writes over whatever is there (the user agreed), so
                // no fingerprint check, but the newer-format guard still holds.
                let expected = if same {
                    self.open_plan().and_then(|o| o.fingerprint)
                } else {
                    None
                };
                let old = self.dialog.take();
                if !self.save_to(&path, expected) && self.dialog.is_none() {
                    self.dialog = old;
                    return Err("not saved; see the message below".to_owned());
                }
            }
            PathPurpose::Framework => match storage::install_framework(&path, &self.data.frameworks()) {
                Ok(framework) => {
                    self.set_status(format!(
                        "Installed framework {} ({} skills, {} roles); new plans can use it",
                        framework.id,
                        framework.skills.len(),
                        framework.roles.len()
                    ));
                    self.prefs.framework_file = Some(storage::canonical(&path));
                    self.installed_framework = Some(framework.id.clone());
                    self.catalog.add(framework);
                }
                Err(e) => return Err(e.to_string()),
            },
            PathPurpose::Export => return Err("use the export dialog".to_owned()),
            PathPurpose::ChartImage => {
                let path = storage::canonical(&if path.extension().is_none() {
                    path.with_extension("png")
                } else {
                    path
                });
                if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                    if dir == self.exports_dir() {
                        storage::ensure_dir(dir).map_err(|e| e.to_string())?;
                    } else if !dir.is_dir() {
                        return Err(format!("{}: no such folder", dir.display()));
                    }
                }
                self.pending_chart = Some(path);
            }
        }
        Ok(())
    }

    /// Overwrites the file on disk after a "changed on disk" warning.
    pub(super) fn overwrite(&mut self, path: &Path) {
        self.save_to(path, None);
    }

    /// Reads the plans folder on a thread if the library is out of date; the
    /// cache makes a second read cost only a folder listing.
    pub(super) fn refresh_library_if_stale(&mut self) {
        if !self.library_stale || self.library_scan.is_some() {
            return;
        }
        self.library_stale = false;
        let (tx, rx) = std::sync::mpsc::channel();
        let dir = self.data.plans();
        let root = self.data.root().to_path_buf();
        let catalog = self.catalog.clone();
        let cache = self.library_cache.take();
        let ctx = self.repaint_ctx.clone();
        let work = move || {
            let mut cache = cache.unwrap_or_else(|| storage::LibraryCache::load(&root));
            let entries = storage::scan(&dir, &catalog, &mut cache);
            cache.save(&root);
            let _ = tx.send((entries, cache));
            if let Some(ctx) = ctx {
                ctx.request_repaint();
            }
        };
        if self.background_threads {
            // Named, so a profiler or a crash report says what it was.
            if std::thread::Builder::new()
                .name("library-scan".into())
                .spawn(work)
                .is_err()
            {
                self.set_error("Could not start reading the plan library");
            }
        } else {
            work();
        }
        self.library_scan = Some(rx);
    }

    /// Takes the library entries once the thread has read them.
    pub(super) fn poll_library(&mut self) {
        let Some(rx) = &self.library_scan else { return };
        match rx.try_recv() {
            Ok((entries, cache)) => {
                self.library_entries = entries;
                self.library.entries_changed();
                self.library_cache = Some(cache);
                self.library_scan = None;
            }
            Err(std::sync::mpsc::TryRecvError::Empty) => {}
            Err(std::sync::mpsc::TryRecvError::Disconnected) => self.library_scan = None,
        }
    }

    /// Where exports and chart images go by default: `DATA/exports`.
    pub(super) fn exports_dir(&self) -> PathBuf {
        self.data.root().join("exports")
    }

    /// Writes the export the form describes.
    pub(super) fn export_to(&mut self, form: &super::dialogs::ExportForm) -> Result<(), String> {
        let today = self.today();
        let Some(open) = self.open_plan() else {
            return Err("no plan is open".to_owned());
        };
        let typed = PathBuf::from(form.path.trim());
        if typed.file_name().is_none() {
            return Err("give the export a file name".to_owned());
        }
        let path = storage::canonical(&typed);
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            if dir == self.exports_dir() {
                storage::ensure_dir(dir).map_err(|e| e.to_string())?;
            } else if !dir.is_dir() {
                return Err(format!("{}: no such folder", dir.display()));
            }
        }
        let written = storage::write_report(
            open.doc.plan(),
            &open.framework,
            today,
            form.format,
            form.redact,
            &path,
        )
        .map_err(|e| e.to_string())?;
        let redacted = if form.redact {
            ", private notes left out"
        } else {
            ""
        };
        self.set_status(format!(
            "Exported to {}{redacted}",
            written.last().map_or(path.clone(), Clone::clone).display()
        ));
        Ok(())
    }

    /// Asks for a file for the chart image.
    pub(super) fn ask_chart_image(&mut self) {
        let Some(open) = self.open_plan() else { return };
        let stem = open
            .path
            .as_ref()
            .and_then(|p| p.file_stem())
            .map_or_else(|| "plan".to_owned(), |s| s.to_string_lossy().into_owned());
        let path = self.exports_dir().join(format!("{stem}-radar.png"));
        self.dialog = Some(Dialog::Path(PathForm::new(
            PathPurpose::ChartImage,
            path.display().to_string(),
        )));
    }

    /// Once the dialog is gone, asks egui for a screenshot of the next frame
    /// and writes the radar's part of it as a PNG.
    pub(super) fn take_chart_image(&mut self, ctx: &egui::Context) {
        if self.dialog.is_some() {
            return;
        }
        let (Some(path), Some(rect)) = (self.pending_chart.take(), self.path_view.radar_rect) else {
            return;
        };
        let tx = self.chart_tx.clone();
        let repaint = ctx.clone();
        let pixels_per_point = ctx.pixels_per_point();
        ctx.request_screenshot(move |screenshot| {
            let chart = crate::ui::chart_image::crop(&screenshot, rect, pixels_per_point);
            let result = crate::ui::chart_image::png_bytes(&chart)
                .and_then(|png| storage::write_file(&path, &png).map_err(|e| e.to_string()))
                .map(|()| path);
            let _ = tx.send(result);
            repaint.request_repaint();
        });
    }

    /// Reports a finished chart image.
    pub(super) fn poll_chart_image(&mut self) {
        while let Ok(result) = self.chart_rx.try_recv() {
            match result {
                Ok(path) => self.set_status(format!("Saved the chart as {}", path.display())),
                Err(e) => self.set_error(format!("The chart image was not saved: {e}")),
            }
        }
    }

    /// The error of a failed save, for tests.
    pub fn last_save_error(&self) -> Option<&str> {
        match &self.dialog {
            Some(Dialog::SaveFailed(message)) => Some(message),
            _ => None,
        }
    }
}
