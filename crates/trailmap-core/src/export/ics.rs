//! The plan as an iCalendar file (RFC 5545), for a calendar app: each open
//! action with a due date (an all-day event with a reminder the day
//! before), each milestone, the target date, and each session. Every entry
//! has a UID made from the plan's id and the entry's number, the same from
//! one export to the next, so importing again updates entries instead of
//! adding them twice. Written with the `icalendar` crate.

use icalendar::{Alarm, Calendar, Component, Event, EventLike, Trigger};

use jiff::civil::{Date, DateTime};

use super::ExportOptions;
use crate::model::{Framework, Plan};

/// `date` as the `icalendar` crate takes it.
fn naive_date(date: Date) -> Option<chrono::NaiveDate> {
    chrono::NaiveDate::from_ymd_opt(
        i32::from(date.year()),
        u32::try_from(date.month()).ok()?,
        u32::try_from(date.day()).ok()?,
    )
}

/// `at` as a floating local time (the plan's times have no zone).
fn naive_time(at: DateTime) -> Option<chrono::NaiveDateTime> {
    naive_date(at.date())?.and_hms_opt(
        u32::try_from(at.hour()).ok()?,
        u32::try_from(at.minute()).ok()?,
        u32::try_from(at.second()).ok()?,
    )
}

/// The day after `date`: an all-day event ends (exclusively) there.
fn next_day(date: chrono::NaiveDate) -> chrono::NaiveDate {
    date.succ_opt().unwrap_or(date)
}

/// A UID the same in every export: the plan's id, what the entry is, its number.
fn uid(plan: &Plan, what: &str, number: impl std::fmt::Display) -> String {
    let plan_id = if plan.id.is_empty() {
        "plan"
    } else {
        plan.id.as_str()
    };
    format!("{plan_id}-{what}-{number}@trailmap")
}

/// The plan as iCalendar text. `today` stamps the entries (`DTSTAMP`), so
/// the output depends on nothing but its inputs. With `redact`, session
/// summaries are left out (they may quote what was said); nothing private
/// is ever written (no private notes, no mentor notes).
pub fn ics(plan: &Plan, framework: &Framework, today: Date, options: &ExportOptions) -> String {
    let plan = super::prepared(plan, options);
    let stamp = naive_date(today)
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map(|t| t.and_utc())
        .unwrap_or_default();
    let name = if plan.person.name.is_empty() {
        "Trailmap"
    } else {
        plan.person.name.as_str()
    };
    let mut calendar = Calendar::new();
    calendar.name(&format!("{name}: career plan"));
    for item in plan.checklist.iter().filter(|i| i.status.is_active()) {
        let (Some(due), true) = (item.due.and_then(naive_date), !item.text.is_empty()) else {
            continue;
        };
        let mut event = Event::new();
        event
            .uid(&uid(&plan, "action", item.id.0))
            .timestamp(stamp)
            .summary(&item.text)
            .all_day(due)
            .ends(next_day(due))
            .alarm(
                Alarm::display("Due tomorrow", Trigger::before_start(chrono::Duration::days(1)))
                    .uid(&uid(&plan, "reminder", item.id.0))
                    .timestamp(stamp)
                    .done(),
            );
        if let Some(skill) = &item.skill {
            event.description(&format!("Builds {}.", plan.skill_name(framework, skill)));
        }
        calendar.push(event.done());
    }
    for milestone in &plan.milestones {
        let Some(date) = naive_date(milestone.date) else {
            continue;
        };
        calendar.push(
            Event::new()
                .uid(&uid(&plan, "milestone", milestone.id.0))
                .timestamp(stamp)
                .summary(&format!("Milestone: {}", milestone.title))
                .all_day(date)
                .ends(next_day(date))
                .done(),
        );
    }
    if let Some(date) = plan.target_date.and_then(naive_date) {
        calendar.push(
            Event::new()
                .uid(&uid(&plan, "target", "date"))
                .timestamp(stamp)
                .summary(&format!(
                    "Target: ready for {}",
                    framework.role_name(&plan.target_role)
                ))
                .all_day(date)
                .ends(next_day(date))
                .done(),
        );
    }
    for (n, session) in plan.sessions.iter().enumerate() {
        let Some(start) = naive_time(session.started) else {
            continue;
        };
        let mut event = Event::new();
        event
            .uid(&uid(&plan, "session", session.id.0))
            .timestamp(stamp)
            .summary(&format!("Mentor session {}", n + 1))
            .starts(start);
        if let Some(end) = session.ended.and_then(naive_time) {
            event.ends(end);
        }
        if !options.redact && !session.summary.is_empty() {
            event.description(&session.summary);
        }
        calendar.push(event.done());
    }
    calendar.done().to_string()
}
