//! Progress over time: each skill's rating and the readiness for the target
//! across the snapshots, and a projection of readiness from the pace of
//! completed actions.

use jiff::civil::Date;
use serde::Serialize;

use super::gaps::{SkillGap, gap, readiness_of};
use crate::model::{Framework, Level, Plan, SkillId, Snapshot, Status};

/// One point in time: a snapshot, or the plan as it is now.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct HistoryPoint {
    /// When.
    pub date: Date,
    /// The snapshot's label, or "Now".
    pub label: String,
    /// Self rating per skill, in the plan's skill order.
    pub ratings: Vec<Option<Level>>,
    /// Mentor rating per skill, in the plan's skill order.
    pub mentor: Vec<Option<Level>>,
    /// Readiness for the plan's current target role with those self ratings.
    pub readiness: u8,
}

/// The series behind the progress chart.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct History {
    /// The skills, in order (ids).
    pub skills: Vec<SkillId>,
    /// The points: every snapshot in date order, then "Now" (today's
    /// ratings) unless the newest snapshot is from today and the same.
    pub points: Vec<HistoryPoint>,
}

fn point(plan: &Plan, framework: &Framework, skills: &[SkillId], snapshot: &Snapshot) -> HistoryPoint {
    let rating = |id: &SkillId| snapshot.skills.get(id).and_then(|s| s.self_rating);
    let gaps: Vec<SkillGap> = skills
        .iter()
        .map(|id| {
            let required = plan.required(framework, &plan.target_role, id);
            SkillGap {
                skill: id.clone(),
                rating: rating(id),
                required,
                gap: gap(rating(id), required),
            }
        })
        .collect();
    HistoryPoint {
        date: snapshot.date,
        label: snapshot.label.clone(),
        ratings: skills.iter().map(rating).collect(),
        mentor: skills
            .iter()
            .map(|id| snapshot.skills.get(id).and_then(|s| s.mentor_rating))
            .collect(),
        readiness: readiness_of(&gaps),
    }
}

/// Each skill's rating and the readiness for the current target over time.
pub fn history(plan: &Plan, framework: &Framework, today: Date) -> History {
    let skills: Vec<SkillId> = plan.all_skills(framework).map(|s| s.id().clone()).collect();
    let mut snapshots: Vec<&Snapshot> = plan.snapshots.iter().collect();
    snapshots.sort_by_key(|s| s.date);
    let mut points: Vec<HistoryPoint> = snapshots
        .iter()
        .map(|s| point(plan, framework, &skills, s))
        .collect();
    let mut now = point(
        plan,
        framework,
        &skills,
        &plan.take_snapshot(crate::model::ItemId(0), today, "Now", None),
    );
    now.label = "Now".to_owned();
    let same_as_last = points.last().is_some_and(|last| {
        last.date == now.date && last.ratings == now.ratings && last.mentor == now.mentor
    });
    if !same_as_last {
        points.push(now);
    }
    History { skills, points }
}

/// How many days back the pace of completed actions is measured.
pub const PACE_WINDOW_DAYS: i32 = 90;

/// A projection of readiness from the pace of completed actions.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Projection {
    /// Readiness for the target now.
    pub readiness_now: u8,
    /// Actions completed in the last [`PACE_WINDOW_DAYS`] days.
    pub done_recently: usize,
    /// Completed actions per week over that window.
    pub per_week: f64,
    /// Actions still open or in progress.
    pub open: usize,
    /// The day every open action would be done at this pace, if there is a pace.
    pub all_done_by: Option<Date>,
    /// Projected readiness by date: today, then one point every 28 days until
    /// the open actions are done, then 100% on that day (at most two years ahead).
    pub points: Vec<(Date, u8)>,
}

impl Projection {
    /// What the projection is based on, in words for the UI.
    pub fn explanation(&self) -> String {
        match self.all_done_by {
            _ if self.open == 0 => {
                "No open actions: add actions for your gaps to get a projection.".to_owned()
            }
            None => format!(
                "No action was completed in the last {PACE_WINDOW_DAYS} days, so there is no pace to project from."
            ),
            Some(date) => format!(
                "Based on {} action{} completed in the last {PACE_WINDOW_DAYS} days ({:.1} a week) and {} still open: \
                 at this pace the open actions are done by {date}. Assumes that finishing them closes the gaps \
                 they were chosen for.",
                self.done_recently,
                if self.done_recently == 1 { "" } else { "s" },
                self.per_week,
                self.open
            ),
        }
    }
}

/// Projects readiness for the target from the pace of completed actions.
///
/// The pace is the number of actions completed (status done, completion date
/// in the last [`PACE_WINDOW_DAYS`] days up to `today`) divided by the weeks
/// in that window. Readiness is assumed to move from where it is now toward
/// 100% in step with the share of the currently open actions done:
/// `readiness(t) = now + (100 − now) × min(1, done × days(t) / (90 × open))`,
/// halves rounded up; every open action is done after
/// `⌈open × 90 / done⌉` days.
pub fn projection(plan: &Plan, framework: &Framework, today: Date) -> Projection {
    let readiness_now = super::gaps::readiness(plan, framework, &plan.target_role, super::gaps::Rater::Own);
    let since = today
        .checked_sub(jiff::Span::new().days(i64::from(PACE_WINDOW_DAYS)))
        .unwrap_or(today);
    let done_recently = plan
        .checklist
        .iter()
        .filter(|i| i.status == Status::Done && i.completed.is_some_and(|d| d > since && d <= today))
        .count();
    let open = plan.checklist.iter().filter(|i| i.status.is_active()).count();
    let per_week = done_recently as f64 * 7.0 / f64::from(PACE_WINDOW_DAYS);
    let window = PACE_WINDOW_DAYS.unsigned_abs() as usize;
    let mut points = vec![(today, readiness_now)];
    // Whole days until every open action is done: open ÷ (done ÷ window), rounded up.
    let days_to_done = (done_recently > 0 && open > 0).then(|| (open * window).div_ceil(done_recently));
    let all_done_by =
        days_to_done.and_then(|days| today.checked_add(jiff::Span::new().days(days as i64)).ok());
    if let Some(end) = all_done_by {
        let remaining = usize::from(100 - readiness_now);
        // now + (100 − now) × done × days ÷ (window × open), halves rounded up.
        let at = |days: usize| -> u8 {
            let num = remaining * done_recently * days;
            let den = window * open;
            let add = ((2 * num + den) / (2 * den)).min(remaining);
            readiness_now + u8::try_from(add).unwrap_or(0)
        };
        let horizon = today.checked_add(jiff::Span::new().years(2)).unwrap_or(today);
        let mut days = 0usize;
        loop {
            days += 28;
            let Ok(date) = today.checked_add(jiff::Span::new().days(days as i64)) else {
                break;
            };
            if date >= end || date > horizon {
                break;
            }
            points.push((date, at(days)));
        }
        if end <= horizon {
            points.push((end, 100));
        }
    }
    Projection {
        readiness_now,
        done_recently,
        per_week,
        open,
        all_done_by,
        points,
    }
}
