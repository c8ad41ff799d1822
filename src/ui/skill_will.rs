//! The Skill-Will matrix: each skill placed by ability and motivation, with
//! the coaching approach for its quadrant; the will is rated right here.

use egui::{Align2, Color32, CornerRadius, FontId, RichText, Sense, Stroke, Ui, pos2, vec2};

use super::widgets::{self, PickerChange, card, level_picker};
use super::{Edits, ViewCtx, theme};
use crate::analysis::{self, Quadrant};
use crate::model::{Command, SkillEntry};

/// The quadrants in drawing order: top-left, top-right, bottom-left, bottom-right.
const LAYOUT: [Quadrant; 4] = [
    Quadrant::Guide,
    Quadrant::Delegate,
    Quadrant::Direct,
    Quadrant::Excite,
];

/// Draws the matrix and the will ratings.
pub fn skill_will_ui(ui: &mut Ui, ctx: &ViewCtx<'_>, edits: &mut Edits) {
    card(ui, |ui| {
        ui.heading("Skill and will");
        ui.label(
            RichText::new(
                "How able (mentor's rating, else your own) and how keen you are in each skill. The quadrant \
                 suggests how a mentor can help.",
            )
            .weak(),
        );
        ui.add_space(4.0);
        let skills: Vec<_> = ctx.plan.all_skills(ctx.framework).collect();
        let placed: Vec<Dot> = analysis::skill_will(ctx.plan, ctx.framework)
            .into_iter()
            .map(|p| Dot {
                number: skills
                    .iter()
                    .position(|s| *s.id() == p.skill)
                    .map_or(0, |i| i + 1),
                name: p.name,
                level: p.level.get(),
                will: p.will.get(),
                quadrant: p.quadrant,
            })
            .collect();
        matrix(ui, &placed);
        ui.add_space(6.0);
        let descriptions: Vec<String> = [
            "Not keen; would rather not",
            "Lukewarm",
            "Willing",
            "Keen",
            "Eager; seeks it out",
        ]
        .iter()
        .map(|s| (*s).to_owned())
        .collect();
        let names = widgets::column_width(
            ui,
            skills.iter().map(|s| s.name()).chain(["Skill"]),
            egui::TextStyle::Body,
            0.0,
        );
        let picker = 5.0 * 34.0 + 4.0 * 4.0;
        widgets::Table::new(&[20.0, names, picker, 0.0])
            .spacing(vec2(10.0, 6.0))
            .show(ui, |table| {
                table.row(|row| {
                    row.cell(|_| ());
                    row.cell(|ui| ui.label(RichText::new("Skill").small().weak()));
                    row.cell(|ui| ui.label(RichText::new("Will").small().weak()));
                    row.cell(|ui| ui.label(RichText::new("Approach").small().weak()));
                });
                for (index, skill) in skills.iter().enumerate() {
                    let id = skill.id();
                    let entry = ctx.plan.entry(id);
                    table.row(|row| {
                        row.cell(|ui| {
                            let (dot, _) = ui.allocate_exact_size(vec2(20.0, 20.0), Sense::hover());
                            let color = dot_color(ui.visuals(), index + 1);
                            ui.painter().circle_filled(dot.center(), 9.0, color);
                            ui.painter().text(
                                dot.center(),
                                Align2::CENTER_CENTER,
                                (index + 1).to_string(),
                                FontId::proportional(12.0),
                                theme::on(color),
                            );
                        });
                        row.cell(|ui| ui.label(skill.name()));
                        row.cell(|ui| {
                            let change = level_picker(
                                ui,
                                &format!("{} will", skill.name()),
                                &descriptions,
                                entry.will,
                                None,
                                theme::overlay(ui.visuals(), 1),
                            );
                            if let PickerChange::Set(will) = change {
                                edits.push(Command::SetSkillEntry {
                                    skill: id.clone(),
                                    entry: SkillEntry {
                                        will,
                                        ..entry.clone()
                                    },
                                });
                            }
                        });
                        row.cell(|ui| match placed.iter().find(|p| p.number == index + 1) {
                            Some(p) => {
                                ui.label(RichText::new(p.quadrant.name()).strong())
                                    .on_hover_text(format!(
                                        "Skill {}, will {}. {}",
                                        p.level,
                                        p.will,
                                        p.quadrant.advice()
                                    ));
                            }
                            None => {
                                ui.label(RichText::new("rate skill and will").weak());
                            }
                        });
                    });
                }
            });
    });
}

fn quadrant_color(visuals: &egui::Visuals, quadrant: Quadrant) -> Color32 {
    let base = match quadrant {
        Quadrant::Direct => theme::bad(visuals),
        Quadrant::Guide => theme::warn(visuals),
        Quadrant::Excite => theme::overlay(visuals, 0),
        Quadrant::Delegate => theme::good(visuals),
    };
    base.gamma_multiply(0.16)
}

/// A skill on the chart with the number its dot shows.
struct Dot {
    number: usize,
    name: String,
    level: u8,
    will: u8,
    quadrant: Quadrant,
}

fn dot_color(visuals: &egui::Visuals, number: usize) -> Color32 {
    theme::overlay(visuals, number.saturating_sub(1))
}

/// Draws the matrix: the four quadrants, the axes and a numbered dot per placed skill.
fn matrix(ui: &mut Ui, placed: &[Dot]) {
    let visuals = ui.visuals().clone();
    let side = ui.available_width().min(360.0);
    let margin = 28.0;
    let (rect, response) = ui.allocate_exact_size(vec2(side, side), Sense::hover());
    let description = placed
        .iter()
        .map(|p| format!("{} {}: {}", p.number, p.name, p.quadrant.name()))
        .collect::<Vec<_>>()
        .join(", ");
    response.widget_info(|| {
        egui::WidgetInfo::labeled(
            egui::Role::Image,
            true,
            format!("Skill-Will matrix. {description}"),
        )
    });
    let painter = ui.painter_at(rect);
    let plot = egui::Rect::from_min_max(rect.min + vec2(margin, 4.0), rect.max - vec2(4.0, margin));
    paint_quadrants(&painter, &visuals, plot);
    paint_axes(ui, &painter, &visuals, rect, plot);
    paint_dots(&painter, &visuals, plot, placed);
    if placed.is_empty() {
        painter.text(
            plot.center(),
            Align2::CENTER_CENTER,
            "Rate a skill and its will to place it",
            FontId::proportional(13.0),
            visuals.weak_text_color(),
        );
    }
}

/// Paints the four shaded, named quadrants over the plot area.
fn paint_quadrants(painter: &egui::Painter, visuals: &egui::Visuals, plot: egui::Rect) {
    // Levels 1..5 sit in five equal bands on each axis; "high" starts at 3,
    // so the quadrant lines fall between bands 2 and 3.
    let split = f32::from(analysis::HIGH - 1) / 5.0;
    let split_x = plot.left() + plot.width() * split;
    let split_y = plot.bottom() - plot.height() * split;
    for (i, quadrant) in LAYOUT.iter().enumerate() {
        let (left, right) = if i % 2 == 0 {
            (plot.left(), split_x)
        } else {
            (split_x, plot.right())
        };
        let (top, bottom) = if i / 2 == 0 {
            (plot.top(), split_y)
        } else {
            (split_y, plot.bottom())
        };
        let cell = egui::Rect::from_min_max(pos2(left, top), pos2(right, bottom));
        painter.rect_filled(
            cell.shrink(1.0),
            CornerRadius::same(4),
            quadrant_color(visuals, *quadrant),
        );
        painter.text(
            cell.center_top() + vec2(0.0, 6.0),
            Align2::CENTER_TOP,
            quadrant.name(),
            FontId::proportional(15.0),
            visuals.strong_text_color(),
        );
    }
}

/// Paints the axis names and their low and high ends in the margins of `rect`.
fn paint_axes(ui: &Ui, painter: &egui::Painter, visuals: &egui::Visuals, rect: egui::Rect, plot: egui::Rect) {
    let axis = visuals.weak_text_color();
    painter.text(
        pos2(plot.center().x, rect.bottom() - 4.0),
        Align2::CENTER_BOTTOM,
        "Skill ⏵",
        FontId::proportional(12.0),
        axis,
    );
    painter.text(
        pos2(plot.left(), plot.bottom() + 4.0),
        Align2::LEFT_TOP,
        "low",
        FontId::proportional(11.0),
        axis,
    );
    painter.text(
        pos2(plot.right(), plot.bottom() + 4.0),
        Align2::RIGHT_TOP,
        "high",
        FontId::proportional(11.0),
        axis,
    );
    let will_label = ui
        .painter()
        .layout_no_wrap("Will".to_owned(), FontId::proportional(12.0), axis);
    painter.galley(
        pos2(rect.left(), plot.center().y - will_label.size().y / 2.0),
        will_label,
        axis,
    );
    painter.text(
        pos2(rect.left(), plot.top()),
        Align2::LEFT_TOP,
        "high",
        FontId::proportional(11.0),
        axis,
    );
    painter.text(
        pos2(rect.left(), plot.bottom()),
        Align2::LEFT_BOTTOM,
        "low",
        FontId::proportional(11.0),
        axis,
    );
}

/// Paints a numbered dot per placed skill; dots on the same spot sit side by side.
fn paint_dots(painter: &egui::Painter, visuals: &egui::Visuals, plot: egui::Rect, placed: &[Dot]) {
    // Level n sits in the middle of band n.
    let to_screen = |skill: u8, will: u8| {
        let fx = (f32::from(skill) - 0.5) / 5.0;
        let fy = (f32::from(will) - 0.5) / 5.0;
        pos2(
            plot.left() + plot.width() * fx,
            plot.bottom() - plot.height() * fy,
        )
    };
    // Numbered dots; the table below names them. Dots in the same cell sit side by side.
    // A dot is 18 px wide; dots 20 px apart, centred on the cell's spot.
    let mut used: Vec<(u8, u8)> = Vec::new();
    for p in placed {
        let key = (p.level, p.will);
        let before = used.iter().filter(|k| **k == key).count() as f32;
        let sharing = placed.iter().filter(|q| (q.level, q.will) == key).count() as f32;
        used.push(key);
        let center = to_screen(key.0, key.1) + vec2((before - (sharing - 1.0) / 2.0) * 20.0, 0.0);
        let color = dot_color(visuals, p.number);
        painter.circle_filled(center, 9.0, color);
        painter.circle_stroke(center, 9.0, Stroke::new(1.0, visuals.strong_text_color()));
        painter.text(
            center,
            Align2::CENTER_CENTER,
            p.number.to_string(),
            FontId::proportional(12.0),
            theme::on(color),
        );
    }
}
