//! The app's dialogs: new plan, open and save-as paths, unsaved changes,
//! changed on disk, failed saves, recovery, about.

use std::path::PathBuf;

use egui::{Align, Layout, RichText, TextEdit, Ui, vec2};

use super::TrailmapApp;
use std::sync::Arc;

use crate::model::{Framework, Plan, RoleId};
use crate::storage::Recovery;

/// What a path dialog is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PathPurpose {
    /// Open a plan.
    Open,
    /// Open a received plan as a copy.
    OpenCopy,
    /// Save the plan under a new name.
    SaveAs,
    /// Choose a framework file.
    Framework,
    /// Choose where an export goes.
    Export,
    /// Choose where the chart image goes.
    ChartImage,
}

impl PathPurpose {
    fn title(self) -> &'static str {
        match self {
            Self::Open => "Open a plan",
            Self::OpenCopy => "Open a copy of a plan",
            Self::SaveAs => "Save the plan as",
            Self::Framework => "Use a framework file",
            Self::Export => "Export to",
            Self::ChartImage => "Save the chart as an image",
        }
    }

    fn action(self) -> &'static str {
        match self {
            Self::Open => "Open",
            Self::OpenCopy => "Copy and open",
            Self::SaveAs => "Save",
            Self::Framework => "Use this framework",
            Self::Export => "Export",
            Self::ChartImage => "Save image",
        }
    }

    fn help(self) -> &'static str {
        match self {
            Self::Open => "Type the path of a plan file (.ron), or browse for it.",
            Self::OpenCopy => {
                "The plan is copied into your plans folder and the copy opens. The file you pick is only read."
            }
            Self::SaveAs => "Type where to save the plan (.ron), or browse.",
            Self::Framework => {
                "A framework file in the same format as `trailmap framework --print`. It is checked, then kept in \
                 your data folder so plans that use it open with it."
            }
            Self::Export => "Where to write the export.",
            Self::ChartImage => "A PNG of the chart exactly as it is shown now, overlays included.",
        }
    }
}

/// A dialog asking for a path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PathForm {
    /// What the path is for.
    pub purpose: PathPurpose,
    /// The path typed so far.
    pub path: String,
    /// Why the last attempt failed.
    pub error: Option<String>,
}

impl PathForm {
    /// A form for `purpose`, starting with `path`.
    pub fn new(purpose: PathPurpose, path: String) -> Self {
        Self {
            purpose,
            path,
            error: None,
        }
    }
}

/// The export form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExportForm {
    /// Markdown or HTML.
    pub format: crate::export::Format,
    /// Leave out private fields.
    pub redact: bool,
    /// Where to write it.
    pub path: String,
    /// Why the last attempt failed.
    pub error: Option<String>,
}

impl ExportForm {
    /// A form that exports to `dir/STEM.html`, redacted.
    pub fn new(dir: &std::path::Path, stem: &str) -> Self {
        Self {
            format: crate::export::Format::Html,
            redact: true,
            path: dir.join(format!("{stem}.html")).display().to_string(),
            error: None,
        }
    }

    /// Switches the format and the path's extension with it.
    fn set_format(&mut self, format: crate::export::Format) {
        let old = format!(".{}", self.format.extension());
        if let Some(stem) = self.path.strip_suffix(&old) {
            self.path = format!("{stem}.{}", format.extension());
        }
        self.format = format;
    }
}

/// The new-plan form.
#[derive(Clone, Debug, PartialEq)]
pub struct NewPlanForm {
    /// The frameworks a new plan may use: the built-in one and those
    /// installed; the choice is shown only when there is more than one.
    pub frameworks: Vec<Arc<Framework>>,
    /// The framework chosen, an index into `frameworks`.
    pub framework: usize,
    /// The person's name.
    pub name: String,
    /// Their current role.
    pub current: RoleId,
    /// Their target role.
    pub target: RoleId,
    /// Whether to seed the checklist from the library.
    pub seed: bool,
}

impl NewPlanForm {
    /// The form for `frameworks`, with `preferred` (an installed framework's
    /// id) chosen when it is one of them, else the built-in framework.
    pub fn new(mut frameworks: Vec<Arc<Framework>>, preferred: Option<&str>) -> Self {
        if frameworks.is_empty() {
            frameworks.push(crate::storage::builtin());
        }
        frameworks.sort_by(|a, b| a.name.cmp(&b.name));
        let wanted = preferred.unwrap_or(crate::model::BUILTIN_FRAMEWORK_ID);
        let framework = frameworks.iter().position(|f| f.id == wanted).unwrap_or(0);
        let mut form = Self {
            frameworks,
            framework,
            name: String::new(),
            current: RoleId::new(""),
            target: RoleId::new(""),
            seed: true,
        };
        form.reset_roles();
        form
    }

    /// The framework chosen.
    pub fn chosen(&self) -> &Arc<Framework> {
        &self.frameworks[self.framework.min(self.frameworks.len() - 1)]
    }

    /// Picks roles the chosen framework has: a tech lead moving to
    /// engineering manager where it knows them, else its first role and its
    /// first target role.
    fn reset_roles(&mut self) {
        let framework = Arc::clone(self.chosen());
        let has = |id: &str| framework.role(&RoleId::new(id)).is_some();
        self.current = if has("tech-lead") {
            RoleId::new("tech-lead")
        } else {
            framework
                .roles
                .first()
                .map_or_else(|| RoleId::new(""), |r| r.id.clone())
        };
        self.target = if framework
            .role(&RoleId::new("engineering-manager"))
            .is_some_and(|r| r.target)
        {
            RoleId::new("engineering-manager")
        } else {
            framework
                .roles
                .iter()
                .find(|r| r.target)
                .map_or_else(|| RoleId::new(""), |r| r.id.clone())
        };
    }
}

/// Something to do once unsaved changes are dealt with.
#[derive(Clone, Debug, PartialEq)]
pub enum Pending {
    /// Show the new-plan form.
    New,
    /// Show the open dialog.
    Open,
    /// Show the open-a-copy dialog.
    OpenCopy,
    /// Open this file.
    OpenPath(PathBuf),
    /// Open a copy of this file.
    OpenCopyOf(PathBuf),
    /// Open a copy of example `n`.
    Example(usize),
    /// Open this new plan.
    Create(Box<Plan>),
    /// Restore this recovery file.
    Restore(PathBuf, Box<Recovery>),
    /// Close the plan.
    Close,
    /// Quit.
    Quit,
}

/// The dialogs.
#[derive(Debug)]
pub enum Dialog {
    /// New plan.
    NewPlan(NewPlanForm),
    /// A path to open, save to, or use.
    Path(PathForm),
    /// Export the plan.
    Export(ExportForm),
    /// Unsaved changes: save, don't save, or cancel, then do `Pending`.
    Unsaved(Pending),
    /// The file changed on disk since it was opened.
    ChangedOnDisk(PathBuf),
    /// A save failed.
    SaveFailed(String),
    /// Recovery files found at start.
    Recovery(Vec<(PathBuf, Recovery)>),
    /// About Trailmap.
    About,
}

/// Which dialog is open, for tests.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DialogKind {
    /// New plan.
    NewPlan,
    /// A path dialog.
    Path(PathPurpose),
    /// The export dialog.
    Export,
    /// Unsaved changes.
    Unsaved,
    /// Changed on disk.
    ChangedOnDisk,
    /// Save failed.
    SaveFailed,
    /// Recovery offered.
    Recovery,
    /// About.
    About,
}

impl Dialog {
    /// Which dialog this is.
    pub fn kind(&self) -> DialogKind {
        match self {
            Self::NewPlan(_) => DialogKind::NewPlan,
            Self::Path(form) => DialogKind::Path(form.purpose),
            Self::Export(_) => DialogKind::Export,
            Self::Unsaved(_) => DialogKind::Unsaved,
            Self::ChangedOnDisk(_) => DialogKind::ChangedOnDisk,
            Self::SaveFailed(_) => DialogKind::SaveFailed,
            Self::Recovery(_) => DialogKind::Recovery,
            Self::About => DialogKind::About,
        }
    }
}

/// What the user did in a dialog this frame.
enum Outcome {
    Keep,
    Close,
    Then(Box<dyn FnOnce(&mut TrailmapApp)>),
}

fn buttons_row(ui: &mut Ui, add: impl FnOnce(&mut Ui)) {
    ui.add_space(8.0);
    ui.with_layout(Layout::right_to_left(Align::Center), add);
}

impl TrailmapApp {
    pub(super) fn dialogs_ui(&mut self, ctx: &egui::Context) {
        let Some(mut dialog) = self.dialog.take() else {
            return;
        };
        let plan_name = self
            .open_plan()
            .map(super::OpenPlan::display_name)
            .unwrap_or_default();
        let native = self.native_dialogs;
        let mut browse: Option<(PathPurpose, String)> = None;
        let response = egui::Modal::new(egui::Id::unique("trailmap-dialog")).show(ctx, |ui| {
            ui.set_width(520.0);
            match &mut dialog {
                Dialog::NewPlan(form) => new_plan_ui(ui, form),
                Dialog::Path(form) => path_ui(ui, form, native, &mut browse),
                Dialog::Export(form) => export_ui(ui, form, native, &mut browse),
                Dialog::Unsaved(pending) => unsaved_ui(ui, &plan_name, pending),
                Dialog::ChangedOnDisk(path) => changed_on_disk_ui(ui, path),
                Dialog::SaveFailed(message) => save_failed_ui(ui, message),
                Dialog::Recovery(entries) => recovery_ui(ui, entries),
                Dialog::About => about_ui(ui),
            }
        });
        if let Some((purpose, start)) = browse {
            self.browse(ctx, purpose, &start);
        }
        let escape = ctx.input(|i| i.key_pressed(egui::Key::Escape));
        let outcome = match response.inner {
            Outcome::Keep if escape && !matches!(dialog, Dialog::Recovery(_)) => Outcome::Close,
            other => other,
        };
        match outcome {
            Outcome::Keep => self.dialog = Some(dialog),
            Outcome::Close => {
                // A pending action waits only for the save-as it asked for.
                if matches!(dialog, Dialog::Path(ref f) if f.purpose == PathPurpose::SaveAs) {
                    self.after_save = None;
                }
            }
            Outcome::Then(action) => {
                // Keep a path or export form open so its error can be shown if the action fails.
                if matches!(dialog, Dialog::Path(_) | Dialog::Export(_)) {
                    self.dialog = Some(dialog);
                }
                action(self);
            }
        }
    }
}

fn new_plan_ui(ui: &mut Ui, form: &mut NewPlanForm) -> Outcome {
    ui.heading("New plan");
    ui.add_space(6.0);
    let framework = Arc::clone(form.chosen());
    let mut submit = false;
    let label_width = crate::ui::widgets::column_width(
        ui,
        ["Your name", "Framework", "Current role", "Target role"],
        egui::TextStyle::Body,
        0.0,
    );
    crate::ui::widgets::Table::new(&[label_width, 0.0])
        .spacing(vec2(12.0, 8.0))
        .show(ui, |table| {
            table.labelled("Your name", |ui, label| {
                let response = ui
                    .add(
                        TextEdit::singleline(&mut form.name)
                            .id_salt("new-plan-name")
                            .hint_text("e.g. Sam Lee"),
                    )
                    .labelled_by(label.id);
                if response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                    submit = true;
                }
                if !response.has_focus() && form.name.is_empty() && !ui.memory(|m| m.focused().is_some()) {
                    response.request_focus();
                }
            });
            if form.frameworks.len() > 1 {
                table.labelled("Framework", |ui, _| {
                    let before = form.framework;
                    let response = egui::ComboBox::from_id_salt("new-plan-framework")
                        .selected_text(&framework.name)
                        .width(220.0)
                        .show_ui(ui, |ui| {
                            for (i, f) in form.frameworks.iter().enumerate() {
                                ui.selectable_value(&mut form.framework, i, &f.name);
                            }
                        })
                        .response;
                    crate::ui::widgets::name_widget(&response, egui::Role::ComboBox, "Framework");
                    if form.framework != before {
                        form.reset_roles();
                    }
                });
            }
            for (label, role, targets_only) in [
                ("Current role", &mut form.current, false),
                ("Target role", &mut form.target, true),
            ] {
                table.labelled(label, |ui, _| {
                    let response = egui::ComboBox::from_id_salt(label)
                        .selected_text(framework.role_name(role))
                        .width(220.0)
                        .show_ui(ui, |ui| {
                            for r in framework.roles.iter().filter(|r| !targets_only || r.target) {
                                ui.selectable_value(role, r.id.clone(), &r.name);
                            }
                        })
                        .response;
                    crate::ui::widgets::name_widget(&response, egui::Role::ComboBox, label);
                });
            }
        });
    ui.checkbox(&mut form.seed, "Suggest actions for my gaps from the library")
        .on_hover_text("Fills the checklist with actions that fit your target role and route");
    let mut outcome = Outcome::Keep;
    buttons_row(ui, |ui| {
        if ui.button("Create plan").clicked() || submit {
            let form = form.clone();
            outcome = Outcome::Then(Box::new(move |app| {
                let framework = Arc::clone(form.chosen());
                app.create_plan(form.name.trim(), &framework, form.current, form.target, form.seed);
            }));
        }
        if ui.button("Cancel").clicked() {
            outcome = Outcome::Close;
        }
    });
    outcome
}

/// The "Location" row: a path field that has the keyboard when the dialog
/// opens (so Enter submits) and a "Browse…" button for the system's dialog,
/// then the last error, if any. Returns whether Enter was pressed.
fn location_row(
    ui: &mut Ui,
    path: &mut String,
    error: &mut Option<String>,
    purpose: PathPurpose,
    native: bool,
    browse: &mut Option<(PathPurpose, String)>,
) -> bool {
    let mut submit = false;
    ui.horizontal(|ui| {
        let label = ui.label("Location");
        let response = ui
            .add(
                TextEdit::singleline(path)
                    .id_salt(("location", purpose as u8))
                    .desired_width(380.0)
                    .hint_text("/path/to/file"),
            )
            .labelled_by(label.id);
        if response.changed() {
            *error = None;
        }
        if response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
            submit = true;
        }
        if ui.memory(|m| m.focused().is_none()) {
            response.request_focus();
        }
        if native
            && ui
                .button("Browse…")
                .on_hover_text("Choose with the system's file dialog")
                .clicked()
        {
            *browse = Some((purpose, path.clone()));
        }
    });
    if let Some(message) = error.as_deref() {
        ui.label(RichText::new(message).color(crate::ui::theme::bad(ui.visuals())));
    }
    submit
}

fn path_ui(
    ui: &mut Ui,
    form: &mut PathForm,
    native: bool,
    browse: &mut Option<(PathPurpose, String)>,
) -> Outcome {
    let purpose = form.purpose;
    ui.heading(purpose.title());
    ui.label(RichText::new(purpose.help()).weak());
    ui.add_space(6.0);
    let submit = location_row(ui, &mut form.path, &mut form.error, purpose, native, browse);
    let exists_error = form.error.as_ref().is_some_and(|e| e.ends_with("already exists"));
    let mut outcome = Outcome::Keep;
    buttons_row(ui, |ui| {
        let path = PathBuf::from(form.path.trim());
        let ready = !form.path.trim().is_empty();
        if exists_error && purpose == PathPurpose::SaveAs {
            if ui.button("Replace it").clicked() {
                let path = path.clone();
                outcome = Outcome::Then(Box::new(move |app| app.submit_path(purpose, path, true)));
            }
        } else if ui
            .add_enabled(ready, egui::Button::new(purpose.action()))
            .clicked()
            || (submit && ready)
        {
            let path = path.clone();
            outcome = Outcome::Then(Box::new(move |app| app.submit_path(purpose, path, false)));
        }
        if ui.button("Cancel").clicked() {
            outcome = Outcome::Close;
        }
    });
    outcome
}

impl TrailmapApp {
    fn submit_path(&mut self, purpose: PathPurpose, path: PathBuf, replace: bool) {
        // The form stays open until the path works.
        match self.path_chosen(purpose, path, replace) {
            Ok(()) => {
                if matches!(&self.dialog, Some(Dialog::Path(form)) if form.purpose == purpose) {
                    self.dialog = None;
                }
            }
            Err(error) => {
                if let Some(Dialog::Path(form)) = &mut self.dialog {
                    form.error = Some(error);
                }
            }
        }
    }
}

fn export_ui(
    ui: &mut Ui,
    form: &mut ExportForm,
    native: bool,
    browse: &mut Option<(PathPurpose, String)>,
) -> Outcome {
    use crate::export::Format;
    ui.heading("Export the plan");
    ui.label(
        RichText::new(
            "A report of the plan: readiness ranking, skills and gaps, route, time allocation, checklist and \
             milestones, with the charts.",
        )
        .weak(),
    );
    ui.add_space(6.0);
    ui.horizontal(|ui| {
        ui.label("Format");
        for (format, label, tip) in [
            (
                Format::Html,
                "HTML page",
                "One self-contained page that opens in any browser and prints well",
            ),
            (
                Format::Markdown,
                "Markdown",
                "Markdown text with the two charts as SVG files beside it",
            ),
        ] {
            if ui
                .radio(form.format == format, label)
                .on_hover_text(tip)
                .clicked()
            {
                form.set_format(format);
            }
        }
    });
    ui.checkbox(&mut form.redact, "Leave out private notes")
        .on_hover_text(
            "Leaves out your private notes, the mentor's notes on skills and mentor-only session notes",
        );
    let submit = location_row(
        ui,
        &mut form.path,
        &mut form.error,
        PathPurpose::Export,
        native,
        browse,
    );
    let mut outcome = Outcome::Keep;
    buttons_row(ui, |ui| {
        let ready = !form.path.trim().is_empty();
        if ui.add_enabled(ready, egui::Button::new("Export")).clicked() || (submit && ready) {
            let form = form.clone();
            outcome = Outcome::Then(Box::new(move |app| app.submit_export(&form)));
        }
        if ui.button("Cancel").clicked() {
            outcome = Outcome::Close;
        }
    });
    outcome
}

impl TrailmapApp {
    fn submit_export(&mut self, form: &ExportForm) {
        match self.export_to(form) {
            Ok(()) => self.dialog = None,
            Err(error) => {
                if let Some(Dialog::Export(open)) = &mut self.dialog {
                    open.error = Some(error);
                }
            }
        }
    }
}

fn unsaved_ui(ui: &mut Ui, plan_name: &str, pending: &Pending) -> Outcome {
    ui.heading("Unsaved changes");
    ui.label(format!("Save the changes to {plan_name} first?"));
    ui.label(RichText::new("If you don't save, the changes are lost.").weak());
    let mut outcome = Outcome::Keep;
    buttons_row(ui, |ui| {
        if ui.button("Save").clicked() {
            let pending = pending.clone();
            outcome = Outcome::Then(Box::new(move |app| {
                if app.save() {
                    app.proceed(pending);
                } else if matches!(app.dialog, Some(Dialog::Path(ref f)) if f.purpose == PathPurpose::SaveAs)
                {
                    // The plan needs a file first; carry on once it has one.
                    app.after_save = Some(pending);
                }
            }));
        }
        if ui.button("Don't save").clicked() {
            let pending = pending.clone();
            outcome = Outcome::Then(Box::new(move |app| app.proceed(pending)));
        }
        if ui.button("Cancel").clicked() {
            outcome = Outcome::Close;
        }
    });
    outcome
}

fn changed_on_disk_ui(ui: &mut Ui, path: &std::path::Path) -> Outcome {
    ui.heading("The file changed on disk");
    ui.label(format!(
        "{} was changed by another program since you opened it. Saving now would replace those changes.",
        path.display()
    ));
    let mut outcome = Outcome::Keep;
    buttons_row(ui, |ui| {
        if ui
            .button("Save as…")
            .on_hover_text("Keep both: save your version under another name")
            .clicked()
        {
            outcome = Outcome::Then(Box::new(|app| app.run_command(super::UiCommand::SaveAs)));
        }
        if ui
            .button("Overwrite")
            .on_hover_text("Replace the file on disk with your version")
            .clicked()
        {
            let path = path.to_path_buf();
            outcome = Outcome::Then(Box::new(move |app| app.overwrite(&path)));
        }
        if ui
            .button("Reload")
            .on_hover_text("Drop your unsaved changes and load the file from disk")
            .clicked()
        {
            outcome = Outcome::Then(Box::new(|app| app.reload()));
        }
        if ui.button("Cancel").clicked() {
            outcome = Outcome::Close;
        }
    });
    outcome
}

fn save_failed_ui(ui: &mut Ui, message: &str) -> Outcome {
    ui.heading("The plan was not saved");
    ui.label(RichText::new(message).monospace());
    ui.label("Your changes are still here, and the file on disk is as it was. Try saving somewhere else.");
    let mut outcome = Outcome::Keep;
    buttons_row(ui, |ui| {
        if ui.button("Save as…").clicked() {
            outcome = Outcome::Then(Box::new(|app| app.run_command(super::UiCommand::SaveAs)));
        }
        if ui.button("Close").clicked() {
            outcome = Outcome::Close;
        }
    });
    outcome
}

fn recovery_ui(ui: &mut Ui, entries: &mut Vec<(PathBuf, Recovery)>) -> Outcome {
    ui.heading("Recover unsaved changes?");
    ui.label("Trailmap closed before these changes were saved:");
    ui.add_space(4.0);
    let mut outcome = Outcome::Keep;
    let mut discard = None;
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
                if ui
                    .button("Restore")
                    .on_hover_text("Open the plan with these changes")
                    .clicked()
                {
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

fn about_ui(ui: &mut Ui) -> Outcome {
    ui.heading("Trailmap");
    ui.label(format!("Version {}", env!("CARGO_PKG_VERSION")));
    ui.label(
        "Plan the move from tech lead into engineering management, directing engineering, product management \
         or heading product: rate your skills, see the gaps and the route, work through actions, and review \
         progress with a mentor. Offline, no account; your plans are plain files.",
    );
    let mut outcome = Outcome::Keep;
    buttons_row(ui, |ui| {
        if ui.button("Close").clicked() {
            outcome = Outcome::Close;
        }
    });
    outcome
}
