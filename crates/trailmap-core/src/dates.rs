//! Dates as people read them, in one form everywhere a sentence holds one:
//! agendas, reports, summaries. (Fields the user edits keep the ISO form,
//! `2026-12-01`, that the date picker shows.)

use jiff::civil::Date;

/// A date as people write it: `1 Dec 2026`.
pub fn human_date(date: Date) -> String {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let month = MONTHS
        .get(usize::try_from(date.month() - 1).unwrap_or(0))
        .copied()
        .unwrap_or("");
    format!("{} {month} {}", date.day(), date.year())
}
