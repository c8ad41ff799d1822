//! Progress over time: what changed between two snapshots (by default the
//! last session and now), each skill's rating over the snapshots, and
//! readiness for the target with milestones, the target date and a
//! projection from the pace of completed actions.

use egui::{RichText, Ui};
use egui_plot::{Line, LineStyle, Plot, PlotPoint, PlotPoints, Points, Text};
use jiff::civil::Date;

use super::widgets::card;
use super::{ViewCtx, theme};
use crate::analysis::{self, ItemChange, Rater, SnapshotDiff};
use crate::model::{ItemId, Level, Snapshot};

/// View-local state of the progress view.
#[derive(Debug, Default)]
pub struct ProgressView {
    /// The snapshot chosen to compare from (`None`: the default, see
    /// [`analysis::default_comparison`]).
    pub from: Option<ItemId>,
    /// The end chosen to compare to (`None`: the default).
    pub to: Option<End>,
    /// Whether the ratings chart shows the mentor's ratings too.
    pub show_mentor: bool,
    /// The comparison shown, kept until the plan, the ends or the day change.
    diff: super::Memo<DiffKey, Option<Compared>>,
    /// The chart series, kept until the plan or the day change.
    series: super::Memo<(Option<u64>, Date), (analysis::History, analysis::Projection)>,
}

/// The end of a comparison.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum End {
    /// The plan as it is now.
    Now,
    /// A snapshot.
    Snapshot(ItemId),
}

/// A comparison: its two ends (resolved from the defaults), their dates, and
/// what changed.
#[derive(Debug)]
struct Compared {
    from: ItemId,
    to: End,
    from_date: Date,
    to_date: Date,
    diff: SnapshotDiff,
}

/// What a comparison depends on: the plan's revision, the chosen ends and the day.
type DiffKey = (Option<u64>, Option<ItemId>, Option<End>, Date);

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
        let (history, projection) = self.series.get((ctx.derived.revision, ctx.today), || {
            (
                analysis::history(ctx.plan, ctx.framework, ctx.today),
                analysis::projection(ctx.plan, ctx.framework, ctx.today),
            )
        });
        // Cloned out of the memo so the comparison below can borrow `self`;
        // a few kilobytes once a frame, only on this tab.
        let (history, projection) = (history.clone(), projection.clone());
        if ui.available_width() > 1000.0 {
            ui.columns(2, |columns| {
                super::widgets::scroll_view(&mut columns[0], "progress-changes", |ui| {
                    // Left-aligned: a column justifies its text otherwise.
                    ui.with_layout(egui::Layout::top_down(egui::Align::Min), |ui| {
                        self.since_ui(ui, ctx);
                    });
                    super::widgets::follow_focus(ui);
                });
                super::widgets::scroll_view(&mut columns[1], "progress-charts", |ui| {
                    self.ratings_card(ui, ctx, &history);
                    ui.add_space(8.0);
                    readiness_card(ui, ctx, &history, &projection);
                    super::widgets::follow_focus(ui);
                });
            });
        } else {
            super::widgets::scroll_view(ui, "progress-view", |ui| {
                self.since_ui(ui, ctx);
                ui.add_space(8.0);
                self.ratings_card(ui, ctx, &history);
                ui.add_space(8.0);
                readiness_card(ui, ctx, &history, &projection);
                super::widgets::follow_focus(ui);
            });
        }
    }

    fn since_ui(&mut self, ui: &mut Ui, ctx: &ViewCtx<'_>) {
        let plan = ctx.plan;
        card(ui, |ui| {
            ui.heading("What changed");
            let (chosen_from, chosen_to) = (self.from, self.to);
            let compared = self
                .diff
                .get((ctx.derived.revision, chosen_from, chosen_to, ctx.today), || {
                    compare(plan, ctx.today, chosen_from, chosen_to)
                });
            let Some(compared) = compared else {
                ui.label(
                    RichText::new(
                        "Snapshots are taken when a session ends; after the first one, changes show here.",
                    )
                    .weak(),
                );
                return;
            };
            let (mut from, mut to) = (compared.from, compared.to);
            ends_ui(ui, plan, &mut from, &mut to);
            ui.add_space(4.0);
            diff_ui(ui, ctx, &compared.diff);
            notes_between(ui, ctx, compared.from_date, compared.to_date);
            if from != compared.from {
                self.from = Some(from);
            }
            if to != compared.to {
                self.to = Some(to);
            }
        });
    }
}

/// The comparison for the chosen ends, each end not chosen taken from
/// [`analysis::default_comparison`]; `None` when the plan has no snapshot.
fn compare(
    plan: &crate::model::Plan,
    today: Date,
    from: Option<ItemId>,
    to: Option<End>,
) -> Option<Compared> {
    let (default_from, default_to) = analysis::default_comparison(plan, today)?;
    let from = from.unwrap_or(default_from);
    let to = to.unwrap_or(default_to.map_or(End::Now, End::Snapshot));
    let from_snapshot = plan.snapshots.iter().find(|s| s.id == from)?;
    let now;
    let to_snapshot = match to {
        End::Snapshot(id) => plan.snapshots.iter().find(|s| s.id == id)?,
        End::Now => {
            now = plan.take_snapshot(ItemId(0), today, "Now", None);
            &now
        }
    };
    Some(Compared {
        from,
        to,
        from_date: from_snapshot.date,
        to_date: to_snapshot.date,
        diff: analysis::diff_snapshots(from_snapshot, to_snapshot),
    })
}

/// The two combo boxes that choose what to compare; they fit side by side
/// in the column they are given, however narrow.
fn ends_ui(ui: &mut Ui, plan: &crate::model::Plan, from: &mut ItemId, to: &mut End) {
    let label = |id: ItemId| {
        plan.snapshots
            .iter()
            .find(|s| s.id == id)
            .map_or_else(|| "Choose".to_owned(), snapshot_label)
    };
    ui.horizontal(|ui| {
        let spacing = ui.spacing().item_spacing.x;
        let words = 70.0;
        let width = ((ui.available_width() - words - 4.0 * spacing) / 2.0).clamp(120.0, 240.0);
        ui.label("From");
        let from_text = label(*from);
        super::widgets::combo(ui, "since-from", "Compare from", &from_text, Some(width), |ui| {
            for s in &plan.snapshots {
                ui.selectable_value(from, s.id, snapshot_label(s));
            }
        });
        ui.label("to");
        let to_text = match *to {
            End::Now => "Now".to_owned(),
            End::Snapshot(id) => label(id),
        };
        super::widgets::combo(ui, "since-to", "Compare to", &to_text, Some(width), |ui| {
            ui.selectable_value(to, End::Now, "Now");
            for s in &plan.snapshots {
                ui.selectable_value(to, End::Snapshot(s.id), snapshot_label(s));
            }
        });
    });
}

fn level_text(level: Option<Level>) -> String {
    level.map_or_else(|| "unrated".to_owned(), |l| l.to_string())
}

fn items_ui(ui: &mut Ui, title: &str, items: &[ItemChange]) {
    if items.is_empty() {
        return;
    }
    ui.label(RichText::new(format!("{title} ({})", items.len())).strong());
    long_list(ui, title, items.len(), |ui, i| {
        ui.horizontal_wrapped(|ui| {
            ui.label("•");
            ui.label(&items[i].text);
        });
    });
}

/// How many lines of a list the view shows before "Show all".
const SHORT_LIST: usize = 12;

/// Draws lines `0..len` of a list: the first [`SHORT_LIST`], then a "Show
/// all" button. Shown all, only the lines in view are laid out (the rest
/// is empty space of their height), so thousands of new actions cost no
/// more than a screenful.
fn long_list(ui: &mut Ui, key: &str, len: usize, mut line: impl FnMut(&mut Ui, usize)) {
    let id = ui.make_persistent_id(("long-list", key));
    let all = ui.data(|d| d.get_temp::<bool>(id)).unwrap_or(false);
    if len <= SHORT_LIST || !all {
        for i in 0..len.min(SHORT_LIST) {
            line(ui, i);
        }
        if len > SHORT_LIST
            && ui
                .button(format!("Show all {len}"))
                .on_hover_text("List every one")
                .clicked()
        {
            ui.data_mut(|d| d.insert_temp(id, true));
        }
        return;
    }
    let row = ui.text_style_height(&egui::TextStyle::Body) + ui.spacing().item_spacing.y + 4.0;
    let top = ui.cursor().top();
    let clip = ui.clip_rect();
    let index = |y: f32| ((y - top) / row).max(0.0) as usize;
    let (first, last) = (index(clip.top()).min(len), (index(clip.bottom()) + 1).min(len));
    ui.add_space(first as f32 * row);
    let width = ui.available_width();
    for i in first..last {
        // Each line under an id of its own: the same whichever lines are in view.
        ui.push_id(("line", i), |ui| {
            ui.allocate_ui_with_layout(
                egui::vec2(width, row),
                egui::Layout::left_to_right(egui::Align::Center),
                |ui| {
                    ui.set_height(row);
                    line(ui, i);
                },
            );
        });
    }
    ui.add_space((len - last) as f32 * row);
    if ui.button("Show fewer").clicked() {
        ui.data_mut(|d| d.insert_temp(id, false));
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

/// A note's date as sentences write dates ("1 Dec 2026").
fn note_date(note: &crate::model::SessionNote) -> String {
    crate::dates::human_date(note.at.date())
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
    long_list(ui, "session-notes", notes.len(), |ui, i| {
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(note_date(notes[i])).small().weak());
            ui.label(&notes[i].text);
        });
    });
}

impl ProgressView {
    /// The card charting each skill's rating at every snapshot, and now:
    /// the person's own, and the mentor's when asked for.
    fn ratings_card(&mut self, ui: &mut Ui, ctx: &ViewCtx<'_>, history: &analysis::History) {
        let Some(base) = history.points.first().map(|p| p.date) else {
            return;
        };
        let visuals = ui.visuals().clone();
        card(ui, |ui| {
            ui.horizontal(|ui| {
                ui.heading("Skill ratings over time");
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    ui.checkbox(&mut self.show_mentor, "Mentor's ratings too")
                        .on_hover_text("Draw the mentor's ratings as dashed lines beside your own");
                });
            });
            let what = if self.show_mentor {
                "Solid lines: your own ratings; dashed: your mentor's. One point per snapshot, and now."
            } else {
                "Your own ratings: one point per snapshot, and now."
            };
            ui.label(RichText::new(what).weak());
            let names: Vec<String> = history
                .skills
                .iter()
                .map(|s| ctx.plan.skill_name(ctx.framework, s).to_owned())
                .collect();
            legend_ui(
                ui,
                names
                    .iter()
                    .enumerate()
                    .map(|(i, n)| (n.as_str(), theme::overlay(&visuals, i))),
            );
            ratings_plot_ui(ui, history, &names, base, self.show_mentor, &visuals);
        });
    }
}

/// A legend drawn above a chart (inside the chart it hides the first points):
/// a coloured dot and a name per series, wrapping as needed.
fn legend_ui<'n>(ui: &mut Ui, entries: impl Iterator<Item = (&'n str, egui::Color32)>) {
    ui.horizontal_wrapped(|ui| {
        let spacing = ui.spacing().item_spacing.x;
        for (name, color) in entries {
            // One entry wraps as a whole, never between its dot and name:
            // measured first, and put on a new line when it does not fit.
            let galley = ui.painter().layout_no_wrap(
                name.to_owned(),
                egui::TextStyle::Body.resolve(ui.style()),
                ui.visuals().text_color(),
            );
            let width = 10.0 + 2.0 * spacing + galley.size().x + 6.0;
            if width > ui.available_size_before_wrap().x {
                ui.end_row();
            }
            let (rect, _) = ui.allocate_exact_size(egui::vec2(10.0, 10.0), egui::Sense::hover());
            ui.painter().circle_filled(rect.center(), 4.5, color);
            ui.add(egui::Label::new(name).extend());
            ui.add_space(6.0);
        }
    });
}

/// Grid marks at every snapshot's day, so each is labelled; where they
/// crowd, the closer ones fade (their step is the gap to the nearest).
fn snapshot_marks(days: &[f64]) -> Vec<egui_plot::GridMark> {
    days.iter()
        .enumerate()
        .map(|(i, &value)| {
            let before = i.checked_sub(1).map_or(f64::INFINITY, |j| value - days[j]);
            let after = days.get(i + 1).map_or(f64::INFINITY, |next| next - value);
            let step = before.min(after);
            egui_plot::GridMark {
                value,
                step_size: if step.is_finite() { step.max(1.0) } else { 30.0 },
            }
        })
        .collect()
}

/// Plots each skill's rating over the snapshots. Lines that share a level
/// are drawn a little apart (at most a third of a level in all), so none
/// hides another.
fn ratings_plot_ui(
    ui: &mut Ui,
    history: &analysis::History,
    names: &[String],
    base: Date,
    show_mentor: bool,
    visuals: &egui::Visuals,
) {
    let days: Vec<f64> = history.points.iter().map(|pt| day(base, pt.date)).collect();
    let last = days.last().copied().unwrap_or(0.0);
    let count = history.skills.len().max(2) as f64;
    let step = (0.6 / (count - 1.0)).min(0.08);
    Plot::new("skill-history")
        .height(240.0)
        .include_y(0.5)
        .include_y(5.5)
        .include_x(-(last / 20.0).max(3.0))
        .include_x(last + (last / 20.0).max(3.0))
        .allow_zoom(false)
        .allow_drag(false)
        .allow_scroll(false)
        .x_grid_spacer(move |_| snapshot_marks(&days))
        .x_axis_formatter(date_axis(base))
        .grid_color(grid_color(visuals))
        .grid_fade(0.0)
        .y_grid_spacer(|_| {
            (1..=5)
                .map(|l| egui_plot::GridMark {
                    value: f64::from(l),
                    step_size: 1.0,
                })
                .collect()
        })
        .y_axis_label("level")
        .show(ui, |p| {
            for (i, name) in names.iter().enumerate() {
                let offset = (i as f64 - (count - 1.0) / 2.0) * step;
                let color = theme::overlay(visuals, i);
                let series = |mentor: bool| -> Vec<[f64; 2]> {
                    history
                        .points
                        .iter()
                        .filter_map(|pt| {
                            let level = if mentor { pt.mentor[i] } else { pt.ratings[i] };
                            level.map(|l| [day(base, pt.date), f64::from(l.get()) + offset])
                        })
                        .collect()
                };
                let own = series(false);
                p.line(
                    Line::new(name.clone(), PlotPoints::new(own.clone()))
                        .color(color)
                        .width(2.0),
                );
                p.add(
                    Points::new(name.clone(), PlotPoints::new(own))
                        .color(color)
                        .radius(3.5),
                );
                if show_mentor {
                    let mentor = series(true);
                    let label = format!("{name} (mentor)");
                    p.line(
                        Line::new(label.clone(), PlotPoints::new(mentor.clone()))
                            .color(color)
                            .style(LineStyle::dashed_dense())
                            .width(1.5),
                    );
                    p.add(
                        Points::new(label, PlotPoints::new(mentor))
                            .color(color)
                            .shape(egui_plot::MarkerShape::Square)
                            .radius(3.0),
                    );
                }
            }
        });
}

/// The date `days` after `base` (a plot's day coordinate).
fn date_at(base: Date, days: f64) -> Option<Date> {
    base.checked_add(jiff::Span::new().days(days.round() as i64)).ok()
}

/// Labels a plot's day axis, counted from `base`, with dates as people
/// write them ("18 Aug 2026").
fn date_axis(base: Date) -> impl Fn(egui_plot::GridMark, &std::ops::RangeInclusive<f64>) -> String + Copy {
    move |mark: egui_plot::GridMark, _range: &std::ops::RangeInclusive<f64>| {
        date_at(base, mark.value)
            .map(crate::dates::human_date)
            .unwrap_or_default()
    }
}

/// Labels a plot's day axis, counted from `base`, with months ("Dec 2026").
fn month_axis(base: Date) -> impl Fn(egui_plot::GridMark, &std::ops::RangeInclusive<f64>) -> String + Copy {
    move |mark: egui_plot::GridMark, _range: &std::ops::RangeInclusive<f64>| {
        date_at(base, mark.value)
            .map(|d| d.strftime("%b %Y").to_string())
            .unwrap_or_default()
    }
}

/// The smallest gap between two grid lines of the readiness chart (egui_plot's
/// default, set on it), which sets [`egui_plot::GridInput::base_step_size`].
const GRID_MIN_SPACING: f64 = 8.0;
/// The least room, in points, a month label ("Sep 2027") gets.
const MONTH_LABEL_SPACING: f64 = 90.0;

/// How many months apart the marks of a date axis are, for `days_per_point`:
/// the fewest of 1, 2, 3, 6 and 12 that leave every label its room.
fn month_step(days_per_point: f64) -> i32 {
    let days = MONTH_LABEL_SPACING * days_per_point;
    [1, 2, 3, 6, 12]
        .into_iter()
        .find(|months| f64::from(*months) * 30.4 >= days)
        .unwrap_or(12)
}

/// Grid marks on the first of the month, every [`month_step`] months (in
/// step with the calendar: quarters start in January, April, …), within the
/// plot's `input` bounds in days from `base`.
fn month_marks(base: Date, input: &egui_plot::GridInput) -> Vec<egui_plot::GridMark> {
    let step = month_step(input.base_step_size / GRID_MIN_SPACING);
    let (Some(from), Some(to)) = (date_at(base, input.bounds.0), date_at(base, input.bounds.1)) else {
        return Vec::new();
    };
    let month = i32::from(from.month()) - 1;
    let Ok(mut date) = from
        .first_of_month()
        .checked_sub(jiff::Span::new().months(month % step))
    else {
        return Vec::new();
    };
    let mut marks = Vec::new();
    while date <= to && marks.len() < 200 {
        if date >= from {
            marks.push(egui_plot::GridMark {
                value: day(base, date),
                step_size: f64::from(step) * 30.4,
            });
        }
        let Ok(next) = date.checked_add(jiff::Span::new().months(step)) else {
            break;
        };
        date = next;
    }
    marks
}

/// A grid that stays behind the data: one faint colour, no fading.
fn grid_color(visuals: &egui::Visuals) -> egui::Color32 {
    visuals.weak_text_color().gamma_multiply(0.3)
}

/// The readiness card: the chart, the milestones and the projection.
fn readiness_card(
    ui: &mut Ui,
    ctx: &ViewCtx<'_>,
    history: &analysis::History,
    projection: &analysis::Projection,
) {
    let Some(base) = history.points.first().map(|p| p.date) else {
        return;
    };
    let visuals = ui.visuals().clone();
    card(ui, |ui| {
        let plan = ctx.plan;
        ui.heading(format!(
            "Readiness for {}",
            ctx.framework.role_name(&plan.target_role)
        ));
        let mut entries = vec![
            ("Readiness", theme::own(&visuals)),
            ("Projection (dashed)", theme::own(&visuals).gamma_multiply(0.7)),
        ];
        if !plan.milestones.is_empty() {
            entries.push(("Milestones (dotted: M1, M2, …)", theme::requirement(&visuals)));
        }
        if plan.target_date.is_some() {
            entries.push(("Target date", theme::bad(&visuals)));
        }
        legend_ui(ui, entries.into_iter());
        readiness_plot_ui(ui, ctx, history, projection, base, &visuals);
        ui.add_space(4.0);
        if !plan.milestones.is_empty() {
            // Numbered as their lines on the chart are.
            let list: Vec<String> = plan
                .milestones_by_date()
                .iter()
                .enumerate()
                .map(|(i, m)| format!("M{} {}: {}", i + 1, crate::dates::human_date(m.date), m.title))
                .collect();
            ui.label(
                RichText::new(format!("Milestones: {}.", list.join("; ")))
                    .small()
                    .weak(),
            );
        }
        ui.label(RichText::new(projection.explanation()).weak());
    });
}

/// A vertical line on the readiness chart that names a date: a milestone
/// or the target date.
struct DateLine {
    /// Days from the chart's first date.
    x: f64,
    /// The tag at its top ("1", "Target").
    tag: String,
    /// What hovering over it says.
    hover: String,
    /// Its colour.
    color: egui::Color32,
    /// Its width.
    width: f32,
    /// Dotted (a milestone) or solid (the target date).
    dotted: bool,
}

/// The milestones (numbered in date order, as the list under the chart)
/// and the target date, as lines on a chart whose days count from `base`.
fn date_lines(plan: &crate::model::Plan, base: Date, visuals: &egui::Visuals) -> Vec<DateLine> {
    let mut lines: Vec<DateLine> = plan
        .milestones_by_date()
        .iter()
        .enumerate()
        .map(|(i, m)| DateLine {
            x: day(base, m.date),
            tag: format!("M{}", i + 1),
            hover: format!(
                "M{}: {} ({}{})",
                i + 1,
                m.title,
                crate::dates::human_date(m.date),
                if m.reached { ", reached" } else { "" }
            ),
            color: theme::requirement(visuals),
            width: 1.0,
            dotted: true,
        })
        .collect();
    if let Some(target) = plan.target_date {
        lines.push(DateLine {
            x: day(base, target),
            tag: "Target".to_owned(),
            hover: format!("Target date: {}", crate::dates::human_date(target)),
            color: theme::bad(visuals),
            width: 2.0,
            dotted: false,
        });
    }
    lines
}

/// How far up the chart the tags of the date lines sit (readiness %).
const TAG_Y: f64 = 108.0;

/// Plots readiness over the snapshots, its projection, the milestones and
/// the target date, from 0 to 100 %: months on a light grid, each date line
/// tagged at its top and named on hover.
fn readiness_plot_ui(
    ui: &mut Ui,
    ctx: &ViewCtx<'_>,
    history: &analysis::History,
    projection: &analysis::Projection,
    base: Date,
    visuals: &egui::Visuals,
) {
    let lines = date_lines(ctx.plan, base, visuals);
    let shown = Plot::new("readiness-history")
        .height(270.0)
        .include_y(0.0)
        .include_y(TAG_Y + 4.0)
        .set_margin_fraction(egui::vec2(0.05, 0.02))
        .allow_zoom(false)
        .allow_drag(false)
        .allow_scroll(false)
        .grid_color(grid_color(visuals))
        .grid_fade(0.0)
        .grid_spacing(egui::Rangef::new(GRID_MIN_SPACING as f32, 300.0))
        .x_grid_spacer(move |input| month_marks(base, &input))
        .x_axis_formatter(month_axis(base))
        .y_grid_spacer(|_| {
            (0..=5)
                .map(|k| egui_plot::GridMark {
                    value: f64::from(k * 20),
                    step_size: 20.0,
                })
                .collect()
        })
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
            for line in &lines {
                // Up to the tags, not through them.
                let top = TAG_Y - 5.0;
                let mut vline = Line::new(&line.hover, PlotPoints::new(vec![[line.x, 0.0], [line.x, top]]))
                    .color(if line.dotted {
                        line.color.gamma_multiply(0.75)
                    } else {
                        line.color
                    })
                    .width(line.width)
                    .allow_hover(false);
                if line.dotted {
                    vline = vline.style(LineStyle::dotted_loose());
                }
                p.line(vline);
                p.text(
                    Text::new(
                        "",
                        PlotPoint::new(line.x, TAG_Y),
                        // The colour on the text itself: egui_plot's colour
                        // only fills in for text that has none.
                        RichText::new(format!(" {} ", line.tag))
                            .small()
                            .color(theme::on(line.color))
                            .background_color(line.color),
                    )
                    .anchor(egui::Align2::CENTER_CENTER),
                );
            }
        });
    // A line's name when the pointer is on it (or on its tag).
    if let Some(pointer) = shown.response.hover_pos() {
        let near: Vec<&str> = lines
            .iter()
            .filter(|l| (shown.transform.position_from_point_x(l.x) - pointer.x).abs() <= 8.0)
            .map(|l| l.hover.as_str())
            .collect();
        if !near.is_empty() {
            shown.response.on_hover_text_at_pointer(near.join("\n"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn month_steps_leave_room_for_their_labels() {
        // 600 days over 450 points, as the chart at 1024×700.
        assert_eq!(month_step(600.0 / 450.0), 6);
        // 600 days over 880 points, at 1920×1080.
        assert_eq!(month_step(600.0 / 880.0), 3);
        assert_eq!(month_step(60.0 / 800.0), 1);
        assert_eq!(month_step(10_000.0 / 400.0), 12);
    }

    #[test]
    fn month_marks_fall_on_the_first_of_a_month_in_step_with_the_calendar() {
        let base = date(2026, 8, 18);
        let input = egui_plot::GridInput {
            bounds: (-10.0, 600.0),
            // 3 months a mark: 600 days over 880 points.
            base_step_size: GRID_MIN_SPACING * 600.0 / 880.0,
        };
        let dates: Vec<Date> = month_marks(base, &input)
            .iter()
            .map(|m| date_at(base, m.value).expect("a date"))
            .collect();
        assert_eq!(
            dates,
            [
                date(2026, 10, 1),
                date(2027, 1, 1),
                date(2027, 4, 1),
                date(2027, 7, 1),
                date(2027, 10, 1),
                date(2028, 1, 1),
                date(2028, 4, 1),
            ]
        );
        assert_eq!(
            month_axis(base)(month_marks(base, &input)[1], &(0.0..=1.0)),
            "Jan 2027"
        );
    }
}
