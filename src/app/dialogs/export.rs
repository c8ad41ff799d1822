//! Export the plan: the format, whether to leave out private notes, and
//! where to write it.

use egui::{RichText, Ui};

use super::{Browse, Dialog, Outcome, PathPurpose, buttons_row, location_row, primary_button};
use crate::app::TrailmapApp;

/// The export form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExportForm {
    /// HTML, PDF, Markdown or a calendar.
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

/// Draws the form; Enter in the path field exports.
pub(super) fn ui(ui: &mut Ui, form: &mut ExportForm, native: bool, browse: &mut Browse) -> Outcome {
    use crate::export::Format;
    ui.heading("Export the plan");
    ui.add_space(4.0);
    let formats = [
        (
            Format::Html,
            "HTML page",
            "A report of the plan as one self-contained page that opens in any browser and prints well: \
             readiness ranking, skills and gaps, route, time allocation, checklist and milestones, with the charts.",
        ),
        (
            Format::Pdf,
            "PDF",
            "The same report as A4 pages to print or send, with the charts, page numbers and searchable text.",
        ),
        (
            Format::Markdown,
            "Markdown",
            "The same report as Markdown text, with the two charts as SVG files beside it.",
        ),
        (
            Format::Calendar,
            "Calendar",
            "An .ics file for your calendar app: due actions (with a reminder the day before), milestones, \
             the target date and sessions. Importing it again updates them.",
        ),
        (
            Format::Checklist,
            "Checklist (CSV)",
            "The checklist as a spreadsheet: one row per action with its skill, role, status and dates.",
        ),
    ];
    ui.horizontal_wrapped(|ui| {
        ui.label("Format");
        for (format, label, about) in formats {
            if ui
                .radio(form.format == format, label)
                .on_hover_text(about)
                .clicked()
            {
                form.set_format(format);
            }
        }
    });
    if let Some((_, _, about)) = formats.iter().find(|(f, _, _)| *f == form.format) {
        ui.label(RichText::new(*about).weak());
    }
    ui.add_space(4.0);
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
        if primary_button(ui, ready, "Export", None) || (submit && ready) {
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
    /// Writes the export `form` describes; the form stays open with the
    /// error if it fails.
    fn submit_export(&mut self, form: &ExportForm) {
        match self.export_to(form) {
            Ok(()) => self.dialogs.current = None,
            Err(error) => {
                if let Some(Dialog::Export(open)) = &mut self.dialogs.current {
                    open.error = Some(error);
                }
            }
        }
    }
}
