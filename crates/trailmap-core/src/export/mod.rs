//! Reports: a plan as Markdown, as one self-contained HTML page or as a PDF,
//! with the skills radar and the readiness ranking as SVG (or PDF vector)
//! charts.
//!
//! **Invariant:** everything here is a pure function from a plan, its
//! framework and a date to text (or, for the PDF, bytes). Nothing reads a clock or touches a file; the
//! caller (the app crate's `storage::write_report`) writes the results.
//!
//! Redaction works on a copy of the plan ([`redact`]) before any text is
//! made, so no part of a report can show a private field by mistake.
//!
//! In the app crate, with the built-in framework:
//!
//! ```text
//! use trailmap::{export, storage};
//! let framework = storage::builtin();
//! let plan = trailmap::model::Plan::new(
//!     "Ada",
//!     &framework,
//!     "tech-lead".into(),
//!     "engineering-manager".into(),
//! );
//! let today = jiff::civil::date(2026, 11, 22);
//! let options = export::ExportOptions { redact: true, ..Default::default() };
//! let page = export::html(&plan, &framework, today, &options);
//! assert!(page.starts_with("<!DOCTYPE html>"));
//! ```

pub(crate) mod csv;
mod html;
mod ics;
mod markdown;
mod pdf;
mod report;
pub mod svg;
pub mod terminal;

use jiff::civil::Date;

pub use csv::{CHECKLIST_HEADINGS, checklist_csv};
pub use ics::ics;
pub use markdown::escape as escape_markdown;
pub use pdf::PdfError;
pub use report::human_date;
pub use svg::{RadarAxis, RadarChart, RankingBar, RankingChart, escape as escape_xml};

use crate::model::{Framework, Plan};

/// How to export.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ExportOptions {
    /// Leave out private notes, the mentor's notes on skills and mentor-only
    /// session notes.
    pub redact: bool,
    /// Markdown only: the file name stem of the chart images written beside
    /// the Markdown file (`STEM-radar.svg`, `STEM-ranking.svg`). `None` when
    /// the Markdown has no file beside it (standard output, the clipboard):
    /// it then says that the charts are left out.
    pub image_prefix: Option<String>,
}

/// A Markdown report and its two charts, to be written beside it under the
/// names from [`radar_file_name`] and [`ranking_file_name`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MarkdownExport {
    /// The Markdown text.
    pub text: String,
    /// The skills radar as a standalone SVG file.
    pub radar_svg: String,
    /// The readiness ranking as a standalone SVG file.
    pub ranking_svg: String,
}

/// The export formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Markdown, with the charts as SVG files beside it.
    Markdown,
    /// One self-contained HTML page.
    Html,
    /// An iCalendar file: due actions, milestones, the target date, sessions.
    Calendar,
    /// The checklist as a spreadsheet (CSV), with status and dates.
    Checklist,
    /// A PDF of the report: A4 pages, vector charts, searchable text.
    Pdf,
}

impl Format {
    /// The usual file extension.
    pub fn extension(self) -> &'static str {
        match self {
            Self::Markdown => "md",
            Self::Html => "html",
            Self::Calendar => "ics",
            Self::Checklist => "csv",
            Self::Pdf => "pdf",
        }
    }

    /// Whether the format is text (a PDF is not: it is never printed to a
    /// terminal).
    pub fn is_text(self) -> bool {
        self != Self::Pdf
    }
}

/// What every chart file an export writes holds, so a later export knows
/// the file is its own to replace.
pub const CHART_MARK: &str = "data-generator=\"trailmap\"";

/// The files of a report written as `file_name`: `(name, contents)` pairs to
/// write side by side in one folder, the chart images before the report, so
/// a report never points at images that are missing.
pub fn report_files(
    plan: &Plan,
    framework: &Framework,
    today: Date,
    format: Format,
    redact: bool,
    file_name: &str,
) -> Result<Vec<(String, Vec<u8>)>, PdfError> {
    let stem = file_name
        .rsplit_once('.')
        .map_or(file_name, |(stem, _)| stem)
        .to_owned();
    let options = ExportOptions {
        redact,
        image_prefix: Some(stem.clone()),
    };
    let one = |contents: Vec<u8>| vec![(file_name.to_owned(), contents)];
    Ok(match format {
        Format::Html => one(html(plan, framework, today, &options).into_bytes()),
        Format::Calendar => one(ics(plan, framework, today, &options).into_bytes()),
        Format::Pdf => one(pdf(plan, framework, today, &options)?),
        Format::Checklist => one(checklist_csv(plan, framework, today, &options).into_bytes()),
        Format::Markdown => {
            let report = markdown(plan, framework, today, &options);
            vec![
                (radar_file_name(&stem), report.radar_svg.into_bytes()),
                (ranking_file_name(&stem), report.ranking_svg.into_bytes()),
                (file_name.to_owned(), report.text.into_bytes()),
            ]
        }
    })
}

/// Whether `c` is kept out of every report: a control character other than
/// tab and line feed (C0, DEL and C1: XML forbids most of them and a terminal
/// acts on them), or a noncharacter (U+FDD0 to U+FDEF and the last two code
/// points of every plane, such as U+FFFE, which XML forbids or discourages).
/// The escapers put U+FFFD in its place, so the reader sees that something
/// was there. A carriage return is dropped by the escapers before this is
/// asked: line breaks are line feeds.
pub(crate) fn is_unprintable(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || ('\u{fdd0}'..='\u{fdef}').contains(&c)
        || (u32::from(c) & 0xfffe) == 0xfffe
}

/// The file name of the radar chart written beside a Markdown report.
pub fn radar_file_name(prefix: &str) -> String {
    format!("{prefix}-radar.svg")
}

/// The file name of the ranking chart written beside a Markdown report.
pub fn ranking_file_name(prefix: &str) -> String {
    format!("{prefix}-ranking.svg")
}

/// A copy of `plan` with every private field emptied: the private notes, the
/// mentor's note on each skill, and the session notes marked mentor-only
/// (which are removed). Nothing else in a plan is private.
pub fn redact(plan: &Plan) -> Plan {
    let mut copy = plan.clone();
    copy.private_notes.clear();
    for entry in copy.skills.values_mut() {
        entry.mentor_note.clear();
    }
    for session in &mut copy.sessions {
        session.notes.retain(|n| !n.mentor_only);
    }
    copy
}

/// The plan to report on under `options`: redacted or as it is.
fn prepared<'a>(plan: &'a Plan, options: &ExportOptions) -> std::borrow::Cow<'a, Plan> {
    if options.redact {
        std::borrow::Cow::Owned(redact(plan))
    } else {
        std::borrow::Cow::Borrowed(plan)
    }
}

/// The plan as Markdown, with its charts as SVG files to write beside it.
pub fn markdown(plan: &Plan, framework: &Framework, today: Date, options: &ExportOptions) -> MarkdownExport {
    let plan = prepared(plan, options);
    let report = report::build(&plan, framework, today, options.redact);
    let images = match &options.image_prefix {
        Some(prefix) => markdown::Images::Beside(prefix),
        None => markdown::Images::None,
    };
    MarkdownExport {
        text: markdown::write(&report, &images),
        radar_svg: report.radar.to_svg(true),
        ranking_svg: report.ranking.to_svg(true),
    }
}

/// The plan as one self-contained HTML page: inline style sheet, inline SVG
/// charts, print-friendly, and no reference to anything outside the page.
pub fn html(plan: &Plan, framework: &Framework, today: Date, options: &ExportOptions) -> String {
    let plan = prepared(plan, options);
    let report = report::build(&plan, framework, today, options.redact);
    html::write(&report)
}

/// The plan as a PDF: the HTML page's content on A4 pages, with page
/// numbers, a document outline, the charts as vector drawings and the text
/// in embedded font subsets (selectable and searchable). `image_prefix` is
/// not used.
pub fn pdf(
    plan: &Plan,
    framework: &Framework,
    today: Date,
    options: &ExportOptions,
) -> Result<Vec<u8>, PdfError> {
    let plan = prepared(plan, options);
    let report = report::build(&plan, framework, today, options.redact);
    pdf::write(&report)
}

/// The skills radar (own and mentor ratings against what the target role
/// needs) as a standalone SVG file. The chart holds no notes, so there is
/// nothing to redact.
pub fn radar_svg(plan: &Plan, framework: &Framework) -> String {
    RadarChart::of(plan, framework).to_svg(true)
}

/// The readiness ranking of the target roles as a standalone SVG file.
pub fn ranking_svg(plan: &Plan, framework: &Framework) -> String {
    RankingChart::of(plan, framework).to_svg(true)
}
