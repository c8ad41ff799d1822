//! Progress over time: what changed between two snapshots (by default the
//! last session and now), each skill's rating over the snapshots, and
//! readiness for the target with milestones, the target date and a
//! projection from the pace of completed actions.

use egui::{RichText, ScrollArea, Ui};
use egui_plot::{Legend, Line, LineStyle, Plot, PlotPoints, Points, VLine};
use jiff::civil::Date;

use super::widgets::card;
use super::{ViewCtx, theme};
use crate::analysis::{self, ItemChange, Rater, SnapshotDiff};
use crate::model::{ItemId, Level, Snapshot};

/// View-local state of the progress view.
#[derive(Debug, Default)]
pub struct ProgressView {
    /// The snapshot to compare from (`None`: the last session's).
    pub from: Option<ItemId>,
    /// The snapshot to compare to (`None`: now).
    pub to: Option<ItemId>,
    diff: super::Memo<DiffKey, Option<(SnapshotDiff, Date, Date)>>,
    series: super::Memo<(Option<u64>, Date), (analysis::History, analysis::Projection)>,
}

/// What a comparison depends on: the plan's revision, the two ends and the day.
type DiffKey = (Option<u64>, Option<ItemId>, Option<ItemId>, Date);

/// Days from `base` to `date`, as a plot coordinate.
fn day(base: Date, date: Date) -> f64 {
    (date - base).get_days() as f64
}

fn snapshot_label(s: &Snapshot) -> String {
    if s.label.is_empty() {
        s.date.to_string()
    } else {
        format!("{} ({})", s.label, s.date)
    }
}

impl ProgressView {
    /// Draws the view.
    pub fn ui(&mut self, ui: &mut Ui, ctx: &ViewCtx<'_>, _edits: &mut super::Edits) {
        if ui.available_width() > 1000.0 {
            ui.columns(2, |columns| {
                ScrollArea::vertical()
                    .id_salt("progress-changes")
                    .show(&mut columns[0], |ui| {
                        self.since_ui(ui, ctx);
                        super::widgets::follow_focus(ui);
                    });
                ScrollArea::vertical()
                    .id_salt("progress-charts")
                    .show(&mut columns[1], |ui| {
                        self.charts_ui(ui, ctx);
                        super::widgets::follow_focus(ui);
                    });
            });
        } else {
            ScrollArea::vertical().id_salt("progress-view").show(ui, |ui| {
                self.since_ui(ui, ctx);
                ui.add_space(8.0);
                self.charts_ui(ui, ctx);
                super::widgets::follow_focus(ui);
            });
        }
    }

    fn since_ui(&mut self, ui: &mut Ui, ctx: &ViewCtx<'_>) {
        let plan = ctx.plan;
        card(ui, |ui| {
            ui.heading("What changed");
            if plan.snapshots.is_empty() {
                ui.label(
                    RichText::new(
                        "Snapshots are taken when a session ends; after the first one, changes show here.",
                    )
                    .weak(),
                );
                return;
            }
            let default_from = analysis::last_session_snapshot(plan).map(|s| s.id);
            let from_id = self.from.or(default_from);
            ui.horizontal(|ui| {
                ui.label("From");
                let from_text = plan
                    .snapshots
                    .iter()
                    .find(|s| Some(s.id) == from_id)
                    .map_or_else(|| "Choose".to_owned(), snapshot_label);
                let response = egui::ComboBox::from_id_salt("since-from")
                    .selected_text(from_text)
                    .width(220.0)
                    .show_ui(ui, |ui| {
                        for s in &plan.snapshots {
                            ui.selectable_value(&mut self.from, Some(s.id), snapshot_label(s));
                        }
                    })
                    .response;
                super::widgets::name_widget(&response, egui::Role::ComboBox, "Compare from");
                ui.label("to");
                let to_text = plan
                    .snapshots
                    .iter()
                    .find(|s| Some(s.id) == self.to)
                    .map_or_else(|| "Now".to_owned(), snapshot_label);
                let response = egui::ComboBox::from_id_salt("since-to")
                    .selected_text(to_text)
                    .width(220.0)
                    .show_ui(ui, |ui| {
                        ui.selectable_value(&mut self.to, None, "Now");
                        for s in &plan.snapshots {
                            ui.selectable_value(&mut self.to, Some(s.id), snapshot_label(s));
                        }
                    })
                    .response;
                super::widgets::name_widget(&response, egui::Role::ComboBox, "Compare to");
            });
            let to_id = self.to;
            let compared = self
                .diff
                .get((ctx.derived.revision, from_id, to_id, ctx.today), || {
                    let from = plan.snapshots.iter().find(|s| Some(s.id) == from_id)?;
                    let now = plan.take_snapshot(ItemId(0), ctx.today, "Now", None);
                    let to = plan
                        .snapshots
                        .iter()
                        .find(|s| Some(s.id) == to_id)
                        .unwrap_or(&now);
                    Some((analysis::diff_snapshots(from, to), from.date, to.date))
                });
            let Some((diff, from_date, to_date)) = compared else {
                return;
            };
            ui.add_space(4.0);
            diff_ui(ui, ctx, diff);
            notes_between(ui, ctx, *from_date, *to_date);
        });
    }
}

fn level_text(level: Option<Level>) -> String {
    level.map_or_else(|| "unrated".to_owned(), |l| l.to_string())
}

fn items_ui(ui: &mut Ui, title: &str, items: &[ItemChange]) {
    if items.is_empty() {
        return;
    }
    ui.label(RichText::new(format!("{title} ({})", items.len())).strong());
    for item in items {
        ui.horizontal_wrapped(|ui| {
            ui.label("•");
            ui.label(&item.text);
        });
    }
}

fn diff_ui(ui: &mut Ui, ctx: &ViewCtx<'_>, diff: &SnapshotDiff) {
    let visuals = ui.visuals().clone();
    if diff.is_empty() {
        ui.label(RichText::new("Nothing changed between these two.").weak());
        return;
    }
    if let Some((before, after)) = &diff.target {
        ui.label(format!(
            "Target role: {} to {}",
            ctx.framework.role_name(before),
            ctx.framework.role_name(after)
        ));
    }
    if !diff.ratings.is_empty() {
        ui.label(RichText::new("Ratings").strong());
        for change in &diff.ratings {
            let up = change.delta() > 0;
            let who = match change.rater {
                Rater::Own => "self",
                Rater::Mentor => "mentor",
            };
            ui.horizontal(|ui| {
                let (arrow, color) = if up {
                    ("⬆", theme::good(&visuals))
                } else {
                    ("⬇", theme::bad(&visuals))
                };
                ui.label(RichText::new(arrow).color(color));
                ui.label(format!(
                    "{} ({who}): {} to {}",
                    ctx.plan.skill_name(ctx.framework, &change.skill),
                    level_text(change.before),
                    level_text(change.after)
                ));
            });
        }
    }
    if !diff.evidence.is_empty() {
        let names: Vec<&str> = diff
            .evidence
            .iter()
            .map(|s| ctx.plan.skill_name(ctx.framework, s))
            .collect();
        ui.label(format!("New evidence for {}", names.join(", ")));
    }
    items_ui(ui, "Actions added", &diff.added);
    items_ui(ui, "Actions done", &diff.completed);
    items_ui(ui, "Actions dropped", &diff.dropped);
    items_ui(ui, "Actions started or reopened", &diff.other);
    items_ui(ui, "Actions removed", &diff.removed);
}

fn notes_between(ui: &mut Ui, ctx: &ViewCtx<'_>, from: Date, to: Date) {
    let notes: Vec<_> = ctx
        .plan
        .sessions
        .iter()
        .flat_map(|s| s.notes.iter())
        .filter(|n| n.at.date() > from && n.at.date() <= to && !n.mentor_only)
        .collect();
    if notes.is_empty() {
        return;
    }
    ui.label(RichText::new(format!("Session notes ({})", notes.len())).strong());
    for note in notes {
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(note.at.date().to_string()).small().weak());
            ui.label(&note.text);
        });
    }
}

impl ProgressView {
    fn charts_ui(&mut self, ui: &mut Ui, ctx: &ViewCtx<'_>) {
        let (history, projection) = self.series.get((ctx.derived.revision, ctx.today), || {
            (
                analysis::history(ctx.plan, ctx.framework, ctx.today),
                analysis::projection(ctx.plan, ctx.framework, ctx.today),
            )
        });
        charts_ui(ui, ctx, history, projection);
    }
}

/// Draws the skill-ratings chart and the readiness chart, starting on the first snapshot's day.
fn charts_ui(ui: &mut Ui, ctx: &ViewCtx<'_>, history: &analysis::History, projection: &analysis::Projection) {
    let Some(base) = history.points.first().map(|p| p.date) else {
        return;
    };
    let visuals = ui.visuals().clone();
    card(ui, |ui| skill_history_card_ui(ui, ctx, history, base, &visuals));
    ui.add_space(8.0);
    card(ui, |ui| {
        readiness_card_ui(ui, ctx, history, projection, base, &visuals)
    });
}

/// Labels a plot's day axis, counted from `base`, with dates.
fn date_axis(base: Date) -> impl Fn(egui_plot::GridMark, &std::ops::RangeInclusive<f64>) -> String + Copy {
    move |mark: egui_plot::GridMark, _range: &std::ops::RangeInclusive<f64>| {
        base.checked_add(jiff::Span::new().days(mark.value.round() as i64))
            .map(|d| d.to_string())
            .unwrap_or_default()
    }
}

/// Draws the content of the card charting each skill's own rating over the snapshots.
fn skill_history_card_ui(
    ui: &mut Ui,
    ctx: &ViewCtx<'_>,
    history: &analysis::History,
    base: Date,
    visuals: &egui::Visuals,
) {
    ui.heading("Skill ratings over time");
    ui.label(RichText::new("Your own ratings at each snapshot, and now.").weak());
    Plot::new("skill-history")
        .height(240.0)
        .legend(Legend::default().position(egui_plot::Corner::LeftTop))
        .include_y(0.0)
        .include_y(5.5)
        .include_x(-3.0)
        .include_x(history.points.last().map_or(0.0, |pt| day(base, pt.date)) + 12.0)
        .allow_zoom(false)
        .allow_drag(false)
        .allow_scroll(false)
        .x_axis_formatter(date_axis(base))
        .y_axis_label("level")
        .show(ui, |p| {
            for (i, skill) in history.skills.iter().enumerate() {
                let points: Vec<[f64; 2]> = history
                    .points
                    .iter()
                    .filter_map(|pt| pt.ratings[i].map(|l| [day(base, pt.date), f64::from(l.get())]))
                    .collect();
                let name = ctx.plan.skill_name(ctx.framework, skill).to_owned();
                let color = theme::overlay(visuals, i);
                p.line(
                    Line::new(name.clone(), PlotPoints::new(points.clone()))
                        .color(color)
                        .width(2.0),
                );
                p.add(
                    Points::new(name, PlotPoints::new(points))
                        .color(color)
                        .radius(3.5),
                );
            }
        });
}

/// Draws the content of the readiness card: the chart, the milestones and the projection.
fn readiness_card_ui(
    ui: &mut Ui,
    ctx: &ViewCtx<'_>,
    history: &analysis::History,
    projection: &analysis::Projection,
    base: Date,
    visuals: &egui::Visuals,
) {
    let plan = ctx.plan;
    ui.heading(format!(
        "Readiness for {}",
        ctx.framework.role_name(&plan.target_role)
    ));
    readiness_plot_ui(ui, ctx, history, projection, base, visuals);
    ui.add_space(4.0);
    if !plan.milestones.is_empty() {
        let mut milestones: Vec<_> = plan.milestones.iter().collect();
        milestones.sort_by_key(|m| m.date);
        let list: Vec<String> = milestones
            .iter()
            .map(|m| format!("{} {}", m.date, m.title))
            .collect();
        ui.label(
            RichText::new(format!("Milestones (dotted): {}.", list.join("; ")))
                .small()
                .weak(),
        );
    }
    ui.label(RichText::new(projection.explanation()).weak());
}

/// Plots readiness over the snapshots, its projection, the milestones and the target date.
fn readiness_plot_ui(
    ui: &mut Ui,
    ctx: &ViewCtx<'_>,
    history: &analysis::History,
    projection: &analysis::Projection,
    base: Date,
    visuals: &egui::Visuals,
) {
    let plan = ctx.plan;
    Plot::new("readiness-history")
        .height(260.0)
        .legend(Legend::default().position(egui_plot::Corner::LeftBottom))
        .include_y(0.0)
        .include_y(105.0)
        .allow_zoom(false)
        .allow_drag(false)
        .allow_scroll(false)
        .x_axis_formatter(date_axis(base))
        .y_axis_formatter(|mark, _| format!("{}%", mark.value))
        .show(ui, |p| {
            let points: Vec<[f64; 2]> = history
                .points
                .iter()
                .map(|pt| [day(base, pt.date), f64::from(pt.readiness)])
                .collect();
            p.line(
                Line::new("Readiness", PlotPoints::new(points.clone()))
                    .color(theme::own(visuals))
                    .width(2.5),
            );
            p.add(
                Points::new("Readiness", PlotPoints::new(points))
                    .color(theme::own(visuals))
                    .radius(4.0),
            );
            if projection.points.len() > 1 {
                let projected: Vec<[f64; 2]> = projection
                    .points
                    .iter()
                    .map(|(d, r)| [day(base, *d), f64::from(*r)])
                    .collect();
                p.line(
                    Line::new("Projection", PlotPoints::new(projected))
                        .color(theme::own(visuals).gamma_multiply(0.7))
                        .style(LineStyle::dashed_loose())
                        .width(2.0),
                );
            }
            for milestone in &plan.milestones {
                p.add(
                    VLine::new("Milestones", day(base, milestone.date))
                        .color(theme::requirement(visuals).gamma_multiply(0.6))
                        .style(LineStyle::dotted_loose()),
                );
            }
            if let Some(target) = plan.target_date {
                p.add(
                    VLine::new("Target date", day(base, target))
                        .color(theme::bad(visuals))
                        .width(2.0),
                );
            }
        });
}
