//! The path view: a radar of ratings against the target's needs (other
//! targets as overlays), the route there with readiness at each step, the
//! ranking of the target roles, and the time allocation now and at the target.

use std::collections::BTreeSet;
use std::f64::consts::TAU;

use egui::{Align2, Color32, CornerRadius, FontId, RichText, Sense, Stroke, Ui, pos2, vec2};
use egui_plot::{Legend, Line, LineStyle, Plot, PlotPoint, PlotPoints, Polygon, Text};

use super::widgets::{self, card};
use super::{Edits, ViewCtx, theme};
use crate::analysis::Rater;
use crate::model::{Allocation, Command, Level, MoveKind, RoleId, Source};

/// View-local state of the path view.
#[derive(Debug, Default)]
pub struct PathView {
    /// Other target roles drawn on the radar.
    pub overlays: BTreeSet<RoleId>,
    /// Where the radar was drawn last frame, in points.
    radar_rect: Option<egui::Rect>,
}

impl PathView {
    /// Where the radar was drawn last frame, in points (for the app to
    /// take its image).
    pub fn radar_rect(&self) -> Option<egui::Rect> {
        self.radar_rect
    }
}

/// One series on the radar: a name and a value per axis.
#[derive(Clone, Debug, PartialEq)]
pub struct RadarSeries {
    /// Legend name.
    pub name: String,
    /// One value per axis (0 when unrated).
    pub values: Vec<f64>,
}

/// What the radar draws: axis names and the series, in drawing order
/// (target needs, overlays, mentor, self). Kept separate from drawing so tests
/// can check the data that goes into the plot.
#[derive(Clone, Debug, PartialEq)]
pub struct RadarData {
    /// One axis per skill.
    pub axes: Vec<String>,
    /// The target role's needs.
    pub target: RadarSeries,
    /// Other target roles switched on as overlays.
    pub overlays: Vec<RadarSeries>,
    /// The mentor's ratings, if any.
    pub mentor: Option<RadarSeries>,
    /// The person's own ratings.
    pub own: RadarSeries,
}

/// Builds the radar's data for the plan in `ctx` with `overlays` switched on.
pub fn radar_data(ctx: &ViewCtx<'_>, overlays: &BTreeSet<RoleId>) -> RadarData {
    let plan = ctx.plan;
    let skills: Vec<_> = plan.all_skills(ctx.framework).collect();
    let level = |l: Option<Level>| l.map_or(0.0, |l| f64::from(l.get()));
    let needs = |role: &RoleId| RadarSeries {
        name: format!("{} needs", ctx.framework.role_name(role)),
        values: skills
            .iter()
            .map(|s| level(plan.required(ctx.framework, role, s.id())))
            .collect(),
    };
    let has_mentor = skills.iter().any(|s| plan.mentor_rating(s.id()).is_some());
    RadarData {
        axes: skills.iter().map(|s| s.name().to_owned()).collect(),
        target: needs(&plan.target_role),
        overlays: ctx
            .framework
            .targets()
            .filter(|r| r.id != plan.target_role && overlays.contains(&r.id))
            .map(|r| needs(&r.id))
            .collect(),
        mentor: has_mentor.then(|| RadarSeries {
            name: "Mentor's ratings".to_owned(),
            values: skills
                .iter()
                .map(|s| level(Rater::Mentor.rating(plan, s.id())))
                .collect(),
        }),
        own: RadarSeries {
            name: "Your ratings".to_owned(),
            values: skills
                .iter()
                .map(|s| level(Rater::Own.rating(plan, s.id())))
                .collect(),
        },
    }
}

/// The point for `value` on axis `index` of `count`, starting at the top and
/// going clockwise.
fn radar_point(index: usize, count: usize, value: f64) -> [f64; 2] {
    let angle = TAU / 4.0 - TAU * index as f64 / count.max(1) as f64;
    [value * angle.cos(), value * angle.sin()]
}

fn ring(count: usize, values: &[f64]) -> Vec<[f64; 2]> {
    (0..count)
        .map(|i| radar_point(i, count, values.get(i).copied().unwrap_or(0.0)))
        .collect()
}

impl PathView {
    /// Draws the view.
    pub fn ui(&mut self, ui: &mut Ui, ctx: &ViewCtx<'_>, edits: &mut Edits) {
        let show_mentor = ctx.show_mentor;
        // The radar grows with the window's height as well as its width,
        // up to what fits without scrolling.
        let view_height = ui.available_height();
        super::widgets::scroll_view(ui, "path-view", |ui| {
            // Measured from the content's top, which moves with the scroll,
            // so the chart keeps its size while the view scrolls.
            let top = ui.max_rect().top();
            let fit = Fit { top, view_height };
            let wide = ui.available_width() > 980.0;
            // Wide: the route goes in the right column, under the ranking
            // and the time allocation, so the whole view fits at 1280×800.
            if wide {
                ui.columns(2, |columns| {
                    self.radar_card(&mut columns[0], ctx, edits, (show_mentor, fit));
                    ranking_card(&mut columns[1], ctx, edits);
                    columns[1].add_space(8.0);
                    allocation_card(&mut columns[1], ctx);
                    columns[1].add_space(8.0);
                    route_card(&mut columns[1], ctx);
                });
            } else {
                self.radar_card(ui, ctx, edits, (show_mentor, fit));
                ui.add_space(8.0);
                ranking_card(ui, ctx, edits);
                ui.add_space(8.0);
                allocation_card(ui, ctx);
                ui.add_space(8.0);
                route_card(ui, ctx);
            }
            super::widgets::follow_focus(ui);
        });
    }

    fn radar_card(
        &mut self,
        ui: &mut Ui,
        ctx: &ViewCtx<'_>,
        edits: &mut Edits,
        (show_mentor, fit): (bool, Fit),
    ) {
        card(ui, |ui| {
            ui.horizontal(|ui| {
                ui.heading("Ratings against the target");
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    if ui
                        .button("Save image…")
                        .on_hover_text("Save the chart as it is shown now as a PNG image")
                        .clicked()
                    {
                        edits.request(super::Request::SaveChartImage);
                    }
                });
            });
            ui.horizontal_wrapped(|ui| {
                ui.label(RichText::new("Also show:").weak());
                for role in ctx.framework.targets().filter(|r| r.id != ctx.plan.target_role) {
                    let mut on = self.overlays.contains(&role.id);
                    if ui
                        .checkbox(&mut on, &role.name)
                        .on_hover_text(format!("Draw what {} needs on the chart", role.name))
                        .changed()
                    {
                        if on {
                            self.overlays.insert(role.id.clone());
                        } else {
                            self.overlays.remove(&role.id);
                        }
                    }
                }
            });
            let mut data = radar_data(ctx, &self.overlays);
            if !show_mentor {
                data.mentor = None;
            }
            // What is left of the view's height below the card's header,
            // less the card's bottom margin and the view's.
            let room = fit.view_height - (ui.cursor().top() - fit.top) - 28.0;
            let side = (room / RADAR_HEIGHT as f32).clamp(*RADAR_SIDE.start(), *RADAR_SIDE.end());
            self.radar_rect = Some(radar_plot(ui, &data, side));
        });
    }
}

/// Where the view's content starts and how tall the view is, for a chart
/// that should fit in it.
#[derive(Clone, Copy, Debug)]
struct Fit {
    top: f32,
    view_height: f32,
}

/// The chart's height as a share of its width.
const RADAR_HEIGHT: f64 = 0.92;
/// The radar's width as far as the column allows: at least this, as it was
/// before it grew with the window (a short window scrolls, as its other
/// column does), at most this (a tall one keeps some air).
const RADAR_SIDE: std::ops::RangeInclusive<f32> = 460.0..=900.0;
/// How far out the skill names sit, in levels from the centre.
const LABEL_RADIUS: f64 = 5.75;

/// Where a skill name sits against its point: beside it on the left and
/// right, above it at the top, below it at the bottom.
fn label_anchor([x, y]: [f64; 2]) -> Align2 {
    match (x > 0.4, x < -0.4, y > 0.0) {
        (true, _, _) => Align2::LEFT_CENTER,
        (_, true, _) => Align2::RIGHT_CENTER,
        (_, _, true) => Align2::CENTER_BOTTOM,
        _ => Align2::CENTER_TOP,
    }
}

/// A skill name as the radar shows it: on the left and right, a name of
/// more than one word longer than 12 letters goes on two lines, broken at
/// the space nearest its middle, so the chart can stay large.
fn side_label(name: &str, anchor: Align2) -> String {
    let beside = anchor == Align2::LEFT_CENTER || anchor == Align2::RIGHT_CENTER;
    if !beside || name.chars().count() <= 12 {
        return name.to_owned();
    }
    let middle = name.len() / 2;
    let split = name
        .match_indices(' ')
        .map(|(at, _)| at)
        .min_by_key(|at| at.abs_diff(middle));
    match split {
        Some(at) => format!("{}\n{}", &name[..at], &name[at + 1..]),
        None => name.to_owned(),
    }
}

/// How far the plot must reach from the centre (in levels, across; up and
/// down it reaches [`RADAR_HEIGHT`] of that) for every skill name to fit
/// inside a chart `size` points wide: measured from the names as they are
/// laid out, so long names, a narrow column or a large zoom shrink the
/// chart rather than cut a name.
fn radar_extent(ui: &Ui, names: &[String], size: f32) -> f64 {
    let font = egui::TextStyle::Body.resolve(ui.style());
    let n = names.len();
    let mut extent: f64 = 6.6;
    for (i, name) in names.iter().enumerate() {
        let point = radar_point(i, n, LABEL_RADIUS);
        let text = side_label(name, label_anchor(point));
        let galley = ui.painter().layout_no_wrap(text, font.clone(), Color32::WHITE);
        // The name's size as a share of the chart's width.
        let w = f64::from(galley.size().x) / f64::from(size);
        let h = f64::from(galley.size().y) / f64::from(size);
        let (x, y) = (point[0].abs(), point[1].abs());
        // Across the chart spans 2·extent, so a share s of its width is
        // 2·extent·s levels; each side must hold the name's reach.
        let (across, up) = match label_anchor(point) {
            a if a == Align2::LEFT_CENTER || a == Align2::RIGHT_CENTER => {
                ((x, 1.0 - 2.0 * w), (y, RADAR_HEIGHT - h))
            }
            _ => ((x, 1.0 - w), (y, RADAR_HEIGHT - 2.0 * h)),
        };
        for (reach, room) in [across, up] {
            // A name wider than the chart can hold is left to overflow at
            // the smallest size rather than shrink the chart to nothing.
            extent = extent.max(reach / room.max(0.25));
        }
    }
    extent * 1.03
}

/// Where the number of ring `level` sits: on the ring, halfway between the
/// first two axes, where no axis crosses it (its background hides the ring).
fn level_label_point(level: f64, count: usize) -> [f64; 2] {
    let count = count.max(3);
    let angle = TAU / 4.0 - TAU / 2.0 / count as f64;
    let radius = level * (TAU / 2.0 / count as f64).cos();
    [radius * angle.cos(), radius * angle.sin()]
}

/// Draws the radar chart with egui_plot, at most `max_width` wide; returns
/// where it was drawn.
pub fn radar_plot(ui: &mut Ui, data: &RadarData, max_width: f32) -> egui::Rect {
    let visuals = ui.visuals().clone();
    let n = data.axes.len();
    let grid = visuals.weak_text_color().gamma_multiply(0.35);
    let size = ui.available_width().min(max_width);
    let extent = radar_extent(ui, &data.axes, size);
    Plot::new("radar")
        .data_aspect(1.0)
        .width(size)
        .height(size * RADAR_HEIGHT as f32)
        .show_axes(false)
        .show_grid(false)
        .show_x(false)
        .show_y(false)
        .allow_zoom(false)
        .allow_drag(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .allow_double_click_reset(false)
        .include_x(-extent)
        .include_x(extent)
        .include_y(-extent * RADAR_HEIGHT)
        .include_y(extent * RADAR_HEIGHT)
        .show_background(false)
        .legend(
            Legend::default()
                .position(egui_plot::Corner::LeftTop)
                .background_alpha(0.6),
        )
        .show(ui, |plot| {
            for level in 1..=5 {
                let mut points = ring(n, &vec![f64::from(level); n]);
                points.push(radar_point(0, n, f64::from(level)));
                plot.line(
                    Line::new("", PlotPoints::new(points))
                        .color(grid)
                        .width(1.0)
                        .allow_hover(false),
                );
            }
            for (i, axis) in data.axes.iter().enumerate() {
                let end = radar_point(i, n, 5.0);
                plot.line(
                    Line::new("", PlotPoints::new(vec![[0.0, 0.0], end]))
                        .color(grid)
                        .width(1.0)
                        .allow_hover(false),
                );
                let label = radar_point(i, n, LABEL_RADIUS);
                let anchor = label_anchor(label);
                plot.text(
                    Text::new(
                        "",
                        PlotPoint::new(label[0], label[1]),
                        RichText::new(side_label(axis, anchor))
                            .strong()
                            .text_style(egui::TextStyle::Body),
                    )
                    .color(visuals.text_color())
                    .anchor(anchor),
                );
            }
            let requirement = theme::requirement(&visuals);
            plot.polygon(
                Polygon::new(
                    data.target.name.clone(),
                    PlotPoints::new(ring(n, &data.target.values)),
                )
                .fill_color(requirement.gamma_multiply(0.12))
                .stroke(Stroke::new(2.0, requirement))
                .allow_hover(false),
            );
            for (i, overlay) in data.overlays.iter().enumerate() {
                let mut points = ring(n, &overlay.values);
                points.push(radar_point(0, n, overlay.values.first().copied().unwrap_or(0.0)));
                plot.line(
                    Line::new(overlay.name.clone(), PlotPoints::new(points))
                        .color(theme::overlay(&visuals, i))
                        .style(LineStyle::dashed_loose())
                        .width(2.0),
                );
            }
            if let Some(mentor) = &data.mentor {
                let color = theme::mentor(&visuals);
                plot.polygon(
                    Polygon::new(mentor.name.clone(), PlotPoints::new(ring(n, &mentor.values)))
                        .fill_color(color.gamma_multiply(0.12))
                        .stroke(Stroke::new(2.0, color)),
                );
            }
            let own = theme::own(&visuals);
            plot.polygon(
                Polygon::new(data.own.name.clone(), PlotPoints::new(ring(n, &data.own.values)))
                    .fill_color(own.gamma_multiply(0.25))
                    .stroke(Stroke::new(2.5, own)),
            );
            // The level numbers last, on a background of the card's colour:
            // over the lines, never under them.
            let background = theme::card_fill(&visuals).gamma_multiply(0.9);
            for level in 1..=5 {
                let [x, y] = level_label_point(f64::from(level), n);
                plot.text(
                    Text::new(
                        "",
                        PlotPoint::new(x, y),
                        RichText::new(format!(" {level} "))
                            .small()
                            .background_color(background),
                    )
                    .color(visuals.text_color())
                    .anchor(Align2::CENTER_CENTER),
                );
            }
        })
        .response
        .rect
}

fn ranking_card(ui: &mut Ui, ctx: &ViewCtx<'_>, edits: &mut Edits) {
    card(ui, |ui| {
        ui.heading("Target roles, most ready first");
        ui.label(RichText::new("Readiness counts the levels you have toward each role's needs.").weak());
        ui.add_space(4.0);
        let names: Vec<&str> = ctx
            .derived
            .ranking
            .iter()
            .map(|e| ctx.framework.role_name(&e.role))
            .collect();
        let button = widgets::column_width(
            ui,
            names.iter().map(|n| RichText::new(*n).strong()),
            egui::TextStyle::Button,
            60.0,
        ) + 2.0 * ui.spacing().button_padding.x;
        let place = widgets::column_width(ui, ["10."], egui::TextStyle::Body, 0.0);
        widgets::Table::new(&[place, button, 180.0, 0.0])
            .spacing(vec2(10.0, 8.0))
            .show(ui, |table| {
                for (index, (entry, name)) in ctx.derived.ranking.iter().zip(&names).enumerate() {
                    let name = *name;
                    let is_target = entry.role == ctx.plan.target_role;
                    table.row(|row| {
                        row.cell(|ui| ui.label(RichText::new(format!("{}.", index + 1)).weak()));
                        row.cell(|ui| {
                            let text = if is_target {
                                RichText::new(name).strong()
                            } else {
                                RichText::new(name)
                            };
                            let response = ui.add(egui::Button::selectable(is_target, text)).on_hover_text(
                                if is_target {
                                    "Your target role".to_owned()
                                } else {
                                    format!("Make {name} your target role")
                                },
                            );
                            if response.clicked() && !is_target {
                                edits.push(Command::SetTargetRole(entry.role.clone()));
                            }
                        });
                        row.cell(|ui| widgets::readiness_bar(ui, entry.readiness, 180.0, is_target));
                        row.cell(|ui| {
                            ui.label(
                                RichText::new(match entry.total_gap {
                                    0 => "no gap".to_owned(),
                                    1 => "1 level to go".to_owned(),
                                    n => format!("{n} levels to go"),
                                })
                                .weak(),
                            )
                        });
                    });
                }
            });
    });
}

/// Draws one stacked allocation bar.
fn allocation_bar(ui: &mut Ui, allocation: Allocation, width: f32) {
    let visuals = ui.visuals().clone();
    let (rect, response) = ui.allocate_exact_size(vec2(width, 22.0), Sense::hover());
    let shares = allocation.shares();
    let text = Allocation::BUCKETS
        .iter()
        .zip(shares)
        .map(|(b, s)| format!("{b} {s}%"))
        .collect::<Vec<_>>()
        .join(", ");
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::ProgressIndicator, true, &text));
    let mut x = rect.left();
    for (i, share) in shares.iter().enumerate() {
        let w = rect.width() * f32::from(*share) / 100.0;
        let part = egui::Rect::from_min_size(pos2(x, rect.top()), vec2(w, rect.height()));
        let color = theme::bucket(&visuals, i);
        ui.painter().rect_filled(part, CornerRadius::ZERO, color);
        if w > 34.0 {
            ui.painter().text(
                part.center(),
                Align2::CENTER_CENTER,
                format!("{share}%"),
                FontId::proportional(12.0),
                theme::on(color),
            );
        }
        x += w;
    }
    response.on_hover_text(text);
}

fn allocation_card(ui: &mut Ui, ctx: &ViewCtx<'_>) {
    card(ui, |ui| {
        ui.heading("Where the time goes");
        ui.horizontal_wrapped(|ui| {
            for (i, bucket) in Allocation::BUCKETS.iter().enumerate() {
                let (rect, _) = ui.allocate_exact_size(vec2(12.0, 12.0), Sense::hover());
                ui.painter()
                    .rect_filled(rect, CornerRadius::same(2), theme::bucket(ui.visuals(), i));
                ui.label(*bucket);
            }
        });
        ui.add_space(4.0);
        let width = (ui.available_width() - 320.0).clamp(140.0, 420.0);
        let rows: Vec<(&str, &crate::model::RoleDef)> =
            [("Now", &ctx.plan.current_role), ("Target", &ctx.plan.target_role)]
                .into_iter()
                .filter_map(|(label, role)| ctx.framework.role(role).map(|def| (label, def)))
                .collect();
        let labels: Vec<String> = rows
            .iter()
            .map(|(label, def)| format!("{label}: {}", def.name))
            .collect();
        let first = widgets::column_width(ui, labels.iter().map(String::as_str), egui::TextStyle::Body, 0.0);
        widgets::Table::new(&[first, width, 0.0])
            .spacing(vec2(10.0, 8.0))
            .show(ui, |table| {
                for ((_, def), label) in rows.iter().zip(&labels) {
                    table.row(|row| {
                        row.cell(|ui| {
                            ui.label(label.as_str())
                                .on_hover_text(format!("{}: {}", def.name, def.summary))
                        });
                        row.cell(|ui| allocation_bar(ui, def.allocation, width));
                        row.cell(|ui| match def.allocation_source {
                            Source::Articles => ui
                                .label(RichText::new("articles").small().weak())
                                .on_hover_text("This split is given in the articles Trailmap draws on."),
                            Source::Estimate => widgets::estimate_marker(ui),
                        });
                    });
                }
            });
    });
}

fn route_card(ui: &mut Ui, ctx: &ViewCtx<'_>) {
    card(ui, |ui| {
        ui.heading("Your route");
        let steps = &ctx.derived.route;
        if steps.is_empty() {
            ui.label(format!(
                "The framework has no path from {} to {}. Pick another target or current role.",
                ctx.framework.role_name(&ctx.plan.current_role),
                ctx.framework.role_name(&ctx.plan.target_role)
            ));
            return;
        }
        let visuals = ui.visuals().clone();
        let width = ui.available_width();
        let n = steps.len();
        let slot = width / n as f32;
        let height = 86.0;
        let (rect, response) = ui.allocate_exact_size(vec2(width, height), Sense::hover());
        let description = steps
            .iter()
            .map(|s| {
                format!(
                    "{} {}%",
                    ctx.framework.role_name(&s.readiness.role),
                    s.readiness.readiness
                )
            })
            .collect::<Vec<_>>()
            .join(" then ");
        response.widget_info(|| {
            egui::WidgetInfo::labeled(egui::Role::Label, true, format!("Route: {description}"))
        });
        let painter = ui.painter_at(rect);
        let center = |i: usize| pos2(rect.left() + slot * (i as f32 + 0.5), rect.top() + 26.0);
        for (i, step) in steps.iter().enumerate().skip(1) {
            let (a, b) = (center(i - 1), center(i));
            let from = a + vec2(24.0, 0.0);
            let to = b - vec2(24.0, 0.0);
            let stroke = Stroke::new(2.0, visuals.weak_text_color());
            if step.via == Some(MoveKind::Lateral) {
                painter.extend(egui::Shape::dashed_line(&[from, to], stroke, 6.0, 4.0));
            } else {
                painter.line_segment([from, to], stroke);
            }
            painter.arrow(to - vec2(10.0, 0.0), vec2(10.0, 0.0), stroke);
        }
        for (i, step) in steps.iter().enumerate() {
            let c = center(i);
            let r = &step.readiness;
            let color = if i == 0 {
                theme::good(&visuals)
            } else {
                theme::readiness(&visuals, r.readiness)
            };
            painter.circle_filled(c, 22.0, color);
            painter.text(
                c,
                Align2::CENTER_CENTER,
                format!("{}%", r.readiness),
                FontId::proportional(13.0),
                theme::on(color),
            );
            let mut name = ctx.framework.role_name(&r.role).to_owned();
            if i == 0 {
                name.push_str(" (now)");
            } else if i + 1 == n {
                name.push_str(" (target)");
            }
            painter.text(
                c + vec2(0.0, 30.0),
                Align2::CENTER_TOP,
                name,
                FontId::proportional(14.0),
                visuals.text_color(),
            );
        }
        ui.add_space(4.0);
        ui.columns(n, |columns| {
            for (i, step) in steps.iter().enumerate() {
                let ui = &mut columns[i];
                let gaps: Vec<String> = step
                    .readiness
                    .gaps
                    .iter()
                    .filter(|g| g.gap > 0)
                    .map(|g| format!("{} −{}", ctx.plan.skill_name(ctx.framework, &g.skill), g.gap))
                    .collect();
                ui.vertical_centered(|ui| {
                    if i == 0 {
                        ui.label(RichText::new("Where you are").weak());
                    } else if gaps.is_empty() {
                        ui.label(RichText::new("Ready on every skill").color(theme::good(&visuals)));
                    } else {
                        // Body size, as the rest of the view: these are
                        // what stands between the person and the step.
                        ui.spacing_mut().item_spacing.y = 2.0;
                        for gap in gaps {
                            ui.label(gap);
                        }
                    }
                });
            }
        });
        ui.label(
            RichText::new("Solid arrows are the usual next step; dashed ones are lateral moves. Colours: green ready, amber close, red far.")
                .small()
                .weak(),
        );
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn level_numbers_sit_between_two_axes_on_their_ring() {
        for count in 3..=8 {
            let half_wedge = TAU / 2.0 / count as f64;
            for level in 1..=5 {
                let [x, y] = level_label_point(f64::from(level), count);
                let angle = y.atan2(x);
                for axis in 0..count {
                    let [ax, ay] = radar_point(axis, count, 1.0);
                    let apart = (angle - ay.atan2(ax)).rem_euclid(TAU);
                    let apart = apart.min(TAU - apart);
                    assert!(
                        apart > half_wedge - 1e-9,
                        "{count} axes, level {level}: {apart} from axis {axis}"
                    );
                }
                // On the ring's edge: the middle of the side between the
                // first two axes.
                let [ax, ay] = radar_point(0, count, f64::from(level));
                let [bx, by] = radar_point(1, count, f64::from(level));
                assert!((x - (ax + bx) / 2.0).abs() < 1e-9 && (y - (ay + by) / 2.0).abs() < 1e-9);
            }
        }
    }
}
