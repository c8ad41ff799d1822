//! The checklist as a spreadsheet (CSV): one row per action with its skill,
//! role, status and dates, for people who track their plan in a sheet.

use jiff::civil::Date;

use super::ExportOptions;
use crate::model::{Framework, Plan};

/// What a spreadsheet app takes as the start of a formula.
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A cell as written: a text a spreadsheet app would run as a formula
/// (`=HYPERLINK(…)` in a checklist item) starts with `'`, which makes it
/// plain text; [`cell_read`] takes the mark off again.
fn cell_written(text: &str) -> std::borrow::Cow<'_, str> {
    if needs_mark(text) {
        format!("'{text}").into()
    } else {
        text.into()
    }
}

/// Whether a text is written with a `'` in front: one a spreadsheet would
/// run, or one that starts with `'` before such a text (so that reading
/// takes off only the mark writing added: `'=x` comes back as `'=x`).
fn needs_mark(text: &str) -> bool {
    text.starts_with(FORMULA_STARTS) || text.strip_prefix('\'').is_some_and(needs_mark)
}

/// A cell as read: the mark [`cell_written`] adds is taken off.
pub(crate) fn cell_read(text: &str) -> &str {
    match text.strip_prefix('\'') {
        Some(rest) if needs_mark(rest) => rest,
        _ => text,
    }
}

/// Rows as CSV text, with a byte order mark so spreadsheet apps read it as
/// UTF-8 (the framework sheets are written the same way). No cell is
/// written as a formula (see [`cell_written`]).
pub(crate) fn sheet_text(rows: impl IntoIterator<Item = Vec<String>>) -> String {
    let mut writer = csv::WriterBuilder::new().flexible(true).from_writer(Vec::new());
    for row in rows {
        // Writing to memory cannot fail.
        let _ = writer.write_record(row.iter().map(|cell| cell_written(cell).into_owned()));
    }
    let bytes = writer.into_inner().unwrap_or_default();
    format!("\u{feff}{}", String::from_utf8_lossy(&bytes))
}

/// The headings of the checklist sheet.
pub const CHECKLIST_HEADINGS: [&str; 11] = [
    "Action", "Skill", "Role", "Status", "Due", "Done on", "Overdue", "Added", "Notes", "Evidence", "Id",
];

/// The plan's checklist as CSV text, in the plan's order. Dates are written
/// as `YYYY-MM-DD`, which every spreadsheet reads as a date. With `redact`,
/// the plan is redacted first, as for every export (the checklist holds no
/// private field today, so the sheet is the same).
pub fn checklist_csv(plan: &Plan, framework: &Framework, today: Date, options: &ExportOptions) -> String {
    let plan = super::prepared(plan, options);
    let skill_name = |id: &crate::model::SkillId| {
        plan.all_skills(framework)
            .find(|s| s.id() == id)
            .map_or_else(|| id.to_string(), |s| s.name().to_owned())
    };
    let date = |d: Option<Date>| d.map(|d| d.to_string()).unwrap_or_default();
    let rows = plan.checklist.iter().map(|item| {
        vec![
            item.text.clone(),
            item.skill.as_ref().map(skill_name).unwrap_or_default(),
            item.role
                .as_ref()
                .map(|r| framework.role_name(r).to_owned())
                .unwrap_or_default(),
            item.status.label().to_owned(),
            date(item.due),
            date(item.completed),
            if item.is_overdue(today) { "yes" } else { "" }.to_owned(),
            item.created.to_string(),
            item.notes.trim().to_owned(),
            item.evidence.trim().to_owned(),
            item.id.to_string(),
        ]
    });
    let headings = CHECKLIST_HEADINGS.iter().map(|h| (*h).to_owned()).collect();
    sheet_text(std::iter::once(headings).chain(rows))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_text_reads_back_as_it_was_written() {
        for text in [
            "=1+1", "'=1+1", "''=x", "'quoted'", "-", "plain", "'", "", "@me", "'@me",
        ] {
            let written = cell_written(text);
            assert!(
                !written.starts_with(FORMULA_STARTS),
                "{text:?} is never a formula"
            );
            assert_eq!(cell_read(&written), text, "{text:?} -> {written:?}");
        }
    }
}
