//! A path to open, save to, or use: open, open a copy, save as, a framework
//! file, the chart image.

use std::path::PathBuf;

use egui::{RichText, Ui};

use super::{Browse, Dialog, Outcome, buttons_row, location_row, primary_button};
use crate::app::TrailmapApp;

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
    /// A ladder kept in a spreadsheet, to become a framework.
    Ladder,
    /// Choose where an export goes.
    Export,
    /// Choose where the chart image goes.
    ChartImage,
    /// Where to write a copy for the mentor.
    ShareWithMentor,
    /// Where to write a copy for the mentee.
    ShareWithMentee,
    /// A copy to merge in.
    MergeIn,
}

impl PathPurpose {
    fn title(self) -> &'static str {
        match self {
            Self::Open => "Open a plan",
            Self::OpenCopy => "Open a copy of a plan",
            Self::SaveAs => "Save the plan as",
            Self::Framework => "Use a framework file",
            Self::Ladder => "Import a framework from a spreadsheet",
            Self::Export => "Export to",
            Self::ChartImage => "Save the chart as an image",
            Self::ShareWithMentor => "Share with your mentor",
            Self::ShareWithMentee => "Share with your mentee",
            Self::MergeIn => "Merge in a copy",
        }
    }

    fn action(self) -> &'static str {
        match self {
            Self::Open => "Open",
            Self::OpenCopy => "Copy and open",
            Self::SaveAs => "Save",
            Self::Framework => "Use this framework",
            Self::Ladder => "Import",
            Self::Export => "Export",
            Self::ChartImage => "Save image",
            Self::ShareWithMentor | Self::ShareWithMentee => "Write the copy",
            Self::MergeIn => "See the changes",
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
            Self::Ladder => {
                "A ladder saved as CSV: a heading row with Skill, Level and Description and one column per role, \
                 then a row per skill and level, with x under each role in the row of the level it needs. Sheets \
                 beside it named LADDER-roles.csv, -actions.csv, -moves.csv and -about.csv are read too. The \
                 framework is checked, then kept in your data folder so new plans can use it."
            }
            Self::Export => "Where to write the export.",
            Self::ChartImage => "A PNG of the chart exactly as it is shown now, overlays included.",
            Self::ShareWithMentor => {
                "A copy of the plan for your mentor, without your private notes. Send it by mail, a shared folder \
                 or git; when they send theirs back, use File › Merge in…"
            }
            Self::ShareWithMentee => {
                "A copy of the plan for your mentee, without your notes as mentor (notes on skills, mentor-only \
                 session notes, your notes on them). They merge it into theirs with File › Merge in…"
            }
            Self::MergeIn => {
                "A copy of this plan the other person sent you. You see what it changes before anything does; \
                 undo takes it back."
            }
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

/// Draws the form; Enter in the path field submits it.
pub(super) fn ui(ui: &mut Ui, form: &mut PathForm, native: bool, browse: &mut Browse) -> Outcome {
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
        } else if primary_button(ui, ready, purpose.action(), None) || (submit && ready) {
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
    /// Uses the path submitted in a path form for `purpose`.
    fn submit_path(&mut self, purpose: PathPurpose, path: PathBuf, replace: bool) {
        // The form stays open until the path works.
        match self.path_chosen(purpose, path, replace) {
            Ok(()) => {
                if matches!(&self.dialogs.current, Some(Dialog::Path(form)) if form.purpose == purpose) {
                    self.dialogs.current = None;
                }
            }
            Err(error) => {
                if let Some(Dialog::Path(form)) = &mut self.dialogs.current {
                    form.error = Some(error);
                }
            }
        }
    }
}
